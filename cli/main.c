/* SPDX-License-Identifier: ISC */
/* vtund: one binary that is the VTun server (-s, -i) and its client (HOST SERVER). */
#include "cli/cli.h"
#include "config/vtconfig.h"
#include "base/log.h"
#include "server/server.h"
#include "client/client.h"
#include "dev/dev.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "vtun-build.h"

static int check_or_print(const struct cli *c)
{
	int nerr = 0;
	struct vt_config *cfg = vt_config_load(c->config_file, &nerr);
	if (!cfg) {
		fprintf(stderr, "vtund: %s: %d error%s, configuration rejected\n", c->config_file,
		        nerr, nerr == 1 ? "" : "s");
		return 1;
	}
	if (!cfg->hosts) {
		/* VTun refuses to run on such a file, and so does our server */
		fprintf(stderr, "vtund: %s: No hosts defined (no section with a passwd), "
		        "configuration rejected\n", c->config_file);
		vt_config_free(cfg);
		return 1;
	}
	if (c->mode == CLI_PRINT_CONFIG)
		vt_config_print(cfg, stdout);
	else
		fprintf(stderr, "vtund: %s: configuration OK\n", c->config_file);
	vt_config_free(cfg);
	return 0;
}

int main(int argc, char **argv)
{
	struct cli c;
	log_init("vtund", true, 0);
	if (cli_parse(&c, argc, argv, stderr) < 0) {
		cli_usage(stdout);
		return 1;
	}
	log_set_verbose(c.verbose);
	const char *off = getenv("VTUN_OFFLOAD");
	if (off && strcmp(off, "0") == 0)
		vt_dev_set_offload(false);
	switch (c.mode) {
	case CLI_HELP:
		cli_usage(stdout);
		return 0;
	case CLI_VERSION:
		printf("vtund %s (VTun 3.0 compatible)\n", PACKAGE_VERSION);
		return 0;
	case CLI_CHECK_CONFIG:
	case CLI_PRINT_CONFIG:
		return check_or_print(&c);
	default:
		break;
	}
	if (c.mlock && mlockall(MCL_CURRENT | MCL_FUTURE) < 0) {
		log_warn("Can't lock memory");
		return 255;
	}
	if (c.mode == CLI_SERVER || c.mode == CLI_INETD)
		return server_main(&c);
	return client_main(&c);
}
