/*
 * redact.c — keeps the values of secret headers out of everything a guest
 * or a log sees: response bodies, header lines (names, values, Location),
 * URLs, error messages and the audit log.
 *
 * A server that received a secret can echo it back in many spellings, and
 * a guest chooses where the body is cut.  So the secret is looked for in
 * the forms an echo takes, not as one string:
 *
 *   - as the value itself, in the text as received and in the text with
 *     every escape decoded once: JSON (\uXXXX in any case, surrogate pairs,
 *     \/ \" \\ \b \f \n \r \t), JavaScript/Python \xHH and \UXXXXXXXX, percent-encoding
 *     (%XX in any case, %uXXXX, and '+' as a space in a second pass), HTML
 *     character references (&#NN; &#xHH; &amp; &lt; &gt; &quot; &apos;) —
 *     each family alone, and all of them mixed inside one echo;
 *   - as base64 (standard and URL-safe alphabets, with or without padding,
 *     at each of the three alignments a secret can have inside a longer
 *     base64 stream: only the characters the secret alone determines are
 *     matched) and as hex, in both texts, ignoring whitespace (MIME line
 *     breaks, spaced hex dumps);
 *   - ASCII case-insensitively everywhere: HTTP/2 lowercases header names,
 *     and a case-folded secret still leaks almost all of it.  (Over-
 *     redacting an 8+ byte string that differs only in case is harmless.)
 *
 * A value "Scheme token" (Authorization: Bearer ...) also has its token
 * redacted alone, and a Basic token its decoded user:password.
 *
 * All patterns go into two Aho-Corasick automata (one whitespace-blind), so
 * the work is a fixed number of linear passes whatever the number of
 * secrets: this runs in the host, where no guest timeout reaches.  Matches
 * mark source bytes in a bitmap; each maximal marked run becomes one
 * "[REDACTED]".
 *
 * Cutting: a body that was cut (by the cap) is redacted over everything
 * received, and everything from the start of an unfinished possible match
 * (or an unfinished escape) on is withheld, so no prefix of a secret in any
 * of these forms survives a cut; only then is the text cut to the cap.
 *
 * This defends against echoes (debug endpoints, error pages, reflected
 * headers), not against a server that transforms a secret on purpose: a
 * server that has the secret can always send it back encrypted.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "net_impl.h"

static const char MARK[] = "[REDACTED]";
#define MARKLEN (sizeof MARK - 1)

/* ---- Aho-Corasick over bytes (ASCII case folded) ------------------------ */

typedef struct ac {
    uint32_t n, cap;
    uint32_t *first, *next, *fail, *out, *depth;
    uint8_t *ch;
    uint32_t root_go[256];      /* the root's transitions (while building) */
    size_t maxlen;
    /* The finished automaton: a dense table over byte classes (bytes no
     * pattern holds share class 0), one lookup per byte. */
    uint8_t cls[256];
    uint32_t ncls;
    uint32_t *delta;
} ac;

static uint8_t fold(uint8_t c) { return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c; }

static int ac_grow(ac *a)
{
    uint32_t c = a->cap ? a->cap * 2 : 256;
    uint32_t **arrs[] = {&a->first, &a->next, &a->fail, &a->out, &a->depth};
    for (size_t i = 0; i < 5; i++) {
        uint32_t *p = realloc(*arrs[i], c * sizeof **arrs[i]);
        if (!p) return -1;
        *arrs[i] = p;
    }
    uint8_t *p = realloc(a->ch, c);
    if (!p) return -1;
    a->ch = p;
    a->cap = c;
    return 0;
}

static uint32_t ac_child(const ac *a, uint32_t s, uint8_t c)
{
    for (uint32_t k = a->first[s]; k; k = a->next[k])
        if (a->ch[k] == c) return k;
    return 0;
}

static int ac_new_node(ac *a, uint32_t depth)
{
    if (a->n == a->cap && ac_grow(a) != 0) return -1;
    uint32_t k = a->n++;
    a->first[k] = a->next[k] = a->fail[k] = a->out[k] = 0;
    a->depth[k] = depth;
    a->ch[k] = 0;
    return (int)k;
}

static int ac_add(ac *a, const uint8_t *p, size_t n)
{
    if (!n) return 0;
    if (!a->n && ac_new_node(a, 0) < 0) return -1;
    uint32_t s = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = fold(p[i]);
        uint32_t t = ac_child(a, s, c);
        if (!t) {
            int k = ac_new_node(a, (uint32_t)i + 1);
            if (k < 0) return -1;
            t = (uint32_t)k;
            a->ch[t] = c;
            a->next[t] = a->first[s];
            a->first[s] = t;
        }
        s = t;
    }
    if (a->out[s] < n) a->out[s] = (uint32_t)n;
    if (n > a->maxlen) a->maxlen = n;
    return 0;
}

/* Failure links breadth first; out[] becomes the longest pattern that is a
 * suffix of the node's string (all of them end where it does). */
static int ac_build(ac *a)
{
    if (!a->n) return 0;
    uint32_t *q = malloc((a->n + 1) * sizeof *q);
    if (!q) return -1;
    size_t h = 0, t = 0;
    memset(a->root_go, 0, sizeof a->root_go);
    for (uint32_t k = a->first[0]; k; k = a->next[k]) {
        a->fail[k] = 0;
        a->root_go[a->ch[k]] = k;
        q[t++] = k;
    }
    while (h < t) {
        uint32_t u = q[h++];
        for (uint32_t v = a->first[u]; v; v = a->next[v]) {
            uint32_t f = a->fail[u], g = 0;
            while (f && !(g = ac_child(a, f, a->ch[v]))) f = a->fail[f];
            if (!f) g = a->root_go[a->ch[v]];
            a->fail[v] = g != v ? g : 0;
            if (a->out[a->fail[v]] > a->out[v]) a->out[v] = a->out[a->fail[v]];
            q[t++] = v;
        }
    }
    /* byte classes: case folded, one per byte some pattern holds */
    memset(a->cls, 0, sizeof a->cls);
    a->ncls = 1;
    for (uint32_t k = 1; k < a->n; k++)
        if (!a->cls[a->ch[k]]) a->cls[a->ch[k]] = (uint8_t)a->ncls++;
    for (int c = 'A'; c <= 'Z'; c++) a->cls[c] = a->cls[c + 32];
    a->delta = calloc((size_t)a->n * a->ncls, sizeof *a->delta);
    if (!a->delta) { free(q); return -1; }
    /* breadth first, so a node's failure row is done before its own */
    for (size_t i = 0; i <= t; i++) {
        uint32_t u = i ? q[i - 1] : 0;
        uint32_t *row = a->delta + (size_t)u * a->ncls;
        if (u) memcpy(row, a->delta + (size_t)a->fail[u] * a->ncls, a->ncls * sizeof *row);
        for (uint32_t k = a->first[u]; k; k = a->next[k]) row[a->cls[a->ch[k]]] = k;
    }
    free(q);
    return 0;
}

static void ac_free(ac *a)
{
    free(a->first);
    free(a->next);
    free(a->fail);
    free(a->out);
    free(a->depth);
    free(a->ch);
    free(a->delta);
    memset(a, 0, sizeof *a);
}

/* ---- the redactor -------------------------------------------------------- */

struct bxn_redactor {
    ac text;        /* the secrets as they are */
    ac blind;       /* base64 and hex forms, matched ignoring whitespace */
    size_t maxsecret;
    int has_intro;  /* a secret holds '\\', '%' or '&' (see scan) */
    int has_space;  /* a secret holds ' ' ('+' may stand for it) */
    int has_high;   /* a secret holds non-ASCII bytes (\\xHH: a byte or U+00HH) */
};

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char B64U[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The base64 characters that v alone determines when it starts `align`
 * bytes into a base64 stream, in both alphabets. */
static int add_b64(ac *a, const uint8_t *v, size_t n, unsigned align)
{
    size_t bits = 8 * (align + n);
    size_t k0 = (8 * align + 5) / 6, k1 = bits / 6;   /* chars [k0, k1) are whole */
    if (k1 <= k0) return 0;
    uint8_t *s = malloc(k1 - k0), *u = malloc(k1 - k0);
    if (!s || !u) { free(s); free(u); return -1; }
    for (size_t k = k0; k < k1; k++) {
        unsigned x = 0;
        for (size_t b = 6 * k; b < 6 * k + 6; b++) {
            size_t byte = b / 8 - align;   /* b >= 8*align here */
            x = x << 1 | ((v[byte] >> (7 - b % 8)) & 1);
        }
        s[k - k0] = (uint8_t)B64[x];
        u[k - k0] = (uint8_t)B64U[x];
    }
    int rc = ac_add(a, s, k1 - k0) || ac_add(a, u, k1 - k0) ? -1 : 0;
    free(s);
    free(u);
    return rc;
}

static int add_secret(bxn_redactor *r, const uint8_t *v, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (n > r->maxsecret) r->maxsecret = n;
    r->has_intro |= memchr(v, '\\', n) || memchr(v, '%', n) || memchr(v, '&', n);
    r->has_space |= memchr(v, ' ', n) != NULL;
    for (size_t i = 0; i < n; i++) r->has_high |= v[i] >= 0x80;
    if (ac_add(&r->text, v, n)) return -1;
    uint8_t *h = malloc(2 * n + 1);
    if (!h) return -1;
    for (size_t i = 0; i < n; i++) {
        h[2 * i] = (uint8_t)hex[v[i] >> 4];
        h[2 * i + 1] = (uint8_t)hex[v[i] & 15];
    }
    int rc = ac_add(&r->blind, h, 2 * n);
    free(h);
    for (unsigned al = 0; al < 3 && !rc; al++) rc = add_b64(&r->blind, v, n, al);
    return rc;
}

static int b64val(int c)
{
    const char *p = c ? strchr(B64, c) : NULL;
    if (p) return (int)(p - B64);
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

/* "Scheme token": the token alone; "Basic b64": also what it decodes to. */
static int add_parts(bxn_redactor *r, const char *v)
{
    const char *sp = strchr(v, ' ');
    if (!sp) return 0;
    for (const char *p = v; p < sp; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') return 0;
    const char *tok = sp;
    while (*tok == ' ') tok++;
    size_t tl = strlen(tok);
    if (tl >= BXN_SECRET_MIN && add_secret(r, (const uint8_t *)tok, tl)) return -1;
    if ((size_t)(sp - v) == 5 && !strncasecmp(v, "basic", 5)) {
        uint8_t *d = malloc(tl + 1);
        size_t dn = 0;
        unsigned acc = 0, nb = 0;
        if (!d) return -1;
        for (size_t i = 0; i < tl && tok[i] != '='; i++) {
            int x = b64val((unsigned char)tok[i]);
            if (x < 0) { dn = 0; break; }
            acc = acc << 6 | (unsigned)x;
            nb += 6;
            if (nb >= 8) { nb -= 8; d[dn++] = (uint8_t)(acc >> nb); acc &= (1u << nb) - 1; }
        }
        int rc = dn >= BXN_SECRET_MIN ? add_secret(r, d, dn) : 0;
        free(d);
        if (rc) return -1;
    }
    return 0;
}

void bxn_redactor_free(bxn_redactor *r)
{
    if (!r) return;
    ac_free(&r->text);
    ac_free(&r->blind);
    free(r);
}

bxn_redactor *bxn_redactor_new(char *const *vals, size_t n)
{
    bxn_redactor *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (add_secret(r, (const uint8_t *)vals[i], strlen(vals[i])) || add_parts(r, vals[i])) {
            bxn_redactor_free(r);
            return NULL;
        }
    }
    if (ac_build(&r->text) || ac_build(&r->blind)) {
        bxn_redactor_free(r);
        return NULL;
    }
    return r;
}

size_t bxn_redactor_margin(const bxn_redactor *r)
{
    /* the longest ordinary spelling: \u00XX for every byte is 6 per byte */
    return r ? 8 * r->maxsecret + 64 : 0;
}

/* ---- decoding: one unit of escaped text ---------------------------------- */

static int hexv(uint8_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static long hexn(const uint8_t *s, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        int h = hexv(s[i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t utf8(unsigned long cp, uint8_t *o)
{
    if (cp < 0x80) { o[0] = (uint8_t)cp; return 1; }
    if (cp < 0x800) { o[0] = (uint8_t)(0xc0 | cp >> 6); o[1] = (uint8_t)(0x80 | (cp & 63)); return 2; }
    if (cp < 0x10000) {
        o[0] = (uint8_t)(0xe0 | cp >> 12);
        o[1] = (uint8_t)(0x80 | ((cp >> 6) & 63));
        o[2] = (uint8_t)(0x80 | (cp & 63));
        return 3;
    }
    if (cp > 0x10ffff) cp = 0xfffd;
    o[0] = (uint8_t)(0xf0 | cp >> 18);
    o[1] = (uint8_t)(0x80 | ((cp >> 12) & 63));
    o[2] = (uint8_t)(0x80 | ((cp >> 6) & 63));
    o[3] = (uint8_t)(0x80 | (cp & 63));
    return 4;
}

/* The longest escape read: &#x + 10 digits + ';' (or a surrogate pair). */
#define ESC_MAX 16

/* Decodes the unit at s[0..n): bytes out (<= 4), source bytes used in *used. */
enum { JS = 1, PCT = 2, HTM = 4, PLUS = 8, XBYTE = 16 };

static size_t dec_unit(const uint8_t *s, size_t n, unsigned fam, uint8_t *o, size_t *used)
{
    *used = 1;
    if (s[0] == '\\' && n >= 2 && (fam & JS)) {
        static const char from[] = "/\"\\'bfnrt", to[] = "/\"\\'\b\f\n\r\t";
        const char *k = s[1] ? strchr(from, s[1]) : NULL;
        if (k) { *used = 2; o[0] = (uint8_t)to[k - from]; return 1; }
        long cp;
        if (s[1] == 'u' && n >= 6 && (cp = hexn(s + 2, 4)) >= 0) {
            *used = 6;
            long lo;
            if (cp >= 0xd800 && cp < 0xdc00 && n >= 12 && s[6] == '\\' && s[7] == 'u' &&
                (lo = hexn(s + 8, 4)) >= 0xdc00 && lo < 0xe000) {
                *used = 12;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
            return utf8((unsigned long)cp, o);
        }
        if (s[1] == 'x' && n >= 4 && (cp = hexn(s + 2, 2)) >= 0) {
            *used = 4;
            if (fam & XBYTE) { o[0] = (uint8_t)cp; return 1; }   /* C, Python bytes: a byte */
            return utf8((unsigned long)cp, o);                  /* JavaScript, Python str: U+00HH */
        }
        if (s[1] == 'U' && n >= 10 && (cp = hexn(s + 2, 8)) >= 0) { *used = 10; return utf8((unsigned long)cp, o); }
    } else if (s[0] == '%' && n >= 3 && (fam & PCT)) {
        long cp;
        if ((cp = hexn(s + 1, 2)) >= 0) { *used = 3; o[0] = (uint8_t)cp; return 1; }
        if ((s[1] == 'u' || s[1] == 'U') && n >= 6 && (cp = hexn(s + 2, 4)) >= 0) {
            *used = 6;
            return utf8((unsigned long)cp, o);
        }
    } else if (s[0] == '&' && n >= 3 && (fam & HTM)) {
        size_t e = 1;
        while (e < n && e < ESC_MAX && s[e] != ';') e++;
        if (e < n && s[e] == ';') {
            unsigned long cp = 0;
            int ok = 0;
            if (s[1] == '#' && (s[2] == 'x' || s[2] == 'X') && e > 3) {
                long v = hexn(s + 3, e - 3);
                if (v >= 0) { cp = (unsigned long)v; ok = 1; }
            } else if (s[1] == '#' && e > 2) {
                ok = 1;
                for (size_t i = 2; i < e && ok; i++) {
                    if (!isdigit(s[i])) ok = 0;
                    else cp = cp * 10 + (unsigned long)(s[i] - '0');
                }
            } else {
                static const struct { const char *name; char c; } ents[] = {
                    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
                    {"sol", '/'}, {"colon", ':'}, {"equals", '='}, {"plus", '+'}, {"percnt", '%'}};
                for (size_t i = 0; i < sizeof ents / sizeof *ents && !ok; i++)
                    if (strlen(ents[i].name) == e - 1 && !strncasecmp((const char *)s + 1, ents[i].name, e - 1))
                        cp = (unsigned char)ents[i].c, ok = 1;
            }
            if (ok) { *used = e + 1; return utf8(cp, o); }
        }
    } else if (s[0] == '+' && (fam & PLUS)) {
        o[0] = ' ';
        return 1;
    }
    o[0] = s[0];
    return 1;
}

/* ---- one pass ---------------------------------------------------------- */

typedef struct pass {
    const ac *a;
    int blind;              /* whitespace does not count */
    uint32_t state;
    size_t *ring;           /* source offset of the last decoded bytes */
    size_t mask;            /* ring size - 1 (a power of two > maxlen) */
    uint64_t pos;           /* decoded bytes fed */
    size_t marked;          /* source bytes before this are handled */
} pass;

static void mark(uint8_t *bits, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) bits[i >> 3] |= (uint8_t)(1u << (i & 7));
}

/* Feed one decoded byte that came from source [src, src_end). */
static inline void feed(pass *p, uint8_t c, size_t src, size_t src_end, uint8_t *bits)
{
    if (p->blind && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) return;
    p->ring[p->pos & p->mask] = src;
    p->pos++;
    p->state = p->a->delta[(size_t)p->state * p->a->ncls + p->a->cls[c]];
    uint32_t len = p->a->out[p->state];
    if (len) {
        size_t start = p->ring[(p->pos - len) & p->mask];
        if (start < p->marked) start = p->marked;
        if (start < src_end) mark(bits, start, src_end);
        if (src_end > p->marked) p->marked = src_end;
    }
}

/* Where a possible match still open at the end begins (SIZE_MAX: none). */
static size_t pending(const pass *p)
{
    uint32_t d = p->a->depth[p->state];
    return d ? p->ring[(p->pos - d) & p->mask] : SIZE_MAX;
}

static int pass_init(pass *p, const ac *a, int blind)
{
    size_t rn = 1;
    while (rn <= a->maxlen) rn <<= 1;
    memset(p, 0, sizeof *p);
    p->a = a;
    p->blind = blind;
    p->mask = rn - 1;
    p->ring = a->n ? malloc(rn * sizeof *p->ring) : NULL;
    return a->n && !p->ring ? -1 : 0;
}

/* Marks every secret in s[0..n) in bits; returns where the text must be
 * withheld from when `partial` (n when nothing is), else n. */
static size_t scan(const bxn_redactor *r, const uint8_t *s, size_t n, int partial, uint8_t *bits, int *oom)
{
    /* The views of the text: as it is; every escape family decoded at
     * once (an echo may mix \/ and %2B); and, when a secret itself holds
     * an escape character ('%41' or '&x;' as text, which another family's
     * decoding would spoil), each family alone; '+' as a space when a
     * secret holds one; \\xHH as a byte (C, Python bytes) rather than
     * U+00HH (JavaScript, Python str) when a secret holds non-ASCII.  A view whose escape characters the text lacks
     * is the raw view again, and is skipped. */
    int bs = memchr(s, '\\', n) != NULL, pc = memchr(s, '%', n) != NULL, am = memchr(s, '&', n) != NULL,
        pl = memchr(s, '+', n) != NULL;
    struct { unsigned fam; int on; } views[] = {
        {0, 1},
        {JS | PCT | HTM, bs || pc || am},
        {JS, r->has_intro && bs},
        {PCT, r->has_intro && pc},
        {HTM, r->has_intro && am},
        {PCT | PLUS, r->has_space && (pc || pl)},
        {JS | XBYTE, r->has_high && bs},
    };
    size_t stop = n, withhold = n;
    /* In a cut text, an escape that may continue past the end is not read. */
    if (partial) stop = n > ESC_MAX ? n - ESC_MAX : 0, withhold = stop;
    for (size_t v = 0; v < sizeof views / sizeof *views; v++) {
        if (!views[v].on) continue;
        unsigned fam = views[v].fam;
        pass p[2];
        int np = 0;
        if (r->text.n && pass_init(&p[np++], &r->text, 0)) { *oom = 1; goto out; }
        if (r->blind.n && !(fam & PLUS) && pass_init(&p[np++], &r->blind, 1)) { free(p[0].ring); *oom = 1; goto out; }
        uint8_t intro[256] = {0};
        if (fam & JS) intro['\\'] = 1;
        if (fam & PCT) intro['%'] = 1;
        if (fam & HTM) intro['&'] = 1;
        if (fam & PLUS) intro['+'] = 1;
        size_t i = 0;
        while (i < stop) {
            uint8_t o[4];
            size_t used = 1, m = 1;
            if (intro[s[i]]) m = dec_unit(s + i, n - i, fam, o, &used);
            else o[0] = s[i];
            for (size_t j = 0; j < m; j++)
                for (int k = 0; k < np; k++) feed(&p[k], o[j], i, i + used, bits);
            i += used;
        }
        for (int k = 0; k < np; k++) {
            size_t pe = partial ? pending(&p[k]) : SIZE_MAX;
            if (pe < withhold) withhold = pe;
            free(p[k].ring);
        }
    }
out:
    return *oom ? 0 : withhold;
}

int bxn_redact_buf(const bxn_redactor *r, const uint8_t *in, size_t n, int partial, size_t cap,
                   uint8_t **out, size_t *outlen, int *cut)
{
    *out = NULL;
    *outlen = 0;
    *cut = 0;
    uint8_t *bits = calloc(n / 8 + 1, 1);
    if (!bits) return -1;
    int oom = 0;
    size_t keep = r ? scan(r, in, n, partial, bits, &oom) : n;
    if (oom) { free(bits); return -1; }
    if (keep < n) *cut = 1;
    /* one marker per marked run */
    size_t need = 0;
    for (size_t i = 0; i < keep;) {
        if (bits[i >> 3] & (1u << (i & 7))) {
            need += MARKLEN;
            while (i < keep && (bits[i >> 3] & (1u << (i & 7)))) i++;
        } else {
            need++;
            i++;
        }
    }
    uint8_t *o = malloc(need + 1);
    if (!o) { free(bits); return -1; }
    size_t w = 0;
    for (size_t i = 0; i < keep;) {
        if (bits[i >> 3] & (1u << (i & 7))) {
            /* the cap never splits a marker: it would look like text */
            if (w + MARKLEN > cap) { *cut = 1; break; }
            memcpy(o + w, MARK, MARKLEN);
            w += MARKLEN;
            while (i < keep && (bits[i >> 3] & (1u << (i & 7)))) i++;
        } else {
            if (w + 1 > cap) { *cut = 1; break; }
            o[w++] = in[i++];
        }
    }
    o[w] = 0;
    free(bits);
    *out = o;
    *outlen = w;
    return 0;
}

int bxn_redact_str(const bxn_redactor *r, char **s)
{
    if (!r || !*s) return 0;
    uint8_t *o;
    size_t ol;
    int cut;
    if (bxn_redact_buf(r, (const uint8_t *)*s, strlen(*s), 0, SIZE_MAX, &o, &ol, &cut) != 0) {
        /* cannot copy: blank it rather than let it through */
        memset(*s, '*', strlen(*s));
        return -1;
    }
    free(*s);
    *s = (char *)o;
    return 0;
}

void bxn_redact_msg(const bxn_redactor *r, char *msg, size_t ml)
{
    if (!r || !msg || !ml) return;
    char *d = strdup(msg);
    if (!d) { memset(msg, 0, ml); return; }
    /* a message filled to its buffer may have been cut inside a secret */
    size_t l = strlen(d);
    uint8_t *o;
    size_t ol;
    int cut;
    if (bxn_redact_buf(r, (const uint8_t *)d, l, l + 1 >= ml, SIZE_MAX, &o, &ol, &cut) != 0) {
        free(d);
        snprintf(msg, ml, "(message withheld: out of memory)");
        return;
    }
    snprintf(msg, ml, "%s", (char *)o);
    free(o);
    free(d);
}
