#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Golden tests of the vtund.conf parser.
#   tests/config/golden.sh VTUND_BINARY          run every case, one PASS/FAIL line each
#   tests/config/golden.sh --update VTUND_BINARY rewrite the expected files (review the diff!)
# valid/NAME.conf:   `--print-config` output must equal NAME.out, its stderr (warnings, with the
#                    "vtund[PID]: " prefix removed) must equal NAME.err (empty if there is none),
#                    `--check-config` must exit 0, and printing the printed form again must give
#                    the same text (round trip).
# invalid/NAME.conf: `--check-config` must exit 1 with the stderr in NAME.err.
# Cases run from a temp copy with mode 600 so the file-mode warning only shows where a case
# asks for it: a name ending in _644 is run with mode 644.
set -u
update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
vtund=$(realpath "${1:?usage: golden.sh [--update] VTUND_BINARY}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

strip() { sed -E 's/^vtund\[[0-9]+\]: //'; }

# check NAME EXPECTED_FILE ACTUAL_FILE: compare (or update), print the diff on mismatch.
check() {
	if [ $update = 1 ]; then
		if [ -s "$3" ] || [ "${2##*.}" = out ]; then cp "$3" "$2"; else rm -f "$2"; fi
		return 0
	fi
	local exp=$2
	[ -f "$exp" ] || exp=/dev/null
	if ! diff -u "$exp" "$3" >"$work/diff"; then
		echo "FAIL $1 ($(basename "$2") differs)"
		sed 's/^/    /' "$work/diff"
		return 1
	fi
}

setup() { # setup DIR NAME [SOURCE]: copy the case into the work dir with its test mode
	mkdir -p "$work/$1"
	cp "${3:-$here/$1/$2.conf}" "$work/$1/$2.conf"
	case $2 in *_644) chmod 644 "$work/$1/$2.conf" ;; *) chmod 600 "$work/$1/$2.conf" ;; esac
}

# The shipped example is a valid case too (expected output in valid/etc_vtund.out).
for conf in "$here"/valid/*.conf "$here/../../etc/vtund.conf"; do
	name=$(basename "$conf" .conf)
	case $conf in */etc/vtund.conf) name=etc_vtund ;; esac
	setup valid "$name" "$conf"
	cd "$work/valid" || exit 2
	ok=1
	"$vtund" --print-config -f "$name.conf" >"$name.actual.out" 2>"$name.raw.err"
	rc=$?
	strip <"$name.raw.err" >"$name.actual.err"
	if [ $rc -ne 0 ] && [ $update = 0 ]; then
		echo "FAIL valid/$name (--print-config exit $rc)"; sed 's/^/    /' "$name.actual.err"; ok=0
	fi
	[ $ok = 1 ] && { check "valid/$name" "$here/valid/$name.out" "$name.actual.out" || ok=0; }
	[ $ok = 1 ] && { check "valid/$name" "$here/valid/$name.err" "$name.actual.err" || ok=0; }
	if [ $ok = 1 ]; then
		"$vtund" --check-config -f "$name.conf" >/dev/null 2>&1
		rc=$?
		[ $rc -eq 0 ] || { echo "FAIL valid/$name (--check-config exit $rc)"; ok=0; }
	fi
	if [ $ok = 1 ]; then
		cp "$name.actual.out" "$name.rt.conf"
		chmod 600 "$name.rt.conf"
		"$vtund" --print-config -f "$name.rt.conf" >"$name.rt.out" 2>/dev/null
		if ! diff -u "$name.actual.out" "$name.rt.out" >"$work/diff"; then
			echo "FAIL valid/$name (round trip: printing the printed form changes it)"
			sed 's/^/    /' "$work/diff"; ok=0
		fi
	fi
	[ $ok = 1 ] && echo "PASS valid/$name"
	[ $ok = 1 ] || failed=1
done

for conf in "$here"/invalid/*.conf; do
	name=$(basename "$conf" .conf)
	setup invalid "$name"
	cd "$work/invalid" || exit 2
	ok=1
	"$vtund" --check-config -f "$name.conf" >/dev/null 2>"$name.raw.err"
	rc=$?
	strip <"$name.raw.err" >"$name.actual.err"
	if [ $rc -ne 1 ] && [ $update = 0 ]; then
		echo "FAIL invalid/$name (--check-config exit $rc, expected 1)"
		sed 's/^/    /' "$name.actual.err"; ok=0
	fi
	[ $ok = 1 ] && { check "invalid/$name" "$here/invalid/$name.err" "$name.actual.err" || ok=0; }
	[ $ok = 1 ] && echo "PASS invalid/$name"
	[ $ok = 1 ] || failed=1
done
exit $failed
