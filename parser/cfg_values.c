/* SPDX-License-Identifier: ISC */
/*
 * Value checks shared by the keyword handlers. VTun ORs whatever number it gets into its
 * flags; we check every value and say what is allowed instead.
 */
#include "parser/cfg_parse.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

/* VTun's lexer turns these into numbers, so they can never be a password or a name. */
static const char *const param_words[] = {
	"yes", "allow", "enable", "no", "deny", "disable", "tty", "pipe", "ether", "tun",
	"tcp", "udp", "client", "server", "zlib", "lzo", "wait", "killold", "inetd", "stand",
	"keep", NULL,
};

bool cfg_is_param_word(const char *s)
{
	for (size_t i = 0; param_words[i]; i++)
		if (strcmp(s, param_words[i]) == 0)
			return true;
	return vt_cipher_from_name(s) >= 0;
}

/* True when s lexes as one WORD that a handler would accept (used by the printer). */
bool cfg_is_word_text(const char *s)
{
	static const char extra[] = "_+=!$#%&*^@\\~.-";
	bool digits_only = true;
	if (!s || !*s || s[0] == '#')
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && !strchr(extra, c))
			return false;
		if (c < '0' || c > '9')
			digits_only = false;
	}
	return !digits_only && !cfg_is_param_word(s);
}

static const char *type_noun(enum cfg_tok_type t)
{
	switch (t) {
	case CT_NUM: return "a number";
	case CT_DNUM: return "a number pair";
	case CT_PATH: return "a path";
	case CT_STRING: return "a quoted string";
	case CT_WORD: break;
	}
	return "a word";
}

bool cfg_want_n(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_vals *v,
                size_t n, const char *what)
{
	size_t have = v ? v->n : 0;
	if (have == n)
		return true;
	if (have < n)
		cfg_err(st, kw->line, "%s: missing value; expected %s", kw->text, what);
	else if (n == 0)
		cfg_err(st, v->v[0]->line, "%s takes no value, got %s (missing ';'?)", kw->text,
		        cfg_q(st, v->v[0]->text));
	else
		cfg_err(st, v->v[n]->line, "%s: unexpected %s after %s (missing ';'?); expected %s",
		        kw->text, cfg_q(st, v->v[n]->text), cfg_q(st, v->v[n - 1]->text), what);
	return false;
}

bool cfg_get_int(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                 long min, long max, long *out)
{
	if (t->type != CT_NUM) {
		cfg_err(st, t->line, "%s: expected a number from %ld to %ld, got %s", kw->text, min, max,
		        cfg_q(st, t->text));
		return false;
	}
	if (!parse_int(t->text, min, max, out)) {
		cfg_err(st, t->line, "%s: %s is out of range (allowed: %ld..%ld)", kw->text,
		        cfg_q(st, t->text), min, max);
		return false;
	}
	return true;
}

static void choice_list(const struct cfg_choice *c, char *buf, size_t sz)
{
	size_t o = 0;
	buf[0] = '\0';
	for (; c->name && o < sz; c++) {
		int n = snprintf(buf + o, sz - o, "%s%s", o ? ", " : "", c->name);
		if (n < 0)
			break;
		o += (size_t)n;
	}
}

bool cfg_get_choice(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                    const struct cfg_choice *choices, int *out)
{
	if (t->type == CT_WORD)
		for (const struct cfg_choice *c = choices; c->name; c++)
			if (strcmp(t->text, c->name) == 0) {
				*out = c->value;
				return true;
			}
	char list[256];
	choice_list(choices, list, sizeof(list));
	cfg_err(st, t->line, "%s: %s is not allowed here; use one of: %s", kw->text,
	        cfg_q(st, t->text), list);
	return false;
}

bool cfg_get_bool(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                  bool *out)
{
	static const struct cfg_choice bools[] = {
		{ "yes", 1 }, { "no", 0 }, { "allow", 1 }, { "deny", 0 },
		{ "enable", 1 }, { "disable", 0 }, { NULL, 0 },
	};
	int v;
	/* VTun reads yes/no as the numbers 1/0, so "1" and "0" mean the same. */
	if (t->type == CT_NUM && (strcmp(t->text, "0") == 0 || strcmp(t->text, "1") == 0)) {
		*out = t->text[0] == '1';
		return true;
	}
	if (!cfg_get_choice(st, kw, t, bools, &v))
		return false;
	*out = v != 0;
	return true;
}

bool cfg_num_as_bool(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                     bool *out)
{
	long n;
	if (t->type != CT_NUM)
		return false;
	if (!parse_int(t->text, 0, 0x7fffffffL, &n)) {
		cfg_err(st, t->line, "%s: %s is out of range (use yes or no)", kw->text, cfg_q(st, t->text));
		*out = false;
		return true;
	}
	*out = n != 0;
	if (n > 1)
		cfg_warn(st, t->line, "%s %ld is read as '%s yes' (VTun takes any number but 0 as yes); "
		         "write '%s yes;'", kw->text, n, kw->text, kw->text);
	return true;
}

bool cfg_get_word(struct cfg_state *st, const struct cfg_tok *kw, const struct cfg_tok *t,
                  bool allow_string, char **out)
{
	bool pw = strcmp(kw->text, "passwd") == 0 || strcmp(kw->text, "password") == 0;
	const char *noun = pw ? "VTun config passwords must be" : "this value must be";
	const char *word = pw ? "words" : "a word";
	if (t->type == CT_STRING && allow_string) {
		if (!*t->text) {
			cfg_err(st, t->line, "%s: empty value", kw->text);
			return false;
		}
	} else if (t->type == CT_STRING) {
		cfg_err(st, t->line, "%s: quoted values are not accepted (VTun rejects them); "
		        "%s unquoted %s", kw->text, noun, word);
		return false;
	} else if (t->type != CT_WORD) {
		cfg_err(st, t->line, "%s: %s is read as %s; %s %s "
		        "(letters, digits and _+=!$#%%&*^@\\~.-)", kw->text, cfg_q(st, t->text),
		        type_noun(t->type), noun, word);
		return false;
	} else if (cfg_is_param_word(t->text)) {
		cfg_err(st, t->line, "%s: %s is a reserved word in VTun configs (read as a number), "
		        "so it cannot be %s", kw->text, cfg_q(st, t->text),
		        pw ? "a password" : "used here");
		return false;
	}
	cfg_set_str(out, t->text);
	return true;
}

void cfg_split_dnum(const char *text, char *left, size_t leftsz, long *right)
{
	const char *colon = strrchr(text, ':');
	size_t n = colon ? (size_t)(colon - text) : strlen(text);
	if (n >= leftsz)
		n = leftsz - 1;
	memcpy(left, text, n);
	left[n] = '\0';
	if (!colon || !parse_int(colon + 1, 0, 0x7fffffffL, right))
		*right = -1;  /* too big: callers' range checks reject it */
}

void cfg_set_str(char **dst, const char *src)
{
	free_secret(*dst);
	*dst = xstrdup(src);
}

const struct cfg_choice cfg_facilities[] = {
	{ "auth", LOG_AUTH }, { "cron", LOG_CRON }, { "daemon", LOG_DAEMON },
	{ "kern", LOG_KERN }, { "lpr", LOG_LPR }, { "mail", LOG_MAIL }, { "news", LOG_NEWS },
	{ "syslog", LOG_SYSLOG }, { "user", LOG_USER }, { "uucp", LOG_UUCP },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 },
	{ "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 }, { NULL, 0 },
};
