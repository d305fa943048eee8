/*
 * stamp_test.c — compiled objects mapped through /proc/self/fd in one
 * process (src/aot/build.c, cache_load): the loader knows an object by its
 * name and its inode, and a name /proc/self/fd/N stays on an object after
 * N is closed and reused.  Two modules that differ only in their answer
 * (A: 42, B: 43; same function count, so the table check cannot tell
 * their objects apart) are loaded from the cache while the other stays
 * loaded, and the same one twice: each must run its own code.
 *
 * Usage: stamp_test A.wasm B.wasm CACHE_DIR (both compiled in CACHE_DIR).
 * Prints one line per failed check and "N passed, N failed" last.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "aot.h"

static int npass, nfail;
#define CHECK(c, ...) do { if (c) npass++; else { nfail++; printf("FAIL " __VA_ARGS__); printf("\n"); } } while (0)

static bx_module *load(const char *path, const char *cache)
{
    size_t len = 0;
    uint8_t digest[32];
    bx_error err;
    memset(&err, 0, sizeof err);
    uint8_t *b = bx_module_file_read(path, (size_t)1 << 30, cache, &len, digest, &err);
    bx_module *m = b ? bx_module_new_cached_digest(b, len, digest, cache, NULL, &err) : NULL;
    free(b);
    if (!m) printf("cannot load %s: %s\n", path, err.msg);
    return m;
}

/* the answer of m run through am's compiled code, -1 when it did not run compiled */
static long answer(bx_module *m, bxa_module *am)
{
    bx_error err;
    bx_store *s = bx_store_new(NULL);
    bx_instance *i = s ? bx_instance_new(s, m, NULL, 0, &err) : NULL;
    long out = -1;
    bxa_run r;
    memset(&r, 0, sizeof r);
    r.am = am;
    r.borrowed = 1;
    if (i) bxa_bind_run(&r, s, i);
    bx_extern ex;
    if (i && r.ran == BXA_TIER_AOT && bx_instance_export(i, "answer", &ex)) {
        bx_val v = {0};
        if (bx_func_call(s, ex.of.func, NULL, 0, &v, 1, &err) == BX_OK) out = (long)(uint32_t)v.bits;
    }
    bxa_detach(&r);
    bx_store_free(s);
    return out;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: stamp_test A.wasm B.wasm CACHE_DIR\n");
        return 2;
    }
    const char *cache = argv[3];
    bx_module *ma = load(argv[1], cache), *mb = load(argv[2], cache);
    if (!ma || !mb) return 1;
    char why[200] = "";
    bxa_module *a1 = bxa_module_get(ma, cache, 0, why, sizeof why);
    CHECK(a1 && bxa_module_cached(a1), "A is not in the cache: %s", why);
    if (!a1) return 1;
    CHECK(answer(ma, a1) == 42, "A answered %ld", answer(ma, a1));
    /* B while A stays loaded: B's fd has the number A's had */
    bxa_module *b1 = bxa_module_get(mb, cache, 0, why, sizeof why);
    CHECK(b1 && bxa_module_cached(b1), "B is not in the cache: %s", why);
    CHECK(b1 && answer(mb, b1) == 43, "B answered %ld while A is loaded", b1 ? answer(mb, b1) : -2L);
    CHECK(answer(ma, a1) == 42, "A answered %ld after B was loaded", answer(ma, a1));
    /* A again while A is loaded (same inode), then B again */
    bxa_module *a2 = bxa_module_get(ma, cache, 0, why, sizeof why);
    CHECK(a2 && answer(ma, a2) == 42, "A's second load answered %ld", a2 ? answer(ma, a2) : -2L);
    bxa_module_free(a1);
    bxa_module *b2 = bxa_module_get(mb, cache, 0, why, sizeof why);
    CHECK(b2 && answer(mb, b2) == 43, "B's second load answered %ld", b2 ? answer(mb, b2) : -2L);
    CHECK(a2 && answer(ma, a2) == 42, "A's second load answered %ld after A's first was freed", a2 ? answer(ma, a2) : -2L);
    /* everything freed, then each once more */
    bxa_module_free(a2);
    bxa_module_free(b1);
    bxa_module_free(b2);
    bxa_module *b3 = bxa_module_get(mb, cache, 0, why, sizeof why);
    CHECK(b3 && answer(mb, b3) == 43, "B after all were freed answered %ld", b3 ? answer(mb, b3) : -2L);
    bxa_module *a3 = bxa_module_get(ma, cache, 0, why, sizeof why);
    CHECK(a3 && answer(ma, a3) == 42, "A after all were freed answered %ld", a3 ? answer(ma, a3) : -2L);
    bxa_module_free(a3);
    bxa_module_free(b3);
    bx_module_free(ma);
    bx_module_free(mb);
    printf("%d passed, %d failed\n", npass, nfail);
    return nfail != 0;
}
