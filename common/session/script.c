/* SPDX-License-Identifier: ISC */
/*
 * up/down commands: %-macro expansion and splitting exactly as VTun 3.0 does it (see the
 * spec's vectors/behaviour/up_down_substitution.txt), and a runner process that starts the
 * entries in order and waits where VTun waits. Unlike VTun, non-zero exit statuses are logged.
 */
#include "session/script.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/log.h"
#include "base/signals.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "base/wait.h"

static int delay_secs = 10;      /* ppp and `wait 2`: pause after starting the entry */
static int down_limit_secs = 30; /* a waited down entry is given up on after this */

void script_set_timeouts(int delay_s, int down_limit_s)
{
	delay_secs = delay_s;
	down_limit_secs = down_limit_s;
}

/* ---- expansion ---- */

static void put_macro(struct strbuf *b, char m, const struct script_env *env)
{
	switch (m) {
	case 'd':
	case '%':
		strbuf_puts(b, env->dev);
		break;
	case 'A':
		strbuf_puts(b, env->laddr);
		break;
	case 'a':
		strbuf_puts(b, env->raddr);
		break;
	case 'P':
	case 'p':
		strbuf_printf(b, "%d", m == 'P' ? env->lport : env->rport);
		break;
	case 'h':
		strbuf_puts(b, env->host);
		break;
	default:
		strbuf_putc(b, m);  /* unknown %x: the '%' is dropped */
		break;
	}
}

char *script_expand(const char *args, const struct script_env *env)
{
	struct strbuf b;
	const char *s = args ? args : "";

	strbuf_init(&b, SCRIPT_EXPAND_MAX);
	while (*s) {
		if (*s == '\\') {
			/* the backslash and what follows pass unchanged; splitting handles them */
			strbuf_putc(&b, *s++);
			if (*s)
				strbuf_putc(&b, *s++);
		} else if (*s == '%') {
			s++;
			if (*s)
				put_macro(&b, *s++, env);
		} else {
			strbuf_putc(&b, *s++);
		}
	}
	if (b.failed) {
		log_warnx("command arguments longer than %d characters once expanded",
		          SCRIPT_EXPAND_MAX);
		strbuf_free(&b);
		return NULL;
	}
	return strbuf_take(&b);
}

/* ---- splitting ---- */

struct argv_builder {
	char **v;
	int n, cap;
};

static void av_push(struct argv_builder *a, char *s)
{
	if (a->n + 2 > a->cap) {
		int ncap = a->cap ? a->cap * 2 : 16;
		char **nv = xcalloc((size_t)ncap, sizeof(*nv));
		if (a->v) {
			memcpy(nv, a->v, (size_t)a->n * sizeof(*nv));
			free(a->v);
		}
		a->v = nv;
		a->cap = ncap;
	}
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

int script_split(const char *s, char ***argv_out)
{
	struct argv_builder a = { 0 };
	struct strbuf cur;
	bool in_arg = false, quoted = false;

	s = s ? s : "";
	strbuf_init(&cur, strlen(s));   /* an argument is never longer than the whole string */
	for (; *s; s++) {
		if (*s == '\\') {
			if (s[1] == '\0')
				break;          /* a lone trailing backslash is dropped */
			strbuf_putc(&cur, *++s);
			in_arg = true;
		} else if (*s == '\'') {
			quoted = !quoted;
			in_arg = true;          /* '' is an (empty) argument */
		} else if (*s == ' ' && !quoted) {
			if (in_arg)
				av_push(&a, strbuf_take(&cur));
			in_arg = false;
		} else {
			strbuf_putc(&cur, *s);
			in_arg = true;
		}
	}
	if (in_arg)
		av_push(&a, strbuf_take(&cur));  /* an unterminated quote ends with the string */
	else
		strbuf_free(&cur);
	if (a.v == NULL)
		a.v = xcalloc(1, sizeof(*a.v));
	*argv_out = a.v;
	return a.n;
}

void script_argv_free(char **argv)
{
	if (argv == NULL)
		return;
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}

/* ---- running ---- */

/* One entry ready to exec: the argv and the text used in log messages. */
struct prepared {
	const char *path;
	char **argv;
	char *desc;
};

static bool prepare(const struct vt_cmd *c, const struct script_env *env, struct prepared *p)
{
	char *args = script_expand(c->args, env);

	memset(p, 0, sizeof(*p));
	if (args == NULL)
		return false;   /* logged */
	if (c->path == NULL) {
		if (c->kind != VT_CMD_PROGRAM) {
			log_warnx("command '%s' has no program path, skipped", args);
			free(args);
			return false;
		}
		/* program without PATH: the expanded string goes to the shell unchanged */
		p->path = "/bin/sh";
		p->argv = xcalloc(4, sizeof(char *));
		p->argv[0] = xstrdup("sh");
		p->argv[1] = xstrdup("-c");
		p->argv[2] = args;
		p->desc = xstrdup(args);
		return true;
	}
	char **split;
	int n = script_split(args, &split);
	p->path = c->path;
	p->argv = xcalloc((size_t)n + 2, sizeof(char *));
	p->argv[0] = xstrdup(c->path);
	memcpy(p->argv + 1, split, (size_t)n * sizeof(char *));
	free(split);  /* the strings now belong to p->argv */
	p->desc = *args ? xasprintf("%s %s", c->path, args) : xstrdup(c->path);
	free(args);
	return true;
}

static void prepared_free(struct prepared *p)
{
	script_argv_free(p->argv);
	free(p->desc);
}

/* In the program's child: wire stdio, keep vtund's other fds out of it, exec. */
static void __attribute__((noreturn)) exec_entry(const struct prepared *p, int stdio_fd)
{
	int saved_err = -1;  /* vtund's stderr, to report a failed exec */

	if (stdio_fd >= 0) {
		saved_err = fcntl(2, F_DUPFD_CLOEXEC, 3);
		/* move it out of the way first: dup2 onto itself would keep FD_CLOEXEC */
		int fd = fcntl(stdio_fd, F_DUPFD_CLOEXEC, 3);
		if (fd < 0 || dup2(fd, 0) < 0 || dup2(fd, 1) < 0)
			_exit(126);
		int null = open("/dev/null", O_WRONLY);
		if (null < 0 || dup2(null, 2) < 0)
			_exit(126);
		if (null > 2)
			close(null);
	}
	/* sockets and devices of vtund must not live on in the programs */
	(void)close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
	execv(p->path, p->argv);
	int e = errno;
	if (saved_err >= 0)
		dup2(saved_err, 2);
	errno = e;
	log_warn("Couldn't exec program %s", p->path);
	_exit(127);
}

static void log_status(const char *what, const char *desc, int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		log_warnx("%s command '%s' exited with %d", what, desc, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		log_warnx("%s command '%s' killed by signal %d", what, desc, WTERMSIG(status));
}

/* Wait for pid; limit_s <= 0: as long as it takes. False when the limit ran out. */
static bool wait_entry(pid_t pid, int limit_s, int *status)
{
	if (limit_s <= 0) {
		for (;;) {
			pid_t r = waitpid(pid, status, 0);
			if (r == pid)
				return true;
			if (r < 0 && errno != EINTR)
				return false;
		}
	}
	return wait_child(pid, status, deadline_in(limit_s)) == pid;
}

struct runner {
	const char *what;        /* "up" / "down" */
	int stdio_fd;
	int ready_wfd;           /* closed when nothing waited for remains; -1 when done */
	int limit_s;             /* bound for waited entries, 0 = none */
	struct started { pid_t pid; char *desc; } *kids;
	size_t nkids;
};

static bool wait_needed(const struct vt_cmd *c)
{
	return c->wait == VT_WAIT_YES || (c->kind != VT_CMD_PROGRAM && c->kind != VT_CMD_PPP);
}

static void release_ready_if_done(struct runner *r, const struct vt_cmd *rest)
{
	for (; rest; rest = rest->next)
		if (wait_needed(rest))
			return;
	if (r->ready_wfd >= 0) {
		close(r->ready_wfd);
		r->ready_wfd = -1;
	}
}

static void forget_kid(struct runner *r, pid_t pid, int status, bool log_it)
{
	for (size_t i = 0; i < r->nkids; i++) {
		if (r->kids[i].pid == pid) {
			if (log_it)
				log_status(r->what, r->kids[i].desc, status);
			r->kids[i].pid = -1;
		}
	}
}

static void run_one(struct runner *r, const struct vt_cmd *c, const struct script_env *env)
{
	struct prepared p;
	int status;

	if (!prepare(c, env, &p))
		return;
	log_debug("running %s command '%s'", r->what, p.desc);
	pid_t pid = fork();
	if (pid < 0) {
		log_warn("%s command '%s': fork", r->what, p.desc);
		prepared_free(&p);
		return;
	}
	if (pid == 0)
		exec_entry(&p, r->stdio_fd);

	struct started *nk = xcalloc(r->nkids + 1, sizeof(*nk));
	if (r->kids)
		memcpy(nk, r->kids, r->nkids * sizeof(*nk));
	free(r->kids);
	r->kids = nk;
	r->kids[r->nkids++] = (struct started){ pid, xstrdup(p.desc) };

	if (wait_needed(c)) {
		if (wait_entry(pid, r->limit_s, &status))
			forget_kid(r, pid, status, true);
		else
			log_warnx("%s command '%s' still running after %d s, not waiting any longer",
			          r->what, p.desc, r->limit_s);
	} else if (c->kind == VT_CMD_PPP || c->wait == VT_WAIT_DELAY) {
		/* VTun pauses here to let the program settle; reap it if it is done early */
		struct deadline settle = deadline_in(delay_secs);
		if (wait_child(pid, &status, settle) == pid) {
			forget_kid(r, pid, status, true);
			wait_sleep(settle, delay_secs);
		}
	}
	prepared_free(&p);
}

/* Log the programs that already ended; the rest are left to init when the runner exits. */
static void reap_finished(struct runner *r)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		forget_kid(r, pid, status, true);
	for (size_t i = 0; i < r->nkids; i++)
		free(r->kids[i].desc);
	free(r->kids);
}

/*
 * tty: the pty slave becomes the programs' controlling terminal, as pppd expects. The
 * session leader's exit would send SIGHUP to the programs, so the runner then stays until
 * they are all gone (it is not the caller's child, nobody waits for it).
 */
static bool become_tty_session(struct runner *r)
{
	if (setsid() < 0 || ioctl(r->stdio_fd, TIOCSCTTY, 0) < 0) {
		log_warn("%s commands: can't make the pty the controlling terminal", r->what);
		return false;
	}
	return true;
}

/* The session leader waits for every program it started, logging how they ended. */
static void reap_all(struct runner *r)
{
	int status;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &status, 0);
		if (pid > 0)
			forget_kid(r, pid, status, true);
		else if (errno != EINTR)
			break;
	}
}

static void __attribute__((noreturn))
runner_main(struct runner *r, const struct vt_cmd *list, const struct script_env *env)
{
	bool session = false;

	/* The runner must not inherit vtund's signal handling, and neither may the programs. */
	signals_reset_for_exec();
	if (r->stdio_fd >= 0 && isatty(r->stdio_fd))
		session = become_tty_session(r);
	for (const struct vt_cmd *c = list; c; c = c->next) {
		release_ready_if_done(r, c);
		run_one(r, c, env);
	}
	release_ready_if_done(r, NULL);
	if (session)
		reap_all(r);
	reap_finished(r);
	_exit(0);
}

static pid_t start_runner(const char *what, const struct vt_cmd *list,
                          const struct script_env *env, int stdio_fd, int ready_wfd, int limit_s)
{
	struct runner r = { .what = what, .stdio_fd = stdio_fd, .ready_wfd = ready_wfd,
	                    .limit_s = limit_s };

	fflush(NULL);  /* or buffered output would be written twice */
	pid_t pid = fork();
	if (pid < 0)
		log_warn("%s commands: fork", what);
	else if (pid == 0)
		runner_main(&r, list, env);
	return pid;
}

/*
 * The up runner may outlive the link (a long `wait` entry, a tty session), and the caller
 * may never wait for it, so it is started through a short-lived middle process: the runner
 * becomes init's child and can never linger as our zombie. Its pid comes back over a pipe.
 */
pid_t script_run_up(const struct vt_cmd *list, const struct script_env *env, int stdio_fd,
                    int *ready_fd)
{
	int p[2], pp[2];
	pid_t runner = -1;

	*ready_fd = -1;
	if (pipe2(p, O_CLOEXEC) < 0) {
		log_warn("up commands: pipe");
		return -1;
	}
	if (pipe2(pp, O_CLOEXEC) < 0) {
		log_warn("up commands: pipe");
		close(p[0]);
		close(p[1]);
		return -1;
	}
	fflush(NULL);
	pid_t mid = fork();
	if (mid == 0) {
		close(p[0]);
		close(pp[0]);
		runner = start_runner("up", list, env, stdio_fd, p[1], 0);
		_exit(write(pp[1], &runner, sizeof(runner)) == sizeof(runner) ? 0 : 1);
	}
	close(p[1]);
	close(pp[1]);
	if (mid < 0)
		log_warn("up commands: fork");
	else {
		if (read(pp[0], &runner, sizeof(runner)) != sizeof(runner))
			runner = -1;
		while (waitpid(mid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	close(pp[0]);
	if (runner < 0) {
		close(p[0]);
		return -1;
	}
	*ready_fd = p[0];
	return runner;
}

int script_run_down(const struct vt_cmd *list, const struct script_env *env)
{
	if (list == NULL)
		return 0;
	pid_t pid = start_runner("down", list, env, -1, -1, down_limit_secs);
	if (pid < 0)
		return 0;
	for (;;) {
		pid_t r = waitpid(pid, NULL, 0);
		if (r == pid || (r < 0 && errno != EINTR))
			break;
	}
	return 0;
}
