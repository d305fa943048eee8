/*
 * check.h — tiny assertion kit for the WASI guest programs (wasm32-wasi).
 * Every program ends with report(): "N passed, N failed" on stdout, and
 * a non-zero exit status when anything failed.
 */
#ifndef BXW_CHECK_H
#define BXW_CHECK_H

#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static int npass, nfail;

#define CHECK(cond, ...)                                              \
    do {                                                              \
        if (cond) {                                                   \
            npass++;                                                  \
        } else {                                                      \
            nfail++;                                                  \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);               \
            printf(__VA_ARGS__);                                      \
            printf("\n");                                             \
        }                                                             \
    } while (0)

/* A raw WASI call returning an errno: expect exactly `want`. */
#define EXPECT(call, want)                                            \
    do {                                                              \
        int got_ = (int)(call);                                       \
        CHECK(got_ == (int)(want), "%s: errno %d, want %d", #call,    \
              got_, (int)(want));                                     \
    } while (0)

/* Expect one of two errnos (e.g. ROFS or NOTCAPABLE). */
#define EXPECT2(call, w1, w2)                                         \
    do {                                                              \
        int got_ = (int)(call);                                       \
        CHECK(got_ == (int)(w1) || got_ == (int)(w2),                 \
              "%s: errno %d, want %d or %d", #call, got_, (int)(w1), (int)(w2)); \
    } while (0)

static __attribute__((unused)) int report(void)
{
    printf("%d passed, %d failed\n", npass, nfail);
    fflush(stdout);
    return nfail ? 1 : 0;
}

#define R_ALL ((__wasi_rights_t)0x3FFFFFFF)

/* Open with raw path_open; returns errno, fd in *fd.  Asks for the
 * directory's own inheriting rights, as wasi-libc's open() does: a
 * runtime that intersects (ours) gives the same either way, and one that
 * refuses more than the directory holds (Node) opens it too. */
static __attribute__((unused)) __wasi_errno_t ropen(__wasi_fd_t dir, __wasi_lookupflags_t lf, const char *path,
                            __wasi_oflags_t of, __wasi_rights_t base, __wasi_fd_t *fd)
{
    __wasi_fdstat_t st;
    __wasi_rights_t inh = __wasi_fd_fdstat_get(dir, &st) == 0 ? st.fs_rights_inheriting : R_ALL;
    *fd = -1;
    return __wasi_path_open(dir, lf, path, of, base, inh, 0, fd);
}

/* Read a whole (small) file by raw calls into buf; returns errno. */
static __attribute__((unused)) __wasi_errno_t rread(__wasi_fd_t dir, __wasi_lookupflags_t lf, const char *path,
                            char *buf, size_t cap)
{
    __wasi_fd_t fd;
    __wasi_size_t n = 0;
    __wasi_errno_t e = ropen(dir, lf, path, 0, __WASI_RIGHTS_FD_READ, &fd);
    buf[0] = 0;
    if (e)
        return e;
    __wasi_iovec_t iov = { (uint8_t *)buf, cap - 1 };
    e = __wasi_fd_read(fd, &iov, 1, &n);
    buf[e ? 0 : n] = 0;
    (void)__wasi_fd_close(fd);
    return e;
}

/* Write a small file (create/truncate) by raw calls; returns errno. */
static __attribute__((unused)) __wasi_errno_t rwrite(__wasi_fd_t dir, const char *path, const char *data)
{
    __wasi_fd_t fd;
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_path_open(dir, 0, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC,
                                        __WASI_RIGHTS_FD_WRITE, 0, 0, &fd);
    if (e)
        return e;
    __wasi_ciovec_t iov = { (const uint8_t *)data, strlen(data) };
    e = __wasi_fd_write(fd, &iov, 1, &n);
    (void)__wasi_fd_close(fd);
    return e;
}

#endif
