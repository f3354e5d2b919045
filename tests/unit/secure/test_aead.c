/* SPDX-License-Identifier: ISC */
/*
 * secure/aead: AES-256-GCM against the GCM specification's test case 16 and ChaCha20-Poly1305
 * against RFC 8439 section 2.8.2 (both nonces split as salt || counter, our construction); our
 * own record vectors (checked with Python's `cryptography`); tampering with header, body or tag,
 * wrong key, wrong counter, truncation; the counter rules of a sealing key.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "secure/aead.h"
#include "hex.h"

struct kat {
	enum aead_alg alg;
	const char *key, *salt;
	uint64_t counter;
	const char *aad, *pt, *ct, *tag;
};

static const struct kat kats[] = {
	/* GCM spec (McGrew & Viega) test case 16: IV cafebabe facedbaddecaf888. */
	{ AEAD_AES_256_GCM,
	  "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabe",
	  0xfacedbaddecaf888u, "feedfacedeadbeeffeedfacedeadbeefabaddad2",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
	  "76fc6ece0f4e1768cddf8853bb2d551b" },
	/* RFC 8439 section 2.8.2: nonce 07000000 4041424344454647. */
	{ AEAD_CHACHA20_POLY1305,
	  "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", "07000000",
	  0x4041424344454647u, "50515253c0c1c2c3c4c5c6c7",
	  "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
	  "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
	  "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
	  "637265656e20776f756c642062652069742e",
	  "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
	  "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
	  "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
	  "3ff4def08e4b7a9de576d26586cec64b6116",
	  "1ae10b594f09e26a7e902ecbd0600691" },
	/* Ours: epoch-0 c2s key and salt of test_kdf, a DATA record "vtund secure record",
	 * UDP header (h0 = 0x10, counter 0) and TCP header (len 36, h0, counter 1). */
	{ AEAD_AES_256_GCM,
	  "2fd199970144fdb3e434c68cbcacdaa5405dfc393d58ed044fa14fb1445bfe7b", "5e898f8e", 0,
	  "100000000000000000", "007674756e6420736563757265207265636f7264",
	  "44aaa3a8f2a9a2f0cea7bfe59c0397162d567f7e", "248963053383f261d3d333c8d9901538" },
	{ AEAD_CHACHA20_POLY1305,
	  "2fd199970144fdb3e434c68cbcacdaa5405dfc393d58ed044fa14fb1445bfe7b", "5e898f8e", 0,
	  "100000000000000000", "007674756e6420736563757265207265636f7264",
	  "b966c6e3e8d5ce3c30c456f47772aa00fd53160b", "8fd4b6e4afd10c505fa715ee23c3f8f4" },
	{ AEAD_AES_256_GCM,
	  "2fd199970144fdb3e434c68cbcacdaa5405dfc393d58ed044fa14fb1445bfe7b", "5e898f8e", 1,
	  "00000024100000000000000001", "007674756e6420736563757265207265636f7264",
	  "f6287d82eba8095410bb2abdbcea6ba1c29ec1b3", "30b958ecba88aa714c36254afe616b64" },
	{ AEAD_CHACHA20_POLY1305,
	  "2fd199970144fdb3e434c68cbcacdaa5405dfc393d58ed044fa14fb1445bfe7b", "5e898f8e", 1,
	  "00000024100000000000000001", "007674756e6420736563757265207265636f7264",
	  "f9dafac09afc30378d6622f877e54ec04fddf772", "6aafce2f93ee8acaf7b52056cadd3330" },
};

#define NKAT (sizeof(kats) / sizeof(kats[0]))

struct rec {
	uint8_t key[32], salt[4], aad[64], buf[256], tag[16];
	size_t aad_len, len;
};

static void load(const struct kat *v, struct rec *r, bool ciphertext)
{
	unhex(v->key, r->key, sizeof(r->key));
	unhex(v->salt, r->salt, sizeof(r->salt));
	r->aad_len = unhex(v->aad, r->aad, sizeof(r->aad));
	r->len = unhex(ciphertext ? v->ct : v->pt, r->buf, sizeof(r->buf));
	unhex(v->tag, r->tag, sizeof(r->tag));
}

static void test_kat_seal(void **state)
{
	(void)state;
	for (size_t i = 0; i < NKAT; i++) {
		struct aead_key k;
		struct rec r;
		uint8_t tag[16];

		load(&kats[i], &r, false);
		assert_true(aead_key_init(&k, kats[i].alg, true, r.key, r.salt));
		assert_true(aead_seal(&k, kats[i].counter, r.aad, r.aad_len, r.buf, r.len, tag));
		assert_hex_equal(r.buf, r.len, kats[i].ct);
		assert_hex_equal(tag, 16, kats[i].tag);
		aead_key_clear(&k);
	}
}

static void test_kat_open(void **state)
{
	(void)state;
	for (size_t i = 0; i < NKAT; i++) {
		struct aead_key k;
		struct rec r;

		load(&kats[i], &r, true);
		assert_true(aead_key_init(&k, kats[i].alg, false, r.key, r.salt));
		assert_true(aead_open(&k, kats[i].counter, r.aad, r.aad_len, r.buf, r.len, r.tag));
		assert_hex_equal(r.buf, r.len, kats[i].pt);
		aead_key_clear(&k);
	}
}

/* Open kats[i] after mutate(); it must fail and leave no plaintext behind. */
static void expect_open_fails(size_t i, void (*mutate)(struct rec *, uint64_t *, size_t),
			      size_t arg)
{
	uint64_t counter = kats[i].counter;
	struct aead_key k;
	struct rec r, orig;

	load(&kats[i], &orig, true);
	r = orig;
	mutate(&r, &counter, arg);
	assert_true(aead_key_init(&k, kats[i].alg, false, r.key, r.salt));
	assert_false(aead_open(&k, counter, r.aad, r.aad_len, r.buf, r.len, r.tag));
	for (size_t j = 0; j < r.len; j++)
		assert_int_equal(r.buf[j], 0);
	/* With the right key, the context survives a failure: the untouched record opens. */
	if (!memcmp(r.key, orig.key, sizeof(r.key)) && !memcmp(r.salt, orig.salt, sizeof(r.salt)))
		assert_true(aead_open(&k, kats[i].counter, orig.aad, orig.aad_len, orig.buf,
				      orig.len, orig.tag));
	aead_key_clear(&k);
}

static void flip_aad(struct rec *r, uint64_t *c, size_t bit)
{
	(void)c;
	r->aad[bit / 8 % r->aad_len] ^= (uint8_t)(1u << (bit % 8));
}
static void flip_body(struct rec *r, uint64_t *c, size_t bit)
{
	(void)c;
	r->buf[bit / 8 % r->len] ^= (uint8_t)(1u << (bit % 8));
}
static void flip_tag(struct rec *r, uint64_t *c, size_t bit)
{
	(void)c;
	r->tag[bit / 8 % 16] ^= (uint8_t)(1u << (bit % 8));
}
static void flip_key(struct rec *r, uint64_t *c, size_t bit)
{
	(void)c;
	r->key[bit / 8 % 32] ^= (uint8_t)(1u << (bit % 8));
}
static void flip_salt(struct rec *r, uint64_t *c, size_t bit)
{
	(void)c;
	r->salt[bit / 8 % 4] ^= (uint8_t)(1u << (bit % 8));
}
static void other_counter(struct rec *r, uint64_t *c, size_t bit)
{
	(void)r;
	*c ^= (uint64_t)1 << (bit % 64);
}
static void truncate_body(struct rec *r, uint64_t *c, size_t n)
{
	(void)c;
	r->len -= n;
}
static void drop_aad(struct rec *r, uint64_t *c, size_t n)
{
	(void)c;
	r->aad_len -= n;
}

static void test_tamper(void **state)
{
	(void)state;
	for (size_t i = 0; i < NKAT; i++) {
		for (size_t bit = 0; bit < 72; bit += 7) {
			expect_open_fails(i, flip_aad, bit);
			expect_open_fails(i, flip_body, bit);
			expect_open_fails(i, flip_tag, bit);
			expect_open_fails(i, flip_key, bit);
			expect_open_fails(i, flip_salt, bit);
			expect_open_fails(i, other_counter, bit);
		}
		expect_open_fails(i, truncate_body, 1);
		expect_open_fails(i, truncate_body, 16);
		expect_open_fails(i, drop_aad, 1);
	}
}

/* The same key opened with the other algorithm is a wrong key too. */
static void test_wrong_algorithm(void **state)
{
	struct aead_key k;
	struct rec r;

	(void)state;
	load(&kats[2], &r, true);
	assert_true(aead_key_init(&k, AEAD_CHACHA20_POLY1305, false, r.key, r.salt));
	assert_false(aead_open(&k, kats[2].counter, r.aad, r.aad_len, r.buf, r.len, r.tag));
	aead_key_clear(&k);
	assert_false(aead_key_init(&k, (enum aead_alg)3, true, r.key, r.salt));
	assert_null(k.ctx);
}

static void test_counter_rules(void **state)
{
	uint8_t key[32] = { 7 }, salt[4] = { 1, 2, 3, 4 }, buf[64] = { 0 }, tag[16];
	struct aead_key s, o;

	(void)state;
	assert_true(aead_key_init(&s, AEAD_AES_256_GCM, true, key, salt));
	assert_true(aead_key_init(&o, AEAD_AES_256_GCM, false, key, salt));
	assert_true(aead_seal(&s, 5, NULL, 0, buf, sizeof(buf), tag));
	assert_false(aead_seal(&s, 5, NULL, 0, buf, sizeof(buf), tag));     /* reuse */
	assert_false(aead_seal(&s, 4, NULL, 0, buf, sizeof(buf), tag));     /* backwards */
	assert_true(aead_seal(&s, 9, NULL, 0, buf, sizeof(buf), tag));      /* gaps are fine */
	assert_true(aead_seal(&s, SECURE_COUNTER_LIMIT - 1, NULL, 0, buf, sizeof(buf), tag));
	assert_true(aead_open(&o, SECURE_COUNTER_LIMIT - 1, NULL, 0, buf, sizeof(buf), tag));
	assert_false(aead_seal(&s, SECURE_COUNTER_LIMIT, NULL, 0, buf, sizeof(buf), tag));
	assert_false(aead_seal(&s, UINT64_MAX, NULL, 0, buf, sizeof(buf), tag));
	assert_false(aead_open(&o, SECURE_COUNTER_LIMIT, NULL, 0, buf, sizeof(buf), tag));
	/* Each key works in one direction only. */
	assert_false(aead_open(&s, 10, NULL, 0, buf, sizeof(buf), tag));
	assert_false(aead_seal(&o, 10, NULL, 0, buf, sizeof(buf), tag));
	aead_key_clear(&s);
	aead_key_clear(&o);
	aead_key_clear(&o);             /* idempotent */
	assert_false(aead_seal(&s, 11, NULL, 0, buf, sizeof(buf), tag));
}

/* A 64 KiB record in place, and an empty one (tag only, e.g. a bare keepalive). */
static void test_sizes_round_trip(void **state)
{
	static uint8_t big[65536 + 1], copy[sizeof(big)];
	uint8_t key[32] = { 9 }, salt[4] = { 0 }, hdr[13] = { 0, 1, 0, 17, 0x10 }, tag[16];
	const enum aead_alg algs[] = { AEAD_AES_256_GCM, AEAD_CHACHA20_POLY1305 };
	struct aead_key s, o;

	(void)state;
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 31 + 7);
	memcpy(copy, big, sizeof(big));
	for (size_t a = 0; a < 2; a++) {
		assert_true(aead_key_init(&s, algs[a], true, key, salt));
		assert_true(aead_key_init(&o, algs[a], false, key, salt));
		for (uint64_t c = 0; c < 3; c++) {
			assert_true(aead_seal(&s, c, hdr, sizeof(hdr), big, sizeof(big), tag));
			assert_memory_not_equal(big, copy, 64);
			assert_true(aead_open(&o, c, hdr, sizeof(hdr), big, sizeof(big), tag));
			assert_memory_equal(big, copy, sizeof(big));
		}
		assert_true(aead_seal(&s, 3, hdr, sizeof(hdr), NULL, 0, tag));
		assert_true(aead_open(&o, 3, hdr, sizeof(hdr), NULL, 0, tag));
		hdr[12] ^= 1;
		assert_false(aead_open(&o, 3, hdr, sizeof(hdr), NULL, 0, tag));
		hdr[12] ^= 1;
		aead_key_clear(&s);
		aead_key_clear(&o);
	}
}

/* The CPU probe agrees with the kernel's view of this CPU (x86: the "aes" flag). */
static void test_cpu_has_aes(void **state)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[4096];
	int has = -1;

	(void)state;
	if (!f)
		skip();
	while (has < 0 && fgets(line, sizeof(line), f))
		if (!strncmp(line, "flags", 5) || !strncmp(line, "Features", 8))
			has = strstr(line, " aes") != NULL && (strstr(line, " pclmulqdq") ||
							       strstr(line, " pmull"));
	fclose(f);
	if (has < 0)
		skip();
	assert_int_equal(aead_cpu_has_aes(), has);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kat_seal),
		cmocka_unit_test(test_kat_open),
		cmocka_unit_test(test_tamper),
		cmocka_unit_test(test_wrong_algorithm),
		cmocka_unit_test(test_counter_rules),
		cmocka_unit_test(test_sizes_round_trip),
		cmocka_unit_test(test_cpu_has_aes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
