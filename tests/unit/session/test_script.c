/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/session/script.c: %-macro expansion and splitting against every line of
 * vectors/behaviour/up_down_substitution.txt, the defined behaviour on odd input, and
 * running real up/down lists (wait rules, ready_fd, stdio wiring, logged exit statuses).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dev/dev.h"
#include "session/script.h"
#include "base/util.h"

static char tmpdir[] = "/tmp/test_script.XXXXXX";

/* ---- helpers ---- */

static void check_argv(const char *args, const struct script_env *env, const char *const *want)
{
	char *e = script_expand(args, env);
	char **av;
	int n = script_split(e, &av);
	int i;
	for (i = 0; want[i]; i++) {
		assert_true(i < n);
		assert_string_equal(av[i], want[i]);
	}
	assert_int_equal(n, i);
	assert_null(av[n]);
	script_argv_free(av);
	free(e);
}

static struct vt_cmd *cmd(enum vt_cmd_kind kind, const char *path, const char *args, int wait)
{
	struct vt_cmd *c = xcalloc(1, sizeof(*c));
	c->kind = kind;
	c->path = xstrdup(path);
	c->args = xstrdup(args);
	c->wait = wait;
	return c;
}

static struct vt_cmd *chain(struct vt_cmd *a, struct vt_cmd *b)
{
	struct vt_cmd *t = a;
	while (t->next)
		t = t->next;
	t->next = b;
	return a;
}

static void cmds_free(struct vt_cmd *c)
{
	while (c) {
		struct vt_cmd *n = c->next;
		free(c->path);
		free(c->args);
		free(c);
		c = n;
	}
}

/* Block until EOF on fd; returns the seconds it took. Fails on data or a 20 s timeout. */
static double wait_eof(int fd)
{
	double t0 = mono_now();
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char c;
	assert_int_equal(poll(&p, 1, 20000), 1);
	assert_int_equal(read(fd, &c, 1), 0);
	return mono_now() - t0;
}

/* Running, not a zombie waiting for init to collect it. */
static bool alive(pid_t pid)
{
	char path[64], buf[256];
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return false;
	bool z = false;
	if (fgets(buf, sizeof(buf), f)) {
		const char *p = strrchr(buf, ')');
		z = p && p[1] == ' ' && p[2] == 'Z';
	}
	fclose(f);
	return !z;
}

/*
 * The up runner is not our child (nothing to reap, so never a zombie of ours); check that
 * and that it ends by itself once its list is done.
 */
static void reap(pid_t pid)
{
	assert_int_equal(waitpid(pid, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	for (int i = 0; i < 100 && alive(pid); i++)
		usleep(50000);
	assert_false(alive(pid));
}

static char *path_in_tmp(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Run fn with stderr (where log messages go) captured into a file; returns its text. */
static int saved_stderr = -1;
static char *cap_path;

static void capture_start(void)
{
	free(cap_path);
	cap_path = path_in_tmp("stderr.txt");
	fflush(stderr);
	saved_stderr = dup(2);
	int fd = open(cap_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	dup2(fd, 2);
	close(fd);
}

static char *capture_end(void)
{
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	return slurp(cap_path);
}

/* ---- the captured vectors ---- */

static const struct script_env SRV_UDP = { "spAs40", "spAsub", "10.201.0.1", 34835, "10.201.0.2", 22444 };
static const struct script_env CLI_UDP = { "spAc40", "spAsub", "10.201.0.2", 22444, "10.201.0.1", 34835 };
static const struct script_env SRV_TCP = { "spAs40", "spAsub", "10.201.0.1", 5000, "10.201.0.2", 41763 };
static const struct script_env CLI_TCP = { "spAc40", "spAsub", "0.0.0.0", 0, "10.201.0.1", 5000 };

#define UP_SERVER "up-server d=%d pp=%% A=%A P=%P a=%a p=%p h=%h x=%x 'grouped arg' back\\ slash q\\'uote"
#define UP_CLIENT "up-client d=%d A=%A P=%P a=%a p=%p h=%h"
#define DOWN_SERVER "down-server d=%d A=%A P=%P a=%a p=%p h=%h"
#define DOWN_CLIENT "down-client d=%d A=%A P=%P a=%a p=%p h=%h"

static void test_vectors_udp(void **state)
{
	(void)state;
	check_argv(UP_SERVER, &SRV_UDP, (const char *const[]){ "up-server", "d=spAs40", "pp=spAs40",
		"A=10.201.0.1", "P=34835", "a=10.201.0.2", "p=22444", "h=spAsub", "x=x",
		"grouped arg", "back slash", "q'uote", NULL });
	check_argv(UP_CLIENT, &CLI_UDP, (const char *const[]){ "up-client", "d=spAc40",
		"A=10.201.0.2", "P=22444", "a=10.201.0.1", "p=34835", "h=spAsub", NULL });
	check_argv(DOWN_SERVER, &SRV_UDP, (const char *const[]){ "down-server", "d=spAs40",
		"A=10.201.0.1", "P=34835", "a=10.201.0.2", "p=22444", "h=spAsub", NULL });
	check_argv(DOWN_CLIENT, &CLI_UDP, (const char *const[]){ "down-client", "d=spAc40",
		"A=10.201.0.2", "P=22444", "a=10.201.0.1", "p=34835", "h=spAsub", NULL });
}

static void test_vectors_tcp(void **state)
{
	(void)state;
	check_argv(UP_CLIENT, &CLI_TCP, (const char *const[]){ "up-client", "d=spAc40",
		"A=0.0.0.0", "P=0", "a=10.201.0.1", "p=5000", "h=spAsub", NULL });
	check_argv(UP_SERVER, &SRV_TCP, (const char *const[]){ "up-server", "d=spAs40", "pp=spAs40",
		"A=10.201.0.1", "P=5000", "a=10.201.0.2", "p=41763", "h=spAsub", "x=x",
		"grouped arg", "back slash", "q'uote", NULL });
	check_argv(DOWN_CLIENT, &CLI_TCP, (const char *const[]){ "down-client", "d=spAc40",
		"A=0.0.0.0", "P=0", "a=10.201.0.1", "p=5000", "h=spAsub", NULL });
	check_argv(DOWN_SERVER, &SRV_TCP, (const char *const[]){ "down-server", "d=spAs40",
		"A=10.201.0.1", "P=5000", "a=10.201.0.2", "p=41763", "h=spAsub", NULL });
	/* the ip lines of the same configs */
	check_argv("addr add 10.202.40.1 peer 10.202.40.2 dev %%", &SRV_TCP,
		(const char *const[]){ "addr", "add", "10.202.40.1", "peer", "10.202.40.2", "dev",
		"spAs40", NULL });
	check_argv("link set %% up", &CLI_TCP,
		(const char *const[]){ "link", "set", "spAc40", "up", NULL });
}

/* program "echo shell-run %d > FILE": the shell form, run for real. */
static void test_vector_shell_form(void **state)
{
	(void)state;
	char *out = path_in_tmp("shell_up.txt");
	char *args = xasprintf("echo shell-run %%d > %s", out);
	char *e = script_expand(args, &SRV_UDP);
	char *want = xasprintf("echo shell-run spAs40 > %s", out);
	assert_string_equal(e, want);

	struct vt_cmd *c = cmd(VT_CMD_PROGRAM, NULL, args, VT_WAIT_YES);
	int ready;
	pid_t pid = script_run_up(c, &SRV_UDP, -1, &ready);
	assert_true(pid > 0);
	wait_eof(ready);
	close(ready);
	reap(pid);
	assert_string_equal(slurp(out), "shell-run spAs40\n");
	cmds_free(c);
	free(out);
	free(args);
	free(e);
	free(want);
}

/* ---- expansion and splitting rules ---- */

static void test_expand_rules(void **state)
{
	(void)state;
	const struct script_env env = { "tun7", "h", "1.2.3.4", 1, "5.6.7.8", 65535 };
	const struct script_env empty = { NULL, NULL, NULL, 0, NULL, 0 };
	struct { const char *in; const char *out; } t[] = {
		{ "%d/%%/%A/%P/%a/%p/%h", "tun7/tun7/1.2.3.4/1/5.6.7.8/65535/h" },
		{ "%x%y%Z%1", "xyZ1" },          /* unknown: % dropped */
		{ "100%", "100" },               /* a final % is dropped */
		{ "\\%d", "\\%d" },              /* backslash protects */
		{ "\\\\%d", "\\\\tun7" },        /* an escaped backslash does not */
		{ "a\\", "a\\" },                /* trailing backslash kept by expansion */
		{ "", "" },
		{ "no macros here", "no macros here" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *e = script_expand(t[i].in, &env);
		assert_string_equal(e, t[i].out);
		free(e);
	}
	char *e = script_expand("[%d][%A][%h][%P]", &empty);
	assert_string_equal(e, "[][][][0]");
	free(e);
	e = script_expand(NULL, &env);
	assert_string_equal(e, "");
	free(e);
}

static void test_split_rules(void **state)
{
	(void)state;
	const struct script_env env = { "tun7", "h", "", 0, "", 0 };
	check_argv("  a   b  ", &env, (const char *const[]){ "a", "b", NULL });
	check_argv("", &env, (const char *const[]){ NULL });
	check_argv("   ", &env, (const char *const[]){ NULL });
	check_argv("''", &env, (const char *const[]){ "", NULL });
	check_argv("a '' b", &env, (const char *const[]){ "a", "", "b", NULL });
	check_argv("x'a b'y", &env, (const char *const[]){ "xa by", NULL });
	check_argv("'it\\'s'", &env, (const char *const[]){ "it's", NULL });  /* \ inside quotes */
	check_argv("\\%d", &env, (const char *const[]){ "%d", NULL });
	check_argv("a\\\\b", &env, (const char *const[]){ "a\\b", NULL });
	check_argv("tab\there", &env, (const char *const[]){ "tab\there", NULL }); /* space only */
	/* defined behaviour for broken input */
	check_argv("a b\\", &env, (const char *const[]){ "a", "b", NULL });      /* lone \ dropped */
	check_argv("\\", &env, (const char *const[]){ NULL });
	check_argv("a 'b c", &env, (const char *const[]){ "a", "b c", NULL });   /* runs to end */
	check_argv("'", &env, (const char *const[]){ "", NULL });
	check_argv("dev '%d x'", &env, (const char *const[]){ "dev", "tun7 x", NULL });
}

static void test_split_many_and_long(void **state)
{
	(void)state;
	char **av;
	char *s = xcalloc(1, 100 * 8 + 1);
	for (int i = 0; i < 100; i++)
		sprintf(s + strlen(s), "a%d ", i);
	assert_int_equal(script_split(s, &av), 100);   /* VTun stopped at 48 */
	assert_string_equal(av[0], "a0");
	assert_string_equal(av[99], "a99");
	assert_null(av[100]);
	script_argv_free(av);
	free(s);

	size_t big = 100000;
	s = xmalloc(big + 1);
	memset(s, 'x', big);
	s[big] = '\0';
	s[500] = '%';
	s[501] = 'd';
	const struct script_env env = { "D", "", "", 0, "", 0 };
	char *e = script_expand(s, &env);
	assert_int_equal(strlen(e), big - 1);
	assert_int_equal(script_split(e, &av), 1);
	assert_int_equal(strlen(av[0]), big - 1);
	script_argv_free(av);
	free(e);
	free(s);
	script_argv_free(NULL);
}

/* Past the bound the expansion is refused whole, never cut to a shorter command. */
static void test_expand_too_long_is_refused(void **state)
{
	(void)state;
	const struct script_env env = { "DEV", "", "", 0, "", 0 };
	char *s = xmalloc(SCRIPT_EXPAND_MAX + 1);
	memset(s, 'x', SCRIPT_EXPAND_MAX);
	s[SCRIPT_EXPAND_MAX] = '\0';
	char *e = script_expand(s, &env);          /* exactly the bound: accepted */
	assert_non_null(e);
	assert_int_equal(strlen(e), SCRIPT_EXPAND_MAX);
	free(e);
	s[0] = '%';
	s[1] = 'd';                                /* "%d" becomes "DEV": one over */
	assert_null(script_expand(s, &env));
	free(s);
}

/* ---- running lists ---- */

static const struct script_env RUN_ENV = { "tunX", "myhost", "127.0.0.1", 1, "127.0.0.2", 2 };

static void test_run_wait_before_ready(void **state)
{
	(void)state;
	char *f = path_in_tmp("waited.txt");
	char *args = xasprintf("-c 'sleep 0.3; echo %%h > %s'", f);
	unlink(f);
	struct vt_cmd *c = cmd(VT_CMD_PROGRAM, "/bin/sh", args, VT_WAIT_YES);
	int ready;
	pid_t pid = script_run_up(c, &RUN_ENV, -1, &ready);
	assert_true(pid > 0);
	assert_true(ready >= 0);
	double t = wait_eof(ready);
	assert_true(t >= 0.25);
	assert_string_equal(slurp(f), "myhost\n");  /* written before EOF */
	close(ready);
	reap(pid);
	cmds_free(c);
	free(args);
	free(f);
}

static void test_run_nowait_does_not_block(void **state)
{
	(void)state;
	char *f = path_in_tmp("late.txt");
	char *args = xasprintf("-c 'sleep 1; echo late > %s'", f);
	unlink(f);
	struct vt_cmd *c = cmd(VT_CMD_PROGRAM, "/bin/sh", args, VT_WAIT_NO);
	int ready;
	pid_t pid = script_run_up(c, &RUN_ENV, -1, &ready);
	assert_true(pid > 0);
	assert_true(wait_eof(ready) < 0.8);
	close(ready);
	assert_null(slurp(f));
	reap(pid);                            /* the runner ends without waiting for it */
	/* the program itself still runs (reparented) and finishes */
	for (int i = 0; i < 40 && slurp(f) == NULL; i++)
		usleep(100000);
	assert_string_equal(slurp(f), "late\n");
	cmds_free(c);
	free(args);
	free(f);
}

/* ifconfig/route/firewall/ip always wait, whatever their wait field says; order is kept. */
static void test_run_order_and_forced_wait(void **state)
{
	(void)state;
	char *f = path_in_tmp("order.txt");
	char *a1 = xasprintf("-c 'sleep 0.2; echo one >> %s'", f);
	char *a2 = xasprintf("-c 'echo two >> %s'", f);
	char *a3 = xasprintf("-c 'sleep 0.2; echo three >> %s'", f);
	unlink(f);
	struct vt_cmd *c = chain(cmd(VT_CMD_IP, "/bin/sh", a1, VT_WAIT_NO),
	                   chain(cmd(VT_CMD_ROUTE, "/bin/sh", a2, VT_WAIT_YES),
	                         cmd(VT_CMD_IFCONFIG, "/bin/sh", a3, VT_WAIT_YES)));
	int ready;
	pid_t pid = script_run_up(c, &RUN_ENV, -1, &ready);
	wait_eof(ready);
	assert_string_equal(slurp(f), "one\ntwo\nthree\n");
	close(ready);
	reap(pid);
	cmds_free(c);
	free(a1);
	free(a2);
	free(a3);
	free(f);
}

/* wait 2 and ppp: the runner pauses (10 s normally; 1 s here) before the next entry. */
static void test_run_delay_and_ppp(void **state)
{
	(void)state;
	char *f = path_in_tmp("delay.txt");
	char *args = xasprintf("-c 'echo after > %s'", f);
	unlink(f);
	script_set_timeouts(1, 30);
	struct vt_cmd *c = chain(cmd(VT_CMD_PROGRAM, "/bin/true", NULL, VT_WAIT_DELAY),
	                   chain(cmd(VT_CMD_PPP, "/bin/true", "", VT_WAIT_NO),
	                         cmd(VT_CMD_PROGRAM, "/bin/sh", args, VT_WAIT_YES)));
	int ready;
	pid_t pid = script_run_up(c, &RUN_ENV, -1, &ready);
	double t = wait_eof(ready);
	assert_true(t >= 1.9);
	assert_string_equal(slurp(f), "after\n");
	close(ready);
	reap(pid);
	script_set_timeouts(10, 30);
	cmds_free(c);
	free(args);
	free(f);
}

/* pipe/tty: the device peer is stdin and stdout of the programs, stderr is /dev/null. */
static void test_run_stdio_wiring(void **state)
{
	(void)state;
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	struct vt_cmd *c = cmd(VT_CMD_PROGRAM, "/bin/sh",
	                       "-c 'echo noise >&2; read x; echo got:$x:%d'", VT_WAIT_NO);
	int ready;
	pid_t pid = script_run_up(c, &RUN_ENV, sv[1], &ready);
	close(sv[1]);   /* the parent's copy, as vt_dev_close_peer does */
	assert_int_equal(write(sv[0], "hello\n", 6), 6);
	char buf[64] = { 0 };
	size_t got = 0;
	ssize_t n;
	while ((n = read(sv[0], buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)n;   /* EOF once the program (the last holder) exits */
	assert_string_equal(buf, "got:hello:tunX\n");
	/* a failed exec is still reported on vtund's stderr, not the device's /dev/null */
	struct vt_cmd *bad = cmd(VT_CMD_PROGRAM, "/nonexistent/x", NULL, VT_WAIT_YES);
	int ready2;
	capture_start();
	pid_t pid2 = script_run_up(bad, &RUN_ENV, sv[0], &ready2);
	wait_eof(ready2);
	char *log = capture_end();
	assert_non_null(strstr(log, "Couldn't exec program /nonexistent/x"));
	close(ready2);
	reap(pid2);
	cmds_free(bad);
	wait_eof(ready);
	close(ready);
	close(sv[0]);
	reap(pid);
	cmds_free(c);
}

/* tty: the pty slave is stdin/stdout and the controlling terminal (/dev/tty) of the programs. */
static void test_run_tty_ctty(void **state)
{
	(void)state;
	struct vt_dev d;
	assert_int_equal(vt_dev_open(&d, VT_DEV_TTY, NULL), 0);
	struct vt_cmd *c = cmd(VT_CMD_PROGRAM, "/bin/sh",
	                       "-c 'tty; echo ctty > /dev/tty; read x; echo got:$x'", VT_WAIT_NO);
	const struct script_env env = { d.name, "h", "", 0, "", 0 };
	int ready;
	pid_t pid = script_run_up(c, &env, d.peer_fd, &ready);
	vt_dev_close_peer(&d);
	assert_int_equal(d.ops->write(&d, "hi\n", 3), 3);
	char buf[256] = { 0 };
	size_t got = 0;
	for (;;) {
		struct pollfd p = { .fd = d.fd, .events = POLLIN };
		assert_int_equal(poll(&p, 1, 5000), 1);
		ssize_t n = d.ops->read(&d, buf + got, sizeof(buf) - 1 - got);
		if (n <= 0)
			break;   /* EIO once the last slave holder is gone */
		got += (size_t)n;
	}
	char *want = xasprintf("%s\nctty\ngot:hi\n", d.name);
	assert_string_equal(buf, want);
	free(want);
	wait_eof(ready);
	close(ready);
	reap(pid);
	vt_dev_close(&d);
	cmds_free(c);
}

static void test_run_failures_logged(void **state)
{
	(void)state;
	struct vt_cmd *c = chain(cmd(VT_CMD_PROGRAM, "/bin/sh", "-c 'exit 2'", VT_WAIT_YES),
	                   chain(cmd(VT_CMD_PROGRAM, "/nonexistent/prog", "x", VT_WAIT_YES),
	                   chain(cmd(VT_CMD_PROGRAM, NULL, "kill -9 $$", VT_WAIT_YES),
	                         cmd(VT_CMD_PROGRAM, "/bin/true", NULL, VT_WAIT_YES))));
	int ready;
	capture_start();
	pid_t pid = script_run_up(c, &RUN_ENV, -1, &ready);
	wait_eof(ready);
	reap(pid);
	char *log = capture_end();
	close(ready);
	assert_non_null(strstr(log, "up command '/bin/sh -c 'exit 2'' exited with 2"));
	assert_non_null(strstr(log, "Couldn't exec program /nonexistent/prog: No such file"));
	assert_non_null(strstr(log, "up command '/nonexistent/prog x' exited with 127"));
	assert_non_null(strstr(log, "up command 'kill -9 $$' killed by signal 9"));
	assert_null(strstr(log, "/bin/true"));   /* success is not an event */
	cmds_free(c);
}

static void test_run_empty_list(void **state)
{
	(void)state;
	int ready;
	pid_t pid = script_run_up(NULL, &RUN_ENV, -1, &ready);
	assert_true(pid > 0);
	wait_eof(ready);
	close(ready);
	reap(pid);
	assert_int_equal(script_run_down(NULL, &RUN_ENV), 0);
}

static void test_run_down_synchronous(void **state)
{
	(void)state;
	char *f = path_in_tmp("down.txt");
	char *args = xasprintf("-c 'sleep 0.3; echo down-%%h > %s'", f);
	unlink(f);
	struct vt_cmd *c = cmd(VT_CMD_PROGRAM, "/bin/sh", args, VT_WAIT_YES);
	assert_int_equal(script_run_down(c, &RUN_ENV), 0);
	assert_string_equal(slurp(f), "down-myhost\n");
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);   /* nothing left to reap */
	assert_int_equal(errno, ECHILD);
	cmds_free(c);
	free(args);
	free(f);
}

/* A hanging waited down entry is given up on after the limit (30 s; 1 s here). */
static void test_run_down_bounded(void **state)
{
	(void)state;
	script_set_timeouts(10, 1);
	struct vt_cmd *c = cmd(VT_CMD_PROGRAM, "/bin/sh", "-c 'exec sleep 3'", VT_WAIT_YES);
	capture_start();
	double t0 = mono_now();
	assert_int_equal(script_run_down(c, &RUN_ENV), 0);
	double t = mono_now() - t0;
	char *log = capture_end();
	assert_true(t >= 0.9 && t < 2.5);
	assert_non_null(strstr(log, "still running after 1 s"));
	script_set_timeouts(10, 30);
	cmds_free(c);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char *cmdline = xasprintf("rm -rf '%s'", tmpdir);
	int r = system(cmdline);
	free(cmdline);
	free(cap_path);
	return r == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_udp),
		cmocka_unit_test(test_vectors_tcp),
		cmocka_unit_test(test_vector_shell_form),
		cmocka_unit_test(test_expand_rules),
		cmocka_unit_test(test_split_rules),
		cmocka_unit_test(test_split_many_and_long),
		cmocka_unit_test(test_expand_too_long_is_refused),
		cmocka_unit_test(test_run_wait_before_ready),
		cmocka_unit_test(test_run_nowait_does_not_block),
		cmocka_unit_test(test_run_order_and_forced_wait),
		cmocka_unit_test(test_run_delay_and_ppp),
		cmocka_unit_test(test_run_stdio_wiring),
		cmocka_unit_test(test_run_tty_ctty),
		cmocka_unit_test(test_run_failures_logged),
		cmocka_unit_test(test_run_empty_list),
		cmocka_unit_test(test_run_down_synchronous),
		cmocka_unit_test(test_run_down_bounded),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
