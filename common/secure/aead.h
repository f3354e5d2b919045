/* SPDX-License-Identifier: ISC */
/*
 * Record sealing with AES-256-GCM or ChaCha20-Poly1305 through EVP.
 *
 * One aead_key per direction and key (epoch), opened once: the EVP_CIPHER_CTX keeps the expanded
 * key, and each record only sets its nonce, then runs one AAD update, one data update and one
 * final, in place, without allocating.
 *
 * Nonce (96 bits) = salt (32 bits, per direction and epoch, from the key schedule) ||
 * counter (64 bits, big-endian). The counter travels in the record header, which is also the
 * associated data. A sealing key accepts only counters that grow and stay below
 * SECURE_COUNTER_LIMIT, so it cannot reuse a nonce even if its caller errs.
 */
#ifndef VTUN_SECURE_AEAD_H
#define VTUN_SECURE_AEAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secure/limits.h"

#define AEAD_KEY_LEN 32
#define AEAD_SALT_LEN 4
#define AEAD_NONCE_LEN 12
#define AEAD_TAG_LEN 16

/* Wire identifiers (doc/SECURE.md, "AEAD choice"). */
enum aead_alg {
	AEAD_AES_256_GCM = 1,
	AEAD_CHACHA20_POLY1305 = 2,
};

struct evp_cipher_ctx_st;

struct aead_key {
	struct evp_cipher_ctx_st *ctx;  /* EVP_CIPHER_CTX with the key set */
	uint8_t nonce[AEAD_NONCE_LEN];  /* salt || last counter */
	uint64_t next;                  /* sealing: lowest counter still allowed */
	bool seal;
};

/* Set up one direction's key; seal = true to encrypt. False on unknown alg or OpenSSL failure. */
bool aead_key_init(struct aead_key *k, enum aead_alg alg, bool seal,
		   const uint8_t key[AEAD_KEY_LEN], const uint8_t salt[AEAD_SALT_LEN]);
/* Free the context and zero the key state; safe on a zeroed or already cleared key. */
void aead_key_clear(struct aead_key *k);

/*
 * Encrypt buf[0..len) in place and write the tag. Refused (nothing written) when the key is not
 * a sealing key, counter is below one already used, or counter >= SECURE_COUNTER_LIMIT.
 */
bool aead_seal(struct aead_key *k, uint64_t counter, const uint8_t *aad, size_t aad_len,
	       uint8_t *buf, size_t len, uint8_t tag[AEAD_TAG_LEN]);
/*
 * Decrypt buf[0..len) in place and verify the tag. On failure buf is zeroed, so unauthenticated
 * plaintext never reaches the caller. Replay protection is the caller's (secure/replay.h).
 */
bool aead_open(struct aead_key *k, uint64_t counter, const uint8_t *aad, size_t aad_len,
	       uint8_t *buf, size_t len, const uint8_t tag[AEAD_TAG_LEN]);

/* True when this CPU has AES instructions (AES-NI, ARMv8 AES): the input to AEAD choice. */
bool aead_cpu_has_aes(void);

#endif
