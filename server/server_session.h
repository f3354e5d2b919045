/* SPDX-License-Identifier: ISC */
#ifndef VTUN_SERVER_SESSION_H
#define VTUN_SERVER_SESSION_H
#include "config/vtconfig.h"
/* One accepted connection: handshake, multi policy, session. Returns the exit status. */
int server_session(const struct vt_config *cfg, int fd, int timeout);
#endif
