/* SPDX-License-Identifier: ISC */
#ifndef VTUN_SERVER_H
#define VTUN_SERVER_H
#include "cli/cli.h"
/* Run the server (standalone or inetd) until it is told to stop; returns the exit code. */
int server_main(const struct cli *c);
#endif
