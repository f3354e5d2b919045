/* SPDX-License-Identifier: ISC */
/*
 * UDP transport: one frame per datagram, batched both ways by udp_io (sendmmsg with GSO,
 * recvmmsg with GRO). A full socket keeps frames queued and the device waits; UDP may drop
 * the rest.
 * With the NAT hack this side learns the peer's address from its first datagram.
 */
#include "transport/transport.h"
#include "transport/udp_io.h"
#include "transport/udp_setup.h"
#include "base/log.h"
#include "base/util.h"

#include <errno.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <sys/socket.h>

/* Per wake-up at most RX_ROUNDS recvmmsg batches, ended early once RX_BUDGET datagrams have
 * gone to the link, before the device gets a turn. */
#define RX_ROUNDS 4
#define RX_BUDGET (RX_ROUNDS * UDP_IO_BATCH)

struct udp_dgram {
	struct transport t;
	const char *name;
	int sock;
	struct framing *fr;
	bool nat_wait, nat_connected;
	const char *peer_ip;
	struct sockaddr_storage peer;  /* where frames must come from */
	bool peer_known;
	struct udp_tx *tx;
	struct udp_rx *rx;             /* holds the rest of the last batch */
};

static struct udp_dgram *udp_of(struct transport *t) { return (struct udp_dgram *)t; }

/* Remember the connected peer: datagrams queued before connect() may come from others. */
static void learn_peer(struct udp_dgram *u)
{
	socklen_t sl = sizeof(u->peer);
	u->peer_known = getpeername(u->sock, (struct sockaddr *)&u->peer, &sl) == 0;
}

static struct transport *udp_open(const struct transport_cfg *c)
{
	struct udp_dgram *u = xcalloc(1, sizeof(*u));
	u->t.ops = &transport_udp_ops;
	u->name = c->name;
	u->sock = c->sock;
	u->fr = c->framing;
	u->nat_wait = c->nat_wait;
	u->peer_ip = c->peer_ip;
	if (!u->nat_wait)
		learn_peer(u);
	u->tx = udp_tx_new(framing_frame_max(c->framing));
	u->rx = udp_rx_new(c->dgram_max, c->sock);
	return &u->t;
}

static bool udp_room(struct transport *t, size_t frames, size_t bytes)
{
	return udp_tx_room(udp_of(t)->tx, frames, bytes);
}

static bool udp_queue(struct transport *t, enum frame_kind k, const uint8_t *payload, size_t len)
{
	struct udp_dgram *u = udp_of(t);
	if (u->nat_wait && !u->nat_connected)
		return true;   /* the peer's address is not known yet: nowhere to send */
	uint8_t *slot = udp_tx_slot(u->tx, len + u->fr->ops->overhead);
	if (!slot)
		return false;
	udp_tx_commit(u->tx, u->fr->ops->encode(u->fr, slot, k, payload, len));
	return true;
}

static enum tx_state udp_flush(struct transport *t)
{
	struct udp_dgram *u = udp_of(t);
	int r = udp_tx_flush(u->tx, u->sock);
	if (r < 0) {
		log_warn("%s: send to peer failed", u->name);
		return TX_ERROR;
	}
	return r == 1 ? TX_FULL : TX_SENT;
}

static bool udp_peer_ready(struct transport *t)
{
	struct udp_dgram *u = udp_of(t);
	if (!u->nat_wait || u->nat_connected)
		return true;
	if (!udp_nat_connect(u->sock, u->peer_ip))
		return false;
	u->nat_connected = true;
	learn_peer(u);
	return true;
}

/* One datagram to the link; false if it asked to stop. */
static bool deliver_dgram(struct udp_dgram *u, const struct udp_rx_dgram *d,
                          transport_frame_fn fn, void *arg)
{
	size_t n = d->len;
	if (u->peer_known && !udp_rx_from(d, &u->peer)) {
		/* queued before connect(): a stranger's datagram is not a frame */
		log_debug("%s: ignored a datagram from another address", u->name);
		return true;
	}
	struct frame f;
	switch (u->fr->ops->decode_dgram(u->fr, d->data, n, &f)) {
	case DGRAM_OK:
		return fn(arg, &f);
	case DGRAM_SHORT:
		log_warnx("%s: Received bad frame (%zu-byte datagram)", u->name, n);
		return true;
	case DGRAM_LENGTH:
		log_warnx("%s: Received bad frame (length %zu in a %zu-byte datagram)", u->name,
		          f.len, n);
		return true;
	case DGRAM_OVERSIZE:
		log_warnx("%s: Received bad frame (length %zu)", u->name, f.len);
		return true;
	}
	return true;
}

/* The rest of the current batch, counting datagrams in *done; false if the link asked to
 * stop. */
static bool deliver_batch(struct udp_dgram *u, transport_frame_fn fn, void *arg, int *done)
{
	struct udp_rx_dgram d;
	while (udp_rx_next(u->rx, &d)) {
		(*done)++;
		if (!deliver_dgram(u, &d, fn, arg))
			return false;
	}
	return true;
}

static enum rx_state udp_read(struct transport *t, transport_frame_fn fn, void *arg)
{
	struct udp_dgram *u = udp_of(t);
	int done = 0;
	if (!deliver_batch(u, fn, arg, &done))
		return RX_OK;
	for (int round = 0; round < RX_ROUNDS && done < RX_BUDGET; round++) {
		int got = udp_rx_read(u->rx, u->sock);
		if (got < 0) {
			if (errno == ECONNREFUSED) {
				/* ICMP from a peer that is not listening (yet): keepalive decides. */
				log_debug("%s: peer port unreachable", u->name);
				continue;
			}
			log_warn("%s: read from peer failed", u->name);
			return RX_ERROR;
		}
		if (!deliver_batch(u, fn, arg, &done) || !udp_rx_full(u->rx))
			break;
	}
	return RX_OK;
}

/*
 * Cut super-packets to what fits one unfragmented datagram instead of the peer's MSS
 * (fragments cost twice, and UDP GSO cannot send them); 0 (no re-cutting) on a small path.
 */
static size_t udp_packet_target(struct transport *t, size_t extra)
{
	struct udp_dgram *u = udp_of(t);
	int mtu = 0;
	socklen_t ml = sizeof(mtu);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	size_t ip_udp = 28;
	if (getsockname(u->sock, (struct sockaddr *)&ss, &sl) == 0 && ss.ss_family == AF_INET6) {
		ip_udp = 48;
		if (getsockopt(u->sock, IPPROTO_IPV6, IPV6_MTU, &mtu, &ml) < 0)
			mtu = 0;
	} else if (getsockopt(u->sock, IPPROTO_IP, IP_MTU, &mtu, &ml) < 0) {
		mtu = 0;
	}
	if (mtu <= 0)
		mtu = 1500;
	size_t over = ip_udp + u->fr->ops->overhead + extra;
	size_t target = (size_t)mtu > over ? (size_t)mtu - over : 0;
	return target >= 1200 ? target : 0;
}

/*
 * Datagrams get lost, and a peer that misses our close keeps its session (and its device)
 * until its keepalive gives up, which blocks a reconnecting client. So the close goes out
 * several times, each flushed on its own: queued together they would leave as one GSO
 * message, which one drop on the path takes out whole.
 */
static void udp_send_close(struct transport *t)
{
	struct udp_dgram *u = udp_of(t);
	udp_tx_clear(u->tx);
	for (int i = 0; i < UDP_CLOSE_COPIES; i++) {
		udp_queue(t, FRAME_CLOSE, NULL, 0);
		udp_tx_flush(u->tx, u->sock);
	}
}

static void udp_free(struct transport *t)
{
	struct udp_dgram *u = udp_of(t);
	if (!u)
		return;
	udp_tx_free(u->tx);
	udp_rx_free(u->rx);
	free(u);
}

const struct transport_ops transport_udp_ops = {
	.name = "udp",
	.open = udp_open,
	.room = udp_room,
	.queue = udp_queue,
	.flush = udp_flush,
	.peer_ready = udp_peer_ready,
	.read = udp_read,
	.packet_target = udp_packet_target,
	.send_close = udp_send_close,
	.free = udp_free,
};
