/* SPDX-License-Identifier: ISC */
/* RFC 6479 style replay window: fixed bit positions, forward moves clear whole words. */
#include "secure/replay.h"

#include <string.h>

void replay_init(struct replay *r)
{
	memset(r, 0, sizeof(*r));
}

/* Counters are stored shifted by one so that top == 0 can mean "nothing received yet". */
static uint64_t word_of(uint64_t t) { return (t / 64) % REPLAY_WORDS; }
static uint64_t bit_of(uint64_t t) { return (uint64_t)1 << (t % 64); }

bool replay_check(const struct replay *r, uint64_t counter)
{
	uint64_t t;

	if (counter >= SECURE_COUNTER_LIMIT)
		return false;
	t = counter + 1;
	if (t > r->top)
		return true;
	if (r->top - t >= REPLAY_WINDOW)
		return false;
	return !(r->bits[word_of(t)] & bit_of(t));
}

bool replay_commit(struct replay *r, uint64_t counter)
{
	uint64_t t, from, to, n;

	if (!replay_check(r, counter))
		return false;
	t = counter + 1;
	if (t > r->top) {
		/* Clear the words the window moves onto; all of them after a long jump. */
		from = r->top / 64;
		to = t / 64;
		n = to - from < REPLAY_WORDS ? to - from : REPLAY_WORDS;
		for (uint64_t i = 1; i <= n; i++)
			r->bits[(from + i) % REPLAY_WORDS] = 0;
		r->top = t;
	}
	r->bits[word_of(t)] |= bit_of(t);
	return true;
}
