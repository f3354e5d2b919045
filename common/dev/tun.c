/* SPDX-License-Identifier: ISC */
/*
 * types tun and ether: Linux tun/tap through /dev/net/tun, without the packet-information
 * header, so one read or write is exactly one IP packet (tun) or Ethernet frame (tap).
 * The interface is created down and unconfigured; the up commands configure it, and it
 * disappears when the fd is closed (no TUNSETPERSIST).
 */
#include "dev/dev.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/log.h"
#include "offload/offload.h"

#define TUN_CLONE_DEV "/dev/net/tun"

static bool offload_wanted = true;

void vt_dev_set_offload(bool on) { offload_wanted = on; }

static int tuntap_open_flags(struct vt_dev *d, const char *want, short kind, short extra)
{
	const char *what = kind == IFF_TUN ? "tun" : "tap";
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	if (want && *want) {
		/* IFNAMSIZ includes the terminating NUL; the kernel expands a %d itself */
		if (strlen(want) > IFNAMSIZ - 1) {
			log_warnx("%s device name '%s' is too long (at most %d characters)",
			          what, want, IFNAMSIZ - 1);
			return -1;
		}
		memcpy(ifr.ifr_name, want, strlen(want));
	}
	ifr.ifr_flags = (short)(kind | IFF_NO_PI | extra);

	d->fd = open(TUN_CLONE_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (d->fd < 0) {
		log_warn("Can't open %s", TUN_CLONE_DEV);
		return -1;
	}
	if (ioctl(d->fd, TUNSETIFF, &ifr) < 0) {
		log_warn("Can't allocate %s device %s", what, want && *want ? want : "(any)");
		return -1;
	}
	/* the kernel's final name (a %d pattern or an empty request is filled in) */
	ifr.ifr_name[IFNAMSIZ - 1] = '\0';
	snprintf(d->name, sizeof(d->name), "%s", ifr.ifr_name);
	return 0;
}

/*
 * tun/tap with offloads: the kernel hands us TCP super-packets (tap: super-frames) and accepts
 * coalesced ones, which the link splits into / builds from ordinary packets, so the wire stays
 * VTun frames. Falls back to a plain device when the kernel refuses.
 */
static int tuntap_open_offload(struct vt_dev *d, const char *want, short kind)
{
	d->vnet = false;
	if (offload_wanted) {
		if (tuntap_open_flags(d, want, kind, IFF_VNET_HDR) == 0) {
			if (offload_tun_enable(d->fd)) {
				d->vnet = true;
				return 0;
			}
			log_debug("%s offloads refused by the kernel; using plain packets",
				  kind == IFF_TUN ? "tun" : "tap");
		}
		if (d->fd >= 0) {
			close(d->fd);
			d->fd = -1;
		}
	}
	return tuntap_open_flags(d, want, kind, 0);
}

static int tun_open(struct vt_dev *d, const char *want)
{
	return tuntap_open_offload(d, want, IFF_TUN);
}

static int tap_open(struct vt_dev *d, const char *want)
{
	return tuntap_open_offload(d, want, IFF_TAP);
}

/* One packet per call; a too-small buffer truncates, as the kernel does. */
static ssize_t tun_read(struct vt_dev *d, void *buf, size_t len)
{
	return dev_read_fd(d->fd, buf, len);
}

/* One packet per call; errors (EIO while the interface is down, EINVAL on a malformed
 * packet) are returned as the kernel gives them and the link decides. */
static ssize_t tun_write(struct vt_dev *d, const void *buf, size_t len)
{
	ssize_t n;
	do
		n = write(d->fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n;
}

const struct vt_dev_ops vt_dev_tun_ops = {
	.name = "tun",
	.open = tun_open,
	.read = tun_read,
	.write = tun_write,
	.close = dev_close_fds,
};

const struct vt_dev_ops vt_dev_tap_ops = {
	.name = "tap",
	.open = tap_open,
	.read = tun_read,
	.write = tun_write,
	.close = dev_close_fds,
};
