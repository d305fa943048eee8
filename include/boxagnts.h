/*
 * boxagnts.h — the one public header of libboxagnts, a default-deny
 * WebAssembly sandbox for AI agents' tools.
 *
 * The library is a stack of layers, each usable on its own through this
 * header (docs/architecture.md is the map):
 *   engine (src/wasm)    compile a module once, instantiate it in a store
 *                        with hard limits (memory, stack, tables, fuel,
 *                        interrupt), call its exports;
 *   WASI (src/wasi)      wasi_snapshot_preview1 with confined preopens;
 *   network (src/net)    outbound HTTP as a host capability under a policy;
 *   grants and sandbox   bx_grants (one struct for grants and limits, one
 *   (src/sandbox)        parser) and bx_sandbox_run: one module, one run;
 *   tools (src/tools)    tool manifests, the registry, bx_tool_call;
 *   server (src/server)  executors, quotas and the MCP/JSONL servers.
 * Errors: every call that can fail fills a bx_error (status + message that
 * says what to do); nothing here exits or aborts on bad input.
 *
 * Ownership in one paragraph: a bx_module is immutable after bx_module_new
 * and may be shared by any number of stores on any number of threads; it
 * must outlive every instance made from it.  A bx_store owns everything
 * created in it (instances, host functions, memories, tables, globals) and
 * frees them all in bx_store_free; a store is used by one thread at a time,
 * except bx_store_interrupt, which any thread may call at any time.
 *
 * Only what this header declares is exported (BX_API; the library is built
 * with -fvisibility=hidden).
 */
#ifndef BOXAGNTS_H
#define BOXAGNTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(__GNUC__)
#define BX_API __attribute__((visibility("default")))
#else
#define BX_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- values ---------------------------------------------------------- */

typedef enum bx_valtype {
    BX_I32 = 0x7F,
    BX_I64 = 0x7E,
    BX_F32 = 0x7D,
    BX_F64 = 0x7C,
    BX_V128 = 0x7B,      /* 128-bit vector: two bx_val entries (see bx_val) */
    BX_FUNCREF = 0x70,
    BX_EXTERNREF = 0x6F
} bx_valtype;

/*
 * A value as the API sees it: a type and 64 raw bits.
 *  i32/f32 use the low 32 bits (f32 as its IEEE bit pattern), upper bits 0;
 *  i64/f64 use all 64 (f64 as its bit pattern);
 *  funcref: (uint64_t)(uintptr_t)bx_func*, 0 = null;
 *  externref: an opaque host value, 0 = null (so a host that wants to pass
 *  the integer N passes N+1);
 *  v128: two consecutive entries of type BX_V128, the low 64 bits (lanes
 *  0..) first, then the high 64 bits; argument and result counts count it
 *  twice.
 */
/* "i32", "funcref", ... */
BX_API const char *bx_valtype_name(bx_valtype t);

typedef struct bx_val {
    bx_valtype type;
    uint64_t bits;
} bx_val;

typedef struct bx_functype {
    uint32_t nparams, nresults;
    const bx_valtype *params;   /* nparams entries */
    const bx_valtype *results;  /* nresults entries */
} bx_functype;

/* ---- errors and traps ------------------------------------------------ */

typedef enum bx_status {
    BX_OK = 0,
    BX_ERR_MALFORMED,      /* binary does not decode */
    BX_ERR_INVALID,        /* decodes but fails validation */
    BX_ERR_UNLINKABLE,     /* an import is missing or has the wrong type */
    BX_ERR_LIMIT,          /* a store limit forbids it (memory min > cap, ...) */
    BX_ERR_NOMEM,          /* host allocation failed */
    BX_ERR_ARG,            /* API misuse: bad name, wrong arg count/type */
    BX_ERR_TRAP,           /* execution trapped; see bx_error.trap */
    BX_ERR_IO,             /* the host failed us: a file, directory or stream that
                              cannot be opened, read or written (errno in msg) */
    BX_STATUS_COUNT        /* not a status: one past the last */
} bx_status;

typedef enum bx_trap {
    BX_TRAP_NONE = 0,
    BX_TRAP_UNREACHABLE,        /* "unreachable" */
    BX_TRAP_MEMORY_OOB,         /* "out of bounds memory access" */
    BX_TRAP_TABLE_OOB,          /* "out of bounds table access" */
    BX_TRAP_UNDEFINED_ELEMENT,  /* "undefined element" (call_indirect index >= size) */
    BX_TRAP_UNINITIALIZED,      /* "uninitialized element" (call_indirect on null) */
    BX_TRAP_INDIRECT_TYPE,      /* "indirect call type mismatch" */
    BX_TRAP_DIV_ZERO,           /* "integer divide by zero" */
    BX_TRAP_INT_OVERFLOW,       /* "integer overflow" */
    BX_TRAP_INVALID_CONV,       /* "invalid conversion to integer" */
    BX_TRAP_STACK_EXHAUSTED,    /* "call stack exhausted" */
    BX_TRAP_FUEL_EXHAUSTED,     /* "fuel exhausted" */
    BX_TRAP_INTERRUPTED,        /* "interrupted" (the sandbox reports it as timeout) */
    BX_TRAP_HOST,               /* a host function failed; message says why */
    BX_TRAP_EXIT,               /* a host function asked to stop (proc_exit); see exit code */
    BX_TRAP_COUNT
} bx_trap;

/* The spec testsuite's text for each trap kind ("out of bounds memory access"). */
BX_API const char *bx_trap_message(bx_trap t);

/* Filled by every call that can fail.  msg is NUL-terminated and says what
 * to do where there is something to do. */
typedef struct bx_error {
    bx_status status;
    bx_trap trap;          /* when status == BX_ERR_TRAP */
    size_t offset;         /* byte offset in the module binary, for MALFORMED/INVALID */
    char msg[256];
} bx_error;

/* Fill err (when not NULL): status st, no trap, offset 0, msg from fmt
 * (cut to fit).  Returns st, so a failure path is one line:
 * `return bx_error_setf(err, BX_ERR_ARG, "bad size '%s'", s);` */
BX_API bx_status bx_error_setf(bx_error *err, bx_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---- modules --------------------------------------------------------- */

typedef struct bx_module bx_module;

typedef enum bx_externkind {
    BX_EXTERN_FUNC = 0,
    BX_EXTERN_TABLE = 1,
    BX_EXTERN_MEMORY = 2,
    BX_EXTERN_GLOBAL = 3
} bx_externkind;

/* Decode, validate (WebAssembly 2.0 core, no SIMD) and compile.  The bytes
 * are not retained.  Returns NULL and fills err on failure. */
BX_API bx_module *bx_module_new(const uint8_t *bytes, size_t len, bx_error *err);
BX_API void bx_module_free(bx_module *m);

/* The same, through a compiled-module cache in cache_dir (created 0700 if
 * missing; NULL or "" = no cache).  An entry is keyed by the SHA-256 of the
 * bytes and the engine's build id; a valid entry skips decode, validation
 * and compilation, while a missing, truncated, corrupted or foreign one is
 * rebuilt from the bytes and rewritten (atomically).  The cache is best
 * effort: a cache that cannot be read or written never fails the call.
 * Entries are authenticated with the per-user key (below) and verified on
 * load; without a usable key no cache is used.  The directory must never be
 * writable by a guest: check it with bx_cache_check_grants first.  The
 * _event form also tells what happened (event may be NULL). */
typedef enum bx_cache_event {
    BX_CACHE_NONE = 0,      /* no cache dir given */
    BX_CACHE_HIT,           /* loaded from a valid entry */
    BX_CACHE_STORED,        /* compiled; new entry written */
    BX_CACHE_REPLACED,      /* an entry failed a check: compiled and rewritten */
    BX_CACHE_UNWRITABLE,    /* compiled; the entry could not be written */
    BX_CACHE_NO_KEY         /* compiled; no usable cache key, so no cache */
} bx_cache_event;
BX_API bx_module *bx_module_new_cached(const uint8_t *bytes, size_t len, const char *cache_dir,
                                bx_error *err);
BX_API bx_module *bx_module_new_cached_event(const uint8_t *bytes, size_t len, const char *cache_dir,
                                      bx_cache_event *event, bx_error *err);
/* The cache through a parent, for a worker that reaches neither the cache
 * nor its key (src/confine): the module from a valid entry, or NULL (no
 * entry, or one that failed a check: nothing is compiled or written); the
 * payload (serialized form) of a module the worker compiled; the SHA-256
 * that keys bytes; and storing a payload made elsewhere, only when it
 * verifies against bytes as a load would (0 stored; with why: -1 refused,
 * -2 not written: no key, an unwritable directory). */
BX_API bx_module *bx_module_from_cache(const uint8_t *bytes, size_t len, const char *cache_dir,
                                bx_cache_event *event);
BX_API bx_status bx_module_payload(const bx_module *m, uint8_t **out, size_t *n);
BX_API void bx_module_digest(const uint8_t *bytes, size_t len, uint8_t out[32]);
/* A module file (at most max bytes) read through one fd, with its SHA-256
 * in digest: taken from an authenticated stamp in cache_dir of this very
 * file, unchanged since it was hashed, or computed (and stamped when it
 * may be; without a cache_dir digest is zeroed: nothing would use it).
 * Malloc'd bytes (NUL-terminated), or NULL with err.  The _digest
 * form of bx_module_new_cached_event takes digest = SHA-256 of bytes
 * (NULL: hashed here). */
BX_API uint8_t *bx_module_file_read(const char *path, size_t max, const char *cache_dir, size_t *len,
                                    uint8_t digest[32], bx_error *err);
BX_API bx_module *bx_module_new_cached_digest(const uint8_t *bytes, size_t len, const uint8_t digest[32],
                                              const char *cache_dir, bx_cache_event *event, bx_error *err);
BX_API int bx_cache_store_payload(const uint8_t *bytes, size_t len, const char *cache_dir,
                           const uint8_t *payload, size_t n, char *why, size_t cap);

/* Trust rule of the cache.  Entries are authenticated (HMAC-SHA-256) with a
 * per-user key: $BOXAGNTS_CACHE_KEY, else $XDG_CONFIG_HOME/boxagnts/cache.key,
 * else ~/.config/boxagnts/cache.key (made 0600 on first use).  Before a run
 * uses cache_dir, its grants (canonical host paths; writable[i] non-zero
 * for read-write) are checked: REFUSED when the cache is inside or above a
 * writable grant, or reached through a component a writable grant holds
 * (the run must not go ahead with that cache: report why); SKIP when a
 * grant (read or write) reaches the key or the key is unusable (run
 * without the cache; why says what to do); USE otherwise. */
typedef enum bx_cache_verdict { BX_CACHE_USE = 0, BX_CACHE_REFUSED, BX_CACHE_SKIP } bx_cache_verdict;
BX_API bx_cache_verdict bx_cache_check_grants(const char *cache_dir, const char *const *hosts, const int *writable,
                                       size_t n, char *why, size_t cap);
/* Where the key is (or would be); 0 when no place can be named. */
BX_API int bx_cache_key_location(char *out, size_t cap);
/* Make the key if there is none yet (as the first cached load would):
 * for a caller that forks a confined worker, which may read the key but
 * not create it.  0 when a usable key is there. */
BX_API int bx_cache_key_ensure(void);

/* Introspection: i < count.  Names point into the module. */
BX_API uint32_t bx_module_import_count(const bx_module *m);
BX_API void bx_module_import(const bx_module *m, uint32_t i, const char **module,
                      const char **name, bx_externkind *kind);
BX_API uint32_t bx_module_export_count(const bx_module *m);
BX_API void bx_module_export(const bx_module *m, uint32_t i, const char **name,
                      bx_externkind *kind);
/* The type of exported or imported function, or NULL if not a function. */
BX_API const bx_functype *bx_module_export_functype(const bx_module *m, const char *name);
BX_API const bx_functype *bx_module_import_functype(const bx_module *m, uint32_t i);
/* By position: the i-th export's function type, or NULL if not a function. */
BX_API const bx_functype *bx_module_export_functype_at(const bx_module *m, uint32_t i);

/* ---- stores and limits ----------------------------------------------- */

typedef struct bx_limits {
    uint64_t max_memory_bytes;  /* all linear memories and tables of the store together
                                   (tables at 8 bytes an element); 0 = 4 GiB */
    uint64_t max_stack_bytes;   /* wasm value stack + call frames; 0 = 1 MiB */
    uint64_t max_table_elems;   /* per table; 0 = 10,000,000 */
    uint64_t fuel;              /* instructions; 0 = unlimited */
} bx_limits;

typedef struct bx_store bx_store;
typedef struct bx_instance bx_instance;
typedef struct bx_func bx_func;
typedef struct bx_memory bx_memory;
typedef struct bx_table bx_table;
typedef struct bx_global bx_global;

/* limits may be NULL (all defaults). */
BX_API bx_store *bx_store_new(const bx_limits *limits);
BX_API void bx_store_free(bx_store *s);

/* Fuel: set the remaining budget (0 = unlimited), read what was used since
 * the last set. */
BX_API void bx_store_set_fuel(bx_store *s, uint64_t fuel);
BX_API uint64_t bx_store_fuel_used(const bx_store *s);

/* Thread-safe: the running guest traps BX_TRAP_INTERRUPTED at its next
 * loop back-edge or call.  Stays set until bx_store_clear_interrupt. */
BX_API void bx_store_interrupt(bx_store *s);
BX_API void bx_store_clear_interrupt(bx_store *s);
/* Whether the interrupt is set: host functions that block (poll, reads)
 * check it so a timeout also ends a guest waiting in the host. */
BX_API int bx_store_is_interrupted(const bx_store *s);

/* Peak of linear memory plus table storage (bytes, summed over the
 * store's memories and tables: what max_memory_bytes caps). */
BX_API uint64_t bx_store_peak_memory(const bx_store *s);

/*
 * Work that grows with an operand.  Fuel counts instructions, and work
 * whose size a guest chooses costs more: memory.fill/copy/init one extra
 * unit per BX_FUEL_BYTES bytes, table.fill/copy/init/grow the same per
 * 8-byte element, a call one unit per 8 locals it zeroes, and host
 * functions the same rate for the guest bytes they move (WASI and
 * boxagnts:http document theirs).  Such work is charged before it is done,
 * so fuel runs out before any of it happens, and it checks the interrupt
 * at least every BX_WORK_CHUNK bytes, so --timeout stops it promptly.
 */
#define BX_FUEL_BYTES 64u
#define BX_WORK_CHUNK 65536u
static inline uint64_t bx_fuel_for_bytes(uint64_t n)
{
    return n / BX_FUEL_BYTES + (n % BX_FUEL_BYTES != 0);
}

/* ---- externs: what imports are satisfied with ------------------------ */

typedef struct bx_extern {
    bx_externkind kind;
    union {
        bx_func *func;
        bx_table *table;
        bx_memory *memory;
        bx_global *global;
    } of;
} bx_extern;

/* Host functions.  args_results holds the arguments on entry (raw bits as
 * in bx_val, a v128 taking two entries) and receives the results (same
 * array, from index 0).  Return
 * BX_TRAP_NONE on success, or a trap kind; for BX_TRAP_HOST set a message
 * with bx_hostcall_fail, for BX_TRAP_EXIT set the code with bx_hostcall_exit.
 * mem/mem_size describe the calling instance's memory 0 (NULL/0 if none);
 * every guest pointer must be checked against mem_size before use. */
typedef struct bx_hostcall {
    bx_store *store;
    bx_instance *caller;
    uint8_t *mem;
    uint64_t mem_size;
    void *user;
} bx_hostcall;

typedef bx_trap (*bx_host_fn)(bx_hostcall *hc, uint64_t *args_results);

/* The type is copied.  The function lives until bx_store_free. */
BX_API bx_func *bx_func_new_host(bx_store *s, const bx_functype *type, bx_host_fn fn,
                          void *user);
BX_API bx_trap bx_hostcall_fail(bx_hostcall *hc, const char *fmt, ...);
/* Charge units of fuel (see BX_FUEL_BYTES) for work about to be done, and
 * check the interrupt.  BX_TRAP_NONE to go on; else return the trap it
 * gives (BX_TRAP_FUEL_EXHAUSTED, the budget then left at 0, or
 * BX_TRAP_INTERRUPTED) from the host function.  Host functions whose work
 * grows with a guest operand call it before each chunk of at most
 * BX_WORK_CHUNK bytes (units may be 0: then only the interrupt). */
BX_API bx_trap bx_hostcall_charge(const bx_hostcall *hc, uint64_t units);
BX_API bx_trap bx_hostcall_exit(bx_hostcall *hc, int32_t code);
/* Exit code recorded by the last BX_TRAP_EXIT. */
BX_API int32_t bx_store_exit_code(const bx_store *s);

/* Standalone host-made objects (e.g. the spectest module). */
BX_API bx_memory *bx_memory_new(bx_store *s, uint32_t min_pages, uint32_t max_pages,
                         int has_max, bx_error *err);
BX_API bx_table *bx_table_new(bx_store *s, bx_valtype elem, uint32_t min, uint32_t max,
                       int has_max, bx_error *err);
BX_API bx_global *bx_global_new(bx_store *s, bx_val init, int mutable_, bx_error *err);

BX_API uint8_t *bx_memory_data(bx_memory *m);
/* A linear memory's reservation kept across stores (a reused worker's
 * calls): while k is in use by a thread (bx_mem_keep_use; returns the one
 * before, NULL: none), the stores that thread frees leave their memory's
 * guard region to k, zeroed, and the next memory made there takes it
 * back as new (all zero, protected as a fresh one).  Per thread; free k
 * after its last use (it unmaps what it holds). */
typedef struct bx_mem_keep bx_mem_keep;
BX_API bx_mem_keep *bx_mem_keep_new(void);
BX_API bx_mem_keep *bx_mem_keep_use(bx_mem_keep *k);
BX_API void bx_mem_keep_free(bx_mem_keep *k);
BX_API uint64_t bx_memory_size(const bx_memory *m);        /* bytes */
BX_API bx_val bx_global_get(const bx_global *g);   /* v128: bits is the low half only */

/* ---- instances ------------------------------------------------------- */

/* imports[i] satisfies the module's i-th import (in the module's order).
 * Runs the start function.  On failure returns NULL, fills err (a trap
 * in a segment or the start function gives BX_ERR_TRAP). */
BX_API bx_instance *bx_instance_new(bx_store *s, const bx_module *m,
                             const bx_extern *imports, uint32_t nimports,
                             bx_error *err);

/* Find an export by name; returns 0 if absent. */
BX_API int bx_instance_export(bx_instance *inst, const char *name, bx_extern *out);
/* The i-th export (i < bx_module_export_count of its module). */
BX_API void bx_instance_export_at(bx_instance *inst, uint32_t i, const char **name,
                           bx_extern *out);
/* The same with an explicit length, for names holding U+0000. */
BX_API int bx_instance_export_n(bx_instance *inst, const char *name, size_t len,
                         bx_extern *out);
BX_API bx_memory *bx_instance_memory(bx_instance *inst, uint32_t idx);

BX_API const bx_functype *bx_func_type(const bx_func *f);

/* Call a function.  args must match the type; results has room for
 * nresults values.  On a trap returns BX_ERR_TRAP with err->trap set;
 * the store stays usable. */
BX_API bx_status bx_func_call(bx_store *s, bx_func *f, const bx_val *args,
                       uint32_t nargs, bx_val *results, uint32_t nresults,
                       bx_error *err);

/* ---- a name-based import resolver ------------------------------------ */

/* Maps (module, name) to externs, for the CLI and the spec runner.  Does
 * not own the externs; copies the names. */
typedef struct bx_linker bx_linker;
BX_API bx_linker *bx_linker_new(void);
BX_API void bx_linker_free(bx_linker *l);
BX_API bx_status bx_linker_define(bx_linker *l, const char *module, const char *name,
                           bx_extern ext);
/* Define every export of inst under module name `as` (the spec's `register`). */
BX_API bx_status bx_linker_define_instance(bx_linker *l, const char *as,
                                    bx_instance *inst);
/* Resolve the module's imports and instantiate; an absent import is
 * BX_ERR_UNLINKABLE with "unknown import MODULE.NAME". */
BX_API bx_instance *bx_linker_instantiate(bx_linker *l, bx_store *s,
                                   const bx_module *m, bx_error *err);

/* ---- WASI ------------------------------------------------------------ */

/*
 * wasi_snapshot_preview1 as host functions, with confined filesystem
 * capabilities (layer src/wasi).  A bx_wasi is one guest's view of the
 * world: its args, env, stdio and preopened directories.  Use one per
 * running instance; it is not shared between threads.  Everything the
 * config points to is copied by bx_wasi_new.
 *
 * Confinement: every guest path is resolved beneath its preopen
 * (openat2 RESOLVE_BENEATH|RESOLVE_NO_MAGICLINKS, or a component walk
 * with O_NOFOLLOW on kernels without it), so "..", absolute paths and
 * symlinks never leave it.  Deny patterns make matching guest paths (and
 * everything under them) absent (ENOENT) for every operation.
 */
typedef struct bx_wasi bx_wasi;

typedef struct bx_wasi_preopen {
    const char *host_path;   /* host directory; or a host file = single-file grant */
    const char *guest_path;  /* absolute guest path, e.g. "/workspace" */
    int read_only;           /* refuse every mutation (EROFS/ENOTCAPABLE) */
    /* Optional single-file grant: the one name inside host_path the guest
     * may see (no '/').  Also implied when host_path is not a directory:
     * then the preopen is its parent and guest_path's last component must
     * equal the host file's name.  File grants of one guest directory are
     * merged into one preopen showing exactly those names; they must share
     * the host directory and read_only (bx_wasi_new refuses otherwise). */
    const char *file;
} bx_wasi_preopen;

typedef enum bx_wasi_stdin_kind {
    BX_WASI_STDIN_EMPTY = 0,   /* reads return 0 bytes (EOF) */
    BX_WASI_STDIN_BUFFER,      /* reads come from stdin_buf (copied) */
    BX_WASI_STDIN_HOST         /* the host's fd 0 (reads stop at an interrupt) */
} bx_wasi_stdin_kind;

typedef enum bx_wasi_output_kind {
    BX_WASI_OUT_DISCARD = 0,   /* accepted and dropped */
    BX_WASI_OUT_HOST,          /* passed through to the host's fd 1 / fd 2 */
    BX_WASI_OUT_CAPTURE        /* kept in a bounded buffer: see bx_wasi_stdout */
} bx_wasi_output_kind;

typedef struct bx_wasi_config {
    const char *const *argv;   uint32_t argc;   /* argv[0] is the program name */
    const char *const *env;    uint32_t envc;   /* resolved "NAME=VALUE" strings */
    const bx_wasi_preopen *preopens; uint32_t npreopens;  /* fds 3, 4, ... */
    /* Guest-path globs: a "**" component = any number of components,
     * '*' '?' '[..]' within one; e.g. every .env under the workspace, or
     * everything under /workspace/.git (see the README for the syntax). */
    const char *const *deny;   uint32_t ndeny;

    bx_wasi_stdin_kind stdin_kind;
    const uint8_t *stdin_buf;  size_t stdin_len;
    bx_wasi_output_kind stdout_kind, stderr_kind;
    size_t stdout_cap, stderr_cap;   /* capture caps in bytes; 0 = 1 MiB */

    uint32_t max_fds;          /* open fds incl. stdio and preopens; 0 = 256 */

    /* Audit: one JSON line per capability decision, to the callback (line
     * without newline) and/or the FILE (line + "\n", flushed).  Either may
     * be NULL.  sandbox_id appears in every line. */
    void (*audit_fn)(void *user, const char *json_line);
    void *audit_user;
    FILE *audit_file;
    const char *sandbox_id;
    /* Audit bytes this sandbox may write; 0 = 16 MiB.  Identical records
     * after the 5th are counted, not written (see src/wasi/audit.c). */
    uint64_t audit_max;
    /* Bytes the guest may write to granted files (src/wasi/quota.c);
     * 0 = no cap.  Beyond it writes fail with EDQUOT. */
    uint64_t max_write;

    int flags;                 /* BX_WASI_* below */
} bx_wasi_config;

/* Never use openat2, always the component walk (for testing the fallback). */
#define BX_WASI_NO_OPENAT2 1
/* Captured output over its cap stops the guest with a trap instead of
 * being dropped (for tools, whose result is useless once cut). */
#define BX_WASI_STOP_ON_OUTPUT_CAP 2
/* Every preopen's host_path is canonical (had no link when granted): open
 * each refusing any link found there now, which a guest planted since. */
#define BX_WASI_GRANTS_NO_LINKS 4

/* Opens every preopen now: a missing or unreadable directory fails here
 * with a message naming it.  NULL on failure, err filled. */
BX_API bx_wasi *bx_wasi_new(const bx_wasi_config *cfg, bx_error *err);

/* Define every wasi_snapshot_preview1 function in the linker, as host
 * functions of store s with user = w.  w must outlive the store's use. */
BX_API bx_status bx_wasi_define(bx_wasi *w, bx_store *s, bx_linker *l, bx_error *err);
/* The same for only the wasi_snapshot_preview1 functions module m imports
 * (what a per-run sandbox needs; an unknown name still fails to link). */
BX_API bx_status bx_wasi_define_for(bx_wasi *w, bx_store *s, bx_linker *l, const bx_module *m,
                             bx_error *err);

/* Captured output (BX_WASI_OUT_CAPTURE): the first cap bytes, followed,
 * when more was written, by "\n[output truncated: N bytes dropped]\n".
 * The pointer stays valid until the next guest write or bx_wasi_free.
 * truncated may be NULL. */
BX_API const uint8_t *bx_wasi_stdout(bx_wasi *w, size_t *len, int *truncated);
BX_API const uint8_t *bx_wasi_stderr(bx_wasi *w, size_t *len, int *truncated);

/* Write one audit line in the same format (for the sandbox layer: env
 * reads, limits hit).  allow: 1 allow, 0 deny. */
BX_API void bx_wasi_audit(bx_wasi *w, const char *event, const char *path, int allow,
                   const char *rule, const char *hint);

/* Bytes counted against max_write so far; *limit_hit (may be NULL) is set
 * when a write was refused for it. */
BX_API uint64_t bx_wasi_bytes_written(const bx_wasi *w, int *limit_hit);
/* The symbolic links the guest made, in order: link i's guest path and
 * target (both NULL past the first 256 kept).  Returns how many it made. */
BX_API uint64_t bx_wasi_link(const bx_wasi *w, uint32_t i, const char **path, const char **target);

/* Closes every host fd the guest left open. */
BX_API void bx_wasi_free(bx_wasi *w);

/* ---- grants and limits: one struct for every layer above WASI ---------- */

/*
 * What a caller lets one run or one tool call use, as users write it: the
 * workspace, the grants (read:GUEST[=HOST], write:GUEST[=HOST], env:NAME[=VALUE],
 * fetch:PATTERN, deny:GLOB), the network lists and the limits.  The same
 * struct is embedded in bx_run_options, bx_net_config, bx_tool_context and
 * bx_executor_config, and built by one set of functions (src/sandbox/grants.c):
 * the CLI's flags and the policy file both go through bx_grants_set, a
 * server merges policy file, then flags, then executor with bx_grants_merge.
 * Strings are owned by whoever called bx_grants_init (bx_grants_free); a
 * struct that embeds one says whether its copy is owned or borrowed.
 * Zero limits mean "the default" of whoever applies them.
 */
typedef struct bx_grants {
    char *workspace;                            /* host dir shown at /workspace (NULL: none) */
    char **caps; size_t ncaps;                  /* grants as written, in order */
    char **block_networks; size_t nblock_networks;  /* CIDRs, addresses or "private" */
    char **block_url; size_t nblock_url;            /* URL prefixes always refused */
    char **allow_networks; size_t nallow_networks;  /* addresses/CIDRs lifted from the blocks */
    char **secret_headers; size_t nsecret_headers;  /* ORIGIN:NAME=env:VAR|VALUE, added at the egress */
    uint64_t timeout_ns;                        /* wall clock of one run or call */
    uint64_t max_memory, max_stack;             /* bytes */
    uint64_t fuel;                              /* instructions */
    uint64_t max_output;                        /* captured bytes per stream */
    uint64_t max_write;                         /* bytes written to granted files */
    char *cache_dir;                            /* compiled-module cache */
    char *audit_path;                           /* JSON lines appended here */
    int require_os_confinement;                 /* refuse unless the kernel confines the worker */
    int tier;                                   /* a bx_tier_choice; 0: not said (key "tier") */
} bx_grants;

/* Which engine tier runs a module (src/aot): the "tier" key's values.
 * UNSET lets the next layer decide ($BOXAGNTS_TIER, else interp). */
typedef enum bx_tier_choice {
    BX_TIER_UNSET = 0, BX_TIER_INTERP, BX_TIER_AOT, BX_TIER_AUTO
} bx_tier_choice;

BX_API void bx_grants_init(bx_grants *g);
BX_API void bx_grants_free(bx_grants *g);
/* A deep copy: dst is initialised first (never freed). */
BX_API bx_status bx_grants_copy(bx_grants *dst, const bx_grants *src, bx_error *err);
/* src over dst: its strings and non-zero limits replace dst's, its lists
 * are appended to dst's (flags add to what the policy file grants). */
BX_API bx_status bx_grants_merge(bx_grants *dst, const bx_grants *src, bx_error *err);
/* One setting by name, its value as a user writes it; the one parser of
 * the CLI's flags and the policy file.  Keys: workspace, cap, allow_host
 * (= cap fetch:VALUE), env (= cap env:VALUE), block_network, block_url,
 * allow_network, secret_header, timeout, max_memory, max_stack, fuel,
 * max_output, max_write, cache_dir, audit, tier (interp|aot|auto).  Checked here: a CIDR or
 * address (block_network may also say "private"), a URL with "://"
 * (block_url, allow_host), sizes, durations, whole numbers.  Grants are
 * checked against the file system when a run resolves them
 * (bx_run_options_add_cap), not here. */
BX_API bx_status bx_grants_set(bx_grants *g, const char *key, const char *value, bx_error *err);
/* Replace one list (key as above: cap, block_network, ...) with n values,
 * each checked as bx_grants_set checks it (the policy file's arrays). */
BX_API bx_status bx_grants_set_list(bx_grants *g, const char *key, const char *const *values, size_t n,
                             bx_error *err);
BX_API bx_status bx_parse_size(const char *s, uint64_t *out, bx_error *err);
BX_API bx_status bx_parse_duration(const char *s, uint64_t *out_ns, bx_error *err);

/* ---- sandbox: RunOption -> one sandboxed run (src/sandbox) ----------- */

typedef struct bx_dir_map {
    char *host;        /* canonical host path (realpath) */
    char *guest;       /* absolute guest path, normalised */
    int read_only;
    int is_file;       /* a single-file grant */
} bx_dir_map;

/* The seed's RunOption.  Every string is owned (bx_run_options_free).
 * g holds the grants and limits; g.workspace is canonical once set
 * (bx_run_options_set_workspace) and g.caps records each grant added. The
 * fields below it are the grants resolved: what src/wasi and src/net get. */
typedef struct bx_run_options {
    bx_grants g;
    bx_dir_map *map_dirs; size_t nmap_dirs;
    char **env_vars; size_t nenv_vars;       /* NAME=VALUE, or NAME = pass the host's */
    char **deny; size_t ndeny;               /* guest path globs made absent */
    char **allowed_outbound_hosts; size_t nallowed_outbound_hosts;   /* fetch: patterns */
    int block_private;              /* default 1: `private` is always blocked unless lifted */
    uint32_t max_fds;               /* open guest fds incl. stdio and preopens; 0 = 256 */
    /* The compiled tier (src/aot): a bxa_module the caller loaded for this
     * module before any confinement (a confined worker can neither run the
     * C compiler nor map code), or NULL to interpret.  Borrowed. */
    void *aot_module;
} bx_run_options;

BX_API void bx_run_options_init(bx_run_options *o);
/* bx_cache_check_grants for cache_dir against o's grants (see there). */
BX_API bx_cache_verdict bx_run_options_cache_verdict(const bx_run_options *o, const char *cache_dir, char *why,
                                              size_t cap);
BX_API void bx_run_options_free(bx_run_options *o);
BX_API bx_status bx_run_options_set_workspace(bx_run_options *o, const char *dir, bx_error *err);
BX_API bx_status bx_run_options_add_cap(bx_run_options *o, const char *cap, bx_error *err);
BX_API bx_status bx_run_options_add_dir(bx_run_options *o, const char *spec, bx_error *err);
BX_API bx_status bx_run_options_add_env(bx_run_options *o, const char *spec, bx_error *err);
/* Everything in g, over o: its grants resolved in order against its
 * workspace (or o's), its lists and limits as bx_grants_merge. */
BX_API bx_status bx_run_options_apply(bx_run_options *o, const bx_grants *g, bx_error *err);

/* What the caller supplies besides the options: argv, stdin, how output
 * is handled, and optionally one export to call instead of _start. */
#define BX_RUN_MAX_RESULTS 16
typedef struct bx_run_io {
    const char *const *argv; uint32_t argc;   /* argv[0] = program name */
    bx_wasi_stdin_kind stdin_kind;
    const uint8_t *stdin_buf; size_t stdin_len;
    int capture;              /* 1: stdout/stderr into the result (capped); 0: host's */
    const char *invoke;       /* NULL: run _start */
    const bx_val *args; uint32_t nargs;
    /* A component's --invoke: invoke is "NAME(ARGS)" or NAME with these
     * WAVE-text arguments; the result comes back as WAVE text (r->wave). */
    const char *const *wave_args; uint32_t nwave_args;
    const char *sandbox_id;   /* for the audit log */
    const volatile int *cancel; /* non-zero (set by another thread) stops the run; may be NULL */
    int stop_on_output_cap;   /* with capture: output over max_output traps (BX_WASI_STOP_ON_OUTPUT_CAP) */
    FILE *audit_file;         /* already open (a confined worker's): used instead of audit_path */
    /* An embedder's own imports, defined after WASI and the network (may be NULL). */
    bx_status (*define_imports)(void *user, bx_store *s, bx_linker *l, bx_error *err);
    void *define_user;
} bx_run_io;

typedef enum bx_run_outcome_kind {
    BX_RUN_EXITED,            /* _start returned or proc_exit: exit_code */
    BX_RUN_RETURNED,          /* --invoke returned: results */
    BX_RUN_TRAPPED,           /* trap (timeout, fuel, stack, or other): trap, message */
    BX_RUN_LOAD_ERROR,        /* malformed, invalid, unlinkable, no entry: message */
    BX_RUN_OUT_OF_MEMORY,     /* memory minimum above --max-memory: message */
    /* src/confine: the worker process, as its parent saw it end */
    BX_RUN_CONFINEMENT_VIOLATION, /* a system call the kernel's wall forbids: message */
    BX_RUN_CRASHED            /* a signal, or no valid result record: message */
} bx_run_outcome_kind;

/* The result record.  out/err are owned (bx_run_result_free). */
typedef struct bx_run_result {
    bx_run_outcome_kind outcome;
    int32_t exit_code;
    bx_trap trap;
    int timed_out;
    int cancelled;            /* stopped through bx_run_io.cancel */
    char message[320];        /* one line: what stopped it and how to change that */
    bx_val results[BX_RUN_MAX_RESULTS];
    uint32_t nresults;
    uint64_t fuel_used, wall_ns, peak_memory;
    uint8_t *out, *err;
    size_t out_len, err_len;
    int out_truncated, err_truncated;
    uint64_t bytes_written;   /* to granted files, as counted by max_write */
    int write_limit_hit;      /* a write failed with EDQUOT at max_write */
    /* Symbolic links the guest made (guest path, target); the first 256
     * are kept, links_made counts them all. */
    struct bx_run_link { char *path, *target; } *links;
    uint32_t nlinks;
    uint64_t links_made;
    int tier_aot;             /* 1: the compiled tier ran the module, 0: the interpreter */
    /* A component's --invoke: its result as WAVE text and a newline (owned;
     * cut at max_output: wave_truncated). */
    char *wave;
    size_t wave_len;
    int wave_truncated;
} bx_run_result;

/* Run one module under the options.  Returns BX_OK when the module ran
 * (however it ended: see r->outcome), else an error with err->msg. */
BX_API bx_status bx_sandbox_run(const bx_run_options *o, const uint8_t *wasm, size_t len,
                         const bx_run_io *io, bx_run_result *r, bx_error *err);
/* The same with a module compiled once (bx_module is immutable: many runs,
 * on many threads, may share it).  The caller keeps ownership of m. */
BX_API bx_status bx_sandbox_run_module(const bx_run_options *o, const bx_module *m,
                                const bx_run_io *io, bx_run_result *r, bx_error *err);
BX_API void bx_run_result_free(bx_run_result *r);
/* The audit log at path, opened for appending as every run opens it: a
 * regular file (a FIFO or socket is refused: a reader that stalls would
 * block the sandbox, BX_ERR_ARG), never blocking on the open.  The fd (the
 * caller closes it), or -1 with err set (BX_ERR_IO when it cannot be
 * opened). */
BX_API int bx_audit_open_fd(const char *path, bx_error *err);
/* "exited", "timeout", "fuel exhausted", "stack exhausted", "trap", ... */
BX_API const char *bx_run_outcome(const bx_run_result *r);

/* ---- net: outbound HTTP as a host capability (src/net) ---------------- */
/*
 * A bx_net is one run's network policy plus its open responses.  Requests
 * go out through libcurl only after the policy said yes: the URL is parsed
 * and normalised by us (IPv4 in every spelling, IPv6 brackets; no userinfo,
 * no zone ids, no CR/LF), matched against the allowlist and block_url, its
 * host resolved by us and EVERY address checked against the blocked
 * networks; the connection is then pinned to the checked address
 * (CURLOPT_RESOLVE + an open-socket callback refusing any other), so DNS
 * rebinding cannot slip past.  Redirects are followed by us, each hop
 * checked again.  The guest-facing ABI (module "boxagnts:http") is
 * documented in src/net/host.c.
 *
 * Patterns (allow): SCHEME://HOST[:PORT], SCHEME http, https or *, HOST a
 * name, an IP literal, *.DOMAIN (subdomains only) or *, PORT a number or *;
 * no port = the scheme's default.  Networks: CIDRs or single addresses,
 * plus "private" (loopback, RFC 1918, link-local incl. 169.254.169.254,
 * CGNAT, ULA, site-local, IPv4 embedded in IPv6: mapped, compatible,
 * NAT64, 6to4, Teredo).  Unspecified (0.0.0.0/8, ::), multicast and
 * 240.0.0.0/4 (incl. broadcast) are always refused.  allow_networks lifts
 * the block for the addresses it names only (e.g. 127.0.0.1 for tests).
 * Secret headers: ORIGIN:NAME=env:VAR or ORIGIN:NAME=VALUE; ORIGIN is a
 * pattern, a bare HOST[:PORT] meaning https only.  The value is added by
 * the host to requests to that origin, replaces any guest header of that
 * name, and is redacted from what the guest gets back and from messages.
 */
#define BX_NET_MODULE "boxagnts:http"

typedef struct bx_net bx_net;

typedef struct bx_net_addr {
    int family;                 /* AF_INET (addr[0..3]) or AF_INET6 */
    uint8_t addr[16];
} bx_net_addr;

typedef struct bx_net_config {
    /* Borrowed: block_networks, block_url, allow_networks and
     * secret_headers of g are used (its caps and limits are not: fetch:
     * grants arrive parsed as allow). */
    bx_grants g;
    const char *const *allow; size_t nallow;    /* fetch patterns */
    int block_private;          /* also block "private" (bx_run_options' default) */
    uint32_t max_redirects;         /* 0 = 5 (a request may ask for fewer) */
    uint64_t max_response_bytes;    /* 0 = 10 MiB (a request may ask for fewer) */
    uint64_t timeout_ns;            /* per request incl. redirects; 0 = 30 s */
    uint64_t connect_timeout_ns;    /* 0 = 10 s */
    uint64_t deadline_ns;           /* CLOCK_MONOTONIC; 0 = none (the run's end) */
    /* One call per decision; subject is the URL (secrets redacted). */
    void (*audit)(void *user, const char *event, const char *subject, int allow,
                  const char *rule, const char *hint);
    void *audit_user;
    /* Replaces getaddrinfo (tests): fill up to max addresses, return the
     * count, 0 for "no such name".  Runs on a thread of its own during a
     * request and may outlive it when the deadline passes first. */
    size_t (*resolve)(void *user, const char *host, bx_net_addr *out, size_t max);
    void *resolve_user;
} bx_net_config;

/* Parses every pattern, network, prefix and secret (env read now): a bad
 * one fails here with a message naming it.  Strings are copied. */
BX_API bx_net *bx_net_new(const bx_net_config *cfg, bx_error *err);
BX_API void bx_net_free(bx_net *n);

typedef enum bx_net_code {
    BX_NET_OK = 0,
    BX_NET_EINVAL = 1,          /* bad URL, method, header, request JSON */
    BX_NET_EDENIED = 2,         /* the policy refused (message names the grant) */
    BX_NET_EDNS = 3,            /* the name does not resolve */
    BX_NET_ECONNECT = 4,
    BX_NET_ETLS = 5,            /* handshake or certificate verification */
    BX_NET_ETIMEOUT = 6,
    BX_NET_EREDIRECTS = 7,      /* more than max_redirects */
    BX_NET_EIO = 8,             /* other transfer error */
    BX_NET_EINTERRUPTED = 9,    /* the run was interrupted or its deadline passed */
    BX_NET_ENOMEM = 10,
    BX_NET_EBADF = 11,          /* no such response handle / too many open */
    BX_NET_ERANGE = 12,         /* guest buffer too small / outside memory */
    BX_NET_ETOOBIG = 13         /* request or headers above their caps */
} bx_net_code;
BX_API const char *bx_net_code_name(bx_net_code c);    /* "denied", ... */

typedef struct bx_http_request {
    const char *method;                  /* NULL = GET */
    const char *url;
    const char *const *header_names; const char *const *header_values; size_t nheaders;
    const uint8_t *body; size_t body_len;
    uint64_t max_response_bytes;         /* 0 = the net's cap; never above it */
    uint64_t timeout_ns;                 /* 0 = the net's; never above it */
    int max_redirects;                   /* < 0 = the net's; never above it */
    int (*stop)(void *user); void *stop_user;   /* polled during the transfer */
} bx_http_request;

typedef struct bx_http_response {
    long status;
    char *final_url;
    char **header_names, **header_values; size_t nheaders;  /* names lowercase */
    uint8_t *body; size_t body_len;
    int truncated;                       /* body cut at max_response_bytes */
    uint32_t redirects;
} bx_http_response;

/* One request under the policy.  msg receives a sentence for the user on
 * failure (never a secret).  out is filled on BX_NET_OK only. */
BX_API bx_net_code bx_net_request(bx_net *n, const bx_http_request *rq, bx_http_response *out,
                           char *msg, size_t msglen);
BX_API void bx_http_response_free(bx_http_response *r);

/* Define the boxagnts:http functions in the linker (host functions of s,
 * user = n, which must outlive the store's use). */
BX_API bx_status bx_net_define(bx_net *n, bx_store *s, bx_linker *l, bx_error *err);

/* ---- tools: the Tool interface, WasmTool, registry (src/tools) -------- */
/*
 * A tool takes one JSON object and gives a result {"content": string,
 * "is_error": bool, "metadata": object|null}.  Built-in tools are WebAssembly
 * modules with a manifest (tool.json, see README "Tool manifests"), run
 * under bx_sandbox_run with the intersection of what the manifest needs and
 * what the caller's context grants.
 */
typedef enum bx_perm {
    BX_PERM_NONE = 0, BX_PERM_READ_ONLY, BX_PERM_WRITE, BX_PERM_EXECUTE,
    BX_PERM_DANGEROUS, BX_PERM_FORBIDDEN
} bx_perm;
BX_API const char *bx_perm_name(bx_perm p);                 /* "read_only", ... */
BX_API bx_status bx_perm_parse(const char *s, bx_perm *out, bx_error *err);

/* What a caller lets a call use.  g is borrowed (never freed through the
 * context: a shallow copy of the caller's, which must outlive the call);
 * its grants are intersected with what the tool's manifest needs, and its
 * network lifts and secret headers reach only tools that need the
 * network.  Zero limits mean "the tool's default"; no block_networks
 * means "private". */
typedef struct bx_tool_context {
    bx_grants g;
    bx_perm max_level;               /* the caller's profile: highest level allowed */
    const char *agent_id;            /* appears in the audit log as sandbox id prefix */
    const volatile int *cancel;      /* non-zero stops the running call (may be NULL) */
    FILE *audit_file;                /* already open (a confined worker's): instead of g.audit_path */
    /* The output so far of a running call, as the tool reports it
     * (boxagnts:progress.output: the bash tool's stdout, new bytes each
     * time, at most 4 times a second); called on the calling thread while
     * the call runs; text is valid only during the call.  May be NULL. */
    void (*progress)(void *user, const char *text, size_t len);
    void *progress_user;
} bx_tool_context;

/* Owned strings (bx_tool_result_free).  Usage is filled for wasm tools. */
typedef struct bx_tool_result {
    char *content;
    int is_error;
    char *metadata;                  /* JSON object text, or NULL */
    uint64_t fuel_used, wall_ns, peak_memory;
    /* Set by callers that confine the call (src/server): "full" | "partial"
     * | "none" and why; "" when not reported. */
    char os_confinement[8];
    char os_confinement_reason[256];
    /* Set by wasm tools: the tier that ran the module ("interp" | "aot";
     * "" for native tools) and, when another was asked for, why not. */
    char tier[8];
    char tier_reason[160];
} bx_tool_result;
BX_API void bx_tool_result_free(bx_tool_result *r);
/* {"content":...,"is_error":...,"metadata":...}; malloc'd, caller frees. */
BX_API char *bx_tool_result_json(const bx_tool_result *r);

typedef struct bx_tool bx_tool;
typedef bx_status (*bx_tool_exec_fn)(const bx_tool *t, const bx_tool_context *ctx,
                                     const char *input_json, bx_tool_result *out,
                                     bx_error *err);
/* The most of the workspace a tool may use (values fixed: 0, 1, 2). */
typedef enum bx_workspace_need {
    BX_NEED_NONE = 0, BX_NEED_READ = 1, BX_NEED_WRITE = 2
} bx_workspace_need;

/* The interface.  A native tool fills one in; bx_wasm_tool_load makes one
 * from a manifest.  destroy (may be NULL) frees impl. */
struct bx_tool {
    const char *name, *description;
    bx_perm level;
    const char *input_schema;        /* JSON Schema object text */
    bx_tool_exec_fn execute;         /* input already validated against the schema */
    /* What the tool needs and its default limits (0: none), for callers
     * that budget calls (quotas) or describe tools (MCP annotations). */
    int needs_network;
    uint64_t default_timeout_ns, default_fuel;
    void (*destroy)(bx_tool *t);
    void *impl;
    /* For describing the tool (MCP tools/list); NULL/0 when unknown:
     * a human-readable title, the most of the workspace it may use, the
     * JSON Schema of its result's metadata. */
    const char *title;
    bx_workspace_need needs_workspace;
    const char *output_schema;
};

/* Load a WasmTool from a manifest file (tool.json next to its .wasm).
 * The module is compiled once here and shared by every call (calls may run
 * on many threads at once).  NULL + err on a broken manifest or module. */
BX_API bx_tool *bx_wasm_tool_load(const char *manifest_path, bx_error *err);
/* The host imports every tool module may use besides WASI and
 * boxagnts:http (boxagnts:progress.output), for bx_run_io.define_imports;
 * user: the call's bx_tool_context (its progress callback), or NULL for a
 * module run outside a tool call (`boxagnts run bash/tool.wasm`). */
BX_API bx_status bx_tool_define_imports(void *user, bx_store *s, bx_linker *l, bx_error *err);
BX_API void bx_tool_free(bx_tool *t);
/* Compile a WasmTool's module now (through cache_dir, NULL: none), so that
 * processes forked later share it; other tools: nothing to do. */
BX_API bx_status bx_tool_prepare(const bx_tool *t, const char *cache_dir, bx_error *err);
/* The compiled tier for t (a bx_tier_choice): its shared object found in
 * cache_dir (may be NULL) or, with allow_compile, compiled now; kept for
 * t's life, so workers forked afterwards inherit it.  Never in a confined
 * process (it runs the C compiler and maps code).  Nothing to do for
 * native tools or tier interp.  Returns 1 when t has its compiled form
 * (now or already), 0 when not, with why filled. */
BX_API int bx_tool_prepare_tier(const bx_tool *t, const char *cache_dir, int tier, int allow_compile,
                                char *why, size_t cap);
/* The same, stopped when *cancel becomes non-zero (the C compiler is
 * killed; 0 with why saying so): a server shutting down does not wait for
 * a compilation. */
BX_API int bx_tool_prepare_tier_cancel(const bx_tool *t, const char *cache_dir, int tier, int allow_compile,
                                       const volatile int *cancel, char *why, size_t cap);
/* The tier named by $BOXAGNTS_TIER (a bx_tier_choice; UNSET when unset or
 * not one of interp, aot, auto). */
BX_API int bx_tier_env(void);

typedef struct bx_registry bx_registry;
BX_API bx_registry *bx_registry_new(void);
BX_API void bx_registry_free(bx_registry *r);
/* Takes ownership of t; a second tool with the same name is refused. */
BX_API bx_status bx_registry_add(bx_registry *r, bx_tool *t, bx_error *err);
/* Every DIR/<name>/tool.json.  A broken manifest is recorded as a problem
 * (bx_registry_problem) and skipped; only an unreadable DIR is an error. */
BX_API bx_status bx_registry_load_dir(bx_registry *r, const char *dir, bx_error *err);
/* Look again in every DIR loaded so far and add the tools whose manifests
 * are new and whose modules load and validate (else a problem; a manifest
 * already seen, loaded or not, is retried only once its folder changes; a
 * loaded tool is never replaced).  dir_ok (may be NULL) vetoes
 * a DIR (returning 0 with why filled): it is recorded as a problem and
 * skipped.  *added: how many.  Safe while other threads find and call
 * tools; one rescan at a time. */
typedef int (*bx_registry_dir_ok)(void *user, const char *dir, char *why, size_t cap);
BX_API bx_status bx_registry_rescan(bx_registry *r, bx_registry_dir_ok dir_ok, void *user, size_t *added,
                             bx_error *err);
BX_API size_t bx_registry_count(const bx_registry *r);
BX_API const bx_tool *bx_registry_at(const bx_registry *r, size_t i);   /* sorted by name */
BX_API const bx_tool *bx_registry_find(const bx_registry *r, const char *name);
BX_API size_t bx_registry_problem_count(const bx_registry *r);
BX_API const char *bx_registry_problem(const bx_registry *r, size_t i);

/* The one way to call a tool: permission check against ctx->max_level,
 * input parsed and validated against the schema, then execute.  Refusals
 * and invalid input are is_error results (BX_OK); other statuses mean the
 * call could not be made at all (err says why).  Thread-safe for one
 * registry shared by many threads. */
BX_API bx_status bx_tool_call(const bx_registry *r, const char *name, const bx_tool_context *ctx,
                       const char *input_json, bx_tool_result *out, bx_error *err);


/* ---- server: MCP over stdio, JSONL, executors (src/server) ----------- */
/*
 * An executor is an agent identity: its own workspace, grants, limits,
 * permission profile, tool allowlist and quotas.  Calls of any executors run
 * on one pool of worker threads, each call in its own sandbox; workers are
 * shared fairly (the executor with the fewest running calls goes first), so
 * one executor's trap, timeout, memory bomb or output flood costs only its
 * own calls.  Policy file format: docs/policy.md.
 */
typedef struct bx_executor_config {
    char *name;
    bx_grants g;                     /* owned; as bx_tool_context.g */
    char **tools; size_t ntools;     /* allowlist of tool names; none = every tool */
    bx_perm max_level;               /* profile; default BX_PERM_EXECUTE */
    /* Totals over the executor's life; 0 = unlimited.  A call is given the
     * smaller of its own limit (g, else the manifest's) and what is left
     * and not held by the executor's running calls, so concurrent calls
     * never go past a total; a call that finds nothing left is refused. */
    uint64_t quota_fuel, quota_wall_ns, quota_calls;
} bx_executor_config;

typedef struct bx_server_config {
    bx_executor_config defaults;     /* executor "default"; what the others inherit */
    char *executors_json;            /* policy "executors" object, applied over defaults
                                        by bx_server_new (flags set after the policy
                                        file is loaded so reach every executor) */
    char **tool_dirs; size_t ntool_dirs;
    uint32_t workers;                /* 0 = online cores */
    uint64_t max_message;            /* bytes per protocol line; 0 = 16 MiB */
    /* Kernel confinement (src/confine): by default each call runs in a
     * worker forked by a zygote made in bx_server_new.  no_: calls run in
     * the server's threads ("none"); require_: a call less than fully
     * confined is refused. */
    int no_os_confinement, require_os_confinement;
    /* Policy "drain" (bx_parse_drain): the grace at end of input; unset:
     * the protocol's default (bx_server_set_drain). */
    int drain_set;
    uint64_t drain_ns;
    /* Policy "worker_reuse" / --worker-reuse: the calls one confined worker
     * may serve, all of one executor and tool (1: a fresh worker per call;
     * at most 10000; 0: not set, BX_WORKER_REUSE_DEFAULT).  A worker is
     * discarded after any call that did not end with a result that is not
     * an error (trap, timeout, crash, violation) or that grew its memory
     * past a bound. */
    uint32_t worker_reuse;
} bx_server_config;

/* Calls one confined worker of mcp/serve serves when neither the policy
 * nor --worker-reuse says: per executor and tool, as the design
 * allows "if measured better" (README: security, the trade-off). */
#define BX_WORKER_REUSE_DEFAULT 1000u

BX_API void bx_server_config_init(bx_server_config *c);
BX_API void bx_server_config_free(bx_server_config *c);
/* Read a policy file (JSON, docs/policy.md) into c: its top level sets
 * c->defaults and tool dirs; its executors are checked now, applied later. */
BX_API bx_status bx_server_config_load_policy(bx_server_config *c, const char *path, bx_error *err);

/* The effective settings of executor i (0: "default", then the policy's
 * executors in file order), as bx_server_new builds them; free with
 * bx_executor_config_free.  (src/server/effective.c) */
BX_API size_t bx_server_config_executor_count(const bx_server_config *c);
BX_API bx_status bx_server_config_executor(const bx_server_config *c, size_t i, bx_executor_config *out,
                                    bx_error *err);
BX_API void bx_executor_config_free(bx_executor_config *e);

typedef struct bx_server bx_server;
/* Loads every tool dir into a registry and resolves the executors. */
BX_API bx_server *bx_server_new(const bx_server_config *c, bx_error *err);
BX_API void bx_server_free(bx_server *s);
BX_API const bx_registry *bx_server_registry(const bx_server *s);

/* One call through executor `executor` (NULL: "default"), on the calling
 * thread, with quota accounting.  Quota refusals, unknown or disallowed
 * tools are is_error results (BX_OK); other statuses as bx_tool_call. */
BX_API bx_status bx_server_call(bx_server *s, const char *executor, const char *tool,
                         const char *input_json, const volatile int *cancel,
                         bx_tool_result *out, bx_error *err);
/* What an executor has used so far; BX_ERR_ARG for an unknown name. */
typedef struct bx_executor_usage {
    uint64_t calls, fuel, wall_ns;
} bx_executor_usage;
BX_API bx_status bx_server_usage(bx_server *s, const char *executor, bx_executor_usage *u,
                          bx_error *err);

/* Serve until in_fd reaches end of file, then give the calls still
 * running their drain time (bx_server_set_drain), write their responses
 * and return.  MCP: JSON-RPC 2.0, one
 * message per line (revision 2025-06-18; 2025-03-26 and 2024-11-05 too),
 * calls made as `executor` (NULL: "default").  JSONL: one request
 * {"id","executor","tool","input"} per line (docs/policy.md).  Returns
 * BX_OK at end of input, an error when out_fd cannot be written. */
BX_API bx_status bx_server_run_mcp(bx_server *s, int in_fd, int out_fd, const char *executor,
                            bx_error *err);
BX_API bx_status bx_server_run_jsonl(bx_server *s, int in_fd, int out_fd, bx_error *err);
/* Requests to a running bx_server_run_*, async-signal-safe (for SIGTERM
 * and SIGHUP handlers): STOP cancels every call (sandboxes stopped through
 * their interrupt; answered as cancelled while the client reads) and
 * returns; RESCAN looks for new tools in the tool dirs (bx_registry_rescan)
 * and tells MCP clients (notifications/tools/list_changed).  A request
 * made before the run starts is served when it starts. */
#define BX_SERVER_STOP 1u
#define BX_SERVER_RESCAN 2u
BX_API void bx_server_request(bx_server *s, unsigned what);
/* At end of input, give running calls this long, then cancel them as STOP
 * does (queued calls never start; each is answered as cancelled while the
 * client reads); 0: at once; BX_DRAIN_WAIT: wait until every call has
 * finished (a batch script reads every answer).  Unless set (here, or by
 * the policy's "drain"): MCP BX_DRAIN_MCP_DEFAULT (a client that closed
 * its input has left: nothing keeps running for it), JSONL BX_DRAIN_WAIT.
 * A reader of our output that is gone cancels at once whatever the grace. */
#define BX_DRAIN_WAIT UINT64_MAX
#define BX_DRAIN_MCP_DEFAULT 500000000ull   /* 500 ms */
BX_API void bx_server_set_drain(bx_server *s, uint64_t ns);
/* A drain value as the flag and the policy file spell it: "wait", or a
 * duration ("500ms", "2s", "0"). */
BX_API bx_status bx_parse_drain(const char *text, uint64_t *ns, bx_error *err);
/* Where the server reports what the operator should see while it runs
 * (a tool a rescan could not add: one line, its path and the reason);
 * NULL (the default): nowhere.  Called on the thread serving the input. */
typedef void (*bx_server_warn_fn)(void *user, const char *line);
BX_API void bx_server_set_warn(bx_server *s, bx_server_warn_fn fn, void *user);

#ifdef __cplusplus
}
#endif
#endif
