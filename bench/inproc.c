/*
 * bench/inproc.c — in-process cost of one sandboxed run of a small module:
 * instantiate + WASI setup + run + teardown, through bx_sandbox_run with
 * the wasm already in memory, stdout captured.  Prints mean, p50 and p99
 * per run for a few configurations, so a regression shows where it is:
 *
 *   inproc WASM [ITERATIONS] [DIR]      (INPROC_ONLY=NAME: just that line)
 *
 *   run         bx_sandbox_run(wasm bytes): decode + validate + compile too
 *   run_module  bx_sandbox_run_module(module compiled once)
 *   +timeout    the same with a 30 s timeout (the watchdog a tool always has)
 *   +grant      and a read-only directory grant of DIR (default /tmp)
 *
 * WASM must print exactly "hello\n" (tests/cli/hello.c); every run is
 * checked, so a fast wrong answer cannot pass for a fast one.
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

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long n;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
        !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "inproc: cannot read %s: %s\n", path, strerror(errno));
        exit(2);
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Runs one configuration ITER times (after a few warm-up runs) and
 * prints its line; returns the mean in ns. */
static double bench(const char *name, const bx_run_options *o, const uint8_t *wasm, size_t len,
                    const bx_module *m, int iter)
{
    const char *argv[] = { "hello" }, *only = getenv("INPROC_ONLY");
    bx_run_io io;
    if (only && strcmp(only, name) != 0)   /* one configuration, e.g. under perf */
        return 0;
    uint64_t *t = malloc(sizeof *t * (size_t)iter), sum = 0;
    memset(&io, 0, sizeof io);
    io.argv = argv;
    io.argc = 1;
    io.stdin_kind = BX_WASI_STDIN_EMPTY;
    io.capture = 1;
    io.sandbox_id = "bench";
    if (!t) {
        fprintf(stderr, "inproc: out of memory\n");
        exit(2);
    }
    for (int i = -10; i < iter; i++) {
        bx_run_result r;
        bx_error err;
        memset(&err, 0, sizeof err);
        uint64_t t0 = now_ns();
        bx_status st = m ? bx_sandbox_run_module(o, m, &io, &r, &err)
                         : bx_sandbox_run(o, wasm, len, &io, &r, &err);
        uint64_t dt = now_ns() - t0;
        if (st != BX_OK || r.outcome != BX_RUN_EXITED || r.exit_code != 0 || r.out_len != 6 ||
            memcmp(r.out, "hello\n", 6) != 0) {
            fprintf(stderr, "inproc: %s: run failed (status %d, %s, exit %d): %s %s\n", name, (int)st,
                    bx_run_outcome(&r), (int)r.exit_code, r.message, err.msg);
            exit(1);
        }
        bx_run_result_free(&r);
        if (i >= 0) {
            t[i] = dt;
            sum += dt;
        }
    }
    qsort(t, (size_t)iter, sizeof *t, cmp_u64);
    double mean = (double)sum / iter;
    printf("  %-24s mean %8.1f us   p50 %8.1f us   p99 %8.1f us   (%d runs)\n", name, mean / 1e3,
           (double)t[iter / 2] / 1e3, (double)t[(size_t)((double)iter * 0.99)] / 1e3, iter);
    free(t);
    return mean;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: inproc WASM [ITERATIONS] [DIR]\n");
        return 2;
    }
    int iter = argc > 2 ? atoi(argv[2]) : 2000;
    const char *dir = argc > 3 ? argv[3] : "/tmp";
    size_t len;
    uint8_t *wasm = read_file(argv[1], &len);
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_module *m = bx_module_new(wasm, len, &err);
    if (!m || iter < 1) {
        fprintf(stderr, "inproc: %s: %s\n", argv[1], m ? "ITERATIONS must be positive" : err.msg);
        return 2;
    }
    bx_run_options o;
    bx_run_options_init(&o);
    char cap[4200];
    printf("in-process sandboxed run of %s (%zu bytes), stdout captured:\n", argv[1], len);
    bench("run (bytes)", &o, wasm, len, NULL, iter);
    bench("run_module", &o, NULL, 0, m, iter);
    o.g.timeout_ns = 30000000000ull;
    bench("run_module +timeout", &o, NULL, 0, m, iter);
    snprintf(cap, sizeof cap, "read:/data=%s", dir);
    if (bx_run_options_add_cap(&o, cap, &err) != BX_OK) {
        fprintf(stderr, "inproc: %s\n", err.msg);
        return 2;
    }
    bench("run_module +timeout+grant", &o, NULL, 0, m, iter);
    bench("run (bytes) +timeout+grant", &o, wasm, len, NULL, iter);
    bx_run_options_free(&o);
    bx_module_free(m);
    free(wasm);
    return 0;
}
