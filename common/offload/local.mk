# SPDX-License-Identifier: ISC
# tun/tap offloads: the virtio header, TCP header parsing, TSO super-packet splitting,
# userspace GRO, Internet checksums.
libvtun_a_SOURCES += \
	common/offload/csum.c \
	common/offload/csum.h \
	common/offload/gro.c \
	common/offload/offload.h \
	common/offload/tcp_pkt.c \
	common/offload/tcp_pkt.h \
	common/offload/tso_split.c \
	common/offload/vnet.c

if HAVE_CMOCKA
OFFLOAD_TEST_REF = tests/unit/offload/pkt_ref.c tests/unit/offload/pkt_ref.h

check_PROGRAMS += tests/unit/offload/test_csum
check_PROGRAMS += tests/unit/offload/test_gro
tests_unit_offload_test_gro_SOURCES = tests/unit/offload/test_gro.c $(OFFLOAD_TEST_REF)

check_PROGRAMS += tests/unit/offload/test_tcp_pkt
tests_unit_offload_test_tcp_pkt_SOURCES = tests/unit/offload/test_tcp_pkt.c $(OFFLOAD_TEST_REF)

check_PROGRAMS += tests/unit/offload/test_tso_split
tests_unit_offload_test_tso_split_SOURCES = tests/unit/offload/test_tso_split.c $(OFFLOAD_TEST_REF)

check_PROGRAMS += tests/unit/offload/test_vnet

# Not a unit test (run-all runs test_* only): the forwarder of tests/integration/offload_tun.sh.
check_PROGRAMS += tests/unit/offload/offload_fwd
tests_unit_offload_offload_fwd_SOURCES = tests/unit/offload/offload_fwd.c $(OFFLOAD_TEST_REF)
endif
