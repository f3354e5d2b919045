/* SPDX-License-Identifier: ISC */
/*
 * Counter limits shared by the record sealer and the replay window, so that both agree on the
 * last counter a key may ever protect.
 */
#ifndef VTUN_SECURE_LIMITS_H
#define VTUN_SECURE_LIMITS_H

#include <stdint.h>

/*
 * Counters of one key run from 0 to SECURE_COUNTER_LIMIT - 1. The limit sits 2^16 below 2^64 so
 * that 2^64 - 1 is never used and "counter + 1" never overflows in the replay window. The rekey
 * schedule (doc/SECURE.md, "Limits") replaces a key long before this: the limit is the last line
 * of defence against nonce reuse, not the normal end of a key's life.
 */
#define SECURE_COUNTER_LIMIT (UINT64_MAX - 0xffffu)

#endif
