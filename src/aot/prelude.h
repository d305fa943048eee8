/*
 * prelude.h — macros of the generated C (pasted into every translation
 * unit after abi.h and numeric.h; aot.mk makes it a string for emit.c).
 *
 * One macro per instruction of the interpreter's code (code.h), with the
 * interpreter's semantics (interp.c): r<N> are the frame's slots as C
 * locals (uint64_t, i32/f32 zero-extended), fu the fuel counter, mb/ms
 * memory 0's base and size, c the context.  Every memory access is checked
 * against ms before it is made (or, with BXA_GUARD, by the MMU); every trap
 * leaves through TRAP.
 */
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

static inline float f32of(uint64_t x) { uint32_t u = (uint32_t)x; float f; memcpy(&f, &u, 4); return f; }
static inline double f64of(uint64_t x) { double d; memcpy(&d, &x, 8); return d; }
static inline uint64_t bf32(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline uint64_t bf64(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline float quiet_f32(float a) { uint32_t b; memcpy(&b, &a, 4); b |= 0x00400000u; memcpy(&a, &b, 4); return a; }
static inline double quiet_f64(double a) { uint64_t b; memcpy(&b, &a, 8); b |= 0x0008000000000000ull; memcpy(&a, &b, 8); return a; }

/* The fuel counter in a register is biased: fu = (the store's counter) -
 * c->fbias, the bias at most BXA_ICHK below the counter's value when it was
 * last set (fu starts at most BXA_ICHK) and never negative.  Every charge
 * (FUEL, LOOP: the interpreter's OP_FUEL/OP_LOOP of the same block) is a
 * subtract and a sign test; the slow path (bxa_slice) takes the real
 * counter, refills it or traps out of fuel exactly where the interpreter
 * does (the real counter < 0 implies fu < 0), reads the interrupt flag and
 * sets a new bias.  So the flag is read at least every BXA_ICHK units of
 * fuel burnt anywhere (a loop without calls, a loop of calls, a recursion:
 * every function's entry block charges), and before every call that leaves
 * the module's own code (INTR before imports; the runtime's call_indirect
 * reads it too).  The interpreter reads it at loop heads and calls; the
 * flag is only ever set by another thread (bx_store_interrupt), so reading
 * it at other points, a bounded amount of work later, cannot be told from
 * timing. */
#define BXA_ICHK 16384
/* SYNC stores the real counter on the way to the runtime (cold paths) */
#define SYNC() (*c->fuel = fu + c->fbias)
#if defined(__x86_64__) && BXA_GUARD && defined(__GNUC__) && !defined(__clang__)
/* x86-64, guard mode, gcc (clang takes no global register variable but
 * the stack pointer): the counter lives in r15 for the whole translation
 * unit (a global register variable: gcc allocates r15 to nothing else),
 * so a fault finds it in the signal context (rt.c's on_fault reads r15
 * and adds c->fbias) and nothing stores it before memory accesses.  No
 * function passes or returns it; the wrappers save the runtime's r15 and
 * give it back.  FU_DEP makes an access's address depend on the counter,
 * so that no access is scheduled before the update of r15 that precedes
 * it (an empty asm: no instruction). */
#define BXA_FUREG 1
register int64_t fu __asm__("r15");
#define GSYNC() ((void)0)
/* after fu is set from memory: no access moves above it */
#define FU_SET() __asm__ __volatile__("" : "+r"(fu) : : "memory")
#else
#define BXA_FUREG 0
/* guard mode, before a memory access: the biased counter (rt.c's fault
 * handler adds c->fbias, which changes only where fu does, and fu changing
 * means a new GSYNC before the next access); volatile, so that no later
 * store makes the compiler drop it (the fault reads it, unseen); fp_ is
 * c->fuel in a local, declared only by functions that access memory */
#define GSYNC() (*(volatile int64_t *)fp_ = fu)
#define FU_SET() ((void)0)
#endif
/* after a call or a slow op: fuel and memory 0's size may have changed (its
 * base may not: runtime.h reserves a memory once, data never moves) */
/* The bias is set again, as a wrapper sets it: a host call may have
 * raised the counter (an unlimited budget's refill), and fu relative to an
 * old bias would then not reach the slow path, where the interrupt flag is
 * read, for as long as the refill lasts. */
#define RELOAD() do { int64_t f_ = *c->fuel; c->fbias = f_ > BXA_ICHK ? f_ - BXA_ICHK : 0; \
    fu = f_ - c->fbias; FU_SET(); ms = *msp_; } while (0)
#define TRAP(k) do { SYNC(); c->rt->trap(c, (k)); __builtin_unreachable(); } while (0)
static __attribute__((noinline, cold)) int64_t bxa_slice(bxa_ctx *c, int64_t fu)
{
    int64_t r = fu + c->fbias;
    if (r < 0) {
        *c->fuel = r;
        r = c->rt->out_of_fuel(c);   /* traps when the budget is limited */
    }
    if (__atomic_load_n(c->interrupt, __ATOMIC_RELAXED)) {
        *c->fuel = r;
        c->rt->trap(c, BX_TRAP_INTERRUPTED);
    }
    c->fbias = r > BXA_ICHK ? r - BXA_ICHK : 0;
    return r - c->fbias;
}
#if BXA_FUREG
/* a subtract on r15 and a jump: gcc would compute into another register
 * and move; the memory clobber keeps every access after the charge that
 * precedes it (none is hoisted above it, so a fault sees the block's
 * charge in r15) */
#define FUEL(n) do { __label__ s_, d_; \
    __asm__ goto("subq %1, %0\n\tjs %l[s_]" : "+r"(fu) : "e"((int64_t)(n)) : "cc", "memory" : s_); \
    goto d_; s_: fu = bxa_slice(c, fu); d_:; } while (0)
#else
#define FUEL(n) do { fu -= (n); if (UNLIKELY(fu < 0)) fu = bxa_slice(c, fu); } while (0)
#endif
/* c->interrupt is read again at each call (a store to linear memory could
 * alias the field): keeping it in a local would hold a callee-saved
 * register in every function that calls, for one load per call */
#define INTR() do { if (UNLIKELY(__atomic_load_n(c->interrupt, __ATOMIC_RELAXED))) TRAP(BX_TRAP_INTERRUPTED); } while (0)
/* A loop head is a charge like any other.  LOOP_CALL is a loop head whose
 * block reaches a call of an import with no label in between: it reads the
 * flag and the call skips its own read (emit.c). */
#define LOOP(n) FUEL(n)
#define LOOP_CALL(n) do { FUEL(n); INTR(); } while (0)
/* the wrappers (entry from the runtime): set the bias, store the real
 * counter back */
#define WRAP_FUEL() ({ int64_t f_ = *c->fuel; c->fbias = f_ > BXA_ICHK ? f_ - BXA_ICHK : 0; f_ - c->fbias; })
#if BXA_FUREG
typedef uint64_t bxa_ret;
#define FU_PARAM
#define FU_ARG
#define RET(v) return (v)
#define RETV(q) (q)
#define CALL_FU(q) ((void)0)
/* the runtime's r15 read and written through fu itself, so that gcc
 * orders both with fu's other uses (stores to a global register variable
 * are never deleted) */
#define WRAP_BEGIN() const int64_t sv_ = fu; c->fureg = 1; fu = WRAP_FUEL()
#define WRAP_DONE(r) do { *c->fuel = fu + c->fbias; fu = sv_; } while (0)
#else
typedef struct { uint64_t v; int64_t fu; } bxa_ret;
#define FU_PARAM int64_t fu,
#define FU_ARG fu,
#define RET(v) return (bxa_ret){(v), fu}
#define RETV(q) ((q).v)
#define CALL_FU(q) (fu = (q).fu)
#define WRAP_BEGIN() c->fureg = 0; int64_t fu = WRAP_FUEL()
#define WRAP_DONE(r) (*c->fuel = (r).fu + c->fbias)
#endif
/* Calls between the module's own functions pass the fuel counter (unless
 * it has its own register, BXA_FUREG) and the callee's stack room in
 * registers and get the fuel back with the result (bxa_ret): nothing goes
 * through memory on a direct call.  The room is
 * what is left below the interpreter's two caps, counted down: vr_ =
 * c->vslots - (the frame's value-stack base), dr_ = c->max_depth - (the wasm
 * call depth); a call passes vr_ - a (a: the argument slot) and dr_ - 1, so
 * the interpreter's checks (depth > cap, fewer than frame-size slots left)
 * are compares of two registers with constants.  c->depth and c->vbase are
 * stored only before a call that goes through the runtime (ARGS_AT), which
 * re-enters through a wrapper. */
/* The C stack pointer, read without __builtin_frame_address: that would
 * make every function keep a frame pointer and lose a register. */
#if defined(__x86_64__)
#define SP_() ({ uintptr_t sp_; __asm__("mov %%rsp, %0" : "=r"(sp_)); sp_; })
#elif defined(__aarch64__)
#define SP_() ({ uintptr_t sp_; __asm__("mov %0, sp" : "=r"(sp_)); sp_; })
#else
#define SP_() ((uintptr_t)__builtin_frame_address(0))
#endif
/* ENTER: the interpreter's frame checks, then (ENTER_SP) the C stack
 * pointer against the floor.  emit.c leaves ENTER_SP out of a function that
 * calls nothing (no call, no call_indirect) and has a small frame: it runs
 * below a caller that passed the check, at most its own frame deeper, and
 * the floor keeps a reserve far larger than such a frame (rt.c). */
#define ENTER(fs) do { if (UNLIKELY(dr_ < 0 || vr_ < (int64_t)(fs))) TRAP(BX_TRAP_STACK_EXHAUSTED); } while (0)
#if defined(__x86_64__)
/* one compare of %rsp with the field, no copy of %rsp to another register */
#define ENTER_SP() do { __label__ x_; \
    __asm__ goto("cmpq %0, %%rsp\n\tjb %l[x_]" : : "m"(c->stack_lo) : "cc" : x_); \
    if (0) { x_: TRAP(BX_TRAP_STACK_EXHAUSTED); } } while (0)
#else
#define ENTER_SP() do { if (UNLIKELY(SP_() < c->stack_lo)) TRAP(BX_TRAP_STACK_EXHAUSTED); } while (0)
#endif
/* call_indirect through table 0 to a function of this same binding (what
 * rt.c's rt_call_indirect would enter directly) whose type is the site's
 * (tc: each function's canonical type index, ct: the site's): a direct
 * call of the function's C code, as a direct call (no interrupt read: its
 * entry charge is a slice check, see CALL in emit.c).  Anything else, a
 * slot past the end, null, another instance's or a host function, a
 * wrong type, goes to the runtime, which checks in the interpreter's
 * order and traps alike.  aot_data is set by rt.c's bxa_bind on exactly
 * this binding's functions; the offsets are bx_func's (emit.c). */
#define IND_OK(e, p, k, tc, ct) LIKELY((e) < *c->t0size && ((p) = (*c->t0elems)[e]) != 0 && \
    *(void *const *)(uintptr_t)((p) + BXA_OFF_AOT) == c->rt_private && \
    (tc)[(k) = *(const uint32_t *)(uintptr_t)((p) + BXA_OFF_INDEX)] == (ct))
typedef void (*bxa_anyfn)(void);
#define ARGS_AT(a) (c->vbase = c->vslots - (uint64_t)vr_ + (a), c->depth = (uint32_t)((int64_t)c->max_depth - dr_))

#define SELECT(d, k, a, b) d = (uint32_t)(k) ? (a) : (b)
#define COPY(d, a) d = (a)
#define COPY2(d, a, e, b) do { d = (a); e = (b); } while (0)
#define CONST32(d, k) d = (uint64_t)(k)
#define CONST64(d, lo, hi) d = (uint64_t)(lo) | (uint64_t)(hi) << 32
#define REF_IS_NULL(d, a) d = ((a) == 0)

/* memory 0: address (u32) + offset, then the bounds check */
/* ea < 2^33 and ms <= 2^32, so the signed form is exact even for ms < n,
 * and ms - n is loop-invariant */
#if BXA_GUARD
/* guard mode: ea < 2^33 always lies in memory 0's BXE_GUARD_SPAN
 * reservation, whose pages past ms are inaccessible; the fault is the
 * check (rt.c's on_fault), and the emitter SYNCs fu before the access */
#define EA(ea, base, off, n) uint64_t ea = (uint64_t)(uint32_t)(base) + (off)
#else
#define EA(ea, base, off, n) uint64_t ea = (uint64_t)(uint32_t)(base) + (off); \
    if (UNLIKELY((int64_t)ea > (int64_t)ms - (n))) TRAP(BX_TRAP_MEMORY_OOB)
#endif
#if BXA_GUARD
/* The access is the check, so C must neither drop a load whose value is
 * unused (FORCE_READ: the value is an asm input, in an integer register,
 * or FORCE_READF: in a float one, so that an f64 goes from memory straight
 * to where the arithmetic wants it) nor move a store across another access
 * (MEM_ORDER on both sides: a store before a trapping access must have
 * happened, one after it must not).  A volatile read would do the first
 * too, but gcc then computes the address apart instead of in the load. */
/* By width: "rx" lets gcc keep a 4- or 8-byte value where it goes next
 * (matmul: 1.51x -> 1.44x native instructions), but a 1- or 2-byte value
 * has no SSE form and "rx" made gcc fail ("inconsistent operand
 * constraints") on a byte load in js-execute's QuickJS. */
#if defined(__x86_64__)
#define FORCE_READ4(v) __asm__("" : : "rx"(v))
#else
#define FORCE_READ4(v) __asm__("" : : "r"(v))
#endif
#define FORCE_READ1(v) __asm__("" : : "r"(v))
#define FORCE_READ2 FORCE_READ1
#define FORCE_READ8 FORCE_READ4
#if defined(__x86_64__)
#define FORCE_READF(v) __asm__("" : : "x"(v))
#elif defined(__aarch64__)
#define FORCE_READF(v) __asm__("" : : "w"(v))
#else
#define FORCE_READF(v) do { volatile __typeof__(v) fr_ = (v); (void)fr_; } while (0)
#endif
#define MEM_ORDER() __asm__ __volatile__("" : : : "memory")
#else
#define FORCE_READ1(v) ((void)0)
#define FORCE_READ2(v) ((void)0)
#define FORCE_READ4(v) ((void)0)
#define FORCE_READ8(v) ((void)0)
#define FORCE_READF(v) ((void)0)
#define MEM_ORDER() ((void)0)
#endif
#define LDX(d, T, N, conv, base, off, F) do { EA(ea_, base, off, N); T v; memcpy(&v, mb + ea_, N); F(v); \
    d = (conv); } while (0)
#define LD(d, T, N, conv, base, off) LDX(d, T, N, conv, base, off, FORCE_READ##N)
#define LDF(d, T, N, conv, base, off) LDX(d, T, N, conv, base, off, FORCE_READF)
#define ST(T, N, base, off, val) do { EA(ea_, base, off, N); T v = (T)(val); MEM_ORDER(); memcpy(mb + ea_, &v, N); \
    MEM_ORDER(); } while (0)
#define LOADS(X, P, B)                                                       \
    X(I32_LOAD##P, uint32_t, 4, (uint64_t)v, B) X(I64_LOAD##P, uint64_t, 8, (uint64_t)v, B) \
    X(I32_LOAD8_S##P, int8_t, 1, (uint32_t)(int32_t)v, B) X(I32_LOAD8_U##P, uint8_t, 1, (uint32_t)v, B) \
    X(I32_LOAD16_S##P, int16_t, 2, (uint32_t)(int32_t)v, B) X(I32_LOAD16_U##P, uint16_t, 2, (uint32_t)v, B)
#define I32_LOAD(d, a, off) LD(d, uint32_t, 4, (uint64_t)v, a, off)
#define I64_LOAD(d, a, off) LD(d, uint64_t, 8, v, a, off)
#define F32_LOAD(d, a, off) LDF(d, float, 4, bf32(v), a, off)
#define F64_LOAD(d, a, off) LDF(d, double, 8, bf64(v), a, off)
#define I32_LOAD8_S(d, a, off) LD(d, int8_t, 1, (uint32_t)(int32_t)v, a, off)
#define I32_LOAD8_U(d, a, off) LD(d, uint8_t, 1, (uint32_t)v, a, off)
#define I32_LOAD16_S(d, a, off) LD(d, int16_t, 2, (uint32_t)(int32_t)v, a, off)
#define I32_LOAD16_U(d, a, off) LD(d, uint16_t, 2, (uint32_t)v, a, off)
#define I64_LOAD8_S(d, a, off) LD(d, int8_t, 1, (uint64_t)(int64_t)v, a, off)
#define I64_LOAD8_U(d, a, off) LD(d, uint8_t, 1, (uint64_t)v, a, off)
#define I64_LOAD16_S(d, a, off) LD(d, int16_t, 2, (uint64_t)(int64_t)v, a, off)
#define I64_LOAD16_U(d, a, off) LD(d, uint16_t, 2, (uint64_t)v, a, off)
#define I64_LOAD32_S(d, a, off) LD(d, int32_t, 4, (uint64_t)(int64_t)v, a, off)
#define I64_LOAD32_U(d, a, off) LD(d, uint32_t, 4, (uint64_t)v, a, off)
#define I32_STORE(a, b, off) ST(uint32_t, 4, a, off, b)
#define I64_STORE(a, b, off) ST(uint64_t, 8, a, off, b)
#define F32_STORE(a, b, off) ST(uint32_t, 4, a, off, b)
#define F64_STORE(a, b, off) ST(uint64_t, 8, a, off, b)
#define I32_STORE8(a, b, off) ST(uint8_t, 1, a, off, b)
#define I32_STORE16(a, b, off) ST(uint16_t, 2, a, off, b)
#define I64_STORE8(a, b, off) ST(uint8_t, 1, a, off, b)
#define I64_STORE16(a, b, off) ST(uint16_t, 2, a, off, b)
#define I64_STORE32(a, b, off) ST(uint32_t, 4, a, off, b)
/* _K: address (u32)(a + k) + off; _R: (u32)(a + b) + off */
#define KA(a, k) ((uint32_t)(a) + (uint32_t)(k))
#define I32_LOAD_K(d, a, k, off) I32_LOAD(d, KA(a, k), off)
#define I64_LOAD_K(d, a, k, off) I64_LOAD(d, KA(a, k), off)
#define I32_LOAD8_S_K(d, a, k, off) I32_LOAD8_S(d, KA(a, k), off)
#define I32_LOAD8_U_K(d, a, k, off) I32_LOAD8_U(d, KA(a, k), off)
#define I32_LOAD16_S_K(d, a, k, off) I32_LOAD16_S(d, KA(a, k), off)
#define I32_LOAD16_U_K(d, a, k, off) I32_LOAD16_U(d, KA(a, k), off)
#define I32_STORE_K(a, b, k, off) I32_STORE(KA(a, k), b, off)
#define I64_STORE_K(a, b, k, off) I64_STORE(KA(a, k), b, off)
#define I32_STORE8_K(a, b, k, off) I32_STORE8(KA(a, k), b, off)
#define I32_STORE16_K(a, b, k, off) I32_STORE16(KA(a, k), b, off)
#define I32_LOAD_R I32_LOAD_K
#define I64_LOAD_R I64_LOAD_K
#define I32_LOAD8_S_R I32_LOAD8_S_K
#define I32_LOAD8_U_R I32_LOAD8_U_K
#define I32_LOAD16_S_R I32_LOAD16_S_K
#define I32_LOAD16_U_R I32_LOAD16_U_K
#define I32_STORE_R I32_STORE_K
#define I64_STORE_R I64_STORE_K
#define I32_STORE8_R I32_STORE8_K
#define I32_STORE16_R I32_STORE16_K
/* f64 op with a memory operand: the result, not the loaded value, is the
 * asm input that keeps the access (gcc can then fold the load into the
 * arithmetic instruction) */
#define LDMOP(d, a, b, off, OP) do { EA(ea_, b, off, 8); double m_, r_; memcpy(&m_, mb + ea_, 8); \
    r_ = f64of(a) OP m_; FORCE_READF(r_); d = bf64(r_); } while (0)
#define F64_ADD_M(d, a, b, off) LDMOP(d, a, b, off, +)
#define F64_MUL_M(d, a, b, off) LDMOP(d, a, b, off, *)
#define MEMORY_SIZE(d) d = (uint32_t)(ms / 65536u)
/* memory.copy / memory.fill inline, when the runtime's mem_copy/mem_fill
 * (rt.c, as interp.c) could do nothing but the move and the charge: both
 * ranges inside memory 0 (checked here, also in guard mode: no fault), at
 * most one BX_WORK_CHUNK (bulk.c reads the interrupt flag only between
 * chunks) and a charge (bx_fuel_for_bytes) that leaves the biased counter
 * non-negative (so the real one too: no trap, no refill).  Anything else,
 * an out-of-bounds range included, goes to the runtime as before, which
 * traps, refills or chunks exactly as the interpreter.  FUEL_SUB keeps the
 * accesses after it below the charge (r15: a fault reads the counter), and
 * MEM_ORDER the move between the accesses around it. */
#if BXA_FUREG
#define FUEL_SUB(u) __asm__ __volatile__("subq %1, %0" : "+r"(fu) : "r"((int64_t)(u)) : "cc", "memory")
#else
#define FUEL_SUB(u) (fu -= (int64_t)(u))
#endif
/* the size now: in guard mode ms is otherwise dead in most functions, and
 * keeping it live across every call for a bulk op cost a register */
#if BXA_GUARD
#define MS_NOW() (*msp_)
#else
#define MS_NOW() ms
#endif
#define BULK_UNITS(n) ((int64_t)((n) / BXA_FUEL_BYTES + ((n) % BXA_FUEL_BYTES != 0)))
#define BULK_F(ok, op, d, x, n, MOVE) do { uint64_t d_ = (uint32_t)(d), x_ = (uint32_t)(x), n_ = (uint32_t)(n); \
    int64_t u_ = BULK_UNITS(n_); \
    if (LIKELY(n_ <= BXA_WORK_CHUNK && d_ + n_ <= MS_NOW() && (ok) && fu >= u_)) { \
        FUEL_SUB(u_); MEM_ORDER(); MOVE; MEM_ORDER(); \
    } else { SYNC(); c->rt->slow(c, (op), 0, 0, (d), (x), (n)); RELOAD(); } } while (0)
#define MEMORY_COPY_F(d, x, n, op) BULK_F(x_ + n_ <= MS_NOW(), op, d, x, n, memmove(mb + d_, mb + x_, n_))
#define MEMORY_FILL_F(d, x, n, op) BULK_F(1, op, d, x, n, memset(mb + d_, (int)(uint8_t)x_, n_))

/* numeric: unary d a, binary d a b (names as in code.h) */
#define U32(a) ((uint32_t)(a))
#define S32(a) ((int32_t)(uint32_t)(a))
#define S64(a) ((int64_t)(a))
#define I32B(d, e) d = (uint32_t)(e)
#define I32_EQZ(d, a) I32B(d, U32(a) == 0)
#define I32_EQ(d, a, b) I32B(d, U32(a) == U32(b))
#define I32_NE(d, a, b) I32B(d, U32(a) != U32(b))
#define I32_LT_S(d, a, b) I32B(d, S32(a) < S32(b))
#define I32_LT_U(d, a, b) I32B(d, U32(a) < U32(b))
#define I32_GT_S(d, a, b) I32B(d, S32(a) > S32(b))
#define I32_GT_U(d, a, b) I32B(d, U32(a) > U32(b))
#define I32_LE_S(d, a, b) I32B(d, S32(a) <= S32(b))
#define I32_LE_U(d, a, b) I32B(d, U32(a) <= U32(b))
#define I32_GE_S(d, a, b) I32B(d, S32(a) >= S32(b))
#define I32_GE_U(d, a, b) I32B(d, U32(a) >= U32(b))
#define I64_EQZ(d, a) d = ((uint64_t)(a) == 0)
#define I64_EQ(d, a, b) d = ((uint64_t)(a) == (uint64_t)(b))
#define I64_NE(d, a, b) d = ((uint64_t)(a) != (uint64_t)(b))
#define I64_LT_S(d, a, b) d = (S64(a) < S64(b))
#define I64_LT_U(d, a, b) d = ((uint64_t)(a) < (uint64_t)(b))
#define I64_GT_S(d, a, b) d = (S64(a) > S64(b))
#define I64_GT_U(d, a, b) d = ((uint64_t)(a) > (uint64_t)(b))
#define I64_LE_S(d, a, b) d = (S64(a) <= S64(b))
#define I64_LE_U(d, a, b) d = ((uint64_t)(a) <= (uint64_t)(b))
#define I64_GE_S(d, a, b) d = (S64(a) >= S64(b))
#define I64_GE_U(d, a, b) d = ((uint64_t)(a) >= (uint64_t)(b))
#define F32_EQ(d, a, b) d = (uint32_t)(f32of(a) == f32of(b))
#define F32_NE(d, a, b) d = (uint32_t)(f32of(a) != f32of(b))
#define F32_LT(d, a, b) d = (uint32_t)(f32of(a) < f32of(b))
#define F32_GT(d, a, b) d = (uint32_t)(f32of(a) > f32of(b))
#define F32_LE(d, a, b) d = (uint32_t)(f32of(a) <= f32of(b))
#define F32_GE(d, a, b) d = (uint32_t)(f32of(a) >= f32of(b))
#define F64_EQ(d, a, b) d = (uint32_t)(f64of(a) == f64of(b))
#define F64_NE(d, a, b) d = (uint32_t)(f64of(a) != f64of(b))
#define F64_LT(d, a, b) d = (uint32_t)(f64of(a) < f64of(b))
#define F64_GT(d, a, b) d = (uint32_t)(f64of(a) > f64of(b))
#define F64_LE(d, a, b) d = (uint32_t)(f64of(a) <= f64of(b))
#define F64_GE(d, a, b) d = (uint32_t)(f64of(a) >= f64of(b))
#define I32_CLZ(d, a) I32B(d, bx_i32_clz(U32(a)))
#define I32_CTZ(d, a) I32B(d, bx_i32_ctz(U32(a)))
#define I32_POPCNT(d, a) I32B(d, bx_i32_popcnt(U32(a)))
#define I32_ADD(d, a, b) I32B(d, U32(a) + U32(b))
#define I32_SUB(d, a, b) I32B(d, U32(a) - U32(b))
#define I32_MUL(d, a, b) I32B(d, U32(a) * U32(b))
#define I32_DIV_S(d, a, b) do { int32_t x_ = S32(a), y_ = S32(b); if (UNLIKELY(y_ == 0)) TRAP(BX_TRAP_DIV_ZERO); \
    if (UNLIKELY(x_ == INT32_MIN && y_ == -1)) TRAP(BX_TRAP_INT_OVERFLOW); d = (uint32_t)(x_ / y_); } while (0)
#define I32_DIV_U(d, a, b) do { uint32_t x_ = U32(a), y_ = U32(b); if (UNLIKELY(y_ == 0)) TRAP(BX_TRAP_DIV_ZERO); d = x_ / y_; } while (0)
#define I32_REM_S(d, a, b) do { int32_t x_ = S32(a), y_ = S32(b); if (UNLIKELY(y_ == 0)) TRAP(BX_TRAP_DIV_ZERO); \
    d = (uint32_t)(y_ == -1 ? 0 : x_ % y_); } while (0)
#define I32_REM_U(d, a, b) do { uint32_t x_ = U32(a), y_ = U32(b); if (UNLIKELY(y_ == 0)) TRAP(BX_TRAP_DIV_ZERO); d = x_ % y_; } while (0)
#define I32_AND(d, a, b) I32B(d, U32(a) & U32(b))
#define I32_OR(d, a, b) I32B(d, U32(a) | U32(b))
#define I32_XOR(d, a, b) I32B(d, U32(a) ^ U32(b))
#define I32_SHL(d, a, b) I32B(d, U32(a) << (U32(b) & 31))
#define I32_SHR_S(d, a, b) I32B(d, (uint32_t)(S32(a) >> (U32(b) & 31)))
#define I32_SHR_U(d, a, b) I32B(d, U32(a) >> (U32(b) & 31))
#define I32_ROTL(d, a, b) I32B(d, bx_i32_rotl(U32(a), U32(b)))
#define I32_ROTR(d, a, b) I32B(d, bx_i32_rotr(U32(a), U32(b)))
#define I64_CLZ(d, a) d = bx_i64_clz(a)
#define I64_CTZ(d, a) d = bx_i64_ctz(a)
#define I64_POPCNT(d, a) d = bx_i64_popcnt(a)
#define I64_ADD(d, a, b) d = (uint64_t)(a) + (uint64_t)(b)
#define I64_SUB(d, a, b) d = (uint64_t)(a) - (uint64_t)(b)
#define I64_MUL(d, a, b) d = (uint64_t)(a) * (uint64_t)(b)
#define I64_DIV_S(d, a, b) do { int64_t x_ = S64(a), y_ = S64(b); if (UNLIKELY(y_ == 0)) TRAP(BX_TRAP_DIV_ZERO); \
    if (UNLIKELY(x_ == INT64_MIN && y_ == -1)) TRAP(BX_TRAP_INT_OVERFLOW); d = (uint64_t)(x_ / y_); } while (0)
#define I64_DIV_U(d, a, b) do { uint64_t x_ = (a), y_ = (b); if (UNLIKELY(y_ == 0)) TRAP(BX_TRAP_DIV_ZERO); d = x_ / y_; } while (0)
#define I64_REM_S(d, a, b) do { int64_t x_ = S64(a), y_ = S64(b); if (UNLIKELY(y_ == 0)) TRAP(BX_TRAP_DIV_ZERO); \
    d = (uint64_t)(y_ == -1 ? 0 : x_ % y_); } while (0)
#define I64_REM_U(d, a, b) do { uint64_t x_ = (a), y_ = (b); if (UNLIKELY(y_ == 0)) TRAP(BX_TRAP_DIV_ZERO); d = x_ % y_; } while (0)
#define I64_AND(d, a, b) d = (uint64_t)(a) & (uint64_t)(b)
#define I64_OR(d, a, b) d = (uint64_t)(a) | (uint64_t)(b)
#define I64_XOR(d, a, b) d = (uint64_t)(a) ^ (uint64_t)(b)
#define I64_SHL(d, a, b) d = (uint64_t)(a) << ((b) & 63)
#define I64_SHR_S(d, a, b) d = (uint64_t)(S64(a) >> ((b) & 63))
#define I64_SHR_U(d, a, b) d = (uint64_t)(a) >> ((b) & 63)
#define I64_ROTL(d, a, b) d = bx_i64_rotl(a, b)
#define I64_ROTR(d, a, b) d = bx_i64_rotr(a, b)
#define F32U(d, a, e) do { float x_ = f32of(a); d = bf32(e); } while (0)
#define F32B(d, a, b, e) do { float x_ = f32of(a), y_ = f32of(b); d = bf32(e); } while (0)
#define F64U(d, a, e) do { double x_ = f64of(a); d = bf64(e); } while (0)
#define F64B(d, a, b, e) do { double x_ = f64of(a), y_ = f64of(b); d = bf64(e); } while (0)
#define F32_ABS(d, a) d = U32(a) & 0x7FFFFFFFu
#define F32_NEG(d, a) d = U32(a) ^ 0x80000000u
#define F32_CEIL(d, a) F32U(d, a, x_ != x_ ? quiet_f32(x_) : ceilf(x_))
#define F32_FLOOR(d, a) F32U(d, a, x_ != x_ ? quiet_f32(x_) : floorf(x_))
#define F32_TRUNC(d, a) F32U(d, a, x_ != x_ ? quiet_f32(x_) : truncf(x_))
#define F32_NEAREST(d, a) F32U(d, a, bx_f32_nearest(x_))
#define F32_SQRT(d, a) F32U(d, a, sqrtf(x_))
#define F32_ADD(d, a, b) F32B(d, a, b, x_ + y_)
#define F32_SUB(d, a, b) F32B(d, a, b, x_ - y_)
#define F32_MUL(d, a, b) F32B(d, a, b, x_ * y_)
#define F32_DIV(d, a, b) F32B(d, a, b, x_ / y_)
#define F32_MIN(d, a, b) F32B(d, a, b, bx_f32_min(x_, y_))
#define F32_MAX(d, a, b) F32B(d, a, b, bx_f32_max(x_, y_))
#define F32_COPYSIGN(d, a, b) d = (U32(a) & 0x7FFFFFFFu) | (U32(b) & 0x80000000u)
#define F64_ABS(d, a) d = (a) & 0x7FFFFFFFFFFFFFFFull
#define F64_NEG(d, a) d = (a) ^ 0x8000000000000000ull
#define F64_CEIL(d, a) F64U(d, a, x_ != x_ ? quiet_f64(x_) : ceil(x_))
#define F64_FLOOR(d, a) F64U(d, a, x_ != x_ ? quiet_f64(x_) : floor(x_))
#define F64_TRUNC(d, a) F64U(d, a, x_ != x_ ? quiet_f64(x_) : trunc(x_))
#define F64_NEAREST(d, a) F64U(d, a, bx_f64_nearest(x_))
#define F64_SQRT(d, a) F64U(d, a, sqrt(x_))
#define F64_ADD(d, a, b) F64B(d, a, b, x_ + y_)
#define F64_SUB(d, a, b) F64B(d, a, b, x_ - y_)
#define F64_MUL(d, a, b) F64B(d, a, b, x_ * y_)
#define F64_DIV(d, a, b) F64B(d, a, b, x_ / y_)
#define F64_MIN(d, a, b) F64B(d, a, b, bx_f64_min(x_, y_))
#define F64_MAX(d, a, b) F64B(d, a, b, bx_f64_max(x_, y_))
#define F64_COPYSIGN(d, a, b) d = ((a) & 0x7FFFFFFFFFFFFFFFull) | ((b) & 0x8000000000000000ull)
/* conversions */
#define TRUNCX(d, a, S, fn, R) do { bx_trap t_ = BX_TRAP_NONE; R r_ = fn(S(a), &t_); if (UNLIKELY(t_)) TRAP(t_); d = (uint64_t)r_; } while (0)
#define I32_WRAP_I64(d, a) d = (uint32_t)(a)
#define I32_TRUNC_F32_S(d, a) TRUNCX(d, a, f32of, bx_i32_trunc_f32_s, uint32_t)
#define I32_TRUNC_F32_U(d, a) TRUNCX(d, a, f32of, bx_i32_trunc_f32_u, uint32_t)
#define I32_TRUNC_F64_S(d, a) TRUNCX(d, a, f64of, bx_i32_trunc_f64_s, uint32_t)
#define I32_TRUNC_F64_U(d, a) TRUNCX(d, a, f64of, bx_i32_trunc_f64_u, uint32_t)
#define I64_EXTEND_I32_S(d, a) d = (uint64_t)(int64_t)S32(a)
#define I64_EXTEND_I32_U(d, a) d = U32(a)
#define I64_TRUNC_F32_S(d, a) TRUNCX(d, a, f32of, bx_i64_trunc_f32_s, uint64_t)
#define I64_TRUNC_F32_U(d, a) TRUNCX(d, a, f32of, bx_i64_trunc_f32_u, uint64_t)
#define I64_TRUNC_F64_S(d, a) TRUNCX(d, a, f64of, bx_i64_trunc_f64_s, uint64_t)
#define I64_TRUNC_F64_U(d, a) TRUNCX(d, a, f64of, bx_i64_trunc_f64_u, uint64_t)
#define F32_CONVERT_I32_S(d, a) d = bf32((float)S32(a))
#define F32_CONVERT_I32_U(d, a) d = bf32((float)U32(a))
#define F32_CONVERT_I64_S(d, a) d = bf32(bx_f32_from_i64(S64(a)))
#define F32_CONVERT_I64_U(d, a) d = bf32(bx_f32_from_u64(a))
#define F32_DEMOTE_F64(d, a) d = bf32(bx_f32_demote(f64of(a)))
#define F64_CONVERT_I32_S(d, a) d = bf64((double)S32(a))
#define F64_CONVERT_I32_U(d, a) d = bf64((double)U32(a))
#define F64_CONVERT_I64_S(d, a) d = bf64(bx_f64_from_i64(S64(a)))
#define F64_CONVERT_I64_U(d, a) d = bf64(bx_f64_from_u64(a))
/* the barrier keeps gcc from folding demote(promote(x)) to x, which it
 * does even under -fsignaling-nans and which would not quiet a NaN */
#define F64_PROMOTE_F32(d, a) do { d = bf64(bx_f64_promote(f32of(a))); __asm__("" : "+r"(d)); } while (0)
#define I32_REINTERPRET_F32(d, a) d = U32(a)
#define I64_REINTERPRET_F64(d, a) d = (a)
#define F32_REINTERPRET_I32(d, a) d = U32(a)
#define F64_REINTERPRET_I64(d, a) d = (a)
#define I32_EXTEND8_S(d, a) d = (uint32_t)(int32_t)(int8_t)(uint8_t)(a)
#define I32_EXTEND16_S(d, a) d = (uint32_t)(int32_t)(int16_t)(uint16_t)(a)
#define I64_EXTEND8_S(d, a) d = (uint64_t)(int64_t)(int8_t)(uint8_t)(a)
#define I64_EXTEND16_S(d, a) d = (uint64_t)(int64_t)(int16_t)(uint16_t)(a)
#define I64_EXTEND32_S(d, a) d = (uint64_t)(int64_t)(int32_t)(uint32_t)(a)
#define I32_TRUNC_SAT_F32_S(d, a) d = (uint32_t)bx_i32_trunc_sat_f32_s(f32of(a))
#define I32_TRUNC_SAT_F32_U(d, a) d = (uint32_t)bx_i32_trunc_sat_f32_u(f32of(a))
#define I32_TRUNC_SAT_F64_S(d, a) d = (uint32_t)bx_i32_trunc_sat_f64_s(f64of(a))
#define I32_TRUNC_SAT_F64_U(d, a) d = (uint32_t)bx_i32_trunc_sat_f64_u(f64of(a))
#define I64_TRUNC_SAT_F32_S(d, a) d = (uint64_t)bx_i64_trunc_sat_f32_s(f32of(a))
#define I64_TRUNC_SAT_F32_U(d, a) d = (uint64_t)bx_i64_trunc_sat_f32_u(f32of(a))
#define I64_TRUNC_SAT_F64_S(d, a) d = (uint64_t)bx_i64_trunc_sat_f64_s(f64of(a))
#define I64_TRUNC_SAT_F64_U(d, a) d = (uint64_t)bx_i64_trunc_sat_f64_u(f64of(a))
/* immediate forms: d a k */
#define I32_ADD_K(d, a, k) I32B(d, U32(a) + (uint32_t)(k))
#define I32_SUB_K(d, a, k) I32B(d, U32(a) - (uint32_t)(k))
#define I32_AND_K(d, a, k) I32B(d, U32(a) & (uint32_t)(k))
#define I32_OR_K(d, a, k) I32B(d, U32(a) | (uint32_t)(k))
#define I32_XOR_K(d, a, k) I32B(d, U32(a) ^ (uint32_t)(k))
#define I32_SHL_K(d, a, k) I32B(d, U32(a) << ((uint32_t)(k) & 31))
#define I32_SHR_S_K(d, a, k) I32B(d, (uint32_t)(S32(a) >> ((uint32_t)(k) & 31)))
#define I32_SHR_U_K(d, a, k) I32B(d, U32(a) >> ((uint32_t)(k) & 31))
#define I32_MUL_K(d, a, k) I32B(d, U32(a) * (uint32_t)(k))
#define I32_ROTL_K(d, a, k) I32B(d, bx_i32_rotl(U32(a), (uint32_t)(k)))
#define I32_ROTR_K(d, a, k) I32B(d, bx_i32_rotr(U32(a), (uint32_t)(k)))
#define I64_ADD_K(d, a, lo, hi) d = (uint64_t)(a) + ((uint64_t)(lo) | (uint64_t)(hi) << 32)
/* d = a OUTER (b INNER k) */
#define OI(d, a, o, in) I32B(d, U32(a) o (uint32_t)(in))
#define I32_ADD_ROTL_K(d, a, b, k) OI(d, a, +, bx_i32_rotl(U32(b), (uint32_t)(k)))
#define I32_ADD_SHL_K(d, a, b, k) OI(d, a, +, U32(b) << ((uint32_t)(k) & 31))
#define I32_ADD_SHR_U_K(d, a, b, k) OI(d, a, +, U32(b) >> ((uint32_t)(k) & 31))
#define I32_XOR_ROTL_K(d, a, b, k) OI(d, a, ^, bx_i32_rotl(U32(b), (uint32_t)(k)))
#define I32_XOR_SHL_K(d, a, b, k) OI(d, a, ^, U32(b) << ((uint32_t)(k) & 31))
#define I32_XOR_SHR_U_K(d, a, b, k) OI(d, a, ^, U32(b) >> ((uint32_t)(k) & 31))
#define I32_OR_ROTL_K(d, a, b, k) OI(d, a, |, bx_i32_rotl(U32(b), (uint32_t)(k)))
#define I32_OR_SHL_K(d, a, b, k) OI(d, a, |, U32(b) << ((uint32_t)(k) & 31))
#define I32_OR_SHR_U_K(d, a, b, k) OI(d, a, |, U32(b) >> ((uint32_t)(k) & 31))
#define I32_AND_ROTL_K(d, a, b, k) OI(d, a, &, bx_i32_rotl(U32(b), (uint32_t)(k)))
#define I32_AND_SHL_K(d, a, b, k) OI(d, a, &, U32(b) << ((uint32_t)(k) & 31))
#define I32_AND_SHR_U_K(d, a, b, k) OI(d, a, &, U32(b) >> ((uint32_t)(k) & 31))

/* branch conditions: (a, b) -> bool, for BR_I32_cc[_K] and ADD_BR_cc */
#define C_EQ(a, b) (U32(a) == U32(b))
#define C_NE(a, b) (U32(a) != U32(b))
#define C_LT_S(a, b) (S32(a) < S32(b))
#define C_LT_U(a, b) (U32(a) < U32(b))
#define C_GT_S(a, b) (S32(a) > S32(b))
#define C_GT_U(a, b) (U32(a) > U32(b))
#define C_LE_S(a, b) (S32(a) <= S32(b))
#define C_LE_U(a, b) (U32(a) <= U32(b))
#define C_GE_S(a, b) (S32(a) >= S32(b))
#define C_GE_U(a, b) (U32(a) >= U32(b))
