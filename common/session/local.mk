# SPDX-License-Identifier: ISC
# One session: device, up/down scripts, lock files, the link.
libvtun_a_SOURCES += \
	common/session/lock.c \
	common/session/lock.h \
	common/session/script.c \
	common/session/script.h \
	common/session/session.c \
	common/session/session.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/session/test_lock
tests_unit_session_test_lock_SOURCES = tests/unit/session/test_lock.c
tests_unit_session_test_lock_LDADD = $(UNIT_TEST_LIBS)
tests_unit_session_test_lock_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/session/test_script
tests_unit_session_test_script_SOURCES = tests/unit/session/test_script.c
tests_unit_session_test_script_LDADD = $(UNIT_TEST_LIBS)
tests_unit_session_test_script_CFLAGS = $(UNIT_TEST_FLAGS)
endif
