/* SPDX-License-Identifier: ISC */
/*
 * VTun 3.0 frames (doc/PROTOCOL.md §5): a big-endian 16-bit header, low 12 bits = payload length,
 * high bits = control flags. Control frames are exactly the 2-byte header.
 */
#ifndef VTUN_FRAME_H
#define VTUN_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define FRAME_HDR_LEN      2
#define FRAME_LEN_MASK     0x0FFF
#define FRAME_F_CONN_CLOSE 0x1000
#define FRAME_F_ECHO_REQ   0x2000
#define FRAME_F_ECHO_REP   0x4000
#define FRAME_F_BAD        0x8000
#define FRAME_F_MASK       0xF000

/* At most this many bytes are taken from the device per frame (VTun's limit). */
#define FRAME_MAX_DEV      2048
/* The largest payload a VTun 3.0 receiver accepts (2048 + 100). */
#define FRAME_MAX_PAYLOAD  2148

enum frame_kind {
	FRAME_DATA,       /* payload of `len` bytes follows */
	FRAME_CLOSE,      /* peer is closing */
	FRAME_ECHO_REQ,   /* must be answered with ECHO_REP */
	FRAME_ECHO_REP,
	FRAME_IGNORE,     /* several flag bits: treated as an empty frame and ignored (VTun) */
	FRAME_BAD,        /* BAD_FRAME flag from the peer: logged and ignored */
	FRAME_OVERSIZE,   /* data length > FRAME_MAX_PAYLOAD: payload must be drained */
	FRAME_EMPTY,      /* zero-length data frame: VTun treats it as end of session */
};

/* Classify a header; *len is the payload length that follows on a TCP stream (0 for control). */
enum frame_kind frame_classify(uint16_t hdr, size_t *len);

/* Encode headers. */
static inline void frame_put_hdr(uint8_t *p, uint16_t hdr)
{
	p[0] = (uint8_t)(hdr >> 8);
	p[1] = (uint8_t)hdr;
}

const char *frame_kind_name(enum frame_kind k);

#endif
