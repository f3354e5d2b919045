/* SPDX-License-Identifier: ISC */
/*
 * The normal form: every option explicit, no `default` section (hosts fully merged), a fixed
 * keyword order, one command per line (so the greedy string rule can never merge two
 * strings). Parsing the output gives the same model, so printing it again gives the same text.
 */
#include "parser/cfg_parse.h"

#include <stdio.h>
#include <string.h>

/* A word if it reads back as one, else quoted (only values that accept a string get here). */
static void print_value(FILE *out, const char *s)
{
	if (cfg_is_word_text(s))
		fputs(s, out);
	else
		fprintf(out, "\"%s\"", s);
}

static const char *facility_name(int fac)
{
	for (const struct cfg_choice *c = cfg_facilities; c->name; c++)
		if (c->value == fac)
			return c->name;
	return NULL;
}

static void print_options(const struct vt_options *o, FILE *out)
{
	const char *fac = facility_name(o->syslog_facility);
	const struct { const char *kw; const char *path; } paths[] = {
		{ "ppp", o->ppp }, { "ifconfig", o->ifconfig }, { "route", o->route },
		{ "firewall", o->firewall }, { "ip", o->ip },
	};
	fprintf(out, "options {\n\tport %d;\n\ttype %s;\n\ttimeout %d;\n", o->port,
	        o->inetd ? "inetd" : "stand", o->timeout);
	if (fac)
		fprintf(out, "\tsyslog %s;\n", fac);
	else
		fprintf(out, "\tsyslog %d;\n", o->syslog_facility);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (paths[i].path)
			fprintf(out, "\t%s %s;\n", paths[i].kw, paths[i].path);
	if (o->iface)
		fprintf(out, "\tiface \"%s\";\n", o->iface);
	if (o->family == VT_FAMILY_V4 || o->family == VT_FAMILY_V6)
		fprintf(out, "\tipv%d;\n", (int)o->family);
	if (o->bind_addr || o->bind_iface) {
		fputs("\tbindaddr {\n", out);
		if (o->bind_addr) {
			fputs("\t\taddr ", out);
			print_value(out, o->bind_addr);
			fputs(";\n", out);
		}
		if (o->bind_iface) {
			fputs("\t\tiface ", out);
			print_value(out, o->bind_iface);
			fputs(";\n", out);
		}
		fputs("\t};\n", out);
	}
	fputs("}\n", out);
}

/* The options path a non-program command gets bound to, or NULL. */
static const char *tool_path(const struct vt_options *o, enum vt_cmd_kind k, const char **kw)
{
	switch (k) {
	case VT_CMD_PPP: *kw = "ppp"; return o->ppp;
	case VT_CMD_IFCONFIG: *kw = "ifconfig"; return o->ifconfig;
	case VT_CMD_ROUTE: *kw = "route"; return o->route;
	case VT_CMD_FIREWALL: *kw = "firewall"; return o->firewall;
	case VT_CMD_IP: *kw = "ip"; return o->ip;
	case VT_CMD_PROGRAM: break;
	}
	return NULL;
}

static void print_cmd(const struct vt_options *o, const struct vt_cmd *c, FILE *out)
{
	const char *kw = NULL;
	const char *bound = tool_path(o, c->kind, &kw);
	/* A tool command whose path differs from options' (options came later) keeps its path. */
	if (bound && c->args && c->path && strcmp(bound, c->path) == 0) {
		fprintf(out, "\t\t%s \"%s\";\n", kw, c->args);
		return;
	}
	fputs("\t\tprogram", out);
	if (c->path)
		fprintf(out, " %s", c->path);
	if (c->args)
		fprintf(out, " \"%s\"", c->args);
	if (c->wait == VT_WAIT_YES)
		fputs(" wait", out);
	else if (c->wait != VT_WAIT_NO)
		fprintf(out, " %d", c->wait);
	fputs(";\n", out);
}

static void print_cmds(const struct vt_options *o, const char *kw, const struct vt_cmd *c,
                       FILE *out)
{
	if (!c)
		return;
	fprintf(out, "\t%s {\n", kw);
	for (; c; c = c->next)
		print_cmd(o, c, out);
	fputs("\t};\n", out);
}

static void print_keepalive(const struct vt_host *h, FILE *out)
{
	if (h->keepalive)
		fprintf(out, "\tkeepalive %d:%d;\n", h->ka_interval, h->ka_maxfail);
	else if (h->ka_interval == 30 && h->ka_maxfail == 4)
		fputs("\tkeepalive no;\n", out);
	else if (h->ka_interval == 0)
		fprintf(out, "\tkeepalive 0:%d;\n", h->ka_maxfail);
	else  /* off, but with a remembered I:N that a later `keepalive yes` would use */
		fprintf(out, "\tkeepalive %d:%d;\n\tkeepalive no;\n", h->ka_interval, h->ka_maxfail);
}

static void print_host(const struct vt_options *o, const struct vt_host *h, FILE *out)
{
	static const char *const multi[] = { "allow", "deny", "killold" };
	static const char *const persist[] = { "no", "yes", "keep" };
	static const char *const nat[] = { "no", "client", "server" };
	const char *cipher = vt_cipher_name(h->cipher);

	fprintf(out, "%s {\n\tpasswd %s;\n\ttype %s;\n\tproto %s;\n", h->name,
	        h->passwd ? h->passwd : "", vt_dev_type_name(h->type),
	        h->proto == VT_PROTO_UDP ? "udp" : "tcp");
	if (h->device)
		fprintf(out, "\tdevice %s;\n", h->device);
	if (h->compress == VT_COMP_NONE)
		fputs("\tcompress no;\n", out);
	else
		fprintf(out, "\tcompress %s:%d;\n",
		        vt_compress_name(h->compress == VT_COMP_LZO ? VT_COMP_LZO : VT_COMP_ZLIB),
		        h->comp_level);
	if (cipher)
		fprintf(out, "\tencrypt %s;\n", cipher);
	else
		fprintf(out, "\tencrypt %d;\n", h->cipher);
	print_keepalive(h, out);
	fprintf(out, "\ttimeout %d;\n\tstat %s;\n\tspeed %d:%d;\n", h->timeout,
	        h->stat ? "yes" : "no", h->speed_out, h->speed_in);
	fprintf(out, "\tmulti %s;\n\tpersist %s;\n\tnat_hack %s;\n\tsslauth %s;\n",
	        multi[h->multi <= VT_MULTI_KILLOLD ? h->multi : 0],
	        persist[h->persist <= VT_PERSIST_KEEP ? h->persist : 0],
	        nat[h->nat_hack <= VT_NAT_SERVER ? h->nat_hack : 0], h->sslauth ? "yes" : "no");
	if (h->src_addr || h->src_iface || h->src_port) {
		fputs("\tsrcaddr {\n", out);
		if (h->src_addr) {
			fputs("\t\taddr ", out);
			print_value(out, h->src_addr);
			fputs(";\n", out);
		}
		if (h->src_iface) {
			fputs("\t\tiface ", out);
			print_value(out, h->src_iface);
			fputs(";\n", out);
		}
		if (h->src_port)
			fprintf(out, "\t\tport %d;\n", h->src_port);
		fputs("\t};\n", out);
	}
	print_cmds(o, "up", h->up, out);
	print_cmds(o, "down", h->down, out);
	fputs("}\n", out);
}

void vt_config_print(const struct vt_config *cfg, FILE *out)
{
	print_options(&cfg->opt, out);
	for (const struct vt_host *h = cfg->hosts; h; h = h->next) {
		fputc('\n', out);
		print_host(&cfg->opt, h, out);
	}
}
