# SPDX-License-Identifier: ISC
# The filter chain, compression and the shaper (and their unit tests).
libvtun_a_SOURCES += \
	common/filter.c common/filter.h \
	common/filter_zlib.c common/filter_lzo.c \
	common/shaper.c common/shaper.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_filter
tests_unit_test_filter_SOURCES = tests/unit/test_filter.c
tests_unit_test_filter_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_filter_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_zlib
tests_unit_test_zlib_SOURCES = tests/unit/test_zlib.c tests/unit/log_capture.c tests/unit/log_capture.h
tests_unit_test_zlib_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_zlib_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_lzo
tests_unit_test_lzo_SOURCES = tests/unit/test_lzo.c tests/unit/log_capture.c tests/unit/log_capture.h
tests_unit_test_lzo_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_lzo_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_shaper
tests_unit_test_shaper_SOURCES = tests/unit/test_shaper.c tests/unit/log_capture.c tests/unit/log_capture.h
tests_unit_test_shaper_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_shaper_CFLAGS = $(UNIT_TEST_FLAGS)
endif
