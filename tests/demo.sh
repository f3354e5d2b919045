#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The README demo:  tests/demo.sh BUILD_DIR
# Two throwaway network namespaces joined by a veth pair; a vtund server in one and a client in
# the other, configured from etc/demo/{server,client}.conf; wait for the tunnel, ping across it,
# print the interface counters and the ping round-trip summary, tear everything down.
# Exit 0 on success; otherwise the daemon logs are printed.  VTUND=path overrides the binary
# (VTUND=/usr/sbin/vtund runs the same demo with Debian's vtund).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd) || { echo "usage: $0 BUILD_DIR" >&2; exit 1; }
VTUND=${VTUND:-$build/vtund}
SERVER_BIN=$VTUND CLIENT_BIN=$VTUND
. "$top/tests/lib/ns.sh"
VT_NAME=demo

vt_setup
host=demo$ID
pw=Demo$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
dev_s=vtdemo0 dev_c=vtdemo1

# demo_conf TEMPLATE OUT DEV LOCAL REMOTE: fill in a template from etc/demo.
demo_conf() {
	sed -e "s/@HOST@/$host/g" -e "s/@PASSWORD@/$pw/g" -e "s/@PORT@/$PORT/g" \
		-e "s/@DEV@/$3/g" -e "s/@LOCAL@/$4/g" -e "s/@REMOTE@/$5/g" \
		"$top/etc/demo/$1.conf" | vt_conf "$2"
	! grep -q '@[A-Z]*@' "$T/$2.conf" || vt_fail "unfilled placeholder in $2.conf"
}
demo_conf server srv "$dev_s" "$TUN_S" "$TUN_C"
demo_conf client cli "$dev_c" "$TUN_C" "$TUN_S"

echo "vtund:     $VTUND ($("$VTUND" --version 2>/dev/null | head -n 1 || echo 'no --version'))"
echo "server:    namespace $NS_S, $ADDR_S:$PORT, tunnel $dev_s $TUN_S"
echo "client:    namespace $NS_C, $ADDR_C, tunnel $dev_c $TUN_C"
vt_start_pair "$host" >/dev/null
wait_for_iface "$NS_C" "$dev_c" 20 || vt_fail "client tunnel interface $dev_c did not come up"
wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no reply across the tunnel"
echo "tunnel up: $host"
vt_ping "$NS_C" "$TUN_S" 5 >"$T/ping.out" 2>&1 || vt_fail "ping across the tunnel failed"
sed -n 's/^\([0-9]* packets transmitted.*\)$/ping:      \1/p; s/^rtt \(.*\)$/ping:      rtt \1/p' "$T/ping.out"
stat_of() { ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3"; }
for side in "$NS_C $dev_c client" "$NS_S $dev_s server"; do
	set -- $side
	printf 'stats:     %-6s %s: rx %s packets / %s bytes, tx %s packets / %s bytes\n' "$3" "$2" \
		"$(stat_of "$1" "$2" rx_packets)" "$(stat_of "$1" "$2" rx_bytes)" \
		"$(stat_of "$1" "$2" tx_packets)" "$(stat_of "$1" "$2" tx_bytes)"
done
echo "demo OK: tearing down"
exit 0
