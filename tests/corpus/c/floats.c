/* Floating point: arithmetic, conversions, printf of doubles and floats, special values. */
#include <stdio.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
static volatile double vzero = 0.0;
int main(void) {
    double a = 1.0 / 3.0, b = 2.0 / 7.0, sum = 0;
    for (int i = 1; i <= 1000; i++) sum += 1.0 / ((double)i * i);
    printf("%.17g %.17g %.17g\n", a, b, a * b);
    printf("basel %.15f sqrt2 %.17g\n", sum, sqrt(2.0));
    float f = 0.1f; double d = f;
    printf("%.9g %.17g %a\n", (double)f, d, d);
    printf("floor %g ceil %g trunc %g round %g fmod %g\n", floor(-2.5), ceil(-2.5), trunc(-2.7), round(2.5), fmod(10.5, 3.0));
    printf("inf %g -inf %g nan? %d\n", 1.0 / vzero, -1.0 / vzero, isnan(vzero / vzero));
    printf("fmin %g fmax %g copysign %g\n", fmin(-0.0, 0.0), fmax(3, 4), copysign(2.0, -0.0));
    int64_t big = (int64_t)1e18; uint32_t u = (uint32_t)3.9e9;
    printf("%lld %u %d\n", (long long)big, (unsigned)u, (int)-7.9);
    double x; uint64_t bits = 0x400921fb54442d18ull; memcpy(&x, &bits, 8);
    printf("pi %.17g %.3e %10.4f|\n", x, x * 1e10, x);
    float g = 16777216.0f; g += 1.0f;
    printf("f32 %.1f %.9g\n", (double)g, (double)(1.0f / 3.0f));
    return 0;
}
