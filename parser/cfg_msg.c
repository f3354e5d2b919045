/* SPDX-License-Identifier: ISC */
/* Parser messages and the small token/value-list containers the grammar passes around. */
#include "parser/cfg_parse.h"
#include "base/log.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void vmsg(struct cfg_state *st, int line, const char *kind, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void vmsg(struct cfg_state *st, int line, const char *kind, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);  /* truncation is acceptable for a message */
	if (line > 0)
		log_warnx("%s:%d: %s%s", st->name, line, kind, msg);
	else
		log_warnx("%s: %s%s", st->name, kind, msg);
}

void cfg_err(struct cfg_state *st, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(st, line, "", fmt, ap);
	va_end(ap);
	st->nerrors++;
}

void cfg_warn(struct cfg_state *st, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(st, line, "warning: ", fmt, ap);
	va_end(ap);
}

/* Quote a token for a message: control bytes escaped, long text cut with "...". */
const char *cfg_q(struct cfg_state *st, const char *s)
{
	char *b = st->qbuf[st->qnext++ % CFG_QBUF_N];
	size_t o = 0;
	const size_t room = CFG_QBUF_LEN - 8;   /* space for one escape and "...'\0" */
	b[o++] = '\'';
	for (; s && *s && o < room; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f)
			b[o++] = (char)c;
		else
			o += (size_t)snprintf(b + o, CFG_QBUF_LEN - o, "\\x%02x", c);
	}
	if (s && *s) {
		memcpy(b + o, "...", 3);
		o += 3;
	}
	b[o++] = '\'';
	b[o] = '\0';
	return b;
}

struct cfg_tok *cfg_tok_new(enum cfg_tok_type type, const char *text, size_t len, int line)
{
	struct cfg_tok *t = xcalloc(1, sizeof(*t));
	t->type = type;
	t->text = xmalloc(len + 1);
	memcpy(t->text, text, len);
	t->text[len] = '\0';
	t->line = line;
	return t;
}

void cfg_tok_free(struct cfg_tok *t)
{
	if (!t)
		return;
	free_secret(t->text);  /* any token may be a password */
	free(t);
}

struct cfg_vals *cfg_vals_add(struct cfg_vals *vals, struct cfg_tok *t)
{
	if (!vals)
		vals = xcalloc(1, sizeof(*vals));
	if (vals->n == vals->cap) {
		size_t cap = vals->cap ? vals->cap * 2 : 4;
		struct cfg_tok **v = xcalloc(cap, sizeof(*v));
		if (vals->n)
			memcpy(v, vals->v, vals->n * sizeof(*v));
		free(vals->v);
		vals->v = v;
		vals->cap = cap;
	}
	vals->v[vals->n++] = t;
	return vals;
}

void cfg_vals_free(struct cfg_vals *vals)
{
	if (!vals)
		return;
	for (size_t i = 0; i < vals->n; i++)
		cfg_tok_free(vals->v[i]);
	free(vals->v);
	free(vals);
}
