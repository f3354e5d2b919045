/* SPDX-License-Identifier: ISC */
/* hsmsg: the fixed 50-byte handshake block, over socketpairs and pipes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "auth/hsmsg.h"
#include "base/util.h"

static int sv[2];

static int setup(void **state)
{
	(void)state;
	return socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
}

static int teardown(void **state)
{
	(void)state;
	close(sv[0]);
	close(sv[1]);
	return 0;
}

/* Read exactly n raw bytes, then make sure nothing else is pending. */
static void read_raw(int fd, uint8_t *p, size_t n)
{
	size_t off = 0;
	while (off < n) {
		ssize_t r = read(fd, p + off, n - off);
		assert_true(r > 0);
		off += (size_t)r;
	}
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	assert_int_equal(poll(&pf, 1, 50), 0);
}

static void test_send_block(void **state)
{
	uint8_t b[HS_MSG_LEN];

	(void)state;
	assert_int_equal(hsmsg_send(sv[0], "HOST: %s\n", "spAv1"), 0);
	read_raw(sv[1], b, sizeof(b));
	assert_memory_equal(b, "HOST: spAv1\n", 12);
	for (size_t i = 12; i < HS_MSG_LEN; i++)
		assert_int_equal(b[i], 0);
}

static void test_send_truncates_at_48(void **state)
{
	uint8_t b[HS_MSG_LEN];
	char name[61];

	(void)state;
	memset(name, 'x', 60);
	name[60] = '\0';
	assert_int_equal(hsmsg_send(sv[0], "HOST: %s\n", name), 0);
	read_raw(sv[1], b, sizeof(b));
	assert_memory_equal(b, "HOST: ", 6);
	for (size_t i = 6; i < 48; i++)
		assert_int_equal(b[i], 'x');
	assert_int_equal(b[48], 0);   /* the '\n' is lost, as in VTun */
	assert_int_equal(b[49], 0);

	/* exactly 48 characters fit whole */
	memset(name, 'y', 41);
	name[41] = '\0';
	assert_int_equal(hsmsg_send(sv[0], "HOST: %s\n", name), 0);
	read_raw(sv[1], b, sizeof(b));
	assert_int_equal(b[47], '\n');
	assert_int_equal(b[48], 0);
	assert_int_equal(b[49], 0);
}

static void test_recv_roundtrip(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	assert_int_equal(hsmsg_send(sv[0], "OK FLAGS: <%s>\n", "Tu"), 0);
	assert_int_equal(hsmsg_recv(sv[1], m, 1), 0);
	assert_string_equal(m, "OK FLAGS: <Tu>\n");
}

/* A peer that fills all 50 bytes: byte 49 is forced to NUL, the result is a C string. */
static void test_recv_forces_nul(void **state)
{
	char raw[HS_MSG_LEN], m[HS_MSG_LEN + 1];

	(void)state;
	memset(raw, 'A', sizeof(raw));
	assert_int_equal(write(sv[0], raw, sizeof(raw)), HS_MSG_LEN);
	assert_int_equal(hsmsg_recv(sv[1], m, 1), 0);
	assert_int_equal(strlen(m), 49);
	assert_int_equal(m[49], 0);
	assert_int_equal(m[50], 0);
}

static void test_recv_timeout(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	double t0 = mono_now();
	errno = 0;
	assert_int_equal(hsmsg_recv(sv[1], m, 1), -1);
	assert_int_equal(errno, ETIMEDOUT);
	double dt = mono_now() - t0;
	assert_true(dt >= 0.9 && dt < 2.0);
}

/* VTun waits forever after the first byte; we keep one deadline for the whole block. */
static void test_recv_timeout_after_first_byte(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	assert_int_equal(write(sv[0], "VTUN", 4), 4);
	double t0 = mono_now();
	errno = 0;
	assert_int_equal(hsmsg_recv(sv[1], m, 1), -1);
	assert_int_equal(errno, ETIMEDOUT);
	assert_true(mono_now() - t0 < 2.0);
}

static void test_recv_short_then_eof(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	assert_int_equal(write(sv[0], "VTUN server", 11), 11);
	shutdown(sv[0], SHUT_WR);
	errno = 0;
	assert_int_equal(hsmsg_recv(sv[1], m, 5), -1);
	assert_int_equal(errno, ECONNRESET);

	/* EOF with nothing at all */
	errno = 0;
	assert_int_equal(hsmsg_recv(sv[1], m, 5), -1);
	assert_int_equal(errno, ECONNRESET);
}

/* A child writes one block in four pieces with pauses; the reader (non-blocking) gets it whole. */
static void test_recv_split_writes(void **state)
{
	char block[HS_MSG_LEN] = "OK CHAL: <fhlpfchheaaljcmhojoielkegfhfgoak>\n";
	char m[HS_MSG_LEN + 1];
	static const size_t cut[] = { 0, 1, 13, 40, HS_MSG_LEN };

	(void)state;
	assert_int_equal(fcntl(sv[1], F_SETFL, O_NONBLOCK), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		for (size_t i = 0; i + 1 < sizeof(cut) / sizeof(cut[0]); i++) {
			usleep(50000);
			if (write(sv[0], block + cut[i], cut[i + 1] - cut[i]) != (ssize_t)(cut[i + 1] - cut[i]))
				_exit(1);
		}
		_exit(0);
	}
	assert_int_equal(hsmsg_recv(sv[1], m, 2), 0);
	assert_string_equal(m, block);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* Two blocks back to back: each recv takes exactly one. */
static void test_recv_two_blocks(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	assert_int_equal(hsmsg_send(sv[0], "one\n"), 0);
	assert_int_equal(hsmsg_send(sv[0], "two\n"), 0);
	assert_int_equal(hsmsg_recv(sv[1], m, 1), 0);
	assert_string_equal(m, "one\n");
	assert_int_equal(hsmsg_recv(sv[1], m, 1), 0);
	assert_string_equal(m, "two\n");
}

/* Writing to a closed peer fails cleanly instead of killing us with SIGPIPE. */
static void test_send_peer_closed(void **state)
{
	(void)state;
	close(sv[1]);
	sv[1] = open("/dev/null", O_RDONLY);
	assert_int_equal(hsmsg_send(sv[0], "ERR\n"), -1);
	assert_int_equal(errno, EPIPE);
}

/* Pipes are not sockets: the write path falls back to write(). */
static void test_pipe(void **state)
{
	int p[2];
	char m[HS_MSG_LEN + 1];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(hsmsg_send(p[1], "VTUN server ver 3.X\n"), 0);
	assert_int_equal(hsmsg_recv(p[0], m, 1), 0);
	assert_string_equal(m, "VTUN server ver 3.X\n");
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_send_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_truncates_at_48, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recv_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recv_forces_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recv_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recv_timeout_after_first_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recv_short_then_eof, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recv_split_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recv_two_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_send_peer_closed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pipe, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
