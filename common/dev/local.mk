# SPDX-License-Identifier: ISC
# Local tunnel endpoints: tun/tap, pipe, tty.
libvtun_a_SOURCES += \
	common/dev/dev.c \
	common/dev/dev.h \
	common/dev/pipe.c \
	common/dev/tty.c \
	common/dev/tun.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/dev/test_dev
endif
