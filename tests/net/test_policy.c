/*
 * tests/net/test_policy.c — the network policy, tested directly: URL
 * parsing and normalisation (IPv4 in every spelling, IPv6, smuggling),
 * allowlist patterns, blocked-network classification (v4, v6, embedded
 * IPv4), block_url prefixes, header rules, secrets' parsing, and the per-hop
 * decision with an injected resolver (a name resolving to a public and a
 * blocked address is refused).
 *
 *   test_policy [PORT]
 *
 * With PORT (a tests/net/server.py on 127.0.0.1), also live requests
 * through bx_net_request: a name only our injected resolver knows reaches
 * the server (the connection is pinned to the checked address: curl never
 * resolves it itself), and a name with a blocked address never does.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "net_impl.h"

#include "../check.h"


/* ---- URLs ------------------------------------------------------------------- */

static void test_urls(void)
{
    static const struct { const char *in, *out; } ok[] = {
        {"http://example.com", "http://example.com/"},
        {"HTTP://EXAMPLE.COM/A", "http://example.com/A"},
        {"https://example.com:443/x", "https://example.com/x"},
        {"http://example.com:80/x", "http://example.com/x"},
        {"http://example.com:8080", "http://example.com:8080/"},
        {"http://example.com:/x", "http://example.com/x"},
        {"http://example.com./", "http://example.com/"},
        {"http://2130706433/", "http://127.0.0.1/"},
        {"http://0x7f000001/", "http://127.0.0.1/"},
        {"http://0X7F000001/", "http://127.0.0.1/"},
        {"http://0177.0.0.1/", "http://127.0.0.1/"},
        {"http://0177.0000.0000.0001/", "http://127.0.0.1/"},
        {"http://017700000001/", "http://127.0.0.1/"},
        {"http://127.1/", "http://127.0.0.1/"},
        {"http://127.0.1/", "http://127.0.0.1/"},
        {"http://0x7f.1/", "http://127.0.0.1/"},
        {"http://0x7f.0x0.0x0.0x1/", "http://127.0.0.1/"},
        {"http://127.0.0.1./", "http://127.0.0.1/"},
        {"http://0/", "http://0.0.0.0/"},
        {"http://0x/", "http://0.0.0.0/"},
        {"http://3232235777/", "http://192.168.1.1/"},
        {"http://2852039166/latest/meta-data/", "http://169.254.169.254/latest/meta-data/"},
        {"http://[::1]/", "http://[::1]/"},
        {"http://[0:0:0:0:0:0:0:1]:8080/", "http://[::1]:8080/"},
        {"http://[::FFFF:127.0.0.1]/", "http://[::ffff:127.0.0.1]/"},
        {"http://[::ffff:7f00:1]/", "http://[::ffff:127.0.0.1]/"},
        {"http://1.2.3.example.com/", "http://1.2.3.example.com/"},
        {"http://example.com?q=1", "http://example.com/?q=1"},
        {"http://example.com/a#frag", "http://example.com/a"},
        {"http://example.com/a/./b/../c", "http://example.com/a/c"},
        {"http://example.com/a/b/../../../c", "http://example.com/c"},
        {"http://example.com/%61dmin", "http://example.com/admin"},
        {"http://example.com/%2e%2E/admin", "http://example.com/admin"},
        {"http://example.com//admin", "http://example.com/admin"},
        {"http://example.com/a%2fb", "http://example.com/a%2Fb"},
        {"http://example.com/%0d%0aX", "http://example.com/%0D%0AX"},
        {"http://example.com/a b", "http://example.com/a%20b"},
        {"http://example.com/\xc3\xa4", "http://example.com/%C3%A4"},
        {"http://example.com\\@evil.com/", "http://example.com/@evil.com/"},
        {"http://ex_ample.com/", "http://ex_ample.com/"},
        {"  http://example.com/  ", "http://example.com/"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        bxn_url u;
        char why[256] = "";
        int rc = bxn_url_parse(ok[i].in, &u, why, sizeof why);
        CHECK(rc == 0, "url %s: refused: %s", ok[i].in, why);
        if (rc) continue;
        char *s = bxn_url_string(&u);
        CHECK(s && !strcmp(s, ok[i].out), "url %s -> %s, expected %s", ok[i].in, s ? s : "(null)", ok[i].out);
        free(s);
        bxn_url_free(&u);
    }
    static const struct { const char *in, *why; } bad[] = {
        {"ftp://example.com/", "only http"},
        {"file:///etc/passwd", "only http"},
        {"gopher://example.com:70/", "only http"},
        {"javascript:alert(1)", "only http"},
        {"//example.com/", "absolute"},
        {"http:/example.com/", "absolute"},
        {"example.com", "absolute"},
        {"http://user:pass@example.com/", "credentials"},
        {"http://example.com@127.0.0.1/", "credentials"},
        {"http://[fe80::1%25eth0]/", "zone"},
        {"http://[fe80::1%eth0]/", "zone"},
        {"http://[::1/", "unterminated"},
        {"http://[::1]x/", "after the IPv6"},
        {"http://[zz::1]/", "bad IPv6"},
        {"http://256.0.0.1/", "invalid IPv4"},
        {"http://1.2.3.4.5/", "invalid IPv4"},
        {"http://4294967296/", "invalid IPv4"},
        {"http://1.2.65536/", "invalid IPv4"},
        {"http://09/", "invalid IPv4"},
        {"http://example.123/", "invalid IPv4"},
        {"http://a..b/", "empty label"},
        {"http://.example.com/", "empty label"},
        {"http://ex\xc3\xa4mple.com/", "punycode"},
        {"http://%65xample.com/", "percent"},
        {"http://exa mple.com/", "invalid character"},
        {"http://example.com:0/", "invalid port"},
        {"http://example.com:65536/", "invalid port"},
        {"http://example.com:80abc/", "invalid port"},
        {"http://example.com/a\r\nHost: evil", "control character"},
        {"http://example.com/\n", "control character"},
        {"http://exa\tmple.com/", "control character"},
        {"http:///path", "no host"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        bxn_url u;
        char why[256] = "";
        int rc = bxn_url_parse(bad[i].in, &u, why, sizeof why);
        CHECK(rc != 0 && strstr(why, bad[i].why), "url '%s': expected refusal mentioning '%s', got rc=%d '%s'",
              bad[i].in, bad[i].why, rc, why);
        if (!rc) bxn_url_free(&u);
    }
    /* Location joins */
    static const struct { const char *base, *ref, *out; } joins[] = {
        {"http://a.com/x/y?q", "z", "http://a.com/x/z"},
        {"http://a.com/x/y", "/abs", "http://a.com/abs"},
        {"http://a.com/x/y", "//b.com/p", "http://b.com/p"},
        {"https://a.com/x/y", "//b.com/p", "https://b.com/p"},
        {"http://a.com/x/y", "?k=v", "http://a.com/x/y?k=v"},
        {"http://a.com/x/y", "../../../up", "http://a.com/up"},
        {"http://a.com/x/y", "http://127.1:99/", "http://127.0.0.1:99/"},
        {"http://a.com:8080/x", "/y", "http://a.com:8080/y"},
    };
    for (size_t i = 0; i < sizeof joins / sizeof *joins; i++) {
        bxn_url b, o;
        char why[256] = "";
        CHECK(bxn_url_parse(joins[i].base, &b, why, sizeof why) == 0, "join base %s", joins[i].base);
        int rc = bxn_url_join(&b, joins[i].ref, &o, why, sizeof why);
        char *s = rc == 0 ? bxn_url_string(&o) : NULL;
        CHECK(s && !strcmp(s, joins[i].out), "join %s + %s -> %s (%s), expected %s", joins[i].base, joins[i].ref,
              s ? s : "(error)", why, joins[i].out);
        free(s);
        if (!rc) bxn_url_free(&o);
        bxn_url_free(&b);
    }
    bxn_url b, o;
    char why[256];
    bxn_url_parse("https://a.com/", &b, why, sizeof why);
    CHECK(bxn_url_join(&b, "file:///etc/passwd", &o, why, sizeof why) != 0, "redirect to file: refused");
    CHECK(bxn_url_join(&b, "ftp://a.com/", &o, why, sizeof why) != 0, "redirect to ftp: refused");
    bxn_url_free(&b);
}

/* ---- patterns ---------------------------------------------------------------- */

static void test_patterns(void)
{
    static const struct { const char *pat, *url; int match; } t[] = {
        {"https://example.com", "https://example.com/", 1},
        {"https://example.com", "https://example.com/deep/path?x=1", 1},
        {"https://example.com", "http://example.com/", 0},
        {"https://example.com", "https://example.com:8443/", 0},
        {"https://example.com", "https://sub.example.com/", 0},
        {"https://example.com", "https://example.com.evil.com/", 0},
        {"https://example.com", "https://evilexample.com/", 0},
        {"https://example.com", "https://example.com./", 1},
        {"https://EXAMPLE.com", "https://example.COM/", 1},
        {"https://example.com/", "https://example.com/x", 1},
        {"https://example.com:443", "https://example.com/", 1},
        {"http://example.com:80", "http://example.com:80/", 1},
        {"https://*.example.com", "https://api.example.com/", 1},
        {"https://*.example.com", "https://a.b.example.com/", 1},
        {"https://*.example.com", "https://example.com/", 0},
        {"https://*.example.com", "https://badexample.com/", 0},
        {"https://*.example.com", "https://api.example.com.evil/", 0},
        {"https://*.example.com", "http://api.example.com/", 0},
        {"https://*.example.com", "https://1.2.3.4/", 0},
        {"*://example.com", "http://example.com/", 1},
        {"*://example.com", "https://example.com/", 1},
        {"*://example.com", "http://example.com:443/", 0},
        {"*://example.com", "https://example.com:80/", 0},
        {"*://example.com:*", "http://example.com:1234/", 1},
        {"https://example.com:*", "https://example.com:1/", 1},
        {"https://example.com:*", "http://example.com/", 0},
        {"https://example.com:8443", "https://example.com:8443/", 1},
        {"https://example.com:8443", "https://example.com/", 0},
        {"http://127.0.0.1:8080", "http://127.0.0.1:8080/", 1},
        {"http://127.0.0.1:8080", "http://2130706433:8080/", 1},
        {"http://127.0.0.1:8080", "http://127.1:8080/", 1},
        {"http://127.0.0.1:8080", "http://127.0.0.1:8081/", 0},
        {"http://127.0.0.1:8080", "http://127.0.0.2:8080/", 0},
        {"http://127.0.0.1:8080", "http://localhost:8080/", 0},
        {"http://[::1]:8080", "http://[0::1]:8080/", 1},
        {"http://[::1]:8080", "http://127.0.0.1:8080/", 0},
        {"*://*:*", "http://anything.test:9/", 1},
        {"https://*", "https://x.y/", 1},
        {"https://*", "http://x.y/", 0},
        {"https://xn--bcher-kva.example", "https://xn--bcher-kva.example/", 1},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        bxn_pattern p;
        bxn_url u;
        char why[256] = "";
        int rp = bxn_pattern_parse(t[i].pat, &p, why, sizeof why);
        CHECK(rp == 0, "pattern %s refused: %s", t[i].pat, why);
        int ru = bxn_url_parse(t[i].url, &u, why, sizeof why);
        CHECK(ru == 0, "url %s refused: %s", t[i].url, why);
        if (rp || ru) continue;
        CHECK(bxn_pattern_match(&p, &u) == t[i].match, "pattern %s vs %s: expected %s", t[i].pat, t[i].url,
              t[i].match ? "match" : "no match");
        bxn_url_free(&u);
    }
    static const char *const bad[] = {
        "example.com", "ftp://x.com", "https://*example.com", "https://api.*.com", "https://x.com/path",
        "https://x.com:0", "https://x.com:abc", "https://user@x.com", "https://[::1", "https://",
        "https://*.", "https://x.com:99999", "://x.com", "https://*.*.com", "https://x.com?q",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        bxn_pattern p;
        char why[256] = "";
        CHECK(bxn_pattern_parse(bad[i], &p, why, sizeof why) != 0 && strstr(why, bad[i]),
              "pattern '%s' should be refused with a message naming it (got '%s')", bad[i], why);
    }
}

/* ---- networks ------------------------------------------------------------------ */

static int addr_of(const char *s, bx_net_addr *a)
{
    memset(a, 0, sizeof *a);
    if (inet_pton(AF_INET, s, a->addr) == 1) { a->family = AF_INET; return 0; }
    if (inet_pton(AF_INET6, s, a->addr) == 1) { a->family = AF_INET6; return 0; }
    return -1;
}

static int blocked(const bxn_nets *n, const char *s, char *why, size_t wl)
{
    bx_net_addr a;
    if (addr_of(s, &a) != 0) { printf("FAIL bad test address %s\n", s); nfail++; return -1; }
    return bxn_addr_blocked(n, &a, why, wl);
}

static void test_networks(void)
{
    bxn_nets priv = {0};
    priv.block_private = 1;
    static const char *const blocked_private[] = {
        "127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3",
        "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.0.8",
        "::1", "::", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0",
        "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1", "2002:7f00:1::1",
        "2002:a9fe:a9fe::", "::127.0.0.1", "::ffff:0:127.0.0.1", "2001:0:4136:e378:8000:63bf:80ff:fffe",
        "2001:0:7f00:1::1", "100::1", "::5", "::0.0.0.2",
    };
    for (size_t i = 0; i < sizeof blocked_private / sizeof *blocked_private; i++) {
        char why[400] = "";
        CHECK(blocked(&priv, blocked_private[i], why, sizeof why) == 1 &&
                  (strstr(why, "private") || strstr(why, "never")),
              "%s should be blocked by private (why: %s)", blocked_private[i], why);
    }
    static const char *const public_[] = {
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.0", "100.63.255.255",
        "100.128.0.0", "192.169.0.1", "169.253.255.255", "11.0.0.1", "126.255.255.255", "128.0.0.1",
        "223.255.255.255", "2606:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808",
        "2002:808:808::1", "fbff::1", "fe7f::1",
    };
    for (size_t i = 0; i < sizeof public_ / sizeof *public_; i++) {
        char why[400] = "";
        CHECK(blocked(&priv, public_[i], why, sizeof why) == 0, "%s should be allowed (why: %s)", public_[i], why);
    }
    char why[400];
    /* A block message says how to lift it for that one address. */
    blocked(&priv, "127.0.0.1", why, sizeof why);
    CHECK(strstr(why, "--allow-network 127.0.0.1") != NULL, "lift hint: %s", why);

    /* Holes: 127.0.0.1 only. */
    bxn_cidr hole;
    bxn_cidr_parse("127.0.0.1", &hole);
    bxn_nets lifted = priv;
    lifted.allow = &hole;
    lifted.nallow = 1;
    CHECK(blocked(&lifted, "127.0.0.1", why, sizeof why) == 0, "127.0.0.1 lifted");
    CHECK(blocked(&lifted, "::ffff:127.0.0.1", why, sizeof why) == 0, "::ffff:127.0.0.1 is 127.0.0.1 to the kernel");
    CHECK(blocked(&lifted, "127.0.0.2", why, sizeof why) == 1, "127.0.0.2 not lifted");
    CHECK(blocked(&lifted, "::1", why, sizeof why) == 1, "::1 not lifted");
    bxn_cidr hole6;
    bxn_cidr_parse("::1", &hole6);
    bxn_nets lifted6 = priv;
    lifted6.allow = &hole6;
    lifted6.nallow = 1;
    CHECK(blocked(&lifted6, "::1", why, sizeof why) == 0, "::1 lifted: %s", why);
    CHECK(blocked(&lifted6, "127.0.0.1", why, sizeof why) == 1, "lifting ::1 leaves 127.0.0.1 blocked");
    CHECK(blocked(&lifted, "64:ff9b::7f00:1", why, sizeof why) == 1, "NAT64 form not lifted");
    CHECK(blocked(&lifted, "2002:7f00:1::", why, sizeof why) == 1, "6to4 form not lifted");
    CHECK(blocked(&lifted, "10.0.0.1", why, sizeof why) == 1, "10.0.0.1 not lifted");
    /* Even lifting everything leaves unspecified/multicast refused. */
    bxn_cidr all;
    bxn_cidr_parse("0.0.0.0/0", &all);
    lifted.allow = &all;
    CHECK(blocked(&lifted, "10.0.0.1", why, sizeof why) == 0, "0.0.0.0/0 lifts 10.0.0.1");
    CHECK(blocked(&lifted, "0.0.0.0", why, sizeof why) == 1 && strstr(why, "never"), "0.0.0.0 never: %s", why);
    CHECK(blocked(&lifted, "224.0.0.1", why, sizeof why) == 1, "multicast never");
    CHECK(blocked(&lifted, "::ffff:0.0.0.0", why, sizeof why) == 1, "mapped unspecified never");
    /* A user CIDR, with private off. */
    bxn_cidr user;
    CHECK(bxn_cidr_parse("8.8.8.0/24", &user) == 0, "cidr parse");
    bxn_nets mine = {0};
    mine.block = &user;
    mine.nblock = 1;
    CHECK(blocked(&mine, "8.8.8.8", why, sizeof why) == 1 && strstr(why, "8.8.8.0/24"), "user cidr: %s", why);
    CHECK(blocked(&mine, "::ffff:8.8.8.8", why, sizeof why) == 1, "user cidr, mapped");
    CHECK(blocked(&mine, "64:ff9b::808:808", why, sizeof why) == 1, "user cidr, NAT64");
    CHECK(blocked(&mine, "8.8.9.1", why, sizeof why) == 0, "outside user cidr");
    CHECK(blocked(&mine, "127.0.0.1", why, sizeof why) == 0, "private off: loopback passes");
    CHECK(blocked(&mine, "0.0.0.0", why, sizeof why) == 1, "private off: 0.0.0.0 still refused");
    bxn_cidr c6;
    CHECK(bxn_cidr_parse("2001:db8::/32", &c6) == 0 && c6.family == 6 && c6.bits == 32, "v6 cidr");
    mine.block = &c6;
    CHECK(blocked(&mine, "2001:db8:1::5", why, sizeof why) == 1, "v6 cidr blocks");
    CHECK(blocked(&mine, "2001:db9::5", why, sizeof why) == 0, "v6 cidr edge");
    bxn_cidr x;
    CHECK(bxn_cidr_parse("10.0.0.0/33", &x) != 0, "bad cidr /33");
    CHECK(bxn_cidr_parse("nonsense", &x) != 0, "bad cidr text");
    CHECK(bxn_cidr_parse("10.0.0.0/", &x) != 0, "bad cidr empty bits");
}

/* ---- a bx_net with an injected resolver ------------------------------------------ */

static size_t fake_resolve(void *user, const char *host, bx_net_addr *out, size_t max)
{
    (void)user;
    if (!strcmp(host, "slow-dns.test")) {   /* a resolver that hangs */
        struct timespec ts = {3, 0};
        nanosleep(&ts, NULL);
        return 0;
    }
    static const struct { const char *name; const char *addrs[3]; } tab[] = {
        {"public.test", {"93.184.216.34", NULL}},
        {"mixed.test", {"93.184.216.34", "127.0.0.1", NULL}},
        {"mixed6.test", {"2606:4700::1", "::ffff:10.0.0.1", NULL}},
        {"meta.test", {"169.254.169.254", NULL}},
        {"rebind.test", {"127.0.0.1", NULL}},
        {"rebind-mixed.test", {"127.0.0.1", "10.0.0.1", NULL}},
        {"rebind6.test", {"::1", NULL}},
    };
    for (size_t i = 0; i < sizeof tab / sizeof *tab; i++) {
        if (strcmp(host, tab[i].name)) continue;
        size_t n = 0;
        for (; n < 3 && tab[i].addrs[n] && n < max; n++) addr_of(tab[i].addrs[n], &out[n]);
        return n;
    }
    return 0;
}

static char audit_log[16384];
static void audit(void *user, const char *event, const char *subject, int allow, const char *rule,
                  const char *hint)
{
    (void)user;
    size_t l = strlen(audit_log);
    snprintf(audit_log + l, sizeof audit_log - l, "%s %s %s %s %s\n", event, allow ? "allow" : "deny", subject,
             rule ? rule : "", hint ? hint : "");
}

static int hop(bx_net *n, const char *url, char *msg, size_t ml, bx_net_addr *pin)
{
    bxn_url u;
    char why[256];
    if (bxn_url_parse(url, &u, why, sizeof why) != 0) { snprintf(msg, ml, "%s", why); return -1; }
    int rc = bxn_check_hop(n, &u, pin, msg, ml);
    bxn_url_free(&u);
    return rc;
}

static void test_hops(void)
{
    const char *allow[] = {"http://*:*", "https://*.example.com"};
    const char *burl[] = {"http://public.test/admin"};
    bx_net_config c;
    memset(&c, 0, sizeof c);
    c.allow = allow;
    c.nallow = 2;
    c.block_private = 1;
    c.g.block_url = (char **)burl;
    c.g.nblock_url = 1;
    c.resolve = fake_resolve;
    c.audit = audit;
    bx_error err;
    bx_net *n = bx_net_new(&c, &err);
    CHECK(n != NULL, "bx_net_new: %s", err.msg);
    if (!n) return;
    char msg[512];
    bx_net_addr pin;
    char as[64];
    CHECK(hop(n, "http://public.test/", msg, sizeof msg, &pin) == BX_NET_OK, "public.test: %s", msg);
    bxn_addr_str(&pin, as, sizeof as);
    CHECK(!strcmp(as, "93.184.216.34"), "pinned to %s", as);
    CHECK(hop(n, "http://mixed.test/", msg, sizeof msg, &pin) == BX_NET_EDENIED && strstr(msg, "127.0.0.1"),
          "a name with one blocked address is refused: %s", msg);
    CHECK(hop(n, "http://mixed6.test/", msg, sizeof msg, &pin) == BX_NET_EDENIED && strstr(msg, "10.0.0.1"),
          "mapped address among v6 answers refused: %s", msg);
    CHECK(hop(n, "http://meta.test/latest/meta-data/", msg, sizeof msg, &pin) == BX_NET_EDENIED &&
              strstr(msg, "169.254"), "metadata address refused: %s", msg);
    CHECK(hop(n, "http://nxdomain.test/", msg, sizeof msg, &pin) == BX_NET_EDNS, "unknown name: %s", msg);
    CHECK(hop(n, "https://public.test/", msg, sizeof msg, &pin) == BX_NET_EDENIED &&
              strstr(msg, "--allow-host https://public.test"), "not granted, message names the grant: %s", msg);
    CHECK(hop(n, "http://2130706433/", msg, sizeof msg, &pin) == BX_NET_EDENIED && strstr(msg, "127.0.0.1"),
          "decimal loopback refused: %s", msg);
    CHECK(hop(n, "http://0x7f.1/", msg, sizeof msg, &pin) == BX_NET_EDENIED, "hex short loopback refused");
    CHECK(hop(n, "http://[::ffff:127.0.0.1]/", msg, sizeof msg, &pin) == BX_NET_EDENIED, "mapped refused");
    CHECK(hop(n, "http://[::ffff:a9fe:a9fe]/", msg, sizeof msg, &pin) == BX_NET_EDENIED, "mapped metadata refused");
    CHECK(hop(n, "http://0.0.0.0:8080/", msg, sizeof msg, &pin) == BX_NET_EDENIED, "0.0.0.0 refused");
    CHECK(hop(n, "http://[::]/", msg, sizeof msg, &pin) == BX_NET_EDENIED, ":: refused");
    CHECK(hop(n, "http://93.184.216.34/", msg, sizeof msg, &pin) == BX_NET_OK, "public literal allowed: %s", msg);
    static const char *const blocked_urls[] = {
        "http://public.test/admin", "http://public.test/admin/users", "http://public.test/admin?x=1",
        "http://public.test/%61dmin", "http://public.test/./admin", "http://public.test//admin",
        "HTTP://PUBLIC.TEST:80/admin", "http://public.test/x/../admin", "http://public.test/administrator",
    };
    for (size_t i = 0; i < sizeof blocked_urls / sizeof *blocked_urls; i++)
        CHECK(hop(n, blocked_urls[i], msg, sizeof msg, &pin) == BX_NET_EDENIED && strstr(msg, "--block-url"),
              "%s should hit block_url: %s", blocked_urls[i], msg);
    CHECK(hop(n, "http://public.test/adm", msg, sizeof msg, &pin) == BX_NET_OK, "/adm is not /admin");
    CHECK(hop(n, "http://public.test:8080/admin", msg, sizeof msg, &pin) == BX_NET_OK, "other port, other origin");
    CHECK(strstr(audit_log, "http deny http://mixed.test/") && strstr(audit_log, "http allow http://public.test/"),
          "audit has decisions:\n%s", audit_log);

    /* Requests refused before anything goes out. */
    bx_http_request rq;
    bx_http_response rs;
    memset(&rq, 0, sizeof rq);
    rq.max_redirects = -1;
    const char *hn[2], *hv[2];
    rq.header_names = hn;
    rq.header_values = hv;
    rq.url = "http://public.test/";
    rq.nheaders = 1;
    hn[0] = "Host"; hv[0] = "evil.test";
    CHECK(bx_net_request(n, &rq, &rs, msg, sizeof msg) == BX_NET_EINVAL && strstr(msg, "Host"), "Host mismatch: %s", msg);
    hn[0] = "X-A"; hv[0] = "a\r\nGET /smuggled HTTP/1.1";
    CHECK(bx_net_request(n, &rq, &rs, msg, sizeof msg) == BX_NET_EINVAL && strstr(msg, "control"), "CRLF value: %s", msg);
    hn[0] = "X-A\r\nX-B"; hv[0] = "v";
    CHECK(bx_net_request(n, &rq, &rs, msg, sizeof msg) == BX_NET_EINVAL, "CRLF in name");
    hn[0] = "Transfer-Encoding"; hv[0] = "chunked";
    CHECK(bx_net_request(n, &rq, &rs, msg, sizeof msg) == BX_NET_EINVAL, "Transfer-Encoding refused");
    hn[0] = "Content-Length"; hv[0] = "5";
    CHECK(bx_net_request(n, &rq, &rs, msg, sizeof msg) == BX_NET_EINVAL, "Content-Length refused");
    rq.nheaders = 0;
    rq.method = "TRACE";
    CHECK(bx_net_request(n, &rq, &rs, msg, sizeof msg) == BX_NET_EINVAL, "TRACE refused");
    rq.method = "GET / HTTP/1.1\r\nX:";
    CHECK(bx_net_request(n, &rq, &rs, msg, sizeof msg) == BX_NET_EINVAL, "method smuggling refused");
    rq.method = NULL;
    rq.url = "http://user@public.test/";
    CHECK(bx_net_request(n, &rq, &rs, msg, sizeof msg) == BX_NET_EINVAL, "userinfo refused");
    rq.url = "http://mixed.test/";
    CHECK(bx_net_request(n, &rq, &rs, msg, sizeof msg) == BX_NET_EDENIED, "request to mixed.test refused");
    bx_net_free(n);
}

static void test_config(void)
{
    bx_net_config c;
    bx_error err;
    memset(&c, 0, sizeof c);
    const char *bad_allow[] = {"https://*evil.com"};
    c.allow = bad_allow;
    c.nallow = 1;
    CHECK(!bx_net_new(&c, &err) && strstr(err.msg, "*evil.com"), "bad pattern refused: %s", err.msg);
    memset(&c, 0, sizeof c);
    const char *bad_net[] = {"10.0.0.0/99"};
    c.g.block_networks = (char **)bad_net;
    c.g.nblock_networks = 1;
    CHECK(!bx_net_new(&c, &err) && strstr(err.msg, "10.0.0.0/99"), "bad network refused: %s", err.msg);
    memset(&c, 0, sizeof c);
    const char *sec_unset[] = {"api.example.com:Authorization=env:BX_TEST_SURELY_UNSET"};
    c.g.secret_headers = (char **)sec_unset;
    c.g.nsecret_headers = 1;
    CHECK(!bx_net_new(&c, &err) && strstr(err.msg, "BX_TEST_SURELY_UNSET"), "unset env: %s", err.msg);
    setenv("BX_TEST_CRLF_SECRET", "topsecret\r\nX-Evil: 1", 1);
    const char *sec_crlf[] = {"api.example.com:Authorization=env:BX_TEST_CRLF_SECRET"};
    c.g.secret_headers = (char **)sec_crlf;
    CHECK(!bx_net_new(&c, &err) && !strstr(err.msg, "topsecret") && strstr(err.msg, "control"),
          "CRLF secret refused without echoing it: %s", err.msg);
    const char *sec_bad[] = {"api.example.com:Bad Name=x", "noorigin=x", ":A=b"};
    for (int i = 0; i < 3; i++) {
        c.g.secret_headers = (char **)&sec_bad[i];
        CHECK(!bx_net_new(&c, &err), "bad secret spec %s refused", sec_bad[i]);
    }
    setenv("BX_TEST_SECRET", "s3cr3t-value", 1);
    const char *sec_ok[] = {"api.example.com:Authorization=env:BX_TEST_SECRET",
                            "http://127.0.0.1:8080:X-Key=literal-value"};
    c.g.secret_headers = (char **)sec_ok;
    c.g.nsecret_headers = 2;
    bx_net *n = bx_net_new(&c, &err);
    CHECK(n != NULL, "secrets parse: %s", n ? "" : err.msg);
    if (n) {
        bxn_url u;
        char why[128];
        bxn_url_parse("https://api.example.com/v1", &u, why, sizeof why);
        CHECK(bxn_pattern_match(&n->secrets[0].origin, &u), "secret origin matches https");
        bxn_url_free(&u);
        bxn_url_parse("http://api.example.com/v1", &u, why, sizeof why);
        CHECK(!bxn_pattern_match(&n->secrets[0].origin, &u), "bare-host secret never goes over http");
        bxn_url_free(&u);
        bxn_url_parse("https://evil.api.example.com/", &u, why, sizeof why);
        CHECK(!bxn_pattern_match(&n->secrets[0].origin, &u), "secret not for subdomains");
        bxn_url_free(&u);
        bxn_url_parse("http://127.0.0.1:8080/", &u, why, sizeof why);
        CHECK(bxn_pattern_match(&n->secrets[1].origin, &u) && !strcmp(n->secrets[1].value, "literal-value"),
              "explicit http origin");
        bxn_url_free(&u);
        bx_net_free(n);
    }
    CHECK(!strcmp(bx_net_code_name(BX_NET_EDENIED), "denied"), "code names");
}

/* ---- live, against tests/net/server.py ----------------------------------------- */

static void test_live6(int port)
{
    char allow_p[64], url[128], msg[512];
    snprintf(allow_p, sizeof allow_p, "http://rebind6.test:%d", port);
    const char *allow[] = {allow_p};
    const char *lift[] = {"::1"};
    bx_net_config c;
    memset(&c, 0, sizeof c);
    c.allow = allow;
    c.nallow = 1;
    c.block_private = 1;
    c.g.allow_networks = (char **)lift;
    c.g.nallow_networks = 1;
    c.resolve = fake_resolve;
    bx_error err;
    bx_net *n = bx_net_new(&c, &err);
    if (!n) { CHECK(0, "live6 net: %s", err.msg); return; }
    bx_http_request rq;
    bx_http_response rs;
    memset(&rq, 0, sizeof rq);
    rq.max_redirects = -1;
    snprintf(url, sizeof url, "http://rebind6.test:%d/json", port);
    rq.url = url;
    int rc = bx_net_request(n, &rq, &rs, msg, sizeof msg);
    CHECK(rc == BX_NET_OK && rs.status == 200, "pinned IPv6 request to rebind6.test: rc=%d %s", rc, msg);
    if (rc == BX_NET_OK) bx_http_response_free(&rs);
    bx_net_free(n);
}

static void test_live(int port)
{
    char allow_p[64], url[128], msg[512];
    snprintf(allow_p, sizeof allow_p, "http://*:%d", port);
    const char *allow[] = {allow_p};
    const char *lift[] = {"127.0.0.1"};
    bx_net_config c;
    memset(&c, 0, sizeof c);
    c.allow = allow;
    c.nallow = 1;
    c.block_private = 1;
    c.g.allow_networks = (char **)lift;
    c.g.nallow_networks = 1;
    c.resolve = fake_resolve;
    bx_error err;
    bx_net *n = bx_net_new(&c, &err);
    CHECK(n != NULL, "live net: %s", n ? "" : err.msg);
    if (!n) return;
    bx_http_request rq;
    bx_http_response rs;
    memset(&rq, 0, sizeof rq);
    rq.max_redirects = -1;
    /* rebind.test exists only in our resolver: reaching the server proves
     * curl connected to the address we checked, not one it looked up. */
    snprintf(url, sizeof url, "http://rebind.test:%d/json", port);
    rq.url = url;
    int rc = bx_net_request(n, &rq, &rs, msg, sizeof msg);
    CHECK(rc == BX_NET_OK && rs.status == 200 && rs.body_len > 0 && memmem(rs.body, rs.body_len, "boxagnts", 8),
          "pinned request to rebind.test: rc=%d %s", rc, msg);
    if (rc == BX_NET_OK) bx_http_response_free(&rs);
    snprintf(url, sizeof url, "http://rebind-mixed.test:%d/json", port);
    rc = bx_net_request(n, &rq, &rs, msg, sizeof msg);
    CHECK(rc == BX_NET_EDENIED && strstr(msg, "10.0.0.1"), "name with a blocked second address: rc=%d %s", rc, msg);
    /* Redirect to a blocked address: refused at the hop. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/redirect?to=http://10.0.0.1:%d/", port, port);
    rc = bx_net_request(n, &rq, &rs, msg, sizeof msg);
    CHECK(rc == BX_NET_EDENIED && strstr(msg, "10.0.0.1") && strstr(msg, "after 1 redirect"),
          "redirect to blocked: rc=%d %s", rc, msg);
    /* Body cap. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/big?n=100000", port);
    rq.max_response_bytes = 1000;
    rc = bx_net_request(n, &rq, &rs, msg, sizeof msg);
    CHECK(rc == BX_NET_OK && rs.body_len == 1000 && rs.truncated, "cap: rc=%d len=%zu", rc,
          rc == BX_NET_OK ? rs.body_len : 0);
    if (rc == BX_NET_OK) bx_http_response_free(&rs);
    /* Decompressed size is what is capped. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/gzip", port);
    rq.max_response_bytes = 5000;
    rc = bx_net_request(n, &rq, &rs, msg, sizeof msg);
    CHECK(rc == BX_NET_OK && rs.body_len == 5000 && rs.truncated && rs.body[0] == 'x',
          "gzip bomb capped after decoding: rc=%d %s", rc, msg);
    if (rc == BX_NET_OK) bx_http_response_free(&rs);
    rq.max_response_bytes = 0;
    /* Timeout. */
    snprintf(url, sizeof url, "http://127.0.0.1:%d/slow?s=5", port);
    rq.timeout_ns = 300000000;
    rc = bx_net_request(n, &rq, &rs, msg, sizeof msg);
    CHECK(rc == BX_NET_ETIMEOUT && strstr(msg, "timed out"), "timeout: rc=%d %s", rc, msg);
    /* Name resolution also ends at the deadline. */
    snprintf(url, sizeof url, "http://slow-dns.test:%d/json", port);
    rq.timeout_ns = 300000000;
    uint64_t t0 = bxn_now_ns();
    rc = bx_net_request(n, &rq, &rs, msg, sizeof msg);
    CHECK(rc == BX_NET_ETIMEOUT && strstr(msg, "resolve") && bxn_now_ns() - t0 < 2500000000ull,
          "hanging resolver stopped at the deadline: rc=%d %s", rc, msg);
    rq.timeout_ns = 0;
    bx_net_free(n);
}

/* --block-url: every spelling a server may take for the blocked path is
 * refused (case, escapes once or twice, %2F, backslash, dot segments,
 * ;params, duplicate slashes, scheme, default port, trailing dot, IP
 * spellings and names resolving to a blocked IP literal); neighbours are not. */
static void test_block_url(void)
{
    const char *allow[] = {"*://*:*"};
    const char *burl[] = {"http://public.test/admin", "https://93.184.216.34:8443/secret",
                          "http://[2001:db8::7]/v6admin", "http://public.test/api?key="};
    const char *lift[] = {"0.0.0.0/0", "::/0"};
    bx_net_config c;
    memset(&c, 0, sizeof c);
    c.allow = allow;
    c.nallow = 1;
    c.g.allow_networks = (char **)lift;
    c.g.nallow_networks = 2;
    c.g.block_url = (char **)burl;
    c.g.nblock_url = 4;
    c.resolve = fake_resolve;
    bx_error err;
    bx_net *n = bx_net_new(&c, &err);
    CHECK(n != NULL, "bx_net_new: %s", err.msg);
    if (!n) return;
    static const char *const refused[] = {
        "http://public.test/ADMIN", "http://public.test/Admin/users", "http://public.test/aDmIn?x=1",
        "http://public.test/%2Fadmin", "http://public.test/%2fadmin", "http://public.test/%2F%2Fadmin",
        "http://public.test/%61dmin", "http://public.test/%41DMIN", "http://public.test/%2561dmin",
        "http://public.test/%252Fadmin", "http://public.test/%25252Fadmin", "http://public.test/%5Cadmin",
        "http://public.test/\\admin", "http://public.test/x/../admin", "http://public.test/x/%2E%2E/admin",
        "http://public.test/x/%2e%2e%2fadmin", "http://public.test/x%2F..%2Fadmin", "http://public.test/x/..;/admin",
        "http://public.test/admin;jsessionid=1", "http://public.test/admin%3Bx", "http://public.test/./admin",
        "http://public.test//admin", "http://public.test/a/b/../../admin", "http://public.test/x/%252E%252E/admin",
        "http://public.test/admin%00.png", "https://public.test/admin", "https://public.test:443/admin",
        "http://public.test:80/admin", "HTTP://PUBLIC.TEST/admin", "http://public.test./admin",
        "http://Public.Test.:80/ADMIN/", "http://public.test/admin%2Fx", "http://public.test/admin%3Fx",
        /* an IP-literal rule: the IP in every spelling, and names resolving to it */
        "https://93.184.216.34:8443/secret", "https://93.184.216.34:8443/SECRET/x", "http://93.184.216.34:8443/secret",
        "https://1572395042:8443/secret", "https://0x5db8d822:8443/secret", "https://93.184.55330:8443/secret",
        "https://[::ffff:93.184.216.34]:8443/secret", "https://[::ffff:5db8:d822]:8443/%73ecret",
        "https://public.test:8443/secret", "https://mixed.test:8443/Secret",
        "http://[2001:db8::7]/v6admin", "http://[2001:0DB8:0:0:0:0:0:7]/V6ADMIN", "http://[2001:db8:0::7]:80/v6admin/x",
        "http://public.test/api?key=1", "http://public.test/API?KEY=1", "http://public.test/api?%6Bey=1",
        "http://public.test/api%3Fkey=1", "http://public.test/%252525252561dmin",
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        char msg[512];
        bx_net_addr pin;
        int rc = hop(n, refused[i], msg, sizeof msg, &pin);
        CHECK(rc == BX_NET_EDENIED && strstr(msg, "--block-url"), "%s must hit --block-url: %d %s", refused[i], rc, msg);
    }
    static const char *const allowed[] = {
        "http://public.test/adm", "http://public.test/public/admin", "http://public.test/x/admin",
        "http://public.test:8080/admin", "http://other.test.example/admin", "https://93.184.216.34/secret",
        "https://93.184.216.34:8443/secre", "http://public.test/api?other=1", "http://public.test/ap",
        "http://[2001:db8::8]/v6admin",
    };
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++) {
        char msg[512];
        bx_net_addr pin;
        int rc = hop(n, allowed[i], msg, sizeof msg, &pin);
        CHECK(rc != BX_NET_EDENIED || !strstr(msg, "--block-url"), "%s is not blocked: %s", allowed[i], msg);
    }
    /* a chain of %25 deeper than any server decodes: still a verdict */
    {
        char url[8192];
        size_t k = (size_t)snprintf(url, sizeof url, "http://public.test/");
        for (int i = 0; i < 2000; i++) k += (size_t)snprintf(url + k, sizeof url - k, "%%25");
        snprintf(url + k, sizeof url - k, "61dmin");
        char msg[512];
        bx_net_addr pin;
        int rc = hop(n, url, msg, sizeof msg, &pin);
        CHECK(rc == BX_NET_OK || rc == BX_NET_EDENIED, "a 2000-deep %%25 chain gets a verdict: %d", rc);
    }
    /* hosts that are not names at all */
    char msg[512];
    bx_net_addr pin;
    CHECK(hop(n, "http://public.test../admin", msg, sizeof msg, &pin) == -1 && strstr(msg, "empty label"),
          "two trailing dots: refused as a URL: %s", msg);
    bx_net_free(n);
}

int main(int argc, char **argv)
{
    test_urls();
    test_patterns();
    test_networks();
    test_hops();
    test_block_url();
    test_config();
    if (argc > 1) test_live(atoi(argv[1]));
    if (argc > 2 && atoi(argv[2]) > 0) test_live6(atoi(argv[2]));
    return check_report();
}
