/*
 * numeric.h — WebAssembly 2.0 numeric semantics that C does not give for
 * free (layer-private to src/wasm, used by interp.c).
 *
 * Lives here: f32/f64 min, max, nearest, copysign; trapping and saturating
 * float->int truncations; rotates and bit counts; correctly rounded
 * i64/u64 -> f32/f64 conversions; demote/promote.
 *
 * Every helper is exact for all inputs, never executes C undefined
 * behaviour (no out-of-range float->int casts, no shifts by >= width) and
 * does not depend on the current floating-point rounding mode, so results
 * match the spec bit for bit.  Nothing here assumes -ffast-math.
 */
#ifndef BX_WASM_NUMERIC_H
#define BX_WASM_NUMERIC_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "boxagnts.h"

/* ---- bit access -------------------------------------------------------- */

/* memcpy is the only type pun that is defined in C11; compilers turn it
 * into a register move. */
static inline uint32_t bx__f32_bits(float x)
{
    uint32_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static inline float bx__f32_from_bits(uint32_t b)
{
    float x;
    memcpy(&x, &b, sizeof x);
    return x;
}

static inline uint64_t bx__f64_bits(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static inline double bx__f64_from_bits(uint64_t b)
{
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

/* ---- copysign ---------------------------------------------------------- */

/* Pure bit operation: the spec requires it to keep NaN payloads intact,
 * which an arithmetic implementation would not guarantee. */
static inline float bx_f32_copysign(float x, float y)
{
    return bx__f32_from_bits((bx__f32_bits(x) & UINT32_C(0x7FFFFFFF)) |
                             (bx__f32_bits(y) & UINT32_C(0x80000000)));
}

static inline double bx_f64_copysign(double x, double y)
{
    return bx__f64_from_bits((bx__f64_bits(x) & UINT64_C(0x7FFFFFFFFFFFFFFF)) |
                             (bx__f64_bits(y) & UINT64_C(0x8000000000000000)));
}

/* ---- min / max --------------------------------------------------------- */

/* C's fmin/fmax return the non-NaN operand and may order -0 and +0
 * arbitrarily; wasm wants NaN if either operand is NaN and -0 < +0.
 * a + b yields a quiet NaN (an arithmetic NaN, canonical when the inputs
 * were) whenever either operand is NaN.  When a == b the operands are
 * identical except possibly for the sign of zero, so pick by sign bit. */
static inline float bx_f32_min(float a, float b)
{
    if (isnan(a) || isnan(b))
        return a + b;
    if (a == b)
        return signbit(a) ? a : b;
    return a < b ? a : b;
}

static inline float bx_f32_max(float a, float b)
{
    if (isnan(a) || isnan(b))
        return a + b;
    if (a == b)
        return signbit(a) ? b : a;
    return a > b ? a : b;
}

static inline double bx_f64_min(double a, double b)
{
    if (isnan(a) || isnan(b))
        return a + b;
    if (a == b)
        return signbit(a) ? a : b;
    return a < b ? a : b;
}

static inline double bx_f64_max(double a, double b)
{
    if (isnan(a) || isnan(b))
        return a + b;
    if (a == b)
        return signbit(a) ? b : a;
    return a > b ? a : b;
}

/* ---- nearest (round half to even) -------------------------------------- */

/* rint/nearbyint follow the dynamic rounding mode; this does not.  For
 * |x| < 2^23 (f32) / 2^52 (f64) the truncation fits an integer exactly and
 * x - trunc(x) is exact (it is just the low bits of x), so every step below
 * is exact and mode-independent.  At or above that magnitude every value is
 * already integral.  copysign restores -0 for results like nearest(-0.4). */
static inline float bx_f32_nearest(float x)
{
    if (isnan(x))
        return x + x;                   /* quiets a signalling NaN */
    if (!(x < 8388608.0f && x > -8388608.0f))
        return x;                       /* |x| >= 2^23 or infinite */
    int32_t i = (int32_t)x;
    float frac = x - (float)i;
    if (frac > 0.5f || (frac == 0.5f && (i & 1)))
        i++;
    else if (frac < -0.5f || (frac == -0.5f && (i & 1)))
        i--;
    return bx_f32_copysign((float)i, x);
}

static inline double bx_f64_nearest(double x)
{
    if (isnan(x))
        return x + x;
    if (!(x < 4503599627370496.0 && x > -4503599627370496.0))
        return x;                       /* |x| >= 2^52 or infinite */
    int64_t i = (int64_t)x;
    double frac = x - (double)i;
    if (frac > 0.5 || (frac == 0.5 && (i & 1)))
        i++;
    else if (frac < -0.5 || (frac == -0.5 && (i & 1)))
        i--;
    return bx_f64_copysign((double)i, x);
}

/* ---- truncation to integers -------------------------------------------- */

/* Range tests are done on the float, against bounds that are exactly
 * representable, so that the cast afterwards is always defined (C only
 * defines float->int casts when the truncated value fits).  "trunc(x) fits
 * in [lo, hi]" is "lo - 1 < x < hi + 1"; where lo - 1 is not
 * representable (i32 from f32, i64 from either) no float lies strictly
 * between it and lo, so x >= lo is the same test.  hi + 1 is always a
 * power of two and exact.  NaN fails every comparison, so it is tested
 * first. */
#define BX__IN_I32_F32(x) ((x) >= -2147483648.0f && (x) < 2147483648.0f)
#define BX__IN_I32_F64(x) ((x) > -2147483649.0 && (x) < 2147483648.0)
#define BX__IN_U32_F32(x) ((x) > -1.0f && (x) < 4294967296.0f)
#define BX__IN_U32_F64(x) ((x) > -1.0 && (x) < 4294967296.0)
#define BX__IN_I64_F32(x) ((x) >= -9223372036854775808.0f && (x) < 9223372036854775808.0f)
#define BX__IN_I64_F64(x) ((x) >= -9223372036854775808.0 && (x) < 9223372036854775808.0)
#define BX__IN_U64_F32(x) ((x) > -1.0f && (x) < 18446744073709551616.0f)
#define BX__IN_U64_F64(x) ((x) > -1.0 && (x) < 18446744073709551616.0)

/* Trapping: NaN -> invalid conversion, out of range -> integer overflow;
 * *t is left alone on success. */
#define BX__TRUNC(name, ity, fty, inrange)                                   \
    static inline ity name(fty x, bx_trap *t)                                \
    {                                                                        \
        if (isnan(x)) {                                                      \
            *t = BX_TRAP_INVALID_CONV;                                       \
            return 0;                                                        \
        }                                                                    \
        if (!inrange(x)) {                                                   \
            *t = BX_TRAP_INT_OVERFLOW;                                       \
            return 0;                                                        \
        }                                                                    \
        return (ity)x;                                                       \
    }

BX__TRUNC(bx_i32_trunc_f32_s, int32_t, float, BX__IN_I32_F32)
BX__TRUNC(bx_i32_trunc_f64_s, int32_t, double, BX__IN_I32_F64)
BX__TRUNC(bx_i32_trunc_f32_u, uint32_t, float, BX__IN_U32_F32)
BX__TRUNC(bx_i32_trunc_f64_u, uint32_t, double, BX__IN_U32_F64)
BX__TRUNC(bx_i64_trunc_f32_s, int64_t, float, BX__IN_I64_F32)
BX__TRUNC(bx_i64_trunc_f64_s, int64_t, double, BX__IN_I64_F64)
BX__TRUNC(bx_i64_trunc_f32_u, uint64_t, float, BX__IN_U64_F32)
BX__TRUNC(bx_i64_trunc_f64_u, uint64_t, double, BX__IN_U64_F64)

/* Saturating: NaN -> 0, out of range clamps to the nearer end (the sign of
 * x says which end, since every range contains 0). */
#define BX__TRUNC_SAT(name, ity, fty, inrange, lo, hi)                       \
    static inline ity name(fty x)                                            \
    {                                                                        \
        if (isnan(x))                                                        \
            return 0;                                                        \
        if (!inrange(x))                                                     \
            return x < 0 ? (lo) : (hi);                                      \
        return (ity)x;                                                       \
    }

BX__TRUNC_SAT(bx_i32_trunc_sat_f32_s, int32_t, float, BX__IN_I32_F32, INT32_MIN, INT32_MAX)
BX__TRUNC_SAT(bx_i32_trunc_sat_f64_s, int32_t, double, BX__IN_I32_F64, INT32_MIN, INT32_MAX)
BX__TRUNC_SAT(bx_i32_trunc_sat_f32_u, uint32_t, float, BX__IN_U32_F32, 0, UINT32_MAX)
BX__TRUNC_SAT(bx_i32_trunc_sat_f64_u, uint32_t, double, BX__IN_U32_F64, 0, UINT32_MAX)
BX__TRUNC_SAT(bx_i64_trunc_sat_f32_s, int64_t, float, BX__IN_I64_F32, INT64_MIN, INT64_MAX)
BX__TRUNC_SAT(bx_i64_trunc_sat_f64_s, int64_t, double, BX__IN_I64_F64, INT64_MIN, INT64_MAX)
BX__TRUNC_SAT(bx_i64_trunc_sat_f32_u, uint64_t, float, BX__IN_U64_F32, 0, UINT64_MAX)
BX__TRUNC_SAT(bx_i64_trunc_sat_f64_u, uint64_t, double, BX__IN_U64_F64, 0, UINT64_MAX)

#undef BX__TRUNC
#undef BX__TRUNC_SAT

/* ---- rotates and bit counts -------------------------------------------- */

/* Count taken mod width; the right shift uses (-n) & (w-1) so a count of 0
 * never shifts by w (UB).  Compilers recognise this as rol/ror. */
static inline uint32_t bx_i32_rotl(uint32_t x, uint32_t n)
{
    return (x << (n & 31)) | (x >> ((0u - n) & 31));
}

static inline uint32_t bx_i32_rotr(uint32_t x, uint32_t n)
{
    return (x >> (n & 31)) | (x << ((0u - n) & 31));
}

static inline uint64_t bx_i64_rotl(uint64_t x, uint64_t n)
{
    return (x << (n & 63)) | (x >> ((0u - n) & 63));
}

static inline uint64_t bx_i64_rotr(uint64_t x, uint64_t n)
{
    return (x >> (n & 63)) | (x << ((0u - n) & 63));
}

/* The GCC builtins are undefined for 0, hence the explicit zero cases. */
static inline uint32_t bx_i32_clz(uint32_t x)
{
#if defined(__GNUC__)
    return x ? (uint32_t)__builtin_clz(x) : 32;
#else
    uint32_t n = 0;
    if (!x)
        return 32;
    while (!(x & UINT32_C(0x80000000))) {
        x <<= 1;
        n++;
    }
    return n;
#endif
}

static inline uint32_t bx_i32_ctz(uint32_t x)
{
#if defined(__GNUC__)
    return x ? (uint32_t)__builtin_ctz(x) : 32;
#else
    uint32_t n = 0;
    if (!x)
        return 32;
    while (!(x & 1)) {
        x >>= 1;
        n++;
    }
    return n;
#endif
}

static inline uint32_t bx_i32_popcnt(uint32_t x)
{
#if defined(__GNUC__)
    return (uint32_t)__builtin_popcount(x);
#else
    uint32_t n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
#endif
}

static inline uint64_t bx_i64_clz(uint64_t x)
{
#if defined(__GNUC__)
    return x ? (uint64_t)__builtin_clzll(x) : 64;
#else
    uint64_t n = 0;
    if (!x)
        return 64;
    while (!(x & UINT64_C(0x8000000000000000))) {
        x <<= 1;
        n++;
    }
    return n;
#endif
}

static inline uint64_t bx_i64_ctz(uint64_t x)
{
#if defined(__GNUC__)
    return x ? (uint64_t)__builtin_ctzll(x) : 64;
#else
    uint64_t n = 0;
    if (!x)
        return 64;
    while (!(x & 1)) {
        x >>= 1;
        n++;
    }
    return n;
#endif
}

static inline uint64_t bx_i64_popcnt(uint64_t x)
{
#if defined(__GNUC__)
    return (uint64_t)__builtin_popcountll(x);
#else
    uint64_t n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
#endif
}

/* ---- integer -> float conversions -------------------------------------- */

/* Rounded explicitly in integer arithmetic rather than with a cast: the
 * cast's correctness for u64 depends on the target's code sequence and on
 * the dynamic rounding mode, and the tempting u64 -> double -> float path
 * rounds twice (0x0020000020000001 -> 0x1p+53 instead of 0x1.000002p+53).
 * Keep the top 24 (53) significant bits, round the rest half-to-even,
 * then scale by an exact power of two.  The rounded mantissa is at most
 * 2^24 (2^53), so both conversions and the scaling are exact. */
static inline float bx_f32_from_u64(uint64_t v)
{
    if (v < (UINT64_C(1) << 24))
        return (float)v;                /* exact */
    int shift = 40 - (int)bx_i64_clz(v);  /* bits below the 24 kept: 1..40 */
    uint64_t m = v >> shift;
    uint64_t rest = v & ((UINT64_C(1) << shift) - 1);
    uint64_t half = UINT64_C(1) << (shift - 1);
    if (rest > half || (rest == half && (m & 1)))
        m++;
    return (float)m * bx__f32_from_bits((uint32_t)(127 + shift) << 23);
}

static inline double bx_f64_from_u64(uint64_t v)
{
    if (v < (UINT64_C(1) << 53))
        return (double)v;               /* exact */
    int shift = 11 - (int)bx_i64_clz(v);  /* bits below the 53 kept: 1..11 */
    uint64_t m = v >> shift;
    uint64_t rest = v & ((UINT64_C(1) << shift) - 1);
    uint64_t half = UINT64_C(1) << (shift - 1);
    if (rest > half || (rest == half && (m & 1)))
        m++;
    return (double)m * bx__f64_from_bits((uint64_t)(1023 + shift) << 52);
}

/* Round-half-even is symmetric, so convert the magnitude and negate.
 * 0 - (uint64_t)v is the magnitude even for INT64_MIN. */
static inline float bx_f32_from_i64(int64_t v)
{
    if (v < 0)
        return -bx_f32_from_u64(UINT64_C(0) - (uint64_t)v);
    return bx_f32_from_u64((uint64_t)v);
}

static inline double bx_f64_from_i64(int64_t v)
{
    if (v < 0)
        return -bx_f64_from_u64(UINT64_C(0) - (uint64_t)v);
    return bx_f64_from_u64((uint64_t)v);
}

/* ---- demote / promote -------------------------------------------------- */

/* Plain casts are IEEE-exact (promote) or correctly rounded (demote, in
 * the default rounding mode wasm code always runs in); a NaN comes out
 * quiet, which the spec accepts as an arithmetic NaN. */
static inline float bx_f32_demote(double x)
{
    return (float)x;
}

static inline double bx_f64_promote(float x)
{
    return (double)x;
}

#endif
