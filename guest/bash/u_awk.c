/*
 * guest/bash/u_awk.c — a small awk (not in the list, but agents use
 * it constantly): BEGIN/END, /regex/ and expression patterns, fields ($0 $1
 * $NF), NR NF FS OFS ORS, print / printf, assignment ops, ++ --, string
 * concatenation, comparisons, ~ !~, && || !, ?:, if/else, while, for,
 * for (k in a), associative arrays, delete, next, exit, and length substr
 * index split sub gsub tolower toupper int sprintf.  -F and -v.
 */
#include "cmds.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>

/* ---- values ---------------------------------------------------------------- */
typedef struct AV { double n; char *s; int isnum, isstr; } AV;   /* s owned */

static AV num(double d) { AV v = {d, NULL, 1, 0}; return v; }
static AV str(const char *s) { AV v = {0, xstrdup(s), 0, 1}; return v; }
static AV strn(char *owned) { AV v = {0, owned, 0, 1}; return v; }
static void vfree(AV *v) { free(v->s); v->s = NULL; }
static double tonum(AV *v) { return v->isnum ? v->n : (v->s ? strtod(v->s, NULL) : 0); }
static char *tostr(AV *v)   /* malloc'd */
{
    if (v->isstr && v->s) return xstrdup(v->s);
    if (!v->isnum) return xstrdup("");
    double d = v->n;
    if (d == (double)(long long)d && fabs(d) < 1e16) return xasprintf("%lld", (long long)d);
    return xasprintf("%.6g", d);
}
static int looks_num(const char *s)
{
    if (!s) return 0;
    while (isspace((unsigned char)*s)) s++;
    if (!*s) return 0;
    char *e;
    strtod(s, &e);
    if (e == s) return 0;
    while (isspace((unsigned char)*e)) e++;
    return !*e;
}

/* ---- syntax ------------------------------------------------------------------ */
enum { E_NUM, E_STR, E_RE, E_VAR, E_FIELD, E_IDX, E_ASSIGN, E_BIN, E_NOT, E_NEG, E_AND, E_OR, E_COND,
       E_MATCH, E_NMATCH, E_CAT, E_PREINC, E_POSTINC, E_CALL, E_IN, E_GROUP };
enum { S_EXPR, S_PRINT, S_PRINTF, S_IF, S_WHILE, S_FOR, S_FORIN, S_BLOCK, S_NEXT, S_EXIT, S_DELETE, S_BREAK, S_CONT, S_DO };
typedef struct AE {
    int t, op;          /* op: binary operator char or code; assignment op */
    double n;
    char *s;            /* name, string, regex source */
    regex_t *re;
    struct AE *a, *b, *c;
    struct AE **args; int nargs;
} AE;
typedef struct AS {
    int t;
    AE *e, *e2, *e3;
    struct AS *body, *els;
    struct AS **kids; int nkids;
    AE **args; int nargs;
    char *var; AE *arr;
    int redir; AE *dest;   /* print > file / >> file */
} AS;
typedef struct Rule { int kind; AE *pat, *pat2; AS *act; int inrange; } Rule;   /* kind 0 normal, 1 BEGIN, 2 END */

typedef struct Aw {
    Sh *sh;
    const char *p;
    int tok; double tnum; char *tstr;
    int err;
    Rule *rules; int nrules;
    /* runtime */
    struct { char *k; AV v; } *vars; int nvars;
    struct Arr { char *name; char **keys; AV *vals; int n, cap; } *arrs; int narrs;
    char *rec; char **f; int nf, capf;
    long long nr;
    int next, exit_, exitcode, brk, cont;
    tbuf out;
} Aw;

enum { T_EOF = 256, T_NUM, T_STR, T_ERE, T_NAME, T_FUNC, T_BEGIN, T_END, T_IF, T_ELSE, T_WHILE, T_FOR, T_IN,
       T_NEXT, T_EXIT, T_PRINT, T_PRINTF, T_DELETE, T_BREAK, T_CONTINUE, T_DO, T_NL,
       T_EQ, T_NE, T_LE, T_GE, T_AND, T_OR, T_NOMATCH, T_INC, T_DEC, T_ADDA, T_SUBA, T_MULA, T_DIVA, T_MODA, T_POWA, T_APPEND };

static int prev_operand;  /* for / as regex vs division */

static void lexa(Aw *w)
{
    const char *p = w->p;
again:
    while (*p == ' ' || *p == '\t' || (*p == '\\' && p[1] == '\n')) p += *p == '\\' ? 2 : 1;
    if (*p == '#') { while (*p && *p != '\n') p++; }
    free(w->tstr);
    w->tstr = NULL;
    if (!*p) { w->tok = T_EOF; w->p = p; return; }
    if (*p == '\n') { p++; w->tok = T_NL; w->p = p; prev_operand = 0; return; }
    if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
        char *e;
        w->tnum = strtod(p, &e);
        p = e;
        w->tok = T_NUM;
        w->p = p;
        prev_operand = 1;
        return;
    }
    if (*p == '"') {
        tbuf b = {0};
        tbuf_put(&b, "", 0);
        p++;
        while (*p && *p != '"') {
            if (*p == '\\' && p[1]) {
                p++;
                char c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == 'r' ? '\r' : *p == '\\' ? '\\' : *p == '"' ? '"' : *p == '/' ? '/' : 0;
                if (c) tbuf_put(&b, &c, 1); else { tbuf_put(&b, "\\", 1); tbuf_put(&b, p, 1); }
                p++;
                continue;
            }
            tbuf_put(&b, p++, 1);
        }
        if (*p) p++;
        w->tstr = b.p;
        w->tok = T_STR;
        w->p = p;
        prev_operand = 1;
        return;
    }
    if (*p == '/' && !prev_operand) {
        tbuf b = {0};
        tbuf_put(&b, "", 0);
        p++;
        int br = 0;
        while (*p && (*p != '/' || br) && *p != '\n') {
            if (*p == '\\' && p[1] == '/') { tbuf_put(&b, "/", 1); p += 2; continue; }
            if (*p == '\\' && p[1]) { tbuf_put(&b, p, 2); p += 2; continue; }
            if (*p == '[') br = 1; else if (*p == ']') br = 0;
            tbuf_put(&b, p++, 1);
        }
        if (*p == '/') p++;
        w->tstr = b.p;
        w->tok = T_ERE;
        w->p = p;
        prev_operand = 1;
        return;
    }
    if (isalpha((unsigned char)*p) || *p == '_') {
        const char *s = p;
        while (isalnum((unsigned char)*p) || *p == '_') p++;
        char *nm = xstrndup(s, (size_t)(p - s));
        static const struct { const char *k; int t; } kw[] = {
            {"BEGIN", T_BEGIN}, {"END", T_END}, {"if", T_IF}, {"else", T_ELSE}, {"while", T_WHILE}, {"for", T_FOR},
            {"in", T_IN}, {"next", T_NEXT}, {"exit", T_EXIT}, {"print", T_PRINT}, {"printf", T_PRINTF},
            {"delete", T_DELETE}, {"break", T_BREAK}, {"continue", T_CONTINUE}, {"do", T_DO}};
        w->tok = T_NAME;
        for (size_t k = 0; k < sizeof kw / sizeof kw[0]; k++) if (!strcmp(nm, kw[k].k)) w->tok = kw[k].t;
        static const char *const fns[] = {"length", "substr", "index", "split", "sub", "gsub", "tolower", "toupper", "int", "sprintf", "match", "sqrt", "log", "exp", "sin", "cos", "rand", "srand", "system", NULL};
        for (int k = 0; fns[k]; k++) if (!strcmp(nm, fns[k])) w->tok = T_FUNC;
        w->tstr = nm;
        w->p = p;
        prev_operand = w->tok == T_NAME || w->tok == T_FUNC;
        return;
    }
    static const struct { const char *op; int t; } ops[] = {
        {"==", T_EQ}, {"!=", T_NE}, {"<=", T_LE}, {">=", T_GE}, {"&&", T_AND}, {"||", T_OR}, {"!~", T_NOMATCH},
        {"++", T_INC}, {"--", T_DEC}, {"+=", T_ADDA}, {"-=", T_SUBA}, {"*=", T_MULA}, {"/=", T_DIVA}, {"%=", T_MODA},
        {"^=", T_POWA}, {">>", T_APPEND}};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++)
        if (!strncmp(p, ops[k].op, 2)) { w->tok = ops[k].t; w->p = p + 2; prev_operand = w->tok == T_INC || w->tok == T_DEC; return; }
    w->tok = (unsigned char)*p++;
    w->p = p;
    prev_operand = w->tok == ')' || w->tok == ']' || w->tok == '$';
    if (w->tok == '$') prev_operand = 0;
    if (w->tok == ';' && 0) goto again;
}

static void perr(Aw *w, const char *what)
{
    if (!w->err) errf(w->sh, "awk: syntax error near %s\n", what);
    w->err = 1;
}
static int accept(Aw *w, int t) { if (w->tok == t) { lexa(w); return 1; } return 0; }
static void skipnl(Aw *w) { while (w->tok == T_NL || w->tok == ';') lexa(w); }
static void skipnl_only(Aw *w) { while (w->tok == T_NL) lexa(w); }

static AE *ae(int t) { AE *e = xmalloc(sizeof *e); memset(e, 0, sizeof *e); e->t = t; return e; }

static AE *p_expr(Aw *w);
static AE *p_ternary(Aw *w, int noin, int nogt);

static AE *p_primary(Aw *w, int nogt)
{
    AE *e;
    switch (w->tok) {
    case T_NUM: e = ae(E_NUM); e->n = w->tnum; lexa(w); return e;
    case T_STR: e = ae(E_STR); e->s = xstrdup(w->tstr); lexa(w); return e;
    case T_ERE: e = ae(E_RE); e->s = xstrdup(w->tstr); e->re = xmalloc(sizeof(regex_t));
        if (sh_regcomp(e->re, e->s, 1, 0)) { perr(w, "regex"); }
        lexa(w); return e;
    case '$': lexa(w); e = ae(E_FIELD); e->a = w->tok == T_INC || w->tok == T_DEC ? p_primary(w, nogt) : p_primary(w, nogt); return e;
    case '(': {
        lexa(w);
        e = p_expr(w);
        if (w->tok == ',') {   /* (a, b) in arr */
            AE *g = ae(E_GROUP);
            g->args = xmalloc(sizeof(AE *) * 16);
            g->args[g->nargs++] = e;
            while (accept(w, ',') && g->nargs < 16) g->args[g->nargs++] = p_expr(w);
            e = g;
        }
        if (!accept(w, ')')) perr(w, "(");
        AE *g = ae(E_GROUP);
        g->a = e;
        return g;
    }
    case '!': lexa(w); e = ae(E_NOT); e->a = p_primary(w, nogt); return e;
    case '-': lexa(w); e = ae(E_NEG); e->a = p_primary(w, nogt); return e;
    case '+': lexa(w); return p_primary(w, nogt);
    case T_INC: case T_DEC: { int inc = w->tok == T_INC; lexa(w); e = ae(E_PREINC); e->op = inc ? 1 : -1; e->a = p_primary(w, nogt); return e; }
    case T_FUNC: {
        e = ae(E_CALL);
        e->s = xstrdup(w->tstr);
        lexa(w);
        e->args = xmalloc(sizeof(AE *) * 8);
        if (accept(w, '(')) {
            if (w->tok != ')') {
                do { if (e->nargs < 8) e->args[e->nargs++] = p_ternary(w, 0, 0); } while (accept(w, ','));
            }
            if (!accept(w, ')')) perr(w, "call");
        }
        return e;
    }
    case T_NAME: {
        char *nm = xstrdup(w->tstr);
        lexa(w);
        if (w->tok == '[') {
            lexa(w);
            e = ae(E_IDX);
            e->s = nm;
            e->a = p_expr(w);
            while (accept(w, ',')) {   /* a[i,j]: SUBSEP join */
                AE *c = ae(E_CAT);
                AE *sep = ae(E_STR);
                sep->s = xstrdup("\034");
                c->a = e->a; c->b = sep;
                AE *c2 = ae(E_CAT);
                c2->a = c; c2->b = p_expr(w);
                e->a = c2;
            }
            if (!accept(w, ']')) perr(w, "[");
        } else { e = ae(E_VAR); e->s = nm; }
        if (w->tok == T_INC || w->tok == T_DEC) { AE *p = ae(E_POSTINC); p->op = w->tok == T_INC ? 1 : -1; p->a = e; lexa(w); prev_operand = 1; return p; }
        return e;
    }
    }
    perr(w, "expression");
    lexa(w);
    return ae(E_NUM);
}

static AE *p_pow(Aw *w, int nogt)
{
    AE *l = p_primary(w, nogt);
    if (w->tok == '^') { lexa(w); AE *e = ae(E_BIN); e->op = '^'; e->a = l; e->b = p_pow(w, nogt); return e; }
    return l;
}
static AE *p_mul(Aw *w, int nogt)
{
    AE *l = p_pow(w, nogt);
    while (w->tok == '*' || w->tok == '/' || w->tok == '%') { int op = w->tok; lexa(w); AE *e = ae(E_BIN); e->op = op; e->a = l; e->b = p_pow(w, nogt); l = e; }
    return l;
}
static AE *p_add(Aw *w, int nogt)
{
    AE *l = p_mul(w, nogt);
    while (w->tok == '+' || w->tok == '-') { int op = w->tok; lexa(w); AE *e = ae(E_BIN); e->op = op; e->a = l; e->b = p_mul(w, nogt); l = e; }
    return l;
}
static int starts_operand(int t) { return t == T_NUM || t == T_STR || t == T_ERE || t == '$' || t == '(' || t == T_NAME || t == T_FUNC || t == '!' || t == T_INC || t == T_DEC || t == '-'; }
static AE *p_cat(Aw *w, int noin, int nogt)
{
    AE *l = p_add(w, nogt);
    while (starts_operand(w->tok) && w->tok != '-' && !(noin && w->tok == T_IN)) {
        AE *e = ae(E_CAT); e->a = l; e->b = p_add(w, nogt); l = e;
    }
    return l;
}
static AE *p_cmp(Aw *w, int noin, int nogt)
{
    AE *l = p_cat(w, noin, nogt);
    for (;;) {
        int t = w->tok;
        if (t == '<' || t == T_LE || t == T_NE || t == T_EQ || t == T_GE || (t == '>' && !nogt)) {
            lexa(w);
            AE *e = ae(E_BIN); e->op = t; e->a = l; e->b = p_cat(w, noin, nogt); l = e;
        } else return l;
    }
}
static AE *p_match(Aw *w, int noin, int nogt)
{
    AE *l = p_cmp(w, noin, nogt);
    while (w->tok == '~' || w->tok == T_NOMATCH) {
        int t = w->tok; lexa(w);
        AE *e = ae(t == '~' ? E_MATCH : E_NMATCH); e->a = l; e->b = p_cmp(w, noin, nogt); l = e;
    }
    return l;
}
static AE *p_in(Aw *w, int noin, int nogt)
{
    AE *l = p_match(w, noin, nogt);
    while (!noin && w->tok == T_IN) { lexa(w); AE *e = ae(E_IN); e->a = l; e->s = xstrdup(w->tstr ? w->tstr : ""); lexa(w); l = e; }
    return l;
}
static AE *p_and(Aw *w, int noin, int nogt)
{
    AE *l = p_in(w, noin, nogt);
    while (w->tok == T_AND) { lexa(w); skipnl_only(w); AE *e = ae(E_AND); e->a = l; e->b = p_in(w, noin, nogt); l = e; }
    return l;
}
static AE *p_or(Aw *w, int noin, int nogt)
{
    AE *l = p_and(w, noin, nogt);
    while (w->tok == T_OR) { lexa(w); skipnl_only(w); AE *e = ae(E_OR); e->a = l; e->b = p_and(w, noin, nogt); l = e; }
    return l;
}
static AE *p_ternary(Aw *w, int noin, int nogt)
{
    AE *c = p_or(w, noin, nogt);
    if (w->tok == '?') {
        lexa(w);
        AE *e = ae(E_COND); e->a = c; e->b = p_ternary(w, noin, nogt);
        if (!accept(w, ':')) perr(w, "?:");
        e->c = p_ternary(w, noin, nogt);
        return e;
    }
    int t = w->tok;
    if ((c->t == E_VAR || c->t == E_IDX || c->t == E_FIELD) &&
        (t == '=' || t == T_ADDA || t == T_SUBA || t == T_MULA || t == T_DIVA || t == T_MODA || t == T_POWA)) {
        lexa(w);
        AE *e = ae(E_ASSIGN);
        e->op = t == '=' ? 0 : t == T_ADDA ? '+' : t == T_SUBA ? '-' : t == T_MULA ? '*' : t == T_DIVA ? '/' : t == T_MODA ? '%' : '^';
        e->a = c; e->b = p_ternary(w, noin, nogt);
        return e;
    }
    return c;
}
static AE *p_expr(Aw *w) { return p_ternary(w, 0, 0); }

static AS *as(int t) { AS *s = xmalloc(sizeof *s); memset(s, 0, sizeof *s); s->t = t; return s; }
static AS *p_stmt(Aw *w);
static AS *p_block(Aw *w)
{
    AS *b = as(S_BLOCK);
    b->kids = NULL;
    skipnl(w);
    while (w->tok != '}' && w->tok != T_EOF && !w->err) {
        AS *s = p_stmt(w);
        b->kids = xrealloc(b->kids, sizeof(AS *) * (size_t)(b->nkids + 1));
        b->kids[b->nkids++] = s;
        skipnl(w);
    }
    if (!accept(w, '}')) perr(w, "}");
    return b;
}
static void end_simple(Aw *w) { if (w->tok == ';' || w->tok == T_NL) lexa(w); }
static AS *p_simple_or_block(Aw *w)
{
    skipnl_only(w);
    if (accept(w, '{')) return p_block(w);
    return p_stmt(w);
}
static AS *p_stmt(Aw *w)
{
    AS *s;
    switch (w->tok) {
    case '{': lexa(w); return p_block(w);
    case T_IF:
        lexa(w);
        s = as(S_IF);
        if (!accept(w, '(')) perr(w, "if");
        s->e = p_expr(w);
        if (!accept(w, ')')) perr(w, "if (");
        s->body = p_simple_or_block(w);
        { const char *save = w->p; int st = w->tok; skipnl(w); if (w->tok == T_ELSE) { lexa(w); s->els = p_simple_or_block(w); } else if (w->tok != st) { (void)save; } }
        return s;
    case T_WHILE:
        lexa(w);
        s = as(S_WHILE);
        if (!accept(w, '(')) perr(w, "while");
        s->e = p_expr(w);
        if (!accept(w, ')')) perr(w, "while (");
        s->body = p_simple_or_block(w);
        return s;
    case T_DO:
        lexa(w);
        s = as(S_DO);
        s->body = p_simple_or_block(w);
        skipnl(w);
        if (!accept(w, T_WHILE) || !accept(w, '(')) perr(w, "do");
        s->e = p_expr(w);
        if (!accept(w, ')')) perr(w, "do while (");
        end_simple(w);
        return s;
    case T_FOR:
        lexa(w);
        if (!accept(w, '(')) perr(w, "for");
        if (w->tok == T_NAME) {
            /* for (k in a)? */
            const char *save = w->p;
            char *nm = xstrdup(w->tstr);
            int prev = prev_operand;
            lexa(w);
            if (w->tok == T_IN) {
                lexa(w);
                s = as(S_FORIN);
                s->var = nm;
                s->arr = ae(E_VAR);
                s->arr->s = xstrdup(w->tstr ? w->tstr : "");
                lexa(w);
                if (!accept(w, ')')) perr(w, "for (in");
                s->body = p_simple_or_block(w);
                return s;
            }
            free(nm);
            w->p = save;
            prev_operand = prev;
            w->tok = T_NAME;
            /* re-lex the name */
            const char *q = save;
            while (q > w->p - 0 && 0) q--;
            {
                /* step back over the name we consumed */
                const char *b = save;
                while (b > w->p) b--;
            }
            /* simplest: rebuild the token */
            w->p = save;
            {
                const char *b = save;
                while (b > (const char *)0 && (isalnum((unsigned char)b[-1]) || b[-1] == '_')) b--;
                w->p = b;
                lexa(w);
            }
        }
        s = as(S_FOR);
        if (w->tok != ';') s->e = p_expr(w);
        if (!accept(w, ';')) perr(w, "for ;");
        skipnl_only(w);
        if (w->tok != ';') s->e2 = p_expr(w);
        if (!accept(w, ';')) perr(w, "for ;;");
        skipnl_only(w);
        if (w->tok != ')') s->e3 = p_expr(w);
        if (!accept(w, ')')) perr(w, "for )");
        s->body = p_simple_or_block(w);
        return s;
    case T_NEXT: lexa(w); end_simple(w); return as(S_NEXT);
    case T_BREAK: lexa(w); end_simple(w); return as(S_BREAK);
    case T_CONTINUE: lexa(w); end_simple(w); return as(S_CONT);
    case T_EXIT: lexa(w); s = as(S_EXIT); if (w->tok != ';' && w->tok != T_NL && w->tok != '}') s->e = p_expr(w); end_simple(w); return s;
    case T_DELETE:
        lexa(w);
        s = as(S_DELETE);
        s->e = p_primary(w, 0);
        end_simple(w);
        return s;
    case T_PRINT: case T_PRINTF: {
        int pf = w->tok == T_PRINTF;
        lexa(w);
        s = as(pf ? S_PRINTF : S_PRINT);
        s->args = xmalloc(sizeof(AE *) * 64);
        int paren = 0;
        if (w->tok == '(') {
            /* print (a, b) > f  -- treat the parenthesised list as the args */
            const char *save = w->p;
            int pv = prev_operand;
            lexa(w);
            AE *first = p_ternary(w, 0, 0);
            if (w->tok == ',' || w->tok == ')') {
                s->args[s->nargs++] = first;
                while (accept(w, ',') && s->nargs < 64) s->args[s->nargs++] = p_ternary(w, 0, 0);
                if (accept(w, ')')) paren = 1;
                if (starts_operand(w->tok) && w->tok != '-') {
                    /* (a) b: it was a grouped operand of a concatenation */
                    w->p = save; prev_operand = pv; w->tok = '('; s->nargs = 0; paren = 0;
                }
            } else { w->p = save; prev_operand = pv; w->tok = '('; }
        }
        if (!paren && w->tok != ';' && w->tok != T_NL && w->tok != '}' && w->tok != '>' && w->tok != T_APPEND && w->tok != '|') {
            do { if (s->nargs < 64) s->args[s->nargs++] = p_ternary(w, 0, 1); } while (accept(w, ','));
        }
        if (w->tok == '>' || w->tok == T_APPEND) { s->redir = w->tok == '>' ? 1 : 2; lexa(w); s->dest = p_cat(w, 0, 1); }
        end_simple(w);
        return s;
    }
    case ';': lexa(w); return as(S_BLOCK);
    }
    s = as(S_EXPR);
    s->e = p_expr(w);
    end_simple(w);
    return s;
}

static void p_program(Aw *w)
{
    lexa(w);
    skipnl(w);
    while (w->tok != T_EOF && !w->err) {
        Rule r;
        memset(&r, 0, sizeof r);
        if (accept(w, T_BEGIN)) r.kind = 1;
        else if (accept(w, T_END)) r.kind = 2;
        else if (w->tok != '{') {
            r.pat = p_expr(w);
            if (accept(w, ',')) { skipnl_only(w); r.pat2 = p_expr(w); }
        }
        if (w->tok == '{') { lexa(w); r.act = p_block(w); }
        else if (r.kind) { perr(w, "BEGIN/END without {"); break; }
        w->rules = xrealloc(w->rules, sizeof(Rule) * (size_t)(w->nrules + 1));
        w->rules[w->nrules++] = r;
        skipnl(w);
    }
}

/* ---- runtime ---------------------------------------------------------------- */
static AV *var_ref(Aw *w, const char *name)
{
    for (int i = 0; i < w->nvars; i++) if (!strcmp(w->vars[i].k, name)) return &w->vars[i].v;
    w->vars = xrealloc(w->vars, sizeof(*w->vars) * (size_t)(w->nvars + 1));
    w->vars[w->nvars].k = xstrdup(name);
    w->vars[w->nvars].v = (AV){0, NULL, 0, 0};
    return &w->vars[w->nvars++].v;
}
static const char *var_s(Aw *w, const char *name, const char *def)
{
    AV *v = var_ref(w, name);
    if (!v->isstr && !v->isnum) return def;
    if (!v->isstr) { free(v->s); v->s = tostr(v); v->isstr = 1; }
    return v->s;
}
static struct Arr *arr_ref(Aw *w, const char *name)
{
    for (int i = 0; i < w->narrs; i++) if (!strcmp(w->arrs[i].name, name)) return &w->arrs[i];
    w->arrs = xrealloc(w->arrs, sizeof(struct Arr) * (size_t)(w->narrs + 1));
    struct Arr *a = &w->arrs[w->narrs++];
    memset(a, 0, sizeof *a);
    a->name = xstrdup(name);
    return a;
}
static AV *arr_get(struct Arr *a, const char *k, int create)
{
    for (int i = 0; i < a->n; i++) if (!strcmp(a->keys[i], k)) return &a->vals[i];
    if (!create) return NULL;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->keys = xrealloc(a->keys, sizeof(char *) * (size_t)a->cap);
        a->vals = xrealloc(a->vals, sizeof(AV) * (size_t)a->cap);
    }
    a->keys[a->n] = xstrdup(k);
    a->vals[a->n] = (AV){0, NULL, 0, 0};
    return &a->vals[a->n++];
}

static void split_record(Aw *w)
{
    for (int i = 0; i < w->nf; i++) free(w->f[i]);
    w->nf = 0;
    const char *fs = var_s(w, "FS", " ");
    const char *s = w->rec;
    if (!strcmp(fs, " ")) {
        for (;;) {
            while (*s == ' ' || *s == '\t' || *s == '\n') s++;
            if (!*s) break;
            const char *e = s;
            while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
            if (w->nf == w->capf) { w->capf = w->capf ? w->capf * 2 : 16; w->f = xrealloc(w->f, sizeof(char *) * (size_t)w->capf); }
            w->f[w->nf++] = xstrndup(s, (size_t)(e - s));
            s = e;
        }
    } else if (!*s) {
    } else if (strlen(fs) == 1 && fs[0] != '\\') {
        for (;;) {
            const char *e = strchr(s, fs[0]);
            if (w->nf == w->capf) { w->capf = w->capf ? w->capf * 2 : 16; w->f = xrealloc(w->f, sizeof(char *) * (size_t)w->capf); }
            w->f[w->nf++] = e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s);
            if (!e) break;
            s = e + 1;
        }
    } else {
        regex_t re;
        if (sh_regcomp(&re, fs, 1, 0)) return;
        regmatch_t m;
        for (;;) {
            if (w->nf == w->capf) { w->capf = w->capf ? w->capf * 2 : 16; w->f = xrealloc(w->f, sizeof(char *) * (size_t)w->capf); }
            if (regexec(&re, s, 1, &m, 0) || m.rm_eo == m.rm_so) { w->f[w->nf++] = xstrdup(s); break; }
            w->f[w->nf++] = xstrndup(s, (size_t)m.rm_so);
            s += m.rm_eo;
        }
        regfree(&re);
    }
}

static void rebuild_record(Aw *w)
{
    const char *ofs = var_s(w, "OFS", " ");
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    for (int i = 0; i < w->nf; i++) { if (i) tbuf_puts(&b, ofs); tbuf_puts(&b, w->f[i]); }
    free(w->rec);
    w->rec = b.p;
}

static AV eval(Aw *w, AE *e);

static char *key_of(Aw *w, AE *e) { AV v = eval(w, e); char *s = tostr(&v); vfree(&v); return s; }

static void assign_to(Aw *w, AE *t, AV v)
{
    if (t->t == E_VAR) {
        if (!strcmp(t->s, "NF")) {
            int n = (int)tonum(&v);
            if (n < 0) n = 0;
            while (w->nf < n) { if (w->nf == w->capf) { w->capf = w->capf ? w->capf * 2 : 16; w->f = xrealloc(w->f, sizeof(char *) * (size_t)w->capf); } w->f[w->nf++] = xstrdup(""); }
            while (w->nf > n) free(w->f[--w->nf]);
            rebuild_record(w);
        }
        AV *r = var_ref(w, t->s);
        vfree(r);
        *r = v;
        if (!strcmp(t->s, "NR")) w->nr = (long long)tonum(&v);
        return;
    }
    if (t->t == E_IDX) {
        char *k = key_of(w, t->a);
        AV *r = arr_get(arr_ref(w, t->s), k, 1);
        free(k);
        vfree(r);
        *r = v;
        return;
    }
    if (t->t == E_FIELD) {
        AV iv = eval(w, t->a);
        int i = (int)tonum(&iv);
        vfree(&iv);
        char *s = tostr(&v);
        vfree(&v);
        if (i == 0) { free(w->rec); w->rec = s; split_record(w); return; }
        if (i < 0 || i > 100000) { free(s); return; }
        while (w->nf < i) { if (w->nf == w->capf) { w->capf = w->capf ? w->capf * 2 : 16; w->f = xrealloc(w->f, sizeof(char *) * (size_t)w->capf); } w->f[w->nf++] = xstrdup(""); }
        free(w->f[i - 1]);
        w->f[i - 1] = s;
        rebuild_record(w);
        return;
    }
    vfree(&v);
}

static AV field(Aw *w, int i)
{
    AV v;
    if (i == 0) v = str(w->rec ? w->rec : "");
    else if (i > 0 && i <= w->nf) v = str(w->f[i - 1]);
    else v = str("");
    v.isnum = looks_num(v.s);   /* strnum */
    if (v.isnum) v.n = strtod(v.s, NULL);
    return v;
}

static int truthy(AV *v)
{
    if (v->isnum && (!v->isstr || looks_num(v->s))) return v->isnum && tonum(v) != 0 ? 1 : (v->isstr && !looks_num(v->s) ? v->s[0] != 0 : tonum(v) != 0);
    if (v->isstr) return v->s && v->s[0];
    return 0;
}

static int re_match_v(Aw *w, AE *pat, const char *s)
{
    (void)w;
    if (pat->t == E_RE) return regexec(pat->re, s, 0, NULL, 0) == 0;
    AV pv = eval(w, pat);
    char *ps = tostr(&pv);
    vfree(&pv);
    regex_t re;
    int r = 0;
    if (!sh_regcomp(&re, ps, 1, 0)) { r = regexec(&re, s, 0, NULL, 0) == 0; regfree(&re); }
    free(ps);
    return r;
}

static char *do_sprintf(Aw *w, AE **args, int nargs)
{
    if (!nargs) return xstrdup("");
    AV fv = eval(w, args[0]);
    char *fmt = tostr(&fv);
    vfree(&fv);
    tbuf o = {0};
    tbuf_put(&o, "", 0);
    int ai = 1;
    for (const char *p = fmt; *p;) {
        if (*p != '%') { tbuf_put(&o, p++, 1); continue; }
        if (p[1] == '%') { tbuf_put(&o, "%", 1); p += 2; continue; }
        char spec[32];
        size_t sl = 0;
        spec[sl++] = *p++;
        while (*p && strchr("-+ #0123456789.*", *p) && sl < 20) {
            if (*p == '*') {
                AV a = ai < nargs ? eval(w, args[ai++]) : num(0);
                sl += (size_t)snprintf(spec + sl, sizeof spec - sl, "%d", (int)tonum(&a));
                vfree(&a);
                p++;
                continue;
            }
            spec[sl++] = *p++;
        }
        char c = *p ? *p++ : 0;
        AV a = ai < nargs ? eval(w, args[ai++]) : str("");
        if (c == 'd' || c == 'i') { spec[sl++] = 'l'; spec[sl++] = 'l'; spec[sl++] = 'd'; spec[sl] = 0; tbuf_printf(&o, spec, (long long)tonum(&a)); }
        else if (c == 'o' || c == 'x' || c == 'X' || c == 'u') { spec[sl++] = 'l'; spec[sl++] = 'l'; spec[sl++] = c; spec[sl] = 0; tbuf_printf(&o, spec, (unsigned long long)(long long)tonum(&a)); }
        else if (c == 'e' || c == 'f' || c == 'g' || c == 'E' || c == 'G') { spec[sl++] = c; spec[sl] = 0; tbuf_printf(&o, spec, tonum(&a)); }
        else if (c == 'c') { char *s = a.isnum && !a.isstr ? xasprintf("%c", (int)tonum(&a)) : tostr(&a); if (s[0]) s[1] = 0; spec[sl++] = 's'; spec[sl] = 0; tbuf_printf(&o, spec, s); free(s); }
        else { char *s = tostr(&a); spec[sl++] = 's'; spec[sl] = 0; tbuf_printf(&o, spec, s); free(s); }
        vfree(&a);
    }
    free(fmt);
    return o.p;
}

static int do_sub(Aw *w, AE **args, int nargs, int global)
{
    if (nargs < 2) return 0;
    AV rv = eval(w, args[1]);
    char *rep = tostr(&rv);
    vfree(&rv);
    AE *target = nargs > 2 ? args[2] : NULL;
    AV tv;
    if (target) tv = eval(w, target); else tv = str(w->rec ? w->rec : "");
    char *s = tostr(&tv);
    vfree(&tv);
    regex_t re, *rp;
    if (args[0]->t == E_RE) rp = args[0]->re;
    else { AV pv = eval(w, args[0]); char *ps = tostr(&pv); vfree(&pv); if (sh_regcomp(&re, ps, 1, 0)) { free(ps); free(rep); free(s); return 0; } free(ps); rp = &re; }
    tbuf o = {0};
    tbuf_put(&o, "", 0);
    int cnt = 0;
    size_t pos = 0, n = strlen(s);
    regmatch_t m;
    while (pos <= n && regexec(rp, s + pos, 1, &m, pos ? REG_NOTBOL : 0) == 0) {
        tbuf_put(&o, s + pos, (size_t)m.rm_so);
        for (const char *q = rep; *q; q++) {
            if (*q == '\\' && q[1] == '&') { tbuf_put(&o, "&", 1); q++; }
            else if (*q == '&') tbuf_put(&o, s + pos + m.rm_so, (size_t)(m.rm_eo - m.rm_so));
            else tbuf_put(&o, q, 1);
        }
        cnt++;
        if (m.rm_eo == m.rm_so) { if (pos + (size_t)m.rm_so < n) tbuf_put(&o, s + pos + m.rm_so, 1); pos += (size_t)m.rm_so + 1; }
        else pos += (size_t)m.rm_eo;
        if (!global) break;
    }
    if (pos < n) tbuf_puts(&o, s + pos);
    if (rp == &re) regfree(&re);
    if (cnt) {
        if (target) assign_to(w, target, strn(o.p));
        else { free(w->rec); w->rec = o.p; split_record(w); }
    } else tbuf_free(&o);
    free(rep);
    free(s);
    return cnt;
}

static AV call(Aw *w, AE *e)
{
    const char *f = e->s;
    AE **a = e->args;
    int n = e->nargs;
    if (!strcmp(f, "length")) {
        if (!n) return num((double)strlen(w->rec ? w->rec : ""));
        if (a[0]->t == E_VAR) for (int i = 0; i < w->narrs; i++) if (!strcmp(w->arrs[i].name, a[0]->s)) return num(w->arrs[i].n);
        AV v = eval(w, a[0]); char *s = tostr(&v); vfree(&v); AV r = num((double)strlen(s)); free(s); return r;
    }
    if (!strcmp(f, "substr")) {
        AV v = n ? eval(w, a[0]) : str(""); char *s = tostr(&v); vfree(&v);
        AV mv = n > 1 ? eval(w, a[1]) : num(1);
        double m = floor(tonum(&mv) + 0.5);
        vfree(&mv);
        double len = (double)strlen(s), l = len;
        if (n > 2) { AV lv = eval(w, a[2]); l = floor(tonum(&lv) + 0.5); vfree(&lv); }
        double st = m < 1 ? 1 : m, en = n > 2 ? m + l : len + 1;
        if (en > len + 1) en = len + 1;
        char *r = st < en ? xstrndup(s + (size_t)st - 1, (size_t)(en - st)) : xstrdup("");
        free(s);
        return strn(r);
    }
    if (!strcmp(f, "index")) {
        AV x = n ? eval(w, a[0]) : str(""), y = n > 1 ? eval(w, a[1]) : str("");
        char *s = tostr(&x), *t = tostr(&y);
        char *p = strstr(s, t);
        AV r = num(p ? (double)(p - s + 1) : 0);
        free(s); free(t); vfree(&x); vfree(&y);
        return r;
    }
    if (!strcmp(f, "split")) {
        if (n < 2 || a[1]->t != E_VAR) return num(0);
        AV v = eval(w, a[0]); char *s = tostr(&v); vfree(&v);
        char *fs = NULL;
        if (n > 2) { AV fv = eval(w, a[2]); fs = tostr(&fv); vfree(&fv); }
        /* reuse the record splitter */
        char *saverec = w->rec; char **savef = w->f; int savenf = w->nf, savecap = w->capf;
        AV *fsv = var_ref(w, "FS"); AV savefs = *fsv;
        if (fs) *fsv = str(fs);
        w->rec = s; w->f = NULL; w->nf = 0; w->capf = 0;
        split_record(w);
        struct Arr *ar = arr_ref(w, a[1]->s);
        for (int i = 0; i < ar->n; i++) { free(ar->keys[i]); vfree(&ar->vals[i]); }
        ar->n = 0;
        for (int i = 0; i < w->nf; i++) {
            char k[16];
            snprintf(k, sizeof k, "%d", i + 1);
            AV *slot = arr_get(ar, k, 1);
            *slot = str(w->f[i]);
            slot->isnum = looks_num(slot->s);
            if (slot->isnum) slot->n = strtod(slot->s, NULL);
        }
        int cnt = w->nf;
        for (int i = 0; i < w->nf; i++) free(w->f[i]);
        free(w->f);
        free(s);
        if (fs) { vfree(fsv); free(fs); }
        *fsv = savefs;
        w->rec = saverec; w->f = savef; w->nf = savenf; w->capf = savecap;
        return num(cnt);
    }
    if (!strcmp(f, "sub") || !strcmp(f, "gsub")) return num(do_sub(w, a, n, f[0] == 'g'));
    if (!strcmp(f, "tolower") || !strcmp(f, "toupper")) {
        AV v = n ? eval(w, a[0]) : str(""); char *s = tostr(&v); vfree(&v);
        for (char *p = s; *p; p++) *p = (char)(f[2] == 'l' ? tolower((unsigned char)*p) : toupper((unsigned char)*p));
        return strn(s);
    }
    if (!strcmp(f, "sprintf")) return strn(do_sprintf(w, a, n));
    if (!strcmp(f, "system")) { errf(w->sh, "awk: system() is not available in the sandbox\n"); return num(-1); }
    AV v = n ? eval(w, a[0]) : num(0);
    double x = tonum(&v);
    vfree(&v);
    if (!strcmp(f, "int")) return num(x < 0 ? ceil(x) : floor(x));
    if (!strcmp(f, "sqrt")) return num(sqrt(x));
    if (!strcmp(f, "log")) return num(log(x));
    if (!strcmp(f, "exp")) return num(exp(x));
    if (!strcmp(f, "sin")) return num(sin(x));
    if (!strcmp(f, "cos")) return num(cos(x));
    if (!strcmp(f, "rand")) return num((double)rand() / ((double)RAND_MAX + 1));
    if (!strcmp(f, "srand")) { srand((unsigned)x); return num(0); }
    if (!strcmp(f, "match")) return num(0);
    return num(0);
}

static int cmp_vals(AV *x, AV *y)
{
    int xn = x->isnum && (!x->isstr || looks_num(x->s)), yn = y->isnum && (!y->isstr || looks_num(y->s));
    if (xn && yn) { double a = tonum(x), b = tonum(y); return a < b ? -1 : a > b; }
    char *s = tostr(x), *t = tostr(y);
    int c = strcmp(s, t);
    free(s); free(t);
    return c;
}

static AV eval(Aw *w, AE *e)
{
    switch (e->t) {
    case E_NUM: return num(e->n);
    case E_STR: return str(e->s);
    case E_RE: return num(regexec(e->re, w->rec ? w->rec : "", 0, NULL, 0) == 0);
    case E_GROUP: return e->a ? eval(w, e->a) : num(0);
    case E_VAR: {
        if (!strcmp(e->s, "NR") || !strcmp(e->s, "FNR")) return num((double)w->nr);
        if (!strcmp(e->s, "NF")) return num(w->nf);
        AV *v = var_ref(w, e->s);
        AV r = *v;
        if (r.s) r.s = xstrdup(r.s);
        return r;
    }
    case E_FIELD: { AV iv = eval(w, e->a); int i = (int)tonum(&iv); vfree(&iv); return field(w, i); }
    case E_IDX: {
        char *k = key_of(w, e->a);
        AV *v = arr_get(arr_ref(w, e->s), k, 1);
        free(k);
        AV r = *v;
        if (r.s) r.s = xstrdup(r.s);
        return r;
    }
    case E_IN: {
        char *k;
        if (e->a->t == E_GROUP && e->a->a && e->a->a->t == E_GROUP && e->a->a->nargs) {
            tbuf b = {0};
            tbuf_put(&b, "", 0);
            for (int i = 0; i < e->a->a->nargs; i++) { if (i) tbuf_puts(&b, "\034"); char *p = key_of(w, e->a->a->args[i]); tbuf_puts(&b, p); free(p); }
            k = b.p;
        } else k = key_of(w, e->a);
        AV r = num(arr_get(arr_ref(w, e->s), k, 0) != NULL);
        free(k);
        return r;
    }
    case E_ASSIGN: {
        AV v = eval(w, e->b);
        if (e->op) {
            AV cur = eval(w, e->a);
            double a = tonum(&cur), b = tonum(&v), r = 0;
            vfree(&cur); vfree(&v);
            switch (e->op) {
            case '+': r = a + b; break;
            case '-': r = a - b; break;
            case '*': r = a * b; break;
            case '/': if (b == 0) { errf(w->sh, "awk: division by zero\n"); w->exit_ = 1; w->exitcode = 2; } r = b ? a / b : 0; break;
            case '%': r = b ? fmod(a, b) : 0; break;
            case '^': r = pow(a, b); break;
            }
            v = num(r);
        }
        AV copy = v;
        if (copy.s) copy.s = xstrdup(copy.s);
        assign_to(w, e->a, v);
        return copy;
    }
    case E_PREINC: case E_POSTINC: {
        AV cur = eval(w, e->a);
        double old = tonum(&cur);
        vfree(&cur);
        assign_to(w, e->a, num(old + e->op));
        return num(e->t == E_PREINC ? old + e->op : old);
    }
    case E_NOT: { AV v = eval(w, e->a); int t = truthy(&v); vfree(&v); return num(!t); }
    case E_NEG: { AV v = eval(w, e->a); double d = tonum(&v); vfree(&v); return num(-d); }
    case E_AND: { AV v = eval(w, e->a); int t = truthy(&v); vfree(&v); if (!t) return num(0); v = eval(w, e->b); t = truthy(&v); vfree(&v); return num(t); }
    case E_OR: { AV v = eval(w, e->a); int t = truthy(&v); vfree(&v); if (t) return num(1); v = eval(w, e->b); t = truthy(&v); vfree(&v); return num(t); }
    case E_COND: { AV v = eval(w, e->a); int t = truthy(&v); vfree(&v); return eval(w, t ? e->b : e->c); }
    case E_MATCH: case E_NMATCH: {
        AV v = eval(w, e->a);
        char *s = tostr(&v);
        vfree(&v);
        int m = re_match_v(w, e->b, s);
        free(s);
        return num(e->t == E_MATCH ? m : !m);
    }
    case E_CAT: {
        AV a = eval(w, e->a), b = eval(w, e->b);
        char *s = tostr(&a), *t = tostr(&b);
        char *r = xasprintf("%s%s", s, t);
        free(s); free(t); vfree(&a); vfree(&b);
        return strn(r);
    }
    case E_CALL: return call(w, e);
    case E_BIN: {
        AV a = eval(w, e->a), b = eval(w, e->b);
        AV r;
        if (e->op == '<' || e->op == '>' || e->op == T_LE || e->op == T_GE || e->op == T_EQ || e->op == T_NE) {
            int c = cmp_vals(&a, &b);
            int t = e->op == '<' ? c < 0 : e->op == '>' ? c > 0 : e->op == T_LE ? c <= 0 : e->op == T_GE ? c >= 0 : e->op == T_EQ ? c == 0 : c != 0;
            r = num(t);
        } else {
            double x = tonum(&a), y = tonum(&b), z = 0;
            switch (e->op) {
            case '+': z = x + y; break;
            case '-': z = x - y; break;
            case '*': z = x * y; break;
            case '/': if (y == 0) { errf(w->sh, "awk: division by zero\n"); w->exit_ = 1; w->exitcode = 2; } z = y ? x / y : 0; break;
            case '%': z = y ? fmod(x, y) : 0; break;
            case '^': z = pow(x, y); break;
            }
            r = num(z);
        }
        vfree(&a); vfree(&b);
        return r;
    }
    }
    return num(0);
}

static void emit_out(Aw *w, AS *s, const char *p, size_t n)
{
    if (!s->redir) { sh_out(w->sh, 1, p, n); return; }
    AV dv = eval(w, s->dest);
    char *d = tostr(&dv);
    vfree(&dv);
    /* awk keeps files open: truncate on first use only */
    static char *opened[32];
    static int nopened;
    int seen = 0;
    for (int i = 0; i < nopened; i++) if (!strcmp(opened[i], d)) seen = 1;
    int append = s->redir == 2 || seen;
    if (!seen && nopened < 32) opened[nopened++] = xstrdup(d);
    int fd = open(P(w->sh, d), O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0644);
    if (fd < 0) { errf(w->sh, "awk: can't redirect to %s\n", d); w->exit_ = 1; w->exitcode = 2; }
    else { Stream *st = st_file(fd); st_write(st, p, n); st_close(st); }
    free(d);
}

static void exec_s(Aw *w, AS *s)
{
    if (!s || w->next || w->exit_ || w->brk || w->cont) return;
    switch (s->t) {
    case S_EXPR: { AV v = eval(w, s->e); vfree(&v); break; }
    case S_BLOCK: for (int i = 0; i < s->nkids && !w->next && !w->exit_ && !w->brk && !w->cont; i++) exec_s(w, s->kids[i]); break;
    case S_PRINT: {
        tbuf b = {0};
        tbuf_put(&b, "", 0);
        const char *ofs = var_s(w, "OFS", " "), *ors = var_s(w, "ORS", "\n");
        if (!s->nargs) tbuf_puts(&b, w->rec ? w->rec : "");
        for (int i = 0; i < s->nargs; i++) {
            if (i) tbuf_puts(&b, ofs);
            AV v = eval(w, s->args[i]);
            char *t;
            if (v.isnum && !v.isstr) {
                double d = v.n;
                if (d == (double)(long long)d && fabs(d) < 1e16) t = xasprintf("%lld", (long long)d);
                else t = xasprintf(var_s(w, "OFMT", "%.6g"), d);
            } else t = tostr(&v);
            tbuf_puts(&b, t);
            free(t);
            vfree(&v);
        }
        tbuf_puts(&b, ors);
        emit_out(w, s, b.p, b.len);
        tbuf_free(&b);
        break;
    }
    case S_PRINTF: { char *t = do_sprintf(w, s->args, s->nargs); emit_out(w, s, t, strlen(t)); free(t); break; }
    case S_IF: { AV v = eval(w, s->e); int t = truthy(&v); vfree(&v); exec_s(w, t ? s->body : s->els); break; }
    case S_WHILE: case S_DO:
        for (int first = 1;; first = 0) {
            if (!(s->t == S_DO && first)) { AV v = eval(w, s->e); int t = truthy(&v); vfree(&v); if (!t) break; }
            exec_s(w, s->body);
            w->cont = 0;
            if (w->brk) { w->brk = 0; break; }
            if (w->next || w->exit_ || sh_tick(w->sh)) break;
        }
        break;
    case S_FOR:
        if (s->e) { AV v = eval(w, s->e); vfree(&v); }
        for (;;) {
            if (s->e2) { AV v = eval(w, s->e2); int t = truthy(&v); vfree(&v); if (!t) break; }
            exec_s(w, s->body);
            w->cont = 0;
            if (w->brk) { w->brk = 0; break; }
            if (w->next || w->exit_ || sh_tick(w->sh)) break;
            if (s->e3) { AV v = eval(w, s->e3); vfree(&v); }
        }
        break;
    case S_FORIN: {
        struct Arr *a = arr_ref(w, s->arr->s);
        int n = a->n;
        char **keys = xmalloc(sizeof(char *) * (size_t)(n + 1));
        for (int i = 0; i < n; i++) keys[i] = xstrdup(a->keys[i]);
        AE tv = {0};
        tv.t = E_VAR;
        tv.s = s->var;
        for (int i = 0; i < n; i++) {
            AV kv = str(keys[i]);
            kv.isnum = looks_num(kv.s);
            if (kv.isnum) kv.n = strtod(kv.s, NULL);
            assign_to(w, &tv, kv);
            exec_s(w, s->body);
            w->cont = 0;
            if (w->brk) { w->brk = 0; break; }
            if (w->next || w->exit_) break;
        }
        argv_free(keys, n);
        break;
    }
    case S_NEXT: w->next = 1; break;
    case S_BREAK: w->brk = 1; break;
    case S_CONT: w->cont = 1; break;
    case S_EXIT: if (s->e) { AV v = eval(w, s->e); w->exitcode = (int)tonum(&v); vfree(&v); } w->exit_ = 1; break;
    case S_DELETE: {
        AE *t = s->e;
        if (t->t == E_VAR) { struct Arr *a = arr_ref(w, t->s); for (int i = 0; i < a->n; i++) { free(a->keys[i]); vfree(&a->vals[i]); } a->n = 0; }
        else if (t->t == E_IDX) {
            struct Arr *a = arr_ref(w, t->s);
            char *k = key_of(w, t->a);
            for (int i = 0; i < a->n; i++)
                if (!strcmp(a->keys[i], k)) {
                    free(a->keys[i]); vfree(&a->vals[i]);
                    memmove(&a->keys[i], &a->keys[i + 1], sizeof(char *) * (size_t)(a->n - i - 1));
                    memmove(&a->vals[i], &a->vals[i + 1], sizeof(AV) * (size_t)(a->n - i - 1));
                    a->n--;
                    break;
                }
            free(k);
        }
        break;
    }
    }
}

static int rule_matches(Aw *w, Rule *r)
{
    if (!r->pat) return 1;
    if (r->pat2) {
        if (r->inrange) {
            AV v = eval(w, r->pat2); int t = truthy(&v); vfree(&v);
            if (t) r->inrange = 0;
            return 1;
        }
        AV v = eval(w, r->pat); int t = truthy(&v); vfree(&v);
        if (!t) return 0;
        v = eval(w, r->pat2); t = truthy(&v); vfree(&v);
        r->inrange = !t;
        return 1;
    }
    AV v = eval(w, r->pat);
    int t = truthy(&v);
    vfree(&v);
    return t;
}

int u_awk(Sh *sh, int argc, char **argv)
{
    Aw w;
    memset(&w, 0, sizeof w);
    w.sh = sh;
    const char *prog = NULL;
    char **files = xmalloc(sizeof(char *) * (size_t)(argc + 1));
    int nf = 0;
    char **assigns = xmalloc(sizeof(char *) * (size_t)(argc + 1));
    int na = 0;
    const char *fs = NULL;
    tbuf progf = {0};
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) { i++; break; }
        if (!strncmp(a, "-F", 2)) { fs = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : " "); continue; }
        if (!strncmp(a, "-v", 2)) { assigns[na++] = a[2] ? (char *)a + 2 : (i + 1 < argc ? argv[++i] : ""); continue; }
        if (!strcmp(a, "-f") && i + 1 < argc) { if (read_input(sh, "awk", argv[++i], &progf) < 0) { free(files); free(assigns); return 2; } prog = progf.p ? progf.p : ""; continue; }
        if (a[0] == '-' && a[1]) { errf(sh, "awk: unknown option %s\n", a); free(files); free(assigns); return 2; }
        break;
    }
    if (!prog) {
        if (i >= argc) { errf(sh, "usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n"); free(files); free(assigns); return 2; }
        prog = argv[i++];
    }
    for (; i < argc; i++) files[nf++] = argv[i];
    w.p = prog;
    prev_operand = 0;
    p_program(&w);
    if (w.err) { free(files); free(assigns); tbuf_free(&progf); return 2; }
    var_ref(&w, "FS")[0] = str(fs ? (!strcmp(fs, "t") || !strcmp(fs, "\\t") ? "\t" : fs) : " ");
    var_ref(&w, "OFS")[0] = str(" ");
    var_ref(&w, "ORS")[0] = str("\n");
    var_ref(&w, "SUBSEP")[0] = str("\034");
    for (int k = 0; k < na; k++) {
        char *eq = strchr(assigns[k], '=');
        if (!eq) continue;
        char *nm = xstrndup(assigns[k], (size_t)(eq - assigns[k]));
        AV *v = var_ref(&w, nm);
        vfree(v);
        *v = str(eq + 1);
        v->isnum = looks_num(v->s);
        if (v->isnum) v->n = strtod(v->s, NULL);
        free(nm);
    }
    w.rec = xstrdup("");
    for (int r = 0; r < w.nrules && !w.exit_; r++) if (w.rules[r].kind == 1) exec_s(&w, w.rules[r].act);
    int has_main = 0;
    for (int r = 0; r < w.nrules; r++) if (w.rules[r].kind != 1) has_main = 1;
    int st = 0;
    if (has_main && !w.exit_) {
        char *dash[] = {"-"};
        char **fl = nf ? files : dash;
        int nfl = nf ? nf : 1;
        for (int k = 0; k < nfl && !w.exit_; k++) {
            if (strchr(fl[k], '=') && fl[k][0] != '=' && valid_name(fl[k], (size_t)(strchr(fl[k], '=') - fl[k]))) {
                char *eq = strchr(fl[k], '=');
                char *nm = xstrndup(fl[k], (size_t)(eq - fl[k]));
                AV *v = var_ref(&w, nm);
                vfree(v);
                *v = str(eq + 1);
                free(nm);
                continue;
            }
            tbuf b = {0};
            if (read_input(sh, "awk", fl[k], &b) < 0) { st = 2; continue; }
            size_t pos = 0;
            while (pos < b.len && !w.exit_) {
                const char *nl = memchr(b.p + pos, '\n', b.len - pos);
                size_t e = nl ? (size_t)(nl - b.p) : b.len;
                free(w.rec);
                w.rec = xstrndup(b.p + pos, e - pos);
                pos = nl ? e + 1 : b.len;
                w.nr++;
                split_record(&w);
                w.next = 0;
                for (int r = 0; r < w.nrules && !w.next && !w.exit_; r++)
                    if (w.rules[r].kind == 0 && rule_matches(&w, &w.rules[r])) {
                        if (w.rules[r].act) exec_s(&w, w.rules[r].act);
                        else { sh_out(sh, 1, w.rec, strlen(w.rec)); sh_out(sh, 1, var_s(&w, "ORS", "\n"), strlen(var_s(&w, "ORS", "\n"))); }
                    }
                if (!(w.nr & 1023) && sh_tick(sh)) break;
            }
            tbuf_free(&b);
        }
    }
    int saved_exit = w.exitcode;
    if (!w.exit_ || 1) {
        int was_exit = w.exit_;
        w.exit_ = 0;
        w.next = 0;
        if (!(was_exit && 0)) for (int r = 0; r < w.nrules && !w.exit_; r++) if (w.rules[r].kind == 2) exec_s(&w, w.rules[r].act);
    }
    free(files);
    free(assigns);
    tbuf_free(&progf);
    return st ? st : (w.exitcode ? w.exitcode : saved_exit);
}
