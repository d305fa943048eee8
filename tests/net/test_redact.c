/*
 * tests/net/test_redact.c — secret redaction (src/net/redact.c), tested
 * two ways:
 *
 *   test_redact              the redactor alone: every encoding a server can
 *                            echo a secret in (raw, case-changed, JSON \u in
 *                            both hex cases, \/, percent in both cases, '+'
 *                            for space, HTML references, base64 standard and
 *                            URL-safe, padded or not, at the three
 *                            alignments, MIME-wrapped, hex), embedded in
 *                            text, and cut at every length around it: what
 *                            comes out is always a prefix of the fully
 *                            redacted text, so no part of a secret
 *                            survives a cut.  The encoders here are
 *                            written independently of the redactor.
 *   test_redact PORT         also live: tests/net/server.py's /reflect
 *                            echoes the secret header in each encoding in
 *                            the body, a header value, a header name, a
 *                            Location and the status text, through
 *                            bx_net_request; the response (every field),
 *                            the error message and the audit log are
 *                            checked, at max_response_bytes around the echo.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "net_impl.h"

#include "../check.h"


/* '/', '+', '&', '=', '%', '?', ' ', '"' and '\\': every escape has work */
static const char SECRET[] = "Bearer sk/live+Tok&en=42%ab_CD-ef?gh\"q\\z";
static const char TOKEN[] = "sk/live+Tok&en=42%ab_CD-ef?gh\"q\\z";

/* ---- independent encoders ------------------------------------------------- */

typedef struct buf { char *p; size_t n, cap; } buf;
static void put(buf *b, const void *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p) abort();
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}
static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }
static void putf(buf *b, const char *fmt, unsigned v)
{
    char t[32];
    snprintf(t, sizeof t, fmt, v);
    puts_(b, t);
}

static void b64(buf *b, const unsigned char *s, size_t n, const char *alpha, int pad, size_t wrap)
{
    size_t col = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);
        size_t k = n - i >= 3 ? 4 : n - i + 1;
        for (size_t j = 0; j < 4; j++) {
            if (j < k) put(b, &alpha[(v >> (18 - 6 * j)) & 63], 1);
            else if (pad) put(b, "=", 1);
            if (wrap && ++col == wrap) { puts_(b, "\r\n"); col = 0; }
        }
    }
}

static const char STD[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char URLS[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

enum { RAW, UPPER, LOWER, JSON_U, JSON_UU, JSON_STD, JSON_SLASH, JSON_MIXED, PCT, PCTL, PCT_PLUS,
       PCT_U, HTML_DEC, HTML_HEX, HTML_NAMED, XESC, HEXL, HEXU, HEXSP,
       B64, NENC };
static const char *enc_name[] = {"raw", "upper", "lower", "json-\\u", "json-\\U", "json-std", "json-\\/",
                                 "json-mixed", "pct", "pct-lower", "pct-plus", "pct-%u", "html-dec",
                                 "html-hex", "html-named", "\\x", "hex", "HEX", "hex-spaced", "b64"};

static int unreserved(int c) { return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

/* The encoded form of s; for base64: alphabet, padding, alignment, wrap. */
static void encode(buf *b, int enc, const char *s, int b64alpha, int pad, unsigned align, size_t wrap)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n && enc != B64; i++) {
        unsigned char c = (unsigned char)s[i];
        char ch = (char)c;
        switch (enc) {
        case RAW: put(b, &ch, 1); break;
        case UPPER: ch = (char)toupper(c); put(b, &ch, 1); break;
        case LOWER: ch = (char)tolower(c); put(b, &ch, 1); break;
        case JSON_U: putf(b, "\\u%04x", c); break;
        case JSON_UU: putf(b, "\\u%04X", c); break;
        case JSON_STD:
            if (c == '"' || c == '\\') { put(b, "\\", 1); put(b, &ch, 1); }
            else put(b, &ch, 1);
            break;
        case JSON_SLASH:
            if (c == '"' || c == '\\' || c == '/') { put(b, "\\", 1); put(b, &ch, 1); }
            else put(b, &ch, 1);
            break;
        case JSON_MIXED:   /* what PHP and some Go encoders do: \/ and \u0026 style */
            if (c == '/') puts_(b, "\\/");
            else if (c == '&' || c == '<' || c == '>' || c == '+' || c == '=') putf(b, "\\u%04X", c);
            else if (c == '"' || c == '\\') { put(b, "\\", 1); put(b, &ch, 1); }
            else if (i % 3 == 0) putf(b, "\\u%04x", c);
            else put(b, &ch, 1);
            break;
        case PCT: putf(b, "%%%02X", c); break;
        case PCTL: if (unreserved(c)) put(b, &ch, 1); else putf(b, "%%%02x", c); break;
        case PCT_PLUS:
            if (c == ' ') puts_(b, "+");
            else if (unreserved(c)) put(b, &ch, 1);
            else putf(b, "%%%02X", c);
            break;
        case PCT_U: putf(b, "%%u%04X", c); break;
        case HTML_DEC: putf(b, "&#%u;", c); break;
        case HTML_HEX: putf(b, i % 2 ? "&#x%x;" : "&#X%04X;", c); break;
        case HTML_NAMED:
            if (c == '&') puts_(b, "&amp;");
            else if (c == '"') puts_(b, "&quot;");
            else if (c == '/') puts_(b, "&#47;");
            else put(b, &ch, 1);
            break;
        case XESC: putf(b, "\\x%02x", c); break;
        case HEXL: putf(b, "%02x", c); break;
        case HEXU: putf(b, "%02X", c); break;
        case HEXSP: putf(b, i + 1 < n ? "%02x " : "%02x", c); break;
        }
    }
    if (enc == B64) {
        /* embedded in a longer base64 stream, `align` bytes in */
        unsigned char t[256];
        size_t k = 0;
        static const unsigned char lead[] = {0xfa, 0x11};
        for (unsigned a = 0; a < align; a++) t[k++] = lead[a];
        memcpy(t + k, s, n);
        k += n;
        t[k++] = 0x5e;
        b64(b, t, k, b64alpha ? URLS : STD, pad, wrap);
    }
}

/* ---- the redactor alone ----------------------------------------------------- */

static char *red(const bxn_redactor *r, const char *in, size_t n, int partial, size_t cap, size_t *ol, int *cut)
{
    uint8_t *o = NULL;
    if (bxn_redact_buf(r, (const uint8_t *)in, n, partial, cap, &o, ol, cut) != 0) return NULL;
    return (char *)o;
}

/* Base64 leaves up to a character on each side of the secret's whole ones
 * (they also hold the neighbours' bits): a leak is any 5 characters of the
 * secret's own encoding still there. */
static int b64_leak(const char *out, const char *enc, size_t lo, size_t hi)
{
    for (size_t i = lo; i + 5 <= hi; i++) {
        char w[6];
        memcpy(w, enc + i, 5);
        w[5] = 0;
        if (strstr(out, w)) return 1;
    }
    return 0;
}

static void test_alone(void)
{
    char *vals[] = {(char *)SECRET};
    bxn_redactor *r = bxn_redactor_new(vals, 1);
    CHECK(r != NULL, "redactor built");
    if (!r) return;
    size_t margin = bxn_redactor_margin(r);
    int cases = 0;
    for (int enc = 0; enc < NENC; enc++) {
        int variants = enc == B64 ? 2 * 2 * 3 * 2 : 1;
        for (int v = 0; v < variants; v++) {
            int alpha = v & 1, pad = (v >> 1) & 1;
            unsigned align = (unsigned)(v >> 2) % 3;
            size_t wrap = v >= 12 ? 76 : 0;
            for (int which = 0; which < 2; which++) {   /* the whole value, then the token alone */
                buf e = {0}, body = {0};
                encode(&e, enc, which ? TOKEN : SECRET, alpha, pad, align, wrap);
                puts_(&body, "{\"note\": \"before <> ");
                size_t at = body.n;
                put(&body, e.p, e.n);
                puts_(&body, " after\", \"n\": 1}");
                char what[128];
                snprintf(what, sizeof what, "%s%s%s%s align %u%s (%s)", enc_name[enc],
                         enc == B64 ? (alpha ? " url-safe" : " standard") : "",
                         enc == B64 ? (pad ? " padded" : " unpadded") : "", wrap ? " wrapped" : "",
                         enc == B64 ? align : 0, "", which ? "token alone" : "whole value");
                size_t fl;
                int cut;
                char *full = red(r, body.p, body.n, 0, SIZE_MAX, &fl, &cut);
                cases++;
                CHECK(full && strstr(full, "[REDACTED]"), "%s: redacted: %s", what, full ? full : "(oom)");
                if (!full) continue;
                CHECK(!strncmp(full, body.p, at > 2 ? at - 2 : 0), "%s: the text before is kept: %s", what, full);
                CHECK(strstr(full, " after\", \"n\": 1}") != NULL || enc == B64, "%s: the text after is kept: %s", what, full);
                if (enc == B64) {
                    CHECK(!b64_leak(full, body.p, at + 3, at + e.n - 3), "%s: no 5 chars of the encoding left: %s", what, full);
                } else {
                    CHECK(!strcasestr(full, e.p) && !strcasestr(full, which ? TOKEN : SECRET),
                          "%s: no encoding left: %s", what, full);
                    /* exactly the echo, no more: before + marker + after */
                    buf want = {0};
                    put(&want, body.p, at);
                    puts_(&want, "[REDACTED] after\", \"n\": 1}");
                    CHECK(!strcmp(full, want.p), "%s: exactly the echo is replaced:\n  got  %s\n  want %s", what, full, want.p);
                    free(want.p);
                }
                /* Every cut: what a guest sees is a prefix of the fully redacted
                 * text, whether the host read a margin past the cap or not. */
                int bad = 0;
                for (size_t cap = 0; cap <= body.n + 2 && !bad; cap++) {
                    for (int withmargin = 0; withmargin < 2 && !bad; withmargin++) {
                        size_t got = withmargin ? cap + margin : cap;
                        int partial = got < body.n;
                        if (!partial) got = body.n;
                        size_t ol;
                        char *o = red(r, body.p, got, partial, cap, &ol, &cut);
                        if (!o || ol > cap || strncmp(o, full, ol) ||
                            (withmargin && cap >= fl && strcmp(o, full)) ||
                            (withmargin && cap >= at + 10 && cap < fl && ol < at)) {
                            CHECK(0, "%s: cut at %zu (%s margin): not a prefix of the redacted text: %.*s",
                                  what, cap, withmargin ? "with" : "without", (int)ol, o ? o : "(oom)");
                            bad = 1;
                        }
                        free(o);
                    }
                }
                if (!bad) npass++;
                free(full);
                free(e.p);
                free(body.p);
            }
        }
    }
    printf("# %d encodings checked, each cut at every length\n", cases);

    /* Many echoes, back to back and apart: linear, all redacted. */
    buf big = {0};
    for (int i = 0; i < 20000; i++) {
        puts_(&big, i % 2 ? SECRET : TOKEN);
        if (i % 3) puts_(&big, "-");
    }
    size_t ol;
    int cut;
    char *o = red(r, big.p, big.n, 0, SIZE_MAX, &ol, &cut);
    CHECK(o && !strcasestr(o, "sk/live") && strstr(o, "[REDACTED]"), "20000 echoes redacted");
    free(o);
    free(big.p);

    /* A text that is only near-misses stays as it is. */
    const char *miss = "Bearer sk/live+Tok&en=42%ab_CD-ef?gh\"q\\ and sk/live+Tok&en=42%ab_CD-ef?gh\\q\\z";
    o = red(r, miss, strlen(miss), 0, SIZE_MAX, &ol, &cut);
    CHECK(o && !strcmp(o, miss), "near misses are not redacted: %s", o ? o : "");
    free(o);
    bxn_redactor_free(r);

    /* No secrets: the cap alone. */
    o = red(NULL, "abcdef", 6, 1, 4, &ol, &cut);
    CHECK(o && !strcmp(o, "abcd") && cut, "no secrets: cut at the cap");
    free(o);
}

/* A secret with non-ASCII characters: JSON's \u escapes of code points
 * (surrogate pairs beyond the BMP), Python's \U, percent-encoded UTF-8. */
static void test_utf8(void)
{
    static const char S[] = "t\xc3\xb6k\xc3\xa9n-\xe2\x82\xac-\xf0\x9f\x98\x80-1234";   /* tökén-€-😀-1234 */
    char *vals[] = {(char *)S};
    bxn_redactor *r = bxn_redactor_new(vals, 1);
    CHECK(r != NULL, "utf-8 redactor");
    if (!r) return;
    /* code points of S, decoded here independently */
    unsigned long cps[64];
    size_t ncp = 0;
    for (const unsigned char *p = (const unsigned char *)S; *p;) {
        unsigned long c = *p;
        int k = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
        if (k) c &= 0x3f >> k;
        p++;
        while (k--) c = c << 6 | (*p++ & 0x3f);
        cps[ncp++] = c;
    }
    for (int form = 0; form < 6; form++) {
        buf e = {0}, body = {0};
        for (size_t i = 0; i < ncp; i++) {
            unsigned long c = cps[i];
            if (form == 0 || form == 1) {          /* JSON, ensure_ascii, lower/upper hex */
                const char *f = form ? "\\u%04X" : "\\u%04x";
                if (c < 0x80 && form == 0) { char ch = (char)c; put(&e, &ch, 1); }
                else if (c < 0x10000) putf(&e, f, (unsigned)c);
                else { putf(&e, f, (unsigned)(0xd800 + ((c - 0x10000) >> 10))); putf(&e, f, (unsigned)(0xdc00 + ((c - 0x10000) & 0x3ff))); }
            } else if (form == 2) {                  /* Python repr: \xHH, \uXXXX, \UXXXXXXXX */
                if (c < 0x80) { char ch = (char)c; put(&e, &ch, 1); }
                else if (c < 0x100) putf(&e, "\\x%02x", (unsigned)c);
                else if (c < 0x10000) putf(&e, "\\u%04x", (unsigned)c);
                else putf(&e, "\\U%08x", (unsigned)c);
            }
        }
        if (form == 3) for (const unsigned char *p = (const unsigned char *)S; *p; p++) putf(&e, "%%%02x", *p);
        if (form == 4) b64(&e, (const unsigned char *)S, strlen(S), STD, 1, 0);
        if (form == 5)   /* Python bytes repr: every non-ASCII byte as \xHH */
            for (const unsigned char *p = (const unsigned char *)S; *p; p++) {
                if (*p < 0x80) put(&e, p, 1);
                else putf(&e, "\\x%02x", *p);
            }
        puts_(&body, "<<");
        put(&body, e.p, e.n);
        puts_(&body, ">>");
        size_t ol;
        int cut;
        char *o = red(r, body.p, body.n, 0, SIZE_MAX, &ol, &cut);
        if (form == 4)
            CHECK(o && strstr(o, "[REDACTED]") && strlen(o) <= 4 + 10 + 4, "utf-8 secret, base64: %s", o ? o : "");
        else
            CHECK(o && !strcmp(o, "<<[REDACTED]>>"), "utf-8 secret, form %d (%s): %s", form, e.p, o ? o : "");
        free(o);
        free(e.p);
        free(body.p);
    }
    bxn_redactor_free(r);
}

/* ---- configuration ------------------------------------------------------------- */

static void test_config(void)
{
    static const char *shortv[] = {"https://api.example.com:X-Key=a", "https://api.example.com:X-Key=abc",
                                   "https://api.example.com:X-Key=1234567"};
    for (size_t i = 0; i < sizeof shortv / sizeof *shortv; i++) {
        bx_net_config c;
        bx_error err;
        memset(&c, 0, sizeof c);
        memset(&err, 0, sizeof err);
        c.g.secret_headers = (char **)&shortv[i];
        c.g.nsecret_headers = 1;
        bx_net *n = bx_net_new(&c, &err);
        const char *val = strchr(shortv[i], '=') + 1;
        CHECK(!n && strstr(err.msg, "shorter than 8 bytes") && strstr(err.msg, "X-Key") &&
              !strstr(err.msg, strlen(val) > 1 ? val : "=a"),
              "a %zu-byte secret is refused, naming the header, not the value: %s", strlen(val), err.msg);
        bx_net_free(n);
    }
    const char *ok8 = "https://api.example.com:X-Key=12345678";
    bx_net_config c;
    bx_error err;
    memset(&c, 0, sizeof c);
    c.g.secret_headers = (char **)&ok8;
    c.g.nsecret_headers = 1;
    bx_net *n = bx_net_new(&c, &err);
    CHECK(n != NULL, "an 8-byte secret is accepted");
    bx_net_free(n);
}

/* ---- live ------------------------------------------------------------------------ */

static char audit_log[1 << 16];
static void audit(void *user, const char *event, const char *subject, int allow, const char *rule,
                  const char *hint)
{
    (void)user;
    size_t l = strlen(audit_log);
    snprintf(audit_log + l, sizeof audit_log - l, "%s %s %d %s %s\n", event, subject ? subject : "-", allow,
             rule ? rule : "-", hint ? hint : "-");
}

/* Any of the forms of the secret the server can produce, in s? */
static int leaks(const char *s, const char *e)
{
    if (!s) return 0;
    if (strcasestr(s, TOKEN)) return 1;
    /* any 8 bytes of the echo as sent */
    size_t n = strlen(e);
    for (size_t i = 0; i + 8 <= n; i++) {
        char w[9];
        memcpy(w, e + i, 8);
        w[8] = 0;
        if (strcasestr(s, w)) return 1;
    }
    return 0;
}

static void test_live(const char *port)
{
    char origin[64], spec[256], allow[64];
    snprintf(origin, sizeof origin, "http://127.0.0.1:%s", port);
    snprintf(allow, sizeof allow, "%s", origin);
    snprintf(spec, sizeof spec, "%s:X-Api-Key=%s", origin, SECRET);
    const char *allows[] = {allow}, *specs[] = {spec}, *lift[] = {"127.0.0.1"};
    bx_net_config c;
    bx_error err;
    memset(&c, 0, sizeof c);
    c.allow = allows;
    c.nallow = 1;
    c.g.allow_networks = (char **)lift;
    c.g.nallow_networks = 1;
    c.block_private = 1;
    c.g.secret_headers = (char **)specs;
    c.g.nsecret_headers = 1;
    c.audit = audit;
    bx_net *n = bx_net_new(&c, &err);
    CHECK(n != NULL, "live net: %s", n ? "" : err.msg);
    if (!n) return;
    static const char *encs[] = {"raw", "upper", "lower", "json_u", "json_U", "json_slash", "json_std",
                                 "pct", "pctl", "pct_plus", "html", "hex", "b64", "b64u", "b64np",
                                 "b64unp", "b64mime"};
    static const char *wheres[] = {"body", "header_value", "header_name", "location", "location_follow", "reason"};
    int nreq = 0;
    for (size_t w = 0; w < sizeof wheres / sizeof *wheres; w++) {
        for (size_t e = 0; e < sizeof encs / sizeof *encs; e++) {
            for (unsigned pre = 0; pre < (!strncmp(encs[e], "b64", 3) ? 3u : 1u); pre++) {
                for (int tok = 0; tok < 2; tok++) {
                    char url[256];
                    snprintf(url, sizeof url, "%s/reflect?enc=%s&where=%s&pre=%u&part=%s", origin, encs[e],
                             wheres[w], pre, tok ? "token" : "value");
                    bx_http_request rq;
                    memset(&rq, 0, sizeof rq);
                    rq.url = url;
                    rq.max_redirects = strcmp(wheres[w], "location_follow") ? 0 : -1;
                    bx_http_response out;
                    char msg[512];
                    char form_buf[1024] = "";
                    if (!strcmp(wheres[w], "location_follow")) {
                        /* the form the server sends: from the same echo, not followed */
                        char probe[256];
                        snprintf(probe, sizeof probe, "%s/reflect?enc=%s&where=location&pre=%u&part=%s", origin,
                                 encs[e], pre, tok ? "token" : "value");
                        bx_http_request pq;
                        memset(&pq, 0, sizeof pq);
                        pq.url = probe;
                        pq.max_redirects = 0;
                        if (bx_net_request(n, &pq, &out, msg, sizeof msg) == BX_NET_OK) {
                            for (size_t i = 0; i < out.nheaders; i++)
                                if (!strcmp(out.header_names[i], "x-echo-form-rev"))
                                    snprintf(form_buf, sizeof form_buf, "%s", out.header_values[i]);
                            bx_http_response_free(&out);
                        }
                    }
                    audit_log[0] = 0;
                    bx_net_code rc = bx_net_request(n, &rq, &out, msg, sizeof msg);
                    nreq++;
                    /* what the server sent, to look for its pieces */
                    /* (reversed, so that it is not itself an echo) */
                    char echo_buf[1024], *echo = NULL;
                    for (size_t i = 0; rc == BX_NET_OK && i < out.nheaders; i++)
                        if (!strcmp(out.header_names[i], "x-echo-form-rev"))
                            snprintf(form_buf, sizeof form_buf, "%s", out.header_values[i]);
                    if (form_buf[0]) {
                        size_t l = strlen(form_buf);
                        for (size_t k = 0; k < l; k++) echo_buf[k] = form_buf[l - 1 - k];
                        echo_buf[l] = 0;
                        echo = echo_buf;
                    }
                    CHECK(rc == BX_NET_OK && echo, "%s: answered (%d %s)", url, rc, msg);
                    if (rc != BX_NET_OK || !echo) continue;
                    int leak = leaks((const char *)out.body, echo) || leaks(out.final_url, echo) ||
                               leaks(msg, echo) || leaks(audit_log, echo);
                    for (size_t i = 0; i < out.nheaders; i++)
                        if (strcmp(out.header_names[i], "x-echo-form-rev"))
                            leak |= leaks(out.header_names[i], echo) || leaks(out.header_values[i], echo);
                    /* the reflected header itself names its form, not the secret */
                    CHECK(!leak, "%s: the secret is nowhere in the response, message or audit", url);
                    if (leak) {
                        printf("  body: %.300s\n", (const char *)out.body);
                        for (size_t i = 0; i < out.nheaders; i++)
                            printf("  %s: %.200s\n", out.header_names[i], out.header_values[i]);
                    }
                    bx_http_response_free(&out);
                }
            }
        }
    }
    printf("# %d live echoes\n", nreq);

    /* The reproduction: /echo with max_response_bytes at every length around
     * the secret; the body is always a prefix of the uncut redacted body. */
    char url[128];
    snprintf(url, sizeof url, "%s/echo", origin);
    bx_http_request rq;
    memset(&rq, 0, sizeof rq);
    rq.url = url;
    bx_http_response full;
    char msg[512];
    bx_net_code rc = bx_net_request(n, &rq, &full, msg, sizeof msg);
    CHECK(rc == BX_NET_OK && strstr((const char *)full.body, "[REDACTED]"), "echo redacted");
    if (rc == BX_NET_OK) {
        const char *at = strstr((const char *)full.body, "[REDACTED]");
        size_t pos = at ? (size_t)(at - (const char *)full.body) : 0;
        int bad = 0;
        for (size_t cap = pos > 40 ? pos - 40 : 1; cap < pos + 60 && !bad; cap++) {
            bx_http_response o;
            rq.max_response_bytes = cap;
            rc = bx_net_request(n, &rq, &o, msg, sizeof msg);
            if (rc != BX_NET_OK || o.body_len > cap || strncmp((const char *)o.body, (const char *)full.body, o.body_len) ||
                strcasestr((const char *)o.body, "sk/live") || (cap < full.body_len && !o.truncated)) {
                CHECK(0, "echo cut at %zu: %.*s", cap, (int)o.body_len, (const char *)o.body);
                bad = 1;
            }
            bx_http_response_free(&o);
        }
        if (!bad) npass++;
        bx_http_response_free(&full);
    }
    bx_net_free(n);
}

int main(int argc, char **argv)
{
    test_alone();
    test_utf8();
    test_config();
    if (argc > 1 && argv[1][0]) test_live(argv[1]);
    return check_report();
}
