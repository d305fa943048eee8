/*
 * interp.c — the interpreter for the register-style code of code.h.
 *
 * One dispatch loop per bxe_interp_call; wasm->wasm calls push an explicit
 * bx_frame on the store's frame area and never recurse on the C stack.
 * Host functions that call back into wasm re-enter bxe_interp_call, bounded
 * by BX_MAX_REENTRY.
 *
 * The store's value area: s->stack[0] and s->stack[1] are a small header
 * (first free value slot, first free frame) so a re-entrant call starts
 * above everything its callers use; frames of wasm functions follow.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "numeric.h"
#include "runtime.h"
#include "simd.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the interpreter assumes a little-endian host"
#endif

#define BX_MAX_REENTRY 8u
#define HDR 2u  /* header slots at the start of s->stack */

#if defined(__GNUC__)
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define LIKELY(x) (x)
#define UNLIKELY(x) (x)
#endif

static inline float f32of(uint64_t x)
{
    uint32_t u = (uint32_t)x;
    float f;
    memcpy(&f, &u, 4);
    return f;
}
static inline double f64of(uint64_t x)
{
    double d;
    memcpy(&d, &x, 8);
    return d;
}
static inline uint64_t bf32(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}
static inline uint64_t bf64(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static bool alloc_stacks(bx_store *s)
{
    uint64_t nframes, nslots;
    bxe_stack_split(s->limits.max_stack_bytes, &nframes, &nslots);
    s->stack = malloc((size_t)nslots * sizeof(uint64_t));
    s->frames = malloc((size_t)nframes * sizeof(bx_frame));
    if (!s->stack || !s->frames) {
        free(s->stack);
        free(s->frames);
        s->stack = NULL;
        s->frames = NULL;
        return false;
    }
    s->stack_end = s->stack + nslots;
    s->frames_end = s->frames + nframes;
    s->stack[0] = HDR;
    s->stack[1] = 0;
    return true;
}

/* ---- bulk work ------------------------------------------------------------
 * memory.fill/copy/init and table.fill/copy/init move as many bytes as their
 * operand says: they are charged fuel up front (BX_FUEL_BYTES bytes a unit,
 * see boxagnts.h), so running out traps before any byte moves, and do the
 * work in BX_WORK_CHUNK pieces with an interrupt check between pieces, so a
 * timeout stops a 4 GiB fill within one chunk.  The chunked moves are
 * bulk.c's (shared with src/aot/rt.c, so both tiers stop at the same
 * place), out of line: only the bulk handlers call them. */

/* induction update + loop back-edge: d = a + b; branch back if d cc c */
#define ADDBR1(n, bexpr, cexpr, cond)                                        \
    OP(n) {                                                                  \
        uint32_t a = R32(1) + (uint32_t)(bexpr);                             \
        fp[pc[0]] = a;                                                       \
        uint32_t b = (uint32_t)(cexpr);                                      \
        if (cond) BACK_TAKEN(pc[4]);                                         \
        pc += 5;                                                             \
        NEXT;                                                                \
    }
#define ADDBR(C, cond)                                                       \
    ADDBR1(ADD_BR_##C, R32(2), R32(3), cond)                                 \
    ADDBR1(ADD_BR_##C##_K, R32(2), pc[3], cond)                              \
    ADDBR1(ADDK_BR_##C, pc[2], R32(3), cond)                                 \
    ADDBR1(ADDK_BR_##C##_K, pc[2], pc[3], cond)

static bx_trap run(bx_store *s, bx_func *f, uint64_t *fp, bx_frame *fr);


bx_trap bxe_interp_call(bx_store *s, bx_func *f, uint64_t *slots)
{
    if (f->host) {
        bx_hostcall hc = {s, NULL, NULL, 0, f->user};
        return f->host(&hc, slots);
    }
    if (f->aot_entry) return f->aot_entry(s, f, slots);
    if (!s->stack && !alloc_stacks(s)) {
        strncpy(s->trap_msg, "out of host memory for the wasm stack", sizeof s->trap_msg - 1);
        return BX_TRAP_HOST;
    }
    if (s->depth >= BX_MAX_REENTRY) return BX_TRAP_STACK_EXHAUSTED;
    const struct bx_code *code = f->code;
    uint64_t top = s->stack[0], ftop = s->stack[1];
    uint64_t *fp = s->stack + top;
    bx_frame *fr = s->frames + ftop;
    if ((uint64_t)(s->stack_end - fp) < code->frame_size || fr >= s->frames_end)
        return BX_TRAP_STACK_EXHAUSTED;
    memcpy(fp, slots, (size_t)code->nparams * sizeof *fp);
    memset(fp + code->nparams, 0, (size_t)(code->nlocals - code->nparams) * sizeof *fp);
    if (code->nconsts)
        memcpy(fp + code->nlocals, code->code + code->len, (size_t)code->nconsts * sizeof *fp);
    s->depth++;
    bx_trap t = run(s, f, fp, fr);
    if (t == BX_TRAP_NONE) memcpy(slots, fp, (size_t)code->nresults * sizeof *fp);
    s->stack[0] = top;
    s->stack[1] = ftop;
    s->depth--;
    return t;
}


/* A NaN operand gives a quiet NaN with its payload.  Done on the bits:
 * `a + a` is folded away by some compilers (seen with sanitizer builds),
 * which then returned a signalling NaN. */
static inline float quiet_f32(float a)
{
    uint32_t b;
    memcpy(&b, &a, 4);
    b |= 0x00400000u;
    memcpy(&a, &b, 4);
    return a;
}
static inline double quiet_f64(double a)
{
    uint64_t b;
    memcpy(&b, &a, 8);
    b |= 0x0008000000000000ull;
    memcpy(&a, &b, 8);
    return a;
}

/* ---- the dispatch loop ------------------------------------------------ */

#define R32(i) ((uint32_t)fp[pc[i]])
#define RS32(i) ((int32_t)(uint32_t)fp[pc[i]])
#define R64(i) (fp[pc[i]])
#define RS64(i) ((int64_t)fp[pc[i]])
#define TRAP(t)          \
    do {                 \
        trap = (t);      \
        goto trapped;    \
    } while (0)

/* Charge bulk work before doing it.  fuel is >= 0 between instructions;
 * an unlimited budget is refilled as out_of_fuel does. */
#define CHARGE(units)                                                        \
    do {                                                                     \
        uint64_t u_ = (units);                                               \
        if (UNLIKELY(u_ > (uint64_t)fuel)) {                                 \
            if (s->fuel_limited) {                                           \
                fuel = 0;                                                    \
                TRAP(BX_TRAP_FUEL_EXHAUSTED);                                \
            }                                                                \
            fuel = INT64_MAX;                                                \
        }                                                                    \
        fuel -= (int64_t)u_;                                                 \
    } while (0)
#define ELEM_UNITS(n) bx_fuel_for_bytes((uint64_t)(n) * sizeof(uint64_t))

#if defined(__GNUC__) && !defined(BX_NO_COMPUTED_GOTO)
#define OP(n) L_##n:
#define NEXT goto *tbl[*pc++]
#else
#define OP(n) case BXOP_##n:
#define NEXT goto dispatch
#endif

#define I32_BIN(n, expr)                 \
    OP(n) {                              \
        uint32_t a = R32(1), b = R32(2); \
        fp[pc[0]] = (uint32_t)(expr);    \
        pc += 3;                         \
        NEXT;                            \
    }
#define I32_BINK(n, expr)                \
    OP(n) {                              \
        uint32_t a = R32(1), b = pc[2];  \
        fp[pc[0]] = (uint32_t)(expr);    \
        pc += 3;                         \
        NEXT;                            \
    }
#define I32_UN(n, expr)               \
    OP(n) {                           \
        uint32_t a = R32(1);          \
        fp[pc[0]] = (uint32_t)(expr); \
        pc += 2;                      \
        NEXT;                         \
    }
#define I64_BIN(n, expr)                 \
    OP(n) {                              \
        uint64_t a = R64(1), b = R64(2); \
        fp[pc[0]] = (uint64_t)(expr);    \
        pc += 3;                         \
        NEXT;                            \
    }
#define I64_UN(n, expr)               \
    OP(n) {                           \
        uint64_t a = R64(1);          \
        fp[pc[0]] = (uint64_t)(expr); \
        pc += 2;                      \
        NEXT;                         \
    }
#define F32_BIN(n, expr)                             \
    OP(n) {                                          \
        float a = f32of(R64(1)), b = f32of(R64(2));  \
        fp[pc[0]] = bf32(expr);                      \
        pc += 3;                                     \
        NEXT;                                        \
    }
#define F32_CMP(n, expr)                             \
    OP(n) {                                          \
        float a = f32of(R64(1)), b = f32of(R64(2));  \
        fp[pc[0]] = (uint32_t)(expr);                \
        pc += 3;                                     \
        NEXT;                                        \
    }
#define F32_UN(n, expr)          \
    OP(n) {                      \
        float a = f32of(R64(1)); \
        fp[pc[0]] = bf32(expr);  \
        pc += 2;                 \
        NEXT;                    \
    }
#define F64_BIN(n, expr)                             \
    OP(n) {                                          \
        double a = f64of(R64(1)), b = f64of(R64(2)); \
        fp[pc[0]] = bf64(expr);                      \
        pc += 3;                                     \
        NEXT;                                        \
    }
#define F64_CMP(n, expr)                             \
    OP(n) {                                          \
        double a = f64of(R64(1)), b = f64of(R64(2)); \
        fp[pc[0]] = (uint32_t)(expr);                \
        pc += 3;                                     \
        NEXT;                                        \
    }
#define F64_UN(n, expr)           \
    OP(n) {                       \
        double a = f64of(R64(1)); \
        fp[pc[0]] = bf64(expr);   \
        pc += 2;                  \
        NEXT;                     \
    }
/* conversion with a possible trap: src type S (f32of/f64of), fn */
#define TRUNC(n, S, fn, R)                    \
    OP(n) {                                   \
        bx_trap t_ = BX_TRAP_NONE;            \
        R r_ = fn(S(R64(1)), &t_);            \
        if (UNLIKELY(t_)) TRAP(t_);           \
        fp[pc[0]] = (uint64_t)r_;             \
        pc += 2;                              \
        NEXT;                                 \
    }
#define CONV(n, expr)                         \
    OP(n) {                                   \
        uint64_t a = R64(1);                  \
        (void)a;                              \
        fp[pc[0]] = (uint64_t)(expr);         \
        pc += 2;                              \
        NEXT;                                 \
    }
#define LOAD(n, T, N, conv)                                  \
    OP(n) {                                                  \
        uint64_t ea = (uint64_t)R32(1) + pc[2];              \
        if (UNLIKELY(ea + N > msize)) TRAP(BX_TRAP_MEMORY_OOB); \
        T v;                                                 \
        memcpy(&v, mbase + ea, N);                           \
        fp[pc[0]] = (conv);                                  \
        pc += 3;                                             \
        NEXT;                                                \
    }
#define STORE(n, T, N)                                       \
    OP(n) {                                                  \
        uint64_t ea = (uint64_t)R32(0) + pc[2];              \
        if (UNLIKELY(ea + N > msize)) TRAP(BX_TRAP_MEMORY_OOB); \
        T v = (T)R64(1);                                     \
        memcpy(mbase + ea, &v, N);                           \
        pc += 3;                                             \
        NEXT;                                                \
    }
#define BACK_TAKEN(t)                                                        \
    do {                                                                     \
        const uint32_t *h_ = cbase + (t);                                    \
        fuel -= h_[1];                                                       \
        pc = h_ + 2;                                                         \
        if (UNLIKELY(fuel < 0)) goto out_of_fuel;                            \
        if (UNLIKELY(atomic_load_explicit(&s->interrupt, memory_order_relaxed))) \
            TRAP(BX_TRAP_INTERRUPTED);                                       \
        NEXT;                                                                \
    } while (0)
/* a conditional branch and its loop back-edge twin; target word at pc[T] */
#define BRANCH2(n, decl, cond, T)                                            \
    OP(n) {                                                                  \
        decl;                                                                \
        if (cond) {                                                          \
            pc = cbase + pc[T];                                              \
            NEXT;                                                            \
        }                                                                    \
        pc += T + 1;                                                         \
        NEXT;                                                                \
    }                                                                        \
    OP(n##_B) {                                                              \
        decl;                                                                \
        if (cond) BACK_TAKEN(pc[T]);                                         \
        pc += T + 1;                                                         \
        NEXT;                                                                \
    }
#define BRC(n, expr) BRANCH2(n, uint32_t a = R32(0); uint32_t b = R32(1), expr, 2)
#define BRCK(n, expr) BRANCH2(n, uint32_t a = R32(0); uint32_t b = pc[1], expr, 2)
#define LOADK(n, T, N, conv)                                                 \
    OP(n) {                                                                  \
        uint64_t ea = (uint64_t)(uint32_t)(R32(1) + pc[2]) + pc[3];          \
        if (UNLIKELY(ea + N > msize)) TRAP(BX_TRAP_MEMORY_OOB);             \
        T v;                                                                 \
        memcpy(&v, mbase + ea, N);                                           \
        fp[pc[0]] = (conv);                                                  \
        pc += 4;                                                             \
        NEXT;                                                                \
    }
#define STOREK(n, T, N)                                                      \
    OP(n) {                                                                  \
        uint64_t ea = (uint64_t)(uint32_t)(R32(0) + pc[2]) + pc[3];          \
        if (UNLIKELY(ea + N > msize)) TRAP(BX_TRAP_MEMORY_OOB);             \
        T v = (T)R64(1);                                                     \
        memcpy(mbase + ea, &v, N);                                           \
        pc += 4;                                                             \
        NEXT;                                                                \
    }

static bx_trap run(bx_store *s, bx_func *f, uint64_t *fp, bx_frame *fr)
{
#if defined(__GNUC__) && !defined(BX_NO_COMPUTED_GOTO)
    static const void *const tbl[] = {
#define BX_OP_LABEL(n, w) &&L_##n,
        BX_OPS(BX_OP_LABEL)
#undef BX_OP_LABEL
    };
#endif
    bx_frame *const fbase = fr;
    bx_frame *const fend = s->frames_end;
    uint64_t *const send = s->stack_end;
    const struct bx_code *code = f->code;
    const uint32_t *cbase = code->code;
    const uint32_t *pc = cbase;
    bx_instance *inst = f->inst;
    bx_func **funcs;
    bx_global **globals;
    bx_memory *mem0;
    uint8_t *mbase;
    uint64_t msize;
    int64_t fuel = s->fuel;
    bx_trap trap = BX_TRAP_NONE;
    bx_func *callee;
    uint64_t *nfp;

#define LOAD_INST()                                                   \
    do {                                                              \
        funcs = inst->funcs;                                          \
        globals = inst->globals;                                      \
        mem0 = inst->module->nmems_total ? inst->mems[0] : NULL;     \
        mbase = mem0 ? mem0->data : NULL;                             \
        msize = mem0 ? mem0->size : 0;                                \
    } while (0)
    LOAD_INST();

#if defined(__GNUC__) && !defined(BX_NO_COMPUTED_GOTO)
    NEXT;
#else
dispatch:
    switch (*pc++) {
#endif

    OP(UNREACHABLE) TRAP(BX_TRAP_UNREACHABLE);
    OP(FUEL) {
        fuel -= pc[0];
        pc++;
        if (UNLIKELY(fuel < 0)) goto out_of_fuel;
        NEXT;
    }
    OP(LOOP) {
        fuel -= pc[0];
        pc++;
        if (UNLIKELY(fuel < 0)) goto out_of_fuel;
        if (UNLIKELY(atomic_load_explicit(&s->interrupt, memory_order_relaxed)))
            TRAP(BX_TRAP_INTERRUPTED);
        NEXT;
    }
    OP(BR) {
        pc = cbase + pc[0];
        NEXT;
    }
    OP(BR_B) BACK_TAKEN(pc[0]);
    BRANCH2(BR_IF, uint32_t a = R32(0), a != 0, 1)
    BRANCH2(BR_UNLESS, uint32_t a = R32(0), a == 0, 1)
    BRANCH2(BR_I64_EQZ, uint64_t a = R64(0), a == 0, 1)
    BRANCH2(BR_I64_NEZ, uint64_t a = R64(0), a != 0, 1)
    OP(BR_TABLE) {
        uint32_t i = R32(0), n = pc[1];
        if (i > n) i = n;
        pc = cbase + pc[2 + i];
        NEXT;
    }
    OP(RETURN) {
        memmove(fp, fp + pc[1], (size_t)pc[0] * sizeof *fp);
        goto do_return;
    }
    OP(RETURN1) {
        fp[0] = fp[pc[0]];
        goto do_return;
    }
    OP(RETURN0) goto do_return;

    OP(CALL) {
        callee = funcs[pc[0]];
        nfp = fp + pc[1];
        pc += 2;
        goto do_call;
    }
    OP(CALL_INDIRECT) {
        bx_table *t = inst->tables[pc[1]];
        uint32_t i = R32(2);
        if (UNLIKELY(i >= t->size)) TRAP(BX_TRAP_UNDEFINED_ELEMENT);
        callee = (bx_func *)(uintptr_t)t->elems[i];
        if (UNLIKELY(!callee)) TRAP(BX_TRAP_UNINITIALIZED);
        const bx_module *m = inst->module;
        const bx_functype *want = &m->types[m->type_canon ? m->type_canon[pc[0]] : pc[0]];
        if (UNLIKELY(callee->type != want && !bx_functype_eq(callee->type, want)))
            TRAP(BX_TRAP_INDIRECT_TYPE);
        nfp = fp + pc[3];
        pc += 4;
        goto do_call;
    }
    /* tail calls and other memories (WebAssembly 3.0, code.h BX_OPS3) */
    OP(RETURN_CALL) {
        callee = funcs[pc[0]];
        nfp = fp + pc[1];
        goto do_tail;
    }
    OP(RETURN_CALL_INDIRECT) {
        bx_table *t = inst->tables[pc[1]];
        uint32_t i = R32(2);
        if (UNLIKELY(i >= t->size)) TRAP(BX_TRAP_UNDEFINED_ELEMENT);
        callee = (bx_func *)(uintptr_t)t->elems[i];
        if (UNLIKELY(!callee)) TRAP(BX_TRAP_UNINITIALIZED);
        const bx_module *m = inst->module;
        const bx_functype *want = &m->types[m->type_canon ? m->type_canon[pc[0]] : pc[0]];
        if (UNLIKELY(callee->type != want && !bx_functype_eq(callee->type, want)))
            TRAP(BX_TRAP_INDIRECT_TYPE);
        nfp = fp + pc[3];
        goto do_tail;
    }
    OP(MLOAD) {
        const bx_memory *mx = inst->mems[pc[3]];
        uint64_t ea = (uint64_t)R32(1) + pc[2];
        unsigned n = bxe_mx_size(pc[4]);
        if (UNLIKELY(!n || pc[4] > 0x35)) TRAP(BX_TRAP_UNREACHABLE);
        if (UNLIKELY(ea + n > mx->size)) TRAP(BX_TRAP_MEMORY_OOB);
        fp[pc[0]] = bxe_mx_load(mx->data + ea, pc[4]);
        pc += 5;
        NEXT;
    }
    OP(MSTORE) {
        bx_memory *mx = inst->mems[pc[3]];
        uint64_t ea = (uint64_t)R32(0) + pc[2];
        unsigned n = bxe_mx_size(pc[4]);
        if (UNLIKELY(!n || pc[4] < 0x36)) TRAP(BX_TRAP_UNREACHABLE);
        if (UNLIKELY(ea + n > mx->size)) TRAP(BX_TRAP_MEMORY_OOB);
        uint64_t v = R64(1);
        memcpy(mx->data + ea, &v, n);
        pc += 5;
        NEXT;
    }
    OP(MMEMORY_SIZE) {
        fp[pc[0]] = (uint32_t)(inst->mems[pc[1]]->size / BX_PAGE_SIZE);
        pc += 2;
        NEXT;
    }
    OP(MMEMORY_GROW) {
        uint32_t r = bxe_memory_grow(s, inst->mems[pc[2]], R32(1));
        if (mem0) {     /* the same memory may also be memory 0 */
            mbase = mem0->data;
            msize = mem0->size;
        }
        fp[pc[0]] = r;
        pc += 3;
        NEXT;
    }
    OP(MMEMORY_INIT) {
        bx_memory *mx = inst->mems[pc[0]];
        uint32_t seg = pc[1];
        uint32_t d = R32(2), sr = R32(3), n = R32(4);
        const bx_data_decl *dd = &inst->module->datas[seg];
        uint64_t len = inst->data_dropped[seg] ? 0 : dd->len;
        if (UNLIKELY((uint64_t)sr + n > len || (uint64_t)d + n > mx->size))
            TRAP(BX_TRAP_MEMORY_OOB);
        CHARGE(bx_fuel_for_bytes(n));
        if (UNLIKELY(n && !bxe_bulk_move(s, mx->data + d, dd->bytes + sr, n))) TRAP(BX_TRAP_INTERRUPTED);
        pc += 5;
        NEXT;
    }
    OP(MMEMORY_COPY) {
        bx_memory *md = inst->mems[pc[0]], *ms = inst->mems[pc[1]];
        uint32_t d = R32(2), sr = R32(3), n = R32(4);
        if (UNLIKELY((uint64_t)d + n > md->size || (uint64_t)sr + n > ms->size))
            TRAP(BX_TRAP_MEMORY_OOB);
        CHARGE(bx_fuel_for_bytes(n));
        if (UNLIKELY(n && !bxe_bulk_move(s, md->data + d, ms->data + sr, n))) TRAP(BX_TRAP_INTERRUPTED);
        pc += 5;
        NEXT;
    }
    OP(MMEMORY_FILL) {
        bx_memory *mx = inst->mems[pc[0]];
        uint32_t d = R32(1), n = R32(3);
        uint8_t v = (uint8_t)R32(2);
        if (UNLIKELY((uint64_t)d + n > mx->size)) TRAP(BX_TRAP_MEMORY_OOB);
        CHARGE(bx_fuel_for_bytes(n));
        if (UNLIKELY(n && !bxe_bulk_fill(s, mx->data + d, v, n))) TRAP(BX_TRAP_INTERRUPTED);
        pc += 4;
        NEXT;
    }
    OP(SELECT) {
        fp[pc[0]] = R32(1) ? fp[pc[2]] : fp[pc[3]];
        pc += 4;
        NEXT;
    }
    OP(COPY) {
        fp[pc[0]] = fp[pc[1]];
        pc += 2;
        NEXT;
    }
    OP(COPY2) {
        fp[pc[0]] = fp[pc[1]];
        fp[pc[2]] = fp[pc[3]];
        pc += 4;
        NEXT;
    }
    OP(CONST32) {
        fp[pc[0]] = pc[1];
        pc += 2;
        NEXT;
    }
    OP(CONST64) {
        fp[pc[0]] = (uint64_t)pc[1] | (uint64_t)pc[2] << 32;
        pc += 3;
        NEXT;
    }
    OP(GLOBAL_GET) {
        fp[pc[0]] = globals[pc[1]]->val;
        pc += 2;
        NEXT;
    }
    OP(GLOBAL_SET) {
        globals[pc[0]]->val = fp[pc[1]];
        pc += 2;
        NEXT;
    }
    OP(TABLE_GET) {
        bx_table *t = inst->tables[pc[1]];
        uint32_t i = R32(2);
        if (UNLIKELY(i >= t->size)) TRAP(BX_TRAP_TABLE_OOB);
        fp[pc[0]] = t->elems[i];
        pc += 3;
        NEXT;
    }
    OP(TABLE_SET) {
        bx_table *t = inst->tables[pc[0]];
        uint32_t i = R32(1);
        if (UNLIKELY(i >= t->size)) TRAP(BX_TRAP_TABLE_OOB);
        t->elems[i] = fp[pc[2]];
        pc += 3;
        NEXT;
    }
    OP(TABLE_SIZE) {
        fp[pc[0]] = inst->tables[pc[1]]->size;
        pc += 2;
        NEXT;
    }
    OP(TABLE_GROW) {
        bx_table *t = inst->tables[pc[1]];
        uint64_t init = fp[pc[2]];
        uint32_t delta = R32(3);
        /* a grow that cannot succeed is O(1): charge only one that may */
        if (delta <= t->max - t->size) CHARGE(ELEM_UNITS(delta));
        fp[pc[0]] = bxe_table_grow(s, t, delta, init);
        pc += 4;
        NEXT;
    }
    OP(TABLE_FILL) {
        bx_table *t = inst->tables[pc[0]];
        uint32_t i = R32(1), n = R32(3);
        uint64_t v = fp[pc[2]];
        if (UNLIKELY((uint64_t)i + n > t->size)) TRAP(BX_TRAP_TABLE_OOB);
        CHARGE(ELEM_UNITS(n));
        if (UNLIKELY(!bxe_bulk_fill64(s, t->elems + i, v, n))) TRAP(BX_TRAP_INTERRUPTED);
        pc += 4;
        NEXT;
    }
    OP(TABLE_COPY) {
        bx_table *td = inst->tables[pc[0]], *ts = inst->tables[pc[1]];
        uint32_t d = R32(2), sr = R32(3), n = R32(4);
        if (UNLIKELY((uint64_t)d + n > td->size || (uint64_t)sr + n > ts->size))
            TRAP(BX_TRAP_TABLE_OOB);
        CHARGE(ELEM_UNITS(n));
        if (UNLIKELY(n && !bxe_bulk_move(s, (uint8_t *)(td->elems + d), (const uint8_t *)(ts->elems + sr),
                                      (uint64_t)n * sizeof(uint64_t))))
            TRAP(BX_TRAP_INTERRUPTED);
        pc += 5;
        NEXT;
    }
    OP(TABLE_INIT) {
        bx_table *t = inst->tables[pc[0]];
        uint32_t seg = pc[1];
        uint32_t d = R32(2), sr = R32(3), n = R32(4);
        if (UNLIKELY((uint64_t)sr + n > inst->elem_len[seg] || (uint64_t)d + n > t->size))
            TRAP(BX_TRAP_TABLE_OOB);
        CHARGE(ELEM_UNITS(n));
        if (UNLIKELY(n && !bxe_bulk_move(s, (uint8_t *)(t->elems + d),
                                      (const uint8_t *)(inst->elem_values[seg] + sr),
                                      (uint64_t)n * sizeof(uint64_t))))
            TRAP(BX_TRAP_INTERRUPTED);
        pc += 5;
        NEXT;
    }
    OP(ELEM_DROP) {
        inst->elem_len[pc[0]] = 0;
        pc += 1;
        NEXT;
    }
    OP(MEMORY_SIZE) {
        fp[pc[0]] = (uint32_t)(msize / BX_PAGE_SIZE);
        pc += 1;
        NEXT;
    }
    OP(MEMORY_GROW) {
        uint32_t r = bxe_memory_grow(s, mem0, R32(1));
        mbase = mem0->data;
        msize = mem0->size;
        fp[pc[0]] = r;
        pc += 2;
        NEXT;
    }
    OP(MEMORY_INIT) {
        uint32_t seg = pc[0];
        uint32_t d = R32(1), sr = R32(2), n = R32(3);
        const bx_data_decl *dd = &inst->module->datas[seg];
        uint64_t len = inst->data_dropped[seg] ? 0 : dd->len;
        if (UNLIKELY((uint64_t)sr + n > len || (uint64_t)d + n > msize))
            TRAP(BX_TRAP_MEMORY_OOB);
        CHARGE(bx_fuel_for_bytes(n));
        if (UNLIKELY(n && !bxe_bulk_move(s, mbase + d, dd->bytes + sr, n))) TRAP(BX_TRAP_INTERRUPTED);
        pc += 4;
        NEXT;
    }
    OP(DATA_DROP) {
        inst->data_dropped[pc[0]] = 1;
        pc += 1;
        NEXT;
    }
    OP(MEMORY_COPY) {
        uint32_t d = R32(0), sr = R32(1), n = R32(2);
        if (UNLIKELY((uint64_t)d + n > msize || (uint64_t)sr + n > msize))
            TRAP(BX_TRAP_MEMORY_OOB);
        CHARGE(bx_fuel_for_bytes(n));
        if (UNLIKELY(n && !bxe_bulk_move(s, mbase + d, mbase + sr, n))) TRAP(BX_TRAP_INTERRUPTED);
        pc += 3;
        NEXT;
    }
    OP(MEMORY_FILL) {
        uint32_t d = R32(0), n = R32(2);
        uint8_t v = (uint8_t)R32(1);
        if (UNLIKELY((uint64_t)d + n > msize)) TRAP(BX_TRAP_MEMORY_OOB);
        CHARGE(bx_fuel_for_bytes(n));
        if (UNLIKELY(n && !bxe_bulk_fill(s, mbase + d, v, n))) TRAP(BX_TRAP_INTERRUPTED);
        pc += 3;
        NEXT;
    }
    OP(REF_FUNC) {
        fp[pc[0]] = (uint64_t)(uintptr_t)funcs[pc[1]];
        pc += 2;
        NEXT;
    }
    OP(REF_IS_NULL) {
        fp[pc[0]] = fp[pc[1]] == 0;
        pc += 2;
        NEXT;
    }

    /* loads / stores */
    LOAD(I32_LOAD, uint32_t, 4, v)
    LOAD(I64_LOAD, uint64_t, 8, v)
    LOAD(F32_LOAD, uint32_t, 4, v)
    LOAD(F64_LOAD, uint64_t, 8, v)
    LOAD(I32_LOAD8_S, int8_t, 1, (uint32_t)(int32_t)v)
    LOAD(I32_LOAD8_U, uint8_t, 1, (uint32_t)v)
    LOAD(I32_LOAD16_S, int16_t, 2, (uint32_t)(int32_t)v)
    LOAD(I32_LOAD16_U, uint16_t, 2, (uint32_t)v)
    LOAD(I64_LOAD8_S, int8_t, 1, (uint64_t)(int64_t)v)
    LOAD(I64_LOAD8_U, uint8_t, 1, (uint64_t)v)
    LOAD(I64_LOAD16_S, int16_t, 2, (uint64_t)(int64_t)v)
    LOAD(I64_LOAD16_U, uint16_t, 2, (uint64_t)v)
    LOAD(I64_LOAD32_S, int32_t, 4, (uint64_t)(int64_t)v)
    LOAD(I64_LOAD32_U, uint32_t, 4, (uint64_t)v)
    STORE(I32_STORE, uint32_t, 4)
    STORE(I64_STORE, uint64_t, 8)
    STORE(F32_STORE, uint32_t, 4)
    STORE(F64_STORE, uint64_t, 8)
    STORE(I32_STORE8, uint8_t, 1)
    STORE(I32_STORE16, uint16_t, 2)
    STORE(I64_STORE8, uint8_t, 1)
    STORE(I64_STORE16, uint16_t, 2)
    STORE(I64_STORE32, uint32_t, 4)

    /* i32 */
    I32_UN(I32_EQZ, a == 0)
    I32_BIN(I32_EQ, a == b)
    I32_BIN(I32_NE, a != b)
    I32_BIN(I32_LT_S, (int32_t)a < (int32_t)b)
    I32_BIN(I32_LT_U, a < b)
    I32_BIN(I32_GT_S, (int32_t)a > (int32_t)b)
    I32_BIN(I32_GT_U, a > b)
    I32_BIN(I32_LE_S, (int32_t)a <= (int32_t)b)
    I32_BIN(I32_LE_U, a <= b)
    I32_BIN(I32_GE_S, (int32_t)a >= (int32_t)b)
    I32_BIN(I32_GE_U, a >= b)
    OP(I64_EQZ) {
        fp[pc[0]] = R64(1) == 0;
        pc += 2;
        NEXT;
    }
    I64_BIN(I64_EQ, a == b)
    I64_BIN(I64_NE, a != b)
    I64_BIN(I64_LT_S, (int64_t)a < (int64_t)b)
    I64_BIN(I64_LT_U, a < b)
    I64_BIN(I64_GT_S, (int64_t)a > (int64_t)b)
    I64_BIN(I64_GT_U, a > b)
    I64_BIN(I64_LE_S, (int64_t)a <= (int64_t)b)
    I64_BIN(I64_LE_U, a <= b)
    I64_BIN(I64_GE_S, (int64_t)a >= (int64_t)b)
    I64_BIN(I64_GE_U, a >= b)
    F32_CMP(F32_EQ, a == b)
    F32_CMP(F32_NE, a != b)
    F32_CMP(F32_LT, a < b)
    F32_CMP(F32_GT, a > b)
    F32_CMP(F32_LE, a <= b)
    F32_CMP(F32_GE, a >= b)
    F64_CMP(F64_EQ, a == b)
    F64_CMP(F64_NE, a != b)
    F64_CMP(F64_LT, a < b)
    F64_CMP(F64_GT, a > b)
    F64_CMP(F64_LE, a <= b)
    F64_CMP(F64_GE, a >= b)
    I32_UN(I32_CLZ, bx_i32_clz(a))
    I32_UN(I32_CTZ, bx_i32_ctz(a))
    I32_UN(I32_POPCNT, bx_i32_popcnt(a))
    I32_BIN(I32_ADD, a + b)
    I32_BIN(I32_SUB, a - b)
    I32_BIN(I32_MUL, a * b)
    OP(I32_DIV_S) {
        int32_t a = RS32(1), b = RS32(2);
        if (UNLIKELY(b == 0)) TRAP(BX_TRAP_DIV_ZERO);
        if (UNLIKELY(a == INT32_MIN && b == -1)) TRAP(BX_TRAP_INT_OVERFLOW);
        fp[pc[0]] = (uint32_t)(a / b);
        pc += 3;
        NEXT;
    }
    OP(I32_DIV_U) {
        uint32_t a = R32(1), b = R32(2);
        if (UNLIKELY(b == 0)) TRAP(BX_TRAP_DIV_ZERO);
        fp[pc[0]] = a / b;
        pc += 3;
        NEXT;
    }
    OP(I32_REM_S) {
        int32_t a = RS32(1), b = RS32(2);
        if (UNLIKELY(b == 0)) TRAP(BX_TRAP_DIV_ZERO);
        fp[pc[0]] = (uint32_t)(b == -1 ? 0 : a % b);
        pc += 3;
        NEXT;
    }
    OP(I32_REM_U) {
        uint32_t a = R32(1), b = R32(2);
        if (UNLIKELY(b == 0)) TRAP(BX_TRAP_DIV_ZERO);
        fp[pc[0]] = a % b;
        pc += 3;
        NEXT;
    }
    I32_BIN(I32_AND, a & b)
    I32_BIN(I32_OR, a | b)
    I32_BIN(I32_XOR, a ^ b)
    I32_BIN(I32_SHL, a << (b & 31))
    I32_BIN(I32_SHR_S, (uint32_t)((int32_t)a >> (b & 31)))
    I32_BIN(I32_SHR_U, a >> (b & 31))
    I32_BIN(I32_ROTL, bx_i32_rotl(a, b))
    I32_BIN(I32_ROTR, bx_i32_rotr(a, b))
    I64_UN(I64_CLZ, bx_i64_clz(a))
    I64_UN(I64_CTZ, bx_i64_ctz(a))
    I64_UN(I64_POPCNT, bx_i64_popcnt(a))
    I64_BIN(I64_ADD, a + b)
    I64_BIN(I64_SUB, a - b)
    I64_BIN(I64_MUL, a * b)
    OP(I64_DIV_S) {
        int64_t a = RS64(1), b = RS64(2);
        if (UNLIKELY(b == 0)) TRAP(BX_TRAP_DIV_ZERO);
        if (UNLIKELY(a == INT64_MIN && b == -1)) TRAP(BX_TRAP_INT_OVERFLOW);
        fp[pc[0]] = (uint64_t)(a / b);
        pc += 3;
        NEXT;
    }
    OP(I64_DIV_U) {
        uint64_t a = R64(1), b = R64(2);
        if (UNLIKELY(b == 0)) TRAP(BX_TRAP_DIV_ZERO);
        fp[pc[0]] = a / b;
        pc += 3;
        NEXT;
    }
    OP(I64_REM_S) {
        int64_t a = RS64(1), b = RS64(2);
        if (UNLIKELY(b == 0)) TRAP(BX_TRAP_DIV_ZERO);
        fp[pc[0]] = (uint64_t)(b == -1 ? 0 : a % b);
        pc += 3;
        NEXT;
    }
    OP(I64_REM_U) {
        uint64_t a = R64(1), b = R64(2);
        if (UNLIKELY(b == 0)) TRAP(BX_TRAP_DIV_ZERO);
        fp[pc[0]] = a % b;
        pc += 3;
        NEXT;
    }
    I64_BIN(I64_AND, a & b)
    I64_BIN(I64_OR, a | b)
    I64_BIN(I64_XOR, a ^ b)
    I64_BIN(I64_SHL, a << (b & 63))
    I64_BIN(I64_SHR_S, (uint64_t)((int64_t)a >> (b & 63)))
    I64_BIN(I64_SHR_U, a >> (b & 63))
    I64_BIN(I64_ROTL, bx_i64_rotl(a, b))
    I64_BIN(I64_ROTR, bx_i64_rotr(a, b))

    /* f32 */
    OP(F32_ABS) {
        fp[pc[0]] = R32(1) & 0x7FFFFFFFu;
        pc += 2;
        NEXT;
    }
    OP(F32_NEG) {
        fp[pc[0]] = R32(1) ^ 0x80000000u;
        pc += 2;
        NEXT;
    }
    F32_UN(F32_CEIL, a != a ? quiet_f32(a) : ceilf(a))
    F32_UN(F32_FLOOR, a != a ? quiet_f32(a) : floorf(a))
    F32_UN(F32_TRUNC, a != a ? quiet_f32(a) : truncf(a))
    F32_UN(F32_NEAREST, bx_f32_nearest(a))
    F32_UN(F32_SQRT, sqrtf(a))
    F32_BIN(F32_ADD, a + b)
    F32_BIN(F32_SUB, a - b)
    F32_BIN(F32_MUL, a * b)
    F32_BIN(F32_DIV, a / b)
    F32_BIN(F32_MIN, bx_f32_min(a, b))
    F32_BIN(F32_MAX, bx_f32_max(a, b))
    OP(F32_COPYSIGN) {
        fp[pc[0]] = (R32(1) & 0x7FFFFFFFu) | (R32(2) & 0x80000000u);
        pc += 3;
        NEXT;
    }
    OP(F64_ABS) {
        fp[pc[0]] = R64(1) & 0x7FFFFFFFFFFFFFFFull;
        pc += 2;
        NEXT;
    }
    OP(F64_NEG) {
        fp[pc[0]] = R64(1) ^ 0x8000000000000000ull;
        pc += 2;
        NEXT;
    }
    F64_UN(F64_CEIL, a != a ? quiet_f64(a) : ceil(a))
    F64_UN(F64_FLOOR, a != a ? quiet_f64(a) : floor(a))
    F64_UN(F64_TRUNC, a != a ? quiet_f64(a) : trunc(a))
    F64_UN(F64_NEAREST, bx_f64_nearest(a))
    F64_UN(F64_SQRT, sqrt(a))
    F64_BIN(F64_ADD, a + b)
    F64_BIN(F64_SUB, a - b)
    F64_BIN(F64_MUL, a * b)
    F64_BIN(F64_DIV, a / b)
    F64_BIN(F64_MIN, bx_f64_min(a, b))
    F64_BIN(F64_MAX, bx_f64_max(a, b))
    OP(F64_COPYSIGN) {
        fp[pc[0]] = (R64(1) & 0x7FFFFFFFFFFFFFFFull) | (R64(2) & 0x8000000000000000ull);
        pc += 3;
        NEXT;
    }

    /* conversions */
    CONV(I32_WRAP_I64, (uint32_t)a)
    TRUNC(I32_TRUNC_F32_S, f32of, bx_i32_trunc_f32_s, uint32_t)
    TRUNC(I32_TRUNC_F32_U, f32of, bx_i32_trunc_f32_u, uint32_t)
    TRUNC(I32_TRUNC_F64_S, f64of, bx_i32_trunc_f64_s, uint32_t)
    TRUNC(I32_TRUNC_F64_U, f64of, bx_i32_trunc_f64_u, uint32_t)
    CONV(I64_EXTEND_I32_S, (uint64_t)(int64_t)(int32_t)(uint32_t)a)
    CONV(I64_EXTEND_I32_U, (uint32_t)a)
    TRUNC(I64_TRUNC_F32_S, f32of, bx_i64_trunc_f32_s, uint64_t)
    TRUNC(I64_TRUNC_F32_U, f32of, bx_i64_trunc_f32_u, uint64_t)
    TRUNC(I64_TRUNC_F64_S, f64of, bx_i64_trunc_f64_s, uint64_t)
    TRUNC(I64_TRUNC_F64_U, f64of, bx_i64_trunc_f64_u, uint64_t)
    CONV(F32_CONVERT_I32_S, bf32((float)(int32_t)(uint32_t)a))
    CONV(F32_CONVERT_I32_U, bf32((float)(uint32_t)a))
    CONV(F32_CONVERT_I64_S, bf32(bx_f32_from_i64((int64_t)a)))
    CONV(F32_CONVERT_I64_U, bf32(bx_f32_from_u64(a)))
    CONV(F32_DEMOTE_F64, bf32(bx_f32_demote(f64of(a))))
    CONV(F64_CONVERT_I32_S, bf64((double)(int32_t)(uint32_t)a))
    CONV(F64_CONVERT_I32_U, bf64((double)(uint32_t)a))
    CONV(F64_CONVERT_I64_S, bf64(bx_f64_from_i64((int64_t)a)))
    CONV(F64_CONVERT_I64_U, bf64(bx_f64_from_u64(a)))
    CONV(F64_PROMOTE_F32, bf64(bx_f64_promote(f32of(a))))
    CONV(I32_REINTERPRET_F32, (uint32_t)a)
    CONV(I64_REINTERPRET_F64, a)
    CONV(F32_REINTERPRET_I32, (uint32_t)a)
    CONV(F64_REINTERPRET_I64, a)
    CONV(I32_EXTEND8_S, (uint32_t)(int32_t)(int8_t)(uint8_t)a)
    CONV(I32_EXTEND16_S, (uint32_t)(int32_t)(int16_t)(uint16_t)a)
    CONV(I64_EXTEND8_S, (uint64_t)(int64_t)(int8_t)(uint8_t)a)
    CONV(I64_EXTEND16_S, (uint64_t)(int64_t)(int16_t)(uint16_t)a)
    CONV(I64_EXTEND32_S, (uint64_t)(int64_t)(int32_t)(uint32_t)a)
    CONV(I32_TRUNC_SAT_F32_S, (uint32_t)bx_i32_trunc_sat_f32_s(f32of(a)))
    CONV(I32_TRUNC_SAT_F32_U, (uint32_t)bx_i32_trunc_sat_f32_u(f32of(a)))
    CONV(I32_TRUNC_SAT_F64_S, (uint32_t)bx_i32_trunc_sat_f64_s(f64of(a)))
    CONV(I32_TRUNC_SAT_F64_U, (uint32_t)bx_i32_trunc_sat_f64_u(f64of(a)))
    CONV(I64_TRUNC_SAT_F32_S, (uint64_t)bx_i64_trunc_sat_f32_s(f32of(a)))
    CONV(I64_TRUNC_SAT_F32_U, (uint64_t)bx_i64_trunc_sat_f32_u(f32of(a)))
    CONV(I64_TRUNC_SAT_F64_S, (uint64_t)bx_i64_trunc_sat_f64_s(f64of(a)))
    CONV(I64_TRUNC_SAT_F64_U, (uint64_t)bx_i64_trunc_sat_f64_u(f64of(a)))

    /* immediate forms */
    I32_BINK(I32_ADD_K, a + b)
    I32_BINK(I32_SUB_K, a - b)
    I32_BINK(I32_AND_K, a & b)
    I32_BINK(I32_OR_K, a | b)
    I32_BINK(I32_XOR_K, a ^ b)
    I32_BINK(I32_SHL_K, a << (b & 31))
    I32_BINK(I32_SHR_S_K, (uint32_t)((int32_t)a >> (b & 31)))
    I32_BINK(I32_SHR_U_K, a >> (b & 31))
    I32_BINK(I32_MUL_K, a * b)
    I32_BINK(I32_ROTL_K, bx_i32_rotl(a, b))
    I32_BINK(I32_ROTR_K, bx_i32_rotr(a, b))
#define I32_OI(n, o, inner)                                                  \
    OP(n) {                                                                  \
        uint32_t x = R32(2), k = pc[3];                                      \
        uint32_t y = (inner);                                                \
        fp[pc[0]] = (uint32_t)(R32(1) o y);                                  \
        pc += 4;                                                             \
        NEXT;                                                                \
    }
#define I32_OI3(O, o)                                                        \
    I32_OI(I32_##O##_ROTL_K, o, bx_i32_rotl(x, k))                           \
    I32_OI(I32_##O##_SHL_K, o, x << (k & 31))                                \
    I32_OI(I32_##O##_SHR_U_K, o, x >> (k & 31))
    I32_OI3(ADD, +)
    I32_OI3(XOR, ^)
    I32_OI3(OR, |)
    I32_OI3(AND, &)
    OP(I64_ADD_K) {
        fp[pc[0]] = R64(1) + ((uint64_t)pc[2] | (uint64_t)pc[3] << 32);
        pc += 4;
        NEXT;
    }
    BRC(BR_I32_EQ, a == b)
    BRC(BR_I32_NE, a != b)
    BRC(BR_I32_LT_S, (int32_t)a < (int32_t)b)
    BRC(BR_I32_LT_U, a < b)
    BRC(BR_I32_GT_S, (int32_t)a > (int32_t)b)
    BRC(BR_I32_GT_U, a > b)
    BRC(BR_I32_LE_S, (int32_t)a <= (int32_t)b)
    BRC(BR_I32_LE_U, a <= b)
    BRC(BR_I32_GE_S, (int32_t)a >= (int32_t)b)
    BRC(BR_I32_GE_U, a >= b)
    BRCK(BR_I32_EQ_K, a == b)
    BRCK(BR_I32_NE_K, a != b)
    BRCK(BR_I32_LT_S_K, (int32_t)a < (int32_t)b)
    BRCK(BR_I32_LT_U_K, a < b)
    BRCK(BR_I32_GT_S_K, (int32_t)a > (int32_t)b)
    BRCK(BR_I32_GT_U_K, a > b)
    BRCK(BR_I32_LE_S_K, (int32_t)a <= (int32_t)b)
    BRCK(BR_I32_LE_U_K, a <= b)
    BRCK(BR_I32_GE_S_K, (int32_t)a >= (int32_t)b)
    BRCK(BR_I32_GE_U_K, a >= b)
    LOADK(I32_LOAD_K, uint32_t, 4, v)
    LOADK(I64_LOAD_K, uint64_t, 8, v)
    LOADK(I32_LOAD8_S_K, int8_t, 1, (uint32_t)(int32_t)v)
    LOADK(I32_LOAD8_U_K, uint8_t, 1, (uint32_t)v)
    LOADK(I32_LOAD16_S_K, int16_t, 2, (uint32_t)(int32_t)v)
    LOADK(I32_LOAD16_U_K, uint16_t, 2, (uint32_t)v)
    STOREK(I32_STORE_K, uint32_t, 4)
    STOREK(I64_STORE_K, uint64_t, 8)
    STOREK(I32_STORE8_K, uint8_t, 1)
    STOREK(I32_STORE16_K, uint16_t, 2)
    ADDBR(EQ, a == b)
    ADDBR(NE, a != b)
    ADDBR(LT_S, (int32_t)a < (int32_t)b)
    ADDBR(LT_U, a < b)
    ADDBR(GT_S, (int32_t)a > (int32_t)b)
    ADDBR(GT_U, a > b)
    ADDBR(LE_S, (int32_t)a <= (int32_t)b)
    ADDBR(LE_U, a <= b)
    ADDBR(GE_S, (int32_t)a >= (int32_t)b)
    ADDBR(GE_U, a >= b)
#undef LOADK
#undef STOREK
#define LOADK(n, T, N, conv)                                                 \
    OP(n) {                                                                  \
        uint64_t ea = (uint64_t)(uint32_t)(R32(1) + R32(2)) + pc[3];         \
        if (UNLIKELY(ea + N > msize)) TRAP(BX_TRAP_MEMORY_OOB);             \
        T v;                                                                 \
        memcpy(&v, mbase + ea, N);                                           \
        fp[pc[0]] = (conv);                                                  \
        pc += 4;                                                             \
        NEXT;                                                                \
    }
#define STOREK(n, T, N)                                                      \
    OP(n) {                                                                  \
        uint64_t ea = (uint64_t)(uint32_t)(R32(0) + R32(2)) + pc[3];         \
        if (UNLIKELY(ea + N > msize)) TRAP(BX_TRAP_MEMORY_OOB);             \
        T v = (T)R64(1);                                                     \
        memcpy(mbase + ea, &v, N);                                           \
        pc += 4;                                                             \
        NEXT;                                                                \
    }
    LOADK(I32_LOAD_R, uint32_t, 4, v)
    LOADK(I64_LOAD_R, uint64_t, 8, v)
    LOADK(I32_LOAD8_S_R, int8_t, 1, (uint32_t)(int32_t)v)
    LOADK(I32_LOAD8_U_R, uint8_t, 1, (uint32_t)v)
    LOADK(I32_LOAD16_S_R, int16_t, 2, (uint32_t)(int32_t)v)
    LOADK(I32_LOAD16_U_R, uint16_t, 2, (uint32_t)v)
    STOREK(I32_STORE_R, uint32_t, 4)
    STOREK(I64_STORE_R, uint64_t, 8)
    STOREK(I32_STORE8_R, uint8_t, 1)
    STOREK(I32_STORE16_R, uint16_t, 2)
#define F64_M(n, expr)                                                       \
    OP(n) {                                                                  \
        uint64_t ea = (uint64_t)R32(2) + pc[3];                              \
        if (UNLIKELY(ea + 8 > msize)) TRAP(BX_TRAP_MEMORY_OOB);             \
        uint64_t v;                                                          \
        memcpy(&v, mbase + ea, 8);                                           \
        double a = f64of(R64(1)), b = f64of(v);                              \
        fp[pc[0]] = bf64(expr);                                              \
        pc += 4;                                                             \
        NEXT;                                                                \
    }
    F64_M(F64_ADD_M, a + b)
    F64_M(F64_MUL_M, a * b)
    /* SIMD: one handler each, the lanes are done out of line (simd.c) */
    OP(SIMD) {
        pc = bxe_simd_run(pc, fp, inst);
        if (UNLIKELY(!pc)) TRAP(BX_TRAP_MEMORY_OOB);   /* the one SIMD trap */
        NEXT;
    }
    OP(SIMD_SHUFFLE) {
        bxe_simd_shuffle(pc, fp);
        pc += 7;
        NEXT;
    }
    OP(SIMD_MEM) {
        pc = bxe_simd_run_mem(pc, fp, inst);
        if (UNLIKELY(!pc)) TRAP(BX_TRAP_MEMORY_OOB);
        NEXT;
    }
    OP(COUNT_) TRAP(BX_TRAP_UNREACHABLE);

#if !(defined(__GNUC__) && !defined(BX_NO_COMPUTED_GOTO))
    default: TRAP(BX_TRAP_UNREACHABLE);
    }
#endif

/* A host function called with its arguments at nfp (results there too):
 * fuel and the stack height handed over, memory 0 reloaded after (the host
 * may have grown it).  Shared by calls and tail calls. */
#define CALL_HOST()                                                            \
    do {                                                                       \
        s->fuel = fuel;                                                        \
        s->stack[0] = (uint64_t)(fp + code->frame_size - s->stack);            \
        s->stack[1] = (uint64_t)(fr - s->frames);                              \
        bx_hostcall hc = {s, inst, mbase, msize, callee->user};                \
        bx_trap t = callee->host(&hc, nfp);                                    \
        fuel = s->fuel;                                                        \
        if (mem0) {                                                            \
            mbase = mem0->data;                                                \
            msize = mem0->size;                                                \
        }                                                                      \
        if (t != BX_TRAP_NONE) TRAP(t);                                        \
    } while (0)

do_call:
    if (UNLIKELY(atomic_load_explicit(&s->interrupt, memory_order_relaxed)))
        TRAP(BX_TRAP_INTERRUPTED);
    if (callee->host) {
        CALL_HOST();
        NEXT;
    }
    {
        const struct bx_code *cc = callee->code;
        if (UNLIKELY(fr >= fend || (uint64_t)(send - nfp) < cc->frame_size))
            TRAP(BX_TRAP_STACK_EXHAUSTED);
        fr->code = code;
        fr->ret_pc = pc;
        fr->fp = fp;
        fr->func = f;
        fr++;
        for (uint32_t i = cc->nparams; i < cc->nlocals; i++) {
            nfp[i] = 0;
#if defined(__GNUC__)
            /* keep this a short inline loop, not a memset call */
            __asm__("" : "+r"(i));
#endif
        }
        if (UNLIKELY(cc->nconsts))
            memcpy(nfp + cc->nlocals, cc->code + cc->len, (size_t)cc->nconsts * sizeof *nfp);
        f = callee;
        code = cc;
        fp = nfp;
        pc = cbase = cc->code;
        if (callee->inst != inst) {
            inst = callee->inst;
            LOAD_INST();
        }
        /* the entry block's OP_FUEL, done here without a dispatch */
        if (LIKELY(pc[0] == BXOP_FUEL)) {
            fuel -= pc[1];
            pc += 2;
            if (UNLIKELY(fuel < 0)) goto out_of_fuel;
        }
        NEXT;
    }

/* A tail call: the callee takes over this frame (fr is not pushed), its
 * arguments moved from nfp down to fp[0..).  Fuel, the interrupt flag and
 * the stack cap are checked as for a call. */
do_tail:
    if (UNLIKELY(atomic_load_explicit(&s->interrupt, memory_order_relaxed)))
        TRAP(BX_TRAP_INTERRUPTED);
    if (callee->host) {
        CALL_HOST();
        memmove(fp, nfp, (size_t)callee->type->nresults * sizeof *fp);
        goto do_return;
    }
    {
        const struct bx_code *cc = callee->code;
        if (UNLIKELY((uint64_t)(send - fp) < cc->frame_size)) TRAP(BX_TRAP_STACK_EXHAUSTED);
        memmove(fp, nfp, (size_t)cc->nparams * sizeof *fp);
        for (uint32_t i = cc->nparams; i < cc->nlocals; i++) fp[i] = 0;
        if (UNLIKELY(cc->nconsts))
            memcpy(fp + cc->nlocals, cc->code + cc->len, (size_t)cc->nconsts * sizeof *fp);
        f = callee;
        code = cc;
        pc = cbase = cc->code;
        if (callee->inst != inst) {
            inst = callee->inst;
            LOAD_INST();
        }
        if (LIKELY(pc[0] == BXOP_FUEL)) {
            fuel -= pc[1];
            pc += 2;
            if (UNLIKELY(fuel < 0)) goto out_of_fuel;
        }
        NEXT;
    }

do_return:
    if (UNLIKELY(fr == fbase)) {
        s->fuel = fuel;
        return BX_TRAP_NONE;
    }
    fr--;
    code = fr->code;
    cbase = code->code;
    pc = fr->ret_pc;
    fp = fr->fp;
    f = fr->func;
    /* same instance: mbase/msize are current (memory.grow in a callee of
     * this loop updates them, host calls reload them after returning) */
    if (f->inst != inst) {
        inst = f->inst;
        LOAD_INST();
    }
    NEXT;

out_of_fuel:
    if (s->fuel_limited) {
        fuel = 0;
        TRAP(BX_TRAP_FUEL_EXHAUSTED);
    }
    fuel = INT64_MAX;
    NEXT;

trapped:
    s->fuel = fuel;
    return trap;
}
