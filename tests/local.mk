# SPDX-License-Identifier: ISC
# Unit tests are cmocka programs, one per module, declared in the local.mk (or *.mk) of the
# folder that owns the module, inside `if HAVE_CMOCKA`, using these two variables:
#   check_PROGRAMS += tests/unit/test_foo
#   tests_unit_test_foo_SOURCES = tests/unit/test_foo.c
#   tests_unit_test_foo_LDADD = $(UNIT_TEST_LIBS)
#   tests_unit_test_foo_CFLAGS = $(UNIT_TEST_FLAGS)
# They are built by `make check TESTS=` and run by tests/run-all.sh.
UNIT_TEST_LIBS = $(VTUN_LIBS) $(CMOCKA_LIBS)
UNIT_TEST_FLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/test_buf
tests_unit_test_buf_SOURCES = tests/unit/test_buf.c
tests_unit_test_buf_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_buf_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_util
tests_unit_test_util_SOURCES = tests/unit/test_util.c
tests_unit_test_util_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_util_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_log
tests_unit_test_log_SOURCES = tests/unit/test_log.c
tests_unit_test_log_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_log_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/test_cli
tests_unit_test_cli_SOURCES = tests/unit/test_cli.c
tests_unit_test_cli_LDADD = $(UNIT_TEST_LIBS)
tests_unit_test_cli_CFLAGS = $(UNIT_TEST_FLAGS)
endif
