/*
 * decode.c — the WebAssembly 2.0 binary format into a bx_module.
 *
 * One pass over the bytes with a bounded reader.  Nothing here trusts a
 * count: every vector length is checked against the bytes that remain
 * before anything is allocated, so a module can never ask for more host
 * memory than a small multiple of its own size.  Errors are
 * BX_ERR_MALFORMED with the spec testsuite's wording and the byte offset.
 *
 * Constant expressions are decoded here.  A well-formed expression that is
 * not constant (i32.add, nop, two values, ...) is a *validation* error in
 * the spec, yet only the decoder sees the instruction sequence; so the
 * first such problem is remembered and reported as BX_ERR_INVALID once the
 * whole binary has decoded (a later malformation still wins).
 */
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "simd.h"

/* Locals expanded over the whole module are bounded by the input size so
 * that "50000 locals" declared in 3 bytes, repeated, cannot multiply into
 * gigabytes.  Real modules stay far below 16 locals per input byte. */
#define LOCALS_PER_BYTE 16u

typedef struct rd {
    const uint8_t *base;        /* start of the binary, for offsets */
    const uint8_t *p, *end;     /* cursor and limit (section or entry end) */
    const uint8_t *limit;       /* end of the binary (>= end) */
    bx_error *err;
    const char *eof;            /* message for running past end */
} rd;

typedef struct dec {
    struct bx_module *m;
    bx_error *err;
    bx_error deferred;          /* first constant-expression validation error */
    bool has_deferred;
    uint64_t locals_total;
} dec;

static size_t off(const rd *r) { return (size_t)(r->p - r->base); }

static bool eof_fail(rd *r)
{
    bxe_fail(r->err, BX_ERR_MALFORMED, off(r), "%s", r->eof);
    return false;
}

static bool nomem(rd *r)
{
    bxe_fail(r->err, BX_ERR_NOMEM, off(r), "out of memory while decoding");
    return false;
}

static bool rd_byte(rd *r, uint8_t *b)
{
    if (r->p >= r->end) return eof_fail(r);
    *b = *r->p++;
    return true;
}

static bool rd_bytes(rd *r, size_t n, const uint8_t **out)
{
    if ((size_t)(r->end - r->p) < n) return eof_fail(r);
    *out = r->p;
    r->p += n;
    return true;
}

/*
 * LEB128 of at most ceil(bits/7) bytes.  In the last byte the bits beyond
 * the value's width must be zero (unsigned) or copies of the sign bit
 * (signed): "integer too large"; a continuation bit there is "integer
 * representation too long".
 */
static bool rd_leb(rd *r, unsigned bits, bool sign, uint64_t *out)
{
    unsigned maxbytes = (bits + 6) / 7, shift = 0;
    uint64_t v = 0;
    /* Bytes past the section end (but inside the binary) are looked at so
     * that an over-long number is reported as such, as the reference
     * interpreter does; running past the section is reported after. */
    const uint8_t *q = r->p;
    for (unsigned i = 0;; i++) {
        if (q >= r->limit) {
            r->p = q < r->end ? q : r->end;
            return eof_fail(r);
        }
        size_t at = (size_t)(q - r->base);
        uint8_t b = *q++;
        if (i == maxbytes - 1) {
            unsigned used = bits - 7 * i;      /* value bits in this byte */
            const char *bad = NULL;
            if (b & 0x80) {
                bad = "integer representation too long";
            } else if (!sign) {
                if (b >> used) bad = "integer too large";
            } else {
                uint8_t mask = (uint8_t)((0x7Fu << (used - 1)) & 0x7Fu);
                if ((b & mask) != 0 && (b & mask) != mask) bad = "integer too large";
            }
            if (bad) {
                bxe_fail(r->err, BX_ERR_MALFORMED, at, "%s", bad);
                return false;
            }
        }
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80)) {
            if (sign && shift < 64 && (b & 0x40)) v |= ~(uint64_t)0 << shift;
            break;
        }
    }
    if (q > r->end) {
        r->p = r->end;
        return eof_fail(r);
    }
    r->p = q;
    if (bits < 64) v &= ((uint64_t)1 << bits) - 1;
    *out = v;
    return true;
}

static bool rd_u32(rd *r, uint32_t *out)
{
    uint64_t v;
    if (!rd_leb(r, 32, false, &v)) return false;
    *out = (uint32_t)v;
    return true;
}

/* A vector length: each element takes at least one byte, so a count larger
 * than what remains can never be satisfied; refuse it before allocating. */
static bool rd_count(rd *r, uint32_t *n)
{
    if (!rd_u32(r, n)) return false;
    if (*n > (size_t)(r->end - r->p)) return eof_fail(r);
    return true;
}

/* Valid UTF-8 as the spec defines it: shortest form, no surrogates,
 * nothing above U+10FFFF. */
static bool utf8_ok(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t len;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; min = 0x10000; }
        else return false;
        if (n - i < len) return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

/* A name: checked and, if out is non-NULL, copied NUL-terminated with its
 * length in *outlen. */
static bool rd_name(rd *r, char **out, uint32_t *outlen)
{
    uint32_t n;
    const uint8_t *s;
    if (!rd_u32(r, &n)) return false;
    if (n > (size_t)(r->end - r->p)) {
        bxe_fail(r->err, BX_ERR_MALFORMED, off(r), "length out of bounds");
        return false;
    }
    size_t at = off(r);
    rd_bytes(r, n, &s);
    if (!utf8_ok(s, n)) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at, "malformed UTF-8 encoding");
        return false;
    }
    if (out) {
        char *c = malloc((size_t)n + 1);
        if (!c) return nomem(r);
        memcpy(c, s, n);
        c[n] = 0;
        *out = c;
        *outlen = n;
    }
    return true;
}

static bool is_valtype(uint8_t b)
{
    return b == BX_I32 || b == BX_I64 || b == BX_F32 || b == BX_F64 ||
           b == BX_V128 || b == BX_FUNCREF || b == BX_EXTERNREF;
}

static bool rd_valtype(rd *r, bx_valtype *t)
{
    size_t at = off(r);
    uint8_t b;
    if (!rd_byte(r, &b)) return false;
    if (!is_valtype(b)) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at, "malformed value type (0x%02x)", b);
        return false;
    }
    *t = (bx_valtype)b;
    return true;
}

static bool rd_reftype(rd *r, bx_valtype *t)
{
    size_t at = off(r);
    uint8_t b;
    if (!rd_byte(r, &b)) return false;
    if (b != BX_FUNCREF && b != BX_EXTERNREF) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at, "malformed reference type (0x%02x)", b);
        return false;
    }
    *t = (bx_valtype)b;
    return true;
}

static bool rd_limits(rd *r, bx_limits_decl *l)
{
    size_t at = off(r);
    uint8_t flag;
    if (!rd_byte(r, &flag)) return false;
    if (flag & 0x80) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at, "integer representation too long");
        return false;
    }
    if (flag > 1) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at, "integer too large (limits flag 0x%02x)", flag);
        return false;
    }
    l->has_max = flag == 1;
    if (!rd_u32(r, &l->min)) return false;
    l->max = 0;
    if (l->has_max && !rd_u32(r, &l->max)) return false;
    return true;
}

static bool rd_globaltype(rd *r, bx_globaltype *g)
{
    if (!rd_valtype(r, &g->type)) return false;
    size_t at = off(r);
    uint8_t b;
    if (!rd_byte(r, &b)) return false;
    if (b > 1) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at, "malformed mutability");
        return false;
    }
    g->mutable_ = b == 1;
    return true;
}

/* ---- constant expressions ------------------------------------------- */

static void defer_invalid(dec *d, size_t at, const char *msg)
{
    if (d->has_deferred) return;
    bxe_fail(&d->deferred, BX_ERR_INVALID, at, "%s", msg);
    d->has_deferred = true;
}

static bool illegal(rd *r, size_t at, unsigned op)
{
    bxe_fail(r->err, BX_ERR_MALFORMED, at, "illegal opcode 0x%x", op);
    return false;
}

static bool zero_byte(rd *r)
{
    size_t at = off(r);
    uint8_t b;
    if (!rd_byte(r, &b)) return false;
    if (b != 0) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at, "zero byte expected");
        return false;
    }
    return true;
}

/* Skip the immediates of one non-constant instruction (so the expression's
 * end can be found); block nesting is tracked by the caller. */
static bool skip_immediates(rd *r, size_t at, uint8_t op)
{
    uint32_t u;
    uint64_t v;
    const uint8_t *s;
    switch (op) {
    case 0x00: case 0x01: case 0x05: case 0x0F: case 0x1A: case 0x1B:
    case 0xD1:
        return true;
    case 0x02: case 0x03: case 0x04: {         /* blocktype */
        if (r->p < r->end && (*r->p == 0x40 || is_valtype(*r->p))) { r->p++; return true; }
        return rd_leb(r, 33, true, &v);
    }
    case 0x0C: case 0x0D: case 0x10: case 0x12:  /* 0x12 return_call */
    case 0x20: case 0x21: case 0x22: case 0x24: case 0x25: case 0x26:
        return rd_u32(r, &u);
    case 0x13: return rd_u32(r, &u) && rd_u32(r, &u);   /* return_call_indirect */
    case 0x0E: {
        uint32_t n;
        if (!rd_count(r, &n)) return false;
        for (uint32_t i = 0; i <= n; i++) if (!rd_u32(r, &u)) return false;
        return true;
    }
    case 0x11: return rd_u32(r, &u) && rd_u32(r, &u);
    case 0x1C: {
        uint32_t n;
        bx_valtype t;
        if (!rd_count(r, &n)) return false;
        for (uint32_t i = 0; i < n; i++) if (!rd_valtype(r, &t)) return false;
        return true;
    }
    case 0x3F: case 0x40: return zero_byte(r);
    case 0xFC: {
        if (!rd_u32(r, &u)) return false;
        switch (u) {
        case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: return true;
        case 8: return rd_u32(r, &u) && zero_byte(r);
        case 9: case 13: case 15: case 16: case 17: return rd_u32(r, &u);
        case 10: return zero_byte(r) && zero_byte(r);
        case 11: return zero_byte(r);
        case 12: case 14: return rd_u32(r, &u) && rd_u32(r, &u);
        default: return illegal(r, at, 0xFC00u | u);
        }
    }
    case 0xFD: {                                /* immediates from simd.c's table */
        if (!rd_u32(r, &u)) return false;
        bx_simd_info in = bxe_simd_info_of(u);
        uint8_t b;
        if (u > 0xFF || in.kind == SK_NONE) return illegal(r, at, 0xFD00u | u);
        switch (in.kind) {
        case SK_CONST: case SK_SHUFFLE: return rd_bytes(r, 16, &s);
        case SK_LOAD: case SK_STORE: return rd_u32(r, &u) && rd_u32(r, &u);
        case SK_LOAD_LANE: case SK_STORE_LANE: return rd_u32(r, &u) && rd_u32(r, &u) && rd_byte(r, &b);
        case SK_EXTRACT: case SK_REPLACE: return rd_byte(r, &b);
        default: return true;
        }
    }
    default:
        if (op >= 0x28 && op <= 0x3E)   /* memarg; bit 6: a memory index follows */
            return rd_u32(r, &u) && (!(u & 0x40) || rd_u32(r, &u)) && rd_u32(r, &u);
        if (op >= 0x45 && op <= 0xC4) return true;
        return illegal(r, at, op);
    }
}

/*
 * A constant expression: exactly one of the constant instructions, then
 * end.  Anything else that still decodes is remembered as a validation
 * error ("constant expression required", or "type mismatch" for zero or
 * several values) and the expression is skipped up to its end.
 */
static bool rd_constexpr(dec *d, rd *r, bx_constexpr *ce)
{
    size_t start = off(r);
    unsigned nconst = 0, depth = 0;
    bool nonconst = false, ext = false;
    memset(ce, 0, sizeof *ce);
    ce->offset = start;
    ce->op = BX_CONST_I32;
    ce->type = BX_I32;
    for (;;) {
        size_t at = off(r);
        uint8_t op;
        uint64_t v;
        uint32_t u;
        const uint8_t *s;
        bx_constexpr one = { .offset = at };
        if (!rd_byte(r, &op)) return false;
        if (op == 0x0B) {
            if (depth == 0) break;
            depth--;
            continue;
        }
        switch (op) {
        case 0x41:
            if (!rd_leb(r, 32, true, &v)) return false;
            one.op = BX_CONST_I32; one.type = BX_I32; one.bits = (uint32_t)v;
            break;
        case 0x42:
            if (!rd_leb(r, 64, true, &v)) return false;
            one.op = BX_CONST_I64; one.type = BX_I64; one.bits = v;
            break;
        case 0x43:
            if (!rd_bytes(r, 4, &s)) return false;
            one.op = BX_CONST_F32; one.type = BX_F32;
            one.bits = (uint32_t)s[0] | (uint32_t)s[1] << 8 |
                       (uint32_t)s[2] << 16 | (uint32_t)s[3] << 24;
            break;
        case 0x44:
            if (!rd_bytes(r, 8, &s)) return false;
            one.op = BX_CONST_F64; one.type = BX_F64;
            for (int k = 7; k >= 0; k--) one.bits = one.bits << 8 | s[k];
            break;
        case 0xD0:
            one.op = BX_CONST_REF_NULL;
            if (!rd_reftype(r, &one.type)) return false;
            break;
        case 0xD2:
            if (!rd_u32(r, &u)) return false;
            one.op = BX_CONST_REF_FUNC; one.type = BX_FUNCREF; one.index = u;
            break;
        case 0x23:
            if (!rd_u32(r, &u)) return false;
            /* type is filled in by validation, which knows the globals */
            one.op = BX_CONST_GLOBAL_GET; one.type = BX_I32; one.index = u;
            break;
        case 0x6A: case 0x6B: case 0x6C: case 0x7C: case 0x7D: case 0x7E:
            /* extended-const: i32/i64 add, sub, mul (typed by validation) */
            ext = true;
            continue;
        case 0xFD:
            /* v128.const (0xFD 12) is the one constant SIMD instruction */
            if (r->p < r->end && *r->p == 0x0C) {
                r->p++;
                if (!rd_bytes(r, 16, &s)) return false;
                one.op = BX_CONST_V128; one.type = BX_V128;
                for (int k = 7; k >= 0; k--) one.bits = one.bits << 8 | s[k];
                for (int k = 15; k >= 8; k--) one.hi = one.hi << 8 | s[k];
                break;
            }
            /* fall through */
        default:
            if (!skip_immediates(r, at, op)) return false;
            if (!nonconst) defer_invalid(d, at, "constant expression required");
            nonconst = true;
            if (op >= 0x02 && op <= 0x04) depth++;
            continue;
        }
        if (nconst++ == 0) *ce = one;
    }
    if (!nonconst && ext) {
        memset(ce, 0, sizeof *ce);
        ce->op = BX_CONST_EXTENDED;
        ce->type = BX_I32;
        ce->offset = start;
        ce->bits = off(r) - 1 - start;   /* without the final end */
    } else if (!nonconst && nconst != 1) {
        defer_invalid(d, start, "type mismatch (constant expression must produce exactly one value)");
    }
    return true;
}

/* ---- sections -------------------------------------------------------- */

static bool sec_type(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    uint32_t n;
    if (!rd_count(r, &n)) return false;
    if (n && !(m->types = calloc(n, sizeof *m->types))) return nomem(r);
    m->ntypes = n;
    for (uint32_t i = 0; i < n; i++) {
        size_t at = off(r);
        uint8_t form;
        uint32_t np, nr;
        if (!rd_byte(r, &form)) return false;
        if (form & 0x80) {               /* the form is a signed LEB128 byte */
            bxe_fail(r->err, BX_ERR_MALFORMED, at, "integer representation too long (function type form)");
            return false;
        }
        if (form != 0x60) {
            bxe_fail(r->err, BX_ERR_MALFORMED, at, "malformed function type (form 0x%02x)", form);
            return false;
        }
        /* params and results share one array, owned through params */
        if (!rd_count(r, &np)) return false;
        const uint8_t *pp = r->p;
        bx_valtype t;
        for (uint32_t k = 0; k < np; k++) if (!rd_valtype(r, &t)) return false;
        if (!rd_count(r, &nr)) return false;
        const uint8_t *rp = r->p;
        for (uint32_t k = 0; k < nr; k++) if (!rd_valtype(r, &t)) return false;
        bx_valtype *a = NULL;
        if (np + (uint64_t)nr) {
            a = malloc(((size_t)np + nr) * sizeof *a);
            if (!a) return nomem(r);
            for (uint32_t k = 0; k < np; k++) a[k] = (bx_valtype)pp[k];
            for (uint32_t k = 0; k < nr; k++) a[np + k] = (bx_valtype)rp[k];
        }
        m->types[i].nparams = np;
        m->types[i].nresults = nr;
        m->types[i].params = a;
        m->types[i].results = a ? a + np : NULL;
    }
    return true;
}

static bool sec_import(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    uint32_t n;
    if (!rd_count(r, &n)) return false;
    if (n && !(m->imports = calloc(n, sizeof *m->imports))) return nomem(r);
    m->nimports = n;
    for (uint32_t i = 0; i < n; i++) {
        bx_import *im = &m->imports[i];
        if (!rd_name(r, &im->module, &im->module_len) ||
            !rd_name(r, &im->name, &im->name_len)) return false;
        size_t at = off(r);
        uint8_t kind;
        if (!rd_byte(r, &kind)) return false;
        switch (kind) {
        case 0:
            im->kind = BX_EXTERN_FUNC;
            if (!rd_u32(r, &im->desc.func_type)) return false;
            m->nfunc_imports++;
            break;
        case 1:
            im->kind = BX_EXTERN_TABLE;
            if (!rd_reftype(r, &im->desc.table.elem) || !rd_limits(r, &im->desc.table.limits))
                return false;
            m->ntable_imports++;
            break;
        case 2:
            im->kind = BX_EXTERN_MEMORY;
            if (!rd_limits(r, &im->desc.memory)) return false;
            m->nmem_imports++;
            break;
        case 3:
            im->kind = BX_EXTERN_GLOBAL;
            if (!rd_globaltype(r, &im->desc.global)) return false;
            m->nglobal_imports++;
            break;
        default:
            bxe_fail(r->err, BX_ERR_MALFORMED, at, "malformed import kind (0x%02x)", kind);
            return false;
        }
    }
    return true;
}

static bool sec_function(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    uint32_t n;
    if (!rd_count(r, &n)) return false;
    if (n && !(m->funcs = calloc(n, sizeof *m->funcs))) return nomem(r);
    m->nfuncs = n;
    for (uint32_t i = 0; i < n; i++)
        if (!rd_u32(r, &m->funcs[i].type)) return false;
    return true;
}

/* Copies the imported entities of one kind to the front of an index space. */
static bool sec_table(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    uint32_t n;
    if (!rd_count(r, &n)) return false;
    size_t total = (size_t)m->ntable_imports + n;
    if (total && !(m->tables = calloc(total, sizeof *m->tables))) return nomem(r);
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->nimports; i++)
        if (m->imports[i].kind == BX_EXTERN_TABLE) m->tables[k++] = m->imports[i].desc.table;
    m->ntables_total = (uint32_t)total;
    for (uint32_t i = 0; i < n; i++) {
        bx_tabletype *t = &m->tables[k + i];
        if (!rd_reftype(r, &t->elem) || !rd_limits(r, &t->limits)) return false;
    }
    return true;
}

static bool sec_memory(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    uint32_t n;
    if (!rd_count(r, &n)) return false;
    size_t total = (size_t)m->nmem_imports + n;
    if (total && !(m->mems = calloc(total, sizeof *m->mems))) return nomem(r);
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->nimports; i++)
        if (m->imports[i].kind == BX_EXTERN_MEMORY) m->mems[k++] = m->imports[i].desc.memory;
    m->nmems_total = (uint32_t)total;
    for (uint32_t i = 0; i < n; i++)
        if (!rd_limits(r, &m->mems[k + i])) return false;
    return true;
}

static bool sec_global(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    uint32_t n;
    if (!rd_count(r, &n)) return false;
    size_t total = (size_t)m->nglobal_imports + n;
    if (total && !(m->global_types = calloc(total, sizeof *m->global_types))) return nomem(r);
    if (n && !(m->globals = calloc(n, sizeof *m->globals))) return nomem(r);
    uint32_t k = 0;
    for (uint32_t i = 0; i < m->nimports; i++)
        if (m->imports[i].kind == BX_EXTERN_GLOBAL) m->global_types[k++] = m->imports[i].desc.global;
    m->nglobals_total = (uint32_t)total;
    for (uint32_t i = 0; i < n; i++) {
        bx_global_decl *g = &m->globals[i];
        if (!rd_globaltype(r, &g->type) || !rd_constexpr(d, r, &g->init)) return false;
        m->global_types[k + i] = g->type;
    }
    return true;
}

static bool sec_export(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    uint32_t n;
    if (!rd_count(r, &n)) return false;
    if (n && !(m->exports = calloc(n, sizeof *m->exports))) return nomem(r);
    m->nexports = n;
    for (uint32_t i = 0; i < n; i++) {
        bx_export *e = &m->exports[i];
        if (!rd_name(r, &e->name, &e->name_len)) return false;
        size_t at = off(r);
        uint8_t kind;
        if (!rd_byte(r, &kind)) return false;
        if (kind > 3) {
            bxe_fail(r->err, BX_ERR_MALFORMED, at, "malformed export kind (0x%02x)", kind);
            return false;
        }
        e->kind = (bx_externkind)kind;
        if (!rd_u32(r, &e->index)) return false;
    }
    return true;
}

static bool rd_elemkind(rd *r)
{
    size_t at = off(r);
    uint8_t b;
    if (!rd_byte(r, &b)) return false;
    if (b != 0) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at, "malformed elements segment kind (0x%02x)", b);
        return false;
    }
    return true;
}

static bool sec_elem(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    uint32_t n;
    if (!rd_count(r, &n)) return false;
    if (n && !(m->elems = calloc(n, sizeof *m->elems))) return nomem(r);
    m->nelems = n;
    for (uint32_t i = 0; i < n; i++) {
        bx_elem_decl *e = &m->elems[i];
        size_t at = off(r);
        uint32_t flags, cnt;
        if (!rd_u32(r, &flags)) return false;
        if (flags > 7) {
            bxe_fail(r->err, BX_ERR_MALFORMED, at, "malformed elements segment kind (flags %u)", flags);
            return false;
        }
        /* bit 0: passive/declarative; bit 1: explicit table (active) or
         * declarative (otherwise); bit 2: expressions instead of indices */
        e->type = BX_FUNCREF;
        if (flags & 1) {
            e->mode = (flags & 2) ? BX_SEG_DECLARATIVE : BX_SEG_PASSIVE;
        } else {
            e->mode = BX_SEG_ACTIVE;
            if ((flags & 2) && !rd_u32(r, &e->table)) return false;
            if (!rd_constexpr(d, r, &e->offset)) return false;
        }
        if (flags & 3) {                        /* elemkind / reftype present */
            if (flags & 4) {
                if (!rd_reftype(r, &e->type)) return false;
            } else if (!rd_elemkind(r)) {
                return false;
            }
        }
        if (!rd_count(r, &cnt)) return false;
        if (cnt && !(e->init = calloc(cnt, sizeof *e->init))) return nomem(r);
        e->count = cnt;
        for (uint32_t k = 0; k < cnt; k++) {
            if (flags & 4) {
                if (!rd_constexpr(d, r, &e->init[k])) return false;
            } else {
                e->init[k].offset = off(r);
                e->init[k].op = BX_CONST_REF_FUNC;
                e->init[k].type = BX_FUNCREF;
                if (!rd_u32(r, &e->init[k].index)) return false;
            }
        }
    }
    return true;
}

static bool sec_code(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    size_t at = off(r);
    uint32_t n;
    if (!rd_u32(r, &n)) return false;
    if (n != m->nfuncs) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at,
                "function and code section have inconsistent lengths (%u functions, %u bodies)",
                m->nfuncs, n);
        return false;
    }
    for (uint32_t i = 0; i < n; i++) {
        bx_func_decl *f = &m->funcs[i];
        uint32_t size;
        if (!rd_u32(r, &size)) return false;
        if (size > (size_t)(r->end - r->p)) {
            bxe_fail(r->err, BX_ERR_MALFORMED, off(r),
                    "unexpected end of section or function (body %u declares %u bytes)", i, size);
            return false;
        }
        rd e = *r;                              /* the entry, on its own */
        e.end = r->p + size;
        r->p = e.end;

        uint32_t ngroups;
        if (!rd_count(&e, &ngroups)) return false;
        /* first pass: count with overflow care, then allocate, then fill */
        const uint8_t *groups = e.p;
        uint64_t total = 0;
        if (f->type < m->ntypes) total = m->types[f->type].nparams;
        for (uint32_t g = 0; g < ngroups; g++) {
            size_t gat = off(&e);
            uint32_t cnt;
            bx_valtype t;
            if (!rd_u32(&e, &cnt) || !rd_valtype(&e, &t)) return false;
            total += cnt;
            if (total > BX_MAX_LOCALS) {
                bxe_fail(r->err, BX_ERR_MALFORMED, gat, "too many locals (function %u)", i);
                return false;
            }
            f->nlocals += cnt;
        }
        d->locals_total += f->nlocals;
        if (d->locals_total > (uint64_t)m->len * LOCALS_PER_BYTE + BX_MAX_LOCALS) {
            bxe_fail(r->err, BX_ERR_MALFORMED, off(&e), "too many locals (module total)");
            return false;
        }
        if (f->nlocals && !(f->locals = malloc((size_t)f->nlocals * sizeof *f->locals)))
            return nomem(r);
        rd g2 = e;
        g2.p = groups;
        uint32_t k = 0;
        for (uint32_t g = 0; g < ngroups; g++) {
            uint32_t cnt = 0;
            bx_valtype t = BX_I32;
            /* re-reading what the first pass accepted cannot fail */
            if (!rd_u32(&g2, &cnt) || !rd_valtype(&g2, &t)) return false;
            while (cnt-- && k < f->nlocals) f->locals[k++] = t;
        }
        f->body = e.p;
        f->body_len = (uint32_t)(e.end - e.p);
        f->body_offset = off(&e);
        /* every body ends with the end opcode; compile.c checks the rest */
        if (f->body_len == 0 || f->body[f->body_len - 1] != 0x0B) {
            bxe_fail(r->err, BX_ERR_MALFORMED, (size_t)(e.end - e.base),
                    "END opcode expected (function %u)", i);
            return false;
        }
    }
    return true;
}

static bool sec_data(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    size_t at = off(r);
    uint32_t n;
    if (!rd_count(r, &n)) return false;
    if (m->has_datacount && n != m->datacount) {
        bxe_fail(r->err, BX_ERR_MALFORMED, at,
                "data count and data section have inconsistent lengths (%u declared, %u segments)",
                m->datacount, n);
        return false;
    }
    if (n && !(m->datas = calloc(n, sizeof *m->datas))) return nomem(r);
    m->ndatas = n;
    for (uint32_t i = 0; i < n; i++) {
        bx_data_decl *s = &m->datas[i];
        size_t fat = off(r);
        uint32_t flags, len;
        const uint8_t *b;
        if (!rd_u32(r, &flags)) return false;
        if (flags > 2) {
            bxe_fail(r->err, BX_ERR_MALFORMED, fat, "malformed data segment kind (flags %u)", flags);
            return false;
        }
        s->mode = flags == 1 ? BX_SEG_PASSIVE : BX_SEG_ACTIVE;
        if (flags == 2 && !rd_u32(r, &s->memory)) return false;
        if (flags != 1 && !rd_constexpr(d, r, &s->offset)) return false;
        if (!rd_u32(r, &len)) return false;
        if (len > (size_t)(r->end - r->p)) {
            bxe_fail(r->err, BX_ERR_MALFORMED, off(r), "unexpected end of section or function (data segment %u declares %u bytes)", i, len);
            return false;
        }
        rd_bytes(r, len, &b);
        /* at least one byte so callers may memcpy from it even when empty */
        if (!(s->bytes = malloc(len ? len : 1))) return nomem(r);
        memcpy(s->bytes, b, len);
        s->len = len;
    }
    return true;
}

/* Section order by id: custom (0) anywhere; datacount (12) sits between
 * element (9) and code (10). */
static int section_rank(uint8_t id)
{
    static const int8_t rank[13] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10 };
    return id <= 12 ? rank[id] : -1;
}

/* Fill the index spaces whose sections were absent, mark declared
 * function references. */
static bool finish(dec *d, rd *r)
{
    struct bx_module *m = d->m;
    uint64_t total = (uint64_t)m->nfunc_imports + m->nfuncs;
    if (total > UINT32_MAX) { bxe_fail(r->err, BX_ERR_MALFORMED, off(r), "too many functions"); return false; }
    m->nfuncs_total = (uint32_t)total;
    if (total) {
        if (!(m->func_types = calloc(total, sizeof *m->func_types))) return nomem(r);
        if (!(m->func_declared = calloc(total, 1))) return nomem(r);
    }
    uint32_t k = 0, kt = 0, km = 0, kg = 0;
    bool need_t = !m->tables && m->ntable_imports;
    bool need_m = !m->mems && m->nmem_imports;
    bool need_g = !m->global_types && m->nglobal_imports;
    if (need_t && !(m->tables = calloc(m->ntable_imports, sizeof *m->tables))) return nomem(r);
    if (need_m && !(m->mems = calloc(m->nmem_imports, sizeof *m->mems))) return nomem(r);
    if (need_g && !(m->global_types = calloc(m->nglobal_imports, sizeof *m->global_types))) return nomem(r);
    if (need_t) m->ntables_total = m->ntable_imports;
    if (need_m) m->nmems_total = m->nmem_imports;
    if (need_g) m->nglobals_total = m->nglobal_imports;
    for (uint32_t i = 0; i < m->nimports; i++) {
        const bx_import *im = &m->imports[i];
        switch (im->kind) {
        case BX_EXTERN_FUNC: m->func_types[k++] = im->desc.func_type; break;
        case BX_EXTERN_TABLE: if (need_t) m->tables[kt] = im->desc.table; kt++; break;
        case BX_EXTERN_MEMORY: if (need_m) m->mems[km] = im->desc.memory; km++; break;
        case BX_EXTERN_GLOBAL: if (need_g) m->global_types[kg] = im->desc.global; kg++; break;
        }
    }
    for (uint32_t i = 0; i < m->nfuncs; i++) m->func_types[k + i] = m->funcs[i].type;

    /* C.refs: ref.func in any constant expression outside function bodies,
     * and exported functions */
#define DECLARE(ce) do { if ((ce).op == BX_CONST_REF_FUNC && (ce).index < total) \
                             m->func_declared[(ce).index] = 1; } while (0)
    for (uint32_t i = 0; i < m->nglobals_total - m->nglobal_imports; i++) DECLARE(m->globals[i].init);
    for (uint32_t i = 0; i < m->nelems; i++) {
        if (m->elems[i].mode == BX_SEG_ACTIVE) DECLARE(m->elems[i].offset);
        for (uint32_t j = 0; j < m->elems[i].count; j++) DECLARE(m->elems[i].init[j]);
    }
    for (uint32_t i = 0; i < m->ndatas; i++)
        if (m->datas[i].mode == BX_SEG_ACTIVE) DECLARE(m->datas[i].offset);
#undef DECLARE
    for (uint32_t i = 0; i < m->nexports; i++)
        if (m->exports[i].kind == BX_EXTERN_FUNC && m->exports[i].index < total)
            m->func_declared[m->exports[i].index] = 1;
    return true;
}

bx_status bxe_decode(struct bx_module *m, const uint8_t *bytes, size_t len, bx_error *err)
{
    static const uint8_t magic[4] = { 0x00, 0x61, 0x73, 0x6D };
    static const uint8_t version[4] = { 0x01, 0x00, 0x00, 0x00 };
    dec d = { .m = m, .err = err };
    rd r = { .base = NULL, .err = err, .eof = "unexpected end" };

    if (!(m->bytes = malloc(len ? len : 1))) return bxe_fail(err, BX_ERR_NOMEM, 0, "out of memory");
    if (len) memcpy(m->bytes, bytes, len);
    m->len = len;
    r.base = r.p = m->bytes;
    r.end = r.limit = m->bytes + len;

    if (len < 4) return bxe_fail(err, BX_ERR_MALFORMED, 0, "unexpected end (no magic header)");
    if (memcmp(r.p, magic, 4) != 0) return bxe_fail(err, BX_ERR_MALFORMED, 0, "magic header not detected");
    r.p += 4;
    if (len < 8) return bxe_fail(err, BX_ERR_MALFORMED, 4, "unexpected end (no version)");
    if (memcmp(r.p, version, 4) != 0) return bxe_fail(err, BX_ERR_MALFORMED, 4, "unknown binary version");
    r.p += 4;

    int last = 0;
    bool has_code = false;
    while (r.p < r.end) {
        size_t at = off(&r);
        uint8_t id = *r.p++;
        uint32_t size;
        int rank = section_rank(id);
        if (rank < 0) return bxe_fail(err, BX_ERR_MALFORMED, at, "malformed section id %u", id);
        if (!rd_u32(&r, &size)) return err->status;
        if (size > (size_t)(r.end - r.p))
            return bxe_fail(err, BX_ERR_MALFORMED, off(&r),
                           "length out of bounds (section %u declares %u bytes, %zu remain)",
                           id, size, (size_t)(r.end - r.p));
        if (id != 0) {
            if (rank <= last)
                return bxe_fail(err, BX_ERR_MALFORMED, at,
                               "unexpected content after last section (section %u is duplicate or out of order)", id);
            last = rank;
        }
        rd s = { .base = r.base, .p = r.p, .end = r.p + size, .limit = r.limit, .err = err,
                 .eof = "unexpected end of section or function" };
        r.p = s.end;
        bool ok = true;
        switch (id) {
        case 0:  ok = rd_name(&s, NULL, NULL); s.p = s.end; break;
        case 1:  ok = sec_type(&d, &s); break;
        case 2:  ok = sec_import(&d, &s); break;
        case 3:  ok = sec_function(&d, &s); break;
        case 4:  ok = sec_table(&d, &s); break;
        case 5:  ok = sec_memory(&d, &s); break;
        case 6:  ok = sec_global(&d, &s); break;
        case 7:  ok = sec_export(&d, &s); break;
        case 8:  ok = rd_u32(&s, &m->start); m->has_start = true; break;
        case 9:  ok = sec_elem(&d, &s); break;
        case 10: ok = sec_code(&d, &s); has_code = true; break;
        case 11: ok = sec_data(&d, &s); break;
        case 12: ok = rd_u32(&s, &m->datacount); m->has_datacount = true; break;
        }
        if (!ok) return err->status;
        if (s.p != s.end)
            return bxe_fail(err, BX_ERR_MALFORMED, off(&s),
                           "section size mismatch (section %u declares %u bytes, %zu used)",
                           id, size, (size_t)(s.p - (s.end - size)));
    }
    if (!has_code && m->nfuncs)
        return bxe_fail(err, BX_ERR_MALFORMED, len,
                       "function and code section have inconsistent lengths (%u functions, no code section)",
                       m->nfuncs);
    if (m->has_datacount && !m->datas && m->datacount)
        return bxe_fail(err, BX_ERR_MALFORMED, len,
                       "data count and data section have inconsistent lengths (%u declared, no data section)",
                       m->datacount);
    if (!finish(&d, &r)) return err->status;
    if (d.has_deferred) {
        *err = d.deferred;
        return err->status;
    }
    return BX_OK;
}
