/*
 * tests/component/http/guest.c — a wasi:http client for t_http.sh, built
 * for wasm32-wasi and turned into a component with `jco embed` (world.wit)
 * and `jco new --wasi-command`.  Its wasi:http and wasi:io imports are
 * declared by hand with the canonical ABI's flattened signatures (results
 * wider than one value come back through a return area whose offsets are
 * the ABI's: the comments give them), so the test does not depend on a
 * bindings generator.
 *
 *   guest req METHOD URL BODY|- [NAME:VALUE...]   one request; prints what it sees
 *   guest follow URL                              a GET; on a 3xx, a new request to its Location
 *   guest --url U [--method M] [--body B]          the first, as a tool (argv input, JSON result)
 *   guest big URL                                 a GET, the body's length only
 *   guest many URL                                10 responses kept open, then one more
 *   guest MISUSE URL                              see main(): wrong uses that must trap or fail
 *
 * Output lines: "handle-error N", "error N" (error-code case numbers),
 * "status N", "header NAME: VALUE", "body-bytes N", "body-start" + the
 * body + "\nbody-end", "stream-error N", "trailers ok|error N", and one
 * line per misuse step.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMP(m, n) __attribute__((import_module(m), import_name(n)))
#define T "wasi:http/types@0.2.12"
#define S "wasi:io/streams@0.2.12"
#define P "wasi:io/poll@0.2.12"

IMP(T, "[constructor]fields") int32_t fields_new(void);
IMP(T, "[method]fields.append") void fields_append(int32_t, const char *, size_t, const void *, size_t, void *ret);
IMP(T, "[method]fields.entries") void fields_entries(int32_t, void *ret);
IMP(T, "[method]fields.get") void fields_get(int32_t, const char *, size_t, void *ret);
IMP(T, "[resource-drop]fields") void fields_drop(int32_t);
IMP(T, "[constructor]outgoing-request") int32_t oreq_new(int32_t fields);
IMP(T, "[method]outgoing-request.body") void oreq_body(int32_t, void *ret);
IMP(T, "[method]outgoing-request.set-method") int32_t oreq_set_method(int32_t, int32_t tag, const char *, size_t);
IMP(T, "[method]outgoing-request.set-path-with-query") int32_t oreq_set_path(int32_t, int32_t some, const char *, size_t);
IMP(T, "[method]outgoing-request.set-scheme") int32_t oreq_set_scheme(int32_t, int32_t some, int32_t tag, const char *, size_t);
IMP(T, "[method]outgoing-request.set-authority") int32_t oreq_set_authority(int32_t, int32_t some, const char *, size_t);
IMP(T, "[method]outgoing-request.headers") int32_t oreq_headers(int32_t);
IMP(T, "[resource-drop]outgoing-request") void oreq_drop(int32_t);
IMP(T, "[method]outgoing-body.write") void obody_write(int32_t, void *ret);
IMP(T, "[static]outgoing-body.finish") void obody_finish(int32_t, int32_t some, int32_t trailers, void *ret);
IMP(T, "[resource-drop]outgoing-body") void obody_drop(int32_t);
IMP(T, "[method]future-incoming-response.subscribe") int32_t future_subscribe(int32_t);
IMP(T, "[method]future-incoming-response.get") void future_get(int32_t, void *ret);
IMP(T, "[resource-drop]future-incoming-response") void future_drop(int32_t);
IMP(T, "[method]incoming-response.status") int32_t iresp_status(int32_t);
IMP(T, "[method]incoming-response.headers") int32_t iresp_headers(int32_t);
IMP(T, "[method]incoming-response.consume") void iresp_consume(int32_t, void *ret);
IMP(T, "[resource-drop]incoming-response") void iresp_drop(int32_t);
IMP(T, "[method]incoming-body.stream") void ibody_stream(int32_t, void *ret);
IMP(T, "[static]incoming-body.finish") int32_t ibody_finish(int32_t);
IMP(T, "[resource-drop]incoming-body") void ibody_drop(int32_t);
IMP(T, "[method]future-trailers.get") void trailers_get(int32_t, void *ret);
IMP(T, "[resource-drop]future-trailers") void trailers_drop(int32_t);
IMP(T, "http-error-code") void http_error_code(int32_t, void *ret);
IMP("wasi:http/outgoing-handler@0.2.12", "handle") void http_handle(int32_t req, int32_t some, int32_t opts, void *ret);
IMP(S, "[method]output-stream.blocking-write-and-flush") void out_write(int32_t, const void *, size_t, void *ret);
IMP(S, "[method]output-stream.check-write") void out_check(int32_t, void *ret);
IMP(S, "[resource-drop]output-stream") void out_drop(int32_t);
IMP(S, "[method]input-stream.blocking-read") void in_read(int32_t, int64_t, void *ret);
IMP(S, "[resource-drop]input-stream") void in_drop(int32_t);
IMP(P, "[method]pollable.block") void poll_block(int32_t);
IMP(P, "[resource-drop]pollable") void poll_drop(int32_t);
IMP("wasi:io/error@0.2.12", "[resource-drop]error") void err_drop(int32_t);
IMP(P, "poll") void io_poll(const int32_t *list, size_t n, void *ret);
IMP("wasi:clocks/monotonic-clock@0.2.12", "subscribe-duration") int32_t sleep_for(int64_t ns);
IMP(T, "[constructor]request-options") int32_t opts_new(void);
IMP(T, "[method]request-options.set-first-byte-timeout") int32_t opts_first_byte(int32_t, int32_t some, int64_t ns);

/* Built as a reactor (-mexec-model=reactor) with its own _start: in the
 * command model wasm-ld wraps every export, cabi_realloc included, in
 * constructor and destructor calls, and the destructors flush stdio, i.e.
 * call an import from inside realloc, which the canonical ABI forbids. */
__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *p, size_t old, size_t align, size_t n)
{
    (void)old; (void)align;
    return realloc(p, n ? n : 1);
}
extern void __wasm_call_ctors(void);
extern int __main_void(void);
__attribute__((export_name("_start"))) void start(void)
{
    __wasm_call_ctors();
    exit(__main_void());
}

static _Alignas(8) uint8_t ret[64];
static FILE *O;                          /* stdout, or a memory stream for as_tool */
static uint8_t u8(int o) { return ret[o]; }
static int32_t i32(int o) { int32_t v; memcpy(&v, ret + o, 4); return v; }
static uint64_t u64(int o) { uint64_t v; memcpy(&v, ret + o, 8); return v; }

static int add_header(int32_t f, const char *name, const char *val)
{
    fields_append(f, name, strlen(name), val, strlen(val), ret);
    return u8(0) ? u8(1) : -1;          /* result<_, header-error>: disc @0, error @1 */
}

/* A request from a URL; body NULL: none (body() never called). */
typedef struct req { int32_t r, body; } req;
static int make(req *q, const char *method, const char *url, char **hdrs, int nh)
{
    int32_t f = fields_new();
    for (int i = 0; i < nh; i++) {
        char *c = strchr(hdrs[i], ':');
        if (!c) continue;
        *c = 0;
        int e = add_header(f, hdrs[i], c + 1);
        if (e >= 0) fprintf(O, "header-error %d %s\n", e, hdrs[i]);
        *c = ':';
    }
    q->r = oreq_new(f);
    q->body = 0;
    static const char *const m[] = { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH" };
    int tag = 9;
    for (int i = 0; i < 9; i++) if (!strcmp(method, m[i])) tag = i;
    if (oreq_set_method(q->r, tag, method, strlen(method))) fprintf(O, "set-method failed\n");
    const char *p = strstr(url, "://");
    int https = p && p - url == 5;
    if (p) oreq_set_scheme(q->r, 1, https ? 1 : 0, "", 0);
    const char *a = p ? p + 3 : url, *sl = strchr(a, '/');
    size_t al = sl ? (size_t)(sl - a) : strlen(a);
    if (oreq_set_authority(q->r, 1, a, al)) fprintf(O, "set-authority failed\n");
    const char *path = sl ? sl : "/";
    if (oreq_set_path(q->r, 1, path, strlen(path))) fprintf(O, "set-path failed\n");
    return 0;
}

static int32_t open_body(req *q)
{
    oreq_body(q->r, ret);                /* result<own<outgoing-body>>: disc @0, handle @4 */
    if (u8(0)) { fprintf(O, "body() failed\n"); return 0; }
    return q->body = i32(4);
}

static int32_t body_stream(int32_t b)
{
    obody_write(b, ret);
    if (u8(0)) { fprintf(O, "write() failed\n"); return 0; }
    return i32(4);
}

static void write_all(int32_t s, const char *data, size_t n)
{
    while (n) {
        size_t k = n > 4096 ? 4096 : n;
        out_write(s, data, k, ret);      /* result<_, stream-error>: disc @0, case @4, error @8 */
        if (u8(0)) {
            if (u8(4) == 0) {
                http_error_code(i32(8), ret);
                fprintf(O, "write-error %d\n", u8(0) ? u8(8) : -1);
            } else fprintf(O, "write-closed\n");
            return;
        }
        data += k;
        n -= k;
    }
}

static int finish(int32_t b)
{
    obody_finish(b, 0, 0, ret);          /* result<_, error-code>: disc @0, code @8 */
    if (u8(0)) { fprintf(O, "finish-error %d\n", u8(8)); return -1; }
    return 0;
}

/* handle + wait + get: the response handle, or 0 after printing the error */
static int32_t send(req *q)
{
    http_handle(q->r, 0, 0, ret);        /* result<own<future>, error-code>: disc @0, payload @8 */
    if (u8(0)) { fprintf(O, "handle-error %d\n", u8(8)); return 0; }
    int32_t fut = i32(8);
    return fut;
}

static int32_t await(int32_t fut)
{
    int32_t p = future_subscribe(fut);
    poll_block(p);
    poll_drop(p);
    future_get(fut, ret);                /* option @0, result @8, inner result @16, payload @24 */
    if (!u8(0)) { fprintf(O, "not-ready\n"); return 0; }
    if (u8(8)) { fprintf(O, "already-taken\n"); return 0; }
    if (u8(16)) { fprintf(O, "error %d\n", u8(24)); return 0; }
    return i32(24);
}

static void print_headers(int32_t h)
{
    fields_entries(h, ret);              /* list: ptr @0, len @4; tuple<string, list<u8>> of 16 bytes */
    uint8_t *e = (uint8_t *)(uintptr_t)i32(0);
    int32_t n = i32(4);
    for (int32_t i = 0; i < n; i++) {
        int32_t np, nl, vp, vl;
        memcpy(&np, e + 16 * i, 4); memcpy(&nl, e + 16 * i + 4, 4);
        memcpy(&vp, e + 16 * i + 8, 4); memcpy(&vl, e + 16 * i + 12, 4);
        fprintf(O, "header %.*s: %.*s\n", (int)nl, (char *)(uintptr_t)np, (int)vl, (char *)(uintptr_t)vp);
    }
}

static void read_body(int32_t resp, int show)
{
    iresp_consume(resp, ret);
    if (u8(0)) { fprintf(O, "consume failed\n"); return; }
    int32_t b = i32(4);
    ibody_stream(b, ret);
    if (u8(0)) { fprintf(O, "stream failed\n"); return; }
    int32_t s = i32(4);
    size_t total = 0;
    if (show) fprintf(O, "body-start\n");
    for (;;) {
        in_read(s, 65536, ret);          /* result<list<u8>, stream-error>: disc @0, ptr @4 len @8 | case @4, error @8 */
        if (u8(0)) {
            if (u8(4) == 0) {
                int32_t err = i32(8);
                http_error_code(err, ret);
                if (show) fprintf(O, "\nbody-end\n");
                fprintf(O, "stream-error %d\n", u8(0) ? u8(8) : -1);
                err_drop(err);
                show = 0;
                in_read(s, 65536, ret);
                fprintf(O, "after-error %s\n", u8(0) && u8(4) == 1 ? "closed" : "other");
            }
            break;
        }
        int32_t p = i32(4), n = i32(8);
        if (show) fwrite((void *)(uintptr_t)p, 1, (size_t)n, O);
        total += (size_t)n;
        free((void *)(uintptr_t)p);
    }
    if (show) fprintf(O, "\nbody-end\n");
    fprintf(O, "body-bytes %zu\n", total);
    in_drop(s);
    int32_t tr = ibody_finish(b);
    trailers_get(tr, ret);               /* option @0, result @8, inner @16, payload @24 */
    if (u8(0) && !u8(8)) {
        if (u8(16)) fprintf(O, "trailers error %d\n", u8(24));
        else fprintf(O, "trailers ok\n");
    }
    trailers_drop(tr);
}

static int32_t request(const char *method, const char *url, const char *body, char **hdrs, int nh, int show)
{
    req q;
    make(&q, method, url, hdrs, nh);
    int32_t b = body ? open_body(&q) : 0;
    if (b) {
        int32_t s = body_stream(b);
        write_all(s, body, strlen(body));
        out_drop(s);
        finish(b);
    }
    int32_t fut = send(&q);
    if (!fut) return 0;
    int32_t resp = await(fut);
    future_drop(fut);
    if (!resp) return 0;
    fprintf(O, "status %d\n", iresp_status(resp));
    int32_t h = iresp_headers(resp);
    print_headers(h);
    fields_drop(h);
    if (show >= 0) read_body(resp, show);
    return resp;
}

static int run_mode(int argc, char **argv);

/* As a tool (a manifest's "input": "argv"): --url U [--method M] [--body B]
 * is one request; its lines become the content of a {content, is_error}. */
static int as_tool(int argc, char **argv)
{
    const char *url = "", *method = "GET", *body = "-";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--url")) url = argv[i + 1];
        else if (!strcmp(argv[i], "--method")) method = argv[i + 1];
        else if (!strcmp(argv[i], "--body")) body = argv[i + 1];
    }
    char *buf = NULL;
    size_t len = 0;
    if (!(O = open_memstream(&buf, &len))) return 2;
    char *args[] = { argv[0], "req", (char *)method, (char *)url, (char *)body };
    run_mode(5, args);
    fclose(O);
    O = stdout;
    fprintf(O, "{\"content\": \"");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '"' || c == '\\') fprintf(O, "\\%c", c);
        else if (c < 0x20) fprintf(O, "\\u%04x", c);
        else fputc(c, O);
    }
    fprintf(O, "\", \"is_error\": %s}\n", strstr(buf, "error ") ? "true" : "false");
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    O = stdout;
    if (argc > 1 && !strncmp(argv[1], "--", 2)) return as_tool(argc, argv);
    return run_mode(argc, argv);
}

static int run_mode(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    if (argc < 3) { fprintf(stderr, "usage: guest MODE URL ...\n"); return 2; }
    const char *mode = argv[1], *url = argv[2];
    if (!strcmp(mode, "req") && argc >= 5) {
        const char *body = strcmp(argv[4], "-") ? argv[4] : NULL;
        int32_t r = request(argv[2], argv[3], body, argv + 5, argc - 5, 1);
        if (r) iresp_drop(r);
    } else if (!strcmp(mode, "big")) {           /* body length only */
        int32_t r = request("GET", url, NULL, NULL, 0, 0);
        if (r) iresp_drop(r);
    } else if (!strcmp(mode, "follow")) {        /* the guest follows a redirect itself */
        int32_t r = request("GET", url, NULL, NULL, 0, -1);
        if (!r) return 0;
        int32_t h = iresp_headers(r);
        fields_get(h, "location", 8, ret);   /* list<list<u8>>: ptr @0, len @4 */
        char loc[512] = "";
        if (i32(4) > 0) {
            int32_t vp, vl;
            memcpy(&vp, (uint8_t *)(uintptr_t)i32(0), 4);
            memcpy(&vl, (uint8_t *)(uintptr_t)i32(0) + 4, 4);
            snprintf(loc, sizeof loc, "%.*s", (int)vl, (char *)(uintptr_t)vp);
        }
        fields_drop(h);
        iresp_drop(r);
        fprintf(O, "following %s\n", loc);
        r = request("GET", loc, NULL, NULL, 0, 1);
        if (r) iresp_drop(r);
    } else if (!strcmp(mode, "drop-body-before-stream")) {   /* parent before child: trap */
        int32_t r = request("GET", url, NULL, NULL, 0, -1);
        iresp_consume(r, ret);
        int32_t b = i32(4);
        ibody_stream(b, ret);
        fprintf(O, "dropping the body, its stream alive\n");
        fflush(O);
        ibody_drop(b);
        fprintf(O, "NOT TRAPPED\n");
    } else if (!strcmp(mode, "drop-request-before-headers")) {
        req q;
        make(&q, "GET", url, NULL, 0);
        int32_t h = oreq_headers(q.r);
        (void)h;
        fprintf(O, "dropping the request, its headers alive\n");
        fflush(O);
        oreq_drop(q.r);
        fprintf(O, "NOT TRAPPED\n");
    } else if (!strcmp(mode, "drop-future-before-pollable")) {
        req q;
        make(&q, "GET", url, NULL, 0);
        int32_t fut = send(&q);
        int32_t p = future_subscribe(fut);
        (void)p;
        fprintf(O, "dropping the future, its pollable alive\n");
        fflush(O);
        future_drop(fut);
        fprintf(O, "NOT TRAPPED\n");
    } else if (!strcmp(mode, "finish-with-stream")) {        /* finish while the stream lives: trap */
        req q;
        make(&q, "POST", url, NULL, 0);
        int32_t b = open_body(&q);
        int32_t s = body_stream(b);
        write_all(s, "abc", 3);
        fprintf(O, "finishing, the stream alive\n");
        fflush(O);
        finish(b);
        fprintf(O, "NOT TRAPPED\n");
    } else if (!strcmp(mode, "write-after-finish")) {        /* a stale stream handle: trap */
        req q;
        make(&q, "POST", url, NULL, 0);
        int32_t b = open_body(&q);
        int32_t s = body_stream(b);
        write_all(s, "abc", 3);
        fprintf(O, "writing after finish\n");   /* before: the adapter's stdout could take the freed index */
        fflush(O);
        out_drop(s);
        finish(b);
        write_all(s, "def", 3);
        fprintf(O, "NOT TRAPPED\n");
    } else if (!strcmp(mode, "twice")) {                     /* second uses answer errors */
        req q;
        make(&q, "GET", url, NULL, 0);
        open_body(&q);
        oreq_body(q.r, ret);
        fprintf(O, "body2 %s\n", u8(0) ? "err" : "ok");
        int32_t s = body_stream(q.body);
        obody_write(q.body, ret);
        fprintf(O, "write2 %s\n", u8(0) ? "err" : "ok");
        out_drop(s);
        finish(q.body);
        int32_t fut = send(&q);
        int32_t r = await(fut);
        future_get(fut, ret);
        fprintf(O, "get2 %s\n", u8(0) && u8(8) ? "taken" : "other");
        future_drop(fut);
        if (!r) return 0;
        iresp_consume(r, ret);
        int32_t b = i32(4);
        iresp_consume(r, ret);
        fprintf(O, "consume2 %s\n", u8(0) ? "err" : "ok");
        ibody_stream(b, ret);
        int32_t st = i32(4);
        ibody_stream(b, ret);
        fprintf(O, "stream2 %s\n", u8(0) ? "err" : "ok");
        in_drop(st);
        ibody_drop(b);
        iresp_drop(r);
        fprintf(O, "done\n");
    } else if (!strcmp(mode, "unfinished-body")) {           /* waiting on it would wait forever: trap */
        req q;
        make(&q, "POST", url, NULL, 0);
        int32_t b = open_body(&q);
        (void)b;
        int32_t fut = send(&q);
        fprintf(O, "waiting, the body unfinished\n");
        fflush(O);
        int32_t p = future_subscribe(fut);
        poll_block(p);
        fprintf(O, "NOT TRAPPED\n");
    } else if (!strcmp(mode, "dropped-body")) {              /* body dropped, not finished: error */
        req q;
        make(&q, "POST", url, NULL, 0);
        int32_t b = open_body(&q);
        int32_t s = body_stream(b);
        write_all(s, "abc", 3);
        out_drop(s);
        int32_t fut = send(&q);
        obody_drop(b);
        int32_t r = await(fut);
        fprintf(O, "response %s\n", r ? "yes" : "no");
    } else if (!strcmp(mode, "content-length")) {            /* declared 10, sent 3 */
        req q;
        char h[] = "content-length:10";
        char *hs[] = { h };
        make(&q, "POST", url, hs, 1);
        int32_t b = open_body(&q);
        int32_t s = body_stream(b);
        write_all(s, "abc", 3);
        out_drop(s);
        finish(b);
        int32_t fut = send(&q);
        int32_t r = await(fut);
        fprintf(O, "response %s\n", r ? "yes" : "no");
    } else if (!strcmp(mode, "fields")) {                    /* header errors */
        int32_t f = fields_new();
        fprintf(O, "syntax %d\n", add_header(f, "bad name", "x"));
        fprintf(O, "forbidden %d\n", add_header(f, "Connection", "close"));
        fprintf(O, "crlf %d\n", add_header(f, "x-a", "a\r\nb: c"));
        fprintf(O, "good %d\n", add_header(f, "X-Good", "yes"));
        req q;
        q.r = oreq_new(f);
        int32_t h = oreq_headers(q.r);
        fprintf(O, "immutable %d\n", add_header(h, "x-more", "1"));
        print_headers(h);
        fields_drop(h);
        oreq_drop(q.r);
    } else if (!strcmp(mode, "many")) {                      /* responses kept alive: the 9th is refused */
        int32_t kept[10];
        for (int i = 0; i < 10; i++) {
            fprintf(O, "request %d\n", i);
            kept[i] = request("GET", url, NULL, NULL, 0, -1);
        }
        for (int i = 0; i < 10; i++) if (kept[i]) iresp_drop(kept[i]);
        fprintf(O, "after drops\n");
        int32_t r = request("GET", url, NULL, NULL, 0, -1);
        if (r) iresp_drop(r);
    } else if (!strcmp(mode, "poll-mixed")) {                /* poll over responses and clocks */
        char unsent[600];
        snprintf(unsent, sizeof unsent, "%s?unsent", url);
        req q0;
        make(&q0, "GET", unsent, NULL, 0);
        int32_t f0 = send(&q0);
        int32_t l0[2] = { sleep_for(0), future_subscribe(f0) };
        io_poll(l0, 2, ret);             /* the clock is ready: the request is not sent for it */
        fprintf(O, "ready %d of %d\n", *(int32_t *)(uintptr_t)i32(0), i32(4));
        poll_drop(l0[0]);
        poll_drop(l0[1]);
        future_drop(f0);
        req q;
        make(&q, "GET", url, NULL, 0);
        int32_t f1 = send(&q);
        int32_t l1[2] = { future_subscribe(f1), sleep_for(30000000000ll) };
        io_poll(l1, 2, ret);             /* list<u32>: ptr @0, len @4 */
        fprintf(O, "ready %d of %d\n", *(int32_t *)(uintptr_t)i32(0), i32(4));
        req q2;
        make(&q2, "POST", url, NULL, 0);
        open_body(&q2);                  /* never finished */
        int32_t f2 = send(&q2);
        int32_t l2[2] = { future_subscribe(f2), sleep_for(50000000ll) };
        io_poll(l2, 2, ret);
        fprintf(O, "ready %d of %d\n", *(int32_t *)(uintptr_t)i32(0), i32(4));
        fflush(O);
        io_poll(l2, 1, ret);             /* only the response that cannot come */
        fprintf(O, "NOT TRAPPED\n");
    } else if (!strcmp(mode, "first-byte-timeout")) {        /* request-options: 1 s to the first byte */
        req q;
        make(&q, "GET", url, NULL, 0);
        int32_t o = opts_new();
        opts_first_byte(o, 1, 1000000000ll);
        http_handle(q.r, 1, o, ret);
        if (u8(0)) { fprintf(O, "handle-error %d\n", u8(8)); return 0; }
        int32_t fut = i32(8);
        int32_t r = await(fut);
        fprintf(O, "response %s\n", r ? "yes" : "no");
    } else if (!strcmp(mode, "forged")) {                    /* a handle never given: trap */
        fprintf(O, "forging\n");
        fflush(O);
        fields_entries(777, ret);
        fprintf(O, "NOT TRAPPED\n");
    } else if (!strcmp(mode, "body-cap")) {                  /* past the request body cap */
        req q;
        make(&q, "POST", url, NULL, 0);
        int32_t b = open_body(&q);
        int32_t s = body_stream(b);
        static char chunk[1 << 20];
        memset(chunk, 'x', sizeof chunk);
        out_check(s, ret);               /* result<u64, stream-error>: disc @0, u64 @8 */
        fprintf(O, "permit %llu\n", u8(0) ? 0ull : (unsigned long long)u64(8));
        for (int i = 0; i < 18; i++) {   /* past the permit and the cap on purpose */
            out_write(s, chunk, sizeof chunk, ret);
            if (u8(0)) {
                int32_t e = i32(8);
                http_error_code(e, ret);
                fprintf(O, "write-failed at %d MiB: %d\n", i, u8(0) ? u8(8) : -1);
                break;
            }
        }
        out_drop(s);
        finish(b);
        int32_t fut = send(&q);
        int32_t r = await(fut);
        fprintf(O, "response %s\n", r ? "yes" : "no");
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    fflush(O);
    return 0;
}
