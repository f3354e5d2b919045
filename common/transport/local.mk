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
check_PROGRAMS += tests/unit/transport/test_udp_setup
check_PROGRAMS += tests/unit/transport/test_transport
endif
