/* SPDX-License-Identifier: ISC */
/*
 * offload/gro.c: userspace GRO of TCP segments into GSO super-packets, checked against the
 * byte-wise reference in pkt_ref.c; round trips through offload_split.
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
	hdr_get(&h, w);
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
	hdr_get(&h, cap.buf[0]);
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

/* Tap: GRO over Ethernet frames. */
static int gro_eth_setup(void **state)
{
	*state = gro_new_link(OFFLOAD_ETH, cap_write, &cap);
	return 0;
}

/* An ordinary TCP segment of flow f in an Ethernet frame (optionally tagged). */
static size_t mk_eth_tcp(uint8_t *p, const struct flow *f, uint32_t seq, uint8_t flags,
			 size_t off, size_t n, bool vlan)
{
	return eth_wrap(p, mk_tcp(p, f, seq, flags, payload + off, n, 0), 0, vlan);
}

/* Split a tap super-frame and coalesce it again: one GSO super-frame, Ethernet header kept,
 * csum_start counted from the frame start; completed, every checksum is right. */
static void test_gro_eth_roundtrip(void **state)
{
	struct gro *g = *state;
	const struct flow *fl[2] = { &F4, &F6 };
	for (int v = 0; v < 2; v++) {
		const struct flow *f = fl[v];
		size_t gso = f->ver == 4 ? 1448 : 1428, n = 40 * gso + 7;
		uint8_t *b = malloc(OFFLOAD_READ_MAX);
		assert_non_null(b);
		size_t len = eth_wrap(b, mk_super(b, f, 1000, F_ACK | F_PSH, n, gso, 77,
						  f->ver == 4 ? VNET_GSO_TCPV4 : VNET_GSO_TCPV6),
				      VNET_HDR_LEN, false);
		int k = offload_split_link(OFFLOAD_ETH, b, len, MTU + 14, MTU + 14, out, OUTCAP, lens,
					   NMAX);
		assert_int_equal(k, 41);
		for (int i = 0, off = 0; i < k; off += (int)lens[i], i++)
			gro_add(g, out + off, lens[i]);
		gro_flush(g);
		assert_int_equal(cap.n, 1);
		struct vnet_hdr h;
		hdr_get(&h, cap.buf[0]);
		const uint8_t *w = cap.buf[0] + VNET_HDR_LEN;
		size_t wl = cap.len[0] - VNET_HDR_LEN, l4 = 14 + iphl(w + 14);
		assert_memory_equal(w, b + VNET_HDR_LEN, 14);
		assert_int_equal(h.flags, VNET_F_NEEDS_CSUM);
		assert_int_equal(h.gso_type, f->ver == 4 ? VNET_GSO_TCPV4 : VNET_GSO_TCPV6);
		assert_int_equal(h.gso_size, gso);
		assert_int_equal(h.csum_start, l4);
		assert_int_equal(h.csum_offset, 16);
		assert_int_equal(h.hdr_len, l4 + 20 + f->optlen);
		assert_int_equal(get16(w + l4 + 16), rfold(rpseudo(w + 14, 6, wl - l4)));
		uint8_t *c = malloc(wl);
		assert_non_null(c);
		memcpy(c, w, wl);
		put16(c + l4 + 16, (uint16_t)~rfold(rsum(c + l4, wl - l4)));
		size_t po = check_tcp(c + 14, wl - 14);
		assert_int_equal(wl - 14 - po, n);
		assert_memory_equal(c + 14 + po, payload, n);
		free(c);
		free(b);
		cap_reset();
	}
}

/* VLAN-tagged, non-IP, short and differently addressed frames are written alone, unchanged. */
static void test_gro_eth_passthrough(void **state)
{
	struct gro *g = *state;
	uint8_t p[8][2000];
	size_t len[8];

	len[0] = mk_eth_tcp(p[0], &F4, 0, F_ACK, 0, 1000, true);
	len[1] = mk_eth_tcp(p[1], &F4, 1000, F_ACK, 1000, 1000, true);
	memset(p[2], 0xff, 42);
	p[2][12] = 0x08; p[2][13] = 0x06;                        /* ARP */
	len[2] = 42;
	memcpy(p[3], p[2], 42);
	len[3] = 42;
	memcpy(p[4], ETH_DST, 6);                                /* a runt */
	len[4] = 9;
	len[5] = mk_eth_tcp(p[5], &F4, 0, F_ACK, 0, 1000, false);
	len[6] = mk_eth_tcp(p[6], &F4, 1000, F_ACK, 1000, 1000, false);
	p[6][5] ^= 0x10;                                         /* another destination MAC */
	/* the IP packet of a tun, given to a tap: not Ethernet, not merged */
	len[7] = mk_tcp(p[7], &F4, 2000, F_ACK, payload + 2000, 1000, 0);
	for (int i = 0; i < 8; i++)
		gro_add(g, p[i], len[i]);
	gro_flush(g);
	assert_int_equal(cap.n, 8);
	for (int i = 0; i < 8; i++)
		check_plain(i, p[i], len[i]);
	struct gro_stats st;
	gro_get_stats(g, &st);
	assert_int_equal(st.coalesced, 0);
	assert_int_equal(st.dropped, 0);
}

#define GT(f) cmocka_unit_test_setup_teardown(f, gro_setup, gro_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
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
		cmocka_unit_test_setup_teardown(test_gro_eth_roundtrip, gro_eth_setup, gro_teardown),
		cmocka_unit_test_setup_teardown(test_gro_eth_passthrough, gro_eth_setup, gro_teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
