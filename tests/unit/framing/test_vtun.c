/* SPDX-License-Identifier: ISC */
/* The VTun framing row: encode, stream decode (partial input) and datagram decode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "framing/framing.h"

static struct framing fr = { .ops = &framing_vtun_ops };

static void test_sizes(void **state)
{
	(void)state;
	assert_int_equal(framing_vtun_ops.overhead, 2);
	assert_int_equal(framing_vtun_ops.max_payload, 2148);
	assert_int_equal(framing_vtun_ops.max_dev, 2048);
	assert_int_equal(framing_frame_max(&fr), 2150);
}

static void test_encode(void **state)
{
	(void)state;
	uint8_t out[16];
	assert_int_equal(fr.ops->encode(&fr, out, FRAME_DATA, (const uint8_t *)"abc", 3), 5);
	assert_memory_equal(out, "\x00\x03" "abc", 5);
	assert_int_equal(fr.ops->encode(&fr, out, FRAME_ECHO_REQ, NULL, 0), 2);
	assert_memory_equal(out, "\x20\x00", 2);
	assert_int_equal(fr.ops->encode(&fr, out, FRAME_ECHO_REP, NULL, 0), 2);
	assert_memory_equal(out, "\x40\x00", 2);
	assert_int_equal(fr.ops->encode(&fr, out, FRAME_CLOSE, NULL, 0), 2);
	assert_memory_equal(out, "\x10\x00", 2);
}

static void test_stream(void **state)
{
	(void)state;
	const uint8_t in[] = { 0x00, 0x03, 'a', 'b', 'c', 0x20, 0x00, 0x00, 0x05, 'x' };
	struct frame f;
	/* every prefix of the first frame is incomplete */
	for (size_t n = 0; n < 5; n++)
		assert_int_equal(fr.ops->decode_stream(&fr, in, n, &f), 0);
	assert_int_equal(fr.ops->decode_stream(&fr, in, sizeof(in), &f), 5);
	assert_int_equal(f.kind, FRAME_DATA);
	assert_int_equal(f.len, 3);
	assert_ptr_equal(f.payload, in + 2);
	assert_int_equal(fr.ops->decode_stream(&fr, in + 5, 5, &f), 2);
	assert_int_equal(f.kind, FRAME_ECHO_REQ);
	assert_int_equal(fr.ops->decode_stream(&fr, in + 7, 3, &f), 0);   /* 5 announced, 1 here */
	/* an oversized header is taken alone; the link ends the session on it */
	assert_int_equal(fr.ops->decode_stream(&fr, (const uint8_t *)"\x08\x65", 2, &f), 2);
	assert_int_equal(f.kind, FRAME_OVERSIZE);
	assert_int_equal(f.len, 2149);
}

static void test_dgram(void **state)
{
	(void)state;
	struct frame f;
	assert_int_equal(fr.ops->decode_dgram(&fr, (const uint8_t *)"\x00", 1, &f), DGRAM_SHORT);
	assert_int_equal(fr.ops->decode_dgram(&fr, (const uint8_t *)"\x00\x03" "ab", 4, &f),
	                 DGRAM_LENGTH);
	assert_int_equal(f.len, 3);
	assert_int_equal(fr.ops->decode_dgram(&fr, (const uint8_t *)"\x00\x02" "abc", 5, &f),
	                 DGRAM_LENGTH);
	assert_int_equal(fr.ops->decode_dgram(&fr, (const uint8_t *)"\x00\x02" "ab", 4, &f), DGRAM_OK);
	assert_int_equal(f.kind, FRAME_DATA);
	assert_memory_equal(f.payload, "ab", 2);
	assert_int_equal(fr.ops->decode_dgram(&fr, (const uint8_t *)"\x20\x07", 2, &f), DGRAM_OK);
	assert_int_equal(f.kind, FRAME_ECHO_REQ);
	static uint8_t big[2 + 2149] = { 0x08, 0x65 };
	assert_int_equal(fr.ops->decode_dgram(&fr, big, sizeof(big), &f), DGRAM_OVERSIZE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_dgram),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
