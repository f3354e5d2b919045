/* SPDX-License-Identifier: ISC */
/*
 * The server: load the configuration, bind, detach (reporting start-up failure to the
 * caller), then accept connections and fork one session child per connection.
 */
#include "server/server.h"
#include "base/daemon.h"
#include "base/log.h"
#include "base/signals.h"
#include "base/wait.h"
#include "cli/overrides.h"
#include "config/vtconfig.h"
#include "crypto/crypto.h"
#include "server/server_session.h"
#include "transport/net.h"

#include <errno.h>
#include <ev.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vtun-build.h"

/* Session children we started, so TERM can close them cleanly. */
#define MAX_CHILDREN 4096

struct listener {
	const struct cli *cli;
	struct vt_config *cfg;
	int fd;
	ev_io accept_w;
	struct signal_watch sigs;
	ev_child child_w;
	pid_t children[MAX_CHILDREN];
	int nchildren;
};

static void forget_child(struct listener *s, pid_t pid)
{
	for (int i = 0; i < s->nchildren; i++)
		if (s->children[i] == pid) {
			s->children[i] = s->children[--s->nchildren];
			return;
		}
}

static void stop_watchers(struct listener *s, struct ev_loop *loop)
{
	ev_io_stop(loop, &s->accept_w);
	signal_watch_stop(&s->sigs);
	ev_child_stop(loop, &s->child_w);
}

static void on_accept(struct ev_loop *loop, ev_io *w, int revents)
{
	struct listener *s = w->data;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int fd = accept4(s->fd, (struct sockaddr *)&ss, &sl, SOCK_CLOEXEC);
	if (fd < 0) {
		if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
			log_warn("accept failed");
		return;
	}
	if (s->nchildren >= MAX_CHILDREN) {
		log_warnx("too many sessions (%d); connection refused", MAX_CHILDREN);
		close(fd);
		return;
	}
	pid_t pid = fork();
	if (pid < 0) {
		log_warn("fork failed");
		close(fd);
		return;
	}
	if (pid == 0) {
		stop_watchers(s, loop);
		close(s->fd);
		ev_loop_fork(loop);
		_exit(server_session(s->cfg, fd, s->cfg->opt.timeout));
	}
	s->children[s->nchildren++] = pid;
	close(fd);
}

static void on_child(struct ev_loop *loop, ev_child *w, int revents)
{
	struct listener *s = w->data;
	forget_child(s, w->rpid);
}

static void reload(struct listener *s)
{
	int nerr = 0;
	log_info("Reloading configuration file");
	struct vt_config *n = vt_config_load(s->cli->config_file, &nerr);
	if (!n) {
		log_warnx("%s: %d error%s; keeping the previous configuration", s->cli->config_file,
		          nerr, nerr == 1 ? "" : "s");
		return;
	}
	cli_override_options(s->cli, &n->opt);
	vt_config_free(s->cfg);
	s->cfg = n;
}

static void terminate(struct listener *s)
{
	struct ev_loop *loop = s->sigs.loop;
	log_info("Terminated");
	stop_watchers(s, loop);
	/* Unlike VTun 3.0, sessions are closed too (close frames, down commands). */
	for (int i = 0; i < s->nchildren; i++)
		kill(s->children[i], SIGTERM);
	ev_break(loop, EVBREAK_ALL);
}

static void on_signal(int signum, void *arg)
{
	struct listener *s = arg;
	if (signum == SIGHUP)
		reload(s);
	else if (signum == SIGTERM || signum == SIGINT)
		terminate(s);
	/* SIGUSR1 means nothing to the listener (signals_daemon_defaults ignores it) */
}

static void wait_children(struct listener *s, double limit_s)
{
	struct deadline d = deadline_in(limit_s);
	while (s->nchildren > 0) {
		pid_t pid = wait_child(-1, NULL, d);
		if (pid <= 0)
			break;   /* the deadline passed, or none is left */
		forget_child(s, pid);
	}
}

static struct vt_config *load_config(const struct cli *c)
{
	struct vt_config *cfg = cli_load_config(c);
	if (cfg && !cfg->hosts) {
		log_warnx("%s: No hosts defined (no section with a passwd)", c->config_file);
		vt_config_free(cfg);
		return NULL;
	}
	return cfg;
}

static bool stdin_is_socket(void)
{
	int type;
	socklen_t len = sizeof(type);
	return getsockopt(0, SOL_SOCKET, SO_TYPE, &type, &len) == 0;
}

int server_main(const struct cli *c)
{
	struct listener s = { .cli = c, .fd = -1 };
	s.cfg = load_config(c);
	if (!s.cfg)
		return 1;
	if (!crypto_init())
		return 1;
	signals_daemon_defaults();
	log_set_syslog(!c->foreground || c->mode == CLI_INETD, s.cfg->opt.syslog_facility);

	if (s.cfg->opt.inetd) {
		/* Said on stderr while it is still ours: without inetd there is nothing to serve. */
		if (!stdin_is_socket()) {
			if (c->mode == CLI_INETD)
				log_warnx("-i: vtund serves one connection from inetd, but standard input "
				          "is not a network connection");
			else
				log_warnx("%s: 'type inetd;' makes vtund serve one connection from inetd, "
				          "but standard input is not a network connection; write 'type "
				          "stand;' in options to listen on a port", c->config_file);
			vt_config_free(s.cfg);
			return 1;
		}
		/* inetd may have put the connection on stderr too: logs go to syslog only */
		log_set_stderr(false);
		log_info("VTUN server ver %s (inetd)", PACKAGE_VERSION);
		int rc = server_session(s.cfg, 0, s.cfg->opt.timeout);
		vt_config_free(s.cfg);
		return rc;
	}

	const struct vt_options *o = &s.cfg->opt;
	s.fd = net_listen(o->bind_addr, o->bind_iface, o->port, (int)o->family);
	if (s.fd < 0) {
		vt_config_free(s.cfg);
		return 1;
	}
	net_set_nonblock(s.fd, true);

	int ready = -1;
	if (!c->foreground && daemon_start(&ready) < 0)
		return 1;
	pidfile_write(c->pid_file ? c->pid_file : PIDFILE_SERVER);
	log_info("VTUN server ver %s (standalone)", PACKAGE_VERSION);
	if (ready >= 0)
		daemon_ready(ready);

	struct ev_loop *loop = EV_DEFAULT;
	ev_io_init(&s.accept_w, on_accept, s.fd, EV_READ);
	ev_child_init(&s.child_w, on_child, 0, 0);
	s.accept_w.data = s.child_w.data = &s;
	ev_io_start(loop, &s.accept_w);
	signal_watch_start(&s.sigs, loop, on_signal, &s);
	ev_child_start(loop, &s.child_w);

	ev_run(loop, 0);
	/* As before the watch stopped: a second TERM while the sessions close ends us. */
	signals_release();

	wait_children(&s, 5.0);
	close(s.fd);
	vt_config_free(s.cfg);
	return 0;
}
