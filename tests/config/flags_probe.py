#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Ask a running vtund server which FLAGS it announces for some host profiles.

  flags_probe.py ADDR PORT HOST PW [HOST PW ...]

Prints one line per host: `HOST B<flags>` (logged in with the Blowfish challenge method, Debian
`sslauth yes`), `HOST X<flags>` (XOR method, `sslauth no`) or `HOST DENIED`. The connection is
closed right after the FLAGS line, before any data, so the session ends at once.
"""
import os
import socket
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import vtproto  # noqa: E402

vtproto.TIMEOUT = 3.0


def xor_response(chal, pw):
    p = pw.encode("latin1")
    return bytes(c ^ p[i % len(p)] for i, c in enumerate(chal)) if p else chal


def try_login(addr, port, host, pw, method):
    sk = vtproto.connect(addr, port)
    try:
        sk.sendall(vtproto.block(f"HOST: {host}\n"))
        c = vtproto.recv_exact(sk, vtproto.MSG)
        if not c.startswith(b"OK CHAL"):
            return None
        chal = vtproto.chal_decode(vtproto.text(c))
        r = vtproto.response(chal, pw) if method == "B" else xor_response(chal, pw)
        sk.sendall(vtproto.block(f"CHAL: {vtproto.chal_encode(r)}\n"))
        f = vtproto.text(vtproto.recv_exact(sk, vtproto.MSG)).strip()
        return f[len("OK FLAGS: "):] if f.startswith("OK FLAGS: ") else None
    finally:
        sk.close()


def main(a):
    if len(a) < 5 or len(a) % 2 != 1:
        print(__doc__, file=sys.stderr)
        return 2
    addr, port = a[1], a[2]
    for i in range(3, len(a), 2):
        host, pw = a[i], a[i + 1]
        if len(f"HOST: {host}\n") > 49:
            print(f"{host} SKIPPED")
            continue
        res = "DENIED"
        for method in ("B", "X"):
            try:
                flags = try_login(addr, port, host, pw, method)
            except (OSError, ValueError, SystemExit) as e:
                res = f"ERROR {e.__class__.__name__}"
                break
            if flags is not None:
                res = method + flags
                break
        print(f"{host} {res}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
