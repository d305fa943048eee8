/*
 * trace.c — WASI guest for the differential against Node (t_node_diff.sh):
 * a fixed sequence of operations on the preopen /w (fd 3, empty at the
 * start), printing what each returned, one "key: value" line each, so the
 * two runtimes' answers can be compared line by line.  Nothing here
 * asserts: the comparison is the test.  Values that legitimately differ
 * between runs (inode numbers, times) are never printed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#define W 3
#define RW (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | \
            __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS)

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* All names in DIR (libc readdir), sorted, space-separated. */
static void ls(const char *key, const char *dir)
{
    char *names[64];
    int n = 0;
    struct dirent *de;
    DIR *d = opendir(dir);
    printf("%s:", key);
    if (!d) {
        printf(" errno %d\n", errno);
        return;
    }
    while ((de = readdir(d)) && n < 64)
        names[n++] = strdup(de->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void pstat(const char *key, int follow, const char *p)
{
    __wasi_filestat_t st;
    int e = __wasi_path_filestat_get(W, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, p, &st);
    if (e)
        printf("%s: errno %d\n", key, e);
    else
        printf("%s: type %d size %llu nlink %llu\n", key, st.filetype, (unsigned long long)st.size,
               (unsigned long long)st.nlink);
}

static __wasi_fd_t xopen(const char *key, const char *p, __wasi_oflags_t of, __wasi_rights_t base,
                         __wasi_fdflags_t ff)
{
    __wasi_fd_t fd = (__wasi_fd_t)-1;
    int e = __wasi_path_open(W, 0, p, of, base, 0, ff, &fd);
    printf("%s: errno %d\n", key, e);
    return e ? (__wasi_fd_t)-1 : fd;
}

static void put(__wasi_fd_t fd, const char *key, const char *s)
{
    __wasi_ciovec_t iov = { (const uint8_t *)s, strlen(s) };
    __wasi_size_t n = 0;
    int e = __wasi_fd_write(fd, &iov, 1, &n);
    printf("%s: errno %d wrote %u\n", key, e, (unsigned)n);
}

static void cat(const char *key, const char *p)
{
    char buf[256];
    FILE *f = fopen(p, "r");
    size_t n;
    if (!f) {
        printf("%s: errno %d\n", key, errno);
        return;
    }
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '\n' || buf[i] == 0)
            buf[i] = '|';
    printf("%s: %zu \"%s\"\n", key, n, buf);
}

int main(int argc, char **argv)
{
    __wasi_fd_t fd;
    __wasi_filesize_t off = 0;
    char name[300];

    /* args and environment */
    for (int i = 1; i < argc; i++)
        printf("arg %d: %s\n", i, argv[i]);
    {
        int n = 0;
        for (char **e = environ; e && *e; e++)
            printf("env %d: %s\n", n++, *e);
    }
    /* a file: write, seek, tell, pread, pwrite, truncate, append */
    fd = xopen("create f", "f", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RW, 0);
    put(fd, "write f", "hello world\n");
    printf("seek set 6: errno %d", __wasi_fd_seek(fd, 6, __WASI_WHENCE_SET, &off));
    printf(" off %llu\n", (unsigned long long)off);
    put(fd, "overwrite", "WORLD");
    printf("tell: errno %d", __wasi_fd_tell(fd, &off));
    printf(" off %llu\n", (unsigned long long)off);
    printf("seek end -1: errno %d", __wasi_fd_seek(fd, -1, __WASI_WHENCE_END, &off));
    printf(" off %llu\n", (unsigned long long)off);
    printf("seek before 0: errno %d\n", __wasi_fd_seek(fd, -100, __WASI_WHENCE_SET, &off));
    {
        char b[8] = {0};
        __wasi_iovec_t iov = { (uint8_t *)b, 5 };
        __wasi_size_t n = 0;
        int e = __wasi_fd_pread(fd, &iov, 1, 0, &n);
        printf("pread 0: errno %d got %u \"%.*s\"\n", e, (unsigned)n, (int)n, b);
        e = __wasi_fd_pread(fd, &iov, 1, 100, &n);
        printf("pread past end: errno %d got %u\n", e, (unsigned)n);
    }
    {
        __wasi_ciovec_t iov = { (const uint8_t *)"J", 1 };
        __wasi_size_t n = 0;
        int e = __wasi_fd_pwrite(fd, &iov, 1, 0, &n);
        printf("pwrite 0: errno %d wrote %u\n", e, (unsigned)n);
        e = __wasi_fd_pwrite(fd, &iov, 1, 20, &n);
        printf("pwrite past end: errno %d wrote %u\n", e, (unsigned)n);
    }
    {
        __wasi_filestat_t st;
        int e = __wasi_fd_filestat_get(fd, &st);
        printf("fstat f: errno %d type %d size %llu\n", e, st.filetype, (unsigned long long)st.size);
        e = __wasi_fd_filestat_set_size(fd, 5);
        printf("truncate 5: errno %d\n", e);
    }
    {
        __wasi_fdstat_t st;
        int e = __wasi_fd_fdstat_get(fd, &st);
        printf("fdstat f: errno %d type %d\n", e, st.fs_filetype);
    }
    printf("close f: errno %d\n", __wasi_fd_close(fd));
    printf("close f again: errno %d\n", __wasi_fd_close(fd));
    cat("cat f", "/w/f");
    fd = xopen("open f append", "f", 0, RW, __WASI_FDFLAGS_APPEND);
    put(fd, "append", "++");
    printf("close: errno %d\n", __wasi_fd_close(fd));
    cat("cat f appended", "/w/f");
    fd = xopen("open f trunc", "f", __WASI_OFLAGS_TRUNC, RW, 0);
    printf("close: errno %d\n", __wasi_fd_close(fd));
    pstat("stat f truncated", 0, "f");
    xopen("create f excl again", "f", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RW, 0);
    xopen("open missing", "missing", 0, RW, 0);
    xopen("open f as dir", "f", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0);
    /* directories */
    printf("mkdir d: errno %d\n", __wasi_path_create_directory(W, "d"));
    printf("mkdir d again: errno %d\n", __wasi_path_create_directory(W, "d"));
    printf("mkdir missing parent: errno %d\n", __wasi_path_create_directory(W, "no/such"));
    {
        const char *kids[] = { "d/x", "d/y", "d/z" };
        for (int i = 0; i < 3; i++) {
            FILE *f = fopen(kids[i][0] == 'd' ? (i == 0 ? "/w/d/x" : i == 1 ? "/w/d/y" : "/w/d/z") : "", "w");
            if (f) {
                fputs(kids[i], f);
                fclose(f);
            }
        }
    }
    ls("ls d", "/w/d");
    ls("ls w", "/w");
    pstat("stat d", 0, "d");
    printf("rename d/x d/w: errno %d\n", __wasi_path_rename(W, "d/x", W, "d/w"));
    printf("rename missing: errno %d\n", __wasi_path_rename(W, "d/nope", W, "d/v"));
    printf("rename file over dir: errno %d\n", __wasi_path_rename(W, "f", W, "d"));
    ls("ls d renamed", "/w/d");
    printf("rmdir non-empty: errno %d\n", __wasi_path_remove_directory(W, "d"));
    printf("rmdir a file: errno %d\n", __wasi_path_remove_directory(W, "f"));
    printf("unlink a dir: errno %d\n", __wasi_path_unlink_file(W, "d") != 0);
    /* links */
    printf("link f g: errno %d\n", __wasi_path_link(W, 0, "f", W, "g"));
    pstat("stat g", 0, "g");
    printf("link onto existing: errno %d\n", __wasi_path_link(W, 0, "f", W, "g"));
    printf("symlink f sl: errno %d\n", __wasi_path_symlink("f", W, "sl"));
    printf("symlink d dl: errno %d\n", __wasi_path_symlink("d", W, "dl"));
    {
        char b[64];
        __wasi_size_t n = 0;
        int e = __wasi_path_readlink(W, "sl", (uint8_t *)b, sizeof b, &n);
        printf("readlink sl: errno %d \"%.*s\"\n", e, (int)(e ? 0 : n), b);
        e = __wasi_path_readlink(W, "f", (uint8_t *)b, sizeof b, &n);
        printf("readlink a file: errno %d\n", e);
    }
    pstat("lstat sl", 0, "sl");
    pstat("stat sl", 1, "sl");
    pstat("stat dl/y", 1, "dl/y");
    cat("cat through dl", "/w/dl/y");
    printf("unlink sl: errno %d\n", __wasi_path_unlink_file(W, "sl"));
    printf("unlink dl: errno %d\n", __wasi_path_unlink_file(W, "dl"));
    printf("unlink missing: errno %d\n", __wasi_path_unlink_file(W, "sl"));
    ls("ls w after", "/w");
    /* confinement: the same refusal from both */
    xopen("open ..", "../x", 0, RW, 0);
    xopen("open d/../../x", "d/../../x", 0, RW, 0);
    xopen("open absolute", "/etc/passwd", 0, __WASI_RIGHTS_FD_READ, 0);
    printf("symlink out then open: errno %d", __wasi_path_symlink("../outside", W, "out"));
    xopen(" ->", "out/x", 0, __WASI_RIGHTS_FD_READ, 0);
    memset(name, 'n', 256);
    name[256] = 0;
    xopen("open 256-byte name", name, 0, __WASI_RIGHTS_FD_READ, 0);
    /* libc over the same: stat, access, rename, remove */
    {
        struct stat st;
        printf("libc stat f: %d size %lld\n", stat("/w/f", &st), (long long)(stat("/w/f", &st) ? -1 : st.st_size));
        printf("libc access g: %d\n", access("/w/g", R_OK));
        printf("libc rename g h: %d\n", rename("/w/g", "/w/h"));
        printf("libc remove h: %d\n", remove("/w/h"));
        printf("libc unlink d/*: %d %d %d\n", unlink("/w/d/w"), unlink("/w/d/y"), unlink("/w/d/z"));
        printf("libc rmdir d: %d\n", rmdir("/w/d"));
    }
    ls("ls w end", "/w");
    return 3;   /* an exit code other than 0, compared too */
}
