/* SPDX-License-Identifier: ISC */
/*
 * What the link does with one packet or frame: device packets through the filter chain into
 * data frames, received frames through the chain to the device, control frames answered.
 */
#include "link/link_int.h"
#include "base/log.h"
#include "link/shaper.h"
#include "base/util.h"

#include <string.h>

/* Queue one frame, flushing once if the queue is full; a frame that still does not fit is
 * dropped (the device is not read while that can happen, so only UDP drops). */
static void queue_frame(struct link *l, enum frame_kind k, const uint8_t *payload, size_t len)
{
	if (!l->t->ops->queue(l->t, k, payload, len)) {
		link_flush(l);
		l->t->ops->queue(l->t, k, payload, len);
	}
}

void link_send_control(struct link *l, enum frame_kind k)
{
	queue_frame(l, k, NULL, 0);
	link_flush(l);
}

/* Encode a device packet and queue it as a data frame; false if the chain failed fatally. */
static bool send_data(struct link *l, const uint8_t *pkt, size_t n)
{
	const uint8_t *out = pkt;
	int len = (int)n;
	if (l->p->chain) {
		len = filter_chain_encode(l->p->chain, pkt, n, &out);
		if (len == FILTER_FATAL) {
			link_finish(l, LINK_END_PROTOCOL, true);
			return false;
		}
		if (len < 0)
			return true;
	}
	if (len == 0)
		return true;  /* never send an empty data frame: VTun peers take it as EOF */
	if ((size_t)len > l->framing.ops->max_payload) {
		log_warnx("%s: dropped a packet that encodes to %d bytes (frames carry at most %zu)",
		          l->p->name, len, l->framing.ops->max_payload);
		return true;
	}
	l->st->comp_out += (uint64_t)len;
	if (l->shaper)
		shaper_account(l->shaper, (size_t)len, ev_now(l->loop));
	queue_frame(l, FRAME_DATA, out, (size_t)len);
	return true;
}

/*
 * A cipher that lost sync asks for a frame even when there is no data (doc/PROTOCOL.md §8.5).
 * When the peer asked for our new IV, it dropped what we sent since the loss; our last packet
 * goes again under the new IV: the inner TCP gets its retransmission at once instead of after
 * another, doubled, timeout, and a VTun peer gets a real packet rather than the 1-byte dummy
 * that it would write to its device and die on. Otherwise the dummy is VTun's 1 byte.
 */
static void maybe_send_dummy(struct link *l)
{
	if (!l->p->chain)
		return;
	enum filter_send want = filter_chain_wants_send(l->p->chain);
	if (want == FILTER_SEND_REPEAT && l->last.len > 0) {
		log_debug("%s: the peer asked for our new IV; repeating our last packet under it",
		          l->p->name);
		send_data(l, l->last.buf, l->last.len);
	} else if (want != FILTER_SEND_NONE) {
		uint8_t dummy = 0;
		send_data(l, &dummy, 1);
	}
}

bool link_on_dev_packet(void *arg, const uint8_t *pkt, size_t len)
{
	struct link *l = arg;
	l->st->byte_out += len;
	if (l->last.buf) {
		l->last.len = len <= l->last.cap ? len : 0;
		if (l->last.len)
			memcpy(l->last.buf, pkt, len);
	}
	return send_data(l, pkt, len);
}

static void deliver(struct link *l, const uint8_t *payload, size_t len)
{
	l->st->comp_in += len;
	int r = (int)len;
	if (l->p->chain) {
		r = filter_chain_decode(l->p->chain, payload, len, &payload);
		if (r == FILTER_FATAL) {
			link_finish(l, LINK_END_PROTOCOL, true);
			return;
		}
	}
	if (r > 0) {
		switch (dev_io_write(l->dio, payload, (size_t)r)) {
		case DEV_WROTE:
			l->st->byte_in += (uint64_t)r;
			link_dev_queue_changed(l);
			break;
		case DEV_DROPPED:
			break;
		case DEV_FAILED:
			link_finish(l, LINK_END_DEVICE, true);
			return;
		}
	}
	/* Replies are encoded only after the payload reached the device. The chain's separate
	 * decode buffers already keep the payload apart from the encoder; this order also holds
	 * for a filter that ever answers from its decode state. */
	maybe_send_dummy(l);
}

/* One received frame; false when no more should be delivered now. */
bool link_on_frame(void *arg, const struct frame *f)
{
	struct link *l = arg;
	keepalive_heard(&l->ka);
	switch (f->kind) {
	case FRAME_DATA:
		deliver(l, f->payload, f->len);
		break;
	case FRAME_ECHO_REQ:
		queue_frame(l, FRAME_ECHO_REP, NULL, 0);   /* flushed after the read */
		break;
	case FRAME_ECHO_REP:
	case FRAME_IGNORE:
		break;
	case FRAME_BAD:
		log_warnx("%s: Received bad frame", l->p->name);
		break;
	case FRAME_CLOSE:
		log_info("%s: Connection closed by other side", l->p->name);
		link_finish(l, LINK_END_PEER_CLOSED, false);
		break;
	case FRAME_EMPTY:
		/* VTun peers take an empty data frame as end of session; so do we. */
		log_info("%s: peer sent an empty frame (end of session)", l->p->name);
		link_finish(l, LINK_END_PEER_CLOSED, true);
		break;
	case FRAME_OVERSIZE:
		log_warnx("%s: Received bad frame: length %zu exceeds %zu; closing session",
		          l->p->name, f->len, l->framing.ops->max_payload);
		link_finish(l, LINK_END_PROTOCOL, true);
		break;
	}
	return l->end == LINK_END_NONE && !l->sock_held;
}

