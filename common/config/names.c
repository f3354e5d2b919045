/* SPDX-License-Identifier: ISC */
#include "config/names.h"

#include <string.h>

/* Index = code for 0..16 (the wire codes, doc/PROTOCOL.md §8.1); the legacy row comes last. */
static const struct vt_cipher_def ciphers[] = {
	{ 0, "no", NULL, CEVP_BF, CEVP_ECB, 0, false },
	{ 1, "blowfish128ecb", "Blowfish-128-ECB", CEVP_BF, CEVP_ECB, 16, false },
	{ 2, "blowfish128cbc", "Blowfish-128-CBC", CEVP_BF, CEVP_CBC, 16, false },
	{ 3, "blowfish128cfb", "Blowfish-128-CFB", CEVP_BF, CEVP_CFB, 16, false },
	{ 4, "blowfish128ofb", "Blowfish-128-OFB", CEVP_BF, CEVP_OFB, 16, false },
	{ 5, "blowfish256ecb", "Blowfish-256-ECB", CEVP_BF, CEVP_ECB, 32, false },
	{ 6, "blowfish256cbc", "Blowfish-256-CBC", CEVP_BF, CEVP_CBC, 32, false },
	{ 7, "blowfish256cfb", "Blowfish-256-CFB", CEVP_BF, CEVP_CFB, 32, false },
	{ 8, "blowfish256ofb", "Blowfish-256-OFB", CEVP_BF, CEVP_OFB, 32, false },
	{ 9, "aes128ecb", "AES-128-ECB", CEVP_AES, CEVP_ECB, 16, false },
	{ 10, "aes128cbc", "AES-128-CBC", CEVP_AES, CEVP_CBC, 16, false },
	{ 11, "aes128cfb", "AES-128-CFB", CEVP_AES, CEVP_CFB, 16, false },
	{ 12, "aes128ofb", "AES-128-OFB", CEVP_AES, CEVP_OFB, 16, false },
	{ 13, "aes256ecb", "AES-256-ECB", CEVP_AES, CEVP_ECB, 32, false },
	{ 14, "aes256cbc", "AES-256-CBC", CEVP_AES, CEVP_CBC, 32, false },
	{ 15, "aes256cfb", "AES-256-CFB", CEVP_AES, CEVP_CFB, 32, false },
	{ 16, "aes256ofb", "AES-256-OFB", CEVP_AES, CEVP_OFB, 32, false },
	{ VT_CIPHER_LEGACY, "oldblowfish128ecb", "BlowFish legacy", CEVP_BF, CEVP_ECB, 16, true },
};

#define NCIPHERS (sizeof(ciphers) / sizeof(ciphers[0]))

const struct vt_cipher_def *vt_cipher_def(int code)
{
	for (size_t i = 0; i < NCIPHERS; i++)
		if (ciphers[i].code == code)
			return &ciphers[i];
	return NULL;
}

const char *vt_cipher_name(int code)
{
	const struct vt_cipher_def *d = vt_cipher_def(code);
	return d ? d->name : NULL;
}

int vt_cipher_from_name(const char *name)
{
	if (!name)
		return -1;
	if (strcmp(name, "yes") == 0)   /* VTun's default cipher */
		return 1;
	for (size_t i = 0; i < NCIPHERS; i++)
		if (strcmp(name, ciphers[i].name) == 0)
			return ciphers[i].code;
	return -1;
}

static const struct {
	enum vt_compress method;
	const char *name;
	const char *number;     /* VTun's method number in `compress N:LEVEL` */
} compressors[] = {
	{ VT_COMP_NONE, "no", NULL },
	{ VT_COMP_ZLIB, "zlib", "1" },
	{ VT_COMP_LZO, "lzo", "2" },
};

#define NCOMPRESSORS (sizeof(compressors) / sizeof(compressors[0]))

const char *vt_compress_name(enum vt_compress c)
{
	for (size_t i = 0; i < NCOMPRESSORS; i++)
		if (compressors[i].method == c)
			return compressors[i].name;
	return NULL;
}

int vt_compress_from_method(const char *method)
{
	for (size_t i = 0; method && i < NCOMPRESSORS; i++)
		if (compressors[i].number && (strcmp(method, compressors[i].name) == 0 ||
					      strcmp(method, compressors[i].number) == 0))
			return (int)compressors[i].method;
	return -1;
}
