# SPDX-License-Identifier: ISC
# OpenSSL set-up, VTun key derivation, random bytes and the EVP cipher wrapper.
libvtun_a_SOURCES += \
	common/crypto/cipher_evp.c \
	common/crypto/cipher_evp.h \
	common/crypto/crypto.c \
	common/crypto/crypto.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/crypto/test_crypto
tests_unit_crypto_test_crypto_SOURCES = tests/unit/crypto/test_crypto.c
tests_unit_crypto_test_crypto_LDADD = $(UNIT_TEST_LIBS)
tests_unit_crypto_test_crypto_CFLAGS = $(UNIT_TEST_FLAGS)
endif
