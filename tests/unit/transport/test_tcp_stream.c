/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/transport/tcp_stream.c: VTun frames cut from a stream that arrives in
 * pieces, a stopped delivery kept for later, backpressure, EOF.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/socket.h>
#include <unistd.h>

#include "transport_rig.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tcp_frames_in_pieces),
		cmocka_unit_test(test_tcp_send_and_backpressure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
