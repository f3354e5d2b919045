/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/transport/net.c: listening and connecting on the loopback addresses
 * (IPv4 and IPv6, kernel-chosen ports), source binding, address formatting, endpoints of a
 * connected socket, and the socket option helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "transport/net.h"

/* The port a listening socket was given. */
static int bound_port(int fd)
{
	char ip[INET6_ADDRSTRLEN];
	int port = -1;
	assert_true(net_endpoint(fd, true, ip, sizeof(ip), &port));
	assert_true(port > 0);
	return port;
}

/* A port nothing listens on: one the kernel handed out and that was closed again. */
static int free_port(void)
{
	int fd = net_listen("127.0.0.1", NULL, 0, 4);
	assert_true(fd >= 0);
	int port = bound_port(fd);
	close(fd);
	return port;
}

/* Listen on `addr`, connect to it, and check what both ends say about each other. */
static void listen_connect(const char *addr, int family, int af)
{
	int l = net_listen(addr, NULL, 0, family);
	assert_true(l >= 0);
	assert_true(fcntl(l, F_GETFD) & FD_CLOEXEC);
	char ip[INET6_ADDRSTRLEN];
	int port = 0;
	assert_true(net_endpoint(l, true, ip, sizeof(ip), &port));
	assert_string_equal(ip, addr);
	assert_true(port > 0);

	int c = net_connect(addr, port, family, NULL, NULL, 0, 5, false);
	assert_true(c >= 0);
	assert_false(fcntl(c, F_GETFL) & O_NONBLOCK);    /* handed back blocking */
	assert_true(fcntl(c, F_GETFD) & FD_CLOEXEC);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	assert_int_equal(getsockname(c, (struct sockaddr *)&ss, &sl), 0);
	assert_int_equal(ss.ss_family, af);
	int a = accept(l, NULL, NULL);
	assert_true(a >= 0);

	int rport = 0, lport = 0;
	assert_true(net_endpoint(c, false, ip, sizeof(ip), &rport));
	assert_string_equal(ip, addr);
	assert_int_equal(rport, port);
	assert_true(net_endpoint(c, true, ip, sizeof(ip), &lport));
	assert_true(net_endpoint(a, false, ip, sizeof(ip), &rport));
	assert_string_equal(ip, addr);
	assert_int_equal(rport, lport);                   /* the server sees our source port */

	assert_int_equal(write(c, "hi", 2), 2);
	char b[4];
	assert_int_equal(read(a, b, sizeof(b)), 2);
	assert_memory_equal(b, "hi", 2);
	close(a);
	close(c);
	close(l);
}

static void test_v4(void **state)
{
	(void)state;
	listen_connect("127.0.0.1", 4, AF_INET);
	listen_connect("127.0.0.1", 0, AF_INET);
}

static void test_v6(void **state)
{
	(void)state;
	int probe = socket(AF_INET6, SOCK_STREAM, 0);
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	bool have_v6 = probe >= 0 && bind(probe, (struct sockaddr *)&s6, sizeof(s6)) == 0;
	if (probe >= 0)
		close(probe);
	if (!have_v6)
		skip();
	listen_connect("::1", 6, AF_INET6);
	listen_connect("::1", 0, AF_INET6);
}

/* No address and no family: IPv4 "any", as VTun does. */
static void test_listen_any(void **state)
{
	(void)state;
	int l = net_listen(NULL, NULL, 0, 0);
	assert_true(l >= 0);
	char ip[INET6_ADDRSTRLEN];
	int port = 0;
	assert_true(net_endpoint(l, true, ip, sizeof(ip), &port));
	assert_string_equal(ip, "0.0.0.0");
	int c = net_connect("127.0.0.1", port, 4, NULL, NULL, 0, 5, true);
	assert_true(c >= 0);
	close(c);
	close(l);
}

/* An interface's address is used for listening; an unknown interface fails. */
static void test_listen_iface(void **state)
{
	(void)state;
	int l = net_listen(NULL, "lo", 0, 4);
	assert_true(l >= 0);
	char ip[INET6_ADDRSTRLEN];
	int port = 0;
	assert_true(net_endpoint(l, true, ip, sizeof(ip), &port));
	assert_string_equal(ip, "127.0.0.1");
	close(l);
	assert_int_equal(net_listen(NULL, "vtun-no-such0", 0, 4), -1);
}

/* A port in use cannot be listened on again. */
static void test_listen_busy(void **state)
{
	(void)state;
	int l = net_listen("127.0.0.1", NULL, 0, 4);
	assert_true(l >= 0);
	assert_int_equal(net_listen("127.0.0.1", NULL, bound_port(l), 4), -1);
	close(l);
}

static void test_connect_fails(void **state)
{
	(void)state;
	assert_int_equal(net_connect("127.0.0.1", free_port(), 4, NULL, NULL, 0, 5, true), -1);
	assert_int_equal(net_connect(NULL, 5000, 4, NULL, NULL, 0, 5, true), -1);
	assert_int_equal(net_connect("127.0.0.1", 5000, 4, NULL, "vtun-no-such0", 0, 5, true), -1);
}

/* srcaddr: the connection leaves from the address and port asked for. */
static void test_connect_source(void **state)
{
	(void)state;
	int l = net_listen("127.0.0.1", NULL, 0, 4);
	assert_true(l >= 0);
	int sport = free_port();
	int c = net_connect("127.0.0.1", bound_port(l), 4, "127.0.0.1", NULL, sport, 5, false);
	assert_true(c >= 0);
	char ip[INET6_ADDRSTRLEN];
	int port = 0;
	assert_true(net_endpoint(c, true, ip, sizeof(ip), &port));
	assert_string_equal(ip, "127.0.0.1");
	assert_int_equal(port, sport);
	close(c);

	sport = free_port();                              /* a port alone, any address */
	c = net_connect("127.0.0.1", bound_port(l), 4, NULL, NULL, sport, 5, false);
	assert_true(c >= 0);
	assert_true(net_endpoint(c, true, ip, sizeof(ip), &port));
	assert_int_equal(port, sport);
	close(c);

	c = net_connect("127.0.0.1", bound_port(l), 4, NULL, "lo", 0, 5, false);
	assert_true(c >= 0);
	assert_true(net_endpoint(c, true, ip, sizeof(ip), &port));
	assert_string_equal(ip, "127.0.0.1");
	close(c);
	close(l);
}

static void test_format(void **state)
{
	(void)state;
	char b[NET_ADDRSTRLEN];
	struct sockaddr_in s4 = { .sin_family = AF_INET, .sin_port = htons(5000) };
	inet_pton(AF_INET, "10.1.2.3", &s4.sin_addr);
	net_format((struct sockaddr *)&s4, b, sizeof(b));
	assert_string_equal(b, "10.1.2.3:5000");

	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6, .sin6_port = htons(443) };
	inet_pton(AF_INET6, "2001:db8::1", &s6.sin6_addr);
	net_format((struct sockaddr *)&s6, b, sizeof(b));
	assert_string_equal(b, "2001:db8::1:443");

	struct sockaddr su = { .sa_family = AF_UNIX };
	net_format(&su, b, sizeof(b));
	assert_string_equal(b, "?:0");

	char small[6];
	net_format((struct sockaddr *)&s4, small, sizeof(small));   /* truncated, terminated */
	assert_string_equal(small, "10.1.");
}

/* Not connected, or not an IP socket: no endpoint. */
static void test_endpoint_none(void **state)
{
	(void)state;
	char ip[INET6_ADDRSTRLEN];
	int port = 0;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	assert_false(net_endpoint(s, false, ip, sizeof(ip), &port));
	close(s);
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_false(net_endpoint(sv[0], true, ip, sizeof(ip), &port));
	close(sv[0]);
	close(sv[1]);
}

static void test_nonblock(void **state)
{
	(void)state;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(net_set_nonblock(s, true), 0);
	assert_true(fcntl(s, F_GETFL) & O_NONBLOCK);
	assert_int_equal(net_set_nonblock(s, true), 0);   /* already on */
	assert_true(fcntl(s, F_GETFL) & O_NONBLOCK);
	assert_int_equal(net_set_nonblock(s, false), 0);
	assert_false(fcntl(s, F_GETFL) & O_NONBLOCK);
	close(s);
	assert_int_equal(net_set_nonblock(s, true), -1);
	assert_int_equal(errno, EBADF);
}

static int int_opt(int fd, int level, int name)
{
	int v = -1;
	socklen_t l = sizeof(v);
	assert_int_equal(getsockopt(fd, level, name, &v, &l), 0);
	return v;
}

static void test_socket_options(void **state)
{
	(void)state;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(int_opt(s, SOL_SOCKET, SO_KEEPALIVE), 0);
	assert_int_equal(int_opt(s, IPPROTO_TCP, TCP_NODELAY), 0);
	net_tune_session(s);
	assert_int_not_equal(int_opt(s, SOL_SOCKET, SO_KEEPALIVE), 0);
	assert_int_not_equal(int_opt(s, IPPROTO_TCP, TCP_NODELAY), 0);
	close(s);

	/* a UDP socket starts at the default size; asking for 4 MB gets more (capped unless root) */
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	int snd = int_opt(u, SOL_SOCKET, SO_SNDBUF), rcv = int_opt(u, SOL_SOCKET, SO_RCVBUF);
	net_big_buffers(u);
	assert_true(int_opt(u, SOL_SOCKET, SO_SNDBUF) > snd);
	assert_true(int_opt(u, SOL_SOCKET, SO_RCVBUF) > rcv);
	if (geteuid() == 0) {   /* beyond the sysctl cap: the kernel reports twice what was set */
		assert_int_equal(int_opt(u, SOL_SOCKET, SO_SNDBUF), 8 * 1024 * 1024);
		assert_int_equal(int_opt(u, SOL_SOCKET, SO_RCVBUF), 8 * 1024 * 1024);
	}
	close(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v4),
		cmocka_unit_test(test_v6),
		cmocka_unit_test(test_listen_any),
		cmocka_unit_test(test_listen_iface),
		cmocka_unit_test(test_listen_busy),
		cmocka_unit_test(test_connect_fails),
		cmocka_unit_test(test_connect_source),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_endpoint_none),
		cmocka_unit_test(test_nonblock),
		cmocka_unit_test(test_socket_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
