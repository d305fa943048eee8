/*
 * guest/bash/u_text.c — text utilities with GNU coreutils' output formats
 * under LC_ALL=C: cat head tail wc sort uniq cut tr tee seq tac rev nl paste.
 */
#include "cmds.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int bad_opt(Sh *sh, const char *cmd, GO *g)
{
    if (g->bad == 0 && g->lname) errf(sh, "%s: unrecognized option '--%s'\n", cmd, g->lname);
    else errf(sh, "%s: invalid option -- '%c'\n", cmd, g->bad);
    errf(sh, "Try '%s --help' for more information.\n", cmd);
    go_free(g);
    return cmd[0] == 'g' || cmd[0] == 'd' || cmd[0] == 's' ? 2 : 1;
}
#define BADOPT(cmd) return bad_opt(sh, cmd, &g)

/* Splits b into lines (pointers into b; the last may lack \n). */
typedef struct Lines { char **p; size_t *len; size_t n, cap; } Lines;
static void lines_of(const char *b, size_t n, Lines *L)
{
    memset(L, 0, sizeof *L);
    size_t i = 0;
    while (i < n) {
        const char *e = memchr(b + i, '\n', n - i);
        size_t l = e ? (size_t)(e - (b + i)) : n - i;
        if (L->n == L->cap) {
            L->cap = L->cap ? L->cap * 2 : 256;
            L->p = xrealloc(L->p, sizeof(char *) * L->cap);
            L->len = xrealloc(L->len, sizeof(size_t) * L->cap);
        }
        L->p[L->n] = (char *)b + i;
        L->len[L->n++] = l;
        i += l + 1;
    }
}
static void lines_free(Lines *L) { free(L->p); free(L->len); }

int u_cat(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, num = 0, nonblank = 0, st = 0, showends = 0, showv = 0, showtab = 0;
    while ((c = go_next(&g, "nbeEvtTAsu")) != -1) {
        if (c == 'n') num = 1;
        else if (c == 'b') nonblank = 1;
        else if (c == 'E') showends = 1;
        else if (c == 'e') showends = showv = 1;
        else if (c == 'v') showv = 1;
        else if (c == 'T') showtab = 1;
        else if (c == 't') showtab = showv = 1;
        else if (c == 'A') showends = showv = showtab = 1;
        else if (c == '?' || c == 'L') BADOPT("cat");
    }
    char *dash[] = {"-", NULL};
    char **ops = g.nops ? g.ops : dash;
    int nops = g.nops ? g.nops : 1;
    long long ln = 0;
    for (int i = 0; i < nops; i++) {
        tbuf b = {0};
        if (read_input(sh, "cat", ops[i], &b) < 0) { st = 1; continue; }
        if (!num && !nonblank && !showends && !showv && !showtab) sh_out(sh, 1, b.p, b.len);
        else {
            Lines L;
            lines_of(b.p, b.len, &L);
            for (size_t k = 0; k < L.n; k++) {
                int blank = L.len[k] == 0;
                if (nonblank ? !blank : num) outf(sh, "%6lld\t", ++ln);
                if (!showv && !showtab) sh_out(sh, 1, L.p[k], L.len[k]);
                else for (size_t q = 0; q < L.len[k]; q++) {
                    unsigned char ch = (unsigned char)L.p[k][q];
                    char o[8];
                    int ol = 0;
                    if (ch == '\t') { if (showtab) { o[ol++] = '^'; o[ol++] = 'I'; } else o[ol++] = '\t'; }
                    else if (showv && ch >= 128) {
                        o[ol++] = 'M'; o[ol++] = '-';
                        ch -= 128;
                        if (ch < 32) { o[ol++] = '^'; o[ol++] = (char)(ch + 64); } else if (ch == 127) { o[ol++] = '^'; o[ol++] = '?'; } else o[ol++] = (char)ch;
                    }
                    else if (showv && ch < 32) { o[ol++] = '^'; o[ol++] = (char)(ch + 64); }
                    else if (showv && ch == 127) { o[ol++] = '^'; o[ol++] = '?'; }
                    else o[ol++] = (char)ch;
                    sh_out(sh, 1, o, (size_t)ol);
                }
                int hasnl = L.p[k] + L.len[k] < b.p + b.len;
                if (showends && hasnl) sh_out(sh, 1, "$", 1);
                if (hasnl) sh_out(sh, 1, "\n", 1);
            }
            lines_free(&L);
        }
        tbuf_free(&b);
    }
    go_free(&g);
    return st;
}

static long long parse_count(const char *s, int *plus, int *neg, int *bad)
{
    *plus = *neg = 0;
    if (*s == '+') { *plus = 1; s++; }
    else if (*s == '-') { *neg = 1; s++; }
    char *e;
    long long v = strtoll(s, &e, 10);
    if (*e == 'k' || *e == 'K') { v *= 1024; e++; }
    else if (*e == 'M') { v *= 1024 * 1024; e++; }
    else if (*e == 'b') { v *= 512; e++; }
    if (*e || e == s) *bad = 1;
    return v;
}

static int headtail(Sh *sh, int argc, char **argv, int tail)
{
    const char *cmd = tail ? "tail" : "head";
    GO g;
    go_init(&g, argc, argv);
    int c, bytes = 0, quiet = 0, verbose = 0, st = 0, bad = 0, plus = 0, neg = 0, shown = 0;
    long long n = 10;
    while ((c = go_next(&g, "n:c:qvf#sF")) != -1) {
        if (c == 'n' || c == 'c' || c == '#') {
            bytes = c == 'c';
            n = parse_count(g.arg, &plus, &neg, &bad);
            if (bad) { errf(sh, "%s: invalid number of %s: '%s'\n", cmd, bytes ? "bytes" : "lines", g.arg); go_free(&g); return 1; }
        } else if (c == 'q') quiet = 1;
        else if (c == 'v') verbose = 1;
        else if (c == 'f' || c == 'F' || c == 's') ;
        else if (c == 'L') {
            static const char *const wv[] = {"lines", "bytes", NULL};
            if (go_long_arg(&g, wv)) { bytes = g.lname[0] == 'b'; n = parse_count(g.arg ? g.arg : "", &plus, &neg, &bad); }
            else if (!strcmp(g.lname, "quiet") || !strcmp(g.lname, "silent")) quiet = 1;
            else if (strcmp(g.lname, "follow")) BADOPT(cmd);
        } else BADOPT(cmd);
    }
    char *dash[] = {"-", NULL};
    char **ops = g.nops ? g.ops : dash;
    int nops = g.nops ? g.nops : 1;
    for (int i = 0; i < nops; i++) {
        tbuf b = {0};
        if (read_input(sh, cmd, ops[i], &b) < 0) { st = 1; continue; }
        if ((nops > 1 && !quiet) || verbose)
            outf(sh, "%s==> %s <==\n", shown++ ? "\n" : "", strcmp(ops[i], "-") ? ops[i] : "standard input");
        size_t len = b.len, s = 0, e = len;
        if (bytes) {
            size_t k = (size_t)(n < 0 ? 0 : n);
            if (!tail) { if (neg) e = k < len ? len - k : 0; else e = k < len ? k : len; }
            else if (plus) s = k > 0 ? (k - 1 < len ? k - 1 : len) : 0;
            else s = k < len ? len - k : 0;
        } else if (!tail) {
            if (neg) {
                Lines L;
                lines_of(b.p ? b.p : "", len, &L);
                long long keep = (long long)L.n - n;
                e = keep > 0 ? (size_t)(L.p[keep - 1] - b.p) + L.len[keep - 1] + 1 : 0;
                if (e > len) e = len;
                lines_free(&L);
            } else if (0) {
                /* all but the last n lines */
                size_t cnt = 0, q = len;
                long long want = n;
                if (len && b.p[len - 1] != '\n') cnt = 1, want--;
                q = len;
                (void)cnt;
                long long seen = 0;
                e = len;
                if (len && b.p[len - 1] != '\n') seen = 1;
                while (q > 0 && seen <= n) {
                    q--;
                    if (b.p[q] == '\n' && q != len - 1) { seen++; if (seen > n) { e = q + 1; break; } }
                    if (q == 0) e = 0;
                }
                if (seen <= n) e = 0;
                (void)want;
                if (n == 0) e = len;
            } else {
                long long cnt = 0;
                e = 0;
                while (e < len && cnt < n) {
                    const char *nl = memchr(b.p + e, '\n', len - e);
                    e = nl ? (size_t)(nl - b.p) + 1 : len;
                    cnt++;
                }
            }
        } else if (plus) {
            long long cnt = 1;
            s = 0;
            while (s < len && cnt < n) {
                const char *nl = memchr(b.p + s, '\n', len - s);
                s = nl ? (size_t)(nl - b.p) + 1 : len;
                cnt++;
            }
        } else {
            long long cnt = 0;
            size_t q = len;
            if (q && b.p[q - 1] == '\n') q--;
            s = len;
            if (n == 0) s = len;
            else {
                while (q > 0) {
                    q--;
                    if (b.p[q] == '\n') { cnt++; if (cnt == n) { s = q + 1; break; } }
                    if (q == 0) s = 0;
                }
                if (len && cnt < n) s = 0;
            }
        }
        if (e > s) sh_out(sh, 1, b.p + s, e - s);
        tbuf_free(&b);
    }
    go_free(&g);
    return st;
}
int u_head(Sh *sh, int argc, char **argv) { return headtail(sh, argc, argv, 0); }
int u_tail(Sh *sh, int argc, char **argv) { return headtail(sh, argc, argv, 1); }

int u_wc(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, fl = 0, fw = 0, fc = 0, fm = 0, fL = 0, st = 0;
    while ((c = go_next(&g, "lwcmL")) != -1) {
        if (c == 'l') fl = 1;
        else if (c == 'w') fw = 1;
        else if (c == 'c') fc = 1;
        else if (c == 'm') fm = 1;
        else if (c == 'L') { if (g.lname) { if (!strcmp(g.lname, "lines")) fl = 1; else if (!strcmp(g.lname, "words")) fw = 1; else if (!strcmp(g.lname, "bytes")) fc = 1; else if (!strcmp(g.lname, "chars")) fm = 1; else BADOPT("wc"); g.lname = NULL; } else fL = 1; }
        else BADOPT("wc");
    }
    if (!fl && !fw && !fc && !fm && !fL) fl = fw = fc = 1;
    char *dash[] = {"-", NULL};
    char **ops = g.nops ? g.ops : dash;
    int nops = g.nops ? g.nops : 1;
    long long (*cnt)[5] = xmalloc(sizeof *cnt * (size_t)(nops + 1));
    int *ok = xmalloc(sizeof(int) * (size_t)nops);
    long long tot[5] = {0};
    long long regular_total = 0;
    int minw = 1;
    for (int i = 0; i < nops; i++) {
        tbuf b = {0};
        memset(cnt[i], 0, sizeof cnt[i]);
        ok[i] = read_input(sh, "wc", ops[i], &b) == 0;
        if (!ok[i]) { st = 1; continue; }
        if (!strcmp(ops[i], "-")) {
            Stream *in = sh->fd[0];
            if (in && in->regular) regular_total += in->size; else minw = 7;
        } else regular_total += (long long)b.len;
        long long lines = 0, words = 0, chars = 0, maxl = 0, cur = 0;
        int inw = 0;
        for (size_t k = 0; k < b.len; k++) {
            unsigned char ch = (unsigned char)b.p[k];
            if (ch == '\n') { lines++; if (cur > maxl) maxl = cur; cur = 0; }
            else if (ch == '\t') cur = (cur / 8 + 1) * 8;
            else cur++;
            chars++;   /* LC_ALL=C: a character is a byte */
            if (isspace(ch)) inw = 0;
            else if (!inw) { inw = 1; words++; }
        }
        if (cur > maxl) maxl = cur;
        cnt[i][0] = lines; cnt[i][1] = words; cnt[i][2] = chars; cnt[i][3] = (long long)b.len; cnt[i][4] = maxl;
        for (int k = 0; k < 4; k++) tot[k] += cnt[i][k];
        if (maxl > tot[4]) tot[4] = maxl;
        tbuf_free(&b);
    }
    int width = 1;
    for (long long t = regular_total; t >= 10; t /= 10) width++;
    if (width < minw) width = minw;
    if (fl + fw + fc + fm + fL == 1 && nops == 1) width = 1;
    int which[5] = {fl, fw, fm, fc, fL};
    int idx[5] = {0, 1, 2, 3, 4};
    for (int i = 0; i <= nops; i++) {
        if (i == nops && nops < 2) break;
        if (i < nops && !ok[i]) continue;
        long long *v = i < nops ? cnt[i] : tot;
        int first = 1;
        for (int k = 0; k < 5; k++) {
            if (!which[k]) continue;
            outf(sh, first ? "%*lld" : " %*lld", width, v[idx[k]]);
            first = 0;
        }
        if (i == nops) outs(sh, " total\n");
        else if (strcmp(ops[i], "-") || g.nops) outf(sh, " %s\n", ops[i]);
        else outs(sh, "\n");
    }
    free(cnt);
    free(ok);
    go_free(&g);
    return st;
}

/* ---- sort ------------------------------------------------------------------ */
typedef struct Key { int f1, c1, f2, c2; int n, r, f, b, h, g, V, d; int has_flags; } Key;
typedef struct SortCtx { Key *keys; int nkeys; int sep; Key global; int stable, uniq; } SortCtx;
static SortCtx SC;
typedef struct SLine { const char *p; size_t n; size_t idx; double num; uint64_t pfx; } SLine;

static void field_span(const char *p, size_t n, int field, int ch, int end, int skipb, size_t *out)
{
    /* position of field `field` (1-based) char `ch` (1-based; 0 = end of field for end keys) */
    size_t i = 0;
    int f = 1;
    if (SC.sep >= 0) {
        while (f < field && i < n) { if ((unsigned char)p[i] == SC.sep) f++; i++; }
        if (f < field) { *out = n; return; }
    } else {
        while (f < field && i < n) {
            while (i < n && isblank((unsigned char)p[i])) i++;
            while (i < n && !isblank((unsigned char)p[i])) i++;
            f++;
        }
        if (f < field) { *out = n; return; }
    }
    size_t fs = i;
    if (skipb) while (i < n && isblank((unsigned char)p[i])) i++;
    if (end && ch == 0) {
        /* end of this field */
        if (SC.sep >= 0) { while (i < n && (unsigned char)p[i] != SC.sep) i++; }
        else { i = fs; while (i < n && isblank((unsigned char)p[i])) i++; while (i < n && !isblank((unsigned char)p[i])) i++; }
        *out = i;
        return;
    }
    size_t c = ch > 0 ? (size_t)ch - 1 : 0;
    if (end) c = (size_t)ch;
    *out = i + c > n ? n : i + c;
}

static double numval(const char *p, size_t n, int human)
{
    size_t i = 0;
    while (i < n && isblank((unsigned char)p[i])) i++;
    char buf[64];
    size_t k = 0;
    if (i < n && p[i] == '-') buf[k++] = p[i++];
    while (i < n && k < 60 && (isdigit((unsigned char)p[i]) || p[i] == '.')) buf[k++] = p[i++];
    buf[k] = 0;
    double v = (k && strcmp(buf, "-")) ? strtod(buf, NULL) : 0;
    if (human && i < n) {
        const char *u = strchr("KMGTPE", toupper((unsigned char)p[i]));
        if (u) for (int q = 0; q <= u - "KMGTPE"; q++) v *= 1024;
    }
    return v;
}

static int vercmp(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    while (i < an && j < bn) {
        if (isdigit((unsigned char)a[i]) && isdigit((unsigned char)b[j])) {
            while (i < an && a[i] == '0') i++;
            while (j < bn && b[j] == '0') j++;
            size_t si = i, sj = j;
            while (i < an && isdigit((unsigned char)a[i])) i++;
            while (j < bn && isdigit((unsigned char)b[j])) j++;
            if (i - si != j - sj) return i - si < j - sj ? -1 : 1;
            int c = memcmp(a + si, b + sj, i - si);
            if (c) return c;
        } else {
            if (a[i] != b[j]) return (unsigned char)a[i] < (unsigned char)b[j] ? -1 : 1;
            i++; j++;
        }
    }
    return (an - i > 0) - (bn - j > 0);
}

static int cmp_key(const char *a, size_t an, const char *b, size_t bn, const Key *k)
{
    int c;
    if (k->n || k->h || k->g) {
        double x = numval(a, an, k->h), y = numval(b, bn, k->h);
        c = x < y ? -1 : x > y;
    } else if (k->V) c = vercmp(a, an, b, bn);
    else {
        if (k->b) { while (an && isblank((unsigned char)*a)) a++, an--; while (bn && isblank((unsigned char)*b)) b++, bn--; }
        if (k->f || k->d) {
            size_t i = 0, j = 0;
            c = 0;
            for (;;) {
                if (k->d) { while (i < an && !isalnum((unsigned char)a[i]) && !isblank((unsigned char)a[i])) i++; while (j < bn && !isalnum((unsigned char)b[j]) && !isblank((unsigned char)b[j])) j++; }
                if (i >= an || j >= bn) { c = (i < an) - (j < bn); break; }
                int x = (unsigned char)a[i], y = (unsigned char)b[j];
                if (k->f) { x = toupper(x); y = toupper(y); }
                if (x != y) { c = x < y ? -1 : 1; break; }
                i++; j++;
            }
        } else {
            size_t m = an < bn ? an : bn;
            c = memcmp(a, b, m);
            if (!c) c = (an > bn) - (an < bn);
        }
    }
    return k->r ? -c : c;
}

static int sort_cmp(const void *x, const void *y)
{
    const SLine *A = x, *B = y;
    for (int i = 0; i < SC.nkeys; i++) {
        Key *k = &SC.keys[i];
        size_t as, ae, bs, be;
        field_span(A->p, A->n, k->f1, k->c1, 0, k->b, &as);
        field_span(B->p, B->n, k->f1, k->c1, 0, k->b, &bs);
        if (k->f2) { field_span(A->p, A->n, k->f2, k->c2, 1, 0, &ae); field_span(B->p, B->n, k->f2, k->c2, 1, 0, &be); }
        else { ae = A->n; be = B->n; }
        if (ae < as) ae = as;
        if (be < bs) be = bs;
        int c = cmp_key(A->p + as, ae - as, B->p + bs, be - bs, k);
        if (c) return c;
    }
    if (!SC.nkeys) {
        int c = cmp_key(A->p, A->n, B->p, B->n, &SC.global);
        if (c) return c;
    }
    if (SC.stable || SC.uniq) return A->idx < B->idx ? -1 : A->idx > B->idx;
    size_t m = A->n < B->n ? A->n : B->n;
    int c = memcmp(A->p, B->p, m);
    if (!c) c = (A->n > B->n) - (A->n < B->n);
    if (SC.global.r) c = -c;
    if (!c) c = A->idx < B->idx ? -1 : A->idx > B->idx;
    return c;
}

/* Fast paths for the common cases (no -k): plain bytes, or -n with the
 * number parsed once per line instead of once per comparison. */
static int plain_cmp(const SLine *A, const SLine *B)
{
    /* the first 8 bytes, big-endian: most comparisons end here */
    if (A->pfx != B->pfx) return A->pfx < B->pfx ? -1 : 1;
    size_t m = A->n < B->n ? A->n : B->n;
    int c = memcmp(A->p, B->p, m);
    if (!c) c = (A->n > B->n) - (A->n < B->n);
    return c;
}
static int fast_cmp(const SLine *A, const SLine *B)
{
    int c = 0;
    if (SC.global.n || SC.global.h) {
        c = A->num < B->num ? -1 : A->num > B->num;
        if (SC.global.r) c = -c;
        if (c || SC.stable || SC.uniq) return c ? c : (A->idx < B->idx ? -1 : A->idx > B->idx);
        c = plain_cmp(A, B);
        return SC.global.r ? -c : c;
    }
    c = plain_cmp(A, B);
    if (SC.global.r) c = -c;
    if (!c) c = A->idx < B->idx ? -1 : A->idx > B->idx;
    return c;
}

/* Merge sort: stable, and fewer comparisons than wasi-libc's smoothsort. */
static void msort(SLine *v, SLine *tmp, size_t n, int (*cmp)(const SLine *, const SLine *))
{
    if (n < 2) return;
    if (n <= 8) {
        for (size_t i = 1; i < n; i++) {
            SLine x = v[i];
            size_t j = i;
            while (j > 0 && cmp(&v[j - 1], &x) > 0) { v[j] = v[j - 1]; j--; }
            v[j] = x;
        }
        return;
    }
    size_t h = n / 2;
    msort(v, tmp, h, cmp);
    msort(v + h, tmp, n - h, cmp);
    if (cmp(&v[h - 1], &v[h]) <= 0) return;
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = cmp(&v[i], &v[j]) <= 0 ? v[i++] : v[j++];
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, sizeof(SLine) * n);
}
static int sort_cmp2(const SLine *a, const SLine *b) { return sort_cmp(a, b); }

static int parse_key(const char *s, Key *k, const Key *g)
{
    memset(k, 0, sizeof *k);
    char *e;
    k->f1 = (int)strtol(s, &e, 10);
    if (k->f1 < 1) return -1;
    if (*e == '.') k->c1 = (int)strtol(e + 1, &e, 10);
    for (; *e && *e != ','; e++) {
        k->has_flags = 1;
        switch (*e) { case 'n': k->n = 1; break; case 'r': k->r = 1; break; case 'f': k->f = 1; break;
        case 'b': k->b = 1; break; case 'h': k->h = 1; break; case 'g': k->g = 1; break; case 'V': k->V = 1; break;
        case 'd': k->d = 1; break; default: return -1; }
    }
    if (*e == ',') {
        k->f2 = (int)strtol(e + 1, &e, 10);
        if (*e == '.') k->c2 = (int)strtol(e + 1, &e, 10);
        for (; *e; e++) {
            k->has_flags = 1;
            switch (*e) { case 'n': k->n = 1; break; case 'r': k->r = 1; break; case 'f': k->f = 1; break;
            case 'b': k->b = 1; break; case 'h': k->h = 1; break; case 'g': k->g = 1; break; case 'V': k->V = 1; break;
            default: return -1; }
        }
    }
    if (!k->has_flags) { int f1 = k->f1, c1 = k->c1, f2 = k->f2, c2 = k->c2; *k = *g; k->f1 = f1; k->c1 = c1; k->f2 = f2; k->c2 = c2; }
    return 0;
}

int u_sort(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, st = 0, check = 0;
    const char *outfile = NULL;
    memset(&SC, 0, sizeof SC);
    SC.sep = -1;
    char **keyspecs = xmalloc(sizeof(char *) * (size_t)argc);
    int nks = 0;
    while ((c = go_next(&g, "nrufbhgVdsk:t:o:cCzT:S:m")) != -1) {
        switch (c) {
        case 'n': SC.global.n = 1; break;
        case 'r': SC.global.r = 1; break;
        case 'u': SC.uniq = 1; break;
        case 'f': SC.global.f = 1; break;
        case 'b': SC.global.b = 1; break;
        case 'h': SC.global.h = 1; break;
        case 'g': SC.global.g = 1; break;
        case 'V': SC.global.V = 1; break;
        case 'd': SC.global.d = 1; break;
        case 's': SC.stable = 1; break;
        case 'c': case 'C': check = 1; break;
        case 'm': case 'z': case 'T': case 'S': break;
        case 'k': keyspecs[nks++] = (char *)g.arg; break;
        case 't':
            if (strlen(g.arg) != 1) { errf(sh, "sort: multi-character tab '%s'\n", g.arg); go_free(&g); free(keyspecs); return 2; }
            SC.sep = (unsigned char)g.arg[0];
            break;
        case 'o': outfile = g.arg; break;
        case 'L': {
            static const char *const wv[] = {"key", "field-separator", "output", NULL};
            if (go_long_arg(&g, wv)) {
                if (!strcmp(g.lname, "key")) keyspecs[nks++] = (char *)g.arg;
                else if (!strcmp(g.lname, "output")) outfile = g.arg;
                else SC.sep = (unsigned char)g.arg[0];
            } else if (!strcmp(g.lname, "numeric-sort")) SC.global.n = 1;
            else if (!strcmp(g.lname, "reverse")) SC.global.r = 1;
            else if (!strcmp(g.lname, "unique")) SC.uniq = 1;
            else if (!strcmp(g.lname, "human-numeric-sort")) SC.global.h = 1;
            else if (!strcmp(g.lname, "version-sort")) SC.global.V = 1;
            else if (!strcmp(g.lname, "ignore-case")) SC.global.f = 1;
            else if (!strcmp(g.lname, "stable")) SC.stable = 1;
            else { free(keyspecs); BADOPT("sort"); }
            break;
        }
        default: free(keyspecs); BADOPT("sort");
        }
    }
    Key *keys = xmalloc(sizeof(Key) * (size_t)(nks + 1));
    for (int i = 0; i < nks; i++)
        if (parse_key(keyspecs[i], &keys[i], &SC.global) < 0) {
            errf(sh, "sort: invalid key specification '%s'\n", keyspecs[i]);
            free(keys); free(keyspecs); go_free(&g);
            return 2;
        }
    SC.keys = keys;
    SC.nkeys = nks;
    tbuf all = {0};
    tbuf_put(&all, "", 0);
    char *dash[] = {"-", NULL};
    char **ops = g.nops ? g.ops : dash;
    int nops = g.nops ? g.nops : 1;
    for (int i = 0; i < nops; i++) {
        size_t before = all.len;
        if (read_input(sh, "sort", ops[i], &all) < 0) { st = 2; continue; }
        if (all.len > before && all.p[all.len - 1] != '\n') tbuf_put(&all, "\n", 1);
    }
    if (st) { free(keys); free(keyspecs); tbuf_free(&all); go_free(&g); return st; }
    Lines L;
    lines_of(all.p, all.len, &L);
    SLine *v = xmalloc(sizeof(SLine) * (L.n + 1));
    for (size_t i = 0; i < L.n; i++) { v[i].p = L.p[i]; v[i].n = L.len[i]; v[i].idx = i; }
    if (check) {
        for (size_t i = 1; i < L.n; i++) {
            int cc;
            int su = SC.stable; SC.stable = 1;
            cc = sort_cmp(&v[i - 1], &v[i]);
            SC.stable = su;
            SLine a = v[i - 1], b = v[i];
            a.idx = b.idx = 0;
            cc = sort_cmp(&a, &b);
            if (cc > 0 || (SC.uniq && cc == 0)) {
                errf(sh, "sort: %s:%zu: disorder: %.*s\n", g.nops ? ops[0] : "-", i + 1, (int)v[i].n, v[i].p);
                st = 1;
                break;
            }
        }
        free(v); lines_free(&L); tbuf_free(&all); free(keys); free(keyspecs); go_free(&g);
        return st;
    }
    int fast = !SC.nkeys && !SC.global.f && !SC.global.b && !SC.global.g && !SC.global.V && !SC.global.d;
    if (fast && (SC.global.n || SC.global.h))
        for (size_t i = 0; i < L.n; i++) v[i].num = numval(v[i].p, v[i].n, SC.global.h);
    for (size_t i = 0; i < L.n; i++) {
        uint64_t x = 0;
        for (size_t q = 0; q < 8; q++) x = x << 8 | (q < v[i].n ? (unsigned char)v[i].p[q] : 0);
        v[i].pfx = x;
    }
    SLine *tmp = xmalloc(sizeof(SLine) * (L.n + 1));
    msort(v, tmp, L.n, fast ? fast_cmp : sort_cmp2);
    free(tmp);
    Stream *out = sh->fd[1];
    Stream *fo = NULL;
    if (outfile) {
        int fd = open(P(sh, outfile), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { errf(sh, "sort: open failed: %s: %s\n", outfile, strerror(errno)); st = 2; goto done; }
        fo = st_file(fd);
        out = fo;
    }
    for (size_t i = 0; i < L.n; i++) {
        if (SC.uniq && i > 0) {
            SLine a = v[i - 1], b = v[i];
            a.idx = b.idx = 0;
            int su = SC.uniq; SC.uniq = 0;
            int ss = SC.stable; SC.stable = 1;
            int cc = sort_cmp(&a, &b);
            SC.uniq = su; SC.stable = ss;
            if (!cc) continue;
        }
        if (out) { st_write(out, v[i].p, v[i].n); st_write(out, "\n", 1); }
    }
    if (fo) st_close(fo);
done:
    free(v); lines_free(&L); tbuf_free(&all); free(keys); free(keyspecs); go_free(&g);
    return st;
}

int u_uniq(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, cnt = 0, dup = 0, uni = 0, icase = 0;
    long long skipf = 0, skipc = 0, width = -1;
    while ((c = go_next(&g, "cduif:s:w:D")) != -1) {
        if (c == 'c') cnt = 1;
        else if (c == 'd' || c == 'D') dup = 1;
        else if (c == 'u') uni = 1;
        else if (c == 'i') icase = 1;
        else if (c == 'f') skipf = atoll(g.arg);
        else if (c == 's') skipc = atoll(g.arg);
        else if (c == 'w') width = atoll(g.arg);
        else if (c == 'L' && !strcmp(g.lname, "count")) cnt = 1;
        else if (c == 'L' && !strcmp(g.lname, "repeated")) dup = 1;
        else if (c == 'L' && !strcmp(g.lname, "ignore-case")) icase = 1;
        else BADOPT("uniq");
    }
    tbuf b = {0};
    if (read_input(sh, "uniq", g.nops ? g.ops[0] : "-", &b) < 0) { go_free(&g); return 1; }
    Stream *fo = NULL;
    if (g.nops > 1) {
        int fd = open(P(sh, g.ops[1]), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { errf(sh, "uniq: %s: %s\n", g.ops[1], strerror(errno)); go_free(&g); tbuf_free(&b); return 1; }
        fo = st_file(fd);
    }
    Lines L;
    lines_of(b.p ? b.p : "", b.len, &L);
    size_t i = 0;
    while (i < L.n) {
        size_t j = i + 1;
        for (; j < L.n; j++) {
            const char *a = L.p[i], *bb = L.p[j];
            size_t an = L.len[i], bn = L.len[j];
            for (long long f = 0; f < skipf; f++) {
                while (an && isblank((unsigned char)*a)) a++, an--;
                while (an && !isblank((unsigned char)*a)) a++, an--;
                while (bn && isblank((unsigned char)*bb)) bb++, bn--;
                while (bn && !isblank((unsigned char)*bb)) bb++, bn--;
            }
            size_t sa = (size_t)skipc < an ? (size_t)skipc : an, sb = (size_t)skipc < bn ? (size_t)skipc : bn;
            a += sa; an -= sa; bb += sb; bn -= sb;
            if (width >= 0) { if (an > (size_t)width) an = (size_t)width; if (bn > (size_t)width) bn = (size_t)width; }
            if (an != bn) break;
            int eq = icase ? strncasecmp(a, bb, an) == 0 : memcmp(a, bb, an) == 0;
            if (!eq) break;
        }
        size_t n = j - i;
        if ((!dup || n > 1) && (!uni || n == 1)) {
            Stream *os = fo ? fo : sh->fd[1];
            if (cnt) {
                /* "%7zu " without printf: this runs once per line */
                char num[32];
                int k = 31;
                num[k--] = ' ';
                size_t q = n;
                do { num[k--] = (char)('0' + q % 10); q /= 10; } while (q);
                while (k >= 31 - 7) num[k--] = ' ';
                if (os) st_write(os, num + k + 1, (size_t)(31 - k));
            }
            if (os) { st_write(os, L.p[i], L.len[i]); st_write(os, "\n", 1); }
        }
        i = j;
    }
    if (fo) st_close(fo);
    lines_free(&L);
    tbuf_free(&b);
    go_free(&g);
    return 0;
}

/* LIST: N, N-, -M, N-M separated by commas -> a bitmap up to max */
typedef struct Ranges { int n; long long lo[64], hi[64]; } Ranges;
static int parse_list(const char *s, Ranges *r)
{
    r->n = 0;
    while (*s && r->n < 64) {
        char *e;
        long long lo = 1, hi;
        if (*s == '-') { hi = strtoll(s + 1, &e, 10); if (e == s + 1) return -1; }
        else {
            lo = strtoll(s, &e, 10);
            if (e == s || lo < 1) return -1;
            if (*e == '-') { const char *q = e + 1; hi = strtoll(q, &e, 10); if (e == q) hi = (long long)1 << 60; }
            else hi = lo;
        }
        r->lo[r->n] = lo; r->hi[r->n++] = hi;
        if (*e == ',') e++;
        else if (*e) return -1;
        s = e;
    }
    return 0;
}
static int in_ranges(Ranges *r, long long i)
{
    for (int k = 0; k < r->n; k++) if (i >= r->lo[k] && i <= r->hi[k]) return 1;
    return 0;
}

int u_cut(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, mode = 0, only = 0, compl = 0, st = 0;
    char delim = '\t';
    const char *list = NULL, *odelim = NULL;
    while ((c = go_next(&g, "d:f:c:b:sn")) != -1) {
        if (c == 'd') {
            if (strlen(g.arg) > 1) { errf(sh, "cut: the delimiter must be a single character\n"); go_free(&g); return 1; }
            delim = g.arg[0];
        }
        else if (c == 'f' || c == 'c' || c == 'b') { mode = c; list = g.arg; }
        else if (c == 's') only = 1;
        else if (c == 'n') ;
        else if (c == 'L') {
            static const char *const wv[] = {"output-delimiter", "delimiter", "fields", NULL};
            if (go_long_arg(&g, wv)) {
                if (g.lname[0] == 'o') odelim = g.arg;
                else if (g.lname[0] == 'd') delim = g.arg[0];
                else { mode = 'f'; list = g.arg; }
            } else if (!strcmp(g.lname, "complement")) compl = 1;
            else BADOPT("cut");
        } else BADOPT("cut");
    }
    if (!mode) { errf(sh, "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n"); go_free(&g); return 1; }
    Ranges r;
    if (parse_list(list, &r) < 0) { errf(sh, "cut: invalid field value '%s'\n", list); go_free(&g); return 1; }
    char dstr[2] = {delim, 0};
    if (!odelim) odelim = mode == 'f' ? dstr : "";
    char *dash[] = {"-", NULL};
    char **ops = g.nops ? g.ops : dash;
    int nops = g.nops ? g.nops : 1;
    tbuf o = {0};
    for (int i = 0; i < nops; i++) {
        tbuf b = {0};
        if (read_input(sh, "cut", ops[i], &b) < 0) { st = 1; continue; }
        Lines L;
        lines_of(b.p ? b.p : "", b.len, &L);
        for (size_t k = 0; k < L.n; k++) {
            const char *p = L.p[k];
            size_t n = L.len[k];
            o.len = 0;
            if (mode != 'f') {
                int first = 1;
                long long prev = -2;
                for (size_t q = 0; q < n; q++) {
                    if (in_ranges(&r, (long long)q + 1) != compl) {
                        if (*odelim && !first && prev != (long long)q - 1) tbuf_puts(&o, odelim);
                        tbuf_put(&o, p + q, 1);
                        first = 0;
                        prev = (long long)q;
                    }
                }
            } else {
                if (!memchr(p, delim, n)) { if (!only) tbuf_put(&o, p, n); else continue; }
                else {
                    long long f = 1;
                    size_t s = 0;
                    int first = 1;
                    for (size_t q = 0; q <= n; q++) {
                        if (q == n || p[q] == delim) {
                            if (in_ranges(&r, f) != compl) {
                                if (!first) tbuf_puts(&o, odelim);
                                tbuf_put(&o, p + s, q - s);
                                first = 0;
                            }
                            f++;
                            s = q + 1;
                        }
                    }
                }
            }
            tbuf_put(&o, "\n", 1);
            sh_out(sh, 1, o.p, o.len);
        }
        lines_free(&L);
        tbuf_free(&b);
    }
    tbuf_free(&o);
    go_free(&g);
    return st;
}

/* tr sets: ranges, classes, escapes -> a 256-entry expansion list */
static int tr_set(const char *s, unsigned char *out, int *classes_upper_lower)
{
    int n = 0;
    *classes_upper_lower = 0;
    while (*s && n < 4096) {
        int c;
        if (s[0] == '[' && s[1] == ':') {
            const char *e = strstr(s, ":]");
            if (e) {
                char cls[16];
                size_t l = (size_t)(e - s - 2);
                if (l < sizeof cls) {
                    memcpy(cls, s + 2, l);
                    cls[l] = 0;
                    int (*fn)(int) = NULL;
                    if (!strcmp(cls, "upper")) { fn = isupper; *classes_upper_lower = 1; }
                    else if (!strcmp(cls, "lower")) { fn = islower; *classes_upper_lower = 2; }
                    else if (!strcmp(cls, "digit")) fn = isdigit;
                    else if (!strcmp(cls, "alpha")) fn = isalpha;
                    else if (!strcmp(cls, "alnum")) fn = isalnum;
                    else if (!strcmp(cls, "space")) fn = isspace;
                    else if (!strcmp(cls, "blank")) fn = isblank;
                    else if (!strcmp(cls, "punct")) fn = ispunct;
                    else if (!strcmp(cls, "print")) fn = isprint;
                    else if (!strcmp(cls, "cntrl")) fn = iscntrl;
                    else if (!strcmp(cls, "xdigit")) fn = isxdigit;
                    else if (!strcmp(cls, "graph")) fn = isgraph;
                    if (fn) {
                        for (int ch = 0; ch < 256; ch++) if (fn(ch) && n < 4096) out[n++] = (unsigned char)ch;
                        s = e + 2;
                        continue;
                    }
                }
            }
        }
        if (*s == '\\' && s[1]) {
            s++;
            switch (*s) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case '\\': c = '\\'; break;
            case '0': case '1': case '2': case '3': { c = 0; int d = 0; while (d < 3 && *s >= '0' && *s <= '7') { c = c * 8 + (*s - '0'); s++; d++; } s--; break; }
            default: c = (unsigned char)*s;
            }
            s++;
        } else c = (unsigned char)*s++;
        if (s[0] == '-' && s[1]) {
            int hi;
            s++;
            if (*s == '\\' && s[1]) { s++; hi = *s == 'n' ? '\n' : *s == 't' ? '\t' : (unsigned char)*s; s++; }
            else hi = (unsigned char)*s++;
            for (int ch = c; ch <= hi && n < 4096; ch++) out[n++] = (unsigned char)ch;
            continue;
        }
        out[n++] = (unsigned char)c;
    }
    return n;
}

int u_tr(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, del = 0, sq = 0, comp = 0;
    while ((c = go_next(&g, "dscCt")) != -1) {
        if (c == 'd') del = 1;
        else if (c == 's') sq = 1;
        else if (c == 'c' || c == 'C') comp = 1;
        else if (c == 't') ;
        else BADOPT("tr");
    }
    if (g.nops < 1 || (!del && !sq && g.nops < 2)) {
        errf(sh, "tr: missing operand\nTry 'tr --help' for more information.\n");
        go_free(&g);
        return 1;
    }
    unsigned char *s1 = xmalloc(4096), *s2 = xmalloc(4096);
    int cl1, cl2;
    int n1 = tr_set(g.ops[0], s1, &cl1);
    int n2 = g.nops > 1 ? tr_set(g.ops[1], s2, &cl2) : 0;
    int in1[256] = {0};
    for (int i = 0; i < n1; i++) in1[s1[i]] = 1;
    if (comp) for (int i = 0; i < 256; i++) in1[i] = !in1[i];
    int map[256];
    for (int i = 0; i < 256; i++) map[i] = i;
    int translate = !del && g.nops > 1;
    if (translate && n2) {
        if (comp) { for (int i = 0; i < 256; i++) if (in1[i]) map[i] = s2[n2 - 1]; }
        else for (int i = 0; i < n1; i++) map[s1[i]] = s2[i < n2 ? i : n2 - 1];
    }
    int sqset[256] = {0};
    if (sq) {
        if (g.nops > 1 && (translate || del)) for (int i = 0; i < n2; i++) sqset[s2[i]] = 1;
        else for (int i = 0; i < 256; i++) sqset[i] = in1[i];
    }
    const char *p;
    size_t n = sh->fd[0] ? st_rest(sh->fd[0], &p) : 0;
    tbuf o = {0};
    int last = -1;
    for (size_t i = 0; i < n; i++) {
        int ch = (unsigned char)p[i];
        if (del && in1[ch]) continue;
        if (translate) ch = map[ch];
        if (sq && sqset[ch] && ch == last) continue;
        char cc = (char)ch;
        tbuf_put(&o, &cc, 1);
        last = ch;
    }
    sh_out(sh, 1, o.p, o.len);
    tbuf_free(&o);
    free(s1); free(s2);
    go_free(&g);
    return 0;
}

int u_tee(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, app = 0, st = 0;
    while ((c = go_next(&g, "ai")) != -1) {
        if (c == 'a') app = 1;
        else if (c != 'i') BADOPT("tee");
    }
    const char *p;
    size_t n = sh->fd[0] ? st_rest(sh->fd[0], &p) : 0;
    for (int i = 0; i < g.nops; i++) {
        int fd = open(P(sh, g.ops[i]), O_WRONLY | O_CREAT | (app ? O_APPEND : O_TRUNC), 0644);
        if (fd < 0) { errf(sh, "tee: %s: %s\n", g.ops[i], strerror(errno)); st = 1; continue; }
        Stream *s = st_file(fd);
        st_write(s, p, n);
        st_close(s);
    }
    sh_out(sh, 1, p, n);
    go_free(&g);
    return st;
}

int u_seq(Sh *sh, int argc, char **argv)
{
    const char *sep = "\n", *fmt = NULL;
    int w = 0, i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "-s") && i + 1 < argc) sep = argv[++i];
        else if (!strncmp(argv[i], "-s", 2) && argv[i][2]) sep = argv[i] + 2;
        else if (!strcmp(argv[i], "-w")) w = 1;
        else if (!strcmp(argv[i], "-f") && i + 1 < argc) fmt = argv[++i];
        else if (!strcmp(argv[i], "--")) { i++; break; }
        else break;
    }
    int n = argc - i;
    if (n < 1 || n > 3) { errf(sh, "seq: missing operand\nTry 'seq --help' for more information.\n"); return 1; }
    double v[3];
    int prec = 0;
    for (int k = 0; k < n; k++) {
        char *e;
        v[k] = strtod(argv[i + k], &e);
        if (*e || e == argv[i + k]) { errf(sh, "seq: invalid floating point argument: '%s'\nTry 'seq --help' for more information.\n", argv[i + k]); return 1; }
        const char *dot = strchr(argv[i + k], '.');
        if (dot && k != 2 - (n == 3 ? 0 : 3)) { int pr = (int)strlen(dot + 1); if (pr > prec && k < n) prec = pr; }
    }
    double first = n >= 2 ? v[0] : 1, inc = n == 3 ? v[1] : 1, last = v[n - 1];
    if (inc == 0) { errf(sh, "seq: invalid Zero increment value: '%s'\n", argv[i + 1]); return 1; }
    int width = 0;
    if (w) {
        char b1[64], b2[64];
        snprintf(b1, sizeof b1, "%.*f", prec, first);
        snprintf(b2, sizeof b2, "%.*f", prec, last);
        width = (int)(strlen(b1) > strlen(b2) ? strlen(b1) : strlen(b2));
    }
    tbuf o = {0};
    long long count = 0;
    for (long long k = 0;; k++) {
        double x = first + (double)k * inc;
        if ((inc > 0 && x > last + 1e-9) || (inc < 0 && x < last - 1e-9)) break;
        if (count++) tbuf_puts(&o, sep);
        if (fmt) tbuf_printf(&o, fmt, x);
        else if (w) tbuf_printf(&o, "%0*.*f", width, prec, x);
        else tbuf_printf(&o, "%.*f", prec, x);
        if (o.len > 1u << 20) { sh_out(sh, 1, o.p, o.len); o.len = 0; if (sh_tick(sh)) break; }
    }
    if (count) tbuf_puts(&o, "\n");
    sh_out(sh, 1, o.p, o.len);
    tbuf_free(&o);
    return 0;
}

int u_tac(Sh *sh, int argc, char **argv)
{
    int st = 0;
    char *dash[] = {"-", NULL};
    char **ops = argc > 1 ? argv + 1 : dash;
    int nops = argc > 1 ? argc - 1 : 1;
    for (int i = 0; i < nops; i++) {
        tbuf b = {0};
        if (read_input(sh, "tac", ops[i], &b) < 0) { st = 1; continue; }
        Lines L;
        lines_of(b.p ? b.p : "", b.len, &L);
        for (size_t k = L.n; k-- > 0;) {
            sh_out(sh, 1, L.p[k], L.len[k]);
            if (L.p[k] + L.len[k] < b.p + b.len || k != L.n - 1) sh_out(sh, 1, "\n", 1);
        }
        lines_free(&L);
        tbuf_free(&b);
    }
    return st;
}

int u_rev(Sh *sh, int argc, char **argv)
{
    int st = 0;
    char *dash[] = {"-", NULL};
    char **ops = argc > 1 ? argv + 1 : dash;
    int nops = argc > 1 ? argc - 1 : 1;
    for (int i = 0; i < nops; i++) {
        tbuf b = {0};
        if (read_input(sh, "rev", ops[i], &b) < 0) { st = 1; continue; }
        Lines L;
        lines_of(b.p ? b.p : "", b.len, &L);
        for (size_t k = 0; k < L.n; k++) {
            for (size_t q = L.len[k]; q-- > 0;) sh_out(sh, 1, L.p[k] + q, 1);
            if (L.p[k] + L.len[k] < b.p + b.len) sh_out(sh, 1, "\n", 1);
        }
        lines_free(&L);
        tbuf_free(&b);
    }
    return st;
}

int u_nl(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, all = 0;
    while ((c = go_next(&g, "b:w:s:n:")) != -1) {
        if (c == 'b') all = g.arg[0] == 'a';
        else if (c == '?' || c == 'L') BADOPT("nl");
    }
    tbuf b = {0};
    if (read_input(sh, "nl", g.nops ? g.ops[0] : "-", &b) < 0) { go_free(&g); return 1; }
    Lines L;
    lines_of(b.p ? b.p : "", b.len, &L);
    long long n = 0;
    for (size_t k = 0; k < L.n; k++) {
        if (L.len[k] || all) outf(sh, "%6lld\t", ++n);
        else outs(sh, "       ");
        sh_out(sh, 1, L.p[k], L.len[k]);
        sh_out(sh, 1, "\n", 1);
    }
    lines_free(&L);
    tbuf_free(&b);
    go_free(&g);
    return 0;
}

int u_paste(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, ser = 0;
    const char *d = "\t";
    while ((c = go_next(&g, "d:s")) != -1) {
        if (c == 'd') d = g.arg;
        else if (c == 's') ser = 1;
        else BADOPT("paste");
    }
    int n = g.nops ? g.nops : 1;
    char *dash[] = {"-", NULL};
    char **ops = g.nops ? g.ops : dash;
    tbuf *bufs = xmalloc(sizeof(tbuf) * (size_t)n);
    Lines *L = xmalloc(sizeof(Lines) * (size_t)n);
    size_t maxl = 0;
    size_t dl = strlen(d);
    for (int i = 0; i < n; i++) {
        memset(&bufs[i], 0, sizeof(tbuf));
        if (read_input(sh, "paste", ops[i], &bufs[i]) < 0) { tbuf_put(&bufs[i], "", 0); }
        lines_of(bufs[i].p ? bufs[i].p : "", bufs[i].len, &L[i]);
        if (L[i].n > maxl) maxl = L[i].n;
    }
    if (ser) {
        for (int i = 0; i < n; i++) {
            for (size_t k = 0; k < L[i].n; k++) {
                if (k && dl) sh_out(sh, 1, &d[(k - 1) % dl], 1);
                sh_out(sh, 1, L[i].p[k], L[i].len[k]);
            }
            sh_out(sh, 1, "\n", 1);
        }
    } else {
        for (size_t k = 0; k < maxl; k++) {
            for (int i = 0; i < n; i++) {
                if (i && dl) sh_out(sh, 1, &d[(i - 1) % dl], 1);
                if (k < L[i].n) sh_out(sh, 1, L[i].p[k], L[i].len[k]);
            }
            sh_out(sh, 1, "\n", 1);
        }
    }
    for (int i = 0; i < n; i++) { lines_free(&L[i]); tbuf_free(&bufs[i]); }
    free(bufs); free(L);
    go_free(&g);
    return 0;
}
