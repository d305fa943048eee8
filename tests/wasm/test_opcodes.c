/*
 * test_opcodes.c — the instruction table and the shared readers of
 * src/wasm/opcodes.h:
 *  - the LEB128 reader against a reference written here bit by bit (every
 *    length from 1 to 11 bytes, both signs, widths 32/33/64, random and
 *    edge bit patterns, truncations): same value, same verdict (too long,
 *    too large, end of input) and same stopping place;
 *  - the table: the numeric and memory rows map to the internal opcodes in
 *    wasm order (what the interpreter's dispatch relies on), every row has
 *    a name, and the immediates skipper refuses exactly the opcodes the
 *    table does not have;
 *  - the value-type check knows exactly the seven types of the binary
 *    format (v128 included: the copies it replaced disagreed on it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "code.h"
#include "opcodes.h"
#include "simd.h"

/* Reference: the spec's unsigned/signed LEB128 as a bit string.  Returns
 * the verdict and sets *used (bytes consumed, or the index of the
 * offending byte) and *val. */
static bxe_rderr ref_leb(const uint8_t *p, size_t n, unsigned bits, int sign, size_t *used,
                         uint64_t *val)
{
    unsigned maxbytes = (bits + 6) / 7;
    uint8_t bit[80];
    size_t nb = 0, i;
    for (i = 0;; i++) {
        if (i >= n) { *used = n; return BXE_RD_EOF; }
        uint8_t b = p[i];
        for (int k = 0; k < 7; k++) bit[nb++] = (b >> k) & 1;
        if (i == maxbytes - 1) {
            if (b & 0x80) { *used = i; return BXE_RD_TOO_LONG; }
            /* bits at positions >= bits (or >= bits-1 for signed, which
             * must all equal the sign bit) */
            if (!sign) {
                for (size_t k = bits; k < nb; k++)
                    if (bit[k]) { *used = i; return BXE_RD_TOO_LARGE; }
            } else {
                for (size_t k = bits; k < nb; k++)
                    if (bit[k] != bit[bits - 1]) { *used = i; return BXE_RD_TOO_LARGE; }
            }
            break;
        }
        if (!(b & 0x80)) break;
    }
    uint64_t v = 0;
    for (size_t k = 0; k < nb && k < 64; k++) v |= (uint64_t)bit[k] << k;
    if (sign && bit[nb - 1])
        for (size_t k = nb; k < 64; k++) v |= (uint64_t)1 << k;
    *used = i + 1;
    *val = v;
    return BXE_RD_OK;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void test_leb(void)
{
    static const unsigned widths[] = {32, 33, 64};
    int mismatches = 0, cases = 0, seen[5] = {0};
    for (int iter = 0; iter < 200000; iter++) {
        uint8_t buf[12];
        size_t len = 1 + next() % 11;
        for (size_t i = 0; i < len; i++) {
            uint64_t r = next();
            /* mostly continuation bytes so long encodings occur; edge
             * bytes 0x00, 0x7F, 0x40, 0x80, 0xFF often */
            static const uint8_t edge[] = {0x00, 0x7F, 0x40, 0x3F, 0x80, 0xFF, 0xC0, 0x01};
            buf[i] = (r & 3) == 0 ? edge[(r >> 2) % 8] : (uint8_t)(r >> 8);
            if (i + 1 < len && (r >> 20) % 3) buf[i] |= 0x80;
        }
        unsigned bits = widths[next() % 3];
        int sign = (int)(next() & 1);
        size_t used;
        uint64_t rv = 0, v = 0;
        bxe_rderr re = ref_leb(buf, len, bits, sign, &used, &rv);
        const uint8_t *p = buf;
        bxe_rderr e = bxe_leb(&p, buf + len, bits, sign != 0, &v);
        cases++;
        seen[re]++;
        if (e != re || (size_t)(p - buf) != used || (e == BXE_RD_OK && v != rv)) {
            if (mismatches++ < 5)
                printf("  leb mismatch: len %zu bits %u sign %d: got %d at %td (%016llx), ref %d at %zu (%016llx)\n",
                       len, bits, sign, e, p - buf, (unsigned long long)v, re, used,
                       (unsigned long long)rv);
        }
    }
    CHECK(mismatches == 0, "%d of %d LEB128 cases differ from the reference", mismatches, cases);
    CHECK(seen[BXE_RD_OK] > 1000 && seen[BXE_RD_EOF] > 1000 && seen[BXE_RD_TOO_LONG] > 100 &&
              seen[BXE_RD_TOO_LARGE] > 100,
          "every verdict exercised (ok %d, eof %d, too long %d, too large %d)", seen[BXE_RD_OK],
          seen[BXE_RD_EOF], seen[BXE_RD_TOO_LONG], seen[BXE_RD_TOO_LARGE]);
    /* the extremes, by hand */
    static const uint8_t max32[] = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, over32[] = {0xFF, 0xFF, 0xFF, 0xFF, 0x1F};
    static const uint8_t min32s[] = {0x80, 0x80, 0x80, 0x80, 0x78}, bad32s[] = {0x80, 0x80, 0x80, 0x80, 0x70};
    const uint8_t *p = max32;
    uint64_t v = 0;
    CHECK(bxe_leb(&p, max32 + 5, 32, false, &v) == BXE_RD_OK && v == 0xFFFFFFFFu, "u32 max");
    p = over32;
    CHECK(bxe_leb(&p, over32 + 5, 32, false, &v) == BXE_RD_TOO_LARGE && p == over32 + 4, "u32 max + bit");
    p = min32s;
    CHECK(bxe_leb(&p, min32s + 5, 32, true, &v) == BXE_RD_OK && (int64_t)v == INT32_MIN, "s32 min");
    p = bad32s;
    CHECK(bxe_leb(&p, bad32s + 5, 32, true, &v) == BXE_RD_TOO_LARGE, "s32 unused bits not the sign");
}

static void test_table(void)
{
    int bad = 0;
    for (unsigned op = 0x45; op <= 0xC4; op++)
        bad += bxe_ops[op].cls != BXE_CLASS_NUM || bxe_ops[op].iop != BXOP_I32_EQZ + (op - 0x45) ||
               !bxe_ops[op].a || !bxe_ops[op].r;
    CHECK(bad == 0, "%d numeric rows out of wasm order or untyped", bad);
    bad = 0;
    for (unsigned op = 0x28; op <= 0x3E; op++)
        bad += bxe_ops[op].cls != BXE_CLASS_MEM || bxe_ops[op].iop != BXOP_I32_LOAD + (op - 0x28) ||
               bxe_ops[op].imm != BXE_IMM_MEMARG || bxe_ops[op].align > 3 ||
               !(op <= 0x35 ? bxe_ops[op].r : bxe_ops[op].a);
    CHECK(bad == 0, "%d memory rows out of wasm order or malformed", bad);
    bad = 0;
    for (unsigned s = 0; s < 8; s++)
        bad += bxe_ops_fc[s].iop != BXOP_I32_TRUNC_SAT_F32_S + s || !bxe_ops_fc[s].a;
    CHECK(bad == 0, "%d saturating truncations out of order", bad);
    /* known opcodes: the skipper refuses exactly the ones without a row
     * (the immediates' bytes here are 0x40 then zeros: a malformed
     * immediate is another verdict than ILLEGAL) */
    int known = 0, disagree = 0;
    for (unsigned op = 0; op < 256; op++) {
        if (op == 0xFC || op == 0xFD) continue;
        uint8_t b[40] = {0};
        b[0] = (uint8_t)op;
        b[1] = 0x40;                /* a block type; then zeros */
        const uint8_t *p = b + 1;
        bxe_ins in;
        bxe_rderr e = bxe_skip_imm(&p, b + sizeof b, (uint8_t)op, 1, &in);
        if (bxe_ops[op].name) known++;
        disagree += (e == BXE_RD_ILLEGAL) != (bxe_ops[op].name == NULL);
    }
    CHECK(disagree == 0, "%d opcodes where the skipper and the table disagree", disagree);
    /* 128 numeric, 23 memory, 34 others (control, calls, variables,
     * tables, memory size/grow, constants, references) */
    CHECK(known == 128 + 23 + 34, "%d one-byte opcodes known", known);
    int simd = 0;
    for (unsigned s = 0; s < 256; s++) simd += bxe_simd_info_of(s).kind != SK_NONE;
    CHECK(simd == 236, "%d SIMD opcodes (WebAssembly 2.0 has 236)", simd);
    CHECK(bxe_ops_hash(1) != bxe_ops_hash(2) && bxe_ops_hash(7) == bxe_ops_hash(7),
          "the table hash is seeded and deterministic");
}

static void test_valtype(void)
{
    static const uint8_t types[] = {BX_I32, BX_I64, BX_F32, BX_F64, BX_V128, BX_FUNCREF, BX_EXTERNREF};
    int n = 0, wrong = 0;
    for (unsigned b = 0; b < 256; b++) {
        int in = memchr(types, (int)b, sizeof types) != NULL;
        n += bxe_is_valtype((uint8_t)b);
        wrong += bxe_is_valtype((uint8_t)b) != in;
        wrong += bxe_is_reftype((uint8_t)b) != (b == BX_FUNCREF || b == BX_EXTERNREF);
    }
    CHECK(wrong == 0 && n == 7, "value types: %d known, %d wrong", n, wrong);
}

int main(void)
{
    test_leb();
    test_table();
    test_valtype();
    return check_report();
}
