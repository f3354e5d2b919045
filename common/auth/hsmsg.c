/* SPDX-License-Identifier: ISC */
#include "auth/hsmsg.h"
#include "base/log.h"
#include "base/util.h"
#include "base/wait.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* How long a write may wait for the peer to drain its receive buffer. */
#define HS_SEND_TIMEOUT_MS 30000

/* Wait for `events` on fd until the deadline; 0 ready, -1 otherwise (ETIMEDOUT once it passed). */
static int wait_ready(int fd, short events, struct deadline d)
{
	int r = wait_fd(fd, events, d);
	if (r == 0)
		errno = ETIMEDOUT;
	return r > 0 ? 0 : -1;
}

/* send() without SIGPIPE on sockets; plain write() on pipes and ttys. */
static ssize_t write_nosig(int fd, const void *p, size_t n)
{
	ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
	if (w < 0 && errno == ENOTSOCK)
		w = write(fd, p, n);
	return w;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	struct deadline d = deadline_in(HS_SEND_TIMEOUT_MS / 1000.0);
	size_t off = 0;

	while (off < n) {
		ssize_t w = write_nosig(fd, p + off, n - off);
		if (w > 0) {
			off += (size_t)w;
		} else if (w < 0 && errno == EINTR) {
			continue;
		} else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (wait_ready(fd, POLLOUT, d) < 0)
				return -1;
		} else {
			if (w == 0)
				errno = EIO;
			return -1;
		}
	}
	return 0;
}

int hsmsg_send(int fd, const char *fmt, ...)
{
	char block[HS_MSG_LEN];
	va_list ap;
	int n, rc;

	memset(block, 0, sizeof(block));
	va_start(ap, fmt);
	/* Size 49: at most 48 characters plus vsnprintf's NUL; byte 49 stays zero. */
	n = vsnprintf(block, HS_MSG_TEXT_MAX + 1, fmt, ap);
	va_end(ap);
	if (n < 0) {
		errno = EINVAL;
		return -1;
	}
	if (n > HS_MSG_TEXT_MAX)
		log_debug("Handshake message of %d characters cut to %d", n, HS_MSG_TEXT_MAX);
	rc = write_all(fd, (const uint8_t *)block, sizeof(block));
	/* The block may hold a challenge response: do not leave it on the stack. */
	secure_zero(block, sizeof(block));
	return rc;
}

int hsmsg_recv(int fd, char out[HS_MSG_LEN + 1], int timeout_s)
{
	memset(out, 0, HS_MSG_LEN + 1);
	if (wait_read_full(fd, out, HS_MSG_LEN, deadline_in(timeout_s < 1 ? 1 : timeout_s)) < 0)
		return -1;
	out[HS_MSG_LEN - 1] = '\0';
	out[HS_MSG_LEN] = '\0';
	return 0;
}
