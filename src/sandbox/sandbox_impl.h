/*
 * sandbox_impl.h — private to src/sandbox.
 */
#ifndef BX_SANDBOX_IMPL_H
#define BX_SANDBOX_IMPL_H

#include "boxagnts.h"

/* Fill err (when not NULL) with st and a formatted message; returns st.
 * Defined in options.c. */
bx_status bx_sb_fail(bx_error *err, bx_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
