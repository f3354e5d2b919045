# SPDX-License-Identifier: ISC
# vtund.conf parser: flex lexer + bison grammar (generated into the build tree) and the
# hand-written keyword handlers, loader and printer.
libvtun_a_SOURCES += \
	parser/cfg_parse.h \
	parser/cfg_msg.c \
	parser/cfg_values.c \
	parser/cfg_sections.c \
	parser/cfg_options.c \
	parser/cfg_host.c \
	parser/cfg_cmds.c \
	parser/cfg_load.c \
	parser/cfg_print.c
nodist_libvtun_a_SOURCES += parser/cfg_grammar.c parser/cfg_grammar.h \
	parser/cfg_lexer.c parser/cfg_lexer.h
BUILT_SOURCES += parser/cfg_grammar.c parser/cfg_grammar.h parser/cfg_lexer.c parser/cfg_lexer.h
CLEANFILES += parser/cfg_grammar.c parser/cfg_grammar.h parser/cfg_lexer.c parser/cfg_lexer.h
EXTRA_DIST += parser/cfg_grammar.y parser/cfg_lexer.l

parser/cfg_grammar.c parser/cfg_grammar.h: $(srcdir)/parser/cfg_grammar.y
	$(AM_V_GEN)$(MKDIR_P) parser && \
	$(BISON) -Wall -Werror -d -o parser/cfg_grammar.c $(srcdir)/parser/cfg_grammar.y

parser/cfg_lexer.c parser/cfg_lexer.h: $(srcdir)/parser/cfg_lexer.l parser/cfg_grammar.h
	$(AM_V_GEN)$(MKDIR_P) parser && \
	$(FLEX) --header-file=parser/cfg_lexer.h -o parser/cfg_lexer.c $(srcdir)/parser/cfg_lexer.l

if HAVE_CMOCKA
check_PROGRAMS += tests/unit/parser/test_parser
endif
