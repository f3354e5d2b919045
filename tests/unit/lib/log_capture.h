/* SPDX-License-Identifier: ISC */
/* Test helper: capture what the log writes to stderr. */
#ifndef VTUN_TEST_LOG_CAPTURE_H
#define VTUN_TEST_LOG_CAPTURE_H

/* Send the log (stderr) to a temporary file until capture_stop(). */
void capture_start(void);
/* Restore stderr and return what was written (static buffer, valid until the next call). */
char *capture_stop(void);
/* How many times `needle` occurs in `text`. */
int count_lines(const char *text, const char *needle);

#endif
