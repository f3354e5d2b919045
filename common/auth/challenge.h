/* SPDX-License-Identifier: ISC */
/*
 * The VTun 3.0 challenge: 16 random bytes sent as "<" + 32 letters 'a'..'p' + ">", and the
 * two ways of answering it (doc/PROTOCOL.md §2.3, a.4):
 *   Blowfish (sslauth yes): resp = BF-ECB-encrypt(key = MD5(password), chal)
 *   XOR      (sslauth no):  resp[i] = chal[i] ^ password[i % strlen(password)]
 */
#ifndef VTUN_CHALLENGE_H
#define VTUN_CHALLENGE_H

#include <stdbool.h>
#include <stdint.h>

#define CHAL_LEN 16
#define CHAL_TEXT_LEN (2 * CHAL_LEN + 2)  /* "<" 32 letters ">", without the NUL */

/* Fill chal with fresh random bytes; false if the RNG failed. */
bool chal_generate(uint8_t chal[CHAL_LEN]);

/* "<" 32 letters ">" and a NUL. */
void chal_encode(const uint8_t chal[CHAL_LEN], char out[2 * CHAL_LEN + 3]);

/*
 * Decode the text after the first '<' up to the next '>': exactly 32 characters, each in
 * 'a'..'p' (stricter than VTun, which turns any character into some byte). False otherwise;
 * chal is then zeroed.
 */
bool chal_decode(const char *text, uint8_t chal[CHAL_LEN]);

/* The client's answer with the Blowfish method. On a Blowfish failure resp is zeroed (never
 * the challenge itself), so the server denies the login instead of us leaking anything. */
void chal_respond_bf(const char *password, const uint8_t chal[CHAL_LEN], uint8_t resp[CHAL_LEN]);

/*
 * The client's answer with the XOR method. An empty password would make VTun divide by zero;
 * here it XORs with nothing, i.e. the response equals the challenge (which proves nothing,
 * so chal_verify never accepts an empty password with XOR).
 */
void chal_respond_xor(const char *password, const uint8_t chal[CHAL_LEN], uint8_t resp[CHAL_LEN]);

/* Server side: does resp answer chal for this password and method? Constant-time compare. */
bool chal_verify(const char *password, bool sslauth, const uint8_t chal[CHAL_LEN],
		 const uint8_t resp[CHAL_LEN]);

#endif
