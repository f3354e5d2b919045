# SPDX-License-Identifier: ISC
# The command line, its overrides of the configuration, and main().
libvtun_a_SOURCES += \
	cli/cli.c \
	cli/cli.h \
	cli/overrides.c \
	cli/overrides.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/cli/test_cli
tests_unit_cli_test_cli_SOURCES = tests/unit/cli/test_cli.c
tests_unit_cli_test_cli_LDADD = $(UNIT_TEST_LIBS)
tests_unit_cli_test_cli_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/cli/test_overrides
tests_unit_cli_test_overrides_SOURCES = tests/unit/cli/test_overrides.c
tests_unit_cli_test_overrides_LDADD = $(UNIT_TEST_LIBS)
tests_unit_cli_test_overrides_CFLAGS = $(UNIT_TEST_FLAGS)
endif
