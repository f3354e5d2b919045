/* SPDX-License-Identifier: ISC */
/* Device dispatch and the helpers the device types share. */
#include "dev/dev.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"

static const struct vt_dev_ops *ops_for(enum vt_dev_type type)
{
	switch (type) {
	case VT_DEV_TUN:   return &vt_dev_tun_ops;
	case VT_DEV_ETHER: return &vt_dev_tap_ops;
	case VT_DEV_PIPE:  return &vt_dev_pipe_ops;
	case VT_DEV_TTY:   return &vt_dev_tty_ops;
	}
	return NULL;
}

int vt_dev_open(struct vt_dev *d, enum vt_dev_type type, const char *want)
{
	memset(d, 0, sizeof(*d));
	d->fd = -1;
	d->peer_fd = -1;
	d->type = type;
	d->ops = ops_for(type);
	if (d->ops == NULL) {
		log_warnx("unknown device type %d", (int)type);
		return -1;
	}
	if (d->ops->open(d, want) < 0) {
		dev_close_fds(d);
		d->name[0] = '\0';
		return -1;
	}
	return 0;
}

void vt_dev_close(struct vt_dev *d)
{
	if (d->ops && d->ops->close)
		d->ops->close(d);
	else
		dev_close_fds(d);
}

void vt_dev_close_peer(struct vt_dev *d)
{
	if (d->peer_fd >= 0) {
		close(d->peer_fd);
		d->peer_fd = -1;
	}
}

void dev_close_fds(struct vt_dev *d)
{
	if (d->fd >= 0) {
		close(d->fd);
		d->fd = -1;
	}
	vt_dev_close_peer(d);
}

int dev_fd_setup(int fd, int nonblock)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -1;
	if (nonblock && fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	fl = fcntl(fd, F_GETFD);
	if (fl < 0 || fcntl(fd, F_SETFD, fl | FD_CLOEXEC) < 0)
		return -1;
	return 0;
}

ssize_t dev_read_fd(int fd, void *buf, size_t len)
{
	ssize_t n;
	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n;
}

ssize_t dev_write_some(int fd, const void *buf, size_t len)
{
	ssize_t n;
	do
		n = write(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n;
}
