# SPDX-License-Identifier: ISC
libvtun_a_SOURCES += \
	server/server.c server/server.h \
	server/server_session.c server/server_session.h
