/*
 * bench/kernels/simd_kernels.c — vectorizable kernels for `make bench`
 * (bench/simd.sh).  Plain C, built three times: natively (the checksum
 * reference), to wasm32 without SIMD and to wasm32 with -msimd128, where
 * clang-14's loop vectorizer turns the inner loops into i16x8/i32x4/i8x16
 * code.  Same conventions as kernels.c: one i32 argument, an i32 checksum,
 * no libc.
 */
#include <stdint.h>

#if defined(__wasm__)
#define EXPORT(name) __attribute__((export_name(#name), visibility("default")))
#else
#define EXPORT(name)
#endif

#define VN 4096
static int16_t va[VN], vb[VN];
static uint8_t text[VN * 4];
static float fx[VN], fy[VN];

static void fill(void)
{
    uint32_t x = 2463534242u;
    for (int i = 0; i < VN; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        va[i] = (int16_t)x;
        vb[i] = (int16_t)(x >> 16);
        fx[i] = (float)(int16_t)(x >> 7) * 0.001f;
        fy[i] = (float)(int8_t)(x >> 3);
    }
    for (int i = 0; i < VN * 4; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        text[i] = (uint8_t)(' ' + x % 90);
    }
}

/* i16 dot products, wrapping i32 sums (unsigned: no C overflow) */
EXPORT(vdot) int32_t vdot(int32_t reps)
{
    fill();
    uint32_t check = 0;
    for (int32_t r = 0; r < reps; r++) {
        uint32_t s = 0;
        for (int i = 0; i < VN; i++) s += (uint32_t)(va[i] * vb[i]);
        check = check * 31u + s;
        va[r % VN] = (int16_t)s;
    }
    return (int32_t)check;
}

/* bytes: count one byte and map lower case to upper, in place */
EXPORT(vbytes) int32_t vbytes(int32_t reps)
{
    fill();
    uint32_t check = 0;
    for (int32_t r = 0; r < reps; r++) {
        uint8_t c = (uint8_t)('a' + r % 26);
        uint32_t n = 0;
        for (int i = 0; i < VN * 4; i++) n += text[i] == c;
        for (int i = 0; i < VN * 4; i++) {
            uint8_t t = text[i];
            text[i] = (uint8_t)(t >= 'a' && t <= 'z' ? t - 32 : t + 1 > 'z' ? ' ' : t + 1);
        }
        check = check * 31u + n;
    }
    return (int32_t)check;
}

/* saxpy and a max, on floats (no reassociation needed: element-wise) */
EXPORT(vsaxpy) int32_t vsaxpy(int32_t reps)
{
    fill();
    for (int32_t r = 0; r < reps; r++) {
        float a = (float)(r % 7) * 0.25f - 0.75f;
        for (int i = 0; i < VN; i++) fy[i] = a * fx[i] + fy[i];
        for (int i = 0; i < VN; i++) fy[i] = fy[i] > 1000.0f ? fy[i] - 1000.0f : fy[i];
    }
    uint32_t check = 0;
    for (int i = 0; i < VN; i++) check = check * 31u + (uint32_t)(int32_t)fy[i];
    return (int32_t)check;
}

#ifdef BENCH_SIMD_NATIVE_MAIN
/* the native reference: `simd_native name:arg ...` prints "name checksum" */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
    for (int a = 1; a < argc; a++) {
        const char *colon = strchr(argv[a], ':');
        if (!colon) return 2;
        int32_t arg = atoi(colon + 1), c;
        size_t n = (size_t)(colon - argv[a]);
        if (n == 4 && !strncmp(argv[a], "vdot", 4)) c = vdot(arg);
        else if (n == 6 && !strncmp(argv[a], "vbytes", 6)) c = vbytes(arg);
        else if (n == 6 && !strncmp(argv[a], "vsaxpy", 6)) c = vsaxpy(arg);
        else return 2;
        printf("%.*s %u\n", (int)n, argv[a], (unsigned)c);
    }
    return 0;
}
#endif
