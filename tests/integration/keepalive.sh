#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: no
# keepalive 2:2: a frozen (SIGSTOP) server session makes the client log a network timeout and exit within 20 s.
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"
vt_setup
case_keepalive
vt_pass "keepalive timeout detected"
