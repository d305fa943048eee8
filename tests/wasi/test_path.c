/*
 * test_path.c — host-side unit tests of the confined resolver's pieces
 * (src/wasi/path.c), no engine needed: lexical normalization, the deny
 * glob matcher, and bxw_openat_beneath in both modes (openat2 and the
 * fallback walk) against a fixture of hostile symlinks.
 */
#include "wasi_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"

static void norm(const char *in, const char *want, int wantrc)
{
    char out[256];
    int rc = bxw_normalize(in, out, sizeof out);
    CHECK(rc == wantrc && (rc == -1 || !strcmp(out, want)), "normalize(%s) = %s rc %d", in, out, rc);
}

static int glob(const char *pat, const char *path)
{
    char buf[256], *comp[32], *q;
    uint32_t n = 0;
    snprintf(buf, sizeof buf, "%s", pat);
    for (q = strtok(buf, "/"); q; q = strtok(NULL, "/"))
        comp[n++] = q;
    return bxw_glob_match(comp, n, path);
}

static void test_lexical(void)
{
    norm("/a/b/../c", "/a/c", 0);
    norm("/a//b/./c/", "/a/b/c", 0);
    norm("/../x", "/x", -2);
    norm("/a/../../x", "/x", -2);
    norm("/", "/", 0);
    norm("/workspace/A/../a/.env", "/workspace/a/.env", 0);

    CHECK(glob("/workspace/**/.env", "/workspace/.env"), "** zero components");
    CHECK(glob("/workspace/**/.env", "/workspace/a/b/c/.env"), "** many");
    CHECK(glob("/workspace/**/.env", "/workspace/a/.env/inner"), "ancestor match");
    CHECK(!glob("/workspace/**/.env", "/workspace/a/.envrc"), "no partial component");
    CHECK(!glob("/workspace/**/.env", "/other/.env"), "other root");
    CHECK(glob("/workspace/.git/**", "/workspace/.git"), ".git itself");
    CHECK(glob("/workspace/.git/**", "/workspace/.git/objects/ab"), ".git content");
    CHECK(!glob("/workspace/.git/**", "/workspace/.github/x"), ".github");
    CHECK(glob("/w/*.key", "/w/id.key") && !glob("/w/*.key", "/w/sub/id.key"), "* in one component");
    CHECK(glob("/w/*", "/w/.hidden"), "* matches dotfiles (deny is conservative)");
    CHECK(glob("/w/?.txt", "/w/a.txt") && !glob("/w/?.txt", "/w/ab.txt"), "?");
    {   /* pathological: many ** against a deep path stays polynomial */
        char deep[4096];
        size_t n = 0;
        for (int i = 0; i < 1000; i++)
            n += (size_t)snprintf(deep + n, sizeof deep - n, "/a");
        CHECK(!glob("/**/**/**/**/**/**/**/**/b", deep), "deep path");
    }
}

static int ob(int dir, const char *p, int flags, int walk)
{
    int no = walk;
    int fd = bxw_openat_beneath(dir, p, flags, 0644, &no);
    if (fd >= 0)
        close(fd);
    return fd >= 0 ? 0 : -fd;
}

static void test_beneath(const char *root, int walk)
{
    char ws[4096], p[4096];
    int dir;
    snprintf(ws, sizeof ws, "%s/ws", root);
    dir = open(ws, O_PATH | O_DIRECTORY);
    CHECK(dir >= 0, "open ws");
    CHECK(ob(dir, "f", O_RDONLY, walk) == 0, "plain file");
    CHECK(ob(dir, "d/../f", O_RDONLY, walk) == 0, "inner ..");
    CHECK(ob(dir, "in", O_RDONLY, walk) == 0, "inner symlink");
    CHECK(ob(dir, "d/up", O_RDONLY, walk) == 0, "inner ../f symlink");
    CHECK(ob(dir, "../secret", O_RDONLY, walk) == EXDEV, "..");
    CHECK(ob(dir, "d/../../secret", O_RDONLY, walk) == EXDEV, "d/../..");
    CHECK(ob(dir, "/etc/passwd", O_RDONLY, walk) == EXDEV, "absolute");
    CHECK(ob(dir, "abs/passwd", O_RDONLY, walk) == EXDEV, "absolute symlink");
    CHECK(ob(dir, "out", O_RDONLY, walk) == EXDEV, "symlink ../secret");
    CHECK(ob(dir, "c1", O_RDONLY, walk) == EXDEV, "chain");
    CHECK(ob(dir, "l1", O_RDONLY, walk) == ELOOP, "loop");
    CHECK(ob(dir, "dang", O_WRONLY | O_CREAT, walk) == EXDEV, "dangling create");
    CHECK(ob(dir, "out", O_PATH | O_NOFOLLOW, walk) == 0, "nofollow O_PATH gets the link");
    CHECK(ob(dir, "out", O_RDONLY | O_NOFOLLOW, walk) == ELOOP, "nofollow");
    CHECK(ob(dir, "missing", O_RDONLY, walk) == ENOENT, "missing");
    CHECK(ob(dir, "f/x", O_RDONLY, walk) == ENOTDIR, "through a file");
    CHECK(ob(dir, "", O_PATH | O_DIRECTORY, walk) == 0, "empty = .");
    snprintf(p, sizeof p, "%s/newfile", root);
    CHECK(access(p, F_OK) != 0, "nothing created outside");
    close(dir);
}

int main(void)
{
    char root[] = "/tmp/bxwpath.XXXXXX", p[4096];
    if (!mkdtemp(root))
        return 2;
#define AT(name) (snprintf(p, sizeof p, "%s/%s", root, name), p)
    mkdir(AT("ws"), 0755);
    mkdir(AT("ws/d"), 0755);
    close(open(AT("ws/f"), O_CREAT | O_WRONLY, 0644));
    close(open(AT("secret"), O_CREAT | O_WRONLY, 0644));
    (void)!symlink("f", AT("ws/in"));
    (void)!symlink("../f", AT("ws/d/up"));
    (void)!symlink("/etc", AT("ws/abs"));
    (void)!symlink("../secret", AT("ws/out"));
    (void)!symlink("c2", AT("ws/c1"));
    (void)!symlink("d/../../secret", AT("ws/c2"));
    (void)!symlink("l2", AT("ws/l1"));
    (void)!symlink("l1", AT("ws/l2"));
    (void)!symlink("../newfile", AT("ws/dang"));
    test_lexical();
    test_beneath(root, 0);
    test_beneath(root, 1);
    {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
        (void)!system(cmd);
    }
    return check_report();
}
