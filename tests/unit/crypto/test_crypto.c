/* SPDX-License-Identifier: ISC */
/* crypto: key derivation and Blowfish against the known answers of vectors/kat.txt §1-2. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "crypto/crypto.h"

static void hex(const uint8_t *p, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

/* kat.txt §1, every listed password including the empty one. */
static const struct { const char *pw, *key16, *key32; } kat1[] = {
	{ "Vec1Plain", "1ac4610e832d17876a88319cf1fc0a94",
	  "cc8cf83fefbae8df84ae74795aaaaade4cd8413207629a963225f4314b53adcd" },
	{ "Vec3LzoAes", "2fead90f0afa7511c3f78ac99c02e90b",
	  "cbf679ff67302788caecb1e8ca5fa7defa1d4a162576bda88c7e9f102c40b83a" },
	{ "Vec5UdpZlibAes", "e7f4869ae07642489de33d13dec33adc",
	  "ca6368de4addbca79373ff50cd63c9caf335ab1f8ffaf205ff6c0cd7fdbd1f6b" },
	{ "Vec6UdpLzoOfb", "1c1ef1e18578aa21236609d15fc8a85b",
	  "d995f3fcf2aa1321fab7a1cbcdb89a58c69b80a5c5d8cf2dc90be9de4dcd6a03" },
	{ "Vec7AesEcb", "a38f6eefdf96d9b7c9b288c3951a206f",
	  "4e7356d8976c587d848d90c35333933a3d0b7d33191523cc5ce9c089a8ed42ef" },
	{ "Vec16Resync", "d70074b90ac1e9610192ebd13d38877b",
	  "17bf7da664325fa8128acdc32bba44eb45ada1a8b02e7bf10200aedcf56d13c8" },
	{ "", "d41d8cd98f00b204e9800998ecf8427e",
	  "d41d8cd98f00b204e9800998ecf8427ed41d8cd98f00b204e9800998ecf8427e" },
};

static void test_init_idempotent(void **state)
{
	(void)state;
	assert_true(crypto_init());
	assert_true(crypto_init());
}

static void test_derive_keys(void **state)
{
	uint8_t k[32];
	char h[65];

	(void)state;
	for (size_t i = 0; i < sizeof(kat1) / sizeof(kat1[0]); i++) {
		crypto_derive_key(kat1[i].pw, k, 16);
		hex(k, 16, h);
		assert_string_equal(h, kat1[i].key16);
		crypto_derive_key(kat1[i].pw, k, 32);
		hex(k, 32, h);
		assert_string_equal(h, kat1[i].key32);
	}
}

static void test_md5(void **state)
{
	uint8_t d[16];
	char h[33];

	(void)state;
	crypto_md5("abc", 3, d);
	hex(d, 16, h);
	assert_string_equal(h, "900150983cd24fb0d6963f7d28e17f72");
}

/* kat.txt §2: BF-ECB(MD5("Vec1Plain"), 57bf...0a) = 3e2c...8a, and back. */
static void test_bf_ecb_kat(void **state)
{
	static const uint8_t chal[16] = { 0x57, 0xbf, 0x52, 0x77, 0x40, 0x0b, 0x92, 0xc7,
					  0xe9, 0xe8, 0x4b, 0xa4, 0x65, 0x75, 0x6e, 0x0a };
	uint8_t key[16], out[16], back[16];
	char h[33];

	(void)state;
	assert_true(crypto_init());
	crypto_derive_key("Vec1Plain", key, 16);
	assert_true(crypto_bf_ecb(key, true, chal, out, 16));
	hex(out, 16, h);
	assert_string_equal(h, "3e2c577964604fbe69fc843abb80388a");
	assert_true(crypto_bf_ecb(key, false, out, back, 16));
	assert_memory_equal(back, chal, 16);
	/* In place works too. */
	memcpy(back, chal, 16);
	assert_true(crypto_bf_ecb(key, true, back, back, 16));
	assert_memory_equal(back, out, 16);
}

/* Known Blowfish test vector (Eric Young's set): key 0, plaintext 0 -> 4ef997456198dd78. */
static void test_bf_ecb_zero(void **state)
{
	uint8_t key[16] = { 0 }, in[8] = { 0 }, out[8];
	char h[17];

	(void)state;
	/* With a 16-byte zero key the schedule equals the 8-byte zero key's (key bytes cycle). */
	assert_true(crypto_bf_ecb(key, true, in, out, 8));
	hex(out, 8, h);
	assert_string_equal(h, "4ef997456198dd78");
}

static void test_bf_ecb_bad_len(void **state)
{
	uint8_t key[16] = { 0 }, buf[16] = { 0 };

	(void)state;
	assert_false(crypto_bf_ecb(key, true, buf, buf, 7));
	assert_false(crypto_bf_ecb(key, true, buf, buf, 15));
	assert_true(crypto_bf_ecb(key, true, buf, buf, 0));
}

static void test_random(void **state)
{
	uint8_t a[32] = { 0 }, b[32] = { 0 };

	(void)state;
	assert_true(crypto_random(a, sizeof(a)));
	assert_true(crypto_random(b, sizeof(b)));
	assert_memory_not_equal(a, b, sizeof(a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_idempotent),
		cmocka_unit_test(test_derive_keys),
		cmocka_unit_test(test_md5),
		cmocka_unit_test(test_bf_ecb_kat),
		cmocka_unit_test(test_bf_ecb_zero),
		cmocka_unit_test(test_bf_ecb_bad_len),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
