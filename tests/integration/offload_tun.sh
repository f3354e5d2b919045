#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# Tun offloads against the real kernel: two vnet-hdr tuns in two namespaces joined by
# `offload_fwd` (TSO read -> offload_split -> GRO -> GSO write, as the link does).
# A bulk IPv4 and IPv6 TCP transfer must arrive intact, the reads must be TSO super-packets,
# every split segment must carry valid checksums, GRO must have coalesced, and the receiving
# kernel must count no TCP checksum errors.
set -u
. "$(dirname "$0")/../lib/ns.sh"
FWD=${OFFLOAD_FWD:-${VTUN_BUILD:-$VT_TOP/build}/tests/unit/offload/offload_fwd}
[ -x "$FWD" ] || vt_skip "$FWD missing (make check TESTS=)"
vt_setup
TA=vt${ID}a TB=vt${ID}b
for ns in "$NS_S" "$NS_C"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.default.disable_ipv6=0
done
ip -n "$NS_C" tuntap add dev "$TA" mode tun vnet_hdr || vt_skip "ip tuntap has no vnet_hdr"
ip -n "$NS_S" tuntap add dev "$TB" mode tun vnet_hdr || vt_skip "ip tuntap has no vnet_hdr"
ip -n "$NS_C" addr add 10.79.0.1/24 dev "$TA"
ip -n "$NS_S" addr add 10.79.0.2/24 dev "$TB"
ip -n "$NS_C" addr add fd79::1/64 dev "$TA" nodad
ip -n "$NS_S" addr add fd79::2/64 dev "$TB" nodad
ip -n "$NS_C" link set "$TA" up
ip -n "$NS_S" link set "$TB" up

"$FWD" "/var/run/netns/$NS_C" "$TA" "/var/run/netns/$NS_S" "$TB" 120 >"$T/fwd.log" 2>&1 &
FPID=$!
VT_PIDS+=("$FPID")
wait_for_log "$T/fwd.log" '^ready' 10 || vt_fail "forwarder did not start: $(cat "$T/fwd.log")"
wait_for_ping "$NS_C" 10.79.0.2 10 || vt_fail "no ping through the forwarder"

# xfer ADDR: 32 MiB from NS_C to NS_S; prints the receiver's "bytes sha256".
cat >"$T/xfer.py" <<'PY'
import hashlib, socket, sys, time
mode, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
if mode == "recv":
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, port)); ls.listen(1); ls.settimeout(30)
    open(sys.argv[4], "w").close()
    c, _ = ls.accept(); c.settimeout(30)
    h = hashlib.sha256(); n = 0
    while True:
        b = c.recv(1 << 16)
        if not b:
            break
        h.update(b); n += len(b)
    print(n, h.hexdigest())
else:
    data = open(sys.argv[4], "rb").read()
    s = socket.create_connection((addr, port), timeout=30)
    s.sendall(data); s.close()
PY
head -c $((32 << 20)) /dev/urandom >"$T/data"
want="$((32 << 20)) $(sha256sum "$T/data" | cut -d' ' -f1)"
for dst in 10.79.0.2 fd79::2; do
	rm -f "$T/ready"
	ip netns exec "$NS_S" timeout 60 python3 "$T/xfer.py" recv "$dst" 5201 "$T/ready" >"$T/recv.out" 2>"$T/recv.log" &
	rpid=$!
	wait_for_file "$T/ready" 10 || [ -e "$T/ready" ] || vt_fail "receiver did not start"
	ip netns exec "$NS_C" timeout 60 python3 "$T/xfer.py" send "$dst" 5201 "$T/data" ||
		vt_fail "send to $dst failed"
	wait "$rpid" || vt_fail "receiver for $dst failed: $(cat "$T/recv.log")"
	got=$(cat "$T/recv.out")
	[ "$got" = "$want" ] || vt_fail "transfer to $dst: got '$got', want '$want'"
	vt_log "transfer to $dst intact"
done

kill -TERM "$FPID"
wait "$FPID"
frc=$?
cat "$T/fwd.log"
[ $frc -eq 0 ] || vt_fail "forwarder saw malformed packets (exit $frc)"
# side 0 reads the sender's tun: TSO super-packets; side 0's GRO writes into the receiver.
field() { sed -n "s/^side 0:.* $1 \([0-9]*\).*/\1/p" "$T/fwd.log"; }
supers=$(field supers) gso=$(field gso) coalesced=$(field coalesced)
[ "${supers:-0}" -gt 0 ] && [ "${gso:-0}" -gt 0 ] || vt_fail "no TSO super-packets were read"
[ "${coalesced:-0}" -gt 0 ] || vt_fail "GRO coalesced nothing"
errs=$(ip netns exec "$NS_S" nstat -az TcpInCsumErrors 2>/dev/null | awk '/TcpInCsumErrors/ { print $2 }')
[ "${errs:-0}" -eq 0 ] || vt_fail "receiver counted $errs TCP checksum errors"
vt_pass "tso reads $supers, gro coalesced $coalesced segments, v4+v6 32 MiB intact"
