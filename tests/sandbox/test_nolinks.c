/*
 * test_nolinks.c — bx_wasi_new with BX_WASI_GRANTS_NO_LINKS: a grant is
 * resolved to a canonical path when it is configured and opened later; a
 * link planted on that path in between (by a guest of another call) must
 * make the sandbox refuse to start, never be followed.  Also the options
 * layer: a grant through a link in the workspace is refused.
 */
#include "boxagnts.h"
#include "../check.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int starts(const char *host, int flags, char *msg, size_t n)
{
    bx_wasi_preopen po = {0};
    bx_wasi_config c;
    bx_error err;
    bx_wasi *w;
    memset(&c, 0, sizeof c);
    memset(&err, 0, sizeof err);
    po.host_path = host;
    po.guest_path = "/workspace/docs";
    c.preopens = &po;
    c.npreopens = 1;
    c.flags = flags;
    w = bx_wasi_new(&c, &err);
    snprintf(msg, n, "%s", err.msg);
    bx_wasi_free(w);
    return w != NULL;
}

int main(void)
{
    char dir[] = "/tmp/bx_nolinks_XXXXXX", p[PATH_MAX], q[PATH_MAX], msg[400];
    bx_run_options o;
    bx_error err;
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    snprintf(p, sizeof p, "%s/ws/docs", dir);
    snprintf(q, sizeof q, "%s/ws", dir);
    CHECK(mkdir(q, 0755) == 0 && mkdir(p, 0755) == 0, "mkdir");
    snprintf(q, sizeof q, "%s/outside", dir);
    CHECK(mkdir(q, 0755) == 0, "mkdir outside");

    /* canonical and link-free: starts, with or without the flag */
    CHECK(starts(p, BX_WASI_GRANTS_NO_LINKS, msg, sizeof msg), "canonical grant: %s", msg);
    /* docs replaced by a link since it was granted */
    CHECK(rmdir(p) == 0 && symlink("../outside", p) == 0, "plant");
    CHECK(!starts(p, BX_WASI_GRANTS_NO_LINKS, msg, sizeof msg) && strstr(msg, "symbolic link"),
          "a link at the grant refuses to start: %s", msg);
    CHECK(starts(p, 0, msg, sizeof msg), "without the flag an embedder's path is followed: %s", msg);
    /* an ancestor replaced by a link */
    snprintf(q, sizeof q, "%s/ws", dir);
    CHECK(unlink(p) == 0 && rename(q, (snprintf(msg, sizeof msg, "%s/ws2", dir), msg)) == 0, "move ws");
    snprintf(msg, sizeof msg, "%s/ws2/docs", dir);
    CHECK(mkdir(msg, 0755) == 0, "mkdir ws2/docs");
    CHECK(symlink("ws2", q) == 0, "ws -> ws2");
    CHECK(!starts(p, BX_WASI_GRANTS_NO_LINKS, msg, sizeof msg) && strstr(msg, "symbolic link"),
          "a link on the way refuses to start: %s", msg);

    /* the options layer refuses a workspace grant through a link */
    bx_run_options_init(&o);
    memset(&err, 0, sizeof err);
    snprintf(q, sizeof q, "%s/ws2", dir);
    CHECK(bx_run_options_set_workspace(&o, q, &err) == BX_OK, "workspace: %s", err.msg);
    snprintf(p, sizeof p, "%s/ws2/l", dir);
    CHECK(symlink("docs", p) == 0, "l -> docs");
    CHECK(bx_run_options_add_cap(&o, "read:/workspace/docs", &err) == BX_OK, "plain grant: %s", err.msg);
    CHECK(bx_run_options_add_cap(&o, "read:/workspace/l", &err) != BX_OK && strstr(err.msg, "symbolic link"),
          "grant through a link, even one pointing inside: %s", err.msg);
    CHECK(bx_run_options_add_cap(&o, "write:/workspace/l/x", &err) != BX_OK && strstr(err.msg, "symbolic link"),
          "grant below a link: %s", err.msg);
    bx_run_options_free(&o);

    snprintf(msg, sizeof msg, "rm -rf '%s'", dir);
    CHECK(system(msg) == 0, "cleanup");
    return check_report();
}
