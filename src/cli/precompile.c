/*
 * precompile.c — `boxagnts tool precompile [NAME...]`: the tools' modules
 * compiled to native code (src/aot) into the user's module cache, so that
 * `--tier auto` runs them compiled from the first call.
 *
 * Why a command and not a step of `make`: a cache entry is authenticated
 * with a key of the user who runs boxagnts ($XDG_CONFIG_HOME/boxagnts/
 * cache.key) and lives in that user's cache (cachedir.c's rule), and its
 * key includes the compiler's identity.  What `make` would store is the
 * builder's, under the builder's key: another user (or the builder after
 * a compiler upgrade) would find nothing that verifies.  So each user runs
 * this once (`make precompile` runs it for the one who builds).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int named(char **names, int n, const char *name)
{
    if (!n) return 1;
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], name)) return 1;
    return 0;
}

int cli_tool_precompile(int argc, char **argv)
{
    const char *cache_arg = NULL;
    char **dirs = calloc((size_t)argc + 1, sizeof *dirs), **names = calloc((size_t)argc + 1, sizeof *names);
    int ndirs = 0, nnames = 0, rc = EXIT_OK;
    bx_registry *r = NULL;
    if (!dirs || !names) {
        fprintf(stderr, "boxagnts tool precompile: out of memory\n");
        rc = EXIT_ERROR;
        goto done;
    }
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--tools-dir") && i + 1 < argc) dirs[ndirs++] = argv[++i];
        else if (!strncmp(argv[i], "--tools-dir=", 12)) dirs[ndirs++] = argv[i] + 12;
        else if (!strcmp(argv[i], "--cache-dir") && i + 1 < argc) cache_arg = argv[++i];
        else if (!strncmp(argv[i], "--cache-dir=", 12)) cache_arg = argv[i] + 12;
        else if (argv[i][0] == '-') {
            fprintf(stderr, "boxagnts tool precompile: unknown option %s (see boxagnts tool --help)\n", argv[i]);
            rc = EXIT_USAGE;
            goto done;
        } else names[nnames++] = argv[i];
    }
    char cache_buf[PATH_MAX];
    const char *from = NULL;
    const char *cache = cli_cache_dir(cache_arg, cache_buf, sizeof cache_buf, &from);
    if (!cache) {
        fprintf(stderr, "boxagnts tool precompile: the cache is turned off (%s none): nothing would be "
                        "kept; name one with --cache-dir DIR\n", from ? from : "--cache-dir");
        rc = EXIT_USAGE;
        goto done;
    }
    if (!(r = bx_registry_new())) {
        rc = EXIT_ERROR;
        goto done;
    }
    /* the tools a call would see: built-in, $BOXAGNTS_TOOLS_PATH, --tools-dir */
    bx_error err;
    char dir[PATH_MAX], looked[3 * PATH_MAX];
    cli_builtin_tools_dir(dir, sizeof dir, looked, sizeof looked);
    if (dir[0] && bx_registry_load_dir(r, dir, &err) != BX_OK)
        fprintf(stderr, "boxagnts tool precompile: warning: %s\n", err.msg);
    const char *path = getenv("BOXAGNTS_TOOLS_PATH");
    if (path && *path) {
        char *copy = strdup(path), *save = NULL;
        for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d; d = strtok_r(NULL, ":", &save))
            if (bx_registry_load_dir(r, d, &err) != BX_OK)
                fprintf(stderr, "boxagnts tool precompile: warning: BOXAGNTS_TOOLS_PATH: %s\n", err.msg);
        free(copy);
    }
    for (int i = 0; i < ndirs; i++)
        if (bx_registry_load_dir(r, dirs[i], &err) != BX_OK) {
            fprintf(stderr, "boxagnts tool precompile: %s\n", err.msg);
            rc = EXIT_ERROR;
            goto done;
        }
    for (int i = 0; i < nnames; i++)
        if (!bx_registry_find(r, names[i])) {
            fprintf(stderr, "boxagnts tool precompile: unknown tool %s (see boxagnts tools)\n", names[i]);
            rc = EXIT_USAGE;
            goto done;
        }
    size_t done_n = 0, failed = 0;
    for (size_t i = 0; i < bx_registry_count(r); i++) {
        const bx_tool *t = bx_registry_at(r, i);
        if (!named(names, nnames, t->name)) continue;
        char why[160];
        if (bx_tool_prepare_tier(t, cache, BX_TIER_AOT, 1, why, sizeof why)) {
            printf("%-14s ready in %s\n", t->name, cache);
            done_n++;
        } else if (why[0]) {   /* native tools have nothing to compile: no reason */
            printf("%-14s not compiled: %s\n", t->name, why);
            failed++;
        }
    }
    printf("%zu compiled, %zu not\n", done_n, failed);
    rc = failed ? EXIT_ERROR : EXIT_OK;
done:
    bx_registry_free(r);
    free(dirs);
    free(names);
    return rc;
}
