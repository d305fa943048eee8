/*
 * jsonrpc.c — the wire: a line reader with a hard cap on line length (a
 * longer line is skipped whole, never buffered), a writer that sends each
 * message as one whole line, and JSON-RPC 2.0 message checks and replies.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server_impl.h"

#define READ_CHUNK (64u << 10)

void srv_reader_init(srv_reader *r, int fd, size_t max)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->wake_fd = -1;
    r->max = max ? max : SRV_DEFAULT_MAX_MESSAGE;
}

void srv_reader_free(srv_reader *r)
{
    free(r->buf);
    r->buf = NULL;
}

srv_read_kind srv_read_line(srv_reader *r, char **line, size_t *len)
{
    for (;;) {
        /* A newline in what is buffered? (scanned: no rescans, so a 16 MiB
         * line read in 64 KiB pieces costs linear time.) */
        if (r->scanned < r->end) {
            char *nl = memchr(r->buf + r->scanned, '\n', r->end - r->scanned);
            if (nl) {
                size_t start = r->pos, n = (size_t)(nl - (r->buf + start));
                r->pos = r->scanned = (size_t)(nl - r->buf) + 1;
                if (r->discarding || n > r->max) {
                    r->discarding = 0;
                    return SRV_TOO_LONG;
                }
                if (n && r->buf[start + n - 1] == '\r')
                    n--;
                r->buf[start + n] = '\0';
                *line = r->buf + start;
                *len = n;
                return SRV_LINE;
            }
            r->scanned = r->end;
        }
        if (r->discarding || r->end - r->pos > r->max) {
            /* Over the cap: drop what we have, keep looking for its end. */
            r->discarding = 1;
            r->pos = r->scanned = r->end = 0;
        }
        if (r->eof) {
            if (r->discarding) {
                r->discarding = 0;
                return SRV_TOO_LONG;
            }
            if (r->end > r->pos) {          /* a last line without a newline */
                size_t start = r->pos, n = r->end - r->pos;
                if (r->end == r->cap) {
                    char *nb = realloc(r->buf, r->cap + 1);
                    if (!nb)
                        return SRV_IOERR;
                    r->buf = nb;
                    r->cap++;
                }
                r->pos = r->scanned = r->end;
                if (n && r->buf[start + n - 1] == '\r')
                    n--;
                r->buf[start + n] = '\0';
                *line = r->buf + start;
                *len = n;
                return SRV_LINE;
            }
            return SRV_EOF;
        }
        /* Make room: slide the partial line to the front, grow within the cap. */
        if (r->pos > 0) {
            memmove(r->buf, r->buf + r->pos, r->end - r->pos);
            r->end -= r->pos;
            r->scanned -= r->pos;
            r->pos = 0;
        }
        if (r->cap - r->end < READ_CHUNK) {
            size_t ncap = r->cap ? r->cap * 2 : READ_CHUNK * 2;
            if (ncap < r->end + READ_CHUNK + 1)
                ncap = r->end + READ_CHUNK + 1;
            if (ncap > r->max + 2 * READ_CHUNK + 1)
                ncap = r->max + 2 * READ_CHUNK + 1;
            if (ncap > r->cap) {
                char *nb = realloc(r->buf, ncap);
                if (!nb)
                    return SRV_IOERR;
                r->buf = nb;
                r->cap = ncap;
            }
        }
        size_t want = r->cap - r->end - 1;
        if (want > READ_CHUNK)
            want = READ_CHUNK;
        if (r->wake_fd >= 0) {
            /* Wait for input or a request, whichever comes first. */
            struct pollfd pf[2] = {{.fd = r->fd, .events = POLLIN, .revents = 0},
                                   {.fd = r->wake_fd, .events = POLLIN, .revents = 0}};
            int n = poll(pf, 2, -1);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return SRV_IOERR;
            if (pf[1].revents & POLLIN)
                return SRV_WAKE;
            if (!pf[0].revents)
                continue;
        }
        ssize_t got = read(r->fd, r->buf + r->end, want);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return SRV_IOERR;
        }
        if (got == 0)
            r->eof = 1;
        r->end += (size_t)got;
    }
}

void srv_out_init(srv_out *o, int fd)
{
    o->fd = fd;
    o->broken = 0;
    o->deadline_ns = 0;
    pthread_mutex_init(&o->mu, NULL);
}

static uint64_t out_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void srv_out_bound(srv_out *o, unsigned ms)
{
    uint64_t d = out_now_ns() + (uint64_t)ms * 1000000ull, none = 0;
    __atomic_compare_exchange_n(&o->deadline_ns, &none, d, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* Under a deadline: wait for room, then write at most PIPE_BUF bytes (a
 * pipe or socket that polled writable takes that much without blocking,
 * the fd staying blocking: it may be shared with other processes).
 * 0: nothing written before the deadline. */
static ssize_t bounded_write(int fd, const char *p, size_t n, uint64_t deadline)
{
    for (;;) {
        uint64_t now = out_now_ns();
        if (now >= deadline)
            return 0;
        struct pollfd pf = {.fd = fd, .events = POLLOUT, .revents = 0};
        int r = poll(&pf, 1, (int)((deadline - now) / 1000000u) + 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r;
        if (pf.revents & (POLLERR | POLLHUP | POLLNVAL))
            return -1;
        return write(fd, p, n < PIPE_BUF ? n : PIPE_BUF);
    }
}

void srv_out_free(srv_out *o)
{
    pthread_mutex_destroy(&o->mu);
}

int srv_out_send(srv_out *o, cJSON *msg)
{
    char *text = msg ? cJSON_PrintUnformatted(msg) : NULL;
    cJSON_Delete(msg);
    pthread_mutex_lock(&o->mu);
    int rc = -1;
    if (text && !o->broken) {
        size_t n = strlen(text);
        text[n] = '\n';     /* cJSON_Print's buffer holds the NUL: room for the newline */
        size_t off = 0;
        n++;
        uint64_t deadline = __atomic_load_n(&o->deadline_ns, __ATOMIC_SEQ_CST);
        while (off < n) {
            ssize_t w = deadline ? bounded_write(o->fd, text + off, n - off, deadline)
                                 : write(o->fd, text + off, n - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                o->broken = 1;
                break;
            }
            off += (size_t)w;
        }
        rc = o->broken ? -1 : 0;
    }
    pthread_mutex_unlock(&o->mu);
    free(text);
    return rc;
}

/* The JSONL names of the codes (jsonl.c's protocol speaks names, not
 * numbers); one table, so both wires report the same failure alike. */
static const struct { int code; const char *name; } err_names[] = {
    {RPC_PARSE_ERROR, "parse_error"},       {RPC_INVALID_REQUEST, "invalid_request"},
    {RPC_METHOD_NOT_FOUND, "invalid_request"}, {RPC_INVALID_PARAMS, "invalid_request"},
    {RPC_INTERNAL_ERROR, "call_failed"},    {SRV_ERR_TOO_LARGE, "too_large"},
    {SRV_ERR_UNKNOWN_EXECUTOR, "unknown_executor"}, {SRV_ERR_UNKNOWN_TOOL, "unknown_tool"},
    {SRV_ERR_QUOTA, "quota_exceeded"},      {SRV_ERR_CANCELLED, "cancelled"},
    {SRV_ERR_CALL_FAILED, "call_failed"},
};

cJSON *srv_error(srv_wire wire, const cJSON *id, int code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cJSON *m = cJSON_CreateObject(), *e = cJSON_CreateObject();
    if (wire == SRV_WIRE_JSONRPC)
        cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    if (wire == SRV_WIRE_JSONRPC) {
        cJSON_AddNumberToObject(e, "code", code);
    } else {
        const char *name = "call_failed";
        for (size_t i = 0; i < sizeof err_names / sizeof *err_names; i++)
            if (err_names[i].code == code)
                name = err_names[i].name;
        cJSON_AddStringToObject(e, "code", name);
    }
    cJSON_AddStringToObject(e, "message", msg);
    cJSON_AddItemToObject(m, "error", e);
    return m;
}

cJSON *rpc_result(const cJSON *id, cJSON *result)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddItemToObject(m, "id", cJSON_Duplicate(id, 1));
    cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateObject());
    return m;
}

int rpc_id_ok(const cJSON *id)
{
    /* raw: a string holding U+0000, kept exactly (rpc_exact_strings) */
    return cJSON_IsString(id) || cJSON_IsNumber(id) || cJSON_IsRaw(id);
}

const cJSON *rpc_id(const cJSON *msg)
{
    const cJSON *id = cJSON_IsObject(msg) ? cJSON_GetObjectItemCaseSensitive(msg, "id") : NULL;
    return rpc_id_ok(id) ? id : NULL;
}

rpc_kind rpc_classify(const cJSON *msg, const char **why)
{
    *why = NULL;
    if (!cJSON_IsObject(msg)) {
        *why = "a JSON-RPC message is a JSON object";
        return RPC_INVALID;
    }
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(msg, "jsonrpc");
    if (!cJSON_IsString(v) || strcmp(v->valuestring, "2.0") != 0) {
        *why = "\"jsonrpc\" must be \"2.0\"";
        return RPC_INVALID;
    }
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(msg, "method");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
    if (!method) {
        if (id && (cJSON_GetObjectItemCaseSensitive(msg, "result") ||
                   cJSON_GetObjectItemCaseSensitive(msg, "error")))
            return RPC_RESPONSE;
        *why = "no \"method\"";
        return RPC_INVALID;
    }
    if (!cJSON_IsString(method)) {
        *why = "\"method\" must be a string";
        return RPC_INVALID;
    }
    if (!id)
        return RPC_NOTIFICATION;
    if (!rpc_id_ok(id)) {
        *why = "\"id\" must be a string or a number";   /* MCP: never null */
        return RPC_INVALID;
    }
    return RPC_REQUEST;
}

char *rpc_id_key(const cJSON *id)
{
    char num[64];
    const char *body;
    char tag;
    if (cJSON_IsString(id)) {
        tag = 's';
        body = id->valuestring;
    } else if (cJSON_IsRaw(id) && id->valuestring) {
        tag = 'j';              /* its canonical JSON: never equal to an 's' key */
        body = id->valuestring;
    } else if (cJSON_IsNumber(id)) {
        tag = 'n';
        snprintf(num, sizeof num, "%.17g", id->valuedouble);
        body = num;
    } else {
        return NULL;
    }
    size_t n = strlen(body);
    char *k = malloc(n + 3);
    if (!k)
        return NULL;
    k[0] = tag;
    k[1] = ':';
    memcpy(k + 2, body, n + 1);
    return k;
}

/* ---- strings holding U+0000 ------------------------------------------------
 *
 * cJSON keeps strings NUL-terminated, so "a\u0000b" reads as "a": two ids
 * that differ only after a \u0000 would collide (responses, cancellation),
 * and a key "id\u0000x" would read as "id".  So, where the server reads a
 * message (its members and those of its params, in each batch member), the
 * raw text is walked alongside the parsed tree: a key holding U+0000 is
 * renamed to its raw text (quotes included, so it equals no key we look
 * up), and a string value holding U+0000 becomes a cJSON raw item whose
 * text is the string's exact JSON (every U+0000 as \u0000).  An id kept so
 * is echoed exactly and matched exactly (rpc_id_key); any other field kept
 * so is not a string, and gets that field's usual error. */

typedef struct jscan { const char *p, *end; } jscan;

static void js_ws(jscan *s)
{
    while (s->p < s->end && (unsigned char)*s->p <= 32)   /* as cJSON skips */
        s->p++;
}

static int hex4(const char *p, const char *end, unsigned *v)
{
    if (end - p < 4)
        return -1;
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
        if (d > 15)
            return -1;
        *v = *v << 4 | d;
    }
    return 0;
}

/* A string at s->p: its raw span [*b, *e) (quotes included) and whether
 * it decodes to something holding U+0000. */
static int js_string(jscan *s, const char **b, const char **e, int *nul)
{
    *nul = 0;
    if (s->p >= s->end || *s->p != '"')
        return -1;
    *b = s->p++;
    while (s->p < s->end && *s->p != '"') {
        if (*s->p == '\\') {
            unsigned v;
            if (s->p + 1 < s->end && s->p[1] == 'u' && hex4(s->p + 2, s->end, &v) == 0) {
                *nul |= v == 0;
                s->p += 6;
                continue;
            }
            s->p++;
        }
        s->p++;
    }
    if (s->p >= s->end)
        return -1;
    *e = ++s->p;
    return 0;
}

/* Skips one value of any depth (no recursion: a deep value costs no stack). */
static int js_skip(jscan *s)
{
    size_t depth = 0;
    do {
        js_ws(s);
        if (s->p >= s->end)
            return -1;
        char c = *s->p;
        if (c == '"') {
            const char *b, *e;
            int nul;
            if (js_string(s, &b, &e, &nul))
                return -1;
        } else if (c == '{' || c == '[') {
            depth++;
            s->p++;
            continue;
        } else if (c == '}' || c == ']') {
            if (!depth)
                return -1;
            depth--;
            s->p++;
        } else if (c == ',' || c == ':') {
            s->p++;
            continue;
        } else {
            while (s->p < s->end && !strchr(",]}", *s->p) && (unsigned char)*s->p > 32)
                s->p++;
        }
        if (depth) {   /* inside a container: go on to its next token */
            js_ws(s);
            continue;
        }
    } while (depth);
    return 0;
}

/* The exact JSON of the string whose raw text is [b, e) (valid JSON:
 * cJSON parsed it). */
static char *exact_json(const char *b, const char *e)
{
    size_t n = (size_t)(e - b);
    char *o = malloc(6 * n + 3);   /* a 1-byte unit can become \u00XX */
    if (!o)
        return NULL;
    /* Canonical, so equal strings give equal text whatever their escapes:
     * every escape decoded, and only '"', '\\' and controls (U+0000
     * included) written back, as \u00XX. */
    char *w = o;
    *w++ = '"';
    for (const char *p = b + 1; p < e - 1;) {
        unsigned cp;
        if (*p == '\\' && p[1] == 'u' && hex4(p + 2, e, &cp) == 0) {
            p += 6;
            unsigned lo;
            if (cp >= 0xd800 && cp < 0xdc00 && p[0] == '\\' && p[1] == 'u' && hex4(p + 2, e, &lo) == 0 &&
                lo >= 0xdc00 && lo < 0xe000) {
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                p += 6;
            }
            if (cp < 0x20 || cp == '"' || cp == '\\') {
                w += sprintf(w, "\\u%04x", cp);       /* 6 bytes, as the escape it came from */
            } else if (cp < 0x80) {
                *w++ = (char)cp;
            } else if (cp < 0x800) {
                *w++ = (char)(0xc0 | cp >> 6);
                *w++ = (char)(0x80 | (cp & 63));
            } else if (cp < 0x10000) {
                *w++ = (char)(0xe0 | cp >> 12);
                *w++ = (char)(0x80 | ((cp >> 6) & 63));
                *w++ = (char)(0x80 | (cp & 63));
            } else {
                *w++ = (char)(0xf0 | cp >> 18);
                *w++ = (char)(0x80 | ((cp >> 12) & 63));
                *w++ = (char)(0x80 | ((cp >> 6) & 63));
                *w++ = (char)(0x80 | (cp & 63));
            }
        } else if (*p == '\\' && p + 1 < e - 1) {
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            const char *k = strchr(from, p[1]);
            unsigned char c = k ? (unsigned char)to[k - from] : (unsigned char)p[1];
            if (c < 0x20 || c == '"' || c == '\\')
                w += sprintf(w, "\\u%04x", c);
            else
                *w++ = (char)c;
            p += 2;
        } else {
            unsigned char c = (unsigned char)*p++;
            if (c < 0x20)
                w += sprintf(w, "\\u%04x", c);
            else
                *w++ = (char)c;
        }
    }
    *w++ = '"';
    *w = 0;
    return o;
}

/* One object's members (level: 0 the message, 1 its params). */
static int js_object(jscan *s, cJSON *obj, int level)
{
    js_ws(s);
    if (s->p >= s->end || *s->p != '{')
        return -1;
    s->p++;
    for (cJSON *it = obj->child; it; it = it->next) {
        const char *kb, *ke, *vb, *ve;
        int knul, vnul;
        js_ws(s);
        if (js_string(s, &kb, &ke, &knul))
            return -1;
        js_ws(s);
        if (s->p >= s->end || *s->p != ':')
            return -1;
        s->p++;
        js_ws(s);
        if (knul && !(it->type & cJSON_StringIsConst)) {
            char *k = malloc((size_t)(ke - kb) + 1);
            if (!k)
                return -1;
            memcpy(k, kb, (size_t)(ke - kb));
            k[ke - kb] = 0;
            free(it->string);
            it->string = k;
        }
        if (cJSON_IsString(it)) {
            if (js_string(s, &vb, &ve, &vnul))
                return -1;
            if (vnul) {
                char *x = exact_json(vb, ve);
                if (!x)
                    return -1;
                free(it->valuestring);
                it->valuestring = x;
                it->type = cJSON_Raw;
            }
        } else if (level == 0 && cJSON_IsObject(it) && it->string && !strcmp(it->string, "params")) {
            if (js_object(s, it, 1))
                return -1;
        } else if (js_skip(s)) {
            return -1;
        }
        js_ws(s);
        if (s->p < s->end && *s->p == ',')
            s->p++;
    }
    js_ws(s);
    if (s->p >= s->end || *s->p != '}')
        return -1;
    s->p++;
    return 0;
}

void rpc_exact_strings(cJSON *msg, const char *line, size_t len)
{
    jscan s = {line, line + len};
    js_ws(&s);
    if (cJSON_IsObject(msg)) {
        js_object(&s, msg, 0);
    } else if (cJSON_IsArray(msg) && s.p < s.end && *s.p == '[') {
        s.p++;
        for (cJSON *it = msg->child; it; it = it->next) {
            js_ws(&s);
            if ((cJSON_IsObject(it) ? js_object(&s, it, 0) : js_skip(&s)) != 0)
                return;
            js_ws(&s);
            if (s.p < s.end && *s.p == ',')
                s.p++;
        }
    }
}

/* How a call ran, for both protocols: the kernel's confinement (executor.c)
 * and the engine tier (src/aot), each only when reported; names get prefix
 * ("" for JSONL's result, "boxagnts/" for MCP's _meta). */
void srv_add_run_facts(cJSON *o, const char *prefix, const bx_tool_result *r)
{
    char k[64];
    if (r->os_confinement[0]) {
        snprintf(k, sizeof k, "%sos_confinement", prefix);
        cJSON_AddStringToObject(o, k, r->os_confinement);
        snprintf(k, sizeof k, "%sos_confinement_reason", prefix);
        cJSON_AddStringToObject(o, k, r->os_confinement_reason);
    }
    if (r->tier[0]) {
        snprintf(k, sizeof k, "%stier", prefix);
        cJSON_AddStringToObject(o, k, r->tier);
        snprintf(k, sizeof k, "%stier_reason", prefix);
        if (r->tier_reason[0]) cJSON_AddStringToObject(o, k, r->tier_reason);
    }
}
