/* SPDX-License-Identifier: ISC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>

#include "transport_rig.h"

struct framing rig_vtun = { .ops = &framing_vtun_ops };

bool collect(void *arg, const struct frame *f)
{
	struct seen *s = arg;
	assert_true(s->n < 16);
	s->kind[s->n] = f->kind;
	s->len[s->n] = f->len;
	s->first[s->n] = f->len ? f->payload[0] : 0;
	s->n++;
	return !(s->stop_after && s->n % s->stop_after == 0);
}

struct transport *open_on(const struct transport_ops *ops, int fd)
{
	fcntl(fd, F_SETFL, O_NONBLOCK);
	struct transport_cfg c = { .name = "t", .sock = fd, .framing = &rig_vtun, .dgram_max = 4096 };
	return ops->open(&c);
}
