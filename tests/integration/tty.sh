#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# asan: yes
# type tty: each side's up program runs on the pty slave (%d) as its stdin/stdout.  Both programs
# switch the pty to raw mode without echo, meet on a READY/BEGIN exchange (lines echoed before
# the peer's stty ran are skipped), then the client sends a base64 file to the server and the
# server answers with another one: bytes in = bytes out, both ways.
# Binaries: SERVER_BIN / CLIENT_BIN (default $VTUND); validate with SERVER_BIN=CLIENT_BIN=/usr/sbin/vtund.
set -u
. "$(dirname "$0")/../lib/ns.sh"
vt_setup
host=tty$ID pw=TtyPw$ID
head -c 150000 /dev/urandom | base64 >"$T/to_srv.txt"
head -c 100000 /dev/urandom | base64 >"$T/to_cli.txt"
n_srv=$(stat -c %s "$T/to_srv.txt") n_cli=$(stat -c %s "$T/to_cli.txt")
cat >"$T/srv_tty.sh" <<EOF
stty raw -echo -iexten
echo READY
while IFS= read -r l; do [ "\$l" = BEGIN ] && break; done
head -c $n_srv >"$T/srv.recv"
cat "$T/to_cli.txt"
exec sleep 60
EOF
cat >"$T/cli_tty.sh" <<EOF
stty raw -echo -iexten
while IFS= read -r l; do case "\$l" in READY*) break ;; esac; done
echo BEGIN
cat "$T/to_srv.txt"
exec head -c $n_cli >"$T/cli.recv"
EOF
vt_options | vt_conf srv
cat >>"$T/srv.conf" <<EOF
$host {
  passwd $pw;
  type tty;
  proto tcp;
  up {
    program /bin/sh "$T/srv_tty.sh";
  };
}
EOF
vt_options | vt_conf cli
cat >>"$T/cli.conf" <<EOF
$host {
  passwd $pw;
  up {
    program /bin/sh "$T/cli_tty.sh";
  };
}
EOF
vt_start_pair "$host"
size_is() { [ "$(stat -c %s "$1" 2>/dev/null)" = "$2" ]; }
vt_until 20 size_is "$T/srv.recv" "$n_srv" ||
	vt_fail "server program received $(stat -c %s "$T/srv.recv" 2>/dev/null || echo no) bytes of $n_srv"
vt_until 10 size_is "$T/cli.recv" "$n_cli" ||
	vt_fail "client program received $(stat -c %s "$T/cli.recv" 2>/dev/null || echo no) bytes of $n_cli"
cmp -s "$T/srv.recv" "$T/to_srv.txt" || vt_fail "client->server bytes differ"
cmp -s "$T/cli.recv" "$T/to_cli.txt" || vt_fail "server->client bytes differ"
vt_pass "tty carried $n_srv + $n_cli bytes intact"
