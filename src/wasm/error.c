/*
 * error.c — bx_error_setf, the one way every layer fills a bx_error.  It
 * lives in the bottom layer so that every layer above may use it.
 */
#include <stdarg.h>
#include <stdio.h>

#include "boxagnts.h"

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
