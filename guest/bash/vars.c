/*
 * guest/bash/vars.c — shell variables (plain and indexed arrays), export
 * flags and functions.  A linear table: scripts agents send hold tens of
 * variables, and a subshell copies the whole table.
 */
#include "sh.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int valid_name(const char *s, size_t n)
{
    if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_')) return 0;
    for (size_t i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_')) return 0;
    return 1;
}

Var *var_find(Sh *sh, const char *name)
{
    for (int i = 0; i < sh->nvars; i++)
        if (!strcmp(sh->vars[i].name, name)) return &sh->vars[i];
    return NULL;
}

const char *var_get(Sh *sh, const char *name)
{
    Var *v = var_find(sh, name);
    return v ? v->val : NULL;
}

static Var *var_add(Sh *sh, const char *name)
{
    Var *v = var_find(sh, name);
    if (v) return v;
    if (sh->nvars == sh->capvars) {
        sh->capvars = sh->capvars ? sh->capvars * 2 : 64;
        sh->vars = xrealloc(sh->vars, sizeof(Var) * (size_t)sh->capvars);
    }
    v = &sh->vars[sh->nvars++];
    memset(v, 0, sizeof *v);
    v->name = xstrdup(name);
    return v;
}

static void free_arr(Var *v)
{
    for (int i = 0; i < v->narr; i++) free(v->arr[i]);
    free(v->arr);
    v->arr = NULL;
    v->narr = 0;
}

int var_set(Sh *sh, const char *name, const char *val)
{
    Var *v = var_add(sh, name);
    if (v->ro) return -1;
    if (v->arr) {  /* x=val on an array sets element 0 */
        free(v->arr[0]);
        v->arr[0] = xstrdup(val);
        v->val = v->arr[0];
        return 0;
    }
    char *nv = xstrdup(val);
    free(v->val);
    v->val = nv;
    return 0;
}

void var_set_arr(Sh *sh, const char *name, char **items, int n)
{
    Var *v = var_add(sh, name);
    if (v->ro) return;
    if (!v->arr) free(v->val);
    free_arr(v);
    v->arr = xmalloc(sizeof(char *) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) v->arr[i] = items[i] ? xstrdup(items[i]) : NULL;   /* NULL: a hole */
    v->narr = n;
    v->val = n ? v->arr[0] : NULL;
    if (!n) { v->arr[0] = NULL; }
}

void var_unset(Sh *sh, const char *name)
{
    for (int i = 0; i < sh->nvars; i++) {
        Var *v = &sh->vars[i];
        if (strcmp(v->name, name)) continue;
        if (v->ro) return;
        free(v->name);
        if (v->arr) free_arr(v); else free(v->val);
        sh->vars[i] = sh->vars[--sh->nvars];
        return;
    }
}

void var_copy_all(Var *src, int n, Var **dst, int *dn, int *dcap)
{
    *dst = xmalloc(sizeof(Var) * (size_t)(n ? n : 1));
    *dn = n;
    *dcap = n ? n : 1;
    for (int i = 0; i < n; i++) {
        Var *d = &(*dst)[i], *s = &src[i];
        *d = *s;
        d->name = xstrdup(s->name);
        if (s->arr) {
            d->arr = xmalloc(sizeof(char *) * (size_t)(s->narr + 1));
            for (int k = 0; k < s->narr; k++) d->arr[k] = s->arr[k] ? xstrdup(s->arr[k]) : NULL;
            d->val = s->narr ? d->arr[0] : NULL;
        } else d->val = s->val ? xstrdup(s->val) : NULL;
    }
}

void var_free_all(Var *v, int n)
{
    for (int i = 0; i < n; i++) {
        free(v[i].name);
        if (v[i].arr) free_arr(&v[i]); else free(v[i].val);
    }
    free(v);
}

Func *func_find(Sh *sh, const char *name)
{
    for (int i = 0; i < sh->nfuncs; i++)
        if (!strcmp(sh->funcs[i].name, name)) return &sh->funcs[i];
    return NULL;
}
