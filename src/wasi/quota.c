/*
 * quota.c — the per-sandbox cap on bytes written to granted files
 * (bx_wasi_config.max_write, `--max-write`).
 *
 * What counts is bytes the guest asks the host to write, not growth in
 * size: rewriting one block a million times is a million blocks of work
 * and wear, and a write at a huge offset costs only what it writes (holes
 * are free on disk).  So: every fd_write/fd_pwrite to a file (not stdout
 * or stderr, which have their own cap), the growth fd_allocate reserves,
 * and one 4 KiB block per directory created (an ext4 directory's first
 * block, so that empty directory trees cannot fill a disk uncounted).
 * Truncation, unlink and rename give nothing back: the cap bounds work,
 * and a budget that refills would not.
 *
 * A write that crosses the cap is cut at it (a short write, as a full
 * disk gives); the next one fails with EDQUOT, "Disk quota exceeded".
 * The first refusal is audited; bx_wasi_bytes_written reports the total
 * and whether the cap was hit, for the result record.
 */
#include "wasi_impl.h"

#include <sys/stat.h>
#include <sys/uio.h>

#define W_DQUOT 19   /* __WASI_ERRNO_DQUOT */

static uint16_t refuse(bx_wasi *w, const char *what, const char *path)
{
    if (!w->write_hit) {
        char hint[160];
        w->write_hit = 1;
        snprintf(hint, sizeof hint, "this call may write %llu bytes; raise --max-write (max_write in a policy) to allow more",
                 (unsigned long long)w->max_write);
        bxw_audit(w, what, path, 0, "max_write", W_DQUOT, hint);
    }
    return W_DQUOT;
}

uint16_t bxw_quota_charge(bx_wasi *w, const char *what, const char *path, uint64_t n)
{
    if (w->max_write == 0) {
        w->written += n;
        return 0;
    }
    if (n > w->max_write - w->written)
        return refuse(w, what, path);
    w->written += n;
    return 0;
}

void bxw_quota_refund(bx_wasi *w, uint64_t n)
{
    w->written -= n < w->written ? n : w->written;
}

uint16_t bxw_quota_write(bx_wasi *w, const bxw_fd *e, struct iovec *iov, uint32_t n)
{
    uint64_t total = 0, left;
    uint32_t i;
    for (i = 0; i < n; i++)
        total += iov[i].iov_len;
    if (w->max_write == 0 || total == 0) {
        w->written += total;
        return 0;
    }
    left = w->max_write - w->written;
    if (left == 0)
        return refuse(w, "write", e->guest);
    if (total > left) {
        /* A short write up to the cap; the caller's next write fails. */
        for (i = 0; i < n; i++) {
            if (iov[i].iov_len > left)
                iov[i].iov_len = (size_t)left;
            left -= iov[i].iov_len;
        }
        total = w->max_write - w->written;
    }
    w->written += total;
    return 0;
}

uint16_t bxw_quota_allocate(bx_wasi *w, const bxw_fd *e, uint64_t off, uint64_t len)
{
    /* The whole range is charged, not the growth past st_size: blocks
     * are reserved for holes inside the file too (a sparse file grown by
     * set_size or a far pwrite, then allocated, would otherwise fill the
     * disk for free).  Counting work, like writes, bounds it either way. */
    uint64_t end = off + len;
    if (end < off || e->host < 0)
        return 0;                /* the call itself reports these */
    return bxw_quota_charge(w, "allocate", e->guest, len);
}

uint64_t bx_wasi_bytes_written(const bx_wasi *w, int *limit_hit)
{
    if (limit_hit)
        *limit_hit = w ? w->write_hit : 0;
    return w ? w->written : 0;
}
