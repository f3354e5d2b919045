/* SPDX-License-Identifier: ISC */
/*
 * auth: auth_server and auth_client against each other over a socketpair (server in a
 * forked child, its log captured in a file), raw-byte fake peers for the abuse cases, and
 * a byte-for-byte replay of vectors/handshake_v1_tcp.txt.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "auth/auth.h"
#include "crypto/crypto.h"
#include "auth/hsmsg.h"
#include "base/log.h"
#include "base/util.h"

static struct vt_config *cfg;
static int sv[2];          /* sv[0]: server side, sv[1]: client side */
static FILE *srvlog;       /* the server child's stderr */
static pid_t srv_pid;
static char logtext[8192];

static void add_host(const char *name, const char *pw, bool sslauth)
{
	struct vt_host *h = xcalloc(1, sizeof(*h));
	vt_host_defaults(h);
	h->name = xstrdup(name);
	h->passwd = xstrdup(pw);
	h->sslauth = sslauth;
	h->next = cfg->hosts;
	cfg->hosts = h;
}

static int group_setup(void **state)
{
	(void)state;
	if (!crypto_init())
		return -1;
	log_set_verbose(1);
	cfg = vt_config_new();
	add_host("alpha", "Alpha-Pw1", true);
	add_host("xor", "XorSecret", false);
	add_host("denied", "Denied-Pw", true);
	struct vt_host *h = cfg->hosts->next->next;   /* alpha: a busy profile */
	h->type = VT_DEV_TUN;
	h->compress = VT_COMP_ZLIB;
	h->comp_level = 9;
	h->keepalive = true;
	h->cipher = 13;
	h->speed_in = 256;
	h->speed_out = 512;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	vt_config_free(cfg);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	srv_pid = -1;
	srvlog = tmpfile();
	return srvlog && socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (srv_pid > 0) {
		kill(srv_pid, SIGKILL);
		waitpid(srv_pid, NULL, 0);
	}
	close(sv[0]);
	close(sv[1]);
	fclose(srvlog);
	return 0;
}

static bool admit_no(const struct vt_host *h, void *arg)
{
	(void)h; (void)arg;
	return false;
}

static bool admit_yes(const struct vt_host *h, void *arg)
{
	(void)h; (void)arg;
	return true;
}

/*
 * Run auth_server in a child. It exits 0 if the outcome matches: the named host accepted
 * (expect != NULL) or a denial (expect == NULL).
 */
static void start_server(int timeout, auth_admit_fn admit, const char *expect)
{
	srv_pid = fork();
	assert_true(srv_pid >= 0);
	if (srv_pid == 0) {
		close(sv[1]);
		dup2(fileno(srvlog), 2);
		const struct vt_host *h = auth_server(sv[0], cfg, timeout, "192.0.2.7:4242", admit, NULL);
		close(sv[0]);
		if (expect)
			_exit(h && strcmp(h->name, expect) == 0 ? 0 : 1);
		_exit(h ? 1 : 0);
	}
	close(sv[0]);
	sv[0] = -1;
}

/* Wait for the server child; its status and (into logtext) its log. */
static void finish_server(void)
{
	int st;
	assert_int_equal(waitpid(srv_pid, &st, 0), srv_pid);
	srv_pid = -1;
	rewind(srvlog);
	size_t n = fread(logtext, 1, sizeof(logtext) - 1, srvlog);
	logtext[n] = '\0';
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail_msg("server outcome not as expected; its log:\n%s", logtext);
}

static void assert_logged(const char *what)
{
	if (!strstr(logtext, what))
		fail_msg("server log lacks \"%s\"; it has:\n%s", what, logtext);
}

static void client_host(struct vt_host *h, const char *name, const char *pw, bool sslauth)
{
	vt_host_defaults(h);
	h->name = (char *)name;
	h->passwd = (char *)pw;
	h->sslauth = sslauth;
}

/* Receive one block and check it is exactly `text` followed by zeros. */
static void expect_block(int fd, const char *text)
{
	char m[HS_MSG_LEN + 1];
	assert_int_equal(hsmsg_recv(fd, m, 3), 0);
	assert_string_equal(m, text);
	for (size_t i = strlen(text); i < HS_MSG_LEN; i++)
		assert_int_equal(m[i], 0);
}

static void expect_eof(int fd)
{
	char m[HS_MSG_LEN + 1];
	assert_int_equal(hsmsg_recv(fd, m, 3), -1);
	assert_int_equal(errno, ECONNRESET);
}

/* ---- both sides ---- */

static void test_success_bf(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_server(3, admit_yes, "alpha");
	client_host(&h, "alpha", "Alpha-Pw1", true);
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), 0);
	finish_server();
	assert_true(f.have_proto && f.have_type);
	assert_int_equal(f.proto, VT_PROTO_TCP);
	assert_int_equal(f.type, VT_DEV_TUN);
	assert_int_equal(f.speed, 256);
	assert_int_equal(f.compress, VT_COMP_ZLIB);
	assert_int_equal(f.comp_level, 9);
	assert_true(f.keepalive);
	assert_int_equal(f.cipher, 13);
	assert_logged("Use SSL-aware challenge/response");
	assert_null(strstr(logtext, "Denied"));
}

static void test_success_xor(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_server(3, NULL, "xor");
	client_host(&h, "xor", "XorSecret", false);
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), 0);
	finish_server();
	assert_int_equal(f.type, VT_DEV_TTY);
	assert_int_equal(f.cipher, VT_CIPHER_NONE);
	assert_logged("Use nonSSL-aware challenge/response");
}

static void test_wrong_password(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_server(3, admit_yes, NULL);
	client_host(&h, "alpha", "alpha-pw1", true);
	f.speed = 5;
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), -1);
	assert_int_equal(f.speed, 0);
	finish_server();
	assert_logged("Denied connection from 192.0.2.7:4242: wrong password for alpha");
}

static void test_unknown_host(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_server(3, admit_yes, NULL);
	client_host(&h, "nosuch", "Alpha-Pw1", true);
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), -1);
	finish_server();
	assert_logged("Denied connection from 192.0.2.7:4242: unknown host nosuch");
}

static void test_sslauth_mismatch(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_server(3, admit_yes, NULL);
	client_host(&h, "xor", "XorSecret", true);   /* server expects XOR */
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), -1);
	finish_server();
	assert_logged("wrong password for xor");
}

static void test_sslauth_mismatch_other_way(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_server(3, admit_yes, NULL);
	client_host(&h, "alpha", "Alpha-Pw1", false);   /* server expects Blowfish */
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), -1);
	finish_server();
	assert_logged("wrong password for alpha");
}

static void test_admit_refuses(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_server(3, admit_no, NULL);
	client_host(&h, "denied", "Denied-Pw", true);
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), -1);
	finish_server();
	assert_logged("Denied connection from 192.0.2.7:4242: refused by policy");
}

/* ---- raw fake clients ---- */

static void test_unknown_host_still_challenged(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	start_server(3, admit_yes, NULL);
	expect_block(sv[1], "VTUN server ver 3.X 05/14/2022\n");
	assert_int_equal(hsmsg_send(sv[1], "HOST: nosuchhost\n"), 0);
	assert_int_equal(hsmsg_recv(sv[1], m, 3), 0);
	assert_memory_equal(m, "OK CHAL: <", 10);
	assert_int_equal(strlen(m), 44);
	assert_int_equal(hsmsg_send(sv[1], "CHAL: <cemeepgcjjmaogmigkjbhgnklnbbfhhl>\n"), 0);
	expect_block(sv[1], "ERR\n");
	expect_eof(sv[1]);
	finish_server();
	assert_logged("unknown host nosuchhost");
}

static void test_garbage_instead_of_host(void **state)
{
	(void)state;
	start_server(3, admit_yes, NULL);
	expect_block(sv[1], "VTUN server ver 3.X 05/14/2022\n");
	assert_int_equal(hsmsg_send(sv[1], "GET / HTTP/1.0\r\n"), 0);
	expect_block(sv[1], "ERR\n");
	expect_eof(sv[1]);
	finish_server();
	assert_logged("Denied connection from 192.0.2.7:4242: bad message");
}

static void test_host_without_name(void **state)
{
	(void)state;
	start_server(3, admit_yes, NULL);
	expect_block(sv[1], "VTUN server ver 3.X 05/14/2022\n");
	assert_int_equal(hsmsg_send(sv[1], "HOST: \n"), 0);
	expect_block(sv[1], "ERR\n");
	finish_server();
	assert_logged("bad message");
}

/* A response that is not a challenge text (VTun would decode garbage) is refused. */
static void test_bad_chal_text(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	start_server(3, admit_yes, NULL);
	expect_block(sv[1], "VTUN server ver 3.X 05/14/2022\n");
	assert_int_equal(hsmsg_send(sv[1], "HOST:alpha\n"), 0);   /* ':' alone splits too */
	assert_int_equal(hsmsg_recv(sv[1], m, 3), 0);
	assert_int_equal(hsmsg_send(sv[1], "CHAL: <zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz>\n"), 0);
	expect_block(sv[1], "ERR\n");
	finish_server();
	assert_logged("bad message (expected CHAL)");
}

/* Messages in the wrong order: HOST again where CHAL is expected. */
static void test_host_twice(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	start_server(3, admit_yes, NULL);
	expect_block(sv[1], "VTUN server ver 3.X 05/14/2022\n");
	assert_int_equal(hsmsg_send(sv[1], "HOST: alpha\n"), 0);
	assert_int_equal(hsmsg_recv(sv[1], m, 3), 0);
	assert_int_equal(hsmsg_send(sv[1], "HOST: alpha\n"), 0);
	expect_block(sv[1], "ERR\n");
	finish_server();
	assert_logged("bad message");
}

static void test_client_sends_nothing(void **state)
{
	(void)state;
	start_server(1, admit_yes, NULL);
	expect_block(sv[1], "VTUN server ver 3.X 05/14/2022\n");
	double t0 = mono_now();
	char m[HS_MSG_LEN + 1];
	assert_int_equal(hsmsg_recv(sv[1], m, 5), 0);
	double dt = mono_now() - t0;
	assert_string_equal(m, "ERR\n");
	assert_true(dt >= 0.9 && dt <= 2.0);
	expect_eof(sv[1]);
	finish_server();
	assert_logged("Denied connection from 192.0.2.7:4242: timeout");
}

/* One byte, then silence: the server still gives up after the timeout (VTun hangs). */
static void test_client_stalls_mid_message(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	start_server(1, admit_yes, NULL);
	expect_block(sv[1], "VTUN server ver 3.X 05/14/2022\n");
	assert_int_equal(write(sv[1], "H", 1), 1);
	double t0 = mono_now();
	assert_int_equal(hsmsg_recv(sv[1], m, 5), 0);
	assert_string_equal(m, "ERR\n");
	assert_true(mono_now() - t0 <= 2.0);
	finish_server();
	assert_logged("timeout");
}

static void test_client_closes_mid_handshake(void **state)
{
	char m[HS_MSG_LEN + 1];

	(void)state;
	start_server(3, admit_yes, NULL);
	expect_block(sv[1], "VTUN server ver 3.X 05/14/2022\n");
	assert_int_equal(hsmsg_send(sv[1], "HOST: alpha\n"), 0);
	assert_int_equal(hsmsg_recv(sv[1], m, 3), 0);
	close(sv[1]);
	sv[1] = -1;
	finish_server();
	assert_logged("Denied connection from 192.0.2.7:4242: connection closed");
}

/* ---- fake servers against auth_client ---- */

/* Run `fn` as a fake server in a child; it exits 0 when everything it saw was right. */
static void start_fake_server(void (*fn)(int fd))
{
	srv_pid = fork();
	assert_true(srv_pid >= 0);
	if (srv_pid == 0) {
		close(sv[1]);
		dup2(fileno(srvlog), 2);
		fn(sv[0]);
		_exit(0);
	}
	close(sv[0]);
	sv[0] = -1;
}

static void fake_closes_after_host(int fd)
{
	char m[HS_MSG_LEN + 1];
	hsmsg_send(fd, "VTUN server ver 3.X 05/14/2022\n");
	hsmsg_recv(fd, m, 3);
	close(fd);
}

static void test_server_closes_mid_handshake(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_fake_server(fake_closes_after_host);
	client_host(&h, "alpha", "Alpha-Pw1", true);
	double t0 = mono_now();
	assert_int_equal(auth_client(sv[1], &h, 5, "server", &f), -1);
	assert_true(mono_now() - t0 < 2.0);
	finish_server();
}

static void fake_not_vtun(int fd)
{
	hsmsg_send(fd, "SSH-2.0-OpenSSH_9.2\n");
	sleep(2);
}

static void test_server_not_vtun(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_fake_server(fake_not_vtun);
	client_host(&h, "alpha", "Alpha-Pw1", true);
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), -1);
	kill(srv_pid, SIGKILL);
	waitpid(srv_pid, NULL, 0);
	srv_pid = -1;
}

static void fake_bad_flags(int fd)
{
	char m[HS_MSG_LEN + 1];
	hsmsg_send(fd, "VTUN server ver 3.X 05/14/2022\n");
	hsmsg_recv(fd, m, 3);
	hsmsg_send(fd, "OK CHAL: <fhlpfchheaaljcmhojoielkegfhfgoak>\n");
	hsmsg_recv(fd, m, 3);
	hsmsg_send(fd, "OK FLAGS: <TtC34>\n");
}

static void test_server_bad_flags(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_fake_server(fake_bad_flags);
	client_host(&h, "alpha", "Alpha-Pw1", true);
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), -1);
	finish_server();
}

/*
 * vectors/handshake_v1_tcp.txt: the Debian server's exact blocks; the client's HOST and
 * CHAL blocks must equal the captured ones byte for byte.
 */
static void fake_v1(int fd)
{
	uint8_t greet[HS_MSG_LEN] = "VTUN server ver 3.X 05/14/2022\n";
	uint8_t chal[HS_MSG_LEN] = "OK CHAL: <fhlpfchheaaljcmhojoielkegfhfgoak>\n";
	uint8_t flags[HS_MSG_LEN] = "OK FLAGS: <Tu>\n";
	uint8_t want_host[HS_MSG_LEN] = "HOST: spAv1\n";
	uint8_t want_resp[HS_MSG_LEN] = "CHAL: <docmfhhjgegaeplogjpmiedklliadiik>\n";
	uint8_t got[HS_MSG_LEN];

	if (write(fd, greet, sizeof(greet)) != HS_MSG_LEN)
		_exit(2);
	if (recv(fd, got, sizeof(got), MSG_WAITALL) != HS_MSG_LEN || memcmp(got, want_host, HS_MSG_LEN))
		_exit(3);
	if (write(fd, chal, sizeof(chal)) != HS_MSG_LEN)
		_exit(2);
	if (recv(fd, got, sizeof(got), MSG_WAITALL) != HS_MSG_LEN || memcmp(got, want_resp, HS_MSG_LEN))
		_exit(4);
	if (write(fd, flags, sizeof(flags)) != HS_MSG_LEN)
		_exit(2);
}

static void test_replay_v1_capture(void **state)
{
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	start_fake_server(fake_v1);
	client_host(&h, "spAv1", "Vec1Plain", true);
	assert_int_equal(auth_client(sv[1], &h, 3, "10.202.1.1", &f), 0);
	finish_server();
	assert_true(f.have_proto && f.have_type);
	assert_int_equal(f.proto, VT_PROTO_TCP);
	assert_int_equal(f.type, VT_DEV_TUN);
	assert_int_equal(f.cipher, VT_CIPHER_NONE);
	assert_int_equal(f.compress, VT_COMP_NONE);
	assert_false(f.keepalive);
}

/* Host name of 42 characters fills the block exactly without "\n" (doc/PROTOCOL.md §2.1). */
static void test_long_host_name(void **state)
{
	static const char name[] = "h23456789012345678901234567890123456789012";
	struct vt_host h;
	struct vt_flags f;

	(void)state;
	assert_int_equal(strlen(name), 42);
	add_host(name, "LongPw", true);
	start_server(3, NULL, name);
	client_host(&h, name, "LongPw", true);
	assert_int_equal(auth_client(sv[1], &h, 3, "server", &f), 0);
	finish_server();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_success_bf),
		T(test_success_xor),
		T(test_wrong_password),
		T(test_unknown_host),
		T(test_sslauth_mismatch),
		T(test_sslauth_mismatch_other_way),
		T(test_admit_refuses),
		T(test_unknown_host_still_challenged),
		T(test_garbage_instead_of_host),
		T(test_host_without_name),
		T(test_bad_chal_text),
		T(test_host_twice),
		T(test_client_sends_nothing),
		T(test_client_stalls_mid_message),
		T(test_client_closes_mid_handshake),
		T(test_server_closes_mid_handshake),
		T(test_server_not_vtun),
		T(test_server_bad_flags),
		T(test_replay_v1_capture),
		T(test_long_host_name),
#undef T
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
