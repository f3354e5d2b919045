/* SPDX-License-Identifier: ISC */
/*
 * libFuzzer target for the vtund.conf parser: any bytes → vt_config_load_buffer, then the
 * printer into memory, then free. ASan/UBSan and the leak checker catch the rest.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/vtconfig.h"
#include "base/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	if (!init) {
		log_init("vtund", false, 0);  /* quiet: every input logs errors */
		init = true;
	}
	int nerr = 0;
	struct vt_config *cfg = vt_config_load_buffer("fuzz.conf", (const char *)data, size, &nerr);
	if (!cfg)
		return 0;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (out) {
		vt_config_print(cfg, out);
		fclose(out);
	}
	/* The normal form must parse again and print the same: print(parse(print(x))) == print(x). */
	if (buf) {
		struct vt_config *again = vt_config_load_buffer("fuzz-printed.conf", buf, len, &nerr);
		if (!again)
			abort();
		char *buf2 = NULL;
		size_t len2 = 0;
		FILE *out2 = open_memstream(&buf2, &len2);
		if (out2) {
			vt_config_print(again, out2);
			fclose(out2);
			if (len2 != len || memcmp(buf, buf2, len) != 0)
				abort();
		}
		free(buf2);
		vt_config_free(again);
	}
	free(buf);
	vt_config_free(cfg);
	return 0;
}
