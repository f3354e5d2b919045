/* SPDX-License-Identifier: ISC */
#include "base/strbuf.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strbuf_init(struct strbuf *b, size_t max)
{
	*b = (struct strbuf){ .max = max };
}

/* Room for n more characters and the NUL; false (failed) past the bound. */
static bool reserve(struct strbuf *b, size_t n)
{
	if (b->failed || n > b->max - b->len) {
		b->failed = true;
		return false;
	}
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return true;
	size_t ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap *= 2;
	char *np = xmalloc(ncap);
	if (b->p)
		memcpy(np, b->p, b->len + 1);
	free(b->p);
	b->p = np;
	b->cap = ncap;
	return true;
}

static bool put(struct strbuf *b, const char *s, size_t n)
{
	if (!reserve(b, n))
		return false;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return true;
}

bool strbuf_putc(struct strbuf *b, char c)
{
	return put(b, &c, 1);
}

bool strbuf_puts(struct strbuf *b, const char *s)
{
	return put(b, s ? s : "", s ? strlen(s) : 0);
}

bool strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !reserve(b, (size_t)n)) {
		b->failed = true;
		return false;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return true;
}

const char *strbuf_str(const struct strbuf *b)
{
	return b->p ? b->p : "";
}

char *strbuf_take(struct strbuf *b)
{
	char *s = b->p ? b->p : xstrdup("");
	strbuf_init(b, b->max);
	return s;
}

void strbuf_free(struct strbuf *b)
{
	free(b->p);
	strbuf_init(b, b->max);
}
