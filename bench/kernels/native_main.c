/*
 * Native driver for the bench kernels: `native RUNS name:arg ...` runs each
 * kernel RUNS times (after one warm-up) and prints one line per kernel:
 *   name checksum best_seconds
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int32_t fib(int32_t), sieve(int32_t), sha256_kernel(int32_t),
    matmul(int32_t), strhash(int32_t), cmark(int32_t);

static const struct { const char *name; int32_t (*fn)(int32_t); } kernels[] = {
    {"fib", fib}, {"sieve", sieve}, {"sha256", sha256_kernel},
    {"matmul", matmul}, {"strhash", strhash}, {"cmark", cmark},
};

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s RUNS name:arg ...\n", argv[0]);
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1) runs = 1;
    for (int a = 2; a < argc; a++) {
        char name[64];
        const char *colon = strchr(argv[a], ':');
        if (!colon || (size_t)(colon - argv[a]) >= sizeof name) {
            fprintf(stderr, "bad kernel spec %s\n", argv[a]);
            return 2;
        }
        memcpy(name, argv[a], (size_t)(colon - argv[a]));
        name[colon - argv[a]] = 0;
        int32_t arg = (int32_t)atoi(colon + 1);
        int32_t (*fn)(int32_t) = NULL;
        for (size_t k = 0; k < sizeof kernels / sizeof kernels[0]; k++)
            if (!strcmp(kernels[k].name, name)) fn = kernels[k].fn;
        if (!fn) {
            fprintf(stderr, "unknown kernel %s\n", name);
            return 2;
        }
        int32_t check = fn(arg); /* warm-up */
        double best = 1e30;
        for (int r = 0; r < runs; r++) {
            double t0 = now();
            int32_t c = fn(arg);
            double t = now() - t0;
            if (c != check) {
                fprintf(stderr, "%s: checksum changed between runs\n", name);
                return 1;
            }
            if (t < best) best = t;
        }
        printf("%s %u %.9f\n", name, (unsigned)check, best);
        fflush(stdout);
    }
    return 0;
}
