/*
 * validate.c — the component model's semantic rules that are about names
 * and types rather than bytes: the extern-name grammar (kebab-case labels,
 * interface names with semver), strong uniqueness, the annotated
 * [constructor]/[method]/[static] rules, and structural helpers the decoder
 * uses for subtyping and visibility.  Each check returns 0 or -1 with a
 * reason in `why`; the decoder adds the byte offset.
 */
#include "comp_impl.h"

#include <stdarg.h>
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

/* The canonical form of a name (arena-allocated by the caller's allocator
 * through buf): computed once per declaration, compared with strcmp. */
const char *bxcm_name_canon(const char *nm, char *buf, size_t cap)
{
    return canon(nm, buf, cap);
}

/* The annotated-name rules for decl d, the last of list[0..n) (one
 * namespace: the imports or the exports of one scope). */
int bxcm_annot_check(const bxcm_decl *list, uint32_t n, const bxcm_decl *d, const bxcm_type *ft,
                     char *why, size_t cap)
{
    int kind;
    char tmp[8];
    if (d->name[0] != '[') return 0;   /* only annotated plain names */
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

/* ---- subtyping ---------------------------------------------------------
 * Value and function types match structurally (the model's value subtyping
 * is equality today); instance types by their exports (width subtyping);
 * component types contravariantly in imports; resources by identity, an
 * abstract resource of the expected side (a `sub resource` bound) being
 * bound to the resource given the first time it is met, as instantiation
 * substitutes type imports in order. */
static const bxcm_type *mapped(const bxcm_submap *m, const bxcm_type *t)
{
    for (uint32_t i = 0; m && i < m->n; i++) if (m->from[i] == t) return m->to[i];
    return t;
}

static int mfail(char *why, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *tk_name(bxcm_tk k)
{
    static const char *const n[] = { "?", "bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64",
        "char", "string", "error-context", "record", "variant", "list", "tuple", "flags", "enum", "option", "result",
        "own", "borrow", "stream", "future", "map", "func", "component", "instance", "resource", "core module", "core func" };
    return k <= TK_CORE_FUNC ? n[k] : "?";
}

static int opt_eq(const bxcm_type *h, const bxcm_type *w, bxcm_submap *m, char *why, size_t cap, const char *what)
{
    if (!h && !w) return 0;
    if (!h) return mfail(why, cap, "expected %s type, but found none", what);
    if (!w) return mfail(why, cap, "expected %s type to not be present", what);
    if (bxcm_sub(h, w, m, why, cap)) return -1;
    return 0;
}

/* A type import or export bounded by `sub resource` (w: abstract, not yet
 * substituted) takes the resource given: 1 when bound. */
int bxcm_bind(const bxcm_type *h, const bxcm_type *w, bxcm_submap *m)
{
    h = bxcm_root(h);
    w = bxcm_root(w);
    if (!m || !m->bind || !h || !w || w->k != TK_RESOURCE || w->defined || h->k != TK_RESOURCE) return 0;
    if (mapped(m, w) != w || m->n >= BXCM_MAX_SUBST) return 0;
    m->from[m->n] = w;
    m->to[m->n++] = h;
    return 1;
}

int bxcm_sub(const bxcm_type *h, const bxcm_type *w, bxcm_submap *m, char *why, size_t cap)
{
    if (!h || !w) return 0;                   /* unknown statically: the runtime checks */
    if (m && ++m->steps > 200000000u) return mfail(why, cap, "type comparison too large (more than 2000000 steps)");
    h = bxcm_root(h);
    w = mapped(m, bxcm_root(w));
    if (h == w) return 0;
    if (w->k == TK_RESOURCE || h->k == TK_RESOURCE) {
        if (w->k != TK_RESOURCE) return mfail(why, cap, "expected defined type, found resource");
        if (h->k != TK_RESOURCE) return mfail(why, cap, "expected resource, found defined type");
        return mfail(why, cap, "resource types are not the same");
    }
    if (w->k < TK_RECORD && h->k < TK_RECORD) {
        if (w->k != h->k) return mfail(why, cap, "expected primitive `%s` found primitive `%s`", tk_name(w->k), tk_name(h->k));
        return 0;
    }
    if (w->k < TK_RECORD) return mfail(why, cap, "expected primitive, found %s", tk_name(h->k));
    if (h->k != w->k) return mfail(why, cap, "expected %s, found %s", tk_name(w->k), tk_name(h->k));
    char sub[200];
    switch (w->k) {
    case TK_RECORD: case TK_TUPLE: case TK_VARIANT: case TK_FLAGS: case TK_ENUM: case TK_FUNC:
        if (h->n != w->n)
            return mfail(why, cap, "expected %u %s, found %u", w->n, w->k == TK_RECORD ? "fields" : w->k == TK_TUPLE ? "types" :
                         w->k == TK_FUNC ? "parameters" : w->k == TK_VARIANT ? "cases" : "names", h->n);
        for (uint32_t i = 0; i < w->n; i++) {
            if (w->names && h->names && strcmp(w->names[i], h->names[i])) {
                if (w->k == TK_FLAGS || w->k == TK_ENUM) return mfail(why, cap, "mismatch in %s elements", tk_name(w->k));
                return mfail(why, cap, "expected %s named `%s`, found `%s`", w->k == TK_RECORD ? "field name" :
                             w->k == TK_VARIANT ? "case" : "parameter", w->names[i], h->names[i]);
            }
            if (w->k == TK_FLAGS || w->k == TK_ENUM) continue;
            if (w->k == TK_VARIANT) {
                if (w->ts[i] && !h->ts[i]) return mfail(why, cap, "expected case `%s` to have a type, found none", w->names[i]);
                if (!w->ts[i] && h->ts[i]) return mfail(why, cap, "expected case `%s` to have no type", w->names[i]);
            }
            if (bxcm_sub(h->ts[i], w->ts[i], m, sub, sizeof sub)) {
                if (w->k == TK_TUPLE) return mfail(why, cap, "type mismatch in tuple field %u: %s", i, sub);
                return mfail(why, cap, "type mismatch in %s `%s`: %s", w->k == TK_RECORD ? "record field" :
                             w->k == TK_VARIANT ? "variant case" : "function parameter", w->names[i], sub);
            }
        }
        if (w->k == TK_FUNC) {
            if (w->t0 && !h->t0) return mfail(why, cap, "expected a result, found none");
            if (!w->t0 && h->t0) return mfail(why, cap, "expected no result, found one");
            if (bxcm_sub(h->t0, w->t0, m, sub, sizeof sub)) return mfail(why, cap, "type mismatch with result type: %s", sub);
        }
        return 0;
    case TK_LIST: case TK_OPTION: case TK_OWN: case TK_BORROW: case TK_STREAM: case TK_FUTURE:
        if (w->len != h->len) return mfail(why, cap, "expected a list of length %u, found %u", w->len, h->len);
        return opt_eq(h->t0, w->t0, m, why, cap, "element");
    case TK_RESULT:
        if (opt_eq(h->t0, w->t0, m, sub, sizeof sub, "ok")) return mfail(why, cap, "type mismatch in ok variant: %s", sub);
        if (opt_eq(h->t1, w->t1, m, sub, sizeof sub, "err")) return mfail(why, cap, "type mismatch in err variant: %s", sub);
        return 0;
    case TK_INSTANCE:
        if (m && (m->steps += (uint64_t)w->nex * h->nex) > 200000000u)
            return mfail(why, cap, "type comparison too large");
        for (uint32_t i = 0; i < w->nex; i++) {
            const bxcm_decl *d = NULL;
            for (uint32_t j = 0; j < h->nex && !d; j++) if (!strcmp(h->ex[j].name, w->ex[i].name)) d = &h->ex[j];
            if (!d) return mfail(why, cap, "missing expected export `%s`", w->ex[i].name);
            if (d->sort != w->ex[i].sort) return mfail(why, cap, "type mismatch in instance export `%s`: another sort", d->name);
            if (d->sort == S_CORE_MODULE) continue;
            if (d->sort == S_TYPE && bxcm_bind(d->t, w->ex[i].t, m)) continue;
            if (bxcm_sub(d->t, w->ex[i].t, m, sub, sizeof sub))
                return mfail(why, cap, "type mismatch in instance export `%s`: %s", d->name, sub);
        }
        return 0;
    case TK_COMPONENT:
        if (m && (m->steps += (uint64_t)w->nex * h->nex + (uint64_t)w->nim * h->nim) > 200000000u)
            return mfail(why, cap, "type comparison too large");
        for (uint32_t i = 0; i < h->nim; i++) {
            const bxcm_decl *d = NULL;
            for (uint32_t j = 0; j < w->nim && !d; j++) if (!strcmp(w->im[j].name, h->im[i].name)) d = &w->im[j];
            if (!d) return mfail(why, cap, "missing expected import `%s`", h->im[i].name);
            if (d->sort != h->im[i].sort) return mfail(why, cap, "type mismatch in import `%s`", d->name);
            if (d->sort != S_CORE_MODULE && bxcm_sub(d->t, h->im[i].t, m, sub, sizeof sub))
                return mfail(why, cap, "type mismatch in import `%s`: %s", d->name, sub);
        }
        for (uint32_t i = 0; i < w->nex; i++) {
            const bxcm_decl *d = NULL;
            for (uint32_t j = 0; j < h->nex && !d; j++) if (!strcmp(h->ex[j].name, w->ex[i].name)) d = &h->ex[j];
            if (!d) return mfail(why, cap, "missing expected export `%s`", w->ex[i].name);
            if (d->sort != w->ex[i].sort) return mfail(why, cap, "type mismatch in export `%s`", d->name);
            if (d->sort != S_CORE_MODULE && bxcm_sub(d->t, w->ex[i].t, m, sub, sizeof sub))
                return mfail(why, cap, "type mismatch in export `%s`: %s", d->name, sub);
        }
        return 0;
    default:
        return 0;
    }
}

/* Does t (a function result) contain a borrow? */
int bxcm_has_borrow(const bxcm_type *t)
{
    if (!t || t->k >= TK_FUNC) return 0;
    if (t->k == TK_BORROW) return 1;
    if (t->k == TK_OWN) return 0;
    for (uint32_t i = 0; i < t->n; i++) if (t->ts && bxcm_has_borrow(t->ts[i])) return 1;
    return bxcm_has_borrow(t->t0) || bxcm_has_borrow(t->t1);
}

/* The resource an annotated function name refers to through its type
 * ([constructor]: the own result, [method]: the borrowed self), or NULL. */
const bxcm_type *bxcm_annot_resource(const char *nm, const bxcm_type *ft)
{
    if (!ft || ft->k != TK_FUNC) return NULL;
    if (!strncmp(nm, "[constructor]", 13)) {
        const bxcm_type *t = ft->t0;
        if (t && t->k == TK_RESULT) t = t->t0;
        return t && t->k == TK_OWN ? t->t0 : NULL;
    }
    if (!strncmp(nm, "[method]", 8)) return ft->n && ft->ts[0]->k == TK_BORROW ? ft->ts[0]->t0 : NULL;
    return NULL;
}
