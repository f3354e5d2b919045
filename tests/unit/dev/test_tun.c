/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/dev/tun.c (tun and tap). They need root and /dev/net/tun and run in a
 * private network namespace (so nothing shows on the host); when they cannot run, the
 * program exits 77 instead of passing silently.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dev/dev.h"
#include "dev_test_util.h"

static bool tun_usable;

static void need_tun(void)
{
	if (!tun_usable)
		skip();
}

static void test_tun_named(void **state)
{
	(void)state;
	need_tun();
	struct vt_dev d;
	assert_int_equal(vt_dev_open(&d, VT_DEV_TUN, "vtuntest0"), 0);
	assert_string_equal(d.name, "vtuntest0");
	assert_int_equal(d.peer_fd, -1);
	check_fd_flags(&d);
	assert_true(if_nametoindex("vtuntest0") > 0);

	/* a second open of the same name fails: the first fd holds it */
	struct vt_dev d2;
	assert_int_equal(vt_dev_open(&d2, VT_DEV_ETHER, "vtuntest0"), -1);
	assert_int_equal(d2.fd, -1);

	vt_dev_close(&d);
	vt_dev_close(&d);
	assert_int_equal(if_nametoindex("vtuntest0"), 0);   /* not persistent */
}

static void test_tun_kernel_names(void **state)
{
	(void)state;
	need_tun();
	struct vt_dev a, b, c;
	assert_int_equal(vt_dev_open(&a, VT_DEV_TUN, NULL), 0);
	assert_memory_equal(a.name, "tun", 3);
	assert_true(if_nametoindex(a.name) > 0);
	assert_int_equal(vt_dev_open(&b, VT_DEV_TUN, ""), 0);
	assert_memory_equal(b.name, "tun", 3);
	assert_string_not_equal(a.name, b.name);
	assert_int_equal(vt_dev_open(&c, VT_DEV_TUN, "vtp%d"), 0);   /* kernel-expanded */
	assert_string_equal(c.name, "vtp0");
	assert_true(if_nametoindex("vtp0") > 0);
	vt_dev_close(&a);
	vt_dev_close(&b);
	vt_dev_close(&c);
}

static void test_tun_name_length(void **state)
{
	(void)state;
	need_tun();
	struct vt_dev d;
	assert_int_equal(vt_dev_open(&d, VT_DEV_TUN, "abcdefghijklmnop"), -1);   /* 16 */
	assert_int_equal(d.fd, -1);
	assert_string_equal(d.name, "");
	assert_int_equal(vt_dev_open(&d, VT_DEV_ETHER, "abcdefghijklmnopqrstuvwxyz0123456789"), -1);
	assert_int_equal(vt_dev_open(&d, VT_DEV_TUN, "abcdefghijklmno"), 0);     /* 15 */
	assert_string_equal(d.name, "abcdefghijklmno");
	vt_dev_close(&d);
	assert_int_equal(vt_dev_open(&d, VT_DEV_TUN, "bad/name"), -1);          /* kernel says no */
}

static void test_tap(void **state)
{
	(void)state;
	need_tun();
	struct vt_dev d, k;
	assert_int_equal(vt_dev_open(&d, VT_DEV_ETHER, "vtaptest0"), 0);
	assert_string_equal(d.name, "vtaptest0");
	check_fd_flags(&d);
	assert_true(if_nametoindex("vtaptest0") > 0);
	assert_int_equal(vt_dev_open(&k, VT_DEV_ETHER, NULL), 0);
	assert_memory_equal(k.name, "tap", 3);
	vt_dev_close(&k);
	vt_dev_close(&d);
	assert_int_equal(if_nametoindex("vtaptest0"), 0);
}

static uint16_t ip_sum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t s = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (n & 1)
		s += (uint32_t)b[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return htons((uint16_t)~s);
}

/* An ICMP echo request from 10.77.0.2 to 10.77.0.1 (our address). */
static size_t make_ping(uint8_t *pkt)
{
	struct iphdr *ip = (struct iphdr *)pkt;
	struct icmphdr *ic = (struct icmphdr *)(pkt + sizeof(*ip));
	const size_t len = sizeof(*ip) + sizeof(*ic) + 8;
	memset(pkt, 0, len);
	ip->version = 4;
	ip->ihl = 5;
	ip->tot_len = htons((uint16_t)len);
	ip->id = htons(0x1234);
	ip->ttl = 64;
	ip->protocol = IPPROTO_ICMP;
	ip->saddr = inet_addr("10.77.0.2");
	ip->daddr = inet_addr("10.77.0.1");
	ip->check = ip_sum(ip, sizeof(*ip));
	ic->type = ICMP_ECHO;
	ic->un.echo.id = htons(77);
	ic->un.echo.sequence = htons(1);
	memcpy(pkt + sizeof(*ip) + sizeof(*ic), "vtuntest", 8);
	ic->checksum = ip_sum(ic, sizeof(*ic) + 8);
	return len;
}

static void set_addr_up(const char *name)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;
	assert_true(s >= 0);
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = inet_addr("10.77.0.1");
	assert_int_equal(ioctl(s, SIOCSIFADDR, &ifr), 0);
	sin->sin_addr.s_addr = inet_addr("255.255.255.0");
	assert_int_equal(ioctl(s, SIOCSIFNETMASK, &ifr), 0);
	assert_int_equal(ioctl(s, SIOCGIFFLAGS, &ifr), 0);
	ifr.ifr_flags |= IFF_UP;
	assert_int_equal(ioctl(s, SIOCSIFFLAGS, &ifr), 0);
	close(s);
}

/*
 * The kernel answers our ping: one write in = one packet, one read out = one packet. With
 * offloads every packet carries a 10-byte virtio header in front (zero = a plain packet).
 */
static void tun_ping(bool offload)
{
	need_tun();
	struct vt_dev d;
	/* packets are built and parsed in aligned buffers; the wire copies carry the header */
	uint8_t ping[128] __attribute__((aligned(8))), pkt[10 + 128], in[10 + 2048];
	uint8_t p_al[2048] __attribute__((aligned(8)));
	size_t hl = offload ? 10 : 0;
	memset(pkt, 0, sizeof(pkt));
	size_t len = hl + make_ping(ping);
	memcpy(pkt + hl, ping, len - hl);

	vt_dev_set_offload(offload);
	assert_int_equal(vt_dev_open(&d, VT_DEV_TUN, "vtpkt0"), 0);
	vt_dev_set_offload(true);
	assert_int_equal(d.vnet, offload);
	assert_int_equal(d.ops->read(&d, in, sizeof(in)), -1);     /* idle */
	assert_int_equal(errno, EAGAIN);
	/* down interface: the kernel refuses, and we pass that on */
	assert_int_equal(d.ops->write(&d, pkt, len), -1);
	assert_int_equal(errno, EIO);

	set_addr_up("vtpkt0");
	assert_int_equal(d.ops->write(&d, pkt, len), (ssize_t)len);
	bool replied = false;
	while (!replied && ready_for(d.fd, 3000)) {
		ssize_t n = d.ops->read(&d, in, sizeof(in));
		assert_true(n > (ssize_t)hl);
		memcpy(p_al, in + hl, (size_t)n - hl);
		const uint8_t *p = p_al;
		const struct iphdr *ip = (const struct iphdr *)p;
		if ((p[0] >> 4) != 4 || ip->protocol != IPPROTO_ICMP)
			continue;   /* e.g. IPv6 router solicitations */
		const struct icmphdr *ic = (const struct icmphdr *)(p + ip->ihl * 4);
		assert_int_equal((size_t)n, len);   /* exactly one packet, no PI header */
		assert_int_equal(ic->type, ICMP_ECHOREPLY);
		assert_int_equal(ip->saddr, inet_addr("10.77.0.1"));
		assert_int_equal(ip->daddr, inet_addr("10.77.0.2"));
		assert_memory_equal(p + ip->ihl * 4 + sizeof(*ic), "vtuntest", 8);
		replied = true;
	}
	assert_true(replied);
	vt_dev_close(&d);
}

static void test_tun_packets(void **state)
{
	(void)state;
	tun_ping(false);
}

static void test_tun_packets_offload(void **state)
{
	(void)state;
	tun_ping(true);
}

/*
 * A tap carries Ethernet frames: a broadcast ARP request for our address gets a reply. With
 * offloads every frame carries a 10-byte virtio header in front (zero = a plain frame).
 */
static void tap_arp(bool offload)
{
	need_tun();
	struct vt_dev d;
	size_t hl = offload ? 10 : 0;
	uint8_t buf[10 + 42], fin[10 + 2048];
	uint8_t *f = buf + hl, *in = fin + hl;
	const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x77 };

	vt_dev_set_offload(offload);
	assert_int_equal(vt_dev_open(&d, VT_DEV_ETHER, "vtfrm0"), 0);
	vt_dev_set_offload(true);
	assert_int_equal(d.vnet, offload);
	set_addr_up("vtfrm0");
	memset(buf, 0, sizeof(buf));
	memset(f, 0xff, 6);
	memcpy(f + 6, mac, 6);
	f[12] = 0x08; f[13] = 0x06;                          /* ARP */
	const uint8_t arp[8] = { 0, 1, 8, 0, 6, 4, 0, 1 };   /* Ethernet/IPv4 request */
	memcpy(f + 14, arp, 8);
	memcpy(f + 22, mac, 6);
	in_addr_t sip = inet_addr("10.77.0.2"), tip = inet_addr("10.77.0.1");
	memcpy(f + 28, &sip, 4);
	memset(f + 32, 0, 6);
	memcpy(f + 38, &tip, 4);
	assert_int_equal(d.ops->write(&d, buf, hl + 42), (ssize_t)(hl + 42));
	bool replied = false;
	while (!replied && ready_for(d.fd, 3000)) {
		ssize_t n = d.ops->read(&d, fin, sizeof(fin));
		assert_true(n >= (ssize_t)(hl + 42));
		if (in[12] != 0x08 || in[13] != 0x06)
			continue;
		assert_memory_equal(in, mac, 6);          /* to us */
		assert_int_equal(in[21], 2);              /* ARP reply */
		replied = true;
	}
	assert_true(replied);
	vt_dev_close(&d);
}

static void test_tap_frames(void **state)
{
	(void)state;
	tap_arp(false);
}

static void test_tap_frames_offload(void **state)
{
	(void)state;
	tap_arp(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tun_named),
		cmocka_unit_test(test_tun_kernel_names),
		cmocka_unit_test(test_tun_name_length),
		cmocka_unit_test(test_tap),
		cmocka_unit_test(test_tun_packets),
		cmocka_unit_test(test_tun_packets_offload),
		cmocka_unit_test(test_tap_frames),
		cmocka_unit_test(test_tap_frames_offload),
	};
	const char *why = NULL;
	if (geteuid() != 0)
		why = "not root";
	else if (access("/dev/net/tun", R_OK | W_OK) != 0)
		why = "no /dev/net/tun";
	else if (unshare(CLONE_NEWNET) != 0)
		why = "can't create a network namespace";
	tun_usable = why == NULL;
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	if (failed == 0 && !tun_usable) {
		printf("SKIP: tun/tap tests did not run (%s)\n", why);
		return 77;
	}
	return failed;
}
