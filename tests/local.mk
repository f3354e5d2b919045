# SPDX-License-Identifier: ISC
# Unit tests are cmocka programs, one per module, with paths that mirror the module's: the
# test of common/dev/tun.c is tests/unit/dev/test_tun.c, declared in common/dev/local.mk
# inside `if HAVE_CMOCKA` as
#   check_PROGRAMS += tests/unit/dev/test_tun
# Its source defaults to tests/unit/dev/test_tun.c and it links libvtun.a and cmocka (the
# default LDADD); a test with helper files lists them in its _SOURCES. They are built by
# `make check TESTS=` and run by tests/run-all.sh.
LDADD = $(VTUN_LIBS) $(CMOCKA_LIBS)
# Captures log lines so a test can check what a module reported.
LOG_CAPTURE = tests/unit/lib/log_capture.c tests/unit/lib/log_capture.h
