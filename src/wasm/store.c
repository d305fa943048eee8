/*
 * store.c — stores and their limits, fuel, interruption, host functions,
 * and the run-time memory/table/global objects.
 *
 * Ownership: everything made here belongs to the store and is freed by
 * bx_store_free, never earlier.  Linear memory is reserved once at its
 * (capped) maximum with PROT_NONE and committed page range by page range
 * with mprotect, so `data` never moves and pointers handed to host
 * functions stay valid across memory.grow.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "store.h"

#define DEFAULT_MAX_MEMORY  ((uint64_t)BX_MAX_PAGES * BX_PAGE_SIZE)   /* 4 GiB */
#define DEFAULT_MAX_STACK   ((uint64_t)1 << 20)                        /* 1 MiB */
#define DEFAULT_MAX_TABLE   10000000u

/* ---- the store ------------------------------------------------------- */

bx_store *bx_store_new(const bx_limits *limits)
{
    bx_store *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (limits) s->limits = *limits;
    if (!s->limits.max_memory_bytes) s->limits.max_memory_bytes = DEFAULT_MAX_MEMORY;
    if (!s->limits.max_stack_bytes) s->limits.max_stack_bytes = DEFAULT_MAX_STACK;
    if (!s->limits.max_table_elems) s->limits.max_table_elems = DEFAULT_MAX_TABLE;
    atomic_init(&s->interrupt, 0);
    bx_store_set_fuel(s, s->limits.fuel);
    return s;
}

/* Here rather than in instance.c: the store frees what it owns, and
 * instance.c already depends on the store, not the other way round. */
void bxe_instance_destroy(bx_instance *inst)
{
    /* Touches nothing of the module, so a store may be freed after its
     * modules even though the API asks for the opposite order. */
    if (!inst) return;
    free(inst->elem_values);   /* one block: pointers and values */
    free(inst->elem_len);
    free(inst->data_dropped);
    free(inst->funcs);
    free(inst->tables);
    free(inst->mems);
    free(inst->globals);
    free(inst);
}

void bx_store_free(bx_store *s)
{
    if (!s) return;
    for (bx_instance *i = s->instances, *next; i; i = next) {
        next = i->next;
        bxe_instance_destroy(i);
    }
    if (s->objs) {
        for (size_t k = 0; k < s->objs->n; k++) {
            bx_obj *o = &s->objs->items[k];
            switch (o->kind) {
            case BX_OBJ_HOSTFUNC: {
                bx_func *f = o->p;
                free((void *)f->owned_type.params);
                free((void *)f->owned_type.results);
                free(f);
                break;
            }
            case BX_OBJ_MEMORY: bxe_memory_destroy(s, o->p); break;
            case BX_OBJ_TABLE: bxe_table_destroy(s, o->p); break;
            case BX_OBJ_FUNCBLOCK:
            case BX_OBJ_GLOBAL: free(o->p); break;
            }
        }
        free(s->objs);
    }
    /* The interpreter allocates these lazily at the first call. */
    free(s->stack);
    free(s->frames);
    free(s);
}

bx_status bxe_store_reserve(bx_store *s, size_t more)
{
    size_t n = s->objs ? s->objs->n : 0, cap = s->objs ? s->objs->cap : 0;
    if (more <= cap - n) return BX_OK;
    if (more > SIZE_MAX / 2 / sizeof(bx_obj) - n) return BX_ERR_NOMEM;
    size_t ncap = cap ? cap : 16;
    while (ncap - n < more) ncap *= 2;
    struct bx_objlist *l = realloc(s->objs, sizeof *l + ncap * sizeof(bx_obj));
    if (!l) return BX_ERR_NOMEM;
    if (!s->objs) l->n = 0;
    l->cap = ncap;
    s->objs = l;
    return BX_OK;
}

void bxe_store_own(bx_store *s, bx_objkind kind, void *p)
{
    /* bxe_store_reserve guaranteed the room: this cannot fail. */
    s->objs->items[s->objs->n].kind = kind;
    s->objs->items[s->objs->n].p = p;
    s->objs->n++;
}

/* Fuel lives in a signed counter so the interpreter can decrement blindly
 * and test for < 0; "unlimited" is simply a budget nobody can exhaust. */
void bx_store_set_fuel(bx_store *s, uint64_t fuel)
{
    s->fuel_limited = fuel != 0;
    s->fuel = (fuel == 0 || fuel > (uint64_t)INT64_MAX) ? INT64_MAX : (int64_t)fuel;
    s->fuel_start = s->fuel;
}

uint64_t bx_store_fuel_used(const bx_store *s)
{
    int64_t left = s->fuel < 0 ? 0 : s->fuel;
    return left >= s->fuel_start ? 0 : (uint64_t)(s->fuel_start - left);
}

void bx_store_interrupt(bx_store *s)
{
    /* Relaxed is enough: the guest only needs to see it eventually, and
     * no other data is published through the flag. */
    atomic_store_explicit(&s->interrupt, 1, memory_order_relaxed);
}

void bx_store_clear_interrupt(bx_store *s)
{
    atomic_store_explicit(&s->interrupt, 0, memory_order_relaxed);
}

int bx_store_is_interrupted(const bx_store *s)
{
    /* The cast drops const only because C11 atomic loads take a non-const
     * pointer in older libraries; nothing is written. */
    return atomic_load_explicit((atomic_int *)&s->interrupt, memory_order_relaxed) != 0;
}

uint64_t bx_store_peak_memory(const bx_store *s) { return s->mem_peak; }
int32_t bx_store_exit_code(const bx_store *s) { return s->exit_code; }

bx_status bxe_trap_error(bx_store *s, bx_error *err, bx_trap t)
{
    err->status = BX_ERR_TRAP;
    err->trap = t;
    err->offset = 0;
    if (t == BX_TRAP_HOST && s->trap_msg[0])
        snprintf(err->msg, sizeof err->msg, "%s", s->trap_msg);
    else if (t == BX_TRAP_EXIT)
        snprintf(err->msg, sizeof err->msg, "%s (code %d)", bx_trap_message(t),
                 (int)s->exit_code);
    else
        snprintf(err->msg, sizeof err->msg, "%s", bx_trap_message(t));
    return BX_ERR_TRAP;
}

/* ---- host functions -------------------------------------------------- */

bx_func *bx_func_new_host(bx_store *s, const bx_functype *type, bx_host_fn fn,
                          void *user)
{
    if (!s || !type || !fn) return NULL;
    if ((type->nparams && !type->params) || (type->nresults && !type->results))
        return NULL;
    if (bxe_store_reserve(s, 1) != BX_OK) return NULL;
    bx_func *f = calloc(1, sizeof *f);
    bx_valtype *p = NULL, *r = NULL;
    if (!f) return NULL;
    /* malloc(0) may return NULL; allocate at least one entry so NULL
     * always means failure. */
    p = malloc((type->nparams ? type->nparams : 1) * sizeof *p);
    r = malloc((type->nresults ? type->nresults : 1) * sizeof *r);
    if (!p || !r) {
        free(p); free(r); free(f);
        return NULL;
    }
    if (type->nparams) memcpy(p, type->params, type->nparams * sizeof *p);
    if (type->nresults) memcpy(r, type->results, type->nresults * sizeof *r);
    f->owned_type.nparams = type->nparams;
    f->owned_type.nresults = type->nresults;
    f->owned_type.params = p;
    f->owned_type.results = r;
    f->type = &f->owned_type;
    f->host = fn;
    f->user = user;
    bxe_store_own(s, BX_OBJ_HOSTFUNC, f);
    return f;
}

bx_trap bx_hostcall_fail(bx_hostcall *hc, const char *fmt, ...)
{
    if (hc && hc->store) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(hc->store->trap_msg, sizeof hc->store->trap_msg, fmt, ap);
        va_end(ap);
    }
    return BX_TRAP_HOST;
}

bx_trap bx_hostcall_charge(const bx_hostcall *hc, uint64_t units)
{
    bx_store *s = hc->store;
    /* s->fuel is the live counter during a host call (the interpreter
     * stores it before the call and reloads it after) and is >= 0. */
    if (units) {
        if (units > (uint64_t)s->fuel) {
            if (s->fuel_limited) {
                s->fuel = 0;
                return BX_TRAP_FUEL_EXHAUSTED;
            }
            s->fuel = INT64_MAX;        /* unlimited: refill, as the interpreter does */
        }
        s->fuel -= (int64_t)units;
    }
    return bx_store_is_interrupted(s) ? BX_TRAP_INTERRUPTED : BX_TRAP_NONE;
}

bx_trap bx_hostcall_exit(bx_hostcall *hc, int32_t code)
{
    if (hc && hc->store) hc->store->exit_code = code;
    return BX_TRAP_EXIT;
}

const bx_functype *bx_func_type(const bx_func *f) { return f ? f->type : NULL; }

/* ---- linear memory --------------------------------------------------- */

/* "18.75 MiB", "64 KiB", "4 GiB": exact, trailing zeros trimmed. */
static void fmt_bytes(char *buf, size_t n, uint64_t bytes)
{
    static const char *const unit[] = { "bytes", "KiB", "MiB", "GiB" };
    int u = 0;
    uint64_t div = 1;
    while (u < 3 && bytes >= div * 1024) { div *= 1024; u++; }
    if (bytes % div == 0) {
        snprintf(buf, n, "%llu %s", (unsigned long long)(bytes / div), unit[u]);
    } else {
        /* four decimals are exact for page multiples (1/16 MiB steps) */
        snprintf(buf, n, "%.4f", (double)bytes / (double)div);
        size_t len = strlen(buf);
        while (len && buf[len - 1] == '0') buf[--len] = '\0';
        if (len && buf[len - 1] == '.') buf[--len] = '\0';
        snprintf(buf + len, n - len, " %s", unit[u]);
    }
}

static uint32_t memory_cap_pages(const bx_store *s)
{
    uint64_t p = s->limits.max_memory_bytes / BX_PAGE_SIZE;
    return p > BX_MAX_PAGES ? BX_MAX_PAGES : (uint32_t)p;
}

/* One budget, max_memory_bytes, for every memory and table of the store:
 * what is left of it. */
static uint64_t budget_left(const bx_store *s)
{
    return s->limits.max_memory_bytes > s->mem_total ? s->limits.max_memory_bytes - s->mem_total : 0;
}

static void mem_account(bx_store *s, uint64_t add)
{
    s->mem_total += add;
    if (s->mem_total > s->mem_peak) s->mem_peak = s->mem_total;
}

bool bxe_guard_enabled(void)
{
#if defined(__SANITIZE_ADDRESS__) || !defined(__linux__) || UINTPTR_MAX < 0xFFFFFFFFFFFFull
    return false;
#else
    const char *e = getenv("BOXAGNTS_AOT_GUARD");
    return !(e && !strcmp(e, "0"));
#endif
}

bx_status bxe_memory_make(bx_store *s, const bx_limits_decl *decl, bool guard,
                         bx_memory **out, bx_error *err)
{
    uint32_t cap = memory_cap_pages(s);
    *out = NULL;
    if (decl->min > BX_MAX_PAGES || (decl->has_max && decl->max > BX_MAX_PAGES))
        return bxe_fail(err, BX_ERR_ARG, 0, "memory size must be at most 65536 pages (4 GiB)");
    if (decl->has_max && decl->min > decl->max)
        return bxe_fail(err, BX_ERR_ARG, 0, "memory minimum %u exceeds its maximum %u",
                       decl->min, decl->max);
    /* the cap bounds all memories of the store together (multi-memory) */
    uint64_t in_use = s->mem_total / BX_PAGE_SIZE;
    if (decl->min > cap || decl->min > cap - (in_use < cap ? in_use : cap)) {
        char want[32], have[32];
        fmt_bytes(want, sizeof want, (uint64_t)decl->min * BX_PAGE_SIZE);
        fmt_bytes(have, sizeof have, (uint64_t)cap * BX_PAGE_SIZE);
        return bxe_fail(err, BX_ERR_LIMIT, 0,
                       "memory minimum %u pages (%s) exceeds the limit %u pages (%s); "
                       "raise --max-memory", decl->min, want, cap, have);
    }
    if ((uint64_t)decl->min * BX_PAGE_SIZE > budget_left(s)) {
        char want[32], used[32], have[32];
        fmt_bytes(want, sizeof want, (uint64_t)decl->min * BX_PAGE_SIZE);
        fmt_bytes(used, sizeof used, s->mem_total);
        fmt_bytes(have, sizeof have, s->limits.max_memory_bytes);
        return bxe_fail(err, BX_ERR_LIMIT, 0,
                       "memory minimum %u pages (%s) does not fit: other memories and tables "
                       "already use %s of the %s limit; raise --max-memory",
                       decl->min, want, used, have);
    }
    bx_memory *m = calloc(1, sizeof *m);
    if (!m) return bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory for a linear memory");
    m->max_pages = decl->has_max ? decl->max : BX_MAX_PAGES;
    if (m->max_pages > cap) m->max_pages = cap;
    m->decl_max = decl->max;
    m->has_max = decl->has_max;

    /* A zero-page reservation still maps one inaccessible page, so data is
     * never NULL (memcpy(NULL, p, 0) is undefined behaviour). */
    uint64_t want = (uint64_t)m->max_pages * BX_PAGE_SIZE;
    void *p = MAP_FAILED;
    bool kept = false;
    if (guard && bxe_guard_enabled()) {
        /* the guard region's growth room is still max_pages: the rest of
         * the span stays PROT_NONE whatever the guest does (memkeep.c:
         * one kept from an earlier store is zero and protected as new) */
        uint8_t *k = bxe_keep_take(BXE_GUARD_SPAN, (uint64_t)decl->min * BX_PAGE_SIZE);
        kept = k != NULL;
        p = k ? (void *)k : mmap(NULL, BXE_GUARD_SPAN, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p != MAP_FAILED) {
            want = BXE_GUARD_SPAN;
            m->guarded = true;
        }
    }
    if (p == MAP_FAILED && want)
        p = mmap(NULL, want, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED && decl->min < m->max_pages) {
        /* Address space is short (ulimit -v?): fall back to reserving only
         * the minimum.  memory.grow then returns -1, which the spec allows. */
        m->max_pages = decl->min;
        want = (uint64_t)m->max_pages * BX_PAGE_SIZE;
        if (want) p = mmap(NULL, want, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (!want && p == MAP_FAILED) {
        want = BX_PAGE_SIZE;
        p = mmap(NULL, want, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (p == MAP_FAILED) {
        uint32_t pages = m->max_pages;
        free(m);
        return bxe_fail(err, BX_ERR_NOMEM, 0, "cannot reserve %u pages of linear memory: %s",
                       pages, strerror(errno));
    }
    m->data = p;
    m->reserved = want;
    uint64_t bytes = (uint64_t)decl->min * BX_PAGE_SIZE;
    if (bytes && !kept && mprotect(p, bytes, PROT_READ | PROT_WRITE) != 0) {
        munmap(p, want);
        free(m);
        return bxe_fail(err, BX_ERR_NOMEM, 0, "cannot commit %u pages of linear memory: %s",
                       decl->min, strerror(errno));
    }
    m->pages = decl->min;
    m->size = bytes;
    mem_account(s, bytes);
    *out = m;
    return BX_OK;
}

void bxe_memory_destroy(bx_store *s, bx_memory *m)
{
    if (!m) return;
    s->mem_total -= m->size;
    if (m->data && !(m->guarded && bxe_keep_give(m->data, m->reserved, m->size))) munmap(m->data, m->reserved);
    free(m);
}

uint32_t bxe_memory_grow(bx_store *s, bx_memory *m, uint32_t delta)
{
    uint32_t old = m->pages;
    if (delta > m->max_pages - old) return UINT32_MAX;
    if (delta == 0) return old;
    uint64_t add = (uint64_t)delta * BX_PAGE_SIZE;
    if (add > budget_left(s)) return UINT32_MAX;     /* tables share the budget */
    /* Fails only when the kernel refuses to commit (strict overcommit):
     * that is an ordinary grow failure, not a trap. */
    if (mprotect(m->data + m->size, add, PROT_READ | PROT_WRITE) != 0) return UINT32_MAX;
    m->pages = old + delta;
    m->size += add;
    mem_account(s, add);
    return old;
}

bx_memory *bx_memory_new(bx_store *s, uint32_t min_pages, uint32_t max_pages,
                         int has_max, bx_error *err)
{
    bx_error dummy;
    bx_memory *m;
    if (!err) err = &dummy;
    bx_error_clear(err);
    if (!s) { bxe_fail(err, BX_ERR_ARG, 0, "no store"); return NULL; }
    bx_limits_decl d = { min_pages, max_pages, has_max != 0 };
    if (bxe_store_reserve(s, 1) != BX_OK) {
        bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory");
        return NULL;
    }
    if (bxe_memory_make(s, &d, true, &m, err) != BX_OK) return NULL;
    bxe_store_own(s, BX_OBJ_MEMORY, m);
    return m;
}

uint8_t *bx_memory_data(bx_memory *m) { return m ? m->data : NULL; }
uint64_t bx_memory_size(const bx_memory *m) { return m ? m->size : 0; }

/* ---- tables ---------------------------------------------------------- */

static uint32_t table_cap(const bx_store *s)
{
    return s->limits.max_table_elems > UINT32_MAX ? UINT32_MAX
                                                  : (uint32_t)s->limits.max_table_elems;
}

bx_status bxe_table_make(bx_store *s, bx_valtype elem, const bx_limits_decl *decl,
                        bx_table **out, bx_error *err)
{
    uint32_t cap = table_cap(s);
    *out = NULL;
    if (elem != BX_FUNCREF && elem != BX_EXTERNREF)
        return bxe_fail(err, BX_ERR_ARG, 0, "table element type must be funcref or externref");
    if (decl->has_max && decl->min > decl->max)
        return bxe_fail(err, BX_ERR_ARG, 0, "table minimum %u exceeds its maximum %u",
                       decl->min, decl->max);
    if (decl->min > cap)
        return bxe_fail(err, BX_ERR_LIMIT, 0,
                       "table minimum %u elements exceeds the limit %u elements",
                       decl->min, cap);
    /* Tables are host memory the guest chooses the size of: they count
     * against the same budget as linear memory, at 8 bytes an element. */
    uint64_t bytes = (uint64_t)decl->min * sizeof(uint64_t);
    if (bytes > budget_left(s)) {
        char want[32], used[32], have[32];
        fmt_bytes(want, sizeof want, bytes);
        fmt_bytes(used, sizeof used, s->mem_total);
        fmt_bytes(have, sizeof have, s->limits.max_memory_bytes);
        return bxe_fail(err, BX_ERR_LIMIT, 0,
                       "table minimum %u elements (%s) does not fit: memories and tables "
                       "already use %s of the %s limit; raise --max-memory",
                       decl->min, want, used, have);
    }
    bx_table *t = calloc(1, sizeof *t);
    if (!t) return bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory for a table");
    /* At least one slot so elems is never NULL (see bxe_memory_make); the
     * budget counts cap, the slots the guest asked for. */
    size_t n = decl->min ? decl->min : 1;
    if (n > SIZE_MAX / sizeof(uint64_t) || !(t->elems = calloc(n, sizeof(uint64_t)))) {
        free(t);
        return bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory for a table of %u elements",
                       decl->min);
    }
    t->elem = elem;
    t->size = decl->min;
    t->cap = decl->min;
    mem_account(s, bytes);
    t->max = decl->has_max && decl->max < cap ? decl->max : cap;
    t->decl_max = decl->max;
    t->has_max = decl->has_max;
    *out = t;
    return BX_OK;
}

void bxe_table_destroy(bx_store *s, bx_table *t)
{
    if (!t) return;
    s->mem_total -= (uint64_t)t->cap * sizeof(uint64_t);
    free(t->elems);
    free(t);
}

uint32_t bxe_table_grow(bx_store *s, bx_table *t, uint32_t delta, uint64_t init)
{
    uint32_t old = t->size;
    if (delta > t->max - old) return UINT32_MAX;
    uint32_t want = old + delta;
    if (want > t->cap) {
        /* Geometric growth keeps repeated table.grow 1 linear overall;
         * the exact size when the budget has no room for the slack. */
        uint64_t ncap = (uint64_t)t->cap * 2;
        if (ncap < want) ncap = want;
        if (ncap > t->max) ncap = t->max;
        if ((ncap - t->cap) * sizeof(uint64_t) > budget_left(s)) ncap = want;
        if ((ncap - t->cap) * sizeof(uint64_t) > budget_left(s)) return UINT32_MAX;
        if (ncap > SIZE_MAX / sizeof(uint64_t)) return UINT32_MAX;
        uint64_t *e = realloc(t->elems, (size_t)(ncap ? ncap : 1) * sizeof *e);
        if (!e) return UINT32_MAX;
        t->elems = e;
        mem_account(s, (ncap - t->cap) * sizeof(uint64_t));
        t->cap = (uint32_t)ncap;
    }
    for (uint32_t i = old; i < want; i++) t->elems[i] = init;
    t->size = want;
    return old;
}

bx_table *bx_table_new(bx_store *s, bx_valtype elem, uint32_t min, uint32_t max,
                       int has_max, bx_error *err)
{
    bx_error dummy;
    bx_table *t;
    if (!err) err = &dummy;
    bx_error_clear(err);
    if (!s) { bxe_fail(err, BX_ERR_ARG, 0, "no store"); return NULL; }
    bx_limits_decl d = { min, max, has_max != 0 };
    if (bxe_store_reserve(s, 1) != BX_OK) {
        bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory");
        return NULL;
    }
    if (bxe_table_make(s, elem, &d, &t, err) != BX_OK) return NULL;
    bxe_store_own(s, BX_OBJ_TABLE, t);
    return t;
}

/* ---- globals --------------------------------------------------------- */

bx_global *bx_global_new(bx_store *s, bx_val init, int mutable_, bx_error *err)
{
    bx_error dummy;
    if (!err) err = &dummy;
    bx_error_clear(err);
    if (!s) { bxe_fail(err, BX_ERR_ARG, 0, "no store"); return NULL; }
    switch (init.type) {
    case BX_I32: case BX_I64: case BX_F32: case BX_F64:
    case BX_FUNCREF: case BX_EXTERNREF:
        break;
    default:
        bxe_fail(err, BX_ERR_ARG, 0, "unsupported global type 0x%02x", (unsigned)init.type);
        return NULL;
    }
    if (bxe_store_reserve(s, 1) != BX_OK) {
        bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory");
        return NULL;
    }
    bx_global *g = calloc(1, sizeof *g);
    if (!g) {
        bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory");
        return NULL;
    }
    g->type = init.type;
    g->mutable_ = mutable_ != 0;
    g->val = bx_canon_bits(init.type, init.bits);
    bxe_store_own(s, BX_OBJ_GLOBAL, g);
    return g;
}

bx_val bx_global_get(const bx_global *g)
{
    bx_val v = { BX_I32, 0 };
    if (g) { v.type = g->type; v.bits = g->val; }
    return v;
}
