#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: no
# tun over TCP: ping both ways and 50 MiB of random data whose sha256 matches at the far end.
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"
vt_setup
case_tun "${XFER_MB:-50}"
vt_pass "tun over TCP"
