/*
 * net_impl.h — private to src/net: the URL, pattern and network types the
 * policy (policy.c) works with, the bx_net structure, and the request
 * engine's entry points used by the host functions (host.c).  Exposed to
 * tests/net through -Isrc/net so the policy is unit-tested directly.
 */
#ifndef BX_NET_IMPL_H
#define BX_NET_IMPL_H

#include "boxagnts.h"

#include <stddef.h>
#include <stdint.h>

#define BXN_HOST_MAX 256
#define BXN_URL_MAX 8192

/* A parsed, normalised http(s) URL. */
typedef struct bxn_url {
    char scheme[8];             /* "http" or "https" */
    char host[BXN_HOST_MAX];    /* lowercase name, dotted IPv4, or IPv6 without brackets */
    int ipver;                  /* 4 or 6 for an IP literal, 0 for a name */
    uint8_t ip[16];
    unsigned port;              /* always set (the default when absent) */
    char *path;                 /* "/p/a/t/h?query", normalised, owned */
} bxn_url;

/* Format a reason into why (up to wl bytes; why may be NULL) and return
 * -1: the one failure helper of the parsers (url.c). */
int bxn_why(char *why, size_t wl, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* 0 on success; otherwise why says what is wrong with the URL. */
int bxn_url_parse(const char *s, bxn_url *u, char *why, size_t wl);
/* ref relative to base (a Location header). */
int bxn_url_join(const bxn_url *base, const char *ref, bxn_url *out, char *why, size_t wl);
void bxn_url_free(bxn_url *u);
unsigned bxn_default_port(const char *scheme);
/* scheme://host[:port]path, the port only when not the default.  Owned. */
char *bxn_url_string(const bxn_url *u);
/* scheme://host[:port] into buf. */
void bxn_url_origin(const bxn_url *u, char *buf, size_t cap);
int bxn_same_origin(const bxn_url *a, const bxn_url *b);

/* Dot segments resolved and "//" collapsed, in place (path starts '/'). */
void bxn_remove_dots(char *p);

/* Parse a host as a URL host (IPv4 in every spelling); 0 ok. */
int bxn_host_parse(const char *h, size_t n, char *out, int *ipver, uint8_t ip[16],
                   char *why, size_t wl);

typedef struct bxn_pattern {
    char scheme[8];             /* "http", "https" or "*" */
    enum { BXN_HOST_EXACT, BXN_HOST_SUFFIX /* "*.suffix" */, BXN_HOST_ANY } host_kind;
    char host[BXN_HOST_MAX];    /* exact host, or the suffix with its leading '.' */
    int port;                   /* -1 any, 0 the scheme's default, else the port */
    char text[BXN_HOST_MAX + 32];
} bxn_pattern;

int bxn_pattern_parse(const char *s, bxn_pattern *p, char *why, size_t wl);
int bxn_pattern_match(const bxn_pattern *p, const bxn_url *u);

typedef struct bxn_cidr {
    int family;                 /* 4 or 6 */
    uint8_t addr[16];
    unsigned bits;
    const char *label;          /* for built-in ranges, e.g. "loopback" */
} bxn_cidr;

int bxn_cidr_parse(const char *s, bxn_cidr *c);

/* The address verdict: 0 allowed; 1 blocked, why names the network and,
 * when it can be lifted, how. */
typedef struct bxn_nets {
    bxn_cidr *block; size_t nblock;
    int block_private;
    bxn_cidr *allow; size_t nallow;
} bxn_nets;
int bxn_addr_blocked(const bxn_nets *nets, const bx_net_addr *a, char *why, size_t wl);
/* Text form of an address. */
void bxn_addr_str(const bx_net_addr *a, char *buf, size_t cap);

typedef struct bxn_secret {
    bxn_pattern origin;
    char *name, *value;
} bxn_secret;

#define BXN_MAX_HANDLES 8
typedef struct bxn_redactor bxn_redactor;

struct bx_net {
    bxn_pattern *allow; size_t nallow;
    bxn_nets nets;
    bxn_url *block_url; size_t nblock_url;
    bxn_secret *secrets; size_t nsecrets;
    bxn_redactor *red;          /* every secret's value; NULL when none */
    uint32_t max_redirects;
    uint64_t max_response_bytes, timeout_ns, connect_timeout_ns, deadline_ns;
    void (*audit)(void *user, const char *event, const char *subject, int allow,
                  const char *rule, const char *hint);
    void *audit_user;
    size_t (*resolve)(void *user, const char *host, bx_net_addr *out, size_t max);
    void *resolve_user;
    /* The request in progress (http.c), so name resolution also ends at
     * its deadline or when the run is interrupted. */
    int (*cur_stop)(void *user);
    void *cur_stop_user;
    uint64_t cur_deadline;
    int cur_deadline_is_run;
    /* host.c: open responses (slot i is handle i + 1) and the last error. */
    bx_http_response *resp[BXN_MAX_HANDLES];
    char last_error[512];
};

/* The policy for one hop: allowlist, block_url, resolution, every address.
 * On 0 *pin is the address to connect to.  Returns a bx_net_code. */
int bxn_check_hop(bx_net *n, const bxn_url *u, bx_net_addr *pin, char *msg, size_t ml);
/* block_url: 1 when u starts with one of the prefixes (index in *which),
 * compared in their deny forms (see policy.c); addrs (may be NULL): the
 * addresses u's host resolved to, matched against IP-literal prefixes. */
int bxn_url_blocked(const bx_net *n, const bxn_url *u, const bx_net_addr *addrs, size_t na, size_t *which);
/* The form a deny rule compares a path in; malloc'd. */
char *bxn_deny_form(const char *path);

/* Header checks: 0 ok, else why. */
int bxn_header_ok(const char *name, const char *value, char *why, size_t wl);

/* redact.c: finds secret values in the forms an echo takes (see there).
 * Secrets shorter than BXN_SECRET_MIN bytes are refused at configuration:
 * they cannot be told from ordinary text. */
#define BXN_SECRET_MIN 8
bxn_redactor *bxn_redactor_new(char *const *vals, size_t n);
void bxn_redactor_free(bxn_redactor *r);
/* Bytes to read past a cap so a secret straddling it is seen whole. */
size_t bxn_redactor_margin(const bxn_redactor *r);
/* in[0..n) redacted into *out (malloc'd, NUL-terminated), at most cap
 * bytes; partial: the text goes on past n (a cut body), so a possible
 * secret still open at the end is withheld.  *cut: something was left
 * out.  r may be NULL (no secrets).  0 ok, -1 out of memory. */
int bxn_redact_buf(const bxn_redactor *r, const uint8_t *in, size_t n, int partial, size_t cap,
                   uint8_t **out, size_t *outlen, int *cut);
/* In place on a malloc'd string / a fixed buffer. */
int bxn_redact_str(const bxn_redactor *r, char **s);
void bxn_redact_msg(const bxn_redactor *r, char *msg, size_t ml);
void bxn_audit(bx_net *n, const char *event, const char *subject, int allow,
               const char *rule, const char *hint);
uint64_t bxn_now_ns(void);

#endif
