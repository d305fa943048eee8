/*
 * registry.c — the set of tools a caller can use (built-ins plus every
 * manifest in the tool directories) and bx_tool_call, the one path by which
 * a tool runs: lookup, permission check, input parse and schema check,
 * execute.  A registry is filled once, then only read, so many threads may
 * call through it at once without locks.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tools_impl.h"

#define MAX_TOOLS    4096
#define MAX_PROBLEMS 4096

struct bx_registry {
    bx_tool **tools; size_t ntools, cap;       /* sorted by name */
    char **problems; size_t nproblems, pcap;
};

bx_registry *bx_registry_new(void)
{
    return calloc(1, sizeof(bx_registry));
}

void bx_registry_free(bx_registry *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->ntools; i++) bx_tool_free(r->tools[i]);
    for (size_t i = 0; i < r->nproblems; i++) free(r->problems[i]);
    free(r->tools);
    free(r->problems);
    free(r);
}

static size_t lower_bound(const bx_registry *r, const char *name)
{
    size_t lo = 0, hi = r->ntools;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(r->tools[mid]->name, name) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

bx_status bx_registry_add(bx_registry *r, bx_tool *t, bx_error *err)
{
    if (!t || !t->name || !t->execute || !t->input_schema)
        return bx_error_setf(err, BX_ERR_ARG, "a tool needs a name, an input schema and an execute function");
    size_t i = lower_bound(r, t->name);
    if (i < r->ntools && strcmp(r->tools[i]->name, t->name) == 0)
        return bx_error_setf(err, BX_ERR_ARG, "a tool named \"%s\" is already registered", t->name);
    if (r->ntools >= MAX_TOOLS) return bx_error_setf(err, BX_ERR_LIMIT, "more than %d tools", MAX_TOOLS);
    if (r->ntools == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        bx_tool **nt = realloc(r->tools, cap * sizeof *nt);
        if (!nt) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        r->tools = nt, r->cap = cap;
    }
    memmove(r->tools + i + 1, r->tools + i, (r->ntools - i) * sizeof *r->tools);
    r->tools[i] = t;
    r->ntools++;
    return BX_OK;
}

static void add_problem(bx_registry *r, const char *msg)
{
    if (r->nproblems >= MAX_PROBLEMS) return;
    if (r->nproblems == r->pcap) {
        size_t cap = r->pcap ? r->pcap * 2 : 8;
        char **np = realloc(r->problems, cap * sizeof *np);
        if (!np) return;
        r->problems = np, r->pcap = cap;
    }
    char *c = strdup(msg);
    if (c) r->problems[r->nproblems++] = c;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bx_status bx_registry_load_dir(bx_registry *r, const char *dir, bx_error *err)
{
    DIR *d = opendir(dir);
    if (!d) return bx_error_setf(err, BX_ERR_IO, "cannot read the tool directory %s: %s", dir, strerror(errno));
    /* Sorted, so which of two same-named tools wins does not depend on
     * the filesystem's order. */
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) break;
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name))) break;
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char mpath[PATH_MAX];
        struct stat st;
        if (snprintf(mpath, sizeof mpath, "%s/%s/tool.json", dir, names[i]) >= (int)sizeof mpath) continue;
        if (stat(mpath, &st) != 0) continue;   /* not a tool directory */
        bx_error lerr;
        memset(&lerr, 0, sizeof lerr);
        bx_tool *t = bx_wasm_tool_load(mpath, &lerr);
        if (!t) {
            add_problem(r, lerr.msg);
            continue;
        }
        if (bx_registry_add(r, t, &lerr) != BX_OK) {
            char msg[sizeof lerr.msg + PATH_MAX + 16];
            snprintf(msg, sizeof msg, "%s: %s; skipped", mpath, lerr.msg);
            add_problem(r, msg);
            bx_tool_free(t);
        }
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return BX_OK;
}

size_t bx_registry_count(const bx_registry *r) { return r->ntools; }
const bx_tool *bx_registry_at(const bx_registry *r, size_t i) { return i < r->ntools ? r->tools[i] : NULL; }
size_t bx_registry_problem_count(const bx_registry *r) { return r->nproblems; }
const char *bx_registry_problem(const bx_registry *r, size_t i) { return i < r->nproblems ? r->problems[i] : NULL; }

const bx_tool *bx_registry_find(const bx_registry *r, const char *name)
{
    size_t i = lower_bound(r, name);
    return i < r->ntools && strcmp(r->tools[i]->name, name) == 0 ? r->tools[i] : NULL;
}

#define INPUT_MAX (64u << 20)

bx_status bx_tool_call(const bx_registry *r, const char *name, const bx_tool_context *ctx,
                       const char *input_json, bx_tool_result *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    const bx_tool *t = bx_registry_find(r, name);
    if (!t) {
        char list[512] = "";
        size_t k = 0;
        for (size_t i = 0; i < r->ntools && k < sizeof list - 80; i++)
            k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : "", r->tools[i]->name);
        return bx_error_setf(err, BX_ERR_ARG, "no tool named \"%s\" (available: %s)", name, r->ntools ? list : "none");
    }
    if (t->level == BX_PERM_FORBIDDEN)
        return bxt_tool_result_errorf(out, "The tool %s is forbidden: it never runs.", t->name);
    if (t->level > ctx->max_level)
        return bxt_tool_result_errorf(out,
            "Permission denied: the tool %s needs permission level '%s', and this caller's profile allows "
            "up to '%s' (raise the profile, e.g. --profile %s, to allow it).",
            t->name, bx_perm_name(t->level), bx_perm_name(ctx->max_level), bx_perm_name(t->level));
    size_t len = input_json ? strlen(input_json) : 0;
    if (len > INPUT_MAX)
        return bxt_tool_result_errorf(out, "Invalid input: %zu bytes is more than the %u-byte input limit.", len, INPUT_MAX);
    const char *end = NULL;
    cJSON *in = cJSON_ParseWithOpts(input_json ? input_json : "", &end, 1);
    if (!in) {
        size_t off = end ? (size_t)(end - input_json) : 0;
        return bxt_tool_result_errorf(out, "Invalid input: not valid JSON (error near byte %zu).", off);
    }
    cJSON *schema = cJSON_Parse(t->input_schema);
    char msg[600];
    int bad = !cJSON_IsObject(in) ? (snprintf(msg, sizeof msg, "the input must be a JSON object"), 1)
                                  : bxt_schema_check(schema, in, msg, sizeof msg) != 0;
    cJSON_Delete(schema);
    if (bad) {
        cJSON_Delete(in);
        return bxt_tool_result_errorf(out, "Invalid input for %s: %s.", t->name, msg);
    }
    /* Tools get the input as it came (validated above): re-printing it
     * through cJSON would cut every string at a \u0000. */
    cJSON_Delete(in);
    return t->execute(t, ctx, input_json, out, err);
}
