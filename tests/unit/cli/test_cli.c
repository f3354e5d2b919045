/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for cli/cli.c: every VTun 3.0 option, the positional arguments of client and
 * server, our long options, and that each usage error fails with a message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/cli.h"

/*
 * One parse: argv is built from copies (getopt permutes the array, and struct cli points
 * into it), and error messages are collected in memory. Freed by the next parse or done().
 */
static struct {
	char *argv[32];
	int argc;
	char *errbuf;
	size_t errlen;
} P;

static void done(void)
{
	for (int i = 0; i < P.argc; i++)
		free(P.argv[i]);
	P.argc = 0;
	free(P.errbuf);
	P.errbuf = NULL;
}

/* Parse "vtund" followed by the NULL-terminated words; returns cli_parse's result. */
static int parse(struct cli *c, ...)
{
	done();
	va_list ap;
	va_start(ap, c);
	P.argv[P.argc++] = strdup("vtund");
	for (const char *a; (a = va_arg(ap, const char *)) != NULL;) {
		assert_true(P.argc < 31);
		P.argv[P.argc++] = strdup(a);
	}
	va_end(ap);
	P.argv[P.argc] = NULL;

	FILE *err = open_memstream(&P.errbuf, &P.errlen);
	assert_non_null(err);
	int rc = cli_parse(c, P.argc, P.argv, err);
	fclose(err);
	return rc;
}

/* A failed parse must say why, on one line starting with "vtund: ". */
static void assert_fails(int rc, const char *needle)
{
	assert_int_equal(rc, -1);
	assert_non_null(P.errbuf);
	assert_true(strncmp(P.errbuf, "vtund: ", 7) == 0);
	if (!strstr(P.errbuf, needle))
		fail_msg("message \"%s\" lacks \"%s\"", P.errbuf, needle);
	assert_int_equal(P.errbuf[strlen(P.errbuf) - 1], '\n');
}

static void assert_no_message(void)
{
	assert_true(P.errbuf == NULL || P.errbuf[0] == '\0');
}

static int teardown(void **state)
{
	(void)state;
	done();
	return 0;
}

static void test_client_defaults(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "myhost", "vpn.example.org", NULL), 0);
	assert_no_message();
	assert_int_equal(c.mode, CLI_CLIENT);
	assert_string_equal(c.host, "myhost");
	assert_string_equal(c.server, "vpn.example.org");
	assert_string_equal(c.config_file, VTUN_DEFAULT_CONFIG);
	assert_string_equal(c.config_file, "/etc/vtund.conf");
	assert_int_equal(c.port, 0);
	assert_null(c.listen_addr);
	assert_false(c.foreground);
	assert_false(c.persist);
	assert_false(c.quiet);
	assert_false(c.mlock);
	assert_int_equal(c.timeout, 0);
	assert_int_equal(c.family, 0);
	assert_int_equal(c.verbose, 0);
	assert_null(c.pid_file);
}

static void test_client_all_options(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "-f", "/tmp/v.conf", "-P", "5001", "-L", "10.0.0.1", "-p",
	                       "-q", "-m", "-t", "30", "-n", "-6", "-v", "-v",
	                       "--pid-file", "/run/v.pid", "prof", "srv", NULL), 0);
	assert_no_message();
	assert_int_equal(c.mode, CLI_CLIENT);
	assert_string_equal(c.config_file, "/tmp/v.conf");
	assert_int_equal(c.port, 5001);
	assert_string_equal(c.listen_addr, "10.0.0.1");
	assert_true(c.persist);
	assert_true(c.quiet);
	assert_true(c.mlock);
	assert_int_equal(c.timeout, 30);
	assert_true(c.foreground);
	assert_int_equal(c.family, 6);
	assert_int_equal(c.verbose, 2);
	assert_string_equal(c.pid_file, "/run/v.pid");
	assert_string_equal(c.host, "prof");
	assert_string_equal(c.server, "srv");
}

/* Clustered flags, attached arguments, --opt=value, options after the operands. */
static void test_option_syntax(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "-npqm4", "-P5000", "-t10", "-f/x.conf",
	                       "--pid-file=/p", "h", "s", NULL), 0);
	assert_true(c.foreground && c.persist && c.quiet && c.mlock);
	assert_int_equal(c.family, 4);
	assert_int_equal(c.port, 5000);
	assert_int_equal(c.timeout, 10);
	assert_string_equal(c.config_file, "/x.conf");
	assert_string_equal(c.pid_file, "/p");

	assert_int_equal(parse(&c, "h", "s", "-n", "-P", "6000", NULL), 0);
	assert_string_equal(c.host, "h");
	assert_string_equal(c.server, "s");
	assert_true(c.foreground);
	assert_int_equal(c.port, 6000);

	/* "--" ends the options: what follows is operands even if it looks like one */
	assert_int_equal(parse(&c, "--", "-odd", "srv", NULL), 0);
	assert_string_equal(c.host, "-odd");
}

static void test_family_last_wins(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "-4", "-6", "h", "s", NULL), 0);
	assert_int_equal(c.family, 6);
	assert_int_equal(parse(&c, "-6", "-4", "h", "s", NULL), 0);
	assert_int_equal(c.family, 4);
}

static void test_client_operand_count(void **state)
{
	(void)state;
	struct cli c;
	assert_fails(parse(&c, NULL), "host profile and a server");
	assert_fails(parse(&c, "onlyhost", NULL), "host profile and a server");
	assert_fails(parse(&c, "a", "b", "c", NULL), "host profile and a server");
	assert_fails(parse(&c, "-n", "-p", NULL), "host profile and a server");
}

static void test_server(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "-s", NULL), 0);
	assert_no_message();
	assert_int_equal(c.mode, CLI_SERVER);
	assert_null(c.host);
	assert_null(c.server);

	assert_int_equal(parse(&c, "-s", "-f", "s.conf", "-P", "65535", "-L", "0.0.0.0", "-n",
	                       "-m", "-t", "86400", "-4", NULL), 0);
	assert_int_equal(c.mode, CLI_SERVER);
	assert_string_equal(c.config_file, "s.conf");
	assert_int_equal(c.port, 65535);
	assert_string_equal(c.listen_addr, "0.0.0.0");
	assert_true(c.foreground);
	assert_true(c.mlock);
	assert_int_equal(c.timeout, 86400);
	assert_int_equal(c.family, 4);

	assert_fails(parse(&c, "-s", "extra", NULL), "unexpected argument 'extra'");
	assert_fails(parse(&c, "-s", "h", "srv", NULL), "unexpected argument 'h'");
}

/* -i is a server too, and stays inetd whichever order it meets -s. */
static void test_inetd(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "-i", NULL), 0);
	assert_int_equal(c.mode, CLI_INETD);
	assert_int_equal(parse(&c, "-i", "-s", NULL), 0);
	assert_int_equal(c.mode, CLI_INETD);
	assert_int_equal(parse(&c, "-s", "-i", NULL), 0);
	assert_int_equal(c.mode, CLI_INETD);
	assert_fails(parse(&c, "-i", "x", NULL), "unexpected argument");
}

static void test_config_modes(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "--check-config", "-f", "a.conf", NULL), 0);
	assert_no_message();
	assert_int_equal(c.mode, CLI_CHECK_CONFIG);
	assert_string_equal(c.config_file, "a.conf");
	assert_int_equal(parse(&c, "--print-config", NULL), 0);
	assert_int_equal(c.mode, CLI_PRINT_CONFIG);
	assert_string_equal(c.config_file, VTUN_DEFAULT_CONFIG);
	/* no operands in these modes */
	assert_fails(parse(&c, "--check-config", "h", "s", NULL), "unexpected argument");
	/* the config modes win over -s / -i in either order */
	assert_int_equal(parse(&c, "-s", "--check-config", NULL), 0);
	assert_int_equal(c.mode, CLI_CHECK_CONFIG);
	assert_int_equal(parse(&c, "--check-config", "-s", NULL), 0);
	assert_int_equal(c.mode, CLI_CHECK_CONFIG);
	assert_int_equal(parse(&c, "--print-config", "-i", NULL), 0);
	assert_int_equal(c.mode, CLI_PRINT_CONFIG);
	/* unambiguous abbreviations of long options work as with getopt_long */
	assert_int_equal(parse(&c, "--check", NULL), 0);
	assert_int_equal(c.mode, CLI_CHECK_CONFIG);
}

static void test_help_version(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "--help", NULL), 0);
	assert_int_equal(c.mode, CLI_HELP);
	assert_int_equal(parse(&c, "-h", NULL), 0);
	assert_int_equal(c.mode, CLI_HELP);
	/* help needs no operands and stops at once */
	assert_int_equal(parse(&c, "-s", "-h", "extra", NULL), 0);
	assert_int_equal(c.mode, CLI_HELP);
	assert_int_equal(parse(&c, "--version", NULL), 0);
	assert_int_equal(c.mode, CLI_VERSION);
	assert_no_message();
}

static void test_pid_file(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "-s", "--pid-file", "/run/vtund.pid", NULL), 0);
	assert_string_equal(c.pid_file, "/run/vtund.pid");
	assert_fails(parse(&c, "-s", "--pid-file", NULL), "'--pid-file' needs an argument");
}

static void test_bad_numbers(void **state)
{
	(void)state;
	struct cli c;
	assert_fails(parse(&c, "-s", "-P", "0", NULL), "-P: '0' is not a number from 1 to 65535");
	assert_fails(parse(&c, "-s", "-P", "70000", NULL), "-P: '70000'");
	assert_fails(parse(&c, "-s", "-P", "65536", NULL), "-P: '65536'");
	assert_fails(parse(&c, "-s", "-P", "-1", NULL), "-P: '-1'");
	assert_fails(parse(&c, "-s", "-P", "80x", NULL), "-P: '80x'");
	assert_fails(parse(&c, "-s", "-P", "", NULL), "-P: ''");
	assert_fails(parse(&c, "-s", "-P", "99999999999999999999", NULL), "-P:");
	assert_fails(parse(&c, "-t", "x", "h", "s", NULL), "-t: 'x' is not a number from 1 to 86400");
	assert_fails(parse(&c, "-t", "0", "h", "s", NULL), "-t: '0'");
	assert_fails(parse(&c, "-t", "86401", "h", "s", NULL), "-t: '86401'");
}

static void test_missing_argument(void **state)
{
	(void)state;
	struct cli c;
	assert_fails(parse(&c, "-s", "-P", NULL), "'-P' needs an argument");
	assert_fails(parse(&c, "-s", "-f", NULL), "'-f' needs an argument");
	assert_fails(parse(&c, "-s", "-L", NULL), "'-L' needs an argument");
	assert_fails(parse(&c, "-s", "-t", NULL), "'-t' needs an argument");
	assert_fails(parse(&c, "-snP", NULL), "'-P' needs an argument");
}

static void test_unknown_option(void **state)
{
	(void)state;
	struct cli c;
	assert_fails(parse(&c, "-x", "h", "s", NULL), "unknown option '-x'");
	assert_fails(parse(&c, "-nx", "h", "s", NULL), "unknown option '-x'");
	assert_fails(parse(&c, "-s", "-Z", NULL), "unknown option '-Z'");
	assert_fails(parse(&c, "--bogus", "h", "s", NULL), "unknown option '--bogus'");
	assert_fails(parse(&c, "--bogus=1", "h", "s", NULL), "unknown option '--bogus=1'");
	/* ambiguous abbreviation: --p could be --print-config or --pid-file */
	assert_fails(parse(&c, "--p", NULL), "unknown option '--p'");
	/* a long option that takes no value */
	assert_fails(parse(&c, "--help=yes", NULL), "'--help=yes' does not take an argument");
	assert_fails(parse(&c, "--version=2", NULL), "'--version=2' does not take an argument");
	assert_fails(parse(&c, "--check-config=x", NULL), "does not take an argument");
}

/*
 * A parse that stops inside a cluster ("-hn" returns at h; "-xn" fails at x) must not leak
 * into the next one: the rest of the cluster belongs to an argv that no longer exists.
 */
static void test_reparse_is_clean(void **state)
{
	(void)state;
	struct cli c;
	assert_int_equal(parse(&c, "-hn", NULL), 0);
	assert_int_equal(c.mode, CLI_HELP);
	assert_int_equal(parse(&c, "-s", NULL), 0);
	assert_int_equal(c.mode, CLI_SERVER);
	assert_false(c.foreground);

	assert_fails(parse(&c, "-xp", "h", "s", NULL), "unknown option '-x'");
	assert_int_equal(parse(&c, "h", "s", NULL), 0);
	assert_false(c.persist);
	assert_string_equal(c.host, "h");

	/* operands before options permute; the next parse starts fresh */
	assert_fails(parse(&c, "a", "b", "-Q", NULL), "unknown option '-Q'");
	assert_int_equal(parse(&c, "-s", NULL), 0);
	assert_int_equal(c.mode, CLI_SERVER);
}

static void test_usage(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	cli_usage(out);
	fclose(out);
	assert_non_null(strstr(text, "Usage"));
	static const char *const flags[] = {
		"-s", "-i", "-f", "-P", "-L", "-t", "-n", "-p", "-q", "-m", "-4", "-6",
		"--check-config", "--print-config", "--help", "--version", "--pid-file",
	};
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (!strstr(text, flags[i]))
			fail_msg("usage text does not mention %s", flags[i]);
	}
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_client_defaults, teardown),
		cmocka_unit_test_teardown(test_client_all_options, teardown),
		cmocka_unit_test_teardown(test_option_syntax, teardown),
		cmocka_unit_test_teardown(test_family_last_wins, teardown),
		cmocka_unit_test_teardown(test_client_operand_count, teardown),
		cmocka_unit_test_teardown(test_server, teardown),
		cmocka_unit_test_teardown(test_inetd, teardown),
		cmocka_unit_test_teardown(test_config_modes, teardown),
		cmocka_unit_test_teardown(test_help_version, teardown),
		cmocka_unit_test_teardown(test_pid_file, teardown),
		cmocka_unit_test_teardown(test_bad_numbers, teardown),
		cmocka_unit_test_teardown(test_missing_argument, teardown),
		cmocka_unit_test_teardown(test_unknown_option, teardown),
		cmocka_unit_test_teardown(test_reparse_is_clean, teardown),
		cmocka_unit_test_teardown(test_usage, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
