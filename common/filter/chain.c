/* SPDX-License-Identifier: ISC */
/*
 * The filter chain (doc/PROTOCOL.md §7.1): send = [zlib | lzo] → [cipher], receive = the reverse. Each
 * step writes into one of two ping-pong scratch buffers, so a step never reads and writes
 * the same memory and the link makes no copies of its own. Send and receive have a pair each:
 * the receive path may encode (a resync dummy) while its decoded payload is still in use.
 */
#include <stdlib.h>

#include "filter/filter.h"
#include "base/log.h"
#include "base/util.h"

static bool add_filter(struct filter_chain *c, struct filter *f)
{
	if (!f)
		return false;
	c->f[c->n++] = f;
	return true;
}

static bool add_compression(struct filter_chain *c, const struct vt_host *h)
{
	switch (h->compress) {
	case VT_COMP_NONE:
		return true;
	case VT_COMP_ZLIB:
		return add_filter(c, filter_zlib_new(h->comp_level));
	case VT_COMP_LZO:
		return add_filter(c, filter_lzo_new(h->comp_level));
	}
	log_warnx("unknown compression method %d", (int)h->compress);
	return false;
}

static bool add_cipher(struct filter_chain *c, const struct vt_host *h)
{
	if (h->cipher == VT_CIPHER_NONE)
		return true;
	if (!h->passwd) {
		log_warnx("encryption requested but the session has no password");
		return false;
	}
	if (h->cipher >= 1 && h->cipher <= VT_CIPHER_MAX_WIRE)
		return add_filter(c, filter_cipher_new(h->cipher, h->passwd));
	if (h->cipher == VT_CIPHER_LEGACY)
		return add_filter(c, filter_legacy_new(h->passwd));
	log_warnx("unknown cipher code %d", h->cipher);
	return false;
}

struct filter_chain *filter_chain_new(const struct vt_host *h)
{
	struct filter_chain *c = xcalloc(1, sizeof(*c));
	if (!add_compression(c, h) || !add_cipher(c, h)) {
		filter_chain_free(c);
		return NULL;
	}
	/* An empty chain passes data through untouched and needs no scratch memory. */
	if (c->n > 0) {
		for (int i = 0; i < 2; i++) {
			c->enc_buf[i] = xmalloc(FILTER_BUF_MAX);
			c->dec_buf[i] = xmalloc(FILTER_BUF_MAX);
		}
	}
	return c;
}

void filter_free(struct filter *f)
{
	if (!f)
		return;
	if (f->ops->free)
		f->ops->free(f);
	free(f);
}

void filter_chain_free(struct filter_chain *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		filter_free(c->f[i]);
	/* The buffers held plaintext (and with a cipher, the only copy an attacker wants). */
	uint8_t *bufs[] = { c->enc_buf[0], c->enc_buf[1], c->dec_buf[0], c->dec_buf[1] };
	for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++) {
		if (bufs[i])
			secure_zero(bufs[i], FILTER_BUF_MAX);
		free(bufs[i]);
	}
	free(c);
}

/* Step through filters first..last (step ±1) using encode or decode. */
static int run(struct filter_chain *c, bool enc, const uint8_t *in, size_t len,
               const uint8_t **out)
{
	*out = in;
	if (c->n == 0)
		return (int)len;
	if (len > FILTER_BUF_MAX) {
		log_warnx("filter: %zu-byte payload exceeds %d bytes, dropped", len, FILTER_BUF_MAX);
		return FILTER_DROP;
	}
	uint8_t *const *bufs = enc ? c->enc_buf : c->dec_buf;
	const uint8_t *cur = in;
	int n = (int)len;
	for (int k = 0; k < c->n; k++) {
		struct filter *f = c->f[enc ? k : c->n - 1 - k];
		uint8_t *dst = bufs[k & 1];
		n = enc ? f->ops->encode(f, cur, (size_t)n, dst, FILTER_BUF_MAX)
		        : f->ops->decode(f, cur, (size_t)n, dst, FILTER_BUF_MAX);
		if (n < 0)
			return n < FILTER_FATAL ? FILTER_FATAL : n;
		if (n > FILTER_BUF_MAX) {
			log_warnx("filter %s returned %d bytes, more than its buffer", f->ops->name, n);
			return FILTER_FATAL;
		}
		cur = dst;
	}
	*out = cur;
	return n;
}

int filter_chain_encode(struct filter_chain *c, const uint8_t *in, size_t len, const uint8_t **out)
{
	return run(c, true, in, len, out);
}

int filter_chain_decode(struct filter_chain *c, const uint8_t *in, size_t len, const uint8_t **out)
{
	return run(c, false, in, len, out);
}

enum filter_send filter_chain_wants_send(struct filter_chain *c)
{
	enum filter_send want = FILTER_SEND_NONE;
	for (int i = 0; c && i < c->n; i++) {
		if (!c->f[i]->ops->wants_send)
			continue;
		enum filter_send w = c->f[i]->ops->wants_send(c->f[i]);
		if (w > want)
			want = w;
	}
	return want;
}

bool filter_chain_resyncs(const struct filter_chain *c)
{
	for (int i = 0; c && i < c->n; i++)
		if (c->f[i]->ops->wants_send)
			return true;
	return false;
}
