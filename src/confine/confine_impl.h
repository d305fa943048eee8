/*
 * confine_impl.h — private to src/confine.
 */
#ifndef BX_CONFINE_IMPL_H
#define BX_CONFINE_IMPL_H

#include <linux/filter.h>
#include <sys/types.h>

#include "boxagnts.h"

/* Fill err (when not NULL) with st and a formatted message; returns st. */
bx_status bxc_fail(bx_error *err, bx_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The worker's seccomp program (malloc'd): the allowlist; sockets only
 * with net; signals only to the worker itself (pid). */
int bxc_seccomp_program(int net, pid_t self, struct sock_filter **out, size_t *n);

#endif
