/* SPDX-License-Identifier: ISC */
#include "link/dev_io.h"
#include "base/log.h"
#include "base/util.h"
#include "offload/offload.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

/* Segments one super-packet may be split into. */
#define SEG_MAX 64

struct dev_io {
	const char *name;
	struct vt_dev *dev;
	bool stream;             /* pipe/tty: bytes, not packets */
	enum offload_link link;  /* offload: IP packets (tun) or Ethernet frames (tap) */
	size_t chunk_max, seg_max;
	size_t read_max;         /* bytes asked for per read */
	uint8_t *pkt;
	uint8_t *seg;            /* offload: ordinary packets split from a super-packet */
	size_t seg_cap;
	size_t seg_len[SEG_MAX];
	struct gro *gro;         /* offload: coalesces received packets before the tun write */
	uint8_t *q;              /* stream devices: bytes the device has not taken yet */
	size_t q_cap, q_off, q_len;
};

/* GRO output: one (possibly coalesced) packet with its virtio header for the tun. */
static int gro_write(void *arg, const uint8_t *buf, size_t len)
{
	struct dev_io *d = arg;
	if (d->dev->ops->write(d->dev, buf, len) < 0) {
		log_warn("%s: dropped a %zu-byte packet the device refused", d->name, len);
		return -1;
	}
	return 0;
}

struct dev_io *dev_io_new(const struct dev_io_cfg *c)
{
	struct dev_io *d = xcalloc(1, sizeof(*d));
	d->name = c->name;
	d->dev = c->dev;
	d->stream = c->dev->type == VT_DEV_PIPE || c->dev->type == VT_DEV_TTY;
	d->chunk_max = c->chunk_max;
	d->seg_max = c->seg_max;
	/* tun/tap: room for any packet (or super-packet), so oversized ones are seen and
	 * dropped, not cut */
	d->read_max = d->stream ? c->chunk_max : OFFLOAD_READ_MAX;
	d->pkt = xmalloc(d->read_max);
	if (c->dev->vnet) {
		d->link = c->dev->type == VT_DEV_ETHER ? OFFLOAD_ETH : OFFLOAD_IP;
		d->seg_cap = SEG_MAX * c->chunk_max;
		d->seg = xmalloc(d->seg_cap);
		d->gro = gro_new_link(d->link, gro_write, d);
	}
	if (d->stream) {
		/* below HIGH a payload is always taken, so this bound is never exceeded */
		d->q_cap = DEV_QUEUE_HIGH + c->payload_max;
		d->q = xmalloc(d->q_cap);
	}
	return d;
}

void dev_io_free(struct dev_io *d)
{
	if (!d)
		return;
	if (d->gro) {
		gro_flush(d->gro);
		gro_free(d->gro);
	}
	if (d->q)
		secure_zero(d->q, d->q_cap);
	free(d->q);
	free(d->seg);
	free(d->pkt);
	free(d);
}

size_t dev_io_frames_per_read(const struct dev_io *d) { return d->dev->vnet ? SEG_MAX : 1; }

/* A read from an offload tun/tap: split into ordinary packets (frames), each its own frame. */
static void split_super_packet(struct dev_io *d, size_t n, dev_packet_fn fn, void *arg)
{
	int k = offload_split_link(d->link, d->pkt, n, d->chunk_max, d->seg_max, d->seg,
	                           d->seg_cap, d->seg_len, SEG_MAX);
	if (k < 0) {
		log_warnx("%s: dropped a %zu-byte packet from the device that could not be split "
		          "into VTun frames", d->name, n);
		return;
	}
	const uint8_t *p = d->seg;
	for (int i = 0; i < k; i++) {
		if (!fn(arg, p, d->seg_len[i]))
			return;
		p += d->seg_len[i];
	}
}

ssize_t dev_io_read(struct dev_io *d, dev_packet_fn fn, void *arg)
{
	ssize_t n;
	do
		n = d->dev->ops->read(d->dev, d->pkt, d->read_max);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return n;
	if (d->dev->vnet)
		split_super_packet(d, (size_t)n, fn, arg);
	else if ((size_t)n > d->chunk_max)
		/* VTun peers cut such packets silently; we refuse to send a corrupt one. */
		log_warnx("%s: dropped a %zd-byte packet: VTun frames carry at most %zu bytes "
		          "(lower the interface MTU)", d->name, n, d->chunk_max);
	else
		fn(arg, d->pkt, (size_t)n);
	return n;
}

size_t dev_io_queued(const struct dev_io *d) { return d->q_len - d->q_off; }

/* Write from the queue until the device is full; false on a failure (logged). */
bool dev_io_drain(struct dev_io *d)
{
	while (dev_io_queued(d)) {
		ssize_t n = d->dev->ops->write(d->dev, d->q + d->q_off, dev_io_queued(d));
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return true;
			log_warn("%s: device write failed", d->name);
			return false;
		}
		d->q_off += (size_t)n;
	}
	d->q_off = d->q_len = 0;
	return true;
}

void dev_io_drain_until(struct dev_io *d, struct deadline dl)
{
	while (d->stream && dev_io_queued(d) && dev_io_drain(d) && dev_io_queued(d) &&
	       wait_fd(d->dev->fd, POLLOUT, dl) == 1)
		;
}

/* Stream devices: bytes stay in order, so they join the queue when it is not empty. */
static enum dev_write stream_write(struct dev_io *d, const uint8_t *p, size_t len)
{
	if (!dev_io_queued(d)) {
		ssize_t n = d->dev->ops->write(d->dev, p, len);
		if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
			log_warn("%s: device write failed", d->name);
			return DEV_FAILED;
		}
		if (n > 0) {
			p += n;
			len -= (size_t)n;
		}
		if (!len)
			return DEV_WROTE;
		d->q_off = d->q_len = 0;
	}
	if (d->q_cap - d->q_len < len) {
		memmove(d->q, d->q + d->q_off, dev_io_queued(d));
		d->q_len -= d->q_off;
		d->q_off = 0;
	}
	if (d->q_cap - d->q_len < len) {
		/* cannot happen while the link keeps to DEV_QUEUE_HIGH; a gap would corrupt
		 * the byte stream, so end the session instead */
		log_warnx("%s: device write queue overflow", d->name);
		return DEV_FAILED;
	}
	memcpy(d->q + d->q_len, p, len);
	d->q_len += len;
	return DEV_WROTE;
}

enum dev_write dev_io_write(struct dev_io *d, const uint8_t *payload, size_t len)
{
	if (d->stream)
		return stream_write(d, payload, len);
	/* A 1-byte payload is a VTun cipher resync dummy: never a packet for tun/tap. */
	if (len == 1)
		return DEV_DROPPED;
	if (d->gro) {
		gro_add(d->gro, payload, len);   /* written (coalesced) at the end of the batch */
		return DEV_WROTE;
	}
	if (d->dev->ops->write(d->dev, payload, len) < 0) {
		/* One bad packet or an interface that is not up yet must not end the session. */
		log_warn("%s: dropped a %zu-byte packet the device refused", d->name, len);
		return DEV_DROPPED;
	}
	return DEV_WROTE;
}

void dev_io_batch_end(struct dev_io *d)
{
	if (d->gro)
		gro_flush(d->gro);
}
