#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Bulk TCP transfer through a tunnel, for the integration tests.

  xfer.py recv ADDR PORT TIMEOUT    listen, accept one connection, read to EOF,
                                    print "<bytes> <sha256>" and exit 0
  xfer.py send ADDR PORT FILE TIMEOUT
                                    connect (retrying until TIMEOUT), send FILE, close

Hashing on the fly keeps the receiver's memory flat; a deadline bounds every step so a stalled
tunnel fails the test instead of hanging it.
"""
import hashlib
import socket
import sys
import time


def recv(addr, port, timeout):
    deadline = time.monotonic() + timeout
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, port))
    ls.listen(1)
    ls.settimeout(timeout)
    print("listening", flush=True, file=sys.stderr)
    conn, _ = ls.accept()
    h = hashlib.sha256()
    n = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            print(f"timeout after {n} bytes in {timeout:g} s", file=sys.stderr)
            return 1
        conn.settimeout(left)
        chunk = conn.recv(1 << 16)
        if not chunk:
            break
        h.update(chunk)
        n += len(chunk)
    print(n, h.hexdigest(), flush=True)
    return 0


def send(addr, port, path, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            s = socket.create_connection((addr, port), timeout=2)
            break
        except OSError as e:
            if time.monotonic() > deadline:
                print(f"connect failed: {e}", file=sys.stderr)
                return 1
            time.sleep(0.2)
    s.settimeout(max(1.0, deadline - time.monotonic()))
    with open(path, "rb") as f:
        while True:
            chunk = f.read(1 << 16)
            if not chunk:
                break
            s.sendall(chunk)
    s.shutdown(socket.SHUT_WR)
    # Wait for the receiver's close so that every byte was acknowledged end to end.
    s.recv(1)
    s.close()
    return 0


def main(argv):
    try:
        if len(argv) == 5 and argv[1] == "recv":
            return recv(argv[2], int(argv[3]), float(argv[4]))
        if len(argv) == 6 and argv[1] == "send":
            return send(argv[2], int(argv[3]), argv[4], float(argv[5]))
    except OSError as e:
        print(f"xfer: {e}", file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
