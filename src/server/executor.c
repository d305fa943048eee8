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
#include <time.h>
#include <sys/stat.h>

#include "server_impl.h"

static uint64_t sub0(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }
static uint64_t min_nz(uint64_t limit, uint64_t avail) { return limit && limit < avail ? limit : avail; }

/* ---- manifests: what tools/list shows beyond the bx_tool interface ----- */

int srv_tool_network(const bx_server *s, const char *tool)
{
    const bx_tool *t = bx_registry_find(s->reg, tool);
    return t ? t->needs_network : 0;
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
    if (st == BX_OK && cfg.g.workspace && (stat(cfg.g.workspace, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        err->status = st = BX_ERR_ARG;
        snprintf(err->msg, sizeof err->msg, "executor %.60s: workspace %.150s is not a directory",
                 name, cfg.g.workspace);
    }
    if (st == BX_OK && cfg.g.nsecret_headers) {
        /* refused at startup, not at the first call that needs the network */
        bx_net_config nc;
        memset(&nc, 0, sizeof nc);
        nc.g.secret_headers = cfg.g.secret_headers;
        nc.g.nsecret_headers = cfg.g.nsecret_headers;
        bx_error e2;
        memset(&e2, 0, sizeof e2);
        bx_net *chk = bx_net_new(&nc, &e2);
        if (!chk) {
            err->status = st = BX_ERR_ARG;
            int k = snprintf(err->msg, sizeof err->msg, "executor %.60s: ", name);
            size_t at2 = k > 0 && (size_t)k < sizeof err->msg ? (size_t)k : 0, l = strlen(e2.msg);
            if (l > sizeof err->msg - 1 - at2)
                l = sizeof err->msg - 1 - at2;
            memcpy(err->msg + at2, e2.msg, l);
            err->msg[at2 + l] = 0;
        }
        bx_net_free(chk);
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
        pthread_cond_destroy(&s->ex[i].released);
    }
    free(s->ex);
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
    for (size_t i = 0; st == BX_OK && i < c->ntool_dirs; i++)
        st = bx_registry_load_dir(s->reg, c->tool_dirs[i], err);
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
        pthread_cond_init(&s->ex[i].released, NULL);
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
    const bx_tool *tl = bx_registry_find(s->reg, tool);
    uint64_t fuel = c->g.fuel, timeout = c->g.timeout_ns;
    uint64_t fuel_cap = fuel ? fuel : tl->default_fuel;
    uint64_t timeout_cap = timeout ? timeout : tl->default_timeout_ns;
    pthread_mutex_lock(&e->mu);
    const char *why;
    for (;;) {
        why = NULL;
        int held_only = 0;   /* what is used alone is under the quota: in-flight holds block it */
        if (c->quota_calls && e->used_calls + e->held_calls >= c->quota_calls)
            why = "calls", held_only = e->used_calls < c->quota_calls;
        if (!why && c->quota_fuel) {
            uint64_t avail = sub0(c->quota_fuel, e->used_fuel + e->held_fuel);
            if (!avail)
                why = "fuel", held_only = e->used_fuel < c->quota_fuel;
            fuel = min_nz(fuel_cap, avail);
        }
        if (!why && c->quota_wall_ns) {
            uint64_t avail = sub0(c->quota_wall_ns, e->used_wall + e->held_wall);
            if (avail < 1000000)        /* under a millisecond: nothing can run */
                why = "wall time", held_only = e->used_wall + 1000000 <= c->quota_wall_ns;
            timeout = min_nz(timeout_cap, avail);
        }
        /* A call that holds the rest of a quota returns what it did not
         * use when it settles: wait for that instead of refusing. */
        if (!why || !held_only || !e->held_calls || (cancel && *cancel))
            break;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 50000000;   /* re-check the cancel flag this often */
        if (ts.tv_nsec >= 1000000000) ts.tv_sec++, ts.tv_nsec -= 1000000000;
        pthread_cond_timedwait(&e->released, &e->mu, &ts);
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
    ctx.g = c->g;           /* borrowed; the executor outlives the call */
    ctx.g.timeout_ns = timeout;
    ctx.g.fuel = fuel;
    ctx.max_level = c->max_level;
    ctx.agent_id = c->name;
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
    pthread_cond_broadcast(&e->released);
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
