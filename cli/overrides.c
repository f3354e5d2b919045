/* SPDX-License-Identifier: ISC */
#include "cli/overrides.h"
#include "base/log.h"
#include "base/util.h"

#include <stdlib.h>

void cli_override_options(const struct cli *c, struct vt_options *opt)
{
	if (c->port)
		opt->port = c->port;
	if (c->timeout)
		opt->timeout = c->timeout;
	if (c->family)
		opt->family = (enum vt_family)c->family;
	if (c->listen_addr) {
		free(opt->bind_addr);
		free(opt->bind_iface);
		opt->bind_addr = xstrdup(c->listen_addr);
		opt->bind_iface = NULL;
	}
	if (c->mode == CLI_INETD)
		opt->inetd = true;
}

struct vt_config *cli_load_config(const struct cli *c)
{
	int nerr = 0;
	struct vt_config *cfg = vt_config_load(c->config_file, &nerr);
	if (!cfg) {
		log_warnx("%s: %d error%s in the configuration", c->config_file, nerr,
		          nerr == 1 ? "" : "s");
		return NULL;
	}
	cli_override_options(c, &cfg->opt);
	return cfg;
}
