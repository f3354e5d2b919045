#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Fuzz smoke test of the vtund.conf parser (libFuzzer + ASan + UBSan).
#   tests/fuzz/config.sh [SECONDS]     default 45 s; exit 0 = no crash, 77 = cannot run here
# The parser's generated sources (flex/bison) and vtun-build.h come from $VTUN_BUILD
# (default build/ of this clone), which must have been built. See tests/fuzz/README.md.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${VTUN_BUILD:-$top/build}
secs=${1:-45}

command -v clang >/dev/null 2>&1 || { echo "SKIP: clang not installed"; exit 77; }
for f in parser/cfg_grammar.c parser/cfg_lexer.c vtun-build.h; do
	[ -f "$build/$f" ] || { echo "SKIP: $build/$f missing (build the tree first)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Is libFuzzer there at all? (Debian: it comes with clang's runtime package.)
echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' >"$work/probe.c"
if ! clang -fsanitize=fuzzer "$work/probe.c" -o "$work/probe" >/dev/null 2>&1; then
	echo "SKIP: clang cannot link -fsanitize=fuzzer (libFuzzer missing)"
	exit 77
fi

srcs=("$top"/parser/cfg_*.c "$build"/parser/cfg_grammar.c "$build"/parser/cfg_lexer.c
      "$top"/common/config/config.c "$top"/common/config/names.c
      "$top"/common/base/util.c "$top"/common/base/log.c
      "$top"/tests/fuzz/fuzz_config.c)
if ! clang -std=gnu11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined \
	-I"$top/common" -I"$top" -I"$top/parser" -I"$build/parser" -I"$build" \
	"${srcs[@]}" -lcrypto -o "$work/fuzz_config" 2>"$work/build.log"; then
	echo "FAIL: building the fuzzer"; cat "$work/build.log"; exit 1
fi

mkdir -p "$work/corpus"
n=0
for c in "$top"/tests/config/*/*.conf "$top"/etc/vtund.conf; do
	cp "$c" "$work/corpus/seed$n.conf"; n=$((n + 1))
done
cd "$work" || exit 1
"$work/fuzz_config" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 "$work/corpus" >"$work/fuzz.log" 2>&1
rc=$?
tail -n 25 "$work/fuzz.log"
if [ $rc -ne 0 ]; then
	for crash in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
		[ -f "$crash" ] || continue
		echo "reproducer ($crash), base64:"; base64 "$crash"
	done
	echo "FAIL: the fuzzer found a problem"
	exit 1
fi
echo "PASS: no crash in ${secs}s"
