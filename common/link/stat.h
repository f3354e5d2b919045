/* SPDX-License-Identifier: ISC */
/* The per-session statistics file (`stat yes`, vtund.conf(5), `stat`). */
#ifndef VTUN_STAT_H
#define VTUN_STAT_H

#include <stdio.h>

struct link_stats;

#define STAT_DEFAULT_DIR "/var/log/vtund"

/* Open <dir>/<name>.dump for appending (Debian's name); NULL with a logged reason. */
FILE *stat_open(const char *dir, const char *name);
/* Append "Mon DD HH:MM:SS byte_in byte_out comp_in comp_out". */
void stat_write(FILE *f, const struct link_stats *st);

#endif
