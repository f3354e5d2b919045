/* SPDX-License-Identifier: ISC */
/*
 * The link loop driven from outside: a child process runs link_run() on a socketpair
 * "network" and a socketpair "device" (a pipe); the test plays the peer and the device user.
 */
#ifndef VTUN_TEST_LINK_RIG_H
#define VTUN_TEST_LINK_RIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "filter/filter.h"

struct rig_opts {
	bool keepalive;
	int ka_interval, ka_maxfail;
	int cipher;             /* a cipher code (with password "rig"), 0 = no filter chain */
	int dev_buf;            /* > 0: shrink the device socket buffers to this (a slow reader) */
};

struct rig {
	pid_t pid;
	int net;   /* the peer's end of the session socket */
	int user;  /* the device user's end */
};

/* A filter chain with that cipher and the rig's password (the peer's, or the link's); NULL
 * for 0. */
struct filter_chain *rig_chain(int cipher);

void rig_start(struct rig *r, const struct rig_opts *o);
/* Wait for the link to end; its link_end. */
int rig_wait(struct rig *r);

/* Read exactly n bytes within timeout_ms in all. */
void read_exact_within(int fd, void *buf, size_t n, int timeout_ms);
void read_exact(int fd, void *buf, size_t n);
void send_bytes(int fd, const void *b, size_t n);
/* Read one 2-byte frame header and check it. */
void expect_hdr(int fd, uint16_t want);
uint16_t read_hdr(int fd, int timeout_ms);

#endif
