/* SPDX-License-Identifier: ISC */
/*
 * vtund.conf grammar (vtund.conf(5)). The structure is generic on purpose:
 *   section := NAME '{' { stmt } '}'
 *   stmt    := KEYWORD { value } ';'  |  KEYWORD '{' { stmt } '}' ';'
 * and the keyword tables decide what each keyword accepts. That keeps the grammar free of
 * conflicts and lets every error name the keyword, the bad token and the allowed values.
 * Recovery: a bad statement is skipped up to its ';', a bad section up to its '}'.
 */
%code top {
/* SPDX-License-Identifier: ISC */
}

%code requires {
#include "parser/cfg_parse.h"
}

%code {
#include "base/log.h"
#include <string.h>
int cfg_lex(CFG_STYPE *lval, CFG_LTYPE *lloc, void *scanner);
static void cfg_error(CFG_LTYPE *loc, void *scanner, struct cfg_state *st, const char *msg);
}

%define api.pure full
%define api.prefix {cfg_}
%define parse.error verbose
%locations
%lex-param {void *scanner}
%parse-param {void *scanner} {struct cfg_state *st}

%union {
	struct cfg_tok *tok;
	struct cfg_vals *vals;
	struct cfg_frame *frame;
	int flag;
}

%token <tok> WORD "word" NUM "number" DNUM "number pair" PATH "path" STRING "quoted string"
%type <tok> val
%type <vals> vals
%type <frame> section_head block_head
%type <flag> semi

/* Whatever error recovery or an abort throws away is released (and unlinked) here. */
%destructor { cfg_tok_free($$); } <tok>
%destructor { cfg_vals_free($$); } <vals>
%destructor { cfg_frame_abort(st, $$); } <frame>

%%

file	: %empty
	| file section
	;

section	: section_head stmts '}'		{ cfg_frame_end(st, $1); }
	| section_head stmts val vals '}'	{
		cfg_unterminated_stmt(st, $3, $4);
		cfg_frame_end(st, $1);
	}
	| section_head stmts error '}'		{ cfg_frame_abort(st, $1); }
	| val vals ';'				{ cfg_top_stmt(st, $1, $2); }
	| error ';'
	| error '}'
	;

section_head
	: val '{'				{ $$ = cfg_section_begin(st, $1); }
	;

stmts	: %empty
	| stmts stmt
	;

stmt	: val vals ';'				{ cfg_stmt(st, $1, $2); }
	| block_head stmts '}' semi		{
		bool quiet = $1->kind == CX_SKIP;
		cfg_frame_end(st, $1);
		/* an error unless it ends the section: decided by what comes next */
		if (!$4 && !quiet)
			st->block_nosemi_line = @3.first_line;
	}
	| block_head stmts error '}' semi	{ cfg_frame_abort(st, $1); }
	| error ';'
	;

block_head
	: val '{'				{ $$ = cfg_block_begin(st, $1); }
	;

semi	: %empty				{ $$ = 0; }
	| ';'					{ $$ = 1; }
	;

vals	: %empty				{ $$ = NULL; }
	| vals val				{ $$ = cfg_vals_add($1, $2); }
	;

val	: WORD | NUM | DNUM | PATH | STRING ;

%%

static void cfg_error(CFG_LTYPE *loc, void *scanner, struct cfg_state *st, const char *msg)
{
	(void)scanner;
	const char *hint = "";
	size_t n = strlen(msg);
	/* Bison cannot list what it expected in a '}' (too many choices); say the usual cause. */
	if (st->top && n > 14 && !strcmp(msg + n - 14, "unexpected '}'"))
		hint = " (missing ';' after the statement before it?)";
	else if (st->top && strstr(msg, "unexpected end of file"))
		hint = " (a '{' is not closed by '}')";
	cfg_err(st, loc->first_line, "%s%s", msg, hint);
}
