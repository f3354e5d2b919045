# SPDX-License-Identifier: ISC
# Data ciphers: the 16 EVP modes and legacy Blowfish (and their unit tests).
libvtun_a_SOURCES +=
