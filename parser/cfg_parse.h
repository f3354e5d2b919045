/* SPDX-License-Identifier: ISC */
/*
 * Internals of the vtund.conf parser, shared by the lexer, the grammar and the keyword
 * handlers. The grammar is deliberately generic (KEYWORD values ';' and KEYWORD { ... } ';');
 * what each keyword accepts lives in keyword tables, so every message can quote the bad
 * token and say what is allowed. All state lives in struct cfg_state: nothing outlives a parse.
 */
#ifndef VTUN_CFG_PARSE_H
#define VTUN_CFG_PARSE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "config/vtconfig.h"

/* Token classes of vtund.conf(5) (the grammar's token numbers are not used outside it). */
enum cfg_tok_type { CT_WORD, CT_NUM, CT_DNUM, CT_PATH, CT_STRING };

struct cfg_tok {
	enum cfg_tok_type type;
	char *text;     /* STRING: quotes removed */
	int line;
};

struct cfg_vals {
	size_t n, cap;
	struct cfg_tok **v;
};

/* What the statements being parsed belong to. */
enum cfg_ctx {
	CX_OPTIONS, CX_DEFAULT, CX_HOST, CX_UP, CX_DOWN, CX_SRCADDR, CX_BINDADDR,
	CX_SKIP,        /* inside a block that was already reported as wrong: stay quiet */
};

struct cfg_frame {
	enum cfg_ctx kind;
	struct vt_host *host;      /* DEFAULT/HOST: the host being filled; blocks: the owner's */
	bool owns_host;            /* HOST frames own their host until it is committed */
	bool bad;                  /* section header was rejected: parse, then drop */
	int line;
	int nup, ndown;            /* up/down blocks seen in this section */
	int nstmts;                /* statements and blocks seen directly in this frame */
	int nerrors_before;        /* error count when the section began */
	struct cfg_frame *prev;
};

/* Rotating buffers for quoting tokens in messages (several per message). */
#define CFG_QBUF_N 4
#define CFG_QBUF_LEN 96

struct cfg_state {
	const char *name;          /* file name used in messages */
	struct vt_config *cfg;
	struct vt_host *defaults;  /* the accumulated `default` sections */
	struct cfg_frame *top;
	int nerrors;
	int port_line, type_line;  /* where options' port/type were first set (VTun keeps those) */
	int unterminated_line;     /* first section-ending statement or block without ';' */
	int block_nosemi_line;     /* the '}' of the block just closed without ';' (0: none) */
	int sections_closed_after; /* top-level sections ended since unterminated_line was set */
	char qbuf[CFG_QBUF_N][CFG_QBUF_LEN];
	unsigned qnext;
};

/* Messages: "FILE:LINE: msg" (error, counted) and "FILE:LINE: warning: msg". */
void cfg_err(struct cfg_state *st, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void cfg_warn(struct cfg_state *st, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A printable, length-limited copy of s for a message (valid for the next few calls). */
const char *cfg_q(struct cfg_state *st, const char *s);

/* Tokens and value lists (owned by the grammar until handed to a handler). */
struct cfg_tok *cfg_tok_new(enum cfg_tok_type type, const char *text, size_t len, int line);
void cfg_tok_free(struct cfg_tok *t);
struct cfg_vals *cfg_vals_add(struct cfg_vals *vals, struct cfg_tok *t);
void cfg_vals_free(struct cfg_vals *vals);

/* Called from the grammar; every function takes ownership of the tokens/values it gets. */
struct cfg_frame *cfg_section_begin(struct cfg_state *st, struct cfg_tok *name);
struct cfg_frame *cfg_block_begin(struct cfg_state *st, struct cfg_tok *kw);
void cfg_frame_end(struct cfg_state *st, struct cfg_frame *f);
void cfg_frame_abort(struct cfg_state *st, struct cfg_frame *f);
void cfg_stmt(struct cfg_state *st, struct cfg_tok *kw, struct cfg_vals *vals);
/* The last statement of a section without its ';' (accepted with a warning, as in VTun). */
/* A comment where a statement may start (VTun's lexer sees it as a token after a missing ';'). */
void cfg_comment(struct cfg_state *st, int line);
void cfg_unterminated_stmt(struct cfg_state *st, struct cfg_tok *kw, struct cfg_vals *vals);
void cfg_top_stmt(struct cfg_state *st, struct cfg_tok *kw, struct cfg_vals *vals);

/* Keyword handlers (cfg_options.c, cfg_host.c, cfg_cmds.c). */
typedef void cfg_handler(struct cfg_state *st, struct cfg_frame *f, const struct cfg_tok *kw,
                         struct cfg_vals *vals);
struct cfg_kw {
	const char *name;
	cfg_handler *fn;           /* NULL: a block keyword (handled by cfg_block_begin) */
};
extern const struct cfg_kw cfg_options_kw[];
extern const struct cfg_kw cfg_host_kw[];
extern const struct cfg_kw cfg_cmd_kw[];
extern const struct cfg_kw cfg_srcaddr_kw[];
extern const struct cfg_kw cfg_bindaddr_kw[];
const struct cfg_kw *cfg_kw_find(const struct cfg_kw *table, const char *name);
bool cfg_is_keyword(const char *name);

/* Value helpers (cfg_values.c); each reports its own error and returns false on bad input. */
bool cfg_want_n(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_vals *v,
                size_t n, const char *what);
bool cfg_get_int(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                 long min, long max, long *out);
struct cfg_choice {
	const char *name;
	int value;
};
bool cfg_get_choice(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                    const struct cfg_choice *choices, int *out);
bool cfg_get_bool(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                  bool *out);
/* A NUM given where yes/no is expected: true when t is a number (then *out is set; a number
 * other than 0 and 1 means yes in VTun and gets a warning; an error is reported if too big). */
bool cfg_num_as_bool(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                     bool *out);
/* A WORD value (passwd, device, addresses); allow_string also takes a quoted value. */
bool cfg_get_word(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                  bool allow_string, char **out);
/* Split a DNUM "left:right"; right is range-checked by the caller. */
void cfg_split_dnum(const char *text, char *left, size_t leftsz, long *right);
bool cfg_is_param_word(const char *s);
bool cfg_is_word_text(const char *s);
/* Replace *dst with a copy of src (secrets: the old value is zeroed). */
void cfg_set_str(char **dst, const char *src);

/* Syslog facility names (shared with the printer). */
extern const struct cfg_choice cfg_facilities[];

/* The lexer/grammar entry (defined in cfg_lexer.l, around the flex/bison calls). */
int cfg_run_parser(struct cfg_state *st, char *buf, size_t len);

#endif
