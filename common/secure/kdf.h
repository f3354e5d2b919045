/* SPDX-License-Identifier: ISC */
/*
 * HKDF-SHA256 (RFC 5869) through OpenSSL's EVP_KDF, and the labelled expansion that turns one
 * epoch secret of the secure mode into its per-direction keys (doc/SECURE.md, "Key schedule").
 */
#ifndef VTUN_SECURE_KDF_H
#define VTUN_SECURE_KDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KDF_HASH_LEN 32         /* SHA-256 output: PRKs and epoch secrets */
#define KDF_TRAFFIC_KEY_LEN 32  /* AEAD key of one direction */
#define KDF_TRAFFIC_SALT_LEN 4  /* nonce prefix of one direction */

/* HKDF-Extract: prk = HMAC-SHA256(salt, ikm). An empty salt means 32 zero bytes (RFC 5869). */
bool kdf_extract(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
		 uint8_t prk[KDF_HASH_LEN]);
/* HKDF-Expand from a 32-byte PRK; out_len at most 255 * 32. */
bool kdf_expand(const uint8_t prk[KDF_HASH_LEN], const void *info, size_t info_len,
		uint8_t *out, size_t out_len);
/* Extract then expand in one call (what SPAKE2's confirmation keys use). */
bool kdf_hkdf(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
	      const void *info, size_t info_len, uint8_t *out, size_t out_len);

/*
 * Labelled expansion: HKDF-Expand(secret, info, out_len) with
 * info = "vtund secure1 " || label || 0x00 || be32(epoch) || u8(out_len).
 * The NUL ends the label so no label is a prefix of another's info; the length byte keeps
 * outputs of different sizes independent.
 */
bool kdf_expand_label(const uint8_t secret[KDF_HASH_LEN], const char *label, uint32_t epoch,
		      uint8_t *out, size_t out_len);

/* The traffic keys of one epoch, both directions. */
struct kdf_epoch_keys {
	uint8_t c2s_key[KDF_TRAFFIC_KEY_LEN];
	uint8_t c2s_salt[KDF_TRAFFIC_SALT_LEN];
	uint8_t s2c_key[KDF_TRAFFIC_KEY_LEN];
	uint8_t s2c_salt[KDF_TRAFFIC_SALT_LEN];
	uint8_t chain[KDF_HASH_LEN];    /* salt for the next epoch's extract */
};

/* Epoch 0's secret: HKDF-Extract(salt = transcript hash, ikm = SPAKE2 Ke). */
bool kdf_initial_secret(const uint8_t *ke, size_t ke_len, const uint8_t th[KDF_HASH_LEN],
			uint8_t secret[KDF_HASH_LEN]);
/* All keys of epoch `epoch` from its secret. On failure *out is zeroed. */
bool kdf_epoch_keys(const uint8_t secret[KDF_HASH_LEN], uint32_t epoch,
		    struct kdf_epoch_keys *out);
/* Zero the keys. */
void kdf_epoch_keys_clear(struct kdf_epoch_keys *k);

#endif
