#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# How long 256 KiB take through UDP sessions with a resynchronising cipher under loss (not a
# pass/fail test: it prints figures).  RS_CIPHERS (default three aes128ofb cells) run at once;
# nft drops LOSS % (default 5) of the VTun datagrams arriving in both namespaces; ROUNDS
# (default 10) rounds of one transfer per cell.  Prints every transfer's time, then the median
# and the maximum.  With RS_PCAP=1 it keeps tcpdump captures of both tun devices and both veths
# per round in the kept test dir (VT_KEEP=1), which is how the OFB stall was found: a lost
# datagram made the receiver drop the next frame too, usually the inner TCP's retransmission.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/matrix.sh"
command -v nft >/dev/null || vt_skip "nft not installed"
MX_ONLY=${RS_CIPHERS:-"aes128ofb aes128ofb aes128ofb"}
mx_setup
mx_robust_cells
mx_server "$SERVER_BIN"
for i in "${MX_CELLS[@]}"; do mx_client "$i" "$CLIENT_BIN"; done
for i in "${MX_CELLS[@]}"; do wait_for_ping "$NS_C" "$(mx_tun_s "$i")" 20 || vt_fail "no ping in cell $i"; done
mx_loss_on "${LOSS:-5}"
: >"$T/times"
for r in $(seq 1 "${ROUNDS:-10}"); do
	tp=()
	if [ "${RS_PCAP:-0}" = 1 ] && command -v tcpdump >/dev/null; then
		for i in "${MX_CELLS[@]}"; do
			ip netns exec "$NS_S" tcpdump -U -n -i "mxs$i" -w "$T/caps$i-$r.pcap" tcp >/dev/null 2>&1 & tp+=($!)
			ip netns exec "$NS_C" tcpdump -U -n -i "mxc$i" -w "$T/capc$i-$r.pcap" tcp >/dev/null 2>&1 & tp+=($!)
		done
		ip netns exec "$NS_S" tcpdump -U -n -i "$VETH_S" -w "$T/udps-$r.pcap" udp >/dev/null 2>&1 & tp+=($!)
		ip netns exec "$NS_C" tcpdump -U -n -i "$VETH_C" -w "$T/udpc-$r.pcap" udp >/dev/null 2>&1 & tp+=($!)
		sleep 1
	fi
	xp=()
	for i in "${MX_CELLS[@]}"; do
		(
			t0=$(date +%s.%N)
			MX_XFER_TIMEOUT=60 MX_TAG=-r$r mx_xfer "$i"; rc=$?
			t=$(echo "$(date +%s.%N) - $t0" | bc)
			echo "round $r $(mx_desc "$i"): rc $rc, $t s"
			echo "$t" >>"$T/times"
		) & xp+=($!)
	done
	wait "${xp[@]}"
	[ ${#tp[@]} -eq 0 ] || { sleep 0.5; kill "${tp[@]}" 2>/dev/null; wait "${tp[@]}" 2>/dev/null; }
done
mx_loss_off
sort -n "$T/times" | awk '{ v[NR] = $1 } END { printf "transfers %d, median %.2f s, max %.2f s\n", NR, v[int((NR + 1) / 2)], v[NR] }'
vt_pass "figures above"
