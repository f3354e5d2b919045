#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# UDP robustness, ours against ours: duplicated and reordered datagrams.  Every client talks to
# the server through tests/lib/udprelay.py (in the client namespace; the server still sees the
# client's own address).  19 sessions at once (every `encrypt` value, compress no / lzo:1 /
# lzo:9 in turn) ping; then the relay duplicates 5 % of the datagrams and swaps 5 % with their
# successor, in both directions, while every cell moves 256 KiB and pings; then it stops and
# every client must be the same process, answer pings and move another 64 KiB.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/matrix.sh"
mx_setup
mx_robust_cells
mx_server "$SERVER_BIN"
mx_relay --dup 0.05 --swap 0.05 --seed 7
mx_robust 'kill -USR1 $RELAY_PID' 'kill -USR2 $RELAY_PID'
grep udprelay "$T/relay.log" | tail -n 3
vt_pass "every cipher mode survived duplicated and reordered datagrams"
