/* SPDX-License-Identifier: ISC */
/*
 * parser: vtund.conf through vt_config_load_buffer/vt_config_load — defaults, every
 * keyword's effect on the model, `default` merging, VTun quirks, error counting and the
 * print → parse → print round trip.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "config/vtconfig.h"
#include "base/log.h"

static struct vt_config *parse(const char *text, int *nerr)
{
	return vt_config_load_buffer("test.conf", text, strlen(text), nerr);
}

/* Parse text that must be valid. */
static struct vt_config *ok(const char *text)
{
	int nerr = -1;
	struct vt_config *cfg = parse(text, &nerr);
	assert_non_null(cfg);
	assert_int_equal(nerr, 0);
	return cfg;
}

static int errors(const char *text)
{
	int nerr = -1;
	struct vt_config *cfg = parse(text, &nerr);
	assert_null(cfg);
	return nerr;
}

static char *print(const struct vt_config *cfg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	vt_config_print(cfg, f);
	fclose(f);
	return buf;
}

static void test_defaults(void **state)
{
	struct vt_config *cfg = ok("h1 { passwd abc; }\n");
	const struct vt_host *h = vt_config_find_host(cfg, "h1");
	assert_non_null(h);
	assert_string_equal(h->passwd, "abc");
	assert_int_equal(h->type, VT_DEV_TTY);
	assert_int_equal(h->proto, VT_PROTO_TCP);
	assert_int_equal(h->compress, VT_COMP_NONE);
	assert_int_equal(h->cipher, VT_CIPHER_NONE);
	assert_false(h->keepalive);
	assert_int_equal(h->ka_interval, 30);
	assert_int_equal(h->ka_maxfail, 4);
	assert_int_equal(h->timeout, 30);
	assert_int_equal(h->multi, VT_MULTI_ALLOW);
	assert_int_equal(h->persist, VT_PERSIST_NO);
	assert_true(h->sslauth);
	assert_null(h->device);
	assert_null(h->up);
	assert_int_equal(h->line, 1);
	assert_int_equal(cfg->opt.port, 5000);
	assert_int_equal(cfg->opt.timeout, 30);
	assert_int_equal(cfg->opt.syslog_facility, LOG_DAEMON);
	assert_string_equal(cfg->opt.ip, "/sbin/ip");
	assert_string_equal(cfg->file, "test.conf");
	vt_config_free(cfg);
}

static void test_options(void **state)
{
	struct vt_config *cfg = ok(
		"options {\n port 6000; type inetd; timeout 12; syslog local3;\n"
		" ppp /p; ifcfg /i; route /r; firewall /f; ip /x/ip;\n"
		" iface \"eth9\";\n ipv6;\n bindaddr { addr 127.0.0.1; };\n}\n"
		"h { passwd a; }\n");
	const struct vt_options *o = &cfg->opt;
	assert_int_equal(o->port, 6000);
	assert_true(o->inetd);
	assert_int_equal(o->timeout, 12);
	assert_int_equal(o->syslog_facility, LOG_LOCAL3);
	assert_string_equal(o->ppp, "/p");
	assert_string_equal(o->ifconfig, "/i");
	assert_string_equal(o->route, "/r");
	assert_string_equal(o->firewall, "/f");
	assert_string_equal(o->ip, "/x/ip");
	assert_string_equal(o->iface, "eth9");
	assert_int_equal(o->family, VT_FAMILY_V6);
	assert_string_equal(o->bind_addr, "127.0.0.1");
	assert_null(o->bind_iface);
	vt_config_free(cfg);

	cfg = ok("options { syslog 32; ipv4; bindaddr { iface lo; }; }\n");
	assert_string_equal(cfg->opt.bind_iface, "lo");
	assert_int_equal(cfg->opt.syslog_facility, 32);
	assert_int_equal(cfg->opt.family, VT_FAMILY_V4);
	vt_config_free(cfg);
}

static void test_host_keywords(void **state)
{
	struct vt_config *cfg = ok(
		"h1 {\n passwd s3cret; type ether; proto udp; device tap7;\n"
		" compress lzo:9; encrypt aes256ofb; keepalive 10:3; timeout 99; stat yes;\n"
		" speed 64:128; multi killold; persist keep; nat_hack server; sslauth no;\n"
		" srcaddr { addr 10.1.1.1; iface eth1; port 4000; };\n"
		"}\n"
		"h2 { password p2; compress 5; encrypt 14; keepalive yes; speed 34; multi no;"
		" persist yes; delay_udp client; type pipe; }\n"
		"h3 { passwd p3; compress zlib:0; encrypt oldblowfish128ecb; keepalive 0:7; type tun; }\n");
	const struct vt_host *h = vt_config_find_host(cfg, "h1");
	assert_non_null(h);
	assert_int_equal(h->type, VT_DEV_ETHER);
	assert_int_equal(h->proto, VT_PROTO_UDP);
	assert_string_equal(h->device, "tap7");
	assert_int_equal(h->compress, VT_COMP_LZO);
	assert_int_equal(h->comp_level, 9);
	assert_int_equal(h->cipher, 16);
	assert_true(h->keepalive);
	assert_int_equal(h->ka_interval, 10);
	assert_int_equal(h->ka_maxfail, 3);
	assert_int_equal(h->timeout, 99);
	assert_true(h->stat);
	assert_int_equal(h->speed_out, 64);
	assert_int_equal(h->speed_in, 128);
	assert_int_equal(h->multi, VT_MULTI_KILLOLD);
	assert_int_equal(h->persist, VT_PERSIST_KEEP);
	assert_int_equal(h->nat_hack, VT_NAT_SERVER);
	assert_false(h->sslauth);
	assert_string_equal(h->src_addr, "10.1.1.1");
	assert_string_equal(h->src_iface, "eth1");
	assert_int_equal(h->src_port, 4000);

	h = vt_config_find_host(cfg, "h2");
	assert_non_null(h);
	assert_string_equal(h->passwd, "p2");
	assert_int_equal(h->compress, VT_COMP_ZLIB);
	assert_int_equal(h->comp_level, 5);
	assert_int_equal(h->cipher, 14);
	assert_true(h->keepalive);
	assert_int_equal(h->ka_interval, 30);
	assert_int_equal(h->speed_out, 34);
	assert_int_equal(h->speed_in, 34);
	assert_int_equal(h->multi, VT_MULTI_DENY);
	assert_int_equal(h->persist, VT_PERSIST_YES);
	assert_int_equal(h->nat_hack, VT_NAT_CLIENT);
	assert_int_equal(h->type, VT_DEV_PIPE);

	h = vt_config_find_host(cfg, "h3");
	assert_non_null(h);
	assert_int_equal(h->compress, VT_COMP_ZLIB);
	assert_int_equal(h->comp_level, 0);
	assert_int_equal(h->cipher, VT_CIPHER_LEGACY);
	assert_false(h->keepalive);
	assert_int_equal(h->type, VT_DEV_TUN);
	vt_config_free(cfg);
}

static void test_commands(void **state)
{
	struct vt_config *cfg = ok(
		"options { ip /bin/ip1; }\n"
		"h { passwd a;\n up {\n  ip \"link set %% up\";\n  program /bin/x \"a b\" wait;\n"
		"  program \"echo hi\";\n  program 2 /bin/y;\n  ppp \"noauth\";\n  ifcfg \"%% up\";\n"
		"  route \"add\";\n  firewall \"-F\";\n };\n down { ifconfig \"%% down\"; };\n}\n"
		"options { ip /bin/ip2; }\n"
		"g { passwd b; up { ip \"x\"; }; }\n");
	const struct vt_host *h = vt_config_find_host(cfg, "h");
	const struct vt_cmd *c = h->up;
	assert_int_equal(c->kind, VT_CMD_IP);
	assert_string_equal(c->path, "/bin/ip1");   /* bound when parsed */
	assert_string_equal(c->args, "link set %% up");
	assert_int_equal(c->wait, VT_WAIT_YES);
	c = c->next;
	assert_int_equal(c->kind, VT_CMD_PROGRAM);
	assert_string_equal(c->path, "/bin/x");
	assert_string_equal(c->args, "a b");
	assert_int_equal(c->wait, VT_WAIT_YES);
	c = c->next;
	assert_null(c->path);
	assert_string_equal(c->args, "echo hi");
	assert_int_equal(c->wait, VT_WAIT_NO);
	c = c->next;
	assert_string_equal(c->path, "/bin/y");
	assert_null(c->args);
	assert_int_equal(c->wait, VT_WAIT_DELAY);
	c = c->next;
	assert_int_equal(c->kind, VT_CMD_PPP);
	assert_string_equal(c->path, "/usr/sbin/pppd");
	c = c->next;
	assert_int_equal(c->kind, VT_CMD_IFCONFIG);
	assert_string_equal(c->path, "/sbin/ifconfig");
	c = c->next;
	assert_int_equal(c->kind, VT_CMD_ROUTE);
	c = c->next;
	assert_int_equal(c->kind, VT_CMD_FIREWALL);
	assert_string_equal(c->path, "/sbin/ipchains");
	assert_null(c->next);
	assert_int_equal(h->down->kind, VT_CMD_IFCONFIG);
	assert_string_equal(h->down->args, "%% down");
	h = vt_config_find_host(cfg, "g");
	assert_string_equal(h->up->path, "/bin/ip2");
	vt_config_free(cfg);
}

static void test_default_merging(void **state)
{
	struct vt_config *cfg = ok(
		"h0 { passwd p0; }\n"
		"default { type tun; compress zlib:3; passwd dflt;\n up { ip \"u\"; };\n down { ip \"d\"; };\n}\n"
		"h1 { passwd p1; }\n"
		"h2 { passwd p2; type ether; up { program \"mine\"; }; }\n"
		"default { encrypt aes128ecb; }\n"
		"h3 { passwd p3; }\n"
		"h4 { type tun; }\n");
	const struct vt_host *h = vt_config_find_host(cfg, "h0");
	assert_int_equal(h->type, VT_DEV_TTY);          /* earlier sections are unaffected */
	h = vt_config_find_host(cfg, "h1");
	assert_int_equal(h->type, VT_DEV_TUN);
	assert_int_equal(h->comp_level, 3);
	assert_string_equal(h->passwd, "p1");
	assert_string_equal(h->up->args, "u");
	assert_string_equal(h->down->args, "d");
	assert_int_equal(h->cipher, 0);
	h = vt_config_find_host(cfg, "h2");
	assert_int_equal(h->type, VT_DEV_ETHER);
	assert_string_equal(h->up->args, "mine");      /* replaces the inherited list */
	assert_null(h->up->next);
	assert_string_equal(h->down->args, "d");       /* down still inherited */
	h = vt_config_find_host(cfg, "h3");
	assert_int_equal(h->cipher, 9);                /* defaults accumulate */
	assert_int_equal(h->type, VT_DEV_TUN);
	assert_null(vt_config_find_host(cfg, "h4")); /* passwd never inherited: dropped */
	vt_config_free(cfg);
}

static void test_quirks(void **state)
{
	/* greedy string: two strings on one line become one */
	struct vt_config *cfg = ok("h { passwd ab#cd; up { ip \"a\"; ip \"b\"; }; }   # comment\n"
	                           "# last line without newline");
	const struct vt_host *h = vt_config_find_host(cfg, "h");
	assert_string_equal(h->passwd, "ab#cd");
	assert_string_equal(h->up->args, "a\"; ip \"b");
	assert_null(h->up->next);
	vt_config_free(cfg);

	/* compress lzo; without a level is zlib level 2 */
	cfg = ok("h { passwd a; compress lzo; }\n");
	h = vt_config_find_host(cfg, "h");
	assert_int_equal(h->compress, VT_COMP_ZLIB);
	assert_int_equal(h->comp_level, 2);
	vt_config_free(cfg);

	/* duplicate host: the last wins, as in VTun, and takes the first one's place */
	cfg = ok("h { passwd first; }\ng { passwd other; }\nh { passwd second; }\n");
	assert_string_equal(vt_config_find_host(cfg, "h")->passwd, "second");
	assert_string_equal(cfg->hosts->name, "h");
	assert_string_equal(cfg->hosts->next->name, "g");
	assert_null(cfg->hosts->next->next);
	vt_config_free(cfg);

	/* no hosts at all is not an error for the parser */
	cfg = ok("");
	assert_null(cfg->hosts);
	vt_config_free(cfg);
}

static void test_errors(void **state)
{
	assert_int_equal(errors("h { passwd 12345; }\n"), 1);
	assert_int_equal(errors("h { passwd yes; }\n"), 1);
	assert_int_equal(errors("h { passwd \"a b\"; }\n"), 1);
	assert_int_equal(errors("h { pass abc; }\n"), 1);
	assert_int_equal(errors("h { Passwd abc; }\n"), 1);
	assert_int_equal(errors("options { persist yes; }\n"), 1);
	assert_int_equal(errors("options { sslauth no; }\n"), 1);
	assert_int_equal(errors("my.host { passwd a; }\n"), 1);
	assert_int_equal(errors("include /etc/x.conf;\nh { passwd a; }\n"), 1);
	assert_int_equal(errors("h { passwd a; up { ip \"x\"; } persist no; }\n"), 1);
	assert_int_equal(errors("h { passwd a\n persist no; }\n"), 1);
	assert_int_equal(errors("h { passwd a; compress foo:3; }\n"), 1);
	assert_int_equal(errors("h { passwd a; compress zlib:34; }\n"), 1);
	assert_int_equal(errors("h { passwd a; type yes; }\n"), 1);
	assert_int_equal(errors("options { port 0; }\n"), 1);
	assert_int_equal(errors("h { passwd a; }\n}\n"), 1);
	assert_int_equal(errors("h { passwd a;\n"), 1);
	/* every error is counted, parsing continues */
	assert_int_equal(errors("options { port 0; timeout 0; }\n"
	                        "h { passwd a; type x; proto y; compress z; }\n"
	                        "g { passwd 1; }\n"), 6);
	/* NUL bytes and junk do not crash */
	assert_true(errors("h { passwd a\0b; }\n") >= 1);
	int nerr = 0;
	assert_null(vt_config_load_buffer("nul", "h {\0 passwd a; }", 16, &nerr));
	assert_true(nerr >= 1);
}

/* Where the differential test against VTun 3.0.4 found disagreements (issue 12). */
static void test_vtun_alignment(void **state)
{
	/* options' port and type: the first one counts */
	struct vt_config *cfg = ok("options { port 6000; type inetd; port 7000; type stand; }\n"
	                           "h { passwd a; }\n");
	assert_int_equal(cfg->opt.port, 6000);
	assert_true(cfg->opt.inetd);
	vt_config_free(cfg);

	/* one listen address: the last bindaddr statement wins */
	cfg = ok("options { bindaddr { iface lo; }; bindaddr { addr 127.0.0.1; }; }\nh { passwd a; }\n");
	assert_string_equal(cfg->opt.bind_addr, "127.0.0.1");
	assert_null(cfg->opt.bind_iface);
	vt_config_free(cfg);

	/* numbers VTun takes as values */
	cfg = ok("h { passwd a; stat 2; sslauth 0; keepalive 30; persist 3; multi 2; nat_hack 0; }\n"
	         "g { passwd a; persist 2; multi 0; }\n");
	const struct vt_host *h = vt_config_find_host(cfg, "h");
	assert_true(h->stat);
	assert_false(h->sslauth);
	assert_true(h->keepalive);
	assert_int_equal(h->ka_interval, 30);
	assert_int_equal(h->persist, VT_PERSIST_YES);
	assert_int_equal(h->multi, VT_MULTI_KILLOLD);
	assert_int_equal(h->nat_hack, VT_NAT_NO);
	h = vt_config_find_host(cfg, "g");
	assert_int_equal(h->persist, VT_PERSIST_KEEP);
	assert_int_equal(h->multi, VT_MULTI_DENY);
	vt_config_free(cfg);
	assert_int_equal(errors("h { passwd a; multi 3; }\n"), 1);
	assert_int_equal(errors("h { passwd a; delay_udp 2; }\n"), 1);

	/* what VTun refuses with a syntax error */
	assert_int_equal(errors("options { }\nh { passwd a; }\n"), 1);
	assert_int_equal(errors("h { }\ng { passwd a; }\n"), 1);
	assert_int_equal(errors("options { iface lo; }\nh { passwd a; }\n"), 1);
	assert_int_equal(errors("options { bindaddr { }; }\nh { passwd a; }\n"), 1);
	assert_int_equal(errors("options { bindaddr { addr \"1.2.3.4\"; }; }\nh { passwd a; }\n"), 1);

	/* a section's last statement without ';': taken, but no host section may follow */
	cfg = ok("h { passwd a; device tun9 }\noptions { ip /usr/bin/env }\n");
	assert_string_equal(vt_config_find_host(cfg, "h")->device, "tun9");
	assert_string_equal(cfg->opt.ip, "/usr/bin/env");
	vt_config_free(cfg);
	assert_int_equal(errors("h { passwd a }\ng { passwd b; }\n"), 1);
	assert_int_equal(errors("h { passwd a; up { ip \"x\"; } }\ng { passwd b; }\n"), 1);

	/* CRLF line ends are white space */
	cfg = ok("h {\r\n passwd a;\r\n}\r\n");
	assert_string_equal(vt_config_find_host(cfg, "h")->passwd, "a");
	vt_config_free(cfg);
}

static void test_load_file(void **state)
{
	int nerr = 0;
	assert_null(vt_config_load("/nonexistent/vtund.conf", &nerr));
	assert_int_equal(nerr, 1);

	char path[] = "/tmp/test_parser_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	/* bigger than the first read buffer, to cover the growth path */
	FILE *f = fdopen(fd, "w");
	for (int i = 0; i < 300; i++)
		fprintf(f, "h%d { passwd pw%d; type tun; }\n", i, i);
	fclose(f);
	struct vt_config *cfg = vt_config_load(path, &nerr);
	assert_non_null(cfg);
	assert_int_equal(nerr, 0);
	assert_non_null(vt_config_find_host(cfg, "h299"));
	assert_string_equal(vt_config_find_host(cfg, "h299")->passwd, "pw299");
	vt_config_free(cfg);
	unlink(path);
}

static void round_trip(const char *text)
{
	struct vt_config *a = ok(text);
	char *p1 = print(a);
	struct vt_config *b = ok(p1);
	char *p2 = print(b);
	assert_string_equal(p1, p2);
	vt_config_free(a);
	vt_config_free(b);
	free(p1);
	free(p2);
}

static void test_round_trip(void **state)
{
	round_trip("h { passwd a; }\n");
	round_trip("options { port 1; syslog 80; bindaddr { iface \"eth 0\"; }; ipv4; }\n"
	           "default { type tun; keepalive 10:3; keepalive no; up { ip \"u\"; }; }\n"
	           "h { passwd a#b; compress lzo:0; encrypt 0; speed 1:2; keepalive 0:9;\n"
	           " srcaddr { addr host.example; port 1; };\n"
	           " up {\n  program /bin/x \"q\" 2;\n  ppp \"p\";\n };\n}\n"
	           "options { ppp /other/pppd; }\n"
	           "g { passwd b; persist keep; multi killold; nat_hack server; sslauth no; }\n");
}

int main(void)
{
	log_init("vtund", false, 0);  /* the cases produce many messages on purpose */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_host_keywords),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_default_merging),
		cmocka_unit_test(test_quirks),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_vtun_alignment),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
