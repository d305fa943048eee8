/*
 * escape.c — WASI guest: the escape suite.  Every case tries to read,
 * write, list, stat, rename, link or symlink outside its grant, to reach
 * a denied path, or to mutate through a read-only grant, and asserts the
 * refusal.  The driver (test_wasi.c) then checks the host files outside
 * are untouched.
 *
 * fd 3 = /workspace (rw; deny /workspace/ **\/.env and /workspace/.git/ **)
 * fd 4 = /ro (read-only), fd 5 = /single (only one.txt visible).
 * Fixture: see make_fixture() in test_wasi.c.
 */
#include "check.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define WS 3
#define RO 4
#define SF 5
#define F __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define NOCAP __WASI_ERRNO_NOTCAPABLE
#define NOENT __WASI_ERRNO_NOENT
#define ROFS __WASI_ERRNO_ROFS

__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                      int64_t base, int64_t inh, int32_t fdflags, int32_t fdp);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_read")))
int32_t raw_fd_read(int32_t fd, int32_t iovs, int32_t n, int32_t nread);

static __wasi_errno_t op(__wasi_fd_t dir, int lf, const char *p) /* open for reading */
{
    __wasi_fd_t fd;
    __wasi_errno_t e = ropen(dir, (__wasi_lookupflags_t)lf, p, 0, __WASI_RIGHTS_FD_READ, &fd);
    if (!e)
        (void)__wasi_fd_close(fd);
    return e;
}

static __wasi_errno_t st(__wasi_fd_t dir, int lf, const char *p)
{
    __wasi_filestat_t s;
    return __wasi_path_filestat_get(dir, (__wasi_lookupflags_t)lf, p, &s);
}

static int listed(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int found = 0;
    if (!d)
        return -1;
    while ((de = readdir(d)))
        if (!strcmp(de->d_name, name))
            found = 1;
    closedir(d);
    return found;
}

static void climbing(void)
{
    EXPECT(op(WS, F, "../outside/secret.txt"), NOCAP);
    EXPECT(op(WS, F, "../../../../../../etc/passwd"), NOCAP);
    EXPECT(op(WS, F, "/etc/passwd"), NOCAP);
    EXPECT(op(WS, 0, "/etc/passwd"), NOCAP);
    EXPECT(op(WS, F, "sub/../../outside/secret.txt"), NOCAP);
    EXPECT(op(WS, F, ".."), NOCAP);
    EXPECT(op(WS, F, "sub/../.."), NOCAP);
    EXPECT(st(WS, 0, "../outside"), NOCAP);
    EXPECT(__wasi_path_create_directory(WS, "../outside/newdir"), NOCAP);
    EXPECT(__wasi_path_unlink_file(WS, "../outside/secret.txt"), NOCAP);
    EXPECT(__wasi_path_remove_directory(WS, ".."), NOCAP);
    EXPECT(__wasi_path_rename(WS, "a.txt", WS, "../outside/moved"), NOCAP);
    EXPECT(__wasi_path_rename(WS, "../outside/secret.txt", WS, "stolen"), NOCAP);
    EXPECT(__wasi_path_link(WS, 0, "a.txt", WS, "../outside/hard"), NOCAP);
    EXPECT(__wasi_path_link(WS, 0, "../outside/secret.txt", WS, "hard"), NOCAP);
    {
        uint8_t b[64];
        __wasi_size_t n;
        EXPECT(__wasi_path_readlink(WS, "../outside/x", b, sizeof b, &n), NOCAP);
    }
    EXPECT(__wasi_path_filestat_set_times(WS, 0, "..", 0, 0, __WASI_FSTFLAGS_MTIM_NOW), NOCAP);
    /* libc normalizes some of these itself; whatever it sends must fail */
    CHECK(open("/workspace/../outside/secret.txt", O_RDONLY) < 0, "libc ../outside");
    CHECK(open("/outside/secret.txt", O_RDONLY) < 0, "libc unmapped absolute path");
    CHECK(open("/etc/passwd", O_RDONLY) < 0, "libc /etc/passwd");
    /* a subdirectory fd is itself a boundary (RESOLVE_BENEATH on that fd) */
    {
        __wasi_fd_t sub;
        EXPECT(ropen(WS, 0, "sub", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN, &sub), 0);
        EXPECT(op(sub, F, "../../outside/secret.txt"), NOCAP);
        EXPECT(op(sub, F, "../a.txt"), NOCAP);
        EXPECT(op(sub, F, "s.txt"), 0);
        (void)__wasi_fd_close(sub);
    }
}

static void symlinks(void)
{
    EXPECT(op(WS, F, "link_etc/passwd"), NOCAP);            /* absolute target */
    EXPECT(op(WS, F, "link_etc"), NOCAP);
    EXPECT(st(WS, F, "link_etc/passwd"), NOCAP);
    EXPECT(op(WS, F, "link_up/outside/secret.txt"), NOCAP); /* ../.. */
    EXPECT(op(WS, F, "link_outside"), NOCAP);               /* file link out */
    EXPECT(st(WS, F, "link_outside"), NOCAP);
    EXPECT(st(WS, 0, "link_outside"), 0);                   /* the link itself is inside */
    EXPECT(op(WS, F, "chain1/secret.txt"), NOCAP);          /* chained */
    EXPECT(op(WS, F, "chain1"), NOCAP);
    EXPECT(op(WS, F, "loop1"), __WASI_ERRNO_LOOP);          /* looping */
    EXPECT(op(WS, F, "loop1/x"), __WASI_ERRNO_LOOP);
    {   /* dangling link out: creating through it must not create outside */
        __wasi_fd_t fd;
        EXPECT(__wasi_path_open(WS, F, "dangling", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd), NOCAP);
        EXPECT(__wasi_path_open(WS, 0, "dangling", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
               __WASI_ERRNO_LOOP);
    }
    CHECK(open("/workspace/dangling", O_WRONLY | O_CREAT, 0644) < 0, "libc create via dangling");
    EXPECT(__wasi_path_create_directory(WS, "link_up/newdir"), NOCAP);
    EXPECT(__wasi_path_unlink_file(WS, "link_up/outside/secret.txt"), NOCAP);
    EXPECT(__wasi_path_rename(WS, "a.txt", WS, "link_up/outside/x"), NOCAP);
    EXPECT(__wasi_path_link(WS, F, "link_outside", WS, "hard2"), NOCAP);  /* hardlink to outside */
    EXPECT(__wasi_path_filestat_set_times(WS, F, "link_outside", 0, 0, __WASI_FSTFLAGS_MTIM_NOW), NOCAP);
    EXPECT(__wasi_path_remove_directory(WS, "link_up"), __WASI_ERRNO_NOTDIR);
    CHECK(opendir("/workspace/link_up") == NULL, "opendir link_up");
    CHECK(opendir("/workspace/link_etc") == NULL, "opendir link_etc");
    /* planting symlinks that point out (a host tool might follow them later) */
    EXPECT(__wasi_path_symlink("/etc/passwd", WS, "planted1"), NOCAP);
    EXPECT(__wasi_path_symlink("../outside/secret.txt", WS, "planted2"), NOCAP);
    EXPECT(__wasi_path_symlink("../../../../etc", WS, "sub/planted3"), NOCAP);
    EXPECT(__wasi_path_symlink("sub/../../outside", WS, "planted4"), NOCAP);
    EXPECT(st(WS, 0, "planted1"), NOENT);
    /* legitimate links inside the grant still work */
    EXPECT(op(WS, F, "inlink"), 0);
    EXPECT(op(WS, F, "sub/uplink"), 0);
    EXPECT(__wasi_path_symlink("sub/s.txt", WS, "okl"), 0);
    EXPECT(op(WS, F, "okl"), 0);
    EXPECT(__wasi_path_unlink_file(WS, "okl"), 0);
}

static void deny(void)
{
    char buf[64];
    EXPECT(op(WS, F, ".env"), NOENT);
    EXPECT(op(WS, F, "sub/.env"), NOENT);
    EXPECT(op(WS, F, "./.env"), NOENT);
    EXPECT(op(WS, F, "sub//.env"), NOENT);
    EXPECT(op(WS, F, "sub/./.env"), NOENT);
    EXPECT(op(WS, F, "SUB/../sub/.env"), NOENT);
    EXPECT(op(WS, F, "sub2/../sub/.env"), NOENT);
    EXPECT(op(WS, F, "link_env"), NOENT);                   /* symlink to a denied file */
    EXPECT(op(WS, F, "sub/link_parent_env"), NOENT);
    EXPECT(op(WS, F, "inlink/../.env"), NOENT);
    EXPECT(op(WS, F, ".git/config"), NOENT);
    EXPECT(op(WS, F, ".git"), NOENT);
    EXPECT(st(WS, 0, ".git"), NOENT);
    EXPECT(st(WS, 0, ".env"), NOENT);
    EXPECT(st(WS, F, "link_env"), NOENT);
    CHECK(open("/workspace/.env", O_RDONLY) < 0 && errno == ENOENT, "libc .env");
    CHECK(listed("/workspace", ".env") == 0, "readdir shows .env");
    CHECK(listed("/workspace", ".git") == 0, "readdir shows .git");
    CHECK(listed("/workspace/sub", ".env") == 0, "readdir shows sub/.env");
    CHECK(listed("/workspace", "a.txt") == 1, "readdir lost a.txt");
    EXPECT(__wasi_path_rename(WS, ".env", WS, "stolen_env"), NOENT);
    EXPECT(__wasi_path_rename(WS, "a.txt", WS, "sub/.env"), NOENT);       /* overwrite */
    /* a rename carrying a denied entry would give it a name no rule covers */
    EXPECT(__wasi_path_rename(WS, "sub", WS, "sub3"), __WASI_ERRNO_ACCES);
    EXPECT(op(WS, F, "sub/.env"), NOENT);                                 /* still there, denied */
    EXPECT(op(WS, F, "sub3/a.txt"), NOENT);
    EXPECT(__wasi_path_link(WS, 0, ".env", WS, "envcopy"), NOENT);
    EXPECT(__wasi_path_link(WS, F, "link_env", WS, "envcopy2"), NOENT);
    EXPECT(__wasi_path_symlink(".env", WS, "envlink"), NOENT);
    EXPECT(__wasi_path_symlink("../.env", WS, "sub/envlink"), NOENT);
    EXPECT(__wasi_path_unlink_file(WS, ".env"), NOENT);
    EXPECT(__wasi_path_create_directory(WS, ".git/hooks2"), NOENT);
    EXPECT(rwrite(WS, ".git/hooks/pre-commit", "x"), NOENT);
    EXPECT(rwrite(WS, "sub2/.env", "x"), NOENT);                          /* creating one */
    EXPECT(__wasi_path_create_directory(WS, "sub2/.env"), NOENT);
    EXPECT(rread(WS, F, "a.txt", buf, sizeof buf), 0);
    CHECK(!strcmp(buf, "A\n"), "a.txt readable");
}

static void readonly(void)
{
    __wasi_fd_t fd;
    __wasi_fdstat_t s;
    __wasi_size_t n;
    EXPECT(rwrite(RO, "new.txt", "x"), ROFS);
    EXPECT(__wasi_path_open(RO, 0, "r.txt", __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_READ, 0, 0, &fd), ROFS);
    EXPECT(__wasi_path_open(RO, 0, "r.txt", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd), ROFS);
    EXPECT(__wasi_path_open(RO, 0, "r.txt", 0, __WASI_RIGHTS_FD_READ, 0, __WASI_FDFLAGS_APPEND, &fd), ROFS);
    EXPECT(__wasi_path_unlink_file(RO, "r.txt"), ROFS);
    EXPECT(__wasi_path_rename(RO, "r.txt", RO, "r2"), ROFS);
    EXPECT(__wasi_path_rename(WS, "a.txt", RO, "x"), ROFS);
    EXPECT(__wasi_path_link(RO, 0, "r.txt", WS, "rlink"), ROFS);
    EXPECT(__wasi_path_symlink("r.txt", RO, "sl"), ROFS);
    EXPECT(__wasi_path_create_directory(RO, "d"), ROFS);
    EXPECT(__wasi_path_filestat_set_times(RO, 0, "r.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW), ROFS);
    EXPECT(ropen(RO, 0, "r.txt", 0, __WASI_RIGHTS_FD_READ, &fd), 0);
    {
        __wasi_ciovec_t iov = { (const uint8_t *)"X", 1 };
        EXPECT2(__wasi_fd_write(fd, &iov, 1, &n), ROFS, NOCAP);
        EXPECT2(__wasi_fd_filestat_set_size(fd, 0), ROFS, NOCAP);
        EXPECT2(__wasi_fd_allocate(fd, 0, 4096), ROFS, NOCAP);
        EXPECT2(__wasi_fd_fdstat_set_rights(fd, R_ALL, R_ALL), ROFS, NOCAP);
    }
    (void)__wasi_fd_close(fd);
    EXPECT(__wasi_fd_fdstat_get(RO, &s), 0);
    CHECK(!(s.fs_rights_inheriting & __WASI_RIGHTS_FD_WRITE), "ro inherits write");
    EXPECT2(__wasi_fd_fdstat_set_rights(RO, R_ALL, R_ALL), NOCAP, ROFS);
    {   /* a directory opened under a read-only grant stays read-only */
        __wasi_fd_t d;
        EXPECT(ropen(RO, 0, ".", __WASI_OFLAGS_DIRECTORY, R_ALL, &d), 0);
        EXPECT(rwrite(d, "new2.txt", "x"), ROFS);
        (void)__wasi_fd_close(d);
    }
    CHECK(open("/ro/r.txt", O_WRONLY | O_TRUNC) < 0, "libc O_TRUNC on ro");
}

static void single(void)
{
    char buf[64];
    EXPECT(rread(SF, F, "one.txt", buf, sizeof buf), 0);
    CHECK(!strcmp(buf, "ONE\n"), "one.txt: %s", buf);
    EXPECT(op(SF, F, "other.txt"), NOENT);
    EXPECT(st(SF, 0, "other.txt"), NOENT);
    EXPECT(op(SF, F, "./other.txt"), NOENT);
    EXPECT(op(SF, F, "x/../other.txt"), NOENT);
    CHECK(listed("/single", "other.txt") == 0, "single lists other.txt");
    CHECK(listed("/single", "one.txt") == 1, "single hides one.txt");
    EXPECT2(rwrite(SF, "new.txt", "x"), NOENT, NOCAP);
    EXPECT2(__wasi_path_create_directory(SF, "d"), NOENT, NOCAP);
}

static void memory(void)
{
    /* guest pointers and lengths are checked against linear memory */
    static char p[] = "a.txt\0../outside/secret.txt";
    static __wasi_fd_t out;
    EXPECT(raw_path_open(WS, F, (int32_t)(uintptr_t)p, sizeof p - 1, 0, __WASI_RIGHTS_FD_READ, 0, 0,
                         (int32_t)(uintptr_t)&out), __WASI_ERRNO_ILSEQ);
    EXPECT(raw_path_open(WS, F, (int32_t)0xFFFFFFF0, 100, 0, __WASI_RIGHTS_FD_READ, 0, 0,
                         (int32_t)(uintptr_t)&out), __WASI_ERRNO_FAULT);
    EXPECT(raw_path_open(WS, F, (int32_t)(uintptr_t)p, 5, 0, __WASI_RIGHTS_FD_READ, 0, 0,
                         (int32_t)0xFFFFFFFE), __WASI_ERRNO_FAULT);
    EXPECT(raw_fd_read(0, (int32_t)0x7FFFFFF8, 0x10000000, 0), __WASI_ERRNO_INVAL);
    {
        char *big = malloc(5000);
        memset(big, 'a', 4999);
        big[4999] = 0;
        EXPECT(op(WS, F, big), __WASI_ERRNO_NAMETOOLONG);
        free(big);
    }
}

static void swapped(void)
{
    char buf[64];
    __wasi_fd_t d;
    int leaks = 0;
    /* hold a directory, then let the host swap it for a symlink out */
    EXPECT(ropen(WS, 0, "swapdir", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN, &d), 0);
    EXPECT(st(WS, 0, "SWAP_NOW"), NOENT);                    /* the driver swaps here */
    EXPECT(rread(d, F, "inner.txt", buf, sizeof buf), 0);    /* still the real dir */
    CHECK(!strcmp(buf, "INSIDE\n"), "held fd: %s", buf);
    EXPECT(op(d, F, "secret.txt"), NOENT);
    EXPECT(op(WS, F, "swapdir/secret.txt"), NOCAP);          /* now a link out */
    EXPECT(op(WS, F, "swapdir/inner.txt"), NOCAP);
    (void)__wasi_fd_close(d);
    /* race: the driver flips race/ between a real dir and a link out */
    EXPECT(st(WS, 0, "RACE_START"), NOENT);
    for (int i = 0; i < 3000; i++) {
        if (rread(WS, F, "race/secret.txt", buf, sizeof buf) == 0 && strstr(buf, "TOPSECRET"))
            leaks++;
        if (rread(WS, F, "race", buf, sizeof buf) == 0 && strstr(buf, "TOPSECRET"))
            leaks++;
    }
    EXPECT(st(WS, 0, "RACE_STOP"), NOENT);
    CHECK(leaks == 0, "race leaked %d times", leaks);
}

int main(void)
{
    climbing();
    symlinks();
    deny();
    readonly();
    single();
    memory();
    swapped();
    return report();
}
