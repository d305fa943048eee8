/*
 * guest/common/tool.c — input, result and error text for the built-in tools
 * (see tool.h for the protocol).
 *
 * The result is printed by hand, not by building a cJSON tree: the same
 * bytes cJSON_PrintUnformatted gives (tests/tools/test_json_out.c checks it
 * against cJSON), at a fraction of the cost in wasm, where cJSON's escaper
 * and its printf/sscanf of every number were most of a small tool's work.
 */
#include "tool.h"

#include <errno.h>
#include <math.h>
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

/* memcpy, with up to 16 bytes copied inline: the call into wasi's memcpy
 * (the guest has no bulk memory) costs a few hundred wasm instructions of
 * fuel, more than the short keys and numbers most puts carry. */
static inline void copy(char *d, const char *s, size_t n)
{
    if (n > 16) {
        memcpy(d, s, n);
    } else if (n >= 8) {
        uint64_t x, y;
        memcpy(&x, s, 8), memcpy(&y, s + n - 8, 8);
        memcpy(d, &x, 8), memcpy(d + n - 8, &y, 8);
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, s, 4), memcpy(&y, s + n - 4, 4);
        memcpy(d, &x, 4), memcpy(d + n - 4, &y, 4);
    } else if (n) {
        char x = s[0], y = s[n / 2], z = s[n - 1];
        d[0] = x, d[n / 2] = y, d[n - 1] = z;
    }
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
    copy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void tbuf_puts(tbuf *b, const char *s) { tbuf_put(b, s, strlen(s)); }

char *tbuf_room(tbuf *b, size_t n)
{
    if (n > ((size_t)-1) / 2 - b->len) oom();
    if (b->len + n + 1 > b->cap) {
        tbuf_put(b, "", 0);     /* allocates at least 256 */
        size_t cap = b->cap;
        while (cap < b->len + n + 1) cap *= 2;
        if (cap != b->cap) {
            char *p = realloc(b->p, cap);
            if (!p) oom();
            b->p = p, b->cap = cap;
        }
    }
    return b->p + b->len;
}

size_t tool_json_escape1(char *o, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    o[0] = '\\';
    switch (c) {
    case '"': o[1] = '"'; return 2;
    case '\\': o[1] = '\\'; return 2;
    case '\b': o[1] = 'b'; return 2;
    case '\f': o[1] = 'f'; return 2;
    case '\n': o[1] = 'n'; return 2;
    case '\r': o[1] = 'r'; return 2;
    case '\t': o[1] = 't'; return 2;
    default:
        o[1] = 'u', o[2] = '0', o[3] = '0', o[4] = hex[c >> 4], o[5] = hex[c & 15];
        return 6;
    }
}

/* Escapes at most JSON_CHUNK input bytes per reservation, so a large
 * content never reserves six times its size at once. */
#define JSON_CHUNK 16384

void tbuf_put_json(tbuf *b, const void *s, size_t n)
{
    const unsigned char *p = s, *end = p + n;
    while (p < end) {
        size_t take = (size_t)(end - p) < JSON_CHUNK ? (size_t)(end - p) : JSON_CHUNK;
        const unsigned char *stop = p + take;
        char *o0 = tbuf_room(b, take * 6 + 8), *o = o0;
        while (p < stop) {
            /* 8 bytes at a time: stored whole, kept up to the first that
             * needs an escape (the room has 8 bytes to spare). */
            if (stop - p >= 8) {
                uint64_t w, m;
                memcpy(&w, p, 8);
                memcpy(o, &w, 8);
                if (!(m = tool_json_special8(w))) { p += 8, o += 8; continue; }
                size_t k = (size_t)__builtin_ctzll(m) >> 3;
                p += k, o += k;
            } else if (*p >= 0x20 && *p != '"' && *p != '\\') {
                *o++ = (char)*p++;
                continue;
            }
            o += tool_json_escape1(o, *p++);
        }
        b->len += (size_t)(o - o0);
    }
    if (b->p) b->p[b->len] = 0;
}

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

/* Appends v as cJSON_PrintUnformatted prints it, without its cost where
 * it is high in wasm: a number there is printed with "%1.15g" and read
 * back with sscanf (long double arithmetic in software, ~7,000 wasm
 * instructions each).  Whole numbers below 1e15 print as their digits
 * under "%1.15g" (fewer than 15 digits: no exponent) and read back
 * exactly, so they are written directly; every other number, and
 * anything unusual, is left to cJSON.  0: cJSON could not print it. */
static int put_num(tbuf *b, double d)
{
    double a = d < 0 || (d == 0 && signbit(d)) ? -d : d;
    if (a < 1e15 && a == (double)(uint64_t)a) {
        char num[24];
        size_t k = sizeof num;
        uint64_t u = (uint64_t)a;
        do num[--k] = (char)('0' + u % 10), u /= 10; while (u);
        if (signbit(d)) num[--k] = '-';
        tbuf_put(b, num + k, sizeof num - k);
        return 1;
    }
    cJSON *v = cJSON_CreateNumber(d);
    char *t = v ? cJSON_PrintUnformatted(v) : NULL;
    cJSON_Delete(v);
    if (!t) return 0;
    tbuf_puts(b, t);
    free(t);
    return 1;
}

static int put_value(tbuf *b, const cJSON *v)
{
    switch (v->type & 0xff) {
    case cJSON_NULL: tbuf_puts(b, "null"); return 1;
    case cJSON_False: tbuf_puts(b, "false"); return 1;
    case cJSON_True: tbuf_puts(b, "true"); return 1;
    case cJSON_Number: return put_num(b, v->valuedouble);
    case cJSON_String:
        tbuf_put(b, "\"", 1);
        if (v->valuestring) tbuf_put_json(b, v->valuestring, strlen(v->valuestring));
        tbuf_put(b, "\"", 1);
        return 1;
    case cJSON_Raw:
        if (!v->valuestring) return 0;
        tbuf_puts(b, v->valuestring);
        return 1;
    case cJSON_Array:
    case cJSON_Object: {
        int obj = (v->type & 0xff) == cJSON_Object;
        tbuf_put(b, obj ? "{" : "[", 1);
        for (const cJSON *c = v->child; c; c = c->next) {
            if (obj) {
                tbuf_put(b, "\"", 1);
                if (c->string) tbuf_put_json(b, c->string, strlen(c->string));
                tbuf_put(b, "\":", 2);
            }
            if (!put_value(b, c)) return 0;
            if (c->next) tbuf_put(b, ",", 1);
        }
        tbuf_put(b, obj ? "}" : "]", 1);
        return 1;
    }
    default:
        return 0;
    }
}

/* Writes s (n bytes) escaped at o, one byte at a time: for keys and short
 * values, where tbuf_put_json's set-up costs more than the bytes. */
static char *put_short(char *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') *o++ = (char)c;
        else o += tool_json_escape1(o, c);
    }
    return o;
}

/* Starts member key of m, with room for extra more bytes after it;
 * returns where its value goes.  Each member is written in place: through
 * tbuf_put and tbuf_put_json one cost ~1,200 wasm instructions. */
static char *tmeta_key(tbuf *m, const char *key, size_t extra)
{
    size_t k = strlen(key);
    int first = m->len == 0;
    char *o = tbuf_room(m, 6 * k + 4 + extra);
    *o++ = first ? '{' : ',', *o++ = '"';
    o = put_short(o, key, k);
    *o++ = '"', *o++ = ':';
    return o;
}

static void tmeta_done(tbuf *m, char *o)
{
    m->len = (size_t)(o - m->p);
    m->p[m->len] = 0;
}

void tmeta_num(tbuf *m, const char *key, double v)
{
    double a = v < 0 || (v == 0 && signbit(v)) ? -v : v;
    if (a < 1e15 && a == (double)(uint64_t)a) {
        char *o = tmeta_key(m, key, 24);
        if (signbit(v)) *o++ = '-';
        uint64_t u = (uint64_t)a;
        size_t d = 1;
        for (uint64_t t = u; t >= 10; t /= 10) d++;
        for (size_t i = d; i--; u /= 10) o[i] = (char)('0' + u % 10);
        tmeta_done(m, o + d);
        return;
    }
    tmeta_done(m, tmeta_key(m, key, 0));
    if (!put_num(m, v)) oom();
}

void tmeta_str(tbuf *m, const char *key, const char *v)
{
    size_t n = strlen(v);
    if (n > 64) {
        tmeta_done(m, tmeta_key(m, key, 0));
        tbuf_put(m, "\"", 1);
        tbuf_put_json(m, v, n);
        tbuf_put(m, "\"", 1);
        return;
    }
    char *o = tmeta_key(m, key, 6 * n + 2);
    *o++ = '"';
    o = put_short(o, v, n);
    *o++ = '"';
    tmeta_done(m, o);
}

void tmeta_bool(tbuf *m, const char *key, int v)
{
    char *o = tmeta_key(m, key, 5);
    if (v) memcpy(o, "true", 4), o += 4;
    else memcpy(o, "false", 5), o += 5;
    tmeta_done(m, o);
}

void tmeta_null(tbuf *m, const char *key)
{
    char *o = tmeta_key(m, key, 4);
    memcpy(o, "null", 4);
    tmeta_done(m, o + 4);
}

void tool_json_begin(tbuf *b)
{
    b->len = 0;
    tbuf_puts(b, "{\"content\":\"");
}

static _Noreturn void json_end(tbuf *b, int is_error, cJSON *metadata, const tbuf *meta)
{
    /* The bytes cJSON_PrintUnformatted gives for {"content": ..., "is_error":
     * ..., "metadata": ...}: no spaces, keys in this order. */
    tbuf_puts(b, is_error ? "\",\"is_error\":true,\"metadata\":" : "\",\"is_error\":false,\"metadata\":");
    if (meta) {
        if (meta->len) tbuf_put(b, meta->p, meta->len), tbuf_put(b, "}", 1);
        else tbuf_put(b, "{}", 2);
    } else if (metadata) {
        size_t at = b->len;
        if (!put_value(b, metadata)) {
            char *m = cJSON_PrintUnformatted(metadata);
            if (!m) oom();
            b->len = at;
            tbuf_puts(b, m);
        }
    } else {
        tbuf_puts(b, "null");
    }
    tbuf_put(b, "}\n", 2);
    size_t off = 0;
    while (off < b->len) {
        ssize_t w = write(1, b->p + off, b->len - off);
        if (w <= 0) { if (w < 0 && errno == EINTR) continue; break; }
        off += (size_t)w;
    }
    exit(0);
}

_Noreturn void tool_json_end(tbuf *b, int is_error, cJSON *metadata) { json_end(b, is_error, metadata, NULL); }

_Noreturn void tool_json_end_meta(tbuf *b, int is_error, const tbuf *meta) { json_end(b, is_error, NULL, meta); }

_Noreturn void tool_result(const char *content, size_t len, int is_error, cJSON *metadata)
{
    /* As when content was a cJSON string (NUL-terminated): a NUL inside
     * content cuts it there, so tools that may see NULs (binary data) must
     * say so themselves. */
    const char *nul = len ? memchr(content, 0, len) : NULL;
    if (nul) len = (size_t)(nul - content);
    tbuf b = {0};
    tool_json_begin(&b);
    tbuf_put_json(&b, content, len);
    tool_json_end(&b, is_error, metadata);
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
