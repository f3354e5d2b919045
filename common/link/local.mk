# SPDX-License-Identifier: ISC
# The per-session relay loop, its device side, keepalive, shaper and statistics.
libvtun_a_SOURCES += \
	common/link/dev_io.c \
	common/link/dev_io.h \
	common/link/keepalive.c \
	common/link/keepalive.h \
	common/link/link.c \
	common/link/link.h \
	common/link/link_int.h \
	common/link/payload.c \
	common/link/shaper.c \
	common/link/shaper.h \
	common/link/stat.c \
	common/link/stat.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/link/test_link
tests_unit_link_test_link_SOURCES = tests/unit/link/test_link.c
tests_unit_link_test_link_LDADD = $(UNIT_TEST_LIBS)
tests_unit_link_test_link_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/link/test_shaper
tests_unit_link_test_shaper_SOURCES = tests/unit/link/test_shaper.c tests/unit/lib/log_capture.c tests/unit/lib/log_capture.h
tests_unit_link_test_shaper_LDADD = $(UNIT_TEST_LIBS)
tests_unit_link_test_shaper_CFLAGS = $(UNIT_TEST_FLAGS)
endif
