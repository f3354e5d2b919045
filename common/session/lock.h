/* SPDX-License-Identifier: ISC */
/*
 * Per-session lock files for the `multi` policy: <dir>/<session name> holding "<pid>\n".
 */
#ifndef VTUN_LOCK_H
#define VTUN_LOCK_H

#include <stdbool.h>

#include "config/vtconfig.h"

/* Directory for lock files; default /var/lock/vtund, created 0755 when first needed. */
void lock_set_dir(const char *dir);

/*
 * Apply `policy` for session `name` on behalf of this process. ALLOW: true, no lock.
 * DENY: false if a lock held by a live process exists (stale or unreadable locks are removed
 * first), else take the lock. KILLOLD: terminate the holder (TERM, up to 5 s, then KILL),
 * then take the lock. False also for an invalid name or when the lock can't be written.
 */
bool lock_acquire(const char *name, enum vt_multi policy);

/* Remove the lock for `name` if it holds our own pid; anyone else's lock stays. */
void lock_release(const char *name);

#endif
