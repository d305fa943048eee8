/*
 * cachebench.c — `make bench-cache`: for each module given, the time of a
 * cold bx_module_new (decode + validate + compile) against a warm
 * bx_module_new_cached_event hit (SHA-256 of the bytes, read the entry,
 * checksum, deserialise and verify), best of N runs each, and the parts of
 * the hit: hashing the bytes and deserialising the payload.
 *
 *   cachebench [-n RUNS] MODULE.wasm...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "boxagnts.h"
#include "module.h"
#include "sha256.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = n > 0 ? malloc((size_t)n) : NULL;
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

int main(int argc, char **argv)
{
    int runs = 10, a = 1;
    if (a + 1 < argc && !strcmp(argv[a], "-n")) {
        runs = atoi(argv[a + 1]);
        a += 2;
    }
    if (a >= argc || runs < 1) {
        fprintf(stderr, "usage: cachebench [-n RUNS] MODULE.wasm...\n");
        return 2;
    }
    char dir[] = "/tmp/bx-cachebench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    int rc = 0;
    printf("%-40s %10s %10s %10s %10s %10s %8s\n", "module", "bytes", "compile", "cached",
           "(sha256)", "(deser.)", "ratio");
    for (; a < argc; a++) {
        size_t len;
        uint8_t *bytes = slurp(argv[a], &len);
        if (!bytes) {
            fprintf(stderr, "cachebench: cannot read %s\n", argv[a]);
            rc = 1;
            continue;
        }
        bx_error err;
        bx_cache_event ev;
        double cold = 1e9, warm = 1e9, hash = 1e9, deser = 1e9;
        bx_module *m = bx_module_new_cached_event(bytes, len, dir, &ev, &err);
        if (!m) {
            fprintf(stderr, "cachebench: %s: %s\n", argv[a], err.msg);
            free(bytes);
            rc = 1;
            continue;
        }
        uint8_t *payload;
        size_t plen;
        bxe_module_serialize(m, &payload, &plen);
        bx_module_free(m);
        for (int i = 0; i < runs; i++) {
            double t0 = now();
            m = bx_module_new(bytes, len, &err);
            double t1 = now();
            bx_module_free(m);
            if (t1 - t0 < cold) cold = t1 - t0;
            t0 = now();
            m = bx_module_new_cached_event(bytes, len, dir, &ev, &err);
            t1 = now();
            bx_module_free(m);
            if (ev != BX_CACHE_HIT) {
                fprintf(stderr, "cachebench: %s: expected a cache hit, got event %d\n", argv[a], ev);
                rc = 1;
            }
            if (t1 - t0 < warm) warm = t1 - t0;
            uint8_t key[32];
            t0 = now();
            bxe_sha256(bytes, len, key);
            t1 = now();
            if (t1 - t0 < hash) hash = t1 - t0;
            t0 = now();
            m = bxe_module_deserialize(payload, plen, bytes, len);
            t1 = now();
            bx_module_free(m);
            if (t1 - t0 < deser) deser = t1 - t0;
        }
        const char *name = strrchr(argv[a], '/');
        name = name && strlen(argv[a]) > 40 ? name + 1 : argv[a];
        printf("%-40s %10zu %8.2fms %8.2fms %8.2fms %8.2fms %7.1fx   (entry %zu bytes)\n", name, len,
               cold * 1e3, warm * 1e3, hash * 1e3, deser * 1e3, cold / warm, plen + 128);
        free(payload);
        free(bytes);
    }
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) rc = 1;
    return rc;
}
