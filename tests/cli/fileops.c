/* fileops OP ARGS... — one file-system operation, its outcome on stdout:
 *   ls DIR             the entries other than . and .., sorted, one a line
 *   stat PATH          "file", "dir", "link" or "other"
 *   rename FROM TO | link FROM TO | symlink TARGET NAME | create PATH
 * Prints "ok" (or the listing) and exits 0, else "err NAME" (errno's
 * symbolic name) and exits 1. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(void)
{
    static const struct { int e; const char *name; } names[] = {
        {ENOENT, "ENOENT"}, {EACCES, "EACCES"}, {EPERM, "EPERM"}, {EROFS, "EROFS"},
        {ENOTCAPABLE, "ENOTCAPABLE"}, {EEXIST, "EEXIST"}, {ENOTDIR, "ENOTDIR"},
        {EISDIR, "EISDIR"}, {EXDEV, "EXDEV"}, {ELOOP, "ELOOP"}, {EINVAL, "EINVAL"},
    };
    int e = errno;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i].e == e) {
            printf("err %s\n", names[i].name);
            return 1;
        }
    }
    printf("err %d\n", e);
    return 1;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    const char *op = argc > 1 ? argv[1] : "";
    if (!strcmp(op, "ls") && argc == 3) {
        char *names[256];
        size_t n = 0;
        struct dirent *de;
        DIR *d = opendir(argv[2]);
        if (!d)
            return fail();
        while ((de = readdir(d)) && n < 256)
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
                names[n++] = strdup(de->d_name);
        closedir(d);
        qsort(names, n, sizeof names[0], cmp);
        for (size_t i = 0; i < n; i++)
            printf("%s\n", names[i]);
        return 0;
    }
    if (!strcmp(op, "stat") && argc == 3) {
        struct stat st;
        if (lstat(argv[2], &st) != 0)
            return fail();
        puts(S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "link" : "other");
        return 0;
    }
    if (!strcmp(op, "create") && argc == 3) {
        int fd = open(argv[2], O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0)
            return fail();
        close(fd);
        puts("ok");
        return 0;
    }
    if (argc == 4 && (!strcmp(op, "rename") || !strcmp(op, "link") || !strcmp(op, "symlink"))) {
        int r = !strcmp(op, "rename") ? rename(argv[2], argv[3])
              : !strcmp(op, "link")   ? link(argv[2], argv[3])
                                      : symlink(argv[2], argv[3]);
        if (r != 0)
            return fail();
        puts("ok");
        return 0;
    }
    fprintf(stderr, "usage: fileops ls|stat|create|rename|link|symlink ARGS\n");
    return 2;
}
