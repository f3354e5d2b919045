/* SPDX-License-Identifier: ISC */
/*
 * Transports of the data channel: how frames reach the connected socket and come back. Each
 * is an ops table in its own file (TCP stream, UDP datagrams); the link sees only these
 * calls, one per frame on the data path. Frame bytes come from the session's framing.
 */
#ifndef VTUN_TRANSPORT_H
#define VTUN_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "framing/framing.h"

struct transport_cfg {
	const char *name;           /* session name, for logs */
	int sock;                   /* connected (or NAT-hack waiting) non-blocking socket */
	struct framing *framing;
	bool nat_wait;              /* UDP NAT hack: connect to the first datagram from peer_ip */
	const char *peer_ip;
	size_t dgram_max;           /* UDP: largest datagram read whole */
};

/* Results of flush: what the link does with its socket and device watchers. */
enum tx_state {
	TX_SENT,      /* nothing left queued: the device may be read */
	TX_LOW,       /* frames wait for the socket, but few: keep reading the device */
	TX_HOLD,      /* frames wait: leave the device watcher as it is (hysteresis) */
	TX_FULL,      /* the socket is full: stop reading the device */
	TX_ERROR,     /* the socket failed (logged): end the session */
};

enum rx_state {
	RX_OK,        /* read what there was (or stopped when the callback asked) */
	RX_EOF,       /* the peer closed the stream (logged) */
	RX_ERROR,     /* the socket failed (logged) */
};

/* A received frame for the link; false = deliver no more now (keep the rest buffered). */
typedef bool (*transport_frame_fn)(void *arg, const struct frame *f);

struct transport {
	const struct transport_ops *ops;
};

struct transport_ops {
	const char *name;
	struct transport *(*open)(const struct transport_cfg *c);
	/* Room for `frames` more frames of `bytes` wire bytes in all, before a flush? */
	bool (*room)(struct transport *t, size_t frames, size_t bytes);
	/* Encode one frame into the send queue; false if there is no room (flush first). A
	 * transport that cannot send yet (NAT hack before the peer is known) drops it. */
	bool (*queue)(struct transport *t, enum frame_kind k, const uint8_t *payload, size_t len);
	enum tx_state (*flush)(struct transport *t);
	/* True once frames can be exchanged (NAT hack: connects to the first datagram from the
	 * TCP peer's IP); until then the socket is not read. */
	bool (*peer_ready)(struct transport *t);
	/* Deliver frames left from an earlier call, then what the socket has. */
	enum rx_state (*read)(struct transport *t, transport_frame_fn fn, void *arg);
	/* The largest IP packet whose frame (plus `extra` bytes a filter adds) fits one
	 * unfragmented datagram on the path, so offload super-packets are cut to that; 0 when
	 * the transport does not care (a stream). */
	size_t (*packet_target)(struct transport *t, size_t extra);
	/* Session end, best effort: CONN_CLOSE after what is queued (a datagram transport may
	 * drop that), waiting at most about a second. */
	void (*send_close)(struct transport *t);
	void (*free)(struct transport *t);
};

extern const struct transport_ops transport_tcp_ops;   /* tcp_stream.c */
/* Copies of the close frame a datagram transport sends, each its own datagram. */
#define UDP_CLOSE_COPIES 3

extern const struct transport_ops transport_udp_ops;   /* udp_dgram.c */

#endif
