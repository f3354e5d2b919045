/* SPDX-License-Identifier: ISC */
#include "offload/tcp_pkt.h"

#include "offload/csum.h"
#include "base/buf.h"

/* The IP part: version, header length and the TCP protocol check; false if not TCP as wanted. */
static bool parse_ip(const struct rbuf *r, size_t len, struct tcp_pkt *t)
{
	uint8_t vihl, proto;
	uint16_t iplen, frag;

	if (!rbuf_peek_u8(r, 0, &vihl))
		return false;
	t->ver = vihl >> 4;
	if (t->ver == 4) {
		t->l4off = (size_t)(vihl & 0x0f) * 4;
		if (!rbuf_peek_be16(r, 2, &iplen) || !rbuf_peek_be16(r, 4, &t->ip_id) ||
		    !rbuf_peek_be16(r, 6, &frag) || !rbuf_peek_u8(r, 9, &proto))
			return false;
		/* Fragment offset or MF set: a fragment. */
		return t->l4off >= 20 && iplen == len && (frag & 0x3fff) == 0 && proto == IPPROTO_TCP_;
	}
	if (t->ver == 6) {
		t->l4off = 40;
		t->ip_id = 0;
		if (!rbuf_peek_be16(r, 4, &iplen) || !rbuf_peek_u8(r, 6, &proto))
			return false;
		return (size_t)iplen + 40 == len && proto == IPPROTO_TCP_;
	}
	return false;
}

bool pkt_l3(const struct rbuf *r, enum offload_link link, size_t *l3off, int *ver)
{
	uint16_t type;

	*l3off = 0;
	*ver = 0;
	if (link == OFFLOAD_IP)
		return true;
	if (!rbuf_peek_be16(r, 12, &type))
		return false;
	*l3off = ETH_HLEN_;
	if (type == ETH_P_8021Q_) {
		*l3off += VLAN_HLEN_;
		if (!rbuf_peek_be16(r, 16, &type))
			return false;
	}
	*ver = type == ETH_P_IP_ ? 4 : type == ETH_P_IPV6_ ? 6 : 0;
	return *ver != 0 && rbuf_has(r, *l3off, 1);
}

bool tcp_pkt_parse(const uint8_t *p, size_t len, enum offload_link link, struct tcp_pkt *t)
{
	struct rbuf r;
	uint8_t doff;
	int ver;

	rbuf_init(&r, p, len);
	if (!pkt_l3(&r, link, &t->l3off, &ver))
		return false;
	/* The IP header is parsed on its own, then every offset is made absolute again. */
	struct rbuf ip;
	rbuf_init(&ip, p + t->l3off, len - t->l3off);
	if (!parse_ip(&ip, len - t->l3off, t) || (ver && t->ver != ver))
		return false;
	t->l4off += t->l3off;
	/* Ports, sequence number, data offset and flags; the peeks bound l4off by len. */
	if (!rbuf_peek_be32(&r, t->l4off, &t->ports) || !rbuf_peek_be32(&r, t->l4off + 4, &t->seq) ||
	    !rbuf_peek_u8(&r, t->l4off + 12, &doff) ||
	    !rbuf_peek_u8(&r, t->l4off + TCP_FLAGS_OFF, &t->flags))
		return false;
	t->thl = (size_t)(doff >> 4) * 4;
	if (t->thl < 20 || t->thl > len - t->l4off)
		return false;
	t->hl = t->l4off + t->thl;
	t->paylen = len - t->hl;
	return true;
}

uint16_t tcp_pkt_sum_fold(const uint8_t *p, const struct tcp_pkt *t)
{
	size_t l4len = t->thl + t->paylen;
	uint32_t sum = csum_pseudo_ip(p + t->l3off, IPPROTO_TCP_, (uint32_t)l4len);
	return csum_fold(csum_add(sum, p + t->l4off, l4len));
}
