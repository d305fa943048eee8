/*
 * executor.c — the server object: the tool registry, the executors and
 * their quota ledgers, and one call through an executor.  Quotas are held
 * before a call (what the call may use is reserved) and settled after it
 * (what it used is charged, the rest returned), so concurrent calls of one
 * executor can never together go past its totals.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server_impl.h"

static uint64_t sub0(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }
static uint64_t min_nz(uint64_t limit, uint64_t avail) { return limit && limit < avail ? limit : avail; }

/* ---- manifests: what tools/list shows beyond the bx_tool interface ----- */

static void load_hints(bx_server *s, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[4096];
        if (snprintf(path, sizeof path, "%s/%s/tool.json", dir, de->d_name) >= (int)sizeof path)
            continue;
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        char buf[1 << 16];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        cJSON *m = cJSON_Parse(buf);
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(m, "name");
        const cJSON *needs = cJSON_GetObjectItemCaseSensitive(m, "needs");
        const cJSON *net = cJSON_GetObjectItemCaseSensitive(needs, "network");
        const cJSON *lim = cJSON_GetObjectItemCaseSensitive(m, "limits");
        const cJSON *tmo = cJSON_GetObjectItemCaseSensitive(lim, "timeout");
        const cJSON *fuel = cJSON_GetObjectItemCaseSensitive(lim, "fuel");
        uint64_t tns = 0;
        bx_error e2;
        if (cJSON_IsString(tmo) && bx_parse_duration(tmo->valuestring, &tns, &e2) != BX_OK)
            tns = 0;
        if (cJSON_IsString(name)) {
            srv_tool_hint *h = realloc(s->hints, (s->nhints + 1) * sizeof *h);
            if (h) {
                s->hints = h;
                h[s->nhints].name = strdup(name->valuestring);
                h[s->nhints].network = cJSON_IsTrue(net) || cJSON_IsString(net) ||
                                       cJSON_IsArray(net) || cJSON_IsObject(net);
                h[s->nhints].timeout_ns = tns;
                h[s->nhints].fuel = cJSON_IsNumber(fuel) && fuel->valuedouble > 0 &&
                                    fuel->valuedouble < 1.8e19 ? (uint64_t)fuel->valuedouble : 0;
                if (h[s->nhints].name)
                    s->nhints++;
            }
        }
        cJSON_Delete(m);
    }
    closedir(d);
}

const srv_tool_hint *srv_tool_hint_of(const bx_server *s, const char *tool)
{
    for (size_t i = 0; i < s->nhints; i++)
        if (!strcmp(s->hints[i].name, tool))
            return &s->hints[i];
    return NULL;
}

int srv_tool_network(const bx_server *s, const char *tool)
{
    const srv_tool_hint *h = srv_tool_hint_of(s, tool);
    return h ? h->network : 0;
}

/* ---- the server -------------------------------------------------------- */

static bx_status add_executor(bx_server *s, const bx_executor_config *base, const char *name,
                              const cJSON *over, bx_error *err)
{
    size_t at = s->nex;
    for (size_t i = 0; i < s->nex; i++)
        if (!strcmp(s->ex[i].cfg.name, name))
            at = i;                         /* a policy "default" replaces the flags' one */
    bx_executor_config cfg;
    bx_status st = srv_exec_config_copy(&cfg, base, err);
    if (st != BX_OK)
        return st;
    free(cfg.name);
    cfg.name = strdup(name);
    char where[160];
    snprintf(where, sizeof where, "policy: executors.%.100s", name);
    if (!cfg.name)
        st = (err->status = BX_ERR_NOMEM);
    if (st == BX_OK && over)
        st = srv_exec_config_apply(&cfg, over, NULL, 0, where, err);
    struct stat sb;
    if (st == BX_OK && cfg.workspace && (stat(cfg.workspace, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        err->status = st = BX_ERR_ARG;
        snprintf(err->msg, sizeof err->msg, "executor %.60s: workspace %.150s is not a directory",
                 name, cfg.workspace);
    }
    if (st != BX_OK) {
        srv_exec_config_free(&cfg);
        return st;
    }
    if (at == s->nex) {
        srv_executor *ne = realloc(s->ex, (s->nex + 1) * sizeof *ne);
        if (!ne) {
            srv_exec_config_free(&cfg);
            err->status = BX_ERR_NOMEM;
            snprintf(err->msg, sizeof err->msg, "out of memory for executor %s", name);
            return BX_ERR_NOMEM;
        }
        s->ex = ne;
        memset(&s->ex[at], 0, sizeof s->ex[at]);
        s->nex++;
    } else {
        srv_exec_config_free(&s->ex[at].cfg);
    }
    s->ex[at].cfg = cfg;
    return BX_OK;
}

void bx_server_free(bx_server *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nex; i++) {
        srv_exec_config_free(&s->ex[i].cfg);
        pthread_mutex_destroy(&s->ex[i].mu);
    }
    free(s->ex);
    for (size_t i = 0; i < s->nhints; i++)
        free(s->hints[i].name);
    free(s->hints);
    bx_registry_free(s->reg);
    free(s);
}

bx_server *bx_server_new(const bx_server_config *c, bx_error *err)
{
    bx_server *s = calloc(1, sizeof *s);
    if (!s || !(s->reg = bx_registry_new())) {
        free(s);
        err->status = BX_ERR_NOMEM;
        snprintf(err->msg, sizeof err->msg, "out of memory for the server");
        return NULL;
    }
    s->workers = c->workers ? c->workers : srv_default_workers();
    s->max_message = c->max_message ? c->max_message : SRV_DEFAULT_MAX_MESSAGE;
    bx_status st = BX_OK;
    for (size_t i = 0; st == BX_OK && i < c->ntool_dirs; i++) {
        st = bx_registry_load_dir(s->reg, c->tool_dirs[i], err);
        if (st == BX_OK)
            load_hints(s, c->tool_dirs[i]);
    }
    if (st == BX_OK)
        st = add_executor(s, &c->defaults, "default", NULL, err);
    cJSON *ex = NULL;
    if (st == BX_OK && c->executors_json) {
        ex = cJSON_Parse(c->executors_json);
        if (!cJSON_IsObject(ex)) {
            err->status = st = BX_ERR_ARG;
            snprintf(err->msg, sizeof err->msg, "executors: not a JSON object");
        }
        const cJSON *e;
        cJSON_ArrayForEach(e, ex) {
            if (st != BX_OK)
                break;
            st = add_executor(s, &c->defaults, e->string, e, err);
        }
    }
    cJSON_Delete(ex);
    for (size_t i = 0; i < s->nex; i++) {
        s->ex[i].index = i;
        pthread_mutex_init(&s->ex[i].mu, NULL);
    }
    if (st != BX_OK) {
        bx_server_free(s);
        return NULL;
    }
    return s;
}

const bx_registry *bx_server_registry(const bx_server *s)
{
    return s->reg;
}

srv_executor *srv_find_executor(bx_server *s, const char *name)
{
    if (!name)
        name = "default";
    for (size_t i = 0; i < s->nex; i++)
        if (!strcmp(s->ex[i].cfg.name, name))
            return &s->ex[i];
    return NULL;
}

int srv_tool_allowed(const srv_executor *e, const char *tool)
{
    if (!e->cfg.ntools)
        return 1;
    for (size_t i = 0; i < e->cfg.ntools; i++)
        if (!strcmp(e->cfg.tools[i], tool))
            return 1;
    return 0;
}

static bx_status refuse(bx_tool_result *out, int *refused, int why, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static bx_status refuse(bx_tool_result *out, int *refused, int why, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    memset(out, 0, sizeof *out);
    out->content = strdup(msg);
    out->is_error = 1;
    if (refused)
        *refused = why;
    return out->content ? BX_OK : BX_ERR_NOMEM;
}

bx_status srv_call(bx_server *s, srv_executor *e, const char *tool, const char *input_json,
                   const volatile int *cancel, bx_tool_result *out, int *refused, bx_error *err)
{
    const bx_executor_config *c = &e->cfg;
    if (refused)
        *refused = SRV_RAN;
    if (!srv_tool_allowed(e, tool) || !bx_registry_find(s->reg, tool))
        return refuse(out, refused, SRV_REFUSED_TOOL, "unknown tool \"%.200s\"%s%.128s", tool,
                      bx_registry_find(s->reg, tool) ? " for executor " : "",
                      bx_registry_find(s->reg, tool) ? c->name : "");

    /* Hold what the call may use.  With a quota the call's limit is set
     * explicitly, so an unset per-call limit falls back to the manifest's
     * default here (the context would otherwise replace it). */
    const srv_tool_hint *hint = srv_tool_hint_of(s, tool);
    uint64_t fuel = c->fuel, timeout = c->timeout_ns;
    uint64_t fuel_cap = fuel ? fuel : hint ? hint->fuel : 0;
    uint64_t timeout_cap = timeout ? timeout : hint ? hint->timeout_ns : 0;
    pthread_mutex_lock(&e->mu);
    const char *why = NULL;
    if (c->quota_calls && e->used_calls + e->held_calls >= c->quota_calls)
        why = "calls";
    if (!why && c->quota_fuel) {
        uint64_t avail = sub0(c->quota_fuel, e->used_fuel + e->held_fuel);
        if (!avail)
            why = "fuel";
        fuel = min_nz(fuel_cap, avail);
    }
    if (!why && c->quota_wall_ns) {
        uint64_t avail = sub0(c->quota_wall_ns, e->used_wall + e->held_wall);
        if (avail < 1000000)            /* under a millisecond: nothing can run */
            why = "wall time";
        timeout = min_nz(timeout_cap, avail);
    }
    if (why) {
        uint64_t uc = e->used_calls, uf = e->used_fuel, uw = e->used_wall;
        pthread_mutex_unlock(&e->mu);
        return refuse(out, refused, SRV_REFUSED_QUOTA,
                      "quota exhausted: executor \"%.128s\" has no %s left (used %llu calls, "
                      "%llu fuel, %.3f s; quotas %llu calls, %llu fuel, %.3f s; 0 = unlimited)",
                      c->name, why, (unsigned long long)uc, (unsigned long long)uf, uw / 1e9,
                      (unsigned long long)c->quota_calls, (unsigned long long)c->quota_fuel,
                      c->quota_wall_ns / 1e9);
    }
    uint64_t hf = c->quota_fuel ? fuel : 0, hw = c->quota_wall_ns ? timeout : 0;
    e->held_calls++;
    e->held_fuel += hf;
    e->held_wall += hw;
    pthread_mutex_unlock(&e->mu);

    bx_tool_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.workspace = c->workspace;
    ctx.grants = (const char *const *)c->grants;
    ctx.ngrants = c->ngrants;
    ctx.block_networks = (const char *const *)c->block_networks;
    ctx.nblock_networks = c->nblock_networks;
    ctx.block_url = (const char *const *)c->block_url;
    ctx.nblock_url = c->nblock_url;
    ctx.max_level = c->max_level;
    ctx.timeout_ns = timeout;
    ctx.max_memory = c->max_memory;
    ctx.max_stack = c->max_stack;
    ctx.fuel = fuel;
    ctx.max_output = c->max_output;
    ctx.cache_dir = c->cache_dir;
    ctx.agent_id = c->name;
    ctx.audit_path = c->audit_path;
    ctx.cancel = cancel;
    memset(out, 0, sizeof *out);
    bx_status st = bx_tool_call(s->reg, tool, &ctx, input_json, out, err);

    /* Settle: charge what was used, return the rest. */
    pthread_mutex_lock(&e->mu);
    e->held_calls--;
    e->held_fuel -= hf;
    e->held_wall -= hw;
    if (st == BX_OK) {
        e->used_calls++;
        e->used_fuel += out->fuel_used;
        e->used_wall += out->wall_ns;
    }
    pthread_mutex_unlock(&e->mu);
    return st;
}

bx_status bx_server_call(bx_server *s, const char *executor, const char *tool,
                         const char *input_json, const volatile int *cancel,
                         bx_tool_result *out, bx_error *err)
{
    srv_executor *e = srv_find_executor(s, executor);
    if (!e) {
        err->status = BX_ERR_ARG;
        snprintf(err->msg, sizeof err->msg, "no executor named \"%.128s\"", executor);
        return BX_ERR_ARG;
    }
    return srv_call(s, e, tool, input_json ? input_json : "{}", cancel, out, NULL, err);
}

bx_status bx_server_usage(bx_server *s, const char *executor, bx_executor_usage *u, bx_error *err)
{
    srv_executor *e = srv_find_executor(s, executor);
    if (!e) {
        err->status = BX_ERR_ARG;
        snprintf(err->msg, sizeof err->msg, "no executor named \"%.128s\"", executor ? executor : "default");
        return BX_ERR_ARG;
    }
    pthread_mutex_lock(&e->mu);
    u->calls = e->used_calls;
    u->fuel = e->used_fuel;
    u->wall_ns = e->used_wall;
    pthread_mutex_unlock(&e->mu);
    return BX_OK;
}
