/* SPDX-License-Identifier: ISC */
/*
 * The configuration model: what vtund.conf means after parsing. Both the server and the
 * client read it; nothing else holds configuration. Read-only after load.
 */
#ifndef VTUN_VTCONFIG_H
#define VTUN_VTCONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "config/names.h"       /* enum vt_compress, VT_CIPHER_*, the cipher and compress names */

enum vt_dev_type { VT_DEV_TTY = 0, VT_DEV_PIPE, VT_DEV_ETHER, VT_DEV_TUN };
enum vt_proto { VT_PROTO_TCP = 0, VT_PROTO_UDP };
enum vt_multi { VT_MULTI_ALLOW = 0, VT_MULTI_DENY, VT_MULTI_KILLOLD };
enum vt_persist { VT_PERSIST_NO = 0, VT_PERSIST_YES, VT_PERSIST_KEEP };
enum vt_nat_hack { VT_NAT_NO = 0, VT_NAT_CLIENT, VT_NAT_SERVER };

/* Which up/down keyword produced a command; decides the program path and the wait rule. */
enum vt_cmd_kind {
	VT_CMD_PROGRAM = 0, /* program [PATH] ["args"] [wait|NUM] */
	VT_CMD_PPP,         /* options' ppp path, parent then sleeps 10 s */
	VT_CMD_IFCONFIG,    /* the rest always wait */
	VT_CMD_ROUTE,
	VT_CMD_FIREWALL,
	VT_CMD_IP,
};

/* VTun's wait values for `program`: 0 = don't wait, 1 = wait, 2 = wait 10 s after start. */
enum vt_cmd_wait { VT_WAIT_NO = 0, VT_WAIT_YES = 1, VT_WAIT_DELAY = 2 };

struct vt_cmd {
	enum vt_cmd_kind kind;
	char *path;  /* program to exec; NULL for `program` without PATH (= /bin/sh -c args) */
	char *args;  /* argument string before %-macro expansion; NULL if none */
	int wait;    /* enum vt_cmd_wait (already set to YES for ifconfig/route/firewall/ip) */
	struct vt_cmd *next;
};

struct vt_host {
	char *name;
	char *passwd;
	char *device;               /* NULL: the kernel picks */
	enum vt_dev_type type;      /* default tty */
	enum vt_proto proto;        /* default tcp */
	enum vt_compress compress;
	int comp_level;             /* zlib/lzo level (0..9) when compress != NONE */
	int cipher;                 /* VT_CIPHER_* / wire code */
	bool keepalive;
	int ka_interval;            /* seconds, default 30 */
	int ka_maxfail;             /* default 4 */
	int timeout;                /* connect / UDP port exchange timeout, default 30 */
	bool stat;
	int speed_out;              /* kbit/s the server sends (first of speed A:B); 0 = off */
	int speed_in;               /* kbit/s the client sends (second; announced as S<n>) */
	enum vt_multi multi;
	enum vt_persist persist;
	enum vt_nat_hack nat_hack;
	bool sslauth;               /* true: Blowfish challenge (default); false: XOR */
	char *src_addr;             /* srcaddr { addr ...; } */
	char *src_iface;            /* srcaddr { iface ...; } */
	int src_port;               /* srcaddr { port ...; }, 0 = any */
	struct vt_cmd *up;
	struct vt_cmd *down;
	int line;                   /* line of the section header, for messages */
	struct vt_host *next;
};

enum vt_family { VT_FAMILY_ANY = 0, VT_FAMILY_V4 = 4, VT_FAMILY_V6 = 6 };

struct vt_options {
	int port;                   /* default 5000 */
	char *bind_addr;            /* bindaddr { addr ...; } */
	char *bind_iface;           /* bindaddr { iface ...; } */
	bool inetd;                 /* type inetd */
	int timeout;                /* handshake read timeout, default 30 */
	int syslog_facility;        /* LOG_DAEMON by default (value as in <syslog.h>) */
	char *ppp, *ifconfig, *route, *firewall, *ip;  /* program paths, defaults from VTun */
	char *iface;                /* accepted and stored, unused (as in VTun) */
	enum vt_family family;      /* Debian's ipv4; / ipv6; */
};

struct vt_config {
	char *file;                 /* path it was read from */
	struct vt_options opt;
	struct vt_host *hosts;      /* in file order */
};

/* Fill options/host with VTun's built-in defaults (strings are strdup'ed). */
void vt_options_defaults(struct vt_options *opt);
void vt_host_defaults(struct vt_host *h);

/* Deep copy of a host (used for `default` merging); NULL on allocation failure. */
struct vt_host *vt_host_dup(const struct vt_host *src);
void vt_host_free(struct vt_host *h);
struct vt_cmd *vt_cmd_list_dup(const struct vt_cmd *src);
void vt_cmd_list_free(struct vt_cmd *c);

struct vt_config *vt_config_new(void);
void vt_config_free(struct vt_config *cfg);
const struct vt_host *vt_config_find_host(const struct vt_config *cfg, const char *name);

/*
 * Parse a vtund.conf. Every error is reported through the log as "file:line: message" and
 * parsing continues; returns NULL if any error occurred (nerrors set), else the model.
 * Warnings (e.g. a world-readable file with passwords) do not fail the parse.
 */
struct vt_config *vt_config_load(const char *path, int *nerrors);
/* Same, from a memory buffer; `name` is used in messages. */
struct vt_config *vt_config_load_buffer(const char *name, const char *text, size_t len, int *nerrors);

/* Write the configuration in the normal form that re-parses to the same model. */
void vt_config_print(const struct vt_config *cfg, FILE *out);

const char *vt_dev_type_name(enum vt_dev_type t);

#endif
