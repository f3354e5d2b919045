/* SPDX-License-Identifier: ISC */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "tests/unit/offload/pkt_ref.h"

uint8_t *out;
uint8_t *payload;
size_t lens[NMAX];

/* ---- independent reference helpers --------------------------------------------------- */

uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

/* Unfolded sum: even-position bytes weigh 256, odd ones 1. */
uint64_t rsum(const uint8_t *p, size_t len)
{
	uint64_t s = 0;
	for (size_t i = 0; i < len; i++)
		s += i % 2 ? p[i] : (uint64_t)p[i] << 8;
	return s;
}
uint16_t rfold(uint64_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}
/* Pseudo-header of packet p (v4 or v6) for an l4 segment of n bytes, protocol proto. */
uint64_t rpseudo(const uint8_t *p, uint8_t proto, size_t n)
{
	if (p[0] >> 4 == 4)
		return rsum(p + 12, 8) + proto + n;
	return rsum(p + 8, 32) + proto + (n >> 16) + (n & 0xffff);
}
size_t iphl(const uint8_t *p) { return p[0] >> 4 == 4 ? (size_t)(p[0] & 15) * 4 : 40; }

/* Check an ordinary TCP packet completely; return its payload offset. */
size_t check_tcp(const uint8_t *p, size_t len)
{
	size_t l4 = iphl(p);
	assert_true(len >= l4 + 20);
	if (p[0] >> 4 == 4) {
		assert_int_equal(get16(p + 2), len);
		assert_int_equal(rfold(rsum(p, l4)), 0xffff);
	} else {
		assert_int_equal(p[0] >> 4, 6);
		assert_int_equal(get16(p + 4) + 40, len);
	}
	assert_int_equal(rfold(rpseudo(p, 6, len - l4) + rsum(p + l4, len - l4)), 0xffff);
	return l4 + (size_t)(p[l4 + 12] >> 4) * 4;
}

/* ---- packet builders ------------------------------------------------------------------ */

const struct flow F4 = { 4, { 10, 9, 0, 1 }, { 10, 9, 0, 2 }, 40000, 5201, 0x11223344, 12, 0, 0 };
const struct flow F6 = { 6, { 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
				{ 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 },
				40001, 5201, 0x55667788, 12, 0, 0 };

/* A TCP packet with valid checksums; returns its length. */
size_t mk_tcp(uint8_t *p, const struct flow *f, uint32_t seq, uint8_t flags,
		     const uint8_t *pay, size_t n, uint16_t id)
{
	size_t l4 = f->ver == 4 ? 20 : 40, thl = 20 + f->optlen, len = l4 + thl + n;

	memset(p, 0, l4 + thl);
	if (f->ver == 4) {
		p[0] = 0x45;
		p[1] = f->tos;
		put16(p + 2, (uint16_t)len);
		put16(p + 4, id);
		put16(p + 6, 0x4000);
		p[8] = 64;
		p[9] = 6;
		memcpy(p + 12, f->src, 4);
		memcpy(p + 16, f->dst, 4);
		put16(p + 10, (uint16_t)~rfold(rsum(p, 20)));
	} else {
		p[0] = 0x60;
		put16(p + 4, (uint16_t)(thl + n));
		p[6] = 6;
		p[7] = 64;
		memcpy(p + 8, f->src, 16);
		memcpy(p + 24, f->dst, 16);
	}
	uint8_t *t = p + l4;
	put16(t, f->sport);
	put16(t + 2, f->dport);
	put32(t + 4, seq);
	put32(t + 8, f->ack);
	t[12] = (uint8_t)(thl / 4 << 4);
	t[13] = flags;
	put16(t + 14, 0xfaf0);
	if (f->optlen == 12) {
		static const uint8_t ts[12] = { 1, 1, 8, 10, 0, 1, 2, 3, 4, 5, 6, 7 };
		memcpy(t + 20, ts, 12);
		t[27] = f->tsval;
	}
	memcpy(t + thl, pay, n);
	put16(t + 16, (uint16_t)~rfold(rpseudo(p, 6, thl + n) + rsum(t, thl + n)));
	return len;
}

/* What a vnet-hdr tun read returns for a TSO super-packet: header + partial checksum. */
size_t mk_super(uint8_t *b, const struct flow *f, uint32_t seq, uint8_t flags,
		       size_t n, size_t gso, uint16_t id, uint8_t gso_type)
{
	uint8_t *p = b + VNET_HDR_LEN;
	size_t len = mk_tcp(p, f, seq, flags, payload, n, id), l4 = iphl(p);
	put16(p + l4 + 16, rfold(rpseudo(p, 6, len - l4)));
	struct vnet_hdr h = { VNET_F_NEEDS_CSUM, gso_type, (uint16_t)(l4 + 20 + f->optlen),
			      (uint16_t)gso, (uint16_t)l4, 16 };
	vnet_hdr_put(&h, b);
	return VNET_HDR_LEN + len;
}


/* gso NONE + NEEDS_CSUM with the pseudo-header sum in the field, as the kernel hands it. */
size_t mk_udp4(uint8_t *b, size_t n, uint16_t last_word)
{
	uint8_t *p = b + VNET_HDR_LEN;
	memset(p, 0, 28);
	p[0] = 0x45;
	put16(p + 2, (uint16_t)(28 + n));
	p[8] = 64;
	p[9] = 17;
	memcpy(p + 12, F4.src, 4);
	memcpy(p + 16, F4.dst, 4);
	put16(p + 10, (uint16_t)~rfold(rsum(p, 20)));
	put16(p + 20, 5353);
	put16(p + 22, 53);
	put16(p + 24, (uint16_t)(8 + n));
	memcpy(p + 28, payload, n);
	put16(p + 28 + n - 2, last_word);
	put16(p + 26, rfold(rpseudo(p, 17, 8 + n)));
	struct vnet_hdr h = { VNET_F_NEEDS_CSUM, VNET_GSO_NONE, 0, 0, 20, 6 };
	vnet_hdr_put(&h, b);
	return VNET_HDR_LEN + 28 + n;
}


void hdr_get(struct vnet_hdr *h, const uint8_t *b)
{
	struct rbuf r;
	rbuf_init(&r, b, VNET_HDR_LEN);
	assert_true(vnet_hdr_read(&r, h));
}

int group_setup(void **state)
{
	(void)state;
	out = malloc(OUTCAP);
	payload = malloc(2 * 65536);
	if (!out || !payload)
		return -1;
	for (size_t i = 0; i < 2 * 65536; i++)
		payload[i] = (uint8_t)(i * 131 + (i >> 8) * 7 + 3);
	return 0;
}

int group_teardown(void **state)
{
	(void)state;
	free(out);
	free(payload);
	return 0;
}

const uint8_t ETH_DST[6] = { 0x02, 0, 0, 0, 0, 0x02 };
const uint8_t ETH_SRC[6] = { 0x02, 0, 0, 0, 0, 0x01 };

size_t eth_wrap(uint8_t *b, size_t len, size_t vnet, bool vlan)
{
	size_t l2 = vlan ? 18 : 14;
	uint8_t *p = b + vnet;
	uint16_t type = p[0] >> 4 == 6 ? 0x86dd : 0x0800;
	memmove(p + l2, p, len - vnet);
	memcpy(p, ETH_DST, 6);
	memcpy(p + 6, ETH_SRC, 6);
	if (vlan) {
		put16(p + 12, 0x8100);
		put16(p + 14, 42);
	}
	put16(p + l2 - 2, type);
	if (vnet) {
		struct vnet_hdr h;
		hdr_get(&h, b);
		if (h.flags & VNET_F_NEEDS_CSUM)
			h.csum_start = (uint16_t)(h.csum_start + l2);
		if (h.gso_type != VNET_GSO_NONE)
			h.hdr_len = (uint16_t)(h.hdr_len + l2);
		vnet_hdr_put(&h, b);
	}
	return len + l2;
}
