#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Group the disagreements of a differential run (tests/config/differential.sh).

  differential_groups.py RESULT_DIR [KNOWN_FILE]

Reads RESULT_DIR/results.jsonl and prints one line per group, largest first:
  DISAGREEMENTS CASES  [known]  CAUSE   e.g. caseNNNNNN
The cause comes from rules that look at both verdicts and at the case file (what VTun's first
error points at, names defined twice, options given twice...); what no rule explains is shown as
KIND | message, with quoted values replaced by 'V', numbers by N and FLAGS by their letters, so
that cases that differ only in a value land in one group.
"""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from differential import load_known  # noqa: E402  (differential imports cause() lazily)


def norm(s):
    s = s.replace("Can't", "Cannot")
    s = re.sub(r"'[^']*'", "'V'", s)
    s = re.sub(r"<[A-Za-z0-9]*>", lambda m: "<" + re.sub(r"\d+", "", m.group(0)[1:-1]) + ">", s)
    s = re.sub(r"\d+", "N", s)
    s = re.sub(r"host \S+#N", "host H", s)
    return s


def vtun_first_error(rec):
    for m in rec["vtun"][2]:
        x = re.search(r" line (\d+)$", m)
        if x and not m.startswith("Ignored incomplete"):
            return m, int(x.group(1))
    return None, None


def ours_first_error_line(rec):
    for m in rec["ours_check"][1]:
        x = re.search(r"\.conf:(\d+): (?!warning)", m)
        if x:
            return int(x.group(1))
    return None


def parse_cause(rec, text):
    """Why VTun's parser stopped, from its first error and the text it points at."""
    msg, line = vtun_first_error(rec)
    if msg is None:
        return None
    head = "\n".join(text.split("\n")[:line])
    head = re.sub(r"(^|(?<=[;{}\s]))#[^\n]*", " ", head)
    if ("Invalid character" in msg or msg.startswith("'")) and "\r" in text:
        return "CRLF line ends (VTun: Invalid character '\\r' on every line)"
    if msg.startswith("Invalid clause '#'"):
        return "comment on the last line without a final newline (VTun: Invalid clause '#')"
    m = list(re.finditer(r"(?:^|[\s;}])([A-Za-z0-9_.-]+)\s*\{\s*\}", head))
    if msg.startswith("syntax error") and m and m[-1].group(1) not in ("up", "down", "srcaddr",
                                                                        "bindaddr"):
        if head[m[-1].end():].strip() == "":
            return "empty section 'NAME { }' (VTun: syntax error)"
    last = text.split("\n")[line - 1] if line <= len(text.split("\n")) else ""
    outside = re.sub(r"(bindaddr|srcaddr)\s*\{[^}]*\}", " ", last)
    if msg.startswith("syntax error") and re.search(r"(?<![\w\"])iface\s+[^\s\";]+\s*;", outside):
        return "options 'iface WORD;' unquoted (VTun: syntax error, takes only a quoted string)"
    b = re.findall(r"bindaddr\s*\{([^}]*)\}", last)
    if msg.startswith("syntax error") and any(x.count(";") != 1 for x in b):
        return "bindaddr block with no or several statements (VTun: syntax error, exactly one)"
    if msg.startswith("syntax error") and re.search(r"(?<![\w.])addr\s+\"", last):
        return "quoted 'addr \"...\";' (VTun: syntax error, takes only a word)"
    if ours_first_error_line(rec) == line:
        return "same statement rejected by both"
    return "VTun parse error elsewhere: " + norm(msg)


def cause(rec, kind, detail, text):
    """A coarse cause for one disagreement, for the write-up."""
    pc = parse_cause(rec, text)
    if kind == "vtun-runs-with-errors-we-refuse":
        return "VTun logs a parse error and runs with the hosts before it; we refuse the file" + \
            (" [%s]" % pc if pc and not pc.startswith("same") else "")
    if kind == "vtun-error-we-accept" and not pc:
        return None  # only warnings from VTun (e.g. "Ignored incomplete session"): no difference
    if kind in ("vtun-error-we-accept", "check-ok-vtun-no-hosts", "vtun-refuses-we-run") and pc:
        return "VTun rejects what we accept: " + pc
    if kind == "flags-differ" and re.search(r"ours: \w<\w+S35\w*> \| vtun: \w<\w+S34", detail):
        return "speed 34 announced as S35 (VTun's own clients reject S34)"
    if kind == "flags-differ":
        name = detail.split()[1].split("#")[0]
        defs = len(re.findall(r"(?:^|[\s}])%s\s*\{" % re.escape(name), text))
        if defs > 1:
            return "host defined twice: VTun uses the last definition, we the first"
        if pc:
            return "host after VTun's first parse error: undefined in VTun"
        return "FLAGS differ: " + norm(detail)
    if kind == "listen-differs" and pc:
        return "listen address after VTun's first parse error: default in VTun"
    if kind == "listen-differs" and len(re.findall(r"(?:^|[\s;{])port\s", text)) > 1:
        return "option given twice in options (port, type): VTun keeps the first, we the last"
    if kind == "listen-differs" and len(re.findall(r"bindaddr\s*\{", text)) > 1:
        return "bindaddr given twice: VTun uses the last one, we prefer 'iface' over 'addr'"
    if (("get peer name" in detail or "check OK, server exit" in detail)
            and len(re.findall(r"(?:^|[\s;{])type\s+(?:stand|inetd)", text)) > 1):
        return "option given twice in options (port, type): VTun keeps the first, we the last"
    if kind == "vtun-refuses-we-run" and "resolv local address" in detail and \
            re.search(r"(?:^|[\s;{])ipv6\s*;", text):
        return "ipv6 with an IPv4 or IPv4-only bind address: VTun cannot resolve it and exits"
    if kind == "check-ok-vtun-no-hosts":
        return "no host defined: VTun refuses, our --check-config says OK (our server refuses)"
    if kind == "vtun-runs-we-refuse":
        m = re.match(r"ours: (?:[^:]*?: )?(\w+): '([^']*)'", detail)
        return "a value VTun takes silently, we refuse: %s" % (m.group(1) if m else norm(detail))
    if "crashed" in detail:
        return "VTun crashes (%s)" % ("we refuse too" if kind == "vtun-crashes-we-refuse"
                                      else "we run")
    return kind + " | " + norm(detail)


def main(a):
    if len(a) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    known = load_known(a[2] if len(a) == 3 else None)
    groups = collections.OrderedDict()
    n = 0
    secs = []
    with open(os.path.join(a[1], "results.jsonl")) as f:
        for line in f:
            rec = json.loads(line)
            n += 1
            secs.append(rec["secs"])
            for kind, detail in rec["diffs"]:
                full = "%s %s | %s" % (rec["case"], kind, detail)
                with open(os.path.join(a[1], rec["case"] + ".conf"), newline="") as cf:
                    key = cause(rec, kind, detail, cf.read())
                if key is None:
                    continue
                g = groups.setdefault(key, {"n": 0, "ex": rec["case"], "known": False,
                                            "cases": set()})
                g["n"] += 1
                g["cases"].add(rec["case"])
                full += " | cause: " + key
                g["known"] = g["known"] or any(k.search(full) for k in known)
    for key, g in sorted(groups.items(), key=lambda kv: -kv[1]["n"]):
        print("%6d %6d  %s%s   e.g. %s" % (g["n"], len(g["cases"]), "[known] " if g["known"] else "",
                                           key, g["ex"]))
    total = sum(g["n"] for g in groups.values())
    print("%d cases, %d disagreements in %d groups, %.3f s/case (per worker)" %
          (n, total, len(groups), sum(secs) / max(n, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
