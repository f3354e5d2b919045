/* SPDX-License-Identifier: ISC */
#include "config/vtconfig.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <syslog.h>

const char *vt_dev_type_name(enum vt_dev_type t)
{
	switch (t) {
	case VT_DEV_TTY: return "tty";
	case VT_DEV_PIPE: return "pipe";
	case VT_DEV_ETHER: return "ether";
	case VT_DEV_TUN: return "tun";
	}
	return "?";
}

void vt_options_defaults(struct vt_options *o)
{
	memset(o, 0, sizeof(*o));
	o->port = 5000;
	o->timeout = 30;
	o->syslog_facility = LOG_DAEMON;
	o->ppp = xstrdup("/usr/sbin/pppd");
	o->ifconfig = xstrdup("/sbin/ifconfig");
	o->route = xstrdup("/sbin/route");
	o->firewall = xstrdup("/sbin/ipchains");
	o->ip = xstrdup("/sbin/ip");
}

static void vt_options_free(struct vt_options *o)
{
	free(o->bind_addr);
	free(o->bind_iface);
	free(o->ppp);
	free(o->ifconfig);
	free(o->route);
	free(o->firewall);
	free(o->ip);
	free(o->iface);
}

void vt_host_defaults(struct vt_host *h)
{
	memset(h, 0, sizeof(*h));
	h->type = VT_DEV_TTY;
	h->proto = VT_PROTO_TCP;
	h->ka_interval = 30;
	h->ka_maxfail = 4;
	h->timeout = 30;
	h->sslauth = true;
}

struct vt_cmd *vt_cmd_list_dup(const struct vt_cmd *src)
{
	struct vt_cmd *head = NULL, **tail = &head;
	for (; src; src = src->next) {
		struct vt_cmd *c = xcalloc(1, sizeof(*c));
		c->kind = src->kind;
		c->path = xstrdup(src->path);
		c->args = xstrdup(src->args);
		c->wait = src->wait;
		*tail = c;
		tail = &c->next;
	}
	return head;
}

void vt_cmd_list_free(struct vt_cmd *c)
{
	while (c) {
		struct vt_cmd *n = c->next;
		free(c->path);
		free(c->args);
		free(c);
		c = n;
	}
}

struct vt_host *vt_host_dup(const struct vt_host *src)
{
	struct vt_host *h = xmalloc(sizeof(*h));
	*h = *src;
	h->name = xstrdup(src->name);
	h->passwd = xstrdup(src->passwd);
	h->device = xstrdup(src->device);
	h->src_addr = xstrdup(src->src_addr);
	h->src_iface = xstrdup(src->src_iface);
	h->up = vt_cmd_list_dup(src->up);
	h->down = vt_cmd_list_dup(src->down);
	h->next = NULL;
	return h;
}

void vt_host_free(struct vt_host *h)
{
	if (!h)
		return;
	free(h->name);
	free_secret(h->passwd);
	free(h->device);
	free(h->src_addr);
	free(h->src_iface);
	vt_cmd_list_free(h->up);
	vt_cmd_list_free(h->down);
	free(h);
}

struct vt_config *vt_config_new(void)
{
	struct vt_config *cfg = xcalloc(1, sizeof(*cfg));
	vt_options_defaults(&cfg->opt);
	return cfg;
}

void vt_config_free(struct vt_config *cfg)
{
	if (!cfg)
		return;
	struct vt_host *h = cfg->hosts;
	while (h) {
		struct vt_host *n = h->next;
		vt_host_free(h);
		h = n;
	}
	vt_options_free(&cfg->opt);
	free(cfg->file);
	free(cfg);
}

const struct vt_host *vt_config_find_host(const struct vt_config *cfg, const char *name)
{
	for (const struct vt_host *h = cfg->hosts; h; h = h->next)
		if (strcmp(h->name, name) == 0)
			return h;
	return NULL;
}
