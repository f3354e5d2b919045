#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Minimal ICMP echo for hosts without ping(8) (needs root for a raw socket).

  icmp_ping.py ADDR [COUNT [WAIT [INTERVAL]]]

Sends COUNT echo requests (default 1), waits up to WAIT seconds (default 1) for each reply and
prints a summary in ping's style:  "N packets transmitted, M received" and
"rtt min/avg/max = a/b/c ms".  Exit 0 if at least one reply arrived, else 1.
"""
import os
import select
import socket
import struct
import sys
import time


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def echo(sock, addr, ident, seq, wait):
    payload = struct.pack("!d", time.monotonic()) + bytes(range(48))
    hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    pkt = struct.pack("!BBHHH", 8, 0, checksum(hdr + payload), ident, seq) + payload
    t0 = time.monotonic()
    sock.sendto(pkt, (addr, 0))
    deadline = t0 + wait
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        r, _, _ = select.select([sock], [], [], left)
        if not r:
            return None
        data, src = sock.recvfrom(2048)
        ihl = (data[0] & 15) * 4
        icmp = data[ihl:ihl + 8]
        if len(icmp) < 8 or src[0] != addr:
            continue
        typ, _, _, rid, rseq = struct.unpack("!BBHHH", icmp)
        if typ == 0 and rid == ident and rseq == seq:
            return (time.monotonic() - t0) * 1000.0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    addr = argv[1]
    count = int(argv[2]) if len(argv) > 2 else 1
    wait = float(argv[3]) if len(argv) > 3 else 1.0
    interval = float(argv[4]) if len(argv) > 4 else 0.2
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    ident = os.getpid() & 0xFFFF
    rtts = []
    for seq in range(1, count + 1):
        rtt = echo(sock, addr, ident, seq, wait)
        if rtt is not None:
            rtts.append(rtt)
        if seq < count:
            time.sleep(interval)
    print(f"{count} packets transmitted, {len(rtts)} received")
    if rtts:
        print("rtt min/avg/max = %.3f/%.3f/%.3f ms" %
              (min(rtts), sum(rtts) / len(rtts), max(rtts)))
    return 0 if rtts else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
