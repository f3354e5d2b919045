#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The README's two commands:
#   ./run.sh demo   build, then bring up a tunnel between two throwaway namespaces and ping it
#   ./run.sh test   build (normal and ASan/UBSan), then run every test tier
# Missing build dependencies are installed with apt-get (needs root on Debian).
set -euo pipefail
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

DEPS="build-essential autoconf automake pkg-config bison flex libssl-dev zlib1g-dev liblzo2-dev
      libev-dev libcmocka-dev clang libclang-rt-14-dev iproute2 iputils-ping nftables vtun valgrind
      procps psmisc python3"

ensure_deps() {
	local missing=() p
	for p in $DEPS; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		echo "run.sh: installing missing packages: ${missing[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -q
		# The Debian vtun package is only the interop peer: never let it start a daemon.
		printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
		apt-get install -y -q --no-install-recommends "${missing[@]}"
		rm -f /usr/sbin/policy-rc.d
	fi
}

# build DIR [configure args...]
build() {
	local dir=$1; shift
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		autoreconf -fi >/dev/null
	fi
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ]; then
		(cd "$dir" && "$top/configure" --enable-werror "$@" >/dev/null)
	fi
	make -C "$dir" -j"$(nproc)" >/dev/null
	make -C "$dir" -j"$(nproc)" check TESTS= >/dev/null
}

cmd=${1:-demo}
case "$cmd" in
demo)
	ensure_deps
	build build
	exec "$top/tests/demo.sh" "$top/build"
	;;
test)
	ensure_deps
	build build
	build build-asan --enable-sanitizers
	exec "$top/tests/run-all.sh" "$top/build" "$top/build-asan"
	;;
build)
	ensure_deps
	build build
	;;
*)
	echo "usage: $0 demo|test|build" >&2
	exit 1
	;;
esac
