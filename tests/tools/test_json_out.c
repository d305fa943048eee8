/*
 * tests/tools/test_json_out.c — the built-in tools' result printer
 * (guest/common/tool.c: tool_result, tool_json_begin/tbuf_put_json/
 * tool_json_end), built natively, against cJSON_PrintUnformatted of the
 * same object: what every tool printed before the printer stopped building
 * a cJSON tree for the content.  Byte for byte, over random contents (every
 * byte value, NULs included, lengths around the 8-byte steps and the 16 KiB
 * chunks) and random metadata (nested objects and arrays, keys and strings
 * needing escapes, numbers of every kind: whole, negative, -0, 1e15 and
 * around it, fractions, huge, tiny, NaN, infinities).
 *
 * Each printer call ends its process (exit(0)), so it runs in a child whose
 * stdout is a pipe.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tool.h"

static int pass, fail;
static unsigned long long rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng % n);
}

/* Runs fn(arg) in a child with stdout to a pipe; returns what it printed
 * (malloc'd, *len), or NULL if it did not exit 0. */
static char *capture(void (*fn)(void *), void *arg, size_t *len)
{
    int p[2];
    if (pipe(p) != 0) return NULL;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return NULL;
    if (pid == 0) {
        close(p[0]);
        dup2(p[1], 1);
        fn(arg);
        _exit(99);              /* the printers never return */
    }
    close(p[1]);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (n == cap) buf = realloc(buf, cap *= 2);
        ssize_t r = read(p[0], buf + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    close(p[0]);
    int st;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) { free(buf); return NULL; }
    *len = n;
    return buf;
}

static double number(void);
static char *word(void);

typedef struct job {
    const char *content;
    size_t len;
    int is_error;
    cJSON *meta;
    int streamed;       /* through tool_json_begin/tbuf_put_json/tool_json_end */
    tbuf *tmeta;        /* streamed, with this metadata written by tmeta_* */
} job;

static void print_job(void *a)
{
    job *j = a;
    if (!j->streamed) tool_result(j->content, j->len, j->is_error, j->meta);
    /* The streamed form takes content already escaped, in pieces. */
    const char *nul = memchr(j->content, 0, j->len);
    size_t len = nul ? (size_t)(nul - j->content) : j->len, off = 0;
    tbuf b = {0};
    tool_json_begin(&b);
    while (off < len) {
        size_t k = 1 + rnd(len - off < 40000 ? (unsigned)(len - off) : 40000u);
        tbuf_put_json(&b, j->content + off, k);
        off += k;
    }
    if (j->tmeta) tool_json_end_meta(&b, j->is_error, j->tmeta);
    tool_json_end(&b, j->is_error, j->meta);
}

/* A flat object of random members, built both ways: with cJSON (the
 * reference) and with tmeta_* into *t. */
static cJSON *flat_meta(tbuf *t)
{
    cJSON *o = cJSON_CreateObject();
    for (unsigned k = rnd(12); k--;) {
        char key[64];
        strcpy(key, word());
        switch (rnd(4)) {
        case 0: { double d = number(); cJSON_AddNumberToObject(o, key, d); tmeta_num(t, key, d); break; }
        case 1: {       /* short, or long (> 64 bytes: tmeta_str's other path) */
            char v[1024] = "";
            for (unsigned w = rnd(3) ? 1 : 2 + rnd(30); w--;) strcat(v, word());
            cJSON_AddStringToObject(o, key, v);
            tmeta_str(t, key, v);
            break;
        }
        case 2: { int v = (int)rnd(2); cJSON_AddBoolToObject(o, key, v); tmeta_bool(t, key, v); break; }
        default: cJSON_AddNullToObject(o, key); tmeta_null(t, key); break;
        }
    }
    return o;
}

/* What the printer did before: a cJSON tree, printed unformatted. */
static char *reference(const job *j)
{
    cJSON *r = cJSON_CreateObject();
    char *copy = malloc(j->len + 1);
    memcpy(copy, j->content, j->len);
    copy[j->len] = 0;
    cJSON_AddStringToObject(r, "content", copy);
    free(copy);
    cJSON_AddBoolToObject(r, "is_error", j->is_error);
    if (j->meta) cJSON_AddItemToObject(r, "metadata", cJSON_Duplicate(j->meta, 1));
    else cJSON_AddNullToObject(r, "metadata");
    char *t = cJSON_PrintUnformatted(r);
    cJSON_Delete(r);
    size_t n = strlen(t);
    t = realloc(t, n + 2);
    t[n] = '\n', t[n + 1] = 0;
    return t;
}

static double number(void)
{
    static const double special[] = {
        0, 1, -1, 9, 10, 99, 100, 12345, 4294967295.0, 4294967296.0, 999999999999999.0, 1e15, 1e15 + 1,
        -999999999999999.0, -1e15, 9007199254740992.0, 1e16, 1e300, -1e300, 0.5, -0.5, 0.1, 1.0 / 3, 2.5e-8,
        1e-300, 5e-324, 123456789.125, 3.14159265358979,
    };
    switch (rnd(6)) {
    case 0: return -0.0;
    case 1: return NAN;
    case 2: return rnd(2) ? INFINITY : -INFINITY;
    case 3: return (double)rnd(1000000) - 500000;
    case 4: return (double)rnd(4000000000u) * (double)rnd(300000);
    default: return special[rnd(sizeof special / sizeof *special)];
    }
}

static char *word(void)
{
    static const char *const parts[] = {"a", "key", "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "é", "\xff", "/", " "};
    static char buf[64];
    size_t n = 0, k = rnd(6);
    buf[0] = 0;
    while (k--) {
        const char *p = parts[rnd(sizeof parts / sizeof *parts)];
        if (n + strlen(p) + 1 > sizeof buf) break;
        strcpy(buf + n, p), n += strlen(p);
    }
    return buf;
}

static cJSON *value(int depth)
{
    switch (rnd(depth > 2 ? 6 : 8)) {
    case 0: return cJSON_CreateNull();
    case 1: return cJSON_CreateBool(rnd(2));
    case 2: case 3: return cJSON_CreateNumber(number());
    case 4: case 5: return cJSON_CreateString(word());
    case 6: {
        cJSON *a = cJSON_CreateArray();
        for (unsigned k = rnd(4); k--;) cJSON_AddItemToArray(a, value(depth + 1));
        return a;
    }
    default: {
        cJSON *o = cJSON_CreateObject();
        for (unsigned k = rnd(5); k--;) {
            char key[64];
            strcpy(key, word());        /* value() reuses word()'s buffer */
            cJSON_AddItemToObject(o, key, value(depth + 1));
        }
        return o;
    }
    }
}

static void content(char *buf, size_t n)
{
    int mode = (int)rnd(4);
    for (size_t i = 0; i < n; i++) {
        unsigned r = rnd(100);
        if (mode == 0) buf[i] = (char)rnd(256);                         /* any byte */
        else if (mode == 1) buf[i] = r < 97 ? (char)('a' + r % 26) : (char)rnd(32);   /* text, rare controls */
        else if (mode == 2) buf[i] = r < 90 ? 'x' : "\"\\\n\t\x7f\x80\xc3\xa9"[r % 9];
        else buf[i] = r < 99 ? ' ' + (char)(r % 90) : 0;                /* rare NULs */
    }
}

int main(void)
{
    static const size_t sizes[] = {0, 1, 7, 8, 9, 15, 16, 17, 31, 64, 100, 1000, 16383, 16384, 16385, 40000, 70001};
    static char buf[70001];
    for (int round = 0; round < 600; round++) {
        size_t n = round < 200 ? sizes[round % (sizeof sizes / sizeof *sizes)] : rnd(round < 500 ? 300 : 70001);
        content(buf, n);
        job j = {buf, n, (int)rnd(2), round % 7 == 0 ? NULL : value(0), round % 2, NULL};
        tbuf t = {0};
        if (round % 5 == 4) {           /* metadata written by tmeta_* */
            cJSON_Delete(j.meta);
            j.meta = flat_meta(&t);
            j.tmeta = &t, j.streamed = 1;
        } else if (j.meta && rnd(3) == 0) {     /* a file-read-like object too */
            cJSON_AddNumberToObject(j.meta, "bytes", (double)rnd(1u << 31));
            cJSON_AddNullToObject(j.meta, "next_offset");
        }
        /* the reference after the capture: the printers end the forked
         * child with exit(), where LeakSanitizer would count an unfreed
         * string held by the parent as the child's leak */
        size_t got_len = 0;
        char *got = capture(print_job, &j, &got_len);
        char *want = reference(&j);
        if (got && got_len == strlen(want) && memcmp(got, want, got_len) == 0) {
            pass++;
        } else {
            fail++;
            size_t i = 0;
            while (got && i < got_len && want[i] && got[i] == want[i]) i++;
            printf("FAIL: round %d (%zu bytes, %s): output differs from cJSON's at byte %zu (got %zu bytes, want %zu)\n",
                   round, n, j.tmeta ? "tmeta" : j.streamed ? "streamed" : "tool_result", i, got ? got_len : 0, strlen(want));
        }
        tbuf_free(&t);
        free(got);
        free(want);
        cJSON_Delete(j.meta);
    }
    printf("%d passed, %d failed\n", pass, fail);
    return fail != 0;
}
