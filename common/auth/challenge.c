/* SPDX-License-Identifier: ISC */
#include "auth/challenge.h"
#include "base/buf.h"
#include "crypto/crypto.h"
#include "base/util.h"

#include <string.h>

bool chal_generate(uint8_t chal[CHAL_LEN])
{
	return crypto_random(chal, CHAL_LEN);
}

void chal_encode(const uint8_t chal[CHAL_LEN], char out[2 * CHAL_LEN + 3])
{
	size_t o = 0;

	out[o++] = '<';
	for (size_t i = 0; i < CHAL_LEN; i++) {
		out[o++] = (char)('a' + (chal[i] >> 4));
		out[o++] = (char)('a' + (chal[i] & 15));
	}
	out[o++] = '>';
	out[o] = '\0';
}

static int nibble(char c)
{
	return (c >= 'a' && c <= 'p') ? c - 'a' : -1;
}

/* One byte as two letters 'a'..'p', high nibble first. */
static bool get_letter_pair(struct rbuf *r, uint8_t *v)
{
	uint8_t a, b;

	if (!rbuf_get_u8(r, &a) || !rbuf_get_u8(r, &b))
		return false;
	int hi = nibble((char)a), lo = nibble((char)b);
	if (hi < 0 || lo < 0)
		return false;
	*v = (uint8_t)(hi << 4 | lo);
	return true;
}

bool chal_decode(const char *text, uint8_t chal[CHAL_LEN])
{
	const char *start = text ? strchr(text, '<') : NULL;
	struct rbuf r;
	uint8_t end;

	if (!start)
		goto bad;
	rbuf_init(&r, start + 1, strlen(start + 1));
	for (size_t i = 0; i < CHAL_LEN; i++)
		if (!get_letter_pair(&r, &chal[i]))
			goto bad;
	if (!rbuf_get_u8(&r, &end) || end != '>')
		goto bad;
	return true;
bad:
	secure_zero(chal, CHAL_LEN);
	return false;
}

void chal_respond_bf(const char *password, const uint8_t chal[CHAL_LEN], uint8_t resp[CHAL_LEN])
{
	uint8_t key[16];

	crypto_derive_key(password, key, sizeof(key));
	if (!crypto_bf_ecb(key, true, chal, resp, CHAL_LEN))
		secure_zero(resp, CHAL_LEN);
	secure_zero(key, sizeof(key));
}

void chal_respond_xor(const char *password, const uint8_t chal[CHAL_LEN], uint8_t resp[CHAL_LEN])
{
	size_t n = strlen(password);

	for (size_t i = 0; i < CHAL_LEN; i++)
		resp[i] = n ? (uint8_t)(chal[i] ^ (uint8_t)password[i % n]) : chal[i];
}

bool chal_verify(const char *password, bool sslauth, const uint8_t chal[CHAL_LEN],
		 const uint8_t resp[CHAL_LEN])
{
	uint8_t expect[CHAL_LEN];
	bool ok;

	if (!password)
		return false;
	/*
	 * Compute the expected response and compare it with what came in. For Blowfish that is
	 * the same as VTun's decrypt-and-compare (ECB is a permutation), without running the
	 * decryption on attacker-chosen input.
	 */
	if (sslauth) {
		uint8_t key[16];
		crypto_derive_key(password, key, sizeof(key));
		ok = crypto_bf_ecb(key, true, chal, expect, CHAL_LEN);
		secure_zero(key, sizeof(key));
	} else {
		/* XOR with an empty password is the identity: refuse rather than accept an echo. */
		chal_respond_xor(password, chal, expect);
		ok = password[0] != '\0';
	}
	ok = ct_equal(expect, resp, CHAL_LEN) && ok;
	secure_zero(expect, sizeof(expect));
	return ok;
}
