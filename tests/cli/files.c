/* files read PATH        prints the file's contents; exit 1 if it cannot
 * files write PATH TEXT  writes TEXT (truncating); prints "write ok" or
 *                        "write failed: ERR" and exits 1
 * files stdin            copies stdin to stdout */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "stdin") == 0) {
        int c;
        while ((c = getchar()) != EOF)
            putchar(c);
        return 0;
    }
    if (argc >= 3 && strcmp(argv[1], "read") == 0) {
        FILE *f = fopen(argv[2], "r");
        if (!f) {
            printf("read failed: %s\n", strerror(errno));
            return 1;
        }
        char buf[256];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            fwrite(buf, 1, n, stdout);
        fclose(f);
        return 0;
    }
    if (argc >= 4 && strcmp(argv[1], "write") == 0) {
        FILE *f = fopen(argv[2], "w");
        if (!f) {
            printf("write failed: %s\n", strerror(errno));
            return 1;
        }
        if (fputs(argv[3], f) < 0 || fclose(f) != 0) {
            printf("write failed: %s\n", strerror(errno));
            return 1;
        }
        printf("write ok\n");
        return 0;
    }
    fprintf(stderr, "usage: files read PATH | files write PATH TEXT | files stdin\n");
    return 2;
}
