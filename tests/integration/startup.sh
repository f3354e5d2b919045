#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# Start-up as the caller sees it: failures give a message and a non-zero exit (port in use,
# bad config, unknown host, no hosts); without -n the server detaches, the command returns 0
# only once it is listening, and the detached server serves clients.
set -u
. "$(dirname "$0")/../lib/ns.sh"
vt_setup
host=st$ID pw=StPw$ID
vt_tun_confs "$host" "$pw"
run_in() { # run_in NS LOG CMD...: run to completion in a private mount ns, return its status
	local ns=$1 log=$2; shift 2
	mkdir -p "$T/priv-x/run/lock/vtund" "$T/priv-x/log"
	timeout 20 ip netns exec "$ns" unshare -m --propagation private sh -c '
		mount --bind "$0/run" /run && mount --bind "$0/log" /var/log/vtund && exec "$@"' \
		"$T/priv-x" "$@" >"$log" 2>&1 </dev/null
}

# a configuration error: exit 1 with file:line
printf 'options { port 0; }\n%s { passwd x; }\n' "$host" >"$T/bad.conf"; chmod 600 "$T/bad.conf"
run_in "$NS_S" "$T/bad.log" "$SERVER_BIN" -n -s -f "$T/bad.conf"; rc=$?
[ $rc -eq 1 ] || vt_fail "bad config: exit $rc, expected 1"
grep -q "bad.conf:1:" "$T/bad.log" || vt_fail "bad config: no file:line in: $(cat "$T/bad.log")"

# no hosts: exit 1
printf 'options { port 5000; }\n' >"$T/empty.conf"; chmod 600 "$T/empty.conf"
run_in "$NS_S" "$T/empty.log" "$SERVER_BIN" -n -s -f "$T/empty.conf"; rc=$?
[ $rc -eq 1 ] || vt_fail "no hosts: exit $rc, expected 1"
grep -q "No hosts defined" "$T/empty.log" || vt_fail "no hosts: message missing"

# client for a host that is not in the file: exit 1
run_in "$NS_C" "$T/nohost.log" "$CLIENT_BIN" -n -f "$T/cli.conf" nosuchhost "$ADDR_S"; rc=$?
[ $rc -eq 1 ] || vt_fail "unknown host: exit $rc, expected 1"
grep -q "Host nosuchhost not found" "$T/nohost.log" || vt_fail "unknown host: message missing"

# usage errors: exit 1 with usage
run_in "$NS_C" "$T/usage.log" "$CLIENT_BIN" -f "$T/cli.conf" onlyonearg; rc=$?
[ $rc -eq 1 ] && grep -q "Usage" "$T/usage.log" || vt_fail "usage error: exit $rc"

# port in use: exit 1 with the bind error
ip netns exec "$NS_S" python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("0.0.0.0", int(sys.argv[1]))); s.listen(1); time.sleep(30)' "$PORT" &
blocker=$!
VT_PIDS+=("$blocker")
vt_until 5 vt__listening "$NS_S" || vt_fail "port blocker did not start"
run_in "$NS_S" "$T/inuse.log" "$SERVER_BIN" -n -s -f "$T/srv.conf"; rc=$?
[ $rc -eq 1 ] || vt_fail "port in use: exit $rc, expected 1"
grep -q "Can't bind" "$T/inuse.log" || vt_fail "port in use: no bind error in: $(cat "$T/inuse.log")"
# the same without -n: the detaching server must still report the failure
run_in "$NS_S" "$T/inuse2.log" "$SERVER_BIN" -s -f "$T/srv.conf"; rc=$?
[ $rc -eq 1 ] || vt_fail "port in use (detaching): exit $rc, expected 1"
kill "$blocker"; wait "$blocker" 2>/dev/null
vt_until 5 sh -c "! ip netns exec $NS_S ss -Hltn 'sport = :$PORT' | grep -q ." || vt_fail "blocker still listening"

# detached server: returns 0 once listening, then serves a client
run_in "$NS_S" "$T/daemon.log" "$SERVER_BIN" -s -f "$T/srv.conf"; rc=$?
[ $rc -eq 0 ] || vt_fail "detaching server: exit $rc, expected 0"
vt__listening "$NS_S" || vt_fail "detached server is not listening right after its start returned"
dpid=$(cat "$T/priv-x/run/vtund.server.pid" 2>/dev/null)
[ -n "$dpid" ] && kill -0 "$dpid" 2>/dev/null || vt_fail "detached server: no live PID in the PID file"
VT_PIDS+=("$dpid")
vt_start cli "$NS_C" "$CLIENT_BIN" -n -f "$T/cli.conf" "$host" "$ADDR_S"
wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping through the detached server"
kill "$dpid"
wait_pid_gone "$dpid" 10 || vt_fail "detached server did not stop on SIGTERM"
vt_pass "start-up failures reported, detaching server works"
