#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Interop with Debian's vtund 3.0.4: `sslauth no` (the XOR challenge of non-OpenSSL builds,
# a Debian keyword) logs in and pings, both directions; a side with `sslauth yes` against one
# with `sslauth no` is denied.
# Validate the test itself with VTUND=/usr/sbin/vtund (Debian on both ends).
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"

case_sslauth() {
	local host=xa$ID pw=XorPw$ID
	vt_options | vt_conf srv
	cat >>"$T/srv.conf" <<EOF
$host {
  passwd $pw;
  type tun;
  sslauth no;
  device vtsrv0;
$(vt_up_tun "$TUN_S" "$TUN_C")
}
EOF
	vt_options | vt_conf cli
	cat >>"$T/cli.conf" <<EOF
$host {
  passwd $pw;
  sslauth no;
  device vtcli0;
$(vt_up_tun "$TUN_C" "$TUN_S")
}
${host}y {
  passwd $pw;
  device vtcli1;
}
EOF
	cat >>"$T/srv.conf" <<EOF
${host}y {
  passwd $pw;
  type tun;
  sslauth no;
  device vtsrv1;
}
EOF
	vt_start_pair "$host"
	wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping with sslauth no"
	vt_start cli2 "$NS_C" "$CLIENT_BIN" -n -f "$T/cli.conf" "${host}y" "$ADDR_S"
	wait_pid_gone "$VT_PID" 15 || vt_fail "mismatched challenge method was not refused"
	grep -q "Connection denied" "$T/cli2.log" || vt_fail "mismatched method: no 'Connection denied'"
	vt_log "sslauth no: ping OK; mismatched method denied"
}
vt_interop case_sslauth
