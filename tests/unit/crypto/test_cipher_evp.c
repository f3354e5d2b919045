/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/crypto/cipher_evp.c: published known answers for each mode
 * (AES: FIPS-197 appendix C and NIST SP 800-38A F.1-F.4; Blowfish: Eric Young's test set),
 * encrypt/decrypt round trips for every algorithm, mode and key length, mode state carried
 * over between calls, IV restarts, and the refused uses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/cipher_evp.h"
#include "crypto/crypto.h"

/* Hex text to bytes; returns the byte count. */
static size_t unhex(const char *h, uint8_t *out)
{
	size_t n = strlen(h) / 2;
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		assert_int_equal(sscanf(h + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
	return n;
}

struct kat {
	const char *what;
	enum cevp_alg alg;
	enum cevp_mode mode;
	const char *key, *iv, *pt, *ct;
};

static const struct kat kats[] = {
	{ "FIPS-197 C.1 AES-128", CEVP_AES, CEVP_ECB, "000102030405060708090a0b0c0d0e0f", NULL,
	  "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a" },
	{ "FIPS-197 C.3 AES-256", CEVP_AES, CEVP_ECB,
	  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", NULL,
	  "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089" },
	{ "SP 800-38A F.2.1 CBC-AES128", CEVP_AES, CEVP_CBC, "2b7e151628aed2a6abf7158809cf4f3c",
	  "000102030405060708090a0b0c0d0e0f",
	  "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51",
	  "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2" },
	{ "SP 800-38A F.3.13 CFB128-AES128", CEVP_AES, CEVP_CFB, "2b7e151628aed2a6abf7158809cf4f3c",
	  "000102030405060708090a0b0c0d0e0f",
	  "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51",
	  "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b" },
	{ "SP 800-38A F.4.1 OFB-AES128", CEVP_AES, CEVP_OFB, "2b7e151628aed2a6abf7158809cf4f3c",
	  "000102030405060708090a0b0c0d0e0f",
	  "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51",
	  "3b3fd92eb72dad20333449f8e83cfb4a7789508d16918f03f53c52dac54ed825" },
	{ "Blowfish set_key, 16-byte key", CEVP_BF, CEVP_ECB, "f0e1d2c3b4a5968778695a4b3c2d1e0f",
	  NULL, "fedcba9876543210", "93142887ee3be15c" },
	/* "7654321 Now is the time for " and its NUL, zero-padded to whole blocks */
	{ "Blowfish CBC", CEVP_BF, CEVP_CBC, "0123456789abcdeff0e1d2c3b4a59687", "fedcba9876543210",
	  "37363534333231204e6f77206973207468652074696d6520666f722000000000",
	  "6b77b4d63006dee605b156e27403979358deb9e7154616d959f1652bd5ff92cc" },
	{ "Blowfish CFB64", CEVP_BF, CEVP_CFB, "0123456789abcdeff0e1d2c3b4a59687", "fedcba9876543210",
	  "37363534333231204e6f77206973207468652074",
	  "e73214a2822139caf26ecf6d2eb9e76e3da3de04" },
	{ "Blowfish OFB64", CEVP_BF, CEVP_OFB, "0123456789abcdeff0e1d2c3b4a59687", "fedcba9876543210",
	  "37363534333231204e6f77206973207468652074",
	  "e73214a2822139ca62b343cc5b65587310dd908d" },
};

static int init(void **state)
{
	(void)state;
	return crypto_init() ? 0 : -1;
}

static struct cevp *ready(const struct kat *k, bool encrypt)
{
	uint8_t key[32], iv[16];
	size_t kl = unhex(k->key, key);
	struct cevp *c = cevp_new(k->alg, k->mode, key, kl, encrypt);
	assert_non_null(c);
	if (k->iv) {
		assert_int_equal(unhex(k->iv, iv), cevp_block_size(k->alg));
		assert_true(cevp_start(c, iv));
	}
	return c;
}

static void test_known_answers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(kats) / sizeof(kats[0]); i++) {
		const struct kat *k = &kats[i];
		uint8_t pt[64], ct[64], out[64];
		size_t n = unhex(k->pt, pt);
		n -= n % cevp_block_size(k->alg);   /* CFB/OFB vectors: whole blocks only */
		assert_true(unhex(k->ct, ct) >= n);
		print_message("%s\n", k->what);

		struct cevp *e = ready(k, true), *d = ready(k, false);
		assert_true(cevp_run(e, pt, out, n));
		assert_memory_equal(out, ct, n);
		assert_true(cevp_run(d, out, out, n));   /* in place */
		assert_memory_equal(out, pt, n);
		cevp_free(e);
		cevp_free(d);
	}
}

/* Every algorithm, mode and key length: decrypt(encrypt(x)) == x, and the ciphertext differs. */
static void test_round_trips(void **state)
{
	(void)state;
	uint8_t key[32], iv[16], pt[96], ct[96], back[96];
	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 13 + 1);
	for (size_t i = 0; i < sizeof(iv); i++)
		iv[i] = (uint8_t)(0xa0 + i);
	for (size_t i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)(i * 7);
	for (int alg = CEVP_BF; alg <= CEVP_AES; alg++)
		for (int mode = CEVP_ECB; mode <= CEVP_OFB; mode++)
			for (size_t kl = 16; kl <= 32; kl += 16) {
				struct cevp *e = cevp_new(alg, mode, key, kl, true);
				struct cevp *d = cevp_new(alg, mode, key, kl, false);
				assert_non_null(e);
				assert_non_null(d);
				if (mode != CEVP_ECB) {
					assert_true(cevp_start(e, iv));
					assert_true(cevp_start(d, iv));
				}
				assert_true(cevp_run(e, pt, ct, sizeof(pt)));
				assert_memory_not_equal(ct, pt, sizeof(pt));
				assert_true(cevp_run(d, ct, back, sizeof(ct)));
				assert_memory_equal(back, pt, sizeof(pt));
				cevp_free(e);
				cevp_free(d);
			}
}

/* Two calls continue the chain: the same bytes as one call; a restart with the IV repeats it. */
static void test_state_carries_over(void **state)
{
	(void)state;
	uint8_t key[16] = { 1, 2, 3 }, iv[16] = { 9, 8, 7 }, pt[64], one[64], two[64];
	for (size_t i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)i;
	for (int alg = CEVP_BF; alg <= CEVP_AES; alg++)
		for (int mode = CEVP_CBC; mode <= CEVP_OFB; mode++) {
			size_t bs = cevp_block_size(alg);
			struct cevp *c = cevp_new(alg, mode, key, sizeof(key), true);
			assert_true(cevp_start(c, iv));
			assert_true(cevp_run(c, pt, one, sizeof(pt)));
			assert_true(cevp_start(c, iv));
			assert_true(cevp_run(c, pt, two, bs));
			assert_true(cevp_run(c, pt + bs, two + bs, sizeof(pt) - bs));
			assert_memory_equal(one, two, sizeof(pt));
			/* not restarted: the next call continues and so differs from the first */
			assert_true(cevp_run(c, pt, two, sizeof(pt)));
			assert_memory_not_equal(one, two, sizeof(pt));
			/* a different IV gives a different ciphertext */
			uint8_t iv2[16] = { 9, 8, 6 };
			assert_true(cevp_start(c, iv2));
			assert_true(cevp_run(c, pt, two, sizeof(pt)));
			assert_memory_not_equal(one, two, sizeof(pt));
			cevp_free(c);
		}
}

static void test_refused(void **state)
{
	(void)state;
	uint8_t key[32] = { 0 }, buf[32] = { 0 };
	assert_null(cevp_new(CEVP_AES, CEVP_ECB, key, 24, true));   /* AES-192 is not offered */
	assert_null(cevp_new(CEVP_BF, CEVP_ECB, key, 8, true));
	assert_null(cevp_new(CEVP_AES, (enum cevp_mode)7, key, 16, true));

	struct cevp *c = cevp_new(CEVP_AES, CEVP_CBC, key, 16, true);
	assert_non_null(c);
	assert_false(cevp_run(c, buf, buf, 16));                   /* no IV yet */
	assert_true(cevp_start(c, key));
	assert_false(cevp_run(c, buf, buf, 15));                   /* not whole blocks */
	assert_true(cevp_run(c, buf, buf, 0));
	cevp_free(c);

	/* the stream-like modes would take any length; whole blocks are still required */
	c = cevp_new(CEVP_AES, CEVP_CFB, key, 16, true);
	assert_true(cevp_start(c, key));
	assert_false(cevp_run(c, buf, buf, 15));
	cevp_free(c);

	c = cevp_new(CEVP_BF, CEVP_ECB, key, 16, true);            /* ECB needs no IV */
	assert_true(cevp_run(c, buf, buf, 8));
	assert_false(cevp_run(c, buf, buf, 12));
	cevp_free(c);
	cevp_free(NULL);

	assert_int_equal(cevp_block_size(CEVP_AES), 16);
	assert_int_equal(cevp_block_size(CEVP_BF), 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_answers),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_state_carries_over),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, init, NULL);
}
