#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# type pipe: each side's up program is wired to the tunnel through a socketpair.  Each program
# sends its own file (a few hundred KB) and captures what arrives: bytes in = bytes out, both ways.
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
vt_setup
host=pipe$ID pw=PipePw$ID
head -c 300000 /dev/urandom >"$T/to_cli.bin"
head -c 400000 /dev/urandom >"$T/to_srv.bin"
# The background cat sends, the exec'd cat receives; the socket stays open both ways until the
# test ends, so neither side sees EOF early.
vt_options | vt_conf srv
cat >>"$T/srv.conf" <<EOF
$host {
  passwd $pw;
  type pipe;
  proto tcp;
  up {
    program /bin/sh "-c 'cat $T/to_cli.bin & exec cat >$T/srv.recv'";
  };
}
EOF
vt_options | vt_conf cli
cat >>"$T/cli.conf" <<EOF
$host {
  passwd $pw;
  up {
    program /bin/sh "-c 'cat $T/to_srv.bin & exec cat >$T/cli.recv'";
  };
}
EOF
vt_start_pair "$host"
size_is() { [ "$(stat -c %s "$1" 2>/dev/null)" = "$2" ]; }
vt_until 20 size_is "$T/srv.recv" 400000 ||
	vt_fail "server program received $(stat -c %s "$T/srv.recv" 2>/dev/null || echo no) bytes of 400000"
vt_until 10 size_is "$T/cli.recv" 300000 ||
	vt_fail "client program received $(stat -c %s "$T/cli.recv" 2>/dev/null || echo no) bytes of 300000"
sleep 0.3 # anything beyond the expected size would be a duplicated frame
size_is "$T/srv.recv" 400000 && size_is "$T/cli.recv" 300000 || vt_fail "extra bytes arrived"
[ "$(vt_sha "$T/srv.recv")" = "$(vt_sha "$T/to_srv.bin")" ] || vt_fail "client->server bytes differ"
[ "$(vt_sha "$T/cli.recv")" = "$(vt_sha "$T/to_cli.bin")" ] || vt_fail "server->client bytes differ"
vt_pass "pipe carried 400000 + 300000 bytes intact"
