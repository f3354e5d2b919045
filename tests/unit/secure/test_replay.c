/* SPDX-License-Identifier: ISC */
/*
 * secure/replay: the edge table of the RFC 6479 style window. Each step is one received counter
 * and whether it must be accepted; check and commit are exercised the way the receive path uses
 * them (check, then commit only if the "tag verified").
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "secure/replay.h"

#define W REPLAY_WINDOW
#define L SECURE_COUNTER_LIMIT

struct step {
	uint64_t counter;
	bool accept;
};

static void run(const struct step *s, size_t n)
{
	struct replay r;

	replay_init(&r);
	for (size_t i = 0; i < n; i++) {
		bool ok = replay_check(&r, s[i].counter);

		if (ok != s[i].accept)
			fail_msg("step %zu: counter %llu: check says %d", i,
				 (unsigned long long)s[i].counter, ok);
		/* Checking twice changes nothing. */
		assert_int_equal(replay_check(&r, s[i].counter), ok);
		assert_int_equal(replay_commit(&r, s[i].counter), ok);
	}
}

#define RUN(table) run(table, sizeof(table) / sizeof(table[0]))

static void test_in_order_and_duplicates(void **state)
{
	static const struct step t[] = {
		{ 0, true }, { 0, false }, { 1, true }, { 2, true }, { 1, false }, { 3, true },
		{ 2, false }, { 3, false }, { 4, true },
	};

	(void)state;
	RUN(t);
}

static void test_reordered_inside_window(void **state)
{
	static const struct step t[] = {
		{ 10, true }, { 8, true }, { 9, true }, { 0, true }, { 7, true }, { 9, false },
		{ 64, true }, { 63, true }, { 65, true }, { 11, true }, { 11, false },
		{ W - 1, true }, { 12, true },  /* newest is W-1: 12 is still inside */
	};

	(void)state;
	RUN(t);
}

/* The boundary: with newest = c, c - (W-1) is the oldest accepted, c - W is too old. */
static void test_too_old(void **state)
{
	static const struct step t[] = {
		{ 5000, true }, { 5000 - W, false }, { 5000 - W + 1, true },
		{ 5000 - W + 1, false }, { 0, false }, { 4999, true },
		{ 5001, true }, { 5000 - W + 1, false },        /* slid out by one */
	};

	(void)state;
	RUN(t);
}

static void test_huge_jump(void **state)
{
	static const struct step t[] = {
		{ 1, true }, { 2, true }, { (uint64_t)1 << 40, true }, { 3, false }, { 1, false },
		{ ((uint64_t)1 << 40) - 1, true }, { ((uint64_t)1 << 40) - W + 1, true },
		{ ((uint64_t)1 << 40) - W, false }, { (uint64_t)1 << 40, false },
		{ ((uint64_t)1 << 40) + 1, true },
	};

	(void)state;
	RUN(t);
}

static void test_counter_limit(void **state)
{
	static const struct step t[] = {
		{ UINT64_MAX, false }, { L, false }, { L - 2, true }, { L - 1, true },
		{ L - 1, false }, { L, false }, { UINT64_MAX, false }, { L - 3, true },
		{ L - 1 - W, false }, { L - W, true },
	};

	(void)state;
	RUN(t);
}

/*
 * The ring has REPLAY_WORDS words: moving forward by exactly one ring (or several) reuses the
 * words of old counters, which must have been cleared, not read as "already seen".
 */
static void test_wrap_around(void **state)
{
	const uint64_t ring = REPLAY_WORDS * 64;
	const struct step t[] = {
		{ 5, true }, { 6, true }, { 5 + ring, true },   /* same bit as 5: cleared */
		{ 6 + ring, true }, { 5 + ring, false }, { 6, false },
		{ 7 + 2 * ring, true }, { 7 + 3 * ring - 64, true }, { 7 + 3 * ring, true },
		{ 7 + 3 * ring - 64, false }, { 7 + 3 * ring - W + 1, true },
		{ 63 + 4 * ring, true }, { 64 + 4 * ring, true }, { 63 + 4 * ring, false },
	};

	(void)state;
	RUN(t);
	/*
	 * Ten rings, against a plain model: in even rings only even counters arrive, in odd
	 * rings only odd ones, and every counter is probed from 2 to W+2 behind the newest. A
	 * stale bit from the previous ring would make the window refuse a counter it never saw.
	 */
	enum { RINGS = 10 };
	static bool seen[RINGS * REPLAY_WORDS * 64];
	struct replay r;
	uint64_t top = 0;

	replay_init(&r);
	memset(seen, 0, sizeof(seen));
	for (uint64_t c = 0; c < RINGS * ring; c++) {
		if ((c / ring) % 2 != c % 2)
			continue;
		assert_true(replay_commit(&r, c));
		seen[c] = true;
		top = c;
		for (uint64_t back = 2; back <= W + 2 && back <= top; back += 3) {
			uint64_t p = top - back;

			assert_int_equal(replay_check(&r, p), back < W && !seen[p]);
		}
	}
}

/* Two copies in one receive batch: both pass the check, only the first commit wins. */
static void test_commit_rechecks(void **state)
{
	struct replay r;

	(void)state;
	replay_init(&r);
	assert_true(replay_check(&r, 42));
	assert_true(replay_check(&r, 42));
	assert_true(replay_commit(&r, 42));
	assert_false(replay_commit(&r, 42));
	assert_true(replay_commit(&r, 42 + W));
	assert_false(replay_commit(&r, 42));                /* now too old */
	assert_false(replay_commit(&r, L));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order_and_duplicates),
		cmocka_unit_test(test_reordered_inside_window),
		cmocka_unit_test(test_too_old),
		cmocka_unit_test(test_huge_jump),
		cmocka_unit_test(test_counter_limit),
		cmocka_unit_test(test_wrap_around),
		cmocka_unit_test(test_commit_rechecks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
