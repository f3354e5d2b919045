/* SPDX-License-Identifier: ISC */
/*
 * The command line overrides the configuration file: -P, -t, -4/-6, -L and -i are merged
 * into the loaded options once, so everything after reads only the effective options.
 */
#ifndef VTUN_CLI_OVERRIDES_H
#define VTUN_CLI_OVERRIDES_H

#include "cli/cli.h"
#include "config/vtconfig.h"

/*
 * -P port, -t timeout and -4/-6 replace the file's values when given; -L replaces the
 * bindaddr (address or interface) with its address; -i makes the server an inetd one.
 */
void cli_override_options(const struct cli *c, struct vt_options *opt);

/*
 * Load the file named by -f with the command line merged in; on errors, log
 * "FILE: N errors in the configuration" and return NULL.
 */
struct vt_config *cli_load_config(const struct cli *c);

#endif
