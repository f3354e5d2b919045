/* SPDX-License-Identifier: ISC */
/*
 * Batched UDP I/O for the link: frames queued during one wake-up leave in one sendmmsg()
 * (runs of equal-size frames as one UDP GSO message where the kernel supports it), and
 * datagrams arrive through recvmmsg() (as coalesced runs with UDP GRO, split again here).
 * Each datagram is exactly one frame of the framing.
 */
#ifndef VTUN_UDP_IO_H
#define VTUN_UDP_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define UDP_IO_BATCH 64

struct udp_tx;
/* A queue of UDP_IO_BATCH frames of at most frame_max bytes each. */
struct udp_tx *udp_tx_new(size_t frame_max);
void udp_tx_free(struct udp_tx *q);
/* Room for `max` bytes of the next frame, to be encoded in place and committed; NULL if the
 * queue is full (flush first). */
uint8_t *udp_tx_slot(struct udp_tx *q, size_t max);
/* The frame in the last slot is complete and `len` bytes long. */
void udp_tx_commit(struct udp_tx *q, size_t len);
/* Queue one ready-made frame; false if the queue is full. */
bool udp_tx_add(struct udp_tx *q, const void *frame, size_t len);
/* Could `frames` more frames of `bytes` in all be queued now? */
bool udp_tx_room(const struct udp_tx *q, size_t frames, size_t bytes);
size_t udp_tx_count(const struct udp_tx *q);
void udp_tx_clear(struct udp_tx *q);
/* Send what is queued: 0 = all sent (or dropped as UDP may), 1 = the socket is full and
 * frames remain queued, -1 = a hard error (errno set). */
int udp_tx_flush(struct udp_tx *q, int fd);

struct udp_rx;
/* Reads datagrams of up to max_dgram bytes from fd, switching on UDP GRO there if the kernel
 * allows (VTUN_UDP_GRO=0 in the environment keeps it off). */
struct udp_rx *udp_rx_new(size_t max_dgram, int fd);
void udp_rx_free(struct udp_rx *r);
/* Is the kernel coalescing datagrams for this reader? */
bool udp_rx_gro(const struct udp_rx *r);
/* Read a batch: the number of buffers read (each one or more datagrams), 0 if none waiting,
 * -1 on error (errno set). */
int udp_rx_read(struct udp_rx *r, int fd);
/* Did the last read fill every buffer (so more may be waiting)? */
bool udp_rx_full(const struct udp_rx *r);
struct udp_rx_dgram {
	const uint8_t *data;
	size_t len;                          /* longer than max_dgram: it was too long */
	const struct sockaddr_storage *from;
};
/* The next datagram of the last read, coalesced runs split back into their datagrams (the
 * last of a run may be shorter); false when the read is used up. */
bool udp_rx_next(struct udp_rx *r, struct udp_rx_dgram *d);
/* Did d come from `peer` (address and port)? A connected socket only filters what arrives
 * after connect(); datagrams queued before it can come from anyone. */
bool udp_rx_from(const struct udp_rx_dgram *d, const struct sockaddr_storage *peer);

#endif
