/* SPDX-License-Identifier: ISC */
/*
 * OpenSSL (libcrypto 3) set-up and the primitives the handshake needs: MD5, the VTun key
 * derivation, Blowfish-ECB blocks and random bytes. The data ciphers (filter/cipher.c,
 * filter/legacy_blowfish.c) reach OpenSSL through crypto/cipher_evp.h instead, and
 * base/util.c uses OPENSSL_cleanse for secure_zero; no other file includes OpenSSL
 * headers. The provider set-up (Blowfish lives in the "legacy" provider under OpenSSL 3)
 * is done once, here, and cipher_evp relies on it.
 */
#ifndef VTUN_CRYPTO_H
#define VTUN_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CRYPTO_MD5_LEN 16

/*
 * Load the "default" and "legacy" providers into this process (explicitly loading one
 * provider disables the implicit default, hence both) and fetch the algorithms we need.
 * Idempotent; call it once from the main thread before starting any threads. Logs a clear
 * error and returns false if Blowfish cannot be made available.
 */
bool crypto_init(void);

/* MD5 of a buffer (VTun's key derivation and challenge key). Aborts if MD5 is unavailable. */
void crypto_md5(const void *data, size_t len, uint8_t out[CRYPTO_MD5_LEN]);

/*
 * VTun key from a password: keylen 16 = MD5(pw); keylen 32 = MD5(pw[0..n/2)) ||
 * MD5(pw[n/2..n)) with n = strlen(pw) (doc/PROTOCOL.md §8.2). Other lengths abort (programming error).
 */
void crypto_derive_key(const char *password, uint8_t *key, size_t keylen);

/* Blowfish-ECB with a 128-bit key over len bytes (len % 8 == 0, no padding). in == out allowed. */
bool crypto_bf_ecb(const uint8_t key[16], bool encrypt, const uint8_t *in, uint8_t *out, size_t len);

/* Cryptographically strong random bytes; false (logged) if the RNG fails. */
bool crypto_random(void *buf, size_t len);

#endif
