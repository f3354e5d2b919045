#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# Server restart: a client started with -p (persist) notices the lost link, keeps running, and
# reconnects by itself to the restarted server (Debian: 5 s pause between attempts); the
# tunnel pings again.  The server's sessions are stopped explicitly, since a Debian listener's
# SIGTERM leaves them running.
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
vt_setup
host=ps$ID pw=PsPw$ID
vt_tun_confs "$host" "$pw" "  proto tcp;"
vt_start srv "$NS_S" "$SERVER_BIN" -n -s -f "$T/srv.conf"
SRV_PID=$VT_PID
vt_until 10 vt__listening "$NS_S" || vt_fail "server did not start listening"
vt_start cli "$NS_C" "$CLIENT_BIN" -n -p -f "$T/cli.conf" "$host" "$ADDR_S"
CLI_PID=$VT_PID
wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping across the tunnel"
vt_stop "$SRV_PID" TERM
t0=$SECONDS
# The client must notice: its tunnel interface goes away (or at least stops answering).
vt_until 15 sh -c "! ip -n $NS_C link show vtcli0 >/dev/null 2>&1 || ! ip netns exec $NS_C python3 $VT_LIB/icmp_ping.py $TUN_S 1 0.5 >/dev/null 2>&1" ||
	vt_fail "tunnel still answers after the server was stopped"
kill -0 "$CLI_PID" 2>/dev/null || vt_fail "persist client exited when the server went away"
vt_start srv2 "$NS_S" "$SERVER_BIN" -n -s -f "$T/srv.conf"
SRV_PID=$VT_PID
wait_for_ping "$NS_C" "$TUN_S" 30 || vt_fail "persist client did not reconnect within 30 s"
kill -0 "$CLI_PID" 2>/dev/null || vt_fail "client process changed"
vt_log "reconnected $((SECONDS - t0)) s after the server stopped"
vt_pass "persist client reconnected to the restarted server"
