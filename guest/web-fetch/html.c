/*
 * html.c — HTML to readable markdown or plain text.
 *
 * Two passes.  A forgiving tokenizer (tags, attributes, comments, raw-text
 * elements) builds a small tree with HTML's implied end tags (an open <p>
 * closed by a block, <li> by the next <li>, cells and rows by the next
 * ones, <head> by the first body content), ignoring tags that change
 * nothing in the text (span, font, custom elements).  The renderer walks
 * that tree: headings, paragraphs, emphasis, inline code, links, images,
 * nested lists indented under their item, blockquotes, fenced pre blocks
 * and markdown tables with a header separator (tables used for layout,
 * holding other tables or one column, are read as blocks).  Scripts,
 * styles, navigation and hidden elements are dropped.
 *
 * Everything is bounded for hostile pages: at most MAX_NODES elements and
 * text runs, MAX_DEPTH levels of nesting (deeper elements join the deepest
 * open one), and the output stops at the caller's byte cap.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "html.h"

#define MAX_NODES (1u << 21)
#define MAX_DEPTH 200
#define MAX_MARKS 32
#define MAX_COLS 64
#define MAX_PREFIX 160

/* ---- entities ------------------------------------------------------------ */

/* HTML 4's 252 named references (Python's html.entities.name2codepoint) and
 * a few of HTML5's; nbsp reads as a space, shy/zwj/zwnj as nothing. */
static const struct { const char *name; uint32_t cp; } entities[] = {
    {"AElig", 0xC6}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Agrave", 0xC0}, {"Alpha", 0x391}, {"Aring", 0xC5},
    {"Atilde", 0xC3}, {"Auml", 0xC4}, {"Beta", 0x392}, {"Ccedil", 0xC7}, {"Chi", 0x3A7}, {"Dagger", 0x2021},
    {"Delta", 0x394}, {"ETH", 0xD0}, {"Eacute", 0xC9}, {"Ecirc", 0xCA}, {"Egrave", 0xC8}, {"Epsilon", 0x395},
    {"Eta", 0x397}, {"Euml", 0xCB}, {"Gamma", 0x393}, {"Iacute", 0xCD}, {"Icirc", 0xCE}, {"Igrave", 0xCC},
    {"Iota", 0x399}, {"Iuml", 0xCF}, {"Kappa", 0x39A}, {"Lambda", 0x39B}, {"Mu", 0x39C}, {"Ntilde", 0xD1},
    {"Nu", 0x39D}, {"OElig", 0x152}, {"Oacute", 0xD3}, {"Ocirc", 0xD4}, {"Ograve", 0xD2}, {"Omega", 0x3A9},
    {"Omicron", 0x39F}, {"Oslash", 0xD8}, {"Otilde", 0xD5}, {"Ouml", 0xD6}, {"Phi", 0x3A6}, {"Pi", 0x3A0},
    {"Prime", 0x2033}, {"Psi", 0x3A8}, {"Rho", 0x3A1}, {"Scaron", 0x160}, {"Sigma", 0x3A3}, {"THORN", 0xDE},
    {"Tau", 0x3A4}, {"Theta", 0x398}, {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Ugrave", 0xD9}, {"Upsilon", 0x3A5},
    {"Uuml", 0xDC}, {"Xi", 0x39E}, {"Yacute", 0xDD}, {"Yuml", 0x178}, {"Zeta", 0x396}, {"aacute", 0xE1},
    {"acirc", 0xE2}, {"acute", 0xB4}, {"aelig", 0xE6}, {"agrave", 0xE0}, {"alefsym", 0x2135},
    {"alpha", 0x3B1}, {"amp", 0x26}, {"and", 0x2227}, {"ang", 0x2220}, {"apos", 0x27}, {"aring", 0xE5},
    {"asymp", 0x2248}, {"atilde", 0xE3}, {"auml", 0xE4}, {"bdquo", 0x201E}, {"beta", 0x3B2}, {"brvbar", 0xA6},
    {"bull", 0x2022}, {"cap", 0x2229}, {"ccedil", 0xE7}, {"cedil", 0xB8}, {"cent", 0xA2}, {"check", 0x2713},
    {"chi", 0x3C7}, {"circ", 0x2C6}, {"clubs", 0x2663}, {"cong", 0x2245}, {"copy", 0xA9}, {"crarr", 0x21B5},
    {"cup", 0x222A}, {"curren", 0xA4}, {"dArr", 0x21D3}, {"dagger", 0x2020}, {"darr", 0x2193}, {"deg", 0xB0},
    {"delta", 0x3B4}, {"diams", 0x2666}, {"divide", 0xF7}, {"eacute", 0xE9}, {"ecirc", 0xEA},
    {"egrave", 0xE8}, {"empty", 0x2205}, {"emsp", 0x2003}, {"ensp", 0x2002}, {"epsilon", 0x3B5},
    {"equiv", 0x2261}, {"eta", 0x3B7}, {"eth", 0xF0}, {"euml", 0xEB}, {"euro", 0x20AC}, {"exist", 0x2203},
    {"fnof", 0x192}, {"forall", 0x2200}, {"frac12", 0xBD}, {"frac14", 0xBC}, {"frac34", 0xBE},
    {"frasl", 0x2044}, {"gamma", 0x3B3}, {"ge", 0x2265}, {"gt", 0x3E}, {"hArr", 0x21D4}, {"harr", 0x2194},
    {"hearts", 0x2665}, {"hellip", 0x2026}, {"iacute", 0xED}, {"icirc", 0xEE}, {"iexcl", 0xA1},
    {"igrave", 0xEC}, {"image", 0x2111}, {"infin", 0x221E}, {"int", 0x222B}, {"iota", 0x3B9},
    {"iquest", 0xBF}, {"isin", 0x2208}, {"iuml", 0xEF}, {"kappa", 0x3BA}, {"lArr", 0x21D0}, {"lambda", 0x3BB},
    {"lang", 0x2329}, {"laquo", 0xAB}, {"larr", 0x2190}, {"lceil", 0x2308}, {"ldquo", 0x201C}, {"le", 0x2264},
    {"lfloor", 0x230A}, {"lowast", 0x2217}, {"loz", 0x25CA}, {"lrm", 0x200E}, {"lsaquo", 0x2039},
    {"lsquo", 0x2018}, {"lt", 0x3C}, {"macr", 0xAF}, {"mdash", 0x2014}, {"micro", 0xB5}, {"middot", 0xB7},
    {"minus", 0x2212}, {"mu", 0x3BC}, {"nabla", 0x2207}, {"nbsp", 0x20}, {"ndash", 0x2013}, {"ne", 0x2260},
    {"ni", 0x220B}, {"not", 0xAC}, {"notin", 0x2209}, {"nsub", 0x2284}, {"ntilde", 0xF1}, {"nu", 0x3BD},
    {"oacute", 0xF3}, {"ocirc", 0xF4}, {"oelig", 0x153}, {"ograve", 0xF2}, {"oline", 0x203E},
    {"omega", 0x3C9}, {"omicron", 0x3BF}, {"oplus", 0x2295}, {"or", 0x2228}, {"ordf", 0xAA}, {"ordm", 0xBA},
    {"oslash", 0xF8}, {"otilde", 0xF5}, {"otimes", 0x2297}, {"ouml", 0xF6}, {"para", 0xB6}, {"part", 0x2202},
    {"permil", 0x2030}, {"perp", 0x22A5}, {"phi", 0x3C6}, {"pi", 0x3C0}, {"piv", 0x3D6}, {"plusmn", 0xB1},
    {"pound", 0xA3}, {"prime", 0x2032}, {"prod", 0x220F}, {"prop", 0x221D}, {"psi", 0x3C8}, {"quot", 0x22},
    {"rArr", 0x21D2}, {"radic", 0x221A}, {"rang", 0x232A}, {"raquo", 0xBB}, {"rarr", 0x2192},
    {"rceil", 0x2309}, {"rdquo", 0x201D}, {"real", 0x211C}, {"reg", 0xAE}, {"rfloor", 0x230B}, {"rho", 0x3C1},
    {"rlm", 0x200F}, {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"scaron", 0x161},
    {"sdot", 0x22C5}, {"sect", 0xA7}, {"shy", 0x0}, {"sigma", 0x3C3}, {"sigmaf", 0x3C2}, {"sim", 0x223C},
    {"spades", 0x2660}, {"star", 0x2606}, {"sub", 0x2282}, {"sube", 0x2286}, {"sum", 0x2211}, {"sup", 0x2283},
    {"sup1", 0xB9}, {"sup2", 0xB2}, {"sup3", 0xB3}, {"supe", 0x2287}, {"szlig", 0xDF}, {"tau", 0x3C4},
    {"there4", 0x2234}, {"theta", 0x3B8}, {"thetasym", 0x3D1}, {"thinsp", 0x2009}, {"thorn", 0xFE},
    {"tilde", 0x2DC}, {"times", 0xD7}, {"trade", 0x2122}, {"uArr", 0x21D1}, {"uacute", 0xFA},
    {"uarr", 0x2191}, {"ucirc", 0xFB}, {"ugrave", 0xF9}, {"uml", 0xA8}, {"upsih", 0x3D2}, {"upsilon", 0x3C5},
    {"uuml", 0xFC}, {"weierp", 0x2118}, {"xi", 0x3BE}, {"yacute", 0xFD}, {"yen", 0xA5}, {"yuml", 0xFF},
    {"zeta", 0x3B6}, {"zwj", 0x0}, {"zwnj", 0x0},
};

/* An entity's code point; 0 (zwj, zwnj here) writes nothing. */
static void put_cp(tbuf *b, uint32_t c)
{
    if (c) cs_put_cp(b, c);
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

enum {
    T_NONE, T_ROOT, T_A, T_ADDRESS, T_ARTICLE, T_ASIDE, T_AUDIO, T_B, T_BASE, T_BLOCKQUOTE, T_BODY,
    T_BR, T_BUTTON, T_CANVAS, T_CAPTION, T_CENTER, T_CODE, T_COL, T_DD, T_DEL, T_DETAILS, T_DIALOG,
    T_DIR, T_DIV, T_DL, T_DT, T_EM, T_EMBED, T_FIELDSET, T_FIGCAPTION, T_FIGURE, T_FOOTER, T_FORM,
    T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_HEAD, T_HEADER, T_HGROUP, T_HR, T_HTML, T_I, T_IMG,
    T_INPUT, T_KBD, T_LI, T_LINK, T_MAIN, T_MATH, T_MENU, T_META, T_NAV, T_OBJECT, T_OL, T_OPTION,
    T_P, T_PARAM, T_PICTURE, T_PRE, T_S, T_SAMP, T_SECTION, T_SELECT, T_SOURCE, T_STRIKE, T_STRONG,
    T_SUMMARY, T_SVG, T_TABLE, T_TBODY, T_TD, T_TEMPLATE, T_TFOOT, T_TH, T_THEAD, T_TR, T_TRACK,
    T_TT, T_UL, T_VIDEO, T_WBR, T_N
};

/* Sorted by name, for bsearch. */
static const struct tagname { const char *name; uint8_t tag; } tagnames[] = {
    {"a", T_A}, {"address", T_ADDRESS}, {"area", T_WBR}, {"article", T_ARTICLE}, {"aside", T_ASIDE},
    {"audio", T_AUDIO}, {"b", T_B}, {"base", T_BASE}, {"blockquote", T_BLOCKQUOTE}, {"body", T_BODY},
    {"br", T_BR}, {"button", T_BUTTON}, {"canvas", T_CANVAS}, {"caption", T_CAPTION},
    {"center", T_CENTER}, {"code", T_CODE}, {"col", T_COL}, {"dd", T_DD}, {"del", T_DEL},
    {"details", T_DETAILS}, {"dialog", T_DIALOG}, {"dir", T_DIR}, {"div", T_DIV}, {"dl", T_DL},
    {"dt", T_DT}, {"em", T_EM}, {"embed", T_EMBED}, {"fieldset", T_FIELDSET},
    {"figcaption", T_FIGCAPTION}, {"figure", T_FIGURE}, {"footer", T_FOOTER}, {"form", T_FORM},
    {"h1", T_H1}, {"h2", T_H2}, {"h3", T_H3}, {"h4", T_H4}, {"h5", T_H5}, {"h6", T_H6},
    {"head", T_HEAD}, {"header", T_HEADER}, {"hgroup", T_HGROUP}, {"hr", T_HR}, {"html", T_HTML},
    {"i", T_I}, {"img", T_IMG}, {"input", T_INPUT}, {"kbd", T_KBD}, {"keygen", T_WBR},
    {"li", T_LI}, {"link", T_LINK}, {"listing", T_PRE}, {"main", T_MAIN}, {"math", T_MATH},
    {"menu", T_MENU}, {"meta", T_META}, {"nav", T_NAV}, {"object", T_OBJECT}, {"ol", T_OL},
    {"optgroup", T_OPTION}, {"option", T_OPTION}, {"p", T_P}, {"param", T_PARAM},
    {"picture", T_PICTURE}, {"pre", T_PRE}, {"s", T_S}, {"samp", T_SAMP}, {"section", T_SECTION},
    {"select", T_SELECT}, {"source", T_SOURCE}, {"strike", T_STRIKE}, {"strong", T_STRONG},
    {"summary", T_SUMMARY}, {"svg", T_SVG}, {"table", T_TABLE}, {"tbody", T_TBODY}, {"td", T_TD},
    {"template", T_TEMPLATE}, {"tfoot", T_TFOOT}, {"th", T_TH}, {"thead", T_THEAD}, {"tr", T_TR},
    {"track", T_TRACK}, {"tt", T_TT}, {"ul", T_UL}, {"video", T_VIDEO}, {"wbr", T_WBR},
};

static int tagname_cmp(const void *k, const void *e)
{
    return strcmp((const char *)k, ((const struct tagname *)e)->name);
}

static int tag_id(const char *name)
{
    const struct tagname *t = bsearch(name, tagnames, sizeof tagnames / sizeof *tagnames, sizeof *tagnames, tagname_cmp);
    return t ? t->tag : T_NONE;
}

/* Properties of a tag. */
#define K_VOID 1     /* no content, never on the open stack */
#define K_CLOSEP 2   /* a start tag closes an open <p> */
#define K_DROP 4     /* not content: dropped with everything inside */
#define K_HEAD 8     /* may appear in <head> without ending it */
static uint8_t tag_kind(int t)
{
    switch (t) {
    case T_BR: case T_WBR: case T_IMG: case T_INPUT: case T_COL: case T_EMBED: case T_PARAM:
    case T_SOURCE: case T_TRACK: return K_VOID;
    case T_HR: return K_VOID | K_CLOSEP;
    case T_META: case T_LINK: case T_BASE: return K_VOID | K_HEAD;
    case T_TEMPLATE: return K_DROP | K_HEAD;
    case T_NAV: case T_MENU: case T_DIALOG: return K_DROP | K_CLOSEP;
    case T_AUDIO: case T_VIDEO: case T_BUTTON: case T_CANVAS: case T_MATH: case T_OBJECT:
    case T_OPTION: case T_SELECT: case T_SVG: return K_DROP;
    case T_HEAD: return K_DROP | K_HEAD;
    case T_ADDRESS: case T_ARTICLE: case T_ASIDE: case T_BLOCKQUOTE: case T_CENTER: case T_DD:
    case T_DETAILS: case T_DIR: case T_DIV: case T_DL: case T_DT: case T_FIELDSET: case T_FIGCAPTION:
    case T_FIGURE: case T_FOOTER: case T_FORM: case T_H1: case T_H2: case T_H3: case T_H4: case T_H5:
    case T_H6: case T_HEADER: case T_HGROUP: case T_LI: case T_MAIN: case T_OL: case T_P: case T_PRE:
    case T_SECTION: case T_SUMMARY: case T_TABLE: case T_UL: return K_CLOSEP;
    default: return 0;
    }
}

static int is_heading(int t) { return t >= T_H1 && t <= T_H6; }
static int is_cell(int t) { return t == T_TD || t == T_TH; }

/* ---- the tree ---------------------------------------------------------------- */

enum { N_ELEM, N_TEXT };
#define F_DROP 1       /* hidden or navigation: not rendered */
#define F_HASTABLE 2   /* a <table> somewhere inside */

/* Children are first..last linked by next; index 0 (the root) is "none". */
typedef struct node {
    uint32_t first, last, next, parent;
    uint32_t off, len;    /* text: bytes of the source; element: offset in the attribute pool */
    uint8_t type, tag, flags;
} node;

typedef struct parser {
    const char *s;
    size_t n;
    node *nodes;
    uint32_t nn, cap;
    uint32_t stack[MAX_DEPTH];
    int depth;          /* stack[0] is the root */
    tbuf pool;          /* per element: "name\0value\0"... "\0" */
    int cut;            /* MAX_NODES reached: the rest is not in the tree */
} parser;

static uint32_t new_node(parser *p, int type, int tag)
{
    if (p->nn >= MAX_NODES) { p->cut = 1; return 0; }
    if (p->nn == p->cap) {
        uint32_t cap = p->cap ? p->cap * 2 : 1024;
        node *nn = realloc(p->nodes, (size_t)cap * sizeof *nn);
        if (!nn) { p->cut = 1; return 0; }
        p->nodes = nn;
        p->cap = cap;
    }
    node *d = &p->nodes[p->nn];
    memset(d, 0, sizeof *d);
    d->type = (uint8_t)type;
    d->tag = (uint8_t)tag;
    return p->nn++;
}

static uint32_t cur(const parser *p) { return p->stack[p->depth - 1]; }
static int cur_tag(const parser *p) { return p->nodes[cur(p)].tag; }

static void append(parser *p, uint32_t k)
{
    uint32_t par = cur(p);
    node *pa = &p->nodes[par];
    if (pa->last) p->nodes[pa->last].next = k;
    else pa->first = k;
    pa->last = k;
    p->nodes[k].parent = par;
}

/* Stack position of the nearest open element whose tag matches (want(t)),
 * searching down to a boundary tag (stop(t)); 0 when none. */
typedef int (*tagset)(int t);
static int find_open(const parser *p, tagset want, tagset stop)
{
    for (int i = p->depth - 1; i > 0; i--) {
        int t = p->nodes[p->stack[i]].tag;
        if (want(t)) return i;
        if (stop && stop(t)) return 0;
    }
    return 0;
}
static void close_at(parser *p, int i) { if (i > 0) p->depth = i; }

static int ts_p(int t) { return t == T_P; }
static int ts_li(int t) { return t == T_LI; }
static int ts_dtdd(int t) { return t == T_DT || t == T_DD; }
static int ts_tr(int t) { return t == T_TR; }
static int ts_cell(int t) { return is_cell(t); }
static int ts_section(int t) { return t == T_THEAD || t == T_TBODY || t == T_TFOOT; }
static int ts_a(int t) { return t == T_A; }
static int ts_head(int t) { return t == T_HEAD; }
static int ts_heading(int t) { return is_heading(t); }
static int ts_table(int t) { return t == T_TABLE; }
static int ts_drop_title(int t) { return t == T_SVG || t == T_MATH; }
static int ts_scope(int t) { return t == T_TABLE || is_cell(t) || t == T_CAPTION; }
static int ts_list_scope(int t) { return t == T_UL || t == T_OL || t == T_DIR || ts_scope(t); }
static int ts_dl_scope(int t) { return t == T_DL || ts_scope(t); }
static int ts_row_scope(int t) { return t == T_TR || t == T_TABLE; }

/* find_open for one tag. */
static int find_tag(const parser *p, int tag, tagset stop)
{
    for (int i = p->depth - 1; i > 0; i--) {
        int t = p->nodes[p->stack[i]].tag;
        if (t == tag) return i;
        if (stop && stop(t)) return 0;
    }
    return 0;
}

typedef struct attr { const char *name; size_t nl; const char *val; size_t vl; } attr;

static const attr *attr_find(const attr *a, int na, const char *name)
{
    size_t l = strlen(name);
    for (int i = 0; i < na; i++)
        if (a[i].nl == l && !strncasecmp(a[i].name, name, l)) return &a[i];
    return NULL;
}

/* Whether the attributes hide the element or mark it as navigation. */
static int hidden(const attr *a, int na)
{
    const attr *x;
    if (attr_find(a, na, "hidden")) return 1;
    if ((x = attr_find(a, na, "aria-hidden")) && x->vl == 4 && !strncasecmp(x->val, "true", 4)) return 1;
    if ((x = attr_find(a, na, "role"))) {
        static const char *const roles[] = {"navigation", "search", "menu", "menubar", "dialog", NULL};
        for (int i = 0; roles[i]; i++)
            if (x->vl == strlen(roles[i]) && !strncasecmp(x->val, roles[i], x->vl)) return 1;
    }
    if ((x = attr_find(a, na, "style"))) {
        char st[128];
        size_t k = 0;
        for (size_t i = 0; i < x->vl && k + 1 < sizeof st; i++)
            if (!isspace((unsigned char)x->val[i])) st[k++] = (char)tolower((unsigned char)x->val[i]);
        st[k] = 0;
        if (strstr(st, "display:none") || strstr(st, "visibility:hidden")) return 1;
    }
    return 0;
}

/* Keep the attributes the renderer reads, decoded, in the pool. */
static void keep_attrs(parser *p, uint32_t k, int t, const attr *a, int na)
{
    static const char *const keep_a[] = {"href", "title", "aria-label", NULL};
    static const char *const keep_img[] = {"src", "alt", "title", NULL};
    static const char *const keep_ol[] = {"start", NULL};
    static const char *const keep_cell[] = {"colspan", NULL};
    static const char *const keep_pre[] = {"class", NULL};
    const char *const *keep = t == T_A ? keep_a : t == T_IMG ? keep_img : t == T_OL ? keep_ol
                            : is_cell(t) ? keep_cell : (t == T_PRE || t == T_CODE) ? keep_pre : NULL;
    if (!keep) return;
    p->nodes[k].off = (uint32_t)p->pool.len;
    for (int i = 0; keep[i]; i++) {
        const attr *x = attr_find(a, na, keep[i]);
        if (!x) continue;
        tbuf_puts(&p->pool, keep[i]);
        tbuf_put(&p->pool, "", 1);
        tbuf d = {0};
        html_decode(x->val, x->vl, &d);
        for (size_t j = 0; j < d.len; j++)   /* attribute values lose their newlines */
            if (d.p[j] == '\n' || d.p[j] == '\r' || d.p[j] == '\t') d.p[j] = ' ';
        tbuf_put(&p->pool, d.p ? d.p : "", d.len);
        tbuf_put(&p->pool, "", 1);
        tbuf_free(&d);
    }
    tbuf_put(&p->pool, "", 1);
    p->nodes[k].len = 1;
}

static const char *attr_of(const parser *p, uint32_t k, const char *name)
{
    const node *d = &p->nodes[k];
    if (!d->len) return NULL;
    for (const char *q = p->pool.p + d->off; *q;) {
        const char *v = q + strlen(q) + 1;
        if (!strcmp(q, name)) return v;
        q = v + strlen(v) + 1;
    }
    return NULL;
}

static void push_elem(parser *p, int t, const attr *a, int na)
{
    uint32_t k = new_node(p, N_ELEM, t);
    if (!k) return;
    if ((tag_kind(t) & K_DROP) || hidden(a, na)) p->nodes[k].flags |= F_DROP;
    keep_attrs(p, k, t, a, na);
    append(p, k);
    if (!(tag_kind(t) & K_VOID) && p->depth < MAX_DEPTH) p->stack[p->depth++] = k;
}

static void start_tag(parser *p, int t, const attr *a, int na)
{
    if (t == T_HTML) return;
    int head = find_open(p, ts_head, NULL);
    if (t == T_BODY) { close_at(p, head); return; }
    if (head && !(tag_kind(t) & K_HEAD)) close_at(p, head);
    if (t == T_NONE) return;
    if (tag_kind(t) & K_CLOSEP) close_at(p, find_open(p, ts_p, ts_scope));
    switch (t) {
    case T_LI: close_at(p, find_open(p, ts_li, ts_list_scope)); break;
    case T_DT: case T_DD: close_at(p, find_open(p, ts_dtdd, ts_dl_scope)); break;
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
        if (is_heading(cur_tag(p))) p->depth--;
        break;
    case T_A: close_at(p, find_open(p, ts_a, ts_scope)); break;
    case T_TR: close_at(p, find_open(p, ts_tr, ts_table)); break;
    case T_THEAD: case T_TBODY: case T_TFOOT: {
        int i = find_open(p, ts_section, ts_table);
        close_at(p, i ? i : find_open(p, ts_tr, ts_table));
        break;
    }
    case T_CAPTION: close_at(p, find_open(p, ts_tr, ts_table)); break;
    case T_TD: case T_TH: {
        close_at(p, find_open(p, ts_cell, ts_row_scope));
        int c = cur_tag(p);
        if (c == T_TABLE || ts_section(c)) push_elem(p, T_TR, NULL, 0);   /* the implied row */
        break;
    }
    }
    push_elem(p, t, a, na);
}

static void end_tag(parser *p, int t)
{
    switch (t) {
    case T_NONE: case T_HTML: case T_BODY: return;
    case T_BR: push_elem(p, T_BR, NULL, 0); return;   /* </br> is a <br>, as browsers read it */
    case T_P: close_at(p, find_open(p, ts_p, ts_scope)); return;
    case T_LI: close_at(p, find_open(p, ts_li, ts_list_scope)); return;
    case T_DT: case T_DD: close_at(p, find_open(p, ts_dtdd, ts_dl_scope)); return;
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
        close_at(p, find_open(p, ts_heading, ts_scope));
        return;
    case T_TD: case T_TH: close_at(p, find_open(p, ts_cell, ts_table)); return;
    case T_TR: close_at(p, find_open(p, ts_tr, ts_table)); return;
    case T_THEAD: case T_TBODY: case T_TFOOT: close_at(p, find_open(p, ts_section, ts_table)); return;
    case T_CAPTION: close_at(p, find_tag(p, T_CAPTION, ts_table)); return;
    case T_TABLE: close_at(p, find_tag(p, T_TABLE, NULL)); return;
    }
    close_at(p, find_tag(p, t, ts_scope));
}

static void add_text(parser *p, size_t off, size_t len)
{
    int head = cur_tag(p) == T_HEAD ? p->depth - 1 : 0;
    if (head) {
        size_t i = 0;
        while (i < len && isspace((unsigned char)p->s[off + i])) i++;
        if (i == len) return;
        close_at(p, head);   /* text ends an unclosed <head> */
    }
    uint32_t k = new_node(p, N_TEXT, T_NONE);
    if (!k) return;
    p->nodes[k].off = (uint32_t)off;
    p->nodes[k].len = (uint32_t)len;
    append(p, k);
}

/* ---- the writer -------------------------------------------------------------- */

/* Markup opened around inline content (emphasis, link text, a heading's
 * "## ") is written only when the first character of that content is, so
 * empty elements leave nothing and "<b> x </b>" gives " **x** ". */
typedef struct mark {
    size_t pos;         /* where the opening was written */
    unsigned lines;     /* the writer's line count then */
    uint8_t emitted, keep;   /* keep: not removed when the content spans lines */
    char open[8];
} mark;

typedef struct writer {
    const parser *p;
    tbuf *out;
    int md;
    int brk;            /* pending break: 0 none, 1 newline, 2 blank line */
    int space;          /* pending space */
    int nl;             /* newlines ending the output (2 at the start) */
    int fresh;          /* just after a list marker: breaks are absorbed */
    unsigned lines;
    tbuf prefix;        /* what every new line starts with: list indent, "> " */
    size_t cap;
    int full;
    const char *base;
    int bold, ital, strike, link, heading, cell, list;
    int nmk;
    mark mk[MAX_MARKS];
} writer;

static void put(writer *w, const char *s, size_t n)
{
    if (w->full || !n) return;
    if (w->out->len + n > w->cap) { w->full = 1; return; }
    tbuf_put(w->out, s, n);
    for (const char *q = s; (q = memchr(q, '\n', n - (size_t)(q - s))); q++) w->lines++;
}
static void puts_(writer *w, const char *s) { put(w, s, strlen(s)); }

static void block(writer *w, int level)
{
    if (!w->fresh && w->brk < level) w->brk = level;
}

static void put_prefix(writer *w, int blank_line)
{
    size_t n = w->prefix.len;
    if (blank_line)
        while (n && w->prefix.p[n - 1] == ' ') n--;
    put(w, w->prefix.p, n);
}

/* Write the pending breaks (newlines only, the next line's prefix is not
 * written yet): before a prefix changes, so blank lines get the old one. */
static void settle(writer *w)
{
    if (w->brk > w->nl && w->out->len) {
        if (w->nl == 0) {
            while (w->out->len && w->out->p[w->out->len - 1] == ' ') w->out->p[--w->out->len] = 0;
            put(w, "\n", 1);
            w->nl = 1;
        }
        if (w->brk >= 2 && w->nl == 1) {
            put_prefix(w, 1);
            put(w, "\n", 1);
            w->nl = 2;
        }
    }
    w->brk = 0;
}

/* Before content: breaks, the line prefix or a pending space, then the
 * inline markup waiting for content. */
static void flush(writer *w)
{
    settle(w);
    if (w->nl) {
        put_prefix(w, 0);
        w->nl = 0;
    } else if (w->space && !w->fresh) {
        put(w, " ", 1);
    }
    w->space = 0;
    w->fresh = 0;
    for (int i = 0; i < w->nmk; i++) {
        mark *m = &w->mk[i];
        if (m->emitted) continue;
        m->pos = w->out->len;
        m->lines = w->lines;
        m->emitted = 1;
        puts_(w, m->open);
    }
}

static int mark_open(writer *w, const char *open, int keep)
{
    if (w->nmk >= MAX_MARKS) return 0;
    mark *m = &w->mk[w->nmk++];
    memset(m, 0, sizeof *m);
    size_t ol = strlen(open);
    if (ol > sizeof m->open - 1) ol = sizeof m->open - 1;
    memcpy(m->open, open, ol);   /* zeroed above: stays terminated */
    m->keep = (uint8_t)keep;
    return 1;
}

/* Close the innermost mark with close; returns 0 when nothing was written
 * inside it (the opening is dropped), 1 when closed, -1 when the content
 * spanned lines (the opening removed, close not written). */
static int mark_close(writer *w, const char *close)
{
    mark *m = &w->mk[--w->nmk];
    if (!m->emitted) return 0;
    if (m->lines != w->lines && !m->keep) {
        size_t ol = strlen(m->open);
        if (m->pos + ol <= w->out->len && !memcmp(w->out->p + m->pos, m->open, ol)) {
            memmove(w->out->p + m->pos, w->out->p + m->pos + ol, w->out->len - m->pos - ol);
            w->out->len -= ol;
            w->out->p[w->out->len] = 0;
        }
        return -1;
    }
    puts_(w, close);
    return 1;
}

/* Indentation stops growing at MAX_PREFIX bytes: deeper nesting reads
 * the same, and every line of a hostile page cannot cost more. */
static void prefix_push(writer *w, const char *s, size_t *saved)
{
    settle(w);
    *saved = w->prefix.len;
    if (w->prefix.len + strlen(s) <= MAX_PREFIX) tbuf_puts(&w->prefix, s);
}
/* The breaks still pending when a prefix ends are written with the outer
 * one: a quote does not end on a ">" line. */
static void prefix_pop(writer *w, size_t saved)
{
    w->prefix.len = saved;
    if (w->prefix.p) w->prefix.p[saved] = 0;
}

/* Decoded text with whitespace collapsed. */
static void text_out(writer *w, const char *s, size_t n)
{
    tbuf d = {0};
    html_decode(s, n, &d);
    /* U+00A0 collapses like a space: markdown does not see emphasis
     * closed after one, and a reader gains nothing from it. */
    for (char *q = d.p; q && (q = memchr(q, 0xC2, d.len - (size_t)(q - d.p))); q++)
        if ((size_t)(q - d.p) + 1 < d.len && (unsigned char)q[1] == 0xA0) q[0] = ' ', q[1] = ' ';
    size_t i = 0;
    while (i < d.len && !w->full) {
        if (isspace((unsigned char)d.p[i])) {
            w->space = 1;
            i++;
            continue;
        }
        size_t j = i;
        while (j < d.len && !isspace((unsigned char)d.p[j])) j++;
        flush(w);
        put(w, d.p + i, j - i);
        i = j;
    }
    tbuf_free(&d);
}

/* ---- rendering ----------------------------------------------------------------- */

static void render(writer *w, uint32_t k);

static void children(writer *w, uint32_t k)
{
    for (uint32_t c = w->p->nodes[k].first; c && !w->full; c = w->p->nodes[c].next) render(w, c);
}

/* The text inside k, entities decoded, <br> as a newline, dropped parts
 * left out (pre and code content).  Bounded by cap bytes. */
static void gather(const parser *p, uint32_t k, tbuf *g, size_t cap, int depth)
{
    for (uint32_t c = p->nodes[k].first; c && g->len < cap; c = p->nodes[c].next) {
        const node *d = &p->nodes[c];
        if (d->type == N_TEXT) html_decode(p->s + d->off, d->len, g);
        else if (d->tag == T_BR) tbuf_put(g, "\n", 1);
        else if (!(d->flags & F_DROP) && depth < MAX_DEPTH) gather(p, c, g, cap, depth + 1);
    }
}

/* "language-x" or "lang-x" in a class attribute: the fence's info string. */
static void code_lang(const parser *p, uint32_t k, char *out, size_t cap)
{
    out[0] = 0;
    uint32_t c = p->nodes[k].first;
    const char *cl = attr_of(p, k, "class");
    if (!cl && c && p->nodes[c].tag == T_CODE && !p->nodes[c].next) cl = attr_of(p, c, "class");
    if (!cl) return;
    const char *q = strstr(cl, "language-");
    size_t skip = 9;
    if (!q) { q = strstr(cl, "lang-"); skip = 5; }
    if (!q) return;
    q += skip;
    size_t n = 0;
    while (q[n] && (isalnum((unsigned char)q[n]) || q[n] == '+' || q[n] == '-' || q[n] == '_') && n + 1 < cap) {
        out[n] = q[n];
        n++;
    }
    out[n] = 0;
}

static size_t longest_run(const char *s, size_t n, char c)
{
    size_t best = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] == c ? run + 1 : 0;
        if (run > best) best = run;
    }
    return best;
}

static void render_pre(writer *w, uint32_t k)
{
    tbuf g = {0};
    gather(w->p, k, &g, w->cap, 0);
    size_t o = 0;   /* CR LF and lone CRs (often from &#13;) are line ends */
    for (size_t i = 0; i < g.len; i++) {
        if (g.p[i] == '\r' && i + 1 < g.len && g.p[i + 1] == '\n') continue;
        g.p[o++] = g.p[i] == '\r' ? '\n' : g.p[i];
    }
    g.len = o;
    size_t b = 0, e = g.len;
    if (b < e && g.p[b] == '\n') b++;   /* a newline right after <pre> is not content */
    while (e > b && isspace((unsigned char)g.p[e - 1])) e--;
    if (e == b) { tbuf_free(&g); return; }
    block(w, 2);
    char fence[32] = "";
    if (w->md) {
        size_t f = longest_run(g.p + b, e - b, '`') + 1;
        if (f < 3) f = 3;
        if (f > sizeof fence - 1) f = sizeof fence - 1;
        memset(fence, '`', f);
        fence[f] = 0;
        char lang[32];
        code_lang(w->p, k, lang, sizeof lang);
        flush(w);
        puts_(w, fence);
        puts_(w, lang);
        put(w, "\n", 1);
    }
    for (size_t i = b; i < e && !w->full;) {
        size_t j = i;
        while (j < e && g.p[j] != '\n') j++;
        size_t le = j;
        if (!w->md && i == b) flush(w);
        else put_prefix(w, le == i);
        put(w, g.p + i, le - i);
        put(w, "\n", 1);
        i = j + 1;
    }
    if (w->md) { put_prefix(w, 0); puts_(w, fence); }
    else if (w->out->len && w->out->p[w->out->len - 1] == '\n') w->out->p[--w->out->len] = 0, w->lines--;
    w->nl = 0;
    block(w, 2);
    tbuf_free(&g);
}

static void render_code(writer *w, uint32_t k)
{
    tbuf g = {0}, c = {0};
    gather(w->p, k, &g, w->cap, 0);
    int sp = 0, lead = 0, trail = 0;
    for (size_t i = 0; i < g.len; i++) {
        if (isspace((unsigned char)g.p[i])) { sp = 1; if (!c.len) lead = 1; continue; }
        if (sp && c.len) tbuf_put(&c, " ", 1);
        sp = 0;
        tbuf_put(&c, g.p + i, 1);
    }
    trail = sp;
    tbuf_free(&g);
    if (lead) w->space = 1;
    if (c.len) {
        flush(w);
        if (w->md) {
            size_t f = longest_run(c.p, c.len, '`') + 1;
            char ticks[16];
            if (f > sizeof ticks - 1) f = sizeof ticks - 1;
            memset(ticks, '`', f);
            ticks[f] = 0;
            int pad = c.p[0] == '`' || c.p[c.len - 1] == '`';
            puts_(w, ticks);
            if (pad) put(w, " ", 1);
            put(w, c.p, c.len);
            if (pad) put(w, " ", 1);
            puts_(w, ticks);
        } else {
            put(w, c.p, c.len);
        }
    }
    if (trail) w->space = 1;
    tbuf_free(&c);
}

/* A resolved URL as a markdown destination: spaces, '<', '>' and
 * control characters percent-encoded, so the link does not end early. */
static char *md_url(const char *base, const char *href)
{
    tbuf h = {0};   /* URLs in attributes lose their surrounding whitespace */
    size_t hl = strlen(href);
    while (hl && isspace((unsigned char)href[hl - 1])) hl--;
    tbuf_put(&h, href, hl);
    char *r = resolve(base, h.p ? h.p : "");
    tbuf_free(&h);
    tbuf t = {0};
    for (const char *q = r; *q; q++) {
        unsigned char c = (unsigned char)*q;
        if (c <= 0x20 || c == '<' || c == '>' || c == 0x7f) tbuf_printf(&t, "%%%02X", c);
        else tbuf_put(&t, q, 1);
    }
    free(r);
    if (!t.p) tbuf_puts(&t, "");
    return t.p;
}

static int url_ok(const char *u)
{
    return u && *u && *u != '#' && strncasecmp(u, "javascript:", 11) && strncasecmp(u, "data:", 5) &&
           strncasecmp(u, "vbscript:", 9);
}

static void render_link(writer *w, uint32_t k)
{
    const char *href = attr_of(w->p, k, "href");
    while (href && isspace((unsigned char)*href)) href++;
    if (href && href[0] == '#') {   /* a permalink mark ("¶", "#", "↑"): noise */
        tbuf g = {0};
        gather(w->p, k, &g, 64, 0);
        int word = 0;
        for (size_t i = 0; i < g.len; i++)
            if (isalnum((unsigned char)g.p[i]) || g.p[i] == '<' || g.p[i] == '>') word = 1;
        size_t gl = g.len;
        tbuf_free(&g);
        if (!word && gl > 0 && gl <= 4) return;
    }
    if (!w->md || w->link || !url_ok(href) || !mark_open(w, "[", 0)) {
        children(w, k);
        return;
    }
    char *url = md_url(w->base, href);
    w->link = 1;
    children(w, k);
    w->link = 0;
    tbuf close = {0};
    tbuf_printf(&close, "](%s)", url);
    if (mark_close(w, close.p) == 0) {   /* no text: an icon link; its label if it has one */
        const char *label = attr_of(w->p, k, "aria-label");
        if (!label || !*label) label = attr_of(w->p, k, "title");
        if (label && *label) {
            flush(w);
            put(w, "[", 1);
            puts_(w, label);
            put(w, close.p + 1, close.len - 1);
        }
    }
    tbuf_free(&close);
    free(url);
}

static void render_img(writer *w, uint32_t k)
{
    const char *alt = attr_of(w->p, k, "alt"), *src = attr_of(w->p, k, "src");
    if (!alt || !*alt) alt = attr_of(w->p, k, "title");
    if (!alt || !*alt) return;
    tbuf t = {0};
    tbuf_puts(&t, alt);
    int sp = 0;   /* collapse the alt text's whitespace */
    size_t o = 0;
    for (size_t i = 0; i < t.len; i++) {
        if (isspace((unsigned char)t.p[i])) { sp = o > 0; continue; }
        if (sp) t.p[o++] = ' ';
        sp = 0;
        t.p[o++] = t.p[i];
    }
    t.len = o;
    if (!o) { tbuf_free(&t); return; }
    flush(w);
    while (src && isspace((unsigned char)*src)) src++;
    if (w->md && url_ok(src)) {
        char *r = md_url(w->base, src);
        put(w, "![", 2);
        put(w, t.p, t.len);
        put(w, "](", 2);
        puts_(w, r);
        put(w, ")", 1);
        free(r);
    } else {
        put(w, t.p, t.len);
    }
    tbuf_free(&t);
}

/* One list item: its marker, then its content indented under it (the
 * marker's width), so nested lists and paragraphs stay in the item. */
static void render_item(writer *w, uint32_t k, const char *m)
{
    block(w, 1);
    flush(w);
    puts_(w, m);
    w->fresh = 1;
    size_t saved;
    char ind[24];
    size_t ml = strlen(m) < sizeof ind - 1 ? strlen(m) : sizeof ind - 1;
    memset(ind, ' ', ml);
    ind[ml] = 0;
    prefix_push(w, ind, &saved);
    children(w, k);
    prefix_pop(w, saved);
    w->fresh = 0;
    block(w, 1);
}

static void render_list(writer *w, uint32_t k, int ordered)
{
    int top = !w->list;
    block(w, top ? 2 : 1);
    const char *st = attr_of(w->p, k, "start");
    long n = st ? strtol(st, NULL, 10) : 1;
    if (n < 0 || n > 1000000000) n = 1;
    w->list++;
    size_t saved = 0;
    int pt = w->p->nodes[w->p->nodes[k].parent].tag;
    int nested_bare = !top && (pt == T_UL || pt == T_OL || pt == T_DIR);
    if (nested_bare) prefix_push(w, "  ", &saved);   /* <ul><ul>: still one level in */
    for (uint32_t c = w->p->nodes[k].first; c && !w->full; c = w->p->nodes[c].next) {
        const node *d = &w->p->nodes[c];
        if (d->type != N_ELEM || d->tag != T_LI || (d->flags & F_DROP)) { render(w, c); continue; }
        char m[24];
        if (ordered) snprintf(m, sizeof m, "%ld. ", n++);
        else snprintf(m, sizeof m, "%s", w->md ? "- " : "* ");
        render_item(w, c, m);
    }
    if (nested_bare) prefix_pop(w, saved);
    w->list--;
    block(w, top ? 2 : 1);
}

/* ---- tables ---- */

static uint32_t next_row(const parser *p, uint32_t table, uint32_t *sec, uint32_t c)
{
    /* rows are the table's <tr> children and those of its sections, in order */
    for (;;) {
        c = c ? p->nodes[c].next : (*sec ? p->nodes[*sec].first : p->nodes[table].first);
        while (!c && *sec) {   /* end of a section: back to the table's children */
            c = p->nodes[*sec].next;
            *sec = 0;
        }
        if (!c) return 0;
        const node *d = &p->nodes[c];
        if (d->type != N_ELEM || (d->flags & F_DROP)) continue;
        if (d->tag == T_TR) return c;
        if (ts_section(d->tag) && d->first) { *sec = c; c = 0; continue; }
    }
}

static int colspan(const parser *p, uint32_t cell)
{
    const char *s = attr_of(p, cell, "colspan");
    long v = s ? strtol(s, NULL, 10) : 1;
    return v < 1 ? 1 : v > MAX_COLS ? MAX_COLS : (int)v;
}

/* One cell, rendered alone and made one line: breaks become spaces, "|"
 * is escaped. */
static void render_cell(writer *w, uint32_t cell, tbuf *o)
{
    writer s;
    memset(&s, 0, sizeof s);
    tbuf raw = {0};
    s.p = w->p;
    s.out = &raw;
    s.md = w->md;
    s.nl = 2;
    s.cap = w->cap > w->out->len ? w->cap - w->out->len : 0;
    s.base = w->base;
    s.cell = 1;
    s.list = 1;
    children(&s, cell);
    if (s.full) w->full = 1;
    int sp = 0;
    for (size_t i = 0; i < raw.len; i++) {
        char c = raw.p[i];
        if (c == '\n' || c == ' ' || c == '\t' || c == '\r') { sp = o->len > 0; continue; }
        if (sp) tbuf_put(o, " ", 1);
        sp = 0;
        if (c == '|' && w->md) tbuf_put(o, "\\", 1);
        tbuf_put(o, &c, 1);
    }
    tbuf_free(&raw);
    tbuf_free(&s.prefix);
}

static void render_table(writer *w, uint32_t k)
{
    const parser *p = w->p;
    int rows = 0, cols = 0;
    uint32_t sec = 0;
    for (uint32_t r = next_row(p, k, &sec, 0); r; r = next_row(p, k, &sec, r)) {
        int n = 0;
        for (uint32_t c = p->nodes[r].first; c; c = p->nodes[c].next)
            if (p->nodes[c].type == N_ELEM && is_cell(p->nodes[c].tag)) n += colspan(p, c);
        if (n > cols) cols = n;
        rows++;
    }
    if (cols > MAX_COLS) cols = MAX_COLS;
    /* A layout table (one column, or tables inside): its content as blocks. */
    if (rows == 0 || cols < 2 || (p->nodes[k].flags & F_HASTABLE) || w->cell) {
        block(w, 2);
        children(w, k);
        block(w, 2);
        return;
    }
    block(w, 2);
    for (uint32_t c = p->nodes[k].first; c; c = p->nodes[c].next)
        if (p->nodes[c].type == N_ELEM && p->nodes[c].tag == T_CAPTION && !(p->nodes[c].flags & F_DROP)) {
            children(w, c);
            block(w, 2);
        }
    int first = 1;
    sec = 0;
    for (uint32_t r = next_row(p, k, &sec, 0); r && !w->full; r = next_row(p, k, &sec, r)) {
        tbuf line = {0};
        int n = 0;
        if (w->md) tbuf_puts(&line, "|");
        for (uint32_t c = p->nodes[r].first; c && n < cols; c = p->nodes[c].next) {
            if (p->nodes[c].type != N_ELEM || !is_cell(p->nodes[c].tag)) continue;
            int span = colspan(p, c);
            tbuf cell = {0};
            render_cell(w, c, &cell);
            for (int s = 0; s < span && n < cols; s++, n++) {
                if (w->md) tbuf_puts(&line, " ");
                else if (n) tbuf_puts(&line, " | ");
                if (!s) tbuf_put(&line, cell.p ? cell.p : "", cell.len);
                if (w->md) tbuf_puts(&line, " |");
            }
            tbuf_free(&cell);
        }
        for (; w->md && n < cols; n++) tbuf_puts(&line, "  |");
        block(w, 1);
        flush(w);
        if (line.len) put(w, line.p, line.len);
        tbuf_free(&line);
        if (first && w->md) {
            block(w, 1);
            flush(w);
            put(w, "|", 1);
            for (int i = 0; i < cols; i++) puts_(w, " --- |");
        }
        first = 0;
    }
    /* What a broken table left outside its rows (text, blocks): after it. */
    block(w, 2);
    for (uint32_t c = p->nodes[k].first; c && !w->full; c = p->nodes[c].next) {
        const node *d = &p->nodes[c];
        if (d->type == N_ELEM && (d->tag == T_TR || d->tag == T_CAPTION || ts_section(d->tag))) continue;
        render(w, c);
    }
    block(w, 2);
}

/* ---- one node ---- */

static void render(writer *w, uint32_t k)
{
    const node *d = &w->p->nodes[k];
    if (w->full) return;
    if (d->type == N_TEXT) { text_out(w, w->p->s + d->off, d->len); return; }
    if (d->flags & F_DROP) return;
    int t = d->tag, r;
    switch (t) {
    case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: {
        block(w, 2);
        int m = 0;
        if (w->md && !w->heading && !w->cell) {
            char hs[8];
            int lv = t - T_H1 + 1;
            memset(hs, '#', (size_t)lv);
            hs[lv] = ' ';
            hs[lv + 1] = 0;
            m = mark_open(w, hs, 1);
        }
        w->heading++;
        children(w, k);
        w->heading--;
        if (m) mark_close(w, "");
        block(w, 2);
        return;
    }
    case T_P: case T_BLOCKQUOTE: case T_DL: case T_FIGURE: case T_ADDRESS: case T_FIELDSET: case T_DETAILS:
    case T_CENTER: case T_HGROUP:
        block(w, 2);
        if (t == T_BLOCKQUOTE) {
            size_t saved;
            prefix_push(w, w->md ? "> " : "  ", &saved);
            children(w, k);
            prefix_pop(w, saved);
        } else {
            children(w, k);
        }
        block(w, 2);
        return;
    case T_DD: {
        block(w, 1);
        size_t saved;
        prefix_push(w, "  ", &saved);
        children(w, k);
        prefix_pop(w, saved);
        block(w, 1);
        return;
    }
    case T_DIV: case T_SECTION: case T_ARTICLE: case T_HEADER: case T_FOOTER: case T_MAIN: case T_ASIDE:
    case T_FORM: case T_FIGCAPTION: case T_SUMMARY: case T_DT: case T_CAPTION: case T_TR: case T_TD: case T_TH:
    case T_THEAD: case T_TBODY: case T_TFOOT: case T_LI:
        if (w->cell) {   /* one line in a table cell */
            w->space = 1;
            children(w, k);
            w->space = 1;
            return;
        }
        if (t == T_LI) { render_item(w, k, w->md ? "- " : "* "); return; }   /* an item outside a list */
        block(w, 1);
        children(w, k);
        block(w, 1);
        return;
    case T_UL: case T_DIR: render_list(w, k, 0); return;
    case T_OL: render_list(w, k, 1); return;
    case T_PRE: render_pre(w, k); return;
    case T_CODE: case T_KBD: case T_SAMP: case T_TT: render_code(w, k); return;
    case T_TABLE: render_table(w, k); return;
    case T_BR:
        if (w->heading || w->cell) { w->space = 1; return; }
        w->brk = w->brk || w->nl ? 2 : 1;
        if (w->fresh) w->brk = 0;
        return;
    case T_HR:
        if (w->cell) return;
        block(w, 2);
        flush(w);
        puts_(w, w->md ? "---" : "----");
        block(w, 2);
        return;
    case T_A: render_link(w, k); return;
    case T_IMG: render_img(w, k); return;
    case T_B: case T_STRONG: case T_EM: case T_I: case T_DEL: case T_S: case T_STRIKE: {
        int *depth = (t == T_B || t == T_STRONG) ? &w->bold : (t == T_EM || t == T_I) ? &w->ital : &w->strike;
        const char *mk = (t == T_B || t == T_STRONG) ? "**" : (t == T_EM || t == T_I) ? "*" : "~~";
        int m = w->md && !*depth && !w->heading && mark_open(w, mk, 0);
        (*depth)++;
        children(w, k);
        (*depth)--;
        if (m) r = mark_close(w, mk), (void)r;
        return;
    }
    default:
        children(w, k);
        return;
    }
}

/* ---- the tokenizer --------------------------------------------------------------- */

/* Where the raw-text element's content ends (its end tag), and after it. */
static size_t raw_end(const char *s, size_t n, size_t i, const char *tag, size_t *after)
{
    size_t tl = strlen(tag);
    for (const char *q = s + i; (q = memchr(q, '<', n - (size_t)(q - s))); q++) {
        size_t j = (size_t)(q - s);
        if (j + 2 + tl <= n && s[j + 1] == '/' && !strncasecmp(s + j + 2, tag, tl) &&
            (j + 2 + tl == n || !isalnum((unsigned char)s[j + 2 + tl]))) {
            const char *gt = memchr(s + j, '>', n - j);
            *after = gt ? (size_t)(gt - s) + 1 : n;
            return j;
        }
    }
    *after = n;
    return n;
}

static void set_title(tbuf *title, const char *s, size_t n)
{
    tbuf raw = {0};
    html_decode(s, n, &raw);
    int sp = 0;
    for (size_t k = 0; k < raw.len && title->len < 4096; k++) {
        char c = raw.p[k];
        if (isspace((unsigned char)c)) { sp = title->len > 0; continue; }
        if (sp) tbuf_put(title, " ", 1);
        sp = 0;
        tbuf_put(title, &c, 1);
    }
    tbuf_free(&raw);
}

/* Children get larger indices than their parent: one backward pass marks
 * every element holding a table. */
static void mark_tables(parser *p)
{
    for (uint32_t k = p->nn; k-- > 1;) {
        node *d = &p->nodes[k];
        if (d->type == N_ELEM && (d->tag == T_TABLE || (d->flags & F_HASTABLE)))
            p->nodes[d->parent].flags |= F_HASTABLE;
    }
}

int html_convert(const char *s, size_t n, int markdown, const char *base, size_t max_out, tbuf *out, tbuf *title)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.s = s;
    p.n = n > UINT32_MAX ? UINT32_MAX : n;
    n = p.n;
    new_node(&p, N_ELEM, T_ROOT);
    p.stack[0] = 0;
    p.depth = 1;
    size_t i = 0;
    while (i < n && !p.cut) {
        if (s[i] != '<') {
            const char *lt = memchr(s + i, '<', n - i);
            size_t j = lt ? (size_t)(lt - s) : n;
            if (out) add_text(&p, i, j - i);
            i = j;
            continue;
        }
        if (i + 4 <= n && !strncmp(s + i, "<!--", 4)) {
            const char *e = NULL;
            for (const char *q = s + i + 4; (q = memchr(q, '-', n - (size_t)(q - s))); q++)
                if ((size_t)(q - s) + 3 <= n && q[1] == '-' && q[2] == '>') { e = q + 3; break; }
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
            if (out) add_text(&p, i, 1);   /* a lone '<' is text */
            i++;
            continue;
        }
        char tag[16];
        size_t tl = 0;
        while (j < n && !isspace((unsigned char)s[j]) && s[j] != '/' && s[j] != '>') {
            if (tl < sizeof tag - 1) tag[tl++] = (char)tolower((unsigned char)s[j]);
            else tl = sizeof tag;   /* too long for any known tag */
            j++;
        }
        tag[tl < sizeof tag ? tl : 0] = 0;
        attr a[32];
        int na = 0;
        while (j < n && s[j] != '>') {
            if (isspace((unsigned char)s[j]) || s[j] == '/') { j++; continue; }
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
                    const char *e = memchr(s + j + 1, s[j], n - j - 1);
                    val = s + j + 1;
                    vl = e ? (size_t)(e - val) : n - j - 1;
                    j = e ? (size_t)(e - s) + 1 : n;
                } else {
                    val = s + j;
                    while (j < n && !isspace((unsigned char)s[j]) && s[j] != '>') j++;
                    vl = (size_t)(s + j - val);
                }
            }
            if (nl == 0) { j++; continue; }
            if (na < 32) a[na++] = (attr){s + ns, nl, val, vl};
        }
        i = j < n ? j + 1 : n;
        int t = tag_id(tag);
        if (closing) {
            if (out) end_tag(&p, t);
            continue;
        }
        static const char *const raw[] = {"title", "script", "style", "textarea", "xmp", "iframe",
                                          "noembed", "noframes", "noscript", NULL};
        int k;
        for (k = 0; raw[k] && strcmp(tag, raw[k]); k++) {}
        if (raw[k]) {   /* content to its end tag, never markup; only <title>'s is kept */
            size_t after, e = raw_end(s, n, i, tag, &after);
            if (k == 0 && title && !title->len && !find_open(&p, ts_drop_title, NULL)) {
                set_title(title, s + i, e - i);
                if (!out) break;
            }
            i = after;
            continue;
        }
        if (out) start_tag(&p, t, a, na);
    }
    int cut = p.cut;
    if (out) {
        mark_tables(&p);
        writer w;
        memset(&w, 0, sizeof w);
        w.p = &p;
        w.out = out;
        w.md = markdown;
        w.nl = 2;
        w.cap = max_out;
        w.base = base;
        children(&w, 0);
        if (w.full) cut = 1;
        while (out->len && (out->p[out->len - 1] == '\n' || out->p[out->len - 1] == ' '))
            out->p[--out->len] = 0;
        if (p.cut) tbuf_printf(out, "\n\n[the page has more than %u elements: the rest was not converted]", MAX_NODES);
        tbuf_free(&w.prefix);
        if (!out->p) tbuf_puts(out, "");
    }
    free(p.nodes);
    tbuf_free(&p.pool);
    return cut;
}
