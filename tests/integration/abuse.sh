#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# Handshake abuse against a running server (tests/lib/vtproto.py speaks the raw protocol):
# wrong password, unknown host, garbage instead of HOST, a silent client (dropped after the
# options `timeout`, 3 s here), a 10 MB line without terminator, disconnects in the middle of the
# handshake, and an over-long frame header (2304 > 2148) after a good login.  Afterwards the
# listener must still be alive with no session process left behind, and a good client must
# connect and ping.
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"
vt_setup
python3 "$VT_LIB/vtproto.py" selftest >/dev/null || vt_fail "vtproto.py challenge self-test failed"
host=ab$ID pw=AbPw$ID
VT_TIMEOUT=3 vt_options | vt_conf srv
cat >>"$T/srv.conf" <<EOF
$host {
  passwd $pw;
  type tun;
  proto tcp;
  device vtsrv0;
$(vt_up_tun "$TUN_S" "$TUN_C")
}
EOF
vt_options | vt_conf cli
cat >>"$T/cli.conf" <<EOF
$host {
  passwd $pw;
  device vtcli0;
$(vt_up_tun "$TUN_C" "$TUN_S")
}
EOF
vt_start srv "$NS_S" "$SERVER_BIN" -n -s -f "$T/srv.conf"
SRV_PID=$VT_PID
vt_until 10 vt__listening "$NS_S" || vt_fail "server did not start listening"

abuse() { # abuse NAME ARGS...: one raw-protocol probe; the listener must survive it
	echo "== $1" >>"$T/abuse.out"
	ip netns exec "$NS_C" timeout 30 python3 "$VT_LIB/vtproto.py" "$@" >>"$T/abuse.out" 2>&1 ||
		vt_fail "probe '$1' failed: $(tail -n 1 "$T/abuse.out")"
	kill -0 "$SRV_PID" 2>/dev/null || vt_fail "listener died after probe '$1'"
}
abuse wrongpw "$ADDR_S" "$PORT" "$host" "Wrong$pw"
abuse unknown "$ADDR_S" "$PORT" "nosuch$ID" "$pw"
abuse garbage "$ADDR_S" "$PORT"
abuse longline "$ADDR_S" "$PORT"
abuse midhost "$ADDR_S" "$PORT"
abuse midchal "$ADDR_S" "$PORT" "$host"
abuse silent "$ADDR_S" "$PORT" 3
abuse oversize "$ADDR_S" "$PORT" "$host" "$pw"
# Several clients that vanish mid-handshake at once.
probes=()
for i in 1 2 3 4 5; do
	ip netns exec "$NS_C" python3 "$VT_LIB/vtproto.py" midhost "$ADDR_S" "$PORT" >/dev/null 2>&1 &
	probes+=($!)
done
wait "${probes[@]}"
vt_log "probes: $(grep -v '^==' "$T/abuse.out" | tr '\n' ';')"
# Sessions that ended must not linger; a stuck handshake child is dropped after `timeout`.
wait_children "$SRV_PID" 0 10 ||
	vt_fail "session processes left behind: $(vt_children "$SRV_PID" | tr '\n' ' ')"
vt_start cli "$NS_C" "$CLIENT_BIN" -n -f "$T/cli.conf" "$host" "$ADDR_S"
CLI_PID=$VT_PID
wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "good client cannot ping after the abuse"
[ "$(vt_children "$SRV_PID" | wc -l)" -eq 1 ] ||
	vt_fail "expected exactly one session process, got: $(vt_children "$SRV_PID" | tr '\n' ' ')"
vt_pass "server survived the abuse and still serves a good client"
