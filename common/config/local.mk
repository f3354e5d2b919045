# SPDX-License-Identifier: ISC
# The configuration model that the parser fills and everything else reads.
libvtun_a_SOURCES += \
	common/config/config.c \
	common/config/names.c \
	common/config/names.h \
	common/config/vtconfig.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/config/test_config
check_PROGRAMS += tests/unit/config/test_names
endif
