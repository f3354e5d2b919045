# SPDX-License-Identifier: ISC
# The filter chain, compression and the shaper (and their unit tests).
libvtun_a_SOURCES +=
