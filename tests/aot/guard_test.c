/*
 * guard_test.c — the guard-region design of the compiled tier (rt.c,
 * store.c) where a CLI run cannot look: a fault in host code inside a live
 * guest reservation still crashes the process (in a child), a handler that
 * was installed before ours still gets the faults that are not the
 * guest's, two threads trap out of bounds at once each in its own
 * instance, and a host function that re-enters wasm gets the inner trap.
 *
 * Usage: guard_test GUARD.wasm HOST.wasm CACHE_DIR.  Prints one line per
 * failed check and "N passed, N failed[, N skipped]" last.  Needs a C
 * compiler (the tier compiles the modules into CACHE_DIR); without one, or
 * without guard regions on this host (an ASan build, RLIMIT_AS), the
 * checks that need them are skipped.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boxagnts.h"
#include "aot.h"
#include "runtime.h"

static int npass, nfail, nskip;
#define CHECK(c, ...) do { if (c) npass++; else { nfail++; printf("FAIL " __VA_ARGS__); printf("\n"); } } while (0)

static const char *cache_dir;
static uint8_t *gbytes, *hbytes;
static size_t glen, hlen;

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    uint8_t *b = malloc(1 << 20);
    size_t n = b ? fread(b, 1, 1 << 20, f) : 0;
    fclose(f);
    *len = n;
    return b;
}

/* One instance with the compiled tier bound (or NULL: why in ar->why). */
typedef struct inst {
    bx_module *m;
    bx_store *s;
    bx_instance *i;
    bxa_run ar;
} inst;

static bx_trap poke(bx_hostcall *hc, uint64_t *a);
static bx_trap reenter(bx_hostcall *hc, uint64_t *a);

static int make(inst *x, const uint8_t *bytes, size_t len, int host)
{
    bx_error err;
    memset(x, 0, sizeof *x);
    x->m = bx_module_new(bytes, len, &err);
    x->s = x->m ? bx_store_new(NULL) : NULL;
    if (!x->s) return -1;
    bx_extern im[2];
    uint32_t nim = 0;
    if (host) {
        static const bx_valtype p1[] = {BX_I32}, r1[] = {BX_I64};
        bx_functype t1 = {1, 0, p1, NULL}, t2 = {1, 1, p1, r1};
        im[0].kind = im[1].kind = BX_EXTERN_FUNC;
        im[0].of.func = bx_func_new_host(x->s, &t1, poke, NULL);
        im[1].of.func = bx_func_new_host(x->s, &t2, reenter, x);
        nim = 2;
    }
    x->i = bx_instance_new(x->s, x->m, im, nim, &err);
    if (!x->i) return -1;
    bxa_attach(&x->ar, BXA_TIER_AOT, x->m, cache_dir, x->s, x->i);
    return x->ar.ran == BXA_TIER_AOT ? 0 : -1;
}

static void drop(inst *x)
{
    bx_store_free(x->s);
    bxa_detach(&x->ar);
    bx_module_free(x->m);
}

/* Call export name(arg) -> i64; the trap kind (BX_TRAP_NONE on success). */
static bx_trap call(inst *x, const char *name, uint32_t arg, uint64_t *out)
{
    bx_extern ex;
    if (!bx_instance_export(x->i, name, &ex) || ex.kind != BX_EXTERN_FUNC) return BX_TRAP_HOST;
    bx_val a = {.type = BX_I32, .bits = arg}, r = {0};
    bx_error err;
    const bx_functype *ft = bx_func_type(ex.of.func);
    if (bx_func_call(x->s, ex.of.func, &a, 1, &r, ft->nresults, &err) != BX_OK) return err.trap;
    if (out) *out = r.bits;
    return BX_TRAP_NONE;
}

/* A host function with a bug: it reads guest memory at the guest's offset
 * without checking it against mem_size. */
static bx_trap poke(bx_hostcall *hc, uint64_t *a)
{
    volatile uint8_t *p = hc->mem + (uint32_t)a[0];
    (void)*p;
    return BX_TRAP_NONE;
}

/* A host function that calls back into the guest ("l_i64" at a[0]) and
 * returns the inner call's trap kind as its result. */
static bx_trap reenter(bx_hostcall *hc, uint64_t *a)
{
    inst *x = hc->user;
    bx_extern ex;
    if (!bx_instance_export(x->i, "l_i64", &ex)) return BX_TRAP_HOST;
    bx_val arg = {.type = BX_I32, .bits = (uint32_t)a[0]}, r = {0};
    bx_error err;
    bx_status st = bx_func_call(hc->store, ex.of.func, &arg, 1, &r, 1, &err);
    a[0] = st == BX_OK ? 0 : (uint64_t)err.trap;
    return BX_TRAP_NONE;
}

static void prior_handler(int sig)
{
    (void)sig;
    _exit(42);
}

/* In a child: what ends it (exit status or 128 + signal). */
static int in_child(int (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(fn());
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid) return -1;
    return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

static int child_host_ok(void)
{
    inst x;
    if (make(&x, hbytes, hlen, 1) != 0) return 3;
    return call(&x, "poke", 100, NULL) == BX_TRAP_NONE ? 0 : 4;
}

static int child_host_bug(void)
{
    inst x;
    if (make(&x, hbytes, hlen, 1) != 0) return 3;
    /* past the memory's size, inside its guard reservation */
    call(&x, "poke", 70000, NULL);
    return 0;   /* survived: wrong */
}

static int child_after_call(void)
{
    inst x;
    if (make(&x, gbytes, glen, 0) != 0) return 3;
    if (call(&x, "l_i64", 65536, NULL) != BX_TRAP_MEMORY_OOB) return 4;
    /* no guest code running: a host access in the reservation is a bug */
    volatile uint8_t *p = x.i->mems[0]->data + 65536 + 100;
    (void)*p;
    return 0;
}

static int child_chain(void)
{
    /* installed before the tier's handler (this child binds nothing before) */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = prior_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    inst x;
    if (make(&x, hbytes, hlen, 1) != 0) return 3;
    /* the guest's fault is still a trap, not the prior handler's */
    if (call(&x, "load", 70000, NULL) != BX_TRAP_MEMORY_OOB) return 5;
    call(&x, "poke", 70000, NULL);   /* the host's: chained to prior_handler */
    return 0;
}

/* A SIGSEGV sent by kill() is no fault: the handler must not eat it (it
 * has no fault address, and returning would leave the handler removed). */
static int child_sent_signal(void)
{
    inst x;
    if (make(&x, gbytes, glen, 0) != 0) return 3;
    if (call(&x, "l_i64", 65536, NULL) != BX_TRAP_MEMORY_OOB) return 4;
    kill(getpid(), SIGSEGV);
    return 0;   /* survived: wrong */
}

typedef struct worker {
    int traps, oks, wrong;
    char why[160];
} worker;

static void *thread_main(void *arg)
{
    worker *w = arg;
    inst x;
    if (make(&x, gbytes, glen, 0) != 0) {
        snprintf(w->why, sizeof w->why, "%s", x.ar.why);
        w->wrong = -1;
        return NULL;
    }
    for (int k = 0; k < 400; k++) {
        uint64_t v = 0;
        /* every width past the end, then an in-bounds store and load */
        bx_trap t1 = call(&x, k % 2 ? "l_i64" : "s_8", 65536 + (uint32_t)k, NULL);
        bx_trap t2 = call(&x, "l_max", (uint32_t)k * 977u, NULL);
        bx_trap t3 = call(&x, "s_i64", 8, &v);
        if (t1 == BX_TRAP_MEMORY_OOB && t2 == BX_TRAP_MEMORY_OOB) w->traps++;
        else w->wrong++;
        if (t3 == BX_TRAP_NONE && v == 0xFF) w->oks++;
        else w->wrong++;
    }
    drop(&x);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: guard_test GUARD.wasm HOST.wasm CACHE_DIR\n");
        return 2;
    }
    cache_dir = argv[3];
    gbytes = slurp(argv[1], &glen);
    hbytes = slurp(argv[2], &hlen);
    if (!gbytes || !hbytes) {
        printf("cannot read the modules\n0 passed, 1 failed\n");
        return 1;
    }
    /* first, while this process has bound nothing: a handler installed
     * before the tier's still gets the faults that are not the guest's */
    int rc = in_child(child_chain);
    if (rc == 3) nskip++;
    else CHECK(rc == 42, "prior SIGSEGV handler not chained: child ended %d (want 42)", rc);

    /* does this host give guard regions at all? */
    inst probe;
    int have = make(&probe, gbytes, glen, 0) == 0;
    int guarded = have && bxa_module_guarded(probe.ar.am) && probe.i->mems[0]->guarded;
    if (have) drop(&probe);
    if (!have) {
        printf("the compiled tier is not available here: %s\n%d passed, %d failed, %d skipped\n", probe.ar.why, npass, nfail, nskip + 7);
        return 0;
    }
    if (!guarded) {
        printf("no guard regions on this host (explicit checks): the fault checks are skipped\n");
        nskip += 4;
    } else {
        CHECK(in_child(child_host_ok) == 0, "host reading in bounds: child ended %d", in_child(child_host_ok));
        int r = in_child(child_host_bug);
        CHECK(r == 128 + SIGSEGV, "host fault in the guard region during a call: child ended %d (want SIGSEGV)", r);
        r = in_child(child_after_call);
        CHECK(r == 128 + SIGSEGV, "host fault in the guard region after a call: child ended %d (want SIGSEGV)", r);
        r = in_child(child_sent_signal);
        CHECK(r == 128 + SIGSEGV, "a SIGSEGV sent by kill() keeps its default action: child ended %d (want SIGSEGV)", r);
    }

    /* two threads trapping at once, each in its own store and instance */
    pthread_t th[2];
    worker w[2];
    memset(w, 0, sizeof w);
    for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, thread_main, &w[i]);
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    for (int i = 0; i < 2; i++)
        CHECK(w[i].wrong == 0 && w[i].traps == 400 && w[i].oks == 400,
              "thread %d: %d traps, %d in-bounds results, %d wrong %s", i, w[i].traps, w[i].oks, w[i].wrong, w[i].why);

    /* program order: the store before the faulting load is done, the one
     * after it is not */
    inst o;
    if (make(&o, gbytes, glen, 0) == 0) {
        uint64_t a = 1, b = 1;
        bx_trap t1 = call(&o, "order", 65536, NULL), t2 = call(&o, "order2", 65536, NULL);
        bx_trap t3 = call(&o, "l_8u", 100, &a), t4 = call(&o, "l_8u", 101, &b);
        CHECK(t1 == BX_TRAP_MEMORY_OOB && t2 == BX_TRAP_MEMORY_OOB && t3 == BX_TRAP_NONE && t4 == BX_TRAP_NONE &&
                  a == 85 && b == 0,
              "order: traps %d %d, byte 100 = %llu (want 85), byte 101 = %llu (want 0)", (int)t1, (int)t2,
              (unsigned long long)a, (unsigned long long)b);
        drop(&o);
    } else {
        CHECK(0, "order: %s", o.ar.why);
    }

    /* re-entry: the inner call traps, the outer goes on */
    inst x;
    if (make(&x, hbytes, hlen, 1) == 0) {
        uint64_t v = 1;
        bx_trap t = call(&x, "reenter", 65536, &v);
        CHECK(t == BX_TRAP_NONE && v == BX_TRAP_MEMORY_OOB, "re-entry: outer trap %d, inner %llu", (int)t,
              (unsigned long long)v);
        t = call(&x, "load", 65536, NULL);
        CHECK(t == BX_TRAP_MEMORY_OOB, "after re-entry: trap %d", (int)t);
        drop(&x);
    } else {
        CHECK(0, "host module: %s", x.ar.why);
    }
    printf("%d passed, %d failed, %d skipped\n", npass, nfail, nskip);
    return nfail != 0;
}
