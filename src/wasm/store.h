/*
 * store.h — store internals shared by store.c, instance.c and linker.c
 * (private to those three files; interp.c needs only runtime.h).
 *
 * A store owns two kinds of things: instances (a singly linked list
 * through bx_instance.next) and loose objects (host functions, memories,
 * tables, globals, and the per-instance blocks of functions and globals),
 * kept in the growable array below.  Creation is split in two steps,
 * make + own, so instantiation can build everything, free it cleanly on
 * the first failure, and only then hand it to the store — after
 * bxe_store_reserve() the hand-over cannot fail.
 */
#ifndef BX_WASM_STORE_H
#define BX_WASM_STORE_H

#include "runtime.h"

typedef enum bx_objkind {
    BX_OBJ_HOSTFUNC,     /* bx_func with owned_type arrays */
    BX_OBJ_FUNCBLOCK,    /* calloc'd array of bx_func (an instance's defined functions) */
    BX_OBJ_MEMORY,       /* bx_memory, munmap its reservation */
    BX_OBJ_TABLE,        /* bx_table, free its elems */
    BX_OBJ_GLOBAL        /* bx_global, or a block of them: plain free() */
} bx_objkind;

typedef struct bx_obj {
    bx_objkind kind;
    void *p;
} bx_obj;

struct bx_objlist {
    size_t n, cap;
    bx_obj items[];
};

/* Make sure `more` objects can be owned without allocating.  BX_OK or
 * BX_ERR_NOMEM. */
bx_status bxe_store_reserve(bx_store *s, size_t more);
/* Hand an object to the store; requires an earlier bxe_store_reserve. */
void bxe_store_own(bx_store *s, bx_objkind kind, void *p);

/* Memories and tables not yet owned by anyone.  The caller either
 * bxe_store_own()s them or destroys them.  The store cap applies to all of
 * them together (memories at their committed size, tables at 8 bytes an
 * allocated element, both in mem_total): a minimum above what is left is
 * BX_ERR_LIMIT with a message saying which flag to raise. */
/* guard: try a guard-region reservation (BXE_GUARD_SPAN) first, falling
 * back to the plain one when address space is short (RLIMIT_AS). */
bx_status bxe_memory_make(bx_store *s, const bx_limits_decl *decl, bool guard,
                         bx_memory **out, bx_error *err);
void bxe_memory_destroy(bx_store *s, bx_memory *m);
/* memkeep.c: a guard reservation kept by this thread's bx_mem_keep.
 * give: 1 when kept (zeroed; the caller must not unmap it); take: one of
 * `reserved` bytes with exactly its first `bytes` read-write, all zero,
 * or NULL. */
int bxe_keep_give(uint8_t *data, uint64_t reserved, uint64_t size);
uint8_t *bxe_keep_take(uint64_t reserved, uint64_t bytes);
bx_status bxe_table_make(bx_store *s, bx_valtype elem, const bx_limits_decl *decl,
                        bx_table **out, bx_error *err);
void bxe_table_destroy(bx_store *s, bx_table *t);

/* Free an instance's arrays (not the objects, the store owns them). */
void bxe_instance_destroy(bx_instance *inst);
/* Clear err to "no error" (err may not be NULL). */
static inline void bx_error_clear(bx_error *err)
{
    err->status = BX_OK;
    err->trap = BX_TRAP_NONE;
    err->offset = 0;
    err->msg[0] = '\0';
}

/* Fill err for a trap, with the host's detail for BX_TRAP_HOST. */
bx_status bxe_trap_error(bx_store *s, bx_error *err, bx_trap t);

/* Mask raw bits to what the type uses (upper 32 bits zero for i32/f32). */
static inline uint64_t bx_canon_bits(bx_valtype t, uint64_t bits)
{
    return (t == BX_I32 || t == BX_F32) ? (bits & 0xFFFFFFFFu) : bits;
}

#endif
