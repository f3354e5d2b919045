/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/link/stat.c: the statistics file <dir>/<name>.dump is created (with
 * its directory), appended to, and holds one "Mon DD HH:MM:SS in out comp_in comp_out" line
 * per write, visible at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "link/link.h"
#include "link/stat.h"
#include "tests/unit/lib/log_capture.h"

static char dir[64];        /* a fresh temporary directory per test */
static char sub[128];       /* dir/stats: made by stat_open */
static char path[192];      /* sub/host1.dump */

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/vtun-test-stat.XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/stats", dir);
	snprintf(path, sizeof(path), "%s/host1.dump", sub);
	return 0;
}

static int remove_dir(void **state)
{
	(void)state;
	unlink(path);
	rmdir(sub);
	rmdir(dir);
	return 0;
}

/* The whole file (static buffer). */
static const char *contents(void)
{
	static char buf[1024];
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* One line: a time stamp within a minute of now (year and seconds aside), then the counters. */
static void check_line(const char *line, const char *counters)
{
	struct tm tm = { 0 };
	const char *rest = strptime(line, "%b %d %H:%M:%S ", &tm);
	assert_non_null(rest);
	assert_int_equal(rest - line, 16);   /* "Dec 02 05:31:27 " */
	time_t now = time(NULL);
	struct tm lt;
	localtime_r(&now, &lt);
	assert_int_equal(tm.tm_mon, lt.tm_mon);
	assert_int_equal(tm.tm_mday, lt.tm_mday);
	int secs = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	int lsecs = lt.tm_hour * 3600 + lt.tm_min * 60 + lt.tm_sec;
	assert_in_range(lsecs - secs, 0, 60);
	size_t n = strlen(counters);
	assert_memory_equal(rest, counters, n);
	assert_int_equal(rest[n], '\n');
}

static void test_creates_and_writes(void **state)
{
	(void)state;
	FILE *f = stat_open(sub, "host1");
	assert_non_null(f);
	struct stat sb;
	assert_int_equal(stat(sub, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	mode_t mask = umask(0);
	umask(mask);
	assert_int_equal(sb.st_mode & 0777, 0755 & ~mask);

	struct link_stats st = { .byte_in = 1, .byte_out = 22, .comp_in = 333, .comp_out = 4444 };
	stat_write(f, &st);
	/* line buffered: the line is in the file before any flush or close */
	const char *c = contents();
	check_line(c, "1 22 333 4444");
	assert_int_equal(strlen(c), 16 + strlen("1 22 333 4444\n"));

	struct link_stats big = { .byte_in = UINT64_MAX, .byte_out = 0, .comp_in = 0,
	                          .comp_out = UINT64_C(1) << 40 };
	stat_write(f, &big);
	c = contents();
	const char *second = strchr(c, '\n') + 1;
	check_line(second, "18446744073709551615 0 0 1099511627776");
	assert_string_equal(strchr(second, '\n'), "\n");
	fclose(f);
}

/* A reopened file (the next session) is appended to, not truncated. */
static void test_appends(void **state)
{
	(void)state;
	struct link_stats a = { 1, 2, 3, 4 }, b = { 5, 6, 7, 8 };
	FILE *f = stat_open(sub, "host1");
	assert_non_null(f);
	stat_write(f, &a);
	fclose(f);
	f = stat_open(sub, "host1");   /* the directory exists now: fine too */
	assert_non_null(f);
	stat_write(f, &b);
	fclose(f);
	const char *c = contents();
	check_line(c, "1 2 3 4");
	check_line(strchr(c, '\n') + 1, "5 6 7 8");
}

static void test_failures(void **state)
{
	(void)state;
	char deep[192];
	snprintf(deep, sizeof(deep), "%s/missing/stats", dir);   /* mkdir makes one level only */
	capture_start();
	assert_null(stat_open(deep, "host1"));
	assert_int_equal(count_lines(capture_stop(), "Can't create statistics directory"), 1);

	char name[5000];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	capture_start();
	assert_null(stat_open(sub, name));                        /* path too long */
	assert_int_equal(count_lines(capture_stop(), "statistics file name too long"), 1);

	stat_write(NULL, &(struct link_stats){ 0 });              /* no file: nothing happens */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_creates_and_writes, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_appends, make_dir, remove_dir),
		cmocka_unit_test_setup_teardown(test_failures, make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
