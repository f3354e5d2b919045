/* SPDX-License-Identifier: ISC */
/*
 * peer -> tun/tap: userspace GRO. The TCP segments of one receive batch that can be coalesced
 * are written to the device as one GSO super-packet with a partial checksum, everything else
 * alone behind a zero vnet header. See offload.h.
 */
#include "offload/offload.h"

#include <stdlib.h>
#include <string.h>

#include "offload/csum.h"
#include "offload/tcp_pkt.h"
#include "base/log.h"
#include "base/util.h"

/* One batch: up to GRO_MAX_PKTS packets copied into a fixed arena, grouped into items. */
#define GRO_MAX_PKTS 128
#define GRO_ARENA (256 * 1024)

struct gro_seg {
	uint32_t off;          /* packet start in the arena */
	uint32_t len;          /* whole IP packet */
	int next;              /* next segment of the same item, -1 at the tail */
};

/* A run of TCP segments to be written as one packet, or one packet written alone. */
struct gro_item {
	int head, tail;        /* segment indices */
	unsigned nseg;
	bool tcp;              /* a coalescing candidate (parsed, flags ACK[|PSH], csum ok) */
	bool closed;           /* no more appends: PSH or a short segment is at the tail */
	bool psh;
	uint32_t hash;         /* of addresses and ports, for a quick reject */
	struct tcp_pkt t;      /* of the head; hl/l4off/thl equal for every segment */
	uint16_t gso;          /* payload of the head segment */
	uint32_t paylen;       /* total payload */
	uint32_t seq0, seqend; /* sequence of the head, sequence after the tail */
};

struct gro {
	enum offload_link link;
	gro_write_fn write;
	void *arg;
	uint8_t *arena;
	size_t used;
	struct gro_seg segs[GRO_MAX_PKTS];
	struct gro_item items[GRO_MAX_PKTS];
	int nseg, nitem;
	uint8_t *out;          /* vnet header + assembled packet */
	struct gro_stats st;
};

struct gro *gro_new(gro_write_fn write, void *arg)
{
	return gro_new_link(OFFLOAD_IP, write, arg);
}

struct gro *gro_new_link(enum offload_link link, gro_write_fn write, void *arg)
{
	struct gro *g = xcalloc(1, sizeof(*g));
	g->link = link;
	g->write = write;
	g->arg = arg;
	g->arena = xmalloc(GRO_ARENA);
	g->out = xmalloc(OFFLOAD_READ_MAX);
	return g;
}

void gro_free(struct gro *g)
{
	if (!g)
		return;
	free(g->arena);
	free(g->out);
	free(g);
}

void gro_get_stats(const struct gro *g, struct gro_stats *st)
{
	*st = g->st;
}

static uint32_t flow_hash(const uint8_t *p, const struct tcp_pkt *t)
{
	/* Addresses and ports only: cheap, and every candidate match is re-checked in full. */
	const uint8_t *ip = p + t->l3off;
	uint32_t h = t->ver == 4 ? csum_add(0, ip + 12, 8) : csum_add(0, ip + 8, 32);
	return h * 31u + t->ports;
}

/* Same flow: link header, addresses, ports, ACK number, header lengths, IP fields that must
 * not change. */
static bool same_flow(const struct gro *g, const struct gro_item *it, const uint8_t *p,
		      const struct tcp_pkt *t, uint32_t hash)
{
	const uint8_t *q = g->arena + g->segs[it->head].off;
	size_t l3 = t->l3off, l4 = t->l4off;
	const uint8_t *pi = p + l3, *qi = q + l3;   /* the IP headers */

	if (!it->tcp || it->hash != hash || it->t.ver != t->ver || it->t.l3off != l3 ||
	    it->t.l4off != l4 || it->t.thl != t->thl)
		return false;
	/* Both headers went through tcp_pkt_parse: every byte below l4 + thl is there. The
	 * Ethernet addresses and type (tap) must be equal: the super-frame keeps the head's. */
	if (memcmp(p, q, l3) != 0)
		return false;
	if (t->ver == 4) {
		/* ToS, DF, TTL and addresses; IPv4 options, if any, must be equal too. */
		if (pi[1] != qi[1] || (pi[6] & 0x40) != (qi[6] & 0x40) || pi[8] != qi[8] ||
		    memcmp(pi + 12, qi + 12, l4 - l3 - 12) != 0)
			return false;
	} else {
		/* Version/traffic class/flow label word, hop limit, addresses. */
		if (memcmp(pi, qi, 4) != 0 || pi[7] != qi[7] || memcmp(pi + 8, qi + 8, 32) != 0)
			return false;
	}
	/* Ports, ACK number, then all options byte for byte. */
	return memcmp(p + l4, q + l4, 4) == 0 && memcmp(p + l4 + 8, q + l4 + 8, 4) == 0 &&
	       memcmp(p + l4 + 20, q + l4 + 20, t->thl - 20) == 0;
}

/* Whether p is a coalescing candidate: parsed TCP, data, flags ACK[|PSH], checksums right. */
static bool gro_candidate(struct gro *g, const uint8_t *p, size_t len, struct tcp_pkt *t)
{
	if (!tcp_pkt_parse(p, len, g->link, t) || t->paylen == 0)
		return false;
	/* A tagged frame would reach the kernel's GSO through the VLAN path: not worth the risk. */
	if (t->l3off > ETH_HLEN_)
		return false;
	if ((t->flags & ~TCP_PSH) != TCP_ACK)
		return false;
	/* The result goes to the kernel as CHECKSUM_PARTIAL and is not verified again. */
	if ((t->ver == 4 && csum_fold(csum_add(0, p + t->l3off, t->l4off - t->l3off)) != 0xffff) ||
	    tcp_pkt_sum_fold(p, t) != 0xffff) {
		g->st.bad_csum++;
		return false;
	}
	return true;
}

/* Try to put segment s (packet p, seq, with or without PSH) into item it. */
static bool gro_merge(struct gro *g, struct gro_item *it, int s, const struct tcp_pkt *t,
		      uint32_t seq, bool psh)
{
	size_t n = t->paylen;

	/* The IP length field bounds the super-packet; a link header comes on top. */
	if (it->t.hl - it->t.l3off + it->paylen + n > OFFLOAD_MAX_PKT)
		return false;
	if (!it->closed && seq == it->seqend && n <= it->gso) {
		g->segs[it->tail].next = s;
		it->tail = s;
		it->closed = psh || n < it->gso;
		it->psh = psh;
		it->seqend += (uint32_t)n;
	} else if (!psh && seq + (uint32_t)n == it->seq0 &&
		   (it->nseg == 1 ? n >= it->gso : n == it->gso)) {
		/* Prepend: the old head becomes the second (or, if shorter, the last) segment. */
		g->segs[s].next = it->head;
		it->head = s;
		if (n > it->gso)
			it->closed = true;
		it->gso = (uint16_t)n;
		it->seq0 = seq;
		it->t = *t;
	} else {
		return false;
	}
	it->nseg++;
	it->paylen += (uint32_t)n;
	return true;
}

static void gro_write(struct gro *g, size_t len)
{
	g->st.writes++;
	if (g->write(g->arg, g->out, len) < 0)
		g->st.write_errors++;
}

/* Write one packet as is behind a zero header: the kernel checks it like any other. */
static void gro_write_plain(struct gro *g, const uint8_t *p, size_t len)
{
	memset(g->out, 0, VNET_HDR_LEN);
	memcpy(g->out + VNET_HDR_LEN, p, len);
	gro_write(g, VNET_HDR_LEN + len);
}

/* Assemble a multi-segment item into one GSO super-packet with a partial checksum. */
static void gro_write_merged(struct gro *g, const struct gro_item *it)
{
	const struct tcp_pkt *t = &it->t;
	uint8_t *o = g->out + VNET_HDR_LEN;
	uint8_t *ip = o + t->l3off;
	size_t l4 = t->l4off, total = t->hl + it->paylen, iplen = total - t->l3off;
	struct vnet_hdr h = {
		.flags = VNET_F_NEEDS_CSUM,
		.gso_type = t->ver == 4 ? VNET_GSO_TCPV4 : VNET_GSO_TCPV6,
		.hdr_len = (uint16_t)t->hl,
		.gso_size = it->gso,
		.csum_start = (uint16_t)l4,
		.csum_offset = TCP_CSUM_OFF,
	};

	vnet_hdr_put(&h, g->out);
	memcpy(o, g->arena + g->segs[it->head].off, t->hl);
	size_t at = t->hl;
	for (int s = it->head; s >= 0; s = g->segs[s].next) {
		size_t n = g->segs[s].len - t->hl;
		memcpy(o + at, g->arena + g->segs[s].off + t->hl, n);
		at += n;
	}
	if (t->ver == 4) {
		store_be16(ip + 2, (uint16_t)iplen);
		store_be16(ip + 10, csum_ipv4_header(ip, l4 - t->l3off));
	} else {
		store_be16(ip + 4, (uint16_t)(iplen - 40));
	}
	if (it->psh)
		o[l4 + TCP_FLAGS_OFF] |= TCP_PSH;
	/* CHECKSUM_PARTIAL: the field holds the folded pseudo-header sum, not inverted. */
	store_be16(o + l4 + TCP_CSUM_OFF,
		   csum_fold(csum_pseudo_ip(ip, IPPROTO_TCP_, (uint32_t)(total - l4))));
	g->st.coalesced += it->nseg;
	gro_write(g, VNET_HDR_LEN + total);
}

void gro_flush(struct gro *g)
{
	for (int i = 0; i < g->nitem; i++) {
		const struct gro_item *it = &g->items[i];
		const struct gro_seg *s = &g->segs[it->head];
		if (it->nseg > 1)
			gro_write_merged(g, it);
		else
			gro_write_plain(g, g->arena + s->off, s->len);
	}
	g->nitem = 0;
	g->nseg = 0;
	g->used = 0;
}

/* A non-candidate TCP packet (FIN, RST, pure ACK...) ends coalescing for its flow. */
static void gro_seal_flow(struct gro *g, const uint8_t *p, size_t len)
{
	struct tcp_pkt t;
	if (!tcp_pkt_parse(p, len, g->link, &t))
		return;
	uint32_t hash = flow_hash(p, &t);
	size_t aoff = t.l3off + (t.ver == 4 ? 12 : 8), alen = t.ver == 4 ? 8 : 32;
	for (int i = 0; i < g->nitem; i++) {
		struct gro_item *it = &g->items[i];
		const uint8_t *q = g->arena + g->segs[it->head].off;
		if (it->tcp && it->hash == hash && it->t.ver == t.ver && it->t.l3off == t.l3off &&
		    it->t.l4off == t.l4off && memcmp(q + aoff, p + aoff, alen) == 0 &&
		    memcmp(q + it->t.l4off, p + t.l4off, 4) == 0)
			it->tcp = false;
	}
}

void gro_add(struct gro *g, const uint8_t *pkt, size_t len)
{
	struct tcp_pkt t;

	g->st.pkts_in++;
	if (len == 0 || len > OFFLOAD_MAX_PKT + (g->link == OFFLOAD_ETH ? OFFLOAD_L2_MAX : 0)) {
		log_debug("gro: dropping a %zu-byte packet", len);
		g->st.dropped++;
		return;
	}
	if (g->nseg == GRO_MAX_PKTS || GRO_ARENA - g->used < len)
		gro_flush(g);

	int s = g->nseg++;
	g->segs[s] = (struct gro_seg){ .off = (uint32_t)g->used, .len = (uint32_t)len, .next = -1 };
	memcpy(g->arena + g->used, pkt, len);
	g->used += len;
	const uint8_t *p = g->arena + g->segs[s].off;

	bool cand = gro_candidate(g, p, len, &t);
	uint32_t hash = 0, seq = 0;
	bool psh = false;
	if (cand) {
		hash = flow_hash(p, &t);
		seq = t.seq;
		psh = (t.flags & TCP_PSH) != 0;
		/* Newest first: the most recent run of a flow is the likeliest to continue. */
		for (int i = g->nitem - 1; i >= 0; i--) {
			struct gro_item *it = &g->items[i];
			if (same_flow(g, it, p, &t, hash) && gro_merge(g, it, s, &t, seq, psh))
				return;
		}
	} else {
		gro_seal_flow(g, p, len);
	}

	struct gro_item *it = &g->items[g->nitem++];
	*it = (struct gro_item){ .head = s, .tail = s, .nseg = 1, .tcp = cand, .closed = psh,
				 .psh = psh, .hash = hash };
	if (cand) {
		it->t = t;
		it->gso = (uint16_t)t.paylen;
		it->paylen = (uint32_t)t.paylen;
		it->seq0 = seq;
		it->seqend = seq + (uint32_t)t.paylen;
	}
}
