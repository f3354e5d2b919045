/* SPDX-License-Identifier: ISC */
/*
 * One tunnel session after a successful handshake, the same on both sides: open the device,
 * run the up commands (traffic waits for those marked `wait`), relay, run the down
 * commands, close.
 */
#ifndef VTUN_SESSION_H
#define VTUN_SESSION_H

#include <stdbool.h>

#include "config/vtconfig.h"
#include "dev/dev.h"
#include "link/link.h"

/*
 * sock: the TCP connection of the handshake (a UDP session sets up its own socket from it).
 * server: which side we are (decides where the NAT hack applies).
 * h: the effective host settings (for a client: its profile with the server's FLAGS applied).
 * dev: a device whose fd is -1 (opened here) or still open from an earlier session
 * (`persist keep`); it is closed at the end unless keep_dev.
 */
enum link_end session_run(const struct vt_host *h, int sock, bool server, struct vt_dev *dev,
                          bool keep_dev, struct link_stats *st);

/* Where the stat files go (tests point this elsewhere); NULL = /var/log/vtund. */
void session_set_stat_dir(const char *dir);

#endif
