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

#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Binary: a NUL byte, or more than 10% of the sample that is neither text
 * control characters nor valid UTF-8. */
static int looks_binary(const unsigned char *p, size_t n, int more)
{
    size_t odd = 0;
    if (memchr(p, 0, n)) return 1;
    for (size_t i = 0; i < n;) {
        if (n - i >= 8) {       /* 8 printable ASCII bytes (0x20-0x7f): none odd */
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!((((w - ONES * 0x20) & ~w) | w) & HIGHS)) { i += 8; continue; }
        }
        unsigned c = p[i];
        if (c >= 0x20 && c < 0x80) { i++; continue; }
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

/* Characters (bytes that do not continue a UTF-8 sequence) in p[0..n). */
static size_t count_chars(const unsigned char *p, size_t n)
{
    size_t c = 0, i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (!(w & HIGHS)) { c += 8; continue; }
        for (size_t k = 0; k < 8; k++) c += (p[i + k] & 0xc0) != 0x80;
    }
    for (; i < n; i++) c += (p[i] & 0xc0) != 0x80;
    return c;
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
    tbuf line;                  /* a line split across reads: its first LINE_KEEP bytes */
    size_t line_chars;          /* characters in that line so far */
    size_t line_bytes;          /* its bytes so far */
    tbuf out;                   /* the result, its content JSON-escaped (tool_json_begin) */
    size_t text_len;            /* the content's length unescaped: what OUT_BUDGET limits */
} reader;

static int in_page(const reader *r)
{
    return !r->stopped && r->lineno >= r->offset && r->lineno - r->offset < r->limit;
}

static const char REPLACEMENT[] = "\xef\xbf\xbd";   /* U+FFFD */

/* Writes p[0..n) at o as the inside of a JSON string, invalid UTF-8 and NUL
 * bytes replaced by U+FFFD (so the content is valid text, and a NUL cannot
 * end it early); *text gets the length before escaping.  o must have room
 * for 6 * n bytes.  Returns the end of what was written. */
static char *put_text(char *o, const unsigned char *p, size_t n, size_t *text)
{
    const unsigned char *end = p + n;
    size_t more = 0;            /* bytes replaced grow by 2 */
    while (p < end) {
        /* A run of printable ASCII that needs no escape: 8 bytes at a time. */
        const unsigned char *r = p;
        while (end - r >= 8) {
            uint64_t w;
            memcpy(&w, r, 8);
            if ((w & HIGHS) || tool_json_special8(w)) break;
            r += 8;
        }
        while (r < end && *r >= 0x20 && *r < 0x80 && *r != '"' && *r != '\\') r++;
        memcpy(o, p, (size_t)(r - p));
        o += r - p;
        p = r;
        if (p == end) break;
        unsigned char c = *p;
        if (c >= 0x80) {
            size_t l = utf8_len(p, end);
            if (l) {
                memcpy(o, p, l), o += l, p += l;
                continue;
            }
        } else if (c) {
            o += tool_json_escape1(o, c), p++;
            continue;
        }
        memcpy(o, REPLACEMENT, 3), o += 3, p++, more += 2;
    }
    *text = n + more;
    return o;
}

/* Shows the line whose first n bytes (at most LINE_KEEP) are at p: of
 * bytes in all, chars characters (a bound that is at most LINE_CHARS is
 * enough when bytes is too).  had_newline: it ended with a newline (and
 * r->last is its last byte). */
static void emit_line(reader *r, const unsigned char *p, size_t n, size_t bytes, size_t chars, int had_newline)
{
    int cr = had_newline && r->last == '\r';
    if (cr && n && n == bytes) n--;     /* kept whole: drop the \r */
    if (cr) chars--;
    /* Where LINE_CHARS characters end in the kept bytes. */
    size_t cutat = n, seen = 0;
    if (chars > LINE_CHARS) {
        for (size_t i = 0; i < n; i++) {
            if ((p[i] & 0xc0) != 0x80 && seen++ == LINE_CHARS) { cutat = i; break; }
        }
    }
    size_t need = 24 + cutat + (chars > LINE_CHARS ? 64 : 0);
    if (r->shown && r->text_len + need > OUT_BUDGET) {
        r->stopped = 1;
        return;
    }
    char *o0 = tbuf_room(&r->out, 32 + 6 * cutat + 96), *o = o0;
    /* "N\t": the number's digits, backwards into a small buffer. */
    char num[24];
    size_t k = sizeof num, v = r->lineno;
    do num[--k] = (char)('0' + v % 10), v /= 10; while (v);
    memcpy(o, num + k, sizeof num - k), o += sizeof num - k;
    memcpy(o, "\\t", 2), o += 2;
    size_t text;
    o = put_text(o, p, cutat, &text);
    r->text_len += sizeof num - k + 1 + text + 1;
    if (chars > LINE_CHARS) {
        /* Plain ASCII: the same bytes escaped or not. */
        int m = snprintf(o, 96, " [... line cut: %d of %zu characters shown]", LINE_CHARS, chars);
        o += m, r->text_len += (size_t)m;
        r->cut++;
    }
    memcpy(o, "\\n", 2), o += 2;
    r->out.len += (size_t)(o - o0);
    r->shown++;
    r->last_shown = r->lineno;
}

static void add_to_line(reader *r, const unsigned char *p, size_t n)
{
    r->line_chars += count_chars(p, n);
    r->line_bytes += n;
    if (r->line.len < LINE_KEEP) {
        size_t room = LINE_KEEP - r->line.len;
        tbuf_put(&r->line, p, n < room ? n : room);
    }
}

static void end_line(reader *r)
{
    r->line.len = 0, r->line_chars = 0, r->line_bytes = 0;
    r->lineno++;
    r->pending = 0;
    r->last = '\n';
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
        if (nl && !r->line_bytes) {
            /* The whole line is in this read: shown from where it is. */
            size_t bytes = (size_t)(nl - p);
            if (bytes) r->last = nl[-1], r->pending = 1;
            int cr = r->pending && r->last == '\r';
            if (cr) r->crlf++; else r->lf++;
            emit_line(r, p, bytes < LINE_KEEP ? bytes : LINE_KEEP, bytes,
                      bytes > LINE_CHARS ? count_chars(p, bytes) : bytes, 1);
            end_line(r);
            p = nl + 1;
            continue;
        }
        if (stop > p) {
            add_to_line(r, p, (size_t)(stop - p));
            r->last = stop[-1];
            r->pending = 1;
        }
        if (!nl) return;
        int cr = r->pending && r->last == '\r';
        if (cr) r->crlf++; else r->lf++;
        emit_line(r, (const unsigned char *)(r->line.p ? r->line.p : ""), r->line.len, r->line_bytes, r->line_chars, 1);
        end_line(r);
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
    tool_json_begin(&r.out);
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
        if (in_page(&r))
            emit_line(&r, (const unsigned char *)(r.line.p ? r.line.p : ""), r.line.len, r.line_bytes, r.line_chars, 0);
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

    /* The trailers: escaped as cJSON would (no U+FFFD rule: the path is
     * the caller's own text). */
    tbuf t = {0};
    if (r.crlf)
        tbuf_printf(&t, "\n[%s has %s line endings (\\r\\n); the \\r is not shown. file-edit matches "
                    "old_string written with \\n against them.]",
                    path, r.lf ? "mixed" : "CRLF");
    if (remaining)
        tbuf_printf(&t, "\n[Showing lines %zu-%zu of %zu; %zu more line%s%s. To continue, call file-read with "
                    "offset=%zu.]",
                    offset, r.last_shown, total, remaining, remaining == 1 ? "" : "s",
                    r.stopped ? " (this page stopped at the 512 KiB output limit)" : "", r.last_shown + 1);
    tbuf_put_json(&r.out, t.p, t.len);
    tool_json_end(&r.out, 0, m);
}
