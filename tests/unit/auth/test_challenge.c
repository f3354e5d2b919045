/* SPDX-License-Identifier: ISC */
/* challenge: text encoding and both response methods against vectors/kat.txt §2-3. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "auth/challenge.h"
#include "crypto/crypto.h"

/* kat.txt §2 (sslauth yes, password Vec1Plain) */
static const uint8_t bf_chal[16] = { 0x57, 0xbf, 0x52, 0x77, 0x40, 0x0b, 0x92, 0xc7,
				     0xe9, 0xe8, 0x4b, 0xa4, 0x65, 0x75, 0x6e, 0x0a };
static const uint8_t bf_resp[16] = { 0x3e, 0x2c, 0x57, 0x79, 0x64, 0x60, 0x4f, 0xbe,
				     0x69, 0xfc, 0x84, 0x3a, 0xbb, 0x80, 0x38, 0x8a };
/* kat.txt §3 (sslauth no, password Vec14XorAuth) */
static const uint8_t xor_chal[16] = { 0xab, 0x99, 0x6b, 0xd2, 0x14, 0x4d, 0x07, 0x39,
				      0x82, 0xd3, 0x18, 0xca, 0x4d, 0x10, 0xe7, 0x76 };
static const uint8_t xor_resp[16] = { 0xfd, 0xfc, 0x08, 0xe3, 0x20, 0x15, 0x68, 0x4b,
				      0xc3, 0xa6, 0x6c, 0xa2, 0x1b, 0x75, 0x84, 0x47 };

static void test_encode_kat(void **state)
{
	char t[2 * CHAL_LEN + 3];

	(void)state;
	chal_encode(bf_chal, t);
	assert_string_equal(t, "<fhlpfchheaaljcmhojoielkegfhfgoak>");
	chal_encode(bf_resp, t);
	assert_string_equal(t, "<docmfhhjgegaeplogjpmiedklliadiik>");
	chal_encode(xor_chal, t);
	assert_string_equal(t, "<kljjglncbeenahdjicndbimkenbaohhg>");
	chal_encode(xor_resp, t);
	assert_string_equal(t, "<pnpmaiodcabfgielmdkggmkcblhfieeh>");
}

static void test_decode_kat(void **state)
{
	uint8_t c[16];

	(void)state;
	/* Whole messages as they arrive: the text after the first '<'. */
	assert_true(chal_decode("OK CHAL: <fhlpfchheaaljcmhojoielkegfhfgoak>\n", c));
	assert_memory_equal(c, bf_chal, 16);
	assert_true(chal_decode("CHAL: <docmfhhjgegaeplogjpmiedklliadiik>\n", c));
	assert_memory_equal(c, bf_resp, 16);
}

static void test_round_trip(void **state)
{
	uint8_t in[16], out[16];
	char t[2 * CHAL_LEN + 3];

	(void)state;
	for (int round = 0; round < 64; round++) {
		assert_true(chal_generate(in));
		chal_encode(in, t);
		assert_int_equal(strlen(t), 34);
		assert_true(chal_decode(t, out));
		assert_memory_equal(in, out, 16);
	}
	/* Extremes */
	memset(in, 0xff, 16);
	chal_encode(in, t);
	assert_string_equal(t, "<pppppppppppppppppppppppppppppppp>");
	assert_true(chal_decode(t, out));
	assert_memory_equal(in, out, 16);
}

static void test_decode_rejects(void **state)
{
	uint8_t c[16];

	(void)state;
	assert_false(chal_decode(NULL, c));
	assert_false(chal_decode("", c));
	/* no brackets / missing '>' / missing '<' */
	assert_false(chal_decode("fhlpfchheaaljcmhojoielkegfhfgoak", c));
	assert_false(chal_decode("<fhlpfchheaaljcmhojoielkegfhfgoak", c));
	assert_false(chal_decode("fhlpfchheaaljcmhojoielkegfhfgoak>", c));
	/* 31 and 33 characters */
	assert_false(chal_decode("<hlpfchheaaljcmhojoielkegfhfgoak>", c));
	assert_false(chal_decode("<ffhlpfchheaaljcmhojoielkegfhfgoak>", c));
	assert_false(chal_decode("<>", c));
	/* characters outside 'a'..'p' (VTun would accept them as garbage) */
	assert_false(chal_decode("<qhlpfchheaaljcmhojoielkegfhfgoak>", c));
	assert_false(chal_decode("<Fhlpfchheaaljcmhojoielkegfhfgoak>", c));
	assert_false(chal_decode("<fhlpfchheaaljcmhojoielkegfhfgo`k>", c));
	assert_false(chal_decode("<fhlpfchheaaljcmhojo elkegfhfgoak>", c));
	/* a failed decode leaves no partial result */
	for (int i = 0; i < 16; i++)
		assert_int_equal(c[i], 0);
}

static void test_respond_bf(void **state)
{
	uint8_t r[16];

	(void)state;
	chal_respond_bf("Vec1Plain", bf_chal, r);
	assert_memory_equal(r, bf_resp, 16);
	assert_true(chal_verify("Vec1Plain", true, bf_chal, bf_resp));
	assert_false(chal_verify("Vec1Plain", false, bf_chal, bf_resp));  /* method mismatch */
	assert_false(chal_verify("vec1Plain", true, bf_chal, bf_resp));
	assert_false(chal_verify(NULL, true, bf_chal, bf_resp));
	r[15] ^= 1;
	assert_false(chal_verify("Vec1Plain", true, bf_chal, r));
}

static void test_respond_xor(void **state)
{
	uint8_t r[16];

	(void)state;
	chal_respond_xor("Vec14XorAuth", xor_chal, r);
	assert_memory_equal(r, xor_resp, 16);
	assert_true(chal_verify("Vec14XorAuth", false, xor_chal, xor_resp));
	assert_false(chal_verify("Vec14XorAuth", true, xor_chal, xor_resp));
	r[0] ^= 0x80;
	assert_false(chal_verify("Vec14XorAuth", false, xor_chal, r));
}

/* Empty password: no division by zero, response = challenge, and never accepted. */
static void test_xor_empty_password(void **state)
{
	uint8_t r[16];

	(void)state;
	chal_respond_xor("", xor_chal, r);
	assert_memory_equal(r, xor_chal, 16);
	assert_false(chal_verify("", false, xor_chal, r));
	/* The Blowfish method with an empty password is well defined (key = MD5("")). */
	chal_respond_bf("", bf_chal, r);
	assert_true(chal_verify("", true, bf_chal, r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_kat),
		cmocka_unit_test(test_decode_kat),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_decode_rejects),
		cmocka_unit_test(test_respond_bf),
		cmocka_unit_test(test_respond_xor),
		cmocka_unit_test(test_xor_empty_password),
	};
	if (!crypto_init())
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
