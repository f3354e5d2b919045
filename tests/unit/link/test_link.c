/* SPDX-License-Identifier: ISC */
/*
 * The link loop driven from outside: a child process runs link_run() on a socketpair
 * "network" and a socketpair "device"; the test plays the peer and the device user.
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
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "framing/frame.h"
#include "link/link.h"

static ssize_t fake_read(struct vt_dev *d, void *buf, size_t len) { return read(d->fd, buf, len); }
static ssize_t fake_write(struct vt_dev *d, const void *buf, size_t len) { return write(d->fd, buf, len); }
static const struct vt_dev_ops fake_ops = { .name = "fake", .read = fake_read, .write = fake_write };

struct rig {
	pid_t pid;
	int net;   /* the peer's end of the session socket */
	int user;  /* the device user's end */
};

static void rig_start(struct rig *r, bool keepalive, int ka_interval, int ka_maxfail)
{
	int net[2], dev[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, net), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, dev), 0);
	r->pid = fork();
	assert_true(r->pid >= 0);
	if (r->pid == 0) {
		close(net[1]);
		close(dev[1]);
		fcntl(net[0], F_SETFL, O_NONBLOCK);
		fcntl(dev[0], F_SETFL, O_NONBLOCK);
		struct vt_dev d = { .ops = &fake_ops, .type = VT_DEV_PIPE, .fd = dev[0], .peer_fd = -1 };
		struct link_params p = { .name = "t", .sock = net[0], .dev = &d, .keepalive = keepalive,
		                         .ka_interval = ka_interval, .ka_maxfail = ka_maxfail };
		struct link_stats st;
		_exit((int)link_run(&p, &st));
	}
	close(net[0]);
	close(dev[0]);
	r->net = net[1];
	r->user = dev[1];
}

/* Read exactly n bytes within 5 s. */
static void read_exact(int fd, void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		assert_true(poll(&p, 1, 5000) == 1);
		ssize_t k = read(fd, (char *)buf + got, n - got);
		assert_true(k > 0);
		got += (size_t)k;
	}
}

static void expect_hdr(int fd, uint16_t want)
{
	uint8_t h[2];
	read_exact(fd, h, 2);
	assert_int_equal((h[0] << 8) | h[1], want);
}

static int rig_wait(struct rig *r)
{
	int st;
	assert_int_equal(waitpid(r->pid, &st, 0), r->pid);
	close(r->net);
	close(r->user);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void send_bytes(int fd, const void *b, size_t n) { assert_int_equal(write(fd, b, n), (ssize_t)n); }

static void test_echo_and_data(void **state)
{
	struct rig r;
	rig_start(&r, false, 30, 4);
	expect_hdr(r.net, FRAME_F_ECHO_REQ);          /* link start */
	send_bytes(r.net, "\x20\x00", 2);              /* our echo request */
	expect_hdr(r.net, FRAME_F_ECHO_REP);

	send_bytes(r.user, "hello", 5);                /* device → frame */
	expect_hdr(r.net, 5);
	char b[16];
	read_exact(r.net, b, 5);
	assert_memory_equal(b, "hello", 5);

	/* frame → device, delivered byte by byte to prove reassembly */
	const uint8_t f[] = { 0x00, 0x03, 'a', 'b', 'c' };
	for (size_t i = 0; i < sizeof(f); i++) {
		send_bytes(r.net, &f[i], 1);
		usleep(2000);
	}
	read_exact(r.user, b, 3);
	assert_memory_equal(b, "abc", 3);

	send_bytes(r.net, "\x10\x00", 2);              /* CONN_CLOSE */
	assert_int_equal(rig_wait(&r), LINK_END_PEER_CLOSED);
}

static void test_oversize_ends_session(void **state)
{
	struct rig r;
	rig_start(&r, false, 30, 4);
	expect_hdr(r.net, FRAME_F_ECHO_REQ);
	send_bytes(r.net, "\x08\x65", 2);              /* 2149 > 2148 */
	expect_hdr(r.net, FRAME_F_CONN_CLOSE);
	assert_int_equal(rig_wait(&r), LINK_END_PROTOCOL);
}

static void test_ignored_frames(void **state)
{
	struct rig r;
	rig_start(&r, false, 30, 4);
	expect_hdr(r.net, FRAME_F_ECHO_REQ);
	/* BAD_FRAME flag, two flags, an echo reply: all ignored; then data still flows. */
	send_bytes(r.net, "\x80\x00\x30\x00\x40\x00\x00\x02hi", 10);
	char b[2];
	read_exact(r.user, b, 2);
	assert_memory_equal(b, "hi", 2);
	kill(r.pid, SIGTERM);
	expect_hdr(r.net, FRAME_F_CONN_CLOSE);
	assert_int_equal(rig_wait(&r), LINK_END_SIG_TERM);
}

static void test_eof(void **state)
{
	struct rig r;
	rig_start(&r, false, 30, 4);
	expect_hdr(r.net, FRAME_F_ECHO_REQ);
	shutdown(r.net, SHUT_WR);
	assert_int_equal(rig_wait(&r), LINK_END_EOF);
}

static void test_keepalive_timeout(void **state)
{
	struct rig r;
	rig_start(&r, true, 1, 1);
	expect_hdr(r.net, FRAME_F_ECHO_REQ);          /* link start */
	expect_hdr(r.net, FRAME_F_ECHO_REQ);          /* keepalive probe on a silent link */
	expect_hdr(r.net, FRAME_F_CONN_CLOSE);        /* then the timeout */
	assert_int_equal(rig_wait(&r), LINK_END_TIMEOUT);
}

static void test_hup(void **state)
{
	struct rig r;
	rig_start(&r, false, 30, 4);
	expect_hdr(r.net, FRAME_F_ECHO_REQ);
	kill(r.pid, SIGHUP);
	expect_hdr(r.net, FRAME_F_CONN_CLOSE);
	assert_int_equal(rig_wait(&r), LINK_END_SIG_HUP);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_echo_and_data),
		cmocka_unit_test(test_oversize_ends_session),
		cmocka_unit_test(test_ignored_frames),
		cmocka_unit_test(test_eof),
		cmocka_unit_test(test_keepalive_timeout),
		cmocka_unit_test(test_hup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
