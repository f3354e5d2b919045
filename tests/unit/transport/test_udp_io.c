/* SPDX-License-Identifier: ISC */
/* Batched UDP I/O: every queued frame arrives as exactly one datagram, in order, intact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "framing/frame.h"
#include "transport/udp_io.h"

static void udp_pair(int *a, int *b)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in sb = sa;
	socklen_t l = sizeof(sa);
	*a = socket(AF_INET, SOCK_DGRAM, 0);
	*b = socket(AF_INET, SOCK_DGRAM, 0);
	assert_int_equal(bind(*a, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(bind(*b, (struct sockaddr *)&sb, sizeof(sb)), 0);
	getsockname(*a, (struct sockaddr *)&sa, &l);
	l = sizeof(sb);
	getsockname(*b, (struct sockaddr *)&sb, &l);
	assert_int_equal(connect(*a, (struct sockaddr *)&sb, sizeof(sb)), 0);
	assert_int_equal(connect(*b, (struct sockaddr *)&sa, sizeof(sa)), 0);
	int sz = 4 << 20;
	setsockopt(*b, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz));
}

/* Byte j of frame i's payload: differs between frames and along each one. */
static uint8_t pattern(int i, size_t j) { return (uint8_t)(i * 31 + j * 7 + (j >> 8)); }

/* Queue VTun data frame i of `len` payload bytes. */
static bool add_frame(struct udp_tx *q, int i, size_t len)
{
	uint8_t f[FRAME_HDR_LEN + 4096];
	frame_put_hdr(f, (uint16_t)len);
	for (size_t j = 0; j < len; j++)
		f[FRAME_HDR_LEN + j] = pattern(i, j);
	return udp_tx_add(q, f, FRAME_HDR_LEN + len);
}

/* Is d exactly frame i of `len` payload bytes? */
static void check_frame(const struct udp_rx_dgram *d, int i, size_t len)
{
	assert_int_equal(d->len, FRAME_HDR_LEN + len);
	assert_int_equal((d->data[0] << 8) | d->data[1], len);
	for (size_t j = 0; j < len; j++)
		if (d->data[FRAME_HDR_LEN + j] != pattern(i, j))
			fail_msg("frame %d byte %zu differs", i, j);
}

/* Read from fd until `n` datagrams have come or 100 ms pass; checks each against sizes[] and
 * returns how many reads (buffers) carried them. */
static int expect_frames(struct udp_rx *r, int fd, const size_t *sizes, int n)
{
	int seen = 0, bufs = 0;
	for (int tries = 0; seen < n && tries < 100; tries++) {
		int got = udp_rx_read(r, fd);
		assert_true(got >= 0);
		if (got == 0) {
			usleep(1000);
			continue;
		}
		bufs += got;
		struct udp_rx_dgram d;
		while (udp_rx_next(r, &d)) {
			assert_true(seen < n);
			check_frame(&d, seen, sizes[seen]);
			seen++;
		}
	}
	assert_int_equal(seen, n);
	assert_int_equal(udp_rx_read(r, fd), 0);   /* nothing more than was sent */
	return bufs;
}

/* Queue frames of the given sizes, flush, and check what arrives; the number of buffers
 * they came in. */
static int roundtrip(const size_t *sizes, int n)
{
	int a, b;
	udp_pair(&a, &b);
	struct udp_tx *q = udp_tx_new(FRAME_HDR_LEN + FRAME_MAX_PAYLOAD);
	struct udp_rx *r = udp_rx_new(FRAME_HDR_LEN + 4096, b);
	for (int i = 0; i < n; i++)
		assert_true(add_frame(q, i, sizes[i]));
	assert_int_equal(udp_tx_count(q), n);
	assert_int_equal(udp_tx_flush(q, a), 0);
	assert_int_equal(udp_tx_count(q), 0);
	int bufs = expect_frames(r, b, sizes, n);
	udp_tx_free(q);
	udp_rx_free(r);
	close(a);
	close(b);
	return bufs;
}

static void equal_run(size_t *s, int n)
{
	for (int i = 0; i < n; i++)
		s[i] = 1400;
	s[n - 1] = 300;   /* a shorter last one rides in the same GSO send */
}

/* A GSO run reaches a GRO reader as one buffer and is split back into the same frames. */
static void test_equal_sizes(void **state)
{
	size_t s[40];
	equal_run(s, 40);
	int bufs = roundtrip(s, 40);
	assert_true(bufs < 40);   /* the kernel did coalesce (GRO and GSO on by default) */
}

static void test_mixed_sizes(void **state)
{
	size_t s[64];
	for (int i = 0; i < 64; i++)
		s[i] = (size_t)(1 + (i * 397) % 2148);
	roundtrip(s, 64);
}

/* With GRO off, or refused, every datagram is one buffer. */
static void test_gro_off(void **state)
{
	size_t s[40];
	equal_run(s, 40);
	setenv("VTUN_UDP_GRO", "0", 1);
	int bufs = roundtrip(s, 40);
	unsetenv("VTUN_UDP_GRO");
	assert_int_equal(bufs, 40);
}

/* A socket that has no UDP_GRO (here a Unix datagram socket) is still read datagram by
 * datagram. */
static void test_gro_refused(void **state)
{
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	struct udp_rx *r = udp_rx_new(FRAME_HDR_LEN + 4096, sv[1]);
	assert_false(udp_rx_gro(r));
	size_t s[10];
	equal_run(s, 10);
	for (int i = 0; i < 10; i++) {   /* no GSO on a Unix socket: send one by one */
		uint8_t f[FRAME_HDR_LEN + 1400];
		frame_put_hdr(f, (uint16_t)s[i]);
		for (size_t j = 0; j < s[i]; j++)
			f[FRAME_HDR_LEN + j] = pattern(i, j);
		assert_int_equal(send(sv[0], f, FRAME_HDR_LEN + s[i], 0), (ssize_t)(FRAME_HDR_LEN + s[i]));
	}
	assert_int_equal(expect_frames(r, sv[1], s, 10), 10);
	udp_rx_free(r);
	close(sv[0]);
	close(sv[1]);
}

/* Datagrams queued before connect() may come from anyone: udp_rx_from tells them apart,
 * also for every datagram split out of a coalesced run. */
static void test_source_check(void **state)
{
	int a, b;
	udp_pair(&a, &b);
	int stranger = socket(AF_INET, SOCK_DGRAM, 0);
	/* b is connected to a; a datagram from elsewhere can only be queued by racing connect,
	 * so simulate it with an unconnected receiver */
	int c = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in sc = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	assert_int_equal(bind(c, (struct sockaddr *)&sc, sizeof(sc)), 0);
	socklen_t l = sizeof(sc);
	getsockname(c, (struct sockaddr *)&sc, &l);
	assert_int_equal(connect(stranger, (struct sockaddr *)&sc, sizeof(sc)), 0);
	assert_int_equal(connect(a, (struct sockaddr *)&sc, sizeof(sc)), 0);
	struct udp_rx *r = udp_rx_new(FRAME_HDR_LEN + 4096, c);
	struct udp_tx *q = udp_tx_new(FRAME_HDR_LEN + FRAME_MAX_PAYLOAD);
	/* runs of 5 equal datagrams: the stranger's frames say 's', the peer's 'p' */
	for (int k = 0; k < 5; k++)
		assert_true(udp_tx_add(q, "\x00\x02sx", 4));
	assert_int_equal(udp_tx_flush(q, stranger), 0);
	for (int k = 0; k < 5; k++)
		assert_true(udp_tx_add(q, "\x00\x02py", 4));
	assert_int_equal(udp_tx_flush(q, a), 0);
	struct sockaddr_storage peer;
	l = sizeof(peer);
	getsockname(a, (struct sockaddr *)&peer, &l);
	int got = 0;
	for (int tries = 0; got < 10 && tries < 100; tries++) {
		if (udp_rx_read(r, c) <= 0) {
			usleep(1000);
			continue;
		}
		struct udp_rx_dgram d;
		while (udp_rx_next(r, &d)) {
			assert_int_equal(d.len, 4);
			assert_int_equal(udp_rx_from(&d, &peer), d.data[2] == 'p');
			got++;
		}
	}
	assert_int_equal(got, 10);
	udp_tx_free(q);
	udp_rx_free(r);
	close(a); close(b); close(c); close(stranger);
}

/* A datagram longer than max_dgram reads as max_dgram + 1 bytes ("too long"), with GRO's big
 * buffers as with GRO off, where the kernel cuts it. */
static void test_too_long(void **state)
{
	for (int gro = 1; gro >= 0; gro--) {
		int a, b;
		udp_pair(&a, &b);
		if (!gro)
			setenv("VTUN_UDP_GRO", "0", 1);
		struct udp_rx *r = udp_rx_new(64, b);
		unsetenv("VTUN_UDP_GRO");
		assert_int_equal(udp_rx_gro(r), gro);
		uint8_t big[100] = { 0 };
		assert_int_equal(send(a, big, sizeof(big), 0), (ssize_t)sizeof(big));
		assert_int_equal(send(a, big, 64, 0), 64);
		size_t want[2] = { 65, 64 };
		int seen = 0;
		for (int tries = 0; seen < 2 && tries < 100; tries++) {
			if (udp_rx_read(r, b) <= 0) {
				usleep(1000);
				continue;
			}
			struct udp_rx_dgram d;
			while (udp_rx_next(r, &d))
				assert_int_equal(d.len, want[seen++]);
		}
		assert_int_equal(seen, 2);
		udp_rx_free(r);
		close(a);
		close(b);
	}
}

static void test_full_queue(void **state)
{
	struct udp_tx *q = udp_tx_new(FRAME_HDR_LEN + FRAME_MAX_PAYLOAD);
	for (int i = 0; i < UDP_IO_BATCH; i++)
		assert_true(add_frame(q, i, 10));
	assert_false(udp_tx_room(q, 1, 12));
	assert_false(add_frame(q, 0, 10));
	udp_tx_clear(q);
	assert_true(udp_tx_room(q, UDP_IO_BATCH, 12));
	assert_true(add_frame(q, 0, 10));
	udp_tx_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_sizes),
		cmocka_unit_test(test_mixed_sizes),
		cmocka_unit_test(test_gro_off),
		cmocka_unit_test(test_gro_refused),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_full_queue),
		cmocka_unit_test(test_source_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
