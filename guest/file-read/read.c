/*
 * guest/file-read/read.c — file-read: a text file as numbered lines
 * ("N\tline", 1-based), a page at a time.
 *
 * The file is streamed, never held whole: lines before the page are only
 * counted, lines in it are kept (at most LINE_CHARS characters each), lines
 * after it are counted so the trailer can say how many remain.  The page
 * also ends at OUT_BUDGET bytes, so a file of very long lines cannot blow
 * the host's output cap; the trailer then names the exact offset to go on.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tool.h"
#include "toolfs.h"

#define DEFAULT_LIMIT 2000
#define LINE_CHARS    2000              /* characters shown of one line */
#define LINE_KEEP     (LINE_CHARS * 4)  /* bytes kept: 2000 UTF-8 characters fit */
#define OUT_BUDGET    (512u << 10)      /* content bytes of one page */
#define SNIFF         8192              /* bytes looked at for binary detection */

/* Length of the valid UTF-8 sequence at p (1-4), or 0 when invalid or cut
 * short by end. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xc2 && c <= 0xdf) n = 2, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef) n = 3, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4) n = 4, min = 0x10000;
    else return 0;
    if ((size_t)(end - p) < n) return 0;
    unsigned v = c & (0x7f >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80) return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0;
    return n;
}

/* Binary: a NUL byte, or more than 10% of the sample that is neither text
 * control characters nor valid UTF-8. */
static int looks_binary(const unsigned char *p, size_t n, int more)
{
    size_t odd = 0;
    if (memchr(p, 0, n)) return 1;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != '\b' && c != 0x1b) {
            odd++, i++;
            continue;
        }
        size_t l = utf8_len(p + i, p + n);
        if (!l) {
            if (more && n - i < 4) break;   /* a character cut by the sample's end */
            odd++, l = 1;
        }
        i += l;
    }
    return odd * 10 > n;
}

typedef struct reader {
    size_t offset, limit;       /* first line wanted, how many */
    size_t lineno;              /* the line being read (1-based) */
    size_t shown, last_shown;   /* lines put in out, number of the last one */
    size_t cut;                 /* lines cut at LINE_CHARS */
    size_t crlf, lf;            /* line endings seen */
    int stopped;                /* the page is full (budget) */
    int pending;                /* bytes after the last newline */
    unsigned char last;         /* the last byte consumed */
    tbuf line;                  /* the current line's first LINE_KEEP bytes */
    size_t line_chars;          /* characters in the current line so far */
    size_t line_bytes;          /* its bytes so far */
    tbuf out;
} reader;

static int in_page(const reader *r)
{
    return !r->stopped && r->lineno >= r->offset && r->lineno - r->offset < r->limit;
}

/* Appends bytes to out, replacing invalid UTF-8 with U+FFFD so the result
 * stays valid JSON text. */
static void put_text(tbuf *out, const unsigned char *p, size_t n)
{
    const unsigned char *end = p + n;
    while (p < end) {
        const unsigned char *s = p;
        while (p < end && *p < 0x80) p++;
        tbuf_put(out, s, (size_t)(p - s));
        if (p == end) break;
        size_t l = utf8_len(p, end);
        if (l) tbuf_put(out, p, l), p += l;
        else tbuf_puts(out, "\xef\xbf\xbd"), p++;
    }
}

static void emit_line(reader *r, int had_newline)
{
    const unsigned char *p = (const unsigned char *)(r->line.p ? r->line.p : "");
    size_t n = r->line.len, chars = r->line_chars;
    int cr = had_newline && r->last == '\r';
    if (cr && n && n == r->line_bytes) n--;     /* kept whole: drop the \r */
    if (cr) chars--;
    /* Where LINE_CHARS characters end in the kept bytes. */
    size_t cutat = n, seen = 0;
    if (chars > LINE_CHARS) {
        for (size_t i = 0; i < n; i++) {
            if ((p[i] & 0xc0) != 0x80 && seen++ == LINE_CHARS) { cutat = i; break; }
        }
        if (cutat > n) cutat = n;
    }
    size_t need = 24 + cutat + (chars > LINE_CHARS ? 64 : 0);
    if (r->shown && r->out.len + need > OUT_BUDGET) {
        r->stopped = 1;
        return;
    }
    tbuf_printf(&r->out, "%zu\t", r->lineno);
    put_text(&r->out, p, cutat);
    if (chars > LINE_CHARS) {
        tbuf_printf(&r->out, " [... line cut: %d of %zu characters shown]", LINE_CHARS, chars);
        r->cut++;
    }
    tbuf_put(&r->out, "\n", 1);
    r->shown++;
    r->last_shown = r->lineno;
}

static void add_to_line(reader *r, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) r->line_chars += (p[i] & 0xc0) != 0x80;
    r->line_bytes += n;
    if (r->line.len < LINE_KEEP) {
        size_t room = LINE_KEEP - r->line.len;
        tbuf_put(&r->line, p, n < room ? n : room);
    }
}

static void feed(reader *r, const unsigned char *p, size_t n)
{
    const unsigned char *end = p + n;
    while (p < end) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!in_page(r)) {
            if (!nl) { r->pending = 1; r->last = end[-1]; return; }
            unsigned char before = nl > p ? nl[-1] : r->last;
            if (before == '\r' && (nl > p || r->pending)) r->crlf++; else r->lf++;
            r->lineno++;
            r->pending = 0;
            r->last = '\n';
            p = nl + 1;
            continue;
        }
        const unsigned char *stop = nl ? nl : end;
        if (stop > p) {
            add_to_line(r, p, (size_t)(stop - p));
            r->last = stop[-1];
            r->pending = 1;
        }
        if (!nl) return;
        int cr = r->pending && r->last == '\r';
        if (cr) r->crlf++; else r->lf++;
        emit_line(r, 1);
        r->line.len = 0, r->line_chars = 0, r->line_bytes = 0;
        r->lineno++;
        r->pending = 0;
        r->last = '\n';
        p = nl + 1;
    }
}

static size_t int_arg(const cJSON *in, const char *key, double def, double min, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, key);
    if (!v || cJSON_IsNull(v)) return (size_t)def;
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) || v->valuedouble < min)
        tool_fail("%s must be a whole number of at least %.0f (%s)", key, min, what);
    return v->valuedouble > 1e15 ? (size_t)1e15 : (size_t)v->valuedouble;
}

int main(void)
{
    cJSON *in = tool_input();
    const char *arg = tool_str(in, "file_path", NULL);
    if (!arg || !*arg) tool_fail("file_path is required: the file to read, e.g. /workspace/README.md");
    char *path = tfs_guest_path(arg);
    size_t offset = int_arg(in, "offset", 1, 0, "the first line to show, 1-based");
    size_t limit = int_arg(in, "limit", DEFAULT_LIMIT, 1, "how many lines to show");
    if (offset == 0) offset = 1;

    int fd = open(path, O_RDONLY);
    if (fd < 0) tool_fail("%s", tool_errno_text(errno, path, "read"));
    struct stat st;
    if (fstat(fd, &st) != 0) tool_fail("%s", tool_errno_text(errno, path, "read"));
    if (S_ISDIR(st.st_mode))
        tool_fail("%s is a directory, not a file (list it with file-glob, e.g. {\"pattern\": \"*\", \"path\": \"%s\"})",
                  path, path);
    if (!S_ISREG(st.st_mode)) tool_fail("%s is not a regular file (a device, socket or pipe)", path);

    static unsigned char buf[65536];
    reader r = {0};
    r.offset = offset, r.limit = limit, r.lineno = 1;
    size_t bytes = 0;
    int first = 1;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            tool_fail("%s", tool_errno_text(errno, path, "read"));
        }
        if (n == 0) break;
        if (first) {
            size_t s = (size_t)n < SNIFF ? (size_t)n : SNIFF;
            if (looks_binary(buf, s, (size_t)n > s || (uintmax_t)n < (uintmax_t)st.st_size)) {
                cJSON *m = cJSON_CreateObject();
                cJSON_AddStringToObject(m, "file_path", path);
                cJSON_AddBoolToObject(m, "binary", 1);
                cJSON_AddNumberToObject(m, "bytes", (double)st.st_size);
                tbuf msg = {0};
                tbuf_printf(&msg, "%s looks like a binary file (%jd bytes; %s in its first %zu bytes); "
                            "file-read shows text files only",
                            path, (intmax_t)st.st_size,
                            memchr(buf, 0, s) ? "NUL bytes" : "mostly bytes that are not UTF-8 text", s);
                tool_result(msg.p, msg.len, 1, m);
            }
            first = 0;
        }
        bytes += (size_t)n;
        feed(&r, buf, (size_t)n);
    }
    close(fd);
    if (r.pending) {
        if (in_page(&r)) emit_line(&r, 0);
        r.lineno++;
    }
    size_t total = r.lineno - 1;

    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "file_path", path);
    cJSON_AddNumberToObject(m, "bytes", (double)bytes);
    cJSON_AddNumberToObject(m, "total_lines", (double)total);
    if (total == 0) {
        cJSON_AddBoolToObject(m, "empty", 1);
        cJSON_AddNumberToObject(m, "lines_returned", 0);
        cJSON_AddBoolToObject(m, "truncated", 0);
        tbuf msg = {0};
        tbuf_printf(&msg, "(%s is empty: 0 bytes, no lines)", path);
        tool_result(msg.p, msg.len, 0, m);
    }
    if (offset > total) {
        cJSON_AddNumberToObject(m, "offset", (double)offset);
        tbuf msg = {0};
        tbuf_printf(&msg, "offset %zu is past the end of %s: it has %zu line%s (use an offset from 1 to %zu)",
                    offset, path, total, total == 1 ? "" : "s", total);
        tool_result(msg.p, msg.len, 1, m);
    }
    size_t remaining = total - r.last_shown;
    const char *endings = r.crlf && r.lf ? "mixed" : r.crlf ? "crlf" : r.lf ? "lf" : "none";
    cJSON_AddNumberToObject(m, "offset", (double)offset);
    cJSON_AddNumberToObject(m, "lines_returned", (double)r.shown);
    cJSON_AddNumberToObject(m, "last_line", (double)r.last_shown);
    cJSON_AddBoolToObject(m, "truncated", remaining > 0);
    if (remaining) cJSON_AddNumberToObject(m, "next_offset", (double)(r.last_shown + 1));
    else cJSON_AddNullToObject(m, "next_offset");
    cJSON_AddNumberToObject(m, "lines_cut", (double)r.cut);
    cJSON_AddStringToObject(m, "line_endings", endings);

    if (r.crlf)
        tbuf_printf(&r.out, "\n[%s has %s line endings (\\r\\n); the \\r is not shown. file-edit matches "
                    "old_string written with \\n against them.]",
                    path, r.lf ? "mixed" : "CRLF");
    if (remaining)
        tbuf_printf(&r.out, "\n[Showing lines %zu-%zu of %zu; %zu more line%s%s. To continue, call file-read with "
                    "offset=%zu.]",
                    offset, r.last_shown, total, remaining, remaining == 1 ? "" : "s",
                    r.stopped ? " (this page stopped at the 512 KiB output limit)" : "", r.last_shown + 1);
    tool_result(r.out.p ? r.out.p : "", r.out.len, 0, m);
}
