/* qsort with several comparators through function pointers (indirect calls). */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
static int up(const void *a, const void *b) { int32_t x = *(const int32_t *)a, y = *(const int32_t *)b; return (x > y) - (x < y); }
static int down(const void *a, const void *b) { return up(b, a); }
static int bylast(const void *a, const void *b) { int32_t x = *(const int32_t *)a % 10, y = *(const int32_t *)b % 10; return x != y ? (x > y) - (x < y) : up(a, b); }
typedef int (*cmp_fn)(const void *, const void *);
int main(void) {
    static const cmp_fn cmps[] = { up, down, bylast };
    static const char *names[] = { "up", "down", "bylast" };
    int32_t v[40];
    uint32_t s = 12345;
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < 40; i++) { s = s * 1103515245u + 12345u; v[i] = (int32_t)((s >> 16) % 1000); }
        qsort(v, 40, sizeof v[0], cmps[k]);
        printf("%s:", names[k]);
        for (int i = 0; i < 40; i++) printf(" %d", (int)v[i]);
        printf("\n");
    }
    return 0;
}
