#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# nat_hack, ours against ours: `nat_hack server` (the server waits for the client's first
# datagram) and `nat_hack client` (the client waits), over UDP.  A third namespace (attached to
# the server by a second veth, address 10.79.0.2) floods the server's UDP port with random
# datagrams before and during the sessions: no crash, no hijack (the sessions work, the third
# address receives nothing back), the server keeps serving.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/matrix.sh"
mx_setup
mx_third_ns
ip -n "$NS_X" route add 10.77.0.0/24 via 10.79.0.1
mx_add 1 udp no aes128cbc "nat_hack server;"
mx_add 2 udp lzo:1 blowfish128ecb "" "nat_hack client;"
mx_add 3 udp no no "nat_hack server;"
mx_server "$SERVER_BIN"
# Flood from before the first session until all cells are done; it counts what comes back.
ip netns exec "$NS_X" python3 - "$ADDR_S" "$PORT" >"$T/flood.out" 2>&1 <<'PY' &
import os, socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 7777)); s.setblocking(False)
sent = back = 0; end = time.monotonic() + 25
while time.monotonic() < end:
    for _ in range(20):
        try:
            s.sendto(os.urandom(2 + sent % 200), (sys.argv[1], int(sys.argv[2]))); sent += 1
        except OSError:
            pass
    try:
        while True:
            s.recv(4096); back += 1
    except OSError:
        pass
    time.sleep(0.005)
print("sent", sent, "back", back, flush=True)
PY
FLOOD=$!
VT_PIDS+=("$FLOOD")
sleep 1
mx_run_cells 1 "$CLIENT_BIN" 1 2 3 || vt_fail "$? nat_hack cells failed"
kill -0 "$SRV_PID" 2>/dev/null || vt_fail "server died"
grep -q 'NAT hack: peer is 10.77.0.2' "$T/srv.log" || vt_fail "server did not log the NAT-hack peer"
grep -q 'NAT hack: peer is 10.77.0.1' "$T/cli2.log" || vt_fail "client did not log the NAT-hack peer"
grep 'NAT hack' "$T/srv.log" | sort | uniq -c | head -n 5
wait "$FLOOD"
cat "$T/flood.out"
grep -q 'back 0$' "$T/flood.out" || vt_fail "the third address received datagrams: $(cat "$T/flood.out")"
vt_pass "nat_hack server/client work, a flooding third address neither crashed nor hijacked"
