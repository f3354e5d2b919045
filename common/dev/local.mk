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
tests_unit_dev_test_dev_SOURCES = tests/unit/dev/test_dev.c
tests_unit_dev_test_dev_LDADD = $(UNIT_TEST_LIBS)
tests_unit_dev_test_dev_CFLAGS = $(UNIT_TEST_FLAGS)
endif
