/* SPDX-License-Identifier: ISC */
/*
 * UDP sessions (doc/PROTOCOL.md §4.2, §4.3): after the handshake both sides bind a UDP socket to the
 * local address and port of the TCP connection, exchange their ports as two bytes over TCP,
 * connect the UDP socket to the peer (unless the NAT hack applies to this side) and drop TCP.
 */
#ifndef VTUN_UDP_H
#define VTUN_UDP_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Decide what two port bytes received from the peer mean. Debian's vtund sends them
 * little-endian, upstream VTun big-endian; every implementation binds UDP to its TCP port, so
 * the reading that equals the peer's TCP port wins; otherwise little-endian (Debian amd64,
 * the common peer).
 */
uint16_t udp_port_from_wire(const uint8_t b[2], uint16_t peer_tcp_port);

/*
 * Do the exchange on tcp_fd. nat_wait: this side waits for the peer's first datagram and
 * connects to its source (it must come from the TCP peer's IP). Returns the UDP fd (blocking,
 * connected unless nat_wait) or -1 with "Can't establish UDP session" logged.
 */
int udp_session_setup(int tcp_fd, int timeout_s, bool nat_wait);

/*
 * For a nat_wait socket: look at the first datagram (without consuming it) and connect to its
 * sender if it comes from `expect_ip`. true once connected.
 */
bool udp_nat_connect(int fd, const char *expect_ip);

#endif
