# SPDX-License-Identifier: ISC
# Devices, up/down scripts and lock files (and their unit tests).
libvtun_a_SOURCES +=
