/* SPDX-License-Identifier: ISC */
/*
 * The server: load the configuration, bind, detach (reporting start-up failure to the
 * caller), then accept connections and fork one session child per connection.
 */
#include "server/server.h"
#include "config/vtconfig.h"
#include "crypto/crypto.h"
#include "base/daemon.h"
#include "base/log.h"
#include "transport/net.h"
#include "server/server_session.h"
#include "base/util.h"

#include <errno.h>
#include <ev.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vtun-build.h"

/* Session children we started, so TERM can close them cleanly. */
#define MAX_CHILDREN 4096

struct listener {
	const struct cli *cli;
	struct vt_config *cfg;
	int fd;
	ev_io accept_w;
	ev_signal sig_hup, sig_term, sig_int;
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
	ev_signal_stop(loop, &s->sig_hup);
	ev_signal_stop(loop, &s->sig_term);
	ev_signal_stop(loop, &s->sig_int);
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
		int timeout = s->cli->timeout ? s->cli->timeout : s->cfg->opt.timeout;
		_exit(server_session(s->cfg, fd, timeout));
	}
	s->children[s->nchildren++] = pid;
	close(fd);
}

static void on_child(struct ev_loop *loop, ev_child *w, int revents)
{
	struct listener *s = w->data;
	forget_child(s, w->rpid);
}

static void on_hup(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct listener *s = w->data;
	int nerr = 0;
	log_info("Reloading configuration file");
	struct vt_config *n = vt_config_load(s->cli->config_file, &nerr);
	if (!n) {
		log_warnx("%s: %d error%s; keeping the previous configuration", s->cli->config_file,
		          nerr, nerr == 1 ? "" : "s");
		return;
	}
	vt_config_free(s->cfg);
	s->cfg = n;
}

static void on_term(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct listener *s = w->data;
	log_info("Terminated");
	stop_watchers(s, loop);
	/* Unlike VTun 3.0, sessions are closed too (close frames, down commands). */
	for (int i = 0; i < s->nchildren; i++)
		kill(s->children[i], SIGTERM);
	ev_break(loop, EVBREAK_ALL);
}

static void wait_children(struct listener *s, double limit_s)
{
	double deadline = mono_now() + limit_s;
	while (s->nchildren > 0 && mono_now() < deadline) {
		pid_t pid = waitpid(-1, NULL, WNOHANG);
		if (pid > 0)
			forget_child(s, pid);
		else if (pid < 0 && errno == ECHILD)
			break;
		else
			usleep(50000);
	}
}

static struct vt_config *load_config(const struct cli *c)
{
	int nerr = 0;
	struct vt_config *cfg = vt_config_load(c->config_file, &nerr);
	if (!cfg) {
		log_warnx("%s: %d error%s in the configuration", c->config_file, nerr,
		          nerr == 1 ? "" : "s");
		return NULL;
	}
	if (!cfg->hosts) {
		log_warnx("No hosts defined");
		vt_config_free(cfg);
		return NULL;
	}
	return cfg;
}

int server_main(const struct cli *c)
{
	struct listener s = { .cli = c, .fd = -1 };
	s.cfg = load_config(c);
	if (!s.cfg)
		return 1;
	if (!crypto_init())
		return 1;
	signal(SIGPIPE, SIG_IGN);
	log_set_syslog(!c->foreground || c->mode == CLI_INETD, s.cfg->opt.syslog_facility);

	if (c->mode == CLI_INETD || s.cfg->opt.inetd) {
		/* inetd may have put the connection on stderr too: logs go to syslog only */
		log_set_stderr(false);
		int timeout = c->timeout ? c->timeout : s.cfg->opt.timeout;
		log_info("VTUN server ver %s (inetd)", PACKAGE_VERSION);
		int rc = server_session(s.cfg, 0, timeout);
		vt_config_free(s.cfg);
		return rc;
	}

	int port = c->port ? c->port : s.cfg->opt.port;
	int family = c->family ? c->family : (int)s.cfg->opt.family;
	const char *addr = c->listen_addr ? c->listen_addr : s.cfg->opt.bind_addr;
	const char *iface = c->listen_addr ? NULL : s.cfg->opt.bind_iface;
	s.fd = net_listen(addr, iface, port, family);
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
	ev_signal_init(&s.sig_hup, on_hup, SIGHUP);
	ev_signal_init(&s.sig_term, on_term, SIGTERM);
	ev_signal_init(&s.sig_int, on_term, SIGINT);
	ev_child_init(&s.child_w, on_child, 0, 0);
	s.accept_w.data = s.sig_hup.data = s.sig_term.data = s.sig_int.data = s.child_w.data = &s;
	ev_io_start(loop, &s.accept_w);
	ev_signal_start(loop, &s.sig_hup);
	ev_signal_start(loop, &s.sig_term);
	ev_signal_start(loop, &s.sig_int);
	ev_child_start(loop, &s.child_w);
	signal(SIGUSR1, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);

	ev_run(loop, 0);

	wait_children(&s, 5.0);
	close(s.fd);
	vt_config_free(s.cfg);
	return 0;
}
