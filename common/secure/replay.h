/* SPDX-License-Identifier: ISC */
/*
 * Anti-replay window for datagram records, in the style of RFC 6479: a ring of 64-bit words
 * where a counter's bit has a fixed place, and moving the window forward zeroes whole words
 * instead of shifting the bitmap.
 *
 * Two steps, so a forged datagram cannot move the window: replay_check before decrypting (no
 * state change), replay_commit only after the tag verified.
 */
#ifndef VTUN_SECURE_REPLAY_H
#define VTUN_SECURE_REPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "secure/limits.h"

#define REPLAY_WORDS 32                                 /* 2048 bits of state */
#define REPLAY_WINDOW ((REPLAY_WORDS - 1) * 64)         /* 1984 counters behind the newest */

struct replay {
	uint64_t top;                   /* newest committed counter + 1; 0 before the first */
	uint64_t bits[REPLAY_WORDS];    /* bit (c+1) % 64 of word ((c+1) / 64) % REPLAY_WORDS */
};

void replay_init(struct replay *r);
/*
 * May a record with this counter be accepted? False for counters >= SECURE_COUNTER_LIMIT,
 * counters REPLAY_WINDOW or more behind the newest, and counters already committed.
 */
bool replay_check(const struct replay *r, uint64_t counter);
/*
 * Record the counter as received, after its tag verified. Checks again and returns false (no
 * change) if the counter is no longer acceptable, e.g. a duplicate that passed replay_check in
 * the same receive batch as its twin: the caller must then drop that record.
 */
bool replay_commit(struct replay *r, uint64_t counter);

#endif
