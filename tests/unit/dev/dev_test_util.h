/* SPDX-License-Identifier: ISC */
/* Helpers shared by the tests of common/dev (pipe, tty, tun/tap). */
#ifndef VTUN_TEST_DEV_UTIL_H
#define VTUN_TEST_DEV_UTIL_H

#include <stdbool.h>

#include "dev/dev.h"

/* Whether fd becomes readable within ms milliseconds. */
bool ready_for(int fd, int ms);
/* Assert what every opened device promises: fd non-blocking, fd and peer_fd close-on-exec. */
void check_fd_flags(const struct vt_dev *d);

#endif
