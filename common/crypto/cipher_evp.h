/* SPDX-License-Identifier: ISC */
/*
 * A thin layer over OpenSSL's EVP cipher contexts for the data ciphers (filter/cipher.c,
 * filter/legacy_blowfish.c). It exists so that the filters include no OpenSSL headers,
 * and so every OpenSSL return value is checked in one place (the Debian vtund dereferences
 * a NULL cipher when Blowfish is missing; we log and fail instead).
 *
 * A context is one algorithm, one mode, one key and one direction. Padding is always off:
 * the filters pad themselves (VTun's pad format is not PKCS#7) and only ever pass whole
 * blocks, which is also what lets CBC chains, CFB registers and OFB keystreams carry over
 * from one frame to the next simply by reusing the context.
 */
#ifndef VTUN_CIPHER_EVP_H
#define VTUN_CIPHER_EVP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cevp_alg { CEVP_BF, CEVP_AES };
enum cevp_mode { CEVP_ECB, CEVP_CBC, CEVP_CFB, CEVP_OFB };

/* Largest block size of the supported algorithms (AES). */
#define CEVP_MAX_BLOCK 16

struct cevp;

/*
 * Set up a context: keylen 16 or 32 (AES-128/256, Blowfish-128/256). crypto_init() must have
 * succeeded (Blowfish needs the legacy provider). ECB contexts are ready to use; the other
 * modes need cevp_start() with an IV first. NULL with a logged reason on failure.
 */
struct cevp *cevp_new(enum cevp_alg alg, enum cevp_mode mode, const uint8_t *key, size_t keylen,
		      bool encrypt);

/* Restart the mode with a new IV of cevp_block_size() bytes, keeping the key. */
bool cevp_start(struct cevp *c, const uint8_t *iv);

/*
 * Encrypt or decrypt len bytes (a multiple of the block size), continuing the mode state of
 * the previous call. in == out is allowed; partial overlap is not.
 */
bool cevp_run(struct cevp *c, const uint8_t *in, uint8_t *out, size_t len);

size_t cevp_block_size(enum cevp_alg alg);

/* Free the context; OpenSSL cleanses the key schedule. NULL is fine. */
void cevp_free(struct cevp *c);

#endif
