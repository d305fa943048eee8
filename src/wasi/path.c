/*
 * path.c — the confined resolver: the security core of src/wasi.
 *
 * A guest path is always resolved beneath the directory fd the guest
 * named, never by string concatenation on the host:
 *
 *  1. the parent directory is opened with openat2(RESOLVE_BENEATH |
 *     RESOLVE_NO_MAGICLINKS) — the kernel refuses "..", absolute paths and
 *     symlinks that would leave the directory (EXDEV).  Where openat2 is
 *     missing (ENOSYS) a component walk does the same with O_NOFOLLOW and
 *     its own stack of directory fds, so ".." pops our stack instead of
 *     asking the kernel;
 *  2. the final component is then acted on with a *at call relative to
 *     that parent fd, without following it; a final symlink the guest
 *     asked to follow is read and resolved again (beneath, bounded hops);
 *  3. the parent's real location (/proc/self/fd) is mapped back to a guest
 *     path, which must lie inside the grant (defence in depth), and the
 *     guest path of the object is checked against the deny rules and the
 *     single-file grant.  Deny rules are checked on the lexical path too,
 *     so "a/./.env", "a//.env", "A/../a/.env" never even touch the disk.
 *
 * Nothing here is global: the only state (openat2 missing) lives in the
 * caller's context.
 */
#include "wasi_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* ---- single-file grants ------------------------------------------------ */

const char *bxw_hidden(const bx_wasi *w, const bxw_grant *g, const char *gpath)
{
    size_t gl;
    (void)w;
    if (!g->nfiles)
        return NULL;
    gl = strlen(g->guest);
    if (strcmp(gpath, g->guest) == 0)
        return NULL;                    /* the directory itself: lists only the files */
    if (strncmp(gpath, g->guest, gl) == 0) {
        const char *rest = gpath + gl;
        if (gl > 1) {
            if (*rest != '/')
                return g->rule;
            rest++;
        }
        for (uint32_t k = 0; k < g->nfiles; k++)
            if (strcmp(rest, g->files[k]) == 0)
                return NULL;
    }
    return g->rule;
}

/* ---- kernel ------------------------------------------------------------- */

#define WALK_DEPTH 1024

/*
 * The fallback walk.  Each step opens one component with O_NOFOLLOW
 * relative to a directory fd we hold, so a concurrent swap of a component
 * for a symlink is seen, never followed by the kernel behind our back.
 */
static int walk(int dirfd, const char *path, int flags, unsigned mode)
{
    char *buf = malloc(2 * BXW_GPATH_MAX), *tmp = buf ? buf + BXW_GPATH_MAX : NULL;
    int *stack = malloc(sizeof(int) * WALK_DEPTH);
    int depth = 0, links = 0, ret = -ENOMEM, nofollow = flags & O_NOFOLLOW;
    char *p;
    if (stack)
        stack[0] = -1;
    if (!buf || !stack)
        goto out;
    if (strlen(path) >= BXW_GPATH_MAX) {
        ret = -ENAMETOOLONG;
        goto out;
    }
    if (path[0] == '/') {
        ret = -EXDEV;                   /* absolute: never beneath, as openat2 */
        goto out;
    }
    strcpy(buf, path);
    stack[0] = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
    if (stack[0] < 0) {
        ret = -errno;
        goto out;
    }
    p = buf;
    for (;;) {
        char name[256];
        const char *s;
        size_t len;
        int last, fd;
        struct stat st;
        while (*p == '/')
            p++;
        if (!*p) {                      /* path ended on a directory */
            fd = openat(stack[depth], ".", (flags & ~O_NOFOLLOW) | O_CLOEXEC, mode);
            ret = fd < 0 ? -errno : fd;
            goto out;
        }
        s = p;
        while (*p && *p != '/')
            p++;
        len = (size_t)(p - s);
        {
            const char *q = p;
            while (*q == '/')
                q++;
            last = *q == 0;
        }
        if (len == 1 && s[0] == '.')
            continue;
        if (len == 2 && s[0] == '.' && s[1] == '.') {
            if (depth == 0) {
                ret = -EXDEV;           /* would climb above dirfd */
                goto out;
            }
            close(stack[depth--]);
            continue;
        }
        if (len > 255) {
            ret = -ENAMETOOLONG;
            goto out;
        }
        memcpy(name, s, len);
        name[len] = 0;
        if (!last) {
            fd = openat(stack[depth], name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0) {
                ret = -errno;
                goto out;
            }
            if (fstat(fd, &st) < 0) {
                ret = -errno;
                close(fd);
                goto out;
            }
            if (S_ISDIR(st.st_mode)) {
                if (depth + 1 >= WALK_DEPTH) {
                    close(fd);
                    ret = -ENAMETOOLONG;
                    goto out;
                }
                stack[++depth] = fd;
                continue;
            }
            if (!S_ISLNK(st.st_mode)) {
                close(fd);
                ret = -ENOTDIR;
                goto out;
            }
        } else {
            fd = openat(stack[depth], name, flags | O_NOFOLLOW | O_CLOEXEC, mode);
            if (fd >= 0) {
                if (nofollow || !(flags & O_PATH) || fstat(fd, &st) < 0 || !S_ISLNK(st.st_mode)) {
                    ret = fd;
                    goto out;
                }
                /* O_PATH gave us the symlink itself: follow it below. */
            } else {
                int e = errno;
                if (nofollow || (e != ELOOP && e != ENOTDIR) ||
                    fstatat(stack[depth], name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
                    !S_ISLNK(st.st_mode)) {
                    ret = -e;
                    goto out;
                }
                fd = openat(stack[depth], name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
                if (fd < 0) {
                    ret = -errno;
                    goto out;
                }
            }
        }
        /* fd is a symlink: splice its target in front of the rest. */
        {
            ssize_t t = readlinkat(fd, "", tmp, BXW_GPATH_MAX);
            size_t rest = strlen(p);
            close(fd);
            if (t < 0) {
                ret = -errno;
                goto out;
            }
            if (++links > BXW_SYMLINK_MAX) {
                ret = -ELOOP;
                goto out;
            }
            if (t == 0 || tmp[0] == '/') {
                ret = t == 0 ? -ENOENT : -EXDEV;   /* absolute: never beneath */
                goto out;
            }
            if ((size_t)t + 1 + rest + 1 > BXW_GPATH_MAX) {
                ret = -ENAMETOOLONG;
                goto out;
            }
            memmove(buf + t + 1, p, rest + 1);
            memcpy(buf, tmp, (size_t)t);
            buf[t] = '/';
            if (rest == 0)
                buf[t] = 0;
            p = buf;
        }
    }
out:
    if (stack)
        while (depth >= 0 && stack[0] >= 0)
            close(stack[depth--]);
    free(stack);
    free(buf);
    return ret;
}

int bxw_openat_beneath(int dirfd, const char *path, int flags, unsigned mode, int *no_openat2)
{
    if (!*path)
        path = ".";
    if (!*no_openat2) {
        struct open_how how;
        memset(&how, 0, sizeof how);
        how.flags = (uint64_t)(unsigned)(flags | O_CLOEXEC);
        how.mode = (flags & O_CREAT) ? mode : 0;   /* openat2 rejects a stray mode */
        how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
        for (int tries = 0; tries < 32; tries++) {
            long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
            if (fd >= 0)
                return (int)fd;
            /* EAGAIN: a rename raced with ".." resolution; the kernel asks
             * us to retry rather than risk a wrong answer. */
            if (errno == EAGAIN || errno == EINTR)
                continue;
            if (errno != ENOSYS)
                return -errno;
            *no_openat2 = 1;
            break;
        }
        if (!*no_openat2)
            return -EAGAIN;
    }
    return walk(dirfd, path, flags, mode);
}

uint16_t bxw_guest_of(const bx_wasi *w, const bxw_grant *g, int fd, char *out, size_t outsz)
{
    char link[64], real[BXW_GPATH_MAX], tmp[BXW_GPATH_MAX];
    size_t hl = strlen(g->host_real);
    ssize_t n;
    const char *rest;
    (void)w;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    n = readlink(link, real, sizeof real - 1);
    if (n < 0)
        return W_NOTCAPABLE;
    if ((size_t)n >= sizeof real - 1)
        return W_NAMETOOLONG;
    real[n] = 0;
    if (strcmp(g->host_real, "/") == 0)
        rest = real;
    else if (strncmp(real, g->host_real, hl) == 0 && (real[hl] == 0 || real[hl] == '/'))
        rest = real + hl;
    else
        return W_NOTCAPABLE;            /* outside the grant: must never happen */
    if ((size_t)snprintf(tmp, sizeof tmp, "%s/%s", g->guest, rest) >= sizeof tmp)
        return W_NAMETOOLONG;
    return bxw_normalize(tmp, out, outsz) == 0 ? 0 : W_NAMETOOLONG;
}

/* ---- resolution of guest paths ----------------------------------------- */

uint16_t bxw_path_arg(const bx_hostcall *hc, uint32_t ptr, uint32_t len, char *out)
{
    if (!bxw_mem_ok(hc, ptr, len))
        return W_FAULT;
    if (len > BXW_PATH_MAX)
        return W_NAMETOOLONG;
    /* resolution work grows with the path: charged as bulk work; running
     * out traps at the guest's next block (this returns an errno) */
    (void)bx_hostcall_charge(hc, bx_fuel_for_bytes(len));
    if (len)
        memcpy(out, bxw_mem(hc, ptr), len);
    out[len] = 0;
    if (memchr(out, 0, len))
        return W_ILSEQ;                 /* an embedded NUL would truncate the path */
    return 0;
}

void bxw_res_done(bxw_res *r)
{
    if (r->parent >= 0)
        close(r->parent);
    r->parent = -1;
}

static uint16_t refuse(bxw_res *r, const char *rule, uint16_t e)
{
    r->denied = 1;
    r->rule = rule;
    bxw_res_done(r);
    return e;
}

uint16_t bxw_check_name(bx_wasi *w, const bxw_grant *g, bxw_res *r)
{
    const char *rule = bxw_denied(w, r->guest);
    if (!rule)
        rule = bxw_hidden(w, g, r->guest);
    return rule ? refuse(r, rule, W_NOENT) : 0;
}

/* The object is denied under another grant's guest path, or is another
 * name (hard link) of a denied file: as absent. */
static uint16_t check_inode(bx_wasi *w, bxw_res *r)
{
    struct stat st;
    const char *rule = bxw_denied_alias(w, r);
    if (rule)
        return refuse(r, rule, W_NOENT);
    if (!w->ndeny || !strcmp(r->last, ".") || fstatat(r->parent, r->last, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(st.st_mode) || st.st_nlink < 2)
        return 0;
    rule = bxw_denied_inode(w, st.st_dev, st.st_ino);
    return rule ? refuse(r, rule, W_NOENT) : 0;
}

uint16_t bxw_resolve(bx_wasi *w, bxw_fd *d, const char *path, int follow, bxw_res *r)
{
    const bxw_grant *g = &w->grants[d->grant];
    char cur[BXW_GPATH_MAX], tmp[BXW_GPATH_MAX], gp[BXW_GPATH_MAX];
    size_t n;
    int hops, ne;

    r->parent = -1;
    r->last[0] = 0;
    r->slash = 0;
    r->denied = 0;
    r->rule = g->rule;
    if ((size_t)snprintf(tmp, sizeof tmp, "%s/%s", d->guest ? d->guest : g->guest, path) >= sizeof tmp ||
        bxw_normalize(path[0] == '/' ? path : tmp, r->lex, sizeof r->lex) == -1)
        return W_NAMETOOLONG;
    strcpy(r->guest, r->lex);
    if (path[0] == '/')                 /* WASI paths are relative to a capability */
        return refuse(r, "outside every grant", W_NOTCAPABLE);
    if (!path[0])
        return W_NOENT;
    {   /* lexical pre-check: a denied spelling is refused without a syscall */
        const char *rule = bxw_denied(w, r->lex);
        if (!rule)
            rule = bxw_hidden(w, g, r->lex);
        if (rule)
            return refuse(r, rule, W_NOENT);
    }
    strcpy(cur, path);
    for (hops = 0;; hops++) {
        char *slash, *dirpart;
        int pfd;
        struct stat st;
        n = strlen(cur);
        while (n > 1 && cur[n - 1] == '/') {
            cur[--n] = 0;
            r->slash = 1;
        }
        slash = strrchr(cur, '/');
        if (slash) {
            *slash = 0;
            dirpart = cur;
            if (strlen(slash + 1) > 255)
                return W_NAMETOOLONG;
            strcpy(r->last, slash + 1);
        } else {
            dirpart = "";
            if (n > 255)
                return W_NAMETOOLONG;
            strcpy(r->last, cur);
        }
        if (!strcmp(r->last, ".") || !strcmp(r->last, "..")) {
            /* The object is a directory reached by the whole path: open it
             * beneath (never ".." relative to a parent fd) and name it ".". */
            if (slash)
                *slash = '/';
            pfd = bxw_openat_beneath(d->host, cur, O_PATH | O_DIRECTORY, 0, &w->no_openat2);
            strcpy(r->last, ".");
        } else {
            pfd = bxw_openat_beneath(d->host, dirpart, O_PATH | O_DIRECTORY, 0, &w->no_openat2);
        }
        if (pfd < 0) {
            if (pfd == -EXDEV)
                return refuse(r, "outside every grant", W_NOTCAPABLE);
            return bxw_errno(-pfd);
        }
        r->parent = pfd;
        if (w->have_proc) {
            uint16_t e = bxw_guest_of(w, g, pfd, gp, sizeof gp);
            if (e == W_NOTCAPABLE)
                return refuse(r, "outside every grant", W_NOTCAPABLE);
            if (e) {
                bxw_res_done(r);
                return e;
            }
        } else if ((size_t)snprintf(tmp, sizeof tmp, "%s/%s", d->guest ? d->guest : g->guest,
                                    slash ? dirpart : "") >= sizeof tmp ||
                   bxw_normalize(tmp, gp, sizeof gp) == -1) {
            bxw_res_done(r);
            return W_NAMETOOLONG;
        }
        if (strcmp(r->last, ".") == 0)
            ne = snprintf(r->guest, sizeof r->guest, "%s", gp);
        else
            ne = snprintf(r->guest, sizeof r->guest, "%s%s%s", gp, strcmp(gp, "/") ? "/" : "", r->last);
        if (ne < 0 || (size_t)ne >= sizeof r->guest) {
            bxw_res_done(r);
            return W_NAMETOOLONG;
        }
        {
            uint16_t e = bxw_check_name(w, g, r);
            if (e)
                return e;
        }
        if ((!follow && !r->slash) || strcmp(r->last, ".") == 0)
            return check_inode(w, r);
        if (fstatat(pfd, r->last, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISLNK(st.st_mode))
            return check_inode(w, r);   /* missing or not a symlink: done */
        if (hops >= BXW_SYMLINK_MAX) {
            bxw_res_done(r);
            return W_LOOP;
        }
        {
            ssize_t t = readlinkat(pfd, r->last, tmp, sizeof tmp - 1);
            size_t dl = slash ? strlen(dirpart) : 0;
            if (t <= 0) {
                bxw_res_done(r);
                return t < 0 ? bxw_errno(errno) : W_NOENT;
            }
            tmp[t] = 0;
            if (tmp[0] == '/')          /* RESOLVE_BENEATH semantics */
                return refuse(r, "outside every grant", W_NOTCAPABLE);
            if (dl + 1 + (size_t)t + 2 > sizeof cur) {
                bxw_res_done(r);
                return W_NAMETOOLONG;
            }
            /* The target is relative to the link's directory: resolve
             * dirpart/target again from the guest's fd, so ".." in it is
             * checked by the kernel against the same boundary. */
            if (slash) {
                cur[dl] = '/';
                memcpy(cur + dl + 1, tmp, (size_t)t + 1);
            } else {
                memcpy(cur, tmp, (size_t)t + 1);
            }
            if (r->slash)
                strcat(cur, "/");
            bxw_res_done(r);
        }
    }
}

/* A guest path ending in '/' names a directory (POSIX, and wasmtime's
 * behaviour).  bxw_resolve strips the slash (r->slash records it) and the
 * host calls then get r->last without it, so each entry point asks here
 * first.  Missing names are left to the host call (ENOENT) except where a
 * new non-directory would be made under a directory's name. */
uint16_t bxw_slash_check(const bxw_res *r, int role, const bxw_res *src)
{
    struct stat st, ss;
    int exists, isdir;
    if (!r->slash || strcmp(r->last, ".") == 0)
        return 0;
    exists = fstatat(r->parent, r->last, &st, AT_SYMLINK_NOFOLLOW) == 0;
    isdir = exists && S_ISDIR(st.st_mode);
    switch (role) {
    case BXW_SLASH_CREATE:      /* path_open with O_CREAT: a file cannot be "x/" */
        return !exists ? W_ISDIR : isdir ? 0 : W_NOTDIR;
    case BXW_SLASH_NEW:         /* the new name of path_link / path_symlink */
        return !exists ? W_NOENT : isdir ? 0 : W_NOTDIR;
    case BXW_SLASH_RENAME_TO:   /* the new name of path_rename: the source must be a directory */
        if (src && !(fstatat(src->parent, src->last, &ss, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(ss.st_mode)))
            return W_NOTDIR;
        return exists && !isdir ? W_NOTDIR : 0;
    default:                    /* an existing object named with a slash */
        return exists && !isdir ? W_NOTDIR : 0;
    }
}
