/* denyloop PATH N [distinct | mod K] — opens PATH N times (or PATH0 ..
 * PATH<N-1> with "distinct", PATH<i mod K> with "mod K"), each expected to
 * be refused; for the audit log's
 * repeat and size caps (tests/disk/t_disk.sh).  Prints "refused K". */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    long n = atol(argv[2]), refused = 0;
    long mod = argc > 3 && !strcmp(argv[3], "distinct") ? n : argc > 4 && !strcmp(argv[3], "mod") ? atol(argv[4]) : 0;
    for (long i = 0; i < n; i++) {
        char name[600];
        if (mod > 0) snprintf(name, sizeof name, "%s%ld", argv[1], i % mod);
        else snprintf(name, sizeof name, "%s", argv[1]);
        int fd = open(name, O_RDONLY);
        if (fd < 0) refused++;
        else close(fd);
    }
    printf("refused %ld\n", refused);
    return 0;
}
