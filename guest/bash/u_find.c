/*
 * guest/bash/u_find.c — find (tests -name -iname -path -type -maxdepth
 * -mindepth -mtime -mmin -newer -size -empty, actions -print -print0 -printf
 * -exec {} \; / + -delete -prune -quit, operators ! -a -o ( )) and xargs.
 * Directories are walked in readdir order, as GNU find does.
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
#include <time.h>
#include <unistd.h>

enum { F_TRUE, F_NAME, F_INAME, F_PATH, F_IPATH, F_TYPE, F_MTIME, F_MMIN, F_NEWER, F_SIZE, F_EMPTY,
       F_PRINT, F_PRINT0, F_PRINTF, F_EXEC, F_EXECPLUS, F_DELETE, F_PRUNE, F_QUIT, F_NOT, F_AND, F_OR,
       F_REGEX, F_FALSE };
typedef struct FE {
    int t;
    struct FE *a, *b;
    char *s;
    char **argv; int argc;
    int cmp; long long n; char unit;
    time_t ref;
    char **batch; int nbatch;
    regex_t re;
} FE;

typedef struct Find {
    Sh *sh;
    FE *root;
    int maxd, mind, depth_first, has_action, quit, st, needs_stat;
    char **args; int nargs, i;
    time_t now;
    FE **execplus; int nexecplus;
    int follow;          /* 0 -P (default), 1 -H (start points), 2 -L */
    Walk walk;           /* directories being visited: -L never loops */
} Find;

static FE *fe(int t) { FE *e = xmalloc(sizeof *e); memset(e, 0, sizeof *e); e->t = t; return e; }

static FE *p_or(Find *f);
static int need(Find *f, const char *opt)
{
    if (f->i >= f->nargs) { errf(f->sh, "find: missing argument to `%s'\n", opt); f->st = 1; return 0; }
    return 1;
}

static int parse_num(const char *s, int *cmp, long long *n, char *unit)
{
    *cmp = 0;
    if (*s == '+') { *cmp = 1; s++; }
    else if (*s == '-') { *cmp = -1; s++; }
    char *e;
    *n = strtoll(s, &e, 10);
    if (e == s) return -1;
    if (unit) { *unit = *e ? *e : 'b'; if (*e && e[1]) return -1; }
    else if (*e) return -1;
    return 0;
}

static FE *p_prim(Find *f)
{
    if (f->i >= f->nargs) return NULL;
    const char *a = f->args[f->i++];
    FE *e;
    if (!strcmp(a, "(")) {
        e = p_or(f);
        if (f->i >= f->nargs || strcmp(f->args[f->i], ")")) { errf(f->sh, "find: invalid expression; I was expecting to find a ')' somewhere but did not see one.\n"); f->st = 1; return e; }
        f->i++;
        return e;
    }
    if (!strcmp(a, "!") || !strcmp(a, "-not")) { e = fe(F_NOT); e->a = p_prim(f); if (!e->a) { errf(f->sh, "find: expected an expression after '%s'\n", a); f->st = 1; } return e; }
    if (!strcmp(a, "-name") || !strcmp(a, "-iname") || !strcmp(a, "-path") || !strcmp(a, "-ipath") || !strcmp(a, "-wholename") || !strcmp(a, "-lname")) {
        if (!need(f, a)) return NULL;
        e = fe(a[1] == 'n' ? F_NAME : a[1] == 'i' ? (a[2] == 'n' ? F_INAME : F_IPATH) : a[1] == 'l' ? F_NAME : F_PATH);
        e->s = f->args[f->i++];
        return e;
    }
    if (!strcmp(a, "-regex") || !strcmp(a, "-iregex")) {
        if (!need(f, a)) return NULL;
        e = fe(F_REGEX);
        char *anch = xasprintf("^(%s)$", f->args[f->i++]);
        if (sh_regcomp(&e->re, anch, 1, a[1] == 'i')) { errf(f->sh, "find: bad regex\n"); f->st = 1; }
        free(anch);
        return e;
    }
    if (!strcmp(a, "-type") || !strcmp(a, "-xtype")) {
        if (!need(f, a)) return NULL;
        e = fe(F_TYPE);
        e->s = f->args[f->i++];
        if (!strchr("fdlpscb", e->s[0])) { errf(f->sh, "find: Unknown argument to -type: %s\n", e->s); f->st = 1; }
        return e;
    }
    if (!strcmp(a, "-maxdepth") || !strcmp(a, "-mindepth")) {
        if (!need(f, a)) return NULL;
        const char *v = f->args[f->i++];
        if (!isdigit((unsigned char)v[0])) { errf(f->sh, "find: Expected a positive decimal integer argument to %s, but got `%s'\n", a, v); f->st = 1; }
        if (a[2] == 'a') f->maxd = atoi(v); else f->mind = atoi(v);
        return fe(F_TRUE);
    }
    if (!strcmp(a, "-mtime") || !strcmp(a, "-mmin") || !strcmp(a, "-size") || !strcmp(a, "-atime") || !strcmp(a, "-ctime") || !strcmp(a, "-cmin") || !strcmp(a, "-amin")) {
        if (!need(f, a)) return NULL;
        e = fe(a[1] == 's' ? F_SIZE : !strcmp(a + 2, "min") ? F_MMIN : F_MTIME);
        f->needs_stat = 1;
        if (parse_num(f->args[f->i++], &e->cmp, &e->n, e->t == F_SIZE ? &e->unit : NULL) < 0) {
            errf(f->sh, "find: invalid argument `%s' to `%s'\n", f->args[f->i - 1], a);
            f->st = 1;
        }
        return e;
    }
    if (!strcmp(a, "-newer")) {
        if (!need(f, a)) return NULL;
        e = fe(F_NEWER);
        f->needs_stat = 1;
        struct stat s;
        const char *r = f->args[f->i++];
        if (stat(P(f->sh, r), &s) != 0) { errf(f->sh, "find: '%s': %s\n", r, strerror(errno)); f->st = 1; }
        else e->ref = s.st_mtim.tv_sec, e->n = s.st_mtim.tv_nsec;
        return e;
    }
    if (!strcmp(a, "-empty")) { f->needs_stat = 1; return fe(F_EMPTY); }
    if (!strcmp(a, "-true")) return fe(F_TRUE);
    if (!strcmp(a, "-false")) return fe(F_FALSE);
    if (!strcmp(a, "-print")) { f->has_action = 1; return fe(F_PRINT); }
    if (!strcmp(a, "-print0")) { f->has_action = 1; return fe(F_PRINT0); }
    if (!strcmp(a, "-printf") || !strcmp(a, "-fprintf")) {
        if (!need(f, a)) return NULL;
        f->has_action = 1;
        e = fe(F_PRINTF);
        e->s = f->args[f->i++];
        f->needs_stat = 1;
        return e;
    }
    if (!strcmp(a, "-delete")) { f->has_action = 1; f->depth_first = 1; return fe(F_DELETE); }
    if (!strcmp(a, "-prune")) return fe(F_PRUNE);
    if (!strcmp(a, "-quit")) return fe(F_QUIT);
    if (!strcmp(a, "-depth") || !strcmp(a, "-d")) { f->depth_first = 1; return fe(F_TRUE); }
    if (!strcmp(a, "-xdev") || !strcmp(a, "-mount") || !strcmp(a, "-follow") || !strcmp(a, "-noleaf") || !strcmp(a, "-nowarn")) return fe(F_TRUE);
    if (!strcmp(a, "-ls")) { f->has_action = 1; f->needs_stat = 1; e = fe(F_PRINTF); e->s = "%p\n"; return e; }
    if (!strcmp(a, "-exec") || !strcmp(a, "-execdir") || !strcmp(a, "-ok")) {
        f->has_action = 1;
        e = fe(F_EXEC);
        int st = f->i;
        while (f->i < f->nargs && strcmp(f->args[f->i], ";") && !(strcmp(f->args[f->i], "+") == 0 && f->i > st && !strcmp(f->args[f->i - 1], "{}"))) f->i++;
        if (f->i >= f->nargs) { errf(f->sh, "find: missing argument to `%s'\n", a); f->st = 1; return e; }
        if (!strcmp(f->args[f->i], "+")) { e->t = F_EXECPLUS; f->execplus = xrealloc(f->execplus, sizeof(FE *) * (size_t)(f->nexecplus + 1)); f->execplus[f->nexecplus++] = e; }
        e->argv = f->args + st;
        e->argc = f->i - st;
        f->i++;
        if (!e->argc) { errf(f->sh, "find: missing argument to `%s'\n", a); f->st = 1; }
        return e;
    }
    errf(f->sh, "find: unknown predicate `%s'\n", a);
    f->st = 1;
    return NULL;
}

static FE *p_and(Find *f)
{
    FE *l = p_prim(f);
    while (l && f->i < f->nargs && !f->st) {
        const char *a = f->args[f->i];
        if (!strcmp(a, "-o") || !strcmp(a, "-or") || !strcmp(a, ")") || !strcmp(a, ",")) break;
        if (!strcmp(a, "-a") || !strcmp(a, "-and")) f->i++;
        FE *r = p_prim(f);
        if (!r) break;
        FE *n = fe(F_AND);
        n->a = l; n->b = r;
        l = n;
    }
    return l;
}

static FE *p_or(Find *f)
{
    FE *l = p_and(f);
    while (l && f->i < f->nargs && (!strcmp(f->args[f->i], "-o") || !strcmp(f->args[f->i], "-or"))) {
        f->i++;
        FE *r = p_and(f);
        if (!r) { errf(f->sh, "find: invalid expression; you have used a binary operator '-o' with nothing after it.\n"); f->st = 1; break; }
        FE *n = fe(F_OR);
        n->a = l; n->b = r;
        l = n;
    }
    return l;
}

static char *subst_braces(const char *arg, const char *path)
{
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    for (const char *p = arg; *p;) {
        if (p[0] == '{' && p[1] == '}') { tbuf_puts(&b, path); p += 2; }
        else tbuf_put(&b, p++, 1);
    }
    return b.p;
}

static int run_exec(Find *f, FE *e, char **paths, int np)
{
    int n = 0;
    char **argv = xmalloc(sizeof(char *) * (size_t)(e->argc + np + 1));
    for (int i = 0; i < e->argc; i++) {
        if (e->t == F_EXECPLUS && !strcmp(e->argv[i], "{}")) { for (int k = 0; k < np; k++) argv[n++] = xstrdup(paths[k]); }
        else argv[n++] = e->t == F_EXECPLUS ? xstrdup(e->argv[i]) : subst_braces(e->argv[i], paths[0]);
    }
    argv[n] = NULL;
    int st = sh_run_argv(f->sh, n, argv);
    argv_free(argv, n);
    if (f->sh->ctl == CTL_EXIT) f->quit = 1;
    return st;
}

static void printf_fmt(Find *f, const char *fmt, const char *path, const struct stat *s, int depth, const char *start)
{
    Sh *sh = f->sh;
    tbuf o = {0};
    for (const char *p = fmt; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            char c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == '0' ? 0 : *p;
            tbuf_put(&o, &c, 1);
            continue;
        }
        if (*p != '%' || !p[1]) { tbuf_put(&o, p, 1); continue; }
        p++;
        /* optional width like %-10s */
        char spec[16] = "%";
        size_t sl = 1;
        while ((*p == '-' || isdigit((unsigned char)*p)) && sl < 10) spec[sl++] = *p++;
        spec[sl] = 0;
        char val[SH_PATH_MAX + 64];
        const char *base = strrchr(path, '/');
        switch (*p) {
        case 'p': snprintf(val, sizeof val, "%s", path); break;
        case 'f': snprintf(val, sizeof val, "%s", base && base[1] ? base + 1 : path); break;
        case 'h': { if (!base) snprintf(val, sizeof val, "."); else snprintf(val, sizeof val, "%.*s", (int)(base - path), path); break; }
        case 'P': { size_t l = strlen(start); const char *r = path + l; while (*r == '/') r++; snprintf(val, sizeof val, "%s", strlen(path) > l ? r : ""); break; }
        case 's': snprintf(val, sizeof val, "%lld", (long long)s->st_size); break;
        case 'd': snprintf(val, sizeof val, "%d", depth); break;
        case 'l': {   /* a link's target, else nothing */
            ssize_t k = S_ISLNK(s->st_mode) ? readlink(P(sh, path), val, sizeof val - 1) : -1;
            val[k > 0 ? k : 0] = 0;
            break;
        }
        case 'y': snprintf(val, sizeof val, "%c", S_ISDIR(s->st_mode) ? 'd' : S_ISLNK(s->st_mode) ? 'l' : 'f'); break;
        case 'm': snprintf(val, sizeof val, "%o", (s->st_mode & 07777) ? (s->st_mode & 07777) : (S_ISDIR(s->st_mode) ? 0755 : 0644)); break;
        case 'T': case 't': {
            char k = p[1] ? *++p : '@';
            if (k == '@') snprintf(val, sizeof val, "%lld.%09ld0", (long long)s->st_mtim.tv_sec, (long)s->st_mtim.tv_nsec);
            else { struct tm tm; time_t t = s->st_mtim.tv_sec; gmtime_r(&t, &tm); char fm[4] = {'%', k, 0}; strftime(val, sizeof val, fm, &tm); }
            break;
        }
        case '%': snprintf(val, sizeof val, "%%"); break;
        default: snprintf(val, sizeof val, "%%%c", *p);
        }
        strcat(spec, "s");
        tbuf_printf(&o, spec, val);
    }
    sh_out(sh, 1, o.p, o.len);
    tbuf_free(&o);
}

static int eval(Find *f, FE *e, const char *path, const char *name, struct stat *s, int depth, int *prune, const char *start)
{
    switch (e->t) {
    case F_TRUE: return 1;
    case F_FALSE: return 0;
    case F_NAME: return fnmatch(e->s, name, 0) == 0;
    case F_INAME: return fnmatch(e->s, name, FNM_CASEFOLD) == 0;
    case F_PATH: return fnmatch(e->s, path, 0) == 0;
    case F_IPATH: return fnmatch(e->s, path, FNM_CASEFOLD) == 0;
    case F_REGEX: return regexec(&e->re, path, 0, NULL, 0) == 0;
    case F_TYPE: {
        char t = e->s[0];
        return (t == 'f' && S_ISREG(s->st_mode)) || (t == 'd' && S_ISDIR(s->st_mode)) || (t == 'l' && S_ISLNK(s->st_mode)) ||
               (t == 'p' && S_ISFIFO(s->st_mode)) || (t == 's' && S_ISSOCK(s->st_mode)) || (t == 'c' && S_ISCHR(s->st_mode)) || (t == 'b' && S_ISBLK(s->st_mode));
    }
    case F_MTIME: case F_MMIN: {
        long long unit = e->t == F_MTIME ? 86400 : 60;
        long long age = (long long)(f->now - s->st_mtim.tv_sec);
        long long v = e->t == F_MTIME ? age / unit : (age + unit - 1) / unit;
        if (age < 0) v = e->t == F_MTIME ? -1 : 0;
        return e->cmp > 0 ? v > e->n : e->cmp < 0 ? v < e->n : v == e->n;
    }
    case F_NEWER:
        return s->st_mtim.tv_sec > e->ref || (s->st_mtim.tv_sec == e->ref && s->st_mtim.tv_nsec > e->n);
    case F_SIZE: {
        long long u = e->unit == 'c' ? 1 : e->unit == 'k' ? 1024 : e->unit == 'M' ? 1048576 : e->unit == 'G' ? 1073741824 : e->unit == 'w' ? 2 : 512;
        long long v = ((long long)s->st_size + u - 1) / u;
        return e->cmp > 0 ? v > e->n : e->cmp < 0 ? v < e->n : v == e->n;
    }
    case F_EMPTY:
        if (S_ISREG(s->st_mode)) return s->st_size == 0;
        if (S_ISDIR(s->st_mode)) {
            char **names;
            int n;
            if (list_dir(f->sh, path, &names, &n) < 0) return 0;
            argv_free(names, n);
            return n == 0;
        }
        return 0;
    case F_PRINT: outf(f->sh, "%s\n", path); return 1;
    case F_PRINT0: sh_out(f->sh, 1, path, strlen(path) + 1); return 1;
    case F_PRINTF: printf_fmt(f, e->s, path, s, depth, start); return 1;
    case F_EXEC: { char *p[] = {(char *)path}; return run_exec(f, e, p, 1) == 0; }
    case F_EXECPLUS:
        e->batch = xrealloc(e->batch, sizeof(char *) * (size_t)(e->nbatch + 1));
        e->batch[e->nbatch++] = xstrdup(path);
        return 1;
    case F_DELETE: {
        const char *ap = P(f->sh, path);
        int r = S_ISDIR(s->st_mode) ? rmdir(ap) : unlink(ap);
        if (r != 0 && strcmp(path, ".")) { errf(f->sh, "find: cannot delete '%s': %s\n", path, strerror(errno)); f->st = 1; return 0; }
        return 1;
    }
    case F_PRUNE: *prune = 1; return 1;
    case F_QUIT: f->quit = 1; return 1;
    case F_NOT: return !eval(f, e->a, path, name, s, depth, prune, start);
    case F_AND: return eval(f, e->a, path, name, s, depth, prune, start) && !f->quit && eval(f, e->b, path, name, s, depth, prune, start);
    case F_OR: return eval(f, e->a, path, name, s, depth, prune, start) || (!f->quit && eval(f, e->b, path, name, s, depth, prune, start));
    }
    return 0;
}

static void visit(Find *f, const char *path, int depth, const char *start, unsigned char dt)
{
    if (f->quit || sh_tick(f->sh)) { f->quit = 1; return; }
    struct stat s;
    int entered = 0;
    if (!f->needs_stat && !f->follow && depth > 0 && (dt == DT_DIR || dt == DT_REG || dt == DT_LNK)) {
        /* the type from readdir is all the expression needs */
        memset(&s, 0, sizeof s);
        s.st_mode = dt == DT_DIR ? S_IFDIR : dt == DT_REG ? S_IFREG : S_IFLNK;
        goto have;
    }
    const char *ap = P(f->sh, path);
    if (lstat(ap, &s) != 0) {
        if (!strcmp(ap, "/")) { memset(&s, 0, sizeof s); s.st_mode = S_IFDIR | 0755; }
        else { errf(f->sh, "find: '%s': %s\n", path, strerror(errno)); f->st = 1; return; }
    }
    if (S_ISLNK(s.st_mode) && (f->follow == 2 || (depth == 0 && (f->follow == 1 || (path[0] && path[strlen(path) - 1] == '/'))))) {
        struct stat t;
        if (stat(ap, &t) == 0) s = t;   /* a dangling link stays a link, as in GNU */
    }
    if (S_ISDIR(s.st_mode) && f->follow && (s.st_ino || s.st_dev)) {
        int w = walk_enter(&f->walk, &s);
        if (w == WALK_CYCLE) {
            errf(f->sh, "find: File system loop detected; '%s' is part of the same file system loop.\n", path);
            f->st = 1;
            return;
        }
        if (w == WALK_DEEP) {
            errf(f->sh, "find: '%s': directories nested deeper than %d levels; not descending\n", path, SH_WALK_DEPTH);
            f->st = 1;
            return;
        }
        entered = 1;
    }
have:;
    const char *name = strrchr(path, '/');
    name = (name && name[1]) ? name + 1 : path;
    char *nm = NULL;
    if (depth == 0) {
        /* the start point's own name: its last component without trailing slashes */
        nm = xstrdup(path);
        size_t l = strlen(nm);
        while (l > 1 && nm[l - 1] == '/') nm[--l] = 0;
        char *sl = strrchr(nm, '/');
        name = sl && sl[1] ? sl + 1 : nm;
    }
    int prune = 0;
    int ok_depth = depth >= f->mind;
    if (!f->depth_first && ok_depth) {
        if (eval(f, f->root, path, name, &s, depth, &prune, start) && !f->has_action) outf(f->sh, "%s\n", path);
    }
    if (S_ISDIR(s.st_mode) && !prune && (f->maxd < 0 || depth < f->maxd) && !f->quit) {
        char **names;
        unsigned char *types;
        int n;
        if (list_dir_t(f->sh, path, &names, &types, &n) < 0) { errf(f->sh, "find: '%s': %s\n", path, strerror(errno)); f->st = 1; }
        else {
            for (int i = 0; i < n; i++) {
                char *ch = path_join(path, names[i]);
                if (!f->quit) visit(f, ch, depth + 1, start, types ? types[i] : 0);
                free(ch);
                free(names[i]);
            }
            free(names);
            free(types);
        }
    }
    if (f->depth_first && ok_depth && !f->quit) {
        if (eval(f, f->root, path, name, &s, depth, &prune, start) && !f->has_action) outf(f->sh, "%s\n", path);
    }
    if (entered) walk_leave(&f->walk);
    free(nm);
}

int u_find(Sh *sh, int argc, char **argv)
{
    Find *fp = xmalloc(sizeof *fp);   /* the walk stack is 4 KiB: not on the stack */
    memset(fp, 0, sizeof *fp);
    fp->sh = sh;
    fp->maxd = -1;
    fp->now = time(NULL);
    int i = 1;
    while (i < argc && (!strcmp(argv[i], "-L") || !strcmp(argv[i], "-P") || !strcmp(argv[i], "-H"))) {
        fp->follow = argv[i][1] == 'L' ? 2 : argv[i][1] == 'H' ? 1 : 0;
        i++;
    }
    int ps = i;
    while (i < argc && argv[i][0] != '-' && strcmp(argv[i], "(") && strcmp(argv[i], "!")) i++;
    int npaths = i - ps;
    fp->args = argv + i;
    fp->nargs = argc - i;
    fp->i = 0;
    fp->root = fp->nargs ? p_or(fp) : NULL;
    if (!fp->st && fp->i < fp->nargs) { errf(sh, "find: paths must precede expression: `%s'\n", fp->args[fp->i]); fp->st = 1; }
    if (fp->st) { free(fp); return 1; }
    if (!fp->root) fp->root = fe(F_TRUE);
    char *dot[] = {".", NULL};
    char **paths = npaths ? argv + ps : dot;
    if (!npaths) npaths = 1;
    for (int k = 0; k < npaths && !fp->quit; k++) visit(fp, paths[k], 0, paths[k], 0);
    for (int k = 0; k < fp->nexecplus; k++) {
        FE *e = fp->execplus[k];
        if (e->nbatch && run_exec(fp, e, e->batch, e->nbatch) != 0) fp->st = 1;
        argv_free(e->batch, e->nbatch);
    }
    free(fp->execplus);
    int st = fp->st;
    free(fp);
    return st;
}

static char *subst_braces_x(const char *arg, const char *repl, const char *val)
{
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    size_t rl = strlen(repl);
    for (const char *p = arg; *p;) {
        if (rl && !strncmp(p, repl, rl)) { tbuf_puts(&b, val); p += rl; }
        else tbuf_put(&b, p++, 1);
    }
    return b.p;
}

/* ---- xargs ------------------------------------------------------------------ */
int u_xargs(Sh *sh, int argc, char **argv)
{
    int i = 1, nul = 0, maxn = 0, noempty = 0, trace = 0, maxl = 0;
    const char *repl = NULL;
    int delim = -1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) { i++; break; }
        if (!strcmp(a, "-0") || !strcmp(a, "--null")) nul = 1;
        else if (!strcmp(a, "-r") || !strcmp(a, "--no-run-if-empty")) noempty = 1;
        else if (!strcmp(a, "-t")) trace = 1;
        else if (!strncmp(a, "-n", 2)) maxn = atoi(a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : "1"));
        else if (!strncmp(a, "-L", 2)) maxl = atoi(a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : "1"));
        else if (!strncmp(a, "-P", 2)) { if (!a[2]) i++; }
        else if (!strncmp(a, "-s", 2)) { if (!a[2]) i++; }
        else if (!strcmp(a, "-I") || !strcmp(a, "-i")) { repl = a[1] == 'i' ? "{}" : (i + 1 < argc ? argv[++i] : "{}"); }
        else if (!strncmp(a, "-I", 2)) repl = a + 2;
        else if (!strncmp(a, "-d", 2)) { const char *d = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : "\n"); delim = d[0] == '\\' && d[1] == 'n' ? '\n' : d[0] == '\\' && d[1] == 't' ? '\t' : d[0]; }
        else if (!strcmp(a, "-x") || !strcmp(a, "-p")) ;
        else { errf(sh, "xargs: invalid option -- '%s'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\n", a + 1); return 1; }
    }
    char *defcmd[] = {"echo"};
    char **cmd = i < argc ? argv + i : defcmd;
    int ncmd = i < argc ? argc - i : 1;
    const char *p;
    size_t n = sh->fd[0] ? st_rest(sh->fd[0], &p) : 0;
    /* tokenize the input; each item remembers its line for -L */
    char **items = NULL;
    int *line = NULL;
    int ni = 0, ln = 0;
    tbuf cur = {0};
    int have = 0;
    #define PUSH() do { items = xrealloc(items, sizeof(char *) * (size_t)(ni + 1)); line = xrealloc(line, sizeof(int) * (size_t)(ni + 1)); \
        tbuf_put(&cur, "", 0); items[ni] = xstrndup(cur.p, cur.len); line[ni++] = ln; cur.len = 0; have = 0; } while (0)
    if (nul || delim >= 0 || repl) {
        int d = nul ? 0 : delim >= 0 ? delim : '\n';
        for (size_t k = 0; k < n; k++) {
            if (p[k] == d) { PUSH(); ln++; continue; }
            tbuf_put(&cur, &p[k], 1);
            have = 1;
        }
        if (have) PUSH();
        if (repl && !nul && delim < 0) {
            /* -I: one line per command, leading blanks stripped */
            for (int k = 0; k < ni; k++) {
                char *s = items[k];
                while (*s == ' ' || *s == '\t') s++;
                memmove(items[k], s, strlen(s) + 1);
            }
            int w = 0;
            for (int k = 0; k < ni; k++) if (items[k][0]) items[w++] = items[k]; else free(items[k]);
            ni = w;
        }
    } else {
        char q = 0;
        for (size_t k = 0; k < n; k++) {
            char c = p[k];
            if (q) {
                if (c == q) q = 0;
                else tbuf_put(&cur, &c, 1);
                continue;
            }
            if (c == '\'' || c == '"') { q = c; have = 1; continue; }
            if (c == '\\' && k + 1 < n) { tbuf_put(&cur, &p[++k], 1); have = 1; continue; }
            if (isspace((unsigned char)c)) { if (have) PUSH(); if (c == '\n') ln++; continue; }
            tbuf_put(&cur, &c, 1);
            have = 1;
        }
        if (q) { errf(sh, "xargs: unmatched %s quote; by default quotes are special to xargs unless you use the -0 option\n", q == '"' ? "double" : "single"); tbuf_free(&cur); argv_free(items, ni); free(line); return 1; }
        if (have) PUSH();
    }
    tbuf_free(&cur);
    int st = 0;
    if (!ni && (noempty || repl)) { free(items); free(line); return 0; }
    int k = 0;
    do {
        int take;
        if (repl) take = 1;
        else if (maxn > 0) take = maxn;
        else if (maxl > 0) { take = 0; int l0 = k < ni ? line[k] : 0; while (k + take < ni && line[k + take] < l0 + maxl) take++; }
        else take = ni;
        if (take > ni - k) take = ni - k;
        int na = 0;
        char **av = xmalloc(sizeof(char *) * (size_t)(ncmd + take + 1));
        for (int c = 0; c < ncmd; c++) av[na++] = repl ? subst_braces_x(cmd[c], repl, take ? items[k] : "") : xstrdup(cmd[c]);
        if (!repl) for (int c = 0; c < take; c++) av[na++] = xstrdup(items[k + c]);
        av[na] = NULL;
        if (trace) { for (int c = 0; c < na; c++) errf(sh, "%s%s", c ? " " : "", av[c]); errf(sh, "\n"); }
        int r = sh_run_argv(sh, na, av);
        argv_free(av, na);
        if (r == 127 || r == 126) { st = r; break; }
        if (r == 255) { st = 124; break; }
        if (r) st = 123;
        k += take;
        if (sh->ctl == CTL_EXIT || sh_tick(sh)) break;
    } while (k < ni);
    argv_free(items, ni);
    free(line);
    return st;
}
