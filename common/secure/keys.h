/* SPDX-License-Identifier: ISC */
/*
 * What a secure handshake hands to the data channel (doc/SECURE.md §6, §8): the negotiated
 * AEAD, our role and epoch 0's secret. The handshake (auth) fills it; the secure framing and
 * the CONFIG exchange derive every traffic key from it. Only the session process that ran the
 * handshake holds one, and it is zeroed (secure_keys_clear) as soon as the keys are installed.
 */
#ifndef VTUN_SECURE_KEYS_H
#define VTUN_SECURE_KEYS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "secure/aead.h"
#include "secure/kdf.h"

struct secure_keys {
	enum aead_alg alg;                /* negotiated in the handshake */
	bool client;                      /* our role: the client seals c2s, opens s2c */
	uint8_t secret[KDF_HASH_LEN];     /* S_0 = HKDF-Extract(TH, Ke) */
	uint8_t th[KDF_HASH_LEN];         /* transcript hash, for logs of the session id */
	uint32_t rekey_seconds;           /* the session's `rekey` (5..86400, default 300) */
};

/* Zero everything; explicit_bzero-like so the compiler cannot drop it. */
static inline void secure_keys_clear(struct secure_keys *k)
{
	volatile uint8_t *p = (volatile uint8_t *)k;
	for (size_t i = 0; i < sizeof *k; i++)
		p[i] = 0;
}

#endif
