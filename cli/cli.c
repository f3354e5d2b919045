/* SPDX-License-Identifier: ISC */
#include "cli/cli.h"
#include "base/util.h"

#include <getopt.h>
#include <string.h>

enum { OPT_CHECK = 256, OPT_PRINT, OPT_VERSION, OPT_PIDFILE };

static const struct option long_opts[] = {
	{ "check-config", no_argument, NULL, OPT_CHECK },
	{ "print-config", no_argument, NULL, OPT_PRINT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "pid-file", required_argument, NULL, OPT_PIDFILE },
	{ NULL, 0, NULL, 0 },
};

void cli_usage(FILE *out)
{
	fputs("Usage:\n"
	      "  Server:\n"
	      "\tvtund <-s|-i> [-f file] [-P port] [-L local address] [-n] [-m] [-t timeout] [-4|-6]\n"
	      "  Client:\n"
	      "\tvtund [-f file] [-P port] [-L local address] [-p] [-q] [-m] [-t timeout] [-n] [-4|-6]\n"
	      "\t      <host profile> <server address>\n"
	      "  Configuration:\n"
	      "\tvtund --check-config [-f file]   check the file, report every error, exit 0/1\n"
	      "\tvtund --print-config [-f file]   print the parsed configuration in normal form\n"
	      "  Other:\n"
	      "\t-h, --help    this text        --version    print the version\n"
	      "\t-v            debug messages   --pid-file F write the PID to F\n",
	      out);
}

static int bad_number(FILE *err, char opt, const char *arg, long min, long max)
{
	fprintf(err, "vtund: -%c: '%s' is not a number from %ld to %ld\n", opt, arg, min, max);
	return -1;
}

/* Is ch the value of one of our options (a letter in `shorts` or a long-only code)? */
static bool known_option(int ch, const char *shorts)
{
	return ch >= 256 || (ch > 0 && ch != ':' && strchr(shorts, ch) != NULL);
}

/*
 * getopt reports both an unknown option and a long option given "=value" it does not take as
 * '?'. With opterr off, optopt tells them apart: 0 for an unknown long option, the option's own
 * value for an unwanted argument, the letter for an unknown short one. For long options
 * getopt has already stepped past the word, so argv[optind - 1] is the text the user typed.
 */
static int bad_option(FILE *err, char **argv, const char *shorts)
{
	if (optopt == 0)
		fprintf(err, "vtund: unknown option '%s'\n", argv[optind - 1]);
	else if (known_option(optopt, shorts))
		fprintf(err, "vtund: option '%s' does not take an argument\n", argv[optind - 1]);
	else
		fprintf(err, "vtund: unknown option '-%c'\n", optopt);
	return -1;
}

static int missing_argument(FILE *err, char **argv)
{
	if (optopt > 0 && optopt < 256)
		fprintf(err, "vtund: option '-%c' needs an argument\n", optopt);
	else
		fprintf(err, "vtund: option '%s' needs an argument\n", argv[optind - 1]);
	return -1;
}

int cli_parse(struct cli *c, int argc, char **argv, FILE *err)
{
	memset(c, 0, sizeof(*c));
	c->config_file = VTUN_DEFAULT_CONFIG;
	static const char shorts[] = ":misf:P:L:t:npqhv46";
	long v;
	int ch;

	/*
	 * 0, not 1: glibc then fully reinitialises, dropping a half-read option cluster
	 * ("-hn" stops at h) and the permutation state left by an earlier parse.
	 */
	optind = 0;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts, long_opts, NULL)) != -1) {
		switch (ch) {
		case 'm': c->mlock = true; break;
		/* -i implies server; the config modes win over both whatever the order */
		case 'i':
			if (c->mode == CLI_CLIENT || c->mode == CLI_SERVER)
				c->mode = CLI_INETD;
			break;
		case 's': if (c->mode == CLI_CLIENT) c->mode = CLI_SERVER; break;
		case 'f': c->config_file = optarg; break;
		case 'P':
			if (!parse_int(optarg, 1, 65535, &v))
				return bad_number(err, 'P', optarg, 1, 65535);
			c->port = (int)v;
			break;
		case 'L': c->listen_addr = optarg; break;
		case 't':
			if (!parse_int(optarg, 1, 86400, &v))
				return bad_number(err, 't', optarg, 1, 86400);
			c->timeout = (int)v;
			break;
		case 'n': c->foreground = true; break;
		case 'p': c->persist = true; break;
		case 'q': c->quiet = true; break;
		case 'v': c->verbose++; break;
		case '4': c->family = 4; break;
		case '6': c->family = 6; break;
		case 'h': c->mode = CLI_HELP; return 0;
		case OPT_VERSION: c->mode = CLI_VERSION; return 0;
		case OPT_CHECK: c->mode = CLI_CHECK_CONFIG; break;
		case OPT_PRINT: c->mode = CLI_PRINT_CONFIG; break;
		case OPT_PIDFILE: c->pid_file = optarg; break;
		case ':':
			return missing_argument(err, argv);
		default:
			return bad_option(err, argv, shorts);
		}
	}

	int rest = argc - optind;
	switch (c->mode) {
	case CLI_CLIENT:
		if (rest != 2) {
			fprintf(err, "vtund: a client needs a host profile and a server address\n");
			return -1;
		}
		c->host = argv[optind];
		c->server = argv[optind + 1];
		return 0;
	default:
		if (rest != 0) {
			fprintf(err, "vtund: unexpected argument '%s'\n", argv[optind]);
			return -1;
		}
		return 0;
	}
}
