#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# inetd mode: `vtund -i` runs one session on the connection it finds on stdin (stdout and
# stderr are that connection too, as inetd sets them up): the tunnel comes up and pings.
set -u
. "$(dirname "$0")/../lib/ns.sh"
vt_setup
host=in$ID pw=InPw$ID
vt_tun_confs "$host" "$pw"
# A one-shot "inetd": accept one connection, put it on fds 0-2 and exec the server.
cat >"$T/inetd.py" <<'EOF'
import os, socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen(1)
c, _ = s.accept()
s.close()
for fd in (0, 1, 2):
    os.dup2(c.fileno(), fd)
c.close()
os.execv(sys.argv[3], sys.argv[3:])
EOF
vt_start inetd "$NS_S" python3 "$T/inetd.py" "$ADDR_S" "$PORT" "$SERVER_BIN" -i -f "$T/srv.conf"
SRV_PID=$VT_PID
vt_until 10 vt__listening "$NS_S" || vt_fail "inetd stand-in did not listen"
vt_start cli "$NS_C" "$CLIENT_BIN" -n -f "$T/cli.conf" "$host" "$ADDR_S"
CLI_PID=$VT_PID
wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping through the inetd-started session"
wait_for_ping "$NS_S" "$TUN_C" 5 || vt_fail "no ping from the server side"
vt_stop "$CLI_PID"
wait_pid_gone "$SRV_PID" 10 || vt_fail "the inetd session did not end with its client"
vt_pass "inetd session works"
