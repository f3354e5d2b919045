# SPDX-License-Identifier: ISC
# The forking server.
libvtun_a_SOURCES += \
	server/server.c \
	server/server.h \
	server/server_session.c \
	server/server_session.h
