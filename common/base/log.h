/* SPDX-License-Identifier: ISC */
/*
 * The only logging API. In the foreground messages go to stderr; once detached they go to
 * syslog with the configured facility. Identical messages repeated in a burst are
 * rate-limited so a misbehaving peer cannot flood the log.
 */
#ifndef VTUN_LOG_H
#define VTUN_LOG_H

#include <stdarg.h>
#include <stdbool.h>

/* ident: syslog ident ("vtund"); to_stderr: copy every message to stderr. */
void log_init(const char *ident, bool to_stderr, int facility);
void log_set_syslog(bool on, int facility);
void log_set_stderr(bool on);
void log_set_verbose(int level);      /* 0 = info, 1 = debug */
/* Prefix every message with "<tag>: " (e.g. the session name); NULL clears. */
void log_set_tag(const char *tag);

void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));   /* appends ": strerror(errno)" */
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));  /* errno, exit 1 */
void fatalx(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn)); /* exit 1 */

/* For tests: how many messages were suppressed by rate limiting so far. */
unsigned long log_suppressed_count(void);

#endif
