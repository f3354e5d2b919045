# SPDX-License-Identifier: ISC
"""One benchmark row: a server and a client of given implementations in one mode, measured."""

import os
import time

from . import conf, measure, netns

UP_DEADLINE = 20.0  # seconds from client start to the first ping before a row is a failure


class Row:
    """Result of one row; fields left None were not measured (or the measurement failed)."""

    FIELDS = ("tcp1_mbps", "tcp4_mbps", "udp_loss_pct", "rtt_ms", "cpu_s_per_gb",
              "hwm_kb", "pss_kb", "up_s")

    def __init__(self, mode, impl, server_bin=None, client_bin=None):
        self.mode, self.impl = mode, impl
        self.server_bin, self.client_bin = server_bin, client_bin
        self.values = dict.fromkeys(self.FIELDS)
        self.error = None

    def as_dict(self):
        d = {"mode": self.mode, "impl": self.impl, "server": self.server_bin,
             "client": self.client_bin, "error": self.error}
        d.update(self.values)
        return d


def daemon_env(mode, legacy_cnf):
    """Debian's vtund needs the legacy provider for Blowfish; both implementations get the same
    environment so that the comparison stays fair."""
    if conf.needs_legacy(mode):
        return {"OPENSSL_CONF": legacy_cnf}
    return {}


def add_error(row, text):
    row.error = row.error + "; " + text if row.error else text


class Runner:
    def __init__(self, bed, secs, udp_rate, legacy_cnf, log=print):
        self.bed, self.secs, self.udp_rate = bed, secs, udp_rate
        self.legacy_cnf, self.log = legacy_cnf, log

    def _configs(self, k, mode):
        """Per-row port, devices and addresses, so a slow teardown of the previous row cannot
        collide with this one."""
        host, pw = "bench%d" % k, "BenchPw%d%s" % (k, self.bed.id)
        port = 5000 + k
        t_s, t_c = "10.98.%d.1" % (k % 250), "10.98.%d.2" % (k % 250)
        srv = conf.options(port) + conf.server_host(host, pw, mode, "vbs%d" % k, t_s, t_c)
        cli = conf.options(port) + conf.client_host(host, pw, mode, "vbc%d" % k, t_c, t_s)
        d = self.bed.tmp
        return (host, port, t_s, conf.write(os.path.join(d, "srv%d.conf" % k), srv),
                conf.write(os.path.join(d, "cli%d.conf" % k), cli))

    def run_raw(self):
        row = Row("veth", "raw")
        self._traffic(row, netns.ADDR_S, None, None, "iperf-raw")
        return row

    def run(self, mode, impl, server_bin, client_bin):
        self.bed.nstarted += 1
        k = self.bed.nstarted
        row = Row(mode, impl, server_bin, client_bin)
        host, port, t_s, srv_conf, cli_conf = self._configs(k, mode)
        srv = self.bed.start("srv%d" % k, "s", [server_bin, "-n", "-s", "-f", srv_conf],
                             env=daemon_env(mode, self.legacy_cnf))
        cli = None
        try:
            if not netns.wait_until(lambda: self.bed.listening(port), 10):
                row.error = "server not listening"
                return row
            cli = self.bed.start("cli%d" % k, "c",
                                 [client_bin, "-n", "-f", cli_conf, host, netns.ADDR_S],
                                 env=daemon_env(mode, self.legacy_cnf))
            t0 = time.monotonic()
            up = measure.first_ping(self.bed, t_s, UP_DEADLINE)
            if up is None:
                row.error = "no ping through the tunnel within %ds" % UP_DEADLINE
                return row
            # Time from client start, including the helper's own start-up inside it.
            row.values["up_s"] = time.monotonic() - t0
            self._traffic(row, t_s, srv, cli, "iperf%d" % k)
        finally:
            if row.error:
                self.log("  %s/%s: %s\n%s%s" % (mode, impl, row.error,
                                                self.bed.log_tail("srv%d" % k),
                                                self.bed.log_tail("cli%d" % k)))
            if cli is not None:
                self.bed.stop(cli)
            self.bed.stop(srv)
        return row

    def _tunnel_pids(self, srv, cli):
        if srv is None:
            return []
        return measure.vtund_tree(srv.pid)[1:] + measure.vtund_tree(cli.pid)

    def _traffic(self, row, addr, srv, cli, iperf_name):
        """RTT, TCP x1, TCP x4, UDP at a fixed rate; CPU per GB over the two TCP runs.  Stops
        early when the tunnel's session ends (Debian's UDP CBC session dies on the first lost
        datagram, see doc/PROTOCOL.md §8.5)."""
        v = row.values
        v["rtt_ms"] = measure.rtt(self.bed, addr)
        ip = measure.iperf_server(self.bed, iperf_name)
        try:
            netns.wait_until(self._iperf_listening, 5)
            cpu, nbytes = 0.0, 0
            steps = (("tcp1_mbps", 1, None), ("tcp4_mbps", 4, None),
                     ("udp_loss_pct", 1, self.udp_rate))
            for key, streams, rate in steps:
                pids = self._tunnel_pids(srv, cli)
                c0 = measure.cpu_seconds(pids)
                r = measure.iperf(self.bed, addr, self.secs, streams, rate)
                if rate is None:
                    cpu += measure.cpu_seconds(pids) - c0
                if "error" in r:
                    add_error(row, "%s: %s" % (key, r["error"]))
                elif rate is None:
                    v[key], nbytes = r["mbps"], nbytes + r["bytes"]
                else:
                    v[key] = r["loss_pct"]
                if srv is not None and not self._session_alive(srv, cli):
                    add_error(row, "session ended during %s" % key)
                    break
            if srv is not None and nbytes:
                v["cpu_s_per_gb"] = cpu / (nbytes / 1e9)
            if srv is not None and self._session_alive(srv, cli):
                pids = [srv.pid] + self._tunnel_pids(srv, cli)
                v["hwm_kb"], _, v["pss_kb"] = measure.memory(pids)
        finally:
            self.bed.stop(ip)

    def _session_alive(self, srv, cli):
        return netns.alive(cli.pid) and len(measure.vtund_tree(srv.pid)) > 1

    def _iperf_listening(self):
        return self.bed.listening(measure.IPERF_PORT)
