#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Shaper: `speed 2048` limits both directions, `speed 1024:2048` limits server -> client to
# 1024 and client -> server to 2048 kbit/s.  VTun's budget is (kbit/8)*1024 + 400 bytes per second
# of encoded frame bytes; a bulk TCP transfer (encrypt/compress off, 1500-byte tun MTU) moves
# 1448 payload bytes per 1500-byte frame, so its goodput must be within 10 % of
# budget * 1448/1500.  Each measurement moves ~5 s worth of data.  Both are TCP sessions over
# UDP and TCP transport (cells 1, 2 TCP; 3 UDP).
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/matrix.sh"
mx_setup
mx_add 1 tcp no no "speed 2048;"
mx_add 2 tcp no no "speed 1024:2048;"
mx_add 3 udp no no "speed 1024:2048;"
mx_server "$SERVER_BIN"
fails=0
# check I DIR KBIT
check() {
	local budget=$(($3 / 8 * 1024 + 400)) kib rate want lo hi
	want=$((budget * 1448 / 1500))
	kib=$((want * 5 / 1024))
	rate=$(mx_rate "$1" "$2" "$kib") || { vt_log "cell $1 $2: transfer failed"; fails=$((fails + 1)); return; }
	lo=$((want * 90 / 100)) hi=$((want * 110 / 100))
	if [ "$rate" -ge "$lo" ] && [ "$rate" -le "$hi" ]; then
		vt_log "cell $1 $2 (speed $3 kbit/s): $rate B/s, expected $want +-10 %: OK"
	else
		vt_log "cell $1 $2 (speed $3 kbit/s): $rate B/s, expected $want +-10 % ($lo..$hi): FAIL"
		fails=$((fails + 1))
	fi
}
for i in 1 2 3; do
	mx_client "$i" "$CLIENT_BIN"
	cpid=$VT_PID
	wait_for_ping "$NS_C" "$(mx_tun_s "$i")" 15 || vt_fail "cell $i: no ping"
	case $i in
	1) check 1 up 2048; check 1 down 2048 ;;
	*) check "$i" up 2048; check "$i" down 1024 ;;
	esac
	grep -q 'Traffic shaping(speed 2048K) initialized' "$T/cli$i.log" ||
		{ vt_log "cell $i: client did not log its 2048K shaper"; fails=$((fails + 1)); }
	vt_stop "$cpid" TERM
done
[ $fails -eq 0 ] || vt_fail "$fails shaper checks failed"
vt_pass "speed N and speed A:B limit each direction within 10 %"
