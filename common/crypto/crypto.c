/* SPDX-License-Identifier: ISC */
#include "crypto/crypto.h"
#include "base/log.h"
#include "base/util.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

/*
 * Process-wide, read-only after crypto_init(): the loaded providers and the fetched
 * algorithm objects. Fetching once avoids a provider lookup per call, and the data-cipher
 * code added later can create its own reusable EVP_CIPHER_CTX from the same objects.
 */
static struct {
	bool done;
	bool ok;
	OSSL_PROVIDER *deflt;
	OSSL_PROVIDER *legacy;
	EVP_MD *md5;
	EVP_CIPHER *bf_ecb;
} cr;

/* Log the oldest queued OpenSSL error (if any) after our own message, then clear the queue. */
static void log_ossl(const char *what)
{
	unsigned long e = ERR_get_error();
	char buf[256];

	if (e) {
		ERR_error_string_n(e, buf, sizeof(buf));
		log_warnx("%s: %s", what, buf);
	} else {
		log_warnx("%s", what);
	}
	ERR_clear_error();
}

bool crypto_init(void)
{
	if (cr.done)
		return cr.ok;
	cr.done = true;

	cr.deflt = OSSL_PROVIDER_load(NULL, "default");
	if (!cr.deflt) {
		log_ossl("crypto: cannot load the OpenSSL \"default\" provider");
		return false;
	}
	cr.legacy = OSSL_PROVIDER_load(NULL, "legacy");
	if (!cr.legacy) {
		log_ossl("crypto: cannot load the OpenSSL \"legacy\" provider, which Blowfish needs "
			 "(is ossl-modules/legacy.so installed?)");
		return false;
	}
	cr.md5 = EVP_MD_fetch(NULL, "MD5", NULL);
	if (!cr.md5) {
		log_ossl("crypto: MD5 is not available");
		return false;
	}
	cr.bf_ecb = EVP_CIPHER_fetch(NULL, "BF-ECB", NULL);
	if (!cr.bf_ecb) {
		log_ossl("crypto: Blowfish (BF-ECB) is not available");
		return false;
	}
	cr.ok = true;
	return true;
}

void crypto_md5(const void *data, size_t len, uint8_t out[CRYPTO_MD5_LEN])
{
	unsigned int outlen = 0;

	/* MD5 lives in the default provider, which is there even if crypto_init() failed. */
	const EVP_MD *md = cr.md5 ? cr.md5 : EVP_md5();
	if (!EVP_Digest(data, len, out, &outlen, md, NULL) || outlen != CRYPTO_MD5_LEN)
		fatalx("crypto: MD5 failed");
}

void crypto_derive_key(const char *password, uint8_t *key, size_t keylen)
{
	size_t n = strlen(password);

	if (keylen == 16) {
		crypto_md5(password, n, key);
	} else if (keylen == 32) {
		size_t h = n / 2;
		crypto_md5(password, h, key);
		crypto_md5(password + h, n - h, key + 16);
	} else {
		fatalx("crypto_derive_key: unsupported key length %zu", keylen);
	}
}

bool crypto_bf_ecb(const uint8_t key[16], bool encrypt, const uint8_t *in, uint8_t *out, size_t len)
{
	EVP_CIPHER_CTX *ctx;
	int n1 = 0, n2 = 0;
	bool ok = false;

	if (len % 8 != 0 || len > (size_t)0x7fffffff) {
		log_warnx("crypto: Blowfish-ECB length %zu is not a multiple of 8", len);
		return false;
	}
	if (!crypto_init())
		return false;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx) {
		log_ossl("crypto: out of memory for a cipher context");
		return false;
	}
	/* The key length must be set before the key: Blowfish is variable-length. */
	if (EVP_CipherInit_ex2(ctx, cr.bf_ecb, NULL, NULL, encrypt ? 1 : 0, NULL) &&
	    EVP_CIPHER_CTX_set_key_length(ctx, 16) &&
	    EVP_CipherInit_ex2(ctx, NULL, key, NULL, -1, NULL) &&
	    EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	    EVP_CipherUpdate(ctx, out, &n1, in, (int)len) &&
	    EVP_CipherFinal_ex(ctx, out + n1, &n2) &&
	    (size_t)(n1 + n2) == len)
		ok = true;
	else
		log_ossl("crypto: Blowfish-ECB failed");
	EVP_CIPHER_CTX_free(ctx);  /* also cleanses the key schedule */
	return ok;
}

bool crypto_random(void *buf, size_t len)
{
	if (len > (size_t)0x7fffffff || RAND_bytes(buf, (int)len) != 1) {
		log_ossl("crypto: the random number generator failed");
		return false;
	}
	return true;
}
