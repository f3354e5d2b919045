# SPDX-License-Identifier: ISC
# OpenSSL set-up, VTun key derivation, random bytes and the EVP cipher wrapper.
libvtun_a_SOURCES += \
	common/crypto/cipher_evp.c \
	common/crypto/cipher_evp.h \
	common/crypto/crypto.c \
	common/crypto/crypto.h

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/crypto/test_cipher_evp
check_PROGRAMS += tests/unit/crypto/test_crypto
endif
