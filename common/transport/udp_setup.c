/* SPDX-License-Identifier: ISC */
#include "transport/udp_setup.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/wait.h"
#include "transport/net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

uint16_t udp_port_from_wire(const uint8_t b[2], uint16_t peer_tcp_port)
{
	struct rbuf r;
	uint16_t le, be;

	rbuf_init(&r, b, 2);
	rbuf_get_le16(&r, &le);
	rbuf_init(&r, b, 2);   /* the same two bytes, read the other way */
	rbuf_get_be16(&r, &be);
	if (le == peer_tcp_port)
		return le;
	if (be == peer_tcp_port)
		return be;
	return le;
}

int udp_session_setup(int tcp_fd, int timeout_s, bool nat_wait)
{
	struct sockaddr_storage local, peer;
	socklen_t ll = sizeof(local), pl = sizeof(peer);
	if (getsockname(tcp_fd, (struct sockaddr *)&local, &ll) < 0 ||
	    getpeername(tcp_fd, (struct sockaddr *)&peer, &pl) < 0) {
		log_warn("Can't establish UDP session");
		return -1;
	}
	int fd = socket(local.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		log_warn("Can't establish UDP session: socket");
		return -1;
	}
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	net_big_buffers(fd);
	if (bind(fd, (struct sockaddr *)&local, ll) < 0) {
		log_warn("Can't establish UDP session: bind");
		close(fd);
		return -1;
	}
	uint16_t myport, peer_tcp_port;
	if (local.ss_family == AF_INET6) {
		myport = ntohs(((struct sockaddr_in6 *)&local)->sin6_port);
		peer_tcp_port = ntohs(((struct sockaddr_in6 *)&peer)->sin6_port);
	} else {
		myport = ntohs(((struct sockaddr_in *)&local)->sin_port);
		peer_tcp_port = ntohs(((struct sockaddr_in *)&peer)->sin_port);
	}
	/* Little-endian, as the Debian amd64 peer sends and expects it. */
	uint8_t out[2], in[2];
	struct wbuf w;
	wbuf_init(&w, out, sizeof(out));
	wbuf_put_le16(&w, myport);
	if (write(tcp_fd, out, 2) != 2 ||
	    wait_read_full(tcp_fd, in, sizeof(in), deadline_in(timeout_s)) < 0) {
		log_warnx("Can't read port number from the peer; Can't establish UDP session");
		close(fd);
		return -1;
	}
	uint16_t port = udp_port_from_wire(in, peer_tcp_port);
	if (local.ss_family == AF_INET6)
		((struct sockaddr_in6 *)&peer)->sin6_port = htons(port);
	else
		((struct sockaddr_in *)&peer)->sin_port = htons(port);
	if (!nat_wait && connect(fd, (struct sockaddr *)&peer, pl) < 0) {
		log_warn("Can't establish UDP session: connect");
		close(fd);
		return -1;
	}
	log_info("UDP connection initialized");
	return fd;
}

bool udp_nat_connect(int fd, const char *expect_ip)
{
	struct sockaddr_storage from;
	socklen_t fl = sizeof(from);
	uint8_t b;
	ssize_t n = recvfrom(fd, &b, 1, MSG_PEEK | MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
	if (n < 0)
		return false;
	char ip[NET_ADDRSTRLEN] = "", who[NET_ADDRSTRLEN + 8];
	net_format((struct sockaddr *)&from, who, sizeof(who));
	if (from.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&from)->sin_addr, ip, sizeof(ip));
	else if (from.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&from)->sin6_addr, ip, sizeof(ip));
	if (strcmp(ip, expect_ip) != 0) {
		/* VTun lets any first sender own the session; we only accept the peer's address. */
		log_warnx("NAT hack: ignored a datagram from %s (expected %s)", who, expect_ip);
		recv(fd, &b, 1, MSG_DONTWAIT);
		return false;
	}
	if (connect(fd, (struct sockaddr *)&from, fl) < 0) {
		log_warn("NAT hack: connect to %s", who);
		return false;
	}
	log_info("NAT hack: peer is %s", who);
	return true;
}
