/*
 * linker.c — a name-based import resolver: (module, name) -> extern.
 *
 * A plain dynamic array searched linearly: the CLI defines a few dozen
 * WASI functions and the spec runner a few registered instances, so a
 * hash table would buy nothing measurable.  The linker copies names and
 * owns the copies; it never owns the externs (their store does).
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

typedef struct entry {
    char *module, *name;   /* owned copies */
    bx_extern ext;
} entry;

struct bx_linker {
    entry *v;
    size_t n, cap;
};

bx_linker *bx_linker_new(void)
{
    return calloc(1, sizeof(bx_linker));
}

void bx_linker_free(bx_linker *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].module);
        free(l->v[i].name);
    }
    free(l->v);
    free(l);
}

static entry *find(const bx_linker *l, const char *module, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].name, name) == 0 && strcmp(l->v[i].module, module) == 0)   /* names differ first */
            return &l->v[i];
    return NULL;
}

static char *dupstr(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

bx_status bx_linker_define(bx_linker *l, const char *module, const char *name,
                           bx_extern ext)
{
    if (!l || !module || !name) return BX_ERR_ARG;
    entry *e = find(l, module, name);
    if (e) {               /* a later definition replaces the earlier one */
        e->ext = ext;
        return BX_OK;
    }
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 16;
        if (ncap > SIZE_MAX / sizeof(entry)) return BX_ERR_NOMEM;
        entry *v = realloc(l->v, ncap * sizeof *v);
        if (!v) return BX_ERR_NOMEM;
        l->v = v;
        l->cap = ncap;
    }
    e = &l->v[l->n];
    e->module = dupstr(module);
    e->name = dupstr(name);
    if (!e->module || !e->name) {
        free(e->module);
        free(e->name);
        return BX_ERR_NOMEM;
    }
    e->ext = ext;
    l->n++;
    return BX_OK;
}

bx_status bx_linker_define_instance(bx_linker *l, const char *as, bx_instance *inst)
{
    if (!l || !as || !inst) return BX_ERR_ARG;
    for (uint32_t i = 0; i < inst->module->nexports; i++) {
        const char *name;
        bx_extern ext;
        bx_instance_export_at(inst, i, &name, &ext);
        bx_status st = bx_linker_define(l, as, name, ext);
        if (st != BX_OK) return st;
    }
    return BX_OK;
}

bx_instance *bx_linker_instantiate(bx_linker *l, bx_store *s, const bx_module *m,
                                   bx_error *err)
{
    bx_error dummy;
    if (!err) err = &dummy;
    bx_error_clear(err);
    if (!l || !s || !m) {
        bxe_fail(err, BX_ERR_ARG, 0, "no linker, store or module");
        return NULL;
    }
    bx_extern *imports = NULL;
    if (m->nimports) {
        imports = calloc(m->nimports, sizeof *imports);
        if (!imports) {
            bxe_fail(err, BX_ERR_NOMEM, 0, "out of host memory");
            return NULL;
        }
    }
    for (uint32_t i = 0; i < m->nimports; i++) {
        const entry *e = find(l, m->imports[i].module, m->imports[i].name);
        if (!e) {
            bxe_fail(err, BX_ERR_UNLINKABLE, 0, "unknown import \"%s\".\"%s\"",
                    m->imports[i].module, m->imports[i].name);
            free(imports);
            return NULL;
        }
        imports[i] = e->ext;
    }
    bx_instance *inst = bx_instance_new(s, m, imports, m->nimports, err);
    free(imports);
    return inst;
}
