/* SPDX-License-Identifier: ISC */
#include "link/keepalive.h"

enum ka_action keepalive_tick(struct keepalive *k)
{
	if (k->idle > k->maxfail)
		return KA_TIMEOUT;
	/* the first silent period may just be a quiet link: probe from the second on */
	return k->idle++ >= 1 ? KA_PROBE : KA_NOTHING;
}
