/*
 * test_cache.c — the compiled-module cache (src/wasm/cache.c, sha256.c):
 * SHA-256 against the FIPS 180-4 vectors (both code paths); exact
 * round-trip and identical behaviour of cached modules over every module of
 * the spec testsuite the runner extracted into $BUILD/spec; the entry file
 * rejected and rebuilt when corrupted at any byte, truncated, from another
 * build id, format, module or owner, or a symlink; the deserialiser fed
 * corrupted payloads directly (no checksum to hide behind) never crashes;
 * concurrent writers; an unusable cache directory.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boxagnts.h"
#include "../check.h"
#include "code.h"
#include "module.h"
#include "sha256.h"

/* (module (func (export "add") (param i32 i32) (result i32)
 *   local.get 0 local.get 1 i32.add)) */
static const uint8_t ADD_WASM[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,
    0x03, 0x02, 0x01, 0x00,
    0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
};
/* The same with i32.sub: another module, another key. */
static const uint8_t SUB_WASM[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,
    0x03, 0x02, 0x01, 0x00,
    0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6b, 0x0b,
};

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *b = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            uint8_t *nb = realloc(b, cap);
            if (!nb) { free(b); fclose(f); return NULL; }
            b = nb;
        }
        size_t k = fread(b + n, 1, cap - n, f);
        n += k;
        if (k == 0) break;
    }
    fclose(f);
    *len = n;
    return b;
}

static int write_file(const char *path, const uint8_t *b, size_t n)
{
    unlink(path);
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t k = fwrite(b, 1, n, f);
    fclose(f);
    return k == n ? 0 : -1;
}

static void hexs(const uint8_t *d, char out[65])
{
    for (int i = 0; i < 32; i++) snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* The only *.bxm entry in dir (path into out); returns how many there are. */
static int find_entry(const char *dir, char *out, size_t n)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".bxm")) {
            count++;
            snprintf(out, n, "%s/%s", dir, e->d_name);
        }
    }
    closedir(d);
    return count;
}

static void rm_rf(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char p[4200];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            chmod(p, 0700);
            rm_rf(p);
        } else {
            unlink(p);
        }
    }
    closedir(d);
    rmdir(dir);
}

static int32_t call_add(bx_module *m, int32_t a, int32_t b, int *ok)
{
    *ok = 0;
    bx_error err;
    bx_store *s = bx_store_new(NULL);
    bx_instance *inst = s ? bx_instance_new(s, m, NULL, 0, &err) : NULL;
    bx_extern ex;
    int32_t r = 0;
    if (inst && bx_instance_export(inst, "add", &ex) && ex.kind == BX_EXTERN_FUNC) {
        bx_val args[2] = {{BX_I32, (uint32_t)a}, {BX_I32, (uint32_t)b}}, res;
        if (bx_func_call(s, ex.of.func, args, 2, &res, 1, &err) == BX_OK) {
            r = (int32_t)(uint32_t)res.bits;
            *ok = 1;
        }
    }
    bx_store_free(s);
    return r;
}

/* ---- SHA-256 ----------------------------------------------------------------- */

static void test_sha256(void)
{
    static const struct { const char *msg; const char *hex; } v[] = {
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    };
    uint8_t d[32];
    char h[65];
    for (int pass = 0; pass < 2; pass++) {
        bxe_sha256_portable_only = pass;
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
            bxe_sha256(v[i].msg, strlen(v[i].msg), d);
            hexs(d, h);
            CHECK(!strcmp(h, v[i].hex), "sha256 vector %zu (portable=%d): %s", i, pass, h);
        }
        /* one million 'a', fed in uneven pieces */
        bx_sha256_ctx c;
        bxe_sha256_init(&c);
        char a[997];
        memset(a, 'a', sizeof a);
        size_t left = 1000000;
        while (left) {
            size_t k = left < 997 ? left : 1 + left % 997;
            bxe_sha256_update(&c, a, k);
            left -= k;
        }
        bxe_sha256_final(&c, d);
        hexs(d, h);
        CHECK(!strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
              "sha256 of a million 'a' (portable=%d): %s", pass, h);
    }
    /* both code paths agree on every length around the block boundaries */
    uint8_t buf[700], d2[32];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)(i * 131 + 7);
    int same = 1;
    for (size_t n = 0; n <= sizeof buf; n++) {
        bxe_sha256_portable_only = 0;
        bxe_sha256(buf, n, d);
        bxe_sha256_portable_only = 1;
        bxe_sha256(buf, n, d2);
        if (memcmp(d, d2, 32)) same = 0;
    }
    bxe_sha256_portable_only = 0;
    CHECK(same, "accelerated and portable SHA-256 differ");
    CHECK(bxe_hash64("abc", 3, 0) != bxe_hash64("abd", 3, 0), "hash64 separates inputs");
    CHECK(bxe_hash64("abc", 3, 0) != bxe_hash64("abc", 3, 1), "hash64 depends on the seed");
}

/* ---- round-trip and behaviour over the spec modules ------------------------------ */

/* Calls every exported function of both instances with the same arguments
 * and compares status, trap kind and result bits; then exported memories
 * and globals.  Returns 0 when they behave identically. */
static int same_behaviour(bx_module *a, bx_module *b, char *why, size_t whyn)
{
    bx_limits lim = {.max_memory_bytes = 8u << 20, .max_stack_bytes = 256 << 10,
                     .max_table_elems = 100000, .fuel = 0};
    bx_store *sa = bx_store_new(&lim), *sb = bx_store_new(&lim);
    bx_error ea, eb;
    memset(&ea, 0, sizeof ea);
    memset(&eb, 0, sizeof eb);
    int rc = 0;
    bx_store_set_fuel(sa, 200000);
    bx_store_set_fuel(sb, 200000);
    bx_instance *ia = bx_instance_new(sa, a, NULL, 0, &ea);
    bx_instance *ib = bx_instance_new(sb, b, NULL, 0, &eb);
    if (!ia != !ib || ea.status != eb.status || ea.trap != eb.trap) {
        snprintf(why, whyn, "instantiation differs: %s / %s", ea.msg, eb.msg);
        rc = 1;
        goto done;
    }
    if (!ia) goto done;
    uint32_t ne = bx_module_export_count(a);
    for (uint32_t i = 0; i < ne && !rc; i++) {
        const char *na, *nb;
        bx_extern xa, xb;
        bx_instance_export_at(ia, i, &na, &xa);
        bx_instance_export_at(ib, i, &nb, &xb);
        if (strcmp(na, nb) || xa.kind != xb.kind) {
            snprintf(why, whyn, "export %u differs", i);
            rc = 1;
            break;
        }
        if (xa.kind != BX_EXTERN_FUNC) continue;
        const bx_functype *t = bx_func_type(xa.of.func);
        if (t->nparams > 16 || t->nresults > 16) continue;
        for (int pat = 0; pat < 3 && !rc; pat++) {
            bx_val args[16], ra[16], rb[16];
            for (uint32_t k = 0; k < t->nparams; k++) {
                args[k].type = t->params[k];
                uint64_t v = pat == 0 ? 0 : pat == 1 ? k + 1 : ~(uint64_t)k;
                if (t->params[k] == BX_I32 || t->params[k] == BX_F32) v &= 0xFFFFFFFFu;
                if (t->params[k] == BX_FUNCREF || t->params[k] == BX_EXTERNREF) v = 0;
                args[k].bits = v;
            }
            memset(ra, 0, sizeof ra);
            memset(rb, 0, sizeof rb);
            bx_store_set_fuel(sa, 200000);
            bx_store_set_fuel(sb, 200000);
            bx_status xs = bx_func_call(sa, xa.of.func, args, t->nparams, ra, t->nresults, &ea);
            bx_status ys = bx_func_call(sb, xb.of.func, args, t->nparams, rb, t->nresults, &eb);
            if (xs != ys || (xs == BX_ERR_TRAP && ea.trap != eb.trap)) {
                snprintf(why, whyn, "call %s pattern %d: status %d/%d trap %d/%d", na, pat, xs, ys,
                         ea.trap, eb.trap);
                rc = 1;
            }
            for (uint32_t k = 0; k < t->nresults && !rc && xs == BX_OK; k++) {
                int isref = t->results[k] == BX_FUNCREF || t->results[k] == BX_EXTERNREF;
                /* funcrefs are pointers into each store: compare nullness */
                if (isref ? (!ra[k].bits != !rb[k].bits) : ra[k].bits != rb[k].bits) {
                    snprintf(why, whyn, "call %s pattern %d: result %u differs", na, pat, k);
                    rc = 1;
                }
            }
        }
    }
    bx_memory *ma = bx_instance_memory(ia, 0), *mb = bx_instance_memory(ib, 0);
    if (!rc && (!ma != !mb || (ma && (bx_memory_size(ma) != bx_memory_size(mb) ||
                                      memcmp(bx_memory_data(ma), bx_memory_data(mb),
                                             bx_memory_size(ma)))))) {
        snprintf(why, whyn, "memory contents differ");
        rc = 1;
    }
done:
    bx_store_free(sa);
    bx_store_free(sb);
    return rc;
}

static void test_spec_modules(const char *build)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/spec", build);
    DIR *d = opendir(dir);
    if (!d) {
        CHECK(0, "%s absent: run the spec runner first (tests/run.sh does)", dir);
        return;
    }
    int n = 0, bad_rt = 0, bad_beh = 0, compared = 0;
    struct dirent *e;
    char path[2048], why[600];
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 5, ".wasm")) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        uint8_t *bytes = read_file(path, &len);
        if (!bytes) continue;
        bx_error err;
        bx_module *m = bx_module_new(bytes, len, &err);
        if (!m) { free(bytes); continue; }
        n++;
        uint8_t *p1 = NULL, *p2 = NULL;
        size_t n1 = 0, n2 = 0;
        bx_module *c = NULL;
        int ok = bxe_module_serialize(m, &p1, &n1) == BX_OK &&
                 (c = bxe_module_deserialize(p1, n1, bytes, len)) != NULL &&
                 bxe_module_serialize(c, &p2, &n2) == BX_OK && n1 == n2 && !memcmp(p1, p2, n1);
        if (!ok && bad_rt++ < 10) printf("FAIL round-trip of %s (%s)\n", path, c ? "differs" : "rejected");
        if (ok && bx_module_import_count(m) == 0) {
            compared++;
            if (same_behaviour(m, c, why, sizeof why) && bad_beh++ < 10)
                printf("FAIL behaviour of cached %s: %s\n", path, why);
        }
        free(p1);
        free(p2);
        bx_module_free(c);
        bx_module_free(m);
        free(bytes);
    }
    closedir(d);
    printf("spec sweep: %d valid modules round-tripped, %d run side by side\n", n, compared);
    CHECK(n > 100, "only %d spec modules found in %s", n, dir);
    CHECK(bad_rt == 0, "%d of %d spec modules do not round-trip exactly", bad_rt, n);
    CHECK(bad_beh == 0, "%d of %d cached spec modules behave differently", bad_beh, compared);
}

/* ---- entry files ----------------------------------------------------------------- */

static void test_entries(const char *base)
{
    char dir[1024], entry[2048], other[2048];
    snprintf(dir, sizeof dir, "%s/entries/sub", base);
    bx_cache_event ev;
    bx_error err;
    int ok;

    bx_module *m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
    CHECK(m && ev == BX_CACHE_STORED, "first load: event %d", ev);
    CHECK(call_add(m, 2, 3, &ok) == 5 && ok, "fresh add(2,3)");
    bx_module_free(m);
    struct stat st;
    CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700, "cache dir mode %o", st.st_mode & 0777);
    CHECK(find_entry(dir, entry, sizeof entry) == 1, "one entry written");
    CHECK(stat(entry, &st) == 0 && (st.st_mode & 0777) == 0600, "entry mode %o", st.st_mode & 0777);

    m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
    CHECK(m && ev == BX_CACHE_HIT, "second load hits: event %d", ev);
    CHECK(call_add(m, 40, 2, &ok) == 42 && ok, "cached add(40,2)");
    CHECK(bx_module_export_count(m) == 1, "exports survive");
    bx_module_free(m);

    size_t elen;
    uint8_t *good = read_file(entry, &elen);
    CHECK(good && elen > 128, "entry readable");
    if (!good) return;

    /* every byte position, two kinds of damage: each must be rejected and
     * rebuilt into a working module and a valid entry again */
    int bad_pos = 0;
    uint8_t *dam = malloc(elen);
    for (size_t i = 0; i < elen; i++) {
        for (int k = 0; k < 2; k++) {
            memcpy(dam, good, elen);
            dam[i] ^= k ? 0xFF : 0x01;
            write_file(entry, dam, elen);
            m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
            int r = m ? call_add(m, 7, 8, &ok) : 0;
            if (!m || ev != BX_CACHE_REPLACED || r != 15 || !ok) {
                if (bad_pos++ < 5) printf("FAIL damage at byte %zu (^%02x): event %d\n", i, k ? 0xFF : 1, ev);
            }
            bx_module_free(m);
        }
    }
    CHECK(bad_pos == 0, "%d damaged entries were not rebuilt", bad_pos);
    size_t l2;
    uint8_t *again = read_file(entry, &l2);
    CHECK(again && l2 == elen && !memcmp(again, good, elen), "rebuilt entry equals the original");
    free(again);

    /* truncation at every length, and an appended byte */
    int bad_trunc = 0;
    for (size_t n = 0; n <= elen; n++) {
        if (n == elen) {
            memcpy(dam, good, elen);
            FILE *f = (unlink(entry), fopen(entry, "wb"));
            if (f) { fwrite(dam, 1, elen, f); fputc(0, f); fclose(f); }
        } else {
            write_file(entry, good, n);
        }
        m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
        if (!m || ev != BX_CACHE_REPLACED || call_add(m, 1, 1, &ok) != 2 || !ok)
            if (bad_trunc++ < 5) printf("FAIL truncated to %zu: event %d\n", n, ev);
        bx_module_free(m);
    }
    CHECK(bad_trunc == 0, "%d truncated entries were not rebuilt", bad_trunc);

    /* a well-formed entry from another build: header fields changed and the
     * header checksum recomputed, so only the field check can refuse it */
    uint64_t id = bxe_cache_build_id();
    CHECK(id == bxe_cache_build_id() && id != 0, "build id is deterministic");
    struct { size_t off; const char *what; } fields[] = {{16, "build id"}, {8, "format version"},
                                                           {56, "module length"}};
    for (size_t f = 0; f < 3; f++) {
        memcpy(dam, good, elen);
        dam[fields[f].off] ^= 0x40;
        uint64_t hc = bxe_hash64(dam, 80, id);
        memcpy(dam + 80, &hc, 8);
        write_file(entry, dam, elen);
        m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
        CHECK(m && ev == BX_CACHE_REPLACED && call_add(m, 3, 4, &ok) == 7,
              "wrong %s not rebuilt: event %d", fields[f].what, ev);
        bx_module_free(m);
    }

    /* another module's entry under this name (a valid file, wrong key):
     * must not run i32.sub for add */
    m = bx_module_new_cached_event(SUB_WASM, sizeof SUB_WASM, dir, &ev, &err);
    CHECK(m && ev == BX_CACHE_STORED && call_add(m, 10, 4, &ok) == 6, "sub module stored");
    bx_module_free(m);
    char hx[65];
    uint8_t key[32];
    bxe_sha256(SUB_WASM, sizeof SUB_WASM, key);
    hexs(key, hx);
    snprintf(other, sizeof other, "%s/%s-%016llx.bxm", dir, hx, (unsigned long long)id);
    size_t olen;
    uint8_t *sub = read_file(other, &olen);
    CHECK(sub != NULL, "sub entry at %s", other);
    if (sub) {
        write_file(entry, sub, olen);
        m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
        CHECK(m && ev == BX_CACHE_REPLACED && call_add(m, 10, 4, &ok) == 14,
              "foreign entry not rebuilt: event %d", ev);
        bx_module_free(m);
        free(sub);
    }

    /* a symlink in place of the entry (to a valid entry) is not followed */
    write_file(other, good, elen);
    unlink(entry);
    CHECK(symlink(other, entry) == 0, "symlink");
    m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
    CHECK(m && ev == BX_CACHE_REPLACED, "symlinked entry not rebuilt: event %d", ev);
    bx_module_free(m);
    CHECK(lstat(entry, &st) == 0 && S_ISREG(st.st_mode), "symlink replaced by a file");

    /* an entry owned by someone else is not trusted (only testable as root) */
    if (geteuid() == 0) {
        write_file(entry, good, elen);
        CHECK(chown(entry, 12345, 12345) == 0, "chown");
        m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
        CHECK(m && ev == BX_CACHE_REPLACED, "foreign-owned entry not rebuilt: event %d", ev);
        bx_module_free(m);
    }

    /* invalid modules are reported as by bx_module_new and not cached */
    uint8_t broken[sizeof ADD_WASM];
    memcpy(broken, ADD_WASM, sizeof broken);
    broken[sizeof broken - 2] = 0x7c;   /* f64.add on i32s: invalid */
    m = bx_module_new_cached_event(broken, sizeof broken, dir, &ev, &err);
    CHECK(!m && err.status == BX_ERR_INVALID, "invalid module: status %d", err.status);

    /* no cache dir: plain bx_module_new */
    m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, NULL, &ev, &err);
    CHECK(m && ev == BX_CACHE_NONE, "NULL dir: event %d", ev);
    bx_module_free(m);
    free(dam);
    free(good);
}

/* The deserialiser without the checksum in front: every byte of a payload
 * damaged, and every truncation.  Must return NULL or a module, never crash
 * (run under ASan by make test-asan). */
static void fuzz_payload(const uint8_t *bytes, size_t len, const char *what)
{
    bx_error err;
    bx_module *m = bx_module_new(bytes, len, &err);
    CHECK(m != NULL, "%s compiles: %s", what, err.msg);
    if (!m) return;
    uint8_t *p;
    size_t n;
    CHECK(bxe_module_serialize(m, &p, &n) == BX_OK, "serialize %s", what);
    bx_module_free(m);
    int accepted_trunc = 0;
    for (size_t k = 0; k < n; k++) {
        bx_module *c = bxe_module_deserialize(p, k, bytes, len);
        if (c) accepted_trunc++;
        bx_module_free(c);
    }
    CHECK(accepted_trunc == 0, "%s: %d truncated payloads accepted", what, accepted_trunc);
    uint8_t *q = malloc(n);
    size_t step = n > 4000 ? n / 4000 : 1;
    unsigned seed = 12345;
    int accepted = 0, tried = 0;
    for (size_t i = 0; i < n; i += step) {
        for (int v = 0; v < 4; v++) {
            memcpy(q, p, n);
            seed = seed * 1103515245u + 12345u;
            uint8_t x = v == 0 ? 0x80 : v == 1 ? 0xFF : v == 2 ? 0x01 : (uint8_t)(seed >> 16 | 1);
            q[i] ^= x;
            bx_module *c = bxe_module_deserialize(q, n, bytes, len);
            tried++;
            if (c) accepted++;
            bx_module_free(c);
        }
    }
    printf("%s: payload %zu bytes, %d damaged payloads, %d accepted by the structural checks "
           "(the MAC refuses them all in the file path)\n", what, n, tried, accepted);
    CHECK(tried > 0, "fuzz ran");
    free(q);
    free(p);
}

/* ---- the code verifier: a valid module whose compiled code is altered in
 * memory and serialised again (bxe_module_serialize does not check), so
 * only the deserialiser's checks stand between the payload and the
 * interpreter.  Each alteration must be refused. */

static const uint8_t op_w[] = {
#define W_(n, w) (w),
    BX_OPS(W_)
#undef W_
};

/* Re-serialises m after mutate(m) and reports whether the result loads. */
static int loads_after(const uint8_t *bytes, size_t len, void (*mutate)(struct bx_module *, void *),
                       void *arg)
{
    bx_error err;
    bx_module *m = bx_module_new(bytes, len, &err);
    if (!m) return -1;
    mutate(m, arg);
    uint8_t *p;
    size_t n;
    int r = -1;
    if (bxe_module_serialize(m, &p, &n) == BX_OK) {
        bx_module *c = bxe_module_deserialize(p, n, bytes, len);
        r = c != NULL;
        bx_module_free(c);
        free(p);
    }
    bx_module_free(m);
    return r;
}

typedef struct mut { uint32_t func, word, value; } mut;
static void set_word(struct bx_module *m, void *arg)
{
    mut *u = arg;
    if (u->func < m->nfuncs && u->word < m->funcs[u->func].code->len)
        m->funcs[u->func].code->code[u->word] = u->value;
}
static void set_frame(struct bx_module *m, void *arg)
{
    int32_t d = *(int32_t *)arg;   /* <0: one below locals + constants; else frame + d */
    struct bx_code *c = m->funcs[0].code;
    c->frame_size = d < 0 ? c->nlocals + c->nconsts - 1 : c->frame_size + (uint32_t)d;
}
static void set_nparams(struct bx_module *m, void *arg)
{
    (void)arg;
    m->funcs[0].code->nparams++;
}
static void nothing(struct bx_module *m, void *arg) { (void)m; (void)arg; }
static void flip_elem_type(struct bx_module *m, void *arg)
{
    (void)arg;
    for (uint32_t i = 0; i < m->nelems; i++)
        if (m->elems[i].mode == BX_SEG_ACTIVE)
            m->elems[i].type = m->elems[i].type == BX_FUNCREF ? BX_EXTERNREF : BX_FUNCREF;
}
static void global_init_i64(struct bx_module *m, void *arg)
{
    (void)arg;
    for (uint32_t i = 0; m->nglobals_total > m->nglobal_imports && i < 1; i++) {
        m->globals[0].init.op = BX_CONST_I64;
        m->globals[0].init.type = BX_I64;
    }
}

static void test_verifier(const char *build)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/samples/add.wasm", build);
    size_t len;
    uint8_t *b = read_file(path, &len);
    CHECK(b != NULL, "%s (make builds it)", path);
    if (!b) return;
    CHECK(loads_after(b, len, nothing, NULL) == 1, "unaltered add.wasm loads");
    bx_error err;
    bx_module *m = bx_module_new(b, len, &err);
    /* fib is function 1: it has a call, branches, slots */
    uint32_t f = 1;
    const struct bx_code *c = m->funcs[f].code;
    int bad_slot = 0, bad_call = 0, bad_target = 0, bad_mid = 0, bad_op = 0, nslot = 0;
    int seen_call = 0, seen_br = 0;
    for (uint32_t pc = 0; pc < c->len;) {
        uint32_t op = c->code[pc];
        uint32_t n = op_w[op];
        mut u = {f, pc, BXOP_COUNT_};
        if (loads_after(b, len, set_word, &u) != 0) bad_op++;
        if (op == BXOP_CALL) {
            seen_call = 1;
            u = (mut){f, pc + 1, m->nfuncs_total};
            if (loads_after(b, len, set_word, &u) != 0) bad_call++;
            u = (mut){f, pc + 2, c->frame_size};     /* argument area past the frame */
            if (loads_after(b, len, set_word, &u) != 0) bad_call++;
        }
        if (op == BXOP_I32_ADD || op == BXOP_I32_SUB_K || op == BXOP_RETURN1 || op == BXOP_COPY) {
            nslot++;
            u = (mut){f, pc + 1, c->frame_size};
            if (loads_after(b, len, set_word, &u) != 0) bad_slot++;
        }
        if (op == BXOP_BR || (op >= BXOP_BR_IF && op <= BXOP_BR_I64_NEZ)) {
            seen_br = 1;
            uint32_t t = pc + n;    /* the target word is the last operand */
            u = (mut){f, t, c->len};
            if (loads_after(b, len, set_word, &u) != 0) bad_target++;
            u = (mut){f, t, pc + 1};    /* inside an instruction */
            if (loads_after(b, len, set_word, &u) != 0) bad_mid++;
        }
        pc += 1 + n;
    }
    CHECK(seen_call && seen_br && nslot > 0, "fib has a call (%d), a branch (%d), slots (%d)", seen_call,
          seen_br, nslot);
    CHECK(bad_op == 0, "%d out-of-range opcodes accepted", bad_op);
    CHECK(bad_call == 0, "%d bad calls accepted", bad_call);
    CHECK(bad_slot == 0, "%d slots past the frame accepted", bad_slot);
    CHECK(bad_target == 0, "%d branch targets past the end accepted", bad_target);
    CHECK(bad_mid == 0, "%d branch targets inside an instruction accepted", bad_mid);
    /* the last instruction made a non-terminator of the same width */
    uint32_t last = 0;
    for (uint32_t pc = 0; pc < c->len; pc += 1 + op_w[c->code[pc]]) last = pc;
    mut u = {f, last, op_w[c->code[last]] == 1 ? BXOP_FUEL : op_w[c->code[last]] == 0 ? BXOP_RETURN0 : BXOP_COUNT_};
    if (u.value == BXOP_RETURN0) u.value = BXOP_COUNT_;
    CHECK(loads_after(b, len, set_word, &u) == 0, "code that runs off its end accepted");
    int32_t below = -1, more = 1;
    CHECK(loads_after(b, len, set_frame, &below) == 0, "frame smaller than locals + constants accepted");
    CHECK(loads_after(b, len, set_frame, &more) == 1, "a larger frame (harmless) refused");
    CHECK(loads_after(b, len, set_nparams, NULL) == 0, "code whose parameter count disagrees accepted");
    bx_module_free(m);
    free(b);

    snprintf(path, sizeof path, "%s/spec/elem.0.wasm", build);
    if ((b = read_file(path, &len))) {
        CHECK(loads_after(b, len, nothing, NULL) == 1, "unaltered elem.0 loads");
        CHECK(loads_after(b, len, flip_elem_type, NULL) == 0, "segment of the wrong reference type accepted");
        free(b);
    }
    snprintf(path, sizeof path, "%s/spec/global.0.wasm", build);
    if ((b = read_file(path, &len))) {
        CHECK(loads_after(b, len, global_init_i64, NULL) == 0, "global initialised with a number of another type accepted");
        free(b);
    }
}

/* ---- concurrency ------------------------------------------------------------------- */

typedef struct job { const char *dir; int ok; } job;

static void *worker(void *arg)
{
    job *j = arg;
    j->ok = 1;
    for (int i = 0; i < 30; i++) {
        bx_cache_event ev;
        bx_error err;
        bx_module *m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, j->dir, &ev, &err);
        int ok;
        if (!m || call_add(m, i, 1, &ok) != i + 1 || !ok || ev == BX_CACHE_UNWRITABLE) j->ok = 0;
        bx_module_free(m);
        if (i % 3 == 0) {   /* make the next ones race to write again */
            char e[2048];
            if (find_entry(j->dir, e, sizeof e) >= 1) unlink(e);
        }
    }
    return NULL;
}

static void test_concurrency(const char *base)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/conc", base);
    job j[3] = {{dir, 0}, {dir, 0}, {dir, 0}};
    pthread_t t[3];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, &j[i]);
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    for (int i = 0; i < 3; i++) CHECK(j[i].ok, "thread %d saw a bad module or event", i);
    bx_cache_event ev;
    bx_error err;
    bx_module *m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
    bx_module_free(m);
    m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
    CHECK(m && ev == BX_CACHE_HIT, "after the race the entry is valid: event %d", ev);
    bx_module_free(m);
    /* no temporary files left behind */
    DIR *d = opendir(dir);
    int stray = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (!strncmp(e->d_name, ".tmp", 4)) stray++;
    if (d) closedir(d);
    CHECK(stray == 0, "%d temporary files left", stray);
}

static void test_unusable_dir(const char *base)
{
    char file[1024], dir[1100];
    snprintf(file, sizeof file, "%s/plainfile", base);
    write_file(file, (const uint8_t *)"x", 1);
    snprintf(dir, sizeof dir, "%s/sub", file);  /* beneath a regular file */
    bx_cache_event ev;
    bx_error err;
    int ok;
    bx_module *m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
    CHECK(m && ev == BX_CACHE_UNWRITABLE && call_add(m, 2, 2, &ok) == 4 && ok,
          "cache under a file: event %d", ev);
    bx_module_free(m);
    if (geteuid() != 0) {   /* root writes anywhere */
        char ro[1100];
        snprintf(ro, sizeof ro, "%s/readonly", base);
        mkdir(ro, 0500);
        m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, ro, &ev, &err);
        CHECK(m && ev == BX_CACHE_UNWRITABLE && call_add(m, 2, 2, &ok) == 4 && ok,
              "read-only cache dir: event %d", ev);
        bx_module_free(m);
    }
}

int main(void)
{
    const char *build = getenv("BUILD");
    if (!build) build = "build";
    char base[] = "/tmp/bx-test-cache-XXXXXX";
    if (!mkdtemp(base)) {
        perror("mkdtemp");
        return 1;
    }
    /* the cache key under the test's own directory, never the user's */
    char keyp[1100];
    snprintf(keyp, sizeof keyp, "%s/key/cache.key", base);
    setenv("BOXAGNTS_CACHE_KEY", keyp, 1);
    CHECK(bxe_cache_selfcheck(), "cache.c's operand table disagrees with code.h");
    test_sha256();
    test_entries(base);
    fuzz_payload(ADD_WASM, sizeof ADD_WASM, "add module");
    char path[1024];
    snprintf(path, sizeof path, "%s/spec/elem.0.wasm", build);
    size_t len;
    uint8_t *b = read_file(path, &len);
    if (b) fuzz_payload(b, len, path);
    free(b);
    snprintf(path, sizeof path, "%s/tests/cli/hello.wasm", build);
    if ((b = read_file(path, &len))) fuzz_payload(b, len, path);
    free(b);
    test_verifier(build);
    test_concurrency(base);
    test_unusable_dir(base);
    test_spec_modules(build);
    rm_rf(base);
    return check_report();
}
