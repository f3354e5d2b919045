# SPDX-License-Identifier: ISC
# One session: device, up/down scripts, lock files, the link.
libvtun_a_SOURCES += \
	common/session/lock.c \
	common/session/lock.h \
	common/session/script.c \
	common/session/script.h \
	common/session/session.c \
	common/session/session.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/session/test_lock
check_PROGRAMS += tests/unit/session/test_script
endif
