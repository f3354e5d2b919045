# SPDX-License-Identifier: ISC
# Sockets: TCP/UDP set-up, the transport ops tables and batched datagram I/O.
libvtun_a_SOURCES += \
	common/transport/net.c \
	common/transport/net.h \
	common/transport/tcp_stream.c \
	common/transport/transport.h \
	common/transport/udp_dgram.c \
	common/transport/udp_io.c \
	common/transport/udp_io.h \
	common/transport/udp_setup.c \
	common/transport/udp_setup.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/transport/test_udp_io
tests_unit_transport_test_udp_io_SOURCES = tests/unit/transport/test_udp_io.c
tests_unit_transport_test_udp_io_LDADD = $(UNIT_TEST_LIBS)
tests_unit_transport_test_udp_io_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/transport/test_udp_setup
tests_unit_transport_test_udp_setup_SOURCES = tests/unit/transport/test_udp_setup.c
tests_unit_transport_test_udp_setup_LDADD = $(UNIT_TEST_LIBS)
tests_unit_transport_test_udp_setup_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/transport/test_transport
tests_unit_transport_test_transport_SOURCES = tests/unit/transport/test_transport.c
tests_unit_transport_test_transport_LDADD = $(UNIT_TEST_LIBS)
tests_unit_transport_test_transport_CFLAGS = $(UNIT_TEST_FLAGS)
endif
