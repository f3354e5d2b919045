/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/base/util.c: number parsing (ranges, junk, overflow), the constant-time
 * compare, secret zeroing, and the allocation helpers that must never return NULL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

#include <cmocka.h>

#include "base/util.h"

static void test_parse_int_ok(void **state)
{
	(void)state;
	long v = -1;
	assert_true(parse_int("0", 0, 10, &v));
	assert_int_equal(v, 0);
	assert_true(parse_int("5000", 1, 65535, &v));
	assert_int_equal(v, 5000);
	assert_true(parse_int("-42", -100, 100, &v));
	assert_int_equal(v, -42);
	assert_true(parse_int("007", 0, 10, &v));      /* decimal, not octal */
	assert_int_equal(v, 7);
	assert_true(parse_int("010", 0, 100, &v));
	assert_int_equal(v, 10);
}

static void test_parse_int_range(void **state)
{
	(void)state;
	long v = 99;
	/* both ends are inclusive */
	assert_true(parse_int("1", 1, 65535, &v));
	assert_int_equal(v, 1);
	assert_true(parse_int("65535", 1, 65535, &v));
	assert_int_equal(v, 65535);
	v = 99;
	assert_false(parse_int("0", 1, 65535, &v));
	assert_false(parse_int("65536", 1, 65535, &v));
	assert_false(parse_int("70000", 1, 65535, &v));
	assert_false(parse_int("-1", 0, 10, &v));
	assert_int_equal(v, 99);                        /* untouched on failure */
	/* the whole long range */
	char buf[32];
	snprintf(buf, sizeof(buf), "%ld", LONG_MAX);
	assert_true(parse_int(buf, LONG_MIN, LONG_MAX, &v));
	assert_true(v == LONG_MAX);
	snprintf(buf, sizeof(buf), "%ld", LONG_MIN);
	assert_true(parse_int(buf, LONG_MIN, LONG_MAX, &v));
	assert_true(v == LONG_MIN);
}

static void test_parse_int_junk(void **state)
{
	(void)state;
	static const char *const junk[] = {
		"", "x", "12x", "x12", "1.5", "1e3", "0x10", " 5", "5 ", "\t5", "5\n",
		"--5", "-", "+", "1 2", "١",
	};
	long v = 99;
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		if (parse_int(junk[i], LONG_MIN, LONG_MAX, &v))
			fail_msg("parse_int accepted junk \"%s\"", junk[i]);
	}
	assert_false(parse_int(NULL, 0, 10, &v));
	assert_int_equal(v, 99);
}

static void test_parse_int_overflow(void **state)
{
	(void)state;
	long v = 99;
	assert_false(parse_int("9223372036854775808", LONG_MIN, LONG_MAX, &v));
	assert_false(parse_int("-9223372036854775809", LONG_MIN, LONG_MAX, &v));
	assert_false(parse_int("99999999999999999999999999", LONG_MIN, LONG_MAX, &v));
	/* an overflowing value must not be clamped into range and accepted */
	assert_false(parse_int("99999999999999999999999999", 0, LONG_MAX, &v));
	assert_int_equal(v, 99);
}

static void test_ct_equal(void **state)
{
	(void)state;
	uint8_t a[16], b[16];
	for (int i = 0; i < 16; i++)
		a[i] = b[i] = (uint8_t)(i * 17);
	assert_true(ct_equal(a, b, sizeof(a)));
	assert_true(ct_equal(a, a, sizeof(a)));
	/* a difference anywhere, in any bit, counts */
	for (int i = 0; i < 16; i++) {
		for (int bit = 0; bit < 8; bit++) {
			b[i] ^= (uint8_t)(1u << bit);
			assert_false(ct_equal(a, b, sizeof(a)));
			b[i] ^= (uint8_t)(1u << bit);
		}
	}
	assert_true(ct_equal(a, b, sizeof(a)));
	/* zero length is trivially equal */
	assert_true(ct_equal(a, "x", 0));
	/* only the first n bytes matter */
	assert_true(ct_equal("abcX", "abcY", 3));
	assert_false(ct_equal("abcX", "abcY", 4));
}

static void test_secure_zero(void **state)
{
	(void)state;
	uint8_t buf[64];
	memset(buf, 0x5a, sizeof(buf));
	secure_zero(buf + 8, 32);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], (i >= 8 && i < 40) ? 0 : 0x5a);
	secure_zero(buf, 0);
	assert_int_equal(buf[0], 0x5a);
	secure_zero(NULL, 0);     /* both must be harmless */
	secure_zero(NULL, 16);
}

static void test_free_secret(void **state)
{
	(void)state;
	free_secret(NULL);
	free_secret(xstrdup(""));
	free_secret(xstrdup("hunter2"));   /* leak/overrun checked under ASan and valgrind */
}

static void test_alloc(void **state)
{
	(void)state;
	void *p = xmalloc(0);
	assert_non_null(p);
	free(p);
	p = xmalloc(100);
	assert_non_null(p);
	memset(p, 1, 100);
	free(p);

	uint8_t *z = xcalloc(10, 10);
	assert_non_null(z);
	for (int i = 0; i < 100; i++)
		assert_int_equal(z[i], 0);
	free(z);
	z = xcalloc(0, 0);
	assert_non_null(z);
	free(z);

	assert_null(xstrdup(NULL));
	char *s = xstrdup("vtund");
	assert_string_equal(s, "vtund");
	free(s);
}

static void test_xasprintf(void **state)
{
	(void)state;
	char *s = xasprintf("%s[%d]:%u", "tun", 42, 7u);
	assert_string_equal(s, "tun[42]:7");
	free(s);
	s = xasprintf("%s", "");
	assert_string_equal(s, "");
	free(s);
	/* longer than any small fixed buffer */
	char big[5000];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = xasprintf("<%s>", big);
	assert_int_equal(strlen(s), sizeof(big) + 1);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[sizeof(big)], '>');
	free(s);
}

static void test_mono_now(void **state)
{
	(void)state;
	double a = mono_now();
	double b = mono_now();
	assert_true(a > 0);
	assert_true(b >= a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_int_ok),
		cmocka_unit_test(test_parse_int_range),
		cmocka_unit_test(test_parse_int_junk),
		cmocka_unit_test(test_parse_int_overflow),
		cmocka_unit_test(test_ct_equal),
		cmocka_unit_test(test_secure_zero),
		cmocka_unit_test(test_free_secret),
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_xasprintf),
		cmocka_unit_test(test_mono_now),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
