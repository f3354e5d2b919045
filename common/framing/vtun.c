/* SPDX-License-Identifier: ISC */
/*
 * The VTun 3.0 framing (doc/PROTOCOL.md §5): a big-endian 16-bit header whose low 12 bits are the
 * payload length and whose high bits are control flags (frame.h classifies them).
 */
#include "framing/framing.h"
#include "base/buf.h"

#include <string.h>

static uint16_t ctl_hdr(enum frame_kind k)
{
	switch (k) {
	case FRAME_CLOSE: return FRAME_F_CONN_CLOSE;
	case FRAME_ECHO_REQ: return FRAME_F_ECHO_REQ;
	case FRAME_ECHO_REP: return FRAME_F_ECHO_REP;
	default: return FRAME_F_BAD;   /* the link never sends others */
	}
}

static size_t vtun_encode(struct framing *f, uint8_t *out, enum frame_kind k,
                          const uint8_t *payload, size_t len)
{
	(void)f;
	if (k != FRAME_DATA) {
		frame_put_hdr(out, ctl_hdr(k));
		return FRAME_HDR_LEN;
	}
	/* the link never hands over more than max_payload, which fits the length bits */
	frame_put_hdr(out, (uint16_t)len);
	memcpy(out + FRAME_HDR_LEN, payload, len);
	return FRAME_HDR_LEN + len;
}

static size_t vtun_decode_stream(struct framing *f, const uint8_t *in, size_t n, struct frame *fr)
{
	(void)f;
	struct rbuf r;
	uint16_t hdr;
	rbuf_init(&r, in, n);
	if (!rbuf_get_be16(&r, &hdr))
		return 0;
	fr->kind = frame_classify(hdr, &fr->len);
	fr->payload = NULL;
	if (fr->kind == FRAME_DATA && !(fr->payload = rbuf_take(&r, fr->len)))
		return 0;   /* wait for the rest of the payload */
	/* An oversized header is consumed alone: the link ends the session on it. */
	return r.off;
}

static enum dgram_fault vtun_decode_dgram(struct framing *f, const uint8_t *dg, size_t n,
                                          struct frame *fr)
{
	(void)f;
	struct rbuf r;
	uint16_t hdr;
	rbuf_init(&r, dg, n);
	fr->len = 0;
	if (!rbuf_get_be16(&r, &hdr))
		return DGRAM_SHORT;
	fr->kind = frame_classify(hdr, &fr->len);
	bool has_len = fr->kind == FRAME_DATA || fr->kind == FRAME_OVERSIZE;
	if (has_len && rbuf_left(&r) != fr->len)
		return DGRAM_LENGTH;
	if (fr->kind == FRAME_OVERSIZE)
		return DGRAM_OVERSIZE;
	fr->payload = fr->kind == FRAME_DATA ? rbuf_take(&r, fr->len) : NULL;
	return DGRAM_OK;
}

const struct framing_ops framing_vtun_ops = {
	.name = "vtun",
	.overhead = FRAME_HDR_LEN,
	.max_payload = FRAME_MAX_PAYLOAD,
	.max_dev = FRAME_MAX_DEV,
	.encode = vtun_encode,
	.decode_stream = vtun_decode_stream,
	.decode_dgram = vtun_decode_dgram,
};
