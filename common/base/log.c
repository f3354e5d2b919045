/* SPDX-License-Identifier: ISC */
#include "base/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

static struct {
	bool to_stderr;
	bool to_syslog;
	int verbose;
	char tag[64];
	/* rate limiting: a burst of the same text within one second */
	char last[256];
	time_t last_sec;
	unsigned burst;
	unsigned long suppressed;
	unsigned long suppressed_pending;
} L = { .to_stderr = true };

/* More than this many identical messages in one second are suppressed. */
#define LOG_BURST_MAX 5

void log_init(const char *ident, bool to_stderr, int facility)
{
	L.to_stderr = to_stderr;
	openlog(ident, LOG_PID | LOG_NDELAY, facility);
}

void log_set_syslog(bool on, int facility)
{
	L.to_syslog = on;
	if (on)
		openlog("vtund", LOG_PID | LOG_NDELAY, facility);
}

void log_set_stderr(bool on) { L.to_stderr = on; }

void log_set_verbose(int level) { L.verbose = level; }

void log_set_tag(const char *tag)
{
	if (tag)
		snprintf(L.tag, sizeof(L.tag), "%s", tag);
	else
		L.tag[0] = '\0';
}

unsigned long log_suppressed_count(void) { return L.suppressed; }

static void emit(int prio, const char *msg)
{
	if (L.to_stderr) {
		if (L.tag[0])
			fprintf(stderr, "vtund[%d]: %s: %s\n", (int)getpid(), L.tag, msg);
		else
			fprintf(stderr, "vtund[%d]: %s\n", (int)getpid(), msg);
		fflush(stderr);
	}
	if (L.to_syslog) {
		if (L.tag[0])
			syslog(prio, "%s: %s", L.tag, msg);
		else
			syslog(prio, "%s", msg);
	}
}

/* True when this message should be dropped as part of a flood. */
static bool rate_limited(const char *msg)
{
	time_t now = time(NULL);
	if (now == L.last_sec && strncmp(msg, L.last, sizeof(L.last) - 1) == 0) {
		if (++L.burst > LOG_BURST_MAX) {
			L.suppressed++;
			L.suppressed_pending++;
			return true;
		}
		return false;
	}
	if (L.suppressed_pending) {
		char note[96];
		snprintf(note, sizeof(note), "last message repeated %lu more times",
		         L.suppressed_pending);
		L.suppressed_pending = 0;
		emit(LOG_INFO, note);
	}
	/* keep a prefix only: enough to recognise a repeat */
	strncpy(L.last, msg, sizeof(L.last) - 1);
	L.last[sizeof(L.last) - 1] = '\0';
	L.last_sec = now;
	L.burst = 1;
	return false;
}

/* The format attribute lets clang check callers under -Wformat=2 (-Wformat-nonliteral). */
static void vlog(int prio, const char *fmt, va_list ap, const char *err)
	__attribute__((format(printf, 2, 0)));

static void vlog(int prio, const char *fmt, va_list ap, const char *err)
{
	char msg[1024];
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (n < 0)
		return;
	if (err && (size_t)n < sizeof(msg))
		snprintf(msg + n, sizeof(msg) - (size_t)n, ": %s", err);
	if (rate_limited(msg))
		return;
	emit(prio, msg);
}

void log_warn(const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_WARNING, fmt, ap, strerror(e));
	va_end(ap);
	errno = e;
}

void log_warnx(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_WARNING, fmt, ap, NULL);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap, NULL);
	va_end(ap);
}

void log_debug(const char *fmt, ...)
{
	if (L.verbose < 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_DEBUG, fmt, ap, NULL);
	va_end(ap);
}

void fatal(const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_ERR, fmt, ap, strerror(e));
	va_end(ap);
	exit(1);
}

void fatalx(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vlog(LOG_ERR, fmt, ap, NULL);
	va_end(ap);
	exit(1);
}
