/*
 * host.c — what every WASI file borrows from the host: the host errno to
 * WASI errno map and the clock.  Its own file so that the files of
 * functions (fd.c, path.c, fs.c, poll.c, ...) depend on it and wasi.c (the
 * context and the import table) depends on them, never the other way.
 */
#include "wasi_impl.h"

#include <errno.h>
#include <time.h>

/* Indexed by WASI errno, 1..75 (api.h order). */
static const int host_errnos[] = {
    0, E2BIG, EACCES, EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EAGAIN, EALREADY,
    EBADF, EBADMSG, EBUSY, ECANCELED, ECHILD, ECONNABORTED, ECONNREFUSED,
    ECONNRESET, EDEADLK, EDESTADDRREQ, EDOM, EDQUOT, EEXIST, EFAULT, EFBIG,
    EHOSTUNREACH, EIDRM, EILSEQ, EINPROGRESS, EINTR, EINVAL, EIO, EISCONN,
    EISDIR, ELOOP, EMFILE, EMLINK, EMSGSIZE, EMULTIHOP, ENAMETOOLONG, ENETDOWN,
    ENETRESET, ENETUNREACH, ENFILE, ENOBUFS, ENODEV, ENOENT, ENOEXEC, ENOLCK,
    ENOLINK, ENOMEM, ENOMSG, ENOPROTOOPT, ENOSPC, ENOSYS, ENOTCONN, ENOTDIR,
    ENOTEMPTY, ENOTRECOVERABLE, ENOTSOCK, ENOTSUP, ENOTTY, ENXIO, EOVERFLOW,
    EOWNERDEAD, EPERM, EPIPE, EPROTO, EPROTONOSUPPORT, EPROTOTYPE, ERANGE,
    EROFS, ESPIPE, ESRCH, ESTALE, ETIMEDOUT, ETXTBSY, EXDEV
};

uint16_t bxw_errno(int e)
{
    if (e == EWOULDBLOCK)
        return W_AGAIN;
    for (uint16_t i = 1; i < sizeof host_errnos / sizeof host_errnos[0]; i++)
        if (host_errnos[i] == e)
            return i;
    return W_IO;                        /* no WASI equivalent */
}

uint64_t bxw_now_ns(int clock)
{
    struct timespec ts;
    if (clock_gettime(clock, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
