#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Regression: no corrupted packet reaches our tun after a cipher resync, against Debian's vtund
# 3.0.4 ($DEBIAN_VTUND) over UDP.  One session per cipher (RS_CIPHERS, default aes128cbc and
# aes256ofb) runs at the same time; nft drops RS_LOSS % (default 5) of the VTun datagrams
# arriving in the namespaces for RS_SECS seconds (default 20) while the Debian side ping-floods
# our tunnel end.  Runs twice: our server ($SERVER_BIN) + Debian clients, then Debian's server +
# our clients ($CLIENT_BIN); RS_SIDES="srv" or "cli" runs only one of them.
#
# Why it can fail: a receiver that encodes its resync frame into the buffers still holding the
# packet it just decoded writes that packet to the tun with its first cipher blocks replaced;
# the kernel refuses it (tun rx_dropped) or drops it as a bad IP header (Ip InHdrErrors), etc.
# Witness, on our side only: the tun's rx dropped/errors and the namespace's Ip InHdrErrors,
# InAddrErrors, IpExt InTruncatedPkts, Icmp InErrors, Udp/Tcp InCsumErrors (lib/netcounters.sh);
# all must stay 0.  So that it cannot pass vacuously, nft must have dropped datagrams, every
# session must have resynchronised (RS_MIN_RESYNC resync frames of ours: 1-byte dummies that
# reached the Debian side, plus packets repeated under a new IV that Debian asked for, which
# our debug log counts) and most pings must have been answered.
#
# Loss arrives in both namespaces: loss towards us makes our receiver ask for new IVs (OFB;
# CBC heals itself after one frame), loss towards Debian makes Debian send us rsyn in-band
# blocks, and each rsyn we decode makes us send a resync frame while the packet that carried
# it is still to be written: the case that corrupted packets with both ciphers.
#
# Keeping the Debian session alive: VTun writes the peer's 1-byte resync dummy to its device;
# Linux refuses a 1-byte tun or tap write (EINVAL: no IP version nibble, shorter than an
# Ethernet header) and VTun then ends the session (doc/PROTOCOL.md §8.5), within a second at 5 % loss.
# `type pipe` is no way out: the device type is the server's choice (a flag of the handshake),
# so a tun on our side means a tun on Debian's side.  The Debian process therefore runs with
# lib/tun_skip_1byte.c preloaded, which makes exactly those 1-byte writes to a tun succeed
# without reaching the kernel and logs one line per dummy; every real packet goes to the
# kernel unchanged.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/matrix.sh"
. "$VT_LIB/netcounters.sh"

RS_CIPHERS=(${RS_CIPHERS:-aes128cbc aes256ofb})
RS_SECS=${RS_SECS:-20}
RS_LOSS=${RS_LOSS:-5}
RS_MIN_RESYNC=${RS_MIN_RESYNC:-20}
RS_PING_INTERVAL=${RS_PING_INTERVAL:-0.002}
RS_PING_SIZE=${RS_PING_SIZE:-600}

vt_need_debian
for tool in nft cc jq ping; do
	command -v "$tool" >/dev/null || vt_skip "$tool not installed"
done

# rs_debian: the command words for Debian's vtund with the 1-byte tun write shim.
rs_debian() { echo env "LD_PRELOAD=$T/tun_skip_1byte.so" "TUN_SKIP_LOG=$T/skipped.log" "$DEBIAN_VTUND"; }

# rs_dropped NS: datagrams the loss rule of lib/matrix.sh (mx_loss_on) has dropped in NS.
rs_dropped() {
	ip netns exec "$1" nft list table inet mxloss | grep -o 'packets [0-9]*' |
		awk '{ s += $2 } END { print s + 0 }'
}

# rs_case SIDE: SIDE srv = our server + Debian clients, cli = Debian server + our clients.
rs_case() {
	local side=$1 i our_ns deb_ns our_addr our_pfx deb_pfx pids=() bad=0 t0=$SECONDS
	vt_setup
	cc -shared -fPIC -o "$T/tun_skip_1byte.so" "$VT_LIB/tun_skip_1byte.c" ||
		vt_fail "cannot build the tun write shim"
	# One matrix cell per cipher (lib/matrix.sh): host mx<I>, devices mxs<I> / mxc<I>.
	for i in "${!RS_CIPHERS[@]}"; do mx_add "$((i + 1))" udp no "${RS_CIPHERS[$i]}"; done
	mx_write_confs
	if [ "$side" = srv ]; then
		our_ns=$NS_S deb_ns=$NS_C our_addr=mx_tun_s our_pfx=mxs deb_pfx=mxc
		vt_start srv "$NS_S" "$SERVER_BIN" -v -n -s -f "$T/srv.conf"
		SRV_PID=$VT_PID
		our_log() { cat "$T/srv.log"; }
		vt_until 10 vt__listening "$NS_S" || vt_fail "server did not start listening"
		for i in "${MX_CELLS[@]}"; do
			vt_start "cli$i" "$NS_C" $(rs_debian) -n -f "$T/cli.conf" "mx$i" "$ADDR_S"
		done
	else
		our_ns=$NS_C deb_ns=$NS_S our_addr=mx_tun_c our_pfx=mxc deb_pfx=mxs
		vt_start srv "$NS_S" $(rs_debian) -n -s -f "$T/srv.conf"
		SRV_PID=$VT_PID
		vt_until 10 vt__listening "$NS_S" || vt_fail "server did not start listening"
		for i in "${MX_CELLS[@]}"; do
			vt_start "cli$i" "$NS_C" "$CLIENT_BIN" -v -n -f "$T/cli.conf" "mx$i" "$ADDR_S"
		done
		our_log() { cat "$T"/cli*.log; }
	fi
	local devs=()
	for i in "${MX_CELLS[@]}"; do
		wait_for_ping "$deb_ns" "$($our_addr "$i")" 20 ||
			vt_fail "$(mx_desc "$i"): no ping across the tunnel"
		devs+=("$our_pfx$i")
	done
	: >"$T/skipped.log"     # count only the dummies of the lossy period
	nc_snapshot "$our_ns" "${devs[@]}" >"$T/before.cnt"
	mx_loss_on "$RS_LOSS"          # VTun datagrams arriving in either namespace
	for i in "${MX_CELLS[@]}"; do
		ip netns exec "$deb_ns" ping -q -n -i "$RS_PING_INTERVAL" -s "$RS_PING_SIZE" -W 1 \
			-w "$RS_SECS" "$($our_addr "$i")" >"$T/ping$i.out" 2>&1 &
		pids+=($!)
	done
	for i in "${pids[@]}"; do wait "$i"; done
	local lost_ours lost_deb
	lost_ours=$(rs_dropped "$our_ns") lost_deb=$(rs_dropped "$deb_ns")
	mx_loss_off
	sleep 0.5       # packets still in flight are counted before the snapshot
	nc_snapshot "$our_ns" "${devs[@]}" >"$T/after.cnt"
	nc_delta "$T/before.cnt" "$T/after.cnt" >"$T/delta.cnt"

	vt_log "$RS_SECS s at $RS_LOSS % loss: nft dropped $lost_ours datagrams arriving at our side, $lost_deb at Debian's"
	for i in "${MX_CELLS[@]}"; do
		local sent got resync rx dropped errors
		sent=$(sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' "$T/ping$i.out")
		got=$(sed -n 's/.* \([0-9]*\) received.*/\1/p' "$T/ping$i.out")
		# Our resync frames: 1-byte dummies (Debian's shim logs each) and, where Debian asked
		# for our new IV, our last packet repeated under it (our debug log names the session).
		resync=$(( $(grep -c " $deb_pfx$i\$" "$T/skipped.log") +
			$(our_log | grep -c "mx$i: the peer asked for our new IV") ))
		rx=$(rs_count "$our_pfx$i.rx_packets") dropped=$(rs_count "$our_pfx$i.rx_dropped")
		errors=$(rs_count "$our_pfx$i.rx_errors")
		vt_log "${MX_CIPH[$i]}: pings sent ${sent:-?} answered ${got:-?}; our tun $our_pfx$i rx packets $rx dropped $dropped errors $errors; our resync frames (dummies + repeats): $resync"
		[ "${sent:-0}" -ge 1000 ] && [ "${got:-0}" -ge $((sent / 2)) ] ||
			{ vt_log "${MX_CIPH[$i]}: too little traffic got through"; bad=1; }
		[ "$resync" -ge "$RS_MIN_RESYNC" ] ||
			{ vt_log "${MX_CIPH[$i]}: only $resync resyncs (want >= $RS_MIN_RESYNC)"; bad=1; }
		kill -0 "$(cat "$T/cli$i.pid")" 2>/dev/null ||
			{ vt_log "${MX_CIPH[$i]}: client process died"; bad=1; }
	done
	vt_log "our namespace: $(grep -v '^mx' "$T/delta.cnt" | tr '\n' ' ')"
	local corrupted
	corrupted=$(nc_corrupted "$T/delta.cnt")
	vt_log "corrupted packets on our side: $corrupted ($((SECONDS - t0)) s)"
	kill -0 "$SRV_PID" 2>/dev/null || { vt_log "server died"; bad=1; }
	# Debian's server keeps one child per session; one that ended its session is gone.
	[ "$side" = srv ] || [ "$(vt_children "$SRV_PID" | wc -l)" -eq "${#MX_CELLS[@]}" ] ||
		{ vt_log "Debian's server has $(vt_children "$SRV_PID" | wc -l) of ${#MX_CELLS[@]} sessions left"; bad=1; }
	[ "$lost_ours" -gt 0 ] && [ "$lost_deb" -gt 0 ] || { vt_log "no datagram was dropped"; bad=1; }
	[ "$corrupted" -eq 0 ] || vt_fail "$corrupted corrupted packets reached our tun"
	[ $bad -eq 0 ] || vt_fail "the run did not exercise resyncs (see above)"
	return 0
}

# rs_count NAME: one counter's delta from $T/delta.cnt.
rs_count() { awk -v k="$1" '$1 == k { print $2 }' "$T/delta.cnt"; }

name=$VT_NAME
for side in ${RS_SIDES:-srv cli}; do
	case $side in
	srv) (VT_NAME="${name}[our-srv,debian-cli]" rs_case srv) || exit $? ;;
	cli) (VT_NAME="${name}[debian-srv,our-cli]" rs_case cli) || exit $? ;;
	*) vt_fail "RS_SIDES: unknown side '$side' (srv, cli)" ;;
	esac
done
vt_pass "no corrupted packet on our tun across resyncs (${RS_SIDES:-srv cli})"
