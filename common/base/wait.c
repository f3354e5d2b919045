/* SPDX-License-Identifier: ISC */
#include "base/wait.h"
#include "base/util.h"

#include <errno.h>
#include <poll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct deadline deadline_in(double seconds)
{
	return (struct deadline){ .at = mono_now() + seconds };
}

int deadline_ms_left(struct deadline d)
{
	double left = d.at - mono_now();
	if (left <= 0)
		return 0;
	if (left > 86400.0 * 24)
		left = 86400.0 * 24;   /* poll() takes an int of milliseconds */
	int ms = (int)(left * 1000.0);
	return (double)ms < left * 1000.0 ? ms + 1 : ms;
}

bool deadline_passed(struct deadline d)
{
	return mono_now() >= d.at;
}

int wait_fd(int fd, short events, struct deadline d)
{
	for (;;) {
		int ms = deadline_ms_left(d);
		if (ms == 0)
			return 0;
		struct pollfd p = { .fd = fd, .events = events };
		int r = poll(&p, 1, ms);
		if (r > 0)
			return 1;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

int wait_read_full(int fd, void *buf, size_t n, struct deadline d)
{
	size_t off = 0;

	while (off < n) {
		int w = wait_fd(fd, POLLIN, d);
		if (w == 0)
			errno = ETIMEDOUT;
		if (w <= 0)
			return -1;
		ssize_t r = read(fd, (char *)buf + off, n - off);
		if (r > 0) {
			off += (size_t)r;
		} else if (r == 0) {
			errno = ECONNRESET;
			return -1;
		} else if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
			return -1;
		}
	}
	return 0;
}

void wait_sleep(struct deadline d, double max_s)
{
	double left = d.at - mono_now();
	if (left > max_s)
		left = max_s;
	if (left <= 0)
		return;
	struct timespec ts = { .tv_sec = (time_t)left,
	                       .tv_nsec = (long)((left - (double)(time_t)left) * 1e9) };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

bool wait_until(struct deadline d, double step_s, bool (*done)(void *arg), void *arg)
{
	while (!deadline_passed(d)) {
		if (done(arg))
			return true;
		wait_sleep(d, step_s);
	}
	return done(arg);
}

/* How often wait_child looks: short next to the seconds its callers wait. */
#define CHILD_POLL_S 0.02

struct child_wait {
	pid_t pid;
	int *status;
	pid_t got;      /* the reaped pid, or -1 with errno */
};

static bool child_done(void *arg)
{
	struct child_wait *w = arg;
	int st = 0;
	pid_t r = waitpid(w->pid, &st, WNOHANG);
	if (r == 0 || (r < 0 && errno == EINTR))
		return false;
	w->got = r;
	if (r > 0 && w->status)
		*w->status = st;
	return true;
}

pid_t wait_child(pid_t pid, int *status, struct deadline d)
{
	struct child_wait w = { .pid = pid, .status = status, .got = 0 };
	return wait_until(d, CHILD_POLL_S, child_done, &w) ? w.got : 0;
}
