/* SPDX-License-Identifier: ISC */
/*
 * multi no / killold: a lock file per session name holding the pid of the session process.
 * It is created atomically (temp file + link()) so two sessions can never both win, and a
 * lock whose process is gone is treated as absent.
 */
#include "session/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "base/util.h"
#include "base/wait.h"

#define LOCK_DEFAULT_DIR "/var/lock/vtund"
#define LOCK_TRIES 8              /* bound on create/inspect rounds against races */
#define KILL_GRACE_S 5.0          /* TERM, then this long before KILL */
#define KILLED_GRACE_S 2.0        /* and this long for KILL to take effect */
#define KILL_POLL_S 0.5

static char *lock_dir;

void lock_set_dir(const char *dir)
{
	free(lock_dir);
	lock_dir = dir ? xstrdup(dir) : NULL;
}

static const char *dir_path(void)
{
	return lock_dir ? lock_dir : LOCK_DEFAULT_DIR;
}

/* The name becomes a path component. */
static bool valid_name(const char *name)
{
	return name && *name && strchr(name, '/') == NULL && strcmp(name, ".") != 0 &&
	       strcmp(name, "..") != 0;
}

static char *lock_path(const char *name)
{
	if (!valid_name(name)) {
		log_warnx("invalid session name '%s' for a lock file", name ? name : "(null)");
		return NULL;
	}
	return xasprintf("%s/%s", dir_path(), name);
}

/* pid in the lock; 0 when there is no lock; -1 when it is unreadable or not a pid. */
static long read_lock_pid(const char *path)
{
	char buf[32];
	long pid;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	if (!parse_int(buf, 1, 0x7fffffff, &pid))
		return -1;
	return pid;
}

/* A zombie holds no session any more, even though kill(pid, 0) still succeeds. */
static bool is_zombie(long pid)
{
	char path[64], buf[256];
	bool z = false;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "re");
	if (f == NULL)
		return false;
	if (fgets(buf, sizeof(buf), f)) {
		const char *p = strrchr(buf, ')');  /* the command name may contain anything */
		z = p && p[1] == ' ' && p[2] == 'Z';
	}
	fclose(f);
	return z;
}

static bool pid_alive(long pid)
{
	if (kill((pid_t)pid, 0) < 0 && errno != EPERM)
		return false;
	return !is_zombie(pid);
}

static bool pid_gone(void *arg)
{
	return !pid_alive(*(const long *)arg);
}

static bool wait_gone(long pid, double limit_s)
{
	return wait_until(deadline_in(limit_s), KILL_POLL_S, pid_gone, &pid);
}

static void kill_old(long pid)
{
	log_info("Killing old connection (process %ld)", pid);
	if (kill((pid_t)pid, SIGTERM) < 0 && errno == ESRCH)
		return;
	if (wait_gone(pid, KILL_GRACE_S))
		return;
	kill((pid_t)pid, SIGKILL);
	log_info("Process %ld ignored TERM, killed with KILL", pid);
	wait_gone(pid, KILLED_GRACE_S);
}

/* 1: the lock is ours; 0: a lock exists; -1: error (logged). */
static int try_create(const char *path)
{
	char content[32];
	int len = snprintf(content, sizeof(content), "%ld\n", (long)getpid());
	char *tmp = xasprintf("%s_%ld_tmp", path, (long)getpid());
	int ret = -1;

	unlink(tmp);  /* a leftover of an earlier process with our pid */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		log_warn("Can't create temporary lock file %s", tmp);
		goto out;
	}
	if (write(fd, content, (size_t)len) != len) {
		log_warn("Can't write lock file %s", tmp);
		close(fd);
		goto out_unlink;
	}
	close(fd);
	if (link(tmp, path) == 0)
		ret = 1;
	else if (errno == EEXIST)
		ret = 0;
	else
		log_warn("Can't create lock file %s", path);
out_unlink:
	unlink(tmp);
out:
	free(tmp);
	return ret;
}

/* Remove a lock judged stale, unless it changed hands meanwhile. */
static void remove_stale(const char *path, long seen)
{
	if (read_lock_pid(path) == seen && unlink(path) == 0)
		log_info("Removed stale lock file %s", path);
}

static bool acquire_path(const char *name, const char *path, enum vt_multi policy)
{
	for (int i = 0; i < LOCK_TRIES; i++) {
		int r = try_create(path);
		if (r != 0)
			return r > 0;
		long pid = read_lock_pid(path);
		if (pid == 0)
			continue;               /* vanished meanwhile */
		if (pid < 0 || !pid_alive(pid)) {
			remove_stale(path, pid);
			continue;
		}
		if (pid == (long)getpid())
			return true;            /* we hold it already */
		if (policy != VT_MULTI_KILLOLD) {
			log_info("Session %s is already running (process %ld)", name, pid);
			return false;
		}
		kill_old(pid);
	}
	log_warnx("Can't take lock file %s: it keeps changing", path);
	return false;
}

bool lock_acquire(const char *name, enum vt_multi policy)
{
	if (policy == VT_MULTI_ALLOW)
		return true;
	char *path = lock_path(name);
	if (path == NULL)
		return false;
	if (mkdir(dir_path(), 0755) < 0 && errno != EEXIST)
		log_warn("Can't create lock directory %s", dir_path());
	bool ok = acquire_path(name, path, policy);
	free(path);
	return ok;
}

void lock_release(const char *name)
{
	char *path = lock_path(name);
	if (path == NULL)
		return;
	if (read_lock_pid(path) == (long)getpid() && unlink(path) < 0)
		log_warn("Can't remove lock file %s", path);
	free(path);
}
