/*
 * module.h — the decoded module (layer-private to src/wasm).
 *
 * decode.c fills a bx_module from bytes; validate.c checks everything but
 * function bodies; compile.c validates each body and translates it into
 * the internal code that interp.c runs; instance.c instantiates.
 * All arrays are owned by the module and freed by bx_module_free.
 */
#ifndef BX_WASM_MODULE_H
#define BX_WASM_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boxagnts.h"

/* Implementation caps, checked by the decoder so counts can never make a
 * host allocation unbounded by the module size.  (Every count is further
 * bounded by the bytes actually present.) */
#define BX_MAX_LOCALS       50000u     /* per function, params included */
#define BX_MAX_PAGES        65536u     /* wasm32: 4 GiB */
#define BX_PAGE_SIZE        65536u

/* A constant expression: in WebAssembly 2.0 a single instruction + end. */
typedef enum bx_constop {
    BX_CONST_I32, BX_CONST_I64, BX_CONST_F32, BX_CONST_F64,
    BX_CONST_REF_NULL,    /* value.type = reftype */
    BX_CONST_REF_FUNC,    /* index = function index */
    BX_CONST_GLOBAL_GET,  /* index = global index */
    BX_CONST_EXTENDED,    /* extended-const: bytes [offset, offset+bits) of the
                             binary, evaluated by constexpr.c */
    BX_CONST_V128         /* bits = low 64 bits, hi = high 64 bits */
} bx_constop;

typedef struct bx_constexpr {
    bx_constop op;
    bx_valtype type;      /* type of the value produced */
    uint32_t index;
    uint64_t bits;        /* literal bits for the four const ops */
    uint64_t hi;          /* BX_CONST_V128: the high 64 bits */
    size_t offset;        /* where it starts, for error messages */
} bx_constexpr;

typedef struct bx_limits_decl {
    uint32_t min, max;
    bool has_max;
} bx_limits_decl;

typedef struct bx_tabletype {
    bx_valtype elem;            /* BX_FUNCREF or BX_EXTERNREF */
    bx_limits_decl limits;
} bx_tabletype;

typedef struct bx_globaltype {
    bx_valtype type;
    bool mutable_;
} bx_globaltype;

typedef struct bx_import {
    char *module, *name;        /* NUL-terminated copies, valid UTF-8 */
    uint32_t module_len, name_len; /* byte lengths (a name may contain U+0000) */
    bx_externkind kind;
    union {
        uint32_t func_type;     /* type index */
        bx_tabletype table;
        bx_limits_decl memory;
        bx_globaltype global;
    } desc;
} bx_import;

typedef struct bx_export {
    char *name;
    uint32_t name_len;          /* byte length (a name may contain U+0000) */
    bx_externkind kind;
    uint32_t index;             /* in the kind's index space (imports first) */
} bx_export;

typedef struct bx_global_decl {
    bx_globaltype type;
    bx_constexpr init;
} bx_global_decl;

typedef enum bx_segmode { BX_SEG_ACTIVE, BX_SEG_PASSIVE, BX_SEG_DECLARATIVE } bx_segmode;

typedef struct bx_elem_decl {
    bx_segmode mode;
    bx_valtype type;            /* funcref or externref */
    uint32_t table;             /* active only */
    bx_constexpr offset;        /* active only */
    uint32_t count;
    bx_constexpr *init;         /* count entries (ref.func / ref.null / global.get) */
} bx_elem_decl;

typedef struct bx_data_decl {
    bx_segmode mode;            /* active or passive */
    uint32_t memory;
    bx_constexpr offset;
    uint32_t len;
    uint8_t *bytes;             /* owned copy */
} bx_data_decl;

/* The compiled body lives behind this pointer; its layout is private to
 * compile.c and interp.c (see code.h). */
struct bx_code;

typedef struct bx_func_decl {
    uint32_t type;              /* type index */
    /* from the code section, for compile.c: */
    const uint8_t *body;        /* points into bx_module.bytes: the expr after the
                                 * locals declarations, through its final 0x0B */
    uint32_t body_len;
    size_t body_offset;         /* offset of body in the binary */
    uint32_t nlocals;           /* locals beyond params */
    bx_valtype *locals;         /* nlocals entries, expanded */
    struct bx_code *code;       /* set by compile.c */
} bx_func_decl;

struct bx_module {
    uint8_t *bytes;             /* owned copy of the binary (bodies point in) */
    size_t len;

    uint32_t ntypes;
    bx_functype *types;         /* params/results arrays owned */
    uint32_t *type_canon;       /* ntypes: smallest index of a structurally equal type */

    uint32_t nimports;
    bx_import *imports;
    uint32_t nfunc_imports, ntable_imports, nmem_imports, nglobal_imports;

    /* Index spaces, imports first.  func_types[i] is the type index of
     * function i (imported or defined). */
    uint32_t nfuncs_total;
    uint32_t *func_types;
    uint32_t nfuncs;            /* defined */
    bx_func_decl *funcs;        /* nfuncs */

    uint32_t ntables_total;
    bx_tabletype *tables;       /* ntables_total, imports first */
    uint32_t nmems_total;
    bx_limits_decl *mems;       /* nmems_total, imports first */
    uint32_t nglobals_total;
    bx_globaltype *global_types;/* nglobals_total, imports first */
    bx_global_decl *globals;    /* defined: nglobals_total - nglobal_imports */

    uint32_t nexports;
    bx_export *exports;

    bool has_start;
    uint32_t start;

    uint32_t nelems;
    bx_elem_decl *elems;

    bool has_datacount;
    uint32_t datacount;
    uint32_t ndatas;
    bx_data_decl *datas;

    /* Functions that may be referenced by ref.func inside bodies: those in
     * elem segments, exports or global initialisers (spec "C.refs"). */
    uint8_t *func_declared;     /* nfuncs_total flags */

    /* SHA-256 of bytes, when the cache layer knew it (cache_store.c): the
     * compiled tier's artifact is named by it, and hashing a big module
     * costs ~1 ms per MiB */
    bool has_digest;
    uint8_t digest[32];
};

/* decode.c: parse the binary into m (zeroed by the caller).  Returns
 * BX_OK or fills err with BX_ERR_MALFORMED and the offset. */
bx_status bxe_decode(struct bx_module *m, const uint8_t *bytes, size_t len,
                    bx_error *err);

/* validate.c: module-level rules (everything except function bodies). */
bx_status bxe_validate_module(struct bx_module *m, bx_error *err);

/* compile.c: validate function body i (defined index) and translate it. */
bx_status bxe_compile_func(struct bx_module *m, uint32_t i, bx_error *err);
void bxe_code_free(struct bx_code *c);
/* constexpr.c: type-check (sets ce->type) and evaluate a BX_CONST_EXTENDED
 * expression; global values come from globals (the instance's). */
struct bx_global;
bx_status bxe_constexpr_ext_check(const struct bx_module *m, bx_constexpr *ce, bx_error *err);
uint64_t bxe_constexpr_ext_eval(const struct bx_module *m, const bx_constexpr *ce,
                               struct bx_global *const *globals);
/* Test-only switch BOXAGNTS_NO_FUSION (see compile.c): true when set. */
bool bxe_nofusion_env(void);

/* The version of the cache entry layout (header and payload): bump it
 * whenever either changes.  Changes to the internal code (code.h) or to the
 * instruction table (opcodes.def) are caught by the build id instead, which
 * hashes both. */
#define BXE_CACHE_FORMAT 2u

/* cache_serial.c: the payload of a cache entry.  bxe_module_serialize writes every
 * decoded part and the compiled code (BX_OK or BX_ERR_NOMEM; *out is
 * malloc'd).  bxe_module_deserialize rebuilds the module from a payload and
 * the module's bytes, or returns NULL if any count, index, length or
 * compiled body fails a check (see cache_serial.c for what is checked). */
bx_status bxe_module_serialize(const struct bx_module *m, uint8_t **out, size_t *outlen);
struct bx_module *bxe_module_deserialize(const uint8_t *payload, size_t n,
                                        const uint8_t *bytes, size_t len);
/* The engine build id in every entry; deterministic for identical sources. */
uint64_t bxe_cache_build_id(void);
/* True when cache_serial.c's operand table agrees with code.h's opcode list. */
bool bxe_cache_selfcheck(void);
/* cache_store.c: the per-user key that authenticates entries: read, or made on first
 * use.  0 with mk filled; -1 with why (may be NULL) saying what is wrong. */
int bxe_cache_load_key(uint8_t mk[32], char *why, size_t cap);
/* The 128-byte header of an entry for payload, authenticated with mk
 * (tests sign their own malformed entries with it). */
void bxe_cache_make_header(uint8_t h[128], const uint8_t mk[32], const uint8_t key[32], uint64_t id,
                          size_t len, const uint8_t *payload, size_t n);

/* error.c: formats into err, returns status. */
bx_status bxe_fail(bx_error *err, bx_status st, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#endif
