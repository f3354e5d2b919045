/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/transport/udp_dgram.c: one VTun frame per datagram, malformed
 * datagrams skipped, the NAT hack's wait for the peer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "transport_rig.h"

static int udp_bound(struct sockaddr_in *sa)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	socklen_t l = sizeof(*sa);
	*sa = (struct sockaddr_in){ .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	assert_int_equal(bind(fd, (struct sockaddr *)sa, sizeof(*sa)), 0);
	getsockname(fd, (struct sockaddr *)sa, &l);
	return fd;
}

static void read_until(struct transport *t, struct seen *s, int want)
{
	for (int i = 0; i < 200 && s->n < want; i++) {
		assert_int_equal(t->ops->read(t, collect, s), RX_OK);
		if (s->n < want)
			usleep(1000);
	}
	assert_int_equal(s->n, want);
}

static void test_udp_datagrams(void **state)
{
	(void)state;
	struct sockaddr_in sa, sb;
	int a = udp_bound(&sa), b = udp_bound(&sb);
	assert_int_equal(connect(a, (struct sockaddr *)&sb, sizeof(sb)), 0);
	assert_int_equal(connect(b, (struct sockaddr *)&sa, sizeof(sa)), 0);
	struct transport *ta = open_on(&transport_udp_ops, a);
	struct transport *tb = open_on(&transport_udp_ops, b);
	assert_true(tb->ops->peer_ready(tb));
	assert_true(ta->ops->queue(ta, FRAME_DATA, (const uint8_t *)"abc", 3));
	assert_true(ta->ops->queue(ta, FRAME_ECHO_REQ, NULL, 0));
	assert_int_equal(ta->ops->flush(ta), TX_SENT);
	/* malformed datagrams are skipped: too short, a length that disagrees */
	assert_int_equal(send(a, "\x00", 1, 0), 1);
	assert_int_equal(send(a, "\x00\x05" "ab", 4, 0), 4);
	assert_int_equal(send(a, "\x00\x01z", 3, 0), 3);
	struct seen s = { 0 };
	read_until(tb, &s, 3);
	assert_int_equal(s.kind[0], FRAME_DATA);
	assert_int_equal(s.first[0], 'a');
	assert_int_equal(s.kind[1], FRAME_ECHO_REQ);
	assert_int_equal(s.first[2], 'z');
	ta->ops->free(ta);
	tb->ops->free(tb);
	close(a);
	close(b);
}

/* A close over UDP leaves as separate datagrams (not one GSO message that a single loss takes
 * out whole), so one lost datagram does not leave the peer's session waiting for a timeout. */
static void test_udp_close_repeated(void **state)
{
	(void)state;
	struct sockaddr_in sa, sb;
	int a = udp_bound(&sa), b = udp_bound(&sb);
	assert_int_equal(connect(a, (struct sockaddr *)&sb, sizeof(sb)), 0);
	assert_int_equal(connect(b, (struct sockaddr *)&sa, sizeof(sa)), 0);
	struct transport *ta = open_on(&transport_udp_ops, a);
	ta->ops->send_close(ta);
	int closes = 0;
	uint8_t r[64];
	for (;;) {
		ssize_t n = recv(b, r, sizeof(r), MSG_DONTWAIT);
		if (n < 0)
			break;
		assert_int_equal(n, 2);
		assert_int_equal(r[0] << 8 | r[1], FRAME_F_CONN_CLOSE);
		closes++;
	}
	assert_int_equal(closes, UDP_CLOSE_COPIES);
	ta->ops->free(ta);
	close(a);
	close(b);
}

static void test_udp_nat_wait(void **state)
{
	(void)state;
	struct sockaddr_in sa, sb;
	int a = udp_bound(&sa), b = udp_bound(&sb);
	fcntl(b, F_SETFL, O_NONBLOCK);
	struct transport_cfg c = { .name = "t", .sock = b, .framing = &rig_vtun, .dgram_max = 4096,
	                           .nat_wait = true, .peer_ip = "127.0.0.1" };
	struct transport *tb = transport_udp_ops.open(&c);
	assert_false(tb->ops->peer_ready(tb));
	assert_true(tb->ops->queue(tb, FRAME_ECHO_REQ, NULL, 0));   /* nowhere to go: dropped */
	assert_int_equal(tb->ops->flush(tb), TX_SENT);
	assert_int_equal(sendto(a, "\x20\x00", 2, 0, (struct sockaddr *)&sb, sizeof(sb)), 2);
	for (int i = 0; i < 200 && !tb->ops->peer_ready(tb); i++)
		usleep(1000);
	assert_true(tb->ops->peer_ready(tb));
	struct seen s = { 0 };
	read_until(tb, &s, 1);
	assert_int_equal(s.kind[0], FRAME_ECHO_REQ);
	assert_true(tb->ops->queue(tb, FRAME_ECHO_REP, NULL, 0));
	assert_int_equal(tb->ops->flush(tb), TX_SENT);
	uint8_t r[4];
	assert_int_equal(recv(a, r, sizeof(r), 0), 2);     /* the reply reached the first sender */
	assert_memory_equal(r, "\x40\x00", 2);
	tb->ops->free(tb);
	close(a);
	close(b);
}

/* The read callback of the run tests: frame n must be data frame n of run_len(n) bytes. */
#define RUN 30
static size_t run_len(int i) { return i == RUN ? 123 : 1300; }
static uint8_t run_byte(int i, size_t j) { return (uint8_t)(i * 13 + j * 5 + (j >> 8)); }

static bool check_run(void *arg, const struct frame *f)
{
	int *n = arg;
	assert_true(*n <= RUN);
	assert_int_equal(f->kind, FRAME_DATA);
	assert_int_equal(f->len, run_len(*n));
	for (size_t j = 0; j < f->len; j++)
		if (f->payload[j] != run_byte(*n, j))
			fail_msg("frame %d byte %zu differs", *n, j);
	(*n)++;
	return true;
}

/* RUN equal frames and a shorter one, flushed in one GSO send. */
static void queue_run(struct transport *ta)
{
	uint8_t p[1300];
	for (int i = 0; i <= RUN; i++) {
		for (size_t j = 0; j < run_len(i); j++)
			p[j] = run_byte(i, j);
		assert_true(ta->ops->queue(ta, FRAME_DATA, p, run_len(i)));
	}
	assert_int_equal(ta->ops->flush(ta), TX_SENT);
}

/* ta sends RUN equal frames and a shorter one in one GSO send; tb must get exactly those. */
static void send_run_and_check(struct transport *ta, struct transport *tb)
{
	queue_run(ta);
	int n = 0;
	for (int i = 0; i < 200 && n <= RUN; i++) {
		assert_int_equal(tb->ops->read(tb, check_run, &n), RX_OK);
		if (n <= RUN)
			usleep(1000);
	}
	assert_int_equal(n, RUN + 1);
	assert_int_equal(tb->ops->read(tb, check_run, &n), RX_OK);
	assert_int_equal(n, RUN + 1);   /* and nothing else */
}

/* A GSO run arrives (coalesced by GRO) as its frames, byte for byte; a third socket's
 * datagram sent after connect() never becomes a frame. */
static void test_udp_gso_run(void **state)
{
	(void)state;
	struct sockaddr_in sa, sb, sc;
	int a = udp_bound(&sa), b = udp_bound(&sb), c = udp_bound(&sc);
	assert_int_equal(connect(a, (struct sockaddr *)&sb, sizeof(sb)), 0);
	assert_int_equal(connect(b, (struct sockaddr *)&sa, sizeof(sa)), 0);
	struct transport *ta = open_on(&transport_udp_ops, a);
	struct transport *tb = open_on(&transport_udp_ops, b);
	assert_int_equal(sendto(c, "\x00\x01z", 3, 0, (struct sockaddr *)&sb, sizeof(sb)), 3);
	send_run_and_check(ta, tb);
	ta->ops->free(ta);
	tb->ops->free(tb);
	close(a);
	close(b);
	close(c);
}

/* With the NAT hack the first datagram the peer sends may be a whole coalesced run. */
static void test_udp_nat_gso_run(void **state)
{
	(void)state;
	struct sockaddr_in sa, sb;
	int a = udp_bound(&sa), b = udp_bound(&sb);
	assert_int_equal(connect(a, (struct sockaddr *)&sb, sizeof(sb)), 0);
	fcntl(b, F_SETFL, O_NONBLOCK);
	struct transport_cfg c = { .name = "t", .sock = b, .framing = &rig_vtun, .dgram_max = 4096,
	                           .nat_wait = true, .peer_ip = "127.0.0.1" };
	struct transport *tb = transport_udp_ops.open(&c);
	struct transport *ta = open_on(&transport_udp_ops, a);
	assert_false(tb->ops->peer_ready(tb));
	queue_run(ta);
	for (int i = 0; i < 200 && !tb->ops->peer_ready(tb); i++)
		usleep(1000);
	assert_true(tb->ops->peer_ready(tb));
	int n = 0;
	for (int i = 0; i < 200 && n <= RUN; i++) {
		assert_int_equal(tb->ops->read(tb, check_run, &n), RX_OK);
		if (n <= RUN)
			usleep(1000);
	}
	assert_int_equal(n, RUN + 1);
	send_run_and_check(ta, tb);   /* and later runs too */
	ta->ops->free(ta);
	tb->ops->free(tb);
	close(a);
	close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_udp_datagrams),
		cmocka_unit_test(test_udp_close_repeated),
		cmocka_unit_test(test_udp_nat_wait),
		cmocka_unit_test(test_udp_gso_run),
		cmocka_unit_test(test_udp_nat_gso_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
