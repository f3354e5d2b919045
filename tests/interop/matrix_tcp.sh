#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Legacy-options matrix against Debian's vtund 3.0.4 over TCP, both directions (Debian server +
# our client, then our server + Debian client): every cipher the Debian build can run (AES x8,
# oldblowfish128ecb, and blowfish128ecb / blowfish256ecb / yes with OpenSSL's legacy provider,
# enabled for the Debian process through a generated OPENSSL_CONF) plus `no`, each with one of
# the compress values no / zlib:1 / zlib:9 / lzo:1 / lzo:9 in turn.  The modes are set in the
# server's stanza.  Per cell: ping both ways, 256 KiB with matching sha256, cipher log line.
set -u
. "$(dirname "$0")/../lib/ns.sh"
. "$VT_LIB/cases.sh"
. "$VT_LIB/matrix.sh"
mx_interop_matrix tcp
