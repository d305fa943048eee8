/*
 * host.c — the guest ABI of the HTTP capability: import module
 * "boxagnts:http".  All parameters and results are i32; pointers and
 * lengths are into the caller's memory 0 and every one is bounds-checked
 * (a bad one is BX_NET_ERANGE, never a host fault).  Every function
 * returns a bx_net_code (0 = ok); after a failure last_error has a
 * sentence for the user.
 *
 *   request(req_ptr, req_len, handle_out) -> code
 *       req: JSON {"url": "...", "method": "GET", "headers": {"Name": "v"}
 *       (or [["Name","v"], ...]), "body": "text", "max_response_bytes": N,
 *       "timeout_ms": N, "max_redirects": N}; at most 16 MiB.  On success
 *       the u32 at handle_out is a response handle (>= 1; at most 8 open).
 *   response_meta(handle, buf, cap, len_out) -> code
 *       writes JSON {"status": 200, "final_url": "...", "headers":
 *       [["content-type","text/html"], ...], "body_bytes": N,
 *       "truncated": false, "redirects": 0} into buf; the u32 at len_out is
 *       its full length; BX_NET_ERANGE (nothing written) when cap is less.
 *   response_body(handle, offset, buf, cap, len_out) -> code
 *       copies body bytes from offset (at most cap); len_out = bytes copied
 *       (0 at the end).
 *   close(handle) -> code
 *   last_error(buf, cap, len_out) -> code
 *       the last failure's message (cut at cap; len_out = its full length).
 *
 * Policy, pinning, secrets: see http.c / policy.c.  A request in flight
 * stops when the store is interrupted (the run's timeout) and the call
 * then traps as interrupted, so the run ends as a timeout.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net_impl.h"

#define MAX_REQUEST (16u << 20)

static int mem_ok(const bx_hostcall *hc, uint64_t p, uint64_t n)
{
    return hc->mem && p <= hc->mem_size && n <= hc->mem_size - p;
}

static void put32(bx_hostcall *hc, uint32_t p, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    memcpy(hc->mem + p, b, 4);
}

static bx_trap ret(uint64_t *a, bx_net *n, int code, const char *msg)
{
    if (code && msg) snprintf(n->last_error, sizeof n->last_error, "%s", msg);
    a[0] = (uint32_t)code;
    return BX_TRAP_NONE;
}

static int stop_cb(void *store) { return bx_store_is_interrupted(store); }

static bx_http_response *handle(bx_net *n, uint32_t h)
{
    return h >= 1 && h <= BXN_MAX_HANDLES ? n->resp[h - 1] : NULL;
}

static bx_trap h_request(bx_hostcall *hc, uint64_t *a)
{
    bx_net *n = hc->user;
    uint32_t rp = (uint32_t)a[0], rl = (uint32_t)a[1], hp = (uint32_t)a[2];
    if (!mem_ok(hc, rp, rl) || !mem_ok(hc, hp, 4))
        return ret(a, n, BX_NET_ERANGE, "request: a pointer or length is outside the module's memory");
    if (rl > MAX_REQUEST) return ret(a, n, BX_NET_ETOOBIG, "request: the request is larger than 16 MiB");
    /* fuel (boxagnts.h rate): the request's bytes up front, the response
     * body's once it is in; response_meta/body/last_error the bytes copied */
    bx_trap t = bx_hostcall_charge(hc, bx_fuel_for_bytes(rl));
    if (t != BX_TRAP_NONE) return t;
    int slot = -1;
    for (int i = 0; i < BXN_MAX_HANDLES && slot < 0; i++)
        if (!n->resp[i]) slot = i;
    if (slot < 0) return ret(a, n, BX_NET_EBADF, "request: 8 responses are open; close one first");

    cJSON *j = cJSON_ParseWithLength((const char *)hc->mem + rp, rl);
    if (!cJSON_IsObject(j)) {
        cJSON_Delete(j);
        return ret(a, n, BX_NET_EINVAL, "request: not a JSON object");
    }
    bx_http_request rq;
    memset(&rq, 0, sizeof rq);
    rq.max_redirects = -1;
    const cJSON *u = cJSON_GetObjectItemCaseSensitive(j, "url");
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "method");
    const cJSON *hs = cJSON_GetObjectItemCaseSensitive(j, "headers");
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(j, "body");
    const cJSON *x;
    const char *bad = NULL;
    if (!cJSON_IsString(u)) bad = "request: \"url\" must be a string";
    else if (m && !cJSON_IsNull(m) && !cJSON_IsString(m)) bad = "request: \"method\" must be a string";
    else if (b && !cJSON_IsNull(b) && !cJSON_IsString(b)) bad = "request: \"body\" must be a string";
    else if (hs && !cJSON_IsNull(hs) && !cJSON_IsObject(hs) && !cJSON_IsArray(hs))
        bad = "request: \"headers\" must be an object or an array of [name, value]";
    if (bad) {
        cJSON_Delete(j);
        return ret(a, n, BX_NET_EINVAL, bad);
    }
    rq.url = u->valuestring;
    rq.method = cJSON_IsString(m) ? m->valuestring : NULL;
    if (cJSON_IsString(b)) {
        rq.body = (const uint8_t *)b->valuestring;
        rq.body_len = strlen(b->valuestring);
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(j, "max_response_bytes")) && cJSON_IsNumber(x) && x->valuedouble > 0)
        rq.max_response_bytes = x->valuedouble > 1e15 ? (uint64_t)1e15 : (uint64_t)x->valuedouble;
    if ((x = cJSON_GetObjectItemCaseSensitive(j, "timeout_ms")) && cJSON_IsNumber(x) && x->valuedouble > 0)
        rq.timeout_ns = x->valuedouble > 1e9 ? (uint64_t)1e15 : (uint64_t)(x->valuedouble * 1e6);
    if ((x = cJSON_GetObjectItemCaseSensitive(j, "max_redirects")) && cJSON_IsNumber(x) && x->valuedouble >= 0)
        rq.max_redirects = x->valuedouble > 1000 ? 1000 : (int)x->valuedouble;

    int nh = hs ? cJSON_GetArraySize(hs) : 0;
    const char **names = calloc((size_t)nh + 1, sizeof *names);
    const char **vals = calloc((size_t)nh + 1, sizeof *vals);
    if (!names || !vals) {
        free(names);
        free(vals);
        cJSON_Delete(j);
        return ret(a, n, BX_NET_ENOMEM, "request: out of memory");
    }
    int k = 0;
    for (const cJSON *e = hs ? hs->child : NULL; e && !bad; e = e->next) {
        if (cJSON_IsArray(hs)) {
            const cJSON *hn = cJSON_GetArrayItem(e, 0), *hv = cJSON_GetArrayItem(e, 1);
            if (!cJSON_IsArray(e) || cJSON_GetArraySize(e) != 2 || !cJSON_IsString(hn) || !cJSON_IsString(hv))
                bad = "request: each header must be [name, value] with two strings";
            else names[k] = hn->valuestring, vals[k++] = hv->valuestring;
        } else if (!cJSON_IsString(e) || !e->string) {
            bad = "request: header values must be strings";
        } else {
            names[k] = e->string, vals[k++] = e->valuestring;
        }
    }
    if (bad) {
        free(names);
        free(vals);
        cJSON_Delete(j);
        return ret(a, n, BX_NET_EINVAL, bad);
    }
    rq.header_names = names;
    rq.header_values = vals;
    rq.nheaders = (size_t)k;
    rq.stop = stop_cb;
    rq.stop_user = hc->store;

    bx_http_response *r = calloc(1, sizeof *r);
    char msg[512];
    int code = r ? (int)bx_net_request(n, &rq, r, msg, sizeof msg) : BX_NET_ENOMEM;
    if (!r) snprintf(msg, sizeof msg, "request: out of memory");
    free(names);
    free(vals);
    cJSON_Delete(j);
    if (code != BX_NET_OK) {
        free(r);
        /* the run's deadline or interrupt: the run ends as a timeout */
        if (code == BX_NET_EINTERRUPTED) return BX_TRAP_INTERRUPTED;
        return ret(a, n, code, msg);
    }
    n->resp[slot] = r;
    put32(hc, hp, (uint32_t)slot + 1);
    if ((t = bx_hostcall_charge(hc, bx_fuel_for_bytes(r->body_len))) != BX_TRAP_NONE) return t;
    return ret(a, n, BX_NET_OK, NULL);
}

static bx_trap h_meta(bx_hostcall *hc, uint64_t *a)
{
    bx_net *n = hc->user;
    uint32_t h = (uint32_t)a[0], bp = (uint32_t)a[1], cap = (uint32_t)a[2], lp = (uint32_t)a[3];
    bx_http_response *r = handle(n, h);
    if (!r) return ret(a, n, BX_NET_EBADF, "response_meta: no such response handle");
    if (!mem_ok(hc, bp, cap) || !mem_ok(hc, lp, 4))
        return ret(a, n, BX_NET_ERANGE, "response_meta: a pointer or length is outside the module's memory");
    cJSON *o = cJSON_CreateObject(), *hs = cJSON_AddArrayToObject(o, "headers");
    cJSON_AddNumberToObject(o, "status", (double)r->status);
    cJSON_AddStringToObject(o, "final_url", r->final_url ? r->final_url : "");
    for (size_t i = 0; hs && i < r->nheaders; i++) {
        cJSON *p = cJSON_CreateArray();
        cJSON_AddItemToArray(p, cJSON_CreateString(r->header_names[i]));
        cJSON_AddItemToArray(p, cJSON_CreateString(r->header_values[i]));
        cJSON_AddItemToArray(hs, p);
    }
    cJSON_AddNumberToObject(o, "body_bytes", (double)r->body_len);
    cJSON_AddBoolToObject(o, "truncated", r->truncated);
    cJSON_AddNumberToObject(o, "redirects", r->redirects);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!s) return ret(a, n, BX_NET_ENOMEM, "response_meta: out of memory");
    size_t l = strlen(s);
    bx_trap t = bx_hostcall_charge(hc, bx_fuel_for_bytes(l));
    if (t != BX_TRAP_NONE) {
        free(s);
        return t;
    }
    put32(hc, lp, (uint32_t)l);
    if (l > cap) {
        free(s);
        return ret(a, n, BX_NET_ERANGE, "response_meta: the buffer is too small (the needed size is at len_out)");
    }
    memcpy(hc->mem + bp, s, l);
    free(s);
    return ret(a, n, BX_NET_OK, NULL);
}

static bx_trap h_body(bx_hostcall *hc, uint64_t *a)
{
    bx_net *n = hc->user;
    uint32_t h = (uint32_t)a[0], off = (uint32_t)a[1], bp = (uint32_t)a[2], cap = (uint32_t)a[3],
             lp = (uint32_t)a[4];
    bx_http_response *r = handle(n, h);
    if (!r) return ret(a, n, BX_NET_EBADF, "response_body: no such response handle");
    if (!mem_ok(hc, bp, cap) || !mem_ok(hc, lp, 4))
        return ret(a, n, BX_NET_ERANGE, "response_body: a pointer or length is outside the module's memory");
    size_t k = off >= r->body_len ? 0 : r->body_len - off;
    if (k > cap) k = cap;
    bx_trap t = bx_hostcall_charge(hc, bx_fuel_for_bytes(k));
    if (t != BX_TRAP_NONE) return t;
    if (k) memcpy(hc->mem + bp, r->body + off, k);
    put32(hc, lp, (uint32_t)k);
    return ret(a, n, BX_NET_OK, NULL);
}

static bx_trap h_close(bx_hostcall *hc, uint64_t *a)
{
    bx_net *n = hc->user;
    uint32_t h = (uint32_t)a[0];
    bx_http_response *r = handle(n, h);
    if (!r) return ret(a, n, BX_NET_EBADF, "close: no such response handle");
    bx_http_response_free(r);
    free(r);
    n->resp[h - 1] = NULL;
    return ret(a, n, BX_NET_OK, NULL);
}

static bx_trap h_last_error(bx_hostcall *hc, uint64_t *a)
{
    bx_net *n = hc->user;
    uint32_t bp = (uint32_t)a[0], cap = (uint32_t)a[1], lp = (uint32_t)a[2];
    if (!mem_ok(hc, bp, cap) || !mem_ok(hc, lp, 4))
        return ret(a, n, BX_NET_ERANGE, "last_error: a pointer or length is outside the module's memory");
    size_t l = strlen(n->last_error), k = l < cap ? l : cap;
    memcpy(hc->mem + bp, n->last_error, k);
    put32(hc, lp, (uint32_t)l);
    a[0] = 0;
    return BX_TRAP_NONE;
}

bx_status bx_net_define(bx_net *n, bx_store *s, bx_linker *l, bx_error *err)
{
    static const bx_valtype i32s[5] = {BX_I32, BX_I32, BX_I32, BX_I32, BX_I32};
    static const struct { const char *name; uint32_t np; bx_host_fn fn; } fns[] = {
        {"request", 3, h_request},     {"response_meta", 4, h_meta}, {"response_body", 5, h_body},
        {"close", 1, h_close},         {"last_error", 3, h_last_error},
    };
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
        bx_functype ft = {fns[i].np, 1, i32s, i32s};
        bx_func *f = bx_func_new_host(s, &ft, fns[i].fn, n);
        bx_extern e;
        if (!f)
            return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        e.kind = BX_EXTERN_FUNC;
        e.of.func = f;
        bx_status st = bx_linker_define(l, BX_NET_MODULE, fns[i].name, e);
        if (st != BX_OK)
            return bx_error_setf(err, st, "cannot define %s.%s", BX_NET_MODULE, fns[i].name);
    }
    return BX_OK;
}
