# SPDX-License-Identifier: ISC
"""Scale mode: N concurrent tun/tcp sessions on one server, one client process per session.

Session i has its own host stanza, tun devices ss<i> / sc<i> and a /30 of its own inside the
namespaces: 10.(100 + i/64).(4 * (i%64)).1 (server) and .2 (client).
"""

import json
import os
import time

from . import conf, measure, netns

PORT = 5999


def addrs(i):
    net = "10.%d.%d." % (100 + i // 64, 4 * (i % 64))
    return net + "1", net + "2"


def devices_up(bed, ns, prefix):
    """Number of interfaces named <prefix><digits> that are administratively up."""
    out = netns.run(["ip", "-n", ns, "-o", "link", "show", "up"], check=False).stdout
    n = 0
    for line in out.splitlines():
        f = line.split()
        if len(f) > 1:
            name = f[1].rstrip(":").split("@")[0]
            n += name.startswith(prefix) and name[len(prefix):].isdigit()
    return n


def configs(bed, n):
    """The server's file with every session; one file per client, as a real client has.

    One shared N-host file for the clients would make every client parse all N sessions: N^2
    config work in the harness (1000 x 11 ms of CPU at N = 1000) that no deployment has.
    Returns the server file and the clients' directory (scale-cli/<host>.conf).
    """
    # A long connect timeout and persist on the clients: with hundreds of simultaneous
    # connects a SYN may be retried by the kernel, and that must not count as a failure.
    opts = conf.options(PORT).replace("timeout 10;", "timeout 60;")
    srv = [opts]
    cli_dir = os.path.join(bed.tmp, "scale-cli")
    os.makedirs(cli_dir, exist_ok=True)
    for i in range(n):
        s, c = addrs(i)
        host, pw = "sc%d" % i, "ScalePw%d%s" % (i, bed.id)
        srv.append(conf.server_host(host, pw, "tun-tcp", "ss%d" % i, s, c))
        conf.write(os.path.join(cli_dir, host + ".conf"),
                   opts + conf.client_host(host, pw, "tun-tcp", "sc%d" % i, c, s)
                   .replace("  up {", "  persist yes;\n  up {", 1))
    return conf.write(os.path.join(bed.tmp, "scale-srv.conf"), "".join(srv)), cli_dir


def run(bed, n, vtund, log=print):
    """Returns a dict: impl binary, n, sessions seen, up time, ping result, server memory."""
    res = {"scale": n, "vtund": vtund, "ok": False, "error": None}
    srv_conf, cli_dir = configs(bed, n)
    srv = bed.start("scale-srv-%d" % bed.nstarted, "s", [vtund, "-n", "-s", "-f", srv_conf])
    bed.nstarted += 1
    clients = None
    try:
        if not netns.wait_until(lambda: bed.listening(PORT), 10):
            res["error"] = "server not listening"
            return res
        base = measure.vtund_tree(srv.pid)
        res["idle_server_rss_kb"] = measure.memory(base)[1]
        # One shell forks every client, so starting N processes costs one exec chain, not N.
        hosts = " ".join("sc%d" % i for i in range(n))
        script = ('for h in %s; do "$0" -n -f "$1/$h.conf" "$h" "$2" & done; wait'
                  % hosts)
        t0 = time.monotonic()
        clients = bed.start("scale-cli-%d" % bed.nstarted, "c",
                            ["sh", "-c", script, vtund, cli_dir, netns.ADDR_S])
        # Ping only once every tun device on both sides is up: Debian's session dies on a
        # tun write to a device its up commands have not raised yet, and an early probe
        # would measure that race instead of the bring-up.
        deadline = 60 + n / 5.0
        netns.wait_until(lambda: devices_up(bed, bed.ns_s, "ss") >= n and
                         devices_up(bed, bed.ns_c, "sc") >= n, deadline, step=0.2)
        res["devices_s"] = time.monotonic() - t0
        ok, missing = measure.multi_ping(bed, [addrs(i)[0] for i in range(n)], deadline)
        res["up_s"] = time.monotonic() - t0
        res["pinged"] = ok
        if missing:
            res["error"] = "%d of %d sessions never answered a ping (first: %s)" % (
                len(missing), n, ", ".join(missing[:5]))
        tree = measure.vtund_tree(srv.pid)
        res["server_procs"] = len(tree)
        hwm, rss, pss = measure.memory(tree)
        res.update(server_rss_kb=rss, server_pss_kb=pss, server_hwm_kb=hwm)
        cl = measure.vtund_tree(clients.pid)[1:]
        res["client_procs"] = len(cl)
        res["client_pss_kb"] = measure.memory(cl)[2]
        res["ok"] = not missing
        return res
    finally:
        if res["error"]:
            log("scale: %s\n%s" % (res["error"], bed.log_tail(srv.name)))
        if clients is not None:
            bed.stop(clients, grace=10)
        bed.stop(srv, grace=10)


def text(results):
    lines = ["%-40s %6s %8s %7s %7s %6s %12s %12s %10s %14s" % (
        "vtund", "N", "pinged", "dev s", "up s", "procs", "srv RSS KiB", "srv PSS KiB",
        "PSS/sess", "cli PSS KiB")]
    for r in results:
        n = r["scale"]
        if "server_pss_kb" not in r:
            lines.append("%-40s %6d  FAILED: %s" % (r["vtund"], n, r["error"]))
            continue
        lines.append("%-40s %6d %8d %7.2f %7.2f %6d %12d %12d %10.0f %14d" % (
            r["vtund"], n, r.get("pinged", 0), r.get("devices_s", 0), r.get("up_s", 0),
            r["server_procs"],
            r["server_rss_kb"], r["server_pss_kb"], r["server_pss_kb"] / n,
            r.get("client_pss_kb", 0)))
        if r["error"]:
            lines.append("  note: " + r["error"])
    return "\n".join(lines)


def append_json(path, results, meta):
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    with open(path, "a") as f:
        for r in results:
            d = {"time": stamp}
            d.update(meta)
            d.update(r)
            f.write(json.dumps(d, sort_keys=True) + "\n")
