/* SPDX-License-Identifier: ISC */
/*
 * type tty: a pseudo-terminal. We keep the master; the slave becomes stdin/stdout (and the
 * controlling terminal) of the up-command programs, typically pppd. %d is the slave path.
 */
#include "dev/dev.h"

#include <pty.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/log.h"

static int tty_open(struct vt_dev *d, const char *want)
{
	int master, slave;
	struct termios tio;

	(void)want; /* the slave name is chosen by the kernel */
	if (openpty(&master, &slave, NULL, NULL, NULL) < 0) {
		log_warn("Can't allocate pseudo tty");
		return -1;
	}
	d->fd = master;
	d->peer_fd = slave;
	if (dev_fd_setup(master, 1) < 0 || dev_fd_setup(slave, 0) < 0) {
		log_warn("pty: fcntl");
		return -1;
	}
	/*
	 * Raw mode: the pty carries tunnel bytes, so no echo, no line editing and no CR/LF
	 * rewriting. pppd sets this itself; a plain program on the slave needs it too.
	 */
	if (tcgetattr(slave, &tio) == 0) {
		cfmakeraw(&tio);
		if (tcsetattr(slave, TCSANOW, &tio) < 0)
			log_warn("pty: tcsetattr");
	}
	if (ttyname_r(slave, d->name, sizeof(d->name)) != 0) {
		log_warnx("pty: can't find the slave's name");
		return -1;
	}
	return 0;
}

static ssize_t tty_read(struct vt_dev *d, void *buf, size_t len)
{
	return dev_read_fd(d->fd, buf, len);
}

static ssize_t tty_write(struct vt_dev *d, const void *buf, size_t len)
{
	return dev_write_some(d->fd, buf, len);
}

const struct vt_dev_ops vt_dev_tty_ops = {
	.name = "tty",
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.close = dev_close_fds,
};
