# SPDX-License-Identifier: ISC
# The command line and main().
libvtun_a_SOURCES += \
	cli/cli.c \
	cli/cli.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/cli/test_cli
tests_unit_cli_test_cli_SOURCES = tests/unit/cli/test_cli.c
tests_unit_cli_test_cli_LDADD = $(UNIT_TEST_LIBS)
tests_unit_cli_test_cli_CFLAGS = $(UNIT_TEST_FLAGS)
endif
