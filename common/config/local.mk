# SPDX-License-Identifier: ISC
# The configuration model that the parser fills and everything else reads.
libvtun_a_SOURCES += \
	common/config/config.c \
	common/config/vtconfig.h
