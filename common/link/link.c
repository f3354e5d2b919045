/* SPDX-License-Identifier: ISC */
/*
 * The relay loop and its backpressure. Device packets become frames queued on the transport
 * and flushed to the socket; when the socket cannot keep up the device is not read. Received
 * frames go through the filter chain to the device; when a stream device cannot keep up the
 * socket is not read. Nothing here blocks: every wait is a libev watcher.
 */
#include "link/link_int.h"
#include "base/log.h"
#include "link/shaper.h"
#include "link/stat.h"
#include "base/util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* Device reads per wake-up before giving the socket a turn. */
#define DEV_BATCH 64
/* What a cipher adds to a frame besides its first-frame IV (in-band block, padding). */
#define CIPHER_EXTRA 32
/* Session end: how long queued bytes may wait for a stream device. */
#define DEV_DRAIN_S 1.0

const char *link_end_name(enum link_end e)
{
	switch (e) {
	case LINK_END_NONE: return "running";
	case LINK_END_PEER_CLOSED: return "closed by peer";
	case LINK_END_EOF: return "connection lost";
	case LINK_END_TIMEOUT: return "network timeout";
	case LINK_END_PROTOCOL: return "protocol error";
	case LINK_END_DEVICE: return "device closed";
	case LINK_END_SIG_TERM: return "terminated";
	case LINK_END_SIG_HUP: return "restart requested";
	case LINK_END_SETUP: return "set-up failed";
	}
	return "?";
}

void link_finish(struct link *l, enum link_end why, bool send_close)
{
	if (l->end != LINK_END_NONE)
		return;
	l->end = why;
	l->send_close = send_close;
	ev_break(l->loop, EVBREAK_ONE);
}

static void dev_read_resume(struct link *l)
{
	if (l->end == LINK_END_NONE && !ev_is_active(&l->shaper_timer))
		ev_io_start(l->loop, &l->dev_r);
}

/* Push queued frames; the socket's fill level decides whether the device is read. */
void link_flush(struct link *l)
{
	enum tx_state s = l->t->ops->flush(l->t);
	if (s == TX_ERROR) {
		link_finish(l, LINK_END_EOF, false);
		return;
	}
	if (s == TX_SENT)
		ev_io_stop(l->loop, &l->sock_w);
	else
		ev_io_start(l->loop, &l->sock_w);
	if (s == TX_FULL)
		ev_io_stop(l->loop, &l->dev_r);
	else if (s == TX_SENT || s == TX_LOW)
		dev_read_resume(l);
}

static void on_dev_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct link *l = w->data;
	/* Room for everything one read can turn into (a super-packet: many frames). */
	size_t frames = dev_io_frames_per_read(l->dio);
	size_t need = frames * framing_frame_max(&l->framing);
	for (int i = 0; i < DEV_BATCH && l->end == LINK_END_NONE; i++) {
		if (!l->t->ops->room(l->t, frames, need)) {
			/* flush what we have, then go on if the socket took it */
			link_flush(l);
			if (!l->t->ops->room(l->t, frames, need))
				break;
		}
		if (l->shaper && !shaper_allow(l->shaper, ev_now(loop))) {
			/* Over budget: stop reading the device until the next window opens. */
			ev_io_stop(loop, &l->dev_r);
			ev_timer_set(&l->shaper_timer, shaper_next_window(l->shaper, ev_now(loop)), 0);
			ev_timer_start(loop, &l->shaper_timer);
			break;
		}
		ssize_t n = dev_io_read(l->dio, link_on_dev_packet, l);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			if (n < 0)
				log_warn("%s: device read failed", l->p->name);
			else
				log_info("%s: device closed", l->p->name);
			link_finish(l, LINK_END_DEVICE, true);
			break;
		}
	}
	link_flush(l);
}

static void on_shaper_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct link *l = w->data;
	if (l->end == LINK_END_NONE)
		ev_io_start(loop, &l->dev_r);
}

/* Watch the device for room while bytes wait for it; a full queue holds the socket (until
 * on_dev_writable has drained it below DEV_QUEUE_LOW). */
void link_dev_queue_changed(struct link *l)
{
	size_t q = dev_io_queued(l->dio);
	if (q)
		ev_io_start(l->loop, &l->dev_w);
	else
		ev_io_stop(l->loop, &l->dev_w);
	if (q >= DEV_QUEUE_HIGH && !l->sock_held) {
		l->sock_held = true;
		ev_io_stop(l->loop, &l->sock_r);
	}
}

/* Deliver what the transport has, then send what that queued (echo replies, resync frames). */
static void receive(struct link *l)
{
	if (!l->t->ops->peer_ready(l->t))
		return;
	if (l->t->ops->read(l->t, link_on_frame, l) != RX_OK)
		link_finish(l, LINK_END_EOF, false);
	dev_io_batch_end(l->dio);
	if (l->end == LINK_END_NONE)
		link_flush(l);
}

static void on_sock_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	receive(w->data);
}

static void on_sock_writable(struct ev_loop *loop, ev_io *w, int revents)
{
	link_flush(w->data);
}

static void on_dev_writable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct link *l = w->data;
	if (!dev_io_drain(l->dio)) {
		link_finish(l, LINK_END_DEVICE, true);
		return;
	}
	link_dev_queue_changed(l);
	if (l->sock_held && dev_io_queued(l->dio) < DEV_QUEUE_LOW) {
		l->sock_held = false;
		ev_io_start(loop, &l->sock_r);
		receive(l);   /* frames the transport kept while the socket was held */
	}
}

static void on_ka_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct link *l = w->data;
	switch (keepalive_tick(&l->ka)) {
	case KA_TIMEOUT:
		log_info("Session %s network timeout", l->p->name);
		link_finish(l, LINK_END_TIMEOUT, true);
		break;
	case KA_PROBE:
		link_send_control(l, FRAME_ECHO_REQ);
		break;
	case KA_NOTHING:
		break;
	}
}

static void on_stat_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct link *l = w->data;
	stat_write(l->stat_file, l->st);
}

static void on_signal(int signum, void *arg)
{
	struct link *l = arg;
	switch (signum) {
	case SIGTERM:
	case SIGINT:
		log_info("%s: Closing connection", l->p->name);
		link_finish(l, LINK_END_SIG_TERM, true);
		break;
	case SIGHUP:
		log_info("%s: Reestablishing connection", l->p->name);
		link_finish(l, LINK_END_SIG_HUP, true);
		break;
	case SIGUSR1:
		memset(l->st, 0, sizeof(*l->st));
		log_info("%s: statistics counters reset", l->p->name);
		break;
	}
}

static void start_timers(struct link *l)
{
	const struct link_params *p = l->p;
	double first = p->ka_interval < 300 ? p->ka_interval : 300;
	if (first < 1)
		first = 1;
	ev_timer_init(&l->shaper_timer, on_shaper_timer, 1, 0);
	l->shaper_timer.data = l;
	if (p->keepalive && p->ka_interval > 0) {
		ev_timer_init(&l->ka_timer, on_ka_timer, first, p->ka_interval + 1);
		l->ka_timer.data = l;
		ev_timer_start(l->loop, &l->ka_timer);
	}
	if (l->stat_file) {
		ev_timer_init(&l->stat_timer, on_stat_timer, first, 300);
		l->stat_timer.data = l;
		ev_timer_start(l->loop, &l->stat_timer);
	}
}

static void start_io(struct link *l)
{
	int dev = l->p->dev->fd, sock = l->p->sock;
	ev_io_init(&l->dev_r, on_dev_readable, dev, EV_READ);
	ev_io_init(&l->dev_w, on_dev_writable, dev, EV_WRITE);
	ev_io_init(&l->sock_r, on_sock_readable, sock, EV_READ);
	ev_io_init(&l->sock_w, on_sock_writable, sock, EV_WRITE);
	l->dev_r.data = l->dev_w.data = l->sock_r.data = l->sock_w.data = l;
	ev_io_start(l->loop, &l->dev_r);
	ev_io_start(l->loop, &l->sock_r);
}

static void stop_watchers(struct link *l)
{
	ev_io *ios[] = { &l->dev_r, &l->dev_w, &l->sock_r, &l->sock_w };
	ev_timer *timers[] = { &l->ka_timer, &l->stat_timer, &l->shaper_timer };
	for (size_t i = 0; i < sizeof(ios) / sizeof(ios[0]); i++)
		ev_io_stop(l->loop, ios[i]);
	for (size_t i = 0; i < sizeof(timers) / sizeof(timers[0]); i++)
		ev_timer_stop(l->loop, timers[i]);
}

static void link_open(struct link *l)
{
	const struct link_params *p = l->p;
	l->framing.ops = p->framing ? p->framing : &framing_vtun_ops;
	const struct transport_ops *tops = p->udp ? &transport_udp_ops : &transport_tcp_ops;
	struct transport_cfg tc = {
		.name = p->name, .sock = p->sock, .framing = &l->framing,
		.nat_wait = p->nat_wait, .peer_ip = p->peer_ip,
		.dgram_max = l->framing.ops->overhead + FILTER_BUF_MAX,
	};
	l->t = tops->open(&tc);
	size_t chunk = l->framing.ops->max_dev;
	size_t target = l->t->ops->packet_target(l->t, p->chain ? CIPHER_EXTRA : 0);
	struct dev_io_cfg dc = {
		.name = p->name, .dev = p->dev, .chunk_max = chunk,
		.seg_max = target ? target : chunk,
		.payload_max = FILTER_BUF_MAX > l->framing.ops->max_payload ?
		               FILTER_BUF_MAX : l->framing.ops->max_payload,
	};
	l->dio = dev_io_new(&dc);
	/* Only packets can be repeated: on a pipe or tty a repeat would be duplicated bytes. */
	if (filter_chain_resyncs(p->chain) &&
	    (p->dev->type == VT_DEV_TUN || p->dev->type == VT_DEV_ETHER)) {
		l->last.cap = chunk;
		l->last.buf = xmalloc(chunk);
	}
	l->ka.maxfail = p->ka_maxfail;
	if (p->speed_kbit > 0)
		l->shaper = shaper_new(p->speed_kbit);
	if (p->stat)
		l->stat_file = stat_open(p->stat_dir, p->name);
}

static void link_close(struct link *l)
{
	if (l->send_close)
		l->t->ops->send_close(l->t);
	dev_io_drain_until(l->dio, deadline_in(DEV_DRAIN_S));
	if (l->stat_file) {
		stat_write(l->stat_file, l->st);
		fclose(l->stat_file);
	}
	l->t->ops->free(l->t);
	dev_io_free(l->dio);
	shaper_free(l->shaper);
	free(l->last.buf);
}

enum link_end link_run(const struct link_params *p, struct link_stats *st)
{
	struct link l = { .p = p, .st = st, .loop = EV_DEFAULT };
	link_open(&l);
	start_io(&l);
	start_timers(&l);
	signal_watch_start(&l.sigs, l.loop, on_signal, &l);
	/* Both ends open with an echo request (VTun does; it proves the path at once), except a
	 * NAT-hack side, which cannot send before it has heard from the peer. */
	if (!p->nat_wait)
		link_send_control(&l, FRAME_ECHO_REQ);
	if (l.end == LINK_END_NONE)
		ev_run(l.loop, 0);
	signal_watch_stop(&l.sigs);
	stop_watchers(&l);
	link_close(&l);
	return l.end;
}
