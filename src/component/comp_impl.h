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
typedef struct bxcm_arena {
    struct bxcm_chunk *head;
    size_t used, cap;           /* bytes handed out; the bound (0: none) */
} bxcm_arena;
void *bxcm_arena_alloc(bxcm_arena *a, size_t n);
void bxcm_arena_free(bxcm_arena *a);
typedef struct bxcm_mark { struct bxcm_chunk *head; size_t used, total; } bxcm_mark;
bxcm_mark bxcm_arena_mark(bxcm_arena *a);
void bxcm_arena_release(bxcm_arena *a, bxcm_mark m);

typedef struct bxcm_sidx { int sort; uint32_t idx; } bxcm_sidx;
typedef struct bxcm_arg { const char *name; bxcm_sidx si; bxcm_type *t; } bxcm_arg;

typedef struct bxcm_opts {
    int enc;                    /* ENC_UTF8, ENC_UTF16, ENC_LATIN1_UTF16 */
    int has_mem, has_realloc, has_post;
    uint32_t mem, realloc, post; /* core memory / core func indices */
} bxcm_opts;

enum {
    OP_CORE_MODULE, OP_CORE_INST, OP_CORE_INST_INLINE, OP_INST, OP_INST_INLINE,
    OP_ALIAS_CORE_EXPORT, OP_ALIAS_EXPORT, OP_ALIAS_OUTER, OP_TYPE, OP_CORE_TYPE,
    OP_COMPONENT, OP_LIFT, OP_LOWER, OP_RES_NEW, OP_RES_DROP, OP_RES_REP,
    OP_IMPORT, OP_EXPORT
};

typedef struct bxcm_op {
    uint8_t op;
    int sort;                   /* the sort this op pushes (alias, import, export) */
    uint32_t idx;               /* module, component, instance, func index */
    const char *name;           /* alias/import/export name */
    uint32_t nargs;
    bxcm_arg *args;              /* instantiate args, inline exports */
    bxcm_opts opts;
    bxcm_type *t;                /* type, import type, lift type, resource type */
    void *item;                 /* outer alias: the static object; core module */
    size_t off;                 /* byte offset, for messages */
} bxcm_op;

struct bxcm_comp {
    bxcm_arena arena;
    bxcm_op *ops;
    uint32_t nops, capops;
    bx_module **mods;           /* owned core modules */
    uint32_t nmods, capmods;
    bxcm_comp **kids;            /* owned nested components */
    uint32_t nkids, capkids;
    bxcm_decl *im, *ex;          /* imports, exports as declared/inferred */
    uint32_t nim, nex, capim, capex;
    bxcm_type *prim[TK_ERRCTX + 1];
};

/* ---- runtime --------------------------------------------------------- */
typedef struct bxcm_item { void *p; } bxcm_item;

typedef struct bxcm_handle {
    const bxcm_type *rt;          /* NULL: free slot */
    uint32_t rep;
    uint8_t own;
    uint32_t lends;
    uint64_t scope;              /* borrow: the call that lent it */
    uint32_t next_free;
} bxcm_handle;

typedef struct bxcm_ci bxcm_ci;    /* a component instance (handle table, flags) */
struct bxcm_ci {
    bxcm_handle *h;
    uint32_t nh, caph, free_head;
    bool may_leave, may_enter;
    uint32_t borrows;            /* borrow handles lent into this instance by the current call */
    bxcm_ci *parent;              /* the instance that instantiated this one */
    const bxcm_type **sfrom, **sto; /* type substitutions made by this instantiation */
    uint32_t nsubst, capsubst;
    bxcm_ci *next;
};

/* A runtime instance: a component instance's exports, or a host instance. */
typedef struct bxcm_rexp { const char *name; int sort; void *p; } bxcm_rexp;
typedef struct bxcm_rinst {
    bxcm_rexp *ex;
    uint32_t nex;
    const bxcm_type *t;           /* declared type (host instances) */
} bxcm_rinst;

typedef struct bxcm_cinst {       /* a core instance: an engine instance or inline exports */
    bx_instance *inst;
    uint32_t n;
    const char **names;
    bx_extern *ex;
} bxcm_cinst;

struct bxcm_func {
    const bxcm_type *ft;
    /* host */
    bxcm_host_fn host;
    void *huser;
    /* lifted */
    bx_func *core;
    bxcm_ci *ci;
    bxcm_opts opts;
    bx_memory *mem;
    bx_func *realloc, *post;
};

/* A resource type defined by a component instance: its dtor and owner. */
typedef struct bxcm_rdef { const bxcm_type *rt; bxcm_ci *impl; bx_func *dtor; } bxcm_rdef;

struct bxcm_ctx {
    bx_store *s;
    bxcm_host host;
    bxcm_arena arena;             /* runtime objects, freed with the context */
    bxcm_arena callarena;         /* values of the current top-level call */
    bxcm_ci *cis;
    bxcm_rinst *root;
    bxcm_rdef *rdefs;
    uint32_t nrdefs, caprdefs;
    uint64_t callid;
    uint32_t depth;
    bx_trap trap;
    int32_t exit_code;
    char msg[256];
};

/* canon.c */
typedef struct bxcm_cx {          /* lift/lower context: one side of a call */
    bxcm_ctx *ctx;
    bxcm_ci *ci;
    const bxcm_opts *opts;
    bx_memory *mem;
    bx_func *realloc;
    bool host;                   /* the host side: no memory, no table */
    struct bxcm_lend *lends;      /* borrows lifted from this side during the call */
    uint32_t nlends, caplends;
} bxcm_cx;
typedef struct bxcm_lend { bxcm_ci *ci; uint32_t h; } bxcm_lend;
const bxcm_type *bxcm_resolve(const bxcm_ci *ci, const bxcm_type *t);
int bxcm_subst(bxcm_ctx *ctx, bxcm_ci *ci, const bxcm_type *from, const bxcm_type *to);
void bxcm_unlend(bxcm_cx *cx);

uint32_t bxcm_flat_count(const bxcm_type *t);
int bxcm_flatten(const bxcm_type *t, bx_valtype *out, uint32_t cap, uint32_t *n);
uint32_t bxcm_align(const bxcm_type *t);
uint32_t bxcm_size(const bxcm_type *t);
int bxcm_lift_flat(bxcm_cx *cx, const bxcm_type *t, const uint64_t *flat, uint32_t *i, bxcm_val *out);
int bxcm_lower_flat(bxcm_cx *cx, const bxcm_type *t, const bxcm_val *v, uint64_t *flat, uint32_t *i);
int bxcm_load(bxcm_cx *cx, const bxcm_type *t, uint64_t ptr, bxcm_val *out);
int bxcm_store(bxcm_cx *cx, const bxcm_type *t, const bxcm_val *v, uint64_t ptr);
int bxcm_realloc_call(bxcm_cx *cx, uint32_t optr, uint32_t osz, uint32_t align, uint32_t nsz, uint32_t *out);
const bxcm_type *bxcm_despec_rt(const bxcm_type *t);
/* handle tables */
int bxcm_handle_add(bxcm_ctx *ctx, bxcm_ci *ci, const bxcm_type *rt, uint32_t rep, int own,
                   uint64_t scope, uint32_t *out);
bxcm_handle *bxcm_handle_get(bxcm_ctx *ctx, bxcm_ci *ci, uint32_t i);
void bxcm_handle_remove(bxcm_ci *ci, uint32_t i);
bxcm_rdef *bxcm_rdef_find(bxcm_ctx *ctx, const bxcm_type *rt);

/* validate.c */
static inline const bxcm_type *bxcm_root(const bxcm_type *t) { return t && t->orig ? t->orig : t; }
int bxcm_label_ok(const char *s, size_t n);
int bxcm_semver_ok(const char *s, size_t n, char *why, size_t cap);
int bxcm_extname_ok(const char *nm, int *kind, char *why, size_t cap);
const char *bxcm_name_canon(const char *nm, char *buf, size_t cap);
int bxcm_annot_check(const bxcm_decl *list, uint32_t n, const bxcm_decl *d, const bxcm_type *ft,
                     char *why, size_t cap);

#define BXCM_MAX_SUBST 256
typedef struct bxcm_submap {
    const bxcm_type *from[BXCM_MAX_SUBST], *to[BXCM_MAX_SUBST];
    uint32_t n;
    int bind;                   /* abstract resources expected may be bound */
    uint64_t steps;             /* comparisons made: bounded (hostile DAGs) */
} bxcm_submap;
int bxcm_sub(const bxcm_type *have, const bxcm_type *want, bxcm_submap *m, char *why, size_t cap);
int bxcm_bind(const bxcm_type *have, const bxcm_type *want, bxcm_submap *m);
int bxcm_has_borrow(const bxcm_type *t);
const bxcm_type *bxcm_annot_resource(const char *nm, const bxcm_type *ft);

int bxcm_trapv(bxcm_ctx *cx, bx_trap kind, const char *fmt, va_list ap);

#endif
