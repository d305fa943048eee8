/*
 * sandbox_impl.h — private to src/sandbox.
 */
#ifndef BX_SANDBOX_IMPL_H
#define BX_SANDBOX_IMPL_H

#include "boxagnts.h"

/* Append a copy of s to a string vector (grants.c). */
bx_status bxs_list_push(char ***v, size_t *n, const char *s, bx_error *err);

#endif
