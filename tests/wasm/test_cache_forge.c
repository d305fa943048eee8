/*
 * test_cache_forge.c — forged compiled-module cache entries (issue 12,
 * item 2).  An attacker who can write the cache directory but not read
 * the key: entries whose code was changed and whose checksums were
 * recomputed are rebuilt, never run.  An attacker holding the key (the
 * test-only path: bxe_cache_make_header signs what the test wrote): every
 * kind of out-of-range operand and every way of turning a number into a
 * funcref is refused by the verifier, while the benign forms of the same
 * code still load (so a refusal is the verifier's, not the signature's).
 * Then the key file itself: made 0600 on first use; a key with the wrong
 * mode, a symlink, truncated, empty, a directory, in a directory others
 * can write, is not used (and never touched), and a run still works.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

/* paths here are short ones under /tmp; a truncated one fails a check */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* wat2wasm of:
 * (module
 *   (type $r (func (result i32)))  (type $pf (func (param funcref)))
 *   (type $ri64 (func (result i64)))  (type $rf (func (result funcref)))
 *   (table $tf 2 funcref) (table $te 2 externref)
 *   (global $gi (mut i64) (i64.const 0)) (global $gf (mut funcref) (ref.null func))
 *   (global $ge (mut externref) (ref.null extern))
 *   (memory 1) (data "abc") (elem func $seven)
 *   (func $seven (type $r) i32.const 7) (func $takes (type $pf) nop)
 *   (func $num (type $ri64) i64.const 0x41414141) (func $retf (type $rf) ref.null func)
 *   (func $victim (export "victim") (param i64 funcref externref) (result i32)
 *     (local i64 i64 i64 i64 funcref funcref externref) i32.const 0)
 *   (func (export "run") (result i32) i32.const 0 call_indirect (type $r)))
 * types 0..4 ($r $pf $ri64 $rf, victim's); functions 0 seven, 1 takes,
 * 2 num, 3 retf, 4 victim, 5 run; tables 0 funcref, 1 externref; globals
 * 0 i64, 1 funcref, 2 externref (all mutable); one data, one elem segment.
 * victim's slots: 0 i64, 1 funcref, 2 externref, 3..6 i64, 7..8 funcref,
 * 9 externref (declared locals start null), 10.. operand slots. */
static const uint8_t FORGE[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x18, 0x05, 0x60, 0x00, 0x01, 0x7f, 0x60,
    0x01, 0x70, 0x00, 0x60, 0x00, 0x01, 0x7e, 0x60, 0x00, 0x01, 0x70, 0x60, 0x03, 0x7e, 0x70, 0x6f,
    0x01, 0x7f, 0x03, 0x07, 0x06, 0x00, 0x01, 0x02, 0x03, 0x04, 0x00, 0x04, 0x07, 0x02, 0x70, 0x00,
    0x02, 0x6f, 0x00, 0x02, 0x05, 0x03, 0x01, 0x00, 0x01, 0x06, 0x10, 0x03, 0x7e, 0x01, 0x42, 0x00,
    0x0b, 0x70, 0x01, 0xd0, 0x70, 0x0b, 0x6f, 0x01, 0xd0, 0x6f, 0x0b, 0x07, 0x10, 0x02, 0x06, 0x76,
    0x69, 0x63, 0x74, 0x69, 0x6d, 0x00, 0x04, 0x03, 0x72, 0x75, 0x6e, 0x00, 0x05, 0x09, 0x05, 0x01,
    0x01, 0x00, 0x01, 0x00, 0x0a, 0x2b, 0x06, 0x04, 0x00, 0x41, 0x07, 0x0b, 0x03, 0x00, 0x01, 0x0b,
    0x08, 0x00, 0x42, 0xc1, 0x82, 0x85, 0x8a, 0x04, 0x0b, 0x04, 0x00, 0xd0, 0x70, 0x0b, 0x0a, 0x03,
    0x04, 0x7e, 0x02, 0x70, 0x01, 0x6f, 0x41, 0x00, 0x0b, 0x07, 0x00, 0x41, 0x00, 0x11, 0x00, 0x00,
    0x0b, 0x0b, 0x06, 0x01, 0x01, 0x03, 0x61, 0x62, 0x63,
};
/* (module (func (export "add") (param i32 i32) (result i32) local.get 0
 * local.get 1 i32.add)): no memory, no table, no global */
static const uint8_t ADD_WASM[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01,
    0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x0a, 0x09,
    0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
};

/* (module (global i64 (i64.const 0)) (global (mut i64) (i64.const 0))
 *   (func (export "f") (param i64) (result i32) i32.const 0)) */
static const uint8_t IMM_WASM[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7e, 0x01, 0x7f,
    0x03, 0x02, 0x01, 0x00, 0x06, 0x0b, 0x02, 0x7e, 0x00, 0x42, 0x00, 0x0b, 0x7e, 0x01, 0x42, 0x00,
    0x0b, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x00, 0x0b,
};

enum { F_TAKES = 1, F_NUM = 2, F_RETF = 3, F_VICTIM = 4, F_RUN = 5 };
enum { T_R = 0, T_PF = 1, T_RI64 = 2, T_RF = 3 };
enum { TF = 0, TE = 1, G_I64 = 0, G_FUNC = 1, G_EXT = 2 };
#define A 0x41414141u      /* a pointer-looking number */
#define EXTRA 8u           /* operand slots past the locals and constants */

static const uint8_t op_w[] = {
#define W_(n, w) (w),
    BX_OPS(W_)
#undef W_
};

static char base[] = "/tmp/bx-test-forge-XXXXXX";

/* The module with function f's code replaced by code[0..n) (and nconsts
 * constant pairs after it), serialised.  The frame is locals + constants
 * + EXTRA. */
static uint8_t *payload_with(const uint8_t *wasm, size_t wlen, uint32_t f, const uint32_t *code, uint32_t n,
                             const uint32_t *consts, uint32_t nconsts, size_t *plen)
{
    bx_error err;
    bx_module *m = bx_module_new(wasm, wlen, &err);
    if (!m) return NULL;
    bx_func_decl *fd = &m->funcs[f - m->nfunc_imports];
    struct bx_code *old = fd->code;
    struct bx_code *c = malloc(sizeof *c + ((size_t)n + 2 * nconsts) * sizeof(uint32_t));
    uint8_t *p = NULL;
    if (c) {
        *c = *old;
        c->nconsts = nconsts;
        c->frame_size = old->nlocals + nconsts + EXTRA;
        c->len = n;
        memcpy(c->code, code, (size_t)n * sizeof *code);
        if (nconsts) memcpy(c->code + n, consts, 2 * (size_t)nconsts * sizeof *consts);
        free(old);
        fd->code = c;
        if (bxe_module_serialize(m, &p, plen) != BX_OK) p = NULL;
    }
    bx_module_free(m);
    return p;
}

/* 1 when the altered module loads from its payload, 0 when refused. */
static int loads(const uint8_t *wasm, size_t wlen, uint32_t f, const uint32_t *code, uint32_t n,
                 const uint32_t *consts, uint32_t nconsts)
{
    size_t plen;
    uint8_t *p = payload_with(wasm, wlen, f, code, n, consts, nconsts, &plen);
    if (!p) return -1;
    bx_module *c = bxe_module_deserialize(p, plen, wasm, wlen);
    free(p);
    bx_module_free(c);
    return c != NULL;
}
#define LOADS(f, ...) \
    loads(FORGE, sizeof FORGE, (f), (const uint32_t[]){__VA_ARGS__}, \
          sizeof((const uint32_t[]){__VA_ARGS__}) / 4, NULL, 0)

static void entry_path(char *out, size_t cap, const char *dir, const uint8_t *wasm, size_t wlen)
{
    uint8_t key[32];
    bxe_sha256(wasm, wlen, key);
    int k = snprintf(out, cap, "%s/", dir);
    for (int i = 0; i < 32; i++) k += snprintf(out + k, cap - (size_t)k, "%02x", key[i]);
    snprintf(out + k, cap - (size_t)k, "-%016llx.bxm", (unsigned long long)bxe_cache_build_id());
}

static int write_file(const char *path, const uint8_t *b, size_t n)
{
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return -1;
    ssize_t k = write(fd, b, n);
    close(fd);
    return k == (ssize_t)n ? 0 : -1;
}

static uint8_t *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *b = malloc(1 << 20);
    *len = b ? fread(b, 1, 1 << 20, f) : 0;
    fclose(f);
    return b;
}

/* Signs payload as the key holder would, writes the entry for wasm into
 * dir, loads through the cache: the event. */
static bx_cache_event via_file(const char *dir, const uint8_t *wasm, size_t wlen, const uint8_t *p, size_t plen,
                               const uint8_t mk[32], int *works)
{
    char path[2048];
    entry_path(path, sizeof path, dir, wasm, wlen);
    uint8_t h[128], key[32];
    bxe_sha256(wasm, wlen, key);
    bxe_cache_make_header(h, mk, key, bxe_cache_build_id(), wlen, p, plen);
    uint8_t *file = malloc(128 + plen);
    memcpy(file, h, 128);
    memcpy(file + 128, p, plen);
    write_file(path, file, 128 + plen);
    free(file);
    bx_cache_event ev = BX_CACHE_NONE;
    bx_error err;
    bx_module *m = bx_module_new_cached_event(wasm, wlen, dir, &ev, &err);
    *works = 0;
    if (m) {    /* victim(0, null, null) returns 0 in the genuine module */
        bx_store *s = bx_store_new(NULL);
        bx_instance *inst = s ? bx_instance_new(s, m, NULL, 0, &err) : NULL;
        bx_extern ex;
        if (inst && bx_instance_export(inst, "victim", &ex) && ex.kind == BX_EXTERN_FUNC) {
            bx_val args[3] = {{BX_I64, 0}, {BX_FUNCREF, 0}, {BX_EXTERNREF, 0}}, res;
            *works = bx_func_call(s, ex.of.func, args, 3, &res, 1, &err) == BX_OK && res.bits == 0;
        }
        bx_store_free(s);
        bx_module_free(m);
    }
    return ev;
}

/* ---- HMAC-SHA-256: RFC 4231 ---------------------------------------------------------- */

static int hexeq(const uint8_t *d, const char *hex)
{
    char buf[65];
    for (int i = 0; i < 32; i++) snprintf(buf + 2 * i, 3, "%02x", d[i]);
    return !strcmp(buf, hex);
}

static void test_hmac(void)
{
    uint8_t out[32], k[131], d[50];
    memset(k, 0x0b, 20);
    bxe_hmac_sha256(k, 20, "Hi There", 8, out);
    CHECK(hexeq(out, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"), "RFC 4231 case 1");
    bxe_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, out);
    CHECK(hexeq(out, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), "RFC 4231 case 2");
    memset(k, 0xaa, 20);
    memset(d, 0xdd, 50);
    bxe_hmac_sha256(k, 20, d, 50, out);
    CHECK(hexeq(out, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"), "RFC 4231 case 3");
    memset(k, 0xaa, 131);   /* a key longer than the block: hashed first */
    const char *m6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    bxe_hmac_sha256(k, 131, m6, strlen(m6), out);
    CHECK(hexeq(out, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"), "RFC 4231 case 6");
    const char *m7 = "This is a test using a larger than block-size key and a larger than block-size data. "
                     "The key needs to be hashed before being used by the HMAC algorithm.";
    /* streamed in uneven pieces: the same MAC */
    bx_hmac_sha256_ctx x;
    bxe_hmac_sha256_init(&x, k, 131);
    for (size_t i = 0, n = strlen(m7); i < n; i += 37)
        bxe_hmac_sha256_update(&x, m7 + i, n - i < 37 ? n - i : 37);
    bxe_hmac_sha256_final(&x, out);
    CHECK(hexeq(out, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"), "RFC 4231 case 7");
    CHECK(bxe_ct_equal("abcd", "abcd", 4) && !bxe_ct_equal("abcd", "abce", 4), "constant-time compare");
}

/* ---- an attacker without the key ------------------------------------------------------ */

static void test_no_key_forgery(const char *dir)
{
    bx_cache_event ev;
    bx_error err;
    bx_module *m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
    CHECK(m && ev == BX_CACHE_STORED, "genuine entry stored: event %d", ev);
    bx_module_free(m);
    char path[2048];
    entry_path(path, sizeof path, dir, ADD_WASM, sizeof ADD_WASM);
    size_t len;
    uint8_t *good = read_all(path, &len);
    CHECK(good && len > 128, "entry at %s", path);
    if (!good) return;
    uint64_t id = bxe_cache_build_id();
    /* the attacker's edit: i32.add becomes i32.sub in the code words, then
     * both checksums recomputed as anyone can */
    int edited = 0;
    uint8_t *f = malloc(len);
    memcpy(f, good, len);
    m = bx_module_new(ADD_WASM, sizeof ADD_WASM, &err);
    const struct bx_code *code = m ? m->funcs[0].code : NULL;
    const uint8_t *at = code ? memmem(f + 128, len - 128, code->code, code->len * 4) : NULL;
    for (uint32_t pc = 0; at && pc < code->len; pc += 1 + op_w[code->code[pc]])
        if (code->code[pc] == BXOP_I32_ADD) {
            uint32_t sub = BXOP_I32_SUB;
            memcpy(f + (at - f) + 4 * pc, &sub, 4);
            edited++;
        }
    bx_module_free(m);
    /* without a MAC the forgery would load and run i32.sub */
    bx_module *raw = bxe_module_deserialize(f + 128, len - 128, ADD_WASM, sizeof ADD_WASM);
    CHECK(raw != NULL, "the forged payload is structurally valid (so only the MAC can refuse it)");
    if (raw) {
        bx_store *s0 = bx_store_new(NULL);
        bx_instance *i0 = s0 ? bx_instance_new(s0, raw, NULL, 0, &err) : NULL;
        bx_extern e0;
        bx_val a0[2] = {{BX_I32, 40}, {BX_I32, 2}}, r0 = {0};
        CHECK(i0 && bx_instance_export(i0, "add", &e0) && bx_func_call(s0, e0.of.func, a0, 2, &r0, 1, &err) == BX_OK &&
                  r0.bits == 38, "the forged code computes 40-2 when loaded without the MAC");
        bx_store_free(s0);
        bx_module_free(raw);
    }
    uint64_t pc = bxe_hash64(f + 128, len - 128, id);
    memcpy(f + 72, &pc, 8);
    uint64_t hc = bxe_hash64(f, 80, id);
    memcpy(f + 80, &hc, 8);
    CHECK(edited >= 1, "found the add opcode to forge");
    write_file(path, f, len);
    m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
    bx_store *s = bx_store_new(NULL);
    bx_instance *inst = m && s ? bx_instance_new(s, m, NULL, 0, &err) : NULL;
    bx_extern ex;
    bx_val args[2] = {{BX_I32, 40}, {BX_I32, 2}}, res = {0};
    int ran = inst && bx_instance_export(inst, "add", &ex) &&
              bx_func_call(s, ex.of.func, args, 2, &res, 1, &err) == BX_OK;
    CHECK(m && ev == BX_CACHE_REPLACED && ran && res.bits == 42,
          "checksum-recomputed forgery refused: event %d, add(40,2) = %llu", ev, (unsigned long long)res.bits);
    bx_store_free(s);
    bx_module_free(m);
    /* the same edit, signed with a guessed key (all zero) */
    uint8_t zero[32] = {0}, key[32];
    bxe_sha256(ADD_WASM, sizeof ADD_WASM, key);
    bxe_cache_make_header(f, zero, key, id, sizeof ADD_WASM, f + 128, len - 128);
    write_file(path, f, len);
    m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, &ev, &err);
    CHECK(m && ev == BX_CACHE_REPLACED, "entry signed with another key refused: event %d", ev);
    bx_module_free(m);
    size_t l2;
    uint8_t *again = read_all(path, &l2);
    CHECK(again && l2 == len && !memcmp(again, good, len), "the forged entry was rewritten with the genuine one");
    free(again);
    free(f);
    free(good);
}

/* ---- an attacker with the key: the verifier alone ----------------------------------- */

/* The attack end to end: a number stored into a funcref table,
 * then called through it.  Signed with the right key, so only the
 * verifier refuses it; the benign twin (the same code with null) loads. */
static void test_signed_forgery(const char *dir, const uint8_t mk[32])
{
    const uint32_t evil[] = {BXOP_CONST64, 10, A, A, BXOP_CONST32, 11, 0, BXOP_TABLE_SET, TF, 11, 10,
                             BXOP_CALL_INDIRECT, T_R, TF, 11, 12, BXOP_RETURN1, 11};
    const uint32_t benign[] = {BXOP_CONST64, 10, 0, 0, BXOP_CONST32, 11, 0, BXOP_TABLE_SET, TF, 11, 10,
                               BXOP_RETURN1, 11, BXOP_CALL_INDIRECT, T_R, TF, 11, 12, BXOP_RETURN1, 11};
    size_t plen;
    int works;
    uint8_t *p = payload_with(FORGE, sizeof FORGE, F_VICTIM, benign, sizeof benign / 4, NULL, 0, &plen);
    bx_cache_event ev = p ? via_file(dir, FORGE, sizeof FORGE, p, plen, mk, &works) : BX_CACHE_NONE;
    CHECK(ev == BX_CACHE_HIT && works, "benign signed entry is used (the signing path works): event %d", ev);
    free(p);
    p = payload_with(FORGE, sizeof FORGE, F_VICTIM, evil, sizeof evil / 4, NULL, 0, &plen);
    ev = p ? via_file(dir, FORGE, sizeof FORGE, p, plen, mk, &works) : BX_CACHE_NONE;
    CHECK(ev == BX_CACHE_REPLACED && works, "signed forged table.set refused and rebuilt: event %d", ev);
    free(p);
    /* an out-of-range table index, signed */
    const uint32_t oob[] = {BXOP_CONST32, 11, 0, BXOP_TABLE_GET, 10, 7, 11, BXOP_RETURN1, 11};
    p = payload_with(FORGE, sizeof FORGE, F_VICTIM, oob, sizeof oob / 4, NULL, 0, &plen);
    ev = p ? via_file(dir, FORGE, sizeof FORGE, p, plen, mk, &works) : BX_CACHE_NONE;
    CHECK(ev == BX_CACHE_REPLACED && works, "signed out-of-range table index refused: event %d", ev);
    free(p);
}

/* Every way a number could become a funcref (must be refused), each next
 * to a benign form of the same shape (must load). */
static void test_reference_typing(void)
{
    const uint32_t V = F_VICTIM;
#define ZERO11 BXOP_CONST32, 11, 0
    /* benign */
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 1, "ref.func into table");
    CHECK(LOADS(V, ZERO11, BXOP_CONST64, 10, 0, 0, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 1, "null into table");
    CHECK(LOADS(V, ZERO11, BXOP_TABLE_SET, TF, 11, 1, BXOP_RETURN1, 11) == 1, "funcref param into table");
    CHECK(LOADS(V, ZERO11, BXOP_TABLE_SET, TF, 11, 7, BXOP_RETURN1, 11) == 1, "declared funcref local (null) into table");
    CHECK(LOADS(V, ZERO11, BXOP_TABLE_SET, TE, 11, 2, BXOP_TABLE_SET, TE, 11, 9, BXOP_RETURN1, 11) == 1,
          "externref param and local into the externref table");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_COPY, 12, 10, BXOP_TABLE_SET, TF, 11, 12, BXOP_RETURN1, 11) == 1,
          "copied ref.func into table");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_SELECT, 13, 11, 10, 1, BXOP_TABLE_SET, TF, 11, 13, BXOP_RETURN1, 11) == 1,
          "select of two funcrefs into table");
    /* merge: ref.func on one edge, table.get of the funcref table on the other */
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_BR_IF, 11, 13, BXOP_TABLE_GET, 10, TF, 11,
                BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 1, "branch merge of two funcrefs");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_LOOP, 1, BXOP_TABLE_SET, TF, 11, 10, BXOP_TABLE_GET, 10, TF, 11,
                BXOP_BR_IF_B, 11, 6, BXOP_RETURN1, 11) == 1, "loop carrying a funcref");
    CHECK(LOADS(V, BXOP_GLOBAL_GET, 10, G_FUNC, ZERO11, BXOP_TABLE_SET, TF, 11, 10, BXOP_REF_FUNC, 12, 0,
                BXOP_GLOBAL_SET, G_FUNC, 12, BXOP_RETURN1, 11) == 1, "funcref global in and out");
    CHECK(LOADS(V, BXOP_REF_FUNC, 12, 0, BXOP_CALL, F_TAKES, 12, ZERO11, BXOP_RETURN1, 11) == 1, "ref.func argument");
    CHECK(LOADS(V, BXOP_CALL, F_RETF, 12, ZERO11, BXOP_TABLE_SET, TF, 11, 12, BXOP_RETURN1, 11) == 1, "funcref call result into table");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_REF_IS_NULL, 12, 10, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 1,
          "ref.is_null leaves its operand a funcref");
    CHECK(LOADS(V, ZERO11, BXOP_TABLE_FILL, TF, 11, 7, 11, BXOP_TABLE_GROW, 12, TF, 7, 11, BXOP_RETURN1, 11) == 1,
          "table.fill / table.grow with null");
    CHECK(LOADS(F_RETF, BXOP_REF_FUNC, 0, 0, BXOP_RETURN1, 0) == 1, "ref.func returned as funcref");
    uint32_t zc[2] = {0, 0}, ac[2] = {A, 0};
    const uint32_t kcode[] = {ZERO11, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11};
    CHECK(loads(FORGE, sizeof FORGE, V, kcode, sizeof kcode / 4, zc, 1) == 1, "zero constant slot (null) into table");

    /* forged: each must be refused */
    CHECK(LOADS(V, ZERO11, BXOP_CONST64, 10, A, A, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 0, "i64 constant into table");
    CHECK(LOADS(V, ZERO11, BXOP_CONST32, 10, A, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 0, "i32 constant into table");
    CHECK(LOADS(V, ZERO11, BXOP_TABLE_SET, TF, 11, 0, BXOP_RETURN1, 11) == 0, "i64 param into table");
    CHECK(LOADS(V, ZERO11, BXOP_CONST64, 3, A, A, BXOP_TABLE_SET, TF, 11, 3, BXOP_RETURN1, 11) == 0,
          "i64 local holding a number into table");
    CHECK(LOADS(V, ZERO11, BXOP_TABLE_SET, TF, 11, 2, BXOP_RETURN1, 11) == 0, "externref param into funcref table");
    CHECK(LOADS(V, ZERO11, BXOP_TABLE_GET, 10, TE, 11, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 0,
          "externref table element into funcref table");
    CHECK(LOADS(V, ZERO11, BXOP_TABLE_SET, TF, 11, 15, BXOP_RETURN1, 11) == 0, "never-written operand slot into table");
    CHECK(LOADS(V, ZERO11, BXOP_CONST64, 10, A, A, BXOP_COPY, 12, 10, BXOP_TABLE_SET, TF, 11, 12, BXOP_RETURN1, 11) == 0,
          "number laundered through copy");
    CHECK(LOADS(V, ZERO11, BXOP_CONST64, 10, A, A, BXOP_COPY2, 13, 11, 12, 10, BXOP_TABLE_SET, TF, 11, 12, BXOP_RETURN1, 11) == 0,
          "number laundered through copy2");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_CONST64, 12, A, A, BXOP_SELECT, 13, 11, 10, 12,
                BXOP_TABLE_SET, TF, 11, 13, BXOP_RETURN1, 11) == 0, "select of a funcref and a number");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_BR_IF, 11, 13, BXOP_CONST64, 10, A, A,
                BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 0, "a number on one edge of a branch merge");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_LOOP, 1, BXOP_TABLE_SET, TF, 11, 10, BXOP_CONST64, 10, A, A,
                BXOP_BR_IF_B, 11, 6, BXOP_RETURN1, 11) == 0, "a number on a loop's back edge");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_BR_TABLE, 11, 1, 15, 11, BXOP_CONST64, 10, A, A,
                BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 0, "a number reaching a br_table target");
    CHECK(LOADS(V, BXOP_CALL, F_NUM, 12, ZERO11, BXOP_TABLE_SET, TF, 11, 12, BXOP_RETURN1, 11) == 0, "i64 call result into table");
    CHECK(LOADS(V, BXOP_REF_FUNC, 14, 0, BXOP_CALL, F_NUM, 12, ZERO11, BXOP_TABLE_SET, TF, 11, 14, BXOP_RETURN1, 11) == 0,
          "a slot a call clobbered (inside the callee's frame)");
    CHECK(LOADS(V, BXOP_GLOBAL_GET, 10, G_I64, ZERO11, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 0, "i64 global into table");
    CHECK(LOADS(V, BXOP_GLOBAL_GET, 10, G_EXT, ZERO11, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 0,
          "externref global into funcref table");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 7, 0, BXOP_I64_ADD, 7, 0, 0, BXOP_TABLE_SET, TF, 11, 7, BXOP_RETURN1, 11) == 0,
          "a funcref local overwritten by arithmetic");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_REF_IS_NULL, 10, 10, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 0,
          "ref.is_null's result into table");
    CHECK(LOADS(V, ZERO11, BXOP_REF_FUNC, 10, 0, BXOP_I32_LOAD, 10, 11, 0, BXOP_TABLE_SET, TF, 11, 10, BXOP_RETURN1, 11) == 0,
          "a funcref slot overwritten by a load");
    CHECK(LOADS(V, BXOP_CONST64, 10, A, A, BXOP_GLOBAL_SET, G_FUNC, 10, ZERO11, BXOP_RETURN1, 11) == 0, "number into funcref global");
    CHECK(LOADS(V, ZERO11, BXOP_CONST64, 10, A, A, BXOP_TABLE_FILL, TF, 11, 10, 11, BXOP_RETURN1, 11) == 0, "table.fill with a number");
    CHECK(LOADS(V, ZERO11, BXOP_CONST64, 10, A, A, BXOP_TABLE_GROW, 12, TF, 10, 11, BXOP_RETURN1, 11) == 0, "table.grow with a number");
    CHECK(LOADS(V, BXOP_CONST64, 12, A, A, BXOP_CALL, F_TAKES, 12, ZERO11, BXOP_RETURN1, 11) == 0, "number as a funcref argument");
    CHECK(LOADS(V, BXOP_CONST64, 12, A, A, ZERO11, BXOP_CALL_INDIRECT, T_PF, TF, 11, 12, BXOP_RETURN1, 11) == 0,
          "number as a funcref argument of call_indirect");
    CHECK(LOADS(F_RETF, BXOP_CONST64, 0, A, A, BXOP_RETURN1, 0) == 0, "number returned as funcref");
    CHECK(LOADS(F_RETF, BXOP_CONST64, 0, A, A, BXOP_RETURN, 1, 0) == 0, "number returned as funcref (RETURN n)");
    CHECK(loads(FORGE, sizeof FORGE, V, kcode, sizeof kcode / 4, ac, 1) == 0, "non-zero constant slot into table");
    CHECK(LOADS(V, ZERO11, BXOP_CALL_INDIRECT, T_R, TE, 11, 12, BXOP_RETURN1, 11) == 0, "call_indirect through an externref table");
#undef ZERO11
}

/* Every kind of index, slot and target operand out of range, each next to
 * its in-range twin. */
static void test_ranges(void)
{
    const uint32_t V = F_VICTIM, FR = 10 + EXTRA;   /* victim's frame size */
    struct { const char *what; uint32_t ok[12], bad[12]; uint32_t n; } c[] = {
        {"table.get table", {BXOP_TABLE_GET, 10, TF, 11, BXOP_RETURN1, 11}, {BXOP_TABLE_GET, 10, 2, 11, BXOP_RETURN1, 11}, 6},
        {"table.set table", {BXOP_TABLE_SET, TF, 11, 7, BXOP_RETURN1, 11}, {BXOP_TABLE_SET, 2, 11, 7, BXOP_RETURN1, 11}, 6},
        {"table.size table", {BXOP_TABLE_SIZE, 10, TE, BXOP_RETURN1, 10}, {BXOP_TABLE_SIZE, 10, 99, BXOP_RETURN1, 10}, 5},
        {"table.grow table", {BXOP_TABLE_GROW, 10, TF, 7, 11, BXOP_RETURN1, 10}, {BXOP_TABLE_GROW, 10, 2, 7, 11, BXOP_RETURN1, 10}, 7},
        {"table.fill table", {BXOP_TABLE_FILL, TF, 11, 7, 11, BXOP_RETURN1, 11}, {BXOP_TABLE_FILL, 2, 11, 7, 11, BXOP_RETURN1, 11}, 7},
        {"table.copy dst", {BXOP_TABLE_COPY, TF, TF, 11, 11, 11, BXOP_RETURN1, 11}, {BXOP_TABLE_COPY, 2, TF, 11, 11, 11, BXOP_RETURN1, 11}, 8},
        {"table.copy src", {BXOP_TABLE_COPY, TF, TF, 11, 11, 11, BXOP_RETURN1, 11}, {BXOP_TABLE_COPY, TF, 2, 11, 11, 11, BXOP_RETURN1, 11}, 8},
        {"table.copy types", {BXOP_TABLE_COPY, TE, TE, 11, 11, 11, BXOP_RETURN1, 11}, {BXOP_TABLE_COPY, TF, TE, 11, 11, 11, BXOP_RETURN1, 11}, 8},
        {"table.init table", {BXOP_TABLE_INIT, TF, 0, 11, 11, 11, BXOP_RETURN1, 11}, {BXOP_TABLE_INIT, 2, 0, 11, 11, 11, BXOP_RETURN1, 11}, 8},
        {"table.init segment", {BXOP_TABLE_INIT, TF, 0, 11, 11, 11, BXOP_RETURN1, 11}, {BXOP_TABLE_INIT, TF, 1, 11, 11, 11, BXOP_RETURN1, 11}, 8},
        {"table.init types", {BXOP_TABLE_INIT, TF, 0, 11, 11, 11, BXOP_RETURN1, 11}, {BXOP_TABLE_INIT, TE, 0, 11, 11, 11, BXOP_RETURN1, 11}, 8},
        {"elem.drop segment", {BXOP_ELEM_DROP, 0, BXOP_RETURN1, 11}, {BXOP_ELEM_DROP, 1, BXOP_RETURN1, 11}, 4},
        {"memory.init segment", {BXOP_MEMORY_INIT, 0, 11, 11, 11, BXOP_RETURN1, 11}, {BXOP_MEMORY_INIT, 1, 11, 11, 11, BXOP_RETURN1, 11}, 7},
        {"data.drop segment", {BXOP_DATA_DROP, 0, BXOP_RETURN1, 11}, {BXOP_DATA_DROP, 1, BXOP_RETURN1, 11}, 4},
        {"global.get global", {BXOP_GLOBAL_GET, 10, G_I64, BXOP_RETURN1, 10}, {BXOP_GLOBAL_GET, 10, 3, BXOP_RETURN1, 10}, 5},
        {"global.set global", {BXOP_GLOBAL_SET, G_I64, 0, BXOP_RETURN1, 11}, {BXOP_GLOBAL_SET, 3, 0, BXOP_RETURN1, 11}, 5},
        {"call function", {BXOP_CALL, F_NUM, 12, BXOP_RETURN1, 12}, {BXOP_CALL, 6, 12, BXOP_RETURN1, 12}, 5},
        {"call argument area", {BXOP_CALL, F_NUM, FR - 1, BXOP_RETURN1, 12}, {BXOP_CALL, F_NUM, FR, BXOP_RETURN1, 12}, 5},
        {"ref.func function", {BXOP_REF_FUNC, 10, 5, BXOP_RETURN1, 11}, {BXOP_REF_FUNC, 10, 6, BXOP_RETURN1, 11}, 5},
        {"call_indirect type", {BXOP_CALL_INDIRECT, T_RI64, TF, 11, 12, BXOP_RETURN1, 12}, {BXOP_CALL_INDIRECT, 5, TF, 11, 12, BXOP_RETURN1, 12}, 7},
        {"call_indirect table", {BXOP_CALL_INDIRECT, T_RI64, TF, 11, 12, BXOP_RETURN1, 12}, {BXOP_CALL_INDIRECT, T_RI64, 2, 11, 12, BXOP_RETURN1, 12}, 7},
        {"call_indirect index slot", {BXOP_CALL_INDIRECT, T_RI64, TF, FR - 1, 12, BXOP_RETURN1, 12}, {BXOP_CALL_INDIRECT, T_RI64, TF, FR, 12, BXOP_RETURN1, 12}, 7},
        {"call_indirect argument area", {BXOP_CALL_INDIRECT, T_RI64, TF, 11, FR - 1, BXOP_RETURN1, 12}, {BXOP_CALL_INDIRECT, T_RI64, TF, 11, FR, BXOP_RETURN1, 12}, 7},
        {"destination slot", {BXOP_I32_ADD, FR - 1, 11, 11, BXOP_RETURN1, 11}, {BXOP_I32_ADD, FR, 11, 11, BXOP_RETURN1, 11}, 6},
        {"source slot", {BXOP_I32_ADD, 12, FR - 1, 11, BXOP_RETURN1, 11}, {BXOP_I32_ADD, 12, 11, 0xFFFFFFFFu, BXOP_RETURN1, 11}, 6},
        {"load address slot", {BXOP_I32_LOAD, 12, 11, 0xFFFFFFFFu, BXOP_RETURN1, 12}, {BXOP_I32_LOAD, 12, FR, 0, BXOP_RETURN1, 12}, 6},
        {"fused load register slot", {BXOP_I32_LOAD_R, 12, 11, 11, 0, BXOP_RETURN1, 12}, {BXOP_I32_LOAD_R, 12, 11, FR, 0, BXOP_RETURN1, 12}, 7},
        {"f64.add with load slot", {BXOP_F64_ADD_M, 12, 11, 11, 0, BXOP_RETURN1, 12}, {BXOP_F64_ADD_M, 12, 11, FR, 0, BXOP_RETURN1, 12}, 7},
        {"select slot", {BXOP_SELECT, 12, 11, 11, 11, BXOP_RETURN1, 12}, {BXOP_SELECT, 12, FR, 11, 11, BXOP_RETURN1, 12}, 7},
        {"copy2 second destination", {BXOP_COPY2, 12, 11, 13, 11, BXOP_RETURN1, 12}, {BXOP_COPY2, 12, 11, FR, 11, BXOP_RETURN1, 12}, 7},
        {"return1 slot", {BXOP_CONST32, 11, 0, BXOP_RETURN1, FR - 1}, {BXOP_CONST32, 11, 0, BXOP_RETURN1, FR}, 5},
        {"return area", {BXOP_RETURN, 1, FR - 1}, {BXOP_RETURN, 1, FR}, 3},
        {"return count", {BXOP_RETURN, 1, 11}, {BXOP_RETURN, 2, 11}, 3},
        {"return0 in a function with a result", {BXOP_RETURN1, 11}, {BXOP_RETURN0, BXOP_RETURN1, 11}, 2},
        {"branch target past the end", {BXOP_BR, 2, BXOP_RETURN1, 11}, {BXOP_BR, 4, BXOP_RETURN1, 11}, 4},
        {"branch target inside an instruction", {BXOP_BR, 2, BXOP_RETURN1, 11}, {BXOP_BR, 3, BXOP_RETURN1, 11}, 4},
        {"conditional branch target", {BXOP_BR_IF, 11, 3, BXOP_RETURN1, 11}, {BXOP_BR_IF, 11, 0xFFFFFFFFu, BXOP_RETURN1, 11}, 5},
        {"fused compare-branch target", {BXOP_BR_I32_LT_U_K, 11, 5, 4, BXOP_RETURN1, 11}, {BXOP_BR_I32_LT_U_K, 11, 5, 5, BXOP_RETURN1, 11}, 6},
        {"loop back-edge not to a loop", {BXOP_LOOP, 1, BXOP_BR_IF_B, 11, 0, BXOP_RETURN1, 11}, {BXOP_LOOP, 1, BXOP_BR_IF_B, 11, 2, BXOP_RETURN1, 11}, 7},
        {"add-branch back-edge", {BXOP_LOOP, 1, BXOP_ADD_BR_LT_U_K, 12, 12, 11, 9, 0, BXOP_RETURN1, 11},
                                 {BXOP_LOOP, 1, BXOP_ADD_BR_LT_U_K, 12, 12, 11, 9, 2, BXOP_RETURN1, 11}, 10},
        {"br_table entry", {BXOP_BR_TABLE, 11, 1, 5, 5, BXOP_RETURN1, 11}, {BXOP_BR_TABLE, 11, 1, 5, 7, BXOP_RETURN1, 11}, 7},
        {"br_table count", {BXOP_BR_TABLE, 11, 1, 5, 5, BXOP_RETURN1, 11}, {BXOP_BR_TABLE, 11, 0xFFFFFFFFu, 5, 5, BXOP_RETURN1, 11}, 7},
        {"br_table index slot", {BXOP_BR_TABLE, 11, 1, 5, 5, BXOP_RETURN1, 11}, {BXOP_BR_TABLE, FR, 1, 5, 5, BXOP_RETURN1, 11}, 7},
        {"unknown opcode", {BXOP_RETURN1, 11}, {BXOP_COUNT_, BXOP_RETURN1, 11}, 2},
        {"opcode 0xFFFFFFFF", {BXOP_RETURN1, 11}, {0xFFFFFFFFu, BXOP_RETURN1, 11}, 2},
        {"code that runs off its end", {BXOP_CONST32, 11, 0, BXOP_RETURN1, 11}, {BXOP_RETURN1, 11, BXOP_CONST32, 11, 0}, 5},
        {"operand words past the end", {BXOP_RETURN1, 11}, {BXOP_RETURN1, 11, BXOP_I64_ADD_K, 1, 1}, 2},
    };
    size_t nc = sizeof c / sizeof c[0];
    for (size_t i = 0; i < nc; i++) {
        uint32_t nb = c[i].n;
        /* a few cases have a longer bad form: count its words */
        if (!strcmp(c[i].what, "return0 in a function with a result") || !strcmp(c[i].what, "unknown opcode") ||
            !strcmp(c[i].what, "opcode 0xFFFFFFFF"))
            nb = 3;
        if (!strcmp(c[i].what, "operand words past the end")) nb = 5;
        int good = loads(FORGE, sizeof FORGE, V, c[i].ok, c[i].n, NULL, 0);
        int badl = loads(FORGE, sizeof FORGE, V, c[i].bad, nb, NULL, 0);
        CHECK(good == 1, "%s: the in-range form is refused", c[i].what);
        CHECK(badl == 0, "%s: the out-of-range form is accepted", c[i].what);
    }
    /* memory instructions in a module without a memory */
    const uint32_t ld[] = {BXOP_I32_LOAD, 2, 0, 0, BXOP_RETURN1, 2};
    const uint32_t sz[] = {BXOP_MEMORY_SIZE, 2, BXOP_RETURN1, 2};
    const uint32_t ok[] = {BXOP_I32_ADD, 2, 0, 1, BXOP_RETURN1, 2};
    CHECK(loads(ADD_WASM, sizeof ADD_WASM, 0, ok, 6, NULL, 0) == 1, "add's own shape loads");
    CHECK(loads(ADD_WASM, sizeof ADD_WASM, 0, ld, 6, NULL, 0) == 0, "a load without a memory accepted");
    CHECK(loads(ADD_WASM, sizeof ADD_WASM, 0, sz, 4, NULL, 0) == 0, "memory.size without a memory accepted");
    /* global.set of an immutable global (global 0), next to a mutable one (1) */
    const uint32_t gs0[] = {BXOP_GLOBAL_SET, 0, 0, BXOP_CONST32, 1, 0, BXOP_RETURN1, 1};
    const uint32_t gs1[] = {BXOP_GLOBAL_SET, 1, 0, BXOP_CONST32, 1, 0, BXOP_RETURN1, 1};
    CHECK(loads(IMM_WASM, sizeof IMM_WASM, 0, gs1, 8, NULL, 0) == 1, "global.set of a mutable global refused");
    CHECK(loads(IMM_WASM, sizeof IMM_WASM, 0, gs0, 8, NULL, 0) == 0, "global.set of an immutable global accepted");
}

/* The canonical type call_indirect checks against must be the type itself. */
static void test_type_canon(void)
{
    bx_error err;
    for (int forge = 0; forge < 2; forge++) {
        bx_module *m = bx_module_new(FORGE, sizeof FORGE, &err);
        if (!m) continue;
        if (forge) m->type_canon[T_PF] = T_R;     /* (funcref)->() claimed to be ()->i32 */
        uint8_t *p;
        size_t n;
        bx_module *c = NULL;
        if (bxe_module_serialize(m, &p, &n) == BX_OK) {
            c = bxe_module_deserialize(p, n, FORGE, sizeof FORGE);
            free(p);
        }
        CHECK((c != NULL) == !forge, forge ? "a forged canonical type accepted" : "genuine canonical types refused");
        bx_module_free(c);
        bx_module_free(m);
    }
}

/* Every opcode with every operand word huge: only the immediate-only ones
 * may load (a table-driven sweep, so an opcode added to code.h without
 * its operand kinds in cache_serial.c fails here too). */
static void test_every_opcode(void)
{
    int bad = 0, tried = 0;
    for (uint32_t op = 0; op < BXOP_COUNT_; op++) {
        uint32_t code[64], n = 0;
        code[n++] = op;
        uint32_t k = op == BXOP_BR_TABLE ? 2 : op_w[op];
        for (uint32_t i = 0; i < k && n < 60; i++) code[n++] = 0xFFFFFFF0u;
        code[n++] = BXOP_RETURN1;
        code[n++] = 11;
        int imm_only = op == BXOP_FUEL || op == BXOP_LOOP || op == BXOP_UNREACHABLE;
        int r = loads(FORGE, sizeof FORGE, F_VICTIM, code, n, NULL, 0);
        tried++;
        if (r != imm_only) {
            if (bad++ < 10) printf("opcode %u with huge operands: loads=%d\n", op, r);
        }
    }
    CHECK(tried == BXOP_COUNT_ && bad == 0, "%d of %d opcodes mishandled with huge operands", bad, tried);
    CHECK(bxe_cache_selfcheck(), "operand table agrees with code.h");
}

/* ---- the key file ------------------------------------------------------------------------------ */

static int load_ok(const char *dir, bx_cache_event *ev)
{
    bx_error err;
    bx_module *m = bx_module_new_cached_event(ADD_WASM, sizeof ADD_WASM, dir, ev, &err);
    bx_store *s = bx_store_new(NULL);
    bx_instance *inst = m && s ? bx_instance_new(s, m, NULL, 0, &err) : NULL;
    bx_extern ex;
    bx_val args[2] = {{BX_I32, 2}, {BX_I32, 3}}, res = {0};
    int ok = inst && bx_instance_export(inst, "add", &ex) && bx_func_call(s, ex.of.func, args, 2, &res, 1, &err) == BX_OK &&
             res.bits == 5;
    bx_store_free(s);
    bx_module_free(m);
    return ok;
}

static int nentries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strstr(e->d_name, ".bxm")) n++;
    if (d) closedir(d);
    return n;
}

static void test_key_file(void)
{
    char kdir[1024], key[1100], cdir[1100], why[1024];
    snprintf(kdir, sizeof kdir, "%s/keys/boxagnts", base);
    snprintf(key, sizeof key, "%s/cache.key", kdir);
    snprintf(cdir, sizeof cdir, "%s/kc", base);
    setenv("BOXAGNTS_CACHE_KEY", key, 1);
    bx_cache_event ev;
    /* first use: made, 0600, 32 bytes, in a 0700 directory */
    CHECK(load_ok(cdir, &ev) && ev == BX_CACHE_STORED, "first use: event %d", ev);
    struct stat st;
    CHECK(lstat(key, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600 && st.st_size == 32 &&
              st.st_uid == geteuid(), "key made 0600, 32 bytes (mode %o size %lld)", st.st_mode & 0777, (long long)st.st_size);
    CHECK(stat(kdir, &st) == 0 && (st.st_mode & 0777) == 0700, "key directory 0700 (%o)", st.st_mode & 0777);
    size_t klen;
    uint8_t *k1 = read_all(key, &klen);
    CHECK(load_ok(cdir, &ev) && ev == BX_CACHE_HIT, "second use hits: event %d", ev);
    uint8_t mk[32];
    CHECK(bxe_cache_load_key(mk, why, sizeof why) == 0 && k1 && klen == 32 && !memcmp(mk, k1, 32), "the key is kept");
    /* another key: every entry made under the first is refused */
    char key2[1200];
    snprintf(key2, sizeof key2, "%s/other.key", kdir);
    setenv("BOXAGNTS_CACHE_KEY", key2, 1);
    CHECK(load_ok(cdir, &ev) && ev == BX_CACHE_REPLACED, "an entry under another key is rebuilt: event %d", ev);
    setenv("BOXAGNTS_CACHE_KEY", key, 1);
    CHECK(load_ok(cdir, &ev) && ev == BX_CACHE_REPLACED, "and back: event %d", ev);

    /* bad keys: never used, never touched, and the run goes on */
    struct { const char *what, *needle; int setup; } bad[] = {
        {"group-readable key", "chmod 600", 1}, {"world-writable key", "chmod 600", 2},
        {"symlink to a good key", "symbolic link", 3}, {"truncated key (16 bytes)", "damaged", 4},
        {"empty key", "damaged", 5}, {"a directory as the key", "not a regular file", 6},
        {"key directory writable by others", "others can write", 7}, {"over-long key (33 bytes)", "damaged", 8},
    };
    char good_copy[1200];
    snprintf(good_copy, sizeof good_copy, "%s/keys/good.copy", base);
    write_file(good_copy, k1, 32);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unlink(key);
        rmdir(key);
        chmod(kdir, 0700);
        switch (bad[i].setup) {
        case 1: write_file(key, k1, 32); chmod(key, 0640); break;
        case 2: write_file(key, k1, 32); chmod(key, 0602); break;
        case 3: CHECK(symlink(good_copy, key) == 0, "symlink"); break;
        case 4: write_file(key, k1, 16); break;
        case 5: write_file(key, k1, 0); break;
        case 6: mkdir(key, 0700); break;
        case 7: write_file(key, k1, 32); chmod(kdir, 0777); break;
        case 8: { uint8_t b[33]; memcpy(b, k1, 32); b[32] = 1; write_file(key, b, 33); } break;
        }
        struct stat before, after;
        lstat(key, &before);
        int n0 = nentries(cdir);
        int ok = load_ok(cdir, &ev);
        CHECK(ok && ev == BX_CACHE_NO_KEY, "%s: the run works without the cache (ok %d, event %d)", bad[i].what, ok, ev);
        CHECK(nentries(cdir) == n0, "%s: nothing written to the cache", bad[i].what);
        why[0] = 0;
        CHECK(bxe_cache_load_key(mk, why, sizeof why) != 0 && strstr(why, bad[i].needle),
              "%s: refused with a reason naming it: \"%s\"", bad[i].what, why);
        const char *none = NULL;
        int w0 = 0;
        CHECK(bx_cache_check_grants(cdir, &none, &w0, 0, why, sizeof why) == BX_CACHE_SKIP,
              "%s: the grant check says skip", bad[i].what);
        lstat(key, &after);
        CHECK(before.st_ino == after.st_ino && before.st_mode == after.st_mode && before.st_size == after.st_size &&
                  before.st_mtime == after.st_mtime, "%s: the key was left as it was", bad[i].what);
        if (bad[i].setup == 3) {
            size_t gl;
            uint8_t *g = read_all(good_copy, &gl);
            CHECK(g && gl == 32 && !memcmp(g, k1, 32), "the symlink's target is untouched");
            free(g);
        }
    }
    chmod(kdir, 0700);
    unlink(key);
    rmdir(key);
    /* owned by someone else (root only) */
    if (geteuid() == 0) {
        write_file(key, k1, 32);
        CHECK(chown(key, 12345, 12345) == 0, "chown");
        CHECK(load_ok(cdir, &ev) && ev == BX_CACHE_NO_KEY, "foreign-owned key not used: event %d", ev);
        CHECK(bxe_cache_load_key(mk, why, sizeof why) != 0 && strstr(why, "not owned by you"), "reason: %s", why);
        unlink(key);
    }
    /* no place for a key: relative path, or no HOME/XDG */
    setenv("BOXAGNTS_CACHE_KEY", "relative/cache.key", 1);
    CHECK(load_ok(cdir, &ev) && ev == BX_CACHE_NO_KEY, "a relative key path is not used: event %d", ev);
    unsetenv("BOXAGNTS_CACHE_KEY");
    char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char *xdg = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
    unsetenv("HOME");
    unsetenv("XDG_CONFIG_HOME");
    CHECK(load_ok(cdir, &ev) && ev == BX_CACHE_NO_KEY, "no HOME: no cache, the run works: event %d", ev);
    /* XDG_CONFIG_HOME wins over HOME */
    char xdgdir[1200], xkey[1300];
    snprintf(xdgdir, sizeof xdgdir, "%s/xdg", base);
    setenv("XDG_CONFIG_HOME", xdgdir, 1);
    setenv("HOME", "/nonexistent-home", 1);
    snprintf(xkey, sizeof xkey, "%s/boxagnts/cache.key", xdgdir);
    CHECK(load_ok(cdir, &ev) && ev != BX_CACHE_NO_KEY && access(xkey, F_OK) == 0, "the key goes to $XDG_CONFIG_HOME/boxagnts");
    if (home) setenv("HOME", home, 1); else unsetenv("HOME");
    if (xdg) setenv("XDG_CONFIG_HOME", xdg, 1); else unsetenv("XDG_CONFIG_HOME");
    free(home);
    free(xdg);
    setenv("BOXAGNTS_CACHE_KEY", key, 1);
    free(k1);
}

/* ---- grants that reach the cache or its key --------------------------------------------- */

static void test_grants(void)
{
    char ws[1024], cache[1100], key[1100], kdir[1100], why[1024], outside[1100], link[1100];
    snprintf(ws, sizeof ws, "%s/g/ws", base);
    snprintf(kdir, sizeof kdir, "%s/g/cfg", base);
    snprintf(key, sizeof key, "%s/cache.key", kdir);
    snprintf(outside, sizeof outside, "%s/g/outside", base);
    char g[1100];
    snprintf(g, sizeof g, "%s/g", base);
    mkdir(g, 0700);
    mkdir(ws, 0700);
    mkdir(outside, 0700);
    setenv("BOXAGNTS_CACHE_KEY", key, 1);
    const char *hosts[2];
    int wr[2];
    char real_ws[1100], real_out[1100];
    CHECK(realpath(ws, real_ws) && realpath(outside, real_out), "realpath");
    hosts[0] = real_ws;
    wr[0] = 1;
    /* inside the writable grant, at any depth, existing or not */
    const char *sub[] = {"", "/.cache", "/a/b/c/cache", "/./x"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(cache, sizeof cache, "%s%s", ws, sub[i]);
        CHECK(bx_cache_check_grants(cache, hosts, wr, 1, why, sizeof why) == BX_CACHE_REFUSED && strstr(why, "--cache-dir"),
              "cache %s inside a writable grant: %s", cache, why);
    }
    /* above it */
    CHECK(bx_cache_check_grants(g, hosts, wr, 1, why, sizeof why) == BX_CACHE_REFUSED, "cache above a writable grant");
    CHECK(bx_cache_check_grants("/", hosts, wr, 1, why, sizeof why) == BX_CACHE_REFUSED, "cache at / above a writable grant");
    CHECK(bx_cache_check_grants("/", hosts, wr, 0, why, sizeof why) == BX_CACHE_USE, "cache at / without grants: %s", why);
    const char *root[1] = {"/"};
    CHECK(bx_cache_check_grants(outside, root, wr, 1, why, sizeof why) == BX_CACHE_REFUSED, "a writable grant of /");
    /* through a symlink into it, and through a link the guest could swap */
    snprintf(link, sizeof link, "%s/g/to-ws", base);
    symlink(ws, link);
    snprintf(cache, sizeof cache, "%s/cache", link);
    CHECK(bx_cache_check_grants(cache, hosts, wr, 1, why, sizeof why) == BX_CACHE_REFUSED, "cache reached by a link into the grant");
    snprintf(link, sizeof link, "%s/out", ws);
    symlink(outside, link);
    snprintf(cache, sizeof cache, "%s/out/cache", ws);
    CHECK(bx_cache_check_grants(cache, hosts, wr, 1, why, sizeof why) == BX_CACHE_REFUSED,
          "cache behind a link inside the grant (the guest can retarget it)");
    /* relative */
    char cwd[1024];
    CHECK(getcwd(cwd, sizeof cwd) && chdir(ws) == 0, "chdir");
    CHECK(bx_cache_check_grants(".cache", hosts, wr, 1, why, sizeof why) == BX_CACHE_REFUSED, "relative cache inside");
    CHECK(chdir(cwd) == 0, "chdir back");
    /* outside any grant is fine; under a read-only grant it is skipped */
    snprintf(cache, sizeof cache, "%s/cache", outside);
    CHECK(bx_cache_check_grants(cache, hosts, wr, 1, why, sizeof why) == BX_CACHE_USE, "cache outside: %s", why);
    hosts[1] = real_out;
    wr[1] = 0;
    CHECK(bx_cache_check_grants(cache, hosts, wr, 2, why, sizeof why) == BX_CACHE_SKIP, "cache under a read-only grant: %s", why);
    wr[1] = 1;
    CHECK(bx_cache_check_grants(cache, hosts, wr, 2, why, sizeof why) == BX_CACHE_REFUSED, "cache under a second, writable grant");
    /* a ".." after a missing component cannot be judged */
    snprintf(cache, sizeof cache, "%s/missing/../../ws/c", outside);
    CHECK(bx_cache_check_grants(cache, hosts, wr, 1, why, sizeof why) == BX_CACHE_REFUSED, "unresolvable cache path");

    /* the key: any grant that reaches it, read or write, means no cache */
    snprintf(cache, sizeof cache, "%s/cache", outside);
    char real_g[1100];
    CHECK(realpath(g, real_g) != NULL, "realpath g");
    const char *kh[1] = {real_g};
    int kw[1] = {0};
    /* (g holds the cache too, which alone means no cache now; the key's
     * own reason shows with the cache outside g) */
    CHECK(bx_cache_check_grants(cache, kh, kw, 1, why, sizeof why) == BX_CACHE_SKIP,
          "read grant above the key and the cache: %s", why);
    mkdir(kdir, 0700);
    char real_k[1100];
    CHECK(realpath(kdir, real_k) != NULL, "realpath kdir");
    kh[0] = real_k;
    CHECK(bx_cache_check_grants(cache, kh, kw, 1, why, sizeof why) == BX_CACHE_SKIP, "read grant of the key's directory");
    CHECK(bxe_cache_load_key((uint8_t[32]){0}, why, sizeof why) == 0, "key made");
    char real_key[1200];
    CHECK(realpath(key, real_key) != NULL, "realpath key");
    kh[0] = real_key;
    CHECK(bx_cache_check_grants(cache, kh, kw, 1, why, sizeof why) == BX_CACHE_SKIP, "a file grant of the key itself");
    kw[0] = 1;
    CHECK(bx_cache_check_grants(cache, kh, kw, 1, why, sizeof why) == BX_CACHE_SKIP, "a writable file grant of the key");
    /* a key reached through a link in a writable grant */
    char klink[1200];
    snprintf(klink, sizeof klink, "%s/keylink", ws);
    symlink(kdir, klink);
    char lkey[1300];
    snprintf(lkey, sizeof lkey, "%s/cache.key", klink);
    setenv("BOXAGNTS_CACHE_KEY", lkey, 1);
    hosts[0] = real_ws;
    wr[0] = 1;
    CHECK(bx_cache_check_grants(cache, hosts, wr, 1, why, sizeof why) == BX_CACHE_SKIP,
          "key path through a link in a writable grant: %s", why);
    setenv("BOXAGNTS_CACHE_KEY", key, 1);
    /* a grant beside the key (not above it) does not reach it */
    char side[1200], real_side[1200];
    snprintf(side, sizeof side, "%s/side", kdir);
    mkdir(side, 0700);
    CHECK(realpath(side, real_side) != NULL, "realpath side");
    kh[0] = real_side;
    kw[0] = 1;
    CHECK(bx_cache_check_grants(cache, kh, kw, 1, why, sizeof why) == BX_CACHE_USE, "a grant below the key's directory: %s", why);
}

/* bx_sandbox_run applies the same rule (every subcommand goes through it
 * or through the tool layer's check). */
static void test_sandbox_run(void)
{
    char ws[1024], cache[1100];
    snprintf(ws, sizeof ws, "%s/sr", base);
    mkdir(ws, 0700);
    snprintf(cache, sizeof cache, "%s/.cache", ws);
    bx_run_options o;
    bx_run_options_init(&o);
    bx_error err;
    char cap[] = "write:/workspace";
    int setup = bx_run_options_set_workspace(&o, ws, &err) == BX_OK && bx_run_options_add_cap(&o, cap, &err) == BX_OK;
    CHECK(setup, "options: %s", err.msg);
    o.g.cache_dir = strdup(cache);
    bx_run_result r;
    bx_run_io io;
    memset(&io, 0, sizeof io);
    bx_status st = bx_sandbox_run(&o, ADD_WASM, sizeof ADD_WASM, &io, &r, &err);
    CHECK(st != BX_OK && r.outcome == BX_RUN_LOAD_ERROR && strstr(r.message, "writable grant"),
          "bx_sandbox_run refuses a cache in its writable grant: %d %s", st, r.message);
    CHECK(access(cache, F_OK) != 0, "the refused cache dir was not created");
    bx_run_result_free(&r);
    bx_run_options_free(&o);
}

int main(void)
{
    if (!mkdtemp(base)) {
        perror("mkdtemp");
        return 1;
    }
    char key[1100], dir[1100];
    snprintf(key, sizeof key, "%s/key/cache.key", base);
    setenv("BOXAGNTS_CACHE_KEY", key, 1);
    test_hmac();
    test_reference_typing();
    test_ranges();
    test_every_opcode();
    test_type_canon();
    snprintf(dir, sizeof dir, "%s/c1", base);
    test_no_key_forgery(dir);
    uint8_t mk[32];
    char why[512];
    CHECK(bxe_cache_load_key(mk, why, sizeof why) == 0, "the test's key: %s", why);
    snprintf(dir, sizeof dir, "%s/c2", base);
    mkdir(dir, 0700);
    test_signed_forgery(dir, mk);
    test_key_file();
    test_grants();
    test_sandbox_run();
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s 2>/dev/null; rm -rf %s", base, base);
    if (system(cmd) != 0) printf("(could not remove %s)\n", base);
    return check_report();
}
