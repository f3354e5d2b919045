# SPDX-License-Identifier: ISC
# The per-session relay loop, its device side, keepalive, shaper and statistics.
libvtun_a_SOURCES += \
	common/link/dev_io.c \
	common/link/dev_io.h \
	common/link/keepalive.c \
	common/link/keepalive.h \
	common/link/link.c \
	common/link/link.h \
	common/link/link_int.h \
	common/link/payload.c \
	common/link/shaper.c \
	common/link/shaper.h \
	common/link/stat.c \
	common/link/stat.h

if HAVE_CMOCKA
LINK_RIG = tests/unit/link/rig.c tests/unit/link/rig.h

check_PROGRAMS += tests/unit/link/test_dev_io
tests_unit_link_test_dev_io_SOURCES = tests/unit/link/test_dev_io.c $(LINK_RIG)

check_PROGRAMS += tests/unit/link/test_keepalive

check_PROGRAMS += tests/unit/link/test_link
tests_unit_link_test_link_SOURCES = tests/unit/link/test_link.c $(LINK_RIG)

check_PROGRAMS += tests/unit/link/test_payload
tests_unit_link_test_payload_SOURCES = tests/unit/link/test_payload.c $(LINK_RIG)

check_PROGRAMS += tests/unit/link/test_shaper
tests_unit_link_test_shaper_SOURCES = tests/unit/link/test_shaper.c $(LOG_CAPTURE)

check_PROGRAMS += tests/unit/link/test_stat
tests_unit_link_test_stat_SOURCES = tests/unit/link/test_stat.c $(LOG_CAPTURE)
endif
