# SPDX-License-Identifier: ISC
# Data ciphers: the 16 EVP modes and legacy Blowfish (and their unit tests).
libvtun_a_SOURCES += \
	common/cipher_evp.c common/cipher_evp.h \
	common/filter_cipher.c \
	common/filter_legacy.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_cipher
tests_unit_test_cipher_SOURCES = tests/unit/test_cipher.c
tests_unit_test_cipher_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_cipher_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_legacy
tests_unit_test_legacy_SOURCES = tests/unit/test_legacy.c
tests_unit_test_legacy_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_legacy_CFLAGS = $(UNIT_TEST_FLAGS)
endif
