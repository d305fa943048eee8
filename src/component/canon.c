/*
 * canon.c — the canonical ABI (CanonicalABI.md; definitions.py is the
 * executable reference these functions follow, name for name): sizes,
 * alignment, flattening, lifting and lowering of every value type, strings
 * in the three encodings, and the resource handle tables.
 *
 * Every guest pointer is checked against the memory's current size before
 * use, every alignment the ABI requires is checked, and every failure is a
 * trap with a message (bxcm_trap), never a host crash.  Lifted values live
 * in the context's call arena, whose bound caps what one call can make the
 * host allocate (a list of strings all pointing at one big string would
 * otherwise multiply it).
 */
#include "comp_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STRING_BYTE_LENGTH ((1u << 28) - 1)
#define MAX_LIST_BYTE_LENGTH ((1u << 28) - 1)
#define UTF16_TAG (1u << 31)
#define TABLE_MAX ((1u << 28) - 1)
#define TABLE_HOST_CAP (1u << 20)   /* host bound on one instance's handle table */

static uint32_t align_to(uint32_t p, uint32_t a) { return (p + a - 1) / a * a; }

static int trap(bxcm_cx *cx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bxcm_trapv(cx->ctx, BX_TRAP_HOST, fmt, ap);
    va_end(ap);
    return -1;
}

static void *cvalloc(bxcm_cx *cx, size_t n)
{
    void *p = bxcm_arena_alloc(&cx->ctx->callarena, n);
    if (!p) trap(cx, "values of one call exceed the host's bound of %zu MiB", cx->ctx->callarena.cap >> 20);
    return p;
}

/* ---- sizes, alignment, flattening ---------------------------------- */
static uint32_t disc_size(uint32_t n) { return n <= 256 ? 1 : n <= 65536 ? 2 : 4; }

static uint32_t ncases(const bxcm_type *t)
{
    switch (t->k) {
    case TK_OPTION: case TK_RESULT: return 2;
    default: return t->n;
    }
}

/* case i's payload type (NULL: none) */
static const bxcm_type *case_t(const bxcm_type *t, uint32_t i)
{
    switch (t->k) {
    case TK_OPTION: return i ? t->t0 : NULL;
    case TK_RESULT: return i ? t->t1 : t->t0;
    case TK_ENUM: return NULL;
    default: return t->ts[i];
    }
}


static uint32_t max_case_align(const bxcm_type *t)
{
    uint32_t a = 1;
    for (uint32_t i = 0; i < ncases(t); i++) {
        const bxcm_type *c = case_t(t, i);
        if (c) { uint32_t x = bxcm_align(c); if (x > a) a = x; }
    }
    return a;
}

uint32_t bxcm_align(const bxcm_type *t)
{
    switch (t->k) {
    case TK_BOOL: case TK_S8: case TK_U8: return 1;
    case TK_S16: case TK_U16: return 2;
    case TK_S32: case TK_U32: case TK_F32: case TK_CHAR: case TK_ERRCTX: return 4;
    case TK_S64: case TK_U64: case TK_F64: return 8;
    case TK_STRING: case TK_MAP: return 4;
    case TK_LIST: return t->len ? bxcm_align(t->t0) : 4;
    case TK_RECORD: case TK_TUPLE: {
        uint32_t a = 1;
        for (uint32_t i = 0; i < t->n; i++) { uint32_t x = bxcm_align(t->ts[i]); if (x > a) a = x; }
        return a;
    }
    case TK_VARIANT: case TK_ENUM: case TK_OPTION: case TK_RESULT: {
        uint32_t d = disc_size(ncases(t)), m = max_case_align(t);
        return d > m ? d : m;
    }
    case TK_FLAGS: return t->n <= 8 ? 1 : t->n <= 16 ? 2 : 4;
    default: return 4;   /* own, borrow, stream, future */
    }
}

uint32_t bxcm_size(const bxcm_type *t)
{
    switch (t->k) {
    case TK_BOOL: case TK_S8: case TK_U8: return 1;
    case TK_S16: case TK_U16: return 2;
    case TK_S32: case TK_U32: case TK_F32: case TK_CHAR: case TK_ERRCTX: return 4;
    case TK_S64: case TK_U64: case TK_F64: return 8;
    case TK_STRING: case TK_MAP: return 8;
    case TK_LIST: {
        if (!t->len) return 8;
        uint64_t s = (uint64_t)t->len * bxcm_size(t->t0);
        return s > UINT32_MAX ? UINT32_MAX : (uint32_t)s;
    }
    case TK_RECORD: case TK_TUPLE: {
        uint64_t s = 0;
        for (uint32_t i = 0; i < t->n; i++) {
            s = align_to((uint32_t)s, bxcm_align(t->ts[i]));
            s += bxcm_size(t->ts[i]);
            if (s > UINT32_MAX / 2) return UINT32_MAX;
        }
        return align_to((uint32_t)s, bxcm_align(t));
    }
    case TK_VARIANT: case TK_ENUM: case TK_OPTION: case TK_RESULT: {
        uint32_t s = disc_size(ncases(t));
        s = align_to(s, max_case_align(t));
        uint32_t cs = 0;
        for (uint32_t i = 0; i < ncases(t); i++) {
            const bxcm_type *c = case_t(t, i);
            if (c) { uint32_t x = bxcm_size(c); if (x > cs) cs = x; }
        }
        if ((uint64_t)s + cs > UINT32_MAX / 2) return UINT32_MAX;
        return align_to(s + cs, bxcm_align(t));
    }
    case TK_FLAGS: return t->n <= 8 ? 1 : t->n <= 16 ? 2 : 4;
    default: return 4;
    }
}

static bx_valtype join(bx_valtype a, bx_valtype b)
{
    if (a == b) return a;
    if ((a == BX_I32 && b == BX_F32) || (a == BX_F32 && b == BX_I32)) return BX_I32;
    return BX_I64;
}

/* Flatten into out[0..cap); *n gets the full count (may exceed cap). */
int bxcm_flatten(const bxcm_type *t, bx_valtype *out, uint32_t cap, uint32_t *n)
{
#define PUT(v) do { if (*n < cap) out[*n] = (v); (*n)++; if (*n > 4096) return -1; } while (0)
    switch (t->k) {
    case TK_S64: case TK_U64: PUT(BX_I64); return 0;
    case TK_F32: PUT(BX_F32); return 0;
    case TK_F64: PUT(BX_F64); return 0;
    case TK_STRING: case TK_MAP: PUT(BX_I32); PUT(BX_I32); return 0;
    case TK_LIST:
        if (!t->len) { PUT(BX_I32); PUT(BX_I32); return 0; }
        for (uint32_t i = 0; i < t->len; i++) if (bxcm_flatten(t->t0, out, cap, n)) return -1;
        return 0;
    case TK_RECORD: case TK_TUPLE:
        for (uint32_t i = 0; i < t->n; i++) if (bxcm_flatten(t->ts[i], out, cap, n)) return -1;
        return 0;
    case TK_VARIANT: case TK_ENUM: case TK_OPTION: case TK_RESULT: {
        PUT(BX_I32);
        uint32_t base = *n, len = 0;
        bx_valtype tmp[64];
        for (uint32_t i = 0; i < ncases(t); i++) {
            const bxcm_type *c = case_t(t, i);
            if (!c) continue;
            uint32_t k = 0;
            if (bxcm_flatten(c, tmp, 64, &k)) return -1;
            if (k > 64) return -1;
            for (uint32_t j = 0; j < k; j++) {
                if (j < len) { if (base + j < cap) out[base + j] = join(out[base + j], tmp[j]); }
                else { if (base + j < cap) out[base + j] = tmp[j]; len++; }
            }
        }
        *n = base + len;
        return 0;
    }
    default: PUT(BX_I32); return 0;
    }
#undef PUT
}

uint32_t bxcm_flat_count(const bxcm_type *t)
{
    uint32_t n = 0;
    if (bxcm_flatten(t, NULL, 0, &n)) return 4097;
    return n;
}

/* ---- handle tables --------------------------------------------------- */
const bxcm_type *bxcm_resolve(const bxcm_ci *ci, const bxcm_type *t)
{
    for (int hops = 0; ci && hops < 64; hops++) {
        const bxcm_ci *found = NULL;
        for (uint32_t i = ci->nsubst; i-- > 0;)
            if (ci->sfrom[i] == t) { t = ci->sto[i]; found = ci; break; }
        if (!found) ci = ci->parent;
        else ci = found->parent;
    }
    return t;
}

int bxcm_subst(bxcm_ctx *ctx, bxcm_ci *ci, const bxcm_type *from, const bxcm_type *to)
{
    if (from == to) return 0;
    if (ci->nsubst == ci->capsubst) {
        uint32_t nc = ci->capsubst ? ci->capsubst * 2 : 16;
        const bxcm_type **a = bxcm_arena_alloc(&ctx->arena, nc * sizeof *a), **b = bxcm_arena_alloc(&ctx->arena, nc * sizeof *b);
        if (!a || !b) return bxcm_trap(ctx, BX_TRAP_HOST, "out of host memory");
        if (ci->nsubst) { memcpy(a, ci->sfrom, ci->nsubst * sizeof *a); memcpy(b, ci->sto, ci->nsubst * sizeof *b); }
        ci->sfrom = a; ci->sto = b; ci->capsubst = nc;
    }
    ci->sfrom[ci->nsubst] = from;
    ci->sto[ci->nsubst++] = to;
    return 0;
}

int bxcm_handle_add(bxcm_ctx *ctx, bxcm_ci *ci, const bxcm_type *rt, uint32_t rep, int own, uint64_t scope, uint32_t *out)
{
    uint32_t i;
    if (ci->free_head) {
        i = ci->free_head;
        ci->free_head = ci->h[i].next_free;
    } else {
        if (ci->nh == 0) ci->nh = 1;   /* index 0 is never a handle */
        if (ci->nh > TABLE_MAX || ci->nh >= TABLE_HOST_CAP)
            return bxcm_trap(ctx, BX_TRAP_HOST, "handle table full (%u handles)", ci->nh);
        if (ci->nh >= ci->caph) {
            uint32_t nc = ci->caph ? ci->caph * 2 : 64;
            bxcm_handle *n = realloc(ci->h, nc * sizeof *n);
            if (!n) return bxcm_trap(ctx, BX_TRAP_HOST, "out of host memory for a handle table");
            ci->h = n; ci->caph = nc;
        }
        i = ci->nh++;
    }
    ci->h[i] = (bxcm_handle){ rt, rep, (uint8_t)own, 0, scope, 0 };
    *out = i;
    return 0;
}

bxcm_handle *bxcm_handle_get(bxcm_ctx *ctx, bxcm_ci *ci, uint32_t i)
{
    if (i == 0 || i >= ci->nh || !ci->h[i].rt) {
        bxcm_trap(ctx, BX_TRAP_HOST, "unknown handle index %u", i);
        return NULL;
    }
    return &ci->h[i];
}

void bxcm_handle_remove(bxcm_ci *ci, uint32_t i)
{
    ci->h[i].rt = NULL;
    ci->h[i].next_free = ci->free_head;
    ci->free_head = i;
}

bxcm_rdef *bxcm_rdef_find(bxcm_ctx *ctx, const bxcm_type *rt)
{
    for (uint32_t i = 0; i < ctx->nrdefs; i++) if (ctx->rdefs[i].rt == rt) return &ctx->rdefs[i];
    return NULL;
}

static int lift_own(bxcm_cx *cx, const bxcm_type *t, uint32_t i, bxcm_val *out)
{
    if (cx->host) { out->rep = i; return 0; }
    bxcm_handle *h = bxcm_handle_get(cx->ctx, cx->ci, i);
    if (!h) return -1;
    const bxcm_type *rt = bxcm_resolve(cx->ci, t->t0);
    if (h->rt != rt) return trap(cx, "handle %u is not of the expected resource type", i);
    if (h->lends) return trap(cx, "cannot pass handle %u: it is lent out", i);
    if (!h->own) return trap(cx, "cannot pass borrowed handle %u as owned", i);
    out->rep = h->rep;
    bxcm_handle_remove(cx->ci, i);
    return 0;
}

static int lift_borrow(bxcm_cx *cx, const bxcm_type *t, uint32_t i, bxcm_val *out)
{
    if (cx->host) { out->rep = i; return 0; }
    bxcm_handle *h = bxcm_handle_get(cx->ctx, cx->ci, i);
    if (!h) return -1;
    const bxcm_type *rt = bxcm_resolve(cx->ci, t->t0);
    if (h->rt != rt) return trap(cx, "handle %u is not of the expected resource type", i);
    if (cx->nlends == cx->caplends) {
        uint32_t nc = cx->caplends ? cx->caplends * 2 : 8;
        bxcm_lend *n = cvalloc(cx, nc * sizeof *n);
        if (!n) return -1;
        if (cx->nlends) memcpy(n, cx->lends, cx->nlends * sizeof *n);
        cx->lends = n; cx->caplends = nc;
    }
    h->lends++;
    cx->lends[cx->nlends++] = (bxcm_lend){ cx->ci, i };
    out->rep = h->rep;
    return 0;
}

void bxcm_unlend(bxcm_cx *cx)
{
    for (uint32_t i = 0; i < cx->nlends; i++) {
        bxcm_ci *ci = cx->lends[i].ci;
        uint32_t h = cx->lends[i].h;
        if (h < ci->nh && ci->h[h].rt && ci->h[h].lends) ci->h[h].lends--;
    }
    cx->nlends = 0;
}

static int lower_own(bxcm_cx *cx, const bxcm_type *t, uint32_t rep, uint32_t *out)
{
    if (cx->host) { *out = rep; return 0; }
    return bxcm_handle_add(cx->ctx, cx->ci, bxcm_resolve(cx->ci, t->t0), rep, 1, 0, out);
}

static int lower_borrow(bxcm_cx *cx, const bxcm_type *t, uint32_t rep, uint32_t *out)
{
    if (cx->host) { *out = rep; return 0; }
    const bxcm_type *rt = bxcm_resolve(cx->ci, t->t0);
    bxcm_rdef *d = bxcm_rdef_find(cx->ctx, rt);
    if (d && d->impl == cx->ci) { *out = rep; return 0; }
    if (bxcm_handle_add(cx->ctx, cx->ci, rt, rep, 0, cx->ctx->callid, out)) return -1;
    cx->ci->borrows++;
    return 0;
}

/* ---- memory ---------------------------------------------------------- */
static uint8_t *mem_at(bxcm_cx *cx, uint64_t ptr, uint64_t n)
{
    if (!cx->mem) { trap(cx, "canonical ABI: no memory"); return NULL; }
    uint64_t sz = bx_memory_size(cx->mem);
    if (ptr > sz || n > sz - ptr) {
        trap(cx, "canonical ABI: %llu bytes at 0x%llx are out of bounds of memory (%llu bytes)",
             (unsigned long long)n, (unsigned long long)ptr, (unsigned long long)sz);
        return NULL;
    }
    return bx_memory_data(cx->mem) + ptr;
}

static uint64_t ld(const uint8_t *p, uint32_t n)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static void st(uint8_t *p, uint64_t v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) p[i] = (uint8_t)(v >> (8 * i));
}

int bxcm_realloc_call(bxcm_cx *cx, uint32_t optr, uint32_t osz, uint32_t align, uint32_t nsz, uint32_t *out)
{
    if (!cx->realloc) return trap(cx, "canonical ABI: no realloc");
    bx_val a[4] = { { BX_I32, optr }, { BX_I32, osz }, { BX_I32, align }, { BX_I32, nsz } }, r[1];
    bx_error e;
    bool ml = cx->ci->may_leave;
    cx->ci->may_leave = false;
    bx_status s = bx_func_call(cx->ctx->s, cx->realloc, a, 4, r, 1, &e);
    cx->ci->may_leave = ml;
    if (s != BX_OK) {
        if (e.status == BX_ERR_TRAP) {
            if (e.trap == BX_TRAP_EXIT) return bxcm_trap(cx->ctx, BX_TRAP_EXIT, "exit");
            return bxcm_trap(cx->ctx, e.trap, "%s", e.msg);
        }
        return trap(cx, "realloc: %s", e.msg);
    }
    *out = (uint32_t)r[0].bits;
    if (*out % align) return trap(cx, "realloc returned misaligned pointer 0x%x (alignment %u)", *out, align);
    if (!mem_at(cx, *out, nsz)) return -1;
    return 0;
}

/* ---- strings --------------------------------------------------------- */
enum { SE_UTF8, SE_UTF16, SE_LATIN1 };

typedef struct cpit { const uint8_t *p; uint32_t len, i; int enc; } cpit;

/* Next code point of an already-validated source. */
static int next_cp(cpit *it, uint32_t *cp)
{
    if (it->i >= it->len) return 0;
    const uint8_t *p = it->p + it->i;
    switch (it->enc) {
    case SE_LATIN1: *cp = *p; it->i++; return 1;
    case SE_UTF16: {
        uint32_t u = (uint32_t)p[0] | (uint32_t)p[1] << 8;
        it->i += 2;
        if (u >= 0xd800 && u <= 0xdbff && it->i + 1 < it->len) {
            uint32_t l = (uint32_t)p[2] | (uint32_t)p[3] << 8;
            u = 0x10000 + ((u - 0xd800) << 10) + (l - 0xdc00);
            it->i += 2;
        }
        *cp = u;
        return 1;
    }
    default: {
        uint8_t b = p[0];
        uint32_t k = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
        uint32_t c = k == 1 ? b : k == 2 ? b & 0x1f : k == 3 ? b & 0x0f : b & 0x07;
        for (uint32_t j = 1; j < k; j++) c = c << 6 | (p[j] & 0x3f);
        it->i += k;
        *cp = c;
        return 1;
    }
    }
}

static int utf8_valid(const uint8_t *s, uint32_t n)
{
    for (uint32_t i = 0; i < n;) {
        uint8_t b = s[i];
        uint32_t k = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 0;
        if (!k || i + k > n) return 0;
        uint32_t cp = k == 1 ? b : k == 2 ? b & 0x1f : k == 3 ? b & 0x0f : b & 0x07;
        for (uint32_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xc0) != 0x80) return 0;
            cp = cp << 6 | (s[i + j] & 0x3f);
        }
        if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += k;
    }
    return 1;
}

static int utf16_valid(const uint8_t *s, uint32_t n)
{
    for (uint32_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = (uint32_t)s[i] | (uint32_t)s[i + 1] << 8;
        if (u >= 0xdc00 && u <= 0xdfff) return 0;
        if (u >= 0xd800 && u <= 0xdbff) {
            if (i + 3 >= n) return 0;
            uint32_t l = (uint32_t)s[i + 2] | (uint32_t)s[i + 3] << 8;
            if (l < 0xdc00 || l > 0xdfff) return 0;
            i += 2;
        }
    }
    return 1;
}

static int load_string_from_range(bxcm_cx *cx, uint32_t ptr, uint32_t tagged, bxcm_val *out)
{
    uint32_t align = 1, se;
    uint64_t bytes;
    switch (cx->opts->enc) {
    case ENC_UTF16: align = 2; bytes = 2ull * tagged; se = SE_UTF16; break;
    case ENC_LATIN1_UTF16:
        align = 2;
        if (tagged & UTF16_TAG) { bytes = 2ull * (tagged ^ UTF16_TAG); se = SE_UTF16; }
        else { bytes = tagged; se = SE_LATIN1; }
        break;
    default: bytes = tagged; se = SE_UTF8; break;
    }
    if (bytes > MAX_STRING_BYTE_LENGTH) return trap(cx, "string byte length %llu exceeds the maximum", (unsigned long long)bytes);
    if (ptr % align) return trap(cx, "string pointer 0x%x is misaligned (alignment %u)", ptr, align);
    const uint8_t *src = mem_at(cx, ptr, bytes);
    if (!src) return -1;
    if (se == SE_UTF8 && !utf8_valid(src, (uint32_t)bytes)) return trap(cx, "invalid UTF-8 in a string");
    if (se == SE_UTF16 && !utf16_valid(src, (uint32_t)bytes)) return trap(cx, "invalid UTF-16 in a string");
    uint8_t *p = cvalloc(cx, bytes + 1);
    if (!p) return -1;
    memcpy(p, src, bytes);
    out->str.p = p;
    out->str.len = (uint32_t)bytes;
    out->str.enc = (uint8_t)cx->opts->enc;
    out->str.units = tagged;
    return 0;
}

static int src_simple(const bxcm_val *v, uint32_t *units)
{
    if (v->str.enc == ENC_LATIN1_UTF16) {
        if (v->str.units & UTF16_TAG) { *units = v->str.units ^ UTF16_TAG; return SE_UTF16; }
        *units = v->str.units;
        return SE_LATIN1;
    }
    *units = v->str.units;
    return v->str.enc == ENC_UTF16 ? SE_UTF16 : SE_UTF8;
}

static uint32_t put_utf8(uint8_t *d, uint32_t c)
{
    if (c < 0x80) { d[0] = (uint8_t)c; return 1; }
    if (c < 0x800) { d[0] = (uint8_t)(0xc0 | c >> 6); d[1] = (uint8_t)(0x80 | (c & 0x3f)); return 2; }
    if (c < 0x10000) { d[0] = (uint8_t)(0xe0 | c >> 12); d[1] = (uint8_t)(0x80 | (c >> 6 & 0x3f)); d[2] = (uint8_t)(0x80 | (c & 0x3f)); return 3; }
    d[0] = (uint8_t)(0xf0 | c >> 18); d[1] = (uint8_t)(0x80 | (c >> 12 & 0x3f));
    d[2] = (uint8_t)(0x80 | (c >> 6 & 0x3f)); d[3] = (uint8_t)(0x80 | (c & 0x3f));
    return 4;
}

static uint32_t put_utf16(uint8_t *d, uint32_t c)
{
    if (c < 0x10000) { d[0] = (uint8_t)c; d[1] = (uint8_t)(c >> 8); return 2; }
    c -= 0x10000;
    uint32_t h = 0xd800 + (c >> 10), l = 0xdc00 + (c & 0x3ff);
    d[0] = (uint8_t)h; d[1] = (uint8_t)(h >> 8); d[2] = (uint8_t)l; d[3] = (uint8_t)(l >> 8);
    return 4;
}

/* Encode the whole source into a host buffer (utf8 or utf16le). */
static uint8_t *encode(bxcm_cx *cx, const bxcm_val *v, int se, int to16, uint32_t *outlen)
{
    uint32_t units;
    cpit it = { v->str.p, v->str.len, 0, se };
    (void)src_simple(v, &units);
    uint8_t *buf = cvalloc(cx, (size_t)v->str.len * 2 + 8);
    if (!buf) return NULL;
    uint32_t n = 0, c;
    while (next_cp(&it, &c)) n += to16 ? put_utf16(buf + n, c) : put_utf8(buf + n, c);
    *outlen = n;
    return buf;
}

static int alloc_str(bxcm_cx *cx, uint32_t align, uint32_t n, uint32_t *ptr)
{
    if (bxcm_realloc_call(cx, 0, 0, align, n, ptr)) return -1;
    return 0;
}

static int store_string_copy(bxcm_cx *cx, const bxcm_val *v, int se, uint32_t units, uint32_t cus, uint32_t al, int dst,
                             uint32_t *optr, uint32_t *olen)
{
    uint64_t bl = (uint64_t)cus * units;
    if (bl > MAX_STRING_BYTE_LENGTH) return trap(cx, "string too long");
    uint32_t ptr;
    if (alloc_str(cx, al, (uint32_t)bl, &ptr)) return -1;
    if (ptr % al) return trap(cx, "realloc returned misaligned pointer 0x%x", ptr);
    uint8_t *d = mem_at(cx, ptr, bl);
    if (!d) return -1;
    cpit it = { v->str.p, v->str.len, 0, se };
    uint32_t c, n = 0;
    while (next_cp(&it, &c) && n < bl) {
        if (dst == SE_UTF8) n += put_utf8(d + n, c);
        else if (dst == SE_UTF16) n += put_utf16(d + n, c);
        else d[n++] = (uint8_t)c;
    }
    *optr = ptr;
    *olen = units;
    return 0;
}

static int store_string_into_range(bxcm_cx *cx, const bxcm_val *v, uint32_t *optr, uint32_t *olen)
{
    uint32_t units;
    int se = src_simple(v, &units);
    uint32_t ptr;
    switch (cx->opts->enc) {
    case ENC_UTF8:
        if (se == SE_UTF8) return store_string_copy(cx, v, se, units, 1, 1, SE_UTF8, optr, olen);
        {   /* utf16 or latin1 to utf8 */
            uint64_t worst = (uint64_t)units * (se == SE_UTF16 ? 3 : 2);
            if (units > MAX_STRING_BYTE_LENGTH) return trap(cx, "string too long");
            if (alloc_str(cx, 1, units, &ptr)) return -1;
            uint32_t enclen;
            uint8_t *enc = encode(cx, v, se, 0, &enclen);
            if (!enc) return -1;
            uint32_t i = 0;
            while (i < units && i < enclen && enc[i] < 0x80) i++;
            if (enclen == units && i == units) {
                uint8_t *d = mem_at(cx, ptr, units);
                if (!d) return -1;
                memcpy(d, enc, units);
                *optr = ptr; *olen = units;
                return 0;
            }
            uint8_t *d = mem_at(cx, ptr, i);
            if (!d) return -1;
            memcpy(d, enc, i);
            if (worst > UINT32_MAX) return trap(cx, "string too long");
            if (bxcm_realloc_call(cx, ptr, units, 1, (uint32_t)worst, &ptr)) return -1;
            if (!(d = mem_at(cx, ptr, worst))) return -1;
            memcpy(d + i, enc + i, enclen - i);
            if (worst > enclen) {
                if (bxcm_realloc_call(cx, ptr, (uint32_t)worst, 1, enclen, &ptr)) return -1;
                if (!mem_at(cx, ptr, enclen)) return -1;
            }
            *optr = ptr; *olen = enclen;
            return 0;
        }
    case ENC_UTF16:
        if (se == SE_UTF16 || se == SE_LATIN1) return store_string_copy(cx, v, se, units, 2, 2, SE_UTF16, optr, olen);
        {   /* utf8 to utf16 */
            uint64_t worst = 2ull * units;
            if (worst > MAX_STRING_BYTE_LENGTH * 2ull) return trap(cx, "string too long");
            if (alloc_str(cx, 2, (uint32_t)worst, &ptr)) return -1;
            if (ptr % 2) return trap(cx, "realloc returned misaligned pointer 0x%x", ptr);
            uint8_t *d = mem_at(cx, ptr, worst);
            if (!d) return -1;
            uint32_t enclen;
            uint8_t *enc = encode(cx, v, se, 1, &enclen);
            if (!enc) return -1;
            memcpy(d, enc, enclen);
            if (enclen < worst) {
                if (bxcm_realloc_call(cx, ptr, (uint32_t)worst, 2, enclen, &ptr)) return -1;
                if (ptr % 2) return trap(cx, "realloc returned misaligned pointer 0x%x", ptr);
                if (!mem_at(cx, ptr, enclen)) return -1;
            }
            *optr = ptr; *olen = enclen / 2;
            return 0;
        }
    default:   /* latin1+utf16 */
        if (v->str.enc == ENC_LATIN1_UTF16 && se == SE_LATIN1)
            return store_string_copy(cx, v, se, units, 1, 2, SE_LATIN1, optr, olen);
        if (v->str.enc == ENC_LATIN1_UTF16 && se == SE_UTF16) {
            /* store_probably_utf16_to_latin1_or_utf16 */
            uint64_t sbl = 2ull * units;
            if (alloc_str(cx, 2, (uint32_t)sbl, &ptr)) return -1;
            if (ptr % 2) return trap(cx, "realloc returned misaligned pointer 0x%x", ptr);
            uint8_t *d = mem_at(cx, ptr, sbl);
            if (!d) return -1;
            memcpy(d, v->str.p, v->str.len);
            cpit it = { v->str.p, v->str.len, 0, SE_UTF16 };
            uint32_t c, wide = 0;
            while (next_cp(&it, &c)) if (c >= 256) { wide = 1; break; }
            if (wide) { *optr = ptr; *olen = (v->str.len / 2) | UTF16_TAG; return 0; }
            uint32_t l1 = v->str.len / 2;
            for (uint32_t i = 0; i < l1; i++) d[i] = d[2 * i];
            if (bxcm_realloc_call(cx, ptr, (uint32_t)sbl, 1, l1, &ptr)) return -1;
            if (!mem_at(cx, ptr, l1)) return -1;
            *optr = ptr; *olen = l1;
            return 0;
        }
        {   /* store_string_to_latin1_or_utf16 from utf8 or utf16 */
            if (units > MAX_STRING_BYTE_LENGTH) return trap(cx, "string too long");
            if (alloc_str(cx, 2, units, &ptr)) return -1;
            if (ptr % 2) return trap(cx, "realloc returned misaligned pointer 0x%x", ptr);
            uint8_t *d = mem_at(cx, ptr, units);
            if (!d) return -1;
            cpit it = { v->str.p, v->str.len, 0, se };
            uint32_t c, dbl = 0;
            while (next_cp(&it, &c)) {
                if (c < 256) { d[dbl++] = (uint8_t)c; continue; }
                uint64_t worst = 2ull * units;
                if (bxcm_realloc_call(cx, ptr, units, 2, (uint32_t)worst, &ptr)) return -1;
                if (ptr % 2) return trap(cx, "realloc returned misaligned pointer 0x%x", ptr);
                if (!(d = mem_at(cx, ptr, worst))) return -1;
                for (uint32_t j = dbl; j-- > 0;) { d[2 * j] = d[j]; d[2 * j + 1] = 0; }
                uint32_t enclen;
                uint8_t *enc = encode(cx, v, se, 1, &enclen);
                if (!enc) return -1;
                memcpy(d + 2 * dbl, enc + 2 * dbl, enclen - 2 * dbl);
                if (worst > enclen) {
                    if (bxcm_realloc_call(cx, ptr, (uint32_t)worst, 2, enclen, &ptr)) return -1;
                    if (ptr % 2) return trap(cx, "realloc returned misaligned pointer 0x%x", ptr);
                    if (!mem_at(cx, ptr, enclen)) return -1;
                }
                *optr = ptr; *olen = (enclen / 2) | UTF16_TAG;
                return 0;
            }
            if (dbl < units) {
                if (bxcm_realloc_call(cx, ptr, units, 2, dbl, &ptr)) return -1;
                if (ptr % 2) return trap(cx, "realloc returned misaligned pointer 0x%x", ptr);
                if (!mem_at(cx, ptr, dbl)) return -1;
            }
            *optr = ptr; *olen = dbl;
            return 0;
        }
    }
}

/* ---- load / store ---------------------------------------------------- */
static int is_bytes(const bxcm_type *t) { return !t->len && (t->t0->k == TK_U8 || t->t0->k == TK_S8); }

static uint32_t canon_f32(uint32_t b) { return ((b & 0x7f800000u) == 0x7f800000u && (b & 0x7fffffu)) ? 0x7fc00000u : b; }
static uint64_t canon_f64(uint64_t b)
{
    return ((b & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (b & 0xfffffffffffffull)) ? 0x7ff8000000000000ull : b;
}

static int set_prim(bxcm_cx *cx, const bxcm_type *t, uint64_t x, bxcm_val *out)
{
    switch (t->k) {
    case TK_BOOL: out->u = x != 0; return 0;
    case TK_U8: out->u = x & 0xff; return 0;
    case TK_U16: out->u = x & 0xffff; return 0;
    case TK_U32: out->u = x & 0xffffffffu; return 0;
    case TK_U64: out->u = x; return 0;
    case TK_S8: out->s = (int8_t)x; return 0;
    case TK_S16: out->s = (int16_t)x; return 0;
    case TK_S32: out->s = (int32_t)x; return 0;
    case TK_S64: out->s = (int64_t)x; return 0;
    case TK_F32: { uint32_t b = canon_f32((uint32_t)x); memcpy(&out->f32, &b, 4); return 0; }
    case TK_F64: { uint64_t b = canon_f64(x); memcpy(&out->f64, &b, 8); return 0; }
    case TK_CHAR: {
        uint32_t c = (uint32_t)x;
        if (c >= 0x110000 || (c >= 0xd800 && c <= 0xdfff)) return trap(cx, "invalid char value 0x%x", c);
        out->c = c;
        return 0;
    }
    default: return trap(cx, "internal: not a primitive");
    }
}

static int load_list_from_range(bxcm_cx *cx, const bxcm_type *t, uint32_t ptr, uint32_t n, bxcm_val *out)
{
    const bxcm_type *e = t->t0;
    uint64_t es = bxcm_size(e), bl = es * n;
    if (bl > MAX_LIST_BYTE_LENGTH) return trap(cx, "list byte length %llu exceeds the maximum", (unsigned long long)bl);
    if (ptr % bxcm_align(e)) return trap(cx, "list pointer 0x%x is misaligned (alignment %u)", ptr, bxcm_align(e));
    const uint8_t *src = mem_at(cx, ptr, bl);
    if (!src) return -1;
    out->agg.n = n;
    if (is_bytes(t)) {
        if (!(out->agg.bytes = cvalloc(cx, n + 1))) return -1;
        memcpy(out->agg.bytes, src, n);
        return 0;
    }
    if (!(out->agg.v = cvalloc(cx, (size_t)n * sizeof(bxcm_val)))) return -1;
    for (uint32_t i = 0; i < n; i++)
        if (bxcm_load(cx, e, ptr + (uint64_t)i * es, &out->agg.v[i])) return -1;
    return 0;
}

int bxcm_load(bxcm_cx *cx, const bxcm_type *t, uint64_t ptr, bxcm_val *out)
{
    uint32_t sz = bxcm_size(t);
    const uint8_t *p = mem_at(cx, ptr, sz);
    if (!p) return -1;
    switch (t->k) {
    case TK_BOOL: case TK_U8: case TK_S8: case TK_U16: case TK_S16: case TK_U32: case TK_S32:
    case TK_U64: case TK_S64: case TK_F32: case TK_F64: case TK_CHAR:
        return set_prim(cx, t, ld(p, sz), out);
    case TK_STRING: return load_string_from_range(cx, (uint32_t)ld(p, 4), (uint32_t)ld(p + 4, 4), out);
    case TK_LIST:
        if (t->len) {
            out->agg.n = t->len;
            if (!(out->agg.v = cvalloc(cx, (size_t)t->len * sizeof(bxcm_val)))) return -1;
            for (uint32_t i = 0; i < t->len; i++)
                if (bxcm_load(cx, t->t0, ptr + (uint64_t)i * bxcm_size(t->t0), &out->agg.v[i])) return -1;
            return 0;
        }
        return load_list_from_range(cx, t, (uint32_t)ld(p, 4), (uint32_t)ld(p + 4, 4), out);
    case TK_RECORD: case TK_TUPLE: {
        out->agg.n = t->n;
        if (!(out->agg.v = cvalloc(cx, (size_t)t->n * sizeof(bxcm_val)))) return -1;
        uint64_t q = ptr;
        for (uint32_t i = 0; i < t->n; i++) {
            q = align_to((uint32_t)q, bxcm_align(t->ts[i]));
            if (bxcm_load(cx, t->ts[i], q, &out->agg.v[i])) return -1;
            q += bxcm_size(t->ts[i]);
        }
        return 0;
    }
    case TK_VARIANT: case TK_ENUM: case TK_OPTION: case TK_RESULT: {
        uint32_t ds = disc_size(ncases(t));
        uint32_t ci = (uint32_t)ld(p, ds);
        if (ci >= ncases(t)) return trap(cx, "invalid variant discriminant %u", ci);
        out->var.tag = ci;
        out->var.v = NULL;
        const bxcm_type *c = case_t(t, ci);
        if (!c) return 0;
        if (!(out->var.v = cvalloc(cx, sizeof(bxcm_val)))) return -1;
        return bxcm_load(cx, c, ptr + align_to(ds, max_case_align(t)), out->var.v);
    }
    case TK_FLAGS: {
        uint64_t x = ld(p, sz);
        out->flags = (uint32_t)(t->n >= 32 ? x : x & ((1u << t->n) - 1));
        return 0;
    }
    case TK_OWN: return lift_own(cx, t, (uint32_t)ld(p, 4), out);
    case TK_BORROW: return lift_borrow(cx, t, (uint32_t)ld(p, 4), out);
    default: return trap(cx, "values of this type (stream, future, error-context, map) are not supported");
    }
}

static int store_list_into_range(bxcm_cx *cx, const bxcm_type *t, const bxcm_val *v, uint32_t *optr)
{
    const bxcm_type *e = t->t0;
    uint64_t es = bxcm_size(e), bl = es * v->agg.n;
    if (bl > MAX_LIST_BYTE_LENGTH) return trap(cx, "list too long");
    uint32_t al = bxcm_align(e), ptr;
    if (bxcm_realloc_call(cx, 0, 0, al, (uint32_t)bl, &ptr)) return -1;
    if (ptr % al) return trap(cx, "realloc returned misaligned pointer 0x%x", ptr);
    uint8_t *d = mem_at(cx, ptr, bl);
    if (!d) return -1;
    if (is_bytes(t)) { if (v->agg.n) memcpy(d, v->agg.bytes, v->agg.n); }
    else
        for (uint32_t i = 0; i < v->agg.n; i++)
            if (bxcm_store(cx, e, &v->agg.v[i], ptr + (uint64_t)i * es)) return -1;
    *optr = ptr;
    return 0;
}

static uint64_t prim_bits(const bxcm_type *t, const bxcm_val *v)
{
    switch (t->k) {
    case TK_F32: { uint32_t b; memcpy(&b, &v->f32, 4); return canon_f32(b); }
    case TK_F64: { uint64_t b; memcpy(&b, &v->f64, 8); return canon_f64(b); }
    case TK_S8: case TK_S16: case TK_S32: return (uint32_t)(int32_t)v->s;
    case TK_CHAR: return v->c;
    case TK_BOOL: return v->u != 0;
    default: return v->u;
    }
}

int bxcm_store(bxcm_cx *cx, const bxcm_type *t, const bxcm_val *v, uint64_t ptr)
{
    uint32_t sz = bxcm_size(t);
    if (!mem_at(cx, ptr, sz)) return -1;
    uint8_t *p;
#define P() (bx_memory_data(cx->mem) + ptr)   /* re-read: realloc may have grown memory */
    switch (t->k) {
    case TK_BOOL: case TK_U8: case TK_S8: case TK_U16: case TK_S16: case TK_U32: case TK_S32:
    case TK_U64: case TK_S64: case TK_F32: case TK_F64: case TK_CHAR:
        if (t->k == TK_CHAR && (v->c >= 0x110000 || (v->c >= 0xd800 && v->c <= 0xdfff))) return trap(cx, "invalid char");
        st(P(), prim_bits(t, v), sz);
        return 0;
    case TK_STRING: {
        uint32_t a, n;
        if (store_string_into_range(cx, v, &a, &n)) return -1;
        p = P(); st(p, a, 4); st(p + 4, n, 4);
        return 0;
    }
    case TK_LIST:
        if (t->len) {
            for (uint32_t i = 0; i < t->len && i < v->agg.n; i++)
                if (bxcm_store(cx, t->t0, &v->agg.v[i], ptr + (uint64_t)i * bxcm_size(t->t0))) return -1;
            return 0;
        } else {
            uint32_t a;
            if (store_list_into_range(cx, t, v, &a)) return -1;
            p = P(); st(p, a, 4); st(p + 4, v->agg.n, 4);
            return 0;
        }
    case TK_RECORD: case TK_TUPLE: {
        uint64_t q = ptr;
        for (uint32_t i = 0; i < t->n; i++) {
            q = align_to((uint32_t)q, bxcm_align(t->ts[i]));
            if (bxcm_store(cx, t->ts[i], &v->agg.v[i], q)) return -1;
            q += bxcm_size(t->ts[i]);
        }
        return 0;
    }
    case TK_VARIANT: case TK_ENUM: case TK_OPTION: case TK_RESULT: {
        uint32_t ds = disc_size(ncases(t));
        if (v->var.tag >= ncases(t)) return trap(cx, "internal: bad case");
        st(P(), v->var.tag, ds);
        const bxcm_type *c = case_t(t, v->var.tag);
        if (!c) return 0;
        return bxcm_store(cx, c, v->var.v, ptr + align_to(ds, max_case_align(t)));
    }
    case TK_FLAGS: st(P(), v->flags, sz); return 0;
    case TK_OWN: case TK_BORROW: {
        uint32_t h;
        if ((t->k == TK_OWN ? lower_own : lower_borrow)(cx, t, v->rep, &h)) return -1;
        st(P(), h, 4);
        return 0;
    }
    default: return trap(cx, "values of this type are not supported");
    }
#undef P
}

/* ---- flat ------------------------------------------------------------ */
static int is32(bx_valtype t) { return t == BX_I32 || t == BX_F32; }

int bxcm_lift_flat(bxcm_cx *cx, const bxcm_type *t, const uint64_t *flat, uint32_t *i, bxcm_val *out)
{
    switch (t->k) {
    case TK_BOOL: case TK_U8: case TK_S8: case TK_U16: case TK_S16: case TK_U32: case TK_S32: case TK_CHAR: case TK_F32:
        return set_prim(cx, t, flat[(*i)++] & 0xffffffffu, out);
    case TK_U64: case TK_S64: case TK_F64: return set_prim(cx, t, flat[(*i)++], out);
    case TK_STRING: {
        uint32_t a = (uint32_t)flat[*i], n = (uint32_t)flat[*i + 1];
        *i += 2;
        return load_string_from_range(cx, a, n, out);
    }
    case TK_LIST:
        if (t->len) {
            out->agg.n = t->len;
            if (!(out->agg.v = cvalloc(cx, (size_t)t->len * sizeof(bxcm_val)))) return -1;
            for (uint32_t k = 0; k < t->len; k++) if (bxcm_lift_flat(cx, t->t0, flat, i, &out->agg.v[k])) return -1;
            return 0;
        } else {
            uint32_t a = (uint32_t)flat[*i], n = (uint32_t)flat[*i + 1];
            *i += 2;
            return load_list_from_range(cx, t, a, n, out);
        }
    case TK_RECORD: case TK_TUPLE:
        out->agg.n = t->n;
        if (!(out->agg.v = cvalloc(cx, (size_t)t->n * sizeof(bxcm_val)))) return -1;
        for (uint32_t k = 0; k < t->n; k++) if (bxcm_lift_flat(cx, t->ts[k], flat, i, &out->agg.v[k])) return -1;
        return 0;
    case TK_VARIANT: case TK_ENUM: case TK_OPTION: case TK_RESULT: {
        uint32_t nf = 0;
        bxcm_flatten(t, NULL, 0, &nf);
        uint32_t ci = (uint32_t)flat[*i];
        if (ci >= ncases(t)) return trap(cx, "invalid variant discriminant %u", ci);
        out->var.tag = ci;
        out->var.v = NULL;
        const bxcm_type *c = case_t(t, ci);
        if (c) {
            bx_valtype want[64];
            uint32_t nw = 0;
            if (bxcm_flatten(c, want, 64, &nw) || nw > 64) return trap(cx, "variant payload too wide");
            uint64_t tmp[64];
            for (uint32_t k = 0; k < nw; k++) tmp[k] = is32(want[k]) ? flat[*i + 1 + k] & 0xffffffffu : flat[*i + 1 + k];
            if (!(out->var.v = cvalloc(cx, sizeof(bxcm_val)))) return -1;
            uint32_t j = 0;
            if (bxcm_lift_flat(cx, c, tmp, &j, out->var.v)) return -1;
        }
        *i += nf;
        return 0;
    }
    case TK_FLAGS: {
        uint32_t x = (uint32_t)flat[(*i)++];
        out->flags = t->n >= 32 ? x : x & ((1u << t->n) - 1);
        return 0;
    }
    case TK_OWN: return lift_own(cx, t, (uint32_t)flat[(*i)++], out);
    case TK_BORROW: return lift_borrow(cx, t, (uint32_t)flat[(*i)++], out);
    default: return trap(cx, "values of this type are not supported");
    }
}

int bxcm_lower_flat(bxcm_cx *cx, const bxcm_type *t, const bxcm_val *v, uint64_t *flat, uint32_t *i)
{
    switch (t->k) {
    case TK_BOOL: case TK_U8: case TK_S8: case TK_U16: case TK_S16: case TK_U32: case TK_S32: case TK_CHAR:
    case TK_U64: case TK_S64: case TK_F32: case TK_F64:
        if (t->k == TK_CHAR && (v->c >= 0x110000 || (v->c >= 0xd800 && v->c <= 0xdfff))) return trap(cx, "invalid char");
        flat[(*i)++] = prim_bits(t, v);
        return 0;
    case TK_STRING: {
        uint32_t a, n;
        if (store_string_into_range(cx, v, &a, &n)) return -1;
        flat[(*i)++] = a;
        flat[(*i)++] = n;
        return 0;
    }
    case TK_LIST:
        if (t->len) {
            for (uint32_t k = 0; k < t->len; k++) if (bxcm_lower_flat(cx, t->t0, &v->agg.v[k], flat, i)) return -1;
            return 0;
        } else {
            uint32_t a;
            if (store_list_into_range(cx, t, v, &a)) return -1;
            flat[(*i)++] = a;
            flat[(*i)++] = v->agg.n;
            return 0;
        }
    case TK_RECORD: case TK_TUPLE:
        for (uint32_t k = 0; k < t->n; k++) if (bxcm_lower_flat(cx, t->ts[k], &v->agg.v[k], flat, i)) return -1;
        return 0;
    case TK_VARIANT: case TK_ENUM: case TK_OPTION: case TK_RESULT: {
        uint32_t nf = 0;
        bxcm_flatten(t, NULL, 0, &nf);
        uint32_t base = *i;
        for (uint32_t k = 0; k < nf; k++) flat[base + k] = 0;
        flat[base] = v->var.tag;
        const bxcm_type *c = case_t(t, v->var.tag);
        if (c) {
            uint32_t j = base + 1;
            if (bxcm_lower_flat(cx, c, v->var.v, flat, &j)) return -1;
        }
        *i = base + nf;
        return 0;
    }
    case TK_FLAGS: flat[(*i)++] = v->flags; return 0;
    case TK_OWN: case TK_BORROW: {
        uint32_t h;
        if ((t->k == TK_OWN ? lower_own : lower_borrow)(cx, t, v->rep, &h)) return -1;
        flat[(*i)++] = h;
        return 0;
    }
    default: return trap(cx, "values of this type are not supported");
    }
}

/* ---- shapes ---------------------------------------------------------- */
static void sh_put(char *out, size_t cap, size_t *n, const char *s)
{
    for (; *s; s++) { if (*n + 1 < cap) out[*n] = *s; (*n)++; }
    if (cap) out[*n < cap ? *n : cap - 1] = 0;
}

static void sh(const bxcm_type *t, char *out, size_t cap, size_t *n, int named)
{
    char b[32];
    if (!t) { sh_put(out, cap, n, "_"); return; }
    switch (t->k) {
    case TK_BOOL: sh_put(out, cap, n, "b"); return;
    case TK_S8: sh_put(out, cap, n, "c"); return;
    case TK_U8: sh_put(out, cap, n, "C"); return;
    case TK_S16: sh_put(out, cap, n, "h"); return;
    case TK_U16: sh_put(out, cap, n, "H"); return;
    case TK_S32: sh_put(out, cap, n, "i"); return;
    case TK_U32: sh_put(out, cap, n, "I"); return;
    case TK_S64: sh_put(out, cap, n, "l"); return;
    case TK_U64: sh_put(out, cap, n, "L"); return;
    case TK_F32: sh_put(out, cap, n, "f"); return;
    case TK_F64: sh_put(out, cap, n, "d"); return;
    case TK_CHAR: sh_put(out, cap, n, "x"); return;
    case TK_STRING: sh_put(out, cap, n, "s"); return;
    case TK_OWN: case TK_BORROW:
        sh_put(out, cap, n, t->k == TK_OWN ? "o" : "&");
        if (named) {   /* the resource's name and '.' */
            sh_put(out, cap, n, t->t0 && t->t0->rname ? t->t0->rname : "?");
            sh_put(out, cap, n, ".");
        }
        return;
    case TK_LIST:   /* a fixed-length list is another type than list<T>: "[C;4]" */
        sh_put(out, cap, n, "[");
        sh(t->t0, out, cap, n, named);
        if (t->len) { snprintf(b, sizeof b, ";%u", t->len); sh_put(out, cap, n, b); }
        sh_put(out, cap, n, "]");
        return;
    case TK_OPTION: sh_put(out, cap, n, "?"); sh(t->t0, out, cap, n, named); return;
    case TK_RESULT: sh_put(out, cap, n, "R("); sh(t->t0, out, cap, n, named); sh_put(out, cap, n, "|");
        sh(t->t1, out, cap, n, named); sh_put(out, cap, n, ")"); return;
    case TK_ENUM: snprintf(b, sizeof b, "e%u", t->n); sh_put(out, cap, n, b); return;
    case TK_FLAGS: snprintf(b, sizeof b, "F%u", t->n); sh_put(out, cap, n, b); return;
    case TK_RECORD: case TK_TUPLE: case TK_VARIANT: case TK_FUNC:
        sh_put(out, cap, n, t->k == TK_RECORD ? "{" : t->k == TK_TUPLE ? "(" : t->k == TK_VARIANT ? "<" : "f(");
        for (uint32_t i = 0; i < t->n; i++) {
            if (i) sh_put(out, cap, n, t->k == TK_VARIANT ? "|" : ",");
            sh(t->ts[i], out, cap, n, named);
        }
        sh_put(out, cap, n, t->k == TK_RECORD ? "}" : t->k == TK_TUPLE ? ")" : t->k == TK_VARIANT ? ">" : ")");
        if (t->k == TK_FUNC) { sh_put(out, cap, n, "->"); sh(t->t0, out, cap, n, named); }
        return;
    default: sh_put(out, cap, n, "?"); return;
    }
}

static const char *shape(const bxcm_type *t, char *out, size_t cap, int named)
{
    size_t n = 0;
    if (cap) out[0] = 0;
    sh(t, out, cap, &n, named);
    return n < cap ? out : "";
}

const char *bxcm_shape(const bxcm_type *t, char *out, size_t cap) { return shape(t, out, cap, 0); }
const char *bxcm_shape_named(const bxcm_type *t, char *out, size_t cap) { return shape(t, out, cap, 1); }
