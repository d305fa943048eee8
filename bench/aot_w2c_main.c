/*
 * aot_w2c_main.c — the wasm2c side of bench/aot.sh: runs the kernels of
 * kernels.wasm translated by Debian's wasm2c (module name "kern") and
 * compiled with the same cc -O2, printing "name checksum seconds" lines
 * like native_main.c.  wasm2c is the anchor of issue 17, not a dependency:
 * it has no fuel and no interruption, and its runtime here uses its own
 * bounds checks (no guard pages: WASM_RT_MEMCHECK_BOUNDS_CHECK).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kern.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    static const struct { const char *name; u32 (*fn)(Z_kern_instance_t *, u32); } k[] = {
        {"fib", Z_kernZ_fib}, {"sieve", Z_kernZ_sieve}, {"sha256", Z_kernZ_sha256},
        {"matmul", Z_kernZ_matmul}, {"strhash", Z_kernZ_strhash}, {"cmark", Z_kernZ_cmark},
    };
    wasm_rt_init();
    Z_kern_init_module();
    Z_kern_instance_t inst;
    Z_kern_instantiate(&inst);
    int runs = atoi(argv[1]);
    if (runs < 1) runs = 1;
    for (int a = 2; a < argc; a++) {
        char name[64];
        const char *colon = strchr(argv[a], ':');
        if (!colon || (size_t)(colon - argv[a]) >= sizeof name) return 2;
        memcpy(name, argv[a], (size_t)(colon - argv[a]));
        name[colon - argv[a]] = 0;
        u32 arg = (u32)atoi(colon + 1);
        u32 (*fn)(Z_kern_instance_t *, u32) = NULL;
        for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
            if (!strcmp(k[i].name, name)) fn = k[i].fn;
        if (!fn) return 2;
        u32 check = fn(&inst, arg);
        double best = 1e30;
        for (int r = 0; r < runs; r++) {
            double t0 = now();
            u32 c = fn(&inst, arg);
            double t = now() - t0;
            if (c != check) return 1;
            if (t < best) best = t;
        }
        printf("%s %u %.9f\n", name, (unsigned)check, best);
        fflush(stdout);
    }
    Z_kern_free(&inst);
    wasm_rt_free();
    return 0;
}
