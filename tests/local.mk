# SPDX-License-Identifier: ISC
# Unit tests are cmocka programs, one per module, with paths that mirror the module's: the
# test of common/dev/tun.c is tests/unit/dev/test_tun.c, declared in common/dev/local.mk
# inside `if HAVE_CMOCKA` with these two variables:
#   check_PROGRAMS += tests/unit/dev/test_tun
#   tests_unit_dev_test_tun_SOURCES = tests/unit/dev/test_tun.c
#   tests_unit_dev_test_tun_LDADD = $(UNIT_TEST_LIBS)
#   tests_unit_dev_test_tun_CFLAGS = $(UNIT_TEST_FLAGS)
# They are built by `make check TESTS=` and run by tests/run-all.sh.
UNIT_TEST_LIBS = $(VTUN_LIBS) $(CMOCKA_LIBS)
UNIT_TEST_FLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
