/* SPDX-License-Identifier: ISC */
/* Hex helpers for the secure-mode known-answer tests (include after cmocka.h). */
#ifndef VTUN_TEST_SECURE_HEX_H
#define VTUN_TEST_SECURE_HEX_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decode hex into out; fails the test on odd length, bad digits or overflow. */
static inline size_t unhex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = strlen(s) / 2;
	unsigned v;

	assert_int_equal(strlen(s) % 2, 0);
	assert_true(n <= cap);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(sscanf(s + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
	return n;
}

/* Compare bytes against expected hex, printing both sides on mismatch. */
#define assert_hex_equal(p, n, hexstr)                                                     \
	do {                                                                               \
		char got_[2 * 1024 + 1];                                                   \
		size_t n_ = (n);                                                           \
		assert_true(n_ <= 1024);                                                   \
		for (size_t i_ = 0; i_ < n_; i_++)                                         \
			snprintf(got_ + 2 * i_, 3, "%02x", ((const uint8_t *)(p))[i_]);   \
		got_[2 * n_] = 0;                                                          \
		assert_string_equal(got_, (hexstr));                                       \
	} while (0)

#endif
