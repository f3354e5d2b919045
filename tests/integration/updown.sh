#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# up/down command lists: %d %h %A %a %P %p substituted; down runs on both sides when the session ends.
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"
vt_setup
case_updown
vt_pass "up/down scripts"
