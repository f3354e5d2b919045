# SPDX-License-Identifier: ISC
# The VTun 3.0 handshake: messages, challenges, FLAGS.
libvtun_a_SOURCES += \
	common/auth/auth.c \
	common/auth/auth.h \
	common/auth/challenge.c \
	common/auth/challenge.h \
	common/auth/flags.c \
	common/auth/flags.h \
	common/auth/hsmsg.c \
	common/auth/hsmsg.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/auth/test_auth
tests_unit_auth_test_auth_SOURCES = tests/unit/auth/test_auth.c
tests_unit_auth_test_auth_LDADD = $(UNIT_TEST_LIBS)
tests_unit_auth_test_auth_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/auth/test_challenge
tests_unit_auth_test_challenge_SOURCES = tests/unit/auth/test_challenge.c
tests_unit_auth_test_challenge_LDADD = $(UNIT_TEST_LIBS)
tests_unit_auth_test_challenge_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/auth/test_flags
tests_unit_auth_test_flags_SOURCES = tests/unit/auth/test_flags.c
tests_unit_auth_test_flags_LDADD = $(UNIT_TEST_LIBS)
tests_unit_auth_test_flags_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/auth/test_hsmsg
tests_unit_auth_test_hsmsg_SOURCES = tests/unit/auth/test_hsmsg.c
tests_unit_auth_test_hsmsg_LDADD = $(UNIT_TEST_LIBS)
tests_unit_auth_test_hsmsg_CFLAGS = $(UNIT_TEST_FLAGS)
endif
