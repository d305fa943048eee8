/*
 * bulk.c — the chunked memmove/memset of memory.fill/copy/init and
 * table.fill/copy/init, with an interrupt check between BX_WORK_CHUNK
 * pieces so a timeout stops a 4 GiB fill within one chunk.  Shared by the
 * interpreter (interp.c) and the compiled tier's runtime (src/aot/rt.c), so
 * both tiers stop a bulk operation at the same place.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "runtime.h"

static inline bool interrupted(bx_store *s)
{
    return atomic_load_explicit(&s->interrupt, memory_order_relaxed) != 0;
}

/* memmove in chunks, in the direction that keeps overlapping copies right.
 * false when interrupted (part of the copy done, as a trap allows). */
bool bxe_bulk_move(bx_store *s, uint8_t *d, const uint8_t *src, uint64_t n)
{
    if (n <= BX_WORK_CHUNK) {
        memmove(d, src, (size_t)n);
        return true;
    }
    if ((uintptr_t)d <= (uintptr_t)src) {
        for (uint64_t at = 0; at < n; at += BX_WORK_CHUNK) {
            uint64_t k = n - at < BX_WORK_CHUNK ? n - at : BX_WORK_CHUNK;
            if (at && interrupted(s)) return false;
            memmove(d + at, src + at, (size_t)k);
        }
    } else {
        for (uint64_t left = n; left;) {
            uint64_t k = left < BX_WORK_CHUNK ? left : BX_WORK_CHUNK;
            if (left != n && interrupted(s)) return false;
            left -= k;
            memmove(d + left, src + left, (size_t)k);
        }
    }
    return true;
}

bool bxe_bulk_fill(bx_store *s, uint8_t *d, uint8_t v, uint64_t n)
{
    for (uint64_t at = 0; at < n; at += BX_WORK_CHUNK) {
        uint64_t k = n - at < BX_WORK_CHUNK ? n - at : BX_WORK_CHUNK;
        if (at && interrupted(s)) return false;
        memset(d + at, v, (size_t)k);
    }
    return true;
}

bool bxe_bulk_fill64(bx_store *s, uint64_t *d, uint64_t v, uint64_t n)
{
    const uint64_t chunk = BX_WORK_CHUNK / sizeof *d;
    for (uint64_t at = 0; at < n; at++) {
        if (at % chunk == 0 && at && interrupted(s)) return false;
        d[at] = v;
    }
    return true;
}

