/*
 * comp_impl.h — private to src/component: the decoded form of a component
 * (a list of definitions replayed in order at instantiation) and the
 * runtime objects of an instantiation.
 */
#ifndef BX_COMP_IMPL_H
#define BX_COMP_IMPL_H

#include "component.h"

#include <stdarg.h>
#include <stdbool.h>

/* A bump allocator owned by a component or a call. */
typedef struct bxc_arena {
    struct bxc_chunk *head;
    size_t used, cap;           /* bytes handed out; the bound (0: none) */
} bxc_arena;
void *bxc_arena_alloc(bxc_arena *a, size_t n);
void bxc_arena_free(bxc_arena *a);
typedef struct bxc_mark { struct bxc_chunk *head; size_t used, total; } bxc_mark;
bxc_mark bxc_arena_mark(bxc_arena *a);
void bxc_arena_release(bxc_arena *a, bxc_mark m);

typedef struct bxc_sidx { int sort; uint32_t idx; } bxc_sidx;
typedef struct bxc_arg { const char *name; bxc_sidx si; bxc_type *t; } bxc_arg;

typedef struct bxc_opts {
    int enc;                    /* ENC_UTF8, ENC_UTF16, ENC_LATIN1_UTF16 */
    int has_mem, has_realloc, has_post;
    uint32_t mem, realloc, post; /* core memory / core func indices */
} bxc_opts;

enum {
    OP_CORE_MODULE, OP_CORE_INST, OP_CORE_INST_INLINE, OP_INST, OP_INST_INLINE,
    OP_ALIAS_CORE_EXPORT, OP_ALIAS_EXPORT, OP_ALIAS_OUTER, OP_TYPE, OP_CORE_TYPE,
    OP_COMPONENT, OP_LIFT, OP_LOWER, OP_RES_NEW, OP_RES_DROP, OP_RES_REP,
    OP_IMPORT, OP_EXPORT
};

typedef struct bxc_op {
    uint8_t op;
    int sort;                   /* the sort this op pushes (alias, import, export) */
    uint32_t idx;               /* module, component, instance, func index */
    const char *name;           /* alias/import/export name */
    uint32_t nargs;
    bxc_arg *args;              /* instantiate args, inline exports */
    bxc_opts opts;
    bxc_type *t;                /* type, import type, lift type, resource type */
    void *item;                 /* outer alias: the static object; core module */
    size_t off;                 /* byte offset, for messages */
} bxc_op;

struct bxc_comp {
    bxc_arena arena;
    bxc_op *ops;
    uint32_t nops, capops;
    bx_module **mods;           /* owned core modules */
    uint32_t nmods, capmods;
    bxc_comp **kids;            /* owned nested components */
    uint32_t nkids, capkids;
    bxc_decl *im, *ex;          /* imports, exports as declared/inferred */
    uint32_t nim, nex, capim, capex;
    bxc_type *prim[TK_ERRCTX + 1];
};

/* ---- runtime --------------------------------------------------------- */
typedef struct bxc_item { void *p; } bxc_item;

typedef struct bxc_handle {
    const bxc_type *rt;          /* NULL: free slot */
    uint32_t rep;
    uint8_t own;
    uint32_t lends;
    uint64_t scope;              /* borrow: the call that lent it */
    uint32_t next_free;
} bxc_handle;

typedef struct bxc_ci bxc_ci;    /* a component instance (handle table, flags) */
struct bxc_ci {
    bxc_handle *h;
    uint32_t nh, caph, free_head;
    bool may_leave, may_enter;
    uint32_t borrows;            /* borrow handles lent into this instance by the current call */
    bxc_ci *parent;              /* the instance that instantiated this one */
    const bxc_type **sfrom, **sto; /* type substitutions made by this instantiation */
    uint32_t nsubst, capsubst;
    bxc_ci *next;
};

/* A runtime instance: a component instance's exports, or a host instance. */
typedef struct bxc_rexp { const char *name; int sort; void *p; } bxc_rexp;
typedef struct bxc_rinst {
    bxc_rexp *ex;
    uint32_t nex;
    const bxc_type *t;           /* declared type (host instances) */
} bxc_rinst;

typedef struct bxc_cinst {       /* a core instance: an engine instance or inline exports */
    bx_instance *inst;
    uint32_t n;
    const char **names;
    bx_extern *ex;
} bxc_cinst;

struct bxc_func {
    const bxc_type *ft;
    /* host */
    bxc_host_fn host;
    void *huser;
    /* lifted */
    bx_func *core;
    bxc_ci *ci;
    bxc_opts opts;
    bx_memory *mem;
    bx_func *realloc, *post;
};

/* A resource type defined by a component instance: its dtor and owner. */
typedef struct bxc_rdef { const bxc_type *rt; bxc_ci *impl; bx_func *dtor; } bxc_rdef;

struct bxc_ctx {
    bx_store *s;
    bxc_host host;
    bxc_arena arena;             /* runtime objects, freed with the context */
    bxc_arena callarena;         /* values of the current top-level call */
    bxc_ci *cis;
    bxc_rinst *root;
    bxc_rdef *rdefs;
    uint32_t nrdefs, caprdefs;
    uint64_t callid;
    uint32_t depth;
    bx_trap trap;
    int32_t exit_code;
    char msg[256];
};

/* canon.c */
typedef struct bxc_cx {          /* lift/lower context: one side of a call */
    bxc_ctx *ctx;
    bxc_ci *ci;
    const bxc_opts *opts;
    bx_memory *mem;
    bx_func *realloc;
    bool host;                   /* the host side: no memory, no table */
    struct bxc_lend *lends;      /* borrows lifted from this side during the call */
    uint32_t nlends, caplends;
} bxc_cx;
typedef struct bxc_lend { bxc_ci *ci; uint32_t h; } bxc_lend;
const bxc_type *bxc_resolve(const bxc_ci *ci, const bxc_type *t);
int bxc_subst(bxc_ctx *ctx, bxc_ci *ci, const bxc_type *from, const bxc_type *to);
void bxc_unlend(bxc_cx *cx);

uint32_t bxc_flat_count(const bxc_type *t);
int bxc_flatten(const bxc_type *t, bx_valtype *out, uint32_t cap, uint32_t *n);
uint32_t bxc_align(const bxc_type *t);
uint32_t bxc_size(const bxc_type *t);
int bxc_lift_flat(bxc_cx *cx, const bxc_type *t, const uint64_t *flat, uint32_t *i, bxc_val *out);
int bxc_lower_flat(bxc_cx *cx, const bxc_type *t, const bxc_val *v, uint64_t *flat, uint32_t *i);
int bxc_load(bxc_cx *cx, const bxc_type *t, uint64_t ptr, bxc_val *out);
int bxc_store(bxc_cx *cx, const bxc_type *t, const bxc_val *v, uint64_t ptr);
int bxc_realloc_call(bxc_cx *cx, uint32_t optr, uint32_t osz, uint32_t align, uint32_t nsz, uint32_t *out);
const bxc_type *bxc_despec_rt(const bxc_type *t);
/* handle tables */
int bxc_handle_add(bxc_ctx *ctx, bxc_ci *ci, const bxc_type *rt, uint32_t rep, int own,
                   uint64_t scope, uint32_t *out);
bxc_handle *bxc_handle_get(bxc_ctx *ctx, bxc_ci *ci, uint32_t i);
void bxc_handle_remove(bxc_ci *ci, uint32_t i);
bxc_rdef *bxc_rdef_find(bxc_ctx *ctx, const bxc_type *rt);

int bxc_trapv(bxc_ctx *cx, bx_trap kind, const char *fmt, va_list ap);

#endif
