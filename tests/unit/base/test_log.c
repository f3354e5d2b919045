/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/base/log.c. Messages go to stderr, so each test points fd 2 at a temporary
 * file, logs, restores fd 2 and compares what was written. The logger keeps state between
 * calls (tag, verbosity, the rate limiter), so every test uses its own message texts and
 * puts back what it changed.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/log.h"

static int saved_fd = -1;
static FILE *capture;

static void capture_begin(void)
{
	fflush(stderr);
	capture = tmpfile();
	assert_non_null(capture);
	saved_fd = dup(2);
	assert_true(saved_fd >= 0);
	assert_true(dup2(fileno(capture), 2) == 2);
}

/* Restore fd 2 and return everything logged since capture_begin (caller frees). */
static char *capture_end(void)
{
	fflush(stderr);
	assert_true(dup2(saved_fd, 2) == 2);
	close(saved_fd);
	saved_fd = -1;

	long n = ftell(capture);
	assert_true(n >= 0);
	rewind(capture);
	char *s = calloc(1, (size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, capture), (size_t)n);
	fclose(capture);
	capture = NULL;
	return s;
}

/* "vtund[<pid>]: " + text + "\n", the stderr line format. */
static char *line(const char *text)
{
	char *s = NULL;
	assert_true(asprintf(&s, "vtund[%d]: %s\n", (int)getpid(), text) > 0);
	return s;
}

static void assert_logged(const char *got, const char *text)
{
	char *want = line(text);
	assert_string_equal(got, want);
	free(want);
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* The rate limiter works on one-second windows: start a burst right after a second begins. */
static void wait_second_start(void)
{
	time_t t = time(NULL);
	while (time(NULL) == t)
		usleep(1000);
}

static void test_format_info(void **state)
{
	(void)state;
	capture_begin();
	log_info("hello %s %d", "world", 42);
	char *got = capture_end();
	assert_logged(got, "hello world 42");
	free(got);
}

static void test_format_warnx(void **state)
{
	(void)state;
	errno = EACCES;   /* must not be appended */
	capture_begin();
	log_warnx("plain warning %u", 7u);
	char *got = capture_end();
	assert_logged(got, "plain warning 7");
	free(got);
}

static void test_warn_appends_strerror(void **state)
{
	(void)state;
	capture_begin();
	errno = ENOENT;
	log_warn("open %s", "/nonexistent");
	int after = errno;
	char *got = capture_end();
	char *want = NULL;
	assert_true(asprintf(&want, "open /nonexistent: %s", strerror(ENOENT)) > 0);
	assert_logged(got, want);
	assert_int_equal(after, ENOENT);    /* errno survives the logging */
	free(want);
	free(got);
}

static void test_tag_prefix(void **state)
{
	(void)state;
	capture_begin();
	log_set_tag("sess1");
	log_info("tagged message");
	log_set_tag(NULL);
	log_info("untagged message");
	char *got = capture_end();
	char *a = line("sess1: tagged message");
	char *b = line("untagged message");
	char *want = NULL;
	assert_true(asprintf(&want, "%s%s", a, b) > 0);
	assert_string_equal(got, want);
	free(a);
	free(b);
	free(want);
	free(got);
}

/* A tag longer than the internal buffer is cut, not overflowed. */
static void test_long_tag(void **state)
{
	(void)state;
	char tag[300];
	memset(tag, 'T', sizeof(tag) - 1);
	tag[sizeof(tag) - 1] = '\0';
	capture_begin();
	log_set_tag(tag);
	log_info("long tag message");
	log_set_tag(NULL);
	char *got = capture_end();
	assert_non_null(strstr(got, ": long tag message\n"));
	assert_non_null(strstr(got, "TTTT"));
	assert_true(strlen(got) < 200);
	free(got);
}

static void test_debug_verbosity(void **state)
{
	(void)state;
	capture_begin();
	log_set_verbose(0);
	log_debug("hidden debug %d", 1);
	log_set_verbose(1);
	log_debug("shown debug %d", 2);
	log_set_verbose(0);
	log_debug("hidden debug %d", 3);
	char *got = capture_end();
	assert_logged(got, "shown debug 2");
	free(got);
}

/* Longer than the 1024-byte message buffer: cut, one line, no overflow. */
static void test_long_message(void **state)
{
	(void)state;
	char big[4000];
	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	capture_begin();
	log_info("%s", big);
	errno = EIO;
	log_warn("%s", big + 1);   /* a different text, so not rate limited */
	char *got = capture_end();
	assert_int_equal(count_lines(got), 2);
	assert_true(strlen(got) < 2 * 1100);
	free(got);
}

static void test_percent_in_argument(void **state)
{
	(void)state;
	capture_begin();
	log_info("%s", "100% %s %n");
	char *got = capture_end();
	assert_logged(got, "100% %s %n");
	free(got);
}

static void test_rate_limit_burst(void **state)
{
	(void)state;
	unsigned long before = log_suppressed_count();
	wait_second_start();
	capture_begin();
	for (int i = 0; i < 7; i++)
		log_warnx("flood from %s", "peer");
	char *got = capture_end();
	char *one = line("flood from peer");
	char *want = NULL;
	assert_true(asprintf(&want, "%s%s%s%s%s", one, one, one, one, one) > 0);
	assert_string_equal(got, want);                      /* 5 printed */
	assert_int_equal(log_suppressed_count() - before, 2);
	free(got);
	free(want);

	/* a different message first reports how many were dropped */
	capture_begin();
	log_info("something else");
	got = capture_end();
	char *note = line("last message repeated 2 more times");
	char *next = line("something else");
	assert_true(asprintf(&want, "%s%s", note, next) > 0);
	assert_string_equal(got, want);
	assert_int_equal(log_suppressed_count() - before, 2);
	free(one);
	free(note);
	free(next);
	free(want);
	free(got);
}

/* Five identical messages are all printed and nothing is reported afterwards. */
static void test_rate_limit_under_threshold(void **state)
{
	(void)state;
	unsigned long before = log_suppressed_count();
	wait_second_start();
	capture_begin();
	for (int i = 0; i < 5; i++)
		log_info("five times");
	log_info("after five");
	char *got = capture_end();
	assert_int_equal(count_lines(got), 6);
	assert_null(strstr(got, "repeated"));
	assert_int_equal(log_suppressed_count(), before);
	free(got);
}

/* Alternating texts are never a flood. */
static void test_rate_limit_alternating(void **state)
{
	(void)state;
	unsigned long before = log_suppressed_count();
	capture_begin();
	for (int i = 0; i < 10; i++)
		log_info("%s", (i & 1) ? "ping" : "pong");
	char *got = capture_end();
	assert_int_equal(count_lines(got), 10);
	assert_int_equal(log_suppressed_count(), before);
	free(got);
}

/* A new second restarts the burst; the pending count is reported before the next message. */
static void test_rate_limit_next_second(void **state)
{
	(void)state;
	unsigned long before = log_suppressed_count();
	wait_second_start();
	capture_begin();
	for (int i = 0; i < 6; i++)
		log_info("tick");
	wait_second_start();
	log_info("tick");
	char *got = capture_end();
	char *one = line("tick");
	char *note = line("last message repeated 1 more times");
	char *want = NULL;
	assert_true(asprintf(&want, "%s%s%s%s%s%s%s", one, one, one, one, one, note, one) > 0);
	assert_string_equal(got, want);
	assert_int_equal(log_suppressed_count() - before, 1);
	free(one);
	free(note);
	free(want);
	free(got);
}

/* fatal and fatalx log and exit 1; run them in a child. */
static void run_fatal(bool with_errno, const char *want_text)
{
	fflush(stdout);
	capture_begin();
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		errno = EPERM;
		if (with_errno)
			fatal("cannot %s", "continue");
		fatalx("cannot %s", "continue");
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	char *got = capture_end();
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	char *want = NULL;
	assert_true(asprintf(&want, "vtund[%d]: %s\n", (int)pid, want_text) > 0);
	assert_string_equal(got, want);
	free(want);
	free(got);
}

static void test_fatal(void **state)
{
	(void)state;
	char *text = NULL;
	assert_true(asprintf(&text, "cannot continue: %s", strerror(EPERM)) > 0);
	run_fatal(true, text);
	free(text);
	run_fatal(false, "cannot continue");
}

/* With stderr off nothing reaches fd 2 (messages would go to syslog only). */
static void test_stderr_off(void **state)
{
	(void)state;
	capture_begin();
	log_init("vtund-test", false, LOG_DAEMON);
	log_info("not on stderr");
	log_init("vtund-test", true, LOG_DAEMON);
	log_info("back on stderr");
	char *got = capture_end();
	assert_logged(got, "back on stderr");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_info),
		cmocka_unit_test(test_format_warnx),
		cmocka_unit_test(test_warn_appends_strerror),
		cmocka_unit_test(test_tag_prefix),
		cmocka_unit_test(test_long_tag),
		cmocka_unit_test(test_debug_verbosity),
		cmocka_unit_test(test_long_message),
		cmocka_unit_test(test_percent_in_argument),
		cmocka_unit_test(test_rate_limit_burst),
		cmocka_unit_test(test_rate_limit_under_threshold),
		cmocka_unit_test(test_rate_limit_alternating),
		cmocka_unit_test(test_rate_limit_next_second),
		cmocka_unit_test(test_fatal),
		cmocka_unit_test(test_stderr_off),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
