# SPDX-License-Identifier: ISC
# Shared basics: bounded buffers and strings, logging, allocation and secrets, daemon helpers,
# waiting with deadlines, signal dispositions.
libvtun_a_SOURCES += \
	common/base/buf.c \
	common/base/buf.h \
	common/base/daemon.c \
	common/base/daemon.h \
	common/base/log.c \
	common/base/log.h \
	common/base/signals.c \
	common/base/signals.h \
	common/base/strbuf.c \
	common/base/strbuf.h \
	common/base/util.c \
	common/base/util.h \
	common/base/wait.c \
	common/base/wait.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/base/test_buf
tests_unit_base_test_buf_SOURCES = tests/unit/base/test_buf.c
tests_unit_base_test_buf_LDADD = $(UNIT_TEST_LIBS)
tests_unit_base_test_buf_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/base/test_log
tests_unit_base_test_log_SOURCES = tests/unit/base/test_log.c
tests_unit_base_test_log_LDADD = $(UNIT_TEST_LIBS)
tests_unit_base_test_log_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/base/test_signals
tests_unit_base_test_signals_SOURCES = tests/unit/base/test_signals.c
tests_unit_base_test_signals_LDADD = $(UNIT_TEST_LIBS)
tests_unit_base_test_signals_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/base/test_strbuf
tests_unit_base_test_strbuf_SOURCES = tests/unit/base/test_strbuf.c
tests_unit_base_test_strbuf_LDADD = $(UNIT_TEST_LIBS)
tests_unit_base_test_strbuf_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/base/test_util
tests_unit_base_test_util_SOURCES = tests/unit/base/test_util.c
tests_unit_base_test_util_LDADD = $(UNIT_TEST_LIBS)
tests_unit_base_test_util_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/base/test_wait
tests_unit_base_test_wait_SOURCES = tests/unit/base/test_wait.c
tests_unit_base_test_wait_LDADD = $(UNIT_TEST_LIBS)
tests_unit_base_test_wait_CFLAGS = $(UNIT_TEST_FLAGS)
endif
