#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Runs every test tier and ends with one line: "N passed, N failed, N skipped".
#   tests/run-all.sh BUILD_DIR [ASAN_BUILD_DIR]
# A test is an executable: exit 0 = pass, 77 = skipped (cannot run here), anything else = fail.
# A tier script may instead print its own "PASS name" / "FAIL name" / "SKIP name" lines.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
case ${1:-} in ""|-*) echo "usage: run-all.sh BUILD_DIR [ASAN_BUILD_DIR]" >&2; exit 2 ;; esac
build=$(cd "$1" && pwd) || exit 2
asan=${2:-}
[ -n "$asan" ] && asan=$(cd "$asan" && pwd)
logs=$build/test-logs
rm -rf "$logs"; mkdir -p "$logs"
pass=0 fail=0 skip=0
failed_names=()

record() { # record RESULT NAME [LOG]
	case $1 in
	PASS) pass=$((pass + 1)); echo "PASS  $2" ;;
	SKIP) skip=$((skip + 1)); echo "SKIP  $2" ;;
	*) fail=$((fail + 1)); failed_names+=("$2"); echo "FAIL  $2"
	   [ -n "${3:-}" ] && [ -f "$3" ] && tail -n 30 "$3" | sed 's/^/    | /' ;;
	esac
}

# run_one NAME TIMEOUT CMD...: one test, result from the exit status.
run_one() {
	local name=$1 limit=$2; shift 2
	local log="$logs/$(echo "$name" | tr '/ ' '__').log"
	local t0=$SECONDS
	timeout -k 5 "$limit" "$@" >"$log" 2>&1
	local rc=$?
	name="$name [$((SECONDS - t0))s]"
	if [ $rc -eq 0 ]; then record PASS "$name"
	elif [ $rc -eq 77 ]; then record SKIP "$name ($(grep -m1 -i 'skip' "$log" | cut -c1-100))"
	else record FAIL "$name (exit $rc)" "$log"; fi
}

# run_tier NAME CMD...: a script that prints PASS/FAIL/SKIP lines itself.
run_tier() {
	local name=$1; shift
	local log="$logs/$name.log" line
	"$@" >"$log" 2>&1
	local rc=$? seen=0
	while IFS= read -r line; do
		case $line in
		"PASS "*) record PASS "$name: ${line#PASS }"; seen=1 ;;
		"SKIP "*) record SKIP "$name: ${line#SKIP }"; seen=1 ;;
		"FAIL "*) record FAIL "$name: ${line#FAIL }"; seen=1 ;;
		esac
	done <"$log"
	if [ $rc -ne 0 ] && [ $seen -eq 0 ]; then record FAIL "$name (exit $rc, no results)" "$log"; fi
	if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then record FAIL "$name (tier script exit $rc)" "$log"; fi
}

unit_tier() { # unit_tier LABEL BUILD
	local t
	for t in "$2"/tests/unit/*/test_*; do
		[ -x "$t" ] || continue
		run_one "$1/${t#"$2"/tests/unit/}" 120 "$t"
	done
}

export VTUND="$build/vtund" VTUN_TOP="$top" VTUN_BUILD="$build"

echo "== unit tests"
unit_tier unit "$build"
echo "== golden config tests"
run_tier golden "$top/tests/config/golden.sh" "$build/vtund"
echo "== differential config tests (against Debian's vtund 3.0.4)"
run_one config/differential 300 env DIFF_OUT="$logs/differential" "$top/tests/config/differential.sh" 200 1
echo "== fuzz smoke"
for t in "$top"/tests/fuzz/*.sh; do [ -x "$t" ] && run_one "fuzz/$(basename "$t" .sh)" 300 "$t"; done
echo "== integration tests"
for t in "$top"/tests/integration/*.sh; do [ -x "$t" ] && run_one "integration/$(basename "$t" .sh)" 300 "$t"; done
echo "== interop tests (Debian vtund 3.0.4)"
for t in "$top"/tests/interop/*.sh; do [ -x "$t" ] && run_one "interop/$(basename "$t" .sh)" 300 "$t"; done

if [ -n "$asan" ]; then
	echo "== under ASan/UBSan"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
	unit_tier asan-unit "$asan"
	run_tier asan-golden "$top/tests/config/golden.sh" "$asan/vtund"
	export VTUND="$asan/vtund" VTUN_BUILD="$asan"
	for t in "$top"/tests/integration/*.sh; do
		grep -q '^# asan: yes' "$t" 2>/dev/null || continue
		run_one "asan-integration/$(basename "$t" .sh)" 300 "$t"
	done
fi

echo
if [ $fail -gt 0 ]; then printf 'failed: %s\n' "${failed_names[@]}"; fi
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
