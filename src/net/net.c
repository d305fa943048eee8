/*
 * net.c — the bx_net object: made from a bx_net_config (every pattern,
 * network, URL prefix and secret parsed now, so a bad one fails here) and
 * freed with the responses a guest left open.  Its own file so that the
 * policy (policy.c) and the transfers (http.c) never import each other:
 * this file depends on both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net_impl.h"

static int parse_secret(const char *spec, bxn_secret *s, char *why, size_t wl)
{
    memset(s, 0, sizeof *s);
    const char *eq = strchr(spec, '=');
    const char *c = NULL;
    for (const char *p = spec; eq && p < eq; p++)
        if (*p == ':') c = p;
    if (!eq || !c || c == spec || c + 1 == eq)
        return bxn_why(why, wl, "bad secret header: expected ORIGIN:NAME=env:VAR or ORIGIN:NAME=VALUE, "
                             "e.g. api.example.com:Authorization=env:API_TOKEN");
    char origin[BXN_HOST_MAX + 16];
    size_t ol = (size_t)(c - spec);
    if (ol + 9 >= sizeof origin) return bxn_why(why, wl, "bad secret header: origin too long");
    if (strstr(spec, "://") && strstr(spec, "://") < c)
        snprintf(origin, sizeof origin, "%.*s", (int)ol, spec);
    else
        snprintf(origin, sizeof origin, "https://%.*s", (int)ol, spec);   /* secrets: TLS only */
    char w[300];
    if (bxn_pattern_parse(origin, &s->origin, w, sizeof w) != 0)
        return bxn_why(why, wl, "bad secret header origin: %s", w);
    s->name = strndup(c + 1, (size_t)(eq - c - 1));
    const char *v = eq + 1;
    if (!strncmp(v, "env:", 4)) {
        const char *e = getenv(v + 4);
        if (!e) {
            free(s->name);
            s->name = NULL;
            return bxn_why(why, wl, "secret header for %s: the environment variable %s is not set", origin, v + 4);
        }
        v = e;
    }
    s->value = strdup(v);
    if (!s->name || !s->value) {
        free(s->name);
        free(s->value);
        return bxn_why(why, wl, "out of memory");
    }
    /* Never echo the value: the name alone says what is wrong. */
    if (*s->value && strlen(s->value) < BXN_SECRET_MIN) {
        bxn_why(why, wl, "secret header %s for %s: the value is %zu bytes; secrets shorter than %d bytes are "
                      "refused, because they cannot be told apart from ordinary text when a server echoes "
                      "them back (use the full token)", s->name, origin, strlen(s->value), BXN_SECRET_MIN);
        free(s->name);
        free(s->value);
        s->name = s->value = NULL;
        return -1;
    }
    char hw[200];
    if (bxn_header_ok(s->name, "", hw, sizeof hw) != 0 || !*s->value) {
        bxn_why(why, wl, "secret header for %s: %s", origin, *s->value ? hw : "empty value");
        free(s->name);
        free(s->value);
        s->name = s->value = NULL;
        return -1;
    }
    for (const unsigned char *p = (const unsigned char *)s->value; *p; p++) {
        if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
            bxn_why(why, wl, "secret header %s for %s: the value holds a control character", s->name, origin);
            free(s->name);
            free(s->value);
            s->name = s->value = NULL;
            return -1;
        }
    }
    return 0;
}

void bx_net_free(bx_net *n)
{
    if (!n) return;
    for (size_t i = 0; i < BXN_MAX_HANDLES; i++) {
        if (n->resp[i]) {
            bx_http_response_free(n->resp[i]);
            free(n->resp[i]);
        }
    }
    free(n->allow);
    free(n->nets.block);
    free(n->nets.allow);
    for (size_t i = 0; i < n->nblock_url; i++) bxn_url_free(&n->block_url[i]);
    free(n->block_url);
    for (size_t i = 0; i < n->nsecrets; i++) {
        free(n->secrets[i].name);
        if (n->secrets[i].value) {
            memset(n->secrets[i].value, 0, strlen(n->secrets[i].value));
            free(n->secrets[i].value);
        }
    }
    free(n->secrets);
    bxn_redactor_free(n->red);
    free(n);
}

/* Every failure of bx_net_new: err already filled; the half-made net freed. */
static bx_net *discard(bx_net *n)
{
    bx_net_free(n);
    return NULL;
}

bx_net *bx_net_new(const bx_net_config *cfg, bx_error *err)
{
    bx_net *n = calloc(1, sizeof *n);
    char w[400];
    if (!n) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory"), discard(n);
    n->allow = calloc(cfg->nallow + 1, sizeof *n->allow);
    n->nets.block = calloc(cfg->g.nblock_networks + 1, sizeof *n->nets.block);
    n->nets.allow = calloc(cfg->g.nallow_networks + 1, sizeof *n->nets.allow);
    n->block_url = calloc(cfg->g.nblock_url + 1, sizeof *n->block_url);
    n->secrets = calloc(cfg->g.nsecret_headers + 1, sizeof *n->secrets);
    if (!n->allow || !n->nets.block || !n->nets.allow || !n->block_url || !n->secrets)
        return bx_error_setf(err, BX_ERR_NOMEM, "out of memory"), discard(n);
    for (size_t i = 0; i < cfg->nallow; i++) {
        if (bxn_pattern_parse(cfg->allow[i], &n->allow[i], w, sizeof w) != 0)
            return bx_error_setf(err, BX_ERR_ARG, "%s", w), discard(n);
        n->nallow++;
    }
    n->nets.block_private = cfg->block_private;
    for (size_t i = 0; i < cfg->g.nblock_networks; i++) {
        if (!strcmp(cfg->g.block_networks[i], "private")) { n->nets.block_private = 1; continue; }
        if (bxn_cidr_parse(cfg->g.block_networks[i], &n->nets.block[n->nets.nblock]) != 0)
            return bx_error_setf(err, BX_ERR_ARG, "bad blocked network '%s': expected an address, a CIDR "
                                             "(10.0.0.0/8, fd00::/8) or \"private\"", cfg->g.block_networks[i]), discard(n);
        n->nets.nblock++;
    }
    for (size_t i = 0; i < cfg->g.nallow_networks; i++) {
        if (bxn_cidr_parse(cfg->g.allow_networks[i], &n->nets.allow[i]) != 0)
            return bx_error_setf(err, BX_ERR_ARG, "bad --allow-network '%s': expected an address or a CIDR "
                                             "(127.0.0.1, 10.1.0.0/16)", cfg->g.allow_networks[i]), discard(n);
        n->nets.nallow++;
    }
    for (size_t i = 0; i < cfg->g.nblock_url; i++) {
        if (bxn_url_parse(cfg->g.block_url[i], &n->block_url[i], w, sizeof w) != 0)
            return bx_error_setf(err, BX_ERR_ARG, "bad --block-url '%s': %s", cfg->g.block_url[i], w), discard(n);
        n->nblock_url++;
    }
    for (size_t i = 0; i < cfg->g.nsecret_headers; i++) {
        if (parse_secret(cfg->g.secret_headers[i], &n->secrets[i], w, sizeof w) != 0)
            return bx_error_setf(err, BX_ERR_ARG, "%s", w), discard(n);
        n->nsecrets++;
    }
    if (n->nsecrets) {
        char **vals = calloc(n->nsecrets, sizeof *vals);
        for (size_t i = 0; vals && i < n->nsecrets; i++) vals[i] = n->secrets[i].value;
        n->red = vals ? bxn_redactor_new(vals, n->nsecrets) : NULL;
        free(vals);
        if (!n->red) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory (secret headers)"), discard(n);
    }
    n->max_redirects = cfg->max_redirects ? cfg->max_redirects : 5;
    n->max_response_bytes = cfg->max_response_bytes ? cfg->max_response_bytes : 10u << 20;
    n->timeout_ns = cfg->timeout_ns ? cfg->timeout_ns : 30000000000ull;
    n->connect_timeout_ns = cfg->connect_timeout_ns ? cfg->connect_timeout_ns : 10000000000ull;
    n->deadline_ns = cfg->deadline_ns;
    n->audit = cfg->audit;
    n->audit_user = cfg->audit_user;
    n->resolve = cfg->resolve;
    n->resolve_user = cfg->resolve_user;
    return n;
}

