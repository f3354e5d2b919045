# SPDX-License-Identifier: ISC
# The command line, its overrides of the configuration, and main().
libvtun_a_SOURCES += \
	cli/cli.c \
	cli/cli.h \
	cli/overrides.c \
	cli/overrides.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/cli/test_cli
check_PROGRAMS += tests/unit/cli/test_overrides
endif
