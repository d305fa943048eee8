/* Grows linear memory one page at a time until memory.grow returns -1;
 * prints "INITIAL_PAGES GROWS". */
#include <stdio.h>

int main(void)
{
    unsigned long initial = __builtin_wasm_memory_size(0);
    unsigned long grows = 0;
    while (__builtin_wasm_memory_grow(0, 1) != (unsigned long)-1)
        grows++;
    printf("%lu %lu\n", initial, grows);
    return 0;
}
