# SPDX-License-Identifier: ISC
# Legacy-options test matrix helpers (sourced after ns.sh, bash).
#
# A "cell" is one client session against a long-running server: the server's config holds one
# host stanza per cell (in VTun the server's stanza decides the modes), the client's config the
# matching stanza.  Every cell has its own host name mx<I>, password, devices mxs<I>/mxc<I>,
# tunnel subnet 10.78.<I>.0 and transfer port 9000+<I>, so cells are independent of each other
# and several can run at the same time on one namespace pair (a lingering session of an earlier
# cell cannot steal a later cell's traffic).
#
#   . "$(dirname "$0")/../lib/ns.sh"; . "$VT_LIB/matrix.sh"
#   mx_setup
#   mx_add 1 udp zlib:9 aes256cbc      # declare cell 1 (proto, compress, encrypt, extra lines)
#   mx_server "$SERVER_BIN"            # writes $T/srv.conf + $T/cli.conf, starts the server
#   mx_run_cells 3 1 2 3 ...           # runs cells, 3 at a time; non-zero if any failed
#
# Debian's vtund needs OpenSSL's legacy provider for every Blowfish EVP cipher; mx_bin_cmd
# prefixes it with OPENSSL_CONF pointing at a config generated in $T.

MX_KIB=${MX_KIB:-256}           # size of each cell's random file
MX_CELLS=()                     # declared cell indices
declare -A MX_PROTO MX_COMP MX_CIPH MX_SXTRA MX_CXTRA

mx_setup() {
	vt_setup
	mx_prepare
}

# mx_prepare: per-run files in $T (for callers that ran vt_setup themselves, e.g. vt_interop).
mx_prepare() {
	mx_write_ossl_legacy "$T/openssl-legacy.cnf"
	# UDP carries no retransmission, and a zlib-over-UDP session ends at the first lost
	# datagram (by design).  On a busy 2-core host a bulk TCP flow inside the tunnel can
	# overrun a slow peer's 208 KiB UDP receive buffer; a 64 KiB TCP window keeps what is in
	# flight well below it, so only the disturbances a test injects itself lose datagrams.
	local ns
	for ns in "$NS_S" "$NS_C"; do
		ip netns exec "$ns" sysctl -qw net.ipv4.tcp_rmem="4096 32768 65536" \
			net.ipv4.tcp_wmem="4096 32768 65536"
	done
	# One random file for every cell (cells only read it).
	head -c "$((MX_KIB * 1024))" /dev/urandom >"$T/payload.bin"
	MX_WANT="$(stat -c %s "$T/payload.bin") $(vt_sha "$T/payload.bin")"
}

# mx_write_ossl_legacy FILE: OpenSSL 3 config activating the default and legacy providers.
mx_write_ossl_legacy() {
	cat >"$1" <<'EOF'
openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
[provider_sect]
default = default_sect
legacy = legacy_sect
[default_sect]
activate = 1
[legacy_sect]
activate = 1
EOF
}

# mx_bin_cmd BIN: the command words that run BIN (Debian's binary gets the legacy provider).
mx_bin_cmd() {
	if [ "$1" = "$DEBIAN_VTUND" ]; then
		echo env "OPENSSL_CONF=$T/openssl-legacy.cnf" "$1"
	else
		echo "$1"
	fi
}

# The 17 `encrypt` values (besides `no`) and the subset Debian's vtund can run (cipher_support.md).
MX_ALL_CIPHERS=(yes blowfish128ecb blowfish128cbc blowfish128cfb blowfish128ofb blowfish256ecb
	blowfish256cbc blowfish256cfb blowfish256ofb aes128ecb aes128cbc aes128cfb aes128ofb
	aes256ecb aes256cbc aes256cfb aes256ofb oldblowfish128ecb)
MX_DEBIAN_CIPHERS=(aes128ecb aes128cbc aes128cfb aes128ofb aes256ecb aes256cbc aes256cfb
	aes256ofb oldblowfish128ecb blowfish128ecb blowfish256ecb yes)
MX_COMPRESS=(no zlib:1 zlib:9 lzo:1 lzo:9)

# mx_cipher_logname CIPHER: the "<name> encryption initialized" name both implementations log.
mx_cipher_logname() {
	case $1 in
	no) echo "" ;;
	yes) echo "Blowfish-128-ECB" ;;
	oldblowfish128ecb) echo "BlowFish legacy" ;;
	blowfish*|aes*)
		local alg=${1%%[0-9]*} rest=${1#blowfish} bits mode
		[ "$alg" = aes ] && rest=${1#aes}
		bits=${rest:0:3} mode=${rest:3}
		[ "$alg" = aes ] && alg=AES || alg=Blowfish
		echo "$alg-$bits-${mode^^}" ;;
	esac
}

# mx_add I PROTO COMPRESS CIPHER [SERVER_EXTRA [CLIENT_EXTRA]]: declare a cell.
mx_add() {
	MX_CELLS+=("$1")
	MX_PROTO[$1]=$2 MX_COMP[$1]=$3 MX_CIPH[$1]=$4
	MX_SXTRA[$1]=${5:-} MX_CXTRA[$1]=${6:-}
}

mx_desc() { echo "cell $1 (${MX_PROTO[$1]} compress ${MX_COMP[$1]} encrypt ${MX_CIPH[$1]}${MX_SXTRA[$1]:+ ${MX_SXTRA[$1]//$'\n'/ }})"; }

# mx_tun_s I / mx_tun_c I: tunnel addresses of cell I.
mx_tun_s() { echo "10.78.$1.1"; }
mx_tun_c() { echo "10.78.$1.2"; }

# mx_write_confs: options plus one stanza per declared cell, server and client side.
mx_write_confs() {
	local i
	vt_options | vt_conf srv
	vt_options | vt_conf cli
	for i in "${MX_CELLS[@]}"; do
		cat >>"$T/srv.conf" <<EOF
mx$i {
  passwd MxPw$i$ID;
  type tun;
  proto ${MX_PROTO[$i]};
  compress ${MX_COMP[$i]};
  encrypt ${MX_CIPH[$i]};
  device mxs$i;
  ${MX_SXTRA[$i]}
$(vt_up_tun "$(mx_tun_s "$i")" "$(mx_tun_c "$i")")
}
EOF
		cat >>"$T/cli.conf" <<EOF
mx$i {
  passwd MxPw$i$ID;
  device mxc$i;
  ${MX_CXTRA[$i]}
$(vt_up_tun "$(mx_tun_c "$i")" "$(mx_tun_s "$i")")
}
EOF
	done
}

# mx_server BIN: write the configs and start the server BIN in $NS_S; sets SRV_PID.
mx_server() {
	mx_write_confs
	vt_start srv "$NS_S" $(mx_bin_cmd "$1") -n -s -f "$T/srv.conf"
	SRV_PID=$VT_PID
	vt_until 10 vt__listening "$NS_S" || vt_fail "server did not start listening on port $PORT"
}

# mx_client I BIN [ARGS...]: start the client of cell I (log $T/cli<I>.log); sets VT_PID.
mx_client() {
	local i=$1 bin=$2
	shift 2
	vt_start "cli$i" "$NS_C" $(mx_bin_cmd "$bin") -n "$@" -f "${MX_CLI_CONF:-$T/cli.conf}" \
		"mx$i" "${MX_CLI_ADDR:-$ADDR_S}" >/dev/null
}

# mx_xfer I [KIB]: send the payload (or its first KIB KiB) from the client namespace to the
# server's tunnel address of cell I and compare size and sha256.  Returns non-zero on mismatch.
mx_xfer() {
	local i=$1 src=$T/payload.bin want=$MX_WANT got port=$((9000 + $1))
	if [ -n "${2:-}" ]; then
		src=$T/payload-$i.bin
		head -c "$(($2 * 1024))" "$T/payload.bin" >"$src"
		want="$(stat -c %s "$src") $(vt_sha "$src")"
	fi
	ip netns exec "$NS_S" python3 "$VT_LIB/xfer.py" recv "$(mx_tun_s "$i")" "$port" "${MX_XFER_TIMEOUT:-20}" \
		>"$T/xfer-recv$i${MX_TAG:-}.out" 2>&1 &
	local rpid=$!
	ip netns exec "$NS_C" python3 "$VT_LIB/xfer.py" send "$(mx_tun_s "$i")" "$port" "$src" "${MX_XFER_TIMEOUT:-20}" \
		>"$T/xfer-send$i${MX_TAG:-}.out" 2>&1 || { kill "$rpid" 2>/dev/null; wait "$rpid"; return 1; }
	wait "$rpid" || return 1
	got=$(tail -n 1 "$T/xfer-recv$i${MX_TAG:-}.out")
	[ "$got" = "$want" ] || { echo "received '$got', sent '$want'" >>"$T/xfer-recv$i${MX_TAG:-}.out"; return 1; }
	return 0
}

# mx_check_logname I: the client of cell I logged the expected cipher initialisation.
mx_check_logname() {
	local name
	name=$(mx_cipher_logname "${MX_CIPH[$1]}")
	[ -z "$name" ] && return 0
	grep -q "$name encryption initialized" "$T/cli$1.log"
}

# mx_cell I CLIENT_BIN: one complete cell: start the client, ping across, move the file, check
# the cipher log line, stop the client.  Prints one result line; returns non-zero on failure.
mx_cell() {
	local i=$1 bin=$2 t0=$SECONDS why=
	mx_client "$i" "$bin"
	local cpid=$VT_PID
	if ! wait_for_ping "$NS_C" "$(mx_tun_s "$i")" 15; then
		why="no ping across the tunnel"
	elif ! mx_xfer "$i"; then
		why="transfer of $MX_KIB KiB failed: $(tail -n 2 "$T/xfer-recv$i.out" "$T/xfer-send$i.out" | tr '\n' ' ')"
	elif ! wait_for_ping "$NS_S" "$(mx_tun_c "$i")" 3; then
		why="no ping server -> client"
	elif ! mx_check_logname "$i"; then
		why="client did not log '$(mx_cipher_logname "${MX_CIPH[$i]}") encryption initialized'"
	elif ! kill -0 "$cpid" 2>/dev/null; then
		why="client exited during the cell"
	fi
	vt_stop "$cpid" TERM
	if [ -n "$why" ]; then
		echo "CELL-FAIL $(mx_desc "$i"): $why"
		echo "  --- cli$i.log:"; tail -n 15 "$T/cli$i.log" | sed 's/^/  | /'
		return 1
	fi
	echo "cell-ok $(mx_desc "$i") [$((SECONDS - t0)) s]"
	return 0
}

# mx_run_cells PAR CLIENT_BIN I...: run the cells, at most PAR at a time.  Returns the number of
# failed cells (0 = all passed).
mx_run_cells() {
	local par=$1 bin=$2 i n=0 failed=0 pids=() p
	shift 2
	for i in "$@"; do
		(mx_cell "$i" "$bin" >"$T/cell$i.res" 2>&1) &
		pids+=($!)
		n=$((n + 1))
		if [ $((n % par)) -eq 0 ]; then
			for p in "${pids[@]}"; do wait "$p"; done
			pids=()
		fi
	done
	for p in "${pids[@]}"; do wait "$p"; done
	for i in "$@"; do
		cat "$T/cell$i.res"
		grep -q '^cell-ok' "$T/cell$i.res" || failed=$((failed + 1))
	done
	return $failed
}

# mx_third_ns: a third namespace attached to the server through a second veth (for datagrams
# from an address that is not the client's).  Sets NS_X, ADDR_X.
mx_third_ns() {
	NS_X=vt${ID}x ADDR_X=10.79.0.2
	vt_ns_add "$NS_X"
	vt_link "$NS_S" "vt${ID}s1" 10.79.0.1/24 "$NS_X" "vt${ID}x0" "$ADDR_X/24"
}

# mx_garbage NS DST PORT COUNT [SEED]: COUNT random datagrams (0..2200 bytes, some looking like
# VTun frame headers) from NS to DST:PORT/udp.
mx_garbage() {
	ip netns exec "$1" python3 - "$2" "$3" "$4" "${5:-1}" <<'EOF'
import os, random, socket, sys
dst, port, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(seed)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for k in range(count):
    kind = k % 4
    if kind == 0:
        d = os.urandom(rnd.randrange(0, 2200))
    elif kind == 1:     # control-frame lookalikes: ECHO_REQ/REP, CONN_CLOSE, bad flags
        d = bytes([rnd.choice([0x10, 0x20, 0x40, 0x80, 0xf0]), 0])
    elif kind == 2:     # a data header whose length matches the payload
        n = rnd.randrange(1, 2148)
        d = (n).to_bytes(2, "big") + os.urandom(n)
    else:               # header longer than the datagram
        d = (2148).to_bytes(2, "big") + os.urandom(rnd.randrange(0, 40))
    try:
        s.sendto(d, (dst, port))
    except OSError:
        pass
EOF
}

# mx_matrix PROTO CIPHER...: one cell per cipher (compress values in turn), server $SERVER_BIN,
# clients $CLIENT_BIN; returns only on success.
mx_matrix() {
	local proto=$1 k=0 c t0=$SECONDS
	shift
	for c in "$@"; do
		k=$((k + 1))
		mx_add "$k" "$proto" "${MX_COMPRESS[$((k % 5))]}" "$c"
	done
	mx_server "$SERVER_BIN"
	mx_run_cells "${MX_PAR:-3}" "$CLIENT_BIN" "${MX_CELLS[@]}" ||
		vt_fail "$? of ${#MX_CELLS[@]} cells failed"
	kill -0 "$SRV_PID" 2>/dev/null || vt_fail "server died"
	vt_log "${#MX_CELLS[@]} $proto cells passed in $((SECONDS - t0)) s"
}

# mx_interop_matrix PROTO: the Debian-runnable ciphers (and `no`) with Debian's server + our
# client, then our server + Debian's client (vt_interop: own namespaces for each direction).
mx_interop_body() { mx_prepare; mx_matrix "$1" no "${MX_DEBIAN_CIPHERS[@]}"; }
mx_interop_matrix() { vt_interop mx_interop_body "$1"; }

# --- UDP robustness: many sessions at once, a disturbance switched on and off ---

# mx_ping_count NS ADDR COUNT: number of echo replies received.
mx_ping_count() {
	vt_ping "$1" "$2" "$3" 2>/dev/null | sed -n 's/.* \([0-9]*\) \(packets \)\{0,1\}received.*/\1/p'
}

# mx_robust_cell_during I: a transfer (inner TCP recovers from what the disturbance does) and a
# burst of pings while the disturbance is on.
mx_robust_cell_during() {
	local i=$1 t0=$SECONDS
	if ! mx_xfer "$i"; then
		echo "CELL-FAIL $(mx_desc "$i"): transfer under disturbance failed after $((SECONDS - t0)) s:" \
			"$(tail -n 2 "$T/xfer-recv$i${MX_TAG:-}.out" "$T/xfer-send$i${MX_TAG:-}.out" | tr '\n' ' ')"
		mx_cell_tail "$i"
		return 1
	fi
	vt_ping "$NS_C" "$(mx_tun_s "$i")" 10 >/dev/null 2>&1
	echo "cell-ok $(mx_desc "$i"): transfer under disturbance in $((SECONDS - t0)) s"
}

# mx_cell_tail I: the end of the client's log, indented.
mx_cell_tail() { tail -n 8 "$T/cli$1.log" | sed 's/^/  | /'; }

# mx_robust_cell_after I: after the disturbance: same client process, pings answered again,
# another transfer.
mx_robust_cell_after() {
	local i=$1 pid n
	pid=$(cat "$T/cli$i.pid")
	if ! kill -0 "$pid" 2>/dev/null || [ "$(vt_pid_state "$pid")" = Z ]; then
		echo "CELL-FAIL $(mx_desc "$i"): client $pid died"; mx_cell_tail "$i"; return 1
	fi
	if ! wait_for_ping "$NS_C" "$(mx_tun_s "$i")" 10; then
		echo "CELL-FAIL $(mx_desc "$i"): no ping after the disturbance"; mx_cell_tail "$i"; return 1
	fi
	n=$(mx_ping_count "$NS_C" "$(mx_tun_s "$i")" 5)
	if [ "${n:-0}" -lt 4 ]; then
		echo "CELL-FAIL $(mx_desc "$i"): only ${n:-0}/5 pings after the disturbance"; return 1
	fi
	if ! mx_xfer "$i" 64; then
		echo "CELL-FAIL $(mx_desc "$i"): transfer after the disturbance failed"; return 1
	fi
	echo "cell-ok $(mx_desc "$i"): same pid $pid, $n/5 pings, transfer OK after the disturbance"
}

# mx_batch PAR FN I...: FN I for every cell, PAR at a time; prints the results, returns the
# number of failures.
mx_batch() {
	local par=$1 fn=$2 i n=0 failed=0 pids=() p
	shift 2
	for i in "$@"; do
		("$fn" "$i" >"$T/$fn$i.res" 2>&1) &
		pids+=($!)
		n=$((n + 1))
		if [ $((n % par)) -eq 0 ]; then
			for p in "${pids[@]}"; do wait "$p"; done
			pids=()
		fi
	done
	for p in "${pids[@]}"; do wait "$p"; done
	for i in "$@"; do
		cat "$T/$fn$i.res"
		grep -q '^cell-ok' "$T/$fn$i.res" || failed=$((failed + 1))
	done
	return $failed
}

# mx_robust ON_CMD OFF_CMD: every declared cell's client up at once and pinging; ON_CMD; a
# transfer and pings in every cell; OFF_CMD; every client still the same process and working.
mx_robust() {
	local i t0=$SECONDS f=0
	for i in "${MX_CELLS[@]}"; do mx_client "$i" "$CLIENT_BIN"; done
	for i in "${MX_CELLS[@]}"; do
		wait_for_ping "$NS_C" "$(mx_tun_s "$i")" 20 ||
			vt_fail "$(mx_desc "$i"): no ping before the disturbance"
	done
	vt_log "${#MX_CELLS[@]} sessions up in $((SECONDS - t0)) s"
	eval "$1"
	MX_TAG=-during mx_batch "${MX_PAR:-3}" mx_robust_cell_during "${MX_CELLS[@]}" || f=$?
	eval "$2"
	MX_TAG=-after mx_batch "${MX_PAR:-3}" mx_robust_cell_after "${MX_CELLS[@]}" || f=$((f + $?))
	kill -0 "$SRV_PID" 2>/dev/null || vt_fail "server died"
	[ $f -eq 0 ] || vt_fail "$f cell checks failed"
	vt_log "${#MX_CELLS[@]} cells survived in $((SECONDS - t0)) s"
}

# mx_robust_cells: the 17 ciphers (+ `yes`, `no`) over UDP, compress no / lzo:1 / lzo:9 in turn.
mx_robust_cells() {
	local k=0 c comps=(no lzo:1 lzo:9)
	for c in ${MX_ONLY:-no "${MX_ALL_CIPHERS[@]}"}; do
		k=$((k + 1))
		mx_add "$k" udp "${comps[$((k % 3))]}" "$c"
	done
}

# mx_loss_on PCT / mx_loss_off: drop PCT % of the UDP datagrams of port $PORT as they ARRIVE in
# the server and in the client namespace (nft numgen; this kernel has no netem).  Input only: a
# datagram refused by a local OUTPUT rule makes send() fail with EPERM, which ends a VTun link
# by design (doc/PROTOCOL.md §4.3), whereas loss on the wire must not.
mx_loss_on() {
	local ns
	for ns in "$NS_S" "$NS_C"; do
		ip netns exec "$ns" nft -f - <<EOF || vt_fail "cannot install the nft loss rule"
table inet mxloss {
	chain in { type filter hook input priority 0; udp sport $PORT numgen random mod 100 < $1 counter drop; udp dport $PORT numgen random mod 100 < $1 counter drop; }
}
EOF
	done
}
mx_loss_off() {
	local ns
	for ns in "$NS_S" "$NS_C"; do
		vt_log "loss rule in $ns dropped: $(ip netns exec "$ns" nft list table inet mxloss | grep -o 'packets [0-9]*' | tr '\n' ' ')"
		ip netns exec "$ns" nft delete table inet mxloss
	done
}

# mx_relay ARGS...: start tests/lib/udprelay.py in the client namespace (TCP 127.0.0.1:6000 ->
# the server, UDP through it both ways) and point the clients at it ($T/cli-relay.conf).
# Sets RELAY_PID; `kill -USR1 $RELAY_PID` switches the disturbance on, -USR2 off.
mx_relay() {
	sed "s/port $PORT;/port 6000;/" "$T/cli.conf" >"$T/cli-relay.conf"
	MX_CLI_CONF=$T/cli-relay.conf MX_CLI_ADDR=127.0.0.1
	ip netns exec "$NS_C" python3 "$VT_LIB/udprelay.py" 127.0.0.1 6000 "$ADDR_S" "$PORT" \
		"$ADDR_C" "$@" >"$T/relay.log" 2>&1 &
	RELAY_PID=$!
	VT_PIDS+=("$RELAY_PID")
	wait_for_log "$T/relay.log" 'udprelay: ready' 10 || vt_fail "relay did not start"
}

# mx_rate I DIR KIB: steady-state goodput (bytes/s) of a KIB KiB transfer through cell I, DIR up
# = client -> server, down = server -> client.  The receiver ignores the first second (the
# shaper's first one-second window and the socket buffers let a burst through) and prints the
# rate over the rest; non-zero if the transfer failed.
mx_rate() {
	local i=$1 dir=$2 kib=$3 src=$T/rate.bin rns sns addr
	head -c "$((kib * 1024))" /dev/urandom >"$src"
	if [ "$dir" = up ]; then rns=$NS_S sns=$NS_C addr=$(mx_tun_s "$i")
	else rns=$NS_C sns=$NS_S addr=$(mx_tun_c "$i"); fi
	ip netns exec "$rns" python3 - "$addr" "$((kib * 1024))" >"$T/rate-$dir.out" 2>&1 <<'PY' &
import socket, sys, time
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind((sys.argv[1], 9500)); ls.listen(1); ls.settimeout(60)
c, _ = ls.accept(); c.settimeout(60)
n = 0; t_first = None; mark = None
while True:
    d = c.recv(65536)
    if not d:
        break
    now = time.monotonic()
    if t_first is None:
        t_first = now
    n += len(d)
    if mark is None and now - t_first >= 1.0:
        mark = (now, n)
end = time.monotonic()
c.close()
if n != int(sys.argv[2]) or mark is None:
    print("short", n); sys.exit(1)
print(int((n - mark[1]) / (end - mark[0])))
PY
	local rpid=$!
	sleep 0.3
	ip netns exec "$sns" python3 "$VT_LIB/xfer.py" send "$addr" 9500 "$src" 60 >/dev/null 2>&1 ||
		{ kill "$rpid" 2>/dev/null; return 1; }
	wait "$rpid" || return 1
	tail -n 1 "$T/rate-$dir.out"
}
