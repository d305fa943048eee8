/*
 * memkeep.c — a linear memory's reservation kept for the next store (a
 * reused worker's next call): its guard region (BXE_GUARD_SPAN of address
 * space) is not unmapped and mapped again, and the few pages a call
 * touched are zeroed in place instead of being freed and faulted in
 * afresh.  Opt-in per thread (bx_mem_keep_use): the keeper is the
 * caller's object, used only by stores that thread frees and makes.
 *
 * What a store gets is as fresh as a new mapping: every byte of the
 * reservation reads as zero (the pages resident are cleared; everything
 * else is dropped with MADV_DONTNEED, which also drops any page swapped
 * out), the first min_pages are read-write and all the rest PROT_NONE, so
 * compiled code's guard-region bounds checks hold as before.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "store.h"
#include "runtime.h"

struct bx_mem_keep {
    uint8_t *data;         /* NULL: holds none */
    uint64_t reserved;     /* its length (BXE_GUARD_SPAN) */
    uint64_t rw;           /* bytes read-write from data (the rest PROT_NONE) */
};

static _Thread_local bx_mem_keep *keep_cur;

bx_mem_keep *bx_mem_keep_new(void)
{
    return calloc(1, sizeof(bx_mem_keep));
}

void bx_mem_keep_free(bx_mem_keep *k)
{
    if (!k) return;
    if (keep_cur == k) keep_cur = NULL;
    if (k->data) munmap(k->data, k->reserved);
    free(k);
}

bx_mem_keep *bx_mem_keep_use(bx_mem_keep *k)
{
    bx_mem_keep *old = keep_cur;
    keep_cur = k;
    return old;
}

/* [0, n) of p reads as zero: resident pages cleared in place, the other
 * runs dropped (a page swapped out is not resident but not zero). */
static int zero_range(uint8_t *p, uint64_t n)
{
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    if (!n) return 0;
    size_t np = (size_t)((n + pg - 1) / pg);
    unsigned char stackv[1024], *v = np <= sizeof stackv ? stackv : malloc(np);
    if (!v) return madvise(p, n, MADV_DONTNEED);
    if (mincore(p, n, v) != 0) {
        if (v != stackv) free(v);
        return madvise(p, n, MADV_DONTNEED);
    }
    int rc = 0;
    for (size_t i = 0; i < np && !rc;) {
        size_t j = i;
        int res = v[i] & 1;
        while (j < np && (v[j] & 1) == res) j++;
        uint64_t off = (uint64_t)i * pg, len = (uint64_t)(j - i) * pg;
        if (off + len > n) len = n - off;
        if (res) memset(p + off, 0, len);
        else rc = madvise(p + off, len, MADV_DONTNEED);
        i = j;
    }
    if (v != stackv) free(v);
    return rc;
}

int bxe_keep_give(uint8_t *data, uint64_t reserved, uint64_t size)
{
    bx_mem_keep *k = keep_cur;
    if (!k || k->data || reserved != BXE_GUARD_SPAN) return 0;
    if (zero_range(data, size) != 0) return 0;
    k->data = data;
    k->reserved = reserved;
    k->rw = size;
    return 1;
}

uint8_t *bxe_keep_take(uint64_t reserved, uint64_t bytes)
{
    bx_mem_keep *k = keep_cur;
    if (!k || !k->data || k->reserved != reserved || bytes > reserved) return NULL;
    uint8_t *p = k->data;
    int ok = 1;
    if (k->rw > bytes) ok = mprotect(p + bytes, k->rw - bytes, PROT_NONE) == 0;
    else if (k->rw < bytes) ok = mprotect(p + k->rw, bytes - k->rw, PROT_READ | PROT_WRITE) == 0;
    if (!ok) {      /* not as a fresh one would be: not used */
        munmap(p, k->reserved);
        k->data = NULL;
        return NULL;
    }
    k->data = NULL;
    return p;
}
