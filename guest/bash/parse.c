/*
 * guest/bash/parse.c — lexer and recursive-descent parser for the POSIX sh
 * grammar agents write (plus bash's [[ ]], (( )), function, arrays).
 * Words stay raw (quotes and $ intact); expand.c interprets them at run time.
 * Here-document bodies are read when the lexer passes the end of their line.
 */
#include "sh.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { T_EOF, T_WORD, T_IONUM, T_NL, T_SEMI, T_AMP, T_PIPE, T_AND, T_OR, T_DSEMI,
       T_LP, T_RP, T_LT, T_GT, T_DGT, T_DLT, T_DLTD, T_TLT, T_GTAND, T_LTAND,
       T_ANDGT, T_ANDDGT, T_LTGT, T_PIPEAMP, T_SEMIAND };

typedef struct Tok { int t; char *s; int quoted; int line; } Tok;

typedef struct Lx {
    const char *src; size_t i, n;
    int line;
    Tok peek; int have;
    Redir **pend; int npend;
    char *err;
    int cond;        /* inside [[ ]]: operators are words */
    int regex;       /* the word after =~: parentheses and | belong to it */
} Lx;

static void set_err(Lx *l, const char *fmt, const char *a)
{
    if (!l->err) l->err = xasprintf(fmt, a);
}

size_t sh_skip_subst(const char *s, size_t i, size_t n, char open)
{
    /* open: '(' for $( and $((, '{' for ${, '`' for backquotes. */
    if (open == '`') {
        while (i < n && s[i] != '`') { if (s[i] == '\\' && i + 1 < n) i++; i++; }
        return i < n ? i + 1 : n;
    }
    int depth = 1, incase = 0;
    char close = open == '(' ? ')' : '}';
    while (i < n) {
        char c = s[i];
        if (open == '(' && (i == 0 || strchr(" \t\n;(|&", s[i - 1]))) {
            /* `case ... in x) ...;; esac` inside $( ): its ) close patterns */
            if (!strncmp(s + i, "case", 4) && i + 4 < n && strchr(" \t\n", s[i + 4])) { incase++; i += 4; continue; }
            if (incase && !strncmp(s + i, "esac", 4) && (i + 4 >= n || !isalnum((unsigned char)s[i + 4]))) { incase--; i += 4; continue; }
        }
        if (c == ')' && incase && open == '(') { i++; continue; }
        if (c == '\\') { i += 2; continue; }
        if (c == '\'' && open == '(') {
            i++;
            while (i < n && s[i] != '\'') i++;
            i++;
            continue;
        }
        if (c == '\'' && open == '{') {   /* quotes inside ${ } count only in words */
            i++;
            while (i < n && s[i] != '\'') i++;
            i++;
            continue;
        }
        if (c == '"') {
            i++;
            while (i < n && s[i] != '"') {
                if (s[i] == '\\') i++;
                else if (s[i] == '$' && i + 1 < n && (s[i + 1] == '(' || s[i + 1] == '{')) {
                    i = sh_skip_subst(s, i + 2, n, s[i + 1]);
                    continue;
                } else if (s[i] == '`') { i = sh_skip_subst(s, i + 1, n, '`'); continue; }
                i++;
            }
            i++;
            continue;
        }
        if (c == '`') { i = sh_skip_subst(s, i + 1, n, '`'); continue; }
        if (c == '$' && i + 1 < n && (s[i + 1] == '(' || s[i + 1] == '{')) {
            i = sh_skip_subst(s, i + 2, n, s[i + 1]);
            continue;
        }
        if (c == '#' && open == '(' && (i == 0 || isspace((unsigned char)s[i - 1]))) {
            while (i < n && s[i] != '\n') i++;
            continue;
        }
        if (c == open) depth++;
        else if (c == close && --depth == 0) return i + 1;
        i++;
    }
    return n;
}

static int is_meta(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' ||
           c == '<' || c == '>' || c == '(' || c == ')';
}

static void read_heredocs(Lx *l)
{
    for (int k = 0; k < l->npend; k++) {
        Redir *r = l->pend[k];
        tbuf body = {0};
        tbuf_put(&body, "", 0);
        int found = 0;
        while (l->i < l->n) {
            size_t s = l->i;
            while (l->i < l->n && l->src[l->i] != '\n') l->i++;
            size_t e = l->i;
            if (l->i < l->n) l->i++;
            l->line++;
            const char *ln = l->src + s;
            size_t ll = e - s;
            if (r->strip) while (ll && *ln == '\t') ln++, ll--;
            if (ll == strlen(r->word) && !memcmp(ln, r->word, ll)) { found = 1; break; }
            tbuf_put(&body, ln, ll);
            tbuf_put(&body, "\n", 1);
        }
        (void)found;   /* bash only warns when the delimiter is missing */
        r->here = body.p;
    }
    l->npend = 0;
}

static Tok lex(Lx *l)
{
    Tok t = {T_EOF, NULL, 0, 0};
    const char *s = l->src;
again:
    while (l->i < l->n && (s[l->i] == ' ' || s[l->i] == '\t')) l->i++;
    if (l->i + 1 < l->n && s[l->i] == '\\' && s[l->i + 1] == '\n') { l->i += 2; l->line++; goto again; }
    if (l->i < l->n && s[l->i] == '#') {
        while (l->i < l->n && s[l->i] != '\n') l->i++;
    }
    t.line = l->line;
    if (l->i >= l->n) return t;
    char c = s[l->i];
    if (c == '\n') {
        l->i++;
        l->line++;
        if (l->npend) read_heredocs(l);
        t.t = T_NL;
        return t;
    }
    if (l->cond && !l->regex && (c == '<' || c == '>' || c == '(' || c == ')') ) {
        /* [[ a < b ]] compares strings; parentheses group */
        if (c == '(' || c == ')') { l->i++; t.t = c == '(' ? T_LP : T_RP; return t; }
        l->i++;
        t.t = T_WORD;
        t.s = xstrndup(&c, 1);
        return t;
    }
    struct { const char *op; int t; } ops[] = {
        {"<<<", T_TLT}, {"<<-", T_DLTD}, {"&>>", T_ANDDGT}, {";;&", T_SEMIAND},
        {"&&", T_AND}, {"||", T_OR}, {";;", T_DSEMI}, {">>", T_DGT}, {"<<", T_DLT},
        {">&", T_GTAND}, {"<&", T_LTAND}, {"&>", T_ANDGT}, {"<>", T_LTGT}, {">|", T_GT},
        {"|&", T_PIPEAMP}, {";&", T_SEMIAND},
        {"|", T_PIPE}, {"&", T_AMP}, {";", T_SEMI}, {"(", T_LP}, {")", T_RP},
        {"<", T_LT}, {">", T_GT},
    };
    for (size_t k = 0; k < sizeof ops / sizeof ops[0] && !(l->regex && c != '&' && c != ']'); k++) {
        size_t ol = strlen(ops[k].op);
        if (l->i + ol <= l->n && !memcmp(s + l->i, ops[k].op, ol)) {
            l->i += ol;
            t.t = ops[k].t;
            return t;
        }
    }
    /* a word */
    size_t st = l->i;
    int pdepth = 0;
    while (l->i < l->n) {
        c = s[l->i];
        if (l->regex && (c == '(' || (c == ')' && pdepth > 0) || c == '|' || c == '<' || c == '>' || (c == '&' && s[l->i + 1] != '&'))) {
            if (c == '(') pdepth++;
            if (c == ')') pdepth--;
            l->i++;
            continue;
        }
        if (is_meta(c)) {
            /* name=( ... ) array assignment */
            if (c == '(' && l->i > st && s[l->i - 1] == '=' && valid_name(s + st, l->i - 1 - st - (s[l->i - 2] == '+'))) {
                size_t e = sh_skip_subst(s, l->i + 1, l->n, '(');
                for (size_t q = l->i; q < e; q++) if (s[q] == '\n') l->line++;
                l->i = e;
                continue;
            }
            if (l->cond && (c == '<' || c == '>')) break;
            break;
        }
        if (c == '\\') { t.quoted = 1; if (l->i + 1 < l->n && s[l->i + 1] == '\n') l->line++; l->i += 2; continue; }
        if (c == '\'') {
            t.quoted = 1;
            l->i++;
            while (l->i < l->n && s[l->i] != '\'') { if (s[l->i] == '\n') l->line++; l->i++; }
            if (l->i >= l->n) { set_err(l, "unexpected EOF while looking for matching `%s'", "'"); return t; }
            l->i++;
            continue;
        }
        if (c == '"') {
            t.quoted = 1;
            l->i++;
            while (l->i < l->n && s[l->i] != '"') {
                if (s[l->i] == '\\') { l->i += 2; continue; }
                if (s[l->i] == '\n') l->line++;
                if (s[l->i] == '$' && l->i + 1 < l->n && (s[l->i + 1] == '(' || s[l->i + 1] == '{')) {
                    l->i = sh_skip_subst(s, l->i + 2, l->n, s[l->i + 1]);
                    continue;
                }
                if (s[l->i] == '`') { l->i = sh_skip_subst(s, l->i + 1, l->n, '`'); continue; }
                l->i++;
            }
            if (l->i >= l->n) { set_err(l, "unexpected EOF while looking for matching `%s'", "\""); return t; }
            l->i++;
            continue;
        }
        if (c == '$' && l->i + 1 < l->n && (s[l->i + 1] == '(' || s[l->i + 1] == '{')) {
            size_t e = sh_skip_subst(s, l->i + 2, l->n, s[l->i + 1]);
            if (e >= l->n && s[l->n - 1] != (s[l->i + 1] == '(' ? ')' : '}')) {
                set_err(l, "unexpected EOF while looking for matching `%s'", s[l->i + 1] == '(' ? ")" : "}");
                return t;
            }
            for (size_t q = l->i; q < e; q++) if (s[q] == '\n') l->line++;
            l->i = e;
            continue;
        }
        if (c == '$' && l->i + 1 < l->n && s[l->i + 1] == '\'') {
            t.quoted = 1;
            l->i += 2;
            while (l->i < l->n && s[l->i] != '\'') { if (s[l->i] == '\\') l->i++; l->i++; }
            l->i++;
            continue;
        }
        if (c == '`') {
            t.quoted = 1;
            l->i = sh_skip_subst(s, l->i + 1, l->n, '`');
            continue;
        }
        l->i++;
    }
    if (l->i > l->n) l->i = l->n;
    t.t = T_WORD;
    t.s = xstrndup(s + st, l->i - st);
    if (l->i < l->n && (s[l->i] == '<' || s[l->i] == '>') && !l->cond) {
        int digits = l->i > st;
        for (size_t q = st; q < l->i; q++) if (!isdigit((unsigned char)s[q])) digits = 0;
        if (digits && l->i - st < 3) t.t = T_IONUM;
    }
    return t;
}

static Tok *peek(Lx *l)
{
    if (!l->have) { l->peek = lex(l); l->have = 1; }
    return &l->peek;
}
static Tok next(Lx *l)
{
    peek(l);
    l->have = 0;
    return l->peek;
}
static int is_word(Lx *l, const char *w)
{
    Tok *t = peek(l);
    return t->t == T_WORD && !t->quoted && !strcmp(t->s, w);
}
static const char *tokname(Tok *t)
{
    static const char *names[] = {"EOF", "word", "word", "newline", ";", "&", "|", "&&", "||", ";;",
        "(", ")", "<", ">", ">>", "<<", "<<-", "<<<", ">&", "<&", "&>", "&>>", "<>", "|&", ";&"};
    if (t->t == T_WORD) return t->s;
    if (t->t == T_EOF) return "end of file";
    return names[t->t];
}
static void unexpected(Lx *l)
{
    Tok *t = peek(l);
    if (t->t == T_EOF) set_err(l, "syntax error: unexpected end of file%s", "");
    else set_err(l, "syntax error near unexpected token `%s'", tokname(t));
}
static void skip_nl(Lx *l)
{
    while (peek(l)->t == T_NL) next(l);
}

static Node *node(int type, int line)
{
    Node *n = xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    n->type = type;
    n->lineno = line;
    return n;
}
static void push_word(char ***v, int *n, char *w)
{
    *v = xrealloc(*v, sizeof(char *) * (size_t)(*n + 2));
    (*v)[(*n)++] = w;
    (*v)[*n] = NULL;
}
static void push_kid(Node *p, Node *k)
{
    p->kids = xrealloc(p->kids, sizeof(Node *) * (size_t)(p->nkids + 1));
    p->kids[p->nkids++] = k;
}

static Node *parse_list(Lx *l, const char *const *stops);
static Node *parse_command(Lx *l);

static int is_redir_tok(int t)
{
    return t == T_LT || t == T_GT || t == T_DGT || t == T_DLT || t == T_DLTD || t == T_TLT ||
           t == T_GTAND || t == T_LTAND || t == T_ANDGT || t == T_ANDDGT || t == T_LTGT || t == T_IONUM;
}

static char *unquote_delim(const char *w, int *quoted)
{
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    *quoted = 0;
    for (const char *p = w; *p; p++) {
        if (*p == '\'' || *p == '"') { *quoted = 1; continue; }
        if (*p == '\\' && p[1]) { *quoted = 1; p++; }
        tbuf_put(&b, p, 1);
    }
    return b.p;
}

static int parse_redir(Lx *l, Redir ***tail)
{
    Tok t = next(l);
    int fd = -1;
    if (t.t == T_IONUM) { fd = atoi(t.s); free(t.s); t = next(l); }
    Redir *r = xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    switch (t.t) {
    case T_LT: r->op = R_IN; r->fd = 0; break;
    case T_GT: r->op = R_OUT; r->fd = 1; break;
    case T_DGT: r->op = R_APP; r->fd = 1; break;
    case T_DLT: r->op = R_HERE; r->fd = 0; break;
    case T_DLTD: r->op = R_HERE; r->fd = 0; r->strip = 1; break;
    case T_TLT: r->op = R_HERESTR; r->fd = 0; break;
    case T_GTAND: r->op = R_DUPOUT; r->fd = 1; break;
    case T_LTAND: r->op = R_DUPIN; r->fd = 0; break;
    case T_ANDGT: r->op = R_ALL; r->fd = 1; break;
    case T_ANDDGT: r->op = R_ALLAPP; r->fd = 1; break;
    case T_LTGT: r->op = R_RW; r->fd = 0; break;
    default: free(r); unexpected(l); return -1;
    }
    if (fd >= 0) r->fd = fd;
    Tok w = next(l);
    if (w.t != T_WORD) { free(r); l->have = 1; l->peek = w; unexpected(l); return -1; }
    if (r->op == R_HERE) {
        r->word = unquote_delim(w.s, &r->hquoted);
        free(w.s);
        l->pend = xrealloc(l->pend, sizeof(Redir *) * (size_t)(l->npend + 1));
        l->pend[l->npend++] = r;
    } else r->word = w.s;
    **tail = r;
    *tail = &r->next;
    return 0;
}

static void parse_trailing_redirs(Lx *l, Node *n)
{
    Redir **tail = &n->redirs;
    while (*tail) tail = &(*tail)->next;
    while (!l->err && is_redir_tok(peek(l)->t))
        if (parse_redir(l, &tail) < 0) return;
}

static int expect_word(Lx *l, const char *w)
{
    if (is_word(l, w)) { free(next(l).s); return 0; }
    unexpected(l);
    return -1;
}

static int nonempty(Lx *l, Node *list)
{
    if (l->err) return -1;
    if (!list || !list->nkids) { unexpected(l); return -1; }
    return 0;
}

static const char *const ST_THEN[] = {"then", NULL};
static const char *const ST_FI[] = {"elif", "else", "fi", NULL};
static const char *const ST_DO[] = {"do", NULL};
static const char *const ST_DONE[] = {"done", NULL};
static const char *const ST_BRACE[] = {"}", NULL};
static const char *const ST_ESAC[] = {"esac", NULL};

static Node *parse_if(Lx *l, int line)
{
    Node *n = node(N_IF, line);
    n->a = parse_list(l, ST_THEN);
    if (nonempty(l, n->a) || expect_word(l, "then")) return n;
    n->b = parse_list(l, ST_FI);
    if (nonempty(l, n->b)) return n;
    if (is_word(l, "elif")) {
        free(next(l).s);
        n->c = parse_if(l, line);
        return n;
    }
    if (is_word(l, "else")) {
        free(next(l).s);
        n->c = parse_list(l, ST_FI + 2);
        if (nonempty(l, n->c)) return n;
    }
    expect_word(l, "fi");
    return n;
}

static Node *parse_case(Lx *l, int line)
{
    Node *n = node(N_CASE, line);
    Tok w = next(l);
    if (w.t != T_WORD) { unexpected(l); return n; }
    push_word(&n->words, &n->nwords, w.s);
    skip_nl(l);
    if (expect_word(l, "in")) return n;
    for (;;) {
        skip_nl(l);
        if (is_word(l, "esac")) { free(next(l).s); break; }
        if (peek(l)->t == T_EOF) { unexpected(l); return n; }
        CaseItem it = {0};
        if (peek(l)->t == T_LP) next(l);
        for (;;) {
            Tok p = next(l);
            if (p.t != T_WORD) { l->have = 1; l->peek = p; unexpected(l); return n; }
            push_word(&it.pats, &it.npats, p.s);
            if (peek(l)->t == T_PIPE) { next(l); continue; }
            if (peek(l)->t == T_RP) { next(l); break; }
            unexpected(l);
            return n;
        }
        it.body = parse_list(l, ST_ESAC);
        if (l->err) return n;
        int t = peek(l)->t;
        if (t == T_DSEMI || t == T_SEMIAND) { next(l); it.fall = t == T_SEMIAND; }
        else if (!is_word(l, "esac")) { unexpected(l); return n; }
        n->items = xrealloc(n->items, sizeof(CaseItem) * (size_t)(n->nitems + 1));
        n->items[n->nitems++] = it;
    }
    return n;
}

static Node *parse_cond(Lx *l, int line)
{
    /* [[ ... ]]: the tokens up to ]] become words, evaluated by exec.c */
    Node *n = node(N_COND, line);
    l->cond = 1;
    for (;;) {
        Tok t = next(l);
        if (t.t == T_WORD && !t.quoted && !strcmp(t.s, "]]")) { free(t.s); break; }
        if (t.t == T_EOF || t.t == T_NL) { l->cond = 0; set_err(l, "syntax error in conditional expression%s", ""); return n; }
        const char *w = t.t == T_WORD ? NULL : tokname(&t);
        l->regex = t.t == T_WORD && !strcmp(t.s, "=~");
        /* Mark operator tokens so a quoted "&&" stays a string. */
        push_word(&n->words, &n->nwords, w ? xasprintf("\x01%s", w) : t.s);
    }
    l->cond = 0;
    l->regex = 0;
    return n;
}

static Node *parse_compound(Lx *l)
{
    Tok *t = peek(l);
    int line = t->line;
    if (t->t == T_LP) {
        next(l);
        if (l->i < l->n && l->src[l->i] == '(' && !l->have) {
            /* (( arithmetic )) */
            size_t st = l->i + 1, e = sh_skip_subst(l->src, st, l->n, '(');
            if (e < l->n && l->src[e] == ')') {
                Node *n = node(N_ARITH, line);
                n->name = xstrndup(l->src + st, e - 1 - st);
                l->i = e + 1;
                return n;
            }
        }
        Node *n = node(N_SUB, line);
        static const char *const none[] = {NULL};
        n->a = parse_list(l, none);
        if (nonempty(l, n->a)) return n;
        if (peek(l)->t != T_RP) { unexpected(l); return n; }
        next(l);
        return n;
    }
    if (t->t != T_WORD || t->quoted) return NULL;
    const char *w = t->s;
    if (!strcmp(w, "{")) {
        free(next(l).s);
        Node *n = node(N_GROUP, line);
        n->a = parse_list(l, ST_BRACE);
        if (!nonempty(l, n->a)) expect_word(l, "}");
        return n;
    }
    if (!strcmp(w, "if")) { free(next(l).s); return parse_if(l, line); }
    if (!strcmp(w, "while") || !strcmp(w, "until")) {
        Node *n = node(w[0] == 'w' ? N_WHILE : N_UNTIL, line);
        free(next(l).s);
        n->a = parse_list(l, ST_DO);
        if (nonempty(l, n->a) || expect_word(l, "do")) return n;
        n->b = parse_list(l, ST_DONE);
        if (!nonempty(l, n->b)) expect_word(l, "done");
        return n;
    }
    if (!strcmp(w, "for")) {
        free(next(l).s);
        Node *n = node(N_FOR, line);
        if (peek(l)->t == T_LP) {   /* for (( init; cond; step )) */
            next(l);
            size_t st = l->i + 1, e = l->src[l->i] == '(' ? sh_skip_subst(l->src, st, l->n, '(') : l->n;
            if (!(e < l->n && l->src[e] == ')')) { unexpected(l); return n; }
            n->name = xstrndup(l->src + st, e - 1 - st);
            n->type = N_ARITH;   /* re-tagged: a loop with an ARITH header */
            l->i = e + 1;
            Node *loop = node(N_FOR, line);
            loop->a = n;
            loop->has_in = -1;
            while (peek(l)->t == T_SEMI || peek(l)->t == T_NL) next(l);
            if (is_word(l, "{")) { free(next(l).s); loop->b = parse_list(l, ST_BRACE); if (!l->err) expect_word(l, "}"); return loop; }
            if (expect_word(l, "do")) return loop;
            loop->b = parse_list(l, ST_DONE);
            if (!l->err) expect_word(l, "done");
            return loop;
        }
        Tok v = next(l);
        if (v.t != T_WORD) { unexpected(l); return n; }
        n->name = v.s;
        skip_nl(l);
        if (is_word(l, "in")) {
            free(next(l).s);
            n->has_in = 1;
            while (peek(l)->t == T_WORD) push_word(&n->words, &n->nwords, next(l).s);
        }
        if (peek(l)->t == T_SEMI) next(l);
        skip_nl(l);
        if (expect_word(l, "do")) return n;
        n->b = parse_list(l, ST_DONE);
        if (!nonempty(l, n->b)) expect_word(l, "done");
        return n;
    }
    if (!strcmp(w, "case")) { free(next(l).s); return parse_case(l, line); }
    if (!strcmp(w, "[[")) { free(next(l).s); return parse_cond(l, line); }
    return NULL;
}

static Node *parse_funcbody(Lx *l, char *name, int line)
{
    skip_nl(l);
    Node *f = node(N_FUNC, line);
    f->name = name;
    f->a = parse_compound(l);
    if (!f->a) { if (!l->err) unexpected(l); return f; }
    parse_trailing_redirs(l, f->a);
    return f;
}

static Node *parse_command(Lx *l)
{
    Tok *t = peek(l);
    int line = t->line;
    if (t->t == T_WORD && !t->quoted && !strcmp(t->s, "function")) {
        free(next(l).s);
        Tok nm = next(l);
        if (nm.t != T_WORD) { unexpected(l); return NULL; }
        if (peek(l)->t == T_LP) { next(l); if (peek(l)->t != T_RP) { unexpected(l); return NULL; } next(l); }
        return parse_funcbody(l, nm.s, line);
    }
    Node *c = parse_compound(l);
    if (c) { parse_trailing_redirs(l, c); return c; }
    if (l->err) return NULL;
    Node *n = node(N_CMD, line);
    Redir **tail = &n->redirs;
    for (;;) {
        t = peek(l);
        if (is_redir_tok(t->t)) { if (parse_redir(l, &tail) < 0) return n; continue; }
        if (t->t != T_WORD) break;
        Tok w = next(l);
        if (!n->nwords) {
            const char *eq = strchr(w.s, '=');
            if (eq && eq > w.s && (valid_name(w.s, (size_t)(eq - w.s)) ||
                (eq[-1] == '+' && valid_name(w.s, (size_t)(eq - w.s - 1))) ||
                (strchr(w.s, '[') && strchr(w.s, '[') < eq && valid_name(w.s, (size_t)(strchr(w.s, '[') - w.s))))) {
                push_word(&n->assigns, &n->nassigns, w.s);
                continue;
            }
            if (!n->nassigns && peek(l)->t == T_LP && !w.quoted) {
                next(l);
                if (peek(l)->t != T_RP) { unexpected(l); return n; }
                next(l);
                free(n);
                return parse_funcbody(l, w.s, line);
            }
        }
        push_word(&n->words, &n->nwords, w.s);
    }
    if (!n->nwords && !n->nassigns && !n->redirs) { unexpected(l); return n; }
    return n;
}

static Node *parse_pipeline(Lx *l)
{
    int bang = 0;
    int line = peek(l)->line;
    while (is_word(l, "!")) { free(next(l).s); bang = !bang; }
    Node *first = parse_command(l);
    if (l->err) return first;
    Node *p = NULL;
    while (peek(l)->t == T_PIPE || peek(l)->t == T_PIPEAMP) {
        int amp = next(l).t == T_PIPEAMP;
        if (!p) { p = node(N_PIPE, line); push_kid(p, first); }
        if (amp) {  /* |& is 2>&1 | */
            Node *last = p->kids[p->nkids - 1];
            Redir *r = xmalloc(sizeof *r);
            memset(r, 0, sizeof *r);
            r->fd = 2; r->op = R_DUPOUT; r->word = xstrdup("1");
            Redir **tl = &last->redirs;
            while (*tl) tl = &(*tl)->next;
            *tl = r;
        }
        skip_nl(l);
        Node *c = parse_command(l);
        if (l->err) return p;
        push_kid(p, c);
    }
    Node *res = p ? p : first;
    if (bang) { Node *nn = node(N_NOT, line); nn->a = res; res = nn; }
    return res;
}

static Node *parse_andor(Lx *l)
{
    Node *left = parse_pipeline(l);
    while (!l->err && (peek(l)->t == T_AND || peek(l)->t == T_OR)) {
        int t = next(l).t;
        skip_nl(l);
        Node *right = parse_pipeline(l);
        Node *n = node(t == T_AND ? N_AND : N_OR, left ? left->lineno : 0);
        n->a = left;
        n->b = right;
        left = n;
    }
    return left;
}

static int at_stop(Lx *l, const char *const *stops)
{
    Tok *t = peek(l);
    if (t->t == T_EOF || t->t == T_RP || t->t == T_DSEMI || t->t == T_SEMIAND) return 1;
    if (t->t != T_WORD || t->quoted) return 0;
    for (int i = 0; stops[i]; i++) if (!strcmp(t->s, stops[i])) return 1;
    return 0;
}

static Node *parse_list(Lx *l, const char *const *stops)
{
    Node *seq = node(N_SEQ, peek(l)->line);
    for (;;) {
        while (peek(l)->t == T_NL || peek(l)->t == T_SEMI) {
            if (peek(l)->t == T_SEMI && !seq->nkids) { unexpected(l); return seq; }
            next(l);
        }
        if (l->err || at_stop(l, stops)) break;
        Node *c = parse_andor(l);
        if (l->err) break;
        if (peek(l)->t == T_AMP) {
            next(l);
            Node *bg = node(N_BG, c->lineno);
            bg->a = c;
            c = bg;
        }
        push_kid(seq, c);
        int t = peek(l)->t;
        if (t != T_NL && t != T_SEMI && !at_stop(l, stops) && t != T_EOF) {
            if (!(c->type == N_BG)) { unexpected(l); break; }
        }
    }
    return seq;
}

struct Parser { Lx l; };

Parser *sh_parser_new(const char *src, int line0)
{
    Parser *p = xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    p->l.src = src;
    p->l.n = strlen(src);
    p->l.line = line0;
    return p;
}

void sh_parser_free(Parser *p)
{
    if (!p) return;
    free(p->l.pend);
    free(p->l.err);
    free(p);
}

/* The next complete command: everything up to the end of a line (bash runs
 * each one before it parses the next).  NULL at the end, or on a syntax
 * error with *err set. */
Node *sh_parse_next(Parser *p, char **err)
{
    Lx *l = &p->l;
    *err = NULL;
    while (peek(l)->t == T_NL) next(l);
    if (l->err) goto fail;
    if (peek(l)->t == T_EOF) return NULL;
    Node *seq = node(N_SEQ, peek(l)->line);
    for (;;) {
        if (peek(l)->t == T_SEMI) { unexpected(l); goto fail; }
        Node *c = parse_andor(l);
        if (l->err) goto fail;
        if (peek(l)->t == T_AMP) {
            next(l);
            Node *bg = node(N_BG, c->lineno);
            bg->a = c;
            c = bg;
        } else if (peek(l)->t == T_SEMI) next(l);
        push_kid(seq, c);
        int t = peek(l)->t;
        if (l->err) goto fail;
        if (t == T_NL || t == T_EOF) break;
        if (t == T_RP || t == T_DSEMI || (t == T_WORD && !peek(l)->quoted && at_stop(l, (const char *const[]){"then", "fi", "do", "done", "esac", "}", "elif", "else", NULL}))) {
            unexpected(l);
            goto fail;
        }
    }
    return seq;
fail:
    *err = xasprintf("line %d: %s", l->have ? l->peek.line : l->line, l->err ? l->err : "syntax error");
    return NULL;
}

Node *sh_parse(const char *src, int line0, char **err)
{
    Lx l;
    memset(&l, 0, sizeof l);
    l.src = src;
    l.n = strlen(src);
    l.line = line0;
    static const char *const none[] = {NULL};
    Node *n = parse_list(&l, none);
    if (!l.err && peek(&l)->t != T_EOF) unexpected(&l);
    if (!l.err && l.npend) read_heredocs(&l);
    free(l.pend);
    if (l.err) {
        *err = xasprintf("line %d: %s", l.have ? l.peek.line : l.line, l.err);
        free(l.err);
        return NULL;
    }
    return n;
}

char **sh_split_raw(const char *src, int *n)
{
    Lx l;
    memset(&l, 0, sizeof l);
    l.src = src;
    l.n = strlen(src);
    char **v = NULL;
    *n = 0;
    push_word(&v, n, NULL);
    *n = 0;
    for (;;) {
        Tok t = lex(&l);
        if (t.t == T_EOF || l.err) break;
        if (t.t == T_WORD || t.t == T_IONUM) push_word(&v, n, t.s);
    }
    free(l.err);
    return v;
}
