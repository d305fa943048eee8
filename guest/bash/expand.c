/*
 * guest/bash/expand.c — word expansion in bash's order: tilde, parameters,
 * command substitution, arithmetic, then field splitting on IFS, pathname
 * expansion and quote removal.  Each produced byte carries flags (quoted /
 * came from an expansion) so splitting and globbing treat it correctly.
 */
#include "sh.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { F_Q = 1, F_E = 2, F_BRK = 4, F_KEEP = 8 };
typedef struct XB { tbuf c, f; int at_empty; } XB;

static void xb_add(XB *x, const char *s, size_t n, int fl)
{
    tbuf_put(&x->c, s, n);
    for (size_t i = 0; i < n; i++) { char f = (char)fl; tbuf_put(&x->f, &f, 1); }
}
static void xb_mark(XB *x, int fl) { char z = 0, f = (char)fl; tbuf_put(&x->c, &z, 1); tbuf_put(&x->f, &f, 1); }
static void xb_free(XB *x) { tbuf_free(&x->c); tbuf_free(&x->f); }

static void exp_raw(Sh *sh, const char *s, size_t n, XB *x, int inq, int here);
static char **expand_words2(Sh *sh, char **words, int nw, int *outn);

void argv_free(char **v, int n)
{
    if (!v) return;
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
}

static void add_val(XB *x, const char *v, int inq)
{
    if (v) xb_add(x, v, strlen(v), inq ? F_Q : F_E);
}

/* ---- parameters ---------------------------------------------------------- */
static char *param_value(Sh *sh, const char *name, const char *idx, int *set)
{
    *set = 1;
    char buf[32];
    if (!strcmp(name, "?")) { snprintf(buf, sizeof buf, "%d", sh->status); return xstrdup(buf); }
    if (!strcmp(name, "#")) { snprintf(buf, sizeof buf, "%d", sh->npos); return xstrdup(buf); }
    if (!strcmp(name, "$")) return xstrdup("1");
    if (!strcmp(name, "!")) { snprintf(buf, sizeof buf, "%d", sh->lastbg); return xstrdup(buf); }
    if (!strcmp(name, "-")) return xstrdup(sh->errexit ? "e" : "");
    if (!strcmp(name, "0")) return xstrdup(sh->arg0);
    if (isdigit((unsigned char)name[0])) {
        int k = atoi(name);
        if (k >= 1 && k <= sh->npos) return xstrdup(sh->pos[k - 1]);
        *set = 0;
        return NULL;
    }
    if (!strcmp(name, "LINENO")) { snprintf(buf, sizeof buf, "%d", sh->lineno); return xstrdup(buf); }
    if (!strcmp(name, "RANDOM")) { snprintf(buf, sizeof buf, "%d", rand() & 32767); return xstrdup(buf); }
    Var *v = var_find(sh, name);
    if (!v || (!v->val && !v->arr)) { *set = 0; return NULL; }
    if (idx && v->arr) {
        int err = 0;
        long long i = sh_arith(sh, idx, &err);
        if (i < 0) i += v->narr;
        if (i < 0 || i >= v->narr || !v->arr[i]) { *set = 0; return NULL; }
        return xstrdup(v->arr[i]);
    }
    if (idx && !v->arr) {
        int err = 0;
        if (sh_arith(sh, idx, &err) != 0) { *set = 0; return NULL; }
    }
    if (!v->val) { *set = 0; return NULL; }
    return xstrdup(v->val);
}

/* The list behind $@ / ${a[@]}: borrowed pointers. */
static char **param_list(Sh *sh, const char *name, int *n)
{
    if (!strcmp(name, "@") || !strcmp(name, "*")) { *n = sh->npos; return sh->pos; }
    Var *v = var_find(sh, name);
    if (!v) { *n = 0; return NULL; }
    if (v->arr) { *n = v->narr; return v->arr; }
    *n = v->val ? 1 : 0;
    return &v->val;
}

static void add_list(Sh *sh, XB *x, char **items, int n, int inq, int star)
{
    int any = 0;
    for (int i = 0; i < n; i++) any |= items[i] != NULL;
    if (!any) { if (inq) x->at_empty = 1; return; }
    const char *ifs = var_get(sh, "IFS");
    char sep = ifs ? ifs[0] : ' ';
    int first = 1;
    for (int i = 0; i < n; i++) {
        if (!items[i]) continue;
        if (!first) {
            if (inq && !star) xb_mark(x, F_BRK);
            else if (inq) { if (sep) xb_add(x, &sep, 1, F_Q); }
            else xb_add(x, " ", 1, F_E);
        }
        add_val(x, items[i], inq);
        first = 0;
    }
}

static char *xb_pattern(XB *x)
{
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    for (size_t i = 0; i < x->c.len; i++) {
        char c = x->c.p[i], f = x->f.p[i];
        if (f & (F_BRK | F_KEEP)) { if (f & F_BRK) tbuf_put(&b, " ", 1); continue; }
        if ((f & F_Q) && strchr("*?[]\\", c)) tbuf_put(&b, "\\", 1);
        tbuf_put(&b, &c, 1);
    }
    return b.p;
}
static char *xb_string(XB *x)
{
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    for (size_t i = 0; i < x->c.len; i++) {
        if (x->f.p[i] & F_KEEP) continue;
        if (x->f.p[i] & F_BRK) { tbuf_put(&b, " ", 1); continue; }
        tbuf_put(&b, &x->c.p[i], 1);
    }
    return b.p;
}

static char *sub_pattern(Sh *sh, const char *s, size_t n, int inq)
{
    XB t = {0};
    exp_raw(sh, s, n, &t, inq, 0);
    char *p = xb_pattern(&t);
    xb_free(&t);
    return p;
}
static char *sub_string(Sh *sh, const char *s, size_t n, int inq)
{
    XB t = {0};
    exp_raw(sh, s, n, &t, inq, 0);
    char *p = xb_string(&t);
    xb_free(&t);
    return p;
}

static int pmatch(const char *pat, const char *s, size_t len)
{
    char *t = xstrndup(s, len);
    int r = fnmatch(pat, t, 0) == 0;
    free(t);
    return r;
}

static char *remove_pat(const char *v, const char *pat, int suffix, int longest)
{
    size_t n = strlen(v);
    if (suffix) {
        if (longest) { for (size_t i = 0; i <= n; i++) if (fnmatch(pat, v + i, 0) == 0) return xstrndup(v, i); }
        else for (size_t i = n + 1; i-- > 0;) if (fnmatch(pat, v + i, 0) == 0) return xstrndup(v, i);
    } else {
        if (longest) { for (size_t i = n + 1; i-- > 0;) if (pmatch(pat, v, i)) return xstrdup(v + i); }
        else for (size_t i = 0; i <= n; i++) if (pmatch(pat, v, i)) return xstrdup(v + i);
    }
    return xstrdup(v);
}

static char *replace_pat(const char *v, const char *pat, const char *rep, int all, int anchor)
{
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    size_t n = strlen(v), i = 0;
    int done = 0;
    if (!*pat) return xstrdup(v);
    while (i <= n) {
        if (done || (anchor == 1 && i > 0)) { tbuf_puts(&b, v + i); break; }
        size_t e = n + 1;
        int found = 0;
        if (anchor == 2) { if (fnmatch(pat, v + i, 0) == 0) { e = n; found = 1; } }
        else for (e = n + 1; e-- > i;) if (pmatch(pat, v + i, e - i)) { found = 1; break; }
        if (found && (e > i || anchor)) {
            tbuf_puts(&b, rep);
            i = e;
            if (!all) done = 1;
            if (i == n) break;
            continue;
        }
        if (i < n) tbuf_put(&b, v + i, 1);
        i++;
    }
    return b.p;
}

static size_t exp_brace(Sh *sh, const char *s, size_t i, size_t n, XB *x, int inq)
{
    size_t end = sh_skip_subst(s, i + 2, n, '{');
    const char *c = s + i + 2;
    size_t cl = end - (i + 2) - 1;
    if (end > n || end < i + 3) { xb_add(x, s + i, n - i, inq ? F_Q : 0); return n; }
    size_t k = 0;
    int length = 0, indirect = 0;
    if (cl > 1 && c[0] == '#' && !strchr(":-=+?%/", c[1])) { length = 1; k = 1; }
    else if (cl > 1 && c[0] == '!') { indirect = 1; k = 1; }
    size_t ns = k;
    if (k < cl && (isalpha((unsigned char)c[k]) || c[k] == '_')) while (k < cl && (isalnum((unsigned char)c[k]) || c[k] == '_')) k++;
    else if (k < cl && isdigit((unsigned char)c[k])) while (k < cl && isdigit((unsigned char)c[k])) k++;
    else if (k < cl && strchr("@*#?$!-0", c[k])) k++;
    else if (cl == 1 && c[0] == '#') { k = 1; ns = 0; }
    char *name = xstrndup(c + ns, k - ns);
    char *idx = NULL;
    if (k < cl && c[k] == '[') {
        size_t q = k + 1;
        while (q < cl && c[q] != ']') q++;
        idx = xstrndup(c + k + 1, q - k - 1);
        k = q + 1;
    }
    if (indirect) {
        if (idx && (!strcmp(idx, "@") || !strcmp(idx, "*"))) {   /* ${!a[@]}: indices */
            int cnt, first = 1;
            char **l = param_list(sh, name, &cnt);
            for (int q = 0; q < cnt; q++) {
                if (!l[q]) continue;
                char b[16];
                snprintf(b, sizeof b, "%d", q);
                if (!first) { if (inq) xb_mark(x, F_BRK); else xb_add(x, " ", 1, F_E); }
                add_val(x, b, inq);
                first = 0;
            }
            free(name); free(idx);
            return end;
        }
        int set;
        char *target = param_value(sh, name, NULL, &set);
        free(name);
        name = target ? target : xstrdup("");
    }
    int islist = (idx && (!strcmp(idx, "@") || !strcmp(idx, "*"))) || !strcmp(name, "@") || !strcmp(name, "*");
    int star = (idx && !strcmp(idx, "*")) || !strcmp(name, "*");
    if (length) {
        char buf[32];
        if (islist) { int cnt, live = 0; char **l = param_list(sh, name, &cnt); for (int q = 0; q < cnt; q++) live += l[q] != NULL; snprintf(buf, sizeof buf, "%d", live); }
        else { int set; char *v = param_value(sh, name, idx, &set); snprintf(buf, sizeof buf, "%zu", v ? strlen(v) : 0); free(v); }
        add_val(x, buf, inq);
        free(name); free(idx);
        return end;
    }
    const char *op = c + k;
    size_t opl = cl - k;
    int set = 0;
    char *val = NULL;
    char **lst = NULL;
    int lcnt = 0;
    if (islist) { lst = param_list(sh, name, &lcnt); set = lcnt > 0; }
    else val = param_value(sh, name, idx, &set);
    if (!opl) {
        if (!set && sh->nounset && !islist) { errf(sh, "bash: line %d: %s: unbound variable\n", sh->lineno, name); sh->experr = 3; }
        if (islist) add_list(sh, x, lst, lcnt, inq, star);
        else add_val(x, val, inq);
        goto out;
    }
    int colon = op[0] == ':' && opl > 1 && strchr("-=+?", op[1]);
    const char *o = op + colon;
    const char *arg = o + 1;
    size_t argl = opl - colon - 1;
    int empty = !set || (colon && ((islist && lcnt == 0) || (!islist && (!val || !*val))));
    if (islist && !set) empty = 1;
    switch (*o) {
    case '-':
        if (empty) exp_raw(sh, arg, argl, x, inq, 0);
        else if (islist) add_list(sh, x, lst, lcnt, inq, star);
        else add_val(x, val, inq);
        goto out;
    case '=':
        if (empty) {
            char *nv = sub_string(sh, arg, argl, inq);
            var_set(sh, name, nv);
            add_val(x, nv, inq);
            free(nv);
        } else add_val(x, val, inq);
        goto out;
    case '+':
        if (!empty) exp_raw(sh, arg, argl, x, inq, 0);
        goto out;
    case '?':
        if (empty) {
            char *msg = sub_string(sh, arg, argl, inq);
            errf(sh, "bash: line %d: %s: %s\n", sh->lineno, name, *msg ? msg : "parameter null or not set");
            free(msg);
            sh->experr = 2;
        } else add_val(x, val, inq);
        goto out;
    }
    if (islist && *o == ':') {
        /* ${a[@]:offset:length} over the set elements */
        const char *p = o + 1;
        size_t pl = opl - 1, q = 0;
        while (q < pl && p[q] != ':') q++;
        char *e1 = sub_string(sh, p, q, 1);
        int err = 0;
        int live = 0;
        for (int i = 0; i < lcnt; i++) live += lst[i] != NULL;
        long long off = sh_arith(sh, e1, &err), cnt = live;
        free(e1);
        if (q < pl) { char *e2 = sub_string(sh, p + q + 1, pl - q - 1, 1); cnt = sh_arith(sh, e2, &err); free(e2); }
        if (off < 0) off += live;
        if (off < 0) off = 0;
        char **sel = xmalloc(sizeof(char *) * (size_t)(lcnt + 1));
        int ns = 0, seen = 0;
        for (int i = 0; i < lcnt; i++) {
            if (!lst[i]) continue;
            if (seen >= off && ns < cnt) sel[ns++] = lst[i];
            seen++;
        }
        add_list(sh, x, sel, ns, inq, star);
        free(sel);
        goto out;
    }
    if (islist) { add_list(sh, x, lst, lcnt, inq, star); goto out; }
    if (!val) val = xstrdup("");
    if (*o == '%' || *o == '#') {
        int longest = opl > 1 && o[1] == o[0];
        char *pat = sub_pattern(sh, o + 1 + longest, opl - 1 - (size_t)longest, 0);
        char *r = remove_pat(val, pat, *o == '%', longest);
        add_val(x, r, inq);
        free(r); free(pat);
    } else if (*o == '/') {
        int all = 0, anchor = 0;
        const char *p = o + 1;
        size_t pl = opl - 1;
        if (pl && *p == '/') { all = 1; p++; pl--; }
        else if (pl && *p == '#') { anchor = 1; p++; pl--; }
        else if (pl && *p == '%') { anchor = 2; p++; pl--; }
        size_t q = 0;
        while (q < pl && p[q] != '/') { if (p[q] == '\\') q++; q++; }
        if (q > pl) q = pl;
        char *pat = sub_pattern(sh, p, q, 0);
        char *rep = q < pl ? sub_string(sh, p + q + 1, pl - q - 1, inq) : xstrdup("");
        char *r = replace_pat(val, pat, rep, all, anchor);
        add_val(x, r, inq);
        free(r); free(pat); free(rep);
    } else if (*o == '^' || *o == ',') {
        int all = opl > 1 && o[1] == o[0];
        char *r = xstrdup(val);
        for (char *p = r; *p; p++) {
            *p = (char)(*o == '^' ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
            if (!all) break;
        }
        add_val(x, r, inq);
        free(r);
    } else if (*o == ':') {
        const char *p = o + 1;
        size_t pl = opl - 1, q = 0;
        while (q < pl && p[q] != ':') q++;
        char *e1 = sub_string(sh, p, q, 1);
        int err = 0;
        long long off = sh_arith(sh, e1, &err), len = (long long)strlen(val), cnt = len;
        free(e1);
        if (q < pl) { char *e2 = sub_string(sh, p + q + 1, pl - q - 1, 1); cnt = sh_arith(sh, e2, &err); free(e2); }
        if (off < 0) off += len;
        if (off < 0) off = 0;
        if (off > len) off = len;
        if (cnt < 0) cnt = len - off + cnt;
        if (cnt < 0) cnt = 0;
        if (off + cnt > len) cnt = len - off;
        char *r = xstrndup(val + off, (size_t)cnt);
        add_val(x, r, inq);
        free(r);
    } else {
        errf(sh, "bash: line %d: ${%.*s}: bad substitution\n", sh->lineno, (int)cl, c);
        sh->experr = 1;
    }
out:
    free(val); free(name); free(idx);
    return end;
}

static void cmdsubst(Sh *sh, const char *src, XB *x, int inq)
{
    tbuf out = {0};
    tbuf_put(&out, "", 0);
    sh_capture(sh, src, &out);
    while (out.len && out.p[out.len - 1] == '\n') out.len--;
    out.p[out.len] = 0;
    add_val(x, out.p, inq);
    tbuf_free(&out);
}

static size_t exp_dollar(Sh *sh, const char *s, size_t i, size_t n, XB *x, int inq)
{
    char c = i + 1 < n ? s[i + 1] : 0;
    if (c == '(' && i + 2 < n && s[i + 2] == '(') {
        size_t end = sh_skip_subst(s, i + 2, n, '(');
        if (end <= n && end >= 2 && s[end - 1] == ')' && end >= 2 && s[end - 2] == ')') {
            char *inner = sub_string(sh, s + i + 3, end - i - 5, 1);
            int err = 0;
            long long v = sh_arith(sh, inner, &err);
            if (err) {
                errf(sh, "bash: line %d: %s: %s\n", sh->lineno, inner, err == 2 ? "division by 0 (error token is \"\")" : "syntax error in expression");
                sh->experr = 2;
            }
            char buf[32];
            snprintf(buf, sizeof buf, "%lld", v);
            add_val(x, buf, inq);
            free(inner);
            return end;
        }
    }
    if (c == '(') {
        size_t end = sh_skip_subst(s, i + 2, n, '(');
        char *src = xstrndup(s + i + 2, end - i - 3);
        cmdsubst(sh, src, x, inq);
        free(src);
        return end;
    }
    if (c == '{') return exp_brace(sh, s, i, n, x, inq);
    if (c == '\'' && !inq) {
        tbuf b = {0};
        tbuf_put(&b, "", 0);
        size_t k = i + 2;
        while (k < n && s[k] != '\'') {
            char ch = s[k];
            if (ch == '\\' && k + 1 < n) {
                char e = s[++k];
                switch (e) {
                case 'n': ch = '\n'; break;
                case 't': ch = '\t'; break;
                case 'r': ch = '\r'; break;
                case 'a': ch = '\a'; break;
                case 'b': ch = '\b'; break;
                case 'e': ch = 27; break;
                case 'v': ch = '\v'; break;
                case 'f': ch = '\f'; break;
                case '0': ch = 0; break;
                case 'x': {
                    int v = 0, d = 0;
                    while (d < 2 && k + 1 < n && isxdigit((unsigned char)s[k + 1])) { char h = s[++k]; v = v * 16 + (isdigit((unsigned char)h) ? h - '0' : (tolower((unsigned char)h) - 'a' + 10)); d++; }
                    ch = (char)v;
                    break;
                }
                default: ch = e;
                }
            }
            tbuf_put(&b, &ch, 1);
            k++;
        }
        xb_add(x, b.p, b.len, F_Q);
        xb_mark(x, F_KEEP);
        tbuf_free(&b);
        return k + 1;
    }
    if (isalpha((unsigned char)c) || c == '_') {
        size_t k = i + 1;
        while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '_')) k++;
        char *name = xstrndup(s + i + 1, k - i - 1);
        int set;
        char *v = param_value(sh, name, NULL, &set);
        if (!set && sh->nounset) { errf(sh, "bash: line %d: %s: unbound variable\n", sh->lineno, name); sh->experr = 3; }
        add_val(x, v, inq);
        free(v); free(name);
        return k;
    }
    if (c == '@' || c == '*') {
        add_list(sh, x, sh->pos, sh->npos, inq, c == '*');
        return i + 2;
    }
    if (c && (isdigit((unsigned char)c) || strchr("?#$!-", c))) {
        char name[2] = {c, 0};
        int set;
        char *v = param_value(sh, name, NULL, &set);
        add_val(x, v, inq);
        free(v);
        return i + 2;
    }
    xb_add(x, "$", 1, inq ? F_Q : 0);
    return i + 1;
}

static void exp_raw(Sh *sh, const char *s, size_t n, XB *x, int inq, int here)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\\') {
            char d = i + 1 < n ? s[i + 1] : 0;
            if (!d) { xb_add(x, "\\", 1, F_Q); i++; continue; }
            if (inq || here) {
                if (d == '\n') { i += 2; continue; }
                if (strchr("$`\\", d) || (inq && !here && d == '"')) { xb_add(x, &d, 1, F_Q); i += 2; continue; }
                xb_add(x, "\\", 1, F_Q);
                i++;
                continue;
            }
            if (d != '\n') xb_add(x, &d, 1, F_Q);
            i += 2;
            continue;
        }
        if (c == '\'' && !inq && !here) {
            size_t e = i + 1;
            while (e < n && s[e] != '\'') e++;
            xb_add(x, s + i + 1, e - i - 1, F_Q);
            xb_mark(x, F_KEEP);
            i = e + 1;
            continue;
        }
        if (c == '"' && !inq && !here) {
            size_t e = i + 1;
            while (e < n && s[e] != '"') {
                if (s[e] == '\\') { e += 2; continue; }
                if (s[e] == '$' && e + 1 < n && (s[e + 1] == '(' || s[e + 1] == '{')) { e = sh_skip_subst(s, e + 2, n, s[e + 1]); continue; }
                if (s[e] == '`') { e = sh_skip_subst(s, e + 1, n, '`'); continue; }
                e++;
            }
            if (e > n) e = n;
            size_t before = x->c.len;
            x->at_empty = 0;
            exp_raw(sh, s + i + 1, e - i - 1, x, 1, 0);
            if (!(x->at_empty && x->c.len == before)) xb_mark(x, F_KEEP);
            x->at_empty = 0;
            i = e + 1;
            continue;
        }
        if (c == '$') { i = exp_dollar(sh, s, i, n, x, inq); continue; }
        if (c == '`') {
            size_t e = sh_skip_subst(s, i + 1, n, '`');
            tbuf src = {0};
            tbuf_put(&src, "", 0);
            for (size_t k = i + 1; k + 1 < e; k++) {
                if (s[k] == '\\' && k + 2 < e && strchr("$`\\", s[k + 1])) k++;
                tbuf_put(&src, &s[k], 1);
            }
            cmdsubst(sh, src.p, x, inq);
            tbuf_free(&src);
            i = e;
            continue;
        }
        if (c == '~' && i == 0 && !inq && !here && (n == 1 || s[1] == '/')) {
            const char *h = var_get(sh, "HOME");
            xb_add(x, h ? h : "~", strlen(h ? h : "~"), F_Q);
            i++;
            continue;
        }
        xb_add(x, &c, 1, inq ? F_Q : 0);
        i++;
    }
}

/* ---- field splitting and globbing ----------------------------------------- */
typedef struct { char **v; int n, cap; } Out;
static void opush(Out *o, char *s)
{
    if (o->n + 1 >= o->cap) { o->cap = o->cap ? o->cap * 2 : 16; o->v = xrealloc(o->v, sizeof(char *) * (size_t)o->cap); }
    o->v[o->n++] = s;
    o->v[o->n] = NULL;
}

static void emit(Sh *sh, Out *o, tbuf *c, tbuf *f)
{
    /* glob when an unquoted *, ? or [ is present */
    int g = 0;
    for (size_t i = 0; i < c->len && !sh->noglob; i++)
        if (!(f->p[i] & F_Q) && strchr("*?[", c->p[i])) g = 1;
    char *lit = xstrndup(c->p ? c->p : "", c->len);
    if (g) {
        tbuf pat = {0};
        tbuf_put(&pat, "", 0);
        for (size_t i = 0; i < c->len; i++) {
            if ((f->p[i] & F_Q) && strchr("*?[]\\", c->p[i])) tbuf_put(&pat, "\\", 1);
            tbuf_put(&pat, &c->p[i], 1);
        }
        int n;
        char **m = has_glob(pat.p) ? sh_glob(sh, pat.p, &n) : NULL;
        tbuf_free(&pat);
        if (m) {
            for (int i = 0; i < n; i++) opush(o, m[i]);
            free(m);
            free(lit);
            c->len = f->len = 0;
            return;
        }
    }
    opush(o, lit);
    c->len = f->len = 0;
}

static int is_ifs(const char *ifs, char c) { return c && strchr(ifs, c) != NULL; }

/* ---- brace expansion (on raw words, before anything else) ---------------- */
static size_t skip_quoted(const char *w, size_t i)
{
    /* i at a quote/backslash/$: index of the last char of that unit */
    if (w[i] == '\\') return w[i + 1] ? i + 1 : i;
    if (w[i] == '\'') { const char *e = strchr(w + i + 1, '\''); return e ? (size_t)(e - w) : strlen(w) - 1; }
    if (w[i] == '"') {
        size_t k = i + 1;
        while (w[k] && w[k] != '"') { if (w[k] == '\\' && w[k + 1]) k++; k++; }
        return w[k] ? k : k - 1;
    }
    if (w[i] == '$' && (w[i + 1] == '{' || w[i + 1] == '(')) return sh_skip_subst(w, i + 2, strlen(w), w[i + 1]) - 1;
    return i;
}

static void brace_expand(const char *w, char ***out, int *n, int *cap, int depth)
{
    size_t len = strlen(w);
    for (size_t i = 0; i < len; i++) {
        if (strchr("\\'\"$", w[i])) { i = skip_quoted(w, i); continue; }
        if (w[i] != '{') continue;
        /* find the matching } and top-level commas */
        size_t commas[256];
        int nc = 0, d = 0;
        size_t j = i + 1, close = 0;
        for (; j < len; j++) {
            if (strchr("\\'\"$", w[j])) { j = skip_quoted(w, j); continue; }
            if (w[j] == '{') d++;
            else if (w[j] == '}') { if (!d) { close = j; break; } d--; }
            else if (w[j] == ',' && !d && nc < 256) commas[nc++] = j;
        }
        if (!close) break;
        char *pre = xstrndup(w, i), *post = xstrdup(w + close + 1);
        char **alts = NULL;
        int na = 0;
        if (nc) {
            alts = xmalloc(sizeof(char *) * (size_t)(nc + 1));
            size_t st = i + 1;
            for (int k = 0; k <= nc; k++) {
                size_t e = k < nc ? commas[k] : close;
                alts[na++] = xstrndup(w + st, e - st);
                st = e + 1;
            }
        } else {
            char *in = xstrndup(w + i + 1, close - i - 1);
            long long a, b, step = 1;
            char ca, cb;
            int m = 0;
            char tail[8];
            if (sscanf(in, "%lld..%lld..%lld%1s", &a, &b, &step, tail) == 3 || (m = sscanf(in, "%lld..%lld%1s", &a, &b, tail)) == 2) {
                if (step < 0) step = -step;
                if (!step) step = 1;
                long long cnt = (a <= b ? b - a : a - b) / step + 1;
                if (cnt <= 100000) {
                    int width = 0;
                    const char *zs = in;
                    if ((zs[0] == '0' && zs[1]) || (zs[0] == '-' && zs[1] == '0')) width = (int)strcspn(in, ".");
                    alts = xmalloc(sizeof(char *) * (size_t)cnt);
                    for (long long v = a, k = 0; k < cnt; k++, v += a <= b ? step : -step)
                        alts[na++] = width ? xasprintf("%0*lld", width, v) : xasprintf("%lld", v);
                }
            } else if (strlen(in) == 4 && in[1] == '.' && in[2] == '.' && (ca = in[0]) && (cb = in[3]) && isalpha((unsigned char)ca) && isalpha((unsigned char)cb)) {
                int stp = ca <= cb ? 1 : -1;
                alts = xmalloc(sizeof(char *) * 64);
                for (int c = ca;; c += stp) { char t[2] = {(char)c, 0}; alts[na++] = xstrdup(t); if (c == cb || na >= 64) break; }
            }
            (void)m;
            free(in);
        }
        if (!na || depth > 20) {
            free(alts); free(pre); free(post);
            continue;   /* not a brace expression: the { is literal */
        }
        for (int k = 0; k < na; k++) {
            char *nw = xasprintf("%s%s%s", pre, alts[k], post);
            brace_expand(nw, out, n, cap, depth + 1);
            free(nw);
            free(alts[k]);
        }
        free(alts); free(pre); free(post);
        return;
    }
    if (*n + 1 >= *cap) { *cap = *cap ? *cap * 2 : 16; *out = xrealloc(*out, sizeof(char *) * (size_t)*cap); }
    (*out)[(*n)++] = xstrdup(w);
}

char **sh_expand_words(Sh *sh, char **words0, int nw0, int *outn)
{
    char **words = NULL;
    int nw = 0, capw = 0;
    for (int i = 0; i < nw0; i++) {
        if (strchr(words0[i], '{')) brace_expand(words0[i], &words, &nw, &capw, 0);
        else {
            if (nw + 1 >= capw) { capw = capw ? capw * 2 : 16; words = xrealloc(words, sizeof(char *) * (size_t)capw); }
            words[nw++] = xstrdup(words0[i]);
        }
    }
    char **r = expand_words2(sh, words, nw, outn);
    argv_free(words, nw);
    return r;
}

static char **expand_words2(Sh *sh, char **words, int nw, int *outn)
{
    Out o = {0};
    opush(&o, NULL);
    o.n = 0;
    for (int w = 0; w < nw; w++) {
        XB x = {0};
        exp_raw(sh, words[w], strlen(words[w]), &x, 0, 0);
        /* read IFS after expanding: a $(...) replaces the variable table */
        const char *ifs0 = var_get(sh, "IFS");
        char ifs[64];
        snprintf(ifs, sizeof ifs, "%s", ifs0 ? ifs0 : " \t\n");
        tbuf c = {0}, f = {0};
        int have = 0;
        for (size_t i = 0; i < x.c.len; i++) {
            char ch = x.c.p[i], fl = x.f.p[i];
            if (fl & F_BRK) { emit(sh, &o, &c, &f); have = 0; continue; }
            if (fl & F_KEEP) { have = 1; continue; }
            if ((fl & F_E) && !(fl & F_Q) && is_ifs(ifs, ch)) {
                if (isspace((unsigned char)ch)) { if (have) emit(sh, &o, &c, &f); have = 0; }
                else { emit(sh, &o, &c, &f); have = 0; }
                continue;
            }
            tbuf_put(&c, &ch, 1);
            tbuf_put(&f, &fl, 1);
            have = 1;
        }
        if (have) emit(sh, &o, &c, &f);
        tbuf_free(&c);
        tbuf_free(&f);
        xb_free(&x);
    }
    *outn = o.n;
    return o.v;
}

char *sh_expand_str(Sh *sh, const char *raw)
{
    XB x = {0};
    exp_raw(sh, raw, strlen(raw), &x, 0, 0);
    char *s = xb_string(&x);
    xb_free(&x);
    return s;
}

char *sh_expand_pat(Sh *sh, const char *raw)
{
    XB x = {0};
    exp_raw(sh, raw, strlen(raw), &x, 0, 0);
    char *s = xb_pattern(&x);
    xb_free(&x);
    return s;
}

char *sh_expand_heredoc(Sh *sh, const char *body)
{
    XB x = {0};
    exp_raw(sh, body, strlen(body), &x, 0, 1);
    char *s = xb_string(&x);
    xb_free(&x);
    return s;
}
