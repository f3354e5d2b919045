/* SPDX-License-Identifier: ISC */
/*
 * offload: TSO splitting and userspace GRO on synthetic IPv4/IPv6 TCP super-packets. Every
 * checksum is verified with a byte-wise reference implemented here, not with csum.c.
 * Malformed inputs are given in exactly-sized heap buffers so ASan catches any over-read.
 * With --forward it is instead the tun-to-tun forwarder of tests/integration/offload_tun.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <linux/if_tun.h>

#include "offload/offload.h"

#define MTU 1500
#define NMAX 128
#define OUTCAP (NMAX * MTU)

static uint8_t *out;
static uint8_t *payload;     /* pattern source for every test */
static size_t lens[NMAX];

/* ---- independent reference helpers --------------------------------------------------- */

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

/* Unfolded sum: even-position bytes weigh 256, odd ones 1. */
static uint64_t rsum(const uint8_t *p, size_t len)
{
	uint64_t s = 0;
	for (size_t i = 0; i < len; i++)
		s += i % 2 ? p[i] : (uint64_t)p[i] << 8;
	return s;
}
static uint16_t rfold(uint64_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}
/* Pseudo-header of packet p (v4 or v6) for an l4 segment of n bytes, protocol proto. */
static uint64_t rpseudo(const uint8_t *p, uint8_t proto, size_t n)
{
	if (p[0] >> 4 == 4)
		return rsum(p + 12, 8) + proto + n;
	return rsum(p + 8, 32) + proto + (n >> 16) + (n & 0xffff);
}
static size_t iphl(const uint8_t *p) { return p[0] >> 4 == 4 ? (size_t)(p[0] & 15) * 4 : 40; }

/* Check an ordinary TCP packet completely; return its payload offset. */
static size_t check_tcp(const uint8_t *p, size_t len)
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

struct flow {
	int ver;
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t ack;
	size_t optlen;              /* 0 or 12 (NOP NOP timestamps) */
	uint8_t tos;
	uint8_t tsval;              /* last byte of the timestamp value */
};

static const struct flow F4 = { 4, { 10, 9, 0, 1 }, { 10, 9, 0, 2 }, 40000, 5201, 0x11223344, 12, 0, 0 };
static const struct flow F6 = { 6, { 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
				{ 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 },
				40001, 5201, 0x55667788, 12, 0, 0 };

#define F_FIN 0x01
#define F_SYN 0x02
#define F_PSH 0x08
#define F_ACK 0x10
#define F_CWR 0x80

/* A TCP packet with valid checksums; returns its length. */
static size_t mk_tcp(uint8_t *p, const struct flow *f, uint32_t seq, uint8_t flags,
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
static size_t mk_super(uint8_t *b, const struct flow *f, uint32_t seq, uint8_t flags,
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

/* ---- split ---------------------------------------------------------------------------- */

/* Split a super-packet of n payload bytes and check every segment against the original. */
/* seg_max: offload_split_to's IP packet size limit (MTU = plain offload_split). */
static void split_and_check_to(const struct flow *f, size_t n, size_t gso, uint8_t flags, uint8_t gt,
                               size_t seg_max)
{
	uint8_t *b = malloc(OFFLOAD_READ_MAX);
	assert_non_null(b);
	size_t len = mk_super(b, f, 0xfffff000u, flags, n, gso, 0xfffe, gt);
	int k = seg_max == MTU ? offload_split(b, len, MTU, out, OUTCAP, lens, NMAX)
	                       : offload_split_to(b, len, MTU, seg_max, out, OUTCAP, lens, NMAX);
	size_t hl = iphl(b + VNET_HDR_LEN) + 20 + f->optlen;
	if (hl + gso > seg_max)
		gso = seg_max - hl;   /* re-cut below the sender's MSS */
	size_t want = (n + gso - 1) / gso;
	assert_int_equal(k, want);

	const uint8_t *o = out;
	size_t got = 0;
	for (int i = 0; i < k; i++) {
		assert_true(lens[i] <= MTU);
		size_t po = check_tcp(o, lens[i]), l4 = iphl(o), seglen = lens[i] - po;
		bool last = i == k - 1;
		assert_int_equal(seglen, last ? n - (size_t)i * gso : gso);
		if (f->ver == 4)
			assert_int_equal(get16(o + 4), (uint16_t)(0xfffe + i));
		assert_int_equal(get32(o + l4 + 4), 0xfffff000u + (uint32_t)(i * gso));
		assert_int_equal(get32(o + l4 + 8), f->ack);
		uint8_t want_fl = flags;
		if (!last)
			want_fl &= (uint8_t)~(F_FIN | F_PSH);
		if (i > 0)
			want_fl &= (uint8_t)~F_CWR;
		assert_int_equal(o[l4 + 13], want_fl);
		/* Headers other than the rewritten fields are copied: options intact. */
		assert_memory_equal(o + l4 + 20, b + VNET_HDR_LEN + l4 + 20, f->optlen);
		assert_memory_equal(o + po, payload + got, seglen);
		got += seglen;
		o += lens[i];
	}
	assert_int_equal(got, n);
	free(b);
}

static void split_and_check(const struct flow *f, size_t n, size_t gso, uint8_t flags, uint8_t gt)
{
	split_and_check_to(f, n, gso, flags, gt, MTU);
}

/* Cutting super-packets smaller than the MSS, so frames fit unfragmented UDP datagrams. */
static void test_split_recut(void **state)
{
	(void)state;
	split_and_check_to(&F4, 45 * 1448, 1448, F_ACK | F_PSH | F_FIN, VNET_GSO_TCPV4, 1438);
	split_and_check_to(&F6, 20 * 1428 + 7, 1428, F_ACK, VNET_GSO_TCPV6, 1400);
	/* already small enough: unchanged */
	split_and_check_to(&F4, 10 * 1000, 1000, F_ACK, VNET_GSO_TCPV4, 1438);
}

static void test_split_v4(void **state)
{
	(void)state;
	split_and_check(&F4, 45 * 1448, 1448, F_ACK | F_PSH | F_FIN, VNET_GSO_TCPV4);
	split_and_check(&F4, 44 * 1448 + 1000, 1448, F_ACK | F_PSH, VNET_GSO_TCPV4);
	split_and_check(&F4, 100, 1448, F_ACK, VNET_GSO_TCPV4);           /* one segment */
	split_and_check(&F4, 65535 - 52, 536, F_ACK, VNET_GSO_TCPV4);     /* 123 segments */
}

static void test_split_v6(void **state)
{
	(void)state;
	split_and_check(&F6, 45 * 1428, 1428, F_ACK | F_PSH | F_FIN, VNET_GSO_TCPV6);
	split_and_check(&F6, 20 * 1428 + 7, 1428, F_ACK, VNET_GSO_TCPV6);
}

static void test_split_ecn_cwr(void **state)
{
	(void)state;
	split_and_check(&F4, 10 * 1448, 1448, F_ACK | F_CWR | F_PSH, VNET_GSO_TCPV4 | VNET_GSO_ECN);
	split_and_check(&F6, 3 * 1428, 1428, F_ACK | F_CWR, VNET_GSO_TCPV6 | VNET_GSO_ECN);
}

static void test_split_no_options(void **state)
{
	(void)state;
	struct flow f = F4;
	f.optlen = 0;
	split_and_check(&f, 30 * 1460, 1460, F_ACK | F_PSH, VNET_GSO_TCPV4);
}

/* hdr_len is only a hint: lies in it must not change the result. */
static void test_split_ignores_hdr_len(void **state)
{
	(void)state;
	static const uint16_t lies[] = { 0, 1, 52, 1500, 65535 };
	uint8_t *b = malloc(OFFLOAD_READ_MAX);
	assert_non_null(b);
	for (size_t j = 0; j < sizeof(lies) / sizeof(lies[0]); j++) {
		size_t len = mk_super(b, &F4, 1, F_ACK, 5 * 1448, 1448, 7, VNET_GSO_TCPV4);
		struct vnet_hdr h;
		vnet_hdr_get(&h, b);
		h.hdr_len = lies[j];
		vnet_hdr_put(&h, b);
		assert_int_equal(offload_split(b, len, MTU, out, OUTCAP, lens, NMAX), 5);
		for (int i = 0, off = 0; i < 5; off += (int)lens[i], i++)
			check_tcp(out + off, lens[i]);
	}
	free(b);
}

/* gso NONE + NEEDS_CSUM with the pseudo-header sum in the field, as the kernel hands it. */
static size_t mk_udp4(uint8_t *b, size_t n, uint16_t last_word)
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

static void test_none_csum_udp(void **state)
{
	(void)state;
	uint8_t b[VNET_HDR_LEN + 300];
	size_t len = mk_udp4(b, 200, 0x1234);
	assert_int_equal(offload_split(b, len, MTU, out, OUTCAP, lens, NMAX), 1);
	assert_int_equal(lens[0], len - VNET_HDR_LEN);
	assert_int_equal(rfold(rpseudo(out, 17, 208) + rsum(out + 20, 208)), 0xffff);
	assert_memory_equal(out + 28, b + VNET_HDR_LEN + 28, 200);

	/* Pick the last payload word so that the computed checksum is 0: UDP must send 0xffff. */
	len = mk_udp4(b, 200, 0);
	uint8_t *p = b + VNET_HDR_LEN;
	uint16_t s = rfold(rsum(p + 20, 208));
	put16(p + 28 + 198, (uint16_t)(0xffff - s));
	assert_int_equal(offload_split(b, len, MTU, out, OUTCAP, lens, NMAX), 1);
	assert_int_equal(get16(out + 26), 0xffff);
	assert_int_equal(rfold(rpseudo(out, 17, 208) + rsum(out + 20, 208)), 0xffff);
}

static void test_none_csum_icmp_tcp6(void **state)
{
	(void)state;
	uint8_t b[VNET_HDR_LEN + 2000];
	/* ICMP echo: no pseudo-header, so the field starts at 0. */
	uint8_t *p = b + VNET_HDR_LEN;
	memset(p, 0, 20);
	p[0] = 0x45; put16(p + 2, 84); p[8] = 64; p[9] = 1;
	memcpy(p + 12, F4.src, 4); memcpy(p + 16, F4.dst, 4);
	put16(p + 10, (uint16_t)~rfold(rsum(p, 20)));
	memcpy(p + 20, payload, 64);
	p[20] = 8; p[21] = 0; p[22] = p[23] = 0;
	struct vnet_hdr h = { VNET_F_NEEDS_CSUM, VNET_GSO_NONE, 0, 0, 20, 2 };
	vnet_hdr_put(&h, b);
	assert_int_equal(offload_split(b, VNET_HDR_LEN + 84, MTU, out, OUTCAP, lens, NMAX), 1);
	assert_int_equal(rfold(rsum(out + 20, 64)), 0xffff);

	/* IPv6 pure ACK and a small data packet, partial checksum as the kernel leaves it. */
	for (size_t n = 0; n <= 100; n += 100) {
		size_t len = mk_super(b, &F6, 99, F_ACK, n, 0, 0, VNET_GSO_NONE);
		assert_int_equal(offload_split(b, len, MTU, out, OUTCAP, lens, NMAX), 1);
		assert_int_equal(check_tcp(out, lens[0]), 72);
	}

	/* Without NEEDS_CSUM the packet goes through untouched. */
	size_t len = mk_super(b, &F4, 5, F_ACK | F_PSH, 300, 0, 0, VNET_GSO_NONE);
	memset(b, 0, VNET_HDR_LEN);
	assert_int_equal(offload_split(b, len, MTU, out, OUTCAP, lens, NMAX), 1);
	assert_memory_equal(out, b + VNET_HDR_LEN, len - VNET_HDR_LEN);
}

/* Run offload_split on an exactly-sized heap copy so any over-read is an ASan error. */
static int split_exact(const uint8_t *b, size_t len, size_t mtu, size_t outcap, int nmax)
{
	uint8_t *c = malloc(len ? len : 1);
	assert_non_null(c);
	memcpy(c, b, len);
	int k = offload_split(c, len, mtu, out, outcap, lens, nmax);
	free(c);
	return k;
}

static void set_hdr(uint8_t *b, void (*edit)(struct vnet_hdr *))
{
	struct vnet_hdr h;
	vnet_hdr_get(&h, b);
	edit(&h);
	vnet_hdr_put(&h, b);
}
static void e_gso0(struct vnet_hdr *h) { h->gso_size = 0; }
static void e_gso_huge(struct vnet_hdr *h) { h->gso_size = 9000; }
static void e_v6type(struct vnet_hdr *h) { h->gso_type = VNET_GSO_TCPV6; }
static void e_v4type(struct vnet_hdr *h) { h->gso_type = VNET_GSO_TCPV4; }
static void e_udptype(struct vnet_hdr *h) { h->gso_type = VNET_GSO_UDP_L4; }
static void e_type7(struct vnet_hdr *h) { h->gso_type = 7; }
static void e_cstart(struct vnet_hdr *h) { h->csum_start = 21; }
static void e_coff(struct vnet_hdr *h) { h->csum_offset = 6; }
static void e_none_far(struct vnet_hdr *h) { h->gso_type = 0; h->csum_start = 60000; }
static void e_none_edge(struct vnet_hdr *h) { h->gso_type = 0; h->csum_start = 20; h->csum_offset = 65535; }

static void test_split_malformed(void **state)
{
	(void)state;
	uint8_t *b = malloc(OFFLOAD_READ_MAX);
	assert_non_null(b);
	size_t len = mk_super(b, &F4, 1, F_ACK, 10 * 1448, 1448, 1, VNET_GSO_TCPV4);
	assert_int_equal(split_exact(b, len, MTU, OUTCAP, NMAX), 10);

	/* Short inputs: nothing, a header only, a header and a few bytes. */
	for (size_t n = 0; n < 40; n++)
		assert_int_equal(split_exact(b, n, MTU, OUTCAP, NMAX), -1);
	/* Truncated anywhere inside the headers or payload: IP length no longer matches. */
	for (size_t n = 40; n < len; n += 97)
		assert_int_equal(split_exact(b, n, MTU, OUTCAP, NMAX), -1);

	void (*edits[])(struct vnet_hdr *) = { e_gso0, e_gso_huge, e_v6type, e_udptype, e_type7,
					       e_cstart, e_coff, e_none_far };
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		mk_super(b, &F4, 1, F_ACK, 10 * 1448, 1448, 1, VNET_GSO_TCPV4);
		set_hdr(b, edits[i]);
		assert_int_equal(split_exact(b, len, MTU, OUTCAP, NMAX), -1);
	}
	/* gso NONE, csum field would be written past the end. */
	size_t small = mk_super(b, &F4, 1, F_ACK, 100, 0, 1, VNET_GSO_NONE);
	set_hdr(b, e_none_edge);
	assert_int_equal(split_exact(b, small, MTU, OUTCAP, NMAX), -1);
	/* A gso NONE packet larger than the MTU cannot be sent as is. */
	mk_super(b, &F4, 1, F_ACK, 10 * 1448, 0, 1, VNET_GSO_NONE);
	assert_int_equal(split_exact(b, len, MTU, OUTCAP, NMAX), -1);

	/* IPv6 packet announced as TCPV4. */
	size_t len6 = mk_super(b, &F6, 1, F_ACK, 4 * 1428, 1428, 0, VNET_GSO_TCPV6);
	assert_int_equal(split_exact(b, len6, MTU, OUTCAP, NMAX), 4);
	set_hdr(b, e_v4type);
	assert_int_equal(split_exact(b, len6, MTU, OUTCAP, NMAX), -1);

	/* TCP data offset pointing past the packet; below 5 words. */
	uint8_t *p = b + VNET_HDR_LEN;
	size_t tiny = mk_super(b, &F4, 1, F_ACK, 0, 1448, 1, VNET_GSO_TCPV4);
	p[20 + 12] = 0xf0;
	assert_int_equal(split_exact(b, tiny, MTU, OUTCAP, NMAX), -1);
	p[20 + 12] = 0x40;
	assert_int_equal(split_exact(b, tiny, MTU, OUTCAP, NMAX), -1);
	/* Truncated TCP header: IP says 30 bytes, only 10 of TCP. */
	mk_super(b, &F4, 1, F_ACK, 0, 1448, 1, VNET_GSO_TCPV4);
	put16(p + 2, 30);
	assert_int_equal(split_exact(b, VNET_HDR_LEN + 30, MTU, OUTCAP, NMAX), -1);

	/* IP header lies: IHL beyond the packet, version 5, fragment, not TCP, length mismatch. */
	mk_super(b, &F4, 1, F_ACK, 10 * 1448, 1448, 1, VNET_GSO_TCPV4);
	uint8_t save[20];
	memcpy(save, p, 20);
	const struct { size_t at; uint8_t v; } lies[] = {
		{ 0, 0x4f }, { 0, 0x44 }, { 0, 0x55 }, { 6, 0x20 }, { 7, 0x01 }, { 9, 17 }, { 2, 0x00 },
	};
	for (size_t i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		memcpy(p, save, 20);
		p[lies[i].at] = lies[i].v;
		assert_int_equal(split_exact(b, len, MTU, OUTCAP, NMAX), -1);
	}
	memcpy(p, save, 20);

	/* Output limits: too few slots, too little room. */
	assert_int_equal(split_exact(b, len, MTU, OUTCAP, 9), -1);
	assert_int_equal(split_exact(b, len, MTU, len - VNET_HDR_LEN, NMAX), -1);
	assert_int_equal(split_exact(b, len, MTU, OUTCAP, 10), 10);
	free(b);
}

/*
 * A 1-byte packet with a partial checksum: there is no room for the 2-byte field anywhere,
 * whatever csum_offset says. (The bound was once computed as plen - 2 in size_t, which wraps
 * for plen < 2 and let the field be written past the packet and the output buffer.)
 */
static void test_none_csum_tiny_packet(void **state)
{
	(void)state;
	static const uint16_t offsets[] = { 0, 1, 2, 100 };
	uint8_t b[VNET_HDR_LEN + 1];
	uint8_t *o = malloc(1);         /* exactly the packet's size: ASan sees any write past it */
	assert_non_null(o);
	for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
		struct vnet_hdr h = { VNET_F_NEEDS_CSUM, VNET_GSO_NONE, 0, 0, 0, offsets[i] };
		vnet_hdr_put(&h, b);
		b[VNET_HDR_LEN] = 0x45;
		assert_int_equal(offload_split(b, sizeof(b), MTU, o, 1, lens, NMAX), -1);
	}
	/* Two bytes hold the field at offset 0 exactly. */
	uint8_t b2[VNET_HDR_LEN + 2] = { 0 };
	struct vnet_hdr h2 = { VNET_F_NEEDS_CSUM, VNET_GSO_NONE, 0, 0, 0, 0 };
	vnet_hdr_put(&h2, b2);
	uint8_t o2[2];
	assert_int_equal(offload_split(b2, sizeof(b2), MTU, o2, sizeof(o2), lens, NMAX), 1);
	assert_int_equal(lens[0], 2);
	assert_int_equal(get16(o2), 0xffff);    /* ~0 over two zero bytes */
	free(o);
}

/* Random corruption of headers: never crash, and any output stays within its bounds. */
static void test_split_fuzz(void **state)
{
	(void)state;
	uint8_t *b = malloc(OFFLOAD_READ_MAX);
	assert_non_null(b);
	srand(12345);
	for (int r = 0; r < 20000; r++) {
		const struct flow *f = r & 1 ? &F6 : &F4;
		size_t len = mk_super(b, f, (uint32_t)rand(), F_ACK, (size_t)rand() % 20000,
				      1 + (size_t)rand() % 1500, 0,
				      f->ver == 4 ? VNET_GSO_TCPV4 : VNET_GSO_TCPV6);
		int flips = 1 + rand() % 4;
		for (int i = 0; i < flips; i++)
			b[(size_t)rand() % 100] ^= (uint8_t)(1 + rand() % 255);
		if (rand() % 4 == 0)
			len = (size_t)rand() % len;
		size_t cap = (size_t)rand() % OUTCAP;
		int nmax = rand() % NMAX;
		int k = split_exact(b, len, MTU, cap, nmax);
		assert_true(k >= -1 && k <= nmax);
		size_t tot = 0;
		for (int i = 0; i < k; i++) {
			assert_true(lens[i] <= MTU);
			tot += lens[i];
		}
		assert_true(tot <= cap);
	}
	free(b);
}

/* ---- GRO ------------------------------------------------------------------------------ */

#define MAXW 512
struct capture {
	int n;
	uint8_t *buf[MAXW];
	size_t len[MAXW];
	int fail;               /* make writes fail */
};
static struct capture cap;

static int cap_write(void *arg, const uint8_t *buf, size_t len)
{
	struct capture *c = arg;
	assert_true(c->n < MAXW);
	assert_true(len >= VNET_HDR_LEN && len <= OFFLOAD_READ_MAX);
	c->buf[c->n] = malloc(len);
	assert_non_null(c->buf[c->n]);
	memcpy(c->buf[c->n], buf, len);
	c->len[c->n++] = len;
	return c->fail ? -1 : (int)len;
}

static void cap_reset(void)
{
	for (int i = 0; i < cap.n; i++)
		free(cap.buf[i]);
	memset(&cap, 0, sizeof(cap));
}

static int gro_setup(void **state)
{
	*state = gro_new(cap_write, &cap);
	return 0;
}
static int gro_teardown(void **state)
{
	gro_free(*state);
	cap_reset();
	return 0;
}

/* Feed n segments of a flow (seq = base + i*seg) with flags; the last one gets last_flags. */
static void feed(struct gro *g, const struct flow *f, uint32_t base, size_t seg, int i,
		 uint8_t flags)
{
	uint8_t p[2000];
	size_t len = mk_tcp(p, f, base + (uint32_t)((size_t)i * seg), flags, payload + (size_t)i * seg,
			    seg, (uint16_t)i);
	gro_add(g, p, len);
}

/*
 * Check a written GSO super-packet: header fields, lengths, partial checksum; then complete
 * the checksum the way the kernel would and verify the result. Returns the payload length
 * and checks the payload equals payload[from..].
 */
static size_t check_super(const uint8_t *w, size_t wlen, size_t gso, size_t from, bool psh)
{
	struct vnet_hdr h;
	vnet_hdr_get(&h, w);
	const uint8_t *p = w + VNET_HDR_LEN;
	size_t len = wlen - VNET_HDR_LEN, l4 = iphl(p), thl = (size_t)(p[l4 + 12] >> 4) * 4;
	assert_true(len <= 65535);
	assert_int_equal(h.flags, VNET_F_NEEDS_CSUM);
	assert_int_equal(h.gso_type, p[0] >> 4 == 4 ? VNET_GSO_TCPV4 : VNET_GSO_TCPV6);
	assert_int_equal(h.gso_size, gso);
	assert_int_equal(h.hdr_len, l4 + thl);
	assert_int_equal(h.csum_start, l4);
	assert_int_equal(h.csum_offset, 16);
	assert_int_equal(get16(p + l4 + 16), rfold(rpseudo(p, 6, len - l4)));
	assert_int_equal((p[l4 + 13] & F_PSH) != 0, psh);

	uint8_t *c = malloc(len);
	assert_non_null(c);
	memcpy(c, p, len);
	put16(c + l4 + 16, (uint16_t)~rfold(rsum(c + l4, len - l4)));
	size_t po = check_tcp(c, len);
	assert_memory_equal(c + po, payload + from, len - po);
	free(c);
	return len - po;
}

/* A plain write: zero vnet header, then exactly the packet given. */
static void check_plain(int i, const uint8_t *pkt, size_t len)
{
	static const uint8_t zero[VNET_HDR_LEN];
	assert_true(i < cap.n);
	assert_int_equal(cap.len[i], VNET_HDR_LEN + len);
	assert_memory_equal(cap.buf[i], zero, VNET_HDR_LEN);
	assert_memory_equal(cap.buf[i] + VNET_HDR_LEN, pkt, len);
}

static void roundtrip(struct gro *g, const struct flow *f, size_t n, size_t gso, uint8_t flags)
{
	uint8_t *b = malloc(OFFLOAD_READ_MAX);
	assert_non_null(b);
	size_t len = mk_super(b, f, 1000, flags, n, gso, 77,
			      f->ver == 4 ? VNET_GSO_TCPV4 : VNET_GSO_TCPV6);
	int k = offload_split(b, len, MTU, out, OUTCAP, lens, NMAX);
	assert_true(k > 1);
	for (int i = 0, off = 0; i < k; off += (int)lens[i], i++)
		gro_add(g, out + off, lens[i]);
	gro_flush(g);
	assert_int_equal(cap.n, 1);
	assert_int_equal(check_super(cap.buf[0], cap.len[0], gso, 0, flags & F_PSH), n);
	struct vnet_hdr h;
	vnet_hdr_get(&h, cap.buf[0]);
	const uint8_t *p = cap.buf[0] + VNET_HDR_LEN;
	assert_int_equal(get32(p + iphl(p) + 4), 1000);
	free(b);
}

static void test_gro_roundtrip_v4(void **state)
{
	roundtrip(*state, &F4, 45 * 1448, 1448, F_ACK | F_PSH);
	struct gro_stats st;
	gro_get_stats(*state, &st);
	assert_int_equal(st.pkts_in, 45);
	assert_int_equal(st.coalesced, 45);
	assert_int_equal(st.writes, 1);
	assert_int_equal(st.bad_csum, 0);
}

static void test_gro_roundtrip_v4_short_last(void **state)
{
	roundtrip(*state, &F4, 44 * 1448 + 99, 1448, F_ACK);
}

static void test_gro_roundtrip_v6(void **state)
{
	roundtrip(*state, &F6, 45 * 1428, 1428, F_ACK | F_PSH);
}

/* FIN on the original: the last segment carries FIN and is written alone after the rest. */
static void test_gro_fin(void **state)
{
	struct gro *g = *state;
	for (int i = 0; i < 5; i++)
		feed(g, &F4, 0, 1000, i, (uint8_t)(i == 4 ? F_ACK | F_FIN : F_ACK));
	gro_flush(g);
	assert_int_equal(cap.n, 2);
	assert_int_equal(check_super(cap.buf[0], cap.len[0], 1000, 0, false), 4000);
	uint8_t p[2000];
	size_t len = mk_tcp(p, &F4, 4000, F_ACK | F_FIN, payload + 4000, 1000, 4);
	check_plain(1, p, len);
}

static void test_gro_64k_limit(void **state)
{
	struct gro *g = *state;
	for (int i = 0; i < 50; i++)
		feed(g, &F4, 0, 1448, i, F_ACK);
	gro_flush(g);
	assert_int_equal(cap.n, 2);
	size_t a = check_super(cap.buf[0], cap.len[0], 1448, 0, false);
	assert_int_equal(a, 45 * 1448);   /* 52 + 45 * 1448 = 65212; one more would not fit */
	assert_true(cap.len[0] - VNET_HDR_LEN <= 65535);
	assert_int_equal(check_super(cap.buf[1], cap.len[1], 1448, a, false), 5 * 1448);
}

static void test_gro_gap_not_merged(void **state)
{
	struct gro *g = *state;
	static const int order[] = { 0, 1, 3, 4 };
	for (int i = 0; i < 4; i++)
		feed(g, &F4, 0, 1000, order[i], F_ACK);
	gro_flush(g);
	assert_int_equal(cap.n, 2);
	assert_int_equal(check_super(cap.buf[0], cap.len[0], 1000, 0, false), 2000);
	assert_int_equal(check_super(cap.buf[1], cap.len[1], 1000, 3000, false), 2000);
}

/* A segment that arrives just before the run it precedes is prepended. */
static void test_gro_prepend(void **state)
{
	struct gro *g = *state;
	static const int order[] = { 1, 2, 0 };
	for (int i = 0; i < 3; i++)
		feed(g, &F6, 0, 1000, order[i], F_ACK);
	gro_flush(g);
	assert_int_equal(cap.n, 1);
	assert_int_equal(check_super(cap.buf[0], cap.len[0], 1000, 0, false), 3000);
}

/* Repeated (retransmitted) segments are not merged into a run. */
static void test_gro_duplicate(void **state)
{
	struct gro *g = *state;
	feed(g, &F4, 0, 1000, 0, F_ACK);
	feed(g, &F4, 0, 1000, 1, F_ACK);
	feed(g, &F4, 0, 1000, 1, F_ACK);
	gro_flush(g);
	assert_int_equal(cap.n, 2);
	assert_int_equal(check_super(cap.buf[0], cap.len[0], 1000, 0, false), 2000);
	uint8_t p[2000];
	check_plain(1, p, mk_tcp(p, &F4, 1000, F_ACK, payload + 1000, 1000, 1));
}

static void test_gro_flows(void **state)
{
	struct gro *g = *state;
	struct flow other = F4, ack2 = F4, opts = F4;
	other.sport++;
	ack2.ack++;
	opts.optlen = 0;
	for (int i = 0; i < 4; i++) {
		feed(g, &F4, 0, 1000, i, F_ACK);
		feed(g, &other, 0, 1000, i, F_ACK);
		feed(g, &F6, 0, 1000, i, F_ACK);
	}
	/* Same 4-tuple but another ACK number, TCP header length, option bytes or ToS: new runs. */
	feed(g, &ack2, 0, 1000, 4, F_ACK);
	feed(g, &opts, 0, 1000, 5, F_ACK);
	struct flow ts = F4, tos = F4;
	ts.tsval = 9;
	tos.tos = 0x10;
	feed(g, &ts, 0, 1000, 4, F_ACK);
	feed(g, &tos, 0, 1000, 4, F_ACK);
	gro_flush(g);
	assert_int_equal(cap.n, 7);
	for (int i = 0; i < 3; i++)
		assert_int_equal(check_super(cap.buf[i], cap.len[i], 1000, 0, false), 4000);
	const uint8_t *p = cap.buf[1] + VNET_HDR_LEN;
	assert_int_equal(get16(p + 20), other.sport);
	uint8_t q[2000];
	check_plain(3, q, mk_tcp(q, &ack2, 4000, F_ACK, payload + 4000, 1000, 4));
	check_plain(4, q, mk_tcp(q, &opts, 5000, F_ACK, payload + 5000, 1000, 5));
	check_plain(5, q, mk_tcp(q, &ts, 4000, F_ACK, payload + 4000, 1000, 4));
	check_plain(6, q, mk_tcp(q, &tos, 4000, F_ACK, payload + 4000, 1000, 4));
}

static void test_gro_psh_middle(void **state)
{
	struct gro *g = *state;
	feed(g, &F4, 0, 1000, 0, F_ACK);
	feed(g, &F4, 0, 1000, 1, F_ACK | F_PSH);
	feed(g, &F4, 0, 1000, 2, F_ACK);
	feed(g, &F4, 0, 1000, 3, F_ACK);
	gro_flush(g);
	assert_int_equal(cap.n, 2);
	assert_int_equal(check_super(cap.buf[0], cap.len[0], 1000, 0, true), 2000);
	assert_int_equal(check_super(cap.buf[1], cap.len[1], 1000, 2000, false), 2000);
}

static void test_gro_sizes(void **state)
{
	struct gro *g = *state;
	uint8_t p[2000];
	/* 1000, then a smaller 500 (allowed as last), then 1000 more: not after a short one. */
	gro_add(g, p, mk_tcp(p, &F4, 0, F_ACK, payload, 1000, 0));
	gro_add(g, p, mk_tcp(p, &F4, 1000, F_ACK, payload + 1000, 500, 1));
	gro_add(g, p, mk_tcp(p, &F4, 1500, F_ACK, payload + 1500, 1000, 2));
	/* A bigger segment after a smaller head cannot be appended either. */
	gro_add(g, p, mk_tcp(p, &F4, 2500, F_ACK, payload + 2500, 1200, 3));
	gro_flush(g);
	assert_int_equal(cap.n, 3);
	assert_int_equal(check_super(cap.buf[0], cap.len[0], 1000, 0, false), 1500);
	check_plain(2, p, mk_tcp(p, &F4, 2500, F_ACK, payload + 2500, 1200, 3));
	check_plain(1, p, mk_tcp(p, &F4, 1500, F_ACK, payload + 1500, 1000, 2));
}

static void test_gro_bad_csum(void **state)
{
	struct gro *g = *state;
	uint8_t p[2000];
	feed(g, &F4, 0, 1000, 0, F_ACK);
	size_t len = mk_tcp(p, &F4, 1000, F_ACK, payload + 1000, 1000, 1);
	p[len - 1] ^= 0x40;                       /* TCP checksum now wrong */
	gro_add(g, p, len);
	uint8_t q[2000];
	size_t qlen = mk_tcp(q, &F4, 2000, F_ACK, payload + 2000, 1000, 2);
	q[10] ^= 1;                               /* IPv4 header checksum wrong */
	gro_add(g, q, qlen);
	feed(g, &F4, 0, 1000, 3, F_ACK);
	gro_flush(g);
	/* Nothing merged; the bad ones are handed over untouched for the kernel to drop. */
	assert_int_equal(cap.n, 4);
	check_plain(1, p, len);
	check_plain(2, q, qlen);
	struct gro_stats st;
	gro_get_stats(g, &st);
	assert_int_equal(st.bad_csum, 2);
	assert_int_equal(st.coalesced, 0);
}

/* A packet that is not merged ends its flow's runs: a later good copy must not overtake it. */
static void test_gro_order_kept(void **state)
{
	struct gro *g = *state;
	uint8_t p[2000];
	feed(g, &F4, 0, 1000, 0, F_ACK);
	size_t len = mk_tcp(p, &F4, 1000, F_ACK, payload + 1000, 1000, 1);
	p[len - 1] ^= 0x40;
	gro_add(g, p, len);
	feed(g, &F4, 0, 1000, 1, F_ACK);
	gro_flush(g);
	assert_int_equal(cap.n, 3);
	check_plain(1, p, len);
	uint8_t q[2000];
	check_plain(2, q, mk_tcp(q, &F4, 1000, F_ACK, payload + 1000, 1000, 1));
}

static void test_gro_not_tcp_data(void **state)
{
	struct gro *g = *state;
	uint8_t b[VNET_HDR_LEN + 300], p[2000];
	size_t ulen = mk_udp4(b, 200, 1) - VNET_HDR_LEN;
	uint8_t *u = b + VNET_HDR_LEN;
	put16(u + 26, 0);
	put16(u + 26, (uint16_t)~rfold(rpseudo(u, 17, 208) + rsum(u + 20, 208)));
	gro_add(g, u, ulen);
	gro_add(g, u, ulen);
	/* Pure ACKs, a SYN, junk bytes, an IPv4 fragment: all written alone, in order. */
	size_t a = mk_tcp(p, &F4, 0, F_ACK, payload, 0, 0);
	gro_add(g, p, a);
	gro_add(g, p, a);
	size_t s = mk_tcp(p, &F6, 0, F_SYN, payload, 0, 0);
	gro_add(g, p, s);
	gro_add(g, p, s);
	gro_add(g, payload, 3);
	size_t fr = mk_tcp(p, &F4, 0, F_ACK, payload, 100, 0);
	p[6] |= 0x20;
	gro_add(g, p, fr);
	gro_add(g, p, fr);
	gro_flush(g);
	assert_int_equal(cap.n, 9);
	check_plain(0, u, ulen);
	check_plain(1, u, ulen);
	check_plain(6, payload, 3);
	check_plain(8, p, fr);
}

/* More packets than one batch holds: flushed early, nothing lost, order kept. */
static void test_gro_full_and_errors(void **state)
{
	struct gro *g = *state;
	uint8_t p[2000];
	cap.fail = 1;
	for (int i = 0; i < 300; i++) {
		size_t len = mk_tcp(p, &F4, (uint32_t)i * 10, F_ACK, payload, 0, (uint16_t)i);
		gro_add(g, p, len);
	}
	assert_true(cap.n >= 128);
	gro_flush(g);
	assert_int_equal(cap.n, 300);
	for (int i = 0; i < 300; i++)
		assert_int_equal(get32(cap.buf[i] + VNET_HDR_LEN + 24), (uint32_t)i * 10);
	gro_add(g, p, 0);
	gro_add(g, payload, 70000);
	gro_flush(g);
	gro_flush(g);
	struct gro_stats st;
	gro_get_stats(g, &st);
	assert_int_equal(st.writes, 300);
	assert_int_equal(st.write_errors, 300);
	assert_int_equal(st.dropped, 2);
}

/* Fuzzed GRO: mutated split output never crashes and every super-packet is well-formed. */
static void test_gro_fuzz(void **state)
{
	struct gro *g = *state;
	uint8_t p[2000];
	srand(99);
	for (int r = 0; r < 3000; r++) {
		int i = rand() % 60;
		size_t n = 1 + (size_t)rand() % 1400;
		size_t len = mk_tcp(p, rand() & 1 ? &F4 : &F6, (uint32_t)(i * 1000),
				    (uint8_t)(F_ACK | (rand() % 8 == 0 ? F_PSH : 0)), payload, n, 0);
		if (rand() % 3 == 0)
			p[(size_t)rand() % len] ^= (uint8_t)(1 + rand() % 255);
		gro_add(g, p, (size_t)rand() % 5 == 0 ? (size_t)rand() % len : len);
		if (rand() % 50 == 0)
			gro_flush(g);
		if (cap.n > MAXW - 140)
			cap_reset();
	}
	gro_flush(g);
	for (int i = 0; i < cap.n; i++)
		assert_true(cap.len[i] - VNET_HDR_LEN <= 65535);
}

static void test_tun_enable_bad_fd(void **state)
{
	(void)state;
	assert_false(offload_tun_enable(-1));
	assert_false(offload_tun_enable(0));
}

static int group_setup(void **state)
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

static int group_teardown(void **state)
{
	(void)state;
	free(out);
	free(payload);
	return 0;
}

#define GT(f) cmocka_unit_test_setup_teardown(f, gro_setup, gro_teardown)

/* ---- forwarder for tests/integration/offload_tun.sh ------------------------------------ */

/*
 * test_offload --forward NETNS_A TUN_A NETNS_B TUN_B SECONDS
 * Attaches to two vnet-hdr tuns (one per namespace), enables offloads and forwards between
 * them the way the link will: read (super-packets) -> offload_split -> verify every segment
 * independently -> GRO -> write. Prints counters; exit 0 only if nothing was malformed.
 */
struct side {
	int fd;
	struct gro *gro;           /* writes into the OTHER side's tun */
	unsigned long reads, supers, gso_reads, segs, split_err, bad;
};

static volatile sig_atomic_t fwd_stop;
static void on_term(int sig) { (void)sig; fwd_stop = 1; }

static int tun_write(void *arg, const uint8_t *buf, size_t len)
{
	return (int)write(*(int *)arg, buf, len);
}

/* A forwarded packet must be a complete, correctly checksummed IP packet of <= MTU bytes. */
static bool seg_valid(const uint8_t *p, size_t len)
{
	if (len < 20 || len > MTU)
		return false;
	size_t l4 = iphl(p);
	uint8_t proto;
	if (p[0] >> 4 == 4) {
		if (l4 < 20 || l4 > len || get16(p + 2) != len || rfold(rsum(p, l4)) != 0xffff)
			return false;
		proto = p[9];
	} else if (p[0] >> 4 == 6) {
		if (len < 40 || get16(p + 4) + 40u != len)
			return false;
		proto = p[6];
	} else {
		return false;
	}
	if (proto == 1)
		return rfold(rsum(p + l4, len - l4)) == 0xffff;
	if (proto == 6 || proto == 58 || (proto == 17 && !(p[0] >> 4 == 4 && get16(p + l4 + 6) == 0)))
		return rfold(rpseudo(p, proto, len - l4) + rsum(p + l4, len - l4)) == 0xffff;
	return true;
}

static int attach(const char *ns, const char *name)
{
	int nfd = open(ns, O_RDONLY);
	if (nfd < 0 || setns(nfd, CLONE_NEWNET) < 0) {
		perror(ns);
		return -1;
	}
	close(nfd);
	int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK);
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI | 0x4000;   /* IFF_VNET_HDR */
	if (fd < 0 || ioctl(fd, TUNSETIFF, &ifr) < 0) {
		perror(name);
		return -1;
	}
	if (!offload_tun_enable(fd)) {
		fprintf(stderr, "offload_tun_enable(%s) refused\n", name);
		return -1;
	}
	return fd;
}

static void pump(struct side *s, uint8_t *buf)
{
	for (int n = 0; n < 64; n++) {
		ssize_t r = read(s->fd, buf, OFFLOAD_READ_MAX);
		if (r <= 0)
			break;
		s->reads++;
		if (r - VNET_HDR_LEN > MTU)
			s->supers++;
		if (buf[1] != VNET_GSO_NONE)
			s->gso_reads++;
		int k = offload_split(buf, (size_t)r, MTU, out, OUTCAP, lens, NMAX);
		if (k < 0) {
			s->split_err++;
			continue;
		}
		const uint8_t *o = out;
		for (int i = 0; i < k; o += lens[i], i++) {
			s->segs++;
			if (!seg_valid(o, lens[i]))
				s->bad++;
			gro_add(s->gro, o, lens[i]);
		}
	}
	gro_flush(s->gro);
}

static int forward_main(char **argv)
{
	struct side sd[2];
	uint8_t *buf = malloc(OFFLOAD_READ_MAX);
	memset(sd, 0, sizeof(sd));
	out = malloc(OUTCAP);
	if (!buf || !out)
		return 2;
	sd[0].fd = attach(argv[2], argv[3]);
	sd[1].fd = attach(argv[4], argv[5]);
	if (sd[0].fd < 0 || sd[1].fd < 0)
		return 2;
	sd[0].gro = gro_new(tun_write, &sd[1].fd);
	sd[1].gro = gro_new(tun_write, &sd[0].fd);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	time_t end = time(NULL) + atoi(argv[6]);
	printf("ready\n");
	fflush(stdout);
	while (!fwd_stop && time(NULL) < end) {
		struct pollfd pf[2] = { { sd[0].fd, POLLIN, 0 }, { sd[1].fd, POLLIN, 0 } };
		if (poll(pf, 2, 200) <= 0)
			continue;
		for (int i = 0; i < 2; i++)
			if (pf[i].revents & POLLIN)
				pump(&sd[i], buf);
	}
	int rc = 0;
	for (int i = 0; i < 2; i++) {
		struct gro_stats st;
		gro_get_stats(sd[i].gro, &st);
		printf("side %d: reads %lu supers %lu gso %lu segs %lu split_err %lu bad %lu | "
		       "gro in %lu writes %lu coalesced %lu bad_csum %lu write_err %lu\n", i,
		       sd[i].reads, sd[i].supers, sd[i].gso_reads, sd[i].segs, sd[i].split_err,
		       sd[i].bad, st.pkts_in, st.writes, st.coalesced, st.bad_csum, st.write_errors);
		if (sd[i].split_err || sd[i].bad || st.bad_csum || st.write_errors)
			rc = 1;
		gro_free(sd[i].gro);
		close(sd[i].fd);
	}
	free(buf);
	free(out);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 7 && strcmp(argv[1], "--forward") == 0)
		return forward_main(argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_v4),
		cmocka_unit_test(test_split_recut),
		cmocka_unit_test(test_split_v6),
		cmocka_unit_test(test_split_ecn_cwr),
		cmocka_unit_test(test_split_no_options),
		cmocka_unit_test(test_split_ignores_hdr_len),
		cmocka_unit_test(test_none_csum_udp),
		cmocka_unit_test(test_none_csum_icmp_tcp6),
		cmocka_unit_test(test_split_malformed),
		cmocka_unit_test(test_none_csum_tiny_packet),
		cmocka_unit_test(test_split_fuzz),
		GT(test_gro_roundtrip_v4),
		GT(test_gro_roundtrip_v4_short_last),
		GT(test_gro_roundtrip_v6),
		GT(test_gro_fin),
		GT(test_gro_64k_limit),
		GT(test_gro_gap_not_merged),
		GT(test_gro_prepend),
		GT(test_gro_duplicate),
		GT(test_gro_flows),
		GT(test_gro_psh_middle),
		GT(test_gro_sizes),
		GT(test_gro_bad_csum),
		GT(test_gro_order_kept),
		GT(test_gro_not_tcp_data),
		GT(test_gro_full_and_errors),
		GT(test_gro_fuzz),
		cmocka_unit_test(test_tun_enable_bad_fd),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
