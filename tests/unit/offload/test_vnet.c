/* SPDX-License-Identifier: ISC */
/* offload/vnet.c: the virtio_net_hdr in host form and back, bounded reads, the tun ioctls. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/buf.h"
#include "offload/offload.h"

/* put then read gives the same fields; the 16-bit ones are in native byte order. */
static void test_vnet_round_trip(void **state)
{
	(void)state;
	struct vnet_hdr h = { VNET_F_NEEDS_CSUM, VNET_GSO_TCPV6 | VNET_GSO_ECN, 0x1234, 1428,
			      0xabcd, 16 }, g;
	uint8_t b[VNET_HDR_LEN + 1];
	uint16_t v;
	struct rbuf r;

	memset(b, 0x5a, sizeof(b));
	vnet_hdr_put(&h, b);
	assert_int_equal(b[0], VNET_F_NEEDS_CSUM);
	assert_int_equal(b[1], VNET_GSO_TCPV6 | VNET_GSO_ECN);
	memcpy(&v, b + 2, 2);
	assert_int_equal(v, 0x1234);
	memcpy(&v, b + 6, 2);
	assert_int_equal(v, 0xabcd);
	assert_int_equal(b[VNET_HDR_LEN], 0x5a);        /* exactly 10 bytes written */

	rbuf_init(&r, b, sizeof(b));
	assert_true(vnet_hdr_read(&r, &g));
	assert_int_equal(rbuf_left(&r), 1);             /* exactly 10 bytes consumed */
	assert_int_equal(g.flags, h.flags);
	assert_int_equal(g.gso_type, h.gso_type);
	assert_int_equal(g.hdr_len, h.hdr_len);
	assert_int_equal(g.gso_size, h.gso_size);
	assert_int_equal(g.csum_start, h.csum_start);
	assert_int_equal(g.csum_offset, h.csum_offset);
}

/* Fewer than 10 bytes: refused, and the reader stays failed. */
static void test_vnet_short(void **state)
{
	(void)state;
	uint8_t b[VNET_HDR_LEN] = { 0 };
	struct vnet_hdr h;
	struct rbuf r;

	for (size_t n = 0; n < VNET_HDR_LEN; n++) {
		rbuf_init(&r, b, n);
		assert_false(vnet_hdr_read(&r, &h));
		assert_true(r.failed);
	}
	rbuf_init(&r, NULL, 0);
	assert_false(vnet_hdr_read(&r, &h));
}

static void test_tun_enable_bad_fd(void **state)
{
	(void)state;
	assert_false(offload_tun_enable(-1));
	assert_false(offload_tun_enable(0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vnet_round_trip),
		cmocka_unit_test(test_vnet_short),
		cmocka_unit_test(test_tun_enable_bad_fd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
