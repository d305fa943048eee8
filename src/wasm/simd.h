/*
 * simd.h — the 0xFD (SIMD, 128-bit vector) instructions: one table of their
 * immediates and operand types (used by compile.c and cache.c) and their
 * execution (used by interp.c).  Private to src/wasm.
 *
 * A v128 value occupies two consecutive 64-bit slots, low half first
 * (little-endian lane order: lane 0 is the low byte of the first slot).
 * The compiler's type lists spell a v128 as two entries, BX_V128_LO then
 * BX_V128, so every "one value = one slot" rule of code.h keeps holding.
 *
 * Internal code: OP_SIMD sub d a b c k (6 operand words), where sub is
 * the wasm sub-opcode (0..255) or one of the BXS_* below; OP_SIMD_SHUFFLE
 * d a b m0 m1 m2 m3 (the 16 lane indices, 4 per word).  What d a b c k
 * mean depends on the kind of sub (see bx_simd_info).
 */
#ifndef BX_WASM_SIMD_H
#define BX_WASM_SIMD_H

#include <stdbool.h>
#include <stdint.h>

#include "boxagnts.h"

struct bx_module;
struct bx_global;

/* Pseudo value type of the low half of a v128 in expanded type lists. */
#define BX_V128_LO 0x01

/* Internal sub-opcodes beyond the wasm ones. */
enum { BXS_GLOBAL_GET = 0x100, BXS_GLOBAL_SET = 0x101, BXS_COUNT = 0x102 };

/* Kinds of SIMD instruction; the operand words they use:
 *   LOAD       d=v128 a=addr c=addend k=offset: address (u32)(a + c) + k
 *   STORE      a=addr b=v128 c=addend k=offset
 *   LOAD_LANE  d=v128 a=addr b=v128 c=lane k=offset
 *   STORE_LANE a=addr b=v128 c=lane k=offset
 *   EXTRACT    d=scalar a=v128 c=lane
 *   REPLACE    d=v128 a=v128 b=scalar c=lane
 *   UN d a, BIN d a b, TERN d a b c (all v128); TEST d=i32 a=v128;
 *   SHIFT d=v128 a=v128 b=i32; SPLAT d=v128 a=scalar
 *   GGET d=v128 k=global; GSET a=v128 k=global
 * Unused words are 0.  CONST and SHUFFLE are compiled otherwise. */
enum {
    SK_NONE, SK_LOAD, SK_STORE, SK_LOAD_LANE, SK_STORE_LANE, SK_EXTRACT, SK_REPLACE,
    SK_UN, SK_BIN, SK_TERN, SK_TEST, SK_SHIFT, SK_SPLAT, SK_CONST, SK_SHUFFLE,
    SK_GGET, SK_GSET
};

typedef struct bx_simd_info {
    uint8_t kind;       /* SK_* (SK_NONE: no such instruction) */
    uint8_t scalar;     /* the scalar operand/result type, if any */
    uint8_t lanes;      /* lane count for lane immediates */
    uint8_t align;      /* log2 of the natural alignment (memory kinds) */
} bx_simd_info;

/* Description of sub-opcode sub (wasm 0..255 or BXS_*). */
bx_simd_info bxe_simd_info_of(uint32_t sub);

/* Cache verifier: operand words o[] of an OP_SIMD (shuffle false) or
 * OP_SIMD_SHUFFLE instruction are well formed for a frame of `frame`
 * slots in module m. */
bool bxe_simd_verify(const struct bx_module *m, bool shuffle, const uint32_t *o, uint32_t frame);

/* Execute the OP_SIMD whose operand words start at w (w[0] = sub), and
 * the OP_SIMD instructions that directly follow it.  Returns the position
 * of the next other instruction's opcode word, or NULL after an out of
 * bounds memory access (the only trap a SIMD instruction has).  Takes the
 * instance rather than the interpreter's memory registers: passing those
 * made gcc spill them in the whole dispatch loop. */
const uint32_t *bxe_simd_run(const uint32_t *w, uint64_t *fp, bx_instance *inst);
void bxe_simd_shuffle(const uint32_t *w, uint64_t *fp);

/* Slots taken by a list of value types (a v128 takes two). */
static inline uint32_t bx_type_slots(const bx_valtype *t, uint32_t n)
{
    uint32_t s = n;
    for (uint32_t i = 0; i < n; i++) s += t[i] == BX_V128;
    return s;
}

#endif
