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
check_PROGRAMS += tests/unit/filter/test_cipher
check_PROGRAMS += tests/unit/filter/test_legacy_blowfish
check_PROGRAMS += tests/unit/filter/test_lzo
tests_unit_filter_test_lzo_SOURCES = tests/unit/filter/test_lzo.c $(LOG_CAPTURE)

check_PROGRAMS += tests/unit/filter/test_zlib
tests_unit_filter_test_zlib_SOURCES = tests/unit/filter/test_zlib.c $(LOG_CAPTURE)
endif
