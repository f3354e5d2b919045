# SPDX-License-Identifier: ISC
# Secure mode's cryptographic core: SPAKE2 (RFC 9382), HKDF key schedule, AEAD records, replay window.
libvtun_a_SOURCES += \
	common/secure/aead.c \
	common/secure/aead.h \
	common/secure/kdf.c \
	common/secure/kdf.h \
	common/secure/keys.h \
	common/secure/limits.h \
	common/secure/replay.c \
	common/secure/replay.h \
	common/secure/spake2.c \
	common/secure/spake2.h \
	common/secure/spake2_w.c

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/secure/test_spake2
tests_unit_secure_test_spake2_SOURCES = tests/unit/secure/test_spake2.c tests/unit/secure/hex.h

check_PROGRAMS += tests/unit/secure/test_kdf
tests_unit_secure_test_kdf_SOURCES = tests/unit/secure/test_kdf.c tests/unit/secure/hex.h

check_PROGRAMS += tests/unit/secure/test_aead
tests_unit_secure_test_aead_SOURCES = tests/unit/secure/test_aead.c tests/unit/secure/hex.h

check_PROGRAMS += tests/unit/secure/test_replay
endif
