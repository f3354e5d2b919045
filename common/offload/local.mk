# SPDX-License-Identifier: ISC
# tun offloads: TSO super-packet splitting, userspace GRO, Internet checksums.
libvtun_a_SOURCES += \
	common/offload/csum.c \
	common/offload/csum.h \
	common/offload/offload.c \
	common/offload/offload.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/offload/test_csum
tests_unit_offload_test_csum_SOURCES = tests/unit/offload/test_csum.c
tests_unit_offload_test_csum_LDADD = $(UNIT_TEST_LIBS)
tests_unit_offload_test_csum_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/offload/test_offload
tests_unit_offload_test_offload_SOURCES = tests/unit/offload/test_offload.c
tests_unit_offload_test_offload_LDADD = $(UNIT_TEST_LIBS)
tests_unit_offload_test_offload_CFLAGS = $(UNIT_TEST_FLAGS)
endif
