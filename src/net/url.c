/*
 * url.c — our own parser for the http(s) URLs a guest asks for.
 *
 * We parse and normalise instead of handing the guest's string to curl so
 * that the URL the policy judges is byte for byte the URL that goes out:
 * IPv4 hosts in every spelling WHATWG and inet_aton accept (2130706433,
 * 0x7f.1, 0177.0.0.1, 127.1) become dotted quads, IPv6 literals their
 * canonical text; userinfo, zone ids, percent-encoded or non-ASCII hosts,
 * control characters anywhere (CR/LF smuggling) are refused; paths get
 * their dot segments removed and needless escapes decoded, so a block_url
 * prefix cannot be dodged with /./, /%61dmin or //.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "net_impl.h"

int bxn_why(char *why, size_t wl, const char *fmt, ...)
{
    if (why && wl) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, wl, fmt, ap);
        va_end(ap);
    }
    return -1;
}

unsigned bxn_default_port(const char *scheme)
{
    return strcmp(scheme, "https") == 0 ? 443 : 80;
}

/* One IPv4 part: decimal, 0x hex or 0-led octal, as WHATWG and inet_aton
 * read it.  -1 when it is not a number. */
static int ipv4_part(const char *s, size_t n, uint64_t *v)
{
    unsigned base = 10;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
        n -= 2;
    } else if (n >= 2 && s[0] == '0') {
        base = 8;
        s++;
        n--;
    }
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++) {
        int d;
        char c = s[i];
        if (c >= '0' && c <= '9') d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return -1;
        if ((unsigned)d >= base) return -1;
        x = x * base + (unsigned)d;
        if (x > 0xffffffffull) x = 0x100000000ull;   /* too big; keep it from wrapping */
    }
    *v = x;
    return 0;
}

/* Whether the last label is a number (WHATWG "ends in a number"): then the
 * host must parse as IPv4 or is invalid. */
static int ends_in_number(const char *h, size_t n)
{
    size_t e = n, b;
    if (e && h[e - 1] == '.') e--;
    b = e;
    while (b && h[b - 1] != '.') b--;
    if (b == e) return 0;
    uint64_t v;
    int digits = 1;
    for (size_t i = b; i < e; i++)
        if (!isdigit((unsigned char)h[i])) digits = 0;
    if (digits) return 1;
    return e - b >= 2 && h[b] == '0' && (h[b + 1] == 'x' || h[b + 1] == 'X') &&
           ipv4_part(h + b, e - b, &v) == 0;
}

static int parse_ipv4(const char *h, size_t n, uint8_t out[4])
{
    uint64_t parts[4];
    size_t np = 0, i = 0;
    if (n && h[n - 1] == '.') n--;
    while (i <= n) {
        size_t j = i;
        while (j < n && h[j] != '.') j++;
        if (j == i || np == 4) return -1;
        if (ipv4_part(h + i, j - i, &parts[np]) != 0) return -1;
        np++;
        i = j + 1;
    }
    for (size_t k = 0; k + 1 < np; k++)
        if (parts[k] > 255) return -1;
    uint64_t last_max = np == 1 ? 0xffffffffull : np == 2 ? 0xffffffull : np == 3 ? 0xffffull : 0xffull;
    if (parts[np - 1] > last_max) return -1;
    uint32_t v = (uint32_t)parts[np - 1];
    for (size_t k = 0; k + 1 < np; k++) v |= (uint32_t)parts[k] << (24 - 8 * k);
    out[0] = (uint8_t)(v >> 24);
    out[1] = (uint8_t)(v >> 16);
    out[2] = (uint8_t)(v >> 8);
    out[3] = (uint8_t)v;
    return 0;
}

int bxn_host_parse(const char *h, size_t n, char *out, int *ipver, uint8_t ip[16],
                   char *why, size_t wl)
{
    *ipver = 0;
    memset(ip, 0, 16);
    if (n == 0) return bxn_why(why, wl, "the URL has no host");
    if (h[0] == '[') {
        char buf[64];
        if (h[n - 1] != ']') return bxn_why(why, wl, "unterminated [IPv6] host");
        if (n - 2 >= sizeof buf) return bxn_why(why, wl, "bad IPv6 host");
        memcpy(buf, h + 1, n - 2);
        buf[n - 2] = 0;
        if (strchr(buf, '%'))
            return bxn_why(why, wl, "IPv6 zone ids (%%...) are not allowed in URLs");
        if (inet_pton(AF_INET6, buf, ip) != 1) return bxn_why(why, wl, "bad IPv6 address [%s]", buf);
        inet_ntop(AF_INET6, ip, out, BXN_HOST_MAX);
        *ipver = 6;
        return 0;
    }
    if (n >= BXN_HOST_MAX - 1) return bxn_why(why, wl, "host name too long");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        if (c >= 0x80)
            return bxn_why(why, wl, "non-ASCII host names are not supported: use the punycode (xn--) form");
        if (c == '%') return bxn_why(why, wl, "percent-encoded host names are not allowed");
        if (!(isalnum(c) || c == '-' || c == '.' || c == '_'))
            return bxn_why(why, wl, "invalid character '%c' in the host", c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (ends_in_number(h, n)) {
        uint8_t v4[4];
        if (parse_ipv4(h, n, v4) != 0) return bxn_why(why, wl, "invalid IPv4 address '%.*s'", (int)n, h);
        memcpy(ip, v4, 4);
        inet_ntop(AF_INET, v4, out, BXN_HOST_MAX);
        *ipver = 4;
        return 0;
    }
    /* A name: lowercase, one trailing dot dropped, no empty labels. */
    size_t m = n;
    if (h[m - 1] == '.') m--;
    if (m == 0 || h[0] == '.' || h[m - 1] == '.') return bxn_why(why, wl, "empty label in host '%.*s'", (int)n, h);
    for (size_t i = 0; i < m; i++) {
        if (h[i] == '.' && i + 1 < m && h[i + 1] == '.')
            return bxn_why(why, wl, "empty label in host '%.*s'", (int)n, h);
        out[i] = (char)tolower((unsigned char)h[i]);
    }
    out[m] = 0;
    return 0;
}

/* ---- paths ---------------------------------------------------------- */

typedef struct sb { char *p; size_t n, cap; int oom; } sb;
static void sb_put(sb *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap * 2 : 64;
        while (c < b->n + n + 1) c *= 2;
        char *p = realloc(b->p, c);
        if (!p) { b->oom = 1; return; }
        b->p = p;
        b->cap = c;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}
static void sb_c(sb *b, char c) { sb_put(b, &c, 1); }

static int hexv(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int unreserved(int c) { return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

/* Escape what must not go out raw, decode escapes of unreserved bytes,
 * uppercase the rest.  Control bytes are refused (request smuggling). */
static int clean_part(const char *s, size_t n, sb *out, char *why, size_t wl)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return bxn_why(why, wl, "control character (0x%02x) in the URL", c);
        if (c == '%' && i + 2 < n && hexv(s[i + 1]) >= 0 && hexv(s[i + 2]) >= 0) {
            int v = hexv(s[i + 1]) * 16 + hexv(s[i + 2]);
            if (unreserved(v)) {
                sb_c(out, (char)v);
            } else {
                char e[3] = {'%', hex[v >> 4], hex[v & 15]};
                sb_put(out, e, 3);
            }
            i += 2;
        } else if (c >= 0x80 || c == ' ' || c == '"' || c == '<' || c == '>' || c == '`' ||
                   c == '{' || c == '}' || c == '|' || c == '^' || c == '%') {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            sb_put(out, e, 3);
        } else {
            sb_c(out, (char)c);
        }
    }
    return 0;
}

/* RFC 3986 5.2.4 on a path that starts with '/'; also collapses "//". */
void bxn_remove_dots(char *p)
{
    char *out = p;
    const char *in = p;
    while (*in) {
        while (*in == '/') in++;
        const char *e = in;
        while (*e && *e != '/') e++;
        size_t n = (size_t)(e - in);
        int trailing = *e == 0;
        if (n == 1 && in[0] == '.') {
            if (trailing) *out++ = '/';
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            while (out > p && *--out != '/') {}
            if (trailing) *out++ = '/';
        } else if (n > 0) {
            *out++ = '/';
            memmove(out, in, n);
            out += n;
        } else if (out == p || trailing) {
            *out++ = '/';
        }
        in = e;
    }
    if (out == p) *out++ = '/';
    *out = 0;
}

/* path (may be empty) and query (NULL = none) into u->path. */
static int set_path(bxn_url *u, const char *path, size_t pl, const char *query, size_t ql,
                    char *why, size_t wl)
{
    sb b = {0};
    sb_c(&b, '/');
    if (clean_part(path, pl, &b, why, wl) != 0) { free(b.p); return -1; }
    if (b.oom) { free(b.p); return bxn_why(why, wl, "out of memory"); }
    bxn_remove_dots(b.p);
    b.n = strlen(b.p);
    if (query) {
        sb_c(&b, '?');
        if (clean_part(query, ql, &b, why, wl) != 0) { free(b.p); return -1; }
    }
    if (b.oom) { free(b.p); return bxn_why(why, wl, "out of memory"); }
    if (b.n > BXN_URL_MAX) { free(b.p); return bxn_why(why, wl, "the URL is longer than %d bytes", BXN_URL_MAX); }
    free(u->path);
    u->path = b.p;
    return 0;
}

/* Split "path?query#frag" (backslashes already '/'). */
static int set_rest(bxn_url *u, const char *rest, char *why, size_t wl)
{
    size_t n = strcspn(rest, "#");
    const char *q = memchr(rest, '?', n);
    if (q) return set_path(u, rest, (size_t)(q - rest), q + 1, n - (size_t)(q - rest) - 1, why, wl);
    return set_path(u, rest, n, NULL, 0, why, wl);
}

/* set_rest of the first `keep` bytes of base path bp followed by ref. */
static int set_rest_joined(bxn_url *u, const char *bp, size_t keep, const char *ref, char *why,
                           size_t wl)
{
    size_t n = keep + strlen(ref) + 1;
    char *r = malloc(n);
    if (!r) return bxn_why(why, wl, "out of memory");
    snprintf(r, n, "%.*s%s", (int)keep, bp, ref);
    int rc = set_rest(u, r, why, wl);
    free(r);
    return rc;
}

int bxn_url_parse(const char *s, bxn_url *u, char *why, size_t wl)
{
    memset(u, 0, sizeof *u);
    if (!s) return bxn_why(why, wl, "no URL");
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ')) len--;
    while (len && *s == ' ') { s++; len--; }
    if (len > BXN_URL_MAX) return bxn_why(why, wl, "the URL is longer than %d bytes", BXN_URL_MAX);
    char *buf = malloc(len + 1);
    if (!buf) return bxn_why(why, wl, "out of memory");
    memcpy(buf, s, len);
    buf[len] = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c < 0x20 || c == 0x7f) {
            free(buf);
            return bxn_why(why, wl, "control character (0x%02x) in the URL", c);
        }
        if (c == '\\') buf[i] = '/';   /* as browsers read special schemes */
    }
    int rc = -1;
    char *colon = strstr(buf, "://");
    size_t sl = colon ? (size_t)(colon - buf) : 0;
    if (!colon || sl == 0 || sl >= sizeof u->scheme) {
        const char *c = strchr(buf, ':');
        if (c && (!strncasecmp(buf, "http:", 5) || !strncasecmp(buf, "https:", 6))) {
            rc = bxn_why(why, wl, "not an absolute URL: expected http://HOST/... or https://HOST/...");
        } else if (c && (size_t)(c - buf) < 12 && isalpha((unsigned char)buf[0])) {
            rc = bxn_why(why, wl, "only http:// and https:// URLs can be fetched (got %.*s:)", (int)(c - buf), buf);
        } else {
            rc = bxn_why(why, wl, "not an absolute URL: expected http://HOST/... or https://HOST/...");
        }
        goto out;
    }
    for (size_t i = 0; i < sl; i++) u->scheme[i] = (char)tolower((unsigned char)buf[i]);
    u->scheme[sl] = 0;
    if (strcmp(u->scheme, "http") && strcmp(u->scheme, "https")) {
        rc = bxn_why(why, wl, "only http:// and https:// URLs can be fetched (got %s://)", u->scheme);
        goto out;
    }
    char *auth = colon + 3;
    size_t al = strcspn(auth, "/?#");
    if (memchr(auth, '@', al)) {
        rc = bxn_why(why, wl, "credentials in URLs (user@host) are not allowed; a secret for an origin is "
                           "configured on the host (--secret-header)");
        goto out;
    }
    /* host[:port]; IPv6 in brackets */
    size_t hl;
    const char *portp = NULL;
    size_t portl = 0;
    if (auth[0] == '[') {
        const char *rb = memchr(auth, ']', al);
        if (!rb) { rc = bxn_why(why, wl, "unterminated [IPv6] host"); goto out; }
        hl = (size_t)(rb - auth) + 1;
        if (hl < al) {
            if (auth[hl] != ':') { rc = bxn_why(why, wl, "unexpected text after the IPv6 host"); goto out; }
            portp = auth + hl + 1;
            portl = al - hl - 1;
        }
    } else {
        const char *c = memchr(auth, ':', al);
        hl = c ? (size_t)(c - auth) : al;
        if (c) { portp = c + 1; portl = al - hl - 1; }
    }
    if (bxn_host_parse(auth, hl, u->host, &u->ipver, u->ip, why, wl) != 0) goto out;
    u->port = bxn_default_port(u->scheme);
    if (portp && portl) {
        unsigned long p = 0;
        for (size_t i = 0; i < portl; i++) {
            if (!isdigit((unsigned char)portp[i]) || p > 65535) { p = 0; break; }
            p = p * 10 + (unsigned)(portp[i] - '0');
        }
        if (p == 0 || p > 65535) { rc = bxn_why(why, wl, "invalid port '%.*s'", (int)portl, portp); goto out; }
        u->port = (unsigned)p;
    }
    rc = set_rest(u, auth + al, why, wl);
out:
    free(buf);
    if (rc != 0) bxn_url_free(u);
    return rc;
}

void bxn_url_free(bxn_url *u)
{
    free(u->path);
    u->path = NULL;
}

void bxn_url_origin(const bxn_url *u, char *buf, size_t cap)
{
    const char *lb = u->ipver == 6 ? "[" : "", *rb = u->ipver == 6 ? "]" : "";
    if (u->port == bxn_default_port(u->scheme))
        snprintf(buf, cap, "%s://%s%s%s", u->scheme, lb, u->host, rb);
    else
        snprintf(buf, cap, "%s://%s%s%s:%u", u->scheme, lb, u->host, rb, u->port);
}

char *bxn_url_string(const bxn_url *u)
{
    char origin[BXN_HOST_MAX + 32];
    bxn_url_origin(u, origin, sizeof origin);
    size_t n = strlen(origin) + strlen(u->path ? u->path : "/") + 1;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s%s", origin, u->path ? u->path : "/");
    return s;
}

int bxn_same_origin(const bxn_url *a, const bxn_url *b)
{
    return !strcmp(a->scheme, b->scheme) && !strcmp(a->host, b->host) && a->port == b->port;
}

int bxn_url_join(const bxn_url *base, const char *ref, bxn_url *out, char *why, size_t wl)
{
    memset(out, 0, sizeof *out);
    while (*ref == ' ') ref++;
    /* absolute (any scheme: non-http ones are refused by the parser) */
    const char *p = ref;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.') p++;
    if (p != ref && *p == ':' && isalpha((unsigned char)ref[0]))
        return bxn_url_parse(ref, out, why, wl);
    if ((ref[0] == '/' || ref[0] == '\\') && (ref[1] == '/' || ref[1] == '\\')) {
        size_t n = strlen(base->scheme) + strlen(ref) + 2;
        char *abs = malloc(n);
        if (!abs) return bxn_why(why, wl, "out of memory");
        snprintf(abs, n, "%s:%s", base->scheme, ref);
        int rc = bxn_url_parse(abs, out, why, wl);
        free(abs);
        return rc;
    }
    *out = *base;
    out->path = NULL;
    const char *bp = base->path ? base->path : "/";
    size_t bpl = strcspn(bp, "?");
    int rc;
    if (ref[0] == '/' || ref[0] == '\\') {
        char *r = strdup(ref);
        if (!r) return bxn_why(why, wl, "out of memory");
        for (char *q = r; *q && *q != '?' && *q != '#'; q++)
            if (*q == '\\') *q = '/';
        rc = set_rest(out, r, why, wl);
        free(r);
    } else if (ref[0] == '?') {
        rc = set_rest_joined(out, bp, bpl, ref, why, wl);
    } else if (ref[0] == '#' || ref[0] == 0) {
        rc = set_rest(out, bp, why, wl);
    } else {
        size_t dir = bpl;
        while (dir && bp[dir - 1] != '/') dir--;
        rc = set_rest_joined(out, bp, dir, ref, why, wl);
    }
    if (rc != 0) bxn_url_free(out);
    return rc;
}
