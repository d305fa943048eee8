/* printf's conversions across widths and types: what libc formatting code exercises. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
int main(void) {
    int64_t vals[] = { 0, 1, -1, 42, INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, 1234567890123LL };
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++)
        printf("[%" PRId64 "] [%20" PRIx64 "] [%-12" PRIo64 "] [%+.3" PRId64 "]\n", vals[i], (uint64_t)vals[i], (uint64_t)vals[i] & 0777777, vals[i] % 1000);
    double ds[] = { 0.0, -0.0, 1e-300, 1.5, 123456789.125, 1e21, 2.5e-5, 9.999999 };
    for (unsigned i = 0; i < sizeof ds / sizeof ds[0]; i++) printf("%g|%.3f|%12.4e|%G|%-8.2g|\n", ds[i], ds[i], ds[i], ds[i], ds[i]);
    printf("%c%c%c %5.2s| %%\n", 'a', 66, '0' + 7, "xyz");
    return 0;
}
