/*
 * guest/common/toolfs.c — guest path resolution, link following, parent
 * directories, whole-file reads and atomic replacement (see toolfs.h).
 */
#include "toolfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

char *tfs_guest_path(const char *arg)
{
    if (!arg || !*arg)
        return NULL;
    tbuf raw = {0}, out = {0};
    if (arg[0] != '/')
        tbuf_puts(&raw, TFS_WORKSPACE "/");
    tbuf_puts(&raw, arg);
    /* Rebuild component by component: "a//b/./c/" -> "/a/b/c". */
    const char *p = raw.p;
    while (*p) {
        while (*p == '/') p++;
        const char *e = p;
        while (*e && *e != '/') e++;
        size_t n = (size_t)(e - p);
        if (n && !(n == 1 && p[0] == '.')) {
            tbuf_put(&out, "/", 1);
            tbuf_put(&out, p, n);
        }
        p = e;
    }
    if (!out.len) tbuf_put(&out, "/", 1);
    tbuf_free(&raw);
    return out.p;
}

int tfs_follow_links(const char *path, char **out)
{
    char *cur = strdup(path);
    if (!cur) return ENOMEM;
    for (int hops = 0; hops < 16; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0) {
            int e = errno;
            *out = cur;
            return e == ENOENT ? 0 : e;
        }
        if (!S_ISLNK(st.st_mode)) { *out = cur; return 0; }
        char target[4096];
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n < 0) { *out = cur; return errno; }
        target[n] = 0;
        if (target[0] == '/' || n == 0) {
            free(cur);
            *out = strdup(target);
            return ENOTCAPABLE;
        }
        /* Relative to the link's directory; the sandbox checks any ".." in
         * it against the grant when the result is opened. */
        char *slash = strrchr(cur, '/');
        tbuf next = {0};
        tbuf_put(&next, cur, slash ? (size_t)(slash - cur) : 0);
        tbuf_put(&next, "/", 1);
        tbuf_puts(&next, target);
        free(cur);
        cur = next.p;
    }
    *out = cur;
    return ELOOP;
}

int tfs_make_parents(const char *path, int *created)
{
    if (created) *created = 0;
    char *dir = strdup(path);
    if (!dir) return ENOMEM;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) { free(dir); return 0; }
    *slash = 0;
    struct stat st;
    if (stat(dir, &st) == 0) {
        free(dir);
        return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
    }
    /* Walk down from the top, creating what is missing. */
    int rc = 0;
    for (char *p = dir + 1;; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            if (mkdir(dir, 0777) == 0) {
                if (created) (*created)++;
            } else if (errno == EEXIST) {
                if (stat(dir, &st) != 0) { rc = errno; break; }
                if (!S_ISDIR(st.st_mode)) { rc = ENOTDIR; break; }
            } else if (errno == ENOTCAPABLE && c != 0) {
                /* "/workspace" itself is the grant's root, which the guest
                 * can name but not create: keep going down. */
            } else {
                rc = errno;
                break;
            }
            *p = c;
            if (!c) break;
        }
    }
    free(dir);
    return rc;
}

int tfs_read_file(const char *path, tbuf *b, size_t max, struct stat *st)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return errno;
    if (fstat(fd, st) != 0) { int e = errno; close(fd); return e; }
    if (S_ISDIR(st->st_mode)) { close(fd); return EISDIR; }
    if ((uintmax_t)st->st_size > max) { close(fd); return EFBIG; }
    static char chunk[65536];   /* static: the default wasm stack is only 64 KiB */
    size_t total = 0;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            close(fd);
            return e;
        }
        if (n == 0) break;
        total += (size_t)n;
        if (total > max) { close(fd); return EFBIG; }
        tbuf_put(b, chunk, (size_t)n);
    }
    close(fd);
    if (!b->p) tbuf_put(b, "", 0);
    return 0;
}

static void temp_name(tbuf *t, const char *path, unsigned attempt)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    unsigned char rnd[6] = {0};
    if (getentropy(rnd, sizeof rnd) != 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        memcpy(rnd, &ts.tv_nsec, sizeof rnd < sizeof ts.tv_nsec ? sizeof rnd : sizeof ts.tv_nsec);
        rnd[5] ^= (unsigned char)attempt;
    }
    t->len = 0;
    tbuf_put(t, path, (size_t)(base - path));
    /* Hidden and recognisable, so a leftover (the call was killed) is
     * neither mistaken for the file nor listed by file-glob. */
    tbuf_printf(t, ".%.200s.boxagnts-tmp-", base);
    for (size_t i = 0; i < sizeof rnd; i++) tbuf_printf(t, "%02x", rnd[i]);
}

/* Temporary files of path older than STALE_SECS are leftovers of a call
 * the host stopped between creating and renaming (timeout, fuel): no live
 * writer is that old, so they go. */
#define STALE_SECS 600
static void remove_stale(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    tbuf dir = {0}, prefix = {0}, p = {0};
    tbuf_put(&dir, path, slash ? (size_t)(slash - path) : 0);
    if (!dir.len) tbuf_put(&dir, ".", 1);
    tbuf_printf(&prefix, ".%.200s.boxagnts-tmp-", base);
    DIR *d = opendir(dir.p);
    if (d) {
        struct dirent *e;
        time_t now = time(NULL);
        while ((e = readdir(d)) != NULL) {
            if (strncmp(e->d_name, prefix.p, prefix.len) != 0) continue;
            struct stat st;
            p.len = 0;
            tbuf_printf(&p, "%s/%s", dir.p, e->d_name);
            if (lstat(p.p, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > STALE_SECS)
                unlink(p.p);
        }
        closedir(d);
    }
    tbuf_free(&dir), tbuf_free(&prefix), tbuf_free(&p);
}

int tfs_write_atomic(const char *path, const void *data, size_t len, const char **step)
{
    const char *dummy;
    if (!step) step = &dummy;
    tbuf tmp = {0};
    int fd = -1, e = 0;
    for (unsigned attempt = 0; attempt < 16; attempt++) {
        temp_name(&tmp, path, attempt);
        fd = open(tmp.p, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd >= 0 || errno != EEXIST) break;
    }
    if (fd < 0) {
        e = errno;
        *step = "create a temporary file next to";
        tbuf_free(&tmp);
        return e;
    }
    const char *p = data;
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, p + off, len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            e = errno;
            break;
        }
        if (w == 0) { e = EIO; break; }
        off += (size_t)w;
    }
    if (e) *step = "write";
    if (!e && close(fd) != 0) { e = errno; *step = "write"; }
    else if (e) close(fd);
    if (!e && rename(tmp.p, path) != 0) { e = errno; *step = "replace"; }
    if (e) unlink(tmp.p);
    else remove_stale(path);
    tbuf_free(&tmp);
    return e;
}

size_t tfs_count_lines(const char *p, size_t n)
{
    size_t lines = 0;
    const char *end = p + n, *q = p;
    while (q < end && (q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
        lines++;
        q++;
    }
    if (n && p[n - 1] != '\n') lines++;
    return lines;
}
