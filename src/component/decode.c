/*
 * decode.c — the component binary format: decoder and validator.
 *
 * One pass over the sections, in order, as the format defines index spaces
 * incrementally.  Types are resolved here (they are static); everything
 * that makes runtime objects becomes an op replayed by instance.c.  Every
 * error names the byte offset and the reason.  Every count is bounded by the
 * bytes left, so a hostile header cannot make the host allocate.
 */
#include "comp_impl.h"
#include "module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ----------------------------------------------------------- */
struct bxcm_chunk { struct bxcm_chunk *next; size_t size, used; max_align_t data[]; };

void *bxcm_arena_alloc(bxcm_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    if (a->cap && (a->used + n > a->cap || n > a->cap)) return NULL;
    struct bxcm_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t sz = n > 65536 ? n : 65536;
        c = malloc(sizeof *c + sz);
        if (!c) return NULL;
        c->size = sz; c->used = 0; c->next = a->head; a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    a->used += n;
    memset(p, 0, n);
    return p;
}

bxcm_mark bxcm_arena_mark(bxcm_arena *a)
{
    return (bxcm_mark){ a->head, a->head ? a->head->used : 0, a->used };
}

void bxcm_arena_release(bxcm_arena *a, bxcm_mark m)
{
    while (a->head && a->head != m.head) { struct bxcm_chunk *n = a->head->next; free(a->head); a->head = n; }
    if (a->head) a->head->used = m.used;
    a->used = m.total;
}

void bxcm_arena_free(bxcm_arena *a)
{
    for (struct bxcm_chunk *c = a->head, *n; c; c = n) { n = c->next; free(c); }
    a->head = NULL;
    a->used = 0;
}

/* ---- reader ---------------------------------------------------------- */
typedef struct rd {
    const uint8_t *p, *end, *base;
    bx_error *err;
    bxcm_comp *c;
    int failed;
    const char *cache_dir;   /* the compiled-module cache for core modules (NULL: none) */
    bxcm_submap *sm;         /* type substitutions of the instantiation being checked */
    uint64_t *work;          /* name comparisons made by the whole decode (bounded) */
    bxcm_type *fresh_res;    /* the last `sub resource` bound externdesc made */
} rd;

/* Name lookups are linear: a hostile component with many names could make
 * validation quadratic, so the comparisons of one decode are bounded. */
#define MAX_WORK 200000000ull
static int fail(rd *r, const char *fmt, ...);
static int spend(rd *r, uint64_t n)
{
    *r->work += n;
    return *r->work > MAX_WORK ? fail(r, "component too large to validate (more than %llu name comparisons)",
                                      (unsigned long long)MAX_WORK) : 0;
}

static int fail(rd *r, const char *fmt, ...)
{
    if (r->failed) return -1;
    r->failed = 1;
    char buf[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    memset(r->err, 0, sizeof *r->err);
    r->err->status = BX_ERR_INVALID;
    snprintf(r->err->msg, sizeof r->err->msg, "at byte 0x%zx: %s", (size_t)(r->p - r->base), buf);
    return -1;
}

static int u8(rd *r, uint8_t *v)
{
    *v = 0;
    if (r->p >= r->end) return fail(r, "unexpected end of section or component");
    *v = *r->p++;
    return 0;
}

static int u32(rd *r, uint32_t *v)
{
    uint64_t x = 0;
    *v = 0;
    for (int sh = 0; sh < 35; sh += 7) {
        uint8_t b;
        if (u8(r, &b)) return -1;
        x |= (uint64_t)(b & 0x7f) << sh;
        if (!(b & 0x80)) {
            if (x > UINT32_MAX) return fail(r, "integer too large");
            *v = (uint32_t)x;
            return 0;
        }
    }
    return fail(r, "integer representation too long");
}

/* s33: a type index (>= 0) or a primitive value type (negative). */
static int s33(rd *r, int64_t *v)
{
    int64_t x = 0;
    int sh = 0;
    uint8_t b;
    *v = 0;
    do {
        if (sh >= 35) return fail(r, "integer representation too long");
        if (u8(r, &b)) return -1;
        x |= (int64_t)(b & 0x7f) << sh;
        sh += 7;
    } while (b & 0x80);
    if (sh < 64 && (b & 0x40)) x |= -((int64_t)1 << sh);
    *v = x;
    return 0;
}

static int name(rd *r, const char **out)
{
    uint32_t n;
    *out = "";
    if (u32(r, &n)) return -1;
    if (n > (size_t)(r->end - r->p)) return fail(r, "name length %u past the end", n);
    /* UTF-8 check */
    const uint8_t *s = r->p;
    for (uint32_t i = 0; i < n;) {
        uint8_t b = s[i];
        uint32_t k = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 0;
        if (!k || i + k > n) return fail(r, "malformed UTF-8 encoding in a name");
        uint32_t cp = k == 1 ? b : k == 2 ? b & 0x1f : k == 3 ? b & 0x0f : b & 0x07;
        for (uint32_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xc0) != 0x80) return fail(r, "malformed UTF-8 encoding in a name");
            cp = cp << 6 | (s[i + j] & 0x3f);
        }
        if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return fail(r, "malformed UTF-8 encoding in a name");
        i += k;
    }
    char *d = bxcm_arena_alloc(&r->c->arena, (size_t)n + 1);
    if (!d) return fail(r, "out of host memory");
    memcpy(d, r->p, n);
    d[n] = 0;
    r->p += n;
    *out = d;
    return 0;
}

/* ---- static types of core items ---------------------------------------- */
typedef struct cext {            /* a core import, export or item */
    const char *mod, *name;
    int sort;                    /* S_CORE_FUNC .. S_CORE_TAG */
    const bx_functype *ft;       /* func, tag */
    bx_tabletype tab;
    bx_limits_decl mem;
    bx_globaltype glob;
} cext;
typedef struct cmod {            /* a core module (concrete: m) or module type */
    const bx_module *m;
    uint32_t nim, nex;
    cext *im, *ex;
} cmod;
typedef struct cinst { uint32_t nex; cext *ex; } cinst;   /* a core instance */

/* ---- static scopes --------------------------------------------------- */
typedef struct vec { void **v; uint32_t n, cap; } vec;

typedef struct scope {
    struct scope *up;
    int is_comp;
    vec sp[S_NSORTS];
    vec subst;               /* pairs (child's type import, type given) of its instantiations */
    vec vim, vex;            /* types named by an import / by an export (visibility) */
    vec cty;                 /* pairs (component index, its type) of imported components */
} scope;

static int push(rd *r, scope *s, int sort, void *p)
{
    vec *v = &s->sp[sort];
    if (v->n == v->cap) {
        uint32_t nc = v->cap ? v->cap * 2 : 16;
        if (nc > 1000000) return fail(r, "too many definitions of one sort (at most 1000000)");
        void **nv = realloc(v->v, nc * sizeof *nv);
        if (!nv) return fail(r, "out of host memory");
        v->v = nv; v->cap = nc;
    }
    v->v[v->n++] = p;
    return 0;
}

/* Components, component types and instance types nest; the decoder
 * recurses on them, so their depth is bounded. */
#define MAX_NESTING 100u
static int too_deep(const scope *s)
{
    uint32_t d = 0;
    for (; s; s = s->up) d++;
    return d > MAX_NESTING;
}

static void scope_free(scope *s)
{
    free(s->subst.v);
    free(s->vim.v);
    free(s->vex.v);
    free(s->cty.v);
    for (int i = 0; i < S_NSORTS; i++) free(s->sp[i].v);
}

static const char *sort_name(int s)
{
    static const char *const n[] = { "core func", "core table", "core memory", "core global", "core tag",
        "core type", "core module", "core instance", "func", "value", "type", "component", "instance" };
    return s >= 0 && s < S_NSORTS ? n[s] : "?";
}

static int idx(rd *r, scope *s, int sort, uint32_t *i)
{
    if (u32(r, i)) return -1;
    if (*i >= s->sp[sort].n)
        return fail(r, "%s index %u out of bounds (%u defined)", sort_name(sort), *i, s->sp[sort].n);
    return 0;
}

static void *get(scope *s, int sort, uint32_t i) { return s->sp[sort].v[i]; }

static bxcm_type *newt(rd *r, bxcm_tk k)
{
    bxcm_type *t = bxcm_arena_alloc(&r->c->arena, sizeof *t);
    if (!t) { fail(r, "out of host memory"); return NULL; }
    t->k = k;
    return t;
}

static void *aalloc(rd *r, size_t n, size_t sz)
{
    if (n && sz > SIZE_MAX / n) { fail(r, "too large"); return NULL; }
    void *p = bxcm_arena_alloc(&r->c->arena, n * sz);
    if (!p) fail(r, "out of host memory");
    return p;
}

/* A vector count: each element takes at least one byte. */
static int count(rd *r, uint32_t *n)
{
    if (u32(r, n)) return -1;
    if (*n > (size_t)(r->end - r->p)) return fail(r, "count %u larger than the bytes left", *n);
    return 0;
}

static int core_sort(rd *r, int *out)
{
    uint8_t b;
    *out = 0;
    if (u8(r, &b)) return -1;
    switch (b) {
    case 0x00: *out = S_CORE_FUNC; return 0;
    case 0x01: *out = S_CORE_TABLE; return 0;
    case 0x02: *out = S_CORE_MEM; return 0;
    case 0x03: *out = S_CORE_GLOBAL; return 0;
    case 0x04: *out = S_CORE_TAG; return 0;
    case 0x10: *out = S_CORE_TYPE; return 0;
    case 0x11: *out = S_CORE_MODULE; return 0;
    case 0x12: *out = S_CORE_INSTANCE; return 0;
    default: r->p--; return fail(r, "invalid core sort 0x%02x", b);
    }
}

static int sort(rd *r, int *out)
{
    uint8_t b;
    *out = 0;
    if (u8(r, &b)) return -1;
    if (b == 0x00)
        return core_sort(r, out);   /* 0x00 then a core sort */
    switch (b) {
    case 0x01: *out = S_FUNC; return 0;
    case 0x02: *out = S_VALUE; return 0;
    case 0x03: *out = S_TYPE; return 0;
    case 0x04: *out = S_COMPONENT; return 0;
    case 0x05: *out = S_INSTANCE; return 0;
    default: r->p--; return fail(r, "invalid sort 0x%02x", b);
    }
}


/* ---- types ----------------------------------------------------------- */
static bxcm_type *prim(rd *r, int64_t v)
{
    bxcm_tk k;
    switch ((uint8_t)(v & 0x7f)) {
    case 0x7f: k = TK_BOOL; break;
    case 0x7e: k = TK_S8; break;
    case 0x7d: k = TK_U8; break;
    case 0x7c: k = TK_S16; break;
    case 0x7b: k = TK_U16; break;
    case 0x7a: k = TK_S32; break;
    case 0x79: k = TK_U32; break;
    case 0x78: k = TK_S64; break;
    case 0x77: k = TK_U64; break;
    case 0x76: k = TK_F32; break;
    case 0x75: k = TK_F64; break;
    case 0x74: k = TK_CHAR; break;
    case 0x73: k = TK_STRING; break;
    case 0x64: k = TK_ERRCTX; break;
    default: return NULL;
    }
    if (!r->c->prim[k]) r->c->prim[k] = newt(r, k);
    return r->c->prim[k];
}

static int is_valtype(const bxcm_type *t) { return t && t->k < TK_FUNC; }

static int valtype(rd *r, scope *s, bxcm_type **out)
{
    int64_t v;
    const uint8_t *at = r->p;
    if (s33(r, &v)) return -1;
    if (v < 0) {
        if (v < -64 || !(*out = prim(r, v))) { r->p = at; return fail(r, "invalid value type 0x%02x", *at); }
        return 0;
    }
    if ((uint64_t)v >= s->sp[S_TYPE].n) { r->p = at; return fail(r, "type index %lld out of bounds", (long long)v); }
    bxcm_type *t = get(s, S_TYPE, (uint32_t)v);
    if (!is_valtype(t)) { r->p = at; return fail(r, "type index %lld is not a value type", (long long)v); }
    *out = t;
    return 0;
}

static int opt_valtype(rd *r, scope *s, bxcm_type **out)
{
    uint8_t b;
    if (u8(r, &b)) return -1;
    *out = NULL;
    if (b == 0) return 0;
    if (b != 1) { r->p--; return fail(r, "invalid optional value type flag 0x%02x", b); }
    return valtype(r, s, out);
}

/* Labels (fields, cases, flags, tags, parameters): kebab case, unique
 * ignoring case. */
static int uniq(rd *r, const char **names, uint32_t n, const char *what)
{
    for (uint32_t i = 0; i < n; i++) {
        if (!*names[i]) return fail(r, "%s name cannot be empty", what);
        if (!bxcm_label_ok(names[i], strlen(names[i]))) return fail(r, "%s name `%s` is not in kebab case", what, names[i]);
        for (uint32_t j = 0; j < i; j++)
            if (!strcasecmp(names[i], names[j]))
                return fail(r, "%s name `%s` conflicts with previous name `%s`", what, names[i], names[j]);
    }
    return 0;
}

/* A resource type index: *out the resource's identity; *via, when asked,
 * the node named (a copy made by an export or import: visibility). */
static int resource_ref2(rd *r, scope *s, bxcm_type **out, const bxcm_type **via)
{
    uint32_t i;
    if (idx(r, s, S_TYPE, &i)) return -1;
    bxcm_type *t = get(s, S_TYPE, i);
    if (!t || t->k != TK_RESOURCE) return fail(r, "type index %u is not a resource type", i);
    *out = (bxcm_type *)bxcm_root(t);
    if (via) *via = t;
    return 0;
}
static int resource_ref(rd *r, scope *s, bxcm_type **out) { return resource_ref2(r, s, out, NULL); }

static int externdesc(rd *r, scope *s, int *sortp, bxcm_type **tp);
static int measure(rd *r, bxcm_type *t);
static int decls(rd *r, scope *s, bxcm_type *t, int comp);

static int deftype(rd *r, scope *s, bxcm_type **out)
{
    uint8_t b;
    const uint8_t *at = r->p;
    if (u8(r, &b)) return -1;
    uint32_t n;
    bxcm_type *t = NULL;
    switch (b) {
    case 0x72: case 0x71: case 0x6f: case 0x6e: case 0x6d: {
        bxcm_tk k = b == 0x72 ? TK_RECORD : b == 0x71 ? TK_VARIANT : b == 0x6f ? TK_TUPLE : b == 0x6e ? TK_FLAGS : TK_ENUM;
        if (count(r, &n)) return -1;
        if (n == 0) return fail(r, "%s type must have at least one %s", k == TK_RECORD ? "record" : k == TK_VARIANT ? "variant" : k == TK_TUPLE ? "tuple" : k == TK_FLAGS ? "flags" : "enum", k == TK_RECORD ? "field" : k == TK_VARIANT || k == TK_ENUM ? "case" : k == TK_FLAGS ? "flag" : "type");
        if (k == TK_FLAGS && n > 32) return fail(r, "cannot have more than 32 flags");
        if (!(t = newt(r, k)) || !(t->ts = aalloc(r, n, sizeof *t->ts))) return -1;
        if (k != TK_TUPLE && !(t->names = aalloc(r, n, sizeof *t->names))) return -1;
        t->n = n;
        for (uint32_t i = 0; i < n; i++) {
            if (k != TK_TUPLE && name(r, &t->names[i])) return -1;
            if (k == TK_RECORD || k == TK_TUPLE) { if (valtype(r, s, &t->ts[i])) return -1; }
            else if (k == TK_VARIANT) {
                if (opt_valtype(r, s, &t->ts[i])) return -1;
                uint8_t z;
                if (u8(r, &z)) return -1;
                if (z != 0) { r->p--; return fail(r, "variant case refinements are not supported"); }
            }
        }
        if (t->names && uniq(r, t->names, n, k == TK_RECORD ? "field" : k == TK_FLAGS ? "flag" : k == TK_ENUM ? "enum tag" : "variant case")) return -1;
        break;
    }
    case 0x70: case 0x6b:
        if (!(t = newt(r, b == 0x70 ? TK_LIST : TK_OPTION)) || valtype(r, s, &t->t0)) return -1;
        break;
    case 0x67:
        if (!(t = newt(r, TK_LIST)) || valtype(r, s, &t->t0) || u32(r, &t->len)) return -1;
        if (t->len == 0) return fail(r, "fixed-length list must have at least one element");
        break;
    case 0x6a:
        if (!(t = newt(r, TK_RESULT)) || opt_valtype(r, s, &t->t0) || opt_valtype(r, s, &t->t1)) return -1;
        break;
    case 0x69: case 0x68:
        if (!(t = newt(r, b == 0x69 ? TK_OWN : TK_BORROW)) || resource_ref2(r, s, &t->t0, &t->via)) return -1;
        break;
    case 0x66: case 0x65:
        if (!(t = newt(r, b == 0x66 ? TK_STREAM : TK_FUTURE)) || opt_valtype(r, s, &t->t0)) return -1;
        break;
    case 0x63: {   /* map<k, v> is list<tuple<k, v>> in the ABI (despecialize) */
        bxcm_type *tu;
        if (!(t = newt(r, TK_LIST)) || !(tu = newt(r, TK_TUPLE)) || !(tu->ts = aalloc(r, 2, sizeof *tu->ts))) return -1;
        tu->n = 2;
        if (valtype(r, s, &tu->ts[0]) || valtype(r, s, &tu->ts[1]) || measure(r, tu)) return -1;
        t->t0 = tu;
        break;
    }
    case 0x40: case 0x43: {
        if (b == 0x43) { r->p = at; return fail(r, "async functions are not supported"); }
        if (count(r, &n) || !(t = newt(r, TK_FUNC))) return -1;
        if (!(t->names = aalloc(r, n, sizeof *t->names)) || !(t->ts = aalloc(r, n, sizeof *t->ts))) return -1;
        t->n = n;
        for (uint32_t i = 0; i < n; i++)
            if (name(r, &t->names[i]) || valtype(r, s, &t->ts[i])) return -1;
        if (uniq(r, t->names, n, "function parameter")) return -1;
        uint8_t k;
        if (u8(r, &k)) return -1;
        if (k == 0x00) { if (valtype(r, s, &t->t0)) return -1; }
        else if (k == 0x01) {
            uint8_t z;
            if (u8(r, &z)) return -1;
            if (z != 0) { r->p--; return fail(r, "named results are not supported"); }
        } else { r->p--; return fail(r, "invalid result list 0x%02x", k); }
        if (bxcm_has_borrow(t->t0)) return fail(r, "function result cannot contain a `borrow` type");
        break;
    }
    case 0x41: case 0x42:
        if (!(t = newt(r, b == 0x41 ? TK_COMPONENT : TK_INSTANCE))) return -1;
        if (decls(r, s, t, b == 0x41)) return -1;
        break;
    case 0x3f: case 0x3e: {
        if (b == 0x3e) { r->p = at; return fail(r, "async resource destructors are not supported"); }
        if (!s->is_comp) { r->p = at; return fail(r, "resources can only be defined within a concrete component"); }
        uint8_t rep;
        if (u8(r, &rep)) return -1;
        if (rep != 0x7f) { r->p--; return fail(r, "resources can only be represented by `i32`"); }
        if (!(t = newt(r, TK_RESOURCE))) return -1;
        t->defined = 1;
        t->has_res = 1;
        t->owner = r->c;
        uint8_t has;
        if (u8(r, &has)) return -1;
        if (has == 1) {
            if (idx(r, s, S_CORE_FUNC, &t->dtor)) return -1;
            t->has_dtor = 1;
            const cext *e = get(s, S_CORE_FUNC, t->dtor);
            if (!e || !e->ft || e->ft->nparams != 1 || e->ft->params[0] != BX_I32 || e->ft->nresults != 0)
                return fail(r, "wrong signature for a destructor: expected [i32] -> []");
        }
        else if (has != 0) { r->p--; return fail(r, "invalid dtor flag"); }
        break;
    }
    default: {
        r->p = at;
        int64_t v;
        if (s33(r, &v)) return -1;
        if (v < 0 && v >= -64 && (t = prim(r, v))) break;
        r->p = at;
        return fail(r, "invalid leading byte (0x%02x) for component defined type", b);
    }
    }
    if (measure(r, t)) return -1;
    *out = t;
    return 0;
}

/* Bound what one type can make every walk over it cost: a DAG of tuples
 * reusing one type is a tree of exponential size once expanded. */
#define MAX_TYPE_SIZE 100000u
#define MAX_TYPE_DEPTH 100u

static int measure(rd *r, bxcm_type *t)
{
    if (!t || t->k >= TK_COMPONENT) return 0;
    if (t->k == TK_OWN || t->k == TK_BORROW) t->has_res = 1;
    uint64_t size = 1;
    uint32_t depth = 0;
    bxcm_type *kids[2] = { t->k == TK_OWN || t->k == TK_BORROW ? NULL : t->t0, t->t1 };
    for (uint32_t i = 0; i < t->n + 2; i++) {
        bxcm_type *c = i < t->n ? (t->ts ? t->ts[i] : NULL) : kids[i - t->n];
        if (!c || c->k >= TK_COMPONENT) continue;
        size += c->tsize ? c->tsize : 1;
        t->has_res |= c->has_res;
        if (c->depth + 1 > depth) depth = c->depth + 1;
    }
    if (t->k == TK_LIST && t->len) size += (uint64_t)(t->len - 1) * (t->t0->tsize ? t->t0->tsize : 1);
    if (size > MAX_TYPE_SIZE) return fail(r, "effective type size exceeds the limit of %u", MAX_TYPE_SIZE);
    if (depth > MAX_TYPE_DEPTH) return fail(r, "type nesting is too deep (more than %u levels)", MAX_TYPE_DEPTH);
    t->tsize = (uint32_t)size;
    t->depth = depth;
    return 0;
}

/* ---- core types -----------------------------------------------------
 * Core items get a static type (cext) so that instantiation arguments,
 * aliases of core exports and the canonical options' functions are
 * type-checked at validation, as the component model requires. */
#define MAX_CORE_PARAMS 1000u

static int core_valtype(rd *r, bx_valtype *out)
{
    uint8_t b;
    if (u8(r, &b)) return -1;
    if (b == 0x7f || b == 0x7e || b == 0x7d || b == 0x7c || b == 0x7b || b == 0x70 || b == 0x6f) { *out = b; return 0; }
    if (b == 0x63 || b == 0x64) {
        int64_t v;
        if (s33(r, &v)) return -1;
        /* (ref null func) is funcref, (ref null extern) externref; any other
         * reference type is kept apart (never equal to those) */
        *out = b == 0x63 && v == -16 ? BX_FUNCREF : b == 0x63 && v == -17 ? BX_EXTERNREF : (bx_valtype)0x63;
        return 0;
    }
    r->p--;
    return fail(r, "invalid core value type 0x%02x", b);
}

static int core_functype_body(rd *r, bx_functype **out)
{
    uint32_t n, m;
    bx_functype *f = aalloc(r, 1, sizeof *f);
    if (!f || count(r, &n)) return -1;
    if (n > MAX_CORE_PARAMS) return fail(r, "too many parameters in a core function type");
    bx_valtype *p = aalloc(r, n, sizeof *p);
    if (!p) return -1;
    for (uint32_t i = 0; i < n; i++) if (core_valtype(r, &p[i])) return -1;
    if (count(r, &m)) return -1;
    if (m > MAX_CORE_PARAMS) return fail(r, "too many results in a core function type");
    bx_valtype *q = aalloc(r, m, sizeof *q);
    if (!q) return -1;
    for (uint32_t i = 0; i < m; i++) if (core_valtype(r, &q[i])) return -1;
    *f = (bx_functype){ n, m, p, q };
    *out = f;
    return 0;
}

static int limits(rd *r, bx_limits_decl *l, uint32_t most, const char *what)
{
    uint8_t f;
    if (u8(r, &f)) return -1;
    if (f > 1) { r->p--; return fail(r, "invalid %s limits flags 0x%02x (64-bit and shared forms are not supported here)", what, f); }
    if (u32(r, &l->min)) return -1;
    l->has_max = f & 1;
    if (l->has_max && u32(r, &l->max)) return -1;
    if (l->min > most) return fail(r, "%s size must be at most %u %s", what, most, *what == 'm' ? "pages" : "elements");
    if (l->has_max && l->max > most) return fail(r, "%s size must be at most %u %s", what, most, *what == 'm' ? "pages" : "elements");
    if (l->has_max && l->max < l->min) return fail(r, "size minimum must not be greater than maximum");
    return 0;
}

/* A core import/export descriptor; types: the module type's own types. */
static int core_importdesc(rd *r, bx_functype **types, uint32_t ntypes, cext *e)
{
    uint8_t k;
    uint32_t x;
    if (u8(r, &k)) return -1;
    switch (k) {
    case 0x00:
        if (u32(r, &x)) return -1;
        if (x >= ntypes) return fail(r, "type index out of bounds (%u of %u)", x, ntypes);
        e->sort = S_CORE_FUNC; e->ft = types[x];
        return 0;
    case 0x01:
        e->sort = S_CORE_TABLE;
        if (core_valtype(r, &e->tab.elem)) return -1;
        if (e->tab.elem != BX_FUNCREF && e->tab.elem != BX_EXTERNREF && e->tab.elem != 0x63)
            return fail(r, "table element type must be a reference type");
        return limits(r, &e->tab.limits, UINT32_MAX, "table");
    case 0x02:
        e->sort = S_CORE_MEM;
        return limits(r, &e->mem, 65536, "memory");
    case 0x03: {
        uint8_t m;
        e->sort = S_CORE_GLOBAL;
        if (core_valtype(r, &e->glob.type) || u8(r, &m)) return -1;
        if (m > 1) { r->p--; return fail(r, "invalid global mutability 0x%02x", m); }
        e->glob.mutable_ = m;
        return 0;
    }
    case 0x04: { uint8_t z; e->sort = S_CORE_TAG; if (u8(r, &z) || u32(r, &x)) return -1;
        if (x >= ntypes) return fail(r, "type index out of bounds (%u of %u)", x, ntypes);
        e->ft = types[x]; return 0; }
    default: r->p--; return fail(r, "invalid core import kind 0x%02x", k);
    }
}

static int cmp_imp(const void *a, const void *b)
{
    const cext *x = *(const cext *const *)a, *y = *(const cext *const *)b;
    int c = strcmp(x->mod, y->mod);
    return c ? c : strcmp(x->name, y->name);
}

static int cmp_exp(const void *a, const void *b)
{
    return strcmp((*(const cext *const *)a)->name, (*(const cext *const *)b)->name);
}

/* Two-level import names mangle to one name in the component model, so
 * (module, name) pairs must be unique; export names must be unique. */
static int cmod_unique(rd *r, cmod *m)
{
    uint32_t n = m->nim > m->nex ? m->nim : m->nex;
    if (!n) return 0;
    const cext **v = malloc(n * sizeof *v);
    if (!v) return fail(r, "out of host memory");
    int rc = 0;
    for (uint32_t i = 0; i < m->nim; i++) v[i] = &m->im[i];
    qsort(v, m->nim, sizeof *v, cmp_imp);
    for (uint32_t i = 1; i < m->nim && !rc; i++)
        if (!cmp_imp(&v[i - 1], &v[i])) rc = fail(r, "duplicate import name `%s:%s`", v[i]->mod, v[i]->name);
    for (uint32_t i = 0; i < m->nex && !rc; i++) v[i] = &m->ex[i];
    if (!rc) qsort(v, m->nex, sizeof *v, cmp_exp);
    for (uint32_t i = 1; i < m->nex && !rc; i++)
        if (!cmp_exp(&v[i - 1], &v[i])) rc = fail(r, "export name `%s` already defined", v[i]->name);
    free(v);
    return rc;
}

/* The static type of a concrete core module. */
static cmod *cmod_of(rd *r, const bx_module *m)
{
    cmod *t = aalloc(r, 1, sizeof *t);
    if (!t || !(t->im = aalloc(r, m->nimports, sizeof *t->im)) || !(t->ex = aalloc(r, m->nexports, sizeof *t->ex)))
        return NULL;
    t->m = m;
    t->nim = m->nimports;
    t->nex = m->nexports;
    uint32_t fi = 0, ti = 0, mi = 0, gi = 0;
    for (uint32_t i = 0; i < m->nimports; i++) {
        const bx_import *im = &m->imports[i];
        cext *e = &t->im[i];
        e->mod = im->module; e->name = im->name;
        switch (im->kind) {
        case BX_EXTERN_FUNC: e->sort = S_CORE_FUNC; e->ft = &m->types[m->func_types[fi++]]; break;
        case BX_EXTERN_TABLE: e->sort = S_CORE_TABLE; e->tab = m->tables[ti++]; break;
        case BX_EXTERN_MEMORY: e->sort = S_CORE_MEM; e->mem = m->mems[mi++]; break;
        default: e->sort = S_CORE_GLOBAL; e->glob = m->global_types[gi++]; break;
        }
    }
    for (uint32_t i = 0; i < m->nexports; i++) {
        const bx_export *ex = &m->exports[i];
        cext *e = &t->ex[i];
        e->name = ex->name;
        switch (ex->kind) {
        case BX_EXTERN_FUNC: e->sort = S_CORE_FUNC; e->ft = &m->types[m->func_types[ex->index]]; break;
        case BX_EXTERN_TABLE: e->sort = S_CORE_TABLE; e->tab = m->tables[ex->index]; break;
        case BX_EXTERN_MEMORY: e->sort = S_CORE_MEM; e->mem = m->mems[ex->index]; break;
        default: e->sort = S_CORE_GLOBAL; e->glob = m->global_types[ex->index]; break;
        }
    }
    if (cmod_unique(r, t)) return NULL;
    return t;
}

static int core_type(rd *r, scope *s, bxcm_type **out)
{
    uint8_t b;
    if (u8(r, &b)) return -1;
    bxcm_type *t;
    if (b == 0x60) {
        if (!(t = newt(r, TK_CORE_FUNC)) || core_functype_body(r, (bx_functype **)&t->core)) return -1;
    } else if (b == 0x50) {
        cmod *cm;
        if (!(t = newt(r, TK_CORE_MODULE)) || !(cm = aalloc(r, 1, sizeof *cm))) return -1;
        t->core = cm;
        uint32_t n, ntypes = 0;
        if (count(r, &n)) return -1;
        /* each declaration takes at least one byte: n bounds every array */
        bx_functype **types = aalloc(r, n, sizeof *types);
        if (!(cm->im = aalloc(r, n, sizeof *cm->im)) || !(cm->ex = aalloc(r, n, sizeof *cm->ex)) || !types) return -1;
        for (uint32_t i = 0; i < n; i++) {
            uint8_t d;
            if (u8(r, &d)) return -1;
            switch (d) {
            case 0x00: {
                cext *e = &cm->im[cm->nim++];
                if (name(r, &e->mod) || name(r, &e->name) || core_importdesc(r, types, ntypes, e)) return -1;
                break;
            }
            case 0x01: {
                uint8_t f;
                if (u8(r, &f)) return -1;
                if (f == 0x50) { r->p--; return fail(r, "core type declarations cannot be module types"); }
                if (f != 0x60) { r->p--; return fail(r, "invalid core type 0x%02x", f); }
                if (core_functype_body(r, &types[ntypes])) return -1;
                ntypes++;
                break;
            }
            case 0x02: {
                uint8_t k1, k2; uint32_t ct, ix;
                if (u8(r, &k1) || u8(r, &k2) || u32(r, &ct) || u32(r, &ix)) return -1;
                if (k1 != 0x10 || k2 != 0x01) return fail(r, "invalid outer alias in a module type");
                /* count 0 is the module type itself, which has no component scope */
                if (ct == 0) return fail(r, "outer alias count 0 in a module type is not supported");
                scope *o = s;
                for (uint32_t c = 1; c < ct && o; c++) o = o->up;
                if (!o) return fail(r, "outer count of %u is too large", ct);
                if (ix >= o->sp[S_CORE_TYPE].n) return fail(r, "type index out of bounds (outer core type %u)", ix);
                bxcm_type *ot = get(o, S_CORE_TYPE, ix);
                if (!ot || ot->k != TK_CORE_FUNC) return fail(r, "outer alias of a core type that is not a function type");
                types[ntypes++] = ot->core;
                break;
            }
            case 0x03: {
                cext *e = &cm->ex[cm->nex++];
                if (name(r, &e->name) || core_importdesc(r, types, ntypes, e)) return -1;
                break;
            }
            default: r->p--; return fail(r, "invalid module type declaration 0x%02x", d);
            }
        }
        if (cmod_unique(r, cm)) return -1;
    } else {
        r->p--;
        return fail(r, "invalid core type 0x%02x", b);
    }
    *out = t;
    return 0;
}

/* ---- core subtyping (the core spec's import matching) ----------------- */
static int ft_eq(const bx_functype *a, const bx_functype *b)
{
    if (!a || !b) return a == b;
    if (a->nparams != b->nparams || a->nresults != b->nresults) return 0;
    for (uint32_t i = 0; i < a->nparams; i++) if (a->params[i] != b->params[i]) return 0;
    for (uint32_t i = 0; i < a->nresults; i++) if (a->results[i] != b->results[i]) return 0;
    return 1;
}

static void ft_str(const bx_functype *f, char *buf, size_t cap)
{
    size_t n = 0;
    n += (size_t)snprintf(buf + n, cap - n, "[");
    for (uint32_t i = 0; f && i < f->nparams && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? " " : "", bx_valtype_name(f->params[i]));
    if (n < cap) n += (size_t)snprintf(buf + n, cap - n, "] -> [");
    for (uint32_t i = 0; f && i < f->nresults && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? " " : "", bx_valtype_name(f->results[i]));
    if (n < cap) snprintf(buf + n, cap - n, "]");
}

static int lim_sub(const bx_limits_decl *have, const bx_limits_decl *want)
{
    if (have->min < want->min) return 0;
    if (!want->has_max) return 1;
    return have->has_max && have->max <= want->max;
}

/* Does `have` (an export given) match import `want`? */
static int cext_match(rd *r, const cext *have, const cext *want, const char *what)
{
    static const char *const kn[] = { "func", "table", "memory", "global", "tag" };
    if (have->sort != want->sort)
        return fail(r, "%s: expected %s, found %s", what, kn[want->sort], kn[have->sort]);
    char a[200], b[200];
    switch (want->sort) {
    case S_CORE_FUNC: case S_CORE_TAG:
        if (!ft_eq(have->ft, want->ft)) {
            ft_str(want->ft, a, sizeof a); ft_str(have->ft, b, sizeof b);
            return fail(r, "%s: expected type %s, found %s", what, a, b);
        }
        return 0;
    case S_CORE_TABLE:
        if (have->tab.elem != want->tab.elem)
            return fail(r, "%s: expected table element type %s, found %s", what, bx_valtype_name(want->tab.elem), bx_valtype_name(have->tab.elem));
        if (!lim_sub(&have->tab.limits, &want->tab.limits)) return fail(r, "%s: mismatch in table limits", what);
        return 0;
    case S_CORE_MEM:
        if (!lim_sub(&have->mem, &want->mem)) return fail(r, "%s: mismatch in memory limits", what);
        return 0;
    default:
        if (have->glob.type != want->glob.type)
            return fail(r, "%s: expected global type %s, found %s", what, bx_valtype_name(want->glob.type), bx_valtype_name(have->glob.type));
        if (have->glob.mutable_ != want->glob.mutable_) return fail(r, "%s: global mutability differs", what);
        return 0;
    }
}

static const cext *cinst_find(rd *r, const cinst *ci, const char *nm)
{
    if (ci && spend(r, ci->nex)) return NULL;
    for (uint32_t i = 0; ci && i < ci->nex; i++) if (!strcmp(ci->ex[i].name, nm)) return &ci->ex[i];
    return NULL;
}

/* The core signature canon lift expects of its callee, or canon lower
 * gives the function it makes (CanonicalABI.md flatten_functype). */
static int core_sig(rd *r, const bxcm_type *ft, int lift, bx_functype **out)
{
    bx_valtype ps[17], rs[2], tmp[17];
    uint32_t np = 0, nr = 0, k = 0;
    for (uint32_t i = 0; i < ft->n; i++) np += bxcm_flat_count(ft->ts[i]);
    if (ft->t0) nr = bxcm_flat_count(ft->t0);
    if (np > 16) ps[k++] = BX_I32;
    else for (uint32_t i = 0; i < ft->n; i++) {
        uint32_t q = 0;
        bxcm_flatten(ft->ts[i], tmp, 17, &q);
        for (uint32_t j = 0; j < q && k < 17; j++) ps[k++] = tmp[j];
    }
    uint32_t kr = 0;
    if (nr > 1) { if (lift) rs[kr++] = BX_I32; else ps[k++] = BX_I32; }
    else if (nr == 1) { uint32_t q = 0; bxcm_flatten(ft->t0, rs, 1, &q); kr = 1; }
    bx_functype *f = aalloc(r, 1, sizeof *f);
    bx_valtype *p = aalloc(r, k, sizeof *p), *q = aalloc(r, kr, sizeof *q);
    if (!f || !p || !q) return -1;
    memcpy(p, ps, k * sizeof *p);
    memcpy(q, rs, kr * sizeof *q);
    *f = (bx_functype){ k, kr, p, q };
    *out = f;
    return 0;
}

static cext *new_cext(rd *r, int sort, const bx_functype *ft)
{
    cext *e = aalloc(r, 1, sizeof *e);
    if (e) { e->sort = sort; e->ft = ft; }
    return e;
}

/* The canonical form of nm for strong uniqueness, in the arena. */
static const char *canon_of(rd *r, const char *nm)
{
    size_t n = strlen(nm) + 1;
    char *b = bxcm_arena_alloc(&r->c->arena, n);
    if (!b) { fail(r, "out of host memory"); return NULL; }
    return bxcm_name_canon(nm, b, n);
}

static int add_decl(rd *r, bxcm_type *t, int imp, const char *nm, int so, bxcm_type *ty)
{
    const char *cn = canon_of(r, nm);
    if (!cn) return -1;
    uint32_t *n = imp ? &t->nim : &t->nex;
    bxcm_decl **d = imp ? &t->im : &t->ex;
    if (spend(r, *n)) return -1;
    for (uint32_t i = 0; i < *n; i++)
        if (!strcmp((*d)[i].canon, cn))
            return fail(r, "%s name `%s` conflicts with previous name `%s`", imp ? "import" : "export", nm, (*d)[i].name);
    /* the arena keeps old arrays: grow by doubling (amortized) */
    if ((*n & (*n - 1)) == 0) {
        bxcm_decl *nd = aalloc(r, *n ? *n * 2 : 1, sizeof *nd);
        if (!nd) return -1;
        if (*n) memcpy(nd, *d, *n * sizeof *nd);
        *d = nd;
    }
    (*d)[(*n)++] = (bxcm_decl){ nm, so, ty, cn };
    if (ty && so != S_CORE_MODULE && so != S_COMPONENT) t->has_res |= ty->has_res;
    char why[200];
    if (bxcm_annot_check(*d, *n, &(*d)[*n - 1], ty, why, sizeof why)) return fail(r, "%s", why);
    return 0;
}

/* nameattributes: the name (its grammar checked) and its attributes; *impl
 * is set when an `implements` attribute is present (only plain-named
 * instances may carry one: checked by the caller, which knows the sort). */
static int extname(rd *r, const char **nm, int *impl)
{
    uint8_t b;
    char why[200];
    int kind;
    *impl = 0;
    if (u8(r, &b)) return -1;
    if (b > 0x02) { r->p--; return fail(r, "invalid extern name discriminant 0x%02x", b); }
    const uint8_t *at = r->p;
    if (name(r, nm)) return -1;
    if (bxcm_extname_ok(*nm, &kind, why, sizeof why)) { r->p = at; return fail(r, "%s", why); }
    if (b == 0x02) {
        uint32_t n;
        int seen = 0;
        if (count(r, &n)) return -1;
        for (uint32_t i = 0; i < n; i++) {
            uint8_t a;
            const char *x;
            int k2;
            if (u8(r, &a)) return -1;
            if (a > 2) { r->p--; return fail(r, "invalid name attribute 0x%02x", a); }
            if (seen & (1 << a)) { r->p--; return fail(r, "duplicate name attribute 0x%02x", a); }
            seen |= 1 << a;
            at = r->p;
            if (name(r, &x)) return -1;
            if (a == 0) {
                if (!*x) { r->p = at; return fail(r, "`` is not a valid name for `implements`"); }
                if (bxcm_extname_ok(x, &k2, why, sizeof why)) { r->p = at; return fail(r, "%s", why); }
                if (k2 != 1) { r->p = at; return fail(r, "`implements` value `%s` must be an interface name", x); }
                if (kind != 0) { r->p = at; return fail(r, "name `%s` is not valid with `implements`", *nm); }
                *impl = 1;
            } else if (a == 1) {
                /* versionsuffix: the name must carry a canonversion, and
                 * canonversion + suffix must be a valid semver */
                const char *v = kind == 1 ? strchr(*nm, '@') : NULL;
                if (!v) { r->p = at; return fail(r, "`versionsuffix` on `%s`, which has no version", *nm); }
                char buf[300];
                snprintf(buf, sizeof buf, "%s%s", v + 1, x);
                if (!bxcm_semver_ok(buf, strlen(buf), why, sizeof why)) { r->p = at; return fail(r, "%s", why); }
            }
        }
    }
    return 0;
}

/* The interface part of a name, without its version: "wasi:io/streams". */
static const char *iface_of(rd *r, const char *nm)
{
    const char *at = strchr(nm, '@');
    size_t n = at ? (size_t)(at - nm) : strlen(nm);
    char *d = bxcm_arena_alloc(&r->c->arena, n + 1);
    if (d) { memcpy(d, nm, n); d[n] = 0; }
    return d;
}

static void tag_resources(rd *r, bxcm_type *it, const char *nm)
{
    if (!it || it->k != TK_INSTANCE) return;
    const char *ifc = iface_of(r, nm);
    for (uint32_t i = 0; i < it->nex; i++) {
        bxcm_type *t = it->ex[i].t;
        if (it->ex[i].sort == S_TYPE && t && t->k == TK_RESOURCE && !t->defined && !t->iface) {
            t->iface = ifc;
            t->rname = it->ex[i].name;
        }
    }
}

/* externdesc: what an import/export declares; pushes the item's static type. */
static int externdesc(rd *r, scope *s, int *sortp, bxcm_type **tp)
{
    uint8_t k;
    uint32_t i;
    if (u8(r, &k)) return -1;
    switch (k) {
    case 0x00: {
        uint8_t z;
        if (u8(r, &z)) return -1;
        if (z != 0x11) { r->p--; return fail(r, "invalid core extern type 0x%02x", z); }
        if (idx(r, s, S_CORE_TYPE, &i)) return -1;
        bxcm_type *t = get(s, S_CORE_TYPE, i);
        if (!t || t->k != TK_CORE_MODULE) return fail(r, "core type index %u is not a module type", i);
        *sortp = S_CORE_MODULE; *tp = t;
        return 0;
    }
    case 0x01: case 0x04: case 0x05: {
        if (idx(r, s, S_TYPE, &i)) return -1;
        bxcm_type *t = get(s, S_TYPE, i);
        bxcm_tk want = k == 0x01 ? TK_FUNC : k == 0x04 ? TK_COMPONENT : TK_INSTANCE;
        if (!t || t->k != want)
            return fail(r, "type index %u is not a %s type", i, k == 0x01 ? "function" : k == 0x04 ? "component" : "instance");
        *sortp = k == 0x01 ? S_FUNC : k == 0x04 ? S_COMPONENT : S_INSTANCE;
        *tp = t;
        return 0;
    }
    case 0x02: return fail(r, "value imports and exports are not supported");
    case 0x03: {
        uint8_t b;
        if (u8(r, &b)) return -1;
        *sortp = S_TYPE;
        if (b == 0x00) { if (idx(r, s, S_TYPE, &i)) return -1; *tp = get(s, S_TYPE, i); return 0; }
        if (b == 0x01) { if (!(*tp = newt(r, TK_RESOURCE))) return -1; (*tp)->has_res = 1; r->fresh_res = *tp; return 0; }
        r->p--;
        return fail(r, "invalid type bound 0x%02x", b);
    }
    default: r->p--; return fail(r, "invalid extern type 0x%02x", k);
    }
}

static int alias(rd *r, scope *s, bxcm_op *op, int *sortp, void **item);
static int vis_check(rd *r, const scope *s, int imp, int so, const bxcm_type *t);
static bxcm_type *vname(rd *r, scope *s, int imp, int so, bxcm_type *t);

/* instance and component type declarators */
static int decls(rd *r, scope *outer, bxcm_type *t, int comp)
{
    scope s = { .up = outer, .is_comp = 0 };
    uint32_t n;
    int rc = -1;
    if (too_deep(&s)) return fail(r, "component and type nesting is too deep (more than %u levels)", MAX_NESTING);
    if (count(r, &n)) goto out;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t d;
        if (u8(r, &d)) goto out;
        switch (d) {
        case 0x00: { bxcm_type *ct; if (core_type(r, &s, &ct) || push(r, &s, S_CORE_TYPE, ct)) goto out; break; }
        case 0x01: { bxcm_type *dt; if (deftype(r, &s, &dt) || push(r, &s, S_TYPE, dt)) goto out; break; }
        case 0x02: {
            int so; void *item;
            bxcm_op op = {0};
            if (alias(r, &s, &op, &so, &item)) goto out;
            if (so != S_TYPE && so != S_CORE_TYPE && (so != S_INSTANCE || op.op != OP_ALIAS_EXPORT))
                { fail(r, "aliases in type declarations may only refer to types or instances"); goto out; }
            if (push(r, &s, so, item)) goto out;
            break;
        }
        case 0x03: case 0x04: {
            if (d == 0x03 && !comp) { r->p--; fail(r, "imports are not allowed in instance types"); goto out; }
            const char *nm; int so, impl; bxcm_type *ty;
            if (extname(r, &nm, &impl) || externdesc(r, &s, &so, &ty)) goto out;
            if (impl && so != S_INSTANCE) { fail(r, "only instances can have an `implements`"); goto out; }
            if (comp && vis_check(r, &s, d == 0x03, so, ty)) goto out;
            /* an abstract resource declared by a type: fresh per import or instantiation */
            if (so == S_TYPE && ty == r->fresh_res) ty->owner = t;
            if (so == S_INSTANCE && d == 0x03) tag_resources(r, ty, nm);
            bxcm_type *nt = vname(r, &s, d == 0x03, so, ty);
            if (!nt && ty) goto out;
            /* a type export's decl is the new name (a resource: its identity) */
            if (add_decl(r, t, d == 0x03, nm, so, so == S_TYPE ? (ty->k != TK_RESOURCE ? nt : (bxcm_type *)bxcm_root(ty)) : ty)) goto out;
            if (push(r, &s, so, so == S_CORE_MODULE ? ty->core : nt)) goto out;
            break;
        }
        default: r->p--; fail(r, "invalid %s type declaration 0x%02x", comp ? "component" : "instance", d); goto out;
        }
    }
    rc = 0;
out:
    scope_free(&s);
    return rc;
}

/* alias: export / core export (runtime) or outer (static). */
static int alias(rd *r, scope *s, bxcm_op *op, int *sortp, void **item)
{
    int so;
    uint8_t k;
    uint32_t i;
    const char *nm;
    if (sort(r, &so) || u8(r, &k)) return -1;
    *sortp = so;
    *item = NULL;
    switch (k) {
    case 0x00: {
        if (idx(r, s, S_INSTANCE, &i) || name(r, &nm)) return -1;
        bxcm_type *it = get(s, S_INSTANCE, i);
        bxcm_decl *d = NULL;
        for (uint32_t j = 0; it && j < it->nex; j++) if (!strcmp(it->ex[j].name, nm)) d = &it->ex[j];
        if (!d) return fail(r, "instance %u has no export named `%s`", i, nm);
        if (d->sort != so) return fail(r, "export `%s` of instance %u is a %s, not a %s", nm, i, sort_name(d->sort), sort_name(so));
        *item = d->t;
        op->op = OP_ALIAS_EXPORT; op->idx = i; op->name = nm; op->sort = so; op->t = (bxcm_type *)bxcm_root(d->t);
        return 0;
    }
    case 0x01: {
        if (so > S_CORE_TAG) return fail(r, "core export alias of a %s", sort_name(so));
        if (idx(r, s, S_CORE_INSTANCE, &i) || name(r, &nm)) return -1;
        const cext *e = cinst_find(r, get(s, S_CORE_INSTANCE, i), nm);
        if (!e) return fail(r, "core instance %u has no export named `%s`", i, nm);
        if (e->sort != so) return fail(r, "export `%s` of core instance %u is a %s, not a %s", nm, i, sort_name(e->sort), sort_name(so));
        *item = (void *)e;
        op->op = OP_ALIAS_CORE_EXPORT; op->idx = i; op->name = nm; op->sort = so;
        return 0;
    }
    case 0x02: {
        uint32_t ct;
        if (u32(r, &ct) || u32(r, &i)) return -1;
        if (so != S_TYPE && so != S_CORE_TYPE && so != S_CORE_MODULE && so != S_COMPONENT)
            return fail(r, "outer alias of a %s is not allowed", sort_name(so));
        scope *t = s;
        for (uint32_t c = 0; c < ct; c++) {
            if (!t->up) return fail(r, "outer count of %u is too large", ct);
            t = t->up;
        }
        if (i >= t->sp[so].n) return fail(r, "%s index %u out of bounds in the outer scope", sort_name(so), i);
        *item = get(t, so, i);
        /* a type crossing a component boundary may not mention a resource:
         * the inner component would share the outer instance's resource */
        int crosses = 0;
        scope *q = s;
        for (uint32_t c = 0; c < ct; c++, q = q->up) crosses |= q->is_comp;
        if (so == S_TYPE && crosses && *item && ((bxcm_type *)*item)->has_res)
            return fail(r, "outer alias of type index %u: the type transitively refers to resources and cannot cross a component boundary", i);
        op->op = OP_ALIAS_OUTER; op->sort = so; op->item = *item;
        return 0;
    }
    default: r->p--; return fail(r, "invalid alias target 0x%02x", k);
    }
}


/* ---- visibility of types (Explainer: external visibility) -------------
 * A type an import or export refers to must itself have a name outside:
 * every record, variant, enum, flags and resource it mentions must have been
 * imported (for an import) or imported or exported (for an export) before,
 * or be exported by the same instance type ahead of the use.  An import or
 * export of a type gives it a fresh node (a copy, orig: the identity
 * subtyping and the runtime follow), so the name is the new index and not
 * the definition; exporting or importing an instance gives its type exports
 * fresh nodes too, so aliasing out of it confers the name.  Component types
 * are checked as they are defined, instance types when attached. */
#define COPY_COST 1000u
static int vpush(rd *r, vec *v, const void *p)
{
    if (v->n == v->cap) {
        uint32_t nc = v->cap ? v->cap * 2 : 16;
        if (nc > 2000000) return fail(r, "too many named types");
        void **nv = realloc(v->v, nc * sizeof *nv);
        if (!nv) return fail(r, "out of host memory");
        v->v = nv; v->cap = nc;
    }
    v->v[v->n++] = (void *)p;
    return 0;
}

static int in_vec(const vec *v, const void *p)
{
    for (uint32_t i = 0; i < v->n; i++) if (v->v[i] == p) return 1;
    return 0;
}

typedef struct vframe { const bxcm_decl *d; uint32_t n; const struct vframe *up; } vframe;
typedef struct vctx { rd *r; const scope *s; int imp; const vframe *f; bxcm_tk bad; } vctx;

static int vnamed(vctx *v, const bxcm_type *t)
{
    const scope *s = v->s;
    for (int hops = 0; t && hops < 64; hops++) {
        if (spend(v->r, 1 + s->vim.n + s->vex.n + s->subst.n)) return -1;
        for (const vframe *f = v->f; f; f = f->up)
            if (spend(v->r, f->n)) return -1;
        for (const vframe *f = v->f; f; f = f->up)
            for (uint32_t i = 0; i < f->n; i++)
                if (f->d[i].sort == S_TYPE && (f->d[i].t == t ||
                    (t->k == TK_RESOURCE && bxcm_root(f->d[i].t) == bxcm_root(t)))) return 1;
        if (in_vec(&s->vim, t) || (!v->imp && in_vec(&s->vex, t))) return 1;
        /* a child's type import: named if what this component gave is */
        const bxcm_type *nx = NULL;
        for (uint32_t q = 0; q + 1 < s->subst.n && !nx; q += 2)
            if (s->subst.v[q] == t && s->subst.v[q + 1] != t) nx = s->subst.v[q + 1];
        t = nx;
    }
    return 0;
}

static int vinst(vctx *v, const bxcm_type *t);

/* 0: visible, 1: not (v->bad: the kind), -1: failed. */
static int vval(vctx *v, const bxcm_type *t, int root_ok)
{
    if (!t || t->k < TK_RECORD) return 0;
    int rc = vnamed(v, t);
    if (rc) return rc < 0 ? -1 : 0;
    switch (t->k) {
    case TK_RECORD: case TK_VARIANT: case TK_ENUM: case TK_FLAGS: case TK_RESOURCE:
        if (!root_ok) { v->bad = t->k; return 1; }
        /* fall through */
    case TK_TUPLE: case TK_FUNC: case TK_LIST: case TK_OPTION: case TK_RESULT: case TK_STREAM: case TK_FUTURE:
        for (uint32_t i = 0; t->ts && i < t->n; i++) if ((rc = vval(v, t->ts[i], 0))) return rc;
        if ((rc = vval(v, t->t0, 0))) return rc;
        return vval(v, t->t1, 0);
    case TK_OWN: case TK_BORROW:
        return vval(v, t->via ? t->via : t->t0, 0);
    case TK_INSTANCE:
        return vinst(v, t);
    default:
        return 0;   /* component types were checked when defined */
    }
}

static int vinst(vctx *v, const bxcm_type *t)
{
    vframe f = { t->ex, 0, v->f };
    const vframe *save = v->f;
    int rc = 0;
    v->f = &f;
    for (uint32_t i = 0; i < t->nex && !rc; i++) {
        int so = t->ex[i].sort;
        if (so == S_TYPE || so == S_FUNC || so == S_INSTANCE) rc = vval(v, t->ex[i].t, so == S_TYPE);
        f.n = i + 1;
    }
    v->f = save;
    return rc;
}

static const char *vkind(bxcm_tk k)
{
    return k == TK_RECORD ? "record" : k == TK_VARIANT ? "variant" : k == TK_ENUM ? "enum" :
           k == TK_FLAGS ? "flags" : "resource";
}

/* The item of sort so and type t may be imported (imp) or exported here. */
static int vis_check(rd *r, const scope *s, int imp, int so, const bxcm_type *t)
{
    if (so != S_TYPE && so != S_FUNC && so != S_INSTANCE) return 0;
    vctx v = { r, s, imp, NULL, TK_RECORD };
    int rc = vval(&v, t, so == S_TYPE);
    if (rc < 0) return -1;
    if (rc) return fail(r, "%s not valid to be used as %s: it refers to a %s type that is not %s first",
                        so == S_FUNC ? "func" : so == S_TYPE ? "type" : "instance", imp ? "import" : "export",
                        vkind(v.bad), imp ? "imported" : "imported or exported");
    return 0;
}

/* The fresh node an import or export names (type: a copy; instance: a copy
 * whose type exports are copies, recursively), recorded as named. */
static bxcm_type *vname(rd *r, scope *s, int imp, int so, bxcm_type *t)
{
    if (!t || (so != S_TYPE && so != S_INSTANCE)) return t;
    /* every copy is charged heavily: a DAG of instance types must not
     * expand into unbounded host memory */
    if (spend(r, COPY_COST + 16 * (uint64_t)(so == S_INSTANCE ? t->nex : 0))) return NULL;
    bxcm_type *c = newt(r, t->k);
    if (!c) return NULL;
    *c = *t;
    if (so == S_TYPE) {
        c->orig = bxcm_root(t);
        return vpush(r, imp ? &s->vim : &s->vex, c) ? NULL : c;
    }
    if (t->k != TK_INSTANCE || !t->nex) return c;
    bxcm_decl *d = aalloc(r, t->nex, sizeof *d);
    if (!d) return NULL;
    for (uint32_t i = 0; i < t->nex; i++) {
        d[i] = t->ex[i];
        if ((d[i].sort == S_TYPE || d[i].sort == S_INSTANCE) && !(d[i].t = vname(r, s, imp, d[i].sort, t->ex[i].t)))
            return NULL;
        /* the instance's other types refer to this export by its own node */
        if (d[i].sort == S_TYPE && vpush(r, imp ? &s->vim : &s->vex, t->ex[i].t)) return NULL;
    }
    c->ex = d;
    return c;
}


/* ---- resource generativity -------------------------------------------
 * Each instantiation of a component makes new resource types: the instance's
 * type is the component's exports with the imports replaced by what was
 * given and every resource the component defines (or, for a component type,
 * declares as an abstract export) replaced by a fresh one.  Each import of an
 * instance type likewise makes its abstract (`sub resource`) exports fresh.
 * tsubst rewrites a type under such a map, copying only the nodes that
 * change (memoized, so a DAG stays a DAG); types without resources are
 * shared as they are. */
enum { TS_INST = 1, TS_IMPORT = 2 };
typedef struct tsub {
    vec m;
    int mode;
    const bxcm_type *inside[MAX_NESTING + 2];   /* TS_IMPORT: the instance types being walked */
    uint32_t ninside;
} tsub;

static const bxcm_type *ts_find(const tsub *ts, const bxcm_type *t)
{
    for (uint32_t i = 0; i + 1 < ts->m.n; i += 2) if (ts->m.v[i] == t) return ts->m.v[i + 1];
    return NULL;
}

static bxcm_type *tsubst(rd *r, tsub *ts, bxcm_type *t, int depth)
{
    if (!t || !t->has_res || t->k == TK_COMPONENT) return t;
    if (depth > 300) { fail(r, "type nesting too deep to instantiate"); return NULL; }
    if (spend(r, 1 + ts->m.n / 2)) return NULL;
    const bxcm_type *f = ts_find(ts, t);
    if (f) return (bxcm_type *)f;
    bxcm_type *n = t;
    if (t->k == TK_RESOURCE) {
        const bxcm_type *ro = bxcm_root(t);
        if (ro != t && (f = ts_find(ts, ro))) return (bxcm_type *)f;
        /* an import: only what its own instance types declare abstract */
        int fresh = ts->mode == TS_INST ? (ro->defined || ro->owner) : 0;
        for (uint32_t i = 0; ts->mode == TS_IMPORT && !ro->defined && i < ts->ninside; i++) fresh |= ro->owner == ts->inside[i];
        if (!fresh) return t;
        if (spend(r, COPY_COST) || !(n = newt(r, TK_RESOURCE))) return NULL;
        *n = *ro;
        n->orig = NULL;
        if (vpush(r, &ts->m, ro) || vpush(r, &ts->m, n)) return NULL;
        if (ro != t && (vpush(r, &ts->m, t) || vpush(r, &ts->m, n))) return NULL;
        return n;
    }
    int changed = 0;
    if (t->k == TK_INSTANCE) {
        size_t mark = ts->m.n;
        if (spend(r, COPY_COST + 16 * (uint64_t)t->nex)) return NULL;
        if (ts->ninside > MAX_NESTING) { fail(r, "instance type nesting too deep"); return NULL; }
        ts->inside[ts->ninside++] = t;
        bxcm_decl *d = t->nex ? aalloc(r, t->nex, sizeof *d) : NULL;
        if (t->nex && !d) return NULL;
        for (uint32_t i = 0; i < t->nex; i++) {
            d[i] = t->ex[i];
            if (d[i].sort != S_TYPE && d[i].sort != S_FUNC && d[i].sort != S_INSTANCE) continue;
            if (!(d[i].t = tsubst(r, ts, t->ex[i].t, depth + 1)) && t->ex[i].t) return NULL;
            changed |= d[i].t != t->ex[i].t;
        }
        /* an import's nested instances are each their own: their fresh
         * resources are not shared with another use of the same type */
        ts->ninside--;
        if (ts->mode == TS_IMPORT) ts->m.n = (uint32_t)mark;
        if (changed) {
            if (!(n = newt(r, TK_INSTANCE))) return NULL;
            *n = *t;
            n->orig = NULL;
            n->ex = d;
        }
        if (ts->mode == TS_INST && (vpush(r, &ts->m, t) || vpush(r, &ts->m, n))) return NULL;
        return n;
    }
    bxcm_type **ts2 = NULL, *a0 = t->t0, *a1 = t->t1;
    if (t->n && t->ts) {
        if (!(ts2 = aalloc(r, t->n, sizeof *ts2))) return NULL;
        for (uint32_t i = 0; i < t->n; i++) {
            if (!(ts2[i] = tsubst(r, ts, t->ts[i], depth + 1)) && t->ts[i]) return NULL;
            changed |= ts2[i] != t->ts[i];
        }
    }
    if ((a0 = tsubst(r, ts, t->t0, depth + 1)) == NULL && t->t0) return NULL;
    if (t->k != TK_OWN && t->k != TK_BORROW && (a1 = tsubst(r, ts, t->t1, depth + 1)) == NULL && t->t1) return NULL;
    changed |= a0 != t->t0 || a1 != t->t1;
    if (changed) {
        if (spend(r, COPY_COST) || !(n = newt(r, t->k))) return NULL;
        *n = *t;
        n->orig = NULL;
        n->via = NULL;
        if (ts2) n->ts = ts2;
        n->t0 = a0;
        n->t1 = a1;
    }
    if (vpush(r, &ts->m, t) || vpush(r, &ts->m, n)) return NULL;
    return n;
}

/* ---- components ------------------------------------------------------ */
static bxcm_op *newop(rd *r, bxcm_comp *c, uint8_t kind, size_t off)
{
    if (c->nops == c->capops) {
        uint32_t nc = c->capops ? c->capops * 2 : 32;
        bxcm_op *n = realloc(c->ops, nc * sizeof *n);
        if (!n) { fail(r, "out of host memory"); return NULL; }
        c->ops = n; c->capops = nc;
    }
    bxcm_op *op = &c->ops[c->nops++];
    memset(op, 0, sizeof *op);
    op->op = kind;
    op->off = off;
    return op;
}

static int canon_opts(rd *r, scope *s, bxcm_opts *o)
{
    uint32_t n;
    int enc_seen = 0;
    memset(o, 0, sizeof *o);
    if (count(r, &n)) return -1;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t b;
        if (u8(r, &b)) return -1;
        switch (b) {
        case 0: case 1: case 2:
            if (enc_seen++) return fail(r, "canonical encoding option `%s` conflicts with a previous one", b == 0 ? "utf8" : b == 1 ? "utf16" : "latin1-utf16");
            o->enc = b;
            break;
        case 3:
            if (o->has_mem) return fail(r, "`memory` is specified more than once");
            if (idx(r, s, S_CORE_MEM, &o->mem)) return -1;
            o->has_mem = 1;
            break;
        case 4:
            if (o->has_realloc) return fail(r, "`realloc` is specified more than once");
            if (idx(r, s, S_CORE_FUNC, &o->realloc)) return -1;
            o->has_realloc = 1;
            break;
        case 5:
            if (o->has_post) return fail(r, "`post-return` is specified more than once");
            if (idx(r, s, S_CORE_FUNC, &o->post)) return -1;
            o->has_post = 1;
            break;
        case 6: case 7: r->p--; return fail(r, "async canonical options are not supported");
        default: r->p--; return fail(r, "invalid canonical option 0x%02x", b);
        }
    }
    return 0;
}

static int needs_mem(const bxcm_type *t)
{
    if (!t) return 0;
    switch (t->k) {
    case TK_STRING: return 1;
    case TK_LIST: return t->len ? needs_mem(t->t0) : 1;
    case TK_RECORD: case TK_TUPLE: case TK_VARIANT:
        for (uint32_t i = 0; i < t->n; i++) if (needs_mem(t->ts[i])) return 1;
        return 0;
    case TK_OPTION: return needs_mem(t->t0);
    case TK_RESULT: return needs_mem(t->t0) || needs_mem(t->t1);
    case TK_MAP: return 1;
    default: return 0;
    }
}

static int sig_check(rd *r, const bx_functype *have, const bx_functype *want, const char *what)
{
    if (ft_eq(have, want)) return 0;
    char a[200], b[200];
    ft_str(want, a, sizeof a);
    ft_str(have, b, sizeof b);
    return fail(r, "%s: expected core type %s, found %s", what, a, b);
}

/* The options' presence rules, and the core types of realloc and
 * post-return (sig: the lifted core function's signature). */
static int check_opts(rd *r, scope *s, const bxcm_type *ft, const bxcm_opts *o, int lift, const bx_functype *sig)
{
    if (o->has_realloc && !o->has_mem) return fail(r, "canonical option `realloc` requires `memory` to also be specified");
    if (o->has_realloc) {
        static const bx_valtype four[4] = { BX_I32, BX_I32, BX_I32, BX_I32 };
        static const bx_functype rt = { 4, 1, four, four };
        const cext *e = get(s, S_CORE_FUNC, o->realloc);
        if (sig_check(r, e ? e->ft : NULL, &rt, "canonical option `realloc` uses a core function with an incorrect signature")) return -1;
    }
    if (o->has_post && lift && sig) {
        bx_functype pt = { sig->nresults, 0, sig->results, NULL };
        const cext *e = get(s, S_CORE_FUNC, o->post);
        if (sig_check(r, e ? e->ft : NULL, &pt, "canonical option `post-return` uses a core function with an incorrect signature")) return -1;
    }
    uint32_t np = 0;
    int pm = 0;
    for (uint32_t i = 0; i < ft->n; i++) { np += bxcm_flat_count(ft->ts[i]); pm |= needs_mem(ft->ts[i]); }
    uint32_t nr = ft->t0 ? bxcm_flat_count(ft->t0) : 0;
    int rm = needs_mem(ft->t0);
    if ((pm || rm || np > 16 || nr > 1) && !o->has_mem)
        return fail(r, "canonical option `memory` is required");
    if (lift && (pm || np > 16) && !o->has_realloc) return fail(r, "canonical option `realloc` is required");
    if (!lift && rm && !o->has_realloc) return fail(r, "canonical option `realloc` is required");
    if (!lift && o->has_post) return fail(r, "canonical option `post-return` cannot be specified for lowerings");
    return 0;
}

static int add_cdecl(rd *r, bxcm_comp *c, int imp, const char *nm, int so, bxcm_type *t, const bxcm_type *ft)
{
    const char *cn = canon_of(r, nm);
    if (!cn) return -1;
    uint32_t *n = imp ? &c->nim : &c->nex, *cap = imp ? &c->capim : &c->capex;
    bxcm_decl **d = imp ? &c->im : &c->ex;
    if (spend(r, *n)) return -1;
    for (uint32_t i = 0; i < *n; i++)
        if (!strcmp((*d)[i].canon, cn))
            return fail(r, "%s name `%s` conflicts with previous name `%s`", imp ? "import" : "export", nm, (*d)[i].name);
    if (*n == *cap) {
        uint32_t nc = *cap ? *cap * 2 : 8;
        bxcm_decl *x = realloc(*d, nc * sizeof *x);
        if (!x) return fail(r, "out of host memory");
        *d = x; *cap = nc;
    }
    (*d)[(*n)++] = (bxcm_decl){ nm, so, t, cn };
    char why[200];
    if (bxcm_annot_check(*d, *n, &(*d)[*n - 1], ft, why, sizeof why)) return fail(r, "%s", why);
    return 0;
}

static bxcm_comp *component(rd *r, scope *up, size_t len);

/* A core module type given where `want` is expected: it may import less
 * and must export at least as much. */
static int cmod_sub(rd *r, const cmod *have, const cmod *want)
{
    char what[300];
    if (have && want && spend(r, (uint64_t)have->nim * want->nim + (uint64_t)want->nex * have->nex)) return -1;
    for (uint32_t i = 0; have && want && i < have->nim; i++) {
        const cext *w = NULL;
        for (uint32_t j = 0; j < want->nim && !w; j++)
            if (!strcmp(want->im[j].mod, have->im[i].mod) && !strcmp(want->im[j].name, have->im[i].name)) w = &want->im[j];
        if (!w) return fail(r, "missing expected import `%s::%s`", have->im[i].mod, have->im[i].name);
        snprintf(what, sizeof what, "type mismatch in import `%s::%s`", w->mod, w->name);
        if (cext_match(r, w, &have->im[i], what)) return -1;
    }
    for (uint32_t i = 0; have && want && i < want->nex; i++) {
        const cext *h = NULL;
        for (uint32_t j = 0; j < have->nex && !h; j++) if (!strcmp(have->ex[j].name, want->ex[i].name)) h = &have->ex[j];
        if (!h) return fail(r, "missing expected export `%s`", want->ex[i].name);
        snprintf(what, sizeof what, "type mismatch in export `%s`", h->name);
        if (cext_match(r, h, &want->ex[i], what)) return -1;
    }
    return 0;
}

/* An instantiation argument against the import it is given for. */
static int arg_match(rd *r, scope *s, const bxcm_arg *a, const bxcm_decl *im, bxcm_submap *sm)
{
    char why[200];
    void *have = get(s, a->si.sort, a->si.idx);
    switch (a->si.sort) {
    case S_CORE_MODULE:
        return im->t && im->t->k == TK_CORE_MODULE ? cmod_sub(r, have, im->t->core) : 0;
    case S_FUNC: case S_INSTANCE: case S_TYPE:
        if (a->si.sort == S_TYPE && bxcm_bind(have, im->t, sm)) return 0;
        if (bxcm_sub(have, im->t, sm, why, sizeof why)) return fail(r, "type mismatch for import `%s`: %s", im->name, why);
        return 0;
    default:
        return 0;
    }
}

static int section(rd *r, scope *s, bxcm_comp *c, uint8_t id)
{
    uint32_t n;
    size_t off = (size_t)(r->p - r->base);
    switch (id) {
    case 1: {   /* core module */
        bx_error e;
        /* one cache entry per core module, keyed as a module's is */
        bx_module *m = bx_module_new_cached(r->p, (size_t)(r->end - r->p), r->cache_dir, &e);
        if (!m) return fail(r, "core module: %s", e.msg);
        if (c->nmods == c->capmods) {
            uint32_t nc = c->capmods ? c->capmods * 2 : 4;
            bx_module **x = realloc(c->mods, nc * sizeof *x);
            if (!x) { bx_module_free(m); return fail(r, "out of host memory"); }
            c->mods = x; c->capmods = nc;
        }
        c->mods[c->nmods++] = m;
        bxcm_op *op = newop(r, c, OP_CORE_MODULE, off);
        if (!op) return -1;
        op->item = m;
        cmod *cm = cmod_of(r, m);
        if (!cm) return -1;
        r->p = r->end;
        return push(r, s, S_CORE_MODULE, cm);
    }
    case 4: {   /* nested component */
        bxcm_comp *k = component(r, s, (size_t)(r->end - r->p));
        if (!k) return -1;
        if (c->nkids == c->capkids) {
            uint32_t nc = c->capkids ? c->capkids * 2 : 4;
            bxcm_comp **x = realloc(c->kids, nc * sizeof *x);
            if (!x) { bxcm_free(k); return fail(r, "out of host memory"); }
            c->kids = x; c->capkids = nc;
        }
        c->kids[c->nkids++] = k;
        bxcm_op *op = newop(r, c, OP_COMPONENT, off);
        if (!op) return -1;
        op->item = k;
        return push(r, s, S_COMPONENT, k);
    }
    }
    if (count(r, &n)) return -1;
    for (uint32_t i = 0; i < n; i++) {
        off = (size_t)(r->p - r->base);
        switch (id) {
        case 2: {   /* core instances */
            uint8_t k;
            if (u8(r, &k)) return -1;
            bxcm_op *op;
            if (k == 0x00) {
                uint32_t m, na;
                if (idx(r, s, S_CORE_MODULE, &m) || count(r, &na)) return -1;
                if (!(op = newop(r, c, OP_CORE_INST, off))) return -1;
                const cmod *cm = get(s, S_CORE_MODULE, m);
                op->item = (void *)cm->m;
                op->idx = m;
                if (!(op->args = aalloc(r, na, sizeof *op->args))) return -1;
                op->nargs = na;
                for (uint32_t j = 0; j < na; j++) {
                    uint8_t z;
                    if (name(r, &op->args[j].name) || u8(r, &z)) return -1;
                    if (z != 0x12) { r->p--; return fail(r, "instantiation arguments must be core instances"); }
                    if (idx(r, s, S_CORE_INSTANCE, &op->args[j].si.idx)) return -1;
                    for (uint32_t q = 0; q < j; q++)
                        if (!strcmp(op->args[q].name, op->args[j].name))
                            return fail(r, "duplicate module instantiation argument named `%s`", op->args[j].name);
                }
                /* every import of the module given, of a matching type */
                if (spend(r, (uint64_t)cm->nim * na)) return -1;
                for (uint32_t q = 0; q < cm->nim; q++) {
                    const cext *want = &cm->im[q];
                    const bxcm_arg *a = NULL;
                    for (uint32_t j = 0; j < na; j++) if (!strcmp(op->args[j].name, want->mod)) a = &op->args[j];
                    if (!a) return fail(r, "missing module instantiation argument named `%s`", want->mod);
                    const cext *have = cinst_find(r, get(s, S_CORE_INSTANCE, a->si.idx), want->name);
                    char what[300];
                    snprintf(what, sizeof what, "type mismatch in import `%s::%s`", want->mod, want->name);
                    if (!have) return fail(r, "module instantiation argument `%s` does not export an item named `%s`", want->mod, want->name);
                    if (cext_match(r, have, want, what)) return -1;
                }
                cinst *st = aalloc(r, 1, sizeof *st);
                if (!st) return -1;
                st->ex = cm->ex; st->nex = cm->nex;
                if (push(r, s, S_CORE_INSTANCE, st)) return -1;
            } else if (k == 0x01) {
                uint32_t ne;
                if (count(r, &ne) || !(op = newop(r, c, OP_CORE_INST_INLINE, off))) return -1;
                if (!(op->args = aalloc(r, ne, sizeof *op->args))) return -1;
                op->nargs = ne;
                for (uint32_t j = 0; j < ne; j++) {
                    if (name(r, &op->args[j].name) || core_sort(r, &op->args[j].si.sort)) return -1;
                    if (op->args[j].si.sort > S_CORE_TAG) return fail(r, "core instance exports of a %s", sort_name(op->args[j].si.sort));
                    if (idx(r, s, op->args[j].si.sort, &op->args[j].si.idx)) return -1;
                    for (uint32_t q = 0; q < j; q++)
                        if (!strcmp(op->args[q].name, op->args[j].name))
                            return fail(r, "export name `%s` already defined", op->args[j].name);
                }
                cinst *st = aalloc(r, 1, sizeof *st);
                if (!st || !(st->ex = aalloc(r, ne, sizeof *st->ex))) return -1;
                st->nex = ne;
                for (uint32_t j = 0; j < ne; j++) {
                    const cext *e = get(s, op->args[j].si.sort, op->args[j].si.idx);
                    if (e) st->ex[j] = *e;
                    st->ex[j].sort = op->args[j].si.sort;
                    st->ex[j].name = op->args[j].name;
                }
                if (push(r, s, S_CORE_INSTANCE, st)) return -1;
            } else { r->p--; return fail(r, "invalid core instance 0x%02x", k); }
            break;
        }
        case 3: {
            bxcm_type *t;
            if (core_type(r, s, &t) || push(r, s, S_CORE_TYPE, t)) return -1;
            break;
        }
        case 5: {   /* instances */
            uint8_t k;
            if (u8(r, &k)) return -1;
            bxcm_op *op;
            bxcm_type *it;
            uint32_t na;
            if (k == 0x00) {
                uint32_t ci;
                bxcm_submap *sm = r->sm;
                memset(sm, 0, sizeof *sm);
                sm->bind = 1;
                if (idx(r, s, S_COMPONENT, &ci) || count(r, &na)) return -1;
                if (!(op = newop(r, c, OP_INST, off))) return -1;
                bxcm_comp *kc = get(s, S_COMPONENT, ci);
                op->item = kc;
                /* the component's imports and exports: a concrete one's, or an
                 * imported one's type */
                const bxcm_decl *kim = kc ? kc->im : NULL, *kex = kc ? kc->ex : NULL;
                uint32_t knim = kc ? kc->nim : 0, knex = kc ? kc->nex : 0;
                for (uint32_t q = 0; !kc && q + 1 < s->cty.n; q += 2)
                    if ((uintptr_t)s->cty.v[q] == ci && s->cty.v[q + 1]) {
                        const bxcm_type *ct = s->cty.v[q + 1];
                        kim = ct->im; knim = ct->nim; kex = ct->ex; knex = ct->nex;
                    }
                if (!(op->args = aalloc(r, na, sizeof *op->args))) return -1;
                op->nargs = na;
                for (uint32_t j = 0; j < na; j++) {
                    if (name(r, &op->args[j].name) || sort(r, &op->args[j].si.sort)) return -1;
                    if (op->args[j].si.sort == S_VALUE) return fail(r, "value arguments are not supported");
                    if (idx(r, s, op->args[j].si.sort, &op->args[j].si.idx)) return -1;
                    if (op->args[j].si.sort == S_TYPE) op->args[j].t = get(s, S_TYPE, op->args[j].si.idx);
                    for (uint32_t q = 0; q < j; q++)
                        if (!strcmp(op->args[q].name, op->args[j].name))
                            return fail(r, "instantiation argument `%s` conflicts with previous argument", op->args[j].name);
                }
                /* every import must be given, of the right sort */
                if (spend(r, (uint64_t)knim * na)) return -1;
                for (uint32_t q = 0; q < knim; q++) {
                    bxcm_arg *a = NULL;
                    for (uint32_t j = 0; j < na; j++) if (!strcmp(op->args[j].name, kim[q].name)) a = &op->args[j];
                    if (!a) return fail(r, "missing import named `%s`", kim[q].name);
                    if (a->si.sort != kim[q].sort)
                        return fail(r, "expected %s found %s for `%s`", sort_name(kim[q].sort), sort_name(a->si.sort), kim[q].name);
                    if (arg_match(r, s, a, &kim[q], sm)) return -1;
                    /* visibility: the child's type import names what was given */
                    if (a->si.sort == S_TYPE && (vpush(r, &s->subst, kim[q].t) || vpush(r, &s->subst, a->t))) return -1;
                }
                for (uint32_t j = 0; j < na; j++) op->args[j].t = (bxcm_type *)bxcm_root(op->args[j].t);
                /* remember what the child's type imports became: a resource of
                 * this component threaded through `with` stays local */
                for (uint32_t q = 0; q < sm->n; q++) {
                    vec *v = &s->subst;
                    if (v->n + 2 > v->cap) {
                        uint32_t nc = v->cap ? v->cap * 2 : 16;
                        if (nc > 2000000) return fail(r, "too many type substitutions");
                        void **nv = realloc(v->v, nc * sizeof *nv);
                        if (!nv) return fail(r, "out of host memory");
                        v->v = nv; v->cap = nc;
                    }
                    v->v[v->n++] = (void *)sm->from[q];
                    v->v[v->n++] = (void *)sm->to[q];
                }
                /* the instance's type: imports substituted, own resources fresh */
                if (!(it = newt(r, TK_INSTANCE))) return -1;
                it->nex = knex;
                it->has_res = 1;
                if (knex && !(it->ex = aalloc(r, knex, sizeof *it->ex))) return -1;
                tsub ts;
                memset(&ts, 0, sizeof ts);
                ts.mode = TS_INST;
                for (uint32_t q = 0; q < sm->n; q++)
                    if (vpush(r, &ts.m, sm->from[q]) || vpush(r, &ts.m, sm->to[q])) { free(ts.m.v); return -1; }
                for (uint32_t q = 0; q < knex; q++) {
                    it->ex[q] = kex[q];
                    if (kex[q].sort != S_TYPE && kex[q].sort != S_FUNC && kex[q].sort != S_INSTANCE) continue;
                    if (!(it->ex[q].t = tsubst(r, &ts, kex[q].t, 0)) && kex[q].t) { free(ts.m.v); return -1; }
                }
                free(ts.m.v);
            } else if (k == 0x01) {
                if (count(r, &na) || !(op = newop(r, c, OP_INST_INLINE, off))) return -1;
                if (!(op->args = aalloc(r, na, sizeof *op->args)) || !(it = newt(r, TK_INSTANCE))) return -1;
                op->nargs = na;
                for (uint32_t j = 0; j < na; j++) {
                    int impl;
                    if (extname(r, &op->args[j].name, &impl) || sort(r, &op->args[j].si.sort)) return -1;
                    int so = op->args[j].si.sort;
                    if (impl && so != S_INSTANCE) return fail(r, "only instances can have an `implements`");
                    if (so == S_VALUE) return fail(r, "value exports are not supported");
                    if (so < S_FUNC && so != S_CORE_MODULE) return fail(r, "instance exports of a %s", sort_name(so));
                    if (idx(r, s, so, &op->args[j].si.idx)) return -1;
                    if (so == S_TYPE) op->args[j].t = (bxcm_type *)bxcm_root(get(s, S_TYPE, op->args[j].si.idx));
                    if (add_decl(r, it, 0, op->args[j].name, so, get(s, so, op->args[j].si.idx))) return -1;
                    /* a bag's type exports name nothing outside: the resource of an
                     * annotated function must have a name at the component level */
                    const bxcm_type *ar = so == S_FUNC ? bxcm_annot_resource(op->args[j].name, get(s, so, op->args[j].si.idx)) : NULL;
                    int named = !ar;
                    for (uint32_t q = 0; ar && q < c->nim && !named; q++) named = c->im[q].sort == S_TYPE && c->im[q].t == ar;
                    for (uint32_t q = 0; ar && q < c->nex && !named; q++) named = c->ex[q].sort == S_TYPE && c->ex[q].t == ar;
                    if (!named) return fail(r, "resource used in function does not have a name in this context");
                }
            } else { r->p--; return fail(r, "invalid instance 0x%02x", k); }
            if (push(r, s, S_INSTANCE, it)) return -1;
            break;
        }
        case 6: {   /* aliases */
            bxcm_op tmp = {0};
            int so;
            void *item;
            if (alias(r, s, &tmp, &so, &item)) return -1;
            if (tmp.op != OP_ALIAS_OUTER || so == S_CORE_MODULE || so == S_COMPONENT) {
                bxcm_op *op = newop(r, c, tmp.op, off);
                if (!op) return -1;
                tmp.off = off;
                /* the runtime wants the module itself (NULL: an imported one) */
                if (tmp.op == OP_ALIAS_OUTER && so == S_CORE_MODULE) tmp.item = (void *)((const cmod *)item)->m;
                *op = tmp;
            }
            if (push(r, s, so, item)) return -1;
            break;
        }
        case 7: {
            bxcm_type *t;
            if (deftype(r, s, &t) || push(r, s, S_TYPE, t)) return -1;
            if (t->k == TK_RESOURCE) {
                bxcm_op *op = newop(r, c, OP_TYPE, off);
                if (!op) return -1;
                op->t = t;
            }
            break;
        }
        case 8: {   /* canon */
            uint8_t k, z;
            uint32_t f, ti;
            bxcm_op *op;
            if (u8(r, &k)) return -1;
            switch (k) {
            case 0x00: {
                if (u8(r, &z)) return -1;
                if (z != 0) { r->p--; return fail(r, "invalid canon lift encoding"); }
                if (idx(r, s, S_CORE_FUNC, &f)) return -1;
                if (!(op = newop(r, c, OP_LIFT, off)) || canon_opts(r, s, &op->opts) || idx(r, s, S_TYPE, &ti)) return -1;
                bxcm_type *ft = get(s, S_TYPE, ti);
                if (!ft || ft->k != TK_FUNC) return fail(r, "type index %u is not a function type", ti);
                bx_functype *sig;
                const cext *cf = get(s, S_CORE_FUNC, f);
                if (core_sig(r, ft, 1, &sig)) return -1;
                if (!cf || !ft_eq(cf->ft, sig)) {
                    char a[200], b[200];
                    ft_str(sig, a, sizeof a);
                    ft_str(cf ? cf->ft : NULL, b, sizeof b);
                    return fail(r, "canon lift: the core function's type %s does not match the lowered type %s of the function type", b, a);
                }
                if (check_opts(r, s, ft, &op->opts, 1, sig)) return -1;
                op->idx = f;
                op->t = ft;
                if (push(r, s, S_FUNC, ft)) return -1;
                break;
            }
            case 0x01: {
                if (u8(r, &z)) return -1;
                if (z != 0) { r->p--; return fail(r, "invalid canon lower encoding"); }
                if (idx(r, s, S_FUNC, &f)) return -1;
                if (!(op = newop(r, c, OP_LOWER, off)) || canon_opts(r, s, &op->opts)) return -1;
                op->idx = f;
                op->t = get(s, S_FUNC, f);
                bx_functype *sig = NULL;
                if (op->t && (check_opts(r, s, op->t, &op->opts, 0, NULL) || core_sig(r, op->t, 0, &sig))) return -1;
                cext *e = new_cext(r, S_CORE_FUNC, sig);
                if (!e || push(r, s, S_CORE_FUNC, e)) return -1;
                break;
            }
            case 0x02: case 0x03: case 0x04: {
                bxcm_type *rt;
                if (resource_ref(r, s, &rt)) return -1;
                if (k != 0x03) {
                    /* new and rep need a resource this component defines (a
                     * child's type import given one of ours counts) */
                    const bxcm_type *base = rt;
                    for (int hops = 0; hops < 64; hops++) {
                        const bxcm_type *nx = NULL;
                        for (uint32_t q = 0; q + 1 < s->subst.n && !nx; q += 2)
                            if (s->subst.v[q] == base) nx = s->subst.v[q + 1];
                        if (!nx || nx == base) break;
                        base = nx;
                    }
                    if (!base->defined || base->owner != c)
                        return fail(r, "resource.%s of type index: not a local resource (not defined in this component)", k == 2 ? "new" : "rep");
                }
                if (!(op = newop(r, c, k == 2 ? OP_RES_NEW : k == 3 ? OP_RES_DROP : OP_RES_REP, off))) return -1;
                op->t = rt;
                static const bx_valtype i32[1] = { BX_I32 };
                static const bx_functype ii = { 1, 1, i32, i32 }, iv = { 1, 0, i32, NULL };
                cext *e = new_cext(r, S_CORE_FUNC, k == 3 ? &iv : &ii);
                if (!e || push(r, s, S_CORE_FUNC, e)) return -1;
                break;
            }
            default:
                r->p--;
                return fail(r, "canonical built-in 0x%02x is not supported (async, threads, error-context)", k);
            }
            break;
        }
        case 10: {  /* imports */
            const char *nm;
            int so, impl;
            bxcm_type *t;
            if (extname(r, &nm, &impl) || externdesc(r, s, &so, &t)) return -1;
            if (impl && so != S_INSTANCE) return fail(r, "only instances can have an `implements`");
            if (vis_check(r, s, 1, so, t)) return -1;
            if (so == S_INSTANCE) {
                tag_resources(r, t, nm);
                tsub ts;
                memset(&ts, 0, sizeof ts);
                ts.mode = TS_IMPORT;
                bxcm_type *ft = tsubst(r, &ts, t, 0);
                free(ts.m.v);
                if (!ft) return -1;
                t = ft;
            }
            if (so == S_COMPONENT && (vpush(r, &s->cty, (void *)(uintptr_t)s->sp[S_COMPONENT].n) || vpush(r, &s->cty, t))) return -1;
            bxcm_type *nt = vname(r, s, 1, so, t);
            if (!nt && t) return -1;
            if (add_cdecl(r, c, 1, nm, so, so == S_TYPE ? (t->k != TK_RESOURCE ? nt : (bxcm_type *)bxcm_root(t)) : t, t)) return -1;
            bxcm_op *op = newop(r, c, OP_IMPORT, off);
            if (!op) return -1;
            op->name = nm; op->sort = so; op->t = t;
            if (push(r, s, so, so == S_COMPONENT ? NULL : so == S_CORE_MODULE ? t->core : nt)) return -1;
            break;
        }
        case 11: {  /* exports */
            const char *nm;
            int so, impl;
            uint32_t ix;
            bxcm_type *asc = NULL;
            if (extname(r, &nm, &impl) || sort(r, &so)) return -1;
            if (impl && so != S_INSTANCE) return fail(r, "only instances can have an `implements`");
            if (so == S_VALUE) return fail(r, "value exports are not supported");
            if (so < S_FUNC && so != S_CORE_MODULE) return fail(r, "exports of a %s", sort_name(so));
            if (idx(r, s, so, &ix)) return -1;
            void *st = get(s, so, ix);
            uint8_t has;
            if (u8(r, &has)) return -1;
            if (has == 1) { int so2; bxcm_type *t2; if (externdesc(r, s, &so2, &t2)) return -1;
                asc = t2;
                char why[200];
                bxcm_submap *sm = r->sm;
                memset(sm, 0, sizeof *sm);
                if (so == S_CORE_MODULE) { if (cmod_sub(r, st, t2->core)) return -1; }
                else if (so != S_COMPONENT && bxcm_sub(st, t2, sm, why, sizeof why))
                    return fail(r, "ascribed type of export is not compatible: %s", why);
                /* the ascription is a supertype check; the new index still
                 * names the item itself (a resource stays that resource) */
                if (so2 != so) return fail(r, "export `%s` ascribed a type of another sort", nm); }
            else if (has != 0) { r->p--; return fail(r, "invalid export type flag"); }
            /* an instance or func export ascribed a type is seen with that type */
            bxcm_type *et = (so == S_INSTANCE || so == S_FUNC) && asc ? asc : st;
            if (vis_check(r, s, 0, so, so == S_TYPE ? st : asc ? asc : st)) return -1;
            bxcm_type *nt = st;
            if ((so == S_TYPE || so == S_INSTANCE) && !(nt = vname(r, s, 0, so, et)) && et) return -1;
            const bxcm_type *dt = so == S_COMPONENT || so == S_CORE_MODULE ? NULL :
                                  so == S_TYPE ? (st && ((bxcm_type *)st)->k == TK_RESOURCE ? bxcm_root(st) : nt) : et;
            if (add_cdecl(r, c, 0, nm, so, (bxcm_type *)dt, asc ? asc : st)) return -1;
            bxcm_op *op = newop(r, c, OP_EXPORT, off);
            if (!op) return -1;
            op->name = nm; op->sort = so; op->idx = ix;
            if (so == S_TYPE) op->t = (bxcm_type *)bxcm_root(st);
            if (push(r, s, so, so == S_TYPE || so == S_INSTANCE ? nt : st)) return -1;
            break;
        }
        case 9: return fail(r, "start definitions (values) are not supported");
        case 12: return fail(r, "value definitions are not supported");
        default: return fail(r, "unknown section id %u", id);
        }
    }
    if (r->p != r->end) return fail(r, "section size mismatch: unexpected data at the end of the section");
    return 0;
}

static bxcm_comp *component(rd *outer, scope *up, size_t len)
{
    bxcm_comp *c = calloc(1, sizeof *c);
    if (!c) { fail(outer, "out of host memory"); return NULL; }
    rd r = { outer->p, outer->p + len, outer->base, outer->err, c, 0, outer->cache_dir, outer->sm, outer->work, NULL };
    scope s = { .up = up, .is_comp = 1 };
    if (too_deep(&s)) { fail(&r, "component and type nesting is too deep (more than %u levels)", MAX_NESTING); goto bad; }
    static const uint8_t magic[8] = { 0, 'a', 's', 'm', 0x0d, 0, 0x01, 0 };
    if (len < 8 || memcmp(r.p, magic, 4) != 0) { fail(&r, "magic header not detected"); goto bad; }
    if (memcmp(r.p + 4, magic + 4, 4) != 0) { r.p += 4; fail(&r, "unknown binary version or layer (not a component)"); goto bad; }
    r.p += 8;
    while (r.p < r.end) {
        uint8_t id;
        uint32_t sz;
        if (u8(&r, &id) || u32(&r, &sz)) goto bad;
        if (sz > (size_t)(r.end - r.p)) { fail(&r, "section size %u past the end", sz); goto bad; }
        const uint8_t *end = r.p + sz, *save = r.end;
        if (id == 0) {   /* custom: a name, then anything */
            r.end = end;
            const char *nm;
            if (name(&r, &nm)) goto bad;
            r.p = end;
            r.end = save;
            continue;
        }
        if (id > 12) { r.p--; fail(&r, "unknown section id %u", id); goto bad; }
        r.end = end;
        int rc = section(&r, &s, c, id);
        r.end = save;
        if (rc) goto bad;
        r.p = end;
    }
    outer->p = r.end;
    scope_free(&s);
    return c;
bad:
    outer->failed = 1;
    scope_free(&s);
    bxcm_free(c);
    return NULL;
}

int bxcm_is_component(const uint8_t *b, size_t len)
{
    return len >= 8 && !memcmp(b, "\0asm", 4) && b[4] == 0x0d && b[5] == 0 && b[6] == 0x01 && b[7] == 0;
}

bxcm_comp *bxcm_decode(const uint8_t *bytes, size_t len, bx_error *err)
{
    return bxcm_decode_cached(bytes, len, NULL, err);
}

bxcm_comp *bxcm_decode_cached(const uint8_t *bytes, size_t len, const char *cache_dir, bx_error *err)
{
    bx_error dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    /* one substitution map for the whole decode (kept off the stack) */
    bxcm_submap *sm = calloc(1, sizeof *sm);
    if (!sm) { err->status = BX_ERR_INVALID; snprintf(err->msg, sizeof err->msg, "out of host memory"); return NULL; }
    uint64_t work = 0;
    rd r = { bytes, bytes + len, bytes, err, NULL, 0, cache_dir, sm, &work, NULL }, *rp = &r;
    bxcm_comp *c = component(rp, NULL, len);
    free(sm);
    return c;
}

void bxcm_free(bxcm_comp *c)
{
    if (!c) return;
    for (uint32_t i = 0; i < c->nmods; i++) bx_module_free(c->mods[i]);
    for (uint32_t i = 0; i < c->nkids; i++) bxcm_free(c->kids[i]);
    free(c->mods);
    free(c->kids);
    free(c->ops);
    free(c->im);
    free(c->ex);
    bxcm_arena_free(&c->arena);
    free(c);
}

uint32_t bxcm_import_count(const bxcm_comp *c) { return c->nim; }
const bxcm_decl *bxcm_import(const bxcm_comp *c, uint32_t i) { return i < c->nim ? &c->im[i] : NULL; }
