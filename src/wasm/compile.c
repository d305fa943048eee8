/*
 * compile.c — validate a function body (WebAssembly 2.0) and
 * translate it into the register-style internal code of code.h.
 *
 * One pass.  The validator's operand stack doubles as a "virtual stack":
 * each entry records where its value is — in its own operand slot, still in
 * a local (a deferred local.get), a constant not yet written anywhere, or a
 * deferred i32 comparison that a following br_if/if fuses into a
 * compare-and-branch.  Deferred entries are written to their slots
 * ("materialised") whenever their location could change or a consumer needs
 * consecutive slots: before any block/loop/if (so nothing below a label is
 * deferred), for call arguments, for multi-value returns, and for entries
 * naming local x before local x is written.
 *
 * Unreachable code is validated with the spec's polymorphic stack but emits
 * nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "module.h"
#include "simd.h"

#define NONE32 UINT32_MAX
#define BX_MAX_CONST_SLOTS 32

enum { V_STACK, V_LOCAL, V_CONST, V_CMP };

typedef struct vent {
    uint8_t type;       /* bx_valtype, 0 = unknown (polymorphic) */
    uint8_t kind;       /* V_* */
    uint16_t cmp_op;    /* V_CMP: BXOP_I32_EQ.., BXOP_I32_EQZ, BXOP_I64_EQZ */
    uint32_t home;      /* own operand slot: nlocals + height */
    uint32_t src;       /* V_LOCAL: local index; V_CMP: slot a */
    uint32_t src2;      /* V_CMP: slot b, or the constant when cmp_k */
    uint8_t cmp_k;
    uint64_t k;         /* V_CONST */
} vent;

enum { K_FUNC, K_BLOCK, K_LOOP, K_IF, K_ELSE };

typedef struct ctl {
    uint8_t kind;
    bool unreach;       /* rest of this block is unreachable */
    bool dead;          /* the whole block is inside unreachable code */
    uint32_t height;    /* operand height at entry, params excluded */
    const bx_functype *ft;  /* block type by index, or NULL */
    uint8_t single;     /* single result type when ft == NULL (0 = none) */
    uint32_t label_pc;  /* loop: head */
    uint32_t patch;     /* forward branches to the end: linked through words */
    uint32_t else_patch;/* if: the word to point at else/end */
} ctl;

typedef struct C {
    struct bx_module *m;
    bx_error *err;
    bx_status st;
    const uint8_t *p, *end, *ins;
    uint32_t nlocals;
    uint32_t sbase;     /* first operand-stack slot: nlocals + nconsts */
    uint32_t nconsts;
    uint64_t consts[BX_MAX_CONST_SLOTS];
    bx_valtype *ltypes;     /* per slot: a v128 local is (BX_V128_LO, BX_V128) */
    const bx_functype *ft;
    uint32_t nwlocals;      /* wasm locals (params included) */
    uint32_t *lslot;        /* wasm local -> slot; NULL when equal (no v128) */
    bx_functype **xt;       /* types with v128 expanded (see xtype), by index */

    vent *stk;
    uint32_t nstk, capstk;
    uint32_t nrefs;     /* V_LOCAL entries on the stack */
    ctl *ctl;
    uint32_t nctl, capctl;

    uint32_t *code;
    uint32_t len, cap;
    uint32_t maxh;

    uint32_t fuel_pos, fuel_count;
    uint32_t last_end, last_dst;    /* retargetable producer */
    uint32_t last_op;               /* opcode word of the last emitted instruction */
    uint32_t nconsts_used;          /* constant slots [0, this) read by some instruction */
    bool nofuse;                    /* BOXAGNTS_NO_FUSION: plain stack code, see nofusion_env */
} C;

/* A v128 block result, and types with v128 expanded (compile_simd.inc) */
static const bx_valtype v128_pair[2] = {(bx_valtype)BX_V128_LO, BX_V128};
static const bx_functype ft_v128_result = {0, 2, NULL, v128_pair};
static const bx_functype *xtype(struct C *c, uint32_t ti);

/* ---- errors ---------------------------------------------------------- */

static void fail(C *c, bx_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(C *c, bx_status st, const char *fmt, ...)
{
    if (c->st) return;
    char buf[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t off = (size_t)((c->ins ? c->ins : c->p) - c->m->bytes);
    c->st = bxe_fail(c->err, st, off, "%s", buf);
}

#define MALFORMED(...) fail(c, BX_ERR_MALFORMED, __VA_ARGS__)
#define INVALID(...) fail(c, BX_ERR_INVALID, __VA_ARGS__)

/* ---- reading --------------------------------------------------------- */

static uint8_t rd_byte(C *c)
{
    if (c->p >= c->end) {
        MALFORMED("unexpected end");
        return 0;
    }
    return *c->p++;
}

static uint64_t rd_leb(C *c, unsigned bits, bool sign)
{
    uint64_t r = 0;
    unsigned shift = 0;
    unsigned maxbytes = (bits + 6) / 7;
    for (unsigned i = 0;; i++) {
        if (c->p >= c->end) {
            MALFORMED("unexpected end");
            return 0;
        }
        uint8_t b = *c->p++;
        if (i == maxbytes - 1) {
            /* last byte: no continuation, unused bits must be zero / sign */
            if (b & 0x80) {
                MALFORMED("integer representation too long");
                return 0;
            }
            unsigned used = bits - shift;   /* bits this byte still holds */
            if (!sign) {
                if (used < 7 && (b >> used) != 0) {
                    MALFORMED("integer too large");
                    return 0;
                }
            } else if (used < 7) {
                /* bits [used-1 .. 6] must all equal the sign bit */
                uint8_t mask = (uint8_t)(0x7F & ~((1u << (used - 1)) - 1));
                uint8_t hi = b & mask;
                if (hi != 0 && hi != mask) {
                    MALFORMED("integer too large");
                    return 0;
                }
            }
            r |= (uint64_t)(b & 0x7F) << shift;
            shift += 7;
            break;
        }
        r |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80)) break;
    }
    if (sign && shift < 64 && (r >> (shift - 1)) & 1) r |= ~(uint64_t)0 << shift;
    return r;
}

static uint32_t rd_u32(C *c) { return (uint32_t)rd_leb(c, 32, false); }

static bool is_valtype(uint8_t b)
{
    return b == BX_I32 || b == BX_I64 || b == BX_F32 || b == BX_F64 ||
           b == BX_FUNCREF || b == BX_EXTERNREF || b == BX_V128;
}

static bool is_num(uint8_t t)
{
    return t == 0 || t == BX_I32 || t == BX_I64 || t == BX_F32 || t == BX_F64;
}

static bool is_ref(uint8_t t) { return t == 0 || t == BX_FUNCREF || t == BX_EXTERNREF; }

static uint8_t rd_valtype(C *c)
{
    uint8_t b = rd_byte(c);
    if (c->st) return BX_I32;
    if (!is_valtype(b)) {
        MALFORMED("malformed value type 0x%02x", b);
        return BX_I32;
    }
    return b;
}

/* ---- code emission --------------------------------------------------- */

static inline bool live(const C *c)
{
    const ctl *t = &c->ctl[c->nctl - 1];
    return !t->unreach && !t->dead;
}

static void grow_code(C *c, uint32_t n)
{
    if (c->len + n <= c->cap) return;
    uint32_t nc = c->cap ? c->cap : 64;
    while (nc < c->len + n) {
        if (nc > (UINT32_MAX / 8)) {
            fail(c, BX_ERR_LIMIT, "function too large");
            return;
        }
        nc *= 2;
    }
    uint32_t *p = realloc(c->code, (size_t)nc * sizeof *p);
    if (!p) {
        fail(c, BX_ERR_NOMEM, "out of host memory compiling a function");
        return;
    }
    c->code = p;
    c->cap = nc;
}

/* Emit one instruction of n words (op + operands).  Returns the index of
 * the opcode word, or NONE32 when nothing is emitted. */
static uint32_t emitv(C *c, uint32_t n, const uint32_t *w)
{
    if (!live(c) || c->st) return NONE32;
    grow_code(c, n);
    if (c->st) return NONE32;
    uint32_t at = c->len;
    memcpy(c->code + at, w, n * sizeof *w);
    c->len += n;
    c->last_op = at;
    return at;
}

#define EMIT(...)                                                          \
    emitv(c, (uint32_t)(sizeof((uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t)), \
          (uint32_t[]){__VA_ARGS__})

/* An instruction whose word 1 is a destination it writes after reading
 * every input: local.set may retarget it. */
static void producer(C *c, uint32_t at)
{
    if (at == NONE32) return;
    c->last_dst = at + 1;
    c->last_end = c->len;
}

static void no_producer(C *c) { c->last_end = NONE32; }

/* Start a new fuel-charged straight-line block here (a branch target or a
 * conditionally executed arm).  Returns the pc of the block head. */
static uint32_t fuel_block(C *c, bool loop)
{
    if (!live(c) || c->st) return c->len;
    no_producer(c);
    if (c->fuel_pos != NONE32 && c->fuel_pos + 1 == c->len && c->fuel_count == 0) {
        /* an empty block head right here: reuse it */
        if (loop) c->code[c->fuel_pos - 1] = BXOP_LOOP;
        return c->fuel_pos - 1;
    }
    if (c->fuel_pos != NONE32) c->code[c->fuel_pos] = c->fuel_count;
    uint32_t at = EMIT(loop ? BXOP_LOOP : BXOP_FUEL, 0);
    if (at == NONE32) return c->len;
    c->fuel_pos = at + 1;
    c->fuel_count = 0;
    return at;
}

/* Resolve a linked list of forward-branch words to pc. */
static void resolve(C *c, uint32_t list, uint32_t pc)
{
    while (list != NONE32) {
        uint32_t next = c->code[list];
        c->code[list] = pc;
        list = next;
    }
}

/* ---- the virtual operand stack ---------------------------------------- */

static void grow_stk(C *c)
{
    if (c->nstk + 2 <= c->capstk) return;
    uint32_t n = c->capstk ? c->capstk * 2 : 64;
    vent *p = realloc(c->stk, (size_t)n * sizeof *p);
    if (!p) {
        fail(c, BX_ERR_NOMEM, "out of host memory compiling a function");
        return;
    }
    c->stk = p;
    c->capstk = n;
}

static vent *push(C *c, uint8_t type)
{
    static vent dummy;
    grow_stk(c);
    if (c->st) return &dummy;
    vent *e = &c->stk[c->nstk];
    memset(e, 0, sizeof *e);
    e->type = type;
    e->kind = V_STACK;
    e->home = c->sbase + c->nstk;
    c->nstk++;
    if (c->nstk > c->maxh) c->maxh = c->nstk;
    return e;
}

static vent pop_any(C *c)
{
    ctl *t = &c->ctl[c->nctl - 1];
    vent e;
    if (c->nstk == t->height) {
        if (!t->unreach) INVALID("type mismatch");
        memset(&e, 0, sizeof e);
        e.home = c->sbase + c->nstk;
        return e;
    }
    e = c->stk[--c->nstk];
    if (e.kind == V_LOCAL) c->nrefs--;
    return e;
}

static vent pop(C *c, uint8_t type)
{
    vent e = pop_any(c);
    if (e.type != type && e.type != 0 && type != 0) INVALID("type mismatch");
    return e;
}

/* COPY d a; merged into the previous instruction when that is a COPY
 * (no branch targets the second: targets are FUEL/LOOP heads). */
static void emit_copy(C *c, uint32_t d, uint32_t a)
{
    uint32_t la = c->last_op;
    if (live(c) && !c->st && !c->nofuse && la != NONE32 && la + 3 == c->len &&
        c->code[la] == BXOP_COPY) {
        grow_code(c, 2);
        if (c->st) return;
        c->code[la] = BXOP_COPY2;
        c->code[la + 3] = d;
        c->code[la + 4] = a;
        c->len += 2;
        return;
    }
    EMIT(BXOP_COPY, d, a);
}

/* Write a deferred entry into its home slot. */
static void materialize(C *c, vent *e)
{
    switch (e->kind) {
    case V_STACK: return;
    case V_LOCAL:
        emit_copy(c, e->home, e->src);
        break;
    case V_CONST:
        if (e->type == BX_I64 || e->type == BX_F64 || e->type == BX_FUNCREF ||
            e->type == BX_EXTERNREF || e->type == BX_V128 || e->type == BX_V128_LO)
            EMIT(BXOP_CONST64, e->home, (uint32_t)e->k, (uint32_t)(e->k >> 32));
        else
            EMIT(BXOP_CONST32, e->home, (uint32_t)e->k);
        break;
    case V_CMP:
        if (e->cmp_op == BXOP_I32_EQZ || e->cmp_op == BXOP_I64_EQZ) {
            EMIT(e->cmp_op, e->home, e->src);
        } else if (e->cmp_k) {
            /* the constant needs a slot that is not the other operand's (a
             * mirrored comparison reads its operand from home + 1) */
            uint32_t ks = e->src == e->home + 1 ? e->home : e->home + 1;
            EMIT(BXOP_CONST32, ks, e->src2);
            EMIT(e->cmp_op, e->home, e->src, ks);
        } else {
            EMIT(e->cmp_op, e->home, e->src, e->src2);
        }
        break;
    }
    e->kind = V_STACK;
    no_producer(c);
}

/* An operand: the slot it can be read from (materialising if needed).
 * For popped entries: their home is at or above the current height. */
static uint32_t use(C *c, vent *e)
{
    if (e->kind == V_LOCAL) return e->src;
    if (e->kind == V_CONST) {
        for (uint32_t i = 0; i < c->nconsts; i++)
            if (c->consts[i] == e->k) {
                if (i + 1 > c->nconsts_used) c->nconsts_used = i + 1;
                return c->nlocals + i;
            }
    }
    if (e->kind != V_STACK) materialize(c, e);
    return e->home;
}

static void materialize_all(C *c)
{
    for (uint32_t i = 0; i < c->nstk; i++) {
        vent *e = &c->stk[i];
        if (e->kind == V_LOCAL) c->nrefs--;
        materialize(c, e);
    }
}

static void materialize_local(C *c, uint32_t x)
{
    if (!c->nrefs) return;
    for (uint32_t i = 0; i < c->nstk; i++) {
        vent *e = &c->stk[i];
        if (e->kind == V_LOCAL && e->src == x) {
            c->nrefs--;
            materialize(c, e);
        }
    }
}

/* BOXAGNTS_NO_FUSION: the entry just pushed is written to its slot at
 * once, so no later instruction reads a deferred operand. */
static void nofuse_push(C *c)
{
    if (!c->nofuse || !live(c) || c->st || !c->nstk) return;
    vent *e = &c->stk[c->nstk - 1];
    if (e->kind == V_LOCAL) c->nrefs--;
    materialize(c, e);
}

/* Copy entry e's value into slot dst. */
static void move_to(C *c, vent *e, uint32_t dst)
{
    switch (e->kind) {
    case V_STACK:
        if (e->home != dst) emit_copy(c, dst, e->home);
        break;
    case V_LOCAL:
        if (e->src != dst) emit_copy(c, dst, e->src);
        break;
    default: {
        vent t = *e;
        t.home = dst;
        t.kind = e->kind;
        materialize(c, &t);
        break;
    }
    }
}

/* ---- control frames -------------------------------------------------- */

static uint32_t ctl_nparams(const ctl *t) { return t->ft && t->kind != K_FUNC ? t->ft->nparams : 0; }
static uint32_t ctl_nresults(const ctl *t) { return t->ft ? t->ft->nresults : (t->single ? 1u : 0u); }
static uint8_t ctl_result(const ctl *t, uint32_t i) { return t->ft ? (uint8_t)t->ft->results[i] : t->single; }
static uint8_t ctl_param(const ctl *t, uint32_t i) { return (uint8_t)t->ft->params[i]; }
static uint32_t label_arity(const ctl *t) { return t->kind == K_LOOP ? ctl_nparams(t) : ctl_nresults(t); }
static uint8_t label_type(const ctl *t, uint32_t i) { return t->kind == K_LOOP ? ctl_param(t, i) : ctl_result(t, i); }

static ctl *push_ctl(C *c, uint8_t kind, const bx_functype *ft, uint8_t single)
{
    if (c->nctl == c->capctl) {
        uint32_t n = c->capctl ? c->capctl * 2 : 16;
        ctl *p = realloc(c->ctl, (size_t)n * sizeof *p);
        if (!p) {
            fail(c, BX_ERR_NOMEM, "out of host memory compiling a function");
            return NULL;
        }
        c->ctl = p;
        c->capctl = n;
    }
    bool dead = c->nctl ? !live(c) : false;
    ctl *t = &c->ctl[c->nctl++];
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->dead = dead;
    t->ft = ft;
    t->single = single;
    t->patch = NONE32;
    t->else_patch = NONE32;
    t->label_pc = NONE32;
    t->height = c->nstk - (kind == K_FUNC ? 0 : (ft ? ft->nparams : 0));
    return t;
}

static void set_unreachable(C *c)
{
    ctl *t = &c->ctl[c->nctl - 1];
    /* drop entries above the frame */
    while (c->nstk > t->height) {
        vent e = c->stk[--c->nstk];
        if (e.kind == V_LOCAL) c->nrefs--;
    }
    t->unreach = true;
    no_producer(c);
}

/* Read a block type. */
static bool rd_blocktype(C *c, const bx_functype **ft, uint8_t *single)
{
    *ft = NULL;
    *single = 0;
    if (c->p >= c->end) {
        MALFORMED("unexpected end");
        return false;
    }
    uint8_t b = *c->p;
    if (b == 0x40) {
        c->p++;
        return true;
    }
    if (is_valtype(b)) {
        *single = rd_valtype(c);
        if (*single == BX_V128) {
            *single = 0;
            *ft = &ft_v128_result;
        }
        return !c->st;
    }
    int64_t x = (int64_t)rd_leb(c, 33, true);
    if (c->st) return false;
    if (x < 0) {
        MALFORMED("malformed block type");
        return false;
    }
    if ((uint64_t)x >= c->m->ntypes) {
        INVALID("unknown type %lld", (long long)x);
        return false;
    }
    *ft = xtype(c, (uint32_t)x);
    return !c->st;
}

/* Pop n values of the given types (checking), leaving the entries in the
 * array at stk[nstk .. nstk+n) when reachable. */
static void pop_label(C *c, const ctl *t)
{
    uint32_t n = label_arity(t);
    for (uint32_t i = n; i-- > 0;) pop(c, label_type(t, i));
}

/* Put back what pop_label took (the entries stay as they were when
 * reachable; in unreachable code they become plain typed entries). */
static void repush_label(C *c, const ctl *t, uint32_t n)
{
    bool l = live(c);
    for (uint32_t i = 0; i < n; i++) {
        if (l) {
            vent *e = &c->stk[c->nstk++];
            if (e->kind == V_LOCAL) c->nrefs++;
            if (c->nstk > c->maxh) c->maxh = c->nstk;
        } else {
            push(c, label_type(t, i));
        }
    }
}

/* Emit the function return with results at stk[base .. base+n). */
static void emit_return(C *c, uint32_t base)
{
    if (!live(c)) return;
    uint32_t n = c->ft->nresults;
    if (n == 0) {
        EMIT(BXOP_RETURN0);
    } else if (n == 1) {
        vent *e = &c->stk[base];
        uint32_t s = use(c, e);
        EMIT(BXOP_RETURN1, s);
    } else {
        for (uint32_t i = 0; i < n; i++) materialize(c, &c->stk[base + i]);
        EMIT(BXOP_RETURN, n, c->stk[base].home);
    }
    no_producer(c);
}

/* A copy of the popped entries stk[base .. base+n), for code paths that
 * fork (see op_br, op_br_table).  NULL with n == 0; on allocation failure
 * c->st is set.  The caller frees it. */
static vent *save_ents(C *c, uint32_t base, uint32_t n)
{
    if (!n) return NULL;
    vent *v = malloc((size_t)n * sizeof *v);
    if (!v) {
        fail(c, BX_ERR_NOMEM, "out of host memory compiling a function");
        return NULL;
    }
    memcpy(v, &c->stk[base], (size_t)n * sizeof *v);
    return v;
}

static void restore_ents(C *c, uint32_t base, uint32_t n, const vent *v)
{
    if (v) memcpy(&c->stk[base], v, (size_t)n * sizeof *v);
}

/* Does a branch to t with values at stk[base..) need moves? */
static bool branch_needs_moves(C *c, const ctl *t, uint32_t base)
{
    if (t->kind == K_FUNC) return true;
    uint32_t n = label_arity(t);
    uint32_t dst = c->sbase + t->height;
    for (uint32_t i = 0; i < n; i++) {
        vent *e = &c->stk[base + i];
        if (e->kind != V_STACK || e->home != dst + i) return true;
    }
    return false;
}

/* Emit the target word of a branch to t (link into t's patch list for
 * forward labels) at code index w. */
static void set_target(C *c, ctl *t, uint32_t w)
{
    if (w == NONE32 || c->st) return;
    if (t->kind == K_LOOP) {
        c->code[w] = t->label_pc;
    } else {
        c->code[w] = t->patch;
        t->patch = w;
    }
}

/* Unconditional branch to t with values at stk[base..). */
static void emit_branch(C *c, ctl *t, uint32_t base)
{
    if (!live(c)) return;
    if (t->kind == K_FUNC) {
        emit_return(c, base);
        return;
    }
    uint32_t n = label_arity(t);
    uint32_t dst = c->sbase + t->height;
    for (uint32_t i = 0; i < n; i++) move_to(c, &c->stk[base + i], dst + i);
    uint32_t at = EMIT(t->kind == K_LOOP ? BXOP_BR_B : BXOP_BR, 0);
    if (at != NONE32) set_target(c, t, at + 1);
    no_producer(c);
}

static const uint16_t cmp_inverse[] = {
    /* I32_EQ .. I32_GE_U in order: eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u */
    BXOP_I32_NE, BXOP_I32_EQ, BXOP_I32_GE_S, BXOP_I32_GE_U, BXOP_I32_LE_S,
    BXOP_I32_LE_U, BXOP_I32_GT_S, BXOP_I32_GT_U, BXOP_I32_LT_S, BXOP_I32_LT_U,
};

/* Emit a conditional branch taken when (cond != 0) xor negate.  Returns
 * the index of the target word (NONE32 if nothing emitted). */
static uint32_t emit_condbr(C *c, vent *e, bool negate, bool back)
{
    if (!live(c)) return NONE32;
    uint32_t at;
    uint32_t bk = back ? BXOP_BR_B - BXOP_BR : 0;   /* loop back-edge variant */
    no_producer(c);
    if (e->kind == V_CMP) {
        uint16_t op = e->cmp_op;
        if (op == BXOP_I32_EQZ) {
            at = EMIT((negate ? BXOP_BR_IF : BXOP_BR_UNLESS) + bk, e->src, 0);
            return at == NONE32 ? NONE32 : at + 2;
        }
        if (op == BXOP_I64_EQZ) {
            at = EMIT((negate ? BXOP_BR_I64_NEZ : BXOP_BR_I64_EQZ) + bk, e->src, 0);
            return at == NONE32 ? NONE32 : at + 2;
        }
        if (negate) op = cmp_inverse[op - BXOP_I32_EQ];
        /* a loop back-edge right after the i32.add that updates one of the
         * compared slots: fuse the two */
        uint32_t la = c->last_op;
        if (back && la != NONE32 && la + 4 == c->len &&
            (c->code[la] == BXOP_I32_ADD || c->code[la] == BXOP_I32_ADD_K)) {
            static const uint16_t mirror[] = {
                BXOP_I32_EQ, BXOP_I32_NE, BXOP_I32_GT_S, BXOP_I32_GT_U, BXOP_I32_LT_S,
                BXOP_I32_LT_U, BXOP_I32_GE_S, BXOP_I32_GE_U, BXOP_I32_LE_S, BXOP_I32_LE_U,
            };
            uint32_t d = c->code[la + 1], s2 = e->src2;
            bool ok = d == e->src;
            if (!ok && !e->cmp_k && d == e->src2) {
                ok = true;
                s2 = e->src;
                op = mirror[op - BXOP_I32_EQ];
            }
            if (ok) {
                uint32_t fop = BXOP_ADD_BR_EQ + 4 * (uint32_t)(op - BXOP_I32_EQ) +
                               (c->code[la] == BXOP_I32_ADD_K ? 2u : 0u) + (e->cmp_k ? 1u : 0u);
                uint32_t a1 = c->code[la + 2], b1 = c->code[la + 3];
                c->len = la;
                at = EMIT(fop, d, a1, b1, s2, 0);
                return at == NONE32 ? NONE32 : at + 5;
            }
        }
        uint32_t bop = (e->cmp_k ? BXOP_BR_I32_EQ_K : BXOP_BR_I32_EQ) + (op - BXOP_I32_EQ);
        at = EMIT(bop + bk, e->src, e->src2, 0);
        return at == NONE32 ? NONE32 : at + 3;
    }
    uint32_t s = use(c, e);
    at = EMIT((negate ? BXOP_BR_UNLESS : BXOP_BR_IF) + bk, s, 0);
    return at == NONE32 ? NONE32 : at + 2;
}

/* ---- instruction tables ---------------------------------------------- */

/* numeric ops 0x45..0xC4: operand and result types (0 = none) */
#define I BX_I32
#define L BX_I64
#define F BX_F32
#define D BX_F64
static const uint8_t numsig[0xC5 - 0x45][3] = {
    {I, 0, I},                                                          /* 45 i32.eqz */
    {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I},
    {I, I, I}, {I, I, I}, {I, I, I},                                    /* 46-4F */
    {L, 0, I},                                                          /* 50 */
    {L, L, I}, {L, L, I}, {L, L, I}, {L, L, I}, {L, L, I}, {L, L, I}, {L, L, I},
    {L, L, I}, {L, L, I}, {L, L, I},                                    /* 51-5A */
    {F, F, I}, {F, F, I}, {F, F, I}, {F, F, I}, {F, F, I}, {F, F, I},   /* 5B-60 */
    {D, D, I}, {D, D, I}, {D, D, I}, {D, D, I}, {D, D, I}, {D, D, I},   /* 61-66 */
    {I, 0, I}, {I, 0, I}, {I, 0, I},                                    /* 67-69 */
    {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I},
    {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I}, {I, I, I},
    {I, I, I},                                                          /* 6A-78 */
    {L, 0, L}, {L, 0, L}, {L, 0, L},                                    /* 79-7B */
    {L, L, L}, {L, L, L}, {L, L, L}, {L, L, L}, {L, L, L}, {L, L, L}, {L, L, L},
    {L, L, L}, {L, L, L}, {L, L, L}, {L, L, L}, {L, L, L}, {L, L, L}, {L, L, L},
    {L, L, L},                                                          /* 7C-8A */
    {F, 0, F}, {F, 0, F}, {F, 0, F}, {F, 0, F}, {F, 0, F}, {F, 0, F}, {F, 0, F}, /* 8B-91 */
    {F, F, F}, {F, F, F}, {F, F, F}, {F, F, F}, {F, F, F}, {F, F, F}, {F, F, F}, /* 92-98 */
    {D, 0, D}, {D, 0, D}, {D, 0, D}, {D, 0, D}, {D, 0, D}, {D, 0, D}, {D, 0, D}, /* 99-9F */
    {D, D, D}, {D, D, D}, {D, D, D}, {D, D, D}, {D, D, D}, {D, D, D}, {D, D, D}, /* A0-A6 */
    {L, 0, I},                                                          /* A7 wrap */
    {F, 0, I}, {F, 0, I}, {D, 0, I}, {D, 0, I},                         /* A8-AB */
    {I, 0, L}, {I, 0, L},                                               /* AC-AD */
    {F, 0, L}, {F, 0, L}, {D, 0, L}, {D, 0, L},                         /* AE-B1 */
    {I, 0, F}, {I, 0, F}, {L, 0, F}, {L, 0, F}, {D, 0, F},              /* B2-B6 */
    {I, 0, D}, {I, 0, D}, {L, 0, D}, {L, 0, D}, {F, 0, D},              /* B7-BB */
    {F, 0, I}, {D, 0, L}, {I, 0, F}, {L, 0, D},                         /* BC-BF */
    {I, 0, I}, {I, 0, I}, {L, 0, L}, {L, 0, L}, {L, 0, L},              /* C0-C4 */
};
static const uint8_t satsig[8][2] = {
    {F, I}, {F, I}, {D, I}, {D, I}, {F, L}, {F, L}, {D, L}, {D, L},
};
/* loads 0x28..0x35: result type, natural alignment (log2) */
static const uint8_t loadsig[14][2] = {
    {I, 2}, {L, 3}, {F, 2}, {D, 3}, {I, 0}, {I, 0}, {I, 1}, {I, 1},
    {L, 0}, {L, 0}, {L, 1}, {L, 1}, {L, 2}, {L, 2},
};
static const uint8_t storesig[9][2] = {
    {I, 2}, {L, 3}, {F, 2}, {D, 3}, {I, 0}, {I, 1}, {L, 0}, {L, 1}, {L, 2},
};
#undef I
#undef L
#undef F
#undef D

/* ---- SIMD ------------------------------------------------------------- */

#include "compile_simd.inc"

/* ---- the compiler ---------------------------------------------------- */

static bool check_table(C *c, uint32_t x)
{
    if (x >= c->m->ntables_total) {
        INVALID("unknown table %u", x);
        return false;
    }
    return true;
}

static void zero_byte(C *c)
{
    uint8_t b = rd_byte(c);
    if (!c->st && b != 0) MALFORMED("zero byte expected");
}

/* ---- multi-memory (WebAssembly 3.0) ------------------------------------ */

/* The memory index of memory.size/grow/init/copy/fill.  With several
 * memories it is a u32 (multi-memory); with one or none it stays the 2.0
 * reserved zero byte, so a long or nonzero encoding is malformed as the
 * 2.0 testsuite expects (no compiler emits one for a single memory). */
static uint32_t rd_memidx(C *c)
{
    if (c->m->nmems_total < 2) {
        zero_byte(c);
        return 0;
    }
    return rd_u32(c);
}

static bool check_memx(C *c, uint32_t x)
{
    if (x >= c->m->nmems_total) {
        INVALID("unknown memory %u", x);
        return false;
    }
    return true;
}

/* A memarg: alignment flags, then a memory index when bit 6 is set, then
 * the offset. */
static void rd_memarg(C *c, uint32_t *align, uint32_t *off, uint32_t *mem)
{
    *align = rd_u32(c);
    *mem = 0;
    if (!c->st && (*align & 0x40)) {
        *align &= ~0x40u;
        *mem = rd_u32(c);
    }
    *off = rd_u32(c);
}

/* Binary i32/i64 op with an immediate form when b (or commutative a) is a
 * constant. */
static int k_form(unsigned op)
{
    switch (op) {
    case BXOP_I32_ADD: return BXOP_I32_ADD_K;
    case BXOP_I32_SUB: return BXOP_I32_SUB_K;
    case BXOP_I32_AND: return BXOP_I32_AND_K;
    case BXOP_I32_OR: return BXOP_I32_OR_K;
    case BXOP_I32_XOR: return BXOP_I32_XOR_K;
    case BXOP_I32_SHL: return BXOP_I32_SHL_K;
    case BXOP_I32_SHR_S: return BXOP_I32_SHR_S_K;
    case BXOP_I32_SHR_U: return BXOP_I32_SHR_U_K;
    case BXOP_I32_MUL: return BXOP_I32_MUL_K;
    case BXOP_I64_ADD: return BXOP_I64_ADD_K;
    case BXOP_I32_ROTL: return BXOP_I32_ROTL_K;
    case BXOP_I32_ROTR: return BXOP_I32_ROTR_K;
    default: return -1;
    }
}

static bool commutative(unsigned op)
{
    return op == BXOP_I32_ADD || op == BXOP_I32_AND || op == BXOP_I32_OR ||
           op == BXOP_I32_XOR || op == BXOP_I32_MUL || op == BXOP_I64_ADD ||
           op == BXOP_I32_EQ || op == BXOP_I32_NE;
}

static bool next_is_branch(C *c)
{
    return c->p < c->end && (*c->p == 0x0D || *c->p == 0x04);
}

static void op_numeric(C *c, uint8_t op)
{
    const uint8_t *sig = numsig[op - 0x45];
    unsigned iop = BXOP_I32_EQZ + (op - 0x45);
    if (!sig[1]) {
        vent a = pop(c, sig[0]);
        /* reinterpretations and i64.extend_i32_u keep the slot bits */
        if ((op >= 0xBC && op <= 0xBF) || op == 0xAD) {
            if (live(c) && c->st == BX_OK) {
                vent *e = &c->stk[c->nstk];   /* pop succeeded: stk is allocated */
                c->nstk++;
                if (e->kind == V_LOCAL) c->nrefs++;
                e->type = sig[2];
                if (e->kind == V_CONST && op == 0xAD) e->k = (uint32_t)e->k;
                if (c->nstk > c->maxh) c->maxh = c->nstk;
            } else {
                push(c, sig[2]);
            }
            return;
        }
        if ((op == 0x45 || op == 0x50) && next_is_branch(c) && live(c) && a.kind != V_CONST &&
            !c->nofuse) {
            uint32_t s = use(c, &a);
            vent *e = push(c, sig[2]);
            e->kind = V_CMP;
            e->cmp_op = (uint16_t)iop;
            e->src = s;
            return;
        }
        uint32_t s = use(c, &a);
        uint32_t dst = c->sbase + c->nstk;
        producer(c, EMIT(iop, dst, s));
        push(c, sig[2]);
        return;
    }
    vent b = pop(c, sig[1]);
    vent a = pop(c, sig[0]);
    uint32_t dst = c->sbase + c->nstk;
    if (!live(c)) {
        push(c, sig[2]);
        return;
    }
    if (c->nofuse) goto plain;
    if (a.kind == V_CONST && b.kind != V_CONST && commutative(iop)) {
        vent t = a;
        a = b;
        b = t;
    }
    /* fusable i32 comparison followed by br_if / if */
    if (iop >= BXOP_I32_EQ && iop <= BXOP_I32_GE_U && next_is_branch(c)) {
        if (a.kind == V_CONST && b.kind != V_CONST) {
            /* mirror: k OP b  ==  b OP' k */
            static const uint16_t mirror[] = {
                BXOP_I32_EQ, BXOP_I32_NE, BXOP_I32_GT_S, BXOP_I32_GT_U, BXOP_I32_LT_S,
                BXOP_I32_LT_U, BXOP_I32_GE_S, BXOP_I32_GE_U, BXOP_I32_LE_S, BXOP_I32_LE_U,
            };
            vent t = a;
            a = b;
            b = t;
            iop = mirror[iop - BXOP_I32_EQ];
        }
        uint32_t sa = use(c, &a);
        bool k = b.kind == V_CONST;
        uint32_t sb = k ? (uint32_t)b.k : use(c, &b);
        vent *e = push(c, BX_I32);
        e->kind = V_CMP;
        e->cmp_op = (uint16_t)iop;
        e->src = sa;
        e->src2 = sb;
        e->cmp_k = k;
        return;
    }
    /* x + 0, x - 0, x | 0, x ^ 0, shifts/rotates by 0: the value is x */
    if (b.kind == V_CONST && (uint32_t)b.k == 0 && sig[2] == BX_I32 &&
        (a.kind == V_STACK || a.kind == V_LOCAL) && c->st == BX_OK &&
        (iop == BXOP_I32_ADD || iop == BXOP_I32_SUB || iop == BXOP_I32_OR ||
         iop == BXOP_I32_XOR || iop == BXOP_I32_SHL || iop == BXOP_I32_SHR_S ||
         iop == BXOP_I32_SHR_U || iop == BXOP_I32_ROTL || iop == BXOP_I32_ROTR)) {
        vent *e = push(c, BX_I32);
        if (c->st) return;
        uint32_t home = e->home;
        /* the value is x, but the result lives in the slot of the first
         * operand: a stack x that came second (swapped in by commutativity)
         * sits one slot up and must be moved down, not just relabelled */
        if (a.kind == V_STACK && a.home != home) {
            if (c->last_end == c->len && c->last_end != NONE32 && c->code[c->last_dst] == a.home)
                c->code[c->last_dst] = home;    /* its producer writes home instead */
            else
                emit_copy(c, home, a.home);
            a.home = home;
        }
        *e = a;
        e->home = home;
        e->type = BX_I32;
        if (e->kind == V_LOCAL) c->nrefs++;
        return;
    }
    int kf = k_form(iop);
    if (kf >= 0 && b.kind == V_CONST) {
        uint32_t sa = use(c, &a);
        if (kf == BXOP_I64_ADD_K)
            producer(c, EMIT((uint32_t)kf, dst, sa, (uint32_t)b.k, (uint32_t)(b.k >> 32)));
        else
            producer(c, EMIT((uint32_t)kf, dst, sa, (uint32_t)b.k));
        push(c, sig[2]);
        return;
    }
    /* add/xor/or/and of a value just computed by an immediate rotl/shl/
     * shr_u: fuse the two */
    if (iop == BXOP_I32_ADD || iop == BXOP_I32_XOR || iop == BXOP_I32_OR ||
        iop == BXOP_I32_AND) {
        uint32_t la = c->last_op;
        if (la != NONE32 && la + 4 == c->len && c->last_end == c->len) {
            uint32_t lop = c->code[la];
            int inner = lop == BXOP_I32_ROTL_K ? 0 : lop == BXOP_I32_SHL_K ? 1
                      : lop == BXOP_I32_SHR_U_K ? 2 : -1;
            if (inner >= 0 && c->code[la + 1] == dst + 1 && b.kind == V_STACK &&
                b.home == dst + 1 && a.kind != V_CONST && a.kind != V_CMP) {
                int outer = iop == BXOP_I32_ADD ? 0 : iop == BXOP_I32_XOR ? 1
                          : iop == BXOP_I32_OR ? 2 : 3;
                uint32_t src = c->code[la + 2], k = c->code[la + 3];
                c->len = la;
                no_producer(c);
                uint32_t sa = use(c, &a);
                producer(c, EMIT(BXOP_I32_ADD_ROTL_K + 3u * (uint32_t)outer + (uint32_t)inner,
                                 dst, sa, src, k));
                push(c, sig[2]);
                return;
            }
        }
    }
    /* f64.add/mul whose second operand was just loaded by f64.load */
    if (iop == BXOP_F64_ADD || iop == BXOP_F64_MUL) {
        uint32_t la = c->last_op;
        if (la != NONE32 && la + 4 == c->len && c->last_end == c->len &&
            c->code[la] == BXOP_F64_LOAD && c->code[la + 1] == dst + 1 &&
            b.kind == V_STACK && b.home == dst + 1 &&
            (a.kind == V_STACK || a.kind == V_LOCAL)) {
            uint32_t src = c->code[la + 2], off = c->code[la + 3];
            c->len = la;
            no_producer(c);
            uint32_t sa = use(c, &a);
            producer(c, EMIT(iop == BXOP_F64_ADD ? BXOP_F64_ADD_M : BXOP_F64_MUL_M,
                             dst, sa, src, off));
            push(c, sig[2]);
            return;
        }
    }
plain:;
    uint32_t sa = use(c, &a);
    uint32_t sb = use(c, &b);
    producer(c, EMIT(iop, dst, sa, sb));
    push(c, sig[2]);
}

static void op_local_set_slot(C *c, uint32_t x, bool tee);

/* A v128 local is set half by half, high half first (it is on top). */
static void op_local_set(C *c, uint32_t x, bool tee)
{
    if (x >= c->nwlocals) {
        INVALID("unknown local %u", x);
        return;
    }
    if (c->lslot) x = c->lslot[x];
    if (c->ltypes[x] != BX_V128_LO) {
        op_local_set_slot(c, x, tee);
        return;
    }
    vent top = pop(c, BX_V128);
    if (c->st) return;
    if (top.type == 0) {        /* unreachable code: one unknown entry */
        if (tee) push128(c);
        return;
    }
    c->nstk++;                  /* back, for op_local_set_slot to pop */
    if (top.kind == V_LOCAL) c->nrefs++;
    op_local_set_slot(c, x + 1, false);
    op_local_set_slot(c, x, false);
    if (tee) {
        for (uint32_t i = 0; i < 2; i++) {
            vent *e = push(c, (uint8_t)c->ltypes[x + i]);
            if (live(c) && !c->st) {
                e->kind = V_LOCAL;
                e->src = x + i;
                c->nrefs++;
            }
        }
    }
}

static void op_local_set_slot(C *c, uint32_t x, bool tee)
{
    uint8_t t = (uint8_t)c->ltypes[x];
    vent v = pop(c, t);
    if (c->st) return;
    if (live(c)) {
        bool refs = false;
        if (c->nrefs) {
            for (uint32_t i = 0; i < c->nstk; i++)
                if (c->stk[i].kind == V_LOCAL && c->stk[i].src == x) refs = true;
        }
        if (v.kind == V_STACK && !refs && !c->nofuse && c->last_end == c->len && c->last_end != NONE32 &&
            c->code[c->last_dst] == v.home) {
            c->code[c->last_dst] = x;  /* the producer writes the local */
        } else {
            materialize_local(c, x);
            if (!(v.kind == V_LOCAL && v.src == x)) move_to(c, &v, x);
        }
        no_producer(c);
    }
    if (tee) {
        vent *e = push(c, t);
        if (live(c) && !c->st) {
            e->kind = V_LOCAL;
            e->src = x;
            c->nrefs++;
            nofuse_push(c);
        }
    }
}

static void op_block_start(C *c, uint8_t kind)
{
    const bx_functype *ft;
    uint8_t single;
    if (!rd_blocktype(c, &ft, &single)) return;
    vent cond;
    memset(&cond, 0, sizeof cond);
    if (kind == K_IF) cond = pop(c, BX_I32);
    uint32_t np = ft ? ft->nparams : 0;
    for (uint32_t i = np; i-- > 0;) pop(c, (uint8_t)ft->params[i]);
    if (c->st) return;
    /* params back, everything materialised */
    if (live(c)) {
        c->nstk += np;
        for (uint32_t i = c->nstk - np; i < c->nstk; i++)
            if (c->stk[i].kind == V_LOCAL) c->nrefs++;
        materialize_all(c);
    } else {
        for (uint32_t i = 0; i < np; i++) push(c, (uint8_t)ft->params[i]);
    }
    uint32_t w = NONE32;
    if (kind == K_IF) w = emit_condbr(c, &cond, true, false);
    ctl *t = push_ctl(c, kind, ft, single);
    if (!t) return;
    if (kind == K_IF) t->else_patch = w;
    if (kind == K_LOOP) t->label_pc = fuel_block(c, true);
    if (kind == K_IF) fuel_block(c, false);
}

/* Check the frame's results at its end (or else) and materialise them for
 * the fall-through. */
static void check_results(C *c, ctl *t)
{
    uint32_t n = ctl_nresults(t);
    for (uint32_t i = n; i-- > 0;) pop(c, ctl_result(t, i));
    if (c->nstk != t->height) INVALID("type mismatch");
    if (c->st) return;
    if (live(c) && t->kind != K_FUNC)
        for (uint32_t i = 0; i < n; i++) materialize(c, &c->stk[t->height + i]);
}

static void op_else(C *c)
{
    ctl *t = &c->ctl[c->nctl - 1];
    if (t->kind != K_IF) {
        MALFORMED("else without if");
        return;
    }
    check_results(c, t);
    if (c->st) return;
    emit_branch(c, t, t->height);   /* then-arm jumps to end: no moves needed */
    t->kind = K_ELSE;
    t->unreach = false;
    c->nstk = t->height;
    uint32_t np = ctl_nparams(t);
    for (uint32_t i = 0; i < np; i++) push(c, ctl_param(t, i));
    uint32_t pc = fuel_block(c, false);
    if (t->else_patch != NONE32 && !c->st) c->code[t->else_patch] = pc;
    t->else_patch = NONE32;
}

/* Returns true when the function's final end was processed. */
static bool op_end(C *c)
{
    ctl *t = &c->ctl[c->nctl - 1];
    check_results(c, t);
    if (c->st) return false;
    if (t->kind == K_IF) {
        /* implicit empty else: params must equal results */
        uint32_t np = ctl_nparams(t), nr = ctl_nresults(t);
        bool ok = np == nr;
        for (uint32_t i = 0; ok && i < np; i++) ok = ctl_param(t, i) == ctl_result(t, i);
        if (!ok) {
            INVALID("type mismatch");
            return false;
        }
    }
    if (t->kind == K_FUNC) {
        emit_return(c, t->height);
        c->nctl--;
        return true;
    }
    ctl saved = *t;
    uint32_t nr = ctl_nresults(t);
    c->nctl--;
    /* results: plain entries in the outer frame (they are materialised) */
    c->nstk = saved.height;
    for (uint32_t i = 0; i < nr; i++) push(c, ctl_result(&saved, i));
    if (saved.kind != K_LOOP &&
        (saved.patch != NONE32 || saved.else_patch != NONE32)) {
        uint32_t pc = fuel_block(c, false);
        if (!c->st) {
            resolve(c, saved.patch, pc);
            if (saved.else_patch != NONE32) c->code[saved.else_patch] = pc;
        }
    }
    no_producer(c);
    return false;
}

static void op_br(C *c, uint32_t d, int kind /* 0 br, 1 br_if */)
{
    if (d >= c->nctl) {
        INVALID("unknown label %u", d);
        return;
    }
    ctl *t = &c->ctl[c->nctl - 1 - d];
    if (kind == 0) {
        pop_label(c, t);
        if (c->st) return;
        emit_branch(c, t, c->nstk);
        set_unreachable(c);
        return;
    }
    vent cond = pop(c, BX_I32);
    pop_label(c, t);
    if (c->st) return;
    uint32_t base = c->nstk;
    uint32_t n = label_arity(t);
    if (live(c)) {
        if (!branch_needs_moves(c, t, base)) {
            uint32_t w = emit_condbr(c, &cond, false, t->kind == K_LOOP);
            set_target(c, t, w);
        } else {
            /* the taken path may materialise the label's values; the
             * fall-through must see them as they were, or it reads slots
             * only the taken path wrote */
            vent *saved = save_ents(c, base, n);
            if (c->st) return;
            uint32_t skip = emit_condbr(c, &cond, true, false);
            emit_branch(c, t, base);
            if (skip != NONE32 && !c->st) c->code[skip] = c->len;
            restore_ents(c, base, n, saved);
            free(saved);
        }
    }
    repush_label(c, t, n);
    no_producer(c);
}

static void op_br_table(C *c)
{
    uint32_t n = rd_u32(c);
    if (c->st) return;
    if (n > (uint32_t)(c->end - c->p)) {
        MALFORMED("unexpected end");
        return;
    }
    uint32_t *depths = malloc(((size_t)n + 1) * 2 * sizeof *depths);
    if (!depths) {
        fail(c, BX_ERR_NOMEM, "out of host memory compiling a function");
        return;
    }
    uint8_t *tys = NULL;
    for (uint32_t i = 0; i <= n && !c->st; i++) depths[i] = rd_u32(c);
    vent idx = pop(c, BX_I32);
    if (c->st) goto out;
    uint32_t dm = depths[n];
    if (dm >= c->nctl) {
        INVALID("unknown label %u", dm);
        goto out;
    }
    uint32_t arity = label_arity(&c->ctl[c->nctl - 1 - dm]);
    tys = malloc((size_t)arity + 1);
    if (!tys) {
        fail(c, BX_ERR_NOMEM, "out of host memory compiling a function");
        goto out;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (depths[i] >= c->nctl) {
            INVALID("unknown label %u", depths[i]);
            goto out;
        }
        ctl *t = &c->ctl[c->nctl - 1 - depths[i]];
        if (label_arity(t) != arity) {
            INVALID("type mismatch");
            goto out;
        }
        /* spec: push_vals(pop_vals(label types)) -- unknowns stay unknown */
        bool l = live(c);
        for (uint32_t k = arity; k-- > 0;) tys[k] = pop(c, label_type(t, k)).type;
        if (c->st) goto out;
        if (l) repush_label(c, t, arity);
        else
            for (uint32_t k = 0; k < arity; k++) push(c, tys[k]);
    }
    ctl *tm = &c->ctl[c->nctl - 1 - dm];
    pop_label(c, tm);
    if (c->st) goto out;
    if (live(c)) {
        uint32_t base = c->nstk;
        uint32_t s = use(c, &idx);
        no_producer(c);
        uint32_t at = EMIT(BXOP_BR_TABLE, s, n);
        grow_code(c, n + 1);
        if (c->st || at == NONE32) goto out;
        uint32_t tab = c->len;
        c->len += n + 1;
        /* depths[n+1+i]: 1 when entry i needs a trampoline */
        uint32_t *need = depths + n + 1;
        for (uint32_t i = 0; i <= n; i++) {
            ctl *t = &c->ctl[c->nctl - 1 - depths[i]];
            need[i] = branch_needs_moves(c, t, base);
            if (!need[i]) set_target(c, t, tab + i);
        }
        /* each trampoline is a path of its own: one that materialises the
         * carried values (a return, say) must not make the next one read
         * slots that only it wrote */
        vent *saved = save_ents(c, base, arity);
        for (uint32_t i = 0; i <= n && !c->st; i++) {
            if (!need[i]) continue;
            uint32_t j;
            for (j = 0; j < i; j++)
                if (need[j] && depths[j] == depths[i]) break;
            if (j < i) {
                c->code[tab + i] = c->code[tab + j];
                continue;
            }
            c->code[tab + i] = c->len;
            restore_ents(c, base, arity, saved);
            emit_branch(c, &c->ctl[c->nctl - 1 - depths[i]], base);
        }
        free(saved);
    }
    set_unreachable(c);
out:
    free(tys);
    free(depths);
}

static void op_call_common(C *c, const bx_functype *ft, uint32_t word0, uint32_t word1,
                           vent *idx, uint32_t table)
{
    for (uint32_t i = ft->nparams; i-- > 0;) pop(c, (uint8_t)ft->params[i]);
    if (c->st) return;
    uint32_t base = c->nstk;
    if (live(c)) {
        uint32_t is = idx ? use(c, idx) : 0;
        for (uint32_t i = 0; i < ft->nparams; i++) materialize(c, &c->stk[base + i]);
        if (idx)
            EMIT(BXOP_CALL_INDIRECT, word0, table, is, c->sbase + base);
        else
            EMIT(BXOP_CALL, word0, c->sbase + base);
        (void)word1;
    }
    for (uint32_t i = 0; i < ft->nresults; i++) push(c, (uint8_t)ft->results[i]);
    /* a callee frame starts at base: it needs room for its own frame, which
     * it checks on entry; the caller only guarantees its results fit */
    no_producer(c);
}

/* return_call / return_call_indirect (tail calls, WebAssembly 3.0): the
 * callee's results must be the caller's; the arguments are materialised in
 * their operand slots and the interpreter moves them down to fp[0..) and
 * reuses the frame, so a chain of tail calls runs in constant stack. */
static void op_return_call(C *c, const bx_functype *ft, uint32_t x, vent *idx, uint32_t table)
{
    const bx_functype *me = c->ft;
    bool same = ft->nresults == me->nresults;
    for (uint32_t i = 0; same && i < ft->nresults; i++) same = ft->results[i] == me->results[i];
    if (!same) {
        INVALID("type mismatch (return_call: the callee's results differ from the caller's)");
        return;
    }
    for (uint32_t i = ft->nparams; i-- > 0;) pop(c, (uint8_t)ft->params[i]);
    if (c->st) return;
    uint32_t base = c->nstk;
    if (live(c)) {
        uint32_t is = idx ? use(c, idx) : 0;
        for (uint32_t i = 0; i < ft->nparams; i++) materialize(c, &c->stk[base + i]);
        if (idx)
            EMIT(BXOP_RETURN_CALL_INDIRECT, x, table, is, c->sbase + base);
        else
            EMIT(BXOP_RETURN_CALL, x, c->sbase + base);
    }
    set_unreachable(c);
}

/* The address entry a was just computed by an I32_ADD_K (the last
 * instruction): drop that instruction and hand back its operand and
 * constant, for a memory access addressing (u32)(src + k) + off. */
static bool fuse_addr(C *c, const vent *a, uint32_t *src, uint32_t *k, bool *reg, bool allow_reg)
{
    if (c->nofuse || a->kind != V_STACK || c->last_end != c->len || c->last_end == NONE32)
        return false;
    uint32_t at = c->last_dst - 1;
    if ((c->code[at] != BXOP_I32_ADD_K && !(allow_reg && c->code[at] == BXOP_I32_ADD)) ||
        c->code[at + 1] != a->home || at + 4 != c->len)
        return false;
    *reg = c->code[at] == BXOP_I32_ADD;
    *src = c->code[at + 2];
    *k = c->code[at + 3];
    c->len = at;
    no_producer(c);
    return true;
}

static void compile_body(C *c)
{
    struct bx_module *m = c->m;
    push_ctl(c, K_FUNC, c->ft, 0);
    c->fuel_pos = NONE32;
    fuel_block(c, false);
    /* a call zeroes its locals: charged as bulk work (boxagnts.h) */
    c->fuel_count += (uint32_t)((uint64_t)(c->nlocals - c->ft->nparams) * 8 / BX_FUEL_BYTES);
    while (!c->st) {
        if (c->p >= c->end) {
            MALFORMED("unexpected end of section or function");
            return;
        }
        c->ins = c->p;
        uint8_t op = *c->p++;
        if (op != 0x0B && op != 0x05 && live(c)) c->fuel_count++;
        switch (op) {
        case 0x00:  /* unreachable */
            EMIT(BXOP_UNREACHABLE);
            set_unreachable(c);
            break;
        case 0x01: break;
        case 0x02: op_block_start(c, K_BLOCK); break;
        case 0x03: op_block_start(c, K_LOOP); break;
        case 0x04: op_block_start(c, K_IF); break;
        case 0x05: op_else(c); break;
        case 0x0B:
            if (op_end(c)) {
                if (c->p != c->end) MALFORMED("section size mismatch (code after the function's end)");
                return;
            }
            break;
        case 0x0C: op_br(c, rd_u32(c), 0); break;
        case 0x0D: op_br(c, rd_u32(c), 1); break;
        case 0x0E: op_br_table(c); break;
        case 0x0F: {
            for (uint32_t i = c->ft->nresults; i-- > 0;) pop(c, (uint8_t)c->ft->results[i]);
            if (c->st) break;
            emit_return(c, c->nstk);
            set_unreachable(c);
            break;
        }
        case 0x10:
        case 0x12: {    /* call, return_call */
            uint32_t x = rd_u32(c);
            if (c->st) break;
            if (x >= m->nfuncs_total) {
                INVALID("unknown function %u", x);
                break;
            }
            const bx_functype *ft = xtype(c, m->func_types[x]);
            if (op == 0x10) op_call_common(c, ft, x, 0, NULL, 0);
            else op_return_call(c, ft, x, NULL, 0);
            break;
        }
        case 0x11:
        case 0x13: {    /* call_indirect, return_call_indirect */
            uint32_t ti = rd_u32(c);
            uint32_t tab = rd_u32(c);
            if (c->st) break;
            if (ti >= m->ntypes) {
                INVALID("unknown type %u", ti);
                break;
            }
            if (!check_table(c, tab)) break;
            if (m->tables[tab].elem != BX_FUNCREF) {
                INVALID("type mismatch (%s on a table of externref)",
                        op == 0x11 ? "call_indirect" : "return_call_indirect");
                break;
            }
            vent idx = pop(c, BX_I32);
            if (c->st) break;
            if (op == 0x11) op_call_common(c, xtype(c, ti), ti, 0, &idx, tab);
            else op_return_call(c, xtype(c, ti), ti, &idx, tab);
            break;
        }
        case 0x1A:
            if (pop_any(c).type == BX_V128) pop_any(c);
            break;
        case 0x1B:
        case 0x1C: {
            uint8_t want = 0;
            if (op == 0x1C) {
                uint32_t n = rd_u32(c);
                if (c->st) break;
                if (n != 1) {
                    INVALID("invalid result arity");
                    break;
                }
                want = rd_valtype(c);
                if (c->st) break;
            }
            if (want == BX_V128 || (op == 0x1B && c->nstk >= c->ctl[c->nctl - 1].height + 2 &&
                                    c->stk[c->nstk - 2].type == BX_V128)) {
                op_select128(c);
                break;
            }
            vent cnd = pop(c, BX_I32);
            vent b = pop(c, want);
            vent a = pop(c, want);
            if (c->st) break;
            uint8_t t;
            if (op == 0x1B) {
                if (!is_num(a.type) || !is_num(b.type)) {
                    INVALID("type mismatch");
                    break;
                }
                if (a.type != b.type && a.type && b.type) {
                    INVALID("type mismatch");
                    break;
                }
                t = a.type ? a.type : b.type;
            } else {
                t = want;
            }
            if (live(c)) {
                uint32_t dst = c->sbase + c->nstk;
                uint32_t sc = use(c, &cnd);
                uint32_t sa = use(c, &a);
                uint32_t sb = use(c, &b);
                producer(c, EMIT(BXOP_SELECT, dst, sc, sa, sb));
            }
            push(c, t);
            break;
        }
        case 0x20: {
            uint32_t x = rd_u32(c);
            if (c->st) break;
            if (x >= c->nwlocals) {
                INVALID("unknown local %u", x);
                break;
            }
            if (c->lslot) x = c->lslot[x];
            for (uint32_t h = c->ltypes[x] == BX_V128_LO ? 2 : 1, i = 0; i < h; i++) {
                vent *e = push(c, (uint8_t)c->ltypes[x + i]);
                if (live(c) && !c->st) {
                    e->kind = V_LOCAL;
                    e->src = x + i;
                    c->nrefs++;
                    nofuse_push(c);
                }
            }
            break;
        }
        case 0x21:
        case 0x22: {
            uint32_t x = rd_u32(c);
            if (c->st) break;
            op_local_set(c, x, op == 0x22);
            break;
        }
        case 0x23:
        case 0x24: {
            uint32_t x = rd_u32(c);
            if (c->st) break;
            if (x >= m->nglobals_total) {
                INVALID("unknown global %u", x);
                break;
            }
            uint8_t t = (uint8_t)m->global_types[x].type;
            if (t == BX_V128) {
                if (op == 0x24 && !m->global_types[x].mutable_) {
                    INVALID("global is immutable");
                    break;
                }
                op_global128(c, op == 0x24, x);
                break;
            }
            if (op == 0x23) {
                uint32_t dst = c->sbase + c->nstk;
                producer(c, EMIT(BXOP_GLOBAL_GET, dst, x));
                push(c, t);
            } else {
                if (!m->global_types[x].mutable_) {
                    INVALID("global is immutable");
                    break;
                }
                vent v = pop(c, t);
                if (c->st) break;
                if (live(c)) EMIT(BXOP_GLOBAL_SET, x, use(c, &v));
                no_producer(c);
            }
            break;
        }
        case 0x25:
        case 0x26: {
            uint32_t x = rd_u32(c);
            if (c->st || !check_table(c, x)) break;
            uint8_t et = (uint8_t)m->tables[x].elem;
            if (op == 0x25) {
                vent i = pop(c, BX_I32);
                if (c->st) break;
                uint32_t dst = c->sbase + c->nstk;
                if (live(c)) producer(c, EMIT(BXOP_TABLE_GET, dst, x, use(c, &i)));
                push(c, et);
            } else {
                vent v = pop(c, et);
                vent i = pop(c, BX_I32);
                if (c->st) break;
                if (live(c)) {
                    uint32_t si = use(c, &i), sv = use(c, &v);
                    EMIT(BXOP_TABLE_SET, x, si, sv);
                }
                no_producer(c);
            }
            break;
        }
        case 0x28: case 0x29: case 0x2A: case 0x2B: case 0x2C: case 0x2D:
        case 0x2E: case 0x2F: case 0x30: case 0x31: case 0x32: case 0x33:
        case 0x34: case 0x35:
        case 0x36: case 0x37: case 0x38: case 0x39: case 0x3A: case 0x3B:
        case 0x3C: case 0x3D: case 0x3E: {
            uint32_t align, off, mem;
            rd_memarg(c, &align, &off, &mem);
            if (c->st || !check_memx(c, mem)) break;
            bool load = op <= 0x35;
            const uint8_t *sig = load ? loadsig[op - 0x28] : storesig[op - 0x36];
            if (align > sig[1]) {
                INVALID("alignment must not be larger than natural");
                break;
            }
            if (mem != 0) {     /* other memories: one generic op each way */
                if (load) {
                    vent a = pop(c, BX_I32);
                    if (c->st) break;
                    uint32_t dst = c->sbase + c->nstk;
                    if (live(c)) producer(c, EMIT(BXOP_MLOAD, dst, use(c, &a), off, mem, op));
                    push(c, sig[0]);
                } else {
                    vent v = pop(c, sig[0]);
                    vent a = pop(c, BX_I32);
                    if (c->st) break;
                    if (live(c)) {
                        uint32_t sa = use(c, &a), sv = use(c, &v);
                        EMIT(BXOP_MSTORE, sa, sv, off, mem, op);
                    }
                    no_producer(c);
                }
                break;
            }
            static const uint8_t loadk[14] = {
                BXOP_I32_LOAD_K, BXOP_I64_LOAD_K, BXOP_I32_LOAD_K, BXOP_I64_LOAD_K,
                BXOP_I32_LOAD8_S_K, BXOP_I32_LOAD8_U_K, BXOP_I32_LOAD16_S_K,
                BXOP_I32_LOAD16_U_K, 0, BXOP_I32_LOAD8_U_K, 0, BXOP_I32_LOAD16_U_K, 0,
                BXOP_I32_LOAD_K,
            };
            static const uint8_t storek[9] = {
                BXOP_I32_STORE_K, BXOP_I64_STORE_K, BXOP_I32_STORE_K, BXOP_I64_STORE_K,
                BXOP_I32_STORE8_K, BXOP_I32_STORE16_K, BXOP_I32_STORE8_K,
                BXOP_I32_STORE16_K, BXOP_I32_STORE_K,
            };
            if (load) {
                vent a = pop(c, BX_I32);
                if (c->st) break;
                uint32_t dst = c->sbase + c->nstk;
                if (live(c)) {
                    uint32_t src, k;
                    bool reg;
                    if (loadk[op - 0x28] && fuse_addr(c, &a, &src, &k, &reg, true))
                        producer(c, EMIT(loadk[op - 0x28] + (reg ? BXOP_I32_LOAD_R - BXOP_I32_LOAD_K : 0),
                                         dst, src, k, off));
                    else
                        producer(c, EMIT(BXOP_I32_LOAD + (op - 0x28), dst, use(c, &a), off));
                }
                push(c, sig[0]);
            } else {
                vent v = pop(c, sig[0]);
                vent a = pop(c, BX_I32);
                if (c->st) break;
                if (live(c)) {
                    uint32_t src, k;
                    bool reg;
                    /* the register form reads both add operands at the store:
                     * the value must not be materialised over one of them */
                    if (fuse_addr(c, &a, &src, &k, &reg, v.kind == V_LOCAL)) {
                        uint32_t sv = use(c, &v);
                        EMIT(storek[op - 0x36] + (reg ? BXOP_I32_STORE_R - BXOP_I32_STORE_K : 0),
                             src, sv, k, off);
                    } else {
                        uint32_t sa = use(c, &a), sv = use(c, &v);
                        EMIT(BXOP_I32_STORE + (op - 0x36), sa, sv, off);
                    }
                }
                no_producer(c);
            }
            break;
        }
        case 0x3F:
        case 0x40: {
            uint32_t mem = rd_memidx(c);
            if (c->st || !check_memx(c, mem)) break;
            uint32_t dst;
            if (op == 0x3F) {
                dst = c->sbase + c->nstk;
                if (mem) producer(c, EMIT(BXOP_MMEMORY_SIZE, dst, mem));
                else producer(c, EMIT(BXOP_MEMORY_SIZE, dst));
            } else {
                vent a = pop(c, BX_I32);
                if (c->st) break;
                dst = c->sbase + c->nstk;
                if (live(c) && mem) EMIT(BXOP_MMEMORY_GROW, dst, use(c, &a), mem);
                else if (live(c)) EMIT(BXOP_MEMORY_GROW, dst, use(c, &a));
                no_producer(c);
            }
            push(c, BX_I32);
            break;
        }
        case 0x41: {
            int32_t k = (int32_t)rd_leb(c, 32, true);
            if (c->st) break;
            vent *e = push(c, BX_I32);
            e->kind = V_CONST;
            e->k = (uint32_t)k;
            nofuse_push(c);
            break;
        }
        case 0x42: {
            uint64_t k = rd_leb(c, 64, true);
            if (c->st) break;
            vent *e = push(c, BX_I64);
            e->kind = V_CONST;
            e->k = k;
            nofuse_push(c);
            break;
        }
        case 0x43:
        case 0x44: {
            unsigned n = op == 0x43 ? 4 : 8;
            if ((size_t)(c->end - c->p) < n) {
                MALFORMED("unexpected end");
                break;
            }
            uint64_t k = 0;
            for (unsigned i = 0; i < n; i++) k |= (uint64_t)c->p[i] << (8 * i);
            c->p += n;
            vent *e = push(c, op == 0x43 ? BX_F32 : BX_F64);
            e->kind = V_CONST;
            e->k = k;
            nofuse_push(c);
            break;
        }
        case 0xD0: {
            uint8_t t = rd_byte(c);
            if (c->st) break;
            if (t != BX_FUNCREF && t != BX_EXTERNREF) {
                MALFORMED("malformed reference type");
                break;
            }
            vent *e = push(c, t);
            e->kind = V_CONST;
            e->k = 0;
            nofuse_push(c);
            break;
        }
        case 0xD1: {
            vent a = pop_any(c);
            if (c->st) break;
            if (!is_ref(a.type)) {
                INVALID("type mismatch");
                break;
            }
            uint32_t dst = c->sbase + c->nstk;
            if (live(c)) producer(c, EMIT(BXOP_REF_IS_NULL, dst, use(c, &a)));
            push(c, BX_I32);
            break;
        }
        case 0xD2: {
            uint32_t x = rd_u32(c);
            if (c->st) break;
            if (x >= m->nfuncs_total) {
                INVALID("unknown function %u", x);
                break;
            }
            if (!m->func_declared || !m->func_declared[x]) {
                INVALID("undeclared function reference");
                break;
            }
            uint32_t dst = c->sbase + c->nstk;
            producer(c, EMIT(BXOP_REF_FUNC, dst, x));
            push(c, BX_FUNCREF);
            break;
        }
        case 0xFD: op_simd(c); break;
        case 0xFC: {
            uint32_t sub = rd_u32(c);
            if (c->st) break;
            if (sub <= 7) {
                vent a = pop(c, satsig[sub][0]);
                if (c->st) break;
                uint32_t dst = c->sbase + c->nstk;
                if (live(c)) producer(c, EMIT(BXOP_I32_TRUNC_SAT_F32_S + sub, dst, use(c, &a)));
                push(c, satsig[sub][1]);
                break;
            }
            switch (sub) {
            case 8: {   /* memory.init */
                uint32_t seg = rd_u32(c);
                uint32_t mem = c->st ? 0 : rd_memidx(c);
                if (c->st || !check_memx(c, mem)) break;
                /* (a binary without a data count section and without data
                 * has an unknown segment, as the text-format tests expect) */
                if (!m->has_datacount && seg < m->ndatas) {
                    MALFORMED("data count section required");
                    break;
                }
                if (seg >= (m->has_datacount ? m->datacount : m->ndatas)) {
                    INVALID("unknown data segment %u", seg);
                    break;
                }
                vent n = pop(c, BX_I32), s = pop(c, BX_I32), d = pop(c, BX_I32);
                if (c->st) break;
                if (live(c)) {
                    uint32_t sd = use(c, &d), ss = use(c, &s), sn = use(c, &n);
                    if (mem) EMIT(BXOP_MMEMORY_INIT, mem, seg, sd, ss, sn);
                    else EMIT(BXOP_MEMORY_INIT, seg, sd, ss, sn);
                }
                no_producer(c);
                break;
            }
            case 9: {   /* data.drop */
                uint32_t seg = rd_u32(c);
                if (c->st) break;
                /* (a binary without a data count section and without data
                 * has an unknown segment, as the text-format tests expect) */
                if (!m->has_datacount && seg < m->ndatas) {
                    MALFORMED("data count section required");
                    break;
                }
                if (seg >= (m->has_datacount ? m->datacount : m->ndatas)) {
                    INVALID("unknown data segment %u", seg);
                    break;
                }
                EMIT(BXOP_DATA_DROP, seg);
                no_producer(c);
                break;
            }
            case 10:
            case 11: {  /* memory.copy / memory.fill */
                uint32_t m1 = rd_memidx(c);
                uint32_t m2 = sub == 10 && !c->st ? rd_memidx(c) : 0;
                if (c->st || !check_memx(c, m1) || !check_memx(c, m2)) break;
                vent n = pop(c, BX_I32), v = pop(c, BX_I32), d = pop(c, BX_I32);
                if (c->st) break;
                if (live(c)) {
                    uint32_t sd = use(c, &d), sv = use(c, &v), sn = use(c, &n);
                    if (sub == 10 && (m1 || m2)) EMIT(BXOP_MMEMORY_COPY, m1, m2, sd, sv, sn);
                    else if (sub == 11 && m1) EMIT(BXOP_MMEMORY_FILL, m1, sd, sv, sn);
                    else EMIT(sub == 10 ? BXOP_MEMORY_COPY : BXOP_MEMORY_FILL, sd, sv, sn);
                }
                no_producer(c);
                break;
            }
            case 12: {  /* table.init elem table */
                uint32_t seg = rd_u32(c);
                uint32_t x = rd_u32(c);
                if (c->st || !check_table(c, x)) break;
                if (seg >= m->nelems) {
                    INVALID("unknown elem segment %u", seg);
                    break;
                }
                if (m->elems[seg].type != m->tables[x].elem) {
                    INVALID("type mismatch");
                    break;
                }
                vent n = pop(c, BX_I32), s = pop(c, BX_I32), d = pop(c, BX_I32);
                if (c->st) break;
                if (live(c)) {
                    uint32_t sd = use(c, &d), ss = use(c, &s), sn = use(c, &n);
                    EMIT(BXOP_TABLE_INIT, x, seg, sd, ss, sn);
                }
                no_producer(c);
                break;
            }
            case 13: {  /* elem.drop */
                uint32_t seg = rd_u32(c);
                if (c->st) break;
                if (seg >= m->nelems) {
                    INVALID("unknown elem segment %u", seg);
                    break;
                }
                EMIT(BXOP_ELEM_DROP, seg);
                no_producer(c);
                break;
            }
            case 14: {  /* table.copy dst src */
                uint32_t xd = rd_u32(c);
                uint32_t xs = rd_u32(c);
                if (c->st || !check_table(c, xd) || !check_table(c, xs)) break;
                if (m->tables[xd].elem != m->tables[xs].elem) {
                    INVALID("type mismatch");
                    break;
                }
                vent n = pop(c, BX_I32), s = pop(c, BX_I32), d = pop(c, BX_I32);
                if (c->st) break;
                if (live(c)) {
                    uint32_t sd = use(c, &d), ss = use(c, &s), sn = use(c, &n);
                    EMIT(BXOP_TABLE_COPY, xd, xs, sd, ss, sn);
                }
                no_producer(c);
                break;
            }
            case 15: {  /* table.grow */
                uint32_t x = rd_u32(c);
                if (c->st || !check_table(c, x)) break;
                vent n = pop(c, BX_I32);
                vent v = pop(c, (uint8_t)m->tables[x].elem);
                if (c->st) break;
                uint32_t dst = c->sbase + c->nstk;
                if (live(c)) {
                    uint32_t sv = use(c, &v), sn = use(c, &n);
                    EMIT(BXOP_TABLE_GROW, dst, x, sv, sn);
                }
                no_producer(c);
                push(c, BX_I32);
                break;
            }
            case 16: {  /* table.size */
                uint32_t x = rd_u32(c);
                if (c->st || !check_table(c, x)) break;
                uint32_t dst = c->sbase + c->nstk;
                producer(c, EMIT(BXOP_TABLE_SIZE, dst, x));
                push(c, BX_I32);
                break;
            }
            case 17: {  /* table.fill */
                uint32_t x = rd_u32(c);
                if (c->st || !check_table(c, x)) break;
                vent n = pop(c, BX_I32);
                vent v = pop(c, (uint8_t)m->tables[x].elem);
                vent i = pop(c, BX_I32);
                if (c->st) break;
                if (live(c)) {
                    uint32_t si = use(c, &i), sv = use(c, &v), sn = use(c, &n);
                    EMIT(BXOP_TABLE_FILL, x, si, sv, sn);
                }
                no_producer(c);
                break;
            }
            default:
                MALFORMED("illegal opcode 0xfc %u", sub);
                break;
            }
            break;
        }
        default:
            if (op >= 0x45 && op <= 0xC4) {
                op_numeric(c, op);
                break;
            }
            MALFORMED("illegal opcode 0x%02x", op);
            break;
        }
    }
}

/* Decode-only pass over a body, for the precedence of errors: the spec
 * decodes a whole body before validating it, so a malformed encoding later
 * in the body wins over a typing error earlier on. */
static void add_const(C *c, uint64_t k)
{
    for (uint32_t i = 0; i < c->nconsts; i++)
        if (c->consts[i] == k) return;
    if (c->nconsts < BX_MAX_CONST_SLOTS) c->consts[c->nconsts++] = k;
}

static void scan_body(C *c, bool collect)
{
    uint32_t depth = 1;
    uint32_t loop_at = NONE32;  /* depth outside the outermost open loop */
    while (!c->st) {
        if (c->p >= c->end) {
            MALFORMED("unexpected end of section or function");
            return;
        }
        c->ins = c->p;
        uint8_t op = *c->p++;
        switch (op) {
        case 0x02: case 0x03: case 0x04: {
            if (c->p >= c->end) {
                MALFORMED("unexpected end");
                return;
            }
            uint8_t b = *c->p;
            if (b == 0x40 || is_valtype(b)) c->p++;
            else if ((int64_t)rd_leb(c, 33, true) < 0 && !c->st) MALFORMED("malformed block type");
            if (op == 0x03 && loop_at == NONE32) loop_at = depth;
            depth++;
            break;
        }
        case 0x0B:
            if (--depth == loop_at) loop_at = NONE32;
            if (depth == 0) {
                if (c->p != c->end) MALFORMED("section size mismatch (code after the function's end)");
                return;
            }
            break;
        case 0x0C: case 0x0D: case 0x10: case 0x20: case 0x21: case 0x22: case 0x23:
        case 0x24: case 0x25: case 0x26: case 0xD2:
            rd_u32(c);
            break;
        case 0x0E: {
            uint32_t n = rd_u32(c);
            for (uint64_t i = 0; i <= n && !c->st; i++) rd_u32(c);
            break;
        }
        case 0x11: rd_u32(c); rd_u32(c); break;
        case 0x1C: {
            uint32_t n = rd_u32(c);
            for (uint64_t i = 0; i < n && !c->st; i++) {
                uint8_t b = rd_byte(c);
                if (!c->st && !is_valtype(b)) MALFORMED("malformed value type");
            }
            break;
        }
        case 0x3F: case 0x40: rd_memidx(c); break;
        case 0x12: rd_u32(c); break;
        case 0x13: rd_u32(c); rd_u32(c); break;
        case 0x41: {
            uint32_t k = (uint32_t)rd_leb(c, 32, true);
            if (collect && loop_at != NONE32 && !c->st) add_const(c, k);
            break;
        }
        case 0x42: {
            uint64_t k = rd_leb(c, 64, true);
            if (collect && loop_at != NONE32 && !c->st) add_const(c, k);
            break;
        }
        case 0x43: case 0x44: {
            unsigned n = op == 0x43 ? 4 : 8;
            if ((size_t)(c->end - c->p) < n) {
                MALFORMED("unexpected end");
                break;
            }
            uint64_t k = 0;
            for (unsigned i = 0; i < n; i++) k |= (uint64_t)c->p[i] << (8 * i);
            c->p += n;
            if (collect && loop_at != NONE32) add_const(c, k);
            break;
        }
        case 0xD0: {
            uint8_t b = rd_byte(c);
            if (!c->st && b != BX_FUNCREF && b != BX_EXTERNREF) MALFORMED("malformed reference type");
            break;
        }
        case 0x00: case 0x01: case 0x05: case 0x0F: case 0x1A: case 0x1B: case 0xD1:
            break;
        case 0xFD: scan_simd(c); break;
        case 0xFC: {
            uint32_t sub = rd_u32(c);
            if (c->st) break;
            switch (sub) {
            case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7: break;
            case 8:
            case 9: {
                uint32_t seg = rd_u32(c);
                if (sub == 8 && !c->st) rd_memidx(c);
                if (!c->st && !c->m->has_datacount && seg < c->m->ndatas)
                    MALFORMED("data count section required");
                break;
            }
            case 10: rd_memidx(c); if (!c->st) rd_memidx(c); break;
            case 11: rd_memidx(c); break;
            case 12: case 14: rd_u32(c); rd_u32(c); break;
            case 13: case 15: case 16: case 17: rd_u32(c); break;
            default: MALFORMED("illegal opcode 0xfc %u", sub); break;
            }
            break;
        }
        default:
            if (op >= 0x28 && op <= 0x3E) {
                uint32_t a, o, x;
                rd_memarg(c, &a, &o, &x);
            } else if (!(op >= 0x45 && op <= 0xC4)) {
                MALFORMED("illegal opcode 0x%02x", op);
            }
            break;
        }
    }
}

/* Test-only: BOXAGNTS_NO_FUSION=1 (any value but empty or "0") in the
 * environment when a module is compiled turns every deferral, immediate
 * form, fused instruction and retargeting off: each wasm instruction then
 * becomes plain code reading and writing operand-stack slots.  The spec
 * testsuite and the differential fuzzer run both ways and compare; never
 * set it in production (slower code, same results).  Modules compiled so
 * are not cached (cache.c checks bxe_nofusion_env). */
bool bxe_nofusion_env(void)
{
    const char *e = getenv("BOXAGNTS_NO_FUSION");
    return e && *e && strcmp(e, "0") != 0;
}

bx_status bxe_compile_func(struct bx_module *m, uint32_t i, bx_error *err)
{
    bx_func_decl *f = &m->funcs[i];
    C cc, *c = &cc;
    memset(c, 0, sizeof *c);
    c->m = m;
    c->err = err;
    c->p = f->body;
    c->end = f->body + f->body_len;
    c->ft = xtype(c, f->type);
    if (c->st) {
        free_xtypes(c);
        return c->st;
    }
    c->nofuse = bxe_nofusion_env();
    uint32_t np = c->ft->nparams;   /* slots */
    uint32_t nwp = m->types[f->type].nparams;
    c->nwlocals = nwp + f->nlocals;
    c->nlocals = np + bx_type_slots(f->locals, f->nlocals);
    c->fuel_pos = NONE32;
    c->last_end = NONE32;
    c->last_op = NONE32;
    c->ltypes = malloc(((size_t)c->nlocals + 1) * sizeof *c->ltypes);
    if (c->ltypes && c->nlocals != c->nwlocals)
        c->lslot = malloc(((size_t)c->nwlocals + 1) * sizeof *c->lslot);
    if (!c->ltypes || (c->nlocals != c->nwlocals && !c->lslot)) {
        free(c->ltypes);
        free_xtypes(c);
        return bxe_fail(err, BX_ERR_NOMEM, f->body_offset, "out of host memory");
    }
    for (uint32_t k = 0; k < np; k++) c->ltypes[k] = c->ft->params[k];
    for (uint32_t k = 0, s = 0; k < c->nwlocals; k++) {
        if (c->lslot) c->lslot[k] = s;
        if (k >= nwp) {
            bx_valtype t = f->locals[k - nwp];
            if (t == BX_V128) c->ltypes[s++] = (bx_valtype)BX_V128_LO;
            c->ltypes[s] = t;
        } else if (c->ltypes[s] == (bx_valtype)BX_V128_LO) {
            s++;
        }
        s++;
    }
    if (!c->st) {
        /* constants used inside loops get slots of their own */
        C pc;
        bx_error dummy;
        memset(&pc, 0, sizeof pc);
        pc.m = m;
        pc.err = &dummy;
        pc.p = f->body;
        pc.end = f->body + f->body_len;
        scan_body(&pc, !c->nofuse);
        if (!pc.st) {
            c->nconsts = pc.nconsts;
            memcpy(c->consts, pc.consts, sizeof c->consts);
        }
    }
    c->sbase = c->nlocals + c->nconsts;
    if (!c->st) compile_body(c);
    if (c->st == BX_ERR_INVALID) {
        C sc;
        memset(&sc, 0, sizeof sc);
        sc.m = m;
        sc.err = err;
        sc.p = f->body;
        sc.end = f->body + f->body_len;
        scan_body(&sc, false);
        if (sc.st) c->st = sc.st;   /* err now describes the malformed part */
    }
    if (!c->st && c->fuel_pos != NONE32) c->code[c->fuel_pos] = c->fuel_count;
    if (!c->st && (uint64_t)c->sbase + c->maxh + 2 > UINT32_MAX / 2)
        fail(c, BX_ERR_LIMIT, "function frame too large");
    struct bx_code *code = NULL;
    if (!c->st) {
        code = malloc(sizeof *code + ((size_t)c->len + 2 * (size_t)c->nconsts) * sizeof(uint32_t));
        if (!code) {
            fail(c, BX_ERR_NOMEM, "out of host memory compiling a function");
        } else {
            code->nparams = np;
            code->nresults = c->ft->nresults;     /* slots */
            code->nlocals = c->nlocals;
            /* +1: a deferred comparison may be materialised one slot up */
            code->frame_size = c->sbase + c->maxh + 1;
            /* only the slots some instruction reads (a prefix) are
             * initialised on entry: the rest stay unused */
            code->nconsts = c->nconsts_used;
            code->len = c->len;
            memcpy(code->code, c->code, (size_t)c->len * sizeof(uint32_t));
            for (uint32_t k = 0; k < c->nconsts; k++) {
                code->code[c->len + 2 * k] = (uint32_t)c->consts[k];
                code->code[c->len + 2 * k + 1] = (uint32_t)(c->consts[k] >> 32);
            }
            f->code = code;
        }
    }
    free(c->ltypes);
    free(c->lslot);
    free_xtypes(c);
    free(c->stk);
    free(c->ctl);
    free(c->code);
    return c->st;
}

void bxe_code_free(struct bx_code *c) { free(c); }
