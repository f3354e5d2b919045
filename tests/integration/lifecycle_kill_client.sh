#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# kill -9 of the client: the server session sees EOF, ends, and runs its down commands; no
# session process is left and the listener keeps serving (a new client pings again).
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
vt_setup
host=kc$ID pw=KcPw$ID
vt_tun_confs "$host" "$pw" "  proto tcp;
  keepalive 2:2;
  down {
    program /bin/sh \"-c 'echo down %h %d >>$T/srv.down'\" wait;
  };"
vt_start_pair "$host"
wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping across the tunnel"
sess=$(vt_session_pid)
[ -n "$sess" ] || vt_fail "no server session process"
kill -KILL "$CLI_PID"; wait "$CLI_PID" 2>/dev/null
t0=$SECONDS
wait_pid_gone "$sess" 20 || vt_fail "server session $sess still running 20 s after kill -9 of the client"
wait_for_file "$T/srv.down" 5 || vt_fail "server down command did not run"
[ "$(cat "$T/srv.down")" = "down $host vtsrv0" ] || vt_fail "down wrote '$(cat "$T/srv.down")'"
vt_log "session ended $((SECONDS - t0)) s after the client was killed; down ran"
wait_children "$SRV_PID" 0 5 || vt_fail "processes left under the listener"
vt_start cli2 "$NS_C" "$CLIENT_BIN" -n -f "$T/cli.conf" "$host" "$ADDR_S"
wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "a new client cannot ping after the kill"
vt_pass "client kill -9 handled"
