/*
 * abi.h — the interface between the aot runtime (rt.c) and the C that
 * emit.c generates.  This file is also pasted verbatim at the top of every
 * generated translation unit (aot.mk turns it into a string), so both sides
 * are compiled from the same text; it may use only <stdint.h>.
 *
 * The generated code sees the instance only through bxa_ctx: pointers to
 * the store's fuel counter and interrupt flag, memory 0's base and size,
 * the globals' value words, the function references, and the runtime entry
 * points for everything that is not straight-line code (traps, calls that
 * leave the module, tables, bulk memory, other memories).
 */
#ifndef BX_AOT_ABI_H
#define BX_AOT_ABI_H

#include <stdint.h>

/* Bump when this struct, the slow-op numbering or the calling convention of
 * the generated functions changes (it is part of the cache key). */
#define BXA_ABI_VERSION 3u

typedef struct bxa_ctx bxa_ctx;

/* A defined function with the interpreter's slot convention: arguments in
 * s[0..nparams), results written to s[0..nresults). */
typedef void (*bxa_wrap_fn)(bxa_ctx *c, uint64_t *s);

typedef struct bxa_rt {
    /* Leave through the entry point with trap kind k (never returns). */
    void (*trap)(bxa_ctx *c, int k);
    /* Fuel went negative: traps when the budget is limited, else returns
     * the refilled counter (as the interpreter's out_of_fuel). */
    int64_t (*out_of_fuel)(bxa_ctx *c);
    /* Call function index x of the module (an import, or anything else that
     * is not a direct call) with the slot convention. */
    void (*call)(bxa_ctx *c, uint32_t x, uint64_t *s);
    /* call_indirect through table tab, expected type index ty, element e. */
    void (*call_indirect)(bxa_ctx *c, uint32_t tab, uint32_t ty, uint32_t e, uint64_t *s);
    /* Everything else that is not on the hot path: op is the interpreter's
     * opcode (code.h), i/j its index immediates, a/b/d its operands. */
    uint64_t (*slow)(bxa_ctx *c, uint32_t op, uint32_t i, uint32_t j, uint64_t a, uint64_t b,
                     uint64_t d);
} bxa_rt;

struct bxa_ctx {
    const bxa_rt *rt;
    int64_t *fuel;              /* the store's counter, synced at calls */
    int *interrupt;             /* the store's flag (read relaxed) */
    uint8_t *const *mbase;      /* memory 0's data pointer, or a null one */
    const uint64_t *msize;      /* memory 0's size in bytes, or a zero */
    uint64_t *const *globals;   /* value word of each global */
    void *const *funcs;         /* bx_func * of each function (ref.func) */
    uint64_t *mv;               /* results beyond the first of a call */
    uint32_t depth, max_depth;  /* wasm call depth and its cap */
    /* The interpreter's value-stack accounting, kept so the compiled code
     * runs out of stack at the same call as the interpreter: vbase is the
     * first slot of the frame being entered (the caller's argument area),
     * vslots the number of slots the same --max-stack gives. */
    uint64_t vbase, vslots;
    uintptr_t stack_lo;         /* lowest C stack address the code may use */
    void *rt_private;           /* the runtime's own state */
    /* The generated code keeps the fuel counter biased by this much in a
     * register (prelude.h); what it stores before a memory access in guard
     * mode is biased too, so a fault's trap adds it back (rt.c). */
    int64_t fbias;
    /* Set by every entry into the generated code: 1 when it keeps the
     * (biased) counter in r15 rather than storing it before memory
     * accesses (x86-64, guard mode, compiled by gcc: prelude.h). */
    int32_t fureg;
    /* Table 0's element array and size (the fields themselves: table.grow
     * may move the array), for call_indirect's inline path (prelude.h
     * IND_OK); a module without tables sees a table of size 0. */
    uint64_t *const *t0elems;
    const uint32_t *t0size;
};

/* What the shared object exports, under these symbol names. */
#define BXA_SYM_FUNCS "bxa_funcs"     /* const bxa_wrap_fn[], one per defined function */
#define BXA_SYM_INFO "bxa_info"       /* const uint64_t[2]: abi version, nfuncs */

#endif
