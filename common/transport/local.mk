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
TRANSPORT_RIG = tests/unit/transport/transport_rig.c tests/unit/transport/transport_rig.h

check_PROGRAMS += tests/unit/transport/test_net

check_PROGRAMS += tests/unit/transport/test_tcp_stream
tests_unit_transport_test_tcp_stream_SOURCES = tests/unit/transport/test_tcp_stream.c $(TRANSPORT_RIG)

check_PROGRAMS += tests/unit/transport/test_udp_dgram
tests_unit_transport_test_udp_dgram_SOURCES = tests/unit/transport/test_udp_dgram.c $(TRANSPORT_RIG)

check_PROGRAMS += tests/unit/transport/test_udp_io
check_PROGRAMS += tests/unit/transport/test_udp_setup
endif
