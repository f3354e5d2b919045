# SPDX-License-Identifier: ISC
# The configuration model that the parser fills and everything else reads.
libvtun_a_SOURCES += \
	common/config/config.c \
	common/config/names.c \
	common/config/names.h \
	common/config/vtconfig.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/config/test_names
tests_unit_config_test_names_SOURCES = tests/unit/config/test_names.c
tests_unit_config_test_names_LDADD = $(UNIT_TEST_LIBS)
tests_unit_config_test_names_CFLAGS = $(UNIT_TEST_FLAGS)
endif
