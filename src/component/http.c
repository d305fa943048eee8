/*
 * http.c — wasi:http@0.2.x (types, outgoing-handler) for components, on the
 * network capability of src/net.
 *
 * Every request goes out through bx_net_request, the function the preview1
 * import boxagnts:http uses: the allowlist of fetch: grants, block_url,
 * blocked networks, our own DNS resolution with every address checked and
 * the connection pinned, secret headers added by the host (and redacted
 * from what comes back), size and time caps, audit records.  Nothing of
 * that policy is repeated here; this file only maps the wasi:http resources
 * onto one bx_http_request and its bx_http_response back.
 *
 * Deliberate model: a request is sent whole, once its body is finished (the
 * body is buffered, at most MAX_BODY bytes, as preview1's request is), and
 * its response is read whole (capped by the net's max_response_bytes).  It
 * is sent when the guest first waits for it (pollable block/ready/poll or
 * future get): there is no background progress, so asking is what makes
 * it progress; the run's --timeout and interrupt stop it in flight.
 * Redirects are not followed (wasi:http leaves them to the guest, and a new
 * request for the Location is checked again like any other).
 *
 * Ownership rules of the spec are enforced: a child (a headers view, a
 * body's stream, a future's pollable) must be dropped before its parent,
 * else the guest traps; a body is finished or dropped exactly once;
 * consume/stream/body/get work once.  All objects live in one bounded
 * table (reps from BXCM_HTTP_REP0), all bytes held are bounded.
 */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_OBJS 4096u
#define MAX_HELD ((size_t)64 << 20)   /* header bytes and request bodies held at once */
#define MAX_BODY ((size_t)16 << 20)   /* one request body (preview1's request cap) */
#define MAX_FIELDS 1024u              /* entries of one fields */
#define MAX_INFLIGHT 8u               /* responses held at once, as preview1's 8 open handles */
#define IO_MAX (1u << 20)

enum { HK_FREE, HK_FIELDS, HK_OREQ, HK_OPTS, HK_OBODY, HK_FUTURE, HK_IRESP, HK_IBODY, HK_TRAILERS,
       HK_IN, HK_OUT, HK_POLL, HK_ERR };
static const char *const kname[] = { "free", "fields", "outgoing-request", "request-options", "outgoing-body",
    "future-incoming-response", "incoming-response", "incoming-body", "future-trailers", "input-stream",
    "output-stream", "pollable", "error" };

/* error-code cases used here (wasi:http/types, 0.2.x) */
enum { EC_DNS_ERROR = 1, EC_IP_PROHIBITED = 4, EC_CONN_REFUSED = 6, EC_CONN_LIMIT = 11, EC_TLS_PROTOCOL = 12,
       EC_TLS_CERT = 13, EC_DENIED = 15, EC_REQ_BODY_SIZE = 17, EC_METHOD_INVALID = 18, EC_URI_INVALID = 19,
       EC_REQ_HDR_SECTION = 21, EC_RESP_HDR_SECTION = 26, EC_RESP_BODY_SIZE = 28, EC_RESP_TIMEOUT = 33,
       EC_PROTOCOL = 35, EC_LOOP = 36, EC_INTERNAL = 38 };
enum { F_WAIT_BODY, F_SEND, F_DONE, F_TAKEN };

typedef struct hdr { char *name; uint8_t *val; uint32_t vlen; } hdr;
typedef struct flds { hdr *e; uint32_t n, cap; } flds;

typedef struct hobj {
    uint8_t kind;
    uint8_t immutable;          /* fields: a view (request's or response's headers) */
    uint8_t taken;              /* body() / consume() / stream() / write() done once */
    uint8_t done, failed;       /* outgoing-body finished / unusable; request body state */
    uint8_t truncated, err_shown;
    uint8_t have_resp;          /* future: the outcome is a response (else ec) */
    int state;                  /* future */
    uint32_t parent;            /* the object whose child this is (0: none) */
    uint32_t children;          /* live children */
    uint32_t link;              /* request/future <-> its outgoing-body */
    flds f;                     /* fields; request/response headers */
    uint32_t mtag, stag;        /* method and scheme variant cases */
    char *mother, *sother, *auth, *path;
    uint8_t has_scheme, has_auth, has_path;
    uint8_t has_opt[3];
    uint64_t opt[3];            /* request-options: connect, first-byte, between-bytes (ns) */
    uint8_t *buf;               /* request body / response body */
    size_t len, cap, pos;
    long status;
    uint32_t ec;                /* error: code, argument, message */
    uint64_t ecarg;
    int has_ecarg;
    char *msg;
} hobj;

struct bxcm_http {
    bxcm_ctx *cx;
    bx_net *net;
    hobj *o;
    uint32_t n, cap;
    size_t held;
    uint32_t inflight;
};

#define HOST(name) static int name(bxcm_ctx *cx, void *user, const bxcm_type *ft, bxcm_val *a, bxcm_val *res)
#define HH ((bxcm_http *)user)
#define UNUSED (void)cx; (void)ft; (void)a; (void)res

/* ---- the table ------------------------------------------------------- */
static int trap(bxcm_http *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int trap(bxcm_http *h, const char *fmt, ...)
{
    char m[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    return bxcm_trap(h->cx, BX_TRAP_HOST, "wasi:http: %s", m);
}

static hobj *get(bxcm_http *h, uint32_t rep, uint8_t kind)
{
    uint32_t i = rep - BXCM_HTTP_REP0;
    if (!BXCM_IS_HTTP(rep) || i >= h->n || h->o[i].kind == HK_FREE || (kind && h->o[i].kind != kind)) {
        trap(h, "invalid %s%sresource %u", kind ? kname[kind] : "", kind ? " " : "", rep);
        return NULL;
    }
    return &h->o[i];
}

static hobj *at(bxcm_http *h, uint32_t rep) { return &h->o[rep - BXCM_HTTP_REP0]; }

static int onew(bxcm_http *h, uint8_t kind, uint32_t parent, uint32_t *rep)
{
    uint32_t i = 0;
    while (i < h->n && h->o[i].kind != HK_FREE) i++;
    if (i == h->n) {
        if (h->n >= MAX_OBJS) return trap(h, "too many resources (at most %u)", MAX_OBJS);
        if (h->n == h->cap) {
            uint32_t nc = h->cap ? h->cap * 2 : 32;
            hobj *p = realloc(h->o, nc * sizeof *p);
            if (!p) return trap(h, "out of host memory");
            h->o = p;
            h->cap = nc;
        }
        h->n++;
    }
    memset(&h->o[i], 0, sizeof h->o[i]);
    h->o[i].kind = kind;
    h->o[i].parent = parent;
    if (parent) at(h, parent)->children++;
    *rep = BXCM_HTTP_REP0 + i;
    return 0;
}

static int hold(bxcm_http *h, size_t n)
{
    if (n > MAX_HELD - h->held) return trap(h, "more than %zu MiB of headers and bodies held", MAX_HELD >> 20);
    h->held += n;
    return 0;
}
static void unhold(bxcm_http *h, size_t n) { h->held -= n < h->held ? n : h->held; }

static void fields_clear(bxcm_http *h, flds *f)
{
    for (uint32_t i = 0; i < f->n; i++) {
        unhold(h, strlen(f->e[i].name) + f->e[i].vlen);
        free(f->e[i].name);
        free(f->e[i].val);
    }
    free(f->e);
    memset(f, 0, sizeof *f);
}

/* Free an object's contents and its slot; its parent loses a child. */
static void ofree(bxcm_http *h, uint32_t rep)
{
    hobj *o = at(h, rep);
    fields_clear(h, &o->f);
    free(o->mother);
    free(o->sother);
    free(o->auth);
    free(o->path);
    free(o->msg);
    if (o->kind == HK_OBODY || o->kind == HK_OREQ || o->kind == HK_FUTURE) unhold(h, o->cap);
    if (o->buf && (o->kind == HK_IRESP || o->kind == HK_IBODY || (o->kind == HK_FUTURE && o->state >= F_DONE)))
        if (h->inflight) h->inflight--;
    free(o->buf);
    if (o->parent) {
        hobj *p = at(h, o->parent);
        if (p->children) p->children--;
    }
    memset(o, 0, sizeof *o);
}

/* ---- strings and fields ---------------------------------------------- */
/* A lifted string as a NUL-terminated UTF-8 copy (guest encodings converted);
 * NULL with a trap on a NUL byte or no memory. */
static char *cstr(bxcm_http *h, const bxcm_val *v)
{
    int u16 = v->str.enc == ENC_UTF16 || (v->str.enc == ENC_LATIN1_UTF16 && (v->str.units & (1u << 31)));
    char *s = malloc((size_t)v->str.len * 2 + 1);
    if (!s) { trap(h, "out of host memory"); return NULL; }
    size_t o = 0;
    if (v->str.enc == ENC_UTF8) {
        memcpy(s, v->str.p, v->str.len);
        o = v->str.len;
    } else {
        for (uint32_t i = 0; i < v->str.len;) {
            uint32_t c;
            if (u16) {
                if (i + 1 >= v->str.len) break;
                c = (uint32_t)v->str.p[i] | (uint32_t)v->str.p[i + 1] << 8;
                i += 2;
                if (c >= 0xd800 && c <= 0xdbff && i + 1 < v->str.len) {
                    uint32_t l = (uint32_t)v->str.p[i] | (uint32_t)v->str.p[i + 1] << 8;
                    c = 0x10000 + ((c - 0xd800) << 10) + (l - 0xdc00);
                    i += 2;
                }
            } else c = v->str.p[i++];
            if (c < 0x80) s[o++] = (char)c;
            else if (c < 0x800) { s[o++] = (char)(0xc0 | c >> 6); s[o++] = (char)(0x80 | (c & 0x3f)); }
            else if (c < 0x10000) { s[o++] = (char)(0xe0 | c >> 12); s[o++] = (char)(0x80 | (c >> 6 & 0x3f)); s[o++] = (char)(0x80 | (c & 0x3f)); }
            else { s[o++] = (char)(0xf0 | c >> 18); s[o++] = (char)(0x80 | (c >> 12 & 0x3f)); s[o++] = (char)(0x80 | (c >> 6 & 0x3f)); s[o++] = (char)(0x80 | (c & 0x3f)); }
        }
    }
    s[o] = 0;
    if (memchr(s, 0, o)) { free(s); trap(h, "a string contains a NUL byte"); return NULL; }
    return s;
}

static int mkstr(bxcm_http *h, bxcm_val *v, const char *s, size_t n)
{
    uint8_t *p = bxcm_alloc(h->cx, n + 1);
    if (!p) return -1;
    memcpy(p, s, n);
    v->str.p = p; v->str.len = (uint32_t)n; v->str.enc = ENC_UTF8; v->str.units = (uint32_t)n;
    return 0;
}

static bxcm_val *nv(bxcm_http *h, uint32_t n) { return bxcm_alloc(h->cx, (n ? n : 1) * sizeof(bxcm_val)); }

/* RFC 9110 token */
static int tchar(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}
static int token_ok(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++) if (!tchar((unsigned char)*s)) return 0;
    return 1;
}
/* field-value: no CR, LF or NUL (the rest of HTTP's rule, leading and
 * trailing whitespace, is for the sender to keep) */
static int value_ok(const uint8_t *v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) if (v[i] == '\r' || v[i] == '\n' || v[i] == 0) return 0;
    return 1;
}
/* Hop-by-hop and framing headers are the host's (wasmtime forbids the same
 * set); host comes from the authority. */
static int forbidden(const char *n)
{
    static const char *const f[] = { "connection", "keep-alive", "proxy-connection", "transfer-encoding",
                                     "upgrade", "http2-settings", "host", "te", "proxy-authorization" };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) if (!strcasecmp(n, f[i])) return 1;
    return 0;
}

enum { HE_OK = -1, HE_SYNTAX = 0, HE_FORBIDDEN = 1, HE_IMMUTABLE = 2 };

static int fields_add(bxcm_http *h, flds *f, const char *name, const uint8_t *v, uint32_t vn)
{
    if (f->n >= MAX_FIELDS) return trap(h, "more than %u header fields in one fields", MAX_FIELDS);
    size_t nl = strlen(name);
    if (hold(h, nl + vn)) return -1;
    if (f->n == f->cap) {
        uint32_t nc = f->cap ? f->cap * 2 : 8;
        hdr *e = realloc(f->e, nc * sizeof *e);
        if (!e) { unhold(h, nl + vn); return trap(h, "out of host memory"); }
        f->e = e;
        f->cap = nc;
    }
    char *nm = malloc(nl + 1);
    uint8_t *val = malloc(vn + 1);
    if (!nm || !val) { free(nm); free(val); unhold(h, nl + vn); return trap(h, "out of host memory"); }
    for (size_t i = 0; i <= nl; i++) nm[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' : name[i]);
    memcpy(val, v, vn);
    val[vn] = 0;
    f->e[f->n++] = (hdr){ nm, val, vn };
    return 0;
}

static void fields_del(bxcm_http *h, flds *f, const char *name)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < f->n; i++) {
        if (!strcasecmp(f->e[i].name, name)) {
            unhold(h, strlen(f->e[i].name) + f->e[i].vlen);
            free(f->e[i].name);
            free(f->e[i].val);
        } else f->e[k++] = f->e[i];
    }
    f->n = k;
}

static int fields_copy(bxcm_http *h, flds *to, const flds *from)
{
    for (uint32_t i = 0; i < from->n; i++)
        if (fields_add(h, to, from->e[i].name, from->e[i].val, from->e[i].vlen)) return -1;
    return 0;
}

/* header-error result (tag 1) or ok */
static int herr(bxcm_http *h, bxcm_val *res, int e)
{
    if (e == HE_OK) { res->var.tag = 0; res->var.v = NULL; return 0; }
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->var.tag = (uint32_t)e;
    p->var.v = NULL;
    res->var.tag = 1;
    res->var.v = p;
    return 0;
}

/* Check a name (and value) for a mutation of fields rep: HE_OK or why not. */
static int check_mut(const hobj *f, const char *name)
{
    if (f->immutable) return HE_IMMUTABLE;
    if (!token_ok(name)) return HE_SYNTAX;
    if (forbidden(name)) return HE_FORBIDDEN;
    return HE_OK;
}

static int entries_val(bxcm_http *h, const flds *f, bxcm_val *res)
{
    bxcm_val *v = nv(h, f->n);
    if (!v) return -1;
    for (uint32_t i = 0; i < f->n; i++) {
        bxcm_val *t = nv(h, 2);
        if (!t || mkstr(h, &t[0], f->e[i].name, strlen(f->e[i].name))) return -1;
        if (!(t[1].agg.bytes = bxcm_alloc(h->cx, f->e[i].vlen + 1))) return -1;
        memcpy(t[1].agg.bytes, f->e[i].val, f->e[i].vlen);
        t[1].agg.n = f->e[i].vlen;
        v[i].agg.v = t;
        v[i].agg.n = 2;
    }
    res->agg.v = v;
    res->agg.n = f->n;
    return 0;
}

/* A new immutable fields: a copy of f, child of parent. */
static int fields_view(bxcm_http *h, uint32_t parent, bxcm_val *res)
{
    uint32_t rep;
    if (onew(h, HK_FIELDS, parent, &rep)) return -1;
    at(h, rep)->immutable = 1;
    if (fields_copy(h, &at(h, rep)->f, &at(h, parent)->f)) return -1;
    res->rep = rep;
    return 0;
}

/* ---- wasi:http/types: fields ------------------------------------------ */
HOST(fields_new)
{
    UNUSED;
    uint32_t rep;
    if (onew(HH, HK_FIELDS, 0, &rep)) return -1;
    res->rep = rep;
    return 0;
}

HOST(fields_from_list)
{
    UNUSED;
    bxcm_http *h = HH;
    uint32_t rep;
    if (onew(h, HK_FIELDS, 0, &rep)) return -1;
    for (uint32_t i = 0; i < a[0].agg.n; i++) {
        const bxcm_val *t = a[0].agg.v[i].agg.v;
        char *name = cstr(h, &t[0]);
        if (!name) return -1;
        int e = check_mut(at(h, rep), name);
        if (e == HE_OK && !value_ok(t[1].agg.bytes, t[1].agg.n)) e = HE_SYNTAX;
        int rc = e == HE_OK ? fields_add(h, &at(h, rep)->f, name, t[1].agg.bytes, t[1].agg.n) : 0;
        free(name);
        if (rc) return -1;
        if (e != HE_OK) { ofree(h, rep); return herr(h, res, e); }
    }
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->rep = rep;
    res->var.tag = 0;
    res->var.v = p;
    return 0;
}

HOST(fields_get)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *f = get(h, a[0].rep, HK_FIELDS);
    char *name = f ? cstr(h, &a[1]) : NULL;
    if (!name) return -1;
    uint32_t k = 0;
    for (uint32_t i = 0; i < f->f.n; i++) k += !strcasecmp(f->f.e[i].name, name);
    bxcm_val *v = nv(h, k);
    if (!v) { free(name); return -1; }
    k = 0;
    for (uint32_t i = 0; i < f->f.n; i++) {
        if (strcasecmp(f->f.e[i].name, name)) continue;
        if (!(v[k].agg.bytes = bxcm_alloc(cx, f->f.e[i].vlen + 1))) { free(name); return -1; }
        memcpy(v[k].agg.bytes, f->f.e[i].val, f->f.e[i].vlen);
        v[k++].agg.n = f->f.e[i].vlen;
    }
    free(name);
    res->agg.v = v;
    res->agg.n = k;
    return 0;
}

HOST(fields_has)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *f = get(h, a[0].rep, HK_FIELDS);
    char *name = f ? cstr(h, &a[1]) : NULL;
    if (!name) return -1;
    res->u = 0;
    for (uint32_t i = 0; i < f->f.n; i++) res->u |= !strcasecmp(f->f.e[i].name, name);
    free(name);
    return 0;
}

/* set (vals: list<field-value>), delete (vals NULL, del 1), append (one value) */
static int fields_mut(bxcm_http *h, const bxcm_val *a, int op, bxcm_val *res)
{
    hobj *f = get(h, a[0].rep, HK_FIELDS);
    char *name = f ? cstr(h, &a[1]) : NULL;
    if (!name) return -1;
    int e = check_mut(f, name);
    if (e == HE_OK && op == 0)
        for (uint32_t i = 0; i < a[2].agg.n; i++) if (!value_ok(a[2].agg.v[i].agg.bytes, a[2].agg.v[i].agg.n)) e = HE_SYNTAX;
    if (e == HE_OK && op == 2 && !value_ok(a[2].agg.bytes, a[2].agg.n)) e = HE_SYNTAX;
    int rc = 0;
    if (e == HE_OK) {
        if (op != 2) fields_del(h, &f->f, name);
        if (op == 0)
            for (uint32_t i = 0; i < a[2].agg.n && !rc; i++)
                rc = fields_add(h, &at(h, a[0].rep)->f, name, a[2].agg.v[i].agg.bytes, a[2].agg.v[i].agg.n);
        if (op == 2) rc = fields_add(h, &f->f, name, a[2].agg.bytes, a[2].agg.n);
    }
    free(name);
    return rc ? -1 : herr(h, res, e);
}
HOST(fields_set) { UNUSED; return fields_mut(HH, a, 0, res); }
HOST(fields_delete) { UNUSED; return fields_mut(HH, a, 1, res); }
HOST(fields_append) { UNUSED; return fields_mut(HH, a, 2, res); }

HOST(fields_entries)
{
    UNUSED;
    hobj *f = get(HH, a[0].rep, HK_FIELDS);
    return f ? entries_val(HH, &f->f, res) : -1;
}

HOST(fields_clone)
{
    UNUSED;
    bxcm_http *h = HH;
    uint32_t rep;
    if (!get(h, a[0].rep, HK_FIELDS) || onew(h, HK_FIELDS, 0, &rep)) return -1;
    if (fields_copy(h, &at(h, rep)->f, &at(h, a[0].rep)->f)) return -1;
    res->rep = rep;
    return 0;
}

/* ---- error codes -------------------------------------------------------- */
/* The error-code value: payload-less cases, option<u64>/option<u32> sizes,
 * records of options (all none), internal-error(some(msg)). */
static int ec_val(bxcm_http *h, uint32_t ec, int has_arg, uint64_t arg, const char *msg, bxcm_val *v)
{
    v->var.tag = ec;
    v->var.v = NULL;
    switch (ec) {
    case 1: case 14: case 24: case 27: case 30: {          /* records of two options */
        bxcm_val *r = nv(h, 2);
        if (!r) return -1;
        r[0].var.tag = r[1].var.tag = 0;
        bxcm_val *p = nv(h, 1);
        if (!p) return -1;
        p->agg.v = r;
        p->agg.n = 2;
        v->var.v = p;
        return 0;
    }
    case 17: case 21: case 23: case 26: case 28: case 29: case 22: case 31: case 32: case 38: {   /* options */
        bxcm_val *p = nv(h, 1), *q = NULL;
        if (!p) return -1;
        p->var.tag = 0;
        if (ec == 22) { p->var.tag = 0; v->var.v = p; return 0; }
        if (ec == 38 || ec == 31 || ec == 32) {
            if (msg) {
                if (!(q = nv(h, 1)) || mkstr(h, q, msg, strlen(msg))) return -1;
                p->var.tag = 1;
                p->var.v = q;
            }
        } else if (has_arg) {
            if (!(q = nv(h, 1))) return -1;
            q->u = arg;
            p->var.tag = 1;
            p->var.v = q;
        }
        v->var.v = p;
        return 0;
    }
    default: return 0;
    }
}

static int seterr(bxcm_http *h, hobj *o, uint32_t ec, int has_arg, uint64_t arg, const char *msg)
{
    o->ec = ec;
    o->has_ecarg = has_arg;
    o->ecarg = arg;
    free(o->msg);
    o->msg = msg ? strdup(msg) : NULL;
    if (msg && !o->msg) return trap(h, "out of host memory");
    return 0;
}

/* result<T, error-code> err */
static int res_err(bxcm_http *h, bxcm_val *res, uint32_t ec, int has_arg, uint64_t arg, const char *msg)
{
    bxcm_val *p = nv(h, 1);
    if (!p || ec_val(h, ec, has_arg, arg, msg, p)) return -1;
    res->var.tag = 1;
    res->var.v = p;
    return 0;
}

HOST(http_error_code)
{
    UNUSED;
    bxcm_http *h = HH;
    uint32_t rep = a[0].rep;
    res->var.tag = 0;
    if (!BXCM_IS_HTTP(rep)) return 0;       /* an error of wasi2's streams: no http code */
    hobj *e = get(h, rep, HK_ERR);
    if (!e) return -1;
    bxcm_val *p = nv(h, 1);
    if (!p || ec_val(h, e->ec, e->has_ecarg, e->ecarg, e->msg, p)) return -1;
    res->var.tag = 1;
    res->var.v = p;
    return 0;
}

/* ---- requests -------------------------------------------------------------- */
HOST(oreq_new)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *f = get(h, a[0].rep, HK_FIELDS);
    if (!f) return -1;
    uint32_t rep;
    if (onew(h, HK_OREQ, 0, &rep)) return -1;
    /* the fields are consumed: their entries become the request's */
    f = at(h, a[0].rep);
    hobj *r = at(h, rep);
    r->f = f->f;
    memset(&f->f, 0, sizeof f->f);
    ofree(h, a[0].rep);
    r->mtag = 0;                            /* get */
    res->rep = rep;
    return 0;
}

HOST(oreq_body)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *r = get(h, a[0].rep, HK_OREQ);
    if (!r) return -1;
    if (r->taken) { res->var.tag = 1; res->var.v = NULL; return 0; }
    uint32_t rep;
    if (onew(h, HK_OBODY, 0, &rep)) return -1;
    r = at(h, a[0].rep);
    r->taken = 1;
    r->link = rep;
    at(h, rep)->link = a[0].rep;
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->rep = rep;
    res->var.tag = 0;
    res->var.v = p;
    return 0;
}

static int method_val(bxcm_http *h, const hobj *r, bxcm_val *res)
{
    res->var.tag = r->mtag;
    res->var.v = NULL;
    if (r->mtag == 9) {
        bxcm_val *p = nv(h, 1);
        if (!p || mkstr(h, p, r->mother, strlen(r->mother))) return -1;
        res->var.v = p;
    }
    return 0;
}

static int optstr(bxcm_http *h, int has, const char *s, bxcm_val *res)
{
    res->var.tag = (uint32_t)has;
    res->var.v = NULL;
    if (has) {
        bxcm_val *p = nv(h, 1);
        if (!p || mkstr(h, p, s, strlen(s))) return -1;
        res->var.v = p;
    }
    return 0;
}

HOST(oreq_method) { UNUSED; hobj *r = get(HH, a[0].rep, HK_OREQ); return r ? method_val(HH, r, res) : -1; }
HOST(oreq_path) { UNUSED; hobj *r = get(HH, a[0].rep, HK_OREQ); return r ? optstr(HH, r->has_path, r->path, res) : -1; }
HOST(oreq_authority) { UNUSED; hobj *r = get(HH, a[0].rep, HK_OREQ); return r ? optstr(HH, r->has_auth, r->auth, res) : -1; }
HOST(oreq_scheme)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *r = get(h, a[0].rep, HK_OREQ);
    if (!r) return -1;
    res->var.tag = r->has_scheme;
    res->var.v = NULL;
    if (r->has_scheme) {
        bxcm_val *p = nv(h, 1);
        if (!p) return -1;
        p->var.tag = r->stag;
        p->var.v = NULL;
        if (r->stag == 2) {
            bxcm_val *q = nv(h, 1);
            if (!q || mkstr(h, q, r->sother, strlen(r->sother))) return -1;
            p->var.v = q;
        }
        res->var.v = p;
    }
    return 0;
}

static int unit_result(bxcm_val *res, int ok) { res->var.tag = ok ? 0 : 1; res->var.v = NULL; return 0; }

HOST(oreq_set_method)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *r = get(h, a[0].rep, HK_OREQ);
    if (!r) return -1;
    char *s = NULL;
    if (a[1].var.tag == 9) {
        if (!(s = cstr(h, a[1].var.v))) return -1;
        if (!token_ok(s)) { free(s); return unit_result(res, 0); }
    }
    free(r->mother);
    r->mother = s;
    r->mtag = a[1].var.tag;
    return unit_result(res, 1);
}

/* path-with-query: starts with '/', visible ASCII; authority: host[:port],
 * no userinfo, path or fragment (the URL parser of src/net checks the rest) */
static int path_ok(const char *s)
{
    if (s[0] != '/') return 0;
    for (; *s; s++) if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f || *s == '#') return 0;
    return 1;
}
static int auth_ok(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f || strchr("/?#@\\", *s)) return 0;
    return 1;
}

static int set_optstr(bxcm_http *h, const bxcm_val *a, int (*okf)(const char *), char **slot, uint8_t *has, bxcm_val *res)
{
    char *s = NULL;
    if (a[1].var.tag) {
        if (!(s = cstr(h, a[1].var.v))) return -1;
        if (!okf(s)) { free(s); return unit_result(res, 0); }
    }
    free(*slot);
    *slot = s;
    *has = a[1].var.tag != 0;
    return unit_result(res, 1);
}
HOST(oreq_set_path)
{
    UNUSED;
    hobj *r = get(HH, a[0].rep, HK_OREQ);
    return r ? set_optstr(HH, a, path_ok, &r->path, &r->has_path, res) : -1;
}
HOST(oreq_set_authority)
{
    UNUSED;
    hobj *r = get(HH, a[0].rep, HK_OREQ);
    return r ? set_optstr(HH, a, auth_ok, &r->auth, &r->has_auth, res) : -1;
}
HOST(oreq_set_scheme)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *r = get(h, a[0].rep, HK_OREQ);
    if (!r) return -1;
    char *s = NULL;
    uint32_t tag = 0;
    if (a[1].var.tag) {
        tag = a[1].var.v->var.tag;
        if (tag == 2) {
            if (!(s = cstr(h, a[1].var.v->var.v))) return -1;
            if (!token_ok(s)) { free(s); return unit_result(res, 0); }
        }
    }
    free(r->sother);
    r->sother = s;
    r->stag = tag;
    r->has_scheme = a[1].var.tag != 0;
    return unit_result(res, 1);
}

HOST(oreq_headers)
{
    UNUSED;
    return get(HH, a[0].rep, HK_OREQ) ? fields_view(HH, a[0].rep, res) : -1;
}

/* ---- request-options -------------------------------------------------------- */
HOST(opts_new)
{
    UNUSED;
    uint32_t rep;
    if (onew(HH, HK_OPTS, 0, &rep)) return -1;
    res->rep = rep;
    return 0;
}
static int opt_get(bxcm_http *h, const bxcm_val *a, int i, bxcm_val *res)
{
    hobj *o = get(h, a[0].rep, HK_OPTS);
    if (!o) return -1;
    res->var.tag = o->has_opt[i];
    res->var.v = NULL;
    if (o->has_opt[i]) {
        bxcm_val *p = nv(h, 1);
        if (!p) return -1;
        p->u = o->opt[i];
        res->var.v = p;
    }
    return 0;
}
static int opt_set(bxcm_http *h, const bxcm_val *a, int i, bxcm_val *res)
{
    hobj *o = get(h, a[0].rep, HK_OPTS);
    if (!o) return -1;
    o->has_opt[i] = a[1].var.tag != 0;
    o->opt[i] = a[1].var.tag ? a[1].var.v->u : 0;
    return unit_result(res, 1);
}
HOST(opts_connect) { UNUSED; return opt_get(HH, a, 0, res); }
HOST(opts_first_byte) { UNUSED; return opt_get(HH, a, 1, res); }
HOST(opts_between) { UNUSED; return opt_get(HH, a, 2, res); }
HOST(opts_set_connect) { UNUSED; return opt_set(HH, a, 0, res); }
HOST(opts_set_first_byte) { UNUSED; return opt_set(HH, a, 1, res); }
HOST(opts_set_between) { UNUSED; return opt_set(HH, a, 2, res); }

/* ---- outgoing-body ------------------------------------------------------------ */
HOST(obody_write)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *b = get(h, a[0].rep, HK_OBODY);
    if (!b) return -1;
    if (b->taken) { res->var.tag = 1; res->var.v = NULL; return 0; }
    uint32_t rep;
    if (onew(h, HK_OUT, a[0].rep, &rep)) return -1;
    at(h, a[0].rep)->taken = 1;
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->rep = rep;
    res->var.tag = 0;
    res->var.v = p;
    return 0;
}

/* The declared content-length, if any: 1 and *n, 0 none, -1 not a number. */
static int content_length(const flds *f, uint64_t *n)
{
    for (uint32_t i = 0; i < f->n; i++) {
        if (strcmp(f->e[i].name, "content-length")) continue;
        char *e;
        if (!f->e[i].vlen || f->e[i].val[0] < '0' || f->e[i].val[0] > '9') return -1;
        unsigned long long v = strtoull((const char *)f->e[i].val, &e, 10);
        if (*e) return -1;
        *n = v;
        return 1;
    }
    return 0;
}

/* The body's end, by finish (ok) or by a drop: its bytes go to the request
 * or future it belongs to, or the request fails. */
static int body_end(bxcm_http *h, uint32_t brep, int finished, uint32_t *ec, uint64_t *arg, const char **why)
{
    hobj *b = at(h, brep);
    *ec = 0;
    *why = NULL;
    if (b->children) return trap(h, "outgoing-body %s while its output-stream (a child) is alive; drop the stream first",
                                 finished ? "finished" : "dropped");
    uint32_t to = b->link;
    hobj *t = to ? at(h, to) : NULL;
    if (b->failed) *ec = EC_REQ_BODY_SIZE, *arg = MAX_BODY, *why = "the body exceeds the host's cap";
    else if (!finished) *ec = EC_INTERNAL, *why = "outgoing-body dropped without finish: the request was not sent";
    else if (t) {
        uint64_t cl;
        int k = content_length(&t->f, &cl);
        if (k < 0 || (k > 0 && cl != b->len)) *ec = EC_REQ_BODY_SIZE, *arg = b->len, *why = "content-length differs from the body";
    }
    if (t) {
        if (*ec) {
            t->failed = 1;
            if (t->kind == HK_FUTURE && t->state == F_WAIT_BODY) {
                if (seterr(h, t, *ec, *ec == EC_REQ_BODY_SIZE, *arg, *why)) return -1;
                t->state = F_DONE;
            }
        } else {
            t->buf = b->buf, t->len = b->len, t->cap = b->cap;   /* held bytes move with it */
            b->buf = NULL, b->cap = 0;
            t->done = 1;
            if (t->kind == HK_FUTURE && t->state == F_WAIT_BODY) t->state = F_SEND;
        }
        t->link = 0;
    }
    ofree(h, brep);
    return 0;
}

HOST(obody_finish)
{
    UNUSED;
    bxcm_http *h = HH;
    if (!get(h, a[0].rep, HK_OBODY)) return -1;
    int trailers = 0;
    if (a[1].var.tag) {                          /* consumed; ours cannot carry them */
        hobj *t = get(h, a[1].var.v->rep, HK_FIELDS);
        if (!t) return -1;
        trailers = t->f.n > 0;
        ofree(h, a[1].var.v->rep);
    }
    if (trailers) {
        uint32_t ec;   /* the request fails as for a drop */ uint64_t arg = 0; const char *why;
        if (body_end(h, a[0].rep, 0, &ec, &arg, &why)) return -1;
        return res_err(h, res, EC_INTERNAL, 0, 0, "request trailers are not supported by this host");
    }
    uint32_t ec; uint64_t arg = 0; const char *why;
    if (body_end(h, a[0].rep, 1, &ec, &arg, &why)) return -1;
    if (ec) return res_err(h, res, ec, ec == EC_REQ_BODY_SIZE, arg, why);
    res->var.tag = 0;
    res->var.v = NULL;
    return 0;
}

/* ---- outgoing-handler.handle ---------------------------------------------------- */
static const char *const mnames[] = { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH" };

HOST(handle)
{
    UNUSED;
    bxcm_http *h = HH;
    uint32_t rrep = a[0].rep;
    hobj *r = get(h, rrep, HK_OREQ);
    if (!r) return -1;
    if (r->children) return trap(h, "outgoing-handler.handle: the request's headers (a child) are still alive; drop them first");
    uint64_t to[3] = {0};
    uint8_t has[3] = {0};
    if (a[1].var.tag) {                          /* request-options, consumed */
        hobj *o = get(h, a[1].var.v->rep, HK_OPTS);
        if (!o) return -1;
        memcpy(to, o->opt, sizeof to);
        memcpy(has, o->has_opt, sizeof has);
        ofree(h, a[1].var.v->rep);
    }
    /* refusals known now, before any byte goes out */
    r = at(h, rrep);
    uint32_t ec = 0;
    const char *why = NULL;
    if (r->mtag == 5 || r->mtag == 7 || r->mtag == 9) ec = EC_METHOD_INVALID, why = "method not allowed";
    else if (!r->has_auth) ec = EC_URI_INVALID, why = "the request has no authority";
    else if (r->has_scheme && r->stag == 2) ec = EC_URI_INVALID, why = "only http and https";
    if (ec) {
        if (r->link) at(h, r->link)->link = 0;   /* its body writes to nothing now */
        ofree(h, rrep);
        return res_err(h, res, ec, 0, 0, why);
    }
    uint32_t frep;
    if (onew(h, HK_FUTURE, 0, &frep)) return -1;
    r = at(h, rrep);
    hobj *f = at(h, frep);
    /* the request moves into the future */
    *f = *r;
    f->kind = HK_FUTURE;
    f->parent = f->children = 0;
    memcpy(f->opt, to, sizeof to);
    memcpy(f->has_opt, has, sizeof has);
    f->state = r->failed ? F_DONE : (r->taken && !r->done) ? F_WAIT_BODY : F_SEND;
    if (r->failed && seterr(h, f, EC_REQ_BODY_SIZE, 0, 0, "the request body failed")) return -1;
    if (f->link) at(h, f->link)->link = frep;
    memset(r, 0, sizeof *r);                      /* its contents are the future's now */
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->rep = frep;
    res->var.tag = 0;
    res->var.v = p;
    return 0;
}

static int stop_cb(void *store) { return bx_store_is_interrupted(store); }

static uint32_t map_code(bx_net_code c, const char *msg)
{
    switch (c) {
    case BX_NET_EDENIED: return EC_DENIED;
    case BX_NET_EDNS: return EC_DNS_ERROR;
    case BX_NET_ECONNECT: return EC_CONN_REFUSED;
    case BX_NET_ETLS: return strstr(msg, "certificate") ? EC_TLS_CERT : EC_TLS_PROTOCOL;
    case BX_NET_ETIMEOUT: return EC_RESP_TIMEOUT;
    case BX_NET_EREDIRECTS: return EC_LOOP;
    case BX_NET_EINVAL: return strstr(msg, "method") ? EC_METHOD_INVALID : strstr(msg, "URL") ? EC_URI_INVALID : EC_REQ_HDR_SECTION;
    case BX_NET_ETOOBIG: return strstr(msg, "response") ? EC_RESP_HDR_SECTION : EC_REQ_HDR_SECTION;
    case BX_NET_EIO: return EC_PROTOCOL;
    default: return EC_INTERNAL;
    }
}

/* Send a future's request (state F_SEND) and keep its outcome. */
static int perform(bxcm_http *h, uint32_t frep)
{
    hobj *f = at(h, frep);
    if (h->inflight >= MAX_INFLIGHT || !h->net) {
        unhold(h, f->cap);
        free(f->buf);
        f->buf = NULL;
        f->len = f->cap = 0;
        f->state = F_DONE;
        return seterr(h, f, h->net ? EC_CONN_LIMIT : EC_DENIED, 0, 0, NULL);
    }
    const char *method = f->mtag < 9 ? mnames[f->mtag] : f->mother;
    const char *scheme = f->has_scheme && f->stag == 0 ? "http" : "https";
    size_t ul = strlen(scheme) + strlen(f->auth) + (f->has_path ? strlen(f->path) : 1) + 8;
    char *url = malloc(ul);
    const char **hn = calloc(f->f.n + 1, sizeof *hn), **hv = calloc(f->f.n + 1, sizeof *hv);
    if (!url || !hn || !hv) { free(url); free(hn); free(hv); return trap(h, "out of host memory"); }
    snprintf(url, ul, "%s://%s%s", scheme, f->auth, f->has_path ? f->path : "/");
    size_t k = 0;
    for (uint32_t i = 0; i < f->f.n; i++) {
        if (!strcmp(f->f.e[i].name, "content-length")) continue;   /* curl states the body's own */
        hn[k] = f->f.e[i].name;
        hv[k++] = (const char *)f->f.e[i].val;
    }
    bx_http_request rq;
    memset(&rq, 0, sizeof rq);
    rq.method = method;
    rq.url = url;
    rq.header_names = hn;
    rq.header_values = hv;
    rq.nheaders = k;
    rq.body = f->buf;
    rq.body_len = f->len;
    rq.max_redirects = 0;              /* wasi:http: the guest sees the 3xx */
    /* the options can only shorten the net's timeout (it never lets a request raise it) */
    if (f->has_opt[0] || f->has_opt[1]) {
        uint64_t t = f->opt[0] > UINT64_MAX - f->opt[1] ? UINT64_MAX : f->opt[0] + f->opt[1];
        rq.timeout_ns = t ? t : 1;
    }
    rq.stop = stop_cb;
    rq.stop_user = bxcm_ctx_store(h->cx);
    bx_http_response *resp = calloc(1, sizeof *resp);
    char msg[512] = "";
    bx_net_code c = resp ? bx_net_request(h->net, &rq, resp, msg, sizeof msg) : BX_NET_ENOMEM;
    free(url);
    free(hn);
    free(hv);
    f = at(h, frep);
    unhold(h, f->cap);                  /* the request body is spent */
    free(f->buf);
    f->buf = NULL;
    f->len = f->cap = 0;
    f->state = F_DONE;
    if (c == BX_NET_EINTERRUPTED) {
        free(resp);
        return bxcm_trap(h->cx, BX_TRAP_INTERRUPTED, "interrupted while waiting for an HTTP response");
    }
    if (c != BX_NET_OK) {
        free(resp);
        return seterr(h, f, map_code(c, msg), 0, 0, c == BX_NET_ENOMEM || c == BX_NET_EIO ? msg : NULL);
    }
    bx_hostcall hc = { bxcm_ctx_store(h->cx), NULL, NULL, 0, NULL };
    bx_trap t = bx_hostcall_charge(&hc, bx_fuel_for_bytes(resp->body_len));
    /* the response: status, headers (redacted by src/net), body, cut flag.
     * src/net has curl decode every content-coding it offers, so a coded
     * response arrives decoded: its content-encoding and content-length
     * describe bytes the guest never gets, and are left out. */
    fields_clear(h, &f->f);
    int rc = 0, decoded = 0;
    for (size_t i = 0; i < resp->nheaders; i++)
        decoded |= !strcmp(resp->header_names[i], "content-encoding") && strcasecmp(resp->header_values[i], "identity");
    for (size_t i = 0; i < resp->nheaders && !rc; i++) {
        if (decoded && (!strcmp(resp->header_names[i], "content-encoding") ||
                        !strcmp(resp->header_names[i], "content-length")))
            continue;
        uint32_t vl = (uint32_t)strlen(resp->header_values[i]);
        rc = fields_add(h, &at(h, frep)->f, resp->header_names[i], (const uint8_t *)resp->header_values[i], vl);
    }
    f = at(h, frep);
    f->status = resp->status;
    f->buf = resp->body;
    f->len = resp->body_len;
    f->truncated = (uint8_t)resp->truncated;
    f->have_resp = 1;
    resp->body = NULL;
    if (!f->buf) f->buf = calloc(1, 1);
    h->inflight++;
    bx_http_response_free(resp);
    free(resp);
    if (t != BX_TRAP_NONE) return bxcm_trap(h->cx, t, "%s", bx_trap_message(t));
    if (!f->buf) return trap(h, "out of host memory");
    return rc;
}

static int future_settle(bxcm_http *h, uint32_t frep)
{
    return at(h, frep)->state == F_SEND ? perform(h, frep) : 0;
}

HOST(future_subscribe)
{
    UNUSED;
    bxcm_http *h = HH;
    uint32_t rep;
    if (!get(h, a[0].rep, HK_FUTURE) || onew(h, HK_POLL, a[0].rep, &rep)) return -1;
    res->rep = rep;
    return 0;
}

HOST(future_get)
{
    UNUSED;
    bxcm_http *h = HH;
    uint32_t frep = a[0].rep;
    if (!get(h, frep, HK_FUTURE) || future_settle(h, frep)) return -1;
    hobj *f = at(h, frep);
    res->var.tag = 0;
    res->var.v = NULL;
    if (f->state == F_WAIT_BODY) return 0;                   /* none: not ready */
    bxcm_val *outer = nv(h, 1), *inner = nv(h, 1);
    if (!outer || !inner) return -1;
    res->var.tag = 1;
    res->var.v = outer;
    if (f->state == F_TAKEN) { outer->var.tag = 1; outer->var.v = NULL; return 0; }   /* already taken */
    outer->var.tag = 0;
    outer->var.v = inner;
    if (!f->have_resp) {                                     /* an error */
        f->state = F_TAKEN;
        if (res_err(h, inner, f->ec, f->has_ecarg, f->ecarg, f->msg)) return -1;
        return 0;
    }
    uint32_t rrep;
    if (onew(h, HK_IRESP, 0, &rrep)) return -1;
    f = at(h, frep);
    hobj *r = at(h, rrep);
    r->f = f->f;
    r->status = f->status;
    r->buf = f->buf;
    r->len = f->len;
    r->truncated = f->truncated;
    memset(&f->f, 0, sizeof f->f);
    f->buf = NULL;
    f->len = 0;
    f->state = F_TAKEN;
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->rep = rrep;
    inner->var.tag = 0;
    inner->var.v = p;
    return 0;
}

/* ---- incoming-response, incoming-body, future-trailers ------------------------ */
HOST(iresp_status) { UNUSED; hobj *r = get(HH, a[0].rep, HK_IRESP); if (!r) return -1; res->u = (uint64_t)r->status; return 0; }
HOST(iresp_headers) { UNUSED; return get(HH, a[0].rep, HK_IRESP) ? fields_view(HH, a[0].rep, res) : -1; }

HOST(iresp_consume)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *r = get(h, a[0].rep, HK_IRESP);
    if (!r) return -1;
    if (r->taken) { res->var.tag = 1; res->var.v = NULL; return 0; }
    uint32_t rep;
    if (onew(h, HK_IBODY, 0, &rep)) return -1;
    r = at(h, a[0].rep);
    hobj *b = at(h, rep);
    /* the body owns the bytes: it may outlive the response */
    b->buf = r->buf, b->len = r->len, b->truncated = r->truncated;
    r->buf = NULL;
    r->len = 0;
    r->taken = 1;
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->rep = rep;
    res->var.tag = 0;
    res->var.v = p;
    return 0;
}

HOST(ibody_stream)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *b = get(h, a[0].rep, HK_IBODY);
    if (!b) return -1;
    if (b->taken) { res->var.tag = 1; res->var.v = NULL; return 0; }
    uint32_t rep;
    if (onew(h, HK_IN, a[0].rep, &rep)) return -1;
    at(h, a[0].rep)->taken = 1;
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->rep = rep;
    res->var.tag = 0;
    res->var.v = p;
    return 0;
}

HOST(ibody_finish)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *b = get(h, a[0].rep, HK_IBODY);
    if (!b) return -1;
    if (b->children) return trap(h, "incoming-body finished while its input-stream (a child) is alive; drop the stream first");
    int cut = b->truncated;
    uint64_t len = b->len;
    ofree(h, a[0].rep);
    uint32_t rep;
    if (onew(h, HK_TRAILERS, 0, &rep)) return -1;
    if (cut) {
        hobj *t = at(h, rep);
        t->failed = 1;
        t->ecarg = len;
    }
    res->rep = rep;
    return 0;
}

HOST(trailers_subscribe)
{
    UNUSED;
    bxcm_http *h = HH;
    uint32_t rep;
    if (!get(h, a[0].rep, HK_TRAILERS) || onew(h, HK_POLL, a[0].rep, &rep)) return -1;
    res->rep = rep;
    return 0;
}

HOST(trailers_get)
{
    UNUSED;
    bxcm_http *h = HH;
    hobj *t = get(h, a[0].rep, HK_TRAILERS);
    if (!t) return -1;
    bxcm_val *outer = nv(h, 1), *inner = nv(h, 1);
    if (!outer || !inner) return -1;
    res->var.tag = 1;
    res->var.v = outer;
    if (t->taken) { outer->var.tag = 1; outer->var.v = NULL; return 0; }
    t->taken = 1;
    outer->var.tag = 0;
    outer->var.v = inner;
    /* no trailers reach us; a body cut at the cap says so here */
    if (t->failed) return res_err(h, inner, EC_RESP_BODY_SIZE, 1, t->ecarg, NULL);
    bxcm_val *none = nv(h, 1);
    if (!none) return -1;
    none->var.tag = 0;
    none->var.v = NULL;
    inner->var.tag = 0;
    inner->var.v = none;
    return 0;
}

/* Server-side resources: a component run here never receives a request,
 * so these can only be reached by a guest making its own response objects. */
HOST(server_side)
{
    UNUSED;
    (void)user;
    return bxcm_trap(cx, BX_TRAP_HOST, "wasi:http: incoming requests and outgoing responses are not available "
                                       "(boxagnts runs components as commands, not as HTTP handlers)");
}

/* ---- wasi:io on our streams, pollables, errors ---------------------------------- */
static int stream_error(bxcm_http *h, bxcm_val *res, int closed, uint32_t ec, uint64_t arg, const char *msg)
{
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    res->var.tag = 1;
    res->var.v = p;
    if (closed) { p->var.tag = 1; p->var.v = NULL; return 0; }
    uint32_t rep;
    bxcm_val *q = nv(h, 1);
    if (!q || onew(h, HK_ERR, 0, &rep)) return -1;
    if (seterr(h, at(h, rep), ec, 1, arg, msg)) return -1;
    q->rep = rep;
    p->var.tag = 0;
    p->var.v = q;
    return 0;
}

int bxcm_http_read(bxcm_http *h, uint32_t rep, uint64_t len, int skip, bxcm_val *res)
{
    hobj *s = get(h, rep, HK_IN);
    if (!s) return -1;
    hobj *b = at(h, s->parent);
    if (b->pos >= b->len) {
        if (b->truncated && !b->err_shown) {       /* cut at the cap: an error, not a clean end */
            b->err_shown = 1;
            return stream_error(h, res, 0, EC_RESP_BODY_SIZE, b->len, NULL);
        }
        return stream_error(h, res, 1, 0, 0, NULL);
    }
    size_t n = b->len - b->pos;
    if (n > len) n = (size_t)len;
    if (n > IO_MAX) n = IO_MAX;
    bx_hostcall hc = { bxcm_ctx_store(h->cx), NULL, NULL, 0, NULL };
    bx_trap t = bx_hostcall_charge(&hc, bx_fuel_for_bytes(n));
    if (t != BX_TRAP_NONE) return bxcm_trap(h->cx, t, "%s", bx_trap_message(t));
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    if (skip) p->u = n;
    else {
        if (!(p->agg.bytes = bxcm_alloc(h->cx, n + 1))) return -1;
        memcpy(p->agg.bytes, b->buf + b->pos, n);
        p->agg.n = (uint32_t)n;
    }
    b->pos += n;
    res->var.tag = 0;
    res->var.v = p;
    return 0;
}

int bxcm_http_check_write(bxcm_http *h, uint32_t rep, bxcm_val *res)
{
    hobj *s = get(h, rep, HK_OUT);
    if (!s) return -1;
    hobj *b = at(h, s->parent);
    if (b->failed) return stream_error(h, res, 0, EC_REQ_BODY_SIZE, MAX_BODY, NULL);
    size_t room = MAX_BODY - b->len;
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->u = room < IO_MAX ? room : IO_MAX;
    res->var.tag = 0;
    res->var.v = p;
    return 0;
}

int bxcm_http_write(bxcm_http *h, uint32_t rep, const uint8_t *data, uint64_t n, int zeroes, bxcm_val *res)
{
    hobj *s = get(h, rep, HK_OUT);
    if (!s) return -1;
    hobj *b = at(h, s->parent);
    if (n > IO_MAX) return trap(h, "write of %llu bytes exceeds check-write's permit", (unsigned long long)n);
    if (b->failed || n > MAX_BODY - b->len) {
        b->failed = 1;
        return stream_error(h, res, 0, EC_REQ_BODY_SIZE, MAX_BODY, "the request body exceeds the host's cap");
    }
    bx_hostcall hc = { bxcm_ctx_store(h->cx), NULL, NULL, 0, NULL };
    bx_trap t = bx_hostcall_charge(&hc, bx_fuel_for_bytes(n));
    if (t != BX_TRAP_NONE) return bxcm_trap(h->cx, t, "%s", bx_trap_message(t));
    if (b->len + n > b->cap) {
        size_t nc = b->cap ? b->cap : 4096;
        while (nc < b->len + n) nc *= 2;
        if (nc > MAX_BODY) nc = MAX_BODY;
        if (hold(h, nc - b->cap)) return -1;
        uint8_t *p = realloc(b->buf, nc);
        if (!p) { unhold(h, nc - b->cap); return trap(h, "out of host memory"); }
        b->buf = p;
        b->cap = nc;
    }
    if (zeroes) memset(b->buf + b->len, 0, (size_t)n);
    else if (n) memcpy(b->buf + b->len, data, (size_t)n);
    b->len += (size_t)n;
    res->var.tag = 0;
    res->var.v = NULL;
    return 0;
}

int bxcm_http_flush(bxcm_http *h, uint32_t rep, bxcm_val *res)
{
    hobj *s = get(h, rep, HK_OUT);
    if (!s) return -1;
    if (at(h, s->parent)->failed) return stream_error(h, res, 0, EC_REQ_BODY_SIZE, MAX_BODY, NULL);
    res->var.tag = 0;
    res->var.v = NULL;
    return 0;
}

int bxcm_http_subscribe(bxcm_http *h, uint32_t rep, bxcm_val *res)
{
    hobj *s = get(h, rep, 0);
    if (!s) return -1;
    if (s->kind != HK_IN && s->kind != HK_OUT) return trap(h, "subscribe on a %s", kname[s->kind]);
    uint32_t p;
    if (onew(h, HK_POLL, rep, &p)) return -1;
    res->rep = p;
    return 0;
}

int bxcm_http_error_debug(bxcm_http *h, uint32_t rep, bxcm_val *res)
{
    hobj *e = get(h, rep, HK_ERR);
    if (!e) return -1;
    char b[300];
    int n = snprintf(b, sizeof b, "wasi:http error-code %u%s%s", e->ec, e->msg ? ": " : "", e->msg ? e->msg : "");
    return mkstr(h, res, b, (size_t)n < sizeof b ? (size_t)n : sizeof b - 1);
}

int bxcm_http_poll(bxcm_http *h, uint32_t rep, int send)
{
    hobj *p = get(h, rep, HK_POLL);
    if (!p) return -1;
    uint32_t target = p->parent;
    hobj *t = at(h, target);
    if (t->kind != HK_FUTURE) return 1;           /* streams and trailers: everything is here */
    if (t->state == F_SEND && !send) return 2;
    if (future_settle(h, target)) return -1;
    return at(h, target)->state != F_WAIT_BODY;
}

int bxcm_http_drop(bxcm_http *h, uint32_t rep)
{
    hobj *o = get(h, rep, 0);
    if (!o) return -1;
    if (o->children)
        return trap(h, "%s dropped while %u of its child resources (headers, stream or pollable) %s alive; "
                       "drop the children first", kname[o->kind], o->children, o->children == 1 ? "is" : "are");
    if (o->kind == HK_OBODY) {
        uint32_t ec; uint64_t arg; const char *why;
        return body_end(h, rep, 0, &ec, &arg, &why);
    }
    if ((o->kind == HK_OREQ || o->kind == HK_FUTURE) && o->link) at(h, o->link)->link = 0;
    ofree(h, rep);
    return 0;
}

/* ---- the table of functions ------------------------------------------------------ */
/* Signatures are shapes with each handle's resource named (bxcm_shape_named),
 * so a component declaring an import with any other type, or a handle of
 * another resource, is refused at instantiation. */
#define EC "<_|{?s,?H}|_|_|_|_|_|_|_|_|_|_|_|_|{?C,?s}|_|_|?L|_|_|_|?I|?{?s,?I}|?I|{?s,?I}|_|?I|{?s,?I}|?L|?I|{?s,?I}|?s|?s|_|_|_|_|_|?s>"
#define HE "<_|_|_>"
#define METHOD "<_|_|_|_|_|_|_|_|_|s>"
#define SCHEME "<_|_|s>"
#define T "wasi:http/types"

typedef struct hdef { const char *iface, *name; bxcm_host_fn fn; const char *sig; } hdef;
static const hdef defs[] = {
    { T, "http-error-code", http_error_code, "f(&error.)->?" EC },
    { T, "[constructor]fields", fields_new, "f()->ofields." },
    { T, "[static]fields.from-list", fields_from_list, "f([(s,[C])])->R(ofields.|" HE ")" },
    { T, "[method]fields.get", fields_get, "f(&fields.,s)->[[C]]" },
    { T, "[method]fields.has", fields_has, "f(&fields.,s)->b" },
    { T, "[method]fields.set", fields_set, "f(&fields.,s,[[C]])->R(_|" HE ")" },
    { T, "[method]fields.delete", fields_delete, "f(&fields.,s)->R(_|" HE ")" },
    { T, "[method]fields.append", fields_append, "f(&fields.,s,[C])->R(_|" HE ")" },
    { T, "[method]fields.entries", fields_entries, "f(&fields.)->[(s,[C])]" },
    { T, "[method]fields.clone", fields_clone, "f(&fields.)->ofields." },
    { T, "[method]incoming-request.method", server_side, "f(&incoming-request.)->" METHOD },
    { T, "[method]incoming-request.path-with-query", server_side, "f(&incoming-request.)->?s" },
    { T, "[method]incoming-request.scheme", server_side, "f(&incoming-request.)->?" SCHEME },
    { T, "[method]incoming-request.authority", server_side, "f(&incoming-request.)->?s" },
    { T, "[method]incoming-request.headers", server_side, "f(&incoming-request.)->ofields." },
    { T, "[method]incoming-request.consume", server_side, "f(&incoming-request.)->R(oincoming-body.|_)" },
    { T, "[constructor]outgoing-request", oreq_new, "f(ofields.)->ooutgoing-request." },
    { T, "[method]outgoing-request.body", oreq_body, "f(&outgoing-request.)->R(ooutgoing-body.|_)" },
    { T, "[method]outgoing-request.method", oreq_method, "f(&outgoing-request.)->" METHOD },
    { T, "[method]outgoing-request.set-method", oreq_set_method, "f(&outgoing-request.," METHOD ")->R(_|_)" },
    { T, "[method]outgoing-request.path-with-query", oreq_path, "f(&outgoing-request.)->?s" },
    { T, "[method]outgoing-request.set-path-with-query", oreq_set_path, "f(&outgoing-request.,?s)->R(_|_)" },
    { T, "[method]outgoing-request.scheme", oreq_scheme, "f(&outgoing-request.)->?" SCHEME },
    { T, "[method]outgoing-request.set-scheme", oreq_set_scheme, "f(&outgoing-request.,?" SCHEME ")->R(_|_)" },
    { T, "[method]outgoing-request.authority", oreq_authority, "f(&outgoing-request.)->?s" },
    { T, "[method]outgoing-request.set-authority", oreq_set_authority, "f(&outgoing-request.,?s)->R(_|_)" },
    { T, "[method]outgoing-request.headers", oreq_headers, "f(&outgoing-request.)->ofields." },
    { T, "[constructor]request-options", opts_new, "f()->orequest-options." },
    { T, "[method]request-options.connect-timeout", opts_connect, "f(&request-options.)->?L" },
    { T, "[method]request-options.set-connect-timeout", opts_set_connect, "f(&request-options.,?L)->R(_|_)" },
    { T, "[method]request-options.first-byte-timeout", opts_first_byte, "f(&request-options.)->?L" },
    { T, "[method]request-options.set-first-byte-timeout", opts_set_first_byte, "f(&request-options.,?L)->R(_|_)" },
    { T, "[method]request-options.between-bytes-timeout", opts_between, "f(&request-options.)->?L" },
    { T, "[method]request-options.set-between-bytes-timeout", opts_set_between, "f(&request-options.,?L)->R(_|_)" },
    { T, "[method]response-outparam.send-informational", server_side, "f(&response-outparam.,H,ofields.)->R(_|" EC ")" },
    { T, "[static]response-outparam.set", server_side, "f(oresponse-outparam.,R(ooutgoing-response.|" EC "))->_" },
    { T, "[method]incoming-response.status", iresp_status, "f(&incoming-response.)->H" },
    { T, "[method]incoming-response.headers", iresp_headers, "f(&incoming-response.)->ofields." },
    { T, "[method]incoming-response.consume", iresp_consume, "f(&incoming-response.)->R(oincoming-body.|_)" },
    { T, "[method]incoming-body.stream", ibody_stream, "f(&incoming-body.)->R(oinput-stream.|_)" },
    { T, "[static]incoming-body.finish", ibody_finish, "f(oincoming-body.)->ofuture-trailers." },
    { T, "[method]future-trailers.subscribe", trailers_subscribe, "f(&future-trailers.)->opollable." },
    { T, "[method]future-trailers.get", trailers_get, "f(&future-trailers.)->?R(R(?ofields.|" EC ")|_)" },
    { T, "[constructor]outgoing-response", server_side, "f(ofields.)->ooutgoing-response." },
    { T, "[method]outgoing-response.status-code", server_side, "f(&outgoing-response.)->H" },
    { T, "[method]outgoing-response.set-status-code", server_side, "f(&outgoing-response.,H)->R(_|_)" },
    { T, "[method]outgoing-response.headers", server_side, "f(&outgoing-response.)->ofields." },
    { T, "[method]outgoing-response.body", server_side, "f(&outgoing-response.)->R(ooutgoing-body.|_)" },
    { T, "[method]outgoing-body.write", obody_write, "f(&outgoing-body.)->R(ooutput-stream.|_)" },
    { T, "[static]outgoing-body.finish", obody_finish, "f(ooutgoing-body.,?ofields.)->R(_|" EC ")" },
    { T, "[method]future-incoming-response.subscribe", future_subscribe, "f(&future-incoming-response.)->opollable." },
    { T, "[method]future-incoming-response.get", future_get,
      "f(&future-incoming-response.)->?R(R(oincoming-response.|" EC ")|_)" },
    { "wasi:http/outgoing-handler", "handle", handle,
      "f(ooutgoing-request.,?orequest-options.)->R(ofuture-incoming-response.|" EC ")" },
};

bxcm_host_fn bxcm_http_lookup(const char *iface, const char *name, const bxcm_type *ft)
{
    char b[2048];
    const char *shp = bxcm_shape_named(ft, b, sizeof b);   /* "" when too long: matches nothing */
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        if (!strcmp(defs[i].iface, iface) && !strcmp(defs[i].name, name))
            return !strcmp(defs[i].sig, shp) ? defs[i].fn : NULL;
    return NULL;
}

bxcm_http *bxcm_http_new(bxcm_ctx *cx, bx_net *net)
{
    bxcm_http *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->cx = cx;
    h->net = net;
    return h;
}

void bxcm_http_free(bxcm_http *h)
{
    if (!h) return;
    for (uint32_t i = 0; i < h->n; i++)
        if (h->o[i].kind != HK_FREE) {
            h->o[i].parent = 0;
            ofree(h, BXCM_HTTP_REP0 + i);
        }
    free(h->o);
    free(h);
}
