/* Arbitrary precision: 2^1000 and 100! in base 10^9 limbs (64-bit multiplies). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
static uint32_t limb[400]; static int nl;
static void mul(uint32_t m) { uint64_t carry = 0; for (int i = 0; i < nl; i++) { uint64_t t = (uint64_t)limb[i] * m + carry; limb[i] = (uint32_t)(t % 1000000000u); carry = t / 1000000000u; } while (carry) { limb[nl++] = (uint32_t)(carry % 1000000000u); carry /= 1000000000u; } }
static void show(const char *what) { int digits = 0, sum = 0; char buf[16]; printf("%s = %u", what, limb[nl - 1]); sprintf(buf, "%u", limb[nl - 1]); for (char *p = buf; *p; p++) sum += *p - '0'; digits = (int)strlen(buf);
    for (int i = nl - 2; i >= 0; i--) { printf("%09u", limb[i]); sprintf(buf, "%09u", limb[i]); for (char *p = buf; *p; p++) sum += *p - '0'; digits += 9; }
    printf("\n  %d digits, digit sum %d\n", digits, sum); }
int main(void) {
    limb[0] = 1; nl = 1; for (int i = 0; i < 1000; i++) mul(2); show("2^1000");
    limb[0] = 1; nl = 1; for (uint32_t i = 2; i <= 100; i++) mul(i); show("100!");
    return 0;
}
