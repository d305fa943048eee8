/*
 * audit.c — one JSON line per capability decision.
 *
 *   {"ts":1700000000.123,"sandbox":"id","event":"open","path":"/workspace/x",
 *    "decision":"deny","rule":"deny:/workspace/.env","errno":44,
 *    "hint":"remove deny:... to allow this"}
 *
 * Guest-controlled strings (paths) are escaped so that a file name can
 * never forge a line or a field: control characters, quotes and invalid
 * UTF-8 are written as \uXXXX escapes.
 */
#include "wasi_impl.h"

#include <stdlib.h>
#include <time.h>

typedef struct sbuf { char *p; size_t n, cap; } sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap)
        return;                         /* sized up front; never reached */
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}
static void puts_(sbuf *b, const char *s) { put(b, s, strlen(s)); }

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n, i;
    uint32_t c;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xE0) == 0xC0) { n = 2; c = s[0] & 0x1F; }
    else if ((s[0] & 0xF0) == 0xE0) { n = 3; c = s[0] & 0x0F; }
    else if ((s[0] & 0xF8) == 0xF0) { n = 4; c = s[0] & 0x07; }
    else return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    return n;
}

static void put_json(sbuf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    put(b, "\"", 1);
    while (*p) {
        size_t k;
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p++;
            put(b, esc, 2);
        } else if (*p < 0x20 || *p == 0x7F) {
            snprintf(esc, sizeof esc, "\\u%04x", *p++);
            put(b, esc, 6);
        } else if ((k = utf8_len(p)) == 0) {
            put(b, "\\ufffd", 6);
            p++;
        } else {
            put(b, (const char *)p, k);
            p += k;
        }
    }
    put(b, "\"", 1);
}

void bxw_audit(bx_wasi *w, const char *event, const char *path, int allow,
               const char *rule, unsigned wasi_errno, const char *hint)
{
    struct timespec ts;
    sbuf b;
    char num[64];
    if (!w->audit_fn && !w->audit_file)
        return;
    b.cap = 256 + 6 * (strlen(event) + strlen(path ? path : "") + strlen(rule ? rule : "") +
                       strlen(hint ? hint : "") + strlen(w->sandbox_id));
    b.p = malloc(b.cap);
    b.n = 0;
    if (!b.p)
        return;
    b.p[0] = 0;
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(num, sizeof num, "{\"ts\":%lld.%03ld,\"sandbox\":", (long long)ts.tv_sec, ts.tv_nsec / 1000000);
    puts_(&b, num);
    put_json(&b, w->sandbox_id);
    puts_(&b, ",\"event\":");
    put_json(&b, event);
    puts_(&b, ",\"path\":");
    put_json(&b, path);
    puts_(&b, allow ? ",\"decision\":\"allow\",\"rule\":" : ",\"decision\":\"deny\",\"rule\":");
    put_json(&b, rule);
    snprintf(num, sizeof num, ",\"errno\":%u", wasi_errno);
    puts_(&b, num);
    if (hint) {
        puts_(&b, ",\"hint\":");
        put_json(&b, hint);
    }
    puts_(&b, "}");
    if (w->audit_fn)
        w->audit_fn(w->audit_user, b.p);
    if (w->audit_file) {
        /* One locked write per line: parallel sandboxes sharing a FILE
         * never interleave within a line. */
        flockfile(w->audit_file);
        fputs(b.p, w->audit_file);
        fputc('\n', w->audit_file);
        fflush(w->audit_file);
        funlockfile(w->audit_file);
    }
    free(b.p);
}

void bx_wasi_audit(bx_wasi *w, const char *event, const char *path, int allow,
                   const char *rule, const char *hint)
{
    if (w)
        bxw_audit(w, event ? event : "", path, allow, rule, 0, hint);
}
