/* Structs by value, unions, bit fields, switch tables, varargs, 64-bit math. */
#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>
typedef struct { int32_t x, y; } pt;
typedef struct { pt a, b; uint8_t tag; } seg;
typedef union { float f; uint32_t u; int8_t b[4]; } pun;
struct flags { unsigned a : 3, b : 5, c : 1; };
static pt add(pt p, pt q) { return (pt){ p.x + q.x, p.y + q.y }; }
static seg mk(int i) { return (seg){ { i, -i }, { i * i, 3 }, (uint8_t)(i * 37) }; }
static int64_t vsum(int n, ...) { va_list ap; va_start(ap, n); int64_t s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int64_t); va_end(ap); return s; }
static const char *kind(int c) { switch (c) { case 0: return "zero"; case 1: return "one"; case 2: case 3: return "few"; case 7: return "seven"; case 100: return "hundred"; default: return c < 0 ? "neg" : "many"; } }
int main(void) {
    pt acc = { 0, 0 };
    for (int i = 0; i < 10; i++) { seg s = mk(i); acc = add(acc, add(s.a, s.b)); acc.x ^= s.tag; }
    printf("acc %d %d\n", (int)acc.x, (int)acc.y);
    pun p; p.f = -1.5f; printf("pun %08x %d %d\n", (unsigned)p.u, p.b[0], p.b[3]);
    struct flags fl = { 5, 17, 1 }; fl.b += 20; printf("bits %u %u %u\n", fl.a, fl.b, fl.c);
    printf("vsum %lld\n", (long long)vsum(5, (int64_t)1, (int64_t)-2, (int64_t)3000000000LL, (int64_t)4, (int64_t)5));
    for (int c = -1; c <= 8; c++) printf("%s ", kind(c)); printf("%s\n", kind(100));
    uint64_t x = 0x123456789abcdefULL; int64_t y = -0x7fffffffffffffLL;
    printf("%llx %llx %lld %lld %llu\n", (unsigned long long)(x * 31), (unsigned long long)(x >> 7 | x << 57), (long long)(y / 7), (long long)(y % 1000), (unsigned long long)(x % 1000000007ULL));
    return 0;
}
