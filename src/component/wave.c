/*
 * wave.c — WAVE (the value syntax of wasm-tools' `wasm-wave` crate) read
 * and written by a component's types, and the `--invoke` driver.
 *
 * The grammar is the crate's (wave_ebnf.md and its README): bools, decimal
 * integers, floats as JSON numbers or nan/inf/-inf, 'c' chars and "..."
 * strings with the escapes \' \" \\ \t \n \r \u{HEX}, """ multiline
 * strings, [lists], (tuples), {records: in any order, none fields
 * omissible, {:} empty}, variants case(payload) / case, enums, options
 * (some(x), none, or x itself unless x is an option or result), results
 * (ok(x), err(e), ok, err, or x itself for ok likewise), {flags}, labels
 * prefixed with % when they are a keyword, // comments, trailing commas.
 * Parsing is typed, so every recursion follows the type (whose size and
 * depth the decoder bounds) and every list is bounded by the input's
 * length; values go to a bounded arena.  The printer writes what the
 * crate's writer writes, except floats: the shortest digits that read
 * back exactly, with an exponent only where JavaScript would use one
 * (below 1e-7 or from 1e21; the crate spells out the zeros: both are
 * WAVE).
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wave.h"

#define UTF16_TAG (1u << 31)

/* ---- output buffer --------------------------------------------------- */
static void put(bxcm_wbuf *b, const char *s, size_t n)
{
    if (b->over || b->oom) return;
    if (b->max && b->len + n > b->max) {
        n = b->max - b->len;
        b->over = 1;
    }
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 256;
        while (c < b->len + n + 1) c *= 2;
        char *p = realloc(b->p, c);
        if (!p) { b->oom = 1; return; }
        b->p = p;
        b->cap = c;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}
static void puts_(bxcm_wbuf *b, const char *s) { put(b, s, strlen(s)); }
static void putf(bxcm_wbuf *b, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void bxcm_wbuf_free(bxcm_wbuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* ---- keywords and labels --------------------------------------------- */
static const char *const keywords[] = { "true", "false", "inf", "nan", "some", "none", "ok", "err" };

static int is_keyword(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
        if (strlen(keywords[i]) == n && !memcmp(keywords[i], s, n)) return 1;
    return 0;
}

static int label_char(int c) { return isalnum(c) || c == '-'; }

/* ---- describing types and tokens (for messages) ----------------------- */
static const char *prim_name(bxcm_tk k)
{
    switch (k) {
    case TK_BOOL: return "bool"; case TK_S8: return "s8"; case TK_U8: return "u8";
    case TK_S16: return "s16"; case TK_U16: return "u16"; case TK_S32: return "s32";
    case TK_U32: return "u32"; case TK_S64: return "s64"; case TK_U64: return "u64";
    case TK_F32: return "f32"; case TK_F64: return "f64"; case TK_CHAR: return "char";
    case TK_STRING: return "string";
    default: return NULL;
    }
}

static void names_list(const bxcm_type *t, char *out, size_t cap)
{
    size_t k = strlen(out);
    for (uint32_t i = 0; i < t->n && k + 8 < cap; i++) {
        int w = snprintf(out + k, cap - k, "%s%s", i ? ", " : "", t->names[i]);
        if (w < 0 || (size_t)w >= cap - k) { snprintf(out + (cap > 4 ? cap - 4 : 0), 4, "..."); return; }
        k += (size_t)w;
    }
}

void bxcm_wave_describe(const bxcm_type *t, char *out, size_t cap)
{
    if (!cap) return;
    out[0] = 0;
    const char *p = prim_name(t->k);
    switch (t->k) {
    case TK_U8: case TK_U16: case TK_U32: case TK_U64: case TK_S8: case TK_S16: case TK_S32: case TK_S64:
        snprintf(out, cap, "an integer (%s)", p); return;
    case TK_F32: case TK_F64: snprintf(out, cap, "a number (%s)", p); return;
    case TK_BOOL: snprintf(out, cap, "a bool (true or false)"); return;
    case TK_CHAR: snprintf(out, cap, "a char ('x')"); return;
    case TK_STRING: snprintf(out, cap, "a string (\"...\")"); return;
    case TK_LIST:
        if (t->len) snprintf(out, cap, "a list of exactly %u elements", t->len);
        else snprintf(out, cap, "a list");
        return;
    case TK_TUPLE: snprintf(out, cap, "a tuple of %u", t->n); return;
    case TK_RECORD: snprintf(out, cap, "a record with fields "); names_list(t, out, cap); return;
    case TK_VARIANT: snprintf(out, cap, "a variant case of "); names_list(t, out, cap); return;
    case TK_ENUM: snprintf(out, cap, "an enum case of "); names_list(t, out, cap); return;
    case TK_FLAGS: snprintf(out, cap, "flags of "); names_list(t, out, cap); return;
    case TK_OPTION: snprintf(out, cap, "an option (some(...), none or the value)"); return;
    case TK_RESULT: snprintf(out, cap, "a result (ok%s, err%s)", t->t0 ? "(...)" : "", t->t1 ? "(...)" : ""); return;
    case TK_OWN: snprintf(out, cap, "a resource handle (own)"); return;
    case TK_BORROW: snprintf(out, cap, "a resource handle (borrow)"); return;
    default: snprintf(out, cap, "a value of an unsupported type"); return;
    }
}

/* ---- parser ----------------------------------------------------------- */
typedef struct P {
    const char *s;
    size_t n, i;
    bxcm_arena *a;
    char *why;
    size_t whycap;
    int failed;
} P;

static size_t column(const P *p, size_t at)
{
    size_t c = 1;
    for (size_t k = 0; k < at && k < p->n; k++)
        if (((unsigned char)p->s[k] & 0xc0) != 0x80) c++;
    return c;
}

static int failv(P *p, size_t at, const char *fmt, va_list ap)
{
    if (p->failed) return -1;
    p->failed = 1;
    if (!p->whycap) return -1;
    int k = vsnprintf(p->why, p->whycap, fmt, ap);
    if (k >= 0 && (size_t)k < p->whycap)
        snprintf(p->why + k, p->whycap - (size_t)k, " at column %zu", column(p, at));
    return -1;
}

static int fail(P *p, size_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    failv(p, at, fmt, ap);
    va_end(ap);
    return -1;
}

static void ws(P *p)
{
    for (;;) {
        while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r')) p->i++;
        if (p->i + 1 < p->n && p->s[p->i] == '/' && p->s[p->i + 1] == '/') {
            while (p->i < p->n && p->s[p->i] != '\n') p->i++;
            continue;
        }
        return;
    }
}

static int peek(P *p) { return p->i < p->n ? (unsigned char)p->s[p->i] : -1; }

/* What is at p->i, for "found ...". */
static void found(P *p, char *out, size_t cap)
{
    int c = peek(p);
    if (c < 0) { snprintf(out, cap, "the end of the input"); return; }
    switch (c) {
    case '[': snprintf(out, cap, "a list"); return;
    case '(': snprintf(out, cap, "a tuple"); return;
    case '{': snprintf(out, cap, "a record or flags"); return;
    case '"': snprintf(out, cap, "a string"); return;
    case '\'': snprintf(out, cap, "a char"); return;
    default: break;
    }
    if (c == '-' || isdigit(c)) {
        size_t j = p->i + 1;
        while (j < p->n && (isalnum((unsigned char)p->s[j]) || p->s[j] == '.' || p->s[j] == '+' || p->s[j] == '-') && j - p->i < 40) j++;
        snprintf(out, cap, "the number %.*s", (int)(j - p->i), p->s + p->i);
        return;
    }
    if (c == '%' || isalpha(c)) {
        size_t j = p->i + 1;
        while (j < p->n && label_char((unsigned char)p->s[j]) && j - p->i < 60) j++;
        snprintf(out, cap, "`%.*s`", (int)(j - p->i), p->s + p->i);
        return;
    }
    if (c < 0x20 || c >= 0x7f) snprintf(out, cap, "the byte 0x%02x", c);
    else snprintf(out, cap, "`%c`", c);
}

static int expected(P *p, const bxcm_type *t)
{
    char want[200], got[100];
    bxcm_wave_describe(t, want, sizeof want);
    found(p, got, sizeof got);
    return fail(p, p->i, "expected %s; found %s", want, got);
}

static int expect_ch(P *p, int c, const char *what)
{
    ws(p);
    if (peek(p) == c) { p->i++; return 0; }
    char got[100];
    found(p, got, sizeof got);
    return fail(p, p->i, "expected %s; found %s", what, got);
}

static void *palloc(P *p, size_t n)
{
    void *q = bxcm_arena_alloc(p->a, n ? n : 1);
    if (!q) fail(p, p->i, "the value exceeds the host's bound for one call's values");
    return q;
}

/* A label at p->i: 1 with its span (the % not included), 0 when none. */
static int label(P *p, size_t *st, size_t *len, int *pct)
{
    size_t j = p->i;
    *pct = 0;
    if (j < p->n && p->s[j] == '%') { *pct = 1; j++; }
    if (j >= p->n || !isalpha((unsigned char)p->s[j])) return 0;
    size_t b = j;
    while (j < p->n && label_char((unsigned char)p->s[j])) j++;
    *st = b;
    *len = j - b;
    return 1;
}

/* Kebab-case words, each all lower or all upper case (with digits). */
static int label_valid(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n) {
        if (!isalpha((unsigned char)s[k])) return 0;
        int up = isupper((unsigned char)s[k]);
        while (k < n && s[k] != '-') {
            unsigned char c = (unsigned char)s[k];
            if (isalpha(c) && (isupper(c) != 0) != (up != 0)) return 0;
            if (!isalnum(c)) return 0;
            k++;
        }
        if (k < n) { k++; if (k == n) return 0; }
    }
    return n > 0;
}

/* Read a label; *key set when it is an unprefixed keyword. */
static int read_label(P *p, const char **s, size_t *n, int *key)
{
    size_t st, len;
    int pct;
    if (!label(p, &st, &len, &pct)) return 0;
    if (!label_valid(p->s + st, len)) {
        fail(p, p->i, "`%.*s` is not a valid label (kebab-case words, each all lower or all upper case)", (int)(len > 60 ? 60 : len), p->s + st);
        return -1;
    }
    *s = p->s + st;
    *n = len;
    *key = !pct && is_keyword(p->s + st, len);
    p->i = st + len;
    return 1;
}

static int name_is(const char *name, const char *s, size_t n) { return strlen(name) == n && !memcmp(name, s, n); }

static int utf8_dec(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (!n) return 0;
    unsigned char c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    int len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? (c <= 0xef ? 3 : 0) : c >= 0xc2 ? 2 : 0;
    if (!len || (size_t)len > n) return 0;
    uint32_t v = c & (0x7f >> len);
    for (int k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80) return 0;
        v = v << 6 | (s[k] & 0x3f);
    }
    if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10ffff)) || (v >= 0xd800 && v <= 0xdfff)) return 0;
    *cp = v;
    return len;
}

static size_t utf8_enc(char *d, uint32_t c)
{
    if (c < 0x80) { d[0] = (char)c; return 1; }
    if (c < 0x800) { d[0] = (char)(0xc0 | c >> 6); d[1] = (char)(0x80 | (c & 0x3f)); return 2; }
    if (c < 0x10000) { d[0] = (char)(0xe0 | c >> 12); d[1] = (char)(0x80 | (c >> 6 & 0x3f)); d[2] = (char)(0x80 | (c & 0x3f)); return 3; }
    d[0] = (char)(0xf0 | c >> 18); d[1] = (char)(0x80 | (c >> 12 & 0x3f));
    d[2] = (char)(0x80 | (c >> 6 & 0x3f)); d[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* One char of a char or string literal (quote: the delimiter, which must be
 * escaped; the other quote may appear bare).  1: *cp read, 0: at the
 * closing quote, -1: error. */
static int lit_char(P *p, int quote, uint32_t *cp)
{
    if (p->i >= p->n) return fail(p, p->i, "unterminated %s", quote == '"' ? "string" : "char");
    unsigned char c = (unsigned char)p->s[p->i];
    if (c == quote) return 0;
    if (c == '\n') return fail(p, p->i, "a newline in a %s must be written \\n", quote == '"' ? "string" : "char");
    if (c != '\\') {
        int l = utf8_dec((const unsigned char *)p->s + p->i, p->n - p->i, cp);
        if (!l) return fail(p, p->i, "invalid UTF-8");
        p->i += (size_t)l;
        return 1;
    }
    size_t at = p->i++;
    if (p->i >= p->n) return fail(p, at, "unterminated escape");
    switch (p->s[p->i++]) {
    case '\'': *cp = '\''; return 1;
    case '"': *cp = '"'; return 1;
    case '\\': *cp = '\\'; return 1;
    case 't': *cp = '\t'; return 1;
    case 'n': *cp = '\n'; return 1;
    case 'r': *cp = '\r'; return 1;
    case 'u': {
        if (peek(p) != '{') return fail(p, at, "expected \\u{HEX}");
        p->i++;
        uint32_t v = 0;
        int nd = 0;
        while (p->i < p->n && isxdigit((unsigned char)p->s[p->i])) {
            if (++nd > 6) return fail(p, at, "\\u{...} has more than 6 hex digits");
            char h = p->s[p->i++];
            v = v * 16 + (uint32_t)(isdigit((unsigned char)h) ? h - '0' : (tolower((unsigned char)h) - 'a' + 10));
        }
        if (!nd || peek(p) != '}') return fail(p, at, "expected \\u{HEX}");
        p->i++;
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return fail(p, at, "\\u{%x} is not a Unicode scalar value", v);
        *cp = v;
        return 1;
    }
    default: return fail(p, at, "unknown escape \\%c (the escapes: \\' \\\" \\\\ \\t \\n \\r \\u{HEX})", p->s[p->i - 1]);
    }
}

static int set_string(P *p, const char *buf, size_t len, bxcm_val *out)
{
    if (len > 0x7fffffffu) return fail(p, p->i, "string too long");
    uint8_t *d = palloc(p, len + 1);
    if (!d) return -1;
    memcpy(d, buf, len);
    out->str.p = d;
    out->str.len = (uint32_t)len;
    out->str.enc = ENC_UTF8;
    out->str.units = (uint32_t)len;
    return 0;
}

/* """\n ... \n   """: lines dedented by the closing line's indent. */
static int multiline(P *p, bxcm_val *out)
{
    size_t at = p->i;
    p->i += 3;
    if (peek(p) == '\r' && p->i + 1 < p->n && p->s[p->i + 1] == '\n') p->i++;
    if (peek(p) != '\n') return fail(p, at, "a multiline string must start with \"\"\" and a line break");
    p->i++;
    /* find the closing line: spaces then """ after a line break */
    size_t j = p->i, body_end = 0, indent = 0, close = 0;
    int found_close = 0;
    for (size_t ls = j; ls <= p->n;) {
        size_t k = ls;
        while (k < p->n && p->s[k] == ' ') k++;
        if (k + 3 <= p->n && !memcmp(p->s + k, "\"\"\"", 3)) { body_end = ls; indent = k - ls; close = k + 3; found_close = 1; break; }
        const char *nl = memchr(p->s + ls, '\n', p->n - ls);
        if (!nl) break;
        ls = (size_t)(nl - p->s) + 1;
    }
    if (!found_close) return fail(p, at, "unterminated multiline string");
    char *buf = malloc(body_end - p->i + 1);
    if (!buf) return fail(p, at, "out of host memory");
    size_t bl = 0;
    for (size_t ls = p->i; ls < body_end;) {
        size_t le = (size_t)((const char *)memchr(p->s + ls, '\n', body_end - ls) - p->s);
        size_t lend = le > ls && p->s[le - 1] == '\r' ? le - 1 : le;
        size_t k = ls;
        while (k < lend && k - ls < indent && p->s[k] == ' ') k++;
        if (k - ls < indent && k < lend) { free(buf); return fail(p, k, "a line of a multiline string is indented less than its closing \"\"\""); }
        if (ls != p->i) buf[bl++] = '\n';
        P q = *p;
        q.i = k;
        q.n = lend;
        while (q.i < lend) {
            if (lend - q.i >= 3 && !memcmp(q.s + q.i, "\"\"\"", 3)) { free(buf); return fail(p, q.i, "\"\"\" inside a multiline string"); }
            uint32_t cp;
            int r;
            if (q.s[q.i] == '"') { q.i++; cp = '"'; r = 1; }
            else r = lit_char(&q, -1, &cp);
            if (r < 0) { p->failed = q.failed; free(buf); return -1; }
            bl += utf8_enc(buf + bl, cp);
        }
        ls = le + 1;
    }
    p->i = close;
    int rc = set_string(p, buf, bl, out);
    free(buf);
    return rc;
}

static int parse_string(P *p, bxcm_val *out)
{
    if (p->i + 3 <= p->n && !memcmp(p->s + p->i, "\"\"\"", 3) &&
        p->i + 3 < p->n && (p->s[p->i + 3] == '\n' || p->s[p->i + 3] == '\r'))
        return multiline(p, out);
    p->i++;
    /* each source byte decodes to at most one output byte */
    char *buf = malloc(p->n - p->i + 1);
    if (!buf) return fail(p, p->i, "out of host memory");
    size_t bl = 0;
    uint32_t cp;
    int r;
    while ((r = lit_char(p, '"', &cp)) == 1) bl += utf8_enc(buf + bl, cp);
    if (r < 0) { free(buf); return -1; }
    p->i++;
    r = set_string(p, buf, bl, out);
    free(buf);
    return r;
}

static int parse_char(P *p, bxcm_val *out)
{
    size_t at = p->i++;
    uint32_t cp;
    int r = lit_char(p, '\'', &cp);
    if (r < 0) return -1;
    if (r == 0) return fail(p, at, "an empty char ''");
    if (peek(p) != '\'') return fail(p, at, "a char holds exactly one character");
    p->i++;
    out->c = cp;
    return 0;
}

static int parse_int(P *p, const bxcm_type *t, bxcm_val *out)
{
    size_t at = p->i, j = p->i;
    int neg = 0;
    if (j < p->n && p->s[j] == '-') { neg = 1; j++; }
    if (j >= p->n || !isdigit((unsigned char)p->s[j])) return expected(p, t);
    if (p->s[j] == '0' && j + 1 < p->n && isdigit((unsigned char)p->s[j + 1]))
        return fail(p, at, "an integer may not have leading zeros");
    uint64_t v = 0;
    int big = 0;
    for (; j < p->n && isdigit((unsigned char)p->s[j]); j++) {
        unsigned d = (unsigned)(p->s[j] - '0');
        if (v > (UINT64_MAX - d) / 10) big = 1; else v = v * 10 + d;
    }
    if (j < p->n && (p->s[j] == '.' || p->s[j] == 'e' || p->s[j] == 'E'))
        return fail(p, at, "expected an integer (%s); found a number with a fraction or exponent", prim_name(t->k));
    int bits = t->k == TK_U8 || t->k == TK_S8 ? 8 : t->k == TK_U16 || t->k == TK_S16 ? 16 : t->k == TK_U32 || t->k == TK_S32 ? 32 : 64;
    int sgn = t->k == TK_S8 || t->k == TK_S16 || t->k == TK_S32 || t->k == TK_S64;
    uint64_t umax = bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
    uint64_t smax = (1ull << (bits - 1)) - 1;
    int range = !big && (sgn ? (neg ? v <= smax + 1 : v <= smax) : (!neg || v == 0) && v <= umax);
    if (!range) return fail(p, at, "%.*s is out of range for %s", (int)(j - at > 40 ? 40 : j - at), p->s + at, prim_name(t->k));
    if (sgn) out->s = neg ? (v == smax + 1 ? (int64_t)(-(int64_t)smax - 1) : -(int64_t)v) : (int64_t)v;
    else out->u = v;
    p->i = j;
    return 0;
}

static int parse_float(P *p, const bxcm_type *t, bxcm_val *out)
{
    size_t at = p->i, j = p->i;
    double d;
    if (j < p->n && p->s[j] == '-') j++;
    if (j + 3 <= p->n && !memcmp(p->s + j, "inf", 3) && !(j + 3 < p->n && label_char((unsigned char)p->s[j + 3]))) {
        d = j > at ? -INFINITY : INFINITY;
        j += 3;
    } else if (j == at && j + 3 <= p->n && !memcmp(p->s + j, "nan", 3) && !(j + 3 < p->n && label_char((unsigned char)p->s[j + 3]))) {
        d = NAN;
        j += 3;
    } else {
        if (j >= p->n || !isdigit((unsigned char)p->s[j])) return expected(p, t);
        if (p->s[j] == '0' && j + 1 < p->n && isdigit((unsigned char)p->s[j + 1])) return fail(p, at, "a number may not have leading zeros");
        while (j < p->n && isdigit((unsigned char)p->s[j])) j++;
        if (j < p->n && p->s[j] == '.') {
            j++;
            if (j >= p->n || !isdigit((unsigned char)p->s[j])) return fail(p, at, "expected digits after the decimal point");
            while (j < p->n && isdigit((unsigned char)p->s[j])) j++;
        }
        if (j < p->n && (p->s[j] == 'e' || p->s[j] == 'E')) {
            j++;
            if (j < p->n && (p->s[j] == '+' || p->s[j] == '-')) j++;
            if (j >= p->n || !isdigit((unsigned char)p->s[j])) return fail(p, at, "expected digits in the exponent");
            while (j < p->n && isdigit((unsigned char)p->s[j])) j++;
        }
        if (j - at > 1000) return fail(p, at, "number too long");
        char tmp[1001];
        memcpy(tmp, p->s + at, j - at);
        tmp[j - at] = 0;
        if (t->k == TK_F32) {
            float f = strtof(tmp, NULL);
            if (isinf(f)) return fail(p, at, "%.40s is out of range for f32", tmp);
            out->f32 = f;
            p->i = j;
            return 0;
        }
        d = strtod(tmp, NULL);
        if (isinf(d)) return fail(p, at, "%.40s is out of range for f64", tmp);
    }
    if (t->k == TK_F32) out->f32 = (float)d; else out->f64 = d;
    p->i = j;
    return 0;
}

static int parse_value(P *p, const bxcm_type *t, bxcm_val *out);

/* value, value, ... up to close; elements into a malloc'ed array. */
static int seq(P *p, const bxcm_type *et, const bxcm_type *const *ets, uint32_t fixed, int close,
               bxcm_val **outv, uint32_t *outn)
{
    size_t cap = 0;
    uint32_t n = 0;
    bxcm_val *v = NULL;
    ws(p);
    if (peek(p) == close) { p->i++; *outv = NULL; *outn = 0; return 0; }
    for (;;) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 8;
            if (nc > p->n + 8) nc = p->n + 8;   /* each element takes at least a byte */
            if (nc <= cap) { free(v); return fail(p, p->i, "too many elements"); }
            bxcm_val *nv = realloc(v, nc * sizeof *v);
            if (!nv) { free(v); return fail(p, p->i, "out of host memory"); }
            v = nv;
            cap = nc;
        }
        memset(&v[n], 0, sizeof v[n]);
        const bxcm_type *t = ets ? (n < fixed ? ets[n] : NULL) : et;
        ws(p);
        if (!t) { free(v); return fail(p, p->i, "too many elements: a tuple of %u", fixed); }
        if (parse_value(p, t, &v[n])) { free(v); return -1; }
        n++;
        ws(p);
        int c = peek(p);
        if (c == ',') {
            p->i++;
            ws(p);
            if (peek(p) == close) { p->i++; break; }
            continue;
        }
        if (c == close) { p->i++; break; }
        char got[100];
        found(p, got, sizeof got);
        free(v);
        return fail(p, p->i, "expected , or %c; found %s", close, got);
    }
    *outv = v;
    *outn = n;
    return 0;
}

static int parse_list(P *p, const bxcm_type *t, bxcm_val *out)
{
    size_t at = p->i;
    p->i++;
    bxcm_val *v;
    uint32_t n;
    if (seq(p, t->t0, NULL, 0, ']', &v, &n)) return -1;
    if (t->len && n != t->len) { free(v); return fail(p, at, "expected a list of exactly %u elements; found %u", t->len, n); }
    out->agg.n = n;
    int bytes = !t->len && (t->t0->k == TK_U8 || t->t0->k == TK_S8);
    if (bytes) {
        if (!(out->agg.bytes = palloc(p, n + 1))) { free(v); return -1; }
        for (uint32_t k = 0; k < n; k++) out->agg.bytes[k] = (uint8_t)(t->t0->k == TK_U8 ? v[k].u : (uint64_t)v[k].s);
    } else if (n) {
        if (!(out->agg.v = palloc(p, (size_t)n * sizeof *v))) { free(v); return -1; }
        memcpy(out->agg.v, v, (size_t)n * sizeof *v);
    }
    free(v);
    return 0;
}

static int parse_tuple(P *p, const bxcm_type *t, bxcm_val *out)
{
    size_t at = p->i;
    p->i++;
    bxcm_val *v;
    uint32_t n;
    if (seq(p, NULL, (const bxcm_type *const *)t->ts, t->n, ')', &v, &n)) return -1;
    if (n != t->n) { free(v); return fail(p, at, "expected a tuple of %u; found %u element(s)", t->n, n); }
    out->agg.n = n;
    if (!(out->agg.v = palloc(p, (size_t)n * sizeof *v))) { free(v); return -1; }
    memcpy(out->agg.v, v, (size_t)n * sizeof *v);
    free(v);
    return 0;
}

static int parse_record(P *p, const bxcm_type *t, bxcm_val *out)
{
    size_t at = p->i;
    p->i++;
    if (!(out->agg.v = palloc(p, (size_t)t->n * sizeof(bxcm_val)))) return -1;
    out->agg.n = t->n;
    uint8_t *seen = calloc(t->n, 1);
    if (!seen) return fail(p, at, "out of host memory");
    ws(p);
    if (peek(p) == ':') {
        p->i++;
        if (expect_ch(p, '}', "} after {:")) goto bad;
    } else if (peek(p) == '}') {
        char want[200];
        bxcm_wave_describe(t, want, sizeof want);
        fail(p, at, "expected %s; found {} (empty flags; an empty record is {:})", want);
        goto bad;
    } else {
        for (;;) {
            ws(p);
            const char *ls;
            size_t ln;
            int key, r = read_label(p, &ls, &ln, &key);
            if (r < 0) goto bad;
            if (r == 0) {
                char got[100];
                found(p, got, sizeof got);
                fail(p, p->i, "expected a field name; found %s", got);
                goto bad;
            }
            uint32_t f = 0;
            while (f < t->n && !name_is(t->names[f], ls, ln)) f++;
            if (f == t->n) {
                char names[200] = "";
                names_list(t, names, sizeof names);
                fail(p, (size_t)(ls - p->s), "the record has no field `%.*s` (its fields: %s)", (int)(ln > 60 ? 60 : ln), ls, names);
                goto bad;
            }
            if (seen[f]) { fail(p, (size_t)(ls - p->s), "field `%s` given twice", t->names[f]); goto bad; }
            seen[f] = 1;
            if (expect_ch(p, ':', ": after a field name")) goto bad;
            ws(p);
            if (parse_value(p, t->ts[f], &out->agg.v[f])) goto bad;
            ws(p);
            int c = peek(p);
            if (c == ',') { p->i++; ws(p); if (peek(p) == '}') { p->i++; break; } continue; }
            if (c == '}') { p->i++; break; }
            char got[100];
            found(p, got, sizeof got);
            fail(p, p->i, "expected , or }; found %s", got);
            goto bad;
        }
    }
    for (uint32_t f = 0; f < t->n; f++) {
        if (seen[f]) continue;
        if (t->ts[f]->k == TK_OPTION) { out->agg.v[f].var.tag = 0; continue; }
        fail(p, at, "the record lacks field `%s`", t->names[f]);
        goto bad;
    }
    free(seen);
    return 0;
bad:
    free(seen);
    return -1;
}

static int parse_flags(P *p, const bxcm_type *t, bxcm_val *out)
{
    p->i++;
    uint32_t bits = 0;
    ws(p);
    if (peek(p) == '}') { p->i++; out->flags = 0; return 0; }
    for (;;) {
        ws(p);
        const char *ls;
        size_t ln;
        int key, r = read_label(p, &ls, &ln, &key);
        if (r < 0) return -1;
        if (r == 0) {
            char got[100];
            found(p, got, sizeof got);
            return fail(p, p->i, "expected a flag name; found %s", got);
        }
        uint32_t f = 0;
        while (f < t->n && !name_is(t->names[f], ls, ln)) f++;
        if (f == t->n) {
            char names[200] = "";
            names_list(t, names, sizeof names);
            return fail(p, (size_t)(ls - p->s), "no flag `%.*s` (the flags: %s)", (int)(ln > 60 ? 60 : ln), ls, names);
        }
        if (f < 32) bits |= 1u << f;
        ws(p);
        int c = peek(p);
        if (c == ',') { p->i++; ws(p); if (peek(p) == '}') { p->i++; break; } continue; }
        if (c == '}') { p->i++; break; }
        char got[100];
        found(p, got, sizeof got);
        return fail(p, p->i, "expected , or }; found %s", got);
    }
    out->flags = bits;
    return 0;
}

/* (payload) after a case label, when the case has one. */
static int payload(P *p, const bxcm_type *pt, const char *cname, size_t at, bxcm_val *out)
{
    ws(p);
    if (!pt) {
        if (peek(p) == '(') return fail(p, p->i, "case `%s` has no payload", cname);
        out->var.v = NULL;
        return 0;
    }
    if (peek(p) != '(') return fail(p, at, "case `%s` needs a payload: %s(...)", cname, cname);
    p->i++;
    if (!(out->var.v = palloc(p, sizeof(bxcm_val)))) return -1;
    ws(p);
    if (parse_value(p, pt, out->var.v)) return -1;
    return expect_ch(p, ')', ")");
}

static int flat_ok(const bxcm_type *t) { return t && t->k != TK_OPTION && t->k != TK_RESULT; }

static int parse_value(P *p, const bxcm_type *t, bxcm_val *out)
{
    ws(p);
    int c = peek(p);
    size_t at = p->i;
    const char *ls = NULL;
    size_t ln = 0;
    int key = 0, isl = 0;
    if (c == '%' || (c >= 0 && isalpha(c))) {
        /* labels are read by their kind; for numbers, inf/nan */
        if (t->k != TK_F32 && t->k != TK_F64) {
            isl = read_label(p, &ls, &ln, &key);
            if (isl < 0) return -1;
            p->i = at;
        }
    }
    switch (t->k) {
    case TK_BOOL:
        if (isl && key && (name_is("true", ls, ln) || name_is("false", ls, ln))) {
            out->u = ls[0] == 't';
            p->i = (size_t)(ls - p->s) + ln;
            return 0;
        }
        return expected(p, t);
    case TK_U8: case TK_U16: case TK_U32: case TK_U64: case TK_S8: case TK_S16: case TK_S32: case TK_S64:
        return parse_int(p, t, out);
    case TK_F32: case TK_F64: return parse_float(p, t, out);
    case TK_CHAR: if (c != '\'') return expected(p, t); return parse_char(p, out);
    case TK_STRING: if (c != '"') return expected(p, t); return parse_string(p, out);
    case TK_LIST: if (c != '[') return expected(p, t); return parse_list(p, t, out);
    case TK_TUPLE: if (c != '(') return expected(p, t); return parse_tuple(p, t, out);
    case TK_RECORD: if (c != '{') return expected(p, t); return parse_record(p, t, out);
    case TK_FLAGS: if (c != '{') return expected(p, t); return parse_flags(p, t, out);
    case TK_VARIANT: case TK_ENUM: {
        if (!isl) return expected(p, t);
        uint32_t k = 0;
        while (k < t->n && !name_is(t->names[k], ls, ln)) k++;
        if (k == t->n) {
            char want[200];
            bxcm_wave_describe(t, want, sizeof want);
            return fail(p, at, "expected %s; found `%.*s`", want, (int)(ln > 60 ? 60 : ln), ls);
        }
        if (key) return fail(p, at, "case `%s` is a WAVE keyword: write it %%%s", t->names[k], t->names[k]);
        p->i = (size_t)(ls - p->s) + ln;
        out->var.tag = k;
        if (t->k == TK_ENUM) { out->var.v = NULL; return 0; }
        return payload(p, t->ts[k], t->names[k], at, out);
    }
    case TK_OPTION:
        if (isl && key && name_is("none", ls, ln)) {
            p->i = (size_t)(ls - p->s) + ln;
            out->var.tag = 0;
            out->var.v = NULL;
            return 0;
        }
        if (isl && key && name_is("some", ls, ln)) {
            p->i = (size_t)(ls - p->s) + ln;
            out->var.tag = 1;
            return payload(p, t->t0, "some", at, out);
        }
        if (!flat_ok(t->t0)) return expected(p, t);
        out->var.tag = 1;
        if (!(out->var.v = palloc(p, sizeof(bxcm_val)))) return -1;
        return parse_value(p, t->t0, out->var.v);
    case TK_RESULT:
        if (isl && key && (name_is("ok", ls, ln) || name_is("err", ls, ln))) {
            int e = ls[0] == 'e';
            p->i = (size_t)(ls - p->s) + ln;
            out->var.tag = (uint32_t)e;
            return payload(p, e ? t->t1 : t->t0, e ? "err" : "ok", at, out);
        }
        if (!flat_ok(t->t0)) return expected(p, t);
        out->var.tag = 0;
        if (!(out->var.v = palloc(p, sizeof(bxcm_val)))) return -1;
        return parse_value(p, t->t0, out->var.v);
    case TK_OWN: case TK_BORROW:
        return fail(p, at, "a resource handle (%s) cannot be written in WAVE", t->k == TK_OWN ? "own" : "borrow");
    default:
        return fail(p, at, "values of this type (stream, future, error-context, map) cannot be written in WAVE");
    }
}

int bxcm_wave_parse(bxcm_arena *a, const bxcm_type *t, const char *s, size_t n, size_t *pos,
                    bxcm_val *out, char *why, size_t whycap)
{
    P p = { s, n, *pos, a, why, whycap, 0 };
    if (whycap) why[0] = 0;
    memset(out, 0, sizeof *out);
    if (parse_value(&p, t, out)) return -1;
    ws(&p);
    *pos = p.i;
    return 0;
}

/* ---- printer ----------------------------------------------------------- */
static void put_cp(bxcm_wbuf *b, uint32_t c)
{
    switch (c) {
    case '\\': puts_(b, "\\\\"); return;
    case '"': puts_(b, "\\\""); return;
    case '\'': puts_(b, "\\'"); return;
    case '\t': puts_(b, "\\t"); return;
    case '\n': puts_(b, "\\n"); return;
    case '\r': puts_(b, "\\r"); return;
    default: break;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) { putf(b, "\\u{%x}", c); return; }
    char d[4];
    put(b, d, utf8_enc(d, c));
}

/* The code points of a lifted string (utf8, utf16le or latin1). */
typedef struct sit { const uint8_t *p; uint32_t n, i; int se; } sit;
enum { SE8, SE16, SEL1 };

static sit str_it(const bxcm_val *v)
{
    sit it = { v->str.p, v->str.len, 0, SE8 };
    if (v->str.enc == ENC_UTF16) it.se = SE16;
    else if (v->str.enc == ENC_LATIN1_UTF16) it.se = v->str.units & UTF16_TAG ? SE16 : SEL1;
    else if (v->str.enc == ENC_LATIN1) it.se = SEL1;
    return it;
}

static int str_next(sit *it, uint32_t *c)
{
    if (it->i >= it->n) return 0;
    if (it->se == SEL1) { *c = it->p[it->i++]; return 1; }
    if (it->se == SE16) {
        if (it->i + 2 > it->n) return 0;
        uint32_t u = it->p[it->i] | (uint32_t)it->p[it->i + 1] << 8;
        it->i += 2;
        if (u >= 0xd800 && u < 0xdc00 && it->i + 2 <= it->n) {
            uint32_t l = it->p[it->i] | (uint32_t)it->p[it->i + 1] << 8;
            if (l >= 0xdc00 && l < 0xe000) { it->i += 2; u = 0x10000 + ((u - 0xd800) << 10) + (l - 0xdc00); }
        }
        *c = u;
        return 1;
    }
    int l = utf8_dec(it->p + it->i, it->n - it->i, c);
    if (!l) { *c = 0xfffd; l = 1; }   /* lifting validated it; never here */
    it->i += (uint32_t)l;
    return 1;
}

/* Shortest %g that reads back to the same value; exponent without
 * leading zeros (WAVE's grammar has none). */
static void put_float(bxcm_wbuf *b, double d, int f32)
{
    if (isnan(d)) { puts_(b, "nan"); return; }
    if (isinf(d)) { puts_(b, d < 0 ? "-inf" : "inf"); return; }
    char tmp[48];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, d);
        if (f32 ? strtof(tmp, NULL) == (float)d : strtod(tmp, NULL) == d) break;
    }
    char *e = strchr(tmp, 'e');
    int ex = e ? atoi(e + 1) : 0;
    if (e && ex >= -7 && ex < 21) {
        /* plain digits where JavaScript would print them: 100, not 1e2 */
        char dig[24], out[48];
        int nd = 0, k = 0;
        for (char *q = tmp; q < e && nd < 20; q++) if (*q >= '0' && *q <= '9') dig[nd++] = *q;
        if (tmp[0] == '-') out[k++] = '-';
        if (ex >= 0) {
            for (int i = 0; i <= ex; i++) out[k++] = i < nd ? dig[i] : '0';
            if (nd > ex + 1) { out[k++] = '.'; for (int i = ex + 1; i < nd; i++) out[k++] = dig[i]; }
        } else {
            out[k++] = '0'; out[k++] = '.';
            for (int i = 0; i < -ex - 1; i++) out[k++] = '0';
            for (int i = 0; i < nd; i++) out[k++] = dig[i];
        }
        out[k] = 0;
        memcpy(tmp, out, (size_t)k + 1);
        e = NULL;
    }
    if (e) {
        char *q = e + 1;
        if (*q == '+') memmove(q, q + 1, strlen(q));   /* e+20 -> e20 */
        if (*q == '-') q++;
        while (q[0] == '0' && q[1]) memmove(q, q + 1, strlen(q));
    }
    puts_(b, tmp);
}

static void put_label(bxcm_wbuf *b, const char *name)
{
    if (is_keyword(name, strlen(name))) puts_(b, "%");
    puts_(b, name);
}

void bxcm_wave_print(bxcm_wbuf *b, const bxcm_type *t, const bxcm_val *v)
{
    if (b->over || b->oom) return;
    switch (t->k) {
    case TK_BOOL: puts_(b, v->u ? "true" : "false"); return;
    case TK_U8: case TK_U16: case TK_U32: case TK_U64: putf(b, "%llu", (unsigned long long)v->u); return;
    case TK_S8: case TK_S16: case TK_S32: case TK_S64: putf(b, "%lld", (long long)v->s); return;
    case TK_F32: put_float(b, v->f32, 1); return;
    case TK_F64: put_float(b, v->f64, 0); return;
    case TK_CHAR: puts_(b, "'"); put_cp(b, v->c); puts_(b, "'"); return;
    case TK_STRING: {
        puts_(b, "\"");
        sit it = str_it(v);
        uint32_t c;
        while (str_next(&it, &c) && !b->over && !b->oom) put_cp(b, c);
        puts_(b, "\"");
        return;
    }
    case TK_LIST: {
        puts_(b, "[");
        int bytes = !t->len && (t->t0->k == TK_U8 || t->t0->k == TK_S8);
        for (uint32_t i = 0; i < v->agg.n && !b->over && !b->oom; i++) {
            if (i) puts_(b, ", ");
            if (bytes) {
                if (t->t0->k == TK_U8) putf(b, "%u", (unsigned)v->agg.bytes[i]);
                else putf(b, "%d", (int)(int8_t)v->agg.bytes[i]);
            } else bxcm_wave_print(b, t->t0, &v->agg.v[i]);
        }
        puts_(b, "]");
        return;
    }
    case TK_TUPLE:
        puts_(b, "(");
        for (uint32_t i = 0; i < t->n; i++) {
            if (i) puts_(b, ", ");
            bxcm_wave_print(b, t->ts[i], &v->agg.v[i]);
        }
        puts_(b, ")");
        return;
    case TK_RECORD: {
        puts_(b, "{");
        int first = 1;
        for (uint32_t i = 0; i < t->n; i++) {
            if (t->ts[i]->k == TK_OPTION && v->agg.v[i].var.tag == 0) continue;   /* none: omitted */
            if (!first) puts_(b, ", ");
            first = 0;
            puts_(b, t->names[i]);
            puts_(b, ": ");
            bxcm_wave_print(b, t->ts[i], &v->agg.v[i]);
        }
        if (first) puts_(b, ":");
        puts_(b, "}");
        return;
    }
    case TK_VARIANT: case TK_ENUM:
        put_label(b, t->names[v->var.tag]);
        if (t->k == TK_VARIANT && t->ts[v->var.tag]) {
            puts_(b, "(");
            bxcm_wave_print(b, t->ts[v->var.tag], v->var.v);
            puts_(b, ")");
        }
        return;
    case TK_OPTION:
        if (!v->var.tag) { puts_(b, "none"); return; }
        puts_(b, "some(");
        bxcm_wave_print(b, t->t0, v->var.v);
        puts_(b, ")");
        return;
    case TK_RESULT: {
        const bxcm_type *pt = v->var.tag ? t->t1 : t->t0;
        puts_(b, v->var.tag ? "err" : "ok");
        if (pt) {
            puts_(b, "(");
            bxcm_wave_print(b, pt, v->var.v);
            puts_(b, ")");
        }
        return;
    }
    case TK_FLAGS: {
        puts_(b, "{");
        int first = 1;
        for (uint32_t i = 0; i < t->n && i < 32; i++) {
            if (!(v->flags >> i & 1)) continue;
            if (!first) puts_(b, ", ");
            first = 0;
            puts_(b, t->names[i]);
        }
        puts_(b, "}");
        return;
    }
    default: puts_(b, "<unprintable>"); return;
    }
}

int bxcm_wave_equal(const bxcm_type *t, const bxcm_val *a, const bxcm_val *b)
{
    switch (t->k) {
    case TK_BOOL: return !a->u == !b->u;
    case TK_U8: case TK_U16: case TK_U32: case TK_U64: return a->u == b->u;
    case TK_S8: case TK_S16: case TK_S32: case TK_S64: return a->s == b->s;
    case TK_F32: return (isnan(a->f32) && isnan(b->f32)) || !memcmp(&a->f32, &b->f32, 4);
    case TK_F64: return (isnan(a->f64) && isnan(b->f64)) || !memcmp(&a->f64, &b->f64, 8);
    case TK_CHAR: return a->c == b->c;
    case TK_STRING: {
        sit x = str_it(a), y = str_it(b);
        uint32_t c1, c2;
        for (;;) {
            int m = str_next(&x, &c1), n = str_next(&y, &c2);
            if (m != n) return 0;
            if (!m) return 1;
            if (c1 != c2) return 0;
        }
    }
    case TK_LIST: {
        if (a->agg.n != b->agg.n) return 0;
        if (!t->len && (t->t0->k == TK_U8 || t->t0->k == TK_S8))
            return !a->agg.n || !memcmp(a->agg.bytes, b->agg.bytes, a->agg.n);
        for (uint32_t i = 0; i < a->agg.n; i++)
            if (!bxcm_wave_equal(t->t0, &a->agg.v[i], &b->agg.v[i])) return 0;
        return 1;
    }
    case TK_TUPLE: case TK_RECORD:
        for (uint32_t i = 0; i < t->n; i++)
            if (!bxcm_wave_equal(t->ts[i], &a->agg.v[i], &b->agg.v[i])) return 0;
        return 1;
    case TK_ENUM: return a->var.tag == b->var.tag;
    case TK_VARIANT: case TK_OPTION: case TK_RESULT: {
        if (a->var.tag != b->var.tag) return 0;
        const bxcm_type *pt = t->k == TK_VARIANT ? t->ts[a->var.tag] : t->k == TK_OPTION ? (a->var.tag ? t->t0 : NULL)
                                                                                            : (a->var.tag ? t->t1 : t->t0);
        return !pt || bxcm_wave_equal(pt, a->var.v, b->var.v);
    }
    case TK_FLAGS: return a->flags == b->flags;
    default: return a->u == b->u;
    }
}

/* ---- --invoke ------------------------------------------------------------ */
static int has_handle(const bxcm_type *t)
{
    if (!t) return 0;
    switch (t->k) {
    case TK_OWN: case TK_BORROW: return 1;
    case TK_LIST: case TK_OPTION: return has_handle(t->t0);
    case TK_RESULT: return has_handle(t->t0) || has_handle(t->t1);
    case TK_RECORD: case TK_TUPLE: case TK_VARIANT:
        for (uint32_t i = 0; i < t->n; i++) if (has_handle(t->ts[i])) return 1;
        return 0;
    default: return 0;
    }
}

static bx_status arg_err(bx_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    memset(err, 0, sizeof *err);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->status = BX_ERR_ARG;
    return BX_ERR_ARG;
}

/* The exported function `name`: "iface#f", or "f" at the root or inside
 * exactly one exported instance.  NULL with err set. */
static bxcm_func *find_func(bxcm_ctx *cx, const char *name, char *qual, size_t qcap, bx_error *err)
{
    snprintf(qual, qcap, "%s", name);
    const char *hash = strchr(name, '#');
    if (hash) {
        /* the instance named exactly (any version), else a 0.2.x-compatible one */
        size_t il = (size_t)(hash - name);
        for (uint32_t i = 0; cx->root && i < cx->root->nex; i++) {
            const bxcm_rexp *e = &cx->root->ex[i];
            if (e->sort != S_INSTANCE || !e->p || strlen(e->name) != il || strncmp(e->name, name, il)) continue;
            const bxcm_rinst *in = e->p;
            for (uint32_t j = 0; j < in->nex; j++)
                if (in->ex[j].sort == S_FUNC && !strcmp(in->ex[j].name, hash + 1)) return in->ex[j].p;
        }
        bxcm_func *f = bxcm_export_func(cx, name);
        if (!f) arg_err(err, "the component exports no function `%s`", name);
        return f;
    }
    bxcm_func *hit = NULL;
    char also[200] = "";
    int nhit = 0;
    const bxcm_rinst *root = cx->root;
    char avail[400] = "";
    size_t al = 0;
    for (uint32_t i = 0; root && i < root->nex; i++) {
        const bxcm_rexp *e = &root->ex[i];
        if (e->sort == S_FUNC) {
            if (al + 4 < sizeof avail) al += (size_t)snprintf(avail + al, sizeof avail - al, "%s%s", al ? ", " : "", e->name);
            if (!strcmp(e->name, name)) { if (!nhit++) hit = e->p; else snprintf(also, sizeof also, "%s", e->name); }
        } else if (e->sort == S_INSTANCE && e->p) {
            const bxcm_rinst *in = e->p;
            for (uint32_t j = 0; j < in->nex; j++) {
                if (in->ex[j].sort != S_FUNC) continue;
                if (al + 4 < sizeof avail) al += (size_t)snprintf(avail + al, sizeof avail - al, "%s%s#%s", al ? ", " : "", e->name, in->ex[j].name);
                if (strcmp(in->ex[j].name, name)) continue;
                if (!nhit++) { hit = in->ex[j].p; snprintf(qual, qcap, "%s#%s", e->name, name); }
                else snprintf(also, sizeof also, "%s#%s", e->name, name);
            }
        }
    }
    if (al >= sizeof avail - 4) snprintf(avail + sizeof avail - 5, 5, "...");
    if (nhit == 1) return hit;
    if (nhit > 1) arg_err(err, "`%s` is ambiguous: %s and %s (and maybe more) are exported; write INTERFACE#NAME", name, qual, also);
    else arg_err(err, "the component exports no function `%s` (its functions: %s)", name, al ? avail : "none");
    return NULL;
}

bx_status bxcm_invoke(bxcm_ctx *cx, const char *call, const char *const *args, uint32_t nargs,
                      size_t max_text, char **text, size_t *len, int *cut, bx_error *err)
{
    *text = NULL;
    *len = 0;
    *cut = 0;
    const char *lp = strchr(call, '(');
    if (lp && nargs) return arg_err(err, "give the arguments either in --invoke 'NAME(ARGS)' or after the file, not both");
    size_t nl = lp ? (size_t)(lp - call) : strlen(call);
    while (nl && isspace((unsigned char)call[nl - 1])) nl--;
    size_t ns = 0;
    while (ns < nl && isspace((unsigned char)call[ns])) ns++;
    if (ns == nl) return arg_err(err, "--invoke: no function name in `%.100s`", call);
    char *name = strndup(call + ns, nl - ns);
    if (!name) return arg_err(err, "out of host memory");
    char qual[300];
    bxcm_func *f = find_func(cx, name, qual, sizeof qual, err);
    if (!f) { free(name); return err->status; }
    const bxcm_type *ft = bxcm_func_type(f);
    for (uint32_t i = 0; i < ft->n; i++)
        if (has_handle(ft->ts[i])) {
            free(name);
            return arg_err(err, "`%s`: parameter `%s` holds a resource handle (own/borrow), which WAVE cannot write; "
                                "--invoke calls functions whose parameters and result hold no handles", qual, ft->names[i]);
        }
    if (has_handle(ft->t0)) {
        free(name);
        return arg_err(err, "`%s` returns a resource handle (own/borrow), which WAVE cannot write; "
                            "--invoke calls functions whose parameters and result hold no handles", qual);
    }
    bxcm_val *av = ft->n ? bxcm_alloc(cx, ft->n * sizeof *av) : NULL;
    if (ft->n && !av) { free(name); return arg_err(err, "out of host memory"); }
    char why[300];
    uint32_t given = 0;
    if (lp) {
        /* NAME(v, v, ...): columns are the --invoke text's */
        P p = { call, strlen(call), (size_t)(lp - call) + 1, &cx->callarena, why, sizeof why, 0 };
        ws(&p);
        if (peek(&p) == ')') p.i++;
        else
            for (;;) {
                if (given >= ft->n) { free(name); return arg_err(err, "`%s` takes %u argument(s); more given at column %zu", qual, ft->n, column(&p, p.i)); }
                memset(&av[given], 0, sizeof av[given]);
                if (parse_value(&p, ft->ts[given], &av[given])) {
                    free(name);
                    return arg_err(err, "argument %u (%s): %s", given + 1, ft->names[given], why);
                }
                given++;
                ws(&p);
                int c = peek(&p);
                if (c == ',') { p.i++; ws(&p); if (peek(&p) == ')') { p.i++; break; } continue; }
                if (c == ')') { p.i++; break; }
                char got[100];
                found(&p, got, sizeof got);
                free(name);
                return arg_err(err, "after argument %u: expected , or ); found %s at column %zu", given, got, column(&p, p.i));
            }
        ws(&p);
        if (p.i < p.n) { free(name); return arg_err(err, "unexpected text after the call's closing ) at column %zu", column(&p, p.i)); }
    } else {
        if (nargs > ft->n) { free(name); return arg_err(err, "`%s` takes %u argument(s); %u given", qual, ft->n, nargs); }
        for (; given < nargs; given++) {
            size_t pos = 0;
            const char *s = args[given];
            if (bxcm_wave_parse(&cx->callarena, ft->ts[given], s, strlen(s), &pos, &av[given], why, sizeof why)) {
                free(name);
                return arg_err(err, "argument %u (%s): %s", given + 1, ft->names[given], why);
            }
            if (pos < strlen(s)) {
                free(name);
                return arg_err(err, "argument %u (%s): unexpected text after the value at column %zu", given + 1, ft->names[given], pos + 1);
            }
        }
    }
    /* trailing option parameters may be left out (WAVE's call syntax) */
    for (uint32_t i = given; i < ft->n; i++) {
        if (ft->ts[i]->k == TK_OPTION) { memset(&av[i], 0, sizeof av[i]); continue; }
        char want[200];
        bxcm_wave_describe(ft->ts[i], want, sizeof want);
        free(name);
        return arg_err(err, "`%s` takes %u argument(s); %u given (argument %u, %s, expects %s)", qual, ft->n, given, i + 1, ft->names[i], want);
    }
    free(name);
    bxcm_val res;
    memset(&res, 0, sizeof res);
    bx_status st = bxcm_call(cx, f, av, &res, err);
    if (st != BX_OK) return st;
    bxcm_wbuf b = { .max = max_text };
    if (ft->t0) bxcm_wave_print(&b, ft->t0, &res);
    else puts_(&b, "()");
    if (b.oom) { bxcm_wbuf_free(&b); return arg_err(err, "out of host memory for the result's text"); }
    b.max = 0;
    if (b.over) { *cut = 1; b.over = 0; }
    put(&b, "\n", 1);
    if (b.oom) { bxcm_wbuf_free(&b); return arg_err(err, "out of host memory for the result's text"); }
    *text = b.p;
    *len = b.len;
    return BX_OK;
}
