/*
 * reenter_test.c — a host function that calls back into the guest, in both
 * tiers (the compiled tier keeps its fuel counter in a register of its own
 * on x86-64, prelude.h: each entry from the runtime saves the runtime's
 * value of that register and gives it back).  For each case the compiled
 * run must agree with the interpreter's on the trap, the result and the
 * fuel used; the host function keeps values live across the inner call
 * and checks them after it (a callee-saved register the compiled code
 * failed to give back would change one).  Cases: inner calls that return,
 * an inner call that runs out of fuel, one that faults out of bounds, a
 * budget far above the fuel slice.  And on x86-64, the entry point of a
 * compiled function called straight from assembly with a known value in
 * r15 (the register the compiled code takes for its counter): the value
 * must be there again after a return and after a trap.
 *
 * Usage: reenter_test REENTER.wasm CACHE_DIR.  Prints one line per failed
 * check and "N passed, N failed, N skipped" last.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "aot.h"
#include "runtime.h"

static int npass, nfail, nskip;
#define CHECK(c, ...) do { if (c) npass++; else { nfail++; printf("FAIL " __VA_ARGS__); printf("\n"); } } while (0)

typedef struct inst {
    bx_module *m;
    bx_store *s;
    bx_instance *i;
    bxa_run ar;
    int bad_live;   /* the host's values changed across an inner call */
} inst;

/* cb(n, at): runs work(n, at) in the guest and returns its result (or 0
 * after a trap, which it passes up as its own) */
static bx_trap cb(bx_hostcall *hc, uint64_t *a)
{
    inst *x = hc->user;
    /* values live across the inner call, more than the caller-saved registers */
    volatile uint64_t seed = a[0] * 0x9e3779b97f4a7c15ull + a[1];
    uint64_t v0 = seed ^ 1, v1 = seed * 3, v2 = seed + 77, v3 = seed >> 3, v4 = ~seed, v5 = seed * seed, v6 = seed | 5;
    bx_extern ex;
    if (!bx_instance_export(x->i, "work", &ex)) return BX_TRAP_HOST;
    bx_val args[2] = {{.type = BX_I32, .bits = (uint32_t)a[0]}, {.type = BX_I32, .bits = (uint32_t)a[1]}}, r = {0};
    bx_error err;
    bx_status st = bx_func_call(hc->store, ex.of.func, args, 2, &r, 1, &err);
    uint64_t s2 = seed;
    if (v0 != (s2 ^ 1) || v1 != s2 * 3 || v2 != s2 + 77 || v3 != s2 >> 3 || v4 != ~s2 || v5 != s2 * s2 || v6 != (s2 | 5))
        x->bad_live = 1;
    if (st != BX_OK) return err.trap;
    a[0] = (uint32_t)r.bits;
    return BX_TRAP_NONE;
}

static int make(inst *x, const uint8_t *bytes, size_t len, bxa_tier tier, const char *cache, uint64_t fuel)
{
    bx_error err;
    memset(x, 0, sizeof *x);
    x->m = bx_module_new(bytes, len, &err);
    x->s = x->m ? bx_store_new(NULL) : NULL;
    if (!x->s) return -1;
    if (fuel) bx_store_set_fuel(x->s, fuel);
    static const bx_valtype p[] = {BX_I32, BX_I32}, r[] = {BX_I32};
    bx_functype t = {2, 1, p, r};
    bx_extern im;
    im.kind = BX_EXTERN_FUNC;
    im.of.func = bx_func_new_host(x->s, &t, cb, x);
    x->i = bx_instance_new(x->s, x->m, &im, 1, &err);
    if (!x->i) return -1;
    if (tier == BXA_TIER_AOT) {
        bxa_attach(&x->ar, BXA_TIER_AOT, x->m, cache, x->s, x->i);
        return x->ar.ran == BXA_TIER_AOT ? 0 : -1;
    }
    return 0;
}

static void drop(inst *x, bxa_tier tier)
{
    bx_store_free(x->s);
    if (tier == BXA_TIER_AOT) bxa_detach(&x->ar);
    bx_module_free(x->m);
}

typedef struct outcome {
    bx_trap trap;
    uint32_t result;
    uint64_t fuel;
    int bad_live;
} outcome;

static int run(const uint8_t *b, size_t len, bxa_tier tier, const char *cache, uint64_t fuel, uint32_t k,
               uint32_t n, outcome *o)
{
    inst x;
    if (make(&x, b, len, tier, cache, fuel) != 0) {
        if (x.s) drop(&x, tier);
        return -1;
    }
    bx_extern ex;
    memset(o, 0, sizeof *o);
    if (!bx_instance_export(x.i, "outer", &ex)) {
        drop(&x, tier);
        return -1;
    }
    bx_val args[2] = {{.type = BX_I32, .bits = k}, {.type = BX_I32, .bits = n}}, r = {0};
    bx_error err;
    o->trap = bx_func_call(x.s, ex.of.func, args, 2, &r, 1, &err) == BX_OK ? BX_TRAP_NONE : err.trap;
    o->result = (uint32_t)r.bits;
    o->fuel = bx_store_fuel_used(x.s);
    o->bad_live = x.bad_live;
    drop(&x, tier);
    return 0;
}

#if defined(__x86_64__)
typedef bx_trap (*entry_fn)(bx_store *s, bx_func *f, uint64_t *slots);
/* fn(s, f, slots) with r15 = sentinel; *r15_after what r15 held after it.
 * The red zone is stepped over; every caller-saved register is clobbered. */
static bx_trap call_r15(entry_fn fn, bx_store *s, bx_func *f, uint64_t *slots, uint64_t sentinel,
                        uint64_t *r15_after)
{
    uint64_t out, rax;
    __asm__ volatile("push %%r15\n\t"
                     "mov %[sen], %%r15\n\t"
                     "sub $136, %%rsp\n\t"
                     "call *%[fn]\n\t"
                     "add $136, %%rsp\n\t"
                     "mov %%r15, %[out]\n\t"
                     "pop %%r15"
                     : [out] "=&b"(out), "=a"(rax), "+D"(s), "+S"(f), "+d"(slots), [fn] "+c"(fn)
                     : [sen] "r"(sentinel)
                     : "r8", "r9", "r10", "r11", "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",
                       "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    *r15_after = out;
    return (bx_trap)rax;
}

static void check_r15(const uint8_t *b, size_t len, const char *cache)
{
    inst x;
    if (make(&x, b, len, BXA_TIER_AOT, cache, 0) != 0) {
        if (x.s) drop(&x, BXA_TIER_AOT);
        nskip++;
        return;
    }
    bx_extern ex;
    if (!bx_instance_export(x.i, "work", &ex) || !ex.of.func->aot_entry) {
        CHECK(0, "r15: no compiled entry point for work");
        drop(&x, BXA_TIER_AOT);
        return;
    }
    bx_func *f = ex.of.func;
    static const uint64_t sen[] = {0x5a5a1234abcd0001ull, 0xffffffffffffffffull, 0};
    for (size_t i = 0; i < sizeof sen / sizeof sen[0]; i++) {
        uint64_t sl[2] = {100, 0}, after = 0;
        bx_trap t = call_r15(f->aot_entry, x.s, f, sl, sen[i], &after);
        CHECK(t == BX_TRAP_NONE && after == sen[i], "r15 after a return: trap %d, r15 %llx (was %llx)", (int)t,
              (unsigned long long)after, (unsigned long long)sen[i]);
        uint64_t sl2[2] = {100, 65530};   /* out of bounds: the fault's trap */
        t = call_r15(f->aot_entry, x.s, f, sl2, sen[i], &after);
        CHECK(t == BX_TRAP_MEMORY_OOB && after == sen[i], "r15 after a trap: trap %d, r15 %llx (was %llx)", (int)t,
              (unsigned long long)after, (unsigned long long)sen[i]);
    }
    drop(&x, BXA_TIER_AOT);
}
#endif

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: reenter_test REENTER.wasm CACHE_DIR\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    uint8_t *b = malloc(1 << 16);
    size_t len = f && b ? fread(b, 1, 1 << 16, f) : 0;
    if (f) fclose(f);
    if (!len) {
        printf("FAIL cannot read %s\n0 passed, 1 failed, 0 skipped\n", argv[1]);
        return 1;
    }
    /* k crossings of n iterations; the fuel budget (0: none); what it must give */
    static const struct { uint32_t k, n; uint64_t fuel; bx_trap want; } cs[] = {
        {3, 10, 0, BX_TRAP_NONE},
        {40, 1000, 0, BX_TRAP_NONE},
        {40, 1000, 100000000, BX_TRAP_NONE},
        {40, 1000, 20000, BX_TRAP_FUEL_EXHAUSTED},   /* in an inner call, past a slice */
        {40, 1000, 16384, BX_TRAP_FUEL_EXHAUSTED},
        {40, 1000, 333, BX_TRAP_FUEL_EXHAUSTED},
        {70, 20, 0, BX_TRAP_MEMORY_OOB},             /* 70 * 1024 + ... > 64 KiB: a fault inside */
        {70, 20, 1000000000, BX_TRAP_MEMORY_OOB},
    };
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        outcome in, ao;
        if (run(b, len, BXA_TIER_INTERP, argv[2], cs[i].fuel, cs[i].k, cs[i].n, &in) != 0) {
            CHECK(0, "case %zu: the interpreter's instance could not be made", i);
            continue;
        }
        if (run(b, len, BXA_TIER_AOT, argv[2], cs[i].fuel, cs[i].k, cs[i].n, &ao) != 0) {
            nskip++;   /* no compiler: nothing to compare */
            continue;
        }
        CHECK(in.trap == cs[i].want, "case %zu: the interpreter trapped %d, the case wants %d", i, (int)in.trap,
              (int)cs[i].want);
        CHECK(ao.trap == in.trap && ao.fuel == in.fuel && (in.trap != BX_TRAP_NONE || ao.result == in.result),
              "case %zu: aot trap %d result %u fuel %llu, interpreter trap %d result %u fuel %llu", i, (int)ao.trap,
              ao.result, (unsigned long long)ao.fuel, (int)in.trap, in.result, (unsigned long long)in.fuel);
        CHECK(!ao.bad_live && !in.bad_live, "case %zu: the host's values changed across an inner call", i);
    }
#if defined(__x86_64__)
    check_r15(b, len, argv[2]);
#endif
    free(b);
    printf("%d passed, %d failed, %d skipped\n", npass, nfail, nskip);
    return nfail != 0;
}
