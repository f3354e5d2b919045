/* SPDX-License-Identifier: ISC */
#include "auth/flags.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/strbuf.h"

#include <stdio.h>
#include <string.h>

#define FLAGS_SPEED_MAX 999999999   /* nine digits: fits an int, keeps the string bounded */
#define FLAGS_LEVEL_MAX 9
#define FLAGS_NUM_DIGITS 9
/* VTun 3.0's cf2bf() compares strtol()'s result with ERANGE (34) and rejects the login. */
#define VTUN_ERANGE_VALUE 34

static int announced_speed(int speed)
{
	static bool warned;

	if (speed != VTUN_ERANGE_VALUE)
		return speed;
	if (!warned) {
		warned = true;
		log_warnx("Announcing speed %d as %d: VTun 3.0 clients reject the value %d",
			  VTUN_ERANGE_VALUE, VTUN_ERANGE_VALUE + 1, VTUN_ERANGE_VALUE);
	}
	return VTUN_ERANGE_VALUE + 1;
}

static char proto_letter(enum vt_proto p)
{
	return p == VT_PROTO_UDP ? 'U' : 'T';
}

static char type_letter(enum vt_dev_type t)
{
	switch (t) {
	case VT_DEV_TTY: return 't';
	case VT_DEV_PIPE: return 'p';
	case VT_DEV_ETHER: return 'e';
	case VT_DEV_TUN: return 'u';
	}
	return '\0';
}

/* Copy what the builder holds into the caller's buffer (it fits: the bound was outlen - 1). */
static size_t copy_out(struct strbuf *s, char *out)
{
	size_t n = s->len;
	memcpy(out, strbuf_str(s), n + 1);
	strbuf_free(s);
	return n;
}

int flags_format(const struct vt_host *h, char *out, size_t outlen)
{
	struct strbuf s;
	char type = type_letter(h->type);

	if (!outlen)
		return -1;
	if (!type || (h->proto != VT_PROTO_TCP && h->proto != VT_PROTO_UDP) ||
	    h->speed_in < 0 || h->speed_in > FLAGS_SPEED_MAX || h->speed_out < 0 ||
	    (h->compress != VT_COMP_NONE &&
	     (h->comp_level < 0 || h->comp_level > FLAGS_LEVEL_MAX)) ||
	    (h->cipher != VT_CIPHER_LEGACY &&
	     (h->cipher < VT_CIPHER_NONE || h->cipher > VT_CIPHER_MAX_WIRE))) {
		log_warnx("Session %s: settings cannot be expressed as VTun flags",
			  h->name ? h->name : "?");
		out[0] = '\0';
		return -1;
	}
	strbuf_init(&s, outlen - 1);
	strbuf_printf(&s, "<%c%c", proto_letter(h->proto), type);
	if (h->speed_in || h->speed_out)
		strbuf_printf(&s, "S%d", announced_speed(h->speed_in));
	if (h->compress == VT_COMP_ZLIB)
		strbuf_printf(&s, "C%d", h->comp_level);
	else if (h->compress == VT_COMP_LZO)
		strbuf_printf(&s, "L%d", h->comp_level);
	if (h->keepalive)
		strbuf_putc(&s, 'K');
	if (h->cipher == VT_CIPHER_LEGACY)
		strbuf_putc(&s, 'E');
	else if (h->cipher != VT_CIPHER_NONE)
		strbuf_printf(&s, "E%d", h->cipher);
	strbuf_putc(&s, '>');
	if (s.failed) {
		strbuf_free(&s);
		out[0] = '\0';
		return -1;
	}
	return (int)copy_out(&s, out);
}

static int peek(const struct rbuf *r)
{
	return rbuf_left(r) ? r->p[r->off] : -1;
}

/*
 * Read up to FLAGS_NUM_DIGITS decimal digits. Returns the count of digits read (0 if none),
 * or -1 if there are more (an overlong number).
 */
static int get_num(struct rbuf *r, int *val)
{
	int n = 0, v = 0, c;
	uint8_t ch;

	while ((c = peek(r)) >= '0' && c <= '9') {
		if (++n > FLAGS_NUM_DIGITS)
			return -1;
		rbuf_get_u8(r, &ch);
		v = v * 10 + (ch - '0');
	}
	*val = v;
	return n;
}

/* A mandatory number in [0, max]. */
static bool get_req_num(struct rbuf *r, int max, int *val)
{
	return get_num(r, val) > 0 && *val <= max;
}

/* One flag letter (already consumed) and its number; false if invalid. */
static bool parse_letter(uint8_t c, struct rbuf *r, struct vt_flags *f)
{
	int n;

	switch (c) {
	case 'T': f->have_proto = true; f->proto = VT_PROTO_TCP; return true;
	case 'U': f->have_proto = true; f->proto = VT_PROTO_UDP; return true;
	case 't': f->have_type = true; f->type = VT_DEV_TTY; return true;
	case 'p': f->have_type = true; f->type = VT_DEV_PIPE; return true;
	case 'e': f->have_type = true; f->type = VT_DEV_ETHER; return true;
	case 'u': f->have_type = true; f->type = VT_DEV_TUN; return true;
	case 'K': f->keepalive = true; return true;
	case 'F': return true;   /* reserved for "features" in VTun; nothing follows it */
	case 'S':
		return get_req_num(r, FLAGS_SPEED_MAX, &f->speed);
	case 'C':
	case 'L':
		if (!get_req_num(r, FLAGS_LEVEL_MAX, &f->comp_level))
			return false;
		f->compress = c == 'C' ? VT_COMP_ZLIB : VT_COMP_LZO;
		return true;
	case 'E':
		n = get_num(r, &f->cipher);
		if (n < 0 || f->cipher > VT_CIPHER_MAX_WIRE)
			return false;
		/* Bare E (VTun 2.x servers, oldblowfish128ecb) and E0 mean the legacy module. */
		if (n == 0 || f->cipher == 0)
			f->cipher = VT_CIPHER_LEGACY;
		return true;
	default:
		return false;
	}
}

int flags_parse(const char *text, struct vt_flags *f)
{
	const char *start = text ? strchr(text, '<') : NULL;
	struct rbuf r;
	uint8_t c;

	memset(f, 0, sizeof(*f));
	f->cipher = VT_CIPHER_NONE;
	if (!start)
		return -1;
	rbuf_init(&r, start + 1, strlen(start + 1));
	while (rbuf_get_u8(&r, &c)) {
		if (c == '>')
			return 0;
		if (!parse_letter(c, &r, f))
			break;
	}
	memset(f, 0, sizeof(*f));
	return -1;
}

void flags_apply(const struct vt_flags *f, struct vt_host *h)
{
	h->proto = f->have_proto ? f->proto : VT_PROTO_TCP;
	h->type = f->have_type ? f->type : VT_DEV_TTY;
	h->speed_out = f->speed;
	h->speed_in = 0;
	h->compress = f->compress;
	h->comp_level = f->compress == VT_COMP_NONE ? 0 : f->comp_level;
	h->keepalive = f->keepalive;
	h->cipher = f->cipher;
}

const char *flags_describe(const struct vt_flags *f, char *buf, size_t n)
{
	struct strbuf s;
	const char *cn;

	if (!n)
		return buf;
	/* A summary that does not fit keeps the parts that fitted whole. */
	strbuf_init(&s, n - 1);
	strbuf_printf(&s, "%s %s", f->have_proto ? (f->proto == VT_PROTO_UDP ? "udp" : "tcp") : "tcp?",
		  f->have_type ? vt_dev_type_name(f->type) : "tty?");
	if (f->speed)
		strbuf_printf(&s, " speed %d", f->speed);
	if (f->compress == VT_COMP_ZLIB)
		strbuf_printf(&s, " zlib:%d", f->comp_level);
	else if (f->compress == VT_COMP_LZO)
		strbuf_printf(&s, " lzo:%d", f->comp_level);
	if (f->keepalive)
		strbuf_puts(&s, " keepalive");
	if (f->cipher != VT_CIPHER_NONE) {
		cn = vt_cipher_name(f->cipher);
		if (cn)
			strbuf_printf(&s, " %s", cn);
		else
			strbuf_printf(&s, " cipher %d", f->cipher);
	}
	copy_out(&s, buf);
	return buf;
}
