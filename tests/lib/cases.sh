# SPDX-License-Identifier: ISC
# Test bodies shared by tests/integration (ours against ours) and tests/interop (ours against
# Debian's vtund, both directions).  Each case uses $SERVER_BIN / $CLIENT_BIN and the harness in
# ns.sh (sourced first); it returns only on success and calls vt_fail otherwise.

# vt_xfer MB: send MB MiB of random data from the client namespace to a receiver on the server's
# tunnel address and compare sha256 at both ends.
vt_xfer() {
	local mb=$1 src=$T/payload.bin want got
	head -c "${mb}M" /dev/urandom >"$src"
	want="$(stat -c %s "$src") $(vt_sha "$src")"
	ip netns exec "$NS_S" python3 "$VT_LIB/xfer.py" recv "$TUN_S" 9000 120 \
		>"$T/xfer-recv.out" 2>&1 &
	local rpid=$!
	VT_PIDS+=("$rpid")
	local t0=$SECONDS
	ip netns exec "$NS_C" python3 "$VT_LIB/xfer.py" send "$TUN_S" 9000 "$src" 120 \
		>"$T/xfer-send.out" 2>&1 || vt_fail "sending ${mb} MiB through the tunnel failed"
	wait "$rpid" || vt_fail "receiver failed"
	got=$(tail -n 1 "$T/xfer-recv.out")
	[ "$got" = "$want" ] || vt_fail "transfer mismatch: sent '$want', received '$got'"
	vt_log "${mb} MiB through the tunnel in $((SECONDS - t0)) s, sha256 matches"
	rm -f "$src"
}

# case_tun [MB]: tun over TCP, ping both ways, optional bulk transfer.
case_tun() {
	local host=tun$ID pw=TunPw$ID
	vt_tun_confs "$host" "$pw" "  proto tcp;"
	vt_start_pair "$host"
	wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping across the tunnel (client -> server)"
	wait_for_ping "$NS_S" "$TUN_C" 5 || vt_fail "no ping across the tunnel (server -> client)"
	vt_log "tun: ping OK both ways"
	[ "${1:-0}" -gt 0 ] && vt_xfer "$1"
	return 0
}

# case_tap [MB]: tap (type ether) over TCP with addresses on the taps.
case_tap() {
	local host=tap$ID pw=TapPw$ID
	vt_options | vt_conf srv
	cat >>"$T/srv.conf" <<EOF
$host {
  passwd $pw;
  type ether;
  proto tcp;
  device vtsrv0;
$(vt_up_tap "$TUN_S/24")
}
EOF
	vt_options | vt_conf cli
	cat >>"$T/cli.conf" <<EOF
$host {
  passwd $pw;
  device vtcli0;
$(vt_up_tap "$TUN_C/24")
}
EOF
	vt_start_pair "$host"
	wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping across the tap tunnel"
	wait_for_ping "$NS_S" "$TUN_C" 5 || vt_fail "no ping across the tap tunnel (server -> client)"
	ip -n "$NS_C" neigh show dev vtcli0 | grep -q "$TUN_S" ||
		vt_fail "no ARP entry for the server on the client tap"
	vt_log "tap: ping OK, ARP resolved across the tunnel"
	[ "${1:-0}" -gt 0 ] && vt_xfer "$1"
	return 0
}

# case_keepalive: keepalive 2:2 on both sides; SIGSTOP the server's session process; the client
# must report a network timeout and end the session well within 20 s (Debian: ~12 s).
case_keepalive() {
	local host=ka$ID pw=KaPw$ID
	vt_options | vt_conf srv
	cat >>"$T/srv.conf" <<EOF
$host {
  passwd $pw;
  type tun;
  proto tcp;
  keepalive 2:2;
  device vtsrv0;
$(vt_up_tun "$TUN_S" "$TUN_C")
}
EOF
	vt_options | vt_conf cli
	cat >>"$T/cli.conf" <<EOF
$host {
  passwd $pw;
  keepalive 2:2;
  device vtcli0;
$(vt_up_tun "$TUN_C" "$TUN_S")
}
EOF
	vt_start_pair "$host"
	wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping across the tunnel"
	# An idle healthy link must survive several keepalive periods (echo answered).
	sleep 7
	kill -0 "$CLI_PID" 2>/dev/null || vt_fail "client died on an idle healthy link"
	wait_for_ping "$NS_C" "$TUN_S" 3 || vt_fail "idle link lost after 7 s with keepalive 2:2"
	local sess
	sess=$(vt_session_pid)
	[ -n "$sess" ] || vt_fail "no server session process"
	kill -STOP "$sess"
	local t0=$SECONDS
	wait_for_log "$T/cli.log" 'network timeout' 20 ||
		vt_fail "client did not report a network timeout within 20 s"
	wait_pid_gone "$CLI_PID" 10 || vt_fail "client still running after its network timeout"
	vt_log "keepalive: client timed out $((SECONDS - t0)) s after the server froze"
	kill -KILL "$sess" 2>/dev/null
	return 0
}

# case_updown: up and down commands with macros; down runs when the session ends.
case_updown() {
	local host=ud$ID pw=UdPw$ID
	local rec=$T/rec
	mkdir -p "$rec"
	vt_options | vt_conf srv
	cat >>"$T/srv.conf" <<EOF
$host {
  passwd $pw;
  type tun;
  proto tcp;
  device vtsrv0;
  up {
    ip "addr add $TUN_S peer $TUN_C dev %d";
    ip "link set %d up";
    program /bin/sh "-c 'echo up %d %h %A %a %P >$rec/srv.up'" wait;
  };
  down {
    program /bin/sh "-c 'echo down %d %h %a >$rec/srv.down'" wait;
  };
}
EOF
	vt_options | vt_conf cli
	cat >>"$T/cli.conf" <<EOF
$host {
  passwd $pw;
  device vtcli0;
  up {
    ip "addr add $TUN_C peer $TUN_S dev %d";
    ip "link set %d up";
    program /bin/sh "-c 'echo up %d %h %a %p >$rec/cli.up'" wait;
  };
  down {
    program /bin/sh "-c 'echo down %d %h %a %p >$rec/cli.down'" wait;
  };
}
EOF
	vt_start_pair "$host"
	wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping across the tunnel"
	wait_for_file "$rec/srv.up" 5 || vt_fail "server up program did not run"
	wait_for_file "$rec/cli.up" 5 || vt_fail "client up program did not run"
	[ ! -e "$rec/srv.down" ] && [ ! -e "$rec/cli.down" ] || vt_fail "down ran while the session was up"
	vt_expect_line "$rec/srv.up" "up vtsrv0 $host $ADDR_S $ADDR_C $PORT"
	vt_expect_line "$rec/cli.up" "up vtcli0 $host $ADDR_S $PORT"
	local sess
	sess=$(vt_session_pid)
	# End the session from the client side: both down lists must run.
	kill -TERM "$CLI_PID"
	wait_pid_gone "$CLI_PID" 10 || vt_fail "client ignored SIGTERM"
	wait_for_file "$rec/cli.down" 5 || vt_fail "client down program did not run"
	wait_for_file "$rec/srv.down" 10 || vt_fail "server down program did not run"
	vt_expect_line "$rec/cli.down" "down vtcli0 $host $ADDR_S $PORT"
	vt_expect_line "$rec/srv.down" "down vtsrv0 $host $ADDR_C"
	[ -z "$sess" ] || wait_pid_gone "$sess" 10 || vt_fail "server session $sess still running"
	vt_log "up/down: macros substituted, down ran on both sides"
	return 0
}

# vt_expect_line FILE TEXT: first line of FILE equals TEXT.
vt_expect_line() {
	local got
	got=$(head -n 1 "$1")
	[ "$got" = "$2" ] || vt_fail "$(basename "$1"): expected '$2', got '$got'"
}

# vt_interop CASE [ARGS]: run a case twice, each in its own namespaces: Debian's server with our
# client, then our server with Debian's client.  Exit status as for a whole test.
vt_interop() {
	local rc name=$VT_NAME
	vt_need_debian
	(SERVER_BIN=$DEBIAN_VTUND CLIENT_BIN=$VTUND VT_NAME="${name}[debian-srv,our-cli]"
		vt_setup; "$@")
	rc=$?
	[ $rc -eq 0 ] || exit $rc
	(SERVER_BIN=$VTUND CLIENT_BIN=$DEBIAN_VTUND VT_NAME="${name}[our-srv,debian-cli]"
		vt_setup; "$@")
	rc=$?
	[ $rc -eq 0 ] || exit $rc
	vt_pass "both directions"
}
