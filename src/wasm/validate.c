/*
 * validate.c — module-level validation (WebAssembly 2.0, no SIMD).
 *
 * Everything except function bodies, which compile.c validates as it
 * translates them.  Errors are BX_ERR_INVALID with the spec testsuite's
 * wording (plus detail) and the offset of the offending construct where
 * the decoder recorded one.  Also computes type_canon, the smallest index
 * of a structurally equal type, so call_indirect can compare indices.
 */
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "runtime.h"

static bx_status check_limits(bx_error *err, const bx_limits_decl *l, uint64_t bound,
                              const char *what, uint32_t i)
{
    if (bound) {
        if (l->min > bound || (l->has_max && l->max > bound))
            return bxe_fail(err, BX_ERR_INVALID, 0,
                           "memory size must be at most 65536 pages (4GiB) (%s %u)", what, i);
    }
    if (l->has_max && l->min > l->max)
        return bxe_fail(err, BX_ERR_INVALID, 0,
                       "size minimum must not be greater than maximum (%s %u: %u > %u)",
                       what, i, l->min, l->max);
    return BX_OK;
}

/* A constant expression against the type it must produce.  The decoder
 * already rejected non-constant instructions; what is left is index and
 * type checking.  In 2.0, global.get may only name an immutable import. */
static bx_status check_const(struct bx_module *m, bx_constexpr *ce, bx_valtype want,
                             bx_error *err)
{
    switch (ce->op) {
    case BX_CONST_REF_FUNC:
        if (ce->index >= m->nfuncs_total)
            return bxe_fail(err, BX_ERR_INVALID, ce->offset, "unknown function %u", ce->index);
        break;
    case BX_CONST_EXTENDED: {
        bx_status st = bxe_constexpr_ext_check(m, ce, err);
        if (st != BX_OK) return st;
        break;
    }
    case BX_CONST_GLOBAL_GET:
        if (ce->index >= m->nglobal_imports)
            return bxe_fail(err, BX_ERR_INVALID, ce->offset,
                           "unknown global %u (a constant expression may only use imported globals)",
                           ce->index);
        if (m->global_types[ce->index].mutable_)
            return bxe_fail(err, BX_ERR_INVALID, ce->offset,
                           "constant expression required (global %u is mutable)", ce->index);
        ce->type = m->global_types[ce->index].type;
        break;
    default:
        break;
    }
    if (ce->type != want)
        return bxe_fail(err, BX_ERR_INVALID, ce->offset,
                       "type mismatch (constant expression of type 0x%02x, expected 0x%02x)",
                       (unsigned)ce->type, (unsigned)want);
    return BX_OK;
}

static uint32_t type_hash(const bx_functype *t)
{
    uint32_t h = 2166136261u ^ t->nparams;
    for (uint32_t i = 0; i < t->nparams; i++) h = (h ^ (uint32_t)t->params[i]) * 16777619u;
    h = (h ^ 0xFFu ^ t->nresults) * 16777619u;
    for (uint32_t i = 0; i < t->nresults; i++) h = (h ^ (uint32_t)t->results[i]) * 16777619u;
    return h;
}

/* Hash-based so a module with many types stays linear. */
static bx_status canon_types(struct bx_module *m, bx_error *err)
{
    if (!m->ntypes) return BX_OK;
    if (!(m->type_canon = malloc((size_t)m->ntypes * sizeof *m->type_canon)))
        return bxe_fail(err, BX_ERR_NOMEM, 0, "out of memory");
    size_t cap = 16;
    while (cap < (size_t)m->ntypes * 2) cap *= 2;
    uint32_t *slot = malloc(cap * sizeof *slot);
    if (!slot) return bxe_fail(err, BX_ERR_NOMEM, 0, "out of memory");
    memset(slot, 0xFF, cap * sizeof *slot);
    for (uint32_t i = 0; i < m->ntypes; i++) {
        size_t h = type_hash(&m->types[i]) & (cap - 1);
        for (;;) {
            if (slot[h] == UINT32_MAX) { slot[h] = i; m->type_canon[i] = i; break; }
            if (bx_functype_eq(&m->types[slot[h]], &m->types[i])) { m->type_canon[i] = slot[h]; break; }
            h = (h + 1) & (cap - 1);
        }
    }
    free(slot);
    return BX_OK;
}

/* Names may contain U+0000, so compare bytes with lengths. */
static int cmp_export(const void *a, const void *b)
{
    const bx_export *x = *(const bx_export *const *)a, *y = *(const bx_export *const *)b;
    uint32_t n = x->name_len < y->name_len ? x->name_len : y->name_len;
    int c = memcmp(x->name, y->name, n);
    if (c) return c;
    return (x->name_len > y->name_len) - (x->name_len < y->name_len);
}

static bx_status check_exports(struct bx_module *m, bx_error *err)
{
    static const char *const what[4] = { "function", "table", "memory", "global" };
    for (uint32_t i = 0; i < m->nexports; i++) {
        const bx_export *e = &m->exports[i];
        uint32_t n = e->kind == BX_EXTERN_FUNC ? m->nfuncs_total
                   : e->kind == BX_EXTERN_TABLE ? m->ntables_total
                   : e->kind == BX_EXTERN_MEMORY ? m->nmems_total : m->nglobals_total;
        if (e->index >= n)
            return bxe_fail(err, BX_ERR_INVALID, 0, "unknown %s %u (export \"%s\")",
                           what[e->kind], e->index, e->name);
    }
    if (m->nexports < 2) return BX_OK;
    const bx_export **v = malloc((size_t)m->nexports * sizeof *v);
    if (!v) return bxe_fail(err, BX_ERR_NOMEM, 0, "out of memory");
    for (uint32_t i = 0; i < m->nexports; i++) v[i] = &m->exports[i];
    qsort(v, m->nexports, sizeof *v, cmp_export);
    bx_status st = BX_OK;
    for (uint32_t i = 1; i < m->nexports; i++)
        if (cmp_export(&v[i - 1], &v[i]) == 0) {
            st = bxe_fail(err, BX_ERR_INVALID, 0, "duplicate export name \"%s\"", v[i]->name);
            break;
        }
    free(v);
    return st;
}

bx_status bxe_validate_module(struct bx_module *m, bx_error *err)
{
    bx_status st;

    if ((st = canon_types(m, err)) != BX_OK) return st;

    uint32_t ti = 0, mi = 0;
    for (uint32_t i = 0; i < m->nimports; i++) {
        const bx_import *im = &m->imports[i];
        switch (im->kind) {
        case BX_EXTERN_FUNC:
            if (im->desc.func_type >= m->ntypes)
                return bxe_fail(err, BX_ERR_INVALID, 0, "unknown type %u (import \"%s\" \"%s\")",
                               im->desc.func_type, im->module, im->name);
            break;
        case BX_EXTERN_TABLE:
            if ((st = check_limits(err, &im->desc.table.limits, 0, "table", ti++)) != BX_OK) return st;
            break;
        case BX_EXTERN_MEMORY:
            if ((st = check_limits(err, &im->desc.memory, BX_MAX_PAGES, "memory", mi++)) != BX_OK) return st;
            break;
        case BX_EXTERN_GLOBAL:
            break;
        }
    }

    for (uint32_t i = 0; i < m->nfuncs; i++) {
        const bx_func_decl *f = &m->funcs[i];
        if (f->type >= m->ntypes)
            return bxe_fail(err, BX_ERR_INVALID, 0, "unknown type %u (function %u)",
                           f->type, m->nfunc_imports + i);
    }

    for (uint32_t i = m->ntable_imports; i < m->ntables_total; i++)
        if ((st = check_limits(err, &m->tables[i].limits, 0, "table", i)) != BX_OK) return st;

    for (uint32_t i = m->nmem_imports; i < m->nmems_total; i++)
        if ((st = check_limits(err, &m->mems[i], BX_MAX_PAGES, "memory", i)) != BX_OK) return st;

    for (uint32_t i = 0; i < m->nglobals_total - m->nglobal_imports; i++) {
        bx_global_decl *g = &m->globals[i];
        if ((st = check_const(m, &g->init, g->type.type, err)) != BX_OK) return st;
    }

    for (uint32_t i = 0; i < m->nelems; i++) {
        bx_elem_decl *e = &m->elems[i];
        if (e->mode == BX_SEG_ACTIVE) {
            if (e->table >= m->ntables_total)
                return bxe_fail(err, BX_ERR_INVALID, e->offset.offset, "unknown table %u (elem segment %u)", e->table, i);
            if ((st = check_const(m, &e->offset, BX_I32, err)) != BX_OK) return st;
            if (m->tables[e->table].elem != e->type)
                return bxe_fail(err, BX_ERR_INVALID, e->offset.offset,
                               "type mismatch (elem segment %u type differs from table %u)", i, e->table);
        }
        for (uint32_t k = 0; k < e->count; k++)
            if ((st = check_const(m, &e->init[k], e->type, err)) != BX_OK) return st;
    }

    for (uint32_t i = 0; i < m->ndatas; i++) {
        bx_data_decl *d = &m->datas[i];
        if (d->mode != BX_SEG_ACTIVE) continue;
        if (d->memory >= m->nmems_total)
            return bxe_fail(err, BX_ERR_INVALID, d->offset.offset, "unknown memory %u (data segment %u)", d->memory, i);
        if ((st = check_const(m, &d->offset, BX_I32, err)) != BX_OK) return st;
    }

    if (m->has_start) {
        if (m->start >= m->nfuncs_total)
            return bxe_fail(err, BX_ERR_INVALID, 0, "unknown function %u (start)", m->start);
        const bx_functype *t = &m->types[m->func_types[m->start]];
        if (t->nparams || t->nresults)
            return bxe_fail(err, BX_ERR_INVALID, 0, "start function %u must have type [] -> []", m->start);
    }

    return check_exports(m, err);
}
