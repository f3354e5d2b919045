/* SPDX-License-Identifier: ISC */
/*
 * Filters transform frame payloads (doc/PROTOCOL.md §7.1): on send  zlib → lzo → cipher, on receive the
 * reverse. Each filter is an ops table in its own file; the chain is built from the
 * negotiated session settings and owns the scratch buffers, so the link makes no copies of
 * its own.
 */
#ifndef VTUN_FILTER_H
#define VTUN_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/vtconfig.h"

/* No payload handed to a filter or produced by one is larger than this. */
#define FILTER_BUF_MAX 8192

/* Results of encode/decode besides a length >= 0. */
#define FILTER_DROP   (-1)   /* drop this frame, keep the session (logged by the filter) */
#define FILTER_FATAL  (-2)   /* the session cannot continue (e.g. zlib stream corrupt) */

/* What a filter asks the sender for after a received frame (cipher resync, doc/PROTOCOL.md §8.5). */
enum filter_send {
	FILTER_SEND_NONE = 0,
	FILTER_SEND_ANY,      /* a frame now, whatever it carries (VTun's 1-byte dummy) */
	FILTER_SEND_REPEAT,   /* the peer lost what we sent since our last IV: our last packet,
	                       * sent again under the new IV, is the best frame to send */
};

struct filter;

struct filter_ops {
	const char *name;
	/* Transform in[0..len) into out (capacity outcap); return the new length or FILTER_*. */
	int (*encode)(struct filter *f, const uint8_t *in, size_t len, uint8_t *out, size_t outcap);
	int (*decode)(struct filter *f, const uint8_t *in, size_t len, uint8_t *out, size_t outcap);
	/* Whether the filter needs a frame sent now even without data (cipher resync); NULL for
	 * filters that never do. */
	enum filter_send (*wants_send)(struct filter *f);
	/* Release f->state (filter_free() then frees f). */
	void (*free)(struct filter *f);
};

struct filter {
	const struct filter_ops *ops;
	void *state;
};

struct filter_chain {
	struct filter *f[4];
	int n;
	/* Ping-pong scratch, FILTER_BUF_MAX each: one pair per direction, so a decoded payload
	 * stays intact while the receive path sends a frame (a cipher resync dummy). */
	uint8_t *enc_buf[2];
	uint8_t *dec_buf[2];
};

/*
 * Build the chain for a session from the effective host settings (compress, comp_level,
 * cipher, passwd). Returns NULL with a logged reason if a filter cannot be set up; an empty
 * chain (n == 0) when nothing is configured.
 */
struct filter_chain *filter_chain_new(const struct vt_host *h);
void filter_chain_free(struct filter_chain *c);
/* Free one filter built by a constructor below; NULL is fine. */
void filter_free(struct filter *f);

/*
 * Run every filter in send (encode) or receive (decode) order. On success *out points into
 * the chain's scratch buffers for that direction (valid until the next call in the same
 * direction: encoding never touches a decoded payload) and the length is returned;
 * otherwise FILTER_DROP or FILTER_FATAL.
 */
int filter_chain_encode(struct filter_chain *c, const uint8_t *in, size_t len, const uint8_t **out);
int filter_chain_decode(struct filter_chain *c, const uint8_t *in, size_t len, const uint8_t **out);
/* The strongest request of any filter (every filter is asked: a query may update its state). */
enum filter_send filter_chain_wants_send(struct filter_chain *c);
/* True if a filter of the chain may ever ask for a frame (a resynchronising cipher). */
bool filter_chain_resyncs(const struct filter_chain *c);

/* Constructors, one per filter file; NULL with a logged reason on failure. */
struct filter *filter_zlib_new(int level);
/* True while the zlib sender stores incompressible data instead of deflating it. */
bool filter_zlib_storing(const struct filter *f);
struct filter *filter_lzo_new(int level);
struct filter *filter_cipher_new(int cipher, const char *password);   /* codes 1..16 */
struct filter *filter_legacy_new(const char *password);               /* oldblowfish128ecb */

#endif
