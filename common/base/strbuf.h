/* SPDX-License-Identifier: ISC */
/*
 * A growing string with a bound. What does not fit is never cut silently: the append that
 * would pass the bound is dropped whole, the buffer stays failed, and the caller checks
 * `failed` once at the end (so a chain of appends needs one test, not one per call).
 */
#ifndef VTUN_BASE_STRBUF_H
#define VTUN_BASE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char *p;        /* NUL-terminated once anything was added; NULL before */
	size_t len;
	size_t cap;     /* bytes allocated */
	size_t max;     /* longest string allowed, without its NUL */
	bool failed;    /* an append did not fit and was dropped */
};

/* An empty buffer holding at most max characters (nothing is allocated yet). */
void strbuf_init(struct strbuf *b, size_t max);
/* Each returns false (and marks the buffer failed) when the text does not fit. */
bool strbuf_putc(struct strbuf *b, char c);
bool strbuf_puts(struct strbuf *b, const char *s);   /* NULL adds nothing */
bool strbuf_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text so far; "" when empty. Valid until the next append or free. */
const char *strbuf_str(const struct strbuf *b);
/* The text as a malloc'd string the caller frees; the buffer is empty again afterwards. */
char *strbuf_take(struct strbuf *b);
void strbuf_free(struct strbuf *b);

#endif
