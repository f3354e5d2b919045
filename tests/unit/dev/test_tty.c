/* SPDX-License-Identifier: ISC */
/* Unit tests for common/dev/tty.c: the pseudo-terminal device is raw both ways. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <unistd.h>

#include "dev/dev.h"
#include "dev_test_util.h"

static void test_tty_both_ways(void **state)
{
	(void)state;
	struct vt_dev d;
	char buf[64];

	assert_int_equal(vt_dev_open(&d, VT_DEV_TTY, NULL), 0);
	assert_memory_equal(d.name, "/dev/pts/", 9);
	assert_true(isatty(d.peer_fd));
	check_fd_flags(&d);

	/* raw: no echo, no CR/LF rewriting, bytes pass unchanged both ways */
	assert_int_equal(write(d.peer_fd, "abc\n\r\x03\x7f", 7), 7);
	assert_true(ready_for(d.fd, 2000));
	usleep(50000);
	assert_int_equal(d.ops->read(&d, buf, sizeof(buf)), 7);
	assert_memory_equal(buf, "abc\n\r\x03\x7f", 7);

	assert_int_equal(d.ops->write(&d, "xyz\n\x04", 5), 5);
	assert_true(ready_for(d.peer_fd, 2000));
	usleep(50000);
	assert_int_equal(read(d.peer_fd, buf, sizeof(buf)), 5);
	assert_memory_equal(buf, "xyz\n\x04", 5);
	assert_false(ready_for(d.fd, 100));   /* nothing echoed back */

	/* the slave's path opens the same terminal */
	int s2 = open(d.name, O_RDWR | O_NOCTTY);
	assert_true(s2 >= 0);
	assert_int_equal(write(s2, "q", 1), 1);
	assert_true(ready_for(d.fd, 2000));
	assert_int_equal(d.ops->read(&d, buf, sizeof(buf)), 1);
	close(s2);

	vt_dev_close_peer(&d);
	/* no slave left: the master reports an error (EIO) or EOF, never data */
	assert_true(d.ops->read(&d, buf, sizeof(buf)) <= 0);
	vt_dev_close(&d);
	vt_dev_close(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tty_both_ways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
