/* SPDX-License-Identifier: ISC */
#include "session/session.h"
#include "base/log.h"
#include "base/signals.h"
#include "base/wait.h"
#include "session/script.h"
#include "transport/net.h"
#include "transport/udp_setup.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

/* How long traffic waits for `wait` up commands before going ahead anyway. */
#define UP_WAIT_LIMIT_S 120

static const char *stat_dir;

/*
 * Outside the link loop a TERM/INT/HUP must not kill the session half way: the up or down
 * commands would be cut off (an admin's `kill` of the whole process group, plus the
 * listener passing TERM on, easily delivers two). They are held (base/signals.h), noted
 * and acted on in order.
 */

/* How a signal noted outside the loop ends the session. */
static enum link_end noted_end(void)
{
	switch (signals_noted()) {
	case SIGTERM:
	case SIGINT: return LINK_END_SIG_TERM;
	case SIGHUP: return LINK_END_SIG_HUP;
	default: return LINK_END_NONE;
	}
}

void session_set_stat_dir(const char *dir) { stat_dir = dir; }

/* Block until the up runner says every waited-for command has finished (EOF on ready_fd). */
static void wait_up_ready(int ready_fd, const char *name)
{
	struct deadline d = deadline_in(UP_WAIT_LIMIT_S);
	char b[64];
	for (;;) {
		int r = wait_fd(ready_fd, POLLIN, d);
		if (r == 0)
			log_warnx("%s: up commands still running after %d s; starting traffic anyway",
			          name, UP_WAIT_LIMIT_S);
		if (r <= 0)
			break;
		ssize_t n = read(ready_fd, b, sizeof(b));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
	}
	close(ready_fd);
}

/* The UDP socket for a UDP session, or the TCP one itself. -1 on failure. */
static int data_socket(const struct vt_host *h, int sock, bool server)
{
	if (h->proto != VT_PROTO_UDP)
		return sock;
	bool nat_wait = server ? h->nat_hack == VT_NAT_SERVER : h->nat_hack == VT_NAT_CLIENT;
	return udp_session_setup(sock, h->timeout, nat_wait);
}

enum link_end session_run(const struct vt_host *h, int sock, bool server, struct vt_dev *dev,
                          bool keep_dev, struct link_stats *st)
{
	if (dev->fd < 0 && vt_dev_open(dev, h->type, h->device) < 0)
		return LINK_END_SETUP;
	signals_hold_begin();
	struct filter_chain *chain = NULL;
	if (h->compress != VT_COMP_NONE || h->cipher != VT_CIPHER_NONE) {
		chain = filter_chain_new(h);
		if (!chain) {
			if (!keep_dev)
				vt_dev_close(dev);
			signals_hold_end();
			return LINK_END_SETUP;
		}
	}
	int tcp = sock;
	sock = data_socket(h, tcp, server);
	if (sock < 0) {
		filter_chain_free(chain);
		if (!keep_dev)
			vt_dev_close(dev);
		signals_hold_end();
		return LINK_END_EOF;
	}

	char lip[NET_ADDRSTRLEN] = "0.0.0.0", rip[NET_ADDRSTRLEN] = "0.0.0.0";
	int lport = 0, rport = 0;
	net_endpoint(tcp, true, lip, sizeof(lip), &lport);
	net_endpoint(tcp, false, rip, sizeof(rip), &rport);
	if (sock != tcp) {
		/* UDP: its own ports; a NAT-hack socket has no peer yet and keeps the TCP peer's. */
		net_endpoint(sock, true, lip, sizeof(lip), &lport);
		net_endpoint(sock, false, rip, sizeof(rip), &rport);
	}
	struct script_env env = {
		.dev = dev->name, .host = h->name,
		.laddr = lip, .lport = lport, .raddr = rip, .rport = rport,
	};

	int ready_fd = -1;
	if (h->up) {
		pid_t runner = script_run_up(h->up, &env, dev->peer_fd, &ready_fd);
		if (runner < 0)
			log_warnx("%s: could not start the up commands", h->name);
	}
	vt_dev_close_peer(dev);
	if (ready_fd >= 0)
		wait_up_ready(ready_fd, h->name);

	if (h->proto != VT_PROTO_UDP)
		net_tune_session(sock);
	net_set_nonblock(sock, true);
	struct link_params lp = {
		.name = h->name, .sock = sock, .dev = dev,
		.keepalive = h->keepalive, .ka_interval = h->ka_interval, .ka_maxfail = h->ka_maxfail,
		.stat = h->stat, .stat_dir = stat_dir,
		.udp = h->proto == VT_PROTO_UDP, .peer_ip = rip, .chain = chain,
		.nat_wait = h->proto == VT_PROTO_UDP &&
		            (server ? h->nat_hack == VT_NAT_SERVER : h->nat_hack == VT_NAT_CLIENT),
		.speed_kbit = h->speed_out,
	};
	memset(st, 0, sizeof(*st));
	/* a signal during the up commands ends the session before traffic starts */
	enum link_end end = noted_end();
	if (end == LINK_END_NONE) {
		end = link_run(&lp, st);   /* its own signal watchers take over meanwhile */
		/* link_run returns with them blocked; pending ones are noted now */
		signals_hold_resume();
	}
	filter_chain_free(chain);
	if (sock != tcp)
		close(sock);

	if (h->down)
		script_run_down(h->down, &env);
	if (!keep_dev)
		vt_dev_close(dev);
	signals_hold_end();
	/* a TERM that came while we were closing still means "do not reconnect" */
	if (noted_end() == LINK_END_SIG_TERM)
		end = LINK_END_SIG_TERM;
	return end;
}
