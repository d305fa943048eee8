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
 * branch a b t (taken if a OP b), _K forms a k t; BR_I64_EQZ/NEZ a t.
 * SFX the name suffix, TG the kind of t: T forward, L a loop back-edge. */
#define BX_BRANCH_OPS(X, SFX, TG)                                           \
    X(BR##SFX, BX_K(TG)) X(BR_IF##SFX, BX_K(S##TG))                         \
    X(BR_UNLESS##SFX, BX_K(S##TG)) X(BR_I32_EQ##SFX, BX_K(SS##TG))          \
    X(BR_I32_NE##SFX, BX_K(SS##TG)) X(BR_I32_LT_S##SFX, BX_K(SS##TG))       \
    X(BR_I32_LT_U##SFX, BX_K(SS##TG)) X(BR_I32_GT_S##SFX, BX_K(SS##TG))     \
    X(BR_I32_GT_U##SFX, BX_K(SS##TG)) X(BR_I32_LE_S##SFX, BX_K(SS##TG))     \
    X(BR_I32_LE_U##SFX, BX_K(SS##TG)) X(BR_I32_GE_S##SFX, BX_K(SS##TG))     \
    X(BR_I32_GE_U##SFX, BX_K(SS##TG)) X(BR_I32_EQ_K##SFX, BX_K(SI##TG))     \
    X(BR_I32_NE_K##SFX, BX_K(SI##TG)) X(BR_I32_LT_S_K##SFX, BX_K(SI##TG))   \
    X(BR_I32_LT_U_K##SFX, BX_K(SI##TG))                                     \
    X(BR_I32_GT_S_K##SFX, BX_K(SI##TG))                                     \
    X(BR_I32_GT_U_K##SFX, BX_K(SI##TG))                                     \
    X(BR_I32_LE_S_K##SFX, BX_K(SI##TG))                                     \
    X(BR_I32_LE_U_K##SFX, BX_K(SI##TG))                                     \
    X(BR_I32_GE_S_K##SFX, BX_K(SI##TG))                                     \
    X(BR_I32_GE_U_K##SFX, BX_K(SI##TG)) X(BR_I64_EQZ##SFX, BX_K(S##TG))     \
    X(BR_I64_NEZ##SFX, BX_K(S##TG))

/* in the order: reg add reg cmp, reg add k cmp, k add reg cmp, k add k cmp */
#define BX_ADDBR(X, C)                                                      \
    X(ADD_BR_##C, BX_K(SSSSL)) X(ADD_BR_##C##_K, BX_K(SSSIL))               \
    X(ADDK_BR_##C, BX_K(SSISL)) X(ADDK_BR_##C##_K, BX_K(SSIIL))

/* WebAssembly 3.0 features compilers emit (kept together).  Tail calls:
 * args at fp[a..], moved to fp[0..) and the frame reused (RETURN_CALL x a,
 * RETURN_CALL_INDIRECT typeidx table c a).  Multi-memory: memory
 * instructions on a memory other than 0 (memory 0 keeps the fast ops);
 * `mem` a memory index, `op` the wasm load/store opcode 0x28..0x3E. */
#define BX_OPS3(X)                                                          \
    X(RETURN_CALL, BX_KV(2)) X(RETURN_CALL_INDIRECT, BX_KV(4))              \
    X(MLOAD, BX_K(SSIXI))   /* d a off mem op */                            \
    X(MSTORE, BX_K(SSIXI))  /* a b off mem op */                            \
    X(MMEMORY_SIZE, BX_K(SX)) /* d mem */                                   \
    X(MMEMORY_GROW, BX_K(SSX)) /* d a mem */                                \
    X(MMEMORY_INIT, BX_K(XDSSS)) /* mem seg a b c */                        \
    X(MMEMORY_COPY, BX_K(XXSSS)) /* memd mems a b c */                      \
    X(MMEMORY_FILL, BX_K(XSSS)) /* mem a b c */

/* X(name, operand words): the second column spells the kind of every
 * operand word, one letter each, and expands to their count, so every
 * user of BX_OPS sees a number while the cache's code verifier
 * (cache_serial.c) reads the letters and hashes them into the build id.
 * BX_K(letters); BX_KM(letters) for a memory instruction; BX_KV(n): n
 * words and an operand area checked by hand.  Letters: S slot, I
 * immediate, T branch target, L loop back-edge target, F function, Y
 * type, B table, G global, E elem segment, D data segment, X memory. */
#define BX_K(k) (sizeof #k - 1)
#define BX_KM(k) (sizeof #k - 1)
#define BX_KV(n) (n)
#define BX_OPS(X)                                                           \
    X(UNREACHABLE, BX_K())                                                  \
    X(FUEL, BX_K(I))        /* n */                                         \
    X(LOOP, BX_K(I))        /* n: fuel + interrupt check */                 \
    X(BR_TABLE, BX_KV(2))   /* a n t0..tn: (n+1 targets follow) */          \
    X(RETURN, BX_KV(2))     /* n a: results fp[a..a+n) -> fp[0..n) */       \
    X(RETURN0, BX_K())                                                      \
    X(RETURN1, BX_K(S))     /* a */                                         \
    X(CALL, BX_KV(2))       /* x a: args at fp[a..] (callee frame base) */  \
    X(CALL_INDIRECT, BX_KV(4)) /* typeidx table c a: c = element index slot */ \
    X(SELECT, BX_K(SSSS))   /* d c a b: d = c ? a : b */                    \
    X(COPY, BX_K(SS))       /* d a */                                       \
    X(COPY2, BX_K(SSSS))    /* d a e b: fp[d] = fp[a]; then fp[e] = fp[b] */ \
    X(CONST32, BX_K(SI))    /* d k */                                       \
    X(CONST64, BX_K(SII))   /* d lo hi */                                   \
    X(GLOBAL_GET, BX_K(SG)) /* d x */                                       \
    X(GLOBAL_SET, BX_K(GS)) /* x a */                                       \
    X(TABLE_GET, BX_K(SBS)) /* d x a */                                     \
    X(TABLE_SET, BX_K(BSS)) /* x a b: table[a] = b */                       \
    X(TABLE_SIZE, BX_K(SB)) /* d x */                                       \
    X(TABLE_GROW, BX_K(SBSS)) /* d x a b: init a, delta b */                \
    X(TABLE_FILL, BX_K(BSSS)) /* x a b c: i, val, n */                      \
    X(TABLE_COPY, BX_K(BBSSS)) /* xd xs a b c: d, s, n */                   \
    X(TABLE_INIT, BX_K(BESSS)) /* x seg a b c */                            \
    X(ELEM_DROP, BX_K(E))   /* seg */                                       \
    X(MEMORY_SIZE, BX_KM(S)) /* d */                                        \
    X(MEMORY_GROW, BX_KM(SS)) /* d a */                                     \
    X(MEMORY_INIT, BX_KM(DSSS)) /* seg a b c */                             \
    X(DATA_DROP, BX_K(D))   /* seg */                                       \
    X(MEMORY_COPY, BX_KM(SSS)) /* a b c */                                  \
    X(MEMORY_FILL, BX_KM(SSS)) /* a b c */                                  \
    X(REF_FUNC, BX_K(SF))   /* d x */                                       \
    X(REF_IS_NULL, BX_K(SS)) /* d a */                                      \
    /* loads: d a off, in wasm order 0x28..0x35 */                          \
    X(I32_LOAD, BX_KM(SSI)) X(I64_LOAD, BX_KM(SSI))                         \
    X(F32_LOAD, BX_KM(SSI)) X(F64_LOAD, BX_KM(SSI))                         \
    X(I32_LOAD8_S, BX_KM(SSI)) X(I32_LOAD8_U, BX_KM(SSI))                   \
    X(I32_LOAD16_S, BX_KM(SSI))                                             \
    X(I32_LOAD16_U, BX_KM(SSI)) X(I64_LOAD8_S, BX_KM(SSI))                  \
    X(I64_LOAD8_U, BX_KM(SSI))                                              \
    X(I64_LOAD16_S, BX_KM(SSI)) X(I64_LOAD16_U, BX_KM(SSI))                 \
    X(I64_LOAD32_S, BX_KM(SSI))                                             \
    X(I64_LOAD32_U, BX_KM(SSI))                                             \
    /* stores: a(addr) b(value) off, wasm order 0x36..0x3E */               \
    X(I32_STORE, BX_KM(SSI)) X(I64_STORE, BX_KM(SSI))                       \
    X(F32_STORE, BX_KM(SSI)) X(F64_STORE, BX_KM(SSI))                       \
    X(I32_STORE8, BX_KM(SSI)) X(I32_STORE16, BX_KM(SSI))                    \
    X(I64_STORE8, BX_KM(SSI))                                               \
    X(I64_STORE16, BX_KM(SSI)) X(I64_STORE32, BX_KM(SSI))                   \
    /* numeric, wasm order 0x45..0xC4: unary d a, binary d a b */          \
    X(I32_EQZ, BX_K(SS)) X(I32_EQ, BX_K(SSS)) X(I32_NE, BX_K(SSS))          \
    X(I32_LT_S, BX_K(SSS)) X(I32_LT_U, BX_K(SSS))                           \
    X(I32_GT_S, BX_K(SSS)) X(I32_GT_U, BX_K(SSS)) X(I32_LE_S, BX_K(SSS))    \
    X(I32_LE_U, BX_K(SSS))                                                  \
    X(I32_GE_S, BX_K(SSS)) X(I32_GE_U, BX_K(SSS))                           \
    X(I64_EQZ, BX_K(SS)) X(I64_EQ, BX_K(SSS)) X(I64_NE, BX_K(SSS))          \
    X(I64_LT_S, BX_K(SSS)) X(I64_LT_U, BX_K(SSS))                           \
    X(I64_GT_S, BX_K(SSS)) X(I64_GT_U, BX_K(SSS)) X(I64_LE_S, BX_K(SSS))    \
    X(I64_LE_U, BX_K(SSS))                                                  \
    X(I64_GE_S, BX_K(SSS)) X(I64_GE_U, BX_K(SSS))                           \
    X(F32_EQ, BX_K(SSS)) X(F32_NE, BX_K(SSS)) X(F32_LT, BX_K(SSS))          \
    X(F32_GT, BX_K(SSS)) X(F32_LE, BX_K(SSS))                               \
    X(F32_GE, BX_K(SSS))                                                    \
    X(F64_EQ, BX_K(SSS)) X(F64_NE, BX_K(SSS)) X(F64_LT, BX_K(SSS))          \
    X(F64_GT, BX_K(SSS)) X(F64_LE, BX_K(SSS))                               \
    X(F64_GE, BX_K(SSS))                                                    \
    X(I32_CLZ, BX_K(SS)) X(I32_CTZ, BX_K(SS)) X(I32_POPCNT, BX_K(SS))       \
    X(I32_ADD, BX_K(SSS)) X(I32_SUB, BX_K(SSS)) X(I32_MUL, BX_K(SSS))       \
    X(I32_DIV_S, BX_K(SSS))                                                 \
    X(I32_DIV_U, BX_K(SSS)) X(I32_REM_S, BX_K(SSS))                         \
    X(I32_REM_U, BX_K(SSS)) X(I32_AND, BX_K(SSS))                           \
    X(I32_OR, BX_K(SSS)) X(I32_XOR, BX_K(SSS)) X(I32_SHL, BX_K(SSS))        \
    X(I32_SHR_S, BX_K(SSS))                                                 \
    X(I32_SHR_U, BX_K(SSS)) X(I32_ROTL, BX_K(SSS)) X(I32_ROTR, BX_K(SSS))   \
    X(I64_CLZ, BX_K(SS)) X(I64_CTZ, BX_K(SS)) X(I64_POPCNT, BX_K(SS))       \
    X(I64_ADD, BX_K(SSS)) X(I64_SUB, BX_K(SSS)) X(I64_MUL, BX_K(SSS))       \
    X(I64_DIV_S, BX_K(SSS))                                                 \
    X(I64_DIV_U, BX_K(SSS)) X(I64_REM_S, BX_K(SSS))                         \
    X(I64_REM_U, BX_K(SSS)) X(I64_AND, BX_K(SSS))                           \
    X(I64_OR, BX_K(SSS)) X(I64_XOR, BX_K(SSS)) X(I64_SHL, BX_K(SSS))        \
    X(I64_SHR_S, BX_K(SSS))                                                 \
    X(I64_SHR_U, BX_K(SSS)) X(I64_ROTL, BX_K(SSS)) X(I64_ROTR, BX_K(SSS))   \
    X(F32_ABS, BX_K(SS)) X(F32_NEG, BX_K(SS)) X(F32_CEIL, BX_K(SS))         \
    X(F32_FLOOR, BX_K(SS))                                                  \
    X(F32_TRUNC, BX_K(SS)) X(F32_NEAREST, BX_K(SS)) X(F32_SQRT, BX_K(SS))   \
    X(F32_ADD, BX_K(SSS)) X(F32_SUB, BX_K(SSS)) X(F32_MUL, BX_K(SSS))       \
    X(F32_DIV, BX_K(SSS)) X(F32_MIN, BX_K(SSS))                             \
    X(F32_MAX, BX_K(SSS)) X(F32_COPYSIGN, BX_K(SSS))                        \
    X(F64_ABS, BX_K(SS)) X(F64_NEG, BX_K(SS)) X(F64_CEIL, BX_K(SS))         \
    X(F64_FLOOR, BX_K(SS))                                                  \
    X(F64_TRUNC, BX_K(SS)) X(F64_NEAREST, BX_K(SS)) X(F64_SQRT, BX_K(SS))   \
    X(F64_ADD, BX_K(SSS)) X(F64_SUB, BX_K(SSS)) X(F64_MUL, BX_K(SSS))       \
    X(F64_DIV, BX_K(SSS)) X(F64_MIN, BX_K(SSS))                             \
    X(F64_MAX, BX_K(SSS)) X(F64_COPYSIGN, BX_K(SSS))                        \
    X(I32_WRAP_I64, BX_K(SS)) X(I32_TRUNC_F32_S, BX_K(SS))                  \
    X(I32_TRUNC_F32_U, BX_K(SS))                                            \
    X(I32_TRUNC_F64_S, BX_K(SS)) X(I32_TRUNC_F64_U, BX_K(SS))               \
    X(I64_EXTEND_I32_S, BX_K(SS))                                           \
    X(I64_EXTEND_I32_U, BX_K(SS)) X(I64_TRUNC_F32_S, BX_K(SS))              \
    X(I64_TRUNC_F32_U, BX_K(SS))                                            \
    X(I64_TRUNC_F64_S, BX_K(SS)) X(I64_TRUNC_F64_U, BX_K(SS))               \
    X(F32_CONVERT_I32_S, BX_K(SS))                                          \
    X(F32_CONVERT_I32_U, BX_K(SS)) X(F32_CONVERT_I64_S, BX_K(SS))           \
    X(F32_CONVERT_I64_U, BX_K(SS)) X(F32_DEMOTE_F64, BX_K(SS))              \
    X(F64_CONVERT_I32_S, BX_K(SS))                                          \
    X(F64_CONVERT_I32_U, BX_K(SS)) X(F64_CONVERT_I64_S, BX_K(SS))           \
    X(F64_CONVERT_I64_U, BX_K(SS)) X(F64_PROMOTE_F32, BX_K(SS))             \
    X(I32_REINTERPRET_F32, BX_K(SS)) X(I64_REINTERPRET_F64, BX_K(SS))       \
    X(F32_REINTERPRET_I32, BX_K(SS)) X(F64_REINTERPRET_I64, BX_K(SS))       \
    X(I32_EXTEND8_S, BX_K(SS)) X(I32_EXTEND16_S, BX_K(SS))                  \
    X(I64_EXTEND8_S, BX_K(SS))                                              \
    X(I64_EXTEND16_S, BX_K(SS)) X(I64_EXTEND32_S, BX_K(SS))                 \
    /* 0xFC 0..7, d a */                                                    \
    X(I32_TRUNC_SAT_F32_S, BX_K(SS)) X(I32_TRUNC_SAT_F32_U, BX_K(SS))       \
    X(I32_TRUNC_SAT_F64_S, BX_K(SS)) X(I32_TRUNC_SAT_F64_U, BX_K(SS))       \
    X(I64_TRUNC_SAT_F32_S, BX_K(SS)) X(I64_TRUNC_SAT_F32_U, BX_K(SS))       \
    X(I64_TRUNC_SAT_F64_S, BX_K(SS)) X(I64_TRUNC_SAT_F64_U, BX_K(SS))       \
    /* fused / immediate forms made by the compiler's peepholes */         \
    X(I32_ADD_K, BX_K(SSI)) /* d a k */                                     \
    X(I32_SUB_K, BX_K(SSI)) /* d a k */                                     \
    X(I32_AND_K, BX_K(SSI)) X(I32_OR_K, BX_K(SSI)) X(I32_XOR_K, BX_K(SSI))  \
    X(I32_SHL_K, BX_K(SSI)) X(I32_SHR_S_K, BX_K(SSI))                       \
    X(I32_SHR_U_K, BX_K(SSI))                                               \
    X(I32_MUL_K, BX_K(SSI))                                                 \
    X(I64_ADD_K, BX_K(SSII)) /* d a lo hi */                                \
    X(I32_ROTL_K, BX_K(SSI)) X(I32_ROTR_K, BX_K(SSI))                       \
    /* an immediate shift/rotate feeding a binary op: d a b k, */           \
    /* fp[d] = fp[a] OUTER (fp[b] INNER k); outer-major order */            \
    X(I32_ADD_ROTL_K, BX_K(SSSI)) X(I32_ADD_SHL_K, BX_K(SSSI))              \
    X(I32_ADD_SHR_U_K, BX_K(SSSI))                                          \
    X(I32_XOR_ROTL_K, BX_K(SSSI)) X(I32_XOR_SHL_K, BX_K(SSSI))              \
    X(I32_XOR_SHR_U_K, BX_K(SSSI))                                          \
    X(I32_OR_ROTL_K, BX_K(SSSI)) X(I32_OR_SHL_K, BX_K(SSSI))                \
    X(I32_OR_SHR_U_K, BX_K(SSSI))                                           \
    X(I32_AND_ROTL_K, BX_K(SSSI)) X(I32_AND_SHL_K, BX_K(SSSI))              \
    X(I32_AND_SHR_U_K, BX_K(SSSI))                                          \
    /* immediate-address memory access: d a k off / a b k off, the address */ \
    /* being (u32)(fp[a] + k) + off (an i32.add of a constant, fused) */    \
    X(I32_LOAD_K, BX_KM(SSII)) X(I64_LOAD_K, BX_KM(SSII))                   \
    X(I32_LOAD8_S_K, BX_KM(SSII))                                           \
    X(I32_LOAD8_U_K, BX_KM(SSII)) X(I32_LOAD16_S_K, BX_KM(SSII))            \
    X(I32_LOAD16_U_K, BX_KM(SSII))                                          \
    X(I32_STORE_K, BX_KM(SSII)) X(I64_STORE_K, BX_KM(SSII))                 \
    X(I32_STORE8_K, BX_KM(SSII))                                            \
    X(I32_STORE16_K, BX_KM(SSII))                                           \
    /* the same with a register address (u32)(fp[a] + fp[k]) + off */      \
    X(I32_LOAD_R, BX_KM(SSSI)) X(I64_LOAD_R, BX_KM(SSSI))                   \
    X(I32_LOAD8_S_R, BX_KM(SSSI))                                           \
    X(I32_LOAD8_U_R, BX_KM(SSSI)) X(I32_LOAD16_S_R, BX_KM(SSSI))            \
    X(I32_LOAD16_U_R, BX_KM(SSSI))                                          \
    X(I32_STORE_R, BX_KM(SSSI)) X(I64_STORE_R, BX_KM(SSSI))                 \
    X(I32_STORE8_R, BX_KM(SSSI))                                            \
    X(I32_STORE16_R, BX_KM(SSSI))                                           \
    /* f64 add/mul with an f64.load operand: d a b off, */                  \
    /* fp[d] = fp[a] OP load64((u32)fp[b] + off) */                         \
    X(F64_ADD_M, BX_KM(SSSI)) X(F64_MUL_M, BX_KM(SSSI))                     \
    BX_BRANCH_OPS(X, , T)                                                   \
    /* the same branches as loop back-edges: when taken they also do the */ \
    /* target's OP_LOOP (fuel of the loop body, interrupt check) and */     \
    /* continue after it */                                                 \
    BX_BRANCH_OPS(X, _B, L)                                                 \
    /* loop back-edge fused with the induction update before it: */         \
    /* ADD[K]_BR_cc[_K] d a b c t: fp[d] = fp[a] + (fp[b] | k b); then */     \
    /* branch back to t (as _B) if fp[d] cc (fp[c] | k c) */                 \
    BX_ADDBR(X, EQ) BX_ADDBR(X, NE) BX_ADDBR(X, LT_S) BX_ADDBR(X, LT_U)       \
    BX_ADDBR(X, GT_S) BX_ADDBR(X, GT_U) BX_ADDBR(X, LE_S) BX_ADDBR(X, LE_U)   \
    BX_ADDBR(X, GE_S) BX_ADDBR(X, GE_U)                                      \
    BX_OPS3(X)                                                              \
    /* SIMD (see simd.h): sub d a b c k; shuffle d a b m0 m1 m2 m3; */     \
    /* a SIMD load/store on a memory other than 0: mem sub d a b c k */     \
    X(SIMD, BX_KV(6)) X(SIMD_SHUFFLE, BX_KV(7)) X(SIMD_MEM, BX_KV(7))       \
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
