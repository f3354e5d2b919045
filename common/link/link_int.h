/* SPDX-License-Identifier: ISC */
/*
 * Inside the link: its state, shared by the event loop (link.c) and the per-frame work
 * (payload.c). Nothing outside common/link includes this.
 */
#ifndef VTUN_LINK_INT_H
#define VTUN_LINK_INT_H

#include <stdio.h>

#include "base/signals.h"
#include "link/link.h"
#include "link/dev_io.h"
#include "link/keepalive.h"
#include "transport/transport.h"

struct link {
	const struct link_params *p;
	struct link_stats *st;
	struct ev_loop *loop;
	struct framing framing;
	struct transport *t;
	struct dev_io *dio;
	struct shaper *shaper;
	struct keepalive ka;
	ev_io dev_r, dev_w, sock_r, sock_w;
	ev_timer ka_timer, stat_timer, shaper_timer;
	struct signal_watch sigs;
	enum link_end end;
	bool send_close;         /* send CONN_CLOSE when the loop ends */
	bool sock_held;          /* the device queue is full: the socket is not read */
	/* The last device packet sent, kept for a resynchronising cipher on tun/tap: when the
	 * peer asks for our new IV it lost everything since our last one, and this packet
	 * (usually the one that showed it the loss) is then worth more than an empty dummy. */
	struct {
		uint8_t *buf;            /* NULL: not kept (no such cipher, or a byte-stream device) */
		size_t len, cap;
	} last;
	FILE *stat_file;
};

/* link.c: the loop and its backpressure. */
void link_finish(struct link *l, enum link_end why, bool send_close);
/* Push queued frames; the socket's fill level decides whether the device is read. */
void link_flush(struct link *l);
/* After a device write: a full device queue holds the socket. */
void link_dev_queue_changed(struct link *l);

/* payload.c: frames and packets through the filter chain. */
/* Queue a control frame (CLOSE, ECHO_REQ, ECHO_REP) and flush. */
void link_send_control(struct link *l, enum frame_kind k);
/* A packet read from the device (dev_packet_fn). */
bool link_on_dev_packet(void *arg, const uint8_t *pkt, size_t len);
/* A frame from the transport (transport_frame_fn). */
bool link_on_frame(void *arg, const struct frame *f);

#endif
