/* SPDX-License-Identifier: ISC */
/*
 * The VTun handshake message unit (doc/PROTOCOL.md §2.1): every message in both directions is a fixed
 * 50-byte block holding at most 48 characters of text, zero-filled, with byte 49 always NUL.
 * Works on blocking and non-blocking descriptors (everything goes through poll).
 */
#ifndef VTUN_HSMSG_H
#define VTUN_HSMSG_H

#define HS_MSG_LEN 50
#define HS_MSG_TEXT_MAX 48  /* visible characters that fit */

/*
 * Format into a zero-filled 50-byte block and write all of it. Text longer than 48
 * characters is cut there, as VTun does (a long host name loses its "\n"); the cut is
 * logged at debug level. Returns 0, or -1 with errno set (write error, or 30 s without
 * the peer accepting data).
 */
int hsmsg_send(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Read exactly one 50-byte block within ONE overall deadline of timeout_s seconds (values
 * below 1 count as 1): unlike VTun, a peer that sends one byte and stalls cannot hold us.
 * out is NUL-terminated (out[49] forced to NUL, out[50] = NUL). Returns 0, or -1 with errno
 * ETIMEDOUT (deadline passed), ECONNRESET (EOF before 50 bytes) or the read error.
 */
int hsmsg_recv(int fd, char out[HS_MSG_LEN + 1], int timeout_s);

#endif
