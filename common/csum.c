/* SPDX-License-Identifier: ISC */
/* Internet checksum arithmetic; see csum.h. */
#include "csum.h"

uint32_t csum_add(uint32_t sum, const void *p, size_t len)
{
	const uint8_t *b = p;
	/* A 64-bit accumulator cannot overflow for any buffer this code sees (< 4 GiB). */
	uint64_t acc = sum;

	while (len >= 8) {
		acc += (uint32_t)b[0] << 8 | b[1];
		acc += (uint32_t)b[2] << 8 | b[3];
		acc += (uint32_t)b[4] << 8 | b[5];
		acc += (uint32_t)b[6] << 8 | b[7];
		b += 8;
		len -= 8;
	}
	while (len >= 2) {
		acc += (uint32_t)b[0] << 8 | b[1];
		b += 2;
		len -= 2;
	}
	if (len)
		acc += (uint32_t)b[0] << 8;
	/* Fold back into 32 bits; end-around carries keep the one's-complement value. */
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (uint32_t)acc;
}

uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

uint16_t csum_finish(uint32_t sum)
{
	return (uint16_t)~csum_fold(sum);
}

uint32_t csum_pseudo4(const uint8_t src[4], const uint8_t dst[4], uint8_t proto, uint32_t l4len)
{
	uint32_t sum = csum_add(0, src, 4);
	sum = csum_add(sum, dst, 4);
	/* l4len < 2^17 here, so the three addends cannot overflow 32 bits. */
	return sum + proto + (l4len >> 16) + (l4len & 0xffff);
}

uint32_t csum_pseudo6(const uint8_t src[16], const uint8_t dst[16], uint8_t proto, uint32_t l4len)
{
	uint32_t sum = csum_add(0, src, 16);
	sum = csum_add(sum, dst, 16);
	return sum + proto + (l4len >> 16) + (l4len & 0xffff);
}

uint16_t csum_ipv4_header(const uint8_t *ip, size_t hlen)
{
	/* Sum around the checksum field (bytes 10-11) instead of copying the header. */
	uint32_t sum = csum_add(0, ip, 10);
	if (hlen > 12)
		sum = csum_add(sum, ip + 12, hlen - 12);
	return csum_finish(sum);
}

uint32_t csum_pseudo_ip(const uint8_t *ip, uint8_t proto, uint32_t l4len)
{
	if ((ip[0] >> 4) == 6)
		return csum_pseudo6(ip + 8, ip + 24, proto, l4len);
	return csum_pseudo4(ip + 12, ip + 16, proto, l4len);
}
