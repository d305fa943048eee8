/*
 * html.c — HTML to readable markdown or plain text, in one forgiving pass.
 *
 * Not a spec HTML parser: a tokenizer (tags, attributes, comments, raw-text
 * elements) driving a small writer that knows block elements, headings,
 * lists, links, images, tables and pre/code, collapses whitespace, decodes
 * entities and drops what is not content (script, style, svg, head, ...).
 * Real-world pages are tag soup; unclosed and stray tags are tolerated.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"

typedef struct writer {
    tbuf *out;
    int md;
    int brk;            /* pending break: 0 none, 1 newline, 2 blank line */
    int space;          /* pending space */
    int pre;            /* inside <pre> */
    int code;           /* inside inline <code> (markdown backticks) */
    int skip;           /* inside dropped elements */
    int list_depth;
    int list_ol[16], list_n[16];
    int cell;           /* cells so far in this table row */
    size_t link_start;  /* offset of the link text, or SIZE_MAX */
    char *link_href;
    const char *base;
} writer;

/* ---- entities ------------------------------------------------------------ */

static const struct { const char *name; uint32_t cp; } entities[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", ' '},
    {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122}, {"hellip", 0x2026}, {"mdash", 0x2014},
    {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"laquo", 0xAB}, {"raquo", 0xBB}, {"bull", 0x2022}, {"middot", 0xB7}, {"deg", 0xB0},
    {"euro", 0x20AC}, {"pound", 0xA3}, {"yen", 0xA5}, {"cent", 0xA2}, {"times", 0xD7},
    {"divide", 0xF7}, {"para", 0xB6}, {"sect", 0xA7}, {"shy", 0}, {"zwj", 0}, {"zwnj", 0},
    {"larr", 0x2190}, {"rarr", 0x2192}, {"uarr", 0x2191}, {"darr", 0x2193}, {"harr", 0x2194},
    {"eacute", 0xE9}, {"egrave", 0xE8}, {"ecirc", 0xEA}, {"aacute", 0xE1}, {"agrave", 0xE0},
    {"auml", 0xE4}, {"ouml", 0xF6}, {"uuml", 0xFC}, {"Auml", 0xC4}, {"Ouml", 0xD6},
    {"Uuml", 0xDC}, {"szlig", 0xDF}, {"ccedil", 0xE7}, {"ntilde", 0xF1}, {"iexcl", 0xA1},
    {"iquest", 0xBF}, {"plusmn", 0xB1}, {"micro", 0xB5}, {"frac12", 0xBD}, {"le", 0x2264},
    {"ge", 0x2265}, {"ne", 0x2260}, {"infin", 0x221E}, {"alpha", 0x3B1}, {"beta", 0x3B2},
    {"pi", 0x3C0}, {"lambda", 0x3BB}, {"check", 0x2713}, {"star", 0x2606}, {"dagger", 0x2020},
    {"iuml", 0xEF}, {"euml", 0xEB}, {"iacute", 0xED}, {"oacute", 0xF3}, {"uacute", 0xFA},
    {"ocirc", 0xF4}, {"acirc", 0xE2}, {"icirc", 0xEE}, {"ucirc", 0xFB}, {"atilde", 0xE3},
    {"otilde", 0xF5}, {"aring", 0xE5}, {"oslash", 0xF8}, {"aelig", 0xE6}, {"Eacute", 0xC9},
    {"Aacute", 0xC1}, {"Ccedil", 0xC7}, {"Ntilde", 0xD1}, {"Oslash", 0xD8}, {"Aring", 0xC5},
    {"thinsp", 0x2009}, {"ensp", 0x2002}, {"emsp", 0x2003}, {"prime", 0x2032}, {"minus", 0x2212},
};

static void put_cp(tbuf *b, uint32_t c)
{
    char u[4];
    if (c == 0) return;
    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
    if (c > 0x10FFFF) c = 0xFFFD;
    if (c < 0x80) { u[0] = (char)c; tbuf_put(b, u, 1); }
    else if (c < 0x800) { u[0] = (char)(0xC0 | c >> 6); u[1] = (char)(0x80 | (c & 63)); tbuf_put(b, u, 2); }
    else if (c < 0x10000) {
        u[0] = (char)(0xE0 | c >> 12); u[1] = (char)(0x80 | ((c >> 6) & 63)); u[2] = (char)(0x80 | (c & 63));
        tbuf_put(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | c >> 18); u[1] = (char)(0x80 | ((c >> 12) & 63));
        u[2] = (char)(0x80 | ((c >> 6) & 63)); u[3] = (char)(0x80 | (c & 63));
        tbuf_put(b, u, 4);
    }
}

/* Decode the entity at s[0] == '&' into b; returns the bytes consumed
 * (1 when it is a plain '&'). */
static size_t entity(const char *s, size_t n, tbuf *b)
{
    if (n >= 3 && s[1] == '#') {
        size_t i = 2;
        uint32_t v = 0;
        int hex = i < n && (s[i] == 'x' || s[i] == 'X'), digits = 0;
        if (hex) i++;
        for (; i < n && digits < 8; i++, digits++) {
            int d;
            if (isdigit((unsigned char)s[i])) d = s[i] - '0';
            else if (hex && isxdigit((unsigned char)s[i])) d = tolower((unsigned char)s[i]) - 'a' + 10;
            else break;
            v = v * (hex ? 16 : 10) + (uint32_t)d;
        }
        if (!digits) { tbuf_put(b, "&", 1); return 1; }
        if (i < n && s[i] == ';') i++;
        if (v == 0) v = 0xFFFD;
        put_cp(b, v == 0xA0 ? ' ' : v);
        return i;
    }
    size_t i = 1;
    while (i < n && i < 12 && isalnum((unsigned char)s[i])) i++;
    for (size_t k = 0; k < sizeof entities / sizeof *entities; k++) {
        size_t l = strlen(entities[k].name);
        if (l == i - 1 && !strncmp(s + 1, entities[k].name, l)) {
            int semi = i < n && s[i] == ';';
            if (!semi && entities[k].cp > 0x7f) break;   /* legacy no-';' forms: ASCII ones only */
            put_cp(b, entities[k].cp);
            return i + (size_t)semi;
        }
    }
    tbuf_put(b, "&", 1);
    return 1;
}

void html_decode(const char *s, size_t n, tbuf *out)
{
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') i += entity(s + i, n - i, out);
        else tbuf_put(out, s + i++, 1);
    }
}

/* ---- the writer ---------------------------------------------------------- */

static int at_line_start(const writer *w)
{
    return w->out->len == 0 || w->out->p[w->out->len - 1] == '\n';
}

static void flush_breaks(writer *w)
{
    if (w->out->len == 0) { w->brk = 0; w->space = 0; return; }
    if (w->brk) {
        int have = 0;
        for (size_t i = w->out->len; i > 0 && w->out->p[i - 1] == '\n' && have < 2; i--) have++;
        /* trailing spaces before a newline are noise */
        while (w->out->len && w->out->p[w->out->len - 1] == ' ') w->out->p[--w->out->len] = 0;
        for (; have < w->brk; have++) tbuf_put(w->out, "\n", 1);
        w->brk = 0;
        w->space = 0;
        if (w->md) {   /* keep list items and quotes indented */
            for (int d = 1; d < w->list_depth && d < 16; d++) tbuf_puts(w->out, "  ");
        }
    } else if (w->space && !at_line_start(w)) {
        tbuf_put(w->out, " ", 1);
    }
    w->space = 0;
}

static void block(writer *w, int level)
{
    if (w->brk < level) w->brk = level;
}

static void emit(writer *w, const char *s)
{
    flush_breaks(w);
    tbuf_puts(w->out, s);
}

static void text(writer *w, const char *s, size_t n)
{
    if (w->skip) return;
    tbuf dec = {0};
    html_decode(s, n, &dec);
    for (size_t i = 0; i < dec.len; i++) {
        char c = dec.p[i];
        if (w->pre) {
            if (c == '\r') continue;
            if (w->brk || w->space) flush_breaks(w);
            tbuf_put(w->out, &c, 1);
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            w->space = 1;
            continue;
        }
        /* No markdown escaping: the reader is a model, and escaped
         * underscores and brackets read worse than a rare false emphasis. */
        flush_breaks(w);
        tbuf_put(w->out, &c, 1);
    }
    tbuf_free(&dec);
}

/* ---- links ----------------------------------------------------------------- */

/* Remove "." and ".." segments from the path of an absolute URL. */
static char *clean_dots(char *url)
{
    char *se = url ? strstr(url, "://") : NULL;
    if (!se) return url;
    char *p = se + 3 + strcspn(se + 3, "/?#");
    if (*p != '/') return url;
    size_t pl = strcspn(p, "?#");
    char *out = p, *in = p, *end = p + pl;
    while (in < end) {
        char *s = in + 1, *e = s;
        while (e < end && *e != '/') e++;
        size_t n = (size_t)(e - s);
        if (n == 1 && s[0] == '.') {
            if (e == end) *out++ = '/';
        } else if (n == 2 && s[0] == '.' && s[1] == '.') {
            while (out > p && *--out != '/') {}
            if (e == end) *out++ = '/';
        } else {
            memmove(out, in, (size_t)(e - in));
            out += e - in;
        }
        in = e;
    }
    if (out == p) *out++ = '/';
    memmove(out, end, strlen(end) + 1);
    return url;
}

/* href relative to base (the final URL): enough for the usual forms. */
static char *resolve_raw(const char *base, const char *href);
static char *resolve(const char *base, const char *href)
{
    return clean_dots(resolve_raw(base, href));
}
static char *resolve_raw(const char *base, const char *href)
{
    tbuf r = {0};
    const char *p = href;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.') p++;
    if (p != href && *p == ':') { tbuf_puts(&r, href); return r.p; }
    const char *se = base ? strstr(base, "://") : NULL;
    if (!se) { tbuf_puts(&r, href); return r.p; }
    if (href[0] == '/' && href[1] == '/') {
        tbuf_put(&r, base, (size_t)(se - base) + 1);
        tbuf_puts(&r, href);
        return r.p;
    }
    const char *hs = se + 3, *pe = hs + strcspn(hs, "/?#");
    if (href[0] == '/') {
        tbuf_put(&r, base, (size_t)(pe - base));
        tbuf_puts(&r, href);
    } else if (href[0] == '#' || href[0] == '?') {
        size_t l = strcspn(pe, href[0] == '#' ? "#" : "?#");
        tbuf_put(&r, base, (size_t)(pe - base) + l);
        tbuf_puts(&r, href);
    } else {
        size_t l = strcspn(pe, "?#");
        const char *slash = NULL;
        for (const char *q = pe; q < pe + l; q++)
            if (*q == '/') slash = q;
        tbuf_put(&r, base, (size_t)((slash ? slash + 1 : pe) - base));
        if (!slash) tbuf_puts(&r, "/");
        tbuf_puts(&r, href);
    }
    return r.p;
}

/* ---- tags ------------------------------------------------------------------ */

typedef struct attr { const char *name; size_t nl; const char *val; size_t vl; } attr;

static char *attr_get(const attr *a, int na, const char *name)
{
    for (int i = 0; i < na; i++) {
        if (a[i].nl == strlen(name) && !strncasecmp(a[i].name, name, a[i].nl)) {
            tbuf t = {0};
            html_decode(a[i].val, a[i].vl, &t);
            if (!t.p) tbuf_puts(&t, "");
            return t.p;
        }
    }
    return NULL;
}

static int is(const char *tag, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(tag, list[i])) return 1;
    return 0;
}

static const char *const blocks[] = {
    "p", "div", "section", "article", "header", "footer", "nav", "main", "aside", "form",
    "table", "blockquote", "dl", "dt", "dd", "figure", "figcaption", "address", "details",
    "summary", "fieldset", "center", "caption", NULL};
static const char *const dropped[] = {
    "script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object",
    "canvas", "select", "button", NULL};

static void open_tag(writer *w, const char *t, const attr *a, int na, int self_closing)
{
    if (is(t, dropped)) {
        if (!self_closing) w->skip++;
        return;
    }
    if (w->skip) return;
    if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2]) {
        block(w, 2);
        if (w->md) {
            char hs[8];
            int k = t[1] - '0';
            memset(hs, '#', (size_t)k);
            hs[k] = ' ';
            hs[k + 1] = 0;
            emit(w, hs);
        }
    } else if (is(t, blocks)) {
        block(w, 2);
        if (!strcmp(t, "blockquote") && w->md) emit(w, "> ");
    } else if (!strcmp(t, "br")) {
        flush_breaks(w);
        tbuf_puts(w->out, "\n");
        w->space = 0;
    } else if (!strcmp(t, "hr")) {
        block(w, 2);
        emit(w, w->md ? "---" : "----");
        block(w, 2);
    } else if (!strcmp(t, "ul") || !strcmp(t, "ol")) {
        block(w, w->list_depth ? 1 : 2);
        if (w->list_depth < 16) {
            w->list_ol[w->list_depth] = t[0] == 'o';
            w->list_n[w->list_depth] = 0;
        }
        w->list_depth++;
    } else if (!strcmp(t, "li")) {
        block(w, 1);
        int d = w->list_depth ? w->list_depth - 1 : 0;
        if (d > 15) d = 15;
        flush_breaks(w);
        if (!w->md) for (int i = 0; i < d; i++) tbuf_puts(w->out, "  ");
        if (w->list_depth && w->list_ol[d]) tbuf_printf(w->out, "%d. ", ++w->list_n[d]);
        else tbuf_puts(w->out, w->md ? "- " : "* ");
    } else if (!strcmp(t, "pre")) {
        block(w, 2);
        if (w->md) { emit(w, "```"); tbuf_puts(w->out, "\n"); }
        w->pre++;
    } else if (!strcmp(t, "code") && !w->pre) {
        if (w->md) { emit(w, "`"); w->space = 0; }
        w->code++;
    } else if (!strcmp(t, "tr")) {
        block(w, 1);
        w->cell = 0;
    } else if (!strcmp(t, "td") || !strcmp(t, "th")) {
        if (w->cell++) { w->space = 0; emit(w, " | "); }
    } else if (!strcmp(t, "a")) {
        char *href = attr_get(a, na, "href");
        free(w->link_href);
        w->link_href = NULL;
        w->link_start = (size_t)-1;
        if (href && w->md && *href && href[0] != '#' && strncasecmp(href, "javascript:", 11)) {
            w->link_href = resolve(w->base, href);
            flush_breaks(w);
            w->link_start = w->out->len;
        }
        free(href);
    } else if (!strcmp(t, "img")) {
        char *alt = attr_get(a, na, "alt"), *src = attr_get(a, na, "src");
        if (alt && *alt) {
            tbuf t2 = {0};
            flush_breaks(w);
            if (w->md && src && *src && w->link_start == (size_t)-1) {
                char *r = resolve(w->base, src);
                tbuf_printf(&t2, "![%s](%s)", alt, r);
                free(r);
            } else {
                tbuf_puts(&t2, alt);
            }
            tbuf_put(w->out, t2.p, t2.len);
            tbuf_free(&t2);
        }
        free(alt);
        free(src);
    }
}

static void close_tag(writer *w, const char *t)
{
    if (is(t, dropped)) {
        if (w->skip) w->skip--;
        return;
    }
    if (w->skip) return;
    if ((t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2]) || is(t, blocks)) {
        block(w, 2);
    } else if (!strcmp(t, "ul") || !strcmp(t, "ol")) {
        if (w->list_depth) w->list_depth--;
        block(w, w->list_depth ? 1 : 2);
    } else if (!strcmp(t, "li") || !strcmp(t, "tr")) {
        block(w, 1);
    } else if (!strcmp(t, "pre")) {
        if (w->pre) w->pre--;
        if (w->md) {
            if (!at_line_start(w)) tbuf_puts(w->out, "\n");
            tbuf_puts(w->out, "```");
        }
        block(w, 2);
    } else if (!strcmp(t, "code") && !w->pre) {
        if (w->code) w->code--;
        if (w->md) { w->space = 0; tbuf_puts(w->out, "`"); }
    } else if (!strcmp(t, "a")) {
        if (w->link_href && w->link_start != (size_t)-1 && w->link_start <= w->out->len) {
            size_t tl = w->out->len - w->link_start;
            if (tl) {
                /* wrap the link text already written: [text](href) */
                tbuf_put(w->out, " ", 1);
                memmove(w->out->p + w->link_start + 1, w->out->p + w->link_start, tl);
                w->out->p[w->link_start] = '[';
                tbuf_printf(w->out, "](%s)", w->link_href);
            }
        }
        free(w->link_href);
        w->link_href = NULL;
        w->link_start = (size_t)-1;
    }
}

/* Length of the raw-text element's content up to its end tag. */
static size_t raw_end(const char *s, size_t n, size_t i, const char *tag, size_t *after)
{
    size_t tl = strlen(tag);
    for (size_t j = i; j + 2 + tl <= n; j++) {
        if (s[j] == '<' && s[j + 1] == '/' && !strncasecmp(s + j + 2, tag, tl)) {
            const char *gt = memchr(s + j, '>', n - j);
            *after = gt ? (size_t)(gt - s) + 1 : n;
            return j;
        }
    }
    *after = n;
    return n;
}

void html_convert(const char *s, size_t n, int markdown, const char *base, tbuf *out, tbuf *title)
{
    writer w;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.md = markdown;
    w.link_start = (size_t)-1;
    w.base = base;
    size_t i = 0;
    while (i < n) {
        if (s[i] != '<') {
            size_t j = i;
            while (j < n && s[j] != '<') j++;
            text(&w, s + i, j - i);
            i = j;
            continue;
        }
        if (i + 4 <= n && !strncmp(s + i, "<!--", 4)) {
            const char *e = NULL;
            for (size_t j = i + 4; j + 3 <= n; j++)
                if (!strncmp(s + j, "-->", 3)) { e = s + j + 3; break; }
            i = e ? (size_t)(e - s) : n;
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
            const char *gt = memchr(s + i, '>', n - i);
            i = gt ? (size_t)(gt - s) + 1 : n;
            continue;
        }
        int closing = i + 1 < n && s[i + 1] == '/';
        size_t j = i + 1 + (size_t)closing;
        if (j >= n || !isalpha((unsigned char)s[j])) {
            text(&w, "<", 1);
            i++;
            continue;
        }
        char tag[16];
        size_t tl = 0;
        while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == ':')) {
            if (tl < sizeof tag - 1) tag[tl++] = (char)tolower((unsigned char)s[j]);
            j++;
        }
        tag[tl] = 0;
        attr a[32];
        int na = 0, self = 0;
        while (j < n && s[j] != '>') {
            if (isspace((unsigned char)s[j])) { j++; continue; }
            if (s[j] == '/') { self = 1; j++; continue; }
            size_t ns = j;
            while (j < n && !isspace((unsigned char)s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/') j++;
            size_t nl = j - ns;
            const char *val = "";
            size_t vl = 0;
            while (j < n && isspace((unsigned char)s[j])) j++;
            if (j < n && s[j] == '=') {
                j++;
                while (j < n && isspace((unsigned char)s[j])) j++;
                if (j < n && (s[j] == '"' || s[j] == '\'')) {
                    char q = s[j++];
                    val = s + j;
                    while (j < n && s[j] != q) j++;
                    vl = (size_t)(s + j - val);
                    if (j < n) j++;
                } else {
                    val = s + j;
                    while (j < n && !isspace((unsigned char)s[j]) && s[j] != '>') j++;
                    vl = (size_t)(s + j - val);
                }
            }
            if (nl == 0) { j++; continue; }
            if (na < 32) a[na++] = (attr){s + ns, nl, val, vl};
            self = 0;
        }
        i = j < n ? j + 1 : n;
        if (closing) {
            close_tag(&w, tag);
            continue;
        }
        if (!strcmp(tag, "title") || !strcmp(tag, "script") || !strcmp(tag, "style") ||
            !strcmp(tag, "textarea")) {
            size_t after, e = raw_end(s, n, i, tag, &after);
            if (!strcmp(tag, "title") && title && !title->len) {
                tbuf raw = {0};
                html_decode(s + i, e - i, &raw);
                /* collapse whitespace */
                int sp = 0;
                for (size_t k = 0; k < raw.len; k++) {
                    char c = raw.p[k];
                    if (isspace((unsigned char)c)) { sp = title->len > 0; continue; }
                    if (sp) tbuf_put(title, " ", 1);
                    sp = 0;
                    tbuf_put(title, &c, 1);
                }
                tbuf_free(&raw);
            } else if (!strcmp(tag, "textarea")) {
                text(&w, s + i, e - i);
            }
            i = after;
            continue;
        }
        if (!strcmp(tag, "body")) w.skip = 0;   /* an unclosed <head> ends here */
        open_tag(&w, tag, a, na, self);
    }
    free(w.link_href);
    while (out->len && (out->p[out->len - 1] == '\n' || out->p[out->len - 1] == ' '))
        out->p[--out->len] = 0;
}
