/* Higher-order C: map/filter/fold with function pointers, a function-pointer
 * struct ("vtable"), and pointers to functions returned from functions. */
#include <stdio.h>
#include <stdint.h>
typedef int32_t (*unop)(int32_t);
typedef int (*pred)(int32_t);
typedef int64_t (*fold_fn)(int64_t, int32_t);
static int32_t sq(int32_t x) { return x * x; }
static int32_t neg(int32_t x) { return -x; }
static int32_t half(int32_t x) { return x / 2; }
static int even(int32_t x) { return !(x & 1); }
static int big(int32_t x) { return x > 50 || x < -50; }
static int64_t plus(int64_t a, int32_t x) { return a + x; }
static int64_t mix(int64_t a, int32_t x) { return a * 31 + x; }
static unop choose(int i) { static const unop t[] = { sq, neg, half }; return t[i % 3]; }
typedef struct shape { const char *name; double (*area)(double); double (*perim)(double); } shape;
static double sq_area(double s) { return s * s; } static double sq_perim(double s) { return 4 * s; }
static double tri_area(double s) { return s * s * 0.4330127018922193; } static double tri_perim(double s) { return 3 * s; }
int main(void) {
    int32_t v[20]; for (int i = 0; i < 20; i++) v[i] = i * 7 - 40;
    const pred ps[] = { even, big }; const fold_fn fs[] = { plus, mix };
    for (int k = 0; k < 6; k++) {
        unop f = choose(k); pred p = ps[k & 1]; fold_fn g = fs[(k >> 1) & 1];
        int64_t acc = 0; int kept = 0;
        for (int i = 0; i < 20; i++) { int32_t y = f(v[i]); if (p(y)) { acc = g(acc, y); kept++; } }
        printf("k=%d kept %d acc %lld\n", k, kept, (long long)acc);
    }
    const shape sh[] = { { "square", sq_area, sq_perim }, { "triangle", tri_area, tri_perim } };
    for (int i = 0; i < 2; i++) printf("%s %.6f %.1f\n", sh[i].name, sh[i].area(3.0), sh[i].perim(3.0));
    return 0;
}
