/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <sys/wait.h>
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

static bool count_to_three(void *arg)
{
	int *n = arg;
	return ++*n >= 3;
}

static bool never(void *arg)
{
	++*(int *)arg;
	return false;
}

static void test_wait_until(void **state)
{
	(void)state;
	int n = 0;
	assert_true(wait_until(deadline_in(5), 0.01, count_to_three, &n));
	assert_int_equal(n, 3);
	n = 0;
	double t0 = mono_now();
	assert_false(wait_until(deadline_in(0.1), 0.02, never, &n));
	assert_true(mono_now() - t0 >= 0.09);
	assert_true(n >= 3);   /* checked along the way and once more at the end */
}

static void test_wait_child(void **state)
{
	(void)state;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(300000);
		_exit(7);
	}
	int st = 0;
	assert_int_equal(wait_child(pid, &st, deadline_in(0.05)), 0);   /* still running */
	assert_int_equal(wait_child(pid, &st, deadline_in(5)), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 7);
	errno = 0;
	assert_int_equal(wait_child(-1, NULL, deadline_in(5)), -1);     /* none left */
	assert_int_equal(errno, ECHILD);
}

static void test_wait_read_full(void **state)
{
	(void)state;
	int p[2];
	char b[4];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "ab", 2), 2);
	/* two of four bytes: the deadline ends it */
	assert_int_equal(wait_read_full(p[0], b, 4, deadline_in(0.1)), -1);
	assert_int_equal(errno, ETIMEDOUT);
	assert_int_equal(write(p[1], "cdef", 4), 4);
	assert_int_equal(wait_read_full(p[0], b, 4, deadline_in(5)), 0);
	assert_memory_equal(b, "cdef", 4);   /* "ab" went with the failed read */
	assert_int_equal(write(p[1], "gh", 2), 2);
	close(p[1]);
	assert_int_equal(wait_read_full(p[0], b, 4, deadline_in(5)), -1);
	assert_int_equal(errno, ECONNRESET);   /* end of file before all came */
	close(p[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline_left),
		cmocka_unit_test(test_wait_fd_ready_and_timeout),
		cmocka_unit_test(test_wait_sleep_bounded),
		cmocka_unit_test(test_wait_until),
		cmocka_unit_test(test_wait_child),
		cmocka_unit_test(test_wait_read_full),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
