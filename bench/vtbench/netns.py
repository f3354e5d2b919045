# SPDX-License-Identifier: ISC
"""The test bed: two network namespaces joined by a veth, daemons started inside them.

Everything created here carries one random run id (namespaces vb<ID>s / vb<ID>c, a temp dir), so
parallel runs and leftovers of a crashed run cannot collide.  Addresses exist only inside the two
namespaces.  cleanup() stops only the processes this run started (by PID, plus their
descendants) and whatever still runs inside our own namespaces, then deletes the namespaces.
"""

import os
import shutil
import signal
import subprocess
import tempfile
import time

ADDR_S, ADDR_C = "10.97.0.1", "10.97.0.2"  # veth ends (the transport)
SERVER_CPU, CLIENT_CPU = "0", "1"

# Each daemon gets a private mount namespace in which /run (so /var/run and /var/lock) and
# /var/log/vtund are bind mounts of a scratch dir: PID, lock and stat files never touch the host.
PRIV_SH = ('mount --bind "$0/run" /run || exit 1; '
           'if [ -d /var/log/vtund ]; then mount --bind "$0/log" /var/log/vtund || exit 1; fi; '
           'exec "$@"')


def run(cmd, check=True, **kw):
    return subprocess.run(cmd, check=check, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


class Testbed:
    def __init__(self, keep=False):
        self.id = "%06x" % (int.from_bytes(os.urandom(3), "big"))
        self.ns_s, self.ns_c = "vb%ss" % self.id, "vb%sc" % self.id
        self.tmp = tempfile.mkdtemp(prefix="vtbench.")
        os.chmod(self.tmp, 0o700)
        self.keep = keep
        self.procs = []  # Popen objects we started
        self.namespaces = []
        self.nstarted = 0

    # --- namespaces ---------------------------------------------------------------------

    def setup(self):
        for ns in (self.ns_s, self.ns_c):
            run(["ip", "netns", "add", ns])
            self.namespaces.append(ns)
            # IPv6 off: a router solicitation can reach the peer before its up commands ran,
            # and a tun write to a down interface ends a Debian session.
            run(["ip", "netns", "exec", ns, "sysctl", "-qw",
                 "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"])
            # Roomy default socket buffers for every socket in the test bed, so that neither
            # implementation loses datagrams to a small receive queue (a VTun CBC/OFB session
            # dies on the first loss, doc/PROTOCOL.md §8.5); ours sets 4 MiB itself, Debian's none.
            run(["ip", "netns", "exec", ns, "sysctl", "-qw",
                 "net.core.rmem_default=4194304", "net.core.wmem_default=4194304"], check=False)
            run(["ip", "-n", ns, "link", "set", "lo", "up"])
        vs, vc = "vb%ss0" % self.id, "vb%sc0" % self.id
        run(["ip", "link", "add", vs, "netns", self.ns_s, "type", "veth",
             "peer", "name", vc, "netns", self.ns_c])
        run(["ip", "-n", self.ns_s, "addr", "add", ADDR_S + "/24", "dev", vs])
        run(["ip", "-n", self.ns_c, "addr", "add", ADDR_C + "/24", "dev", vc])
        run(["ip", "-n", self.ns_s, "link", "set", vs, "up"])
        run(["ip", "-n", self.ns_c, "link", "set", vc, "up"])

    def cleanup(self):
        for p in reversed(self.procs):
            self.stop(p)
        for ns in self.namespaces:
            self.kill_ns(ns)
        for ns in self.namespaces:
            run(["ip", "netns", "del", ns], check=False)
        self.namespaces = []
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def kill_ns(self, ns):
        """KILL whatever is still running inside one of our namespaces."""
        out = run(["ip", "netns", "pids", ns], check=False).stdout.split()
        for pid in out:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except (OSError, ValueError):
                pass

    # --- processes ----------------------------------------------------------------------

    def ns_cmd(self, side, cmd):
        """cmd run inside the server ("s") or client ("c") namespace, pinned to that side's CPU."""
        ns, cpu = (self.ns_s, SERVER_CPU) if side == "s" else (self.ns_c, CLIENT_CPU)
        return ["ip", "netns", "exec", ns, "taskset", "-c", cpu] + list(cmd)

    def start(self, name, side, cmd, env=None, private=True):
        """Start a process in a namespace; ip netns exec, taskset, unshare and sh all exec, so
        the returned Popen's pid is the program itself.  Output goes to <tmp>/<name>.log."""
        if private:
            priv = os.path.join(self.tmp, "priv-" + name)
            os.makedirs(os.path.join(priv, "run", "lock", "vtund"), exist_ok=True)
            os.makedirs(os.path.join(priv, "log"), exist_ok=True)
            cmd = ["unshare", "-m", "--propagation", "private", "sh", "-c", PRIV_SH, priv] + cmd
        log = open(os.path.join(self.tmp, name + ".log"), "ab")
        full_env = dict(os.environ)
        full_env.update(env or {})
        p = subprocess.Popen(self.ns_cmd(side, cmd), stdin=subprocess.DEVNULL, stdout=log,
                             stderr=subprocess.STDOUT, env=full_env)
        log.close()
        p.name = name
        self.procs.append(p)
        return p

    def stop(self, p, grace=3.0):
        """TERM the process and its descendants (collected first: a server whose TERM leaves
        sessions running must not leave orphans), then KILL what is left after grace."""
        if p not in self.procs:
            return
        pids = [p.pid] + descendants(p.pid)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except OSError:
                pass
        end = time.monotonic() + grace
        for pid in pids:
            while alive(pid) and time.monotonic() < end:
                if pid == p.pid and p.poll() is not None:
                    break
                time.sleep(0.05)
            if alive(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.procs.remove(p)

    def log_tail(self, name, n=15):
        try:
            with open(os.path.join(self.tmp, name + ".log"), errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def listening(self, port):
        out = run(["ip", "netns", "exec", self.ns_s, "ss", "-Hltn", "sport = :%d" % port],
                  check=False).stdout
        return bool(out.strip())


def children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def descendants(pid):
    out = []
    for c in children(pid):
        out.append(c)
        out.extend(descendants(c))
    return out


def state(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def alive(pid):
    s = state(pid)
    return s not in ("", "Z", "X")


def comm(pid):
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except OSError:
        return ""


def wait_until(pred, timeout, step=0.05):
    end = time.monotonic() + timeout
    while True:
        if pred():
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(step)
