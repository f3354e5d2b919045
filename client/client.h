/* SPDX-License-Identifier: ISC */
#ifndef VTUN_CLIENT_H
#define VTUN_CLIENT_H
#include "cli/cli.h"
/* Run the client for c->host against c->server; returns the exit code. */
int client_main(const struct cli *c);
#endif
