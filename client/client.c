/* SPDX-License-Identifier: ISC */
/*
 * The client: connect, authenticate, run the session with the server's FLAGS applied to our
 * profile; with persist, reconnect with exponential backoff and jitter.
 */
#include "client/client.h"
#include "auth/auth.h"
#include "auth/flags.h"
#include "base/daemon.h"
#include "base/log.h"
#include "base/signals.h"
#include "base/util.h"
#include "cli/overrides.h"
#include "config/vtconfig.h"
#include "crypto/crypto.h"
#include "session/session.h"
#include "transport/net.h"

#include <ev.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vtun-build.h"

/* Reconnect delays: start here, double after each short session or failure, cap there. */
#define BACKOFF_FIRST_S 1.0
#define BACKOFF_MAX_S   60.0
/* A session that lasted this long resets the backoff. */
#define BACKOFF_RESET_S 30.0

static bool term_requested;

static void on_signal(int signum, void *arg)
{
	struct ev_loop *loop = arg;
	/* HUP and USR1 mean nothing between sessions */
	if (signum == SIGTERM || signum == SIGINT) {
		term_requested = true;
		ev_break(loop, EVBREAK_ALL);
	}
}

static void on_sleep_done(struct ev_loop *loop, ev_timer *w, int revents)
{
	ev_break(loop, EVBREAK_ALL);
}

/* Sleep on the event loop so TERM/INT end the wait at once. */
static void backoff_sleep(double seconds)
{
	struct ev_loop *loop = EV_DEFAULT;
	struct signal_watch sigs;
	ev_timer t;
	ev_timer_init(&t, on_sleep_done, seconds, 0);
	ev_timer_start(loop, &t);
	signal_watch_start(&sigs, loop, on_signal, loop);
	ev_run(loop, 0);
	ev_timer_stop(loop, &t);
	signal_watch_stop(&sigs);
	signals_release();
}

static double jitter(double d)
{
	uint32_t r = 0;
	crypto_random(&r, sizeof(r));
	return d * (0.5 + 0.5 * (double)r / 4294967295.0);
}

/* One connection attempt and, if it is accepted, one session. */
static enum link_end connect_once(const struct cli *c, const struct vt_config *cfg,
                                  const struct vt_host *h, struct vt_dev *dev, bool keep)
{
	const struct vt_options *o = &cfg->opt;

	if (!c->quiet)
		log_info("Connecting to %s", c->server);
	int fd = net_connect(c->server, o->port, (int)o->family, h->src_addr, h->src_iface,
	                     h->src_port, h->timeout, c->quiet);
	if (fd < 0)
		return LINK_END_EOF;

	struct vt_flags flags;
	if (auth_client(fd, h, o->timeout, c->server, &flags) < 0) {
		close(fd);
		return LINK_END_EOF;
	}
	struct vt_host *eff = vt_host_dup(h);
	flags_apply(&flags, eff);
	struct link_stats st;
	log_info("Session %s[%s] opened", h->name, c->server);
	enum link_end end = session_run(eff, fd, false, dev, keep, &st);
	log_info("Session %s[%s] closed (%s)", h->name, c->server, link_end_name(end));
	vt_host_free(eff);
	close(fd);
	return end;
}

int client_main(const struct cli *c)
{
	struct vt_config *cfg = cli_load_config(c);
	if (!cfg)
		return 1;
	const struct vt_host *h = vt_config_find_host(cfg, c->host);
	if (!h) {
		log_warnx("Host %s not found in %s", c->host, c->config_file);
		vt_config_free(cfg);
		return 1;
	}
	if (!crypto_init()) {
		vt_config_free(cfg);
		return 1;
	}
	signals_client_defaults();
	log_set_syslog(!c->foreground, cfg->opt.syslog_facility);
	int ready = -1;
	if (!c->foreground && daemon_start(&ready) < 0)
		return 1;
	if (c->pid_file)
		pidfile_write(c->pid_file);
	log_info("VTun client ver %s started", PACKAGE_VERSION);
	if (ready >= 0)
		daemon_ready(ready);

	bool persist = c->persist || h->persist != VT_PERSIST_NO;
	bool keep = h->persist == VT_PERSIST_KEEP;
	struct vt_dev dev = { .fd = -1, .peer_fd = -1 };
	double delay = BACKOFF_FIRST_S;
	int rc = 0;

	while (!term_requested) {
		double started = mono_now();
		enum link_end end = connect_once(c, cfg, h, &dev, keep);
		if (end == LINK_END_SIG_TERM)
			break;
		if (end == LINK_END_SETUP) {
			rc = 1;  /* a device that cannot be created will not appear by retrying */
			break;
		}
		if (end == LINK_END_SIG_HUP)
			continue;
		if (!persist)
			break;
		if (mono_now() - started >= BACKOFF_RESET_S)
			delay = BACKOFF_FIRST_S;
		double wait = jitter(delay);
		log_info("Reconnecting in %.1f s", wait);
		backoff_sleep(wait);
		delay = delay * 2 > BACKOFF_MAX_S ? BACKOFF_MAX_S : delay * 2;
	}
	if (keep)
		vt_dev_close(&dev);
	log_info("Exit");
	vt_config_free(cfg);
	return rc;
}
