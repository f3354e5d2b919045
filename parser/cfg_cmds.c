/* SPDX-License-Identifier: ISC */
/*
 * Commands inside `up { ... };` / `down { ... };` (vtund.conf(5)). The program path of
 * ppp/ifconfig/route/firewall/ip is taken from `options` as it is when the command is
 * parsed, exactly as VTun binds it, so the command's path field is filled here.
 */
#include "parser/cfg_parse.h"
#include "base/util.h"

#include <string.h>

static void append(struct cfg_frame *f, struct vt_cmd *c)
{
	struct vt_cmd **tail = f->kind == CX_UP ? &f->host->up : &f->host->down;
	while (*tail)
		tail = &(*tail)->next;
	*tail = c;
}

/* program [PATH] ["args"] [wait|NUM]; the parts in any order, each at most once. */
static void c_program(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                      struct cfg_vals *v)
{
	const struct cfg_tok *path = NULL, *args = NULL, *wait = NULL;
	long w = VT_WAIT_NO;
	for (size_t i = 0; v && i < v->n; i++) {
		const struct cfg_tok *t = v->v[i], **slot;
		if (t->type == CT_PATH)
			slot = &path;
		else if (t->type == CT_STRING)
			slot = &args;
		else if ((t->type == CT_WORD && !strcmp(t->text, "wait")) || t->type == CT_NUM)
			slot = &wait;
		else {
			cfg_err(st, t->line, "program: unexpected %s (missing ';'?); use program [PATH] "
			        "[\"ARGS\"] [wait|0|1|2];", cfg_q(st, t->text));
			return;
		}
		if (*slot) {
			cfg_err(st, t->line, "program: %s given twice (%s and %s)",
			        slot == &path ? "a path" : slot == &args ? "an argument string" : "a wait value",
			        cfg_q(st, (*slot)->text), cfg_q(st, t->text));
			return;
		}
		*slot = t;
	}
	if (!path && !args) {
		cfg_err(st, kw->line, "program: needs a PATH and/or a quoted argument string");
		return;
	}
	if (wait && wait->type == CT_WORD)
		w = VT_WAIT_YES;
	else if (wait && !cfg_get_int(st, kw, wait, 0, 2, &w))
		return;
	struct vt_cmd *c = xcalloc(1, sizeof(*c));
	c->kind = VT_CMD_PROGRAM;
	c->path = path ? xstrdup(path->text) : NULL;
	c->args = args ? xstrdup(args->text) : NULL;
	c->wait = (int)w;
	append(f, c);
}

/* ppp/ifconfig/ifcfg/route/firewall/ip "args"; */
static void c_tool(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                   struct cfg_vals *v)
{
	const struct vt_options *o = &st->cfg->opt;
	if (!cfg_want_n(st, kw, v, 1, "one quoted argument string"))
		return;
	if (v->v[0]->type != CT_STRING) {
		cfg_err(st, v->v[0]->line, "%s: expected a quoted argument string, got %s", kw->text,
		        cfg_q(st, v->v[0]->text));
		return;
	}
	struct vt_cmd *c = xcalloc(1, sizeof(*c));
	const char *k = kw->text;
	c->wait = VT_WAIT_YES;
	if (!strcmp(k, "ppp")) {
		c->kind = VT_CMD_PPP;
		c->path = xstrdup(o->ppp);
		c->wait = VT_WAIT_DELAY;  /* VTun does not wait for pppd but sleeps 10 s */
	} else if (!strcmp(k, "ifconfig") || !strcmp(k, "ifcfg")) {
		c->kind = VT_CMD_IFCONFIG;
		c->path = xstrdup(o->ifconfig);
	} else if (!strcmp(k, "route")) {
		c->kind = VT_CMD_ROUTE;
		c->path = xstrdup(o->route);
	} else if (!strcmp(k, "firewall")) {
		c->kind = VT_CMD_FIREWALL;
		c->path = xstrdup(o->firewall);
	} else {
		c->kind = VT_CMD_IP;
		c->path = xstrdup(o->ip);
	}
	c->args = xstrdup(v->v[0]->text);
	append(f, c);
}

const struct cfg_kw cfg_cmd_kw[] = {
	{ "program", c_program },
	{ "ppp", c_tool },
	{ "ifconfig", c_tool },
	{ "ifcfg", c_tool },
	{ "route", c_tool },
	{ "firewall", c_tool },
	{ "ip", c_tool },
	{ NULL, NULL },
};
