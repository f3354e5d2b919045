/* SPDX-License-Identifier: ISC */
/* The SPAKE2 password scalar w: scrypt through EVP_KDF, reduced modulo the P-256 order. */
#include "secure/spake2.h"

#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/kdf.h>
#include <openssl/obj_mac.h>
#include <openssl/params.h>

#define SALT_LABEL "vtund secure1 w"    /* followed by one NUL, then the identity */
#define T_LEN 48                        /* 384 bits: 128 more than the order */

static bool scrypt_run(const char *pw, size_t pw_len, const uint8_t *salt, size_t salt_len,
		       const struct spake2_scrypt *c, uint8_t out[T_LEN])
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	uint64_t n = (uint64_t)1 << c->log2_n;
	uint32_t r = c->r, p = c->p;
	OSSL_PARAM params[6];
	bool ok;

	EVP_KDF_free(kdf);
	if (!ctx)
		return false;
	params[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, (void *)pw, pw_len);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, salt_len);
	params[2] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	params[3] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r);
	params[4] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p);
	params[5] = OSSL_PARAM_construct_end();
	ok = EVP_KDF_derive(ctx, out, T_LEN, params) == 1;
	EVP_KDF_CTX_free(ctx);
	return ok;
}

/* t mod n into 32 big-endian bytes; a zero w fails (it would make the shares unmasked). */
static bool reduce(const uint8_t t[T_LEN], uint8_t w[SPAKE2_SCALAR_LEN])
{
	EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
	BN_CTX *bn = BN_CTX_secure_new();
	BIGNUM *v = BN_secure_new();
	bool ok = g && bn && v && BN_bin2bn(t, T_LEN, v) &&
		  BN_nnmod(v, v, EC_GROUP_get0_order(g), bn) == 1 && !BN_is_zero(v) &&
		  BN_bn2binpad(v, w, SPAKE2_SCALAR_LEN) == SPAKE2_SCALAR_LEN;

	BN_clear_free(v);
	BN_CTX_free(bn);
	EC_GROUP_free(g);
	return ok;
}

bool spake2_w_from_password(const char *password, size_t password_len, const void *identity,
			    size_t identity_len, const struct spake2_scrypt *params,
			    uint8_t w[SPAKE2_SCALAR_LEN])
{
	uint8_t salt[sizeof(SALT_LABEL) + SPAKE2_ID_MAX], t[T_LEN];
	const struct spake2_scrypt c = params ? *params : SPAKE2_SCRYPT_DEFAULT;
	bool ok;

	if (password_len == 0 || identity_len > SPAKE2_ID_MAX || c.log2_n < 10 ||
	    c.log2_n > 20 || c.r < 1 || c.r > 32 || c.p < 1 || c.p > 16)
		return false;
	memcpy(salt, SALT_LABEL, sizeof(SALT_LABEL)); /* with its NUL */
	if (identity_len)
		memcpy(salt + sizeof(SALT_LABEL), identity, identity_len);
	ok = scrypt_run(password, password_len, salt, sizeof(SALT_LABEL) + identity_len, &c, t) &&
	     reduce(t, w);
	OPENSSL_cleanse(t, sizeof(t));
	if (!ok)
		OPENSSL_cleanse(w, SPAKE2_SCALAR_LEN);
	return ok;
}
