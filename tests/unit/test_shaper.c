/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the shaper with a fake clock: VTun's integer budget formula, one-second
 * windows, the one-frame overshoot VTun allows, the time until the next window, and a
 * clock that jumps; the set-up log line.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unistd.h>

#include <cmocka.h>

#include "log.h"
#include "shaper.h"

/* Collect what the log writes to stderr between start and stop (caller frees). */
static int saved_stderr = -1;
static FILE *log_tmp;

static void capture_start(void)
{
	fflush(stderr);
	log_tmp = tmpfile();
	assert_non_null(log_tmp);
	saved_stderr = dup(2);
	assert_true(saved_stderr >= 0);
	assert_true(dup2(fileno(log_tmp), 2) >= 0);
	log_set_stderr(true);
}

static char *capture_stop(void)
{
	fflush(stderr);
	log_set_stderr(false);
	assert_true(dup2(saved_stderr, 2) >= 0);
	close(saved_stderr);
	static char text[16384];
	rewind(log_tmp);
	size_t n = fread(text, 1, sizeof(text) - 1, log_tmp);
	text[n] = '\0';
	fclose(log_tmp);
	return text;
}

static int setup_log(void **state)
{
	(void)state;
	log_init("test_shaper", false, 0);
	return 0;
}

static void test_budget_math(void **state)
{
	(void)state;
	assert_int_equal(shaper_budget(0), 0);
	assert_int_equal(shaper_budget(-5), 0);
	assert_int_equal(shaper_budget(7), 400);               /* 7 / 8 == 0 */
	assert_int_equal(shaper_budget(8), 1424);
	assert_int_equal(shaper_budget(15), 1424);             /* integer division first */
	assert_int_equal(shaper_budget(16), 2448);
	assert_int_equal(shaper_budget(64), 8592);
	assert_int_equal(shaper_budget(1000), 128400);
	assert_int_equal(shaper_budget(INT_MAX), (long)(INT_MAX / 8) * 1024 + 400);
}

static void test_off(void **state)
{
	(void)state;
	assert_null(shaper_new(0));
	assert_null(shaper_new(-1));
	/* NULL = no shaping: always allowed, never waits. */
	assert_true(shaper_allow(NULL, 1.0));
	shaper_account(NULL, 100000, 1.0);
	assert_true(shaper_next_window(NULL, 1.0) == 0.0);
	shaper_free(NULL);
}

static void test_window(void **state)
{
	(void)state;
	struct shaper *s = shaper_new(8);   /* 1424 bytes per second */
	assert_non_null(s);
	assert_true(shaper_allow(s, 100.0));
	assert_int_equal(shaper_remaining(s, 100.0), 1424);
	shaper_account(s, 1000, 100.0);
	assert_int_equal(shaper_remaining(s, 100.1), 424);
	assert_true(shaper_allow(s, 100.2));
	assert_true(shaper_next_window(s, 100.2) == 0.0);
	/* The frame that crosses the budget goes out (VTun checks before reading)... */
	shaper_account(s, 500, 100.25);
	/* ...and then the device waits for the rest of the window. */
	assert_false(shaper_allow(s, 100.5));
	assert_int_equal(shaper_remaining(s, 100.5), 0);
	double wait = shaper_next_window(s, 100.5);
	assert_true(wait > 0.4999 && wait < 0.5001);
	assert_false(shaper_allow(s, 100.999));
	/* A new window starts one second after the first activity; the 76 bytes sent over the
	 * budget are owed by it, so the long-run rate stays at the budget. */
	assert_true(shaper_allow(s, 101.0));
	assert_int_equal(shaper_remaining(s, 101.0), 1424 - 76);
	/* a burst far over budget is paid off over several windows */
	shaper_account(s, 4000, 101.0);
	assert_false(shaper_allow(s, 102.0));                  /* 4076 - 1424 still owed */
	assert_true(shaper_allow(s, 103.0));                   /* 1228 owed: 196 left */
	assert_int_equal(shaper_remaining(s, 103.0), 196);
	assert_true(shaper_next_window(s, 101.0) == 0.0);
	shaper_free(s);
}

static void test_exact_budget_blocks(void **state)
{
	(void)state;
	struct shaper *s = shaper_new(16);  /* 2448 */
	assert_true(shaper_allow(s, 5.0));
	shaper_account(s, 2447, 5.0);
	assert_true(shaper_allow(s, 5.1));
	shaper_account(s, 1, 5.1);
	assert_false(shaper_allow(s, 5.2));
	double wait = shaper_next_window(s, 5.2);
	assert_true(wait > 0.7999 && wait < 0.8001);
	shaper_free(s);
}

/* Sending at line rate for 10 simulated seconds averages the budget plus one frame/s. */
static void test_rate_over_time(void **state)
{
	(void)state;
	struct shaper *s = shaper_new(64);  /* 8592 */
	double now = 0.0;
	long sent = 0;
	while (now < 10.0) {
		if (shaper_allow(s, now)) {
			shaper_account(s, 1000, now);
			sent += 1000;
			now += 0.001;
		} else {
			now += shaper_next_window(s, now);
		}
	}
	assert_true(sent >= 10 * 8592L);
	assert_true(sent <= 10 * (8592L + 1000) + 1000);
	shaper_free(s);
}

static void test_clock_jumps(void **state)
{
	(void)state;
	struct shaper *s = shaper_new(8);
	shaper_account(s, 5000, 50.0);
	assert_false(shaper_allow(s, 50.5));
	/* A clock that went backwards must not stall the link for long. */
	assert_true(shaper_allow(s, 10.0));
	shaper_account(s, 5000, 10.0);
	assert_false(shaper_allow(s, 10.1));
	/* A big jump forward simply starts a new window. */
	assert_true(shaper_allow(s, 1e6));
	shaper_free(s);
}

static void test_log_line(void **state)
{
	(void)state;
	capture_start();
	struct shaper *s = shaper_new(256);
	shaper_free(s);
	char *text = capture_stop();
	assert_non_null(strstr(text, "Traffic shaping(speed 256K) initialized.\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_budget_math),
		cmocka_unit_test(test_off),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_exact_budget_blocks),
		cmocka_unit_test(test_rate_over_time),
		cmocka_unit_test(test_clock_jumps),
		cmocka_unit_test(test_log_line),
	};
	return cmocka_run_group_tests(tests, setup_log, NULL);
}
