/* SPDX-License-Identifier: ISC */
/*
 * Received payloads through the filter chain to the device. Regression: a cipher resync makes
 * the receive path send a dummy frame; that encode must not overwrite the payload it just
 * decoded before it reaches the device (it did: the first packet after every resync reached
 * a pipe with its first two cipher blocks replaced).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "framing/frame.h"
#include "filter/filter.h"
#include "link/link.h"
#include "rig.h"

static void send_frame(int fd, const uint8_t *payload, size_t len)
{
	uint8_t f[FRAME_HDR_LEN + FILTER_BUF_MAX];
	frame_put_hdr(f, (uint16_t)len);
	memcpy(f + FRAME_HDR_LEN, payload, len);
	send_bytes(fd, f, FRAME_HDR_LEN + len);
}

/* Read one data frame from the link and decode it with the peer's chain. */
static int recv_decoded(int fd, struct filter_chain *c, const uint8_t **out)
{
	uint8_t buf[FRAME_MAX_PAYLOAD];
	uint16_t hdr = read_hdr(fd, 5000);
	assert_int_equal(hdr & FRAME_F_MASK, 0);
	assert_true(hdr > 0 && hdr <= sizeof(buf));
	read_exact(fd, buf, hdr);
	return filter_chain_decode(c, buf, hdr, out);
}

static void resync_then_packet(int cipher)
{
	struct rig r;
	rig_start(&r, &(struct rig_opts){ .ka_interval = 30, .ka_maxfail = 4, .cipher = cipher });
	struct filter_chain *peer = rig_chain(cipher);   /* the peer's side */
	const uint8_t *dec;
	expect_hdr(r.net, FRAME_F_ECHO_REQ);

	/* Garbage where the link expects our IV: it drops it and asks for a new one (rsyn),
	 * sending its own IV with the request. */
	uint8_t junk[48];
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)(i * 37 + 11);
	send_frame(r.net, junk, sizeof(junk));
	assert_int_equal(recv_decoded(r.net, peer, &dec), 1);   /* the resync dummy */

	/* The first good packet after the resync reaches the device intact. */
	uint8_t pkt[200];
	for (size_t i = 0; i < sizeof(pkt); i++)
		pkt[i] = (uint8_t)(i ^ 0x5a);
	const uint8_t *enc;
	int n = filter_chain_encode(peer, pkt, sizeof(pkt), &enc);
	assert_true(n > 0);
	send_frame(r.net, enc, (size_t)n);
	uint8_t got[sizeof(pkt)];
	read_exact(r.user, got, sizeof(got));
	size_t differ = 0;
	for (size_t i = 0; i < sizeof(pkt); i++)
		differ += got[i] != pkt[i];
	assert_int_equal(differ, 0);

	kill(r.pid, SIGTERM);
	assert_int_equal(rig_wait(&r), LINK_END_SIG_TERM);
	filter_chain_free(peer);
}

static void test_resync_aes128ofb(void **state) { (void)state; resync_then_packet(12); }
static void test_resync_aes128cbc(void **state) { (void)state; resync_then_packet(10); }
static void test_resync_aes128cfb(void **state) { (void)state; resync_then_packet(11); }
static void test_resync_blowfish128cbc(void **state) { (void)state; resync_then_packet(2); }

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resync_aes128ofb),
		cmocka_unit_test(test_resync_aes128cbc),
		cmocka_unit_test(test_resync_aes128cfb),
		cmocka_unit_test(test_resync_blowfish128cbc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
