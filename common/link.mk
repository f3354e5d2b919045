# SPDX-License-Identifier: ISC
# Frames, transport, the libev link loop and sessions.
libvtun_a_SOURCES +=
