/* SPDX-License-Identifier: ISC */
/*
 * secure/kdf: HKDF-SHA256 against RFC 5869 test case 1, and the labelled epoch keys against our
 * own vectors (computed independently with Python's hmac module, doc/SECURE.md lists them).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <openssl/sha.h>

#include "secure/kdf.h"
#include "hex.h"

static void test_rfc5869_case1(void **state)
{
	uint8_t ikm[22], salt[13], info[10], prk[32], okm[42];

	(void)state;
	memset(ikm, 0x0b, sizeof(ikm));
	for (size_t i = 0; i < sizeof(salt); i++)
		salt[i] = (uint8_t)i;
	for (size_t i = 0; i < sizeof(info); i++)
		info[i] = (uint8_t)(0xf0 + i);
	assert_true(kdf_extract(salt, sizeof(salt), ikm, sizeof(ikm), prk));
	assert_hex_equal(prk, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
	assert_true(kdf_expand(prk, info, sizeof(info), okm, sizeof(okm)));
	assert_hex_equal(okm, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
				  "34007208d5b887185865");
	memset(okm, 0, sizeof(okm));
	assert_true(kdf_hkdf(salt, sizeof(salt), ikm, sizeof(ikm), info, sizeof(info), okm,
			     sizeof(okm)));
	assert_hex_equal(okm, 42, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
				  "34007208d5b887185865");
}

/* Ke of RFC 9382 vector 1, transcript hash = SHA-256("vtund secure1 test transcript"). */
static void initial_secret(uint8_t s0[32])
{
	static const char th_in[] = "vtund secure1 test transcript";
	uint8_t ke[16], th[32];

	unhex("0e0672dc86f8e45565d338b0540abe69", ke, sizeof(ke));
	SHA256((const uint8_t *)th_in, strlen(th_in), th);
	assert_hex_equal(th, 32, "e50752c41f24786b891046e1034ea69cb527316280b55a4fb29fe3badab55393");
	assert_true(kdf_initial_secret(ke, sizeof(ke), th, s0));
	assert_hex_equal(s0, 32, "b93d56cd62daba14ce06dce5e137d1d859b5a0a07cbfe44a0bac571958d1ee96");
}

static void test_epoch_keys_vector(void **state)
{
	struct kdf_epoch_keys k;
	uint8_t s0[32], key7[32];

	(void)state;
	initial_secret(s0);
	assert_true(kdf_epoch_keys(s0, 0, &k));
	assert_hex_equal(k.c2s_key, 32,
			 "2fd199970144fdb3e434c68cbcacdaa5405dfc393d58ed044fa14fb1445bfe7b");
	assert_hex_equal(k.c2s_salt, 4, "5e898f8e");
	assert_hex_equal(k.s2c_key, 32,
			 "b783af87d13757c38837245aa2f8a73edb53a2f250a4a5f6b3f2cafce97d5b32");
	assert_hex_equal(k.s2c_salt, 4, "759d1db6");
	assert_hex_equal(k.chain, 32,
			 "d7ddb833e75c207cd7094bb94ea78b8562f2e85ea29d0d7e6d68b84f25f6b684");
	/* The epoch number is part of the label: epoch 7 gives another key. */
	assert_true(kdf_expand_label(s0, "c2s key", 7, key7, sizeof(key7)));
	assert_hex_equal(key7, 32, "73c5edfe2aa06a2efc9368dddbe3585735856e63a13aaa35fc9986772319dd15");
	kdf_epoch_keys_clear(&k);
	assert_hex_equal(k.c2s_key, 4, "00000000");
}

static void test_expand_label_limits(void **state)
{
	uint8_t s[32] = { 1 }, out[256];
	char label[34];

	(void)state;
	memset(label, 'a', sizeof(label) - 1);
	label[33] = 0;
	assert_false(kdf_expand_label(s, label, 0, out, 32));   /* label over 32 bytes */
	label[32] = 0;
	assert_true(kdf_expand_label(s, label, 0, out, 32));
	assert_false(kdf_expand_label(s, "", 0, out, 32));
	assert_false(kdf_expand_label(s, "x", 0, out, 0));
	assert_false(kdf_expand_label(s, "x", 0, out, 256));
	assert_true(kdf_expand_label(s, "x", 0, out, 255));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc5869_case1),
		cmocka_unit_test(test_epoch_keys_vector),
		cmocka_unit_test(test_expand_label_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
