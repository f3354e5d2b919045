#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Interop with Debian's vtund 3.0.4 ($DEBIAN_VTUND, default /usr/sbin/vtund): tap over TCP, ping and ARP across the tunnel.
# Runs twice: Debian server + our client ($VTUND), then our server + Debian client.
# Validate the test itself with VTUND=/usr/sbin/vtund (Debian on both ends).
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"
vt_interop case_tap
