/*
 * test_registry.c — the tool layer in-process: the Tool interface with a
 * native tool (schema checks, permission profiles, duplicate names), and
 * WasmTools shared by many threads (each call sees its own input), and
 * cancellation of a running call.
 *
 *   test_registry TOOLS_DIR      (the probe tools, built by tools.mk)
 *
 * Also: a rescan that saw a tool whose module was still being copied
 * retries it once the module is complete (the directory's signature).
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boxagnts.h"

#include "../check.h"

/* ---- a native tool: records the input it was given -------------------- */

typedef struct { char last[4096]; int calls; } recorder;

static bx_status rec_exec(const bx_tool *t, const bx_tool_context *ctx, const char *input,
                          bx_tool_result *out, bx_error *err)
{
    (void)ctx; (void)err;
    recorder *r = t->impl;
    snprintf(r->last, sizeof r->last, "%s", input);
    r->calls++;
    memset(out, 0, sizeof *out);
    out->content = strdup("native ok");
    out->metadata = strdup("{\"n\":1}");
    return out->content && out->metadata ? BX_OK : BX_ERR_NOMEM;
}

static bx_tool *native(const char *name, bx_perm level, recorder *rec)
{
    bx_tool *t = calloc(1, sizeof *t);
    t->name = name;
    t->description = "records its input";
    t->level = level;
    t->input_schema =
        "{\"type\":\"object\",\"properties\":{"
        "\"file_path\":{\"type\":\"string\",\"minLength\":1},"
        "\"limit\":{\"type\":\"integer\",\"minimum\":1},"
        "\"mode\":{\"enum\":[\"text\",\"raw\"]},"
        "\"headers\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}},"
        "\"list\":{\"type\":\"array\",\"items\":{\"type\":\"number\"}}},"
        "\"required\":[\"file_path\"],\"additionalProperties\":false}";
    t->execute = rec_exec;
    t->destroy = (void (*)(bx_tool *))free;
    t->impl = rec;
    return t;
}

static void test_native(void)
{
    recorder rec = {0};
    bx_registry *r = bx_registry_new();
    bx_error err;
    CHECK(bx_registry_add(r, native("rec", BX_PERM_WRITE, &rec), &err) == BX_OK, "add");
    bx_tool *dup = native("rec", BX_PERM_NONE, &rec);
    CHECK(bx_registry_add(r, dup, &err) == BX_ERR_ARG, "duplicate name refused: %s", err.msg);
    bx_tool_free(dup);
    CHECK(bx_registry_count(r) == 1, "one tool");

    bx_tool_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.max_level = BX_PERM_WRITE;
    bx_tool_result res;

    struct { const char *input; int ok; const char *needle; } cases[] = {
        { "{\"file_path\":\"a.txt\"}", 1, "native ok" },
        { "{\"file_path\":\"a.txt\",\"limit\":5,\"mode\":\"raw\",\"list\":[1,2.5]}", 1, "native ok" },
        { "{}", 0, "field 'file_path' is required" },
        { "{\"file_path\":7}", 0, "field 'file_path': expected a string, got an integer" },
        { "{\"file_path\":\"\"}", 0, "field 'file_path': must be at least 1 characters long" },
        { "{\"file_path\":\"a\",\"limit\":0}", 0, "field 'limit': must be at least 1" },
        { "{\"file_path\":\"a\",\"limit\":1.5}", 0, "field 'limit': expected an integer, got a number" },
        { "{\"file_path\":\"a\",\"mode\":\"html\"}", 0, "field 'mode': must be one of" },
        { "{\"file_path\":\"a\",\"extra\":1}", 0, "field 'extra' is not an input of this tool" },
        { "{\"file_path\":\"a\",\"headers\":{\"Accept\":3}}", 0, "field 'headers.Accept': expected a string" },
        { "{\"file_path\":\"a\",\"list\":[1,\"x\"]}", 0, "field 'list'[1]: expected a number, got a string" },
        { "[1,2]", 0, "the input must be a JSON object" },
        { "{\"file_path\":", 0, "not valid JSON" },
        { "", 0, "not valid JSON" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int before = rec.calls;
        bx_status st = bx_tool_call(r, "rec", &ctx, cases[i].input, &res, &err);
        CHECK(st == BX_OK, "case %zu status %d", i, st);
        CHECK(res.is_error == !cases[i].ok, "case %zu (%s): is_error %d: %s", i, cases[i].input, res.is_error, res.content);
        CHECK(res.content && strstr(res.content, cases[i].needle), "case %zu: '%s' in '%s'", i, cases[i].needle, res.content);
        CHECK(rec.calls == before + cases[i].ok, "case %zu: the tool ran only for valid input", i);
        bx_tool_result_free(&res);
    }
    /* The tool gets the input as sent (a \u0000 inside a string survives). */
    bx_tool_call(r, "rec", &ctx, "{ \"file_path\" : \"a\\u0000b\" ,\n \"limit\": 2 }", &res, &err);
    CHECK(!strcmp(rec.last, "{ \"file_path\" : \"a\\u0000b\" ,\n \"limit\": 2 }"), "input as sent: %s", rec.last);
    char *json = bx_tool_result_json(&res);
    CHECK(json && !strcmp(json, "{\"content\":\"native ok\",\"is_error\":false,\"metadata\":{\"n\":1}}"), "json: %s", json);
    free(json);
    bx_tool_result_free(&res);

    /* Permission profiles: a write tool under each profile. */
    for (int lvl = BX_PERM_NONE; lvl <= BX_PERM_DANGEROUS; lvl++) {
        ctx.max_level = (bx_perm)lvl;
        int before = rec.calls;
        bx_tool_call(r, "rec", &ctx, "{\"file_path\":\"a\"}", &res, &err);
        int allowed = lvl >= BX_PERM_WRITE;
        CHECK(res.is_error == !allowed, "profile %s: is_error %d", bx_perm_name((bx_perm)lvl), res.is_error);
        CHECK(rec.calls == before + allowed, "profile %s: ran %d", bx_perm_name((bx_perm)lvl), rec.calls - before);
        if (!allowed)
            CHECK(strstr(res.content, "needs permission level 'write'") && strstr(res.content, bx_perm_name((bx_perm)lvl)),
                  "refusal names both levels: %s", res.content);
        bx_tool_result_free(&res);
    }
    CHECK(bx_tool_call(r, "nope", &ctx, "{}", &res, &err) == BX_ERR_ARG && strstr(err.msg, "available: rec"),
          "unknown tool: %s", err.msg);
    bx_perm p;
    CHECK(bx_perm_parse("execute", &p, &err) == BX_OK && p == BX_PERM_EXECUTE, "parse execute");
    CHECK(bx_perm_parse("root", &p, &err) == BX_ERR_ARG && strstr(err.msg, "read_only"), "parse bad level");
    bx_registry_free(r);
}

/* ---- wasm tools from many threads --------------------------------------- */

typedef struct { const bx_registry *r; int id; int bad; } worker;

static void *work(void *arg)
{
    worker *w = arg;
    bx_tool_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.max_level = BX_PERM_EXECUTE;
    char agent[32];
    snprintf(agent, sizeof agent, "agent%d", w->id);
    ctx.agent_id = agent;
    for (int i = 0; i < 25; i++) {
        char in[128], want[128];
        snprintf(in, sizeof in, "{\"action\":\"echo\",\"name\":\"t%d-%d\"}", w->id, i);
        snprintf(want, sizeof want, "{\"action\":\"echo\",\"name\":\"t%d-%d\"}", w->id, i);
        bx_tool_result res;
        bx_error err;
        /* Every third call misbehaves: it must not disturb the others. */
        const char *tool = "probe-none";
        if (i % 3 == 1) snprintf(in, sizeof in, "{\"action\":\"trap\"}");
        if (bx_tool_call(w->r, tool, &ctx, in, &res, &err) != BX_OK) { w->bad++; continue; }
        if (i % 3 == 1) {
            if (!res.is_error || !strstr(res.content, "unreachable")) w->bad++;
        } else if (res.is_error || strcmp(res.content, want) != 0) {
            w->bad++;
        }
        bx_tool_result_free(&res);
    }
    return NULL;
}

static void test_threads(const char *dir)
{
    bx_registry *r = bx_registry_new();
    bx_error err;
    CHECK(bx_registry_load_dir(r, dir, &err) == BX_OK, "load %s: %s", dir, err.msg);
    CHECK(bx_registry_find(r, "probe-none") != NULL, "probe-none loaded");
    CHECK(bx_registry_problem_count(r) == 0, "no problems: %s", bx_registry_problem(r, 0));
    if (!bx_registry_find(r, "probe-none")) { bx_registry_free(r); return; }
    enum { N = 8 };
    pthread_t th[N];
    worker ws[N];
    for (int i = 0; i < N; i++) {
        ws[i] = (worker){ r, i, 0 };
        pthread_create(&th[i], NULL, work, &ws[i]);
    }
    int bad = 0;
    for (int i = 0; i < N; i++) { pthread_join(th[i], NULL); bad += ws[i].bad; }
    CHECK(bad == 0, "8 threads x 25 calls: %d wrong results", bad);
    bx_registry_free(r);
}

/* ---- cancellation --------------------------------------------------------- */

typedef struct { const bx_registry *r; volatile int cancel; bx_tool_result res; bx_status st; } cancel_job;

static void *run_loop(void *arg)
{
    cancel_job *j = arg;
    bx_tool_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.max_level = BX_PERM_EXECUTE;
    ctx.g.timeout_ns = 600ull * 1000000000ull;    /* far away: only cancel can stop it */
    ctx.cancel = &j->cancel;
    bx_error err;
    j->st = bx_tool_call(j->r, "probe-none", &ctx, "{\"action\":\"loop\"}", &j->res, &err);
    return NULL;
}

static void test_cancel(const char *dir)
{
    bx_registry *r = bx_registry_new();
    bx_error err;
    bx_registry_load_dir(r, dir, &err);
    if (!bx_registry_find(r, "probe-none")) { CHECK(0, "probe-none missing"); bx_registry_free(r); return; }
    cancel_job j;
    memset(&j, 0, sizeof j);
    j.r = r;
    pthread_t th;
    pthread_create(&th, NULL, run_loop, &j);
    struct timespec ts = { 0, 100 * 1000000L };
    nanosleep(&ts, NULL);
    j.cancel = 1;
    pthread_join(th, NULL);
    CHECK(j.st == BX_OK && j.res.is_error && j.res.content && strstr(j.res.content, "cancelled"),
          "cancelled call: %s", j.res.content ? j.res.content : "(null)");
    bx_tool_result_free(&j.res);
    bx_registry_free(r);
}

static int copy_file(const char *from, const char *to, long cut)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    int c, rc = in && out ? 0 : -1;
    long n = 0;
    while (!rc && (c = fgetc(in)) != EOF && (cut < 0 || n < cut)) {
        fputc(c, out);
        n++;
    }
    if (in) fclose(in);
    if (out && fclose(out) != 0) rc = -1;
    return rc;
}

/* TOOLS_DIR/probe copied into a fresh folder, its module cut short: the
 * first rescan records a problem; once the module is whole, the next
 * rescan adds the tool; an unchanged broken one is not reported again. */
static void test_partial_module(const char *tools)
{
    char root[] = "/tmp/bx-reg-XXXXXX", dir[PATH_MAX], src[PATH_MAX + 32], dst[PATH_MAX + 32];
    CHECK(mkdtemp(root) != NULL, "mkdtemp");
    snprintf(dir, sizeof dir, "%s/probe", root);
    CHECK(mkdir(dir, 0700) == 0, "mkdir %s", dir);
    bx_registry *r = bx_registry_new();
    bx_error err;
    CHECK(bx_registry_load_dir(r, root, &err) == BX_OK && bx_registry_count(r) == 0, "empty folder loads");
    snprintf(src, sizeof src, "%s/probe-read/tool.json", tools);
    snprintf(dst, sizeof dst, "%s/tool.json", dir);
    CHECK(copy_file(src, dst, -1) == 0, "copy %s", src);
    snprintf(src, sizeof src, "%s/probe-read/tool.wasm", tools);
    snprintf(dst, sizeof dst, "%s/tool.wasm", dir);
    CHECK(copy_file(src, dst, 6) == 0, "copy %s cut", src);
    size_t added = 0, p0 = bx_registry_problem_count(r);
    CHECK(bx_registry_rescan(r, NULL, NULL, &added, &err) == BX_OK && added == 0 &&
          bx_registry_problem_count(r) == p0 + 1, "a cut module: not added, one problem");
    CHECK(bx_registry_rescan(r, NULL, NULL, &added, &err) == BX_OK && added == 0 &&
          bx_registry_problem_count(r) == p0 + 1, "unchanged: not reported again");
    CHECK(copy_file(src, dst, -1) == 0, "copy %s whole", src);
    struct timespec ts[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    utimensat(AT_FDCWD, dst, ts, 0);
    CHECK(bx_registry_rescan(r, NULL, NULL, &added, &err) == BX_OK && added == 1 &&
          bx_registry_find(r, "probe-read") != NULL, "the module complete: the tool is added (%zu)", added);
    bx_registry_free(r);
    unlink(dst);
    snprintf(dst, sizeof dst, "%s/tool.json", dir);
    unlink(dst);
    rmdir(dir);
    rmdir(root);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_registry TOOLS_DIR\n");
        return 2;
    }
    test_native();
    test_threads(argv[1]);
    test_cancel(argv[1]);
    test_partial_module(argv[1]);
    return check_report();
}
