/* SPDX-License-Identifier: ISC */
/*
 * VTun's keepalive (doc/PROTOCOL.md §6.3): the link ticks once per period; a peer that stays silent gets
 * echo requests from the second silent period on, and after more than `maxfail` silent
 * periods the session times out. Any received frame resets the count.
 */
#ifndef VTUN_LINK_KEEPALIVE_H
#define VTUN_LINK_KEEPALIVE_H

struct keepalive {
	int idle;       /* periods without a received frame */
	int maxfail;
};

enum ka_action {
	KA_NOTHING,
	KA_PROBE,       /* send an echo request */
	KA_TIMEOUT,     /* the peer stopped answering */
};

static inline void keepalive_heard(struct keepalive *k) { k->idle = 0; }
enum ka_action keepalive_tick(struct keepalive *k);

#endif
