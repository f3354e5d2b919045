/* SPDX-License-Identifier: ISC */
/*
 * The transport ops tables with the VTun framing: TCP (frames cut from a stream that arrives
 * in pieces, a stopped delivery kept for later, backpressure, EOF) and UDP (one frame per
 * datagram, malformed datagrams skipped, the NAT hack's wait for the peer).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "transport/transport.h"

static struct framing vtun = { .ops = &framing_vtun_ops };

struct seen {
	int n;
	int stop_after;            /* 0 = never stop */
	enum frame_kind kind[16];
	size_t len[16];
	uint8_t first[16];
};

static bool collect(void *arg, const struct frame *f)
{
	struct seen *s = arg;
	assert_true(s->n < 16);
	s->kind[s->n] = f->kind;
	s->len[s->n] = f->len;
	s->first[s->n] = f->len ? f->payload[0] : 0;
	s->n++;
	return !(s->stop_after && s->n % s->stop_after == 0);
}

static struct transport *open_on(const struct transport_ops *ops, int fd)
{
	fcntl(fd, F_SETFL, O_NONBLOCK);
	struct transport_cfg c = { .name = "t", .sock = fd, .framing = &vtun, .dgram_max = 4096 };
	return ops->open(&c);
}

static void test_tcp_frames_in_pieces(void **state)
{
	(void)state;
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	struct transport *t = open_on(&transport_tcp_ops, sv[0]);
	const uint8_t wire[] = { 0x00, 0x03, 'a', 'b', 'c', 0x20, 0x00, 0x00, 0x02, 'x', 'y' };
	struct seen s = { 0 };
	for (size_t i = 0; i < sizeof(wire); i++) {
		assert_int_equal(write(sv[1], &wire[i], 1), 1);
		assert_int_equal(t->ops->read(t, collect, &s), RX_OK);
	}
	assert_int_equal(s.n, 3);
	assert_int_equal(s.kind[0], FRAME_DATA);
	assert_int_equal(s.len[0], 3);
	assert_int_equal(s.first[0], 'a');
	assert_int_equal(s.kind[1], FRAME_ECHO_REQ);
	assert_int_equal(s.first[2], 'x');

	/* a callback that stops keeps the rest for the next call */
	struct seen p = { .stop_after = 1 };
	assert_int_equal(write(sv[1], wire, sizeof(wire)), (ssize_t)sizeof(wire));
	assert_int_equal(t->ops->read(t, collect, &p), RX_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(t->ops->read(t, collect, &p), RX_OK);
	assert_int_equal(p.n, 2);
	assert_int_equal(t->ops->read(t, collect, &p), RX_OK);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.first[2], 'x');

	close(sv[1]);
	assert_int_equal(t->ops->read(t, collect, &s), RX_EOF);
	t->ops->free(t);
	close(sv[0]);
}

static void test_tcp_send_and_backpressure(void **state)
{
	(void)state;
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	struct transport *t = open_on(&transport_tcp_ops, sv[0]);
	assert_true(t->ops->queue(t, FRAME_DATA, (const uint8_t *)"hi", 2));
	assert_true(t->ops->queue(t, FRAME_ECHO_REP, NULL, 0));
	assert_int_equal(t->ops->flush(t), TX_SENT);
	uint8_t b[8];
	assert_int_equal(read(sv[1], b, sizeof(b)), 6);
	assert_memory_equal(b, "\x00\x02hi\x40\x00", 6);

	/* a peer that does not read: the queue fills, flush says so, queue refuses */
	static uint8_t big[2048];
	enum tx_state st = TX_SENT;
	int frames = 0;
	while (t->ops->room(t, 1, sizeof(big) + 2)) {
		assert_true(t->ops->queue(t, FRAME_DATA, big, sizeof(big)));
		st = t->ops->flush(t);
		frames++;
		assert_true(frames < 10000);
	}
	assert_int_equal(st, TX_FULL);
	assert_false(t->ops->queue(t, FRAME_DATA, big, sizeof(big)));
	t->ops->free(t);
	close(sv[0]);
	close(sv[1]);
}

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

static void test_udp_nat_wait(void **state)
{
	(void)state;
	struct sockaddr_in sa, sb;
	int a = udp_bound(&sa), b = udp_bound(&sb);
	fcntl(b, F_SETFL, O_NONBLOCK);
	struct transport_cfg c = { .name = "t", .sock = b, .framing = &vtun, .dgram_max = 4096,
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tcp_frames_in_pieces),
		cmocka_unit_test(test_tcp_send_and_backpressure),
		cmocka_unit_test(test_udp_datagrams),
		cmocka_unit_test(test_udp_nat_wait),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
