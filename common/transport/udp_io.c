/* SPDX-License-Identifier: ISC */
#include "transport/udp_io.h"
#include "base/log.h"
#include "base/util.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103
#endif
/* The kernel's limits for one GSO send. */
#define GSO_MAX_SEGS 64
#define GSO_MAX_BYTES 65000

struct udp_tx {
	uint8_t *buf;
	size_t cap;        /* UDP_IO_BATCH largest frames */
	size_t used;
	size_t off[UDP_IO_BATCH];
	size_t len[UDP_IO_BATCH];
	size_t n;          /* frames queued */
	size_t first;      /* first frame not sent yet */
	bool gso;          /* UDP_SEGMENT works on this socket */
	size_t gso_max;    /* largest datagram GSO may carry (it cannot fragment: path MTU) */
	struct mmsghdr msg[UDP_IO_BATCH];
	struct iovec iov[UDP_IO_BATCH];
	union {
		char buf[CMSG_SPACE(sizeof(uint16_t))];
		struct cmsghdr align;
	} ctl[UDP_IO_BATCH];
};

struct udp_tx *udp_tx_new(size_t frame_max)
{
	struct udp_tx *q = xcalloc(1, sizeof(*q));
	q->cap = UDP_IO_BATCH * frame_max;
	q->buf = xmalloc(q->cap);
	const char *g = getenv("VTUN_UDP_GSO");
	q->gso = !(g && strcmp(g, "0") == 0);
	q->gso_max = 65535;
	return q;
}

void udp_tx_free(struct udp_tx *q)
{
	if (!q)
		return;
	secure_zero(q->buf, q->cap);
	free(q->buf);
	free(q);
}

size_t udp_tx_count(const struct udp_tx *q) { return q->n - q->first; }

void udp_tx_clear(struct udp_tx *q) { q->n = q->first = q->used = 0; }

bool udp_tx_room(const struct udp_tx *q, size_t frames, size_t bytes)
{
	if (q->first == q->n)
		return frames <= UDP_IO_BATCH && bytes <= q->cap;
	return q->n + frames <= UDP_IO_BATCH && q->cap - q->used >= bytes;
}

uint8_t *udp_tx_slot(struct udp_tx *q, size_t max)
{
	if (q->first == q->n)
		udp_tx_clear(q);
	if (q->n == UDP_IO_BATCH || q->cap - q->used < max)
		return NULL;
	return q->buf + q->used;
}

void udp_tx_commit(struct udp_tx *q, size_t len)
{
	q->off[q->n] = q->used;
	q->len[q->n] = len;
	q->used += len;
	q->n++;
}

bool udp_tx_add(struct udp_tx *q, const void *frame, size_t len)
{
	uint8_t *p = udp_tx_slot(q, len);
	if (!p)
		return false;
	memcpy(p, frame, len);
	udp_tx_commit(q, len);
	return true;
}

/* Group frames [from, q->n) into messages; returns the message count and, per message, the
 * number of frames it carries in nfr[]. */
static int build_msgs(struct udp_tx *q, size_t from, size_t *nfr)
{
	int m = 0;
	size_t i = from;
	while (i < q->n) {
		size_t seg = q->len[i], k = 1, bytes = seg;
		/* equal-size frames, optionally ending with one shorter frame, are one GSO send */
		while (q->gso && seg <= q->gso_max && i + k < q->n && k < GSO_MAX_SEGS && bytes + q->len[i + k] <= GSO_MAX_BYTES) {
			size_t l = q->len[i + k];
			if (l > seg)
				break;
			bytes += l;
			k++;
			if (l < seg)
				break;
		}
		struct msghdr *h = &q->msg[m].msg_hdr;
		memset(h, 0, sizeof(*h));
		q->iov[m].iov_base = q->buf + q->off[i];
		q->iov[m].iov_len = bytes;
		h->msg_iov = &q->iov[m];
		h->msg_iovlen = 1;
		if (k > 1) {
			h->msg_control = q->ctl[m].buf;
			h->msg_controllen = sizeof(q->ctl[m].buf);
			struct cmsghdr *c = CMSG_FIRSTHDR(h);
			c->cmsg_level = SOL_UDP;
			c->cmsg_type = UDP_SEGMENT;
			c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
			uint16_t gs = (uint16_t)seg;
			memcpy(CMSG_DATA(c), &gs, sizeof(gs));
		}
		nfr[m++] = k;
		i += k;
	}
	return m;
}

int udp_tx_flush(struct udp_tx *q, int fd)
{
	size_t nfr[UDP_IO_BATCH];
	while (q->first < q->n) {
		int m = build_msgs(q, q->first, nfr);
		int sent = sendmmsg(fd, q->msg, (unsigned)m, MSG_DONTWAIT);
		if (sent < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 1;
			if (errno == EIO && q->gso) {
				/* no checksum offload on the way out: send datagrams one by one */
				log_debug("UDP GSO unavailable; sending datagrams singly");
				q->gso = false;
				continue;
			}
			if (errno == EMSGSIZE && nfr[0] > 1) {
				/* GSO segments must fit the path MTU; bigger ones go singly and the
				 * kernel fragments them, as it does for any UDP sender */
				q->gso_max = q->len[q->first] - 1;
				continue;
			}
			if (errno == ENOBUFS || errno == ECONNREFUSED || errno == EMSGSIZE) {
				/* UDP may lose a datagram; drop this message and go on */
				q->first += nfr[0];
				continue;
			}
			return -1;
		}
		for (int i = 0; i < sent; i++)
			q->first += nfr[i];
	}
	udp_tx_clear(q);
	return 0;
}

#ifndef UDP_GRO
#define UDP_GRO 104
#endif
/* With GRO one message is a run of datagrams the kernel coalesced, up to an IP packet's
 * 64 KiB; fewer such messages per read hold more datagrams than UDP_IO_BATCH single ones. */
#define GRO_MSG_BYTES 65536
#define GRO_MSGS 16

struct udp_rx {
	size_t max;        /* largest datagram read whole */
	size_t slot;       /* bytes per message buffer */
	int slots;         /* messages per recvmmsg */
	bool gro;
	uint8_t *buf;
	int got;           /* messages of the last read */
	int cur;           /* the message being split */
	size_t off;        /* where its next datagram starts */
	size_t seg;        /* its datagram size if coalesced, else 0 */
	struct mmsghdr msg[UDP_IO_BATCH];
	struct iovec iov[UDP_IO_BATCH];
	struct sockaddr_storage from[UDP_IO_BATCH];
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl[UDP_IO_BATCH];
};

/* Ask the kernel to hand over equal-size runs from one sender as one buffer (it then also
 * stops cutting a local peer's GSO sends apart); false if it will not. */
static bool enable_gro(int fd)
{
	const char *g = getenv("VTUN_UDP_GRO");
	if (g && strcmp(g, "0") == 0)
		return false;
	int on = 1;
	if (setsockopt(fd, SOL_UDP, UDP_GRO, &on, sizeof(on)) < 0) {
		log_debug("UDP GRO unavailable; reading datagrams singly");
		return false;
	}
	return true;
}

struct udp_rx *udp_rx_new(size_t max_dgram, int fd)
{
	struct udp_rx *r = xcalloc(1, sizeof(*r));
	r->max = max_dgram;
	r->gro = enable_gro(fd);
	r->slot = r->gro && max_dgram < GRO_MSG_BYTES ? GRO_MSG_BYTES : max_dgram;
	r->slots = r->gro ? GRO_MSGS : UDP_IO_BATCH;
	r->buf = xmalloc((size_t)r->slots * r->slot);
	return r;
}

bool udp_rx_gro(const struct udp_rx *r) { return r->gro; }

bool udp_rx_full(const struct udp_rx *r) { return r->got == r->slots; }

void udp_rx_free(struct udp_rx *r)
{
	if (!r)
		return;
	secure_zero(r->buf, (size_t)r->slots * r->slot);
	free(r->buf);
	free(r);
}

int udp_rx_read(struct udp_rx *r, int fd)
{
	r->got = r->cur = 0;
	r->off = 0;
	for (int i = 0; i < r->slots; i++) {
		struct msghdr *h = &r->msg[i].msg_hdr;
		r->iov[i].iov_base = r->buf + (size_t)i * r->slot;
		r->iov[i].iov_len = r->slot;
		memset(h, 0, sizeof(*h));
		h->msg_iov = &r->iov[i];
		h->msg_iovlen = 1;
		h->msg_name = &r->from[i];
		h->msg_namelen = sizeof(r->from[i]);
		if (r->gro) {
			h->msg_control = r->ctl[i].buf;
			h->msg_controllen = sizeof(r->ctl[i].buf);
		}
	}
	int n;
	do
		n = recvmmsg(fd, r->msg, (unsigned)r->slots, MSG_DONTWAIT, NULL);
	while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	if (n > 0)
		r->got = n;
	return n;
}

/* The datagram size the kernel coalesced message i from; 0 if it holds one datagram. */
static size_t gro_segment(const struct udp_rx *r, int i)
{
	if (!r->gro)
		return 0;
	const struct msghdr *h = &r->msg[i].msg_hdr;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR((struct msghdr *)h, c)) {
		if (c->cmsg_level == SOL_UDP && c->cmsg_type == UDP_GRO &&
		    c->cmsg_len >= CMSG_LEN(sizeof(int))) {
			int seg;
			memcpy(&seg, CMSG_DATA(c), sizeof(seg));
			return seg > 0 ? (size_t)seg : 0;
		}
	}
	return 0;
}

bool udp_rx_next(struct udp_rx *r, struct udp_rx_dgram *d)
{
	if (r->cur >= r->got)
		return false;
	const struct mmsghdr *m = &r->msg[r->cur];
	if (r->off == 0)
		r->seg = gro_segment(r, r->cur);
	size_t left = m->msg_len - r->off;
	d->data = r->buf + (size_t)r->cur * r->slot + r->off;
	d->from = &r->from[r->cur];
	d->len = r->seg && r->seg < left ? r->seg : left;
	r->off += d->len;
	/* too long: a buffer bigger than max_dgram (for GRO) held it, or it was cut */
	if (d->len > r->max)
		d->len = r->max + 1;
	if (r->off >= m->msg_len) {
		if (m->msg_hdr.msg_flags & MSG_TRUNC)
			d->len = r->max + 1;
		r->cur++;
		r->off = 0;
	}
	return true;
}

bool udp_rx_from(const struct udp_rx_dgram *d, const struct sockaddr_storage *peer)
{
	const struct sockaddr_storage *f = d->from;
	if (f->ss_family != peer->ss_family)
		return false;
	if (f->ss_family == AF_INET) {
		const struct sockaddr_in *a = (const void *)f, *b = (const void *)peer;
		return a->sin_port == b->sin_port && a->sin_addr.s_addr == b->sin_addr.s_addr;
	}
	if (f->ss_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const void *)f, *b = (const void *)peer;
		return a->sin6_port == b->sin6_port &&
		       memcmp(&a->sin6_addr, &b->sin6_addr, sizeof(a->sin6_addr)) == 0;
	}
	return false;
}
