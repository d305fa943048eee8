/*
 * code.h — the internal code of a compiled function body (private to
 * compile.c and interp.c).
 *
 * Register-style code: every value of a frame lives in a 64-bit slot
 * addressed relative to the frame pointer fp:
 *
 *     fp[0 .. nparams)            parameters
 *     fp[nparams .. nlocals)      declared locals (zeroed on entry)
 *     fp[nlocals .. sbase)        constants used inside loops (sbase =
 *                                 nlocals + nconsts), copied in on entry
 *     fp[sbase .. frame_size)     operand-stack slots; the wasm operand at
 *                                 stack height h lives in fp[sbase + h]
 *
 * The compiler knows the height of every operand statically, so each
 * instruction names its operands by slot index.  local.get does not copy:
 * its consumer reads the local's slot directly; local.set of a freshly
 * computed value retargets the producer's destination; local.tee and the
 * i32/f32/i64/f64 reinterpretations cost nothing.
 *
 * Encoding: an array of uint32_t words.  Each instruction is one opcode
 * word (an index into the interpreter's dispatch table; never an address)
 * followed by fixed operand words: slot indices, immediates, and branch
 * targets as word indices into the same array.  Nothing is a pointer, so
 * the array can be cached on disk and shared by threads.
 *
 * Conventions: `d` destination slot, `a`/`b`/`c` source slots, `k` 32-bit
 * immediate, `lo hi` a 64-bit immediate, `t` a branch target (word index),
 * `off` a memarg offset, `x` a module index (function, global, table...).
 * i32/f32 values are kept zero-extended in their 64-bit slot.
 *
 * Fuel is charged per straight-line block: OP_FUEL n heads every block that
 * can be entered other than by falling through (function entry, then/else
 * arms, block ends that are branch targets), OP_LOOP n heads every loop
 * (and also checks the interrupt flag).  n counts the wasm instructions of
 * the block.
 */
#ifndef BX_WASM_CODE_H
#define BX_WASM_CODE_H

#include <stdint.h>

/* Branches: BR t; BR_IF/BR_UNLESS a t (i32 a != 0 / == 0); compare-and-
 * branch a b t (taken if a OP b), _K forms a k t; BR_I64_EQZ/NEZ a t. */
#define BX_BRANCH_OPS(X, S)                                                 \
    X(BR##S, 1) X(BR_IF##S, 2) X(BR_UNLESS##S, 2)                           \
    X(BR_I32_EQ##S, 3) X(BR_I32_NE##S, 3) X(BR_I32_LT_S##S, 3)              \
    X(BR_I32_LT_U##S, 3) X(BR_I32_GT_S##S, 3) X(BR_I32_GT_U##S, 3)          \
    X(BR_I32_LE_S##S, 3) X(BR_I32_LE_U##S, 3) X(BR_I32_GE_S##S, 3)          \
    X(BR_I32_GE_U##S, 3)                                                    \
    X(BR_I32_EQ_K##S, 3) X(BR_I32_NE_K##S, 3) X(BR_I32_LT_S_K##S, 3)        \
    X(BR_I32_LT_U_K##S, 3) X(BR_I32_GT_S_K##S, 3) X(BR_I32_GT_U_K##S, 3)    \
    X(BR_I32_LE_S_K##S, 3) X(BR_I32_LE_U_K##S, 3) X(BR_I32_GE_S_K##S, 3)    \
    X(BR_I32_GE_U_K##S, 3)                                                  \
    X(BR_I64_EQZ##S, 2) X(BR_I64_NEZ##S, 2)

/* in the order: reg add reg cmp, reg add k cmp, k add reg cmp, k add k cmp */
#define BX_ADDBR(X, C)                                                      \
    X(ADD_BR_##C, 5) X(ADD_BR_##C##_K, 5) X(ADDK_BR_##C, 5)                  \
    X(ADDK_BR_##C##_K, 5)

/* WebAssembly 3.0 features compilers emit (kept together).  Tail calls:
 * args at fp[a..], moved to fp[0..) and the frame reused (RETURN_CALL x a,
 * RETURN_CALL_INDIRECT typeidx table c a).  Multi-memory: memory
 * instructions on a memory other than 0 (memory 0 keeps the fast ops);
 * `mem` a memory index, `op` the wasm load/store opcode 0x28..0x3E. */
#define BX_OPS3(X)                                                          \
    X(RETURN_CALL, 2) X(RETURN_CALL_INDIRECT, 4)                            \
    X(MLOAD, 5)             /* d a off mem op */                            \
    X(MSTORE, 5)            /* a b off mem op */                            \
    X(MMEMORY_SIZE, 2)      /* d mem */                                     \
    X(MMEMORY_GROW, 3)      /* d a mem */                                   \
    X(MMEMORY_INIT, 5)      /* mem seg a b c */                             \
    X(MMEMORY_COPY, 5)      /* memd mems a b c */                           \
    X(MMEMORY_FILL, 4)      /* mem a b c */

/* X(name, operand words) */
#define BX_OPS(X)                                                           \
    X(UNREACHABLE, 0)                                                       \
    X(FUEL, 1)              /* n */                                         \
    X(LOOP, 1)              /* n: fuel + interrupt check */                 \
    X(BR_TABLE, 2)          /* a n t0..tn: (n+1 targets follow) */         \
    X(RETURN, 2)            /* n a: results fp[a..a+n) -> fp[0..n) */       \
    X(RETURN0, 0)                                                           \
    X(RETURN1, 1)           /* a */                                         \
    X(CALL, 2)              /* x a: args at fp[a..] (callee frame base) */ \
    X(CALL_INDIRECT, 4)     /* typeidx table c a: c = element index slot */ \
    X(SELECT, 4)            /* d c a b: d = c ? a : b */                    \
    X(COPY, 2)              /* d a */                                       \
    X(COPY2, 4)             /* d a e b: fp[d] = fp[a]; then fp[e] = fp[b] */ \
    X(CONST32, 2)           /* d k */                                       \
    X(CONST64, 3)           /* d lo hi */                                   \
    X(GLOBAL_GET, 2)        /* d x */                                       \
    X(GLOBAL_SET, 2)        /* x a */                                       \
    X(TABLE_GET, 3)         /* d x a */                                     \
    X(TABLE_SET, 3)         /* x a b: table[a] = b */                       \
    X(TABLE_SIZE, 2)        /* d x */                                       \
    X(TABLE_GROW, 4)        /* d x a b: init a, delta b */                  \
    X(TABLE_FILL, 4)        /* x a b c: i, val, n */                        \
    X(TABLE_COPY, 5)        /* xd xs a b c: d, s, n */                      \
    X(TABLE_INIT, 5)        /* x seg a b c */                               \
    X(ELEM_DROP, 1)         /* seg */                                       \
    X(MEMORY_SIZE, 1)       /* d */                                         \
    X(MEMORY_GROW, 2)       /* d a */                                       \
    X(MEMORY_INIT, 4)       /* seg a b c */                                 \
    X(DATA_DROP, 1)         /* seg */                                       \
    X(MEMORY_COPY, 3)       /* a b c */                                     \
    X(MEMORY_FILL, 3)       /* a b c */                                     \
    X(REF_FUNC, 2)          /* d x */                                       \
    X(REF_IS_NULL, 2)       /* d a */                                       \
    /* loads: d a off, in wasm order 0x28..0x35 */                          \
    X(I32_LOAD, 3) X(I64_LOAD, 3) X(F32_LOAD, 3) X(F64_LOAD, 3)             \
    X(I32_LOAD8_S, 3) X(I32_LOAD8_U, 3) X(I32_LOAD16_S, 3)                  \
    X(I32_LOAD16_U, 3) X(I64_LOAD8_S, 3) X(I64_LOAD8_U, 3)                  \
    X(I64_LOAD16_S, 3) X(I64_LOAD16_U, 3) X(I64_LOAD32_S, 3)                \
    X(I64_LOAD32_U, 3)                                                      \
    /* stores: a(addr) b(value) off, wasm order 0x36..0x3E */               \
    X(I32_STORE, 3) X(I64_STORE, 3) X(F32_STORE, 3) X(F64_STORE, 3)         \
    X(I32_STORE8, 3) X(I32_STORE16, 3) X(I64_STORE8, 3)                     \
    X(I64_STORE16, 3) X(I64_STORE32, 3)                                     \
    /* numeric, wasm order 0x45..0xC4: unary d a, binary d a b */          \
    X(I32_EQZ, 2) X(I32_EQ, 3) X(I32_NE, 3) X(I32_LT_S, 3) X(I32_LT_U, 3)   \
    X(I32_GT_S, 3) X(I32_GT_U, 3) X(I32_LE_S, 3) X(I32_LE_U, 3)             \
    X(I32_GE_S, 3) X(I32_GE_U, 3)                                           \
    X(I64_EQZ, 2) X(I64_EQ, 3) X(I64_NE, 3) X(I64_LT_S, 3) X(I64_LT_U, 3)   \
    X(I64_GT_S, 3) X(I64_GT_U, 3) X(I64_LE_S, 3) X(I64_LE_U, 3)             \
    X(I64_GE_S, 3) X(I64_GE_U, 3)                                           \
    X(F32_EQ, 3) X(F32_NE, 3) X(F32_LT, 3) X(F32_GT, 3) X(F32_LE, 3)        \
    X(F32_GE, 3)                                                            \
    X(F64_EQ, 3) X(F64_NE, 3) X(F64_LT, 3) X(F64_GT, 3) X(F64_LE, 3)        \
    X(F64_GE, 3)                                                            \
    X(I32_CLZ, 2) X(I32_CTZ, 2) X(I32_POPCNT, 2)                            \
    X(I32_ADD, 3) X(I32_SUB, 3) X(I32_MUL, 3) X(I32_DIV_S, 3)               \
    X(I32_DIV_U, 3) X(I32_REM_S, 3) X(I32_REM_U, 3) X(I32_AND, 3)           \
    X(I32_OR, 3) X(I32_XOR, 3) X(I32_SHL, 3) X(I32_SHR_S, 3)                \
    X(I32_SHR_U, 3) X(I32_ROTL, 3) X(I32_ROTR, 3)                           \
    X(I64_CLZ, 2) X(I64_CTZ, 2) X(I64_POPCNT, 2)                            \
    X(I64_ADD, 3) X(I64_SUB, 3) X(I64_MUL, 3) X(I64_DIV_S, 3)               \
    X(I64_DIV_U, 3) X(I64_REM_S, 3) X(I64_REM_U, 3) X(I64_AND, 3)           \
    X(I64_OR, 3) X(I64_XOR, 3) X(I64_SHL, 3) X(I64_SHR_S, 3)                \
    X(I64_SHR_U, 3) X(I64_ROTL, 3) X(I64_ROTR, 3)                           \
    X(F32_ABS, 2) X(F32_NEG, 2) X(F32_CEIL, 2) X(F32_FLOOR, 2)              \
    X(F32_TRUNC, 2) X(F32_NEAREST, 2) X(F32_SQRT, 2)                        \
    X(F32_ADD, 3) X(F32_SUB, 3) X(F32_MUL, 3) X(F32_DIV, 3) X(F32_MIN, 3)   \
    X(F32_MAX, 3) X(F32_COPYSIGN, 3)                                        \
    X(F64_ABS, 2) X(F64_NEG, 2) X(F64_CEIL, 2) X(F64_FLOOR, 2)              \
    X(F64_TRUNC, 2) X(F64_NEAREST, 2) X(F64_SQRT, 2)                        \
    X(F64_ADD, 3) X(F64_SUB, 3) X(F64_MUL, 3) X(F64_DIV, 3) X(F64_MIN, 3)   \
    X(F64_MAX, 3) X(F64_COPYSIGN, 3)                                        \
    X(I32_WRAP_I64, 2) X(I32_TRUNC_F32_S, 2) X(I32_TRUNC_F32_U, 2)          \
    X(I32_TRUNC_F64_S, 2) X(I32_TRUNC_F64_U, 2) X(I64_EXTEND_I32_S, 2)      \
    X(I64_EXTEND_I32_U, 2) X(I64_TRUNC_F32_S, 2) X(I64_TRUNC_F32_U, 2)      \
    X(I64_TRUNC_F64_S, 2) X(I64_TRUNC_F64_U, 2) X(F32_CONVERT_I32_S, 2)     \
    X(F32_CONVERT_I32_U, 2) X(F32_CONVERT_I64_S, 2)                         \
    X(F32_CONVERT_I64_U, 2) X(F32_DEMOTE_F64, 2) X(F64_CONVERT_I32_S, 2)    \
    X(F64_CONVERT_I32_U, 2) X(F64_CONVERT_I64_S, 2)                         \
    X(F64_CONVERT_I64_U, 2) X(F64_PROMOTE_F32, 2)                           \
    X(I32_REINTERPRET_F32, 2) X(I64_REINTERPRET_F64, 2)                     \
    X(F32_REINTERPRET_I32, 2) X(F64_REINTERPRET_I64, 2)                     \
    X(I32_EXTEND8_S, 2) X(I32_EXTEND16_S, 2) X(I64_EXTEND8_S, 2)            \
    X(I64_EXTEND16_S, 2) X(I64_EXTEND32_S, 2)                               \
    /* 0xFC 0..7, d a */                                                    \
    X(I32_TRUNC_SAT_F32_S, 2) X(I32_TRUNC_SAT_F32_U, 2)                     \
    X(I32_TRUNC_SAT_F64_S, 2) X(I32_TRUNC_SAT_F64_U, 2)                     \
    X(I64_TRUNC_SAT_F32_S, 2) X(I64_TRUNC_SAT_F32_U, 2)                     \
    X(I64_TRUNC_SAT_F64_S, 2) X(I64_TRUNC_SAT_F64_U, 2)                     \
    /* fused / immediate forms made by the compiler's peepholes */         \
    X(I32_ADD_K, 3)         /* d a k */                                     \
    X(I32_SUB_K, 3)         /* d a k */                                     \
    X(I32_AND_K, 3) X(I32_OR_K, 3) X(I32_XOR_K, 3)                          \
    X(I32_SHL_K, 3) X(I32_SHR_S_K, 3) X(I32_SHR_U_K, 3)                     \
    X(I32_MUL_K, 3)                                                         \
    X(I64_ADD_K, 4)         /* d a lo hi */                                 \
    X(I32_ROTL_K, 3) X(I32_ROTR_K, 3)                                       \
    /* an immediate shift/rotate feeding a binary op: d a b k, */           \
    /* fp[d] = fp[a] OUTER (fp[b] INNER k); outer-major order */            \
    X(I32_ADD_ROTL_K, 4) X(I32_ADD_SHL_K, 4) X(I32_ADD_SHR_U_K, 4)          \
    X(I32_XOR_ROTL_K, 4) X(I32_XOR_SHL_K, 4) X(I32_XOR_SHR_U_K, 4)          \
    X(I32_OR_ROTL_K, 4) X(I32_OR_SHL_K, 4) X(I32_OR_SHR_U_K, 4)             \
    X(I32_AND_ROTL_K, 4) X(I32_AND_SHL_K, 4) X(I32_AND_SHR_U_K, 4)          \
    /* immediate-address memory access: d a k off / a b k off, the address */ \
    /* being (u32)(fp[a] + k) + off (an i32.add of a constant, fused) */    \
    X(I32_LOAD_K, 4) X(I64_LOAD_K, 4) X(I32_LOAD8_S_K, 4)                   \
    X(I32_LOAD8_U_K, 4) X(I32_LOAD16_S_K, 4) X(I32_LOAD16_U_K, 4)           \
    X(I32_STORE_K, 4) X(I64_STORE_K, 4) X(I32_STORE8_K, 4)                  \
    X(I32_STORE16_K, 4)                                                     \
    /* the same with a register address (u32)(fp[a] + fp[k]) + off */      \
    X(I32_LOAD_R, 4) X(I64_LOAD_R, 4) X(I32_LOAD8_S_R, 4)                   \
    X(I32_LOAD8_U_R, 4) X(I32_LOAD16_S_R, 4) X(I32_LOAD16_U_R, 4)           \
    X(I32_STORE_R, 4) X(I64_STORE_R, 4) X(I32_STORE8_R, 4)                  \
    X(I32_STORE16_R, 4)                                                     \
    /* f64 add/mul with an f64.load operand: d a b off, */                  \
    /* fp[d] = fp[a] OP load64((u32)fp[b] + off) */                         \
    X(F64_ADD_M, 3 + 1) X(F64_MUL_M, 3 + 1)                                 \
    BX_BRANCH_OPS(X, )                                                      \
    /* the same branches as loop back-edges: when taken they also do the */ \
    /* target's OP_LOOP (fuel of the loop body, interrupt check) and */     \
    /* continue after it */                                                 \
    BX_BRANCH_OPS(X, _B)                                                    \
    /* loop back-edge fused with the induction update before it: */         \
    /* ADD[K]_BR_cc[_K] d a b c t: fp[d] = fp[a] + (fp[b] | k b); then */     \
    /* branch back to t (as _B) if fp[d] cc (fp[c] | k c) */                 \
    BX_ADDBR(X, EQ) BX_ADDBR(X, NE) BX_ADDBR(X, LT_S) BX_ADDBR(X, LT_U)       \
    BX_ADDBR(X, GT_S) BX_ADDBR(X, GT_U) BX_ADDBR(X, LE_S) BX_ADDBR(X, LE_U)   \
    BX_ADDBR(X, GE_S) BX_ADDBR(X, GE_U)                                      \
    BX_OPS3(X)                                                              \
    /* SIMD (see simd.h): sub d a b c k; shuffle d a b m0 m1 m2 m3; */     \
    /* a SIMD load/store on a memory other than 0: mem sub d a b c k */     \
    X(SIMD, 6) X(SIMD_SHUFFLE, 7) X(SIMD_MEM, 7)                            \
    X(COUNT_, 0)

enum bx_op {
#define BX_OP_ENUM(n, w) BXOP_##n,
    BX_OPS(BX_OP_ENUM)
#undef BX_OP_ENUM
};

struct bx_code {
    uint32_t nparams, nresults;
    uint32_t nlocals;       /* params + declared locals */
    uint32_t nconsts;       /* constant slots fp[nlocals .. nlocals+nconsts),
                               initialised on entry from code[len ..] (lo, hi) */
    uint32_t frame_size;    /* nlocals + constant slots + max operand height
                               (slots); nconsts may count fewer constant slots
                               than the frame reserves: only those read */
    uint32_t len;           /* instruction words in code[] (constants follow) */
    uint32_t code[];
};

#endif
