/* SPDX-License-Identifier: ISC */
/*
 * Both sides of the VTun 3.0 login dialogue (doc/PROTOCOL.md §2), each an explicit state machine
 * over 50-byte handshake messages (hsmsg). Every state accepts exactly the expected next
 * message; anything else ends the dialogue with a logged reason.
 *
 *   server                              client
 *   "VTUN server ver 3.X <date>\n"  ->
 *                                   <-  "HOST: <name>\n"
 *   "OK CHAL: <32 letters>\n"       ->
 *                                   <-  "CHAL: <32 letters>\n"
 *   "OK FLAGS: <...>\n" | "ERR\n"   ->
 */
#ifndef VTUN_AUTH_H
#define VTUN_AUTH_H

#include <stdbool.h>

#include "config/vtconfig.h"
#include "auth/flags.h"

/*
 * The version text of our greeting. It must stay "3.X ...": vtun-ng clients switch to their
 * incompatible 3.1 login when a server announces a real 3.1 or later.
 */
#define AUTH_VERSION "3.X 05/14/2022"

/* Multi/lock policy hook: called after a successful password check; false refuses the login. */
typedef bool (*auth_admit_fn)(const struct vt_host *h, void *arg);

/*
 * Server side on a connected fd. Sends the greeting, reads HOST, always sends a challenge
 * (also for unknown names, so names cannot be probed), reads CHAL, looks the host up,
 * verifies the response in constant time with that host's sslauth method, asks admit
 * (if not NULL), and sends "OK FLAGS: <...>\n". Each message read waits at most timeout_s.
 * On any failure sends "ERR\n", logs "Denied connection from <peer_desc>: <reason>" and
 * returns NULL; on success returns the host (a pointer into cfg). The caller logs
 * "Session ... opened".
 */
const struct vt_host *auth_server(int fd, const struct vt_config *cfg, int timeout_s, const char *peer_desc,
				  auth_admit_fn admit, void *admit_arg);

/*
 * Client side on a connected fd: expects the "VTUN" greeting, sends "HOST: <name>\n",
 * expects "OK CHAL: <...>", answers with host->sslauth's method, expects "OK FLAGS: <...>"
 * and parses it into *flags (the caller applies it with flags_apply). On ERR or anything
 * unexpected logs "Connection denied by <server_desc>" (the reason at debug level) and
 * returns -1; 0 on success.
 */
int auth_client(int fd, const struct vt_host *host, int timeout_s, const char *server_desc,
		struct vt_flags *flags);

#endif
