# SPDX-License-Identifier: ISC
# Receive-side counters of one namespace that a corrupted packet written to a tun moves
# (sourced after ns.sh, bash).
#
#   nc_snapshot NS DEV... >FILE     # "name value" lines, one per counter
#   nc_delta BEFORE AFTER           # "name delta" lines (AFTER - BEFORE), same order
#   nc_corrupted DELTA_FILE         # sum of the counters that only a damaged packet moves
#
# Per device (ip -s -j link): rx_packets, and rx_dropped + rx_errors, where the tun driver
# counts a write it refuses (e.g. a first nibble that is neither 4 nor 6).  Per namespace
# (/proc/net/snmp and /proc/net/netstat as seen inside it): Ip InHdrErrors (bad IP header
# checksum, version or length), InAddrErrors, IpExt InTruncatedPkts, Icmp InErrors (includes
# InCsumErrors, printed too), Udp and Tcp InCsumErrors.  Udp InErrors is left out on purpose: it
# also counts receive-buffer overruns of the daemon's own transport socket.

NC_SNMP_KEYS="Ip.InHdrErrors Ip.InAddrErrors IpExt.InTruncatedPkts Icmp.InErrors Icmp.InCsumErrors Udp.InCsumErrors Tcp.InCsumErrors"
# Counters summed by nc_corrupted (Icmp.InCsumErrors is part of Icmp.InErrors).
NC_BAD_RE='\.(rx_dropped|rx_errors)$|^(Ip\.InHdrErrors|Ip\.InAddrErrors|IpExt\.InTruncatedPkts|Icmp\.InErrors|Udp\.InCsumErrors|Tcp\.InCsumErrors)$'

nc_snapshot() {
	local ns=$1 dev k
	shift
	for dev in "$@"; do
		ip -n "$ns" -s -j link show dev "$dev" | jq -r --arg d "$dev" '.[0].stats64.rx |
			"\($d).rx_packets \(.packets)\n\($d).rx_dropped \(.dropped)\n\($d).rx_errors \(.errors)"'
	done
	# /proc/net/{snmp,netstat}: a header line and a value line per protocol, same prefix.
	ip netns exec "$ns" cat /proc/net/snmp /proc/net/netstat | awk -v keys="$NC_SNMP_KEYS" '
		BEGIN { n = split(keys, want, " ") }
		$1 == prev { p = substr($1, 1, length($1) - 1)
			for (i = 2; i <= NF; i++) v[p "." h[i]] = $i
			prev = ""; next }
		{ prev = $1; for (i = 2; i <= NF; i++) h[i] = $i }
		END { for (i = 1; i <= n; i++) print want[i], (want[i] in v ? v[want[i]] : 0) }'
}

nc_delta() {
	awk 'NR == FNR { b[$1] = $2; next } { print $1, $2 - b[$1] }' "$1" "$2"
}

nc_corrupted() {
	awk -v re="$NC_BAD_RE" '$1 ~ re { s += $2 } END { print s + 0 }' "$1"
}
