/*
 * links.c — WASI guest: planted links, renames that carry links or denied
 * entries, and nested grants, all through raw WASI calls (no libc path
 * logic in the way).  argv[1] names the case; tests/sandbox/t_links.sh
 * runs each under `boxagnts run` with its grants and checks the host.
 *
 *   plant  write:/workspace                  the link rule
 *   nested write:/workspace read:/workspace/docs   the most specific grant
 *   deny   write:/workspace deny:/workspace/config/prod.key
 *          deny:/workspace/.git/hooks/ *      deny rules across renames
 *   alias  write:/workspace write:/alias (same directory) and the first deny
 */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>

#define NOCAP __WASI_ERRNO_NOTCAPABLE
#define NOENT __WASI_ERRNO_NOENT
#define ROFS __WASI_ERRNO_ROFS
#define ACCES __WASI_ERRNO_ACCES

/* The preopen whose guest name is `name`, or -1. */
static int preopen(const char *name)
{
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        char buf[256];
        if (__wasi_fd_prestat_get(fd, &ps) != 0)
            continue;
        if (ps.u.dir.pr_name_len >= sizeof buf ||
            __wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, ps.u.dir.pr_name_len) != 0)
            continue;
        buf[ps.u.dir.pr_name_len] = 0;
        if (!strcmp(buf, name))
            return (int)fd;
    }
    return -1;
}

static __wasi_errno_t ln(int dir, const char *target, const char *at)
{
    return __wasi_path_symlink(target, (__wasi_fd_t)dir, at);
}

static __wasi_errno_t mv(int dir, const char *a, const char *b)
{
    return __wasi_path_rename((__wasi_fd_t)dir, a, (__wasi_fd_t)dir, b);
}

static __wasi_errno_t md(int dir, const char *p)
{
    return __wasi_path_create_directory((__wasi_fd_t)dir, p);
}

static __wasi_errno_t openfd(int dir, const char *p, __wasi_oflags_t of, __wasi_rights_t r, __wasi_fd_t *fd)
{
    return __wasi_path_open((__wasi_fd_t)dir, 0, p, of, r, r, 0, fd);
}

static __wasi_errno_t create(int dir, const char *p, const char *text)
{
    __wasi_fd_t fd;
    __wasi_errno_t e = openfd(dir, p, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_WRITE, &fd);
    if (!e) {
        __wasi_ciovec_t iov = {(const uint8_t *)text, strlen(text)};
        __wasi_size_t n;
        e = __wasi_fd_write(fd, &iov, 1, &n);
        (void)__wasi_fd_close(fd);
    }
    return e;
}

static void plant(void)
{
    int ws = preopen("/workspace");
    CHECK(ws >= 0, "no /workspace preopen");
    /* absolute and climbing targets, at every depth */
    EXPECT(ln(ws, "/etc", "abs"), NOCAP);
    EXPECT(ln(ws, "/workspace/x", "abs2"), NOCAP);
    EXPECT(ln(ws, "..", "up"), NOCAP);
    EXPECT(ln(ws, "../etc", "up2"), NOCAP);
    EXPECT(md(ws, "a"), 0);
    EXPECT(md(ws, "a/b"), 0);
    EXPECT(md(ws, "a/b/c"), 0);
    EXPECT(md(ws, "a/b/c/d"), 0);
    EXPECT(ln(ws, "../../../../etc", "a/b/c/bad"), NOCAP);
    EXPECT(ln(ws, "../../../etc", "a/b/c/l"), 0);              /* = /workspace/etc: inside */
    EXPECT(ln(ws, "..", "a/b/c/up"), 0);
    EXPECT(ln(ws, "./.././../../x", "a/b/c/dots"), 0);
    /* a moved link is checked again at its new depth */
    EXPECT(mv(ws, "a/b/c/l", "docs"), NOCAP);
    EXPECT(mv(ws, "a/b/c/l", "a/docs"), NOCAP);
    EXPECT(mv(ws, "a/b/c/l", "a/b/docs"), NOCAP);
    EXPECT(mv(ws, "a/b/c/l", "a/b/c/d/deeper"), 0);
    EXPECT(mv(ws, "a/b/c/d/deeper", "a/b/c/l"), 0);
    /* ".." after a name: the name may be a link (the chain) */
    EXPECT(ln(ws, ".", "s"), 0);
    EXPECT(ln(ws, "s/..", "t1"), NOCAP);
    EXPECT(ln(ws, "s/../etc", "t2"), NOCAP);
    EXPECT(ln(ws, "a/../..", "t3"), NOCAP);
    EXPECT(ln(ws, "s/s/s", "t4"), 0);
    /* depth is physical: "s/s/s/" is the top, however it is spelled */
    EXPECT(ln(ws, "../x", "s/s/s/l3"), NOCAP);
    EXPECT(mv(ws, "a/b/c/l", "s/s/s/l4"), NOCAP);
    EXPECT(mv(ws, "a/b/c/l", "t4/l4"), NOCAP);
    /* moving an ancestor directory up carries its links: re-checked */
    EXPECT(mv(ws, "a/b/c", "c"), NOCAP);
    EXPECT(mv(ws, "a/b", "b"), NOCAP);
    EXPECT(mv(ws, "a", "a2"), 0);                               /* same depth */
    EXPECT(md(ws, "z"), 0);
    EXPECT(mv(ws, "a2", "z/a"), 0);                             /* deeper */
    EXPECT(mv(ws, "z/a", "a"), 0);                              /* back: same as before */
    EXPECT(mv(ws, "a/b/c", "a/c"), NOCAP);
    /* a hard link to a symlink is a new link at a new depth */
    EXPECT(__wasi_path_link((__wasi_fd_t)ws, 0, "a/b/c/l", (__wasi_fd_t)ws, "hl"), NOCAP);
    EXPECT(__wasi_path_link((__wasi_fd_t)ws, 0, "a/b/c/l", (__wasi_fd_t)ws, "a/b/c/d/hl"), 0);
    /* a directory without climbing links moves freely */
    EXPECT(md(ws, "p"), 0);
    EXPECT(md(ws, "p/q"), 0);
    EXPECT(ln(ws, "../../sib", "p/q/ok"), 0);
    EXPECT(mv(ws, "p/q", "q"), NOCAP);                          /* "../../sib" from q climbs */
    EXPECT(ln(ws, "down/x", "p/q/ok2"), 0);
    EXPECT(__wasi_path_unlink_file((__wasi_fd_t)ws, "p/q/ok"), 0);
    EXPECT(mv(ws, "p/q", "q"), 0);
}

static void nested(void)
{
    int ws = preopen("/workspace"), docs = preopen("/workspace/docs");
    __wasi_fd_t fd, dfd;
    __wasi_filestat_t st;
    CHECK(ws >= 0 && docs >= 0, "preopens %d %d", ws, docs);
    /* reading through either preopen is fine */
    EXPECT(openfd(ws, "docs/readme.txt", 0, __WASI_RIGHTS_FD_READ, &fd), 0);
    (void)__wasi_fd_close(fd);
    /* every mutation of docs/ through /workspace: the read grant decides */
    EXPECT(openfd(ws, "docs/readme.txt", 0, __WASI_RIGHTS_FD_WRITE, &fd), ROFS);
    EXPECT(openfd(ws, "docs/readme.txt", __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_READ, &fd), ROFS);
    EXPECT(create(ws, "docs/readme.txt", "owned\n"), ROFS);
    EXPECT(create(ws, "docs/new.txt", "new\n"), ROFS);
    EXPECT(create(ws, "./docs/../docs/new.txt", "new\n"), ROFS);
    EXPECT(md(ws, "docs/d"), ROFS);
    EXPECT(__wasi_path_unlink_file((__wasi_fd_t)ws, "docs/readme.txt"), ROFS);
    EXPECT(__wasi_path_remove_directory((__wasi_fd_t)ws, "docs/sub"), ROFS);
    EXPECT(mv(ws, "docs/readme.txt", "stolen.txt"), ROFS);
    EXPECT(create(ws, "mine.txt", "mine\n"), 0);
    EXPECT(mv(ws, "mine.txt", "docs/readme.txt"), ROFS);
    EXPECT(mv(ws, "mine.txt", "docs/mine.txt"), ROFS);
    EXPECT(__wasi_path_link((__wasi_fd_t)ws, 0, "mine.txt", (__wasi_fd_t)ws, "docs/hard"), ROFS);
    EXPECT(__wasi_path_link((__wasi_fd_t)ws, 0, "docs/readme.txt", (__wasi_fd_t)ws, "hard"), ROFS);
    EXPECT(ln(ws, "../mine.txt", "docs/l"), ROFS);
    EXPECT(__wasi_path_filestat_set_times((__wasi_fd_t)ws, 0, "docs/readme.txt", 1, 1,
                                          __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM), ROFS);
    /* the grant's own directory: not removable, not movable */
    EXPECT2(mv(ws, "docs", "docs2"), ROFS, ACCES);
    EXPECT2(__wasi_path_remove_directory((__wasi_fd_t)ws, "docs"), ROFS, ACCES);
    /* a directory fd opened through /workspace carries the read grant */
    EXPECT(openfd(ws, "docs", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_CREATE_FILE |
                  __WASI_RIGHTS_FD_READDIR, &dfd), 0);
    EXPECT2(create((int)dfd, "via-dirfd.txt", "x\n"), ROFS, NOCAP);
    (void)__wasi_fd_close(dfd);
    /* and through the docs preopen, as before */
    EXPECT2(create(docs, "readme.txt", "owned\n"), ROFS, NOCAP);
    /* outside docs the write grant still works */
    EXPECT(create(ws, "other.txt", "ok\n"), 0);
    EXPECT(__wasi_path_filestat_get((__wasi_fd_t)ws, 0, "other.txt", &st), 0);
}

static void deny(void)
{
    int ws = preopen("/workspace");
    CHECK(ws >= 0, "no /workspace preopen");
    /* the denied file itself: absent under every operation */
    EXPECT(mv(ws, "config/prod.key", "x"), NOENT);
    EXPECT(__wasi_path_link((__wasi_fd_t)ws, 0, "config/prod.key", (__wasi_fd_t)ws, "x"), NOENT);
    EXPECT(__wasi_path_unlink_file((__wasi_fd_t)ws, "config/prod.key"), NOENT);
    /* its ancestors cannot carry it to another name */
    EXPECT(mv(ws, "config", "c2"), ACCES);
    EXPECT(md(ws, "deep"), 0);
    EXPECT(mv(ws, "config", "deep/config"), ACCES);
    EXPECT(mv(ws, "config/other.txt", "other.txt"), 0);        /* its neighbours move */
    /* an empty hooks dir may move, but nothing may come back as a hook */
    EXPECT(mv(ws, ".git", "g"), 0);
    EXPECT(create(ws, "g/hooks/pre-commit", "evil\n"), 0);
    EXPECT(mv(ws, "g", ".git"), ACCES);
    EXPECT(md(ws, ".git"), 0);
    EXPECT(mv(ws, "g/hooks", ".git/hooks"), ACCES);
    EXPECT(mv(ws, "g/hooks/pre-commit", ".git/pre-commit"), 0);
    EXPECT(md(ws, ".git/hooks"), 0);
    EXPECT(mv(ws, ".git/pre-commit", ".git/hooks/pre-commit"), NOENT);
    EXPECT(__wasi_path_link((__wasi_fd_t)ws, 0, ".git/pre-commit", (__wasi_fd_t)ws, ".git/hooks/x"), NOENT);
    EXPECT(ln(ws, "../pre-commit", ".git/hooks/pre-push"), NOENT);
    EXPECT(create(ws, ".git/hooks/post-merge", "evil\n"), NOENT);
}

/* write:/workspace and write:/alias on the same host directory, with
 * deny:/workspace/config/prod.key: the rule holds through /alias too. */
static void alias(void)
{
    int ws = preopen("/workspace"), al = preopen("/alias");
    __wasi_fd_t fd;
    CHECK(ws >= 0 && al >= 0, "preopens %d %d", ws, al);
    EXPECT(openfd(al, "config/prod.key", 0, __WASI_RIGHTS_FD_READ, &fd), NOENT);
    EXPECT(openfd(al, "config/../config/prod.key", 0, __WASI_RIGHTS_FD_READ, &fd), NOENT);
    EXPECT(mv(al, "config/prod.key", "k"), NOENT);
    EXPECT(mv(al, "config", "c2"), ACCES);
    EXPECT(__wasi_path_rename((__wasi_fd_t)al, "config", (__wasi_fd_t)ws, "c3"), ACCES);
    EXPECT(__wasi_path_link((__wasi_fd_t)al, 0, "config/prod.key", (__wasi_fd_t)al, "k"), NOENT);
    EXPECT(__wasi_path_unlink_file((__wasi_fd_t)al, "config/prod.key"), NOENT);
    EXPECT(create(al, "config/new.txt", "fine\n"), 0);
    EXPECT(mv(al, "config/new.txt", "new.txt"), 0);
}

/* Two calls on one workspace at once: one keeps making links that fit
 * where they are made, the other keeps moving their directory up and
 * back.  Whatever the interleaving, no link may end up pointing out
 * (the driver checks the host afterwards); errors are expected here. */
static void race_links(int n)
{
    int ws = preopen("/workspace");
    for (int i = 0; i < n; i++) {
        char name[64];
        (void)md(ws, "r");
        (void)md(ws, "r/a");
        (void)md(ws, "r/a/b");
        snprintf(name, sizeof name, "r/a/b/l%d", i % 2);
        (void)__wasi_path_unlink_file((__wasi_fd_t)ws, name);
        (void)ln(ws, "../../../z", name);
    }
    CHECK(ws >= 0, "no /workspace preopen");
}

static void race_moves(int n)
{
    int ws = preopen("/workspace");
    for (int i = 0; i < n; i++) {
        (void)mv(ws, "r/a", "a2");
        (void)mv(ws, "a2", "r/a");
        (void)mv(ws, "r/a/b", "b2");
        (void)mv(ws, "b2", "r/a/b");
    }
    CHECK(ws >= 0, "no /workspace preopen");
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    if (!strcmp(c, "plant"))
        plant();
    else if (!strcmp(c, "nested"))
        nested();
    else if (!strcmp(c, "deny"))
        deny();
    else if (!strcmp(c, "alias"))
        alias();
    else if (!strcmp(c, "race-links"))
        race_links(argc > 2 ? atoi(argv[2]) : 1000);
    else if (!strcmp(c, "race-moves"))
        race_moves(argc > 2 ? atoi(argv[2]) : 1000);
    else
        CHECK(0, "unknown case '%s'", c);
    return report();
}
