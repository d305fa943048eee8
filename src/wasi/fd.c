/*
 * fd.c — the guest's fd table and every fd_* function.
 *
 * An entry is stdio (a buffer, a capture, or a host fd), or a host fd
 * opened beneath a grant.  Rights are checked first (as wasmtime does);
 * entries under a read-only grant never carry mutating rights, and the
 * read-only flag is checked again where a mutation would happen, so one
 * mistake in rights bookkeeping cannot become a write.
 *
 * Host files are kept O_NONBLOCK (a FIFO in a grant must not hang the
 * host thread); blocking reads and writes are emulated with 10 ms polls
 * that stop when the store is interrupted (timeouts).
 */
#include "wasi_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#define IO_CLAMP 0x7ffff000u            /* Linux's own per-call maximum */

/* ---- table -------------------------------------------------------------- */

bxw_fd *bxw_fd_get(bx_wasi *w, uint32_t fd)
{
    if (fd >= w->nfds || w->fds[fd].kind == FK_FREE)
        return NULL;
    return &w->fds[fd];
}

int bxw_fd_alloc(bx_wasi *w, uint32_t *out)
{
    for (uint32_t i = 0; i < w->nfds; i++)
        if (w->fds[i].kind == FK_FREE) {
            *out = i;
            return 0;
        }
    return W_MFILE;
}

void bxw_fd_release(bxw_fd *e)
{
    if (e->own && e->host >= 0)
        close(e->host);
    free(e->guest);
    memset(e, 0, sizeof *e);
    e->host = -1;
    e->grant = -1;
}

uint8_t bxw_filetype(unsigned m)
{
    switch (m & S_IFMT) {
    case S_IFREG: return WFT_REG;
    case S_IFDIR: return WFT_DIR;
    case S_IFLNK: return WFT_SYMLINK;
    case S_IFCHR: return WFT_CHAR;
    case S_IFBLK: return WFT_BLOCK;
    case S_IFSOCK: return WFT_SOCK_STREAM;
    default: return WFT_UNKNOWN;        /* FIFOs have no WASI type */
    }
}

static int is_ro(bx_wasi *w, const bxw_fd *e)
{
    return e->grant >= 0 && w->grants[e->grant].ro;
}

static uint16_t ro_refuse(bx_wasi *w, const bxw_fd *e, const char *event)
{
    const bxw_grant *g = &w->grants[e->grant];
    char hint[BXW_GPATH_MAX + 64];
    snprintf(hint, sizeof hint, "grant write:%s to allow this", g->guest);
    bxw_audit(w, event, e->guest ? e->guest : g->guest, 0, g->rule, W_ROFS, hint);
    return W_ROFS;
}

/* Guest iovec array -> host iovecs pointing into guest memory. */
uint16_t bxw_iovecs(const bx_hostcall *hc, uint32_t iovs, uint32_t n, void *host_iov)
{
    struct iovec *v = host_iov;
    uint64_t total = 0;
    if (n > BXW_IOV_MAX)
        return W_INVAL;
    if (!bxw_mem_ok(hc, iovs, (uint64_t)n * 8))
        return W_FAULT;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *p = bxw_mem(hc, iovs + (uint64_t)i * 8);
        uint32_t b = bxw_ld32(p), l = bxw_ld32(p + 4);
        if (!bxw_mem_ok(hc, b, l))
            return W_FAULT;
        if (total + l > IO_CLAMP)       /* as Linux: a short transfer, not an error */
            l = (uint32_t)(IO_CLAMP - total);
        total += l;
        v[i].iov_base = l ? bxw_mem(hc, b) : NULL;
        v[i].iov_len = l;
    }
    return 0;
}

/* ---- read / write ------------------------------------------------------- */

static bx_trap do_read(bx_hostcall *hc, uint64_t *a, int positional)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *e = bxw_fd_get(w, A32(0));
    uint32_t n = A32(2), outp = positional ? A32(4) : A32(3);
    uint64_t off = positional ? a[3] : 0;
    struct iovec iov[BXW_IOV_MAX];
    uint16_t r;
    if (!e)
        BXW_RET(W_BADF);
    if (!(e->base & R_FD_READ) || (positional && !(e->base & R_FD_SEEK)))
        BXW_RET(W_NOTCAPABLE);
    if (!bxw_mem_ok(hc, outp, 4))
        BXW_RET(W_FAULT);
    if ((r = bxw_iovecs(hc, A32(1), n, iov)) != 0)
        BXW_RET(r);
    if (e->kind == FK_STDIN && w->stdin_kind != BX_WASI_STDIN_HOST) {
        size_t got = 0;
        bx_trap t;
        if (positional)
            BXW_RET(W_SPIPE);
        if ((t = bx_hostcall_charge(hc, n)) != BX_TRAP_NONE)
            return t;
        for (uint32_t i = 0; i < n && w->stdin_pos < w->stdin_len; i++) {
            size_t take = w->stdin_len - w->stdin_pos;
            if (take > iov[i].iov_len)
                take = iov[i].iov_len;
            if (take)
                memcpy(iov[i].iov_base, w->stdin_buf + w->stdin_pos, take);
            w->stdin_pos += take;
            got += take;
        }
        if ((t = bx_hostcall_charge(hc, bx_fuel_for_bytes(got))) != BX_TRAP_NONE)
            return t;
        bxw_st32(bxw_mem(hc, outp), (uint32_t)got);
        BXW_RET(0);
    }
    if (e->host < 0 || e->opath)
        BXW_RET(W_BADF);
    if (positional && off > INT64_MAX)
        BXW_RET(W_INVAL);
    {
        /* chunked, charged, interruptible (io.c); the host's fd 0 is
         * shared, so it is never made O_NONBLOCK: polled before reading */
        int fl = positional ? BXW_IO_POSITIONAL : 0, err;
        size_t got;
        bx_trap t;
        if (e->kind == FK_STDIN)
            fl |= BXW_IO_POLL_FIRST;
        if (!(e->fdflags & WF_NONBLOCK))
            fl |= BXW_IO_WAIT;
        if ((t = bxw_rw(hc, e->host, iov, n, fl, off, &got, &err)) != BX_TRAP_NONE)
            return t;
        if (err)
            BXW_RET(bxw_errno(err));
        bxw_st32(bxw_mem(hc, outp), (uint32_t)got);
    }
    BXW_RET(0);
}

static bx_trap do_write(bx_hostcall *hc, uint64_t *a, int positional)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *e = bxw_fd_get(w, A32(0));
    uint32_t n = A32(2), outp = positional ? A32(4) : A32(3);
    uint64_t off = positional ? a[3] : 0;
    struct iovec iov[BXW_IOV_MAX];
    uint16_t r;
    if (!e)
        BXW_RET(W_BADF);
    if (is_ro(w, e))
        BXW_RET(ro_refuse(w, e, positional ? "pwrite" : "write"));
    if (!(e->base & R_FD_WRITE) || (positional && !(e->base & R_FD_SEEK)))
        BXW_RET(W_NOTCAPABLE);
    if (!bxw_mem_ok(hc, outp, 4))
        BXW_RET(W_FAULT);
    if ((r = bxw_iovecs(hc, A32(1), n, iov)) != 0)
        BXW_RET(r);
    if (e->kind == FK_OUT) {
        size_t total = 0;
        int err = 0;
        bx_trap t;
        if (positional)
            BXW_RET(W_SPIPE);
        if ((t = bxw_out_put(hc, e->out, iov, n, &total, &err)) != BX_TRAP_NONE)
            return t;
        if (err && !total)
            BXW_RET(bxw_errno(err));
        if (w->stop_on_cap && e->out->dropped)
            return bx_hostcall_fail(hc, "output over the %zu-byte cap; raise --max-output to allow more",
                                    e->out->cap);
        bxw_st32(bxw_mem(hc, outp), (uint32_t)total);
        BXW_RET(0);
    }
    if (e->kind != FK_HOST || e->host < 0 || e->opath)
        BXW_RET(W_BADF);
    if (positional && off > INT64_MAX)
        BXW_RET(W_INVAL);
    if ((r = bxw_quota_write(w, e, iov, n)) != 0)
        BXW_RET(r);
    {
        /* chunked, charged, interruptible (io.c); FIFOs and sockets (no
         * regular WASI type) never raise SIGPIPE */
        int fl = BXW_IO_WRITE | (positional ? BXW_IO_POSITIONAL : 0), err;
        size_t done;
        bx_trap t;
        if (!(e->fdflags & WF_NONBLOCK))
            fl |= BXW_IO_WAIT;
        if (e->filetype != WFT_REG && e->filetype != WFT_DIR)
            fl |= BXW_IO_NOSIG;
        if ((t = bxw_rw(hc, e->host, iov, n, fl, off, &done, &err)) != BX_TRAP_NONE)
            return t;
        if (err)
            BXW_RET(bxw_errno(err));
        bxw_st32(bxw_mem(hc, outp), (uint32_t)done);
    }
    BXW_RET(0);
}

BXW_FN(fd_read) { return do_read(hc, a, 0); }
BXW_FN(fd_pread) { return do_read(hc, a, 1); }
BXW_FN(fd_write) { return do_write(hc, a, 0); }
BXW_FN(fd_pwrite) { return do_write(hc, a, 1); }

/* ---- metadata ----------------------------------------------------------- */

BXW_FN(fd_close)
{
    bxw_fd *e = bxw_fd_get(BXW_CTX, A32(0));
    if (!e)
        BXW_RET(W_BADF);
    bxw_fd_release(e);
    BXW_RET(0);
}

BXW_FN(fd_renumber)
{
    bx_wasi *w = BXW_CTX;
    uint32_t from = A32(0), to = A32(1);
    bxw_fd *f = bxw_fd_get(w, from), *t = bxw_fd_get(w, to);
    if (!f || !t)
        BXW_RET(W_BADF);
    if (from == to)
        BXW_RET(0);
    bxw_fd_release(t);
    *t = *f;
    memset(f, 0, sizeof *f);            /* moved, not closed */
    f->host = -1;
    f->grant = -1;
    BXW_RET(0);
}

BXW_FN(fd_fdstat_get)
{
    bxw_fd *e = bxw_fd_get(BXW_CTX, A32(0));
    uint8_t *p;
    if (!e)
        BXW_RET(W_BADF);
    if (!bxw_mem_ok(hc, A32(1), 24))
        BXW_RET(W_FAULT);
    p = bxw_mem(hc, A32(1));
    memset(p, 0, 24);
    p[0] = e->filetype;
    bxw_st16(p + 2, e->fdflags);
    bxw_st64(p + 8, e->base);
    bxw_st64(p + 16, e->inh);
    BXW_RET(0);
}

BXW_FN(fd_fdstat_set_flags)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *e = bxw_fd_get(w, A32(0));
    uint32_t fl = A32(1);
    if (!e)
        BXW_RET(W_BADF);
    if (!(e->base & R_FD_FDSTAT_SET_FLAGS))
        BXW_RET(W_NOTCAPABLE);
    if (fl & ~0x1Fu)
        BXW_RET(W_INVAL);
    if ((fl & WF_APPEND) && is_ro(w, e))
        BXW_RET(ro_refuse(w, e, "set_flags"));
    if (e->kind == FK_HOST && e->host >= 0 && !e->opath) {
        int cur = fcntl(e->host, F_GETFL);
        if (cur < 0)
            BXW_RET(bxw_errno(errno));
        cur = (fl & WF_APPEND) ? cur | O_APPEND : cur & ~O_APPEND;
        if (fcntl(e->host, F_SETFL, cur) < 0)
            BXW_RET(bxw_errno(errno));
    }
    e->fdflags = (uint16_t)fl;
    BXW_RET(0);
}

BXW_FN(fd_fdstat_set_rights)
{
    bxw_fd *e = bxw_fd_get(BXW_CTX, A32(0));
    uint64_t base = a[1], inh = a[2];
    if (!e)
        BXW_RET(W_BADF);
    if ((base & ~e->base) || (inh & ~e->inh))
        BXW_RET(W_NOTCAPABLE);          /* rights only ever shrink */
    e->base = base;
    e->inh = inh;
    BXW_RET(0);
}

void bxw_put_filestat(uint8_t *p, const struct stat *st)
{
    memset(p, 0, 64);
    bxw_st64(p, (uint64_t)st->st_dev);
    bxw_st64(p + 8, (uint64_t)st->st_ino);
    p[16] = bxw_filetype(st->st_mode);
    bxw_st64(p + 24, (uint64_t)st->st_nlink);
    bxw_st64(p + 32, (uint64_t)st->st_size);
    bxw_st64(p + 40, (uint64_t)st->st_atim.tv_sec * 1000000000u + (uint64_t)st->st_atim.tv_nsec);
    bxw_st64(p + 48, (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec);
    bxw_st64(p + 56, (uint64_t)st->st_ctim.tv_sec * 1000000000u + (uint64_t)st->st_ctim.tv_nsec);
}

BXW_FN(fd_filestat_get)
{
    bxw_fd *e = bxw_fd_get(BXW_CTX, A32(0));
    struct stat st;
    if (!e)
        BXW_RET(W_BADF);
    if (!(e->base & R_FD_FILESTAT_GET))
        BXW_RET(W_NOTCAPABLE);
    if (!bxw_mem_ok(hc, A32(1), 64))
        BXW_RET(W_FAULT);
    if (e->host >= 0) {
        if (fstat(e->host, &st) != 0)
            BXW_RET(bxw_errno(errno));
        bxw_put_filestat(bxw_mem(hc, A32(1)), &st);
    } else {
        memset(bxw_mem(hc, A32(1)), 0, 64);
        bxw_mem(hc, A32(1))[16] = e->filetype;
    }
    BXW_RET(0);
}

/* A real (non-O_PATH) fd for calls like futimens/fsync; *tmp to close. */
static int io_fd(const bxw_fd *e, int *tmp)
{
    *tmp = -1;
    if (!e->opath)
        return e->host;
    *tmp = openat(e->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return *tmp;
}

BXW_FN(fd_filestat_set_size)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *e = bxw_fd_get(w, A32(0));
    if (!e)
        BXW_RET(W_BADF);
    if (is_ro(w, e))
        BXW_RET(ro_refuse(w, e, "truncate"));
    if (!(e->base & R_FD_FILESTAT_SET_SIZE))
        BXW_RET(W_NOTCAPABLE);
    if (a[1] > INT64_MAX)
        BXW_RET(W_INVAL);
    if (e->kind != FK_HOST || e->opath)
        BXW_RET(W_BADF);
    if (ftruncate(e->host, (off_t)a[1]) != 0)
        BXW_RET(bxw_errno(errno));
    BXW_RET(0);
}

uint16_t bxw_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2])
{
    if (fst & ~0xFu || ((fst & WST_ATIM) && (fst & WST_ATIM_NOW)) ||
        ((fst & WST_MTIM) && (fst & WST_MTIM_NOW)))
        return W_INVAL;
    ts[0].tv_sec = (time_t)(atim / 1000000000u);
    ts[0].tv_nsec = (long)(atim % 1000000000u);
    ts[1].tv_sec = (time_t)(mtim / 1000000000u);
    ts[1].tv_nsec = (long)(mtim % 1000000000u);
    if (fst & WST_ATIM_NOW)
        ts[0].tv_nsec = UTIME_NOW;
    else if (!(fst & WST_ATIM))
        ts[0].tv_nsec = UTIME_OMIT;
    if (fst & WST_MTIM_NOW)
        ts[1].tv_nsec = UTIME_NOW;
    else if (!(fst & WST_MTIM))
        ts[1].tv_nsec = UTIME_OMIT;
    return 0;
}

BXW_FN(fd_filestat_set_times)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *e = bxw_fd_get(w, A32(0));
    struct timespec ts[2];
    uint16_t r;
    int tmp, fd, rc;
    if (!e)
        BXW_RET(W_BADF);
    if (is_ro(w, e))
        BXW_RET(ro_refuse(w, e, "utimes"));
    if (!(e->base & R_FD_FILESTAT_SET_TIMES))
        BXW_RET(W_NOTCAPABLE);
    if ((r = bxw_times(a[1], a[2], A32(3), ts)) != 0)
        BXW_RET(r);
    if (e->kind != FK_HOST)
        BXW_RET(W_BADF);
    if ((fd = io_fd(e, &tmp)) < 0)
        BXW_RET(bxw_errno(errno));
    rc = futimens(fd, ts);
    r = rc ? bxw_errno(errno) : 0;
    if (tmp >= 0)
        close(tmp);
    BXW_RET(r);
}

static bx_trap do_sync(bx_hostcall *hc, uint64_t *a, int data)
{
    bxw_fd *e = bxw_fd_get(BXW_CTX, A32(0));
    int tmp, fd, rc;
    uint16_t r;
    if (!e)
        BXW_RET(W_BADF);
    if (!(e->base & (data ? R_FD_DATASYNC : R_FD_SYNC)))
        BXW_RET(W_NOTCAPABLE);
    if (e->kind != FK_HOST)
        BXW_RET(0);                     /* stdio buffers: nothing to flush */
    if ((fd = io_fd(e, &tmp)) < 0)
        BXW_RET(bxw_errno(errno));
    rc = data ? fdatasync(fd) : fsync(fd);
    r = rc ? bxw_errno(errno) : 0;
    if (tmp >= 0)
        close(tmp);
    BXW_RET(r);
}
BXW_FN(fd_sync) { return do_sync(hc, a, 0); }
BXW_FN(fd_datasync) { return do_sync(hc, a, 1); }

BXW_FN(fd_advise)
{
    bxw_fd *e = bxw_fd_get(BXW_CTX, A32(0));
    static const int adv[] = { POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                               POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE };
    int rc;
    if (!e)
        BXW_RET(W_BADF);
    if (!(e->base & R_FD_ADVISE))
        BXW_RET(W_NOTCAPABLE);
    if (A32(3) > 5 || a[1] > INT64_MAX || a[2] > INT64_MAX)
        BXW_RET(W_INVAL);
    if (e->kind != FK_HOST || e->opath)
        BXW_RET(W_BADF);
    if (e->filetype == WFT_DIR)
        BXW_RET(0);                     /* advice is advisory */
    rc = posix_fadvise(e->host, (off_t)a[1], (off_t)a[2], adv[A32(3)]);
    BXW_RET(rc ? bxw_errno(rc) : 0);
}

BXW_FN(fd_allocate)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *e = bxw_fd_get(w, A32(0));
    int rc;
    if (!e)
        BXW_RET(W_BADF);
    if (is_ro(w, e))
        BXW_RET(ro_refuse(w, e, "allocate"));
    if (!(e->base & R_FD_ALLOCATE))
        BXW_RET(W_NOTCAPABLE);
    if (a[2] == 0 || a[1] > INT64_MAX || a[2] > INT64_MAX || a[1] + a[2] > INT64_MAX)
        BXW_RET(W_INVAL);
    if (e->kind != FK_HOST || e->opath)
        BXW_RET(W_BADF);
    if ((rc = bxw_quota_allocate(w, e, a[1], a[2])) != 0)
        BXW_RET(rc);
    {
        bx_trap t = bxw_allocate(hc, e->host, a[1], a[2], &rc);
        if (t != BX_TRAP_NONE)
            return t;
    }
    BXW_RET(rc ? bxw_errno(rc) : 0);
}

BXW_FN(fd_seek)
{
    bxw_fd *e = bxw_fd_get(BXW_CTX, A32(0));
    int64_t off = (int64_t)a[1];
    uint32_t wh = A32(2), outp = A32(3);
    static const int whence[] = { SEEK_SET, SEEK_CUR, SEEK_END };
    off_t r;
    if (!e)
        BXW_RET(W_BADF);
    if (!(e->base & R_FD_SEEK) && !(wh == 1 && off == 0 && (e->base & R_FD_TELL)))
        BXW_RET(W_NOTCAPABLE);
    if (wh > 2)
        BXW_RET(W_INVAL);
    if (!bxw_mem_ok(hc, outp, 8))
        BXW_RET(W_FAULT);
    if (e->kind != FK_HOST)
        BXW_RET(W_SPIPE);
    if (e->opath)
        BXW_RET(W_BADF);
    r = lseek(e->host, (off_t)off, whence[wh]);
    if (r < 0)
        BXW_RET(bxw_errno(errno));
    bxw_st64(bxw_mem(hc, outp), (uint64_t)r);
    BXW_RET(0);
}

BXW_FN(fd_tell)
{
    bxw_fd *e = bxw_fd_get(BXW_CTX, A32(0));
    off_t r;
    if (!e)
        BXW_RET(W_BADF);
    if (!(e->base & R_FD_TELL))
        BXW_RET(W_NOTCAPABLE);
    if (!bxw_mem_ok(hc, A32(1), 8))
        BXW_RET(W_FAULT);
    if (e->kind != FK_HOST)
        BXW_RET(W_SPIPE);
    if (e->opath)
        BXW_RET(W_BADF);
    r = lseek(e->host, 0, SEEK_CUR);
    if (r < 0)
        BXW_RET(bxw_errno(errno));
    bxw_st64(bxw_mem(hc, A32(1)), (uint64_t)r);
    BXW_RET(0);
}

/* ---- preopens ----------------------------------------------------------- */

BXW_FN(fd_prestat_get)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *e = bxw_fd_get(w, A32(0));
    uint8_t *p;
    if (!e || !e->preopen)
        BXW_RET(W_BADF);
    if (!bxw_mem_ok(hc, A32(1), 8))
        BXW_RET(W_FAULT);
    p = bxw_mem(hc, A32(1));
    memset(p, 0, 8);                    /* tag 0 = dir */
    bxw_st32(p + 4, (uint32_t)strlen(w->grants[e->grant].guest));
    BXW_RET(0);
}

BXW_FN(fd_prestat_dir_name)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *e = bxw_fd_get(w, A32(0));
    const char *name;
    size_t l;
    if (!e || !e->preopen)
        BXW_RET(W_BADF);
    name = w->grants[e->grant].guest;
    l = strlen(name);
    if (!bxw_mem_ok(hc, A32(1), A32(2)))
        BXW_RET(W_FAULT);
    if (A32(2) < l)
        BXW_RET(W_NAMETOOLONG);
    memcpy(bxw_mem(hc, A32(1)), name, l);
    BXW_RET(0);
}

/* ---- readdir ------------------------------------------------------------ */

struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static uint8_t dtype(unsigned char t)
{
    switch (t) {
    case DT_REG: return WFT_REG;
    case DT_DIR: return WFT_DIR;
    case DT_LNK: return WFT_SYMLINK;
    case DT_CHR: return WFT_CHAR;
    case DT_BLK: return WFT_BLOCK;
    case DT_SOCK: return WFT_SOCK_STREAM;
    default: return WFT_UNKNOWN;
    }
}

/*
 * Cookies are the kernel's d_off values, so a call needs no state: seek
 * to the cookie, read on.  Each entry's d_next is its own d_off (where the
 * next read resumes).  An entry that does not fit is written truncated
 * and bufused == buf_len, which tells wasi-libc to grow its buffer and
 * ask again from the last whole entry's d_next.
 */
BXW_FN(fd_readdir)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *e = bxw_fd_get(w, A32(0));
    uint32_t buf = A32(1), blen = A32(2), usedp = A32(4), used = 0;
    uint64_t cookie = a[3];
    char gdir[BXW_GPATH_MAX];
    const bxw_grant *g;
    char *hbuf = NULL;
    int tmp = -1, fd, done = 0;
    uint16_t r = 0;
    if (!e)
        BXW_RET(W_BADF);
    if (e->kind != FK_HOST || e->filetype != WFT_DIR || e->grant < 0)
        BXW_RET(W_NOTDIR);
    if (!(e->base & R_FD_READDIR))
        BXW_RET(W_NOTCAPABLE);
    if (!bxw_mem_ok(hc, buf, blen) || !bxw_mem_ok(hc, usedp, 4))
        BXW_RET(W_FAULT);
    if (cookie > INT64_MAX)
        BXW_RET(W_INVAL);
    g = &w->grants[e->grant];
    if ((fd = io_fd(e, &tmp)) < 0)
        BXW_RET(bxw_errno(errno));
    /* Where this directory really is now, for deny rules on its entries. */
    if (w->have_proc)
        r = bxw_guest_of(w, g, fd, gdir, sizeof gdir);
    else
        snprintf(gdir, sizeof gdir, "%s", e->guest ? e->guest : g->guest);
    if (r)
        goto out;
    hbuf = malloc(32768);
    if (!hbuf) {
        r = W_NOMEM;
        goto out;
    }
    if (lseek(fd, (off_t)cookie, SEEK_SET) < 0) {
        r = bxw_errno(errno);
        goto out;
    }
    while (!done && used < blen) {
        long n = syscall(SYS_getdents64, fd, hbuf, 32768);
        long pos = 0;
        bx_trap t;
        if (n < 0) {
            r = bxw_errno(errno);
            goto out;
        }
        if (n == 0)
            break;
        /* entries hidden by deny rules cost work but no buffer: charge
         * every batch read, and stop at the interrupt */
        if ((t = bx_hostcall_charge(hc, bx_fuel_for_bytes((uint64_t)n))) != BX_TRAP_NONE) {
            free(hbuf);
            if (tmp >= 0)
                close(tmp);
            return t;
        }
        while (pos < n && used < blen) {
            struct linux_dirent64 *d = (struct linux_dirent64 *)(hbuf + pos);
            size_t nl = strlen(d->d_name);
            uint8_t hdr[24];
            uint32_t k;
            pos += d->d_reclen;
            if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..")) {
                char full[BXW_GPATH_MAX];
                int fl = snprintf(full, sizeof full, "%s%s%s", gdir, strcmp(gdir, "/") ? "/" : "", d->d_name);
                if (fl < 0 || (size_t)fl >= sizeof full || bxw_denied(w, full) || bxw_hidden(w, g, full))
                    continue;           /* absent, as open would say */
            }
            memset(hdr, 0, sizeof hdr);
            bxw_st64(hdr, (uint64_t)d->d_off);
            bxw_st64(hdr + 8, d->d_ino);
            bxw_st32(hdr + 16, (uint32_t)nl);
            hdr[20] = dtype(d->d_type);
            if (d->d_type == DT_UNKNOWN) {
                struct stat st;
                if (fstatat(fd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
                    hdr[20] = bxw_filetype(st.st_mode);
            }
            k = blen - used < 24 ? blen - used : 24;
            memcpy(bxw_mem(hc, buf + (uint64_t)used), hdr, k);
            used += k;
            k = blen - used < nl ? blen - used : (uint32_t)nl;
            if (k)
                memcpy(bxw_mem(hc, buf + (uint64_t)used), d->d_name, k);
            used += k;
        }
        if (used >= blen)
            done = 1;
    }
    bxw_st32(bxw_mem(hc, usedp), used);
out:
    free(hbuf);
    if (tmp >= 0)
        close(tmp);
    BXW_RET(r);
}
