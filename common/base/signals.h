/* SPDX-License-Identifier: ISC */
/*
 * Every signal disposition of vtund, and how the handling passes between the listener, a
 * session, its link loop and the up/down programs:
 *
 *   listener    signals_daemon_defaults(); a signal_watch on its loop (HUP reload, TERM/INT)
 *   session     forked by the listener: signals_session_child() gives TERM/INT/HUP their
 *   child       default action until the session takes over
 *   session     signals_hold_begin() .. signals_hold_end() around everything outside the link
 *               loop: TERM/INT/HUP are noted, never fatal, so up/down commands are not cut off
 *   link loop   a signal_watch for TERM/INT/HUP/USR1; signal_watch_stop() leaves TERM/INT/HUP
 *               blocked, and signals_hold_resume() lets a held one reach the session's note
 *   programs    signals_reset_for_exec() in each forked up/down runner
 */
#ifndef VTUN_BASE_SIGNALS_H
#define VTUN_BASE_SIGNALS_H

#include <ev.h>
#include <signal.h>

/* Server: SIGPIPE (writes report EPIPE instead), SIGUSR1 (means something only to a link)
 * and SIGQUIT are ignored. */
void signals_daemon_defaults(void);
/* Client: SIGPIPE ignored, and SIGHUP ignored between sessions (VTun's client does too). */
void signals_client_defaults(void);

/* In a child the listener forked for a connection: its watchers are gone; TERM/INT/HUP get
 * their default action and are unblocked, so until the session holds them they just end us. */
void signals_session_child(void);

/*
 * Hold mode, outside any event loop: TERM, INT and HUP only note which one came (the last
 * one wins), so a session finishes its up or down commands and decides what it means.
 * signals_hold_begin() forgets what was noted before; signals_hold_end() gives the three
 * the dispositions they had at signals_hold_begin().
 */
void signals_hold_begin(void);
/* After a signal_watch stopped (it leaves TERM/INT/HUP blocked): note again, and let a
 * signal that waited meanwhile be noted now. */
void signals_hold_resume(void);
/* The signal noted since signals_hold_begin(), 0 if none. */
int signals_noted(void);
void signals_hold_end(void);

/* Unblock TERM, INT and HUP (left blocked by signal_watch_stop) with their current
 * dispositions: one that waited is acted on now. */
void signals_release(void);

/* For a forked child that execs other programs: every disposition default, nothing blocked. */
void signals_reset_for_exec(void);

/*
 * An event loop's watch on TERM, INT, HUP and USR1: fn(signum, arg) runs on the loop for
 * each one that arrives. Starting unblocks the four (a signal held since an earlier stop is
 * delivered to fn at once). Stopping blocks TERM, INT and HUP first, so one arriving from then
 * on waits for the caller instead of finding the default, fatal action; the four get back
 * the dispositions they had before signal_watch_start (libev leaves SIG_DFL behind).
 */
#define SIGNAL_WATCH_N 4
typedef void signal_watch_fn(int signum, void *arg);
struct signal_watch {
	struct ev_loop *loop;
	signal_watch_fn *fn;
	void *arg;
	ev_signal w[SIGNAL_WATCH_N];
	struct sigaction saved[SIGNAL_WATCH_N];
};
void signal_watch_start(struct signal_watch *sw, struct ev_loop *loop, signal_watch_fn *fn,
                        void *arg);
void signal_watch_stop(struct signal_watch *sw);

#endif
