/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for common/config/config.c: VTun's built-in defaults, the deep copy of a host
 * (used for `default` merging) and its release, finding a host by name, type names.
 * Under the sanitizer build a missed free shows up as a leak.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "base/util.h"
#include "config/vtconfig.h"

static void test_host_defaults(void **state)
{
	(void)state;
	struct vt_host h;
	memset(&h, 0x5a, sizeof(h));
	vt_host_defaults(&h);
	assert_null(h.name);
	assert_null(h.passwd);
	assert_null(h.device);
	assert_int_equal(h.type, VT_DEV_TTY);
	assert_int_equal(h.proto, VT_PROTO_TCP);
	assert_int_equal(h.compress, VT_COMP_NONE);
	assert_int_equal(h.cipher, 0);
	assert_false(h.keepalive);
	assert_int_equal(h.ka_interval, 30);
	assert_int_equal(h.ka_maxfail, 4);
	assert_int_equal(h.timeout, 30);
	assert_false(h.stat);
	assert_int_equal(h.speed_in, 0);
	assert_int_equal(h.speed_out, 0);
	assert_int_equal(h.multi, VT_MULTI_ALLOW);
	assert_int_equal(h.persist, VT_PERSIST_NO);
	assert_int_equal(h.nat_hack, VT_NAT_NO);
	assert_true(h.sslauth);
	assert_null(h.src_addr);
	assert_null(h.src_iface);
	assert_int_equal(h.src_port, 0);
	assert_null(h.up);
	assert_null(h.down);
	assert_null(h.next);
}

static void test_options_defaults(void **state)
{
	(void)state;
	struct vt_config *cfg = vt_config_new();
	const struct vt_options *o = &cfg->opt;
	assert_int_equal(o->port, 5000);
	assert_int_equal(o->timeout, 30);
	assert_int_equal(o->syslog_facility, LOG_DAEMON);
	assert_string_equal(o->ppp, "/usr/sbin/pppd");
	assert_string_equal(o->ifconfig, "/sbin/ifconfig");
	assert_string_equal(o->route, "/sbin/route");
	assert_string_equal(o->firewall, "/sbin/ipchains");
	assert_string_equal(o->ip, "/sbin/ip");
	assert_null(o->bind_addr);
	assert_null(o->bind_iface);
	assert_null(o->iface);
	assert_false(o->inetd);
	assert_int_equal(o->family, VT_FAMILY_ANY);
	assert_null(cfg->hosts);
	assert_null(cfg->file);
	vt_config_free(cfg);
	vt_config_free(NULL);
}

static struct vt_cmd *cmd(enum vt_cmd_kind kind, const char *path, const char *args, int wait)
{
	struct vt_cmd *c = xcalloc(1, sizeof(*c));
	c->kind = kind;
	c->path = path ? xstrdup(path) : NULL;
	c->args = args ? xstrdup(args) : NULL;
	c->wait = wait;
	return c;
}

/* A host with every pointer member set, as the parser would leave it. */
static struct vt_host *full_host(const char *name)
{
	struct vt_host *h = xcalloc(1, sizeof(*h));
	vt_host_defaults(h);
	h->name = xstrdup(name);
	h->passwd = xstrdup("secret");
	h->device = xstrdup("tun7");
	h->src_addr = xstrdup("192.0.2.1");
	h->src_iface = xstrdup("eth0");
	h->type = VT_DEV_TUN;
	h->proto = VT_PROTO_UDP;
	h->speed_out = 512;
	h->line = 12;
	h->up = cmd(VT_CMD_IFCONFIG, NULL, "%% 10.0.0.1 up", VT_WAIT_YES);
	h->up->next = cmd(VT_CMD_PROGRAM, "/bin/echo", NULL, VT_WAIT_DELAY);
	h->down = cmd(VT_CMD_ROUTE, NULL, "del default", VT_WAIT_YES);
	return h;
}

static void check_cmd_copy(const struct vt_cmd *a, const struct vt_cmd *b)
{
	for (; a; a = a->next, b = b->next) {
		assert_non_null(b);
		assert_ptr_not_equal(a, b);
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->wait, b->wait);
		if (a->path) {
			assert_ptr_not_equal(a->path, b->path);
			assert_string_equal(a->path, b->path);
		} else {
			assert_null(b->path);
		}
		if (a->args) {
			assert_ptr_not_equal(a->args, b->args);
			assert_string_equal(a->args, b->args);
		} else {
			assert_null(b->args);
		}
	}
	assert_null(b);
}

static void check_str_copy(const char *a, const char *b)
{
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	assert_string_equal(a, b);
}

static void test_host_dup(void **state)
{
	(void)state;
	struct vt_host *src = full_host("alpha");
	src->next = src;   /* must not be copied */
	struct vt_host *d = vt_host_dup(src);
	assert_non_null(d);
	check_str_copy(src->name, d->name);
	check_str_copy(src->passwd, d->passwd);
	check_str_copy(src->device, d->device);
	check_str_copy(src->src_addr, d->src_addr);
	check_str_copy(src->src_iface, d->src_iface);
	assert_int_equal(d->type, VT_DEV_TUN);
	assert_int_equal(d->proto, VT_PROTO_UDP);
	assert_int_equal(d->speed_out, 512);
	assert_int_equal(d->line, 12);
	assert_int_equal(d->ka_interval, 30);
	assert_null(d->next);
	check_cmd_copy(src->up, d->up);
	check_cmd_copy(src->down, d->down);

	/* independent: changing the copy leaves the source alone */
	d->device[0] = 'X';
	d->up->args[0] = 'Y';
	assert_string_equal(src->device, "tun7");
	assert_string_equal(src->up->args, "%% 10.0.0.1 up");
	src->next = NULL;
	vt_host_free(src);
	vt_host_free(d);
	vt_host_free(NULL);
}

/* A host with no strings or commands (the `default` section before anything is set). */
static void test_host_dup_empty(void **state)
{
	(void)state;
	struct vt_host h;
	vt_host_defaults(&h);
	struct vt_host *d = vt_host_dup(&h);
	assert_null(d->name);
	assert_null(d->passwd);
	assert_null(d->device);
	assert_null(d->up);
	assert_null(d->down);
	assert_true(d->sslauth);
	vt_host_free(d);
	assert_null(vt_cmd_list_dup(NULL));
	vt_cmd_list_free(NULL);
}

static void test_find_host(void **state)
{
	(void)state;
	struct vt_config *cfg = vt_config_new();
	assert_null(vt_config_find_host(cfg, "alpha"));
	struct vt_host *a = full_host("alpha"), *b = full_host("beta"), *a2 = full_host("alpha");
	cfg->hosts = a;
	a->next = b;
	b->next = a2;
	assert_ptr_equal(vt_config_find_host(cfg, "alpha"), a);   /* the first of that name */
	assert_ptr_equal(vt_config_find_host(cfg, "beta"), b);
	assert_null(vt_config_find_host(cfg, "alph"));
	assert_null(vt_config_find_host(cfg, "alphaa"));
	assert_null(vt_config_find_host(cfg, "ALPHA"));           /* names are case-sensitive */
	assert_null(vt_config_find_host(cfg, ""));
	cfg->file = xstrdup("/etc/vtund.conf");
	cfg->opt.bind_addr = xstrdup("0.0.0.0");
	cfg->opt.bind_iface = xstrdup("eth0");
	cfg->opt.iface = xstrdup("eth1");
	vt_config_free(cfg);   /* frees every host and option string (leak check under ASan) */
}

static void test_dev_type_name(void **state)
{
	(void)state;
	assert_string_equal(vt_dev_type_name(VT_DEV_TTY), "tty");
	assert_string_equal(vt_dev_type_name(VT_DEV_PIPE), "pipe");
	assert_string_equal(vt_dev_type_name(VT_DEV_ETHER), "ether");
	assert_string_equal(vt_dev_type_name(VT_DEV_TUN), "tun");
	assert_string_equal(vt_dev_type_name((enum vt_dev_type)9), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_host_defaults),
		cmocka_unit_test(test_options_defaults),
		cmocka_unit_test(test_host_dup),
		cmocka_unit_test(test_host_dup_empty),
		cmocka_unit_test(test_find_host),
		cmocka_unit_test(test_dev_type_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
