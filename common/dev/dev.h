/* SPDX-License-Identifier: ISC */
/*
 * Local tunnel endpoints: tun/tap interfaces, a socket pair (pipe) and a pseudo-terminal (tty).
 * Each type is an ops table in its own file; the link only sees struct vt_dev.
 */
#ifndef VTUN_DEV_H
#define VTUN_DEV_H

#include <stdbool.h>
#include <sys/types.h>

#include "config/vtconfig.h"

struct vt_dev_ops;

struct vt_dev {
	const struct vt_dev_ops *ops;
	enum vt_dev_type type;
	int fd;             /* what the link polls, reads and writes; O_NONBLOCK, FD_CLOEXEC */
	int peer_fd;        /* pipe: the other socketpair end; tty: the pty slave fd; given to the
	                       up-command process as stdin/stdout; -1 for tun/tap */
	char name[64];      /* value of %d: interface name (tun/tap), slave path (tty), "" (pipe) */
	bool vnet;          /* tun/tap with offloads: every read/write starts with a virtio_net_hdr
	                       and reads may be TCP super-packets/-frames (see offload.h) */
};

struct vt_dev_ops {
	const char *name;
	int (*open)(struct vt_dev *d, const char *want);  /* want = host->device or NULL */
	ssize_t (*read)(struct vt_dev *d, void *buf, size_t len);
	ssize_t (*write)(struct vt_dev *d, const void *buf, size_t len);
	void (*close)(struct vt_dev *d);
};

/* Whether tun/tap devices are opened with TSO/GRO offloads (default on; VTUN_OFFLOAD=0 disables). */
void vt_dev_set_offload(bool on);

/* Open a device of `type`; 0, or -1 with the reason logged (d is left closed). */
int vt_dev_open(struct vt_dev *d, enum vt_dev_type type, const char *want);
/* Close fd and peer_fd; safe to call twice or on a device that never opened. */
void vt_dev_close(struct vt_dev *d);
/* The parent closes its copy of peer_fd once the up-command child holds it. */
void vt_dev_close_peer(struct vt_dev *d);

/* The ops tables (dev_tun.c, dev_pipe.c, dev_tty.c). */
extern const struct vt_dev_ops vt_dev_tun_ops;
extern const struct vt_dev_ops vt_dev_tap_ops;
extern const struct vt_dev_ops vt_dev_pipe_ops;
extern const struct vt_dev_ops vt_dev_tty_ops;

/* Shared by the implementations (dev.c). */
/* Set O_NONBLOCK and FD_CLOEXEC; -1 with errno on failure. */
int dev_fd_setup(int fd, int nonblock);
/* read() retried on EINTR. */
ssize_t dev_read_fd(int fd, void *buf, size_t len);
/* One write() to a non-blocking stream fd, retried on EINTR: the bytes taken (maybe fewer
 * than len), or -1 with errno (EAGAIN when the reader's side is full). Never waits: the
 * link queues the rest and writes it when the fd is writable. */
ssize_t dev_write_some(int fd, const void *buf, size_t len);
/* Generic close: both fds. */
void dev_close_fds(struct vt_dev *d);

#endif
