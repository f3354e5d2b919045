/* SPDX-License-Identifier: ISC */
/*
 * VTun's data ciphers, wire codes 1..16 (doc/PROTOCOL.md §8).
 *
 * ECB modes: each frame is ECB(data || pad), no state.
 * CBC/CFB/OFB modes: each direction keeps one continuing mode context. A sender that (re)starts
 * its context announces the IV in a 2-block "ivec" header, ECB-encrypted with a side-band
 * context under the same key; every frame body begins with an in-band block "seq#" (or
 * "rsyn" = "please send me a new IV") plus a 32-bit counter. A receiver that cannot make sense
 * of a frame asks for a new IV, which is how a lost UDP datagram is recovered from.
 *
 * All buffers are the caller's; encode/decode allocate nothing per frame.
 */
#include "filter/filter.h"
#include "config/names.h"
#include "crypto/cipher_evp.h"
#include "crypto/crypto.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

#define TAG_LEN 4
#define GIBBERISH_MAX_FRAMES 10     /* VTun: after this many undecodable frames ... */
#define GIBBERISH_MAX_SECS   2.0    /* ... or this long, restart our own sender */

/* Garbled frames in a row after which a self-synchronising mode asks for a new IV anyway. */
#define SELF_SYNC_TRIES 5
/* How often a receiver waiting for an IV repeats its request. */
#define RSYN_REPEAT_SECS 0.05

struct cipher_state {
	const struct vt_cipher_def *spec;   /* alg, mode, key length, label */
	size_t bs;
	struct cevp *enc, *dec;         /* the data contexts (ECB ones for ECB modes) */
	struct cevp *sb_enc, *sb_dec;   /* side-band ECB for the ivec header (non-ECB only) */

	/* Sender. VTun has one state INIT/SEQUENCE/REQ_INIT; two flags let one frame carry both
	 * a new IV and an "rsyn" when both are due, which a VTun receiver handles fine. */
	bool snd_init;                  /* next frame starts a new IV (ivec header) */
	bool snd_rsyn;                  /* next in-band block is "rsyn" */
	uint32_t seq;
	bool dummy;                     /* VTun would send a dummy frame now */
	bool peer_lost;                 /* ... because the peer asked for our new IV (rsyn) */

	/* Receiver. */
	bool rcv_init;                  /* expecting an ivec header */
	unsigned gib_count;             /* undecodable frames while expecting one */
	unsigned bad_run;               /* consecutive frames with a bad in-band block */
	double last_rsyn;               /* when we last asked the peer for a new IV */
	double gib_first;               /* when the first of those arrived */

	bool enc_logged, dec_logged;
};

static bool is_ecb(const struct cipher_state *s)
{
	return s->spec->mode == CEVP_ECB;
}

/* p = bs - (len mod bs); p bytes of value p, but a full pad block is random except its last. */
static bool write_pad(uint8_t *dst, size_t len, size_t bs, size_t *padlen)
{
	size_t p = bs - len % bs;

	if (p == bs) {
		if (!crypto_random(dst, bs - 1))
			return false;
		dst[bs - 1] = (uint8_t)bs;
	} else {
		memset(dst, (int)p, p);
	}
	*padlen = p;
	return true;
}

/*
 * The pad count of a decrypted body: the last byte of plain[0..len), of which avail bytes
 * may be padding. 0 if bad. Only the last byte counts.
 */
static size_t read_pad(const uint8_t *plain, size_t len, size_t bs, size_t avail)
{
	struct rbuf r;
	uint8_t last;
	int p;

	rbuf_init(&r, plain, len);
	if (!rbuf_peek_u8(&r, len - 1, &last)) {    /* len == 0 wraps to an offset past the end */
		log_warnx("decrypt_buf: no pad byte");
		return 0;
	}
	p = (int8_t)last;       /* VTun reads it as a signed char */
	if (p < 1 || (size_t)p > bs || (size_t)p > avail) {
		log_warnx("decrypt_buf: bad pad length");
		return 0;
	}
	return (size_t)p;
}

static bool room(size_t need, size_t outcap)
{
	if (need > outcap) {
		log_warnx("cipher: %zu byte frame does not fit the %zu byte buffer", need, outcap);
		return false;
	}
	return true;
}

/* ---- ECB modes ---------------------------------------------------------------------- */

static int ecb_encode(struct cipher_state *s, const uint8_t *in, size_t len, uint8_t *out,
		      size_t outcap)
{
	size_t p, total = len + s->bs - len % s->bs;

	if (!room(total, outcap))
		return FILTER_DROP;
	memmove(out, in, len);
	if (!write_pad(out + len, len, s->bs, &p))
		return FILTER_FATAL;
	if (!cevp_run(s->enc, out, out, total))
		return FILTER_FATAL;
	return (int)total;
}

static int ecb_decode(struct cipher_state *s, const uint8_t *in, size_t len, uint8_t *out,
		      size_t outcap)
{
	size_t p;

	if (len == 0 || len % s->bs != 0) {
		log_warnx("cipher: dropping a %zu byte frame (not whole %zu-byte blocks)", len, s->bs);
		return FILTER_DROP;
	}
	if (!room(len, outcap))
		return FILTER_DROP;
	if (!cevp_run(s->dec, in, out, len))
		return FILTER_FATAL;
	p = read_pad(out, len, s->bs, len);
	if (!p)
		return FILTER_DROP;
	return (int)(len - p);
}

/* ---- CBC/CFB/OFB: sender ------------------------------------------------------------ */

/* Pick a new IV, write the ECB-encrypted "ivec" || IV || random header, restart the context. */
static bool start_sender(struct cipher_state *s, uint8_t *out)
{
	uint8_t hdr[2 * CEVP_MAX_BLOCK];
	size_t hlen = 2 * s->bs;
	bool ok;

	memcpy(hdr, "ivec", TAG_LEN);
	ok = crypto_random(hdr + TAG_LEN, hlen - TAG_LEN) &&
	     cevp_start(s->enc, hdr + TAG_LEN) &&
	     cevp_run(s->sb_enc, hdr, out, hlen);
	secure_zero(hdr, sizeof(hdr));
	if (ok && !s->enc_logged) {
		log_info("%s encryption initialized", s->spec->label);
		s->enc_logged = true;
	}
	return ok;
}

/* The in-band block: tag || BE32(counter) || zeros. Always the intended 32-bit layout. */
static void inband_block(uint8_t *b, size_t bs, const char *tag, uint32_t seq)
{
	memset(b, 0, bs);
	memcpy(b, tag, TAG_LEN);
	b[4] = (uint8_t)(seq >> 24);
	b[5] = (uint8_t)(seq >> 16);
	b[6] = (uint8_t)(seq >> 8);
	b[7] = (uint8_t)seq;
}

static int stream_encode(struct cipher_state *s, const uint8_t *in, size_t len, uint8_t *out,
			 size_t outcap)
{
	size_t bs = s->bs, hlen = s->snd_init ? 2 * bs : 0, p;
	size_t body = bs + len + bs - len % bs;
	bool rsyn = s->snd_rsyn;
	uint8_t *b = out + hlen;

	if (!room(hlen + body, outcap))
		return FILTER_DROP;
	s->dummy = false;               /* any frame we send now is the one VTun would send */
	s->peer_lost = false;
	memmove(b + bs, in, len);       /* first, in case the caller's buffers overlap */
	if (s->snd_init) {
		if (!start_sender(s, out))
			return FILTER_FATAL;
		s->snd_init = false;
	}
	inband_block(b, bs, rsyn ? "rsyn" : "seq#", s->seq);
	if (!write_pad(b + bs + len, len, bs, &p) || !cevp_run(s->enc, b, b, body))
		return FILTER_FATAL;
	s->seq++;
	if (rsyn) {
		/* VTun follows an rsyn with one extra frame so the peer's new IV comes quickly. */
		s->snd_rsyn = false;
		s->dummy = true;
	}
	return (int)(hlen + body);
}

/* ---- CBC/CFB/OFB: receiver ---------------------------------------------------------- */

/*
 * A frame arrived while we wait for an ivec header and it has none. The first one asks the
 * peer for a new IV; if that does not help within 10 frames or 2 s, restart our own sender
 * too (a peer that lost our IV will then resynchronise and answer our rsyn).
 */
static void gibberish(struct cipher_state *s)
{
	double now = mono_now();

	if (s->gib_count == 0)
		s->gib_first = now;
	/* Ask (again) for a new IV: VTun asks once and then waits for 10 frames or 2 s, so one
	 * lost rsyn or IV frame stalls the session for seconds. Asking at most every
	 * RSYN_REPEAT_SECS costs a few small frames; every new IV resynchronises us. */
	if (s->gib_count == 0 || now - s->last_rsyn >= RSYN_REPEAT_SECS) {
		s->snd_rsyn = true;
		/* The peer may be waiting for our IV just as we wait for its one, and then it
		 * cannot read our rsyn: send a new IV with it. */
		s->snd_init = true;
		s->dummy = true;
		s->last_rsyn = now;
	}
	s->gib_count++;
	if (s->gib_count >= GIBBERISH_MAX_FRAMES || now - s->gib_first >= GIBBERISH_MAX_SECS) {
		s->gib_count = 0;
		s->snd_init = true;
		s->dummy = true;
	}
}

/* Whether a decrypted block starts with tag (blocks are at least 8 bytes; checked anyway). */
static bool tag_is(const uint8_t *blk, size_t len, const char *tag)
{
	struct rbuf r;
	rbuf_init(&r, blk, len);
	const uint8_t *t = rbuf_take(&r, TAG_LEN);
	return t && memcmp(t, tag, TAG_LEN) == 0;
}

/* The IV in a decrypted "ivec" || IV || random header, or NULL if it is not one. */
static const uint8_t *ivec_iv(const uint8_t *hdr, size_t hlen, size_t bs)
{
	struct rbuf r;
	rbuf_init(&r, hdr, hlen);
	const uint8_t *tag = rbuf_take(&r, TAG_LEN);
	const uint8_t *iv = rbuf_take(&r, bs);
	return iv && memcmp(tag, "ivec", TAG_LEN) == 0 ? iv : NULL;
}

/* Expecting an IV: check and consume the header; false = frame dropped. */
static bool take_ivec(struct cipher_state *s, const uint8_t *in, size_t len)
{
	uint8_t hdr[2 * CEVP_MAX_BLOCK];
	size_t hlen = 2 * s->bs;
	bool ok;

	if (len < hlen + s->bs) {
		gibberish(s);
		return false;
	}
	if (!cevp_run(s->sb_dec, in, hdr, hlen)) {
		secure_zero(hdr, sizeof(hdr));
		return false;
	}
	const uint8_t *iv = ivec_iv(hdr, hlen, s->bs);
	ok = iv && cevp_start(s->dec, iv);
	secure_zero(hdr, sizeof(hdr));
	if (!ok) {
		gibberish(s);
		return false;
	}
	s->rcv_init = false;
	s->gib_count = 0;
	if (!s->dec_logged) {
		log_info("%s decryption initialized", s->spec->label);
		s->dec_logged = true;
	}
	return true;
}

/* Act on the decrypted in-band block; false = drop the frame. */
static bool inband_ok(struct cipher_state *s, const uint8_t *b)
{
	if (tag_is(b, s->bs, "seq#")) {
		s->bad_run = 0;
		return true;            /* the counter is not checked, as in VTun */
	}
	if (tag_is(b, s->bs, "rsyn")) {
		s->bad_run = 0;
		/* The peer lost our IV: send a new one, and at once — it drops everything until
		 * then, so waiting for our next data frame can stall a transfer on both sides. */
		s->snd_init = true;
		s->dummy = true;
		s->peer_lost = true;
		return true;
	}
	/*
	 * CBC and full-block CFB resynchronise by themselves: after one block the chain only
	 * depends on ciphertext we have, so after a lost datagram the next frame decodes again.
	 * VTun asks for a new IV at once and drops everything until it comes; we drop only this
	 * frame, and fall back to VTun's resync if the stream stays garbled.
	 */
	if ((s->spec->mode == CEVP_CBC || s->spec->mode == CEVP_CFB) &&
	    ++s->bad_run < SELF_SYNC_TRIES) {
		log_debug("cipher: bad in-band block, dropped (the chain resynchronises)");
		return false;
	}
	s->bad_run = 0;
	/* Out of step (lost or damaged frame): wait for a new IV and ask the peer for one. */
	log_debug("cipher: bad in-band block, requesting a new IV");
	s->rcv_init = true;
	s->snd_rsyn = true;
	s->dummy = true;        /* ask now: waiting for our next data frame can stall both sides */
	s->last_rsyn = mono_now();
	return false;
}

/* Does this frame start with an ivec header (the peer restarted its sender)? No side effects. */
static bool peek_ivec(struct cipher_state *s, const uint8_t *in, size_t len)
{
	uint8_t hdr[2 * CEVP_MAX_BLOCK];
	size_t hlen = 2 * s->bs;
	if (len < hlen + s->bs || !cevp_run(s->sb_dec, in, hdr, hlen))
		return false;
	bool yes = ivec_iv(hdr, hlen, s->bs) != NULL;
	secure_zero(hdr, sizeof(hdr));
	return yes;
}

static int stream_decode(struct cipher_state *s, const uint8_t *in, size_t len, uint8_t *out,
			 size_t outcap)
{
	size_t bs = s->bs, p;
	uint8_t b[CEVP_MAX_BLOCK];

	if (len < bs || len % bs != 0) {
		log_warnx("cipher: dropping a %zu byte frame (not whole %zu-byte blocks)", len, bs);
		return FILTER_DROP;
	}
	bool took_ivec = s->rcv_init;
	if (s->rcv_init) {
		if (!take_ivec(s, in, len))
			return FILTER_DROP;
		in += 2 * bs;
		len -= 2 * bs;
	}
	if (!room(len - bs, outcap))
		return FILTER_DROP;
	/* The in-band block goes to a local buffer so the payload lands at out[0]. */
	if (!cevp_run(s->dec, in, b, bs) || !cevp_run(s->dec, in + bs, out, len - bs))
		return FILTER_FATAL;
	bool tag_ok = tag_is(b, bs, "seq#") || tag_is(b, bs, "rsyn");
	if (!tag_ok && !took_ivec && peek_ivec(s, in, len)) {
		/* VTun receivers only look for an IV when they asked for one; we also accept an
		 * unasked one, so a peer that restarts its sender costs no frames. */
		s->rcv_init = true;
		s->bad_run = 0;
		return stream_decode(s, in, len, out, outcap);
	}
	if (!inband_ok(s, b))
		return FILTER_DROP;
	/* The pad ends the payload, or the in-band block when the payload is empty. */
	p = len > bs ? read_pad(out, len - bs, bs, len - bs) : read_pad(b, bs, bs, 0);
	if (!p)
		return FILTER_DROP;
	return (int)(len - bs - p);
}

/* ---- filter ops --------------------------------------------------------------------- */

static int cipher_encode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out,
			 size_t outcap)
{
	struct cipher_state *s = f->state;

	if (len > FILTER_BUF_MAX)
		return FILTER_DROP;
	return is_ecb(s) ? ecb_encode(s, in, len, out, outcap) : stream_encode(s, in, len, out, outcap);
}

static int cipher_decode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out,
			 size_t outcap)
{
	struct cipher_state *s = f->state;

	if (len > FILTER_BUF_MAX) {
		log_warnx("cipher: dropping an oversized %zu byte frame", len);
		return FILTER_DROP;
	}
	return is_ecb(s) ? ecb_decode(s, in, len, out, outcap) : stream_decode(s, in, len, out, outcap);
}

static enum filter_send cipher_wants_send(struct filter *f)
{
	struct cipher_state *s = f->state;

	if (!s->dummy)
		return FILTER_SEND_NONE;
	return s->peer_lost ? FILTER_SEND_REPEAT : FILTER_SEND_ANY;
}

/* The state only: filter_free() frees the filter itself. */
static void cipher_free(struct filter *f)
{
	struct cipher_state *s;

	s = f->state;
	if (s) {
		cevp_free(s->enc);
		cevp_free(s->dec);
		cevp_free(s->sb_enc);
		cevp_free(s->sb_dec);
		secure_zero(s, sizeof(*s));
		free(s);
	}
}

static const struct filter_ops cipher_ops = {
	.name = "cipher",
	.encode = cipher_encode,
	.decode = cipher_decode,
	.wants_send = cipher_wants_send,
	.free = cipher_free,
};

/* Create the data (and, for IV modes, side-band) contexts from the derived key. */
static bool make_contexts(struct cipher_state *s, const char *password)
{
	const struct vt_cipher_def *sp = s->spec;
	uint8_t key[32];
	bool ok;

	crypto_derive_key(password, key, sp->keylen);
	s->enc = cevp_new(sp->alg, sp->mode, key, sp->keylen, true);
	s->dec = s->enc ? cevp_new(sp->alg, sp->mode, key, sp->keylen, false) : NULL;
	ok = s->dec != NULL;
	if (ok && sp->mode != CEVP_ECB) {
		s->sb_enc = cevp_new(sp->alg, CEVP_ECB, key, sp->keylen, true);
		s->sb_dec = s->sb_enc ? cevp_new(sp->alg, CEVP_ECB, key, sp->keylen, false) : NULL;
		ok = s->sb_dec != NULL;
	}
	secure_zero(key, sizeof(key));
	return ok;
}

struct filter *filter_cipher_new(int cipher, const char *password)
{
	const struct vt_cipher_def *def = vt_cipher_def(cipher);
	struct filter *f;
	struct cipher_state *s;

	if (!def || def->legacy || def->keylen == 0) {
		log_warnx("cipher: unknown cipher code %d", cipher);
		return NULL;
	}
	if (!password) {
		log_warnx("cipher: %s needs a password", def->label);
		return NULL;
	}
	if (!crypto_init())
		return NULL;
	f = xcalloc(1, sizeof(*f));
	s = xcalloc(1, sizeof(*s));
	f->ops = &cipher_ops;
	f->state = s;
	s->spec = def;
	s->bs = cevp_block_size(s->spec->alg);
	s->snd_init = true;
	s->rcv_init = true;
	if (!make_contexts(s, password) || !crypto_random(&s->seq, sizeof(s->seq))) {
		log_warnx("cipher: cannot set up %s", s->spec->label);
		filter_free(f);
		return NULL;
	}
	if (is_ecb(s)) {
		log_info("%s encryption initialized", s->spec->label);
		s->enc_logged = true;
	}
	return f;
}
