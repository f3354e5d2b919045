/* SPDX-License-Identifier: ISC */
/*
 * zlib compression (doc/PROTOCOL.md §7): ONE deflate stream per direction for the whole session, zlib
 * format (the 78 xx header goes out in the first frame only, a trailer never), each packet
 * finished with a sync flush so every frame ends in 00 00 ff ff. Frames depend on all
 * earlier ones, so any inflate error means the session cannot continue (FILTER_FATAL); over
 * UDP one lost datagram therefore ends the link, which is VTun's wire format and kept.
 */
#include <stdlib.h>
#include <zlib.h>

#include "filter/filter.h"
#include "base/log.h"
#include "base/util.h"

/*
 * Incompressible traffic (already compressed or encrypted payloads) gains nothing from
 * deflate but costs ten times more than storing it: per sync-flushed packet zlib builds
 * Huffman trees, about 25 MB/s here. After a few packets that did not shrink, the stream
 * switches to level 0 (stored blocks, same zlib stream, any inflater reads it) and probes
 * the configured level again now and then, less often while the data stays incompressible.
 */
#define STORE_AFTER      4      /* packets in a row that did not shrink */
#define PROBE_FIRST      64     /* stored packets before the level is tried again */
#define PROBE_MAX        4096

struct zlib_state {
	z_stream def;
	z_stream inf;
	bool def_ok, inf_ok;
	bool broken;          /* a fatal error happened: refuse further work */
	int level;            /* configured level */
	bool storing;         /* currently at level 0 */
	unsigned no_gain;     /* packets in a row that did not shrink */
	unsigned stored_left; /* stored packets until the next probe */
	unsigned probe_every; /* current probe interval */
};

/* Switch the deflate level between packets (the stream is flushed, so no bytes result). */
static bool set_level(struct zlib_state *st, int level, uint8_t *out, size_t outcap)
{
	st->def.next_in = NULL;
	st->def.avail_in = 0;
	st->def.next_out = out;
	st->def.avail_out = (uInt)outcap;
	int r = deflateParams(&st->def, level, Z_DEFAULT_STRATEGY);
	/* Z_BUF_ERROR only says there was nothing to flush, which is the case here */
	return (r == Z_OK || r == Z_BUF_ERROR) && st->def.avail_out == outcap;
}

/* Before a packet: leave or enter stored mode as the recent packets suggest. */
static void adapt_before(struct zlib_state *st, uint8_t *out, size_t outcap)
{
	if (st->storing) {
		if (st->stored_left > 0) {
			st->stored_left--;
		} else if (set_level(st, st->level, out, outcap)) {
			st->storing = false;
			st->no_gain = STORE_AFTER - 1;   /* one more packet that does not shrink: back */
		}
	} else if (st->no_gain >= STORE_AFTER && set_level(st, 0, out, outcap)) {
		st->storing = true;
		st->stored_left = st->probe_every;
		if (st->probe_every < PROBE_MAX)
			st->probe_every *= 2;            /* still incompressible next time: probe less */
	}
}

/* After a packet at the configured level: did it shrink? */
static void adapt_after(struct zlib_state *st, size_t in_len, size_t out_len)
{
	if (st->storing)
		return;
	if (out_len >= in_len) {
		st->no_gain++;
	} else {
		st->no_gain = 0;
		st->probe_every = PROBE_FIRST;
	}
}

/*
 * Room deflate may need for one sync-flushed packet: deflateBound() covers a whole stream
 * (header, stored-block overhead, trailer); the flush marker and leftover bits add a few
 * bytes more. Checking before touching the stream lets an oversized packet be dropped
 * without desynchronising the peer.
 */
static size_t sync_bound(z_stream *z, size_t len)
{
	return (size_t)deflateBound(z, (uLong)len) + 16;
}

static int zlib_encode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out,
                       size_t outcap)
{
	struct zlib_state *st = f->state;
	if (st->broken)
		return FILTER_FATAL;
	if (len == 0)
		return 0;   /* a second flush without input is a zlib error; nothing to send */
	if (len > FILTER_BUF_MAX || sync_bound(&st->def, len) > outcap) {
		log_warnx("ZLIB: packet of %zu bytes may not fit %zu bytes, dropped", len, outcap);
		return FILTER_DROP;
	}
	adapt_before(st, out, outcap);
	st->def.next_in = (Bytef *)(uintptr_t)in;   /* zlib's API is not const-correct */
	st->def.avail_in = (uInt)len;
	st->def.next_out = out;
	st->def.avail_out = (uInt)outcap;
	int r = deflate(&st->def, Z_SYNC_FLUSH);
	if (r != Z_OK || st->def.avail_in != 0 || st->def.avail_out == 0) {
		/* The stream already holds part of this packet: the peer can no longer follow. */
		log_warnx("Deflate error %d len %zu", r, len);
		st->broken = true;
		return FILTER_FATAL;
	}
	adapt_after(st, len, outcap - st->def.avail_out);
	return (int)(outcap - st->def.avail_out);
}

/* After output filled up exactly: does inflate still hold bytes for this frame? */
static bool inflate_has_more(z_stream *z)
{
	uint8_t probe;
	z->next_out = &probe;
	z->avail_out = 1;
	int r = inflate(z, Z_SYNC_FLUSH);
	return r == Z_OK || r == Z_STREAM_END ? z->avail_out == 0 : r != Z_BUF_ERROR;
}

static int zlib_decode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out,
                       size_t outcap)
{
	struct zlib_state *st = f->state;
	if (st->broken)
		return FILTER_FATAL;
	if (len == 0)
		return 0;
	st->inf.next_in = (Bytef *)(uintptr_t)in;
	st->inf.avail_in = (uInt)len;
	st->inf.next_out = out;
	st->inf.avail_out = (uInt)outcap;
	int r = inflate(&st->inf, Z_SYNC_FLUSH);
	/*
	 * Z_STREAM_END is an error too: VTun never ends the stream, so a peer that does is
	 * not speaking the protocol (and more input could not be decoded anyway).
	 */
	if (r != Z_OK) {
		log_warnx("Inflate error %d len %zu", r, len);
		st->broken = true;
		return FILTER_FATAL;
	}
	size_t n = outcap - st->inf.avail_out;
	if (st->inf.avail_in != 0 || (st->inf.avail_out == 0 && inflate_has_more(&st->inf))) {
		log_warnx("Inflate error: packet larger than %zu bytes, len %zu", outcap, len);
		st->broken = true;
		return FILTER_FATAL;
	}
	return (int)n;
}

/* The state only: filter_free() frees the filter itself. */
static void zlib_free(struct filter *f)
{
	struct zlib_state *st = f->state;
	if (st) {
		if (st->def_ok)
			deflateEnd(&st->def);
		if (st->inf_ok)
			inflateEnd(&st->inf);
		free(st);
	}
}

static const struct filter_ops zlib_ops = {
	.name = "zlib",
	.encode = zlib_encode,
	.decode = zlib_decode,
	.wants_send = NULL,
	.free = zlib_free,
};

bool filter_zlib_storing(const struct filter *f)
{
	const struct zlib_state *st = f->state;
	return st->storing;
}

struct filter *filter_zlib_new(int level)
{
	/* VTun: level 0 means 1 (C0 would be "compress but store", which it never sends). */
	if (level <= 0)
		level = 1;
	if (level > 9) {
		log_warnx("ZLIB: compression level %d out of range 1..9", level);
		return NULL;
	}
	struct filter *f = xcalloc(1, sizeof(*f));
	struct zlib_state *st = xcalloc(1, sizeof(*st));
	f->ops = &zlib_ops;
	f->state = st;
	if (deflateInit(&st->def, level) != Z_OK) {
		log_warnx("ZLIB: can't initialize compressor: %s",
		          st->def.msg ? st->def.msg : "out of memory");
		filter_free(f);
		return NULL;
	}
	st->def_ok = true;
	st->level = level;
	st->probe_every = PROBE_FIRST;
	if (inflateInit(&st->inf) != Z_OK) {
		log_warnx("ZLIB: can't initialize decompressor: %s",
		          st->inf.msg ? st->inf.msg : "out of memory");
		filter_free(f);
		return NULL;
	}
	st->inf_ok = true;
	log_info("ZLIB compression[level %d] initialized.", level);
	return f;
}
