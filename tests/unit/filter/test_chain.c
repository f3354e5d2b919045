/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the filter chain: construction from host settings (none, zlib, lzo, with a
 * cipher), send/receive order, the ping-pong buffers, propagation of FILTER_DROP and
 * FILTER_FATAL, wants_send, and the empty chain that must hand back its input untouched.
 *
 * The real ciphers live in filter_cipher.c / filter_legacy.c and have their own tests; here
 * weak stand-ins (a reversible XOR with a marker byte) are linked so the chain is tested
 * on its own, whatever the state of those files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "filter/filter.h"
#include "base/log.h"
#include "base/util.h"

/* ---- stand-in cipher: out = in ^ key, then one marker byte ---- */

struct mock {
	uint8_t key;
	enum filter_send want;
	int fail_encode, fail_decode;   /* 0 or a FILTER_* code to return */
};

static int mock_encode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
	struct mock *m = f->state;
	if (m->fail_encode)
		return m->fail_encode;
	if (len + 1 > cap)
		return FILTER_DROP;
	for (size_t i = 0; i < len; i++)
		out[i] = in[i] ^ m->key;
	out[len] = m->key;
	return (int)len + 1;
}

static int mock_decode(struct filter *f, const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
	struct mock *m = f->state;
	if (m->fail_decode)
		return m->fail_decode;
	if (len < 1 || in[len - 1] != m->key || len - 1 > cap)
		return FILTER_DROP;
	for (size_t i = 0; i + 1 < len; i++)
		out[i] = in[i] ^ m->key;
	return (int)len - 1;
}

static enum filter_send mock_wants(struct filter *f)
{
	return ((struct mock *)f->state)->want;
}

static void mock_free(struct filter *f)
{
	free(f->state);
}

static const struct filter_ops mock_ops = {
	.name = "mock", .encode = mock_encode, .decode = mock_decode,
	.wants_send = mock_wants, .free = mock_free,
};

static struct filter *mock_new(uint8_t key)
{
	struct filter *f = xcalloc(1, sizeof(*f));
	struct mock *m = xcalloc(1, sizeof(*m));
	m->key = key;
	f->ops = &mock_ops;
	f->state = m;
	return f;
}

static int cipher_calls, legacy_calls;

__attribute__((weak)) struct filter *filter_cipher_new(int cipher, const char *password)
{
	assert_non_null(password);
	cipher_calls++;
	return cipher == 13 ? NULL : mock_new((uint8_t)cipher);   /* 13: "cannot set up" */
}

__attribute__((weak)) struct filter *filter_legacy_new(const char *password)
{
	assert_non_null(password);
	legacy_calls++;
	return mock_new(0x77);
}

/* ---- helpers ---- */

static struct vt_host host(enum vt_compress comp, int level, int cipher)
{
	struct vt_host h;
	memset(&h, 0, sizeof(h));
	h.name = (char *)"t";
	h.passwd = (char *)"secret";
	h.compress = comp;
	h.comp_level = level;
	h.cipher = cipher;
	return h;
}

static int setup_log(void **state)
{
	(void)state;
	log_init("test_filter", false, 0);
	return 0;
}

/* Send through tx, receive through rx, for a mix of packets. */
static void roundtrip(struct filter_chain *tx, struct filter_chain *rx, int frames)
{
	for (int i = 0; i < frames; i++) {
		uint8_t pkt[2048];
		size_t len = 1 + (size_t)random() % sizeof(pkt);
		for (size_t k = 0; k < len; k++)
			pkt[k] = i % 2 ? (uint8_t)random() : (uint8_t)(k / 13);
		const uint8_t *enc, *dec;
		int n = filter_chain_encode(tx, pkt, len, &enc);
		assert_true(n > 0 && n <= FILTER_BUF_MAX);
		int m = filter_chain_decode(rx, enc, (size_t)n, &dec);
		assert_int_equal(m, (int)len);
		assert_memory_equal(dec, pkt, len);
	}
}

/* ---- tests ---- */

static void test_empty_chain(void **state)
{
	(void)state;
	struct vt_host h = host(VT_COMP_NONE, 0, VT_CIPHER_NONE);
	struct filter_chain *c = filter_chain_new(&h);
	assert_non_null(c);
	assert_int_equal(c->n, 0);
	assert_null(c->enc_buf[0]);   /* costs no scratch memory */
	assert_null(c->dec_buf[0]);
	uint8_t pkt[10] = { 1, 2, 3 };
	const uint8_t *out = NULL;
	assert_int_equal(filter_chain_encode(c, pkt, sizeof(pkt), &out), (int)sizeof(pkt));
	assert_ptr_equal(out, pkt);
	out = NULL;
	assert_int_equal(filter_chain_decode(c, pkt, sizeof(pkt), &out), (int)sizeof(pkt));
	assert_ptr_equal(out, pkt);
	assert_false(filter_chain_wants_send(c));
	filter_chain_free(c);
	filter_chain_free(NULL);
}

static void test_zlib_only(void **state)
{
	(void)state;
	srandom(21);
	struct vt_host h = host(VT_COMP_ZLIB, 9, VT_CIPHER_NONE);
	struct filter_chain *tx = filter_chain_new(&h), *rx = filter_chain_new(&h);
	assert_non_null(tx);
	assert_int_equal(tx->n, 1);
	assert_string_equal(tx->f[0]->ops->name, "zlib");
	roundtrip(tx, rx, 300);
	assert_false(filter_chain_wants_send(tx));
	/* A corrupt frame ends the session. */
	uint8_t junk[32];
	memset(junk, 0xee, sizeof(junk));
	const uint8_t *out;
	assert_int_equal(filter_chain_decode(rx, junk, sizeof(junk), &out), FILTER_FATAL);
	filter_chain_free(tx);
	filter_chain_free(rx);
}

static void test_lzo_only(void **state)
{
	(void)state;
	srandom(22);
	for (int level = 1; level <= 9; level += 8) {
		struct vt_host h = host(VT_COMP_LZO, level, VT_CIPHER_NONE);
		struct filter_chain *tx = filter_chain_new(&h), *rx = filter_chain_new(&h);
		assert_non_null(tx);
		assert_int_equal(tx->n, 1);
		assert_string_equal(tx->f[0]->ops->name, "lzo");
		roundtrip(tx, rx, 200);
		/* A corrupt frame is dropped and the session goes on. */
		uint8_t junk[32];
		memset(junk, 0xee, sizeof(junk));
		const uint8_t *out;
		assert_int_equal(filter_chain_decode(rx, junk, sizeof(junk), &out), FILTER_DROP);
		roundtrip(tx, rx, 5);
		filter_chain_free(tx);
		filter_chain_free(rx);
	}
}

static void test_bad_settings(void **state)
{
	(void)state;
	struct vt_host h = host(VT_COMP_ZLIB, 12, VT_CIPHER_NONE);
	assert_null(filter_chain_new(&h));
	h = host(VT_COMP_NONE, 0, 17);
	assert_null(filter_chain_new(&h));
	h = host(VT_COMP_NONE, 0, -3);
	assert_null(filter_chain_new(&h));
	h = host(VT_COMP_LZO, 2, 5);
	h.passwd = NULL;
	assert_null(filter_chain_new(&h));
}

/* Compression first, cipher last on send; the reverse on receive. */
static void test_with_cipher(void **state)
{
	(void)state;
	srandom(23);
	struct vt_host h = host(VT_COMP_ZLIB, 1, 10);
	int before = cipher_calls;
	struct filter_chain *tx = filter_chain_new(&h), *rx = filter_chain_new(&h);
	assert_non_null(tx);
	assert_int_equal(tx->n, 2);
	assert_string_equal(tx->f[0]->ops->name, "zlib");
	roundtrip(tx, rx, 100);
	if (strcmp(tx->f[1]->ops->name, "mock") == 0) {
		assert_int_equal(cipher_calls, before + 2);
		/* The wire form is the cipher of the zlib output: undo the mock by hand. */
		uint8_t pkt[100];
		memset(pkt, 'a', sizeof(pkt));
		const uint8_t *enc;
		int n = filter_chain_encode(tx, pkt, sizeof(pkt), &enc);
		assert_true(n >= 5);
		assert_int_equal(enc[n - 1], 10);
		assert_int_equal(enc[n - 2] ^ 10, 0xff);   /* ... 00 00 ff ff, then the marker */
		assert_int_equal(enc[n - 5] ^ 10, 0x00);
		/* Keep the receiver's zlib stream in step. */
		const uint8_t *dec;
		assert_int_equal(filter_chain_decode(rx, enc, (size_t)n, &dec), (int)sizeof(pkt));
	}
	filter_chain_free(tx);
	filter_chain_free(rx);

	h = host(VT_COMP_LZO, 3, VT_CIPHER_LEGACY);
	before = legacy_calls;
	tx = filter_chain_new(&h);
	rx = filter_chain_new(&h);
	assert_non_null(tx);
	assert_int_equal(tx->n, 2);
	assert_string_equal(tx->f[0]->ops->name, "lzo");
	if (strcmp(tx->f[1]->ops->name, "mock") == 0)
		assert_int_equal(legacy_calls, before + 2);
	roundtrip(tx, rx, 50);
	filter_chain_free(tx);
	filter_chain_free(rx);

	/* The cipher cannot be set up: no chain, compression freed (ASan/valgrind check). */
	h = host(VT_COMP_ZLIB, 1, 13);
	if (cipher_calls > 0)   /* only the stand-in fails for 13 */
		assert_null(filter_chain_new(&h));
}

/* Hand-built chains of stand-ins: order, drops and fatal errors, wants_send. */
static struct filter_chain *manual_chain(int n)
{
	struct filter_chain *c = xcalloc(1, sizeof(*c));
	for (int i = 0; i < n; i++)
		c->f[c->n++] = mock_new((uint8_t)(0x10 + i));
	for (int i = 0; i < 2; i++) {
		c->enc_buf[i] = xmalloc(FILTER_BUF_MAX);
		c->dec_buf[i] = xmalloc(FILTER_BUF_MAX);
	}
	return c;
}

static void test_order_and_buffers(void **state)
{
	(void)state;
	for (int n = 1; n <= 4; n++) {
		struct filter_chain *c = manual_chain(n);
		uint8_t pkt[5] = { 1, 2, 3, 4, 5 };
		const uint8_t *enc;
		int len = filter_chain_encode(c, pkt, sizeof(pkt), &enc);
		assert_int_equal(len, 5 + n);
		/* Send order: the last filter's marker is outermost, untouched by any other. */
		assert_int_equal(enc[len - 1], 0x10 + n - 1);
		uint8_t all = 0;
		for (int i = 0; i < n; i++)
			all ^= (uint8_t)(0x10 + i);
		assert_int_equal(enc[0], 1 ^ all);
		assert_true(enc == c->enc_buf[0] || enc == c->enc_buf[1]);
		uint8_t wire[16];
		memcpy(wire, enc, (size_t)len);
		const uint8_t *dec;
		assert_int_equal(filter_chain_decode(c, wire, (size_t)len, &dec), 5);
		assert_memory_equal(dec, pkt, 5);
		filter_chain_free(c);
	}
}

static void test_drop_and_fatal(void **state)
{
	(void)state;
	struct filter_chain *c = manual_chain(3);
	uint8_t pkt[4] = { 9, 9, 9, 9 };
	const uint8_t *out;
	((struct mock *)c->f[1]->state)->fail_encode = FILTER_DROP;
	assert_int_equal(filter_chain_encode(c, pkt, sizeof(pkt), &out), FILTER_DROP);
	((struct mock *)c->f[1]->state)->fail_encode = FILTER_FATAL;
	assert_int_equal(filter_chain_encode(c, pkt, sizeof(pkt), &out), FILTER_FATAL);
	((struct mock *)c->f[1]->state)->fail_encode = 0;
	uint8_t wire[7];
	assert_int_equal(filter_chain_encode(c, pkt, sizeof(pkt), &out), (int)sizeof(wire));
	memcpy(wire, out, sizeof(wire));
	/* Decode runs outermost first, so the first filter fails last. */
	((struct mock *)c->f[0]->state)->fail_decode = FILTER_FATAL;
	assert_int_equal(filter_chain_decode(c, wire, sizeof(wire), &out), FILTER_FATAL);
	((struct mock *)c->f[0]->state)->fail_decode = 0;
	assert_int_equal(filter_chain_decode(c, wire, sizeof(wire), &out), (int)sizeof(pkt));
	assert_memory_equal(out, pkt, sizeof(pkt));
	/* A bad marker for the outermost stand-in: dropped. */
	wire[6] ^= 1;
	assert_int_equal(filter_chain_decode(c, wire, sizeof(wire), &out), FILTER_DROP);
	/* Oversized input never reaches a filter. */
	static uint8_t big[FILTER_BUF_MAX + 1];
	assert_int_equal(filter_chain_encode(c, big, sizeof(big), &out), FILTER_DROP);
	filter_chain_free(c);
}

/* A decoded payload survives an encode (the receive path sends a resync dummy before the
 * payload reaches the device): each direction has its own scratch buffers. */
static void test_decode_survives_encode(void **state)
{
	(void)state;
	for (int n = 1; n <= 4; n++) {
		struct filter_chain *c = manual_chain(n);
		uint8_t pkt[64], wire[80];
		for (size_t i = 0; i < sizeof(pkt); i++)
			pkt[i] = (uint8_t)(i * 3 + 1);
		const uint8_t *enc, *dec, *dummy;
		int len = filter_chain_encode(c, pkt, sizeof(pkt), &enc);
		assert_int_equal(len, (int)sizeof(pkt) + n);
		memcpy(wire, enc, (size_t)len);
		assert_int_equal(filter_chain_decode(c, wire, (size_t)len, &dec), (int)sizeof(pkt));
		uint8_t one = 0;
		assert_int_equal(filter_chain_encode(c, &one, 1, &dummy), 1 + n);
		assert_memory_equal(dec, pkt, sizeof(pkt));
		filter_chain_free(c);
	}
}

static void test_wants_send(void **state)
{
	(void)state;
	struct filter_chain *c = manual_chain(2);
	assert_int_equal(filter_chain_wants_send(c), FILTER_SEND_NONE);
	assert_true(filter_chain_resyncs(c));
	((struct mock *)c->f[1]->state)->want = FILTER_SEND_ANY;
	assert_int_equal(filter_chain_wants_send(c), FILTER_SEND_ANY);
	((struct mock *)c->f[1]->state)->want = FILTER_SEND_NONE;
	((struct mock *)c->f[0]->state)->want = FILTER_SEND_ANY;
	assert_int_equal(filter_chain_wants_send(c), FILTER_SEND_ANY);
	/* the strongest request wins, whichever filter makes it */
	((struct mock *)c->f[1]->state)->want = FILTER_SEND_REPEAT;
	assert_int_equal(filter_chain_wants_send(c), FILTER_SEND_REPEAT);
	filter_chain_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_chain),
		cmocka_unit_test(test_zlib_only),
		cmocka_unit_test(test_lzo_only),
		cmocka_unit_test(test_bad_settings),
		cmocka_unit_test(test_with_cipher),
		cmocka_unit_test(test_order_and_buffers),
		cmocka_unit_test(test_drop_and_fatal),
		cmocka_unit_test(test_decode_survives_encode),
		cmocka_unit_test(test_wants_send),
	};
	return cmocka_run_group_tests(tests, setup_log, NULL);
}
