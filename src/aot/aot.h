/*
 * aot.h — the compiled tier (layer-private: src/aot sits on src/wasm and is
 * used by src/sandbox and the CLI; prefix bxa_).
 *
 * A validated module is translated to C (emit.c) from the interpreter's own
 * register code, so fuel, traps and numeric results are those of interp.c
 * by construction; the system C compiler makes a shared object of it
 * (build.c), kept in the module cache under an authenticated entry, and
 * rt.c binds it to an instance: every entry into one of the instance's
 * functions then runs native code.  Any failure on the way (no compiler, a
 * module the translator refuses, a compiler error or timeout, a cache
 * entry that does not verify) leaves the interpreter in charge: the tier is
 * an optimisation, never a user-visible error.
 */
#ifndef BX_AOT_H
#define BX_AOT_H

#include <stddef.h>
#include <stdint.h>

#include "boxagnts.h"

typedef enum bxa_tier { BXA_TIER_INTERP = 0, BXA_TIER_AOT, BXA_TIER_AUTO } bxa_tier;

/* "interp" | "aot" | "auto" -> tier; -1 for anything else. */
int bxa_tier_parse(const char *s);
/* The tier named by $BOXAGNTS_TIER, or dflt when unset or invalid. */
bxa_tier bxa_tier_env(bxa_tier dflt);
const char *bxa_tier_name(bxa_tier t);

/* emit.c: the C text of module m (malloc'd, NUL-terminated, *len bytes).
 * NULL when the translator refuses the module, with why filled. */
char *bxa_emit(const struct bx_module *m, size_t *len, char *why, size_t cap);
/* The same in guard mode (guard != 0): no bounds checks on memory 0, for a
 * memory reserved over BXE_GUARD_SPAN (rt.c turns its faults into traps). */
char *bxa_emit_mode(const struct bx_module *m, int guard, size_t *len, char *why, size_t cap);
/* Many modules in one C file (one compiler run for all: the spec suite's
 * batches, tests/spec/runner.c): the shared head once, then each module
 * with every name prefixed by BXA_BATCH_PREFIX and its index, so module
 * i's table is "b<i>_bxa_funcs"; guard as for bxa_emit_mode, for all of
 * them.  NULL when any is refused. */
#define BXA_BATCH_PREFIX "b%zu_"
char *bxa_emit_batch(const struct bx_module *const *ms, size_t n, int guard, size_t *len, char *why,
                     size_t cap);
/* Why the translator refuses m (SIMD, tail calls, ...), or NULL. */
const char *bxa_refuses(const struct bx_module *m);
/* Changes whenever the emitted text would (part of the cache key). */
uint64_t bxa_translator_id(void);

/* A loaded shared object for one module. */
typedef struct bxa_module bxa_module;
/* build.c: the compiled form of m, from the cache under cache_dir (NULL:
 * no cache) or compiled now (allow_compile) and then cached.  NULL with why
 * filled when there is none; the caller then interprets. */
bxa_module *bxa_module_get(const struct bx_module *m, const char *cache_dir, int allow_compile,
                           char *why, size_t cap);
/* The same with the variant chosen: guard mode (1) or explicit checks (0);
 * bxa_module_get picks guard mode when bxa_guard_available(). */
bxa_module *bxa_module_get_mode(const struct bx_module *m, const char *cache_dir, int allow_compile,
                                int guard, char *why, size_t cap);
int bxa_module_guarded(const bxa_module *am);
/* rt.c: could a memory made now be guard-reserved (and faults trapped)? */
int bxa_guard_available(void);
/* The same (variant as bxa_module_get); a compilation stops (the compiler's process group killed) once
 * *cancel is non-zero (cancel may be NULL). */
bxa_module *bxa_module_get_cancel(const struct bx_module *m, const char *cache_dir, int allow_compile,
                                  const volatile int *cancel, char *why, size_t cap);
void bxa_module_free(bxa_module *am);
/* A batch (build.c): ms[0..n) compiled by one compiler run from
 * bxa_emit_batch into one shared object, kept in the cache under cache_dir
 * as one authenticated entry keyed by every module's hash and the variant
 * (guard mode when bxa_guard_available(), as bxa_module_get picks).  _build makes
 * the entry unless a verified one is there (0, or -1 with why); _load
 * takes it from the cache only and fills out[i] for every module (each
 * holds its own reference to the object), 0 or -1 with why. */
int bxa_batch_build(const struct bx_module *const *ms, size_t n, const char *cache_dir, char *why,
                    size_t cap);
int bxa_batch_load(const struct bx_module *const *ms, size_t n, const char *cache_dir, bxa_module **out,
                   char *why, size_t cap);
/* Was it loaded from the cache (1) or compiled by this call (0)? */
int bxa_module_cached(const bxa_module *am);

/* rt.c: bind am to inst, an instance of the same module in store s: from
 * now on every call into inst's functions runs the compiled code.  The
 * binding must be freed after the store (bxa_inst_free).  NULL on failure
 * (out of memory): the instance stays interpreted. */
typedef struct bxa_inst bxa_inst;
bxa_inst *bxa_bind(bxa_module *am, bx_store *s, bx_instance *inst);
void bxa_inst_free(bxa_inst *ai);

/* The one-call form for callers: tier t for inst (of m, in s).  Returns the
 * binding (or NULL when the interpreter runs it); *ran_out is set to the
 * tier that will run, and why (may be NULL) says why aot was not used. */
typedef struct bxa_run {
    bxa_module *am;
    bxa_inst *ai;
    bxa_tier ran;           /* BXA_TIER_INTERP or BXA_TIER_AOT */
    int from_cache;
    int borrowed;           /* am belongs to the caller */
    char why[160];
} bxa_run;
void bxa_attach(bxa_run *r, bxa_tier t, const struct bx_module *m, const char *cache_dir,
                bx_store *s, bx_instance *inst);
/* The same in two steps: the compiled form first (r zeroed by the caller or
 * by this call), the binding once the instance exists. */
void bxa_prepare(bxa_run *r, bxa_tier t, const struct bx_module *m, const char *cache_dir);
void bxa_bind_run(bxa_run *r, bx_store *s, bx_instance *inst);
void bxa_detach(bxa_run *r);   /* after bx_store_free */

#endif
