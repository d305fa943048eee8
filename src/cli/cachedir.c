/*
 * cachedir.c — one rule for where the compiled-module cache is, for run,
 * call, mcp and serve:
 *
 *   --cache-dir DIR (or a policy's cache_dir), else $BOXAGNTS_CACHE_DIR,
 *   else $XDG_CACHE_HOME/boxagnts (when absolute), else $HOME/.cache/boxagnts;
 *   "none" (flag or variable) turns the cache off.
 *
 * Whether a cache may be used is not decided here: cached code is trusted
 * once its checksums pass, so the tool layer refuses a cache that a call's
 * grants reach (src/tools/wasmtool.c).  What this file adds is a word when
 * that happens: cli_cache_note mirrors the overlap test on the grants the
 * operator gave, so "the cache is inside the workspace" is said once, at
 * start-up, instead of every call silently compiling again.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* mkdir -p, 0700 for what it creates: the XDG base directory of a default
 * location, so that the cache's parent exists (the trust rule judges a
 * missing cache by its parent, and refuses it when that is missing too). */
static void make_base(const char *dir)
{
    char p[PATH_MAX];
    if ((size_t)snprintf(p, sizeof p, "%s", dir) >= sizeof p) return;
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = 0;
            mkdir(p, 0700);
            *s = '/';
        }
    mkdir(p, 0700);
}

const char *cli_cache_dir(const char *given, char *buf, size_t cap, const char **from)
{
    const char *env = getenv("BOXAGNTS_CACHE_DIR"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    *from = NULL;
    if (given) {
        *from = "--cache-dir";
        return !*given || !strcmp(given, "none") ? NULL : given;
    }
    if (env && *env) {
        *from = "$BOXAGNTS_CACHE_DIR";
        return strcmp(env, "none") ? env : NULL;
    }
    if (xdg && xdg[0] == '/' && (size_t)snprintf(buf, cap, "%s/boxagnts", xdg) < cap) {
        *from = "$XDG_CACHE_HOME/boxagnts";
        make_base(xdg);
        return buf;
    }
    if (home && home[0] == '/' && (size_t)snprintf(buf, cap, "%s/.cache/boxagnts", home) < cap) {
        *from = "~/.cache/boxagnts";
        buf[strlen(buf) - strlen("/boxagnts")] = 0;
        make_base(buf);
        buf[strlen(buf)] = '/';
        return buf;
    }
    return NULL;
}

/* The cache dir as it will be: its realpath, or its parent's plus its name. */
static int resolve(const char *dir, char *real)
{
    if (realpath(dir, real)) return 1;
    char parent[PATH_MAX];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    if (!slash || slash == parent) return 0;
    *slash = 0;
    char tmp[PATH_MAX];
    if (!realpath(parent, tmp)) return 0;
    return (size_t)snprintf(real, PATH_MAX, "%s/%s", tmp, slash + 1) < PATH_MAX;
}

int cli_cache_overlap(const char *dir, const bx_run_options *o, char *why, size_t cap)
{
    char real[PATH_MAX];
    if (!resolve(dir, real)) {
        snprintf(why, cap, "neither it nor its parent directory exists, so it cannot be judged");
        return 1;
    }
    size_t cl = strlen(real);
    for (size_t i = 0; i < o->nmap_dirs; i++) {
        const char *h = o->map_dirs[i].host;
        size_t hl = strlen(h);
        if ((hl == 1 && h[0] == '/') ||
            (hl <= cl && !strncmp(real, h, hl) && (real[hl] == '/' || real[hl] == 0)) ||
            (cl <= hl && !strncmp(h, real, cl) && (h[cl] == '/' || h[cl] == 0))) {
            snprintf(why, cap, "the grant of %s (%s) reaches it", o->map_dirs[i].guest, h);
            return 1;
        }
    }
    return 0;
}

void cli_cache_note(const char *cmd, const char *who, const char *dir, const char *from, const bx_run_options *o)
{
    char why[PATH_MAX + 64];
    if (!dir || !cli_cache_overlap(dir, o, why, sizeof why)) return;
    fprintf(stderr,
            "boxagnts %s: note: %sthe module cache %s (from %s) is not used by calls that reach it: %s.\n"
            "  Cached code is trusted, so it must be out of every grant's reach: set --cache-dir or\n"
            "  $BOXAGNTS_CACHE_DIR to a directory outside the workspace and grants (\"none\": no cache).\n",
            cmd, who, dir, from ? from : "--cache-dir", why);
}
