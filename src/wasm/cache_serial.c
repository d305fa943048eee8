/*
 * cache_serial.c — the payload of a compiled-module cache entry: a
 * bx_module (decoded parts and the compiled code of every function)
 * written to bytes and read back, and the engine build id that names
 * entries.  The file store around it is cache_store.c.
 *
 * Loaded code runs without being compiled again, so the reader treats a
 * payload as if it came from an attacker who holds the cache key (see
 * cache_store.c for the walls in front of it): a structural reader that
 * bounds-checks every count, index and length against the payload and
 * against the module's own index spaces, and a verifier of each compiled
 * body: opcodes known (unknown ones fail closed), operand words inside the
 * body, slot operands inside the frame, branch targets on instruction
 * starts (loop back-edges on an OP_LOOP), module indices in range, calls'
 * argument areas inside the frame, call_indirect only through funcref
 * tables, global.set only of mutable globals, a terminator last, and a
 * data-flow pass over the slots proving that whatever reaches a funcref
 * table, global, argument or result is a reference of that type (a funcref
 * slot holds a bx_func pointer).
 * Reference types are also checked where they are declared (constant
 * expressions, segments against their tables, table.init/table.copy).
 * Not re-checked: the numeric typing of the code (an f32 slot read as an
 * i32, say): slots are untyped 64-bit words to the interpreter, so that can
 * give wrong numbers but never an access outside the instance.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "module.h"
#include "opcodes.h"
#include "sha256.h"
#include "simd.h"


/* ---- build id ------------------------------------------------------------ */

static const char *const op_names[] = {
#define BX_OP_NAME(n, w) #n,
    BX_OPS(BX_OP_NAME)
#undef BX_OP_NAME
};
static const uint8_t op_words[] = {
#define BX_OP_WORDS(n, w) (w),
    BX_OPS(BX_OP_WORDS)
#undef BX_OP_WORDS
};
/* code.h's second column as written (BX_K(SSI), BX_KV(2), ...): the
 * operand kinds the code verifier below reads. */
static const char *const op_kind_src[] = {
#define BX_OP_KIND(n, w) #w,
    BX_OPS(BX_OP_KIND)
#undef BX_OP_KIND
};

/* Deterministic for identical sources: the format version, the name,
 * position, operand count and operand kinds of every internal opcode (its
 * row in code.h), the text of every row of the instruction table
 * (opcodes.def), and the sizes of the structs whose fields the payload
 * mirrors. */
/* Hashes the whole opcode table (~20 us): made once per process, a
 * constant after (a cached load asks for it more than once). */
static pthread_once_t build_id_once = PTHREAD_ONCE_INIT;
static uint64_t build_id_value;
static void build_id_make(void);

uint64_t bxe_cache_build_id(void)
{
    pthread_once(&build_id_once, build_id_make);
    return build_id_value;
}

static void build_id_make(void)
{
    uint64_t h = bxe_hash64("boxagnts-module-cache", 21, BXE_CACHE_FORMAT);
    for (uint32_t i = 0; i < BXOP_COUNT_ + 1; i++) {
        h = bxe_hash64(op_names[i], strlen(op_names[i]), h ^ i);
        h = bxe_hash64(&op_words[i], 1, h);
        h = bxe_hash64(op_kind_src[i], strlen(op_kind_src[i]), h);
    }
    h = bxe_ops_hash(h);
    uint32_t sizes[] = {(uint32_t)sizeof(struct bx_code), (uint32_t)sizeof(bx_constexpr),
                        (uint32_t)sizeof(bx_import), (uint32_t)sizeof(bx_elem_decl),
                        (uint32_t)sizeof(bx_data_decl), (uint32_t)sizeof(bx_func_decl),
                        (uint32_t)sizeof(struct bx_module)};
    build_id_value = bxe_hash64(sizes, sizeof sizes, h);
}

/* ---- writer ---------------------------------------------------------------- */

typedef struct wbuf {
    uint8_t *p;
    size_t len, cap;
    bool oom;
} wbuf;

static void w_bytes(wbuf *w, const void *src, size_t n)
{
    if (w->oom) return;
    if (n > w->cap - w->len) {
        size_t cap = w->cap ? w->cap : 4096;
        while (n > cap - w->len) {
            if (cap > SIZE_MAX / 2) { w->oom = true; return; }
            cap *= 2;
        }
        uint8_t *np = realloc(w->p, cap);
        if (!np) { w->oom = true; return; }
        w->p = np;
        w->cap = cap;
    }
    if (n) memcpy(w->p + w->len, src, n);
    w->len += n;
}
/* little-endian: the interpreter already requires a little-endian host */
static void w_u8(wbuf *w, uint8_t v) { w_bytes(w, &v, 1); }
static void w_u32(wbuf *w, uint32_t v) { w_bytes(w, &v, 4); }
static void w_u64(wbuf *w, uint64_t v) { w_bytes(w, &v, 8); }

static void w_const(wbuf *w, const bx_constexpr *c)
{
    w_u8(w, (uint8_t)c->op);
    w_u8(w, (uint8_t)c->type);
    w_u32(w, c->index);
    w_u64(w, c->bits);
    w_u64(w, c->hi);
    w_u64(w, (uint64_t)c->offset);
}

static void w_limits(wbuf *w, const bx_limits_decl *l)
{
    w_u32(w, l->min);
    w_u32(w, l->max);
    w_u8(w, l->has_max);
}

bx_status bxe_module_serialize(const struct bx_module *m, uint8_t **out, size_t *outlen)
{
    wbuf w = {0};
    w_u32(&w, m->ntypes);
    for (uint32_t i = 0; i < m->ntypes; i++) {
        const bx_functype *t = &m->types[i];
        w_u32(&w, t->nparams);
        w_u32(&w, t->nresults);
        for (uint32_t k = 0; k < t->nparams; k++) w_u8(&w, (uint8_t)t->params[k]);
        for (uint32_t k = 0; k < t->nresults; k++) w_u8(&w, (uint8_t)t->results[k]);
        w_u32(&w, m->type_canon[i]);
    }
    w_u32(&w, m->nimports);
    for (uint32_t i = 0; i < m->nimports; i++) {
        const bx_import *im = &m->imports[i];
        w_u32(&w, im->module_len);
        w_bytes(&w, im->module, im->module_len);
        w_u32(&w, im->name_len);
        w_bytes(&w, im->name, im->name_len);
        w_u8(&w, (uint8_t)im->kind);
        switch (im->kind) {
        case BX_EXTERN_FUNC: w_u32(&w, im->desc.func_type); break;
        case BX_EXTERN_TABLE:
            w_u8(&w, (uint8_t)im->desc.table.elem);
            w_limits(&w, &im->desc.table.limits);
            break;
        case BX_EXTERN_MEMORY: w_limits(&w, &im->desc.memory); break;
        case BX_EXTERN_GLOBAL:
            w_u8(&w, (uint8_t)im->desc.global.type);
            w_u8(&w, im->desc.global.mutable_);
            break;
        }
    }
    w_u32(&w, m->nfunc_imports);
    w_u32(&w, m->ntable_imports);
    w_u32(&w, m->nmem_imports);
    w_u32(&w, m->nglobal_imports);

    w_u32(&w, m->nfuncs);
    for (uint32_t i = 0; i < m->nfuncs; i++) {
        const bx_func_decl *f = &m->funcs[i];
        const struct bx_code *c = f->code;
        w_u32(&w, f->type);
        w_u64(&w, (uint64_t)f->body_offset);
        w_u32(&w, f->body_len);
        w_u32(&w, f->nlocals);
        for (uint32_t k = 0; k < f->nlocals; k++) w_u8(&w, (uint8_t)f->locals[k]);
        w_u32(&w, c->nparams);
        w_u32(&w, c->nresults);
        w_u32(&w, c->nlocals);
        w_u32(&w, c->nconsts);
        w_u32(&w, c->frame_size);
        w_u32(&w, c->len);
        w_bytes(&w, c->code, ((size_t)c->len + 2 * (size_t)c->nconsts) * sizeof(uint32_t));
    }
    w_u32(&w, m->ntables_total);
    for (uint32_t i = 0; i < m->ntables_total; i++) {
        w_u8(&w, (uint8_t)m->tables[i].elem);
        w_limits(&w, &m->tables[i].limits);
    }
    w_u32(&w, m->nmems_total);
    for (uint32_t i = 0; i < m->nmems_total; i++) w_limits(&w, &m->mems[i]);
    w_u32(&w, m->nglobals_total);
    for (uint32_t i = 0; i < m->nglobals_total; i++) {
        w_u8(&w, (uint8_t)m->global_types[i].type);
        w_u8(&w, m->global_types[i].mutable_);
    }
    for (uint32_t i = m->nglobal_imports; i < m->nglobals_total; i++) {
        const bx_global_decl *g = &m->globals[i - m->nglobal_imports];
        w_u8(&w, (uint8_t)g->type.type);
        w_u8(&w, g->type.mutable_);
        w_const(&w, &g->init);
    }
    w_u32(&w, m->nexports);
    for (uint32_t i = 0; i < m->nexports; i++) {
        const bx_export *e = &m->exports[i];
        w_u32(&w, e->name_len);
        w_bytes(&w, e->name, e->name_len);
        w_u8(&w, (uint8_t)e->kind);
        w_u32(&w, e->index);
    }
    w_u8(&w, m->has_start);
    w_u32(&w, m->start);
    w_u32(&w, m->nelems);
    for (uint32_t i = 0; i < m->nelems; i++) {
        const bx_elem_decl *e = &m->elems[i];
        w_u8(&w, (uint8_t)e->mode);
        w_u8(&w, (uint8_t)e->type);
        w_u32(&w, e->table);
        w_const(&w, &e->offset);
        w_u32(&w, e->count);
        for (uint32_t k = 0; k < e->count; k++) w_const(&w, &e->init[k]);
    }
    w_u8(&w, m->has_datacount);
    w_u32(&w, m->datacount);
    w_u32(&w, m->ndatas);
    for (uint32_t i = 0; i < m->ndatas; i++) {
        const bx_data_decl *d = &m->datas[i];
        w_u8(&w, (uint8_t)d->mode);
        w_u32(&w, d->memory);
        w_const(&w, &d->offset);
        w_u32(&w, d->len);
        w_bytes(&w, d->bytes, d->len);
    }
    for (uint32_t i = 0; i < m->nfuncs_total; i++) w_u8(&w, m->func_declared ? m->func_declared[i] : 0);
    if (w.oom) {
        free(w.p);
        return BX_ERR_NOMEM;
    }
    *out = w.p;
    *outlen = w.len;
    return BX_OK;
}

/* ---- reader ------------------------------------------------------------------ */

/* Every read is bounds-checked; the first failure sets bad and every later
 * read returns zeros, so the parsing code can check once per item. */
typedef struct rbuf {
    const uint8_t *p, *end;
    bool bad;
} rbuf;

static const uint8_t *r_bytes(rbuf *r, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = true;
        return NULL;
    }
    const uint8_t *q = r->p;
    r->p += n;
    return q;
}
static uint8_t r_u8(rbuf *r)
{
    const uint8_t *q = r_bytes(r, 1);
    return q ? *q : 0;
}
static uint32_t r_u32(rbuf *r)
{
    uint32_t v = 0;
    const uint8_t *q = r_bytes(r, 4);
    if (q) memcpy(&v, q, 4);
    return v;
}
static uint64_t r_u64(rbuf *r)
{
    uint64_t v = 0;
    const uint8_t *q = r_bytes(r, 8);
    if (q) memcpy(&v, q, 8);
    return v;
}
/* A count of items each at least `min` bytes long: never more than what the
 * rest of the payload can hold, so allocations stay bounded by the file. */
static uint32_t r_count(rbuf *r, size_t min)
{
    uint32_t n = r_u32(r);
    if (!r->bad && (size_t)(r->end - r->p) / min < n) r->bad = true;
    return r->bad ? 0 : n;
}
static bool r_bool(rbuf *r)
{
    uint8_t v = r_u8(r);
    if (v > 1) r->bad = true;
    return v == 1;
}

static bx_valtype r_valtype(rbuf *r)
{
    uint8_t t = r_u8(r);
    if (!bxe_is_valtype(t)) r->bad = true;
    return r->bad ? BX_I32 : (bx_valtype)t;
}
static bx_valtype r_reftype(rbuf *r)
{
    uint8_t t = r_u8(r);
    if (!bxe_is_reftype(t)) r->bad = true;
    return r->bad ? BX_FUNCREF : (bx_valtype)t;
}

static void r_limits(rbuf *r, bx_limits_decl *l, uint32_t cap)
{
    l->min = r_u32(r);
    l->max = r_u32(r);
    l->has_max = r_bool(r);
    if (l->min > cap || (l->has_max && (l->max > cap || l->min > l->max))) r->bad = true;
}

static char *r_name(rbuf *r, uint32_t *len)
{
    *len = r_count(r, 1);
    const uint8_t *q = r_bytes(r, *len);
    if (!q) return NULL;
    char *s = malloc((size_t)*len + 1);
    if (!s) { r->bad = true; return NULL; }
    memcpy(s, q, *len);
    s[*len] = 0;
    return s;
}

/* Constant expressions: the same index rules validate.c applies, so the
 * instance's evaluator stays inside its arrays. */
static void r_const(rbuf *r, const struct bx_module *m, bx_constexpr *c, bool used)
{
    uint8_t op = r_u8(r);
    uint8_t t = r_u8(r);
    if (!used) {    /* the offset of a passive segment: never evaluated, kept as is */
        memset(c, 0, sizeof *c);
        c->op = (bx_constop)op;
        c->type = (bx_valtype)t;
        c->index = r_u32(r);
        c->bits = r_u64(r);
        c->hi = r_u64(r);
        c->offset = (size_t)r_u64(r);
        if (op != 0 || t != 0 || c->index || c->bits || c->hi || c->offset) r->bad = true;
        return;
    }
    if (!bxe_is_valtype(t)) r->bad = true;
    c->type = r->bad ? BX_I32 : (bx_valtype)t;
    c->index = r_u32(r);
    c->bits = r_u64(r);
    c->hi = r_u64(r);
    c->offset = (size_t)r_u64(r);
    if (op == BX_CONST_EXTENDED) {  /* constexpr.c re-reads the bytes with bounds checks */
        c->op = BX_CONST_EXTENDED;
        if ((c->type != BX_I32 && c->type != BX_I64) || c->hi || c->offset > m->len ||
            c->bits > m->len - c->offset)
            r->bad = true;
        return;
    }
    if (op > BX_CONST_V128) { r->bad = true; return; }
    c->op = (bx_constop)op;
    if (c->op != BX_CONST_V128 && c->hi) r->bad = true;
    /* the type each op produces: a reference slot must never hold a number */
    static const uint8_t want[BX_CONST_V128 + 1] = {[BX_CONST_V128] = BX_V128,[BX_CONST_I32] = BX_I32, [BX_CONST_I64] = BX_I64,
                                   [BX_CONST_F32] = BX_F32, [BX_CONST_F64] = BX_F64,
                                   [BX_CONST_REF_FUNC] = BX_FUNCREF};
    if (want[op] ? c->type != want[op] : c->op == BX_CONST_REF_NULL && !bxe_is_reftype(c->type))
        r->bad = true;
    if (c->op == BX_CONST_REF_FUNC && c->index >= m->nfuncs_total) r->bad = true;
    if (c->op == BX_CONST_GLOBAL_GET &&
        (c->index >= m->nglobal_imports || c->type != m->global_types[c->index].type))
        r->bad = true;
}

/* ---- code verifier -------------------------------------------------------------- */

/* Operand words of each instruction, as code.h's BX_OPS spells them in
 * its second column: BX_K(letters) one letter per word, BX_KM(letters)
 * the same for a memory instruction, BX_KV(n) n words and an operand area
 * checked by hand (BR_TABLE, RETURN, CALL, CALL_INDIRECT, the tail calls,
 * the SIMD ops: simd.c's table).  Letters: S slot (< frame_size), I
 * immediate, T branch target (an instruction start), L loop back-edge
 * target (an OP_LOOP), F function, Y type, B table, G global, E elem
 * segment, D data segment, X memory.  op_kind_src (above, with the build
 * id, which hashes it) is that column as spelled: a row is its own entry. */
/* The letters of op (a leading M for BX_KM) in buf; NULL for BX_KV;
 * "?" when the row is spelled otherwise (rejected, self-check fails). */
static const char *op_kinds(uint32_t op, char buf[16])
{
    const char *s = op_kind_src[op], *p;
    size_t n = 0;
    if (!strncmp(s, "BX_KV(", 6))
        return NULL;
    if (!strncmp(s, "BX_KM(", 6)) {
        buf[n++] = 'M';
        p = s + 6;
    } else if (!strncmp(s, "BX_K(", 5)) {
        p = s + 5;
    } else {
        return "?";
    }
    while (*p >= 'A' && *p <= 'Z' && n < 15)
        buf[n++] = *p++;
    if (p[0] != ')' || p[1])
        return "?";
    buf[n] = 0;
    return buf;
}

/* Every fixed-size opcode's kind string has one letter per operand word:
 * fails when code.h gains an opcode this file does not know. */
bool bxe_cache_selfcheck(void)
{
    for (uint32_t op = 0; op < BXOP_COUNT_; op++) {
        char buf[16];
        const char *k = op_kinds(op, buf);
        if (!k) continue;
        if (strchr(k, '?')) return false;
        size_t n = strlen(k) - (k[0] == 'M');
        if (n != op_words[op]) return false;
    }
    return true;
}

/* op_kinds as a table, built once: per opcode its operand count and bit
 * masks of which operand words are slots, forward targets, loop targets or
 * module indices (those checked one by one against their kind). */
typedef struct opinfo {
    uint8_t n, flags, smask, tmask, lmask, xmask;
    char x[8];
} opinfo;
enum { OPF_SPECIAL = 1, OPF_MEM = 2, OPF_TERM = 4, OPF_BAD = 8 };
static opinfo ops[BXOP_COUNT_];
static pthread_once_t ops_once = PTHREAD_ONCE_INIT;

static void ops_init(void)
{
    for (uint32_t op = 0; op < BXOP_COUNT_; op++) {
        opinfo *o = &ops[op];
        char buf[16];
        const char *k = op_kinds(op, buf);
        if (op == BXOP_UNREACHABLE || op == BXOP_BR || op == BXOP_BR_B || op == BXOP_BR_TABLE ||
            op == BXOP_RETURN || op == BXOP_RETURN0 || op == BXOP_RETURN1 ||
            op == BXOP_RETURN_CALL || op == BXOP_RETURN_CALL_INDIRECT)
            o->flags |= OPF_TERM;
        if (!k) {
            o->flags |= OPF_SPECIAL;
            o->n = op_words[op];
            continue;
        }
        if (*k == 'M') {
            o->flags |= OPF_MEM;
            k++;
        }
        size_t n = strlen(k);
        if (n != op_words[op] || n > 8) {
            o->flags |= OPF_BAD;
            continue;
        }
        o->n = (uint8_t)n;
        for (size_t i = 0; i < n; i++) {
            switch (k[i]) {
            case 'S': o->smask |= (uint8_t)(1u << i); break;
            case 'T': o->tmask |= (uint8_t)(1u << i); break;
            case 'L': o->lmask |= (uint8_t)(1u << i); break;
            case 'I': break;
            case 'F': case 'Y': case 'B': case 'G': case 'E': case 'D': case 'X':
                o->xmask |= (uint8_t)(1u << i);
                o->x[i] = k[i];
                break;
            default: o->flags |= OPF_BAD;
            }
        }
    }
}

/* The argument/result area of a call at slot a: inside the frame. */
static bool call_area_ok(const bx_functype *t, uint32_t a, uint32_t frame)
{
    uint32_t np = bx_type_slots(t->params, t->nparams);
    uint32_t nr = bx_type_slots(t->results, t->nresults);
    uint32_t n = np > nr ? np : nr;
    return (uint64_t)a + n <= frame;
}

static bool index_ok(const struct bx_module *m, char kind, uint32_t v)
{
    switch (kind) {
    case 'F': return v < m->nfuncs_total;
    case 'Y': return v < m->ntypes;
    case 'B': return v < m->ntables_total;
    case 'G': return v < m->nglobals_total;
    case 'E': return v < m->nelems;
    case 'D': return v < m->ndatas;
    case 'X': return v < m->nmems_total;
    }
    return false;
}

/* Scratch space reused across the functions of one module. */
typedef struct vscratch {
    uint8_t *start;         /* 1 where an instruction starts */
    size_t cap;
    uint32_t *tg;           /* word positions holding branch targets; bit 31: loop target */
    size_t ntg, captg;
} vscratch;

static bool push_target(vscratch *v, uint32_t pos)
{
    if (v->ntg == v->captg) {
        size_t cap = v->captg ? v->captg * 2 : 256;
        uint32_t *n = realloc(v->tg, cap * sizeof *n);
        if (!n) return false;
        v->tg = n;
        v->captg = cap;
    }
    v->tg[v->ntg++] = pos;
    return true;
}

/* ---- reference typing ----------------------------------------------------
 *
 * A funcref slot holds a bx_func pointer (0 = null) that call_indirect
 * dereferences once it is in a table, and slots are untyped 64-bit words:
 * code that stores a number into a funcref table, global, argument or
 * result forges a pointer.  So every value that reaches such a sink must
 * be proven to have come from a reference of that type.  Per slot and per
 * program point, a tag: RF "holds a valid funcref", RX "holds an
 * externref" (0 holds both: null).  Sources give the tag (ref.func,
 * table.get, global.get, call results, parameters, zeroed locals, zero
 * constants); copies and select carry it; any other write clears it.
 * Branch targets meet (AND) the states of every edge, to a fixpoint.
 * Fail-closed: an opcode not listed as read-only below is taken to write
 * every slot operand it has (so an opcode added later can only make
 * verification stricter, never unsound), and a call clears every slot from
 * its argument area up (the callee's frame lies there). */

enum { RF = 1, RX = 2 };

static uint8_t ref_tag(bx_valtype t) { return t == BX_FUNCREF ? RF : t == BX_EXTERNREF ? RX : 0; }

static bool type_has_ref(const bx_valtype *v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (ref_tag(v[i])) return true;
    return false;
}

/* Instructions that hand a slot's value on as a reference. */
static bool ref_sink(const struct bx_module *m, const bx_functype *ft, uint32_t op, const uint32_t *o)
{
    switch (op) {
    case BXOP_TABLE_SET: case BXOP_TABLE_GROW: case BXOP_TABLE_FILL: return true;
    case BXOP_GLOBAL_SET: return ref_tag(m->global_types[o[0]].type) != 0;
    case BXOP_CALL: {
        const bx_functype *t = &m->types[m->func_types[o[0]]];
        return type_has_ref(t->params, t->nparams);
    }
    case BXOP_CALL_INDIRECT: return type_has_ref(m->types[o[0]].params, m->types[o[0]].nparams);
    case BXOP_RETURN_CALL: {
        const bx_functype *t = &m->types[m->func_types[o[0]]];
        return type_has_ref(t->params, t->nparams) || type_has_ref(t->results, t->nresults);
    }
    case BXOP_RETURN_CALL_INDIRECT:
        return type_has_ref(m->types[o[0]].params, m->types[o[0]].nparams) ||
               type_has_ref(m->types[o[0]].results, m->types[o[0]].nresults);
    case BXOP_RETURN: case BXOP_RETURN1: return type_has_ref(ft->results, ft->nresults);
    }
    return false;
}

/* Opcodes known to write no slot (their slot operands are only read). */
static bool writes_no_slot(uint32_t op)
{
    if ((op >= BXOP_I32_STORE && op <= BXOP_I64_STORE32) ||
        (op >= BXOP_I32_STORE_K && op <= BXOP_I32_STORE16_K) ||
        (op >= BXOP_I32_STORE_R && op <= BXOP_I32_STORE16_R) ||
        (op >= BXOP_BR && op <= BXOP_BR_I64_NEZ_B))
        return true;
    switch (op) {
    case BXOP_UNREACHABLE: case BXOP_FUEL: case BXOP_LOOP: case BXOP_RETURN0:
    case BXOP_TABLE_COPY: case BXOP_TABLE_INIT: case BXOP_ELEM_DROP: case BXOP_MEMORY_INIT:
    case BXOP_DATA_DROP: case BXOP_MEMORY_COPY: case BXOP_MEMORY_FILL:
        return true;
    }
    return false;
}

/* The state cap: blocks x frame slots bytes; bigger code is not cached. */
#define REF_STATE_MAX ((size_t)64 << 20)

typedef struct refflow {
    uint8_t *st;            /* nblocks x frame tags */
    uint8_t *seen;          /* bit 0: block reached; bit 1: queued */
    uint32_t *lid;          /* code word -> block number, or UINT32_MAX */
    uint32_t *bpc;          /* block number -> code word */
    uint32_t *work;         /* blocks to (re)visit */
    size_t nwork, frame;
} refflow;

/* Meets cur into block b's entry state; queues b when that changed it. */
static void ref_meet(refflow *r, uint32_t b, const uint8_t *cur)
{
    uint8_t *s = r->st + (size_t)b * r->frame;
    bool changed = false;
    if (!(r->seen[b] & 1)) {
        memcpy(s, cur, r->frame);
        r->seen[b] |= 1;
        changed = true;
    } else {
        for (size_t i = 0; i < r->frame; i++) {
            uint8_t t = s[i] & cur[i];
            if (t != s[i]) {
                s[i] = t;
                changed = true;
            }
        }
    }
    if (changed && !(r->seen[b] & 2)) {     /* queued at most once: nwork <= blocks */
        r->seen[b] |= 2;
        r->work[r->nwork++] = b;
    }
}

static bool ref_need(const uint8_t *cur, uint32_t slot, bx_valtype t)
{
    uint8_t need = ref_tag(t);
    return !need || (cur[slot] & need);
}

/* The effect of a call on the caller's slots: arguments must carry their
 * parameter's tag; everything from the argument area up is the callee's
 * frame afterwards; the results carry their type's tag. */
/* Frame slots and values differ once a v128 (two slots) is in a type; the
 * pass below walks types by value, so such types fail it (closed: the
 * entry is rebuilt from the module, never trusted). */
static bool type_has_v128(const bx_functype *t)
{
    for (uint32_t i = 0; i < t->nparams; i++)
        if (t->params[i] == BX_V128) return true;
    for (uint32_t i = 0; i < t->nresults; i++)
        if (t->results[i] == BX_V128) return true;
    return false;
}

static bool ref_call(uint8_t *cur, size_t frame, const bx_functype *t, uint32_t a)
{
    if (type_has_v128(t)) return false;
    for (uint32_t i = 0; i < t->nparams; i++)
        if (!ref_need(cur, a + i, t->params[i])) return false;
    memset(cur + a, 0, frame - a);
    for (uint32_t i = 0; i < t->nresults; i++) cur[a + i] = ref_tag(t->results[i]);
    return true;
}

static bool refs_ok(const struct bx_module *m, const bx_func_decl *f, vscratch *v)
{
    const struct bx_code *c = f->code;
    const bx_functype *ft = &m->types[f->type];
    const uint32_t *w = c->code, len = c->len;
    size_t frame = c->frame_size;
    refflow r = {0};
    r.frame = frame;
    bool ok = false;
    uint8_t *cur = NULL;
    if (type_has_v128(ft)) return false;
    /* blocks: the entry and every branch target */
    if (!(r.lid = malloc((size_t)len * sizeof *r.lid))) return false;
    memset(r.lid, 0xFF, (size_t)len * sizeof *r.lid);
    uint32_t nb = 0;
    r.lid[0] = nb++;
    for (size_t i = 0; i < v->ntg; i++) {
        uint32_t t = w[v->tg[i] & ~(1u << 31)];
        if (r.lid[t] == UINT32_MAX) r.lid[t] = nb++;
    }
    /* A block's state only ever loses tags (2 per slot), so the fixpoint
     * takes at most 2 * frame + 1 visits per block. */
    if (frame == 0) frame = r.frame = 1;    /* keep the arrays non-empty */
    if ((uint64_t)nb * frame > REF_STATE_MAX) goto out;
    if (!(r.st = malloc((size_t)nb * frame)) || !(r.seen = calloc(nb, 1)) ||
        !(r.bpc = malloc((size_t)nb * sizeof *r.bpc)) ||
        !(r.work = malloc((size_t)nb * sizeof *r.work)) || !(cur = malloc(frame)))
        goto out;
    for (uint32_t pc = 0; pc < len; pc++)
        if (r.lid[pc] != UINT32_MAX) r.bpc[r.lid[pc]] = pc;
    /* entry: parameters by type, declared locals zeroed (null), constant
     * slots by value, the operand area unknown */
    memset(cur, 0, frame);
    for (uint32_t i = 0; i < c->nparams; i++) cur[i] = ref_tag(ft->params[i]);
    for (uint32_t i = c->nparams; i < c->nlocals; i++) cur[i] = RF | RX;
    for (uint32_t i = 0; i < c->nconsts; i++)
        if (!w[len + 2 * i] && !w[len + 2 * i + 1]) cur[c->nlocals + i] = RF | RX;
    ref_meet(&r, 0, cur);
    while (r.nwork) {
        uint32_t b = r.work[--r.nwork];
        r.seen[b] &= (uint8_t)~2;
        memcpy(cur, r.st + (size_t)b * frame, frame);
        for (uint32_t pc = r.bpc[b];;) {
            uint32_t op = w[pc];
            const uint32_t *o = w + pc + 1;
            const opinfo *oi = &ops[op];
            uint32_t n = op == BXOP_BR_TABLE ? 2 + o[1] + 1 : oi->n;
            bool stop = (oi->flags & OPF_TERM) != 0;
            switch (op) {
            case BXOP_COPY: cur[o[0]] = cur[o[1]]; break;
            case BXOP_COPY2: cur[o[0]] = cur[o[1]]; cur[o[2]] = cur[o[3]]; break;
            case BXOP_SELECT: cur[o[0]] = cur[o[2]] & cur[o[3]]; break;
            case BXOP_CONST32: cur[o[0]] = o[1] ? 0 : RF | RX; break;
            case BXOP_CONST64: cur[o[0]] = o[1] | o[2] ? 0 : RF | RX; break;
            case BXOP_GLOBAL_GET: cur[o[0]] = ref_tag(m->global_types[o[1]].type); break;
            case BXOP_GLOBAL_SET:
                if (!ref_need(cur, o[1], m->global_types[o[0]].type)) goto out;
                break;
            case BXOP_TABLE_GET: cur[o[0]] = ref_tag(m->tables[o[1]].elem); break;
            case BXOP_TABLE_SET:
                if (!ref_need(cur, o[2], m->tables[o[0]].elem)) goto out;
                break;
            case BXOP_TABLE_GROW:
                if (!ref_need(cur, o[2], m->tables[o[1]].elem)) goto out;
                cur[o[0]] = 0;
                break;
            case BXOP_TABLE_FILL:
                if (!ref_need(cur, o[2], m->tables[o[0]].elem)) goto out;
                break;
            case BXOP_REF_FUNC: cur[o[0]] = RF; break;
            case BXOP_REF_IS_NULL: cur[o[0]] = 0; break;    /* reads a, writes d only */
            case BXOP_CALL:
                if (!ref_call(cur, frame, &m->types[m->func_types[o[0]]], o[1])) goto out;
                break;
            case BXOP_CALL_INDIRECT:
                if (!ref_call(cur, frame, &m->types[o[0]], o[3])) goto out;
                break;
            /* a tail call hands its arguments on as the callee's parameters
             * (sinks, as for a call); its results are the callee's, whose
             * types validation made equal to ours */
            case BXOP_RETURN_CALL:
                if (!ref_call(cur, frame, &m->types[m->func_types[o[0]]], o[1])) goto out;
                break;
            case BXOP_RETURN_CALL_INDIRECT:
                if (!ref_call(cur, frame, &m->types[o[0]], o[3])) goto out;
                break;
            case BXOP_RETURN:
                for (uint32_t i = 0; i < o[0]; i++)
                    if (!ref_need(cur, o[1] + i, ft->results[i])) goto out;
                break;
            case BXOP_RETURN1:
                if (!ref_need(cur, o[0], ft->results[0])) goto out;
                break;
            case BXOP_BR_TABLE:
                for (uint32_t i = 0; i <= o[1]; i++) ref_meet(&r, r.lid[o[2 + i]], cur);
                break;
            /* SIMD writes at most the two slots of its destination (a v128,
             * or one slot for extract/test results); bxe_simd_verify already
             * placed both inside the frame */
            case BXOP_SIMD:
                cur[o[1]] = 0;
                if (o[1] + 1 < frame) cur[o[1] + 1] = 0;
                break;
            case BXOP_SIMD_SHUFFLE:
                cur[o[0]] = 0;
                if (o[0] + 1 < frame) cur[o[0] + 1] = 0;
                break;
            case BXOP_SIMD_MEM:
                cur[o[2]] = 0;
                if (o[2] + 1 < frame) cur[o[2] + 1] = 0;
                break;
            default:
                if (!writes_no_slot(op))
                    for (uint32_t i = 0, sm = oi->smask; sm; i++, sm >>= 1)
                        if (sm & 1) cur[o[i]] = 0;
                break;
            }
            if (op != BXOP_BR_TABLE && (oi->tmask | oi->lmask))
                for (uint32_t i = 0; i < n; i++)
                    if ((oi->tmask | oi->lmask) >> i & 1) ref_meet(&r, r.lid[o[i]], cur);
            if (stop) break;
            pc += 1 + n;
            if (r.lid[pc] != UINT32_MAX) {   /* falls into the next block */
                ref_meet(&r, r.lid[pc], cur);
                break;
            }
        }
    }
    ok = true;
out:
    free(cur);
    free(r.work);
    free(r.bpc);
    free(r.seen);
    free(r.st);
    free(r.lid);
    return ok;
}

static bool verify_code(const struct bx_module *m, const bx_func_decl *f, vscratch *v)
{
    const struct bx_code *c = f->code;
    const bx_functype *ft = &m->types[f->type];
    const uint32_t *w = c->code, len = c->len, frame = c->frame_size;
    /* counts in slots: a v128 takes two */
    if (c->nparams != bx_type_slots(ft->params, ft->nparams) ||
        c->nresults != bx_type_slots(ft->results, ft->nresults) ||
        (uint64_t)c->nparams + bx_type_slots(f->locals, f->nlocals) != c->nlocals ||
        (uint64_t)c->nlocals + c->nconsts > frame || len == 0 || len >= (1u << 31) ||
        frame > UINT32_MAX / 2)
        return false;
    if (len > v->cap) {
        uint8_t *n = realloc(v->start, len);
        if (!n) return false;
        v->start = n;
        v->cap = len;
    }
    memset(v->start, 0, len);
    v->ntg = 0;
    uint32_t pc = 0, last = 0;
    bool sinks = false;
    /* pass 1: instruction boundaries and every operand but branch targets */
    while (pc < len) {
        uint32_t op = w[pc];
        if (op >= BXOP_COUNT_) return false;
        const opinfo *oi = &ops[op];
        v->start[pc] = 1;
        last = op;
        const uint32_t *o = w + pc + 1;
        uint32_t avail = len - pc - 1, n = oi->n;
        if (oi->flags & (OPF_SPECIAL | OPF_BAD | OPF_MEM)) {
            if (oi->flags & OPF_BAD) return false;
            if ((oi->flags & OPF_MEM) && m->nmems_total == 0) return false;
            if (op == BXOP_BR_TABLE) {
                if (avail < 2 || o[0] >= frame || (uint64_t)o[1] + 1 > avail - 2) return false;
                n = 2 + o[1] + 1;
                for (uint32_t i = 0; i <= o[1]; i++)
                    if (!push_target(v, pc + 3 + i)) return false;
            } else if (op == BXOP_RETURN) {
                if (avail < 2 || o[0] != c->nresults || (uint64_t)o[1] + o[0] > frame) return false;
            } else if (op == BXOP_CALL) {
                if (avail < 2 || o[0] >= m->nfuncs_total ||
                    !call_area_ok(&m->types[m->func_types[o[0]]], o[1], frame))
                    return false;
            } else if (op == BXOP_CALL_INDIRECT) {   /* y t c a */
                if (avail < 4 || o[0] >= m->ntypes || o[1] >= m->ntables_total || o[2] >= frame ||
                    m->tables[o[1]].elem != BX_FUNCREF || !call_area_ok(&m->types[o[0]], o[3], frame))
                    return false;   /* an externref table's elements are not bx_func pointers */
            } else if (op == BXOP_RETURN_CALL) {     /* tail calls: as calls */
                if (avail < 2 || o[0] >= m->nfuncs_total ||
                    !call_area_ok(&m->types[m->func_types[o[0]]], o[1], frame) ||
                    m->types[m->func_types[o[0]]].nresults != c->nresults)
                    return false;
            } else if (op == BXOP_RETURN_CALL_INDIRECT) {
                if (avail < 4 || o[0] >= m->ntypes || o[1] >= m->ntables_total || o[2] >= frame ||
                    m->tables[o[1]].elem != BX_FUNCREF ||
                    !call_area_ok(&m->types[o[0]], o[3], frame) ||
                    m->types[o[0]].nresults != c->nresults)
                    return false;
            } else if (op == BXOP_SIMD || op == BXOP_SIMD_SHUFFLE) {
                if (avail < n || !bxe_simd_verify(m, op == BXOP_SIMD_SHUFFLE, o, frame))
                    return false;
            } else if (op == BXOP_SIMD_MEM) {   /* a memory > 0 and a memory kind */
                if (avail < n || o[0] == 0 || o[0] >= m->nmems_total ||
                    !bxe_simd_is_mem(o[1]) || !bxe_simd_verify(m, false, o + 1, frame))
                    return false;
            }
        }
        if (avail < n) return false;
        if (!(oi->flags & OPF_SPECIAL)) {
            for (uint32_t i = 0, sm = oi->smask; sm; i++, sm >>= 1)
                if ((sm & 1) && o[i] >= frame) return false;
            if (oi->xmask)
                for (uint32_t i = 0; i < n; i++)
                    if ((oi->xmask >> i & 1) && !index_ok(m, oi->x[i], o[i])) return false;
            if (oi->tmask | oi->lmask)
                for (uint32_t i = 0; i < n; i++) {
                    if ((oi->tmask >> i & 1) && !push_target(v, pc + 1 + i)) return false;
                    if ((oi->lmask >> i & 1) && !push_target(v, (pc + 1 + i) | (1u << 31)))
                        return false;
                }
        }
        /* moving references between tables and segments of another
         * element type would put an externref where a bx_func* is read */
        if (op == BXOP_TABLE_INIT && m->tables[o[0]].elem != m->elems[o[1]].type) return false;
        if (op == BXOP_TABLE_COPY && m->tables[o[0]].elem != m->tables[o[1]].elem) return false;
        if (op == BXOP_GLOBAL_SET && !m->global_types[o[0]].mutable_) return false;
        if (op == BXOP_RETURN0 && c->nresults != 0) return false;
        if (op == BXOP_RETURN1 && c->nresults != 1) return false;
        if (!sinks && ref_sink(m, ft, op, o)) sinks = true;
        pc += 1 + n;
    }
    if (!(ops[last].flags & OPF_TERM)) return false;     /* never run off the end */
    /* pass 2: every branch target is an instruction start; a loop
     * back-edge's is an OP_LOOP (it runs the head's fuel word, goes on after) */
    for (size_t i = 0; i < v->ntg; i++) {
        uint32_t t = w[v->tg[i] & ~(1u << 31)];
        if (t >= len || !v->start[t]) return false;
        if ((v->tg[i] >> 31) && w[t] != BXOP_LOOP) return false;
    }
    /* pass 3: references, only in code that hands one on */
    return !sinks || refs_ok(m, f, v);
}

/* ---- deserialiser ------------------------------------------------------------------ */

static bool index_space_ok(const struct bx_module *m, bx_externkind kind, uint32_t idx)
{
    switch (kind) {
    case BX_EXTERN_FUNC: return idx < m->nfuncs_total;
    case BX_EXTERN_TABLE: return idx < m->ntables_total;
    case BX_EXTERN_MEMORY: return idx < m->nmems_total;
    case BX_EXTERN_GLOBAL: return idx < m->nglobals_total;
    }
    return false;
}

static bool same_type(const bx_functype *a, const bx_functype *b)
{
    return a->nparams == b->nparams && a->nresults == b->nresults &&
           (!a->nparams || !memcmp(a->params, b->params, a->nparams * sizeof *a->params)) &&
           (!a->nresults || !memcmp(a->results, b->results, a->nresults * sizeof *a->results));
}

#define NEED(cond) do { if (r.bad || !(cond)) goto bad; } while (0)

struct bx_module *bxe_module_deserialize(const uint8_t *payload, size_t n, const uint8_t *bytes,
                                        size_t len)
{
    rbuf r = {payload, payload + n, false};
    struct bx_module *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    if (len && !(m->bytes = malloc(len))) goto bad;
    if (len) memcpy(m->bytes, bytes, len);
    m->len = len;

    /* types */
    uint32_t nt = r_count(&r, 12);
    NEED(1);
    if (nt) {
        NEED((m->types = calloc(nt, sizeof *m->types)) && (m->type_canon = calloc(nt, sizeof *m->type_canon)));
        m->ntypes = nt;
    }
    for (uint32_t i = 0; i < nt; i++) {
        uint32_t np = r_u32(&r), nr = r_u32(&r);
        NEED((uint64_t)np + nr <= (size_t)(r.end - r.p));
        bx_valtype *a = NULL;
        if (np + nr) NEED(a = malloc((size_t)(np + nr) * sizeof *a));
        m->types[i].params = a;
        m->types[i].results = a ? a + np : NULL;
        m->types[i].nparams = np;
        m->types[i].nresults = nr;
        for (uint32_t k = 0; k < np + nr; k++) a[k] = r_valtype(&r);
        m->type_canon[i] = r_u32(&r);
        /* call_indirect checks the callee against the canonical type, so
         * it must be this very type (else a funcref argument of one type
         * could arrive as a number of another) */
        NEED(m->type_canon[i] <= i && same_type(&m->types[m->type_canon[i]], &m->types[i]));
    }
    /* imports */
    uint32_t ni = r_count(&r, 10);
    NEED(1);
    if (ni) {
        NEED(m->imports = calloc(ni, sizeof *m->imports));
        m->nimports = ni;
    }
    uint32_t cnt[4] = {0};
    for (uint32_t i = 0; i < ni; i++) {
        bx_import *im = &m->imports[i];
        im->module = r_name(&r, &im->module_len);
        im->name = r_name(&r, &im->name_len);
        uint8_t kind = r_u8(&r);
        NEED(kind <= BX_EXTERN_GLOBAL);
        im->kind = (bx_externkind)kind;
        cnt[kind]++;
        switch (im->kind) {
        case BX_EXTERN_FUNC:
            im->desc.func_type = r_u32(&r);
            NEED(im->desc.func_type < nt);
            break;
        case BX_EXTERN_TABLE:
            im->desc.table.elem = r_reftype(&r);
            r_limits(&r, &im->desc.table.limits, UINT32_MAX);
            break;
        case BX_EXTERN_MEMORY: r_limits(&r, &im->desc.memory, BX_MAX_PAGES); break;
        case BX_EXTERN_GLOBAL:
            im->desc.global.type = r_valtype(&r);
            im->desc.global.mutable_ = r_bool(&r);
            break;
        }
        NEED(1);
    }
    m->nfunc_imports = r_u32(&r);
    m->ntable_imports = r_u32(&r);
    m->nmem_imports = r_u32(&r);
    m->nglobal_imports = r_u32(&r);
    NEED(m->nfunc_imports == cnt[BX_EXTERN_FUNC] && m->ntable_imports == cnt[BX_EXTERN_TABLE] &&
         m->nmem_imports == cnt[BX_EXTERN_MEMORY] && m->nglobal_imports == cnt[BX_EXTERN_GLOBAL]);

    /* functions; the code is verified once every index space is known */
    uint32_t nf = r_count(&r, 44);
    NEED(1);
    m->nfuncs_total = m->nfunc_imports + nf;
    NEED(m->nfuncs_total >= nf);
    if (m->nfuncs_total) NEED(m->func_types = calloc(m->nfuncs_total, sizeof *m->func_types));
    for (uint32_t i = 0, k = 0; i < ni; i++)
        if (m->imports[i].kind == BX_EXTERN_FUNC) m->func_types[k++] = m->imports[i].desc.func_type;
    if (nf) {
        NEED(m->funcs = calloc(nf, sizeof *m->funcs));
        m->nfuncs = nf;
    }
    for (uint32_t i = 0; i < nf; i++) {
        bx_func_decl *f = &m->funcs[i];
        f->type = r_u32(&r);
        uint64_t boff = r_u64(&r);
        f->body_len = r_u32(&r);
        NEED(f->type < nt && boff <= len && f->body_len <= len - boff);
        f->body_offset = (size_t)boff;
        f->body = m->bytes + boff;
        m->func_types[m->nfunc_imports + i] = f->type;
        uint32_t nl = r_count(&r, 1);
        NEED(nl <= BX_MAX_LOCALS);
        if (nl) NEED(f->locals = malloc((size_t)nl * sizeof *f->locals));
        f->nlocals = nl;
        for (uint32_t k = 0; k < nl; k++) f->locals[k] = r_valtype(&r);
        struct bx_code h;
        h.nparams = r_u32(&r);
        h.nresults = r_u32(&r);
        h.nlocals = r_u32(&r);
        h.nconsts = r_u32(&r);
        h.frame_size = r_u32(&r);
        h.len = r_u32(&r);
        uint64_t words = (uint64_t)h.len + 2 * (uint64_t)h.nconsts;
        NEED(words <= (size_t)(r.end - r.p) / 4);
        struct bx_code *c = malloc(sizeof *c + (size_t)words * sizeof(uint32_t));
        NEED(c);
        *c = h;
        memcpy(c->code, r_bytes(&r, (size_t)words * 4), (size_t)words * 4);
        f->code = c;
    }
    /* tables, memories, globals */
    uint32_t ntab = r_count(&r, 10);
    NEED(ntab >= m->ntable_imports);
    if (ntab) {
        NEED(m->tables = calloc(ntab, sizeof *m->tables));
        m->ntables_total = ntab;
    }
    for (uint32_t i = 0, k = 0; i < ntab; i++) {
        m->tables[i].elem = r_reftype(&r);
        r_limits(&r, &m->tables[i].limits, UINT32_MAX);
        NEED(1);
        if (i < m->ntable_imports) {    /* imports first, as decoded */
            while (m->imports[k].kind != BX_EXTERN_TABLE) k++;
            const bx_tabletype *it = &m->imports[k++].desc.table;
            NEED(it->elem == m->tables[i].elem && !memcmp(&it->limits, &m->tables[i].limits, sizeof it->limits));
        }
    }
    uint32_t nmem = r_count(&r, 9);
    NEED(nmem >= m->nmem_imports);     /* several: multi-memory */
    if (nmem) {
        NEED(m->mems = calloc(nmem, sizeof *m->mems));
        m->nmems_total = nmem;
    }
    for (uint32_t i = 0; i < nmem; i++) r_limits(&r, &m->mems[i], BX_MAX_PAGES);
    uint32_t ng = r_count(&r, 2);
    NEED(ng >= m->nglobal_imports);
    if (ng) NEED(m->global_types = calloc(ng, sizeof *m->global_types));
    m->nglobals_total = ng;
    for (uint32_t i = 0; i < ng; i++) {
        m->global_types[i].type = r_valtype(&r);
        m->global_types[i].mutable_ = r_bool(&r);
    }
    for (uint32_t i = 0, k = 0; i < m->nglobal_imports; i++) {
        while (m->imports[k].kind != BX_EXTERN_GLOBAL) k++;
        const bx_globaltype *it = &m->imports[k++].desc.global;
        NEED(it->type == m->global_types[i].type && it->mutable_ == m->global_types[i].mutable_);
    }
    if (ng > m->nglobal_imports)
        NEED(m->globals = calloc(ng - m->nglobal_imports, sizeof *m->globals));
    for (uint32_t i = m->nglobal_imports; i < ng; i++) {
        bx_global_decl *g = &m->globals[i - m->nglobal_imports];
        g->type.type = r_valtype(&r);
        g->type.mutable_ = r_bool(&r);
        r_const(&r, m, &g->init, true);
        NEED(g->type.type == m->global_types[i].type && g->type.mutable_ == m->global_types[i].mutable_ &&
             g->init.type == g->type.type);
    }
    /* exports, start */
    uint32_t ne = r_count(&r, 9);
    NEED(1);
    if (ne) {
        NEED(m->exports = calloc(ne, sizeof *m->exports));
        m->nexports = ne;
    }
    for (uint32_t i = 0; i < ne; i++) {
        bx_export *e = &m->exports[i];
        e->name = r_name(&r, &e->name_len);
        uint8_t kind = r_u8(&r);
        NEED(kind <= BX_EXTERN_GLOBAL);
        e->kind = (bx_externkind)kind;
        e->index = r_u32(&r);
        NEED(index_space_ok(m, e->kind, e->index));
    }
    m->has_start = r_bool(&r);
    m->start = r_u32(&r);
    if (m->has_start) {
        NEED(m->start < m->nfuncs_total);
        const bx_functype *st = &m->types[m->func_types[m->start]];
        NEED(st->nparams == 0 && st->nresults == 0);   /* bxe_interp_call passes no args */
    }
    /* segments */
    uint32_t nel = r_count(&r, 32);
    NEED(1);
    if (nel) {
        NEED(m->elems = calloc(nel, sizeof *m->elems));
        m->nelems = nel;
    }
    for (uint32_t i = 0; i < nel; i++) {
        bx_elem_decl *e = &m->elems[i];
        uint8_t mode = r_u8(&r);
        NEED(mode <= BX_SEG_DECLARATIVE);
        e->mode = (bx_segmode)mode;
        e->type = r_reftype(&r);
        e->table = r_u32(&r);
        r_const(&r, m, &e->offset, e->mode == BX_SEG_ACTIVE);
        uint32_t cn = r_count(&r, 22);
        NEED(e->mode != BX_SEG_ACTIVE || (e->table < m->ntables_total && e->offset.type == BX_I32 &&
                                          m->tables[e->table].elem == e->type));
        if (cn) NEED(e->init = calloc(cn, sizeof *e->init));
        e->count = cn;
        for (uint32_t k = 0; k < cn; k++) {
            r_const(&r, m, &e->init[k], true);
            NEED(e->init[k].type == e->type);
        }
    }
    m->has_datacount = r_bool(&r);
    m->datacount = r_u32(&r);
    uint32_t nd = r_count(&r, 31);
    NEED(1);
    if (nd) {
        NEED(m->datas = calloc(nd, sizeof *m->datas));
        m->ndatas = nd;
    }
    for (uint32_t i = 0; i < nd; i++) {
        bx_data_decl *d = &m->datas[i];
        uint8_t mode = r_u8(&r);
        NEED(mode == BX_SEG_ACTIVE || mode == BX_SEG_PASSIVE);
        d->mode = (bx_segmode)mode;
        d->memory = r_u32(&r);
        r_const(&r, m, &d->offset, d->mode == BX_SEG_ACTIVE);
        d->len = r_count(&r, 1);
        NEED(d->mode != BX_SEG_ACTIVE || (d->memory < m->nmems_total && d->offset.type == BX_I32));
        const uint8_t *q = r_bytes(&r, d->len);
        NEED(q);
        if (d->len) {
            NEED(d->bytes = malloc(d->len));
            memcpy(d->bytes, q, d->len);
        }
    }
    if (m->nfuncs_total) {
        const uint8_t *q = r_bytes(&r, m->nfuncs_total);
        NEED(q && (m->func_declared = malloc(m->nfuncs_total)));
        for (uint32_t i = 0; i < m->nfuncs_total; i++) NEED(q[i] <= 1);
        memcpy(m->func_declared, q, m->nfuncs_total);
    }
    NEED(r.p == r.end);
    pthread_once(&ops_once, ops_init);
    vscratch vs = {0};
    bool verified = true;
    for (uint32_t i = 0; i < nf && verified; i++) verified = verify_code(m, &m->funcs[i], &vs);
    free(vs.start);
    free(vs.tg);
    NEED(verified);
    return m;
bad:
    bx_module_free(m);
    return NULL;
}
