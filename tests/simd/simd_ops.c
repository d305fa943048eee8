/*
 * tests/simd/simd_ops.c — lane-exact check of the SIMD instructions.
 *
 * Built three ways by tests/simd/simd.mk: natively with gcc, and to
 * wasm32-wasi with clang-14 with and without -msimd128.  With -msimd128
 * every operation below is one wasm_simd128.h intrinsic; otherwise it is
 * the plain C loop next to it, written from the spec's lane semantics.
 * Each line printed is an operation and a hash of its results over all
 * pairs of a fixed input set (edge values and pseudo-random ones), so
 * t_simd.sh can compare the runs line by line.  Float results hash every
 * NaN as one pattern: the spec leaves NaN bits nondeterministic.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#define SIMD 1
#else
#define SIMD 0
#endif

typedef union V {
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
} V;

#define N 40
static V in[N];

/* ---- scalar reference helpers (wasm semantics) ---------------------- */

#define U __attribute__((unused))

U static int32_t sat(int32_t x, int32_t lo, int32_t hi) { return x < lo ? lo : x > hi ? hi : x; }
U static float fminw(float a, float b)
{
    if (a != a || b != b) return NAN;
    if (a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}
U static float fmaxw(float a, float b)
{
    if (a != a || b != b) return NAN;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}
U static double dminw(double a, double b)
{
    if (a != a || b != b) return NAN;
    if (a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}
U static double dmaxw(double a, double b)
{
    if (a != a || b != b) return NAN;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}
U static int32_t tsat_s(double x)
{
    if (x != x) return 0;
    if (x <= -2147483648.0) return INT32_MIN;
    if (x >= 2147483647.0) return INT32_MAX;
    return (int32_t)x;
}
U static uint32_t tsat_u(double x)
{
    if (x != x || x <= 0) return 0;
    if (x >= 4294967295.0) return UINT32_MAX;
    return (uint32_t)x;
}

/* ---- the operations ---------------------------------------------------- */

typedef void (*opfn)(const V *a, const V *b, V *r);
typedef struct op {
    const char *name;
    opfn fn;
    int fl;     /* result lanes are floats: 4 (f32) or 8 (f64) bytes */
} op;

#if SIMD
#define A wasm_v128_load(a)
#define B wasm_v128_load(b)
#define DEF(name, fl, simd, scalar) \
    static void op_##name(const V *a, const V *b, V *r) { (void)a; (void)b; wasm_v128_store(r, simd); }
#define DEFS(name, fl, simd, scalar) \
    static void op_##name(const V *a, const V *b, V *r) { (void)a; (void)b; memset(r, 0, 16); simd; }
#else
#define DEF(name, fl, simd, scalar) \
    static void op_##name(const V *a, const V *b, V *r) { (void)a; (void)b; scalar; }
#define DEFS DEF
#endif
#define L(n) for (int i = 0; i < (n); i++)

/* i8x16 */
DEF(i8_add, 0, wasm_i8x16_add(A, B), L(16) r->u8[i] = (uint8_t)(a->u8[i] + b->u8[i]))
DEF(i8_sub, 0, wasm_i8x16_sub(A, B), L(16) r->u8[i] = (uint8_t)(a->u8[i] - b->u8[i]))
DEF(i8_add_sat_s, 0, wasm_i8x16_add_sat(A, B), L(16) r->i8[i] = (int8_t)sat(a->i8[i] + b->i8[i], -128, 127))
DEF(i8_add_sat_u, 0, wasm_u8x16_add_sat(A, B), L(16) r->u8[i] = (uint8_t)sat(a->u8[i] + b->u8[i], 0, 255))
DEF(i8_sub_sat_s, 0, wasm_i8x16_sub_sat(A, B), L(16) r->i8[i] = (int8_t)sat(a->i8[i] - b->i8[i], -128, 127))
DEF(i8_sub_sat_u, 0, wasm_u8x16_sub_sat(A, B), L(16) r->u8[i] = (uint8_t)sat(a->u8[i] - b->u8[i], 0, 255))
DEF(i8_min_s, 0, wasm_i8x16_min(A, B), L(16) r->i8[i] = a->i8[i] < b->i8[i] ? a->i8[i] : b->i8[i])
DEF(i8_min_u, 0, wasm_u8x16_min(A, B), L(16) r->u8[i] = a->u8[i] < b->u8[i] ? a->u8[i] : b->u8[i])
DEF(i8_max_s, 0, wasm_i8x16_max(A, B), L(16) r->i8[i] = a->i8[i] > b->i8[i] ? a->i8[i] : b->i8[i])
DEF(i8_max_u, 0, wasm_u8x16_max(A, B), L(16) r->u8[i] = a->u8[i] > b->u8[i] ? a->u8[i] : b->u8[i])
DEF(i8_avgr_u, 0, wasm_u8x16_avgr(A, B), L(16) r->u8[i] = (uint8_t)((a->u8[i] + b->u8[i] + 1) >> 1))
DEF(i8_eq, 0, wasm_i8x16_eq(A, B), L(16) r->u8[i] = a->u8[i] == b->u8[i] ? 0xFF : 0)
DEF(i8_ne, 0, wasm_i8x16_ne(A, B), L(16) r->u8[i] = a->u8[i] != b->u8[i] ? 0xFF : 0)
DEF(i8_lt_s, 0, wasm_i8x16_lt(A, B), L(16) r->u8[i] = a->i8[i] < b->i8[i] ? 0xFF : 0)
DEF(i8_lt_u, 0, wasm_u8x16_lt(A, B), L(16) r->u8[i] = a->u8[i] < b->u8[i] ? 0xFF : 0)
DEF(i8_gt_s, 0, wasm_i8x16_gt(A, B), L(16) r->u8[i] = a->i8[i] > b->i8[i] ? 0xFF : 0)
DEF(i8_gt_u, 0, wasm_u8x16_gt(A, B), L(16) r->u8[i] = a->u8[i] > b->u8[i] ? 0xFF : 0)
DEF(i8_le_s, 0, wasm_i8x16_le(A, B), L(16) r->u8[i] = a->i8[i] <= b->i8[i] ? 0xFF : 0)
DEF(i8_ge_u, 0, wasm_u8x16_ge(A, B), L(16) r->u8[i] = a->u8[i] >= b->u8[i] ? 0xFF : 0)
DEF(i8_abs, 0, wasm_i8x16_abs(A), L(16) r->u8[i] = a->i8[i] < 0 ? (uint8_t)-a->u8[i] : a->u8[i])
DEF(i8_neg, 0, wasm_i8x16_neg(A), L(16) r->u8[i] = (uint8_t)-a->u8[i])
DEF(i8_popcnt, 0, wasm_i8x16_popcnt(A), L(16) { int c = 0; for (int k = 0; k < 8; k++) c += a->u8[i] >> k & 1; r->u8[i] = (uint8_t)c; })
DEF(i8_swizzle, 0, wasm_i8x16_swizzle(A, B), L(16) r->u8[i] = b->u8[i] < 16 ? a->u8[b->u8[i]] : 0)
DEF(i8_narrow_s, 0, wasm_i8x16_narrow_i16x8(A, B), L(16) r->i8[i] = (int8_t)sat(i < 8 ? a->i16[i] : b->i16[i - 8], -128, 127))
DEF(i8_narrow_u, 0, wasm_u8x16_narrow_i16x8(A, B), L(16) r->u8[i] = (uint8_t)sat(i < 8 ? a->i16[i] : b->i16[i - 8], 0, 255))
DEF(i8_shl, 0, wasm_i8x16_shl(A, b->u8[0]), L(16) r->u8[i] = (uint8_t)(a->u8[i] << (b->u8[0] & 7)))
DEF(i8_shr_s, 0, wasm_i8x16_shr(A, b->u8[0]), L(16) r->i8[i] = (int8_t)(a->i8[i] >> (b->u8[0] & 7)))
DEF(i8_shr_u, 0, wasm_u8x16_shr(A, b->u8[0]), L(16) r->u8[i] = (uint8_t)(a->u8[i] >> (b->u8[0] & 7)))
DEFS(i8_tests, 0, r->u32[0] = wasm_i8x16_bitmask(A); r->u32[1] = wasm_i8x16_all_true(A); r->u32[2] = wasm_v128_any_true(A),
     memset(r, 0, 16); L(16) r->u32[0] |= (uint32_t)(a->u8[i] >> 7) << i;
     r->u32[1] = 1; L(16) r->u32[1] &= a->u8[i] != 0; r->u32[2] = (a->u64[0] | a->u64[1]) != 0)
/* i16x8 */
DEF(i16_add, 0, wasm_i16x8_add(A, B), L(8) r->u16[i] = (uint16_t)(a->u16[i] + b->u16[i]))
DEF(i16_sub, 0, wasm_i16x8_sub(A, B), L(8) r->u16[i] = (uint16_t)(a->u16[i] - b->u16[i]))
DEF(i16_mul, 0, wasm_i16x8_mul(A, B), L(8) r->u16[i] = (uint16_t)((uint32_t)a->u16[i] * b->u16[i]))
DEF(i16_add_sat_s, 0, wasm_i16x8_add_sat(A, B), L(8) r->i16[i] = (int16_t)sat(a->i16[i] + b->i16[i], -32768, 32767))
DEF(i16_add_sat_u, 0, wasm_u16x8_add_sat(A, B), L(8) r->u16[i] = (uint16_t)sat(a->u16[i] + b->u16[i], 0, 65535))
DEF(i16_sub_sat_s, 0, wasm_i16x8_sub_sat(A, B), L(8) r->i16[i] = (int16_t)sat(a->i16[i] - b->i16[i], -32768, 32767))
DEF(i16_sub_sat_u, 0, wasm_u16x8_sub_sat(A, B), L(8) r->u16[i] = (uint16_t)sat(a->u16[i] - b->u16[i], 0, 65535))
DEF(i16_min_s, 0, wasm_i16x8_min(A, B), L(8) r->i16[i] = a->i16[i] < b->i16[i] ? a->i16[i] : b->i16[i])
DEF(i16_max_u, 0, wasm_u16x8_max(A, B), L(8) r->u16[i] = a->u16[i] > b->u16[i] ? a->u16[i] : b->u16[i])
DEF(i16_avgr_u, 0, wasm_u16x8_avgr(A, B), L(8) r->u16[i] = (uint16_t)((a->u16[i] + b->u16[i] + 1) >> 1))
DEF(i16_q15mulr, 0, wasm_i16x8_q15mulr_sat(A, B), L(8) r->i16[i] = (int16_t)sat((a->i16[i] * b->i16[i] + 0x4000) >> 15, -32768, 32767))
DEF(i16_extmul_lo_s, 0, wasm_i16x8_extmul_low_i8x16(A, B), L(8) r->i16[i] = (int16_t)(a->i8[i] * b->i8[i]))
DEF(i16_extmul_hi_u, 0, wasm_u16x8_extmul_high_u8x16(A, B), L(8) r->u16[i] = (uint16_t)(a->u8[i + 8] * b->u8[i + 8]))
DEF(i16_extadd_s, 0, wasm_i16x8_extadd_pairwise_i8x16(A), L(8) r->i16[i] = (int16_t)(a->i8[2 * i] + a->i8[2 * i + 1]))
DEF(i16_extadd_u, 0, wasm_u16x8_extadd_pairwise_u8x16(A), L(8) r->u16[i] = (uint16_t)(a->u8[2 * i] + a->u8[2 * i + 1]))
DEF(i16_ext_lo_s, 0, wasm_i16x8_extend_low_i8x16(A), L(8) r->i16[i] = a->i8[i])
DEF(i16_ext_hi_u, 0, wasm_u16x8_extend_high_u8x16(A), L(8) r->u16[i] = a->u8[i + 8])
DEF(i16_narrow_s, 0, wasm_i16x8_narrow_i32x4(A, B), L(8) r->i16[i] = (int16_t)sat(i < 4 ? a->i32[i] : b->i32[i - 4], -32768, 32767))
DEF(i16_narrow_u, 0, wasm_u16x8_narrow_i32x4(A, B), L(8) r->u16[i] = (uint16_t)sat(i < 4 ? a->i32[i] : b->i32[i - 4], 0, 65535))
DEF(i16_lt_s, 0, wasm_i16x8_lt(A, B), L(8) r->u16[i] = a->i16[i] < b->i16[i] ? 0xFFFF : 0)
DEF(i16_gt_u, 0, wasm_u16x8_gt(A, B), L(8) r->u16[i] = a->u16[i] > b->u16[i] ? 0xFFFF : 0)
DEF(i16_shl, 0, wasm_i16x8_shl(A, b->u8[1]), L(8) r->u16[i] = (uint16_t)(a->u16[i] << (b->u8[1] & 15)))
DEF(i16_shr_s, 0, wasm_i16x8_shr(A, b->u8[1]), L(8) r->i16[i] = (int16_t)(a->i16[i] >> (b->u8[1] & 15)))
DEF(i16_shr_u, 0, wasm_u16x8_shr(A, b->u8[1]), L(8) r->u16[i] = (uint16_t)(a->u16[i] >> (b->u8[1] & 15)))
DEF(i16_abs, 0, wasm_i16x8_abs(A), L(8) r->u16[i] = a->i16[i] < 0 ? (uint16_t)-a->u16[i] : a->u16[i])
DEF(i16_neg, 0, wasm_i16x8_neg(A), L(8) r->u16[i] = (uint16_t)-a->u16[i])
DEFS(i16_tests, 0, r->u32[0] = wasm_i16x8_bitmask(A); r->u32[1] = wasm_i16x8_all_true(A),
     memset(r, 0, 16); L(8) r->u32[0] |= (uint32_t)(a->u16[i] >> 15) << i;
     r->u32[1] = 1; L(8) r->u32[1] &= a->u16[i] != 0)
/* i32x4 */
DEF(i32_add, 0, wasm_i32x4_add(A, B), L(4) r->u32[i] = a->u32[i] + b->u32[i])
DEF(i32_sub, 0, wasm_i32x4_sub(A, B), L(4) r->u32[i] = a->u32[i] - b->u32[i])
DEF(i32_mul, 0, wasm_i32x4_mul(A, B), L(4) r->u32[i] = a->u32[i] * b->u32[i])
DEF(i32_min_u, 0, wasm_u32x4_min(A, B), L(4) r->u32[i] = a->u32[i] < b->u32[i] ? a->u32[i] : b->u32[i])
DEF(i32_max_s, 0, wasm_i32x4_max(A, B), L(4) r->i32[i] = a->i32[i] > b->i32[i] ? a->i32[i] : b->i32[i])
DEF(i32_dot, 0, wasm_i32x4_dot_i16x8(A, B), L(4) r->u32[i] = (uint32_t)((int64_t)a->i16[2 * i] * b->i16[2 * i] + (int64_t)a->i16[2 * i + 1] * b->i16[2 * i + 1]))
DEF(i32_extmul_hi_s, 0, wasm_i32x4_extmul_high_i16x8(A, B), L(4) r->i32[i] = a->i16[i + 4] * b->i16[i + 4])
DEF(i32_extmul_lo_u, 0, wasm_u32x4_extmul_low_u16x8(A, B), L(4) r->u32[i] = (uint32_t)a->u16[i] * b->u16[i])
DEF(i32_extadd_s, 0, wasm_i32x4_extadd_pairwise_i16x8(A), L(4) r->i32[i] = a->i16[2 * i] + a->i16[2 * i + 1])
DEF(i32_extadd_u, 0, wasm_u32x4_extadd_pairwise_u16x8(A), L(4) r->u32[i] = (uint32_t)a->u16[2 * i] + a->u16[2 * i + 1])
DEF(i32_ext_hi_s, 0, wasm_i32x4_extend_high_i16x8(A), L(4) r->i32[i] = a->i16[i + 4])
DEF(i32_ext_lo_u, 0, wasm_u32x4_extend_low_u16x8(A), L(4) r->u32[i] = a->u16[i])
DEF(i32_le_u, 0, wasm_u32x4_le(A, B), L(4) r->u32[i] = a->u32[i] <= b->u32[i] ? 0xFFFFFFFFu : 0)
DEF(i32_gt_s, 0, wasm_i32x4_gt(A, B), L(4) r->u32[i] = a->i32[i] > b->i32[i] ? 0xFFFFFFFFu : 0)
DEF(i32_shl, 0, wasm_i32x4_shl(A, b->u8[2]), L(4) r->u32[i] = a->u32[i] << (b->u8[2] & 31))
DEF(i32_shr_s, 0, wasm_i32x4_shr(A, b->u8[2]), L(4) r->i32[i] = a->i32[i] >> (b->u8[2] & 31))
DEF(i32_shr_u, 0, wasm_u32x4_shr(A, b->u8[2]), L(4) r->u32[i] = a->u32[i] >> (b->u8[2] & 31))
DEF(i32_abs, 0, wasm_i32x4_abs(A), L(4) r->u32[i] = a->i32[i] < 0 ? -a->u32[i] : a->u32[i])
DEF(i32_trunc_f32_s, 0, wasm_i32x4_trunc_sat_f32x4(A), L(4) r->i32[i] = tsat_s(a->f32[i]))
DEF(i32_trunc_f32_u, 0, wasm_u32x4_trunc_sat_f32x4(A), L(4) r->u32[i] = tsat_u(a->f32[i]))
DEF(i32_trunc_f64_s, 0, wasm_i32x4_trunc_sat_f64x2_zero(A), memset(r, 0, 16); L(2) r->i32[i] = tsat_s(a->f64[i]))
DEF(i32_trunc_f64_u, 0, wasm_u32x4_trunc_sat_f64x2_zero(A), memset(r, 0, 16); L(2) r->u32[i] = tsat_u(a->f64[i]))
DEFS(i32_tests, 0, r->u32[0] = wasm_i32x4_bitmask(A); r->u32[1] = wasm_i32x4_all_true(A),
     memset(r, 0, 16); L(4) r->u32[0] |= (a->u32[i] >> 31) << i;
     r->u32[1] = 1; L(4) r->u32[1] &= a->u32[i] != 0)
/* i64x2 */
DEF(i64_add, 0, wasm_i64x2_add(A, B), L(2) r->u64[i] = a->u64[i] + b->u64[i])
DEF(i64_sub, 0, wasm_i64x2_sub(A, B), L(2) r->u64[i] = a->u64[i] - b->u64[i])
DEF(i64_mul, 0, wasm_i64x2_mul(A, B), L(2) r->u64[i] = a->u64[i] * b->u64[i])
DEF(i64_eq, 0, wasm_i64x2_eq(A, B), L(2) r->u64[i] = a->u64[i] == b->u64[i] ? ~0ull : 0)
DEF(i64_lt_s, 0, wasm_i64x2_lt(A, B), L(2) r->u64[i] = a->i64[i] < b->i64[i] ? ~0ull : 0)
DEF(i64_ge_s, 0, wasm_i64x2_ge(A, B), L(2) r->u64[i] = a->i64[i] >= b->i64[i] ? ~0ull : 0)
DEF(i64_extmul_lo_s, 0, wasm_i64x2_extmul_low_i32x4(A, B), L(2) r->i64[i] = (int64_t)a->i32[i] * b->i32[i])
DEF(i64_extmul_hi_u, 0, wasm_u64x2_extmul_high_u32x4(A, B), L(2) r->u64[i] = (uint64_t)a->u32[i + 2] * b->u32[i + 2])
DEF(i64_ext_lo_s, 0, wasm_i64x2_extend_low_i32x4(A), L(2) r->i64[i] = a->i32[i])
DEF(i64_ext_hi_u, 0, wasm_u64x2_extend_high_u32x4(A), L(2) r->u64[i] = a->u32[i + 2])
DEF(i64_shl, 0, wasm_i64x2_shl(A, b->u8[3]), L(2) r->u64[i] = a->u64[i] << (b->u8[3] & 63))
DEF(i64_shr_s, 0, wasm_i64x2_shr(A, b->u8[3]), L(2) r->i64[i] = a->i64[i] >> (b->u8[3] & 63))
DEF(i64_shr_u, 0, wasm_u64x2_shr(A, b->u8[3]), L(2) r->u64[i] = a->u64[i] >> (b->u8[3] & 63))
DEF(i64_abs, 0, wasm_i64x2_abs(A), L(2) r->u64[i] = a->i64[i] < 0 ? -a->u64[i] : a->u64[i])
DEF(i64_neg, 0, wasm_i64x2_neg(A), L(2) r->u64[i] = -a->u64[i])
DEFS(i64_tests, 0, r->u32[0] = wasm_i64x2_bitmask(A); r->u32[1] = wasm_i64x2_all_true(A),
     memset(r, 0, 16); L(2) r->u32[0] |= (uint32_t)(a->u64[i] >> 63) << i;
     r->u32[1] = a->u64[0] != 0 && a->u64[1] != 0)
/* f32x4 */
DEF(f32_add, 4, wasm_f32x4_add(A, B), L(4) r->f32[i] = a->f32[i] + b->f32[i])
DEF(f32_sub, 4, wasm_f32x4_sub(A, B), L(4) r->f32[i] = a->f32[i] - b->f32[i])
DEF(f32_mul, 4, wasm_f32x4_mul(A, B), L(4) r->f32[i] = a->f32[i] * b->f32[i])
DEF(f32_div, 4, wasm_f32x4_div(A, B), L(4) r->f32[i] = a->f32[i] / b->f32[i])
DEF(f32_min, 4, wasm_f32x4_min(A, B), L(4) r->f32[i] = fminw(a->f32[i], b->f32[i]))
DEF(f32_max, 4, wasm_f32x4_max(A, B), L(4) r->f32[i] = fmaxw(a->f32[i], b->f32[i]))
DEF(f32_pmin, 4, wasm_f32x4_pmin(A, B), L(4) r->f32[i] = b->f32[i] < a->f32[i] ? b->f32[i] : a->f32[i])
DEF(f32_pmax, 4, wasm_f32x4_pmax(A, B), L(4) r->f32[i] = a->f32[i] < b->f32[i] ? b->f32[i] : a->f32[i])
DEF(f32_lt, 0, wasm_f32x4_lt(A, B), L(4) r->u32[i] = a->f32[i] < b->f32[i] ? 0xFFFFFFFFu : 0)
DEF(f32_ge, 0, wasm_f32x4_ge(A, B), L(4) r->u32[i] = a->f32[i] >= b->f32[i] ? 0xFFFFFFFFu : 0)
DEF(f32_ne, 0, wasm_f32x4_ne(A, B), L(4) r->u32[i] = a->f32[i] != b->f32[i] ? 0xFFFFFFFFu : 0)
DEF(f32_abs, 4, wasm_f32x4_abs(A), L(4) r->u32[i] = a->u32[i] & 0x7FFFFFFFu)
DEF(f32_neg, 4, wasm_f32x4_neg(A), L(4) r->u32[i] = a->u32[i] ^ 0x80000000u)
DEF(f32_sqrt, 4, wasm_f32x4_sqrt(A), L(4) r->f32[i] = sqrtf(a->f32[i]))
DEF(f32_ceil, 4, wasm_f32x4_ceil(A), L(4) r->f32[i] = ceilf(a->f32[i]))
DEF(f32_floor, 4, wasm_f32x4_floor(A), L(4) r->f32[i] = floorf(a->f32[i]))
DEF(f32_trunc, 4, wasm_f32x4_trunc(A), L(4) r->f32[i] = truncf(a->f32[i]))
DEF(f32_nearest, 4, wasm_f32x4_nearest(A), L(4) r->f32[i] = nearbyintf(a->f32[i]))
DEF(f32_conv_s, 4, wasm_f32x4_convert_i32x4(A), L(4) r->f32[i] = (float)a->i32[i])
DEF(f32_conv_u, 4, wasm_f32x4_convert_u32x4(A), L(4) r->f32[i] = (float)a->u32[i])
DEF(f32_demote, 4, wasm_f32x4_demote_f64x2_zero(A), memset(r, 0, 16); L(2) r->f32[i] = (float)a->f64[i])
/* f64x2 */
DEF(f64_add, 8, wasm_f64x2_add(A, B), L(2) r->f64[i] = a->f64[i] + b->f64[i])
DEF(f64_sub, 8, wasm_f64x2_sub(A, B), L(2) r->f64[i] = a->f64[i] - b->f64[i])
DEF(f64_mul, 8, wasm_f64x2_mul(A, B), L(2) r->f64[i] = a->f64[i] * b->f64[i])
DEF(f64_div, 8, wasm_f64x2_div(A, B), L(2) r->f64[i] = a->f64[i] / b->f64[i])
DEF(f64_min, 8, wasm_f64x2_min(A, B), L(2) r->f64[i] = dminw(a->f64[i], b->f64[i]))
DEF(f64_max, 8, wasm_f64x2_max(A, B), L(2) r->f64[i] = dmaxw(a->f64[i], b->f64[i]))
DEF(f64_pmin, 8, wasm_f64x2_pmin(A, B), L(2) r->f64[i] = b->f64[i] < a->f64[i] ? b->f64[i] : a->f64[i])
DEF(f64_pmax, 8, wasm_f64x2_pmax(A, B), L(2) r->f64[i] = a->f64[i] < b->f64[i] ? b->f64[i] : a->f64[i])
DEF(f64_eq, 0, wasm_f64x2_eq(A, B), L(2) r->u64[i] = a->f64[i] == b->f64[i] ? ~0ull : 0)
DEF(f64_le, 0, wasm_f64x2_le(A, B), L(2) r->u64[i] = a->f64[i] <= b->f64[i] ? ~0ull : 0)
DEF(f64_gt, 0, wasm_f64x2_gt(A, B), L(2) r->u64[i] = a->f64[i] > b->f64[i] ? ~0ull : 0)
DEF(f64_abs, 8, wasm_f64x2_abs(A), L(2) r->u64[i] = a->u64[i] & 0x7FFFFFFFFFFFFFFFull)
DEF(f64_neg, 8, wasm_f64x2_neg(A), L(2) r->u64[i] = a->u64[i] ^ 0x8000000000000000ull)
DEF(f64_sqrt, 8, wasm_f64x2_sqrt(A), L(2) r->f64[i] = sqrt(a->f64[i]))
DEF(f64_ceil, 8, wasm_f64x2_ceil(A), L(2) r->f64[i] = ceil(a->f64[i]))
DEF(f64_floor, 8, wasm_f64x2_floor(A), L(2) r->f64[i] = floor(a->f64[i]))
DEF(f64_trunc, 8, wasm_f64x2_trunc(A), L(2) r->f64[i] = trunc(a->f64[i]))
DEF(f64_nearest, 8, wasm_f64x2_nearest(A), L(2) r->f64[i] = nearbyint(a->f64[i]))
DEF(f64_conv_s, 8, wasm_f64x2_convert_low_i32x4(A), L(2) r->f64[i] = (double)a->i32[i])
DEF(f64_conv_u, 8, wasm_f64x2_convert_low_u32x4(A), L(2) r->f64[i] = (double)a->u32[i])
DEF(f64_promote, 8, wasm_f64x2_promote_low_f32x4(A), L(2) r->f64[i] = (double)a->f32[i])
/* bitwise, shuffles, lanes */
DEF(v_and, 0, wasm_v128_and(A, B), L(2) r->u64[i] = a->u64[i] & b->u64[i])
DEF(v_or, 0, wasm_v128_or(A, B), L(2) r->u64[i] = a->u64[i] | b->u64[i])
DEF(v_xor, 0, wasm_v128_xor(A, B), L(2) r->u64[i] = a->u64[i] ^ b->u64[i])
DEF(v_andnot, 0, wasm_v128_andnot(A, B), L(2) r->u64[i] = a->u64[i] & ~b->u64[i])
DEF(v_not, 0, wasm_v128_not(A), L(2) r->u64[i] = ~a->u64[i])
DEF(v_bitselect, 0, wasm_v128_bitselect(A, B, wasm_v128_xor(A, wasm_i32x4_splat(0x0F0F3355))),
    L(4) { uint32_t c = a->u32[i] ^ 0x0F0F3355u; r->u32[i] = (a->u32[i] & c) | (b->u32[i] & ~c); })
U static const uint8_t shufmask[16] = {31, 0, 17, 2, 5, 5, 30, 16, 8, 9, 10, 11, 1, 20, 15, 3};
DEF(v_shuffle, 0, wasm_i8x16_shuffle(A, B, 31, 0, 17, 2, 5, 5, 30, 16, 8, 9, 10, 11, 1, 20, 15, 3),
    L(16) r->u8[i] = shufmask[i] < 16 ? a->u8[shufmask[i]] : b->u8[shufmask[i] - 16])
DEF(v_splat8, 0, wasm_i8x16_splat((int8_t)b->u8[5]), L(16) r->u8[i] = b->u8[5])
DEF(v_splat64, 0, wasm_i64x2_splat(b->i64[1]), L(2) r->u64[i] = b->u64[1])
DEF(v_splatf32, 4, wasm_f32x4_splat(b->f32[2]), L(4) r->f32[i] = b->f32[2])
DEF(v_replace, 0, wasm_i16x8_replace_lane(wasm_i32x4_replace_lane(A, 1, b->i32[3]), 6, b->i16[0]),
    *r = *a; r->i32[1] = b->i32[3]; r->i16[6] = b->i16[0])
DEFS(v_extract, 0, r->i32[0] = wasm_i8x16_extract_lane(A, 13); r->u32[1] = wasm_u16x8_extract_lane(A, 7);
     r->u64[1] = (uint64_t)wasm_i64x2_extract_lane(A, 1) ^ (uint64_t)wasm_i32x4_extract_lane(A, 2),
     memset(r, 0, 16); r->i32[0] = a->i8[13]; r->u32[1] = a->u16[7];
     r->u64[1] = a->u64[1] ^ (uint64_t)(int64_t)a->i32[2])
/* memory forms: loads and stores at odd offsets of a buffer */
static uint8_t mem[64];
DEF(m_load8x8_s, 0, (memcpy(mem + 3, a, 16), wasm_i16x8_load8x8(mem + 5)), memcpy(mem + 3, a, 16); L(8) r->i16[i] = (int8_t)mem[5 + i])
DEF(m_load16x4_u, 0, (memcpy(mem + 3, a, 16), wasm_u32x4_load16x4(mem + 7)), memcpy(mem + 3, a, 16); L(4) { uint16_t x; memcpy(&x, mem + 7 + 2 * i, 2); r->u32[i] = x; })
DEF(m_load32x2_s, 0, (memcpy(mem + 3, a, 16), wasm_i64x2_load32x2(mem + 9)), memcpy(mem + 3, a, 16); L(2) { int32_t x; memcpy(&x, mem + 9 + 4 * i, 4); r->i64[i] = x; })
DEF(m_load_splat16, 0, (memcpy(mem + 3, a, 16), wasm_v128_load16_splat(mem + 4)), memcpy(mem + 3, a, 16); L(8) memcpy(&r->u16[i], mem + 4, 2))
DEF(m_load_zero32, 0, (memcpy(mem + 3, a, 16), wasm_v128_load32_zero(mem + 6)), memcpy(mem + 3, a, 16); memset(r, 0, 16); memcpy(r, mem + 6, 4))
DEF(m_load_lane8, 0, (memcpy(mem + 3, a, 16), wasm_v128_load8_lane(mem + 11, B, 9)), memcpy(mem + 3, a, 16); *r = *b; r->u8[9] = mem[11])
DEF(m_load_lane64, 0, (memcpy(mem + 3, a, 16), wasm_v128_load64_lane(mem + 4, B, 1)), memcpy(mem + 3, a, 16); *r = *b; memcpy(&r->u64[1], mem + 4, 8))
DEFS(m_store_lane, 0, memcpy(mem, a, 16); wasm_v128_store16_lane(mem + 1, B, 5); wasm_v128_store32_lane(mem + 7, B, 3); memcpy(r, mem, 16),
     memcpy(mem, a, 16); memcpy(mem + 1, &b->u16[5], 2); memcpy(mem + 7, &b->u32[3], 4); memcpy(r, mem, 16))

#define OP(n, fl) {#n, op_##n, fl}
static const op ops[] = {
    OP(i8_add, 0), OP(i8_sub, 0), OP(i8_add_sat_s, 0), OP(i8_add_sat_u, 0), OP(i8_sub_sat_s, 0),
    OP(i8_sub_sat_u, 0), OP(i8_min_s, 0), OP(i8_min_u, 0), OP(i8_max_s, 0), OP(i8_max_u, 0),
    OP(i8_avgr_u, 0), OP(i8_eq, 0), OP(i8_ne, 0), OP(i8_lt_s, 0), OP(i8_lt_u, 0), OP(i8_gt_s, 0),
    OP(i8_gt_u, 0), OP(i8_le_s, 0), OP(i8_ge_u, 0), OP(i8_abs, 0), OP(i8_neg, 0), OP(i8_popcnt, 0),
    OP(i8_swizzle, 0), OP(i8_narrow_s, 0), OP(i8_narrow_u, 0), OP(i8_shl, 0), OP(i8_shr_s, 0),
    OP(i8_shr_u, 0), OP(i8_tests, 0),
    OP(i16_add, 0), OP(i16_sub, 0), OP(i16_mul, 0), OP(i16_add_sat_s, 0), OP(i16_add_sat_u, 0),
    OP(i16_sub_sat_s, 0), OP(i16_sub_sat_u, 0), OP(i16_min_s, 0), OP(i16_max_u, 0),
    OP(i16_avgr_u, 0), OP(i16_q15mulr, 0), OP(i16_extmul_lo_s, 0), OP(i16_extmul_hi_u, 0),
    OP(i16_extadd_s, 0), OP(i16_extadd_u, 0), OP(i16_ext_lo_s, 0), OP(i16_ext_hi_u, 0),
    OP(i16_narrow_s, 0), OP(i16_narrow_u, 0), OP(i16_lt_s, 0), OP(i16_gt_u, 0), OP(i16_shl, 0),
    OP(i16_shr_s, 0), OP(i16_shr_u, 0), OP(i16_abs, 0), OP(i16_neg, 0), OP(i16_tests, 0),
    OP(i32_add, 0), OP(i32_sub, 0), OP(i32_mul, 0), OP(i32_min_u, 0), OP(i32_max_s, 0),
    OP(i32_dot, 0), OP(i32_extmul_hi_s, 0), OP(i32_extmul_lo_u, 0), OP(i32_extadd_s, 0),
    OP(i32_extadd_u, 0), OP(i32_ext_hi_s, 0), OP(i32_ext_lo_u, 0), OP(i32_le_u, 0),
    OP(i32_gt_s, 0), OP(i32_shl, 0), OP(i32_shr_s, 0), OP(i32_shr_u, 0), OP(i32_abs, 0),
    OP(i32_trunc_f32_s, 0), OP(i32_trunc_f32_u, 0), OP(i32_trunc_f64_s, 0), OP(i32_trunc_f64_u, 0),
    OP(i32_tests, 0),
    OP(i64_add, 0), OP(i64_sub, 0), OP(i64_mul, 0), OP(i64_eq, 0), OP(i64_lt_s, 0), OP(i64_ge_s, 0),
    OP(i64_extmul_lo_s, 0), OP(i64_extmul_hi_u, 0), OP(i64_ext_lo_s, 0), OP(i64_ext_hi_u, 0),
    OP(i64_shl, 0), OP(i64_shr_s, 0), OP(i64_shr_u, 0), OP(i64_abs, 0), OP(i64_neg, 0),
    OP(i64_tests, 0),
    OP(f32_add, 4), OP(f32_sub, 4), OP(f32_mul, 4), OP(f32_div, 4), OP(f32_min, 4), OP(f32_max, 4),
    OP(f32_pmin, 4), OP(f32_pmax, 4), OP(f32_lt, 0), OP(f32_ge, 0), OP(f32_ne, 0), OP(f32_abs, 4),
    OP(f32_neg, 4), OP(f32_sqrt, 4), OP(f32_ceil, 4), OP(f32_floor, 4), OP(f32_trunc, 4),
    OP(f32_nearest, 4), OP(f32_conv_s, 4), OP(f32_conv_u, 4), OP(f32_demote, 4),
    OP(f64_add, 8), OP(f64_sub, 8), OP(f64_mul, 8), OP(f64_div, 8), OP(f64_min, 8), OP(f64_max, 8),
    OP(f64_pmin, 8), OP(f64_pmax, 8), OP(f64_eq, 0), OP(f64_le, 0), OP(f64_gt, 0), OP(f64_abs, 8),
    OP(f64_neg, 8), OP(f64_sqrt, 8), OP(f64_ceil, 8), OP(f64_floor, 8), OP(f64_trunc, 8),
    OP(f64_nearest, 8), OP(f64_conv_s, 8), OP(f64_conv_u, 8), OP(f64_promote, 8),
    OP(v_and, 0), OP(v_or, 0), OP(v_xor, 0), OP(v_andnot, 0), OP(v_not, 0), OP(v_bitselect, 0),
    OP(v_shuffle, 0), OP(v_splat8, 0), OP(v_splat64, 0), OP(v_splatf32, 4), OP(v_replace, 0),
    OP(v_extract, 0),
    OP(m_load8x8_s, 0), OP(m_load16x4_u, 0), OP(m_load32x2_s, 0), OP(m_load_splat16, 0),
    OP(m_load_zero32, 0), OP(m_load_lane8, 0), OP(m_load_lane64, 0), OP(m_store_lane, 0),
};

/* ---- inputs and hashing ------------------------------------------------ */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void make_inputs(void)
{
    static const float fs[] = {0.0f, -0.0f, 1.0f, -1.5f, 2.5f, -2.5f, 0.5f, 3.49999f,
                               1e30f, -1e30f, 3e9f, -3e9f, 2147483520.0f, 4294967040.0f,
                               INFINITY, -INFINITY, NAN, -NAN, 1e-45f, 8388609.0f};
    static const double ds[] = {0.0, -0.0, 1.0, -1.5, 2.5, -2.5, 0.5, 4503599627370497.0,
                                1e300, -1e300, 3e9, -2147483648.5, 2147483647.5, 4294967295.9,
                                INFINITY, -INFINITY, NAN, -NAN, 5e-324, 1e-40};
    for (int k = 0; k < N; k++) {
        V *v = &in[k];
        if (k < 8) {                        /* byte patterns */
            static const uint8_t pat[8] = {0x00, 0xFF, 0x80, 0x7F, 0x01, 0xFE, 0x55, 0xAA};
            memset(v, pat[k], 16);
        } else if (k < 18) {                /* floats */
            for (int i = 0; i < 4; i++) v->f32[i] = fs[(k * 3 + i * 7) % 20];
        } else if (k < 28) {                /* doubles */
            for (int i = 0; i < 2; i++) v->f64[i] = ds[(k * 5 + i * 3) % 20];
        } else {                            /* random, with some small lanes */
            v->u64[0] = next();
            v->u64[1] = next();
            if (k & 1)
                for (int i = 0; i < 16; i++) v->u8[i] &= 0x8F;
        }
    }
}

static uint64_t hash_v(uint64_t h, const V *r, int fl)
{
    V c = *r;
    if (fl == 4)
        for (int i = 0; i < 4; i++)
            if (c.f32[i] != c.f32[i]) c.u32[i] = 0x7FC00000u;
    if (fl == 8)
        for (int i = 0; i < 2; i++)
            if (c.f64[i] != c.f64[i]) c.u64[i] = 0x7FF8000000000000ull;
    for (int i = 0; i < 16; i++) h = (h ^ c.u8[i]) * 0x100000001B3ull;
    return h;
}

int main(void)
{
    make_inputs();
    uint64_t all = 0xCBF29CE484222325ull;
    for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
        uint64_t h = 0xCBF29CE484222325ull;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                V r;
                memset(&r, 0, sizeof r);
                ops[o].fn(&in[i], &in[j], &r);
                h = hash_v(h, &r, ops[o].fl);
            }
        printf("%-18s %016llx\n", ops[o].name, (unsigned long long)h);
        all = (all ^ h) * 0x100000001B3ull;
    }
    printf("ops %zu all %016llx\n", sizeof ops / sizeof ops[0], (unsigned long long)all);
    return 0;
}
