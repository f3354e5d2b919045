#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# zlib over UDP with loss: one deflate stream per direction (VTun wire format), so a lost
# datagram must end the session with a clear "Inflate error" log line - not a crash - and a
# persist (-p) client must reconnect once the loss stops.  Loss: 20 % of the arriving UDP
# datagrams in both namespaces (nft numgen) while pings run.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/matrix.sh"
command -v nft >/dev/null || vt_skip "nft not installed"
mx_setup
mx_add 1 udp zlib:9 aes128cbc
mx_server "$SERVER_BIN"
mx_client 1 "$CLIENT_BIN" -p
CLI_PID=$VT_PID
wait_for_ping "$NS_C" "$(mx_tun_s 1)" 15 || vt_fail "no ping before the loss"
mx_loss_on 20
t0=$SECONDS
while [ $((SECONDS - t0)) -lt 30 ] && ! grep -q 'Inflate error' "$T/srv.log" "$T/cli1.log"; do
	vt_ping "$NS_C" "$(mx_tun_s 1)" 5 >/dev/null 2>&1
done
mx_loss_off
grep -h 'Inflate error' "$T/srv.log" "$T/cli1.log" | head -n 2
grep -q 'Inflate error' "$T/srv.log" "$T/cli1.log" || vt_fail "no 'Inflate error' logged within 30 s of 20 % loss"
kill -0 "$SRV_PID" 2>/dev/null || vt_fail "server died"
kill -0 "$CLI_PID" 2>/dev/null || vt_fail "persist client exited"
wait_for_ping "$NS_C" "$(mx_tun_s 1)" 30 || vt_fail "persist client did not reconnect within 30 s"
MX_TAG=-after mx_xfer 1 || vt_fail "transfer after the reconnect failed"
vt_pass "zlib session ended with 'Inflate error' and the persist client reconnected"
