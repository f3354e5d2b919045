#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# Tap offloads through the real data path: two vtund over tap (type ether) with addresses on
# the taps, over UDP and TCP. A 32 MiB TCP transfer must arrive intact; the sending tap must
# have handed vtund TSO super-frames (average tx frame above the MTU) and vtund must have
# written GRO super-frames into the receiving tap (average rx frame above the MTU); the
# receiving kernel must count no IP header or TCP checksum errors. With VTUN_OFFLOAD=0 the
# same transfer works with ordinary frames only.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"
vt_setup
MB=${XFER_MB:-32}

# snmp NS PROTO FIELD: a counter from the namespace's /proc/net/snmp.
snmp() {
	ip netns exec "$1" awk -v p="$2:" -v f="$3" \
		'$1 == p && !n { for (i = 2; i <= NF; i++) k[i] = $i; n = 1; next }
		 $1 == p && n { for (i = 2; i <= NF; i++) if (k[i] == f) print $i }' /proc/net/snmp
}
# avg NS DEV DIR: average frame size the tap counted in direction DIR (rx or tx).
avg() {
	local b p
	b=$(ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3_bytes")
	p=$(ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3_packets")
	echo $((b / (p ? p : 1)))
}

# run PROTO OFFLOAD(1|0): one session, one transfer, the checks above.
run() {
	local proto=$1 off=$2 host=otap$1$2$ID pw=OtapPw$ID
	vt_options | vt_conf srv
	cat >>"$T/srv.conf" <<CONF
$host {
  passwd $pw;
  type ether;
  proto $proto;
  device vtsrv0;
$(vt_up_tap "$TUN_S/24")
}
CONF
	vt_options | vt_conf cli
	cat >>"$T/cli.conf" <<CONF
$host {
  passwd $pw;
  device vtcli0;
$(vt_up_tap "$TUN_C/24")
}
CONF
	VTUN_OFFLOAD=$off vt_start_pair "$host"
	wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "$proto: no ping across the tap tunnel"
	local hdr0 csum0
	hdr0=$(snmp "$NS_S" Ip InHdrErrors) csum0=$(snmp "$NS_S" Tcp InCsumErrors)
	vt_xfer "$MB"
	local hdr1 csum1 tx rx
	hdr1=$(snmp "$NS_S" Ip InHdrErrors) csum1=$(snmp "$NS_S" Tcp InCsumErrors)
	[ "$hdr1" = "$hdr0" ] || vt_fail "$proto: receiver InHdrErrors $hdr0 -> $hdr1"
	[ "$csum1" = "$csum0" ] || vt_fail "$proto: receiver InCsumErrors $csum0 -> $csum1"
	tx=$(avg "$NS_C" vtcli0 tx) rx=$(avg "$NS_S" vtsrv0 rx)
	vt_log "$proto offload=$off: average frame read from the sending tap $tx, written to the receiving tap $rx"
	if [ "$off" = 1 ]; then
		[ "$tx" -gt 1514 ] || vt_fail "$proto: no TSO super-frames were read from the tap"
		[ "$rx" -gt 1514 ] || vt_fail "$proto: no GRO super-frames were written to the tap"
	else
		[ "$tx" -le 1514 ] && [ "$rx" -le 1514 ] ||
			vt_fail "$proto: VTUN_OFFLOAD=0 but super-frames went through the taps"
	fi
	vt_stop "$CLI_PID"
	vt_stop "$SRV_PID"
	wait_pid_gone "$SRV_PID" 5
}

run udp 1
run tcp 1
run udp 0
vt_pass "tap offloads over UDP and TCP ($MB MiB each, sha256 intact, no receiver errors); VTUN_OFFLOAD=0 works"
