/* SPDX-License-Identifier: ISC */
/*
 * Deadlines and the one bounded wait for a file descriptor. Code outside the event loops
 * (handshake messages, start-up, scripts) waits only through these, so every wait has an
 * end and EINTR is handled in one place.
 */
#ifndef VTUN_BASE_WAIT_H
#define VTUN_BASE_WAIT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

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

/*
 * Read exactly n bytes from fd before the deadline (a non-blocking fd is fine). 0 when they
 * all came; -1 with errno ETIMEDOUT (deadline), ECONNRESET (end of file first) or read's.
 */
int wait_read_full(int fd, void *buf, size_t n, struct deadline d);

/* Sleep until the deadline or for at most `max_s` seconds, whichever comes first. */
void wait_sleep(struct deadline d, double max_s);

/*
 * For what no fd announces (a process ending): check done(arg) every step_s seconds until it
 * is true or the deadline passes, with one last check then. Returns done's last answer.
 */
bool wait_until(struct deadline d, double step_s, bool (*done)(void *arg), void *arg);

/*
 * Reap the child pid (-1: any child) before the deadline. Returns its pid (*status filled
 * when status is not NULL), 0 when the deadline passed first, -1 when there is no such
 * child (ECHILD) or waitpid failed.
 */
pid_t wait_child(pid_t pid, int *status, struct deadline d);

#endif
