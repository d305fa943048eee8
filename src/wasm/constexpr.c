/*
 * constexpr.c — extended constant expressions (the extended-const
 * proposal, part of WebAssembly 3.0): i32/i64 add, sub and mul over
 * constants and global.get in global initialisers and segment offsets.
 *
 * The decoder keeps such an expression as BX_CONST_EXTENDED: `offset` is
 * where its bytes start in the module binary and `bits` their length (the
 * final end excluded).  Both functions re-read those bytes; they check every
 * read against the length and every index, so a cache entry naming any byte
 * range cannot make them read out of bounds (cache.c only checks the range).
 */
#include <stdlib.h>
#include <string.h>

#include "runtime.h"

typedef struct xr {
    const uint8_t *p, *end;
    bool bad;
} xr;

static uint64_t x_leb(xr *r, unsigned bits, bool sign)
{
    uint64_t v = 0;
    unsigned shift = 0;
    for (unsigned i = 0; i < (bits + 6) / 7; i++) {
        if (r->p >= r->end) break;
        uint8_t b = *r->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80)) {
            if (sign && shift < 64 && (b & 0x40)) v |= ~(uint64_t)0 << shift;
            return v;
        }
    }
    r->bad = true;
    return 0;
}

/* One pass over the expression: with vals == NULL it only types it,
 * otherwise it also computes (vals has room for the expression's length in
 * entries).  Returns the number of values left, types in tys. */
static uint32_t walk(const struct bx_module *m, const bx_constexpr *ce, uint8_t *tys, uint64_t *vals,
                     bx_global *const *globals, const char **why, uint32_t *bad_index)
{
    xr r = {m->bytes + ce->offset, m->bytes + ce->offset + ce->bits, false};
    uint32_t n = 0;
    *why = NULL;
    while (r.p < r.end && !r.bad && !*why) {
        uint8_t op = *r.p++;
        uint8_t t = 0;
        uint64_t v = 0;
        switch (op) {
        case 0x41: t = BX_I32; v = (uint32_t)x_leb(&r, 32, true); break;
        case 0x42: t = BX_I64; v = x_leb(&r, 64, true); break;
        case 0x43: case 0x44: {
            unsigned k = op == 0x43 ? 4 : 8;
            if ((size_t)(r.end - r.p) < k) { r.bad = true; break; }
            for (unsigned i = k; i-- > 0;) v = v << 8 | r.p[i];
            r.p += k;
            t = op == 0x43 ? BX_F32 : BX_F64;
            break;
        }
        case 0xD0:
            if (r.p >= r.end) { r.bad = true; break; }
            t = *r.p++;
            if (t != BX_FUNCREF && t != BX_EXTERNREF) r.bad = true;
            break;
        case 0xD2: {
            uint32_t x = (uint32_t)x_leb(&r, 32, false);
            if (x >= m->nfuncs_total) { *why = "unknown function"; *bad_index = x; break; }
            t = BX_FUNCREF;
            /* (no instance here: ref.func cannot feed the arithmetic, so a
             * valid extended expression never yields it) */
            break;
        }
        case 0x23: {
            uint32_t x = (uint32_t)x_leb(&r, 32, false);
            if (x >= m->nglobal_imports) { *why = "unknown global"; *bad_index = x; break; }
            if (m->global_types[x].mutable_) { *why = "constant expression required"; *bad_index = x; break; }
            t = (uint8_t)m->global_types[x].type;
            if (globals) v = globals[x]->val;
            break;
        }
        case 0x6A: case 0x6B: case 0x6C: case 0x7C: case 0x7D: case 0x7E: {
            uint8_t want = op <= 0x6C ? BX_I32 : BX_I64;
            if (n < 2 || tys[n - 1] != want || tys[n - 2] != want) { *why = "type mismatch"; break; }
            n -= 2;
            if (vals) {
                uint64_t a = vals[n], b = vals[n + 1];
                switch (op) {
                case 0x6A: v = (uint32_t)(a + b); break;
                case 0x6B: v = (uint32_t)(a - b); break;
                case 0x6C: v = (uint32_t)((uint32_t)a * (uint32_t)b); break;
                case 0x7C: v = a + b; break;
                case 0x7D: v = a - b; break;
                default: v = a * b; break;
                }
            }
            t = want;
            break;
        }
        default:
            *why = "constant expression required";
            break;
        }
        if (r.bad || *why) break;
        tys[n] = t;
        if (vals) vals[n] = v;
        n++;
    }
    if (r.bad && !*why) *why = "malformed constant expression";
    return n;
}

bx_status bxe_constexpr_ext_check(const struct bx_module *m, bx_constexpr *ce, bx_error *err)
{
    if (ce->offset > m->len || ce->bits > m->len - ce->offset)
        return bxe_fail(err, BX_ERR_INVALID, ce->offset, "constant expression out of the module");
    uint8_t *tys = malloc(ce->bits + 1);
    if (!tys) return bxe_fail(err, BX_ERR_NOMEM, ce->offset, "out of memory");
    const char *why;
    uint32_t x = 0;
    uint32_t n = walk(m, ce, tys, NULL, NULL, &why, &x);
    bx_valtype t = n == 1 ? (bx_valtype)tys[0] : BX_I32;
    free(tys);
    if (why && strcmp(why, "type mismatch") != 0)
        return bxe_fail(err, BX_ERR_INVALID, ce->offset, "%s %u", why, x);
    if (why || n != 1)
        return bxe_fail(err, BX_ERR_INVALID, ce->offset,
                       "type mismatch (constant expression must produce exactly one value)");
    ce->type = t;
    return BX_OK;
}

uint64_t bxe_constexpr_ext_eval(const struct bx_module *m, const bx_constexpr *ce,
                               bx_global *const *globals)
{
    if (ce->offset > m->len || ce->bits > m->len - ce->offset) return 0;
    uint8_t *tys = malloc(ce->bits + 1);
    uint64_t *vals = malloc((ce->bits + 1) * sizeof *vals);
    uint64_t v = 0;
    const char *why;
    uint32_t x;
    if (tys && vals && walk(m, ce, tys, vals, globals, &why, &x) == 1 && !why) v = vals[0];
    free(tys);
    free(vals);
    return v;
}
