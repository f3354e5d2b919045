/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/session/lock.c: the multi policies with real processes holding the lock
 * (deny, killold with a child that obeys TERM and one that ignores it), stale and garbage
 * locks, invalid names, and release never touching another process's lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "session/lock.h"
#include "base/util.h"

static char tmpdir[] = "/tmp/test_lock.XXXXXX";

static char *lock_file(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Content of the lock, or "" when there is none. */
static const char *lock_content(const char *name)
{
	static char buf[64];
	char *p = lock_file(name);
	FILE *f = fopen(p, "r");
	free(p);
	buf[0] = '\0';
	if (f) {
		size_t n = fread(buf, 1, sizeof(buf) - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	return buf;
}

static const char *my_content(void)
{
	static char buf[32];
	snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	return buf;
}

/*
 * A child that takes the lock `name` (policy deny) and sleeps; ignore_term makes it ignore
 * SIGTERM. Returns once the child holds the lock.
 */
static pid_t holder(const char *name, bool ignore_term)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		if (ignore_term)
			signal(SIGTERM, SIG_IGN);
		char ok = lock_acquire(name, VT_MULTI_DENY) ? 'y' : 'n';
		if (write(p[1], &ok, 1) != 1)
			_exit(3);
		for (;;)
			pause();
	}
	close(p[1]);
	char ok = 0;
	assert_int_equal(read(p[0], &ok, 1), 1);
	close(p[0]);
	assert_int_equal(ok, 'y');
	return pid;
}

static int capture_fd = -1;
static char capture_path[256];

static void capture_start(void)
{
	snprintf(capture_path, sizeof(capture_path), "%s.log", tmpdir);
	fflush(stderr);
	capture_fd = dup(2);
	int fd = open(capture_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	dup2(fd, 2);
	close(fd);
}

static const char *capture_end(void)
{
	static char buf[4096];
	fflush(stderr);
	dup2(capture_fd, 2);
	close(capture_fd);
	FILE *f = fopen(capture_path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	unlink(capture_path);
	return buf;
}

static void test_allow_takes_no_lock(void **state)
{
	(void)state;
	assert_true(lock_acquire("allowed", VT_MULTI_ALLOW));
	assert_true(lock_acquire("allowed", VT_MULTI_ALLOW));
	assert_string_equal(lock_content("allowed"), "");
}

static void test_deny_free_then_release(void **state)
{
	(void)state;
	assert_true(lock_acquire("s1", VT_MULTI_DENY));
	assert_string_equal(lock_content("s1"), my_content());
	assert_true(lock_acquire("s1", VT_MULTI_DENY));     /* already ours */
	lock_release("s1");
	assert_string_equal(lock_content("s1"), "");
	lock_release("s1");                                /* nothing there: harmless */
	/* no temp file left behind */
	char *tmp = xasprintf("%s/s1_%ld_tmp", tmpdir, (long)getpid());
	assert_int_equal(access(tmp, F_OK), -1);
	free(tmp);
}

static void test_deny_live_holder(void **state)
{
	(void)state;
	pid_t child = holder("busy", false);
	char want[32];
	snprintf(want, sizeof(want), "%ld\n", (long)child);
	assert_string_equal(lock_content("busy"), want);

	assert_false(lock_acquire("busy", VT_MULTI_DENY));
	assert_string_equal(lock_content("busy"), want);     /* untouched */
	lock_release("busy");                               /* not ours: stays */
	assert_string_equal(lock_content("busy"), want);

	/* the holder dies without cleaning up: its lock is stale */
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, NULL, 0), child);
	assert_true(lock_acquire("busy", VT_MULTI_DENY));
	assert_string_equal(lock_content("busy"), my_content());
	lock_release("busy");
}

static void test_killold_term(void **state)
{
	(void)state;
	pid_t child = holder("old", false);
	capture_start();
	double t0 = mono_now();
	bool ok = lock_acquire("old", VT_MULTI_KILLOLD);
	double t = mono_now() - t0;
	const char *log = capture_end();
	assert_true(ok);
	assert_true(t < 3.0);
	int st;
	assert_int_equal(waitpid(child, &st, 0), child);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGTERM);
	assert_string_equal(lock_content("old"), my_content());
	char want[64];
	snprintf(want, sizeof(want), "Killing old connection (process %ld)", (long)child);
	assert_non_null(strstr(log, want));
	assert_null(strstr(log, "ignored TERM"));
	lock_release("old");
}

/* The holder even zombie-waits for us: a zombie counts as dead (we are its parent). */
static void test_killold_ignores_term(void **state)
{
	(void)state;
	pid_t child = holder("stubborn", true);
	capture_start();
	double t0 = mono_now();
	bool ok = lock_acquire("stubborn", VT_MULTI_KILLOLD);
	double t = mono_now() - t0;
	const char *log = capture_end();
	assert_true(ok);
	assert_true(t >= 4.5 && t < 8.0);   /* 10 x 0.5 s, then KILL */
	int st;
	assert_int_equal(waitpid(child, &st, 0), child);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGKILL);
	char want[64];
	snprintf(want, sizeof(want), "Process %ld ignored TERM, killed with KILL", (long)child);
	assert_non_null(strstr(log, want));
	assert_string_equal(lock_content("stubborn"), my_content());
	lock_release("stubborn");
}

static void test_stale_and_garbage(void **state)
{
	(void)state;
	/* a pid that surely is dead: a reaped child */
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	assert_int_equal(waitpid(dead, NULL, 0), dead);
	char text[32];
	snprintf(text, sizeof(text), "%ld\n", (long)dead);
	char *p = lock_file("stale");
	write_file(p, text);
	assert_true(lock_acquire("stale", VT_MULTI_DENY));
	assert_string_equal(lock_content("stale"), my_content());
	lock_release("stale");

	const char *junk[] = { "", "abc\n", "-5\n", "0\n", "99999999999999\n", "12 34\n" };
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		write_file(p, junk[i]);
		assert_true(lock_acquire("stale", VT_MULTI_KILLOLD));
		assert_string_equal(lock_content("stale"), my_content());
		lock_release("stale");
	}
	free(p);
}

/* Someone else's live lock (pid 1) is neither taken nor released. */
static void test_foreign_lock_untouched(void **state)
{
	(void)state;
	char *p = lock_file("init");
	write_file(p, "1\n");
	assert_false(lock_acquire("init", VT_MULTI_DENY));
	lock_release("init");
	assert_string_equal(lock_content("init"), "1\n");
	unlink(p);
	free(p);
}

static void test_bad_names(void **state)
{
	(void)state;
	const char *bad[] = { "", "a/b", "/abs", "..", ".", "../x" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(lock_acquire(bad[i], VT_MULTI_DENY));
		assert_false(lock_acquire(bad[i], VT_MULTI_KILLOLD));
		lock_release(bad[i]);
	}
	assert_false(lock_acquire(NULL, VT_MULTI_DENY));
	lock_release(NULL);
	/* odd but harmless names are fine */
	assert_true(lock_acquire("a..b", VT_MULTI_DENY));
	lock_release("a..b");
	assert_true(lock_acquire("with space", VT_MULTI_DENY));
	lock_release("with space");
}

static void test_dir_created(void **state)
{
	(void)state;
	char *sub = xasprintf("%s/sub", tmpdir);
	lock_set_dir(sub);
	assert_true(lock_acquire("x", VT_MULTI_DENY));
	struct stat st;
	assert_int_equal(stat(sub, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0755);
	lock_release("x");
	rmdir(sub);
	lock_set_dir(tmpdir);
	free(sub);
}

static int setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	lock_set_dir(tmpdir);
	umask(022);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	lock_set_dir(NULL);
	return rmdir(tmpdir) == 0 ? 0 : -1;   /* fails if a lock or temp file was left */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allow_takes_no_lock),
		cmocka_unit_test(test_deny_free_then_release),
		cmocka_unit_test(test_deny_live_holder),
		cmocka_unit_test(test_killold_term),
		cmocka_unit_test(test_killold_ignores_term),
		cmocka_unit_test(test_stale_and_garbage),
		cmocka_unit_test(test_foreign_lock_untouched),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_dir_created),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
