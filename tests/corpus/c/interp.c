/* A tiny bytecode VM dispatching through a table of handlers (indirect calls). */
#include <stdio.h>
#include <stdint.h>
typedef struct vm { int64_t st[64]; int sp; int pc; } vm;
typedef void (*op_fn)(vm *, int64_t);
static void op_push(vm *m, int64_t a) { m->st[m->sp++] = a; }
static void op_add(vm *m, int64_t a) { (void)a; m->sp--; m->st[m->sp - 1] += m->st[m->sp]; }
static void op_mul(vm *m, int64_t a) { (void)a; m->sp--; m->st[m->sp - 1] *= m->st[m->sp]; }
static void op_dup(vm *m, int64_t a) { (void)a; m->st[m->sp] = m->st[m->sp - 1]; m->sp++; }
static void op_dec(vm *m, int64_t a) { (void)a; m->st[m->sp - 1]--; }
static void op_jnz(vm *m, int64_t a) { if (m->st[--m->sp]) m->pc = (int)a - 1; }
static void op_swap(vm *m, int64_t a) { (void)a; int64_t t = m->st[m->sp - 1]; m->st[m->sp - 1] = m->st[m->sp - 2]; m->st[m->sp - 2] = t; }
static void op_over(vm *m, int64_t a) { (void)a; m->st[m->sp] = m->st[m->sp - 2]; m->sp++; }
static void op_drop(vm *m, int64_t a) { (void)a; m->sp--; }
enum { PUSH, ADD, MUL, DUP, DEC, JNZ, SWAP, OVER, DROP };
static const op_fn ops[] = { op_push, op_add, op_mul, op_dup, op_dec, op_jnz, op_swap, op_over, op_drop };
int main(void) {
    /* factorial of n for n = 1..20: acc n -> loop: acc*=n; n--; jnz */
    for (int n = 1; n <= 20; n += 3) {
        const int64_t prog[][2] = { {PUSH, 1}, {PUSH, n}, {DUP, 0}, {JNZ, 5}, {DROP, 0},
            {SWAP, 0}, {OVER, 0}, {MUL, 0}, {SWAP, 0}, {DEC, 0}, {DUP, 0}, {JNZ, 5}, {DROP, 0} };
        vm m = { .sp = 0 };
        int steps = 0;
        for (m.pc = 0; m.pc < (int)(sizeof prog / sizeof prog[0]); m.pc++, steps++) ops[prog[m.pc][0]](&m, prog[m.pc][1]);
        printf("%d! = %lld (%d steps)\n", n, (long long)m.st[0], steps);
    }
    return 0;
}
