/* SPDX-License-Identifier: ISC */
/* Sockets: listening, connecting with a timeout, and naming addresses for logs and macros. */
#ifndef VTUN_NET_H
#define VTUN_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define NET_ADDRSTRLEN 64

/*
 * Listen on addr (NULL = any) or on the address of interface iface, port, family 0/4/6.
 * Returns the fd or -1 with a logged reason ("Can't bind to the socket ...").
 */
int net_listen(const char *addr, const char *iface, int port, int family);

/*
 * Connect to host:port within timeout_s seconds, optionally binding the source first
 * (src_addr or the address of src_iface, src_port). Returns a blocking fd or -1 (logged
 * unless quiet).
 */
int net_connect(const char *host, int port, int family, const char *src_addr,
                const char *src_iface, int src_port, int timeout_s, bool quiet);

/* "ip:port" of a socket address. */
void net_format(const struct sockaddr *sa, char *buf, size_t len);
/* IP text and port of a connected socket's local (local=true) or remote end. */
bool net_endpoint(int fd, bool local, char *ip, size_t iplen, int *port);
/* Put the TCP options VTun uses on an established session socket. */
void net_tune_session(int fd);
int net_set_nonblock(int fd, bool on);
/* Socket buffers big enough for bursts of batched frames (beyond the sysctl cap when root). */
void net_big_buffers(int fd);

#endif
