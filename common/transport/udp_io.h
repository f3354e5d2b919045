/* SPDX-License-Identifier: ISC */
/*
 * Batched UDP I/O for the link: frames queued during one wake-up leave in one sendmmsg()
 * (runs of equal-size frames as one UDP GSO message where the kernel supports it), and
 * datagrams arrive through recvmmsg(). Each datagram is still exactly one VTun frame.
 */
#ifndef VTUN_UDP_IO_H
#define VTUN_UDP_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define UDP_IO_BATCH 64

struct udp_tx;
struct udp_tx *udp_tx_new(void);
void udp_tx_free(struct udp_tx *q);
/* Queue one frame (header + payload); false if the queue is full (flush first). */
bool udp_tx_add(struct udp_tx *q, uint16_t hdr, const uint8_t *payload, size_t len);
size_t udp_tx_count(const struct udp_tx *q);
void udp_tx_clear(struct udp_tx *q);
/* Send what is queued: 0 = all sent (or dropped as UDP may), 1 = the socket is full and
 * frames remain queued, -1 = a hard error (errno set). */
int udp_tx_flush(struct udp_tx *q, int fd);

struct udp_rx;
struct udp_rx *udp_rx_new(size_t max_dgram);
void udp_rx_free(struct udp_rx *r);
/* Read up to UDP_IO_BATCH datagrams: count, 0 if none waiting, -1 on error (errno set). */
int udp_rx_read(struct udp_rx *r, int fd);
/* Datagram i of the last read. */
const uint8_t *udp_rx_get(const struct udp_rx *r, int i, size_t *len);
/* Did datagram i come from `peer` (address and port)? A connected socket only filters what
 * arrives after connect(); datagrams queued before it can come from anyone. */
bool udp_rx_from(const struct udp_rx *r, int i, const struct sockaddr_storage *peer);

#endif
