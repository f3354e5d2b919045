/* SPDX-License-Identifier: ISC */
/* The tun-to-tun forwarder of tests/integration/offload_tun.sh (not a unit test). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <linux/if_tun.h>

#include "tests/unit/offload/pkt_ref.h"

/*
 * offload_fwd NETNS_A TUN_A NETNS_B TUN_B SECONDS
 * Attaches to two vnet-hdr tuns (one per namespace), enables offloads and forwards between
 * them the way the link will: read (super-packets) -> offload_split -> verify every segment
 * independently -> GRO -> write. Prints counters; exit 0 only if nothing was malformed.
 */
struct side {
	int fd;
	struct gro *gro;           /* writes into the OTHER side's tun */
	unsigned long reads, supers, gso_reads, segs, split_err, bad;
};

static volatile sig_atomic_t fwd_stop;
static void on_term(int sig) { (void)sig; fwd_stop = 1; }

static int tun_write(void *arg, const uint8_t *buf, size_t len)
{
	return (int)write(*(int *)arg, buf, len);
}

/* A forwarded packet must be a complete, correctly checksummed IP packet of <= MTU bytes. */
static bool seg_valid(const uint8_t *p, size_t len)
{
	if (len < 20 || len > MTU)
		return false;
	size_t l4 = iphl(p);
	uint8_t proto;
	if (p[0] >> 4 == 4) {
		if (l4 < 20 || l4 > len || get16(p + 2) != len || rfold(rsum(p, l4)) != 0xffff)
			return false;
		proto = p[9];
	} else if (p[0] >> 4 == 6) {
		if (len < 40 || get16(p + 4) + 40u != len)
			return false;
		proto = p[6];
	} else {
		return false;
	}
	if (proto == 1)
		return rfold(rsum(p + l4, len - l4)) == 0xffff;
	if (proto == 6 || proto == 58 || (proto == 17 && !(p[0] >> 4 == 4 && get16(p + l4 + 6) == 0)))
		return rfold(rpseudo(p, proto, len - l4) + rsum(p + l4, len - l4)) == 0xffff;
	return true;
}

static int attach(const char *ns, const char *name)
{
	int nfd = open(ns, O_RDONLY);
	if (nfd < 0 || setns(nfd, CLONE_NEWNET) < 0) {
		perror(ns);
		return -1;
	}
	close(nfd);
	int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK);
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI | 0x4000;   /* IFF_VNET_HDR */
	if (fd < 0 || ioctl(fd, TUNSETIFF, &ifr) < 0) {
		perror(name);
		return -1;
	}
	if (!offload_tun_enable(fd)) {
		fprintf(stderr, "offload_tun_enable(%s) refused\n", name);
		return -1;
	}
	return fd;
}

static void pump(struct side *s, uint8_t *buf)
{
	for (int n = 0; n < 64; n++) {
		ssize_t r = read(s->fd, buf, OFFLOAD_READ_MAX);
		if (r <= 0)
			break;
		s->reads++;
		if (r - VNET_HDR_LEN > MTU)
			s->supers++;
		if (buf[1] != VNET_GSO_NONE)
			s->gso_reads++;
		int k = offload_split(buf, (size_t)r, MTU, out, OUTCAP, lens, NMAX);
		if (k < 0) {
			s->split_err++;
			continue;
		}
		const uint8_t *o = out;
		for (int i = 0; i < k; o += lens[i], i++) {
			s->segs++;
			if (!seg_valid(o, lens[i]))
				s->bad++;
			gro_add(s->gro, o, lens[i]);
		}
	}
	gro_flush(s->gro);
}

static int forward_main(char **argv)
{
	struct side sd[2];
	uint8_t *buf = malloc(OFFLOAD_READ_MAX);
	memset(sd, 0, sizeof(sd));
	out = malloc(OUTCAP);
	if (!buf || !out)
		return 2;
	sd[0].fd = attach(argv[1], argv[2]);
	sd[1].fd = attach(argv[3], argv[4]);
	if (sd[0].fd < 0 || sd[1].fd < 0)
		return 2;
	sd[0].gro = gro_new(tun_write, &sd[1].fd);
	sd[1].gro = gro_new(tun_write, &sd[0].fd);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	time_t end = time(NULL) + atoi(argv[5]);
	printf("ready\n");
	fflush(stdout);
	while (!fwd_stop && time(NULL) < end) {
		struct pollfd pf[2] = { { sd[0].fd, POLLIN, 0 }, { sd[1].fd, POLLIN, 0 } };
		if (poll(pf, 2, 200) <= 0)
			continue;
		for (int i = 0; i < 2; i++)
			if (pf[i].revents & POLLIN)
				pump(&sd[i], buf);
	}
	int rc = 0;
	for (int i = 0; i < 2; i++) {
		struct gro_stats st;
		gro_get_stats(sd[i].gro, &st);
		printf("side %d: reads %lu supers %lu gso %lu segs %lu split_err %lu bad %lu | "
		       "gro in %lu writes %lu coalesced %lu bad_csum %lu write_err %lu\n", i,
		       sd[i].reads, sd[i].supers, sd[i].gso_reads, sd[i].segs, sd[i].split_err,
		       sd[i].bad, st.pkts_in, st.writes, st.coalesced, st.bad_csum, st.write_errors);
		if (sd[i].split_err || sd[i].bad || st.bad_csum || st.write_errors)
			rc = 1;
		gro_free(sd[i].gro);
		close(sd[i].fd);
	}
	free(buf);
	free(out);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: offload_fwd NETNS_A TUN_A NETNS_B TUN_B SECONDS\n");
		return 2;
	}
	return forward_main(argv);
}
