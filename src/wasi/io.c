/*
 * io.c — guest I/O whose cost grows with its operands, done in bounded
 * chunks that are charged as fuel and stopped by the interrupt (--timeout,
 * cancel), host writes that never block the host thread, and the output
 * capture of stdout/stderr (bxw_out_write).
 *
 * Rates (boxagnts.h, BX_FUEL_BYTES): fd_read, fd_write, fd_pread and
 * fd_pwrite cost one unit per iovec plus one per BX_FUEL_BYTES bytes
 * transferred; the transfer goes in chunks of at most BX_WORK_CHUNK bytes
 * with the interrupt checked before each, and stops early where a blocking
 * call would wait for more (a short count, as POSIX allows).
 *
 * fd_allocate costs one unit per BX_FUEL_BYTES bytes allocated, charged
 * up front, and allocates in 1 MiB pieces with the interrupt checked
 * between them (on tmpfs every byte is zeroed RAM), never through glibc's
 * posix_fallocate emulation, which would write every byte in one call.
 *
 * Host output (stdout/stderr passed through to the host's fd 1 and 2) is
 * written without ever blocking: a pipe, FIFO or terminal is reopened
 * through /proc/self/fd with O_NONBLOCK (a new open file description, so
 * the flag never leaks to the process's own fd or to whoever shares it),
 * a socket is written with MSG_DONTWAIT, and waiting for room happens in
 * 10 ms slices that end when the store is interrupted.  A guest stuck on a
 * full pipe whose reader sleeps thus ends at its timeout.  Where the reopen
 * is impossible (no /proc), writes of at most PIPE_BUF bytes after poll()
 * said POLLOUT, which a pipe never blocks on.  Writes to a pipe with no
 * reader give the guest EPIPE and never raise SIGPIPE (it is blocked in
 * this thread around the write and a SIGPIPE it raised is consumed).
 */
#include "wasi_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define CHUNK_IOV 64u           /* iovecs per chunk syscall */

/* Wait up to 10 ms for fd; 1 if the store was interrupted meanwhile. */
static int wait_slice(bx_hostcall *hc, int fd, short ev)
{
    struct pollfd p = { fd, ev, 0 };
    if (bx_store_is_interrupted(hc->store))
        return 1;
    poll(&p, 1, 10);
    return bx_store_is_interrupted(hc->store);
}

/* write(2) that cannot raise SIGPIPE for the process: EPIPE instead. */
static ssize_t write_nosig(int fd, const struct iovec *v, int n, int positional, off_t off)
{
    sigset_t pipeset, old, pend;
    struct timespec zero = { 0, 0 };
    int pending, e;
    ssize_t k;
    sigemptyset(&pipeset);
    sigaddset(&pipeset, SIGPIPE);
    pending = sigpending(&pend) == 0 && sigismember(&pend, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeset, &old);
    k = positional ? pwritev(fd, v, n, off) : writev(fd, v, n);
    e = errno;
    if (k < 0 && e == EPIPE && !pending)
        while (sigtimedwait(&pipeset, NULL, &zero) < 0 && errno == EINTR)
            ;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return k;
}

/* The next chunk of iov from cursor (*ci, *co): at most BX_WORK_CHUNK
 * bytes in at most CHUNK_IOV entries, empty entries skipped. */
static int chunk(const struct iovec *iov, uint32_t n, uint32_t *ci, size_t *co,
                 struct iovec *out, size_t *len)
{
    uint32_t i = *ci;
    size_t o = *co, total = 0;
    int cnt = 0;
    while (i < n && iov[i].iov_len == o) {
        i++;
        o = 0;
    }
    *ci = i;
    *co = o;
    while (i < n && cnt < (int)CHUNK_IOV && total < BX_WORK_CHUNK) {
        size_t l = iov[i].iov_len - o;
        if (l) {
            if (l > BX_WORK_CHUNK - total)
                l = BX_WORK_CHUNK - total;
            out[cnt].iov_base = (uint8_t *)iov[i].iov_base + o;
            out[cnt].iov_len = l;
            cnt++;
            total += l;
        }
        i++;
        o = 0;
    }
    *len = total;
    return cnt;
}

static void advance(const struct iovec *iov, uint32_t n, uint32_t *ci, size_t *co, size_t k)
{
    while (k && *ci < n) {
        size_t l = iov[*ci].iov_len - *co;
        if (k < l) {
            *co += k;
            return;
        }
        k -= l;
        (*ci)++;
        *co = 0;
    }
}

bx_trap bxw_rw(bx_hostcall *hc, int fd, const struct iovec *iov, uint32_t n, int flags,
               uint64_t off, size_t *done, int *err)
{
    struct iovec c[CHUNK_IOV];
    uint32_t ci = 0;
    size_t co = 0, total = 0;
    int wr = flags & BXW_IO_WRITE, pos = flags & BXW_IO_POSITIONAL;
    bx_trap t;
    *done = 0;
    *err = 0;
    if ((t = bx_hostcall_charge(hc, n)) != BX_TRAP_NONE)
        return t;
    for (;;) {
        size_t len;
        ssize_t k;
        int cnt = chunk(iov, n, &ci, &co, c, &len);
        if (!cnt)
            break;
        if (total && (t = bx_hostcall_charge(hc, 0)) != BX_TRAP_NONE)
            return t;
        if (flags & BXW_IO_POLL_FIRST) {
            /* a blocking host fd we may not make non-blocking: wait here */
            struct pollfd p = { fd, (short)(wr ? POLLOUT : POLLIN), 0 };
            while (poll(&p, 1, 0) == 0) {
                if (total)
                    goto out;
                if (!(flags & BXW_IO_WAIT)) {
                    *err = EAGAIN;      /* the guest asked for non-blocking */
                    return BX_TRAP_NONE;
                }
                if (wait_slice(hc, fd, p.events))
                    return BX_TRAP_INTERRUPTED;
            }
        }
        if (wr)
            k = (flags & BXW_IO_NOSIG) ? write_nosig(fd, c, cnt, pos, (off_t)(off + total))
                : pos ? pwritev(fd, c, cnt, (off_t)(off + total)) : writev(fd, c, cnt);
        else
            k = pos ? preadv(fd, c, cnt, (off_t)(off + total)) : readv(fd, c, cnt);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            if (total)
                break;                  /* what was done stands; the next call sees the error */
            if (errno == EAGAIN && (flags & BXW_IO_WAIT)) {
                if (wait_slice(hc, fd, (short)(wr ? POLLOUT : POLLIN)))
                    return BX_TRAP_INTERRUPTED;
                continue;
            }
            *err = errno;
            break;
        }
        total += (size_t)k;
        *done = total;
        if ((t = bx_hostcall_charge(hc, bx_fuel_for_bytes((uint64_t)k))) != BX_TRAP_NONE)
            return t;
        if (k == 0 || (size_t)k < len)
            break;                      /* end of file, or no more without waiting */
        advance(iov, n, &ci, &co, (size_t)k);
    }
out:
    *done = total;
    return BX_TRAP_NONE;
}

#define ALLOC_PIECE ((uint64_t)1 << 20)

bx_trap bxw_allocate(bx_hostcall *hc, int fd, uint64_t off, uint64_t len, int *err)
{
    bx_trap t = bx_hostcall_charge(hc, bx_fuel_for_bytes(len));
    *err = 0;
    if (t != BX_TRAP_NONE)
        return t;
    for (uint64_t at = 0; at < len; at += ALLOC_PIECE) {
        uint64_t k = len - at < ALLOC_PIECE ? len - at : ALLOC_PIECE;
        if (at && (t = bx_hostcall_charge(hc, 0)) != BX_TRAP_NONE)
            return t;
        if (fallocate(fd, 0, (off_t)(off + at), (off_t)k) != 0) {
            if (errno == EINTR) {
                at -= ALLOC_PIECE;      /* the same piece again */
                continue;
            }
            *err = errno;
            return BX_TRAP_NONE;
        }
    }
    return BX_TRAP_NONE;
}

/* ---- host output ----------------------------------------------------------- */

enum { W_PLAIN = 1, W_NONBLOCK, W_SOCKET, W_SMALL };

static void out_prepare(bxw_out *o)
{
    struct stat st;
    o->wready = 1;
    o->wfd = o->hostfd;
    o->wown = 0;
    o->wmode = W_SMALL;
    if (fstat(o->hostfd, &st) != 0)
        return;
    if (S_ISSOCK(st.st_mode)) {
        o->wmode = W_SOCKET;
    } else if (S_ISFIFO(st.st_mode) || (S_ISCHR(st.st_mode) && isatty(o->hostfd))) {
        char path[64];
        int fd;
        snprintf(path, sizeof path, "/proc/self/fd/%d", o->hostfd);
        fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd >= 0) {
            o->wfd = fd;
            o->wown = 1;
            o->wmode = W_NONBLOCK;
        }
    } else {
        o->wmode = W_PLAIN;             /* files, /dev/null: never wait for a reader */
    }
}

void bxw_out_close(bxw_out *o)
{
    if (o->wready && o->wown)
        close(o->wfd);
    o->wready = 0;
    o->wown = 0;
}

/* All of p to the host's fd, or until an error or the interrupt. */
static bx_trap host_put(bx_hostcall *hc, bxw_out *o, const uint8_t *p, size_t n, size_t *done, int *err)
{
    size_t at = 0;
    bx_trap t;
    if (!o->wready)
        out_prepare(o);
    while (at < n) {
        size_t want = n - at < BX_WORK_CHUNK ? n - at : BX_WORK_CHUNK;
        struct iovec v;
        ssize_t k;
        if ((t = bx_hostcall_charge(hc, 0)) != BX_TRAP_NONE) {
            *done = at;
            return t;
        }
        if (o->wmode == W_SMALL) {
            struct pollfd pf = { o->wfd, POLLOUT, 0 };
            if (poll(&pf, 1, 0) == 0) {
                if (wait_slice(hc, o->wfd, POLLOUT)) {
                    *done = at;
                    return BX_TRAP_INTERRUPTED;
                }
                continue;
            }
            if (want > PIPE_BUF)
                want = PIPE_BUF;
        }
        v.iov_base = (void *)(p + at);
        v.iov_len = want;
        if (o->wmode == W_SOCKET) {
            k = send(o->wfd, v.iov_base, want, MSG_DONTWAIT | MSG_NOSIGNAL);
            if (k < 0 && errno == ENOTSOCK) {
                o->wmode = W_SMALL;
                continue;
            }
        } else {
            k = write_nosig(o->wfd, &v, 1, 0, 0);
        }
        if (k < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN) {
                if (wait_slice(hc, o->wfd, POLLOUT)) {
                    *done = at;
                    return BX_TRAP_INTERRUPTED;
                }
                continue;
            }
            if (!at)
                *err = errno;
            break;
        }
        at += (size_t)k;
    }
    *done = at;
    return BX_TRAP_NONE;
}

bx_trap bxw_out_put(bx_hostcall *hc, bxw_out *o, const struct iovec *iov, uint32_t n,
                    size_t *total, int *err)
{
    uint64_t bytes = 0;
    bx_trap t;
    *total = 0;
    *err = 0;
    for (uint32_t i = 0; i < n; i++)
        bytes += iov[i].iov_len;
    /* one unit per iovec plus the bytes, up front: every kind does the work */
    if ((t = bx_hostcall_charge(hc, n + bx_fuel_for_bytes(bytes))) != BX_TRAP_NONE)
        return t;
    for (uint32_t i = 0; i < n && !*err; i++) {
        size_t k = 0;
        if (o->kind == BX_WASI_OUT_HOST) {
            t = host_put(hc, o, iov[i].iov_base, iov[i].iov_len, &k, err);
            *total += k;
            if (t != BX_TRAP_NONE)
                return t;
            if (k < iov[i].iov_len)
                break;
        } else {
            *total += bxw_out_write(o, iov[i].iov_base, iov[i].iov_len, err);
        }
    }
    return BX_TRAP_NONE;
}

/* ---- output capture ----------------------------------------------------- */

size_t bxw_out_write(bxw_out *o, const uint8_t *p, size_t n, int *err)
{
    *err = 0;
    if (o->kind == BX_WASI_OUT_HOST) {
        size_t done = 0;
        while (done < n) {
            ssize_t k = write(o->hostfd, p + done, n - done);
            if (k < 0) {
                if (errno == EINTR)
                    continue;
                if (!done)
                    *err = errno;
                break;
            }
            done += (size_t)k;
        }
        return done;
    }
    if (o->kind == BX_WASI_OUT_CAPTURE) {
        size_t take = o->cap - o->len < n ? o->cap - o->len : n;
        if (take && o->len + take > o->alloc) {
            size_t na = o->alloc ? o->alloc : 4096;
            uint8_t *nb;
            while (na < o->len + take)
                na *= 2;
            if (na > o->cap)
                na = o->cap;
            nb = realloc(o->buf, na);
            if (!nb) {
                take = 0;               /* keep what we have, count the rest */
            } else {
                o->buf = nb;
                o->alloc = na;
            }
        }
        if (take)
            memcpy(o->buf + o->len, p, take);
        o->len += take;
        o->dropped += n - take;
    }
    return n;                           /* accepted: the guest must not retry */
}
