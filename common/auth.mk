# SPDX-License-Identifier: ISC
# Handshake, FLAGS and crypto helpers (and their unit tests).
libvtun_a_SOURCES += \
	common/auth.c common/auth.h \
	common/challenge.c common/challenge.h \
	common/crypto.c common/crypto.h \
	common/flags.c common/flags.h \
	common/hsmsg.c common/hsmsg.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_hsmsg
tests_unit_test_hsmsg_SOURCES = tests/unit/test_hsmsg.c
tests_unit_test_hsmsg_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_hsmsg_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_challenge
tests_unit_test_challenge_SOURCES = tests/unit/test_challenge.c
tests_unit_test_challenge_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_challenge_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_crypto
tests_unit_test_crypto_SOURCES = tests/unit/test_crypto.c
tests_unit_test_crypto_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_crypto_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_flags
tests_unit_test_flags_SOURCES = tests/unit/test_flags.c
tests_unit_test_flags_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_flags_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_auth
tests_unit_test_auth_SOURCES = tests/unit/test_auth.c
tests_unit_test_auth_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_auth_CFLAGS = $(UNIT_TEST_FLAGS)
endif
