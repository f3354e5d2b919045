/* SPDX-License-Identifier: ISC */
/*
 * tun/tap -> peer: one read from a vnet-hdr tun or tap (a TSO super-packet or a packet with a
 * pending checksum) becomes ordinary IP packets (Ethernet frames) of at most mtu bytes with
 * complete checksums; a tap frame's Ethernet header is repeated in front of every segment.
 * See offload.h. hdr_len is never trusted; csum_start/csum_offset are bound-checked.
 */
#include "offload/offload.h"

#include <string.h>

#include "offload/csum.h"
#include "offload/tcp_pkt.h"
#include "base/buf.h"

/* True when the L4 checksum at csum_start belongs to UDP (0 must then be sent as 0xffff). */
static bool is_udp_at(const struct rbuf *pkt, enum offload_link link, size_t cstart)
{
	uint8_t vihl, proto;
	size_t l3;
	int ver;

	if (!pkt_l3(pkt, link, &l3, &ver) || !rbuf_peek_u8(pkt, l3, &vihl) || cstart < l3)
		return false;
	cstart -= l3;
	if (vihl >> 4 == 4 && rbuf_has(pkt, l3, 20) && rbuf_peek_u8(pkt, l3 + 9, &proto))
		return proto == IPPROTO_UDP_ && cstart == (size_t)(vihl & 0x0f) * 4;
	if (vihl >> 4 == 6 && rbuf_has(pkt, l3, 40) && rbuf_peek_u8(pkt, l3 + 6, &proto))
		return proto == IPPROTO_UDP_ && cstart == 40;
	return false;
}

/* gso NONE: pass the packet through, finishing a partial checksum if asked to. */
static int split_none(const struct vnet_hdr *h, enum offload_link link, const uint8_t *pkt,
		      size_t plen, size_t mtu, uint8_t *out, size_t outcap, size_t *lens, int nmax)
{
	if (plen > mtu || plen > outcap || nmax < 1)
		return -1;
	memcpy(out, pkt, plen);
	if (h->flags & VNET_F_NEEDS_CSUM) {
		struct rbuf r;
		size_t cs = h->csum_start, at = (size_t)h->csum_start + h->csum_offset;
		/* Both the summed range and the 2-byte field must lie inside the packet. */
		rbuf_init(&r, out, plen);
		if (cs >= plen || !rbuf_has(&r, at, 2))
			return -1;
		/* The field already holds the pseudo-header sum: summing over it completes it. */
		uint16_t v = csum_finish(csum_add(0, out + cs, plen - cs));
		if (v == 0 && is_udp_at(&r, link, cs))
			v = 0xffff;
		store_be16(out + at, v);
	}
	lens[0] = plen;
	return 1;
}

/* Write segment i of a TCP super-packet: headers from pkt, seglen payload bytes at pay. */
static void build_segment(uint8_t *o, const uint8_t *pkt, const struct tcp_pkt *t, size_t i,
			  bool last, uint16_t gso, const uint8_t *pay, size_t seglen)
{
	size_t l4 = t->l4off;
	uint8_t *ip = o + t->l3off;   /* the link header, if any, is copied unchanged */

	memcpy(o, pkt, t->hl);
	memcpy(o + t->hl, pay, seglen);
	if (t->ver == 4) {
		store_be16(ip + 2, (uint16_t)(t->hl - t->l3off + seglen));
		store_be16(ip + 4, (uint16_t)(t->ip_id + i));
		store_be16(ip + 10, csum_ipv4_header(ip, l4 - t->l3off));
	} else {
		store_be16(ip + 4, (uint16_t)(t->thl + seglen));
	}
	store_be32(o + l4 + 4, t->seq + (uint32_t)(i * gso));
	/* Like the kernel's TCP segmentation: CWR only on the first, FIN/PSH only on the last. */
	uint8_t fl = t->flags;
	if (i > 0)
		fl &= (uint8_t)~TCP_CWR;
	if (!last)
		fl &= (uint8_t)~(TCP_FIN | TCP_PSH);
	o[l4 + TCP_FLAGS_OFF] = fl;
	store_be16(o + l4 + TCP_CSUM_OFF, 0);
	uint32_t sum = csum_pseudo_ip(ip, IPPROTO_TCP_, (uint32_t)(t->thl + seglen));
	store_be16(o + l4 + TCP_CSUM_OFF, csum_finish(csum_add(sum, o + l4, t->thl + seglen)));
}

static int split_tcp(const struct vnet_hdr *h, enum offload_link link, const uint8_t *pkt,
		     size_t plen, size_t mtu, size_t seg_max, uint8_t *out, size_t outcap,
		     size_t *lens, int nmax)
{
	struct tcp_pkt t;
	int want = (h->gso_type & ~VNET_GSO_ECN) == VNET_GSO_TCPV4 ? 4 : 6;

	if (!tcp_pkt_parse(pkt, plen, link, &t) || t.ver != want)
		return -1;
	/* A partial checksum must point at the TCP checksum we are about to compute. */
	if ((h->flags & VNET_F_NEEDS_CSUM) &&
	    (h->csum_start != t.l4off || h->csum_offset != TCP_CSUM_OFF))
		return -1;
	size_t gso = h->gso_size;
	if (gso == 0)
		return -1;
	/* Cut smaller than the sender's MSS when asked (segments that fit the path unfragmented). */
	if (seg_max < mtu && t.hl + gso > seg_max && seg_max > t.hl + OFFLOAD_MIN_SEG)
		gso = seg_max - t.hl;
	if (t.hl + gso > mtu)
		return -1;
	size_t nseg = t.paylen ? (t.paylen + gso - 1) / gso : 1;
	if (nseg > (size_t)nmax || nseg * t.hl + t.paylen > outcap)
		return -1;

	uint8_t *o = out;
	for (size_t i = 0; i < nseg; i++) {
		size_t seglen = i + 1 < nseg ? gso : t.paylen - i * gso;
		build_segment(o, pkt, &t, i, i + 1 == nseg, (uint16_t)gso, pkt + t.hl + i * gso, seglen);
		lens[i] = t.hl + seglen;
		o += lens[i];
	}
	return (int)nseg;
}

int offload_split(const uint8_t *in, size_t len, size_t mtu, uint8_t *out, size_t outcap,
		  size_t *lens, int nmax)
{
	return offload_split_to(in, len, mtu, mtu, out, outcap, lens, nmax);
}

int offload_split_to(const uint8_t *in, size_t len, size_t mtu, size_t seg_max, uint8_t *out,
		     size_t outcap, size_t *lens, int nmax)
{
	return offload_split_link(OFFLOAD_IP, in, len, mtu, seg_max, out, outcap, lens, nmax);
}

int offload_split_link(enum offload_link link, const uint8_t *in, size_t len, size_t mtu,
		       size_t seg_max, uint8_t *out, size_t outcap, size_t *lens, int nmax)
{
	struct vnet_hdr h;
	struct rbuf r;

	rbuf_init(&r, in, len);
	if (!vnet_hdr_read(&r, &h) || rbuf_left(&r) == 0)
		return -1;
	size_t plen = rbuf_left(&r);
	const uint8_t *pkt = rbuf_take(&r, plen);

	switch (h.gso_type & ~VNET_GSO_ECN) {
	case VNET_GSO_NONE:
		if (h.gso_type & VNET_GSO_ECN)
			return -1;
		return split_none(&h, link, pkt, plen, mtu, out, outcap, lens, nmax);
	case VNET_GSO_TCPV4:
	case VNET_GSO_TCPV6:
		return split_tcp(&h, link, pkt, plen, mtu, seg_max, out, outcap, lens, nmax);
	default:
		/* UDP (UFO/USO) is never enabled by offload_tun_enable. */
		return -1;
	}
}
