/* SPDX-License-Identifier: ISC */
/* Keywords of host and `default` sections, and the `srcaddr { ... };` block (vtund.conf(5)). */
#include "parser/cfg_parse.h"
#include "base/util.h"

#include <stdio.h>
#include <string.h>

#define MAX_SPEED 10000000L     /* kbit/s: 10 Gbit/s is far beyond what VTun can shape */
#define MAX_KA_INTERVAL 86400L
#define MAX_KA_COUNT 1000L

static void h_passwd(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                     struct cfg_vals *v)
{
	char *pw = NULL;
	if (!cfg_want_n(st, kw, v, 1, "a password word") || !cfg_get_word(st, kw, v->v[0], false, &pw))
		return;
	if (f->kind == CX_DEFAULT) {
		cfg_warn(st, kw->line, "%s in a default section is never inherited by hosts; ignored",
		         kw->text);
		free_secret(pw);
		return;
	}
	free_secret(f->host->passwd);
	f->host->passwd = pw;
}

static void h_type(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                   struct cfg_vals *v)
{
	static const struct cfg_choice c[] = {
		{ "tun", VT_DEV_TUN }, { "ether", VT_DEV_ETHER }, { "tty", VT_DEV_TTY },
		{ "pipe", VT_DEV_PIPE }, { NULL, 0 },
	};
	int t;
	if (cfg_want_n(st, kw, v, 1, "tun, ether, tty or pipe") && cfg_get_choice(st, kw, v->v[0], c, &t))
		f->host->type = (enum vt_dev_type)t;
}

static void h_proto(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                    struct cfg_vals *v)
{
	static const struct cfg_choice c[] = {
		{ "tcp", VT_PROTO_TCP }, { "udp", VT_PROTO_UDP }, { NULL, 0 },
	};
	int t;
	if (cfg_want_n(st, kw, v, 1, "tcp or udp") && cfg_get_choice(st, kw, v->v[0], c, &t))
		f->host->proto = (enum vt_proto)t;
}

static void h_device(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                     struct cfg_vals *v)
{
	if (cfg_want_n(st, kw, v, 1, "an interface name"))
		cfg_get_word(st, kw, v->v[0], false, &f->host->device);
}

static void set_comp(struct vt_host *h, enum vt_compress c, int level)
{
	h->compress = c;
	h->comp_level = c == VT_COMP_NONE ? 0 : level;
}

/* compress no|yes|NUM|zlib|lzo|zlib:N|lzo:N; levels are 0..9 (a flag value can never be 34). */
static void h_compress(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                       struct cfg_vals *v)
{
	static const char allowed[] = "no, yes, zlib, lzo, zlib:N, lzo:N (N = 0..9) or a zlib level";
	if (!cfg_want_n(st, kw, v, 1, allowed))
		return;
	const struct cfg_tok *t = v->v[0];
	long n;
	if (t->type == CT_NUM) {
		if (cfg_get_int(st, kw, t, 0, 9, &n))
			set_comp(f->host, n ? VT_COMP_ZLIB : VT_COMP_NONE, (int)n);
	} else if (t->type == CT_WORD && !strcmp(t->text, "no")) {
		set_comp(f->host, VT_COMP_NONE, 0);
	} else if (t->type == CT_WORD && (!strcmp(t->text, "yes") ||
	                                  vt_compress_from_method(t->text) == VT_COMP_ZLIB)) {
		set_comp(f->host, VT_COMP_ZLIB, 1);
	} else if (t->type == CT_WORD && vt_compress_from_method(t->text) == VT_COMP_LZO) {
		cfg_warn(st, t->line, "'compress lzo;' without a level means zlib level 2 in VTun "
		         "(kept for compatibility); write 'compress lzo:N;' to get LZO");
		set_comp(f->host, VT_COMP_ZLIB, 2);
	} else if (t->type == CT_DNUM) {
		char method[32];
		cfg_split_dnum(t->text, method, sizeof(method), &n);
		int c = vt_compress_from_method(method);
		if (c < 0) {
			cfg_err(st, t->line, "compress: unknown method in %s; use zlib:N or lzo:N",
			        cfg_q(st, t->text));
			return;
		}
		if (n < 0 || n > 9) {
			cfg_err(st, t->line, "compress: level in %s is out of range (allowed: 0..9)",
			        cfg_q(st, t->text));
			return;
		}
		set_comp(f->host, (enum vt_compress)c, (int)n);
	} else {
		cfg_err(st, t->line, "compress: %s is not allowed; use %s", cfg_q(st, t->text), allowed);
	}
}

static void h_encrypt(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                      struct cfg_vals *v)
{
	if (!cfg_want_n(st, kw, v, 1, "no, yes, a cipher name or a cipher number"))
		return;
	const struct cfg_tok *t = v->v[0];
	long n;
	int code = t->type == CT_WORD ? vt_cipher_from_name(t->text) : -1;
	if (t->type == CT_NUM) {
		if (cfg_get_int(st, kw, t, 0, VT_CIPHER_MAX_WIRE, &n))
			f->host->cipher = (int)n;
		return;
	}
	if (code < 0) {
		cfg_err(st, t->line, "encrypt: %s is not a cipher; use no, yes, blowfish128ecb/cbc/cfb/ofb, "
		        "blowfish256ecb/cbc/cfb/ofb, aes128ecb/cbc/cfb/ofb, aes256ecb/cbc/cfb/ofb, "
		        "oldblowfish128ecb or a number 0..%d", cfg_q(st, t->text), VT_CIPHER_MAX_WIRE);
		return;
	}
	f->host->cipher = code;
}

static void h_keepalive(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                        struct cfg_vals *v)
{
	if (!cfg_want_n(st, kw, v, 1, "yes, no or INTERVAL:COUNT"))
		return;
	const struct cfg_tok *t = v->v[0];
	if (t->type != CT_DNUM) {
		bool on;
		/* keepalive NUM: VTun only tests the number for 0; the interval stays as it was */
		if (cfg_num_as_bool(st, kw, t, &on) || cfg_get_bool(st, kw, t, &on))
			f->host->keepalive = on;
		return;
	}
	char left[32];
	long i, n;
	cfg_split_dnum(t->text, left, sizeof(left), &n);
	if (!parse_int(left, 0, MAX_KA_INTERVAL, &i) || n < 1 || n > MAX_KA_COUNT) {
		cfg_err(st, t->line, "keepalive: %s is invalid; use INTERVAL:COUNT with INTERVAL "
		        "0..%ld seconds (0 = off) and COUNT 1..%ld", cfg_q(st, t->text),
		        MAX_KA_INTERVAL, MAX_KA_COUNT);
		return;
	}
	f->host->keepalive = i != 0;
	f->host->ka_interval = (int)i;
	f->host->ka_maxfail = (int)n;
}

static void h_timeout(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                      struct cfg_vals *v)
{
	long n;
	if (cfg_want_n(st, kw, v, 1, "seconds 1..86400") &&
	    cfg_get_int(st, kw, v->v[0], 1, 86400, &n))
		f->host->timeout = (int)n;
}

static void h_bool(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                   struct cfg_vals *v)
{
	bool on;
	if (!cfg_want_n(st, kw, v, 1, "yes or no"))
		return;
	if (!cfg_num_as_bool(st, kw, v->v[0], &on) && !cfg_get_bool(st, kw, v->v[0], &on))
		return;
	if (!strcmp(kw->text, "stat"))
		f->host->stat = on;
	else
		f->host->sslauth = on;
}

static void h_speed(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                    struct cfg_vals *v)
{
	if (!cfg_want_n(st, kw, v, 1, "kbit/s N or OUT:IN"))
		return;
	const struct cfg_tok *t = v->v[0];
	long a, b;
	if (t->type == CT_NUM) {
		if (cfg_get_int(st, kw, t, 0, MAX_SPEED, &a))
			f->host->speed_out = f->host->speed_in = (int)a;
		return;
	}
	char left[32];
	if (t->type == CT_DNUM) {
		cfg_split_dnum(t->text, left, sizeof(left), &b);
		if (parse_int(left, 0, MAX_SPEED, &a) && b >= 0 && b <= MAX_SPEED) {
			f->host->speed_out = (int)a;
			f->host->speed_in = (int)b;
			return;
		}
	}
	cfg_err(st, t->line, "speed: %s is invalid; use N or SERVER_TO_CLIENT:CLIENT_TO_SERVER in "
	        "kbit/s (0..%ld, 0 = unlimited)", cfg_q(st, t->text), MAX_SPEED);
}

/*
 * multi NUM, persist NUM and nat_hack 0: VTun stores the number itself. multi compares it with
 * its three values (0 deny, 1 allow, 2 killold); persist tests it for 0 and for 2 (keep), so any
 * other number reconnects like yes. nat_hack/delay_udp OR the number into the flag word after
 * clearing their own bits, so only 0 (no) means what it says: 1 turns on zlib, 2 LZO, and so
 * on. Numbers without a meaning stay errors. False when t is not a number to take.
 */
enum enum_kw { EK_MULTI, EK_PERSIST, EK_NAT };

static bool enum_number(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                        enum enum_kw which, int *out)
{
	static const char *const multi_words[] = { "no", "yes", "killold" };
	static const char *const persist_words[] = { "no", "yes", "keep" };
	static const long max[] = { [EK_MULTI] = 2, [EK_PERSIST] = 0x7fffffffL, [EK_NAT] = 0 };
	long n;
	const char *word;
	if (t->type != CT_NUM || !parse_int(t->text, 0, max[which], &n))
		return false;
	if (which == EK_MULTI) {
		*out = n == 0 ? VT_MULTI_DENY : n == 1 ? VT_MULTI_ALLOW : VT_MULTI_KILLOLD;
		word = multi_words[n];
	} else if (which == EK_PERSIST) {
		*out = n == 0 ? VT_PERSIST_NO : n == 2 ? VT_PERSIST_KEEP : VT_PERSIST_YES;
		word = persist_words[n == 0 ? 0 : n == 2 ? 2 : 1];
	} else {
		*out = VT_NAT_NO;
		word = "no";
	}
	cfg_warn(st, t->line, "%s %ld is read as '%s %s' (VTun takes the number as the value); "
	         "write '%s %s;'", kw->text, n, kw->text, word, kw->text, word);
	return true;
}

/* multi, persist, nat_hack: a word from a list (VTun also takes the word's number). */
static void h_enum(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                   struct cfg_vals *v)
{
	static const struct cfg_choice multi[] = {
		{ "yes", VT_MULTI_ALLOW }, { "allow", VT_MULTI_ALLOW }, { "no", VT_MULTI_DENY },
		{ "deny", VT_MULTI_DENY }, { "killold", VT_MULTI_KILLOLD }, { NULL, 0 },
	};
	static const struct cfg_choice persist[] = {
		{ "yes", VT_PERSIST_YES }, { "no", VT_PERSIST_NO }, { "keep", VT_PERSIST_KEEP },
		{ NULL, 0 },
	};
	static const struct cfg_choice nat[] = {
		{ "no", VT_NAT_NO }, { "client", VT_NAT_CLIENT }, { "server", VT_NAT_SERVER },
		{ NULL, 0 },
	};
	bool is_multi = !strcmp(kw->text, "multi"), is_persist = !strcmp(kw->text, "persist");
	const struct cfg_choice *c = is_multi ? multi : is_persist ? persist : nat;
	int val;
	if (!cfg_want_n(st, kw, v, 1, "one value"))
		return;
	enum enum_kw which = is_multi ? EK_MULTI : is_persist ? EK_PERSIST : EK_NAT;
	if (!enum_number(st, kw, v->v[0], which, &val) && !cfg_get_choice(st, kw, v->v[0], c, &val))
		return;
	if (is_multi)
		f->host->multi = (enum vt_multi)val;
	else if (is_persist)
		f->host->persist = (enum vt_persist)val;
	else
		f->host->nat_hack = (enum vt_nat_hack)val;
}

const struct cfg_kw cfg_host_kw[] = {
	{ "passwd", h_passwd },
	{ "password", h_passwd },
	{ "type", h_type },
	{ "proto", h_proto },
	{ "device", h_device },
	{ "compress", h_compress },
	{ "encrypt", h_encrypt },
	{ "keepalive", h_keepalive },
	{ "timeout", h_timeout },
	{ "stat", h_bool },
	{ "speed", h_speed },
	{ "multi", h_enum },
	{ "persist", h_enum },
	{ "srcaddr", NULL },
	{ "nat_hack", h_enum },
	{ "delay_udp", h_enum },
	{ "sslauth", h_bool },
	{ "up", NULL },
	{ "down", NULL },
	{ NULL, NULL },
};

static void src_word(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                     struct cfg_vals *v)
{
	char **dst = !strcmp(kw->text, "addr") ? &f->host->src_addr : &f->host->src_iface;
	if (cfg_want_n(st, kw, v, 1, "an address or interface name"))
		cfg_get_word(st, kw, v->v[0], true, dst);
}

static void src_port(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                     struct cfg_vals *v)
{
	long n;
	if (cfg_want_n(st, kw, v, 1, "a port number 0..65535") &&
	    cfg_get_int(st, kw, v->v[0], 0, 65535, &n))
		f->host->src_port = (int)n;
}

const struct cfg_kw cfg_srcaddr_kw[] = {
	{ "addr", src_word },
	{ "iface", src_word },
	{ "port", src_port },
	{ NULL, NULL },
};
