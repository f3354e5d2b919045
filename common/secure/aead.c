/* SPDX-License-Identifier: ISC */
/* AEAD record seal/open through EVP: one context per key, one nonce set per record. */
#include "secure/aead.h"

#include <string.h>
#if defined(__aarch64__)
#include <sys/auxv.h>
#endif

#include <openssl/crypto.h>
#include <openssl/evp.h>

static const char *alg_name(enum aead_alg alg)
{
	switch (alg) {
	case AEAD_AES_256_GCM:
		return "AES-256-GCM";
	case AEAD_CHACHA20_POLY1305:
		return "ChaCha20-Poly1305";
	}
	return NULL;
}

bool aead_key_init(struct aead_key *k, enum aead_alg alg, bool seal,
		   const uint8_t key[AEAD_KEY_LEN], const uint8_t salt[AEAD_SALT_LEN])
{
	const char *name = alg_name(alg);
	EVP_CIPHER *c = name ? EVP_CIPHER_fetch(NULL, name, NULL) : NULL;
	bool ok;

	memset(k, 0, sizeof(*k));
	if (!c)
		return false;
	k->ctx = EVP_CIPHER_CTX_new();
	ok = k->ctx && EVP_CipherInit_ex(k->ctx, c, NULL, NULL, NULL, seal) == 1 &&
	     EVP_CIPHER_CTX_ctrl(k->ctx, EVP_CTRL_AEAD_SET_IVLEN, AEAD_NONCE_LEN, NULL) == 1 &&
	     EVP_CipherInit_ex(k->ctx, NULL, NULL, key, NULL, seal) == 1;
	EVP_CIPHER_free(c);     /* the context holds its own reference */
	if (!ok) {
		aead_key_clear(k);
		return false;
	}
	memcpy(k->nonce, salt, AEAD_SALT_LEN);
	k->seal = seal;
	return true;
}

void aead_key_clear(struct aead_key *k)
{
	EVP_CIPHER_CTX_free(k->ctx);    /* cleanses the key schedule */
	OPENSSL_cleanse(k, sizeof(*k));
}

static void set_counter(struct aead_key *k, uint64_t counter)
{
	for (int i = 0; i < 8; i++)
		k->nonce[AEAD_SALT_LEN + i] = (uint8_t)(counter >> (56 - 8 * i));
}

/* Nonce, AAD, data: the common part of seal and open. EVP's int lengths bound len. */
static bool run(struct aead_key *k, uint64_t counter, const uint8_t *aad, size_t aad_len,
		uint8_t *buf, size_t len)
{
	int n = 0;

	if (!k->ctx || len > INT32_MAX || aad_len > INT32_MAX)
		return false;
	set_counter(k, counter);
	if (EVP_CipherInit_ex(k->ctx, NULL, NULL, NULL, k->nonce, -1) != 1)
		return false;
	if (aad_len && EVP_CipherUpdate(k->ctx, NULL, &n, aad, (int)aad_len) != 1)
		return false;
	if (len == 0)
		return true;
	return EVP_CipherUpdate(k->ctx, buf, &n, buf, (int)len) == 1 && (size_t)n == len;
}

/* Final writes no bytes for these AEADs; it only computes or checks the tag. */
static bool finish(struct aead_key *k)
{
	uint8_t none[16];
	int n = 0;

	return EVP_CipherFinal_ex(k->ctx, none, &n) == 1 && n == 0;
}

bool aead_seal(struct aead_key *k, uint64_t counter, const uint8_t *aad, size_t aad_len,
	       uint8_t *buf, size_t len, uint8_t tag[AEAD_TAG_LEN])
{
	if (!k->seal || counter < k->next || counter >= SECURE_COUNTER_LIMIT)
		return false;
	/* Burn the counter before anything can fail half-way: a nonce is never used twice. */
	k->next = counter + 1;
	return run(k, counter, aad, aad_len, buf, len) &&
	       finish(k) && EVP_CIPHER_CTX_ctrl(k->ctx, EVP_CTRL_AEAD_GET_TAG, AEAD_TAG_LEN, tag) == 1;
}

bool aead_open(struct aead_key *k, uint64_t counter, const uint8_t *aad, size_t aad_len,
	       uint8_t *buf, size_t len, const uint8_t tag[AEAD_TAG_LEN])
{
	uint8_t t[AEAD_TAG_LEN];
	bool ok;

	if (k->seal || counter >= SECURE_COUNTER_LIMIT)
		return false;
	memcpy(t, tag, sizeof(t));      /* EVP's ctrl takes a non-const pointer */
	ok = run(k, counter, aad, aad_len, buf, len) &&
	     EVP_CIPHER_CTX_ctrl(k->ctx, EVP_CTRL_AEAD_SET_TAG, AEAD_TAG_LEN, t) == 1 &&
	     finish(k);
	if (!ok && len)
		OPENSSL_cleanse(buf, len);
	return ok;
}

bool aead_cpu_has_aes(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_cpu_init();
	return __builtin_cpu_supports("aes") && __builtin_cpu_supports("pclmul");
#elif defined(__aarch64__) && defined(HWCAP_AES) && defined(HWCAP_PMULL)
	unsigned long hw = getauxval(AT_HWCAP);

	return (hw & HWCAP_AES) && (hw & HWCAP_PMULL);
#else
	return false;
#endif
}
