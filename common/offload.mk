# SPDX-License-Identifier: ISC
# Tun offloads: TSO splitting, userspace GRO, Internet checksum helpers (and their unit tests).
libvtun_a_SOURCES += \
	common/offload.c common/offload.h \
	common/csum.c common/csum.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_offload
tests_unit_test_offload_SOURCES = tests/unit/test_offload.c
tests_unit_test_offload_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_offload_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_csum
tests_unit_test_csum_SOURCES = tests/unit/test_csum.c
tests_unit_test_csum_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_csum_CFLAGS = $(UNIT_TEST_FLAGS)
endif
