# SPDX-License-Identifier: ISC
# Frames, sockets, the libev link loop, sessions, statistics, daemon helpers.
libvtun_a_SOURCES += \
	common/daemon.c common/daemon.h \
	common/frame.c common/frame.h \
	common/link.c common/link.h \
	common/net.c common/net.h \
	common/session.c common/session.h \
	common/stat.c common/stat.h
