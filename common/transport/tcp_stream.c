/* SPDX-License-Identifier: ISC */
/*
 * TCP transport: frames are appended to a transmit buffer that is written to the socket as
 * far as it takes them; received bytes collect in a buffer the framing cuts into frames.
 * The fill level of the transmit buffer is the link's backpressure signal.
 */
#include "transport/transport.h"
#include "base/log.h"
#include "base/util.h"
#include "base/wait.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Transmit buffer at least this big; reading the device stops above 3/4, resumes below 1/4. */
#define TX_MIN_CAP (256 * 1024)
/* Receive buffer at least this big (whole frames always fit). */
#define RX_MIN_CAP (64 * 1024)
#define CLOSE_WAIT_S 1.0

struct tcp_stream {
	struct transport t;
	const char *name;
	int sock;
	struct framing *fr;
	uint8_t *tx;
	size_t tx_cap, tx_len, tx_off;
	uint8_t *rx;
	size_t rx_cap, rx_len, rx_off;   /* rx[rx_off..rx_len) not yet delivered */
};

static struct tcp_stream *tcp_of(struct transport *t) { return (struct tcp_stream *)t; }

static size_t tx_pending(const struct tcp_stream *s) { return s->tx_len - s->tx_off; }

static struct transport *tcp_open(const struct transport_cfg *c)
{
	struct tcp_stream *s = xcalloc(1, sizeof(*s));
	size_t frame = framing_frame_max(c->framing);
	s->t.ops = &transport_tcp_ops;
	s->name = c->name;
	s->sock = c->sock;
	s->fr = c->framing;
	s->tx_cap = 4 * frame > TX_MIN_CAP ? 4 * frame : TX_MIN_CAP;
	s->rx_cap = 2 * frame > RX_MIN_CAP ? 2 * frame : RX_MIN_CAP;
	s->tx = xmalloc(s->tx_cap);
	s->rx = xmalloc(s->rx_cap);
	return &s->t;
}

/* Room for `bytes` at the end of the buffer, moving what is pending to the front if needed. */
static bool tx_make_room(struct tcp_stream *s, size_t bytes)
{
	if (s->tx_off == s->tx_len)
		s->tx_off = s->tx_len = 0;
	if (s->tx_cap - s->tx_len >= bytes)
		return true;
	memmove(s->tx, s->tx + s->tx_off, tx_pending(s));
	s->tx_len -= s->tx_off;
	s->tx_off = 0;
	return s->tx_cap - s->tx_len >= bytes;
}

static bool tcp_room(struct transport *t, size_t frames, size_t bytes)
{
	(void)frames;
	struct tcp_stream *s = tcp_of(t);
	return s->tx_cap - tx_pending(s) >= bytes;
}

static bool tcp_queue(struct transport *t, enum frame_kind k, const uint8_t *payload, size_t len)
{
	struct tcp_stream *s = tcp_of(t);
	if (!tx_make_room(s, len + s->fr->ops->overhead))
		return false;
	s->tx_len += s->fr->ops->encode(s->fr, s->tx + s->tx_len, k, payload, len);
	return true;
}

/* Write what the socket takes now; -1 on a hard error (logged unless quiet). */
static int tx_write(struct tcp_stream *s, bool quiet)
{
	while (tx_pending(s)) {
		ssize_t n = write(s->sock, s->tx + s->tx_off, tx_pending(s));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			if (!quiet)
				log_warn("%s: write to peer failed", s->name);
			return -1;
		}
		s->tx_off += (size_t)n;
	}
	if (!tx_pending(s))
		s->tx_off = s->tx_len = 0;
	return 0;
}

static enum tx_state tcp_flush(struct transport *t)
{
	struct tcp_stream *s = tcp_of(t);
	if (tx_write(s, false) < 0)
		return TX_ERROR;
	size_t left = tx_pending(s);
	if (left == 0)
		return TX_SENT;
	if (left > s->tx_cap / 4 * 3)
		return TX_FULL;
	return left < s->tx_cap / 4 ? TX_LOW : TX_HOLD;
}

static bool tcp_peer_ready(struct transport *t)
{
	(void)t;
	return true;   /* connected by the handshake */
}

static size_t tcp_packet_target(struct transport *t, size_t extra)
{
	(void)t;
	(void)extra;
	return 0;   /* TCP segments the stream itself */
}

/* Hand out whole frames from the receive buffer; false if the callback stopped. */
static bool rx_deliver(struct tcp_stream *s, transport_frame_fn fn, void *arg)
{
	struct frame f;
	size_t used;
	while ((used = s->fr->ops->decode_stream(s->fr, s->rx + s->rx_off, s->rx_len - s->rx_off, &f))) {
		s->rx_off += used;
		if (!fn(arg, &f))
			return false;
	}
	/* keep the partial frame at the front so the next read has room for the rest */
	memmove(s->rx, s->rx + s->rx_off, s->rx_len - s->rx_off);
	s->rx_len -= s->rx_off;
	s->rx_off = 0;
	return true;
}

static enum rx_state tcp_read(struct transport *t, transport_frame_fn fn, void *arg)
{
	struct tcp_stream *s = tcp_of(t);
	if (!rx_deliver(s, fn, arg))
		return RX_OK;   /* the rest waits until the link asks again */
	ssize_t n = read(s->sock, s->rx + s->rx_len, s->rx_cap - s->rx_len);
	if (n < 0) {
		if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
			return RX_OK;
		log_warn("%s: read from peer failed", s->name);
		return RX_ERROR;
	}
	if (n == 0) {
		log_info("%s: connection closed by peer (EOF)", s->name);
		return RX_EOF;
	}
	s->rx_len += (size_t)n;
	rx_deliver(s, fn, arg);
	return RX_OK;
}

/* Push what is queued plus a CONN_CLOSE, waiting for the socket only until the deadline. */
static void tcp_send_close(struct transport *t)
{
	struct tcp_stream *s = tcp_of(t);
	if (!tcp_queue(t, FRAME_CLOSE, NULL, 0))
		log_debug("%s: no room for the close frame", s->name);   /* the queue still goes */
	struct deadline d = deadline_in(CLOSE_WAIT_S);
	while (tx_write(s, true) == 0 && tx_pending(s) && wait_fd(s->sock, POLLOUT, d) == 1)
		;
}

static void tcp_free(struct transport *t)
{
	struct tcp_stream *s = tcp_of(t);
	if (!s)
		return;
	secure_zero(s->tx, s->tx_cap);
	secure_zero(s->rx, s->rx_cap);
	free(s->tx);
	free(s->rx);
	free(s);
}

const struct transport_ops transport_tcp_ops = {
	.name = "tcp",
	.open = tcp_open,
	.room = tcp_room,
	.queue = tcp_queue,
	.flush = tcp_flush,
	.peer_ready = tcp_peer_ready,
	.read = tcp_read,
	.packet_target = tcp_packet_target,
	.send_close = tcp_send_close,
	.free = tcp_free,
};
