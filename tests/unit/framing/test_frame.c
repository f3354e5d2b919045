/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "framing/frame.h"

static void test_data_lengths(void **state)
{
	size_t len;
	assert_int_equal(frame_classify(0x0054, &len), FRAME_DATA);
	assert_int_equal(len, 0x54);
	assert_int_equal(frame_classify(0x0864, &len), FRAME_DATA); /* 2148: the limit */
	assert_int_equal(len, 2148);
	assert_int_equal(frame_classify(0x0865, &len), FRAME_OVERSIZE);
	assert_int_equal(len, 2149);
	assert_int_equal(frame_classify(0x0fff, &len), FRAME_OVERSIZE);
	assert_int_equal(frame_classify(0x0000, &len), FRAME_EMPTY);
	assert_int_equal(len, 0);
}

static void test_control(void **state)
{
	size_t len = 99;
	assert_int_equal(frame_classify(0x1000, &len), FRAME_CLOSE);
	assert_int_equal(len, 0);
	assert_int_equal(frame_classify(0x2000, &len), FRAME_ECHO_REQ);
	assert_int_equal(frame_classify(0x4000, &len), FRAME_ECHO_REP);
	assert_int_equal(frame_classify(0x8000, &len), FRAME_BAD);
	/* A flag frame never has a payload, whatever its length field says. */
	assert_int_equal(frame_classify(0x2004, &len), FRAME_ECHO_REQ);
	assert_int_equal(len, 0);
	/* Two flags: ignored as an empty frame. */
	assert_int_equal(frame_classify(0x3000, &len), FRAME_IGNORE);
	assert_int_equal(frame_classify(0x6000, &len), FRAME_IGNORE);
}

static void test_put_hdr(void **state)
{
	uint8_t b[2];
	frame_put_hdr(b, 0x2000);
	assert_int_equal(b[0], 0x20);
	assert_int_equal(b[1], 0x00);
	frame_put_hdr(b, 0x0854);
	assert_int_equal(b[0], 0x08);
	assert_int_equal(b[1], 0x54);
	assert_string_equal(frame_kind_name(FRAME_OVERSIZE), "oversized");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_data_lengths),
		cmocka_unit_test(test_control),
		cmocka_unit_test(test_put_hdr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
