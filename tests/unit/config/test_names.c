/* SPDX-License-Identifier: ISC */
/* The cipher and compression names table (common/config/names.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "config/names.h"

/* Every code round-trips code -> name -> code, and the name is the one vtund.conf uses. */
static void test_cipher_round_trip(void **state)
{
	static const char *const want[] = {
		"no",
		"blowfish128ecb", "blowfish128cbc", "blowfish128cfb", "blowfish128ofb",
		"blowfish256ecb", "blowfish256cbc", "blowfish256cfb", "blowfish256ofb",
		"aes128ecb", "aes128cbc", "aes128cfb", "aes128ofb",
		"aes256ecb", "aes256cbc", "aes256cfb", "aes256ofb",
	};
	(void)state;
	for (int code = 0; code <= VT_CIPHER_MAX_WIRE; code++) {
		const char *name = vt_cipher_name(code);
		assert_non_null(name);
		assert_string_equal(name, want[code]);
		assert_int_equal(vt_cipher_from_name(name), code);
		assert_string_equal(vt_cipher_name(vt_cipher_from_name(want[code])), want[code]);
	}
	assert_string_equal(vt_cipher_name(VT_CIPHER_LEGACY), "oldblowfish128ecb");
	assert_int_equal(vt_cipher_from_name("oldblowfish128ecb"), VT_CIPHER_LEGACY);
}

static void test_cipher_unknown(void **state)
{
	(void)state;
	assert_int_equal(vt_cipher_from_name("yes"), 1);    /* VTun's default */
	assert_int_equal(vt_cipher_from_name(NULL), -1);
	assert_int_equal(vt_cipher_from_name("aes512cbc"), -1);
	assert_int_equal(vt_cipher_from_name("AES128CBC"), -1);
	assert_int_equal(vt_cipher_from_name(""), -1);
	assert_null(vt_cipher_name(-1));
	assert_null(vt_cipher_name(VT_CIPHER_MAX_WIRE + 1));
	assert_null(vt_cipher_name(998));
	assert_null(vt_cipher_def(17));
}

/*
 * What each wire code runs, from the cipher table (doc/PROTOCOL.md §8.1): codes 1..8 Blowfish, 9..16 AES;
 * in each group of eight the first four take a 128-bit key; within four: ECB, CBC, CFB, OFB.
 */
static void test_cipher_algorithms(void **state)
{
	static const char *const modes[] = { "ECB", "CBC", "CFB", "OFB" };
	(void)state;
	for (int code = 1; code <= VT_CIPHER_MAX_WIRE; code++) {
		const struct vt_cipher_def *d = vt_cipher_def(code);
		char label[32];
		assert_non_null(d);
		assert_int_equal(d->code, code);
		assert_false(d->legacy);
		assert_int_equal(d->alg, code <= 8 ? CEVP_BF : CEVP_AES);
		assert_int_equal(d->keylen, (code - 1) % 8 < 4 ? 16 : 32);
		assert_int_equal(d->mode, (code - 1) % 4);
		snprintf(label, sizeof(label), "%s-%zu-%s", code <= 8 ? "Blowfish" : "AES",
			 d->keylen * 8, modes[(code - 1) % 4]);
		assert_string_equal(d->label, label);
	}
	const struct vt_cipher_def *none = vt_cipher_def(VT_CIPHER_NONE);
	assert_non_null(none);
	assert_int_equal(none->keylen, 0);
	assert_null(none->label);
	const struct vt_cipher_def *old = vt_cipher_def(VT_CIPHER_LEGACY);
	assert_non_null(old);
	assert_true(old->legacy);
	assert_int_equal(old->alg, CEVP_BF);
	assert_int_equal(old->mode, CEVP_ECB);
	assert_int_equal(old->keylen, 16);
}

static void test_compress_names(void **state)
{
	(void)state;
	assert_string_equal(vt_compress_name(VT_COMP_NONE), "no");
	assert_string_equal(vt_compress_name(VT_COMP_ZLIB), "zlib");
	assert_string_equal(vt_compress_name(VT_COMP_LZO), "lzo");
	assert_null(vt_compress_name((enum vt_compress)7));
	for (int c = VT_COMP_ZLIB; c <= VT_COMP_LZO; c++) {
		char num[4];
		snprintf(num, sizeof(num), "%d", c);  /* VTun's method numbers: 1 zlib, 2 lzo */
		assert_int_equal(vt_compress_from_method(vt_compress_name((enum vt_compress)c)), c);
		assert_int_equal(vt_compress_from_method(num), c);
	}
	assert_int_equal(vt_compress_from_method("no"), -1);
	assert_int_equal(vt_compress_from_method("0"), -1);
	assert_int_equal(vt_compress_from_method("3"), -1);
	assert_int_equal(vt_compress_from_method("gzip"), -1);
	assert_int_equal(vt_compress_from_method(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cipher_round_trip),
		cmocka_unit_test(test_cipher_unknown),
		cmocka_unit_test(test_cipher_algorithms),
		cmocka_unit_test(test_compress_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
