/* SPDX-License-Identifier: ISC */
#include "base/buf.h"

#include <string.h>

/* Stands in for "zero bytes at no address" so that NULL always means failure. */
static const uint8_t empty_bytes[1];

const uint8_t *rbuf_take(struct rbuf *r, size_t n)
{
	if (r->failed || rbuf_left(r) < n) {
		r->failed = true;
		return NULL;
	}
	if (!r->p)
		return empty_bytes;     /* only reachable with len == 0, n == 0 */
	const uint8_t *p = r->p + r->off;
	r->off += n;
	return p;
}

bool rbuf_get_bytes(struct rbuf *r, void *dst, size_t n)
{
	const uint8_t *p = rbuf_take(r, n);
	if (!p)
		return false;
	if (n)          /* memcpy with a NULL pointer is undefined even for 0 bytes */
		memcpy(dst, p, n);
	return true;
}

bool rbuf_get_u8(struct rbuf *r, uint8_t *v)
{
	const uint8_t *p = rbuf_take(r, 1);
	if (!p)
		return false;
	*v = p[0];
	return true;
}

bool rbuf_get_be16(struct rbuf *r, uint16_t *v)
{
	const uint8_t *p = rbuf_take(r, 2);
	if (!p)
		return false;
	*v = (uint16_t)(p[0] << 8 | p[1]);
	return true;
}

bool rbuf_get_le16(struct rbuf *r, uint16_t *v)
{
	const uint8_t *p = rbuf_take(r, 2);
	if (!p)
		return false;
	*v = (uint16_t)(p[1] << 8 | p[0]);
	return true;
}

bool rbuf_get_be32(struct rbuf *r, uint32_t *v)
{
	const uint8_t *p = rbuf_take(r, 4);
	if (!p)
		return false;
	*v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return true;
}

static uint8_t *wbuf_reserve(struct wbuf *w, size_t n)
{
	if (w->failed || w->cap - w->len < n) {
		w->failed = true;
		return NULL;
	}
	uint8_t *p = w->p + w->len;
	w->len += n;
	return p;
}

bool wbuf_put_bytes(struct wbuf *w, const void *src, size_t n)
{
	if (n == 0 && !w->failed)
		return true;    /* nothing to copy; src and w->p may be NULL */
	uint8_t *p = wbuf_reserve(w, n);
	if (!p)
		return false;
	memcpy(p, src, n);
	return true;
}

bool wbuf_put_u8(struct wbuf *w, uint8_t v) { return wbuf_put_bytes(w, &v, 1); }

bool wbuf_put_be16(struct wbuf *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };
	return wbuf_put_bytes(w, b, 2);
}

bool wbuf_put_le16(struct wbuf *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
	return wbuf_put_bytes(w, b, 2);
}

bool wbuf_put_be32(struct wbuf *w, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
	return wbuf_put_bytes(w, b, 4);
}
