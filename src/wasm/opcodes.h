/*
 * opcodes.h — the instruction table (opcodes.def) as data, and the three
 * readers every part of src/wasm shares: LEB128 numbers, value types and
 * the immediates of one instruction.  Private to src/wasm.
 *
 * The decoder, the compiler and the cache each used to carry their own
 * copy of these and they had drifted apart (v128 known to one and not to
 * another); callers now differ only in how they word an error.
 */
#ifndef BX_WASM_OPCODES_H
#define BX_WASM_OPCODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boxagnts.h"
#include "opcodes.def"
#include "simd.h"

/* How an instruction's immediates are encoded (the imm column). */
typedef enum bxe_imm {
    BXE_IMM_NONE,
    BXE_IMM_BLOCK,      /* block type: 0x40, a value type, or an s33 type index */
    BXE_IMM_U32,        /* one index */
    BXE_IMM_U32X2,      /* two indices */
    BXE_IMM_BR_TABLE,   /* a vector of labels and the default label */
    BXE_IMM_SELECT_T,   /* a vector of value types */
    BXE_IMM_MEMARG,     /* alignment (bit 6: a memory index follows), offset */
    BXE_IMM_MEMIDX,     /* a memory index: the reserved zero byte with < 2 memories */
    BXE_IMM_S32, BXE_IMM_S64,
    BXE_IMM_BYTES4, BXE_IMM_BYTES8,
    BXE_IMM_REFTYPE,
    BXE_IMM_MEMINIT,    /* data index, memory index */
    BXE_IMM_MEMCOPY     /* two memory indices */
} bxe_imm;

typedef enum bxe_class { BXE_CLASS_CTL, BXE_CLASS_NUM, BXE_CLASS_MEM } bxe_class;

/* One row of BX_WASM_OPS / BX_WASM_OPS_FC.  name NULL: no such opcode. */
typedef struct bxe_opinfo {
    const char *name;
    uint16_t iop;       /* internal opcode (code.h) of NUM and MEM rows */
    uint8_t cls, imm;   /* bxe_class, bxe_imm */
    uint8_t a, b, r;    /* value types, 0 = none */
    uint8_t align;      /* MEM: log2 of the natural alignment */
} bxe_opinfo;

#define BXE_FC_COUNT 18u
extern const bxe_opinfo bxe_ops[256];
extern const bxe_opinfo bxe_ops_fc[BXE_FC_COUNT];

/* A hash of the text of every row of opcodes.def, for the cache build id. */
uint64_t bxe_ops_hash(uint64_t seed);

/* ---- LEB128 ------------------------------------------------------------ */

typedef enum bxe_rderr {
    BXE_RD_OK,
    BXE_RD_EOF,         /* ran out of bytes */
    BXE_RD_TOO_LONG,    /* "integer representation too long" */
    BXE_RD_TOO_LARGE,   /* "integer too large" */
    BXE_RD_ILLEGAL,     /* unknown opcode */
    BXE_RD_VALTYPE,     /* malformed value type */
    BXE_RD_REFTYPE,     /* malformed reference type */
    BXE_RD_ZERO,        /* zero byte expected */
    BXE_RD_BLOCKTYPE    /* malformed block type */
} bxe_rderr;

/*
 * An LEB128 number of at most ceil(bits/7) bytes from *pp (limit end).  In
 * the last byte, the bits beyond the value's width must be zero (unsigned)
 * or copies of the sign bit (signed): TOO_LARGE; a continuation bit there
 * is TOO_LONG.  A signed value comes back sign-extended to 64 bits.  On
 * success *pp is past the number; on an error it points at the offending
 * byte (end for EOF).  Inline: the compiler reads one per instruction.
 */
static inline bxe_rderr bxe_leb(const uint8_t **pp, const uint8_t *end, unsigned bits, bool sign,
                                uint64_t *out)
{
    const uint8_t *q = *pp;
    if (q < end && !(*q & 0x80)) {      /* one byte: most numbers in code */
        uint64_t v = *q;
        if (sign && (v & 0x40)) v |= ~(uint64_t)0 << 7;
        *pp = q + 1;
        *out = v;
        return BXE_RD_OK;
    }
    unsigned maxbytes = (bits + 6) / 7, shift = 0;
    uint64_t v = 0;
    for (unsigned i = 0;; i++) {
        if (q >= end) {
            *pp = end;
            return BXE_RD_EOF;
        }
        uint8_t b = *q;
        if (i == maxbytes - 1) {
            unsigned used = bits - 7 * i;      /* value bits in this byte */
            if (b & 0x80) {
                *pp = q;
                return BXE_RD_TOO_LONG;
            }
            if (used < 7) {
                uint8_t mask = sign ? (uint8_t)((0x7Fu << (used - 1)) & 0x7Fu)
                                    : (uint8_t)((0x7Fu << used) & 0x7Fu);
                if ((b & mask) != 0 && (!sign || (b & mask) != mask)) {
                    *pp = q;
                    return BXE_RD_TOO_LARGE;
                }
            }
        }
        q++;
        v |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80)) {
            if (sign && shift < 64 && (b & 0x40)) v |= ~(uint64_t)0 << shift;
            break;
        }
    }
    *pp = q;
    *out = v;
    return BXE_RD_OK;
}

/* ---- value types --------------------------------------------------------- */

static inline bool bxe_is_reftype(uint8_t b) { return b == BX_FUNCREF || b == BX_EXTERNREF; }

static inline bool bxe_is_valtype(uint8_t b)
{
    return b == BX_I32 || b == BX_I64 || b == BX_F32 || b == BX_F64 || b == BX_V128 ||
           bxe_is_reftype(b);
}

/* ---- one instruction's immediates ------------------------------------------ */

/* What bxe_skip_imm learnt besides the position. */
typedef struct bxe_ins {
    uint32_t sub;       /* 0xFC / 0xFD sub-opcode */
    uint64_t k;         /* S32/S64 (sign-extended), BYTES4/8 (little-endian) */
    uint32_t idx;       /* the first index of U32, U32X2 and MEMINIT */
} bxe_ins;

/* Inline: the compiler skips one per instruction before compiling a body. */

static inline bxe_rderr bxe_rd_u32(const uint8_t **pp, const uint8_t *end, uint32_t *v)
{
    uint64_t x = 0;
    bxe_rderr e = bxe_leb(pp, end, 32, false, &x);
    *v = (uint32_t)x;
    return e;
}

static inline bxe_rderr bxe_rd_bytes(const uint8_t **pp, const uint8_t *end, size_t n)
{
    if ((size_t)(end - *pp) < n) {
        *pp = end;
        return BXE_RD_EOF;
    }
    *pp += n;
    return BXE_RD_OK;
}

/* The memory index of memory.size/grow/init/copy/fill.  With several
 * memories it is a u32 (multi-memory); with one or none it stays the 2.0
 * reserved zero byte, so a long or nonzero encoding is malformed as the 2.0
 * testsuite expects (no compiler emits one for a single memory). */
static inline bxe_rderr bxe_rd_memidx(const uint8_t **pp, const uint8_t *end, uint32_t nmems,
                                      uint32_t *x)
{
    *x = 0;
    if (nmems >= 2) return bxe_rd_u32(pp, end, x);
    if (*pp >= end) return BXE_RD_EOF;
    if (**pp != 0) return BXE_RD_ZERO;
    (*pp)++;
    return BXE_RD_OK;
}

/* A memarg: alignment flags, then a memory index when bit 6 is set, then
 * the offset. */
static inline bxe_rderr bxe_rd_memarg(const uint8_t **pp, const uint8_t *end, uint32_t *align,
                                      uint32_t *mem, uint32_t *off)
{
    *mem = *off = 0;
    bxe_rderr e = bxe_rd_u32(pp, end, align);
    if (!e && (*align & 0x40)) {
        *align &= ~0x40u;
        e = bxe_rd_u32(pp, end, mem);
    }
    if (!e) e = bxe_rd_u32(pp, end, off);
    return e;
}

static inline bxe_rderr bxe_skip_imm_kind(const uint8_t **pp, const uint8_t *end, bxe_imm imm,
                                         uint32_t nmems, bxe_ins *in)
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
    case BXE_IMM_U32: return bxe_rd_u32(pp, end, &in->idx);
    case BXE_IMM_U32X2:
        if ((e = bxe_rd_u32(pp, end, &in->idx))) return e;
        return bxe_rd_u32(pp, end, &v);
    case BXE_IMM_BR_TABLE:
        if ((e = bxe_rd_u32(pp, end, &n))) return e;
        /* each label takes a byte: refuse a count the bytes cannot hold */
        if (n > (size_t)(end - *pp)) {
            *pp = end;
            return BXE_RD_EOF;
        }
        for (uint64_t i = 0; i <= n; i++)
            if ((e = bxe_rd_u32(pp, end, &v))) return e;
        return BXE_RD_OK;
    case BXE_IMM_SELECT_T:
        if ((e = bxe_rd_u32(pp, end, &n))) return e;
        for (uint64_t i = 0; i < n; i++) {
            if (*pp >= end) return BXE_RD_EOF;
            if (!bxe_is_valtype(**pp)) return BXE_RD_VALTYPE;
            (*pp)++;
        }
        return BXE_RD_OK;
    case BXE_IMM_MEMARG: return bxe_rd_memarg(pp, end, &n, &v, &v);
    case BXE_IMM_MEMIDX: return bxe_rd_memidx(pp, end, nmems, &v);
    case BXE_IMM_S32:
        e = bxe_leb(pp, end, 32, true, &in->k);
        return e;
    case BXE_IMM_S64: return bxe_leb(pp, end, 64, true, &in->k);
    case BXE_IMM_BYTES4:
    case BXE_IMM_BYTES8: {
        unsigned w = imm == BXE_IMM_BYTES4 ? 4 : 8;
        const uint8_t *s = *pp;
        if ((e = bxe_rd_bytes(pp, end, w))) return e;
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
        if ((e = bxe_rd_u32(pp, end, &in->idx))) return e;
        return bxe_rd_memidx(pp, end, nmems, &v);
    case BXE_IMM_MEMCOPY:
        if ((e = bxe_rd_memidx(pp, end, nmems, &v))) return e;
        return bxe_rd_memidx(pp, end, nmems, &v);
    }
    return BXE_RD_ILLEGAL;
}

/*
 * Skip the immediates of the instruction whose opcode byte op was just read
 * (*pp is after it), in a module with nmems memories.  Checks what the
 * binary format requires of them (known opcode, value types, zero bytes,
 * LEB128 sizes) and nothing that needs the module.  On an error *pp points
 * at the offending byte and, for ILLEGAL, in->sub holds the sub-opcode.
 */
static inline bxe_rderr bxe_skip_imm(const uint8_t **pp, const uint8_t *end, uint8_t op,
                                     uint32_t nmems, bxe_ins *in)
{
    const uint8_t *at = *pp - 1;
    uint32_t al, x;
    bxe_rderr e;
    in->sub = 0;
    if (op == 0xFC || op == 0xFD) {
        if ((e = bxe_rd_u32(pp, end, &in->sub))) return e;
        if (op == 0xFC) {
            if (in->sub >= BXE_FC_COUNT || !bxe_ops_fc[in->sub].name) {
                *pp = at;
                return BXE_RD_ILLEGAL;
            }
            return bxe_skip_imm_kind(pp, end, (bxe_imm)bxe_ops_fc[in->sub].imm, nmems, in);
        }
        bx_simd_info si = bxe_simd_info_of(in->sub);
        if (in->sub > 0xFF || si.kind == SK_NONE) {
            *pp = at;
            return BXE_RD_ILLEGAL;
        }
        switch (si.kind) {
        case SK_CONST: case SK_SHUFFLE: return bxe_rd_bytes(pp, end, 16);
        case SK_LOAD: case SK_STORE: return bxe_rd_memarg(pp, end, &al, &x, &x);
        case SK_LOAD_LANE: case SK_STORE_LANE:
            if ((e = bxe_rd_memarg(pp, end, &al, &x, &x))) return e;
            return bxe_rd_bytes(pp, end, 1);
        case SK_EXTRACT: case SK_REPLACE: return bxe_rd_bytes(pp, end, 1);
        default: return BXE_RD_OK;
        }
    }
    if (!bxe_ops[op].name) {
        *pp = at;
        return BXE_RD_ILLEGAL;
    }
    return bxe_skip_imm_kind(pp, end, (bxe_imm)bxe_ops[op].imm, nmems, in);
}

#endif
