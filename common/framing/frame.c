/* SPDX-License-Identifier: ISC */
#include "framing/frame.h"

enum frame_kind frame_classify(uint16_t hdr, size_t *len)
{
	uint16_t flags = hdr & FRAME_F_MASK;
	size_t n = hdr & FRAME_LEN_MASK;

	*len = 0;
	switch (flags) {
	case 0:
		if (n == 0)
			return FRAME_EMPTY;
		*len = n;
		return n > FRAME_MAX_PAYLOAD ? FRAME_OVERSIZE : FRAME_DATA;
	/* A flag frame never carries a payload, whatever its length field says (VTun). */
	case FRAME_F_CONN_CLOSE: return FRAME_CLOSE;
	case FRAME_F_ECHO_REQ: return FRAME_ECHO_REQ;
	case FRAME_F_ECHO_REP: return FRAME_ECHO_REP;
	case FRAME_F_BAD: return FRAME_BAD;
	default: return FRAME_IGNORE;
	}
}

const char *frame_kind_name(enum frame_kind k)
{
	switch (k) {
	case FRAME_DATA: return "data";
	case FRAME_CLOSE: return "close";
	case FRAME_ECHO_REQ: return "echo request";
	case FRAME_ECHO_REP: return "echo reply";
	case FRAME_IGNORE: return "multi-flag";
	case FRAME_BAD: return "bad-frame flag";
	case FRAME_OVERSIZE: return "oversized";
	case FRAME_EMPTY: return "empty";
	}
	return "?";
}
