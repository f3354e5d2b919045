#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""VTun-aware relay that disturbs UDP datagrams, for the UDP robustness tests.

  udprelay.py LISTEN_IP LISTEN_PORT SERVER_IP SERVER_PORT VIA_IP [options]

Runs in the client's namespace.  The client is configured to connect to LISTEN_IP:LISTEN_PORT
(TCP); each accepted connection is forwarded byte for byte to SERVER_IP:SERVER_PORT from
VIA_IP:<the client's own TCP port>.  VTun binds its UDP socket to its TCP address and port and
announces that port, so after the port exchange the client sends its datagrams to
LISTEN_IP:SERVER_PORT (the relay) and the server sends to VIA_IP:<client port> (the relay
again): both directions pass through here, and the server sees the client's real address.

Disturbances apply to datagrams in both directions while they are switched on (SIGUSR1 = on,
SIGUSR2 = off; --on starts with them on):
  --dup P      send a datagram twice with probability P
  --swap P     hold a datagram back and send it after the next one (neighbours swapped)
  --flip P     flip one random bit (anywhere after the 2-byte frame header)
  --trunc P    cut the payload short (half of them with a header fixed up to match)
  --seed N     random seed
Counters are printed to stderr on every switch and at exit (SIGTERM).
"""
import random
import selectors
import signal
import socket
import sys
import time


class Relay:
    def __init__(self, a):
        self.lip, self.lport = a.listen_ip, a.listen_port
        self.server = (a.server_ip, a.server_port)
        self.via = a.via_ip
        self.rnd = random.Random(a.seed)
        self.p = {"dup": a.dup, "swap": a.swap, "flip": a.flip, "trunc": a.trunc}
        self.on = a.on
        self.count = {k: 0 for k in ("fwd", "dup", "swap", "flip", "trunc")}
        self.sel = selectors.DefaultSelector()
        self.held = None             # (sock, data, dest, since) held back for a swap
        self.lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.lsock.bind((self.lip, self.lport))
        self.lsock.listen(8)
        self.sel.register(self.lsock, selectors.EVENT_READ, ("accept",))
        # Client side of every session: the client sends to (LISTEN_IP, SERVER_PORT).
        self.usock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.usock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        self.usock.bind((self.lip, self.server[1]))
        self.sel.register(self.usock, selectors.EVENT_READ, ("from-client",))
        self.sessions = {}           # client port -> server-side UDP socket

    def report(self, why):
        state = "on" if self.on else "off"
        print(f"udprelay: {why}: disturbance {state}, " +
              " ".join(f"{k}={v}" for k, v in self.count.items()), file=sys.stderr, flush=True)

    def accept(self):
        c, peer = self.lsock.accept()
        cport = peer[1]
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((self.via, cport))
            s.connect(self.server)
        except OSError as e:
            print(f"udprelay: cannot reach the server for port {cport}: {e}", file=sys.stderr)
            c.close()
            s.close()
            return
        old = self.sessions.pop(cport, None)
        if old:
            self.sel.unregister(old)
            old.close()
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        u.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        u.bind((self.via, cport))
        self.sessions[cport] = u
        self.sel.register(u, selectors.EVENT_READ, ("from-server", cport))
        self.sel.register(c, selectors.EVENT_READ, ("tcp", s))
        self.sel.register(s, selectors.EVENT_READ, ("tcp", c))
        print(f"udprelay: session from port {cport}", file=sys.stderr, flush=True)

    def tcp(self, src, dst):
        try:
            d = src.recv(65536)
        except OSError:
            d = b""
        if d:
            try:
                dst.sendall(d)
                return
            except OSError:
                pass
        for x in (src, dst):
            try:
                self.sel.unregister(x)
            except (KeyError, ValueError):
                pass
            x.close()

    def maul(self, d):
        """Bit flip or truncation, when switched on and drawn."""
        if self.rnd.random() < self.p["flip"] and len(d) > 2:
            i = self.rnd.randrange(2, len(d))
            d = d[:i] + bytes([d[i] ^ (1 << self.rnd.randrange(8))]) + d[i + 1:]
            self.count["flip"] += 1
        if self.rnd.random() < self.p["trunc"] and len(d) > 3:
            n = self.rnd.randrange(2, len(d) - 1)
            d = d[:n]
            if self.rnd.random() < 0.5:      # a consistent header: short ciphertext
                d = (len(d) - 2).to_bytes(2, "big") + d[2:]
            self.count["trunc"] += 1
        return d

    def send(self, sock, d, dest):
        try:
            sock.sendto(d, dest)
            self.count["fwd"] += 1
        except OSError:
            pass

    def forward(self, sock, d, dest):
        if self.on:
            d = self.maul(d)
            if self.held is None and self.rnd.random() < self.p["swap"]:
                self.held = (sock, d, dest, time.monotonic())
                self.count["swap"] += 1
                return
        self.send(sock, d, dest)
        if self.on and self.rnd.random() < self.p["dup"]:
            self.send(sock, d, dest)
            self.count["dup"] += 1
        self.flush_held()

    def flush_held(self):
        if self.held:
            sock, d, dest, _ = self.held
            self.held = None
            self.send(sock, d, dest)

    def run(self):
        while True:
            for key, _ in self.sel.select(0.02):
                what = key.data
                if what[0] == "accept":
                    self.accept()
                elif what[0] == "tcp":
                    self.tcp(key.fileobj, what[1])
                elif what[0] == "from-client":
                    d, src = self.usock.recvfrom(4096)
                    u = self.sessions.get(src[1])
                    if u:
                        self.forward(u, d, self.server)
                else:
                    try:
                        d, _ = key.fileobj.recvfrom(4096)
                    except OSError:
                        continue
                    self.forward(self.usock, d, (self.lip, what[1]))
            # A held datagram waits at most 50 ms for a neighbour to swap with.
            if self.held and time.monotonic() - self.held[3] > 0.05:
                self.flush_held()


def parse(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("listen_ip")
    ap.add_argument("listen_port", type=int)
    ap.add_argument("server_ip")
    ap.add_argument("server_port", type=int)
    ap.add_argument("via_ip")
    for k in ("dup", "swap", "flip", "trunc"):
        ap.add_argument("--" + k, type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--on", action="store_true")
    return ap.parse_args(argv)


def main(argv):
    r = Relay(parse(argv))

    def switch(on):
        def h(_sig, _frm):
            r.on = on
            r.report("switched")
        return h

    signal.signal(signal.SIGUSR1, switch(True))
    signal.signal(signal.SIGUSR2, switch(False))

    def stop(_sig, _frm):
        r.report("exit")
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    print("udprelay: ready", file=sys.stderr, flush=True)
    r.run()


if __name__ == "__main__":
    main(sys.argv[1:])
