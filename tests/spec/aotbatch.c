/*
 * aotbatch.c — the spec suite in the compiled tier (BOXAGNTS_TIER=aot),
 * compiled in batches: issue 17 lets the spec suite put many modules into
 * one C file, because a compiler run per module (one per instance: 1,514
 * of them) spends most of its time starting up and parsing the pasted
 * prelude, not on the module.
 *
 * Before any file runs, every module that a converted file names is
 * decoded (deduplicated by its bytes' SHA-256), the ones the translator
 * takes are cut into batches in file order (at most BATCH_MODULES modules
 * or BATCH_BYTES of wasm each: small enough to keep both cores busy to the
 * end, large enough that start-up is paid rarely), and each batch is translated into one C
 * file (bxa_emit_batch: the shared head once, each module's names
 * prefixed) and compiled by one compiler run into one shared object kept
 * in the cache as one authenticated entry (bxa_batch_build), one child
 * process per batch, `jobs` at a time, the biggest first; then this process loads
 * them from the cache (bxa_batch_load) and aot_attach binds each instance
 * to its module's table from its batch.  What is tested does not change:
 * each module's C text is the one bxa_emit makes for it alone, but for the
 * prefix on its names; modules a batch did not take (SIMD, tail calls, a
 * batch that failed) go through bxa_attach one by one as before, and are
 * counted and reported the same way.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "aotbatch.h"
#include "module.h"

#define BATCH_MODULES 64
#define BATCH_BYTES ((size_t)128 << 10)

typedef struct entry {
    uint8_t hash[32];
    bx_module *m;
    bxa_module *am;
} entry;

static entry *ents;         /* sorted by hash once loaded */
static size_t nents;

static int by_hash(const void *a, const void *b)
{
    return memcmp(((const entry *)a)->hash, ((const entry *)b)->hash, 32);
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *p = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == cap) {
            size_t c = cap ? cap * 2 : 65536;
            uint8_t *q = realloc(p, c + 1);
            if (!q) break;
            p = q;
            cap = c;
        }
        size_t k = fread(p + n, 1, cap - n, f);
        n += k;
        if (k == 0) break;
    }
    fclose(f);
    if (p) p[n] = 0;
    *len = n;
    return p;
}

/* The modules one converted file names, appended (new ones only). */
static void collect(const char *json, size_t *cap)
{
    size_t len = 0;
    uint8_t *text = slurp(json, &len);
    cJSON *root = text ? cJSON_ParseWithLength((const char *)text, len) : NULL;
    free(text);
    const cJSON *cmds = cJSON_GetObjectItemCaseSensitive(root, "commands"), *cmd;
    char *dir = strdup(json), *slash = dir ? strrchr(dir, '/') : NULL;
    if (slash) *slash = 0;
    cJSON_ArrayForEach(cmd, cmds)
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(cmd, "type");
        const cJSON *fn = cJSON_GetObjectItemCaseSensitive(cmd, "filename");
        const cJSON *mt = cJSON_GetObjectItemCaseSensitive(cmd, "module_type");
        if (!cJSON_IsString(t) || !cJSON_IsString(fn) || !dir || !slash) continue;
        /* what is never instantiated is not compiled */
        if (!strcmp(t->valuestring, "assert_malformed") || !strcmp(t->valuestring, "assert_invalid") ||
            !strcmp(t->valuestring, "assert_unlinkable"))
            continue;
        if (cJSON_IsString(mt) && strcmp(mt->valuestring, "binary")) continue;
        size_t pl = strlen(dir) + strlen(fn->valuestring) + 2, blen = 0;
        char *path = malloc(pl);
        if (!path) continue;
        snprintf(path, pl, "%s/%s", dir, fn->valuestring);
        uint8_t *bytes = slurp(path, &blen);
        free(path);
        if (!bytes) continue;
        entry e;
        memset(&e, 0, sizeof e);
        bx_module_digest(bytes, blen, e.hash);
        int seen = 0;
        for (size_t i = nents; i-- > 0 && !seen;) seen = !memcmp(ents[i].hash, e.hash, 32);
        bx_error err;
        if (!seen && (e.m = bx_module_new(bytes, blen, &err)) && !bxa_refuses(e.m)) {
            if (nents == *cap) {
                size_t c = *cap ? *cap * 2 : 256;
                entry *q = realloc(ents, c * sizeof *q);
                if (!q) {
                    bx_module_free(e.m);
                    free(bytes);
                    continue;
                }
                ents = q;
                *cap = c;
            }
            ents[nents++] = e;
        } else if (e.m) {
            bx_module_free(e.m);
        }
        free(bytes);
    }
    free(dir);
    cJSON_Delete(root);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void aotb_prepare(char *const *json, size_t n, const char *cache_dir, int jobs)
{
    double t0 = now();
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) collect(json[i], &cap);
    /* batches in file order: [start[b], start[b + 1]) */
    size_t nb = 0, *start = calloc(nents + 2, sizeof *start);
    const bx_module **ms = calloc(nents ? nents : 1, sizeof *ms);
    if (!start || !ms) {
        free(start);
        free(ms);
        return;
    }
    for (size_t i = 0, bytes = 0; i < nents; i++) {
        if (i == 0 || i - start[nb - 1] >= BATCH_MODULES || bytes + ents[i].m->len > BATCH_BYTES) {
            start[nb++] = i;
            bytes = 0;
        }
        bytes += ents[i].m->len;
        ms[i] = ents[i].m;
    }
    start[nb] = nents;
    /* compile: one child per batch, at most jobs at a time, the biggest
     * batches first (the compiler's time grows with the code) */
    fflush(stdout);
    size_t *order = calloc(nb ? nb : 1, sizeof *order);
    uint64_t *weight = calloc(nb ? nb : 1, sizeof *weight);
    for (size_t b = 0; order && weight && b < nb; b++) {
        order[b] = b;
        for (size_t i = start[b]; i < start[b + 1]; i++) weight[b] += ents[i].m->len;
        for (size_t k = b; k > 0 && weight[order[k - 1]] < weight[order[k]]; k--) {
            size_t t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    }
    if (jobs < 1) jobs = 1;
    int running = 0;
    for (size_t q = 0; order && weight && (q < nb || running > 0);) {
        if (q < nb && running < jobs) {
            size_t b = order[q++];
            pid_t pid = fork();
            if (pid == 0) {
                char why[256];
                if (bxa_batch_build(ms + start[b], start[b + 1] - start[b], cache_dir, why, sizeof why))
                    printf("  aot batch %zu (%zu modules): %s\n", b, start[b + 1] - start[b], why);
                fflush(stdout);
                _exit(0);
            }
            if (pid > 0) running++;
            continue;
        }
        if (waitpid(-1, NULL, 0) > 0) running--;
        else if (errno != EINTR) break;
    }
    free(order);
    free(weight);
    double t1 = now();
    /* load: a batch that is not there (failed) leaves its modules to
     * aot_attach's one-by-one path */
    size_t loaded = 0, nl = 0;
    bxa_module **out = calloc(BATCH_MODULES, sizeof *out);
    for (size_t b = 0; out && b < nb; b++) {
        char why[256];
        size_t k = start[b + 1] - start[b];
        if (bxa_batch_load(ms + start[b], k, cache_dir, out, why, sizeof why) == 0) {
            for (size_t i = 0; i < k; i++) ents[start[b] + i].am = out[i];
            loaded += k;
            nl++;
        }
    }
    free(out);
    free(ms);
    free(start);
    /* the decoded modules were needed for the C text only */
    for (size_t i = 0; i < nents; i++) {
        bx_module_free(ents[i].m);
        ents[i].m = NULL;
    }
    qsort(ents, nents, sizeof *ents, by_hash);
    printf("spec: aot batches: %zu modules in %zu batches (%zu loaded), compiled or found in %.1f s, loaded in %.1f s\n",
           nents, nb, nl, t1 - t0, now() - t1);
    (void)loaded;
}

bxa_module *aotb_find(const bx_module *m)
{
    if (!nents) return NULL;
    entry key;
    bx_module_digest(m->bytes, m->len, key.hash);
    entry *e = bsearch(&key, ents, nents, sizeof *ents, by_hash);
    return e ? e->am : NULL;
}
