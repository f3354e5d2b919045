/* SPDX-License-Identifier: ISC */
/*
 * IPv4/IPv6 TCP header parsing for the TSO splitter and GRO (internal to offload/). A packet
 * is parsed once, through the bounded reader; the fields the two need later are kept in
 * struct tcp_pkt, so neither reads header bytes that were not checked against the length.
 */
#ifndef VTUN_OFFLOAD_TCP_PKT_H
#define VTUN_OFFLOAD_TCP_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "offload/offload.h"

struct rbuf;

#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17
#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10
#define TCP_CWR 0x80
#define TCP_CSUM_OFF 16         /* checksum field within the TCP header */
#define TCP_FLAGS_OFF 13        /* flags byte within the TCP header */

#define ETH_HLEN_ 14
#define VLAN_HLEN_ 4
#define ETH_P_IP_ 0x0800
#define ETH_P_IPV6_ 0x86dd
#define ETH_P_8021Q_ 0x8100

/* A TCP packet whose headers were checked against its length. Offsets are from the start
 * of the buffer, so an Ethernet frame's fields are found the same way as a bare packet's. */
struct tcp_pkt {
	int ver;          /* 4 or 6 */
	size_t l3off;     /* link header length: 0 (tun), 14 or 18 (tap, one 802.1Q tag) */
	size_t l4off;     /* l3off + IP header length */
	size_t thl;       /* TCP header length */
	size_t hl;        /* l4off + thl */
	size_t paylen;    /* TCP payload bytes */
	uint16_t ip_id;   /* IPv4 identification; 0 for IPv6 */
	uint32_t ports;   /* source port << 16 | destination port */
	uint32_t seq;
	uint8_t flags;
};

/*
 * Where the IP header of a buffer from a device of kind link starts: 0 for OFFLOAD_IP; for
 * OFFLOAD_ETH after the 14-byte Ethernet header or 18 bytes with one 802.1Q tag, and only
 * when the EtherType is IPv4 or IPv6 (*ver gets 4 or 6, or 0 for OFFLOAD_IP: read the
 * packet). False for anything else (ARP, QinQ, short frames): such frames are not IP to us.
 */
bool pkt_l3(const struct rbuf *r, enum offload_link link, size_t *l3off, int *ver);

/*
 * Parse an IPv4/IPv6 TCP packet (behind the link header link has) that must be exactly len
 * bytes long (IP length field equal to len - l3off). IPv4 fragments and IPv6 extension
 * headers are refused: neither can be segmented or coalesced by header rewriting alone.
 */
bool tcp_pkt_parse(const uint8_t *p, size_t len, enum offload_link link, struct tcp_pkt *t);

/* Full TCP checksum of a parsed packet, folded (0xffff when the checksum field is right). */
uint16_t tcp_pkt_sum_fold(const uint8_t *p, const struct tcp_pkt *t);

/* Stores into headers that the offload code builds itself (reads go through base/buf.h). */
static inline void store_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}
static inline void store_be32(uint8_t *p, uint32_t v)
{
	store_be16(p, (uint16_t)(v >> 16));
	store_be16(p + 2, (uint16_t)v);
}

#endif
