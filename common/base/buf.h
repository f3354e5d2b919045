/* SPDX-License-Identifier: ISC */
/*
 * Bounded readers and writers for wire data. Every getter fails (returns false and marks the
 * reader as failed) on short input, so protocol code never reads past what arrived.
 */
#ifndef VTUN_BUF_H
#define VTUN_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rbuf {
	const uint8_t *p;
	size_t len;
	size_t off;
	bool failed;
};

struct wbuf {
	uint8_t *p;
	size_t cap;
	size_t len;
	bool failed;
};

static inline void rbuf_init(struct rbuf *r, const void *p, size_t len)
{
	r->p = p; r->len = len; r->off = 0; r->failed = false;
}
static inline size_t rbuf_left(const struct rbuf *r) { return r->len - r->off; }
bool rbuf_get_u8(struct rbuf *r, uint8_t *v);
bool rbuf_get_be16(struct rbuf *r, uint16_t *v);
bool rbuf_get_le16(struct rbuf *r, uint16_t *v);
bool rbuf_get_be32(struct rbuf *r, uint32_t *v);
bool rbuf_get_bytes(struct rbuf *r, void *dst, size_t n);
/* Borrow n bytes in place (no copy); NULL and failed on short input. */
const uint8_t *rbuf_take(struct rbuf *r, size_t n);

/*
 * Peek at n bytes `at` bytes past the read position, without consuming them or failing the
 * reader: for headers whose fields are read out of order (IP, TCP). False if they are not
 * all there or the reader has failed. Inline: packet parsers call these per field.
 */
static inline bool rbuf_has(const struct rbuf *r, size_t at, size_t n)
{
	size_t left = rbuf_left(r);
	return !r->failed && at <= left && n <= left - at;
}
static inline bool rbuf_peek_u8(const struct rbuf *r, size_t at, uint8_t *v)
{
	if (!rbuf_has(r, at, 1))
		return false;
	*v = r->p[r->off + at];
	return true;
}
static inline bool rbuf_peek_be16(const struct rbuf *r, size_t at, uint16_t *v)
{
	if (!rbuf_has(r, at, 2))
		return false;
	const uint8_t *p = r->p + r->off + at;
	*v = (uint16_t)(p[0] << 8 | p[1]);
	return true;
}
static inline bool rbuf_peek_be32(const struct rbuf *r, size_t at, uint32_t *v)
{
	if (!rbuf_has(r, at, 4))
		return false;
	const uint8_t *p = r->p + r->off + at;
	*v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return true;
}

static inline void wbuf_init(struct wbuf *w, void *p, size_t cap)
{
	w->p = p; w->cap = cap; w->len = 0; w->failed = false;
}
bool wbuf_put_u8(struct wbuf *w, uint8_t v);
bool wbuf_put_be16(struct wbuf *w, uint16_t v);
bool wbuf_put_le16(struct wbuf *w, uint16_t v);
bool wbuf_put_be32(struct wbuf *w, uint32_t v);
bool wbuf_put_bytes(struct wbuf *w, const void *src, size_t n);

#endif
