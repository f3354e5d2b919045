#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# multi killold: a second client for the same host (from a third namespace) replaces the first:
# the first session process is gone, the first client sees its link end, the second pings, and
# exactly one session process remains.
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
vt_setup
NS_C2=vt${ID}d ADDR_S2=10.77.1.1 ADDR_C2=10.77.1.2
vt_ns_add "$NS_C2"
vt_link "$NS_S" "vt${ID}s1" "$ADDR_S2/24" "$NS_C2" "vt${ID}d0" "$ADDR_C2/24"
host=ko$ID pw=KoPw$ID
vt_tun_confs "$host" "$pw" "  proto tcp;
  multi killold;"
vt_start_pair "$host"
wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping from the first client"
sess1=$(vt_session_pid)
[ -n "$sess1" ] || vt_fail "no server session process"
vt_start cli2 "$NS_C2" "$CLIENT_BIN" -n -f "$T/cli.conf" "$host" "$ADDR_S2"
CLI2_PID=$VT_PID
wait_pid_gone "$sess1" 10 || vt_fail "old session $sess1 was not killed"
wait_for_ping "$NS_C2" "$TUN_S" 20 || vt_fail "no ping from the second client"
wait_pid_gone "$CLI_PID" 15 || vt_fail "first client did not notice its session was replaced"
kill -0 "$CLI2_PID" 2>/dev/null || vt_fail "second client exited"
[ "$(vt_children "$SRV_PID" | wc -l)" -eq 1 ] ||
	vt_fail "expected one session process, got: $(vt_children "$SRV_PID" | tr '\n' ' ')"
vt_pass "killold replaced the first session"
