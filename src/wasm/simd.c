/*
 * simd.c — the WebAssembly 2.0 SIMD instructions: their description (one
 * table for the compiler and the cache verifier) and their execution, in
 * plain C over the lanes (no intrinsics, no -ffast-math: the lane results
 * are the scalar ones of numeric.h, NaNs included).
 */
#include <math.h>
#include <string.h>

#include "code.h"
#include "module.h"
#include "numeric.h"
#include "runtime.h"
#include "simd.h"

#define I BX_I32
#define L BX_I64
#define F BX_F32
#define D BX_F64

bx_simd_info bxe_simd_info_of(uint32_t s)
{
    bx_simd_info r = {SK_NONE, 0, 0, 0};
#define R(k, t, n, al) do { r.kind = (k); r.scalar = (t); r.lanes = (n); r.align = (al); return r; } while (0)
    if (s == BXS_GLOBAL_GET) R(SK_GGET, 0, 0, 0);
    if (s == BXS_GLOBAL_SET) R(SK_GSET, 0, 0, 0);
    if (s <= 0x06) R(s == 0 ? SK_LOAD : SK_LOAD, 0, 0, s == 0 ? 4 : 3);
    switch (s) {
    case 0x07: R(SK_LOAD, 0, 0, 0);
    case 0x08: R(SK_LOAD, 0, 0, 1);
    case 0x09: R(SK_LOAD, 0, 0, 2);
    case 0x0a: R(SK_LOAD, 0, 0, 3);
    case 0x0b: R(SK_STORE, 0, 0, 4);
    case 0x0c: R(SK_CONST, 0, 0, 0);
    case 0x0d: R(SK_SHUFFLE, 0, 16, 0);
    case 0x0e: R(SK_BIN, 0, 0, 0);
    case 0x0f: case 0x10: case 0x11: R(SK_SPLAT, I, 0, 0);
    case 0x12: R(SK_SPLAT, L, 0, 0);
    case 0x13: R(SK_SPLAT, F, 0, 0);
    case 0x14: R(SK_SPLAT, D, 0, 0);
    case 0x15: case 0x16: R(SK_EXTRACT, I, 16, 0);
    case 0x17: R(SK_REPLACE, I, 16, 0);
    case 0x18: case 0x19: R(SK_EXTRACT, I, 8, 0);
    case 0x1a: R(SK_REPLACE, I, 8, 0);
    case 0x1b: R(SK_EXTRACT, I, 4, 0);
    case 0x1c: R(SK_REPLACE, I, 4, 0);
    case 0x1d: R(SK_EXTRACT, L, 2, 0);
    case 0x1e: R(SK_REPLACE, L, 2, 0);
    case 0x1f: R(SK_EXTRACT, F, 4, 0);
    case 0x20: R(SK_REPLACE, F, 4, 0);
    case 0x21: R(SK_EXTRACT, D, 2, 0);
    case 0x22: R(SK_REPLACE, D, 2, 0);
    case 0x4d: R(SK_UN, 0, 0, 0);
    case 0x52: R(SK_TERN, 0, 0, 0);
    case 0x53: R(SK_TEST, I, 0, 0);
    case 0x54: R(SK_LOAD_LANE, 0, 16, 0);
    case 0x55: R(SK_LOAD_LANE, 0, 8, 1);
    case 0x56: R(SK_LOAD_LANE, 0, 4, 2);
    case 0x57: R(SK_LOAD_LANE, 0, 2, 3);
    case 0x58: R(SK_STORE_LANE, 0, 16, 0);
    case 0x59: R(SK_STORE_LANE, 0, 8, 1);
    case 0x5a: R(SK_STORE_LANE, 0, 4, 2);
    case 0x5b: R(SK_STORE_LANE, 0, 2, 3);
    case 0x5c: R(SK_LOAD, 0, 0, 2);
    case 0x5d: R(SK_LOAD, 0, 0, 3);
    case 0x5e: case 0x5f: R(SK_UN, 0, 0, 0);
    case 0x63: case 0x64: case 0x83: case 0x84: case 0xa3: case 0xa4: case 0xc3: case 0xc4:
        R(SK_TEST, I, 0, 0);
    case 0x6b: case 0x6c: case 0x6d: case 0x8b: case 0x8c: case 0x8d:
    case 0xab: case 0xac: case 0xad: case 0xcb: case 0xcc: case 0xcd:
        R(SK_SHIFT, I, 0, 0);
    /* unary v128 -> v128 */
    case 0x60: case 0x61: case 0x62: case 0x67: case 0x68: case 0x69: case 0x6a:
    case 0x74: case 0x75: case 0x7a: case 0x7c: case 0x7d: case 0x7e: case 0x7f:
    case 0x80: case 0x81: case 0x87: case 0x88: case 0x89: case 0x8a: case 0x94:
    case 0xa0: case 0xa1: case 0xa7: case 0xa8: case 0xa9: case 0xaa:
    case 0xc0: case 0xc1: case 0xc7: case 0xc8: case 0xc9: case 0xca:
    case 0xe0: case 0xe1: case 0xe3: case 0xec: case 0xed: case 0xef:
    case 0xf8: case 0xf9: case 0xfa: case 0xfb: case 0xfc: case 0xfd: case 0xfe: case 0xff:
        R(SK_UN, 0, 0, 0);
    /* binary v128 v128 -> v128 */
    case 0x65: case 0x66: case 0x6e: case 0x6f: case 0x70: case 0x71: case 0x72: case 0x73:
    case 0x76: case 0x77: case 0x78: case 0x79: case 0x7b:
    case 0x82: case 0x85: case 0x86: case 0x8e: case 0x8f: case 0x90: case 0x91: case 0x92:
    case 0x93: case 0x95: case 0x96: case 0x97: case 0x98: case 0x99: case 0x9b:
    case 0x9c: case 0x9d: case 0x9e: case 0x9f:
    case 0xae: case 0xb1: case 0xb5: case 0xb6: case 0xb7: case 0xb8: case 0xb9: case 0xba:
    case 0xbc: case 0xbd: case 0xbe: case 0xbf:
    case 0xce: case 0xd1: case 0xd5: case 0xd6: case 0xd7: case 0xd8: case 0xd9: case 0xda:
    case 0xdb: case 0xdc: case 0xdd: case 0xde: case 0xdf:
    case 0xe4: case 0xe5: case 0xe6: case 0xe7: case 0xe8: case 0xe9: case 0xea: case 0xeb:
    case 0xf0: case 0xf1: case 0xf2: case 0xf3: case 0xf4: case 0xf5: case 0xf6: case 0xf7:
        R(SK_BIN, 0, 0, 0);
    default: break;
    }
    if (s >= 0x23 && s <= 0x4c) R(SK_BIN, 0, 0, 0);   /* comparisons */
    if (s >= 0x4e && s <= 0x51) R(SK_BIN, 0, 0, 0);   /* and andnot or xor */
#undef R
    return r;
}

/* ---- verifier ------------------------------------------------------------ */

static bool s64(uint32_t x, uint32_t frame) { return x < frame; }
static bool s128(uint32_t x, uint32_t frame) { return x < frame && x + 1 < frame; }

bool bxe_simd_verify(const struct bx_module *m, bool shuffle, const uint32_t *o, uint32_t frame)
{
    if (shuffle) {
        for (int i = 0; i < 4; i++)
            for (int k = 0; k < 4; k++)
                if (((o[3 + i] >> (8 * k)) & 0xFF) >= 32) return false;
        return s128(o[0], frame) && s128(o[1], frame) && s128(o[2], frame);
    }
    bx_simd_info in = bxe_simd_info_of(o[0]);
    uint32_t d = o[1], a = o[2], b = o[3], c = o[4], k = o[5];
    switch (in.kind) {
    case SK_LOAD:
        return m->nmems_total && s128(d, frame) && s64(a, frame) && !b;    /* c: address constant */
    case SK_STORE:
        return m->nmems_total && !d && s64(a, frame) && s128(b, frame);
    case SK_LOAD_LANE:
        return m->nmems_total && s128(d, frame) && s64(a, frame) && s128(b, frame) && c < in.lanes;
    case SK_STORE_LANE:
        return m->nmems_total && !d && s64(a, frame) && s128(b, frame) && c < in.lanes;
    case SK_EXTRACT:
        return s64(d, frame) && s128(a, frame) && !b && c < in.lanes && !k;
    case SK_REPLACE:
        return s128(d, frame) && s128(a, frame) && s64(b, frame) && c < in.lanes && !k;
    case SK_UN:
        return s128(d, frame) && s128(a, frame) && !b && !c && !k;
    case SK_BIN:
        return s128(d, frame) && s128(a, frame) && s128(b, frame) && !c && !k;
    case SK_TERN:
        return s128(d, frame) && s128(a, frame) && s128(b, frame) && s128(c, frame) && !k;
    case SK_TEST:
        return s64(d, frame) && s128(a, frame) && !b && !c && !k;
    case SK_SHIFT:
        return s128(d, frame) && s128(a, frame) && s64(b, frame) && !c && !k;
    case SK_SPLAT:
        return s128(d, frame) && s64(a, frame) && !b && !c && !k;
    case SK_GGET:
        return s128(d, frame) && !a && !b && !c && k < m->nglobals_total &&
               m->global_types[k].type == BX_V128;
    case SK_GSET:
        return !d && s128(a, frame) && !b && !c && k < m->nglobals_total &&
               m->global_types[k].type == BX_V128 && m->global_types[k].mutable_;
    default:
        return false;   /* unknown sub-opcode, or CONST/SHUFFLE (never OP_SIMD) */
    }
}

/* ---- execution --------------------------------------------------------------- */

/* Whole-vector views (GNU vector extensions, gcc and clang): the common
 * operations compute in one register instead of lane by lane, which would
 * also make the 16-byte reload of a lane-wise result stall. */
#define VT(name, t, n) typedef t name __attribute__((vector_size(n)));
VT(vi8_t, int8_t, 16) VT(vu8_t, uint8_t, 16) VT(vi16_t, int16_t, 16) VT(vu16_t, uint16_t, 16)
VT(vi32_t, int32_t, 16) VT(vu32_t, uint32_t, 16) VT(vi64_t, int64_t, 16) VT(vu64_t, uint64_t, 16)
VT(vf32_t, float, 16) VT(vf64_t, double, 16)
VT(hi8_t, int8_t, 8) VT(hu8_t, uint8_t, 8) VT(hi16_t, int16_t, 8) VT(hu16_t, uint16_t, 8)
VT(hi32_t, int32_t, 8) VT(hu32_t, uint32_t, 8)
#undef VT

typedef union v128 {
    vi8_t vi8; vu8_t vu8; vi16_t vi16; vu16_t vu16; vi32_t vi32; vu32_t vu32;
    vi64_t vi64; vu64_t vu64; vf32_t vf32; vf64_t vf64;
    uint8_t u8[16];
    int8_t i8[16];
    uint16_t u16[8];
    int16_t i16[8];
    uint32_t u32[4];
    int32_t i32[4];
    uint64_t u64[2];
    int64_t i64[2];
    float f32[4];
    double f64[2];
} v128;

static inline v128 get(const uint64_t *fp, uint32_t s)
{
    v128 v;
    memcpy(&v, fp + s, 16);
    return v;
}

#define LANES(n) for (int i = 0; i < (n); i++)

static inline int32_t sat_s(int32_t x, int32_t lo, int32_t hi) { return x < lo ? lo : x > hi ? hi : x; }

/* A NaN result must be quiet: the rounding functions return a signalling
 * NaN operand unchanged on some libms. */
static inline float f32_round(float x, int how)
{
    if (isnan(x)) return x + x;
    switch (how) {
    case 0: return ceilf(x);
    case 1: return floorf(x);
    case 2: return truncf(x);
    default: return bx_f32_nearest(x);
    }
}
static inline double f64_round(double x, int how)
{
    if (isnan(x)) return x + x;
    switch (how) {
    case 0: return ceil(x);
    case 1: return floor(x);
    case 2: return trunc(x);
    default: return bx_f64_nearest(x);
    }
}

/* Lane-wise binary ops: N lanes of field FLD, result field RF. */
#define BIN(N, FLD, RF, expr) LANES(N) { __typeof__(a.FLD[0]) x = a.FLD[i], y = b.FLD[i]; r.RF[i] = (expr); } break
#define UN(N, FLD, RF, expr) LANES(N) { __typeof__(a.FLD[0]) x = a.FLD[i]; r.RF[i] = (expr); } break
#define CMP(N, FLD, UF, op) r.v##UF = (v##UF##_t)(a.v##FLD op b.v##FLD); break
#define VBIN(FLD, op) r.v##FLD = a.v##FLD op b.v##FLD; goto out
/* min/max: select by a mask of the same width (MK: its unsigned view) */
#define VSEL(FLD, MK, op) { v##MK##_t m_ = (v##MK##_t)(a.v##FLD op b.v##FLD); \
    r.v##MK = (a.v##MK & m_) | (b.v##MK & ~m_); goto out; }
/* widening: half of a (lo 0 / hi 8 bytes) converted lane by lane */
#define WIDEN(H, FROM, TO, off) { H##FROM##_t h_; memcpy(&h_, a.u8 + (off), 8); \
    r.v##TO = __builtin_convertvector(h_, v##TO##_t); goto out; }

const uint32_t *bxe_simd_run(const uint32_t *w, uint64_t *fp, bx_instance *inst)
{
    struct bx_global **globals = inst->globals;
    struct bx_memory *mem0 = inst->module->nmems_total ? inst->mems[0] : NULL;
    uint8_t *mbase = mem0 ? mem0->data : NULL;
    uint64_t msize = mem0 ? mem0->size : 0;
    v128 a, b, r;
    uint64_t ea;
    uint32_t sub, d, sa, sb, sc, k;
next:
    sub = w[0], d = w[1], sa = w[2], sb = w[3], sc = w[4], k = w[5];

    /* One switch; each case loads only the operands it has.  Full loads
     * and stores address (u32)(fp[a] + c) + k: c is the constant of an
     * i32.add the compiler folded in (0 otherwise); lane forms have their
     * lane in c. */
#define LA a = get(fp, sa)
#define LB b = get(fp, sb)
#define EA(n)                                                        \
    ea = (uint64_t)(uint32_t)((uint32_t)fp[sa] + sc) + k;            \
    if (ea + (n) > msize) return NULL
#define EAL(n)                                                       \
    ea = (uint64_t)(uint32_t)fp[sa] + k;                             \
    if (ea + (n) > msize) return NULL
    switch (sub) {
    case 0x00: EA(16); memcpy(fp + d, mbase + ea, 16); goto done;
    case 0x01: { EA(8); hi8_t x; memcpy(&x, mbase + ea, 8); r.vi16 = __builtin_convertvector(x, vi16_t); goto out; }
    case 0x02: { EA(8); hu8_t x; memcpy(&x, mbase + ea, 8); r.vu16 = __builtin_convertvector(x, vu16_t); goto out; }
    case 0x03: { EA(8); hi16_t x; memcpy(&x, mbase + ea, 8); r.vi32 = __builtin_convertvector(x, vi32_t); goto out; }
    case 0x04: { EA(8); hu16_t x; memcpy(&x, mbase + ea, 8); r.vu32 = __builtin_convertvector(x, vu32_t); goto out; }
    case 0x05: { EA(8); hi32_t x; memcpy(&x, mbase + ea, 8); r.vi64 = __builtin_convertvector(x, vi64_t); goto out; }
    case 0x06: { EA(8); hu32_t x; memcpy(&x, mbase + ea, 8); r.vu64 = __builtin_convertvector(x, vu64_t); goto out; }
    case 0x07: { EA(1); uint8_t x = mbase[ea]; LANES(16) r.u8[i] = x; goto out; }
    case 0x08: { EA(2); uint16_t x; memcpy(&x, mbase + ea, 2); LANES(8) r.u16[i] = x; goto out; }
    case 0x09: { EA(4); uint32_t x; memcpy(&x, mbase + ea, 4); LANES(4) r.u32[i] = x; goto out; }
    case 0x0a: { EA(8); uint64_t x; memcpy(&x, mbase + ea, 8); LANES(2) r.u64[i] = x; goto out; }
    case 0x5c: { EA(4); uint32_t x; memcpy(&x, mbase + ea, 4); r.u64[0] = x; r.u64[1] = 0; goto out; }
    case 0x5d: EA(8); memcpy(&r.u64[0], mbase + ea, 8); r.u64[1] = 0; goto out;
    case 0x0b: EA(16); memcpy(mbase + ea, fp + sb, 16); goto done;
    case 0x54: EAL(1); r = get(fp, sb); r.u8[sc] = mbase[ea]; goto out;
    case 0x55: EAL(2); r = get(fp, sb); memcpy(&r.u16[sc], mbase + ea, 2); goto out;
    case 0x56: EAL(4); r = get(fp, sb); memcpy(&r.u32[sc], mbase + ea, 4); goto out;
    case 0x57: EAL(8); r = get(fp, sb); memcpy(&r.u64[sc], mbase + ea, 8); goto out;
    case 0x58: EAL(1); a = get(fp, sb); mbase[ea] = a.u8[sc]; goto done;
    case 0x59: EAL(2); a = get(fp, sb); memcpy(mbase + ea, &a.u16[sc], 2); goto done;
    case 0x5a: EAL(4); a = get(fp, sb); memcpy(mbase + ea, &a.u32[sc], 4); goto done;
    case 0x5b: EAL(8); a = get(fp, sb); memcpy(mbase + ea, &a.u64[sc], 8); goto done;
    case BXS_GLOBAL_GET:
        fp[d] = globals[k]->val;
        fp[d + 1] = globals[k]->hi;
        goto done;
    case BXS_GLOBAL_SET:
        globals[k]->val = fp[sa];
        globals[k]->hi = fp[sa + 1];
        goto done;
    /* scalar operand a */
    case 0x0f: r.vu8 = (vu8_t){0} + (uint8_t)fp[sa]; goto out;
    case 0x10: r.vu16 = (vu16_t){0} + (uint16_t)fp[sa]; goto out;
    case 0x11: case 0x13: r.vu32 = (vu32_t){0} + (uint32_t)fp[sa]; goto out;
    case 0x12: case 0x14: r.vu64 = (vu64_t){0} + fp[sa]; goto out;
    /* lanes */
    case 0x15: LA; fp[d] = (uint32_t)(int32_t)a.i8[sc]; goto done;
    case 0x16: LA; fp[d] = a.u8[sc]; goto done;
    case 0x18: LA; fp[d] = (uint32_t)(int32_t)a.i16[sc]; goto done;
    case 0x19: LA; fp[d] = a.u16[sc]; goto done;
    case 0x1b: case 0x1f: LA; fp[d] = a.u32[sc]; goto done;
    case 0x1d: case 0x21: LA; fp[d] = a.u64[sc]; goto done;
    case 0x17: LA; r = a; r.u8[sc] = (uint8_t)fp[sb]; goto out;
    case 0x1a: LA; r = a; r.u16[sc] = (uint16_t)fp[sb]; goto out;
    case 0x1c: case 0x20: LA; r = a; r.u32[sc] = (uint32_t)fp[sb]; goto out;
    case 0x1e: case 0x22: LA; r = a; r.u64[sc] = fp[sb]; goto out;
    /* tests */
    case 0x53: LA; fp[d] = (a.u64[0] | a.u64[1]) != 0; goto done;
    case 0x63: LA; { uint32_t t = 1; LANES(16) t &= a.u8[i] != 0; fp[d] = t; goto done; }
    case 0x83: LA; { uint32_t t = 1; LANES(8) t &= a.u16[i] != 0; fp[d] = t; goto done; }
    case 0xa3: LA; { uint32_t t = 1; LANES(4) t &= a.u32[i] != 0; fp[d] = t; goto done; }
    case 0xc3: LA; { uint32_t t = 1; LANES(2) t &= a.u64[i] != 0; fp[d] = t; goto done; }
    case 0x64: LA; { uint32_t t = 0; LANES(16) t |= (uint32_t)(a.u8[i] >> 7) << i; fp[d] = t; goto done; }
    case 0x84: LA; { uint32_t t = 0; LANES(8) t |= (uint32_t)(a.u16[i] >> 15) << i; fp[d] = t; goto done; }
    case 0xa4: LA; { uint32_t t = 0; LANES(4) t |= (a.u32[i] >> 31) << i; fp[d] = t; goto done; }
    case 0xc4: LA; { uint32_t t = 0; LANES(2) t |= (uint32_t)(a.u64[i] >> 63) << i; fp[d] = t; goto done; }
    /* shifts: the count is taken modulo the lane width */
    case 0x6b: case 0x6c: case 0x6d: case 0x8b: case 0x8c: case 0x8d:
    case 0xab: case 0xac: case 0xad: case 0xcb: case 0xcc: case 0xcd: { LA;
        uint32_t n = (uint32_t)fp[sb];
        switch (sub) {
        case 0x6b: n &= 7; LANES(16) r.u8[i] = (uint8_t)(a.u8[i] << n); break;
        case 0x6c: n &= 7; LANES(16) r.i8[i] = (int8_t)(a.i8[i] >> n); break;
        case 0x6d: n &= 7; LANES(16) r.u8[i] = (uint8_t)(a.u8[i] >> n); break;
        case 0x8b: n &= 15; LANES(8) r.u16[i] = (uint16_t)(a.u16[i] << n); break;
        case 0x8c: n &= 15; LANES(8) r.i16[i] = (int16_t)(a.i16[i] >> n); break;
        case 0x8d: n &= 15; LANES(8) r.u16[i] = (uint16_t)(a.u16[i] >> n); break;
        case 0xab: n &= 31; LANES(4) r.u32[i] = a.u32[i] << n; break;
        case 0xac: n &= 31; LANES(4) r.i32[i] = a.i32[i] >> n; break;
        case 0xad: n &= 31; LANES(4) r.u32[i] = a.u32[i] >> n; break;
        case 0xcb: n &= 63; LANES(2) r.u64[i] = a.u64[i] << n; break;
        case 0xcc: n &= 63; LANES(2) r.i64[i] = a.i64[i] >> n; break;
        case 0xcd: n &= 63; LANES(2) r.u64[i] = a.u64[i] >> n; break;
        }
        goto out;
    }
    /* unary */
    case 0x4d: LA; r.vu64 = ~a.vu64; goto out;
    case 0x5e: LA; r.u64[1] = 0; LANES(2) r.f32[i] = bx_f32_demote(a.f64[i]); goto out;
    case 0x5f: LA; LANES(2) r.f64[i] = bx_f64_promote(a.f32[i]); goto out;
    case 0x60: LA; LANES(16) r.u8[i] = a.i8[i] < 0 ? (uint8_t)-a.u8[i] : a.u8[i]; goto out;
    case 0x61: LA; r.vu8 = -a.vu8; goto out;
    case 0x62: LA; LANES(16) r.u8[i] = (uint8_t)__builtin_popcount(a.u8[i]); goto out;
    case 0x67: LA; LANES(4) r.f32[i] = f32_round(a.f32[i], 0); goto out;
    case 0x68: LA; LANES(4) r.f32[i] = f32_round(a.f32[i], 1); goto out;
    case 0x69: LA; LANES(4) r.f32[i] = f32_round(a.f32[i], 2); goto out;
    case 0x6a: LA; LANES(4) r.f32[i] = f32_round(a.f32[i], 3); goto out;
    case 0x74: LA; LANES(2) r.f64[i] = f64_round(a.f64[i], 0); goto out;
    case 0x75: LA; LANES(2) r.f64[i] = f64_round(a.f64[i], 1); goto out;
    case 0x7a: LA; LANES(2) r.f64[i] = f64_round(a.f64[i], 2); goto out;
    case 0x94: LA; LANES(2) r.f64[i] = f64_round(a.f64[i], 3); goto out;
    case 0x7c: LA; LANES(8) r.i16[i] = (int16_t)(a.i8[2 * i] + a.i8[2 * i + 1]); goto out;
    case 0x7d: LA; LANES(8) r.u16[i] = (uint16_t)(a.u8[2 * i] + a.u8[2 * i + 1]); goto out;
    case 0x7e: LA; LANES(4) r.i32[i] = a.i16[2 * i] + a.i16[2 * i + 1]; goto out;
    case 0x7f: LA; LANES(4) r.u32[i] = (uint32_t)a.u16[2 * i] + a.u16[2 * i + 1]; goto out;
    case 0x80: LA; LANES(8) r.u16[i] = a.i16[i] < 0 ? (uint16_t)-a.u16[i] : a.u16[i]; goto out;
    case 0x81: LA; r.vu16 = -a.vu16; goto out;
    case 0x87: LA; WIDEN(h, i8, i16, 0)
    case 0x88: LA; WIDEN(h, i8, i16, 8)
    case 0x89: LA; WIDEN(h, u8, u16, 0)
    case 0x8a: LA; WIDEN(h, u8, u16, 8)
    case 0xa0: LA; LANES(4) r.u32[i] = a.i32[i] < 0 ? -a.u32[i] : a.u32[i]; goto out;
    case 0xa1: LA; r.vu32 = -a.vu32; goto out;
    case 0xa7: LA; WIDEN(h, i16, i32, 0)
    case 0xa8: LA; WIDEN(h, i16, i32, 8)
    case 0xa9: LA; WIDEN(h, u16, u32, 0)
    case 0xaa: LA; WIDEN(h, u16, u32, 8)
    case 0xc0: LA; LANES(2) r.u64[i] = a.i64[i] < 0 ? -a.u64[i] : a.u64[i]; goto out;
    case 0xc1: LA; r.vu64 = -a.vu64; goto out;
    case 0xc7: LA; WIDEN(h, i32, i64, 0)
    case 0xc8: LA; WIDEN(h, i32, i64, 8)
    case 0xc9: LA; WIDEN(h, u32, u64, 0)
    case 0xca: LA; WIDEN(h, u32, u64, 8)
    case 0xe0: LA; r.vu32 = a.vu32 & 0x7FFFFFFFu; goto out;
    case 0xe1: LA; r.vu32 = a.vu32 ^ 0x80000000u; goto out;
    case 0xe3: LA; LANES(4) r.f32[i] = sqrtf(a.f32[i]); goto out;
    case 0xec: LA; r.vu64 = a.vu64 & 0x7FFFFFFFFFFFFFFFull; goto out;
    case 0xed: LA; r.vu64 = a.vu64 ^ 0x8000000000000000ull; goto out;
    case 0xef: LA; LANES(2) r.f64[i] = sqrt(a.f64[i]); goto out;
    case 0xf8: LA; LANES(4) r.i32[i] = bx_i32_trunc_sat_f32_s(a.f32[i]); goto out;
    case 0xf9: LA; LANES(4) r.u32[i] = bx_i32_trunc_sat_f32_u(a.f32[i]); goto out;
    case 0xfa: LA; r.vf32 = __builtin_convertvector(a.vi32, vf32_t); goto out;
    case 0xfb: LA; LANES(4) r.f32[i] = (float)a.u32[i]; goto out;
    case 0xfc: LA; r.u64[1] = 0; LANES(2) r.i32[i] = bx_i32_trunc_sat_f64_s(a.f64[i]); goto out;
    case 0xfd: LA; r.u64[1] = 0; LANES(2) r.u32[i] = bx_i32_trunc_sat_f64_u(a.f64[i]); goto out;
    case 0xfe: LA; LANES(2) r.f64[i] = (double)a.i32[i]; goto out;
    case 0xff: LA; LANES(2) r.f64[i] = (double)a.u32[i]; goto out;
    case 0x0e: LA; LB; LANES(16) r.u8[i] = b.u8[i] < 16 ? a.u8[b.u8[i]] : 0; goto out;
    case 0x52: { LA; LB;
        v128 c = get(fp, sc);
        r.vu64 = (a.vu64 & c.vu64) | (b.vu64 & ~c.vu64);
        goto out;
    }
    case 0x4e: LA; LB; VBIN(u64, &);
    case 0x4f: LA; LB; r.vu64 = a.vu64 & ~b.vu64; goto out;
    case 0x50: LA; LB; VBIN(u64, |);
    case 0x51: LA; LB; VBIN(u64, ^);
    /* comparisons */
    case 0x23: LA; LB; CMP(16, u8, u8, ==);
    case 0x24: LA; LB; CMP(16, u8, u8, !=);
    case 0x25: LA; LB; CMP(16, i8, u8, <);
    case 0x26: LA; LB; CMP(16, u8, u8, <);
    case 0x27: LA; LB; CMP(16, i8, u8, >);
    case 0x28: LA; LB; CMP(16, u8, u8, >);
    case 0x29: LA; LB; CMP(16, i8, u8, <=);
    case 0x2a: LA; LB; CMP(16, u8, u8, <=);
    case 0x2b: LA; LB; CMP(16, i8, u8, >=);
    case 0x2c: LA; LB; CMP(16, u8, u8, >=);
    case 0x2d: LA; LB; CMP(8, u16, u16, ==);
    case 0x2e: LA; LB; CMP(8, u16, u16, !=);
    case 0x2f: LA; LB; CMP(8, i16, u16, <);
    case 0x30: LA; LB; CMP(8, u16, u16, <);
    case 0x31: LA; LB; CMP(8, i16, u16, >);
    case 0x32: LA; LB; CMP(8, u16, u16, >);
    case 0x33: LA; LB; CMP(8, i16, u16, <=);
    case 0x34: LA; LB; CMP(8, u16, u16, <=);
    case 0x35: LA; LB; CMP(8, i16, u16, >=);
    case 0x36: LA; LB; CMP(8, u16, u16, >=);
    case 0x37: LA; LB; CMP(4, u32, u32, ==);
    case 0x38: LA; LB; CMP(4, u32, u32, !=);
    case 0x39: LA; LB; CMP(4, i32, u32, <);
    case 0x3a: LA; LB; CMP(4, u32, u32, <);
    case 0x3b: LA; LB; CMP(4, i32, u32, >);
    case 0x3c: LA; LB; CMP(4, u32, u32, >);
    case 0x3d: LA; LB; CMP(4, i32, u32, <=);
    case 0x3e: LA; LB; CMP(4, u32, u32, <=);
    case 0x3f: LA; LB; CMP(4, i32, u32, >=);
    case 0x40: LA; LB; CMP(4, u32, u32, >=);
    case 0x41: LA; LB; CMP(4, f32, u32, ==);
    case 0x42: LA; LB; CMP(4, f32, u32, !=);
    case 0x43: LA; LB; CMP(4, f32, u32, <);
    case 0x44: LA; LB; CMP(4, f32, u32, >);
    case 0x45: LA; LB; CMP(4, f32, u32, <=);
    case 0x46: LA; LB; CMP(4, f32, u32, >=);
    case 0x47: LA; LB; CMP(2, f64, u64, ==);
    case 0x48: LA; LB; CMP(2, f64, u64, !=);
    case 0x49: LA; LB; CMP(2, f64, u64, <);
    case 0x4a: LA; LB; CMP(2, f64, u64, >);
    case 0x4b: LA; LB; CMP(2, f64, u64, <=);
    case 0x4c: LA; LB; CMP(2, f64, u64, >=);
    case 0xd6: LA; LB; CMP(2, u64, u64, ==);
    case 0xd7: LA; LB; CMP(2, u64, u64, !=);
    case 0xd8: LA; LB; CMP(2, i64, u64, <);
    case 0xd9: LA; LB; CMP(2, i64, u64, >);
    case 0xda: LA; LB; CMP(2, i64, u64, <=);
    case 0xdb: LA; LB; CMP(2, i64, u64, >=);
    /* narrowing */
    case 0x65: LA; LB; LANES(16) r.i8[i] = (int8_t)sat_s(i < 8 ? a.i16[i] : b.i16[i - 8], -128, 127); goto out;
    case 0x66: LA; LB; LANES(16) r.u8[i] = (uint8_t)sat_s(i < 8 ? a.i16[i] : b.i16[i - 8], 0, 255); goto out;
    case 0x85: LA; LB; LANES(8) r.i16[i] = (int16_t)sat_s(i < 4 ? a.i32[i] : b.i32[i - 4], -32768, 32767); goto out;
    case 0x86: LA; LB; LANES(8) r.u16[i] = (uint16_t)sat_s(i < 4 ? a.i32[i] : b.i32[i - 4], 0, 65535); goto out;
    /* i8x16 */
    case 0x6e: LA; LB; VBIN(u8, +);
    case 0x6f: LA; LB; BIN(16, i8, i8, (int8_t)sat_s(x + y, -128, 127));
    case 0x70: LA; LB; BIN(16, u8, u8, (uint8_t)sat_s(x + y, 0, 255));
    case 0x71: LA; LB; VBIN(u8, -);
    case 0x72: LA; LB; BIN(16, i8, i8, (int8_t)sat_s(x - y, -128, 127));
    case 0x73: LA; LB; BIN(16, u8, u8, (uint8_t)sat_s(x - y, 0, 255));
    case 0x76: LA; LB; VSEL(i8, u8, <)
    case 0x77: LA; LB; VSEL(u8, u8, <)
    case 0x78: LA; LB; VSEL(i8, u8, >)
    case 0x79: LA; LB; VSEL(u8, u8, >)
    case 0x7b: LA; LB; BIN(16, u8, u8, (uint8_t)((x + y + 1) >> 1));
    /* i16x8 */
    case 0x82: LA; LB; BIN(8, i16, i16, (int16_t)sat_s((x * y + 0x4000) >> 15, -32768, 32767));
    case 0x8e: LA; LB; VBIN(u16, +);
    case 0x8f: LA; LB; BIN(8, i16, i16, (int16_t)sat_s(x + y, -32768, 32767));
    case 0x90: LA; LB; BIN(8, u16, u16, (uint16_t)sat_s(x + y, 0, 65535));
    case 0x91: LA; LB; VBIN(u16, -);
    case 0x92: LA; LB; BIN(8, i16, i16, (int16_t)sat_s(x - y, -32768, 32767));
    case 0x93: LA; LB; BIN(8, u16, u16, (uint16_t)sat_s(x - y, 0, 65535));
    case 0x95: LA; LB; VBIN(u16, *);
    case 0x96: LA; LB; VSEL(i16, u16, <)
    case 0x97: LA; LB; VSEL(u16, u16, <)
    case 0x98: LA; LB; VSEL(i16, u16, >)
    case 0x99: LA; LB; VSEL(u16, u16, >)
    case 0x9b: LA; LB; BIN(8, u16, u16, (uint16_t)((x + y + 1) >> 1));
    case 0x9c: LA; LB; LANES(8) r.i16[i] = (int16_t)(a.i8[i] * b.i8[i]); goto out;
    case 0x9d: LA; LB; LANES(8) r.i16[i] = (int16_t)(a.i8[i + 8] * b.i8[i + 8]); goto out;
    case 0x9e: LA; LB; LANES(8) r.u16[i] = (uint16_t)(a.u8[i] * b.u8[i]); goto out;
    case 0x9f: LA; LB; LANES(8) r.u16[i] = (uint16_t)(a.u8[i + 8] * b.u8[i + 8]); goto out;
    /* i32x4 */
    case 0xae: LA; LB; VBIN(u32, +);
    case 0xb1: LA; LB; VBIN(u32, -);
    case 0xb5: LA; LB; VBIN(u32, *);
    case 0xb6: LA; LB; VSEL(i32, u32, <)
    case 0xb7: LA; LB; VSEL(u32, u32, <)
    case 0xb8: LA; LB; VSEL(i32, u32, >)
    case 0xb9: LA; LB; VSEL(u32, u32, >)
    case 0xba: LA; LB;
        LANES(4) r.u32[i] = (uint32_t)((int64_t)a.i16[2 * i] * b.i16[2 * i] +
                                       (int64_t)a.i16[2 * i + 1] * b.i16[2 * i + 1]);
        goto out;
    case 0xbc: LA; LB; LANES(4) r.i32[i] = a.i16[i] * b.i16[i]; goto out;
    case 0xbd: LA; LB; LANES(4) r.i32[i] = a.i16[i + 4] * b.i16[i + 4]; goto out;
    case 0xbe: LA; LB; LANES(4) r.u32[i] = (uint32_t)a.u16[i] * b.u16[i]; goto out;
    case 0xbf: LA; LB; LANES(4) r.u32[i] = (uint32_t)a.u16[i + 4] * b.u16[i + 4]; goto out;
    /* i64x2 */
    case 0xce: LA; LB; VBIN(u64, +);
    case 0xd1: LA; LB; VBIN(u64, -);
    case 0xd5: LA; LB; VBIN(u64, *);
    case 0xdc: LA; LB; LANES(2) r.i64[i] = (int64_t)a.i32[i] * b.i32[i]; goto out;
    case 0xdd: LA; LB; LANES(2) r.i64[i] = (int64_t)a.i32[i + 2] * b.i32[i + 2]; goto out;
    case 0xde: LA; LB; LANES(2) r.u64[i] = (uint64_t)a.u32[i] * b.u32[i]; goto out;
    case 0xdf: LA; LB; LANES(2) r.u64[i] = (uint64_t)a.u32[i + 2] * b.u32[i + 2]; goto out;
    /* f32x4 */
    case 0xe4: LA; LB; VBIN(f32, +);
    case 0xe5: LA; LB; VBIN(f32, -);
    case 0xe6: LA; LB; VBIN(f32, *);
    case 0xe7: LA; LB; VBIN(f32, /);
    case 0xe8: LA; LB; BIN(4, f32, f32, bx_f32_min(x, y));
    case 0xe9: LA; LB; BIN(4, f32, f32, bx_f32_max(x, y));
    case 0xea: LA; LB; LANES(4) r.u32[i] = b.f32[i] < a.f32[i] ? b.u32[i] : a.u32[i]; goto out;
    case 0xeb: LA; LB; LANES(4) r.u32[i] = a.f32[i] < b.f32[i] ? b.u32[i] : a.u32[i]; goto out;
    /* f64x2 */
    case 0xf0: LA; LB; VBIN(f64, +);
    case 0xf1: LA; LB; VBIN(f64, -);
    case 0xf2: LA; LB; VBIN(f64, *);
    case 0xf3: LA; LB; VBIN(f64, /);
    case 0xf4: LA; LB; BIN(2, f64, f64, bx_f64_min(x, y));
    case 0xf5: LA; LB; BIN(2, f64, f64, bx_f64_max(x, y));
    case 0xf6: LA; LB; LANES(2) r.u64[i] = b.f64[i] < a.f64[i] ? b.u64[i] : a.u64[i]; goto out;
    case 0xf7: LA; LB; LANES(2) r.u64[i] = a.f64[i] < b.f64[i] ? b.u64[i] : a.u64[i]; goto out;
    default:
        /* the verifier and the compiler never let an unknown sub-op through */
        return NULL;    /* never: the compiler and the cache verifier check sub */
    }
out:
    memcpy(fp + d, &r, 16);
done:
    /* a run of SIMD instructions stays here: one call, and one dispatch
     * per instruction instead of two */
    if (w[6] == BXOP_SIMD) {
        w += 7;
        goto next;
    }
    return w + 6;
#undef LA
#undef LB
#undef EA
#undef EAL
}

void bxe_simd_shuffle(const uint32_t *w, uint64_t *fp)
{
    uint8_t ab[32], r[16];
    memcpy(ab, fp + w[1], 16);
    memcpy(ab + 16, fp + w[2], 16);
    for (int i = 0; i < 16; i++) r[i] = ab[(w[3 + i / 4] >> (8 * (i % 4))) & 31];
    memcpy(fp + w[0], r, 16);
}
