/* Tail calls: with -mtail-call (clang defines __wasm_tail_call__) the calls
 * below are musttail, i.e. return_call / return_call_indirect, and recurse
 * 10 million deep -- only possible in constant stack.  Without the feature
 * (and natively) the same code recurses 1000 deep with ordinary calls.
 * The output does not depend on which. */
#include <stdio.h>
#include <stdint.h>
#if defined(__wasm_tail_call__)
#define TAIL __attribute__((musttail))
#define DEPTH 10000000u
/* clang-14 -O0 keeps step_*'s shadow-stack frame across the musttail
 * (V8 overflows that stack too): the indirect chain goes deep only when
 * optimized. */
#if defined(__OPTIMIZE__)
#define IDEPTH DEPTH
#else
#define IDEPTH 1000u
#endif
#else
#define IDEPTH 1000u
#define TAIL
#define DEPTH 1000u
#endif
static int is_odd(uint32_t n, uint32_t acc);
static int is_even(uint32_t n, uint32_t acc) { if (n == 0) return (int)(acc & 1); TAIL return is_odd(n - 1, acc + 1); }
static int is_odd(uint32_t n, uint32_t acc) { if (n == 0) return (int)(~acc & 1); TAIL return is_even(n - 1, acc + 3); }
typedef uint64_t (*step_fn)(uint64_t, uint32_t);
static uint64_t step_a(uint64_t h, uint32_t n);
static uint64_t step_b(uint64_t h, uint32_t n);
static step_fn volatile table[2] = { step_a, step_b };
static uint64_t step_a(uint64_t h, uint32_t n) { if (n == 0) return h; h = h * 31 + 7; TAIL return table[n & 1](h, n - 1); }
static uint64_t step_b(uint64_t h, uint32_t n) { if (n == 0) return h; h ^= h >> 3; TAIL return table[(n >> 1) & 1](h, n - 1); }
int main(void) {
    printf("even(%s) -> %d\n", "DEPTH", is_even(DEPTH, 0));
    uint64_t h = step_a(1, IDEPTH);
    printf("indirect chain nonzero %d\n", h != 0);
    return 0;
}
