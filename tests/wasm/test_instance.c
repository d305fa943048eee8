/*
 * test_instance.c — the run-time side of the engine: stores, limits, fuel,
 * interruption, host functions, memories, tables, globals, the linker,
 * import matching and instantiation (segments, start function, traps).
 *
 * Modules are written with a tiny binary builder below rather than with
 * wat, so the test needs nothing but the library.  Prints "N passed,
 * N failed" last and exits non-zero on any failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "runtime.h"

#include "../check.h"
/* This file's checks say no more than their condition. */
#define CHECK_C(cond) CHECK(cond, "%s", #cond)


#define CHECK_ERR(e, st, substr) do { \
        CHECK_C((e).status == (st)); \
        if (!strstr((e).msg, (substr))) { nfail++; \
            fprintf(stderr, "%s:%d: message \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, (e).msg, (substr)); } \
        else npass++; \
    } while (0)

/* ---- a tiny wasm binary builder -------------------------------------- */

typedef struct buf { uint8_t b[4096]; size_t n; } buf;

static void put(buf *b, uint8_t x) { if (b->n < sizeof b->b) b->b[b->n++] = x; }
static void putn(buf *b, const void *p, size_t n) { for (size_t i = 0; i < n; i++) put(b, ((const uint8_t *)p)[i]); }
static void leb(buf *b, uint32_t v) { do { uint8_t x = v & 0x7f; v >>= 7; put(b, x | (v ? 0x80 : 0)); } while (v); }
static void sleb(buf *b, int32_t v)
{
    for (;;) {
        uint8_t x = v & 0x7f;
        v >>= 7;
        if ((v == 0 && !(x & 0x40)) || (v == -1 && (x & 0x40))) { put(b, x); return; }
        put(b, x | 0x80);
    }
}
static void str(buf *b, const char *s) { leb(b, (uint32_t)strlen(s)); putn(b, s, strlen(s)); }
static void section(buf *m, uint8_t id, const buf *c) { put(m, id); leb(m, (uint32_t)c->n); putn(m, c->b, c->n); }
static void header(buf *m) { static const uint8_t h[8] = { 0, 'a', 's', 'm', 1, 0, 0, 0 }; m->n = 0; putn(m, h, 8); }
/* i32.const v; end */
static void i32c(buf *b, int32_t v) { put(b, 0x41); sleb(b, v); put(b, 0x0b); }

static bx_module *load(const buf *m)
{
    bx_error e;
    bx_module *mod = bx_module_new(m->b, m->n, &e);
    if (!mod) fprintf(stderr, "module rejected: %s\n", e.msg);
    return mod;
}

/* ---- host functions used below --------------------------------------- */

static bx_trap host_add(bx_hostcall *hc, uint64_t *ar)
{
    (void)hc;
    ar[0] = (uint32_t)(ar[0] + ar[1]);
    return BX_TRAP_NONE;
}

static bx_trap host_fail(bx_hostcall *hc, uint64_t *ar)
{
    return bx_hostcall_fail(hc, "refused: %d", (int)ar[0]);
}

static bx_trap host_exit(bx_hostcall *hc, uint64_t *ar)
{
    (void)ar;
    return bx_hostcall_exit(hc, 42);
}

static bx_trap host_count(bx_hostcall *hc, uint64_t *ar)
{
    (void)ar;
    (*(int *)hc->user)++;
    return BX_TRAP_NONE;
}

static bx_trap host_fail0(bx_hostcall *hc, uint64_t *ar)
{
    (void)ar;
    return bx_hostcall_fail(hc, "start refused");
}

static const bx_valtype I32x2[2] = { BX_I32, BX_I32 };

/* ---- tests ------------------------------------------------------------ */

static void test_store(void)
{
    bx_store *s = bx_store_new(NULL);
    CHECK_C(s != NULL);
    CHECK_C(s->limits.max_memory_bytes == (uint64_t)4 << 30);
    CHECK_C(s->limits.max_stack_bytes == 1u << 20);
    CHECK_C(s->limits.max_table_elems == 10000000u);
    CHECK_C(!s->fuel_limited);
    CHECK_C(bx_store_fuel_used(s) == 0);

    bx_store_set_fuel(s, 100);
    CHECK_C(s->fuel_limited && s->fuel == 100);
    s->fuel -= 30;                      /* what the interpreter does */
    CHECK_C(bx_store_fuel_used(s) == 30);
    s->fuel = -3;                       /* overshoot on exhaustion */
    CHECK_C(bx_store_fuel_used(s) == 100);
    bx_store_set_fuel(s, 0);
    CHECK_C(!s->fuel_limited && bx_store_fuel_used(s) == 0);

    CHECK_C(!bx_store_is_interrupted(s));
    bx_store_interrupt(s);
    CHECK_C(bx_store_is_interrupted(s));
    bx_store_clear_interrupt(s);
    CHECK_C(!bx_store_is_interrupted(s));
    bx_store_free(s);

    bx_limits lim = { .max_memory_bytes = 1 << 20, .fuel = 7 };
    s = bx_store_new(&lim);
    CHECK_C(s->limits.max_memory_bytes == 1 << 20 && s->fuel == 7 && s->fuel_limited);
    bx_store_free(s);
    bx_store_free(NULL);
}

static void test_host_funcs(void)
{
    bx_store *s = bx_store_new(NULL);
    bx_valtype p[2] = { BX_I32, BX_I32 }, r[1] = { BX_I32 };
    bx_functype t = { 2, 1, p, r };
    bx_func *add = bx_func_new_host(s, &t, host_add, NULL);
    p[0] = BX_F64;  /* the type was copied */
    CHECK_C(add && bx_func_type(add)->params[0] == BX_I32 && bx_func_type(add)->nparams == 2);

    bx_val args[2] = { { BX_I32, 40 }, { BX_I32, 2 } }, res[1];
    bx_error e;
    CHECK_C(bx_func_call(s, add, args, 2, res, 1, &e) == BX_OK);
    CHECK_C(res[0].type == BX_I32 && res[0].bits == 42);
    CHECK_C(bx_func_call(s, add, args, 1, res, 1, &e) == BX_ERR_ARG);
    CHECK_ERR(e, BX_ERR_ARG, "takes 2 arguments");
    CHECK_C(bx_func_call(s, add, args, 2, res, 0, &e) == BX_ERR_ARG);
    args[1].type = BX_I64;
    CHECK_C(bx_func_call(s, add, args, 2, res, 1, &e) == BX_ERR_ARG);
    CHECK_ERR(e, BX_ERR_ARG, "argument 1 must be i32, not i64");
    args[1].type = BX_I32;

    bx_functype t1 = { 1, 0, I32x2, NULL };
    bx_func *fail = bx_func_new_host(s, &t1, host_fail, NULL);
    CHECK_C(bx_func_call(s, fail, args, 1, NULL, 0, &e) == BX_ERR_TRAP);
    CHECK_C(e.trap == BX_TRAP_HOST);
    CHECK_ERR(e, BX_ERR_TRAP, "refused: 40");

    bx_functype t0 = { 0, 0, NULL, NULL };
    bx_func *ex = bx_func_new_host(s, &t0, host_exit, NULL);
    CHECK_C(bx_func_call(s, ex, NULL, 0, NULL, 0, &e) == BX_ERR_TRAP);
    CHECK_C(e.trap == BX_TRAP_EXIT && bx_store_exit_code(s) == 42);

    /* the store stays usable after traps */
    CHECK_C(bx_func_call(s, add, args, 2, res, 1, &e) == BX_OK && res[0].bits == 42);
    CHECK_C(e.status == BX_OK);
    CHECK_C(bx_func_new_host(s, &t, NULL, NULL) == NULL);
    bx_store_free(s);
}

static void test_memory(void)
{
    bx_limits lim = { .max_memory_bytes = 16 * 65536 };   /* 1 MiB */
    bx_store *s = bx_store_new(&lim);
    bx_error e;
    bx_memory *m = bx_memory_new(s, 1, 0, 0, &e);
    CHECK_C(m && e.status == BX_OK);
    CHECK_C(bx_memory_size(m) == 65536 && m->max_pages == 16);
    uint8_t *d = bx_memory_data(m);
    d[0] = 1; d[65535] = 2;
    CHECK_C(bxe_memory_grow(s, m, 0) == 1);
    CHECK_C(bxe_memory_grow(s, m, 15) == 1);
    CHECK_C(bx_memory_data(m) == d && d[65535] == 2);   /* never moves */
    d[16 * 65536 - 1] = 3;                            /* committed */
    CHECK_C(bx_memory_size(m) == 16 * 65536);
    CHECK_C(bxe_memory_grow(s, m, 1) == UINT32_MAX);     /* cap */
    CHECK_C(bxe_memory_grow(s, m, UINT32_MAX) == UINT32_MAX);
    CHECK_C(bx_store_peak_memory(s) == 16 * 65536);

    bx_memory *m2 = bx_memory_new(s, 0, 2, 1, &e);
    CHECK_C(m2 && bx_memory_size(m2) == 0 && bx_memory_data(m2) != NULL);
    /* the cap counts all memories together (multi-memory): m holds it all */
    CHECK_C(bxe_memory_grow(s, m2, 2) == UINT32_MAX);
    CHECK_C(bx_store_peak_memory(s) == 16 * 65536);
    CHECK_C(bxe_memory_grow(s, m, 0) == 16);
    bx_memory *m3 = bx_memory_new(s, 1, 0, 0, &e);    /* no room for a page */
    CHECK_C(!m3 && e.status == BX_ERR_LIMIT);

    bx_memory *z = bx_memory_new(s, 0, 0, 1, &e);      /* max 0: no pages ever */
    CHECK_C(z && bx_memory_size(z) == 0 && bx_memory_data(z) != NULL);
    CHECK_C(bxe_memory_grow(s, z, 1) == UINT32_MAX);
    CHECK_C(bxe_memory_grow(s, z, 0) == 0);

    CHECK_C(bx_memory_new(s, 17, 0, 0, &e) == NULL);
    CHECK_ERR(e, BX_ERR_LIMIT, "memory minimum 17 pages (1.0625 MiB) exceeds the limit 16 pages (1 MiB); raise --max-memory");
    CHECK_C(bx_memory_new(s, 3, 2, 1, &e) == NULL && e.status == BX_ERR_ARG);
    CHECK_C(bx_memory_new(s, 65537, 0, 0, &e) == NULL && e.status == BX_ERR_ARG);
    bx_store_free(s);

    /* the default cap is the whole wasm32 space; reservations are virtual */
    s = bx_store_new(NULL);
    for (int i = 0; i < 8; i++) CHECK_C(bx_memory_new(s, 1, 0, 0, NULL) != NULL);
    bx_store_free(s);

    /* a cap below one page */
    lim.max_memory_bytes = 1000;
    s = bx_store_new(&lim);
    m = bx_memory_new(s, 0, 0, 0, &e);
    CHECK_C(m && bxe_memory_grow(s, m, 1) == UINT32_MAX);
    bx_store_free(s);
}

static void test_tables_globals(void)
{
    bx_limits lim = { .max_table_elems = 10 };
    bx_store *s = bx_store_new(&lim);
    bx_error e;
    bx_table *t = bx_table_new(s, BX_FUNCREF, 2, 5, 1, &e);
    CHECK_C(t && t->size == 2 && t->elems[0] == 0 && t->elems[1] == 0);
    CHECK_C(bxe_table_grow(s, t, 3, 77) == 2);
    CHECK_C(t->size == 5 && t->elems[4] == 77 && t->elems[1] == 0);
    CHECK_C(bxe_table_grow(s, t, 1, 0) == UINT32_MAX);
    bx_table *u = bx_table_new(s, BX_EXTERNREF, 0, 0, 0, &e);
    CHECK_C(u && u->size == 0 && u->max == 10);
    for (uint32_t i = 0; i < 10; i++) CHECK_C(bxe_table_grow(s, u, 1, i + 1) == i);
    CHECK_C(bxe_table_grow(s, u, 1, 0) == UINT32_MAX);
    CHECK_C(u->elems[9] == 10);
    CHECK_C(bx_table_new(s, BX_FUNCREF, 11, 0, 0, &e) == NULL);
    CHECK_ERR(e, BX_ERR_LIMIT, "table minimum 11");
    CHECK_C(bx_table_new(s, BX_I32, 1, 0, 0, &e) == NULL && e.status == BX_ERR_ARG);

    bx_val v = { BX_I32, 0xFFFFFFFF00000005ull };
    bx_global *g = bx_global_new(s, v, 1, &e);
    CHECK_C(g && bx_global_get(g).type == BX_I32 && bx_global_get(g).bits == 5);
    v.type = BX_F64; v.bits = 0x400921FB54442D18ull;
    g = bx_global_new(s, v, 0, &e);
    CHECK_C(g && bx_global_get(g).bits == 0x400921FB54442D18ull && !g->mutable_);
    v.type = BX_V128;
    CHECK_C(bx_global_new(s, v, 0, &e) == NULL && e.status == BX_ERR_ARG);
    bx_store_free(s);
}

/* (import "env" "f" (func (param i32))) */
static void mod_import_func(buf *m)
{
    buf c = { .n = 0 };
    header(m);
    c.n = 0; leb(&c, 1); put(&c, 0x60); leb(&c, 1); put(&c, BX_I32); leb(&c, 0);
    section(m, 1, &c);
    c.n = 0; leb(&c, 1); str(&c, "env"); str(&c, "f"); put(&c, 0x00); leb(&c, 0);
    section(m, 2, &c);
}

static void test_linker_and_import_matching(void)
{
    bx_store *s = bx_store_new(NULL);
    bx_linker *l = bx_linker_new();
    bx_error e;
    buf m;
    mod_import_func(&m);
    bx_module *mod = load(&m);
    CHECK_C(mod != NULL);
    if (!mod) { bx_linker_free(l); bx_store_free(s); return; }

    CHECK_C(bx_linker_instantiate(l, s, mod, &e) == NULL);
    CHECK_ERR(e, BX_ERR_UNLINKABLE, "unknown import \"env\".\"f\"");

    bx_functype t0 = { 0, 0, NULL, NULL }, t1 = { 1, 0, I32x2, NULL };
    bx_extern x = { .kind = BX_EXTERN_FUNC };
    x.of.func = bx_func_new_host(s, &t0, host_exit, NULL);
    CHECK_C(bx_linker_define(l, "env", "f", x) == BX_OK);
    CHECK_C(bx_linker_instantiate(l, s, mod, &e) == NULL);
    CHECK_ERR(e, BX_ERR_UNLINKABLE, "incompatible import type");
    CHECK_C(strstr(e.msg, "expected func (i32) -> (), got () -> ()") != NULL);

    /* a kind mismatch */
    bx_extern mx = { .kind = BX_EXTERN_MEMORY };
    mx.of.memory = bx_memory_new(s, 1, 0, 0, NULL);
    CHECK_C(bx_linker_define(l, "env", "f", mx) == BX_OK);   /* replaces */
    CHECK_C(bx_linker_instantiate(l, s, mod, &e) == NULL);
    CHECK_ERR(e, BX_ERR_UNLINKABLE, "expected func, got memory");

    x.of.func = bx_func_new_host(s, &t1, host_fail, NULL);
    CHECK_C(bx_linker_define(l, "env", "f", x) == BX_OK);
    bx_instance *inst = bx_linker_instantiate(l, s, mod, &e);
    CHECK_C(inst != NULL && e.status == BX_OK);
    CHECK_C(inst && inst->funcs[0] == x.of.func);
    CHECK_C(bx_instance_memory(inst, 0) == NULL);
    CHECK_C(!bx_instance_export(inst, "nothing", NULL));

    /* wrong import count through the direct API */
    CHECK_C(bx_instance_new(s, mod, NULL, 0, &e) == NULL && e.status == BX_ERR_ARG);
    bx_extern none = { .kind = BX_EXTERN_FUNC };
    CHECK_C(bx_instance_new(s, mod, &none, 1, &e) == NULL && e.status == BX_ERR_ARG);
    bx_linker_free(l);
    bx_store_free(s);
    bx_module_free(mod);      /* modules outlive their instances */
}

/* (import "env" "mem" (memory min max?)) (import "env" "tab" (table min max? funcref))
 * (import "env" "g" (global [mut] i32)) */
static bx_module *mod_import_others(uint32_t mmin, int mhas, uint32_t mmax,
                                    uint32_t tmin, int thas, uint32_t tmax, int gmut)
{
    buf m, c = { .n = 0 };
    header(&m);
    leb(&c, 3);
    str(&c, "env"); str(&c, "mem"); put(&c, 0x02); put(&c, mhas); leb(&c, mmin); if (mhas) leb(&c, mmax);
    str(&c, "env"); str(&c, "tab"); put(&c, 0x01); put(&c, 0x70); put(&c, thas); leb(&c, tmin); if (thas) leb(&c, tmax);
    str(&c, "env"); str(&c, "g"); put(&c, 0x03); put(&c, BX_I32); put(&c, gmut);
    section(&m, 2, &c);
    return load(&m);
}

static void test_limits_matching(void)
{
    bx_store *s = bx_store_new(NULL);
    bx_error e;
    bx_extern im[3] = { { .kind = BX_EXTERN_MEMORY }, { .kind = BX_EXTERN_TABLE },
                        { .kind = BX_EXTERN_GLOBAL } };
    bx_val gv = { BX_I32, 7 };
    im[0].of.memory = bx_memory_new(s, 2, 3, 1, NULL);
    im[1].of.table = bx_table_new(s, BX_FUNCREF, 10, 20, 1, NULL);
    im[2].of.global = bx_global_new(s, gv, 0, NULL);

    bx_module *ok = mod_import_others(2, 1, 3, 10, 1, 20, 0);
    bx_module *mem_min = mod_import_others(3, 0, 0, 10, 0, 0, 0);
    bx_module *mem_max = mod_import_others(1, 1, 2, 10, 0, 0, 0);
    bx_module *tab_min = mod_import_others(1, 0, 0, 11, 0, 0, 0);
    bx_module *tab_max = mod_import_others(1, 0, 0, 1, 1, 19, 0);
    bx_module *g_mut = mod_import_others(1, 0, 0, 1, 0, 0, 1);
    bx_module *loose = mod_import_others(0, 1, 5, 0, 1, 100, 0);
    CHECK_C(ok && mem_min && mem_max && tab_min && tab_max && g_mut && loose);
    if (ok && mem_min && mem_max && tab_min && tab_max && g_mut && loose) {
        CHECK_C(bx_instance_new(s, ok, im, 3, &e) != NULL);
        CHECK_C(bx_instance_new(s, loose, im, 3, &e) != NULL);
        CHECK_C(bx_instance_new(s, mem_min, im, 3, &e) == NULL);
        CHECK_ERR(e, BX_ERR_UNLINKABLE, "incompatible import type for \"env\".\"mem\"");
        CHECK_C(bx_instance_new(s, mem_max, im, 3, &e) == NULL);
        CHECK_ERR(e, BX_ERR_UNLINKABLE, "incompatible import type");
        CHECK_C(bx_instance_new(s, tab_min, im, 3, &e) == NULL);
        CHECK_ERR(e, BX_ERR_UNLINKABLE, "\"env\".\"tab\"");
        CHECK_C(bx_instance_new(s, tab_max, im, 3, &e) == NULL);
        CHECK_ERR(e, BX_ERR_UNLINKABLE, "incompatible import type");
        CHECK_C(bx_instance_new(s, g_mut, im, 3, &e) == NULL);
        CHECK_ERR(e, BX_ERR_UNLINKABLE, "expected mutable global i32, got global i32");
        /* a memory without a max does not satisfy an import with one */
        bx_extern im2[3] = { im[0], im[1], im[2] };
        im2[0].of.memory = bx_memory_new(s, 2, 0, 0, NULL);
        CHECK_C(bx_instance_new(s, ok, im2, 3, &e) == NULL && e.status == BX_ERR_UNLINKABLE);
        /* grown memory counts with its current size */
        CHECK_C(bxe_memory_grow(s, im[0].of.memory, 1) == 2);
        CHECK_C(bx_instance_new(s, mem_min, im, 3, &e) != NULL);
    }
    bx_store_free(s);
    bx_module_free(ok); bx_module_free(mem_min); bx_module_free(mem_max);
    bx_module_free(tab_min); bx_module_free(tab_max); bx_module_free(g_mut);
    bx_module_free(loose);
}

static void test_memory_cap_instantiation(void)
{
    bx_limits lim = { .max_memory_bytes = 16 << 20, .max_table_elems = 100 };
    bx_store *s = bx_store_new(&lim);
    bx_error e;
    buf m, c = { .n = 0 };
    header(&m);
    leb(&c, 1); put(&c, 0x00); leb(&c, 300);             /* (memory 300) */
    section(&m, 5, &c);
    bx_module *mod = load(&m);
    CHECK_C(mod != NULL);
    if (mod) {
        CHECK_C(bx_instance_new(s, mod, NULL, 0, &e) == NULL);
        CHECK_ERR(e, BX_ERR_LIMIT, "memory minimum 300 pages (18.75 MiB) exceeds the limit 256 pages (16 MiB); raise --max-memory");
        CHECK_C(s->instances == NULL && s->mem_total == 0);
        bx_module_free(mod);
    }

    header(&m);
    c.n = 0; leb(&c, 1); put(&c, 0x70); put(&c, 0x00); leb(&c, 101);   /* (table 101 funcref) */
    section(&m, 4, &c);
    mod = load(&m);
    CHECK_C(mod != NULL);
    if (mod) {
        CHECK_C(bx_instance_new(s, mod, NULL, 0, &e) == NULL);
        CHECK_ERR(e, BX_ERR_LIMIT, "table minimum 101 elements exceeds the limit 100");
        bx_module_free(mod);
    }

    /* memory (1 100000?) no: max above the cap is fine, growth stops at the cap */
    header(&m);
    c.n = 0; leb(&c, 1); put(&c, 0x01); leb(&c, 1); leb(&c, 1000);
    section(&m, 5, &c);
    c.n = 0; leb(&c, 1); str(&c, "m"); put(&c, 0x02); leb(&c, 0);
    section(&m, 7, &c);
    mod = load(&m);
    CHECK_C(mod != NULL);
    if (mod) {
        bx_instance *inst = bx_instance_new(s, mod, NULL, 0, &e);
        bx_extern x;
        CHECK_C(inst && bx_instance_export(inst, "m", &x) && x.kind == BX_EXTERN_MEMORY);
        if (inst) {
            CHECK_C(x.of.memory == bx_instance_memory(inst, 0));
            CHECK_C(bxe_memory_grow(s, x.of.memory, 255) == 1);
            CHECK_C(bxe_memory_grow(s, x.of.memory, 1) == UINT32_MAX);
            CHECK_C(x.of.memory->has_max && x.of.memory->decl_max == 1000);
        }
        /* freed after the store: it has an instance */
    }
    bx_store_free(s);
    bx_module_free(mod);
}

/*
 * A module that imports memory "env"."mem" and table "env"."tab", defines
 * two functions, and has segments:
 *   elem 0: active, table 0 offset `eoff`, (ref.func 0) (ref.func 1)
 *   elem 1: passive funcref (ref.func 1)
 *   elem 2: declarative funcref (ref.func 0)
 *   data 0: active offset 0 "hi"
 *   data 1: active offset `doff` "xyz"
 *   data 2: passive "p"
 * exports: f0, f1, g (global i32 = global.get 0 of the import "env"."g"), gr (funcref = ref.func 1)
 */
static bx_module *mod_segments(int32_t eoff, int32_t doff)
{
    buf m, c = { .n = 0 };
    header(&m);
    leb(&c, 1); put(&c, 0x60); leb(&c, 0); leb(&c, 0);                      /* type 0: [] -> [] */
    section(&m, 1, &c);
    c.n = 0; leb(&c, 3);
    str(&c, "env"); str(&c, "mem"); put(&c, 0x02); put(&c, 0x00); leb(&c, 1);
    str(&c, "env"); str(&c, "tab"); put(&c, 0x01); put(&c, 0x70); put(&c, 0x00); leb(&c, 0);
    str(&c, "env"); str(&c, "g"); put(&c, 0x03); put(&c, BX_I32); put(&c, 0);
    section(&m, 2, &c);
    c.n = 0; leb(&c, 2); leb(&c, 0); leb(&c, 0);                           /* two funcs */
    section(&m, 3, &c);
    c.n = 0; leb(&c, 2);
    put(&c, BX_I32); put(&c, 0); put(&c, 0x23); leb(&c, 0); put(&c, 0x0b);  /* global.get 0 */
    put(&c, BX_FUNCREF); put(&c, 0); put(&c, 0xd2); leb(&c, 1); put(&c, 0x0b);  /* ref.func 1 */
    section(&m, 6, &c);
    c.n = 0; leb(&c, 4);
    str(&c, "f0"); put(&c, 0x00); leb(&c, 0);
    str(&c, "f1"); put(&c, 0x00); leb(&c, 1);
    str(&c, "g"); put(&c, 0x03); leb(&c, 1);
    str(&c, "gr"); put(&c, 0x03); leb(&c, 2);
    section(&m, 7, &c);
    c.n = 0; leb(&c, 3);
    put(&c, 0x00); i32c(&c, eoff); leb(&c, 2); leb(&c, 0); leb(&c, 1);     /* active, table 0 */
    put(&c, 0x01); put(&c, 0x00); leb(&c, 1); leb(&c, 1);                   /* passive */
    put(&c, 0x03); put(&c, 0x00); leb(&c, 1); leb(&c, 0);                   /* declarative */
    section(&m, 9, &c);
    c.n = 0; leb(&c, 3);                                                   /* datacount 3 */
    section(&m, 12, &c);
    c.n = 0; leb(&c, 2);
    for (int i = 0; i < 2; i++) { leb(&c, 2); leb(&c, 0); put(&c, 0x0b); } /* empty bodies */
    section(&m, 10, &c);
    c.n = 0; leb(&c, 3);
    put(&c, 0x00); i32c(&c, 0); str(&c, "hi");
    put(&c, 0x00); i32c(&c, doff); str(&c, "xyz");
    put(&c, 0x01); str(&c, "p");
    section(&m, 11, &c);
    return load(&m);
}

static void test_segments(void)
{
    bx_store *s = bx_store_new(NULL);
    bx_error e;
    bx_val gv = { BX_I32, 1234 };
    bx_extern im[3] = { { .kind = BX_EXTERN_MEMORY }, { .kind = BX_EXTERN_TABLE },
                        { .kind = BX_EXTERN_GLOBAL } };
    im[0].of.memory = bx_memory_new(s, 1, 0, 0, NULL);
    im[1].of.table = bx_table_new(s, BX_FUNCREF, 4, 0, 0, NULL);
    im[2].of.global = bx_global_new(s, gv, 0, NULL);
    bx_table *tab = im[1].of.table;
    uint8_t *mem = bx_memory_data(im[0].of.memory);

    bx_module *good = mod_segments(1, 65533);
    bx_module *bad_data = mod_segments(2, 65534);     /* "xyz" one byte past the end */
    bx_module *bad_elem = mod_segments(3, 0);         /* 2 elems at 3 in a table of 4 */
    bx_module *neg = mod_segments(0, -1);             /* offsets are unsigned */
    CHECK_C(good && bad_data && bad_elem && neg);
    if (good && bad_data && bad_elem && neg) {
        bx_instance *inst = bx_instance_new(s, good, im, 3, &e);
        CHECK_C(inst != NULL && e.status == BX_OK);
        if (inst) {
            bx_extern f0, f1, g, gr;
            CHECK_C(bx_instance_export(inst, "f0", &f0) && f0.kind == BX_EXTERN_FUNC);
            CHECK_C(bx_instance_export(inst, "f1", &f1) && f1.kind == BX_EXTERN_FUNC);
            CHECK_C(bx_instance_export(inst, "g", &g) && g.kind == BX_EXTERN_GLOBAL);
            CHECK_C(bx_instance_export(inst, "gr", &gr) && gr.kind == BX_EXTERN_GLOBAL);
            CHECK_C(tab->elems[0] == 0);
            CHECK_C(tab->elems[1] == (uint64_t)(uintptr_t)f0.of.func);
            CHECK_C(tab->elems[2] == (uint64_t)(uintptr_t)f1.of.func);
            CHECK_C(tab->elems[3] == 0);
            CHECK_C(bx_global_get(g.of.global).bits == 1234 && bx_global_get(g.of.global).type == BX_I32);
            CHECK_C(bx_global_get(gr.of.global).bits == (uint64_t)(uintptr_t)f1.of.func);
            CHECK_C(bx_global_get(gr.of.global).type == BX_FUNCREF);
            CHECK_C(memcmp(mem, "hi", 2) == 0 && memcmp(mem + 65533, "xyz", 3) == 0);
            /* active and declarative segments dropped; passive kept */
            CHECK_C(inst->elem_len[0] == 0 && inst->elem_len[1] == 1 && inst->elem_len[2] == 0);
            CHECK_C(inst->elem_values[1][0] == (uint64_t)(uintptr_t)f1.of.func);
            CHECK_C(inst->data_dropped[0] && inst->data_dropped[1] && !inst->data_dropped[2]);
            /* identical types share one pointer */
            CHECK_C(bx_func_type(f0.of.func) == bx_func_type(f1.of.func));
            CHECK_C(f1.of.func->inst == inst && f1.of.func->index == 1);
        }

        memset(mem, 0, 65536);
        memset(tab->elems, 0, 4 * sizeof(uint64_t));
        CHECK_C(bx_instance_new(s, bad_data, im, 3, &e) == NULL);
        CHECK_C(e.status == BX_ERR_TRAP && e.trap == BX_TRAP_MEMORY_OOB);
        CHECK_ERR(e, BX_ERR_TRAP, "out of bounds memory access");
        /* earlier writes stay: the table and data 0, but not the failing segment */
        CHECK_C(memcmp(mem, "hi", 2) == 0 && mem[65534] == 0 && mem[65535] == 0);
        bx_func *orphan = (bx_func *)(uintptr_t)tab->elems[2];
        CHECK_C(orphan != NULL && s->instances != NULL && orphan->inst == s->instances);
        CHECK_C(orphan && bx_func_type(orphan)->nparams == 0);

        memset(mem, 0, 65536);
        memset(tab->elems, 0, 4 * sizeof(uint64_t));
        CHECK_C(bx_instance_new(s, bad_elem, im, 3, &e) == NULL);
        CHECK_C(e.trap == BX_TRAP_TABLE_OOB);
        CHECK_ERR(e, BX_ERR_TRAP, "out of bounds table access");
        CHECK_C(tab->elems[3] == 0 && mem[0] == 0);   /* no partial write, no data */

        CHECK_C(bx_instance_new(s, neg, im, 3, &e) == NULL && e.trap == BX_TRAP_MEMORY_OOB);
    }
    bx_store_free(s);
    bx_module_free(good); bx_module_free(bad_data); bx_module_free(bad_elem); bx_module_free(neg);
}

/* (import "env" "start" (func)) (start 0) */
static void test_start_and_register(void)
{
    bx_store *s = bx_store_new(NULL);
    bx_linker *l = bx_linker_new();
    bx_error e;
    buf m, c = { .n = 0 };
    header(&m);
    leb(&c, 1); put(&c, 0x60); leb(&c, 0); leb(&c, 0);
    section(&m, 1, &c);
    c.n = 0; leb(&c, 1); str(&c, "env"); str(&c, "start"); put(&c, 0x00); leb(&c, 0);
    section(&m, 2, &c);
    c.n = 0; leb(&c, 1); str(&c, "re"); put(&c, 0x00); leb(&c, 0);
    section(&m, 7, &c);
    c.n = 0; leb(&c, 0);
    section(&m, 8, &c);
    bx_module *mod = load(&m);
    CHECK_C(mod != NULL);
    if (mod) {
        int count = 0;
        bx_functype t0 = { 0, 0, NULL, NULL };
        bx_extern x = { .kind = BX_EXTERN_FUNC };
        x.of.func = bx_func_new_host(s, &t0, host_count, &count);
        bx_linker_define(l, "env", "start", x);
        bx_instance *inst = bx_linker_instantiate(l, s, mod, &e);
        CHECK_C(inst != NULL && count == 1);

        /* register it and instantiate again through the re-export */
        CHECK_C(bx_linker_define_instance(l, "reg", inst) == BX_OK);
        bx_extern y;
        CHECK_C(bx_instance_export(inst, "re", &y) && y.of.func == x.of.func);
        CHECK_C(bx_linker_define(l, "env", "start", y) == BX_OK);
        CHECK_C(bx_linker_instantiate(l, s, mod, &e) != NULL && count == 2);

        x.of.func = bx_func_new_host(s, &t0, host_fail0, NULL);
        bx_linker_define(l, "env", "start", x);
        CHECK_C(bx_linker_instantiate(l, s, mod, &e) == NULL);
        CHECK_C(e.trap == BX_TRAP_HOST);
        CHECK_ERR(e, BX_ERR_TRAP, "start refused");
    }
    bx_linker_free(l);
    bx_store_free(s);
    bx_module_free(mod);
}

/* Body helper: a function body with no locals from raw instruction bytes
 * (the trailing `end` included by the caller). */
static void body(buf *c, const uint8_t *code, size_t n)
{
    leb(c, (uint32_t)(n + 1)); leb(c, 0); putn(c, code, n);
}

/*
 * Wasm code end to end; needs compile.c + interp.c (skipped while the
 * build links stand-ins that compile nothing).
 *   (import "env" "hadd" (func (param i32 i32) (result i32)))
 *   add, spin (loop forever), rec (infinite recursion), callhost
 */
static void test_calls(void)
{
    static const uint8_t add[] = { 0x20, 0, 0x20, 1, 0x6a, 0x0b };
    static const uint8_t spin[] = { 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b };
    static const uint8_t rec[] = { 0x10, 3, 0x0b };
    static const uint8_t callhost[] = { 0x20, 0, 0x20, 1, 0x10, 0, 0x0b };
    buf m, c = { .n = 0 };
    header(&m);
    leb(&c, 2);
    put(&c, 0x60); leb(&c, 2); put(&c, BX_I32); put(&c, BX_I32); leb(&c, 1); put(&c, BX_I32);
    put(&c, 0x60); leb(&c, 0); leb(&c, 0);
    section(&m, 1, &c);
    c.n = 0; leb(&c, 1); str(&c, "env"); str(&c, "hadd"); put(&c, 0x00); leb(&c, 0);
    section(&m, 2, &c);
    c.n = 0; leb(&c, 4); leb(&c, 0); leb(&c, 1); leb(&c, 1); leb(&c, 0);
    section(&m, 3, &c);
    c.n = 0; leb(&c, 4);
    str(&c, "add"); put(&c, 0); leb(&c, 1);
    str(&c, "spin"); put(&c, 0); leb(&c, 2);
    str(&c, "rec"); put(&c, 0); leb(&c, 3);
    str(&c, "callhost"); put(&c, 0); leb(&c, 4);
    section(&m, 7, &c);
    c.n = 0; leb(&c, 4);
    body(&c, add, sizeof add); body(&c, spin, sizeof spin);
    body(&c, rec, sizeof rec); body(&c, callhost, sizeof callhost);
    section(&m, 10, &c);
    bx_module *mod = load(&m);
    CHECK_C(mod != NULL);
    if (!mod) return;
    if (!mod->funcs[0].code) {
        fprintf(stderr, "note: no compiled code, wasm call tests skipped\n");
        bx_module_free(mod);
        return;
    }

    bx_limits lim = { .max_stack_bytes = 64 << 10 };
    bx_store *s = bx_store_new(&lim);
    bx_error e;
    bx_extern imp = { .kind = BX_EXTERN_FUNC };
    bx_functype t2 = { 2, 1, I32x2, I32x2 };
    imp.of.func = bx_func_new_host(s, &t2, host_add, NULL);
    bx_instance *inst = bx_instance_new(s, mod, &imp, 1, &e);
    CHECK_C(inst != NULL);
    if (inst) {
        bx_extern fa, fs, fr, fh;
        CHECK_C(bx_instance_export(inst, "add", &fa) && bx_instance_export(inst, "spin", &fs));
        CHECK_C(bx_instance_export(inst, "rec", &fr) && bx_instance_export(inst, "callhost", &fh));
        bx_val args[2] = { { BX_I32, 0xFFFFFFFF }, { BX_I32, 3 } }, res[1];
        CHECK_C(bx_func_call(s, fa.of.func, args, 2, res, 1, &e) == BX_OK);
        CHECK_C(res[0].type == BX_I32 && res[0].bits == 2);
        CHECK_C(bx_func_call(s, fh.of.func, args, 2, res, 1, &e) == BX_OK && res[0].bits == 2);

        CHECK_C(bx_func_call(s, fr.of.func, NULL, 0, NULL, 0, &e) == BX_ERR_TRAP);
        CHECK_C(e.trap == BX_TRAP_STACK_EXHAUSTED);

        bx_store_set_fuel(s, 1000);
        CHECK_C(bx_func_call(s, fs.of.func, NULL, 0, NULL, 0, &e) == BX_ERR_TRAP);
        CHECK_C(e.trap == BX_TRAP_FUEL_EXHAUSTED);
        CHECK_C(bx_store_fuel_used(s) == 1000);
        bx_store_set_fuel(s, 0);

        bx_store_interrupt(s);
        CHECK_C(bx_func_call(s, fs.of.func, NULL, 0, NULL, 0, &e) == BX_ERR_TRAP);
        CHECK_C(e.trap == BX_TRAP_INTERRUPTED);
        bx_store_clear_interrupt(s);

        /* usable after every kind of trap */
        CHECK_C(bx_func_call(s, fa.of.func, args, 2, res, 1, &e) == BX_OK && res[0].bits == 2);
    }
    bx_store_free(s);
    bx_module_free(mod);
}

/* (import "env" "mem" (memory 1)) (func $boom i32.store 8 42; unreachable) (start $boom) */
static void test_start_trap_keeps_writes(void)
{
    static const uint8_t boom[] = { 0x41, 8, 0x41, 42, 0x36, 2, 0, 0x00, 0x0b };
    buf m, c = { .n = 0 };
    header(&m);
    leb(&c, 1); put(&c, 0x60); leb(&c, 0); leb(&c, 0);
    section(&m, 1, &c);
    c.n = 0; leb(&c, 1); str(&c, "env"); str(&c, "mem"); put(&c, 0x02); put(&c, 0); leb(&c, 1);
    section(&m, 2, &c);
    c.n = 0; leb(&c, 1); leb(&c, 0);
    section(&m, 3, &c);
    c.n = 0; leb(&c, 0);
    section(&m, 8, &c);
    c.n = 0; leb(&c, 1); body(&c, boom, sizeof boom);
    section(&m, 10, &c);
    bx_module *mod = load(&m);
    CHECK_C(mod != NULL);
    if (!mod) return;
    if (!mod->funcs[0].code) { bx_module_free(mod); return; }
    bx_store *s = bx_store_new(NULL);
    bx_error e;
    bx_extern imp = { .kind = BX_EXTERN_MEMORY };
    imp.of.memory = bx_memory_new(s, 1, 0, 0, NULL);
    CHECK_C(bx_instance_new(s, mod, &imp, 1, &e) == NULL);
    CHECK_C(e.trap == BX_TRAP_UNREACHABLE);
    CHECK_ERR(e, BX_ERR_TRAP, "unreachable");
    CHECK_C(bx_memory_data(imp.of.memory)[8] == 42);
    bx_store_free(s);
    bx_module_free(mod);
}

/* Export names may hold U+0000.  A module exporting global "\0x" (only)
 * must not be found under the C name "", which is that name cut short;
 * by length it is found.  (The fuzzer found the C-string lookup wrong.) */
static void test_export_names_with_nul(void)
{
    buf m, c;
    header(&m);
    c.n = 0; leb(&c, 1); put(&c, 0x7f); put(&c, 0x00); i32c(&c, 42);   /* global i32 = 42 */
    section(&m, 6, &c);
    c.n = 0; leb(&c, 1); leb(&c, 2); put(&c, 0x00); put(&c, 'x'); put(&c, 0x03); leb(&c, 0);
    section(&m, 7, &c);
    bx_module *mod = load(&m);
    CHECK_C(mod != NULL);
    if (!mod) return;
    bx_store *s = bx_store_new(NULL);
    bx_error e;
    bx_instance *inst = bx_instance_new(s, mod, NULL, 0, &e);
    CHECK_C(inst != NULL);
    if (inst) {
        bx_extern ex;
        CHECK_C(!bx_instance_export(inst, "", &ex));
        CHECK_C(bx_module_export_functype(mod, "") == NULL);
        CHECK_C(bx_instance_export_n(inst, "\0x", 2, &ex) && ex.kind == BX_EXTERN_GLOBAL);
        CHECK_C(ex.kind == BX_EXTERN_GLOBAL && bx_global_get(ex.of.global).bits == 42);
        CHECK_C(!bx_instance_export_n(inst, "\0y", 2, &ex));
    }
    bx_store_free(s);
    bx_module_free(mod);
}

int main(void)
{
    test_store();
    test_host_funcs();
    test_memory();
    test_tables_globals();
    test_linker_and_import_matching();
    test_limits_matching();
    test_memory_cap_instantiation();
    test_segments();
    test_start_and_register();
    test_calls();
    test_start_trap_keeps_writes();
    test_export_names_with_nul();
    return check_report();
}
