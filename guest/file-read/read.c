/*
 * guest/file-read/read.c — file-read: a text file as numbered lines
 * ("N\tline", 1-based), a page at a time.
 *
 * The file is streamed, never held whole: lines before the page are only
 * counted, lines in it are shown, lines after it are counted so the
 * trailer can say how many remain.  The page also ends at OUT_BUDGET
 * bytes, so a file of very long lines cannot blow the host's output cap;
 * the trailer then names the exact offset to go on.
 *
 * Shown text is written JSON-escaped straight into the result (no cJSON
 * string of it, no copy): a short line whose end is in the current read
 * is escaped from the read buffer while its end is looked for (fast_lines),
 * other lines are kept (their first LINE_KEEP bytes) and shown when they
 * end (emit_line).  Invalid UTF-8 and NUL bytes are shown as U+FFFD, one
 * per byte.  The scanners work 8 or 16 bytes a step (the guest is
 * interpreted or compiled from wasm: a byte loop costs 5-10 wasm
 * instructions a byte); tests/tools/t_fileread_diff.sh holds the output to
 * an independent model of these rules.
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

/* The length of the run of printable ASCII (0x20-0x7f) at p, in whole
 * 8-byte words up to end (the last bytes, fewer than 8, are the caller's).
 * Two words a step, in a function of its own so that it compiles to one
 * tight wasm loop.  The mask's lowest set bit marks the first other byte
 * exactly (a borrow only starts at a byte below 0x20).  (A mask that lets
 * newlines through, exact per byte, costs more than the call per line it
 * saves: measured.) */
static __attribute__((noinline)) size_t printable_run(const unsigned char *p, const unsigned char *end)
{
    const unsigned char *s = p, *stop = p + ((size_t)(end - p) & ~(size_t)15);
    uint64_t a, b, ma, mb;
    while (p != stop) {
        memcpy(&a, p, 8), memcpy(&b, p + 8, 8);
        ma = ((a - ONES * 0x20) | a) & HIGHS, mb = ((b - ONES * 0x20) | b) & HIGHS;
        if (ma | mb)
            return (size_t)(p - s) + (ma ? (size_t)__builtin_ctzll(ma) >> 3 : 8 + ((size_t)__builtin_ctzll(mb) >> 3));
        p += 16;
    }
    if (end - p >= 8) {
        memcpy(&a, p, 8);
        if ((ma = ((a - ONES * 0x20) | a) & HIGHS)) return (size_t)(p - s) + ((size_t)__builtin_ctzll(ma) >> 3);
        p += 8;
    }
    return (size_t)(p - s);
}

/* Binary: a NUL byte, or more than 10% of the sample that is neither text
 * control characters nor valid UTF-8.  Printable ASCII is skipped in runs;
 * a NUL is found by the same scan (a memchr first cost 6 wasm instructions
 * a byte). */
static int looks_binary(const unsigned char *p, size_t n, int more)
{
    size_t odd = 0;
    for (size_t i = 0; i < n;) {
        i += printable_run(p + i, p + n);
        if (i == n) break;
        unsigned c = p[i];
        if (c >= 0x20 && c < 0x80) { i++; continue; }
        if (c == 0) return 1;
        if (c < 0x20) {
            if (c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != '\b' && c != 0x1b) odd++;
            i++;
            continue;
        }
        size_t l = utf8_len(p + i, p + n);
        if (!l) {
            if (more && n - i < 4)      /* a character cut by the sample's end */
                return memchr(p + i, 0, n - i) ? 1 : odd * 10 > n;
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
    uint64_t offset, limit;     /* first line wanted, how many (64-bit: up to 1e15 on wasm32 too) */
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

/* The bytes of v that are not printable ASCII needing no JSON escape:
 * below 0x20, '"', '\', or 0x80 and above.  Its lowest set bit (0x80 of a
 * byte) marks the first such byte exactly (a borrow only starts at one),
 * which is all the scanners use.  The "& ~v" of the classic tests can go:
 * on the 0x80 bits it only clears bytes that "| v" sets again. */
static inline uint64_t text_special8(uint64_t v)
{
    return ((v - ONES * 0x20) | ((v ^ (ONES * '"')) - ONES) | ((v ^ (ONES * '\\')) - ONES) | v) & HIGHS;
}

static const char REPLACEMENT[] = "\xef\xbf\xbd";   /* U+FFFD */

/* Writes the bytes from p on at *o as the inside of a JSON string, up to
 * lim or the first newline (returned: where it stopped), invalid UTF-8
 * and NUL bytes replaced by U+FFFD (so the content is valid text, and a
 * NUL cannot end it early; a sequence cut by lim is invalid).  *more grows
 * by 2 per byte replaced: the text is that much longer than its source.
 * *o must have room for 6 bytes per byte read, plus 8.  overread: the 7
 * bytes after lim may be read (not used). */
/* Copies the run of printable ASCII needing no escape at p to w, in
 * whole 8-byte words up to lim (each stored whole: w has room for 8 bytes
 * more), and returns its length; the last bytes (fewer than 8) are the
 * caller's.  Two words a step, in a function of its own: so it compiles to
 * one tight wasm loop instead of being merged into the caller's. */
static __attribute__((noinline)) size_t ascii_run(const unsigned char *p, const unsigned char *lim, char *w, int overread)
{
    const unsigned char *s = p, *stop = p + ((size_t)(lim - p) & ~(size_t)15);
    uint64_t a, b, ma, mb;
    while (p != stop) {
        memcpy(&a, p, 8), memcpy(&b, p + 8, 8);
        memcpy(w, &a, 8), memcpy(w + 8, &b, 8);
        ma = text_special8(a), mb = text_special8(b);
        if (ma | mb)
            return (size_t)(p - s) + (ma ? (size_t)__builtin_ctzll(ma) >> 3 : 8 + ((size_t)__builtin_ctzll(mb) >> 3));
        p += 16, w += 16;
    }
    if (lim - p >= 8) {
        memcpy(&a, p, 8), memcpy(w, &a, 8);
        if ((ma = text_special8(a))) return (size_t)(p - s) + ((size_t)__builtin_ctzll(ma) >> 3);
        p += 8, w += 8;
    }
    if (overread && p < lim) {
        /* The last 1-7 bytes in one more word: the bytes past lim are
         * readable (overread) and count as stops. */
        memcpy(&a, p, 8), memcpy(w, &a, 8);
        ma = text_special8(a) | (HIGHS << (8 * (size_t)(lim - p)));
        return (size_t)(p - s) + ((size_t)__builtin_ctzll(ma) >> 3);
    }
    return (size_t)(p - s);
}

static const unsigned char *put_text(char **o, const unsigned char *p, const unsigned char *lim, size_t *more,
                                     int overread)
{
    char *w = *o;
    while (p < lim) {
        size_t k = ascii_run(p, lim, w, overread);
        p += k, w += k;
        while (p < lim && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') *w++ = (char)*p++;
        if (p == lim) break;
        unsigned char c = *p;
        if (c == '\n') break;
        if (c >= 0x80) {
            size_t l = utf8_len(p, lim);
            if (l) {
                do *w++ = (char)*p++; while (--l);     /* no memcpy call for 2-4 bytes */
                continue;
            }
        } else if (c) {
            w += tool_json_escape1(w, c), p++;
            continue;
        }
        memcpy(w, REPLACEMENT, 3), w += 3, p++, *more += 2;
    }
    *o = w;
    return p;
}

/* "N\t" for line number v, escaped; returns the end.  Digits written in
 * place: a memcpy of variable length is a call into wasi's memcpy (the
 * guest has no bulk memory), which cost more than the rest of the line. */
static char *put_number(char *o, size_t v)
{
    size_t d = 1;
    for (size_t t = v; t >= 10; t /= 10) d++;
    for (size_t i = d; i--; v /= 10) o[i] = (char)('0' + v % 10);
    o[d] = '\\', o[d + 1] = 't';
    return o + d + 2;
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
    char *o0 = tbuf_room(&r->out, 32 + 6 * cutat + 96 + 8), *o = put_number(o0, r->lineno);
    size_t text = (size_t)(o - o0) - 1 + cutat + 1;    /* "N\t" escaped is one byte longer; the newline */
    put_text(&o, p, p + cutat, &text, 0);
    if (chars > LINE_CHARS) {
        /* Plain ASCII: the same bytes escaped or not. */
        int m = snprintf(o, 96, " [... line cut: %d of %zu characters shown]", LINE_CHARS, chars);
        o += m, text += (size_t)m;
        r->cut++;
    }
    memcpy(o, "\\n", 2), o += 2;
    r->text_len += text;
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

/* The first newline in [p, end), or NULL: memchr, 16 bytes a step (wasi's
 * memchr goes 4 at a time, at about 6 wasm instructions a byte).  The
 * mask's lowest set bit marks the first newline exactly. */
static __attribute__((noinline)) const unsigned char *find_nl(const unsigned char *p, const unsigned char *end)
{
    const unsigned char *stop = p + ((size_t)(end - p) & ~(size_t)15);
    uint64_t a, b, ma, mb;
    while (p != stop) {
        memcpy(&a, p, 8), memcpy(&b, p + 8, 8);
        a ^= ONES * '\n', b ^= ONES * '\n';
        ma = (a - ONES) & ~a & HIGHS, mb = (b - ONES) & ~b & HIGHS;
        if (ma | mb) return p + (ma ? (size_t)__builtin_ctzll(ma) >> 3 : 8 + ((size_t)__builtin_ctzll(mb) >> 3));
        p += 16;
    }
    for (; p < end; p++)
        if (*p == '\n') return p;
    return NULL;
}

/* Adds one to the decimal number in num[0..len) ("199" -> "200", "999"
 * -> "1000"); returns its new length. */
static size_t num_inc(char *num, size_t len)
{
    size_t i = len;
    while (i && num[i - 1] == '9') num[--i] = '0';
    if (i) {
        num[i - 1]++;
        return len;
    }
    num[0] = '1', num[len] = '0';
    return len + 1;
}

/* The common case, in one pass and one call for many lines: complete
 * lines of fewer than LINE_CHARS bytes, in the page, each escaped straight
 * into the result while looking for its end, the state in locals (the line
 * number as decimal text, counted up).  The bytes up to 7 past end may be
 * read.  Returns where it stopped: end, the start of a line it leaves to
 * the general path (longer, or going on past end, or the page's limit of
 * lines reached), or after a line the page had no room for (r->stopped). */
static const unsigned char *fast_lines(reader *r, const unsigned char *p, const unsigned char *end)
{
    size_t lineno = r->lineno, shown = r->shown, text_len = r->text_len, crlf = r->crlf, lf = r->lf;
    uint64_t left = r->limit - (r->lineno - r->offset);     /* in_page: at least 1 */
    char num[32];
    size_t numlen = 0;
    for (size_t v = lineno; v; v /= 10) numlen++;
    for (size_t i = numlen, v = lineno; i--; v /= 10) num[i] = (char)('0' + v % 10);
    tbuf *out = &r->out;
    char *o = out->p + out->len, *room = out->p + out->cap - 1;    /* the NUL's byte kept */
    const unsigned char *start = p;
    while (left && p < end) {
        const unsigned char *lim = (size_t)(end - p) > LINE_CHARS ? p + LINE_CHARS : end;
        size_t need = 64 + 6 * (size_t)(lim - p);
        if ((size_t)(room - o) < need) {
            out->len = (size_t)(o - out->p);
            o = tbuf_room(out, need);
            room = out->p + out->cap - 1;
        }
        char *o0 = o;
        memcpy(o, num, 24), o += numlen;    /* 24: up to 20 digits, in three stores */
        o[0] = '\\', o[1] = 't', o += 2;
        size_t more = 0;
        const unsigned char *nl = put_text(&o, p, lim, &more, 1);
        if (nl == lim) {
            o = o0;
            break;
        }
        size_t n = (size_t)(nl - p);
        int cr = n && nl[-1] == '\r';
        if (cr) crlf++, o -= 2, n--;    /* the \r was escaped last: "\\r" */
        else lf++;
        p = nl + 1;
        /* As emit_line: the line must fit the page (unless it is the first). */
        if (shown && text_len + 24 + n > OUT_BUDGET) {
            o = o0;
            r->stopped = 1;
            lineno++;
            break;
        }
        o[0] = '\\', o[1] = 'n', o += 2;
        text_len += numlen + 1 + n + more + 1;
        shown++, left--;
        r->last_shown = lineno++;
        numlen = num_inc(num, numlen);
    }
    out->len = (size_t)(o - out->p);
    out->p[out->len] = 0;
    if (p != start) {
        r->lineno = lineno, r->shown = shown, r->text_len = text_len, r->crlf = crlf, r->lf = lf;
        r->pending = 0, r->last = '\n';
    }
    return p;
}

static void feed(reader *r, const unsigned char *p, size_t n)
{
    const unsigned char *end = p + n;
    while (p < end) {
        if (!in_page(r)) {
            const unsigned char *nl = find_nl(p, end);
            if (!nl) { r->pending = 1; r->last = end[-1]; return; }
            unsigned char before = nl > p ? nl[-1] : r->last;
            if (before == '\r' && (nl > p || r->pending)) r->crlf++; else r->lf++;
            r->lineno++;
            r->pending = 0;
            r->last = '\n';
            p = nl + 1;
            continue;
        }
        if (!r->line_bytes) {
            const unsigned char *q = fast_lines(r, p, end);
            if (q != p) {
                p = q;
                continue;
            }
        }
        const unsigned char *nl = find_nl(p, end);
        const unsigned char *stop = nl ? nl : end;
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

/* tool_result for metadata written with tmeta_* (msg holds no NUL). */
static _Noreturn void result_meta(const tbuf *msg, int is_error, const tbuf *meta)
{
    tbuf b = {0};
    tool_json_begin(&b);
    tbuf_put_json(&b, msg->p, msg->len);
    tool_json_end_meta(&b, is_error, meta);
}

static uint64_t int_arg(const cJSON *in, const char *key, double def, double min, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(in, key);
    if (!v || cJSON_IsNull(v)) return (uint64_t)def;
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) || v->valuedouble < min)
        tool_fail("%s must be a whole number of at least %.0f (%s)", key, min, what);
    /* uint64_t: a size_t is 32 bits in wasm32, where 1e15 made the page empty */
    return v->valuedouble > 1e15 ? (uint64_t)1e15 : (uint64_t)v->valuedouble;
}

int main(void)
{
    cJSON *in = tool_input();
    const char *arg = tool_str(in, "file_path", NULL);
    if (!arg || !*arg) tool_fail("file_path is required: the file to read, e.g. /workspace/README.md");
    char *path = tfs_guest_path(arg);
    uint64_t offset = int_arg(in, "offset", 1, 0, "the first line to show, 1-based");
    uint64_t limit = int_arg(in, "limit", DEFAULT_LIMIT, 1, "how many lines to show");
    if (offset == 0) offset = 1;

    int fd = open(path, O_RDONLY);
    if (fd < 0) tool_fail("%s", tool_errno_text(errno, path, "read"));
    struct stat st;
    if (fstat(fd, &st) != 0) tool_fail("%s", tool_errno_text(errno, path, "read"));
    if (S_ISDIR(st.st_mode))
        tool_fail("%s is a directory, not a file (list it with file-glob, e.g. {\"pattern\": \"*\", \"path\": \"%s\"})",
                  path, path);
    if (!S_ISREG(st.st_mode)) tool_fail("%s is not a regular file (a device, socket or pipe)", path);

    static unsigned char buf[65536 + 16];  /* 16: fast_lines reads up to 7 bytes past the data */
    reader r = {0};
    r.offset = offset, r.limit = limit, r.lineno = 1;
    /* Room for the whole page at once: growing by doubling would copy it
     * about twice more (memcpy in wasm: over a wasm instruction a byte). */
    size_t hint = (uintmax_t)st.st_size < OUT_BUDGET ? (size_t)st.st_size : OUT_BUDGET;
    tbuf_room(&r.out, hint + hint / 4 + 4096);
    tool_json_begin(&r.out);
    size_t bytes = 0;
    int first = 1;
    for (;;) {
        ssize_t n = read(fd, buf, 65536);
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

    /* Metadata as JSON text (tmeta_*): a cJSON tree of it cost more than
     * a short file's lines. */
    tbuf m = {0};
    tmeta_str(&m, "file_path", path);
    tmeta_num(&m, "bytes", (double)bytes);
    tmeta_num(&m, "total_lines", (double)total);
    if (total == 0) {
        tmeta_bool(&m, "empty", 1);
        tmeta_num(&m, "lines_returned", 0);
        tmeta_bool(&m, "truncated", 0);
        tbuf msg = {0};
        tbuf_printf(&msg, "(%s is empty: 0 bytes, no lines)", path);
        result_meta(&msg, 0, &m);
    }
    if (offset > total) {
        tmeta_num(&m, "offset", (double)offset);
        tbuf msg = {0};
        tbuf_printf(&msg, "offset %llu is past the end of %s: it has %zu line%s (use an offset from 1 to %zu)",
                    (unsigned long long)offset, path, total, total == 1 ? "" : "s", total);
        result_meta(&msg, 1, &m);
    }
    size_t remaining = total - r.last_shown;
    const char *endings = r.crlf && r.lf ? "mixed" : r.crlf ? "crlf" : r.lf ? "lf" : "none";
    tmeta_num(&m, "offset", (double)offset);
    tmeta_num(&m, "lines_returned", (double)r.shown);
    tmeta_num(&m, "last_line", (double)r.last_shown);
    tmeta_bool(&m, "truncated", remaining > 0);
    if (remaining) tmeta_num(&m, "next_offset", (double)(r.last_shown + 1));
    else tmeta_null(&m, "next_offset");
    tmeta_num(&m, "lines_cut", (double)r.cut);
    tmeta_str(&m, "line_endings", endings);

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
                    (size_t)offset, r.last_shown, total, remaining, remaining == 1 ? "" : "s",
                    r.stopped ? " (this page stopped at the 512 KiB output limit)" : "", r.last_shown + 1);
    tbuf_put_json(&r.out, t.p, t.len);
    tool_json_end_meta(&r.out, 0, &m);
}
