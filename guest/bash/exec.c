/*
 * guest/bash/exec.c — the executor: lists, pipelines (stages run in order
 * through bounded buffers), compound commands, functions, redirections on
 * the virtual fd table, subshells as state snapshots, set -e, the timeout,
 * and command lookup (function, builtin, utility, else 127).
 */
#include "sh.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

double sh_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int sh_tick(Sh *sh)
{
    if (sh->timed_out) return 1;
    if ((++sh->ticks & 63) && sh->ticks > 64) return 0;
    double now = sh_now();
    if (sh->report && now >= sh->report_at) sh_report(sh, now);
    if (sh->deadline > 0 && now > sh->deadline) {
        sh->timed_out = 1;
        sh->ctl = CTL_EXIT;
        sh->status = 124;
        errf(sh, "bash: timed out after %g seconds (raise timeout_seconds)\n", sh->timeout);
        return 1;
    }
    return 0;
}

/* ---- subshell snapshots ------------------------------------------------- */
struct SubState {
    Var *vars; int nvars, capvars;
    Func *funcs; int nfuncs;
    char **pos; int npos;
    char *cwd;
    int errexit, nounset, pipefail, xtrace, noglob, nlocals, loops, funcs_depth;
    Stream *fd[SH_NFD];
};

SubState *sh_sub_enter(Sh *sh)
{
    SubState *s = xmalloc(sizeof *s);
    var_copy_all(sh->vars, sh->nvars, &s->vars, &s->nvars, &s->capvars);
    s->funcs = xmalloc(sizeof(Func) * (size_t)(sh->nfuncs + 1));
    if (sh->nfuncs) memcpy(s->funcs, sh->funcs, sizeof(Func) * (size_t)sh->nfuncs);
    s->nfuncs = sh->nfuncs;
    s->pos = xmalloc(sizeof(char *) * (size_t)(sh->npos + 1));
    for (int i = 0; i < sh->npos; i++) s->pos[i] = xstrdup(sh->pos[i]);
    s->npos = sh->npos;
    s->cwd = xstrdup(sh->cwd);
    s->errexit = sh->errexit; s->nounset = sh->nounset; s->pipefail = sh->pipefail;
    s->xtrace = sh->xtrace; s->noglob = sh->noglob; s->nlocals = sh->nlocals;
    s->loops = sh->loops; s->funcs_depth = sh->funcs_depth;
    memcpy(s->fd, sh->fd, sizeof s->fd);
    return s;
}

void sh_sub_leave(Sh *sh, SubState *s)
{
    var_free_all(sh->vars, sh->nvars);
    sh->vars = s->vars; sh->nvars = s->nvars; sh->capvars = s->capvars;
    free(sh->funcs);
    sh->funcs = s->funcs; sh->nfuncs = s->nfuncs;
    argv_free(sh->pos, sh->npos);
    sh->pos = s->pos; sh->npos = s->npos;
    free(sh->cwd);
    sh->cwd = s->cwd;
    sh->errexit = s->errexit; sh->nounset = s->nounset; sh->pipefail = s->pipefail;
    sh->xtrace = s->xtrace; sh->noglob = s->noglob; sh->nlocals = s->nlocals;
    sh->loops = s->loops; sh->funcs_depth = s->funcs_depth;
    memcpy(sh->fd, s->fd, sizeof s->fd);
    if (!sh->timed_out) sh->ctl = CTL_NONE;
    free(s);
}

void sh_keep_stream(Sh *sh, Stream *s)
{
    sh->kept = xrealloc(sh->kept, sizeof(Stream *) * (size_t)(sh->nkept + 1));
    sh->kept[sh->nkept++] = s;
}

void sh_run_exit_trap(Sh *sh)
{
    if (!sh->exit_trap || sh->timed_out) return;
    char *t = sh->exit_trap;
    sh->exit_trap = NULL;
    int st = sh->status;
    sh->ctl = CTL_NONE;
    sh_run_script(sh, t, sh->lineno);
    sh->status = st;
    free(t);
}

/* ---- redirections ------------------------------------------------------- */
typedef struct RSave { Stream *fd[SH_NFD]; Stream *opened[16]; int nopened; } RSave;

static void rs_open(RSave *rs, Stream *s)
{
    if (rs->nopened < 16) rs->opened[rs->nopened++] = s;
}

/* The errno of the first failed write to a redirected file, else 0. */
static int undo_redirs(Sh *sh, RSave *rs)
{
    int e = 0;
    memcpy(sh->fd, rs->fd, sizeof sh->fd);
    for (int i = rs->nopened; i-- > 0;) { int k = st_close(rs->opened[i]); if (!e) e = k; }
    rs->nopened = 0;
    return e;
}

/* A command whose redirected output could not be written fails, as GNU
 * utilities do ("head: error writing 'standard output': ..."). */
static void write_failed(Sh *sh, const char *who, int e)
{
    if (!e) return;
    errf(sh, "%s: error writing 'standard output': %s\n", who, strerror(e));
    if (sh->status == 0) sh->status = 1;
}

static Stream *open_out(Sh *sh, const char *t, int append)
{
    if (!strcmp(t, "/dev/null")) return st_null();
    if (!strcmp(t, "/dev/stdout")) return NULL;
    int fd = open(P(sh, t), O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0644);
    if (fd < 0) {
        errf(sh, "bash: line %d: %s: %s\n", sh->lineno, t, errno == ENOTCAPABLE ? "Read-only file system (outside the writable grant)" : strerror(errno));
        return NULL;
    }
    return st_file(fd);
}

static int apply_redirs(Sh *sh, Redir *r, RSave *rs)
{
    memcpy(rs->fd, sh->fd, sizeof sh->fd);
    rs->nopened = 0;
    for (; r; r = r->next) {
        if (r->fd < 0 || r->fd >= SH_NFD) continue;
        if (r->op == R_HERE) {
            char *body = r->hquoted ? xstrdup(r->here ? r->here : "") : sh_expand_heredoc(sh, r->here ? r->here : "");
            Stream *s = st_in(body, strlen(body));
            free(body);
            rs_open(rs, s);
            sh->fd[r->fd] = s;
            continue;
        }
        char *t = sh_expand_str(sh, r->word);
        if (sh->experr) { free(t); undo_redirs(sh, rs); return -1; }
        Stream *s = NULL;
        switch (r->op) {
        case R_HERESTR: {
            char *body = xasprintf("%s\n", t);
            s = st_in(body, strlen(body));
            free(body);
            rs_open(rs, s);
            sh->fd[r->fd] = s;
            break;
        }
        case R_IN: case R_RW: {
            if (!strcmp(t, "/dev/null")) s = st_in("", 0);
            else if (!strcmp(t, "/dev/stdin")) { s = NULL; break; }
            else {
                tbuf b = {0};
                int fd = open(P(sh, t), O_RDONLY);
                if (fd < 0 && r->op == R_RW) fd = open(P(sh, t), O_RDWR | O_CREAT, 0644);
                if (fd < 0) {
                    errf(sh, "bash: line %d: %s: %s\n", sh->lineno, t, strerror(errno));
                    free(t);
                    undo_redirs(sh, rs);
                    return -1;
                }
                close(fd);
                if (read_input(sh, "bash", t, &b) < 0) { free(t); undo_redirs(sh, rs); return -1; }
                s = st_in(b.p ? b.p : "", b.len);
                s->regular = 1;
                s->size = (long long)b.len;
                tbuf_free(&b);
            }
            rs_open(rs, s);
            sh->fd[r->fd] = s;
            break;
        }
        case R_OUT: case R_APP: case R_ALL: case R_ALLAPP:
            if (!strcmp(t, "/dev/stderr")) { s = sh->fd[2]; sh->fd[r->fd] = s; if (r->op >= R_ALL) sh->fd[2] = s; break; }
            if (!strcmp(t, "/dev/stdout")) { s = sh->fd[1]; sh->fd[r->fd] = s; if (r->op >= R_ALL) sh->fd[2] = s; break; }
            s = open_out(sh, t, r->op == R_APP || r->op == R_ALLAPP);
            if (!s) { free(t); undo_redirs(sh, rs); return -1; }
            rs_open(rs, s);
            sh->fd[r->fd] = s;
            if (r->op == R_ALL || r->op == R_ALLAPP) sh->fd[2] = s;
            break;
        case R_DUPOUT: case R_DUPIN:
            if (!strcmp(t, "-")) { sh->fd[r->fd] = NULL; break; }
            if (t[0] >= '0' && t[0] <= '9' && !t[1]) { sh->fd[r->fd] = sh->fd[t[0] - '0']; break; }
            if (r->op == R_DUPOUT) {   /* >& file */
                s = open_out(sh, t, 0);
                if (!s) { free(t); undo_redirs(sh, rs); return -1; }
                rs_open(rs, s);
                sh->fd[1] = sh->fd[2] = s;
                break;
            }
            errf(sh, "bash: line %d: %s: ambiguous redirect\n", sh->lineno, t);
            free(t);
            undo_redirs(sh, rs);
            return -1;
        }
        free(t);
    }
    return 0;
}

/* ---- lookup and calls --------------------------------------------------- */
static void errexit_check(Sh *sh)
{
    if (sh->errexit && sh->status != 0 && !sh->in_cond && sh->ctl == CTL_NONE) sh->ctl = CTL_EXIT;
}

static int call_function(Sh *sh, Func *f, int argc, char **argv)
{
    if (sh->funcs_depth >= 200) {
        errf(sh, "bash: line %d: %s: maximum function nesting level exceeded (200)\n", sh->lineno, argv[0]);
        sh->ctl = CTL_EXIT;
        return sh->status = 1;
    }
    char **savepos = sh->pos;
    int savenpos = sh->npos, mark = sh->nlocals, saveloops = sh->loops;
    sh->pos = xmalloc(sizeof(char *) * (size_t)argc);
    for (int i = 1; i < argc; i++) sh->pos[i - 1] = xstrdup(argv[i]);
    sh->npos = argc - 1;
    sh->funcs_depth++;
    sh->loops = 0;
    sh_exec(sh, f->body);
    sh->funcs_depth--;
    sh->loops = saveloops;
    if (sh->ctl == CTL_RETURN) sh->ctl = CTL_NONE;
    argv_free(sh->pos, sh->npos);
    sh->pos = savepos;
    sh->npos = savenpos;
    /* undo `local` */
    while (sh->nlocals > mark) {
        LocalSave *l = &sh->locals[--sh->nlocals];
        var_unset(sh, l->name);
        if (l->existed) {
            Var *v = NULL;
            var_set(sh, l->name, "");
            v = var_find(sh, l->name);
            free(v->val);
            free(v->name);
            *v = l->old;
        }
        free(l->name);
    }
    return sh->status;
}

static int run_script_file(Sh *sh, const char *path, int argc, char **argv)
{
    tbuf b = {0};
    if (read_input(sh, "bash", path, &b) < 0) return 127;
    SubState *ss = sh_sub_enter(sh);
    argv_free(sh->pos, sh->npos);
    sh->pos = xmalloc(sizeof(char *) * (size_t)(argc + 1));
    for (int i = 0; i < argc; i++) sh->pos[i] = xstrdup(argv[i]);
    sh->npos = argc;
    char *save0 = sh->arg0;
    sh->arg0 = (char *)path;
    int st = sh_run_script(sh, b.p ? b.p : "", 1);
    sh->arg0 = save0;
    sh_sub_leave(sh, ss);
    tbuf_free(&b);
    return sh->status = st;
}

int sh_run_argv(Sh *sh, int argc, char **argv)
{
    if (argc <= 0) return 0;
    Func *f = func_find(sh, argv[0]);
    if (f) return call_function(sh, f, argc, argv);
    int special;
    const char *name = argv[0];
    builtin_fn fn = find_builtin(name, &special);
    if (!fn && strchr(name, '/')) {
        struct stat st;
        if (stat(P(sh, name), &st) == 0) {
            if (S_ISDIR(st.st_mode)) { errf(sh, "bash: line %d: %s: Is a directory\n", sh->lineno, name); return sh->status = 126; }
            tbuf b = {0};
            read_input(sh, "bash", name, &b);
            int script = b.len >= 2 && b.p[0] == '#' && b.p[1] == '!' && (strstr(b.p, "sh") != NULL) &&
                         (size_t)(strchr(b.p, '\n') ? strchr(b.p, '\n') - b.p : (long)b.len) > 0;
            if (script) {
                const char *nl = strchr(b.p, '\n');
                char *line1 = xstrndup(b.p, nl ? (size_t)(nl - b.p) : b.len);
                script = strstr(line1, "sh") != NULL && !strstr(line1, "python") && !strstr(line1, "node");
                free(line1);
            }
            tbuf_free(&b);
            if (!sh_is_exec(sh, name, &st)) { errf(sh, "bash: line %d: %s: Permission denied\n", sh->lineno, name); return sh->status = 126; }
            if (script) return run_script_file(sh, name, argc - 1, argv + 1);
            errf(sh, "bash: line %d: %s: cannot execute: only shell scripts run inside the sandbox\n", sh->lineno, name);
            return sh->status = 126;
        }
        const char *base = strrchr(name, '/') + 1;
        if (!strncmp(name, "/bin/", 5) || !strncmp(name, "/usr/bin/", 9) || !strncmp(name, "/usr/local/bin/", 15))
            fn = find_builtin(base, &special);
        if (!fn) { errf(sh, "bash: line %d: %s: No such file or directory\n", sh->lineno, name); return sh->status = 127; }
    }
    if (!fn) {
        errf(sh, "bash: line %d: %s: command not found\n", sh->lineno, name);
        return sh->status = 127;
    }
    int st = fn(sh, argc, argv);
    sh->status = st;
    return st;
}

int run_bash(Sh *sh, int argc, char **argv)
{
    /* bash -c 'cmd' [arg0 args...] | bash script [args] | bash < stdin */
    int i = 1;
    int e = 0, x = 0;
    while (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "-c")) {
        if (strchr(argv[i], 'e')) e = 1;
        if (strchr(argv[i], 'x')) x = 1;
        i++;
    }
    if (i < argc && !strcmp(argv[i], "-c")) {
        if (i + 1 >= argc) { errf(sh, "bash: -c: option requires an argument\n"); return 2; }
        const char *src = argv[i + 1];
        SubState *ss = sh_sub_enter(sh);
        argv_free(sh->pos, sh->npos);
        int rest = argc - (i + 3);
        char *save0 = sh->arg0;
        if (i + 2 < argc) sh->arg0 = argv[i + 2];
        sh->npos = rest > 0 ? rest : 0;
        sh->pos = xmalloc(sizeof(char *) * (size_t)(sh->npos + 1));
        for (int k = 0; k < sh->npos; k++) sh->pos[k] = xstrdup(argv[i + 3 + k]);
        sh->errexit = e; sh->xtrace = x;
        int st = sh_run_script(sh, src, 1);
        sh->arg0 = save0;
        sh_sub_leave(sh, ss);
        return st;
    }
    if (i < argc) return run_script_file(sh, argv[i], argc - i - 1, argv + i + 1);
    const char *p;
    size_t n = sh->fd[0] ? st_rest(sh->fd[0], &p) : 0;
    char *src = xstrndup(n ? p : "", n);
    SubState *ss = sh_sub_enter(sh);
    int st = sh_run_script(sh, src, 1);
    sh_sub_leave(sh, ss);
    free(src);
    return st;
}

/* ---- simple commands ---------------------------------------------------- */
static int do_assign(Sh *sh, const char *w)
{
    const char *eq = strchr(w, '=');
    int app = eq[-1] == '+';
    char *name = xstrndup(w, (size_t)(eq - w - app));
    const char *rhs = eq + 1;
    int r = 0;
    char *br = strchr(name, '[');
    if (rhs[0] == '(' && !br) {
        /* array literal */
        size_t rl = strlen(rhs);
        char *inner = xstrndup(rhs + 1, rl >= 2 && rhs[rl - 1] == ')' ? rl - 2 : rl - 1);
        int nraw, nv;
        char **raw = sh_split_raw(inner, &nraw);
        char **vals = sh_expand_words(sh, raw, nraw, &nv);
        if (app) {
            Var *v = var_find(sh, name);
            int old = v ? (v->arr ? v->narr : (v->val ? 1 : 0)) : 0;
            char **all = xmalloc(sizeof(char *) * (size_t)(old + nv + 1));
            for (int i = 0; i < old; i++) all[i] = v->arr ? (v->arr[i] ? xstrdup(v->arr[i]) : NULL) : xstrdup(v->val);
            for (int i = 0; i < nv; i++) all[old + i] = vals[i];
            var_set_arr(sh, name, all, old + nv);
            argv_free(all, old);
            free(vals);
        } else {
            var_set_arr(sh, name, vals, nv);
            argv_free(vals, nv);
        }
        argv_free(raw, nraw);
        free(inner);
        free(name);
        return 0;
    }
    char *val = sh_expand_str(sh, rhs);
    if (br) {
        *br = 0;
        char *ie = strchr(br + 1, ']');
        if (ie) *ie = 0;
        char *ix = sh_expand_str(sh, br + 1);
        int err = 0;
        long long k = sh_arith(sh, ix, &err);
        free(ix);
        Var *v = var_find(sh, name);
        int old = v ? (v->arr ? v->narr : (v->val ? 1 : 0)) : 0;
        int nn = k >= old ? (int)k + 1 : old;
        if (k < 0 || k > 100000) { free(val); free(name); return 1; }
        char **all = xmalloc(sizeof(char *) * (size_t)(nn + 1));
        for (int i = 0; i < nn; i++) {
            const char *o = i < old ? (v->arr ? v->arr[i] : v->val) : NULL;
            all[i] = o ? xstrdup(o) : NULL;
        }
        const char *ok = all[k];
        char *nv = app ? xasprintf("%s%s", ok ? ok : "", val) : xstrdup(val);
        free(all[k]);
        all[k] = nv;
        var_set_arr(sh, name, all, nn);
        argv_free(all, nn);
    } else if (app) {
        const char *old = var_get(sh, name);
        char *nv = xasprintf("%s%s", old ? old : "", val);
        r = var_set(sh, name, nv);
        free(nv);
    } else r = var_set(sh, name, val);
    if (r < 0) {
        /* like bash: assigning a readonly variable ends a non-interactive shell */
        errf(sh, "bash: line %d: %s: readonly variable\n", sh->lineno, name);
        sh->ctl = CTL_EXIT;
    }
    free(val);
    free(name);
    return r < 0 ? 1 : 0;
}

static void xtrace(Sh *sh, int argc, char **argv)
{
    tbuf b = {0};
    tbuf_puts(&b, "+");
    for (int i = 0; i < argc; i++) { tbuf_puts(&b, " "); tbuf_puts(&b, argv[i]); }
    tbuf_puts(&b, "\n");
    sh_out(sh, 2, b.p, b.len);
    tbuf_free(&b);
}

static int exec_cmd(Sh *sh, Node *n)
{
    sh->lineno = n->lineno;
    if (sh_tick(sh)) return sh->status;
    sh->last_subst = 0;
    int argc;
    char **argv = sh_expand_words(sh, n->words, n->nwords, &argc);
    if (sh->experr) {
        int fatal = sh->experr >= 2;
        sh->status = sh->experr == 3 ? 127 : 1;
        sh->experr = 0;
        argv_free(argv, argc);
        if (fatal) sh->ctl = CTL_EXIT;
        return 1;
    }
    if (!argc) {
        int st = 0;
        for (int i = 0; i < n->nassigns; i++) st |= do_assign(sh, n->assigns[i]);
        if (sh->experr) { sh->experr = 0; st = 1; }
        if (!st) st = sh->last_subst;
        RSave rs;
        if (n->redirs) { if (apply_redirs(sh, n->redirs, &rs) < 0) st = 1; else undo_redirs(sh, &rs); }
        free(argv);
        return sh->status = st;
    }
    /* prefix assignments last only for this command */
    int na = n->nassigns;
    char **names = NULL;
    Var *saved = NULL;
    int *had = NULL;
    if (na) {
        names = xmalloc(sizeof(char *) * (size_t)na);
        saved = xmalloc(sizeof(Var) * (size_t)na);
        had = xmalloc(sizeof(int) * (size_t)na);
        for (int i = 0; i < na; i++) {
            const char *eq = strchr(n->assigns[i], '=');
            names[i] = xstrndup(n->assigns[i], (size_t)(eq - n->assigns[i]));
            Var *v = var_find(sh, names[i]);
            had[i] = v != NULL;
            if (v) { saved[i] = *v; saved[i].name = xstrdup(v->name); saved[i].val = v->val ? xstrdup(v->val) : NULL; saved[i].arr = NULL; saved[i].narr = 0; }
            do_assign(sh, n->assigns[i]);
            v = var_find(sh, names[i]);
            if (v) v->exp = 1;
        }
    }
    if (sh->xtrace) xtrace(sh, argc, argv);
    RSave rs;
    int st;
    if (apply_redirs(sh, n->redirs, &rs) < 0) st = sh->status = 1;
    else if (argc == 1 && !strcmp(argv[0], "exec")) {
        /* `exec >file 2>&1`: the redirections stay for the rest of the
         * script; the streams are flushed when it ends (main.c) */
        for (int i = 0; i < rs.nopened; i++) sh_keep_stream(sh, rs.opened[i]);
        st = sh->status = 0;
    } else {
        st = sh_run_argv(sh, argc, argv);
        sh->status = st;
        write_failed(sh, argv[0], undo_redirs(sh, &rs));
        st = sh->status;
    }
    for (int i = 0; i < na; i++) {
        if (had[i]) {
            var_set(sh, names[i], saved[i].val ? saved[i].val : "");
            Var *v = var_find(sh, names[i]);
            if (v) v->exp = saved[i].exp;
            free(saved[i].name);
            free(saved[i].val);
        } else var_unset(sh, names[i]);
        free(names[i]);
    }
    free(names); free(saved); free(had);
    argv_free(argv, argc);
    return sh->status = st;
}

/* ---- compound commands -------------------------------------------------- */
static int loop_ctl(Sh *sh)
{
    /* after a loop body: 1 = leave the loop, 0 = go on */
    if (sh->ctl == CTL_BREAK) { if (--sh->ctl_n <= 0) sh->ctl = CTL_NONE; return 1; }
    if (sh->ctl == CTL_CONT) { if (--sh->ctl_n <= 0) { sh->ctl = CTL_NONE; return 0; } return 1; }
    return sh->ctl != CTL_NONE;
}

static int exec_pipe(Sh *sh, Node *n)
{
    Stream *in0 = sh->fd[0], *out0 = sh->fd[1];
    Stream *in = in0;
    Stream *prev = NULL;
    int st = 0, fail = 0;
    sh->in_cond++;
    for (int i = 0; i < n->nkids; i++) {
        Stream *out = i < n->nkids - 1 ? st_buf() : out0;
        SubState *ss = sh_sub_enter(sh);
        sh->fd[0] = i ? in : in0;
        sh->fd[1] = out;
        sh_exec(sh, n->kids[i]);
        int timed = sh->timed_out;
        sh_sub_leave(sh, ss);
        st = sh->status;
        if (st) fail = st;
        if (prev) st_close(prev);
        prev = i < n->nkids - 1 ? out : NULL;
        in = out;
        if (timed) break;
    }
    if (prev) st_close(prev);
    sh->in_cond--;
    sh->fd[0] = in0;
    sh->fd[1] = out0;
    if (sh->pipefail && fail && !st) st = fail;
    return sh->status = st;
}

static int exec_for(Sh *sh, Node *n)
{
    int st = 0;
    if (n->has_in == -1) {
        /* for (( init; cond; step )) */
        char *hdr = n->a->name;
        char *p1 = strchr(hdr, ';'), *p2 = p1 ? strchr(p1 + 1, ';') : NULL;
        if (!p2) { errf(sh, "bash: line %d: syntax error: arithmetic expression required\n", n->lineno); return sh->status = 1; }
        char *init = xstrndup(hdr, (size_t)(p1 - hdr)), *cond = xstrndup(p1 + 1, (size_t)(p2 - p1 - 1));
        char *step = xstrdup(p2 + 1);
        int err = 0;
        char *e = sh_expand_str(sh, init);
        sh_arith(sh, e, &err);
        free(e);
        sh->loops++;
        for (;;) {
            if (sh_tick(sh)) break;
            e = sh_expand_str(sh, cond);
            int blank = 1;
            for (char *q = e; *q; q++) if (*q != ' ' && *q != '\t') blank = 0;
            long long c = blank ? 1 : sh_arith(sh, e, &err);
            free(e);
            if (err) { errf(sh, "bash: line %d: arithmetic syntax error\n", n->lineno); st = 1; break; }
            if (!c) break;
            sh_exec(sh, n->b);
            st = sh->status;
            if (loop_ctl(sh)) break;
            e = sh_expand_str(sh, step);
            sh_arith(sh, e, &err);
            free(e);
        }
        sh->loops--;
        free(init); free(cond); free(step);
        return sh->status = st;
    }
    int nw;
    char **w;
    if (n->has_in) w = sh_expand_words(sh, n->words, n->nwords, &nw);
    else {
        nw = sh->npos;
        w = xmalloc(sizeof(char *) * (size_t)(nw + 1));
        for (int i = 0; i < nw; i++) w[i] = xstrdup(sh->pos[i]);
    }
    sh->loops++;
    for (int i = 0; i < nw; i++) {
        if (sh_tick(sh)) break;
        var_set(sh, n->name, w[i]);
        sh_exec(sh, n->b);
        st = sh->status;
        if (loop_ctl(sh)) break;
    }
    sh->loops--;
    argv_free(w, nw);
    return sh->status = st;
}

static int exec_while(Sh *sh, Node *n)
{
    int st = 0;
    sh->loops++;
    for (;;) {
        if (sh_tick(sh)) break;
        sh->in_cond++;
        sh_exec(sh, n->a);
        sh->in_cond--;
        if (sh->ctl != CTL_NONE) { if (loop_ctl(sh)) break; continue; }
        int ok = sh->status == 0;
        if (n->type == N_UNTIL) ok = !ok;
        if (!ok) break;
        sh_exec(sh, n->b);
        st = sh->status;
        if (loop_ctl(sh)) break;
    }
    sh->loops--;
    return sh->status = st;
}

static int exec_case(Sh *sh, Node *n)
{
    char *w = sh_expand_str(sh, n->words[0]);
    int st = 0, run = 0;
    for (int i = 0; i < n->nitems; i++) {
        CaseItem *it = &n->items[i];
        int m = run;
        for (int k = 0; k < it->npats && !m; k++) {
            char *p = sh_expand_pat(sh, it->pats[k]);
            m = fnmatch(p, w, 0) == 0;
            free(p);
        }
        if (!m) continue;
        sh_exec(sh, it->body);
        st = sh->status;
        if (sh->ctl != CTL_NONE || !it->fall) break;
        run = 1;
    }
    free(w);
    return sh->status = st;
}

static void def_func(Sh *sh, Node *n)
{
    Func *f = func_find(sh, n->name);
    if (!f) {
        sh->funcs = xrealloc(sh->funcs, sizeof(Func) * (size_t)(sh->nfuncs + 1));
        f = &sh->funcs[sh->nfuncs++];
        f->name = xstrdup(n->name);
    }
    f->body = n->a;
}

int sh_exec(Sh *sh, Node *n)
{
    if (!n) return sh->status;
    if (sh->ctl != CTL_NONE) return sh->status;
    RSave rs;
    int redir = n->type != N_CMD && n->redirs;
    if (redir && apply_redirs(sh, n->redirs, &rs) < 0) return sh->status = 1;
    switch (n->type) {
    case N_CMD:
        exec_cmd(sh, n);
        errexit_check(sh);
        break;
    case N_SEQ:
        if (!n->nkids) sh->status = sh->status;
        for (int i = 0; i < n->nkids && sh->ctl == CTL_NONE; i++) sh_exec(sh, n->kids[i]);
        break;
    case N_PIPE:
        exec_pipe(sh, n);
        errexit_check(sh);
        break;
    case N_NOT:
        sh->in_cond++;
        sh_exec(sh, n->a);
        sh->in_cond--;
        sh->status = !sh->status;
        break;
    case N_AND: case N_OR:
        sh->in_cond++;
        sh_exec(sh, n->a);
        sh->in_cond--;
        if (sh->ctl != CTL_NONE) break;
        if ((sh->status == 0) == (n->type == N_AND)) sh_exec(sh, n->b);
        break;
    case N_BG:
        sh_exec(sh, n->a);
        sh->status = 0;
        break;
    case N_GROUP:
        sh_exec(sh, n->a);
        break;
    case N_SUB: {
        SubState *ss = sh_sub_enter(sh);
        sh_exec(sh, n->a);
        sh_sub_leave(sh, ss);
        errexit_check(sh);
        break;
    }
    case N_IF:
        sh->in_cond++;
        sh_exec(sh, n->a);
        sh->in_cond--;
        if (sh->ctl != CTL_NONE) break;
        if (sh->status == 0) sh_exec(sh, n->b);
        else if (n->c) sh_exec(sh, n->c);
        else sh->status = 0;
        break;
    case N_WHILE: case N_UNTIL: exec_while(sh, n); break;
    case N_FOR: exec_for(sh, n); break;
    case N_CASE: exec_case(sh, n); break;
    case N_FUNC: def_func(sh, n); sh->status = 0; break;
    case N_ARITH: {
        sh->lineno = n->lineno;
        char *e = sh_expand_str(sh, n->name);
        int err = 0;
        long long v = sh_arith(sh, e, &err);
        if (err) errf(sh, "bash: line %d: %s: syntax error in expression\n", n->lineno, e);
        free(e);
        sh->status = err ? 1 : (v ? 0 : 1);
        errexit_check(sh);
        break;
    }
    case N_COND:
        sh->lineno = n->lineno;
        sh->status = test_eval(sh, n->words, n->nwords, 1);
        errexit_check(sh);
        break;
    }
    if (redir) write_failed(sh, "bash", undo_redirs(sh, &rs));
    return sh->status;
}

/* Parsed command substitutions, by text: loops re-run the same ones. */
static struct { char *src; Node *n; } pcache[64];
static int npcache;

static Node *parse_cached(Sh *sh, const char *src, int line)
{
    for (int i = 0; i < npcache; i++) if (!strcmp(pcache[i].src, src)) return pcache[i].n;
    char *err = NULL;
    Node *n = sh_parse(src, line, &err);
    if (!n) {
        errf(sh, "bash: %s\n", err);
        free(err);
        return NULL;
    }
    if (npcache < 64) { pcache[npcache].src = xstrdup(src); pcache[npcache++].n = n; }
    return n;
}

int sh_capture(Sh *sh, const char *src, tbuf *out)
{
    if (sh->nsubst >= 64) { errf(sh, "bash: command substitution nested too deeply\n"); sh->experr = 1; return 1; }
    Node *n = parse_cached(sh, src, sh->lineno);
    if (!n) { sh->experr = 1; return sh->last_subst = 2; }
    int line = sh->lineno;
    Stream *o = st_buf();
    SubState *ss = sh_sub_enter(sh);
    sh->fd[1] = o;
    sh->nsubst++;
    sh->errexit = 0;   /* bash: $(...) does not inherit set -e */
    sh_exec(sh, n);
    sh->nsubst--;
    sh_sub_leave(sh, ss);
    sh->lineno = line;
    tbuf_put(out, o->b.p ? o->b.p : "", o->b.len);
    st_close(o);
    sh->last_subst = sh->status;
    return sh->status;
}

int sh_run_script(Sh *sh, const char *src, int line0)
{
    /* like bash: run each complete command before parsing the next, so a
     * syntax error on line 5 still lets lines 1-4 run */
    Parser *p = sh_parser_new(src, line0);
    for (;;) {
        char *err = NULL;
        Node *n = sh_parse_next(p, &err);
        if (!n) {
            if (err) { errf(sh, "bash: %s\n", err); free(err); sh->status = 2; }
            break;
        }
        sh_exec(sh, n);
        if (sh->ctl != CTL_NONE) break;
    }
    sh_parser_free(p);
    if (sh->ctl == CTL_EXIT || sh->ctl == CTL_RETURN) { if (!sh->timed_out) sh->ctl = CTL_NONE; }
    sh->ctl = sh->timed_out ? CTL_EXIT : CTL_NONE;
    return sh->status;
}
