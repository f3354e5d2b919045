# SPDX-License-Identifier: ISC
# Wire framings of the data channel: the ops table and its rows.
libvtun_a_SOURCES += \
	common/framing/frame.c \
	common/framing/frame.h \
	common/framing/framing.h \
	common/framing/vtun.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/framing/test_frame
tests_unit_framing_test_frame_SOURCES = tests/unit/framing/test_frame.c
tests_unit_framing_test_frame_LDADD = $(UNIT_TEST_LIBS)
tests_unit_framing_test_frame_CFLAGS = $(UNIT_TEST_FLAGS)

check_PROGRAMS += tests/unit/framing/test_vtun
tests_unit_framing_test_vtun_SOURCES = tests/unit/framing/test_vtun.c
tests_unit_framing_test_vtun_LDADD = $(UNIT_TEST_LIBS)
tests_unit_framing_test_vtun_CFLAGS = $(UNIT_TEST_FLAGS)
endif
