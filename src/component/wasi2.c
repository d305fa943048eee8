/*
 * wasi2.c — WASI 0.2 (wasi:cli, wasi:io, wasi:clocks, wasi:random,
 * wasi:filesystem; wasi:sockets refusing) on the preview1 host.
 *
 * Every WASI 0.2 function is carried out by the preview1 host function
 * that does the same thing (src/wasi), called with a host scratch buffer as
 * its "guest memory".  So a component goes through exactly the confined
 * resolver, grants, deny globs, audit records, output caps and write quota
 * that a core module does: there is one implementation of each rule.
 * Descriptors are preview1 fds; streams, pollables and errors are host
 * objects in a bounded table, their rep the resource's representation.
 */
#include "comp_impl.h"
#include "http.h"      /* wasi:http: its streams, pollables and errors are routed there */
#include "wave.h"
#include "runtime.h"      /* the engine's store: the preview1 host's trap message */
#include "wasi_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_OBJS 65536u
#define SCRATCH_MAX (64u << 20)
#define IO_MAX (1u << 20)          /* bytes per read/write call (check-write says so) */

enum { K_FREE, K_DESC, K_DIRS, K_IN, K_OUT, K_ERR, K_POLL };
enum { PK_READY, PK_CLOCK };

typedef struct obj {
    uint8_t kind;
    uint8_t nodrop;               /* a preopen: the descriptor outlives its handle */
    uint8_t append, positional;
    uint32_t fd;
    uint64_t off;                 /* stream offset, directory cookie */
    uint64_t deadline;            /* pollable: monotonic ns */
    uint16_t err;                 /* error: preview1 errno */
    int pk;
} obj;

typedef struct W {
    bx_wasi *w;
    bxcm_ctx *cx;
    obj *o;
    uint32_t n, cap;
    uint8_t *scr;
    size_t scrcap;
    bxcm_http *http;
} W;

/* ---- objects --------------------------------------------------------- */
static int obj_new(W *h, uint8_t kind, uint32_t *rep)
{
    for (uint32_t i = 0; i < h->n; i++)
        if (h->o[i].kind == K_FREE) { memset(&h->o[i], 0, sizeof h->o[i]); h->o[i].kind = kind; *rep = i + 1; return 0; }
    if (h->n >= MAX_OBJS) return bxcm_trap(h->cx, BX_TRAP_HOST, "too many WASI 0.2 resources (at most %u)", MAX_OBJS);
    if (h->n == h->cap) {
        uint32_t nc = h->cap ? h->cap * 2 : 64;
        obj *n = realloc(h->o, nc * sizeof *n);
        if (!n) return bxcm_trap(h->cx, BX_TRAP_HOST, "out of host memory");
        h->o = n; h->cap = nc;
    }
    memset(&h->o[h->n], 0, sizeof h->o[0]);
    h->o[h->n].kind = kind;
    *rep = ++h->n;
    return 0;
}

static obj *obj_get(W *h, uint32_t rep, uint8_t kind)
{
    if (rep == 0 || rep > h->n || h->o[rep - 1].kind != kind) {
        bxcm_trap(h->cx, BX_TRAP_HOST, "invalid WASI resource %u", rep);
        return NULL;
    }
    return &h->o[rep - 1];
}

/* ---- preview1 calls through scratch memory --------------------------- */
typedef bx_trap (*p1fn)(bx_hostcall *, uint64_t *);

static uint8_t *scratch(W *h, size_t n)
{
    if (n > SCRATCH_MAX) { bxcm_trap(h->cx, BX_TRAP_HOST, "request too large (%zu bytes)", n); return NULL; }
    if (n > h->scrcap) {
        size_t nc = n < 65536 ? 65536 : n;
        uint8_t *p = realloc(h->scr, nc);
        if (!p) { bxcm_trap(h->cx, BX_TRAP_HOST, "out of host memory"); return NULL; }
        h->scr = p; h->scrcap = nc;
    }
    return h->scr;
}

/* Returns 0 and *e = errno, or -1 when the call trapped (fuel, interrupt, exit). */
static int p1(W *h, p1fn fn, uint64_t *a, uint16_t *e)
{
    bx_hostcall hc = { bxcm_ctx_store(h->cx), NULL, h->scr, h->scrcap, h->w };
    bx_trap t = fn(&hc, a);
    if (t != BX_TRAP_NONE) {
        if (t == BX_TRAP_EXIT) h->cx->exit_code = bx_store_exit_code(bxcm_ctx_store(h->cx));
        bx_store *s = bxcm_ctx_store(h->cx);
        return bxcm_trap(h->cx, t, "%s", t == BX_TRAP_HOST && s->trap_msg[0] ? s->trap_msg : bx_trap_message(t));
    }
    *e = (uint16_t)a[0];
    return 0;
}

/* preview1 errno -> wasi:filesystem error-code case */
static uint32_t ecode(uint16_t e)
{
    switch (e) {
    case W_ACCES: case W_NOTCAPABLE: return 0;
    case W_AGAIN: return 1;
    case 7: return 2;
    case W_BADF: return 3;
    case 10: return 4;
    case 16: return 5;
    case 19: return 6;
    case W_EXIST: return 7;
    case W_FBIG: return 8;
    case W_ILSEQ: return 9;
    case 26: return 10;
    case W_INTR: return 11;
    case W_INVAL: return 12;
    case W_IO: return 13;
    case W_ISDIR: return 14;
    case W_LOOP: return 15;
    case 34: return 16;
    case 35: return 17;
    case W_NAMETOOLONG: return 18;
    case 43: return 19;
    case W_NOENT: return 20;
    case 46: return 21;
    case W_NOMEM: return 22;
    case 51: return 23;
    case W_NOTDIR: return 24;
    case W_NOTEMPTY: return 25;
    case 56: return 26;
    case W_NOTSUP: case W_NOSYS: return 27;
    case 59: return 28;
    case 60: return 29;
    case W_OVERFLOW: return 30;
    case W_PERM: return 31;
    case 64: return 32;
    case W_ROFS: return 33;
    case W_SPIPE: return 34;
    case 74: return 35;
    case W_XDEV: return 36;
    default: return 13;
    }
}

/* ---- value helpers ---------------------------------------------------- */
static bxcm_val *nv(W *h, uint32_t n) { return bxcm_alloc(h->cx, (n ? n : 1) * sizeof(bxcm_val)); }

static int ok(W *h, bxcm_val *res, bxcm_val *payload)
{
    (void)h;
    res->var.tag = 0;
    res->var.v = payload;
    return 0;
}

static int errc(W *h, bxcm_val *res, uint16_t e)
{
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    p->u = ecode(e);
    res->var.tag = 1;
    res->var.v = p;
    return 0;
}

static int mkstr(W *h, bxcm_val *v, const char *s, size_t n)
{
    uint8_t *p = bxcm_alloc(h->cx, n + 1);
    if (!p) return -1;
    memcpy(p, s, n);
    v->str.p = p; v->str.len = (uint32_t)n; v->str.enc = ENC_UTF8; v->str.units = (uint32_t)n;
    return 0;
}

/* Host side strings are UTF-8 (a component with another encoding arrives transcoded? no:
 * the lifted bytes keep the guest's encoding): convert to a C string. */
static char *cstr(W *h, const bxcm_val *v)
{
    if (v->str.enc == ENC_UTF8) {
        if (memchr(v->str.p, 0, v->str.len)) { bxcm_trap(h->cx, BX_TRAP_HOST, "path contains NUL"); return NULL; }
        char *s = bxcm_alloc(h->cx, v->str.len + 1);
        if (s) { memcpy(s, v->str.p, v->str.len); s[v->str.len] = 0; }
        return s;
    }
    /* latin1 or utf16: re-encode as UTF-8 */
    char *s = bxcm_alloc(h->cx, (size_t)v->str.len * 2 + 1);
    if (!s) return NULL;
    size_t o = 0;
    int u16 = v->str.enc == ENC_UTF16 || (v->str.enc == ENC_LATIN1_UTF16 && (v->str.units & (1u << 31)));
    for (uint32_t i = 0; i < v->str.len;) {
        uint32_t c;
        if (u16) {
            c = (uint32_t)v->str.p[i] | (uint32_t)v->str.p[i + 1] << 8;
            i += 2;
            if (c >= 0xd800 && c <= 0xdbff && i + 1 < v->str.len) {
                uint32_t l = (uint32_t)v->str.p[i] | (uint32_t)v->str.p[i + 1] << 8;
                c = 0x10000 + ((c - 0xd800) << 10) + (l - 0xdc00);
                i += 2;
            }
        } else c = v->str.p[i++];
        if (c == 0) { bxcm_trap(h->cx, BX_TRAP_HOST, "path contains NUL"); return NULL; }
        if (c < 0x80) s[o++] = (char)c;
        else if (c < 0x800) { s[o++] = (char)(0xc0 | c >> 6); s[o++] = (char)(0x80 | (c & 0x3f)); }
        else if (c < 0x10000) { s[o++] = (char)(0xe0 | c >> 12); s[o++] = (char)(0x80 | (c >> 6 & 0x3f)); s[o++] = (char)(0x80 | (c & 0x3f)); }
        else { s[o++] = (char)(0xf0 | c >> 18); s[o++] = (char)(0x80 | (c >> 12 & 0x3f)); s[o++] = (char)(0x80 | (c >> 6 & 0x3f)); s[o++] = (char)(0x80 | (c & 0x3f)); }
    }
    s[o] = 0;
    return s;
}

/* Put a path in scratch at offset 0; returns its length. */
static int put_path(W *h, const bxcm_val *v, size_t at, uint32_t *len)
{
    char *s = cstr(h, v);
    if (!s) return -1;
    size_t n = strlen(s);
    if (n > BXW_PATH_MAX) n = BXW_PATH_MAX + 1;   /* preview1 refuses it with NAMETOOLONG */
    if (!scratch(h, at + n + 64)) return -1;
    memcpy(h->scr + at, s, n);
    *len = (uint32_t)n;
    return 0;
}

#define HOST(name) static int name(bxcm_ctx *cx, void *user, const bxcm_type *ft, bxcm_val *a, bxcm_val *res)
#define H ((W *)user)
#define UNUSED (void)cx; (void)ft; (void)a; (void)res

/* ---- wasi:cli ------------------------------------------------------------ */
HOST(get_arguments)
{
    UNUSED;
    bx_wasi *w = H->w;
    bxcm_val *v = nv(H, w->argc);
    if (!v) return -1;
    for (uint32_t i = 0; i < w->argc; i++) if (mkstr(H, &v[i], w->argv[i], strlen(w->argv[i]))) return -1;
    res->agg.v = v; res->agg.n = w->argc;
    return 0;
}

HOST(get_environment)
{
    UNUSED;
    bx_wasi *w = H->w;
    bxcm_val *v = nv(H, w->envc);
    if (!v) return -1;
    for (uint32_t i = 0; i < w->envc; i++) {
        const char *e = w->env[i], *eq = strchr(e, '=');
        size_t kn = eq ? (size_t)(eq - e) : strlen(e);
        bxcm_val *kv = nv(H, 2);
        if (!kv || mkstr(H, &kv[0], e, kn) || mkstr(H, &kv[1], eq ? eq + 1 : "", eq ? strlen(eq + 1) : 0)) return -1;
        v[i].agg.v = kv; v[i].agg.n = 2;
    }
    res->agg.v = v; res->agg.n = w->envc;
    return 0;
}

HOST(initial_cwd) { UNUSED; (void)user; res->var.tag = 0; return 0; }

HOST(cli_exit)
{
    UNUSED;
    cx->exit_code = a[0].var.tag ? 1 : 0;
    (void)user;
    return bxcm_trap(cx, BX_TRAP_EXIT, "exit");
}

HOST(cli_exit_code)
{
    UNUSED;
    (void)user;
    cx->exit_code = (int32_t)(a[0].u & 0xff);
    return bxcm_trap(cx, BX_TRAP_EXIT, "exit");
}

static int stdio(W *h, uint8_t kind, uint32_t fd, bxcm_val *res)
{
    uint32_t rep;
    if (obj_new(h, kind, &rep)) return -1;
    h->o[rep - 1].fd = fd;
    res->rep = rep;
    return 0;
}
HOST(get_stdin) { UNUSED; return stdio(H, K_IN, 0, res); }
HOST(get_stdout) { UNUSED; return stdio(H, K_OUT, 1, res); }
HOST(get_stderr) { UNUSED; return stdio(H, K_OUT, 2, res); }
HOST(no_terminal) { UNUSED; (void)user; res->var.tag = 0; return 0; }

/* ---- wasi:io ---------------------------------------------------------- */
static int stream_err(W *h, bxcm_val *res, uint16_t e, int closed)
{
    bxcm_val *p = nv(h, 1);
    if (!p) return -1;
    res->var.tag = 1;
    res->var.v = p;
    if (closed) { p->var.tag = 1; p->var.v = NULL; return 0; }
    uint32_t rep;
    bxcm_val *q = nv(h, 1);
    if (!q || obj_new(h, K_ERR, &rep)) return -1;
    h->o[rep - 1].err = e;
    q->rep = rep;
    p->var.tag = 0;
    p->var.v = q;
    return 0;
}

static int do_read(W *h, obj *s, uint64_t len, bxcm_val *res)
{
    if (len > IO_MAX) len = IO_MAX;
    if (!scratch(h, 16 + len)) return -1;
    bxw_st32(h->scr, 16); bxw_st32(h->scr + 4, (uint32_t)len);
    uint64_t a[5] = { s->fd, 0, 1, s->positional ? s->off : 8, 8 };
    uint16_t e;
    if (s->positional) { a[3] = s->off; a[4] = 8; if (p1(h, bxw_fd_pread, a, &e)) return -1; }
    else { a[3] = 8; if (p1(h, bxw_fd_read, a, &e)) return -1; }
    if (e) return stream_err(h, res, e, 0);
    uint32_t n = bxw_ld32(h->scr + 8);
    if (n == 0 && len > 0) return stream_err(h, res, 0, 1);
    bxcm_val *p = nv(h, 1);
    if (!p || !(p->agg.bytes = bxcm_alloc(h->cx, n + 1))) return -1;
    memcpy(p->agg.bytes, h->scr + 16, n);
    p->agg.n = n;
    s->off += n;
    return ok(h, res, p);
}

HOST(in_read)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) return bxcm_http_read(H->http, a[0].rep, a[1].u, 0, res);
    obj *s = obj_get(H, a[0].rep, K_IN);
    if (!s) return -1;
    return do_read(H, s, a[1].u, res);
}

HOST(in_skip)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) return bxcm_http_read(H->http, a[0].rep, a[1].u, 1, res);
    obj *s = obj_get(H, a[0].rep, K_IN);
    if (!s) return -1;
    if (do_read(H, s, a[1].u, res)) return -1;
    if (res->var.tag == 0) { uint32_t n = res->var.v->agg.n; res->var.v->u = n; }
    return 0;
}

HOST(out_check_write)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) return bxcm_http_check_write(H->http, a[0].rep, res);
    obj *s = obj_get(H, a[0].rep, K_OUT);
    if (!s) return -1;
    bxcm_val *p = nv(H, 1);
    if (!p) return -1;
    p->u = IO_MAX;
    return ok(H, res, p);
}

static int do_write(W *h, obj *s, const uint8_t *data, uint32_t n, bxcm_val *res)
{
    if (n > IO_MAX) return bxcm_trap(h->cx, BX_TRAP_HOST, "write of %u bytes exceeds check-write's permit", n);
    if (!scratch(h, 16 + (size_t)n)) return -1;
    memcpy(h->scr + 16, data, n);
    bxw_st32(h->scr, 16); bxw_st32(h->scr + 4, n);
    uint16_t e;
    uint32_t done = 0;
    while (done < n || n == 0) {
        bxw_st32(h->scr, 16 + done); bxw_st32(h->scr + 4, n - done);
        if (s->append) {
            /* at the end of the file, as O_APPEND would */
            uint64_t q[2] = { s->fd, 8 };
            memset(h->scr + 8, 0, 8);
            uint64_t sa[4] = { s->fd, 0, 2, 8 };
            if (p1(h, bxw_fd_seek, sa, &e)) return -1;
            (void)q;
            if (e) return stream_err(h, res, e, 0);
            uint64_t a[4] = { s->fd, 0, 1, 8 };
            if (p1(h, bxw_fd_write, a, &e)) return -1;
        } else if (s->positional) {
            uint64_t a[5] = { s->fd, 0, 1, s->off, 8 };
            if (p1(h, bxw_fd_pwrite, a, &e)) return -1;
        } else {
            uint64_t a[4] = { s->fd, 0, 1, 8 };
            if (p1(h, bxw_fd_write, a, &e)) return -1;
        }
        if (e) return stream_err(h, res, e, 0);
        uint32_t w = bxw_ld32(h->scr + 8);
        s->off += w;
        done += w;
        if (n == 0 || w == 0) break;
    }
    return ok(h, res, NULL);
}

HOST(out_write)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) return bxcm_http_write(H->http, a[0].rep, a[1].agg.bytes, a[1].agg.n, 0, res);
    obj *s = obj_get(H, a[0].rep, K_OUT);
    if (!s) return -1;
    return do_write(H, s, a[1].agg.bytes, a[1].agg.n, res);
}

HOST(out_write_zeroes)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) return bxcm_http_write(H->http, a[0].rep, NULL, a[1].u, 1, res);
    obj *s = obj_get(H, a[0].rep, K_OUT);
    if (!s) return -1;
    uint64_t n = a[1].u > IO_MAX ? IO_MAX : a[1].u;
    uint8_t *z = bxcm_alloc(cx, n + 1);
    if (!z) return -1;
    return do_write(H, s, z, (uint32_t)n, res);
}

/* splice: what one read of src gives (at most len), written to self; the
 * count.  Componentize-qjs's runtime imports it with the rest of streams. */
HOST(out_splice)
{
    UNUSED;
    if (!obj_get(H, a[0].rep, K_OUT)) return -1;
    obj *s = obj_get(H, a[1].rep, K_IN);
    if (!s) return -1;
    bxcm_val rr;
    memset(&rr, 0, sizeof rr);
    if (do_read(H, s, a[2].u, &rr)) return -1;
    if (rr.var.tag) { *res = rr; return 0; }   /* the input's error or end */
    uint32_t n = rr.var.v->agg.n;
    obj *d = obj_get(H, a[0].rep, K_OUT);   /* again: the read may have grown the table */
    if (!d || do_write(H, d, rr.var.v->agg.bytes, n, res)) return -1;
    if (res->var.tag) return 0;
    bxcm_val *p = nv(H, 1);
    if (!p) return -1;
    p->u = n;
    return ok(H, res, p);
}

HOST(out_flush)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) return bxcm_http_flush(H->http, a[0].rep, res);
    if (!obj_get(H, a[0].rep, K_OUT)) return -1;
    return ok(H, res, NULL);
}

static int new_pollable(W *h, int pk, uint64_t deadline, bxcm_val *res)
{
    uint32_t rep;
    if (obj_new(h, K_POLL, &rep)) return -1;
    h->o[rep - 1].pk = pk;
    h->o[rep - 1].deadline = deadline;
    res->rep = rep;
    return 0;
}

HOST(subscribe_ready)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) return bxcm_http_subscribe(H->http, a[0].rep, res);
    return new_pollable(H, PK_READY, 0, res);
}

static uint64_t mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

HOST(subscribe_instant) { UNUSED; return new_pollable(H, PK_CLOCK, a[0].u, res); }
HOST(subscribe_duration)
{
    UNUSED;
    uint64_t now = mono_now(), d = a[0].u;
    return new_pollable(H, PK_CLOCK, d > UINT64_MAX - now ? UINT64_MAX : now + d, res);
}

/* Sleep until the monotonic deadline through preview1's poll_oneoff, which
 * honours the interrupt (--timeout) and fuel. */
static int sleep_until(W *h, uint64_t deadline)
{
    uint64_t now = mono_now();
    if (deadline <= now) return 0;
    if (!scratch(h, 256)) return -1;
    memset(h->scr, 0, 256);
    bxw_st32(h->scr + 16, 1);                    /* monotonic */
    bxw_st64(h->scr + 24, deadline - now);
    uint64_t a[4] = { 0, 64, 1, 128 };
    uint16_t e;
    return p1(h, bxw_poll_oneoff, a, &e);
}

HOST(poll_list)
{
    UNUSED;
    uint32_t n = a[0].agg.n;
    if (n == 0) return bxcm_trap(cx, BX_TRAP_HOST, "poll: empty list");
    bxcm_val *out = nv(H, n);
    if (!out) return -1;
    for (;;) {
        uint32_t k = 0, sendable = 0;
        uint64_t now = mono_now(), earliest = UINT64_MAX;
        for (uint32_t i = 0; i < n; i++) {
            if (BXCM_IS_HTTP(a[0].agg.v[i].rep)) {   /* a response: waiting on it sends its request */
                int r = bxcm_http_poll(H->http, a[0].agg.v[i].rep, 0);
                if (r < 0) return -1;
                if (r == 1) out[k++].u = i;
                if (r == 2 && !sendable) sendable = a[0].agg.v[i].rep;
                continue;
            }
            obj *p = obj_get(H, a[0].agg.v[i].rep, K_POLL);
            if (!p) return -1;
            if (p->pk == PK_READY || p->deadline <= now) out[k++].u = i;
            else if (p->deadline < earliest) earliest = p->deadline;
        }
        if (k) { res->agg.v = out; res->agg.n = k; return 0; }
        if (sendable) {                 /* nothing ready: send one request (it ends by its own timeouts) */
            if (bxcm_http_poll(H->http, sendable, 1) < 0) return -1;
            continue;
        }
        if (earliest == UINT64_MAX)
            return bxcm_trap(cx, BX_TRAP_HOST, "poll: no pollable can ever become ready (a request whose "
                                               "outgoing-body is not finished); this would wait forever");
        if (sleep_until(H, earliest)) return -1;
    }
}

HOST(pollable_ready)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) {
        int r = bxcm_http_poll(H->http, a[0].rep, 1);
        res->u = r > 0;
        return r < 0 ? -1 : 0;
    }
    obj *p = obj_get(H, a[0].rep, K_POLL);
    if (!p) return -1;
    res->u = p->pk == PK_READY || p->deadline <= mono_now();
    return 0;
}

HOST(pollable_block)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) {
        int r = bxcm_http_poll(H->http, a[0].rep, 1);
        if (r == 0)
            return bxcm_trap(cx, BX_TRAP_HOST, "pollable.block on a response whose request body is not finished "
                                               "(call outgoing-body.finish first); this would wait forever");
        return r < 0 ? -1 : 0;
    }
    obj *p = obj_get(H, a[0].rep, K_POLL);
    if (!p) return -1;
    return p->pk == PK_CLOCK ? sleep_until(H, p->deadline) : 0;
}

HOST(error_debug)
{
    UNUSED;
    if (BXCM_IS_HTTP(a[0].rep)) return bxcm_http_error_debug(H->http, a[0].rep, res);
    obj *o = obj_get(H, a[0].rep, K_ERR);
    if (!o) return -1;
    char buf[64];
    int n = snprintf(buf, sizeof buf, "wasi errno %u", o->err);
    return mkstr(H, res, buf, (size_t)n);
}

/* ---- wasi:clocks, wasi:random ------------------------------------------ */
static int clock_get(W *h, int id, int res_only, uint64_t *ns)
{
    if (!scratch(h, 64)) return -1;
    uint16_t e;
    if (res_only) { uint64_t a[2] = { (uint64_t)id, 8 }; if (p1(h, bxw_clock_res_get, a, &e)) return -1; }
    else { uint64_t a[3] = { (uint64_t)id, 1, 8 }; if (p1(h, bxw_clock_time_get, a, &e)) return -1; }
    if (e) return bxcm_trap(h->cx, BX_TRAP_HOST, "clock unavailable");
    *ns = bxw_ld64(h->scr + 8);
    return 0;
}

HOST(mono_now_fn) { UNUSED; return clock_get(H, 1, 0, &res->u); }
HOST(mono_res) { UNUSED; return clock_get(H, 1, 1, &res->u); }

static int datetime(W *h, uint64_t ns, bxcm_val *res)
{
    bxcm_val *f = nv(h, 2);
    if (!f) return -1;
    f[0].u = ns / 1000000000ull;
    f[1].u = ns % 1000000000ull;
    res->agg.v = f; res->agg.n = 2;
    return 0;
}
HOST(wall_now) { UNUSED; uint64_t ns; return clock_get(H, 0, 0, &ns) ? -1 : datetime(H, ns, res); }
HOST(wall_res) { UNUSED; uint64_t ns; return clock_get(H, 0, 1, &ns) ? -1 : datetime(H, ns, res); }

static int random_bytes(W *h, uint64_t n, uint8_t **out)
{
    if (n > SCRATCH_MAX) return bxcm_trap(h->cx, BX_TRAP_HOST, "get-random-bytes: %llu bytes is too many", (unsigned long long)n);
    if (!scratch(h, n + 16)) return -1;
    uint64_t a[2] = { 16, n };
    uint16_t e;
    if (p1(h, bxw_random_get, a, &e)) return -1;
    if (e) return bxcm_trap(h->cx, BX_TRAP_HOST, "random source failed");
    *out = h->scr + 16;
    return 0;
}

HOST(rand_bytes)
{
    UNUSED;
    uint8_t *p;
    if (random_bytes(H, a[0].u, &p)) return -1;
    if (!(res->agg.bytes = bxcm_alloc(cx, a[0].u + 1))) return -1;
    memcpy(res->agg.bytes, p, a[0].u);
    res->agg.n = (uint32_t)a[0].u;
    return 0;
}

HOST(rand_u64)
{
    UNUSED;
    uint8_t *p;
    if (random_bytes(H, 8, &p)) return -1;
    res->u = bxw_ld64(p);
    return 0;
}

HOST(rand_seed)
{
    UNUSED;
    uint8_t *p;
    bxcm_val *f = nv(H, 2);
    if (!f || random_bytes(H, 16, &p)) return -1;
    f[0].u = bxw_ld64(p); f[1].u = bxw_ld64(p + 8);
    res->agg.v = f; res->agg.n = 2;
    return 0;
}

/* ---- wasi:filesystem ---------------------------------------------------- */
static obj *desc(W *h, const bxcm_val *v) { return obj_get(h, v->rep, K_DESC); }

HOST(get_directories)
{
    UNUSED;
    W *h = H;
    bx_wasi *w = h->w;
    uint32_t k = 0;
    for (uint32_t i = 0; i < w->nfds; i++) if (w->fds[i].kind == FK_HOST && w->fds[i].preopen) k++;
    bxcm_val *v = nv(h, k);
    if (!v) return -1;
    k = 0;
    for (uint32_t i = 0; i < w->nfds; i++) {
        if (w->fds[i].kind != FK_HOST || !w->fds[i].preopen) continue;
        const char *g = w->fds[i].grant >= 0 ? w->grants[w->fds[i].grant].guest : "/";
        bxcm_val *t = nv(h, 2);
        uint32_t rep;
        if (!t || obj_new(h, K_DESC, &rep)) return -1;
        h->o[rep - 1].fd = i;
        h->o[rep - 1].nodrop = 1;
        t[0].rep = rep;
        if (mkstr(h, &t[1], g, strlen(g))) return -1;
        v[k].agg.v = t; v[k].agg.n = 2;
        k++;
    }
    res->agg.v = v; res->agg.n = k;
    return 0;
}

static int via_stream(W *h, const bxcm_val *d, uint8_t kind, uint64_t off, int append, bxcm_val *res)
{
    obj *o = desc(h, d);
    if (!o) return -1;
    uint32_t fd = o->fd, rep;
    if (!bxw_fd_get(h->w, fd)) return errc(h, res, W_BADF);
    bxcm_val *p = nv(h, 1);
    if (!p || obj_new(h, kind, &rep)) return -1;
    obj *s = &h->o[rep - 1];
    s->fd = fd; s->off = off; s->positional = !append; s->append = (uint8_t)append;
    p->rep = rep;
    return ok(h, res, p);
}
HOST(read_via_stream) { UNUSED; return via_stream(H, &a[0], K_IN, a[1].u, 0, res); }
HOST(write_via_stream) { UNUSED; return via_stream(H, &a[0], K_OUT, a[1].u, 0, res); }
HOST(append_via_stream) { UNUSED; return via_stream(H, &a[0], K_OUT, 0, 1, res); }

static int fdstat(W *h, uint32_t fd, uint16_t *e)
{
    if (!scratch(h, 64)) return -1;
    uint64_t a[2] = { fd, 8 };
    return p1(h, bxw_fd_fdstat_get, a, e);
}

static uint32_t dtype(uint8_t ft)
{
    static const uint8_t m[8] = { 0, 1, 2, 3, 6, 7, 7, 5 };
    return ft < 8 ? m[ft] : 0;
}

HOST(get_type)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    uint16_t e;
    if (!o || fdstat(H, o->fd, &e)) return -1;
    if (e) return errc(H, res, e);
    bxcm_val *p = nv(H, 1);
    if (!p) return -1;
    p->u = dtype(H->scr[8]);
    return ok(H, res, p);
}

HOST(get_flags)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    uint16_t e;
    if (!o || fdstat(H, o->fd, &e)) return -1;
    if (e) return errc(H, res, e);
    uint16_t fl = bxw_ld16(H->scr + 10);
    uint64_t base = bxw_ld64(H->scr + 16);
    uint32_t f = 0;
    if (base & (R_FD_READ | R_FD_READDIR)) f |= 1;
    if (base & R_FD_WRITE) f |= 2;
    if (fl & WF_SYNC) f |= 4;
    if (fl & WF_DSYNC) f |= 8;
    if (fl & WF_RSYNC) f |= 16;
    if (base & (R_PATH_CREATE_FILE | R_PATH_CREATE_DIRECTORY | R_PATH_UNLINK_FILE)) f |= 32;
    bxcm_val *p = nv(H, 1);
    if (!p) return -1;
    p->flags = f;
    return ok(H, res, p);
}

/* filestat at scr+off -> descriptor-stat record */
static int stat_rec(W *h, size_t off, bxcm_val *out)
{
    const uint8_t *s = h->scr + off;
    bxcm_val *f = nv(h, 6);
    if (!f) return -1;
    f[0].u = dtype(s[16]);
    f[1].u = bxw_ld64(s + 24);
    f[2].u = bxw_ld64(s + 32);
    for (int i = 0; i < 3; i++) {
        bxcm_val *dt = nv(h, 1);
        if (!dt || datetime(h, bxw_ld64(s + 40 + 8 * i), dt)) return -1;
        f[3 + i].var.tag = 1;
        f[3 + i].var.v = dt;
    }
    out->agg.v = f; out->agg.n = 6;
    return 0;
}

/* preview1's filestat of descriptor a[0] (at: of the path a[2] under it,
 * a[1] its path flags) into the scratch memory at 8; -1 on a host failure,
 * else 0 with *e the preview1 errno. */
static int stat_of(W *h, const bxcm_val *a, int at, uint16_t *e)
{
    obj *o = desc(h, &a[0]);
    if (!at) {
        if (!o || !scratch(h, 128)) return -1;
        uint64_t q[2] = { o->fd, 8 };
        return p1(h, bxw_fd_filestat_get, q, e) ? -1 : 0;
    }
    uint32_t len;
    if (!o || put_path(h, &a[2], 128, &len)) return -1;
    uint64_t q[5] = { o->fd, a[1].flags & 1, 128, len, 8 };
    return p1(h, bxw_path_filestat_get, q, e) ? -1 : 0;
}

static int hash_from(W *h, size_t off, bxcm_val *res);

/* The result of stat / stat-at (hash: of metadata-hash / -at). */
static int stat_result(W *h, const bxcm_val *a, int at, bxcm_val *res, int hash)
{
    uint16_t e;
    if (stat_of(h, a, at, &e)) return -1;
    if (e) return errc(h, res, e);
    if (hash) return hash_from(h, 8, res);
    bxcm_val *p = nv(h, 1);
    if (!p || stat_rec(h, 8, p)) return -1;
    return ok(h, res, p);
}

HOST(fs_stat)
{
    UNUSED;
    return stat_result(H, a, 0, res, 0);
}

HOST(fs_stat_at)
{
    UNUSED;
    return stat_result(H, a, 1, res, 0);
}

static int hash_from(W *h, size_t off, bxcm_val *res)
{
    bxcm_val *p = nv(h, 1), *f = nv(h, 2);
    if (!p || !f) return -1;
    f[0].u = bxw_ld64(h->scr + off + 8);   /* inode */
    f[1].u = bxw_ld64(h->scr + off);       /* device */
    p->agg.v = f; p->agg.n = 2;
    return ok(h, res, p);
}

HOST(metadata_hash)
{
    UNUSED;
    return stat_result(H, a, 0, res, 1);
}

HOST(metadata_hash_at)
{
    UNUSED;
    return stat_result(H, a, 1, res, 1);
}

HOST(is_same_object)
{
    UNUSED;
    obj *x = desc(H, &a[0]), *y = desc(H, &a[1]);
    if (!x || !y || !scratch(H, 256)) return -1;
    uint16_t e1, e2;
    uint64_t q[2] = { x->fd, 8 };
    if (p1(H, bxw_fd_filestat_get, q, &e1)) return -1;
    uint64_t q2[2] = { y->fd, 128 };
    if (p1(H, bxw_fd_filestat_get, q2, &e2)) return -1;
    res->u = !e1 && !e2 && !memcmp(H->scr + 8, H->scr + 128, 16);
    return 0;
}

HOST(open_at)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    uint32_t len;
    if (!o || put_path(H, &a[2], 128, &len)) return -1;
    uint32_t of = a[3].flags & 0xf, df = a[4].flags;
    uint64_t base = R_ALL;
    if (!(df & 2)) base &= ~(uint64_t)(R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE | R_FD_DATASYNC);
    if (!(df & 1)) base &= ~(uint64_t)(R_FD_READ | R_FD_READDIR);
    uint32_t fdflags = (df & 4 ? WF_SYNC : 0) | (df & 8 ? WF_DSYNC : 0) | (df & 16 ? WF_RSYNC : 0);
    uint64_t q[9] = { o->fd, a[1].flags & 1, 128, len, of, base, R_ALL, fdflags, 8 };
    uint16_t e;
    if (p1(H, bxw_path_open, q, &e)) return -1;
    if (e) return errc(H, res, e);
    uint32_t rep, fd = bxw_ld32(H->scr + 8);
    bxcm_val *p = nv(H, 1);
    if (!p || obj_new(H, K_DESC, &rep)) return -1;
    H->o[rep - 1].fd = fd;
    p->rep = rep;
    return ok(H, res, p);
}

/* path operations returning result<_, error-code> */
static int path1(W *h, p1fn fn, const bxcm_val *d, const bxcm_val *path, bxcm_val *res)
{
    obj *o = desc(h, d);
    uint32_t len;
    if (!o || put_path(h, path, 128, &len)) return -1;
    uint64_t q[3] = { o->fd, 128, len };
    uint16_t e;
    if (p1(h, fn, q, &e)) return -1;
    return e ? errc(h, res, e) : ok(h, res, NULL);
}
HOST(create_directory_at) { UNUSED; return path1(H, bxw_path_create_directory, &a[0], &a[1], res); }
HOST(remove_directory_at) { UNUSED; return path1(H, bxw_path_remove_directory, &a[0], &a[1], res); }
HOST(unlink_file_at) { UNUSED; return path1(H, bxw_path_unlink_file, &a[0], &a[1], res); }

HOST(readlink_at)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    uint32_t len;
    if (!o || put_path(H, &a[1], 128, &len) || !scratch(H, 128 + 4200 + BXW_PATH_MAX + 64)) return -1;
    uint64_t q[6] = { o->fd, 128, len, 4200, BXW_PATH_MAX + 64, 8 };
    uint16_t e;
    if (p1(H, bxw_path_readlink, q, &e)) return -1;
    if (e) return errc(H, res, e);
    bxcm_val *p = nv(H, 1);
    if (!p || mkstr(H, p, (const char *)H->scr + 4200, bxw_ld32(H->scr + 8))) return -1;
    return ok(H, res, p);
}

HOST(rename_at)
{
    UNUSED;
    obj *o = desc(H, &a[0]), *n = desc(H, &a[2]);
    uint32_t l1, l2;
    if (!o || !n || put_path(H, &a[1], 128, &l1) || put_path(H, &a[3], 128 + BXW_PATH_MAX + 8, &l2)) return -1;
    uint64_t q[6] = { o->fd, 128, l1, n->fd, 128 + BXW_PATH_MAX + 8, l2 };
    uint16_t e;
    if (p1(H, bxw_path_rename, q, &e)) return -1;
    return e ? errc(H, res, e) : ok(H, res, NULL);
}

HOST(symlink_at)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    uint32_t l1, l2;
    if (!o || put_path(H, &a[1], 128, &l1) || put_path(H, &a[2], 128 + BXW_PATH_MAX + 8, &l2)) return -1;
    uint64_t q[5] = { 128, l1, o->fd, 128 + BXW_PATH_MAX + 8, l2 };
    uint16_t e;
    if (p1(H, bxw_path_symlink, q, &e)) return -1;
    return e ? errc(H, res, e) : ok(H, res, NULL);
}

HOST(link_at)
{
    UNUSED;
    obj *o = desc(H, &a[0]), *n = desc(H, &a[3]);
    uint32_t l1, l2;
    if (!o || !n || put_path(H, &a[2], 128, &l1) || put_path(H, &a[4], 128 + BXW_PATH_MAX + 8, &l2)) return -1;
    uint64_t q[7] = { o->fd, a[1].flags & 1, 128, l1, n->fd, 128 + BXW_PATH_MAX + 8, l2 };
    uint16_t e;
    if (p1(H, bxw_path_link, q, &e)) return -1;
    return e ? errc(H, res, e) : ok(H, res, NULL);
}

/* new-timestamp: no-change | now | timestamp(datetime) */
static void ts_arg(const bxcm_val *v, uint64_t *t, uint32_t *fst, uint32_t set, uint32_t now)
{
    *t = 0;
    if (v->var.tag == 1) *fst |= now;
    else if (v->var.tag == 2) {
        *fst |= set;
        *t = v->var.v->agg.v[0].u * 1000000000ull + v->var.v->agg.v[1].u;
    }
}

HOST(set_times)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    if (!o || !scratch(H, 64)) return -1;
    uint64_t at, mt;
    uint32_t fst = 0;
    ts_arg(&a[1], &at, &fst, WST_ATIM, WST_ATIM_NOW);
    ts_arg(&a[2], &mt, &fst, WST_MTIM, WST_MTIM_NOW);
    uint64_t q[4] = { o->fd, at, mt, fst };
    uint16_t e;
    if (p1(H, bxw_fd_filestat_set_times, q, &e)) return -1;
    return e ? errc(H, res, e) : ok(H, res, NULL);
}

HOST(set_times_at)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    uint32_t len;
    if (!o || put_path(H, &a[2], 128, &len)) return -1;
    uint64_t at, mt;
    uint32_t fst = 0;
    ts_arg(&a[3], &at, &fst, WST_ATIM, WST_ATIM_NOW);
    ts_arg(&a[4], &mt, &fst, WST_MTIM, WST_MTIM_NOW);
    uint64_t q[7] = { o->fd, a[1].flags & 1, 128, len, at, mt, fst };
    uint16_t e;
    if (p1(H, bxw_path_filestat_set_times, q, &e)) return -1;
    return e ? errc(H, res, e) : ok(H, res, NULL);
}

static int fd1(W *h, p1fn fn, const bxcm_val *d, uint64_t x, uint64_t y, uint64_t z, int n, bxcm_val *res)
{
    obj *o = desc(h, d);
    if (!o || !scratch(h, 64)) return -1;
    uint64_t q[4] = { o->fd, x, y, z };
    (void)n;
    uint16_t e;
    if (p1(h, fn, q, &e)) return -1;
    return e ? errc(h, res, e) : ok(h, res, NULL);
}
HOST(fs_sync) { UNUSED; return fd1(H, bxw_fd_sync, &a[0], 0, 0, 0, 1, res); }
HOST(fs_sync_data) { UNUSED; return fd1(H, bxw_fd_datasync, &a[0], 0, 0, 0, 1, res); }
HOST(fs_set_size) { UNUSED; return fd1(H, bxw_fd_filestat_set_size, &a[0], a[1].u, 0, 0, 2, res); }
HOST(fs_advise) { UNUSED; return fd1(H, bxw_fd_advise, &a[0], a[1].u, a[2].u, a[3].u, 4, res); }

HOST(fs_read)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    if (!o) return -1;
    obj s = { .kind = K_IN, .fd = o->fd, .off = a[2].u, .positional = 1 };
    bxcm_val r;
    if (do_read(H, &s, a[1].u, &r)) return -1;
    bxcm_val *p = nv(H, 1), *t = nv(H, 2);
    if (!p || !t) return -1;
    if (r.var.tag == 0) { t[0] = *r.var.v; t[1].u = 0; }
    else if (r.var.v->var.tag == 1) { t[0].agg.n = 0; t[0].agg.bytes = NULL; t[1].u = 1; }
    else return errc(H, res, H->o[r.var.v->var.v->rep - 1].err);
    p->agg.v = t; p->agg.n = 2;
    return ok(H, res, p);
}

HOST(fs_write)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    if (!o) return -1;
    obj s = { .kind = K_OUT, .fd = o->fd, .off = a[2].u, .positional = 1 };
    uint32_t n = a[1].agg.n > IO_MAX ? IO_MAX : a[1].agg.n;
    bxcm_val r;
    if (do_write(H, &s, a[1].agg.bytes, n, &r)) return -1;
    if (r.var.tag) return errc(H, res, H->o[r.var.v->var.v->rep - 1].err);
    bxcm_val *p = nv(H, 1);
    if (!p) return -1;
    p->u = s.off - a[2].u;
    return ok(H, res, p);
}

HOST(read_directory)
{
    UNUSED;
    obj *o = desc(H, &a[0]);
    if (!o) return -1;
    uint32_t rep, fd = o->fd;
    bxcm_val *p = nv(H, 1);
    if (!p || obj_new(H, K_DIRS, &rep)) return -1;
    H->o[rep - 1].fd = fd;
    p->rep = rep;
    return ok(H, res, p);
}

HOST(read_directory_entry)
{
    UNUSED;
    obj *d = obj_get(H, a[0].rep, K_DIRS);
    if (!d) return -1;
    for (uint32_t blen = 4096;; ) {
        if (!scratch(H, 64 + blen)) return -1;
        uint64_t q[5] = { d->fd, 64, blen, d->off, 8 };
        uint16_t e;
        if (p1(H, bxw_fd_readdir, q, &e)) return -1;
        if (e) return errc(H, res, e);
        uint32_t used = bxw_ld32(H->scr + 8);
        if (used < 24) { bxcm_val *p = nv(H, 1); if (!p) return -1; p->var.tag = 0; return ok(H, res, p); }
        const uint8_t *ent = H->scr + 64;
        uint32_t nl = bxw_ld32(ent + 16);
        if (24 + (uint64_t)nl > used) {
            if (blen >= 65536 + 4096) return errc(H, res, W_NAMETOOLONG);
            blen = 65536 + 4096;
            continue;
        }
        d->off = bxw_ld64(ent);
        const char *nm = (const char *)ent + 24;
        if ((nl == 1 && nm[0] == '.') || (nl == 2 && nm[0] == '.' && nm[1] == '.')) continue;
        bxcm_val *p = nv(H, 1), *sv = nv(H, 1), *f = nv(H, 2);
        if (!p || !sv || !f) return -1;
        f[0].u = dtype(ent[20]);
        if (mkstr(H, &f[1], nm, nl)) return -1;
        sv->agg.v = f; sv->agg.n = 2;
        p->var.tag = 1; p->var.v = sv;
        return ok(H, res, p);
    }
}

HOST(fs_error_code)
{
    UNUSED;
    obj *o = obj_get(H, a[0].rep, K_ERR);
    if (!o) return -1;
    if (!o->err) { res->var.tag = 0; return 0; }
    bxcm_val *p = nv(H, 1);
    if (!p) return -1;
    p->u = ecode(o->err);
    res->var.tag = 1; res->var.v = p;
    return 0;
}

/* wasi:sockets: present, every operation refused with access-denied. */
HOST(sockets_denied)
{
    (void)a; (void)user;
    const bxcm_type *r = ft->t0;
    if (r && r->k == TK_RESULT && r->t1 && r->t1->k == TK_ENUM) {
        for (uint32_t i = 0; i < r->t1->n; i++)
            if (!strcmp(r->t1->names[i], "access-denied")) {
                bxcm_val *p = bxcm_alloc(cx, sizeof *p);
                if (!p) return -1;
                p->u = i;
                res->var.tag = 1; res->var.v = p;
                return 0;
            }
    }
    return bxcm_trap(cx, BX_TRAP_HOST, "wasi:sockets: network access is not available in this sandbox");
}

/* ---- the table ---------------------------------------------------------- */
/* sig: the WIT type's shape (bxcm_shape); a component declaring the import
 * with any other type is refused at instantiation, so no host function
 * reads an argument or builds a result of a shape it does not expect. */
typedef struct hdef { const char *iface, *name; bxcm_host_fn fn; const char *sig; } hdef;
static const hdef defs[] = {
    { "wasi:cli/environment", "get-arguments", get_arguments,
      "f()->[s]" },
    { "wasi:cli/environment", "get-environment", get_environment,
      "f()->[(s,s)]" },
    { "wasi:cli/environment", "initial-cwd", initial_cwd,
      "f()->?s" },
    { "wasi:cli/exit", "exit", cli_exit,
      "f(R(_|_))->_" },
    { "wasi:cli/exit", "exit-with-code", cli_exit_code,
      "f(C)->_" },
    { "wasi:cli/stdin", "get-stdin", get_stdin,
      "f()->o" },
    { "wasi:cli/stdout", "get-stdout", get_stdout,
      "f()->o" },
    { "wasi:cli/stderr", "get-stderr", get_stderr,
      "f()->o" },
    { "wasi:cli/terminal-stdin", "get-terminal-stdin", no_terminal,
      "f()->?o" },
    { "wasi:cli/terminal-stdout", "get-terminal-stdout", no_terminal,
      "f()->?o" },
    { "wasi:cli/terminal-stderr", "get-terminal-stderr", no_terminal,
      "f()->?o" },
    { "wasi:io/error", "[method]error.to-debug-string", error_debug,
      "f(&)->s" },
    { "wasi:io/poll", "poll", poll_list,
      "f([&])->[I]" },
    { "wasi:io/poll", "[method]pollable.ready", pollable_ready,
      "f(&)->b" },
    { "wasi:io/poll", "[method]pollable.block", pollable_block,
      "f(&)->_" },
    { "wasi:io/streams", "[method]input-stream.read", in_read,
      "f(&,L)->R([C]|<o|_>)" },
    { "wasi:io/streams", "[method]input-stream.blocking-read", in_read,
      "f(&,L)->R([C]|<o|_>)" },
    { "wasi:io/streams", "[method]input-stream.skip", in_skip,
      "f(&,L)->R(L|<o|_>)" },
    { "wasi:io/streams", "[method]input-stream.blocking-skip", in_skip,
      "f(&,L)->R(L|<o|_>)" },
    { "wasi:io/streams", "[method]input-stream.subscribe", subscribe_ready,
      "f(&)->o" },
    { "wasi:io/streams", "[method]output-stream.check-write", out_check_write,
      "f(&)->R(L|<o|_>)" },
    { "wasi:io/streams", "[method]output-stream.write", out_write,
      "f(&,[C])->R(_|<o|_>)" },
    { "wasi:io/streams", "[method]output-stream.blocking-write-and-flush", out_write,
      "f(&,[C])->R(_|<o|_>)" },
    { "wasi:io/streams", "[method]output-stream.flush", out_flush,
      "f(&)->R(_|<o|_>)" },
    { "wasi:io/streams", "[method]output-stream.blocking-flush", out_flush,
      "f(&)->R(_|<o|_>)" },
    { "wasi:io/streams", "[method]output-stream.subscribe", subscribe_ready,
      "f(&)->o" },
    { "wasi:io/streams", "[method]output-stream.splice", out_splice,
      "f(&,&,L)->R(L|<o|_>)" },
    { "wasi:io/streams", "[method]output-stream.blocking-splice", out_splice,
      "f(&,&,L)->R(L|<o|_>)" },
    { "wasi:io/streams", "[method]output-stream.write-zeroes", out_write_zeroes,
      "f(&,L)->R(_|<o|_>)" },
    { "wasi:io/streams", "[method]output-stream.blocking-write-zeroes-and-flush", out_write_zeroes,
      "f(&,L)->R(_|<o|_>)" },
    { "wasi:clocks/monotonic-clock", "now", mono_now_fn,
      "f()->L" },
    { "wasi:clocks/monotonic-clock", "resolution", mono_res,
      "f()->L" },
    { "wasi:clocks/monotonic-clock", "subscribe-instant", subscribe_instant,
      "f(L)->o" },
    { "wasi:clocks/monotonic-clock", "subscribe-duration", subscribe_duration,
      "f(L)->o" },
    { "wasi:clocks/wall-clock", "now", wall_now,
      "f()->{L,I}" },
    { "wasi:clocks/wall-clock", "resolution", wall_res,
      "f()->{L,I}" },
    { "wasi:random/random", "get-random-bytes", rand_bytes,
      "f(L)->[C]" },
    { "wasi:random/random", "get-random-u64", rand_u64,
      "f()->L" },
    { "wasi:random/insecure", "get-insecure-random-bytes", rand_bytes,
      "f(L)->[C]" },
    { "wasi:random/insecure", "get-insecure-random-u64", rand_u64,
      "f()->L" },
    { "wasi:random/insecure-seed", "insecure-seed", rand_seed,
      "f()->(L,L)" },
    { "wasi:filesystem/preopens", "get-directories", get_directories,
      "f()->[(o,s)]" },
    { "wasi:filesystem/types", "filesystem-error-code", fs_error_code,
      "f(&)->?e37" },
    { "wasi:filesystem/types", "[method]descriptor.read-via-stream", read_via_stream,
      "f(&,L)->R(o|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.write-via-stream", write_via_stream,
      "f(&,L)->R(o|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.append-via-stream", append_via_stream,
      "f(&)->R(o|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.advise", fs_advise,
      "f(&,L,L,e6)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.sync-data", fs_sync_data,
      "f(&)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.get-flags", get_flags,
      "f(&)->R(F6|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.get-type", get_type,
      "f(&)->R(e8|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.set-size", fs_set_size,
      "f(&,L)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.set-times", set_times,
      "f(&,<_|_|{L,I}>,<_|_|{L,I}>)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.read", fs_read,
      "f(&,L,L)->R(([C],b)|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.write", fs_write,
      "f(&,[C],L)->R(L|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.read-directory", read_directory,
      "f(&)->R(o|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.sync", fs_sync,
      "f(&)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.create-directory-at", create_directory_at,
      "f(&,s)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.stat", fs_stat,
      "f(&)->R({e8,L,L,?{L,I},?{L,I},?{L,I}}|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.stat-at", fs_stat_at,
      "f(&,F1,s)->R({e8,L,L,?{L,I},?{L,I},?{L,I}}|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.set-times-at", set_times_at,
      "f(&,F1,s,<_|_|{L,I}>,<_|_|{L,I}>)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.link-at", link_at,
      "f(&,F1,s,&,s)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.open-at", open_at,
      "f(&,F1,s,F4,F6)->R(o|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.readlink-at", readlink_at,
      "f(&,s)->R(s|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.remove-directory-at", remove_directory_at,
      "f(&,s)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.rename-at", rename_at,
      "f(&,s,&,s)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.symlink-at", symlink_at,
      "f(&,s,s)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.unlink-file-at", unlink_file_at,
      "f(&,s)->R(_|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.is-same-object", is_same_object,
      "f(&,&)->b" },
    { "wasi:filesystem/types", "[method]descriptor.metadata-hash", metadata_hash,
      "f(&)->R({L,L}|e37)" },
    { "wasi:filesystem/types", "[method]descriptor.metadata-hash-at", metadata_hash_at,
      "f(&,F1,s)->R({L,L}|e37)" },
    { "wasi:filesystem/types", "[method]directory-entry-stream.read-directory-entry", read_directory_entry,
      "f(&)->R(?{e8,s}|e37)" },
};

static bxcm_host_fn lookup(void *user, const char *iface, const char *name, const bxcm_type *ft, void **fuser)
{
    *fuser = user;
    char shp[512];
    const char *have = bxcm_shape(ft, shp, sizeof shp);
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        if (!strcmp(defs[i].iface, iface) && !strcmp(defs[i].name, name))
            return !strcmp(defs[i].sig, have) ? defs[i].fn : NULL;
    if (!strncmp(iface, "wasi:sockets/", 13)) return sockets_denied;
    if (!strncmp(iface, "wasi:http/", 10)) {
        if (!((W *)user)->http) return NULL;   /* never a host function without its state */
        *fuser = ((W *)user)->http;
        return bxcm_http_lookup(iface, name, ft);
    }
    return NULL;
}

static int drop(void *user, const bxcm_type *rt, uint32_t rep)
{
    W *h = user;
    (void)rt;
    if (BXCM_IS_HTTP(rep)) return bxcm_http_drop(h->http, rep);
    if (rep == 0 || rep > h->n) return 0;
    obj *o = &h->o[rep - 1];
    if (o->kind == K_DESC && !o->nodrop) {
        bxw_fd *e = bxw_fd_get(h->w, o->fd);
        if (e) bxw_fd_release(e);
    }
    o->kind = K_FREE;
    return 0;
}

bx_status bxcm_wasi_run(bx_wasi *w, bx_store *s, const bxcm_comp *c, bx_error *err)
{
    return bxcm_wasi_run_net(w, NULL, s, c, err);
}

bx_status bxcm_wasi_run_net(bx_wasi *w, bx_net *net, bx_store *s, const bxcm_comp *c, bx_error *err)
{
    W h = { .w = w };
    bxcm_host host = { lookup, drop, &h };
    bxcm_ctx *cx = bxcm_ctx_new(s, &host);
    if (cx) h.http = bxcm_http_new(cx, net);
    if (!cx || !h.http) {
        bxcm_ctx_free(cx);
        snprintf(err->msg, sizeof err->msg, "out of host memory"); err->status = BX_ERR_NOMEM; return BX_ERR_NOMEM;
    }
    h.cx = cx;
    bx_status st = bxcm_instantiate(cx, c, err);
    if (st == BX_OK) {
        int rc = bxcm_run_command(cx, err);
        if (rc >= 0) {
            /* run returned: ok is exit 0, error is exit 1 (as wasmtime) */
            err->status = BX_ERR_TRAP;
            err->trap = BX_TRAP_EXIT;
            cx->exit_code = rc;
            st = BX_ERR_TRAP;
        } else st = err->status;
    }
    if (st == BX_ERR_TRAP && err->trap == BX_TRAP_EXIT) {
        /* record the exit code where the caller reads it */
        bx_hostcall hc = { s, NULL, NULL, 0, NULL };
        bx_hostcall_exit(&hc, cx->exit_code);
    }
    bxcm_ctx_free(cx);
    bxcm_http_free(h.http);
    free(h.o);
    free(h.scr);
    return st;
}

/* --invoke: instantiate as for run, then one call with WAVE arguments
 * (wave.c).  An exit during the call ends the run as it does for run. */
bx_status bxcm_wasi_invoke(bx_wasi *w, bx_net *net, bx_store *s, const bxcm_comp *c, const char *call,
                           const char *const *args, uint32_t nargs, size_t max_text, char **text,
                           size_t *len, int *cut, bx_error *err)
{
    W h = { .w = w };
    bxcm_host host = { lookup, drop, &h };
    *text = NULL;
    /* the same wasi:http host as run's: an export may fetch under the run's grants */
    bxcm_ctx *cx = bxcm_ctx_new(s, &host);
    if (cx) h.http = bxcm_http_new(cx, net);
    if (!cx || !h.http) {
        bxcm_ctx_free(cx);
        snprintf(err->msg, sizeof err->msg, "out of host memory"); err->status = BX_ERR_NOMEM; return BX_ERR_NOMEM;
    }
    h.cx = cx;
    bx_status st = bxcm_instantiate(cx, c, err);
    if (st == BX_OK) st = bxcm_invoke(cx, call, args, nargs, max_text, text, len, cut, err);
    if (st == BX_ERR_TRAP && err->trap == BX_TRAP_EXIT) {
        bx_hostcall hc = { s, NULL, NULL, 0, NULL };
        bx_hostcall_exit(&hc, cx->exit_code);
    }
    bxcm_ctx_free(cx);
    bxcm_http_free(h.http);
    free(h.o);
    free(h.scr);
    return st;
}
