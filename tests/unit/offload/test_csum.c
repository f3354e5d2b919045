/* SPDX-License-Identifier: ISC */
/*
 * csum: RFC 1071 example, real packets captured from the kernel (an IPv4 ICMP echo and a TCP
 * RST from vectors/v1_tcp_plain.pcap, an ICMPv6 echo reply built by the kernel on lo), odd
 * lengths and chunking, carries on a 64 KiB buffer, and a byte-wise reference implementation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "offload/csum.h"

static size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex) / 2;
	assert_true(n <= cap);
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
	return n;
}

/* Reference: even-position bytes weigh 256, odd ones 1, then end-around folding. */
static uint16_t ref_fold(const uint8_t *p, size_t len)
{
	uint64_t hi = 0, lo = 0;
	for (size_t i = 0; i < len; i++) {
		if (i % 2 == 0)
			hi += p[i];
		else
			lo += p[i];
	}
	uint64_t s = hi * 256 + lo;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

static void test_rfc1071(void **state)
{
	(void)state;
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };
	assert_int_equal(csum_fold(csum_add(0, b, sizeof(b))), 0xddf2);
	assert_int_equal(csum_finish(csum_add(0, b, sizeof(b))), 0x220d);
}

static void test_ipv4_header(void **state)
{
	(void)state;
	uint8_t h[20];
	unhex("450000730000400040110000c0a80001c0a800c7", h, sizeof(h));
	assert_int_equal(csum_ipv4_header(h, 20), 0xb861);
	/* The checksum field is ignored whatever it holds. */
	h[10] = 0x12; h[11] = 0x34;
	assert_int_equal(csum_ipv4_header(h, 20), 0xb861);
	h[10] = 0xb8; h[11] = 0x61;
	assert_int_equal(csum_fold(csum_add(0, h, 20)), 0xffff);
}

static void test_icmp4_capture(void **state)
{
	(void)state;
	uint8_t p[128];
	size_t n = unhex("45000054b8fd400040016a150aca01020aca010108007d2e49af00018bd7076b00000000"
			 "d80b070000000000101112131415161718191a1b1c1d1e1f202122232425262728292a"
			 "2b2c2d2e2f3031323334353637", p, sizeof(p));
	assert_int_equal(n, 84);
	assert_int_equal(csum_ipv4_header(p, 20), 0x6a15);
	assert_int_equal(csum_fold(csum_add(0, p + 20, n - 20)), 0xffff);
	p[22] = p[23] = 0;
	assert_int_equal(csum_finish(csum_add(0, p + 20, n - 20)), 0x7d2e);
}

static void test_tcp4_capture(void **state)
{
	(void)state;
	uint8_t p[64];
	size_t n = unhex("45000028000040004006253c0ac900020ac90001b1551388e5440278000000005004"
			 "0000edb10000", p, sizeof(p));
	assert_int_equal(n, 40);
	uint32_t ps = csum_pseudo4(p + 12, p + 16, 6, 20);
	assert_int_equal(ps, csum_pseudo_ip(p, 6, 20));
	assert_int_equal(csum_fold(csum_add(ps, p + 20, 20)), 0xffff);
	p[36] = p[37] = 0;
	assert_int_equal(csum_finish(csum_add(ps, p + 20, 20)), 0xedb1);
}

static void test_icmp6_capture(void **state)
{
	(void)state;
	uint8_t p[128];
	size_t n = unhex("6002e48c00193a4000000000000000000000000000000001000000000000000000000000"
			 "0000000181001801123400017674756e2d6f66666c6f61642d74657374", p, sizeof(p));
	assert_int_equal(n, 65);
	uint32_t ps = csum_pseudo6(p + 8, p + 24, 58, 25);
	assert_int_equal(ps, csum_pseudo_ip(p, 58, 25));
	/* Odd-length payload: the last byte is the high half of a padded word. */
	assert_int_equal(csum_fold(csum_add(ps, p + 40, 25)), 0xffff);
	p[42] = p[43] = 0;
	assert_int_equal(csum_finish(csum_add(ps, p + 40, 25)), 0x1801);
}

static void test_odd_and_chunks(void **state)
{
	(void)state;
	uint8_t one = 0x01;
	assert_int_equal(csum_add(0, &one, 1), 0x0100);
	assert_int_equal(csum_add(0, NULL, 0), 0);

	uint8_t b[1001];
	for (size_t i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)(i * 37 + 11);
	uint32_t whole = csum_add(0, b, sizeof(b));
	/* Even-sized chunks then an odd tail add up to the same sum. */
	uint32_t parts = csum_add(csum_add(csum_add(0, b, 2), b + 2, 500), b + 502, 499);
	assert_int_equal(csum_fold(whole), csum_fold(parts));
	for (size_t len = 0; len <= sizeof(b); len += 7)
		assert_int_equal(csum_fold(csum_add(0, b, len)), ref_fold(b, len));
}

static void test_carries_64k(void **state)
{
	(void)state;
	size_t n = 65536 + 3;
	uint8_t *b = malloc(n);
	assert_non_null(b);
	memset(b, 0xff, n);
	assert_int_equal(csum_fold(csum_add(0, b, n)), ref_fold(b, n));
	/* A large starting sum must carry in, not be lost. */
	assert_int_equal(csum_fold(csum_add(0xfffffff0u, b, n)),
			 csum_fold((uint32_t)csum_fold(0xfffffff0u) + ref_fold(b, n)));
	srand(7);
	for (int r = 0; r < 50; r++) {
		size_t len = (size_t)rand() % n;
		for (size_t i = 0; i < len; i++)
			b[i] = (uint8_t)rand();
		assert_int_equal(csum_fold(csum_add(0, b, len)), ref_fold(b, len));
	}
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc1071),
		cmocka_unit_test(test_ipv4_header),
		cmocka_unit_test(test_icmp4_capture),
		cmocka_unit_test(test_tcp4_capture),
		cmocka_unit_test(test_icmp6_capture),
		cmocka_unit_test(test_odd_and_chunks),
		cmocka_unit_test(test_carries_64k),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
