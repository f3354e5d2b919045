/* SPDX-License-Identifier: ISC */
/*
 * The relay loop. Device packets become frames in a transmit buffer that is flushed to the
 * socket; when the socket cannot keep up the device is not read (backpressure) instead of
 * dropping or buffering without bound. Received bytes are cut into frames by a bounded
 * parser and data frames are written to the device.
 */
#include "link/link.h"
#include "framing/frame.h"
#include "base/log.h"
#include "offload/offload.h"
#include "link/shaper.h"
#include "link/stat.h"
#include "transport/udp_setup.h"
#include "transport/udp_io.h"
#include "base/util.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

/* Transmit buffer: stop reading the device above HIGH, resume below LOW. */
#define TX_CAP   (256 * 1024)
#define TX_HIGH  (192 * 1024)
#define TX_LOW   (64 * 1024)
/* Receive buffer: a whole frame always fits. */
#define RX_CAP   (64 * 1024)
/* Device packets read per wake-up before giving the socket a turn. */
#define DEV_BATCH 64
/* Large enough for any tun/tap packet (or offload super-packet) so oversized ones are seen
 * and dropped, not cut. */
#define DEV_READ_MAX OFFLOAD_READ_MAX
/* Segments one super-packet may be split into, and room for them. */
#define SEG_MAX 64
#define SEG_BUF (SEG_MAX * FRAME_MAX_DEV)

struct link {
	const struct link_params *p;
	struct link_stats *st;
	struct ev_loop *loop;
	ev_io dev_r, sock_r, sock_w;
	ev_timer ka_timer, stat_timer, shaper_timer;
	struct shaper *shaper;
	bool nat_connected;      /* UDP NAT hack: the peer's address is known */
	struct sockaddr_storage peer;  /* UDP: where frames must come from */
	bool peer_known;
	ev_signal sig_term, sig_int, sig_hup, sig_usr1;
	int idle;                /* keepalive periods without a received frame */
	enum link_end end;
	bool send_close;         /* send CONN_CLOSE when the loop ends */
	uint8_t *tx;
	size_t tx_len, tx_off;
	uint8_t *rx;
	size_t rx_len;
	uint8_t *pkt;
	struct udp_tx *utx;      /* UDP: frames queued for one sendmmsg */
	struct udp_rx *urx;      /* UDP: datagrams from one recvmmsg */
	uint8_t *seg;            /* offload: ordinary packets split from a super-packet */
	size_t seg_len[SEG_MAX];
	struct gro *gro;         /* offload: coalesces received packets before the tun write */
	size_t seg_max;          /* offload: largest IP packet to cut super-packets into */
	FILE *stat_file;
};

const char *link_end_name(enum link_end e)
{
	switch (e) {
	case LINK_END_NONE: return "running";
	case LINK_END_PEER_CLOSED: return "closed by peer";
	case LINK_END_EOF: return "connection lost";
	case LINK_END_TIMEOUT: return "network timeout";
	case LINK_END_PROTOCOL: return "protocol error";
	case LINK_END_DEVICE: return "device closed";
	case LINK_END_SIG_TERM: return "terminated";
	case LINK_END_SIG_HUP: return "restart requested";
	case LINK_END_SETUP: return "set-up failed";
	}
	return "?";
}

static void link_finish(struct link *l, enum link_end why, bool send_close)
{
	if (l->end != LINK_END_NONE)
		return;
	l->end = why;
	l->send_close = send_close;
	ev_break(l->loop, EVBREAK_ONE);
}

static size_t tx_pending(const struct link *l) { return l->tx_len - l->tx_off; }

/* Append one frame; false if the buffer is full (the caller stops reading the device first). */
static bool tx_frame(struct link *l, uint16_t hdr, const uint8_t *payload, size_t len)
{
	if (l->tx_off == l->tx_len)
		l->tx_off = l->tx_len = 0;
	if (TX_CAP - l->tx_len < FRAME_HDR_LEN + len) {
		memmove(l->tx, l->tx + l->tx_off, tx_pending(l));
		l->tx_len -= l->tx_off;
		l->tx_off = 0;
		if (TX_CAP - l->tx_len < FRAME_HDR_LEN + len)
			return false;
	}
	frame_put_hdr(l->tx + l->tx_len, hdr);
	if (len)
		memcpy(l->tx + l->tx_len + FRAME_HDR_LEN, payload, len);
	l->tx_len += FRAME_HDR_LEN + len;
	return true;
}

static void tx_flush(struct link *l);

/* UDP: one frame, one datagram, queued until the end of this wake-up (tx_flush). */
static void udp_emit(struct link *l, uint16_t hdr, const uint8_t *payload, size_t len)
{
	if (l->p->nat_wait && !l->nat_connected)
		return;  /* the peer's address is not known yet */
	if (!udp_tx_add(l->utx, hdr, payload, len)) {
		tx_flush(l);
		if (!udp_tx_add(l->utx, hdr, payload, len))
			return;  /* socket full: UDP may drop, the inner protocol recovers */
	}
}

/* UDP flush: frames that do not fit the socket now stay queued, and the device waits. */
static void udp_flush(struct link *l)
{
	int r = udp_tx_flush(l->utx, l->p->sock);
	if (r < 0) {
		log_warn("%s: send to peer failed", l->p->name);
		link_finish(l, LINK_END_EOF, false);
		return;
	}
	if (r == 1) {
		ev_io_start(l->loop, &l->sock_w);
		ev_io_stop(l->loop, &l->dev_r);
		return;
	}
	ev_io_stop(l->loop, &l->sock_w);
	if (l->end == LINK_END_NONE && !ev_is_active(&l->shaper_timer))
		ev_io_start(l->loop, &l->dev_r);
}

/* Queue (TCP) or send (UDP) one frame. */
static void emit(struct link *l, uint16_t hdr, const uint8_t *payload, size_t len)
{
	if (l->p->udp)
		udp_emit(l, hdr, payload, len);
	else
		tx_frame(l, hdr, payload, len);
}

static void emit_control(struct link *l, uint16_t hdr)
{
	emit(l, hdr, NULL, 0);
	tx_flush(l);
}

/* Encode a device packet and send it as a data frame; false if the chain failed fatally. */
static bool send_data(struct link *l, const uint8_t *pkt, size_t n)
{
	const uint8_t *out = pkt;
	int len = (int)n;
	if (l->p->chain) {
		len = filter_chain_encode(l->p->chain, pkt, n, &out);
		if (len == FILTER_FATAL) {
			link_finish(l, LINK_END_PROTOCOL, true);
			return false;
		}
		if (len < 0)
			return true;
	}
	if (len == 0)
		return true;  /* never send an empty data frame: VTun peers take it as EOF */
	if (len > FRAME_MAX_PAYLOAD) {
		log_warnx("%s: dropped a packet that encodes to %d bytes (VTun frames carry at most %d)",
		          l->p->name, len, FRAME_MAX_PAYLOAD);
		return true;
	}
	l->st->comp_out += (uint64_t)len;
	if (l->shaper)
		shaper_account(l->shaper, (size_t)len, ev_now(l->loop));
	emit(l, (uint16_t)len, out, (size_t)len);
	return true;
}

/* A cipher that lost sync asks for a frame even when there is no data (VTun's dummy). */
static void maybe_send_dummy(struct link *l)
{
	if (l->p->chain && filter_chain_wants_send(l->p->chain)) {
		uint8_t dummy = 0;
		send_data(l, &dummy, 1);
	}
}

static void tx_flush(struct link *l)
{
	if (l->p->udp) {
		udp_flush(l);
		return;
	}
	while (tx_pending(l)) {
		ssize_t n = write(l->p->sock, l->tx + l->tx_off, tx_pending(l));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			log_warn("%s: write to peer failed", l->p->name);
			link_finish(l, LINK_END_EOF, false);
			return;
		}
		l->tx_off += (size_t)n;
	}
	if (tx_pending(l)) {
		ev_io_start(l->loop, &l->sock_w);
		if (tx_pending(l) > TX_HIGH)
			ev_io_stop(l->loop, &l->dev_r);
	} else {
		ev_io_stop(l->loop, &l->sock_w);
		l->tx_off = l->tx_len = 0;
	}
	if (tx_pending(l) < TX_LOW && l->end == LINK_END_NONE && !ev_is_active(&l->shaper_timer))
		ev_io_start(l->loop, &l->dev_r);
}

static void on_sock_writable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct link *l = w->data;
	tx_flush(l);
}

/*
 * UDP: the IP packet size whose frame still fits one unfragmented datagram on the path, so
 * super-packets are cut to that size instead of the peer's MSS (fragments cost twice, and
 * UDP GSO cannot send them). Falls back to no re-cutting when the path is small.
 */
static size_t udp_segment_target(int sock, bool filtered)
{
	int mtu = 0;
	socklen_t ml = sizeof(mtu);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	size_t ip_udp = 28;
	if (getsockname(sock, (struct sockaddr *)&ss, &sl) == 0 && ss.ss_family == AF_INET6) {
		ip_udp = 48;
		if (getsockopt(sock, IPPROTO_IPV6, IPV6_MTU, &mtu, &ml) < 0)
			mtu = 0;
	} else if (getsockopt(sock, IPPROTO_IP, IP_MTU, &mtu, &ml) < 0) {
		mtu = 0;
	}
	if (mtu <= 0)
		mtu = 1500;
	/* frame header, and a cipher's in-band block and padding (first-frame IV aside) */
	size_t over = ip_udp + FRAME_HDR_LEN + (filtered ? 32 : 0);
	size_t target = (size_t)mtu > over ? (size_t)mtu - over : 0;
	return target >= 1200 ? target : FRAME_MAX_DEV;
}

/* A read from an offload tun: split into ordinary packets, each its own VTun frame. */
static void send_super_packet(struct link *l, size_t n)
{
	int k = offload_split_to(l->pkt, n, FRAME_MAX_DEV, l->seg_max, l->seg, SEG_BUF, l->seg_len,
	                         SEG_MAX);
	if (k < 0) {
		log_warnx("%s: dropped a %zu-byte packet from the device that could not be split "
		          "into VTun frames", l->p->name, n);
		return;
	}
	const uint8_t *p = l->seg;
	for (int i = 0; i < k; i++) {
		l->st->byte_out += l->seg_len[i];
		if (!send_data(l, p, l->seg_len[i]))
			return;
		p += l->seg_len[i];
	}
}

static void on_dev_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct link *l = w->data;
	struct vt_dev *d = l->p->dev;
	/* pipe/tty are byte streams: take VTun-sized chunks; tun/tap: whole packets. */
	size_t want = (d->type == VT_DEV_PIPE || d->type == VT_DEV_TTY) ? FRAME_MAX_DEV : DEV_READ_MAX;

	/* Room for everything one read can turn into (a super-packet: up to SEG_MAX frames). */
	size_t need = d->vnet ? SEG_MAX * (FRAME_HDR_LEN + FRAME_MAX_PAYLOAD) : FRAME_HDR_LEN + FRAME_MAX_PAYLOAD;
	for (int i = 0; i < DEV_BATCH && l->end == LINK_END_NONE; i++) {
		if (l->p->udp ? udp_tx_count(l->utx) + (d->vnet ? SEG_MAX : 1) > UDP_IO_BATCH
		              : TX_CAP - tx_pending(l) < need) {
			/* flush what we have, then go on if the socket took it */
			tx_flush(l);
			if (l->p->udp ? udp_tx_count(l->utx) > 0 : TX_CAP - tx_pending(l) < need)
				break;
		}
		if (l->shaper && !shaper_allow(l->shaper, ev_now(l->loop))) {
			/* Over budget: stop reading the device until the next window opens. */
			ev_io_stop(l->loop, &l->dev_r);
			ev_timer_set(&l->shaper_timer, shaper_next_window(l->shaper, ev_now(l->loop)), 0);
			ev_timer_start(l->loop, &l->shaper_timer);
			break;
		}
		ssize_t n = d->ops->read(d, l->pkt, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			log_warn("%s: device read failed", l->p->name);
			link_finish(l, LINK_END_DEVICE, true);
			break;
		}
		if (n == 0) {
			log_info("%s: device closed", l->p->name);
			link_finish(l, LINK_END_DEVICE, true);
			break;
		}
		if (d->vnet) {
			send_super_packet(l, (size_t)n);
			continue;
		}
		if ((size_t)n > FRAME_MAX_DEV) {
			/* VTun peers cut such packets silently; we refuse to send a corrupt one. */
			log_warnx("%s: dropped a %zd-byte packet: VTun frames carry at most %d bytes "
			          "(lower the interface MTU)", l->p->name, n, FRAME_MAX_DEV);
			continue;
		}
		l->st->byte_out += (uint64_t)n;
		if (!send_data(l, l->pkt, (size_t)n))
			break;
	}
	tx_flush(l);
}

static void on_shaper_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct link *l = w->data;
	if (l->end == LINK_END_NONE)
		ev_io_start(loop, &l->dev_r);
}

static void deliver(struct link *l, const uint8_t *payload, size_t len)
{
	struct vt_dev *d = l->p->dev;
	l->st->comp_in += len;
	if (l->p->chain) {
		int r = filter_chain_decode(l->p->chain, payload, len, &payload);
		if (r == FILTER_FATAL) {
			link_finish(l, LINK_END_PROTOCOL, true);
			return;
		}
		maybe_send_dummy(l);
		if (r <= 0)
			return;
		len = (size_t)r;
	}
	/* A 1-byte payload is a VTun cipher resync dummy: never a packet for tun/tap. */
	if (len == 1 && (d->type == VT_DEV_TUN || d->type == VT_DEV_ETHER))
		return;
	if (l->gro) {
		/* written (coalesced) at the end of this receive batch */
		l->st->byte_in += len;
		gro_add(l->gro, payload, len);
		return;
	}
	ssize_t n = d->ops->write(d, payload, len);
	if (n < 0) {
		if (d->type == VT_DEV_PIPE || d->type == VT_DEV_TTY) {
			log_warn("%s: device write failed", l->p->name);
			link_finish(l, LINK_END_DEVICE, true);
			return;
		}
		/* One bad packet or an interface that is not up yet must not end the session. */
		log_warn("%s: dropped a %zu-byte packet the device refused", l->p->name, len);
		return;
	}
	l->st->byte_in += len;
}

/* Handle one complete frame; false when the link must stop. */
static bool handle_frame(struct link *l, enum frame_kind k, const uint8_t *payload, size_t len)
{
	l->idle = 0;
	switch (k) {
	case FRAME_DATA:
		deliver(l, payload, len);
		break;
	case FRAME_ECHO_REQ:
		emit_control(l, FRAME_F_ECHO_REP);
		break;
	case FRAME_ECHO_REP:
	case FRAME_IGNORE:
		break;
	case FRAME_BAD:
		log_warnx("%s: Received bad frame", l->p->name);
		break;
	case FRAME_CLOSE:
		log_info("%s: Connection closed by other side", l->p->name);
		link_finish(l, LINK_END_PEER_CLOSED, false);
		return false;
	case FRAME_EMPTY:
		/* VTun peers take an empty data frame as end of session; so do we. */
		log_info("%s: peer sent an empty frame (end of session)", l->p->name);
		link_finish(l, LINK_END_PEER_CLOSED, true);
		return false;
	case FRAME_OVERSIZE:
		log_warnx("%s: Received bad frame: length %zu exceeds %d; closing session",
		          l->p->name, len, FRAME_MAX_PAYLOAD);
		link_finish(l, LINK_END_PROTOCOL, true);
		return false;
	}
	return true;
}

/* GRO output: one (possibly coalesced) packet with its virtio header for the tun. */
static int gro_write(void *arg, const uint8_t *buf, size_t len)
{
	struct link *l = arg;
	struct vt_dev *d = l->p->dev;
	if (d->ops->write(d, buf, len) < 0) {
		log_warn("%s: dropped a %zu-byte packet the device refused", l->p->name, len);
		return -1;
	}
	return 0;
}

static void parse_rx(struct link *l)
{
	size_t off = 0;
	while (l->end == LINK_END_NONE && l->rx_len - off >= FRAME_HDR_LEN) {
		uint16_t hdr = (uint16_t)(l->rx[off] << 8 | l->rx[off + 1]);
		size_t len;
		enum frame_kind k = frame_classify(hdr, &len);
		if (k == FRAME_DATA && l->rx_len - off - FRAME_HDR_LEN < len)
			break;  /* wait for the rest of the payload */
		off += FRAME_HDR_LEN;
		const uint8_t *payload = l->rx + off;
		if (k == FRAME_DATA)
			off += len;
		if (!handle_frame(l, k, payload, len))
			break;
	}
	memmove(l->rx, l->rx + off, l->rx_len - off);
	l->rx_len -= off;
}

/* One received datagram = one frame; a length that disagrees with the datagram is ignored. */
static void udp_datagram(struct link *l, const uint8_t *dg, size_t n)
{
	if (n < FRAME_HDR_LEN) {
		log_warnx("%s: Received bad frame (%zu-byte datagram)", l->p->name, n);
		return;
	}
	uint16_t hdr = (uint16_t)(dg[0] << 8 | dg[1]);
	size_t len;
	enum frame_kind k = frame_classify(hdr, &len);
	if ((k == FRAME_DATA || k == FRAME_OVERSIZE) && n - FRAME_HDR_LEN != len) {
		log_warnx("%s: Received bad frame (length %zu in a %zu-byte datagram)",
		          l->p->name, len, n);
		return;
	}
	if (k == FRAME_OVERSIZE) {
		log_warnx("%s: Received bad frame (length %zu)", l->p->name, len);
		return;
	}
	handle_frame(l, k, dg + FRAME_HDR_LEN, len);
}

/* Remember the connected peer of a UDP socket. */
static void learn_peer(struct link *l)
{
	socklen_t sl = sizeof(l->peer);
	l->peer_known = getpeername(l->p->sock, (struct sockaddr *)&l->peer, &sl) == 0;
}

static void udp_readable(struct link *l)
{
	if (l->p->nat_wait && !l->nat_connected) {
		if (!udp_nat_connect(l->p->sock, l->p->peer_ip))
			return;
		l->nat_connected = true;
		learn_peer(l);
	}
	for (int round = 0; round < 4 && l->end == LINK_END_NONE; round++) {
		int got = udp_rx_read(l->urx, l->p->sock);
		if (got < 0) {
			if (errno == ECONNREFUSED) {
				/* ICMP from a peer that is not listening (yet): keepalive decides. */
				log_debug("%s: peer port unreachable", l->p->name);
				continue;
			}
			log_warn("%s: read from peer failed", l->p->name);
			link_finish(l, LINK_END_EOF, false);
			break;
		}
		for (int i = 0; i < got && l->end == LINK_END_NONE; i++) {
			size_t n;
			const uint8_t *dg = udp_rx_get(l->urx, i, &n);
			if (l->peer_known && !udp_rx_from(l->urx, i, &l->peer)) {
				/* queued before connect(): a stranger's datagram is not a frame */
				log_debug("%s: ignored a datagram from another address", l->p->name);
				continue;
			}
			udp_datagram(l, dg, n);
		}
		if (got < UDP_IO_BATCH)
			break;
	}
	tx_flush(l);  /* echo replies, resync frames */
	if (l->gro)
		gro_flush(l->gro);
}

static void on_sock_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct link *l = w->data;
	if (l->p->udp) {
		udp_readable(l);
		return;
	}
	ssize_t n = read(l->p->sock, l->rx + l->rx_len, RX_CAP - l->rx_len);
	if (n < 0) {
		if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
			return;
		log_warn("%s: read from peer failed", l->p->name);
		link_finish(l, LINK_END_EOF, false);
		return;
	}
	if (n == 0) {
		log_info("%s: connection closed by peer (EOF)", l->p->name);
		link_finish(l, LINK_END_EOF, false);
		return;
	}
	l->rx_len += (size_t)n;
	parse_rx(l);
	if (l->gro)
		gro_flush(l->gro);
}

/* VTun's keepalive (spec §b.4): a peer that stays silent gets echo requests, then a timeout. */
static void on_ka_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct link *l = w->data;
	if (l->idle > l->p->ka_maxfail) {
		log_info("Session %s network timeout", l->p->name);
		link_finish(l, LINK_END_TIMEOUT, true);
		return;
	}
	if (l->idle++ >= 1)
		emit_control(l, FRAME_F_ECHO_REQ);
}

static void on_stat_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct link *l = w->data;
	stat_write(l->stat_file, l->st);
}

static void on_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct link *l = w->data;
	switch (w->signum) {
	case SIGTERM:
	case SIGINT:
		log_info("%s: Closing connection", l->p->name);
		link_finish(l, LINK_END_SIG_TERM, true);
		break;
	case SIGHUP:
		log_info("%s: Reestablishing connection", l->p->name);
		link_finish(l, LINK_END_SIG_HUP, true);
		break;
	case SIGUSR1:
		memset(l->st, 0, sizeof(*l->st));
		log_info("%s: statistics counters reset", l->p->name);
		break;
	}
}

static void start_timers(struct link *l)
{
	const struct link_params *p = l->p;
	double first = p->ka_interval < 300 ? p->ka_interval : 300;
	if (first < 1)
		first = 1;
	if (p->keepalive && p->ka_interval > 0) {
		ev_timer_init(&l->ka_timer, on_ka_timer, first, p->ka_interval + 1);
		l->ka_timer.data = l;
		ev_timer_start(l->loop, &l->ka_timer);
	}
	if (l->stat_file) {
		ev_timer_init(&l->stat_timer, on_stat_timer, first, 300);
		l->stat_timer.data = l;
		ev_timer_start(l->loop, &l->stat_timer);
	}
}

static void start_signals(struct link *l)
{
	ev_signal *sigs[] = { &l->sig_term, &l->sig_int, &l->sig_hup, &l->sig_usr1 };
	int nums[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1 };
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		ev_signal_init(sigs[i], on_signal, nums[i]);
		sigs[i]->data = l;
		ev_signal_start(l->loop, sigs[i]);
	}
}

static void stop_all(struct link *l)
{
	ev_io_stop(l->loop, &l->dev_r);
	ev_io_stop(l->loop, &l->sock_r);
	ev_io_stop(l->loop, &l->sock_w);
	ev_timer_stop(l->loop, &l->ka_timer);
	ev_timer_stop(l->loop, &l->stat_timer);
	ev_timer_stop(l->loop, &l->shaper_timer);
	ev_signal_stop(l->loop, &l->sig_term);
	ev_signal_stop(l->loop, &l->sig_int);
	ev_signal_stop(l->loop, &l->sig_hup);
	ev_signal_stop(l->loop, &l->sig_usr1);
}

/* Best effort: push what is queued plus a CONN_CLOSE, without blocking for long. */
static void send_close_frame(struct link *l)
{
	if (l->p->udp) {
		udp_tx_clear(l->utx);
		udp_emit(l, FRAME_F_CONN_CLOSE, NULL, 0);
		udp_tx_flush(l->utx, l->p->sock);
		return;
	}
	tx_frame(l, FRAME_F_CONN_CLOSE, NULL, 0);
	double deadline = mono_now() + 1.0;
	while (tx_pending(l) && mono_now() < deadline) {
		ssize_t n = write(l->p->sock, l->tx + l->tx_off, tx_pending(l));
		if (n > 0) {
			l->tx_off += (size_t)n;
		} else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
			usleep(10000);
		} else {
			break;
		}
	}
}

enum link_end link_run(const struct link_params *p, struct link_stats *st)
{
	struct link l = { .p = p, .st = st, .loop = EV_DEFAULT };
	l.tx = xmalloc(TX_CAP);
	l.rx = xmalloc(RX_CAP);
	l.pkt = xmalloc(DEV_READ_MAX);
	if (p->udp) {
		if (!p->nat_wait)
			learn_peer(&l);
		l.utx = udp_tx_new();
		l.urx = udp_rx_new(FRAME_HDR_LEN + FILTER_BUF_MAX);
	}
	if (p->dev->vnet) {
		l.seg_max = p->udp ? udp_segment_target(p->sock, p->chain != NULL) : FRAME_MAX_DEV;
		l.seg = xmalloc(SEG_BUF);
		l.gro = gro_new(gro_write, &l);
	}
	if (p->speed_kbit > 0)
		l.shaper = shaper_new(p->speed_kbit);
	ev_timer_init(&l.shaper_timer, on_shaper_timer, 1, 0);
	l.shaper_timer.data = &l;
	if (p->stat)
		l.stat_file = stat_open(p->stat_dir, p->name);

	ev_io_init(&l.dev_r, on_dev_readable, p->dev->fd, EV_READ);
	ev_io_init(&l.sock_r, on_sock_readable, p->sock, EV_READ);
	ev_io_init(&l.sock_w, on_sock_writable, p->sock, EV_WRITE);
	l.dev_r.data = l.sock_r.data = l.sock_w.data = &l;
	ev_io_start(l.loop, &l.dev_r);
	ev_io_start(l.loop, &l.sock_r);
	start_timers(&l);
	start_signals(&l);

	/* Both ends open with an echo request (VTun does; it proves the path at once), except a
	 * NAT-hack side, which cannot send before it has heard from the peer. */
	if (!p->nat_wait)
		emit_control(&l, FRAME_F_ECHO_REQ);

	if (l.end == LINK_END_NONE)
		ev_run(l.loop, 0);
	/* Stopping the watchers puts TERM/INT/HUP back to their default (fatal) action; keep
	 * them blocked so one arriving now waits for the caller instead of killing us before
	 * the close frame and the down commands (see link.h). */
	sigset_t hold;
	sigemptyset(&hold);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGHUP);
	sigprocmask(SIG_BLOCK, &hold, NULL);
	stop_all(&l);
	if (l.send_close)
		send_close_frame(&l);
	if (l.stat_file) {
		stat_write(l.stat_file, st);
		fclose(l.stat_file);
	}
	free(l.tx);
	free(l.rx);
	free(l.pkt);
	free(l.seg);
	udp_tx_free(l.utx);
	udp_rx_free(l.urx);
	if (l.gro) {
		gro_flush(l.gro);
		gro_free(l.gro);
	}
	shaper_free(l.shaper);
	return l.end;
}
