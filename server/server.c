/* SPDX-License-Identifier: ISC */
/* TEMPORARY: replaced by the listener. */
#include "server.h"
#include "log.h"
int server_main(const struct cli *c) { (void)c; log_warnx("server: not built yet"); return 1; }
