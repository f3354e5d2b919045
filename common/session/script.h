/* SPDX-License-Identifier: ISC */
/*
 * up/down command lists (struct vt_cmd in vtconfig.h): %-macro expansion, argument splitting
 * and running the entries in order with VTun's wait rules.
 */
#ifndef VTUN_SCRIPT_H
#define VTUN_SCRIPT_H

#include <sys/types.h>

#include "config/vtconfig.h"

/* Values of the macros; NULL strings expand to "". */
struct script_env {
	const char *dev;    /* %d %% */
	const char *host;   /* %h */
	const char *laddr;  /* %A */
	int lport;          /* %P */
	const char *raddr;  /* %a */
	int rport;          /* %p */
};

/*
 * Substitute %d %% (device), %A %P %a %p %h; any other %x becomes x and a '%' at the very
 * end is dropped. A backslash copies itself and the next character unchanged (so \%d stays).
 * Returns a malloc'd string, or NULL (logged) when the result would be longer than
 * SCRIPT_EXPAND_MAX: the kernel refuses a longer single argument (MAX_ARG_STRLEN) anyway.
 */
#define SCRIPT_EXPAND_MAX (128 * 1024 - 1)
char *script_expand(const char *args, const struct script_env *env);

/*
 * Split like VTun's PATH form: spaces separate (runs of spaces make no empty arguments);
 * '...' groups (quotes removed; '' is an empty argument); a backslash makes the next
 * character literal and is removed, also inside quotes. A trailing lone backslash is
 * dropped; an unterminated quote runs to the end of the string. No argument limit.
 * Returns argc; *argv_out is NULL-terminated and malloc'd (free with script_argv_free).
 */
int script_split(const char *s, char ***argv_out);
void script_argv_free(char **argv);

/*
 * Run an up list in ONE runner process, entries in order (see the wait rules in vtconfig.h).
 * stdio_fd >= 0 (pipe/tty peer) becomes stdin and stdout of every program, stderr
 * /dev/null; a tty also becomes their controlling terminal (the runner then leads that
 * session until the programs end, so its exit does not hang them up). *ready_fd receives a
 * pipe read end that reaches EOF once every entry with the wait flag has finished.
 * Returns the runner's pid, or -1 (nothing started, *ready_fd = -1). The runner is not the
 * caller's child (init reaps it): there is nothing to wait for and no zombie can be left.
 */
pid_t script_run_up(const struct vt_cmd *list, const struct script_env *env, int stdio_fd,
                    int *ready_fd);

/* Run a down list and wait for it (a waited entry is given up on after 30 s). Returns 0. */
int script_run_down(const struct vt_cmd *list, const struct script_env *env);

/* For tests: shorten the 10 s delay (ppp, wait 2) and the 30 s down-entry limit. */
void script_set_timeouts(int delay_s, int down_limit_s);

#endif
