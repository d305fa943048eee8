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
 *
 * A guest looping on one refused open must not fill the disk, so per
 * sandbox (one call): the first BXW_AUDIT_REPEAT records with identical
 * fields (everything but "ts") are written, later ones are only counted,
 * and one summary record, the same fields plus "repeated":N (the exact
 * number suppressed), is written when the call ends or its slot in the
 * table of the last BXW_AUDIT_KEYS distinct records is reused.  And the
 * bytes a call writes are capped (bx_wasi_config.audit_max, default
 * 16 MiB): the record that would pass the cap is replaced by one final
 * {"event":"audit_truncated",...} record, and nothing more is written.
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

/* One slot of the repeat table: a record's fields (the line without its
 * "{"ts":...," head and its "}") and how often they came. */
struct bxw_audit_key {
    char *body;
    uint64_t hash, seen, suppressed;
};

struct bxw_audit_state {
    struct bxw_audit_key keys[BXW_AUDIT_KEYS];
    uint32_t next;               /* slot reused next when the table is full */
    uint64_t written, max;       /* bytes written by this sandbox, the cap */
    int truncated;
};

static void emit_raw(bx_wasi *w, const char *line)
{
    if (w->audit_fn)
        w->audit_fn(w->audit_user, line);
    if (w->audit_file) {
        /* One locked write per line: parallel sandboxes sharing a FILE
         * never interleave within a line. */
        flockfile(w->audit_file);
        fputs(line, w->audit_file);
        fputc('\n', w->audit_file);
        fflush(w->audit_file);
        funlockfile(w->audit_file);
    }
}

/* Writes "{"ts":NOW," body tail "}" under the size cap. */
static void emit(bx_wasi *w, const char *body, const char *tail)
{
    struct bxw_audit_state *a = w->audit_st;
    struct timespec ts;
    char head[64];
    size_t n;
    char *line;
    if (a->truncated)
        return;
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(head, sizeof head, "{\"ts\":%lld.%03ld,", (long long)ts.tv_sec, ts.tv_nsec / 1000000);
    n = strlen(head) + strlen(body) + strlen(tail) + 2;
    if (a->written + n + 1 + 320 + 6 * strlen(w->sandbox_id) > a->max) {
        /* The final record: why the log stops here and how to see more. */
        sbuf b;
        char num[160];
        a->truncated = 1;
        b.cap = 512 + 6 * strlen(w->sandbox_id);
        if (!(b.p = malloc(b.cap)))
            return;
        b.n = 0;
        b.p[0] = 0;
        puts_(&b, head);
        puts_(&b, "\"sandbox\":");
        put_json(&b, w->sandbox_id);
        snprintf(num, sizeof num, ",\"event\":\"audit_truncated\",\"limit_bytes\":%llu,\"hint\":",
                 (unsigned long long)a->max);
        puts_(&b, num);
        put_json(&b, "the audit log of this call reached its size cap; later records were dropped");
        puts_(&b, "}");
        emit_raw(w, b.p);
        a->written += b.n + 1;
        free(b.p);
        return;
    }
    if (!(line = malloc(n)))
        return;
    snprintf(line, n, "%s%s%s}", head, body, tail);
    emit_raw(w, line);
    a->written += strlen(line) + 1;
    free(line);
}

static void emit_summary(bx_wasi *w, struct bxw_audit_key *k)
{
    char tail[48];
    if (k->suppressed == 0)
        return;
    snprintf(tail, sizeof tail, ",\"repeated\":%llu", (unsigned long long)k->suppressed);
    emit(w, k->body, tail);
    k->suppressed = 0;
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Whether this record is to be written (else it was counted).  *kept:
 * body now belongs to the table. */
static int admit(bx_wasi *w, char *body, int *kept)
{
    struct bxw_audit_state *a = w->audit_st;
    uint64_t h = fnv1a(body);
    uint32_t i, free_slot = BXW_AUDIT_KEYS;
    struct bxw_audit_key *k;
    for (i = 0; i < BXW_AUDIT_KEYS; i++) {
        k = &a->keys[i];
        if (!k->body) {
            if (free_slot == BXW_AUDIT_KEYS)
                free_slot = i;
            continue;
        }
        if (k->hash == h && !strcmp(k->body, body)) {
            if (k->seen < BXW_AUDIT_REPEAT) {
                k->seen++;
                return 1;
            }
            k->suppressed++;
            return 0;
        }
    }
    if (free_slot == BXW_AUDIT_KEYS) {
        free_slot = a->next;
        a->next = (a->next + 1) % BXW_AUDIT_KEYS;
        emit_summary(w, &a->keys[free_slot]);
        free(a->keys[free_slot].body);
    }
    k = &a->keys[free_slot];
    k->body = body;
    k->hash = h;
    k->seen = 1;
    k->suppressed = 0;
    *kept = 1;
    return 1;
}

void bxw_audit_end(bx_wasi *w)
{
    struct bxw_audit_state *a = w->audit_st;
    uint32_t i;
    if (!a)
        return;
    for (i = 0; i < BXW_AUDIT_KEYS; i++) {
        emit_summary(w, &a->keys[i]);
        free(a->keys[i].body);
    }
    free(a);
    w->audit_st = NULL;
}

void bxw_audit(bx_wasi *w, const char *event, const char *path, int allow,
               const char *rule, unsigned wasi_errno, const char *hint)
{
    sbuf b;
    char num[64];
    if (!w->audit_fn && !w->audit_file)
        return;
    if (!w->audit_st) {
        if (!(w->audit_st = calloc(1, sizeof *w->audit_st)))
            return;
        w->audit_st->max = w->audit_max ? w->audit_max : BXW_AUDIT_MAX_DEFAULT;
    }
    if (w->audit_st->truncated)
        return;
    b.cap = 256 + 6 * (strlen(event) + strlen(path ? path : "") + strlen(rule ? rule : "") +
                       strlen(hint ? hint : "") + strlen(w->sandbox_id));
    b.p = malloc(b.cap);
    b.n = 0;
    if (!b.p)
        return;
    b.p[0] = 0;
    puts_(&b, "\"sandbox\":");
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
    int kept = 0;
    if (admit(w, b.p, &kept))
        emit(w, b.p, "");
    if (!kept)
        free(b.p);
}

void bx_wasi_audit(bx_wasi *w, const char *event, const char *path, int allow,
                   const char *rule, const char *hint)
{
    if (w)
        bxw_audit(w, event ? event : "", path, allow, rule, 0, hint);
}
