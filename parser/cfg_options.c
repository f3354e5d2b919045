/* SPDX-License-Identifier: ISC */
/* The `options { ... }` section and its `bindaddr { ... };` block (vtund.conf(5)). */
#include "parser/cfg_parse.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#define OPT(st) (&(st)->cfg->opt)

/* VTun sets port and type only while they are unset, so the first statement is the one used. */
static bool first_setting(struct cfg_state *st, const struct cfg_tok *kw, int *first_line)
{
	if (!*first_line) {
		*first_line = kw->line;
		return true;
	}
	cfg_warn(st, kw->line, "%s given again in options (first at line %d); as in VTun the first "
	         "one is used and this one is ignored", kw->text, *first_line);
	return false;
}

static void opt_port(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                     struct cfg_vals *v)
{
	long n;
	if (cfg_want_n(st, kw, v, 1, "a port number 1..65535") &&
	    cfg_get_int(st, kw, v->v[0], 1, 65535, &n) && first_setting(st, kw, &st->port_line))
		OPT(st)->port = (int)n;
}

static void opt_type(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                     struct cfg_vals *v)
{
	static const struct cfg_choice types[] = { { "stand", 0 }, { "inetd", 1 }, { NULL, 0 } };
	int t;
	if (cfg_want_n(st, kw, v, 1, "stand or inetd") &&
	    cfg_get_choice(st, kw, v->v[0], types, &t) && first_setting(st, kw, &st->type_line))
		OPT(st)->inetd = t == 1;
}

static void opt_timeout(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                        struct cfg_vals *v)
{
	long n;
	if (cfg_want_n(st, kw, v, 1, "seconds 1..86400") &&
	    cfg_get_int(st, kw, v->v[0], 1, 86400, &n))
		OPT(st)->timeout = (int)n;
}

static void opt_syslog(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                       struct cfg_vals *v)
{
	int fac;
	long n;
	if (!cfg_want_n(st, kw, v, 1, "a facility name or number"))
		return;
	const struct cfg_tok *t = v->v[0];
	if (t->type == CT_NUM) {
		/* A number is the <syslog.h> value itself (facility code << 3), as in VTun. */
		if (!cfg_get_int(st, kw, t, 0, LOG_LOCAL7, &n))
			return;
		if (n & ~LOG_FACMASK) {
			cfg_err(st, t->line, "syslog: %ld is not a facility value (a multiple of 8 up to "
			        "%d, or a name such as daemon or local0)", n, LOG_LOCAL7);
			return;
		}
		OPT(st)->syslog_facility = (int)n;
	} else if (cfg_get_choice(st, kw, t, cfg_facilities, &fac)) {
		OPT(st)->syslog_facility = fac;
	}
}

static char **path_field(struct vt_options *o, const char *kw)
{
	if (!strcmp(kw, "ppp"))
		return &o->ppp;
	if (!strcmp(kw, "ifconfig") || !strcmp(kw, "ifcfg"))
		return &o->ifconfig;
	if (!strcmp(kw, "route"))
		return &o->route;
	if (!strcmp(kw, "firewall"))
		return &o->firewall;
	return &o->ip;
}

static void opt_path(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                     struct cfg_vals *v)
{
	if (!cfg_want_n(st, kw, v, 1, "a program path such as /sbin/ip"))
		return;
	if (v->v[0]->type != CT_PATH) {
		cfg_err(st, v->v[0]->line, "%s: expected an absolute program path such as /sbin/%s, "
		        "got %s", kw->text, kw->text, cfg_q(st, v->v[0]->text));
		return;
	}
	cfg_set_str(path_field(OPT(st), kw->text), v->v[0]->text);
}

static void opt_iface(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                      struct cfg_vals *v)
{
	if (!cfg_want_n(st, kw, v, 1, "a quoted interface name"))
		return;
	const struct cfg_tok *t = v->v[0];
	/* VTun's grammar has only iface STRING here (unlike bindaddr/srcaddr, which take a word) */
	if (t->type != CT_STRING) {
		cfg_err(st, t->line, "iface: VTun takes only a quoted name in options: iface \"%s\";",
		        t->text);
		return;
	}
	if (!*t->text)
		cfg_warn(st, t->line, "iface \"\": empty interface name (accepted as in VTun; options' "
		         "iface is never used)");
	cfg_set_str(&OPT(st)->iface, t->text);
}

static void opt_family(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                       struct cfg_vals *v)
{
	if (cfg_want_n(st, kw, v, 0, "nothing"))
		OPT(st)->family = kw->text[3] == '4' ? VT_FAMILY_V4 : VT_FAMILY_V6;
}

const struct cfg_kw cfg_options_kw[] = {
	{ "port", opt_port },
	{ "bindaddr", NULL },
	{ "type", opt_type },
	{ "timeout", opt_timeout },
	{ "syslog", opt_syslog },
	{ "ppp", opt_path },
	{ "ifconfig", opt_path },
	{ "ifcfg", opt_path },
	{ "route", opt_path },
	{ "firewall", opt_path },
	{ "ip", opt_path },
	{ "iface", opt_iface },
	{ "ipv4", opt_family },
	{ "ipv6", opt_family },
	{ NULL, NULL },
};

static void bind_addr(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                      struct cfg_vals *v)
{
	bool addr = !strcmp(kw->text, "addr");
	char **dst = addr ? &OPT(st)->bind_addr : &OPT(st)->bind_iface;
	if (!cfg_want_n(st, kw, v, 1, "an address or interface name") ||
	    !cfg_get_word(st, kw, v->v[0], !addr, dst))  /* VTun: addr WORD, iface WORD|STRING */
		return;
	/* one listen address: the last bindaddr statement wins, as in VTun */
	char **other = addr ? &OPT(st)->bind_iface : &OPT(st)->bind_addr;
	free(*other);
	*other = NULL;
}

const struct cfg_kw cfg_bindaddr_kw[] = {
	{ "addr", bind_addr },
	{ "iface", bind_addr },
	{ NULL, NULL },
};
