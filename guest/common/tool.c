/*
 * guest/common/tool.c — input, result and error text for the built-in tools
 * (see tool.h for the protocol).
 */
#include "tool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define INPUT_MAX (64u << 20)   /* the host caps input well below this */

static _Noreturn void oom(void)
{
    static const char msg[] =
        "{\"content\":\"The tool ran out of memory (raise --max-memory)\",\"is_error\":true,\"metadata\":null}\n";
    (void)!write(1, msg, sizeof msg - 1);
    exit(0);
}

void tbuf_put(tbuf *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) {
            if (cap > ((size_t)-1) / 2) oom();
            cap *= 2;
        }
        char *p = realloc(b->p, cap);
        if (!p) oom();
        b->p = p, b->cap = cap;
    }
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void tbuf_puts(tbuf *b, const char *s) { tbuf_put(b, s, strlen(s)); }

void tbuf_printf(tbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) { tbuf_put(b, small, (size_t)n); return; }
    char *big = malloc((size_t)n + 1);
    if (!big) oom();
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    tbuf_put(b, big, (size_t)n);
    free(big);
}

void tbuf_free(tbuf *b) { free(b->p); b->p = NULL; b->len = b->cap = 0; }

static int input_had_nul;

/* A \u0000 escape inside a JSON string: cJSON would cut the string there. */
static int has_nul_escape(const char *p, size_t n)
{
    int in_str = 0;
    for (size_t i = 0; i < n; i++) {
        if (!in_str) { in_str = p[i] == '"'; continue; }
        if (p[i] == '"') { in_str = 0; continue; }
        if (p[i] != '\\' || i + 1 >= n) continue;
        i++;
        if (p[i] == 'u' && i + 4 < n && p[i + 1] == '0' && p[i + 2] == '0' && p[i + 3] == '0' && p[i + 4] == '0')
            return 1;
    }
    return 0;
}

int tool_input_had_nul(void) { return input_had_nul; }

cJSON *tool_input(void)
{
    tbuf b = {0};
    static char chunk[65536];   /* static: the default wasm stack is only 64 KiB */
    for (;;) {
        ssize_t n = read(0, chunk, sizeof chunk);
        if (n < 0) { if (errno == EINTR) continue; tool_fail("cannot read the input: %s", strerror(errno)); }
        if (n == 0) break;
        if (b.len + (size_t)n > INPUT_MAX) tool_fail("input larger than %u bytes", INPUT_MAX);
        tbuf_put(&b, chunk, (size_t)n);
    }
    cJSON *in = cJSON_ParseWithLength(b.p ? b.p : "", b.len);
    input_had_nul = b.p && has_nul_escape(b.p, b.len);
    tbuf_free(&b);
    if (!cJSON_IsObject(in)) { cJSON_Delete(in); tool_fail("the input is not a JSON object"); }
    return in;
}

const char *tool_str(const cJSON *in, const char *key, const char *def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, key);
    return cJSON_IsString(v) ? v->valuestring : def;
}

double tool_num(const cJSON *in, const char *key, double def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, key);
    return cJSON_IsNumber(v) ? v->valuedouble : def;
}

int tool_bool(const cJSON *in, const char *key, int def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, key);
    return cJSON_IsBool(v) ? cJSON_IsTrue(v) : def;
}

_Noreturn void tool_result(const char *content, size_t len, int is_error, cJSON *metadata)
{
    /* cJSON strings are NUL-terminated: a NUL inside content is cut there,
     * so tools that may see NULs (binary data) must say so themselves. */
    cJSON *r = cJSON_CreateObject();
    char *copy = malloc(len + 1);
    if (!r || !copy) oom();
    memcpy(copy, content, len);
    copy[len] = 0;
    if (!cJSON_AddStringToObject(r, "content", copy) || !cJSON_AddBoolToObject(r, "is_error", is_error)) oom();
    free(copy);
    if (metadata) cJSON_AddItemToObject(r, "metadata", metadata);
    else cJSON_AddNullToObject(r, "metadata");
    char *text = cJSON_PrintUnformatted(r);
    if (!text) oom();
    size_t n = strlen(text), off = 0;
    while (off < n) {
        ssize_t w = write(1, text + off, n - off);
        if (w <= 0) { if (w < 0 && errno == EINTR) continue; break; }
        off += (size_t)w;
    }
    (void)!write(1, "\n", 1);
    exit(0);
}

_Noreturn void tool_ok(const char *content, cJSON *metadata)
{
    tool_result(content, strlen(content), 0, metadata);
}

_Noreturn void tool_fail(const char *fmt, ...)
{
    tbuf b = {0};
    char small[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    tbuf_puts(&b, small);
    tool_result(b.p, b.len, 1, NULL);
}

const char *tool_errno_text(int e, const char *path, const char *verb)
{
    static char buf[2048];
    switch (e) {
    case ENOENT:
        snprintf(buf, sizeof buf, "File not found: %s", path); break;
    case ENOTDIR:
        snprintf(buf, sizeof buf, "Not a directory: a component of %s is a file", path); break;
    case EISDIR:
        snprintf(buf, sizeof buf, "%s is a directory, not a file", path); break;
    case EACCES: case EPERM: case ENOTCAPABLE: {
        char hint[900];
        tool_denied_hint(path, strcmp(verb, "read") == 0 ? "read" : "write", hint, sizeof hint);
        snprintf(buf, sizeof buf,
                 "Permission denied by the sandbox: cannot %s %s (it is outside the granted "
                 "directories or the grant does not allow this; %s)", verb, path, hint);
        break;
    }
    case EROFS: {
        char hint[900];
        tool_denied_hint(path, "write", hint, sizeof hint);
        snprintf(buf, sizeof buf, "Permission denied by the sandbox: %s is in a read-only grant (%s)", path, hint);
        break;
    }
    case ELOOP:
        snprintf(buf, sizeof buf, "Too many symbolic links, or a symbolic link the sandbox refuses to follow: %s", path); break;
    case ENAMETOOLONG:
        snprintf(buf, sizeof buf, "Path too long: %s", path); break;
    case ENOSPC: case EDQUOT:
        snprintf(buf, sizeof buf, "No space left while writing %s", path); break;
    default:
        snprintf(buf, sizeof buf, "Cannot %s %s: %s", verb, path, strerror(e)); break;
    }
    return buf;
}
