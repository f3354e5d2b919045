/* SPDX-License-Identifier: ISC */
/* Entry points: load a vtund.conf from a file or a buffer (see common/vtconfig.h). */
#include "parser/cfg_parse.h"
#include "base/log.h"
#include "base/util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A config is a few KiB; refuse anything absurd instead of reading it all. */
#define CFG_MAX_SIZE (16u * 1024 * 1024)

/*
 * Two layouts VTun reads differently from us, said once per file: CRLF line ends (VTun logs
 * "Invalid character" for every '\r' and may define no host; here '\r' is white space) and a
 * comment as the last line with no final newline (VTun logs "Invalid clause '#'", harmlessly).
 */
static void warn_layout(struct cfg_state *st, const char *buf, size_t len)
{
	const char *cr = memchr(buf, '\r', len);
	if (cr && (size_t)(cr - buf) + 1 < len && cr[1] == '\n')
		cfg_warn(st, 0, "DOS (CRLF) line ends: accepted here, but VTun 3.0 rejects every '\\r'; "
		         "convert the file with dos2unix");
	if (!len || buf[len - 1] == '\n')
		return;
	const char *last = buf + len;
	while (last > buf && last[-1] != '\n')
		last--;
	while (*last == ' ' || *last == '\t')
		last++;
	if (*last == '#')
		cfg_warn(st, 0, "the last line is a comment without a final newline: VTun logs "
		         "\"Invalid clause '#'\" for it (harmless); end the file with a newline");
}

/* ipv4;/ipv6; with a bind address of the other family: neither VTun nor we can listen there. */
static void warn_family(struct cfg_state *st)
{
	const struct vt_options *o = &st->cfg->opt;
	unsigned char a[sizeof(struct in6_addr)];
	if (!o->bind_addr || o->family == VT_FAMILY_ANY)
		return;
	int other = o->family == VT_FAMILY_V6 ? AF_INET : AF_INET6;
	if (inet_pton(other, o->bind_addr, a) == 1)
		cfg_warn(st, 0, "bindaddr %s is an IPv%c address but options say ipv%c: the server "
		         "cannot listen there (VTun: \"Can't resolv local address\")", o->bind_addr,
		         other == AF_INET ? '4' : '6', other == AF_INET ? '6' : '4');
}

/* Parse buf[0..len) (buf has two spare bytes after len, for flex). */
static struct vt_config *parse_buf(const char *name, char *buf, size_t len, int *nerrors)
{
	struct cfg_state st;
	memset(&st, 0, sizeof(st));
	st.name = name;
	st.cfg = vt_config_new();
	st.cfg->file = xstrdup(name);
	st.defaults = xcalloc(1, sizeof(*st.defaults));
	vt_host_defaults(st.defaults);

	buf[len] = buf[len + 1] = '\0';
	warn_layout(&st, buf, len);
	if (cfg_run_parser(&st, buf, len) != 0 && st.nerrors == 0)
		cfg_err(&st, 0, "parse aborted");
	while (st.top)  /* bison's destructors normally leave nothing behind */
		cfg_frame_abort(&st, st.top);
	vt_host_free(st.defaults);

	if (nerrors)
		*nerrors = st.nerrors;
	if (st.nerrors) {
		vt_config_free(st.cfg);
		return NULL;
	}
	warn_family(&st);
	/* No hosts: the callers decide (the server and --check-config refuse, as VTun does). */
	return st.cfg;
}

struct vt_config *vt_config_load_buffer(const char *name, const char *text, size_t len,
                                        int *nerrors)
{
	char *buf = xmalloc(len + 2);
	if (len)
		memcpy(buf, text, len);
	struct vt_config *cfg = parse_buf(name, buf, len, nerrors);
	secure_zero(buf, len + 2);
	free(buf);
	return cfg;
}

/* Read the whole file; NULL (message logged) on failure. */
static char *read_file(const char *path, int fd, size_t *lenp)
{
	size_t cap = 4096, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (cap - len <= 2) {  /* room for data and the two NULs */
			if (cap >= CFG_MAX_SIZE) {
				log_warnx("%s: file too large (more than %u bytes)", path, CFG_MAX_SIZE);
				goto fail;
			}
			char *nb = xmalloc(cap * 2);
			memcpy(nb, buf, len);
			secure_zero(buf, cap);
			free(buf);
			buf = nb;
			cap *= 2;
		}
		ssize_t n = read(fd, buf + len, cap - len - 2);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			log_warn("%s: read", path);
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*lenp = len;
	return buf;
fail:
	secure_zero(buf, cap);
	free(buf);
	return NULL;
}

struct vt_config *vt_config_load(const char *path, int *nerrors)
{
	struct stat sb;
	size_t len = 0;
	int dummy;
	if (!nerrors)
		nerrors = &dummy;
	*nerrors = 1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		log_warn("%s", path);
		return NULL;
	}
	if (fstat(fd, &sb) < 0) {
		log_warn("%s", path);
		close(fd);
		return NULL;
	}
	if (S_ISDIR(sb.st_mode)) {
		log_warnx("%s: is a directory, not a config file", path);
		close(fd);
		return NULL;
	}
	char *buf = read_file(path, fd, &len);
	close(fd);
	if (!buf)
		return NULL;
	struct vt_config *cfg = parse_buf(path, buf, len, nerrors);
	secure_zero(buf, len + 2);
	free(buf);
	if (cfg && cfg->hosts && S_ISREG(sb.st_mode) && (sb.st_mode & (S_IRGRP | S_IROTH)))
		log_warnx("%s: warning: file is readable by group/others (mode %04o) and contains "
		          "passwords; chmod 600 it", path, (unsigned)(sb.st_mode & 07777));
	return cfg;
}
