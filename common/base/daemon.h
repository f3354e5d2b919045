/* SPDX-License-Identifier: ISC */
/* Detaching from the terminal, with start-up failures reported to whoever started us. */
#ifndef VTUN_DAEMON_H
#define VTUN_DAEMON_H

#define PIDFILE_SERVER "/var/run/vtund.server.pid"

/*
 * Fork into the background. The parent waits until the child calls daemon_ready() (then
 * exits 0) or dies first (then exits 1), so a failing start is seen by the caller.
 * In the child: returns 0 with *ready_fd set; -1 if the fork failed.
 */
int daemon_start(int *ready_fd);
void daemon_ready(int ready_fd);

/* Write our PID (Debian's format: digits, no newline); a failure is logged, not fatal. */
void pidfile_write(const char *path);

#endif
