/* SPDX-License-Identifier: ISC */
/*
 * The link's device side with a pipe whose reader stalls. Regression: writes to the device
 * used to wait (up to 2 s each, then end the session) when the reader did not read; now
 * bytes queue, the loop keeps answering the peer, a full queue stops reading the socket,
 * and nothing is lost once the reader resumes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "framing/frame.h"
#include "link/link.h"
#include "rig.h"

#define CHUNK 2048

static uint8_t pattern(size_t i) { return (uint8_t)(i * 131 + i / 7); }

/* Send `total` bytes of pattern as data frames from a child (the link may hold the socket). */
static pid_t send_data_frames(int net, size_t total)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid > 0)
		return pid;
	uint8_t f[FRAME_HDR_LEN + CHUNK];
	for (size_t off = 0; off < total; off += CHUNK) {
		size_t n = total - off < CHUNK ? total - off : CHUNK;
		frame_put_hdr(f, (uint16_t)n);
		for (size_t i = 0; i < n; i++)
			f[FRAME_HDR_LEN + i] = pattern(off + i);
		if (write(net, f, FRAME_HDR_LEN + n) != (ssize_t)(FRAME_HDR_LEN + n))
			_exit(1);
	}
	_exit(0);
}

static void expect_pattern(int user, size_t total)
{
	uint8_t *got = malloc(total);
	read_exact(user, got, total);
	for (size_t i = 0; i < total; i++)
		if (got[i] != pattern(i))
			fail_msg("byte %zu differs", i);
	free(got);
}

static void wait_sender(pid_t pid)
{
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* More than the device takes: the link still answers an echo request at once. */
static void test_stalled_reader_echo(void **state)
{
	(void)state;
	struct rig r;
	rig_start(&r, &(struct rig_opts){ .ka_interval = 30, .ka_maxfail = 4, .dev_buf = 4096 });
	expect_hdr(r.net, FRAME_F_ECHO_REQ);
	const size_t total = 128 * 1024;
	wait_sender(send_data_frames(r.net, total));
	send_bytes(r.net, "\x20\x00", 2);
	assert_int_equal(read_hdr(r.net, 500), FRAME_F_ECHO_REP);
	expect_pattern(r.user, total);                   /* the reader resumes: all of it */
	send_bytes(r.net, "\x10\x00", 2);
	assert_int_equal(rig_wait(&r), LINK_END_PEER_CLOSED);
}

/* Far more than the queue holds: the socket waits, and bytes in == bytes out in order. */
static void test_stalled_reader_backpressure(void **state)
{
	(void)state;
	struct rig r;
	rig_start(&r, &(struct rig_opts){ .ka_interval = 30, .ka_maxfail = 4, .dev_buf = 4096 });
	expect_hdr(r.net, FRAME_F_ECHO_REQ);
	const size_t total = 3 * 1024 * 1024 + 999;
	pid_t sender = send_data_frames(r.net, total);
	usleep(300000);                                  /* the reader stalls */
	expect_pattern(r.user, total);
	wait_sender(sender);
	send_bytes(r.net, "\x20\x00", 2);
	assert_int_equal(read_hdr(r.net, 500), FRAME_F_ECHO_REP);
	/* data queued before a close still reaches the device */
	pid_t last = send_data_frames(r.net, 64 * 1024);
	wait_sender(last);
	send_bytes(r.net, "\x10\x00", 2);
	expect_pattern(r.user, 64 * 1024);
	assert_int_equal(rig_wait(&r), LINK_END_PEER_CLOSED);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stalled_reader_echo),
		cmocka_unit_test(test_stalled_reader_backpressure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
