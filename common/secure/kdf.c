/* SPDX-License-Identifier: ISC */
/* HKDF-SHA256 through EVP_KDF and the secure mode's labelled key expansion. */
#include "secure/kdf.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#define LABEL_PREFIX "vtund secure1 "
#define LABEL_MAX 32

/* One HKDF call in the given mode; absent (zero-length) salt and info are left unset. */
static bool hkdf_run(const char *mode, const void *salt, size_t salt_len, const void *key,
		     size_t key_len, const void *info, size_t info_len, uint8_t *out,
		     size_t out_len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	OSSL_PARAM params[6], *p = params;
	bool ok = false;

	EVP_KDF_free(kdf);
	if (!ctx)
		return false;
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE, (char *)mode, 0);
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, key_len);
	if (salt_len)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt,
							 salt_len);
	if (info_len)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info,
							 info_len);
	*p = OSSL_PARAM_construct_end();
	ok = EVP_KDF_derive(ctx, out, out_len, params) == 1;
	EVP_KDF_CTX_free(ctx);
	if (!ok)
		OPENSSL_cleanse(out, out_len);
	return ok;
}

bool kdf_extract(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
		 uint8_t prk[KDF_HASH_LEN])
{
	return hkdf_run("EXTRACT_ONLY", salt, salt_len, ikm, ikm_len, NULL, 0, prk, KDF_HASH_LEN);
}

bool kdf_expand(const uint8_t prk[KDF_HASH_LEN], const void *info, size_t info_len,
		uint8_t *out, size_t out_len)
{
	return hkdf_run("EXPAND_ONLY", NULL, 0, prk, KDF_HASH_LEN, info, info_len, out, out_len);
}

bool kdf_hkdf(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
	      const void *info, size_t info_len, uint8_t *out, size_t out_len)
{
	return hkdf_run("EXTRACT_AND_EXPAND", salt, salt_len, ikm, ikm_len, info, info_len, out,
			out_len);
}

bool kdf_expand_label(const uint8_t secret[KDF_HASH_LEN], const char *label, uint32_t epoch,
		      uint8_t *out, size_t out_len)
{
	uint8_t info[sizeof(LABEL_PREFIX) - 1 + LABEL_MAX + 1 + 4 + 1];
	size_t plen = sizeof(LABEL_PREFIX) - 1, llen = strlen(label), n = 0;

	if (llen == 0 || llen > LABEL_MAX || out_len == 0 || out_len > 255)
		return false;
	memcpy(info, LABEL_PREFIX, plen);
	n = plen;
	memcpy(info + n, label, llen);
	n += llen;
	info[n++] = 0;
	info[n++] = (uint8_t)(epoch >> 24);
	info[n++] = (uint8_t)(epoch >> 16);
	info[n++] = (uint8_t)(epoch >> 8);
	info[n++] = (uint8_t)epoch;
	info[n++] = (uint8_t)out_len;
	return kdf_expand(secret, info, n, out, out_len);
}

bool kdf_initial_secret(const uint8_t *ke, size_t ke_len, const uint8_t th[KDF_HASH_LEN],
			uint8_t secret[KDF_HASH_LEN])
{
	return kdf_extract(th, KDF_HASH_LEN, ke, ke_len, secret);
}

bool kdf_epoch_keys(const uint8_t secret[KDF_HASH_LEN], uint32_t epoch,
		    struct kdf_epoch_keys *out)
{
	bool ok = kdf_expand_label(secret, "c2s key", epoch, out->c2s_key, sizeof(out->c2s_key)) &&
		  kdf_expand_label(secret, "c2s salt", epoch, out->c2s_salt,
				   sizeof(out->c2s_salt)) &&
		  kdf_expand_label(secret, "s2c key", epoch, out->s2c_key, sizeof(out->s2c_key)) &&
		  kdf_expand_label(secret, "s2c salt", epoch, out->s2c_salt,
				   sizeof(out->s2c_salt)) &&
		  kdf_expand_label(secret, "chain", epoch, out->chain, sizeof(out->chain));

	if (!ok)
		kdf_epoch_keys_clear(out);
	return ok;
}

void kdf_epoch_keys_clear(struct kdf_epoch_keys *k)
{
	OPENSSL_cleanse(k, sizeof(*k));
}
