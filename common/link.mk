# SPDX-License-Identifier: ISC
# Frames, sockets, the libev link loop, sessions, statistics, daemon helpers.
libvtun_a_SOURCES += \
	common/daemon.c common/daemon.h \
	common/frame.c common/frame.h \
	common/link.c common/link.h \
	common/net.c common/net.h \
	common/session.c common/session.h \
	common/stat.c common/stat.h \
	common/udp.c common/udp.h \
	common/udp_io.c common/udp_io.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_frame tests/unit/test_link tests/unit/test_udp tests/unit/test_udp_io
tests_unit_test_udp_io_SOURCES = tests/unit/test_udp_io.c
tests_unit_test_udp_io_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_udp_io_CFLAGS = $(UNIT_TEST_FLAGS)
tests_unit_test_udp_SOURCES = tests/unit/test_udp.c
tests_unit_test_udp_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_udp_CFLAGS = $(UNIT_TEST_FLAGS)
tests_unit_test_frame_SOURCES = tests/unit/test_frame.c
tests_unit_test_frame_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_frame_CFLAGS = $(UNIT_TEST_FLAGS)
tests_unit_test_link_SOURCES = tests/unit/test_link.c
tests_unit_test_link_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_link_CFLAGS = $(UNIT_TEST_FLAGS)
endif
