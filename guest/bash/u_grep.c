/*
 * guest/bash/u_grep.c — grep (BRE/ERE/fixed, -r with --include/--exclude,
 * context lines, -o/-c/-l/-L/-q/-w/-x) and the regex front end shared with
 * sed and [[ =~ ]]: GNU BRE and ERE are rewritten to POSIX ERE (with
 * GNU's \+ \? \| \w \s \b) and compiled by wasi-libc's regcomp.
 */
#include "cmds.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* GNU BRE/ERE -> POSIX ERE */
static char *to_ere(const char *p, int ere)
{
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    int start = 1;   /* at the start of an RE or group: '*' is literal */
    while (*p) {
        char c = *p;
        if (c == '[') {
            /* copy a bracket expression verbatim */
            const char *q = p + 1;
            if (*q == '^') q++;
            if (*q == ']') q++;
            while (*q && *q != ']') {
                if (q[0] == '[' && (q[1] == ':' || q[1] == '.' || q[1] == '=')) {
                    const char *e = strstr(q + 2, q[1] == ':' ? ":]" : q[1] == '.' ? ".]" : "=]");
                    q = e ? e + 2 : q + 1;
                } else q++;
            }
            if (*q == ']') q++;
            tbuf_put(&b, p, (size_t)(q - p));
            p = q;
            start = 0;
            continue;
        }
        if (c == '\\' && p[1]) {
            char d = p[1];
            p += 2;
            if (!ere && strchr("(){}|+?", d)) { tbuf_put(&b, &d, 1); start = d == '(' || d == '|'; continue; }
            switch (d) {
            case 'w': tbuf_puts(&b, "[[:alnum:]_]"); break;
            case 'W': tbuf_puts(&b, "[^[:alnum:]_]"); break;
            case 's': tbuf_puts(&b, "[[:space:]]"); break;
            case 'S': tbuf_puts(&b, "[^[:space:]]"); break;
            case 'd': tbuf_puts(&b, "[0-9]"); break;
            case '<': tbuf_puts(&b, "\\<"); break;
            case '>': tbuf_puts(&b, "\\>"); break;
            case 'b': tbuf_puts(&b, "\\b"); break;
            case 'n': tbuf_puts(&b, "\n"); break;
            case 't': tbuf_puts(&b, "\t"); break;
            default: tbuf_put(&b, "\\", 1); tbuf_put(&b, &d, 1);
            }
            start = 0;
            continue;
        }
        if (!ere && strchr("(){}|+?", c)) { tbuf_put(&b, "\\", 1); tbuf_put(&b, &c, 1); p++; start = 0; continue; }
        if (c == '*' && start) { tbuf_puts(&b, "\\*"); p++; start = 0; continue; }
        if (c == '^' && !ere && !start) { tbuf_puts(&b, "\\^"); p++; continue; }
        if (c == '$' && !ere && p[1] && !(p[1] == '\\' && (p[2] == ')' || p[2] == '|'))) { tbuf_puts(&b, "\\$"); p++; start = 0; continue; }
        tbuf_put(&b, &c, 1);
        start = (c == '(' && ere) || (c == '|' && ere) || (c == '^' && start);
        p++;
    }
    return b.p;
}

int sh_regcomp(regex_t *re, const char *pat, int ere, int icase)
{
    char *e = to_ere(pat, ere);
    int r = regcomp(re, e, REG_EXTENDED | (icase ? REG_ICASE : 0));
    free(e);
    return r;
}

/* ---- grep ------------------------------------------------------------------ */
typedef struct G {
    Sh *sh;
    char **pats; int npats;
    regex_t *res;
    int fixed, ere, icase, invert, word, line, count, list, nlist, quiet, nums, only, fnames, nofn;
    int recursive, silent, after, before, maxcount, bytes, text, nullsep;
    char **incl; int nincl; char **excl; int nexcl; char **exdir; int nexdir;
    int matched, err;
    int lastprinted_set; long long lastprinted;
    int any_output_group;
    Walk walk;           /* -R follows links: directories being read, never twice */
} G;

static int is_wordc(int c) { return isalnum(c) || c == '_'; }

/* pattern k: the first match at or after from, as [*ms, *me) */
static int match_one(G *g, int k, const char *s, size_t n, size_t from, size_t *ms, size_t *me)
{
    if (g->fixed) {
        const char *p = g->pats[k];
        size_t pl = strlen(p);
        for (size_t i = from; i + pl <= n; i++) {
            int eq = g->icase ? strncasecmp(s + i, p, pl) == 0 : memcmp(s + i, p, pl) == 0;
            if (eq) { *ms = i; *me = i + pl; return 1; }
            if (!pl) break;
        }
        if (!pl && from <= n) { *ms = *me = from; return 1; }
        return 0;
    }
    /* s is NUL-terminated at n (grep_buf copies each line) */
    regmatch_t m;
    if (from > n || regexec(&g->res[k], s + from, 1, &m, from ? REG_NOTBOL : 0) != 0) return 0;
    *ms = from + (size_t)m.rm_so;
    *me = from + (size_t)m.rm_eo;
    return 1;
}

/* first acceptable match (honouring -w / -x) among all patterns */
static int match_at(G *g, const char *s, size_t n, size_t from, size_t *ms, size_t *me)
{
    int found = 0;
    size_t bs = 0, be = 0;
    for (int k = 0; k < g->npats; k++) {
        size_t f = from, a, b;
        while (f <= n && match_one(g, k, s, n, f, &a, &b)) {
            int ok = 1;
            if (g->line) ok = a == 0 && b == n;
            else if (g->word) ok = (a == 0 || !is_wordc((unsigned char)s[a - 1])) && (b >= n || !is_wordc((unsigned char)s[b])) && (b > a || n == 0);
            if (ok) {
                if (!found || a < bs || (a == bs && b > be)) { bs = a; be = b; found = 1; }
                break;
            }
            if (g->word && b > a) {
                /* try a shorter match at the same start for -w: fall back to the next start */
            }
            f = a + 1;
            if (g->line) break;
        }
    }
    if (found) { *ms = bs; *me = be; }
    return found;
}

static int line_matches(G *g, const char *s, size_t n)
{
    size_t a, b;
    return match_at(g, s, n, 0, &a, &b) != g->invert;
}

static void prefix(G *g, const char *name, long long ln, char sep)
{
    if (g->fnames) outf(g->sh, "%s%c", name, sep);
    if (g->nums) outf(g->sh, "%lld%c", ln, sep);
}

static void grep_buf(G *g, const char *name, const char *buf, size_t len)
{
    Sh *sh = g->sh;
    long long cnt = 0, ln = 0;
    int binary = !g->text && memchr(buf, 0, len) != NULL;
    size_t pos = 0;
    long long last_out = 0;   /* last line number printed (context) */
    long long after_left = 0;
    /* line start offsets for -B */
    size_t *starts = NULL;
    long long nstarts = 0, capstarts = 0;
    if (g->before) { capstarts = 1024; starts = xmalloc(sizeof(size_t) * (size_t)capstarts); }
    int printing = !g->count && !g->list && !g->nlist && !g->quiet;
    const char *fp = g->npats == 1 ? g->pats[0] : NULL;
    if (fp && g->fixed && *fp && !g->invert && !g->icase && !g->word && !g->line && !g->only &&
        !g->before && !g->after && !binary && g->maxcount < 0 && !strchr(fp, '\n')) {
        /* fixed string: jump from match to match instead of testing every
         * line (most lines of most files do not match) */
        size_t fl = strlen(fp), scanned = 0;
        long long lnum = 1;
        while (pos < len) {
            const char *m = memmem(buf + pos, len - pos, fp, fl);
            if (!m) break;
            size_t ms = (size_t)(m - buf);
            size_t ls = ms;
            while (ls > pos && buf[ls - 1] != '\n') ls--;
            if (g->nums) { for (size_t q = scanned; q < ls; q++) lnum += buf[q] == '\n'; scanned = ls; }
            const char *nl = memchr(buf + ms, '\n', len - ms);
            size_t le = nl ? (size_t)(nl - buf) : len;
            cnt++;
            g->matched = 1;
            if (g->quiet || g->list) break;
            if (printing) {
                prefix(g, name, lnum, ':');
                sh_out(sh, 1, buf + ls, le - ls);
                sh_out(sh, 1, "\n", 1);
            }
            pos = nl ? le + 1 : len;
        }
        pos = len;
    }
    tbuf lb = {0};
    /* fast reject: a fixed string that occurs nowhere in the file */
    if (g->fixed && g->npats == 1 && !g->invert && !g->icase && g->pats[0][0] &&
        !memmem(buf, len, g->pats[0], strlen(g->pats[0])))
        pos = len;
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t e = nl ? (size_t)(nl - buf) : len;
        size_t n = e - pos;
        lb.len = 0;
        tbuf_put(&lb, buf + pos, n);
        const char *s = lb.p;
        ln++;
        if (g->before) {
            if (nstarts == capstarts) { capstarts *= 2; starts = xrealloc(starts, sizeof(size_t) * (size_t)capstarts); }
            starts[nstarts++] = pos;
        }
        int m = line_matches(g, s, n);
        if (m) {
            cnt++;
            g->matched = 1;
            if (g->quiet || g->list || g->nlist) { if (g->quiet || g->list) break; }
            if (printing && binary) { break; }
            if (printing) {
                if (g->before || g->after) {
                    long long from = ln - g->before;
                    if (from < 1) from = 1;
                    if (from <= last_out) from = last_out + 1;
                    if (g->any_output_group && last_out && from > last_out + 1) outs(sh, "--\n");
                    else if (g->any_output_group && !last_out) outs(sh, "--\n");
                    for (long long q = from; q < ln; q++) {
                        size_t qs = starts[q - 1];
                        const char *qe = memchr(buf + qs, '\n', len - qs);
                        size_t ql = qe ? (size_t)(qe - (buf + qs)) : len - qs;
                        prefix(g, name, q, '-');
                        sh_out(sh, 1, buf + qs, ql);
                        sh_out(sh, 1, "\n", 1);
                    }
                    g->any_output_group = 1;
                }
                if (g->only) {
                    if (!g->invert) {
                        size_t f = 0, a, b;
                        while (f <= n && match_at(g, s, n, f, &a, &b)) {
                            if (b == a) { f = a + 1; continue; }
                            prefix(g, name, ln, ':');
                            sh_out(sh, 1, s + a, b - a);
                            sh_out(sh, 1, "\n", 1);
                            f = b;
                        }
                    }
                } else {
                    prefix(g, name, ln, ':');
                    sh_out(sh, 1, s, n);
                    sh_out(sh, 1, "\n", 1);
                }
                last_out = ln;
                after_left = g->after;
            }
            if (g->maxcount >= 0 && cnt >= g->maxcount) {
                /* trailing context still prints */
                pos = nl ? e + 1 : len;
                while (printing && after_left > 0 && pos < len) {
                    const char *nl2 = memchr(buf + pos, '\n', len - pos);
                    size_t e2 = nl2 ? (size_t)(nl2 - buf) : len;
                    ln++;
                    prefix(g, name, ln, '-');
                    sh_out(sh, 1, buf + pos, e2 - pos);
                    sh_out(sh, 1, "\n", 1);
                    last_out = ln;
                    after_left--;
                    pos = nl2 ? e2 + 1 : len;
                }
                break;
            }
        } else if (printing && after_left > 0) {
            prefix(g, name, ln, '-');
            sh_out(sh, 1, s, n);
            sh_out(sh, 1, "\n", 1);
            last_out = ln;
            after_left--;
        }
        if (!nl) break;
        pos = e + 1;
    }
    free(starts);
    tbuf_free(&lb);
    if (g->count) {
        if (g->fnames) outf(sh, "%s:%lld\n", name, cnt);
        else outf(sh, "%lld\n", cnt);
    }
    if (g->list && cnt) outf(sh, "%s%c", name, g->nullsep ? 0 : '\n');
    if (g->nlist && !cnt) outf(sh, "%s\n", name);
    if (printing && binary && cnt) outf(sh, "Binary file %s matches\n", name);
}

static int glob_any(char **globs, int n, const char *name)
{
    for (int i = 0; i < n; i++) if (fnmatch(globs[i], name, 0) == 0) return 1;
    return 0;
}

static void grep_file(G *g, const char *path, int top, unsigned char dt)
{
    Sh *sh = g->sh;
    struct stat st;
    const char *ap = P(sh, path);
    if (!top && (dt == DT_REG || dt == DT_DIR)) {
        /* readdir said what it is: no stat */
        memset(&st, 0, sizeof st);
        st.st_mode = dt == DT_DIR ? S_IFDIR : S_IFREG;
    } else if (stat(ap, &st) != 0) {
        if (lstat(ap, &st) == 0 && !top) return;   /* dangling symlink found by -r */
        if (!g->silent) errf(sh, "grep: %s: %s\n", path, strerror(errno));
        g->err = 1;
        return;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (S_ISDIR(st.st_mode)) {
        if (!g->recursive) { if (!g->silent) errf(sh, "grep: %s: Is a directory\n", path); g->err = 1; return; }
        if (!top && g->nexdir && glob_any(g->exdir, g->nexdir, base)) return;
        int entered = 0;
        if (g->recursive == 2 && (st.st_ino || st.st_dev || stat(ap, &st) == 0)) {
            int w = walk_enter(&g->walk, &st);
            if (w == WALK_CYCLE) { if (!g->silent) errf(sh, "grep: %s: warning: recursive directory loop\n", path); return; }
            if (w == WALK_DEEP) { if (!g->silent) errf(sh, "grep: %s: directories nested deeper than %d levels; not searched\n", path, SH_WALK_DEPTH); g->err = 1; return; }
            entered = 1;
        }
        char **names;
        unsigned char *types;
        int n;
        if (list_dir_t(sh, path, &names, &types, &n) < 0) { if (!g->silent) errf(sh, "grep: %s: %s\n", path, strerror(errno)); g->err = 1; return; }
        for (int i = 0; i < n; i++) {
            if (sh_tick(sh)) break;
            char *child = path_join(path, names[i]);
            struct stat cs;
            unsigned char t = types ? types[i] : 0;
            /* -r skips symlinks found inside directories (-R follows them) */
            if (g->recursive == 1 && (t == DT_LNK || (t == DT_UNKNOWN && lstat(P(sh, child), &cs) == 0 && S_ISLNK(cs.st_mode)))) { free(child); free(names[i]); continue; }
            grep_file(g, child, 0, g->recursive == 1 ? t : 0);
            free(child);
            free(names[i]);
            if (g->quiet && g->matched) { for (int k = i + 1; k < n; k++) free(names[k]); break; }
        }
        free(names);
        free(types);
        if (entered) walk_leave(&g->walk);
        return;
    }
    if (!top || g->nincl || g->nexcl) {
        if (g->nincl && !glob_any(g->incl, g->nincl, base)) return;
        if (g->nexcl && glob_any(g->excl, g->nexcl, base)) return;
    }
    tbuf b = {0};
    if (read_input(sh, "grep", path, &b) < 0) { g->err = 1; return; }
    grep_buf(g, path, b.p ? b.p : "", b.len);
    tbuf_free(&b);
}

static void add_pats(G *g, const char *s)
{
    /* a pattern list: one per line */
    const char *p = s;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t l = nl ? (size_t)(nl - p) : strlen(p);
        g->pats = xrealloc(g->pats, sizeof(char *) * (size_t)(g->npats + 1));
        g->pats[g->npats++] = xstrndup(p, l);
        if (!nl) break;
        p = nl + 1;
    }
}

static int grep_main(Sh *sh, int argc, char **argv, int mode)
{
    G g;
    memset(&g, 0, sizeof g);

    g.sh = sh;
    g.maxcount = -1;
    g.ere = mode == 'E';
    g.fixed = mode == 'F';
    int c, have_e = 0, withfn = 0;
    GO o;
    go_init(&o, argc, argv);
    static const char *const wv[] = {"include", "exclude", "exclude-dir", "regexp", "file", "max-count",
                                     "after-context", "before-context", "context", "color", "colour", NULL};
    while ((c = go_next(&o, "EFGPivwxcLlqsnhHrRoe:f:m:A:B:C:abIUz#Z")) != -1) {
        switch (c) {
        case 'E': g.ere = 1; g.fixed = 0; break;
        case 'F': g.fixed = 1; break;
        case 'G': g.ere = 0; g.fixed = 0; break;
        case 'P': g.ere = 1; break;
        case 'i': g.icase = 1; break;
        case 'v': g.invert = 1; break;
        case 'w': g.word = 1; break;
        case 'x': g.line = 1; break;
        case 'c': g.count = 1; break;
        case 'l': g.list = 1; break;
        case 'L': if (o.lname) goto longopt; g.nlist = 1; break;
        case 'q': g.quiet = 1; break;
        case 's': g.silent = 1; break;
        case 'n': g.nums = 1; break;
        case 'h': g.nofn = 1; withfn = 0; break;
        case 'H': withfn = 1; g.nofn = 0; break;
        case 'r': g.recursive = 1; break;
        case 'R': g.recursive = 2; break;
        case 'o': g.only = 1; break;
        case 'a': g.text = 1; break;
        case 'b': case 'U': case 'I': break;
        case 'Z': case 'z': g.nullsep = 1; break;
        case 'e': add_pats(&g, o.arg); have_e = 1; break;
        case 'f': {
            tbuf b = {0};
            if (read_input(sh, "grep", o.arg, &b) < 0) { go_free(&o); return 2; }
            if (b.len && b.p[b.len - 1] == '\n') b.p[--b.len] = 0;
            if (b.len) add_pats(&g, b.p);
            tbuf_free(&b);
            have_e = 1;
            break;
        }
        case 'm': g.maxcount = atoi(o.arg); break;
        case 'A': g.after = atoi(o.arg); break;
        case 'B': g.before = atoi(o.arg); break;
        case 'C': case '#': g.after = g.before = atoi(o.arg); break;
        longopt:
        default:
            if (c == 'L' && o.lname) {
                if (go_long_arg(&o, wv)) {
                    const char *v = o.arg ? o.arg : "";
                    if (!strcmp(o.lname, "include")) { g.incl = xrealloc(g.incl, sizeof(char *) * (size_t)(g.nincl + 1)); g.incl[g.nincl++] = (char *)v; }
                    else if (!strcmp(o.lname, "exclude")) { g.excl = xrealloc(g.excl, sizeof(char *) * (size_t)(g.nexcl + 1)); g.excl[g.nexcl++] = (char *)v; }
                    else if (!strcmp(o.lname, "exclude-dir")) { g.exdir = xrealloc(g.exdir, sizeof(char *) * (size_t)(g.nexdir + 1)); g.exdir[g.nexdir++] = (char *)v; }
                    else if (!strcmp(o.lname, "regexp")) { add_pats(&g, v); have_e = 1; }
                    else if (!strcmp(o.lname, "max-count")) g.maxcount = atoi(v);
                    else if (!strcmp(o.lname, "after-context")) g.after = atoi(v);
                    else if (!strcmp(o.lname, "before-context")) g.before = atoi(v);
                    else if (!strcmp(o.lname, "context")) g.after = g.before = atoi(v);
                    break;
                }
                const char *l = o.lname;
                if (!strcmp(l, "recursive")) { g.recursive = 1; break; }
                if (!strcmp(l, "ignore-case")) { g.icase = 1; break; }
                if (!strcmp(l, "line-number")) { g.nums = 1; break; }
                if (!strcmp(l, "files-with-matches")) { g.list = 1; break; }
                if (!strcmp(l, "files-without-match")) { g.nlist = 1; break; }
                if (!strcmp(l, "count")) { g.count = 1; break; }
                if (!strcmp(l, "invert-match")) { g.invert = 1; break; }
                if (!strcmp(l, "word-regexp")) { g.word = 1; break; }
                if (!strcmp(l, "extended-regexp")) { g.ere = 1; break; }
                if (!strcmp(l, "fixed-strings")) { g.fixed = 1; break; }
                if (!strcmp(l, "only-matching")) { g.only = 1; break; }
                if (!strcmp(l, "quiet") || !strcmp(l, "silent")) { g.quiet = 1; break; }
                if (!strcmp(l, "no-filename")) { g.nofn = 1; break; }
                if (!strcmp(l, "with-filename")) { withfn = 1; break; }
                if (!strcmp(l, "no-messages")) { g.silent = 1; break; }
                if (!strcmp(l, "binary-files") || !strcmp(l, "text") || !strcmp(l, "null")) break;
                errf(sh, "grep: unrecognized option '--%s'\n", l);
            } else if (c == ':') errf(sh, "grep: option requires an argument -- '%c'\n", o.bad);
            else errf(sh, "grep: invalid option -- '%c'\n", o.bad);
            errf(sh, "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
            go_free(&o);
            return 2;
        }
    }
    int opi = 0;
    if (!have_e) {
        if (o.nops < 1) {
            errf(sh, "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
            go_free(&o);
            return 2;
        }
        add_pats(&g, o.ops[opi++]);
    }
    int st = 0;
    int literal = !g.fixed;
    for (int k = 0; k < g.npats && literal; k++)
        if (strpbrk(g.pats[k], ".[]*^$\\+?(){}|") || !g.pats[k][0]) literal = 0;
    if (literal) g.fixed = 1;
    if (!g.fixed) {
        g.res = xmalloc(sizeof(regex_t) * (size_t)g.npats);
        for (int k = 0; k < g.npats; k++) {
            int r = sh_regcomp(&g.res[k], g.pats[k], g.ere, g.icase);
            if (r) {
                char msg[128];
                regerror(r, &g.res[k], msg, sizeof msg);
                errf(sh, "grep: %s\n", msg);
                go_free(&o);
                return 2;
            }
        }
    }
    int nfiles = o.nops - opi;
    char **files = o.ops + opi;
    char *dot[] = {".", NULL};
    int implicit = 0;
    if (!nfiles && g.recursive) { files = dot; nfiles = 1; implicit = 1; }
    if (!nfiles) {
        const char *p;
        size_t n = sh->fd[0] ? st_rest(sh->fd[0], &p) : 0;
        g.fnames = withfn;
        grep_buf(&g, "(standard input)", p, n);
    } else {
        int anydir = 0;
        for (int i = 0; i < nfiles && g.recursive; i++) {
            struct stat s2;
            if (stat(P(sh, files[i]), &s2) == 0 && S_ISDIR(s2.st_mode)) anydir = 1;
        }
        g.fnames = !g.nofn && (withfn || nfiles > 1 || anydir);
        for (int i = 0; i < nfiles; i++) {
            if (implicit) {
                /* grep -r PAT with no file: names are relative, without "./" */
                char **names;
                int n;
                if (list_dir(sh, ".", &names, &n) == 0) {
                    for (int k = 0; k < n; k++) {
                        struct stat cs;
                        if (!(g.recursive == 1 && lstat(P(sh, names[k]), &cs) == 0 && S_ISLNK(cs.st_mode))) grep_file(&g, names[k], 0, 0);
                        free(names[k]);
                    }
                    free(names);
                }
            } else if (!strcmp(files[i], "-")) {
                const char *p;
                size_t n = sh->fd[0] ? st_rest(sh->fd[0], &p) : 0;
                grep_buf(&g, "(standard input)", p, n);
            } else grep_file(&g, files[i], 1, 0);
            if (g.quiet && g.matched) break;
        }
    }
    if (g.res) { for (int k = 0; k < g.npats; k++) regfree(&g.res[k]); free(g.res); }
    argv_free(g.pats, g.npats);
    free(g.incl); free(g.excl); free(g.exdir);
    go_free(&o);
    if (g.quiet && g.matched) return 0;
    st = g.err ? 2 : (g.matched ? 0 : 1);
    if (g.nlist) st = g.err ? 2 : 0;
    return st;
}

int u_grep(Sh *sh, int argc, char **argv) { return grep_main(sh, argc, argv, 'G'); }
int u_egrep(Sh *sh, int argc, char **argv) { return grep_main(sh, argc, argv, 'E'); }
int u_fgrep(Sh *sh, int argc, char **argv) { return grep_main(sh, argc, argv, 'F'); }
