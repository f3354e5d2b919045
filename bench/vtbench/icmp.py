# SPDX-License-Identifier: ISC
"""Raw-socket ICMP echo, run inside a namespace with `ip netns exec NS python3 icmp.py ...`.

Written here instead of calling ping(8) because a minimal Debian has no ping, and because the
scale mode has to ping hundreds of tunnel addresses at once from one socket.

  icmp.py first ADDR DEADLINE      send every 20 ms until the first reply; print seconds waited
  icmp.py rtt ADDR COUNT INTERVAL  print "sent recv min avg max" (ms) over COUNT echoes
  icmp.py multi DEADLINE ADDR...   ping all; print "ok N" then one line per address never answered
Exit status: 0 when the goal was reached, 1 otherwise, 2 on usage errors.
"""

import os
import select
import socket
import struct
import sys
import time

ICMP_ECHO, ICMP_ECHOREPLY = 8, 0


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def echo_packet(ident, seq):
    payload = struct.pack("!d", time.monotonic()) + b"vtbench!" * 4
    hdr = struct.pack("!BBHHH", ICMP_ECHO, 0, 0, ident, seq)
    csum = checksum(hdr + payload)
    return struct.pack("!BBHHH", ICMP_ECHO, 0, csum, ident, seq) + payload


def open_socket():
    return socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)


def send(sock, addr, ident, seq):
    """Send one echo; an unreachable route (tun device not up yet) is not an error here."""
    try:
        sock.sendto(echo_packet(ident, seq), (addr, 0))
        return True
    except OSError:
        return False


def replies(sock, ident, timeout):
    """Yield (source address, seq, rtt seconds) for our echo replies arriving within timeout."""
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return
        r, _, _ = select.select([sock], [], [], left)
        if not r:
            return
        data, src = sock.recvfrom(2048)
        ihl = (data[0] & 0x0F) * 4
        if len(data) < ihl + 16:
            continue
        typ, _, _, rid, seq = struct.unpack("!BBHHH", data[ihl:ihl + 8])
        if typ != ICMP_ECHOREPLY or rid != ident:
            continue
        (sent,) = struct.unpack("!d", data[ihl + 8:ihl + 16])
        yield src[0], seq, time.monotonic() - sent


def cmd_first(addr, deadline):
    sock, ident = open_socket(), os.getpid() & 0xFFFF
    t0, seq = time.monotonic(), 0
    while time.monotonic() - t0 < deadline:
        seq = (seq + 1) & 0xFFFF
        send(sock, addr, ident, seq)
        for src, _, _ in replies(sock, ident, 0.02):
            if src == addr:
                print("%.3f" % (time.monotonic() - t0))
                return 0
    print("timeout")
    return 1


def cmd_rtt(addr, count, interval):
    sock, ident = open_socket(), os.getpid() & 0xFFFF
    rtts, seen = [], set()
    for seq in range(1, count + 1):
        send(sock, addr, ident, seq)
        for src, rseq, rtt in replies(sock, ident, interval):
            if src == addr and rseq not in seen:
                seen.add(rseq)
                rtts.append(rtt * 1000.0)
    for src, rseq, rtt in replies(sock, ident, 1.0 if len(seen) < count else 0):
        if src == addr and rseq not in seen:
            seen.add(rseq)
            rtts.append(rtt * 1000.0)
    if not rtts:
        print("%d 0 - - -" % count)
        return 1
    print("%d %d %.3f %.3f %.3f" % (count, len(rtts), min(rtts), sum(rtts) / len(rtts), max(rtts)))
    return 0


def cmd_multi(deadline, addrs):
    """One socket, all addresses; every 0.5 s re-send to those that have not answered yet."""
    sock, ident = open_socket(), os.getpid() & 0xFFFF
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    missing, t0, seq = set(addrs), time.monotonic(), 0
    while missing and time.monotonic() - t0 < deadline:
        seq = (seq + 1) & 0xFFFF
        for a in sorted(missing):
            send(sock, a, ident, seq)
        for src, _, _ in replies(sock, ident, 0.5):
            missing.discard(src)
            if not missing:
                break
    print("ok %d" % (len(addrs) - len(missing)))
    for a in sorted(missing):
        print(a)
    return 0 if not missing else 1


def main(argv):
    try:
        if argv[1] == "first":
            return cmd_first(argv[2], float(argv[3]))
        if argv[1] == "rtt":
            return cmd_rtt(argv[2], int(argv[3]), float(argv[4]))
        if argv[1] == "multi":
            return cmd_multi(float(argv[2]), argv[3:])
    except (IndexError, ValueError):
        pass
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
