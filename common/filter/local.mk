# SPDX-License-Identifier: ISC
# The filter chain: compression and the legacy ciphers.
libvtun_a_SOURCES += \
	common/filter/chain.c \
	common/filter/cipher.c \
	common/filter/filter.h \
	common/filter/legacy_blowfish.c \
	common/filter/lzo.c \
	common/filter/zlib.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/filter/test_chain
tests_unit_filter_test_chain_SOURCES = tests/unit/filter/test_chain.c
tests_unit_filter_test_chain_LDADD = $(UNIT_TEST_LIBS)
tests_unit_filter_test_chain_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/filter/test_cipher
tests_unit_filter_test_cipher_SOURCES = tests/unit/filter/test_cipher.c
tests_unit_filter_test_cipher_LDADD = $(UNIT_TEST_LIBS)
tests_unit_filter_test_cipher_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/filter/test_legacy_blowfish
tests_unit_filter_test_legacy_blowfish_SOURCES = tests/unit/filter/test_legacy_blowfish.c
tests_unit_filter_test_legacy_blowfish_LDADD = $(UNIT_TEST_LIBS)
tests_unit_filter_test_legacy_blowfish_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/filter/test_lzo
tests_unit_filter_test_lzo_SOURCES = tests/unit/filter/test_lzo.c tests/unit/lib/log_capture.c tests/unit/lib/log_capture.h
tests_unit_filter_test_lzo_LDADD = $(UNIT_TEST_LIBS)
tests_unit_filter_test_lzo_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/filter/test_zlib
tests_unit_filter_test_zlib_SOURCES = tests/unit/filter/test_zlib.c tests/unit/lib/log_capture.c tests/unit/lib/log_capture.h
tests_unit_filter_test_zlib_LDADD = $(UNIT_TEST_LIBS)
tests_unit_filter_test_zlib_CFLAGS = $(UNIT_TEST_FLAGS)
endif
