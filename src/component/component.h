/*
 * component.h — the component model layer (src/component): the binary
 * decoder and validator, the canonical ABI, instantiation of a component's
 * core modules on our engine (one store: one fuel budget, one interrupt,
 * one memory cap, one stack cap), and the WASI 0.2 host built on the
 * preview1 host (wasi2.c).
 *
 * Types are decoded once into immutable nodes owned by the component;
 * everything made by an instantiation (runtime instances, handle tables,
 * lifted and lowered functions) is owned by one bxcm_ctx, freed with it.
 * Nothing is global: any number of contexts run in parallel threads.
 */
#ifndef BX_COMPONENT_H
#define BX_COMPONENT_H

#include <stddef.h>
#include <stdint.h>

#include "boxagnts.h"

/* Is this byte string a component (rather than a core module)? */
int bxcm_is_component(const uint8_t *bytes, size_t len);

typedef enum bxcm_tk {
    TK_BOOL = 1, TK_S8, TK_U8, TK_S16, TK_U16, TK_S32, TK_U32, TK_S64, TK_U64,
    TK_F32, TK_F64, TK_CHAR, TK_STRING, TK_ERRCTX,
    TK_RECORD, TK_VARIANT, TK_LIST, TK_TUPLE, TK_FLAGS, TK_ENUM, TK_OPTION,
    TK_RESULT, TK_OWN, TK_BORROW, TK_STREAM, TK_FUTURE, TK_MAP,
    TK_FUNC, TK_COMPONENT, TK_INSTANCE, TK_RESOURCE, TK_CORE_MODULE, TK_CORE_FUNC
} bxcm_tk;

/* Sorts of the component index spaces. */
enum { S_CORE_FUNC, S_CORE_TABLE, S_CORE_MEM, S_CORE_GLOBAL, S_CORE_TAG, S_CORE_TYPE,
       S_CORE_MODULE, S_CORE_INSTANCE, S_FUNC, S_VALUE, S_TYPE, S_COMPONENT, S_INSTANCE,
       S_NSORTS };

typedef struct bxcm_type bxcm_type;
/* canon: the name as strong uniqueness compares it (validate.c) */
typedef struct bxcm_decl { const char *name; int sort; bxcm_type *t; const char *canon; } bxcm_decl;

struct bxcm_type {
    bxcm_tk k;
    uint32_t n;             /* record fields, variant cases, tuple elements, labels, params */
    const char **names;     /* labels (NULL for a tuple) */
    bxcm_type **ts;          /* element / case / param types (a NULL case type: no payload) */
    bxcm_type *t0, *t1;      /* list elem, option, result ok/err, own/borrow resource, func result */
    uint32_t len;           /* fixed-length list: its length (0: variable) */
    /* instance and component types */
    uint32_t nex, nim;
    bxcm_decl *ex, *im;
    /* resources: the interface that declared an imported one ("wasi:io/streams",
     * version stripped) and its name, for the host; a defined one has a dtor */
    const char *iface, *rname;
    int defined, has_dtor;
    uint32_t dtor;
    /* nodes of the fully expanded tree and nesting depth (value and func
     * types): bounded at decode so every recursive walk is bounded */
    uint32_t tsize, depth;
    /* core function types: their bx_functype; core module types: their
     * imports and exports (decode.c) */
    void *core;
    /* does the type mention a resource (for outer aliases across a
     * component boundary); set as the type is built */
    uint8_t has_res;
    const void *owner;      /* a defined resource: the component defining it */
    /* validation only (decode.c): a type exported or imported gets a fresh
     * node, a copy of the type it names, whose identity the visibility rule
     * follows; orig is the type copied (never itself a copy), the identity
     * subtyping and the runtime use.  own/borrow: via is the (possibly
     * copied) resource node written in the source, t0 its orig. */
    const bxcm_type *orig, *via;
};

typedef struct bxcm_comp bxcm_comp;

/* Decode and validate a component.  NULL with err->msg naming the byte
 * offset and the reason. */
bxcm_comp *bxcm_decode(const uint8_t *bytes, size_t len, bx_error *err);
/* The same, each core module through the compiled-module cache at
 * cache_dir (bx_module_new_cached; the caller checks the grants first). */
bxcm_comp *bxcm_decode_cached(const uint8_t *bytes, size_t len, const char *cache_dir, bx_error *err);
void bxcm_free(bxcm_comp *c);
/* The root component's imports and exports (types as declared). */
uint32_t bxcm_import_count(const bxcm_comp *c);
const bxcm_decl *bxcm_import(const bxcm_comp *c, uint32_t i);

/* ---- values (canonical ABI) --------------------------------------------- */
enum { ENC_UTF8 = 0, ENC_UTF16 = 1, ENC_LATIN1_UTF16 = 2, ENC_LATIN1 = 3 };

typedef struct bxcm_val bxcm_val;
struct bxcm_val {
    union {
        uint64_t u; int64_t s; float f32; double f64; uint32_t c;
        struct { uint8_t *p; uint32_t len; uint8_t enc; uint32_t units; } str;  /* bytes in enc */
        struct { bxcm_val *v; uint32_t n; uint8_t *bytes; } agg;  /* list (bytes: u8/s8), record, tuple */
        struct { uint32_t tag; bxcm_val *v; } var;   /* variant, enum, option, result */
        uint32_t flags;
        uint32_t rep;                                /* own / borrow */
    };
};

typedef struct bxcm_ctx bxcm_ctx;
typedef struct bxcm_func bxcm_func;

/* A host function: args (n params of ft), one result (when ft has one).
 * Returns 0, or -1 after bxcm_trap (the call traps). */
typedef int (*bxcm_host_fn)(bxcm_ctx *cx, void *user, const bxcm_type *ft, bxcm_val *args, bxcm_val *res);

/* The host side of an instantiation: resolve imports by name. */
typedef struct bxcm_host {
    /* a function export `name` of imported interface `iface` (version
     * stripped); NULL when the host has none */
    /* ft is the type the component declared: the host must check it is the
     * one its function implements (bxcm_shape) */
    bxcm_host_fn (*lookup)(void *user, const char *iface, const char *name, const bxcm_type *ft, void **fuser);
    /* the host's own handle of a host resource was dropped by the guest */
    /* 0, or -1 after bxcm_trap (e.g. a parent dropped before its children) */
    int (*drop)(void *user, const bxcm_type *rt, uint32_t rep);
    void *user;
} bxcm_host;

bxcm_ctx *bxcm_ctx_new(bx_store *s, const bxcm_host *host);
void bxcm_ctx_free(bxcm_ctx *cx);
/* Instantiate the root component: every import must be served by the host
 * (semver-compatible: wasi:io/streams@0.2.3 is served by the host's 0.2.x). */
bx_status bxcm_instantiate(bxcm_ctx *cx, const bxcm_comp *c, bx_error *err);
/* A type's structural shape as a short string ("R([C]|<o|_>)" for
 * result<list<u8>, variant{own, unit}>); "" when it does not fit. */
const char *bxcm_shape(const bxcm_type *t, char *out, size_t cap);
/* The same with each handle's resource named ("ofields." for own<fields>,
 * "&fields." for a borrow): a handle of another resource has another shape. */
const char *bxcm_shape_named(const bxcm_type *t, char *out, size_t cap);
/* Find an exported function, "name" or "iface#name" (iface may carry any
 * 0.2.x version, or none). */
bxcm_func *bxcm_export_func(bxcm_ctx *cx, const char *name);
const bxcm_type *bxcm_func_type(const bxcm_func *f);
/* Call a component function; res receives its result when it has one. */
bx_status bxcm_call(bxcm_ctx *cx, bxcm_func *f, bxcm_val *args, bxcm_val *res, bx_error *err);
/* Traps from host code: the message is kept, the kind becomes BX_TRAP_HOST
 * (or the given kind for fuel, interrupt, exit). */
int bxcm_trap(bxcm_ctx *cx, bx_trap kind, const char *fmt, ...);
bx_store *bxcm_ctx_store(bxcm_ctx *cx);
/* Bounded per-call allocation for host results (freed after the call). */
void *bxcm_alloc(bxcm_ctx *cx, size_t n);
/* Run wasi:cli/run#run: 0 when it returned ok, 1 for error; -1 trapped (err). */
int bxcm_run_command(bxcm_ctx *cx, bx_error *err);

/* ---- WASI 0.2 on the preview1 host (wasi2.c) ------------------------------ */
bx_status bxcm_wasi_run(bx_wasi *w, bx_store *s, const bxcm_comp *c, bx_error *err);
/* The same with wasi:http served on net (NULL: every request denied). */
bx_status bxcm_wasi_run_net(bx_wasi *w, bx_net *net, bx_store *s, const bxcm_comp *c, bx_error *err);

/* The sandbox's run (src/sandbox/sandbox.c) for a decoded component: the
 * same setup, grants, limits and result record as bx_sandbox_run_module.
 * Declared here, not in boxagnts.h, while components are new. */
bx_status bxs_run_component(const bx_run_options *o, const bxcm_comp *c, const bx_run_io *io,
                                   bx_run_result *r, bx_error *err);

#endif
