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

#include "base/log.h"
#include "tests/unit/lib/log_capture.h"
#include "link/shaper.h"


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

/* 160 kbit/s = 20880 bytes per second, budgeted in 50 ms windows of 1044 bytes. */
static void test_window(void **state)
{
	(void)state;
	struct shaper *s = shaper_new(160);
	assert_non_null(s);
	assert_true(shaper_allow(s, 100.0));
	assert_int_equal(shaper_remaining(s, 100.0), 1044);
	shaper_account(s, 1000, 100.0);
	assert_int_equal(shaper_remaining(s, 100.01), 44);
	assert_true(shaper_allow(s, 100.02));
	assert_true(shaper_next_window(s, 100.02) == 0.0);
	/* The frame that crosses the budget goes out (VTun checks before reading)... */
	shaper_account(s, 500, 100.025);
	/* ...and then the device waits for the rest of the window. */
	assert_false(shaper_allow(s, 100.03));
	assert_int_equal(shaper_remaining(s, 100.03), 0);
	double wait = shaper_next_window(s, 100.03);
	assert_true(wait > 0.0199 && wait < 0.0201);
	assert_false(shaper_allow(s, 100.049));
	/* (times just past window boundaries: exact ones are at the mercy of rounding)
	 * The next window owes the 456 bytes sent over the budget: the rate stays the budget. */
	assert_true(shaper_allow(s, 100.051));
	assert_int_equal(shaper_remaining(s, 100.051), 1044 - 456);
	/* a burst far over budget is paid off over several windows */
	shaper_account(s, 4000, 100.051);                  /* 4456 owed */
	assert_false(shaper_allow(s, 100.101));             /* 3412 */
	assert_false(shaper_allow(s, 100.151));             /* 2368 */
	assert_false(shaper_allow(s, 100.201));             /* 1324 */
	assert_true(shaper_allow(s, 100.251));              /* 280 owed */
	assert_int_equal(shaper_remaining(s, 100.251), 1044 - 280);
	shaper_free(s);
}

static void test_exact_budget_blocks(void **state)
{
	(void)state;
	struct shaper *s = shaper_new(160);
	assert_true(shaper_allow(s, 5.0));
	shaper_account(s, 1043, 5.0);
	assert_true(shaper_allow(s, 5.01));
	shaper_account(s, 1, 5.01);
	assert_false(shaper_allow(s, 5.02));
	double wait = shaper_next_window(s, 5.02);
	assert_true(wait > 0.0299 && wait < 0.0301);
	shaper_free(s);
}

/* Sending at line rate for 10 simulated seconds averages the budget. */
static void test_rate_over_time(void **state)
{
	(void)state;
	struct shaper *s = shaper_new(64);  /* 8592 bytes per second */
	double now = 0.0;
	long sent = 0;
	int steps = 0;
	while (now < 10.0) {
		assert_true(++steps < 1000000);   /* never stuck */
		if (shaper_allow(s, now)) {
			shaper_account(s, 1000, now);
			sent += 1000;
			now += 0.001;
		} else {
			now += shaper_next_window(s, now);
		}
	}
	assert_true(sent >= 10 * 8592L * 98 / 100);
	assert_true(sent <= 10 * 8592L + 2000);
	shaper_free(s);
}

static void test_clock_jumps(void **state)
{
	(void)state;
	struct shaper *s = shaper_new(8);
	shaper_account(s, 5000, 50.0);
	assert_false(shaper_allow(s, 50.02));
	/* A clock that went backwards must not stall the link for long. */
	assert_true(shaper_allow(s, 10.0));
	shaper_account(s, 5000, 10.0);
	assert_false(shaper_allow(s, 10.01));
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
