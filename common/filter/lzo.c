/* SPDX-License-Identifier: ISC */
/*
 * LZO compression (doc/PROTOCOL.md §7): every frame is compressed on its own with LZO1X (level 9 →
 * LZO1X-999, any other level → LZO1X-1(15)); no header, no length prefix. Frames are
 * independent, so a corrupt one is dropped and the session goes on. The receiver uses the
 * checked decompressor with the output bound: VTun's unchecked one trusts the peer (§h.15).
 */
#include <stdlib.h>
#include <string.h>

#include <lzo/lzo1x.h>

#include "filter/filter.h"
#include "base/log.h"
#include "base/util.h"

/* LZO1X's documented worst case for incompressible input. */
#define LZO_BOUND(n) ((n) + (n) / 16 + 64 + 3)

/* At most one "corrupt frame" line per this many seconds; the rest are counted. */
#define LZO_LOG_INTERVAL 1.0

struct lzo_state {
	bool best;                     /* LZO1X-999 (level 9) */
	void *wrkmem;
	uint8_t *tmp;                  /* for callers whose outcap is below the worst case */
	double last_log;
	unsigned long unlogged;        /* corrupt frames since the last log line */
};

static int lzo_encode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out,
                      size_t outcap)
{
	struct lzo_state *st = f->state;
	if (len == 0)
		return 0;
	if (len > FILTER_BUF_MAX) {
		log_warnx("LZO: packet of %zu bytes too large, dropped", len);
		return FILTER_DROP;
	}
	/* LZO's compressors do not check the output size: give them the worst case. */
	uint8_t *dst = outcap >= LZO_BOUND(len) ? out : st->tmp;
	lzo_uint n = 0;
	int r = st->best ? lzo1x_999_compress(in, len, dst, &n, st->wrkmem)
	                 : lzo1x_1_15_compress(in, len, dst, &n, st->wrkmem);
	if (r != LZO_E_OK) {
		log_warnx("LZO: compression error %d len %zu, dropped", r, len);
		return FILTER_DROP;
	}
	if (n > outcap) {
		log_warnx("LZO: %zu bytes compress to %lu, more than %zu, dropped", len,
		          (unsigned long)n, outcap);
		return FILTER_DROP;
	}
	if (dst != out)
		memcpy(out, dst, n);
	return (int)n;
}

/* A peer can send garbage at line rate: log the first, then one summary per interval. */
static void log_corrupt(struct lzo_state *st, int err, size_t len)
{
	double now = mono_now();
	if (st->last_log != 0.0 && now - st->last_log < LZO_LOG_INTERVAL) {
		st->unlogged++;
		return;
	}
	if (st->unlogged)
		log_warnx("LZO: corrupt frame (error %d, len %zu) dropped; %lu more since the last report",
		          err, len, st->unlogged);
	else
		log_warnx("LZO: corrupt frame (error %d, len %zu) dropped", err, len);
	st->last_log = now;
	st->unlogged = 0;
}

static int lzo_decode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out,
                      size_t outcap)
{
	struct lzo_state *st = f->state;
	if (len == 0)
		return 0;
	lzo_uint n = outcap > FILTER_BUF_MAX ? FILTER_BUF_MAX : outcap;
	int r = lzo1x_decompress_safe(in, len, out, &n, NULL);
	if (r != LZO_E_OK) {
		log_corrupt(st, r, len);
		return FILTER_DROP;
	}
	return (int)n;
}

/* The state only: filter_free() frees the filter itself. */
static void lzo_free(struct filter *f)
{
	struct lzo_state *st = f->state;
	if (st) {
		free(st->wrkmem);
		if (st->tmp)
			secure_zero(st->tmp, LZO_BOUND(FILTER_BUF_MAX));  /* held a plaintext copy */
		free(st->tmp);
		free(st);
	}
}

static const struct filter_ops lzo_ops = {
	.name = "lzo",
	.encode = lzo_encode,
	.decode = lzo_decode,
	.wants_send = NULL,
	.free = lzo_free,
};

struct filter *filter_lzo_new(int level)
{
	static bool lib_ready;
	if (!lib_ready) {
		if (lzo_init() != LZO_E_OK) {
			log_warnx("LZO: library initialization failed");
			return NULL;
		}
		lib_ready = true;
	}
	if (level < 0 || level > 9) {
		log_warnx("LZO: compression level %d out of range 0..9", level);
		return NULL;
	}
	struct filter *f = xcalloc(1, sizeof(*f));
	struct lzo_state *st = xcalloc(1, sizeof(*st));
	f->ops = &lzo_ops;
	f->state = st;
	st->best = level == 9;
	st->wrkmem = xmalloc(st->best ? LZO1X_999_MEM_COMPRESS : LZO1X_1_15_MEM_COMPRESS);
	st->tmp = xmalloc(LZO_BOUND(FILTER_BUF_MAX));
	log_info("LZO compression[level %d] initialized", level);
	return f;
}
