/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "rig.h"
#include "link/link.h"

static ssize_t fake_read(struct vt_dev *d, void *buf, size_t len) { return read(d->fd, buf, len); }
static ssize_t fake_write(struct vt_dev *d, const void *buf, size_t len) { return write(d->fd, buf, len); }
static const struct vt_dev_ops fake_ops = { .name = "fake", .read = fake_read, .write = fake_write };

struct filter_chain *rig_chain(int cipher)
{
	if (!cipher)
		return NULL;
	struct vt_host h;
	memset(&h, 0, sizeof(h));
	h.name = (char *)"t";
	h.passwd = (char *)"rig";
	h.cipher = cipher;
	struct filter_chain *c = filter_chain_new(&h);
	assert_non_null(c);
	return c;
}

void rig_start(struct rig *r, const struct rig_opts *o)
{
	int net[2], dev[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, net), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, dev), 0);
	if (o->dev_buf > 0) {
		setsockopt(dev[0], SOL_SOCKET, SO_SNDBUF, &o->dev_buf, sizeof(o->dev_buf));
		setsockopt(dev[1], SOL_SOCKET, SO_RCVBUF, &o->dev_buf, sizeof(o->dev_buf));
	}
	r->pid = fork();
	assert_true(r->pid >= 0);
	if (r->pid == 0) {
		close(net[1]);
		close(dev[1]);
		fcntl(net[0], F_SETFL, O_NONBLOCK);
		fcntl(dev[0], F_SETFL, O_NONBLOCK);
		struct vt_dev d = { .ops = &fake_ops, .type = VT_DEV_PIPE, .fd = dev[0], .peer_fd = -1 };
		struct link_params p = { .name = "t", .sock = net[0], .dev = &d,
		                         .keepalive = o->keepalive, .ka_interval = o->ka_interval,
		                         .ka_maxfail = o->ka_maxfail, .chain = rig_chain(o->cipher) };
		struct link_stats st;
		_exit((int)link_run(&p, &st));
	}
	close(net[0]);
	close(dev[0]);
	r->net = net[1];
	r->user = dev[1];
}

int rig_wait(struct rig *r)
{
	int st;
	assert_int_equal(waitpid(r->pid, &st, 0), r->pid);
	close(r->net);
	close(r->user);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void read_exact_within(int fd, void *buf, size_t n, int timeout_ms)
{
	double end = now_ms() + timeout_ms;
	size_t got = 0;
	while (got < n) {
		int left = (int)(end - now_ms());
		struct pollfd p = { .fd = fd, .events = POLLIN };
		assert_true(left > 0 && poll(&p, 1, left) == 1);
		ssize_t k = read(fd, (char *)buf + got, n - got);
		assert_true(k > 0);
		got += (size_t)k;
	}
}

void read_exact(int fd, void *buf, size_t n) { read_exact_within(fd, buf, n, 5000); }

void send_bytes(int fd, const void *b, size_t n) { assert_int_equal(write(fd, b, n), (ssize_t)n); }

uint16_t read_hdr(int fd, int timeout_ms)
{
	uint8_t h[2];
	read_exact_within(fd, h, 2, timeout_ms);
	return (uint16_t)(h[0] << 8 | h[1]);
}

void expect_hdr(int fd, uint16_t want) { assert_int_equal(read_hdr(fd, 5000), want); }
