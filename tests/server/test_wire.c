/*
 * test_wire.c — the server's wire code on its own: the bounded line reader
 * (over a pipe, with lines split across reads, CRLF, a last line without
 * newline, over-long lines skipped whole), JSON-RPC message checks, id keys,
 * and the worker pool's fairness between groups.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server_impl.h"

#include "../check.h"

typedef struct { int fd; const char *data; size_t len; size_t piece; } writer_arg;

static void *writer(void *p)
{
    writer_arg *w = p;
    for (size_t off = 0; off < w->len;) {
        size_t n = w->len - off < w->piece ? w->len - off : w->piece;
        ssize_t k = write(w->fd, w->data + off, n);
        if (k <= 0)
            break;
        off += (size_t)k;
    }
    close(w->fd);
    return NULL;
}

/* Reads all of data (written in pieces of `piece` bytes) with cap max;
 * returns the sequence as text: "L<line>|" per line, "T|" per too-long. */
static char *read_all(const char *data, size_t len, size_t piece, size_t max)
{
    int fds[2];
    if (pipe(fds))
        return NULL;
    writer_arg w = {fds[1], data, len, piece};
    pthread_t t;
    pthread_create(&t, NULL, writer, &w);
    srv_reader r;
    srv_reader_init(&r, fds[0], max);
    size_t cap = len + 4096, n = 0;
    char *out = malloc(cap);
    out[0] = 0;
    for (;;) {
        char *line;
        size_t ll;
        srv_read_kind k = srv_read_line(&r, &line, &ll);
        if (k == SRV_EOF || k == SRV_IOERR)
            break;
        if (k == SRV_TOO_LONG) {
            n += (size_t)snprintf(out + n, cap - n, "T|");
        } else {
            if (strlen(line) != ll)
                n += (size_t)snprintf(out + n, cap - n, "BADLEN");
            n += (size_t)snprintf(out + n, cap - n, "L%s|", line);
        }
    }
    srv_reader_free(&r);
    pthread_join(t, NULL);
    close(fds[0]);
    return out;
}

static void test_reader(void)
{
    const char *d = "{\"a\":1}\n\r\nabc\r\n\nlast";
    for (size_t piece = 1; piece <= 7; piece += 3) {
        char *got = read_all(d, strlen(d), piece, 100);
        CHECK(got && !strcmp(got, "L{\"a\":1}|L|Labc|L|Llast|"), "piece %zu: got %s", piece, got);
        free(got);
    }
    /* Cap 8: a 9-byte line is skipped whole, its neighbours survive. */
    const char *e = "12345678\n123456789\nok\n";
    char *got = read_all(e, strlen(e), 3, 8);
    CHECK(got && !strcmp(got, "L12345678|T|Lok|"), "cap: got %s", got);
    free(got);
    /* A 3 MiB line against a 1 MiB cap, fed in 64 KiB pieces: skipped,
     * and the reader's buffer never held it (the next line is fine). */
    size_t big = 3u << 20;
    char *b = malloc(big + 16);
    memset(b, 'x', big);
    memcpy(b + big, "\n{}\n", 5);
    got = read_all(b, big + 4, 65536, 1u << 20);
    CHECK(got && !strcmp(got, "T|L{}|"), "big: got %.40s", got);
    free(got);
    /* An over-long last line without a newline. */
    got = read_all(b, big, 65536, 1u << 20);
    CHECK(got && !strcmp(got, "T|"), "big last: got %.40s", got);
    free(got);
    free(b);
    got = read_all("", 0, 1, 10);
    CHECK(got && !strcmp(got, ""), "empty: got %s", got);
    free(got);
}

static void test_classify(void)
{
    struct { const char *msg; rpc_kind k; } cases[] = {
        {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", RPC_REQUEST},
        {"{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"ping\"}", RPC_REQUEST},
        {"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", RPC_NOTIFICATION},
        {"{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", RPC_RESPONSE},
        {"{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1,\"message\":\"m\"}}", RPC_RESPONSE},
        {"{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", RPC_INVALID},
        {"{\"id\":1,\"method\":\"ping\"}", RPC_INVALID},
        {"{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", RPC_INVALID},
        {"{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", RPC_INVALID},
        {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", RPC_INVALID},
        {"{\"jsonrpc\":\"2.0\",\"id\":1}", RPC_INVALID},
        {"[1]", RPC_INVALID},
        {"\"str\"", RPC_INVALID},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *m = cJSON_Parse(cases[i].msg);
        const char *why;
        rpc_kind k = rpc_classify(m, &why);
        CHECK(k == cases[i].k, "%s: kind %d, want %d", cases[i].msg, k, cases[i].k);
        CHECK((k == RPC_INVALID) == (why != NULL), "%s: why %s", cases[i].msg, why ? why : "(null)");
        cJSON_Delete(m);
    }
    cJSON *a = cJSON_CreateNumber(12), *b = cJSON_CreateString("12"), *c = cJSON_CreateNumber(12.0);
    char *ka = rpc_id_key(a), *kb = rpc_id_key(b), *kc = rpc_id_key(c);
    CHECK(ka && kb && strcmp(ka, kb) != 0, "number 12 and string \"12\" are different ids");
    CHECK(ka && kc && !strcmp(ka, kc), "12 and 12.0 are one id");
    free(ka), free(kb), free(kc);
    cJSON_Delete(a), cJSON_Delete(b), cJSON_Delete(c);
    cJSON *e = rpc_error(NULL, RPC_PARSE_ERROR, "x %d", 5);
    char *t = cJSON_PrintUnformatted(e);
    CHECK(t && !strcmp(t, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x 5\"}}"),
          "rpc_error: %s", t);
    free(t);
    cJSON_Delete(e);
}

/* Pool fairness: group 0 queues 40 slow jobs first, then group 1 queues 4;
 * with 2 workers, group 1's jobs must not wait for all of group 0's. */
typedef struct { srv_job job; int g; } tjob;
static pthread_mutex_t order_mu = PTHREAD_MUTEX_INITIALIZER;
static int order[64], norder;

static void tjob_run(srv_job *j)
{
    tjob *t = (tjob *)j;
    usleep(2000);
    pthread_mutex_lock(&order_mu);
    order[norder++] = t->g;
    pthread_mutex_unlock(&order_mu);
    free(t);
}

static void test_pool(void)
{
    bx_error err;
    srv_pool *p = srv_pool_new(2, 2, 1024, &err);
    CHECK(p != NULL, "pool");
    if (!p)
        return;
    for (int i = 0; i < 44; i++) {
        tjob *t = calloc(1, sizeof *t);
        t->g = i < 40 ? 0 : 1;
        t->job.group = (size_t)t->g;
        t->job.run = tjob_run;
        srv_pool_submit(p, &t->job);
    }
    /* A queued job can be taken back. */
    tjob *extra = calloc(1, sizeof *extra);
    extra->g = 0;
    extra->job.run = tjob_run;
    srv_pool_submit(p, &extra->job);
    CHECK(srv_pool_unqueue(p, &extra->job) == 1, "unqueue of a waiting job");
    free(extra);
    srv_pool_finish(p);
    CHECK(norder == 44, "all jobs ran: %d", norder);
    int last1 = -1;
    for (int i = 0; i < norder; i++)
        if (order[i] == 1)
            last1 = i;
    CHECK(last1 >= 0 && last1 < 20, "group 1 finished at position %d of 44 (fair share: early)", last1);
}

/* The embedding API: a server from a config, calls through executors,
 * quota refusals, usage totals. */
static void test_api(const char *tools_dir)
{
    bx_server_config c;
    bx_server_config_init(&c);
    bx_error err;
    memset(&err, 0, sizeof err);
    char *dirs[1] = {(char *)tools_dir};
    c.tool_dirs = dirs;
    c.ntool_dirs = 1;
    c.workers = 2;
    c.defaults.quota_calls = 2;
    c.executors_json = (char *)"{\"capped\": {\"quotas\": {\"calls\": 1}}, \"free\": {\"quotas\": {\"calls\": 0}}}";
    bx_server *s = bx_server_new(&c, &err);
    c.tool_dirs = NULL;
    c.ntool_dirs = 0;
    c.executors_json = NULL;
    bx_server_config_free(&c);
    CHECK(s != NULL, "bx_server_new: %s", err.msg);
    if (!s)
        return;
    CHECK(bx_registry_find(bx_server_registry(s), "t-echo") != NULL, "t-echo loaded from %s", tools_dir);
    bx_tool_result r;
    int ok = 0;
    for (int i = 0; i < 3; i++) {
        bx_status st = bx_server_call(s, "capped", "t-echo", "{\"text\":\"a\"}", NULL, &r, &err);
        CHECK(st == BX_OK, "call %d: %s", i, err.msg);
        if (st != BX_OK)
            continue;
        if (i == 0)
            CHECK(!r.is_error && r.content && !strcmp(r.content, "1:3826002220"), "capped call 1 runs (FNV-1a 32 of \"a\"): %s", r.content);
        else
            CHECK(r.is_error && r.content && strstr(r.content, "quota"), "capped call %d refused: %s", i + 1, r.content);
        ok += !r.is_error;
        bx_tool_result_free(&r);
    }
    bx_executor_usage u;
    CHECK(bx_server_usage(s, "capped", &u, &err) == BX_OK && u.calls == 1 && u.fuel > 0, "usage: 1 call, fuel %llu",
          (unsigned long long)u.fuel);
    /* "free" overrides the inherited 2-call quota with 0 = unlimited. */
    for (int i = 0; i < 3; i++) {
        if (bx_server_call(s, "free", "t-echo", "{\"text\":\"b\"}", NULL, &r, &err) == BX_OK) {
            CHECK(!r.is_error, "free call %d runs: %s", i, r.content);
            bx_tool_result_free(&r);
        }
    }
    CHECK(bx_server_usage(s, "free", &u, &err) == BX_OK && u.calls == 3, "free: 3 calls");
    CHECK(bx_server_usage(s, NULL, &u, &err) == BX_OK && u.calls == 0, "default: untouched");
    CHECK(bx_server_usage(s, "nobody", &u, &err) == BX_ERR_ARG, "unknown executor: BX_ERR_ARG");
    CHECK(bx_server_call(s, "nobody", "t-echo", NULL, NULL, &r, &err) == BX_ERR_ARG, "call as unknown executor");
    CHECK(bx_server_call(s, "free", "no-such-tool", NULL, NULL, &r, &err) == BX_OK && r.is_error, "unknown tool: is_error");
    bx_tool_result_free(&r);
    bx_server_free(s);
}

int main(int argc, char **argv)
{
    test_reader();
    test_classify();
    test_pool();
    if (argc > 1)
        test_api(argv[1]);
    else
        CHECK(0, "usage: test_wire TEST_TOOLS_DIR");
    return check_report();
}
