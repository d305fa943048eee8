/*
 * instance.c — instantiation (import matching, object creation, segment
 * initialisation, start function), exports and bx_func_call.
 *
 * Instantiation runs in two phases.  Phase one checks the imports and
 * builds every array and object; any failure there frees what was built
 * and the store is as before.  Phase two hands everything to the store
 * and then runs the element and data segments and the start function,
 * which can trap.  A trap in phase two returns NULL but leaves the
 * instance owned by the store: its writes into imported tables and
 * memories stay visible (WebAssembly 2.0), and a table shared with other
 * instances may already hold its functions, so it must stay alive until
 * bx_store_free.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "simd.h"

static const char *kind_name(bx_externkind k)
{
    switch (k) {
    case BX_EXTERN_FUNC: return "func";
    case BX_EXTERN_TABLE: return "table";
    case BX_EXTERN_MEMORY: return "memory";
    case BX_EXTERN_GLOBAL: return "global";
    }
    return "?";
}

/* "(i32 i64) -> (f32)" into buf, truncated safely. */
static void fmt_functype(char *buf, size_t n, const bx_functype *t)
{
    size_t len = 0;
    buf[0] = '\0';
#define PUT(...) do { \
        if (len < n) { int k_ = snprintf(buf + len, n - len, __VA_ARGS__); \
                       if (k_ > 0) len += (size_t)k_; } } while (0)
    PUT("(");
    for (uint32_t i = 0; i < t->nparams; i++) PUT("%s%s", i ? " " : "", bx_valtype_name(t->params[i]));
    PUT(") -> (");
    for (uint32_t i = 0; i < t->nresults; i++) PUT("%s%s", i ? " " : "", bx_valtype_name(t->results[i]));
    PUT(")");
#undef PUT
}

/* Allocate n zeroed elements of sz bytes; n == 0 gives a valid 1-byte
 * block so NULL always means "out of memory". */
static void *zalloc_array(size_t n, size_t sz)
{
    if (sz && n > SIZE_MAX / sz) return NULL;
    return calloc(n ? n : 1, sz ? sz : 1);
}

/* ---- import matching (spec "import matching", 2.0) ------------------- */

static bool limits_match(uint32_t have_min, bool have_has_max, uint32_t have_max,
                         const bx_limits_decl *want)
{
    if (have_min < want->min) return false;
    if (want->has_max && (!have_has_max || have_max > want->max)) return false;
    return true;
}

static bx_status check_import(const bx_module *m, uint32_t i, const bx_extern *ext,
                              bx_error *err)
{
    const bx_import *im = &m->imports[i];
    char a[96], b[96];
#define MISMATCH(...) bxe_fail(err, BX_ERR_UNLINKABLE, 0, \
        "incompatible import type for \"%s\".\"%s\": " __VA_ARGS__)
    if (ext->kind != im->kind)
        return MISMATCH("expected %s, got %s", im->module, im->name,
                        kind_name(im->kind), kind_name(ext->kind));
    switch (im->kind) {
    case BX_EXTERN_FUNC: {
        if (!ext->of.func) break;
        const bx_functype *want = &m->types[im->desc.func_type];
        if (!bx_functype_eq(ext->of.func->type, want)) {
            fmt_functype(a, sizeof a, want);
            fmt_functype(b, sizeof b, ext->of.func->type);
            return MISMATCH("expected func %s, got %s", im->module, im->name, a, b);
        }
        return BX_OK;
    }
    case BX_EXTERN_TABLE: {
        const bx_table *t = ext->of.table;
        if (!t) break;
        if (t->elem != im->desc.table.elem)
            return MISMATCH("expected a table of %s, got %s", im->module, im->name,
                            bx_valtype_name(im->desc.table.elem), bx_valtype_name(t->elem));
        if (!limits_match(t->size, t->has_max, t->decl_max, &im->desc.table.limits))
            return MISMATCH("table limits do not match", im->module, im->name);
        return BX_OK;
    }
    case BX_EXTERN_MEMORY: {
        const bx_memory *mem = ext->of.memory;
        if (!mem) break;
        if (!limits_match(mem->pages, mem->has_max, mem->decl_max, &im->desc.memory))
            return MISMATCH("memory limits do not match", im->module, im->name);
        return BX_OK;
    }
    case BX_EXTERN_GLOBAL: {
        const bx_global *g = ext->of.global;
        if (!g) break;
        if (g->type != im->desc.global.type || g->mutable_ != im->desc.global.mutable_)
            return MISMATCH("expected %sglobal %s, got %sglobal %s", im->module, im->name,
                            im->desc.global.mutable_ ? "mutable " : "",
                            bx_valtype_name(im->desc.global.type),
                            g->mutable_ ? "mutable " : "", bx_valtype_name(g->type));
        return BX_OK;
    }
    }
#undef MISMATCH
    return bxe_fail(err, BX_ERR_ARG, 0, "import %u (\"%s\".\"%s\") is NULL", i,
                   im->module, im->name);
}

/* ---- instance life cycle --------------------------------------------- */

/* Value of a constant expression.  Validation guarantees indices are in
 * range and global.get names an (imported) global already initialised. */
static uint64_t eval_const(const bx_instance *inst, const bx_constexpr *e)
{
    switch (e->op) {
    case BX_CONST_I32: case BX_CONST_F32:
        return e->bits & 0xFFFFFFFFu;
    case BX_CONST_I64: case BX_CONST_F64:
        return e->bits;
    case BX_CONST_REF_NULL:
        return 0;
    case BX_CONST_REF_FUNC:
        return (uint64_t)(uintptr_t)inst->funcs[e->index];
    case BX_CONST_GLOBAL_GET:
        return inst->globals[e->index]->val;
    case BX_CONST_EXTENDED:
        return bxe_constexpr_ext_eval(inst->module, e, inst->globals);
    case BX_CONST_V128:
        return e->bits;
    }
    return 0;
}

/* The high half of a v128 constant expression (0 for the other types). */
static uint64_t eval_const_hi(const bx_instance *inst, const bx_constexpr *e)
{
    if (e->op == BX_CONST_V128) return e->hi;
    if (e->op == BX_CONST_GLOBAL_GET) return inst->globals[e->index]->hi;
    return 0;
}

/* Phase-one objects not yet owned by the store, for cleanup on failure. */
typedef struct pending {
    bx_func *funcblock;
    bx_global *globalblock;
    uint32_t ntables, nmems;     /* defined ones made so far */
} pending;

static void pending_free(bx_store *s, bx_instance *inst, pending *p)
{
    const bx_module *m = inst->module;
    for (uint32_t i = 0; i < p->ntables; i++)
        bxe_table_destroy(s, inst->tables[m->ntable_imports + i]);
    for (uint32_t i = 0; i < p->nmems; i++)
        bxe_memory_destroy(s, inst->mems[m->nmem_imports + i]);
    free(p->funcblock);
    free(p->globalblock);
    bxe_instance_destroy(inst);
}

/* Phase one: everything that can fail without side effects. */
static bx_instance *build(bx_store *s, const bx_module *m, const bx_extern *imports,
                          pending *p, bx_error *err)
{
    bx_instance *inst = calloc(1, sizeof *inst);
    if (!inst) { bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory for an instance"); return NULL; }
    inst->store = s;
    inst->module = m;
    inst->funcs = zalloc_array(m->nfuncs_total, sizeof *inst->funcs);
    inst->tables = zalloc_array(m->ntables_total, sizeof *inst->tables);
    inst->mems = zalloc_array(m->nmems_total, sizeof *inst->mems);
    inst->globals = zalloc_array(m->nglobals_total, sizeof *inst->globals);
    /* All element values in one block behind the pointer array: dropping
     * a segment only zeroes its length, and one free() releases it all. */
    uint64_t nvals = 0;
    for (uint32_t i = 0; i < m->nelems; i++) nvals += m->elems[i].count;
    /* head rounded up so the values are 8-aligned on 32-bit hosts too */
    size_t head = ((size_t)m->nelems * sizeof(uint64_t *) + 7) & ~(size_t)7;
    if (nvals <= (SIZE_MAX - head) / sizeof(uint64_t)) {
        char *blk = zalloc_array(head + (size_t)nvals * sizeof(uint64_t), 1);
        if (blk) {
            uint64_t *v = (uint64_t *)(void *)(blk + head);
            inst->elem_values = (uint64_t **)(void *)blk;
            for (uint32_t i = 0; i < m->nelems; i++) {
                inst->elem_values[i] = v;
                v += m->elems[i].count;
            }
        }
    }
    inst->elem_len = zalloc_array(m->nelems, sizeof *inst->elem_len);
    inst->data_dropped = zalloc_array(m->ndatas, sizeof *inst->data_dropped);
    p->funcblock = zalloc_array(m->nfuncs, sizeof *p->funcblock);
    p->globalblock = zalloc_array(m->nglobals_total - m->nglobal_imports, sizeof *p->globalblock);
    if (!inst->funcs || !inst->tables || !inst->mems || !inst->globals || !inst->elem_values
        || !inst->elem_len || !inst->data_dropped || !p->funcblock || !p->globalblock)
        goto nomem;
    for (uint32_t i = 0; i < m->nelems; i++) inst->elem_len[i] = m->elems[i].count;

    /* Imports fill the front of each index space, in import order. */
    uint32_t nf = 0, nt = 0, nm = 0, ng = 0;
    for (uint32_t i = 0; i < m->nimports; i++) {
        const bx_extern *e = &imports[i];
        switch (e->kind) {
        case BX_EXTERN_FUNC: inst->funcs[nf++] = e->of.func; break;
        case BX_EXTERN_TABLE: inst->tables[nt++] = e->of.table; break;
        case BX_EXTERN_MEMORY: inst->mems[nm++] = e->of.memory; break;
        case BX_EXTERN_GLOBAL: inst->globals[ng++] = e->of.global; break;
        }
    }

    for (uint32_t i = 0; i < m->nfuncs; i++) {
        bx_func *f = &p->funcblock[i];
        /* Canonical type pointer: structurally equal types compare equal
         * by pointer, which makes call_indirect's check one comparison. */
        f->type = &m->types[m->type_canon[m->funcs[i].type]];
        f->inst = inst;
        f->code = m->funcs[i].code;
        f->index = i;
        inst->funcs[m->nfunc_imports + i] = f;
    }
    for (uint32_t i = m->ntable_imports; i < m->ntables_total; i++) {
        if (bxe_table_make(s, m->tables[i].elem, &m->tables[i].limits, &inst->tables[i], err))
            goto fail;
        p->ntables++;
    }
    for (uint32_t i = m->nmem_imports; i < m->nmems_total; i++) {
        if (bxe_memory_make(s, &m->mems[i], i == 0, &inst->mems[i], err)) goto fail;
        p->nmems++;
    }
    /* Globals in order: an initialiser may read an imported global (or, as
     * later proposals allow, an earlier one) and ref.func needs funcs. */
    for (uint32_t i = m->nglobal_imports; i < m->nglobals_total; i++) {
        bx_global *g = &p->globalblock[i - m->nglobal_imports];
        const bx_global_decl *d = &m->globals[i - m->nglobal_imports];
        g->type = d->type.type;
        g->mutable_ = d->type.mutable_;
        g->val = bx_canon_bits(g->type, eval_const(inst, &d->init));
        g->hi = eval_const_hi(inst, &d->init);
        inst->globals[i] = g;
    }
    /* Element segments are evaluated now so ref.func and global.get see
     * the finished index spaces. */
    for (uint32_t i = 0; i < m->nelems; i++)
        for (uint32_t k = 0; k < m->elems[i].count; k++)
            inst->elem_values[i][k] = eval_const(inst, &m->elems[i].init[k]);
    return inst;

nomem:
    bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory for an instance");
fail:
    pending_free(s, inst, p);
    return NULL;
}

/* Phase two, the part that can trap: table.init / memory.init semantics
 * for active segments, in module order, then the start function. */
static bx_trap initialise(bx_store *s, bx_instance *inst)
{
    const bx_module *m = inst->module;
    for (uint32_t i = 0; i < m->nelems; i++) {
        const bx_elem_decl *e = &m->elems[i];
        if (e->mode == BX_SEG_ACTIVE) {
            bx_table *t = inst->tables[e->table];
            uint64_t off = (uint32_t)eval_const(inst, &e->offset);
            if (off + e->count > t->size) return BX_TRAP_TABLE_OOB;
            if (e->count)
                memcpy(t->elems + off, inst->elem_values[i], e->count * sizeof(uint64_t));
        }
        if (e->mode != BX_SEG_PASSIVE) inst->elem_len[i] = 0;
    }
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const bx_data_decl *d = &m->datas[i];
        if (d->mode != BX_SEG_ACTIVE) continue;
        bx_memory *mem = inst->mems[d->memory];
        uint64_t off = (uint32_t)eval_const(inst, &d->offset);
        if (off + d->len > mem->size) return BX_TRAP_MEMORY_OOB;
        if (d->len) memcpy(mem->data + off, d->bytes, d->len);
        inst->data_dropped[i] = 1;
    }
    if (m->has_start) {
        uint64_t slots[1] = { 0 };
        return bxe_interp_call(s, inst->funcs[m->start], slots);
    }
    return BX_TRAP_NONE;
}

bx_instance *bx_instance_new(bx_store *s, const bx_module *m,
                             const bx_extern *imports, uint32_t nimports,
                             bx_error *err)
{
    bx_error dummy;
    pending p = { 0 };
    if (!err) err = &dummy;
    bx_error_clear(err);
    if (!s || !m) { bxe_fail(err, BX_ERR_ARG, 0, "no store or no module"); return NULL; }
    if (nimports != m->nimports || (nimports && !imports)) {
        bxe_fail(err, BX_ERR_ARG, 0, "the module has %u imports but %u were given",
                m->nimports, nimports);
        return NULL;
    }
    for (uint32_t i = 0; i < nimports; i++)
        if (check_import(m, i, &imports[i], err) != BX_OK) return NULL;

    /* Reserve the store's bookkeeping first so handing over cannot fail. */
    uint32_t ndef_tables = m->ntables_total - m->ntable_imports;
    uint32_t ndef_mems = m->nmems_total - m->nmem_imports;
    if (bxe_store_reserve(s, (size_t)2 + ndef_tables + ndef_mems) != BX_OK) {
        bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory for an instance");
        return NULL;
    }
    bx_instance *inst = build(s, m, imports, &p, err);
    if (!inst) return NULL;

    bxe_store_own(s, BX_OBJ_FUNCBLOCK, p.funcblock);
    bxe_store_own(s, BX_OBJ_GLOBAL, p.globalblock);
    for (uint32_t i = m->ntable_imports; i < m->ntables_total; i++)
        bxe_store_own(s, BX_OBJ_TABLE, inst->tables[i]);
    for (uint32_t i = m->nmem_imports; i < m->nmems_total; i++)
        bxe_store_own(s, BX_OBJ_MEMORY, inst->mems[i]);
    inst->next = s->instances;
    s->instances = inst;

    s->trap_msg[0] = '\0';
    bx_trap t = initialise(s, inst);
    if (t != BX_TRAP_NONE) {
        bxe_trap_error(s, err, t);
        return NULL;     /* still owned by the store, see the file comment */
    }
    return inst;
}

/* ---- exports --------------------------------------------------------- */

static void export_extern(bx_instance *inst, const bx_export *x, bx_extern *out)
{
    out->kind = x->kind;
    switch (x->kind) {
    case BX_EXTERN_FUNC: out->of.func = inst->funcs[x->index]; break;
    case BX_EXTERN_TABLE: out->of.table = inst->tables[x->index]; break;
    case BX_EXTERN_MEMORY: out->of.memory = inst->mems[x->index]; break;
    case BX_EXTERN_GLOBAL: out->of.global = inst->globals[x->index]; break;
    }
}

int bx_instance_export(bx_instance *inst, const char *name, bx_extern *out)
{
    /* By length, so "" cannot match an export named "\0x". */
    return name ? bx_instance_export_n(inst, name, strlen(name), out) : 0;
}

int bx_instance_export_n(bx_instance *inst, const char *name, size_t len,
                         bx_extern *out)
{
    if (!inst || !name) return 0;
    const bx_module *m = inst->module;
    for (uint32_t i = 0; i < m->nexports; i++) {
        const bx_export *e = &m->exports[i];
        if (e->name_len == len && memcmp(e->name, name, len) == 0) {
            if (out) export_extern(inst, e, out);
            return 1;
        }
    }
    return 0;
}

void bx_instance_export_at(bx_instance *inst, uint32_t i, const char **name, bx_extern *out)
{
    *name = inst->module->exports[i].name;
    export_extern(inst, &inst->module->exports[i], out);
}

bx_memory *bx_instance_memory(bx_instance *inst, uint32_t idx)
{
    if (!inst || idx >= inst->module->nmems_total) return NULL;
    return inst->mems[idx];
}

/* ---- calls ----------------------------------------------------------- */

bx_status bx_func_call(bx_store *s, bx_func *f, const bx_val *args,
                       uint32_t nargs, bx_val *results, uint32_t nresults,
                       bx_error *err)
{
    bx_error dummy;
    if (!err) err = &dummy;
    bx_error_clear(err);
    if (!s || !f) return bxe_fail(err, BX_ERR_ARG, 0, "no store or no function");
    if (f->inst && f->inst->store != s)
        return bxe_fail(err, BX_ERR_ARG, 0, "the function belongs to another store");
    const bx_functype *t = f->type;
    /* a v128 is two entries (low half, high half), as it is two slots */
    uint32_t np = bx_type_slots(t->params, t->nparams);
    uint32_t nr = bx_type_slots(t->results, t->nresults);
    if (nargs != np)
        return bxe_fail(err, BX_ERR_ARG, 0, "the function takes %u arguments, %u given%s",
                       np, nargs, np != t->nparams ? " (a v128 counts as two)" : "");
    if (nresults < nr)
        return bxe_fail(err, BX_ERR_ARG, 0,
                       "the function returns %u results, room for only %u given",
                       nr, nresults);
    if ((nargs && !args) || (nr && !results))
        return bxe_fail(err, BX_ERR_ARG, 0, "NULL argument or result array");
    for (uint32_t i = 0, k = 0; i < t->nparams; i++)
        for (uint32_t h = t->params[i] == BX_V128 ? 2 : 1; h; h--, k++)
            if (args[k].type != t->params[i])
                return bxe_fail(err, BX_ERR_ARG, 0, "argument %u must be %s, not %s", k,
                               bx_valtype_name(t->params[i]), bx_valtype_name(args[k].type));

    /* Small calls use the C stack; big signatures (bounded by the
     * validator's limits) get a heap array. */
    uint64_t local[16], *slots = local;
    size_t n = np > nr ? np : nr;
    if (n > 16 && !(slots = zalloc_array(n, sizeof *slots)))
        return bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory for a call");
    for (uint32_t i = 0; i < nargs; i++) slots[i] = bx_canon_bits(args[i].type, args[i].bits);

    s->trap_msg[0] = '\0';
    bx_trap trap = bxe_interp_call(s, f, slots);
    if (trap == BX_TRAP_NONE) {
        for (uint32_t i = 0, k = 0; i < t->nresults; i++)
            for (uint32_t h = t->results[i] == BX_V128 ? 2 : 1; h; h--, k++) {
                results[k].type = t->results[i];
                results[k].bits = bx_canon_bits(t->results[i], slots[k]);
            }
    }
    if (slots != local) free(slots);
    return trap == BX_TRAP_NONE ? BX_OK : bxe_trap_error(s, err, trap);
}
