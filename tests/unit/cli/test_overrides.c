/* SPDX-License-Identifier: ISC */
/* The command line overriding the configuration file: each option alone, none, and reload. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/overrides.h"

static const char CONF[] =
	"options {\n port 6000; timeout 12;\n ipv6;\n bindaddr { iface lo; };\n}\n"
	"h { passwd x; }\n";

static struct vt_config *load(void)
{
	int nerr = 0;
	struct vt_config *cfg = vt_config_load_buffer("test.conf", CONF, strlen(CONF), &nerr);
	assert_non_null(cfg);
	return cfg;
}

static void test_nothing_given_keeps_the_file(void **state)
{
	(void)state;
	struct cli c = { .mode = CLI_SERVER };
	struct vt_config *cfg = load();
	cli_override_options(&c, &cfg->opt);
	assert_int_equal(cfg->opt.port, 6000);
	assert_int_equal(cfg->opt.timeout, 12);
	assert_int_equal(cfg->opt.family, VT_FAMILY_V6);
	assert_null(cfg->opt.bind_addr);
	assert_string_equal(cfg->opt.bind_iface, "lo");
	assert_false(cfg->opt.inetd);
	vt_config_free(cfg);
}

static void test_each_option_wins(void **state)
{
	(void)state;
	struct cli c = { .mode = CLI_INETD, .port = 7000, .timeout = 3, .family = 4,
	                 .listen_addr = "127.0.0.2" };
	struct vt_config *cfg = load();
	cli_override_options(&c, &cfg->opt);
	assert_int_equal(cfg->opt.port, 7000);
	assert_int_equal(cfg->opt.timeout, 3);
	assert_int_equal(cfg->opt.family, VT_FAMILY_V4);
	/* -L names an address: it replaces the file's bindaddr, interface included */
	assert_string_equal(cfg->opt.bind_addr, "127.0.0.2");
	assert_null(cfg->opt.bind_iface);
	assert_true(cfg->opt.inetd);
	vt_config_free(cfg);
}

static void test_one_option_leaves_the_others(void **state)
{
	(void)state;
	struct cli c = { .mode = CLI_CLIENT, .timeout = 5 };
	struct vt_config *cfg = load();
	cli_override_options(&c, &cfg->opt);
	assert_int_equal(cfg->opt.timeout, 5);
	assert_int_equal(cfg->opt.port, 6000);
	assert_int_equal(cfg->opt.family, VT_FAMILY_V6);
	assert_string_equal(cfg->opt.bind_iface, "lo");
	vt_config_free(cfg);
}

/* cli_load_config: the file named by -f, with the overrides already merged. */
static void test_load_config_merges(void **state)
{
	(void)state;
	char path[] = "/tmp/test_overrides.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, CONF, strlen(CONF)), (ssize_t)strlen(CONF));
	close(fd);
	struct cli c = { .mode = CLI_SERVER, .config_file = path, .port = 7001 };
	struct vt_config *cfg = cli_load_config(&c);
	assert_non_null(cfg);
	assert_int_equal(cfg->opt.port, 7001);
	assert_int_equal(cfg->opt.timeout, 12);
	vt_config_free(cfg);

	c.config_file = "/nonexistent/vtund.conf";
	assert_null(cli_load_config(&c));
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_given_keeps_the_file),
		cmocka_unit_test(test_each_option_wins),
		cmocka_unit_test(test_one_option_leaves_the_others),
		cmocka_unit_test(test_load_config_merges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
