# SPDX-License-Identifier: ISC
# The VTun 3.0 handshake: messages, challenges, FLAGS.
libvtun_a_SOURCES += \
	common/auth/auth.c \
	common/auth/auth.h \
	common/auth/challenge.c \
	common/auth/challenge.h \
	common/auth/flags.c \
	common/auth/flags.h \
	common/auth/hsmsg.c \
	common/auth/hsmsg.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/auth/test_auth
check_PROGRAMS += tests/unit/auth/test_challenge
check_PROGRAMS += tests/unit/auth/test_flags
check_PROGRAMS += tests/unit/auth/test_hsmsg
endif
