/* SPDX-License-Identifier: ISC */
/* TEMPORARY: replaced by the client. */
#include "client.h"
#include "log.h"
int client_main(const struct cli *c) { (void)c; log_warnx("client: not built yet"); return 1; }
