/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the LZO filter: the known-answer block of kat.txt §4 and every block of the
 * v3 and v6 captures (both directions of the codec), round trips at every level (LZO1X-1(15)
 * and LZO1X-999), the log lines, and hostile input: a corrupt, truncated or oversized frame
 * is dropped (FILTER_DROP), never read or written out of bounds (run under ASan too).
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

/* kat.txt §4: the LZO1X data inside the first AES frame of v3 (lzo:1) and its packet. */
static const char KAT_LZO[] =
	"001445000054a1ea400040017d280aca03020aca03010800d3994b0500019fd7076b00000000734a74"
	"0000180000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233"
	"34353637110000";
static const char KAT_PKT[] =
	"45000054a1ea400040017d280aca03020aca03010800d3994b0500019fd7076b00000000734a000000"
	"000000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435"
	"3637";


/*
 * Every LZO block of the v3 (lzo:1, after AES-128-CBC) and v6 (lzo:9, after AES-256-OFB)
 * captures with its packet: both decoders' directions, both compressors byte for byte.
 */
struct lzo_kat {
	const char *name;
	int level;
	const char *block, *packet;
};

static const struct lzo_kat CAPTURES[] = {
	{ "v3 S->C", 1,
	  "00144500005415260000400149ed0aca03010aca03020000db994b0500019fd7076b00000000734a7400"
	  "00180000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435"
	  "3637110000",
	  "4500005415260000400149ed0aca03010aca03020000db994b0500019fd7076b00000000734a00000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v3 S->C", 1,
	  "00164500005415570000400149bc0aca03010aca0302000042034b0500029fd7076b0000000008e00400"
	  "7c000016101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435"
	  "3637110000",
	  "4500005415570000400149bc0aca03010aca0302000042034b0500029fd7076b0000000008e004000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v3 S->C", 1,
	  "001645000054157a0000400149990aca03010aca03020000d3f64b0500039fd7076b0000000071eb0900"
	  "7c000016101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435"
	  "3637110000",
	  "45000054157a0000400149990aca03010aca03020000d3f64b0500039fd7076b0000000071eb09000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v3 C->S", 1,
	  "001445000054a1ea400040017d280aca03020aca03010800d3994b0500019fd7076b00000000734a7400"
	  "00180000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435"
	  "3637110000",
	  "45000054a1ea400040017d280aca03020aca03010800d3994b0500019fd7076b00000000734a00000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v3 C->S", 1,
	  "001645000054a1f5400040017d1d0aca03020aca030108003a034b0500029fd7076b0000000008e00400"
	  "7c000016101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435"
	  "3637110000",
	  "45000054a1f5400040017d1d0aca03020aca030108003a034b0500029fd7076b0000000008e004000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v3 C->S", 1,
	  "0c45000054a210400040017d020aca036c000002010800cbf64b0500039fd7076b0000000071eb097800"
	  "001700101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233343536"
	  "37110000",
	  "45000054a210400040017d020aca03020aca03010800cbf64b0500039fd7076b0000000071eb09000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v6 S->C", 9,
	  "214500005480dd00004001d8350aca06014d00020403089b794d500001b7d7076b004300901f09780000"
	  "1700101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637"
	  "110000",
	  "4500005480dd00004001d8350aca06010aca060200009b794d500001b7d7076b00000000901f09000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v6 S->C", 9,
	  "2145000054811d00004001d7f50aca06014d000204030897c44d500002b7d7076b0043008fd30d780000"
	  "1700101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637"
	  "110000",
	  "45000054811d00004001d7f50aca06010aca0602000097c44d500002b7d7076b000000008fd30d000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v6 S->C", 9,
	  "2145000054815700004001d7bb0aca06014d00020403081d244d500003b8d7076b004300137303780000"
	  "1700101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637"
	  "110000",
	  "45000054815700004001d7bb0aca06010aca060200001d244d500003b8d7076b00000000137303000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v6 C->S", 9,
	  "2145000054cc19400040014cf90aca06024c000b01080093794d500001b7d7076b004300901f09780000"
	  "1700101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637"
	  "110000",
	  "45000054cc19400040014cf90aca06020aca0601080093794d500001b7d7076b00000000901f09000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v6 C->S", 9,
	  "2145000054cc66400040014cac0aca06024c000b0108008fc44d500002b7d7076b0043008fd30d780000"
	  "1700101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637"
	  "110000",
	  "45000054cc66400040014cac0aca06020aca060108008fc44d500002b7d7076b000000008fd30d000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
	{ "v6 C->S", 9,
	  "2145000054cc8a400040014c880aca06024c000b01080015244d500003b8d7076b004300137303780000"
	  "1700101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637"
	  "110000",
	  "45000054cc8a400040014c880aca06020aca0601080015244d500003b8d7076b00000000137303000000"
	  "0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637" },
};

static void test_capture_blocks(void **state)
{
	(void)state;
	struct filter *f1 = filter_lzo_new(1), *f9 = filter_lzo_new(9);
	for (size_t i = 0; i < sizeof(CAPTURES) / sizeof(CAPTURES[0]); i++) {
		const struct lzo_kat *k = &CAPTURES[i];
		struct filter *f = k->level == 9 ? f9 : f1;
		uint8_t blk[256], pkt[256], out[FILTER_BUF_MAX];
		size_t bl = unhex(k->block, blk, sizeof(blk));
		size_t pl = unhex(k->packet, pkt, sizeof(pkt));
		assert_int_equal(f->ops->decode(f, blk, bl, out, sizeof(out)), (int)pl);
		assert_memory_equal(out, pkt, pl);
		int n = f->ops->encode(f, pkt, pl, out, sizeof(out));
		if (n != (int)bl || memcmp(out, blk, bl) != 0)
			fail_msg("%s block %zu: compressor output differs from the capture", k->name, i);
	}
	filter_free(f1);
	filter_free(f9);
}

static int setup_log(void **state)
{
	(void)state;
	log_init("test_lzo", false, 0);
	return 0;
}

static void test_kat_decompress(void **state)
{
	(void)state;
	uint8_t blk[128], pkt[128], out[FILTER_BUF_MAX];
	size_t bl = unhex(KAT_LZO, blk, sizeof(blk));
	size_t pl = unhex(KAT_PKT, pkt, sizeof(pkt));
	assert_int_equal(bl, 89);
	assert_int_equal(pl, 84);
	struct filter *f = filter_lzo_new(1);
	assert_non_null(f);
	assert_int_equal(f->ops->decode(f, blk, bl, out, sizeof(out)), (int)pl);
	assert_memory_equal(out, pkt, pl);
	/* Exactly enough room is enough. */
	assert_int_equal(f->ops->decode(f, blk, bl, out, pl), (int)pl);
	filter_free(f);
}

/* Same liblzo2 algorithm (LZO1X-1(15)) as the peer: our sender produces the same block. */
static void test_kat_compress(void **state)
{
	(void)state;
	uint8_t blk[128], pkt[128], out[FILTER_BUF_MAX];
	size_t bl = unhex(KAT_LZO, blk, sizeof(blk));
	size_t pl = unhex(KAT_PKT, pkt, sizeof(pkt));
	struct filter *f = filter_lzo_new(1);
	int n = f->ops->encode(f, pkt, pl, out, sizeof(out));
	assert_int_equal(n, (int)bl);
	assert_memory_equal(out, blk, bl);
	filter_free(f);
}

static void fill_packet(uint8_t *p, size_t len, bool compressible)
{
	for (size_t i = 0; i < len; i++)
		p[i] = compressible ? (uint8_t)("lzo frame "[i % 10] + (i / 211))
		                    : (uint8_t)random();
}

static void test_roundtrip_all_levels(void **state)
{
	(void)state;
	srandom(3);
	for (int level = 0; level <= 9; level++) {
		struct filter *tx = filter_lzo_new(level), *rx = filter_lzo_new(level);
		assert_non_null(tx);
		assert_non_null(rx);
		for (int i = 0; i < 300; i++) {
			uint8_t pkt[2048], enc[FILTER_BUF_MAX], dec[FILTER_BUF_MAX];
			size_t len = 1 + (size_t)random() % 2048;
			fill_packet(pkt, len, i % 2 == 0);
			int n = tx->ops->encode(tx, pkt, len, enc, sizeof(enc));
			assert_true(n > 0);
			int m = rx->ops->decode(rx, enc, (size_t)n, dec, sizeof(dec));
			assert_int_equal(m, (int)len);
			assert_memory_equal(dec, pkt, len);
		}
		filter_free(tx);
		filter_free(rx);
	}
	assert_null(filter_lzo_new(10));
	assert_null(filter_lzo_new(-1));
}

/* Frames are independent: decoding them out of order works (unlike zlib). */
static void test_frames_independent(void **state)
{
	(void)state;
	struct filter *tx = filter_lzo_new(9), *rx = filter_lzo_new(9);
	uint8_t a[500], b[500], ea[FILTER_BUF_MAX], eb[FILTER_BUF_MAX], out[FILTER_BUF_MAX];
	fill_packet(a, sizeof(a), true);
	memcpy(b, a, sizeof(b));
	b[7] ^= 1;
	int na = tx->ops->encode(tx, a, sizeof(a), ea, sizeof(ea));
	int nb = tx->ops->encode(tx, b, sizeof(b), eb, sizeof(eb));
	assert_int_equal(rx->ops->decode(rx, eb, (size_t)nb, out, sizeof(out)), (int)sizeof(b));
	assert_memory_equal(out, b, sizeof(b));
	assert_int_equal(rx->ops->decode(rx, ea, (size_t)na, out, sizeof(out)), (int)sizeof(a));
	assert_memory_equal(out, a, sizeof(a));
	filter_free(tx);
	filter_free(rx);
}

/* Output never goes past outcap, neither for encode nor for decode. */
static void test_tiny_outcap(void **state)
{
	(void)state;
	struct filter *f = filter_lzo_new(1);
	uint8_t pkt[2048], buf[FILTER_BUF_MAX];
	srandom(5);
	fill_packet(pkt, sizeof(pkt), false);
	memset(buf, 0xaa, sizeof(buf));
	assert_int_equal(f->ops->encode(f, pkt, sizeof(pkt), buf, 100), FILTER_DROP);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xaa);
	/* Compressible data that fits a small buffer goes through the side buffer. */
	fill_packet(pkt, sizeof(pkt), true);
	int n = f->ops->encode(f, pkt, 400, buf, 200);
	assert_true(n > 0 && n <= 200);
	for (size_t i = 200; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xaa);

	uint8_t blk[128];
	size_t bl = unhex(KAT_LZO, blk, sizeof(blk));
	memset(buf, 0x55, sizeof(buf));
	assert_int_equal(f->ops->decode(f, blk, bl, buf, 83), FILTER_DROP);
	for (size_t i = 83; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0x55);
	filter_free(f);
}

static void test_corrupt_frames(void **state)
{
	(void)state;
	uint8_t blk[128], out[FILTER_BUF_MAX];
	size_t bl = unhex(KAT_LZO, blk, sizeof(blk));
	struct filter *f = filter_lzo_new(1);
	/* Truncation anywhere loses the end-of-stream marker. */
	for (size_t cut = 1; cut < bl; cut++)
		assert_int_equal(f->ops->decode(f, blk, cut, out, sizeof(out)), FILTER_DROP);
	/* Trailing junk after the end marker. */
	uint8_t longer[129];
	memcpy(longer, blk, bl);
	longer[bl] = 0;
	assert_int_equal(f->ops->decode(f, longer, bl + 1, out, sizeof(out)), FILTER_DROP);
	/* Every single-bit flip: dropped or decoded within bounds, never a crash. */
	int dropped = 0;
	for (size_t bit = 0; bit < bl * 8; bit++) {
		blk[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		int n = f->ops->decode(f, blk, bl, out, 128);
		assert_true(n == FILTER_DROP || (n >= 0 && n <= 128));
		dropped += n == FILTER_DROP;
		blk[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	assert_true(dropped > 0);
	/* Random garbage, including long back-references into nothing. */
	srandom(11);
	for (int i = 0; i < 20000; i++) {
		uint8_t junk[256];
		size_t jl = 1 + (size_t)random() % sizeof(junk);
		for (size_t k = 0; k < jl; k++)
			junk[k] = (uint8_t)random();
		int n = f->ops->decode(f, junk, jl, out, 512);
		assert_true(n == FILTER_DROP || (n >= 0 && n <= 512));
	}
	memset(out, 0xff, 64);
	assert_int_equal(f->ops->decode(f, out, 64, out + 64, 1024), FILTER_DROP);
	filter_free(f);
}

/* Set-up line as VTun; a flood of corrupt frames gives one line, not one per frame. */
static void test_log_lines(void **state)
{
	(void)state;
	capture_start();
	struct filter *f = filter_lzo_new(9);
	uint8_t junk[64], out[256];
	memset(junk, 0xff, sizeof(junk));
	for (int i = 0; i < 1000; i++)
		assert_int_equal(f->ops->decode(f, junk, sizeof(junk), out, sizeof(out)), FILTER_DROP);
	filter_free(f);
	char *text = capture_stop();
	assert_non_null(strstr(text, "LZO compression[level 9] initialized\n"));
	int lines = count_lines(text, "corrupt frame");
	assert_true(lines >= 1 && lines <= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kat_decompress),
		cmocka_unit_test(test_kat_compress),
		cmocka_unit_test(test_capture_blocks),
		cmocka_unit_test(test_roundtrip_all_levels),
		cmocka_unit_test(test_frames_independent),
		cmocka_unit_test(test_tiny_outcap),
		cmocka_unit_test(test_corrupt_frames),
		cmocka_unit_test(test_log_lines),
	};
	return cmocka_run_group_tests(tests, setup_log, NULL);
}
