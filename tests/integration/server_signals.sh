#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# The server's files and signals:
#  - PID file written; `stat yes` writes <host>.dump lines, SIGUSR1 resets the counters;
#  - `multi no`: a second login for a running session is refused;
#  - SIGHUP re-reads the config (a host added afterwards can log in; a broken file is refused
#    and the old config kept);
#  - SIGTERM to the server closes its sessions cleanly: the client is told (close frame) and
#    the down commands run on both sides.
set -u
. "$(dirname "$0")/../lib/ns.sh"
vt_setup
host=sg$ID pw=SgPw$ID host2=sh$ID
vt_tun_confs "$host" "$pw" "  multi no;
  stat yes;
  keepalive 1:5;
  down {
    program /bin/sh \"-c 'echo down %h > $T/srv-down'\" wait;
  };" "  down {
    program /bin/sh \"-c 'echo down %h > $T/cli-down'\" wait;
  };"
cat >>"$T/cli.conf" <<EOF
$host2 {
  passwd $pw;
  device vtcli1;
  up { ip "link set %d up"; };
}
EOF
vt_start_pair "$host"
wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping"
priv=$T/priv-srv

# PID file (Debian's name, in the private /run)
[ "$(cat "$priv/run/vtund.server.pid" 2>/dev/null)" = "$SRV_PID" ] ||
	vt_fail "PID file does not hold $SRV_PID: '$(cat "$priv/run/vtund.server.pid" 2>/dev/null)'"

# stat: the first line comes after min(keepalive interval, 300) s
wait_for_file "$priv/log/$host.dump" 10 || vt_fail "no stat file $host.dump"
grep -Eq '^[A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} [0-9]+ [0-9]+ [0-9]+ [0-9]+$' "$priv/log/$host.dump" ||
	vt_fail "stat line malformed: $(head -n 2 "$priv/log/$host.dump")"
sess=$(vt_session_pid)
for i in 1 2 3 4 5; do vt_ping "$NS_C" "$TUN_S" 1 >/dev/null; done
kill -USR1 "$sess"
wait_for_log "$T/srv.log" "counters reset" 5 || vt_fail "SIGUSR1 did not reset the counters"
kill -0 "$sess" || vt_fail "SIGUSR1 killed the session"

# multi no: a second client for the same host is denied while the first runs
vt_start cli2 "$NS_C" "$CLIENT_BIN" -n -f "$T/cli.conf" "$host" "$ADDR_S"
wait_pid_gone "$VT_PID" 15 || vt_fail "second client for a multi-no host was not refused"
grep -q "Connection denied" "$T/cli2.log" || vt_fail "second client: no 'Connection denied'"
grep -q "refused by policy" "$T/srv.log" || vt_fail "server did not log the multi refusal"

# SIGHUP: a broken file is refused and the old config kept...
cp "$T/srv.conf" "$T/srv.conf.good"
echo "broken {" >>"$T/srv.conf"
kill -HUP "$SRV_PID"
wait_for_log "$T/srv.log" "keeping the previous configuration" 5 || vt_fail "broken config on HUP not refused"
# ...and a good one with a new host is taken
cp "$T/srv.conf.good" "$T/srv.conf"
cat >>"$T/srv.conf" <<EOF
$host2 {
  passwd $pw;
  type tun;
  device vtsrv1;
  up { ip "link set %d up"; };
}
EOF
kill -HUP "$SRV_PID"
sleep 0.5
vt_start cli3 "$NS_C" "$CLIENT_BIN" -n -f "$T/cli.conf" "$host2" "$ADDR_S"
CLI3_PID=$VT_PID
wait_for_log "$T/cli3.log" "Session $host2.* opened" 10 || vt_fail "host added by HUP reload cannot log in"
kill -0 "$SRV_PID" || vt_fail "server died on HUP"

# SIGTERM to the server: sessions end cleanly, down commands run on both sides
vt_stop "$SRV_PID"
wait_pid_gone "$SRV_PID" 10 || vt_fail "server did not exit on SIGTERM"
wait_pid_gone "$sess" 10 || vt_fail "session $sess survived the server's SIGTERM"
wait_for_file "$T/srv-down" 10 || vt_fail "server down command did not run"
grep -q "down $host" "$T/srv-down" || vt_fail "server down command: bad substitution"
wait_for_log "$T/cli.log" "Connection closed by other side" 10 || vt_fail "client was not sent a close frame"
wait_for_file "$T/cli-down" 10 || vt_fail "client down command did not run"
vt_pass "pid file, stat, USR1, multi no, HUP reload, TERM"
