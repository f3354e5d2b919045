/* SPDX-License-Identifier: ISC */
#include "transport/net.h"
#include "base/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "base/wait.h"

int net_set_nonblock(int fd, bool on)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -1;
	return fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
}

void net_format(const struct sockaddr *sa, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN] = "?";
	int port = 0;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &s->sin_addr, ip, sizeof(ip));
		port = ntohs(s->sin_port);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &s->sin6_addr, ip, sizeof(ip));
		port = ntohs(s->sin6_port);
	}
	snprintf(buf, len, "%s:%d", ip, port);
}

bool net_endpoint(int fd, bool local, char *ip, size_t iplen, int *port)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int r = local ? getsockname(fd, (struct sockaddr *)&ss, &sl)
	              : getpeername(fd, (struct sockaddr *)&ss, &sl);
	if (r < 0)
		return false;
	if (ss.ss_family == AF_INET) {
		struct sockaddr_in *s = (struct sockaddr_in *)&ss;
		inet_ntop(AF_INET, &s->sin_addr, ip, (socklen_t)iplen);
		*port = ntohs(s->sin_port);
	} else if (ss.ss_family == AF_INET6) {
		struct sockaddr_in6 *s = (struct sockaddr_in6 *)&ss;
		inet_ntop(AF_INET6, &s->sin6_addr, ip, (socklen_t)iplen);
		*port = ntohs(s->sin6_port);
	} else {
		return false;
	}
	return true;
}

void net_big_buffers(int fd)
{
	int sz = 4 * 1024 * 1024;
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
}

void net_tune_session(int fd)
{
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* The first address of `iface` in the wanted family, as text. */
static bool iface_address(const char *iface, int family, char *out, size_t len)
{
	struct ifaddrs *ifs, *i;
	bool found = false;
	if (getifaddrs(&ifs) < 0)
		return false;
	for (i = ifs; i && !found; i = i->ifa_next) {
		if (!i->ifa_addr || strcmp(i->ifa_name, iface) != 0)
			continue;
		int fam = i->ifa_addr->sa_family;
		if (fam != AF_INET && fam != AF_INET6)
			continue;
		if ((family == 4 && fam != AF_INET) || (family == 6 && fam != AF_INET6) ||
		    (family == 0 && fam != AF_INET))
			continue;
		const void *a = fam == AF_INET ? (const void *)&((struct sockaddr_in *)i->ifa_addr)->sin_addr
		                               : (const void *)&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
		found = inet_ntop(fam, a, out, (socklen_t)len) != NULL;
	}
	freeifaddrs(ifs);
	return found;
}

static struct addrinfo *resolve(const char *host, int port, int family, bool passive)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	char portstr[16];
	hints.ai_family = family == 4 ? AF_INET : family == 6 ? AF_INET6 : AF_UNSPEC;
	if (passive)
		hints.ai_flags = AI_PASSIVE;
	if (!host && !passive)
		return NULL;
	snprintf(portstr, sizeof(portstr), "%d", port);
	struct addrinfo *res = NULL;
	int e = getaddrinfo(host, portstr, &hints, &res);
	if (e) {
		log_warnx("Can't resolve %s: %s", host ? host : "(any)", gai_strerror(e));
		return NULL;
	}
	return res;
}

int net_listen(const char *addr, const char *iface, int port, int family)
{
	char ifaddr[INET6_ADDRSTRLEN];
	if (iface) {
		if (!iface_address(iface, family, ifaddr, sizeof(ifaddr))) {
			log_warnx("Can't bind to the socket: interface %s has no address", iface);
			return -1;
		}
		addr = ifaddr;
	}
	/* Without an address, listen on IPv4 "any" as VTun does unless -6/ipv6 was asked for. */
	if (!addr && family == 0)
		family = 4;
	struct addrinfo *res = resolve(addr, port, family, true);
	if (!res)
		return -1;
	int fd = -1;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
		if (fd < 0)
			continue;
		int one = 1;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 64) == 0)
			break;
		char where[NET_ADDRSTRLEN];
		net_format(ai->ai_addr, where, sizeof(where));
		log_warn("Can't bind to the socket %s", where);
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

static int connect_timeout(int fd, const struct sockaddr *sa, socklen_t sl, int timeout_s)
{
	net_set_nonblock(fd, true);
	int r = connect(fd, sa, sl);
	if (r < 0 && errno == EINPROGRESS) {
		r = wait_fd(fd, POLLOUT, deadline_in(timeout_s));
		if (r == 0)
			errno = ETIMEDOUT;
		if (r <= 0)
			return -1;
		int err = 0;
		socklen_t el = sizeof(err);
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
		if (err) {
			errno = err;
			return -1;
		}
		r = 0;
	}
	net_set_nonblock(fd, false);
	return r;
}

static bool bind_source(int fd, int af, const char *src_addr, const char *src_iface, int src_port)
{
	char ifaddr[INET6_ADDRSTRLEN];
	if (src_iface) {
		if (!iface_address(src_iface, af == AF_INET6 ? 6 : 4, ifaddr, sizeof(ifaddr))) {
			log_warnx("srcaddr: interface %s has no address", src_iface);
			return false;
		}
		src_addr = ifaddr;
	}
	if (!src_addr && !src_port)
		return true;
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct addrinfo *res = resolve(src_addr, src_port, af == AF_INET6 ? 6 : 4, true);
	if (!res)
		return false;
	bool ok = bind(fd, res->ai_addr, res->ai_addrlen) == 0;
	if (!ok)
		log_warn("Can't bind to the source address %s port %d", src_addr ? src_addr : "*", src_port);
	freeaddrinfo(res);
	return ok;
}

int net_connect(const char *host, int port, int family, const char *src_addr,
                const char *src_iface, int src_port, int timeout_s, bool quiet)
{
	struct addrinfo *res = resolve(host, port, family, false);
	if (!res)
		return -1;
	int fd = -1, err = 0;
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			err = errno;
			continue;
		}
		if (bind_source(fd, ai->ai_family, src_addr, src_iface, src_port) &&
		    connect_timeout(fd, ai->ai_addr, ai->ai_addrlen, timeout_s) == 0)
			break;
		err = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0 && !quiet)
		log_warnx("Connect to %s failed. %s(%d)", host, strerror(err), err);
	return fd;
}
