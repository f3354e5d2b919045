/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/dev/dev.c: dispatch by device type, closing (twice, or a device that
 * never opened), and the fd helpers the device types share.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dev/dev.h"

static void test_bad_type(void **state)
{
	(void)state;
	struct vt_dev d;
	assert_int_equal(vt_dev_open(&d, (enum vt_dev_type)42, NULL), -1);
	assert_int_equal(d.fd, -1);
	vt_dev_close(&d);
}

/* Each type reaches its own ops table; pipe is used to see the opened device end to end. */
static void test_dispatch(void **state)
{
	(void)state;
	struct vt_dev d;
	assert_int_equal(vt_dev_open(&d, VT_DEV_PIPE, NULL), 0);
	assert_ptr_equal(d.ops, &vt_dev_pipe_ops);
	assert_int_equal(d.type, VT_DEV_PIPE);
	vt_dev_close(&d);
	assert_int_equal(d.fd, -1);
	assert_int_equal(d.peer_fd, -1);
	vt_dev_close(&d);                        /* twice is fine */
	assert_int_equal(vt_dev_open(&d, VT_DEV_TTY, NULL), 0);
	assert_ptr_equal(d.ops, &vt_dev_tty_ops);
	vt_dev_close(&d);
}

/* close_peer closes only the peer end, and is a no-op the second time. */
static void test_close_peer(void **state)
{
	(void)state;
	struct vt_dev d;
	assert_int_equal(vt_dev_open(&d, VT_DEV_PIPE, NULL), 0);
	int peer = d.peer_fd;
	vt_dev_close_peer(&d);
	assert_int_equal(d.peer_fd, -1);
	assert_int_equal(fcntl(peer, F_GETFD), -1);   /* really closed */
	assert_int_equal(errno, EBADF);
	assert_true(fcntl(d.fd, F_GETFD) >= 0);       /* the device end stays */
	vt_dev_close_peer(&d);
	vt_dev_close(&d);
}

static void test_fd_setup(void **state)
{
	(void)state;
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(dev_fd_setup(sv[0], 1), 0);
	assert_true(fcntl(sv[0], F_GETFL) & O_NONBLOCK);
	assert_true(fcntl(sv[0], F_GETFD) & FD_CLOEXEC);
	assert_int_equal(dev_fd_setup(sv[1], 0), 0);     /* close-on-exec only */
	assert_false(fcntl(sv[1], F_GETFL) & O_NONBLOCK);
	assert_true(fcntl(sv[1], F_GETFD) & FD_CLOEXEC);
	close(sv[0]);
	close(sv[1]);
	assert_int_equal(dev_fd_setup(sv[0], 1), -1);    /* a closed fd */
	assert_int_equal(errno, EBADF);
}

static void test_read_write_fd(void **state)
{
	(void)state;
	int sv[2];
	char b[8];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(dev_fd_setup(sv[0], 1), 0);
	assert_int_equal(dev_read_fd(sv[0], b, sizeof(b)), -1);   /* idle, non-blocking */
	assert_int_equal(errno, EAGAIN);
	assert_int_equal(dev_write_some(sv[1], "abc", 3), 3);
	assert_int_equal(dev_read_fd(sv[0], b, sizeof(b)), 3);
	assert_memory_equal(b, "abc", 3);
	assert_int_equal(dev_write_some(sv[0], "xy", 2), 2);
	assert_int_equal(read(sv[1], b, sizeof(b)), 2);
	assert_memory_equal(b, "xy", 2);
	close(sv[1]);
	assert_int_equal(dev_read_fd(sv[0], b, sizeof(b)), 0);    /* EOF */
	close(sv[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_type),
		cmocka_unit_test(test_dispatch),
		cmocka_unit_test(test_close_peer),
		cmocka_unit_test(test_fd_setup),
		cmocka_unit_test(test_read_write_fd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
