/*
 * runtime.h — run-time objects shared by instance.c and interp.c
 * (layer-private to src/wasm).
 *
 * Every object below is allocated in, owned by and freed with its store.
 */
#ifndef BX_WASM_RUNTIME_H
#define BX_WASM_RUNTIME_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "boxagnts.h"
#include "module.h"

struct bx_func {
    const bx_functype *type;    /* canonical type (points into the module, or owned for host funcs) */
    bx_instance *inst;          /* owning instance; NULL for host functions */
    const struct bx_code *code; /* wasm: compiled body; NULL for host */
    uint32_t index;             /* wasm: defined-function index in inst->module */
    bx_host_fn host;            /* host only */
    void *user;                 /* host only */
    bx_functype owned_type;     /* host only: copy of the type (arrays owned) */
    /* wasm, compiled tier (src/aot): when set, bxe_interp_call runs the
     * function through aot_entry instead of interpreting it. */
    bx_trap (*aot_entry)(bx_store *s, bx_func *f, uint64_t *slots);
    void *aot_data;
};

/* Linear memory: reserved once at its maximum (bounded by the store cap),
 * so `data` never moves and host pointers stay valid across memory.grow. */
struct bx_memory {
    uint8_t *data;
    uint64_t size;              /* bytes, a multiple of BX_PAGE_SIZE */
    uint32_t pages;
    uint32_t max_pages;         /* min(declared max, store cap) */
    uint32_t decl_max;          /* declared maximum (for import matching) */
    bool has_max;
    uint64_t reserved;          /* bytes reserved (mmap length) */
    /* reserved is BXE_GUARD_SPAN: every address base + u32 + u32 offset
     * (+ 8 bytes) lies inside the reservation, so compiled code (src/aot)
     * may leave bounds checks to the MMU (store.c, rt.c) */
    bool guarded;
};

/* The guard-region reservation of a 32-bit memory: the 4 GiB index space,
 * the largest static offset (4 GiB - 1) and a 64 KiB guard for the access
 * width.  Address space only (PROT_NONE, MAP_NORESERVE): committed pages
 * are still the engine's to count against --max-memory. */
#define BXE_GUARD_SPAN (((uint64_t)8 << 30) + ((uint64_t)64 << 10))
/* Whether this build and $BOXAGNTS_AOT_GUARD ("0": off) allow guard
 * regions; never under AddressSanitizer, whose shadow and allocator the
 * 8 GiB reservations and the SIGSEGV handler would fight (explicit checks
 * there). */
bool bxe_guard_enabled(void);

struct bx_table {
    bx_valtype elem;
    uint32_t size;
    uint32_t max;               /* min(declared max, store cap) */
    uint32_t decl_max;
    bool has_max;
    uint64_t *elems;            /* size entries; refs as in bx_val.bits */
    uint32_t cap;               /* allocated entries */
};

struct bx_global {
    bx_valtype type;
    bool mutable_;
    uint64_t val;
    uint64_t hi;                /* v128: the high 64 bits (val the low) */
};

struct bx_instance {
    bx_store *store;
    const bx_module *module;
    bx_func **funcs;            /* module->nfuncs_total */
    bx_table **tables;          /* module->ntables_total */
    bx_memory **mems;           /* module->nmems_total */
    bx_global **globals;        /* module->nglobals_total */
    /* Element segments evaluated at instantiation: elem_values[i] holds
     * elem_len[i] refs (bx_val.bits form).  elem.drop, and the implicit drop
     * of active/declarative segments, set elem_len[i] = 0. */
    uint64_t **elem_values;     /* module->nelems */
    uint32_t *elem_len;
    /* data.drop and the implicit drop of active segments set this to 1;
     * a dropped segment has length 0 for memory.init. */
    uint8_t *data_dropped;      /* module->ndatas flags */
    bx_instance *next;          /* store's list */
};

/* A call frame of the interpreter; frames live in the store's bounded frame
 * area, never on the host C stack. Layout is interp.c's business but the
 * store allocates the area, so the type is here. */
typedef struct bx_frame {
    const struct bx_code *code;
    const uint32_t *ret_pc;     /* where the caller resumes */
    uint64_t *fp;               /* caller's frame pointer */
    bx_func *func;              /* caller */
} bx_frame;

struct bx_store {
    bx_limits limits;           /* with defaults filled in */

    /* fuel: remaining budget; UINT64_MAX-ish when unlimited */
    int64_t fuel;
    int64_t fuel_start;
    bool fuel_limited;

    atomic_int interrupt;       /* set by any thread */

    /* interpreter stacks, allocated at first call, bounded by max_stack_bytes */
    uint64_t *stack;            /* value slots */
    uint64_t *stack_end;
    bx_frame *frames;
    bx_frame *frames_end;
    uint32_t depth;             /* host->wasm re-entry depth */

    int32_t exit_code;
    char trap_msg[256];         /* detail for BX_TRAP_HOST */

    uint64_t mem_total;         /* current bytes of all memories and tables */
    uint64_t mem_peak;

    /* ownership lists */
    bx_instance *instances;
    struct bx_objlist *objs;    /* funcs/memories/tables/globals, freed at store free */
};

/* interp.c: run f with args in slots[0..nparams), results written to
 * slots[0..nresults).  Returns BX_TRAP_NONE or the trap kind (and for
 * BX_TRAP_HOST the store's trap_msg holds the detail).  Handles host
 * functions too.  Never recurses on the C stack for wasm->wasm calls. */
bx_trap bxe_interp_call(bx_store *s, bx_func *f, uint64_t *slots);

/* instance.c helpers the interpreter needs */
/* memory.grow: returns old page count or -1 (UINT32_MAX) */
uint32_t bxe_memory_grow(bx_store *s, bx_memory *m, uint32_t delta);
/* table.grow: returns old size or UINT32_MAX */
uint32_t bxe_table_grow(bx_store *s, bx_table *t, uint32_t delta, uint64_t init);

/* Structural equality of two function types. */
static inline bool bx_functype_eq(const bx_functype *a, const bx_functype *b)
{
    if (a == b) return true;
    if (a->nparams != b->nparams || a->nresults != b->nresults) return false;
    for (uint32_t i = 0; i < a->nparams; i++)
        if (a->params[i] != b->params[i]) return false;
    for (uint32_t i = 0; i < a->nresults; i++)
        if (a->results[i] != b->results[i]) return false;
    return true;
}

/* Multi-memory loads and stores (MLOAD/MSTORE): access size of the wasm
 * opcode op (0x28..0x3E, 0 = not a memory access), and the access itself at
 * p (bounds already checked). */
static inline unsigned bxe_mx_size(uint32_t op)
{
    static const uint8_t n[0x3F - 0x28] = {4, 8, 4, 8, 1, 1, 2, 2, 1, 1, 2, 2, 4, 4,
                                           4, 8, 4, 8, 1, 2, 1, 2, 4};
    return op >= 0x28 && op <= 0x3E ? n[op - 0x28] : 0;
}
static inline uint64_t bxe_mx_load(const uint8_t *p, uint32_t op)
{
    uint8_t b[8] = {0};
    memcpy(b, p, bxe_mx_size(op));
    uint64_t u;
    memcpy(&u, b, 8);
    switch (op) {
    case 0x2C: return (uint32_t)(int32_t)(int8_t)u;
    case 0x2E: return (uint32_t)(int32_t)(int16_t)u;
    case 0x30: return (uint64_t)(int64_t)(int8_t)u;
    case 0x32: return (uint64_t)(int64_t)(int16_t)u;
    case 0x34: return (uint64_t)(int64_t)(int32_t)u;
    default: return u;  /* zero-extended by the copy */
    }
}

/* How a stack budget (bx_limits.max_stack_bytes) splits into frame records
 * and value slots: the interpreter allocates these, and the compiled tier
 * (src/aot/rt.c) caps its call depth and slots by the same numbers, so
 * both run out of stack at the same call. */
static inline void bxe_stack_split(uint64_t max_stack_bytes, uint64_t *nframes, uint64_t *nslots)
{
    uint64_t total = max_stack_bytes;
    if (total < 4096) total = 4096;
    if (total > ((uint64_t)1 << 40)) total = (uint64_t)1 << 40;
    uint64_t fbytes = total / 4;
    *nframes = fbytes / sizeof(bx_frame);
    *nslots = (total - fbytes) / sizeof(uint64_t);
    if (*nframes < 16) *nframes = 16;
    if (*nslots < 256) *nslots = 256;
}

/* bulk.c: memmove (overlap-safe) / memset / 64-bit fill in BX_WORK_CHUNK
 * pieces, checking s->interrupt between pieces; false when interrupted
 * (part of the work done, as a trap allows).  Fuel is the caller's. */
bool bxe_bulk_move(bx_store *s, uint8_t *d, const uint8_t *src, uint64_t n);
bool bxe_bulk_fill(bx_store *s, uint8_t *d, uint8_t v, uint64_t n);
bool bxe_bulk_fill64(bx_store *s, uint64_t *d, uint64_t v, uint64_t n);

#endif
