/*
 * executor.c — the server object: the tool registry, the executors and
 * their quota ledgers, and one call through an executor.  Quotas are held
 * before a call (what the call may use is reserved) and settled after it
 * (what it used is charged, the rest returned), so concurrent calls of one
 * executor can never together go past its totals.
 */
#include <dirent.h>
#include <errno.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "server_impl.h"

static uint64_t sub0(uint64_t a, uint64_t b) { return a > b ? a - b : 0; }
static uint64_t min_nz(uint64_t limit, uint64_t avail) { return limit && limit < avail ? limit : avail; }

/* What a call through executor c may use. */
static void fill_ctx(bx_tool_context *ctx, const bx_executor_config *c, uint64_t fuel,
                     uint64_t timeout, const volatile int *cancel)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->g = c->g;           /* borrowed; the executor outlives the call */
    ctx->g.timeout_ns = timeout;
    ctx->g.fuel = fuel;
    ctx->max_level = c->max_level;
    ctx->agent_id = c->name;
    ctx->cancel = cancel;
}

/* ---- confined calls: the zygote's side (src/confine/zygote.c) ---------- *
 * The zygote is forked at the end of bx_server_new, before any request is
 * read: it holds the registry and the executors, no client's bytes.  A
 * call's worker reads its request (zreq + tool + input) from its socket,
 * confines itself to its executor's grants and runs the tool; the server
 * thread believes nothing of the reply it has not checked. */
#define ZREQ_MAGIC 0x42585a31u   /* "BXZ1" */
#define ZREPLY_MAX ((size_t)256 << 20)

typedef struct zreq {
    uint32_t magic, exec;
    uint64_t fuel, timeout_ns;
    uint32_t tool_len, input_len;
} zreq;

/* The worker's reply to a call that ran: this header, then clen bytes of
 * content and mlen of metadata (JSON object text; present when has_md). */
typedef struct zrep {
    uint8_t tag, is_error, has_md, pad;    /* 'B' */
    uint32_t clen, mlen, pad2;
    uint64_t fuel, peak;
    char tier[8], tier_reason[160];
} zrep;

typedef struct zjob {
    uint32_t exec;
    uint64_t fuel, timeout_ns;
    char *tool, *input;
} zjob;

static int read_full(int fd, void *buf, size_t n)
{
    uint8_t *b = buf;
    while (n) {
        ssize_t k = read(fd, b, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        b += k;
        n -= (size_t)k;
    }
    return 0;
}

/* The value of a secret header spec (after NAME=), or NULL. */
static const char *secret_value(const char *spec)
{
    const char *eq = strchr(spec, '=');
    if (!eq) return NULL;
    if (!strncmp(eq + 1, "env:", 4)) return getenv(eq + 5);
    return eq + 1;
}

/* Wipe each copy of needle in [p, end) but the ones at keep and copy.  A
 * plain loop that sanitizers leave alone: it reads freed (poisoned) heap
 * chunks on purpose. */
#if defined(__GNUC__)
__attribute__((no_sanitize_address))
#endif
static void wipe_region(char *p, char *end, const char *needle, size_t n, const char *keep,
                        const char *copy)
{
    for (; p + n <= end; p++) {
        if (*p != needle[0] || p == keep || p == copy) continue;
        size_t i = 1;
        while (i < n && p[i] == needle[i]) i++;
        if (i == n)
            for (volatile char *q = p; q < p + n; q++) *q = 0;
    }
}

/* Every copy of needle in this process's private writable memory, but the
 * one at keep, is wiped (the policy's text and parse trees, freed or not,
 * still hold secrets the server read before the zygote was forked).
 * Regions over 1 GiB are reservations (a sanitizer's shadow), not data. */
static void wipe_copies(const char *needle, const char *keep)
{
    size_t n = needle ? strlen(needle) : 0;
    FILE *m = n >= 8 ? fopen("/proc/self/maps", "re") : NULL;
    if (!m) return;
    char line[512];
    char *copy = strdup(needle);   /* what to look for, itself wiped below */
    if (!copy) { fclose(m); return; }
    while (fgets(line, sizeof line, m)) {
        unsigned long a, b;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &a, &b, perms) != 3 || perms[0] != 'r' || perms[1] != 'w' ||
            perms[3] != 'p' || b - a > (1ul << 30) || strstr(line, "[vvar") || strstr(line, "[vsyscall"))
            continue;
        wipe_region((char *)a, (char *)b, copy, n, keep, copy);
    }
    fclose(m);
    explicit_bzero(copy, n);
    free(copy);
}

/* In the zygote, once before it serves: the copies of every executor's
 * secret header values other than the executor's own are wiped, so that
 * scrub_others (in each worker) leaves no trace of another agent's. */
static void zwipe_secrets(bx_server *s)
{
    for (size_t i = 0; i < s->nex; i++)
        for (size_t k = 0; k < s->ex[i].cfg.g.nsecret_headers; k++) {
            const char *spec = s->ex[i].cfg.g.secret_headers[k];
            const char *v = secret_value(spec);
            if (v && v > spec && v < spec + strlen(spec))
                wipe_copies(v, v);            /* a literal: kept in the spec only */
            else if (v)
                wipe_copies(v, v);            /* an env value: kept in the environment */
        }
}

/* In the zygote: the tool's module, compiled (through its executor's cache
 * when that cache may serve it) before the worker is forked. */
static const bxc_prepared *zprefork(void *ctx, const char *hint)
{
    bx_server *s = ctx;
    if (!hint) {   /* the zygote starts */
        zwipe_secrets(s);
        return NULL;
    }
    char *end;
    unsigned long i = strtoul(hint, &end, 10);
    if (*end != ':' || i >= s->nex) return NULL;
    srv_executor *e = &s->ex[i];
    const bx_tool *t = bx_registry_find(s->reg, end + 1);
    bx_error err;
    memset(&err, 0, sizeof err);
    if (t) bx_tool_prepare(t, e->cpol.cache_use ? e->cfg.g.cache_dir : NULL, &err);
    if (t) srv_tier_prepare(s, e, t, hint, 1, NULL);   /* the workers inherit the mapped code */
    /* its Landlock ruleset and seccomp program, once per executor (the
     * zygote is one thread: no lock) */
    if (!e->cprep) e->cprep = bxc_prepare(&e->cpol);
    return e->cprep;
}

/* In the zygote, on srv_zygote_refresh: tools added to the tool dirs since
 * it was forked (the names it has are refused again and kept; a problem
 * recorded here is never shown). */
static void zrefresh(void *ctx)
{
    bx_server *s = ctx;
    bx_error err;
    size_t added = 0;
    memset(&err, 0, sizeof err);
    /* the server's rescan rule (a folder a sandbox could write is skipped) */
    bx_registry_rescan(s->reg, srv_tool_dir_ok, s, &added, &err);
    srv_tier_forget(s);   /* a compiled form made since is found by the next fork */
}

int srv_zygote_refresh(bx_server *s)
{
    return s->zyg ? bxc_zygote_refresh(s->zyg) : 0;
}

/* The variable a secret header or an env grant takes its value from
 * ("ORIGIN:NAME=env:VAR", "env:NAME"), into buf; NULL when none. */
static const char *env_ref(const char *spec, int grant, char *buf, size_t cap)
{
    const char *v = grant ? (strncmp(spec, "env:", 4) ? NULL : spec + 4) : strstr(spec, "=env:");
    if (!v) return NULL;
    if (!grant) v += 5;
    size_t n = strcspn(v, "=");
    if (grant && v[n]) return NULL;   /* env:NAME=VALUE: no host variable */
    if (!n || n >= cap) return NULL;
    memcpy(buf, v, n);
    buf[n] = 0;
    return buf;
}

static int refs_var(const bx_executor_config *c, const char *var)
{
    char b[256];
    for (size_t k = 0; k < c->g.nsecret_headers; k++)
        if (env_ref(c->g.secret_headers[k], 0, b, sizeof b) && !strcmp(b, var)) return 1;
    for (size_t k = 0; k < c->g.ncaps; k++)
        if (env_ref(c->g.caps[k], 1, b, sizeof b) && !strcmp(b, var)) return 1;
    return 0;
}

/* In the worker, before confinement: what other executors were given is
 * not this call's.  Their secret headers are wiped from this copy of the
 * memory and the variables they (and not this executor) read are unset,
 * so a worker taken over cannot send another agent's secrets. */
static void scrub_others(bx_server *s, uint32_t me)
{
    const bx_executor_config *mine = &s->ex[me].cfg;
    for (size_t i = 0; i < s->nex; i++) {
        if (i == me) continue;
        bx_executor_config *c = &s->ex[i].cfg;
        for (size_t k = 0; k < c->g.nsecret_headers; k++) {
            char b[256];
            if (env_ref(c->g.secret_headers[k], 0, b, sizeof b) && !refs_var(mine, b)) {
                char *v = getenv(b);   /* the value in place: unsetenv alone leaves it */
                if (v) explicit_bzero(v, strlen(v));
                unsetenv(b);
            }
            explicit_bzero(c->g.secret_headers[k], strlen(c->g.secret_headers[k]));
        }
    }
}

/* In the worker, before confinement: the request, bounded. */
static int zprepare(void *ctx, int fd, bxc_policy *pol, void **job)
{
    bx_server *s = ctx;
    zreq h;
    if (read_full(fd, &h, sizeof h) || h.magic != ZREQ_MAGIC || h.exec >= s->nex || !h.tool_len ||
        h.tool_len > 1024 || h.input_len > s->max_message + 4096)
        return -1;
    zjob *j = calloc(1, sizeof *j);
    if (!j || !(j->tool = calloc(1, h.tool_len + 1)) || !(j->input = calloc(1, (size_t)h.input_len + 1)) ||
        read_full(fd, j->tool, h.tool_len) || read_full(fd, j->input, h.input_len))
        return -1;   /* the process ends: nothing to free */
    j->exec = h.exec;
    scrub_others(s, h.exec);
    j->fuel = h.fuel;
    j->timeout_ns = h.timeout_ns;
    *pol = s->ex[h.exec].cpol;
    pol->audit_fd = -1;
    pol->require_full = s->require_confine;
    pol->owner = h.exec + 1;
    const bx_tool *t = bx_registry_find(s->reg, j->tool);
    pol->preload_curl = t && t->needs_network;
    *job = j;
    return 0;
}

/* In a pooled worker, before its call exists: confined as a call of the
 * executor and tool the hint names ("index:tool", made by zcall) would
 * be, and without what other executors were given (as zprepare). */
static int zpreconfine(void *ctx, const char *hint, bxc_policy *pol)
{
    bx_server *s = ctx;
    char *end;
    unsigned long i = strtoul(hint, &end, 10);
    if (*end != ':' || i >= s->nex) return -1;
    scrub_others(s, (uint32_t)i);
    *pol = s->ex[i].cpol;
    pol->audit_fd = -1;
    pol->require_full = s->require_confine;
    pol->owner = (uint32_t)i + 1;
    pol->reuse_calls = s->worker_reuse;   /* policy worker_reuse, else BX_WORKER_REUSE_DEFAULT */
    const bx_tool *t = bx_registry_find(s->reg, end + 1);
    pol->preload_curl = t && t->needs_network;
    return 0;
}

/* In the worker: a tool's output so far, sent to the server thread, which
 * hands it to the call's srv_call_hooks (a pointer cannot cross the fork). */
static void zprogress(void *user, const char *text, size_t len)
{
    (void)bxc_progress(*(const int *)user, text, len);
}

/* In the worker, confined: the call; the reply is a 'B' record (zrep), or
 * 'E' + status + message.  1 (a worker that may serve again does not)
 * unless the tool ended with a result that is not an error: a trap, a
 * timeout, a limit, a broken contract all end the worker. */
static int zbody(void *ctx, void *jv, int fd)
{
    bx_server *s = ctx;
    zjob *j = jv;
    const bx_executor_config *c = &s->ex[j->exec].cfg;
    bx_tool_context tc;
    fill_ctx(&tc, c, j->fuel, j->timeout_ns, NULL);
    char hint[256];
    snprintf(hint, sizeof hint, "%u:%s", j->exec, j->tool);
    tc.g.tier = srv_tier_call(s, &s->ex[j->exec], hint);
    tc.progress = zprogress;   /* the output so far, as frames to the server */
    tc.progress_user = &fd;
    /* The zygote compiled the module through the cache this executor may
     * use (zprefork): the worker, which cannot reach it, does not look. */
    if (s->ex[j->exec].cpol.cache_use)
        tc.g.cache_dir = NULL;
    FILE *audit = NULL;
    if (c->g.audit_path) {
        if (!(audit = bxc_audit_stream(fd))) return -1;
        tc.audit_file = audit;
        tc.g.audit_path = NULL;
    }
    bx_tool_result r;
    bx_error err;
    memset(&r, 0, sizeof r);
    memset(&err, 0, sizeof err);
    /* a worker that may serve again keeps its instance's memory
     * reservation for the next call, zeroed (src/wasm memkeep.c): this
     * process's copy of s, one call at a time */
    if (s->worker_reuse > 1 && (s->mkeep || (s->mkeep = bx_mem_keep_new()))) bx_mem_keep_use(s->mkeep);
    bx_status st = bx_tool_call(s->reg, j->tool, &tc, j->input, &r, &err);
    if (audit) fclose(audit);   /* its lines before the reply */
    int rc = -1;
    size_t cl = r.content ? strlen(r.content) : 0, ml = r.metadata ? strlen(r.metadata) : 0;
    if (st == BX_OK && cl <= UINT32_MAX && ml <= UINT32_MAX) {
        zrep h;
        memset(&h, 0, sizeof h);
        h.tag = 'B';
        h.is_error = r.is_error != 0;
        h.has_md = r.metadata != NULL;
        h.clen = (uint32_t)cl;
        h.mlen = (uint32_t)ml;
        h.fuel = r.fuel_used;
        h.peak = r.peak_memory;
        snprintf(h.tier, sizeof h.tier, "%s", r.tier);
        snprintf(h.tier_reason, sizeof h.tier_reason, "%s", r.tier_reason);
        /* one frame, one write: the server thread wakes once for it */
        uint8_t *f = malloc(sizeof h + cl + ml);
        if (f) {
            memcpy(f, &h, sizeof h);
            if (cl) memcpy(f + sizeof h, r.content, cl);
            if (ml) memcpy(f + sizeof h + cl, r.metadata, ml);
            rc = bxc_reply(fd, f, sizeof h + cl + ml);
            free(f);
        } else {
            rc = bxc_reply(fd, &h, sizeof h) || (cl && bxc_reply(fd, r.content, cl)) ||
                 (ml && bxc_reply(fd, r.metadata, ml));
        }
    } else {
        uint8_t hd[2] = { 'E', (uint8_t)(st == BX_OK ? BX_ERR_NOMEM : st) };
        const char *m = st == BX_OK ? "out of memory" : err.msg;
        rc = bxc_reply(fd, hd, 2) || bxc_reply(fd, m, strnlen(m, sizeof err.msg));
    }
    int clean = st == BX_OK && !r.is_error;
    bx_tool_result_free(&r);
    free(j->tool);
    free(j->input);
    free(j);
    return rc ? -1 : clean ? 0 : 1;
}

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* The worker's 'B' record -> out; -1 when it is not one.  Believed only
 * as far as checked: lengths that add up to what came, text without NUL,
 * metadata a JSON object, the tier one of its names, numbers as the JSON
 * form bounded them (< 1.8e19). */
/* The header of a 'B' record into *h: 0 when it is one and its lengths
 * add up to what came, else -1 (zdecode and zrep_clean both start here). */
static int zrep_head(const uint8_t *b, size_t n, zrep *h)
{
    if (!b || n < sizeof *h || b[0] != 'B') return -1;
    memcpy(h, b, sizeof *h);
    return (uint64_t)h->clen + h->mlen == n - sizeof *h ? 0 : -1;
}

static int zdecode(const uint8_t *b, size_t n, bx_tool_result *out)
{
    zrep h;
    if (zrep_head(b, n, &h) != 0) return -1;
    const char *ct = (const char *)b + sizeof h, *md = ct + h.clen;
    if (h.is_error > 1 || h.has_md > 1 ||
        (!h.has_md && h.mlen) || memchr(ct, 0, h.clen) || memchr(md, 0, h.mlen) ||
        h.fuel >= 18000000000000000000ull || h.peak >= 18000000000000000000ull ||
        !memchr(h.tier, 0, sizeof h.tier) || !memchr(h.tier_reason, 0, sizeof h.tier_reason))
        return -1;
    if (h.has_md) {   /* an object, as the tool layer makes it */
        cJSON *m = cJSON_ParseWithLength(md, h.mlen);
        int obj = cJSON_IsObject(m);
        cJSON_Delete(m);
        if (!obj) return -1;
    }
    out->content = strndup(ct, h.clen);
    out->metadata = h.has_md ? strndup(md, h.mlen) : NULL;
    out->is_error = h.is_error;
    out->fuel_used = h.fuel;
    out->peak_memory = h.peak;
    /* the tier, when it is one of the names (never echoed otherwise) */
    if (!strcmp(h.tier, "aot") || !strcmp(h.tier, "interp")) {
        snprintf(out->tier, sizeof out->tier, "%s", h.tier);
        snprintf(out->tier_reason, sizeof out->tier_reason, "%s", h.tier_reason);
    }
    return out->content && (out->metadata || !h.has_md) ? 0 : -1;
}

/* bxc_policy.reply_clean: a reused worker goes back to the pool only if
 * its reply is a well-formed 'B' record of a result that is not an error
 * (the worker's own word on it is not believed alone). */
static int zrep_clean(const uint8_t *b, size_t n)
{
    zrep h;
    return zrep_head(b, n, &h) == 0 && h.is_error == 0;
}

static bx_status zcall(bx_server *s, srv_executor *e, const char *tool, const char *input,
                       uint64_t fuel, uint64_t timeout, const volatile int *cancel,
                       const srv_call_hooks *hooks, bx_tool_result *out, bx_error *err)
{
    const bx_executor_config *c = &e->cfg;
    const bx_tool *t = bx_registry_find(s->reg, tool);
    size_t tl = strlen(tool), il = strlen(input);
    if (tl > 1024 || il > s->max_message + 4096) {
        bx_error_setf(err, BX_ERR_LIMIT, "the call's tool name or input is too long");
        return BX_ERR_LIMIT;
    }
    zreq h = { ZREQ_MAGIC, (uint32_t)e->index, fuel, timeout, (uint32_t)tl, (uint32_t)il };
    uint8_t *req = malloc(sizeof h + tl + il);
    if (!req) {
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        return BX_ERR_NOMEM;
    }
    memcpy(req, &h, sizeof h);
    memcpy(req + sizeof h, tool, tl);
    memcpy(req + sizeof h + tl, input, il);

    bxc_policy pv = e->cpol;    /* the parent's side: audit, tag, deadline */
    pv.require_full = s->require_confine;
    pv.reply_clean = zrep_clean;
    pv.reuse_calls = s->worker_reuse;   /* the zygote counts them (the worker too) */
    pv.timeout_ns = timeout ? timeout : t ? t->default_timeout_ns : 0;
    char tag[200], hint[256];
    snprintf(tag, sizeof tag, "%.100s/%.80s#%llu", c->name, tool,
             (unsigned long long)__atomic_add_fetch(&e->seq, 1, __ATOMIC_RELAXED));
    pv.sandbox_id = tag;
    snprintf(hint, sizeof hint, "%zu:%s", e->index, tool);
    pv.audit_fd = -1;
    pv.on_progress = hooks ? hooks->progress : NULL;   /* the worker's output frames */
    pv.progress_user = hooks ? hooks->user : NULL;
    if (c->g.audit_path && (pv.audit_fd = bx_audit_open_fd(c->g.audit_path, err)) < 0) {
        free(req);
        return err->status;
    }
    uint8_t *reply = NULL;
    size_t rlen = 0;
    bxc_status cs;
    uint64_t t0 = mono_ns();
    bx_status st = bxc_zygote_call(s->zyg, &pv, hint, req, sizeof h + tl + il, cancel, ZREPLY_MAX,
                                  &reply, &rlen, &cs, err);
    uint64_t wall = mono_ns() - t0;
    free(req);
    if (pv.audit_fd >= 0) close(pv.audit_fd);
    if (st != BX_OK) return st;
    memset(out, 0, sizeof *out);
    snprintf(out->os_confinement, sizeof out->os_confinement, "%s", bxc_level_name(cs.level));
    snprintf(out->os_confinement_reason, sizeof out->os_confinement_reason, "%s", cs.reason);
    if (cs.end == BX_CONFINE_ENDED && rlen >= 2 && reply[0] == 'E' && reply[1] > BX_OK &&
        reply[1] <= BX_ERR_TRAP) {
        size_t ml = rlen - 2 < sizeof err->msg - 1 ? rlen - 2 : sizeof err->msg - 1;
        memset(err, 0, sizeof *err);
        err->status = (bx_status)reply[1];
        memcpy(err->msg, reply + 2, ml);
        for (char *q = err->msg; *q; q++)
            if ((unsigned char)*q < 0x20) *q = ' ';
        free(reply);
        return err->status;
    }
    if (cs.end == BX_CONFINE_ENDED && zdecode(reply, rlen, out) != 0) {
        bx_tool_result_free(out);
        cs.end = BX_CONFINE_CRASHED;
        snprintf(cs.detail, sizeof cs.detail, "crashed: the worker sent a malformed result");
    }
    free(reply);
    /* what it used, as the server saw it: a worker's own figures bounded */
    out->wall_ns = wall;
    if (fuel && out->fuel_used > fuel) out->fuel_used = fuel;
    if (cs.end != BX_CONFINE_ENDED) {
        /* this call only ends in error; the server and other calls go on */
        bx_tool_result_free(out);
        int cancelled = cancel && __atomic_load_n(cancel, __ATOMIC_SEQ_CST) &&
                        cs.end == BX_CONFINE_CRASHED;
        if (cancelled) {   /* worded as an in-process call's cancellation */
            char m[300];
            snprintf(m, sizeof m, "The %.200s call was cancelled.", tool);
            out->content = strdup(m);
        } else {
            out->content = strdup(cs.detail);
        }
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "outcome", cancelled ? "cancelled"
                                              : cs.end == BX_CONFINE_VIOLATION ? "confinement_violation"
                                              : cs.end == BX_CONFINE_REFUSED ? "refused" : "crashed");
        if (cs.end == BX_CONFINE_VIOLATION) cJSON_AddStringToObject(m, "syscall", cs.syscall);
        if (cs.signal && !cancelled) cJSON_AddNumberToObject(m, "signal", cs.signal);
        out->metadata = m ? cJSON_PrintUnformatted(m) : NULL;
        cJSON_Delete(m);
        out->is_error = 1;
        out->wall_ns = wall;
        out->fuel_used = fuel;   /* nothing it says is believed: charged in full */
        if (!out->content) {
            bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
            return BX_ERR_NOMEM;
        }
    }
    return BX_OK;
}

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
        st = bx_error_setf(err, BX_ERR_ARG, "executor %.60s: workspace %.150s is not a directory",
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
            st = bx_error_setf(err, BX_ERR_ARG, "executor %.60s: %s", name, e2.msg);
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
            bx_error_setf(err, BX_ERR_NOMEM, "out of memory for executor %s", name);
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
    srv_tier_free(s);     /* its threads may still ask the zygote to refresh */
    bxc_zygote_stop(s->zyg);
    for (size_t i = 0; i < s->nex; i++) {
        bxc_policy_free(&s->ex[i].cpol);
        srv_exec_config_free(&s->ex[i].cfg);
        pthread_mutex_destroy(&s->ex[i].mu);
        pthread_cond_destroy(&s->ex[i].released);
    }
    free(s->ex);
    bx_registry_free(s->reg);
    srv_control_close(s);
    free(s);
}

bx_server *bx_server_new(const bx_server_config *c, bx_error *err)
{
    bx_server *s = calloc(1, sizeof *s);
    if (s) srv_tier_init(s);
    if (!s || !(s->reg = bx_registry_new())) {
        if (s) srv_tier_free(s);
        free(s);
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory for the server");
        return NULL;
    }
    s->workers = c->workers ? c->workers : srv_default_workers();
    s->max_message = c->max_message ? c->max_message : SRV_DEFAULT_MAX_MESSAGE;
    s->drain_set = c->drain_set;
    s->drain_ns = c->drain_ns;
    bx_status st = BX_OK;
    for (size_t i = 0; st == BX_OK && i < c->ntool_dirs; i++)
        st = bx_registry_load_dir(s->reg, c->tool_dirs[i], err);
    if (st == BX_OK)
        st = add_executor(s, &c->defaults, "default", NULL, err);
    cJSON *ex = NULL;
    if (st == BX_OK && c->executors_json) {
        ex = cJSON_Parse(c->executors_json);
        if (!cJSON_IsObject(ex)) {
            st = bx_error_setf(err, BX_ERR_ARG, "executors: not a JSON object");
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
    /* What each executor's workers may reach: its grants, its tools'
     * directories read-only; never the cache or its key (the zygote loads
     * modules through the cache before it forks a worker). */
    for (size_t i = 0; st == BX_OK && i < s->nex; i++) {
        bxc_policy *cp = &s->ex[i].cpol;
        bxc_policy_init(cp);
        cp->cache_in_parent = 1;
        bx_tool_context tc;
        fill_ctx(&tc, &s->ex[i].cfg, 0, 0, NULL);
        st = bxc_policy_from_tool_context(cp, &tc, err);
        for (size_t k = 0; st == BX_OK && k < c->ntool_dirs; k++)
            st = bxc_policy_add_path(cp, c->tool_dirs[k], 0, err);
        cp->sandbox_id = NULL;
    }
    s->require_confine = c->require_os_confinement;
    s->worker_reuse = c->worker_reuse ? c->worker_reuse : BX_WORKER_REUSE_DEFAULT;
    if (st == BX_OK && c->no_os_confinement) {
        snprintf(s->confine_why, sizeof s->confine_why, "disabled by --no-os-confinement");
        if (c->require_os_confinement) {
            st = bx_error_setf(err, BX_ERR_ARG,
                               "--require-os-confinement and --no-os-confinement contradict each other");
        }
    } else if (st == BX_OK) {
        /* Last, before any request is read: the zygote's copy of this
         * process holds the tools and executors and no client's data. */
        bx_error ze;
        memset(&ze, 0, sizeof ze);
        if (!(s->zyg = bxc_zygote_start_pool(s, zprefork, zpreconfine, zprepare, zbody, zrefresh, &ze))) {
            snprintf(s->confine_why, sizeof s->confine_why, "no worker zygote: %.200s", ze.msg);
            if (c->require_os_confinement) {
                st = bx_error_setf(err, BX_ERR_NOMEM, "--require-os-confinement: %.200s", s->confine_why);
            }
        }
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
                   const volatile int *cancel, const srv_call_hooks *hooks, bx_tool_result *out,
                   int *refused, bx_error *err)
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

    memset(out, 0, sizeof *out);
    bx_status st;
    char thint[256];
    snprintf(thint, sizeof thint, "%zu:%s", e->index, tool);
    if (!s->zyg || (c->g.tier == BX_TIER_AOT && e->cpol.cache_use))
        srv_tier_prepare(s, e, tl, thint, 0, cancel);   /* compiled here (see tier.c) */
    int ran = 1;
    if (cancel && __atomic_load_n(cancel, __ATOMIC_SEQ_CST)) {
        /* stopped before it started (say while its module compiled): a
         * call cancelled is never begun, worded as one stopped running */
        char m[300];
        snprintf(m, sizeof m, "The %.200s call was cancelled.", tool);
        out->content = strdup(m);
        out->metadata = strdup("{\"outcome\":\"cancelled\"}");
        out->is_error = 1;
        st = BX_OK;
        ran = 0;
    } else if (s->zyg) {
        st = zcall(s, e, tool, input_json, fuel, timeout, cancel, hooks, out, err);
    } else {
        bx_tool_context ctx;
        fill_ctx(&ctx, c, fuel, timeout, cancel);
        ctx.g.tier = srv_tier_call(s, e, thint);
        if (hooks) {
            ctx.progress = hooks->progress;
            ctx.progress_user = hooks->user;
        }
        st = bx_tool_call(s->reg, tool, &ctx, input_json, out, err);
        snprintf(out->os_confinement, sizeof out->os_confinement, "none");
        snprintf(out->os_confinement_reason, sizeof out->os_confinement_reason, "%s", s->confine_why);
    }

    if (ran && st == BX_OK && s->zyg && c->g.tier == BX_TIER_AOT && !strcmp(out->tier, "interp"))
        srv_tier_why(s, thint, out->tier_reason, sizeof out->tier_reason);

    /* Settle: charge what was used, return the rest. */
    pthread_mutex_lock(&e->mu);
    e->held_calls--;
    e->held_fuel -= hf;
    e->held_wall -= hw;
    if (st == BX_OK && ran) {
        e->used_calls++;
        e->used_fuel += out->fuel_used;
        e->used_wall += out->wall_ns;
    }
    pthread_cond_broadcast(&e->released);
    pthread_mutex_unlock(&e->mu);
    if (st == BX_OK && ran)
        srv_tier_note_call(s, e, tl, out);
    return st;
}

bx_status bx_server_call(bx_server *s, const char *executor, const char *tool,
                         const char *input_json, const volatile int *cancel,
                         bx_tool_result *out, bx_error *err)
{
    srv_executor *e = srv_find_executor(s, executor);
    if (!e) {
        bx_error_setf(err, BX_ERR_ARG, "no executor named \"%.128s\"", executor);
        return BX_ERR_ARG;
    }
    return srv_call(s, e, tool, input_json ? input_json : "{}", cancel, NULL, out, NULL, err);
}

bx_status bx_server_usage(bx_server *s, const char *executor, bx_executor_usage *u, bx_error *err)
{
    srv_executor *e = srv_find_executor(s, executor);
    if (!e) {
        bx_error_setf(err, BX_ERR_ARG, "no executor named \"%.128s\"", executor ? executor : "default");
        return BX_ERR_ARG;
    }
    pthread_mutex_lock(&e->mu);
    u->calls = e->used_calls;
    u->fuel = e->used_fuel;
    u->wall_ns = e->used_wall;
    pthread_mutex_unlock(&e->mu);
    return BX_OK;
}
