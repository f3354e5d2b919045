/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/base/buf.c: every getter and putter, byte orders, reads and writes that end
 * exactly at the boundary, and the rule that a failure is sticky (after one short read or
 * write nothing else succeeds, so protocol code may check once at the end).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/buf.h"

static const uint8_t SAMPLE[] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01 };

static void test_rbuf_init(void **state)
{
	(void)state;
	struct rbuf r;
	rbuf_init(&r, SAMPLE, sizeof(SAMPLE));
	assert_int_equal(rbuf_left(&r), sizeof(SAMPLE));
	assert_false(r.failed);
	assert_int_equal(r.off, 0);
}

static void test_rbuf_byte_orders(void **state)
{
	(void)state;
	struct rbuf r;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;

	rbuf_init(&r, SAMPLE, sizeof(SAMPLE));
	assert_true(rbuf_get_u8(&r, &u8));
	assert_int_equal(u8, 0x12);
	assert_true(rbuf_get_be16(&r, &u16));
	assert_int_equal(u16, 0x3456);
	assert_true(rbuf_get_le16(&r, &u16));
	assert_int_equal(u16, 0x9a78);
	assert_true(rbuf_get_be32(&r, &u32));
	assert_int_equal(u32, 0xbcdef001u);
	assert_int_equal(rbuf_left(&r), 0);
	assert_false(r.failed);
}

/* High bits must not sign-extend or get lost in the shifts. */
static void test_rbuf_high_bits(void **state)
{
	(void)state;
	static const uint8_t ff[] = { 0xff, 0xff, 0xff, 0xff, 0x80, 0x00, 0x00, 0x80 };
	struct rbuf r;
	uint16_t u16;
	uint32_t u32;

	rbuf_init(&r, ff, sizeof(ff));
	assert_true(rbuf_get_be32(&r, &u32));
	assert_int_equal(u32, 0xffffffffu);
	assert_true(rbuf_get_be16(&r, &u16));
	assert_int_equal(u16, 0x8000);
	assert_true(rbuf_get_le16(&r, &u16));
	assert_int_equal(u16, 0x8000);
}

/* Each getter on input that is exactly one byte short fails and leaves the value alone. */
static void test_rbuf_short_each(void **state)
{
	(void)state;
	struct rbuf r;
	uint8_t u8 = 0xaa;
	uint16_t u16 = 0xaaaa;
	uint32_t u32 = 0xaaaaaaaa;
	uint8_t dst[4] = { 0xaa, 0xaa, 0xaa, 0xaa };

	rbuf_init(&r, SAMPLE, 0);
	assert_false(rbuf_get_u8(&r, &u8));
	assert_true(r.failed);
	assert_int_equal(u8, 0xaa);

	rbuf_init(&r, SAMPLE, 1);
	assert_false(rbuf_get_be16(&r, &u16));
	assert_true(r.failed);
	assert_int_equal(u16, 0xaaaa);

	rbuf_init(&r, SAMPLE, 1);
	assert_false(rbuf_get_le16(&r, &u16));
	assert_true(r.failed);
	assert_int_equal(u16, 0xaaaa);

	rbuf_init(&r, SAMPLE, 3);
	assert_false(rbuf_get_be32(&r, &u32));
	assert_true(r.failed);
	assert_int_equal(u32, 0xaaaaaaaau);

	rbuf_init(&r, SAMPLE, 3);
	assert_false(rbuf_get_bytes(&r, dst, 4));
	assert_true(r.failed);
	assert_int_equal(dst[0], 0xaa);

	rbuf_init(&r, SAMPLE, 3);
	assert_null(rbuf_take(&r, 4));
	assert_true(r.failed);
}

/* A failed read consumes nothing: the offset stays where it was. */
static void test_rbuf_short_no_consume(void **state)
{
	(void)state;
	struct rbuf r;
	uint32_t u32;
	uint8_t u8;

	rbuf_init(&r, SAMPLE, 3);
	assert_true(rbuf_get_u8(&r, &u8));
	assert_false(rbuf_get_be32(&r, &u32));
	assert_int_equal(r.off, 1);
	assert_int_equal(rbuf_left(&r), 2);
}

/* Once failed, even reads that would fit fail. */
static void test_rbuf_sticky(void **state)
{
	(void)state;
	struct rbuf r;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint8_t dst[2];

	rbuf_init(&r, SAMPLE, sizeof(SAMPLE));
	assert_null(rbuf_take(&r, sizeof(SAMPLE) + 1));
	assert_true(r.failed);
	assert_false(rbuf_get_u8(&r, &u8));
	assert_false(rbuf_get_be16(&r, &u16));
	assert_false(rbuf_get_le16(&r, &u16));
	assert_false(rbuf_get_be32(&r, &u32));
	assert_false(rbuf_get_bytes(&r, dst, 1));
	assert_null(rbuf_take(&r, 0));
	assert_true(r.failed);
	assert_int_equal(r.off, 0);
}

static void test_rbuf_exact_boundary(void **state)
{
	(void)state;
	struct rbuf r;
	uint8_t dst[sizeof(SAMPLE)];
	uint8_t u8;

	rbuf_init(&r, SAMPLE, sizeof(SAMPLE));
	assert_true(rbuf_get_bytes(&r, dst, sizeof(SAMPLE)));
	assert_memory_equal(dst, SAMPLE, sizeof(SAMPLE));
	assert_int_equal(rbuf_left(&r), 0);
	assert_false(r.failed);
	/* zero bytes at the end is still fine */
	assert_true(rbuf_get_bytes(&r, dst, 0));
	assert_non_null(rbuf_take(&r, 0));
	assert_false(r.failed);
	/* one more is not */
	assert_false(rbuf_get_u8(&r, &u8));
	assert_true(r.failed);
}

static void test_rbuf_take_borrows(void **state)
{
	(void)state;
	struct rbuf r;
	rbuf_init(&r, SAMPLE, sizeof(SAMPLE));
	const uint8_t *p = rbuf_take(&r, 3);
	assert_ptr_equal(p, SAMPLE);
	p = rbuf_take(&r, 2);
	assert_ptr_equal(p, SAMPLE + 3);
	assert_int_equal(rbuf_left(&r), sizeof(SAMPLE) - 5);
}

/* A huge length must not wrap the bounds check. */
static void test_rbuf_huge_length(void **state)
{
	(void)state;
	struct rbuf r;
	rbuf_init(&r, SAMPLE, sizeof(SAMPLE));
	assert_non_null(rbuf_take(&r, 2));
	assert_null(rbuf_take(&r, SIZE_MAX));
	assert_true(r.failed);
	rbuf_init(&r, SAMPLE, sizeof(SAMPLE));
	assert_null(rbuf_take(&r, SIZE_MAX - 1));
	assert_true(r.failed);
}

static void test_wbuf_byte_orders(void **state)
{
	(void)state;
	uint8_t out[9];
	struct wbuf w;

	wbuf_init(&w, out, sizeof(out));
	assert_int_equal(w.len, 0);
	assert_false(w.failed);
	assert_true(wbuf_put_u8(&w, 0x12));
	assert_true(wbuf_put_be16(&w, 0x3456));
	assert_true(wbuf_put_le16(&w, 0x9a78));
	assert_true(wbuf_put_be32(&w, 0xbcdef001u));
	assert_int_equal(w.len, sizeof(out));
	assert_false(w.failed);
	assert_memory_equal(out, SAMPLE, sizeof(SAMPLE));
}

/* What a writer produces, the reader reads back. */
static void test_round_trip(void **state)
{
	(void)state;
	uint8_t out[32];
	struct wbuf w;
	struct rbuf r;
	uint8_t u8;
	uint16_t a, b;
	uint32_t c;
	uint8_t s[5];

	wbuf_init(&w, out, sizeof(out));
	assert_true(wbuf_put_u8(&w, 0xfe));
	assert_true(wbuf_put_be16(&w, 0xbeef));
	assert_true(wbuf_put_le16(&w, 0xcafe));
	assert_true(wbuf_put_be32(&w, 0x80000001u));
	assert_true(wbuf_put_bytes(&w, "hello", 5));

	rbuf_init(&r, out, w.len);
	assert_true(rbuf_get_u8(&r, &u8));
	assert_true(rbuf_get_be16(&r, &a));
	assert_true(rbuf_get_le16(&r, &b));
	assert_true(rbuf_get_be32(&r, &c));
	assert_true(rbuf_get_bytes(&r, s, 5));
	assert_int_equal(u8, 0xfe);
	assert_int_equal(a, 0xbeef);
	assert_int_equal(b, 0xcafe);
	assert_int_equal(c, 0x80000001u);
	assert_memory_equal(s, "hello", 5);
	assert_int_equal(rbuf_left(&r), 0);
}

/* Each putter with exactly one byte too little room fails and writes nothing. */
static void test_wbuf_short_each(void **state)
{
	(void)state;
	uint8_t out[4];
	struct wbuf w;

	memset(out, 0xaa, sizeof(out));
	wbuf_init(&w, out, 0);
	assert_false(wbuf_put_u8(&w, 1));
	assert_true(w.failed);

	wbuf_init(&w, out, 1);
	assert_false(wbuf_put_be16(&w, 0x0102));
	assert_true(w.failed);

	wbuf_init(&w, out, 1);
	assert_false(wbuf_put_le16(&w, 0x0102));
	assert_true(w.failed);

	wbuf_init(&w, out, 3);
	assert_false(wbuf_put_be32(&w, 0x01020304));
	assert_true(w.failed);

	wbuf_init(&w, out, 3);
	assert_false(wbuf_put_bytes(&w, "abcd", 4));
	assert_true(w.failed);
	assert_int_equal(w.len, 0);

	for (size_t i = 0; i < sizeof(out); i++)
		assert_int_equal(out[i], 0xaa);
}

static void test_wbuf_exact_and_sticky(void **state)
{
	(void)state;
	uint8_t out[6];
	struct wbuf w;

	wbuf_init(&w, out, sizeof(out));
	assert_true(wbuf_put_be32(&w, 0x01020304));
	assert_true(wbuf_put_le16(&w, 0x0605));
	assert_int_equal(w.len, 6);
	assert_false(w.failed);
	assert_true(wbuf_put_bytes(&w, "", 0));   /* nothing at the end is fine */
	assert_false(w.failed);
	assert_false(wbuf_put_u8(&w, 7));
	assert_true(w.failed);
	assert_int_equal(w.len, 6);

	/* sticky: after a failure even a write that would fit fails */
	wbuf_init(&w, out, sizeof(out));
	assert_false(wbuf_put_bytes(&w, "1234567", 7));
	assert_true(w.failed);
	assert_false(wbuf_put_u8(&w, 1));
	assert_false(wbuf_put_be16(&w, 1));
	assert_false(wbuf_put_le16(&w, 1));
	assert_false(wbuf_put_be32(&w, 1));
	assert_false(wbuf_put_bytes(&w, "", 0));
	assert_int_equal(w.len, 0);
	assert_true(w.failed);
}

static void test_wbuf_huge_length(void **state)
{
	(void)state;
	uint8_t out[4];
	struct wbuf w;
	wbuf_init(&w, out, sizeof(out));
	assert_true(wbuf_put_u8(&w, 1));
	assert_false(wbuf_put_bytes(&w, out, SIZE_MAX));
	assert_true(w.failed);
	assert_int_equal(w.len, 1);
}

/* An empty buffer may have no address; zero-length operations on it still succeed. */
static void test_null_empty_buffers(void **state)
{
	(void)state;
	struct rbuf r;
	struct wbuf w;
	uint8_t dst[1] = { 0xaa };
	uint8_t u8;

	rbuf_init(&r, NULL, 0);
	assert_true(rbuf_get_bytes(&r, dst, 0));
	assert_non_null(rbuf_take(&r, 0));
	assert_false(r.failed);
	assert_false(rbuf_get_u8(&r, &u8));
	assert_true(r.failed);
	assert_int_equal(dst[0], 0xaa);

	wbuf_init(&w, NULL, 0);
	assert_true(wbuf_put_bytes(&w, NULL, 0));
	assert_false(w.failed);
	assert_false(wbuf_put_u8(&w, 1));
	assert_true(w.failed);
}

/* Peeks read at an offset from the read position, never consume, never fail the reader. */
static void test_rbuf_peek(void **state)
{
	(void)state;
	struct rbuf r;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;

	rbuf_init(&r, SAMPLE, sizeof(SAMPLE));
	assert_true(rbuf_peek_u8(&r, 8, &u8));
	assert_int_equal(u8, 0x01);
	assert_true(rbuf_peek_be16(&r, 7, &u16));
	assert_int_equal(u16, 0xf001);
	assert_true(rbuf_peek_be32(&r, 5, &u32));
	assert_int_equal(u32, 0xbcdef001u);
	assert_int_equal(rbuf_left(&r), sizeof(SAMPLE));
	/* One byte short at the end, and offsets that would wrap: refused, reader untouched. */
	assert_false(rbuf_peek_u8(&r, 9, &u8));
	assert_false(rbuf_peek_be16(&r, 8, &u16));
	assert_false(rbuf_peek_be32(&r, 6, &u32));
	assert_false(rbuf_peek_be16(&r, SIZE_MAX, &u16));
	assert_false(rbuf_peek_be32(&r, SIZE_MAX - 1, &u32));
	assert_false(rbuf_has(&r, 1, SIZE_MAX));
	assert_true(rbuf_has(&r, 9, 0));
	assert_false(r.failed);
	/* Relative to the read position. */
	assert_true(rbuf_get_be16(&r, &u16));
	assert_true(rbuf_peek_u8(&r, 0, &u8));
	assert_int_equal(u8, 0x56);
	assert_false(rbuf_peek_be32(&r, 4, &u32));
	assert_true(rbuf_peek_be32(&r, 3, &u32));
	assert_int_equal(u32, 0xbcdef001u);
	/* A failed reader answers nothing. */
	assert_null(rbuf_take(&r, 100));
	assert_false(rbuf_peek_u8(&r, 0, &u8));
	assert_false(rbuf_has(&r, 0, 0));
	/* An empty reader with no buffer at all. */
	rbuf_init(&r, NULL, 0);
	assert_false(rbuf_peek_u8(&r, 0, &u8));
	assert_false(rbuf_peek_u8(&r, SIZE_MAX, &u8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rbuf_init),
		cmocka_unit_test(test_rbuf_byte_orders),
		cmocka_unit_test(test_rbuf_high_bits),
		cmocka_unit_test(test_rbuf_short_each),
		cmocka_unit_test(test_rbuf_short_no_consume),
		cmocka_unit_test(test_rbuf_sticky),
		cmocka_unit_test(test_rbuf_exact_boundary),
		cmocka_unit_test(test_rbuf_take_borrows),
		cmocka_unit_test(test_rbuf_huge_length),
		cmocka_unit_test(test_rbuf_peek),
		cmocka_unit_test(test_wbuf_byte_orders),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_wbuf_short_each),
		cmocka_unit_test(test_wbuf_exact_and_sticky),
		cmocka_unit_test(test_wbuf_huge_length),
		cmocka_unit_test(test_null_empty_buffers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
