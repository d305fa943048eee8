/* Writes 1000 'x' characters and a newline to stdout. */
#include <stdio.h>

int main(void)
{
    for (int i = 0; i < 1000; i++)
        putchar('x');
    putchar('\n');
    return 0;
}
