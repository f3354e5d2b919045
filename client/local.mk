# SPDX-License-Identifier: ISC
# The client with its reconnect loop.
libvtun_a_SOURCES += \
	client/client.c \
	client/client.h
