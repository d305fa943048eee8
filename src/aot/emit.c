/*
 * emit.c — translate a validated module into one C translation unit.
 *
 * The input is not the wasm bytes but the interpreter's register code of
 * every function (code.h), made by compile.c from the validated bodies:
 * each slot fp[N] becomes the C local rN, each instruction a statement
 * (a prelude.h macro of the same name), each branch target a label.  So
 * the compiled code charges fuel at the same points and by the same
 * amounts as the interpreter (OP_FUEL / OP_LOOP heads of the same blocks),
 * checks the interrupt flag before calls and, in the slow path of the fuel
 * charge, at least every BXA_ICHK units of fuel (prelude.h's FUEL),
 * traps with the same kinds, and computes with the same helpers
 * (numeric.h, pasted in).  The C compiler then allocates the slots to
 * registers.  Nothing of the module reaches the text except numbers:
 * functions are fK/wK, locals rN, labels LN.
 *
 * Refused (the interpreter runs the module): SIMD (v128 anywhere), tail
 * calls (they need a trampoline to keep the C stack bounded), and
 * functions with more than BXA_MAX_FRAME slots.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"
#include "aot.h"
#include "code.h"
#include "module.h"
#include "runtime.h"
#include "sha256.h"

#define BXA_MAX_FRAME 20000u
#define BXA_MAX_TEXT ((size_t)256 << 20)
/* A function that calls nothing and has at most this many slots skips the
 * C stack check (prelude.h's ENTER_SP): its C frame, some spilled slots and
 * saved registers, is far below the floor's reserve (rt.c, 256 KiB). */
#define BXA_LEAF_FRAME 1024u

static const char abi_text[] =
#include "abi_text.inc"
    ;
static const char numeric_text[] =
#include "numeric_text.inc"
    ;
static const char prelude_text[] =
#include "prelude_text.inc"
    ;

static const char *const op_name[] = {
#define BXA_NAME(n, w) #n,
    BX_OPS(BXA_NAME)
#undef BXA_NAME
};
static const uint8_t op_words[] = {
#define BXA_WORDS(n, w) (w),
    BX_OPS(BXA_WORDS)
#undef BXA_WORDS
};

typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool bad;
} sbuf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(sbuf *b, const char *fmt, ...)
{
    if (b->bad) return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->bad = true;
            return;
        }
        if ((size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t nc = b->cap * 2 + (size_t)n + 1;
        if (nc > BXA_MAX_TEXT) {
            b->bad = true;
            return;
        }
        char *np = realloc(b->p, nc);
        if (!np) {
            b->bad = true;
            return;
        }
        b->p = np;
        b->cap = nc;
    }
}

static const char *const cc_name[10] = {"EQ", "NE", "LT_S", "LT_U", "GT_S",
                                        "GT_U", "LE_S", "LE_U", "GE_S", "GE_U"};

static bool has_v128(const bx_functype *t)
{
    for (uint32_t i = 0; i < t->nparams; i++)
        if (t->params[i] == BX_V128) return true;
    for (uint32_t i = 0; i < t->nresults; i++)
        if (t->results[i] == BX_V128) return true;
    return false;
}

/* Why the translator refuses m, or NULL. */
static const char *refuse(const bx_module *m)
{
    for (uint32_t i = 0; i < m->ntypes; i++)
        if (has_v128(&m->types[i])) return "the module uses SIMD (v128)";
    for (uint32_t i = 0; i < m->nglobals_total; i++)
        if (m->global_types[i].type == BX_V128) return "the module uses SIMD (v128)";
    for (uint32_t f = 0; f < m->nfuncs; f++) {
        const bx_func_decl *d = &m->funcs[f];
        const struct bx_code *cd = d->code;
        if (!cd) return "a function has no compiled code";
        for (uint32_t i = 0; i < d->nlocals; i++)
            if (d->locals[i] == BX_V128) return "the module uses SIMD (v128)";
        if (cd->frame_size > BXA_MAX_FRAME) return "a function has too many locals";
        for (uint32_t pc = 0; pc < cd->len;) {
            uint32_t op = cd->code[pc];
            if (op >= BXOP_COUNT_) return "unknown instruction";
            if (op == BXOP_SIMD || op == BXOP_SIMD_SHUFFLE || op == BXOP_SIMD_MEM) return "the module uses SIMD";
            if (op == BXOP_RETURN_CALL || op == BXOP_RETURN_CALL_INDIRECT)
                return "the module uses tail calls";
            pc += op == BXOP_BR_TABLE ? 4 + cd->code[pc + 2] : 1u + op_words[op];
        }
    }
    return NULL;
}

static const bx_functype *func_type(const bx_module *m, uint32_t x)
{
    return &m->types[m->func_types[x]];
}

/* the canonical index of type ty (rt.c's ai->canon, instance.c's f->type) */
static uint32_t canon_type(const bx_module *m, uint32_t ty)
{
    return m->type_canon ? m->type_canon[ty] : ty;
}

/* comma-separated argument list rA, rA+1, ... (n of them) */
static void args(sbuf *b, uint32_t a, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) put(b, ", r%u", a + i);
}

static void slot_call(sbuf *b, const bx_functype *t, uint32_t a, const char *callexpr)
{
    uint32_t n = t->nparams > t->nresults ? t->nparams : t->nresults;
    put(b, "{ uint64_t s_[%u];", n ? n : 1);
    for (uint32_t i = 0; i < t->nparams; i++) put(b, " s_[%u] = r%u;", i, a + i);
    put(b, " SYNC(); %s; RELOAD();", callexpr);
    for (uint32_t i = 0; i < t->nresults; i++) put(b, " r%u = s_[%u];", a + i, i);
    put(b, " }\n");
}

/* Whether the block of the loop head at pc reaches a call of an import
 * before any label, branch or other call: that call's interrupt read is
 * then the loop head's (LOOP_CALL).  Direct calls between the module's own
 * functions read no flag (the fuel slices do, prelude.h). */
static bool loop_reaches_call(const bx_module *m, const struct bx_code *cd, const uint8_t *target, uint32_t pc)
{
    const uint32_t *code = cd->code;
    for (pc += 1 + op_words[BXOP_LOOP]; pc < cd->len && !target[pc];) {
        uint32_t op = code[pc];
        if (op == BXOP_CALL) return code[pc + 1] < m->nfunc_imports;
        if (op == BXOP_BR_TABLE || op == BXOP_CALL_INDIRECT || op == BXOP_BR || op == BXOP_BR_B ||
            op == BXOP_RETURN || op == BXOP_RETURN0 || op == BXOP_RETURN1 || op == BXOP_UNREACHABLE)
            return false;
        pc += 1 + op_words[op];
    }
    return false;
}

/* An access to memory 0 made inline (guard mode: the MMU checks it). */
static bool is_mem_op(uint32_t op)
{
    return (op >= BXOP_I32_LOAD && op <= BXOP_I64_STORE32) || op == BXOP_F64_ADD_M || op == BXOP_F64_MUL_M ||
           (op >= BXOP_I32_LOAD_K && op <= BXOP_I32_STORE16_K) || (op >= BXOP_I32_LOAD_R && op <= BXOP_I32_STORE16_R);
}

static bool is32(bx_valtype t) { return t == BX_I32 || t == BX_F32; }

/* Which slots of the function may be C uint32_t: those every write of
 * which is a value below 2^32 (an i32 or f32 result, a compare, a constant
 * that fits; a parameter declared i32/f32).  The interpreter keeps such
 * values zero-extended in its 64-bit slot, and every reader of a slot
 * converts it to what it reads (U32, S32, f32of, or the full word), so a
 * uint32_t holds the same value and gcc knows its upper half is zero (no
 * zero-extensions).  A write the analysis does not know makes its slot
 * 64-bit (w64[N] = 1): unknown means wide. */
static void slot_widths(const bx_module *m, const bx_func_decl *fd, const struct bx_code *cd, uint8_t *w64)
{
    const uint32_t *code = cd->code;
    const bx_functype *ft = func_type(m, m->nfunc_imports + (uint32_t)(fd - m->funcs));
    for (uint32_t i = 0; i < cd->nparams && i < ft->nparams; i++)
        if (!is32(ft->params[i])) w64[i] = 1;
    for (uint32_t i = cd->nlocals; i < cd->nlocals + cd->nconsts && i < cd->frame_size; i++)
        if (code[cd->len + 2 * (i - cd->nlocals) + 1]) w64[i] = 1;
    for (bool changed = true; changed;) {
        changed = false;
#define WIDE(slot, wide) do { uint32_t s_ = (slot); \
        if ((wide) && s_ < cd->frame_size && !w64[s_]) { w64[s_] = 1; changed = true; } } while (0)
        for (uint32_t pc = 0; pc < cd->len;) {
            uint32_t op = code[pc];
            const uint32_t *o = code + pc + 1;
            uint32_t w = op == BXOP_BR_TABLE ? 2 + o[1] + 1 : op_words[op];
            const char *n = op_name[op];
            if (op == BXOP_CALL || op == BXOP_CALL_INDIRECT) {
                const bx_functype *t = op == BXOP_CALL ? func_type(m, o[0]) : &m->types[o[0]];
                uint32_t a = op == BXOP_CALL ? o[1] : o[3];
                for (uint32_t i = 0; i < t->nresults; i++) WIDE(a + i, !is32(t->results[i]));
            } else if (op == BXOP_COPY) {
                WIDE(o[0], o[1] >= cd->frame_size || w64[o[1]]);
            } else if (op == BXOP_COPY2) {
                WIDE(o[0], o[1] >= cd->frame_size || w64[o[1]]);
                WIDE(o[2], o[3] >= cd->frame_size || w64[o[3]]);
            } else if (op == BXOP_SELECT) {
                WIDE(o[0], o[2] >= cd->frame_size || o[3] >= cd->frame_size || w64[o[2]] || w64[o[3]]);
            } else if (op == BXOP_CONST32 || op == BXOP_MEMORY_SIZE || op == BXOP_REF_IS_NULL ||
                       (op >= BXOP_ADD_BR_EQ && op <= BXOP_ADDK_BR_GE_U_K) ||
                       (op >= BXOP_I64_EQZ && op <= BXOP_I64_GE_U) || (op >= BXOP_F32_EQ && op <= BXOP_F64_GE)) {
                /* written, below 2^32 */
            } else if (op == BXOP_CONST64) {
                WIDE(o[0], o[2] != 0);
            } else if (op == BXOP_GLOBAL_GET) {
                WIDE(o[0], o[1] >= m->nglobals_total || !is32(m->global_types[o[1]].type));
            } else if (strncmp(n, "BR", 2) == 0 || strstr(n, "STORE") || op == BXOP_RETURN1 ||
                       op == BXOP_RETURN || op == BXOP_RETURN0 || op == BXOP_MEMORY_COPY ||
                       op == BXOP_MEMORY_FILL || op == BXOP_MEMORY_INIT || op == BXOP_GLOBAL_SET ||
                       op == BXOP_TABLE_SET || op == BXOP_TABLE_FILL || op == BXOP_TABLE_COPY ||
                       op == BXOP_TABLE_INIT || op == BXOP_ELEM_DROP || op == BXOP_DATA_DROP ||
                       op == BXOP_MMEMORY_INIT || op == BXOP_MMEMORY_COPY || op == BXOP_MMEMORY_FILL ||
                       op == BXOP_FUEL || op == BXOP_LOOP || op == BXOP_UNREACHABLE) {
                /* writes no slot */
            } else if ((strncmp(n, "I32_", 4) == 0 || strncmp(n, "F32_", 4) == 0) && w >= 1) {
                /* an i32/f32 result in o[0] (loads, numeric, _K/_R forms) */
            } else if ((strncmp(n, "I64_", 4) == 0 || strncmp(n, "F64_", 4) == 0) && w >= 1) {
                WIDE(o[0], 1);   /* an i64/f64 result in o[0] */
            } else {
                /* anything else: every slot operand it names may be written wide */
                for (uint32_t i = 0; i < w && i < 5; i++) WIDE(o[i], 1);
                if (w > 0) WIDE(o[0], 1);
            }
#undef WIDE
            pc += 1 + w;
        }
    }
    /* except the address operands of memory accesses: gcc forgets that a
     * 32-bit variable's upper half is zero across a loop's back edge and
     * zero-extends it before each access, while it keeps a 64-bit slot
     * written by a 32-bit operation as one register (measured: matmul,
     * sha256 and cmark run fewer instructions so, sieve and strhash more) */
    for (uint32_t pc = 0; pc < cd->len;) {
        uint32_t op = code[pc];
        const uint32_t *o = code + pc + 1;
        uint32_t w = op == BXOP_BR_TABLE ? 2 + o[1] + 1 : op_words[op];
        if (is_mem_op(op)) {
            /* loads: d a ...; F64_ADD_M/MUL_M: d a b off (b the address);
             * stores: a b ... */
            uint32_t a = op == BXOP_F64_ADD_M || op == BXOP_F64_MUL_M ? o[2]
                         : strstr(op_name[op], "STORE")            ? o[0]
                                                                    : o[1];
            if (a < cd->frame_size) w64[a] = 1;
        }
        pc += 1 + w;
    }
}


static void emit_func(sbuf *b, const bx_module *m, uint32_t k, const char *px, int guard)
{
    const bx_func_decl *fd = &m->funcs[k];
    const struct bx_code *cd = fd->code;
    const uint32_t *code = cd->code;
    const uint32_t nfi = m->nfunc_imports;
    uint8_t *target = calloc((size_t)cd->len + 1, 1);
    if (!target) {
        b->bad = true;
        return;
    }
    /* pass 1: branch targets */
    for (uint32_t pc = 0; pc < cd->len;) {
        uint32_t op = code[pc];
        const uint32_t *o = code + pc + 1;
        uint32_t w = op == BXOP_BR_TABLE ? 2 + o[1] + 1 : op_words[op];
        uint32_t t = UINT32_MAX;
        if (op == BXOP_BR_TABLE) {
            for (uint32_t i = 0; i <= o[1]; i++)
                if (o[2 + i] <= cd->len) target[o[2 + i]] = 1;
        } else if (op == BXOP_BR || op == BXOP_BR_B) {
            t = o[0];
        } else if ((op >= BXOP_BR_IF && op <= BXOP_BR_I64_NEZ_B) ||
                   (op >= BXOP_ADD_BR_EQ && op <= BXOP_ADDK_BR_GE_U_K)) {
            t = o[w - 1];
        }
        if (t != UINT32_MAX && t <= cd->len) target[t] = 1;
        pc += 1 + w;
    }

    const bx_functype *ft = func_type(m, nfi + k);
    uint8_t *w64 = calloc((size_t)cd->frame_size + 1, 1);
    if (!w64) {
        free(target);
        b->bad = true;
        return;
    }
    slot_widths(m, fd, cd, w64);
    put(b, "static bxa_ret %sf%u(bxa_ctx *c, FU_PARAM const int64_t vr_, const int64_t dr_", px, k);
    for (uint32_t i = 0; i < cd->nparams; i++) put(b, ", uint64_t a%u", i);
    put(b, ")\n{\n");
    for (uint32_t i = 0; i < cd->frame_size; i++) {
        uint64_t v = 0;
        if (i >= cd->nlocals && i < cd->nlocals + cd->nconsts) {
            const uint32_t *cw = code + cd->len + 2 * (i - cd->nlocals);
            v = (uint64_t)cw[0] | (uint64_t)cw[1] << 32;
        }
        if (i < cd->nparams) put(b, "%suint%d_t r%u = a%u;%s", i % 8 ? " " : "    ", w64[i] ? 64 : 32, i, i,
                                 i % 8 == 7 ? "\n" : "");
        else put(b, "%suint%d_t r%u = 0x%llxull;%s", i % 8 ? " " : "    ", w64[i] ? 64 : 32, i,
                 (unsigned long long)v, i % 8 == 7 ? "\n" : "");
    }
    free(w64);
    put(b, "\n    uint8_t *mb = *c->mbase; const uint64_t *const msp_ = c->msize; uint64_t ms = *msp_;\n");
    bool calls = false, mem = false;
    for (uint32_t pc = 0; pc < cd->len; pc += 1 + (code[pc] == BXOP_BR_TABLE ? 3 + code[pc + 2] : op_words[code[pc]])) {
        uint32_t op = code[pc];
        if (op == BXOP_CALL || op == BXOP_CALL_INDIRECT) calls = true;
        if (is_mem_op(op)) mem = true;
    }
    /* fp_ only where GSYNC needs it: a local that lives across the function */
    if (guard && mem) put(b, "    int64_t *const fp_ = c->fuel;\n");
    put(b, "    (void)mb; (void)ms; (void)msp_;\n    ENTER(%uu);%s\n",
        cd->frame_size, calls || cd->frame_size > BXA_LEAF_FRAME ? " ENTER_SP();" : "");
    /* the globals this function uses, their value words' addresses in
     * locals (one load per access instead of two) */
    uint8_t *gused = calloc((size_t)m->nglobals_total + 1, 1);
    if (!gused) {
        free(target);
        b->bad = true;
        return;
    }
    for (uint32_t pc = 0; pc < cd->len; pc += 1 + (code[pc] == BXOP_BR_TABLE ? 3 + code[pc + 2] : op_words[code[pc]])) {
        uint32_t op = code[pc];
        uint32_t g = op == BXOP_GLOBAL_GET ? code[pc + 2] : op == BXOP_GLOBAL_SET ? code[pc + 1] : UINT32_MAX;
        if (g < m->nglobals_total && !gused[g]) {
            gused[g] = 1;
            put(b, "    uint64_t *const g%u_ = c->globals[%u];\n", g, g);
        }
    }
    free(gused);
    bool intr_fresh = false;   /* the flag was read since the last label or call */
    /* guard mode: a memory access may trap from the signal handler, which
     * cannot see fu, so the store's counter must hold the value the
     * interpreter would have (the block's charge) before each access; one
     * SYNC after each change of fu covers the accesses that follow */
    bool synced = false;

    for (uint32_t pc = 0; pc < cd->len && !b->bad;) {
        uint32_t op = code[pc];
        const uint32_t *o = code + pc + 1;
        uint32_t w = op == BXOP_BR_TABLE ? 2 + o[1] + 1 : op_words[op];
        if (target[pc]) {
            put(b, "L%u:;\n", pc);
            intr_fresh = false;
            synced = false;
        }
        put(b, "    ");
        bool keep_sync = false;
        switch (op) {
        case BXOP_UNREACHABLE: put(b, "TRAP(BX_TRAP_UNREACHABLE);\n"); break;
        case BXOP_COUNT_: put(b, "TRAP(BX_TRAP_UNREACHABLE);\n"); break;
        case BXOP_FUEL: put(b, "FUEL(%u);\n", o[0]); break;
        case BXOP_LOOP:
            intr_fresh = loop_reaches_call(m, cd, target, pc);
            put(b, "%s(%u);\n", intr_fresh ? "LOOP_CALL" : "LOOP", o[0]);
            break;
        case BXOP_BR: case BXOP_BR_B: put(b, "goto L%u;\n", o[0]); break;
        case BXOP_BR_IF: case BXOP_BR_IF_B: put(b, "if ((uint32_t)r%u != 0) goto L%u;\n", o[0], o[1]); break;
        case BXOP_BR_UNLESS: case BXOP_BR_UNLESS_B:
            put(b, "if ((uint32_t)r%u == 0) goto L%u;\n", o[0], o[1]);
            break;
        case BXOP_BR_I64_EQZ: case BXOP_BR_I64_EQZ_B: put(b, "if (r%u == 0) goto L%u;\n", o[0], o[1]); break;
        case BXOP_BR_I64_NEZ: case BXOP_BR_I64_NEZ_B: put(b, "if (r%u != 0) goto L%u;\n", o[0], o[1]); break;
        case BXOP_BR_TABLE:
            /* an index past the last case takes the default, as br_table's
             * last label: one range check (a clamp first cost gcc a compare
             * and a cmov more at every dispatch of an interpreter loop) */
            put(b, "switch ((uint32_t)r%u) {", o[0]);
            for (uint32_t i = 0; i < o[1]; i++) put(b, " case %u: goto L%u;", i, o[2 + i]);
            put(b, " default: goto L%u; }\n", o[2 + o[1]]);
            break;
        case BXOP_RETURN0: put(b, "RET(0);\n"); break;
        case BXOP_RETURN1: put(b, "RET(r%u);\n", o[0]); break;
        case BXOP_RETURN:
            put(b, "{");
            for (uint32_t i = 1; i < o[0]; i++) put(b, " c->mv[%u] = r%u;", i - 1, o[1] + i);
            if (o[0]) put(b, " RET(r%u); }\n", o[1]);
            else put(b, " RET(0); }\n");
            break;
        case BXOP_CALL: {
            uint32_t x = o[0], a = o[1];
            const bx_functype *t = func_type(m, x);
            if (x < nfi) {
                char e[64];
                snprintf(e, sizeof e, "c->rt->call(c, %uu, s_)", x);
                put(b, "%sARGS_AT(%u); ", intr_fresh ? "" : "INTR(); ", a);
                intr_fresh = false;
                slot_call(b, t, a, e);
                break;
            }
            /* no read of the flag: the callee's entry charge is a slice
             * check (prelude.h), so a recursion or a loop of calls still
             * reads it at least every BXA_ICHK units of fuel */
            put(b, "{ bxa_ret q_ = %sf%u(c, FU_ARG vr_ - %u, dr_ - 1", px, x - nfi, a);
            args(b, a, t->nparams);
            put(b, "); CALL_FU(q_);");
            if (t->nresults) put(b, " r%u = RETV(q_);", a);
            for (uint32_t i = 1; i < t->nresults; i++) put(b, " r%u = c->mv[%u];", a + i, i - 1);
            put(b, " ms = *msp_; }\n");
            break;
        }
        case BXOP_CALL_INDIRECT: {
            const bx_functype *t = &m->types[o[0]];
            char e[96];
            if (o[1] == 0) {
                /* inline: a function of this binding of the site's type
                 * (prelude.h IND_OK), else the runtime as below */
                put(b, "{ uint64_t p_; uint32_t k_; if (IND_OK((uint32_t)r%u, p_, k_, %sftc_, %uu)) {\n", o[2], px,
                    canon_type(m, o[0]));
                put(b, "    bxa_ret q_ = ((bxa_ret (*)(bxa_ctx *, FU_PARAM int64_t, int64_t");
                for (uint32_t i = 0; i < t->nparams; i++) put(b, ", uint64_t");
                put(b, "))%sfptr_[k_])(c, FU_ARG vr_ - %u, dr_ - 1", px, o[3]);
                args(b, o[3], t->nparams);
                put(b, "); CALL_FU(q_);");
                if (t->nresults) put(b, " r%u = RETV(q_);", o[3]);
                for (uint32_t i = 1; i < t->nresults; i++) put(b, " r%u = c->mv[%u];", o[3] + i, i - 1);
                put(b, " ms = *msp_;\n    } else { ");
            }
            snprintf(e, sizeof e, "c->rt->call_indirect(c, %uu, %uu, (uint32_t)r%u, s_)", o[1], o[0], o[2]);
            put(b, "ARGS_AT(%u); ", o[3]);
            intr_fresh = false;
            slot_call(b, t, o[3], e);
            if (o[1] == 0) put(b, "    } }\n");
            break;
        }
        case BXOP_GLOBAL_GET: put(b, "r%u = *g%u_;\n", o[0], o[1]); break;
        case BXOP_GLOBAL_SET: put(b, "*g%u_ = r%u;\n", o[0], o[1]); break;
        case BXOP_REF_FUNC: put(b, "r%u = (uint64_t)(uintptr_t)c->funcs[%u];\n", o[0], o[1]); break;
#define SLOW(d, i, j, x, y, z)                                                                  \
    put(b, "SYNC(); %s%s%sc->rt->slow(c, %uu, %uu, %uu, %s, %s, %s); RELOAD();\n", d ? "r" : "",   \
        d ? d : "", d ? " = " : "", op, i, j, x, y, z)
        default: {
            /* slow ops: operands as text */
            char s[5][24];
            for (uint32_t i = 0; i < 5 && i < w; i++) snprintf(s[i], sizeof s[i], "r%u", o[i]);
            char k[5][24];
            for (uint32_t i = 0; i < 5 && i < w; i++) snprintf(k[i], sizeof k[i], "%uu", o[i]);
            switch (op) {
            case BXOP_TABLE_GET: SLOW(s[0] + 1, o[1], 0, s[2], "0", "0"); goto next;
            case BXOP_TABLE_SET: SLOW(NULL, o[0], 0, s[1], s[2], "0"); goto next;
            case BXOP_TABLE_SIZE: SLOW(s[0] + 1, o[1], 0, "0", "0", "0"); goto next;
            case BXOP_TABLE_GROW: SLOW(s[0] + 1, o[1], 0, s[2], s[3], "0"); goto next;
            case BXOP_TABLE_FILL: SLOW(NULL, o[0], 0, s[1], s[2], s[3]); goto next;
            case BXOP_TABLE_COPY: case BXOP_TABLE_INIT: case BXOP_MMEMORY_INIT: case BXOP_MMEMORY_COPY:
                SLOW(NULL, o[0], o[1], s[2], s[3], s[4]);
                goto next;
            case BXOP_ELEM_DROP: case BXOP_DATA_DROP: SLOW(NULL, o[0], 0, "0", "0", "0"); goto next;
            case BXOP_MEMORY_GROW: SLOW(s[0] + 1, 0, 0, s[1], "0", "0"); goto next;
            case BXOP_MEMORY_INIT: SLOW(NULL, o[0], 0, s[1], s[2], s[3]); goto next;
            /* inline when the runtime could do nothing else (prelude.h's
             * MEMORY_COPY_F), else the same slow call */
            case BXOP_MEMORY_COPY: case BXOP_MEMORY_FILL:
                put(b, "%s(%s, %s, %s, %uu);\n", op == BXOP_MEMORY_COPY ? "MEMORY_COPY_F" : "MEMORY_FILL_F", s[0],
                    s[1], s[2], op);
                goto next;
            case BXOP_MLOAD: SLOW(s[0] + 1, o[3], o[4], s[1], k[2], "0"); goto next;
            case BXOP_MSTORE: SLOW(NULL, o[3], o[4], s[0], s[1], k[2]); goto next;
            case BXOP_MMEMORY_SIZE: SLOW(s[0] + 1, o[1], 0, "0", "0", "0"); goto next;
            case BXOP_MMEMORY_GROW: SLOW(s[0] + 1, o[2], 0, s[1], "0", "0"); goto next;
            case BXOP_MMEMORY_FILL: SLOW(NULL, o[0], 0, s[1], s[2], s[3]); goto next;
            default: break;
            }
            keep_sync = true;   /* nothing below changes fu */
            /* compare-and-branch, and its loop back-edge twin (the target is
             * the loop's OP_LOOP, so the goto charges its fuel as BACK_TAKEN) */
            if ((op >= BXOP_BR_I32_EQ && op <= BXOP_BR_I32_GE_U_K) ||
                (op >= BXOP_BR_I32_EQ_B && op <= BXOP_BR_I32_GE_U_K_B)) {
                uint32_t r = op <= BXOP_BR_I32_GE_U_K ? op - BXOP_BR_I32_EQ : op - BXOP_BR_I32_EQ_B;
                if (r < 10) put(b, "if (C_%s(r%u, r%u)) goto L%u;\n", cc_name[r], o[0], o[1], o[2]);
                else put(b, "if (C_%s(r%u, %uu)) goto L%u;\n", cc_name[r - 10], o[0], o[1], o[2]);
                goto next;
            }
            if (op >= BXOP_ADD_BR_EQ && op <= BXOP_ADDK_BR_GE_U_K) {
                uint32_t r = op - BXOP_ADD_BR_EQ, v = r % 4;
                char bb[24], cc[24];
                snprintf(bb, sizeof bb, v < 2 ? "r%u" : "%uu", o[2]);
                snprintf(cc, sizeof cc, v % 2 == 0 ? "r%u" : "%uu", o[3]);
                put(b, "r%u = (uint32_t)((uint32_t)r%u + (uint32_t)%s); if (C_%s(r%u, %s)) goto L%u;\n", o[0],
                    o[1], bb, cc_name[r / 4], o[0], cc, o[4]);
                goto next;
            }
            /* generic: NAME(operands), slots as rN, immediates as numbers */
            const char *kinds;
            if (op >= BXOP_I32_LOAD && op <= BXOP_I64_STORE32) kinds = "ssk";
            else if (op == BXOP_MEMORY_SIZE) kinds = "s";
            else if (op == BXOP_CONST32) kinds = "sk";
            else if (op == BXOP_CONST64) kinds = "skk";
            else if (op == BXOP_I64_ADD_K) kinds = "sskk";
            else if (op == BXOP_F64_ADD_M || op == BXOP_F64_MUL_M) kinds = "sssk";
            else if (op == BXOP_SELECT || op == BXOP_COPY2) kinds = "ssss";
            else if (op == BXOP_COPY || op == BXOP_REF_IS_NULL) kinds = "ss";
            else if (op >= BXOP_I32_EQZ && op <= BXOP_I64_TRUNC_SAT_F64_U) kinds = w == 2 ? "ss" : "sss";
            else if ((op >= BXOP_I32_ADD_K && op <= BXOP_I32_MUL_K) || op == BXOP_I32_ROTL_K ||
                     op == BXOP_I32_ROTR_K)
                kinds = "ssk";
            else if (op >= BXOP_I32_ADD_ROTL_K && op <= BXOP_I32_AND_SHR_U_K) kinds = "sssk";
            else if (op >= BXOP_I32_LOAD_K && op <= BXOP_I32_STORE16_K) kinds = "sskk";
            else if (op >= BXOP_I32_LOAD_R && op <= BXOP_I32_STORE16_R) kinds = "sssk";
            else {
                put(b, "#error unknown op %u\n", op);
                b->bad = true;
                goto next;
            }
            if (strlen(kinds) != w) {
                put(b, "#error operand count of op %u\n", op);
                b->bad = true;
                goto next;
            }
            if (guard && is_mem_op(op) && !synced) {
                put(b, "GSYNC(); ");
                synced = true;
            }
            put(b, "%s(", op_name[op]);
            for (uint32_t i = 0; i < w; i++)
                put(b, kinds[i] == 's' ? "%sr%u" : "%s%uu", i ? ", " : "", o[i]);
            put(b, ");\n");
            break;
        }
        }
    next:
        if (!keep_sync) synced = false;
        pc += 1 + w;
    }
    if (target[cd->len]) put(b, "L%u:;\n", cd->len);
    /* the compiled code always ends in a return; this keeps C happy */
    put(b, "    RET(0);\n}\n\n");
    (void)ft;
    free(target);
}
#undef SLOW

static void emit_trap_names(sbuf *b)
{
    static const struct { const char *n; int v; } t[] = {
        {"BX_TRAP_NONE", BX_TRAP_NONE}, {"BX_TRAP_UNREACHABLE", BX_TRAP_UNREACHABLE},
        {"BX_TRAP_MEMORY_OOB", BX_TRAP_MEMORY_OOB}, {"BX_TRAP_DIV_ZERO", BX_TRAP_DIV_ZERO},
        {"BX_TRAP_INT_OVERFLOW", BX_TRAP_INT_OVERFLOW}, {"BX_TRAP_INVALID_CONV", BX_TRAP_INVALID_CONV},
        {"BX_TRAP_STACK_EXHAUSTED", BX_TRAP_STACK_EXHAUSTED},
        {"BX_TRAP_INTERRUPTED", BX_TRAP_INTERRUPTED},
    };
    put(b, "typedef int bx_trap;\n");
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) put(b, "#define %s %d\n", t[i].n, t[i].v);
}

/* Bump when the emitter's output changes; the pasted texts are hashed. */
#define BXA_EMIT_VERSION 15u

uint64_t bxa_translator_id(void)
{
    /* the engine's constants the text is made with (emit_all) */
    const uint32_t k[4] = {BX_FUEL_BYTES, BX_WORK_CHUNK, (uint32_t)offsetof(bx_func, aot_data),
                           (uint32_t)offsetof(bx_func, index)};
    uint64_t h = bxe_hash64(k, sizeof k, BXA_EMIT_VERSION);
    h = bxe_hash64(abi_text, sizeof abi_text, h);
    h = bxe_hash64(numeric_text, sizeof numeric_text, h);
    return bxe_hash64(prelude_text, sizeof prelude_text, h);
}

/* Everything of m after the shared head: its functions, wrappers and the
 * exported table, every name prefixed with px ("" for a module alone). */
static void emit_module(sbuf *b, const bx_module *m, const char *px, int guard)
{
    for (uint32_t k = 0; k < m->nfuncs; k++) {
        const struct bx_code *cd = m->funcs[k].code;
        put(b, "static bxa_ret %sf%u(bxa_ctx *, FU_PARAM int64_t, int64_t", px, k);
        for (uint32_t i = 0; i < cd->nparams; i++) put(b, ", uint64_t");
        put(b, ");\n");
    }
    /* for call_indirect's inline path: each function's canonical type
     * index and its C code */
    put(b, "static const uint32_t %sftc_[] = {", px);
    for (uint32_t k = 0; k < m->nfuncs; k++)
        put(b, "%s%uu,", k % 16 ? " " : "\n    ", canon_type(m, m->func_types[m->nfunc_imports + k]));
    put(b, " 0};\nstatic const bxa_anyfn %sfptr_[] = {", px);
    for (uint32_t k = 0; k < m->nfuncs; k++) put(b, "%s(bxa_anyfn)%sf%u,", k % 8 ? " " : "\n    ", px, k);
    put(b, " 0};\n");
    for (uint32_t k = 0; k < m->nfuncs && !b->bad; k++) emit_func(b, m, k, px, guard);
    /* the slot-convention wrappers and the exported table */
    for (uint32_t k = 0; k < m->nfuncs; k++) {
        const struct bx_code *cd = m->funcs[k].code;
        /* ENTER_SP here too: a leaf skips its own check, which assumes a
         * caller that passed it, and a host function re-entering compiled
         * code may already be below the floor */
        put(b, "static void %sw%u(bxa_ctx *c, uint64_t *s)\n{\n    WRAP_BEGIN();\n    ENTER_SP();\n"
                "    bxa_ret r = %sf%u(c, FU_ARG (int64_t)(c->vslots - c->vbase),\n"
                "        (int64_t)c->max_depth - (int64_t)c->depth - 1", px, k, px, k);
        for (uint32_t i = 0; i < cd->nparams; i++) put(b, ", s[%u]", i);
        put(b, ");\n    WRAP_DONE(r);\n");
        if (cd->nresults) put(b, "    s[0] = RETV(r);\n");
        for (uint32_t i = 1; i < cd->nresults; i++) put(b, "    s[%u] = c->mv[%u];\n", i, i - 1);
        put(b, "}\n");
    }
    put(b, "__attribute__((visibility(\"default\"))) const bxa_wrap_fn %s" BXA_SYM_FUNCS "[] = {", px);
    for (uint32_t k = 0; k < m->nfuncs; k++) put(b, "%s%sw%u,", k % 16 ? " " : "\n    ", px, k);
    put(b, " 0};\n");
    put(b, "__attribute__((visibility(\"default\"))) const uint64_t %s" BXA_SYM_INFO "[2] = {%uu, %uu};\n",
        px, BXA_ABI_VERSION, m->nfuncs);
}

static char *emit_all(const bx_module *const *ms, size_t n, int batch, int guard, size_t *len, char *why,
                      size_t cap)
{
    for (size_t i = 0; i < n; i++) {
        const char *r = refuse(ms[i]);
        if (r) {
            snprintf(why, cap, "%s", r);
            return NULL;
        }
    }
    sbuf b = {0};
    b.cap = 1 << 16;
    if (!(b.p = malloc(b.cap))) {
        snprintf(why, cap, "out of memory");
        return NULL;
    }
    b.p[0] = '\0';
    put(&b, "/* generated by boxagnts (src/aot/emit.c) */\n");
    put(&b, "#include <stdint.h>\n#include <string.h>\n#include <math.h>\n");
    emit_trap_names(&b);
    /* the engine's bulk-memory constants, from its own header */
    put(&b, "%s\n%s\n#define BXA_GUARD %d\n#define BXA_FUEL_BYTES %uu\n#define BXA_WORK_CHUNK %uu\n"
        "#define BXA_OFF_AOT %uu\n#define BXA_OFF_INDEX %uu\n%s\n", abi_text, numeric_text, guard ? 1 : 0,
        (unsigned)BX_FUEL_BYTES, (unsigned)BX_WORK_CHUNK, (unsigned)offsetof(bx_func, aot_data),
        (unsigned)offsetof(bx_func, index), prelude_text);
    for (size_t i = 0; i < n && !b.bad; i++) {
        char px[32] = "";
        if (batch) snprintf(px, sizeof px, BXA_BATCH_PREFIX, i);
        emit_module(&b, ms[i], px, guard);
    }
    if (b.bad) {
        free(b.p);
        snprintf(why, cap, "the C text could not be made (out of memory or over %zu MiB)",
                 BXA_MAX_TEXT >> 20);
        return NULL;
    }
    *len = b.len;
    return b.p;
}

char *bxa_emit(const bx_module *m, size_t *len, char *why, size_t cap)
{
    return emit_all(&m, 1, 0, 0, len, why, cap);
}

char *bxa_emit_mode(const bx_module *m, int guard, size_t *len, char *why, size_t cap)
{
    return emit_all(&m, 1, 0, guard, len, why, cap);
}

char *bxa_emit_batch(const bx_module *const *ms, size_t n, int guard, size_t *len, char *why, size_t cap)
{
    return emit_all(ms, n, 1, guard, len, why, cap);
}

const char *bxa_refuses(const bx_module *m)
{
    return refuse(m);
}
