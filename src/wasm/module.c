/*
 * module.c — the module object: build (decode, validate, compile), free,
 * introspection, and the shared error helpers.
 *
 * bx_module_free must cope with a module abandoned at any point of
 * bx_module_new, so every array is paired with a count that is only ever
 * as large as what was allocated, and entries start zeroed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"

bx_status bxe_fail(bx_error *err, bx_status st, size_t offset, const char *fmt, ...)
{
    if (!err) return st;
    err->status = st;
    err->trap = BX_TRAP_NONE;
    err->offset = offset;
    size_t n = 0;
    /* only decode/validation errors have a meaningful place in the binary */
    if (st == BX_ERR_MALFORMED || st == BX_ERR_INVALID) {
        int k = snprintf(err->msg, sizeof err->msg, "at byte 0x%zx: ", offset);
        n = k > 0 ? (size_t)k : 0;
        if (n >= sizeof err->msg) n = sizeof err->msg - 1;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg + n, sizeof err->msg - n, fmt, ap);
    va_end(ap);
    return st;
}

const char *bx_trap_message(bx_trap t)
{
    static const char *const msg[BX_TRAP_COUNT] = {
        [BX_TRAP_NONE] = "no trap",
        [BX_TRAP_UNREACHABLE] = "unreachable",
        [BX_TRAP_MEMORY_OOB] = "out of bounds memory access",
        [BX_TRAP_TABLE_OOB] = "out of bounds table access",
        [BX_TRAP_UNDEFINED_ELEMENT] = "undefined element",
        [BX_TRAP_UNINITIALIZED] = "uninitialized element",
        [BX_TRAP_INDIRECT_TYPE] = "indirect call type mismatch",
        [BX_TRAP_DIV_ZERO] = "integer divide by zero",
        [BX_TRAP_INT_OVERFLOW] = "integer overflow",
        [BX_TRAP_INVALID_CONV] = "invalid conversion to integer",
        [BX_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
        [BX_TRAP_FUEL_EXHAUSTED] = "fuel exhausted",
        [BX_TRAP_INTERRUPTED] = "interrupted",
        [BX_TRAP_HOST] = "host error",
        [BX_TRAP_EXIT] = "exit",
    };
    if ((unsigned)t >= BX_TRAP_COUNT) return "unknown trap";
    return msg[t];
}

void bx_module_free(bx_module *m)
{
    if (!m) return;
    for (uint32_t i = 0; i < m->ntypes; i++) free((void *)m->types[i].params);
    free(m->types);
    free(m->type_canon);
    for (uint32_t i = 0; i < m->nimports; i++) {
        free(m->imports[i].module);
        free(m->imports[i].name);
    }
    free(m->imports);
    free(m->func_types);
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        free(m->funcs[i].locals);
        if (m->funcs[i].code) bxe_code_free(m->funcs[i].code);
    }
    free(m->funcs);
    free(m->tables);
    free(m->mems);
    free(m->global_types);
    free(m->globals);
    for (uint32_t i = 0; i < m->nexports; i++) free(m->exports[i].name);
    free(m->exports);
    for (uint32_t i = 0; i < m->nelems; i++) free(m->elems[i].init);
    free(m->elems);
    for (uint32_t i = 0; i < m->ndatas; i++) free(m->datas[i].bytes);
    free(m->datas);
    free(m->func_declared);
    free(m->bytes);
    free(m);
}

bx_module *bx_module_new(const uint8_t *bytes, size_t len, bx_error *err)
{
    bx_error local;
    if (!err) err = &local;
    memset(err, 0, sizeof *err);
    if (!bytes && len) {
        bxe_fail(err, BX_ERR_ARG, 0, "bx_module_new: NULL bytes with length %zu", len);
        return NULL;
    }
    bx_module *m = calloc(1, sizeof *m);
    if (!m) {
        bxe_fail(err, BX_ERR_NOMEM, 0, "out of memory");
        return NULL;
    }
    if (bxe_decode(m, bytes, len, err) != BX_OK || bxe_validate_module(m, err) != BX_OK)
        goto fail;
    for (uint32_t i = 0; i < m->nfuncs; i++)
        if (bxe_compile_func(m, i, err) != BX_OK) goto fail;
    return m;
fail:
    bx_module_free(m);
    return NULL;
}

/* ---- introspection ---------------------------------------------------- */

uint32_t bx_module_import_count(const bx_module *m) { return m->nimports; }

void bx_module_import(const bx_module *m, uint32_t i, const char **module,
                      const char **name, bx_externkind *kind)
{
    if (i >= m->nimports) {
        if (module) *module = NULL;
        if (name) *name = NULL;
        return;
    }
    if (module) *module = m->imports[i].module;
    if (name) *name = m->imports[i].name;
    if (kind) *kind = m->imports[i].kind;
}

uint32_t bx_module_export_count(const bx_module *m) { return m->nexports; }

void bx_module_export(const bx_module *m, uint32_t i, const char **name,
                      bx_externkind *kind)
{
    if (i >= m->nexports) {
        if (name) *name = NULL;
        return;
    }
    if (name) *name = m->exports[i].name;
    if (kind) *kind = m->exports[i].kind;
}

const bx_functype *bx_module_export_functype(const bx_module *m, const char *name)
{
    if (!name) return NULL;
    /* Names may hold U+0000: "" must not match "\0x", so lengths count. */
    size_t len = strlen(name);
    for (uint32_t i = 0; i < m->nexports; i++) {
        const bx_export *e = &m->exports[i];
        if (e->name_len == len && memcmp(e->name, name, len) == 0)
            return e->kind == BX_EXTERN_FUNC ? &m->types[m->func_types[e->index]] : NULL;
    }
    return NULL;
}

const bx_functype *bx_module_export_functype_at(const bx_module *m, uint32_t i)
{
    if (i >= m->nexports || m->exports[i].kind != BX_EXTERN_FUNC) return NULL;
    return &m->types[m->func_types[m->exports[i].index]];
}

const bx_functype *bx_module_import_functype(const bx_module *m, uint32_t i)
{
    if (i >= m->nimports || m->imports[i].kind != BX_EXTERN_FUNC) return NULL;
    return &m->types[m->imports[i].desc.func_type];
}

const char *bx_valtype_name(bx_valtype t)
{
    switch (t) {
    case BX_I32: return "i32";
    case BX_I64: return "i64";
    case BX_F32: return "f32";
    case BX_F64: return "f64";
    case BX_V128: return "v128";
    case BX_FUNCREF: return "funcref";
    case BX_EXTERNREF: return "externref";
    }
    return "?";
}
