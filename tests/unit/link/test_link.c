/* SPDX-License-Identifier: ISC */
/* The link loop (see rig.h): echo, data both ways, control frames, the ways a session ends. */
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
#include "rig.h"

static void test_echo_and_data(void **state)
{
	struct rig r;
	rig_start(&r, &(struct rig_opts){ .ka_interval = 30, .ka_maxfail = 4 });
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
	rig_start(&r, &(struct rig_opts){ .ka_interval = 30, .ka_maxfail = 4 });
	expect_hdr(r.net, FRAME_F_ECHO_REQ);
	send_bytes(r.net, "\x08\x65", 2);              /* 2149 > 2148 */
	expect_hdr(r.net, FRAME_F_CONN_CLOSE);
	assert_int_equal(rig_wait(&r), LINK_END_PROTOCOL);
}

static void test_ignored_frames(void **state)
{
	struct rig r;
	rig_start(&r, &(struct rig_opts){ .ka_interval = 30, .ka_maxfail = 4 });
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
	rig_start(&r, &(struct rig_opts){ .ka_interval = 30, .ka_maxfail = 4 });
	expect_hdr(r.net, FRAME_F_ECHO_REQ);
	shutdown(r.net, SHUT_WR);
	assert_int_equal(rig_wait(&r), LINK_END_EOF);
}

static void test_keepalive_timeout(void **state)
{
	struct rig r;
	rig_start(&r, &(struct rig_opts){ .keepalive = true, .ka_interval = 1, .ka_maxfail = 1 });
	expect_hdr(r.net, FRAME_F_ECHO_REQ);          /* link start */
	expect_hdr(r.net, FRAME_F_ECHO_REQ);          /* keepalive probe on a silent link */
	expect_hdr(r.net, FRAME_F_CONN_CLOSE);        /* then the timeout */
	assert_int_equal(rig_wait(&r), LINK_END_TIMEOUT);
}

/*
 * Regression: frames the receive path queues leave at once over TCP, without waiting for
 * device traffic or the keepalive (they waited for either before).
 */
static void test_reply_without_device_traffic(void **state)
{
	struct rig r;
	rig_start(&r, &(struct rig_opts){ .ka_interval = 30, .ka_maxfail = 4, .cipher = 12 });
	expect_hdr(r.net, FRAME_F_ECHO_REQ);
	send_bytes(r.net, "\x20\x00", 2);                       /* echo request */
	assert_int_equal(read_hdr(r.net, 100), FRAME_F_ECHO_REP);
	/* An undecodable frame where an IV belongs: the resync request must go out now. */
	uint8_t junk[2 + 48] = { 0x00, 48 };
	memset(junk + 2, 0xa5, 48);
	send_bytes(r.net, junk, sizeof(junk));
	uint16_t hdr = read_hdr(r.net, 100);
	assert_int_equal(hdr & FRAME_F_MASK, 0);
	assert_true(hdr > 0);
	kill(r.pid, SIGTERM);
	assert_int_equal(rig_wait(&r), LINK_END_SIG_TERM);
}

static void test_hup(void **state)
{
	struct rig r;
	rig_start(&r, &(struct rig_opts){ .ka_interval = 30, .ka_maxfail = 4 });
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
		cmocka_unit_test(test_reply_without_device_traffic),
		cmocka_unit_test(test_hup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
