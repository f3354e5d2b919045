/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the zlib filter: the known-answer frames captured from Debian vtund
 * (kat.txt §6, both directions of v2 and v12, inflated and re-deflated byte for byte), one
 * stream per direction across many frames, every level, the log lines, and
 * hostile input (corrupt, truncated, bit-flipped, oversized), which must end the session
 * (FILTER_FATAL) without crashing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <cmocka.h>

#include "filter/filter.h"
#include "base/log.h"
#include "tests/unit/lib/log_capture.h"

static size_t unhex(const char *h, uint8_t *out, size_t cap)
{
	size_t n = strlen(h) / 2;
	assert_true(n <= cap);
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		assert_int_equal(sscanf(h + 2 * i, "%2x", &v), 1);
		out[i] = (uint8_t)v;
	}
	return n;
}

/* A Linux ping packet: 44 header/timestamp bytes, then the pattern 10 11 .. 37. */
static size_t ping_packet(const char *prefix_hex, uint8_t *out)
{
	size_t n = unhex(prefix_hex, out, 44);
	assert_int_equal(n, 44);
	for (int i = 0; i < 40; i++)
		out[n++] = (uint8_t)(0x10 + i);
	return n;
}

/* v2 (zlib:9, client → server): the first three data frames and their packets. */
static const char *V2_FRAME[3] = {
	"78da72656008f9b2ca81c181512783eb14131310337230bcc8f55ac5c038ed3a7b360310445fe401510c"
	"028242c222a262e2129252d232b272f20a8a4aca2aaa6aea1a9a5ada3aba7afa068646c626a666e6000000"
	"00ffff",
	"720599b9056c661cc24c0e29a0994cd3a166baaa30916426000000ffff",
	"029bf90b6ca604c2cc37f64033996166c6fc6523c94c00000000ffff",
};
static const char *V2_PKT_PREFIX[3] = {
	"45000054f4aa400040012c680aca02020aca02010800e86d4aaa000196d7076b000000005bd10c0000000000",
	"45000054f4b4400040012c5e0aca02020aca02010800081a4aaa000297d7076b000000004524020000000000",
	"45000054f4fa400040012c180aca02020aca02010800ec3f4aaa000397d7076b000000005cfd060000000000",
};

/*
 * Every zlib stream in the captures (frames taken from the pcaps, v12 after AES-ECB): the
 * receiver must inflate each direction frame by frame to packets of the captured length and
 * start; re-deflating those packets at the session's level must give the same frames.
 */
struct capture {
	const char *name;
	int level, n;
	struct { int len; const char *prefix; const char *frame; } f[4];
};

static const struct capture CAPTURES[] = {
	{ "v2 C->S", 9, 3, {
		{ 84, "45000054f4aa400040012c680aca02020aca02010800e86d4aaa000196d7076b",
		  "78da72656008f9b2ca81c181512783eb14131310337230bcc8f55ac5c038ed3a7b360310445fe401510c"
		  "028242c222a262e2129252d232b272f20a8a4aca2aaa6aea1a9a5ada3aba7afa068646c626a666e60000"
		  "0000ffff" },
		{ 84, "45000054f4b4400040012c5e0aca02020aca02010800081a4aaa000297d7076b",
		  "720599b9056c661cc24c0e29a0994cd3a166baaa30916426000000ffff" },
		{ 84, "45000054f4fa400040012c180aca02020aca02010800ec3f4aaa000397d7076b",
		  "029bf90b6ca604c2cc37f64033996166c6fc6523c94c00000000ffff" },
	} },
	{ "v2 S->C", 9, 3, {
		{ 84, "45000054dd9300004001837f0aca02010aca02020000f06d4aaa000196d7076b",
		  "78da72656008b93b9981c181b1b99eeb141323103331307cc8f55ac5c038ed3a7b360310445fe401510c"
		  "028242c222a262e2129252d232b272f20a8a4aca2aaa6aea1a9a5ada3aba7afa068646c626a666e60000"
		  "0000ffff" },
		{ 84, "45000054dda400004001836e0aca02010aca02020000101a4aaa000297d7076b",
		  "720599b9046c661ec24c0129a0994cd3a166baaa30916426000000ffff" },
		{ 84, "45000054ddf10000400183210aca02010aca02020000f43f4aaa000397d7076b",
		  "029bf9116ca622c2cc2ff64033996166c6fc6523c94c00000000ffff" },
	} },
	{ "v12 C->S", 1, 4, {
		{ 42, "ffffffffffffbe403900e1c008060001080006040001be403900e1c00aca0c02",
		  "7801faff1f04f63958323c3cc0c1c6c0c8c1c0c6c2c008e1739de261620003208b11000000ffff" },
		{ 98, "ca333549c031be403900e1c0080045000054cfbf400040013d530aca0c020aca",
		  "3a656cea79c010aa92c1958121e4fc7e07060746db60903a900a0e06b92fc19c0c8cec37d8b341dab6bd"
		  "6604eb161014121611151397909492969195935750545256515553d7d0d4d2d6d1d5d337303432363135"
		  "3307000000ffff" },
		{ 98, "ca333549c031be403900e1c0080045000054cfdf400040013d330aca0c020aca",
		  "c262c37db00dc6081b721e026d6082d990fc978d241b00000000ffff" },
		{ 98, "ca333549c031be403900e1c0080045000054d011400040013d010aca0c020aca",
		  "c2b4e18220d80646840d79ff803630c36c88b9cf4d920d00000000ffff" },
	} },
	{ "v12 S->C", 1, 4, {
		{ 42, "be403900e1c0ca333549c03108060001080006040002ca333549c0310aca0c01",
		  "7801dae760c9f0f0c0296353cf03861c6c0c8c1c0c6c2c0c4c103ed7291ec67d6079208b09000000ffff" },
		{ 98, "be403900e1c0ca333549c0310800450000541b100000400132030aca0c010aca",
		  "82b0a02a195c191842a40518181c188d9841ea402a1818d4be04733230b2df60cf6600826daf19411483"
		  "80a090b088a898b884a494b48cac9cbc82a292b28aaa9aba86a696b68eae9ebe81a191b189a999390000"
		  "00ffff" },
		{ 98, "be403900e1c0ca333549c0310800450000541b390000400131da0aca0c010aca",
		  "c2628325c806c35b081b4a1e026d6082d990fc978d241b00000000ffff" },
		{ 98, "be403900e1c0ca333549c0310800450000541b7500004001319e0aca0c010aca",
		  "c2624329d88679081bcafe016d6086d910739f9b241b00000000ffff" },
	} },
};

static void test_capture_streams(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(CAPTURES) / sizeof(CAPTURES[0]); c++) {
		const struct capture *cap = &CAPTURES[c];
		struct filter *rx = filter_zlib_new(cap->level), *tx = filter_zlib_new(cap->level);
		for (int i = 0; i < cap->n; i++) {
			uint8_t frame[256], pre[64], pkt[FILTER_BUF_MAX], enc[FILTER_BUF_MAX];
			size_t fl = unhex(cap->f[i].frame, frame, sizeof(frame));
			size_t pl = unhex(cap->f[i].prefix, pre, sizeof(pre));
			int n = rx->ops->decode(rx, frame, fl, pkt, sizeof(pkt));
			if (n != cap->f[i].len)
				fail_msg("%s frame %d: inflated to %d bytes, expected %d", cap->name, i + 1,
				         n, cap->f[i].len);
			assert_memory_equal(pkt, pre, pl);
			int m = tx->ops->encode(tx, pkt, (size_t)n, enc, sizeof(enc));
			if (m != (int)fl || memcmp(enc, frame, fl) != 0)
				fail_msg("%s frame %d: deflate differs from the capture", cap->name, i + 1);
		}
		filter_free(rx);
		filter_free(tx);
	}
}


static int setup_log(void **state)
{
	(void)state;
	log_init("test_zlib", false, 0);
	return 0;
}

static void test_kat_inflate(void **state)
{
	(void)state;
	struct filter *f = filter_zlib_new(9);
	assert_non_null(f);
	for (int i = 0; i < 3; i++) {
		uint8_t frame[256], pkt[128], out[FILTER_BUF_MAX];
		size_t fl = unhex(V2_FRAME[i], frame, sizeof(frame));
		size_t pl = ping_packet(V2_PKT_PREFIX[i], pkt);
		int n = f->ops->decode(f, frame, fl, out, sizeof(out));
		assert_int_equal(n, (int)pl);
		assert_memory_equal(out, pkt, pl);
	}
	filter_free(f);
}

/* Same zlib (1.2.x) as the capture's peer: the deflate side must match byte for byte. */
static void test_kat_deflate(void **state)
{
	(void)state;
	struct filter *f = filter_zlib_new(9);
	assert_non_null(f);
	for (int i = 0; i < 3; i++) {
		uint8_t frame[256], pkt[128], out[FILTER_BUF_MAX];
		size_t fl = unhex(V2_FRAME[i], frame, sizeof(frame));
		size_t pl = ping_packet(V2_PKT_PREFIX[i], pkt);
		int n = f->ops->encode(f, pkt, pl, out, sizeof(out));
		assert_int_equal(n, (int)fl);
		assert_memory_equal(out, frame, fl);
	}
	filter_free(f);
}

/* Level 0 means 1: the header of a level-1 stream is 78 01 (as in v5 and v12). */
static void test_level0_is_level1(void **state)
{
	(void)state;
	struct filter *f = filter_zlib_new(0);
	uint8_t pkt[64] = { 1, 2, 3 }, out[FILTER_BUF_MAX];
	int n = f->ops->encode(f, pkt, sizeof(pkt), out, sizeof(out));
	assert_true(n > 6);
	assert_int_equal(out[0], 0x78);
	assert_int_equal(out[1], 0x01);
	filter_free(f);
	assert_null(filter_zlib_new(10));
}

static void fill_packet(uint8_t *p, size_t len, bool compressible)
{
	for (size_t i = 0; i < len; i++)
		p[i] = compressible ? (uint8_t)("vtun packet "[i % 12] ^ (i / 97))
		                    : (uint8_t)random();
}

/* Sender and receiver, 1000 frames each level: frames chain, each ends in the flush marker. */
static void test_roundtrip_all_levels(void **state)
{
	(void)state;
	srandom(1);
	for (int level = 0; level <= 9; level++) {
		struct filter *tx = filter_zlib_new(level), *rx = filter_zlib_new(level);
		assert_non_null(tx);
		assert_non_null(rx);
		for (int i = 0; i < 1000; i++) {
			uint8_t pkt[2048], enc[FILTER_BUF_MAX], dec[FILTER_BUF_MAX];
			size_t len = 1 + (size_t)random() % 2048;
			fill_packet(pkt, len, i % 3 != 0);
			int n = tx->ops->encode(tx, pkt, len, enc, sizeof(enc));
			assert_true(n >= 4);
			if (i == 0)
				assert_int_equal(enc[0], 0x78);
			assert_memory_equal(enc + n - 4, "\x00\x00\xff\xff", 4);
			int m = rx->ops->decode(rx, enc, (size_t)n, dec, sizeof(dec));
			assert_int_equal(m, (int)len);
			assert_memory_equal(dec, pkt, len);
		}
		filter_free(tx);
		filter_free(rx);
	}
}

/*
 * Incompressible packets switch the stream to stored blocks (cheap; the frame is the packet
 * plus a few bytes) and compressible ones bring compression back after the next probe; the
 * receiver decodes every frame exactly throughout.
 */
static void test_incompressible_stored(void **state)
{
	(void)state;
	srandom(7);
	struct filter *tx = filter_zlib_new(1), *rx = filter_zlib_new(1);
	uint8_t pkt[1400], enc[FILTER_BUF_MAX], dec[FILTER_BUF_MAX];
	int stored = 0, shrunk_after = -1;
	for (int i = 0; i < 600; i++) {
		bool random_phase = i < 300;
		fill_packet(pkt, sizeof(pkt), !random_phase);
		int n = tx->ops->encode(tx, pkt, sizeof(pkt), enc, sizeof(enc));
		assert_true(n > 0);
		assert_memory_equal(enc + n - 4, "\x00\x00\xff\xff", 4);
		int m = rx->ops->decode(rx, enc, (size_t)n, dec, sizeof(dec));
		assert_int_equal(m, (int)sizeof(pkt));
		assert_memory_equal(dec, pkt, sizeof(pkt));
		/* (the bytes are the same either way: zlib also emits stored blocks for random
		 * data, but only after building Huffman trees for each packet) */
		if (random_phase && filter_zlib_storing(tx) && n <= (int)sizeof(pkt) + 12)
			stored++;
		if (!random_phase && shrunk_after < 0 && n < (int)sizeof(pkt) / 2)
			shrunk_after = i - 300;
	}
	assert_true(stored >= 280);            /* nearly all random packets went stored */
	assert_true(shrunk_after >= 0);        /* compression came back ... */
	assert_true(shrunk_after <= 4096 + 8); /* ... within one probe interval */
	assert_false(filter_zlib_storing(tx));
	filter_free(tx);
	filter_free(rx);
}

/* A frame's output never goes past outcap; an encode that might not fit is dropped. */
static void test_tiny_outcap(void **state)
{
	(void)state;
	struct filter *tx = filter_zlib_new(6), *rx = filter_zlib_new(6);
	uint8_t pkt[300], enc[FILTER_BUF_MAX + 16], dec[FILTER_BUF_MAX];
	fill_packet(pkt, sizeof(pkt), true);
	memset(enc, 0xaa, sizeof(enc));
	assert_int_equal(tx->ops->encode(tx, pkt, sizeof(pkt), enc, 8), FILTER_DROP);
	for (size_t i = 0; i < sizeof(enc); i++)
		assert_int_equal(enc[i], 0xaa);
	/* The drop left the stream untouched: the next frame still decodes. */
	int n = tx->ops->encode(tx, pkt, sizeof(pkt), enc, FILTER_BUF_MAX);
	assert_true(n > 0);
	/* A receiver whose buffer is too small must not write past it and must stop. */
	memset(dec, 0x55, sizeof(dec));
	assert_int_equal(rx->ops->decode(rx, enc, (size_t)n, dec, 16), FILTER_FATAL);
	for (size_t i = 16; i < sizeof(dec); i++)
		assert_int_equal(dec[i], 0x55);
	filter_free(tx);
	filter_free(rx);
}

/* Output that fills the buffer exactly is fine. */
static void test_exact_outcap(void **state)
{
	(void)state;
	struct filter *tx = filter_zlib_new(6), *rx = filter_zlib_new(6);
	uint8_t pkt[1000], enc[FILTER_BUF_MAX], dec[1000];
	fill_packet(pkt, sizeof(pkt), true);
	int n = tx->ops->encode(tx, pkt, sizeof(pkt), enc, sizeof(enc));
	assert_int_equal(rx->ops->decode(rx, enc, (size_t)n, dec, sizeof(dec)), (int)sizeof(dec));
	assert_memory_equal(dec, pkt, sizeof(pkt));
	filter_free(tx);
	filter_free(rx);
}

static void test_garbage_is_fatal(void **state)
{
	(void)state;
	struct filter *rx = filter_zlib_new(1);
	uint8_t junk[64], out[FILTER_BUF_MAX];
	memset(junk, 0xff, sizeof(junk));
	assert_int_equal(rx->ops->decode(rx, junk, sizeof(junk), out, sizeof(out)), FILTER_FATAL);
	/* Once broken, the stream stays broken, even for a valid frame. */
	uint8_t frame[256];
	size_t fl = unhex(V2_FRAME[0], frame, sizeof(frame));
	assert_int_equal(rx->ops->decode(rx, frame, fl, out, sizeof(out)), FILTER_FATAL);
	filter_free(rx);
}

/* A frame out of order (frame 2 first) references history the receiver does not have. */
static void test_missing_frame_is_fatal(void **state)
{
	(void)state;
	struct filter *rx = filter_zlib_new(9);
	uint8_t frame[256], out[FILTER_BUF_MAX];
	size_t fl = unhex(V2_FRAME[1], frame, sizeof(frame));
	assert_int_equal(rx->ops->decode(rx, frame, fl, out, sizeof(out)), FILTER_FATAL);
	filter_free(rx);
}

/* Bit flips and truncation anywhere: no crash, output within bounds, errors are FATAL. */
static void test_corrupt_frames(void **state)
{
	(void)state;
	srandom(7);
	uint8_t frame[256], out[FILTER_BUF_MAX];
	size_t fl = unhex(V2_FRAME[0], frame, sizeof(frame));
	int fatal = 0;
	for (size_t bit = 0; bit < fl * 8; bit++) {
		struct filter *rx = filter_zlib_new(9);
		frame[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		int n = rx->ops->decode(rx, frame, fl, out, 128);
		assert_true(n == FILTER_FATAL || (n >= 0 && n <= 128));
		fatal += n == FILTER_FATAL;
		frame[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		filter_free(rx);
	}
	assert_true(fatal > 0);
	for (size_t cut = 0; cut < fl; cut++) {
		struct filter *rx = filter_zlib_new(9);
		int n = rx->ops->decode(rx, frame, cut, out, sizeof(out));
		assert_true(n == FILTER_FATAL || (n >= 0 && n <= 84));
		filter_free(rx);
	}
	/* Random frames after a valid start of stream. */
	for (int i = 0; i < 2000; i++) {
		struct filter *rx = filter_zlib_new(9);
		uint8_t junk[300];
		size_t jl = 1 + (size_t)random() % sizeof(junk);
		for (size_t k = 0; k < jl; k++)
			junk[k] = (uint8_t)random();
		assert_int_equal(rx->ops->decode(rx, frame, fl, out, sizeof(out)), 84);
		int n = rx->ops->decode(rx, junk, jl, out, sizeof(out));
		assert_true(n == FILTER_FATAL || (n >= 0 && n <= FILTER_BUF_MAX));
		filter_free(rx);
	}
}

/* A peer that ends its stream (Z_FINISH) is not speaking VTun's protocol. */
static void test_stream_end_is_fatal(void **state)
{
	(void)state;
	static const uint8_t finished[] = { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
	struct filter *rx = filter_zlib_new(1);
	uint8_t out[64];
	assert_int_equal(rx->ops->decode(rx, finished, sizeof(finished), out, sizeof(out)),
	                 FILTER_FATAL);
	filter_free(rx);
}

static void test_empty_input(void **state)
{
	(void)state;
	struct filter *f = filter_zlib_new(1);
	uint8_t out[64];
	assert_int_equal(f->ops->encode(f, out, 0, out, sizeof(out)), 0);
	assert_int_equal(f->ops->decode(f, out, 0, out, sizeof(out)), 0);
	filter_free(f);
}

/* VTun's messages: set-up line and the fatal inflate error with its code and length. */
static void test_log_lines(void **state)
{
	(void)state;
	capture_start();
	struct filter *f = filter_zlib_new(9);
	uint8_t junk[64], out[256];
	memset(junk, 0xff, sizeof(junk));
	assert_int_equal(f->ops->decode(f, junk, sizeof(junk), out, sizeof(out)), FILTER_FATAL);
	filter_free(f);
	f = filter_zlib_new(0);
	filter_free(f);
	char *text = capture_stop();
	assert_non_null(strstr(text, "ZLIB compression[level 9] initialized.\n"));
	assert_non_null(strstr(text, "ZLIB compression[level 1] initialized.\n"));
	assert_non_null(strstr(text, "Inflate error -3 len 64\n"));
	assert_int_equal(count_lines(text, "Inflate error"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kat_inflate),
		cmocka_unit_test(test_kat_deflate),
		cmocka_unit_test(test_capture_streams),
		cmocka_unit_test(test_level0_is_level1),
		cmocka_unit_test(test_roundtrip_all_levels),
		cmocka_unit_test(test_incompressible_stored),
		cmocka_unit_test(test_tiny_outcap),
		cmocka_unit_test(test_exact_outcap),
		cmocka_unit_test(test_garbage_is_fatal),
		cmocka_unit_test(test_missing_frame_is_fatal),
		cmocka_unit_test(test_corrupt_frames),
		cmocka_unit_test(test_stream_end_is_fatal),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_log_lines),
	};
	return cmocka_run_group_tests(tests, setup_log, NULL);
}
