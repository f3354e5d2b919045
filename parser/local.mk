# SPDX-License-Identifier: ISC
libvtun_a_SOURCES +=
libvtun_a_SOURCES += parser/cfg_stub.c
