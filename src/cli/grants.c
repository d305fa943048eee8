/*
 * grants.c — grants checked before anything runs, the same way for every
 * subcommand.  `run` always refused a bad grant (exit 2); `call`, `mcp` and
 * `serve` used to accept it and turn it into an is_error result of every
 * call, so a typo in an operator's configuration looked like the agent's
 * failure.  Each grant goes through bx_run_options_add_cap on a scratch
 * set of options with the workspace it will be used with: the very check a
 * call makes, so what passes here cannot fail later for the same reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cli.h"

/* who: "" or "executor NAME: ". */
static int check_one(const char *cmd, const char *who, const char *workspace, const char *const *grants,
                     size_t n, const char *cache, const char *from)
{
    bx_run_options o;
    bx_error err;
    int rc = 0;
    bx_run_options_init(&o);
    memset(&err, 0, sizeof err);
    if (workspace && bx_run_options_set_workspace(&o, workspace, &err) != BX_OK) {
        fprintf(stderr, "boxagnts %s: %sworkspace: %s\n", cmd, who, err.msg);
        rc = EXIT_USAGE;
    }
    for (size_t i = 0; !rc && i < n; i++)
        if (bx_run_options_add_cap(&o, grants[i], &err) != BX_OK) {
            fprintf(stderr, "boxagnts %s: %s%s\n", cmd, who, err.msg);
            rc = EXIT_USAGE;
        }
    /* A workspace and no file grant: tools get the workspace itself. */
    int fs = 0;
    for (size_t i = 0; i < n; i++)
        fs |= !strncmp(grants[i], "read:", 5) || !strncmp(grants[i], "write:", 6);
    if (!rc && workspace && !fs && bx_run_options_add_cap(&o, "read:/workspace", &err) != BX_OK) {
        fprintf(stderr, "boxagnts %s: %sworkspace: %s\n", cmd, who, err.msg);
        rc = EXIT_USAGE;
    }
    if (!rc && cache)
        cli_cache_note(cmd, who, cache, from, &o);
    bx_run_options_free(&o);
    return rc;
}

int cli_check_grants(const char *cmd, const char *workspace, const char *const *grants, size_t n,
                     const char *cache_dir, const char *cache_from)
{
    return check_one(cmd, "", workspace, grants, n, cache_dir, cache_from);
}

int cli_check_server_grants(const char *cmd, const bx_server_config *c, const char *cache_from)
{
    int rc = check_one(cmd, "", c->defaults.g.workspace, (const char *const *)c->defaults.g.caps,
                       c->defaults.g.ncaps, c->defaults.g.cache_dir, cache_from);
    if (rc || !c->executors_json) return rc;
    /* Executors inherit the top level's workspace and grants unless they
     * set their own (which replace them; paths are absolute by now). */
    cJSON *ex = cJSON_Parse(c->executors_json), *e;
    cJSON_ArrayForEach(e, ex) {
        if (rc) break;
        const cJSON *ws = cJSON_GetObjectItemCaseSensitive(e, "workspace");
        const cJSON *gs = cJSON_GetObjectItemCaseSensitive(e, "grants");
        const cJSON *cd = cJSON_GetObjectItemCaseSensitive(e, "cache_dir");
        const char *cache = !cd ? c->defaults.g.cache_dir : cJSON_IsString(cd) ? cd->valuestring : NULL;
        const char *from = cd ? "the policy" : cache_from;
        const char *w = !ws ? c->defaults.g.workspace : cJSON_IsString(ws) ? ws->valuestring : NULL;
        char who[200];
        snprintf(who, sizeof who, "executor %.128s: ", e->string ? e->string : "?");
        if (!cJSON_IsArray(gs)) {
            rc = check_one(cmd, who, w, (const char *const *)c->defaults.g.caps, c->defaults.g.ncaps, cache, from);
            continue;
        }
        size_t n = (size_t)cJSON_GetArraySize(gs), k = 0;
        const char **v = calloc(n + 1, sizeof *v);
        if (!v) { rc = EXIT_ERROR; break; }
        const cJSON *g;
        cJSON_ArrayForEach(g, gs) if (cJSON_IsString(g)) v[k++] = g->valuestring;
        rc = check_one(cmd, who, w, v, k, cache, from);
        free(v);
    }
    cJSON_Delete(ex);
    return rc;
}
