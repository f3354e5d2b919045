# SPDX-License-Identifier: ISC
# Handshake, FLAGS and crypto helpers (and their unit tests).
libvtun_a_SOURCES +=
