#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# nat_hack against Debian's vtund 3.0.4, both directions: `nat_hack server` (the server waits
# for the client's first datagram) and `nat_hack client` (the client waits), over UDP, with a
# cipher and compression.  Per cell: ping both ways, 256 KiB with matching sha256.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"
. "$VT_LIB/matrix.sh"
body() {
	mx_prepare
	mx_add 1 udp no aes256cbc "nat_hack server;"
	mx_add 2 udp lzo:9 aes128ofb "" "nat_hack client;"
	mx_server "$SERVER_BIN"
	mx_run_cells 1 "$CLIENT_BIN" 1 2 || vt_fail "$? nat_hack cells failed"
}
vt_interop body
