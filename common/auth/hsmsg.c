/* SPDX-License-Identifier: ISC */
#include "auth/hsmsg.h"
#include "base/log.h"
#include "base/util.h"

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

/* Wait for `events` on fd until the absolute monotonic deadline; 0 ready, -1 (errno) otherwise. */
static int wait_fd(int fd, short events, double deadline)
{
	for (;;) {
		double left = deadline - mono_now();
		if (left <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		struct pollfd p = { .fd = fd, .events = events };
		/* Re-check at least every minute so a huge timeout cannot overflow ms. */
		int ms = left > 60.0 ? 60000 : (int)(left * 1000.0) + 1;
		int r = poll(&p, 1, ms);
		if (r > 0)
			return 0;   /* readable, writable, or HUP/ERR: the next read/write tells */
		if (r < 0 && errno != EINTR)
			return -1;
	}
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
	double deadline = mono_now() + HS_SEND_TIMEOUT_MS / 1000.0;
	size_t off = 0;

	while (off < n) {
		ssize_t w = write_nosig(fd, p + off, n - off);
		if (w > 0) {
			off += (size_t)w;
		} else if (w < 0 && errno == EINTR) {
			continue;
		} else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (wait_fd(fd, POLLOUT, deadline) < 0)
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
	double deadline = mono_now() + (timeout_s < 1 ? 1 : timeout_s);
	size_t off = 0;

	memset(out, 0, HS_MSG_LEN + 1);
	while (off < HS_MSG_LEN) {
		if (wait_fd(fd, POLLIN, deadline) < 0)
			return -1;
		ssize_t r = read(fd, out + off, HS_MSG_LEN - off);
		if (r > 0) {
			off += (size_t)r;
		} else if (r == 0) {
			errno = ECONNRESET;
			return -1;
		} else if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
			return -1;
		}
	}
	out[HS_MSG_LEN - 1] = '\0';
	out[HS_MSG_LEN] = '\0';
	return 0;
}
