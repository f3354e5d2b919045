/* SPDX-License-Identifier: ISC */
/* Unit tests for common/dev/pipe.c: the socketpair device, both ways, partial and stalled writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dev/dev.h"
#include "dev_test_util.h"

static void test_pipe_both_ways(void **state)
{
	(void)state;
	struct vt_dev d;
	char buf[64];

	assert_int_equal(vt_dev_open(&d, VT_DEV_PIPE, "ignored0"), 0);
	assert_string_equal(d.name, "");
	assert_true(d.fd >= 0 && d.peer_fd >= 0);
	check_fd_flags(&d);

	assert_int_equal(d.ops->read(&d, buf, sizeof(buf)), -1);   /* idle */
	assert_int_equal(errno, EAGAIN);

	assert_int_equal(write(d.peer_fd, "hello", 5), 5);
	assert_true(ready_for(d.fd, 1000));
	assert_int_equal(d.ops->read(&d, buf, sizeof(buf)), 5);
	assert_memory_equal(buf, "hello", 5);

	assert_int_equal(d.ops->write(&d, "world!", 6), 6);
	assert_int_equal(read(d.peer_fd, buf, sizeof(buf)), 6);
	assert_memory_equal(buf, "world!", 6);

	vt_dev_close_peer(&d);
	assert_int_equal(d.peer_fd, -1);
	assert_int_equal(d.ops->read(&d, buf, sizeof(buf)), 0);     /* program gone: EOF */
	vt_dev_close(&d);
	assert_int_equal(d.fd, -1);
	vt_dev_close(&d);                                           /* idempotent */
}

/* A write larger than the socket buffer goes through in parts while a slow reader drains it:
 * each call takes what fits (or fails with EAGAIN), and the bytes arrive in order. */
static void test_pipe_complete_write(void **state)
{
	(void)state;
	struct vt_dev d;
	const size_t total = 4 * 1024 * 1024;
	unsigned char *big = malloc(total);
	for (size_t i = 0; i < total; i++)
		big[i] = (unsigned char)(i * 7);

	assert_int_equal(vt_dev_open(&d, VT_DEV_PIPE, NULL), 0);
	pid_t pid = fork();
	if (pid == 0) {
		unsigned char b[65536];
		size_t got = 0;
		ssize_t n;
		close(d.fd);
		free(big);
		usleep(100000);
		while ((n = read(d.peer_fd, b, sizeof(b))) > 0)
			for (ssize_t i = 0; i < n; i++, got++)
				if (b[i] != (unsigned char)(got * 7))
					_exit(2);
		_exit(got == total ? 0 : 1);
	}
	size_t done = 0;
	while (done < total) {
		ssize_t n = d.ops->write(&d, big + done, total - done);
		if (n < 0) {
			assert_int_equal(errno, EAGAIN);
			struct pollfd p = { .fd = d.fd, .events = POLLOUT };
			assert_int_equal(poll(&p, 1, 5000), 1);
			continue;
		}
		assert_true(n > 0 && (size_t)n <= total - done);
		done += (size_t)n;
	}
	vt_dev_close(&d);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	free(big);
}

/* A reader that never reads: a write takes what fits at once, the next fails with EAGAIN;
 * neither waits. */
static void test_pipe_stalled_reader(void **state)
{
	(void)state;
	struct vt_dev d;
	const size_t total = 8 * 1024 * 1024;
	char *big = calloc(1, total);

	assert_int_equal(vt_dev_open(&d, VT_DEV_PIPE, NULL), 0);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ssize_t first = d.ops->write(&d, big, total);
	assert_true(first > 0 && (size_t)first < total);
	assert_int_equal(d.ops->write(&d, big + first, total - (size_t)first), -1);
	assert_int_equal(errno, EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(took < 0.5);
	vt_dev_close(&d);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipe_both_ways),
		cmocka_unit_test(test_pipe_complete_write),
		cmocka_unit_test(test_pipe_stalled_reader),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
