/* SPDX-License-Identifier: ISC */
#include "link/stat.h"
#include "link/link.h"
#include "base/log.h"

#include <errno.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <time.h>

FILE *stat_open(const char *dir, const char *name)
{
	char path[4096];
	if (!dir)
		dir = STAT_DEFAULT_DIR;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		log_warn("Can't create statistics directory %s", dir);
		return NULL;
	}
	int n = snprintf(path, sizeof(path), "%s/%s.dump", dir, name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		log_warnx("statistics file name too long for %s", name);
		return NULL;
	}
	FILE *f = fopen(path, "a");
	if (!f) {
		log_warn("Can't open statistics file %s", path);
		return NULL;
	}
	setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

void stat_write(FILE *f, const struct link_stats *st)
{
	if (!f)
		return;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof(when), "%b %d %H:%M:%S", &tm);
	fprintf(f, "%s %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n", when, st->byte_in,
	        st->byte_out, st->comp_in, st->comp_out);
}
