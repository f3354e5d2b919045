/* SPDX-License-Identifier: ISC */
#include "server/server_session.h"
#include "auth/auth.h"
#include "session/lock.h"
#include "base/log.h"
#include "base/signals.h"
#include "transport/net.h"
#include "session/session.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static bool admit(const struct vt_host *h, void *arg)
{
	bool *locked = arg;
	if (!lock_acquire(h->name, h->multi))
		return false;
	*locked = h->multi != VT_MULTI_ALLOW;
	return true;
}

int server_session(const struct vt_config *cfg, int fd, int timeout)
{
	char peer[NET_ADDRSTRLEN + 8] = "?";
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	if (getpeername(fd, (struct sockaddr *)&ss, &sl) < 0) {
		log_warn("Can't get peer address");
		close(fd);
		return 1;
	}
	net_format((struct sockaddr *)&ss, peer, sizeof(peer));
	/* The listener's watch is gone; until the session holds them, TERM just ends us. */
	signals_session_child();

	bool locked = false;
	const struct vt_host *h = auth_server(fd, cfg, timeout, peer, admit, &locked);
	if (!h) {
		close(fd);
		return 0;
	}
	log_info("Session %s[%s] opened", h->name, peer);

	struct vt_dev dev = { .fd = -1, .peer_fd = -1 };
	struct link_stats st;
	enum link_end end = session_run(h, fd, true, &dev, false, &st);
	if (end == LINK_END_SETUP)
		log_warnx("Session %s could not start", h->name);
	log_info("Session %s closed (%s)", h->name, link_end_name(end));
	if (locked)
		lock_release(h->name);
	close(fd);
	return 0;
}
