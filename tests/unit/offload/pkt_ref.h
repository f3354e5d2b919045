/* SPDX-License-Identifier: ISC */
/*
 * Shared by the offload tests and the offload_tun.sh forwarder: an independent, byte-wise
 * reference for Internet checksums (never csum.c) and builders of IPv4/IPv6 TCP and UDP
 * packets and of what a vnet-hdr tun read returns.
 */
#ifndef VTUN_TEST_PKT_REF_H
#define VTUN_TEST_PKT_REF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "offload/offload.h"

#define MTU 1500
#define NMAX 128
#define OUTCAP (NMAX * MTU)

extern uint8_t *out;            /* split output, OUTCAP bytes */
extern uint8_t *payload;        /* pattern source for every test, 2 * 65536 bytes */
extern size_t lens[NMAX];

uint16_t get16(const uint8_t *p);
uint32_t get32(const uint8_t *p);
void put16(uint8_t *p, uint16_t v);
void put32(uint8_t *p, uint32_t v);

/* Unfolded sum: even-position bytes weigh 256, odd ones 1. */
uint64_t rsum(const uint8_t *p, size_t len);
uint16_t rfold(uint64_t s);
/* Pseudo-header of packet p (v4 or v6) for an l4 segment of n bytes, protocol proto. */
uint64_t rpseudo(const uint8_t *p, uint8_t proto, size_t n);
size_t iphl(const uint8_t *p);
/* Check an ordinary TCP packet completely (cmocka asserts); return its payload offset. */
size_t check_tcp(const uint8_t *p, size_t len);

struct flow {
	int ver;
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t ack;
	size_t optlen;              /* 0 or 12 (NOP NOP timestamps) */
	uint8_t tos;
	uint8_t tsval;              /* last byte of the timestamp value */
};
extern const struct flow F4, F6;

#define F_FIN 0x01
#define F_SYN 0x02
#define F_PSH 0x08
#define F_ACK 0x10
#define F_CWR 0x80

/* A TCP packet with valid checksums; returns its length. */
size_t mk_tcp(uint8_t *p, const struct flow *f, uint32_t seq, uint8_t flags,
	      const uint8_t *pay, size_t n, uint16_t id);
/* What a vnet-hdr tun read returns for a TSO super-packet: header + partial checksum. */
size_t mk_super(uint8_t *b, const struct flow *f, uint32_t seq, uint8_t flags,
		size_t n, size_t gso, uint16_t id, uint8_t gso_type);
/* gso NONE + NEEDS_CSUM UDP/IPv4 packet of n payload bytes ending in last_word. */
size_t mk_udp4(uint8_t *b, size_t n, uint16_t last_word);

/*
 * Put an Ethernet header (with one 802.1Q tag, VLAN 42, when vlan) in front of the IP packet
 * at b + vnet (vnet: 0 or VNET_HDR_LEN), as a tap read or write holds it; the vnet header's
 * csum_start and hdr_len move with the packet. Returns the new length of b.
 */
extern const uint8_t ETH_DST[6], ETH_SRC[6];
size_t eth_wrap(uint8_t *b, size_t len, size_t vnet, bool vlan);

/* The vnet header at the start of b (VNET_HDR_LEN bytes). */
void hdr_get(struct vnet_hdr *h, const uint8_t *b);

/* cmocka group setup/teardown: allocate and fill out and payload. */
int group_setup(void **state);
int group_teardown(void **state);

#endif
