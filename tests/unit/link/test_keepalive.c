/* SPDX-License-Identifier: ISC */
/* The keepalive count: quiet first period, probes, timeout after more than maxfail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "link/keepalive.h"

static void test_ticks(void **state)
{
	(void)state;
	struct keepalive k = { .maxfail = 2 };
	assert_int_equal(keepalive_tick(&k), KA_NOTHING);
	assert_int_equal(keepalive_tick(&k), KA_PROBE);
	assert_int_equal(keepalive_tick(&k), KA_PROBE);
	assert_int_equal(keepalive_tick(&k), KA_TIMEOUT);
	keepalive_heard(&k);
	assert_int_equal(keepalive_tick(&k), KA_NOTHING);
	assert_int_equal(keepalive_tick(&k), KA_PROBE);
	keepalive_heard(&k);
	assert_int_equal(keepalive_tick(&k), KA_NOTHING);
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_ticks) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
