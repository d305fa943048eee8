/*
 * policy.c — server and executor configuration: defaults, the policy file
 * (JSON, docs/policy.md) and copying one executor's settings to another.
 * Unknown keys are errors: a misspelt limit in a security policy must not
 * silently mean "no limit".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_impl.h"

#define POLICY_MAX_BYTES (4u << 20)

void srv_exec_config_init(bx_executor_config *e)
{
    memset(e, 0, sizeof *e);
    e->max_level = BX_PERM_EXECUTE;     /* as `boxagnts call` */
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void srv_exec_config_free(bx_executor_config *e)
{
    free(e->name);
    bx_grants_free(&e->g);
    free_list(e->tools, e->ntools);
    srv_exec_config_init(e);
}

bx_status srv_exec_config_copy(bx_executor_config *d, const bx_executor_config *s, bx_error *err)
{
    *d = *s;
    d->name = NULL;
    d->tools = NULL;
    d->ntools = 0;
    bx_status st = bx_grants_copy(&d->g, &s->g, err);
    if (st) {
        bx_grants_init(&d->g);
        srv_exec_config_free(d);
        return st;
    }
    int bad = s->name && !(d->name = strdup(s->name));
    for (size_t i = 0; !bad && i < s->ntools; i++) {
        char **t = realloc(d->tools, (i + 1) * sizeof *t);
        bad = !t || !(t[i] = strdup(s->tools[i]));
        if (t) d->tools = t, d->ntools = i + !bad;
    }
    if (bad) {
        srv_exec_config_free(d);
        return bx_error_setf(err, BX_ERR_NOMEM, "out of memory copying executor settings");
    }
    return BX_OK;
}

char *srv_join_path(const char *base, const char *path)
{
    if (!base || !*base || path[0] == '/')
        return strdup(path);
    size_t a = strlen(base), b = strlen(path);
    char *r = malloc(a + b + 2);
    if (!r)
        return NULL;
    memcpy(r, base, a);
    r[a] = '/';
    memcpy(r + a + 1, path, b + 1);
    return r;
}

static bx_status set_path(char **dst, const cJSON *v, const char *base, const char *where,
                          const char *key, bx_error *err)
{
    if (cJSON_IsNull(v)) {
        free(*dst);
        *dst = NULL;
        return BX_OK;
    }
    if (!cJSON_IsString(v) || !*v->valuestring)
        return bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be a non-empty path string", where, key);
    char *p = srv_join_path(base, v->valuestring);
    if (!p)
        return bx_error_setf(err, BX_ERR_NOMEM, "%s: out of memory for \"%s\"", where, key);
    free(*dst);
    *dst = p;
    return BX_OK;
}

/* A JSON array of strings, borrowed into a NULL-terminated vector
 * (free the vector only).  NULL + err when it is not one. */
static const char **str_array(const cJSON *v, size_t *n, const char *where, const char *key, bx_error *err)
{
    if (!cJSON_IsArray(v)) {
        bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be an array of strings", where, key);
        return NULL;
    }
    *n = (size_t)cJSON_GetArraySize(v);
    const char **a = calloc(*n + 1, sizeof *a);
    size_t i = 0;
    const cJSON *it;
    if (!a) {
        bx_error_setf(err, BX_ERR_NOMEM, "%s: out of memory for \"%s\"", where, key);
        return NULL;
    }
    cJSON_ArrayForEach(it, v) {
        if (!cJSON_IsString(it)) {
            free(a);
            bx_error_setf(err, BX_ERR_ARG, "%s: every item of \"%s\" must be a string", where, key);
            return NULL;
        }
        a[i++] = it->valuestring;
    }
    return a;
}

/* A list of grants: checked by the one parser (src/sandbox/grants.c). */
static bx_status set_grant_list(bx_grants *g, const char *gkey, const cJSON *v, const char *where,
                                const char *key, bx_error *err)
{
    size_t n = 0;
    const char **a = str_array(v, &n, where, key, err);
    if (!a)
        return err->status;
    bx_error e2 = {0};
    bx_status st = bx_grants_set_list(g, gkey, a, n, &e2);
    free(a);
    if (st)
        return bx_error_setf(err, st, "%.60s: \"%.30s\": %.150s", where, key, e2.msg);
    return BX_OK;
}

static bx_status set_list(char ***dst, size_t *n, const cJSON *v, const char *where,
                          const char *key, bx_error *err)
{
    if (!cJSON_IsArray(v))
        return bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be an array of strings", where, key);
    int cnt = cJSON_GetArraySize(v);
    char **list = cnt ? calloc((size_t)cnt, sizeof *list) : NULL;
    if (cnt && !list)
        return bx_error_setf(err, BX_ERR_NOMEM, "%s: out of memory for \"%s\"", where, key);
    int i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, v) {
        if (!cJSON_IsString(it) || !(list[i] = strdup(it->valuestring))) {
            free_list(list, (size_t)i);
            return bx_error_setf(err, cJSON_IsString(it) ? BX_ERR_NOMEM : BX_ERR_ARG,
                        "%s: every item of \"%s\" must be a string", where, key);
        }
        i++;
    }
    free_list(*dst, *n);
    *dst = list;
    *n = (size_t)cnt;
    return BX_OK;
}

/* A count: a non-negative integer (JSON numbers are doubles: up to 2^53). */
static bx_status get_count(const cJSON *v, uint64_t *out, const char *where, const char *key,
                           bx_error *err)
{
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 9007199254740992.0 ||
        v->valuedouble != (double)(uint64_t)v->valuedouble)
        return bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be a whole number >= 0", where, key);
    *out = (uint64_t)v->valuedouble;
    return BX_OK;
}

/* A size: "64MiB" or a byte count. */
static bx_status get_size(const cJSON *v, uint64_t *out, const char *where, const char *key,
                          bx_error *err)
{
    if (cJSON_IsNumber(v))
        return get_count(v, out, where, key, err);
    if (!cJSON_IsString(v))
        return bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be a size like \"64MiB\" or a byte count",
                    where, key);
    bx_error e2 = {0};
    if (bx_parse_size(v->valuestring, out, &e2) != BX_OK) {
        return bx_error_setf(err, BX_ERR_ARG, "%.60s: \"%.30s\": %.150s", where, key, e2.msg);
    }
    return BX_OK;
}

/* A duration: "30s", "500ms" or seconds as a number. */
static bx_status get_duration(const cJSON *v, uint64_t *out, const char *where, const char *key,
                              bx_error *err)
{
    if (cJSON_IsNumber(v)) {
        if (!(v->valuedouble >= 0) || v->valuedouble > 1e9)
            return bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be seconds >= 0 or like \"30s\"",
                        where, key);
        *out = (uint64_t)(v->valuedouble * 1e9);
        return BX_OK;
    }
    if (!cJSON_IsString(v))
        return bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be a duration like \"30s\" or seconds",
                    where, key);
    bx_error e2 = {0};
    if (bx_parse_duration(v->valuestring, out, &e2) != BX_OK) {
        return bx_error_setf(err, BX_ERR_ARG, "%.60s: \"%.30s\": %.150s", where, key, e2.msg);
    }
    return BX_OK;
}

static bx_status apply_limits(bx_executor_config *e, const cJSON *obj, const char *where,
                              bx_error *err)
{
    if (!cJSON_IsObject(obj))
        return bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be an object", where, "limits");
    const cJSON *it;
    cJSON_ArrayForEach(it, obj) {
        const char *k = it->string;
        bx_status st;
        if (!strcmp(k, "timeout"))
            st = get_duration(it, &e->g.timeout_ns, where, k, err);
        else if (!strcmp(k, "max_memory"))
            st = get_size(it, &e->g.max_memory, where, k, err);
        else if (!strcmp(k, "max_stack"))
            st = get_size(it, &e->g.max_stack, where, k, err);
        else if (!strcmp(k, "max_output"))
            st = get_size(it, &e->g.max_output, where, k, err);
        else if (!strcmp(k, "max_write"))
            st = get_size(it, &e->g.max_write, where, k, err);
        else if (!strcmp(k, "fuel"))
            st = get_count(it, &e->g.fuel, where, k, err);
        else
            st = bx_error_setf(err, BX_ERR_ARG,
                      "%s: unknown limit \"%s\" (known: timeout, max_memory, max_stack, fuel, "
                      "max_output, max_write)", where, k);
        if (st != BX_OK)
            return st;
    }
    return BX_OK;
}

static bx_status apply_quotas(bx_executor_config *e, const cJSON *obj, const char *where,
                              bx_error *err)
{
    if (!cJSON_IsObject(obj))
        return bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be an object", where, "quotas");
    const cJSON *it;
    cJSON_ArrayForEach(it, obj) {
        const char *k = it->string;
        bx_status st;
        if (!strcmp(k, "fuel"))
            st = get_count(it, &e->quota_fuel, where, k, err);
        else if (!strcmp(k, "wall_time"))
            st = get_duration(it, &e->quota_wall_ns, where, k, err);
        else if (!strcmp(k, "calls"))
            st = get_count(it, &e->quota_calls, where, k, err);
        else
            st = bx_error_setf(err, BX_ERR_ARG, "%s: unknown quota \"%s\" (known: fuel, wall_time, calls)",
                      where, k);
        if (st != BX_OK)
            return st;
    }
    return BX_OK;
}

static int is_top_key(const char *k)
{
    return !strcmp(k, "tool_dirs") || !strcmp(k, "workers") || !strcmp(k, "max_message") ||
           !strcmp(k, "executors") || !strcmp(k, "drain") || !strcmp(k, "worker_reuse");
}

bx_status bx_parse_drain(const char *text, uint64_t *ns, bx_error *err)
{
    if (!strcmp(text, "wait")) {
        *ns = BX_DRAIN_WAIT;
        return BX_OK;
    }
    bx_error e2 = {0};
    if (bx_parse_duration(text, ns, &e2) != BX_OK)
        return bx_error_setf(err, BX_ERR_ARG, "%.150s (or \"wait\": let every call finish)", e2.msg);
    if (*ns == BX_DRAIN_WAIT)
        (*ns)--;    /* a finite grace, however long, stays finite */
    return BX_OK;
}

/* "drain": "wait", a duration string, or seconds as a number. */
static bx_status get_drain(const cJSON *v, uint64_t *out, const char *where, const char *key, bx_error *err)
{
    bx_error e2 = {0};
    if (cJSON_IsNumber(v))
        return get_duration(v, out, where, key, err);
    if (!cJSON_IsString(v))
        return bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be \"wait\", a duration like \"500ms\" or seconds",
                             where, key);
    if (bx_parse_drain(v->valuestring, out, &e2) != BX_OK)
        return bx_error_setf(err, BX_ERR_ARG, "%.60s: \"%.30s\": %.200s", where, key, e2.msg);
    return BX_OK;
}

bx_status srv_exec_config_apply(bx_executor_config *e, const cJSON *obj, const char *base,
                                int top, const char *where, bx_error *err)
{
    if (!cJSON_IsObject(obj))
        return bx_error_setf(err, BX_ERR_ARG, "%s: must be a JSON object", where);
    const cJSON *it;
    cJSON_ArrayForEach(it, obj) {
        const char *k = it->string;
        bx_status st = BX_OK;
        if (top && is_top_key(k))
            continue;
        if (is_top_key(k)) {
            st = bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" is a server-wide key: put it at the top level "
                               "of the policy file", where, k);
            return st;
        }
        if (!strcmp(k, "workspace"))
            st = set_path(&e->g.workspace, it, base, where, k, err);
        else if (!strcmp(k, "grants"))
            st = set_grant_list(&e->g, "cap", it, where, k, err);
        else if (!strcmp(k, "block_networks"))
            st = set_grant_list(&e->g, "block_network", it, where, k, err);
        else if (!strcmp(k, "block_url"))
            st = set_grant_list(&e->g, "block_url", it, where, k, err);
        else if (!strcmp(k, "allow_networks"))
            st = set_grant_list(&e->g, "allow_network", it, where, k, err);
        else if (!strcmp(k, "secret_headers"))
            st = set_grant_list(&e->g, "secret_header", it, where, k, err);
        else if (!strcmp(k, "require_os_confinement")) {
            if (!cJSON_IsBool(it))
                st = bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be true or false", where, k);
            else
                e->g.require_os_confinement = cJSON_IsTrue(it);
        }
        else if (!strcmp(k, "tools"))
            st = set_list(&e->tools, &e->ntools, it, where, k, err);
        else if (!strcmp(k, "profile")) {
            bx_error e2 = {0};
            if (!cJSON_IsString(it) || bx_perm_parse(it->valuestring, &e->max_level, &e2) != BX_OK)
                st = bx_error_setf(err, BX_ERR_ARG,
                          "%s: \"%s\" must be one of none, read_only, write, execute, dangerous",
                          where, k);
        } else if (!strcmp(k, "limits"))
            st = apply_limits(e, it, where, err);
        else if (!strcmp(k, "quotas"))
            st = apply_quotas(e, it, where, err);
        else if (!strcmp(k, "cache_dir"))
            st = set_path(&e->g.cache_dir, it, base, where, k, err);
        else if (!strcmp(k, "audit"))
            st = set_path(&e->g.audit_path, it, base, where, k, err);
        else if (!strcmp(k, "tier")) {   /* interp | aot | auto, checked as --tier is */
            bx_error e2 = {0};
            if (!cJSON_IsString(it) || bx_grants_set(&e->g, "tier", it->valuestring, &e2) != BX_OK)
                st = bx_error_setf(err, BX_ERR_ARG, "%s: \"%s\" must be one of interp, aot, auto", where, k);
        } else
            st = bx_error_setf(err, BX_ERR_ARG, "%s: unknown key \"%s\" (see docs/policy.md)", where, k);
        if (st != BX_OK)
            return st;
    }
    return BX_OK;
}

void bx_server_config_init(bx_server_config *c)
{
    memset(c, 0, sizeof *c);
    srv_exec_config_init(&c->defaults);
}

void bx_server_config_free(bx_server_config *c)
{
    srv_exec_config_free(&c->defaults);
    free(c->executors_json);
    free_list(c->tool_dirs, c->ntool_dirs);
    bx_server_config_init(c);
}

static char *read_small_file(const char *path, bx_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bx_error_setf(err, BX_ERR_IO, "cannot open policy file %s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(POLICY_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, POLICY_MAX_BYTES + 1, f) : 0;
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad || n > POLICY_MAX_BYTES) {
        free(buf);
        bx_error_setf(err, n > POLICY_MAX_BYTES ? BX_ERR_LIMIT : BX_ERR_IO, "cannot read policy file %s%s", path,
             n > POLICY_MAX_BYTES ? ": larger than 4 MiB" : "");
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

bx_status bx_server_config_load_policy(bx_server_config *c, const char *path, bx_error *err)
{
    char *text = read_small_file(path, err);
    if (!text)
        return err->status;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
    if (!root) {
        long off = end ? (long)(end - text) : 0;
        free(text);
        return bx_error_setf(err, BX_ERR_ARG, "policy file %s is not valid JSON (near byte %ld)", path, off);
    }
    free(text);
    char *base = dir_of(path);
    bx_status st = base ? BX_OK : bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    bx_executor_config scratch;
    srv_exec_config_init(&scratch);
    if (st == BX_OK)
        st = srv_exec_config_apply(&c->defaults, root, base, 1, "policy", err);
    const cJSON *v;
    if (st == BX_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "tool_dirs"))) {
        char **dirs = NULL;
        size_t nd = 0;
        st = set_list(&dirs, &nd, v, "policy", "tool_dirs", err);
        for (size_t i = 0; st == BX_OK && i < nd; i++) {
            char *p = srv_join_path(base, dirs[i]);
            if (!p) {
                st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
                break;
            }
            free(dirs[i]);
            dirs[i] = p;
        }
        /* After the ones already there (the built-in dir). */
        char **all = st == BX_OK ? realloc(c->tool_dirs, (c->ntool_dirs + nd + 1) * sizeof *all) : NULL;
        if (st == BX_OK && !all)
            st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        if (st == BX_OK) {
            if (nd)   /* "tool_dirs": [] gives no array to copy */
                memcpy(all + c->ntool_dirs, dirs, nd * sizeof *dirs);
            c->tool_dirs = all;
            c->ntool_dirs += nd;
            free(dirs);
        } else {
            free_list(dirs, nd);
        }
    }
    if (st == BX_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "workers"))) {
        uint64_t w = 0;
        st = get_count(v, &w, "policy", "workers", err);
        if (st == BX_OK && w > SRV_MAX_WORKERS)
            st = bx_error_setf(err, BX_ERR_ARG, "policy: \"workers\" must be at most 1024");
        if (st == BX_OK)
            c->workers = (uint32_t)w;
    }
    if (st == BX_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "max_message")))
        st = get_size(v, &c->max_message, "policy", "max_message", err);
    if (st == BX_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "worker_reuse"))) {
        uint64_t n = 0;
        st = get_count(v, &n, "policy", "worker_reuse", err);
        if (st == BX_OK && (n < 1 || n > 10000))
            st = bx_error_setf(err, BX_ERR_ARG, "policy: \"worker_reuse\" must be 1 to 10000 (calls one worker may "
                               "serve; 1: a fresh worker per call)");
        if (st == BX_OK)
            c->worker_reuse = (uint32_t)n;
    }
    if (st == BX_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "drain"))) {
        st = get_drain(v, &c->drain_ns, "policy", "drain", err);
        c->drain_set = st == BX_OK;
    }
    if (st == BX_OK && (v = cJSON_GetObjectItemCaseSensitive(root, "executors"))) {
        if (!cJSON_IsObject(v))
            st = bx_error_setf(err, BX_ERR_ARG,
                      "policy: \"executors\" must be an object {\"NAME\": {settings}}");
        /* Check each now (errors at startup, with the executor's name);
         * relative paths become absolute here, while the base is known. */
        cJSON *ex;
        cJSON_ArrayForEach(ex, v) {
            if (st != BX_OK)
                break;
            char where[160];
            snprintf(where, sizeof where, "policy: executors.%.100s", ex->string);
            if (!*ex->string || strlen(ex->string) > 128) {
                st = bx_error_setf(err, BX_ERR_ARG, "%s: an executor name is 1 to 128 characters", where);
                break;
            }
            srv_exec_config_free(&scratch);
            st = srv_exec_config_apply(&scratch, ex, base, 0, where, err);
            const char *pk[] = {"workspace", "cache_dir", "audit"};
            for (size_t i = 0; st == BX_OK && i < 3; i++) {
                cJSON *p = cJSON_GetObjectItemCaseSensitive(ex, pk[i]);
                if (cJSON_IsString(p)) {
                    char *abs = srv_join_path(base, p->valuestring);
                    if (!abs || !cJSON_ReplaceItemInObjectCaseSensitive(ex, pk[i], cJSON_CreateString(abs)))
                        st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
                    free(abs);
                }
            }
        }
        if (st == BX_OK) {
            char *js = cJSON_PrintUnformatted(v);
            if (!js)
                st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
            free(c->executors_json);
            c->executors_json = js;
        }
    }
    srv_exec_config_free(&scratch);
    free(base);
    cJSON_Delete(root);
    return st;
}
