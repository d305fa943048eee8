/*
 * test_aslimit.c — a confined worker's RLIMIT_AS (bxc_as_limit) leaves
 * room for what the engine reserves at its caps: the guard regions, the
 * linear memories at max_memory, the compiled tier's private C stack
 * (2 x max_stack + 256 KiB, at most 1 GiB: it grows with max_stack), and
 * 256 MiB of code and heap besides.  Each layout is reserved for real in
 * a child under that limit.  And the arithmetic: no cap, no limit; a cap
 * too large to multiply, no limit either.
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"
#include "confine.h"

static __attribute__((unused)) int reserve(uint64_t n)
{
    void *p = mmap(NULL, n, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? -1 : 0;
}

/* 0 when the whole layout fits under bxc_as_limit(p) in a child */
static __attribute__((unused)) int fits(uint64_t max_memory, uint64_t max_stack)
{
    bxc_policy p;
    bxc_policy_init(&p);
    p.max_memory = max_memory;
    p.max_stack = max_stack;
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = { bxc_as_limit(&p), bxc_as_limit(&p) };
        if (setrlimit(RLIMIT_AS, &rl) != 0) _exit(3);
        uint64_t ms = max_stack ? max_stack : (uint64_t)1 << 20;
        uint64_t cs = 2 * ms + ((uint64_t)256 << 10);
        if (cs > ((uint64_t)1 << 30)) cs = (uint64_t)1 << 30;
        for (unsigned i = 0; i < BX_CONFINE_AS_GUARDS; i++)
            if (reserve(BX_CONFINE_GUARD_SPAN)) _exit(4);
        for (unsigned i = 0; i < BX_CONFINE_AS_MEMORIES; i++)
            if (reserve(max_memory)) _exit(5);
        if (reserve(cs)) _exit(6);
        if (reserve((uint64_t)256 << 20)) _exit(7);
        _exit(0);
    }
    int ws = 0;
    waitpid(pid, &ws, 0);
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : 100;
}

int main(void)
{
#if defined(__SANITIZE_ADDRESS__)
    printf("skip as-limit: AddressSanitizer's shadow spans terabytes\n");
    return check_report();
#else
    static const uint64_t mem[] = { (uint64_t)64 << 20, (uint64_t)1 << 30 };
    static const uint64_t stk[] = { 0, (uint64_t)64 << 20, (uint64_t)512 << 20, (uint64_t)4 << 30 };
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < 4; k++) {
            int r = fits(mem[i], stk[k]);
            CHECK(r == 0, "max_memory %llu MiB, max_stack %llu MiB: the engine's reservations fit under "
                  "RLIMIT_AS (child status %d: 4 guards, 5 memories, 6 C stack, 7 heap)",
                  (unsigned long long)(mem[i] >> 20), (unsigned long long)(stk[k] >> 20), r);
        }
    bxc_policy p;
    bxc_policy_init(&p);
    CHECK(bxc_as_limit(&p) == RLIM_INFINITY, "no memory cap: no RLIMIT_AS");
    p.max_memory = UINT64_MAX / 2;
    CHECK(bxc_as_limit(&p) == RLIM_INFINITY, "a cap too large to multiply: no RLIMIT_AS");
    p.max_memory = (uint64_t)64 << 20;
    uint64_t a = bxc_as_limit(&p);
    p.max_stack = (uint64_t)512 << 20;
    uint64_t b = bxc_as_limit(&p);
    CHECK(b >= a + ((uint64_t)1 << 30) - ((uint64_t)3 << 20),
          "a 512 MiB max_stack adds its 1 GiB C stack to the limit (%llu -> %llu)", (unsigned long long)a,
          (unsigned long long)b);
    return check_report();
#endif
}
