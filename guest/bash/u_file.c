/*
 * guest/bash/u_file.c — file utilities against the sandboxed filesystem:
 * ls (-l -a -A -R -1 -t -r -S -d -h -F), mkdir, rmdir, rm, cp, mv, touch,
 * ln, stat, du, df, realpath, basename, dirname, file, readlink, mktemp.
 * WASI has no owners or permission bits: ls -l shows "user user" and modes
 * 644/755 (documented in tool.json).
 */
#include "cmds.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int bad(Sh *sh, const char *cmd, GO *g)
{
    if (g->lname && g->bad == 0) errf(sh, "%s: unrecognized option '--%s'\n", cmd, g->lname);
    else errf(sh, "%s: invalid option -- '%c'\n", cmd, g->bad);
    errf(sh, "Try '%s --help' for more information.\n", cmd);
    go_free(g);
    return cmd[0] == 'l' ? 2 : 1;
}

static int xstat(Sh *sh, const char *path, struct stat *st, int follow)
{
    const char *ap = P(sh, path);
    int r = follow ? stat(ap, st) : lstat(ap, st);
    if (r != 0 && !strcmp(ap, "/")) { memset(st, 0, sizeof *st); st->st_mode = S_IFDIR | 0755; st->st_nlink = 2; return 0; }
    return r;
}

/* "link/" names what the link points to */
static int trailing_slash(const char *p) { size_t l = strlen(p); return l > 1 && p[l - 1] == '/'; }

static unsigned mode_bits(Sh *sh, const char *path, const struct stat *st)
{
    /* WASI reports no permission bits: show the usual defaults, 755 for
     * scripts and binaries (sh_is_exec's guess) */
    unsigned m = st->st_mode & 07777;
    if (m) return m;
    if (S_ISDIR(st->st_mode) || S_ISLNK(st->st_mode)) return S_ISLNK(st->st_mode) ? 0777 : 0755;
    return path && sh_is_exec(sh, path, st) ? 0755 : 0644;
}

static void mode_str(Sh *sh, const char *path, const struct stat *st, char *o)
{
    unsigned m = mode_bits(sh, path, st);
    o[0] = S_ISDIR(st->st_mode) ? 'd' : S_ISLNK(st->st_mode) ? 'l' : S_ISCHR(st->st_mode) ? 'c' : S_ISBLK(st->st_mode) ? 'b' : S_ISFIFO(st->st_mode) ? 'p' : S_ISSOCK(st->st_mode) ? 's' : '-';
    const char *rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) o[1 + i] = (m & (0400u >> i)) ? rwx[i] : '-';
    o[10] = 0;
}

static long long blocks_1k(const struct stat *st)
{
    /* WASI has no st_blocks: whole 4 KiB blocks, as ext4 allocates */
    if (S_ISLNK(st->st_mode)) return 0;
    long long b = ((long long)st->st_size + 4095) / 4096 * 4;
    return b;
}

static void human(long long v, char *o, size_t n)
{
    const char *u = "KMGTPE";
    if (v < 1024) { snprintf(o, n, "%lld", v); return; }
    double d = (double)v;
    int k = -1;
    while (d >= 1024 && k < 5) { d /= 1024; k++; }
    if (d < 10) {
        double r = (double)(long long)(d * 10 + 0.999999) / 10;
        if (r >= 10) snprintf(o, n, "%.0f%c", r, u[k]);
        else snprintf(o, n, "%.1f%c", r, u[k]);
    } else {
        double r = (double)(long long)(d + 0.999999);
        if (r >= 1024 && k < 5) snprintf(o, n, "1.0%c", u[k + 1]);
        else snprintf(o, n, "%.0f%c", r, u[k]);
    }
}

int sh_is_exec(Sh *sh, const char *path, const struct stat *st)
{
    if (!S_ISREG(st->st_mode)) return 0;
    if (st->st_mode & 0111) return 1;
    if (st->st_mode & 0666) return 0;   /* real bits, none for exec */
    /* no bits at all (WASI): a script or a binary counts as executable */
    char head[4] = {0};
    int fd = open(P(sh, path), O_RDONLY);
    if (fd < 0) return 0;
    ssize_t k = read(fd, head, sizeof head);
    close(fd);
    return (k >= 2 && head[0] == '#' && head[1] == '!') || (k == 4 && !memcmp(head, "\x7f" "ELF", 4));
}

/* ---- ls ------------------------------------------------------------------ */
typedef struct LsOpt { int l, a, A, R, t, r, S, d, h, F, one, i, p, U; } LsOpt;
typedef struct Ent { char *name, *path; struct stat st; int ok; } Ent;
static LsOpt LO;

static int ent_cmp(const void *x, const void *y)
{
    const Ent *a = x, *b = y;
    int c = 0;
    if (LO.t) {
        if (a->st.st_mtim.tv_sec != b->st.st_mtim.tv_sec) c = a->st.st_mtim.tv_sec > b->st.st_mtim.tv_sec ? -1 : 1;
        else if (a->st.st_mtim.tv_nsec != b->st.st_mtim.tv_nsec) c = a->st.st_mtim.tv_nsec > b->st.st_mtim.tv_nsec ? -1 : 1;
    } else if (LO.S) {
        if (a->st.st_size != b->st.st_size) c = a->st.st_size > b->st.st_size ? -1 : 1;
    }
    if (!c) c = strcmp(a->name, b->name);
    return LO.r ? -c : c;
}

static void ls_time(const struct stat *st, char *o, size_t n)
{
    time_t t = st->st_mtim.tv_sec, now = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    if (t > now - 15778476 && t <= now + 60) strftime(o, n, "%b %e %H:%M", &tm);
    else strftime(o, n, "%b %e  %Y", &tm);
}

static void ls_entries(Sh *sh, Ent *e, int n, int show_total)
{
    if (!LO.U) qsort(e, (size_t)n, sizeof(Ent), ent_cmp);
    if (LO.l) {
        int wl = 1, ws = 1;
        long long total = 0;
        for (int i = 0; i < n; i++) {
            char b[32];
            int l = snprintf(b, sizeof b, "%lu", (unsigned long)e[i].st.st_nlink);
            if (l > wl) wl = l;
            if (LO.h) human((long long)e[i].st.st_size, b, sizeof b), l = (int)strlen(b);
            else l = snprintf(b, sizeof b, "%lld", (long long)e[i].st.st_size);
            if (l > ws) ws = l;
            total += blocks_1k(&e[i].st);
        }
        if (show_total) {
            if (LO.h) { char hb[32]; human(total * 1024, hb, sizeof hb); outf(sh, "total %s\n", hb); }
            else outf(sh, "total %lld\n", total);
        }
        for (int i = 0; i < n; i++) {
            char m[16], tb[32], sz[32];
            mode_str(sh, e[i].path, &e[i].st, m);
            ls_time(&e[i].st, tb, sizeof tb);
            if (LO.h) human((long long)e[i].st.st_size, sz, sizeof sz);
            else snprintf(sz, sizeof sz, "%lld", (long long)e[i].st.st_size);
            outf(sh, "%s %*lu user user %*s %s %s", m, wl, (unsigned long)e[i].st.st_nlink, ws, sz, tb, e[i].name);
            if (S_ISLNK(e[i].st.st_mode)) {
                char tgt[SH_PATH_MAX];
                ssize_t k = readlink(P(sh, e[i].path), tgt, sizeof tgt - 1);
                if (k >= 0) { tgt[k] = 0; outf(sh, " -> %s", tgt); }
            } else if (LO.F && S_ISDIR(e[i].st.st_mode)) outs(sh, "/");
            outs(sh, "\n");
        }
        return;
    }
    for (int i = 0; i < n; i++) {
        outs(sh, e[i].name);
        if ((LO.F || LO.p) && S_ISDIR(e[i].st.st_mode)) outs(sh, "/");
        else if (LO.F && S_ISLNK(e[i].st.st_mode)) outs(sh, "@");
        else if (LO.F && S_ISREG(e[i].st.st_mode) && sh_is_exec(sh, e[i].path, &e[i].st)) outs(sh, "*");
        outs(sh, "\n");
    }
}

static int ls_dir(Sh *sh, const char *path, int header, int *first)
{
    char **names;
    int n;
    if (list_dir(sh, path, &names, &n) < 0) {
        errf(sh, "ls: cannot open directory '%s': %s\n", path, strerror(errno));
        return 2;
    }
    Ent *e = xmalloc(sizeof(Ent) * (size_t)(n + 2));
    int k = 0;
    if (LO.a) {
        const char *dots[] = {".", ".."};
        for (int d = 0; d < 2; d++) {
            e[k].name = xstrdup(dots[d]);
            e[k].path = path_join(path, dots[d]);
            e[k].ok = xstat(sh, e[k].path, &e[k].st, 0) == 0;
            if (!e[k].ok) { memset(&e[k].st, 0, sizeof e[k].st); e[k].st.st_mode = S_IFDIR; }
            k++;
        }
    }
    for (int i = 0; i < n; i++) {
        if (names[i][0] == '.' && !LO.a && !LO.A) { free(names[i]); continue; }
        e[k].name = names[i];
        e[k].path = path_join(path, names[i]);
        e[k].ok = xstat(sh, e[k].path, &e[k].st, 0) == 0;
        if (!e[k].ok) memset(&e[k].st, 0, sizeof e[k].st);
        k++;
    }
    free(names);
    if (header) outf(sh, "%s%s:\n", *first ? "" : "\n", path);
    *first = 0;
    ls_entries(sh, e, k, 1);
    int st = 0;
    if (LO.R) {
        for (int i = 0; i < k; i++) {
            if (S_ISDIR(e[i].st.st_mode) && strcmp(e[i].name, ".") && strcmp(e[i].name, "..")) {
                if (sh_tick(sh)) break;
                st |= ls_dir(sh, e[i].path, 1, first);
            }
        }
    }
    for (int i = 0; i < k; i++) { free(e[i].name); free(e[i].path); }
    free(e);
    return st;
}

int u_ls(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c;
    memset(&LO, 0, sizeof LO);
    while ((c = go_next(&g, "laARtrSdhF1ipUCGgonx")) != -1) {
        switch (c) {
        case 'l': case 'g': case 'o': case 'n': LO.l = 1; break;
        case 'a': LO.a = 1; break;
        case 'A': LO.A = 1; break;
        case 'R': LO.R = 1; break;
        case 't': LO.t = 1; break;
        case 'r': LO.r = 1; break;
        case 'S': LO.S = 1; break;
        case 'd': LO.d = 1; break;
        case 'h': LO.h = 1; break;
        case 'F': LO.F = 1; break;
        case 'p': LO.p = 1; break;
        case 'U': LO.U = 1; break;
        case '1': case 'i': case 'C': case 'G': case 'x': break;
        case 'L':
            if (!strcmp(g.lname, "all")) { LO.a = 1; break; }
            if (!strcmp(g.lname, "almost-all")) { LO.A = 1; break; }
            if (!strcmp(g.lname, "recursive")) { LO.R = 1; break; }
            if (!strcmp(g.lname, "human-readable")) { LO.h = 1; break; }
            if (!strncmp(g.lname, "color", 5) || !strcmp(g.lname, "group-directories-first") || !strcmp(g.lname, "full-time")) break;
            return bad(sh, "ls", &g);
        default: return bad(sh, "ls", &g);
        }
    }
    char *dot[] = {".", NULL};
    char **ops = g.nops ? g.ops : dot;
    int nops = g.nops ? g.nops : 1;
    int st = 0;
    Ent *files = xmalloc(sizeof(Ent) * (size_t)nops);
    Ent *dirs = xmalloc(sizeof(Ent) * (size_t)nops);
    int nf = 0, nd = 0;
    for (int i = 0; i < nops; i++) {
        struct stat s;
        if (xstat(sh, ops[i], &s, 0) != 0) {
            errf(sh, "ls: cannot access '%s': %s\n", ops[i], strerror(errno));
            st = 2;
            continue;
        }
        if (S_ISLNK(s.st_mode) && !LO.l && !LO.d) { struct stat t; if (xstat(sh, ops[i], &t, 1) == 0) s = t; }
        Ent e = {xstrdup(ops[i]), xstrdup(ops[i]), s, 1};
        if (S_ISDIR(s.st_mode) && !LO.d) dirs[nd++] = e; else files[nf++] = e;
    }
    if (nf) ls_entries(sh, files, nf, 0);
    if (!LO.U) qsort(dirs, (size_t)nd, sizeof(Ent), ent_cmp);
    int first = nf == 0;
    for (int i = 0; i < nd; i++) {
        if (sh_tick(sh)) break;
        st |= ls_dir(sh, dirs[i].path, nops > 1 || LO.R || st, &first);
    }
    for (int i = 0; i < nf; i++) { free(files[i].name); free(files[i].path); }
    for (int i = 0; i < nd; i++) { free(dirs[i].name); free(dirs[i].path); }
    free(files); free(dirs);
    go_free(&g);
    return st;
}

/* ---- mkdir / rmdir / rm ---------------------------------------------------- */
static int mkdir_p(Sh *sh, const char *path, int verbose)
{
    char *ap = sh_abs(sh, path);
    for (char *p = ap + 1;; p++) {
        if (*p == '/' || !*p) {
            char save = *p;
            *p = 0;
            struct stat st;
            if (stat(ap, &st) != 0) {
                if (mkdir(ap, 0755) != 0 && errno != EEXIST) {
                    errf(sh, "mkdir: cannot create directory '%s': %s\n", path, strerror(errno));
                    free(ap);
                    return 1;
                }
                if (verbose) outf(sh, "mkdir: created directory '%s'\n", ap);
            } else if (!S_ISDIR(st.st_mode)) {
                errf(sh, "mkdir: cannot create directory '%s': File exists\n", path);
                free(ap);
                return 1;
            }
            *p = save;
            if (!save) break;
        }
    }
    free(ap);
    return 0;
}

int u_mkdir(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, p = 0, v = 0, st = 0;
    while ((c = go_next(&g, "pvm:")) != -1) {
        if (c == 'p') p = 1;
        else if (c == 'v') v = 1;
        else if (c == 'm') ;
        else if (c == 'L' && !strcmp(g.lname, "parents")) p = 1;
        else return bad(sh, "mkdir", &g);
    }
    if (!g.nops) { errf(sh, "mkdir: missing operand\nTry 'mkdir --help' for more information.\n"); go_free(&g); return 1; }
    for (int i = 0; i < g.nops; i++) {
        if (p) { st |= mkdir_p(sh, g.ops[i], v); continue; }
        if (mkdir(P(sh, g.ops[i]), 0755) != 0) {
            errf(sh, "mkdir: cannot create directory '%s': %s\n", g.ops[i], strerror(errno));
            st = 1;
        } else if (v) outf(sh, "mkdir: created directory '%s'\n", g.ops[i]);
    }
    go_free(&g);
    return st;
}

int u_rmdir(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, st = 0, p = 0;
    while ((c = go_next(&g, "pv")) != -1) { if (c == 'p') p = 1; else if (c != 'v') return bad(sh, "rmdir", &g); }
    if (!g.nops) { errf(sh, "rmdir: missing operand\nTry 'rmdir --help' for more information.\n"); go_free(&g); return 1; }
    for (int i = 0; i < g.nops; i++) {
        if (rmdir(P(sh, g.ops[i])) != 0) {
            errf(sh, "rmdir: failed to remove '%s': %s\n", g.ops[i], strerror(errno));
            st = 1;
            continue;
        }
        if (p) {
            char *d = xstrdup(g.ops[i]);
            char *s;
            while ((s = strrchr(d, '/')) && s != d) { *s = 0; if (rmdir(P(sh, d)) != 0) break; }
            free(d);
        }
    }
    go_free(&g);
    return st;
}

static int rm_tree(Sh *sh, const char *path, int verbose)
{
    struct stat st;
    if (lstat(P(sh, path), &st) != 0) return -1;
    if (S_ISDIR(st.st_mode)) {
        char **names;
        int n;
        int r = 0;
        if (list_dir(sh, path, &names, &n) == 0) {
            for (int i = 0; i < n; i++) {
                char *ch = path_join(path, names[i]);
                if (rm_tree(sh, ch, verbose) < 0) r = -1;
                free(ch);
                free(names[i]);
            }
            free(names);
        }
        if (rmdir(P(sh, path)) != 0) { errf(sh, "rm: cannot remove '%s': %s\n", path, strerror(errno)); return -1; }
        if (verbose) outf(sh, "removed directory '%s'\n", path);
        return r;
    }
    if (unlink(P(sh, path)) != 0) { errf(sh, "rm: cannot remove '%s': %s\n", path, strerror(errno)); return -1; }
    if (verbose) outf(sh, "removed '%s'\n", path);
    return 0;
}

int u_rm(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, r = 0, f = 0, d = 0, v = 0, st = 0;
    while ((c = go_next(&g, "rRfdvI")) != -1) {
        if (c == 'r' || c == 'R') r = 1;
        else if (c == 'f') f = 1;
        else if (c == 'd') d = 1;
        else if (c == 'v') v = 1;
        else if (c == 'I') ;
        else if (c == 'L' && !strcmp(g.lname, "recursive")) r = 1;
        else if (c == 'L' && !strcmp(g.lname, "force")) f = 1;
        else return bad(sh, "rm", &g);
    }
    if (!g.nops && !f) { errf(sh, "rm: missing operand\nTry 'rm --help' for more information.\n"); go_free(&g); return 1; }
    for (int i = 0; i < g.nops; i++) {
        const char *p = g.ops[i];
        struct stat s;
        if (lstat(P(sh, p), &s) != 0) {
            if (!f) { errf(sh, "rm: cannot remove '%s': %s\n", p, strerror(errno)); st = 1; }
            continue;
        }
        const char *ap = P(sh, p);
        if (!strcmp(ap, "/") || !strcmp(p, ".") || !strcmp(p, "..")) {
            errf(sh, "rm: refusing to remove '.' or '..' directory: skipping '%s'\n", p);
            st = 1;
            continue;
        }
        if (S_ISDIR(s.st_mode)) {
            if (!r && !d) { errf(sh, "rm: cannot remove '%s': Is a directory\n", p); st = 1; continue; }
            if (!r) { if (rmdir(ap) != 0) { errf(sh, "rm: cannot remove '%s': %s\n", p, strerror(errno)); st = 1; } continue; }
            if (rm_tree(sh, p, v) < 0) st = 1;
            continue;
        }
        if (unlink(ap) != 0) { errf(sh, "rm: cannot remove '%s': %s\n", p, strerror(errno)); st = 1; }
        else if (v) outf(sh, "removed '%s'\n", p);
    }
    go_free(&g);
    return st;
}

/* ---- cp / mv ------------------------------------------------------------- */
static int copy_file(Sh *sh, const char *src, const char *dst, int keep_time)
{
    int in = open(P(sh, src), O_RDONLY);
    if (in < 0) { errf(sh, "cp: cannot stat '%s': %s\n", src, strerror(errno)); return 1; }
    int out = open(P(sh, dst), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) { errf(sh, "cp: cannot create regular file '%s': %s\n", dst, strerror(errno)); close(in); return 1; }
    char *buf = xmalloc(65536);
    ssize_t k;
    int st = 0;
    while ((k = read(in, buf, 65536)) > 0) {
        ssize_t off = 0;
        while (off < k) { ssize_t w = write(out, buf + off, (size_t)(k - off)); if (w <= 0) { st = 1; break; } off += w; }
        if (st) break;
    }
    if (k < 0) st = 1;
    free(buf);
    if (keep_time) {
        struct stat s;
        if (fstat(in, &s) == 0) { struct timespec ts[2] = {s.st_atim, s.st_mtim}; futimens(out, ts); }
    }
    close(in);
    close(out);
    if (st) errf(sh, "cp: error copying '%s' to '%s'\n", src, dst);
    return st;
}

/* GNU's rules for links: -P copies a link as a link, -L copies what it
 * points to, -H follows command-line operands only.  -r/-R/-a default to
 * -P (so a link to a directory, or a loop, is one small entry), without -r
 * operands are followed.  Even under -L a directory that is its own
 * ancestor is refused, and no copy nests deeper than SH_WALK_DEPTH. */
enum { DEREF_NEVER = 0, DEREF_ARGS, DEREF_ALL };
typedef struct CpOpt { int r, keep, deref; Walk walk; } CpOpt;

static int copy_link(Sh *sh, const char *src, const char *dst)
{
    char *tgt = xmalloc(SH_PATH_MAX);
    ssize_t k = readlink(P(sh, src), tgt, SH_PATH_MAX - 1);
    if (k < 0) { errf(sh, "cp: cannot read symbolic link '%s': %s\n", src, strerror(errno)); free(tgt); return 1; }
    tgt[k] = 0;
    int r = symlink(tgt, P(sh, dst));
    if (r != 0 && errno == EEXIST) {
        /* GNU replaces a non-directory destination */
        struct stat d;
        if (lstat(P(sh, dst), &d) == 0 && !S_ISDIR(d.st_mode) && unlink(P(sh, dst)) == 0) r = symlink(tgt, P(sh, dst));
        else errno = EEXIST;
    }
    free(tgt);
    if (r != 0) { errf(sh, "cp: cannot create symbolic link '%s': %s\n", dst, strerror(errno)); return 1; }
    return 0;
}

static int copy_tree(Sh *sh, const char *src, const char *dst, CpOpt *o, int top)
{
    struct stat s;
    int follow = o->deref == DEREF_ALL || (top && (o->deref == DEREF_ARGS || trailing_slash(src)));
    if (lstat(P(sh, src), &s) != 0) { errf(sh, "cp: cannot stat '%s': %s\n", src, strerror(errno)); return 1; }
    int is_link = S_ISLNK(s.st_mode);
    if (is_link && !follow) return copy_link(sh, src, dst);
    if (is_link && stat(P(sh, src), &s) != 0) { errf(sh, "cp: cannot stat '%s': %s\n", src, strerror(errno)); return 1; }
    if (!S_ISDIR(s.st_mode)) return copy_file(sh, src, dst, o->keep);
    if (!o->r) { errf(sh, "cp: -r not specified; omitting directory '%s'\n", src); return 1; }
    char *as = sh_abs(sh, src), *ad = sh_abs(sh, dst);
    size_t la = strlen(as);
    int inside = !strncmp(ad, as, la) && (ad[la] == '/' || !ad[la]);
    free(as);
    free(ad);
    if (inside) { errf(sh, "cp: cannot copy a directory, '%s', into itself, '%s'\n", src, dst); return 1; }
    int w = walk_enter(&o->walk, &s);
    if (w == WALK_CYCLE) { errf(sh, "cp: cannot copy cyclic symbolic link '%s'\n", src); return 1; }
    if (w == WALK_DEEP) { errf(sh, "cp: '%s': directories nested deeper than %d levels; not copied\n", src, SH_WALK_DEPTH); return 1; }
    struct stat d;
    if (stat(P(sh, dst), &d) != 0 && mkdir(P(sh, dst), 0755) != 0) {
        errf(sh, "cp: cannot create directory '%s': %s\n", dst, strerror(errno));
        walk_leave(&o->walk);
        return 1;
    }
    char **names;
    int n, st = 0;
    if (list_dir(sh, src, &names, &n) < 0) { walk_leave(&o->walk); return 1; }
    for (int i = 0; i < n; i++) {
        if (!sh_tick(sh)) {
            char *a = path_join(src, names[i]), *b = path_join(dst, names[i]);
            st |= copy_tree(sh, a, b, o, 0);
            free(a); free(b);
        }
        free(names[i]);
    }
    free(names);
    walk_leave(&o->walk);
    if (o->keep) { struct timespec ts[2] = {s.st_atim, s.st_mtim}; utimensat(AT_FDCWD, P(sh, dst), ts, 0); }
    return st;
}

static const char *base_of(const char *p)
{
    static char buf[SH_PATH_MAX];
    snprintf(buf, sizeof buf, "%s", p);
    size_t l = strlen(buf);
    while (l > 1 && buf[l - 1] == '/') buf[--l] = 0;
    const char *s = strrchr(buf, '/');
    return s ? s + 1 : buf;
}

static int cpmv(Sh *sh, int argc, char **argv, int mv)
{
    const char *cmd = mv ? "mv" : "cp";
    GO g;
    go_init(&g, argc, argv);
    int c, r = 0, keep = 0, noclob = 0, verbose = 0, st = 0, tdir = 0, deref = -1;
    const char *target = NULL;
    while ((c = go_next(&g, "rRapfinvuTt:dlsLPH")) != -1) {
        if (c == 'r' || c == 'R') r = 1;
        else if (c == 'a') { r = 1; keep = 1; deref = DEREF_NEVER; }
        else if (c == 'd' || c == 'P') deref = DEREF_NEVER;
        else if (c == 'H') deref = DEREF_ARGS;
        else if (c == 'L' && !g.lname) deref = DEREF_ALL;
        else if (c == 'p') keep = 1;
        else if (c == 'n') noclob = 1;
        else if (c == 'v') verbose = 1;
        else if (c == 'T') tdir = -1;
        else if (c == 't') target = g.arg;
        else if (c == 'L') {
            if (!strcmp(g.lname, "recursive")) r = 1;
            else if (!strcmp(g.lname, "archive")) { r = keep = 1; deref = DEREF_NEVER; }
            else if (!strcmp(g.lname, "dereference")) deref = DEREF_ALL;
            else if (!strcmp(g.lname, "no-dereference")) deref = DEREF_NEVER;
            else if (!strcmp(g.lname, "no-clobber")) noclob = 1;
            else if (!strncmp(g.lname, "preserve", 8) || !strcmp(g.lname, "force")) keep = keep || g.lname[0] == 'p';
            else return bad(sh, cmd, &g);
        }
        else if (strchr("fiuls", c)) ;
        else return bad(sh, cmd, &g);
    }
    int nsrc = g.nops;
    if (!target) {
        if (g.nops < 2) {
            if (!g.nops) errf(sh, "%s: missing file operand\n", cmd);
            else errf(sh, "%s: missing destination file operand after '%s'\n", cmd, g.ops[0]);
            errf(sh, "Try '%s --help' for more information.\n", cmd);
            go_free(&g);
            return 1;
        }
        target = g.ops[--nsrc];
    }
    struct stat ts;
    int tisdir = tdir >= 0 && stat(P(sh, target), &ts) == 0 && S_ISDIR(ts.st_mode);
    if (nsrc > 1 && !tisdir) { errf(sh, "%s: target '%s' is not a directory\n", cmd, target); go_free(&g); return 1; }
    CpOpt *co = mv ? NULL : xmalloc(sizeof *co);
    if (co) {
        co->r = r;
        co->keep = keep;
        co->deref = deref >= 0 ? deref : r ? DEREF_NEVER : DEREF_ALL;
        co->walk.n = 0;
    }
    for (int i = 0; i < nsrc; i++) {
        const char *src = g.ops[i];
        char *dst = tisdir ? path_join(target, base_of(src)) : xstrdup(target);
        struct stat s, d;
        int follow = co && co->deref != DEREF_NEVER;
        if ((follow ? stat : lstat)(P(sh, src), &s) != 0) {
            errf(sh, "%s: cannot stat '%s': %s\n", cmd, src, strerror(errno));
            st = 1;
            free(dst);
            continue;
        }
        int dexists = lstat(P(sh, dst), &d) == 0;
        if (dexists && noclob) { free(dst); continue; }
        if (dexists && follow && S_ISLNK(d.st_mode)) { struct stat t; if (stat(P(sh, dst), &t) == 0) d = t; }
        if (dexists && d.st_ino == s.st_ino && d.st_dev == s.st_dev && !S_ISDIR(s.st_mode)) {
            errf(sh, "%s: '%s' and '%s' are the same file\n", cmd, src, dst);
            st = 1;
            free(dst);
            continue;
        }
        if (mv) {
            if (dexists && S_ISDIR(d.st_mode) && !S_ISDIR(s.st_mode)) { errf(sh, "mv: cannot overwrite directory '%s' with non-directory\n", dst); st = 1; free(dst); continue; }
            if (rename(P(sh, src), P(sh, dst)) != 0) {
                errf(sh, "mv: cannot move '%s' to '%s': %s\n", src, dst, strerror(errno));
                st = 1;
            } else if (verbose) outf(sh, "renamed '%s' -> '%s'\n", src, dst);
        } else {
            int k = copy_tree(sh, src, dst, co, 1);
            st |= k;
            if (verbose && !(k && S_ISDIR(s.st_mode) && !r)) outf(sh, "'%s' -> '%s'\n", src, dst);
        }
        free(dst);
    }
    free(co);
    go_free(&g);
    return st;
}
int u_cp(Sh *sh, int argc, char **argv) { return cpmv(sh, argc, argv, 0); }
int u_mv(Sh *sh, int argc, char **argv) { return cpmv(sh, argc, argv, 1); }

/* ---- touch / ln / stat ----------------------------------------------------- */
static int parse_date(const char *s, time_t *t);

int u_touch(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, nocreate = 0, st = 0, have = 0;
    struct timespec ts[2];
    while ((c = go_next(&g, "acmd:r:t:h")) != -1) {
        if (c == 'c') nocreate = 1;
        else if (c == 'd') {
            time_t t;
            if (parse_date(g.arg, &t) < 0) { errf(sh, "touch: invalid date format '%s'\n", g.arg); go_free(&g); return 1; }
            ts[0].tv_sec = ts[1].tv_sec = t; ts[0].tv_nsec = ts[1].tv_nsec = 0; have = 1;
        } else if (c == 'r') {
            struct stat s;
            if (stat(P(sh, g.arg), &s) != 0) { errf(sh, "touch: failed to get attributes of '%s': %s\n", g.arg, strerror(errno)); go_free(&g); return 1; }
            ts[0] = s.st_atim; ts[1] = s.st_mtim; have = 1;
        } else if (c == 't') {
            /* [[CC]YY]MMDDhhmm[.ss] */
            struct tm tm;
            memset(&tm, 0, sizeof tm);
            const char *a = g.arg;
            char d[16] = {0};
            size_t l = strcspn(a, ".");
            if (l == 12) { sscanf(a, "%4d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min); tm.tm_year -= 1900; }
            else if (l == 10) { sscanf(a, "%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min); if (tm.tm_year < 69) tm.tm_year += 100; }
            else if (l == 8) { time_t now = time(NULL); struct tm n; gmtime_r(&now, &n); tm.tm_year = n.tm_year; sscanf(a, "%2d%2d%2d%2d", &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min); }
            else { errf(sh, "touch: invalid date format '%s'\n", a); go_free(&g); return 1; }
            if (a[l] == '.') tm.tm_sec = atoi(a + l + 1);
            (void)d;
            tm.tm_mon -= 1;
            ts[0].tv_sec = ts[1].tv_sec = timegm(&tm); ts[0].tv_nsec = ts[1].tv_nsec = 0; have = 1;
        } else if (c != 'a' && c != 'm' && c != 'h') return bad(sh, "touch", &g);
    }
    if (!g.nops) { errf(sh, "touch: missing file operand\nTry 'touch --help' for more information.\n"); go_free(&g); return 1; }
    for (int i = 0; i < g.nops; i++) {
        const char *ap = P(sh, g.ops[i]);
        struct stat s;
        if (stat(ap, &s) != 0) {
            if (nocreate) continue;
            int fd = open(ap, O_WRONLY | O_CREAT, 0644);
            if (fd < 0) { errf(sh, "touch: cannot touch '%s': %s\n", g.ops[i], strerror(errno)); st = 1; continue; }
            close(fd);
        }
        if (!have) {
            /* explicit "now": this wasi-libc turns a NULL times into 0 */
            clock_gettime(CLOCK_REALTIME, &ts[0]);
            ts[1] = ts[0];
        }
        if (utimensat(AT_FDCWD, ap, ts, 0) != 0) {
            errf(sh, "touch: setting times of '%s': %s\n", g.ops[i], strerror(errno));
            st = 1;
        }
    }
    go_free(&g);
    return st;
}

int u_ln(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, sym = 0, force = 0, st = 0;
    while ((c = go_next(&g, "sfnvrT")) != -1) {
        if (c == 's') sym = 1;
        else if (c == 'f') force = 1;
        else if (!strchr("nvrT", c)) return bad(sh, "ln", &g);
    }
    if (g.nops < 1) { errf(sh, "ln: missing file operand\n"); go_free(&g); return 1; }
    const char *tgt = g.ops[0];
    char *link = g.nops >= 2 ? xstrdup(g.ops[g.nops - 1]) : xstrdup(base_of(tgt));
    struct stat s;
    if (g.nops >= 2 && stat(P(sh, link), &s) == 0 && S_ISDIR(s.st_mode)) {
        char *l2 = path_join(link, base_of(tgt));
        free(link);
        link = l2;
    }
    if (force) unlink(P(sh, link));
    int r = sym ? symlink(tgt, P(sh, link)) : link_at(sh, tgt, link);
    if (r != 0) {
        errf(sh, "ln: failed to create %slink '%s'%s%s: %s\n", sym ? "symbolic " : "hard ", link, sym ? " -> " : " => ", tgt, strerror(errno));
        st = 1;
    }
    free(link);
    go_free(&g);
    return st;
}

int link_at(Sh *sh, const char *a, const char *b)
{
    char *x = sh_abs(sh, a);
    int r = link(x, P(sh, b));
    free(x);
    return r;
}

static const char *ftype(const struct stat *s)
{
    if (S_ISREG(s->st_mode)) return s->st_size ? "regular file" : "regular empty file";
    if (S_ISDIR(s->st_mode)) return "directory";
    if (S_ISLNK(s->st_mode)) return "symbolic link";
    if (S_ISCHR(s->st_mode)) return "character special file";
    if (S_ISBLK(s->st_mode)) return "block special file";
    if (S_ISFIFO(s->st_mode)) return "fifo";
    return "socket";
}

static void fmt_time(time_t t, long ns, char *o, size_t n)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    char b[64];
    strftime(b, sizeof b, "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(o, n, "%s.%09ld +0000", b, ns);
}

int u_stat(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, st = 0, follow = 0;
    const char *fmt = NULL;
    while ((c = go_next(&g, "c:Lt")) != -1) {
        if (c == 'c') fmt = g.arg;
        else if (c == 'L') {
            if (!g.lname) { follow = 1; continue; }
            static const char *const wv[] = {"format", "printf", NULL};
            if (go_long_arg(&g, wv)) fmt = g.arg;
            else return bad(sh, "stat", &g);
        } else if (c != 't') return bad(sh, "stat", &g);
    }
    if (!g.nops) { errf(sh, "stat: missing operand\nTry 'stat --help' for more information.\n"); go_free(&g); return 1; }
    for (int i = 0; i < g.nops; i++) {
        struct stat s;
        if (xstat(sh, g.ops[i], &s, follow) != 0) {
            errf(sh, "stat: cannot statx '%s': %s\n", g.ops[i], strerror(errno));
            st = 1;
            continue;
        }
        if (fmt) {
            tbuf o = {0};
            for (const char *p = fmt; *p; p++) {
                if (*p == '\\' && p[1] == 'n') { tbuf_puts(&o, "\n"); p++; continue; }
                if (*p == '\\' && p[1] == 't') { tbuf_puts(&o, "\t"); p++; continue; }
                if (*p != '%' || !p[1]) { tbuf_put(&o, p, 1); continue; }
                p++;
                char m[16], tb[64];
                switch (*p) {
                case 'n': tbuf_puts(&o, g.ops[i]); break;
                case 'N': tbuf_printf(&o, "'%s'", g.ops[i]); break;
                case 's': tbuf_printf(&o, "%lld", (long long)s.st_size); break;
                case 'F': tbuf_puts(&o, ftype(&s)); break;
                case 'a': tbuf_printf(&o, "%o", mode_bits(sh, g.ops[i], &s)); break;
                case 'A': mode_str(sh, g.ops[i], &s, m); tbuf_puts(&o, m); break;
                case 'Y': tbuf_printf(&o, "%lld", (long long)s.st_mtim.tv_sec); break;
                case 'X': tbuf_printf(&o, "%lld", (long long)s.st_atim.tv_sec); break;
                case 'y': fmt_time(s.st_mtim.tv_sec, s.st_mtim.tv_nsec, tb, sizeof tb); tbuf_puts(&o, tb); break;
                case 'x': fmt_time(s.st_atim.tv_sec, s.st_atim.tv_nsec, tb, sizeof tb); tbuf_puts(&o, tb); break;
                case 'h': tbuf_printf(&o, "%lu", (unsigned long)s.st_nlink); break;
                case 'i': tbuf_printf(&o, "%llu", (unsigned long long)s.st_ino); break;
                case 'b': tbuf_printf(&o, "%lld", blocks_1k(&s) * 2); break;
                case 'U': case 'G': tbuf_puts(&o, "user"); break;
                case 'u': case 'g': tbuf_puts(&o, "1000"); break;
                case '%': tbuf_puts(&o, "%"); break;
                default: tbuf_put(&o, "%", 1); tbuf_put(&o, p, 1);
                }
            }
            tbuf_puts(&o, "\n");
            sh_out(sh, 1, o.p, o.len);
            tbuf_free(&o);
            continue;
        }
        char m[16], t1[64], t2[64];
        mode_str(sh, g.ops[i], &s, m);
        fmt_time(s.st_atim.tv_sec, s.st_atim.tv_nsec, t1, sizeof t1);
        fmt_time(s.st_mtim.tv_sec, s.st_mtim.tv_nsec, t2, sizeof t2);
        outf(sh, "  File: %s\n  Size: %-15lld Blocks: %-10lld IO Block: 4096   %s\nDevice: %llxh/%llud\tInode: %-11llu Links: %lu\nAccess: (%04o/%s)  Uid: ( 1000/    user)   Gid: ( 1000/    user)\nAccess: %s\nModify: %s\nChange: %s\n Birth: -\n",
             g.ops[i], (long long)s.st_size, blocks_1k(&s) * 2, ftype(&s), (unsigned long long)s.st_dev, (unsigned long long)s.st_dev,
             (unsigned long long)s.st_ino, (unsigned long)s.st_nlink, mode_bits(sh, g.ops[i], &s), m, t1, t2, t2);
    }
    go_free(&g);
    return st;
}

/* ---- du / df ---------------------------------------------------------------- */
/* -P (default) counts a link as itself; -L follows every link, -H/-D the
 * operands only.  Following, a directory that is its own ancestor counts
 * once (GNU counts each directory once), and nesting is capped. */
typedef struct DuOpt {
    int s, h, a, b, c; long long maxd; int follow, err; Walk walk;
    /* (dev, ino) counted already: as GNU, a file with several names (or,
     * under -L, any file or directory reached twice) counts once */
    unsigned long long *seen; size_t nseen, capseen;
} DuOpt;

/* 1 when (dev, ino) was seen before, else remembers it (open addressing). */
static int du_seen(DuOpt *o, const struct stat *st)
{
    unsigned long long key = (unsigned long long)st->st_ino * 1000003ull ^ (unsigned long long)st->st_dev;
    if (key == 0) key = 1;
    if (2 * (o->nseen + 1) > o->capseen) {
        size_t ncap = o->capseen ? 2 * o->capseen : 1024;
        unsigned long long *n = xmalloc(ncap * 2 * sizeof *n);
        memset(n, 0, ncap * 2 * sizeof *n);
        for (size_t i = 0; i < o->capseen; i++) {
            if (!o->seen[2 * i]) continue;
            size_t j = (size_t)(o->seen[2 * i] % ncap);
            while (n[2 * j]) j = (j + 1) % ncap;
            n[2 * j] = o->seen[2 * i];
            n[2 * j + 1] = o->seen[2 * i + 1];
        }
        free(o->seen);
        o->seen = n;
        o->capseen = ncap;
    }
    size_t j = (size_t)(key % o->capseen);
    unsigned long long ino = (unsigned long long)st->st_ino;
    while (o->seen[2 * j]) {
        if (o->seen[2 * j] == key && o->seen[2 * j + 1] == ino) return 1;
        j = (j + 1) % o->capseen;
    }
    o->seen[2 * j] = key;
    o->seen[2 * j + 1] = ino;
    o->nseen++;
    return 0;
}

static void du_print(Sh *sh, DuOpt *o, long long kb, const char *path)
{
    char b[32];
    if (o->h) human(kb * 1024, b, sizeof b);
    else snprintf(b, sizeof b, "%lld", kb);
    outf(sh, "%s\t%s\n", b, path);
}

static long long du_walk(Sh *sh, DuOpt *o, const char *path, int depth)
{
    struct stat s;
    int entered = 0;
    if (lstat(P(sh, path), &s) != 0) { if (strcmp(P(sh, path), "/")) { errf(sh, "du: cannot access '%s': %s\n", path, strerror(errno)); o->err = 1; return 0; } s.st_mode = S_IFDIR; s.st_size = 0; }
    if (S_ISLNK(s.st_mode) && (o->follow == 2 || (depth == 0 && (o->follow == 1 || trailing_slash(path)))) && stat(P(sh, path), &s) != 0) {
        errf(sh, "du: cannot access '%s': %s\n", path, strerror(errno));
        o->err = 1;
        return 0;
    }
    if ((s.st_ino || s.st_dev) && (o->follow == 2 ? !S_ISLNK(s.st_mode) : !S_ISDIR(s.st_mode) && s.st_nlink > 1) && du_seen(o, &s))
        return 0;
    if (S_ISDIR(s.st_mode) && o->follow && (s.st_ino || s.st_dev)) {
        int w = walk_enter(&o->walk, &s);
        if (w == WALK_CYCLE) return 0;
        if (w == WALK_DEEP) {
            errf(sh, "du: '%s': directories nested deeper than %d levels; not descending\n", path, SH_WALK_DEPTH);
            o->err = 1;
            return 0;
        }
        entered = 1;
    }
    long long kb = o->b ? (long long)s.st_size : blocks_1k(&s);
    if (S_ISDIR(s.st_mode)) {
        char **names;
        int n;
        if (list_dir(sh, path, &names, &n) == 0) {
            for (int i = 0; i < n; i++) {
                char *ch = path_join(path, names[i]);
                kb += du_walk(sh, o, ch, depth + 1);
                free(ch);
                free(names[i]);
            }
            free(names);
        }
        if (!o->s && (o->maxd < 0 || depth <= o->maxd)) du_print(sh, o, kb, path);
    } else if (o->a && !o->s && (o->maxd < 0 || depth <= o->maxd)) du_print(sh, o, kb, path);
    if (entered) walk_leave(&o->walk);
    return kb;
}

int u_du(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    DuOpt *op = xmalloc(sizeof *op);   /* the walk stack is 4 KiB: not on the stack */
    memset(op, 0, sizeof *op);
    op->maxd = -1;
    int c;
    while ((c = go_next(&g, "shabckxd:LPHD")) != -1) {
        if (c == 's') op->s = 1;
        else if (c == 'h') op->h = 1;
        else if (c == 'a') op->a = 1;
        else if (c == 'b') op->b = 1;
        else if (c == 'c') op->c = 1;
        else if (c == 'd') op->maxd = atoll(g.arg);
        else if (c == 'k' || c == 'x') ;
        else if (c == 'L' && !g.lname) op->follow = 2;
        else if (c == 'P') op->follow = 0;
        else if (c == 'H' || c == 'D') op->follow = 1;
        else if (c == 'L') {
            static const char *const wv[] = {"max-depth", NULL};
            if (go_long_arg(&g, wv)) op->maxd = atoll(g.arg ? g.arg : "0");
            else if (!strcmp(g.lname, "summarize")) op->s = 1;
            else if (!strcmp(g.lname, "human-readable")) op->h = 1;
            else if (!strcmp(g.lname, "dereference")) op->follow = 2;
            else if (!strcmp(g.lname, "no-dereference")) op->follow = 0;
            else if (!strcmp(g.lname, "dereference-args")) op->follow = 1;
            else { free(op); return bad(sh, "du", &g); }
        } else { free(op); return bad(sh, "du", &g); }
    }
    char *dot[] = {".", NULL};
    char **ops = g.nops ? g.ops : dot;
    int nops = g.nops ? g.nops : 1;
    long long total = 0;
    for (int i = 0; i < nops; i++) {
        long long kb = du_walk(sh, op, ops[i], 0);
        struct stat s;
        int there = xstat(sh, ops[i], &s, op->follow != 0 || trailing_slash(ops[i])) == 0, isdir = there && S_ISDIR(s.st_mode);
        if (there && (op->s || (!isdir && !op->a))) du_print(sh, op, kb, ops[i]);
        total += kb;
    }
    if (op->c) du_print(sh, op, total, "total");
    go_free(&g);
    int st = op->err;
    free(op->seen);
    free(op);
    return st;
}

int u_chmod(Sh *sh, int argc, char **argv)
{
    /* WASI has no permission bits: check the files exist and succeed */
    int st = 0, seen_mode = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] && !seen_mode) continue;
        if (!seen_mode) { seen_mode = 1; continue; }
        struct stat s;
        if (xstat(sh, argv[i], &s, 1) != 0) { errf(sh, "chmod: cannot access '%s': %s\n", argv[i], strerror(errno)); st = 1; }
    }
    if (!seen_mode) { errf(sh, "chmod: missing operand\n"); return 1; }
    return st;
}

int u_df(Sh *sh, int argc, char **argv)
{
    (void)argc; (void)argv;
    errf(sh, "df: not supported inside the sandbox (no filesystem statistics in WASI)\n");
    return 1;
}

/* ---- names ------------------------------------------------------------------ */
int u_realpath(Sh *sh, int argc, char **argv)
{
    int st = 0, e = 0, rel = 0;
    const char *relto = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-e")) { e = 1; continue; }
        if (!strcmp(argv[i], "-m") || !strcmp(argv[i], "-s") || !strcmp(argv[i], "-q")) continue;
        if (!strncmp(argv[i], "--relative-to=", 14)) { relto = argv[i] + 14; rel = 1; continue; }
        char *ap = sh_abs(sh, argv[i]);
        struct stat s;
        /* resolve symlinks one level at a time */
        for (int hop = 0; hop < 40 && lstat(ap, &s) == 0 && S_ISLNK(s.st_mode); hop++) {
            char t[SH_PATH_MAX];
            ssize_t k = readlink(ap, t, sizeof t - 1);
            if (k < 0) break;
            t[k] = 0;
            char *dir = xstrdup(ap);
            *strrchr(dir, '/') = 0;
            char *nx = t[0] == '/' ? xstrdup(t) : path_join(*dir ? dir : "/", t);
            free(dir);
            free(ap);
            Sh tmp = *sh;
            tmp.cwd = "/";
            ap = sh_abs(&tmp, nx);
            free(nx);
        }
        if (e || 1) {
            char *dir = xstrdup(ap);
            char *sl = strrchr(dir, '/');
            if (sl && sl != dir) *sl = 0; else strcpy(dir, "/");
            struct stat d;
            int ok = stat(ap, &s) == 0 || (!e && (stat(dir, &d) == 0 || !strcmp(dir, "/")));
            free(dir);
            if (!ok && strcmp(ap, "/")) { errf(sh, "realpath: %s: No such file or directory\n", argv[i]); st = 1; free(ap); continue; }
        }
        if (rel) {
            char *base = sh_abs(sh, relto);
            size_t bl = strlen(base);
            if (!strncmp(ap, base, bl) && (ap[bl] == '/' || !ap[bl])) outf(sh, "%s\n", ap[bl] ? ap + bl + 1 : ".");
            else outf(sh, "%s\n", ap);
            free(base);
        } else outf(sh, "%s\n", ap);
        free(ap);
    }
    return st;
}

int u_basename(Sh *sh, int argc, char **argv)
{
    int i = 1, multi = 0;
    const char *suf = NULL;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "-a")) multi = 1;
        else if (!strcmp(argv[i], "-s") && i + 1 < argc) { suf = argv[++i]; multi = 1; }
        else if (!strcmp(argv[i], "--")) { i++; break; }
    }
    if (i >= argc) { errf(sh, "basename: missing operand\nTry 'basename --help' for more information.\n"); return 1; }
    if (!multi && i + 1 < argc) suf = argv[i + 1];
    for (int k = i; k < argc; k++) {
        char *b = xstrdup(argv[k]);
        size_t l = strlen(b);
        while (l > 1 && b[l - 1] == '/') b[--l] = 0;
        char *s = strrchr(b, '/');
        char *r = (s && s[1]) ? s + 1 : (s ? s : b);
        size_t rl = strlen(r), sl = suf ? strlen(suf) : 0;
        if (suf && sl < rl && !strcmp(r + rl - sl, suf)) r[rl - sl] = 0;
        outf(sh, "%s\n", r);
        free(b);
        if (!multi) break;
    }
    return 0;
}

int u_dirname(Sh *sh, int argc, char **argv)
{
    if (argc < 2) { errf(sh, "dirname: missing operand\nTry 'dirname --help' for more information.\n"); return 1; }
    for (int k = 1; k < argc; k++) {
        char *b = xstrdup(argv[k]);
        size_t l = strlen(b);
        while (l > 1 && b[l - 1] == '/') b[--l] = 0;
        char *s = strrchr(b, '/');
        if (!s) outs(sh, ".\n");
        else {
            while (s > b && s[-1] == '/') s--;
            if (s == b) outs(sh, "/\n");
            else { *s = 0; outf(sh, "%s\n", b); }
        }
        free(b);
    }
    return 0;
}

int u_readlink(Sh *sh, int argc, char **argv)
{
    int st = 0, f = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') { if (strchr(argv[i], 'f') || strchr(argv[i], 'e') || strchr(argv[i], 'm')) f = 1; continue; }
        if (f) { char *a[] = {"realpath", argv[i], NULL}; st |= u_realpath(sh, 2, a); continue; }
        char t[SH_PATH_MAX];
        ssize_t k = readlink(P(sh, argv[i]), t, sizeof t - 1);
        if (k < 0) { st = 1; continue; }
        t[k] = 0;
        outf(sh, "%s\n", t);
    }
    return st;
}

int u_file(Sh *sh, int argc, char **argv)
{
    int st = 0, brief = 0;
    size_t width = 0;
    for (int i = 1; i < argc; i++) if (!(argv[i][0] == '-' && argv[i][1]) && strlen(argv[i]) > width) width = strlen(argv[i]);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-b")) { brief = 1; continue; }
        if (argv[i][0] == '-' && argv[i][1]) continue;
        struct stat s;
        const char *what;
        tbuf b = {0};
        if (xstat(sh, argv[i], &s, 0) != 0) what = "cannot open (No such file or directory)";
        else if (S_ISDIR(s.st_mode)) what = "directory";
        else if (S_ISLNK(s.st_mode)) what = "symbolic link";
        else if (!s.st_size) what = "empty";
        else {
            Stream *save = sh->fd[2];
            sh->fd[2] = NULL;
            read_input(sh, "file", argv[i], &b);
            sh->fd[2] = save;
            const unsigned char *p = (const unsigned char *)b.p;
            size_t n = b.len;
            int bin = memchr(p, 0, n) != NULL, ascii = 1;
            for (size_t k = 0; k < n; k++) if (p[k] >= 0x80) ascii = 0;
            if (n >= 4 && !memcmp(p, "\x7f" "ELF", 4)) what = "ELF executable";
            else if (n >= 4 && !memcmp(p, "\0asm", 4)) what = "WebAssembly (wasm) binary module";
            else if (n >= 8 && !memcmp(p, "\x89PNG", 4)) what = "PNG image data";
            else if (n >= 3 && !memcmp(p, "\xff\xd8\xff", 3)) what = "JPEG image data";
            else if (n >= 4 && !memcmp(p, "PK\3\4", 4)) what = "Zip archive data";
            else if (n >= 2 && !memcmp(p, "\x1f\x8b", 2)) what = "gzip compressed data";
            else if (n >= 5 && !memcmp(p, "%PDF-", 5)) what = "PDF document";
            else if (bin) what = "data";
            else if (n >= 2 && p[0] == '#' && p[1] == '!') {
                if (strstr(b.p, "python")) what = "Python script, ASCII text executable";
                else if (strstr(b.p, "bash")) what = "Bourne-Again shell script, ASCII text executable";
                else if (strstr(b.p, "sh")) what = "POSIX shell script, ASCII text executable";
                else what = "script, ASCII text executable";
            } else if (n && (p[0] == '{' || p[0] == '[') && (p[n - 1] == '}' || p[n - 1] == ']' || p[n - 1] == '\n')) what = ascii ? "JSON text data" : "JSON text data";
            else what = ascii ? "ASCII text" : "UTF-8 Unicode text";
        }
        if (brief) outf(sh, "%s\n", what);
        else outf(sh, "%s:%*s%s\n", argv[i], (int)(width - strlen(argv[i]) + 1), "", what);
        tbuf_free(&b);
    }
    return st;
}

int u_mktemp(Sh *sh, int argc, char **argv)
{
    int dir = 0;
    const char *tmpl = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-d")) dir = 1;
        else if (argv[i][0] != '-') tmpl = argv[i];
    }
    /* /tmp is not granted: temporary files live in the workspace's .tmp */
    char *t = tmpl ? xstrdup(tmpl) : xstrdup("/workspace/.tmp/tmp.XXXXXXXXXX");
    if (!tmpl) mkdir_p(sh, "/workspace/.tmp", 0);
    static const char al[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int tries = 0; tries < 100; tries++) {
        for (char *p = t + strlen(t); p > t && p[-1] == 'X';) *--p = al[rand() % 62];
        int r = dir ? mkdir(P(sh, t), 0700) : open(P(sh, t), O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (r >= 0) {
            if (!dir) close(r);
            outf(sh, "%s\n", t);
            free(t);
            return 0;
        }
        if (errno != EEXIST) break;
    }
    errf(sh, "mktemp: failed to create %s via template '%s': %s\n", dir ? "directory" : "file", t, strerror(errno));
    free(t);
    return 1;
}

/* ---- dates (also used by date) ---------------------------------------------- */
static int parse_date(const char *s, time_t *t)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (s[0] == '@') { *t = (time_t)atoll(s + 1); return 0; }
    int y, mo, d, h = 0, mi = 0, se = 0;
    int n = sscanf(s, "%d-%d-%d%*[ T]%d:%d:%d", &y, &mo, &d, &h, &mi, &se);
    if (n >= 3) {
        tm.tm_year = y - 1900; tm.tm_mon = mo - 1; tm.tm_mday = d; tm.tm_hour = h; tm.tm_min = mi; tm.tm_sec = se;
        *t = timegm(&tm);
        return 0;
    }
    time_t now = time(NULL);
    if (!strcmp(s, "now") || !strcmp(s, "today")) { *t = now; return 0; }
    if (!strcmp(s, "yesterday")) { *t = now - 86400; return 0; }
    if (!strcmp(s, "tomorrow")) { *t = now + 86400; return 0; }
    long long k;
    char unit[32];
    if (sscanf(s, "%lld %31s", &k, unit) == 2) {
        long long mul = 0;
        if (!strncmp(unit, "sec", 3)) mul = 1;
        else if (!strncmp(unit, "min", 3)) mul = 60;
        else if (!strncmp(unit, "hour", 4)) mul = 3600;
        else if (!strncmp(unit, "day", 3)) mul = 86400;
        else if (!strncmp(unit, "week", 4)) mul = 604800;
        if (mul) {
            if (strstr(s, "ago")) k = -k;
            *t = now + (time_t)(k * mul);
            return 0;
        }
    }
    return -1;
}

int sh_parse_date(const char *s, time_t *t) { return parse_date(s, t); }
