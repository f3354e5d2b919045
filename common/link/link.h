/* SPDX-License-Identifier: ISC */
/*
 * The per-session relay (doc/PROTOCOL.md §5, §6): device ⇄ frames ⇄ TCP or UDP socket on one libev loop, with
 * VTun's echo keepalive, connection-close frames, statistics and session signals.
 */
#ifndef VTUN_LINK_H
#define VTUN_LINK_H

#include <ev.h>
#include <stdbool.h>
#include <stdint.h>

#include "dev/dev.h"
#include "filter/filter.h"
#include "framing/framing.h"
#include "secure/keys.h"

enum link_end {
	LINK_END_NONE = 0,
	LINK_END_PEER_CLOSED,   /* CONN_CLOSE received */
	LINK_END_EOF,           /* the socket closed or failed */
	LINK_END_TIMEOUT,       /* keepalive: the peer stopped answering */
	LINK_END_PROTOCOL,      /* malformed input from the peer */
	LINK_END_DEVICE,        /* the device (pipe/tty program) went away */
	LINK_END_SIG_TERM,      /* SIGTERM/SIGINT: close and do not reconnect */
	LINK_END_SIG_HUP,       /* SIGHUP: close; a client reconnects at once */
	LINK_END_SETUP,         /* the session could not start (device, scripts) */
};

struct link_stats {
	uint64_t byte_in;   /* written to the device */
	uint64_t byte_out;  /* read from the device */
	uint64_t comp_in;   /* payload bytes received */
	uint64_t comp_out;  /* payload bytes sent */
};

struct link_params {
	const char *name;       /* session (host) name, for logs and the stat file */
	int sock;               /* connected TCP (or UDP) socket, non-blocking */
	struct vt_dev *dev;
	bool keepalive;
	int ka_interval;        /* seconds */
	int ka_maxfail;
	bool stat;              /* write the stat file */
	const char *stat_dir;   /* default /var/log/vtund */
	bool udp;               /* sock is a UDP socket: one frame per datagram */
	bool nat_wait;          /* UDP NAT hack: connect to the first datagram from peer_ip */
	const char *peer_ip;
	struct filter_chain *chain;  /* compression/cipher; NULL = none */
	int speed_kbit;         /* our sending speed limit; 0 = unlimited */
	const struct framing_ops *framing;  /* NULL = VTun 3.0 frames */
	struct secure_keys *secure;  /* non-NULL: a secure session (doc/SECURE.md §7, §8) */
};

/*
 * Run until the session ends; returns why. Uses (and leaves clean) the default libev loop.
 * Returns with SIGTERM, SIGINT and SIGHUP blocked (signal_watch_stop, base/signals.h): the
 * caller takes them over with signals_hold_resume(), so a late signal cannot kill the
 * session before its clean-up.
 */
enum link_end link_run(const struct link_params *p, struct link_stats *st);
const char *link_end_name(enum link_end e);

#endif
