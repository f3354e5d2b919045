/* SPDX-License-Identifier: ISC */
/*
 * VTun waits in 1 µs sleeps while over budget; we only answer "may I send" and "when may I
 * send again", so the link can stop watching the device and arm a timer instead.
 *
 * A window starts at the first activity after the previous one expired and lasts
 * SHAPER_WINDOW (50 ms; VTun's last one second). VTun lets the frame that crosses the
 * budget through (it checks before reading), and so do we: the overshoot is at most one
 * frame per window, and it is owed by the windows that follow.
 */
#include <limits.h>
#include <stdlib.h>

#include "base/log.h"
#include "link/shaper.h"
#include "base/util.h"

struct shaper {
	long budget;          /* bytes per window */
	long used;            /* bytes accounted in the current window */
	double start;         /* when the current window began */
	bool started;         /* false until the first call: no window yet */
};

/*
 * VTun budgets one-second windows. Short windows with the same rate (and what was sent over
 * a window's budget owed by the next ones) keep the flow smooth, so the tunnelled TCP sees a
 * steady rate instead of a burst and a long stall every second.
 */
#define SHAPER_WINDOW 0.05

long shaper_budget(int kbit_per_s)
{
	if (kbit_per_s <= 0)
		return 0;
	/* Integer division first, as VTun does: 12 kbit → 1 * 1024 + 400. */
	return (long)(kbit_per_s / 8) * 1024 + 400;
}

struct shaper *shaper_new(int kbit_per_s)
{
	if (kbit_per_s <= 0)
		return NULL;
	struct shaper *s = xcalloc(1, sizeof(*s));
	s->budget = (long)((double)shaper_budget(kbit_per_s) * SHAPER_WINDOW);
	if (s->budget < 1)
		s->budget = 1;
	log_info("Traffic shaping(speed %dK) initialized.", kbit_per_s);
	return s;
}

void shaper_free(struct shaper *s)
{
	free(s);
}

/* True when `now` lies outside the current window (or none has begun). */
static bool window_expired(const struct shaper *s, double now)
{
	/* A clock that went backwards also starts a new window rather than stalling. */
	return !s->started || now >= s->start + SHAPER_WINDOW || now < s->start;
}

/*
 * Start a new window when the old one is over. What was sent beyond the budget (one frame
 * may cross it, and an offload super-packet becomes many frames at once) is owed by the
 * following windows, so the long-run rate stays at the budget.
 */
static void roll(struct shaper *s, double now)
{
	if (!window_expired(s, now))
		return;
	if (!s->started || now < s->start) {
		s->used = 0;
		s->start = now;
	} else {
		double windows = (double)(long)((now - s->start) / SHAPER_WINDOW);
		double debt = (double)s->used - windows * (double)s->budget;
		if (debt > 0) {
			/* still owing: keep the window schedule, so no time goes unbudgeted */
			s->used = (long)debt;
			s->start += windows * SHAPER_WINDOW;
		} else {
			s->used = 0;
			s->start = now;
		}
	}
	s->started = true;
}

bool shaper_allow(struct shaper *s, double now)
{
	if (!s)
		return true;
	roll(s, now);
	return s->used < s->budget;
}

void shaper_account(struct shaper *s, size_t bytes, double now)
{
	if (!s)
		return;
	roll(s, now);
	if (bytes > (size_t)(LONG_MAX - s->used))
		s->used = LONG_MAX;
	else
		s->used += (long)bytes;
}

long shaper_remaining(const struct shaper *s, double now)
{
	if (!s)
		return LONG_MAX;
	struct shaper t = *s;   /* what the window would be now, without changing it */
	roll(&t, now);
	return t.used < t.budget ? t.budget - t.used : 0;
}

double shaper_next_window(const struct shaper *s, double now)
{
	if (!s || shaper_remaining(s, now) > 0)
		return 0.0;
	double left = s->start + SHAPER_WINDOW - now;
	/* never 0 while blocked: a zero wait would spin, and now + a tiny left can round to now */
	return left > 0.001 ? left : 0.001;
}
