/* SPDX-License-Identifier: ISC */
#include "base/wait.h"
#include "base/util.h"

#include <errno.h>
#include <poll.h>
#include <time.h>

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
