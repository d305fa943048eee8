/*
 * test_numeric.c — table-driven test of src/wasm/numeric.h against the
 * WebAssembly spec testsuite.
 *
 * Every row below was extracted mechanically from the .wast file and line
 * it names (the comment above each row is that assertion verbatim); the
 * constants were converted to IEEE/two's-complement bits with exact
 * round-half-even arithmetic, independently of numeric.h.  Covered:
 *   conversions.wast  every trunc, trunc_sat, convert_i64_{s,u},
 *                     demote and promote assertion;
 *   f32/f64.wast, f32/f64_bitwise.wast  min, max, copysign on the edge
 *                     values of their grids (+-0, +-min subnormal, +-1,
 *                     +-inf, NaNs with and without payload) and all nearest;
 *   float_misc.wast   all min, max, nearest (half-way cases) and copysign;
 *   i32/i64.wast      all rotl, rotr, clz, ctz, popcnt.
 * nan:canonical / nan:arithmetic results are checked as the spec defines
 * them; every other result must match bit for bit.  A trap row must set
 * exactly that trap; a non-trap row must leave *t untouched.
 *
 * Prints "N passed, N failed" last; exits 1 on any failure.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "numeric.h"

enum kind { BITS, NAN_CANON, NAN_ARITH, TRAP_OVF, TRAP_INV };

struct tcase {
    const char *src;            /* file:line in the spec testsuite */
    int op;                     /* enum op */
    uint64_t a, b;              /* operand bits (b unused for unary ops) */
    enum kind kind;
    uint64_t expect;            /* result bits when kind == BITS */
};

/* ops */
enum op {
    OP_F32_CONVERT_I64_S,
    OP_F32_CONVERT_I64_U,
    OP_F32_COPYSIGN,
    OP_F32_DEMOTE_F64,
    OP_F32_MAX,
    OP_F32_MIN,
    OP_F32_NEAREST,
    OP_F64_CONVERT_I64_S,
    OP_F64_CONVERT_I64_U,
    OP_F64_COPYSIGN,
    OP_F64_MAX,
    OP_F64_MIN,
    OP_F64_NEAREST,
    OP_F64_PROMOTE_F32,
    OP_I32_CLZ,
    OP_I32_CTZ,
    OP_I32_POPCNT,
    OP_I32_ROTL,
    OP_I32_ROTR,
    OP_I32_TRUNC_F32_S,
    OP_I32_TRUNC_F32_U,
    OP_I32_TRUNC_F64_S,
    OP_I32_TRUNC_F64_U,
    OP_I32_TRUNC_SAT_F32_S,
    OP_I32_TRUNC_SAT_F32_U,
    OP_I32_TRUNC_SAT_F64_S,
    OP_I32_TRUNC_SAT_F64_U,
    OP_I64_CLZ,
    OP_I64_CTZ,
    OP_I64_POPCNT,
    OP_I64_ROTL,
    OP_I64_ROTR,
    OP_I64_TRUNC_F32_S,
    OP_I64_TRUNC_F32_U,
    OP_I64_TRUNC_F64_S,
    OP_I64_TRUNC_F64_U,
    OP_I64_TRUNC_SAT_F32_S,
    OP_I64_TRUNC_SAT_F32_U,
    OP_I64_TRUNC_SAT_F64_S,
    OP_I64_TRUNC_SAT_F64_U
};

static const struct tcase cases[] = {
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const 0.0)) (i32.const 0)) */
    {"conversions.wast:64", OP_I32_TRUNC_F32_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const -0.0)) (i32.const 0)) */
    {"conversions.wast:65", OP_I32_TRUNC_F32_S, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const 0x1p-149)) (i32.const 0)) */
    {"conversions.wast:66", OP_I32_TRUNC_F32_S, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const -0x1p-149)) (i32.const 0)) */
    {"conversions.wast:67", OP_I32_TRUNC_F32_S, 0x80000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const 1.0)) (i32.const 1)) */
    {"conversions.wast:68", OP_I32_TRUNC_F32_S, 0x3f800000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const 0x1.19999ap+0)) (i32.const 1)) */
    {"conversions.wast:69", OP_I32_TRUNC_F32_S, 0x3f8ccccd, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const 1.5)) (i32.const 1)) */
    {"conversions.wast:70", OP_I32_TRUNC_F32_S, 0x3fc00000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const -1.0)) (i32.const -1)) */
    {"conversions.wast:71", OP_I32_TRUNC_F32_S, 0xbf800000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const -0x1.19999ap+0)) (i32.const -1)) */
    {"conversions.wast:72", OP_I32_TRUNC_F32_S, 0xbf8ccccd, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const -1.5)) (i32.const -1)) */
    {"conversions.wast:73", OP_I32_TRUNC_F32_S, 0xbfc00000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const -1.9)) (i32.const -1)) */
    {"conversions.wast:74", OP_I32_TRUNC_F32_S, 0xbff33333, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const -2.0)) (i32.const -2)) */
    {"conversions.wast:75", OP_I32_TRUNC_F32_S, 0xc0000000, 0x0, BITS, 0xfffffffe},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const 2147483520.0)) (i32.const 2147483520)) */
    {"conversions.wast:76", OP_I32_TRUNC_F32_S, 0x4effffff, 0x0, BITS, 0x7fffff80},
    /* (assert_return (invoke "i32.trunc_f32_s" (f32.const -2147483648.0)) (i32.const -2147483648)) */
    {"conversions.wast:77", OP_I32_TRUNC_F32_S, 0xcf000000, 0x0, BITS, 0x80000000},
    /* (assert_trap (invoke "i32.trunc_f32_s" (f32.const 2147483648.0)) "integer overflow") */
    {"conversions.wast:78", OP_I32_TRUNC_F32_S, 0x4f000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_s" (f32.const -2147483904.0)) "integer overflow") */
    {"conversions.wast:79", OP_I32_TRUNC_F32_S, 0xcf000001, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_s" (f32.const inf)) "integer overflow") */
    {"conversions.wast:80", OP_I32_TRUNC_F32_S, 0x7f800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_s" (f32.const -inf)) "integer overflow") */
    {"conversions.wast:81", OP_I32_TRUNC_F32_S, 0xff800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_s" (f32.const nan)) "invalid conversion to integer") */
    {"conversions.wast:82", OP_I32_TRUNC_F32_S, 0x7fc00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_s" (f32.const nan:0x200000)) "invalid conversion to integer") */
    {"conversions.wast:83", OP_I32_TRUNC_F32_S, 0x7fa00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_s" (f32.const -nan)) "invalid conversion to integer") */
    {"conversions.wast:84", OP_I32_TRUNC_F32_S, 0xffc00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_s" (f32.const -nan:0x200000)) "invalid conversion to integer") */
    {"conversions.wast:85", OP_I32_TRUNC_F32_S, 0xffa00000, 0x0, TRAP_INV, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const 0.0)) (i32.const 0)) */
    {"conversions.wast:87", OP_I32_TRUNC_F32_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const -0.0)) (i32.const 0)) */
    {"conversions.wast:88", OP_I32_TRUNC_F32_U, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const 0x1p-149)) (i32.const 0)) */
    {"conversions.wast:89", OP_I32_TRUNC_F32_U, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const -0x1p-149)) (i32.const 0)) */
    {"conversions.wast:90", OP_I32_TRUNC_F32_U, 0x80000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const 1.0)) (i32.const 1)) */
    {"conversions.wast:91", OP_I32_TRUNC_F32_U, 0x3f800000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const 0x1.19999ap+0)) (i32.const 1)) */
    {"conversions.wast:92", OP_I32_TRUNC_F32_U, 0x3f8ccccd, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const 1.5)) (i32.const 1)) */
    {"conversions.wast:93", OP_I32_TRUNC_F32_U, 0x3fc00000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const 1.9)) (i32.const 1)) */
    {"conversions.wast:94", OP_I32_TRUNC_F32_U, 0x3ff33333, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const 2.0)) (i32.const 2)) */
    {"conversions.wast:95", OP_I32_TRUNC_F32_U, 0x40000000, 0x0, BITS, 0x2},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const 2147483648)) (i32.const -2147483648)) ;; 0x1.00000p+31 -> 8000 0000 */
    {"conversions.wast:96", OP_I32_TRUNC_F32_U, 0x4f000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const 4294967040.0)) (i32.const -256)) */
    {"conversions.wast:97", OP_I32_TRUNC_F32_U, 0x4f7fffff, 0x0, BITS, 0xffffff00},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const -0x1.ccccccp-1)) (i32.const 0)) */
    {"conversions.wast:98", OP_I32_TRUNC_F32_U, 0xbf666666, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f32_u" (f32.const -0x1.fffffep-1)) (i32.const 0)) */
    {"conversions.wast:99", OP_I32_TRUNC_F32_U, 0xbf7fffff, 0x0, BITS, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_u" (f32.const 4294967296.0)) "integer overflow") */
    {"conversions.wast:100", OP_I32_TRUNC_F32_U, 0x4f800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_u" (f32.const -1.0)) "integer overflow") */
    {"conversions.wast:101", OP_I32_TRUNC_F32_U, 0xbf800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_u" (f32.const inf)) "integer overflow") */
    {"conversions.wast:102", OP_I32_TRUNC_F32_U, 0x7f800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_u" (f32.const -inf)) "integer overflow") */
    {"conversions.wast:103", OP_I32_TRUNC_F32_U, 0xff800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_u" (f32.const nan)) "invalid conversion to integer") */
    {"conversions.wast:104", OP_I32_TRUNC_F32_U, 0x7fc00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_u" (f32.const nan:0x200000)) "invalid conversion to integer") */
    {"conversions.wast:105", OP_I32_TRUNC_F32_U, 0x7fa00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_u" (f32.const -nan)) "invalid conversion to integer") */
    {"conversions.wast:106", OP_I32_TRUNC_F32_U, 0xffc00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f32_u" (f32.const -nan:0x200000)) "invalid conversion to integer") */
    {"conversions.wast:107", OP_I32_TRUNC_F32_U, 0xffa00000, 0x0, TRAP_INV, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const 0.0)) (i32.const 0)) */
    {"conversions.wast:109", OP_I32_TRUNC_F64_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const -0.0)) (i32.const 0)) */
    {"conversions.wast:110", OP_I32_TRUNC_F64_S, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const 0x0.0000000000001p-1022)) (i32.const 0)) */
    {"conversions.wast:111", OP_I32_TRUNC_F64_S, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const -0x0.0000000000001p-1022)) (i32.const 0)) */
    {"conversions.wast:112", OP_I32_TRUNC_F64_S, 0x8000000000000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const 1.0)) (i32.const 1)) */
    {"conversions.wast:113", OP_I32_TRUNC_F64_S, 0x3ff0000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const 0x1.199999999999ap+0)) (i32.const 1)) */
    {"conversions.wast:114", OP_I32_TRUNC_F64_S, 0x3ff199999999999a, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const 1.5)) (i32.const 1)) */
    {"conversions.wast:115", OP_I32_TRUNC_F64_S, 0x3ff8000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const -1.0)) (i32.const -1)) */
    {"conversions.wast:116", OP_I32_TRUNC_F64_S, 0xbff0000000000000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const -0x1.199999999999ap+0)) (i32.const -1)) */
    {"conversions.wast:117", OP_I32_TRUNC_F64_S, 0xbff199999999999a, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const -1.5)) (i32.const -1)) */
    {"conversions.wast:118", OP_I32_TRUNC_F64_S, 0xbff8000000000000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const -1.9)) (i32.const -1)) */
    {"conversions.wast:119", OP_I32_TRUNC_F64_S, 0xbffe666666666666, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const -2.0)) (i32.const -2)) */
    {"conversions.wast:120", OP_I32_TRUNC_F64_S, 0xc000000000000000, 0x0, BITS, 0xfffffffe},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const 2147483647.0)) (i32.const 2147483647)) */
    {"conversions.wast:121", OP_I32_TRUNC_F64_S, 0x41dfffffffc00000, 0x0, BITS, 0x7fffffff},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const -2147483648.0)) (i32.const -2147483648)) */
    {"conversions.wast:122", OP_I32_TRUNC_F64_S, 0xc1e0000000000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const -2147483648.9)) (i32.const -2147483648)) */
    {"conversions.wast:123", OP_I32_TRUNC_F64_S, 0xc1e00000001ccccd, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_f64_s" (f64.const  2147483647.9)) (i32.const  2147483647)) */
    {"conversions.wast:124", OP_I32_TRUNC_F64_S, 0x41dffffffff9999a, 0x0, BITS, 0x7fffffff},
    /* (assert_trap (invoke "i32.trunc_f64_s" (f64.const 2147483648.0)) "integer overflow") */
    {"conversions.wast:125", OP_I32_TRUNC_F64_S, 0x41e0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_s" (f64.const -2147483649.0)) "integer overflow") */
    {"conversions.wast:126", OP_I32_TRUNC_F64_S, 0xc1e0000000200000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_s" (f64.const inf)) "integer overflow") */
    {"conversions.wast:127", OP_I32_TRUNC_F64_S, 0x7ff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_s" (f64.const -inf)) "integer overflow") */
    {"conversions.wast:128", OP_I32_TRUNC_F64_S, 0xfff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_s" (f64.const nan)) "invalid conversion to integer") */
    {"conversions.wast:129", OP_I32_TRUNC_F64_S, 0x7ff8000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_s" (f64.const nan:0x4000000000000)) "invalid conversion to integer") */
    {"conversions.wast:130", OP_I32_TRUNC_F64_S, 0x7ff4000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_s" (f64.const -nan)) "invalid conversion to integer") */
    {"conversions.wast:131", OP_I32_TRUNC_F64_S, 0xfff8000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_s" (f64.const -nan:0x4000000000000)) "invalid conversion to integer") */
    {"conversions.wast:132", OP_I32_TRUNC_F64_S, 0xfff4000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 0.0)) (i32.const 0)) */
    {"conversions.wast:134", OP_I32_TRUNC_F64_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const -0.0)) (i32.const 0)) */
    {"conversions.wast:135", OP_I32_TRUNC_F64_U, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 0x0.0000000000001p-1022)) (i32.const 0)) */
    {"conversions.wast:136", OP_I32_TRUNC_F64_U, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const -0x0.0000000000001p-1022)) (i32.const 0)) */
    {"conversions.wast:137", OP_I32_TRUNC_F64_U, 0x8000000000000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 1.0)) (i32.const 1)) */
    {"conversions.wast:138", OP_I32_TRUNC_F64_U, 0x3ff0000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 0x1.199999999999ap+0)) (i32.const 1)) */
    {"conversions.wast:139", OP_I32_TRUNC_F64_U, 0x3ff199999999999a, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 1.5)) (i32.const 1)) */
    {"conversions.wast:140", OP_I32_TRUNC_F64_U, 0x3ff8000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 1.9)) (i32.const 1)) */
    {"conversions.wast:141", OP_I32_TRUNC_F64_U, 0x3ffe666666666666, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 2.0)) (i32.const 2)) */
    {"conversions.wast:142", OP_I32_TRUNC_F64_U, 0x4000000000000000, 0x0, BITS, 0x2},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 2147483648)) (i32.const -2147483648)) ;; 0x1.00000p+31 -> 8000 0000 */
    {"conversions.wast:143", OP_I32_TRUNC_F64_U, 0x41e0000000000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 4294967295.0)) (i32.const -1)) */
    {"conversions.wast:144", OP_I32_TRUNC_F64_U, 0x41efffffffe00000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const -0x1.ccccccccccccdp-1)) (i32.const 0)) */
    {"conversions.wast:145", OP_I32_TRUNC_F64_U, 0xbfeccccccccccccd, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const -0x1.fffffffffffffp-1)) (i32.const 0)) */
    {"conversions.wast:146", OP_I32_TRUNC_F64_U, 0xbfefffffffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 1e8)) (i32.const 100000000)) */
    {"conversions.wast:147", OP_I32_TRUNC_F64_U, 0x4197d78400000000, 0x0, BITS, 0x5f5e100},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const -0.9)) (i32.const 0)) */
    {"conversions.wast:148", OP_I32_TRUNC_F64_U, 0xbfeccccccccccccd, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_f64_u" (f64.const 4294967295.9)) (i32.const 4294967295)) */
    {"conversions.wast:149", OP_I32_TRUNC_F64_U, 0x41effffffffccccd, 0x0, BITS, 0xffffffff},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const 4294967296.0)) "integer overflow") */
    {"conversions.wast:150", OP_I32_TRUNC_F64_U, 0x41f0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const -1.0)) "integer overflow") */
    {"conversions.wast:151", OP_I32_TRUNC_F64_U, 0xbff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const 1e16)) "integer overflow") */
    {"conversions.wast:152", OP_I32_TRUNC_F64_U, 0x4341c37937e08000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const 1e30)) "integer overflow") */
    {"conversions.wast:153", OP_I32_TRUNC_F64_U, 0x46293e5939a08cea, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const 9223372036854775808)) "integer overflow") */
    {"conversions.wast:154", OP_I32_TRUNC_F64_U, 0x43e0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const inf)) "integer overflow") */
    {"conversions.wast:155", OP_I32_TRUNC_F64_U, 0x7ff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const -inf)) "integer overflow") */
    {"conversions.wast:156", OP_I32_TRUNC_F64_U, 0xfff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const nan)) "invalid conversion to integer") */
    {"conversions.wast:157", OP_I32_TRUNC_F64_U, 0x7ff8000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const nan:0x4000000000000)) "invalid conversion to integer") */
    {"conversions.wast:158", OP_I32_TRUNC_F64_U, 0x7ff4000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const -nan)) "invalid conversion to integer") */
    {"conversions.wast:159", OP_I32_TRUNC_F64_U, 0xfff8000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i32.trunc_f64_u" (f64.const -nan:0x4000000000000)) "invalid conversion to integer") */
    {"conversions.wast:160", OP_I32_TRUNC_F64_U, 0xfff4000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const 0.0)) (i64.const 0)) */
    {"conversions.wast:162", OP_I64_TRUNC_F32_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const -0.0)) (i64.const 0)) */
    {"conversions.wast:163", OP_I64_TRUNC_F32_S, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const 0x1p-149)) (i64.const 0)) */
    {"conversions.wast:164", OP_I64_TRUNC_F32_S, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const -0x1p-149)) (i64.const 0)) */
    {"conversions.wast:165", OP_I64_TRUNC_F32_S, 0x80000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const 1.0)) (i64.const 1)) */
    {"conversions.wast:166", OP_I64_TRUNC_F32_S, 0x3f800000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const 0x1.19999ap+0)) (i64.const 1)) */
    {"conversions.wast:167", OP_I64_TRUNC_F32_S, 0x3f8ccccd, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const 1.5)) (i64.const 1)) */
    {"conversions.wast:168", OP_I64_TRUNC_F32_S, 0x3fc00000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const -1.0)) (i64.const -1)) */
    {"conversions.wast:169", OP_I64_TRUNC_F32_S, 0xbf800000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const -0x1.19999ap+0)) (i64.const -1)) */
    {"conversions.wast:170", OP_I64_TRUNC_F32_S, 0xbf8ccccd, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const -1.5)) (i64.const -1)) */
    {"conversions.wast:171", OP_I64_TRUNC_F32_S, 0xbfc00000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const -1.9)) (i64.const -1)) */
    {"conversions.wast:172", OP_I64_TRUNC_F32_S, 0xbff33333, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const -2.0)) (i64.const -2)) */
    {"conversions.wast:173", OP_I64_TRUNC_F32_S, 0xc0000000, 0x0, BITS, 0xfffffffffffffffe},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const 4294967296)) (i64.const 4294967296)) ;; 0x1.00000p+32 -> 1 0000 0000 */
    {"conversions.wast:174", OP_I64_TRUNC_F32_S, 0x4f800000, 0x0, BITS, 0x100000000},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const -4294967296)) (i64.const -4294967296)) ;; -0x1.00000p+32 -> ffff ffff 0000 0000 */
    {"conversions.wast:175", OP_I64_TRUNC_F32_S, 0xcf800000, 0x0, BITS, 0xffffffff00000000},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const 9223371487098961920.0)) (i64.const 9223371487098961920)) */
    {"conversions.wast:176", OP_I64_TRUNC_F32_S, 0x5effffff, 0x0, BITS, 0x7fffff8000000000},
    /* (assert_return (invoke "i64.trunc_f32_s" (f32.const -9223372036854775808.0)) (i64.const -9223372036854775808)) */
    {"conversions.wast:177", OP_I64_TRUNC_F32_S, 0xdf000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_trap (invoke "i64.trunc_f32_s" (f32.const 9223372036854775808.0)) "integer overflow") */
    {"conversions.wast:178", OP_I64_TRUNC_F32_S, 0x5f000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_s" (f32.const -9223373136366403584.0)) "integer overflow") */
    {"conversions.wast:179", OP_I64_TRUNC_F32_S, 0xdf000001, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_s" (f32.const inf)) "integer overflow") */
    {"conversions.wast:180", OP_I64_TRUNC_F32_S, 0x7f800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_s" (f32.const -inf)) "integer overflow") */
    {"conversions.wast:181", OP_I64_TRUNC_F32_S, 0xff800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_s" (f32.const nan)) "invalid conversion to integer") */
    {"conversions.wast:182", OP_I64_TRUNC_F32_S, 0x7fc00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_s" (f32.const nan:0x200000)) "invalid conversion to integer") */
    {"conversions.wast:183", OP_I64_TRUNC_F32_S, 0x7fa00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_s" (f32.const -nan)) "invalid conversion to integer") */
    {"conversions.wast:184", OP_I64_TRUNC_F32_S, 0xffc00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_s" (f32.const -nan:0x200000)) "invalid conversion to integer") */
    {"conversions.wast:185", OP_I64_TRUNC_F32_S, 0xffa00000, 0x0, TRAP_INV, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const 0.0)) (i64.const 0)) */
    {"conversions.wast:187", OP_I64_TRUNC_F32_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const -0.0)) (i64.const 0)) */
    {"conversions.wast:188", OP_I64_TRUNC_F32_U, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const 0x1p-149)) (i64.const 0)) */
    {"conversions.wast:189", OP_I64_TRUNC_F32_U, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const -0x1p-149)) (i64.const 0)) */
    {"conversions.wast:190", OP_I64_TRUNC_F32_U, 0x80000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const 1.0)) (i64.const 1)) */
    {"conversions.wast:191", OP_I64_TRUNC_F32_U, 0x3f800000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const 0x1.19999ap+0)) (i64.const 1)) */
    {"conversions.wast:192", OP_I64_TRUNC_F32_U, 0x3f8ccccd, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const 1.5)) (i64.const 1)) */
    {"conversions.wast:193", OP_I64_TRUNC_F32_U, 0x3fc00000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const 4294967296)) (i64.const 4294967296)) */
    {"conversions.wast:194", OP_I64_TRUNC_F32_U, 0x4f800000, 0x0, BITS, 0x100000000},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const 18446742974197923840.0)) (i64.const -1099511627776)) */
    {"conversions.wast:195", OP_I64_TRUNC_F32_U, 0x5f7fffff, 0x0, BITS, 0xffffff0000000000},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const -0x1.ccccccp-1)) (i64.const 0)) */
    {"conversions.wast:196", OP_I64_TRUNC_F32_U, 0xbf666666, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f32_u" (f32.const -0x1.fffffep-1)) (i64.const 0)) */
    {"conversions.wast:197", OP_I64_TRUNC_F32_U, 0xbf7fffff, 0x0, BITS, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_u" (f32.const 18446744073709551616.0)) "integer overflow") */
    {"conversions.wast:198", OP_I64_TRUNC_F32_U, 0x5f800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_u" (f32.const -1.0)) "integer overflow") */
    {"conversions.wast:199", OP_I64_TRUNC_F32_U, 0xbf800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_u" (f32.const inf)) "integer overflow") */
    {"conversions.wast:200", OP_I64_TRUNC_F32_U, 0x7f800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_u" (f32.const -inf)) "integer overflow") */
    {"conversions.wast:201", OP_I64_TRUNC_F32_U, 0xff800000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_u" (f32.const nan)) "invalid conversion to integer") */
    {"conversions.wast:202", OP_I64_TRUNC_F32_U, 0x7fc00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_u" (f32.const nan:0x200000)) "invalid conversion to integer") */
    {"conversions.wast:203", OP_I64_TRUNC_F32_U, 0x7fa00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_u" (f32.const -nan)) "invalid conversion to integer") */
    {"conversions.wast:204", OP_I64_TRUNC_F32_U, 0xffc00000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f32_u" (f32.const -nan:0x200000)) "invalid conversion to integer") */
    {"conversions.wast:205", OP_I64_TRUNC_F32_U, 0xffa00000, 0x0, TRAP_INV, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const 0.0)) (i64.const 0)) */
    {"conversions.wast:207", OP_I64_TRUNC_F64_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const -0.0)) (i64.const 0)) */
    {"conversions.wast:208", OP_I64_TRUNC_F64_S, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const 0x0.0000000000001p-1022)) (i64.const 0)) */
    {"conversions.wast:209", OP_I64_TRUNC_F64_S, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const -0x0.0000000000001p-1022)) (i64.const 0)) */
    {"conversions.wast:210", OP_I64_TRUNC_F64_S, 0x8000000000000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const 1.0)) (i64.const 1)) */
    {"conversions.wast:211", OP_I64_TRUNC_F64_S, 0x3ff0000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const 0x1.199999999999ap+0)) (i64.const 1)) */
    {"conversions.wast:212", OP_I64_TRUNC_F64_S, 0x3ff199999999999a, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const 1.5)) (i64.const 1)) */
    {"conversions.wast:213", OP_I64_TRUNC_F64_S, 0x3ff8000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const -1.0)) (i64.const -1)) */
    {"conversions.wast:214", OP_I64_TRUNC_F64_S, 0xbff0000000000000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const -0x1.199999999999ap+0)) (i64.const -1)) */
    {"conversions.wast:215", OP_I64_TRUNC_F64_S, 0xbff199999999999a, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const -1.5)) (i64.const -1)) */
    {"conversions.wast:216", OP_I64_TRUNC_F64_S, 0xbff8000000000000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const -1.9)) (i64.const -1)) */
    {"conversions.wast:217", OP_I64_TRUNC_F64_S, 0xbffe666666666666, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const -2.0)) (i64.const -2)) */
    {"conversions.wast:218", OP_I64_TRUNC_F64_S, 0xc000000000000000, 0x0, BITS, 0xfffffffffffffffe},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const 4294967296)) (i64.const 4294967296)) ;; 0x1.00000p+32 -> 1 0000 0000 */
    {"conversions.wast:219", OP_I64_TRUNC_F64_S, 0x41f0000000000000, 0x0, BITS, 0x100000000},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const -4294967296)) (i64.const -4294967296)) ;; -0x1.00000p+32 -> ffff ffff 0000 0000 */
    {"conversions.wast:220", OP_I64_TRUNC_F64_S, 0xc1f0000000000000, 0x0, BITS, 0xffffffff00000000},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const 9223372036854774784.0)) (i64.const 9223372036854774784)) */
    {"conversions.wast:221", OP_I64_TRUNC_F64_S, 0x43dfffffffffffff, 0x0, BITS, 0x7ffffffffffffc00},
    /* (assert_return (invoke "i64.trunc_f64_s" (f64.const -9223372036854775808.0)) (i64.const -9223372036854775808)) */
    {"conversions.wast:222", OP_I64_TRUNC_F64_S, 0xc3e0000000000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_trap (invoke "i64.trunc_f64_s" (f64.const 9223372036854775808.0)) "integer overflow") */
    {"conversions.wast:223", OP_I64_TRUNC_F64_S, 0x43e0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_s" (f64.const -9223372036854777856.0)) "integer overflow") */
    {"conversions.wast:224", OP_I64_TRUNC_F64_S, 0xc3e0000000000001, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_s" (f64.const inf)) "integer overflow") */
    {"conversions.wast:225", OP_I64_TRUNC_F64_S, 0x7ff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_s" (f64.const -inf)) "integer overflow") */
    {"conversions.wast:226", OP_I64_TRUNC_F64_S, 0xfff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_s" (f64.const nan)) "invalid conversion to integer") */
    {"conversions.wast:227", OP_I64_TRUNC_F64_S, 0x7ff8000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_s" (f64.const nan:0x4000000000000)) "invalid conversion to integer") */
    {"conversions.wast:228", OP_I64_TRUNC_F64_S, 0x7ff4000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_s" (f64.const -nan)) "invalid conversion to integer") */
    {"conversions.wast:229", OP_I64_TRUNC_F64_S, 0xfff8000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_s" (f64.const -nan:0x4000000000000)) "invalid conversion to integer") */
    {"conversions.wast:230", OP_I64_TRUNC_F64_S, 0xfff4000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 0.0)) (i64.const 0)) */
    {"conversions.wast:232", OP_I64_TRUNC_F64_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const -0.0)) (i64.const 0)) */
    {"conversions.wast:233", OP_I64_TRUNC_F64_U, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 0x0.0000000000001p-1022)) (i64.const 0)) */
    {"conversions.wast:234", OP_I64_TRUNC_F64_U, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const -0x0.0000000000001p-1022)) (i64.const 0)) */
    {"conversions.wast:235", OP_I64_TRUNC_F64_U, 0x8000000000000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 1.0)) (i64.const 1)) */
    {"conversions.wast:236", OP_I64_TRUNC_F64_U, 0x3ff0000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 0x1.199999999999ap+0)) (i64.const 1)) */
    {"conversions.wast:237", OP_I64_TRUNC_F64_U, 0x3ff199999999999a, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 1.5)) (i64.const 1)) */
    {"conversions.wast:238", OP_I64_TRUNC_F64_U, 0x3ff8000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 4294967295)) (i64.const 0xffffffff)) */
    {"conversions.wast:239", OP_I64_TRUNC_F64_U, 0x41efffffffe00000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 4294967296)) (i64.const 0x100000000)) */
    {"conversions.wast:240", OP_I64_TRUNC_F64_U, 0x41f0000000000000, 0x0, BITS, 0x100000000},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 18446744073709549568.0)) (i64.const -2048)) */
    {"conversions.wast:241", OP_I64_TRUNC_F64_U, 0x43efffffffffffff, 0x0, BITS, 0xfffffffffffff800},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const -0x1.ccccccccccccdp-1)) (i64.const 0)) */
    {"conversions.wast:242", OP_I64_TRUNC_F64_U, 0xbfeccccccccccccd, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const -0x1.fffffffffffffp-1)) (i64.const 0)) */
    {"conversions.wast:243", OP_I64_TRUNC_F64_U, 0xbfefffffffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 1e8)) (i64.const 100000000)) */
    {"conversions.wast:244", OP_I64_TRUNC_F64_U, 0x4197d78400000000, 0x0, BITS, 0x5f5e100},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 1e16)) (i64.const 10000000000000000)) */
    {"conversions.wast:245", OP_I64_TRUNC_F64_U, 0x4341c37937e08000, 0x0, BITS, 0x2386f26fc10000},
    /* (assert_return (invoke "i64.trunc_f64_u" (f64.const 9223372036854775808)) (i64.const -9223372036854775808)) */
    {"conversions.wast:246", OP_I64_TRUNC_F64_U, 0x43e0000000000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_trap (invoke "i64.trunc_f64_u" (f64.const 18446744073709551616.0)) "integer overflow") */
    {"conversions.wast:247", OP_I64_TRUNC_F64_U, 0x43f0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_u" (f64.const -1.0)) "integer overflow") */
    {"conversions.wast:248", OP_I64_TRUNC_F64_U, 0xbff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_u" (f64.const inf)) "integer overflow") */
    {"conversions.wast:249", OP_I64_TRUNC_F64_U, 0x7ff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_u" (f64.const -inf)) "integer overflow") */
    {"conversions.wast:250", OP_I64_TRUNC_F64_U, 0xfff0000000000000, 0x0, TRAP_OVF, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_u" (f64.const nan)) "invalid conversion to integer") */
    {"conversions.wast:251", OP_I64_TRUNC_F64_U, 0x7ff8000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_u" (f64.const nan:0x4000000000000)) "invalid conversion to integer") */
    {"conversions.wast:252", OP_I64_TRUNC_F64_U, 0x7ff4000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_u" (f64.const -nan)) "invalid conversion to integer") */
    {"conversions.wast:253", OP_I64_TRUNC_F64_U, 0xfff8000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_trap (invoke "i64.trunc_f64_u" (f64.const -nan:0x4000000000000)) "invalid conversion to integer") */
    {"conversions.wast:254", OP_I64_TRUNC_F64_U, 0xfff4000000000000, 0x0, TRAP_INV, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const 0.0)) (i32.const 0)) */
    {"conversions.wast:265", OP_I32_TRUNC_SAT_F32_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -0.0)) (i32.const 0)) */
    {"conversions.wast:266", OP_I32_TRUNC_SAT_F32_S, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const 0x1p-149)) (i32.const 0)) */
    {"conversions.wast:267", OP_I32_TRUNC_SAT_F32_S, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -0x1p-149)) (i32.const 0)) */
    {"conversions.wast:268", OP_I32_TRUNC_SAT_F32_S, 0x80000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const 1.0)) (i32.const 1)) */
    {"conversions.wast:269", OP_I32_TRUNC_SAT_F32_S, 0x3f800000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const 0x1.19999ap+0)) (i32.const 1)) */
    {"conversions.wast:270", OP_I32_TRUNC_SAT_F32_S, 0x3f8ccccd, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const 1.5)) (i32.const 1)) */
    {"conversions.wast:271", OP_I32_TRUNC_SAT_F32_S, 0x3fc00000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -1.0)) (i32.const -1)) */
    {"conversions.wast:272", OP_I32_TRUNC_SAT_F32_S, 0xbf800000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -0x1.19999ap+0)) (i32.const -1)) */
    {"conversions.wast:273", OP_I32_TRUNC_SAT_F32_S, 0xbf8ccccd, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -1.5)) (i32.const -1)) */
    {"conversions.wast:274", OP_I32_TRUNC_SAT_F32_S, 0xbfc00000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -1.9)) (i32.const -1)) */
    {"conversions.wast:275", OP_I32_TRUNC_SAT_F32_S, 0xbff33333, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -2.0)) (i32.const -2)) */
    {"conversions.wast:276", OP_I32_TRUNC_SAT_F32_S, 0xc0000000, 0x0, BITS, 0xfffffffe},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const 2147483520.0)) (i32.const 2147483520)) */
    {"conversions.wast:277", OP_I32_TRUNC_SAT_F32_S, 0x4effffff, 0x0, BITS, 0x7fffff80},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -2147483648.0)) (i32.const -2147483648)) */
    {"conversions.wast:278", OP_I32_TRUNC_SAT_F32_S, 0xcf000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const 2147483648.0)) (i32.const 0x7fffffff)) */
    {"conversions.wast:279", OP_I32_TRUNC_SAT_F32_S, 0x4f000000, 0x0, BITS, 0x7fffffff},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -2147483904.0)) (i32.const 0x80000000)) */
    {"conversions.wast:280", OP_I32_TRUNC_SAT_F32_S, 0xcf000001, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const inf)) (i32.const 0x7fffffff)) */
    {"conversions.wast:281", OP_I32_TRUNC_SAT_F32_S, 0x7f800000, 0x0, BITS, 0x7fffffff},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -inf)) (i32.const 0x80000000)) */
    {"conversions.wast:282", OP_I32_TRUNC_SAT_F32_S, 0xff800000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const nan)) (i32.const 0)) */
    {"conversions.wast:283", OP_I32_TRUNC_SAT_F32_S, 0x7fc00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const nan:0x200000)) (i32.const 0)) */
    {"conversions.wast:284", OP_I32_TRUNC_SAT_F32_S, 0x7fa00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -nan)) (i32.const 0)) */
    {"conversions.wast:285", OP_I32_TRUNC_SAT_F32_S, 0xffc00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_s" (f32.const -nan:0x200000)) (i32.const 0)) */
    {"conversions.wast:286", OP_I32_TRUNC_SAT_F32_S, 0xffa00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 0.0)) (i32.const 0)) */
    {"conversions.wast:288", OP_I32_TRUNC_SAT_F32_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const -0.0)) (i32.const 0)) */
    {"conversions.wast:289", OP_I32_TRUNC_SAT_F32_U, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 0x1p-149)) (i32.const 0)) */
    {"conversions.wast:290", OP_I32_TRUNC_SAT_F32_U, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const -0x1p-149)) (i32.const 0)) */
    {"conversions.wast:291", OP_I32_TRUNC_SAT_F32_U, 0x80000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 1.0)) (i32.const 1)) */
    {"conversions.wast:292", OP_I32_TRUNC_SAT_F32_U, 0x3f800000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 0x1.19999ap+0)) (i32.const 1)) */
    {"conversions.wast:293", OP_I32_TRUNC_SAT_F32_U, 0x3f8ccccd, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 1.5)) (i32.const 1)) */
    {"conversions.wast:294", OP_I32_TRUNC_SAT_F32_U, 0x3fc00000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 1.9)) (i32.const 1)) */
    {"conversions.wast:295", OP_I32_TRUNC_SAT_F32_U, 0x3ff33333, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 2.0)) (i32.const 2)) */
    {"conversions.wast:296", OP_I32_TRUNC_SAT_F32_U, 0x40000000, 0x0, BITS, 0x2},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 2147483648)) (i32.const -2147483648)) ;; 0x1.00000p+31 -> 8000 0000 */
    {"conversions.wast:297", OP_I32_TRUNC_SAT_F32_U, 0x4f000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 4294967040.0)) (i32.const -256)) */
    {"conversions.wast:298", OP_I32_TRUNC_SAT_F32_U, 0x4f7fffff, 0x0, BITS, 0xffffff00},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const -0x1.ccccccp-1)) (i32.const 0)) */
    {"conversions.wast:299", OP_I32_TRUNC_SAT_F32_U, 0xbf666666, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const -0x1.fffffep-1)) (i32.const 0)) */
    {"conversions.wast:300", OP_I32_TRUNC_SAT_F32_U, 0xbf7fffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const 4294967296.0)) (i32.const 0xffffffff)) */
    {"conversions.wast:301", OP_I32_TRUNC_SAT_F32_U, 0x4f800000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const -1.0)) (i32.const 0x00000000)) */
    {"conversions.wast:302", OP_I32_TRUNC_SAT_F32_U, 0xbf800000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const inf)) (i32.const 0xffffffff)) */
    {"conversions.wast:303", OP_I32_TRUNC_SAT_F32_U, 0x7f800000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const -inf)) (i32.const 0x00000000)) */
    {"conversions.wast:304", OP_I32_TRUNC_SAT_F32_U, 0xff800000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const nan)) (i32.const 0)) */
    {"conversions.wast:305", OP_I32_TRUNC_SAT_F32_U, 0x7fc00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const nan:0x200000)) (i32.const 0)) */
    {"conversions.wast:306", OP_I32_TRUNC_SAT_F32_U, 0x7fa00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const -nan)) (i32.const 0)) */
    {"conversions.wast:307", OP_I32_TRUNC_SAT_F32_U, 0xffc00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f32_u" (f32.const -nan:0x200000)) (i32.const 0)) */
    {"conversions.wast:308", OP_I32_TRUNC_SAT_F32_U, 0xffa00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const 0.0)) (i32.const 0)) */
    {"conversions.wast:310", OP_I32_TRUNC_SAT_F64_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -0.0)) (i32.const 0)) */
    {"conversions.wast:311", OP_I32_TRUNC_SAT_F64_S, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const 0x0.0000000000001p-1022)) (i32.const 0)) */
    {"conversions.wast:312", OP_I32_TRUNC_SAT_F64_S, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -0x0.0000000000001p-1022)) (i32.const 0)) */
    {"conversions.wast:313", OP_I32_TRUNC_SAT_F64_S, 0x8000000000000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const 1.0)) (i32.const 1)) */
    {"conversions.wast:314", OP_I32_TRUNC_SAT_F64_S, 0x3ff0000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const 0x1.199999999999ap+0)) (i32.const 1)) */
    {"conversions.wast:315", OP_I32_TRUNC_SAT_F64_S, 0x3ff199999999999a, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const 1.5)) (i32.const 1)) */
    {"conversions.wast:316", OP_I32_TRUNC_SAT_F64_S, 0x3ff8000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -1.0)) (i32.const -1)) */
    {"conversions.wast:317", OP_I32_TRUNC_SAT_F64_S, 0xbff0000000000000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -0x1.199999999999ap+0)) (i32.const -1)) */
    {"conversions.wast:318", OP_I32_TRUNC_SAT_F64_S, 0xbff199999999999a, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -1.5)) (i32.const -1)) */
    {"conversions.wast:319", OP_I32_TRUNC_SAT_F64_S, 0xbff8000000000000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -1.9)) (i32.const -1)) */
    {"conversions.wast:320", OP_I32_TRUNC_SAT_F64_S, 0xbffe666666666666, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -2.0)) (i32.const -2)) */
    {"conversions.wast:321", OP_I32_TRUNC_SAT_F64_S, 0xc000000000000000, 0x0, BITS, 0xfffffffe},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const 2147483647.0)) (i32.const 2147483647)) */
    {"conversions.wast:322", OP_I32_TRUNC_SAT_F64_S, 0x41dfffffffc00000, 0x0, BITS, 0x7fffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -2147483648.0)) (i32.const -2147483648)) */
    {"conversions.wast:323", OP_I32_TRUNC_SAT_F64_S, 0xc1e0000000000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const 2147483648.0)) (i32.const 0x7fffffff)) */
    {"conversions.wast:324", OP_I32_TRUNC_SAT_F64_S, 0x41e0000000000000, 0x0, BITS, 0x7fffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -2147483649.0)) (i32.const 0x80000000)) */
    {"conversions.wast:325", OP_I32_TRUNC_SAT_F64_S, 0xc1e0000000200000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const inf)) (i32.const 0x7fffffff)) */
    {"conversions.wast:326", OP_I32_TRUNC_SAT_F64_S, 0x7ff0000000000000, 0x0, BITS, 0x7fffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -inf)) (i32.const 0x80000000)) */
    {"conversions.wast:327", OP_I32_TRUNC_SAT_F64_S, 0xfff0000000000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const nan)) (i32.const 0)) */
    {"conversions.wast:328", OP_I32_TRUNC_SAT_F64_S, 0x7ff8000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const nan:0x4000000000000)) (i32.const 0)) */
    {"conversions.wast:329", OP_I32_TRUNC_SAT_F64_S, 0x7ff4000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -nan)) (i32.const 0)) */
    {"conversions.wast:330", OP_I32_TRUNC_SAT_F64_S, 0xfff8000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_s" (f64.const -nan:0x4000000000000)) (i32.const 0)) */
    {"conversions.wast:331", OP_I32_TRUNC_SAT_F64_S, 0xfff4000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 0.0)) (i32.const 0)) */
    {"conversions.wast:333", OP_I32_TRUNC_SAT_F64_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const -0.0)) (i32.const 0)) */
    {"conversions.wast:334", OP_I32_TRUNC_SAT_F64_U, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 0x0.0000000000001p-1022)) (i32.const 0)) */
    {"conversions.wast:335", OP_I32_TRUNC_SAT_F64_U, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const -0x0.0000000000001p-1022)) (i32.const 0)) */
    {"conversions.wast:336", OP_I32_TRUNC_SAT_F64_U, 0x8000000000000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 1.0)) (i32.const 1)) */
    {"conversions.wast:337", OP_I32_TRUNC_SAT_F64_U, 0x3ff0000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 0x1.199999999999ap+0)) (i32.const 1)) */
    {"conversions.wast:338", OP_I32_TRUNC_SAT_F64_U, 0x3ff199999999999a, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 1.5)) (i32.const 1)) */
    {"conversions.wast:339", OP_I32_TRUNC_SAT_F64_U, 0x3ff8000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 1.9)) (i32.const 1)) */
    {"conversions.wast:340", OP_I32_TRUNC_SAT_F64_U, 0x3ffe666666666666, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 2.0)) (i32.const 2)) */
    {"conversions.wast:341", OP_I32_TRUNC_SAT_F64_U, 0x4000000000000000, 0x0, BITS, 0x2},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 2147483648)) (i32.const -2147483648)) ;; 0x1.00000p+31 -> 8000 0000 */
    {"conversions.wast:342", OP_I32_TRUNC_SAT_F64_U, 0x41e0000000000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 4294967295.0)) (i32.const -1)) */
    {"conversions.wast:343", OP_I32_TRUNC_SAT_F64_U, 0x41efffffffe00000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const -0x1.ccccccccccccdp-1)) (i32.const 0)) */
    {"conversions.wast:344", OP_I32_TRUNC_SAT_F64_U, 0xbfeccccccccccccd, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const -0x1.fffffffffffffp-1)) (i32.const 0)) */
    {"conversions.wast:345", OP_I32_TRUNC_SAT_F64_U, 0xbfefffffffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 1e8)) (i32.const 100000000)) */
    {"conversions.wast:346", OP_I32_TRUNC_SAT_F64_U, 0x4197d78400000000, 0x0, BITS, 0x5f5e100},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 4294967296.0)) (i32.const 0xffffffff)) */
    {"conversions.wast:347", OP_I32_TRUNC_SAT_F64_U, 0x41f0000000000000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const -1.0)) (i32.const 0x00000000)) */
    {"conversions.wast:348", OP_I32_TRUNC_SAT_F64_U, 0xbff0000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 1e16)) (i32.const 0xffffffff)) */
    {"conversions.wast:349", OP_I32_TRUNC_SAT_F64_U, 0x4341c37937e08000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 1e30)) (i32.const 0xffffffff)) */
    {"conversions.wast:350", OP_I32_TRUNC_SAT_F64_U, 0x46293e5939a08cea, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const 9223372036854775808)) (i32.const 0xffffffff)) */
    {"conversions.wast:351", OP_I32_TRUNC_SAT_F64_U, 0x43e0000000000000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const inf)) (i32.const 0xffffffff)) */
    {"conversions.wast:352", OP_I32_TRUNC_SAT_F64_U, 0x7ff0000000000000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const -inf)) (i32.const 0x00000000)) */
    {"conversions.wast:353", OP_I32_TRUNC_SAT_F64_U, 0xfff0000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const nan)) (i32.const 0)) */
    {"conversions.wast:354", OP_I32_TRUNC_SAT_F64_U, 0x7ff8000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const nan:0x4000000000000)) (i32.const 0)) */
    {"conversions.wast:355", OP_I32_TRUNC_SAT_F64_U, 0x7ff4000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const -nan)) (i32.const 0)) */
    {"conversions.wast:356", OP_I32_TRUNC_SAT_F64_U, 0xfff8000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i32.trunc_sat_f64_u" (f64.const -nan:0x4000000000000)) (i32.const 0)) */
    {"conversions.wast:357", OP_I32_TRUNC_SAT_F64_U, 0xfff4000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const 0.0)) (i64.const 0)) */
    {"conversions.wast:359", OP_I64_TRUNC_SAT_F32_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -0.0)) (i64.const 0)) */
    {"conversions.wast:360", OP_I64_TRUNC_SAT_F32_S, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const 0x1p-149)) (i64.const 0)) */
    {"conversions.wast:361", OP_I64_TRUNC_SAT_F32_S, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -0x1p-149)) (i64.const 0)) */
    {"conversions.wast:362", OP_I64_TRUNC_SAT_F32_S, 0x80000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const 1.0)) (i64.const 1)) */
    {"conversions.wast:363", OP_I64_TRUNC_SAT_F32_S, 0x3f800000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const 0x1.19999ap+0)) (i64.const 1)) */
    {"conversions.wast:364", OP_I64_TRUNC_SAT_F32_S, 0x3f8ccccd, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const 1.5)) (i64.const 1)) */
    {"conversions.wast:365", OP_I64_TRUNC_SAT_F32_S, 0x3fc00000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -1.0)) (i64.const -1)) */
    {"conversions.wast:366", OP_I64_TRUNC_SAT_F32_S, 0xbf800000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -0x1.19999ap+0)) (i64.const -1)) */
    {"conversions.wast:367", OP_I64_TRUNC_SAT_F32_S, 0xbf8ccccd, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -1.5)) (i64.const -1)) */
    {"conversions.wast:368", OP_I64_TRUNC_SAT_F32_S, 0xbfc00000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -1.9)) (i64.const -1)) */
    {"conversions.wast:369", OP_I64_TRUNC_SAT_F32_S, 0xbff33333, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -2.0)) (i64.const -2)) */
    {"conversions.wast:370", OP_I64_TRUNC_SAT_F32_S, 0xc0000000, 0x0, BITS, 0xfffffffffffffffe},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const 4294967296)) (i64.const 4294967296)) ;; 0x1.00000p+32 -> 1 0000 0000 */
    {"conversions.wast:371", OP_I64_TRUNC_SAT_F32_S, 0x4f800000, 0x0, BITS, 0x100000000},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -4294967296)) (i64.const -4294967296)) ;; -0x1.00000p+32 -> ffff ffff 0000 0000 */
    {"conversions.wast:372", OP_I64_TRUNC_SAT_F32_S, 0xcf800000, 0x0, BITS, 0xffffffff00000000},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const 9223371487098961920.0)) (i64.const 9223371487098961920)) */
    {"conversions.wast:373", OP_I64_TRUNC_SAT_F32_S, 0x5effffff, 0x0, BITS, 0x7fffff8000000000},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -9223372036854775808.0)) (i64.const -9223372036854775808)) */
    {"conversions.wast:374", OP_I64_TRUNC_SAT_F32_S, 0xdf000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const 9223372036854775808.0)) (i64.const 0x7fffffffffffffff)) */
    {"conversions.wast:375", OP_I64_TRUNC_SAT_F32_S, 0x5f000000, 0x0, BITS, 0x7fffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -9223373136366403584.0)) (i64.const 0x8000000000000000)) */
    {"conversions.wast:376", OP_I64_TRUNC_SAT_F32_S, 0xdf000001, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const inf)) (i64.const 0x7fffffffffffffff)) */
    {"conversions.wast:377", OP_I64_TRUNC_SAT_F32_S, 0x7f800000, 0x0, BITS, 0x7fffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -inf)) (i64.const 0x8000000000000000)) */
    {"conversions.wast:378", OP_I64_TRUNC_SAT_F32_S, 0xff800000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const nan)) (i64.const 0)) */
    {"conversions.wast:379", OP_I64_TRUNC_SAT_F32_S, 0x7fc00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const nan:0x200000)) (i64.const 0)) */
    {"conversions.wast:380", OP_I64_TRUNC_SAT_F32_S, 0x7fa00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -nan)) (i64.const 0)) */
    {"conversions.wast:381", OP_I64_TRUNC_SAT_F32_S, 0xffc00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_s" (f32.const -nan:0x200000)) (i64.const 0)) */
    {"conversions.wast:382", OP_I64_TRUNC_SAT_F32_S, 0xffa00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const 0.0)) (i64.const 0)) */
    {"conversions.wast:384", OP_I64_TRUNC_SAT_F32_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const -0.0)) (i64.const 0)) */
    {"conversions.wast:385", OP_I64_TRUNC_SAT_F32_U, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const 0x1p-149)) (i64.const 0)) */
    {"conversions.wast:386", OP_I64_TRUNC_SAT_F32_U, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const -0x1p-149)) (i64.const 0)) */
    {"conversions.wast:387", OP_I64_TRUNC_SAT_F32_U, 0x80000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const 1.0)) (i64.const 1)) */
    {"conversions.wast:388", OP_I64_TRUNC_SAT_F32_U, 0x3f800000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const 0x1.19999ap+0)) (i64.const 1)) */
    {"conversions.wast:389", OP_I64_TRUNC_SAT_F32_U, 0x3f8ccccd, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const 1.5)) (i64.const 1)) */
    {"conversions.wast:390", OP_I64_TRUNC_SAT_F32_U, 0x3fc00000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const 4294967296)) (i64.const 4294967296)) */
    {"conversions.wast:391", OP_I64_TRUNC_SAT_F32_U, 0x4f800000, 0x0, BITS, 0x100000000},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const 18446742974197923840.0)) (i64.const -1099511627776)) */
    {"conversions.wast:392", OP_I64_TRUNC_SAT_F32_U, 0x5f7fffff, 0x0, BITS, 0xffffff0000000000},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const -0x1.ccccccp-1)) (i64.const 0)) */
    {"conversions.wast:393", OP_I64_TRUNC_SAT_F32_U, 0xbf666666, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const -0x1.fffffep-1)) (i64.const 0)) */
    {"conversions.wast:394", OP_I64_TRUNC_SAT_F32_U, 0xbf7fffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const 18446744073709551616.0)) (i64.const 0xffffffffffffffff)) */
    {"conversions.wast:395", OP_I64_TRUNC_SAT_F32_U, 0x5f800000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const -1.0)) (i64.const 0x0000000000000000)) */
    {"conversions.wast:396", OP_I64_TRUNC_SAT_F32_U, 0xbf800000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const inf)) (i64.const 0xffffffffffffffff)) */
    {"conversions.wast:397", OP_I64_TRUNC_SAT_F32_U, 0x7f800000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const -inf)) (i64.const 0x0000000000000000)) */
    {"conversions.wast:398", OP_I64_TRUNC_SAT_F32_U, 0xff800000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const nan)) (i64.const 0)) */
    {"conversions.wast:399", OP_I64_TRUNC_SAT_F32_U, 0x7fc00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const nan:0x200000)) (i64.const 0)) */
    {"conversions.wast:400", OP_I64_TRUNC_SAT_F32_U, 0x7fa00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const -nan)) (i64.const 0)) */
    {"conversions.wast:401", OP_I64_TRUNC_SAT_F32_U, 0xffc00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f32_u" (f32.const -nan:0x200000)) (i64.const 0)) */
    {"conversions.wast:402", OP_I64_TRUNC_SAT_F32_U, 0xffa00000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const 0.0)) (i64.const 0)) */
    {"conversions.wast:404", OP_I64_TRUNC_SAT_F64_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -0.0)) (i64.const 0)) */
    {"conversions.wast:405", OP_I64_TRUNC_SAT_F64_S, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const 0x0.0000000000001p-1022)) (i64.const 0)) */
    {"conversions.wast:406", OP_I64_TRUNC_SAT_F64_S, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -0x0.0000000000001p-1022)) (i64.const 0)) */
    {"conversions.wast:407", OP_I64_TRUNC_SAT_F64_S, 0x8000000000000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const 1.0)) (i64.const 1)) */
    {"conversions.wast:408", OP_I64_TRUNC_SAT_F64_S, 0x3ff0000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const 0x1.199999999999ap+0)) (i64.const 1)) */
    {"conversions.wast:409", OP_I64_TRUNC_SAT_F64_S, 0x3ff199999999999a, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const 1.5)) (i64.const 1)) */
    {"conversions.wast:410", OP_I64_TRUNC_SAT_F64_S, 0x3ff8000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -1.0)) (i64.const -1)) */
    {"conversions.wast:411", OP_I64_TRUNC_SAT_F64_S, 0xbff0000000000000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -0x1.199999999999ap+0)) (i64.const -1)) */
    {"conversions.wast:412", OP_I64_TRUNC_SAT_F64_S, 0xbff199999999999a, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -1.5)) (i64.const -1)) */
    {"conversions.wast:413", OP_I64_TRUNC_SAT_F64_S, 0xbff8000000000000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -1.9)) (i64.const -1)) */
    {"conversions.wast:414", OP_I64_TRUNC_SAT_F64_S, 0xbffe666666666666, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -2.0)) (i64.const -2)) */
    {"conversions.wast:415", OP_I64_TRUNC_SAT_F64_S, 0xc000000000000000, 0x0, BITS, 0xfffffffffffffffe},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const 4294967296)) (i64.const 4294967296)) ;; 0x1.00000p+32 -> 1 0000 0000 */
    {"conversions.wast:416", OP_I64_TRUNC_SAT_F64_S, 0x41f0000000000000, 0x0, BITS, 0x100000000},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -4294967296)) (i64.const -4294967296)) ;; -0x1.00000p+32 -> ffff ffff 0000 0000 */
    {"conversions.wast:417", OP_I64_TRUNC_SAT_F64_S, 0xc1f0000000000000, 0x0, BITS, 0xffffffff00000000},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const 9223372036854774784.0)) (i64.const 9223372036854774784)) */
    {"conversions.wast:418", OP_I64_TRUNC_SAT_F64_S, 0x43dfffffffffffff, 0x0, BITS, 0x7ffffffffffffc00},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -9223372036854775808.0)) (i64.const -9223372036854775808)) */
    {"conversions.wast:419", OP_I64_TRUNC_SAT_F64_S, 0xc3e0000000000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const 9223372036854775808.0)) (i64.const 0x7fffffffffffffff)) */
    {"conversions.wast:420", OP_I64_TRUNC_SAT_F64_S, 0x43e0000000000000, 0x0, BITS, 0x7fffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -9223372036854777856.0)) (i64.const 0x8000000000000000)) */
    {"conversions.wast:421", OP_I64_TRUNC_SAT_F64_S, 0xc3e0000000000001, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const inf)) (i64.const 0x7fffffffffffffff)) */
    {"conversions.wast:422", OP_I64_TRUNC_SAT_F64_S, 0x7ff0000000000000, 0x0, BITS, 0x7fffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -inf)) (i64.const 0x8000000000000000)) */
    {"conversions.wast:423", OP_I64_TRUNC_SAT_F64_S, 0xfff0000000000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const nan)) (i64.const 0)) */
    {"conversions.wast:424", OP_I64_TRUNC_SAT_F64_S, 0x7ff8000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const nan:0x4000000000000)) (i64.const 0)) */
    {"conversions.wast:425", OP_I64_TRUNC_SAT_F64_S, 0x7ff4000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -nan)) (i64.const 0)) */
    {"conversions.wast:426", OP_I64_TRUNC_SAT_F64_S, 0xfff8000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_s" (f64.const -nan:0x4000000000000)) (i64.const 0)) */
    {"conversions.wast:427", OP_I64_TRUNC_SAT_F64_S, 0xfff4000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 0.0)) (i64.const 0)) */
    {"conversions.wast:429", OP_I64_TRUNC_SAT_F64_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const -0.0)) (i64.const 0)) */
    {"conversions.wast:430", OP_I64_TRUNC_SAT_F64_U, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 0x0.0000000000001p-1022)) (i64.const 0)) */
    {"conversions.wast:431", OP_I64_TRUNC_SAT_F64_U, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const -0x0.0000000000001p-1022)) (i64.const 0)) */
    {"conversions.wast:432", OP_I64_TRUNC_SAT_F64_U, 0x8000000000000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 1.0)) (i64.const 1)) */
    {"conversions.wast:433", OP_I64_TRUNC_SAT_F64_U, 0x3ff0000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 0x1.199999999999ap+0)) (i64.const 1)) */
    {"conversions.wast:434", OP_I64_TRUNC_SAT_F64_U, 0x3ff199999999999a, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 1.5)) (i64.const 1)) */
    {"conversions.wast:435", OP_I64_TRUNC_SAT_F64_U, 0x3ff8000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 4294967295)) (i64.const 0xffffffff)) */
    {"conversions.wast:436", OP_I64_TRUNC_SAT_F64_U, 0x41efffffffe00000, 0x0, BITS, 0xffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 4294967296)) (i64.const 0x100000000)) */
    {"conversions.wast:437", OP_I64_TRUNC_SAT_F64_U, 0x41f0000000000000, 0x0, BITS, 0x100000000},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 18446744073709549568.0)) (i64.const -2048)) */
    {"conversions.wast:438", OP_I64_TRUNC_SAT_F64_U, 0x43efffffffffffff, 0x0, BITS, 0xfffffffffffff800},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const -0x1.ccccccccccccdp-1)) (i64.const 0)) */
    {"conversions.wast:439", OP_I64_TRUNC_SAT_F64_U, 0xbfeccccccccccccd, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const -0x1.fffffffffffffp-1)) (i64.const 0)) */
    {"conversions.wast:440", OP_I64_TRUNC_SAT_F64_U, 0xbfefffffffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 1e8)) (i64.const 100000000)) */
    {"conversions.wast:441", OP_I64_TRUNC_SAT_F64_U, 0x4197d78400000000, 0x0, BITS, 0x5f5e100},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 1e16)) (i64.const 10000000000000000)) */
    {"conversions.wast:442", OP_I64_TRUNC_SAT_F64_U, 0x4341c37937e08000, 0x0, BITS, 0x2386f26fc10000},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 9223372036854775808)) (i64.const -9223372036854775808)) */
    {"conversions.wast:443", OP_I64_TRUNC_SAT_F64_U, 0x43e0000000000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const 18446744073709551616.0)) (i64.const 0xffffffffffffffff)) */
    {"conversions.wast:444", OP_I64_TRUNC_SAT_F64_U, 0x43f0000000000000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const -1.0)) (i64.const 0x0000000000000000)) */
    {"conversions.wast:445", OP_I64_TRUNC_SAT_F64_U, 0xbff0000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const inf)) (i64.const 0xffffffffffffffff)) */
    {"conversions.wast:446", OP_I64_TRUNC_SAT_F64_U, 0x7ff0000000000000, 0x0, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const -inf)) (i64.const 0x0000000000000000)) */
    {"conversions.wast:447", OP_I64_TRUNC_SAT_F64_U, 0xfff0000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const nan)) (i64.const 0)) */
    {"conversions.wast:448", OP_I64_TRUNC_SAT_F64_U, 0x7ff8000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const nan:0x4000000000000)) (i64.const 0)) */
    {"conversions.wast:449", OP_I64_TRUNC_SAT_F64_U, 0x7ff4000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const -nan)) (i64.const 0)) */
    {"conversions.wast:450", OP_I64_TRUNC_SAT_F64_U, 0xfff8000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "i64.trunc_sat_f64_u" (f64.const -nan:0x4000000000000)) (i64.const 0)) */
    {"conversions.wast:451", OP_I64_TRUNC_SAT_F64_U, 0xfff4000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 1)) (f32.const 1.0)) */
    {"conversions.wast:459", OP_F32_CONVERT_I64_S, 0x1, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const -1)) (f32.const -1.0)) */
    {"conversions.wast:460", OP_F32_CONVERT_I64_S, 0xffffffffffffffff, 0x0, BITS, 0xbf800000},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 0)) (f32.const 0.0)) */
    {"conversions.wast:461", OP_F32_CONVERT_I64_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 9223372036854775807)) (f32.const 9223372036854775807)) */
    {"conversions.wast:462", OP_F32_CONVERT_I64_S, 0x7fffffffffffffff, 0x0, BITS, 0x5f000000},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const -9223372036854775808)) (f32.const -9223372036854775808)) */
    {"conversions.wast:463", OP_F32_CONVERT_I64_S, 0x8000000000000000, 0x0, BITS, 0xdf000000},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 314159265358979)) (f32.const 0x1.1db9e8p+48)) ;; PI */
    {"conversions.wast:464", OP_F32_CONVERT_I64_S, 0x11db9e76a2483, 0x0, BITS, 0x578edcf4},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 16777217)) (f32.const 16777216.0)) */
    {"conversions.wast:466", OP_F32_CONVERT_I64_S, 0x1000001, 0x0, BITS, 0x4b800000},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const -16777217)) (f32.const -16777216.0)) */
    {"conversions.wast:467", OP_F32_CONVERT_I64_S, 0xfffffffffeffffff, 0x0, BITS, 0xcb800000},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 16777219)) (f32.const 16777220.0)) */
    {"conversions.wast:468", OP_F32_CONVERT_I64_S, 0x1000003, 0x0, BITS, 0x4b800002},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const -16777219)) (f32.const -16777220.0)) */
    {"conversions.wast:469", OP_F32_CONVERT_I64_S, 0xfffffffffefffffd, 0x0, BITS, 0xcb800002},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 0x7fffff4000000001)) (f32.const 0x1.fffffep+62)) */
    {"conversions.wast:471", OP_F32_CONVERT_I64_S, 0x7fffff4000000001, 0x0, BITS, 0x5effffff},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 0x8000004000000001)) (f32.const -0x1.fffffep+62)) */
    {"conversions.wast:472", OP_F32_CONVERT_I64_S, 0x8000004000000001, 0x0, BITS, 0xdeffffff},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 0x0020000020000001)) (f32.const 0x1.000002p+53)) */
    {"conversions.wast:473", OP_F32_CONVERT_I64_S, 0x20000020000001, 0x0, BITS, 0x5a000001},
    /* (assert_return (invoke "f32.convert_i64_s" (i64.const 0xffdfffffdfffffff)) (f32.const -0x1.000002p+53)) */
    {"conversions.wast:474", OP_F32_CONVERT_I64_S, 0xffdfffffdfffffff, 0x0, BITS, 0xda000001},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const 1)) (f64.const 1.0)) */
    {"conversions.wast:483", OP_F64_CONVERT_I64_S, 0x1, 0x0, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const -1)) (f64.const -1.0)) */
    {"conversions.wast:484", OP_F64_CONVERT_I64_S, 0xffffffffffffffff, 0x0, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const 0)) (f64.const 0.0)) */
    {"conversions.wast:485", OP_F64_CONVERT_I64_S, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const 9223372036854775807)) (f64.const 9223372036854775807)) */
    {"conversions.wast:486", OP_F64_CONVERT_I64_S, 0x7fffffffffffffff, 0x0, BITS, 0x43e0000000000000},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const -9223372036854775808)) (f64.const -9223372036854775808)) */
    {"conversions.wast:487", OP_F64_CONVERT_I64_S, 0x8000000000000000, 0x0, BITS, 0xc3e0000000000000},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const 4669201609102990)) (f64.const 4669201609102990)) ;; Feigenbaum */
    {"conversions.wast:488", OP_F64_CONVERT_I64_S, 0x10969d374b968e, 0x0, BITS, 0x4330969d374b968e},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const 9007199254740993)) (f64.const 9007199254740992)) */
    {"conversions.wast:490", OP_F64_CONVERT_I64_S, 0x20000000000001, 0x0, BITS, 0x4340000000000000},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const -9007199254740993)) (f64.const -9007199254740992)) */
    {"conversions.wast:491", OP_F64_CONVERT_I64_S, 0xffdfffffffffffff, 0x0, BITS, 0xc340000000000000},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const 9007199254740995)) (f64.const 9007199254740996)) */
    {"conversions.wast:492", OP_F64_CONVERT_I64_S, 0x20000000000003, 0x0, BITS, 0x4340000000000002},
    /* (assert_return (invoke "f64.convert_i64_s" (i64.const -9007199254740995)) (f64.const -9007199254740996)) */
    {"conversions.wast:493", OP_F64_CONVERT_I64_S, 0xffdffffffffffffd, 0x0, BITS, 0xc340000000000002},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 1)) (f32.const 1.0)) */
    {"conversions.wast:511", OP_F32_CONVERT_I64_U, 0x1, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 0)) (f32.const 0.0)) */
    {"conversions.wast:512", OP_F32_CONVERT_I64_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 9223372036854775807)) (f32.const 9223372036854775807)) */
    {"conversions.wast:513", OP_F32_CONVERT_I64_U, 0x7fffffffffffffff, 0x0, BITS, 0x5f000000},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const -9223372036854775808)) (f32.const 9223372036854775808)) */
    {"conversions.wast:514", OP_F32_CONVERT_I64_U, 0x8000000000000000, 0x0, BITS, 0x5f000000},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 0xffffffffffffffff)) (f32.const 18446744073709551616.0)) */
    {"conversions.wast:515", OP_F32_CONVERT_I64_U, 0xffffffffffffffff, 0x0, BITS, 0x5f800000},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 16777217)) (f32.const 16777216.0)) */
    {"conversions.wast:517", OP_F32_CONVERT_I64_U, 0x1000001, 0x0, BITS, 0x4b800000},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 16777219)) (f32.const 16777220.0)) */
    {"conversions.wast:518", OP_F32_CONVERT_I64_U, 0x1000003, 0x0, BITS, 0x4b800002},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 0x0020000020000001)) (f32.const 0x1.000002p+53)) */
    {"conversions.wast:520", OP_F32_CONVERT_I64_U, 0x20000020000001, 0x0, BITS, 0x5a000001},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 0x7fffffbfffffffff)) (f32.const 0x1.fffffep+62)) */
    {"conversions.wast:521", OP_F32_CONVERT_I64_U, 0x7fffffbfffffffff, 0x0, BITS, 0x5effffff},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 0x8000008000000001)) (f32.const 0x1.000002p+63)) */
    {"conversions.wast:522", OP_F32_CONVERT_I64_U, 0x8000008000000001, 0x0, BITS, 0x5f000001},
    /* (assert_return (invoke "f32.convert_i64_u" (i64.const 0xfffffe8000000001)) (f32.const 0x1.fffffep+63)) */
    {"conversions.wast:523", OP_F32_CONVERT_I64_U, 0xfffffe8000000001, 0x0, BITS, 0x5f7fffff},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 1)) (f64.const 1.0)) */
    {"conversions.wast:531", OP_F64_CONVERT_I64_U, 0x1, 0x0, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 0)) (f64.const 0.0)) */
    {"conversions.wast:532", OP_F64_CONVERT_I64_U, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 9223372036854775807)) (f64.const 9223372036854775807)) */
    {"conversions.wast:533", OP_F64_CONVERT_I64_U, 0x7fffffffffffffff, 0x0, BITS, 0x43e0000000000000},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const -9223372036854775808)) (f64.const 9223372036854775808)) */
    {"conversions.wast:534", OP_F64_CONVERT_I64_U, 0x8000000000000000, 0x0, BITS, 0x43e0000000000000},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 0xffffffffffffffff)) (f64.const 18446744073709551616.0)) */
    {"conversions.wast:535", OP_F64_CONVERT_I64_U, 0xffffffffffffffff, 0x0, BITS, 0x43f0000000000000},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 0x8000000000000400)) (f64.const 0x1.0000000000000p+63)) */
    {"conversions.wast:536", OP_F64_CONVERT_I64_U, 0x8000000000000400, 0x0, BITS, 0x43e0000000000000},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 0x8000000000000401)) (f64.const 0x1.0000000000001p+63)) */
    {"conversions.wast:537", OP_F64_CONVERT_I64_U, 0x8000000000000401, 0x0, BITS, 0x43e0000000000001},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 0x8000000000000402)) (f64.const 0x1.0000000000001p+63)) */
    {"conversions.wast:538", OP_F64_CONVERT_I64_U, 0x8000000000000402, 0x0, BITS, 0x43e0000000000001},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 0xfffffffffffff400)) (f64.const 0x1.ffffffffffffep+63)) */
    {"conversions.wast:539", OP_F64_CONVERT_I64_U, 0xfffffffffffff400, 0x0, BITS, 0x43effffffffffffe},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 0xfffffffffffff401)) (f64.const 0x1.fffffffffffffp+63)) */
    {"conversions.wast:540", OP_F64_CONVERT_I64_U, 0xfffffffffffff401, 0x0, BITS, 0x43efffffffffffff},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 0xfffffffffffff402)) (f64.const 0x1.fffffffffffffp+63)) */
    {"conversions.wast:541", OP_F64_CONVERT_I64_U, 0xfffffffffffff402, 0x0, BITS, 0x43efffffffffffff},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 9007199254740993)) (f64.const 9007199254740992)) */
    {"conversions.wast:543", OP_F64_CONVERT_I64_U, 0x20000000000001, 0x0, BITS, 0x4340000000000000},
    /* (assert_return (invoke "f64.convert_i64_u" (i64.const 9007199254740995)) (f64.const 9007199254740996)) */
    {"conversions.wast:544", OP_F64_CONVERT_I64_U, 0x20000000000003, 0x0, BITS, 0x4340000000000002},
    /* (assert_return (invoke "f64.promote_f32" (f32.const 0.0)) (f64.const 0.0)) */
    {"conversions.wast:546", OP_F64_PROMOTE_F32, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f64.promote_f32" (f32.const -0.0)) (f64.const -0.0)) */
    {"conversions.wast:547", OP_F64_PROMOTE_F32, 0x80000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const 0x1p-149)) (f64.const 0x1p-149)) */
    {"conversions.wast:548", OP_F64_PROMOTE_F32, 0x1, 0x0, BITS, 0x36a0000000000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const -0x1p-149)) (f64.const -0x1p-149)) */
    {"conversions.wast:549", OP_F64_PROMOTE_F32, 0x80000001, 0x0, BITS, 0xb6a0000000000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const 1.0)) (f64.const 1.0)) */
    {"conversions.wast:550", OP_F64_PROMOTE_F32, 0x3f800000, 0x0, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const -1.0)) (f64.const -1.0)) */
    {"conversions.wast:551", OP_F64_PROMOTE_F32, 0xbf800000, 0x0, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const -0x1.fffffep+127)) (f64.const -0x1.fffffep+127)) */
    {"conversions.wast:552", OP_F64_PROMOTE_F32, 0xff7fffff, 0x0, BITS, 0xc7efffffe0000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const 0x1.fffffep+127)) (f64.const 0x1.fffffep+127)) */
    {"conversions.wast:553", OP_F64_PROMOTE_F32, 0x7f7fffff, 0x0, BITS, 0x47efffffe0000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const 0x1p-119)) (f64.const 0x1p-119)) */
    {"conversions.wast:555", OP_F64_PROMOTE_F32, 0x4000000, 0x0, BITS, 0x3880000000000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const 0x1.8f867ep+125)) (f64.const 6.6382536710104395e+37)) */
    {"conversions.wast:557", OP_F64_PROMOTE_F32, 0x7e47c33f, 0x0, BITS, 0x47c8f867e0000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const inf)) (f64.const inf)) */
    {"conversions.wast:558", OP_F64_PROMOTE_F32, 0x7f800000, 0x0, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const -inf)) (f64.const -inf)) */
    {"conversions.wast:559", OP_F64_PROMOTE_F32, 0xff800000, 0x0, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "f64.promote_f32" (f32.const nan)) (f64.const nan:canonical)) */
    {"conversions.wast:560", OP_F64_PROMOTE_F32, 0x7fc00000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "f64.promote_f32" (f32.const nan:0x200000)) (f64.const nan:arithmetic)) */
    {"conversions.wast:561", OP_F64_PROMOTE_F32, 0x7fa00000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "f64.promote_f32" (f32.const -nan)) (f64.const nan:canonical)) */
    {"conversions.wast:562", OP_F64_PROMOTE_F32, 0xffc00000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "f64.promote_f32" (f32.const -nan:0x200000)) (f64.const nan:arithmetic)) */
    {"conversions.wast:563", OP_F64_PROMOTE_F32, 0xffa00000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0.0)) (f32.const 0.0)) */
    {"conversions.wast:565", OP_F32_DEMOTE_F64, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0.0)) (f32.const -0.0)) */
    {"conversions.wast:566", OP_F32_DEMOTE_F64, 0x8000000000000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x0.0000000000001p-1022)) (f32.const 0.0)) */
    {"conversions.wast:567", OP_F32_DEMOTE_F64, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x0.0000000000001p-1022)) (f32.const -0.0)) */
    {"conversions.wast:568", OP_F32_DEMOTE_F64, 0x8000000000000001, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 1.0)) (f32.const 1.0)) */
    {"conversions.wast:569", OP_F32_DEMOTE_F64, 0x3ff0000000000000, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -1.0)) (f32.const -1.0)) */
    {"conversions.wast:570", OP_F32_DEMOTE_F64, 0xbff0000000000000, 0x0, BITS, 0xbf800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.fffffe0000000p-127)) (f32.const 0x1p-126)) */
    {"conversions.wast:571", OP_F32_DEMOTE_F64, 0x380fffffe0000000, 0x0, BITS, 0x800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.fffffe0000000p-127)) (f32.const -0x1p-126)) */
    {"conversions.wast:572", OP_F32_DEMOTE_F64, 0xb80fffffe0000000, 0x0, BITS, 0x80800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.fffffdfffffffp-127)) (f32.const 0x1.fffffcp-127)) */
    {"conversions.wast:573", OP_F32_DEMOTE_F64, 0x380fffffdfffffff, 0x0, BITS, 0x7fffff},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.fffffdfffffffp-127)) (f32.const -0x1.fffffcp-127)) */
    {"conversions.wast:574", OP_F32_DEMOTE_F64, 0xb80fffffdfffffff, 0x0, BITS, 0x807fffff},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"conversions.wast:575", OP_F32_DEMOTE_F64, 0x36a0000000000000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"conversions.wast:576", OP_F32_DEMOTE_F64, 0xb6a0000000000000, 0x0, BITS, 0x80000001},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.fffffd0000000p+127)) (f32.const 0x1.fffffcp+127)) */
    {"conversions.wast:577", OP_F32_DEMOTE_F64, 0x47efffffd0000000, 0x0, BITS, 0x7f7ffffe},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.fffffd0000000p+127)) (f32.const -0x1.fffffcp+127)) */
    {"conversions.wast:578", OP_F32_DEMOTE_F64, 0xc7efffffd0000000, 0x0, BITS, 0xff7ffffe},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.fffffd0000001p+127)) (f32.const 0x1.fffffep+127)) */
    {"conversions.wast:579", OP_F32_DEMOTE_F64, 0x47efffffd0000001, 0x0, BITS, 0x7f7fffff},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.fffffd0000001p+127)) (f32.const -0x1.fffffep+127)) */
    {"conversions.wast:580", OP_F32_DEMOTE_F64, 0xc7efffffd0000001, 0x0, BITS, 0xff7fffff},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.fffffep+127)) (f32.const 0x1.fffffep+127)) */
    {"conversions.wast:581", OP_F32_DEMOTE_F64, 0x47efffffe0000000, 0x0, BITS, 0x7f7fffff},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.fffffep+127)) (f32.const -0x1.fffffep+127)) */
    {"conversions.wast:582", OP_F32_DEMOTE_F64, 0xc7efffffe0000000, 0x0, BITS, 0xff7fffff},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.fffffefffffffp+127)) (f32.const 0x1.fffffep+127)) */
    {"conversions.wast:583", OP_F32_DEMOTE_F64, 0x47efffffefffffff, 0x0, BITS, 0x7f7fffff},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.fffffefffffffp+127)) (f32.const -0x1.fffffep+127)) */
    {"conversions.wast:584", OP_F32_DEMOTE_F64, 0xc7efffffefffffff, 0x0, BITS, 0xff7fffff},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.ffffffp+127)) (f32.const inf)) */
    {"conversions.wast:585", OP_F32_DEMOTE_F64, 0x47effffff0000000, 0x0, BITS, 0x7f800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.ffffffp+127)) (f32.const -inf)) */
    {"conversions.wast:586", OP_F32_DEMOTE_F64, 0xc7effffff0000000, 0x0, BITS, 0xff800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1p-119)) (f32.const 0x1p-119)) */
    {"conversions.wast:587", OP_F32_DEMOTE_F64, 0x3880000000000000, 0x0, BITS, 0x4000000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.8f867ep+125)) (f32.const 0x1.8f867ep+125)) */
    {"conversions.wast:588", OP_F32_DEMOTE_F64, 0x47c8f867e0000000, 0x0, BITS, 0x7e47c33f},
    /* (assert_return (invoke "f32.demote_f64" (f64.const inf)) (f32.const inf)) */
    {"conversions.wast:589", OP_F32_DEMOTE_F64, 0x7ff0000000000000, 0x0, BITS, 0x7f800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -inf)) (f32.const -inf)) */
    {"conversions.wast:590", OP_F32_DEMOTE_F64, 0xfff0000000000000, 0x0, BITS, 0xff800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0000000000001p+0)) (f32.const 1.0)) */
    {"conversions.wast:591", OP_F32_DEMOTE_F64, 0x3ff0000000000001, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.fffffffffffffp-1)) (f32.const 1.0)) */
    {"conversions.wast:592", OP_F32_DEMOTE_F64, 0x3fefffffffffffff, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0000010000000p+0)) (f32.const 0x1.000000p+0)) */
    {"conversions.wast:593", OP_F32_DEMOTE_F64, 0x3ff0000010000000, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0000010000001p+0)) (f32.const 0x1.000002p+0)) */
    {"conversions.wast:594", OP_F32_DEMOTE_F64, 0x3ff0000010000001, 0x0, BITS, 0x3f800001},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.000002fffffffp+0)) (f32.const 0x1.000002p+0)) */
    {"conversions.wast:595", OP_F32_DEMOTE_F64, 0x3ff000002fffffff, 0x0, BITS, 0x3f800001},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0000030000000p+0)) (f32.const 0x1.000004p+0)) */
    {"conversions.wast:596", OP_F32_DEMOTE_F64, 0x3ff0000030000000, 0x0, BITS, 0x3f800002},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0000050000000p+0)) (f32.const 0x1.000004p+0)) */
    {"conversions.wast:597", OP_F32_DEMOTE_F64, 0x3ff0000050000000, 0x0, BITS, 0x3f800002},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0000010000000p+24)) (f32.const 0x1.0p+24)) */
    {"conversions.wast:598", OP_F32_DEMOTE_F64, 0x4170000010000000, 0x0, BITS, 0x4b800000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0000010000001p+24)) (f32.const 0x1.000002p+24)) */
    {"conversions.wast:599", OP_F32_DEMOTE_F64, 0x4170000010000001, 0x0, BITS, 0x4b800001},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.000002fffffffp+24)) (f32.const 0x1.000002p+24)) */
    {"conversions.wast:600", OP_F32_DEMOTE_F64, 0x417000002fffffff, 0x0, BITS, 0x4b800001},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0000030000000p+24)) (f32.const 0x1.000004p+24)) */
    {"conversions.wast:601", OP_F32_DEMOTE_F64, 0x4170000030000000, 0x0, BITS, 0x4b800002},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.4eae4f7024c7p+108)) (f32.const 0x1.4eae5p+108)) */
    {"conversions.wast:602", OP_F32_DEMOTE_F64, 0x46b4eae4f7024c70, 0x0, BITS, 0x75a75728},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.a12e71e358685p-113)) (f32.const 0x1.a12e72p-113)) */
    {"conversions.wast:603", OP_F32_DEMOTE_F64, 0x38ea12e71e358685, 0x0, BITS, 0x7509739},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.cb98354d521ffp-127)) (f32.const 0x1.cb9834p-127)) */
    {"conversions.wast:604", OP_F32_DEMOTE_F64, 0x380cb98354d521ff, 0x0, BITS, 0x72e60d},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.6972b30cfb562p+1)) (f32.const -0x1.6972b4p+1)) */
    {"conversions.wast:605", OP_F32_DEMOTE_F64, 0xc006972b30cfb562, 0x0, BITS, 0xc034b95a},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.bedbe4819d4c4p+112)) (f32.const -0x1.bedbe4p+112)) */
    {"conversions.wast:606", OP_F32_DEMOTE_F64, 0xc6fbedbe4819d4c4, 0x0, BITS, 0xf7df6df2},
    /* (assert_return (invoke "f32.demote_f64" (f64.const nan)) (f32.const nan:canonical)) */
    {"conversions.wast:607", OP_F32_DEMOTE_F64, 0x7ff8000000000000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "f32.demote_f64" (f64.const nan:0x4000000000000)) (f32.const nan:arithmetic)) */
    {"conversions.wast:608", OP_F32_DEMOTE_F64, 0x7ff4000000000000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -nan)) (f32.const nan:canonical)) */
    {"conversions.wast:609", OP_F32_DEMOTE_F64, 0xfff8000000000000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -nan:0x4000000000000)) (f32.const nan:arithmetic)) */
    {"conversions.wast:610", OP_F32_DEMOTE_F64, 0xfff4000000000000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1p-1022)) (f32.const 0.0)) */
    {"conversions.wast:611", OP_F32_DEMOTE_F64, 0x10000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1p-1022)) (f32.const -0.0)) */
    {"conversions.wast:612", OP_F32_DEMOTE_F64, 0x8010000000000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0p-150)) (f32.const 0.0)) */
    {"conversions.wast:613", OP_F32_DEMOTE_F64, 0x3690000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.0p-150)) (f32.const -0.0)) */
    {"conversions.wast:614", OP_F32_DEMOTE_F64, 0xb690000000000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "f32.demote_f64" (f64.const 0x1.0000000000001p-150)) (f32.const 0x1p-149)) */
    {"conversions.wast:615", OP_F32_DEMOTE_F64, 0x3690000000000001, 0x0, BITS, 0x1},
    /* (assert_return (invoke "f32.demote_f64" (f64.const -0x1.0000000000001p-150)) (f32.const -0x1p-149)) */
    {"conversions.wast:616", OP_F32_DEMOTE_F64, 0xb690000000000001, 0x0, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:1619", OP_F32_MIN, 0x80000000, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const 0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:1620", OP_F32_MIN, 0x80000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:1621", OP_F32_MIN, 0x0, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:1622", OP_F32_MIN, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:1623", OP_F32_MIN, 0x80000000, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const 0x1p-149)) (f32.const -0x0p+0)) */
    {"f32.wast:1624", OP_F32_MIN, 0x80000000, 0x1, BITS, 0x80000000},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:1625", OP_F32_MIN, 0x0, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const 0x1p-149)) (f32.const 0x0p+0)) */
    {"f32.wast:1626", OP_F32_MIN, 0x0, 0x1, BITS, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1635", OP_F32_MIN, 0x80000000, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const 0x1p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:1636", OP_F32_MIN, 0x80000000, 0x3f800000, BITS, 0x80000000},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1637", OP_F32_MIN, 0x0, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const 0x1p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:1638", OP_F32_MIN, 0x0, 0x3f800000, BITS, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:1647", OP_F32_MIN, 0x80000000, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const inf)) (f32.const -0x0p+0)) */
    {"f32.wast:1648", OP_F32_MIN, 0x80000000, 0x7f800000, BITS, 0x80000000},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:1649", OP_F32_MIN, 0x0, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const inf)) (f32.const 0x0p+0)) */
    {"f32.wast:1650", OP_F32_MIN, 0x0, 0x7f800000, BITS, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:1651", OP_F32_MIN, 0x80000000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1652", OP_F32_MIN, 0x80000000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:1653", OP_F32_MIN, 0x80000000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x0p+0) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1654", OP_F32_MIN, 0x80000000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:1655", OP_F32_MIN, 0x0, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1656", OP_F32_MIN, 0x0, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:1657", OP_F32_MIN, 0x0, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x0p+0) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1658", OP_F32_MIN, 0x0, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const -0x0p+0)) (f32.const -0x1p-149)) */
    {"f32.wast:1659", OP_F32_MIN, 0x80000001, 0x80000000, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const 0x0p+0)) (f32.const -0x1p-149)) */
    {"f32.wast:1660", OP_F32_MIN, 0x80000001, 0x0, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:1661", OP_F32_MIN, 0x1, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:1662", OP_F32_MIN, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:1663", OP_F32_MIN, 0x80000001, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const 0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:1664", OP_F32_MIN, 0x80000001, 0x1, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:1665", OP_F32_MIN, 0x1, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:1666", OP_F32_MIN, 0x1, 0x1, BITS, 0x1},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1675", OP_F32_MIN, 0x80000001, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const 0x1p+0)) (f32.const -0x1p-149)) */
    {"f32.wast:1676", OP_F32_MIN, 0x80000001, 0x3f800000, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1677", OP_F32_MIN, 0x1, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const 0x1p+0)) (f32.const 0x1p-149)) */
    {"f32.wast:1678", OP_F32_MIN, 0x1, 0x3f800000, BITS, 0x1},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:1687", OP_F32_MIN, 0x80000001, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const inf)) (f32.const -0x1p-149)) */
    {"f32.wast:1688", OP_F32_MIN, 0x80000001, 0x7f800000, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:1689", OP_F32_MIN, 0x1, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const inf)) (f32.const 0x1p-149)) */
    {"f32.wast:1690", OP_F32_MIN, 0x1, 0x7f800000, BITS, 0x1},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:1691", OP_F32_MIN, 0x80000001, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1692", OP_F32_MIN, 0x80000001, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:1693", OP_F32_MIN, 0x80000001, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p-149) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1694", OP_F32_MIN, 0x80000001, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:1695", OP_F32_MIN, 0x1, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1696", OP_F32_MIN, 0x1, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:1697", OP_F32_MIN, 0x1, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x1p-149) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1698", OP_F32_MIN, 0x1, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const -0x0p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1779", OP_F32_MIN, 0xbf800000, 0x80000000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const 0x0p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1780", OP_F32_MIN, 0xbf800000, 0x0, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:1781", OP_F32_MIN, 0x3f800000, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:1782", OP_F32_MIN, 0x3f800000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const -0x1p-149)) (f32.const -0x1p+0)) */
    {"f32.wast:1783", OP_F32_MIN, 0xbf800000, 0x80000001, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const 0x1p-149)) (f32.const -0x1p+0)) */
    {"f32.wast:1784", OP_F32_MIN, 0xbf800000, 0x1, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:1785", OP_F32_MIN, 0x3f800000, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:1786", OP_F32_MIN, 0x3f800000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1795", OP_F32_MIN, 0xbf800000, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const 0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1796", OP_F32_MIN, 0xbf800000, 0x3f800000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1797", OP_F32_MIN, 0x3f800000, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:1798", OP_F32_MIN, 0x3f800000, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:1807", OP_F32_MIN, 0xbf800000, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const inf)) (f32.const -0x1p+0)) */
    {"f32.wast:1808", OP_F32_MIN, 0xbf800000, 0x7f800000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:1809", OP_F32_MIN, 0x3f800000, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const inf)) (f32.const 0x1p+0)) */
    {"f32.wast:1810", OP_F32_MIN, 0x3f800000, 0x7f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:1811", OP_F32_MIN, 0xbf800000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1812", OP_F32_MIN, 0xbf800000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:1813", OP_F32_MIN, 0xbf800000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -0x1p+0) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1814", OP_F32_MIN, 0xbf800000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:1815", OP_F32_MIN, 0x3f800000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1816", OP_F32_MIN, 0x3f800000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:1817", OP_F32_MIN, 0x3f800000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const 0x1p+0) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1818", OP_F32_MIN, 0x3f800000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const -0x0p+0)) (f32.const -inf)) */
    {"f32.wast:1899", OP_F32_MIN, 0xff800000, 0x80000000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const 0x0p+0)) (f32.const -inf)) */
    {"f32.wast:1900", OP_F32_MIN, 0xff800000, 0x0, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:1901", OP_F32_MIN, 0x7f800000, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:1902", OP_F32_MIN, 0x7f800000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const -0x1p-149)) (f32.const -inf)) */
    {"f32.wast:1903", OP_F32_MIN, 0xff800000, 0x80000001, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const 0x1p-149)) (f32.const -inf)) */
    {"f32.wast:1904", OP_F32_MIN, 0xff800000, 0x1, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:1905", OP_F32_MIN, 0x7f800000, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:1906", OP_F32_MIN, 0x7f800000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const -0x1p+0)) (f32.const -inf)) */
    {"f32.wast:1915", OP_F32_MIN, 0xff800000, 0xbf800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const 0x1p+0)) (f32.const -inf)) */
    {"f32.wast:1916", OP_F32_MIN, 0xff800000, 0x3f800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:1917", OP_F32_MIN, 0x7f800000, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:1918", OP_F32_MIN, 0x7f800000, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:1927", OP_F32_MIN, 0xff800000, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const inf)) (f32.const -inf)) */
    {"f32.wast:1928", OP_F32_MIN, 0xff800000, 0x7f800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:1929", OP_F32_MIN, 0x7f800000, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const inf)) (f32.const inf)) */
    {"f32.wast:1930", OP_F32_MIN, 0x7f800000, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:1931", OP_F32_MIN, 0xff800000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1932", OP_F32_MIN, 0xff800000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:1933", OP_F32_MIN, 0xff800000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -inf) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1934", OP_F32_MIN, 0xff800000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:1935", OP_F32_MIN, 0x7f800000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1936", OP_F32_MIN, 0x7f800000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:1937", OP_F32_MIN, 0x7f800000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const inf) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:1938", OP_F32_MIN, 0x7f800000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const -0x0p+0)) (f32.const nan:canonical)) */
    {"f32.wast:1939", OP_F32_MIN, 0xffc00000, 0x80000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const -0x0p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:1940", OP_F32_MIN, 0xffa00000, 0x80000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const 0x0p+0)) (f32.const nan:canonical)) */
    {"f32.wast:1941", OP_F32_MIN, 0xffc00000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const 0x0p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:1942", OP_F32_MIN, 0xffa00000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const -0x0p+0)) (f32.const nan:canonical)) */
    {"f32.wast:1943", OP_F32_MIN, 0x7fc00000, 0x80000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const -0x0p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:1944", OP_F32_MIN, 0x7fa00000, 0x80000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const 0x0p+0)) (f32.const nan:canonical)) */
    {"f32.wast:1945", OP_F32_MIN, 0x7fc00000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const 0x0p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:1946", OP_F32_MIN, 0x7fa00000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const -0x1p-149)) (f32.const nan:canonical)) */
    {"f32.wast:1947", OP_F32_MIN, 0xffc00000, 0x80000001, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const -0x1p-149)) (f32.const nan:arithmetic)) */
    {"f32.wast:1948", OP_F32_MIN, 0xffa00000, 0x80000001, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const 0x1p-149)) (f32.const nan:canonical)) */
    {"f32.wast:1949", OP_F32_MIN, 0xffc00000, 0x1, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const 0x1p-149)) (f32.const nan:arithmetic)) */
    {"f32.wast:1950", OP_F32_MIN, 0xffa00000, 0x1, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const -0x1p-149)) (f32.const nan:canonical)) */
    {"f32.wast:1951", OP_F32_MIN, 0x7fc00000, 0x80000001, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const -0x1p-149)) (f32.const nan:arithmetic)) */
    {"f32.wast:1952", OP_F32_MIN, 0x7fa00000, 0x80000001, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const 0x1p-149)) (f32.const nan:canonical)) */
    {"f32.wast:1953", OP_F32_MIN, 0x7fc00000, 0x1, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const 0x1p-149)) (f32.const nan:arithmetic)) */
    {"f32.wast:1954", OP_F32_MIN, 0x7fa00000, 0x1, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const -0x1p+0)) (f32.const nan:canonical)) */
    {"f32.wast:1971", OP_F32_MIN, 0xffc00000, 0xbf800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const -0x1p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:1972", OP_F32_MIN, 0xffa00000, 0xbf800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const 0x1p+0)) (f32.const nan:canonical)) */
    {"f32.wast:1973", OP_F32_MIN, 0xffc00000, 0x3f800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const 0x1p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:1974", OP_F32_MIN, 0xffa00000, 0x3f800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const -0x1p+0)) (f32.const nan:canonical)) */
    {"f32.wast:1975", OP_F32_MIN, 0x7fc00000, 0xbf800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const -0x1p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:1976", OP_F32_MIN, 0x7fa00000, 0xbf800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const 0x1p+0)) (f32.const nan:canonical)) */
    {"f32.wast:1977", OP_F32_MIN, 0x7fc00000, 0x3f800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const 0x1p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:1978", OP_F32_MIN, 0x7fa00000, 0x3f800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const -inf)) (f32.const nan:canonical)) */
    {"f32.wast:1995", OP_F32_MIN, 0xffc00000, 0xff800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const -inf)) (f32.const nan:arithmetic)) */
    {"f32.wast:1996", OP_F32_MIN, 0xffa00000, 0xff800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const inf)) (f32.const nan:canonical)) */
    {"f32.wast:1997", OP_F32_MIN, 0xffc00000, 0x7f800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const inf)) (f32.const nan:arithmetic)) */
    {"f32.wast:1998", OP_F32_MIN, 0xffa00000, 0x7f800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const -inf)) (f32.const nan:canonical)) */
    {"f32.wast:1999", OP_F32_MIN, 0x7fc00000, 0xff800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const -inf)) (f32.const nan:arithmetic)) */
    {"f32.wast:2000", OP_F32_MIN, 0x7fa00000, 0xff800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const inf)) (f32.const nan:canonical)) */
    {"f32.wast:2001", OP_F32_MIN, 0x7fc00000, 0x7f800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const inf)) (f32.const nan:arithmetic)) */
    {"f32.wast:2002", OP_F32_MIN, 0x7fa00000, 0x7f800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2003", OP_F32_MIN, 0xffc00000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const -nan)) (f32.const nan:arithmetic)) */
    {"f32.wast:2004", OP_F32_MIN, 0xffa00000, 0xffc00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2005", OP_F32_MIN, 0xffc00000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2006", OP_F32_MIN, 0xffa00000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2007", OP_F32_MIN, 0xffc00000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const nan)) (f32.const nan:arithmetic)) */
    {"f32.wast:2008", OP_F32_MIN, 0xffa00000, 0x7fc00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2009", OP_F32_MIN, 0xffc00000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const -nan:0x200000) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2010", OP_F32_MIN, 0xffa00000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2011", OP_F32_MIN, 0x7fc00000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const -nan)) (f32.const nan:arithmetic)) */
    {"f32.wast:2012", OP_F32_MIN, 0x7fa00000, 0xffc00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2013", OP_F32_MIN, 0x7fc00000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2014", OP_F32_MIN, 0x7fa00000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2015", OP_F32_MIN, 0x7fc00000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const nan)) (f32.const nan:arithmetic)) */
    {"f32.wast:2016", OP_F32_MIN, 0x7fa00000, 0x7fc00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2017", OP_F32_MIN, 0x7fc00000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f32.const nan:0x200000) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2018", OP_F32_MIN, 0x7fa00000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:2019", OP_F32_MAX, 0x80000000, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:2020", OP_F32_MAX, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const -0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:2021", OP_F32_MAX, 0x0, 0x80000000, BITS, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:2022", OP_F32_MAX, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const -0x1p-149)) (f32.const -0x0p+0)) */
    {"f32.wast:2023", OP_F32_MAX, 0x80000000, 0x80000001, BITS, 0x80000000},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:2024", OP_F32_MAX, 0x80000000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const -0x1p-149)) (f32.const 0x0p+0)) */
    {"f32.wast:2025", OP_F32_MAX, 0x0, 0x80000001, BITS, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:2026", OP_F32_MAX, 0x0, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const -0x1p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:2035", OP_F32_MAX, 0x80000000, 0xbf800000, BITS, 0x80000000},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2036", OP_F32_MAX, 0x80000000, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const -0x1p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:2037", OP_F32_MAX, 0x0, 0xbf800000, BITS, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2038", OP_F32_MAX, 0x0, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const -inf)) (f32.const -0x0p+0)) */
    {"f32.wast:2047", OP_F32_MAX, 0x80000000, 0xff800000, BITS, 0x80000000},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const inf)) (f32.const inf)) */
    {"f32.wast:2048", OP_F32_MAX, 0x80000000, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const -inf)) (f32.const 0x0p+0)) */
    {"f32.wast:2049", OP_F32_MAX, 0x0, 0xff800000, BITS, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const inf)) (f32.const inf)) */
    {"f32.wast:2050", OP_F32_MAX, 0x0, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2051", OP_F32_MAX, 0x80000000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2052", OP_F32_MAX, 0x80000000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2053", OP_F32_MAX, 0x80000000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x0p+0) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2054", OP_F32_MAX, 0x80000000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2055", OP_F32_MAX, 0x0, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2056", OP_F32_MAX, 0x0, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2057", OP_F32_MAX, 0x0, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x0p+0) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2058", OP_F32_MAX, 0x0, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:2059", OP_F32_MAX, 0x80000001, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:2060", OP_F32_MAX, 0x80000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const -0x0p+0)) (f32.const 0x1p-149)) */
    {"f32.wast:2061", OP_F32_MAX, 0x1, 0x80000000, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const 0x0p+0)) (f32.const 0x1p-149)) */
    {"f32.wast:2062", OP_F32_MAX, 0x1, 0x0, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:2063", OP_F32_MAX, 0x80000001, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:2064", OP_F32_MAX, 0x80000001, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const -0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:2065", OP_F32_MAX, 0x1, 0x80000001, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:2066", OP_F32_MAX, 0x1, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const -0x1p+0)) (f32.const -0x1p-149)) */
    {"f32.wast:2075", OP_F32_MAX, 0x80000001, 0xbf800000, BITS, 0x80000001},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2076", OP_F32_MAX, 0x80000001, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const -0x1p+0)) (f32.const 0x1p-149)) */
    {"f32.wast:2077", OP_F32_MAX, 0x1, 0xbf800000, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2078", OP_F32_MAX, 0x1, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const -inf)) (f32.const -0x1p-149)) */
    {"f32.wast:2087", OP_F32_MAX, 0x80000001, 0xff800000, BITS, 0x80000001},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const inf)) (f32.const inf)) */
    {"f32.wast:2088", OP_F32_MAX, 0x80000001, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const -inf)) (f32.const 0x1p-149)) */
    {"f32.wast:2089", OP_F32_MAX, 0x1, 0xff800000, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const inf)) (f32.const inf)) */
    {"f32.wast:2090", OP_F32_MAX, 0x1, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2091", OP_F32_MAX, 0x80000001, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2092", OP_F32_MAX, 0x80000001, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2093", OP_F32_MAX, 0x80000001, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x1p-149) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2094", OP_F32_MAX, 0x80000001, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2095", OP_F32_MAX, 0x1, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2096", OP_F32_MAX, 0x1, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2097", OP_F32_MAX, 0x1, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p-149) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2098", OP_F32_MAX, 0x1, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:2179", OP_F32_MAX, 0xbf800000, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:2180", OP_F32_MAX, 0xbf800000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const -0x0p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2181", OP_F32_MAX, 0x3f800000, 0x80000000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const 0x0p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2182", OP_F32_MAX, 0x3f800000, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:2183", OP_F32_MAX, 0xbf800000, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:2184", OP_F32_MAX, 0xbf800000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const -0x1p-149)) (f32.const 0x1p+0)) */
    {"f32.wast:2185", OP_F32_MAX, 0x3f800000, 0x80000001, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const 0x1p-149)) (f32.const 0x1p+0)) */
    {"f32.wast:2186", OP_F32_MAX, 0x3f800000, 0x1, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:2195", OP_F32_MAX, 0xbf800000, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2196", OP_F32_MAX, 0xbf800000, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const -0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2197", OP_F32_MAX, 0x3f800000, 0xbf800000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2198", OP_F32_MAX, 0x3f800000, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const -inf)) (f32.const -0x1p+0)) */
    {"f32.wast:2207", OP_F32_MAX, 0xbf800000, 0xff800000, BITS, 0xbf800000},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const inf)) (f32.const inf)) */
    {"f32.wast:2208", OP_F32_MAX, 0xbf800000, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const -inf)) (f32.const 0x1p+0)) */
    {"f32.wast:2209", OP_F32_MAX, 0x3f800000, 0xff800000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const inf)) (f32.const inf)) */
    {"f32.wast:2210", OP_F32_MAX, 0x3f800000, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2211", OP_F32_MAX, 0xbf800000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2212", OP_F32_MAX, 0xbf800000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2213", OP_F32_MAX, 0xbf800000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -0x1p+0) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2214", OP_F32_MAX, 0xbf800000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2215", OP_F32_MAX, 0x3f800000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2216", OP_F32_MAX, 0x3f800000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2217", OP_F32_MAX, 0x3f800000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const 0x1p+0) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2218", OP_F32_MAX, 0x3f800000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:2299", OP_F32_MAX, 0xff800000, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:2300", OP_F32_MAX, 0xff800000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const -0x0p+0)) (f32.const inf)) */
    {"f32.wast:2301", OP_F32_MAX, 0x7f800000, 0x80000000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const 0x0p+0)) (f32.const inf)) */
    {"f32.wast:2302", OP_F32_MAX, 0x7f800000, 0x0, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32.wast:2303", OP_F32_MAX, 0xff800000, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32.wast:2304", OP_F32_MAX, 0xff800000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const -0x1p-149)) (f32.const inf)) */
    {"f32.wast:2305", OP_F32_MAX, 0x7f800000, 0x80000001, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const 0x1p-149)) (f32.const inf)) */
    {"f32.wast:2306", OP_F32_MAX, 0x7f800000, 0x1, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:2315", OP_F32_MAX, 0xff800000, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2316", OP_F32_MAX, 0xff800000, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const -0x1p+0)) (f32.const inf)) */
    {"f32.wast:2317", OP_F32_MAX, 0x7f800000, 0xbf800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const 0x1p+0)) (f32.const inf)) */
    {"f32.wast:2318", OP_F32_MAX, 0x7f800000, 0x3f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:2327", OP_F32_MAX, 0xff800000, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const inf)) (f32.const inf)) */
    {"f32.wast:2328", OP_F32_MAX, 0xff800000, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const -inf)) (f32.const inf)) */
    {"f32.wast:2329", OP_F32_MAX, 0x7f800000, 0xff800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const inf)) (f32.const inf)) */
    {"f32.wast:2330", OP_F32_MAX, 0x7f800000, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2331", OP_F32_MAX, 0xff800000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2332", OP_F32_MAX, 0xff800000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2333", OP_F32_MAX, 0xff800000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -inf) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2334", OP_F32_MAX, 0xff800000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2335", OP_F32_MAX, 0x7f800000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2336", OP_F32_MAX, 0x7f800000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2337", OP_F32_MAX, 0x7f800000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const inf) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2338", OP_F32_MAX, 0x7f800000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const -0x0p+0)) (f32.const nan:canonical)) */
    {"f32.wast:2339", OP_F32_MAX, 0xffc00000, 0x80000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const -0x0p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:2340", OP_F32_MAX, 0xffa00000, 0x80000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const 0x0p+0)) (f32.const nan:canonical)) */
    {"f32.wast:2341", OP_F32_MAX, 0xffc00000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const 0x0p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:2342", OP_F32_MAX, 0xffa00000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const -0x0p+0)) (f32.const nan:canonical)) */
    {"f32.wast:2343", OP_F32_MAX, 0x7fc00000, 0x80000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const -0x0p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:2344", OP_F32_MAX, 0x7fa00000, 0x80000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const 0x0p+0)) (f32.const nan:canonical)) */
    {"f32.wast:2345", OP_F32_MAX, 0x7fc00000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const 0x0p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:2346", OP_F32_MAX, 0x7fa00000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const -0x1p-149)) (f32.const nan:canonical)) */
    {"f32.wast:2347", OP_F32_MAX, 0xffc00000, 0x80000001, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const -0x1p-149)) (f32.const nan:arithmetic)) */
    {"f32.wast:2348", OP_F32_MAX, 0xffa00000, 0x80000001, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const 0x1p-149)) (f32.const nan:canonical)) */
    {"f32.wast:2349", OP_F32_MAX, 0xffc00000, 0x1, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const 0x1p-149)) (f32.const nan:arithmetic)) */
    {"f32.wast:2350", OP_F32_MAX, 0xffa00000, 0x1, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const -0x1p-149)) (f32.const nan:canonical)) */
    {"f32.wast:2351", OP_F32_MAX, 0x7fc00000, 0x80000001, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const -0x1p-149)) (f32.const nan:arithmetic)) */
    {"f32.wast:2352", OP_F32_MAX, 0x7fa00000, 0x80000001, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const 0x1p-149)) (f32.const nan:canonical)) */
    {"f32.wast:2353", OP_F32_MAX, 0x7fc00000, 0x1, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const 0x1p-149)) (f32.const nan:arithmetic)) */
    {"f32.wast:2354", OP_F32_MAX, 0x7fa00000, 0x1, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const -0x1p+0)) (f32.const nan:canonical)) */
    {"f32.wast:2371", OP_F32_MAX, 0xffc00000, 0xbf800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const -0x1p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:2372", OP_F32_MAX, 0xffa00000, 0xbf800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const 0x1p+0)) (f32.const nan:canonical)) */
    {"f32.wast:2373", OP_F32_MAX, 0xffc00000, 0x3f800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const 0x1p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:2374", OP_F32_MAX, 0xffa00000, 0x3f800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const -0x1p+0)) (f32.const nan:canonical)) */
    {"f32.wast:2375", OP_F32_MAX, 0x7fc00000, 0xbf800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const -0x1p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:2376", OP_F32_MAX, 0x7fa00000, 0xbf800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const 0x1p+0)) (f32.const nan:canonical)) */
    {"f32.wast:2377", OP_F32_MAX, 0x7fc00000, 0x3f800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const 0x1p+0)) (f32.const nan:arithmetic)) */
    {"f32.wast:2378", OP_F32_MAX, 0x7fa00000, 0x3f800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const -inf)) (f32.const nan:canonical)) */
    {"f32.wast:2395", OP_F32_MAX, 0xffc00000, 0xff800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const -inf)) (f32.const nan:arithmetic)) */
    {"f32.wast:2396", OP_F32_MAX, 0xffa00000, 0xff800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const inf)) (f32.const nan:canonical)) */
    {"f32.wast:2397", OP_F32_MAX, 0xffc00000, 0x7f800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const inf)) (f32.const nan:arithmetic)) */
    {"f32.wast:2398", OP_F32_MAX, 0xffa00000, 0x7f800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const -inf)) (f32.const nan:canonical)) */
    {"f32.wast:2399", OP_F32_MAX, 0x7fc00000, 0xff800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const -inf)) (f32.const nan:arithmetic)) */
    {"f32.wast:2400", OP_F32_MAX, 0x7fa00000, 0xff800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const inf)) (f32.const nan:canonical)) */
    {"f32.wast:2401", OP_F32_MAX, 0x7fc00000, 0x7f800000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const inf)) (f32.const nan:arithmetic)) */
    {"f32.wast:2402", OP_F32_MAX, 0x7fa00000, 0x7f800000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2403", OP_F32_MAX, 0xffc00000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const -nan)) (f32.const nan:arithmetic)) */
    {"f32.wast:2404", OP_F32_MAX, 0xffa00000, 0xffc00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2405", OP_F32_MAX, 0xffc00000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2406", OP_F32_MAX, 0xffa00000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2407", OP_F32_MAX, 0xffc00000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const nan)) (f32.const nan:arithmetic)) */
    {"f32.wast:2408", OP_F32_MAX, 0xffa00000, 0x7fc00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2409", OP_F32_MAX, 0xffc00000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const -nan:0x200000) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2410", OP_F32_MAX, 0xffa00000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2411", OP_F32_MAX, 0x7fc00000, 0xffc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const -nan)) (f32.const nan:arithmetic)) */
    {"f32.wast:2412", OP_F32_MAX, 0x7fa00000, 0xffc00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2413", OP_F32_MAX, 0x7fc00000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2414", OP_F32_MAX, 0x7fa00000, 0xffa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2415", OP_F32_MAX, 0x7fc00000, 0x7fc00000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const nan)) (f32.const nan:arithmetic)) */
    {"f32.wast:2416", OP_F32_MAX, 0x7fa00000, 0x7fc00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2417", OP_F32_MAX, 0x7fc00000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f32.const nan:0x200000) (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2418", OP_F32_MAX, 0x7fa00000, 0x7fa00000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "nearest" (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32.wast:2499", OP_F32_NEAREST, 0x80000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "nearest" (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32.wast:2500", OP_F32_NEAREST, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "nearest" (f32.const -0x1p-149)) (f32.const -0x0p+0)) */
    {"f32.wast:2501", OP_F32_NEAREST, 0x80000001, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "nearest" (f32.const 0x1p-149)) (f32.const 0x0p+0)) */
    {"f32.wast:2502", OP_F32_NEAREST, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "nearest" (f32.const -0x1p-126)) (f32.const -0x0p+0)) */
    {"f32.wast:2503", OP_F32_NEAREST, 0x80800000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "nearest" (f32.const 0x1p-126)) (f32.const 0x0p+0)) */
    {"f32.wast:2504", OP_F32_NEAREST, 0x800000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "nearest" (f32.const -0x1p-1)) (f32.const -0x0p+0)) */
    {"f32.wast:2505", OP_F32_NEAREST, 0xbf000000, 0x0, BITS, 0x80000000},
    /* (assert_return (invoke "nearest" (f32.const 0x1p-1)) (f32.const 0x0p+0)) */
    {"f32.wast:2506", OP_F32_NEAREST, 0x3f000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "nearest" (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32.wast:2507", OP_F32_NEAREST, 0xbf800000, 0x0, BITS, 0xbf800000},
    /* (assert_return (invoke "nearest" (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32.wast:2508", OP_F32_NEAREST, 0x3f800000, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "nearest" (f32.const -0x1.921fb6p+2)) (f32.const -0x1.8p+2)) */
    {"f32.wast:2509", OP_F32_NEAREST, 0xc0c90fdb, 0x0, BITS, 0xc0c00000},
    /* (assert_return (invoke "nearest" (f32.const 0x1.921fb6p+2)) (f32.const 0x1.8p+2)) */
    {"f32.wast:2510", OP_F32_NEAREST, 0x40c90fdb, 0x0, BITS, 0x40c00000},
    /* (assert_return (invoke "nearest" (f32.const -0x1.fffffep+127)) (f32.const -0x1.fffffep+127)) */
    {"f32.wast:2511", OP_F32_NEAREST, 0xff7fffff, 0x0, BITS, 0xff7fffff},
    /* (assert_return (invoke "nearest" (f32.const 0x1.fffffep+127)) (f32.const 0x1.fffffep+127)) */
    {"f32.wast:2512", OP_F32_NEAREST, 0x7f7fffff, 0x0, BITS, 0x7f7fffff},
    /* (assert_return (invoke "nearest" (f32.const -inf)) (f32.const -inf)) */
    {"f32.wast:2513", OP_F32_NEAREST, 0xff800000, 0x0, BITS, 0xff800000},
    /* (assert_return (invoke "nearest" (f32.const inf)) (f32.const inf)) */
    {"f32.wast:2514", OP_F32_NEAREST, 0x7f800000, 0x0, BITS, 0x7f800000},
    /* (assert_return (invoke "nearest" (f32.const -nan)) (f32.const nan:canonical)) */
    {"f32.wast:2515", OP_F32_NEAREST, 0xffc00000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "nearest" (f32.const -nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2516", OP_F32_NEAREST, 0xffa00000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "nearest" (f32.const nan)) (f32.const nan:canonical)) */
    {"f32.wast:2517", OP_F32_NEAREST, 0x7fc00000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "nearest" (f32.const nan:0x200000)) (f32.const nan:arithmetic)) */
    {"f32.wast:2518", OP_F32_NEAREST, 0x7fa00000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:1619", OP_F64_MIN, 0x8000000000000000, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const 0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:1620", OP_F64_MIN, 0x8000000000000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:1621", OP_F64_MIN, 0x0, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:1622", OP_F64_MIN, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1623", OP_F64_MIN, 0x8000000000000000, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const -0x0p+0)) */
    {"f64.wast:1624", OP_F64_MIN, 0x8000000000000000, 0x1, BITS, 0x8000000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1625", OP_F64_MIN, 0x0, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0p+0)) */
    {"f64.wast:1626", OP_F64_MIN, 0x0, 0x1, BITS, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1635", OP_F64_MIN, 0x8000000000000000, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const 0x1p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:1636", OP_F64_MIN, 0x8000000000000000, 0x3ff0000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1637", OP_F64_MIN, 0x0, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const 0x1p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:1638", OP_F64_MIN, 0x0, 0x3ff0000000000000, BITS, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:1647", OP_F64_MIN, 0x8000000000000000, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const inf)) (f64.const -0x0p+0)) */
    {"f64.wast:1648", OP_F64_MIN, 0x8000000000000000, 0x7ff0000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:1649", OP_F64_MIN, 0x0, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const inf)) (f64.const 0x0p+0)) */
    {"f64.wast:1650", OP_F64_MIN, 0x0, 0x7ff0000000000000, BITS, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:1651", OP_F64_MIN, 0x8000000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1652", OP_F64_MIN, 0x8000000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:1653", OP_F64_MIN, 0x8000000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0p+0) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1654", OP_F64_MIN, 0x8000000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:1655", OP_F64_MIN, 0x0, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1656", OP_F64_MIN, 0x0, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:1657", OP_F64_MIN, 0x0, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x0p+0) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1658", OP_F64_MIN, 0x0, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const -0x0p+0)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1659", OP_F64_MIN, 0x8000000000000001, 0x8000000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const 0x0p+0)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1660", OP_F64_MIN, 0x8000000000000001, 0x0, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:1661", OP_F64_MIN, 0x1, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:1662", OP_F64_MIN, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1663", OP_F64_MIN, 0x8000000000000001, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const 0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1664", OP_F64_MIN, 0x8000000000000001, 0x1, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1665", OP_F64_MIN, 0x1, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:1666", OP_F64_MIN, 0x1, 0x1, BITS, 0x1},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1675", OP_F64_MIN, 0x8000000000000001, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const 0x1p+0)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1676", OP_F64_MIN, 0x8000000000000001, 0x3ff0000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1677", OP_F64_MIN, 0x1, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const 0x1p+0)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:1678", OP_F64_MIN, 0x1, 0x3ff0000000000000, BITS, 0x1},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:1687", OP_F64_MIN, 0x8000000000000001, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const inf)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1688", OP_F64_MIN, 0x8000000000000001, 0x7ff0000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:1689", OP_F64_MIN, 0x1, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const inf)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:1690", OP_F64_MIN, 0x1, 0x7ff0000000000000, BITS, 0x1},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:1691", OP_F64_MIN, 0x8000000000000001, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1692", OP_F64_MIN, 0x8000000000000001, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:1693", OP_F64_MIN, 0x8000000000000001, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x0.0000000000001p-1022) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1694", OP_F64_MIN, 0x8000000000000001, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:1695", OP_F64_MIN, 0x1, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1696", OP_F64_MIN, 0x1, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:1697", OP_F64_MIN, 0x1, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x0.0000000000001p-1022) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1698", OP_F64_MIN, 0x1, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const -0x0p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1779", OP_F64_MIN, 0xbff0000000000000, 0x8000000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const 0x0p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1780", OP_F64_MIN, 0xbff0000000000000, 0x0, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:1781", OP_F64_MIN, 0x3ff0000000000000, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:1782", OP_F64_MIN, 0x3ff0000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x1p+0)) */
    {"f64.wast:1783", OP_F64_MIN, 0xbff0000000000000, 0x8000000000000001, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const -0x1p+0)) */
    {"f64.wast:1784", OP_F64_MIN, 0xbff0000000000000, 0x1, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1785", OP_F64_MIN, 0x3ff0000000000000, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:1786", OP_F64_MIN, 0x3ff0000000000000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1795", OP_F64_MIN, 0xbff0000000000000, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const 0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1796", OP_F64_MIN, 0xbff0000000000000, 0x3ff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1797", OP_F64_MIN, 0x3ff0000000000000, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:1798", OP_F64_MIN, 0x3ff0000000000000, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:1807", OP_F64_MIN, 0xbff0000000000000, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const inf)) (f64.const -0x1p+0)) */
    {"f64.wast:1808", OP_F64_MIN, 0xbff0000000000000, 0x7ff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:1809", OP_F64_MIN, 0x3ff0000000000000, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const inf)) (f64.const 0x1p+0)) */
    {"f64.wast:1810", OP_F64_MIN, 0x3ff0000000000000, 0x7ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:1811", OP_F64_MIN, 0xbff0000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1812", OP_F64_MIN, 0xbff0000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:1813", OP_F64_MIN, 0xbff0000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -0x1p+0) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1814", OP_F64_MIN, 0xbff0000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:1815", OP_F64_MIN, 0x3ff0000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1816", OP_F64_MIN, 0x3ff0000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:1817", OP_F64_MIN, 0x3ff0000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const 0x1p+0) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1818", OP_F64_MIN, 0x3ff0000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const -0x0p+0)) (f64.const -inf)) */
    {"f64.wast:1899", OP_F64_MIN, 0xfff0000000000000, 0x8000000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const 0x0p+0)) (f64.const -inf)) */
    {"f64.wast:1900", OP_F64_MIN, 0xfff0000000000000, 0x0, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:1901", OP_F64_MIN, 0x7ff0000000000000, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:1902", OP_F64_MIN, 0x7ff0000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const -0x0.0000000000001p-1022)) (f64.const -inf)) */
    {"f64.wast:1903", OP_F64_MIN, 0xfff0000000000000, 0x8000000000000001, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const 0x0.0000000000001p-1022)) (f64.const -inf)) */
    {"f64.wast:1904", OP_F64_MIN, 0xfff0000000000000, 0x1, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:1905", OP_F64_MIN, 0x7ff0000000000000, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:1906", OP_F64_MIN, 0x7ff0000000000000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const -0x1p+0)) (f64.const -inf)) */
    {"f64.wast:1915", OP_F64_MIN, 0xfff0000000000000, 0xbff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const 0x1p+0)) (f64.const -inf)) */
    {"f64.wast:1916", OP_F64_MIN, 0xfff0000000000000, 0x3ff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:1917", OP_F64_MIN, 0x7ff0000000000000, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:1918", OP_F64_MIN, 0x7ff0000000000000, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:1927", OP_F64_MIN, 0xfff0000000000000, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const inf)) (f64.const -inf)) */
    {"f64.wast:1928", OP_F64_MIN, 0xfff0000000000000, 0x7ff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:1929", OP_F64_MIN, 0x7ff0000000000000, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const inf)) (f64.const inf)) */
    {"f64.wast:1930", OP_F64_MIN, 0x7ff0000000000000, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:1931", OP_F64_MIN, 0xfff0000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1932", OP_F64_MIN, 0xfff0000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:1933", OP_F64_MIN, 0xfff0000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -inf) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1934", OP_F64_MIN, 0xfff0000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:1935", OP_F64_MIN, 0x7ff0000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1936", OP_F64_MIN, 0x7ff0000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:1937", OP_F64_MIN, 0x7ff0000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const inf) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:1938", OP_F64_MIN, 0x7ff0000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const -0x0p+0)) (f64.const nan:canonical)) */
    {"f64.wast:1939", OP_F64_MIN, 0xfff8000000000000, 0x8000000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const -0x0p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:1940", OP_F64_MIN, 0xfff4000000000000, 0x8000000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const 0x0p+0)) (f64.const nan:canonical)) */
    {"f64.wast:1941", OP_F64_MIN, 0xfff8000000000000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const 0x0p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:1942", OP_F64_MIN, 0xfff4000000000000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const -0x0p+0)) (f64.const nan:canonical)) */
    {"f64.wast:1943", OP_F64_MIN, 0x7ff8000000000000, 0x8000000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const -0x0p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:1944", OP_F64_MIN, 0x7ff4000000000000, 0x8000000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const 0x0p+0)) (f64.const nan:canonical)) */
    {"f64.wast:1945", OP_F64_MIN, 0x7ff8000000000000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const 0x0p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:1946", OP_F64_MIN, 0x7ff4000000000000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const -0x0.0000000000001p-1022)) (f64.const nan:canonical)) */
    {"f64.wast:1947", OP_F64_MIN, 0xfff8000000000000, 0x8000000000000001, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const -0x0.0000000000001p-1022)) (f64.const nan:arithmetic)) */
    {"f64.wast:1948", OP_F64_MIN, 0xfff4000000000000, 0x8000000000000001, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const 0x0.0000000000001p-1022)) (f64.const nan:canonical)) */
    {"f64.wast:1949", OP_F64_MIN, 0xfff8000000000000, 0x1, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const 0x0.0000000000001p-1022)) (f64.const nan:arithmetic)) */
    {"f64.wast:1950", OP_F64_MIN, 0xfff4000000000000, 0x1, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const -0x0.0000000000001p-1022)) (f64.const nan:canonical)) */
    {"f64.wast:1951", OP_F64_MIN, 0x7ff8000000000000, 0x8000000000000001, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const -0x0.0000000000001p-1022)) (f64.const nan:arithmetic)) */
    {"f64.wast:1952", OP_F64_MIN, 0x7ff4000000000000, 0x8000000000000001, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const 0x0.0000000000001p-1022)) (f64.const nan:canonical)) */
    {"f64.wast:1953", OP_F64_MIN, 0x7ff8000000000000, 0x1, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const 0x0.0000000000001p-1022)) (f64.const nan:arithmetic)) */
    {"f64.wast:1954", OP_F64_MIN, 0x7ff4000000000000, 0x1, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const -0x1p+0)) (f64.const nan:canonical)) */
    {"f64.wast:1971", OP_F64_MIN, 0xfff8000000000000, 0xbff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const -0x1p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:1972", OP_F64_MIN, 0xfff4000000000000, 0xbff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const 0x1p+0)) (f64.const nan:canonical)) */
    {"f64.wast:1973", OP_F64_MIN, 0xfff8000000000000, 0x3ff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const 0x1p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:1974", OP_F64_MIN, 0xfff4000000000000, 0x3ff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const -0x1p+0)) (f64.const nan:canonical)) */
    {"f64.wast:1975", OP_F64_MIN, 0x7ff8000000000000, 0xbff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const -0x1p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:1976", OP_F64_MIN, 0x7ff4000000000000, 0xbff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const 0x1p+0)) (f64.const nan:canonical)) */
    {"f64.wast:1977", OP_F64_MIN, 0x7ff8000000000000, 0x3ff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const 0x1p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:1978", OP_F64_MIN, 0x7ff4000000000000, 0x3ff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const -inf)) (f64.const nan:canonical)) */
    {"f64.wast:1995", OP_F64_MIN, 0xfff8000000000000, 0xfff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const -inf)) (f64.const nan:arithmetic)) */
    {"f64.wast:1996", OP_F64_MIN, 0xfff4000000000000, 0xfff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const inf)) (f64.const nan:canonical)) */
    {"f64.wast:1997", OP_F64_MIN, 0xfff8000000000000, 0x7ff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const inf)) (f64.const nan:arithmetic)) */
    {"f64.wast:1998", OP_F64_MIN, 0xfff4000000000000, 0x7ff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const -inf)) (f64.const nan:canonical)) */
    {"f64.wast:1999", OP_F64_MIN, 0x7ff8000000000000, 0xfff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const -inf)) (f64.const nan:arithmetic)) */
    {"f64.wast:2000", OP_F64_MIN, 0x7ff4000000000000, 0xfff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const inf)) (f64.const nan:canonical)) */
    {"f64.wast:2001", OP_F64_MIN, 0x7ff8000000000000, 0x7ff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const inf)) (f64.const nan:arithmetic)) */
    {"f64.wast:2002", OP_F64_MIN, 0x7ff4000000000000, 0x7ff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2003", OP_F64_MIN, 0xfff8000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const -nan)) (f64.const nan:arithmetic)) */
    {"f64.wast:2004", OP_F64_MIN, 0xfff4000000000000, 0xfff8000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2005", OP_F64_MIN, 0xfff8000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2006", OP_F64_MIN, 0xfff4000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2007", OP_F64_MIN, 0xfff8000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const nan)) (f64.const nan:arithmetic)) */
    {"f64.wast:2008", OP_F64_MIN, 0xfff4000000000000, 0x7ff8000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2009", OP_F64_MIN, 0xfff8000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const -nan:0x4000000000000) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2010", OP_F64_MIN, 0xfff4000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2011", OP_F64_MIN, 0x7ff8000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const -nan)) (f64.const nan:arithmetic)) */
    {"f64.wast:2012", OP_F64_MIN, 0x7ff4000000000000, 0xfff8000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2013", OP_F64_MIN, 0x7ff8000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2014", OP_F64_MIN, 0x7ff4000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2015", OP_F64_MIN, 0x7ff8000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const nan)) (f64.const nan:arithmetic)) */
    {"f64.wast:2016", OP_F64_MIN, 0x7ff4000000000000, 0x7ff8000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2017", OP_F64_MIN, 0x7ff8000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "min" (f64.const nan:0x4000000000000) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2018", OP_F64_MIN, 0x7ff4000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:2019", OP_F64_MAX, 0x8000000000000000, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:2020", OP_F64_MAX, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const -0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:2021", OP_F64_MAX, 0x0, 0x8000000000000000, BITS, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:2022", OP_F64_MAX, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0p+0)) */
    {"f64.wast:2023", OP_F64_MAX, 0x8000000000000000, 0x8000000000000001, BITS, 0x8000000000000000},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2024", OP_F64_MAX, 0x8000000000000000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const 0x0p+0)) */
    {"f64.wast:2025", OP_F64_MAX, 0x0, 0x8000000000000001, BITS, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2026", OP_F64_MAX, 0x0, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const -0x1p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:2035", OP_F64_MAX, 0x8000000000000000, 0xbff0000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2036", OP_F64_MAX, 0x8000000000000000, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const -0x1p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:2037", OP_F64_MAX, 0x0, 0xbff0000000000000, BITS, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2038", OP_F64_MAX, 0x0, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const -inf)) (f64.const -0x0p+0)) */
    {"f64.wast:2047", OP_F64_MAX, 0x8000000000000000, 0xfff0000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const inf)) (f64.const inf)) */
    {"f64.wast:2048", OP_F64_MAX, 0x8000000000000000, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const -inf)) (f64.const 0x0p+0)) */
    {"f64.wast:2049", OP_F64_MAX, 0x0, 0xfff0000000000000, BITS, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const inf)) (f64.const inf)) */
    {"f64.wast:2050", OP_F64_MAX, 0x0, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2051", OP_F64_MAX, 0x8000000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2052", OP_F64_MAX, 0x8000000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2053", OP_F64_MAX, 0x8000000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x0p+0) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2054", OP_F64_MAX, 0x8000000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2055", OP_F64_MAX, 0x0, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2056", OP_F64_MAX, 0x0, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2057", OP_F64_MAX, 0x0, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0p+0) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2058", OP_F64_MAX, 0x0, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:2059", OP_F64_MAX, 0x8000000000000001, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:2060", OP_F64_MAX, 0x8000000000000001, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const -0x0p+0)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2061", OP_F64_MAX, 0x1, 0x8000000000000000, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const 0x0p+0)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2062", OP_F64_MAX, 0x1, 0x0, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:2063", OP_F64_MAX, 0x8000000000000001, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2064", OP_F64_MAX, 0x8000000000000001, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const -0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2065", OP_F64_MAX, 0x1, 0x8000000000000001, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2066", OP_F64_MAX, 0x1, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const -0x1p+0)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:2075", OP_F64_MAX, 0x8000000000000001, 0xbff0000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2076", OP_F64_MAX, 0x8000000000000001, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const -0x1p+0)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2077", OP_F64_MAX, 0x1, 0xbff0000000000000, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2078", OP_F64_MAX, 0x1, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const -inf)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:2087", OP_F64_MAX, 0x8000000000000001, 0xfff0000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const inf)) (f64.const inf)) */
    {"f64.wast:2088", OP_F64_MAX, 0x8000000000000001, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const -inf)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2089", OP_F64_MAX, 0x1, 0xfff0000000000000, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const inf)) (f64.const inf)) */
    {"f64.wast:2090", OP_F64_MAX, 0x1, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2091", OP_F64_MAX, 0x8000000000000001, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2092", OP_F64_MAX, 0x8000000000000001, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2093", OP_F64_MAX, 0x8000000000000001, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x0.0000000000001p-1022) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2094", OP_F64_MAX, 0x8000000000000001, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2095", OP_F64_MAX, 0x1, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2096", OP_F64_MAX, 0x1, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2097", OP_F64_MAX, 0x1, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x0.0000000000001p-1022) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2098", OP_F64_MAX, 0x1, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:2179", OP_F64_MAX, 0xbff0000000000000, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:2180", OP_F64_MAX, 0xbff0000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const -0x0p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2181", OP_F64_MAX, 0x3ff0000000000000, 0x8000000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const 0x0p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2182", OP_F64_MAX, 0x3ff0000000000000, 0x0, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:2183", OP_F64_MAX, 0xbff0000000000000, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2184", OP_F64_MAX, 0xbff0000000000000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const 0x1p+0)) */
    {"f64.wast:2185", OP_F64_MAX, 0x3ff0000000000000, 0x8000000000000001, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x1p+0)) */
    {"f64.wast:2186", OP_F64_MAX, 0x3ff0000000000000, 0x1, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:2195", OP_F64_MAX, 0xbff0000000000000, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2196", OP_F64_MAX, 0xbff0000000000000, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const -0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2197", OP_F64_MAX, 0x3ff0000000000000, 0xbff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2198", OP_F64_MAX, 0x3ff0000000000000, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const -inf)) (f64.const -0x1p+0)) */
    {"f64.wast:2207", OP_F64_MAX, 0xbff0000000000000, 0xfff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const inf)) (f64.const inf)) */
    {"f64.wast:2208", OP_F64_MAX, 0xbff0000000000000, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const -inf)) (f64.const 0x1p+0)) */
    {"f64.wast:2209", OP_F64_MAX, 0x3ff0000000000000, 0xfff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const inf)) (f64.const inf)) */
    {"f64.wast:2210", OP_F64_MAX, 0x3ff0000000000000, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2211", OP_F64_MAX, 0xbff0000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2212", OP_F64_MAX, 0xbff0000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2213", OP_F64_MAX, 0xbff0000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -0x1p+0) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2214", OP_F64_MAX, 0xbff0000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2215", OP_F64_MAX, 0x3ff0000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2216", OP_F64_MAX, 0x3ff0000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2217", OP_F64_MAX, 0x3ff0000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const 0x1p+0) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2218", OP_F64_MAX, 0x3ff0000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:2299", OP_F64_MAX, 0xfff0000000000000, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:2300", OP_F64_MAX, 0xfff0000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const -0x0p+0)) (f64.const inf)) */
    {"f64.wast:2301", OP_F64_MAX, 0x7ff0000000000000, 0x8000000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const 0x0p+0)) (f64.const inf)) */
    {"f64.wast:2302", OP_F64_MAX, 0x7ff0000000000000, 0x0, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64.wast:2303", OP_F64_MAX, 0xfff0000000000000, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64.wast:2304", OP_F64_MAX, 0xfff0000000000000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const -0x0.0000000000001p-1022)) (f64.const inf)) */
    {"f64.wast:2305", OP_F64_MAX, 0x7ff0000000000000, 0x8000000000000001, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const 0x0.0000000000001p-1022)) (f64.const inf)) */
    {"f64.wast:2306", OP_F64_MAX, 0x7ff0000000000000, 0x1, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:2315", OP_F64_MAX, 0xfff0000000000000, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2316", OP_F64_MAX, 0xfff0000000000000, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const -0x1p+0)) (f64.const inf)) */
    {"f64.wast:2317", OP_F64_MAX, 0x7ff0000000000000, 0xbff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const 0x1p+0)) (f64.const inf)) */
    {"f64.wast:2318", OP_F64_MAX, 0x7ff0000000000000, 0x3ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:2327", OP_F64_MAX, 0xfff0000000000000, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const inf)) (f64.const inf)) */
    {"f64.wast:2328", OP_F64_MAX, 0xfff0000000000000, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const -inf)) (f64.const inf)) */
    {"f64.wast:2329", OP_F64_MAX, 0x7ff0000000000000, 0xfff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const inf)) (f64.const inf)) */
    {"f64.wast:2330", OP_F64_MAX, 0x7ff0000000000000, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2331", OP_F64_MAX, 0xfff0000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2332", OP_F64_MAX, 0xfff0000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2333", OP_F64_MAX, 0xfff0000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -inf) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2334", OP_F64_MAX, 0xfff0000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2335", OP_F64_MAX, 0x7ff0000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2336", OP_F64_MAX, 0x7ff0000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2337", OP_F64_MAX, 0x7ff0000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const inf) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2338", OP_F64_MAX, 0x7ff0000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const -0x0p+0)) (f64.const nan:canonical)) */
    {"f64.wast:2339", OP_F64_MAX, 0xfff8000000000000, 0x8000000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const -0x0p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:2340", OP_F64_MAX, 0xfff4000000000000, 0x8000000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const 0x0p+0)) (f64.const nan:canonical)) */
    {"f64.wast:2341", OP_F64_MAX, 0xfff8000000000000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const 0x0p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:2342", OP_F64_MAX, 0xfff4000000000000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const -0x0p+0)) (f64.const nan:canonical)) */
    {"f64.wast:2343", OP_F64_MAX, 0x7ff8000000000000, 0x8000000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const -0x0p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:2344", OP_F64_MAX, 0x7ff4000000000000, 0x8000000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const 0x0p+0)) (f64.const nan:canonical)) */
    {"f64.wast:2345", OP_F64_MAX, 0x7ff8000000000000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const 0x0p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:2346", OP_F64_MAX, 0x7ff4000000000000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const -0x0.0000000000001p-1022)) (f64.const nan:canonical)) */
    {"f64.wast:2347", OP_F64_MAX, 0xfff8000000000000, 0x8000000000000001, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const -0x0.0000000000001p-1022)) (f64.const nan:arithmetic)) */
    {"f64.wast:2348", OP_F64_MAX, 0xfff4000000000000, 0x8000000000000001, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const 0x0.0000000000001p-1022)) (f64.const nan:canonical)) */
    {"f64.wast:2349", OP_F64_MAX, 0xfff8000000000000, 0x1, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const 0x0.0000000000001p-1022)) (f64.const nan:arithmetic)) */
    {"f64.wast:2350", OP_F64_MAX, 0xfff4000000000000, 0x1, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const -0x0.0000000000001p-1022)) (f64.const nan:canonical)) */
    {"f64.wast:2351", OP_F64_MAX, 0x7ff8000000000000, 0x8000000000000001, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const -0x0.0000000000001p-1022)) (f64.const nan:arithmetic)) */
    {"f64.wast:2352", OP_F64_MAX, 0x7ff4000000000000, 0x8000000000000001, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const 0x0.0000000000001p-1022)) (f64.const nan:canonical)) */
    {"f64.wast:2353", OP_F64_MAX, 0x7ff8000000000000, 0x1, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const 0x0.0000000000001p-1022)) (f64.const nan:arithmetic)) */
    {"f64.wast:2354", OP_F64_MAX, 0x7ff4000000000000, 0x1, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const -0x1p+0)) (f64.const nan:canonical)) */
    {"f64.wast:2371", OP_F64_MAX, 0xfff8000000000000, 0xbff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const -0x1p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:2372", OP_F64_MAX, 0xfff4000000000000, 0xbff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const 0x1p+0)) (f64.const nan:canonical)) */
    {"f64.wast:2373", OP_F64_MAX, 0xfff8000000000000, 0x3ff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const 0x1p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:2374", OP_F64_MAX, 0xfff4000000000000, 0x3ff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const -0x1p+0)) (f64.const nan:canonical)) */
    {"f64.wast:2375", OP_F64_MAX, 0x7ff8000000000000, 0xbff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const -0x1p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:2376", OP_F64_MAX, 0x7ff4000000000000, 0xbff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const 0x1p+0)) (f64.const nan:canonical)) */
    {"f64.wast:2377", OP_F64_MAX, 0x7ff8000000000000, 0x3ff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const 0x1p+0)) (f64.const nan:arithmetic)) */
    {"f64.wast:2378", OP_F64_MAX, 0x7ff4000000000000, 0x3ff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const -inf)) (f64.const nan:canonical)) */
    {"f64.wast:2395", OP_F64_MAX, 0xfff8000000000000, 0xfff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const -inf)) (f64.const nan:arithmetic)) */
    {"f64.wast:2396", OP_F64_MAX, 0xfff4000000000000, 0xfff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const inf)) (f64.const nan:canonical)) */
    {"f64.wast:2397", OP_F64_MAX, 0xfff8000000000000, 0x7ff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const inf)) (f64.const nan:arithmetic)) */
    {"f64.wast:2398", OP_F64_MAX, 0xfff4000000000000, 0x7ff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const -inf)) (f64.const nan:canonical)) */
    {"f64.wast:2399", OP_F64_MAX, 0x7ff8000000000000, 0xfff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const -inf)) (f64.const nan:arithmetic)) */
    {"f64.wast:2400", OP_F64_MAX, 0x7ff4000000000000, 0xfff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const inf)) (f64.const nan:canonical)) */
    {"f64.wast:2401", OP_F64_MAX, 0x7ff8000000000000, 0x7ff0000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const inf)) (f64.const nan:arithmetic)) */
    {"f64.wast:2402", OP_F64_MAX, 0x7ff4000000000000, 0x7ff0000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2403", OP_F64_MAX, 0xfff8000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const -nan)) (f64.const nan:arithmetic)) */
    {"f64.wast:2404", OP_F64_MAX, 0xfff4000000000000, 0xfff8000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2405", OP_F64_MAX, 0xfff8000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2406", OP_F64_MAX, 0xfff4000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2407", OP_F64_MAX, 0xfff8000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const nan)) (f64.const nan:arithmetic)) */
    {"f64.wast:2408", OP_F64_MAX, 0xfff4000000000000, 0x7ff8000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2409", OP_F64_MAX, 0xfff8000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const -nan:0x4000000000000) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2410", OP_F64_MAX, 0xfff4000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2411", OP_F64_MAX, 0x7ff8000000000000, 0xfff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const -nan)) (f64.const nan:arithmetic)) */
    {"f64.wast:2412", OP_F64_MAX, 0x7ff4000000000000, 0xfff8000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2413", OP_F64_MAX, 0x7ff8000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2414", OP_F64_MAX, 0x7ff4000000000000, 0xfff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2415", OP_F64_MAX, 0x7ff8000000000000, 0x7ff8000000000000, NAN_CANON, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const nan)) (f64.const nan:arithmetic)) */
    {"f64.wast:2416", OP_F64_MAX, 0x7ff4000000000000, 0x7ff8000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2417", OP_F64_MAX, 0x7ff8000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "max" (f64.const nan:0x4000000000000) (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2418", OP_F64_MAX, 0x7ff4000000000000, 0x7ff4000000000000, NAN_ARITH, 0x0},
    /* (assert_return (invoke "nearest" (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64.wast:2499", OP_F64_NEAREST, 0x8000000000000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "nearest" (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64.wast:2500", OP_F64_NEAREST, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "nearest" (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0p+0)) */
    {"f64.wast:2501", OP_F64_NEAREST, 0x8000000000000001, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "nearest" (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0p+0)) */
    {"f64.wast:2502", OP_F64_NEAREST, 0x1, 0x0, BITS, 0x0},
    /* (assert_return (invoke "nearest" (f64.const -0x1p-1022)) (f64.const -0x0p+0)) */
    {"f64.wast:2503", OP_F64_NEAREST, 0x8010000000000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "nearest" (f64.const 0x1p-1022)) (f64.const 0x0p+0)) */
    {"f64.wast:2504", OP_F64_NEAREST, 0x10000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "nearest" (f64.const -0x1p-1)) (f64.const -0x0p+0)) */
    {"f64.wast:2505", OP_F64_NEAREST, 0xbfe0000000000000, 0x0, BITS, 0x8000000000000000},
    /* (assert_return (invoke "nearest" (f64.const 0x1p-1)) (f64.const 0x0p+0)) */
    {"f64.wast:2506", OP_F64_NEAREST, 0x3fe0000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "nearest" (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64.wast:2507", OP_F64_NEAREST, 0xbff0000000000000, 0x0, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "nearest" (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64.wast:2508", OP_F64_NEAREST, 0x3ff0000000000000, 0x0, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "nearest" (f64.const -0x1.921fb54442d18p+2)) (f64.const -0x1.8p+2)) */
    {"f64.wast:2509", OP_F64_NEAREST, 0xc01921fb54442d18, 0x0, BITS, 0xc018000000000000},
    /* (assert_return (invoke "nearest" (f64.const 0x1.921fb54442d18p+2)) (f64.const 0x1.8p+2)) */
    {"f64.wast:2510", OP_F64_NEAREST, 0x401921fb54442d18, 0x0, BITS, 0x4018000000000000},
    /* (assert_return (invoke "nearest" (f64.const -0x1.fffffffffffffp+1023)) (f64.const -0x1.fffffffffffffp+1023)) */
    {"f64.wast:2511", OP_F64_NEAREST, 0xffefffffffffffff, 0x0, BITS, 0xffefffffffffffff},
    /* (assert_return (invoke "nearest" (f64.const 0x1.fffffffffffffp+1023)) (f64.const 0x1.fffffffffffffp+1023)) */
    {"f64.wast:2512", OP_F64_NEAREST, 0x7fefffffffffffff, 0x0, BITS, 0x7fefffffffffffff},
    /* (assert_return (invoke "nearest" (f64.const -inf)) (f64.const -inf)) */
    {"f64.wast:2513", OP_F64_NEAREST, 0xfff0000000000000, 0x0, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "nearest" (f64.const inf)) (f64.const inf)) */
    {"f64.wast:2514", OP_F64_NEAREST, 0x7ff0000000000000, 0x0, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "nearest" (f64.const -nan)) (f64.const nan:canonical)) */
    {"f64.wast:2515", OP_F64_NEAREST, 0xfff8000000000000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "nearest" (f64.const -nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2516", OP_F64_NEAREST, 0xfff4000000000000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "nearest" (f64.const nan)) (f64.const nan:canonical)) */
    {"f64.wast:2517", OP_F64_NEAREST, 0x7ff8000000000000, 0x0, NAN_CANON, 0x0},
    /* (assert_return (invoke "nearest" (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic)) */
    {"f64.wast:2518", OP_F64_NEAREST, 0x7ff4000000000000, 0x0, NAN_ARITH, 0x0},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:10", OP_F32_COPYSIGN, 0x80000000, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:11", OP_F32_COPYSIGN, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const -0x0p+0)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:12", OP_F32_COPYSIGN, 0x0, 0x80000000, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const 0x0p+0)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:13", OP_F32_COPYSIGN, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const -0x1p-149)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:14", OP_F32_COPYSIGN, 0x80000000, 0x80000001, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const 0x1p-149)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:15", OP_F32_COPYSIGN, 0x80000000, 0x1, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const -0x1p-149)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:16", OP_F32_COPYSIGN, 0x0, 0x80000001, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const 0x1p-149)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:17", OP_F32_COPYSIGN, 0x0, 0x1, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const -0x1p+0)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:26", OP_F32_COPYSIGN, 0x80000000, 0xbf800000, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const 0x1p+0)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:27", OP_F32_COPYSIGN, 0x80000000, 0x3f800000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const -0x1p+0)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:28", OP_F32_COPYSIGN, 0x0, 0xbf800000, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const 0x1p+0)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:29", OP_F32_COPYSIGN, 0x0, 0x3f800000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const -inf)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:38", OP_F32_COPYSIGN, 0x80000000, 0xff800000, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const inf)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:39", OP_F32_COPYSIGN, 0x80000000, 0x7f800000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const -inf)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:40", OP_F32_COPYSIGN, 0x0, 0xff800000, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const inf)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:41", OP_F32_COPYSIGN, 0x0, 0x7f800000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const -nan)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:42", OP_F32_COPYSIGN, 0x80000000, 0xffc00000, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const -0x0p+0) (f32.const nan)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:43", OP_F32_COPYSIGN, 0x80000000, 0x7fc00000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const -nan)) (f32.const -0x0p+0)) */
    {"f32_bitwise.wast:44", OP_F32_COPYSIGN, 0x0, 0xffc00000, BITS, 0x80000000},
    /* (assert_return (invoke "copysign" (f32.const 0x0p+0) (f32.const nan)) (f32.const 0x0p+0)) */
    {"f32_bitwise.wast:45", OP_F32_COPYSIGN, 0x0, 0x7fc00000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const -0x0p+0)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:46", OP_F32_COPYSIGN, 0x80000001, 0x80000000, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const 0x0p+0)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:47", OP_F32_COPYSIGN, 0x80000001, 0x0, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const -0x0p+0)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:48", OP_F32_COPYSIGN, 0x1, 0x80000000, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const 0x0p+0)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:49", OP_F32_COPYSIGN, 0x1, 0x0, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:50", OP_F32_COPYSIGN, 0x80000001, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:51", OP_F32_COPYSIGN, 0x80000001, 0x1, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const -0x1p-149)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:52", OP_F32_COPYSIGN, 0x1, 0x80000001, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const 0x1p-149)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:53", OP_F32_COPYSIGN, 0x1, 0x1, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const -0x1p+0)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:62", OP_F32_COPYSIGN, 0x80000001, 0xbf800000, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const 0x1p+0)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:63", OP_F32_COPYSIGN, 0x80000001, 0x3f800000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const -0x1p+0)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:64", OP_F32_COPYSIGN, 0x1, 0xbf800000, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const 0x1p+0)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:65", OP_F32_COPYSIGN, 0x1, 0x3f800000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const -inf)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:74", OP_F32_COPYSIGN, 0x80000001, 0xff800000, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const inf)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:75", OP_F32_COPYSIGN, 0x80000001, 0x7f800000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const -inf)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:76", OP_F32_COPYSIGN, 0x1, 0xff800000, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const inf)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:77", OP_F32_COPYSIGN, 0x1, 0x7f800000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const -nan)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:78", OP_F32_COPYSIGN, 0x80000001, 0xffc00000, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const -0x1p-149) (f32.const nan)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:79", OP_F32_COPYSIGN, 0x80000001, 0x7fc00000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const -nan)) (f32.const -0x1p-149)) */
    {"f32_bitwise.wast:80", OP_F32_COPYSIGN, 0x1, 0xffc00000, BITS, 0x80000001},
    /* (assert_return (invoke "copysign" (f32.const 0x1p-149) (f32.const nan)) (f32.const 0x1p-149)) */
    {"f32_bitwise.wast:81", OP_F32_COPYSIGN, 0x1, 0x7fc00000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const -0x0p+0)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:154", OP_F32_COPYSIGN, 0xbf800000, 0x80000000, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const 0x0p+0)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:155", OP_F32_COPYSIGN, 0xbf800000, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const -0x0p+0)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:156", OP_F32_COPYSIGN, 0x3f800000, 0x80000000, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const 0x0p+0)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:157", OP_F32_COPYSIGN, 0x3f800000, 0x0, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const -0x1p-149)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:158", OP_F32_COPYSIGN, 0xbf800000, 0x80000001, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const 0x1p-149)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:159", OP_F32_COPYSIGN, 0xbf800000, 0x1, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const -0x1p-149)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:160", OP_F32_COPYSIGN, 0x3f800000, 0x80000001, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const 0x1p-149)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:161", OP_F32_COPYSIGN, 0x3f800000, 0x1, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:170", OP_F32_COPYSIGN, 0xbf800000, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:171", OP_F32_COPYSIGN, 0xbf800000, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const -0x1p+0)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:172", OP_F32_COPYSIGN, 0x3f800000, 0xbf800000, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const 0x1p+0)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:173", OP_F32_COPYSIGN, 0x3f800000, 0x3f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const -inf)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:182", OP_F32_COPYSIGN, 0xbf800000, 0xff800000, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const inf)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:183", OP_F32_COPYSIGN, 0xbf800000, 0x7f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const -inf)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:184", OP_F32_COPYSIGN, 0x3f800000, 0xff800000, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const inf)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:185", OP_F32_COPYSIGN, 0x3f800000, 0x7f800000, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const -nan)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:186", OP_F32_COPYSIGN, 0xbf800000, 0xffc00000, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const -0x1p+0) (f32.const nan)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:187", OP_F32_COPYSIGN, 0xbf800000, 0x7fc00000, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const -nan)) (f32.const -0x1p+0)) */
    {"f32_bitwise.wast:188", OP_F32_COPYSIGN, 0x3f800000, 0xffc00000, BITS, 0xbf800000},
    /* (assert_return (invoke "copysign" (f32.const 0x1p+0) (f32.const nan)) (f32.const 0x1p+0)) */
    {"f32_bitwise.wast:189", OP_F32_COPYSIGN, 0x3f800000, 0x7fc00000, BITS, 0x3f800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const -0x0p+0)) (f32.const -inf)) */
    {"f32_bitwise.wast:262", OP_F32_COPYSIGN, 0xff800000, 0x80000000, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const 0x0p+0)) (f32.const inf)) */
    {"f32_bitwise.wast:263", OP_F32_COPYSIGN, 0xff800000, 0x0, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const -0x0p+0)) (f32.const -inf)) */
    {"f32_bitwise.wast:264", OP_F32_COPYSIGN, 0x7f800000, 0x80000000, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const 0x0p+0)) (f32.const inf)) */
    {"f32_bitwise.wast:265", OP_F32_COPYSIGN, 0x7f800000, 0x0, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const -0x1p-149)) (f32.const -inf)) */
    {"f32_bitwise.wast:266", OP_F32_COPYSIGN, 0xff800000, 0x80000001, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const 0x1p-149)) (f32.const inf)) */
    {"f32_bitwise.wast:267", OP_F32_COPYSIGN, 0xff800000, 0x1, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const -0x1p-149)) (f32.const -inf)) */
    {"f32_bitwise.wast:268", OP_F32_COPYSIGN, 0x7f800000, 0x80000001, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const 0x1p-149)) (f32.const inf)) */
    {"f32_bitwise.wast:269", OP_F32_COPYSIGN, 0x7f800000, 0x1, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const -0x1p+0)) (f32.const -inf)) */
    {"f32_bitwise.wast:278", OP_F32_COPYSIGN, 0xff800000, 0xbf800000, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const 0x1p+0)) (f32.const inf)) */
    {"f32_bitwise.wast:279", OP_F32_COPYSIGN, 0xff800000, 0x3f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const -0x1p+0)) (f32.const -inf)) */
    {"f32_bitwise.wast:280", OP_F32_COPYSIGN, 0x7f800000, 0xbf800000, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const 0x1p+0)) (f32.const inf)) */
    {"f32_bitwise.wast:281", OP_F32_COPYSIGN, 0x7f800000, 0x3f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const -inf)) (f32.const -inf)) */
    {"f32_bitwise.wast:290", OP_F32_COPYSIGN, 0xff800000, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const inf)) (f32.const inf)) */
    {"f32_bitwise.wast:291", OP_F32_COPYSIGN, 0xff800000, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const -inf)) (f32.const -inf)) */
    {"f32_bitwise.wast:292", OP_F32_COPYSIGN, 0x7f800000, 0xff800000, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const inf)) (f32.const inf)) */
    {"f32_bitwise.wast:293", OP_F32_COPYSIGN, 0x7f800000, 0x7f800000, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const -nan)) (f32.const -inf)) */
    {"f32_bitwise.wast:294", OP_F32_COPYSIGN, 0xff800000, 0xffc00000, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const -inf) (f32.const nan)) (f32.const inf)) */
    {"f32_bitwise.wast:295", OP_F32_COPYSIGN, 0xff800000, 0x7fc00000, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const -nan)) (f32.const -inf)) */
    {"f32_bitwise.wast:296", OP_F32_COPYSIGN, 0x7f800000, 0xffc00000, BITS, 0xff800000},
    /* (assert_return (invoke "copysign" (f32.const inf) (f32.const nan)) (f32.const inf)) */
    {"f32_bitwise.wast:297", OP_F32_COPYSIGN, 0x7f800000, 0x7fc00000, BITS, 0x7f800000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const -0x0p+0)) (f32.const -nan)) */
    {"f32_bitwise.wast:298", OP_F32_COPYSIGN, 0xffc00000, 0x80000000, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const 0x0p+0)) (f32.const nan)) */
    {"f32_bitwise.wast:299", OP_F32_COPYSIGN, 0xffc00000, 0x0, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const -0x0p+0)) (f32.const -nan)) */
    {"f32_bitwise.wast:300", OP_F32_COPYSIGN, 0x7fc00000, 0x80000000, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const 0x0p+0)) (f32.const nan)) */
    {"f32_bitwise.wast:301", OP_F32_COPYSIGN, 0x7fc00000, 0x0, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const -0x1p-149)) (f32.const -nan)) */
    {"f32_bitwise.wast:302", OP_F32_COPYSIGN, 0xffc00000, 0x80000001, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const 0x1p-149)) (f32.const nan)) */
    {"f32_bitwise.wast:303", OP_F32_COPYSIGN, 0xffc00000, 0x1, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const -0x1p-149)) (f32.const -nan)) */
    {"f32_bitwise.wast:304", OP_F32_COPYSIGN, 0x7fc00000, 0x80000001, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const 0x1p-149)) (f32.const nan)) */
    {"f32_bitwise.wast:305", OP_F32_COPYSIGN, 0x7fc00000, 0x1, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const -0x1p+0)) (f32.const -nan)) */
    {"f32_bitwise.wast:314", OP_F32_COPYSIGN, 0xffc00000, 0xbf800000, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const 0x1p+0)) (f32.const nan)) */
    {"f32_bitwise.wast:315", OP_F32_COPYSIGN, 0xffc00000, 0x3f800000, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const -0x1p+0)) (f32.const -nan)) */
    {"f32_bitwise.wast:316", OP_F32_COPYSIGN, 0x7fc00000, 0xbf800000, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const 0x1p+0)) (f32.const nan)) */
    {"f32_bitwise.wast:317", OP_F32_COPYSIGN, 0x7fc00000, 0x3f800000, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const -inf)) (f32.const -nan)) */
    {"f32_bitwise.wast:326", OP_F32_COPYSIGN, 0xffc00000, 0xff800000, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const inf)) (f32.const nan)) */
    {"f32_bitwise.wast:327", OP_F32_COPYSIGN, 0xffc00000, 0x7f800000, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const -inf)) (f32.const -nan)) */
    {"f32_bitwise.wast:328", OP_F32_COPYSIGN, 0x7fc00000, 0xff800000, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const inf)) (f32.const nan)) */
    {"f32_bitwise.wast:329", OP_F32_COPYSIGN, 0x7fc00000, 0x7f800000, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const -nan)) (f32.const -nan)) */
    {"f32_bitwise.wast:330", OP_F32_COPYSIGN, 0xffc00000, 0xffc00000, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const -nan) (f32.const nan)) (f32.const nan)) */
    {"f32_bitwise.wast:331", OP_F32_COPYSIGN, 0xffc00000, 0x7fc00000, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const -nan)) (f32.const -nan)) */
    {"f32_bitwise.wast:332", OP_F32_COPYSIGN, 0x7fc00000, 0xffc00000, BITS, 0xffc00000},
    /* (assert_return (invoke "copysign" (f32.const nan) (f32.const nan)) (f32.const nan)) */
    {"f32_bitwise.wast:333", OP_F32_COPYSIGN, 0x7fc00000, 0x7fc00000, BITS, 0x7fc00000},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:10", OP_F64_COPYSIGN, 0x8000000000000000, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:11", OP_F64_COPYSIGN, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const -0x0p+0)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:12", OP_F64_COPYSIGN, 0x0, 0x8000000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const 0x0p+0)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:13", OP_F64_COPYSIGN, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:14", OP_F64_COPYSIGN, 0x8000000000000000, 0x8000000000000001, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:15", OP_F64_COPYSIGN, 0x8000000000000000, 0x1, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:16", OP_F64_COPYSIGN, 0x0, 0x8000000000000001, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:17", OP_F64_COPYSIGN, 0x0, 0x1, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const -0x1p+0)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:26", OP_F64_COPYSIGN, 0x8000000000000000, 0xbff0000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const 0x1p+0)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:27", OP_F64_COPYSIGN, 0x8000000000000000, 0x3ff0000000000000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const -0x1p+0)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:28", OP_F64_COPYSIGN, 0x0, 0xbff0000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const 0x1p+0)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:29", OP_F64_COPYSIGN, 0x0, 0x3ff0000000000000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const -inf)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:38", OP_F64_COPYSIGN, 0x8000000000000000, 0xfff0000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const inf)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:39", OP_F64_COPYSIGN, 0x8000000000000000, 0x7ff0000000000000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const -inf)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:40", OP_F64_COPYSIGN, 0x0, 0xfff0000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const inf)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:41", OP_F64_COPYSIGN, 0x0, 0x7ff0000000000000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const -nan)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:42", OP_F64_COPYSIGN, 0x8000000000000000, 0xfff8000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x0p+0) (f64.const nan)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:43", OP_F64_COPYSIGN, 0x8000000000000000, 0x7ff8000000000000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const -nan)) (f64.const -0x0p+0)) */
    {"f64_bitwise.wast:44", OP_F64_COPYSIGN, 0x0, 0xfff8000000000000, BITS, 0x8000000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x0p+0) (f64.const nan)) (f64.const 0x0p+0)) */
    {"f64_bitwise.wast:45", OP_F64_COPYSIGN, 0x0, 0x7ff8000000000000, BITS, 0x0},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const -0x0p+0)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:46", OP_F64_COPYSIGN, 0x8000000000000001, 0x8000000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const 0x0p+0)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:47", OP_F64_COPYSIGN, 0x8000000000000001, 0x0, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const -0x0p+0)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:48", OP_F64_COPYSIGN, 0x1, 0x8000000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const 0x0p+0)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:49", OP_F64_COPYSIGN, 0x1, 0x0, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:50", OP_F64_COPYSIGN, 0x8000000000000001, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:51", OP_F64_COPYSIGN, 0x8000000000000001, 0x1, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:52", OP_F64_COPYSIGN, 0x1, 0x8000000000000001, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:53", OP_F64_COPYSIGN, 0x1, 0x1, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const -0x1p+0)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:62", OP_F64_COPYSIGN, 0x8000000000000001, 0xbff0000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const 0x1p+0)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:63", OP_F64_COPYSIGN, 0x8000000000000001, 0x3ff0000000000000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const -0x1p+0)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:64", OP_F64_COPYSIGN, 0x1, 0xbff0000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const 0x1p+0)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:65", OP_F64_COPYSIGN, 0x1, 0x3ff0000000000000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const -inf)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:74", OP_F64_COPYSIGN, 0x8000000000000001, 0xfff0000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const inf)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:75", OP_F64_COPYSIGN, 0x8000000000000001, 0x7ff0000000000000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const -inf)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:76", OP_F64_COPYSIGN, 0x1, 0xfff0000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const inf)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:77", OP_F64_COPYSIGN, 0x1, 0x7ff0000000000000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const -nan)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:78", OP_F64_COPYSIGN, 0x8000000000000001, 0xfff8000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const -0x0.0000000000001p-1022) (f64.const nan)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:79", OP_F64_COPYSIGN, 0x8000000000000001, 0x7ff8000000000000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const -nan)) (f64.const -0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:80", OP_F64_COPYSIGN, 0x1, 0xfff8000000000000, BITS, 0x8000000000000001},
    /* (assert_return (invoke "copysign" (f64.const 0x0.0000000000001p-1022) (f64.const nan)) (f64.const 0x0.0000000000001p-1022)) */
    {"f64_bitwise.wast:81", OP_F64_COPYSIGN, 0x1, 0x7ff8000000000000, BITS, 0x1},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const -0x0p+0)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:154", OP_F64_COPYSIGN, 0xbff0000000000000, 0x8000000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const 0x0p+0)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:155", OP_F64_COPYSIGN, 0xbff0000000000000, 0x0, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const -0x0p+0)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:156", OP_F64_COPYSIGN, 0x3ff0000000000000, 0x8000000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const 0x0p+0)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:157", OP_F64_COPYSIGN, 0x3ff0000000000000, 0x0, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:158", OP_F64_COPYSIGN, 0xbff0000000000000, 0x8000000000000001, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:159", OP_F64_COPYSIGN, 0xbff0000000000000, 0x1, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const -0x0.0000000000001p-1022)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:160", OP_F64_COPYSIGN, 0x3ff0000000000000, 0x8000000000000001, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const 0x0.0000000000001p-1022)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:161", OP_F64_COPYSIGN, 0x3ff0000000000000, 0x1, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:170", OP_F64_COPYSIGN, 0xbff0000000000000, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:171", OP_F64_COPYSIGN, 0xbff0000000000000, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const -0x1p+0)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:172", OP_F64_COPYSIGN, 0x3ff0000000000000, 0xbff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const 0x1p+0)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:173", OP_F64_COPYSIGN, 0x3ff0000000000000, 0x3ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const -inf)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:182", OP_F64_COPYSIGN, 0xbff0000000000000, 0xfff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const inf)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:183", OP_F64_COPYSIGN, 0xbff0000000000000, 0x7ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const -inf)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:184", OP_F64_COPYSIGN, 0x3ff0000000000000, 0xfff0000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const inf)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:185", OP_F64_COPYSIGN, 0x3ff0000000000000, 0x7ff0000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const -nan)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:186", OP_F64_COPYSIGN, 0xbff0000000000000, 0xfff8000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -0x1p+0) (f64.const nan)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:187", OP_F64_COPYSIGN, 0xbff0000000000000, 0x7ff8000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const -nan)) (f64.const -0x1p+0)) */
    {"f64_bitwise.wast:188", OP_F64_COPYSIGN, 0x3ff0000000000000, 0xfff8000000000000, BITS, 0xbff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const 0x1p+0) (f64.const nan)) (f64.const 0x1p+0)) */
    {"f64_bitwise.wast:189", OP_F64_COPYSIGN, 0x3ff0000000000000, 0x7ff8000000000000, BITS, 0x3ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const -0x0p+0)) (f64.const -inf)) */
    {"f64_bitwise.wast:262", OP_F64_COPYSIGN, 0xfff0000000000000, 0x8000000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const 0x0p+0)) (f64.const inf)) */
    {"f64_bitwise.wast:263", OP_F64_COPYSIGN, 0xfff0000000000000, 0x0, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const -0x0p+0)) (f64.const -inf)) */
    {"f64_bitwise.wast:264", OP_F64_COPYSIGN, 0x7ff0000000000000, 0x8000000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const 0x0p+0)) (f64.const inf)) */
    {"f64_bitwise.wast:265", OP_F64_COPYSIGN, 0x7ff0000000000000, 0x0, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const -0x0.0000000000001p-1022)) (f64.const -inf)) */
    {"f64_bitwise.wast:266", OP_F64_COPYSIGN, 0xfff0000000000000, 0x8000000000000001, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const 0x0.0000000000001p-1022)) (f64.const inf)) */
    {"f64_bitwise.wast:267", OP_F64_COPYSIGN, 0xfff0000000000000, 0x1, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const -0x0.0000000000001p-1022)) (f64.const -inf)) */
    {"f64_bitwise.wast:268", OP_F64_COPYSIGN, 0x7ff0000000000000, 0x8000000000000001, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const 0x0.0000000000001p-1022)) (f64.const inf)) */
    {"f64_bitwise.wast:269", OP_F64_COPYSIGN, 0x7ff0000000000000, 0x1, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const -0x1p+0)) (f64.const -inf)) */
    {"f64_bitwise.wast:278", OP_F64_COPYSIGN, 0xfff0000000000000, 0xbff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const 0x1p+0)) (f64.const inf)) */
    {"f64_bitwise.wast:279", OP_F64_COPYSIGN, 0xfff0000000000000, 0x3ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const -0x1p+0)) (f64.const -inf)) */
    {"f64_bitwise.wast:280", OP_F64_COPYSIGN, 0x7ff0000000000000, 0xbff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const 0x1p+0)) (f64.const inf)) */
    {"f64_bitwise.wast:281", OP_F64_COPYSIGN, 0x7ff0000000000000, 0x3ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const -inf)) (f64.const -inf)) */
    {"f64_bitwise.wast:290", OP_F64_COPYSIGN, 0xfff0000000000000, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const inf)) (f64.const inf)) */
    {"f64_bitwise.wast:291", OP_F64_COPYSIGN, 0xfff0000000000000, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const -inf)) (f64.const -inf)) */
    {"f64_bitwise.wast:292", OP_F64_COPYSIGN, 0x7ff0000000000000, 0xfff0000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const inf)) (f64.const inf)) */
    {"f64_bitwise.wast:293", OP_F64_COPYSIGN, 0x7ff0000000000000, 0x7ff0000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const -nan)) (f64.const -inf)) */
    {"f64_bitwise.wast:294", OP_F64_COPYSIGN, 0xfff0000000000000, 0xfff8000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -inf) (f64.const nan)) (f64.const inf)) */
    {"f64_bitwise.wast:295", OP_F64_COPYSIGN, 0xfff0000000000000, 0x7ff8000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const -nan)) (f64.const -inf)) */
    {"f64_bitwise.wast:296", OP_F64_COPYSIGN, 0x7ff0000000000000, 0xfff8000000000000, BITS, 0xfff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const inf) (f64.const nan)) (f64.const inf)) */
    {"f64_bitwise.wast:297", OP_F64_COPYSIGN, 0x7ff0000000000000, 0x7ff8000000000000, BITS, 0x7ff0000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const -0x0p+0)) (f64.const -nan)) */
    {"f64_bitwise.wast:298", OP_F64_COPYSIGN, 0xfff8000000000000, 0x8000000000000000, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const 0x0p+0)) (f64.const nan)) */
    {"f64_bitwise.wast:299", OP_F64_COPYSIGN, 0xfff8000000000000, 0x0, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const -0x0p+0)) (f64.const -nan)) */
    {"f64_bitwise.wast:300", OP_F64_COPYSIGN, 0x7ff8000000000000, 0x8000000000000000, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const 0x0p+0)) (f64.const nan)) */
    {"f64_bitwise.wast:301", OP_F64_COPYSIGN, 0x7ff8000000000000, 0x0, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const -0x0.0000000000001p-1022)) (f64.const -nan)) */
    {"f64_bitwise.wast:302", OP_F64_COPYSIGN, 0xfff8000000000000, 0x8000000000000001, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const 0x0.0000000000001p-1022)) (f64.const nan)) */
    {"f64_bitwise.wast:303", OP_F64_COPYSIGN, 0xfff8000000000000, 0x1, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const -0x0.0000000000001p-1022)) (f64.const -nan)) */
    {"f64_bitwise.wast:304", OP_F64_COPYSIGN, 0x7ff8000000000000, 0x8000000000000001, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const 0x0.0000000000001p-1022)) (f64.const nan)) */
    {"f64_bitwise.wast:305", OP_F64_COPYSIGN, 0x7ff8000000000000, 0x1, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const -0x1p+0)) (f64.const -nan)) */
    {"f64_bitwise.wast:314", OP_F64_COPYSIGN, 0xfff8000000000000, 0xbff0000000000000, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const 0x1p+0)) (f64.const nan)) */
    {"f64_bitwise.wast:315", OP_F64_COPYSIGN, 0xfff8000000000000, 0x3ff0000000000000, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const -0x1p+0)) (f64.const -nan)) */
    {"f64_bitwise.wast:316", OP_F64_COPYSIGN, 0x7ff8000000000000, 0xbff0000000000000, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const 0x1p+0)) (f64.const nan)) */
    {"f64_bitwise.wast:317", OP_F64_COPYSIGN, 0x7ff8000000000000, 0x3ff0000000000000, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const -inf)) (f64.const -nan)) */
    {"f64_bitwise.wast:326", OP_F64_COPYSIGN, 0xfff8000000000000, 0xfff0000000000000, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const inf)) (f64.const nan)) */
    {"f64_bitwise.wast:327", OP_F64_COPYSIGN, 0xfff8000000000000, 0x7ff0000000000000, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const -inf)) (f64.const -nan)) */
    {"f64_bitwise.wast:328", OP_F64_COPYSIGN, 0x7ff8000000000000, 0xfff0000000000000, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const inf)) (f64.const nan)) */
    {"f64_bitwise.wast:329", OP_F64_COPYSIGN, 0x7ff8000000000000, 0x7ff0000000000000, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const -nan)) (f64.const -nan)) */
    {"f64_bitwise.wast:330", OP_F64_COPYSIGN, 0xfff8000000000000, 0xfff8000000000000, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const -nan) (f64.const nan)) (f64.const nan)) */
    {"f64_bitwise.wast:331", OP_F64_COPYSIGN, 0xfff8000000000000, 0x7ff8000000000000, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const -nan)) (f64.const -nan)) */
    {"f64_bitwise.wast:332", OP_F64_COPYSIGN, 0x7ff8000000000000, 0xfff8000000000000, BITS, 0xfff8000000000000},
    /* (assert_return (invoke "copysign" (f64.const nan) (f64.const nan)) (f64.const nan)) */
    {"f64_bitwise.wast:333", OP_F64_COPYSIGN, 0x7ff8000000000000, 0x7ff8000000000000, BITS, 0x7ff8000000000000},
    /* (assert_return (invoke "f32.copysign" (f32.const nan:0x0f1e2) (f32.const nan)) (f32.const nan:0x0f1e2)) */
    {"float_misc.wast:602", OP_F32_COPYSIGN, 0x7f80f1e2, 0x7fc00000, BITS, 0x7f80f1e2},
    /* (assert_return (invoke "f32.copysign" (f32.const nan:0x0f1e2) (f32.const -nan)) (f32.const -nan:0x0f1e2)) */
    {"float_misc.wast:603", OP_F32_COPYSIGN, 0x7f80f1e2, 0xffc00000, BITS, 0xff80f1e2},
    /* (assert_return (invoke "f32.copysign" (f32.const -nan:0x0f1e2) (f32.const nan)) (f32.const nan:0x0f1e2)) */
    {"float_misc.wast:604", OP_F32_COPYSIGN, 0xff80f1e2, 0x7fc00000, BITS, 0x7f80f1e2},
    /* (assert_return (invoke "f32.copysign" (f32.const -nan:0x0f1e2) (f32.const -nan)) (f32.const -nan:0x0f1e2)) */
    {"float_misc.wast:605", OP_F32_COPYSIGN, 0xff80f1e2, 0xffc00000, BITS, 0xff80f1e2},
    /* (assert_return (invoke "f64.copysign" (f64.const nan:0x0f1e27a6b) (f64.const nan)) (f64.const nan:0x0f1e27a6b)) */
    {"float_misc.wast:606", OP_F64_COPYSIGN, 0x7ff00000f1e27a6b, 0x7ff8000000000000, BITS, 0x7ff00000f1e27a6b},
    /* (assert_return (invoke "f64.copysign" (f64.const nan:0x0f1e27a6b) (f64.const -nan)) (f64.const -nan:0x0f1e27a6b)) */
    {"float_misc.wast:607", OP_F64_COPYSIGN, 0x7ff00000f1e27a6b, 0xfff8000000000000, BITS, 0xfff00000f1e27a6b},
    /* (assert_return (invoke "f64.copysign" (f64.const -nan:0x0f1e27a6b) (f64.const nan)) (f64.const nan:0x0f1e27a6b)) */
    {"float_misc.wast:608", OP_F64_COPYSIGN, 0xfff00000f1e27a6b, 0x7ff8000000000000, BITS, 0x7ff00000f1e27a6b},
    /* (assert_return (invoke "f64.copysign" (f64.const -nan:0x0f1e27a6b) (f64.const -nan)) (f64.const -nan:0x0f1e27a6b)) */
    {"float_misc.wast:609", OP_F64_COPYSIGN, 0xfff00000f1e27a6b, 0xfff8000000000000, BITS, 0xfff00000f1e27a6b},
    /* (assert_return (invoke "f32.nearest" (f32.const 0x1.000002p+23)) (f32.const 0x1.000002p+23)) */
    {"float_misc.wast:656", OP_F32_NEAREST, 0x4b000001, 0x0, BITS, 0x4b000001},
    /* (assert_return (invoke "f32.nearest" (f32.const 0x1.000004p+23)) (f32.const 0x1.000004p+23)) */
    {"float_misc.wast:657", OP_F32_NEAREST, 0x4b000002, 0x0, BITS, 0x4b000002},
    /* (assert_return (invoke "f32.nearest" (f32.const 0x1.fffffep-2)) (f32.const 0.0)) */
    {"float_misc.wast:658", OP_F32_NEAREST, 0x3effffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f32.nearest" (f32.const 0x1.fffffep+47)) (f32.const 0x1.fffffep+47)) */
    {"float_misc.wast:659", OP_F32_NEAREST, 0x577fffff, 0x0, BITS, 0x577fffff},
    /* (assert_return (invoke "f64.nearest" (f64.const 0x1.0000000000001p+52)) (f64.const 0x1.0000000000001p+52)) */
    {"float_misc.wast:660", OP_F64_NEAREST, 0x4330000000000001, 0x0, BITS, 0x4330000000000001},
    /* (assert_return (invoke "f64.nearest" (f64.const 0x1.0000000000002p+52)) (f64.const 0x1.0000000000002p+52)) */
    {"float_misc.wast:661", OP_F64_NEAREST, 0x4330000000000002, 0x0, BITS, 0x4330000000000002},
    /* (assert_return (invoke "f64.nearest" (f64.const 0x1.fffffffffffffp-2)) (f64.const 0.0)) */
    {"float_misc.wast:662", OP_F64_NEAREST, 0x3fdfffffffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "f64.nearest" (f64.const 0x1.fffffffffffffp+105)) (f64.const 0x1.fffffffffffffp+105)) */
    {"float_misc.wast:663", OP_F64_NEAREST, 0x468fffffffffffff, 0x0, BITS, 0x468fffffffffffff},
    /* (assert_return (invoke "f32.nearest" (f32.const 4.5)) (f32.const 4.0)) */
    {"float_misc.wast:667", OP_F32_NEAREST, 0x40900000, 0x0, BITS, 0x40800000},
    /* (assert_return (invoke "f32.nearest" (f32.const -4.5)) (f32.const -4.0)) */
    {"float_misc.wast:668", OP_F32_NEAREST, 0xc0900000, 0x0, BITS, 0xc0800000},
    /* (assert_return (invoke "f32.nearest" (f32.const -3.5)) (f32.const -4.0)) */
    {"float_misc.wast:669", OP_F32_NEAREST, 0xc0600000, 0x0, BITS, 0xc0800000},
    /* (assert_return (invoke "f64.nearest" (f64.const 4.5)) (f64.const 4.0)) */
    {"float_misc.wast:670", OP_F64_NEAREST, 0x4012000000000000, 0x0, BITS, 0x4010000000000000},
    /* (assert_return (invoke "f64.nearest" (f64.const -4.5)) (f64.const -4.0)) */
    {"float_misc.wast:671", OP_F64_NEAREST, 0xc012000000000000, 0x0, BITS, 0xc010000000000000},
    /* (assert_return (invoke "f64.nearest" (f64.const -3.5)) (f64.const -4.0)) */
    {"float_misc.wast:672", OP_F64_NEAREST, 0xc00c000000000000, 0x0, BITS, 0xc010000000000000},
    /* (assert_return (invoke "f32.nearest" (f32.const -0x1.fffffep+22)) (f32.const -0x1p+23)) */
    {"float_misc.wast:675", OP_F32_NEAREST, 0xcaffffff, 0x0, BITS, 0xcb000000},
    /* (assert_return (invoke "f32.nearest" (f32.const 0x1.fffffep+22)) (f32.const 0x1p+23)) */
    {"float_misc.wast:676", OP_F32_NEAREST, 0x4affffff, 0x0, BITS, 0x4b000000},
    /* (assert_return (invoke "f64.nearest" (f64.const -0x1.fffffffffffffp+51)) (f64.const -0x1p+52)) */
    {"float_misc.wast:677", OP_F64_NEAREST, 0xc32fffffffffffff, 0x0, BITS, 0xc330000000000000},
    /* (assert_return (invoke "f64.nearest" (f64.const 0x1.fffffffffffffp+51)) (f64.const 0x1p+52)) */
    {"float_misc.wast:678", OP_F64_NEAREST, 0x432fffffffffffff, 0x0, BITS, 0x4330000000000000},
    /* (assert_return (invoke "rotl" (i32.const 1) (i32.const 1)) (i32.const 2)) */
    {"i32.wast:217", OP_I32_ROTL, 0x1, 0x1, BITS, 0x2},
    /* (assert_return (invoke "rotl" (i32.const 1) (i32.const 0)) (i32.const 1)) */
    {"i32.wast:218", OP_I32_ROTL, 0x1, 0x0, BITS, 0x1},
    /* (assert_return (invoke "rotl" (i32.const -1) (i32.const 1)) (i32.const -1)) */
    {"i32.wast:219", OP_I32_ROTL, 0xffffffff, 0x1, BITS, 0xffffffff},
    /* (assert_return (invoke "rotl" (i32.const 1) (i32.const 32)) (i32.const 1)) */
    {"i32.wast:220", OP_I32_ROTL, 0x1, 0x20, BITS, 0x1},
    /* (assert_return (invoke "rotl" (i32.const 0xabcd9876) (i32.const 1)) (i32.const 0x579b30ed)) */
    {"i32.wast:221", OP_I32_ROTL, 0xabcd9876, 0x1, BITS, 0x579b30ed},
    /* (assert_return (invoke "rotl" (i32.const 0xfe00dc00) (i32.const 4)) (i32.const 0xe00dc00f)) */
    {"i32.wast:222", OP_I32_ROTL, 0xfe00dc00, 0x4, BITS, 0xe00dc00f},
    /* (assert_return (invoke "rotl" (i32.const 0xb0c1d2e3) (i32.const 5)) (i32.const 0x183a5c76)) */
    {"i32.wast:223", OP_I32_ROTL, 0xb0c1d2e3, 0x5, BITS, 0x183a5c76},
    /* (assert_return (invoke "rotl" (i32.const 0x00008000) (i32.const 37)) (i32.const 0x00100000)) */
    {"i32.wast:224", OP_I32_ROTL, 0x8000, 0x25, BITS, 0x100000},
    /* (assert_return (invoke "rotl" (i32.const 0xb0c1d2e3) (i32.const 0xff05)) (i32.const 0x183a5c76)) */
    {"i32.wast:225", OP_I32_ROTL, 0xb0c1d2e3, 0xff05, BITS, 0x183a5c76},
    /* (assert_return (invoke "rotl" (i32.const 0x769abcdf) (i32.const 0xffffffed)) (i32.const 0x579beed3)) */
    {"i32.wast:226", OP_I32_ROTL, 0x769abcdf, 0xffffffed, BITS, 0x579beed3},
    /* (assert_return (invoke "rotl" (i32.const 0x769abcdf) (i32.const 0x8000000d)) (i32.const 0x579beed3)) */
    {"i32.wast:227", OP_I32_ROTL, 0x769abcdf, 0x8000000d, BITS, 0x579beed3},
    /* (assert_return (invoke "rotl" (i32.const 1) (i32.const 31)) (i32.const 0x80000000)) */
    {"i32.wast:228", OP_I32_ROTL, 0x1, 0x1f, BITS, 0x80000000},
    /* (assert_return (invoke "rotl" (i32.const 0x80000000) (i32.const 1)) (i32.const 1)) */
    {"i32.wast:229", OP_I32_ROTL, 0x80000000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "rotr" (i32.const 1) (i32.const 1)) (i32.const 0x80000000)) */
    {"i32.wast:231", OP_I32_ROTR, 0x1, 0x1, BITS, 0x80000000},
    /* (assert_return (invoke "rotr" (i32.const 1) (i32.const 0)) (i32.const 1)) */
    {"i32.wast:232", OP_I32_ROTR, 0x1, 0x0, BITS, 0x1},
    /* (assert_return (invoke "rotr" (i32.const -1) (i32.const 1)) (i32.const -1)) */
    {"i32.wast:233", OP_I32_ROTR, 0xffffffff, 0x1, BITS, 0xffffffff},
    /* (assert_return (invoke "rotr" (i32.const 1) (i32.const 32)) (i32.const 1)) */
    {"i32.wast:234", OP_I32_ROTR, 0x1, 0x20, BITS, 0x1},
    /* (assert_return (invoke "rotr" (i32.const 0xff00cc00) (i32.const 1)) (i32.const 0x7f806600)) */
    {"i32.wast:235", OP_I32_ROTR, 0xff00cc00, 0x1, BITS, 0x7f806600},
    /* (assert_return (invoke "rotr" (i32.const 0x00080000) (i32.const 4)) (i32.const 0x00008000)) */
    {"i32.wast:236", OP_I32_ROTR, 0x80000, 0x4, BITS, 0x8000},
    /* (assert_return (invoke "rotr" (i32.const 0xb0c1d2e3) (i32.const 5)) (i32.const 0x1d860e97)) */
    {"i32.wast:237", OP_I32_ROTR, 0xb0c1d2e3, 0x5, BITS, 0x1d860e97},
    /* (assert_return (invoke "rotr" (i32.const 0x00008000) (i32.const 37)) (i32.const 0x00000400)) */
    {"i32.wast:238", OP_I32_ROTR, 0x8000, 0x25, BITS, 0x400},
    /* (assert_return (invoke "rotr" (i32.const 0xb0c1d2e3) (i32.const 0xff05)) (i32.const 0x1d860e97)) */
    {"i32.wast:239", OP_I32_ROTR, 0xb0c1d2e3, 0xff05, BITS, 0x1d860e97},
    /* (assert_return (invoke "rotr" (i32.const 0x769abcdf) (i32.const 0xffffffed)) (i32.const 0xe6fbb4d5)) */
    {"i32.wast:240", OP_I32_ROTR, 0x769abcdf, 0xffffffed, BITS, 0xe6fbb4d5},
    /* (assert_return (invoke "rotr" (i32.const 0x769abcdf) (i32.const 0x8000000d)) (i32.const 0xe6fbb4d5)) */
    {"i32.wast:241", OP_I32_ROTR, 0x769abcdf, 0x8000000d, BITS, 0xe6fbb4d5},
    /* (assert_return (invoke "rotr" (i32.const 1) (i32.const 31)) (i32.const 2)) */
    {"i32.wast:242", OP_I32_ROTR, 0x1, 0x1f, BITS, 0x2},
    /* (assert_return (invoke "rotr" (i32.const 0x80000000) (i32.const 31)) (i32.const 1)) */
    {"i32.wast:243", OP_I32_ROTR, 0x80000000, 0x1f, BITS, 0x1},
    /* (assert_return (invoke "clz" (i32.const 0xffffffff)) (i32.const 0)) */
    {"i32.wast:245", OP_I32_CLZ, 0xffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "clz" (i32.const 0)) (i32.const 32)) */
    {"i32.wast:246", OP_I32_CLZ, 0x0, 0x0, BITS, 0x20},
    /* (assert_return (invoke "clz" (i32.const 0x00008000)) (i32.const 16)) */
    {"i32.wast:247", OP_I32_CLZ, 0x8000, 0x0, BITS, 0x10},
    /* (assert_return (invoke "clz" (i32.const 0xff)) (i32.const 24)) */
    {"i32.wast:248", OP_I32_CLZ, 0xff, 0x0, BITS, 0x18},
    /* (assert_return (invoke "clz" (i32.const 0x80000000)) (i32.const 0)) */
    {"i32.wast:249", OP_I32_CLZ, 0x80000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "clz" (i32.const 1)) (i32.const 31)) */
    {"i32.wast:250", OP_I32_CLZ, 0x1, 0x0, BITS, 0x1f},
    /* (assert_return (invoke "clz" (i32.const 2)) (i32.const 30)) */
    {"i32.wast:251", OP_I32_CLZ, 0x2, 0x0, BITS, 0x1e},
    /* (assert_return (invoke "clz" (i32.const 0x7fffffff)) (i32.const 1)) */
    {"i32.wast:252", OP_I32_CLZ, 0x7fffffff, 0x0, BITS, 0x1},
    /* (assert_return (invoke "ctz" (i32.const -1)) (i32.const 0)) */
    {"i32.wast:254", OP_I32_CTZ, 0xffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "ctz" (i32.const 0)) (i32.const 32)) */
    {"i32.wast:255", OP_I32_CTZ, 0x0, 0x0, BITS, 0x20},
    /* (assert_return (invoke "ctz" (i32.const 0x00008000)) (i32.const 15)) */
    {"i32.wast:256", OP_I32_CTZ, 0x8000, 0x0, BITS, 0xf},
    /* (assert_return (invoke "ctz" (i32.const 0x00010000)) (i32.const 16)) */
    {"i32.wast:257", OP_I32_CTZ, 0x10000, 0x0, BITS, 0x10},
    /* (assert_return (invoke "ctz" (i32.const 0x80000000)) (i32.const 31)) */
    {"i32.wast:258", OP_I32_CTZ, 0x80000000, 0x0, BITS, 0x1f},
    /* (assert_return (invoke "ctz" (i32.const 0x7fffffff)) (i32.const 0)) */
    {"i32.wast:259", OP_I32_CTZ, 0x7fffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "popcnt" (i32.const -1)) (i32.const 32)) */
    {"i32.wast:261", OP_I32_POPCNT, 0xffffffff, 0x0, BITS, 0x20},
    /* (assert_return (invoke "popcnt" (i32.const 0)) (i32.const 0)) */
    {"i32.wast:262", OP_I32_POPCNT, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "popcnt" (i32.const 0x00008000)) (i32.const 1)) */
    {"i32.wast:263", OP_I32_POPCNT, 0x8000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "popcnt" (i32.const 0x80008000)) (i32.const 2)) */
    {"i32.wast:264", OP_I32_POPCNT, 0x80008000, 0x0, BITS, 0x2},
    /* (assert_return (invoke "popcnt" (i32.const 0x7fffffff)) (i32.const 31)) */
    {"i32.wast:265", OP_I32_POPCNT, 0x7fffffff, 0x0, BITS, 0x1f},
    /* (assert_return (invoke "popcnt" (i32.const 0xAAAAAAAA)) (i32.const 16)) */
    {"i32.wast:266", OP_I32_POPCNT, 0xaaaaaaaa, 0x0, BITS, 0x10},
    /* (assert_return (invoke "popcnt" (i32.const 0x55555555)) (i32.const 16)) */
    {"i32.wast:267", OP_I32_POPCNT, 0x55555555, 0x0, BITS, 0x10},
    /* (assert_return (invoke "popcnt" (i32.const 0xDEADBEEF)) (i32.const 24)) */
    {"i32.wast:268", OP_I32_POPCNT, 0xdeadbeef, 0x0, BITS, 0x18},
    /* (assert_return (invoke "rotl" (i64.const 1) (i64.const 1)) (i64.const 2)) */
    {"i64.wast:218", OP_I64_ROTL, 0x1, 0x1, BITS, 0x2},
    /* (assert_return (invoke "rotl" (i64.const 1) (i64.const 0)) (i64.const 1)) */
    {"i64.wast:219", OP_I64_ROTL, 0x1, 0x0, BITS, 0x1},
    /* (assert_return (invoke "rotl" (i64.const -1) (i64.const 1)) (i64.const -1)) */
    {"i64.wast:220", OP_I64_ROTL, 0xffffffffffffffff, 0x1, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "rotl" (i64.const 1) (i64.const 64)) (i64.const 1)) */
    {"i64.wast:221", OP_I64_ROTL, 0x1, 0x40, BITS, 0x1},
    /* (assert_return (invoke "rotl" (i64.const 0xabcd987602468ace) (i64.const 1)) (i64.const 0x579b30ec048d159d)) */
    {"i64.wast:222", OP_I64_ROTL, 0xabcd987602468ace, 0x1, BITS, 0x579b30ec048d159d},
    /* (assert_return (invoke "rotl" (i64.const 0xfe000000dc000000) (i64.const 4)) (i64.const 0xe000000dc000000f)) */
    {"i64.wast:223", OP_I64_ROTL, 0xfe000000dc000000, 0x4, BITS, 0xe000000dc000000f},
    /* (assert_return (invoke "rotl" (i64.const 0xabcd1234ef567809) (i64.const 53)) (i64.const 0x013579a2469deacf)) */
    {"i64.wast:224", OP_I64_ROTL, 0xabcd1234ef567809, 0x35, BITS, 0x13579a2469deacf},
    /* (assert_return (invoke "rotl" (i64.const 0xabd1234ef567809c) (i64.const 63)) (i64.const 0x55e891a77ab3c04e)) */
    {"i64.wast:225", OP_I64_ROTL, 0xabd1234ef567809c, 0x3f, BITS, 0x55e891a77ab3c04e},
    /* (assert_return (invoke "rotl" (i64.const 0xabcd1234ef567809) (i64.const 0xf5)) (i64.const 0x013579a2469deacf)) */
    {"i64.wast:226", OP_I64_ROTL, 0xabcd1234ef567809, 0xf5, BITS, 0x13579a2469deacf},
    /* (assert_return (invoke "rotl" (i64.const 0xabcd7294ef567809) (i64.const 0xffffffffffffffed)) (i64.const 0xcf013579ae529dea)) */
    {"i64.wast:227", OP_I64_ROTL, 0xabcd7294ef567809, 0xffffffffffffffed, BITS, 0xcf013579ae529dea},
    /* (assert_return (invoke "rotl" (i64.const 0xabd1234ef567809c) (i64.const 0x800000000000003f)) (i64.const 0x55e891a77ab3c04e)) */
    {"i64.wast:228", OP_I64_ROTL, 0xabd1234ef567809c, 0x800000000000003f, BITS, 0x55e891a77ab3c04e},
    /* (assert_return (invoke "rotl" (i64.const 1) (i64.const 63)) (i64.const 0x8000000000000000)) */
    {"i64.wast:229", OP_I64_ROTL, 0x1, 0x3f, BITS, 0x8000000000000000},
    /* (assert_return (invoke "rotl" (i64.const 0x8000000000000000) (i64.const 1)) (i64.const 1)) */
    {"i64.wast:230", OP_I64_ROTL, 0x8000000000000000, 0x1, BITS, 0x1},
    /* (assert_return (invoke "rotr" (i64.const 1) (i64.const 1)) (i64.const 0x8000000000000000)) */
    {"i64.wast:232", OP_I64_ROTR, 0x1, 0x1, BITS, 0x8000000000000000},
    /* (assert_return (invoke "rotr" (i64.const 1) (i64.const 0)) (i64.const 1)) */
    {"i64.wast:233", OP_I64_ROTR, 0x1, 0x0, BITS, 0x1},
    /* (assert_return (invoke "rotr" (i64.const -1) (i64.const 1)) (i64.const -1)) */
    {"i64.wast:234", OP_I64_ROTR, 0xffffffffffffffff, 0x1, BITS, 0xffffffffffffffff},
    /* (assert_return (invoke "rotr" (i64.const 1) (i64.const 64)) (i64.const 1)) */
    {"i64.wast:235", OP_I64_ROTR, 0x1, 0x40, BITS, 0x1},
    /* (assert_return (invoke "rotr" (i64.const 0xabcd987602468ace) (i64.const 1)) (i64.const 0x55e6cc3b01234567)) */
    {"i64.wast:236", OP_I64_ROTR, 0xabcd987602468ace, 0x1, BITS, 0x55e6cc3b01234567},
    /* (assert_return (invoke "rotr" (i64.const 0xfe000000dc000000) (i64.const 4)) (i64.const 0x0fe000000dc00000)) */
    {"i64.wast:237", OP_I64_ROTR, 0xfe000000dc000000, 0x4, BITS, 0xfe000000dc00000},
    /* (assert_return (invoke "rotr" (i64.const 0xabcd1234ef567809) (i64.const 53)) (i64.const 0x6891a77ab3c04d5e)) */
    {"i64.wast:238", OP_I64_ROTR, 0xabcd1234ef567809, 0x35, BITS, 0x6891a77ab3c04d5e},
    /* (assert_return (invoke "rotr" (i64.const 0xabd1234ef567809c) (i64.const 63)) (i64.const 0x57a2469deacf0139)) */
    {"i64.wast:239", OP_I64_ROTR, 0xabd1234ef567809c, 0x3f, BITS, 0x57a2469deacf0139},
    /* (assert_return (invoke "rotr" (i64.const 0xabcd1234ef567809) (i64.const 0xf5)) (i64.const 0x6891a77ab3c04d5e)) */
    {"i64.wast:240", OP_I64_ROTR, 0xabcd1234ef567809, 0xf5, BITS, 0x6891a77ab3c04d5e},
    /* (assert_return (invoke "rotr" (i64.const 0xabcd7294ef567809) (i64.const 0xffffffffffffffed)) (i64.const 0x94a77ab3c04d5e6b)) */
    {"i64.wast:241", OP_I64_ROTR, 0xabcd7294ef567809, 0xffffffffffffffed, BITS, 0x94a77ab3c04d5e6b},
    /* (assert_return (invoke "rotr" (i64.const 0xabd1234ef567809c) (i64.const 0x800000000000003f)) (i64.const 0x57a2469deacf0139)) */
    {"i64.wast:242", OP_I64_ROTR, 0xabd1234ef567809c, 0x800000000000003f, BITS, 0x57a2469deacf0139},
    /* (assert_return (invoke "rotr" (i64.const 1) (i64.const 63)) (i64.const 2)) */
    {"i64.wast:243", OP_I64_ROTR, 0x1, 0x3f, BITS, 0x2},
    /* (assert_return (invoke "rotr" (i64.const 0x8000000000000000) (i64.const 63)) (i64.const 1)) */
    {"i64.wast:244", OP_I64_ROTR, 0x8000000000000000, 0x3f, BITS, 0x1},
    /* (assert_return (invoke "clz" (i64.const 0xffffffffffffffff)) (i64.const 0)) */
    {"i64.wast:246", OP_I64_CLZ, 0xffffffffffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "clz" (i64.const 0)) (i64.const 64)) */
    {"i64.wast:247", OP_I64_CLZ, 0x0, 0x0, BITS, 0x40},
    /* (assert_return (invoke "clz" (i64.const 0x00008000)) (i64.const 48)) */
    {"i64.wast:248", OP_I64_CLZ, 0x8000, 0x0, BITS, 0x30},
    /* (assert_return (invoke "clz" (i64.const 0xff)) (i64.const 56)) */
    {"i64.wast:249", OP_I64_CLZ, 0xff, 0x0, BITS, 0x38},
    /* (assert_return (invoke "clz" (i64.const 0x8000000000000000)) (i64.const 0)) */
    {"i64.wast:250", OP_I64_CLZ, 0x8000000000000000, 0x0, BITS, 0x0},
    /* (assert_return (invoke "clz" (i64.const 1)) (i64.const 63)) */
    {"i64.wast:251", OP_I64_CLZ, 0x1, 0x0, BITS, 0x3f},
    /* (assert_return (invoke "clz" (i64.const 2)) (i64.const 62)) */
    {"i64.wast:252", OP_I64_CLZ, 0x2, 0x0, BITS, 0x3e},
    /* (assert_return (invoke "clz" (i64.const 0x7fffffffffffffff)) (i64.const 1)) */
    {"i64.wast:253", OP_I64_CLZ, 0x7fffffffffffffff, 0x0, BITS, 0x1},
    /* (assert_return (invoke "ctz" (i64.const -1)) (i64.const 0)) */
    {"i64.wast:255", OP_I64_CTZ, 0xffffffffffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "ctz" (i64.const 0)) (i64.const 64)) */
    {"i64.wast:256", OP_I64_CTZ, 0x0, 0x0, BITS, 0x40},
    /* (assert_return (invoke "ctz" (i64.const 0x00008000)) (i64.const 15)) */
    {"i64.wast:257", OP_I64_CTZ, 0x8000, 0x0, BITS, 0xf},
    /* (assert_return (invoke "ctz" (i64.const 0x00010000)) (i64.const 16)) */
    {"i64.wast:258", OP_I64_CTZ, 0x10000, 0x0, BITS, 0x10},
    /* (assert_return (invoke "ctz" (i64.const 0x8000000000000000)) (i64.const 63)) */
    {"i64.wast:259", OP_I64_CTZ, 0x8000000000000000, 0x0, BITS, 0x3f},
    /* (assert_return (invoke "ctz" (i64.const 0x7fffffffffffffff)) (i64.const 0)) */
    {"i64.wast:260", OP_I64_CTZ, 0x7fffffffffffffff, 0x0, BITS, 0x0},
    /* (assert_return (invoke "popcnt" (i64.const -1)) (i64.const 64)) */
    {"i64.wast:262", OP_I64_POPCNT, 0xffffffffffffffff, 0x0, BITS, 0x40},
    /* (assert_return (invoke "popcnt" (i64.const 0)) (i64.const 0)) */
    {"i64.wast:263", OP_I64_POPCNT, 0x0, 0x0, BITS, 0x0},
    /* (assert_return (invoke "popcnt" (i64.const 0x00008000)) (i64.const 1)) */
    {"i64.wast:264", OP_I64_POPCNT, 0x8000, 0x0, BITS, 0x1},
    /* (assert_return (invoke "popcnt" (i64.const 0x8000800080008000)) (i64.const 4)) */
    {"i64.wast:265", OP_I64_POPCNT, 0x8000800080008000, 0x0, BITS, 0x4},
    /* (assert_return (invoke "popcnt" (i64.const 0x7fffffffffffffff)) (i64.const 63)) */
    {"i64.wast:266", OP_I64_POPCNT, 0x7fffffffffffffff, 0x0, BITS, 0x3f},
    /* (assert_return (invoke "popcnt" (i64.const 0xAAAAAAAA55555555)) (i64.const 32)) */
    {"i64.wast:267", OP_I64_POPCNT, 0xaaaaaaaa55555555, 0x0, BITS, 0x20},
    /* (assert_return (invoke "popcnt" (i64.const 0x99999999AAAAAAAA)) (i64.const 32)) */
    {"i64.wast:268", OP_I64_POPCNT, 0x99999999aaaaaaaa, 0x0, BITS, 0x20},
    /* (assert_return (invoke "popcnt" (i64.const 0xDEADBEEFDEADBEEF)) (i64.const 48)) */
    {"i64.wast:269", OP_I64_POPCNT, 0xdeadbeefdeadbeef, 0x0, BITS, 0x30},
};

/* Launder operands through a volatile so the compiler cannot fold a case
 * at compile time (its constant folder need not quiet NaNs the way the
 * hardware does); the interpreter only ever sees run-time values. */
static uint64_t opaque(uint64_t v)
{
    volatile uint64_t x = v;
    return x;
}

static float f32_of(uint64_t b)
{
    return bx__f32_from_bits((uint32_t)opaque(b));
}

static double f64_of(uint64_t b)
{
    return bx__f64_from_bits(opaque(b));
}

static uint64_t b32(float x)
{
    return bx__f32_bits(x);
}

static uint64_t b64(double x)
{
    return bx__f64_bits(x);
}

/* Runs one case; *width is the result width in bits (32 or 64), *isfloat
 * whether the result is a float (for the NaN checks). */
static uint64_t run(const struct tcase *c, bx_trap *t, int *width, int *isfloat)
{
    uint64_t a = opaque(c->a), b = opaque(c->b);
    *width = 32;
    *isfloat = 0;
    switch (c->op) {
    /* float -> float, f32 */
    case OP_F32_MIN: *isfloat = 1; return b32(bx_f32_min(f32_of(a), f32_of(b)));
    case OP_F32_MAX: *isfloat = 1; return b32(bx_f32_max(f32_of(a), f32_of(b)));
    case OP_F32_COPYSIGN: *isfloat = 1; return b32(bx_f32_copysign(f32_of(a), f32_of(b)));
    case OP_F32_NEAREST: *isfloat = 1; return b32(bx_f32_nearest(f32_of(a)));
    case OP_F32_DEMOTE_F64: *isfloat = 1; return b32(bx_f32_demote(f64_of(a)));
    case OP_F32_CONVERT_I64_S: *isfloat = 1; return b32(bx_f32_from_i64((int64_t)a));
    case OP_F32_CONVERT_I64_U: *isfloat = 1; return b32(bx_f32_from_u64(a));
    /* f64 */
    case OP_F64_MIN: *isfloat = 1; *width = 64; return b64(bx_f64_min(f64_of(a), f64_of(b)));
    case OP_F64_MAX: *isfloat = 1; *width = 64; return b64(bx_f64_max(f64_of(a), f64_of(b)));
    case OP_F64_COPYSIGN: *isfloat = 1; *width = 64; return b64(bx_f64_copysign(f64_of(a), f64_of(b)));
    case OP_F64_NEAREST: *isfloat = 1; *width = 64; return b64(bx_f64_nearest(f64_of(a)));
    case OP_F64_PROMOTE_F32: *isfloat = 1; *width = 64; return b64(bx_f64_promote(f32_of(a)));
    case OP_F64_CONVERT_I64_S: *isfloat = 1; *width = 64; return b64(bx_f64_from_i64((int64_t)a));
    case OP_F64_CONVERT_I64_U: *isfloat = 1; *width = 64; return b64(bx_f64_from_u64(a));
    /* i32 bit ops */
    case OP_I32_ROTL: return bx_i32_rotl((uint32_t)a, (uint32_t)b);
    case OP_I32_ROTR: return bx_i32_rotr((uint32_t)a, (uint32_t)b);
    case OP_I32_CLZ: return bx_i32_clz((uint32_t)a);
    case OP_I32_CTZ: return bx_i32_ctz((uint32_t)a);
    case OP_I32_POPCNT: return bx_i32_popcnt((uint32_t)a);
    /* i64 bit ops */
    case OP_I64_ROTL: *width = 64; return bx_i64_rotl(a, b);
    case OP_I64_ROTR: *width = 64; return bx_i64_rotr(a, b);
    case OP_I64_CLZ: *width = 64; return bx_i64_clz(a);
    case OP_I64_CTZ: *width = 64; return bx_i64_ctz(a);
    case OP_I64_POPCNT: *width = 64; return bx_i64_popcnt(a);
    /* trapping truncations */
    case OP_I32_TRUNC_F32_S: return (uint32_t)bx_i32_trunc_f32_s(f32_of(a), t);
    case OP_I32_TRUNC_F64_S: return (uint32_t)bx_i32_trunc_f64_s(f64_of(a), t);
    case OP_I32_TRUNC_F32_U: return bx_i32_trunc_f32_u(f32_of(a), t);
    case OP_I32_TRUNC_F64_U: return bx_i32_trunc_f64_u(f64_of(a), t);
    case OP_I64_TRUNC_F32_S: *width = 64; return (uint64_t)bx_i64_trunc_f32_s(f32_of(a), t);
    case OP_I64_TRUNC_F64_S: *width = 64; return (uint64_t)bx_i64_trunc_f64_s(f64_of(a), t);
    case OP_I64_TRUNC_F32_U: *width = 64; return bx_i64_trunc_f32_u(f32_of(a), t);
    case OP_I64_TRUNC_F64_U: *width = 64; return bx_i64_trunc_f64_u(f64_of(a), t);
    /* saturating truncations */
    case OP_I32_TRUNC_SAT_F32_S: return (uint32_t)bx_i32_trunc_sat_f32_s(f32_of(a));
    case OP_I32_TRUNC_SAT_F64_S: return (uint32_t)bx_i32_trunc_sat_f64_s(f64_of(a));
    case OP_I32_TRUNC_SAT_F32_U: return bx_i32_trunc_sat_f32_u(f32_of(a));
    case OP_I32_TRUNC_SAT_F64_U: return bx_i32_trunc_sat_f64_u(f64_of(a));
    case OP_I64_TRUNC_SAT_F32_S: *width = 64; return (uint64_t)bx_i64_trunc_sat_f32_s(f32_of(a));
    case OP_I64_TRUNC_SAT_F64_S: *width = 64; return (uint64_t)bx_i64_trunc_sat_f64_s(f64_of(a));
    case OP_I64_TRUNC_SAT_F32_U: *width = 64; return bx_i64_trunc_sat_f32_u(f32_of(a));
    case OP_I64_TRUNC_SAT_F64_U: *width = 64; return bx_i64_trunc_sat_f64_u(f64_of(a));
    }
    return 0xDEADull;           /* unknown op: cannot match a row */
}

/* Spec NaN classes: canonical = exponent all ones, payload exactly the
 * quiet bit (either sign); arithmetic = exponent all ones, quiet bit set. */
static int is_nan_class(uint64_t r, int width, int canonical)
{
    uint64_t exp = width == 32 ? 0x7F800000u : UINT64_C(0x7FF0000000000000);
    uint64_t frac = width == 32 ? 0x007FFFFFu : UINT64_C(0x000FFFFFFFFFFFFF);
    uint64_t quiet = width == 32 ? 0x00400000u : UINT64_C(0x0008000000000000);
    if ((r & exp) != exp)
        return 0;
    return canonical ? (r & frac) == quiet : (r & quiet) != 0;
}

int main(void)
{
    static const char *const trapname[BX_TRAP_COUNT + 1] = {
        [BX_TRAP_NONE] = "no trap",
        [BX_TRAP_INT_OVERFLOW] = "integer overflow",
        [BX_TRAP_INVALID_CONV] = "invalid conversion to integer",
        [BX_TRAP_COUNT] = "untouched",
    };
    unsigned passed = 0, failed = 0;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct tcase *c = &cases[i];
        bx_trap t = BX_TRAP_COUNT;      /* sentinel: must survive non-traps */
        int width, isfloat, ok;
        uint64_t r = run(c, &t, &width, &isfloat);
        const char *want = "?";
        char buf[64];

        switch (c->kind) {
        case BITS:
            ok = t == BX_TRAP_COUNT && r == c->expect;
            snprintf(buf, sizeof buf, "0x%" PRIx64, c->expect);
            want = buf;
            break;
        case NAN_CANON:
            ok = t == BX_TRAP_COUNT && isfloat && is_nan_class(r, width, 1);
            want = "nan:canonical";
            break;
        case NAN_ARITH:
            ok = t == BX_TRAP_COUNT && isfloat && is_nan_class(r, width, 0);
            want = "nan:arithmetic";
            break;
        case TRAP_OVF:
            ok = t == BX_TRAP_INT_OVERFLOW;
            want = "trap integer overflow";
            break;
        case TRAP_INV:
            ok = t == BX_TRAP_INVALID_CONV;
            want = "trap invalid conversion to integer";
            break;
        default:
            ok = 0;
        }
        if (ok) {
            passed++;
        } else {
            const char *tn = (unsigned)t <= BX_TRAP_COUNT && trapname[t] ? trapname[t] : "other trap";
            failed++;
            printf("FAIL %s: a=0x%" PRIx64 " b=0x%" PRIx64 ": want %s, got 0x%" PRIx64
                   " (trap: %s)\n", c->src, c->a, c->b, want, r, tn);
        }
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
