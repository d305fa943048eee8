/*
 * fuzz/fuzz_engine.c — libFuzzer target for the WebAssembly engine.
 *
 * For each input: decode + validate + compile (bx_module_new); satisfy every
 * import with a host object built from the import's declared type (host
 * functions return zeros of the right types; memories, tables and globals
 * made with the declared limits/type); instantiate under small limits (fuel
 * 10,000 per call, 16 MiB per memory, 256 KiB of wasm stack); call every
 * exported function with zero arguments of the right types; call one of
 * them again with the interrupt flag set; free everything.
 *
 * Besides the sanitizers, a few hard-limit invariants abort (and so become a
 * crash with a reproducer): a memory larger than the cap, a trap status
 * without a trap kind, fuel used far beyond the budget.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "opcodes.h"

#define FUZZ_FUEL 10000u
#define FUZZ_MEM_CAP (16u << 20)
#define FUZZ_STACK (256u << 10)
#define FUZZ_TABLE_CAP 100000u
#define FUZZ_MAX_IMPORTS 1000u
#define FUZZ_MAX_CALLS 1000u

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "fuzz_engine: invariant failed: %s: ", #cond); \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
            abort();                                                       \
        }                                                                  \
    } while (0)

/* ---- a minimal reader for the import section --------------------------
 * The public API names an import's kind but not its table/memory/global
 * type, so read those from the binary.  Only called on bytes that
 * bx_module_new accepted, but bounds-checked all the same. */

typedef struct rd { const uint8_t *p, *end; int bad; } rd;

static uint8_t rd_u8(rd *r) {
    if (r->p >= r->end) { r->bad = 1; return 0; }
    return *r->p++;
}

/* The engine's own LEB128 reader (src/wasm/opcodes.h). */
static uint32_t rd_u32(rd *r) {
    uint64_t v = 0;
    if (bxe_leb(&r->p, r->end, 32, false, &v) != BXE_RD_OK) { r->bad = 1; return 0; }
    return (uint32_t)v;
}

static void rd_skip(rd *r, uint32_t n) {
    if ((size_t)(r->end - r->p) < n) { r->bad = 1; r->p = r->end; return; }
    r->p += n;
}

typedef struct import_desc {
    uint8_t kind;           /* 0 func, 1 table, 2 memory, 3 global */
    uint8_t valtype;        /* table elem type / global value type */
    uint8_t mut;            /* global */
    uint8_t has_max;
    uint32_t min, max;
} import_desc;

static void rd_limits(rd *r, import_desc *d) {
    uint8_t flag = rd_u8(r);
    d->min = rd_u32(r);
    d->has_max = flag & 1;
    d->max = d->has_max ? rd_u32(r) : 0;
}

/* Fills out[0..n) from the import section; returns the number read, or
 * -1 if the section is absent/unreadable when n > 0. */
static long read_imports(const uint8_t *data, size_t size, import_desc *out,
                         uint32_t n) {
    rd r = {data, data + size, 0};
    rd_skip(&r, 8);
    while (!r.bad && r.p < r.end) {
        uint8_t id = rd_u8(&r);
        uint32_t len = rd_u32(&r);
        if (r.bad || (size_t)(r.end - r.p) < len) return -1;
        if (id != 2) { r.p += len; continue; }
        rd s = {r.p, r.p + len, 0};
        uint32_t count = rd_u32(&s);
        if (count != n) return -1;
        for (uint32_t i = 0; i < count && !s.bad; i++) {
            rd_skip(&s, rd_u32(&s)); /* module name */
            rd_skip(&s, rd_u32(&s)); /* field name */
            import_desc *d = &out[i];
            memset(d, 0, sizeof *d);
            d->kind = rd_u8(&s);
            switch (d->kind) {
            case 0: (void)rd_u32(&s); break;
            case 1: d->valtype = rd_u8(&s); rd_limits(&s, d); break;
            case 2: rd_limits(&s, d); break;
            case 3: d->valtype = rd_u8(&s); d->mut = rd_u8(&s); break;
            default: s.bad = 1;
            }
        }
        return s.bad ? -1 : (long)count;
    }
    return n ? -1 : 0;
}

/* ---- host functions: return zeros -------------------------------------- */

static bx_trap zero_host(bx_hostcall *hc, uint64_t *args_results) {
    const bx_functype *ft = hc->user;
    if (hc->mem) CHECK(hc->mem_size <= FUZZ_MEM_CAP, "host sees %llu bytes",
                       (unsigned long long)hc->mem_size);
    for (uint32_t i = 0; i < ft->nresults; i++) args_results[i] = 0;
    return BX_TRAP_NONE;
}

static void check_status(bx_status st, const bx_error *err, const char *what) {
    CHECK(st <= BX_ERR_TRAP, "%s: status %d", what, (int)st);
    if (st == BX_ERR_TRAP) {
        CHECK(err->trap > BX_TRAP_NONE && err->trap < BX_TRAP_COUNT,
              "%s: trap kind %d", what, (int)err->trap);
        CHECK(bx_trap_message(err->trap) != NULL, "%s: no message", what);
    }
    CHECK(memchr(err->msg, 0, sizeof err->msg) != NULL, "%s: msg not terminated", what);
}

static void check_memories(bx_instance *inst) {
    for (uint32_t i = 0; i < 4; i++) {
        bx_memory *mem = bx_instance_memory(inst, i);
        if (!mem) break;
        uint64_t sz = bx_memory_size(mem);
        CHECK(sz <= FUZZ_MEM_CAP && sz % 65536 == 0, "memory %u is %llu bytes", i,
              (unsigned long long)sz);
        uint8_t *d = bx_memory_data(mem);
        if (sz) {
            volatile uint8_t x = d[0];
            x = d[sz - 1];
            (void)x;
        }
    }
}

static void run_instance(bx_store *s, const bx_module *m, bx_instance *inst) {
    check_memories(inst);
    uint32_t nexp = bx_module_export_count(m);
    uint32_t calls = 0;
    bx_func *first = NULL;
    for (uint32_t i = 0; i < nexp && calls < FUZZ_MAX_CALLS; i++) {
        const char *name = NULL;
        bx_externkind kind;
        bx_module_export(m, i, &name, &kind);
        CHECK(name != NULL, "export %u has no name", i);
        (void)strlen(name);
        bx_extern ext;
        const char *iname = NULL;
        bx_instance_export_at(inst, i, &iname, &ext);
        CHECK(iname == name, "export %u: module and instance disagree on its name", i);
        CHECK(ext.kind == kind, "export %s kind %d vs %d", name, (int)ext.kind, (int)kind);
        if (kind != BX_EXTERN_FUNC) {
            if (kind == BX_EXTERN_GLOBAL) (void)bx_global_get(ext.of.global);
            continue;
        }
        const bx_functype *ft = bx_func_type(ext.of.func);
        CHECK(ft != NULL, "export %s has no type", name);
        bx_val *args = calloc(ft->nparams + 1, sizeof *args);
        bx_val *res = calloc(ft->nresults + 1, sizeof *res);
        if (!args || !res) abort();
        for (uint32_t k = 0; k < ft->nparams; k++) args[k].type = ft->params[k];
        bx_error err;
        memset(&err, 0, sizeof err);
        bx_store_set_fuel(s, FUZZ_FUEL);
        bx_status st = bx_func_call(s, ext.of.func, args, ft->nparams, res,
                                    ft->nresults, &err);
        check_status(st, &err, name);
        uint64_t used = bx_store_fuel_used(s);
        /* per-block charging may overshoot a little, never by much */
        CHECK(used <= FUZZ_FUEL + 100000, "fuel used %llu", (unsigned long long)used);
        if (st == BX_OK)
            for (uint32_t k = 0; k < ft->nresults; k++)
                CHECK(res[k].type == ft->results[k] || res[k].type == 0,
                      "%s: result %u has type %d", name, k, (int)res[k].type);
        if (!first) first = ext.of.func;
        free(args);
        free(res);
        calls++;
        check_memories(inst);
    }
    if (first) { /* the interrupt path */
        const bx_functype *ft = bx_func_type(first);
        bx_val *args = calloc(ft->nparams + 1, sizeof *args);
        bx_val *res = calloc(ft->nresults + 1, sizeof *res);
        if (!args || !res) abort();
        for (uint32_t k = 0; k < ft->nparams; k++) args[k].type = ft->params[k];
        bx_error err;
        memset(&err, 0, sizeof err);
        bx_store_set_fuel(s, FUZZ_FUEL);
        bx_store_interrupt(s);
        CHECK(bx_store_is_interrupted(s), "interrupt flag not set");
        bx_status st = bx_func_call(s, first, args, ft->nparams, res, ft->nresults, &err);
        check_status(st, &err, "interrupted call");
        bx_store_clear_interrupt(s);
        free(args);
        free(res);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_module *m = bx_module_new(data, size, &err);
    if (!m) {
        CHECK(err.status == BX_ERR_MALFORMED || err.status == BX_ERR_INVALID ||
                  err.status == BX_ERR_NOMEM || err.status == BX_ERR_LIMIT,
              "bx_module_new failed with status %d", (int)err.status);
        CHECK(memchr(err.msg, 0, sizeof err.msg) != NULL, "msg not terminated");
        return 0;
    }

    uint32_t nimp = bx_module_import_count(m);
    for (uint32_t i = 0; i < nimp; i++) {
        const char *mod = NULL, *name = NULL;
        bx_externkind kind;
        bx_module_import(m, i, &mod, &name, &kind);
        CHECK(mod && name, "import %u has no names", i);
        (void)strlen(mod);
        (void)strlen(name);
    }
    for (uint32_t i = 0, n = bx_module_export_count(m); i < n; i++) {
        const char *name = NULL;
        bx_externkind kind;
        bx_module_export(m, i, &name, &kind);
        CHECK(name != NULL, "export %u has no name", i);
        const bx_functype *ft = bx_module_export_functype_at(m, i);
        CHECK((ft != NULL) == (kind == BX_EXTERN_FUNC),
              "export %s: functype/kind disagree", name);
    }

    bx_limits lim = {
        .max_memory_bytes = FUZZ_MEM_CAP,
        .max_stack_bytes = FUZZ_STACK,
        .max_table_elems = FUZZ_TABLE_CAP,
        .fuel = FUZZ_FUEL,
    };
    bx_store *s = NULL;
    bx_extern *imports = NULL;
    import_desc *descs = NULL;
    if (nimp > FUZZ_MAX_IMPORTS) goto out;
    s = bx_store_new(&lim);
    if (!s) abort();
    imports = calloc(nimp + 1, sizeof *imports);
    descs = calloc(nimp + 1, sizeof *descs);
    if (!imports || !descs) abort();
    if (read_imports(data, size, descs, nimp) != (long)nimp) goto out;
    for (uint32_t i = 0; i < nimp; i++) {
        const char *mod, *name;
        bx_externkind kind;
        bx_module_import(m, i, &mod, &name, &kind);
        if ((uint8_t)kind != descs[i].kind) goto out; /* reader disagrees */
        import_desc *d = &descs[i];
        imports[i].kind = kind;
        bx_error e2;
        memset(&e2, 0, sizeof e2);
        switch (kind) {
        case BX_EXTERN_FUNC: {
            const bx_functype *ft = bx_module_import_functype(m, i);
            CHECK(ft != NULL, "function import %u has no type", i);
            imports[i].of.func = bx_func_new_host(s, ft, zero_host, (void *)ft);
            if (!imports[i].of.func) goto out;
            break;
        }
        case BX_EXTERN_TABLE:
            imports[i].of.table = bx_table_new(s, (bx_valtype)d->valtype, d->min,
                                               d->max, d->has_max, &e2);
            if (!imports[i].of.table) goto out;
            break;
        case BX_EXTERN_MEMORY:
            imports[i].of.memory = bx_memory_new(s, d->min, d->max, d->has_max, &e2);
            if (!imports[i].of.memory) goto out;
            CHECK(bx_memory_size(imports[i].of.memory) == (uint64_t)d->min * 65536,
                  "new memory of %u pages has %llu bytes", d->min,
                  (unsigned long long)bx_memory_size(imports[i].of.memory));
            break;
        case BX_EXTERN_GLOBAL: {
            bx_val v = {(bx_valtype)d->valtype, 0};
            imports[i].of.global = bx_global_new(s, v, d->mut, &e2);
            if (!imports[i].of.global) goto out;
            break;
        }
        default:
            CHECK(0, "import %u has kind %d", i, (int)kind);
        }
    }

    memset(&err, 0, sizeof err);
    bx_store_set_fuel(s, FUZZ_FUEL); /* the start function runs on this */
    bx_instance *inst = bx_instance_new(s, m, imports, nimp, &err);
    if (inst) {
        run_instance(s, m, inst);
    } else {
        CHECK(err.status != BX_OK, "instantiation failed with status OK");
        check_status(err.status, &err, "instantiate");
    }

out:
    if (s) bx_store_free(s);
    free(imports);
    free(descs);
    bx_module_free(m);
    return 0;
}
