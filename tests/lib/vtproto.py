#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Raw VTun 3.0 handshake client for abuse tests (doc/PROTOCOL.md §2, §5).

  vtproto.py selftest                         check the challenge code against kat.txt section 2
  vtproto.py login     ADDR PORT HOST PW      full login, expect "OK FLAGS"
  vtproto.py wrongpw   ADDR PORT HOST PW      answer with a wrong password, expect ERR + close
  vtproto.py unknown   ADDR PORT HOST PW      unknown profile name, expect ERR + close
  vtproto.py garbage   ADDR PORT              binary junk instead of "HOST:", expect ERR/close
  vtproto.py silent    ADDR PORT LIMIT        send nothing, expect ERR/close within LIMIT s
  vtproto.py longline  ADDR PORT              10 MB without a line end, expect no login + close
  vtproto.py midhost   ADDR PORT              half a HOST message, then disconnect
  vtproto.py midchal   ADDR PORT HOST         valid HOST, read the challenge, disconnect
  vtproto.py oversize  ADDR PORT HOST PW      log in, send a frame header with length 2304
                                              (> 2148) plus payload, then ECHO_REQ; passes if the
                                              server drains it and answers, or drops the link

Exit 0 when the server behaved as expected, 1 otherwise (with the reason on stderr).
Blowfish comes from python3-cryptography when it has it, else from `openssl enc -bf-ecb`
with the legacy provider (Debian's python has no Blowfish in the standard library).
"""
import hashlib
import os
import socket
import subprocess
import sys
import time

MSG = 50
TIMEOUT = 15.0


def bf_ecb_encrypt(key, data):
    try:
        try:
            from cryptography.hazmat.decrepit.ciphers.algorithms import Blowfish
        except ImportError:
            from cryptography.hazmat.primitives.ciphers.algorithms import Blowfish
        from cryptography.hazmat.primitives.ciphers import Cipher, modes
        enc = Cipher(Blowfish(key), modes.ECB()).encryptor()
        return enc.update(data) + enc.finalize()
    except Exception:  # no usable cryptography: fall back to the openssl tool
        out = subprocess.run(
            ["openssl", "enc", "-bf-ecb", "-provider", "legacy", "-provider", "default",
             "-nopad", "-K", key.hex()], input=data, capture_output=True, check=True)
        return out.stdout


def chal_encode(b):
    return "<" + "".join(chr(97 + (x >> 4)) + chr(97 + (x & 15)) for x in b) + ">"


def chal_decode(s):
    body = s[s.index("<") + 1:s.index(">")]
    if len(body) != 32:
        raise ValueError("challenge is not 32 letters")
    return bytes((((ord(body[2 * i]) - 97) << 4) | ((ord(body[2 * i + 1]) - 97) & 15)) & 0xFF
                 for i in range(16))


def response(chal, pw):
    return bf_ecb_encrypt(hashlib.md5(pw.encode()).digest(), chal)


def block(text):
    b = text.encode()
    assert len(b) <= 49
    return b + b"\0" * (MSG - len(b))


def recv_exact(sk, n):
    """n bytes, or fewer at EOF/reset."""
    b = b""
    while len(b) < n:
        try:
            x = sk.recv(n - len(b))
        except (ConnectionResetError, socket.timeout):
            break
        if not x:
            break
        b += x
    return b


def text(b):
    return b.split(b"\0")[0].decode("latin1")


def connect(addr, port):
    sk = socket.create_connection((addr, int(port)), timeout=TIMEOUT)
    g = recv_exact(sk, MSG)
    if not g.startswith(b"VTUN"):
        raise SystemExit(f"bad greeting {g!r}")
    return sk


def expect_denied(sk, what):
    """The server must answer ERR (or just close) and then close."""
    r = recv_exact(sk, MSG)
    if r.startswith(b"OK"):
        print(f"{what}: server accepted: {text(r)!r}", file=sys.stderr)
        return 1
    if r and not r.startswith(b"ERR"):
        print(f"{what}: unexpected answer {text(r)!r}", file=sys.stderr)
        return 1
    rest = recv_exact(sk, 1)
    if rest:
        print(f"{what}: connection still open after ERR", file=sys.stderr)
        return 1
    print(f"{what}: denied ({text(r).strip() or 'closed'})")
    return 0


def login(addr, port, host, pw, quiet=False):
    sk = connect(addr, port)
    sk.sendall(block(f"HOST: {host}\n"))
    c = recv_exact(sk, MSG)
    if not c.startswith(b"OK CHAL"):
        raise SystemExit(f"no challenge: {text(c)!r}")
    r = response(chal_decode(text(c)), pw)
    sk.sendall(block(f"CHAL: {chal_encode(r)}\n"))
    return sk


def cmd_login(addr, port, host, pw):
    sk = login(addr, port, host, pw)
    f = recv_exact(sk, MSG)
    if not f.startswith(b"OK FLAGS"):
        print(f"login refused: {text(f)!r}", file=sys.stderr)
        return 1
    print(f"logged in: {text(f).strip()}")
    sk.close()
    return 0


def cmd_denied(addr, port, host, pw, what):
    return expect_denied(login(addr, port, host, pw), what)


def cmd_garbage(addr, port):
    sk = connect(addr, port)
    sk.sendall(bytes(range(200, 250)))
    return expect_denied(sk, "garbage")


def cmd_silent(addr, port, limit):
    sk = connect(addr, port)
    sk.settimeout(float(limit) + 5)
    t0 = time.monotonic()
    rc = expect_denied(sk, "silent")
    dt = time.monotonic() - t0
    print(f"silent: dropped after {dt:.1f} s")
    if dt > float(limit) + 3:
        print(f"silent: took {dt:.1f} s, limit {limit}", file=sys.stderr)
        return 1
    return rc


def cmd_longline(addr, port):
    sk = connect(addr, port)
    sk.settimeout(5)
    chunk = b"A" * 65536
    sent = 0
    try:
        while sent < 10 * 1024 * 1024:
            sk.sendall(chunk)
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError, socket.timeout) as e:
        print(f"longline: server stopped reading after {sent} bytes ({e.__class__.__name__})")
    try:
        r = sk.recv(MSG)
    except (ConnectionResetError, socket.timeout):
        r = b""
    if r.startswith(b"OK"):
        print(f"longline: server answered {text(r)!r}", file=sys.stderr)
        return 1
    print(f"longline: answer {text(r).strip() or '(none)'}")
    return 0


def cmd_midhost(addr, port):
    sk = connect(addr, port)
    sk.sendall(b"HOST: half")
    sk.close()
    print("midhost: disconnected after 10 bytes")
    return 0


def cmd_midchal(addr, port, host):
    sk = connect(addr, port)
    sk.sendall(block(f"HOST: {host}\n"))
    c = recv_exact(sk, MSG)
    sk.sendall(b"CHAL: <abc")
    sk.close()
    print(f"midchal: got {text(c).strip()!r}, disconnected mid-response")
    return 0


def read_frames(sk, seconds):
    """Parse frames for a while; return (saw_echo_rep, closed)."""
    sk.settimeout(0.5)
    buf = b""
    end = time.monotonic() + seconds
    rep = False
    while time.monotonic() < end:
        try:
            x = sk.recv(65536)
        except socket.timeout:
            continue
        except ConnectionResetError:
            return rep, True
        if not x:
            return rep, True
        buf += x
        while len(buf) >= 2:
            h = int.from_bytes(buf[:2], "big")
            if h & 0xF000:
                if h & 0x4000:
                    rep = True
                buf = buf[2:]
                continue
            n = h & 0x0FFF
            if len(buf) < 2 + n:
                break
            buf = buf[2 + n:]
        if rep:
            return rep, False
    return rep, False


def cmd_oversize(addr, port, host, pw):
    sk = login(addr, port, host, pw)
    f = recv_exact(sk, MSG)
    if not f.startswith(b"OK FLAGS"):
        print(f"oversize: login refused {text(f)!r}", file=sys.stderr)
        return 1
    read_frames(sk, 0.5)  # the server's link-start ECHO_REQ
    n = 2304
    try:
        sk.sendall(n.to_bytes(2, "big") + os.urandom(n) + b"\x20\x00")
    except (BrokenPipeError, ConnectionResetError):
        print("oversize: link dropped while sending")
        return 0
    rep, closed = read_frames(sk, 5)
    sk.close()
    if rep:
        print("oversize: frame drained, echo answered afterwards")
        return 0
    if closed:
        print("oversize: server dropped the link")
        return 0
    print("oversize: server neither answered ECHO_REQ nor closed", file=sys.stderr)
    return 1


def cmd_selftest():
    chal = bytes.fromhex("57bf5277400b92c7e9e84ba465756e0a")
    ok = chal_decode("OK CHAL: <fhlpfchheaaljcmhojoielkegfhfgoak>\n") == chal
    r = response(chal, "Vec1Plain")
    ok = ok and r.hex() == "3e2c577964604fbe69fc843abb80388a"
    ok = ok and chal_encode(r) == "<docmfhhjgegaeplogjpmiedklliadiik>"
    print("selftest", "ok" if ok else "FAILED")
    return 0 if ok else 1


def main(a):
    cmds = {
        "selftest": (0, cmd_selftest),
        "login": (4, cmd_login),
        "wrongpw": (4, lambda *x: cmd_denied(*x, "wrong password")),
        "unknown": (4, lambda *x: cmd_denied(*x, "unknown host")),
        "garbage": (2, cmd_garbage),
        "silent": (3, cmd_silent),
        "longline": (2, cmd_longline),
        "midhost": (2, cmd_midhost),
        "midchal": (3, cmd_midchal),
        "oversize": (4, cmd_oversize),
    }
    if len(a) < 2 or a[1] not in cmds or len(a) - 2 != cmds[a[1]][0]:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return cmds[a[1]][1](*a[2:])
    except (OSError, ValueError) as e:
        print(f"{a[1]}: {e.__class__.__name__}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
