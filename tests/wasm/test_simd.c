/*
 * test_simd.c — SIMD through the public API and the module cache's
 * verifier (the spec testsuite covers the instructions themselves, and
 * tests/simd the compiler's v128 paths against V8):
 *  - a v128 is two bx_val entries in bx_func_call, low half first; a call
 *    that counts it once, or types its halves differently, is refused;
 *  - v128 loads and stores at the end of memory: the last in-bounds
 *    address works, one more traps and writes nothing;
 *  - compiled SIMD code serialised by the cache is refused when any
 *    operand is out of its range (unknown sub-opcode, a v128 slot that
 *    does not fit the frame, lane index, global index or type, shuffle
 *    lane), and accepted unaltered or with a harmless change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "../check.h"
#include "code.h"
#include "module.h"
#include "simd.h"

/* wat2wasm of:
 * (module
 *   (memory 1 1)
 *   (global $g (mut v128) (v128.const i32x4 1 2 3 4))
 *   (global $n (mut i64) (i64.const 0))
 *   (func (export "f") (param $a v128) (param $p i32) (param $b v128) (result v128 i32)
 *     (local $t v128)
 *     (local.set $t (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get $a) (local.get $b)))
 *     (global.set $g (i32x4.add (global.get $g) (local.get $t)))
 *     (v128.store offset=16 (local.get $p) (global.get $g))
 *     (i32x4.replace_lane 2 (v128.load offset=16 (local.get $p)) (i8x16.extract_lane_u 15 (local.get $b)))
 *     (local.get $p))
 *   (func (export "st") (param $p i32) (param $v v128) (v128.store (local.get $p) (local.get $v)))
 *   (func (export "ld") (param $p i32) (result v128) (v128.load (local.get $p)))
 *   (func (export "stl") (param $p i32) (param $v v128)
 *     (v128.store32_lane 3 (local.get $p) (local.get $v))))
 */
static const uint8_t UNIT_WASM[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x13, 0x03, 0x60,
  0x03, 0x7b, 0x7f, 0x7b, 0x02, 0x7b, 0x7f, 0x60, 0x02, 0x7f, 0x7b, 0x00,
  0x60, 0x01, 0x7f, 0x01, 0x7b, 0x03, 0x05, 0x04, 0x00, 0x01, 0x02, 0x01,
  0x05, 0x04, 0x01, 0x01, 0x01, 0x01, 0x06, 0x1b, 0x02, 0x7b, 0x01, 0xfd,
  0x0c, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00,
  0x00, 0x04, 0x00, 0x00, 0x00, 0x0b, 0x7e, 0x01, 0x42, 0x00, 0x0b, 0x07,
  0x15, 0x04, 0x01, 0x66, 0x00, 0x00, 0x02, 0x73, 0x74, 0x00, 0x01, 0x02,
  0x6c, 0x64, 0x00, 0x02, 0x03, 0x73, 0x74, 0x6c, 0x00, 0x03, 0x0a, 0x5f,
  0x04, 0x3d, 0x01, 0x01, 0x7b, 0x20, 0x00, 0x20, 0x02, 0xfd, 0x0d, 0x00,
  0x11, 0x02, 0x13, 0x04, 0x15, 0x06, 0x17, 0x08, 0x19, 0x0a, 0x1b, 0x0c,
  0x1d, 0x0e, 0x1f, 0x21, 0x03, 0x23, 0x00, 0x20, 0x03, 0xfd, 0xae, 0x01,
  0x24, 0x00, 0x20, 0x01, 0x23, 0x00, 0xfd, 0x0b, 0x04, 0x10, 0x20, 0x01,
  0xfd, 0x00, 0x04, 0x10, 0x20, 0x02, 0xfd, 0x16, 0x0f, 0xfd, 0x1c, 0x02,
  0x20, 0x01, 0x0b, 0x0a, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x0b, 0x04,
  0x00, 0x0b, 0x08, 0x00, 0x20, 0x00, 0xfd, 0x00, 0x04, 0x00, 0x0b, 0x0b,
  0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0x5a, 0x02, 0x00, 0x03, 0x0b
};

static bx_func *export_func(bx_instance *inst, const char *name)
{
    bx_extern e;
    if (!bx_instance_export(inst, name, &e) || e.kind != BX_EXTERN_FUNC) return NULL;
    return e.of.func;
}

static bx_val v128_half(uint64_t bits)
{
    bx_val v;
    v.type = BX_V128;
    v.bits = bits;
    return v;
}

static void test_api(void)
{
    bx_error err;
    bx_module *m = bx_module_new(UNIT_WASM, sizeof UNIT_WASM, &err);
    CHECK(m != NULL, "the SIMD unit module compiles: %s", m ? "" : err.msg);
    if (!m) return;
    bx_store *s = bx_store_new(NULL);
    bx_instance *inst = bx_instance_new(s, m, NULL, 0, &err);
    CHECK(inst != NULL, "instantiates");
    if (!inst) goto out;
    bx_func *f = export_func(inst, "f");
    /* a = bytes 0..15, p = 100, b = bytes 0x10..0x1f */
    bx_val args[5] = {v128_half(0x0706050403020100ull), v128_half(0x0f0e0d0c0b0a0908ull),
                      {BX_I32, 100}, v128_half(0x1716151413121110ull),
                      v128_half(0x1f1e1d1c1b1a1918ull)};
    bx_val res[3];
    memset(res, 0, sizeof res);
    bx_status st = bx_func_call(s, f, args, 5, res, 3, &err);
    CHECK(st == BX_OK, "f runs (%d: %s)", (int)st, err.msg);
    /* by hand: t = bytes 00 11 02 13 04 15 .. 0e 1f; g = (1,2,3,4) + t as
     * i32 lanes = 13021101 17061506 1b0a190b 1f0e1d10; lane 2 replaced by
     * byte 15 of b (0x1f) */
    CHECK(res[0].type == BX_V128 && res[1].type == BX_V128 && res[2].type == BX_I32,
          "result types v128 v128 i32: %d %d %d", res[0].type, res[1].type, res[2].type);
    CHECK(res[0].bits == 0x1706150613021101ull && res[1].bits == 0x1f0e1d100000001full,
          "v128 result %016llx %016llx", (unsigned long long)res[1].bits,
          (unsigned long long)res[0].bits);
    CHECK(res[2].bits == 100, "i32 result %llu", (unsigned long long)res[2].bits);
    /* the global was updated: a second call adds t again (13021101 +
     * 13021100 = 26042201, 17061506 + 17061504 = 2e0c2a0a) */
    st = bx_func_call(s, f, args, 5, res, 3, &err);
    CHECK(st == BX_OK && res[0].bits == 0x2e0c2a0a26042201ull, "second call sees the global: %016llx",
          (unsigned long long)res[0].bits);
    /* the v128 counted once, or a half of another type: refused */
    bx_val three[3] = {args[0], args[2], args[3]};
    CHECK(bx_func_call(s, f, three, 3, res, 3, &err) == BX_ERR_ARG, "a v128 passed as one entry refused");
    bx_val odd[5];
    memcpy(odd, args, sizeof odd);
    odd[1].type = BX_I64;
    CHECK(bx_func_call(s, f, odd, 5, res, 3, &err) == BX_ERR_ARG, "a v128 half of type i64 refused");
    CHECK(bx_func_call(s, f, args, 5, res, 2, &err) == BX_ERR_ARG, "room for 2 of 3 result entries refused");

    /* memory bounds: 1 page */
    bx_memory *mem = bx_instance_memory(inst, 0);
    uint8_t *data = bx_memory_data(mem);
    uint64_t size = bx_memory_size(mem);
    bx_func *stf = export_func(inst, "st"), *ldf = export_func(inst, "ld"), *stl = export_func(inst, "stl");
    bx_val sa[3] = {{BX_I32, size - 16}, v128_half(0x1111111111111111ull), v128_half(0x2222222222222222ull)};
    CHECK(bx_func_call(s, stf, sa, 3, NULL, 0, &err) == BX_OK, "v128.store at size-16");
    CHECK(data[size - 16] == 0x11 && data[size - 1] == 0x22, "stored bytes at the end");
    memset(data + size - 32, 0x5a, 32);
    sa[0].bits = size - 15;
    CHECK(bx_func_call(s, stf, sa, 3, NULL, 0, &err) == BX_ERR_TRAP && err.trap == BX_TRAP_MEMORY_OOB,
          "v128.store at size-15 traps");
    int untouched = 1;
    for (int i = 0; i < 32; i++) untouched &= data[size - 32 + i] == 0x5a;
    CHECK(untouched, "a trapping v128.store writes nothing");
    sa[0].bits = 0xFFFFFFF8u;
    CHECK(bx_func_call(s, stf, sa, 3, NULL, 0, &err) == BX_ERR_TRAP, "v128.store at 2^32-8 traps");
    bx_val la = {BX_I32, size - 16}, lr[2];
    CHECK(bx_func_call(s, ldf, &la, 1, lr, 2, &err) == BX_OK && lr[0].bits == 0x5a5a5a5a5a5a5a5aull,
          "v128.load at size-16");
    la.bits = size - 15;
    CHECK(bx_func_call(s, ldf, &la, 1, lr, 2, &err) == BX_ERR_TRAP, "v128.load at size-15 traps");
    sa[0].bits = size - 4;
    sa[2].bits = 0x44332211aabbccddull;
    CHECK(bx_func_call(s, stl, sa, 3, NULL, 0, &err) == BX_OK && data[size - 4] == 0x11 &&
              data[size - 1] == 0x44,
          "v128.store32_lane 3 at size-4");
    sa[0].bits = size - 3;
    memset(data + size - 8, 0x5a, 8);
    CHECK(bx_func_call(s, stl, sa, 3, NULL, 0, &err) == BX_ERR_TRAP && data[size - 3] == 0x5a &&
              data[size - 1] == 0x5a,
          "v128.store32_lane at size-3 traps and writes nothing");
out:
    bx_store_free(s);
    bx_module_free(m);
}

/* ---- the cache's verifier ------------------------------------------------ */

static const uint8_t op_w[] = {
#define W_(n, w) (w),
    BX_OPS(W_)
#undef W_
};

typedef struct mut { uint32_t func, word, value; } mut;

/* Serialise the module with one code word changed; 1 if the cache loads
 * it back, 0 if it refuses, -1 on a test error. */
static int loads_with(uint32_t func, uint32_t word, uint32_t value)
{
    bx_error err;
    bx_module *m = bx_module_new(UNIT_WASM, sizeof UNIT_WASM, &err);
    if (!m) return -1;
    struct bx_code *c = m->funcs[func].code;
    if (word < c->len) c->code[word] = value;
    uint8_t *p;
    size_t n;
    int r = -1;
    if (bxe_module_serialize(m, &p, &n) == BX_OK) {
        bx_module *d = bxe_module_deserialize(p, n, UNIT_WASM, sizeof UNIT_WASM);
        r = d != NULL;
        bx_module_free(d);
        free(p);
    }
    bx_module_free(m);
    return r;
}

static void test_verifier(void)
{
    bx_error err;
    bx_module *m = bx_module_new(UNIT_WASM, sizeof UNIT_WASM, &err);
    if (!m) {
        CHECK(0, "module");
        return;
    }
    CHECK(loads_with(0, UINT32_MAX, 0) == 1, "the unaltered module loads from the cache");
    int nsimd = 0, nshuf = 0, kinds[32] = {0};
    int accepted_bad = 0, refused_good = 0;
    for (uint32_t f = 0; f < m->nfuncs; f++) {
        const struct bx_code *c = m->funcs[f].code;
        uint32_t fs = c->frame_size;
        for (uint32_t pc = 0; pc < c->len; pc += 1 + op_w[c->code[pc]]) {
            const uint32_t *o = c->code + pc + 1;
            if (c->code[pc] == BXOP_SIMD_SHUFFLE) {
                nshuf++;
                accepted_bad += loads_with(f, pc + 4, o[3] | 32u) != 0;     /* lane 32 */
                accepted_bad += loads_with(f, pc + 1, fs - 1) != 0;         /* d: 1 slot left */
                accepted_bad += loads_with(f, pc + 3, fs) != 0;
                refused_good += loads_with(f, pc + 4, o[3] ^ 1u) != 1;      /* another lane */
                continue;
            }
            if (c->code[pc] != BXOP_SIMD) continue;
            nsimd++;
            bx_simd_info in = bxe_simd_info_of(o[0]);
            kinds[in.kind]++;
            accepted_bad += loads_with(f, pc + 1, 0x9a) != 0;               /* unassigned */
            accepted_bad += loads_with(f, pc + 1, BXS_COUNT) != 0;
            accepted_bad += loads_with(f, pc + 1, 0x0c) != 0;               /* v128.const: never OP_SIMD */
            switch (in.kind) {
            case SK_LOAD: case SK_BIN: case SK_REPLACE: case SK_GGET: case SK_UN:
                accepted_bad += loads_with(f, pc + 2, fs - 1) != 0;         /* v128 result */
                break;
            case SK_STORE: case SK_STORE_LANE: case SK_GSET:
                accepted_bad += loads_with(f, pc + 2, 1) != 0;              /* d must be 0 */
                break;
            default: break;
            }
            if (in.kind == SK_BIN || in.kind == SK_STORE || in.kind == SK_STORE_LANE)
                accepted_bad += loads_with(f, pc + 4, fs - 1) != 0;         /* v128 operand b */
            if (in.kind == SK_EXTRACT || in.kind == SK_REPLACE || in.kind == SK_STORE_LANE) {
                accepted_bad += loads_with(f, pc + 5, in.lanes) != 0;
                refused_good += loads_with(f, pc + 5, in.lanes - 1) != 1;
            }
            if (in.kind == SK_GGET || in.kind == SK_GSET) {
                accepted_bad += loads_with(f, pc + 6, 1) != 0;              /* the i64 global */
                accepted_bad += loads_with(f, pc + 6, m->nglobals_total) != 0;
            }
            if (in.kind == SK_LOAD || in.kind == SK_STORE)
                refused_good += loads_with(f, pc + 5, 12345) != 1;          /* address addend */
        }
    }
    CHECK(nsimd >= 8 && nshuf == 1, "SIMD instructions found: %d (+%d shuffle)", nsimd, nshuf);
    CHECK(kinds[SK_LOAD] && kinds[SK_STORE] && kinds[SK_STORE_LANE] && kinds[SK_EXTRACT] &&
              kinds[SK_REPLACE] && kinds[SK_BIN] && kinds[SK_GGET] && kinds[SK_GSET],
          "every kind of the module seen");
    CHECK(accepted_bad == 0, "%d bad SIMD operands accepted by the cache", accepted_bad);
    CHECK(refused_good == 0, "%d harmless changes refused", refused_good);
    bx_module_free(m);
}

int main(void)
{
    test_api();
    test_verifier();
    return check_report();
}
