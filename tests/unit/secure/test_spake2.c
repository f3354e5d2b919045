/* SPDX-License-Identifier: ISC */
/*
 * secure/spake2: every P-256 test vector of RFC 9382 (appendix B), step by step and through the
 * stateful API; point validation; wrong password and wrong AAD; the password-to-w derivation
 * against a vector computed with `openssl kdf ... SCRYPT` (and Python's hashlib.scrypt).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include "secure/spake2.h"
#include "hex.h"

struct vector {
	const char *a, *b;
	const char *w, *x, *y, *pa, *pb, *k, *tt, *hash, *ke, *ka, *kca, *kcb, *ca, *cb;
};

/* RFC 9382 appendix B, P256-SHA256-HKDF-HMAC, AAD empty. */
static const struct vector rfc[] = {
	{ "server", "client",
	  /* w */ "2ee57912099d31560b3a44b1184b9b4866e904c49d12ac5042c97dca461b1a5f",
	  /* x */ "43dd0fd7215bdcb482879fca3220c6a968e66d70b1356cac18bb26c84a78d729",
	  /* y */ "dcb60106f276b02606d8ef0a328c02e4b629f84f89786af5befb0bc75b6e66be",
	  /* pA */ "04a56fa807caaa53a4d28dbb9853b9815c61a411118a6fe516a8798434751470"
	  "f9010153ac33d0d5f2047ffdb1a3e42c9b4e6be662766e1eeb4116988ede5f91"
	  "2c",
	  /* pB */ "0406557e482bd03097ad0cbaa5df82115460d951e3451962f1eaf4367a420676"
	  "d09857ccbc522686c83d1852abfa8ed6e4a1155cf8f1543ceca528afb591a1e0"
	  "b7",
	  /* K */ "0412af7e89717850671913e6b469ace67bd90a4df8ce45c2af19010175e37eed"
	  "69f75897996d539356e2fa6a406d528501f907e04d97515fbe83db277b715d33"
	  "25",
	  /* TT */ "06000000000000007365727665720600000000000000636c69656e7441000000"
	  "0000000004a56fa807caaa53a4d28dbb9853b9815c61a411118a6fe516a87984"
	  "34751470f9010153ac33d0d5f2047ffdb1a3e42c9b4e6be662766e1eeb411698"
	  "8ede5f912c41000000000000000406557e482bd03097ad0cbaa5df82115460d9"
	  "51e3451962f1eaf4367a420676d09857ccbc522686c83d1852abfa8ed6e4a115"
	  "5cf8f1543ceca528afb591a1e0b741000000000000000412af7e897178506719"
	  "13e6b469ace67bd90a4df8ce45c2af19010175e37eed69f75897996d539356e2"
	  "fa6a406d528501f907e04d97515fbe83db277b715d332520000000000000002e"
	  "e57912099d31560b3a44b1184b9b4866e904c49d12ac5042c97dca461b1a5f",
	  /* Hash(TT) */ "0e0672dc86f8e45565d338b0540abe6915bdf72e2b35b5c9e5663168e960a91b",
	  /* Ke */ "0e0672dc86f8e45565d338b0540abe69",
	  /* Ka */ "15bdf72e2b35b5c9e5663168e960a91b",
	  /* KcA */ "00c12546835755c86d8c0db7851ae86f",
	  /* KcB */ "a9fa3406c3b781b93d804485430ca27a",
	  /* A conf */ "58ad4aa88e0b60d5061eb6b5dd93e80d9c4f00d127c65b3b35b1b5281fee38f0",
	  /* B conf */ "d3e2e547f1ae04f2dbdbf0fc4b79f8ecff2dff314b5d32fe9fcef2fb26dc459b",
	},
	{ "", "client",
	  /* w */ "0548d8729f730589e579b0475a582c1608138ddf7054b73b5381c7e883e2efae",
	  /* x */ "403abbe3b1b4b9ba17e3032849759d723939a27a27b9d921c500edde18ed654b",
	  /* y */ "903023b6598908936ea7c929bd761af6039577a9c3f9581064187c3049d87065",
	  /* pA */ "04a897b769e681c62ac1c2357319a3d363f610839c4477720d24cbe32f5fd85f"
	  "44fb92ba966578c1b712be6962498834078262caa5b441ecfa9d4a9485720e91"
	  "8a",
	  /* pB */ "04e0f816fd1c35e22065d5556215c097e799390d16661c386e0ecc84593974a6"
	  "1b881a8c82327687d0501862970c64565560cb5671f696048050ca66ca5f8cc7"
	  "fc",
	  /* K */ "048f83ec9f6e4f87cc6f9dc740bdc2769725f923364f01c84148c049a39a735e"
	  "bda82eac03e00112fd6a5710682767cff5361f7e819e53d8d3c3a2922e0d837a"
	  "a6",
	  /* TT */ "00000000000000000600000000000000636c69656e74410000000000000004a8"
	  "97b769e681c62ac1c2357319a3d363f610839c4477720d24cbe32f5fd85f44fb"
	  "92ba966578c1b712be6962498834078262caa5b441ecfa9d4a9485720e918a41"
	  "0000000000000004e0f816fd1c35e22065d5556215c097e799390d16661c386e"
	  "0ecc84593974a61b881a8c82327687d0501862970c64565560cb5671f6960480"
	  "50ca66ca5f8cc7fc4100000000000000048f83ec9f6e4f87cc6f9dc740bdc276"
	  "9725f923364f01c84148c049a39a735ebda82eac03e00112fd6a5710682767cf"
	  "f5361f7e819e53d8d3c3a2922e0d837aa620000000000000000548d8729f7305"
	  "89e579b0475a582c1608138ddf7054b73b5381c7e883e2efae",
	  /* Hash(TT) */ "642f05c473c2cd79909f9a841e2f30a70bf89b18180af97353ba198789c2b963",
	  /* Ke */ "642f05c473c2cd79909f9a841e2f30a7",
	  /* Ka */ "0bf89b18180af97353ba198789c2b963",
	  /* KcA */ "c6be376fc7cd1301fd0a13adf3e7bffd",
	  /* KcB */ "b7243f4ae60440a49b3f8cab3c1fba07",
	  /* A conf */ "47d29e6666af1b7dd450d571233085d7a9866e4d49d2645e2df975489521232b",
	  /* B conf */ "3313c5cefc361d27fb16847a91c2a73b766ffa90a4839122a9b70a2f6bd1d6df",
	},
	{ "server", "",
	  /* w */ "626e0cdc7b14c9db3e52a0b1b3a768c98e37852d5db30febe0497b14eae8c254",
	  /* x */ "07adb3db6bc623d3399726bfdbfd3d15a58ea776ab8a308b00392621291f9633",
	  /* y */ "b6a4fc8dbb629d4ba51d6f91ed1532cf87adec98f25dd153a75accafafedec16",
	  /* pA */ "04f88fb71c99bfffaea370966b7eb99cd4be0ff1a7d335caac4211c4afd855e2"
	  "e15a873b298503ad8ba1d9cbb9a392d2ba309b48bfd7879aefd0f2cea6009763"
	  "b0",
	  /* pB */ "040c269d6be017dccb15182ac6bfcd9e2a14de019dd587eaf4bdfd353f031101"
	  "e7cca177f8eb362a6e83e7d5e729c0732e1b528879c086f39ba0f31a9661bd34"
	  "db",
	  /* K */ "0445ee233b8ecb51ebd6e7da3f307e88a1616bae2166121221fdc0dadb986afa"
	  "f3ec8a988dc9c626fa3b99f58a7ca7c9b844bb3e8dd9554aafc5b53813504c1c"
	  "be",
	  /* TT */ "06000000000000007365727665720000000000000000410000000000000004f8"
	  "8fb71c99bfffaea370966b7eb99cd4be0ff1a7d335caac4211c4afd855e2e15a"
	  "873b298503ad8ba1d9cbb9a392d2ba309b48bfd7879aefd0f2cea6009763b041"
	  "00000000000000040c269d6be017dccb15182ac6bfcd9e2a14de019dd587eaf4"
	  "bdfd353f031101e7cca177f8eb362a6e83e7d5e729c0732e1b528879c086f39b"
	  "a0f31a9661bd34db41000000000000000445ee233b8ecb51ebd6e7da3f307e88"
	  "a1616bae2166121221fdc0dadb986afaf3ec8a988dc9c626fa3b99f58a7ca7c9"
	  "b844bb3e8dd9554aafc5b53813504c1cbe2000000000000000626e0cdc7b14c9"
	  "db3e52a0b1b3a768c98e37852d5db30febe0497b14eae8c254",
	  /* Hash(TT) */ "005184ff460da2ce59062c87733c299c3521297d736598fc0a1127600efa1afb",
	  /* Ke */ "005184ff460da2ce59062c87733c299c",
	  /* Ka */ "3521297d736598fc0a1127600efa1afb",
	  /* KcA */ "f3da53604f0aeecea5a33be7bddf6edf",
	  /* KcB */ "9e3f86848736f159bd92b6e107ec6799",
	  /* A conf */ "bc9f9bbe99f26d0b2260e6456e05a86196a3307ec6663a18bf6ac825736533b2",
	  /* B conf */ "c2370e1bf813b086dff0d834e74425a06e6390f48f5411900276dcccc5a297ec",
	},
	{ "", "",
	  /* w */ "7bf46c454b4c1b25799527d896508afd5fc62ef4ec59db1efb49113063d70cca",
	  /* x */ "8cef65df64bb2d0f83540c53632de911b5b24b3eab6cc74a97609fd659e95473",
	  /* y */ "d7a66f64074a84652d8d623a92e20c9675c61cb5b4f6a0063e4648a2fdc02d53",
	  /* pA */ "04a65b367a3f613cf9f0654b1b28a1e3a8a40387956c8ba6063e8658563890f4"
	  "6ca1ef6a676598889fc28de2950ab8120b79a5ef1ea4c9f44bc98f585634b46d"
	  "66",
	  /* pB */ "04589f13218822710d98d8b2123a079041052d9941b9cf88c6617ddb2fcc0494"
	  "662eea8ba6b64692dc318250030c6af045cb738bc81ba35b043c3dcb46adf6f5"
	  "8d",
	  /* K */ "041a3c03d51b452537ca2a1fea6110353c6d5ed483c4f0f86f4492ca3f378d40"
	  "a994b4477f93c64d928edbbcd3e85a7c709b7ea73ee97986ce3d1438e1355437"
	  "72",
	  /* TT */ "00000000000000000000000000000000410000000000000004a65b367a3f613c"
	  "f9f0654b1b28a1e3a8a40387956c8ba6063e8658563890f46ca1ef6a67659888"
	  "9fc28de2950ab8120b79a5ef1ea4c9f44bc98f585634b46d6641000000000000"
	  "0004589f13218822710d98d8b2123a079041052d9941b9cf88c6617ddb2fcc04"
	  "94662eea8ba6b64692dc318250030c6af045cb738bc81ba35b043c3dcb46adf6"
	  "f58d4100000000000000041a3c03d51b452537ca2a1fea6110353c6d5ed483c4"
	  "f0f86f4492ca3f378d40a994b4477f93c64d928edbbcd3e85a7c709b7ea73ee9"
	  "7986ce3d1438e13554377220000000000000007bf46c454b4c1b25799527d896"
	  "508afd5fc62ef4ec59db1efb49113063d70cca",
	  /* Hash(TT) */ "fc6374762ba5cf11f4b2caa08b2cd1b9907ae0e26e8d6234318d91583cd74c86",
	  /* Ke */ "fc6374762ba5cf11f4b2caa08b2cd1b9",
	  /* Ka */ "907ae0e26e8d6234318d91583cd74c86",
	  /* KcA */ "5dbd2f477166b7fb6d61febbd77a5563",
	  /* KcB */ "7689b4654407a5faeffdc8f18359d8a3",
	  /* A conf */ "dfb4db8d48ae5a675963ea5e6c19d98d4ea028d8e898dad96ea19a80ade95dca",
	  /* B conf */ "d0f0609d1613138d354f7e95f19fb556bf52d751947241e8c7118df5ef0ae175",
	},
};

#define NVEC (sizeof(rfc) / sizeof(rfc[0]))

struct pair {
	struct spake2 *a, *b;
	uint8_t pa[SPAKE2_SHARE_LEN], pb[SPAKE2_SHARE_LEN];
};

static struct spake2 *party(enum spake2_role role, const char *w_hex, const char *ida,
			    const char *idb)
{
	uint8_t w[SPAKE2_SCALAR_LEN];
	struct spake2 *s;

	unhex(w_hex, w, sizeof(w));
	s = spake2_new(role, w, ida, strlen(ida), idb, strlen(idb));
	assert_non_null(s);
	return s;
}

/* Both parties of vector v started with the vector's scalars. */
static void pair_start(struct pair *p, const struct vector *v)
{
	uint8_t x[SPAKE2_SCALAR_LEN], y[SPAKE2_SCALAR_LEN];

	unhex(v->x, x, sizeof(x));
	unhex(v->y, y, sizeof(y));
	p->a = party(SPAKE2_ROLE_A, v->w, v->a, v->b);
	p->b = party(SPAKE2_ROLE_B, v->w, v->a, v->b);
	assert_true(spake2_start_with_scalar(p->a, x, p->pa));
	assert_true(spake2_start_with_scalar(p->b, y, p->pb));
}

static void pair_free(struct pair *p)
{
	spake2_free(p->a);
	spake2_free(p->b);
}

/* TT from the vector's own pA, pB, K and w, then the key schedule from TT. */
static void test_rfc_transcript_and_keys(void **state)
{
	(void)state;
	for (size_t i = 0; i < NVEC; i++) {
		const struct vector *v = &rfc[i];
		uint8_t pa[65], pb[65], k[65], w[32], tt[SPAKE2_TT_MAX];
		struct spake2_keys keys;
		size_t n;

		unhex(v->pa, pa, sizeof(pa));
		unhex(v->pb, pb, sizeof(pb));
		unhex(v->k, k, sizeof(k));
		unhex(v->w, w, sizeof(w));
		n = spake2_transcript(v->a, strlen(v->a), v->b, strlen(v->b), pa, pb, k, w, tt,
				      sizeof(tt));
		assert_hex_equal(tt, n, v->tt);
		assert_int_equal(spake2_transcript(v->a, strlen(v->a), v->b, strlen(v->b), pa, pb,
						   k, w, tt, n - 1), 0);
		assert_true(spake2_key_schedule(tt, n, NULL, 0, &keys));
		assert_hex_equal(keys.ke, 16, v->ke);
		assert_hex_equal(keys.ka, 16, v->ka);
		assert_true(strncmp(v->hash, v->ke, 32) == 0 && strcmp(v->hash + 32, v->ka) == 0);
		assert_hex_equal(keys.kca, 16, v->kca);
		assert_hex_equal(keys.kcb, 16, v->kcb);
		assert_hex_equal(keys.ca, 32, v->ca);
		assert_hex_equal(keys.cb, 32, v->cb);
	}
}

/*
 * The whole exchange with the vector's scalars: pA and pB must match; K is internal, but it is
 * part of TT, so confirmations equal to the vector's prove K (checked against TT above) too.
 */
static void test_rfc_full_exchange(void **state)
{
	(void)state;
	for (size_t i = 0; i < NVEC; i++) {
		const struct vector *v = &rfc[i];
		uint8_t ca[32], cb[32], kea[16], keb[16];
		struct pair p;

		pair_start(&p, v);
		assert_hex_equal(p.pa, 65, v->pa);
		assert_hex_equal(p.pb, 65, v->pb);
		assert_false(spake2_confirmation(p.a, ca));     /* not before finish */
		assert_true(spake2_finish(p.a, p.pb, sizeof(p.pb), NULL, 0));
		assert_true(spake2_finish(p.b, p.pa, sizeof(p.pa), NULL, 0));
		assert_true(spake2_confirmation(p.a, ca));
		assert_true(spake2_confirmation(p.b, cb));
		assert_hex_equal(ca, 32, v->ca);
		assert_hex_equal(cb, 32, v->cb);
		assert_false(spake2_key(p.a, kea));             /* not before verify */
		assert_true(spake2_verify(p.a, cb, sizeof(cb)));
		assert_true(spake2_verify(p.b, ca, sizeof(ca)));
		assert_true(spake2_key(p.a, kea));
		assert_true(spake2_key(p.b, keb));
		assert_hex_equal(kea, 16, v->ke);
		assert_hex_equal(keb, 16, v->ke);
		pair_free(&p);
	}
}

/* Random scalars, an AAD and realistic identities: both ends agree. */
static void run_random(const char *w_a, const char *w_b, const char *aad_a, const char *aad_b,
		       bool expect_match)
{
	struct spake2 *a = party(SPAKE2_ROLE_A, w_a, "vtund client", "vtund server");
	struct spake2 *b = party(SPAKE2_ROLE_B, w_b, "vtund client", "vtund server");
	uint8_t pa[65], pb[65], ca[32], cb[32], ke_a[16], ke_b[16];

	assert_true(spake2_start(a, pa));
	assert_true(spake2_start(b, pb));
	assert_false(spake2_start(a, pa));                      /* one share per object */
	assert_true(spake2_finish(a, pb, sizeof(pb), aad_a, strlen(aad_a)));
	assert_true(spake2_finish(b, pa, sizeof(pa), aad_b, strlen(aad_b)));
	assert_false(spake2_finish(a, pb, sizeof(pb), aad_a, strlen(aad_a)));
	assert_true(spake2_confirmation(a, ca));
	assert_true(spake2_confirmation(b, cb));
	assert_int_equal(spake2_verify(b, ca, sizeof(ca)), expect_match);
	assert_int_equal(spake2_verify(a, cb, sizeof(cb)), expect_match);
	assert_int_equal(spake2_key(a, ke_a), expect_match);
	assert_int_equal(spake2_key(b, ke_b), expect_match);
	if (expect_match)
		assert_memory_equal(ke_a, ke_b, sizeof(ke_a));
	else    /* a failed object stays failed */
		assert_false(spake2_verify(a, cb, sizeof(cb)));
	spake2_free(a);
	spake2_free(b);
}

static void test_random_exchange_agrees(void **state)
{
	(void)state;
	run_random(rfc[0].w, rfc[0].w, "negotiation hash", "negotiation hash", true);
}

static void test_wrong_password_confirmations_differ(void **state)
{
	(void)state;
	run_random(rfc[0].w, rfc[1].w, "", "", false);
}

static void test_aad_mismatch_confirmations_differ(void **state)
{
	(void)state;
	run_random(rfc[0].w, rfc[0].w, "aead=1", "aead=2", false);
}

/* A started A-party of vector 1 must refuse this share, and then stay failed. */
static void expect_refused(const uint8_t *share, size_t len)
{
	struct pair p;
	uint8_t conf[32];

	pair_start(&p, &rfc[0]);
	assert_false(spake2_finish(p.a, share, len, NULL, 0));
	assert_false(spake2_confirmation(p.a, conf));
	assert_false(spake2_finish(p.a, p.pb, sizeof(p.pb), NULL, 0));
	pair_free(&p);
}

static void test_reject_wrong_length(void **state)
{
	struct pair p;
	uint8_t buf[66];

	(void)state;
	pair_start(&p, &rfc[0]);
	memcpy(buf, p.pb, 65);
	buf[65] = 0;
	pair_free(&p);
	expect_refused(buf, 64);
	expect_refused(buf, 66);
	expect_refused(buf, 0);
	/* A valid point, compressed (33 bytes): only the uncompressed form is accepted. */
	unhex("03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49", buf, 33);
	expect_refused(buf, 33);
	/* 65 bytes with a compressed prefix. */
	memcpy(buf, p.pb, 65);
	buf[0] = 0x02;
	expect_refused(buf, 65);
}

static void test_reject_identity_encoding(void **state)
{
	uint8_t zero[65] = { 0 };

	(void)state;
	expect_refused(zero, 1);        /* 0x00: OpenSSL would decode it as the identity */
	expect_refused(zero, 65);
	zero[0] = 0x04;                 /* (0, 0) is not on the curve */
	expect_refused(zero, 65);
}

static void test_reject_off_curve(void **state)
{
	uint8_t pb[65];

	(void)state;
	unhex(rfc[0].pb, pb, sizeof(pb));
	pb[64] ^= 1;                    /* y' = y ^ 1 is neither y nor p - y */
	expect_refused(pb, sizeof(pb));
	unhex(rfc[0].pb, pb, sizeof(pb));
	pb[10] ^= 0x40;                 /* x changed, y kept */
	expect_refused(pb, sizeof(pb));
}

/*
 * A share equal to the receiver's unmasking point (w*N for A, w*M for B) is a valid curve point
 * but leaves the identity once the mask is removed: refused, at both parties.
 */
static void mask_share(const char *compressed_hex, const char *w_hex, uint8_t out[65])
{
	EC_GROUP *g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
	EC_POINT *p = EC_POINT_new(g);
	BIGNUM *w = NULL;
	uint8_t c[33];

	unhex(compressed_hex, c, sizeof(c));
	assert_true(BN_hex2bn(&w, w_hex) > 0);
	assert_int_equal(EC_POINT_oct2point(g, p, c, sizeof(c), NULL), 1);
	assert_int_equal(EC_POINT_mul(g, p, NULL, p, w, NULL), 1);
	assert_int_equal(EC_POINT_point2oct(g, p, POINT_CONVERSION_UNCOMPRESSED, out, 65, NULL),
			 65);
	BN_free(w);
	EC_POINT_free(p);
	EC_GROUP_free(g);
}

static void test_reject_identity_after_unmasking(void **state)
{
	uint8_t wn[65], wm[65];
	struct pair p;

	(void)state;
	mask_share("03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49", rfc[0].w,
		   wn);
	mask_share("02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f", rfc[0].w,
		   wm);
	pair_start(&p, &rfc[0]);
	assert_false(spake2_finish(p.a, wn, sizeof(wn), NULL, 0));
	assert_false(spake2_finish(p.b, wm, sizeof(wm), NULL, 0));
	pair_free(&p);
	/* The same points are fine for the other role (they are ordinary shares there). */
	pair_start(&p, &rfc[0]);
	assert_true(spake2_finish(p.a, wm, sizeof(wm), NULL, 0));
	assert_true(spake2_finish(p.b, wn, sizeof(wn), NULL, 0));
	pair_free(&p);
}

static void test_reject_bad_scalars(void **state)
{
	static const char *bad[] = {
		"0000000000000000000000000000000000000000000000000000000000000000",
		"ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", /* n */
		"ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632552",
	};
	uint8_t v[32], share[65], id[SPAKE2_ID_MAX + 1] = { 0 };
	struct spake2 *s;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unhex(bad[i], v, sizeof(v));
		assert_null(spake2_new(SPAKE2_ROLE_A, v, "a", 1, "b", 1));
		s = party(SPAKE2_ROLE_B, rfc[0].w, "a", "b");
		assert_false(spake2_start_with_scalar(s, v, share));
		spake2_free(s);
	}
	unhex(rfc[0].w, v, sizeof(v));
	assert_null(spake2_new(SPAKE2_ROLE_A, v, id, sizeof(id), "b", 1));
	assert_non_null(s = spake2_new(SPAKE2_ROLE_A, v, id, SPAKE2_ID_MAX, "b", 1));
	spake2_free(s);
	spake2_free(NULL);
}

/*
 * Our own vector: salt = "vtund secure1 w" 00 "home-office", N = 2^15, r = 8, p = 1, 48 bytes:
 *   openssl kdf -keylen 48 -kdfopt pass:'correct horse battery staple' \
 *     -kdfopt hexsalt:7674756e642073656375726531207700686f6d652d6f6666696365 \
 *     -kdfopt n:32768 -kdfopt r:8 -kdfopt p:1 SCRYPT
 * gives t below (hashlib.scrypt agrees); w = t mod n was reduced with Python integers.
 */
static void test_w_from_password(void **state)
{
	static const char pw[] = "correct horse battery staple";
	const struct spake2_scrypt def = SPAKE2_SCRYPT_DEFAULT, cheap = { 10, 8, 1 };
	const struct spake2_scrypt bad[] = { { 9, 8, 1 }, { 21, 8, 1 }, { 10, 0, 1 },
					     { 10, 33, 1 }, { 10, 8, 0 }, { 10, 8, 17 } };
	uint8_t w[32], w2[32];

	(void)state;
	/* t = a74e4eafdd569ad08e70c20ef9b6cb593f640c6cd62ba0fce6f1c7eaede67ff9
	 *     7d56c59fd5847c5f0efb76d5d3aa7912 */
	assert_true(spake2_w_from_password(pw, strlen(pw), "home-office", 11, NULL, w));
	assert_hex_equal(w, 32, "e04fc6fd2ffff0581a1aed9d991f31a490bcdd979fcfe370fd972363e4182e2b");
	assert_true(spake2_w_from_password(pw, strlen(pw), "home-office", 11, &def, w2));
	assert_memory_equal(w, w2, 32);
	/* The identity is in the salt: another session name, another w. */
	assert_true(spake2_w_from_password(pw, strlen(pw), "home-offic", 10, &cheap, w));
	assert_true(spake2_w_from_password(pw, strlen(pw), "home-office", 11, &cheap, w2));
	assert_memory_not_equal(w, w2, 32);
	assert_false(spake2_w_from_password("", 0, "home-office", 11, &cheap, w));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(spake2_w_from_password(pw, strlen(pw), "x", 1, &bad[i], w));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc_transcript_and_keys),
		cmocka_unit_test(test_rfc_full_exchange),
		cmocka_unit_test(test_random_exchange_agrees),
		cmocka_unit_test(test_wrong_password_confirmations_differ),
		cmocka_unit_test(test_aad_mismatch_confirmations_differ),
		cmocka_unit_test(test_reject_wrong_length),
		cmocka_unit_test(test_reject_identity_encoding),
		cmocka_unit_test(test_reject_off_curve),
		cmocka_unit_test(test_reject_identity_after_unmasking),
		cmocka_unit_test(test_reject_bad_scalars),
		cmocka_unit_test(test_w_from_password),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
