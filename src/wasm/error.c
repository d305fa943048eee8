/*
 * error.c — bx_error_setf, the one way every layer fills a bx_error (it
 * lives in the bottom layer so that every layer above may use it), the
 * engine's own bxe_fail (with the byte offset), and naming a trap.  Not in
 * module.c: every stage (decode.c, validate.c, compile.c, instance.c,
 * store.c) reports through them while module.c drives those stages.
 */
#include <stdarg.h>
#include <stdio.h>

#include "module.h"

bx_status bx_error_setf(bx_error *err, bx_status st, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->status = st;
        err->trap = BX_TRAP_NONE;
        err->offset = 0;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

bx_status bxe_fail(bx_error *err, bx_status st, size_t offset, const char *fmt, ...)
{
    if (!err) return st;
    err->status = st;
    err->trap = BX_TRAP_NONE;
    err->offset = offset;
    size_t n = 0;
    /* only decode/validation errors have a meaningful place in the binary */
    if (st == BX_ERR_MALFORMED || st == BX_ERR_INVALID) {
        int k = snprintf(err->msg, sizeof err->msg, "at byte 0x%zx: ", offset);
        n = k > 0 ? (size_t)k : 0;
        if (n >= sizeof err->msg) n = sizeof err->msg - 1;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
    va_end(ap);
    return st;
}

const char *bx_trap_message(bx_trap t)
{
    static const char *const msg[BX_TRAP_COUNT] = {
        [BX_TRAP_NONE] = "no trap",
        [BX_TRAP_UNREACHABLE] = "unreachable",
        [BX_TRAP_MEMORY_OOB] = "out of bounds memory access",
        [BX_TRAP_TABLE_OOB] = "out of bounds table access",
        [BX_TRAP_UNDEFINED_ELEMENT] = "undefined element",
        [BX_TRAP_UNINITIALIZED] = "uninitialized element",
        [BX_TRAP_INDIRECT_TYPE] = "indirect call type mismatch",
        [BX_TRAP_DIV_ZERO] = "integer divide by zero",
        [BX_TRAP_INT_OVERFLOW] = "integer overflow",
        [BX_TRAP_INVALID_CONV] = "invalid conversion to integer",
        [BX_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
        [BX_TRAP_FUEL_EXHAUSTED] = "fuel exhausted",
        [BX_TRAP_INTERRUPTED] = "interrupted",
        [BX_TRAP_HOST] = "host error",
        [BX_TRAP_EXIT] = "exit",
    };
    if ((unsigned)t >= BX_TRAP_COUNT) return "unknown trap";
    return msg[t];
}
