/* Unbounded recursion through a volatile function pointer, so the
 * compiler can neither turn it into a loop nor drop it; it uses only wasm
 * locals (no shadow-stack frames), so only the wasm stack grows. */
static int rec(int n);
static int (*volatile next)(int) = rec;

static int rec(int n)
{
    if (n == -1)
        return 0;
    return next(n + 1) * 3 + n;
}

int main(void)
{
    return next(0) == 42;
}
