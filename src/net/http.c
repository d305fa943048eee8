/*
 * http.c — the request engine: one bx_http_request through libcurl, one hop
 * at a time, each hop checked by the policy first (bxn_check_hop).
 *
 * curl is told as little as possible and trusted with nothing the policy
 * decided: it gets our normalised URL, the checked address through
 * CURLOPT_RESOLVE, and an open-socket callback that refuses any other
 * address (so neither curl's own resolver nor a second lookup can reach a
 * rebound name); redirects are ours (FOLLOWLOCATION off); protocols
 * http/https only; no proxy from the environment; TLS verified; a progress
 * callback enforces the deadline and the run's interrupt; the body is cut
 * at the cap.  Secret headers are added here and redacted (redact.c) from
 * everything handed back: header lines as they arrive (so a Location is
 * clean before it is followed), the body before it is cut to the cap, the
 * final URL and every message.
 */
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "net_impl.h"

#define MAX_HEADERS_IN 64
#define MAX_HEADER_BYTES_IN (64u << 10)
#define MAX_HEADERS_OUT 200
#define MAX_HEADER_BYTES_OUT (256u << 10)
#define MAX_BODY_OUT (64u << 20)

/* libcurl is loaded on the first request, not linked: its ~30 shared
 * libraries (TLS, GSSAPI, LDAP, ...) cost every process several
 * milliseconds of dynamic loading, and most sandboxes never use the
 * network.  After the once, curl_api is only read, so threads share it. */
typedef struct curl_api {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} curl_api;
static curl_api curl_fns;
static const curl_api *cu;        /* NULL until loaded (or when it cannot be) */
static char curl_load_error[256];

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init_once(void)
{
    void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(curl_load_error, sizeof curl_load_error,
                 "the HTTP capability needs libcurl (libcurl.so.4: install Debian's libcurl4): %s", dlerror());
        return;
    }
    struct { const char *name; void **slot; } syms[] = {
        { "curl_global_init", (void **)&curl_fns.global_init },
        { "curl_easy_init", (void **)&curl_fns.easy_init },
        { "curl_easy_setopt", (void **)&curl_fns.easy_setopt },
        { "curl_easy_perform", (void **)&curl_fns.easy_perform },
        { "curl_easy_getinfo", (void **)&curl_fns.easy_getinfo },
        { "curl_easy_cleanup", (void **)&curl_fns.easy_cleanup },
        { "curl_easy_strerror", (void **)&curl_fns.easy_strerror },
        { "curl_slist_append", (void **)&curl_fns.slist_append },
        { "curl_slist_free_all", (void **)&curl_fns.slist_free_all },
    };
    for (size_t i = 0; i < sizeof syms / sizeof *syms; i++)
        if (!(*syms[i].slot = dlsym(h, syms[i].name))) {
            snprintf(curl_load_error, sizeof curl_load_error, "libcurl.so.4 lacks %s", syms[i].name);
            return;   /* the handle stays open: harmless, and it is once per process */
        }
    if (curl_fns.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(curl_load_error, sizeof curl_load_error, "libcurl failed to initialise");
        return;
    }
    cu = &curl_fns;
}
/* Below, every curl call goes through the loaded table (curl.h's own
 * type-checking macros are replaced). */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_init cu->easy_init
#define curl_easy_setopt cu->easy_setopt
#define curl_easy_perform cu->easy_perform
#define curl_easy_getinfo cu->easy_getinfo
#define curl_easy_cleanup cu->easy_cleanup
#define curl_easy_strerror cu->easy_strerror
#define curl_slist_append cu->slist_append
#define curl_slist_free_all cu->slist_free_all

typedef struct xfer {
    const bx_http_request *rq;
    bx_net_addr pin;
    unsigned port;
    int pin_violation, stopped, timed_out, hdr_overflow;
    uint64_t deadline;
    const bxn_redactor *red;
    uint8_t *body;
    size_t len, bcap, limit;
    int truncated;
    char **hn, **hv;
    size_t nh, hbytes;
} xfer;

static void xfer_headers_free(xfer *x)
{
    for (size_t i = 0; i < x->nh; i++) {
        free(x->hn[i]);
        free(x->hv[i]);
    }
    free(x->hn);
    free(x->hv);
    x->hn = x->hv = NULL;
    x->nh = x->hbytes = 0;
}

static size_t on_body(char *p, size_t sz, size_t nm, void *u)
{
    xfer *x = u;
    size_t n = sz * nm, room = x->limit - x->len, take = n < room ? n : room;
    if (x->len + take > x->bcap) {
        size_t c = x->bcap ? x->bcap : 16384;
        while (c < x->len + take) c *= 2;
        if (c > x->limit) c = x->limit;
        uint8_t *b = realloc(x->body, c ? c : 1);
        if (!b) return 0;
        x->body = b;
        x->bcap = c;
    }
    if (take) memcpy(x->body + x->len, p, take);
    x->len += take;
    if (take < n) {
        x->truncated = 1;
        return 0;           /* stops the transfer: we have all we keep */
    }
    return n;
}

/* One header line, already redacted (its name too: a server may echo a
 * secret as a header name, or split one across name and value). */
static int header_line(xfer *x, const char *p, size_t n)
{
    const char *c = memchr(p, ':', n);
    if (!c) return 0;
    if (x->nh >= MAX_HEADERS_OUT || x->hbytes + n > MAX_HEADER_BYTES_OUT) {
        x->hdr_overflow = 1;
        return -1;
    }
    size_t nl = (size_t)(c - p);
    const char *v = c + 1, *e = p + n;
    while (v < e && (*v == ' ' || *v == '\t')) v++;
    while (e > v && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' ' || e[-1] == '\t')) e--;
    char **hn = realloc(x->hn, (x->nh + 1) * sizeof *hn);
    if (hn) x->hn = hn;
    char **hv = realloc(x->hv, (x->nh + 1) * sizeof *hv);
    if (hv) x->hv = hv;
    if (!hn || !hv) return -1;
    char *name = strndup(p, nl), *val = strndup(v, (size_t)(e - v));
    if (!name || !val) {
        free(name);
        free(val);
        return -1;
    }
    for (char *q = name; *q; q++)
        if (*q >= 'A' && *q <= 'Z') *q = (char)(*q - 'A' + 'a');
    x->hn[x->nh] = name;
    x->hv[x->nh] = val;
    x->nh++;
    x->hbytes += n;
    return 0;
}

static size_t on_header(char *p, size_t sz, size_t nm, void *u)
{
    xfer *x = u;
    size_t n = sz * nm;
    if (n >= 5 && !strncmp(p, "HTTP/", 5)) {   /* a new response (after 1xx); the reason phrase is dropped */
        xfer_headers_free(x);
        return n;
    }
    if (!x->red) return header_line(x, p, n) ? 0 : n;
    uint8_t *clean;
    size_t cl;
    int cut;
    if (bxn_redact_buf(x->red, (const uint8_t *)p, n, 0, SIZE_MAX, &clean, &cl, &cut) != 0) return 0;
    int rc = header_line(x, (const char *)clean, cl);
    free(clean);
    return rc ? 0 : n;
}

static int on_progress(void *u, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt; (void)dn; (void)ut; (void)un;
    xfer *x = u;
    if (x->rq->stop && x->rq->stop(x->rq->stop_user)) {
        x->stopped = 1;
        return 1;
    }
    if (bxn_now_ns() >= x->deadline) {
        x->timed_out = 1;
        return 1;
    }
    return 0;
}

static curl_socket_t on_open(void *u, curlsocktype purpose, struct curl_sockaddr *a)
{
    xfer *x = u;
    int ok = 0;
    if (purpose == CURLSOCKTYPE_IPCXN) {
        if (a->family == AF_INET && x->pin.family == AF_INET) {
            const struct sockaddr_in *s = (const struct sockaddr_in *)&a->addr;
            ok = !memcmp(&s->sin_addr, x->pin.addr, 4) && ntohs(s->sin_port) == x->port;
        } else if (a->family == AF_INET6 && x->pin.family == AF_INET6) {
            const struct sockaddr_in6 *s = (const struct sockaddr_in6 *)&a->addr;
            ok = !memcmp(&s->sin6_addr, x->pin.addr, 16) && ntohs(s->sin6_port) == x->port;
        }
    }
    if (!ok) {
        x->pin_violation = 1;
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* ---- the request -------------------------------------------------------- */

static int method_ok(const char *m)
{
    static const char *const ok[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", NULL};
    for (int i = 0; ok[i]; i++)
        if (!strcmp(m, ok[i])) return 1;
    return 0;
}

/* The Host value a URL implies, with and without its port. */
static void host_forms(const bxn_url *u, char *a, char *b, size_t cap)
{
    const char *lb = u->ipver == 6 ? "[" : "", *rb = u->ipver == 6 ? "]" : "";
    snprintf(a, cap, "%s%s%s:%u", lb, u->host, rb, u->port);
    if (u->port == bxn_default_port(u->scheme)) snprintf(b, cap, "%s%s%s", lb, u->host, rb);
    else snprintf(b, cap, "%s", a);
}

void bx_http_response_free(bx_http_response *r)
{
    if (!r) return;
    free(r->final_url);
    for (size_t i = 0; i < r->nheaders; i++) {
        free(r->header_names[i]);
        free(r->header_values[i]);
    }
    free(r->header_names);
    free(r->header_values);
    free(r->body);
    memset(r, 0, sizeof *r);
}

static int is_redirect(long s) { return s == 301 || s == 302 || s == 303 || s == 307 || s == 308; }

static const char *find_header(const xfer *x, const char *name)
{
    for (size_t i = 0; i < x->nh; i++)
        if (!strcmp(x->hn[i], name)) return x->hv[i];
    return NULL;
}

static int add_header(struct curl_slist **l, const char *name, const char *value)
{
    size_t n = strlen(name) + strlen(value) + 3;
    char *h = malloc(n);
    if (!h) return -1;
    /* "Name;" sends an empty value ("Name:" would remove the header) */
    if (*value) snprintf(h, n, "%s: %s", name, value);
    else snprintf(h, n, "%s;", name);
    struct curl_slist *nl = curl_slist_append(*l, h);
    free(h);
    if (!nl) return -1;
    *l = nl;
    return 0;
}

bx_net_code bx_net_request(bx_net *n, const bx_http_request *rq, bx_http_response *out,
                           char *msg, size_t ml)
{
    char why[400];
    bx_net_code rc = BX_NET_OK;
    bxn_url cur;
    memset(out, 0, sizeof *out);
    memset(&cur, 0, sizeof cur);
    msg[0] = 0;
    pthread_once(&curl_once, curl_init_once);
    if (!cu) {
        snprintf(msg, ml, "%s", curl_load_error);
        return BX_NET_EIO;
    }

    /* What the guest asked for, checked before anything goes out. */
    const char *method = rq->method && *rq->method ? rq->method : "GET";
    if (!method_ok(method)) {
        snprintf(msg, ml, "method '%.16s' is not allowed: use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS", method);
        return BX_NET_EINVAL;
    }
    if (bxn_url_parse(rq->url, &cur, why, sizeof why) != 0) {
        snprintf(msg, ml, "bad URL: %s", why);
        return BX_NET_EINVAL;
    }
    if (rq->nheaders > MAX_HEADERS_IN) {
        snprintf(msg, ml, "too many request headers (%zu; at most %d)", rq->nheaders, MAX_HEADERS_IN);
        bxn_url_free(&cur);
        return BX_NET_ETOOBIG;
    }
    size_t hbytes = 0;
    unsigned char *keep = calloc(rq->nheaders + 1, 1);   /* 1: guest header still sent */
    if (!keep) { bxn_url_free(&cur); snprintf(msg, ml, "out of memory"); return BX_NET_ENOMEM; }
    for (size_t i = 0; i < rq->nheaders; i++) {
        const char *hn = rq->header_names[i], *hv = rq->header_values[i];
        if (bxn_header_ok(hn, hv, why, sizeof why) != 0) {
            snprintf(msg, ml, "%s", why);
            rc = BX_NET_EINVAL;
            goto done;
        }
        hbytes += strlen(hn) + strlen(hv);
        keep[i] = 1;
        if (!strcasecmp(hn, "host")) {
            char a[BXN_HOST_MAX + 16], b[BXN_HOST_MAX + 16];
            host_forms(&cur, a, b, sizeof a);
            if (strcasecmp(hv, a) && strcasecmp(hv, b)) {
                snprintf(msg, ml, "the Host header must name the URL's host (%s), not another one", b);
                rc = BX_NET_EINVAL;
                goto done;
            }
            keep[i] = 0;   /* curl writes the same Host itself */
        }
    }
    if (hbytes > MAX_HEADER_BYTES_IN) {
        snprintf(msg, ml, "request headers too large (%zu bytes; at most %u)", hbytes, MAX_HEADER_BYTES_IN);
        rc = BX_NET_ETOOBIG;
        goto done;
    }

    uint64_t limit = n->max_response_bytes;
    if (rq->max_response_bytes && rq->max_response_bytes < limit) limit = rq->max_response_bytes;
    if (limit > MAX_BODY_OUT) limit = MAX_BODY_OUT;
    uint64_t tmo = n->timeout_ns;
    if (rq->timeout_ns && rq->timeout_ns < tmo) tmo = rq->timeout_ns;
    uint64_t deadline = bxn_now_ns() + tmo;
    int deadline_is_run = 0;
    if (n->deadline_ns && n->deadline_ns < deadline) { deadline = n->deadline_ns; deadline_is_run = 1; }
    uint32_t maxr = n->max_redirects;
    if (rq->max_redirects >= 0 && (uint32_t)rq->max_redirects < maxr) maxr = (uint32_t)rq->max_redirects;

    const uint8_t *body = rq->body;
    size_t body_len = rq->body_len;
    xfer x;
    memset(&x, 0, sizeof x);
    x.rq = rq;
    x.deadline = deadline;
    x.red = n->red;
    /* With secrets, read past the cap: a secret straddling it is then seen
     * whole and redacted before the cut (redact.c withholds the rest). */
    x.limit = (size_t)limit + bxn_redactor_margin(n->red);
    n->cur_stop = rq->stop;
    n->cur_stop_user = rq->stop_user;
    n->cur_deadline = deadline;
    n->cur_deadline_is_run = deadline_is_run;

    for (uint32_t hop = 0;; hop++) {
        bx_net_addr pin;
        int c = bxn_check_hop(n, &cur, &pin, msg, ml);
        if (c != BX_NET_OK) {
            if (hop) {
                size_t l = strlen(msg);
                snprintf(msg + l, ml - l, " (after %u redirect%s)", hop, hop == 1 ? "" : "s");
            }
            rc = (bx_net_code)c;
            break;
        }
        CURL *h = curl_easy_init();
        char *url = bxn_url_string(&cur);
        struct curl_slist *hdrs = NULL, *res = NULL;
        char errbuf[CURL_ERROR_SIZE] = "";
        if (!h || !url) {
            curl_easy_cleanup(h);
            free(url);
            snprintf(msg, ml, "out of memory");
            rc = BX_NET_ENOMEM;
            break;
        }
        x.pin = pin;
        x.port = cur.port;
        x.pin_violation = x.stopped = x.timed_out = x.hdr_overflow = x.truncated = 0;
        x.len = 0;
        xfer_headers_free(&x);
        if (!cur.ipver) {
            char as[64], entry[BXN_HOST_MAX + 96];
            bxn_addr_str(&pin, as, sizeof as);
            snprintf(entry, sizeof entry, pin.family == AF_INET6 ? "%s:%u:[%s]" : "%s:%u:%s",
                     cur.host, cur.port, as);
            res = curl_slist_append(NULL, entry);
        }
        int oom = !cur.ipver && !res, ranged = 0;
        for (size_t i = 0; i < rq->nheaders && !oom; i++) {
            if (!keep[i]) continue;
            int shadowed = 0;
            /* A partial response is a cut the guest asks the server for: it
             * could start inside an echoed secret, where no redaction sees
             * it whole.  No Range where a secret goes. */
            if (!strcasecmp(rq->header_names[i], "range") || !strcasecmp(rq->header_names[i], "if-range"))
                for (size_t s = 0; s < n->nsecrets; s++)
                    ranged |= bxn_pattern_match(&n->secrets[s].origin, &cur);
            for (size_t s = 0; s < n->nsecrets; s++)
                if (!strcasecmp(rq->header_names[i], n->secrets[s].name) &&
                    bxn_pattern_match(&n->secrets[s].origin, &cur))
                    shadowed = 1;
            if (!shadowed && add_header(&hdrs, rq->header_names[i], rq->header_values[i]) != 0) oom = 1;
        }
        for (size_t s = 0; s < n->nsecrets && !oom; s++) {
            if (!bxn_pattern_match(&n->secrets[s].origin, &cur)) continue;
            if (add_header(&hdrs, n->secrets[s].name, n->secrets[s].value) != 0) oom = 1;
            char subj[BXN_HOST_MAX + 32];
            bxn_url_origin(&cur, subj, sizeof subj);
            bxn_audit(n, "http-secret", subj, 1, n->secrets[s].origin.text, n->secrets[s].name);
        }
        if (oom || ranged) {
            curl_slist_free_all(hdrs);
            curl_slist_free_all(res);
            curl_easy_cleanup(h);
            if (ranged)
                snprintf(msg, ml, "%s: a Range header cannot go to an origin that gets a secret header (a partial "
                                  "response could begin inside an echo of the secret); fetch the whole resource", url);
            else
                snprintf(msg, ml, "out of memory");
            free(url);
            rc = ranged ? BX_NET_EINVAL : BX_NET_ENOMEM;
            break;
        }
        uint64_t now = bxn_now_ns();
        long remain_ms = now >= deadline ? 1 : (long)((deadline - now) / 1000000 + 1);
        long conn_ms = (long)(n->connect_timeout_ns / 1000000);
        if (conn_ms > remain_ms) conn_ms = remain_ms;

        curl_easy_setopt(h, CURLOPT_URL, url);
        if (res) curl_easy_setopt(h, CURLOPT_RESOLVE, res);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_PROXY, "");
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, conn_ms);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, remain_ms);
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, &x);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
        curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, on_open);
        curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &x);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(h, CURLOPT_USERAGENT, "BoxAgnts/0.1 (web-fetch)");
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
        if (!strcmp(method, "HEAD")) {
            curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
        } else if (!strcmp(method, "GET") && !body_len) {
            curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        } else {
            if (strcmp(method, "POST")) curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, body_len ? (const char *)body : "");
        }
        CURLcode cc = curl_easy_perform(h);
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        curl_slist_free_all(hdrs);
        curl_slist_free_all(res);
        curl_easy_cleanup(h);

        if (cc != CURLE_OK && !(cc == CURLE_WRITE_ERROR && x.truncated)) {
            if (x.pin_violation)
                snprintf(msg, ml, "%s: the connection went to an address the policy did not check; refused", url),
                    rc = BX_NET_EDENIED;
            else if (x.stopped || (deadline_is_run && (x.timed_out || cc == CURLE_OPERATION_TIMEDOUT)))
                snprintf(msg, ml, "%s: the run was interrupted (its timeout)", url), rc = BX_NET_EINTERRUPTED;
            else if (x.timed_out || cc == CURLE_OPERATION_TIMEDOUT)
                snprintf(msg, ml, "%s: timed out after %.3gs; raise timeout_seconds", url, (double)tmo / 1e9),
                    rc = BX_NET_ETIMEOUT;
            else if (x.hdr_overflow)
                snprintf(msg, ml, "%s: the response headers are too large", url), rc = BX_NET_ETOOBIG;
            else if (cc == CURLE_COULDNT_CONNECT)
                snprintf(msg, ml, "%s: cannot connect: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(cc)),
                    rc = BX_NET_ECONNECT;
            else if (cc == CURLE_SSL_CONNECT_ERROR || cc == CURLE_PEER_FAILED_VERIFICATION ||
                     cc == CURLE_SSL_CERTPROBLEM || cc == CURLE_SSL_CACERT_BADFILE ||
                     cc == CURLE_SSL_ISSUER_ERROR || cc == CURLE_SSL_PINNEDPUBKEYNOTMATCH)
                snprintf(msg, ml, "%s: TLS failed: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(cc)),
                    rc = BX_NET_ETLS;
            else
                snprintf(msg, ml, "%s: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(cc)), rc = BX_NET_EIO;
            free(url);
            break;
        }
        const char *loc = is_redirect(status) ? find_header(&x, "location") : NULL;
        if (loc && !(rq->max_redirects == 0)) {
            if (hop >= maxr) {
                snprintf(msg, ml, "%s: more than %u redirect%s; raise max_redirects to follow more", url, maxr,
                         maxr == 1 ? "" : "s");
                free(url);
                rc = BX_NET_EREDIRECTS;
                break;
            }
            bxn_url next;
            if (bxn_url_join(&cur, loc, &next, why, sizeof why) != 0) {
                snprintf(msg, ml, "%s redirected to an unusable location: %s", url, why);
                free(url);
                rc = BX_NET_EINVAL;
                break;
            }
            if (!bxn_same_origin(&cur, &next)) {
                /* credentials the guest meant for one origin stay there */
                for (size_t i = 0; i < rq->nheaders; i++)
                    if (!strcasecmp(rq->header_names[i], "authorization") ||
                        !strcasecmp(rq->header_names[i], "cookie") ||
                        !strcasecmp(rq->header_names[i], "proxy-authorization"))
                        keep[i] = 0;
            }
            if (status == 303 || ((status == 301 || status == 302) && !strcmp(method, "POST"))) {
                method = "GET";
                body = NULL;
                body_len = 0;
            }
            bxn_url_free(&cur);
            cur = next;
            free(url);
            out->redirects = hop + 1;
            continue;
        }
        out->status = status;
        out->final_url = url;
        out->header_names = x.hn;
        out->header_values = x.hv;
        out->nheaders = x.nh;
        x.hn = x.hv = NULL;
        x.nh = 0;
        if (n->red || x.len > limit) {
            /* redaction first, over all that was read, then the cap */
            uint8_t *b;
            size_t bl;
            int cut;
            if (bxn_redact_buf(n->red, x.body ? x.body : (const uint8_t *)"", x.len, x.truncated,
                               (size_t)limit, &b, &bl, &cut) != 0) {
                snprintf(msg, ml, "out of memory (redacting the response)");
                rc = BX_NET_ENOMEM;
                break;
            }
            out->body = b;
            out->body_len = bl;
            out->truncated = x.truncated || cut;
        } else {
            out->body = x.body;
            out->body_len = x.len;
            out->truncated = x.truncated;
            x.body = NULL;
        }
        if (bxn_redact_str(n->red, &out->final_url) != 0) {
            snprintf(msg, ml, "out of memory (redacting the response)");
            rc = BX_NET_ENOMEM;
        }
        break;
    }
    if (rc != BX_NET_OK) {
        bxn_redact_msg(n->red, msg, ml);
        uint32_t r = out->redirects;
        bx_http_response_free(out);
        out->redirects = r;
    }
    free(x.body);
    xfer_headers_free(&x);
    n->cur_stop = NULL;
    n->cur_deadline = 0;
done:
    free(keep);
    bxn_url_free(&cur);
    return rc;
}
