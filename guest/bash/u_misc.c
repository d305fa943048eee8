/*
 * guest/bash/u_misc.c — diff (normal, -u, -q), cmp, md5sum, sha256sum,
 * base64, date, env, sleep, yes, timeout.
 */
#include "cmds.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- diff ------------------------------------------------------------------ */
typedef struct DL { const char **p; size_t *n; int cnt; } DL;
static void dl_split(const char *b, size_t len, DL *d)
{
    d->cnt = 0;
    d->p = NULL;
    d->n = NULL;
    size_t i = 0;
    int cap = 0;
    while (i < len) {
        const char *e = memchr(b + i, '\n', len - i);
        size_t l = e ? (size_t)(e - b - i) + 1 : len - i;
        if (d->cnt == cap) { cap = cap ? cap * 2 : 64; d->p = xrealloc(d->p, sizeof(char *) * (size_t)cap); d->n = xrealloc(d->n, sizeof(size_t) * (size_t)cap); }
        d->p[d->cnt] = b + i;
        d->n[d->cnt++] = l;
        i += l;
    }
}
static int dl_eq(DL *a, int i, DL *b, int j)
{
    return a->n[i] == b->n[j] && !memcmp(a->p[i], b->p[j], a->n[i]);
}

/* edit script: ops[k] = 0 keep, 1 delete (from a), 2 insert (from b) */
static int lcs_ops(DL *a, DL *b, char **ops_out, int *nops)
{
    int n = a->cnt, m = b->cnt;
    int pre = 0;
    while (pre < n && pre < m && dl_eq(a, pre, b, pre)) pre++;
    int suf = 0;
    while (suf < n - pre && suf < m - pre && dl_eq(a, n - 1 - suf, b, m - 1 - suf)) suf++;
    int N = n - pre - suf, M = m - pre - suf;
    if ((long long)(N + 1) * (M + 1) > 40000000LL) return -1;
    unsigned *t = xmalloc(sizeof(unsigned) * (size_t)(N + 1) * (size_t)(M + 1));
    #define T(i, j) t[(size_t)(i) * (size_t)(M + 1) + (size_t)(j)]
    for (int i = N; i >= 0; i--)
        for (int j = M; j >= 0; j--) {
            if (i == N || j == M) T(i, j) = 0;
            else if (dl_eq(a, pre + i, b, pre + j)) T(i, j) = T(i + 1, j + 1) + 1;
            else T(i, j) = T(i + 1, j) >= T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
        }
    char *ops = xmalloc((size_t)(n + m + 1));
    int k = 0;
    for (int q = 0; q < pre; q++) ops[k++] = 0;
    int i = 0, j = 0;
    while (i < N || j < M) {
        if (i < N && j < M && dl_eq(a, pre + i, b, pre + j)) { ops[k++] = 0; i++; j++; }
        else if (j >= M || (i < N && T(i + 1, j) >= T(i, j + 1))) { ops[k++] = 1; i++; }
        else { ops[k++] = 2; j++; }
    }
    for (int q = 0; q < suf; q++) ops[k++] = 0;
    free(t);
    *ops_out = ops;
    *nops = k;
    return 0;
}

static void put_line(Sh *sh, const char *pfx, const char *p, size_t n)
{
    outs(sh, pfx);
    sh_out(sh, 1, p, n);
    if (!n || p[n - 1] != '\n') outs(sh, "\n\\ No newline at end of file\n");
}

static void range(Sh *sh, int s, int e)
{
    /* 1-based inclusive s..e */
    if (e <= s) outf(sh, "%d", s < e ? s : e);
    else outf(sh, "%d,%d", s, e);
}

static void diff_hdr(Sh *sh, const char *mark, const char *name)
{
    struct stat s;
    char tb[80] = "";
    if (strcmp(name, "-") && stat(P(sh, name), &s) == 0) {
        struct tm tm;
        time_t t = s.st_mtim.tv_sec;
        gmtime_r(&t, &tm);
        char b[64];
        strftime(b, sizeof b, "%Y-%m-%d %H:%M:%S", &tm);
        snprintf(tb, sizeof tb, "%s.%09ld +0000", b, (long)s.st_mtim.tv_nsec);
    }
    outf(sh, "%s %s\t%s\n", mark, name, tb);
}

int u_diff(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, uni = 0, brief = 0, ctx = 3;
    while ((c = go_next(&g, "uqU:NawBbit")) != -1) {
        if (c == 'u') uni = 1;
        else if (c == 'U') { uni = 1; ctx = atoi(g.arg); }
        else if (c == 'q') brief = 1;
        else if (c == 'L') { if (!strcmp(g.lname, "brief")) brief = 1; else if (!strncmp(g.lname, "unified", 7)) uni = 1; else if (strcmp(g.lname, "color") && strncmp(g.lname, "color=", 6)) { errf(sh, "diff: unrecognized option '--%s'\n", g.lname); go_free(&g); return 2; } }
        else if (strchr("NawBbit", c)) ;
        else { errf(sh, "diff: invalid option -- '%c'\n", g.bad); go_free(&g); return 2; }
    }
    if (g.nops != 2) { errf(sh, "diff: missing operand after '%s'\ndiff: Try 'diff --help' for more information.\n", argc > 1 ? argv[argc - 1] : "diff"); go_free(&g); return 2; }
    const char *fa = g.ops[0], *fb = g.ops[1];
    tbuf A = {0}, B = {0};
    if (read_input(sh, "diff", fa, &A) < 0 || read_input(sh, "diff", fb, &B) < 0) { tbuf_free(&A); tbuf_free(&B); go_free(&g); return 2; }
    int st = 0;
    if (A.len == B.len && (!A.len || !memcmp(A.p, B.p, A.len))) goto done;
    st = 1;
    if (brief) { outf(sh, "Files %s and %s differ\n", fa, fb); goto done; }
    DL a, b;
    dl_split(A.p ? A.p : "", A.len, &a);
    dl_split(B.p ? B.p : "", B.len, &b);
    char *ops;
    int nops;
    if (lcs_ops(&a, &b, &ops, &nops) < 0) { errf(sh, "diff: files too large to compare here\n"); st = 2; free(a.p); free(a.n); free(b.p); free(b.n); goto done; }
    if (!uni) {
        int i = 0, j = 0, k = 0;
        while (k < nops) {
            if (!ops[k]) { i++; j++; k++; continue; }
            int di = 0, dj = 0, k2 = k;
            while (k2 < nops && ops[k2]) { if (ops[k2] == 1) di++; else dj++; k2++; }
            if (di && dj) { range(sh, i + 1, i + di); outs(sh, "c"); range(sh, j + 1, j + dj); }
            else if (di) { range(sh, i + 1, i + di); outf(sh, "d%d", j); }
            else { outf(sh, "%da", i); range(sh, j + 1, j + dj); }
            outs(sh, "\n");
            for (int q = 0; q < di; q++) put_line(sh, "< ", a.p[i + q], a.n[i + q]);
            if (di && dj) outs(sh, "---\n");
            for (int q = 0; q < dj; q++) put_line(sh, "> ", b.p[j + q], b.n[j + q]);
            i += di; j += dj; k = k2;
        }
    } else {
        diff_hdr(sh, "---", fa);
        diff_hdr(sh, "+++", fb);
        /* positions: for each op index, the a/b line numbers before it */
        int *ai = xmalloc(sizeof(int) * (size_t)(nops + 1)), *bj = xmalloc(sizeof(int) * (size_t)(nops + 1));
        int i = 0, j = 0;
        for (int k = 0; k < nops; k++) { ai[k] = i; bj[k] = j; if (ops[k] != 2) i++; if (ops[k] != 1) j++; }
        ai[nops] = i; bj[nops] = j;
        int k = 0;
        while (k < nops) {
            while (k < nops && !ops[k]) k++;
            if (k >= nops) break;
            int hs = k - ctx < 0 ? 0 : k - ctx;
            int he = k;
            /* extend while changes are within 2*ctx */
            for (;;) {
                while (he < nops && ops[he]) he++;
                int nx = he;
                while (nx < nops && !ops[nx]) nx++;
                if (nx < nops && nx - he <= 2 * ctx) { he = nx; continue; }
                break;
            }
            int hend = he + ctx > nops ? nops : he + ctx;
            int as = ai[hs], bs = bj[hs], al = ai[hend] - as, bl = bj[hend] - bs;
            outs(sh, "@@ -");
            if (al == 1) outf(sh, "%d", as + 1); else outf(sh, "%d,%d", al ? as + 1 : as, al);
            outs(sh, " +");
            if (bl == 1) outf(sh, "%d", bs + 1); else outf(sh, "%d,%d", bl ? bs + 1 : bs, bl);
            outs(sh, " @@\n");
            for (int q = hs; q < hend; q++) {
                if (ops[q] == 0) put_line(sh, " ", a.p[ai[q]], a.n[ai[q]]);
                else if (ops[q] == 1) put_line(sh, "-", a.p[ai[q]], a.n[ai[q]]);
                else put_line(sh, "+", b.p[bj[q]], b.n[bj[q]]);
            }
            k = hend;
        }
        free(ai); free(bj);
    }
    free(ops);
    free(a.p); free(a.n); free(b.p); free(b.n);
done:
    tbuf_free(&A); tbuf_free(&B);
    go_free(&g);
    return st;
}

int u_cmp(Sh *sh, int argc, char **argv)
{
    int silent = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) if (strchr(argv[i], 's')) silent = 1;
    if (argc - i < 2) { errf(sh, "cmp: missing operand\n"); return 2; }
    tbuf A = {0}, B = {0};
    if (read_input(sh, "cmp", argv[i], &A) < 0 || read_input(sh, "cmp", argv[i + 1], &B) < 0) { tbuf_free(&A); tbuf_free(&B); return 2; }
    size_t n = A.len < B.len ? A.len : B.len, line = 1;
    int st = 0;
    for (size_t k = 0; k < n; k++) {
        if (A.p[k] != B.p[k]) {
            if (!silent) outf(sh, "%s %s differ: char %zu, line %zu\n", argv[i], argv[i + 1], k + 1, line);
            st = 1;
            goto out;
        }
        if (A.p[k] == '\n') line++;
    }
    if (A.len != B.len) {
        if (!silent) errf(sh, "cmp: EOF on %s after byte %zu, line %zu\n", A.len < B.len ? argv[i] : argv[i + 1], n, line - (n && A.p[n - 1] == '\n'));
        st = 1;
    }
out:
    tbuf_free(&A); tbuf_free(&B);
    return st;
}

/* ---- hashes ------------------------------------------------------------------- */
typedef struct { uint32_t s[4]; uint64_t n; unsigned char b[64]; } MD5;
static const uint32_t MK[64] = {
    0xd76aa478,0xe8c7b756,0x242070db,0xc1bdceee,0xf57c0faf,0x4787c62a,0xa8304613,0xfd469501,0x698098d8,0x8b44f7af,0xffff5bb1,0x895cd7be,0x6b901122,0xfd987193,0xa679438e,0x49b40821,
    0xf61e2562,0xc040b340,0x265e5a51,0xe9b6c7aa,0xd62f105d,0x02441453,0xd8a1e681,0xe7d3fbc8,0x21e1cde6,0xc33707d6,0xf4d50d87,0x455a14ed,0xa9e3e905,0xfcefa3f8,0x676f02d9,0x8d2a4c8a,
    0xfffa3942,0x8771f681,0x6d9d6122,0xfde5380c,0xa4beea44,0x4bdecfa9,0xf6bb4b60,0xbebfbc70,0x289b7ec6,0xeaa127fa,0xd4ef3085,0x04881d05,0xd9d4d039,0xe6db99e5,0x1fa27cf8,0xc4ac5665,
    0xf4292244,0x432aff97,0xab9423a7,0xfc93a039,0x655b59c3,0x8f0ccc92,0xffeff47d,0x85845dd1,0x6fa87e4f,0xfe2ce6e0,0xa3014314,0x4e0811a1,0xf7537e82,0xbd3af235,0x2ad7d2bb,0xeb86d391};
static const int MR[64] = {7,12,17,22,7,12,17,22,7,12,17,22,7,12,17,22,5,9,14,20,5,9,14,20,5,9,14,20,5,9,14,20,4,11,16,23,4,11,16,23,4,11,16,23,4,11,16,23,6,10,15,21,6,10,15,21,6,10,15,21,6,10,15,21};
#define ROL(x, c) (((x) << (c)) | ((x) >> (32 - (c))))
static void md5_block(uint32_t *s, const unsigned char *p)
{
    uint32_t w[16], a = s[0], b = s[1], c = s[2], d = s[3];
    for (int i = 0; i < 16; i++) w[i] = (uint32_t)p[i * 4] | (uint32_t)p[i * 4 + 1] << 8 | (uint32_t)p[i * 4 + 2] << 16 | (uint32_t)p[i * 4 + 3] << 24;
    for (int i = 0; i < 64; i++) {
        uint32_t f; int g;
        if (i < 16) { f = (b & c) | (~b & d); g = i; }
        else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
        else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
        else { f = c ^ (b | ~d); g = (7 * i) % 16; }
        uint32_t t = d; d = c; c = b;
        b = b + ROL(a + f + MK[i] + w[g], MR[i]);
        a = t;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d;
}
static void md5(const unsigned char *p, size_t n, unsigned char out[16])
{
    uint32_t s[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
    size_t i = 0;
    for (; i + 64 <= n; i += 64) md5_block(s, p + i);
    unsigned char t[128] = {0};
    size_t r = n - i;
    memcpy(t, p + i, r);
    t[r] = 0x80;
    size_t tl = r < 56 ? 64 : 128;
    uint64_t bits = (uint64_t)n * 8;
    for (int k = 0; k < 8; k++) t[tl - 8 + k] = (unsigned char)(bits >> (8 * k));
    md5_block(s, t);
    if (tl == 128) md5_block(s, t + 64);
    for (int k = 0; k < 4; k++) for (int q = 0; q < 4; q++) out[k * 4 + q] = (unsigned char)(s[k] >> (8 * q));
}

static const uint32_t SK[64] = {
    0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,
    0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,
    0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
    0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2};
#define ROR(x, c) (((x) >> (c)) | ((x) << (32 - (c))))
static void sha_block(uint32_t *h, const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = (uint32_t)p[i * 4] << 24 | (uint32_t)p[i * 4 + 1] << 16 | (uint32_t)p[i * 4 + 2] << 8 | p[i * 4 + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25), ch = (e & f) ^ (~e & g);
        uint32_t t1 = hh + S1 + ch + SK[i] + w[i];
        uint32_t S0 = ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22), mj = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = S0 + mj;
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}
static void sha256(const unsigned char *p, size_t n, unsigned char out[32])
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t i = 0;
    for (; i + 64 <= n; i += 64) sha_block(h, p + i);
    unsigned char t[128] = {0};
    size_t r = n - i;
    memcpy(t, p + i, r);
    t[r] = 0x80;
    size_t tl = r < 56 ? 64 : 128;
    uint64_t bits = (uint64_t)n * 8;
    for (int k = 0; k < 8; k++) t[tl - 1 - k] = (unsigned char)(bits >> (8 * k));
    sha_block(h, t);
    if (tl == 128) sha_block(h, t + 64);
    for (int k = 0; k < 8; k++) for (int q = 0; q < 4; q++) out[k * 4 + q] = (unsigned char)(h[k] >> (24 - 8 * q));
}

static int hashsum(Sh *sh, int argc, char **argv, int sha)
{
    const char *cmd = sha ? "sha256sum" : "md5sum";
    int st = 0, nf = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1]) { if (!strcmp(argv[i], "-c") || !strcmp(argv[i], "--check")) { errf(sh, "%s: --check is not supported here\n", cmd); return 1; } continue; }
        nf++;
    }
    for (int i = 1; i < argc || !nf; i++) {
        const char *f = nf ? argv[i] : "-";
        if (nf && f[0] == '-' && f[1]) continue;
        tbuf b = {0};
        if (read_input(sh, cmd, f, &b) < 0) { st = 1; if (!nf) break; continue; }
        unsigned char h[32];
        int hl = sha ? 32 : 16;
        if (sha) sha256((unsigned char *)(b.p ? b.p : ""), b.len, h); else md5((unsigned char *)(b.p ? b.p : ""), b.len, h);
        for (int k = 0; k < hl; k++) outf(sh, "%02x", h[k]);
        outf(sh, "  %s\n", f);
        tbuf_free(&b);
        if (!nf) break;
    }
    return st;
}
int u_md5sum(Sh *sh, int argc, char **argv) { return hashsum(sh, argc, argv, 0); }
int u_sha256sum(Sh *sh, int argc, char **argv) { return hashsum(sh, argc, argv, 1); }

int u_base64(Sh *sh, int argc, char **argv)
{
    int dec = 0, wrap = 76;
    const char *file = "-";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-d") || !strcmp(argv[i], "--decode")) dec = 1;
        else if (!strcmp(argv[i], "-w") && i + 1 < argc) wrap = atoi(argv[++i]);
        else if (!strncmp(argv[i], "-w", 2)) wrap = atoi(argv[i] + 2);
        else if (!strncmp(argv[i], "--wrap=", 7)) wrap = atoi(argv[i] + 7);
        else if (!strcmp(argv[i], "-i")) ;
        else file = argv[i];
    }
    tbuf b = {0};
    if (read_input(sh, "base64", file, &b) < 0) return 1;
    static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    tbuf o = {0};
    const unsigned char *p = (const unsigned char *)(b.p ? b.p : "");
    if (!dec) {
        int col = 0;
        for (size_t i = 0; i < b.len; i += 3) {
            uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < b.len ? (uint32_t)p[i + 1] << 8 : 0) | (i + 2 < b.len ? p[i + 2] : 0);
            char q[4] = {al[v >> 18 & 63], al[v >> 12 & 63], i + 1 < b.len ? al[v >> 6 & 63] : '=', i + 2 < b.len ? al[v & 63] : '='};
            for (int k = 0; k < 4; k++) {
                tbuf_put(&o, &q[k], 1);
                if (wrap && ++col == wrap) { tbuf_put(&o, "\n", 1); col = 0; }
            }
        }
        if (wrap && col) tbuf_put(&o, "\n", 1);
    } else {
        uint32_t v = 0;
        int bits = 0;
        for (size_t i = 0; i < b.len; i++) {
            const char *q = strchr(al, p[i]);
            if (p[i] == '=' ) break;
            if (!q || !p[i]) {
                if (isspace(p[i])) continue;
                sh_out(sh, 1, o.p, o.len);
                errf(sh, "base64: invalid input\n");
                tbuf_free(&o); tbuf_free(&b);
                return 1;
            }
            v = v << 6 | (uint32_t)(q - al);
            bits += 6;
            if (bits >= 8) { bits -= 8; char c = (char)(v >> bits & 255); tbuf_put(&o, &c, 1); }
        }
    }
    sh_out(sh, 1, o.p, o.len);
    tbuf_free(&o);
    tbuf_free(&b);
    return 0;
}

/* ---- date / env / sleep ---------------------------------------------------------- */
int u_date(Sh *sh, int argc, char **argv)
{
    time_t t = time(NULL);
    long ns = 0;
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) == 0) { t = ts.tv_sec; ns = ts.tv_nsec; }
    const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '+') fmt = a + 1;
        else if ((!strcmp(a, "-d") || !strcmp(a, "--date")) && i + 1 < argc) {
            if (sh_parse_date(argv[++i], &t) < 0) { errf(sh, "date: invalid date '%s'\n", argv[i]); return 1; }
            ns = 0;
        } else if (!strncmp(a, "--date=", 7) || !strncmp(a, "-d", 2)) {
            const char *v = a[1] == 'd' ? a + 2 : a + 7;
            if (sh_parse_date(v, &t) < 0) { errf(sh, "date: invalid date '%s'\n", v); return 1; }
            ns = 0;
        } else if (!strcmp(a, "-r") && i + 1 < argc) {
            struct stat s;
            if (stat(P(sh, argv[++i]), &s) != 0) { errf(sh, "date: %s: %s\n", argv[i], strerror(errno)); return 1; }
            t = s.st_mtim.tv_sec; ns = s.st_mtim.tv_nsec;
        } else if (!strcmp(a, "-I") || !strcmp(a, "--iso-8601")) fmt = "%Y-%m-%d";
        else if (!strncmp(a, "-I", 2) || !strncmp(a, "--iso-8601=", 11)) fmt = "%Y-%m-%dT%H:%M:%S+00:00";
        else if (!strcmp(a, "-R") || !strcmp(a, "--rfc-email")) fmt = "%a, %d %b %Y %H:%M:%S +0000";
        else if (!strcmp(a, "-u") || !strcmp(a, "--utc")) ;
        else { errf(sh, "date: invalid date '%s'\n", a); return 1; }
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    tbuf f = {0};
    for (const char *p = fmt; *p; p++) {
        if (p[0] == '%' && p[1] == 'N') { tbuf_printf(&f, "%09ld", ns); p++; }
        else if (p[0] == '%' && p[1] == 's') { tbuf_printf(&f, "%lld", (long long)t); p++; }
        else if (p[0] == '%' && p[1] == 'Z') { tbuf_puts(&f, "UTC"); p++; }
        else if (p[0] == '%' && p[1] == 'z') { tbuf_puts(&f, "+0000"); p++; }
        else if (p[0] == '%' && p[1] == '%') { tbuf_puts(&f, "%%"); p++; }
        else tbuf_put(&f, p, 1);
    }
    char out[1024];
    size_t n = f.len ? strftime(out, sizeof out, f.p, &tm) : 0;
    out[n] = 0;
    outf(sh, "%s\n", out);
    tbuf_free(&f);
    return 0;
}

int u_env(Sh *sh, int argc, char **argv)
{
    int i = 1;
    if (!strcmp(argv[0], "printenv")) {
        for (; i < argc; i++) { const char *v = var_get(sh, argv[i]); Var *vv = var_find(sh, argv[i]); if (v && vv->exp) outf(sh, "%s\n", v); else return 1; }
        if (argc > 1) return 0;
    }
    while (i < argc && (!strcmp(argv[i], "-i") || !strcmp(argv[i], "-u") || !strcmp(argv[i], "--"))) i += !strcmp(argv[i], "-u") ? 2 : 1;
    int first_assign = i;
    while (i < argc && strchr(argv[i], '=') && argv[i][0] != '=') i++;
    if (i < argc) {
        /* env VAR=x cmd: set for the command only (in a snapshot) */
        SubState *ss = sh_sub_enter(sh);
        for (int k = first_assign; k < i; k++) {
            char *eq = strchr(argv[k], '=');
            char *name = xstrndup(argv[k], (size_t)(eq - argv[k]));
            var_set(sh, name, eq + 1);
            Var *v = var_find(sh, name);
            if (v) v->exp = 1;
            free(name);
        }
        int st = sh_run_argv(sh, argc - i, argv + i);
        int timed = sh->timed_out;
        sh_sub_leave(sh, ss);
        if (timed) sh->ctl = CTL_EXIT;
        return st;
    }
    for (int k = 0; k < sh->nvars; k++)
        if (sh->vars[k].exp && sh->vars[k].val) outf(sh, "%s=%s\n", sh->vars[k].name, sh->vars[k].val);
    for (int k = first_assign; k < i; k++) outf(sh, "%s\n", argv[k]);
    return 0;
}

int u_sleep(Sh *sh, int argc, char **argv)
{
    double total = 0;
    for (int i = 1; i < argc; i++) {
        char *e;
        double v = strtod(argv[i], &e);
        if (e == argv[i] || v < 0) { errf(sh, "sleep: invalid time interval '%s'\n", argv[i]); return 1; }
        if (*e == 'm') v *= 60; else if (*e == 'h') v *= 3600; else if (*e == 'd') v *= 86400;
        total += v;
    }
    if (argc < 2) { errf(sh, "sleep: missing operand\n"); return 1; }
    double end = sh_now() + total;
    while (sh_now() < end) {
        if (sh->deadline > 0 && sh_now() > sh->deadline) { sh->ticks = 0; sh_tick(sh); return 124; }
        double left = end - sh_now();
        if (left > 0.1) left = 0.1;
        struct timespec ts = {(time_t)left, (long)((left - (double)(time_t)left) * 1e9)};
        nanosleep(&ts, NULL);
    }
    return 0;
}

int u_yes(Sh *sh, int argc, char **argv)
{
    tbuf line = {0};
    if (argc > 1) { for (int i = 1; i < argc; i++) { if (i > 1) tbuf_puts(&line, " "); tbuf_puts(&line, argv[i]); } }
    else tbuf_puts(&line, "y");
    tbuf_puts(&line, "\n");
    /* no SIGPIPE here: stop when the pipe buffer is full */
    Stream *o = sh->fd[1];
    for (long k = 0; o && !o->dropped && o->kind != S_NULL; k++) {
        st_write(o, line.p, line.len);
        if (o->kind == S_FILE && k > 100000) break;
        if (!(k & 4095) && sh_tick(sh)) break;
    }
    tbuf_free(&line);
    return 0;
}

int u_timeout(Sh *sh, int argc, char **argv)
{
    int i = 1;
    while (i < argc && argv[i][0] == '-') { if (!strcmp(argv[i], "-s") || !strcmp(argv[i], "-k")) i++; i++; }
    if (i + 1 >= argc) { errf(sh, "timeout: missing operand\n"); return 125; }
    double lim = strtod(argv[i], NULL);
    double save = sh->deadline, save_t = sh->timeout;
    double d = sh_now() + lim;
    if (lim > 0 && (save <= 0 || d < save)) { sh->deadline = d; sh->timeout = lim; }
    int st = sh_run_argv(sh, argc - i - 1, argv + i + 1);
    if (sh->timed_out && (save <= 0 || sh_now() < save)) {
        /* our own limit fired, not the tool's: carry on like timeout(1) */
        sh->timed_out = 0;
        sh->ctl = CTL_NONE;
        st = 124;
    }
    sh->deadline = save;
    sh->timeout = save_t;
    return st;
}
