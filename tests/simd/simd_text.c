/*
 * tests/simd/simd_text.c — byte-oriented SIMD: a histogram of character
 * classes, counting and finding a byte (i8x16.eq + bitmask), ASCII
 * upper-casing (unsigned compares + bitselect) and a naive substring
 * search that filters candidates 16 at a time.  Built with and without
 * -msimd128 and natively; t_simd.sh compares the outputs.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

static char text[5000];

static int count_byte(const char *s, int n, char c)
{
    int i = 0, k = 0;
#ifdef __wasm_simd128__
    v128_t cc = wasm_i8x16_splat(c);
    for (; i + 16 <= n; i += 16)
        k += __builtin_popcount(wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(s + i), cc)));
#endif
    for (; i < n; i++) k += s[i] == c;
    return k;
}

static void upper(char *s, int n)
{
    int i = 0;
#ifdef __wasm_simd128__
    for (; i + 16 <= n; i += 16) {
        v128_t v = wasm_v128_load(s + i);
        v128_t lo = wasm_u8x16_ge(v, wasm_i8x16_splat('a'));
        v128_t hi = wasm_u8x16_le(v, wasm_i8x16_splat('z'));
        v128_t m = wasm_v128_and(lo, hi);
        wasm_v128_store(s + i, wasm_v128_bitselect(wasm_i8x16_sub(v, wasm_i8x16_splat(32)), v, m));
    }
#endif
    for (; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z') s[i] = (char)(s[i] - 32);
}

static int find(const char *s, int n, const char *pat, int m)
{
    int i = 0;
#ifdef __wasm_simd128__
    v128_t f = wasm_i8x16_splat(pat[0]), l = wasm_i8x16_splat(pat[m - 1]);
    for (; i + m - 1 + 16 <= n; i += 16) {
        v128_t e = wasm_v128_and(wasm_i8x16_eq(wasm_v128_load(s + i), f),
                                 wasm_i8x16_eq(wasm_v128_load(s + i + m - 1), l));
        uint32_t bits = wasm_i8x16_bitmask(e);
        while (bits) {
            int k = __builtin_ctz(bits);
            if (memcmp(s + i + k, pat, (size_t)m) == 0) return i + k;
            bits &= bits - 1;
        }
    }
#endif
    for (; i + m <= n; i++)
        if (memcmp(s + i, pat, (size_t)m) == 0) return i;
    return -1;
}

int main(void)
{
    static const char *words[] = {"alpha", "Beta", "gamma", "delta!", "x", "yz", "SIMD", "lane",
                                  "shuffle", "0123", "\t", "end."};
    uint32_t x = 7;
    int n = 0;
    while (n < (int)sizeof text - 16) {
        x = x * 1664525u + 1013904223u;
        const char *w = words[(x >> 24) % 12];
        size_t l = strlen(w);
        memcpy(text + n, w, l);
        n += (int)l;
        text[n++] = (x >> 9) % 5 ? ' ' : '\n';
    }
    unsigned hist[4] = {0, 0, 0, 0};
    for (int i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        hist[c >= 'a' && c <= 'z' ? 0 : c >= 'A' && c <= 'Z' ? 1 : c >= '0' && c <= '9' ? 2 : 3]++;
    }
    printf("len=%d lower=%u upper=%u digit=%u other=%u\n", n, hist[0], hist[1], hist[2], hist[3]);
    for (const char *c = "ae !\nSz"; *c; c++) printf("count(%d)=%d\n", *c, count_byte(text, n, *c));
    static const char *pats[] = {"gamma delta", "SIMD lane", "shuffle\n0123", "zzz", "x x x"};
    for (int p = 0; p < 5; p++) printf("find(%s)=%d\n", pats[p], find(text, n, pats[p], (int)strlen(pats[p])));
    upper(text, n);
    printf("count(A)=%d find(GAMMA)=%d\n", count_byte(text, n, 'A'), find(text, n, "GAMMA", 5));
    unsigned h = 2166136261u;
    for (int i = 0; i < n; i++) h = (h ^ (unsigned char)text[i]) * 16777619u;
    printf("hash=%08x\n", h);
    return 0;
}
