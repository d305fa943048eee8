/* fds PATH   opens PATH read-only until an open fails; prints
 *            "opened N: EMFILE" (or the errno's name/number) and exits 0
 *            when the failure was EMFILE/ENFILE, 1 otherwise.  The file
 *            descriptors are left open: the sandbox closes them. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    int n = 0, e = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: fds PATH\n");
        return 2;
    }
    for (;;) {
        if (n >= 100000)                /* never: the cap stops us first */
            break;
        if (open(argv[1], O_RDONLY) < 0) {
            e = errno;
            break;
        }
        n++;
    }
    if (e == EMFILE || e == ENFILE) {
        printf("opened %d: %s\n", n, e == EMFILE ? "EMFILE" : "ENFILE");
        return 0;
    }
    printf("opened %d: errno %d\n", n, e);
    return 1;
}
