# SPDX-License-Identifier: ISC
# Local tunnel endpoints: tun/tap, pipe, tty.
libvtun_a_SOURCES += \
	common/dev/dev.c \
	common/dev/dev.h \
	common/dev/pipe.c \
	common/dev/tty.c \
	common/dev/tun.c

if HAVE_CMOCKA
DEV_TEST_UTIL = tests/unit/dev/dev_test_util.c tests/unit/dev/dev_test_util.h

check_PROGRAMS += tests/unit/dev/test_dev

check_PROGRAMS += tests/unit/dev/test_pipe
tests_unit_dev_test_pipe_SOURCES = tests/unit/dev/test_pipe.c $(DEV_TEST_UTIL)

check_PROGRAMS += tests/unit/dev/test_tty
tests_unit_dev_test_tty_SOURCES = tests/unit/dev/test_tty.c $(DEV_TEST_UTIL)

check_PROGRAMS += tests/unit/dev/test_tun
tests_unit_dev_test_tun_SOURCES = tests/unit/dev/test_tun.c $(DEV_TEST_UTIL)
endif
