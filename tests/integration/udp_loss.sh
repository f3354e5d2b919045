#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# UDP robustness, ours against ours: 19 sessions at once (every `encrypt` value: the 17 ciphers,
# `yes` and `no`; compress no / lzo:1 / lzo:9 in turn).  After all of them ping, nft rules in
# both namespaces drop 5 % of the arriving UDP datagrams (each direction) (numgen; no netem here)
# while every cell moves 256 KiB (the inner TCP recovers) and pings; then the rule goes and
# every client must be the same process, answer pings again and move another 64 KiB.  This is
# where the non-ECB ciphers' resync (rsyn / new ivec) must not end a tun session (doc/PROTOCOL.md §8.5).
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/matrix.sh"
command -v nft >/dev/null || vt_skip "nft not installed"
mx_setup
mx_robust_cells
mx_server "$SERVER_BIN"
mx_robust 'mx_loss_on 5' mx_loss_off
vt_pass "every cipher mode survived 5 % UDP loss"
