/* SPDX-License-Identifier: ISC */
/*
 * Internet checksum (RFC 1071) helpers for the offload code. A "sum" is an unfolded 32-bit
 * accumulator of big-endian 16-bit words; fold it to 16 bits and invert it to get the value
 * stored in a header. Only the last chunk added to a sum may have an odd length.
 */
#ifndef VTUN_CSUM_H
#define VTUN_CSUM_H

#include <stddef.h>
#include <stdint.h>

/* Add len bytes at p to sum (an odd trailing byte counts as the high byte of a word). */
uint32_t csum_add(uint32_t sum, const void *p, size_t len);
/* Fold a sum to 16 bits without inverting (what a partial-checksum field holds). */
uint16_t csum_fold(uint32_t sum);
/* Fold and invert: the value to store in a checksum field. */
uint16_t csum_finish(uint32_t sum);

/* Pseudo-header sums (RFC 793 / RFC 8200 §8.1) for an L4 segment of l4len bytes. */
uint32_t csum_pseudo4(const uint8_t src[4], const uint8_t dst[4], uint8_t proto, uint32_t l4len);
uint32_t csum_pseudo6(const uint8_t src[16], const uint8_t dst[16], uint8_t proto, uint32_t l4len);

/* Checksum to store in an IPv4 header of hlen bytes (its checksum field is treated as 0). */
uint16_t csum_ipv4_header(const uint8_t *ip, size_t hlen);

/*
 * Pseudo-header sum of the IPv4 or IPv6 packet `ip` (addresses taken from it) for an L4
 * segment of l4len bytes; the caller has already checked the IP header is complete.
 */
uint32_t csum_pseudo_ip(const uint8_t *ip, uint8_t proto, uint32_t l4len);

#endif
