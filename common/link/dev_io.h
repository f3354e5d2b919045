/* SPDX-License-Identifier: ISC */
/*
 * The link's device side. Reading: tun/tap packets whole (an offload tun/tap's super-packets split
 * into ordinary packets), pipe/tty bytes in frame-sized chunks. Writing: tun/tap packets
 * directly (through GRO on an offload tun/tap), pipe/tty bytes through a bounded queue that the
 * link drains when the device fd is writable, so a slow reader never blocks the loop.
 */
#ifndef VTUN_LINK_DEV_IO_H
#define VTUN_LINK_DEV_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "base/wait.h"
#include "dev/dev.h"

/* Stream devices: above this many queued bytes the link stops reading the socket; it
 * resumes below DEV_QUEUE_LOW. */
#define DEV_QUEUE_HIGH (256 * 1024)
#define DEV_QUEUE_LOW  (64 * 1024)

struct dev_io;

struct dev_io_cfg {
	const char *name;       /* session name, for logs */
	struct vt_dev *dev;
	size_t chunk_max;       /* device bytes per frame (the framing's max_dev) */
	size_t seg_max;         /* offload: largest packet to cut super-packets into */
	size_t payload_max;     /* the largest payload ever handed to dev_io_write */
};

struct dev_io *dev_io_new(const struct dev_io_cfg *c);
void dev_io_free(struct dev_io *d);

/* A packet (or chunk) read from the device, for the link to send; false = stop. */
typedef bool (*dev_packet_fn)(void *arg, const uint8_t *pkt, size_t len);

/* Frames one read can turn into (an offload super-packet: many). */
size_t dev_io_frames_per_read(const struct dev_io *d);
/* One read: its packets go to fn. >0 bytes read, 0 end of file, -1 errno (EAGAIN: none). */
ssize_t dev_io_read(struct dev_io *d, dev_packet_fn fn, void *arg);

enum dev_write {
	DEV_WROTE,      /* written, coalesced or queued */
	DEV_DROPPED,    /* refused or not for this device; the session goes on (logged) */
	DEV_FAILED,     /* the device is gone: end the session (logged) */
};
enum dev_write dev_io_write(struct dev_io *d, const uint8_t *payload, size_t len);
/* End of a receive batch: write what GRO coalesced. */
void dev_io_batch_end(struct dev_io *d);

/* Stream devices: bytes waiting for the device. */
size_t dev_io_queued(const struct dev_io *d);
/* Write queued bytes as far as the device takes them; false if it failed (logged). */
bool dev_io_drain(struct dev_io *d);
/* Session end: drain, waiting for the device at most until the deadline. */
void dev_io_drain_until(struct dev_io *d, struct deadline dl);

#endif
