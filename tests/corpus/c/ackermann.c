/* Deep recursion: Ackermann, Fibonacci, Hanoi move count, mutual recursion. */
#include <stdio.h>
#include <stdint.h>
static int32_t ack(int32_t m, int32_t n) { return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1)); }
static int64_t fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int64_t hanoi(int n, int a, int b, int c) { return n == 0 ? 0 : hanoi(n - 1, a, c, b) + 1 + hanoi(n - 1, c, b, a); }
static int is_odd(uint32_t n);
static int is_even(uint32_t n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(uint32_t n) { return n == 0 ? 0 : is_even(n - 1); }
int main(void) {
    printf("ack(2,3)=%d ack(3,3)=%d ack(3,5)=%d\n", (int)ack(2, 3), (int)ack(3, 3), (int)ack(3, 5));
    printf("fib(25)=%lld hanoi(16)=%lld\n", (long long)fib(25), (long long)hanoi(16, 1, 2, 3));
    printf("even(1001)=%d odd(777)=%d\n", is_even(1001), is_odd(777));
    return 0;
}
