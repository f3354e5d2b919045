/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "tests/unit/lib/log_capture.h"

static int saved_stderr = -1;
static FILE *log_tmp;

void capture_start(void)
{
	fflush(stderr);
	log_tmp = tmpfile();
	assert_non_null(log_tmp);
	saved_stderr = dup(2);
	assert_true(saved_stderr >= 0);
	assert_true(dup2(fileno(log_tmp), 2) >= 0);
	log_set_stderr(true);
}

char *capture_stop(void)
{
	fflush(stderr);
	log_set_stderr(false);
	assert_true(dup2(saved_stderr, 2) >= 0);
	close(saved_stderr);
	static char text[16384];
	rewind(log_tmp);
	size_t n = fread(text, 1, sizeof(text) - 1, log_tmp);
	text[n] = '\0';
	fclose(log_tmp);
	return text;
}

int count_lines(const char *text, const char *needle)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}
