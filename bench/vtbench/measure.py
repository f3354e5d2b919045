# SPDX-License-Identifier: ISC
"""Measurements: iperf3 through the tunnel, ICMP through the tunnel, and /proc accounting."""

import json
import os
import subprocess

from . import netns

ICMP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icmp.py")
CLK_TCK = os.sysconf("SC_CLK_TCK")
IPERF_PORT = 5201
UDP_LEN = 1400  # datagram payload: fits the 1450-byte tunnel MTU with IP+UDP headers


# --- /proc ------------------------------------------------------------------------------

def cpu_seconds(pids):
    """utime+stime of the given processes (children that already exited are not included)."""
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # fields 14 and 15 of stat(5)
        except (OSError, IndexError, ValueError):
            pass
    return total / CLK_TCK


def status_kb(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def memory(pids):
    """(sum of VmHWM, sum of VmRSS, sum of Pss) in KiB over the processes."""
    return (sum(status_kb(p, "VmHWM") for p in pids), sum(status_kb(p, "VmRSS") for p in pids),
            sum(pss_kb(p) for p in pids))


def vtund_tree(pid):
    """pid and every descendant that is a vtund (not a transient up-command child)."""
    return [pid] + [d for d in netns.descendants(pid)
                    if netns.comm(d) == "vtund" and netns.alive(d)]


# --- ICMP -------------------------------------------------------------------------------

def icmp(bed, side, args, timeout):
    cmd = bed.ns_cmd(side, ["python3", ICMP] + [str(a) for a in args])
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=timeout)
        return r.returncode, r.stdout
    except subprocess.TimeoutExpired:
        return 1, ""


def first_ping(bed, addr, deadline):
    """Seconds until the first echo reply, as seen by the helper (None on timeout)."""
    rc, out = icmp(bed, "c", ["first", addr, deadline], deadline + 10)
    if rc != 0:
        return None
    return float(out.split()[0])


def rtt(bed, addr, count=20, interval=0.05):
    """Average RTT in ms over count echoes (None if none came back)."""
    rc, out = icmp(bed, "c", ["rtt", addr, count, interval], count * interval + 15)
    f = out.split()
    if len(f) != 5 or f[1] == "0":
        return None
    return float(f[3])


def multi_ping(bed, addrs, deadline):
    """Number of addresses that answered and the list of those that did not."""
    rc, out = icmp(bed, "c", ["multi", deadline] + list(addrs), deadline + 30)
    lines = out.split("\n")
    if not lines or not lines[0].startswith("ok "):
        return 0, list(addrs)
    return int(lines[0].split()[1]), [x for x in lines[1:] if x]


# --- iperf3 -----------------------------------------------------------------------------

def iperf_server(bed, name):
    return bed.start(name, "s", ["iperf3", "-s", "-p", str(IPERF_PORT)], private=False)


def iperf(bed, addr, secs, streams=1, udp_rate=None):
    """One iperf3 run from the client namespace; returns a dict or {"error": text}."""
    cmd = ["iperf3", "-c", addr, "-p", str(IPERF_PORT), "-t", str(secs), "-J",
           "--connect-timeout", "3000"]
    if streams > 1:
        cmd += ["-P", str(streams)]
    if udp_rate:
        cmd += ["-u", "-b", udp_rate, "-l", str(UDP_LEN)]
    try:
        r = subprocess.run(bed.ns_cmd("c", cmd), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=secs + 10)
    except subprocess.TimeoutExpired:
        return {"error": "iperf3 timed out"}
    try:
        j = json.loads(r.stdout)
    except ValueError:
        return {"error": "iperf3: " + (r.stderr.strip() or "no output")[:200]}
    if "error" in j:
        return {"error": "iperf3: " + str(j["error"])[:200]}
    end = j.get("end", {})
    if udp_rate:
        s = end.get("sum", {})
        return {"loss_pct": s.get("lost_percent"), "mbps": s.get("bits_per_second", 0) / 1e6,
                "bytes": s.get("bytes", 0)}
    s = end.get("sum_received", {})
    return {"mbps": s.get("bits_per_second", 0) / 1e6, "bytes": s.get("bytes", 0)}
