/* SPDX-License-Identifier: ISC */
/*
 * offload/tso_split.c: TSO super-packets and pending checksums from a vnet-hdr tun become
 * ordinary packets. Every checksum is verified with the byte-wise reference in pkt_ref.c.
 * Malformed inputs are given in exactly-sized heap buffers so ASan catches any over-read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/offload/pkt_ref.h"

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
		hdr_get(&h, b);
		h.hdr_len = lies[j];
		vnet_hdr_put(&h, b);
		assert_int_equal(offload_split(b, len, MTU, out, OUTCAP, lens, NMAX), 5);
		for (int i = 0, off = 0; i < 5; off += (int)lens[i], i++)
			check_tcp(out + off, lens[i]);
	}
	free(b);
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
	hdr_get(&h, b);
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

/* Tap: a super-frame (Ethernet, optionally 802.1Q) becomes frames of <= mtu bytes, each with
 * the original link header and a completely valid IP/TCP packet behind it. */
static void split_eth_and_check(const struct flow *f, size_t n, size_t gso, bool vlan,
				size_t mtu, size_t seg_max)
{
	size_t l2 = vlan ? 18 : 14;
	uint8_t *b = malloc(OFFLOAD_READ_MAX);
	assert_non_null(b);
	size_t len = mk_super(b, f, 5000, F_ACK | F_PSH, n, gso, 9,
			      f->ver == 4 ? VNET_GSO_TCPV4 : VNET_GSO_TCPV6);
	len = eth_wrap(b, len, VNET_HDR_LEN, vlan);
	int k = offload_split_link(OFFLOAD_ETH, b, len, mtu, seg_max, out, OUTCAP, lens, NMAX);
	size_t hl = l2 + iphl(b + VNET_HDR_LEN + l2) + 20 + f->optlen;
	if (hl + gso > seg_max)
		gso = seg_max - hl;
	assert_int_equal(k, (n + gso - 1) / gso);
	const uint8_t *o = out;
	size_t got = 0;
	for (int i = 0; i < k; i++) {
		assert_true(lens[i] <= mtu && lens[i] <= seg_max);
		assert_memory_equal(o, b + VNET_HDR_LEN, l2);   /* MACs, tag and type kept */
		size_t po = check_tcp(o + l2, lens[i] - l2), l4 = iphl(o + l2);
		assert_int_equal(get32(o + l2 + l4 + 4), 5000 + (uint32_t)(i * gso));
		assert_int_equal((o[l2 + l4 + 13] & F_PSH) != 0, i == k - 1);
		assert_memory_equal(o + l2 + po, payload + got, lens[i] - l2 - po);
		got += lens[i] - l2 - po;
		o += lens[i];
	}
	assert_int_equal(got, n);
	free(b);
}

static void test_split_eth(void **state)
{
	(void)state;
	split_eth_and_check(&F4, 20000, 1448, false, MTU + 14, MTU + 14);
	split_eth_and_check(&F6, 30000, 1428, false, MTU + 14, MTU + 14);
	split_eth_and_check(&F4, 60000, 1448, true, MTU + 18, MTU + 18);
	split_eth_and_check(&F6, 9000, 1428, true, MTU + 18, MTU + 18);
	/* re-cut to the UDP path target, which counts the Ethernet header too */
	split_eth_and_check(&F4, 20000, 1448, false, 2048, 1000);
}

/* Tap frames without GSO: non-IP frames and short runts pass unchanged; a pending UDP
 * checksum is completed at the frame-relative csum_start. */
static void test_split_eth_none(void **state)
{
	(void)state;
	uint8_t b[VNET_HDR_LEN + 2000];

	memset(b, 0, sizeof(b));
	memcpy(b + VNET_HDR_LEN, ETH_DST, 6);
	b[VNET_HDR_LEN + 12] = 0x08; b[VNET_HDR_LEN + 13] = 0x06;   /* ARP */
	memcpy(b + VNET_HDR_LEN + 14, payload, 28);
	assert_int_equal(offload_split_link(OFFLOAD_ETH, b, VNET_HDR_LEN + 42, MTU, MTU, out,
					    OUTCAP, lens, NMAX), 1);
	assert_int_equal(lens[0], 42);
	assert_memory_equal(out, b + VNET_HDR_LEN, 42);
	for (size_t n = 1; n < 14; n++) {
		uint8_t *c = malloc(VNET_HDR_LEN + n);
		assert_non_null(c);
		memcpy(c, b, VNET_HDR_LEN + n);
		assert_int_equal(offload_split_link(OFFLOAD_ETH, c, VNET_HDR_LEN + n, MTU, MTU, out,
						    OUTCAP, lens, NMAX), 1);
		assert_memory_equal(out, b + VNET_HDR_LEN, n);
		free(c);
	}

	for (int vlan = 0; vlan < 2; vlan++) {
		size_t l2 = vlan ? 18 : 14;
		size_t len = eth_wrap(b, mk_udp4(b, 300, 0x1234), VNET_HDR_LEN, vlan);
		assert_int_equal(offload_split_link(OFFLOAD_ETH, b, len, MTU, MTU, out, OUTCAP, lens,
						    NMAX), 1);
		assert_int_equal(lens[0], len - VNET_HDR_LEN);
		assert_memory_equal(out, b + VNET_HDR_LEN, l2);
		const uint8_t *p = out + l2;
		assert_int_equal(rfold(rpseudo(p, 17, 308) + rsum(p + 20, 308)), 0xffff);
	}
}

/* Malformed tap super-frames are refused without reading past the end. */
static void test_split_eth_malformed(void **state)
{
	(void)state;
	uint8_t *b = malloc(OFFLOAD_READ_MAX);
	assert_non_null(b);
	size_t len = eth_wrap(b, mk_super(b, &F4, 1, F_ACK, 4000, 1448, 0, VNET_GSO_TCPV4),
			      VNET_HDR_LEN, false);
	/* every truncation, down to a bare header */
	for (size_t n = VNET_HDR_LEN; n < len; n += n < VNET_HDR_LEN + 80 ? 1 : 397) {
		uint8_t *c = malloc(n);
		assert_non_null(c);
		memcpy(c, b, n);
		assert_int_equal(offload_split_link(OFFLOAD_ETH, c, n, MTU + 14, MTU + 14, out, OUTCAP,
						    lens, NMAX), -1);
		free(c);
	}
	/* GSO on a frame that is not IP, or whose EtherType contradicts the IP version */
	b[VNET_HDR_LEN + 13] = 0x06;
	assert_int_equal(offload_split_link(OFFLOAD_ETH, b, len, MTU + 14, MTU + 14, out, OUTCAP,
					    lens, NMAX), -1);
	b[VNET_HDR_LEN + 12] = 0x86; b[VNET_HDR_LEN + 13] = 0xdd;
	assert_int_equal(offload_split_link(OFFLOAD_ETH, b, len, MTU + 14, MTU + 14, out, OUTCAP,
					    lens, NMAX), -1);
	/* the same frame read as a bare IP packet is not TCP either */
	b[VNET_HDR_LEN + 12] = 0x08; b[VNET_HDR_LEN + 13] = 0x00;
	assert_int_equal(offload_split_link(OFFLOAD_ETH, b, len, MTU + 14, MTU + 14, out, OUTCAP,
					    lens, NMAX), 4000 / 1448 + 1);
	assert_int_equal(offload_split(b, len, MTU + 14, out, OUTCAP, lens, NMAX), -1);
	free(b);
}

int main(void)
{
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
		cmocka_unit_test(test_split_eth),
		cmocka_unit_test(test_split_eth_none),
		cmocka_unit_test(test_split_eth_malformed),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
