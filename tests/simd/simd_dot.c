/*
 * tests/simd/simd_dot.c — vectorized dot products (i16 -> i32 with
 * i32x4.dot_i16x8, f32 with f32x4 mul/add, f64 with f64x2) next to their
 * scalar loops.  Built with and without -msimd128 and natively; prints
 * the results for t_simd.sh to compare.  Sizes are not multiples of the
 * vector width, so the scalar tails run too.
 */
#include <stdint.h>
#include <stdio.h>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define N 1003
static int16_t a16[N], b16[N];
static float af[N], bf[N];
static double ad[N], bd[N];

static int32_t dot16(const int16_t *a, const int16_t *b, int n)
{
    int i = 0;
    int32_t s = 0;
#ifdef __wasm_simd128__
    v128_t acc = wasm_i32x4_splat(0);
    for (; i + 8 <= n; i += 8)
        acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(wasm_v128_load(a + i), wasm_v128_load(b + i)));
    s = wasm_i32x4_extract_lane(acc, 0) + wasm_i32x4_extract_lane(acc, 1) +
        wasm_i32x4_extract_lane(acc, 2) + wasm_i32x4_extract_lane(acc, 3);
#endif
    /* unsigned: the lanes wrap, and so must this sum (no C overflow) */
    for (; i < n; i++) s = (int32_t)((uint32_t)s + (uint32_t)(a[i] * b[i]));
    return s;
}

/* Summation order fixed to 4 partial sums so every build rounds alike. */
static float dotf(const float *a, const float *b, int n)
{
    float p[4] = {0, 0, 0, 0};
    int i = 0;
#ifdef __wasm_simd128__
    v128_t acc = wasm_f32x4_splat(0);
    for (; i + 4 <= n; i += 4)
        acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(a + i), wasm_v128_load(b + i)));
    wasm_v128_store(p, acc);
#else
    for (; i + 4 <= n; i += 4)
        for (int k = 0; k < 4; k++) p[k] += a[i + k] * b[i + k];
#endif
    float s = (p[0] + p[1]) + (p[2] + p[3]);
    for (; i < n; i++) s += a[i] * b[i];
    return s;
}

static double dotd(const double *a, const double *b, int n)
{
    double p[2] = {0, 0};
    int i = 0;
#ifdef __wasm_simd128__
    v128_t acc = wasm_f64x2_splat(0);
    for (; i + 2 <= n; i += 2)
        acc = wasm_f64x2_add(acc, wasm_f64x2_mul(wasm_v128_load(a + i), wasm_v128_load(b + i)));
    wasm_v128_store(p, acc);
#else
    for (; i + 2 <= n; i += 2)
        for (int k = 0; k < 2; k++) p[k] += a[i + k] * b[i + k];
#endif
    double s = p[0] + p[1];
    for (; i < n; i++) s += a[i] * b[i];
    return s;
}

int main(void)
{
    uint32_t x = 12345;
    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        a16[i] = (int16_t)(x >> 8);
        x = x * 1103515245u + 12345u;
        b16[i] = (int16_t)(x >> 12);
        af[i] = (float)(int16_t)(x >> 3) / 64.0f;
        bf[i] = (float)((int)(x >> 20) - 2048) / 128.0f;
        ad[i] = af[i] * 1.000001;
        bd[i] = bf[i] / 3.0;
    }
    int32_t s = 0;
    for (int n = 1; n <= N; n += 97) {
        s ^= dot16(a16, b16, n);
        printf("n=%d dot16=%d dotf=%.9g dotd=%.17g\n", n, dot16(a16, b16, n), (double)dotf(af, bf, n),
               dotd(ad, bd, n));
    }
    printf("x=%d\n", s);
    return 0;
}
