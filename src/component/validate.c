/*
 * validate.c — the component model's semantic rules that are about names
 * and types rather than bytes: the extern-name grammar (kebab-case labels,
 * interface names with semver), strong uniqueness, the annotated
 * [constructor]/[method]/[static] rules, and structural helpers the decoder
 * uses for subtyping and visibility.  Each check returns 0 or -1 with a
 * reason in `why`; the decoder adds the byte offset.
 */
#include "comp_impl.h"

#include <stdio.h>
#include <string.h>

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_lo(int c) { return c >= 'a' && c <= 'z'; }
static int is_up(int c) { return c >= 'A' && c <= 'Z'; }
static int is_dig(int c) { return c >= '0' && c <= '9'; }

static int bad(char *why, size_t cap, const char *fmt, const char *s, size_t n)
{
    snprintf(why, cap, fmt, (int)n, s);
    return -1;
}

/* label ::= first-fragment ('-' fragment)*: each fragment all lower or all
 * upper (digits either way), the first starting with a letter. */
int bxcm_label_ok(const char *s, size_t n)
{
    if (n == 0) return 0;
    size_t i = 0;
    int first = 1;
    for (;;) {
        size_t j = i;
        int up = -1;
        while (j < n && s[j] != '-') {
            int c = (unsigned char)s[j];
            if (is_lo(c)) { if (up == 1) return 0; up = 0; }
            else if (is_up(c)) { if (up == 0) return 0; up = 1; }
            else if (!is_dig(c)) return 0;
            if (first && j == i && !is_lo(c) && !is_up(c)) return 0;
            j++;
        }
        if (j == i) return 0;   /* empty fragment */
        first = 0;
        if (j == n) return 1;
        i = j + 1;
        if (i == n) return 0;   /* trailing '-' */
    }
}

/* words ::= first-word ('-' word)*: lower case only. */
static int words_ok(const char *s, size_t n)
{
    if (!bxcm_label_ok(s, n)) return 0;
    for (size_t i = 0; i < n; i++) if (is_up((unsigned char)s[i])) return 0;
    return 1;
}

static int num_ok(const char *s, size_t n)   /* no leading zero */
{
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++) if (!is_dig((unsigned char)s[i])) return 0;
    return n == 1 || s[0] != '0';
}

static int ident_ok(const char *s, size_t n, int pre)
{
    if (n == 0) return 0;
    int alnum_only_digits = 1;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (!is_dig(c)) { alnum_only_digits = 0; if (!is_lo(c) && !is_up(c) && c != '-') return 0; }
    }
    /* a numeric pre-release identifier has no leading zero */
    return !(pre && alnum_only_digits && n > 1 && s[0] == '0');
}

static int dotted_ok(const char *s, size_t n, int pre)
{
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < n && s[j] != '.') j++;
        if (!ident_ok(s + i, j - i, pre)) return 0;
        if (j == n) return 1;
        i = j + 1;
    }
}

/* valid semver (semver.org 2.0.0) */
int bxcm_semver_ok(const char *s, size_t n, char *why, size_t cap)
{
    if (n == 0) return bad(why, cap, "`%.*s` is not a valid semver: empty string", s, n), 0;
    size_t i = 0;
    for (int part = 0; part < 3; part++) {
        size_t j = i;
        while (j < n && is_dig((unsigned char)s[j])) j++;
        if (j == i) {
            if (i == n) return bad(why, cap, "`%.*s` is not a valid semver: unexpected end of input", s, n), 0;
            snprintf(why, cap, "`%.*s` is not a valid semver: unexpected character '%c'", (int)n, s, s[i]);
            return 0;
        }
        if (!num_ok(s + i, j - i)) return bad(why, cap, "`%.*s` is not a valid semver: leading zero", s, n), 0;
        i = j;
        if (part < 2) {
            if (i == n) return bad(why, cap, "`%.*s` is not a valid semver: unexpected end of input", s, n), 0;
            if (s[i] != '.') { snprintf(why, cap, "`%.*s` is not a valid semver: unexpected character '%c'", (int)n, s, s[i]); return 0; }
            i++;
        }
    }
    size_t plus = n;
    for (size_t k = i; k < n; k++) if (s[k] == '+') { plus = k; break; }
    if (i < n && s[i] == '-') {
        if (!dotted_ok(s + i + 1, plus - i - 1, 1))
            return bad(why, cap, "`%.*s` is not a valid semver: empty identifier segment or invalid pre-release", s, n), 0;
        i = plus;
    }
    if (i < n && s[i] == '+') {
        if (!dotted_ok(s + i + 1, n - i - 1, 0))
            return bad(why, cap, "`%.*s` is not a valid semver: empty identifier segment or invalid build metadata", s, n), 0;
        i = n;
    }
    if (i != n) { snprintf(why, cap, "`%.*s` is not a valid semver: unexpected character '%c'", (int)n, s, s[i]); return 0; }
    return 1;
}

/* canonversion ::= [1-9][0-9]* | '0.' [1-9][0-9]* | '0.0.' [1-9][0-9]* | '0.0.0' */
static int canonversion(const char *v)
{
    if (!strcmp(v, "0.0.0")) return 1;
    if (!strncmp(v, "0.0.", 4)) v += 4;
    else if (!strncmp(v, "0.", 2)) v += 2;
    if (*v < '1' || *v > '9') return 0;
    while (is_dig((unsigned char)*v)) v++;
    return *v == 0;
}

/* interfacename ::= words ':' words '/' label ('@' semver)? */
static int iface_ok(const char *nm, char *why, size_t cap)
{
    size_t n = strlen(nm);
    const char *colon = strchr(nm, ':');
    size_t ns = (size_t)(colon - nm);
    if (!bxcm_label_ok(nm, ns)) return bad(why, cap, "`%.*s` is not in kebab case", nm, ns);
    if (!words_ok(nm, ns)) return bad(why, cap, "`%.*s` is not a valid extern name", nm, n);
    const char *pk = colon + 1;
    size_t pl = 0;
    while (pk[pl] && pk[pl] != '/' && pk[pl] != ':' && pk[pl] != '@') pl++;
    if (pk[pl] == ':') return bad(why, cap, "`%.*s`: expected `/` after package name (nested namespaces are not supported)", nm, n);
    if (!bxcm_label_ok(pk, pl)) return bad(why, cap, "`%.*s` is not in kebab case", pk, pl);
    if (!words_ok(pk, pl)) return bad(why, cap, "`%.*s` is not a valid extern name", nm, n);
    if (pk[pl] != '/') return bad(why, cap, "`%.*s` is not a valid extern name: expected `/` after package name", nm, n);
    const char *it = pk + pl + 1;
    size_t il = 0;
    while (it[il] && it[il] != '/' && it[il] != '@') il++;
    if (!bxcm_label_ok(it, il)) return bad(why, cap, "`%.*s` is not in kebab case", it, il);
    if (it[il] == '/') return bad(why, cap, "trailing characters found: `%.*s`", it + il, strlen(it + il));
    if (it[il] == '@') {
        const char *v = it + il + 1;
        if (!canonversion(v) && !bxcm_semver_ok(v, strlen(v), why, cap)) return -1;
    }
    return 0;
}

/* The grammar of an extern name; *kind: 0 plain label, 1 interface name,
 * 2 [constructor], 3 [method], 4 [static]. */
int bxcm_extname_ok(const char *nm, int *kind, char *why, size_t cap)
{
    size_t n = strlen(nm);
    *kind = 0;
    if (strchr(nm, ':')) { *kind = 1; return iface_ok(nm, why, cap); }
    static const char *const pre[] = { "[constructor]", "[method]", "[static]" };
    for (int k = 0; k < 3; k++) {
        size_t pl = strlen(pre[k]);
        if (strncmp(nm, pre[k], pl)) continue;
        const char *s = nm + pl;
        *kind = 2 + k;
        if (k == 0) {
            if (!bxcm_label_ok(s, strlen(s))) return bad(why, cap, "`%.*s` is not in kebab case", s, strlen(s));
            return 0;
        }
        const char *dot = strchr(s, '.');
        if (!dot) return bad(why, cap, "failed to find `.` character in `%.*s`", s, strlen(s));
        if (!bxcm_label_ok(s, (size_t)(dot - s))) return bad(why, cap, "`%.*s` is not in kebab case", s, (size_t)(dot - s));
        if (!bxcm_label_ok(dot + 1, strlen(dot + 1))) return bad(why, cap, "`%.*s` is not in kebab case", dot + 1, strlen(dot + 1));
        return 0;
    }
    if (!bxcm_label_ok(nm, n)) return bad(why, cap, "`%.*s` is not in kebab case", nm, n);
    return 0;
}

/* Strong uniqueness: compare names after lowering case, mapping
 * [method]l.l / [static]l.l to l and stripping [method]/[static]. */
static const char *canon(const char *nm, char *buf, size_t cap)
{
    const char *s = nm;
    if (!strncmp(s, "[method]", 8)) s += 8;
    else if (!strncmp(s, "[static]", 8)) s += 8;
    if (s != nm) {
        const char *dot = strchr(s, '.');
        if (dot && strlen(dot + 1) == (size_t)(dot - s) && !strncasecmp(s, dot + 1, (size_t)(dot - s)))
            s = dot + 1;
    }
    size_t i = 0;
    for (; s[i] && i + 1 < cap; i++) buf[i] = (char)lower((unsigned char)s[i]);
    buf[i] = 0;
    return buf;
}

int bxcm_names_conflict(const char *a, const char *b)
{
    char x[512], y[512];
    if (strlen(a) >= sizeof x || strlen(b) >= sizeof y) return !strcasecmp(a, b);
    return !strcmp(canon(a, x, sizeof x), canon(b, y, sizeof y));
}

/* The annotated-name rules for decl d, the last of list[0..n) (one
 * namespace: the imports or the exports of one scope). */
int bxcm_annot_check(const bxcm_decl *list, uint32_t n, const bxcm_decl *d, const bxcm_type *ft,
                     char *why, size_t cap)
{
    int kind;
    char tmp[8];
    if (bxcm_extname_ok(d->name, &kind, tmp, sizeof tmp) || kind < 2) return 0;
    if (d->sort != S_FUNC) { snprintf(why, cap, "item `%s` is not a func", d->name); return -1; }
    const char *s = d->name + (kind == 2 ? 13 : 8);
    size_t rl = kind == 2 ? strlen(s) : (size_t)(strchr(s, '.') - s);
    const bxcm_type *rt = NULL;
    if (!ft || ft->k != TK_FUNC) return 0;
    if (kind == 2) {
        const bxcm_type *res = ft->t0;
        if (!res) { snprintf(why, cap, "function should return one value"); return -1; }
        if (res->k == TK_RESULT) res = res->t0;
        if (!res || res->k != TK_OWN) {
            snprintf(why, cap, "function should return `(own $T)` or `(result (own $T))`");
            return -1;
        }
        rt = res->t0;
    } else if (kind == 3) {
        if (ft->n == 0) { snprintf(why, cap, "function should have at least one argument"); return -1; }
        if (strcmp(ft->names[0], "self")) { snprintf(why, cap, "function should have a first argument called `self`"); return -1; }
        if (ft->ts[0]->k != TK_BORROW) { snprintf(why, cap, "function should take a first argument of `(borrow $T)`"); return -1; }
        rt = ft->ts[0]->t0;
    } else {
        for (uint32_t i = 0; i + 1 < n; i++)
            if (list[i].sort == S_TYPE && list[i].t && list[i].t->k == TK_RESOURCE &&
                strlen(list[i].name) == rl && !strncmp(list[i].name, s, rl))
                return 0;
        snprintf(why, cap, "static resource name is not known in this context");
        return -1;
    }
    for (uint32_t i = 0; i + 1 < n; i++)
        if (list[i].sort == S_TYPE && list[i].t == rt) {
            if (strlen(list[i].name) != rl || strncmp(list[i].name, s, rl)) {
                snprintf(why, cap, "function does not match expected resource name `%s`", list[i].name);
                return -1;
            }
            return 0;
        }
    snprintf(why, cap, "resource used in function does not have a name in this context");
    return -1;
}
