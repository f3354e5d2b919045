/* SPDX-License-Identifier: ISC */
/*
 * Tun offloads: TSO super-packet splitting (tun -> peer) and userspace GRO (peer -> tun).
 * See offload.h and research/offload.md §1. All packet parsing is bounds-checked against the
 * buffer length first; header fields (IP lengths, TCP data offset, virtio values) are never
 * used before they were checked against it.
 */
#include "offload/offload.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <net/if.h>
#include <linux/if_tun.h>

#include "offload/csum.h"
#include "base/log.h"
#include "base/util.h"

/* The installed headers may predate these (research/offload.md: headers older than kernel). */
#ifndef IFF_VNET_HDR
#define IFF_VNET_HDR 0x4000
#endif
#ifndef TUNSETOFFLOAD
#define TUNSETOFFLOAD _IOW('T', 208, unsigned int)
#endif
#ifndef TUNSETVNETHDRSZ
#define TUNSETVNETHDRSZ _IOW('T', 216, int)
#endif
#ifndef TUNGETIFF
#define TUNGETIFF _IOR('T', 210, unsigned int)
#endif
#ifndef TUN_F_CSUM
#define TUN_F_CSUM 0x01
#endif
#ifndef TUN_F_TSO4
#define TUN_F_TSO4 0x02
#endif
#ifndef TUN_F_TSO6
#define TUN_F_TSO6 0x04
#endif

#define IPPROTO_TCP_ 6
#define IPPROTO_UDP_ 17
#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10
#define TCP_CWR 0x80
#define TCP_CSUM_OFF 16

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* The tun exchanges the header in native byte order (we never call TUNSETVNETBE/LE). */
void vnet_hdr_get(struct vnet_hdr *h, const uint8_t *p)
{
	h->flags = p[0];
	h->gso_type = p[1];
	memcpy(&h->hdr_len, p + 2, 2);
	memcpy(&h->gso_size, p + 4, 2);
	memcpy(&h->csum_start, p + 6, 2);
	memcpy(&h->csum_offset, p + 8, 2);
}

void vnet_hdr_put(const struct vnet_hdr *h, uint8_t *p)
{
	p[0] = h->flags;
	p[1] = h->gso_type;
	memcpy(p + 2, &h->hdr_len, 2);
	memcpy(p + 4, &h->gso_size, 2);
	memcpy(p + 6, &h->csum_start, 2);
	memcpy(p + 8, &h->csum_offset, 2);
}

bool offload_tun_enable(int tun_fd)
{
	struct ifreq ifr;
	int sz = VNET_HDR_LEN;

	/* Without IFF_VNET_HDR the offload bits would hand us headers we do not expect. */
	memset(&ifr, 0, sizeof(ifr));
	if (ioctl(tun_fd, TUNGETIFF, &ifr) < 0) {
		log_debug("offload: TUNGETIFF: %s", strerror(errno));
		return false;
	}
	if (!(ifr.ifr_flags & IFF_VNET_HDR)) {
		log_debug("offload: tun was not opened with IFF_VNET_HDR");
		return false;
	}
	if (ioctl(tun_fd, TUNSETVNETHDRSZ, &sz) < 0) {
		log_debug("offload: TUNSETVNETHDRSZ: %s", strerror(errno));
		return false;
	}
	if (ioctl(tun_fd, TUNSETOFFLOAD, (unsigned long)(TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6)) < 0) {
		log_debug("offload: TUNSETOFFLOAD: %s", strerror(errno));
		return false;
	}
	return true;
}

/* ---- parsing ------------------------------------------------------------------------ */

/* A TCP packet whose headers were checked against its length. */
struct tcp_pkt {
	int ver;          /* 4 or 6 */
	size_t l4off;     /* IP header length */
	size_t thl;       /* TCP header length */
	size_t hl;        /* l4off + thl */
	size_t paylen;    /* TCP payload bytes */
};

/*
 * Parse an IPv4/IPv6 TCP packet that must be exactly len bytes long (IP length field equal
 * to len). IPv4 fragments and IPv6 extension headers are refused: neither can be segmented
 * or coalesced by header rewriting alone.
 */
static bool parse_tcp(const uint8_t *p, size_t len, struct tcp_pkt *t)
{
	if (len < 20)
		return false;
	t->ver = p[0] >> 4;
	if (t->ver == 4) {
		t->l4off = (size_t)(p[0] & 0x0f) * 4;
		if (t->l4off < 20 || t->l4off > len || get16(p + 2) != len)
			return false;
		if ((get16(p + 6) & 0x3fff) != 0 || p[9] != IPPROTO_TCP_)
			return false;
	} else if (t->ver == 6) {
		t->l4off = 40;
		if (len < 40 || (size_t)get16(p + 4) + 40 != len || p[6] != IPPROTO_TCP_)
			return false;
	} else {
		return false;
	}
	if (len - t->l4off < 20)
		return false;
	t->thl = (size_t)(p[t->l4off + 12] >> 4) * 4;
	if (t->thl < 20 || t->thl > len - t->l4off)
		return false;
	t->hl = t->l4off + t->thl;
	t->paylen = len - t->hl;
	return true;
}

/* Full TCP checksum of a packet described by t (checksum field taken as is). */
static uint16_t tcp_sum_fold(const uint8_t *p, const struct tcp_pkt *t)
{
	size_t l4len = t->thl + t->paylen;
	uint32_t sum = csum_pseudo_ip(p, IPPROTO_TCP_, (uint32_t)l4len);
	return csum_fold(csum_add(sum, p + t->l4off, l4len));
}

/* ---- split (tun -> peer) ------------------------------------------------------------ */

/* True when the L4 checksum at csum_start belongs to UDP (0 must then be sent as 0xffff). */
static bool is_udp_at(const uint8_t *p, size_t len, size_t cstart)
{
	if (len >= 20 && (p[0] >> 4) == 4)
		return p[9] == IPPROTO_UDP_ && cstart == (size_t)(p[0] & 0x0f) * 4;
	if (len >= 40 && (p[0] >> 4) == 6)
		return p[6] == IPPROTO_UDP_ && cstart == 40;
	return false;
}

/* gso NONE: pass the packet through, finishing a partial checksum if asked to. */
static int split_none(const struct vnet_hdr *h, const uint8_t *pkt, size_t plen, size_t mtu,
		      uint8_t *out, size_t outcap, size_t *lens, int nmax)
{
	if (plen > mtu || plen > outcap || nmax < 1)
		return -1;
	memcpy(out, pkt, plen);
	if (h->flags & VNET_F_NEEDS_CSUM) {
		size_t cs = h->csum_start, at = (size_t)h->csum_start + h->csum_offset;
		/* at + 2 > plen, written so that it cannot wrap (plen may be 1). */
		if (cs >= plen || plen < 2 || at > plen - 2)
			return -1;
		/* The field already holds the pseudo-header sum: summing over it completes it. */
		uint16_t v = csum_finish(csum_add(0, out + cs, plen - cs));
		if (v == 0 && is_udp_at(out, plen, cs))
			v = 0xffff;
		put16(out + at, v);
	}
	lens[0] = plen;
	return 1;
}

/* Write segment i of a TCP super-packet: headers from pkt, seglen payload bytes at pay. */
static void build_segment(uint8_t *o, const uint8_t *pkt, const struct tcp_pkt *t, size_t i,
			  bool last, uint16_t gso, const uint8_t *pay, size_t seglen)
{
	size_t l4 = t->l4off;

	memcpy(o, pkt, t->hl);
	memcpy(o + t->hl, pay, seglen);
	if (t->ver == 4) {
		put16(o + 2, (uint16_t)(t->hl + seglen));
		put16(o + 4, (uint16_t)(get16(pkt + 4) + i));
		put16(o + 10, csum_ipv4_header(o, l4));
	} else {
		put16(o + 4, (uint16_t)(t->thl + seglen));
	}
	put32(o + l4 + 4, get32(pkt + l4 + 4) + (uint32_t)(i * gso));
	/* Like the kernel's TCP segmentation: CWR only on the first, FIN/PSH only on the last. */
	if (i > 0)
		o[l4 + 13] &= (uint8_t)~TCP_CWR;
	if (!last)
		o[l4 + 13] &= (uint8_t)~(TCP_FIN | TCP_PSH);
	put16(o + l4 + TCP_CSUM_OFF, 0);
	uint32_t sum = csum_pseudo_ip(o, IPPROTO_TCP_, (uint32_t)(t->thl + seglen));
	put16(o + l4 + TCP_CSUM_OFF, csum_finish(csum_add(sum, o + l4, t->thl + seglen)));
}

static int split_tcp(const struct vnet_hdr *h, const uint8_t *pkt, size_t plen, size_t mtu,
		     size_t seg_max, uint8_t *out, size_t outcap, size_t *lens, int nmax)
{
	struct tcp_pkt t;
	int want = (h->gso_type & ~VNET_GSO_ECN) == VNET_GSO_TCPV4 ? 4 : 6;

	if (!parse_tcp(pkt, plen, &t) || t.ver != want)
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
	struct vnet_hdr h;

	if (len <= VNET_HDR_LEN)
		return -1;
	vnet_hdr_get(&h, in);
	const uint8_t *pkt = in + VNET_HDR_LEN;
	size_t plen = len - VNET_HDR_LEN;

	switch (h.gso_type & ~VNET_GSO_ECN) {
	case VNET_GSO_NONE:
		if (h.gso_type & VNET_GSO_ECN)
			return -1;
		return split_none(&h, pkt, plen, mtu, out, outcap, lens, nmax);
	case VNET_GSO_TCPV4:
	case VNET_GSO_TCPV6:
		return split_tcp(&h, pkt, plen, mtu, seg_max, out, outcap, lens, nmax);
	default:
		/* UDP (UFO/USO) is never enabled by offload_tun_enable. */
		return -1;
	}
}

/* ---- GRO (peer -> tun) -------------------------------------------------------------- */

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
	struct gro *g = xcalloc(1, sizeof(*g));
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
	uint32_t h = t->ver == 4 ? csum_add(0, p + 12, 8) : csum_add(0, p + 8, 32);
	return h * 31u + get32(p + t->l4off);
}

/* Same flow: addresses, ports, ACK number, header lengths, IP fields that must not change. */
static bool same_flow(const struct gro *g, const struct gro_item *it, const uint8_t *p,
		      const struct tcp_pkt *t, uint32_t hash)
{
	const uint8_t *q = g->arena + g->segs[it->head].off;
	size_t l4 = t->l4off;

	if (!it->tcp || it->hash != hash || it->t.ver != t->ver || it->t.l4off != l4 ||
	    it->t.thl != t->thl)
		return false;
	if (t->ver == 4) {
		/* ToS, DF, TTL and addresses; IPv4 options, if any, must be equal too. */
		if (p[1] != q[1] || (p[6] & 0x40) != (q[6] & 0x40) || p[8] != q[8] ||
		    memcmp(p + 12, q + 12, l4 - 12) != 0)
			return false;
	} else {
		/* Version/traffic class/flow label word, hop limit, addresses. */
		if (memcmp(p, q, 4) != 0 || p[7] != q[7] || memcmp(p + 8, q + 8, 32) != 0)
			return false;
	}
	/* Ports, ACK number, then all options byte for byte. */
	return memcmp(p + l4, q + l4, 4) == 0 && memcmp(p + l4 + 8, q + l4 + 8, 4) == 0 &&
	       memcmp(p + l4 + 20, q + l4 + 20, t->thl - 20) == 0;
}

/* Whether p is a coalescing candidate: parsed TCP, data, flags ACK[|PSH], checksums right. */
static bool gro_candidate(struct gro *g, const uint8_t *p, size_t len, struct tcp_pkt *t)
{
	if (!parse_tcp(p, len, t) || t->paylen == 0)
		return false;
	uint8_t fl = p[t->l4off + 13];
	if ((fl & ~TCP_PSH) != TCP_ACK)
		return false;
	/* The result goes to the kernel as CHECKSUM_PARTIAL and is not verified again. */
	if ((t->ver == 4 && csum_fold(csum_add(0, p, t->l4off)) != 0xffff) ||
	    tcp_sum_fold(p, t) != 0xffff) {
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

	if (it->t.hl + it->paylen + n > OFFLOAD_MAX_PKT)
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
	size_t l4 = t->l4off, total = t->hl + it->paylen;
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
		put16(o + 2, (uint16_t)total);
		put16(o + 10, csum_ipv4_header(o, l4));
	} else {
		put16(o + 4, (uint16_t)(total - 40));
	}
	if (it->psh)
		o[l4 + 13] |= TCP_PSH;
	/* CHECKSUM_PARTIAL: the field holds the folded pseudo-header sum, not inverted. */
	put16(o + l4 + TCP_CSUM_OFF, csum_fold(csum_pseudo_ip(o, IPPROTO_TCP_, (uint32_t)(total - l4))));
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
	if (!parse_tcp(p, len, &t))
		return;
	uint32_t hash = flow_hash(p, &t);
	for (int i = 0; i < g->nitem; i++) {
		struct gro_item *it = &g->items[i];
		const uint8_t *q = g->arena + g->segs[it->head].off;
		if (it->tcp && it->hash == hash && it->t.ver == t.ver && it->t.l4off == t.l4off &&
		    memcmp(q + (t.ver == 4 ? 12 : 8), p + (t.ver == 4 ? 12 : 8), t.ver == 4 ? 8 : 32) == 0 &&
		    memcmp(q + it->t.l4off, p + t.l4off, 4) == 0)
			it->tcp = false;
	}
}

void gro_add(struct gro *g, const uint8_t *pkt, size_t len)
{
	struct tcp_pkt t;

	g->st.pkts_in++;
	if (len == 0 || len > OFFLOAD_MAX_PKT) {
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
		seq = get32(p + t.l4off + 4);
		psh = (p[t.l4off + 13] & TCP_PSH) != 0;
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
