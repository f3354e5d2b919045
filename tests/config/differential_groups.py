#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Group the disagreements of a differential run (tests/config/differential.sh).

  differential_groups.py RESULT_DIR [KNOWN_FILE]

Reads RESULT_DIR/results.jsonl and prints one line per group, largest first:
  COUNT  [known]  KIND | normalised ours message | normalised VTun message   e.g. caseNNNNNN
Normalising replaces quoted values by 'V', numbers by N and FLAGS by their letters, so that
cases that differ only in a value land in one group.
"""
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from differential import load_known  # noqa: E402


def norm(s):
    s = s.replace("Can't", "Cannot")
    s = re.sub(r"'[^']*'", "'V'", s)
    s = re.sub(r"<[A-Za-z0-9]*>", lambda m: "<" + re.sub(r"\d+", "", m.group(0)[1:-1]) + ">", s)
    s = re.sub(r"\d+", "N", s)
    s = re.sub(r"host \S+#N", "host H", s)
    return s


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
                key = "%s | %s" % (kind, norm(detail))
                g = groups.setdefault(key, {"n": 0, "ex": rec["case"], "known": False})
                g["n"] += 1
                g["known"] = g["known"] or any(k.search(full) for k in known)
    for key, g in sorted(groups.items(), key=lambda kv: -kv[1]["n"]):
        print("%6d  %s%s   e.g. %s" % (g["n"], "[known] " if g["known"] else "", key, g["ex"]))
    total = sum(g["n"] for g in groups.values())
    print("%d cases, %d disagreements in %d groups, %.3f s/case (per worker)" %
          (n, total, len(groups), sum(secs) / max(n, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
