/* SPDX-License-Identifier: ISC */
/*
 * SPAKE2 (RFC 9382), ciphersuite P256-SHA256-HKDF-HMAC, on OpenSSL's EC_POINT API.
 *
 * Balanced: both parties hold the same password-derived scalar w. Party A sends pA = x*P + w*M,
 * party B sends pB = y*P + w*N; both reach K and the transcript TT, from which Ke (the shared
 * secret) and the confirmation MACs cA, cB come. In vtund, A is the client and B the server
 * (doc/SECURE.md). Shares and K use the uncompressed SEC1 encoding (65 bytes), as the RFC's test
 * vectors do.
 *
 * Use: spake2_new -> spake2_start (send the share) -> spake2_finish with the peer's share ->
 * spake2_confirmation (send it) -> spake2_verify the peer's -> spake2_key -> spake2_free.
 * Every step after a failure fails again: the object does not recover.
 */
#ifndef VTUN_SECURE_SPAKE2_H
#define VTUN_SECURE_SPAKE2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SPAKE2_SHARE_LEN 65     /* 0x04 || X || Y */
#define SPAKE2_SCALAR_LEN 32    /* w, x, y: big-endian, padded to the order's length */
#define SPAKE2_KE_LEN 16        /* half of SHA-256 */
#define SPAKE2_CONF_LEN 32      /* HMAC-SHA256 */
#define SPAKE2_ID_MAX 255       /* identity strings A and B */
#define SPAKE2_TT_MAX (6 * 8 + 2 * SPAKE2_ID_MAX + 3 * SPAKE2_SHARE_LEN + SPAKE2_SCALAR_LEN)

enum spake2_role { SPAKE2_ROLE_A, SPAKE2_ROLE_B };

struct spake2;

/* w is a scalar in [1, n-1], big-endian; NULL if it is not, or an identity is too long. */
struct spake2 *spake2_new(enum spake2_role role, const uint8_t w[SPAKE2_SCALAR_LEN],
			  const void *id_a, size_t id_a_len, const void *id_b, size_t id_b_len);
/* Choose the secret scalar uniformly in [1, n-1] and write this party's share. */
bool spake2_start(struct spake2 *s, uint8_t share[SPAKE2_SHARE_LEN]);
/* The same with a given scalar: only for known-answer tests; never reuse a scalar. */
bool spake2_start_with_scalar(struct spake2 *s, const uint8_t scalar[SPAKE2_SCALAR_LEN],
			      uint8_t share[SPAKE2_SHARE_LEN]);
/*
 * Validate the peer's share (exactly 65 bytes, 0x04 prefix, on the curve, not the identity;
 * also after removing the peer's mask), compute K, TT and the keys. aad goes into the
 * confirmation keys (RFC 9382 section 4): a mismatch in it makes the confirmations differ.
 */
bool spake2_finish(struct spake2 *s, const uint8_t *peer_share, size_t peer_len,
		   const void *aad, size_t aad_len);
/* This party's confirmation (cA for A, cB for B); only after spake2_finish. */
bool spake2_confirmation(const struct spake2 *s, uint8_t conf[SPAKE2_CONF_LEN]);
/* Check the peer's confirmation in constant time. */
bool spake2_verify(struct spake2 *s, const uint8_t *peer_conf, size_t len);
/* Ke, only once the peer's confirmation verified. */
bool spake2_key(const struct spake2 *s, uint8_t ke[SPAKE2_KE_LEN]);
/* Zero every secret and free; NULL is fine. */
void spake2_free(struct spake2 *s);

/* Building blocks, public so that the known-answer tests check them one by one. */

/* TT = len(A)||A || len(B)||B || len(pA)||pA || len(pB)||pB || len(K)||K || len(w)||w, len() as
 * 8-byte little-endian. Returns the length written, 0 if cap is too small. */
size_t spake2_transcript(const void *id_a, size_t id_a_len, const void *id_b, size_t id_b_len,
			 const uint8_t pa[SPAKE2_SHARE_LEN], const uint8_t pb[SPAKE2_SHARE_LEN],
			 const uint8_t k[SPAKE2_SHARE_LEN], const uint8_t w[SPAKE2_SCALAR_LEN],
			 uint8_t *out, size_t cap);

struct spake2_keys {
	uint8_t ke[SPAKE2_KE_LEN];      /* Ke || Ka = SHA-256(TT) */
	uint8_t ka[SPAKE2_KE_LEN];
	uint8_t kca[SPAKE2_KE_LEN];     /* KcA || KcB = HKDF(Ka, nil, "ConfirmationKeys" || AAD, 32) */
	uint8_t kcb[SPAKE2_KE_LEN];
	uint8_t ca[SPAKE2_CONF_LEN];    /* HMAC-SHA256(KcA, TT) */
	uint8_t cb[SPAKE2_CONF_LEN];    /* HMAC-SHA256(KcB, TT) */
};

/* The key schedule of RFC 9382 section 4 from a transcript. On failure *out is zeroed. */
bool spake2_key_schedule(const uint8_t *tt, size_t tt_len, const void *aad, size_t aad_len,
			 struct spake2_keys *out);

/*
 * w from a password (doc/SECURE.md, "Password to w"):
 *   salt = "vtund secure1 w" || 0x00 || identity
 *   t    = scrypt(password, salt, N = 2^log2_n, r, p, 48 bytes)
 *   w    = t mod n, big-endian in 32 bytes (48 bytes: 128 bits more than n, so the bias is
 *          negligible; a zero result fails)
 * identity is the session name. Costly by design (about 100 ms and 32 MiB with the defaults):
 * compute once per session when the configuration loads and keep the result.
 */
struct spake2_scrypt {
	unsigned log2_n;        /* 10..20 */
	unsigned r;             /* 1..32 */
	unsigned p;             /* 1..16 */
};
#define SPAKE2_SCRYPT_DEFAULT ((struct spake2_scrypt){ 15, 8, 1 })

bool spake2_w_from_password(const char *password, size_t password_len, const void *identity,
			    size_t identity_len, const struct spake2_scrypt *params,
			    uint8_t w[SPAKE2_SCALAR_LEN]);

#endif
