/* SPDX-License-Identifier: ISC */
/*
 * The FLAGS string of the VTun 3.0 handshake (doc/PROTOCOL.md §3): the server announces the session's
 * transport, device type, shaping, compression, keepalive and cipher as
 *     '<' proto type ['S' n] ['C' n | 'L' n] ['K'] ['E' [n]] '>'
 * and the client adopts them.
 */
#ifndef VTUN_FLAGS_H
#define VTUN_FLAGS_H

#include <stdbool.h>
#include <stddef.h>

#include "config/vtconfig.h"

/* Longest string flags_format can produce, with its NUL: "<TuS999999999L9KE16>". */
#define FLAGS_MAX_LEN 32

struct vt_flags {
	bool have_proto; enum vt_proto proto;
	bool have_type;  enum vt_dev_type type;
	int speed;                         /* S<n>: 0 = none */
	enum vt_compress compress; int comp_level;
	bool keepalive;                    /* K */
	int cipher;                        /* VT_CIPHER_NONE, 1..16, or VT_CIPHER_LEGACY for bare E / E0 */
};

/*
 * Server: the string for host h, e.g. "<TuS256C9KE13>". S carries h->speed_in and is sent
 * whenever shaping is configured (speed_in or speed_out non-zero). The value 34 is sent as
 * 35 (VTun 3.0 clients compare strtol's result with ERANGE and refuse 34). The legacy
 * cipher is a bare "E". Returns the length, or -1 if it does not fit or h holds a value
 * the protocol cannot carry (logged).
 */
int flags_format(const struct vt_host *h, char *out, size_t outlen);

/*
 * Client: parse the flags from the first '<' of text to the next '>'. Letters may come in
 * any order and repeat (the last one wins), as VTun reads them. Returns 0, or -1 for an
 * unknown letter, a missing or overlong number after S/C/L, a number out of range
 * (S 0..999999999, C/L 0..9, E 0..16) or no '>'. Lenient where VTun is only buggy: 34 is
 * accepted, 'F' (reserved) is ignored, E and E0 mean the legacy cipher, and a string
 * without proto/type letters is accepted (flags_apply then uses tcp/tty).
 */
int flags_parse(const char *text, struct vt_flags *f);

/*
 * Client: replace proto, type, speed (speed_out = n, speed_in = 0: the client only shapes
 * what it sends), compression, cipher and keepalive on/off with the server's choices. The
 * client keeps its own keepalive interval/count, device, up/down, timeout, persist, stat,
 * srcaddr, nat_hack, sslauth and password.
 */
void flags_apply(const struct vt_flags *f, struct vt_host *h);

/* Human-readable summary for logs ("tcp tun speed 256 zlib:9 keepalive aes256ecb"); returns buf. */
const char *flags_describe(const struct vt_flags *f, char *buf, size_t n);

#endif
