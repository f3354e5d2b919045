/* SPDX-License-Identifier: ISC */
/* Small helpers: allocation that cannot fail silently, secret handling, number parsing. */
#ifndef VTUN_UTIL_H
#define VTUN_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
char *xstrdup(const char *s);           /* NULL in, NULL out */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Zero memory that held a secret in a way the compiler cannot drop. */
void secure_zero(void *p, size_t n);
/* Free a secret string after zeroing it. */
void free_secret(char *s);
/* Constant-time comparison of two equal-length buffers: true when equal. */
bool ct_equal(const void *a, const void *b, size_t n);

/* Parse a decimal integer in [min, max]; false on junk, overflow or range. */
bool parse_int(const char *s, long min, long max, long *out);

/* Seconds from a monotonic clock. */
double mono_now(void);

#endif
