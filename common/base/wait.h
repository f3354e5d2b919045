/* SPDX-License-Identifier: ISC */
/*
 * Deadlines and the one bounded wait for a file descriptor. Code outside the event loops
 * (handshake messages, start-up, scripts) waits only through these, so every wait has an
 * end and EINTR is handled in one place.
 */
#ifndef VTUN_BASE_WAIT_H
#define VTUN_BASE_WAIT_H

#include <stdbool.h>

struct deadline {
	double at;   /* monotonic seconds (mono_now) */
};

/* A deadline `seconds` from now. */
struct deadline deadline_in(double seconds);
/* Milliseconds left, 0 once it has passed (rounded up, so a wait never spins at 0 ms). */
int deadline_ms_left(struct deadline d);
bool deadline_passed(struct deadline d);

/*
 * Wait until fd is ready for `events` (POLLIN, POLLOUT) or the deadline passes; EINTR is
 * retried. 1 = ready (also on POLLERR/POLLHUP: the next read or write tells what happened),
 * 0 = deadline passed, -1 = poll failed (errno set).
 */
int wait_fd(int fd, short events, struct deadline d);

/* Sleep until the deadline or for at most `max_s` seconds, whichever comes first. */
void wait_sleep(struct deadline d, double max_s);

#endif
