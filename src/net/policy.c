/*
 * policy.c — what may go out: allowlist patterns, blocked networks (and the
 * "private" set), block_url prefixes, secret headers, header rules, and the
 * per-hop decision (bxn_check_hop) that resolves the host itself and checks
 * every address before the request engine pins the connection to one.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "net_impl.h"

uint64_t bxn_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- allowlist patterns ------------------------------------------------ */

int bxn_pattern_parse(const char *s, bxn_pattern *p, char *why, size_t wl)
{
    memset(p, 0, sizeof *p);
    snprintf(p->text, sizeof p->text, "%s", s);
    const char *sep = strstr(s, "://");
    if (!sep || sep == s || (size_t)(sep - s) >= sizeof p->scheme)
        return bxn_why(why, wl, "bad host pattern '%s': expected SCHEME://HOST[:PORT], e.g. https://api.example.com", s);
    for (size_t i = 0; s + i < sep; i++) p->scheme[i] = (char)tolower((unsigned char)s[i]);
    if (strcmp(p->scheme, "http") && strcmp(p->scheme, "https") && strcmp(p->scheme, "*"))
        return bxn_why(why, wl, "bad host pattern '%s': the scheme must be http, https or *", s);
    const char *h = sep + 3;
    size_t n = strlen(h);
    if (n && h[n - 1] == '/') n--;                   /* "https://x.com/" */
    if (memchr(h, '/', n) || memchr(h, '?', n) || memchr(h, '#', n) || memchr(h, '@', n))
        return bxn_why(why, wl, "bad host pattern '%s': a pattern is an origin, without path, query or user", s);
    size_t hl;
    const char *port = NULL;
    if (n && h[0] == '[') {
        const char *rb = memchr(h, ']', n);
        if (!rb) return bxn_why(why, wl, "bad host pattern '%s': unterminated [IPv6]", s);
        hl = (size_t)(rb - h) + 1;
        if (hl < n) {
            if (h[hl] != ':') return bxn_why(why, wl, "bad host pattern '%s'", s);
            port = h + hl + 1;
        }
    } else {
        const char *c = memchr(h, ':', n);
        hl = c ? (size_t)(c - h) : n;
        if (c) port = c + 1;
    }
    if (hl == 1 && h[0] == '*') {
        p->host_kind = BXN_HOST_ANY;
    } else if (hl > 2 && h[0] == '*' && h[1] == '.') {
        int v;
        uint8_t ip[16];
        char tmp[BXN_HOST_MAX];
        if (memchr(h + 1, '*', hl - 1) || bxn_host_parse(h + 2, hl - 2, tmp, &v, ip, NULL, 0) != 0 || v)
            return bxn_why(why, wl, "bad host pattern '%s': after '*.' comes a domain name", s);
        p->host_kind = BXN_HOST_SUFFIX;
        size_t tl = strnlen(tmp, sizeof p->host - 2);
        p->host[0] = '.';
        memcpy(p->host + 1, tmp, tl);
        p->host[tl + 1] = 0;
    } else {
        int v;
        uint8_t ip[16];
        char w[200];
        if (memchr(h, '*', hl))
            return bxn_why(why, wl, "bad host pattern '%s': '*' stands for a whole host, a leading "
                                 "subdomain part (*.example.com), a port or a scheme", s);
        if (bxn_host_parse(h, hl, p->host, &v, ip, w, sizeof w) != 0)
            return bxn_why(why, wl, "bad host pattern '%s': %s", s, w);
    }
    if (port) {
        size_t pl = n - (size_t)(port - h);
        if (pl == 1 && port[0] == '*') {
            p->port = -1;
        } else {
            long v = 0;
            for (size_t i = 0; i < pl; i++) {
                if (!isdigit((unsigned char)port[i]) || v > 65535) { v = 0; break; }
                v = v * 10 + (port[i] - '0');
            }
            if (v <= 0 || v > 65535) return bxn_why(why, wl, "bad host pattern '%s': bad port", s);
            p->port = (int)v;
        }
    }
    return 0;
}

int bxn_pattern_match(const bxn_pattern *p, const bxn_url *u)
{
    if (strcmp(p->scheme, "*") && strcmp(p->scheme, u->scheme)) return 0;
    if (p->port == 0 ? u->port != bxn_default_port(u->scheme) : p->port > 0 && (unsigned)p->port != u->port)
        return 0;
    if (p->host_kind == BXN_HOST_ANY) return 1;
    if (p->host_kind == BXN_HOST_SUFFIX) {
        size_t hl = strlen(u->host), sl = strlen(p->host);
        return !u->ipver && hl > sl && !strcmp(u->host + hl - sl, p->host);
    }
    return !strcmp(p->host, u->host);
}

/* ---- networks ---------------------------------------------------------- */

int bxn_cidr_parse(const char *s, bxn_cidr *c)
{
    char buf[64];
    memset(c, 0, sizeof *c);
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if (n == 0 || n >= sizeof buf) return -1;
    memcpy(buf, s, n);
    buf[n] = 0;
    if (buf[0] == '[' && n > 2 && buf[n - 1] == ']') {
        memmove(buf, buf + 1, n - 2);
        buf[n - 2] = 0;
    }
    unsigned maxb;
    if (inet_pton(AF_INET, buf, c->addr) == 1) { c->family = 4; maxb = 32; }
    else if (inet_pton(AF_INET6, buf, c->addr) == 1) { c->family = 6; maxb = 128; }
    else return -1;
    c->bits = maxb;
    if (slash) {
        char *end;
        long b = strtol(slash + 1, &end, 10);
        if (end == slash + 1 || *end || b < 0 || b > (long)maxb) return -1;
        c->bits = (unsigned)b;
    }
    return 0;
}

static int in_cidr(const bxn_cidr *c, int family, const uint8_t *a)
{
    if (c->family != family) return 0;
    unsigned full = c->bits / 8, rest = c->bits % 8;
    if (memcmp(c->addr, a, full)) return 0;
    if (rest) {
        uint8_t mask = (uint8_t)(0xff << (8 - rest));
        if ((c->addr[full] & mask) != (a[full] & mask)) return 0;
    }
    return 1;
}

typedef struct range { int family; const char *net; unsigned bits; const char *label; } range;

/* Refused whatever the lists say: no HTTP server lives there, and some
 * (0.0.0.0, ::) reach the local host on Linux. */
static const range always[] = {
    {4, "0.0.0.0", 8, "unspecified 0.0.0.0/8 (reaches this host)"},
    {4, "224.0.0.0", 4, "multicast 224.0.0.0/4"},
    {4, "240.0.0.0", 4, "reserved 240.0.0.0/4 (incl. broadcast)"},
    {6, "::", 128, "unspecified ::"},
    {6, "ff00::", 8, "multicast ff00::/8"},
};

static const range private_ranges[] = {
    {4, "127.0.0.0", 8, "loopback 127.0.0.0/8"},
    {4, "10.0.0.0", 8, "private 10.0.0.0/8"},
    {4, "172.16.0.0", 12, "private 172.16.0.0/12"},
    {4, "192.168.0.0", 16, "private 192.168.0.0/16"},
    {4, "169.254.0.0", 16, "link-local 169.254.0.0/16 (cloud metadata)"},
    {4, "100.64.0.0", 10, "carrier-grade NAT 100.64.0.0/10"},
    {4, "192.0.0.0", 24, "IETF protocol assignments 192.0.0.0/24"},
    {4, "198.18.0.0", 15, "benchmarking 198.18.0.0/15"},
    {6, "::1", 128, "loopback ::1"},
    {6, "fe80::", 10, "link-local fe80::/10"},
    {6, "fec0::", 10, "site-local fec0::/10"},
    {6, "fc00::", 7, "unique local fc00::/7"},
    {6, "100::", 64, "discard 100::/64"},
    {6, "::", 96, "reserved ::/96"},
};

static const char *in_ranges(const range *r, size_t n, int family, const uint8_t *a)
{
    for (size_t i = 0; i < n; i++) {
        bxn_cidr c;
        if (r[i].family != family) continue;
        c.family = family;
        c.bits = r[i].bits;
        inet_pton(family == 4 ? AF_INET : AF_INET6, r[i].net, c.addr);
        if (in_cidr(&c, family, a)) return r[i].label;
    }
    return NULL;
}

/* IPv4 addresses an IPv6 address carries (mapped, compatible, translated,
 * NAT64, 6to4, Teredo server and client); returns how many. */
static int embedded_v4(const uint8_t *a, uint8_t out[3][4], const char *kind[3])
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const uint8_t translated[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0};
    static const uint8_t compat[12] = {0};
    static const uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t nat64l[6] = {0, 0x64, 0xff, 0x9b, 0, 1};
    int n = 0;
    if (!memcmp(a, mapped, 12)) { memcpy(out[n], a + 12, 4); kind[n++] = "IPv4-mapped"; }
    else if (!memcmp(a, translated, 12)) { memcpy(out[n], a + 12, 4); kind[n++] = "IPv4-translated"; }
    else if (!memcmp(a, compat, 12) && a[12]) { memcpy(out[n], a + 12, 4); kind[n++] = "IPv4-compatible"; }
    else if (!memcmp(a, nat64, 12)) { memcpy(out[n], a + 12, 4); kind[n++] = "NAT64"; }
    else if (!memcmp(a, nat64l, 6)) { memcpy(out[n], a + 12, 4); kind[n++] = "local NAT64"; }
    else if (a[0] == 0x20 && a[1] == 0x02) { memcpy(out[n], a + 2, 4); kind[n++] = "6to4"; }
    else if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0) {
        memcpy(out[n], a + 4, 4);
        kind[n++] = "Teredo server";
        for (int i = 0; i < 4; i++) out[n][i] = (uint8_t)~a[12 + i];
        kind[n++] = "Teredo client";
    }
    return n;
}

void bxn_addr_str(const bx_net_addr *a, char *buf, size_t cap)
{
    if (!inet_ntop(a->family, a->addr, buf, (socklen_t)cap)) snprintf(buf, cap, "?");
}

/* Blocked by a user CIDR or, when on, by "private": the label, else NULL. */
static const char *blocked_by(const bxn_nets *nets, int family, const uint8_t *a, char *buf, size_t cap)
{
    for (size_t i = 0; i < nets->nblock; i++) {
        if (in_cidr(&nets->block[i], family, a)) {
            char t[64];
            inet_ntop(family == 4 ? AF_INET : AF_INET6, nets->block[i].addr, t, sizeof t);
            snprintf(buf, cap, "--block-network %s/%u", t, nets->block[i].bits);
            return buf;
        }
    }
    if (nets->block_private) {
        const char *l = in_ranges(private_ranges, sizeof private_ranges / sizeof *private_ranges, family, a);
        if (l) { snprintf(buf, cap, "private (%s)", l); return buf; }
    }
    return NULL;
}

int bxn_addr_blocked(const bxn_nets *nets, const bx_net_addr *addr, char *why, size_t wl)
{
    int fam = addr->family == AF_INET ? 4 : 6;
    const uint8_t *a = addr->addr;
    uint8_t emb[3][4];
    const char *kind[3];
    int ne = fam == 6 ? embedded_v4(a, emb, kind) : 0;
    char as[64], lbl[128];
    bxn_addr_str(addr, as, sizeof as);

    /* The form the kernel connects to: an IPv4-mapped address is IPv4. */
    int dfam = fam;
    const uint8_t *da = a;
    if (ne && !strcmp(kind[0], "IPv4-mapped")) { dfam = 4; da = emb[0]; }

    const char *l = in_ranges(always, sizeof always / sizeof *always, fam, a);
    if (!l && dfam == 4) l = in_ranges(always, sizeof always / sizeof *always, 4, da);
    for (int i = 0; !l && i < ne; i++)
        if (in_ranges(always, sizeof always / sizeof *always, 4, emb[i])) l = "an embedded unspecified/multicast IPv4 address";
    if (l) {
        bxn_why(why, wl, "%s is in %s, which is never allowed", as, l);
        return 1;
    }

    const char *b = blocked_by(nets, fam, a, lbl, sizeof lbl);
    char embtxt[200] = "";
    for (int i = 0; !b && i < ne; i++) {
        b = blocked_by(nets, 4, emb[i], lbl, sizeof lbl);
        if (b) {
            char e4[20];
            inet_ntop(AF_INET, emb[i], e4, sizeof e4);
            snprintf(embtxt, sizeof embtxt, " (its %s IPv4 address %s)", kind[i], e4);
        }
    }
    if (!b) return 0;
    for (size_t i = 0; i < nets->nallow; i++)
        if (in_cidr(&nets->allow[i], dfam, da)) return 0;
    if (embtxt[0] && dfam == fam)
        bxn_why(why, wl, "%s%s is in a blocked network: %s", as, embtxt, b);
    else
        bxn_why(why, wl, "%s%s is in a blocked network: %s; to allow this address only, pass "
                      "--allow-network %s", as, embtxt, b, as);
    return 1;
}

/* ---- block_url, headers, audit ------------------------------------------ */

/* A deny rule must hold against every spelling a server may take for the
 * same resource, so both sides are compared in a form that folds them
 * together (fail closed: it may also match spellings a given server would
 * keep apart):
 *   - every percent escape decoded, repeatedly (a server or proxy in front
 *     of it may decode twice: %252F), %2F and %5C included;
 *   - '\' read as '/', ";params" dropped from each segment (/..;/ reaches
 *     the parent on Tomcat-like servers);
 *   - dot segments resolved, "//" collapsed (after the decoding, so
 *     /x/%2E%2E/admin and /%2Fadmin are /admin);
 *   - ASCII case folded: many servers (Windows, IIS, case-insensitive
 *     routers) treat /ADMIN as /admin.
 * The query (after the first raw '?') is decoded and folded the same way. */
static int hexdig(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static size_t pct_decode(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int a, b;
        if (s[i] == '%' && i + 2 < n && (a = hexdig(s[i + 1])) >= 0 && (b = hexdig(s[i + 2])) >= 0) {
            s[o++] = (char)(a * 16 + b);
            i += 2;
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

char *bxn_deny_form(const char *path)
{
    size_t n = strlen(path);
    char *s = malloc(n + 2);
    if (!s) return NULL;
    memcpy(s, path, n + 1);
    char *q = strchr(s, '?');
    size_t pl = q ? (size_t)(q - s) : n;
    /* the path: decode until nothing changes (no server decodes 16 times;
     * the bound keeps a %2525... chain from costing quadratic time) */
    for (int round = 0; round < 16; round++) {
        size_t m = pct_decode(s, pl);
        if (m == pl) break;
        memmove(s + m, s + pl, n - pl + 1);
        n -= pl - m;
        pl = m;
    }
    char *query = NULL;
    if (s[pl] == '?') {
        query = strdup(s + pl + 1);
        if (!query) { free(s); return NULL; }
    }
    s[pl] = 0;
    /* a NUL decoded from %00 ends the path: what follows is not compared */
    pl = strlen(s);
    size_t o = 0;
    int in_param = 0;
    for (size_t i = 0; i < pl; i++) {
        char c = s[i] == '\\' ? '/' : s[i];
        if (c == '/') in_param = 0;
        else if (c == ';') in_param = 1;
        if (in_param) continue;
        s[o++] = (char)tolower((unsigned char)c);
    }
    s[o] = 0;
    if (s[0] != '/') {   /* cannot happen for parsed URLs; keep the form absolute */
        memmove(s + 1, s, o + 1);
        s[0] = '/';
    }
    bxn_remove_dots(s);
    if (query) {
        size_t ql = strlen(query);
        for (int round = 0; round < 16; round++) {
            size_t m = pct_decode(query, ql);
            query[m] = 0;
            if (m == ql) break;
            ql = m;
        }
        for (char *c = query; *c; c++) *c = (char)tolower((unsigned char)*c);
        size_t sl = strlen(s);
        char *t = malloc(sl + strlen(query) + 2);
        if (!t) { free(s); free(query); return NULL; }
        sprintf(t, "%s?%s", s, query);
        free(s);
        free(query);
        s = t;
    }
    return s;
}

/* An IPv4-mapped IPv6 address is the IPv4 address (what the kernel dials). */
static void host_key(const bxn_url *u, char *buf, size_t cap)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (u->ipver == 6 && !memcmp(u->ip, mapped, 12))
        snprintf(buf, cap, "%u.%u.%u.%u", u->ip[12], u->ip[13], u->ip[14], u->ip[15]);
    else
        snprintf(buf, cap, "%s", u->host);
}

static int addr_is(const bx_net_addr *a, const bxn_url *b)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    const uint8_t *x = a->addr;
    int fam = a->family == AF_INET ? 4 : 6;
    if (fam == 6 && !memcmp(x, mapped, 12)) { fam = 4; x += 12; }
    const uint8_t *y = b->ip;
    int bfam = b->ipver;
    if (bfam == 6 && !memcmp(y, mapped, 12)) { bfam = 4; y += 12; }
    return bfam && fam == bfam && !memcmp(x, y, fam == 4 ? 4 : 16);
}

int bxn_url_blocked(const bx_net *n, const bxn_url *u, const bx_net_addr *addrs, size_t na, size_t *which)
{
    char uh[BXN_HOST_MAX], bh[BXN_HOST_MAX];
    char *uf = NULL;
    int hit = 0;
    host_key(u, uh, sizeof uh);
    for (size_t i = 0; i < n->nblock_url && !hit; i++) {
        const bxn_url *b = &n->block_url[i];
        /* The scheme does not count: http and https on their default ports
         * are one site to a deny rule; an explicit port must be the same. */
        int bdef = b->port == bxn_default_port(b->scheme), udef = u->port == bxn_default_port(u->scheme);
        if (!(b->port == u->port || (bdef && udef))) continue;
        host_key(b, bh, sizeof bh);
        int same = !strcmp(uh, bh);
        for (size_t k = 0; !same && addrs && k < na; k++) same = addr_is(&addrs[k], b);
        if (!same) continue;
        if (!uf && !(uf = bxn_deny_form(u->path ? u->path : "/"))) return 1;   /* out of memory: closed */
        char *bf = bxn_deny_form(b->path ? b->path : "/");
        /* "/" prefixes everything; "/admin" also /admin/x, /admin?y, /admins */
        hit = !bf || !strncmp(uf, bf, strlen(bf));
        free(bf);
        if (hit && which) *which = i;
    }
    free(uf);
    return hit;
}

static int tchar(int c)
{
    return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

int bxn_header_ok(const char *name, const char *value, char *why, size_t wl)
{
    static const char *const forbidden[] = {
        "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te",
        "trailer", "proxy-authorization", "proxy-connection", "expect", NULL};
    size_t nl = strlen(name);
    if (nl == 0 || nl > 256) return bxn_why(why, wl, "bad header name");
    for (size_t i = 0; i < nl; i++)
        if (!tchar((unsigned char)name[i]))
            return bxn_why(why, wl, "header name '%.64s' has a character a header name cannot have", name);
    for (int i = 0; forbidden[i]; i++)
        if (!strcasecmp(name, forbidden[i]))
            return bxn_why(why, wl, "the %s header is set by the host, not by the tool", name);
    if (strlen(value) > 8192) return bxn_why(why, wl, "header %s: value longer than 8192 bytes", name);
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
            return bxn_why(why, wl, "header %s: control characters (CR, LF, ...) are not allowed in header values", name);
    return 0;
}

void bxn_audit(bx_net *n, const char *event, const char *subject, int allow,
               const char *rule, const char *hint)
{
    if (!n->audit) return;
    /* A server can put a secret it received into a Location, so a URL or
     * a message may hold one: never let it reach the log. */
    char *s = subject ? strdup(subject) : NULL, *h = hint ? strdup(hint) : NULL;
    bxn_redact_str(n->red, &s);
    bxn_redact_str(n->red, &h);
    n->audit(n->audit_user, event, s ? s : subject ? "?" : NULL, allow, rule, h ? h : hint ? "?" : NULL);
    free(s);
    free(h);
}

/* ---- one hop ----------------------------------------------------------- */

#define MAX_ADDRS 32

static size_t sys_resolve(const char *host, bx_net_addr *out, size_t max, char *err, size_t el)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, NULL, &hints, &res);
    if (rc) { snprintf(err, el, "%s", gai_strerror(rc)); return 0; }
    size_t n = 0;
    for (struct addrinfo *ai = res; ai && n < max; ai = ai->ai_next) {
        if (ai->ai_family == AF_INET) {
            out[n].family = AF_INET;
            memset(out[n].addr, 0, 16);
            memcpy(out[n].addr, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4);
            n++;
        } else if (ai->ai_family == AF_INET6) {
            out[n].family = AF_INET6;
            memcpy(out[n].addr, &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, 16);
            n++;
        }
    }
    freeaddrinfo(res);
    if (!n) snprintf(err, el, "no IPv4 or IPv6 address");
    return n;
}

/* getaddrinfo cannot be interrupted or given a timeout, so it runs on a
 * thread of its own; when the deadline passes or the run is interrupted
 * first, the caller walks away and the thread frees the job when it ends. */
typedef struct gai_job {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done, abandoned;
    char host[BXN_HOST_MAX];
    bx_net_addr out[MAX_ADDRS];
    size_t n;
    char err[128];
    size_t (*hook)(void *user, const char *host, bx_net_addr *out, size_t max);
    void *hook_user;
} gai_job;

static void gai_job_free(gai_job *j)
{
    pthread_mutex_destroy(&j->mu);
    pthread_cond_destroy(&j->cv);
    free(j);
}

/* Lookups still running in this process, abandoned ones included: a guest
 * that gives up at once on slow names must not pile up threads that every
 * other sandbox of the process shares the limits of. */
#define MAX_LOOKUPS 64
static atomic_int lookups_in_flight;

static void *gai_main(void *arg)
{
    gai_job *j = arg;
    bx_net_addr out[MAX_ADDRS];
    char err[128] = "";
    size_t n = j->hook ? j->hook(j->hook_user, j->host, out, MAX_ADDRS)
                       : sys_resolve(j->host, out, MAX_ADDRS, err, sizeof err);
    if (n > MAX_ADDRS) n = MAX_ADDRS;
    pthread_mutex_lock(&j->mu);
    memcpy(j->out, out, sizeof out);
    j->n = n;
    memcpy(j->err, err, sizeof err);
    j->done = 1;
    int gone = j->abandoned;
    pthread_cond_signal(&j->cv);
    pthread_mutex_unlock(&j->mu);
    if (gone) gai_job_free(j);
    atomic_fetch_sub(&lookups_in_flight, 1);
    return NULL;
}

/* 0 resolved (maybe to nothing: *n == 0), else a bx_net_code. */
static int resolve_bounded(bx_net *n, const char *host, bx_net_addr *out, size_t *na, char *err, size_t el)
{
    if (!n->cur_deadline) {
        *na = n->resolve ? n->resolve(n->resolve_user, host, out, MAX_ADDRS)
                         : sys_resolve(host, out, MAX_ADDRS, err, el);
        return 0;
    }
    if (bxn_now_ns() >= n->cur_deadline) {
        snprintf(err, el, "name resolution did not finish in time");
        return n->cur_deadline_is_run ? BX_NET_EINTERRUPTED : BX_NET_ETIMEOUT;
    }
    if (atomic_fetch_add(&lookups_in_flight, 1) >= MAX_LOOKUPS) {
        atomic_fetch_sub(&lookups_in_flight, 1);
        snprintf(err, el, "too many name lookups in flight (%d); try again later", MAX_LOOKUPS);
        return BX_NET_EDNS;
    }
    gai_job *j = calloc(1, sizeof *j);
    pthread_t t;
    pthread_attr_t at;
    if (!j) { atomic_fetch_sub(&lookups_in_flight, 1); return BX_NET_ENOMEM; }
    snprintf(j->host, sizeof j->host, "%s", host);
    j->hook = n->resolve;
    j->hook_user = n->resolve_user;
    pthread_mutex_init(&j->mu, NULL);
    pthread_cond_init(&j->cv, NULL);
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &at, gai_main, j) != 0) {
        /* No thread, no bounded lookup: refuse rather than block unbounded. */
        pthread_attr_destroy(&at);
        gai_job_free(j);
        atomic_fetch_sub(&lookups_in_flight, 1);
        snprintf(err, el, "cannot start a name lookup (out of threads)");
        return BX_NET_EDNS;
    }
    pthread_attr_destroy(&at);
    int rc = 0;
    pthread_mutex_lock(&j->mu);
    while (!j->done) {
        if (n->cur_stop && n->cur_stop(n->cur_stop_user)) { rc = BX_NET_EINTERRUPTED; break; }
        if (bxn_now_ns() >= n->cur_deadline) {
            rc = n->cur_deadline_is_run ? BX_NET_EINTERRUPTED : BX_NET_ETIMEOUT;
            break;
        }
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 20000000;
        if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
        pthread_cond_timedwait(&j->cv, &j->mu, &ts);
    }
    if (rc) {
        j->abandoned = 1;
        pthread_mutex_unlock(&j->mu);
        snprintf(err, el, "name resolution did not finish in time");
        return rc;
    }
    *na = j->n;
    memcpy(out, j->out, sizeof j->out);
    snprintf(err, el, "%s", j->err);
    pthread_mutex_unlock(&j->mu);
    gai_job_free(j);
    return 0;
}

int bxn_check_hop(bx_net *n, const bxn_url *u, bx_net_addr *pin, char *msg, size_t ml)
{
    char origin[BXN_HOST_MAX + 32];
    char *full = bxn_url_string(u);
    const char *subj = full ? full : "?";
    bxn_url_origin(u, origin, sizeof origin);

    size_t k;
    int ok = 0;
    for (size_t i = 0; i < n->nallow && !ok; i++) {
        if (bxn_pattern_match(&n->allow[i], u)) { ok = 1; k = i; }
    }
    if (!ok) {
        snprintf(msg, ml, "%s is not an allowed host: grant it with --allow-host %s "
                          "(fetch:%s in the tool context)", origin, origin, origin);
        bxn_audit(n, "http", subj, 0, "no fetch: grant matches", msg);
        free(full);
        return BX_NET_EDENIED;
    }
    char rule[BXN_HOST_MAX + 64];
    snprintf(rule, sizeof rule, "fetch:%s", n->allow[k].text);
    if (bxn_url_blocked(n, u, NULL, 0, &k)) {
        char *b = bxn_url_string(&n->block_url[k]);
        snprintf(msg, ml, "%s is refused by --block-url %s", subj, b ? b : "?");
        bxn_audit(n, "http", subj, 0, "block_url", msg);
        free(b);
        free(full);
        return BX_NET_EDENIED;
    }
    bx_net_addr addrs[MAX_ADDRS];
    size_t na;
    if (u->ipver) {
        addrs[0].family = u->ipver == 4 ? AF_INET : AF_INET6;
        memset(addrs[0].addr, 0, 16);
        memcpy(addrs[0].addr, u->ip, u->ipver == 4 ? 4 : 16);
        na = 1;
    } else {
        char e[128] = "";
        na = 0;
        int rr = resolve_bounded(n, u->host, addrs, &na, e, sizeof e);
        if (rr) {
            snprintf(msg, ml, "cannot resolve %s: %s", u->host, e);
            bxn_audit(n, "http", subj, 0, "dns", msg);
            free(full);
            return rr;
        }
        if (na > MAX_ADDRS) na = MAX_ADDRS;
        if (!na) {
            snprintf(msg, ml, "cannot resolve %s%s%s", u->host, e[0] ? ": " : "", e);
            bxn_audit(n, "http", subj, 0, "dns", msg);
            free(full);
            return BX_NET_EDNS;
        }
    }
    /* A prefix naming an IP literal also holds for a name that resolves to
     * that address (the server behind it is the same). */
    if (!u->ipver && bxn_url_blocked(n, u, addrs, na, &k)) {
        char *b = bxn_url_string(&n->block_url[k]);
        snprintf(msg, ml, "%s is refused by --block-url %s (%s resolves to its address)", subj, b ? b : "?", u->host);
        bxn_audit(n, "http", subj, 0, "block_url", msg);
        free(b);
        free(full);
        return BX_NET_EDENIED;
    }
    /* Every address: a name that also resolves to a blocked address is
     * refused, whichever address curl would have picked. */
    for (size_t i = 0; i < na; i++) {
        char why[400];
        if (bxn_addr_blocked(&n->nets, &addrs[i], why, sizeof why)) {
            if (u->ipver) snprintf(msg, ml, "%s: %s", origin, why);
            else snprintf(msg, ml, "%s resolves to %s", u->host, why);
            bxn_audit(n, "http", subj, 0, "block_networks", msg);
            free(full);
            return BX_NET_EDENIED;
        }
    }
    *pin = addrs[0];
    char as[64], hint[96];
    bxn_addr_str(pin, as, sizeof as);
    snprintf(hint, sizeof hint, "connect to %s", as);
    bxn_audit(n, "http", subj, 1, rule, hint);
    free(full);
    return BX_NET_OK;
}

const char *bx_net_code_name(bx_net_code c)
{
    static const char *const names[] = {"ok", "invalid", "denied", "dns", "connect", "tls",
                                        "timeout", "redirects", "io", "interrupted", "nomem",
                                        "badf", "range", "toobig"};
    return (unsigned)c < sizeof names / sizeof *names ? names[c] : "?";
}
