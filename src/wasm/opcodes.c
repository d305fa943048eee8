/*
 * opcodes.c — opcodes.def as lookup tables, the skipping of one
 * instruction's immediates shared by the decoder and the compiler, and the
 * hash of the table that goes into the cache build id.
 */
#include <string.h>

#include "code.h"
#include "opcodes.h"
#include "sha256.h"
#include "simd.h"

#define I BX_I32
#define L BX_I64
#define F BX_F32
#define D BX_F64
#define _ 0
/* NUM and MEM rows name an internal opcode of code.h; CTL rows none. */
#define IOP_CTL(n) 0
#define IOP_NUM(n) BXOP_##n
#define IOP_MEM(n) BXOP_##n

const bxe_opinfo bxe_ops[256] = {
#define ROW(code, n, text, cls, imm, a, b, r, al) \
    [code] = {text, IOP_##cls(n), BXE_CLASS_##cls, BXE_IMM_##imm, a, b, r, al},
    BX_WASM_OPS(ROW)
#undef ROW
};

const bxe_opinfo bxe_ops_fc[BXE_FC_COUNT] = {
#define ROW(code, n, text, cls, imm, a, b, r) \
    [code] = {text, IOP_##cls(n), BXE_CLASS_##cls, BXE_IMM_##imm, a, b, r, 0},
    BX_WASM_OPS_FC(ROW)
#undef ROW
};

/* interp.c's dispatch and compile.c's arithmetic on internal opcodes rely
 * on the wasm order of the numeric and memory rows. */
_Static_assert(BXOP_I64_EXTEND32_S - BXOP_I32_EQZ == 0xC4 - 0x45, "numeric rows out of order");
_Static_assert(BXOP_I64_STORE32 - BXOP_I32_LOAD == 0x3E - 0x28, "memory rows out of order");

#undef I
#undef L
#undef F
#undef D
#undef _

static const char *const rows[] = {
#define TEXT(...) #__VA_ARGS__,
    BX_WASM_OPS(TEXT) BX_WASM_OPS_FC(TEXT) BX_WASM_OPS_SIMD(TEXT)
#undef TEXT
};

uint64_t bxe_ops_hash(uint64_t h)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        h = bx_hash64(rows[i], strlen(rows[i]), h ^ i);
    return h;
}

/* ---- skipping immediates ------------------------------------------------ */

static bxe_rderr u32(const uint8_t **pp, const uint8_t *end, uint32_t *v)
{
    uint64_t x = 0;
    bxe_rderr e = bxe_leb(pp, end, 32, false, &x);
    *v = (uint32_t)x;
    return e;
}

static bxe_rderr bytes(const uint8_t **pp, const uint8_t *end, size_t n)
{
    if ((size_t)(end - *pp) < n) {
        *pp = end;
        return BXE_RD_EOF;
    }
    *pp += n;
    return BXE_RD_OK;
}

/* With one memory or none the index is the 2.0 reserved zero byte, so a
 * long or nonzero encoding stays malformed as the 2.0 testsuite expects. */
static bxe_rderr memidx(const uint8_t **pp, const uint8_t *end, uint32_t nmems)
{
    uint32_t v;
    if (nmems >= 2) return u32(pp, end, &v);
    if (*pp >= end) return BXE_RD_EOF;
    if (**pp != 0) return BXE_RD_ZERO;
    (*pp)++;
    return BXE_RD_OK;
}

static bxe_rderr memarg(const uint8_t **pp, const uint8_t *end)
{
    uint32_t a, v;
    bxe_rderr e = u32(pp, end, &a);
    if (!e && (a & 0x40)) e = u32(pp, end, &v);
    if (!e) e = u32(pp, end, &v);
    return e;
}

static bxe_rderr skip(const uint8_t **pp, const uint8_t *end, bxe_imm imm, uint32_t nmems,
                      bxe_ins *in)
{
    uint32_t n, v;
    uint64_t x = 0;
    bxe_rderr e;
    switch (imm) {
    case BXE_IMM_NONE: return BXE_RD_OK;
    case BXE_IMM_BLOCK:
        if (*pp < end && (**pp == 0x40 || bxe_is_valtype(**pp))) {
            (*pp)++;
            return BXE_RD_OK;
        }
        {
            const uint8_t *at = *pp;
            if ((e = bxe_leb(pp, end, 33, true, &x))) return e;
            if ((int64_t)x < 0) {
                *pp = at;
                return BXE_RD_BLOCKTYPE;
            }
        }
        return BXE_RD_OK;
    case BXE_IMM_U32: return u32(pp, end, &in->idx);
    case BXE_IMM_U32X2:
        if ((e = u32(pp, end, &in->idx))) return e;
        return u32(pp, end, &v);
    case BXE_IMM_BR_TABLE:
        if ((e = u32(pp, end, &n))) return e;
        /* each label takes a byte: refuse a count the bytes cannot hold */
        if (n > (size_t)(end - *pp)) {
            *pp = end;
            return BXE_RD_EOF;
        }
        for (uint64_t i = 0; i <= n; i++)
            if ((e = u32(pp, end, &v))) return e;
        return BXE_RD_OK;
    case BXE_IMM_SELECT_T:
        if ((e = u32(pp, end, &n))) return e;
        for (uint64_t i = 0; i < n; i++) {
            if (*pp >= end) return BXE_RD_EOF;
            if (!bxe_is_valtype(**pp)) return BXE_RD_VALTYPE;
            (*pp)++;
        }
        return BXE_RD_OK;
    case BXE_IMM_MEMARG: return memarg(pp, end);
    case BXE_IMM_MEMIDX: return memidx(pp, end, nmems);
    case BXE_IMM_S32:
        e = bxe_leb(pp, end, 32, true, &in->k);
        return e;
    case BXE_IMM_S64: return bxe_leb(pp, end, 64, true, &in->k);
    case BXE_IMM_BYTES4:
    case BXE_IMM_BYTES8: {
        unsigned w = imm == BXE_IMM_BYTES4 ? 4 : 8;
        const uint8_t *s = *pp;
        if ((e = bytes(pp, end, w))) return e;
        in->k = 0;
        for (unsigned i = 0; i < w; i++) in->k |= (uint64_t)s[i] << (8 * i);
        return BXE_RD_OK;
    }
    case BXE_IMM_REFTYPE:
        if (*pp >= end) return BXE_RD_EOF;
        if (!bxe_is_reftype(**pp)) return BXE_RD_REFTYPE;
        (*pp)++;
        return BXE_RD_OK;
    case BXE_IMM_MEMINIT:
        if ((e = u32(pp, end, &in->idx))) return e;
        return memidx(pp, end, nmems);
    case BXE_IMM_MEMCOPY:
        if ((e = memidx(pp, end, nmems))) return e;
        return memidx(pp, end, nmems);
    }
    return BXE_RD_ILLEGAL;
}

bxe_rderr bxe_skip_imm(const uint8_t **pp, const uint8_t *end, uint8_t op, uint32_t nmems,
                       bxe_ins *in)
{
    const uint8_t *at = *pp - 1;
    bxe_rderr e;
    in->sub = 0;
    if (op == 0xFC || op == 0xFD) {
        if ((e = u32(pp, end, &in->sub))) return e;
        if (op == 0xFC) {
            if (in->sub >= BXE_FC_COUNT || !bxe_ops_fc[in->sub].name) {
                *pp = at;
                return BXE_RD_ILLEGAL;
            }
            return skip(pp, end, (bxe_imm)bxe_ops_fc[in->sub].imm, nmems, in);
        }
        bx_simd_info si = bx_simd_info_of(in->sub);
        if (in->sub > 0xFF || si.kind == SK_NONE) {
            *pp = at;
            return BXE_RD_ILLEGAL;
        }
        switch (si.kind) {
        case SK_CONST: case SK_SHUFFLE: return bytes(pp, end, 16);
        case SK_LOAD: case SK_STORE: return memarg(pp, end);
        case SK_LOAD_LANE: case SK_STORE_LANE:
            if ((e = memarg(pp, end))) return e;
            return bytes(pp, end, 1);
        case SK_EXTRACT: case SK_REPLACE: return bytes(pp, end, 1);
        default: return BXE_RD_OK;
        }
    }
    if (!bxe_ops[op].name) {
        *pp = at;
        return BXE_RD_ILLEGAL;
    }
    return skip(pp, end, (bxe_imm)bxe_ops[op].imm, nmems, in);
}
