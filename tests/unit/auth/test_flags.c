/* SPDX-License-Identifier: ISC */
/* flags: host options <-> FLAGS string, against vectors/behaviour/flags_matrix.txt. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "config/vtconfig.h"
#include "auth/flags.h"

/*
 * One row of flags_matrix.txt: the host settings the parser produces for that config
 * (built directly here), and the exact string the Debian server sent.
 */
struct row {
	const char *name, *expect;
	enum vt_proto proto;
	enum vt_dev_type type;
	int speed_out, speed_in;
	enum vt_compress comp; int level;
	bool keepalive;
	int cipher;
};

#define TCP VT_PROTO_TCP
#define UDP VT_PROTO_UDP
static const struct row rows[] = {
	{ "fA", "<TtC2>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_ZLIB, 2, false, 0 },   /* compress lzo; */
	{ "fB", "<TtC1>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_ZLIB, 1, false, 0 },
	{ "fC", "<TtC1>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_ZLIB, 1, false, 0 },
	{ "fD", "<TtL1>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_LZO, 1, false, 0 },
	{ "fE", "<TtC9>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_ZLIB, 9, false, 0 },
	{ "fF", "<TtC5>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_ZLIB, 5, false, 0 },
	{ "fG", "<TtK>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_NONE, 0, true, 0 },
	{ "fH", "<TtK>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_NONE, 0, true, 0 },
	{ "fI", "<TtS64>", TCP, VT_DEV_TTY, 64, 64, VT_COMP_NONE, 0, false, 0 },
	{ "fJ", "<TtS128>", TCP, VT_DEV_TTY, 64, 128, VT_COMP_NONE, 0, false, 0 },
	{ "fK", "<Te>", TCP, VT_DEV_ETHER, 0, 0, VT_COMP_NONE, 0, false, 0 },
	{ "fL", "<Tp>", TCP, VT_DEV_PIPE, 0, 0, VT_COMP_NONE, 0, false, 0 },
	{ "fN", "<Uu>", UDP, VT_DEV_TUN, 0, 0, VT_COMP_NONE, 0, false, 0 },
	{ "fO", "<TtE1>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_NONE, 0, false, 1 },
	{ "fP", "<TtE>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_NONE, 0, false, VT_CIPHER_LEGACY },
	{ "fQ", "<TtE14>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_NONE, 0, false, 14 },
	{ "fR", "<Tu>", TCP, VT_DEV_TUN, 0, 0, VT_COMP_NONE, 0, false, 0 },
	{ "fS", "<UeS128L9KE16>", UDP, VT_DEV_ETHER, 64, 128, VT_COMP_LZO, 9, true, 16 },
	{ "fT", "<Tt>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_NONE, 0, false, 0 },
	{ "fU", "<Tt>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_NONE, 0, false, 0 },
	{ "fV", "<Tt>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_NONE, 0, false, 0 },
	{ "fZ", "<TtL0>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_LZO, 0, false, 0 },
	{ "fM", "<Tt>", TCP, VT_DEV_TTY, 0, 0, VT_COMP_NONE, 0, false, 0 },
	/* Spec a.6 examples */
	{ "x1", "<TuS256E13>", TCP, VT_DEV_TUN, 512, 256, VT_COMP_NONE, 0, false, 13 },
	{ "x2", "<UuC1E14>", UDP, VT_DEV_TUN, 0, 0, VT_COMP_ZLIB, 1, false, 14 },
	{ "x3", "<TuL1E10>", TCP, VT_DEV_TUN, 0, 0, VT_COMP_LZO, 1, false, 10 },
	{ "x4", "<TuS256C9KE13>", TCP, VT_DEV_TUN, 1, 256, VT_COMP_ZLIB, 9, true, 13 },
};

static void host_from_row(const struct row *r, struct vt_host *h)
{
	vt_host_defaults(h);
	h->name = (char *)r->name;
	h->proto = r->proto;
	h->type = r->type;
	h->speed_out = r->speed_out;
	h->speed_in = r->speed_in;
	h->compress = r->comp;
	h->comp_level = r->level;
	h->keepalive = r->keepalive;
	h->cipher = r->cipher;
}

static void test_format_matrix(void **state)
{
	struct vt_host h;
	char out[FLAGS_MAX_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		host_from_row(&rows[i], &h);
		int n = flags_format(&h, out, sizeof(out));
		assert_string_equal(out, rows[i].expect);
		assert_int_equal(n, (int)strlen(rows[i].expect));
	}
}

static void test_parse_matrix(void **state)
{
	struct vt_flags f;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		assert_int_equal(flags_parse(r->expect, &f), 0);
		assert_true(f.have_proto && f.have_type);
		assert_int_equal(f.proto, r->proto);
		assert_int_equal(f.type, r->type);
		assert_int_equal(f.speed, r->speed_in);
		assert_int_equal(f.compress, r->comp);
		if (r->comp != VT_COMP_NONE)
			assert_int_equal(f.comp_level, r->level);
		assert_int_equal(f.keepalive, r->keepalive);
		assert_int_equal(f.cipher, r->cipher);
	}
}

/* The whole message works too: parsing starts at the first '<'. */
static void test_parse_message(void **state)
{
	struct vt_flags f;

	(void)state;
	assert_int_equal(flags_parse("OK FLAGS: <TuS256C9KE13>\n", &f), 0);
	assert_int_equal(f.proto, VT_PROTO_TCP);
	assert_int_equal(f.type, VT_DEV_TUN);
	assert_int_equal(f.speed, 256);
	assert_int_equal(f.compress, VT_COMP_ZLIB);
	assert_int_equal(f.comp_level, 9);
	assert_true(f.keepalive);
	assert_int_equal(f.cipher, 13);
}

static void test_parse_rejects(void **state)
{
	static const char *bad[] = {
		"<TuX>", "<TuS>", "<Tu", "TuC9>", "", "<", "<TuC>", "<TuL>", "<TuSx>",
		"<TuS1234567890>", "<TuS0000000001>", "<TuE17>", "<TuE99>", "<TuE0001234567890>",
		"<TuC10>", "<TuL34>", "<TtC34>", "<Tu >", "<Tu-1>", "<Tu\n>", "OK FLAGS: Tu>",
	};
	struct vt_flags f;

	(void)state;
	assert_int_equal(flags_parse(NULL, &f), -1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f.speed = 7;
		if (flags_parse(bad[i], &f) != -1)
			fail_msg("accepted %s", bad[i]);
		assert_int_equal(f.speed, 0);   /* nothing half-parsed is left */
	}
}

static void test_parse_lenient(void **state)
{
	struct vt_flags f;

	(void)state;
	/* bare E and E0: legacy Blowfish */
	assert_int_equal(flags_parse("<TtE>", &f), 0);
	assert_int_equal(f.cipher, VT_CIPHER_LEGACY);
	assert_int_equal(flags_parse("<TtE0>", &f), 0);
	assert_int_equal(f.cipher, VT_CIPHER_LEGACY);
	/* 34 is accepted (VTun 3.0 only rejects it by accident) */
	assert_int_equal(flags_parse("<TtS34>", &f), 0);
	assert_int_equal(f.speed, 34);
	/* F is reserved and ignored */
	assert_int_equal(flags_parse("<TuFK>", &f), 0);
	assert_true(f.keepalive);
	/* the buggy Debian string for "compress foo:3": no proto/type, both compressors */
	assert_int_equal(flags_parse("<S0C3L3KE0>", &f), 0);
	assert_false(f.have_proto);
	assert_false(f.have_type);
	assert_int_equal(f.speed, 0);
	assert_int_equal(f.compress, VT_COMP_LZO);
	assert_int_equal(f.comp_level, 3);
	assert_int_equal(f.cipher, VT_CIPHER_LEGACY);
	/* trailing text after '>' is ignored */
	assert_int_equal(flags_parse("<Tu>\n\0junk", &f), 0);
	/* largest accepted speed */
	assert_int_equal(flags_parse("<TuS999999999>", &f), 0);
	assert_int_equal(f.speed, 999999999);
}

/* S34 rule: never announce 34 (VTun 3.0 clients reject it); 35 instead. */
static void test_format_s34(void **state)
{
	struct vt_host h;
	char out[FLAGS_MAX_LEN];

	(void)state;
	vt_host_defaults(&h);
	h.speed_in = h.speed_out = 34;
	assert_int_equal(flags_format(&h, out, sizeof(out)), 7);
	assert_string_equal(out, "<TtS35>");
	/* twice: the warning is logged once, the value is always adjusted */
	assert_int_equal(flags_format(&h, out, sizeof(out)), 7);
	assert_string_equal(out, "<TtS35>");
	h.speed_in = 0;  /* speed 34:0 announces S0 */
	assert_int_equal(flags_format(&h, out, sizeof(out)), 6);
	assert_string_equal(out, "<TtS0>");
}

static void test_format_limits(void **state)
{
	struct vt_host h;
	char out[FLAGS_MAX_LEN];

	(void)state;
	vt_host_defaults(&h);
	h.name = (char *)"lim";
	/* too small an output buffer */
	assert_int_equal(flags_format(&h, out, 4), -1);
	assert_string_equal(out, "");
	assert_int_equal(flags_format(&h, out, 5), 4);
	assert_int_equal(flags_format(&h, out, 0), -1);
	/* values the protocol cannot carry */
	h.comp_level = 34;
	h.compress = VT_COMP_ZLIB;
	assert_int_equal(flags_format(&h, out, sizeof(out)), -1);
	vt_host_defaults(&h);
	h.cipher = 17;
	assert_int_equal(flags_format(&h, out, sizeof(out)), -1);
	vt_host_defaults(&h);
	h.speed_in = 1000000000;
	assert_int_equal(flags_format(&h, out, sizeof(out)), -1);
	/* the longest string fits FLAGS_MAX_LEN */
	vt_host_defaults(&h);
	h.proto = VT_PROTO_UDP; h.type = VT_DEV_ETHER;
	h.speed_in = h.speed_out = 999999999;
	h.compress = VT_COMP_LZO; h.comp_level = 9; h.keepalive = true; h.cipher = 16;
	assert_int_equal(flags_format(&h, out, sizeof(out)), 20);
	assert_string_equal(out, "<UeS999999999L9KE16>");
}

static void test_apply(void **state)
{
	struct vt_host h;
	struct vt_flags f;
	struct vt_cmd up = { .kind = VT_CMD_IFCONFIG };

	(void)state;
	vt_host_defaults(&h);
	h.name = (char *)"cl";
	h.passwd = (char *)"secret";
	h.device = (char *)"tun7";
	h.ka_interval = 7;
	h.ka_maxfail = 2;
	h.timeout = 11;
	h.persist = VT_PERSIST_KEEP;
	h.stat = true;
	h.src_addr = (char *)"10.0.0.1";
	h.src_port = 4000;
	h.nat_hack = VT_NAT_CLIENT;
	h.sslauth = false;
	h.up = &up;
	/* the client's own protocol settings, all to be replaced */
	h.proto = VT_PROTO_UDP; h.type = VT_DEV_ETHER; h.compress = VT_COMP_LZO; h.comp_level = 5;
	h.cipher = 9; h.keepalive = false; h.speed_in = 77; h.speed_out = 88;

	assert_int_equal(flags_parse("<TuS256C9KE13>", &f), 0);
	flags_apply(&f, &h);
	assert_int_equal(h.proto, VT_PROTO_TCP);
	assert_int_equal(h.type, VT_DEV_TUN);
	assert_int_equal(h.speed_out, 256);
	assert_int_equal(h.speed_in, 0);
	assert_int_equal(h.compress, VT_COMP_ZLIB);
	assert_int_equal(h.comp_level, 9);
	assert_true(h.keepalive);
	assert_int_equal(h.cipher, 13);
	/* kept */
	assert_string_equal(h.name, "cl");
	assert_string_equal(h.passwd, "secret");
	assert_string_equal(h.device, "tun7");
	assert_int_equal(h.ka_interval, 7);
	assert_int_equal(h.ka_maxfail, 2);
	assert_int_equal(h.timeout, 11);
	assert_int_equal(h.persist, VT_PERSIST_KEEP);
	assert_true(h.stat);
	assert_string_equal(h.src_addr, "10.0.0.1");
	assert_int_equal(h.src_port, 4000);
	assert_int_equal(h.nat_hack, VT_NAT_CLIENT);
	assert_false(h.sslauth);
	assert_ptr_equal(h.up, &up);

	/* and everything off again */
	assert_int_equal(flags_parse("<Up>", &f), 0);
	flags_apply(&f, &h);
	assert_int_equal(h.proto, VT_PROTO_UDP);
	assert_int_equal(h.type, VT_DEV_PIPE);
	assert_int_equal(h.speed_out, 0);
	assert_int_equal(h.compress, VT_COMP_NONE);
	assert_int_equal(h.comp_level, 0);
	assert_false(h.keepalive);
	assert_int_equal(h.cipher, VT_CIPHER_NONE);
	assert_int_equal(h.ka_interval, 7);

	/* no proto/type letters: tcp/tty */
	assert_int_equal(flags_parse("<S0C3L3KE0>", &f), 0);
	flags_apply(&f, &h);
	assert_int_equal(h.proto, VT_PROTO_TCP);
	assert_int_equal(h.type, VT_DEV_TTY);
	assert_int_equal(h.cipher, VT_CIPHER_LEGACY);
}

static void test_describe(void **state)
{
	struct vt_flags f;
	char buf[128], tiny[8];

	(void)state;
	assert_int_equal(flags_parse("<UeS128L9KE16>", &f), 0);
	assert_string_equal(flags_describe(&f, buf, sizeof(buf)), "udp ether speed 128 lzo:9 keepalive aes256ofb");
	assert_int_equal(flags_parse("<TtE>", &f), 0);
	assert_string_equal(flags_describe(&f, buf, sizeof(buf)), "tcp tty oldblowfish128ecb");
	/* truncation is safe */
	flags_describe(&f, tiny, sizeof(tiny));
	assert_true(strlen(tiny) < sizeof(tiny));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_matrix),
		cmocka_unit_test(test_parse_matrix),
		cmocka_unit_test(test_parse_message),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_lenient),
		cmocka_unit_test(test_format_s34),
		cmocka_unit_test(test_format_limits),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_describe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
