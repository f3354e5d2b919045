#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Cipher abuse against our server, every `encrypt` value over UDP (compress no / lzo in turn):
#  1. a client with the wrong password in every mode is denied ("Connection denied");
#  2. through tests/lib/udprelay.py, 5 % of the datagrams in both directions get one bit flipped
#     and 5 % are truncated (half of them with a matching frame header) while every session
#     pings and transfers: nothing may crash;
#  3. garbage datagrams from a third address to the server's UDP port;
#  4. afterwards the server is alive and serves a good client in every mode (fresh sessions).
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/matrix.sh"
mx_setup
mx_third_ns
ip -n "$NS_X" route add 10.77.0.0/24 via 10.79.0.1
mx_robust_cells
n=${#MX_CELLS[@]}
for i in "${MX_CELLS[@]}"; do  # the same modes again, for fresh sessions at the end
	mx_add $((i + n)) udp "${MX_COMP[$i]}" "${MX_CIPH[$i]}"
done
mx_server "$SERVER_BIN"

# 1. wrong password, every mode
sed 's/passwd MxPw/passwd WrongPw/' "$T/cli.conf" >"$T/cli-bad.conf"
for i in $(seq 1 "$n"); do MX_CLI_CONF=$T/cli-bad.conf mx_client "$i" "$CLIENT_BIN"; done
for i in $(seq 1 "$n"); do
	wait_pid_gone "$(cat "$T/cli$i.pid")" 15 || vt_fail "$(mx_desc "$i"): wrong-password client still running"
	grep -q 'Connection denied' "$T/cli$i.log" || vt_fail "$(mx_desc "$i"): wrong password not denied"
	mv "$T/cli$i.log" "$T/bad$i.log"
done
vt_log "wrong password denied in all $n modes"

# 2. bit flips and truncation through the relay
mx_relay --flip 0.05 --trunc 0.05 --seed 3
MX_CELLS_ALL=("${MX_CELLS[@]}")
MX_CELLS=($(seq 1 "$n"))
for i in "${MX_CELLS[@]}"; do mx_client "$i" "$CLIENT_BIN"; done
for i in "${MX_CELLS[@]}"; do
	wait_for_ping "$NS_C" "$(mx_tun_s "$i")" 20 || vt_fail "$(mx_desc "$i"): no ping before the abuse"
done
kill -USR1 "$RELAY_PID"
abuse() { MX_TAG=-abuse MX_XFER_TIMEOUT=8 mx_xfer "$1" 64; vt_ping "$NS_C" "$(mx_tun_s "$1")" 5 >/dev/null 2>&1; echo "cell-ok $1"; }
mx_batch 4 abuse "${MX_CELLS[@]}" >/dev/null
# 3. garbage from a third address meanwhile
mx_garbage "$NS_X" "$ADDR_S" "$PORT" 2000 5
kill -USR2 "$RELAY_PID"
wait_for_log "$T/relay.log" 'disturbance off' 5
grep 'disturbance off' "$T/relay.log" | tail -n 1
grep -q 'disturbance off.* flip=[1-9].* trunc=[1-9]' "$T/relay.log" || vt_fail "the relay flipped/truncated nothing"
kill -0 "$SRV_PID" 2>/dev/null || vt_fail "server died under the abuse"
alive=0
for i in "${MX_CELLS[@]}"; do kill -0 "$(cat "$T/cli$i.pid")" 2>/dev/null && alive=$((alive + 1)); done
vt_log "$alive of $n sessions still running after the abuse"
for i in "${MX_CELLS[@]}"; do vt_stop "$(cat "$T/cli$i.pid")" TERM; done

# 4. fresh good sessions in every mode, directly (no relay)
MX_CLI_CONF=$T/cli.conf MX_CLI_ADDR=$ADDR_S
mx_run_cells 3 "$CLIENT_BIN" $(seq $((n + 1)) $((2 * n))) || vt_fail "$? good sessions failed after the abuse"
kill -0 "$SRV_PID" 2>/dev/null || vt_fail "server died"
vt_pass "wrong passwords denied, flipped/truncated/garbage datagrams survived, server still serves"
