/*
 * instance.c — instantiating a component and calling across it.
 *
 * The decoded definitions are replayed in order, each pushing onto its
 * runtime index space.  Every core module is instantiated on the one store
 * the context was made with, so fuel, the interrupt, the memory cap
 * (counted over every memory of every core instance) and the stack cap are
 * one budget for the whole component.  `canon lower` makes an engine host
 * function whose body lifts the caller's arguments, calls the component
 * function (host, or a `canon lift` of another instance), and lowers the
 * result back; `canon lift` is the reverse.  Values of one lowered call live
 * in a bounded arena released when it returns.
 */
#include "comp_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CALL_ARENA_CAP (512ull << 20)
#define MAX_DEPTH 64

int bxcm_trapv(bxcm_ctx *cx, bx_trap kind, const char *fmt, va_list ap)
{
    if (cx->trap == BX_TRAP_NONE || cx->trap == BX_TRAP_HOST) {
        if (cx->trap == BX_TRAP_NONE || kind != BX_TRAP_HOST) {
            cx->trap = kind;
            vsnprintf(cx->msg, sizeof cx->msg, fmt, ap);
        }
    }
    return -1;
}

int bxcm_trap(bxcm_ctx *cx, bx_trap kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bxcm_trapv(cx, kind, fmt, ap);
    va_end(ap);
    return -1;
}

bx_store *bxcm_ctx_store(bxcm_ctx *cx) { return cx->s; }
void *bxcm_alloc(bxcm_ctx *cx, size_t n)
{
    void *p = bxcm_arena_alloc(&cx->callarena, n);
    if (!p) bxcm_trap(cx, BX_TRAP_HOST, "values of one call exceed the host's bound");
    return p;
}
const bxcm_type *bxcm_func_type(const bxcm_func *f) { return f->ft; }

bxcm_ctx *bxcm_ctx_new(bx_store *s, const bxcm_host *host)
{
    bxcm_ctx *cx = calloc(1, sizeof *cx);
    if (!cx) return NULL;
    cx->s = s;
    if (host) cx->host = *host;
    cx->callarena.cap = CALL_ARENA_CAP;
    return cx;
}

void bxcm_ctx_free(bxcm_ctx *cx)
{
    if (!cx) return;
    for (bxcm_ci *ci = cx->cis, *n; ci; ci = n) { n = ci->next; free(ci->h); free(ci); }
    free(cx->rdefs);
    bxcm_arena_free(&cx->arena);
    bxcm_arena_free(&cx->callarena);
    free(cx);
}

/* A core call from the component runtime; engine errors become traps. */
static int core_call(bxcm_ctx *cx, bx_func *f, bx_val *a, uint32_t na, bx_val *r, uint32_t nr)
{
    bx_error e;
    if (bx_func_call(cx->s, f, a, na, r, nr, &e) == BX_OK) return 0;
    if (e.status == BX_ERR_TRAP) {
        if (e.trap == BX_TRAP_EXIT) cx->exit_code = bx_store_exit_code(cx->s);
        /* a trap from a nested host function already carries our message */
        if (cx->trap != BX_TRAP_NONE && e.trap == BX_TRAP_HOST) return -1;
        return bxcm_trap(cx, e.trap, "%s", e.msg);
    }
    return bxcm_trap(cx, BX_TRAP_HOST, "core call failed: %s", e.msg);
}

/* ---- canon lift: calling into a component instance ------------------ */
static int call_lifted(bxcm_ctx *ctx, bxcm_func *f, bxcm_val *args, bxcm_val *res)
{
    bxcm_ci *ci = f->ci;
    const bxcm_type *ft = f->ft;
    if (!ci->may_enter) return bxcm_trap(ctx, BX_TRAP_HOST, "cannot enter component instance (reentrance)");
    bxcm_cx cx = { .ctx = ctx, .ci = ci, .opts = &f->opts, .mem = f->mem, .realloc = f->realloc };
    const bx_functype *ct = bx_func_type(f->core);
    uint32_t np = 0;
    for (uint32_t i = 0; i < ft->n; i++) np += bxcm_flat_count(ft->ts[i]);
    uint32_t nr = ft->t0 ? bxcm_flat_count(ft->t0) : 0;
    uint32_t want_p = np > 16 ? 1 : np, want_r = nr > 1 ? 1 : nr;
    if (ct->nparams != want_p || ct->nresults != want_r)
        return bxcm_trap(ctx, BX_TRAP_HOST, "canon lift: core function type does not match the lifted type");
    uint32_t saved_borrows = ci->borrows;
    ci->borrows = 0;
    ctx->callid++;
    uint64_t flat[17];
    uint32_t k = 0;
    if (np > 16) {
        /* the parameters as a tuple in the callee's memory */
        uint32_t al = 1, sz = 0;
        for (uint32_t i = 0; i < ft->n; i++) {
            uint32_t a = bxcm_align(ft->ts[i]);
            if (a > al) al = a;
            sz = (sz + a - 1) / a * a + bxcm_size(ft->ts[i]);
        }
        sz = (sz + al - 1) / al * al;
        uint32_t ptr;
        if (bxcm_realloc_call(&cx, 0, 0, al, sz, &ptr)) return -1;
        uint32_t off = 0;
        for (uint32_t i = 0; i < ft->n; i++) {
            uint32_t a = bxcm_align(ft->ts[i]);
            off = (off + a - 1) / a * a;
            if (bxcm_store(&cx, ft->ts[i], &args[i], (uint64_t)ptr + off)) return -1;
            off += bxcm_size(ft->ts[i]);
        }
        flat[k++] = ptr;
    } else {
        for (uint32_t i = 0; i < ft->n; i++) if (bxcm_lower_flat(&cx, ft->ts[i], &args[i], flat, &k)) return -1;
    }
    bx_val a[17], r[1];
    for (uint32_t i = 0; i < ct->nparams; i++) {
        a[i].type = ct->params[i];
        a[i].bits = ct->params[i] == BX_I32 || ct->params[i] == BX_F32 ? flat[i] & 0xffffffffu : flat[i];
    }
    ci->may_enter = false;
    int rc = core_call(ctx, f->core, a, ct->nparams, r, ct->nresults);
    if (rc) { ci->may_enter = true; return -1; }
    uint64_t rf[1] = { ct->nresults ? r[0].bits : 0 };
    if (ft->t0) {
        uint32_t j = 0;
        if (nr > 1) {
            uint32_t ptr = (uint32_t)rf[0];
            if (ptr % bxcm_align(ft->t0)) return bxcm_trap(ctx, BX_TRAP_HOST, "result pointer 0x%x is misaligned", ptr);
            if (bxcm_load(&cx, ft->t0, ptr, res)) return -1;
        } else if (bxcm_lift_flat(&cx, ft->t0, rf, &j, res)) return -1;
    }
    if (ci->borrows) return bxcm_trap(ctx, BX_TRAP_HOST, "borrow handles still remain at the end of the call");
    if (f->post) {
        bx_val pr[1];
        ci->may_enter = true;   /* post-return may not call out, but it is our instance */
        bool ml = ci->may_leave;
        ci->may_leave = false;
        rc = core_call(ctx, f->post, r, ct->nresults, pr, 0);
        ci->may_leave = ml;
        if (rc) return -1;
    }
    ci->may_enter = true;
    ci->borrows = saved_borrows;
    return 0;
}

static int call_func(bxcm_ctx *ctx, bxcm_func *f, bxcm_val *args, bxcm_val *res)
{
    if (ctx->depth >= MAX_DEPTH) return bxcm_trap(ctx, BX_TRAP_STACK_EXHAUSTED, "component calls nested too deeply");
    ctx->depth++;
    int rc = f->host ? f->host(ctx, f->huser, f->ft, args, res) : call_lifted(ctx, f, args, res);
    ctx->depth--;
    if (rc && ctx->trap == BX_TRAP_NONE) bxcm_trap(ctx, BX_TRAP_HOST, "host function failed");
    return rc;
}

/* Two value or function types with the same shape: the caller lowers with
 * its declared type and the callee lifts with its own, so they must agree
 * (subtyping is not implemented: equal shapes only; resource identity is
 * checked per handle at run time).  Depth is bounded at decode. */
static int same_shape(const bxcm_type *a, const bxcm_type *b)
{
    if (a == b) return 1;
    if (!a || !b || a->k != b->k || a->n != b->n || a->len != b->len) return 0;
    switch (a->k) {
    case TK_RECORD: case TK_TUPLE: case TK_VARIANT: case TK_FUNC:
        for (uint32_t i = 0; i < a->n; i++)
            if (!same_shape(a->ts[i], b->ts[i])) return 0;
        return a->k == TK_FUNC ? same_shape(a->t0, b->t0) : 1;
    case TK_LIST: case TK_OPTION: return same_shape(a->t0, b->t0);
    case TK_RESULT: return same_shape(a->t0, b->t0) && same_shape(a->t1, b->t1);
    case TK_OWN: case TK_BORROW: return 1;
    default: return 1;   /* primitives, enum and flags (same count) */
    }
}

/* ---- canon lower: an engine host function ---------------------------- */
typedef struct lowered {
    bxcm_ctx *ctx;
    bxcm_func *callee;
    const bxcm_type *ft;          /* the function's type as the caller declared it */
    bxcm_ci *ci;
    bxcm_opts opts;
    bx_memory *mem;
    bx_func *realloc;
} lowered;

static bx_trap to_engine(bxcm_ctx *ctx, bx_hostcall *hc)
{
    bx_trap t = ctx->trap;
    if (t == BX_TRAP_EXIT) return bx_hostcall_exit(hc, ctx->exit_code);
    if (t == BX_TRAP_NONE || t == BX_TRAP_HOST) {
        if (t == BX_TRAP_NONE) snprintf(ctx->msg, sizeof ctx->msg, "component call failed");
        ctx->trap = BX_TRAP_HOST;
        return bx_hostcall_fail(hc, "%s", ctx->msg);
    }
    return t;
}

static bx_trap lower_tramp(bx_hostcall *hc, uint64_t *a)
{
    lowered *L = hc->user;
    bxcm_ctx *ctx = L->ctx;
    bxcm_ci *ci = L->ci;
    const bxcm_type *ft = L->ft;
    if (!ci->may_leave) { bxcm_trap(ctx, BX_TRAP_HOST, "cannot leave component instance"); return to_engine(ctx, hc); }
    bxcm_cx cx = { .ctx = ctx, .ci = ci, .opts = &L->opts, .mem = L->mem, .realloc = L->realloc };
    bxcm_mark m = bxcm_arena_mark(&ctx->callarena);
    uint32_t np = 0;
    for (uint32_t i = 0; i < ft->n; i++) np += bxcm_flat_count(ft->ts[i]);
    uint32_t nr = ft->t0 ? bxcm_flat_count(ft->t0) : 0;
    bxcm_val *args = ft->n ? bxcm_alloc(ctx, ft->n * sizeof *args) : NULL;
    bxcm_val res;
    memset(&res, 0, sizeof res);
    int rc = ft->n && !args ? -1 : 0;
    uint32_t k = 0;
    if (!rc && np > 16) {
        uint32_t ptr = (uint32_t)a[0], off = 0, al = 1;
        for (uint32_t i = 0; i < ft->n; i++) if (bxcm_align(ft->ts[i]) > al) al = bxcm_align(ft->ts[i]);
        if (ptr % al) rc = bxcm_trap(ctx, BX_TRAP_HOST, "parameter pointer 0x%x is misaligned", ptr);
        for (uint32_t i = 0; !rc && i < ft->n; i++) {
            uint32_t x = bxcm_align(ft->ts[i]);
            off = (off + x - 1) / x * x;
            rc = bxcm_load(&cx, ft->ts[i], (uint64_t)ptr + off, &args[i]);
            off += bxcm_size(ft->ts[i]);
        }
        k = 1;
    } else {
        for (uint32_t i = 0; !rc && i < ft->n; i++) rc = bxcm_lift_flat(&cx, ft->ts[i], a, &k, &args[i]);
    }
    if (!rc) rc = call_func(ctx, L->callee, args, &res);
    bxcm_unlend(&cx);
    if (!rc && ft->t0) {
        if (nr > 1) {
            uint32_t ptr = (uint32_t)a[k];
            if (ptr % bxcm_align(ft->t0)) rc = bxcm_trap(ctx, BX_TRAP_HOST, "result pointer 0x%x is misaligned", ptr);
            else rc = bxcm_store(&cx, ft->t0, &res, ptr);
        } else {
            uint32_t j = 0;
            uint64_t out[1];
            rc = bxcm_lower_flat(&cx, ft->t0, &res, out, &j);
            if (!rc) a[0] = out[0];
        }
    }
    bxcm_arena_release(&ctx->callarena, m);
    if (rc) return to_engine(ctx, hc);
    return BX_TRAP_NONE;
}

/* ---- resource built-ins ---------------------------------------------- */
typedef struct resfn { bxcm_ctx *ctx; bxcm_ci *ci; const bxcm_type *rt; } resfn;

static bx_trap res_new(bx_hostcall *hc, uint64_t *a)
{
    resfn *R = hc->user;
    uint32_t h;
    if (bxcm_handle_add(R->ctx, R->ci, bxcm_resolve(R->ci, R->rt), (uint32_t)a[0], 1, 0, &h)) return to_engine(R->ctx, hc);
    a[0] = h;
    return BX_TRAP_NONE;
}

static bx_trap res_rep(bx_hostcall *hc, uint64_t *a)
{
    resfn *R = hc->user;
    bxcm_handle *h = bxcm_handle_get(R->ctx, R->ci, (uint32_t)a[0]);
    if (!h) return to_engine(R->ctx, hc);
    if (h->rt != bxcm_resolve(R->ci, R->rt)) {
        bxcm_trap(R->ctx, BX_TRAP_HOST, "handle index %u used with the wrong type", (uint32_t)a[0]);
        return to_engine(R->ctx, hc);
    }
    a[0] = h->rep;
    return BX_TRAP_NONE;
}

static bx_trap res_drop(bx_hostcall *hc, uint64_t *a)
{
    resfn *R = hc->user;
    bxcm_ctx *ctx = R->ctx;
    uint32_t i = (uint32_t)a[0];
    bxcm_handle *h = bxcm_handle_get(ctx, R->ci, i);
    if (!h) return to_engine(ctx, hc);
    const bxcm_type *rt = bxcm_resolve(R->ci, R->rt);
    if (h->rt != rt) { bxcm_trap(ctx, BX_TRAP_HOST, "handle index %u used with the wrong type", i); return to_engine(ctx, hc); }
    if (h->lends) { bxcm_trap(ctx, BX_TRAP_HOST, "cannot drop handle %u: it has outstanding borrows", i); return to_engine(ctx, hc); }
    int own = h->own;
    uint32_t rep = h->rep;
    bxcm_handle_remove(R->ci, i);
    if (!own) {
        if (R->ci->borrows) R->ci->borrows--;
        return BX_TRAP_NONE;
    }
    bxcm_rdef *d = bxcm_rdef_find(ctx, rt);
    if (d) {
        if (d->dtor) {
            if (d->impl != R->ci && !d->impl->may_enter) {
                bxcm_trap(ctx, BX_TRAP_HOST, "cannot enter component instance to run a destructor");
                return to_engine(ctx, hc);
            }
            bx_val arg = { BX_I32, rep };
            if (core_call(ctx, d->dtor, &arg, 1, NULL, 0)) return to_engine(ctx, hc);
        }
    } else if (ctx->host.drop && ctx->host.drop(ctx->host.user, rt, rep)) {
        return to_engine(ctx, hc);
    }
    return BX_TRAP_NONE;
}

/* ---- instantiation ------------------------------------------------------- */
typedef struct space { void **v; uint32_t n, cap; } space;
typedef struct rtargs { const char *name; int sort; void *p; } rtargs;

static int spush(bxcm_ctx *cx, space *s, void *p)
{
    if (s->n == s->cap) {
        uint32_t nc = s->cap ? s->cap * 2 : 16;
        void **n = realloc(s->v, nc * sizeof *n);
        if (!n) return bxcm_trap(cx, BX_TRAP_HOST, "out of host memory");
        s->v = n; s->cap = nc;
    }
    s->v[s->n++] = p;
    return 0;
}

static void *aalloc(bxcm_ctx *cx, size_t n)
{
    void *p = bxcm_arena_alloc(&cx->arena, n);
    if (!p) bxcm_trap(cx, BX_TRAP_HOST, "out of host memory");
    return p;
}

static int cinst_export(bxcm_ctx *cx, bxcm_cinst *c, const char *name, bx_extern *out)
{
    if (c->inst) {
        if (bx_instance_export(c->inst, name, out)) return 0;
    } else {
        for (uint32_t i = 0; i < c->n; i++) if (!strcmp(c->names[i], name)) { *out = c->ex[i]; return 0; }
    }
    return bxcm_trap(cx, BX_TRAP_HOST, "core instance has no export named `%s`", name);
}

static int core_kind(int sort)
{
    return sort == S_CORE_FUNC ? BX_EXTERN_FUNC : sort == S_CORE_TABLE ? BX_EXTERN_TABLE :
           sort == S_CORE_MEM ? BX_EXTERN_MEMORY : BX_EXTERN_GLOBAL;
}

static void *ext_ptr(const bx_extern *e)
{
    switch (e->kind) {
    case BX_EXTERN_FUNC: return e->of.func;
    case BX_EXTERN_TABLE: return e->of.table;
    case BX_EXTERN_MEMORY: return e->of.memory;
    default: return e->of.global;
    }
}

static bx_extern mk_ext(int sort, void *p)
{
    bx_extern e;
    memset(&e, 0, sizeof e);
    e.kind = core_kind(sort);
    switch (e.kind) {
    case BX_EXTERN_FUNC: e.of.func = p; break;
    case BX_EXTERN_TABLE: e.of.table = p; break;
    case BX_EXTERN_MEMORY: e.of.memory = p; break;
    default: e.of.global = p; break;
    }
    return e;
}

static const char *strip_version(bxcm_ctx *cx, const char *nm)
{
    const char *at = strchr(nm, '@');
    if (!at) return nm;
    size_t n = (size_t)(at - nm);
    char *d = aalloc(cx, n + 1);
    if (d) { memcpy(d, nm, n); d[n] = 0; }
    return d;
}

/* WASI 0.2.x: any 0.2 version is served by the host's 0.2 (semver: minor 2, major 0) */
static int version_ok(const char *nm)
{
    const char *at = strchr(nm, '@');
    if (!at) return 1;
    return !strncmp(at + 1, "0.2.", 4) || !strcmp(at + 1, "0.2");
}

static bxcm_rinst *host_instance(bxcm_ctx *cx, const char *nm, const bxcm_type *t, bx_error *err)
{
    if (!version_ok(nm)) {
        snprintf(err->msg, sizeof err->msg, "import `%s`: the host serves version 0.2.x only", nm);
        return NULL;
    }
    const char *ifc = strip_version(cx, nm);
    bxcm_rinst *ri = aalloc(cx, sizeof *ri);
    if (!ri || !(ri->ex = aalloc(cx, (t->nex + 1) * sizeof *ri->ex))) return NULL;
    ri->t = t;
    for (uint32_t i = 0; i < t->nex; i++) {
        const bxcm_decl *d = &t->ex[i];
        bxcm_rexp *e = &ri->ex[ri->nex++];
        e->name = d->name;
        e->sort = d->sort;
        if (d->sort == S_TYPE) { e->p = d->t; continue; }
        if (d->sort != S_FUNC) {
            snprintf(err->msg, sizeof err->msg, "import `%s`: export `%s` of this sort is not provided by the host", nm, d->name);
            return NULL;
        }
        void *fu = NULL;
        bxcm_host_fn fn = cx->host.lookup ? cx->host.lookup(cx->host.user, ifc, d->name, d->t, &fu) : NULL;
        if (!fn) {
            snprintf(err->msg, sizeof err->msg, "import `%s`: function `%s` is not provided by the host (or not with this type)", nm, d->name);
            return NULL;
        }
        bxcm_func *f = aalloc(cx, sizeof *f);
        if (!f) return NULL;
        f->ft = d->t;
        f->host = fn;
        f->huser = fu;
        e->p = f;
    }
    return ri;
}

static int instantiate(bxcm_ctx *cx, const bxcm_comp *c, bxcm_ci *parent, const rtargs *args, uint32_t nargs,
                       bxcm_rinst **out, bx_error *err);

static int fail_at(bxcm_ctx *cx, const bxcm_op *op, bx_error *err, const char *fmt, ...)
{
    if (err->msg[0] == 0) {
        char buf[200];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
        snprintf(err->msg, sizeof err->msg, "definition at byte 0x%zx: %s", op->off, buf);
    }
    (void)cx;
    return -1;
}

static int instantiate(bxcm_ctx *cx, const bxcm_comp *c, bxcm_ci *parent, const rtargs *args, uint32_t nargs,
                       bxcm_rinst **out, bx_error *err)
{
    space sp[S_NSORTS];
    memset(sp, 0, sizeof sp);
    int rc = -1;
    bxcm_ci *ci = calloc(1, sizeof *ci);
    bxcm_rinst *ri = aalloc(cx, sizeof *ri);
    if (!ci || !ri) { free(ci); snprintf(err->msg, sizeof err->msg, "out of host memory"); return -1; }
    ci->may_leave = ci->may_enter = true;
    ci->parent = parent;
    ci->next = cx->cis;
    cx->cis = ci;
    uint32_t nexp = 0;
    for (uint32_t i = 0; i < c->nops; i++) if (c->ops[i].op == OP_EXPORT) nexp++;
    if (!(ri->ex = aalloc(cx, (nexp + 1) * sizeof *ri->ex))) goto out;

    for (uint32_t oi = 0; oi < c->nops; oi++) {
        const bxcm_op *op = &c->ops[oi];
        switch (op->op) {
        case OP_CORE_MODULE:
            if (spush(cx, &sp[S_CORE_MODULE], op->item)) goto trapped;
            break;
        case OP_COMPONENT:
            if (spush(cx, &sp[S_COMPONENT], op->item)) goto trapped;
            break;
        case OP_ALIAS_OUTER:
            if (spush(cx, &sp[op->sort], op->item)) goto trapped;
            break;
        case OP_CORE_INST: {
            /* the module in this instance's index space: a nested
             * component's imported module is the one its parent gave */
            const bx_module *m = op->idx < sp[S_CORE_MODULE].n ? sp[S_CORE_MODULE].v[op->idx] : NULL;
            if (!m) { fail_at(cx, op, err, "core instantiation of a module that is not available here"); goto out; }
            uint32_t ni = bx_module_import_count(m);
            bx_extern *im = ni ? calloc(ni, sizeof *im) : NULL;
            if (ni && !im) { fail_at(cx, op, err, "out of host memory"); goto out; }
            for (uint32_t k = 0; k < ni; k++) {
                const char *mn, *nm;
                bx_externkind kind;
                bx_module_import(m, k, &mn, &nm, &kind);
                const bxcm_arg *a = NULL;
                for (uint32_t j = 0; j < op->nargs; j++) if (!strcmp(op->args[j].name, mn)) a = &op->args[j];
                if (!a) { free(im); fail_at(cx, op, err, "module instantiation argument `%s` not found", mn); goto out; }
                bxcm_cinst *src = sp[S_CORE_INSTANCE].v[a->si.idx];
                if (cinst_export(cx, src, nm, &im[k])) {
                    free(im);
                    fail_at(cx, op, err, "module import `%s`.`%s`: no such export in the argument instance", mn, nm);
                    goto out;
                }
                if (im[k].kind != kind) {
                    free(im);
                    fail_at(cx, op, err, "module import `%s`.`%s`: export of the wrong kind", mn, nm);
                    goto out;
                }
            }
            bx_error e;
            bx_instance *in = bx_instance_new(cx->s, m, im, ni, &e);
            free(im);
            if (!in) {
                if (e.status == BX_ERR_TRAP) {
                    *err = e;
                    if (e.trap == BX_TRAP_EXIT) cx->exit_code = bx_store_exit_code(cx->s);
                    goto out;
                }
                fail_at(cx, op, err, "core instantiation: %s", e.msg);
                err->status = e.status;
                goto out;
            }
            bxcm_cinst *ciw = aalloc(cx, sizeof *ciw);
            if (!ciw) goto trapped;
            ciw->inst = in;
            if (spush(cx, &sp[S_CORE_INSTANCE], ciw)) goto trapped;
            break;
        }
        case OP_CORE_INST_INLINE: {
            bxcm_cinst *ciw = aalloc(cx, sizeof *ciw);
            if (!ciw || !(ciw->names = aalloc(cx, (op->nargs + 1) * sizeof *ciw->names)) ||
                !(ciw->ex = aalloc(cx, (op->nargs + 1) * sizeof *ciw->ex)))
                goto trapped;
            ciw->n = op->nargs;
            for (uint32_t j = 0; j < op->nargs; j++) {
                ciw->names[j] = op->args[j].name;
                ciw->ex[j] = mk_ext(op->args[j].si.sort, sp[op->args[j].si.sort].v[op->args[j].si.idx]);
            }
            if (spush(cx, &sp[S_CORE_INSTANCE], ciw)) goto trapped;
            break;
        }
        case OP_ALIAS_CORE_EXPORT: {
            bx_extern e;
            if (cinst_export(cx, sp[S_CORE_INSTANCE].v[op->idx], op->name, &e)) {
                fail_at(cx, op, err, "core instance %u has no export `%s`", op->idx, op->name);
                goto out;
            }
            if ((int)e.kind != core_kind(op->sort)) {
                fail_at(cx, op, err, "export `%s` of core instance %u is not a %s", op->name, op->idx,
                        op->sort == S_CORE_FUNC ? "function" : op->sort == S_CORE_MEM ? "memory" :
                        op->sort == S_CORE_TABLE ? "table" : "global");
                goto out;
            }
            if (spush(cx, &sp[op->sort], ext_ptr(&e))) goto trapped;
            break;
        }
        case OP_ALIAS_EXPORT: {
            bxcm_rinst *src = sp[S_INSTANCE].v[op->idx];
            void *p = NULL;
            int found = 0;
            for (uint32_t j = 0; j < src->nex; j++)
                if (!strcmp(src->ex[j].name, op->name)) {
                    /* the instance given at run time may differ from the declared one */
                    if (src->ex[j].sort != op->sort) {
                        fail_at(cx, op, err, "export `%s` of instance %u is not of the declared sort", op->name, op->idx);
                        goto out;
                    }
                    p = src->ex[j].p; found = 1; break;
                }
            if (!found) { fail_at(cx, op, err, "instance %u has no export `%s`", op->idx, op->name); goto out; }
            if (op->sort == S_TYPE) { if (p && bxcm_subst(cx, ci, op->t, p)) goto trapped; }
            else if (spush(cx, &sp[op->sort], p)) goto trapped;
            break;
        }
        case OP_TYPE: {   /* a resource type defined here: fresh for this instance */
            bxcm_type *fresh = aalloc(cx, sizeof *fresh);
            if (!fresh) goto trapped;
            *fresh = *op->t;
            if (bxcm_subst(cx, ci, op->t, fresh)) goto trapped;
            if (cx->nrdefs == cx->caprdefs) {
                uint32_t nc = cx->caprdefs ? cx->caprdefs * 2 : 8;
                bxcm_rdef *n = realloc(cx->rdefs, nc * sizeof *n);
                if (!n) goto trapped;
                cx->rdefs = n; cx->caprdefs = nc;
            }
            cx->rdefs[cx->nrdefs++] = (bxcm_rdef){ fresh, ci, op->t->has_dtor ? sp[S_CORE_FUNC].v[op->t->dtor] : NULL };
            break;
        }
        case OP_LIFT: {
            bxcm_func *f = aalloc(cx, sizeof *f);
            if (!f) goto trapped;
            f->ft = op->t;
            f->core = sp[S_CORE_FUNC].v[op->idx];
            f->ci = ci;
            f->opts = op->opts;
            if (op->opts.has_mem) f->mem = sp[S_CORE_MEM].v[op->opts.mem];
            if (op->opts.has_realloc) f->realloc = sp[S_CORE_FUNC].v[op->opts.realloc];
            if (op->opts.has_post) f->post = sp[S_CORE_FUNC].v[op->opts.post];
            if (spush(cx, &sp[S_FUNC], f)) goto trapped;
            break;
        }
        case OP_LOWER: {
            bxcm_func *callee = sp[S_FUNC].v[op->idx];
            lowered *L = aalloc(cx, sizeof *L);
            if (!L || !callee) { fail_at(cx, op, err, "canon lower of an unknown function"); goto out; }
            L->ctx = cx; L->callee = callee; L->ci = ci; L->opts = op->opts;
            L->ft = op->t ? op->t : callee->ft;
            if (!same_shape(L->ft, callee->ft)) {
                fail_at(cx, op, err, "canon lower: the function given has another type than the one declared");
                goto out;
            }
            if (op->opts.has_mem) L->mem = sp[S_CORE_MEM].v[op->opts.mem];
            if (op->opts.has_realloc) L->realloc = sp[S_CORE_FUNC].v[op->opts.realloc];
            const bxcm_type *ft = L->ft;
            bx_valtype ps[17], rs[1];
            uint32_t np = 0, nr = 0;
            for (uint32_t i = 0; i < ft->n; i++) { uint32_t k = bxcm_flat_count(ft->ts[i]); np += k; }
            if (ft->t0) nr = bxcm_flat_count(ft->t0);
            uint32_t k = 0;
            if (np > 16) { ps[0] = BX_I32; k = 1; }
            else for (uint32_t i = 0; i < ft->n; i++) { uint32_t q = 0; bx_valtype tmp[17];
                bxcm_flatten(ft->ts[i], tmp, 17, &q); for (uint32_t j = 0; j < q; j++) ps[k++] = tmp[j]; }
            uint32_t kr = 0;
            if (nr > 1) ps[k++] = BX_I32;
            else if (nr == 1) { uint32_t q = 0; bxcm_flatten(ft->t0, rs, 1, &q); kr = 1; }
            bx_functype t = { k, kr, ps, rs };
            bx_func *hf = bx_func_new_host(cx->s, &t, lower_tramp, L);
            if (!hf || spush(cx, &sp[S_CORE_FUNC], hf)) goto trapped;
            break;
        }
        case OP_RES_NEW: case OP_RES_DROP: case OP_RES_REP: {
            resfn *R = aalloc(cx, sizeof *R);
            if (!R) goto trapped;
            R->ctx = cx; R->ci = ci; R->rt = op->t;
            static const bx_valtype i32[1] = { BX_I32 };
            bx_functype t = { 1, op->op == OP_RES_DROP ? 0 : 1, i32, i32 };
            bx_func *hf = bx_func_new_host(cx->s, &t, op->op == OP_RES_NEW ? res_new : op->op == OP_RES_DROP ? res_drop : res_rep, R);
            if (!hf || spush(cx, &sp[S_CORE_FUNC], hf)) goto trapped;
            break;
        }
        case OP_IMPORT: {
            void *p = NULL;
            if (!parent) {
                if (op->sort == S_INSTANCE) {
                    if (!(p = host_instance(cx, op->name, op->t, err))) goto out;
                } else if (op->sort == S_TYPE) {
                    break;
                } else if (op->sort == S_FUNC) {
                    void *fu = NULL;
                    bxcm_host_fn fn = cx->host.lookup ? cx->host.lookup(cx->host.user, "", op->name, op->t, &fu) : NULL;
                    bxcm_func *f = fn ? aalloc(cx, sizeof *f) : NULL;
                    if (!f) { fail_at(cx, op, err, "import `%s` is not provided by the host", op->name); goto out; }
                    f->ft = op->t; f->host = fn; f->huser = fu;
                    p = f;
                } else { fail_at(cx, op, err, "import `%s`: the host provides no %s", op->name, op->sort == S_COMPONENT ? "components" : "core modules"); goto out; }
            } else {
                int found = 0;
                for (uint32_t j = 0; j < nargs; j++)
                    if (!strcmp(args[j].name, op->name)) { p = args[j].p; found = 1; break; }
                if (!found) { fail_at(cx, op, err, "missing import `%s`", op->name); goto out; }
                if (op->sort == S_TYPE) { if (p && bxcm_subst(cx, ci, op->t, p)) goto trapped; break; }
                if (op->sort == S_INSTANCE && op->t) {
                    bxcm_rinst *src = p;
                    /* every declared export must be there, of its sort */
                    for (uint32_t d = 0; d < op->t->nex; d++) {
                        int have = 0;
                        for (uint32_t j = 0; j < src->nex; j++)
                            if (!strcmp(src->ex[j].name, op->t->ex[d].name)) { have = src->ex[j].sort == op->t->ex[d].sort; break; }
                        if (!have) { fail_at(cx, op, err, "import `%s`: the instance given has no %s export `%s`", op->name,
                                             op->t->ex[d].sort == S_FUNC ? "function" : "such", op->t->ex[d].name); goto out; }
                    }
                    for (uint32_t d = 0; d < op->t->nex; d++) {
                        if (op->t->ex[d].sort != S_TYPE) continue;
                        for (uint32_t j = 0; j < src->nex; j++)
                            if (!strcmp(src->ex[j].name, op->t->ex[d].name) && src->ex[j].p &&
                                bxcm_subst(cx, ci, op->t->ex[d].t, src->ex[j].p))
                                goto trapped;
                    }
                }
            }
            if (spush(cx, &sp[op->sort], p)) goto trapped;
            break;
        }
        case OP_INST: case OP_INST_INLINE: {
            rtargs *ra = op->nargs ? calloc(op->nargs, sizeof *ra) : NULL;
            if (op->nargs && !ra) goto trapped;
            for (uint32_t j = 0; j < op->nargs; j++) {
                ra[j].name = op->args[j].name;
                ra[j].sort = op->args[j].si.sort;
                ra[j].p = ra[j].sort == S_TYPE ? (void *)bxcm_resolve(ci, op->args[j].t)
                                               : sp[ra[j].sort].v[op->args[j].si.idx];
            }
            bxcm_rinst *child = NULL;
            if (op->op == OP_INST) {
                int r2 = instantiate(cx, op->item, ci, ra, op->nargs, &child, err);
                free(ra);
                if (r2) goto out;
            } else {
                child = aalloc(cx, sizeof *child);
                if (!child || !(child->ex = aalloc(cx, (op->nargs + 1) * sizeof *child->ex))) { free(ra); goto trapped; }
                for (uint32_t j = 0; j < op->nargs; j++) child->ex[j] = (bxcm_rexp){ ra[j].name, ra[j].sort, ra[j].p };
                child->nex = op->nargs;
                free(ra);
            }
            if (spush(cx, &sp[S_INSTANCE], child)) goto trapped;
            break;
        }
        case OP_EXPORT: {
            void *p = op->sort == S_TYPE ? (void *)bxcm_resolve(ci, op->t) : sp[op->sort].v[op->idx];
            ri->ex[ri->nex++] = (bxcm_rexp){ op->name, op->sort, p };
            if (op->sort != S_TYPE && spush(cx, &sp[op->sort], p)) goto trapped;
            break;
        }
        default: break;
        }
    }
    *out = ri;
    rc = 0;
    goto out;
trapped:
    if (!err->msg[0]) snprintf(err->msg, sizeof err->msg, "%s", cx->msg[0] ? cx->msg : "out of host memory");
out:
    for (int i = 0; i < S_NSORTS; i++) free(sp[i].v);
    if (rc && err->status == BX_OK) err->status = BX_ERR_UNLINKABLE;
    return rc;
}

bx_status bxcm_instantiate(bxcm_ctx *cx, const bxcm_comp *c, bx_error *err)
{
    bx_error dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    cx->trap = BX_TRAP_NONE;
    cx->msg[0] = 0;
    if (instantiate(cx, c, NULL, NULL, 0, &cx->root, err)) {
        if (err->status == BX_OK) err->status = BX_ERR_UNLINKABLE;
        return err->status;
    }
    return BX_OK;
}

static int name_eq_iface(const char *have, const char *want, size_t wn)
{
    /* `want` without version matches `have` with any 0.2.x version */
    size_t hn = strlen(have);
    const char *at = strchr(have, '@');
    if (at) hn = (size_t)(at - have);
    const char *wat = memchr(want, '@', wn);
    if (wat) return hn == (size_t)(wat - want) && !strncmp(have, want, hn) && version_ok(have);
    return hn == wn && !strncmp(have, want, wn);
}

bxcm_func *bxcm_export_func(bxcm_ctx *cx, const char *name)
{
    if (!cx->root) return NULL;
    const char *hash = strchr(name, '#');
    for (uint32_t i = 0; i < cx->root->nex; i++) {
        const bxcm_rexp *e = &cx->root->ex[i];
        if (!hash) {
            if (e->sort == S_FUNC && !strcmp(e->name, name)) return e->p;
            continue;
        }
        if (e->sort != S_INSTANCE || !name_eq_iface(e->name, name, (size_t)(hash - name))) continue;
        const bxcm_rinst *in = e->p;
        for (uint32_t j = 0; j < in->nex; j++)
            if (in->ex[j].sort == S_FUNC && !strcmp(in->ex[j].name, hash + 1)) return in->ex[j].p;
    }
    return NULL;
}

bx_status bxcm_call(bxcm_ctx *cx, bxcm_func *f, bxcm_val *args, bxcm_val *res, bx_error *err)
{
    bx_error dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    cx->trap = BX_TRAP_NONE;
    cx->msg[0] = 0;
    if (call_func(cx, f, args, res) == 0) return BX_OK;
    err->status = BX_ERR_TRAP;
    err->trap = cx->trap == BX_TRAP_NONE ? BX_TRAP_HOST : cx->trap;
    snprintf(err->msg, sizeof err->msg, "%s", cx->msg);
    return BX_ERR_TRAP;
}

int bxcm_run_command(bxcm_ctx *cx, bx_error *err)
{
    bxcm_func *f = bxcm_export_func(cx, "wasi:cli/run@0.2.0#run");
    if (!f) {
        snprintf(err->msg, sizeof err->msg, "the component exports no `wasi:cli/run@0.2.x` instance with a `run` function");
        err->status = BX_ERR_UNLINKABLE;
        return -1;
    }
    const bxcm_type *ft = f->ft;
    if (ft->n != 0 || !ft->t0 || ft->t0->k != TK_RESULT || ft->t0->t0 || ft->t0->t1) {
        snprintf(err->msg, sizeof err->msg, "`wasi:cli/run#run` must have the type func() -> result");
        err->status = BX_ERR_UNLINKABLE;
        return -1;
    }
    bxcm_val res;
    memset(&res, 0, sizeof res);
    if (bxcm_call(cx, f, NULL, &res, err) != BX_OK) return -1;
    return res.var.tag ? 1 : 0;
}
