/* SPDX-License-Identifier: ISC */
/*
 * Framings of the data channel: how payloads and control messages become bytes on the socket
 * and back. Each framing is an ops table (one file per row); the link and the transports take
 * every size from here, so a framing with other headers or limits is one new file.
 */
#ifndef VTUN_FRAMING_H
#define VTUN_FRAMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "framing/frame.h"

/* One decoded frame. payload points into the caller's input (no copy). */
struct frame {
	enum frame_kind kind;
	const uint8_t *payload;   /* FRAME_DATA only */
	size_t len;               /* payload length; for FRAME_OVERSIZE the announced length */
};

/* Datagram decode results besides a frame (the transport logs and skips them). */
enum dgram_fault {
	DGRAM_OK,
	DGRAM_SHORT,       /* shorter than a header */
	DGRAM_LENGTH,      /* the header's length disagrees with the datagram */
	DGRAM_OVERSIZE,    /* a data length over the framing's limit */
};

struct framing;

struct framing_ops {
	const char *name;
	size_t overhead;      /* most bytes a frame adds to its payload */
	size_t max_payload;   /* the largest data payload a receiver accepts */
	size_t max_dev;       /* device bytes carried per frame */
	/* Write a frame of kind DATA (payload[0..len)), CLOSE, ECHO_REQ or ECHO_REP to out,
	 * which has room for len + overhead bytes; returns the bytes written. */
	size_t (*encode)(struct framing *f, uint8_t *out, enum frame_kind k,
	                 const uint8_t *payload, size_t len);
	/* Take the first frame off a stream buffer: bytes consumed, 0 while it is incomplete. */
	size_t (*decode_stream)(struct framing *f, const uint8_t *in, size_t n, struct frame *fr);
	/* One datagram is one frame. */
	enum dgram_fault (*decode_dgram)(struct framing *f, const uint8_t *dg, size_t n,
	                                 struct frame *fr);
};

struct framing {
	const struct framing_ops *ops;
	void *state;          /* per-session state of framings that need it; NULL for VTun */
};

/* The rows. */
extern const struct framing_ops framing_vtun_ops;   /* VTun 3.0 frames (vtun.c) */

/* The most bytes one frame of this framing occupies on the wire. */
static inline size_t framing_frame_max(const struct framing *f)
{
	return f->ops->overhead + f->ops->max_payload;
}

#endif
