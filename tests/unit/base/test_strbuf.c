/* SPDX-License-Identifier: ISC */
/* The bounded growing string: growth, the bound, and that nothing is ever cut silently. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"

static void test_empty_is_a_string(void **state)
{
	(void)state;
	struct strbuf b;
	strbuf_init(&b, 10);
	assert_string_equal(strbuf_str(&b), "");
	char *s = strbuf_take(&b);
	assert_string_equal(s, "");
	free(s);
	strbuf_free(&b);
}

static void test_grows_past_first_block(void **state)
{
	(void)state;
	struct strbuf b;
	strbuf_init(&b, 100000);
	for (int i = 0; i < 10000; i++)
		assert_true(strbuf_putc(&b, (char)('a' + i % 26)));
	assert_int_equal(b.len, 10000);
	assert_int_equal(strlen(strbuf_str(&b)), 10000);
	assert_int_equal(strbuf_str(&b)[9999], 'a' + 9999 % 26);
	assert_true(strbuf_printf(&b, "[%d:%s]", 42, "x"));
	assert_string_equal(strbuf_str(&b) + 10000, "[42:x]");
	assert_true(strbuf_puts(&b, NULL));
	assert_int_equal(b.len, 10006);
	assert_false(b.failed);
	strbuf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
}

static void test_bound_exact_fit(void **state)
{
	(void)state;
	struct strbuf b;
	strbuf_init(&b, 5);
	assert_true(strbuf_puts(&b, "abc"));
	assert_true(strbuf_printf(&b, "%d", 12));   /* exactly 5 */
	assert_string_equal(strbuf_str(&b), "abc12");
	assert_false(b.failed);
	strbuf_free(&b);
}

static void test_overflow_drops_whole_append_and_stays_failed(void **state)
{
	(void)state;
	struct strbuf b;
	strbuf_init(&b, 6);
	assert_true(strbuf_puts(&b, "abcd"));
	assert_false(strbuf_puts(&b, "xyz"));        /* would be 7: dropped whole, not cut */
	assert_true(b.failed);
	assert_string_equal(strbuf_str(&b), "abcd");
	assert_false(strbuf_putc(&b, 'e'));          /* would fit, but the text is incomplete */
	assert_false(strbuf_printf(&b, "%s", ""));
	assert_string_equal(strbuf_str(&b), "abcd");
	strbuf_free(&b);

	strbuf_init(&b, 3);
	assert_false(strbuf_printf(&b, "%d", 12345));
	assert_string_equal(strbuf_str(&b), "");
	assert_true(b.failed);
	strbuf_free(&b);

	strbuf_init(&b, 0);
	assert_false(strbuf_putc(&b, 'a'));
	assert_true(b.failed);
	strbuf_free(&b);
}

static void test_take_resets(void **state)
{
	(void)state;
	struct strbuf b;
	strbuf_init(&b, 4);
	strbuf_puts(&b, "abcd");
	char *s = strbuf_take(&b);
	assert_string_equal(s, "abcd");
	/* empty again, with the same bound */
	assert_int_equal(b.len, 0);
	assert_true(strbuf_puts(&b, "wxyz"));
	assert_false(strbuf_putc(&b, '!'));
	char *t = strbuf_take(&b);
	assert_string_equal(t, "wxyz");
	assert_false(b.failed);   /* take starts afresh */
	free(s);
	free(t);
	strbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_is_a_string),
		cmocka_unit_test(test_grows_past_first_block),
		cmocka_unit_test(test_bound_exact_fit),
		cmocka_unit_test(test_overflow_drops_whole_append_and_stays_failed),
		cmocka_unit_test(test_take_resets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
