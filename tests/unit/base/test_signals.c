/* SPDX-License-Identifier: ISC */
/*
 * Signal dispositions and their hand-off: hold mode notes TERM/INT/HUP instead of dying,
 * a loop's watch delivers them to its callback, its stop leaves them blocked and puts the
 * earlier dispositions back, and a held signal reaches whoever takes over next.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/signals.h"

static void (*disposition(int sig))(int)
{
	struct sigaction sa;
	sigaction(sig, NULL, &sa);
	return sa.sa_handler;
}

static bool blocked(int sig)
{
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigismember(&cur, sig);
}

static int clean_state(void **state)
{
	(void)state;
	signals_reset_for_exec();
	return 0;
}

static void test_hold_notes_instead_of_dying(void **state)
{
	(void)state;
	signal(SIGHUP, SIG_IGN);        /* as a client has it between sessions */
	signals_hold_begin();
	assert_int_equal(signals_noted(), 0);
	raise(SIGTERM);                 /* default action would end this test program */
	assert_int_equal(signals_noted(), SIGTERM);
	raise(SIGHUP);
	assert_int_equal(signals_noted(), SIGHUP);   /* the last one wins */
	signals_hold_end();
	/* back to what they were at signals_hold_begin */
	assert_ptr_equal(disposition(SIGTERM), SIG_DFL);
	assert_ptr_equal(disposition(SIGHUP), SIG_IGN);
	assert_int_equal(signals_noted(), SIGHUP);   /* still readable after the end */
	signals_hold_begin();
	assert_int_equal(signals_noted(), 0);        /* a new hold starts afresh */
	signals_hold_end();
}

struct seen {
	int sig[8];
	int n;
	struct ev_loop *loop;
};

static void record(int signum, void *arg)
{
	struct seen *s = arg;
	if (s->n < 8)
		s->sig[s->n++] = signum;
	ev_break(s->loop, EVBREAK_ALL);
}

static void run_once(struct ev_loop *loop)
{
	ev_run(loop, EVRUN_NOWAIT);
	ev_run(loop, EVRUN_NOWAIT);
}

static void test_watch_delivers_then_leaves_blocked(void **state)
{
	(void)state;
	struct ev_loop *loop = EV_DEFAULT;
	struct seen s = { .loop = loop };
	struct signal_watch sw;
	signal(SIGUSR1, SIG_IGN);

	signals_hold_begin();
	signal_watch_start(&sw, loop, record, &s);
	raise(SIGUSR1);
	raise(SIGINT);
	run_once(loop);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.sig[0] + s.sig[1], SIGUSR1 + SIGINT);
	assert_int_equal(signals_noted(), 0);       /* the loop had them, not the hold */

	signal_watch_stop(&sw);
	assert_true(blocked(SIGTERM) && blocked(SIGINT) && blocked(SIGHUP));
	assert_false(blocked(SIGUSR1));
	assert_ptr_equal(disposition(SIGUSR1), SIG_IGN);   /* restored, not libev's SIG_DFL */
	/* a TERM now waits: neither fatal nor noted yet */
	raise(SIGTERM);
	assert_int_equal(signals_noted(), 0);
	/* the session takes over: the held TERM is noted */
	signals_hold_resume();
	assert_false(blocked(SIGTERM));
	assert_int_equal(signals_noted(), SIGTERM);
	signals_hold_end();
	signal(SIGUSR1, SIG_DFL);
}

static void test_watch_start_takes_a_held_signal(void **state)
{
	(void)state;
	struct ev_loop *loop = EV_DEFAULT;
	struct seen s = { .loop = loop };
	struct signal_watch sw;

	signal_watch_start(&sw, loop, record, &s);
	signal_watch_stop(&sw);
	raise(SIGHUP);                  /* blocked: would otherwise end the program */
	signal_watch_start(&sw, loop, record, &s);   /* unblocks: delivered to the loop */
	run_once(loop);
	signal_watch_stop(&sw);
	signals_release();
	assert_int_equal(s.n, 1);
	assert_int_equal(s.sig[0], SIGHUP);
	assert_ptr_equal(disposition(SIGHUP), SIG_DFL);
}

/* A forked session child: default action and unblocked, so TERM ends it. */
static void test_session_child_dies_on_term(void **state)
{
	(void)state;
	struct ev_loop *loop = EV_DEFAULT;
	struct seen s = { .loop = loop };
	struct signal_watch sw;

	signal_watch_start(&sw, loop, record, &s);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal_watch_stop(&sw);          /* as the listener's child does */
		signals_session_child();
		raise(SIGTERM);
		_exit(0);
	}
	signal_watch_stop(&sw);
	signals_release();
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGTERM);
}

static void test_defaults_and_reset(void **state)
{
	(void)state;
	signals_daemon_defaults();
	assert_ptr_equal(disposition(SIGPIPE), SIG_IGN);
	assert_ptr_equal(disposition(SIGUSR1), SIG_IGN);
	assert_ptr_equal(disposition(SIGQUIT), SIG_IGN);
	signals_reset_for_exec();
	signals_client_defaults();
	assert_ptr_equal(disposition(SIGPIPE), SIG_IGN);
	assert_ptr_equal(disposition(SIGHUP), SIG_IGN);
	assert_ptr_equal(disposition(SIGUSR1), SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signals_reset_for_exec();
	assert_ptr_equal(disposition(SIGPIPE), SIG_DFL);
	assert_ptr_equal(disposition(SIGHUP), SIG_DFL);
	assert_false(blocked(SIGTERM));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_hold_notes_instead_of_dying, clean_state),
		cmocka_unit_test_setup(test_watch_delivers_then_leaves_blocked, clean_state),
		cmocka_unit_test_setup(test_watch_start_takes_a_held_signal, clean_state),
		cmocka_unit_test_setup(test_session_child_dies_on_term, clean_state),
		cmocka_unit_test_setup(test_defaults_and_reset, clean_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
