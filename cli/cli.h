/* SPDX-License-Identifier: ISC */
/* The vtund command line (VTun 3.0 options plus a few long ones). */
#ifndef VTUN_CLI_H
#define VTUN_CLI_H

#include <stdbool.h>
#include <stdio.h>

enum cli_mode {
	CLI_CLIENT = 0,
	CLI_SERVER,        /* -s */
	CLI_INETD,         /* -i */
	CLI_CHECK_CONFIG,  /* --check-config */
	CLI_PRINT_CONFIG,  /* --print-config */
	CLI_HELP,
	CLI_VERSION,
};

struct cli {
	enum cli_mode mode;
	const char *config_file;   /* -f, default /etc/vtund.conf */
	int port;                  /* -P, 0 = from config */
	const char *listen_addr;   /* -L */
	bool foreground;           /* -n */
	bool persist;              /* -p */
	bool quiet;                /* -q */
	bool mlock;                /* -m */
	int timeout;               /* -t, 0 = from config */
	int family;                /* -4 / -6, 0 = from config */
	int verbose;               /* -v (ours): debug messages */
	const char *pid_file;      /* --pid-file (ours) */
	const char *host;          /* client: profile name */
	const char *server;        /* client: server address */
};

#define VTUN_DEFAULT_CONFIG "/etc/vtund.conf"

/*
 * Parse argv. Returns 0 on success; on a usage error writes a message to `err` and
 * returns -1 (the caller prints usage and exits 1).
 */
int cli_parse(struct cli *c, int argc, char **argv, FILE *err);
void cli_usage(FILE *out);

#endif
