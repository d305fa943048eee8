/*
 * guest/js-execute/main.c — the js-execute tool: runs an agent's JavaScript
 * in QuickJS (Debian's source, compiled to wasm32-wasi by js-execute.mk).
 *
 * Input {"code": string} or {"file_path": string}.  The code is evaluated as
 * an async global script, so the value of its last expression is kept and a
 * top-level await works; then promise jobs and timers run until none is
 * left.  The result content is everything printed by console.* followed by
 * the last expression's value (formatted as console.log would), or, with
 * is_error, the uncaught exception with its stack.
 *
 * The JavaScript side (console, util.inspect-like formatting, timers, a
 * read-only fs) is prelude.js, compiled in as bytecode (prelude_gen.c); it
 * reaches C only
 * through the natives of the bx object below.  Files are read through WASI,
 * so the sandbox's grants alone decide what is visible.
 */
#include "tool.h"
#include "quickjs.h"
#include "prelude.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* QJS_STACK is the linker's stack (-z stack-size, js-execute.mk).  QuickJS
 * checks its depth against JS_SetMaxStackSize at every call; the margin is
 * for C frames below the last check (regexp, JSON, printf). */
#ifndef QJS_STACK
#define QJS_STACK (4u << 20)
#endif
#define STACK_MARGIN (256u << 10)

/* Console text kept; more is dropped with a note, so the result object stays
 * below the manifest's max_output even when every byte needs escaping. */
#define OUT_MAX (512u << 10)
/* Freed before the result is formatted: the memory a memory bomb left. */
#define RESERVE (1u << 20)
#define FILE_MAX (64u << 20)

static tbuf out;
static size_t out_dropped;
static void *reserve;

static void out_put1(const char *s, size_t n);

/* The result is a C string: a NUL the program prints is shown as \0. */
static void out_put(const char *s, size_t n)
{
    const char *z;
    while (n && (z = memchr(s, 0, n)) != NULL) {
        out_put1(s, (size_t)(z - s));
        out_put1("\\0", 2);
        n -= (size_t)(z - s) + 1;
        s = z + 1;
    }
    out_put1(s, n);
}

static void out_put1(const char *s, size_t n)
{
    if (out_dropped || out.len + n > OUT_MAX) {
        size_t room = out.len < OUT_MAX ? OUT_MAX - out.len : 0;
        if (!out_dropped && room) tbuf_put(&out, s, room);
        out_dropped += n - (out_dropped ? 0 : room);
        return;
    }
    tbuf_put(&out, s, n);
}

static _Noreturn void finish(int is_error)
{
    free(reserve);
    reserve = NULL;
    if (out_dropped)
        tbuf_printf(&out, "\n... [output truncated: %zu more bytes not shown]\n", out_dropped);
    /* Console lines end in "\n"; the last one is not worth keeping. */
    size_t len = out.len;
    if (len && out.p[len - 1] == '\n') len--;
    tool_result(out.p ? out.p : "", len, is_error, NULL);
}

/* ---- memory ---------------------------------------------------------------- */

/* QuickJS's own allocator functions, plus a reserve: a failed allocation
 * releases it (and still fails), so the out-of-memory error QuickJS then
 * throws, the program's catch block and our result have room.  Once memory
 * is free again the reserve is taken back.  oom_seen adds a hint to an
 * error result. */
static int oom_seen;
static unsigned rearm_tick;

static void oom_release(void)
{
    free(reserve);
    reserve = NULL;
    oom_seen = 1;
}

static void oom_rearm(void)
{
    if (!reserve && oom_seen && (++rearm_tick & 1023) == 0) reserve = malloc(RESERVE);
}

static size_t js_usable(const void *p) { return p ? malloc_usable_size((void *)p) : 0; }

static void *js_malloc_cb(JSMallocState *s, size_t size)
{
    if (s->malloc_size + size > s->malloc_limit) return NULL;
    oom_rearm();
    void *p = malloc(size);
    if (!p) { oom_release(); return NULL; }
    s->malloc_count++;
    s->malloc_size += js_usable(p) + 8;
    return p;
}

static void js_free_cb(JSMallocState *s, void *p)
{
    if (!p) return;
    s->malloc_count--;
    s->malloc_size -= js_usable(p) + 8;
    free(p);
}

static void *js_realloc_cb(JSMallocState *s, void *p, size_t size)
{
    if (!p) return size ? js_malloc_cb(s, size) : NULL;
    size_t old = js_usable(p);
    if (size == 0) { js_free_cb(s, p); return NULL; }
    if (s->malloc_size + size - old > s->malloc_limit) return NULL;
    void *q = realloc(p, size);
    if (!q) { oom_release(); return NULL; }
    s->malloc_size += js_usable(q) - old;
    return q;
}

static const JSMallocFunctions js_mem = { js_malloc_cb, js_free_cb, js_realloc_cb, js_usable };

/* ---- natives for prelude.js ---------------------------------------------- */

static JSValue bx_write(JSContext *ctx, JSValueConst this, int argc, JSValueConst *argv)
{
    (void)this;
    size_t n;
    const char *s = argc ? JS_ToCStringLen(ctx, &n, argv[0]) : NULL;
    if (!s) return JS_EXCEPTION;
    out_put(s, n);
    JS_FreeCString(ctx, s);
    return JS_UNDEFINED;
}

static JSValue bx_class_id(JSContext *ctx, JSValueConst this, int argc, JSValueConst *argv)
{
    (void)ctx, (void)this;
    return JS_NewInt32(ctx, argc ? (int32_t)JS_GetClassID(argv[0]) : 0);
}

/* [state, result]: 0 pending, 1 fulfilled, 2 rejected; -1 not a promise. */
static JSValue bx_promise_state(JSContext *ctx, JSValueConst this, int argc, JSValueConst *argv)
{
    (void)this;
    if (argc < 1) return JS_NewInt32(ctx, -1);
    int st = JS_PromiseState(ctx, argv[0]);
    JSValue a = JS_NewArray(ctx);
    if (JS_IsException(a)) return a;
    JS_SetPropertyUint32(ctx, a, 0, JS_NewInt32(ctx, st));
    if (st == JS_PROMISE_FULFILLED || st == JS_PROMISE_REJECTED)
        JS_SetPropertyUint32(ctx, a, 1, JS_PromiseResult(ctx, argv[0]));
    return a;
}

static const char *errno_code(int e)
{
    switch (e) {
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ENOTCAPABLE: return "ENOTCAPABLE";
    case EROFS: return "EROFS";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EFBIG: return "EFBIG";
    default: return "EIO";
    }
}

static JSValue throw_errno(JSContext *ctx, int e, const char *path, const char *verb)
{
    JSValue err = JS_NewError(ctx);
    if (JS_IsException(err)) return err;
    JS_SetPropertyStr(ctx, err, "message", JS_NewString(ctx, tool_errno_text(e, path, verb)));
    JS_SetPropertyStr(ctx, err, "code", JS_NewString(ctx, errno_code(e)));
    JS_SetPropertyStr(ctx, err, "path", JS_NewString(ctx, path));
    return JS_Throw(ctx, err);
}

/* Guest paths: relative ones are under /workspace, the tool's working
 * directory as far as the agent is concerned. */
static char *resolve(const char *p)
{
    tbuf b = {0};
    if (p[0] != '/') tbuf_puts(&b, "/workspace/");
    tbuf_puts(&b, p);
    return b.p;
}

/* Reads a whole regular file; returns 0 or an errno. */
static int slurp(const char *path, tbuf *b)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return errno;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) { close(fd); return EISDIR; }
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0) { int e = errno; if (e == EINTR) continue; close(fd); return e; }
        if (n == 0) break;
        if (b->len + (size_t)n > FILE_MAX) { close(fd); return EFBIG; }
        tbuf_put(b, chunk, (size_t)n);
    }
    close(fd);
    if (!b->p) tbuf_put(b, "", 0);
    return 0;
}

/* readFile(path, asText): a string (UTF-8) or an ArrayBuffer. */
static JSValue bx_read_file(JSContext *ctx, JSValueConst this, int argc, JSValueConst *argv)
{
    (void)this;
    const char *p = argc ? JS_ToCString(ctx, argv[0]) : NULL;
    if (!p) return JS_EXCEPTION;
    char *path = resolve(p);
    JS_FreeCString(ctx, p);
    tbuf b = {0};
    int e = slurp(path, &b);
    JSValue r;
    if (e) r = throw_errno(ctx, e, path, "read");
    else if (argc > 1 && JS_ToBool(ctx, argv[1])) r = JS_NewStringLen(ctx, b.p, b.len);
    else r = JS_NewArrayBufferCopy(ctx, (const uint8_t *)b.p, b.len);
    tbuf_free(&b);
    free(path);
    return r;
}

/* stat(path): null when absent, else {isFile, isDirectory, size, mtimeMs}. */
static JSValue bx_stat(JSContext *ctx, JSValueConst this, int argc, JSValueConst *argv)
{
    (void)this;
    const char *p = argc ? JS_ToCString(ctx, argv[0]) : NULL;
    if (!p) return JS_EXCEPTION;
    char *path = resolve(p);
    JS_FreeCString(ctx, p);
    struct stat st;
    JSValue r;
    if (stat(path, &st) != 0) {
        r = errno == ENOENT || errno == ENOTDIR ? JS_NULL : throw_errno(ctx, errno, path, "read");
    } else {
        r = JS_NewObject(ctx);
        JS_SetPropertyStr(ctx, r, "isFile", JS_NewBool(ctx, S_ISREG(st.st_mode)));
        JS_SetPropertyStr(ctx, r, "isDirectory", JS_NewBool(ctx, S_ISDIR(st.st_mode)));
        JS_SetPropertyStr(ctx, r, "size", JS_NewFloat64(ctx, (double)st.st_size));
        JS_SetPropertyStr(ctx, r, "mtimeMs",
                          JS_NewFloat64(ctx, (double)st.st_mtim.tv_sec * 1e3 + st.st_mtim.tv_nsec / 1e6));
    }
    free(path);
    return r;
}

static JSValue bx_readdir(JSContext *ctx, JSValueConst this, int argc, JSValueConst *argv)
{
    (void)this;
    const char *p = argc ? JS_ToCString(ctx, argv[0]) : NULL;
    if (!p) return JS_EXCEPTION;
    char *path = resolve(p);
    JS_FreeCString(ctx, p);
    DIR *d = opendir(path);
    if (!d) { JSValue r = throw_errno(ctx, errno, path, "read"); free(path); return r; }
    JSValue a = JS_NewArray(ctx);
    uint32_t i = 0;
    struct dirent *de;
    while (!JS_IsException(a) && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        JS_SetPropertyUint32(ctx, a, i++, JS_NewString(ctx, de->d_name));
    }
    closedir(d);
    free(path);
    return a;
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static JSValue bx_now(JSContext *ctx, JSValueConst this, int argc, JSValueConst *argv)
{
    (void)this, (void)argc, (void)argv;
    return JS_NewFloat64(ctx, mono_ms());
}

static JSValue bx_sleep(JSContext *ctx, JSValueConst this, int argc, JSValueConst *argv)
{
    (void)this;
    double ms = 0;
    if (argc && JS_ToFloat64(ctx, &ms, argv[0])) return JS_EXCEPTION;
    if (ms > 0) {
        struct timespec ts = { (time_t)(ms / 1e3), (long)((ms - (double)(time_t)(ms / 1e3) * 1e3) * 1e6) };
        nanosleep(&ts, NULL);
    }
    return JS_UNDEFINED;
}

/* process.exit(code): what was printed is the result; code != 0 is an error. */
static JSValue bx_exit(JSContext *ctx, JSValueConst this, int argc, JSValueConst *argv)
{
    (void)this;
    int code = 0;
    if (argc) JS_ToInt32(ctx, &code, argv[0]);
    finish(code != 0);
}

static const JSCFunctionListEntry bx_funcs[] = {
    JS_CFUNC_DEF("write", 1, bx_write),
    JS_CFUNC_DEF("classId", 1, bx_class_id),
    JS_CFUNC_DEF("promiseState", 1, bx_promise_state),
    JS_CFUNC_DEF("readFile", 2, bx_read_file),
    JS_CFUNC_DEF("stat", 1, bx_stat),
    JS_CFUNC_DEF("readdir", 1, bx_readdir),
    JS_CFUNC_DEF("now", 0, bx_now),
    JS_CFUNC_DEF("sleep", 1, bx_sleep),
    JS_CFUNC_DEF("exit", 1, bx_exit),
};

/* ---- unhandled rejections -------------------------------------------------- */

/* Rejected promises nobody handled yet, in order; a later handler removes
 * its promise.  Node ends the program with an error for any left over. */
#define MAX_REJECTIONS 64
static JSValue rejected[MAX_REJECTIONS], reasons[MAX_REJECTIONS];
static int n_rejected;

static void track_rejection(JSContext *ctx, JSValueConst promise, JSValueConst reason,
                            JS_BOOL is_handled, void *opaque)
{
    (void)opaque;
    if (!is_handled) {
        if (n_rejected < MAX_REJECTIONS) {
            rejected[n_rejected] = JS_DupValue(ctx, promise);
            reasons[n_rejected++] = JS_DupValue(ctx, reason);
        }
        return;
    }
    for (int i = 0; i < n_rejected; i++) {
        if (JS_VALUE_GET_PTR(rejected[i]) == JS_VALUE_GET_PTR(promise)) {
            JS_FreeValue(ctx, rejected[i]);
            JS_FreeValue(ctx, reasons[i]);
            memmove(rejected + i, rejected + i + 1, (size_t)(n_rejected - i - 1) * sizeof *rejected);
            memmove(reasons + i, reasons + i + 1, (size_t)(n_rejected - i - 1) * sizeof *reasons);
            n_rejected--;
            return;
        }
    }
}

/* ---- running ---------------------------------------------------------------- */

static JSValue hooks;   /* the object prelude.js returns: formatting, timers */

/* Prints "prefix" + the formatted exception and ends the call as an error. */
static _Noreturn void fail_with(JSContext *ctx, JSValue exc, const char *prefix)
{
    free(reserve);
    reserve = NULL;
    /* Out of memory leaves too little to format with; say what happened. */
    JSValue fn = JS_GetPropertyStr(ctx, hooks, "formatUncaught");
    JSValue args[2] = { exc, JS_NewString(ctx, prefix) };
    JSValue s = JS_Call(ctx, fn, JS_UNDEFINED, 2, args);
    size_t n;
    const char *text = JS_IsException(s) ? NULL : JS_ToCStringLen(ctx, &n, s);
    if (oom_seen && JS_IsNull(exc)) {
        text = NULL;   /* the error object itself could not be made */
        JS_FreeValue(ctx, JS_GetException(ctx));
        tbuf_printf(&out, "%sInternalError: out of memory", prefix);
    } else if (text) {
        if (out.len && out.p[out.len - 1] != '\n') out_put("\n", 1);
        out_put(text, n);
    } else {
        JSValue e2 = JS_GetException(ctx);
        const char *m = JS_ToCString(ctx, exc);
        tbuf_printf(&out, "%s%s", prefix, m ? m : "an exception that cannot be printed");
        JS_FreeCString(ctx, m);
        JS_FreeValue(ctx, e2);
    }
    if (oom_seen)
        tbuf_puts(&out, "\n(the program ran out of memory: the sandbox caps it at the tool's max_memory; "
                        "use less data or raise --max-memory)");
    finish(1);
}

static void drain_jobs(JSContext *ctx)
{
    for (;;) {
        JSContext *c1;
        int r = JS_ExecutePendingJob(JS_GetRuntime(ctx), &c1);
        if (r == 0) return;
        if (r < 0) fail_with(ctx, JS_GetException(ctx), "");
    }
}

static char *read_code(const cJSON *in, const char **name, size_t *len)
{
    const char *code = tool_str(in, "code", NULL);
    const char *file = tool_str(in, "file_path", NULL);
    if (code && file)
        tool_fail("Give either \"code\" (inline JavaScript) or \"file_path\" (a .js file in the workspace), not both");
    if (code) {
        *name = "<input>";
        *len = strlen(code);
        return strdup(code);
    }
    if (!file || !*file)
        tool_fail("Nothing to run: give \"code\" (inline JavaScript) or \"file_path\" (a .js file in the workspace)");
    char *path = resolve(file);
    tbuf b = {0};
    int e = slurp(path, &b);
    if (e) tool_fail("%s", tool_errno_text(e, path, "read"));
    *name = path;
    *len = b.len;
    return b.p;
}

int main(void)
{
    cJSON *in = tool_input();
    const char *name;
    size_t len;
    char *code = read_code(in, &name, &len);

    reserve = malloc(RESERVE);
    JSRuntime *rt = JS_NewRuntime2(&js_mem, NULL);
    if (!rt) tool_fail("QuickJS could not start: out of memory (raise --max-memory)");
    JS_SetMaxStackSize(rt, QJS_STACK - STACK_MARGIN);
    JS_SetHostPromiseRejectionTracker(rt, track_rejection, NULL);
    JSContext *ctx = JS_NewContext(rt);
    if (!ctx) tool_fail("QuickJS could not start: out of memory (raise --max-memory)");

    JSValue bx = JS_NewObject(ctx);
    JS_SetPropertyFunctionList(ctx, bx, bx_funcs, sizeof bx_funcs / sizeof bx_funcs[0]);
    JSValue setup = JS_ReadObject(ctx, bx_prelude_bc, sizeof bx_prelude_bc, JS_READ_OBJ_BYTECODE);
    if (!JS_IsException(setup)) setup = JS_EvalFunction(ctx, setup);
    if (JS_IsException(setup)) {
        /* Only out of memory gets here: the prelude is ours and tested. */
        JSValue e = JS_GetException(ctx);
        const char *m = JS_ToCString(ctx, e);
        tool_fail("js-execute could not start: %s (raise --max-memory?)", m ? m : "unknown error");
    }
    hooks = JS_Call(ctx, setup, JS_UNDEFINED, 1, &bx);
    if (JS_IsException(hooks)) tool_fail("js-execute could not start: out of memory (raise --max-memory)");
    JS_FreeValue(ctx, setup);
    JS_FreeValue(ctx, bx);

    /* An async global script: the promise resolves to {value: completion}. */
    JSValue p = JS_Eval(ctx, code, len, name, JS_EVAL_TYPE_GLOBAL | JS_EVAL_FLAG_ASYNC);
    free(code);
    if (JS_IsException(p)) fail_with(ctx, JS_GetException(ctx), "");

    /* The event loop: promise jobs first, then the earliest timer. */
    JSValue run_timer = JS_GetPropertyStr(ctx, hooks, "runTimer");
    for (;;) {
        drain_jobs(ctx);
        if (JS_PromiseState(ctx, p) == JS_PROMISE_REJECTED) break;
        JSValue more = JS_Call(ctx, run_timer, JS_UNDEFINED, 0, NULL);
        if (JS_IsException(more)) fail_with(ctx, JS_GetException(ctx), "");
        if (!JS_ToBool(ctx, more)) break;
        JS_FreeValue(ctx, more);
    }

    int st = JS_PromiseState(ctx, p);
    if (st == JS_PROMISE_REJECTED) {
        /* Handled here, not an unhandled rejection as well. */
        for (int i = 0; i < n_rejected; i++)
            if (JS_VALUE_GET_PTR(rejected[i]) == JS_VALUE_GET_PTR(p)) { rejected[i] = rejected[--n_rejected]; reasons[i] = reasons[n_rejected]; break; }
        fail_with(ctx, JS_PromiseResult(ctx, p), "");
    }
    if (n_rejected) fail_with(ctx, reasons[0], "Uncaught (in promise) ");
    if (st == JS_PROMISE_PENDING) {
        if (out.len && out.p[out.len - 1] != '\n') out_put("\n", 1);
        const char *m = "Error: the top-level await never finished: it waits for a promise that nothing "
                        "settles (no timer or job is left to settle it)";
        out_put(m, strlen(m));
        finish(1);
    }

    JSValue res = JS_PromiseResult(ctx, p);
    JSValue val = JS_GetPropertyStr(ctx, res, "value");
    if (!JS_IsUndefined(val)) {
        JSValue fn = JS_GetPropertyStr(ctx, hooks, "printResult");
        JSValue r = JS_Call(ctx, fn, JS_UNDEFINED, 1, &val);
        if (JS_IsException(r)) fail_with(ctx, JS_GetException(ctx), "");
    }
    finish(0);
}
