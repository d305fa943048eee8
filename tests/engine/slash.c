/*
 * slash.c — WASI guest for issue 14 item 6 (tests/engine/t_slash.sh): a
 * path ending in '/' names a directory.  Run with the workspace (fd 3)
 * holding a regular file "f" ("data") and a directory "d".  Expected
 * errnos are wasmtime's (its wasi-tests path_open / path_link /
 * path_symlink_trailing_slashes / path_rename_*_trailing_slashes) and
 * Linux's.
 */
#include "check.h"

#define WS 3

static int exists(const char *p)
{
    __wasi_filestat_t st;
    return __wasi_path_filestat_get(WS, 0, p, &st) == 0;
}

static __wasi_filetype_t ftype(const char *p)
{
    __wasi_filestat_t st;
    return __wasi_path_filestat_get(WS, 0, p, &st) == 0 ? st.filetype : 255;
}

int main(void)
{
    __wasi_fd_t fd;
    char buf[64];

    /* path_open */
    EXPECT(ropen(WS, 0, "f/", 0, __WASI_RIGHTS_FD_READ, &fd), __WASI_ERRNO_NOTDIR);
    EXPECT(ropen(WS, 0, "f/", __WASI_OFLAGS_DIRECTORY, 0, &fd), __WASI_ERRNO_NOTDIR);
    EXPECT(ropen(WS, 0, "f/", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, &fd), __WASI_ERRNO_NOTDIR);
    EXPECT(ropen(WS, 0, "d/../f/", 0, __WASI_RIGHTS_FD_READ, &fd), __WASI_ERRNO_NOTDIR);
    EXPECT(ropen(WS, 0, "missing/", 0, __WASI_RIGHTS_FD_READ, &fd), __WASI_ERRNO_NOENT);
    EXPECT(ropen(WS, 0, "new/", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_WRITE, &fd), __WASI_ERRNO_ISDIR);
    CHECK(!exists("new"), "path_open(\"new/\", CREAT) created a file");
    EXPECT(rread(WS, 0, "f", buf, sizeof buf), 0);
    CHECK(strcmp(buf, "data") == 0, "f reads \"%s\"", buf);
    EXPECT(ropen(WS, 0, "d/", 0, __WASI_RIGHTS_FD_READDIR, &fd), 0);
    if (fd != (__wasi_fd_t)-1) (void)__wasi_fd_close(fd);
    EXPECT(ropen(WS, 0, "d//", __WASI_OFLAGS_DIRECTORY, 0, &fd), 0);
    if (fd != (__wasi_fd_t)-1) (void)__wasi_fd_close(fd);

    /* path_link: the new name "l/" is not an existing directory */
    EXPECT(__wasi_path_link(WS, 0, "f", WS, "l/"), __WASI_ERRNO_NOENT);
    CHECK(!exists("l"), "path_link to \"l/\" created l");
    EXPECT(__wasi_path_link(WS, 0, "f/", WS, "l"), __WASI_ERRNO_NOTDIR);
    CHECK(!exists("l"), "path_link from \"f/\" created l");
    EXPECT(__wasi_path_link(WS, 0, "f", WS, "d/"), __WASI_ERRNO_EXIST);
    EXPECT(__wasi_path_link(WS, 0, "f", WS, "f/"), __WASI_ERRNO_NOTDIR);
    EXPECT(__wasi_path_link(WS, 0, "f", WS, "l"), 0);          /* the control */
    EXPECT(__wasi_path_unlink_file(WS, "l"), 0);

    /* path_symlink */
    EXPECT(__wasi_path_symlink("f", WS, "s/"), __WASI_ERRNO_NOENT);
    CHECK(!exists("s"), "path_symlink to \"s/\" created s");
    EXPECT(__wasi_path_symlink("f", WS, "d/"), __WASI_ERRNO_EXIST);
    EXPECT2(__wasi_path_symlink("f", WS, "f/"), __WASI_ERRNO_EXIST, __WASI_ERRNO_NOTDIR);
    EXPECT(__wasi_path_symlink("f", WS, "s"), 0);               /* the control */
    EXPECT(__wasi_path_unlink_file(WS, "s"), 0);

    /* path_rename of a file: a slash on either side fails */
    EXPECT(__wasi_path_rename(WS, "f", WS, "t/"), __WASI_ERRNO_NOTDIR);
    EXPECT(__wasi_path_rename(WS, "f/", WS, "t"), __WASI_ERRNO_NOTDIR);
    EXPECT(__wasi_path_rename(WS, "f/", WS, "t/"), __WASI_ERRNO_NOTDIR);
    EXPECT(__wasi_path_rename(WS, "f", WS, "d/"), __WASI_ERRNO_NOTDIR);
    CHECK(!exists("t") && ftype("f") == __WASI_FILETYPE_REGULAR_FILE && ftype("d") == __WASI_FILETYPE_DIRECTORY,
          "a failed rename changed something");
    /* ... of a directory: slashes are fine */
    EXPECT(__wasi_path_rename(WS, "d/", WS, "d2"), 0);
    EXPECT(__wasi_path_rename(WS, "d2", WS, "d/"), 0);
    EXPECT(__wasi_path_rename(WS, "d/", WS, "d2/"), 0);
    EXPECT(__wasi_path_rename(WS, "d2/", WS, "d"), 0);
    CHECK(ftype("d") == __WASI_FILETYPE_DIRECTORY && !exists("d2"), "directory renames");
    /* ... of a directory over a file named with a slash */
    EXPECT(__wasi_path_create_directory(WS, "e"), 0);
    EXPECT(__wasi_path_rename(WS, "e", WS, "f/"), __WASI_ERRNO_NOTDIR);
    EXPECT(__wasi_path_remove_directory(WS, "e"), 0);
    return report();
}
