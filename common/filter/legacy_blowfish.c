/* SPDX-License-Identifier: ISC */
/*
 * VTun's "oldblowfish128ecb" (bare E on the wire, doc/PROTOCOL.md §8.4): Blowfish-128-ECB with the pad
 * count at the FRONT of the frame. The first 8-byte block is p || (p-1 zeros) || the first
 * 8-p payload bytes, the rest of the payload follows; everything is ECB-encrypted. No IV,
 * no state between frames.
 */
#include "filter/filter.h"
#include "config/names.h"
#include "crypto/cipher_evp.h"
#include "crypto/crypto.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#define LEGACY_BS 8

struct legacy_state {
	struct cevp *enc, *dec;
};

static int legacy_encode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out,
			 size_t outcap)
{
	struct legacy_state *s = f->state;
	size_t p = LEGACY_BS - len % LEGACY_BS;

	if (len > FILTER_BUF_MAX || len + p > outcap) {
		log_warnx("legacy cipher: %zu byte frame does not fit the %zu byte buffer", len + p,
			  outcap);
		return FILTER_DROP;
	}
	memmove(out + p, in, len);
	out[0] = (uint8_t)p;
	memset(out + 1, 0, p - 1);
	if (!cevp_run(s->enc, out, out, len + p))
		return FILTER_FATAL;
	return (int)(len + p);
}

static int legacy_decode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out,
			 size_t outcap)
{
	struct legacy_state *s = f->state;
	uint8_t blk[LEGACY_BS], pb;
	const uint8_t *head;
	struct rbuf r;
	int p;

	if (len == 0 || len % LEGACY_BS != 0 || len > FILTER_BUF_MAX) {
		log_warnx("legacy cipher: dropping a %zu byte frame (not whole 8-byte blocks)", len);
		return FILTER_DROP;
	}
	/* Decrypt the first block aside so the payload can be placed at out[0] without a move. */
	if (!cevp_run(s->dec, in, blk, LEGACY_BS))
		return FILTER_FATAL;
	/* p || (p-1 zeros, not checked, as in VTun) || the first 8-p payload bytes */
	rbuf_init(&r, blk, LEGACY_BS);
	rbuf_get_u8(&r, &pb);
	p = (int8_t)pb;         /* read as a signed char, as VTun does */
	head = p >= 1 && p <= LEGACY_BS && rbuf_take(&r, (size_t)p - 1) ?
	       rbuf_take(&r, LEGACY_BS - (size_t)p) : NULL;
	if (!head) {
		secure_zero(blk, sizeof(blk));
		log_warnx("legacy_decrypt_buf: bad pad length");
		return FILTER_DROP;
	}
	if (len - (size_t)p > outcap) {
		secure_zero(blk, sizeof(blk));
		log_warnx("legacy cipher: %zu byte frame does not fit the %zu byte buffer", len, outcap);
		return FILTER_DROP;
	}
	memcpy(out, head, LEGACY_BS - (size_t)p);
	if (!cevp_run(s->dec, in + LEGACY_BS, out + LEGACY_BS - p, len - LEGACY_BS))
		return FILTER_FATAL;
	secure_zero(blk, sizeof(blk));
	return (int)(len - (size_t)p);
}

/* The state only: filter_free() frees the filter itself. */
static void legacy_free(struct filter *f)
{
	struct legacy_state *s;

	s = f->state;
	if (s) {
		cevp_free(s->enc);
		cevp_free(s->dec);
		free(s);
	}
}

static const struct filter_ops legacy_ops = {
	.name = "legacy-blowfish",
	.encode = legacy_encode,
	.decode = legacy_decode,
	.wants_send = NULL,
	.free = legacy_free,
};

struct filter *filter_legacy_new(const char *password)
{
	const struct vt_cipher_def *def = vt_cipher_def(VT_CIPHER_LEGACY);
	struct filter *f;
	struct legacy_state *s;
	uint8_t key[32];         /* the longest key a table row may ask for */

	if (!password) {
		log_warnx("legacy cipher: a password is needed");
		return NULL;
	}
	if (!crypto_init())
		return NULL;
	f = xcalloc(1, sizeof(*f));
	s = xcalloc(1, sizeof(*s));
	f->ops = &legacy_ops;
	f->state = s;
	crypto_derive_key(password, key, def->keylen);
	s->enc = cevp_new(def->alg, def->mode, key, def->keylen, true);
	s->dec = s->enc ? cevp_new(def->alg, def->mode, key, def->keylen, false) : NULL;
	secure_zero(key, sizeof(key));
	if (!s->dec) {
		log_warnx("legacy cipher: cannot set up Blowfish");
		filter_free(f);
		return NULL;
	}
	log_info("%s encryption initialized", def->label);
	return f;
}
