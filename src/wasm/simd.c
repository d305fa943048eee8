/*
 * simd.c — the WebAssembly 2.0 SIMD instructions: their description (one
 * table for the compiler and the cache verifier) and their execution, in
 * plain C over the lanes (no intrinsics, no -ffast-math: the lane results
 * are the scalar ones of numeric.h, NaNs included).
 */
#include <math.h>
#include <string.h>

#include "module.h"
#include "numeric.h"
#include "runtime.h"
#include "simd.h"

#define I BX_I32
#define L BX_I64
#define F BX_F32
#define D BX_F64

bx_simd_info bx_simd_info_of(uint32_t s)
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

bool bx_simd_verify(const struct bx_module *m, bool shuffle, const uint32_t *o, uint32_t frame)
{
    if (shuffle) {
        for (int i = 0; i < 4; i++)
            for (int k = 0; k < 4; k++)
                if (((o[3 + i] >> (8 * k)) & 0xFF) >= 32) return false;
        return s128(o[0], frame) && s128(o[1], frame) && s128(o[2], frame);
    }
    bx_simd_info in = bx_simd_info_of(o[0]);
    uint32_t d = o[1], a = o[2], b = o[3], c = o[4], k = o[5];
    switch (in.kind) {
    case SK_LOAD:
        return m->nmems_total && s128(d, frame) && s64(a, frame) && !b && !c;
    case SK_STORE:
        return m->nmems_total && !d && s64(a, frame) && s128(b, frame) && !c;
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

typedef union v128 {
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
#define CMP(N, FLD, UF, op) LANES(N) { r.UF[i] = a.FLD[i] op b.FLD[i] ? (__typeof__(r.UF[0]))-1 : 0; } break

bx_trap bx_simd_exec(const uint32_t *w, uint64_t *fp, uint8_t *mbase, uint64_t msize,
                     struct bx_global **globals)
{
    uint32_t sub = w[0], d = w[1], sa = w[2], sb = w[3], sc = w[4], k = w[5];
    v128 a, b, r;
    memset(&r, 0, sizeof r);
    uint64_t ea;

    /* memory forms first: they address memory and may trap */
    switch (sub) {
    case 0x00: case 0x01: case 0x02: case 0x03: case 0x04: case 0x05: case 0x06:
    case 0x07: case 0x08: case 0x09: case 0x0a: case 0x5c: case 0x5d: {
        static const uint8_t width[0x5e] = {
            16, 8, 8, 8, 8, 8, 8, 1, 2, 4, 8, [0x5c] = 4, [0x5d] = 8,
        };
        unsigned n = width[sub];
        ea = (uint64_t)(uint32_t)fp[sa] + k;
        if (ea + n > msize) return BX_TRAP_MEMORY_OOB;
        uint8_t buf[16];
        memcpy(buf, mbase + ea, n);
        switch (sub) {
        case 0x00: memcpy(&r, buf, 16); break;
        case 0x01: LANES(8) r.i16[i] = (int8_t)buf[i]; break;
        case 0x02: LANES(8) r.u16[i] = buf[i]; break;
        case 0x03: LANES(4) { int16_t x; memcpy(&x, buf + 2 * i, 2); r.i32[i] = x; } break;
        case 0x04: LANES(4) { uint16_t x; memcpy(&x, buf + 2 * i, 2); r.u32[i] = x; } break;
        case 0x05: LANES(2) { int32_t x; memcpy(&x, buf + 4 * i, 4); r.i64[i] = x; } break;
        case 0x06: LANES(2) { uint32_t x; memcpy(&x, buf + 4 * i, 4); r.u64[i] = x; } break;
        case 0x07: LANES(16) r.u8[i] = buf[0]; break;
        case 0x08: LANES(8) memcpy(&r.u16[i], buf, 2); break;
        case 0x09: LANES(4) memcpy(&r.u32[i], buf, 4); break;
        case 0x0a: LANES(2) memcpy(&r.u64[i], buf, 8); break;
        case 0x5c: memcpy(&r.u32[0], buf, 4); break;
        case 0x5d: memcpy(&r.u64[0], buf, 8); break;
        }
        memcpy(fp + d, &r, 16);
        return BX_TRAP_NONE;
    }
    case 0x0b:
        ea = (uint64_t)(uint32_t)fp[sa] + k;
        if (ea + 16 > msize) return BX_TRAP_MEMORY_OOB;
        memcpy(mbase + ea, fp + sb, 16);
        return BX_TRAP_NONE;
    case 0x54: case 0x55: case 0x56: case 0x57: {
        unsigned n = 1u << (sub - 0x54);
        ea = (uint64_t)(uint32_t)fp[sa] + k;
        if (ea + n > msize) return BX_TRAP_MEMORY_OOB;
        r = get(fp, sb);
        memcpy(r.u8 + sc * n, mbase + ea, n);
        memcpy(fp + d, &r, 16);
        return BX_TRAP_NONE;
    }
    case 0x58: case 0x59: case 0x5a: case 0x5b: {
        unsigned n = 1u << (sub - 0x58);
        ea = (uint64_t)(uint32_t)fp[sa] + k;
        if (ea + n > msize) return BX_TRAP_MEMORY_OOB;
        a = get(fp, sb);
        memcpy(mbase + ea, a.u8 + sc * n, n);
        return BX_TRAP_NONE;
    }
    case BXS_GLOBAL_GET:
        fp[d] = globals[k]->val;
        fp[d + 1] = globals[k]->hi;
        return BX_TRAP_NONE;
    case BXS_GLOBAL_SET:
        globals[k]->val = fp[sa];
        globals[k]->hi = fp[sa + 1];
        return BX_TRAP_NONE;
    /* scalar operand a */
    case 0x0f: LANES(16) r.u8[i] = (uint8_t)fp[sa]; goto out;
    case 0x10: LANES(8) r.u16[i] = (uint16_t)fp[sa]; goto out;
    case 0x11: case 0x13: LANES(4) r.u32[i] = (uint32_t)fp[sa]; goto out;
    case 0x12: case 0x14: LANES(2) r.u64[i] = fp[sa]; goto out;
    default: break;
    }

    a = get(fp, sa);
    switch (sub) {
    /* lanes */
    case 0x15: fp[d] = (uint32_t)(int32_t)a.i8[sc]; return BX_TRAP_NONE;
    case 0x16: fp[d] = a.u8[sc]; return BX_TRAP_NONE;
    case 0x18: fp[d] = (uint32_t)(int32_t)a.i16[sc]; return BX_TRAP_NONE;
    case 0x19: fp[d] = a.u16[sc]; return BX_TRAP_NONE;
    case 0x1b: case 0x1f: fp[d] = a.u32[sc]; return BX_TRAP_NONE;
    case 0x1d: case 0x21: fp[d] = a.u64[sc]; return BX_TRAP_NONE;
    case 0x17: r = a; r.u8[sc] = (uint8_t)fp[sb]; goto out;
    case 0x1a: r = a; r.u16[sc] = (uint16_t)fp[sb]; goto out;
    case 0x1c: case 0x20: r = a; r.u32[sc] = (uint32_t)fp[sb]; goto out;
    case 0x1e: case 0x22: r = a; r.u64[sc] = fp[sb]; goto out;
    /* tests */
    case 0x53: fp[d] = (a.u64[0] | a.u64[1]) != 0; return BX_TRAP_NONE;
    case 0x63: { uint32_t t = 1; LANES(16) t &= a.u8[i] != 0; fp[d] = t; return BX_TRAP_NONE; }
    case 0x83: { uint32_t t = 1; LANES(8) t &= a.u16[i] != 0; fp[d] = t; return BX_TRAP_NONE; }
    case 0xa3: { uint32_t t = 1; LANES(4) t &= a.u32[i] != 0; fp[d] = t; return BX_TRAP_NONE; }
    case 0xc3: { uint32_t t = 1; LANES(2) t &= a.u64[i] != 0; fp[d] = t; return BX_TRAP_NONE; }
    case 0x64: { uint32_t t = 0; LANES(16) t |= (uint32_t)(a.u8[i] >> 7) << i; fp[d] = t; return BX_TRAP_NONE; }
    case 0x84: { uint32_t t = 0; LANES(8) t |= (uint32_t)(a.u16[i] >> 15) << i; fp[d] = t; return BX_TRAP_NONE; }
    case 0xa4: { uint32_t t = 0; LANES(4) t |= (a.u32[i] >> 31) << i; fp[d] = t; return BX_TRAP_NONE; }
    case 0xc4: { uint32_t t = 0; LANES(2) t |= (uint32_t)(a.u64[i] >> 63) << i; fp[d] = t; return BX_TRAP_NONE; }
    /* shifts: the count is taken modulo the lane width */
    case 0x6b: case 0x6c: case 0x6d: case 0x8b: case 0x8c: case 0x8d:
    case 0xab: case 0xac: case 0xad: case 0xcb: case 0xcc: case 0xcd: {
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
    case 0x4d: r.u64[0] = ~a.u64[0]; r.u64[1] = ~a.u64[1]; goto out;
    case 0x5e: LANES(2) r.f32[i] = bx_f32_demote(a.f64[i]); goto out;
    case 0x5f: LANES(2) r.f64[i] = bx_f64_promote(a.f32[i]); goto out;
    case 0x60: LANES(16) r.u8[i] = a.i8[i] < 0 ? (uint8_t)-a.u8[i] : a.u8[i]; goto out;
    case 0x61: LANES(16) r.u8[i] = (uint8_t)-a.u8[i]; goto out;
    case 0x62: LANES(16) r.u8[i] = (uint8_t)__builtin_popcount(a.u8[i]); goto out;
    case 0x67: LANES(4) r.f32[i] = f32_round(a.f32[i], 0); goto out;
    case 0x68: LANES(4) r.f32[i] = f32_round(a.f32[i], 1); goto out;
    case 0x69: LANES(4) r.f32[i] = f32_round(a.f32[i], 2); goto out;
    case 0x6a: LANES(4) r.f32[i] = f32_round(a.f32[i], 3); goto out;
    case 0x74: LANES(2) r.f64[i] = f64_round(a.f64[i], 0); goto out;
    case 0x75: LANES(2) r.f64[i] = f64_round(a.f64[i], 1); goto out;
    case 0x7a: LANES(2) r.f64[i] = f64_round(a.f64[i], 2); goto out;
    case 0x94: LANES(2) r.f64[i] = f64_round(a.f64[i], 3); goto out;
    case 0x7c: LANES(8) r.i16[i] = (int16_t)(a.i8[2 * i] + a.i8[2 * i + 1]); goto out;
    case 0x7d: LANES(8) r.u16[i] = (uint16_t)(a.u8[2 * i] + a.u8[2 * i + 1]); goto out;
    case 0x7e: LANES(4) r.i32[i] = a.i16[2 * i] + a.i16[2 * i + 1]; goto out;
    case 0x7f: LANES(4) r.u32[i] = (uint32_t)a.u16[2 * i] + a.u16[2 * i + 1]; goto out;
    case 0x80: LANES(8) r.u16[i] = a.i16[i] < 0 ? (uint16_t)-a.u16[i] : a.u16[i]; goto out;
    case 0x81: LANES(8) r.u16[i] = (uint16_t)-a.u16[i]; goto out;
    case 0x87: LANES(8) r.i16[i] = a.i8[i]; goto out;
    case 0x88: LANES(8) r.i16[i] = a.i8[i + 8]; goto out;
    case 0x89: LANES(8) r.u16[i] = a.u8[i]; goto out;
    case 0x8a: LANES(8) r.u16[i] = a.u8[i + 8]; goto out;
    case 0xa0: LANES(4) r.u32[i] = a.i32[i] < 0 ? -a.u32[i] : a.u32[i]; goto out;
    case 0xa1: LANES(4) r.u32[i] = -a.u32[i]; goto out;
    case 0xa7: LANES(4) r.i32[i] = a.i16[i]; goto out;
    case 0xa8: LANES(4) r.i32[i] = a.i16[i + 4]; goto out;
    case 0xa9: LANES(4) r.u32[i] = a.u16[i]; goto out;
    case 0xaa: LANES(4) r.u32[i] = a.u16[i + 4]; goto out;
    case 0xc0: LANES(2) r.u64[i] = a.i64[i] < 0 ? -a.u64[i] : a.u64[i]; goto out;
    case 0xc1: LANES(2) r.u64[i] = -a.u64[i]; goto out;
    case 0xc7: LANES(2) r.i64[i] = a.i32[i]; goto out;
    case 0xc8: LANES(2) r.i64[i] = a.i32[i + 2]; goto out;
    case 0xc9: LANES(2) r.u64[i] = a.u32[i]; goto out;
    case 0xca: LANES(2) r.u64[i] = a.u32[i + 2]; goto out;
    case 0xe0: LANES(4) r.u32[i] = a.u32[i] & 0x7FFFFFFFu; goto out;
    case 0xe1: LANES(4) r.u32[i] = a.u32[i] ^ 0x80000000u; goto out;
    case 0xe3: LANES(4) r.f32[i] = sqrtf(a.f32[i]); goto out;
    case 0xec: LANES(2) r.u64[i] = a.u64[i] & 0x7FFFFFFFFFFFFFFFull; goto out;
    case 0xed: LANES(2) r.u64[i] = a.u64[i] ^ 0x8000000000000000ull; goto out;
    case 0xef: LANES(2) r.f64[i] = sqrt(a.f64[i]); goto out;
    case 0xf8: LANES(4) r.i32[i] = bx_i32_trunc_sat_f32_s(a.f32[i]); goto out;
    case 0xf9: LANES(4) r.u32[i] = bx_i32_trunc_sat_f32_u(a.f32[i]); goto out;
    case 0xfa: LANES(4) r.f32[i] = (float)a.i32[i]; goto out;
    case 0xfb: LANES(4) r.f32[i] = (float)a.u32[i]; goto out;
    case 0xfc: LANES(2) r.i32[i] = bx_i32_trunc_sat_f64_s(a.f64[i]); goto out;
    case 0xfd: LANES(2) r.u32[i] = bx_i32_trunc_sat_f64_u(a.f64[i]); goto out;
    case 0xfe: LANES(2) r.f64[i] = (double)a.i32[i]; goto out;
    case 0xff: LANES(2) r.f64[i] = (double)a.u32[i]; goto out;
    default: break;
    }

    b = get(fp, sb);
    switch (sub) {
    case 0x0e: LANES(16) r.u8[i] = b.u8[i] < 16 ? a.u8[b.u8[i]] : 0; goto out;
    case 0x52: {
        v128 c = get(fp, sc);
        LANES(2) r.u64[i] = (a.u64[i] & c.u64[i]) | (b.u64[i] & ~c.u64[i]);
        goto out;
    }
    case 0x4e: LANES(2) r.u64[i] = a.u64[i] & b.u64[i]; goto out;
    case 0x4f: LANES(2) r.u64[i] = a.u64[i] & ~b.u64[i]; goto out;
    case 0x50: LANES(2) r.u64[i] = a.u64[i] | b.u64[i]; goto out;
    case 0x51: LANES(2) r.u64[i] = a.u64[i] ^ b.u64[i]; goto out;
    /* comparisons */
    case 0x23: CMP(16, u8, u8, ==);
    case 0x24: CMP(16, u8, u8, !=);
    case 0x25: CMP(16, i8, u8, <);
    case 0x26: CMP(16, u8, u8, <);
    case 0x27: CMP(16, i8, u8, >);
    case 0x28: CMP(16, u8, u8, >);
    case 0x29: CMP(16, i8, u8, <=);
    case 0x2a: CMP(16, u8, u8, <=);
    case 0x2b: CMP(16, i8, u8, >=);
    case 0x2c: CMP(16, u8, u8, >=);
    case 0x2d: CMP(8, u16, u16, ==);
    case 0x2e: CMP(8, u16, u16, !=);
    case 0x2f: CMP(8, i16, u16, <);
    case 0x30: CMP(8, u16, u16, <);
    case 0x31: CMP(8, i16, u16, >);
    case 0x32: CMP(8, u16, u16, >);
    case 0x33: CMP(8, i16, u16, <=);
    case 0x34: CMP(8, u16, u16, <=);
    case 0x35: CMP(8, i16, u16, >=);
    case 0x36: CMP(8, u16, u16, >=);
    case 0x37: CMP(4, u32, u32, ==);
    case 0x38: CMP(4, u32, u32, !=);
    case 0x39: CMP(4, i32, u32, <);
    case 0x3a: CMP(4, u32, u32, <);
    case 0x3b: CMP(4, i32, u32, >);
    case 0x3c: CMP(4, u32, u32, >);
    case 0x3d: CMP(4, i32, u32, <=);
    case 0x3e: CMP(4, u32, u32, <=);
    case 0x3f: CMP(4, i32, u32, >=);
    case 0x40: CMP(4, u32, u32, >=);
    case 0x41: CMP(4, f32, u32, ==);
    case 0x42: CMP(4, f32, u32, !=);
    case 0x43: CMP(4, f32, u32, <);
    case 0x44: CMP(4, f32, u32, >);
    case 0x45: CMP(4, f32, u32, <=);
    case 0x46: CMP(4, f32, u32, >=);
    case 0x47: CMP(2, f64, u64, ==);
    case 0x48: CMP(2, f64, u64, !=);
    case 0x49: CMP(2, f64, u64, <);
    case 0x4a: CMP(2, f64, u64, >);
    case 0x4b: CMP(2, f64, u64, <=);
    case 0x4c: CMP(2, f64, u64, >=);
    case 0xd6: CMP(2, u64, u64, ==);
    case 0xd7: CMP(2, u64, u64, !=);
    case 0xd8: CMP(2, i64, u64, <);
    case 0xd9: CMP(2, i64, u64, >);
    case 0xda: CMP(2, i64, u64, <=);
    case 0xdb: CMP(2, i64, u64, >=);
    /* narrowing */
    case 0x65: LANES(16) r.i8[i] = (int8_t)sat_s(i < 8 ? a.i16[i] : b.i16[i - 8], -128, 127); goto out;
    case 0x66: LANES(16) r.u8[i] = (uint8_t)sat_s(i < 8 ? a.i16[i] : b.i16[i - 8], 0, 255); goto out;
    case 0x85: LANES(8) r.i16[i] = (int16_t)sat_s(i < 4 ? a.i32[i] : b.i32[i - 4], -32768, 32767); goto out;
    case 0x86: LANES(8) r.u16[i] = (uint16_t)sat_s(i < 4 ? a.i32[i] : b.i32[i - 4], 0, 65535); goto out;
    /* i8x16 */
    case 0x6e: BIN(16, u8, u8, (uint8_t)(x + y));
    case 0x6f: BIN(16, i8, i8, (int8_t)sat_s(x + y, -128, 127));
    case 0x70: BIN(16, u8, u8, (uint8_t)sat_s(x + y, 0, 255));
    case 0x71: BIN(16, u8, u8, (uint8_t)(x - y));
    case 0x72: BIN(16, i8, i8, (int8_t)sat_s(x - y, -128, 127));
    case 0x73: BIN(16, u8, u8, (uint8_t)sat_s(x - y, 0, 255));
    case 0x76: BIN(16, i8, i8, x < y ? x : y);
    case 0x77: BIN(16, u8, u8, x < y ? x : y);
    case 0x78: BIN(16, i8, i8, x > y ? x : y);
    case 0x79: BIN(16, u8, u8, x > y ? x : y);
    case 0x7b: BIN(16, u8, u8, (uint8_t)((x + y + 1) >> 1));
    /* i16x8 */
    case 0x82: BIN(8, i16, i16, (int16_t)sat_s((x * y + 0x4000) >> 15, -32768, 32767));
    case 0x8e: BIN(8, u16, u16, (uint16_t)(x + y));
    case 0x8f: BIN(8, i16, i16, (int16_t)sat_s(x + y, -32768, 32767));
    case 0x90: BIN(8, u16, u16, (uint16_t)sat_s(x + y, 0, 65535));
    case 0x91: BIN(8, u16, u16, (uint16_t)(x - y));
    case 0x92: BIN(8, i16, i16, (int16_t)sat_s(x - y, -32768, 32767));
    case 0x93: BIN(8, u16, u16, (uint16_t)sat_s(x - y, 0, 65535));
    case 0x95: BIN(8, u16, u16, (uint16_t)((uint32_t)x * y));
    case 0x96: BIN(8, i16, i16, x < y ? x : y);
    case 0x97: BIN(8, u16, u16, x < y ? x : y);
    case 0x98: BIN(8, i16, i16, x > y ? x : y);
    case 0x99: BIN(8, u16, u16, x > y ? x : y);
    case 0x9b: BIN(8, u16, u16, (uint16_t)((x + y + 1) >> 1));
    case 0x9c: LANES(8) r.i16[i] = (int16_t)(a.i8[i] * b.i8[i]); goto out;
    case 0x9d: LANES(8) r.i16[i] = (int16_t)(a.i8[i + 8] * b.i8[i + 8]); goto out;
    case 0x9e: LANES(8) r.u16[i] = (uint16_t)(a.u8[i] * b.u8[i]); goto out;
    case 0x9f: LANES(8) r.u16[i] = (uint16_t)(a.u8[i + 8] * b.u8[i + 8]); goto out;
    /* i32x4 */
    case 0xae: BIN(4, u32, u32, x + y);
    case 0xb1: BIN(4, u32, u32, x - y);
    case 0xb5: BIN(4, u32, u32, x * y);
    case 0xb6: BIN(4, i32, i32, x < y ? x : y);
    case 0xb7: BIN(4, u32, u32, x < y ? x : y);
    case 0xb8: BIN(4, i32, i32, x > y ? x : y);
    case 0xb9: BIN(4, u32, u32, x > y ? x : y);
    case 0xba:
        LANES(4) r.u32[i] = (uint32_t)((int64_t)a.i16[2 * i] * b.i16[2 * i] +
                                       (int64_t)a.i16[2 * i + 1] * b.i16[2 * i + 1]);
        goto out;
    case 0xbc: LANES(4) r.i32[i] = a.i16[i] * b.i16[i]; goto out;
    case 0xbd: LANES(4) r.i32[i] = a.i16[i + 4] * b.i16[i + 4]; goto out;
    case 0xbe: LANES(4) r.u32[i] = (uint32_t)a.u16[i] * b.u16[i]; goto out;
    case 0xbf: LANES(4) r.u32[i] = (uint32_t)a.u16[i + 4] * b.u16[i + 4]; goto out;
    /* i64x2 */
    case 0xce: BIN(2, u64, u64, x + y);
    case 0xd1: BIN(2, u64, u64, x - y);
    case 0xd5: BIN(2, u64, u64, x * y);
    case 0xdc: LANES(2) r.i64[i] = (int64_t)a.i32[i] * b.i32[i]; goto out;
    case 0xdd: LANES(2) r.i64[i] = (int64_t)a.i32[i + 2] * b.i32[i + 2]; goto out;
    case 0xde: LANES(2) r.u64[i] = (uint64_t)a.u32[i] * b.u32[i]; goto out;
    case 0xdf: LANES(2) r.u64[i] = (uint64_t)a.u32[i + 2] * b.u32[i + 2]; goto out;
    /* f32x4 */
    case 0xe4: BIN(4, f32, f32, x + y);
    case 0xe5: BIN(4, f32, f32, x - y);
    case 0xe6: BIN(4, f32, f32, x * y);
    case 0xe7: BIN(4, f32, f32, x / y);
    case 0xe8: BIN(4, f32, f32, bx_f32_min(x, y));
    case 0xe9: BIN(4, f32, f32, bx_f32_max(x, y));
    case 0xea: LANES(4) r.u32[i] = b.f32[i] < a.f32[i] ? b.u32[i] : a.u32[i]; goto out;
    case 0xeb: LANES(4) r.u32[i] = a.f32[i] < b.f32[i] ? b.u32[i] : a.u32[i]; goto out;
    /* f64x2 */
    case 0xf0: BIN(2, f64, f64, x + y);
    case 0xf1: BIN(2, f64, f64, x - y);
    case 0xf2: BIN(2, f64, f64, x * y);
    case 0xf3: BIN(2, f64, f64, x / y);
    case 0xf4: BIN(2, f64, f64, bx_f64_min(x, y));
    case 0xf5: BIN(2, f64, f64, bx_f64_max(x, y));
    case 0xf6: LANES(2) r.u64[i] = b.f64[i] < a.f64[i] ? b.u64[i] : a.u64[i]; goto out;
    case 0xf7: LANES(2) r.u64[i] = a.f64[i] < b.f64[i] ? b.u64[i] : a.u64[i]; goto out;
    default:
        /* the verifier and the compiler never let an unknown sub-op through */
        return BX_TRAP_UNREACHABLE;
    }
out:
    memcpy(fp + d, &r, 16);
    return BX_TRAP_NONE;
}

void bx_simd_shuffle(const uint32_t *w, uint64_t *fp)
{
    uint8_t ab[32], r[16];
    memcpy(ab, fp + w[1], 16);
    memcpy(ab + 16, fp + w[2], 16);
    for (int i = 0; i < 16; i++) r[i] = ab[(w[3 + i / 4] >> (8 * (i % 4))) & 31];
    memcpy(fp + w[0], r, 16);
}
