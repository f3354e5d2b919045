/* SPDX-License-Identifier: ISC */
#include "base/daemon.h"
#include "base/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int daemon_start(int *ready_fd)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0) {
		log_warn("pipe");
		return -1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		log_warn("fork");
		return -1;
	}
	if (pid > 0) {
		char b;
		close(p[1]);
		ssize_t n;
		do
			n = read(p[0], &b, 1);
		while (n < 0 && errno == EINTR);
		_exit(n == 1 ? 0 : 1);
	}
	close(p[0]);
	setsid();
	if (chdir("/") < 0)
		log_warn("chdir /");
	int nul = open("/dev/null", O_RDWR);
	if (nul >= 0) {
		dup2(nul, 0);
		dup2(nul, 1);
		dup2(nul, 2);
		if (nul > 2)
			close(nul);
	}
	log_set_stderr(false);
	*ready_fd = p[1];
	return 0;
}

void daemon_ready(int ready_fd)
{
	ssize_t n = write(ready_fd, "k", 1);
	(void)n;
	close(ready_fd);
}

void pidfile_write(const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		log_warn("Can't write PID file %s", path);
		return;
	}
	fprintf(f, "%d", (int)getpid());
	fclose(f);
}
