#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Legacy-options matrix, ours against ours over TCP: every `encrypt` value (the 17 ciphers, the
# `yes` alias and `no`), each with one of the compress values no / zlib:1 / zlib:9 / lzo:1 /
# lzo:9 in turn.  Per cell: ping across both ways, 256 KiB random file with matching sha256, the
# client logs the expected "<cipher> encryption initialized".  One server, one stanza per cell,
# three cells at a time (MX_PAR).  Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND).
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/matrix.sh"
mx_setup
mx_matrix tcp no "${MX_ALL_CIPHERS[@]}"
vt_pass "all encrypt values over TCP"
