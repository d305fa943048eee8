/* Exits with status 7 through exit() (proc_exit). */
#include <stdlib.h>

int main(void)
{
    exit(7);
}
