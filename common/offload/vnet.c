/* SPDX-License-Identifier: ISC */
/*
 * The virtio_net_hdr that prefixes every read and write of a tun or tap opened with IFF_VNET_HDR,
 * and the ioctls that turn its offloads on.
 */
#include "offload/offload.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <net/if.h>
#include <linux/if_tun.h>

#include "base/buf.h"
#include "base/log.h"

/* The installed headers may predate these (the build machine's kernel headers may be older than the running kernel). */
#ifndef IFF_VNET_HDR
#define IFF_VNET_HDR 0x4000
#endif
#ifndef TUNSETOFFLOAD
#define TUNSETOFFLOAD _IOW('T', 208, unsigned int)
#endif
#ifndef TUNSETVNETHDRSZ
#define TUNSETVNETHDRSZ _IOW('T', 216, int)
#endif
#ifndef TUNGETIFF
#define TUNGETIFF _IOR('T', 210, unsigned int)
#endif
#ifndef TUN_F_CSUM
#define TUN_F_CSUM 0x01
#endif
#ifndef TUN_F_TSO4
#define TUN_F_TSO4 0x02
#endif
#ifndef TUN_F_TSO6
#define TUN_F_TSO6 0x04
#endif

/* The tun exchanges the header in native byte order (we never call TUNSETVNETBE/LE). */
bool vnet_hdr_read(struct rbuf *r, struct vnet_hdr *h)
{
	return rbuf_get_u8(r, &h->flags) && rbuf_get_u8(r, &h->gso_type) &&
	       rbuf_get_bytes(r, &h->hdr_len, 2) && rbuf_get_bytes(r, &h->gso_size, 2) &&
	       rbuf_get_bytes(r, &h->csum_start, 2) && rbuf_get_bytes(r, &h->csum_offset, 2);
}

void vnet_hdr_put(const struct vnet_hdr *h, uint8_t *p)
{
	p[0] = h->flags;
	p[1] = h->gso_type;
	memcpy(p + 2, &h->hdr_len, 2);
	memcpy(p + 4, &h->gso_size, 2);
	memcpy(p + 6, &h->csum_start, 2);
	memcpy(p + 8, &h->csum_offset, 2);
}

bool offload_tun_enable(int tun_fd)
{
	struct ifreq ifr;
	int sz = VNET_HDR_LEN;

	/* Without IFF_VNET_HDR the offload bits would hand us headers we do not expect. */
	memset(&ifr, 0, sizeof(ifr));
	if (ioctl(tun_fd, TUNGETIFF, &ifr) < 0) {
		log_debug("offload: TUNGETIFF: %s", strerror(errno));
		return false;
	}
	if (!(ifr.ifr_flags & IFF_VNET_HDR)) {
		log_debug("offload: tun was not opened with IFF_VNET_HDR");
		return false;
	}
	if (ioctl(tun_fd, TUNSETVNETHDRSZ, &sz) < 0) {
		log_debug("offload: TUNSETVNETHDRSZ: %s", strerror(errno));
		return false;
	}
	if (ioctl(tun_fd, TUNSETOFFLOAD, (unsigned long)(TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6)) < 0) {
		log_debug("offload: TUNSETOFFLOAD: %s", strerror(errno));
		return false;
	}
	return true;
}
