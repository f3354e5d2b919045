/* SPDX-License-Identifier: ISC */
#include "crypto/cipher_evp.h"
#include "base/log.h"
#include "base/util.h"

#include <limits.h>
#include <stdlib.h>

#include <openssl/err.h>
#include <openssl/evp.h>

struct cevp {
	EVP_CIPHER *cipher;     /* fetched per context: keeps it independent of crypto.c */
	EVP_CIPHER_CTX *ctx;
	enum cevp_mode mode;
	size_t bs;
	bool started;           /* ECB always; other modes once an IV has been set */
};

/* Log our message plus the oldest queued OpenSSL error, then clear OpenSSL's queue. */
static void log_ossl(const char *what, const char *name)
{
	unsigned long e = ERR_get_error();
	char buf[256];

	if (e) {
		ERR_error_string_n(e, buf, sizeof(buf));
		log_warnx("cipher: %s (%s): %s", what, name, buf);
	} else {
		log_warnx("cipher: %s (%s)", what, name);
	}
	ERR_clear_error();
}

size_t cevp_block_size(enum cevp_alg alg)
{
	return alg == CEVP_AES ? 16 : 8;
}

/* OpenSSL's algorithm name, e.g. "AES-256-CFB" (CFB-128 for AES, CFB-64 for Blowfish). */
static const char *evp_name(enum cevp_alg alg, enum cevp_mode mode, size_t keylen)
{
	static const char *const bf[] = { "BF-ECB", "BF-CBC", "BF-CFB", "BF-OFB" };
	static const char *const aes128[] = { "AES-128-ECB", "AES-128-CBC", "AES-128-CFB", "AES-128-OFB" };
	static const char *const aes256[] = { "AES-256-ECB", "AES-256-CBC", "AES-256-CFB", "AES-256-OFB" };

	if (alg == CEVP_BF)
		return bf[mode];
	return keylen == 16 ? aes128[mode] : aes256[mode];
}

static bool setup(struct cevp *c, const char *name, const uint8_t *key, size_t keylen, bool encrypt)
{
	c->cipher = EVP_CIPHER_fetch(NULL, name, NULL);
	if (!c->cipher) {
		log_ossl("algorithm not available (for Blowfish the OpenSSL legacy provider is needed)",
			 name);
		return false;
	}
	c->ctx = EVP_CIPHER_CTX_new();
	if (!c->ctx) {
		log_ossl("out of memory for a cipher context", name);
		return false;
	}
	/* Blowfish has a variable key length that must be set before the key itself. */
	if (!EVP_CipherInit_ex2(c->ctx, c->cipher, NULL, NULL, encrypt ? 1 : 0, NULL) ||
	    EVP_CIPHER_CTX_set_key_length(c->ctx, (int)keylen) <= 0 ||
	    EVP_CIPHER_CTX_get_key_length(c->ctx) != (int)keylen ||
	    !EVP_CipherInit_ex2(c->ctx, NULL, key, NULL, -1, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(c->ctx, 0)) {
		log_ossl("cannot set up the cipher context", name);
		return false;
	}
	return true;
}

struct cevp *cevp_new(enum cevp_alg alg, enum cevp_mode mode, const uint8_t *key, size_t keylen,
		      bool encrypt)
{
	struct cevp *c;
	const char *name;

	if ((keylen != 16 && keylen != 32) || (unsigned)mode > CEVP_OFB) {
		log_warnx("cipher: unsupported key length %zu or mode %d", keylen, (int)mode);
		return NULL;
	}
	name = evp_name(alg, mode, keylen);
	c = xcalloc(1, sizeof(*c));
	c->mode = mode;
	c->bs = cevp_block_size(alg);
	c->started = mode == CEVP_ECB;
	if (!setup(c, name, key, keylen, encrypt)) {
		cevp_free(c);
		return NULL;
	}
	return c;
}

bool cevp_start(struct cevp *c, const uint8_t *iv)
{
	/*
	 * Key NULL keeps the key schedule; the provider resets the chaining/feedback state
	 * (including the CFB/OFB position) and loads the new IV.
	 */
	if (!EVP_CipherInit_ex2(c->ctx, NULL, NULL, iv, -1, NULL)) {
		log_ossl("cannot load a new IV", EVP_CIPHER_get0_name(c->cipher));
		c->started = c->mode == CEVP_ECB;
		return false;
	}
	c->started = true;
	return true;
}

bool cevp_run(struct cevp *c, const uint8_t *in, uint8_t *out, size_t len)
{
	int n = 0;

	if (!c->started || len % c->bs != 0 || len > (size_t)INT_MAX) {
		log_warnx("cipher: internal error: %zu bytes for a %s context", len,
			  c->started ? "block" : "not yet started");
		return false;
	}
	if (len == 0)
		return true;
	if (!EVP_CipherUpdate(c->ctx, out, &n, in, (int)len) || (size_t)n != len) {
		log_ossl("encryption/decryption failed", EVP_CIPHER_get0_name(c->cipher));
		return false;
	}
	return true;
}

void cevp_free(struct cevp *c)
{
	if (!c)
		return;
	EVP_CIPHER_CTX_free(c->ctx);   /* cleanses the key schedule and IV */
	EVP_CIPHER_free(c->cipher);
	secure_zero(c, sizeof(*c));
	free(c);
}
