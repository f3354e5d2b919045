# SPDX-License-Identifier: ISC
"""Benchmark modes and the vtund.conf files generated for them.

Server and client configs are generated the same way for every implementation, so that any
difference in the numbers comes from the daemon, not from its configuration.
"""

import os

# name -> (type, proto, compress, encrypt); the order is the default run order.
MODES = {
    "tun-tcp": ("tun", "tcp", "no", "no"),
    "tun-udp": ("tun", "udp", "no", "no"),
    "tap-udp": ("ether", "udp", "no", "no"),
    "tap-tcp": ("ether", "tcp", "no", "no"),
    "tcp-zlib1": ("tun", "tcp", "zlib:1", "no"),
    "udp-lzo1": ("tun", "udp", "lzo:1", "no"),
    "udp-aes128ecb": ("tun", "udp", "no", "aes128ecb"),
    "udp-aes256cbc": ("tun", "udp", "no", "aes256cbc"),
    "udp-bf128ecb": ("tun", "udp", "no", "blowfish128ecb"),
}

# Tunnel MTU: 1450 keeps a tap frame (+14) plus the UDP transport (+2 +8 +20) inside the 1500
# byte veth, so UDP modes measure the daemon rather than IP fragmentation.
TUN_MTU = 1450

# OpenSSL 3 moved Blowfish to the legacy provider; Debian's vtund only finds it with this.
LEGACY_CNF = """openssl_conf = openssl_init
[openssl_init]
providers = provider_sect
[provider_sect]
default = default_sect
legacy = legacy_sect
[default_sect]
activate = 1
[legacy_sect]
activate = 1
"""


def needs_legacy(mode):
    return "blowfish" in MODES[mode][3]


def options(port):
    return "options {\n  port %d;\n  timeout 10;\n  ip /sbin/ip;\n}\n\n" % port


def up_block(typ, local, peer, prefix=24):
    if typ == "tun":
        addr = 'ip "addr add %s peer %s dev %%%%";' % (local, peer)
    else:
        addr = 'ip "addr add %s/%d dev %%%%";' % (local, prefix)
    return ("  up {\n    %s\n    ip \"link set %%%% mtu %d up\";\n  };\n" % (addr, TUN_MTU))


def server_host(host, pw, mode, dev, local, peer):
    typ, proto, comp, enc = MODES[mode]
    return ("%s {\n  passwd %s;\n  type %s;\n  proto %s;\n  compress %s;\n  encrypt %s;\n"
            "  keepalive no;\n  device %s;\n%s}\n\n"
            % (host, pw, typ, proto, comp, enc, dev, up_block(typ, local, peer)))


def client_host(host, pw, mode, dev, local, peer):
    typ = MODES[mode][0]
    return ("%s {\n  passwd %s;\n  device %s;\n%s}\n\n"
            % (host, pw, dev, up_block(typ, local, peer)))


def write(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return path
