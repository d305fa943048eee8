/*
 * tests/net/bench_net.c — `make bench-net`: what the HTTP capability costs.
 *
 *   bench_net PORT N
 *
 * Against tests/net/server.py on 127.0.0.1:PORT: the policy decision alone
 * (parse + allowlist + address checks, no I/O), N GETs with plain libcurl
 * (a new easy handle per request, as bx_net_request does), and N GETs
 * through bx_net_request (policy, pinning, callbacks).
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net_impl.h"

static size_t sink(char *p, size_t s, size_t n, void *u) { (void)p; (void)u; return s * n; }

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: bench_net PORT N\n"); return 2; }
    int port = atoi(argv[1]), n = atoi(argv[2]);
    char url[128], pat[64], msg[512];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/json", port);
    snprintf(pat, sizeof pat, "http://127.0.0.1:%d", port);
    const char *allow[] = {"https://*.example.com", "https://api.other.test", pat};
    const char *lift[] = {"127.0.0.1"};
    bx_net_config c;
    memset(&c, 0, sizeof c);
    c.allow = allow;
    c.nallow = 3;
    c.block_private = 1;
    c.g.allow_networks = (char **)lift;
    c.g.nallow_networks = 1;
    bx_error err;
    bx_net *net = bx_net_new(&c, &err);
    if (!net) { fprintf(stderr, "%s\n", err.msg); return 1; }

    int reps = 200000;
    uint64_t t0 = bxn_now_ns();
    for (int i = 0; i < reps; i++) {
        bxn_url u;
        bx_net_addr pin;
        if (bxn_url_parse(url, &u, msg, sizeof msg) || bxn_check_hop(net, &u, &pin, msg, sizeof msg)) {
            fprintf(stderr, "policy: %s\n", msg);
            return 1;
        }
        bxn_url_free(&u);
    }
    double pol_ns = (double)(bxn_now_ns() - t0) / reps;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    double raw_s = 0, ours_s = 0;
    for (int round = 0; round < 2; round++) {   /* the first round warms the server up */
    t0 = bxn_now_ns();
    for (int i = 0; i < n; i++) {
        CURL *h = curl_easy_init();
        curl_easy_setopt(h, CURLOPT_URL, url);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
        curl_easy_setopt(h, CURLOPT_PROXY, "");
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
        if (curl_easy_perform(h) != CURLE_OK) { fprintf(stderr, "curl failed\n"); return 1; }
        curl_easy_cleanup(h);
    }
    raw_s = (double)(bxn_now_ns() - t0) / 1e9;

    t0 = bxn_now_ns();
    for (int i = 0; i < n; i++) {
        bx_http_request rq;
        bx_http_response rs;
        memset(&rq, 0, sizeof rq);
        rq.url = url;
        rq.max_redirects = -1;
        if (bx_net_request(net, &rq, &rs, msg, sizeof msg) != BX_NET_OK) { fprintf(stderr, "%s\n", msg); return 1; }
        bx_http_response_free(&rs);
    }
    ours_s = (double)(bxn_now_ns() - t0) / 1e9;
    }
    bx_net_free(net);

    printf("policy decision (parse + allowlist + address checks): %.0f ns per request\n", pol_ns);
    printf("libcurl, new handle per request:  %6.0f requests/s (%.3f ms each)\n", n / raw_s, raw_s * 1e3 / n);
    printf("bx_net_request:                   %6.0f requests/s (%.3f ms each, +%.3f ms)\n", n / ours_s,
           ours_s * 1e3 / n, (ours_s - raw_s) * 1e3 / n);
    return 0;
}
