# SPDX-License-Identifier: ISC
libvtun_a_SOURCES += \
	common/buf.c common/buf.h \
	common/cli.c common/cli.h \
	common/config.c common/vtconfig.h \
	common/log.c common/log.h \
	common/util.c common/util.h
