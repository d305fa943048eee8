/* argv and exit status: prints its arguments reversed and exits with argc. */
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
    for (int i = argc - 1; i >= 1; i--) { size_t n = strlen(argv[i]); printf("%d:", i); for (size_t k = n; k-- > 0;) putchar(argv[i][k]); putchar('\n'); }
    fprintf(stderr, "done\n");
    return argc;
}
