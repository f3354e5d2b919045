/* SPDX-License-Identifier: ISC */
/* UDP session set-up: port byte order and a real exchange over loopback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "transport/udp_setup.h"

static void test_port_order(void **state)
{
	const uint8_t le5000[2] = { 0x88, 0x13 }, be5000[2] = { 0x13, 0x88 };
	/* the reading that equals the peer's TCP port wins */
	assert_int_equal(udp_port_from_wire(le5000, 5000), 5000);
	assert_int_equal(udp_port_from_wire(be5000, 5000), 5000);
	/* no match (NAT): little-endian, as Debian's peer sends */
	assert_int_equal(udp_port_from_wire(le5000, 6000), 5000);
	assert_int_equal(udp_port_from_wire(be5000, 6000), 0x8813);
}

/* A connected TCP pair on loopback: *srv is the accepted end. */
static void tcp_pair(int *cli, int *srv)
{
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t al = sizeof(a);
	assert_int_equal(bind(l, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(l, 1), 0);
	assert_int_equal(getsockname(l, (struct sockaddr *)&a, &al), 0);
	*cli = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(connect(*cli, (struct sockaddr *)&a, sizeof(a)), 0);
	*srv = accept(l, NULL, NULL);
	assert_true(*srv >= 0);
	close(l);
}

static void exchange(bool nat_wait_server)
{
	int cli, srv;
	tcp_pair(&cli, &srv);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int u = udp_session_setup(srv, 5, nat_wait_server);
		if (u < 0)
			_exit(2);
		char b[16];
		if (nat_wait_server) {
			/* wait for the first datagram, then connect to its sender */
			for (int i = 0; i < 500 && !udp_nat_connect(u, "127.0.0.1"); i++)
				usleep(10000);
		}
		ssize_t n = recv(u, b, sizeof(b), 0);
		if (n != 4 || memcmp(b, "ping", 4) != 0)
			_exit(3);
		_exit(send(u, "pong", 4, 0) == 4 ? 0 : 4);
	}
	close(srv);
	int u = udp_session_setup(cli, 5, false);
	assert_true(u >= 0);
	/* our UDP socket is bound to the TCP connection's local port */
	struct sockaddr_in tl, ul;
	socklen_t l1 = sizeof(tl), l2 = sizeof(ul);
	getsockname(cli, (struct sockaddr *)&tl, &l1);
	getsockname(u, (struct sockaddr *)&ul, &l2);
	assert_int_equal(tl.sin_port, ul.sin_port);
	assert_int_equal(send(u, "ping", 4, 0), 4);
	char b[16];
	assert_int_equal(recv(u, b, sizeof(b), 0), 4);
	assert_memory_equal(b, "pong", 4);
	int st;
	waitpid(pid, &st, 0);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	close(u);
	close(cli);
}

static void test_exchange(void **state) { exchange(false); }
static void test_exchange_nat_hack(void **state) { exchange(true); }

static void test_peer_silent(void **state)
{
	int cli, srv;
	tcp_pair(&cli, &srv);
	/* the peer never sends its port: set-up fails after the timeout instead of hanging */
	assert_int_equal(udp_session_setup(cli, 1, false), -1);
	close(cli);
	close(srv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_port_order),
		cmocka_unit_test(test_exchange),
		cmocka_unit_test(test_exchange_nat_hack),
		cmocka_unit_test(test_peer_silent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
