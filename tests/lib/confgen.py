#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Seeded, grammar-based generator of vtund.conf files (VTun 3.0 grammar, spec section e).

  confgen.py SEED [OUT.conf]     write one case (stdout without OUT) and OUT.json beside it

Every case is a function of SEED alone. A case mixes valid values with edge values (0,
negatives, huge numbers, every parameter word, quoting, comments, layouts, repeated, missing
and misplaced parts); how often it strays from the valid forms is itself drawn per case, so
some cases are clean and others are full of errors. The JSON sidecar lists the sections that
look like hosts with the last password written in each, so a tester can log in to them.

Generated up/down commands only run harmless programs (/bin/true, echo): the differential
test starts real servers that may run them.
"""
import json
import random
import sys

CIPHERS = ["blowfish128ecb", "blowfish128cbc", "blowfish128cfb", "blowfish128ofb",
           "blowfish256ecb", "blowfish256cbc", "blowfish256cfb", "blowfish256ofb",
           "aes128ecb", "aes128cbc", "aes128cfb", "aes128ofb",
           "aes256ecb", "aes256cbc", "aes256cfb", "aes256ofb", "oldblowfish128ecb"]
PARAM_WORDS = ["yes", "no", "allow", "deny", "enable", "disable", "tty", "pipe", "ether", "tun",
               "tcp", "udp", "client", "server", "zlib", "lzo", "wait", "killold", "inetd",
               "stand", "keep"] + CIPHERS
FACILITIES = ["auth", "cron", "daemon", "kern", "lpr", "mail", "news", "syslog", "user",
              "uucp"] + ["local%d" % i for i in range(8)]
HUGE = ["4294967296", "99999999999999999999", "2147483647", "2147483648", "65536"]
BAD_WORDS = ["foo", "Yes", "YES", "on", "off", "true", "-", "x.y", "a=b"]
HARMLESS = ['"echo %d %h"', '"true"', '"echo \'a b\' %A:%P"', '"%d up"', '"-n %% \\%d"']


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        # how often a value or a structure strays from the valid forms, drawn per case
        self.edge = self.r.choice([0.0, 0.0, 0.03, 0.08, 0.2, 0.4])
        self.hosts = []

    def p(self, x):
        return self.r.random() < x

    def pick(self, valid, edge):
        """A valid value most of the time, an edge value with the case's edge probability."""
        return self.r.choice(edge if edge and self.p(self.edge) else valid)

    def num(self, lo, hi, edge_extra=()):
        return self.pick([str(self.r.randint(lo, hi)), str(lo), str(hi)],
                         ["0", "-1", str(hi + 1), str(lo - 1) if lo > 0 else "00"] + HUGE +
                         list(edge_extra) + [self.r.choice(PARAM_WORDS), "12:3"])

    def word(self):
        return self.r.choice(["tun%d" % self.r.randint(0, 20), "tap0", "vt-x_1", "a#b", "eth0.5",
                              "x+y=z", "dev~1", "n@me"])

    def password(self):
        good = ["secret", "Pa55w0rd", "ab#cd", "x-y_z.w", "p+=!$%&*^@~", "s" * 40,
                "a\\b", "pw" + str(self.r.randint(0, 999))]
        bad = ["12345", "yes", "tun", '"quoted pw"', "/etc/pw", "a:1", "aes128cbc", "0"]
        return self.pick(good, bad)

    # --- values per keyword ---------------------------------------------------------------
    def opt_value(self, kw):
        if kw == "port":
            return self.num(1, 65535, ["70000", "5000:1"])
        if kw == "type":
            return self.pick(["stand", "stand", "inetd"], ["tun", "0", "1", "yes", "forking"])
        if kw == "timeout":
            return self.num(1, 86400)
        if kw == "syslog":
            return self.pick(FACILITIES + ["0", "8", "24", "128", "184"],
                             ["3", "9", "200", "192", "-8", "LOCAL0", "local8", "foo", "daemon:1"] + HUGE)
        if kw in ("ppp", "ifconfig", "ifcfg", "route", "firewall", "ip"):
            return self.pick(["/bin/true", "/bin/echo", "/usr/bin/env", "/no/such/prog"],
                             ["true", '"/bin/true"', "/bin/a:b", "5"])
        if kw == "iface":
            return self.pick(["lo", '"lo"', "eth0"], ["1", '""', "yes"])
        return None

    def host_value(self, kw):
        r = self.r
        if kw == "type":
            return self.pick(["tun", "ether", "tty", "pipe"],
                             ["udp", "yes", "no", "5", "0", "foo", "tun:1", "lzo"])
        if kw == "proto":
            return self.pick(["tcp", "udp"], ["tun", "0", "1", "3", "tls", "yes"])
        if kw == "device":
            return self.pick([self.word()], ["123", '"tun0"', "yes", "/dev/net/tun", "a" * 40])
        if kw == "compress":
            return self.pick(["no", "yes", "zlib", "lzo", str(r.randint(0, 9)),
                              "zlib:%d" % r.randint(0, 9), "lzo:%d" % r.randint(0, 9)],
                             ["10", "34", "-1", "zlib:10", "lzo:34", "zlib:34", "foo:3", "1:5",
                              "2:3", "3:1", "foo", "yes:2", "no:1", "lzo:0"] + HUGE)
        if kw == "encrypt":
            return self.pick(["no", "yes"] + CIPHERS + [str(r.randint(0, 16))],
                             ["17", "34", "-1", "aes512cbc", "AES128CBC", "blowfish", "aes128cbc:1"]
                             + HUGE)
        if kw == "keepalive":
            return self.pick(["yes", "no", "%d:%d" % (r.randint(0, 120), r.randint(1, 10)),
                              "30:4", "0:4"],
                             ["30", "0", "10:0", "1:-1", "86401:1", "yes:3", "no:3", "30:1001",
                              "4294967297:1", "allow"])
        if kw == "timeout":
            return self.num(1, 86400)
        if kw in ("stat", "sslauth"):
            return self.pick(["yes", "no"], ["1", "0", "allow", "deny", "maybe", "2"])
        if kw == "speed":
            return self.pick([str(r.choice([0, 8, 64, 512, 1000])),
                              "%d:%d" % (r.choice([0, 64, 512]), r.choice([0, 64, 256]))],
                             ["34", "0:34", "34:0", "-1", "10000001", "64:yes", "yes", "yes:64",
                              "1:2:3"] + HUGE)
        if kw == "multi":
            return self.pick(["yes", "allow", "no", "deny", "killold"],
                             ["0", "1", "2", "3", "keep", "maybe"])
        if kw == "persist":
            return self.pick(["yes", "no", "keep"], ["0", "1", "2", "3", "killold", "allow"])
        if kw in ("nat_hack", "delay_udp"):
            return self.pick(["client", "server", "no"], ["yes", "0", "1", "2", "both"])
        return None

    # --- statements -----------------------------------------------------------------------
    def end(self):
        """The ';' that ends a statement; rarely left out."""
        return "" if self.p(self.edge / 6) else ";"

    def stmt(self, kw, val):
        return "%s %s%s" % (kw, val, self.end()) if val is not None else "%s%s" % (kw, self.end())

    def block(self, kw, inner):
        semi = "" if self.p(self.edge / 5) else ";"
        return "%s { %s }%s" % (kw, " ".join(inner), semi)

    def cmd(self):
        r = self.r
        kind = self.pick(["program", "program", "ip", "ifconfig", "route", "firewall", "ppp",
                          "ifcfg"], ["wait", "exec", "Program"])
        if kind != "program":
            arg = self.pick(['"link show"', '"%d up"', '"-n %% \\%d"', '"addr add 10.3.0.1 dev %d"'],
                            ["/bin/true", "link", '""', '"a" "b"'])
            return "%s %s%s" % (kind, arg, self.end())
        parts = []
        if self.p(0.6):
            parts.append(self.pick(["/bin/true", "/bin/echo"], ["true", "/no/such"]))
        if self.p(0.7) or not parts:
            parts.append(r.choice(HARMLESS))
        if self.p(0.4):
            parts.append(self.pick(["wait", "0", "1", "2"], ["3", "-1", "nowait", "99"]))
        if self.p(self.edge / 3):
            parts.append(r.choice(["/bin/true", '"x"', "wait"]))  # a part given twice
        r.shuffle(parts)
        if self.p(self.edge / 4):
            parts = []
        return "program %s%s" % (" ".join(parts), self.end())

    def options_stmts(self):
        kws = ["port", "bindaddr", "type", "timeout", "syslog", "ppp", "ifconfig", "ifcfg",
               "route", "firewall", "ip", "iface", "ipv4", "ipv6"]
        out = []
        for _ in range(self.r.randint(0, 7)):
            kw = self.r.choice(kws)
            if kw == "bindaddr":
                inner = [self.stmt(k, v) for k, v in
                         [self.r.choice([("addr", self.pick(["127.0.0.1", "0.0.0.0", "localhost"],
                                                            ["10.99.0.1", "no.such.host", '"127.0.0.1"', "1"])),
                                         ("iface", self.pick(["lo", '"lo"'], ["eth9", "1"]))])
                          for _ in range(self.pick([1], [0, 2]))]]
                out.append(self.block("bindaddr", inner))
            elif kw in ("ipv4", "ipv6"):
                # Only IPv4 loopback is set up in the test namespace; ipv6 is rare.
                if self.p(0.3):
                    out.append(self.stmt(kw, None if self.p(0.9) else "yes"))
            else:
                out.append(self.stmt(kw, self.opt_value(kw)))
        if self.p(self.edge):
            out.append(self.stmt(self.r.choice(["persist", "sslauth", "passwd", "compress",
                                                "Port", "por", "include", "srcaddr"]),
                                 self.r.choice(["yes", "5000", "abc"])))
        return out

    def host_stmts(self, is_default, meta):
        kws = ["type", "proto", "device", "compress", "encrypt", "keepalive", "timeout", "stat",
               "speed", "multi", "persist", "srcaddr", "nat_hack", "delay_udp", "sslauth",
               "up", "down"]
        out = []
        body = [self.r.choice(kws) for _ in range(self.r.randint(0, 8))]
        if not is_default and self.p(1 - self.edge / 2):
            body.insert(self.r.randint(0, len(body)), self.r.choice(["passwd", "password"]))
        elif is_default and self.p(0.1):
            body.append("passwd")
        for kw in body:
            if kw in ("passwd", "password"):
                pw = self.password()
                meta["passwd"] = pw
                out.append(self.stmt(kw, pw))
            elif kw == "srcaddr":
                inner = []
                for k in self.r.sample(["addr", "iface", "port"], self.r.randint(0, 3)):
                    v = {"addr": self.pick(["127.0.0.1", "0.0.0.0"], ["no.such.host", "1"]),
                         "iface": self.pick(["lo", '"lo"'], ["1"]),
                         "port": self.num(0, 65535, ["70000"])}[k]
                    inner.append(self.stmt(k, v))
                out.append(self.block("srcaddr", inner))
            elif kw in ("up", "down"):
                out.append(self.block(kw, [self.cmd() for _ in range(self.r.randint(0, 3))]))
            else:
                out.append(self.stmt(kw, self.host_value(kw)))
        if self.p(self.edge):
            out.append(self.stmt(self.r.choice(["port", "bindaddr", "syslog", "Passwd", "pass",
                                                "comp", "ppp", "ipv4", "addr", "program"]),
                                 self.r.choice(["yes", "5000", "abc", '"x"'])))
        return out

    def host_name(self):
        names = ["h1", "h2", "h3", "vpn-1", "site_B", "x", "Host9", "123"]
        if self.hosts and self.p(0.15):
            return self.r.choice(self.hosts)["name"]  # the same name again
        return self.pick(names, ["a.b", "port", "up", "passwd", "tun", "yes", "h/1", "OPTIONS",
                                 "default_", "h-1.example"])

    # --- layout ---------------------------------------------------------------------------
    def section(self, head, stmts):
        r = self.r
        style = r.choice(["lines", "lines", "oneline", "mixed"])
        ind = r.choice(["\t", "  ", " ", ""])
        close = "}" if self.p(1 - self.edge / 8) else ""
        if style == "oneline":
            text = "%s { %s %s" % (head, " ".join(stmts), close)
        else:
            sep = "\n" if style == "lines" else r.choice(["\n", " ", "\n\n"])
            lines = []
            for s in stmts:
                if self.p(0.1):
                    lines.append(ind + "# " + r.choice(["comment", "port 1;", "}", "{ x", "#"]))
                lines.append(ind + s + (("  # " + r.choice(["trailing", "a;b", "}"])) if self.p(0.05) else ""))
            brace = r.choice([" {", "\n{", " {"])
            text = head + brace + "\n" + sep.join(lines) + "\n" + close
        return text

    def case(self):
        r = self.r
        parts = []
        if self.p(0.3):
            parts.append("# vtund.conf generated case")
        kinds = []
        for _ in range(r.randint(0, 5)):
            kinds.append(r.choice(["options", "default", "host", "host", "host"]))
        if self.p(0.85) and "host" not in kinds:
            kinds.append("host")
        if self.p(0.4) and "options" not in kinds:
            kinds.insert(0, "options")
        r.shuffle(kinds) if self.p(0.4) else None
        for k in kinds:
            if k == "options":
                parts.append(self.section("options", self.options_stmts()))
            elif k == "default":
                parts.append(self.section("default", self.host_stmts(True, {})))
            else:
                meta = {"name": self.host_name(), "passwd": None}
                parts.append(self.section(meta["name"], self.host_stmts(False, meta)))
                self.hosts.append(meta)
        if self.p(self.edge / 2):
            parts.append(r.choice(["include /etc/x.conf;", "}", "junk", "h9 passwd x;", "{"]))
        sep = r.choice(["\n", "\n\n", "\n# between\n"])
        text = sep.join(parts)
        end = r.choice(["\n", "\n", "\n", "", "\n\n", "\n# last comment"])
        if self.p(0.03):
            text = text.replace("\n", "\r\n")
        return text + end


def main(a):
    if len(a) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    g = Gen(int(a[1]))
    text = g.case()
    meta = {"seed": int(a[1]), "edge": g.edge, "hosts": g.hosts}
    if len(a) == 2:
        sys.stdout.write(text)
        return 0
    with open(a[2], "w") as f:
        f.write(text)
    with open(a[2][:-5] + ".json" if a[2].endswith(".conf") else a[2] + ".json", "w") as f:
        json.dump(meta, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
