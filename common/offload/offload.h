/* SPDX-License-Identifier: ISC */
/*
 * Tun and tap offloads for the data path with the legacy wire unchanged (tap: the same with
 * an Ethernet header in front of every IP packet, see enum offload_link):
 * - read side: the tun (opened with IFF_VNET_HDR) hands us TCP super-packets of up to 64 KiB
 *   behind a virtio_net_hdr; offload_split() cuts them into ordinary <= mtu IP packets with
 *   complete checksums, which then travel as normal VTun frames;
 * - write side: packets from the peer are coalesced per TCP flow by the gro_* functions and
 *   written to the tun as few GSO super-packets as possible.
 * Virtio headers given to the kernel are always built here from parsed, checksum-verified
 * packets; no header ever comes from the network.
 *
 * vnet.c: the virtio header and the tun ioctls; tcp_pkt.c: IPv4/IPv6 TCP header parsing;
 * tso_split.c: the read side; gro.c: the write side; csum.c: Internet checksums.
 */
#ifndef VTUN_OFFLOAD_H
#define VTUN_OFFLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rbuf;

/* Size of the struct virtio_net_hdr that prefixes every read and write (native endian). */
#define VNET_HDR_LEN 10
/* Largest IP packet (and so largest super-packet) either direction handles. */
#define OFFLOAD_MAX_PKT 65535
/* Largest link header in front of the IP packet: Ethernet with one 802.1Q tag (tap). */
#define OFFLOAD_L2_MAX 18
/* A read buffer for a vnet-hdr tun or tap must hold this much. */
#define OFFLOAD_READ_MAX (VNET_HDR_LEN + OFFLOAD_L2_MAX + OFFLOAD_MAX_PKT)

/* What a device's buffers hold: IP packets (tun) or Ethernet frames (tap). */
enum offload_link {
	OFFLOAD_IP,
	OFFLOAD_ETH,
};

/* virtio_net_hdr values (linux/virtio_net.h), kept here so older headers do not matter. */
#define VNET_F_NEEDS_CSUM 1
#define VNET_F_DATA_VALID 2
#define VNET_GSO_NONE 0
#define VNET_GSO_TCPV4 1
#define VNET_GSO_UDP 3
#define VNET_GSO_TCPV6 4
#define VNET_GSO_UDP_L4 5
#define VNET_GSO_ECN 0x80

/* The header in host form; vnet_hdr_read/put convert from/to the 10 wire bytes. */
struct vnet_hdr {
	uint8_t flags;
	uint8_t gso_type;
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
};
/* Consume the 10 header bytes from r; false (r failed) if fewer are left. */
bool vnet_hdr_read(struct rbuf *r, struct vnet_hdr *h);
void vnet_hdr_put(const struct vnet_hdr *h, uint8_t *p);

/*
 * Open-time helper for a tun or tap fd created WITH IFF_VNET_HDR: sets the header size to 10 and
 * asks for TUN_F_CSUM|TUN_F_TSO4|TUN_F_TSO6. False (and a debug log line) if the kernel
 * refuses; the fd then still needs the 10-byte header on every read and write.
 */
bool offload_tun_enable(int tun_fd);

/*
 * Split one buffer read from a vnet-hdr tun (10-byte header + IP packet) into ordinary IP
 * packets of at most mtu bytes each, written back to back into out (capacity outcap, enough
 * when outcap >= nmax * mtu), their lengths into lens[0..nmax). Completes a pending
 * checksum (NEEDS_CSUM) and segments TCPV4/TCPV6 super-packets (per-segment IP length, ID
 * and header checksum, TCP seq, FIN/PSH only on the last and CWR only on the first, full
 * TCP checksum). Returns the number of packets, or -1 when the input is malformed,
 * unsupported (UDP GSO, IPv6 extension headers, IP options are fine for v4) or would not fit.
 * hdr_len is never trusted; csum_start/csum_offset are bound-checked.
 */
int offload_split(const uint8_t *in, size_t len, size_t mtu, uint8_t *out, size_t outcap,
		  size_t *lens, int nmax);
/*
 * The same, but TCP super-packets are cut into segments of at most seg_max bytes (IP packet
 * size) even when the sender's MSS is larger, e.g. so that each frame fits one unfragmented
 * UDP datagram. Segments are never made smaller than OFFLOAD_MIN_SEG payload bytes.
 */
#define OFFLOAD_MIN_SEG 256
int offload_split_to(const uint8_t *in, size_t len, size_t mtu, size_t seg_max, uint8_t *out,
		     size_t outcap, size_t *lens, int nmax);
/*
 * The same for either kind of device. OFFLOAD_ETH (tap): the input is a 10-byte header and
 * an Ethernet frame, the output ordinary Ethernet frames and mtu/seg_max count the whole
 * frame. TCP super-frames must be IPv4/IPv6 behind an Ethernet header, optionally with one
 * 802.1Q tag (kept on every segment); csum_start/csum_offset count from the frame start, as
 * the kernel gives them. Frames without GSO that are not IP (ARP, ...) pass unchanged.
 */
int offload_split_link(enum offload_link link, const uint8_t *in, size_t len, size_t mtu,
		       size_t seg_max, uint8_t *out, size_t outcap, size_t *lens, int nmax);

/*
 * Userspace GRO. Feed every IP packet of one receive batch to gro_add() (it copies), then
 * call gro_flush(): TCP segments of one flow that may be coalesced (same flow and ACK,
 * adjacent seq, equal header and options, no merge after PSH, equal sizes but a smaller
 * last, checksums verified first, <= 65535 bytes) are written as one GSO super-packet;
 * everything else is written alone behind a zero vnet header. Packets keep their order
 * within a flow. No allocation after gro_new().
 */
struct gro;
/* Writes one vnet header + packet (len includes the header); < 0 on error. */
typedef int (*gro_write_fn)(void *arg, const uint8_t *buf, size_t len);

struct gro_stats {
	unsigned long pkts_in;       /* packets given to gro_add */
	unsigned long writes;        /* calls to the write function */
	unsigned long coalesced;     /* packets that went out inside a super-packet */
	unsigned long bad_csum;      /* TCP packets not merged because a checksum was wrong */
	unsigned long write_errors;  /* writes that returned < 0 */
	unsigned long dropped;       /* packets too large to write at all */
};

struct gro *gro_new(gro_write_fn write, void *arg);
/*
 * GRO for a device of kind link. OFFLOAD_ETH (tap): frames are Ethernet; only untagged
 * IPv4/IPv6 TCP frames whose Ethernet headers are equal are coalesced (the header is kept on
 * the super-frame, csum_start counts from the frame start); VLAN-tagged and non-IP frames are
 * written alone, unchanged.
 */
struct gro *gro_new_link(enum offload_link link, gro_write_fn write, void *arg);
void gro_add(struct gro *g, const uint8_t *pkt, size_t len);   /* may flush when full */
void gro_flush(struct gro *g);                                  /* end of batch */
void gro_free(struct gro *g);
void gro_get_stats(const struct gro *g, struct gro_stats *st);

#endif
