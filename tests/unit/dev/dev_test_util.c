/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>

#include "dev_test_util.h"

bool ready_for(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, ms) == 1;
}

void check_fd_flags(const struct vt_dev *d)
{
	assert_true(fcntl(d->fd, F_GETFL) & O_NONBLOCK);
	assert_true(fcntl(d->fd, F_GETFD) & FD_CLOEXEC);
	if (d->peer_fd >= 0)
		assert_true(fcntl(d->peer_fd, F_GETFD) & FD_CLOEXEC);
}
