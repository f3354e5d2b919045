/* SPDX-License-Identifier: ISC */
/* Helpers shared by the tests of the transport ops tables (tcp_stream.c, udp_dgram.c). */
#ifndef VTUN_TEST_TRANSPORT_RIG_H
#define VTUN_TEST_TRANSPORT_RIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "transport/transport.h"

/* The VTun framing both transports are opened with. */
extern struct framing rig_vtun;

/* What the read callback saw: up to 16 frames, their kind, length and first payload byte. */
struct seen {
	int n;
	int stop_after;            /* stop delivery after every stop_after frames; 0 = never */
	enum frame_kind kind[16];
	size_t len[16];
	uint8_t first[16];
};

/* The read callback: records the frame into the struct seen passed as arg. */
bool collect(void *arg, const struct frame *f);
/* Make fd non-blocking and open `ops` on it with the VTun framing. */
struct transport *open_on(const struct transport_ops *ops, int fd);

#endif
