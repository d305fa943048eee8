/* Memory-heavy integer work: a sieve of 2,000,000 on the heap, prime gaps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
    int n = 2000000; unsigned char *s = malloc((size_t)n + 1); memset(s, 1, (size_t)n + 1); s[0] = s[1] = 0;
    for (int i = 2; (long)i * i <= n; i++) if (s[i]) for (int j = i * i; j <= n; j += i) s[j] = 0;
    int count = 0, last = 0, gap = 0, gapat = 0; long long sum = 0;
    for (int i = 2; i <= n; i++) if (s[i]) { count++; sum += i; if (last && i - last > gap) { gap = i - last; gapat = last; } last = i; }
    printf("primes %d sum %lld largest %d max gap %d after %d\n", count, sum, last, gap, gapat);
    free(s);
    return 0;
}
