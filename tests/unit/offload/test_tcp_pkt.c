/* SPDX-License-Identifier: ISC */
/*
 * offload/tcp_pkt.c: IPv4/IPv6 TCP header parsing. Packets come from the builders in
 * pkt_ref.c; every input is parsed from an exactly-sized heap copy so ASan catches any
 * over-read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "offload/tcp_pkt.h"
#include "tests/unit/offload/pkt_ref.h"

static bool parse_exact_link(const uint8_t *p, size_t len, enum offload_link link,
			     struct tcp_pkt *t)
{
	uint8_t *c = malloc(len ? len : 1);
	assert_non_null(c);
	memcpy(c, p, len);
	bool ok = tcp_pkt_parse(c, len, link, t);
	free(c);
	return ok;
}

static bool parse_exact(const uint8_t *p, size_t len, struct tcp_pkt *t)
{
	return parse_exact_link(p, len, OFFLOAD_IP, t);
}

static void test_parse_fields(void **state)
{
	(void)state;
	uint8_t p[2000];
	struct tcp_pkt t;

	size_t len = mk_tcp(p, &F4, 0xdeadbeef, F_ACK | F_PSH, payload, 1000, 0x4321);
	assert_true(parse_exact(p, len, &t));
	assert_int_equal(t.ver, 4);
	assert_int_equal(t.l4off, 20);
	assert_int_equal(t.thl, 32);
	assert_int_equal(t.hl, 52);
	assert_int_equal(t.paylen, 1000);
	assert_int_equal(t.ip_id, 0x4321);
	assert_int_equal(t.ports, (uint32_t)F4.sport << 16 | F4.dport);
	assert_int_equal(t.seq, 0xdeadbeef);
	assert_int_equal(t.flags, F_ACK | F_PSH);
	assert_int_equal(tcp_pkt_sum_fold(p, &t), 0xffff);
	p[len - 1] ^= 1;
	assert_int_not_equal(tcp_pkt_sum_fold(p, &t), 0xffff);

	struct flow f = F6;
	f.optlen = 0;
	len = mk_tcp(p, &f, 7, F_ACK, payload, 0, 0);
	assert_true(parse_exact(p, len, &t));
	assert_int_equal(t.ver, 6);
	assert_int_equal(t.l4off, 40);
	assert_int_equal(t.thl, 20);
	assert_int_equal(t.paylen, 0);
	assert_int_equal(t.ip_id, 0);
	assert_int_equal(t.seq, 7);
	assert_int_equal(tcp_pkt_sum_fold(p, &t), 0xffff);
}

/* Every prefix of a valid packet is refused (the IP length no longer matches). */
static void test_parse_truncated(void **state)
{
	(void)state;
	uint8_t p[2000];
	struct tcp_pkt t;
	const struct flow *flows[] = { &F4, &F6 };

	for (size_t i = 0; i < 2; i++) {
		size_t len = mk_tcp(p, flows[i], 1, F_ACK, payload, 100, 1);
		for (size_t n = 0; n < len; n++)
			assert_false(parse_exact(p, n, &t));
		assert_true(parse_exact(p, len, &t));
	}
}

/* Header lies: each on its own makes the packet unparseable. */
static void test_parse_lies(void **state)
{
	(void)state;
	uint8_t p[2000], save[80];
	struct tcp_pkt t;
	size_t len = mk_tcp(p, &F4, 1, F_ACK, payload, 100, 1);
	/* IHL beyond/below, version 5, fragment offset, MF, not TCP, IP length, TCP data offset 4 words */
	const struct { size_t at; uint8_t v; } lies[] = {
		{ 0, 0x4f }, { 0, 0x44 }, { 0, 0x55 }, { 6, 0x20 }, { 7, 0x01 }, { 9, 17 },
		{ 3, 0x00 }, { 32, 0x40 },
	};
	memcpy(save, p, sizeof(save));
	for (size_t i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		memcpy(p, save, sizeof(save));
		p[lies[i].at] = lies[i].v;
		if (parse_exact(p, len, &t))
			fail_msg("lie %zu parsed", i);
	}
	/* IPv6: payload length, next header (an extension header is refused too). */
	len = mk_tcp(p, &F6, 1, F_ACK, payload, 100, 0);
	memcpy(save, p, sizeof(save));
	p[5] ^= 1;
	assert_false(parse_exact(p, len, &t));
	memcpy(p, save, sizeof(save));
	p[6] = 0;       /* hop-by-hop options */
	assert_false(parse_exact(p, len, &t));
	memcpy(p, save, sizeof(save));
	assert_true(parse_exact(p, len, &t));
}

/* A TCP data offset that passes the IP checks but reaches past the packet. */
static void test_parse_tcp_header_past_end(void **state)
{
	(void)state;
	uint8_t p[200];
	struct tcp_pkt t;
	struct flow f = F4;
	f.optlen = 0;
	size_t len = mk_tcp(p, &f, 1, F_ACK, payload, 0, 1);   /* 40 bytes, data offset 5 */
	p[32] = 0x60;                                           /* 24 bytes: 4 past the end */
	assert_false(parse_exact(p, len, &t));
	/* IP length 30: only 10 bytes of TCP header. */
	put16(p + 2, 30);
	p[32] = 0x50;
	assert_false(parse_exact(p, 30, &t));
}

static bool parse_eth_exact(const uint8_t *p, size_t len, struct tcp_pkt *t)
{
	return parse_exact_link(p, len, OFFLOAD_ETH, t);
}

/* Tap frames: offsets count from the frame start, behind 14 or 18 (802.1Q) bytes. */
static void test_parse_eth(void **state)
{
	(void)state;
	uint8_t p[2000];
	struct tcp_pkt t;

	for (int vlan = 0; vlan < 2; vlan++) {
		size_t l2 = vlan ? 18 : 14;
		size_t len = eth_wrap(p, mk_tcp(p, &F4, 11, F_ACK, payload, 500, 3), 0, vlan);
		assert_true(parse_eth_exact(p, len, &t));
		assert_int_equal(t.ver, 4);
		assert_int_equal(t.l3off, l2);
		assert_int_equal(t.l4off, l2 + 20);
		assert_int_equal(t.hl, l2 + 52);
		assert_int_equal(t.paylen, 500);
		assert_int_equal(t.seq, 11);
		assert_int_equal(tcp_pkt_sum_fold(p, &t), 0xffff);
		/* every truncation fails, without reading past the end */
		for (size_t n = 0; n < len; n++)
			assert_false(parse_eth_exact(p, n, &t));
		/* Ethernet padding after the IP packet: not exactly the IP length */
		p[len] = 0;
		assert_false(parse_eth_exact(p, len + 1, &t));
		/* the EtherType must announce the IP version the packet has */
		p[l2 - 1] = 0xdd; p[l2 - 2] = 0x86;
		assert_false(parse_eth_exact(p, len, &t));
		p[l2 - 1] = 0x06; p[l2 - 2] = 0x08;   /* ARP */
		assert_false(parse_eth_exact(p, len, &t));
		/* a bare IP packet is not a frame, and a frame is not an IP packet */
		assert_false(parse_exact(p, len, &t));
	}
	size_t len = eth_wrap(p, mk_tcp(p, &F6, 5, F_ACK, payload, 100, 0), 0, false);
	assert_true(parse_eth_exact(p, len, &t));
	assert_int_equal(t.ver, 6);
	assert_int_equal(t.l4off, 54);
	assert_int_equal(tcp_pkt_sum_fold(p, &t), 0xffff);
	len = mk_tcp(p, &F4, 5, F_ACK, payload, 100, 0);
	assert_false(parse_eth_exact(p, len, &t));
	/* QinQ (two tags) is not parsed */
	len = eth_wrap(p, mk_tcp(p, &F4, 5, F_ACK, payload, 100, 0), 0, true);
	memmove(p + 16, p + 12, len - 12);
	put16(p + 12, 0x8100);
	put16(p + 14, 7);
	assert_false(parse_eth_exact(p, len + 4, &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_fields),
		cmocka_unit_test(test_parse_truncated),
		cmocka_unit_test(test_parse_lies),
		cmocka_unit_test(test_parse_tcp_header_past_end),
		cmocka_unit_test(test_parse_eth),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
