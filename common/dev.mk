# SPDX-License-Identifier: ISC
# Devices, up/down scripts and lock files (and their unit tests).
libvtun_a_SOURCES += \
	common/dev.c common/dev.h \
	common/dev_tun.c common/dev_pipe.c common/dev_tty.c \
	common/script.c common/script.h \
	common/lock.c common/lock.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_dev
tests_unit_test_dev_SOURCES = tests/unit/test_dev.c
tests_unit_test_dev_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_dev_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_script
tests_unit_test_script_SOURCES = tests/unit/test_script.c
tests_unit_test_script_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_script_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_lock
tests_unit_test_lock_SOURCES = tests/unit/test_lock.c
tests_unit_test_lock_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_lock_CFLAGS = $(UNIT_TEST_FLAGS)
endif
