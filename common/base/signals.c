/* SPDX-License-Identifier: ISC */
#include "base/signals.h"

#include <stdbool.h>
#include <string.h>

/* The signals that end or restart a session; USR1 only resets a link's counters. */
static const int session_sigs[] = { SIGTERM, SIGINT, SIGHUP };
#define N_SESSION_SIGS (sizeof(session_sigs) / sizeof(session_sigs[0]))
static const int watched_sigs[SIGNAL_WATCH_N] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1 };

static void set_handler(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	(void)sigaction(sig, &sa, NULL);
}

static void mask_session_sigs(int how)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < N_SESSION_SIGS; i++)
		sigaddset(&set, session_sigs[i]);
	sigprocmask(how, &set, NULL);
}

void signals_daemon_defaults(void)
{
	set_handler(SIGPIPE, SIG_IGN);
	set_handler(SIGUSR1, SIG_IGN);
	set_handler(SIGQUIT, SIG_IGN);
}

void signals_client_defaults(void)
{
	set_handler(SIGPIPE, SIG_IGN);
	set_handler(SIGHUP, SIG_IGN);
}

void signals_session_child(void)
{
	for (size_t i = 0; i < N_SESSION_SIGS; i++)
		set_handler(session_sigs[i], SIG_DFL);
	signals_release();
}

/* ---- hold mode ---- */

static volatile sig_atomic_t noted;
static struct sigaction before_hold[N_SESSION_SIGS];

static void note_signal(int sig)
{
	noted = sig;
}

static void install_note(void)
{
	for (size_t i = 0; i < N_SESSION_SIGS; i++)
		set_handler(session_sigs[i], note_signal);
}

void signals_hold_begin(void)
{
	noted = 0;
	for (size_t i = 0; i < N_SESSION_SIGS; i++)
		(void)sigaction(session_sigs[i], NULL, &before_hold[i]);
	install_note();
}

void signals_hold_resume(void)
{
	install_note();
	signals_release();
}

int signals_noted(void)
{
	return noted;
}

void signals_hold_end(void)
{
	for (size_t i = 0; i < N_SESSION_SIGS; i++)
		(void)sigaction(session_sigs[i], &before_hold[i], NULL);
}

void signals_release(void)
{
	mask_session_sigs(SIG_UNBLOCK);
}

void signals_reset_for_exec(void)
{
	sigset_t none;

	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			set_handler(s, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* ---- an event loop's watch ---- */

static void on_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	(void)loop;
	(void)revents;
	struct signal_watch *sw = w->data;
	sw->fn(w->signum, sw->arg);
}

void signal_watch_start(struct signal_watch *sw, struct ev_loop *loop, signal_watch_fn *fn,
                        void *arg)
{
	sigset_t set;

	sw->loop = loop;
	sw->fn = fn;
	sw->arg = arg;
	sigemptyset(&set);
	for (size_t i = 0; i < SIGNAL_WATCH_N; i++) {
		(void)sigaction(watched_sigs[i], NULL, &sw->saved[i]);
		ev_signal_init(&sw->w[i], on_signal, watched_sigs[i]);
		sw->w[i].data = sw;
		ev_signal_start(loop, &sw->w[i]);
		sigaddset(&set, watched_sigs[i]);
	}
	/* libev does not unblock them itself (only with EVFLAG_NOSIGMASK) */
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

void signal_watch_stop(struct signal_watch *sw)
{
	sigset_t usr1;

	/* USR1 too, for the moment between libev's SIG_DFL and the restored disposition */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	mask_session_sigs(SIG_BLOCK);
	for (size_t i = 0; i < SIGNAL_WATCH_N; i++) {
		ev_signal_stop(sw->loop, &sw->w[i]);
		(void)sigaction(watched_sigs[i], &sw->saved[i], NULL);
	}
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
}
