/* SPDX-License-Identifier: ISC */
/*
 * The cipher and compression settings, one row each: the number the model and the VTun flags
 * carry, the name vtund.conf and --print-config use and, for ciphers, what the filter runs.
 * The parser, the printer, the flags and the filters all read these rows, so a name, its
 * code and its algorithm cannot drift apart.
 */
#ifndef VTUN_NAMES_H
#define VTUN_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "crypto/cipher_evp.h"  /* enum cevp_alg, enum cevp_mode (no OpenSSL headers) */

/* Cipher codes are the VTun 3.0 wire codes (E<n>): 1..16; 0 = none; legacy Blowfish = 999. */
#define VT_CIPHER_NONE 0
#define VT_CIPHER_MAX_WIRE 16
#define VT_CIPHER_LEGACY 999

struct vt_cipher_def {
	int code;               /* vt_host.cipher: E<code> on the wire; the legacy one is a bare E */
	const char *name;       /* in vtund.conf and --print-config */
	const char *label;      /* as VTun logs it, e.g. "AES-128-CBC"; NULL for none */
	enum cevp_alg alg;
	enum cevp_mode mode;
	size_t keylen;          /* key bytes, 16 or 32; 0 for none */
	bool legacy;            /* run by filter/legacy_blowfish.c, not filter/cipher.c */
};

/* The row of a code; NULL if there is none. */
const struct vt_cipher_def *vt_cipher_def(int code);
const char *vt_cipher_name(int code);       /* NULL if unknown */
int vt_cipher_from_name(const char *name);  /* also "yes" (= 1); -1 if unknown */

enum vt_compress { VT_COMP_NONE = 0, VT_COMP_ZLIB, VT_COMP_LZO };

/* "no", "zlib", "lzo"; NULL for a value outside the enum. */
const char *vt_compress_name(enum vt_compress c);
/*
 * The method part of `compress METHOD:LEVEL`: a name or VTun's method number (1 = zlib,
 * 2 = lzo). -1 for anything else, "no" included (it takes no level).
 */
int vt_compress_from_method(const char *method);

#endif
