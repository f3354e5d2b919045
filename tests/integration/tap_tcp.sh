#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: no
# tap (type ether) over TCP: ping and ARP across the tunnel, then 10 MiB of random data.
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"
vt_setup
case_tap "${XFER_MB:-10}"
vt_pass "tap over TCP"
