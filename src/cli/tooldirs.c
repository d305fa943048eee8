/*
 * tooldirs.c — where the built-in tools are, for every subcommand that
 * loads tools (tools, call, mcp, serve).  They are found relative to the
 * running binary (/proc/self/exe), never at a path fixed at build time, so
 * a build tree, an installed tree and a relocated copy of either all work:
 *
 *   EXEDIR/tools                   the build tree (build/boxagnts, build/tools)
 *   EXEDIR/../lib/boxagnts/tools   `make install` (PREFIX/bin, PREFIX/lib)
 *   EXEDIR/../share/boxagnts/tools the layout of earlier versions
 *
 * When no tool at all is found, the caller prints every place looked at
 * (cli_no_tools) and exits non-zero: a server that offers nothing is a
 * broken install, not an empty success.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void append(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(buf);
    if (n < cap) snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", s);
}

void cli_builtin_tools_dir(char *out, size_t cap, char *looked, size_t lcap)
{
    char exe[PATH_MAX];
    out[0] = 0;
    if (looked && lcap) looked[0] = 0;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        if (looked) append(looked, lcap, "(/proc/self/exe unreadable: the binary's location is unknown)");
        return;
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash) return;
    *slash = 0;
    /* The prefix is the binary's directory's parent, spelled out rather
     * than as "bin/.." so that messages show a real path. */
    char prefix[PATH_MAX];
    snprintf(prefix, sizeof prefix, "%s", exe);
    char *p = strrchr(prefix, '/');
    if (p && p != prefix) *p = 0;
    else snprintf(prefix, sizeof prefix, "/");
    const char *sep = strcmp(prefix, "/") ? "/" : "";
    char cand[3][PATH_MAX + 32];
    snprintf(cand[0], sizeof cand[0], "%s/tools", exe);
    snprintf(cand[1], sizeof cand[1], "%s%slib/boxagnts/tools", prefix, sep);
    snprintf(cand[2], sizeof cand[2], "%s%sshare/boxagnts/tools", prefix, sep);
    for (int i = 0; i < 3; i++) {
        if (looked) append(looked, lcap, cand[i]);
        if (is_dir(cand[i]) && strlen(cand[i]) < cap) {
            snprintf(out, cap, "%s", cand[i]);
            return;
        }
    }
}

void cli_no_tools(const char *cmd, const char *looked, size_t ndirs)
{
    const char *path = getenv("BOXAGNTS_TOOLS_PATH");
    fprintf(stderr,
            "boxagnts %s: no tools found.  Looked for the built-in tools beside the binary in: %s;\n"
            "  $BOXAGNTS_TOOLS_PATH: %s;  tool directories searched in all: %zu.\n"
            "  Build them (`make`), install them with the binary (`make install PREFIX=...` puts\n"
            "  them in PREFIX/lib/boxagnts/tools), or name a directory with --tools-dir DIR.\n",
            cmd, looked && *looked ? looked : "(nowhere)", path && *path ? path : "(unset)", ndirs);
}

/* The built-in tools found from the binary's location (tooldirs.c), then
 * $BOXAGNTS_TOOLS_PATH: before the policy's and the flags' dirs. */
int cli_default_tool_dirs(bx_server_config *c)
{
    char dir[PATH_MAX];
    cli_builtin_tools_dir(dir, sizeof dir, NULL, 0);
    if (dir[0] && cli_push(&c->tool_dirs, &c->ntool_dirs, dir))
        return -1;
    const char *path = getenv("BOXAGNTS_TOOLS_PATH");
    if (path && *path) {
        char *copy = strdup(path), *save = NULL;
        for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d; d = strtok_r(NULL, ":", &save))
            if (cli_push(&c->tool_dirs, &c->ntool_dirs, d)) {
                free(copy);
                return -1;
            }
        free(copy);
    }
    return 0;
}

