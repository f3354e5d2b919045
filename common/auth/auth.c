/* SPDX-License-Identifier: ISC */
#include "auth/auth.h"
#include "auth/challenge.h"
#include "crypto/crypto.h"
#include "auth/hsmsg.h"
#include "base/log.h"
#include "base/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Text of a challenge/response message ("<" 32 letters ">" plus NUL). */
#define CHAL_TEXT_SIZE (2 * CHAL_LEN + 3)
/*
 * "HOST: " + name must fit in the 48 characters of a block. A 42-character name only loses
 * its "\n", which servers tolerate (doc/PROTOCOL.md §2.1); a longer one reaches the server cut.
 */
#define HOST_NAME_FITS (HS_MSG_TEXT_MAX - 6)
/* Enough for any reason we log, including a (cut) 48-character host name. */
#define REASON_LEN 160

/* Copy peer-supplied text for a log line up to CR/LF: other non-printable bytes become '?'. */
static void printable(char *dst, size_t n, const char *src)
{
	size_t i = 0;

	for (; src[i] && src[i] != '\r' && src[i] != '\n' && i + 1 < n; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
	dst[i] = '\0';
}

/* Why a read failed, in the words of the logs. */
static const char *recv_failure(void)
{
	switch (errno) {
	case ETIMEDOUT: return "timeout";
	case ECONNRESET: return "connection closed";
	default: return "read error";
	}
}

/*
 * Server message parsing (doc/PROTOCOL.md §2.3): cut at the first CR or LF, split on ' ' and ':' (runs
 * of them count as one); the first token must be `keyword`, the second is the argument.
 * Modifies msg; *arg points into it.
 */
static bool split_msg(char *msg, const char *keyword, char **arg)
{
	char *save = NULL, *tok;

	msg[strcspn(msg, "\r\n")] = '\0';
	tok = strtok_r(msg, " :", &save);
	if (!tok || strcmp(tok, keyword) != 0)
		return false;
	*arg = strtok_r(NULL, " :", &save);
	return *arg != NULL;
}

/* ---- server ----------------------------------------------------------------------------- */

enum srv_state { SRV_GREET, SRV_HOST, SRV_CHAL, SRV_RESP, SRV_CHECK, SRV_FLAGS, SRV_DONE, SRV_FAIL };

/* The server side of one handshake. */
struct srv {
	int fd;
	const struct vt_config *cfg;
	int timeout;
	auth_admit_fn admit;
	void *admit_arg;
	char msg[HS_MSG_LEN + 1];
	char name[HS_MSG_LEN + 1];       /* as the peer sent it */
	uint8_t chal[CHAL_LEN];
	uint8_t resp[CHAL_LEN];
	const struct vt_host *host;
	char reason[REASON_LEN];
};

/* Record why we are failing (first reason wins) and return the failure state. */
static enum srv_state srv_fail(struct srv *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static enum srv_state srv_fail(struct srv *s, const char *fmt, ...)
{
	va_list ap;

	if (!s->reason[0]) {
		va_start(ap, fmt);
		vsnprintf(s->reason, sizeof(s->reason), fmt, ap);   /* a cut reason is still useful */
		va_end(ap);
	}
	return SRV_FAIL;
}

static enum srv_state srv_greet(struct srv *s)
{
	if (hsmsg_send(s->fd, "VTUN server ver " AUTH_VERSION "\n") < 0)
		return srv_fail(s, "write error: %s", strerror(errno));
	return SRV_HOST;
}

static enum srv_state srv_host(struct srv *s)
{
	char *arg;

	if (hsmsg_recv(s->fd, s->msg, s->timeout) < 0)
		return srv_fail(s, "%s", recv_failure());
	if (!split_msg(s->msg, "HOST", &arg))
		return srv_fail(s, "bad message (expected HOST)");
	/* No lookup yet: unknown names get a challenge too, so they cannot be probed. */
	snprintf(s->name, sizeof(s->name), "%s", arg);   /* arg is shorter than a message */
	return SRV_CHAL;
}

static enum srv_state srv_chal(struct srv *s)
{
	char text[CHAL_TEXT_SIZE];
	int rc;

	if (!chal_generate(s->chal))
		return srv_fail(s, "no random challenge");
	chal_encode(s->chal, text);
	rc = hsmsg_send(s->fd, "OK CHAL: %s\n", text);
	secure_zero(text, sizeof(text));
	if (rc < 0)
		return srv_fail(s, "write error: %s", strerror(errno));
	return SRV_RESP;
}

static enum srv_state srv_resp(struct srv *s)
{
	char *arg;

	if (hsmsg_recv(s->fd, s->msg, s->timeout) < 0)
		return srv_fail(s, "%s", recv_failure());
	if (!split_msg(s->msg, "CHAL", &arg) || !chal_decode(arg, s->resp))
		return srv_fail(s, "bad message (expected CHAL)");
	return SRV_CHECK;
}

static enum srv_state srv_check(struct srv *s)
{
	char pname[HS_MSG_LEN + 1];

	printable(pname, sizeof(pname), s->name);
	s->host = vt_config_find_host(s->cfg, s->name);
	if (!s->host) {
		/* Spend about the same time as a real check, so timing tells nothing either. */
		(void)chal_verify("-", true, s->chal, s->resp);
		return srv_fail(s, "unknown host %s", pname);
	}
	log_debug("Use %sSSL-aware challenge/response", s->host->sslauth ? "" : "non");
	if (!chal_verify(s->host->passwd, s->host->sslauth, s->chal, s->resp))
		return srv_fail(s, "wrong password for %s", pname);
	if (s->admit && !s->admit(s->host, s->admit_arg))
		return srv_fail(s, "refused by policy for %s", pname);
	return SRV_FLAGS;
}

static enum srv_state srv_flags(struct srv *s)
{
	char fl[FLAGS_MAX_LEN];

	if (flags_format(s->host, fl, sizeof(fl)) < 0)
		return srv_fail(s, "cannot express the settings of %s as flags", s->host->name);
	if (hsmsg_send(s->fd, "OK FLAGS: %s\n", fl) < 0)
		return srv_fail(s, "write error: %s", strerror(errno));
	return SRV_DONE;
}

const struct vt_host *auth_server(int fd, const struct vt_config *cfg, int timeout_s, const char *peer_desc,
				  auth_admit_fn admit, void *admit_arg)
{
	struct srv s = { .fd = fd, .cfg = cfg, .timeout = timeout_s, .admit = admit, .admit_arg = admit_arg };
	enum srv_state st = SRV_GREET;
	const struct vt_host *ret = NULL;

	if (!crypto_init())
		srv_fail(&s, "crypto unavailable");
	while (st != SRV_DONE && st != SRV_FAIL && !s.reason[0]) {
		switch (st) {
		case SRV_GREET: st = srv_greet(&s); break;
		case SRV_HOST: st = srv_host(&s); break;
		case SRV_CHAL: st = srv_chal(&s); break;
		case SRV_RESP: st = srv_resp(&s); break;
		case SRV_CHECK: st = srv_check(&s); break;
		case SRV_FLAGS: st = srv_flags(&s); break;
		case SRV_DONE:
		case SRV_FAIL: break;
		}
	}
	if (st == SRV_DONE && !s.reason[0]) {
		ret = s.host;
	} else {
		/* Best effort: the peer may be gone already (MSG_NOSIGNAL keeps us alive). */
		(void)hsmsg_send(fd, "ERR\n");
		log_warnx("Denied connection from %s: %s", peer_desc ? peer_desc : "?", s.reason);
	}
	secure_zero(&s, sizeof(s));
	return ret;
}

/* ---- client ----------------------------------------------------------------------------- */

enum client_step { CLIENT_GREET, CLIENT_HOST, CLIENT_CHAL, CLIENT_FLAGS, CLIENT_DONE, CLIENT_FAIL };

/* The client side of one handshake (not the command line: that is cli/cli.h). */
struct client_handshake {
	int fd;
	const struct vt_host *host;
	int timeout;
	struct vt_flags *flags;
	char msg[HS_MSG_LEN + 1];
	uint8_t chal[CHAL_LEN];
	uint8_t resp[CHAL_LEN];
	char reason[REASON_LEN];
};

static enum client_step client_fail(struct client_handshake *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static enum client_step client_fail(struct client_handshake *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->reason[0]) {
		va_start(ap, fmt);
		vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
		va_end(ap);
	}
	return CLIENT_FAIL;
}

/* Read the next server message; ERR and read failures end the dialogue. */
static bool client_recv(struct client_handshake *c, const char *what)
{
	char shown[HS_MSG_LEN + 1];

	if (hsmsg_recv(c->fd, c->msg, c->timeout) < 0) {
		client_fail(c, "%s while waiting for %s", recv_failure(), what);
		return false;
	}
	if (strncmp(c->msg, "ERR", 3) == 0) {
		client_fail(c, "server answered ERR instead of %s", what);
		return false;
	}
	printable(shown, sizeof(shown), c->msg);
	log_debug("Server sends %s", shown);
	return true;
}

static enum client_step client_greet(struct client_handshake *c)
{
	if (!client_recv(c, "the greeting"))
		return CLIENT_FAIL;
	if (strncmp(c->msg, "VTUN", 4) != 0)
		return client_fail(c, "bad greeting");
	return CLIENT_HOST;
}

static enum client_step client_host(struct client_handshake *c)
{
	const char *name = c->host->name ? c->host->name : "";

	if (strlen(name) > HOST_NAME_FITS)
		log_warnx("Host name %s is longer than %d characters: the server will see it cut",
			  name, HOST_NAME_FITS);
	if (hsmsg_send(c->fd, "HOST: %s\n", name) < 0)
		return client_fail(c, "write error: %s", strerror(errno));
	return CLIENT_CHAL;
}

static enum client_step client_chal(struct client_handshake *c)
{
	const char *pw = c->host->passwd ? c->host->passwd : "";
	char text[CHAL_TEXT_SIZE];
	int rc;

	if (!client_recv(c, "the challenge"))
		return CLIENT_FAIL;
	if (strncmp(c->msg, "OK", 2) != 0 || !chal_decode(c->msg, c->chal))
		return client_fail(c, "bad challenge message");
	log_debug("Use %sSSL-aware challenge/response", c->host->sslauth ? "" : "non");
	if (c->host->sslauth)
		chal_respond_bf(pw, c->chal, c->resp);
	else
		chal_respond_xor(pw, c->chal, c->resp);
	chal_encode(c->resp, text);
	rc = hsmsg_send(c->fd, "CHAL: %s\n", text);
	secure_zero(text, sizeof(text));
	if (rc < 0)
		return client_fail(c, "write error: %s", strerror(errno));
	return CLIENT_FLAGS;
}

static enum client_step client_flags(struct client_handshake *c)
{
	if (!client_recv(c, "the flags"))
		return CLIENT_FAIL;
	if (strncmp(c->msg, "OK", 2) != 0 || flags_parse(c->msg, c->flags) < 0)
		return client_fail(c, "bad flags message");
	if (c->flags->cipher == VT_CIPHER_LEGACY)
		log_info("Remote server using older encryption.");
	return CLIENT_DONE;
}

int auth_client(int fd, const struct vt_host *host, int timeout_s, const char *server_desc,
		struct vt_flags *flags)
{
	struct client_handshake c = { .fd = fd, .host = host, .timeout = timeout_s, .flags = flags };
	enum client_step st = CLIENT_GREET;
	int ret = -1;

	memset(flags, 0, sizeof(*flags));
	if (!crypto_init())
		client_fail(&c, "crypto unavailable");
	while (st != CLIENT_DONE && st != CLIENT_FAIL && !c.reason[0]) {
		switch (st) {
		case CLIENT_GREET: st = client_greet(&c); break;
		case CLIENT_HOST: st = client_host(&c); break;
		case CLIENT_CHAL: st = client_chal(&c); break;
		case CLIENT_FLAGS: st = client_flags(&c); break;
		case CLIENT_DONE:
		case CLIENT_FAIL: break;
		}
	}
	if (st == CLIENT_DONE && !c.reason[0]) {
		ret = 0;
	} else {
		memset(flags, 0, sizeof(*flags));
		log_warnx("Connection denied by %s", server_desc ? server_desc : "?");
		log_debug("Handshake with %s failed: %s", server_desc ? server_desc : "?", c.reason);
	}
	secure_zero(&c, sizeof(c));
	return ret;
}
