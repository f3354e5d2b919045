/* SPDX-License-Identifier: ISC */
/*
 * Outgoing traffic shaper (doc/PROTOCOL.md §7.2): VTun's `speed` limit. Only the sending direction is
 * limited; the budget is counted over encoded frame bytes in 50 ms windows (VTun: one-second
 * windows of the same rate). The caller
 * passes the time in (seconds, monotonic) so the link can use its loop clock and tests a
 * fake one.
 */
#ifndef VTUN_SHAPER_H
#define VTUN_SHAPER_H

#include <stdbool.h>
#include <stddef.h>

struct shaper;

/* kbit_per_s <= 0 means "off" and returns NULL; every function accepts a NULL shaper. */
struct shaper *shaper_new(int kbit_per_s);
void shaper_free(struct shaper *s);

/* Bytes per second, VTun's integer formula: (kbit / 8) * 1024 + 400 (VTun's one-second
 * window); each of our 50 ms windows gets its share. */
long shaper_budget(int kbit_per_s);

/* False while the current window's budget is used up: do not read the device now. */
bool shaper_allow(struct shaper *s, double now);
/* Count `bytes` (an encoded frame, without the header) as sent at `now`. */
void shaper_account(struct shaper *s, size_t bytes, double now);
/* Bytes the sender may still send in the current window (0 when over budget). */
long shaper_remaining(const struct shaper *s, double now);
/* Seconds until sending may resume; 0 when it may go on now. */
double shaper_next_window(const struct shaper *s, double now);

#endif
