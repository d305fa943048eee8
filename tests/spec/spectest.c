/*
 * spectest.c — the "spectest" host module the spec testsuite imports:
 *   print, print_i32, print_i64, print_f32, print_f64, print_i32_f32,
 *   print_f64_f64     host functions that do nothing;
 *   global_i32 = 666, global_i64 = 666, global_f32 = 666.6,
 *   global_f64 = 666.6   immutable globals;
 *   table  funcref, min 10, max 20;   memory  1 page, max 2.
 */
#include "spectest.h"

#include <stdio.h>
#include <string.h>

static bx_trap print_nothing(bx_hostcall *hc, uint64_t *args_results)
{
    (void)hc;
    (void)args_results;
    return BX_TRAP_NONE;
}

static void note(int *bad, char *why, size_t n, const char *what, const char *msg)
{
    if (*bad == 0 && n)
        snprintf(why, n, "spectest.%s: %s", what, msg && *msg ? msg : "failed");
    (*bad)++;
}

static void define(bx_linker *l, const char *name, bx_extern ext, int *bad, char *why, size_t n)
{
    if (bx_linker_define(l, "spectest", name, ext) != BX_OK)
        note(bad, why, n, name, "bx_linker_define failed");
}

int spectest_define(bx_store *s, bx_linker *l, char *why, size_t n)
{
    static const bx_valtype i32[] = {BX_I32}, i64[] = {BX_I64}, f32[] = {BX_F32},
                            f64[] = {BX_F64}, i32_f32[] = {BX_I32, BX_F32},
                            f64_f64[] = {BX_F64, BX_F64};
    static const struct {
        const char *name;
        uint32_t np;
        const bx_valtype *p;
    } funcs[] = {
        {"print", 0, NULL},       {"print_i32", 1, i32},         {"print_i64", 1, i64},
        {"print_f32", 1, f32},    {"print_f64", 1, f64},         {"print_i32_f32", 2, i32_f32},
        {"print_f64_f64", 2, f64_f64},
    };
    int bad = 0;
    if (n)
        why[0] = 0;

    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
        bx_functype ft = {funcs[i].np, 0, funcs[i].p, NULL};
        bx_func *f = bx_func_new_host(s, &ft, print_nothing, NULL);
        if (!f) {
            note(&bad, why, n, funcs[i].name, "bx_func_new_host failed");
            continue;
        }
        bx_extern e = {.kind = BX_EXTERN_FUNC, .of.func = f};
        define(l, funcs[i].name, e, &bad, why, n);
    }

    float f32v = 666.6f;
    double f64v = 666.6;
    uint32_t f32bits;
    uint64_t f64bits;
    memcpy(&f32bits, &f32v, 4);
    memcpy(&f64bits, &f64v, 8);
    const struct {
        const char *name;
        bx_val v;
    } globals[] = {
        {"global_i32", {BX_I32, 666}},
        {"global_i64", {BX_I64, 666}},
        {"global_f32", {BX_F32, f32bits}},
        {"global_f64", {BX_F64, f64bits}},
    };
    for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++) {
        bx_error err;
        memset(&err, 0, sizeof err);
        bx_global *g = bx_global_new(s, globals[i].v, 0, &err);
        if (!g) {
            note(&bad, why, n, globals[i].name, err.msg);
            continue;
        }
        bx_extern e = {.kind = BX_EXTERN_GLOBAL, .of.global = g};
        define(l, globals[i].name, e, &bad, why, n);
    }

    bx_error err;
    memset(&err, 0, sizeof err);
    bx_table *t = bx_table_new(s, BX_FUNCREF, 10, 20, 1, &err);
    if (!t) {
        note(&bad, why, n, "table", err.msg);
    } else {
        bx_extern e = {.kind = BX_EXTERN_TABLE, .of.table = t};
        define(l, "table", e, &bad, why, n);
    }

    memset(&err, 0, sizeof err);
    bx_memory *m = bx_memory_new(s, 1, 2, 1, &err);
    if (!m) {
        note(&bad, why, n, "memory", err.msg);
    } else {
        bx_extern e = {.kind = BX_EXTERN_MEMORY, .of.memory = m};
        define(l, "memory", e, &bad, why, n);
    }
    return bad;
}
