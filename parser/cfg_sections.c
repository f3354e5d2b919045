/* SPDX-License-Identifier: ISC */
/*
 * Sections and nested blocks: the context stack, `default` merging (vtund.conf(5)) and the
 * dispatch of each statement to its keyword handler.
 */
#include "parser/cfg_parse.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct cfg_kw *table_for(enum cfg_ctx kind)
{
	switch (kind) {
	case CX_OPTIONS: return cfg_options_kw;
	case CX_DEFAULT:
	case CX_HOST: return cfg_host_kw;
	case CX_UP:
	case CX_DOWN: return cfg_cmd_kw;
	case CX_SRCADDR: return cfg_srcaddr_kw;
	case CX_BINDADDR: return cfg_bindaddr_kw;
	case CX_SKIP: break;
	}
	return NULL;
}

static const char *ctx_name(enum cfg_ctx kind)
{
	switch (kind) {
	case CX_OPTIONS: return "options";
	case CX_DEFAULT: return "a default section";
	case CX_HOST: return "a host section";
	case CX_UP:
	case CX_DOWN: return "an up/down block";
	case CX_SRCADDR: return "a srcaddr block";
	case CX_BINDADDR: return "a bindaddr block";
	case CX_SKIP: break;
	}
	return "?";
}

const struct cfg_kw *cfg_kw_find(const struct cfg_kw *table, const char *name)
{
	for (; table && table->name; table++)
		if (strcmp(table->name, name) == 0)
			return table;
	return NULL;
}

bool cfg_is_keyword(const char *name)
{
	static const enum cfg_ctx all[] = { CX_OPTIONS, CX_HOST, CX_UP, CX_SRCADDR, CX_BINDADDR };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (cfg_kw_find(table_for(all[i]), name))
			return true;
	return !strcmp(name, "options") || !strcmp(name, "default");
}

/* A keyword not valid here: say where it belongs, or suggest the one that was meant. */
static void unknown_kw(struct cfg_state *st, const struct cfg_frame *f, const struct cfg_tok *kw)
{
	static const enum cfg_ctx places[] = { CX_OPTIONS, CX_HOST, CX_UP, CX_SRCADDR, CX_BINDADDR };
	const char *where = NULL;
	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++)
		if (cfg_kw_find(table_for(places[i]), kw->text)) {
			where = places[i] == CX_HOST ? "a host or default section" : ctx_name(places[i]);
			break;
		}
	if (where) {
		cfg_err(st, kw->line, "'%s' is not valid in %s (it belongs in %s)", kw->text,
		        ctx_name(f->kind), where);
		return;
	}
	const struct cfg_kw *k = table_for(f->kind);
	size_t n = strlen(kw->text);
	for (; k && k->name; k++)
		if (strcasecmp(k->name, kw->text) == 0 || (n && strncmp(k->name, kw->text, n) == 0)) {
			cfg_err(st, kw->line, "Unknown option %s (keywords are case-sensitive and "
			        "cannot be abbreviated; did you mean '%s'?)", cfg_q(st, kw->text), k->name);
			return;
		}
	cfg_err(st, kw->line, "Unknown option %s in %s", cfg_q(st, kw->text), ctx_name(f->kind));
}

static struct cfg_frame *push(struct cfg_state *st, enum cfg_ctx kind, int line)
{
	struct cfg_frame *f = xcalloc(1, sizeof(*f));
	f->kind = kind;
	f->line = line;
	f->nerrors_before = st->nerrors;
	f->prev = st->top;
	st->top = f;
	return f;
}

static void unlink_frame(struct cfg_state *st, struct cfg_frame *f)
{
	for (struct cfg_frame **p = &st->top; *p; p = &(*p)->prev)
		if (*p == f) {
			*p = f->prev;
			return;
		}
}

static bool valid_host_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

/*
 * A block closed without ';' is taken by VTun only as the last thing in its section, with the
 * same consequence as a section's last statement without ';' (cfg_unterminated_stmt).
 * Called when the next statement of the section starts (more_follows) or the section ends.
 */
static void settle_block_nosemi(struct cfg_state *st, bool more_follows)
{
	int line = st->block_nosemi_line;
	if (!line)
		return;
	st->block_nosemi_line = 0;
	if (more_follows) {
		cfg_err(st, line, "missing ';' after the '}' that closes this block (VTun requires "
		        "'KEYWORD { ... };')");
		return;
	}
	cfg_warn(st, line, "missing ';' after the '}' that closes this block (accepted at the end "
	         "of a section, but VTun then rejects every host section after it); add the ';'");
	if (!st->unterminated_line)
		st->unterminated_line = line;
}

/*
 * After a section-ending statement or block without ';' VTun still reads ONE options or default
 * section; anything after that section (another section, even a comment) is a syntax error
 * there, so the rest of the file would not exist. Refuse it rather than read what VTun drops.
 */
static void check_after_unterminated(struct cfg_state *st, int line, const char *what)
{
	if (st->unterminated_line && st->sections_closed_after >= 2)
		cfg_err(st, line, "%s: after the missing ';' at line %d VTun reads one more options "
		        "or default section and refuses everything after it (syntax error); add that ';'",
		        what, st->unterminated_line);
}

void cfg_comment(struct cfg_state *st, int line)
{
	if (!st->top)
		check_after_unterminated(st, line, "comment");
}

struct cfg_frame *cfg_section_begin(struct cfg_state *st, struct cfg_tok *name)
{
	struct cfg_frame *f;
	if (st->sections_closed_after >= 2 && name->type == CT_WORD &&
	    (!strcmp(name->text, "options") || !strcmp(name->text, "default")))
		check_after_unterminated(st, name->line, name->text);
	if (name->type == CT_WORD && strcmp(name->text, "options") == 0) {
		f = push(st, CX_OPTIONS, name->line);
	} else if (name->type == CT_WORD && strcmp(name->text, "default") == 0) {
		f = push(st, CX_DEFAULT, name->line);
		f->host = st->defaults;
	} else {
		f = push(st, CX_HOST, name->line);
		if (!valid_host_name(name->text) || (name->type != CT_WORD && name->type != CT_NUM)) {
			cfg_err(st, name->line, "Invalid clause %s: a host name may contain only "
			        "letters, digits, '_' and '-'", cfg_q(st, name->text));
			f->bad = true;
		} else if (st->unterminated_line) {
			cfg_err(st, name->line, "Invalid clause %s: VTun rejects every host section "
			        "after the missing ';' at line %d; add that ';'", cfg_q(st, name->text),
			        st->unterminated_line);
			f->bad = true;
		} else if (cfg_is_keyword(name->text)) {
			cfg_err(st, name->line, "Invalid clause %s: '%s' is a keyword and cannot be a "
			        "host name", cfg_q(st, name->text), name->text);
			f->bad = true;
		}
		/* A host starts as a snapshot of `default` as it is now; passwd is never inherited. */
		f->host = vt_host_dup(st->defaults);
		free_secret(f->host->passwd);
		f->host->passwd = NULL;
		cfg_set_str(&f->host->name, name->text);
		f->host->line = name->line;
		f->owns_host = true;
	}
	cfg_tok_free(name);
	return f;
}

static bool start_cmd_block(struct cfg_state *st, struct cfg_frame *parent, struct cfg_frame *f,
                            const char *kw)
{
	bool up = strcmp(kw, "up") == 0;
	int *count = up ? &parent->nup : &parent->ndown;
	struct vt_cmd **list = up ? &parent->host->up : &parent->host->down;
	f->kind = up ? CX_UP : CX_DOWN;
	f->host = parent->host;
	if ((*count)++)
		cfg_warn(st, f->line, "a second '%s' block in this section replaces the first "
		         "(as in VTun)", kw);
	/* A section's up/down block REPLACES the list inherited from `default`. */
	vt_cmd_list_free(*list);
	*list = NULL;
	return true;
}

struct cfg_frame *cfg_block_begin(struct cfg_state *st, struct cfg_tok *kw)
{
	struct cfg_frame *parent = st->top;
	settle_block_nosemi(st, true);
	struct cfg_frame *f = push(st, CX_SKIP, kw->line);
	if (parent)
		parent->nstmts++;
	if (!parent || parent->kind == CX_SKIP)
		goto out;
	const struct cfg_kw *k = kw->type == CT_WORD ? cfg_kw_find(table_for(parent->kind), kw->text)
	                                             : NULL;
	if (!k) {
		if (kw->type == CT_WORD)
			unknown_kw(st, parent, kw);
		else
			cfg_err(st, kw->line, "expected a keyword before '{', got %s", cfg_q(st, kw->text));
	} else if (k->fn) {
		cfg_err(st, kw->line, "'%s' does not take a block; write '%s VALUE;'", kw->text, kw->text);
	} else if (!strcmp(kw->text, "up") || !strcmp(kw->text, "down")) {
		start_cmd_block(st, parent, f, kw->text);
	} else if (!strcmp(kw->text, "srcaddr")) {
		f->kind = CX_SRCADDR;
		f->host = parent->host;
	} else if (!strcmp(kw->text, "bindaddr")) {
		f->kind = CX_BINDADDR;
	}
out:
	cfg_tok_free(kw);
	return f;
}

static void commit_host(struct cfg_state *st, struct cfg_frame *f)
{
	struct vt_host *h = f->host;
	f->host = NULL;
	f->owns_host = false;
	if (f->bad) {
		vt_host_free(h);
		return;
	}
	if (!h->passwd) {
		/* quiet when an error in this section (maybe the passwd line) was already reported */
		if (st->nerrors == f->nerrors_before)
			cfg_warn(st, f->line, "Ignored incomplete session definition '%s' (no passwd)",
			         h->name);
		vt_host_free(h);
		return;
	}
	/* As in VTun, a later definition of a name replaces the earlier one (it keeps its place). */
	struct vt_host **pos = &st->cfg->hosts;
	while (*pos && strcmp((*pos)->name, h->name) != 0)
		pos = &(*pos)->next;
	if (*pos) {
		struct vt_host *old = *pos;
		cfg_warn(st, f->line, "host '%s' is defined again (first at line %d); as in VTun, "
		         "this later definition is used and the first one is ignored", h->name,
		         old->line);
		h->next = old->next;
		old->next = NULL;
		vt_host_free(old);
	}
	*pos = h;
}

/* VTun's grammar has no empty section and exactly one statement in a bindaddr block. */
static void check_count(struct cfg_state *st, const struct cfg_frame *f)
{
	if (f->kind == CX_BINDADDR && f->nstmts != 1)
		cfg_err(st, f->line, "bindaddr: the block must hold exactly one statement, "
		        "'bindaddr { addr ADDRESS; };' or 'bindaddr { iface NAME; };' (VTun rejects "
		        "%s)", f->nstmts ? "several" : "an empty block");
	else if (!f->nstmts && (f->kind == CX_OPTIONS || f->kind == CX_DEFAULT ||
	                        f->kind == CX_HOST))
		cfg_err(st, f->line, "empty section: VTun rejects 'NAME { }' with a syntax error; "
		        "remove it or give it its statements");
}

void cfg_frame_end(struct cfg_state *st, struct cfg_frame *f)
{
	settle_block_nosemi(st, false);
	unlink_frame(st, f);
	check_count(st, f);
	if (st->unterminated_line && (f->kind == CX_OPTIONS || f->kind == CX_DEFAULT ||
	                              f->kind == CX_HOST))
		st->sections_closed_after++;
	if (f->kind == CX_HOST)
		commit_host(st, f);
	free(f);
}

void cfg_frame_abort(struct cfg_state *st, struct cfg_frame *f)
{
	if (!f)
		return;
	st->block_nosemi_line = 0;
	unlink_frame(st, f);
	if (f->owns_host)
		vt_host_free(f->host);
	free(f);
}

void cfg_stmt(struct cfg_state *st, struct cfg_tok *kw, struct cfg_vals *vals)
{
	struct cfg_frame *f = st->top;
	const struct cfg_kw *k;
	settle_block_nosemi(st, true);
	if (f)
		f->nstmts++;
	if (!f || f->kind == CX_SKIP)
		goto out;
	if (kw->type != CT_WORD) {
		cfg_err(st, kw->line, "expected a keyword, got %s", cfg_q(st, kw->text));
		goto out;
	}
	k = cfg_kw_find(table_for(f->kind), kw->text);
	if (!k)
		unknown_kw(st, f, kw);
	else if (!k->fn)
		cfg_err(st, kw->line, "'%s' needs a block: %s { ... };", kw->text, kw->text);
	else
		k->fn(st, f, kw, vals);
out:
	cfg_tok_free(kw);
	cfg_vals_free(vals);
}

/*
 * VTun takes the last statement of a section without its ';', but its lexer is then one state
 * off for the rest of the file: every later host section is rejected ("Invalid clause"), while
 * one more options or default section still works (check_after_unterminated). Accept it with
 * a warning, and refuse what VTun then rejects (see cfg_section_begin) rather than drop it.
 */
void cfg_unterminated_stmt(struct cfg_state *st, struct cfg_tok *kw, struct cfg_vals *vals)
{
	const struct cfg_frame *f = st->top;
	if (f && f->kind != CX_SKIP) {
		cfg_warn(st, kw->line, "missing ';' after the statement %s before '}' (accepted, but "
		         "VTun then rejects every host section after this one); add the ';'",
		         cfg_q(st, kw->text));
		if (!st->unterminated_line)
			st->unterminated_line = kw->line;
	}
	cfg_stmt(st, kw, vals);
}

void cfg_top_stmt(struct cfg_state *st, struct cfg_tok *kw, struct cfg_vals *vals)
{
	if (strcmp(kw->text, "include") == 0)
		cfg_err(st, kw->line, "'include' is not supported: VTun config files cannot include "
		        "other files");
	else
		cfg_err(st, kw->line, "Invalid clause %s: expected 'options { ... }', "
		        "'default { ... }' or a host section 'NAME { ... }'", cfg_q(st, kw->text));
	cfg_tok_free(kw);
	cfg_vals_free(vals);
}
