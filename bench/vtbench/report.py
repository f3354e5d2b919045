# SPDX-License-Identifier: ISC
"""The result table (stdout) and JSON lines (--json FILE)."""

import json
import time

COLUMNS = (  # field, heading, format
    ("tcp1_mbps", "TCPx1 Mb/s", "%.0f"),
    ("tcp4_mbps", "TCPx4 Mb/s", "%.0f"),
    ("udp_loss_pct", "UDP loss%", "%.2f"),
    ("rtt_ms", "RTT ms", "%.3f"),
    ("cpu_s_per_gb", "CPU s/GB", "%.2f"),
    ("hwm_kb", "HWM KiB", "%.0f"),
    ("pss_kb", "PSS KiB", "%.0f"),
    ("up_s", "up s", "%.2f"),
)

IMPL_LABEL = {"raw": "raw veth", "ours": "ours", "debian": "debian", "mixed": "ours-srv/deb-cli"}


def cell(fmt, v):
    return "-" if v is None else fmt % v


def ratio_row(mode, ours, theirs):
    cells = []
    for field, _, _ in COLUMNS:
        a, b = ours.values.get(field), theirs.values.get(field)
        cells.append("%.2f" % (a / b) if a is not None and b else "-")
    return (mode, "ours/debian", cells, "")


def table(rows):
    """Rows grouped by mode in run order; a ratio line after each mode with both ours and
    debian.  Returns the text."""
    lines, by_mode = [], {}
    for r in rows:
        by_mode.setdefault(r.mode, []).append(r)
    for mode, rs in by_mode.items():
        for r in rs:
            lines.append((mode, IMPL_LABEL.get(r.impl, r.impl),
                          [cell(f, r.values.get(k)) for k, _, f in COLUMNS], r.error or ""))
        impls = {r.impl: r for r in rs}
        if "ours" in impls and "debian" in impls:
            lines.append(ratio_row(mode, impls["ours"], impls["debian"]))
    head = ("mode", "impl", [h for _, h, _ in COLUMNS], "note")
    w0 = max(len(x[0]) for x in lines + [head])
    w1 = max(len(x[1]) for x in lines + [head])
    wc = [max(len(x[2][i]) for x in lines + [head]) for i in range(len(COLUMNS))]
    out = []
    for n, (m, i, cs, note) in enumerate([head] + lines):
        s = "%-*s  %-*s" % (w0, m, w1, i)
        s += "".join("  %*s" % (wc[j], c) for j, c in enumerate(cs))
        out.append((s + ("  " + note if note else "")).rstrip())
        if n == 0:
            out.append("-" * len(out[0]))
    return "\n".join(out)


def append_json(path, rows, meta):
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    with open(path, "a") as f:
        for r in rows:
            d = {"time": stamp}
            d.update(meta)
            d.update(r.as_dict())
            f.write(json.dumps(d, sort_keys=True) + "\n")
