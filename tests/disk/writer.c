/* writer MODE ARGS... — writes to the granted filesystem until told to stop
 * or refused, for tests/disk/t_disk.sh (--max-write).  Prints
 * "wrote N err NAME" (NAME: errno's name, or "none") and exits 0.
 *   big FILE N            one write(2) of N bytes
 *   small FILE N CHUNK    writes of CHUNK bytes until N bytes or an error
 *   pwrite FILE OFF N K   K pwrites of N bytes at OFF, OFF+step, ... (1 GiB apart)
 *   files PREFIX K N      K files PREFIX0.. of N bytes each, one write each
 *   mkdirs PREFIX K       K directories
 *   allocate FILE N       posix_fallocate(0, N)
 *   rewrite FILE N K      K times: open with O_TRUNC, write N bytes
 * As a tool (manifest "input": "argv"): --args "MODE ARGS..." */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *ename(int e)
{
    switch (e) {
    case 0: return "none";
    case EDQUOT: return "EDQUOT";
    case ENOSPC: return "ENOSPC";
    case EFBIG: return "EFBIG";
    case ENOENT: return "ENOENT";
    case EINVAL: return "EINVAL";
    default: return "other";
    }
}

static long long total;
static int err;

static void put(int fd, const char *buf, long long n, long long off)
{
    while (n > 0 && !err) {
        ssize_t k = off < 0 ? write(fd, buf, (size_t)n) : pwrite(fd, buf, (size_t)n, (off_t)off);
        if (k < 0) { err = errno; break; }
        if (k == 0) { err = EIO; break; }
        total += k;
        n -= k;
        buf += k;
        if (off >= 0) off += k;
    }
}

int main(int argc, char **argv)
{
    char *split[16];
    if (argc == 3 && !strcmp(argv[1], "--args")) {
        int n = 1;
        split[0] = argv[0];
        for (char *t = strtok(argv[2], " "); t && n < 15; t = strtok(NULL, " ")) split[n++] = t;
        split[n] = NULL;
        argc = n;
        argv = split;
    }
    const char *m = argc > 1 ? argv[1] : "";
    static char buf[1 << 20];
    memset(buf, 'x', sizeof buf);
    if (!strcmp(m, "big") && argc == 4) {
        long long n = atoll(argv[3]);
        char *b = malloc((size_t)n);
        int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (!b || fd < 0) { printf("setup failed %s\n", strerror(errno)); return 1; }
        memset(b, 'y', (size_t)n);
        ssize_t k = write(fd, b, (size_t)n);   /* one call: a short count is the answer */
        if (k < 0) err = errno; else total = k;
        if (!err && k < n) {                    /* and the next write is refused */
            if (write(fd, b, 1) < 0) err = errno;
        }
        close(fd);
    } else if (!strcmp(m, "small") && argc == 5) {
        long long n = atoll(argv[3]), c = atoll(argv[4]);
        int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { printf("setup failed %s\n", strerror(errno)); return 1; }
        while (total < n && !err) put(fd, buf, c, -1);
        close(fd);
    } else if (!strcmp(m, "pwrite") && argc == 6) {
        long long off = atoll(argv[3]), n = atoll(argv[4]), k = atoll(argv[5]);
        int fd = open(argv[2], O_WRONLY | O_CREAT, 0644);
        if (fd < 0) { printf("setup failed %s\n", strerror(errno)); return 1; }
        for (long long i = 0; i < k && !err; i++) put(fd, buf, n, off + i * (1LL << 30));
        close(fd);
    } else if (!strcmp(m, "files") && argc == 5) {
        long long k = atoll(argv[3]), n = atoll(argv[4]);
        for (long long i = 0; i < k && !err; i++) {
            char name[512];
            snprintf(name, sizeof name, "%s%lld", argv[2], i);
            int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0) { err = errno; break; }
            put(fd, buf, n, -1);
            close(fd);
        }
    } else if (!strcmp(m, "mkdirs") && argc == 4) {
        long long k = atoll(argv[3]);
        for (long long i = 0; i < k && !err; i++) {
            char name[512];
            snprintf(name, sizeof name, "%s%lld", argv[2], i);
            if (mkdir(name, 0755) != 0) err = errno; else total++;
        }
    } else if (!strcmp(m, "allocate") && argc == 4) {
        int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { printf("setup failed %s\n", strerror(errno)); return 1; }
        err = posix_fallocate(fd, 0, (off_t)atoll(argv[3]));
        close(fd);
    } else if (!strcmp(m, "sparse-allocate") && argc == 4) {
        /* a file grown to N by set_size (free: holes take no blocks), then
         * its whole range reserved: the blocks are real, so they count */
        int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { printf("setup failed %s\n", strerror(errno)); return 1; }
        if (ftruncate(fd, (off_t)atoll(argv[3])) != 0) { printf("setup failed %s\n", strerror(errno)); return 1; }
        err = posix_fallocate(fd, 0, (off_t)atoll(argv[3]));
        close(fd);
    } else if (!strcmp(m, "rewrite") && argc == 5) {
        long long n = atoll(argv[3]), k = atoll(argv[4]);
        for (long long i = 0; i < k && !err; i++) {
            int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0) { err = errno; break; }
            put(fd, buf, n, -1);
            close(fd);
        }
    } else {
        printf("usage: writer big|small|pwrite|files|mkdirs|allocate|sparse-allocate|rewrite ...\n");
        return 2;
    }
    printf("wrote %lld err %s\n", total, ename(err));
    return 0;
}
