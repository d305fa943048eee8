/*
 * bench/bench.c — the BoxAgnts side of `make bench`.
 *
 *   bench kernels WASM RUNS name:arg[:expected] ...
 *       instantiate WASM once, call each exported kernel (i32) -> i32 once
 *       to warm up and RUNS more times; print "name checksum best_seconds".
 *       Exits 1 if a checksum differs from `expected` (the native one).
 *       With BENCH_FUEL=N in the environment, each call runs metered with
 *       a fuel budget of N.
 *   bench compile WASM MIN_SECONDS
 *       bx_module_new + bx_module_free repeatedly for at least MIN_SECONDS;
 *       print "compile bytes iterations best_seconds mean_seconds".
 *   bench instantiate WASM ITERATIONS
 *       bx_store_new + bx_instance_new + bx_store_free, ITERATIONS times
 *       (the module compiled once); print "instantiate iterations mean_us
 *       best_us".
 *   bench aotload WASM CACHE_DIR ITERATIONS
 *       the compiled tier's cached artifact of WASM (made beforehand, e.g.
 *       by `boxagnts tool precompile --cache-dir CACHE_DIR`): load it from
 *       the cache (read, verify, dlopen) and free it, ITERATIONS times;
 *       print "aotload iterations median_us best_us".  The
 *       module is loaded once through the cache, outside the timing.
 *   bench aotemit WASM OUT.c
 *       write the compiled tier's C text of WASM (guard mode when this
 *       process could reserve guard regions): what perf annotate's
 *       addresses in the cached object come from.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "boxagnts.h"
#include "aot.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench: cannot open %s: %s\n", path, strerror(errno));
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) { fprintf(stderr, "bench: out of memory\n"); exit(2); }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        cap *= 2;
        buf = realloc(buf, cap);
    }
    if (ferror(f)) {
        fprintf(stderr, "bench: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    *len = n;
    return buf;
}

static bx_module *load(const char *path, size_t *len_out) {
    size_t len;
    uint8_t *bytes = read_file(path, &len);
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_module *m = bx_module_new(bytes, len, &err);
    free(bytes);
    if (!m) {
        fprintf(stderr, "bench: %s: module rejected (status %d, offset %zu): %s\n",
                path, (int)err.status, err.offset, err.msg);
        exit(2);
    }
    if (len_out) *len_out = len;
    return m;
}

static int run_kernels(const char *path, int runs, int nspecs, char **specs) {
    bx_module *m = load(path, NULL);
    bx_store *s = bx_store_new(NULL);
    if (!s) { fprintf(stderr, "bench: bx_store_new failed\n"); return 2; }
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_instance *inst = bx_instance_new(s, m, NULL, 0, &err);
    if (!inst) {
        fprintf(stderr, "bench: instantiate %s: %s\n", path, err.msg);
        return 2;
    }
    /* BOXAGNTS_TIER=aot: the compiled tier (src/aot, bench/aot.sh) */
    bxa_run ar;
    bxa_tier tier = bxa_tier_env(BXA_TIER_INTERP);
    bxa_attach(&ar, tier, m, getenv("BOXAGNTS_AOT_CACHE"), s, inst);
    if (tier != BXA_TIER_INTERP && ar.ran != BXA_TIER_AOT) {
        fprintf(stderr, "bench: the compiled tier is not available: %s\n", ar.why);
        return 2;
    }
    /* BENCH_FUEL=N: run metered, with a budget of N set before each call */
    const char *fuel_env = getenv("BENCH_FUEL");
    uint64_t fuel = fuel_env ? strtoull(fuel_env, NULL, 10) : 0;
    int status = 0;
    for (int i = 0; i < nspecs; i++) {
        char name[64];
        long arg = 0;
        unsigned long expected = 0;
        int have_expected = 0;
        const char *c1 = strchr(specs[i], ':');
        if (!c1 || (size_t)(c1 - specs[i]) >= sizeof name) {
            fprintf(stderr, "bench: bad kernel spec %s\n", specs[i]);
            return 2;
        }
        memcpy(name, specs[i], (size_t)(c1 - specs[i]));
        name[c1 - specs[i]] = 0;
        char *end;
        arg = strtol(c1 + 1, &end, 10);
        if (*end == ':') {
            expected = strtoul(end + 1, NULL, 10);
            have_expected = 1;
        }
        bx_extern ext;
        if (!bx_instance_export(inst, name, &ext) || ext.kind != BX_EXTERN_FUNC) {
            fprintf(stderr, "bench: no exported function %s\n", name);
            return 2;
        }
        const bx_functype *ft = bx_func_type(ext.of.func);
        if (!ft || ft->nparams != 1 || ft->nresults != 1 ||
            ft->params[0] != BX_I32 || ft->results[0] != BX_I32) {
            fprintf(stderr, "bench: %s is not (i32) -> i32\n", name);
            return 2;
        }
        bx_val a = {BX_I32, (uint32_t)arg}, r;
        uint32_t check = 0;
        double best = 1e30;
        for (int k = 0; k <= runs; k++) { /* k == 0 is the warm-up */
            memset(&err, 0, sizeof err);
            r.type = BX_I32;
            r.bits = 0;
            if (fuel) bx_store_set_fuel(s, fuel);
            double t0 = now();
            bx_status st = bx_func_call(s, ext.of.func, &a, 1, &r, 1, &err);
            double t = now() - t0;
            if (st != BX_OK) {
                fprintf(stderr, "bench: %s(%ld) failed (status %d, trap %d): %s\n",
                        name, arg, (int)st, (int)err.trap, err.msg);
                status = 1;
                break;
            }
            uint32_t c = (uint32_t)r.bits;
            if (k == 0) check = c;
            else if (c != check) {
                fprintf(stderr, "bench: %s: checksum changed between runs (%u vs %u)\n",
                        name, (unsigned)c, (unsigned)check);
                status = 1;
            }
            if (k > 0 && t < best) best = t;
        }
        if (best == 1e30) continue; /* trapped: no line, the table says so */
        if (have_expected && check != (uint32_t)expected) {
            fprintf(stderr, "bench: %s: checksum %u, native says %lu: MISMATCH\n",
                    name, (unsigned)check, expected);
            status = 1;
        }
        printf("%s %u %.9f\n", name, (unsigned)check, best);
        fflush(stdout);
    }
    bx_store_free(s);
    bxa_detach(&ar);
    bx_module_free(m);
    return status;
}

static int run_compile(const char *path, double min_seconds) {
    size_t len;
    uint8_t *bytes = read_file(path, &len);
    bx_error err;
    long iters = 0;
    double best = 1e30, total = 0;
    while (total < min_seconds || iters < 3) {
        memset(&err, 0, sizeof err);
        double t0 = now();
        bx_module *m = bx_module_new(bytes, len, &err);
        if (m) bx_module_free(m);
        double t = now() - t0;
        if (!m) {
            fprintf(stderr, "bench: %s rejected (offset %zu): %s\n", path,
                    err.offset, err.msg);
            return 2;
        }
        total += t;
        if (t < best) best = t;
        iters++;
    }
    free(bytes);
    printf("compile %zu %ld %.9f %.9f\n", len, iters, best, total / (double)iters);
    return 0;
}

static int run_instantiate(const char *path, long iters) {
    bx_module *m = load(path, NULL);
    bx_error err;
    double best = 1e30, t_all0 = now();
    for (long i = 0; i < iters; i++) {
        memset(&err, 0, sizeof err);
        double t0 = now();
        bx_store *s = bx_store_new(NULL);
        bx_instance *inst = s ? bx_instance_new(s, m, NULL, 0, &err) : NULL;
        if (s) bx_store_free(s);
        double t = now() - t0;
        if (!inst) {
            fprintf(stderr, "bench: instantiate %s failed: %s\n", path, err.msg);
            return 2;
        }
        if (t < best) best = t;
    }
    double mean = (now() - t_all0) / (double)iters;
    bx_module_free(m);
    printf("instantiate %ld %.3f %.3f\n", iters, mean * 1e6, best * 1e6);
    return 0;
}

static int cmp_d(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int run_aotload(const char *path, const char *cache, long iters) {
    /* the module as the CLI loads it: read through the cache, which knows
     * its SHA-256 (from a stamp of the file, or hashed once) */
    size_t len = 0;
    uint8_t digest[32];
    bx_error err;
    memset(&err, 0, sizeof err);
    uint8_t *bytes = bx_module_file_read(path, (size_t)1 << 32, cache, &len, digest, &err);
    bx_module *m = bytes ? bx_module_new_cached_digest(bytes, len, digest, cache, NULL, &err) : NULL;
    free(bytes);
    if (!m) {
        fprintf(stderr, "bench: %s: %s\n", path, err.msg);
        return 2;
    }
    if (iters < 1) iters = 1;
    double *t = malloc((size_t)iters * sizeof *t);
    if (!t) return 2;
    char why[256] = "";
    for (long i = 0; i < iters; i++) {
        double t0 = now();
        bxa_module *am = bxa_module_get(m, cache, 0, why, sizeof why);
        t[i] = now() - t0;
        if (!am || !bxa_module_cached(am)) {
            fprintf(stderr, "bench: no cached compiled form of %s in %s: %s\n", path, cache, why);
            return 2;
        }
        bxa_module_free(am);
    }
    qsort(t, (size_t)iters, sizeof *t, cmp_d);
    printf("aotload %ld %.1f %.1f\n", iters, t[iters / 2] * 1e6, t[0] * 1e6);
    free(t);
    bx_module_free(m);
    return 0;
}

static int run_aotemit(const char *path, const char *out) {
    bx_module *m = load(path, NULL);
    size_t len = 0;
    char why[256] = "";
    char *text = bxa_emit_mode(m, bxa_guard_available(), &len, why, sizeof why);
    FILE *f = text ? fopen(out, "wb") : NULL;
    int ok = f && fwrite(text, 1, len, f) == len;
    if (f && fclose(f) != 0) ok = 0;
    if (!ok) fprintf(stderr, "bench: aotemit %s: %s\n", path, text ? strerror(errno) : why);
    free(text);
    bx_module_free(m);
    return ok ? 0 : 2;
}

int main(int argc, char **argv) {
    if (argc == 4 && !strcmp(argv[1], "aotemit"))
        return run_aotemit(argv[2], argv[3]);
    if (argc == 5 && !strcmp(argv[1], "aotload"))
        return run_aotload(argv[2], argv[3], atol(argv[4]));
    if (argc >= 5 && !strcmp(argv[1], "kernels"))
        return run_kernels(argv[2], atoi(argv[3]), argc - 4, argv + 4);
    if (argc == 4 && !strcmp(argv[1], "compile"))
        return run_compile(argv[2], atof(argv[3]));
    if (argc == 4 && !strcmp(argv[1], "instantiate"))
        return run_instantiate(argv[2], atol(argv[3]));
    fprintf(stderr,
            "usage: %s kernels WASM RUNS name:arg[:expected] ...\n"
            "       %s compile WASM MIN_SECONDS\n"
            "       %s instantiate WASM ITERATIONS\n"
            "       %s aotload WASM CACHE_DIR ITERATIONS\n"
            "       %s aotemit WASM OUT.c\n",
            argv[0], argv[0], argv[0], argv[0], argv[0]);
    return 2;
}
