# SPDX-License-Identifier: ISC
# Network-namespace test harness for vtund integration and interop tests (sourced, bash).
#
#   . "$(dirname "$0")/../lib/ns.sh"
#   vt_setup                      # namespaces $NS_S (server) and $NS_C (client), veth between
#   vt_conf srv <<EOF ... EOF     # writes $T/srv.conf (mode 600); use shell variables inside
#   vt_start srv "$NS_S" "$SERVER_BIN" -n -s -f "$T/srv.conf"
#   vt_start cli "$NS_C" "$CLIENT_BIN" -n -f "$T/cli.conf" "$HOST" "$ADDR_S"
#   wait_for_ping "$NS_C" "$TUN_S" 20 || vt_fail "no ping"
#   vt_pass "message"
#
# Everything a test creates lives under one unique run id: namespaces vt<ID>s / vt<ID>c, a temp
# dir $T, daemon logs $T/<name>.log.  Each daemon runs in a private mount namespace where /run
# (thus /var/run and /var/lock) and /var/log/vtund are bind mounts of $T/priv-<name>/..., so PID,
# lock and stat files never touch the host and parallel runs cannot collide.  The EXIT/INT/TERM
# trap kills only processes we started (recorded PIDs, their descendants, and whatever is still
# inside our own namespaces), deletes the namespaces and, unless the test failed, the temp dir.
#
# Binaries: SERVER_BIN and CLIENT_BIN, both defaulting to $VTUND (default build/vtund of
# the clone this file belongs to).
# DEBIAN_VTUND (default /usr/sbin/vtund) is the reference implementation for interop tests.
# Set VT_KEEP=1 to keep the temp dir, VT_VERBOSE=1 to trace.

VT_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VT_TOP=$(cd "$VT_LIB/../.." && pwd)
VTUND=${VTUND:-$VT_TOP/build/vtund}
SERVER_BIN=${SERVER_BIN:-$VTUND}
CLIENT_BIN=${CLIENT_BIN:-$VTUND}
DEBIAN_VTUND=${DEBIAN_VTUND:-/usr/sbin/vtund}
VT_NAME=$(basename "$0" .sh)

[ -n "${VT_VERBOSE:-}" ] && set -x

# Fixed private addressing, valid inside our namespaces only (never on the host).
ADDR_S=10.77.0.1 ADDR_C=10.77.0.2      # veth ends (transport)
TUN_S=10.78.0.1 TUN_C=10.78.0.2        # tunnel ends
PORT=5000

VT_PIDS=()          # daemons we started
VT_NSS=()           # namespaces we created
VT_FAILED=0
T=
ID=

vt_log() { echo "[$VT_NAME] $*"; }

# vt_skip REASON: exit 77 with a line containing "skip".
vt_skip() { echo "SKIP $VT_NAME: skip: $*"; exit 77; }

# vt_need_env: skip unless we can run namespaces, tun and the binaries under test.
vt_need_env() {
	[ "$(id -u)" = 0 ] || vt_skip "not root"
	[ -c /dev/net/tun ] || vt_skip "no /dev/net/tun"
	command -v ip >/dev/null && ip netns list >/dev/null 2>&1 || vt_skip "no ip netns"
	command -v unshare >/dev/null || vt_skip "no unshare"
	command -v python3 >/dev/null || vt_skip "no python3"
	local b
	for b in "$SERVER_BIN" "$CLIENT_BIN"; do
		# A missing binary under test is a failure (the build is broken), not a skip.
		[ -x "$b" ] || { echo "FAIL $VT_NAME: binary $b missing or not executable"; exit 1; }
	done
}

# vt_need_debian: interop tests skip when the reference binary is absent.
vt_need_debian() {
	[ -x "$DEBIAN_VTUND" ] || vt_skip "$DEBIAN_VTUND missing (install Debian's vtun)"
}

# Run id: short enough that vt<ID>s0 stays within IFNAMSIZ (15 chars).
vt_mkid() { printf '%04x%02x' $((($$ ^ RANDOM) & 0xffff)) $((RANDOM & 0xff)); }

# vt_setup: temp dir, two namespaces and a veth pair between them.
vt_setup() {
	vt_need_env
	ID=$(vt_mkid)
	T=$(mktemp -d "/tmp/vtun-$VT_NAME.XXXXXX")
	chmod 700 "$T"
	NS_S=vt${ID}s NS_C=vt${ID}c
	VETH_S=vt${ID}s0 VETH_C=vt${ID}c0
	trap vt_cleanup EXIT
	trap 'vt_log "interrupted"; VT_FAILED=1; exit 130' INT TERM
	vt_ns_add "$NS_S"
	vt_ns_add "$NS_C"
	vt_link "$NS_S" "$VETH_S" "$ADDR_S/24" "$NS_C" "$VETH_C" "$ADDR_C/24"
}

# vt_ns_add NS: namespace with lo up and IPv6 off (router solicitations would otherwise race the
# peer's up commands and a tun write to a down interface ends a Debian session).
vt_ns_add() {
	ip netns add "$1" || vt_fail "cannot create namespace $1"
	VT_NSS+=("$1")
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 >/dev/null
	ip -n "$1" link set lo up
}

# vt_link NS1 IF1 ADDR1/LEN NS2 IF2 ADDR2/LEN: veth created directly inside the namespaces, so
# the names never exist in the host namespace.
vt_link() {
	ip link add "$2" netns "$1" type veth peer name "$5" netns "$4" ||
		vt_fail "cannot create veth $2/$5"
	ip -n "$1" addr add "$3" dev "$2"
	ip -n "$4" addr add "$6" dev "$5"
	ip -n "$1" link set "$2" up
	ip -n "$4" link set "$5" up
	# Offloads off: real segment sizes on the veth, fewer surprises with nested TCP.
	if command -v ethtool >/dev/null; then
		ip netns exec "$1" ethtool -K "$2" tx off rx off tso off gso off gro off >/dev/null 2>&1
		ip netns exec "$4" ethtool -K "$5" tx off rx off tso off gso off gro off >/dev/null 2>&1
	fi
	return 0
}

# vt_conf NAME: config from stdin (a here-document with the test's variables) to $T/NAME.conf.
vt_conf() {
	umask 077
	cat >"$T/$1.conf"
	chmod 600 "$T/$1.conf"
}

# vt_start NAME NS BIN ARGS...: start a daemon in NS inside a private mount namespace; stderr and
# stdout go to $T/NAME.log; sets VT_PID and records it (VT_PID_<NAME> too).
vt_start() {
	local name=$1 ns=$2
	shift 2
	local priv=$T/priv-$name
	mkdir -p "$priv/run/lock/vtund" "$priv/log"
	# ip netns exec and unshare (without --fork) both exec, and so does sh: $! is the daemon.
	ip netns exec "$ns" unshare -m --propagation private sh -c '
		mount --bind "$0/run" /run && mount --bind "$0/log" /var/log/vtund &&
		exec "$@"' "$priv" "$@" >>"$T/$name.log" 2>&1 </dev/null &
	VT_PID=$!
	VT_PIDS+=("$VT_PID")
	printf -v "VT_PID_$name" '%s' "$VT_PID"
	echo "$VT_PID" >"$T/$name.pid"
	vt_log "started $name (pid $VT_PID) in $ns: $*"
}

# vt_run NS CMD...: run a command inside a namespace (foreground).
vt_run() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# --- polling helpers: all take a timeout in seconds and return non-zero when it expires ---

# vt_until TIMEOUT CMD...: poll CMD every 0.1 s until it succeeds.
vt_until() {
	local limit=$1; shift
	local end=$((SECONDS + limit))
	while ! "$@"; do
		[ $SECONDS -ge $end ] && return 1
		sleep 0.1
	done
	return 0
}

vt__iface_up() { ip -n "$1" link show "$2" 2>/dev/null | grep -q '[<,]UP[,>]'; }
vt__has_log() { [ -f "$1" ] && grep -Eq -- "$2" "$1"; }
vt__pid_gone() { ! kill -0 "$1" 2>/dev/null || [ "$(vt_pid_state "$1")" = Z ]; }
vt__ping() { vt_ping "$1" "$2" 1 >/dev/null 2>&1; }
vt__nchildren() { [ "$(vt_children "$1" | wc -l)" -eq "$2" ]; }

# wait_for_iface NS IFACE TIMEOUT: the interface exists and is administratively up.
wait_for_iface() { vt_until "$3" vt__iface_up "$1" "$2"; }
# wait_for_ping NS ADDR TIMEOUT: one echo reply (each try waits at most 1 s).
wait_for_ping() { vt_until "$3" vt__ping "$1" "$2"; }
# wait_for_log LOG REGEX TIMEOUT: extended regex appears in the log file.
wait_for_log() { vt_until "$3" vt__has_log "$1" "$2"; }
# wait_pid_gone PID TIMEOUT: process no longer exists (or is a zombie).
wait_pid_gone() { vt_until "$2" vt__pid_gone "$1"; }
# wait_children PID N TIMEOUT: PID has exactly N children.
wait_children() { vt_until "$3" vt__nchildren "$1" "$2"; }
# wait_for_file FILE TIMEOUT: file exists and is not empty.
wait_for_file() { vt_until "$2" test -s "$1"; }

# vt_ping NS ADDR COUNT: ping(8) if installed, else our raw-socket ICMP echo; prints a summary
# with "N packets transmitted, M received" and an "rtt min/avg/max" line.
vt_ping() {
	if command -v ping >/dev/null; then
		ip netns exec "$1" ping -c "$3" -i 0.2 -W 1 -q "$2"
	else
		ip netns exec "$1" python3 "$VT_LIB/icmp_ping.py" "$2" "$3" 1 0.2
	fi
}

# vt_pid_state PID: one-letter state from /proc (R S D T Z ...), empty if gone.
vt_pid_state() { awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null; }

# vt_children PID: direct children, one PID per line (zombies excluded).
vt_children() {
	local c
	for c in $(pgrep -P "$1" 2>/dev/null); do
		[ "$(vt_pid_state "$c")" = Z ] || echo "$c"
	done
}

# vt_descendants PID: all descendants, deepest last.
vt_descendants() {
	local c
	for c in $(pgrep -P "$1" 2>/dev/null); do
		echo "$c"
		vt_descendants "$c"
	done
}

# vt_stop PID [SIG]: signal a process we started plus its descendants (collected first, so that
# a Debian server whose SIGTERM leaves sessions running does not leave orphans), wait, KILL.
vt_stop() {
	local pid=$1 sig=${2:-TERM} p
	local all=("$pid" $(vt_descendants "$pid"))
	kill -"$sig" "${all[@]}" 2>/dev/null
	for p in "${all[@]}"; do
		wait_pid_gone "$p" 5 || kill -KILL "$p" 2>/dev/null
	done
	wait "$pid" 2>/dev/null
	return 0
}

# vt_kill_ns NS: KILL whatever still runs inside one of our namespaces.
vt_kill_ns() {
	local pids
	pids=$(ip netns pids "$1" 2>/dev/null)
	[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
	return 0
}

vt_show_logs() {
	local f
	[ -n "$T" ] && [ -d "$T" ] || return 0
	for f in "$T"/*.log "$T"/*.out; do
		[ -f "$f" ] || continue
		echo "----- $(basename "$f") -----"
		tail -n 60 "$f"
	done
}

VT_SANITIZER_RE='ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:|SUMMARY: UndefinedBehaviorSanitizer'

vt_cleanup() {
	local rc=$? p ns
	trap - EXIT INT TERM
	set +e
	[ $rc -ne 0 ] && [ $rc -ne 77 ] && VT_FAILED=1
	for p in "${VT_PIDS[@]}"; do
		kill -0 "$p" 2>/dev/null && vt_stop "$p" TERM
	done
	for ns in "${VT_NSS[@]}"; do vt_kill_ns "$ns"; done
	# A sanitizer report in any daemon log fails the test, whatever the test itself concluded.
	if [ -n "$T" ] && grep -lE "$VT_SANITIZER_RE" "$T"/*.log >/dev/null 2>&1; then
		echo "FAIL $VT_NAME: sanitizer report in $(grep -lE "$VT_SANITIZER_RE" "$T"/*.log | xargs -n1 basename | tr '\n' ' ')"
		VT_FAILED=1
		[ $rc -eq 0 ] && rc=1
	fi
	if [ "$VT_FAILED" = 1 ]; then
		vt_show_logs
		vt_log "logs kept in $T"
	fi
	for ns in "${VT_NSS[@]}"; do ip netns del "$ns" 2>/dev/null; done
	[ "$VT_FAILED" = 1 ] || [ -n "${VT_KEEP:-}" ] || rm -rf "$T"
	exit $rc
}

# vt_fail MSG: fail the test (logs are printed by the trap).
vt_fail() {
	echo "FAIL $VT_NAME: $*"
	VT_FAILED=1
	exit 1
}

vt_pass() {
	echo "PASS $VT_NAME${1:+: $1}"
	exit 0
}

# --- config fragments ---

# vt_up_tun ADDR PEER: up block configuring a tun device with a point-to-point address.
vt_up_tun() {
	cat <<EOF
  up {
    ip "addr add $1 peer $2 dev %d";
    ip "link set %d up";
  };
EOF
}

# vt_up_tap ADDR/LEN: up block for a tap device.
vt_up_tap() {
	cat <<EOF
  up {
    ip "addr add $1 dev %d";
    ip "link set %d up";
  };
EOF
}

# vt_options [EXTRA]: the options section (port, short handshake timeout, ip path).
# vt_tun_confs HOST PW [SERVER_LINES] [CLIENT_LINES]: write $T/srv.conf and $T/cli.conf with one
# tun session HOST (server vtsrv0 = $TUN_S, client vtcli0 = $TUN_C); extra lines go into the
# stanzas (more stanzas may be appended to the files afterwards).
vt_tun_confs() {
	vt_options | vt_conf srv
	cat >>"$T/srv.conf" <<EOF
$1 {
  passwd $2;
  type tun;
  device vtsrv0;
${3:-}
$(vt_up_tun "$TUN_S" "$TUN_C")
}
EOF
	vt_options | vt_conf cli
	cat >>"$T/cli.conf" <<EOF
$1 {
  passwd $2;
  device vtcli0;
${4:-}
$(vt_up_tun "$TUN_C" "$TUN_S")
}
EOF
}

vt_options() {
	cat <<EOF
options {
  port $PORT;
  timeout ${VT_TIMEOUT:-10};
  ip /sbin/ip;
  ${1:-}
}
EOF
}

# vt_start_pair HOST: start $SERVER_BIN with $T/srv.conf and $CLIENT_BIN with $T/cli.conf.
vt_start_pair() {
	vt_start srv "$NS_S" "$SERVER_BIN" -n -s -f "$T/srv.conf"
	SRV_PID=$VT_PID
	vt_until 10 vt__listening "$NS_S" || vt_fail "server did not start listening on port $PORT"
	vt_start cli "$NS_C" "$CLIENT_BIN" -n -f "$T/cli.conf" "$1" "$ADDR_S"
	CLI_PID=$VT_PID
}

# The listener's readiness: a socket in LISTEN state on $PORT inside the namespace.
vt__listening() { ip netns exec "$1" ss -Hltn "sport = :$PORT" 2>/dev/null | grep -q .; }

# vt_session_pid: the (single) server session child of $SRV_PID.
vt_session_pid() { vt_children "$SRV_PID" | head -n 1; }

# vt_sha FILE: hex sha256.
vt_sha() { sha256sum "$1" | cut -d' ' -f1; }
