/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/base/daemon.c: the PID file (Debian's format: digits, no newline),
 * and the start-up handshake: whoever started us waits for daemon_ready() and exits 0, or
 * exits 1 if the daemon dies first. The handshake runs in forked children, so the test
 * program itself never detaches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/daemon.h"

static char dir[64];
static char pidfile[128];
static char report[128];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/vtun-test-daemon.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(pidfile, sizeof(pidfile), "%s/vtund.pid", dir);
	snprintf(report, sizeof(report), "%s/report", dir);
	return 0;
}

static int remove_dir(void **state)
{
	(void)state;
	unlink(pidfile);
	unlink(report);
	rmdir(dir);
	return 0;
}

/* Whether fd is open on /dev/null. */
static bool on_dev_null(int fd)
{
	struct stat a, b;
	return fstat(fd, &a) == 0 && stat("/dev/null", &b) == 0 && S_ISCHR(a.st_mode) &&
	       a.st_rdev == b.st_rdev;
}

/* The file's text, or "" if there is none (static buffer). */
static const char *slurp(const char *path)
{
	static char buf[256];
	buf[0] = '\0';
	FILE *f = fopen(path, "r");
	if (!f)
		return buf;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_pidfile(void **state)
{
	(void)state;
	char want[32];
	snprintf(want, sizeof(want), "%d", (int)getpid());

	pidfile_write(pidfile);
	assert_string_equal(slurp(pidfile), want);

	/* an old, longer PID file is replaced, not overwritten in place */
	FILE *f = fopen(pidfile, "w");
	fputs("123456789012345\n", f);
	fclose(f);
	pidfile_write(pidfile);
	assert_string_equal(slurp(pidfile), want);

	/* a directory that does not exist: logged, no file, the caller goes on */
	char bad[192];
	snprintf(bad, sizeof(bad), "%s/missing/vtund.pid", dir);
	pidfile_write(bad);
	assert_int_equal(access(bad, F_OK), -1);
}

/*
 * In a forked child: daemon_start(); the child then waits as the starter would and the
 * daemon (a grandchild) records what it sees, then signals readiness or not.
 */
static int start_daemon(bool ready)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* standard fds on something else first, so that /dev/null afterwards means
		 * daemon_start put it there */
		int sv[2], rfd = -1;
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
			_exit(5);
		for (int fd = 0; fd <= 2; fd++)
			dup2(sv[0], fd);
		if (daemon_start(&rfd) != 0)
			_exit(3);
		/* the daemon: its own session, in /, standard fds on /dev/null */
		char cwd[64] = "";
		bool on_null = on_dev_null(0) && on_dev_null(1) && on_dev_null(2);
		FILE *f = fopen(report, "w");
		if (!f || !getcwd(cwd, sizeof(cwd)))
			_exit(4);
		fprintf(f, "%d %d %s %d %d", (int)getpid(), (int)getsid(0), cwd, on_null,
		        rfd > 2 && fcntl(rfd, F_GETFD) >= 0);
		fclose(f);
		pidfile_write(pidfile);
		if (ready)
			daemon_ready(rfd);
		_exit(0);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void test_handshake_ready(void **state)
{
	(void)state;
	assert_int_equal(start_daemon(true), 0);
	/* the starter returned only after the daemon had written all this */
	int dpid = 0, sid = 0, on_null = 0, has_fd = 0;
	char cwd[64];
	assert_int_equal(sscanf(slurp(report), "%d %d %63s %d %d", &dpid, &sid, cwd, &on_null,
	                        &has_fd), 5);
	assert_int_not_equal(dpid, getpid());
	assert_int_equal(sid, dpid);          /* session leader: detached from our terminal */
	assert_string_equal(cwd, "/");
	assert_int_equal(on_null, 1);
	assert_int_equal(has_fd, 1);
	char want[32];
	snprintf(want, sizeof(want), "%d", dpid);
	assert_string_equal(slurp(pidfile), want);
}

/* The daemon exits before daemon_ready(): the starter reports failure. */
static void test_handshake_died(void **state)
{
	(void)state;
	assert_int_equal(start_daemon(false), 1);
	assert_string_not_equal(slurp(report), "");   /* the daemon did run */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pidfile, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_handshake_ready, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_handshake_died, make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
