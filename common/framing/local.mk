# SPDX-License-Identifier: ISC
# Wire framings of the data channel: the ops table and its rows.
libvtun_a_SOURCES += \
	common/framing/frame.c \
	common/framing/frame.h \
	common/framing/framing.h \
	common/framing/vtun.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/framing/test_frame
check_PROGRAMS += tests/unit/framing/test_vtun
endif
