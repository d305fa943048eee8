/*
 * guest/bash/b_test.c — test, [ and [[ ]]: file tests against the sandboxed
 * filesystem, string and integer comparisons; [[ ]] adds pattern matching
 * (==, !=), =~ with BASH_REMATCH, && || and grouping.
 */
#include "cmds.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct T { Sh *sh; char **w; int n, i, cond, err; } T;

static int is_op(T *t, int i, const char *op)
{
    if (i >= t->n) return 0;
    const char *w = t->w[i];
    if (t->cond && (!strcmp(op, "&&") || !strcmp(op, "||") || !strcmp(op, "(") || !strcmp(op, ")")))
        return w[0] == 1 && !strcmp(w + 1, op);
    return !strcmp(w, op);
}

static char *val(T *t, int i)
{
    const char *w = t->w[i];
    if (!t->cond) return xstrdup(w);
    if (w[0] == 1) return xstrdup(w + 1);
    return sh_expand_str(t->sh, w);
}

static const char *const binops[] = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt",
                                     "-ge", "-nt", "-ot", "-ef", "=~", NULL};
static int is_binop(T *t, int i)
{
    if (i >= t->n) return 0;
    for (int k = 0; binops[k]; k++) if (!strcmp(t->w[i], binops[k])) return !( !t->cond && !strcmp(binops[k], "=~"));
    return 0;
}
static int is_unop(const char *w)
{
    return w[0] == '-' && w[1] && !w[2] && strchr("bcdefghkLprsStuwxzGNOn", w[1]);
}

static int to_int(T *t, const char *s, long long *v)
{
    if (t->cond) {
        int err = 0;
        *v = sh_arith(t->sh, s, &err);
        if (err) { errf(t->sh, "bash: line %d: %s: syntax error in expression\n", t->sh->lineno, s); t->err = 1; }
        return !err;
    }
    const char *p = s;
    while (isspace((unsigned char)*p)) p++;
    char *e;
    errno = 0;
    *v = strtoll(p, &e, 10);
    while (isspace((unsigned char)*e)) e++;
    if (e == p || *e) {
        errf(t->sh, "bash: line %d: %s: %s: integer expression expected\n", t->sh->lineno, t->cond ? "[[" : "[", s);
        t->err = 1;
        return 0;
    }
    return 1;
}

static int unary(T *t, char op, const char *a)
{
    struct stat st;
    switch (op) {
    case 'z': return !*a;
    case 'n': return *a != 0;
    case 'L': case 'h': return lstat(P(t->sh, a), &st) == 0 && S_ISLNK(st.st_mode);
    case 't': return 0;
    case 'v': return var_find(t->sh, a) != NULL;
    }
    if (!*a) return 0;
    const char *ap = P(t->sh, a);
    int ok = stat(ap, &st) == 0;
    if (!ok && !strcmp(ap, "/")) { ok = 1; st.st_mode = S_IFDIR | 0755; st.st_size = 0; }
    if (!ok) return 0;
    switch (op) {
    case 'e': case 'a': return 1;
    case 'f': return S_ISREG(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 's': return st.st_size > 0;
    case 'r': return 1;
    case 'w': return access(ap, W_OK) == 0 || errno != EACCES;
    case 'x': return S_ISDIR(st.st_mode) || sh_is_exec(t->sh, a, &st);
    case 'p': return S_ISFIFO(st.st_mode);
    case 'b': return S_ISBLK(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 'S': return S_ISSOCK(st.st_mode);
    case 'O': case 'G': return 1;
    default: return 0;
    }
}

static int mtime_cmp(T *t, const char *a, const char *b, int *ok)
{
    struct stat sa, sb;
    int ra = stat(P(t->sh, a), &sa) == 0, rb = stat(P(t->sh, b), &sb) == 0;
    *ok = ra || rb;
    if (!ra) return -1;
    if (!rb) return 1;
    if (sa.st_mtim.tv_sec != sb.st_mtim.tv_sec) return sa.st_mtim.tv_sec < sb.st_mtim.tv_sec ? -1 : 1;
    if (sa.st_mtim.tv_nsec != sb.st_mtim.tv_nsec) return sa.st_mtim.tv_nsec < sb.st_mtim.tv_nsec ? -1 : 1;
    return 0;
}

static int binary(T *t, int i)
{
    const char *op = t->w[i + 1];
    char *a = val(t, i);
    char *b;
    int r = 0;
    int pat = t->cond && (!strcmp(op, "==") || !strcmp(op, "=") || !strcmp(op, "!="));
    b = pat ? sh_expand_pat(t->sh, t->w[i + 2]) : val(t, i + 2);
    long long x, y;
    if (!strcmp(op, "=") || !strcmp(op, "==")) r = pat ? fnmatch(b, a, 0) == 0 : !strcmp(a, b);
    else if (!strcmp(op, "!=")) r = pat ? fnmatch(b, a, 0) != 0 : strcmp(a, b) != 0;
    else if (!strcmp(op, "<")) r = strcmp(a, b) < 0;
    else if (!strcmp(op, ">")) r = strcmp(a, b) > 0;
    else if (!strcmp(op, "=~")) {
        regex_t re;
        if (sh_regcomp(&re, b, 1, 0) != 0) { t->err = 1; r = 0; }
        else {
            regmatch_t m[10];
            r = regexec(&re, a, 10, m, 0) == 0;
            if (r) {
                char *items[10];
                int k = 0;
                for (; k < 10 && m[k].rm_so >= 0; k++) items[k] = xstrndup(a + m[k].rm_so, (size_t)(m[k].rm_eo - m[k].rm_so));
                var_set_arr(t->sh, "BASH_REMATCH", items, k);
                for (int q = 0; q < k; q++) free(items[q]);
            } else var_set_arr(t->sh, "BASH_REMATCH", NULL, 0);
            regfree(&re);
        }
    } else if (!strcmp(op, "-nt") || !strcmp(op, "-ot")) {
        int ok;
        int c = mtime_cmp(t, a, b, &ok);
        r = ok && (op[1] == 'n' ? c > 0 : c < 0);
    } else if (!strcmp(op, "-ef")) {
        struct stat sa, sb;
        r = stat(P(t->sh, a), &sa) == 0 && stat(P(t->sh, b), &sb) == 0 && sa.st_ino == sb.st_ino && sa.st_dev == sb.st_dev;
    } else if (to_int(t, a, &x) && to_int(t, b, &y)) {
        if (!strcmp(op, "-eq")) r = x == y;
        else if (!strcmp(op, "-ne")) r = x != y;
        else if (!strcmp(op, "-lt")) r = x < y;
        else if (!strcmp(op, "-le")) r = x <= y;
        else if (!strcmp(op, "-gt")) r = x > y;
        else if (!strcmp(op, "-ge")) r = x >= y;
    }
    free(a);
    free(b);
    return r;
}

static int e_or(T *t);
static int e_prim(T *t)
{
    if (t->i >= t->n) { t->err = 1; return 0; }
    if (is_op(t, t->i, "!") && t->i + 1 < t->n) { t->i++; return !e_prim(t); }
    if (is_op(t, t->i, "(")) {
        t->i++;
        int v = e_or(t);
        if (!is_op(t, t->i, ")")) { t->err = 1; return 0; }
        t->i++;
        return v;
    }
    if (t->i + 2 < t->n && is_binop(t, t->i + 1)) {
        int v = binary(t, t->i);
        t->i += 3;
        return v;
    }
    if (t->i + 1 < t->n && is_unop(t->w[t->i]) && !(is_op(t, t->i + 1, t->cond ? "&&" : "-a") || is_op(t, t->i + 1, t->cond ? "||" : "-o"))) {
        char *a = val(t, t->i + 1);
        int v = unary(t, t->w[t->i][1], a);
        free(a);
        t->i += 2;
        return v;
    }
    char *a = val(t, t->i);
    int v = *a != 0;
    free(a);
    t->i++;
    return v;
}
static int e_and(T *t)
{
    int v = e_prim(t);
    while (!t->err && is_op(t, t->i, t->cond ? "&&" : "-a")) { t->i++; int w = e_prim(t); v = v && w; }
    return v;
}
static int e_or(T *t)
{
    int v = e_and(t);
    while (!t->err && is_op(t, t->i, t->cond ? "||" : "-o")) { t->i++; int w = e_and(t); v = v || w; }
    return v;
}

int test_eval(Sh *sh, char **w, int n, int cond)
{
    T t = {sh, w, n, 0, cond, 0};
    if (!n) return 1;
    /* POSIX: with 3 arguments a binary operator wins over everything */
    int v;
    if (!cond && n == 3 && is_binop(&t, 1)) { v = binary(&t, 0); t.i = 3; }
    else if (!cond && n == 2 && is_op(&t, 0, "!")) { v = !(*w[1] != 0); t.i = 2; }
    else v = e_or(&t);
    if (t.err || t.i < n) {
        if (!t.err || t.i < n) errf(sh, "bash: line %d: %s: syntax error\n", sh->lineno, cond ? "conditional expression" : "test");
        return 2;
    }
    return v ? 0 : 1;
}

int b_test(Sh *sh, int argc, char **argv) { return test_eval(sh, argv + 1, argc - 1, 0); }
int b_bracket(Sh *sh, int argc, char **argv)
{
    if (strcmp(argv[argc - 1], "]")) { errf(sh, "bash: line %d: [: missing `]'\n", sh->lineno); return 2; }
    return test_eval(sh, argv + 1, argc - 2, 0);
}
