/* SPDX-License-Identifier: ISC */
/*
 * type pipe: a stream socket pair. We keep one end; the other becomes stdin/stdout of the
 * up-command programs. %d is empty.
 */
#include "dev/dev.h"

#include <sys/socket.h>

#include "base/log.h"

static int pipe_open(struct vt_dev *d, const char *want)
{
	int sv[2];

	(void)want; /* a `device` name means nothing for a pipe */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		log_warn("Can't allocate pipe");
		return -1;
	}
	d->fd = sv[0];
	d->peer_fd = sv[1];  /* stays blocking: ordinary programs expect that on stdin */
	if (dev_fd_setup(d->fd, 1) < 0) {
		log_warn("pipe: fcntl");
		return -1;
	}
	d->name[0] = '\0';
	return 0;
}

static ssize_t pipe_read(struct vt_dev *d, void *buf, size_t len)
{
	return dev_read_fd(d->fd, buf, len);
}

static ssize_t pipe_write(struct vt_dev *d, const void *buf, size_t len)
{
	return dev_write_some(d->fd, buf, len);
}

const struct vt_dev_ops vt_dev_pipe_ops = {
	.name = "pipe",
	.open = pipe_open,
	.read = pipe_read,
	.write = pipe_write,
	.close = dev_close_fds,
};
