/*
 * grants.c — bx_grants: the one representation of grants and limits, and
 * the one parser of them.  The CLI's flags (src/cli/flags.c) and the
 * policy file (src/server/policy.c) both name a setting by key and hand its
 * text here, so a CIDR, a URL prefix or a size is checked the same way
 * wherever it is written; a server builds an executor's settings with
 * copy and merge, never field by field.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "sandbox_impl.h"

void bx_grants_init(bx_grants *g)
{
    memset(g, 0, sizeof *g);
}

static void list_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

bx_status bxs_list_push(char ***v, size_t *n, const char *s, bx_error *err)
{
    char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    *v = nv;
    if (!(nv[*n] = strdup(s))) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    (*n)++;
    return BX_OK;
}

void bx_grants_free(bx_grants *g)
{
    free(g->workspace);
    list_free(g->caps, g->ncaps);
    list_free(g->block_networks, g->nblock_networks);
    list_free(g->block_url, g->nblock_url);
    list_free(g->allow_networks, g->nallow_networks);
    list_free(g->secret_headers, g->nsecret_headers);
    free(g->cache_dir);
    free(g->audit_path);
    bx_grants_init(g);
}

/* The lists of a bx_grants, by key, for copy, merge and set_list. */
static size_t lists(bx_grants *g, char ****v, size_t **n)
{
    v[0] = &g->caps, n[0] = &g->ncaps;
    v[1] = &g->block_networks, n[1] = &g->nblock_networks;
    v[2] = &g->block_url, n[2] = &g->nblock_url;
    v[3] = &g->allow_networks, n[3] = &g->nallow_networks;
    v[4] = &g->secret_headers, n[4] = &g->nsecret_headers;
    return 5;
}

static bx_status set_str(char **dst, const char *s, bx_error *err)
{
    char *c = NULL;
    if (s && !(c = strdup(s))) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    free(*dst);
    *dst = c;
    return BX_OK;
}

bx_status bx_grants_merge(bx_grants *dst, const bx_grants *src, bx_error *err)
{
    char ***dv[5], ***sv[5];
    size_t *dn[5], *sn[5];
    size_t nl = lists(dst, dv, dn);
    lists((bx_grants *)src, sv, sn);
    bx_status st = BX_OK;
    for (size_t l = 0; l < nl && !st; l++)
        for (size_t i = 0; i < *sn[l] && !st; i++)
            st = bxs_list_push(dv[l], dn[l], (*sv[l])[i], err);
    if (!st && src->workspace) st = set_str(&dst->workspace, src->workspace, err);
    if (!st && src->cache_dir) st = set_str(&dst->cache_dir, src->cache_dir, err);
    if (!st && src->audit_path) st = set_str(&dst->audit_path, src->audit_path, err);
    if (st) return st;
#define OVER(f) if (src->f) dst->f = src->f
    OVER(timeout_ns); OVER(max_memory); OVER(max_stack); OVER(fuel); OVER(max_output);
    OVER(max_write); OVER(require_os_confinement); OVER(tier);
#undef OVER
    return BX_OK;
}

bx_status bx_grants_copy(bx_grants *dst, const bx_grants *src, bx_error *err)
{
    bx_grants_init(dst);
    bx_status st = bx_grants_merge(dst, src, err);
    if (st) bx_grants_free(dst);
    return st;
}

/* 1 when s is an IPv4/IPv6 address or a CIDR. */
static int cidr_ok(const char *s)
{
    char buf[64];
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if (n == 0 || n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = 0;
    unsigned char addr[16];
    int maxbits;
    if (inet_pton(AF_INET, buf, addr) == 1)
        maxbits = 32;
    else if (inet_pton(AF_INET6, buf, addr) == 1)
        maxbits = 128;
    else
        return 0;
    if (!slash)
        return 1;
    char *end;
    errno = 0;
    long bits = strtol(slash + 1, &end, 10);
    return !errno && end != slash + 1 && !*end && bits >= 0 && bits <= maxbits;
}

/* A whole number: decimal or 0x hex, no sign (as the CLI always took it). */
static bx_status parse_count(const char *key, const char *v, uint64_t *out, bx_error *err)
{
    int hex = v[0] == '0' && (v[1] == 'x' || v[1] == 'X');
    const char *d = v + (hex ? 2 : 0);
    char *end;
    errno = 0;
    unsigned long long n = isxdigit((unsigned char)*d) ? strtoull(d, &end, hex ? 16 : 10) : 0;
    if (!isxdigit((unsigned char)*d) || errno || *end)
        return bx_error_setf(err, BX_ERR_ARG, "%s: expected a whole number, got '%s'", key, v);
    *out = n;
    return BX_OK;
}

typedef enum key_kind { K_STR, K_LIST, K_SIZE, K_DURATION, K_COUNT, K_TIER } key_kind;

/* The settings by key: where each goes and how its text is read. */
typedef struct key_def {
    const char *key;
    key_kind kind;
    size_t off;             /* of the field (the list for K_LIST) */
    size_t noff;            /* K_LIST: of its count */
} key_def;

#define F(f) offsetof(bx_grants, f)
static const key_def keys[] = {
    {"workspace", K_STR, F(workspace), 0},
    {"cap", K_LIST, F(caps), F(ncaps)},
    {"allow_host", K_LIST, F(caps), F(ncaps)},
    {"env", K_LIST, F(caps), F(ncaps)},
    {"block_network", K_LIST, F(block_networks), F(nblock_networks)},
    {"block_url", K_LIST, F(block_url), F(nblock_url)},
    {"allow_network", K_LIST, F(allow_networks), F(nallow_networks)},
    {"secret_header", K_LIST, F(secret_headers), F(nsecret_headers)},
    {"timeout", K_DURATION, F(timeout_ns), 0},
    {"max_memory", K_SIZE, F(max_memory), 0},
    {"max_stack", K_SIZE, F(max_stack), 0},
    {"fuel", K_COUNT, F(fuel), 0},
    {"max_output", K_SIZE, F(max_output), 0},
    {"max_write", K_SIZE, F(max_write), 0},
    {"cache_dir", K_STR, F(cache_dir), 0},
    {"audit", K_STR, F(audit_path), 0},
    {"tier", K_TIER, F(tier), 0},
};
#undef F

static const key_def *find_key(const char *key)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(keys[i].key, key))
            return &keys[i];
    return NULL;
}

/* A list item checked as users are told to write it; *out is what is
 * stored (allow_host and env become grants: fetch:V, env:V). */
static bx_status check_item(const char *key, const char *v, char *buf, size_t cap, const char **out,
                            bx_error *err)
{
    *out = v;
    if (!strcmp(key, "block_network") && strcmp(v, "private") && !cidr_ok(v))
        return bx_error_setf(err, BX_ERR_ARG, "%s: expected an address, a CIDR (10.0.0.0/8, fd00::/8) or "
                             "\"private\"", v);
    if (!strcmp(key, "allow_network") && !cidr_ok(v))
        return bx_error_setf(err, BX_ERR_ARG, "%s: expected an address or a CIDR (127.0.0.1, 10.1.0.0/16) "
                             "to lift from the blocked networks", v);
    if (!strcmp(key, "block_url") && !strstr(v, "://"))
        return bx_error_setf(err, BX_ERR_ARG, "%s: expected a URL prefix, e.g. https://example.com/admin", v);
    if (!strcmp(key, "allow_host") || !strcmp(key, "env")) {
        int fetch = key[0] == 'a';
        if (fetch && !strstr(v, "://"))
            return bx_error_setf(err, BX_ERR_ARG, "'%s': expected a pattern SCHEME://HOST[:PORT], e.g. "
                                 "https://*.example.com", v);
        if (!fetch && (!*v || *v == '='))
            return bx_error_setf(err, BX_ERR_ARG, "'%s': empty variable name", v);
        size_t n = strlen(v) + 7;
        char *s = n <= cap ? buf : malloc(n);
        if (!s) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        snprintf(s, n, "%s:%s", fetch ? "fetch" : "env", v);
        *out = s;
    }
    return BX_OK;
}

static bx_status set_one(bx_grants *g, const key_def *k, const char *v, bx_error *err)
{
    char *base = (char *)g;
    switch (k->kind) {
    case K_STR:
        return set_str((char **)(base + k->off), v, err);
    case K_SIZE:
        return bx_parse_size(v, (uint64_t *)(base + k->off), err);
    case K_DURATION:
        return bx_parse_duration(v, (uint64_t *)(base + k->off), err);
    case K_COUNT:
        return parse_count(k->key, v, (uint64_t *)(base + k->off), err);
    case K_TIER: {
        static const char *const names[] = { "interp", "aot", "auto" };
        for (int i = 0; i < 3; i++)
            if (!strcmp(v, names[i])) {
                *(int *)(base + k->off) = BX_TIER_INTERP + i;
                return BX_OK;
            }
        return bx_error_setf(err, BX_ERR_ARG, "tier: expected interp, aot or auto, got '%s'", v);
    }
    case K_LIST: {
        char buf[256];
        const char *item;
        bx_status st = check_item(k->key, v, buf, sizeof buf, &item, err);
        if (!st) st = bxs_list_push((char ***)(base + k->off), (size_t *)(base + k->noff), item, err);
        if (item != v && item != buf) free((char *)item);
        return st;
    }
    }
    return BX_ERR_ARG;
}

bx_status bx_grants_set(bx_grants *g, const char *key, const char *value, bx_error *err)
{
    const key_def *k = find_key(key);
    if (!k) return bx_error_setf(err, BX_ERR_ARG, "unknown setting \"%s\"", key);
    if (!value) return bx_error_setf(err, BX_ERR_ARG, "%s needs a value", key);
    return set_one(g, k, value, err);
}

bx_status bx_grants_set_list(bx_grants *g, const char *key, const char *const *values, size_t n,
                             bx_error *err)
{
    const key_def *k = find_key(key);
    if (!k || k->kind != K_LIST) return bx_error_setf(err, BX_ERR_ARG, "\"%s\" is not a list", key);
    bx_grants tmp;
    bx_grants_init(&tmp);
    bx_status st = BX_OK;
    for (size_t i = 0; i < n && !st; i++)
        st = set_one(&tmp, k, values[i], err);
    if (st) {
        bx_grants_free(&tmp);
        return st;
    }
    char ***dl = (char ***)((char *)g + k->off), ***tl = (char ***)((char *)&tmp + k->off);
    size_t *dn = (size_t *)((char *)g + k->noff), *tn = (size_t *)((char *)&tmp + k->noff);
    list_free(*dl, *dn);
    *dl = *tl, *dn = *tn;
    *tl = NULL, *tn = 0;
    bx_grants_free(&tmp);
    return BX_OK;
}

int bx_tier_env(void)
{
    bx_grants g;
    bx_error err;
    const char *v = getenv("BOXAGNTS_TIER");
    bx_grants_init(&g);
    if (!v || bx_grants_set(&g, "tier", v, &err) != BX_OK) return BX_TIER_UNSET;
    return g.tier;
}

bx_status bx_parse_size(const char *s, uint64_t *out, bx_error *err)
{
    char *end;
    errno = 0;
    if (!s || !isdigit((unsigned char)*s))
        return bx_error_setf(err, BX_ERR_ARG, "bad size '%s': expected a number with an optional unit, e.g. 64MiB", s ? s : "");
    unsigned long long v = strtoull(s, &end, 10);
    if (errno) return bx_error_setf(err, BX_ERR_ARG, "size '%s' is too large", s);
    static const struct { const char *unit; uint64_t mul; } units[] = {
        {"", 1}, {"B", 1},
        {"K", 1024}, {"KB", 1000}, {"KiB", 1024}, {"k", 1024},
        {"M", 1024 * 1024}, {"MB", 1000 * 1000}, {"MiB", 1024 * 1024},
        {"G", 1024ull * 1024 * 1024}, {"GB", 1000ull * 1000 * 1000}, {"GiB", 1024ull * 1024 * 1024},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(end, units[i].unit) == 0) {
            if (v > UINT64_MAX / units[i].mul)
                return bx_error_setf(err, BX_ERR_ARG, "size '%s' is too large", s);
            *out = v * units[i].mul;
            return BX_OK;
        }
    }
    return bx_error_setf(err, BX_ERR_ARG, "bad size unit in '%s': use B, KiB, MiB or GiB", s);
}

bx_status bx_parse_duration(const char *s, uint64_t *out_ns, bx_error *err)
{
    char *end;
    errno = 0;
    if (!s || !isdigit((unsigned char)*s))
        return bx_error_setf(err, BX_ERR_ARG, "bad duration '%s': expected e.g. 5s, 200ms, 2m", s ? s : "");
    double v = strtod(s, &end);
    if (errno || v < 0) return bx_error_setf(err, BX_ERR_ARG, "bad duration '%s'", s);
    double mul;
    if (!strcmp(end, "s") || !*end) mul = 1e9;
    else if (!strcmp(end, "ms")) mul = 1e6;
    else if (!strcmp(end, "us")) mul = 1e3;
    else if (!strcmp(end, "ns")) mul = 1;
    else if (!strcmp(end, "m")) mul = 60e9;
    else if (!strcmp(end, "h")) mul = 3600e9;
    else return bx_error_setf(err, BX_ERR_ARG, "bad duration unit in '%s': use ns, us, ms, s, m or h", s);
    double ns = v * mul;
    if (ns >= 1.8e19) return bx_error_setf(err, BX_ERR_ARG, "duration '%s' is too long", s);
    *out_ns = (uint64_t)ns;
    return BX_OK;
}
