/* SPDX-License-Identifier: ISC */
/*
 * Legacy Blowfish (oldblowfish128ecb): the v8 capture frames (kat.txt section 5) decode to the
 * captured payload and re-encode to the identical ciphertext; round trips; hostile input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "filter/filter.h"

#define BUFSZ FILTER_BUF_MAX

struct kat_frame {
	const char *ct, *pt;
};

struct kat {
	const char *what;
	int code;               /* unused here (0) */
	const char *pw;
	int n;
	struct kat_frame fr[4];
};

/* Frames captured between two Debian vtund 3.0.4, decrypted independently. */
static const struct kat captured[] = {
	{ "v8_tcp_oldblowfish128ecb C2S", 0, "Vec8OldBf", 3, {
		{ "6d2d1d4f5ea6c600edd357fc74b0be983fccdeca758b05999a2dc232850c73f3b5d0f010d80f12096fb2ceaadc9e98e6"
		  "0f134b554a9f4025bafcaec567d1572e7c66ae946cb18d59cf1387cc4d6bcfb2375dd35c9572a7b5",
		  "4500005489ae400040018b640aca08020aca08010800652f4e230001c7d7076b00000000a8960e000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
		{ "6d2d1d4f5ea6c6001374c334958dbb903fccdeca758b0599cec091f65b09fd1b008cad92eea8a0bd8cdc882d516dfd15"
		  "0f134b554a9f4025bafcaec567d1572e7c66ae946cb18d59cf1387cc4d6bcfb2375dd35c9572a7b5",
		  "4500005489c1400040018b510aca08020aca08010800e3d44e230002c8d7076b0000000033f003000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
		{ "6d2d1d4f5ea6c60052519e4393aa9c473fccdeca758b0599b2be332084aea0fc008cad92eea8a0bd56a5cc8088840bf8"
		  "0f134b554a9f4025bafcaec567d1572e7c66ae946cb18d59cf1387cc4d6bcfb2375dd35c9572a7b5",
		  "4500005489c3400040018b4f0aca08020aca0801080048e24e230003c8d7076b00000000c9e108000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	} },
	{ "v8_tcp_oldblowfish128ecb S2C", 0, "Vec8OldBf", 1, {
		{ "6d2d1d4f5ea6c600fb000b426e0b1ed8990614ab5cdf78bbb50bd64beb7096bcb5d0f010d80f12096fb2ceaadc9e98e6"
		  "0f134b554a9f4025bafcaec567d1572e7c66ae946cb18d59cf1387cc4d6bcfb2375dd35c9572a7b5",
		  "4500005412520000400142c10aca08010aca080200006d2f4e230001c7d7076b00000000a8960e000000000010111213"
		  "1415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	} },
};

static size_t unhex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = strlen(s) / 2;

	assert_true(n <= cap);
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		assert_int_equal(sscanf(s + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
	return n;
}

static int enc(struct filter *f, const uint8_t *in, size_t len, uint8_t *out)
{
	return f->ops->encode(f, in, len, out, BUFSZ);
}

static int dec(struct filter *f, const uint8_t *in, size_t len, uint8_t *out)
{
	return f->ops->decode(f, in, len, out, BUFSZ);
}

static void fill_random(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rand();
}

/* kat.txt section 5 spelled out. */
static void test_kat5(void **state)
{
	static const char payload[] =
		"4500005489ae400040018b640aca08020aca08010800652f4e230001c7d7076b00000000a8960e0000"
		"000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435"
		"3637";
	static const char frame[] =
		"6d2d1d4f5ea6c600edd357fc74b0be983fccdeca758b05999a2dc232850c73f3b5d0f010d80f12096fb2"
		"ceaadc9e98e60f134b554a9f4025bafcaec567d1572e7c66ae946cb18d59cf1387cc4d6bcfb2375dd35c"
		"9572a7b5";
	uint8_t ct[128], pt[128], out[BUFSZ];
	size_t cl = unhex(frame, ct, sizeof(ct)), pl = unhex(payload, pt, sizeof(pt));
	struct filter *f = filter_legacy_new("Vec8OldBf");

	(void)state;
	assert_non_null(f);
	assert_int_equal(cl, 88);
	assert_int_equal(pl, 84);
	assert_int_equal(dec(f, ct, cl, out), 84);
	assert_memory_equal(out, pt, 84);
	assert_int_equal(enc(f, pt, pl, out), 88);
	assert_memory_equal(out, ct, 88);
	assert_null(f->ops->wants_send);   /* ECB never resynchronises */
	filter_free(f);
}

/* Every captured frame, both directions: decode, and re-encode to the same bytes. */
static void test_captured(void **state)
{
	static uint8_t ct[BUFSZ], pt[BUFSZ], out[BUFSZ];

	(void)state;
	for (size_t k = 0; k < sizeof(captured) / sizeof(captured[0]); k++) {
		struct filter *f = filter_legacy_new(captured[k].pw);
		assert_non_null(f);
		for (int i = 0; i < captured[k].n; i++) {
			size_t cl = unhex(captured[k].fr[i].ct, ct, sizeof(ct));
			size_t pl = unhex(captured[k].fr[i].pt, pt, sizeof(pt));
			assert_int_equal(dec(f, ct, cl, out), (int)pl);
			assert_memory_equal(out, pt, pl);
			assert_int_equal(enc(f, pt, pl, out), (int)cl);
			assert_memory_equal(out, ct, cl);
		}
		filter_free(f);
	}
}

/* Lengths: L + p with p = 8 - L mod 8 (1..8), first byte of the plaintext is p. */
static void test_round_trips(void **state)
{
	static uint8_t pkt[2048], wire[BUFSZ], out[BUFSZ];
	struct filter *a = filter_legacy_new("legacy rt");
	struct filter *b = filter_legacy_new("legacy rt");

	(void)state;
	srand(5);
	for (int i = 0; i < 400; i++) {
		size_t len = i < 16 ? (size_t)i : 1 + (size_t)rand() % 2048;
		struct filter *x = i % 2 ? a : b, *y = i % 2 ? b : a;
		int n;
		fill_random(pkt, len);
		n = enc(x, pkt, len, wire);
		assert_int_equal(n, (int)(len + 8 - len % 8));
		assert_int_equal(dec(y, wire, (size_t)n, out), (int)len);
		assert_memory_equal(out, pkt, len);
	}
	filter_free(a);
	filter_free(b);
}

static void test_hostile_input(void **state)
{
	static uint8_t pkt[200], wire[BUFSZ], junk[BUFSZ + 16], out[BUFSZ];
	struct filter *a = filter_legacy_new("legacy hostile");
	struct filter *b = filter_legacy_new("not the password");
	int n, r, drops = 0;

	(void)state;
	srand(6);
	fill_random(pkt, sizeof(pkt));
	n = enc(a, pkt, 100, wire);
	assert_int_equal(n, 104);
	assert_int_equal(dec(a, wire, 103, out), FILTER_DROP);
	assert_int_equal(dec(a, wire, 0, out), FILTER_DROP);
	assert_int_equal(dec(a, wire, 5, out), FILTER_DROP);
	assert_int_equal(dec(a, junk, BUFSZ + 8, out), FILTER_DROP);
	assert_int_equal(a->ops->decode(a, wire, 104, out, 50), FILTER_DROP);
	assert_int_equal(a->ops->encode(a, pkt, 100, out, 50), FILTER_DROP);
	/* a bad pad count in the first block is rejected */
	wire[0] ^= 0x01;
	r = dec(a, wire, 104, out);
	assert_true(r == FILTER_DROP || (r >= 0 && r <= 103));
	for (int i = 0; i < 3000; i++) {
		size_t len = (size_t)rand() % 300;
		if (i % 2)
			len -= len % 8;
		fill_random(junk, len);
		r = dec(a, junk, len, out);
		assert_true(r == FILTER_DROP || (r >= 0 && (size_t)r < len));
	}
	/* wrong password: the pad count is garbage, so nearly every frame is dropped */
	for (int i = 0; i < 20; i++) {
		n = enc(a, pkt, 100, wire);
		r = dec(b, wire, (size_t)n, out);
		if (r == FILTER_DROP)
			drops++;
		else
			assert_false(r == 100 && memcmp(out, pkt, 100) == 0);
	}
	assert_true(drops >= 10);
	filter_free(a);
	filter_free(b);
}

static void test_bad_args(void **state)
{
	(void)state;
	assert_null(filter_legacy_new(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kat5),
		cmocka_unit_test(test_captured),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_bad_args),
	};

	if (!crypto_init()) {
		fprintf(stderr, "OpenSSL legacy provider not available\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
