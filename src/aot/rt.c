/*
 * rt.c — the compiled tier's runtime: binding a loaded shared object to an
 * instance, the entry point every call into a bound function goes through,
 * and the out-of-line operations of the generated code (bxa_rt in abi.h).
 *
 * Traps leave through one exit: the entry point's setjmp; rt_trap longjmps
 * there with the trap kind after the generated code has stored its fuel.
 * Nothing is skipped by the jump that needs undoing: the generated code
 * holds no resources, and the call depth is restored by the entry point.
 * Re-entry (a host function calling back into wasm) nests entry points,
 * each with its own jump buffer, bounded as the interpreter's (s->depth).
 *
 * Stack: the wasm call depth is counted against the interpreter's frame
 * cap for the same --max-stack, and every generated function also checks
 * its C frame address against a floor below which it may not go, so deep
 * recursion traps "call stack exhausted" instead of overflowing the
 * thread's stack (the floor keeps BXA_STACK_RESERVE bytes for host calls).
 *
 * Guard regions: when memory 0 is reserved over BXE_GUARD_SPAN (store.c)
 * and the object was compiled in guard mode, the generated code makes no
 * bounds checks: every address it can form lies in the reservation, and
 * the pages past the memory's size are PROT_NONE.  A fault there reaches
 * on_fault (SIGSEGV/SIGBUS, installed once per process on an alternate
 * stack per thread), which turns it into BX_TRAP_MEMORY_OOB only when the
 * faulting thread is running generated code (tl.in_code, cleared around
 * every runtime and host call) of a binding whose reservation holds the
 * faulting address; anything else goes to the handler that was there
 * before, or to the default action (a host bug still crashes).  All state
 * is per thread (tl); the only process-wide state is the handler and the
 * previous actions, written once.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "abi.h"
#include "aot.h"
#include "code.h"
#include "module.h"
#include "runtime.h"

#define BXA_MAX_REENTRY 8u              /* as interp.c's BX_MAX_REENTRY */
#define BXA_STACK_RESERVE (256u << 10)  /* C stack left to host calls and libc */

/* A per-module part lives in build.c (the dlopen handle and the table). */
const bxa_wrap_fn *bxa_module_funcs(const bxa_module *am, const bx_module *m, uint32_t *n);

struct bxa_inst {
    bxa_ctx ctx;
    bx_store *s;
    bx_instance *inst;
    const bxa_wrap_fn *wrap;
    uint32_t nwrap;
    jmp_buf *jb;                /* innermost entry point */
    pthread_t stack_tid;        /* the thread stack_base describes */
    uintptr_t stack_floor;
    bool have_stack;
    uint8_t *null_base;
    uint64_t zero_size;
    uint64_t *null_elems;       /* table 0 of a module without tables */
    uint32_t zero_tsize;
    uint64_t **gvals;
    uint64_t *mv;
    bool guard;                 /* compiled without bounds checks */
    uintptr_t glo, ghi;         /* memory 0's reservation */
    /* call_indirect's operands one load away: the instance's tables and
     * the canonical type of each type index (what bx_func.type points to) */
    bx_table **tables;
    const bx_functype **canon;
    uint8_t *cs;                /* the private C stack (see use_private), or NULL */
    size_t cs_len;
};

static inline bxa_inst *AI(bxa_ctx *c) { return (bxa_inst *)c->rt_private; }

/* ---- guard regions -------------------------------------------------------- */

typedef struct bxa_tls {
    bxa_inst *ai;               /* the binding running on this thread, or NULL */
    /* generated code of ai is running (not the runtime); volatile: the
     * clears around runtime calls must not be folded away, the handler reads it */
    volatile sig_atomic_t in_code;
    bool altstack;              /* this thread has an alternate signal stack */
    uintptr_t cs_lo;            /* running on a private C stack: its floor, else 0 */
} bxa_tls;
static _Thread_local bxa_tls tl;

static pthread_once_t guard_once = PTHREAD_ONCE_INIT;
static struct sigaction old_segv, old_bus;   /* written once, in guard_install */
static bool guard_ok;                        /* written once: the handler is in place */
static pthread_key_t alt_key;                /* frees a thread's alternate stack */

#define BXA_ALTSTACK (64u << 10)

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    bxa_inst *ai = tl.ai;
    uintptr_t a = (uintptr_t)si->si_addr;
    /* si_code > 0: a fault the kernel raised; a signal sent by kill/sigqueue
     * (si_code <= 0) carries no fault address to trust */
    if (si->si_code > 0 && ai && tl.in_code && ai->guard && a >= ai->glo && a < ai->ghi) {
        tl.in_code = 0;
        /* the code keeps the counter biased, in r15 or stored (abi.h) */
#if defined(__x86_64__)
        if (ai->ctx.fureg) *ai->ctx.fuel = (int64_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_R15];
#endif
        *ai->ctx.fuel += ai->ctx.fbias;
        /* SA_NODEFER: the signal is not blocked here, so the jump leaves
         * the mask as it was */
        longjmp(*ai->jb, BX_TRAP_MEMORY_OOB);
    }
    const struct sigaction *o = sig == SIGBUS ? &old_bus : &old_segv;
    if (o->sa_flags & SA_SIGINFO) {
        o->sa_sigaction(sig, si, uc);
        return;
    }
    if (o->sa_handler != SIG_DFL && o->sa_handler != SIG_IGN) {
        o->sa_handler(sig);
        return;
    }
    /* not ours: the default action, by faulting again on return; a sent
     * signal does not recur, so it is raised again (else the handler would
     * be gone for good and later guest faults would kill the process) */
    struct sigaction d;
    memset(&d, 0, sizeof d);
    d.sa_handler = SIG_DFL;
    sigemptyset(&d.sa_mask);
    sigaction(sig, &d, NULL);
    if (si->si_code <= 0) raise(sig);
}

static void alt_free(void *p)
{
    stack_t ss = {.ss_flags = SS_DISABLE};
    sigaltstack(&ss, NULL);
    free(p);
}

static void guard_install(void)
{
    if (pthread_key_create(&alt_key, alt_free) != 0) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, &old_segv) != 0) return;
    if (sigaction(SIGBUS, &sa, &old_bus) != 0) {
        sigaction(SIGSEGV, &old_segv, NULL);
        return;
    }
    guard_ok = true;
}

/* The handler in place and an alternate stack on this thread (the
 * thread's own if it has one). */
static bool guard_ready(void)
{
    pthread_once(&guard_once, guard_install);
    if (!guard_ok) return false;
    if (tl.altstack) return true;
    stack_t cur;
    if (sigaltstack(NULL, &cur) != 0) return false;
    if (!(cur.ss_flags & SS_DISABLE)) {
        tl.altstack = true;
        return true;
    }
    /* without one (out of memory) the handler still runs on the thread's
     * stack: the generated code never takes the last BXA_STACK_RESERVE */
    void *p = malloc(BXA_ALTSTACK);
    if (!p) return true;
    stack_t ss = {.ss_sp = p, .ss_size = BXA_ALTSTACK, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0 || pthread_setspecific(alt_key, p) != 0) {
        ss.ss_flags = SS_DISABLE;
        sigaltstack(&ss, NULL);
        free(p);
        return true;
    }
    tl.altstack = true;
    return true;
}

/* Could a memory made now get a guard region?  (Address space left under
 * RLIMIT_AS; the handler can be installed.)  The answer picks the variant
 * of the compiled code before the instance exists. */
int bxa_guard_available(void)
{
    if (!bxe_guard_enabled()) return 0;
    pthread_once(&guard_once, guard_install);
    if (!guard_ok) return 0;
    void *p = mmap(NULL, BXE_GUARD_SPAN, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return 0;
    munmap(p, BXE_GUARD_SPAN);
    return 1;
}

/* Around runtime code called from generated code: a fault there is not the
 * guest's. */
#define RT_BEGIN() int in_code_ = tl.in_code; tl.in_code = 0
#define RT_END() (tl.in_code = in_code_)

static _Noreturn void rt_trap(bxa_ctx *c, int k)
{
    tl.in_code = 0;
    longjmp(*AI(c)->jb, k);
}

static int64_t rt_out_of_fuel(bxa_ctx *c)
{
    bx_store *s = AI(c)->s;
    if (s->fuel_limited) {
        s->fuel = 0;
        rt_trap(c, BX_TRAP_FUEL_EXHAUSTED);
    }
    return INT64_MAX;
}

static inline bool interrupted(bx_store *s)
{
    return atomic_load_explicit(&s->interrupt, memory_order_relaxed) != 0;
}

/* Charge bulk work up front, as interp.c's CHARGE (s->fuel is synced). */
static void charge(bxa_ctx *c, uint64_t units)
{
    bx_store *s = AI(c)->s;
    if (units > (uint64_t)s->fuel) {
        if (s->fuel_limited) {
            s->fuel = 0;
            rt_trap(c, BX_TRAP_FUEL_EXHAUSTED);
        }
        s->fuel = INT64_MAX;
    }
    s->fuel -= (int64_t)units;
}


#define ELEM_UNITS(n) bx_fuel_for_bytes((uint64_t)(n) * sizeof(uint64_t))
#define TRAP(k) rt_trap(c, (k))

/* A host function, as interp.c's CALL_HOST: the caller's memory 0 in the
 * call record, fuel live in the store. */
static void call_func(bxa_ctx *c, bx_func *callee, uint64_t *sl)
{
    bxa_inst *ai = AI(c);
    bx_store *s = ai->s;
    bx_trap t;
    if (callee->host) {
        bx_instance *inst = ai->inst;
        bx_memory *mem0 = inst->module->nmems_total ? inst->mems[0] : NULL;
        bx_hostcall hc = {s, inst, mem0 ? mem0->data : NULL, mem0 ? mem0->size : 0, callee->user};
        t = callee->host(&hc, sl);
    } else if (callee->inst == ai->inst && callee->index < ai->nwrap) {
        tl.in_code = ai->guard;
        ai->wrap[callee->index](c, sl);    /* same instance: stay native */
        tl.in_code = 0;
        return;
    } else {
        t = bxe_interp_call(s, callee, sl);  /* another instance, bound or not */
    }
    if (t != BX_TRAP_NONE) TRAP(t);
}

static void rt_call(bxa_ctx *c, uint32_t x, uint64_t *sl)
{
    RT_BEGIN();
    call_func(c, AI(c)->inst->funcs[x], sl);
    RT_END();
}

/* The checks in interp.c's order; then a function of this binding (QuickJS's
 * function pointers, nearly every indirect call) goes straight to its
 * compiled code, anything else through call_func. */
static void rt_call_indirect(bxa_ctx *c, uint32_t tab, uint32_t ty, uint32_t e, uint64_t *sl)
{
    RT_BEGIN();
    bxa_inst *ai = AI(c);
    bx_table *t = ai->tables[tab];
    if (e >= t->size) TRAP(BX_TRAP_UNDEFINED_ELEMENT);
    bx_func *callee = (bx_func *)(uintptr_t)t->elems[e];
    if (!callee) TRAP(BX_TRAP_UNINITIALIZED);
    const bx_functype *want = ai->canon[ty];
    if (callee->type != want && !bx_functype_eq(callee->type, want)) TRAP(BX_TRAP_INDIRECT_TYPE);
    if (interrupted(ai->s)) TRAP(BX_TRAP_INTERRUPTED);
    if (callee->aot_data == ai) {   /* bxa_bind: exactly ai's defined functions */
        tl.in_code = ai->guard;
        ai->wrap[callee->index](c, sl);
        tl.in_code = in_code_;
        return;
    }
    call_func(c, callee, sl);
    RT_END();
}


static void mem_init(bxa_ctx *c, bx_memory *mx, uint32_t seg, uint32_t d, uint32_t sr, uint32_t n)
{
    bx_instance *inst = AI(c)->inst;
    const bx_data_decl *dd = &inst->module->datas[seg];
    uint64_t len = inst->data_dropped[seg] ? 0 : dd->len;
    if ((uint64_t)sr + n > len || (uint64_t)d + n > mx->size) TRAP(BX_TRAP_MEMORY_OOB);
    charge(c, bx_fuel_for_bytes(n));
    if (n && !bxe_bulk_move(AI(c)->s, mx->data + d, dd->bytes + sr, n)) TRAP(BX_TRAP_INTERRUPTED);
}

static void mem_copy(bxa_ctx *c, bx_memory *md, bx_memory *ms, uint32_t d, uint32_t sr, uint32_t n)
{
    if ((uint64_t)d + n > md->size || (uint64_t)sr + n > ms->size) TRAP(BX_TRAP_MEMORY_OOB);
    charge(c, bx_fuel_for_bytes(n));
    if (n && !bxe_bulk_move(AI(c)->s, md->data + d, ms->data + sr, n)) TRAP(BX_TRAP_INTERRUPTED);
}

static void mem_fill(bxa_ctx *c, bx_memory *mx, uint32_t d, uint8_t v, uint32_t n)
{
    if ((uint64_t)d + n > mx->size) TRAP(BX_TRAP_MEMORY_OOB);
    charge(c, bx_fuel_for_bytes(n));
    if (n && !bxe_bulk_fill(AI(c)->s, mx->data + d, v, n)) TRAP(BX_TRAP_INTERRUPTED);
}

static uint64_t slow(bxa_ctx *c, uint32_t op, uint32_t i, uint32_t j, uint64_t a, uint64_t b,
                     uint64_t d);

static uint64_t rt_slow(bxa_ctx *c, uint32_t op, uint32_t i, uint32_t j, uint64_t a, uint64_t b,
                        uint64_t d)
{
    RT_BEGIN();
    uint64_t r = slow(c, op, i, j, a, b, d);
    RT_END();
    return r;
}

static uint64_t slow(bxa_ctx *c, uint32_t op, uint32_t i, uint32_t j, uint64_t a, uint64_t b,
                     uint64_t d)
{
    bxa_inst *ai = AI(c);
    bx_store *s = ai->s;
    bx_instance *inst = ai->inst;
    switch (op) {
    case BXOP_TABLE_GET: {
        bx_table *t = inst->tables[i];
        if ((uint32_t)a >= t->size) TRAP(BX_TRAP_TABLE_OOB);
        return t->elems[(uint32_t)a];
    }
    case BXOP_TABLE_SET: {
        bx_table *t = inst->tables[i];
        if ((uint32_t)a >= t->size) TRAP(BX_TRAP_TABLE_OOB);
        t->elems[(uint32_t)a] = b;
        return 0;
    }
    case BXOP_TABLE_SIZE: return inst->tables[i]->size;
    case BXOP_TABLE_GROW: {
        bx_table *t = inst->tables[i];
        uint32_t delta = (uint32_t)b;
        if (delta <= t->max - t->size) charge(c, ELEM_UNITS(delta));
        return bxe_table_grow(s, t, delta, a);
    }
    case BXOP_TABLE_FILL: {
        bx_table *t = inst->tables[i];
        uint32_t at = (uint32_t)a, n = (uint32_t)d;
        if ((uint64_t)at + n > t->size) TRAP(BX_TRAP_TABLE_OOB);
        charge(c, ELEM_UNITS(n));
        if (!bxe_bulk_fill64(s, t->elems + at, b, n)) TRAP(BX_TRAP_INTERRUPTED);
        return 0;
    }
    case BXOP_TABLE_COPY: {
        bx_table *td = inst->tables[i], *ts = inst->tables[j];
        uint32_t dd = (uint32_t)a, sr = (uint32_t)b, n = (uint32_t)d;
        if ((uint64_t)dd + n > td->size || (uint64_t)sr + n > ts->size) TRAP(BX_TRAP_TABLE_OOB);
        charge(c, ELEM_UNITS(n));
        if (n && !bxe_bulk_move(s, (uint8_t *)(td->elems + dd), (const uint8_t *)(ts->elems + sr),
                            (uint64_t)n * sizeof(uint64_t)))
            TRAP(BX_TRAP_INTERRUPTED);
        return 0;
    }
    case BXOP_TABLE_INIT: {
        bx_table *t = inst->tables[i];
        uint32_t seg = j, dd = (uint32_t)a, sr = (uint32_t)b, n = (uint32_t)d;
        if ((uint64_t)sr + n > inst->elem_len[seg] || (uint64_t)dd + n > t->size) TRAP(BX_TRAP_TABLE_OOB);
        charge(c, ELEM_UNITS(n));
        if (n && !bxe_bulk_move(s, (uint8_t *)(t->elems + dd), (const uint8_t *)(inst->elem_values[seg] + sr),
                            (uint64_t)n * sizeof(uint64_t)))
            TRAP(BX_TRAP_INTERRUPTED);
        return 0;
    }
    case BXOP_ELEM_DROP: inst->elem_len[i] = 0; return 0;
    case BXOP_DATA_DROP: inst->data_dropped[i] = 1; return 0;
    case BXOP_MEMORY_GROW: return bxe_memory_grow(s, inst->mems[0], (uint32_t)a);
    case BXOP_MEMORY_INIT: mem_init(c, inst->mems[0], i, (uint32_t)a, (uint32_t)b, (uint32_t)d); return 0;
    case BXOP_MEMORY_COPY:
        mem_copy(c, inst->mems[0], inst->mems[0], (uint32_t)a, (uint32_t)b, (uint32_t)d);
        return 0;
    case BXOP_MEMORY_FILL: mem_fill(c, inst->mems[0], (uint32_t)a, (uint8_t)b, (uint32_t)d); return 0;
    case BXOP_MLOAD: {
        const bx_memory *mx = inst->mems[i];
        uint64_t ea = (uint64_t)(uint32_t)a + (uint32_t)b;
        unsigned n = bxe_mx_size(j);
        if (!n || j > 0x35) TRAP(BX_TRAP_UNREACHABLE);
        if (ea + n > mx->size) TRAP(BX_TRAP_MEMORY_OOB);
        return bxe_mx_load(mx->data + ea, j);
    }
    case BXOP_MSTORE: {
        bx_memory *mx = inst->mems[i];
        uint64_t ea = (uint64_t)(uint32_t)a + (uint32_t)d;
        unsigned n = bxe_mx_size(j);
        if (!n || j < 0x36) TRAP(BX_TRAP_UNREACHABLE);
        if (ea + n > mx->size) TRAP(BX_TRAP_MEMORY_OOB);
        memcpy(mx->data + ea, &b, n);
        return 0;
    }
    case BXOP_MMEMORY_SIZE: return (uint32_t)(inst->mems[i]->size / BX_PAGE_SIZE);
    case BXOP_MMEMORY_GROW: return bxe_memory_grow(s, inst->mems[i], (uint32_t)a);
    case BXOP_MMEMORY_INIT: mem_init(c, inst->mems[i], j, (uint32_t)a, (uint32_t)b, (uint32_t)d); return 0;
    case BXOP_MMEMORY_COPY:
        mem_copy(c, inst->mems[i], inst->mems[j], (uint32_t)a, (uint32_t)b, (uint32_t)d);
        return 0;
    case BXOP_MMEMORY_FILL: mem_fill(c, inst->mems[i], (uint32_t)a, (uint8_t)b, (uint32_t)d); return 0;
    default: TRAP(BX_TRAP_UNREACHABLE);
    }
}

static const bxa_rt rt_table = {rt_trap, rt_out_of_fuel, rt_call, rt_call_indirect, rt_slow};

extern void *__libc_stack_end;   /* glibc: the main thread's stack pointer at start-up */

/* The main thread's floor without /proc: pthread_getattr_np reads
 * /proc/self/maps for the main thread, which a confined worker may not
 * (Landlock), and the old "unknown: 1 MiB" fallback then trapped deep
 * recursion earlier than the interpreter for any --max-stack above 1 MiB.
 * The stack spans at most RLIMIT_STACK below its top; __libc_stack_end
 * lies under the top by argv, the environment and the auxiliary vector,
 * which the kernel bounds by a quarter of that limit: so a quarter is left
 * unclaimed, and the reserve as everywhere.  0 when this is not the main
 * thread's stack (a process forked from another thread runs on that
 * thread's stack, which pthread_getattr_np knows without /proc). */
static uintptr_t main_floor(uintptr_t here)
{
    struct rlimit rl;
    if (getpid() != (pid_t)syscall(SYS_gettid) || getrlimit(RLIMIT_STACK, &rl) != 0) return 0;
    uintptr_t top = (uintptr_t)__libc_stack_end;
    uint64_t n = rl.rlim_cur;
    if (rl.rlim_cur == RLIM_INFINITY || n > ((uint64_t)8 << 20)) n = (uint64_t)8 << 20;  /* as if the default */
    uint64_t keep = n / 4 + BXA_STACK_RESERVE;
    if (n <= keep || top < n || here > top || here <= top - n + keep) return 0;
    return top - (uintptr_t)n + (uintptr_t)keep;
}

/* The lowest address the generated code may use on this thread's stack. */
static uintptr_t stack_floor(bxa_inst *ai)
{
    pthread_t me = pthread_self();
    if (ai->have_stack && pthread_equal(me, ai->stack_tid)) return ai->stack_floor;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0), lo = 0;
    pthread_attr_t at;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(me, &at) == 0) {
        if (pthread_attr_getstack(&at, &addr, &size) != 0) addr = NULL;
        pthread_attr_destroy(&at);
    }
    if (addr && size > 2 * BXA_STACK_RESERVE) lo = (uintptr_t)addr + BXA_STACK_RESERVE;
    else if (addr) lo = (uintptr_t)addr + size / 2;
    else if (!(lo = main_floor(here)))
        lo = here > ((uintptr_t)1 << 20) ? here - ((uintptr_t)1 << 20) : here;  /* unknown: 1 MiB */
    ai->stack_tid = me;
    ai->stack_floor = lo;
    ai->have_stack = true;
    return lo;
}

/* ---- a C stack as deep as --max-stack allows -------------------------------
 * The interpreter counts its frames against --max-stack; compiled frames
 * live on the C stack, and the floor check traps when that runs out.  A
 * thread with less C stack than the same depth of compiled frames needs
 * would trap before the interpreter does (js-execute's parser on a
 * 100,000-deep literal needs 8-16 MiB; its --max-stack is 64 MiB).  So the
 * outermost entry of a binding runs on a private stack of BXA_CSTACK_MULT x
 * --max-stack when the thread has less: reserved, not committed
 * (MAP_NORESERVE; pages are touched as the recursion goes), a PROT_NONE page
 * below it, kept with the binding.  When it cannot be had (RLIMIT_AS), or
 * in an AddressSanitizer build (unannotated stack switches), the call runs
 * where it is, as before. */
#define BXA_CSTACK_MULT 2u
#define BXA_CSTACK_MAX ((uint64_t)1 << 30)

typedef struct enter_args {
    bxa_inst *ai;
    bx_func *f;
    uint64_t *slots;
    jmp_buf *jb;
    int t;
} enter_args;
static _Thread_local enter_args *tl_args;   /* for on_private: makecontext passes only ints */

static void on_private(void)
{
    enter_args *a = tl_args;
    int t = setjmp(*a->jb);
    if (t == 0) a->ai->wrap[a->f->index](&a->ai->ctx, a->slots);
    a->t = t;
}

/* The private stack for ai, or false when the thread's own will do (or none
 * can be had). */
static bool use_private(bxa_inst *ai, uintptr_t lo)
{
#if defined(__SANITIZE_ADDRESS__)
    (void)ai;
    (void)lo;
    return false;
#else
    uint64_t want = BXA_CSTACK_MULT * ai->s->limits.max_stack_bytes + BXA_STACK_RESERVE;
    if (want > BXA_CSTACK_MAX) want = BXA_CSTACK_MAX;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (here > lo && here - lo >= want) return false;
    if (!ai->cs) {
        size_t pg = (size_t)sysconf(_SC_PAGESIZE);
        size_t len = ((size_t)want + 2 * pg - 1) / pg * pg;
        void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                       -1, 0);
        if (p == MAP_FAILED) return false;
        if (mprotect(p, pg, PROT_NONE) != 0) {
            munmap(p, len);
            return false;
        }
        ai->cs = p;
        ai->cs_len = len;
    }
    return true;
#endif
}

/* The entry point: installed in every bound bx_func (runtime.h), reached
 * through bxe_interp_call. */
static bx_trap rt_enter(bx_store *s, bx_func *f, uint64_t *slots)
{
    bxa_inst *ai = f->aot_data;
    bxa_ctx *c = &ai->ctx;
    if (s->depth >= BXA_MAX_REENTRY) return BX_TRAP_STACK_EXHAUSTED;
    if (ai->guard) guard_ready();   /* installed at bind; the thread's alternate stack */
    jmp_buf jb, *volatile saved_jb = ai->jb;
    volatile bxa_tls saved_tl = tl;
    volatile uint32_t saved_depth = c->depth;
    volatile uintptr_t saved_lo = c->stack_lo;
    volatile uint64_t saved_vbase = c->vbase;
    if (c->depth == 0) {
        /* on a private stack already (another binding's, entered from a
         * host call): its floor, not the thread's */
        c->stack_lo = tl.cs_lo ? tl.cs_lo : stack_floor(ai);
        c->vbase = s->stack ? s->stack[0] : 2;   /* interp.c's HDR */
    }
    bool priv = c->depth == 0 && !tl.cs_lo && use_private(ai, c->stack_lo);
    ai->jb = &jb;
    s->depth++;
    tl.ai = ai;
    tl.in_code = ai->guard;
    int t;
    if (priv) {
        size_t pg = (size_t)sysconf(_SC_PAGESIZE);
        enter_args a = {ai, f, slots, &jb, 0};
        enter_args *saved_args = tl_args;
        ucontext_t back, uc;
        c->stack_lo = (uintptr_t)ai->cs + pg + BXA_STACK_RESERVE;
        tl_args = &a;
        tl.cs_lo = c->stack_lo;
        if (getcontext(&uc) == 0) {
            uc.uc_stack.ss_sp = ai->cs + pg;
            uc.uc_stack.ss_size = ai->cs_len - pg;
            uc.uc_link = &back;
            makecontext(&uc, on_private, 0);
            if (swapcontext(&back, &uc) != 0) priv = false;
        } else {
            priv = false;
        }
        tl_args = saved_args;
        tl.cs_lo = 0;
        if (priv) {
            t = a.t;
        } else {   /* no switch happened: where we are, as without a private stack */
            c->stack_lo = stack_floor(ai);
            t = setjmp(jb);
            if (t == 0) ai->wrap[f->index](c, slots);
        }
    } else {
        t = setjmp(jb);
        if (t == 0) ai->wrap[f->index](c, slots);
    }
    tl.ai = saved_tl.ai;
    tl.in_code = saved_tl.in_code;
    s->depth--;
    ai->jb = saved_jb;
    c->depth = saved_depth;
    c->stack_lo = saved_lo;
    c->vbase = saved_vbase;
    return (bx_trap)t;
}

bxa_inst *bxa_bind(bxa_module *am, bx_store *s, bx_instance *inst)
{
    const bx_module *m = inst->module;
    uint32_t n = 0;
    const bxa_wrap_fn *w = bxa_module_funcs(am, m, &n);
    if (!w || n != m->nfuncs) return NULL;
    /* code compiled without bounds checks runs only on a guarded memory 0 */
    bool guard = bxa_module_guarded(am) && m->nmems_total;
    if (guard && (!inst->mems[0]->guarded || !guard_ready())) return NULL;
    bxa_inst *ai = calloc(1, sizeof *ai);
    if (!ai) return NULL;
    uint32_t maxres = 1;
    for (uint32_t i = 0; i < m->ntypes; i++)
        if (m->types[i].nresults > maxres) maxres = m->types[i].nresults;
    ai->gvals = calloc(m->nglobals_total ? m->nglobals_total : 1, sizeof *ai->gvals);
    ai->mv = calloc(maxres, sizeof *ai->mv);
    ai->canon = calloc(m->ntypes ? m->ntypes : 1, sizeof *ai->canon);
    if (!ai->gvals || !ai->mv || !ai->canon) {
        bxa_inst_free(ai);
        return NULL;
    }
    for (uint32_t i = 0; i < m->ntypes; i++) ai->canon[i] = &m->types[m->type_canon ? m->type_canon[i] : i];
    ai->tables = inst->tables;
    for (uint32_t i = 0; i < m->nglobals_total; i++) ai->gvals[i] = &inst->globals[i]->val;
    ai->s = s;
    ai->inst = inst;
    ai->wrap = w;
    ai->nwrap = n;
    if (guard) {
        ai->guard = true;
        ai->glo = (uintptr_t)inst->mems[0]->data;
        ai->ghi = ai->glo + inst->mems[0]->reserved;
    }
    bxa_ctx *c = &ai->ctx;
    c->rt = &rt_table;
    c->fuel = &s->fuel;
    c->interrupt = (int *)&s->interrupt;
    if (m->nmems_total) {
        c->mbase = &inst->mems[0]->data;
        c->msize = &inst->mems[0]->size;
    } else {
        c->mbase = &ai->null_base;
        c->msize = &ai->zero_size;
    }
    c->globals = ai->gvals;
    c->funcs = (void *const *)inst->funcs;
    c->mv = ai->mv;
    if (m->ntables_total) {
        c->t0elems = &inst->tables[0]->elems;
        c->t0size = &inst->tables[0]->size;
    } else {
        c->t0elems = &ai->null_elems;
        c->t0size = &ai->zero_tsize;
    }
    /* the interpreter's frame cap for the same stack budget (interp.c) */
    uint64_t nframes, nslots;
    bxe_stack_split(s->limits.max_stack_bytes, &nframes, &nslots);
    /* the first function takes no frame record: nframes calls below it */
    c->max_depth = nframes >= UINT32_MAX ? UINT32_MAX : (uint32_t)nframes + 1;
    c->vslots = nslots;
    c->rt_private = ai;
    for (uint32_t k = 0; k < m->nfuncs; k++) {
        bx_func *f = inst->funcs[m->nfunc_imports + k];
        f->aot_data = ai;
        f->aot_entry = rt_enter;
    }
    return ai;
}

void bxa_inst_free(bxa_inst *ai)
{
    if (!ai) return;
    free(ai->gvals);
    free(ai->mv);
    free(ai->canon);
    if (ai->cs) munmap(ai->cs, ai->cs_len);
    free(ai);
}
