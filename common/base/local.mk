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
check_PROGRAMS += tests/unit/base/test_daemon
check_PROGRAMS += tests/unit/base/test_log
check_PROGRAMS += tests/unit/base/test_signals
check_PROGRAMS += tests/unit/base/test_strbuf
check_PROGRAMS += tests/unit/base/test_util
check_PROGRAMS += tests/unit/base/test_wait
endif
