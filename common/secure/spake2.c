/* SPDX-License-Identifier: ISC */
/*
 * SPAKE2 on P-256 (RFC 9382). All group arithmetic is OpenSSL's; this file only composes it.
 *
 * Constant time: every EC_POINT_mul call carries exactly one scalar, because OpenSSL routes a
 * lone scalar (times the generator or times one point) through its constant-time ladder or the
 * nistz256 gathers, while a combined g*G + m*Q falls back to variable-time wNAF. Secret scalars
 * carry BN_FLG_CONSTTIME. EC_POINT_add is not documented as constant time; its secret input is
 * w*M or w*N, fixed per password, which leaves a small residual risk we accept.
 */
#include "secure/spake2.h"

#include <string.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/obj_mac.h>
#include <openssl/sha.h>

#include "secure/kdf.h"

/* RFC 9382 section 6, P-256: compressed SEC1 encodings of M and N. */
static const uint8_t point_m[33] = {
	0x02, 0x88, 0x6e, 0x2f, 0x97, 0xac, 0xe4, 0x6e, 0x55, 0xba, 0x9d, 0xd7, 0x24, 0x25, 0x79,
	0xf2, 0x99, 0x3b, 0x64, 0xe1, 0x6e, 0xf3, 0xdc, 0xab, 0x95, 0xaf, 0xd4, 0x97, 0x33, 0x3d,
	0x8f, 0xa1, 0x2f,
};
static const uint8_t point_n[33] = {
	0x03, 0xd8, 0xbb, 0xd6, 0xc6, 0x39, 0xc6, 0x29, 0x37, 0xb0, 0x4d, 0x99, 0x7f, 0x38, 0xc3,
	0x77, 0x07, 0x19, 0xc6, 0x29, 0xd7, 0x01, 0x4d, 0x49, 0xa2, 0x4b, 0x4f, 0x98, 0xba, 0xa1,
	0x29, 0x2b, 0x49,
};

enum spake2_state { ST_NEW, ST_STARTED, ST_FINISHED, ST_CONFIRMED, ST_FAILED };

struct spake2 {
	enum spake2_role role;
	enum spake2_state state;
	EC_GROUP *group;
	BN_CTX *bn;
	BIGNUM *w;              /* password scalar */
	BIGNUM *scalar;         /* x for A, y for B */
	EC_POINT *own_mask;     /* w*M for A, w*N for B */
	EC_POINT *peer_mask;    /* w*N for A, w*M for B */
	uint8_t w_bytes[SPAKE2_SCALAR_LEN];
	uint8_t id_a[SPAKE2_ID_MAX], id_b[SPAKE2_ID_MAX];
	size_t id_a_len, id_b_len;
	uint8_t own_share[SPAKE2_SHARE_LEN];
	struct spake2_keys keys;
};

static void put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

size_t spake2_transcript(const void *id_a, size_t id_a_len, const void *id_b, size_t id_b_len,
			 const uint8_t pa[SPAKE2_SHARE_LEN], const uint8_t pb[SPAKE2_SHARE_LEN],
			 const uint8_t k[SPAKE2_SHARE_LEN], const uint8_t w[SPAKE2_SCALAR_LEN],
			 uint8_t *out, size_t cap)
{
	const struct { const void *p; size_t n; } part[6] = {
		{ id_a, id_a_len }, { id_b, id_b_len }, { pa, SPAKE2_SHARE_LEN },
		{ pb, SPAKE2_SHARE_LEN }, { k, SPAKE2_SHARE_LEN }, { w, SPAKE2_SCALAR_LEN },
	};
	size_t len = 0;

	for (size_t i = 0; i < 6; i++) {
		if (part[i].n > cap - len || cap - len - part[i].n < 8)
			return 0;
		put_le64(out + len, part[i].n);
		len += 8;
		if (part[i].n)
			memcpy(out + len, part[i].p, part[i].n);
		len += part[i].n;
	}
	return len;
}

bool spake2_key_schedule(const uint8_t *tt, size_t tt_len, const void *aad, size_t aad_len,
			 struct spake2_keys *out)
{
	static const char label[] = "ConfirmationKeys";
	uint8_t hash[SHA256_DIGEST_LENGTH], kc[2 * SPAKE2_KE_LEN];
	uint8_t info[sizeof(label) - 1 + 1024];
	unsigned ca_len = 0, cb_len = 0;
	bool ok;

	if (aad_len > sizeof(info) - (sizeof(label) - 1))
		return false;
	memcpy(info, label, sizeof(label) - 1);
	if (aad_len)
		memcpy(info + sizeof(label) - 1, aad, aad_len);
	ok = EVP_Digest(tt, tt_len, hash, NULL, EVP_sha256(), NULL) == 1;
	if (ok) {
		memcpy(out->ke, hash, SPAKE2_KE_LEN);
		memcpy(out->ka, hash + SPAKE2_KE_LEN, SPAKE2_KE_LEN);
		ok = kdf_hkdf(NULL, 0, out->ka, SPAKE2_KE_LEN, info, sizeof(label) - 1 + aad_len,
			      kc, sizeof(kc));
	}
	if (ok) {
		memcpy(out->kca, kc, SPAKE2_KE_LEN);
		memcpy(out->kcb, kc + SPAKE2_KE_LEN, SPAKE2_KE_LEN);
		ok = HMAC(EVP_sha256(), out->kca, SPAKE2_KE_LEN, tt, tt_len, out->ca, &ca_len) &&
		     HMAC(EVP_sha256(), out->kcb, SPAKE2_KE_LEN, tt, tt_len, out->cb, &cb_len) &&
		     ca_len == SPAKE2_CONF_LEN && cb_len == SPAKE2_CONF_LEN;
	}
	OPENSSL_cleanse(hash, sizeof(hash));
	OPENSSL_cleanse(kc, sizeof(kc));
	if (!ok)
		OPENSSL_cleanse(out, sizeof(*out));
	return ok;
}

/* One scalar times one point (NULL point: the generator), the constant-time shapes. */
static bool mul(const struct spake2 *s, EC_POINT *r, const EC_POINT *q, const BIGNUM *k)
{
	if (!q)
		return EC_POINT_mul(s->group, r, k, NULL, NULL, s->bn) == 1;
	return EC_POINT_mul(s->group, r, NULL, q, k, s->bn) == 1;
}

static bool encode(const struct spake2 *s, const EC_POINT *p, uint8_t out[SPAKE2_SHARE_LEN])
{
	return EC_POINT_point2oct(s->group, p, POINT_CONVERSION_UNCOMPRESSED, out,
				  SPAKE2_SHARE_LEN, s->bn) == SPAKE2_SHARE_LEN;
}

/*
 * Received points: the exact uncompressed length and prefix first, because EC_POINT_oct2point
 * also accepts the one-byte encoding 0x00 of the identity and compressed forms; then on-curve
 * (oct2point checks it, is_on_curve says so explicitly) and not the identity.
 */
static bool decode_peer(const struct spake2 *s, const uint8_t *in, size_t len, EC_POINT *p)
{
	return len == SPAKE2_SHARE_LEN && in[0] == 0x04 &&
	       EC_POINT_oct2point(s->group, p, in, len, s->bn) == 1 &&
	       EC_POINT_is_on_curve(s->group, p, s->bn) == 1 &&
	       !EC_POINT_is_at_infinity(s->group, p);
}

static bool masks_init(struct spake2 *s)
{
	EC_POINT *m = EC_POINT_new(s->group), *n = EC_POINT_new(s->group);
	bool ok = m && n &&
		  EC_POINT_oct2point(s->group, m, point_m, sizeof(point_m), s->bn) == 1 &&
		  EC_POINT_oct2point(s->group, n, point_n, sizeof(point_n), s->bn) == 1;

	s->own_mask = EC_POINT_new(s->group);
	s->peer_mask = EC_POINT_new(s->group);
	ok = ok && s->own_mask && s->peer_mask;
	if (ok && s->role == SPAKE2_ROLE_A)
		ok = mul(s, s->own_mask, m, s->w) && mul(s, s->peer_mask, n, s->w);
	else if (ok)
		ok = mul(s, s->own_mask, n, s->w) && mul(s, s->peer_mask, m, s->w);
	EC_POINT_free(m);
	EC_POINT_free(n);
	return ok;
}

struct spake2 *spake2_new(enum spake2_role role, const uint8_t w[SPAKE2_SCALAR_LEN],
			  const void *id_a, size_t id_a_len, const void *id_b, size_t id_b_len)
{
	struct spake2 *s;

	if (id_a_len > SPAKE2_ID_MAX || id_b_len > SPAKE2_ID_MAX)
		return NULL;
	s = OPENSSL_zalloc(sizeof(*s));
	if (!s)
		return NULL;
	s->role = role;
	s->state = ST_FAILED;
	s->group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
	s->bn = BN_CTX_secure_new();
	s->w = BN_secure_new();
	s->scalar = BN_secure_new();
	if (!s->group || !s->bn || !s->w || !s->scalar)
		goto fail;
	BN_set_flags(s->w, BN_FLG_CONSTTIME);
	BN_set_flags(s->scalar, BN_FLG_CONSTTIME);
	if (!BN_bin2bn(w, SPAKE2_SCALAR_LEN, s->w) || BN_is_zero(s->w) ||
	    BN_cmp(s->w, EC_GROUP_get0_order(s->group)) >= 0 || !masks_init(s))
		goto fail;
	memcpy(s->w_bytes, w, SPAKE2_SCALAR_LEN);
	if (id_a_len)
		memcpy(s->id_a, id_a, id_a_len);
	if (id_b_len)
		memcpy(s->id_b, id_b, id_b_len);
	s->id_a_len = id_a_len;
	s->id_b_len = id_b_len;
	s->state = ST_NEW;
	return s;
fail:
	spake2_free(s);
	return NULL;
}

/* share = scalar*P + own mask; the scalar is already in s->scalar and in [1, n-1]. */
static bool make_share(struct spake2 *s, uint8_t share[SPAKE2_SHARE_LEN])
{
	EC_POINT *x = EC_POINT_new(s->group);
	bool ok = x && mul(s, x, NULL, s->scalar) &&
		  EC_POINT_add(s->group, x, x, s->own_mask, s->bn) == 1 && encode(s, x, share);

	EC_POINT_clear_free(x);
	if (ok) {
		memcpy(s->own_share, share, SPAKE2_SHARE_LEN);
		s->state = ST_STARTED;
	} else {
		s->state = ST_FAILED;
	}
	return ok;
}

bool spake2_start(struct spake2 *s, uint8_t share[SPAKE2_SHARE_LEN])
{
	const BIGNUM *order;

	if (s->state != ST_NEW)
		return false;
	order = EC_GROUP_get0_order(s->group);
	do {
		if (BN_priv_rand_range_ex(s->scalar, order, 0, s->bn) != 1) {
			s->state = ST_FAILED;
			return false;
		}
	} while (BN_is_zero(s->scalar));
	return make_share(s, share);
}

bool spake2_start_with_scalar(struct spake2 *s, const uint8_t scalar[SPAKE2_SCALAR_LEN],
			      uint8_t share[SPAKE2_SHARE_LEN])
{
	if (s->state != ST_NEW)
		return false;
	if (!BN_bin2bn(scalar, SPAKE2_SCALAR_LEN, s->scalar) || BN_is_zero(s->scalar) ||
	    BN_cmp(s->scalar, EC_GROUP_get0_order(s->group)) >= 0) {
		s->state = ST_FAILED;
		return false;
	}
	return make_share(s, share);
}

/* K = scalar * (peer share - peer mask), refusing the identity at both steps. */
static bool shared_point(struct spake2 *s, const uint8_t *peer, size_t len,
			 uint8_t k[SPAKE2_SHARE_LEN])
{
	EC_POINT *p = EC_POINT_new(s->group), *t = EC_POINT_new(s->group);
	bool ok = p && t && decode_peer(s, peer, len, p) &&
		  EC_POINT_copy(t, s->peer_mask) == 1 &&
		  EC_POINT_invert(s->group, t, s->bn) == 1 &&
		  EC_POINT_add(s->group, p, p, t, s->bn) == 1 &&
		  !EC_POINT_is_at_infinity(s->group, p) &&
		  mul(s, t, p, s->scalar) &&
		  !EC_POINT_is_at_infinity(s->group, t) && encode(s, t, k);

	EC_POINT_clear_free(p);
	EC_POINT_clear_free(t);
	return ok;
}

bool spake2_finish(struct spake2 *s, const uint8_t *peer_share, size_t peer_len,
		   const void *aad, size_t aad_len)
{
	uint8_t k[SPAKE2_SHARE_LEN], tt[SPAKE2_TT_MAX];
	const uint8_t *pa, *pb;
	size_t tt_len = 0;
	bool ok;

	if (s->state != ST_STARTED)
		return false;
	s->state = ST_FAILED;
	ok = shared_point(s, peer_share, peer_len, k);
	if (ok) {
		pa = s->role == SPAKE2_ROLE_A ? s->own_share : peer_share;
		pb = s->role == SPAKE2_ROLE_A ? peer_share : s->own_share;
		tt_len = spake2_transcript(s->id_a, s->id_a_len, s->id_b, s->id_b_len, pa, pb, k,
					   s->w_bytes, tt, sizeof(tt));
		ok = tt_len && spake2_key_schedule(tt, tt_len, aad, aad_len, &s->keys);
	}
	/* The scalar has done its work: a reused x or y would allow dictionary attacks. */
	BN_clear(s->scalar);
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(tt, sizeof(tt));
	if (ok)
		s->state = ST_FINISHED;
	return ok;
}

bool spake2_confirmation(const struct spake2 *s, uint8_t conf[SPAKE2_CONF_LEN])
{
	if (s->state != ST_FINISHED && s->state != ST_CONFIRMED)
		return false;
	memcpy(conf, s->role == SPAKE2_ROLE_A ? s->keys.ca : s->keys.cb, SPAKE2_CONF_LEN);
	return true;
}

bool spake2_verify(struct spake2 *s, const uint8_t *peer_conf, size_t len)
{
	const uint8_t *want;

	if (s->state != ST_FINISHED)
		return false;
	want = s->role == SPAKE2_ROLE_A ? s->keys.cb : s->keys.ca;
	if (len != SPAKE2_CONF_LEN || CRYPTO_memcmp(want, peer_conf, SPAKE2_CONF_LEN) != 0) {
		s->state = ST_FAILED;
		OPENSSL_cleanse(&s->keys, sizeof(s->keys));
		return false;
	}
	s->state = ST_CONFIRMED;
	return true;
}

bool spake2_key(const struct spake2 *s, uint8_t ke[SPAKE2_KE_LEN])
{
	if (s->state != ST_CONFIRMED)
		return false;
	memcpy(ke, s->keys.ke, SPAKE2_KE_LEN);
	return true;
}

void spake2_free(struct spake2 *s)
{
	if (!s)
		return;
	EC_POINT_clear_free(s->own_mask);
	EC_POINT_clear_free(s->peer_mask);
	BN_clear_free(s->w);
	BN_clear_free(s->scalar);
	BN_CTX_free(s->bn);
	EC_GROUP_free(s->group);
	OPENSSL_clear_free(s, sizeof(*s));
}
