/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <unistd.h>

#include "base/util.h"
#include "base/wait.h"

static void test_deadline_left(void **state)
{
	(void)state;
	struct deadline d = deadline_in(0.5);
	int ms = deadline_ms_left(d);
	assert_true(ms > 400 && ms <= 500);
	assert_false(deadline_passed(d));
	struct deadline past = deadline_in(-1);
	assert_int_equal(deadline_ms_left(past), 0);
	assert_true(deadline_passed(past));
	/* rounded up: a few microseconds left is still 1 ms, never a 0 ms busy poll */
	struct deadline soon = deadline_in(0.0001);
	assert_true(deadline_ms_left(soon) <= 1);
}

static void test_wait_fd_ready_and_timeout(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	double t0 = mono_now();
	assert_int_equal(wait_fd(p[0], POLLIN, deadline_in(0.1)), 0);
	double took = mono_now() - t0;
	assert_true(took >= 0.09 && took < 1.0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(wait_fd(p[0], POLLIN, deadline_in(5)), 1);
	assert_int_equal(wait_fd(p[1], POLLOUT, deadline_in(5)), 1);
	/* an expired deadline does not wait even when the fd is not ready */
	char c;
	assert_int_equal(read(p[0], &c, 1), 1);
	assert_int_equal(wait_fd(p[0], POLLIN, deadline_in(-1)), 0);
	close(p[0]);
	close(p[1]);
}

static void test_wait_sleep_bounded(void **state)
{
	(void)state;
	double t0 = mono_now();
	wait_sleep(deadline_in(10), 0.05);
	double took = mono_now() - t0;
	assert_true(took >= 0.045 && took < 1.0);
	t0 = mono_now();
	wait_sleep(deadline_in(-1), 5);
	assert_true(mono_now() - t0 < 0.5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline_left),
		cmocka_unit_test(test_wait_fd_ready_and_timeout),
		cmocka_unit_test(test_wait_sleep_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
