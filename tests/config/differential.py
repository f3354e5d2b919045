#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Driver of tests/config/differential.sh (which sets up the namespaces and cleans them up).

  differential.py --vtun BIN --ours BIN --ns NS[,NS] --out DIR --known FILE N SEED

Case i is tests/lib/confgen.py with seed SEED*1000003+i. Each case goes through:
  ours  `vtund --check-config -f F`                  exit code and error lines
  both  `vtund -s -n -f F` in a network namespace    does it exit or listen, where, log lines
  both  tests/config/flags_probe.py on the listener  the FLAGS announced for each generated host
and the two verdicts are compared. Every disagreement is printed as one line
  DIFF [known] CASE KIND | ours: ... | vtun: ... | cause: ...
(the cause as tests/config/differential_groups.py classifies it) and its case file is kept in DIR. A disagreement is "known" when a regex of the known list
(one per line, `REGEX<TAB>reason`, # comments) is found in that line. Exit 1 when there are
disagreements that are not known.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import confgen  # noqa: E402

START_WAIT = 2.0  # seconds a server gets to either exit or listen


def msgs(text):
    """The log messages of a run, without the "vtund[PID]: " prefix and our file-name prefix."""
    out = []
    for line in text.split("\n"):  # not splitlines: VTun quotes a bad '\r' in its message
        m = re.match(r"^(?:.*\[\d+\]: |vtund: )?(.*)$", line)
        s = m.group(1).strip()
        if s and not s.startswith("VTUN server ver") and s != "Terminated":
            out.append(s)
    return out


def listening(ns):
    r = subprocess.run(["ip", "netns", "exec", ns, "ss", "-ltnH"], capture_output=True, text=True)
    return sorted(line.split()[3] for line in r.stdout.splitlines() if line.startswith("LISTEN"))


def kill_all(ns, proc):
    """Kill every process of the namespace (all of them were started by this run)."""
    for _ in range(50):
        r = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True)
        pids = [int(p) for p in r.stdout.split()]
        if proc.poll() is None and proc.pid not in pids:
            pids.append(proc.pid)
        if not pids:
            break
        for p in pids:
            try:
                os.kill(p, 9)
            except ProcessLookupError:
                pass
        time.sleep(0.01)
    proc.wait()


def serve(binary, ns, conf, work, hosts):
    """Run BINARY as a server on CONF in NS: (state, listen addresses, messages, flags)."""
    priv = os.path.join(work, "priv")
    for d in ("run/lock/vtund", "log"):
        os.makedirs(os.path.join(priv, d), exist_ok=True)
    log = os.path.join(work, "server.log")
    with open(log, "w") as lf:
        proc = subprocess.Popen(
            ["ip", "netns", "exec", ns, "unshare", "-m", "--propagation", "private", "sh", "-c",
             'mount --bind "$0/run" /run && mount --bind "$0/log" /var/log/vtund && exec "$@"',
             priv, binary, "-s", "-n", "-f", conf],
            stdin=subprocess.DEVNULL, stdout=lf, stderr=lf, cwd=work)
    state, addrs, flags = "timeout", [], {}
    deadline = time.time() + START_WAIT
    try:
        while time.time() < deadline:
            if proc.poll() is not None:
                state = "exit%d" % proc.returncode
                break
            addrs = listening(ns)
            if addrs:
                state = "listen"
                break
            time.sleep(0.02)
        if state == "listen" and hosts:
            port = addrs[0].rsplit(":", 1)[1]
            args = []
            for h in hosts:
                args += [h["name"], h["passwd"]]
            r = subprocess.run(["ip", "netns", "exec", ns, sys.executable,
                                os.path.join(HERE, "flags_probe.py"), "127.0.0.1", port] + args,
                               capture_output=True, text=True, timeout=30)
            for h, line in zip(hosts, r.stdout.splitlines()):
                flags[h["key"]] = line.partition(" ")[2]
    finally:
        kill_all(ns, proc)
    with open(log) as lf:
        text = lf.read()
    shutil.rmtree(priv, ignore_errors=True)
    return state, addrs, msgs(text), flags


def first_error(lines):
    """Our first error message: a FILE:LINE: line that is not a warning, else any message."""
    for s in lines:
        if re.search(r"\.conf:\d+: ", s) and ": warning: " not in s:
            return s
    for s in lines:
        if "warning:" not in s and "configuration OK" not in s:
            return s
    return ""


def norm_ours(s):
    """Our message without the FILE:LINE: prefix."""
    return re.sub(r"^[^:]*\.conf:\d+: ", "", s)


INFO = re.compile(r"^(Use (non)?SSL-aware|Session .* opened|Denied connection|waiting for "
                  r"connections|.*: warning: |.*configuration OK$)")


def compare(case, ours_check, o, d):
    """Disagreements between our verdict O and VTun's D: a list of (kind, detail) pairs."""
    (orc, olines) = ours_check
    ostate, oaddr, omsg, oflags = o
    dstate, daddr, dmsg, dflags = d
    if orc != 0:
        oerr = norm_ours(first_error(olines))
    elif ostate != "listen":
        oerr = "check OK, server %s: %s" % (ostate, "; ".join(m for m in omsg if not INFO.match(m)))
    else:
        oerr = "ok"
    # VTun's verdict: its parse messages and start-up failures, not the log of the probe sessions.
    derrs = [m for m in dmsg if re.search(r" line \d+$|^No hosts defined|^Can't (resolv|fill|bind)", m)
             or (dstate != "listen" and not INFO.match(m))]
    derr = "; ".join(derrs[:3]) or "ok"
    if dstate.startswith("exit-"):
        derr += " [crashed: signal %s]" % dstate[5:]
    parse_err = any(re.search(r" line \d+$", m) and not m.startswith("Ignored incomplete")
                    for m in derrs)
    out = []
    ol, dl = ostate == "listen", dstate == "listen"
    if dl and not ol:
        kind = "vtun-runs-with-errors-we-refuse" if parse_err else "vtun-runs-we-refuse"
        out.append((kind, "ours: %s | vtun: %s" % (oerr, derr)))
    elif ol and not dl:
        out.append(("vtun-refuses-we-run", "ours: %s | vtun: %s" % (oerr, derr)))
    elif ol and dl:
        if oaddr != daddr:
            out.append(("listen-differs", "ours: %s | vtun: %s" % (" ".join(oaddr),
                                                                   " ".join(daddr))))
        if parse_err:
            out.append(("vtun-error-we-accept", "ours: ok | vtun: %s" % derr))
        for h in sorted(set(oflags) | set(dflags)):
            if oflags.get(h) != dflags.get(h):
                out.append(("flags-differ", "host %s ours: %s | vtun: %s" %
                            (h, oflags.get(h), dflags.get(h))))
    elif dstate.startswith("exit-") and orc != 0:
        out.append(("vtun-crashes-we-refuse", "ours: %s | vtun: %s" % (oerr, derr)))
    # VTun refusing a file that our --check-config calls OK (e.g. no host defined).
    if orc == 0 and not dl and "No hosts defined" in dmsg:
        out.append(("check-ok-vtun-no-hosts", "ours: %s | vtun: %s" % (oerr, derr)))
    return out


def load_known(path):
    known = []
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.rstrip("\n")
                if line.strip() and not line.lstrip().startswith("#"):
                    known.append(re.compile(line.split("\t", 1)[0]))
    return known


def run_case(args, i, ns):
    seed = args.seed * 1000003 + i
    name = "case%06d" % i
    work = os.path.join(args.out, "work", name)
    os.makedirs(work, exist_ok=True)
    conf = os.path.join(work, name + ".conf")
    g = confgen.Gen(seed)
    text = g.case()
    with open(conf, "w") as f:
        f.write(text)
    os.chmod(conf, 0o600)
    # Each (name, password) pair once: a name defined twice is probed with both passwords,
    # as "name#1", "name#2" in the results.
    hosts, seen = [], {}
    for h in g.hosts:
        if h["passwd"] and (h["name"], h["passwd"]) not in seen and len(hosts) < 5:
            k = sum(1 for n, _ in seen if n == h["name"]) + 1
            seen[(h["name"], h["passwd"])] = k
            hosts.append({"name": h["name"], "passwd": h["passwd"], "key": "%s#%d" % (h["name"], k)})
    t0 = time.time()
    r = subprocess.run([args.ours, "--check-config", "-f", conf], capture_output=True, text=True,
                       cwd=work)
    ours_check = (r.returncode, msgs(r.stderr))
    o = serve(args.ours, ns, conf, work, hosts)
    d = serve(args.vtun, ns, conf, work, hosts)
    diffs = compare(name, ours_check, o, d)
    rec = {"case": name, "seed": seed, "ours_check": ours_check, "ours": o, "vtun": d,
           "diffs": diffs, "secs": round(time.time() - t0, 3)}
    if diffs:
        keep = os.path.join(args.out, name + ".conf")
        shutil.copy(conf, keep)
        with open(keep[:-5] + ".json", "w") as f:
            json.dump(rec, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)
    return rec


def causes(rec, conf_text):
    """The coarse cause of each disagreement (tests/config/differential_groups.py); None drops it."""
    from differential_groups import cause
    return [(kind, detail, cause(rec, kind, detail, conf_text)) for kind, detail in rec["diffs"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vtun", required=True)
    ap.add_argument("--ours", required=True)
    ap.add_argument("--ns", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--known")
    ap.add_argument("n", type=int)
    ap.add_argument("seed", type=int)
    args = ap.parse_args()
    args.vtun, args.ours, args.out = (os.path.abspath(p) for p in (args.vtun, args.ours, args.out))
    nss = args.ns.split(",")
    known = load_known(args.known)
    os.makedirs(args.out, exist_ok=True)
    free = list(nss)
    lock = threading.Lock()

    def job(i):
        with lock:
            ns = free.pop()
        try:
            return run_case(args, i, ns)
        finally:
            with lock:
                free.append(ns)

    t0 = time.time()
    total = unknown = 0
    results = open(os.path.join(args.out, "results.jsonl"), "w")
    with concurrent.futures.ThreadPoolExecutor(len(nss)) as ex:
        for rec in ex.map(job, range(args.n)):
            results.write(json.dumps(rec) + "\n")
            with open(os.path.join(args.out, rec["case"] + ".conf"), newline="") if rec["diffs"] \
                    else open(os.devnull) as cf:
                text = cf.read()
            for kind, detail, why in causes(rec, text):
                if why is None:
                    continue
                line = "%s %s | %s | cause: %s" % (rec["case"], kind, detail, why)
                is_known = any(k.search(line) for k in known)
                total += 1
                unknown += not is_known
                print("DIFF %s%s (%s)" % ("[known] " if is_known else "", line,
                                          os.path.join(args.out, rec["case"] + ".conf")),
                      flush=True)
    results.close()
    secs = time.time() - t0
    print("differential: %d cases, %d disagreements (%d not in the known list), %.1f s, "
          "%.2f s/case" % (args.n, total, unknown, secs, secs / max(args.n, 1)))
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
