/* SPDX-License-Identifier: ISC */
/*
 * LD_PRELOAD shim for the reference vtund in interop tests: a 1-byte write() to a tun/tap
 * file descriptor (character device 10:200, /dev/net/tun) succeeds without reaching the
 * kernel.  VTun writes the peer's 1-byte cipher resync dummy to its device; Linux refuses that
 * with EINVAL and VTun then ends the session (doc/PROTOCOL.md §8.5), which would stop any test that makes
 * a non-ECB cipher resynchronise.  No IP packet is 1 byte long, so nothing else changes.
 *
 *   cc -shared -fPIC -o tun_skip_1byte.so tun_skip_1byte.c
 *   LD_PRELOAD=./tun_skip_1byte.so /usr/sbin/vtund ...
 *
 * Every other write goes to the kernel unchanged through the raw system call.  Each skipped
 * write appends a line "skip IFNAME" to the file named by $TUN_SKIP_LOG, if set, so a test can
 * count the resync dummies that reached each device.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int is_tun(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 10 &&
	       minor(st.st_rdev) == 200;
}

static void note_skip(int tunfd)
{
	const char *path = getenv("TUN_SKIP_LOG");
	struct ifreq ifr;
	char line[IFNAMSIZ + 8];
	int fd, n;

	if (!path)
		return;
	memset(&ifr, 0, sizeof(ifr));
	if (ioctl(tunfd, TUNGETIFF, &ifr) < 0)
		strcpy(ifr.ifr_name, "?");
	n = snprintf(line, sizeof(line), "skip %.*s\n", IFNAMSIZ - 1, ifr.ifr_name);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	/* One write(2) with O_APPEND: lines from several session processes do not interleave. */
	if (syscall(SYS_write, fd, line, (size_t)n) < 0) {
		/* best effort: the count is only reported */
	}
	close(fd);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	if (count == 1 && is_tun(fd)) {
		note_skip(fd);
		return 1;
	}
	return syscall(SYS_write, fd, buf, count);
}
