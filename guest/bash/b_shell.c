/*
 * guest/bash/b_shell.c — builtins that act on the shell itself: cd, pwd,
 * variables (export, local, declare, unset, read, set, shift), control
 * (exit, return, break, continue, eval, source), echo and printf, and the
 * lookup helpers type / command -v / which.
 */
#include "cmds.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int b_colon(Sh *sh, int argc, char **argv) { (void)sh; (void)argc; (void)argv; return 0; }
int b_true(Sh *sh, int argc, char **argv) { (void)sh; (void)argc; (void)argv; return 0; }
int b_false(Sh *sh, int argc, char **argv) { (void)sh; (void)argc; (void)argv; return 1; }
int b_noop(Sh *sh, int argc, char **argv) { (void)sh; (void)argc; (void)argv; return 0; }

int b_trap(Sh *sh, int argc, char **argv)
{
    /* only EXIT (0) runs: there are no signals here */
    if (argc < 3) return 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "EXIT") || !strcmp(argv[i], "0")) {
            free(sh->exit_trap);
            sh->exit_trap = strcmp(argv[1], "-") && argv[1][0] ? xstrdup(argv[1]) : NULL;
        }
    }
    return 0;
}

int b_cd(Sh *sh, int argc, char **argv)
{
    int i = 1;
    while (i < argc && (!strcmp(argv[i], "-P") || !strcmp(argv[i], "-L"))) i++;
    const char *d = i < argc ? argv[i] : var_get(sh, "HOME");
    int print = 0;
    if (d && !strcmp(d, "-")) { d = var_get(sh, "OLDPWD"); print = 1; if (!d) { errf(sh, "bash: line %d: cd: OLDPWD not set\n", sh->lineno); return 1; } }
    if (!d) return 0;
    if (i + 1 < argc) { errf(sh, "bash: line %d: cd: too many arguments\n", sh->lineno); return 1; }
    char *ap = sh_abs(sh, d);
    struct stat st;
    if (strcmp(ap, "/")) {
        if (stat(ap, &st) != 0) { errf(sh, "bash: line %d: cd: %s: %s\n", sh->lineno, d, strerror(errno)); free(ap); return 1; }
        if (!S_ISDIR(st.st_mode)) { errf(sh, "bash: line %d: cd: %s: Not a directory\n", sh->lineno, d); free(ap); return 1; }
    }
    var_set(sh, "OLDPWD", sh->cwd);
    free(sh->cwd);
    sh->cwd = ap;
    var_set(sh, "PWD", ap);
    if (print) outf(sh, "%s\n", ap);
    return 0;
}

/* pushd / popd / dirs: the stack lives in DIRSTACK (one path per line) */
static void dirs_print(Sh *sh)
{
    const char *st = var_get(sh, "_DIRSTACK");
    outs(sh, sh->cwd);
    if (st && *st) {
        for (const char *p = st; *p;) {
            const char *nl = strchr(p, '\n');
            size_t l = nl ? (size_t)(nl - p) : strlen(p);
            outf(sh, " %.*s", (int)l, p);
            p += l + (nl ? 1 : 0);
        }
    }
    outs(sh, "\n");
}
int b_dirs(Sh *sh, int argc, char **argv) { (void)argc; (void)argv; dirs_print(sh); return 0; }
int b_pushd(Sh *sh, int argc, char **argv)
{
    if (argc < 2) { errf(sh, "bash: line %d: pushd: no other directory\n", sh->lineno); return 1; }
    char *old = xstrdup(sh->cwd);
    char *cdv[] = {"cd", argv[1], NULL};
    if (b_cd(sh, 2, cdv)) { free(old); return 1; }
    const char *st = var_get(sh, "_DIRSTACK");
    char *ns = st && *st ? xasprintf("%s\n%s", old, st) : xstrdup(old);
    var_set(sh, "_DIRSTACK", ns);
    free(ns);
    free(old);
    dirs_print(sh);
    return 0;
}
int b_popd(Sh *sh, int argc, char **argv)
{
    (void)argc; (void)argv;
    const char *st = var_get(sh, "_DIRSTACK");
    if (!st || !*st) { errf(sh, "bash: line %d: popd: directory stack empty\n", sh->lineno); return 1; }
    const char *nl = strchr(st, '\n');
    char *top = xstrndup(st, nl ? (size_t)(nl - st) : strlen(st));
    char *rest = xstrdup(nl ? nl + 1 : "");
    char *cdv[] = {"cd", top, NULL};
    int r = b_cd(sh, 2, cdv);
    if (!r) { var_set(sh, "_DIRSTACK", rest); dirs_print(sh); }
    free(top);
    free(rest);
    return r;
}

int b_pwd(Sh *sh, int argc, char **argv) { (void)argc; (void)argv; outf(sh, "%s\n", sh->cwd); return 0; }

static void print_decl(Sh *sh, Var *v, const char *flags)
{
    if (v->arr) {
        outf(sh, "declare -a %s=(", v->name);
        for (int i = 0; i < v->narr; i++) outf(sh, "%s[%d]=\"%s\"", i ? " " : "", i, v->arr[i]);
        outs(sh, ")\n");
    } else if (v->val) outf(sh, "declare %s %s=\"%s\"\n", flags, v->name, v->val);
    else outf(sh, "declare %s %s\n", flags, v->name);
}

static int cmp_var(const void *a, const void *b) { return strcmp(((const Var *)a)->name, ((const Var *)b)->name); }

static int assign_arg(Sh *sh, const char *a, int exp, int ro)
{
    const char *eq = strchr(a, '=');
    size_t al = strlen(a);
    if (eq && eq[1] == '(' && a[al - 1] == ')' && valid_name(a, (size_t)(eq - a))) {
        /* declare x=(a b): an array literal */
        char *name = xstrndup(a, (size_t)(eq - a));
        char *inner = xstrndup(eq + 2, al - (size_t)(eq - a) - 3);
        int nraw, nv;
        char **raw = sh_split_raw(inner, &nraw);
        char **vals = sh_expand_words(sh, raw, nraw, &nv);
        var_set_arr(sh, name, vals, nv);
        Var *v = var_find(sh, name);
        if (v && exp) v->exp = 1;
        if (v && ro) v->ro = 1;
        argv_free(vals, nv);
        argv_free(raw, nraw);
        free(inner);
        free(name);
        return 0;
    }
    char *name = eq ? xstrndup(a, (size_t)(eq - a)) : xstrdup(a);
    int app = 0;
    if (eq && eq > a && eq[-1] == '+') { name[eq - a - 1] = 0; app = 1; }
    if (!valid_name(name, strlen(name))) {
        errf(sh, "bash: line %d: `%s': not a valid identifier\n", sh->lineno, a);
        free(name);
        return 1;
    }
    int r = 0;
    if (eq) {
        if (app) {
            const char *old = var_get(sh, name);
            char *nv = xasprintf("%s%s", old ? old : "", eq + 1);
            r = var_set(sh, name, nv);
            free(nv);
        } else r = var_set(sh, name, eq + 1);
    } else if (!var_find(sh, name)) {
        var_set(sh, name, "");
        Var *v = var_find(sh, name);
        free(v->val);
        v->val = NULL;
    }
    Var *v = var_find(sh, name);
    if (r < 0) errf(sh, "bash: line %d: %s: readonly variable\n", sh->lineno, name);
    if (v && exp) v->exp = 1;
    if (v && ro) v->ro = 1;
    free(name);
    return r < 0;
}

int b_export(Sh *sh, int argc, char **argv)
{
    int st = 0, i = 1, un = 0;
    for (; i < argc && argv[i][0] == '-'; i++) { if (strchr(argv[i], 'n')) un = 1; if (!strcmp(argv[i], "--")) { i++; break; } }
    if (i >= argc) {
        qsort(sh->vars, (size_t)sh->nvars, sizeof(Var), cmp_var);
        for (int k = 0; k < sh->nvars; k++) if (sh->vars[k].exp) print_decl(sh, &sh->vars[k], "-x");
        return 0;
    }
    for (; i < argc; i++) {
        if (un) { Var *v = var_find(sh, argv[i]); if (v) v->exp = 0; continue; }
        st |= assign_arg(sh, argv[i], 1, 0);
    }
    return st;
}

int b_readonly(Sh *sh, int argc, char **argv)
{
    int st = 0;
    for (int i = 1; i < argc; i++) if (argv[i][0] != '-') st |= assign_arg(sh, argv[i], 0, 1);
    return st;
}

int b_unset(Sh *sh, int argc, char **argv)
{
    int fn = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-f")) { fn = 1; continue; }
        if (!strcmp(argv[i], "-v")) { fn = 0; continue; }
        if (fn) {
            for (int k = 0; k < sh->nfuncs; k++)
                if (!strcmp(sh->funcs[k].name, argv[i])) { sh->funcs[k] = sh->funcs[--sh->nfuncs]; break; }
            continue;
        }
        char *br = strchr(argv[i], '[');
        if (br && argv[i][strlen(argv[i]) - 1] == ']') {
            char *name = xstrndup(argv[i], (size_t)(br - argv[i]));
            char *ix = xstrndup(br + 1, strlen(br) - 2);
            Var *av = var_find(sh, name);
            int err = 0;
            long long k = sh_arith(sh, ix, &err);
            if (av && av->arr) {
                if (k < 0) k += av->narr;
                if (k >= 0 && k < av->narr) { free(av->arr[k]); av->arr[k] = NULL; }
            }
            free(name); free(ix);
            continue;
        }
        Var *v = var_find(sh, argv[i]);
        if (v && v->ro) { errf(sh, "bash: line %d: unset: %s: cannot unset: readonly variable\n", sh->lineno, argv[i]); return 1; }
        var_unset(sh, argv[i]);
        if (!v && func_find(sh, argv[i])) {
            for (int k = 0; k < sh->nfuncs; k++)
                if (!strcmp(sh->funcs[k].name, argv[i])) { sh->funcs[k] = sh->funcs[--sh->nfuncs]; break; }
        }
    }
    return 0;
}

static int set_opt(Sh *sh, const char *name, int on)
{
    if (!strcmp(name, "errexit")) sh->errexit = on;
    else if (!strcmp(name, "nounset")) sh->nounset = on;
    else if (!strcmp(name, "pipefail")) sh->pipefail = on;
    else if (!strcmp(name, "xtrace")) sh->xtrace = on;
    else if (!strcmp(name, "noglob")) sh->noglob = on;
    else if (!strcmp(name, "noclobber") || !strcmp(name, "posix") || !strcmp(name, "monitor") || !strcmp(name, "history")) ;
    else { errf(sh, "bash: line %d: set: %s: invalid option name\n", sh->lineno, name); return 1; }
    return 0;
}

int b_set(Sh *sh, int argc, char **argv)
{
    int i = 1;
    if (argc == 1) {
        qsort(sh->vars, (size_t)sh->nvars, sizeof(Var), cmp_var);
        for (int k = 0; k < sh->nvars; k++) if (sh->vars[k].val) outf(sh, "%s=%s\n", sh->vars[k].name, sh->vars[k].val);
        return 0;
    }
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) { i++; goto setpos; }
        if ((a[0] != '-' && a[0] != '+') || !a[1]) break;
        int on = a[0] == '-';
        for (const char *p = a + 1; *p; p++) {
            switch (*p) {
            case 'e': sh->errexit = on; break;
            case 'u': sh->nounset = on; break;
            case 'x': sh->xtrace = on; break;
            case 'f': sh->noglob = on; break;
            case 'o':
                if (i + 1 < argc) { if (set_opt(sh, argv[++i], on)) return 1; }
                else {
                    outf(sh, "errexit        \t%s\nnounset        \t%s\npipefail       \t%s\nxtrace         \t%s\n",
                         sh->errexit ? "on" : "off", sh->nounset ? "on" : "off", sh->pipefail ? "on" : "off", sh->xtrace ? "on" : "off");
                }
                break;
            case 'v': case 'h': case 'm': case 'B': case 'H': case 'C': case 'b': case 'n': break;
            default: errf(sh, "bash: line %d: set: -%c: invalid option\n", sh->lineno, *p); return 2;
            }
        }
    }
    if (i >= argc) return 0;
setpos:
    argv_free(sh->pos, sh->npos);
    sh->npos = argc - i;
    sh->pos = xmalloc(sizeof(char *) * (size_t)(sh->npos + 1));
    for (int k = 0; k < sh->npos; k++) sh->pos[k] = xstrdup(argv[i + k]);
    return 0;
}

int b_shift(Sh *sh, int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    if (n < 0 || n > sh->npos) return 1;
    for (int i = 0; i < n; i++) free(sh->pos[i]);
    memmove(sh->pos, sh->pos + n, sizeof(char *) * (size_t)(sh->npos - n));
    sh->npos -= n;
    return 0;
}

static int num_arg(Sh *sh, int argc, char **argv, int def, const char *cmd)
{
    if (argc < 2) return def;
    char *e;
    long v = strtol(argv[1], &e, 10);
    if (*e || e == argv[1]) { errf(sh, "bash: line %d: %s: %s: numeric argument required\n", sh->lineno, cmd, argv[1]); return 2; }
    return (int)(v & 255);
}

int b_exit(Sh *sh, int argc, char **argv)
{
    sh->status = num_arg(sh, argc, argv, sh->status, "exit");
    sh->ctl = CTL_EXIT;
    return sh->status;
}

int b_return(Sh *sh, int argc, char **argv)
{
    sh->status = num_arg(sh, argc, argv, sh->status, "return");
    if (!sh->funcs_depth) {
        /* `return` in a sourced file or at top level: bash errors at top level */
        errf(sh, "bash: line %d: return: can only `return' from a function or sourced script\n", sh->lineno);
        return 2;
    }
    sh->ctl = CTL_RETURN;
    return sh->status;
}

static int loopctl(Sh *sh, int argc, char **argv, int ctl)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    if (n < 1) { errf(sh, "bash: line %d: %s: %s: loop count out of range\n", sh->lineno, argv[0], argv[1]); return 1; }
    if (!sh->loops) return 0;
    sh->ctl = ctl;
    sh->ctl_n = n > sh->loops ? sh->loops : n;
    return 0;
}
int b_break(Sh *sh, int argc, char **argv) { return loopctl(sh, argc, argv, CTL_BREAK); }
int b_continue(Sh *sh, int argc, char **argv) { return loopctl(sh, argc, argv, CTL_CONT); }

static void save_local(Sh *sh, const char *name)
{
    /* saved once per function frame */
    Var *v = var_find(sh, name);
    if (sh->nlocals == sh->caplocals) {
        sh->caplocals = sh->caplocals ? sh->caplocals * 2 : 16;
        sh->locals = xrealloc(sh->locals, sizeof(LocalSave) * (size_t)sh->caplocals);
    }
    LocalSave *l = &sh->locals[sh->nlocals++];
    l->name = xstrdup(name);
    l->existed = v != NULL;
    if (v) {
        Var *cp; int n, cap;
        var_copy_all(v, 1, &cp, &n, &cap);
        l->old = cp[0];
        free(cp);
    }
}

int b_local(Sh *sh, int argc, char **argv)
{
    if (!sh->funcs_depth) { errf(sh, "bash: line %d: local: can only be used in a function\n", sh->lineno); return 1; }
    int st = 0;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-') continue;
        const char *eq = strchr(argv[i], '=');
        char *name = eq ? xstrndup(argv[i], (size_t)(eq - argv[i])) : xstrdup(argv[i]);
        save_local(sh, name);
        if (!eq) { Var *v = var_find(sh, name); if (v) { var_unset(sh, name); } var_set(sh, name, ""); }
        else st |= assign_arg(sh, argv[i], 0, 0);
        free(name);
    }
    return st;
}

int b_declare(Sh *sh, int argc, char **argv)
{
    int i = 1, exp = 0, ro = 0, arr = 0, print = 0;
    for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
        for (const char *p = argv[i] + 1; *p; p++) {
            if (*p == 'x') exp = 1;
            else if (*p == 'r') ro = 1;
            else if (*p == 'a') arr = 1;
            else if (*p == 'p') print = 1;
            else if (*p == 'A') { errf(sh, "bash: line %d: declare: -A: associative arrays are not supported here\n", sh->lineno); return 2; }
        }
    }
    if (print || i >= argc) {
        for (int k = i; k < argc; k++) {
            Var *v = var_find(sh, argv[k]);
            if (!v) { errf(sh, "bash: line %d: declare: %s: not found\n", sh->lineno, argv[k]); return 1; }
            print_decl(sh, v, v->exp ? "-x" : "--");
        }
        if (i >= argc) { qsort(sh->vars, (size_t)sh->nvars, sizeof(Var), cmp_var); for (int k = 0; k < sh->nvars; k++) print_decl(sh, &sh->vars[k], sh->vars[k].exp ? "-x" : "--"); }
        return 0;
    }
    int st = 0;
    for (; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        char *name = eq ? xstrndup(argv[i], (size_t)(eq - argv[i])) : xstrdup(argv[i]);
        if (sh->funcs_depth) save_local(sh, name);
        if (arr && !eq) var_set_arr(sh, name, NULL, 0);
        else st |= assign_arg(sh, argv[i], exp, ro);
        free(name);
    }
    return st;
}

int b_eval(Sh *sh, int argc, char **argv)
{
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    for (int i = 1; i < argc; i++) { if (i > 1) tbuf_puts(&b, " "); tbuf_puts(&b, argv[i]); }
    char *err = NULL;
    Node *n = sh_parse(b.p, sh->lineno, &err);
    tbuf_free(&b);
    if (!n) { errf(sh, "bash: eval: %s\n", err); free(err); return 2; }
    sh->status = 0;
    return sh_exec(sh, n);
}

int b_source(Sh *sh, int argc, char **argv)
{
    if (argc < 2) { errf(sh, "bash: line %d: %s: filename argument required\n", sh->lineno, argv[0]); return 2; }
    tbuf b = {0};
    if (read_input(sh, "bash", argv[1], &b) < 0) return 1;
    char *err = NULL;
    Node *n = sh_parse(b.p ? b.p : "", 1, &err);
    tbuf_free(&b);
    if (!n) { errf(sh, "bash: %s: %s\n", argv[1], err); free(err); return 2; }
    char **savepos = NULL;
    int savenpos = 0;
    if (argc > 2) {
        savepos = sh->pos; savenpos = sh->npos;
        sh->npos = argc - 2;
        sh->pos = xmalloc(sizeof(char *) * (size_t)sh->npos);
        for (int i = 0; i < sh->npos; i++) sh->pos[i] = xstrdup(argv[i + 2]);
    }
    sh->funcs_depth++;
    sh->status = 0;
    sh_exec(sh, n);
    sh->funcs_depth--;
    if (sh->ctl == CTL_RETURN) sh->ctl = CTL_NONE;
    if (argc > 2) { argv_free(sh->pos, sh->npos); sh->pos = savepos; sh->npos = savenpos; }
    return sh->status;
}

int b_read(Sh *sh, int argc, char **argv)
{
    int raw = 0, i = 1, delim = '\n', nchars = -1;
    const char *arr = NULL;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *o = argv[i] + 1;
        if (!strcmp(argv[i], "--")) { i++; break; }
        for (; *o; o++) {
            if (*o == 'r') raw = 1;
            else if (*o == 's') ;
            else if (*o == 'p' || *o == 't' || *o == 'u') { if (!o[1]) i++; break; }
            else if (*o == 'a') { arr = o[1] ? o + 1 : (i + 1 < argc ? argv[++i] : NULL); break; }
            else if (*o == 'd') { const char *d = o[1] ? o + 1 : (i + 1 < argc ? argv[++i] : ""); delim = d[0]; break; }
            else if (*o == 'n' || *o == 'N') { nchars = atoi(o[1] ? o + 1 : (i + 1 < argc ? argv[++i] : "0")); break; }
        }
    }
    Stream *in = sh->fd[0];
    tbuf line = {0};
    tbuf_put(&line, "", 0);
    int got = 0, eof = 1;
    if (in && in->kind == S_BUF) {
        while (in->pos < in->b.len) {
            char c = in->b.p[in->pos++];
            got = 1;
            if (nchars >= 0 && (int)line.len >= nchars) { in->pos--; eof = 0; break; }
            if (c == (char)delim) { eof = 0; break; }
            if (c == '\\' && !raw) {
                if (in->pos < in->b.len) {
                    char d = in->b.p[in->pos++];
                    if (d == '\n') continue;
                    char esc[2] = {1, d};   /* \x01 marks an escaped char (not a separator) */
                    tbuf_put(&line, esc, 2);
                }
                continue;
            }
            tbuf_put(&line, &c, 1);
            if (nchars >= 0 && (int)line.len >= nchars) { eof = 0; break; }
        }
    }
    const char *ifs = var_get(sh, "IFS");
    if (!ifs) ifs = " \t\n";
    /* split into fields: \x01 protects the next byte */
    char **names = argv + i;
    int nn = argc - i;
    char *s = line.p;
    size_t n = line.len;
    size_t p = 0;
    #define ISWS(c) (strchr(ifs, (c)) && isspace((unsigned char)(c)))
    #define ISSEP(c) ((c) && strchr(ifs, (c)))
    if (arr || nn == 0) {
        if (!arr) {
            tbuf v = {0};
            tbuf_put(&v, "", 0);
            for (size_t k = 0; k < n; k++) { if (s[k] == 1) k++; if (k < n) tbuf_put(&v, &s[k], 1); }
            var_set(sh, "REPLY", v.p);
            tbuf_free(&v);
        } else {
            char **items = NULL;
            int ni = 0;
            while (p < n) {
                while (p < n && ISWS(s[p])) p++;
                if (p >= n) break;
                tbuf v = {0};
                tbuf_put(&v, "", 0);
                while (p < n && !(ISSEP(s[p]))) { if (s[p] == 1) p++; if (p < n) tbuf_put(&v, &s[p], 1); p++; }
                if (p < n) p++;
                items = xrealloc(items, sizeof(char *) * (size_t)(ni + 1));
                items[ni++] = v.p;
            }
            var_set_arr(sh, arr, items, ni);
            argv_free(items, ni);
        }
    } else {
        while (p < n && ISWS(s[p])) p++;
        for (int k = 0; k < nn; k++) {
            tbuf v = {0};
            tbuf_put(&v, "", 0);
            if (k == nn - 1) {
                size_t e = n;
                while (e > p && ISWS(s[e - 1]) && !(e >= 2 && s[e - 2] == 1)) e--;
                for (size_t q = p; q < e; q++) { if (s[q] == 1) q++; if (q < e) tbuf_put(&v, &s[q], 1); }
                p = n;
            } else {
                while (p < n && !ISSEP(s[p])) { if (s[p] == 1) p++; if (p < n) tbuf_put(&v, &s[p], 1); p++; }
                while (p < n && ISWS(s[p])) p++;
                if (p < n && ISSEP(s[p]) && !ISWS(s[p])) { p++; while (p < n && ISWS(s[p])) p++; }
            }
            if (var_set(sh, names[k], v.p) < 0) { errf(sh, "bash: line %d: %s: readonly variable\n", sh->lineno, names[k]); }
            tbuf_free(&v);
        }
    }
    tbuf_free(&line);
    return (eof && (!got || 1)) ? (eof ? 1 : 0) : 0;
}

/* ---- echo / printf --------------------------------------------------------- */
static int put_escape(Sh *sh, const char **pp, int in_b)
{
    /* *pp points after the backslash; returns 1 to stop output (\c) */
    const char *p = *pp;
    char c = *p, o;
    switch (c) {
    case 'n': o = '\n'; break;
    case 't': o = '\t'; break;
    case 'r': o = '\r'; break;
    case 'a': o = '\a'; break;
    case 'b': o = '\b'; break;
    case 'f': o = '\f'; break;
    case 'v': o = '\v'; break;
    case 'e': case 'E': o = 27; break;
    case '\\': o = '\\'; break;
    case 'c': *pp = p + 1; return 1;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        int v = 0, d = 0;
        if (c == '0' && in_b) p++;   /* echo/%b: \0NNN */
        else if (c != '0' && in_b) { o = '\\'; sh_out(sh, 1, &o, 1); *pp = p; return 0; }
        while (d < 3 && *p >= '0' && *p <= '7') { v = v * 8 + (*p - '0'); p++; d++; }
        o = (char)v;
        sh_out(sh, 1, &o, 1);
        *pp = p;
        return 0;
    }
    case 'x': {
        int v = 0, d = 0;
        p++;
        while (d < 2 && isxdigit((unsigned char)*p)) { v = v * 16 + (isdigit((unsigned char)*p) ? *p - '0' : tolower((unsigned char)*p) - 'a' + 10); p++; d++; }
        if (!d) { sh_out(sh, 1, "\\x", 2); *pp = p; return 0; }
        o = (char)v;
        sh_out(sh, 1, &o, 1);
        *pp = p;
        return 0;
    }
    case '"': o = '"'; break;
    case '\'': o = '\''; break;
    case 0: sh_out(sh, 1, "\\", 1); return 0;
    default: sh_out(sh, 1, "\\", 1); o = c; break;
    }
    sh_out(sh, 1, &o, 1);
    *pp = p + 1;
    return 0;
}

int b_echo(Sh *sh, int argc, char **argv)
{
    int nl = 1, esc = 0, i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1] || strspn(a + 1, "neE") != strlen(a + 1)) break;
        for (const char *p = a + 1; *p; p++) { if (*p == 'n') nl = 0; else if (*p == 'e') esc = 1; else esc = 0; }
    }
    for (int k = i; k < argc; k++) {
        if (k > i) sh_out(sh, 1, " ", 1);
        if (!esc) { outs(sh, argv[k]); continue; }
        for (const char *p = argv[k]; *p;) {
            if (*p == '\\') { p++; if (put_escape(sh, &p, 1)) return 0; continue; }
            const char *q = p;
            while (*q && *q != '\\') q++;
            sh_out(sh, 1, p, (size_t)(q - p));
            p = q;
        }
    }
    if (nl) sh_out(sh, 1, "\n", 1);
    return 0;
}

static long long arg_num(Sh *sh, const char *a, int *bad)
{
    if (!a) return 0;
    if (a[0] == '\'' || a[0] == '"') return (unsigned char)a[1];
    char *e;
    errno = 0;
    long long v = strtoll(a, &e, 0);
    if (*e || e == a) {
        if (*a) { errf(sh, "bash: line %d: printf: %s: invalid number\n", sh->lineno, a); *bad = 1; }
    }
    return v;
}

int b_printf(Sh *sh, int argc, char **argv)
{
    int i = 1;
    const char *var = NULL;
    if (i + 1 < argc && !strcmp(argv[i], "-v")) { var = argv[i + 1]; i += 2; }
    if (i < argc && !strcmp(argv[i], "--")) i++;
    if (i >= argc) { errf(sh, "bash: line %d: printf: usage: printf [-v var] format [arguments]\n", sh->lineno); return 2; }
    Stream *save = sh->fd[1];
    Stream *cap = NULL;
    if (var) { cap = st_buf(); sh->fd[1] = cap; }
    const char *fmt = argv[i++];
    int bad = 0, stop = 0;
    do {
        for (const char *p = fmt; *p && !stop;) {
            if (*p == '\\') { p++; if (put_escape(sh, &p, 0)) { stop = 1; } continue; }
            if (*p != '%') {
                const char *q = p;
                while (*q && *q != '%' && *q != '\\') q++;
                sh_out(sh, 1, p, (size_t)(q - p));
                p = q;
                continue;
            }
            if (p[1] == '%') { sh_out(sh, 1, "%", 1); p += 2; continue; }
            /* collect the spec */
            char spec[64];
            size_t sl = 0;
            spec[sl++] = *p++;
            while (*p && strchr("-+ #0", *p) && sl < 40) spec[sl++] = *p++;
            int star_w = 0, star_p = 0;
            long long wv = 0, pv = 0;
            if (*p == '*') { star_w = 1; p++; wv = arg_num(sh, i < argc ? argv[i++] : NULL, &bad); }
            else while (isdigit((unsigned char)*p) && sl < 50) spec[sl++] = *p++;
            if (*p == '.') {
                spec[sl++] = *p++;
                if (*p == '*') { star_p = 1; p++; pv = arg_num(sh, i < argc ? argv[i++] : NULL, &bad); }
                else while (isdigit((unsigned char)*p) && sl < 60) spec[sl++] = *p++;
            }
            while (*p == 'l' || *p == 'h' || *p == 'q' || *p == 'j' || *p == 'z') p++;
            char conv = *p ? *p++ : 0;
            const char *arg = i < argc ? argv[i++] : NULL;
            char f2[80];
            spec[sl] = 0;
            /* rebuild with explicit numbers for * */
            tbuf tf = {0};
            tbuf_put(&tf, spec, sl);
            if (star_w) {
                char *dot = strchr(tf.p, '.');
                char num[24];
                snprintf(num, sizeof num, "%lld", wv);
                tbuf nt = {0};
                if (dot) { tbuf_put(&nt, tf.p, (size_t)(dot - tf.p)); tbuf_puts(&nt, num); tbuf_puts(&nt, dot); }
                else { tbuf_puts(&nt, tf.p); tbuf_puts(&nt, num); }
                tbuf_free(&tf);
                tf = nt;
            }
            if (star_p) tbuf_printf(&tf, "%lld", pv);
            snprintf(f2, sizeof f2, "%s", tf.p);
            tbuf_free(&tf);
            size_t fl = strlen(f2);
            switch (conv) {
            case 'd': case 'i': {
                f2[fl] = 'l'; f2[fl + 1] = 'l'; f2[fl + 2] = 'd'; f2[fl + 3] = 0;
                outf(sh, f2, arg_num(sh, arg, &bad));
                break;
            }
            case 'u': case 'x': case 'X': case 'o': {
                f2[fl] = 'l'; f2[fl + 1] = 'l'; f2[fl + 2] = conv; f2[fl + 3] = 0;
                outf(sh, f2, (unsigned long long)arg_num(sh, arg, &bad));
                break;
            }
            case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
                f2[fl] = conv; f2[fl + 1] = 0;
                outf(sh, f2, arg ? strtod(arg, NULL) : 0.0);
                break;
            }
            case 'c':
                if (arg && *arg) sh_out(sh, 1, arg, 1);
                break;
            case 's': case 'q': {
                f2[fl] = 's'; f2[fl + 1] = 0;
                outf(sh, f2, arg ? arg : "");
                break;
            }
            case 'b': {
                Stream *o = sh->fd[1];
                Stream *tmp = st_buf();
                sh->fd[1] = tmp;
                for (const char *q = arg ? arg : ""; *q;) {
                    if (*q == '\\') { q++; if (put_escape(sh, &q, 1)) { stop = 1; break; } continue; }
                    sh_out(sh, 1, q, 1);
                    q++;
                }
                sh->fd[1] = o;
                f2[fl] = 's'; f2[fl + 1] = 0;
                outf(sh, f2, tmp->b.p ? tmp->b.p : "");
                st_close(tmp);
                break;
            }
            default:
                errf(sh, "bash: line %d: printf: `%c': invalid format character\n", sh->lineno, conv);
                bad = 1;
                stop = 1;
            }
        }
    } while (!stop && i < argc && strchr(fmt, '%'));
    if (var) {
        sh->fd[1] = save;
        var_set(sh, var, cap->b.p ? cap->b.p : "");
        st_close(cap);
    }
    return bad;
}

/* ---- lookup -------------------------------------------------------------- */
static const char *const keywords[] = {"if", "then", "else", "elif", "fi", "for", "while", "until",
    "do", "done", "case", "esac", "function", "in", "{", "}", "!", "[[", "]]", NULL};

static int describe(Sh *sh, const char *name, int mode)
{
    /* mode 0: type, 1: command -v, 2: which, 3: type -t */
    for (int k = 0; keywords[k] && mode != 2; k++)
        if (!strcmp(keywords[k], name)) {
            if (mode == 0) outf(sh, "%s is a shell keyword\n", name);
            else if (mode == 3) outs(sh, "keyword\n");
            else outf(sh, "%s\n", name);
            return 0;
        }
    if (mode != 2 && func_find(sh, name)) {
        if (mode == 0) outf(sh, "%s is a function\n", name);
        else if (mode == 3) outs(sh, "function\n");
        else outf(sh, "%s\n", name);
        return 0;
    }
    int kind = builtin_kind(name);
    if (kind == 1 && mode != 2) {
        if (mode == 0) outf(sh, "%s is a shell builtin\n", name);
        else if (mode == 3) outs(sh, "builtin\n");
        else outf(sh, "%s\n", name);
        return 0;
    }
    if (kind) {
        const char *dir = (!strcmp(name, "sh") || !strcmp(name, "bash")) ? "/usr/bin" : "/usr/bin";
        if (mode == 0) outf(sh, "%s is %s/%s\n", name, dir, name);
        else if (mode == 3) outs(sh, "file\n");
        else outf(sh, "%s/%s\n", dir, name);
        return 0;
    }
    if (mode == 0) errf(sh, "bash: line %d: type: %s: not found\n", sh->lineno, name);
    return 1;
}

int b_type(Sh *sh, int argc, char **argv)
{
    int st = 0, mode = 0, i = 1;
    if (i < argc && !strcmp(argv[i], "-t")) { mode = 3; i++; }
    else if (i < argc && (!strcmp(argv[i], "-P") || !strcmp(argv[i], "-p"))) { mode = 2; i++; }
    for (; i < argc; i++) st |= describe(sh, argv[i], mode);
    return st;
}

int b_which(Sh *sh, int argc, char **argv)
{
    int st = 0;
    for (int i = 1; i < argc; i++) if (argv[i][0] != '-') st |= describe(sh, argv[i], 2);
    return st;
}

int b_command(Sh *sh, int argc, char **argv)
{
    int i = 1;
    if (i < argc && (!strcmp(argv[i], "-v") || !strcmp(argv[i], "-V"))) {
        int st = 0, mode = argv[i][1] == 'v' ? 1 : 0;
        for (i++; i < argc; i++) st |= describe(sh, argv[i], mode);
        return st;
    }
    if (i < argc && !strcmp(argv[i], "-p")) i++;
    if (i >= argc) return 0;
    int special;
    builtin_fn fn = find_builtin(argv[i], &special);
    if (!fn) return sh_run_argv(sh, argc - i, argv + i);
    return fn(sh, argc - i, argv + i);
}

int b_let(Sh *sh, int argc, char **argv)
{
    long long v = 0;
    for (int i = 1; i < argc; i++) {
        int err = 0;
        v = sh_arith(sh, argv[i], &err);
        if (err) { errf(sh, "bash: line %d: let: %s: syntax error in expression\n", sh->lineno, argv[i]); return 1; }
    }
    return v ? 0 : 1;
}

int b_bash(Sh *sh, int argc, char **argv) { return run_bash(sh, argc, argv); }

int b_exec(Sh *sh, int argc, char **argv)
{
    if (argc < 2) return 0;
    int st = sh_run_argv(sh, argc - 1, argv + 1);
    sh->ctl = CTL_EXIT;
    return st;
}

int b_mapfile(Sh *sh, int argc, char **argv)
{
    int strip = 0;
    const char *name = "MAPFILE";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-t")) strip = 1;
        else if (argv[i][0] != '-') name = argv[i];
    }
    char **items = NULL;
    int n = 0;
    tbuf line = {0};
    while (sh->fd[0] && st_getline(sh->fd[0], &line)) {
        if (strip && line.len && line.p[line.len - 1] == '\n') line.p[--line.len] = 0;
        items = xrealloc(items, sizeof(char *) * (size_t)(n + 1));
        items[n++] = xstrdup(line.p);
    }
    tbuf_free(&line);
    var_set_arr(sh, name, items, n);
    argv_free(items, n);
    return 0;
}

int b_getopts(Sh *sh, int argc, char **argv)
{
    if (argc < 3) return 2;
    const char *opts = argv[1];
    const char *ind = var_get(sh, "OPTIND");
    int optind = ind ? atoi(ind) : 1;
    if (optind < 1) optind = 1;
    const char *sub = var_get(sh, "_GETOPTS_SUB");
    int subi = sub ? atoi(sub) : 1;
    char **args = argc > 3 ? argv + 3 : sh->pos;
    int nargs = argc > 3 ? argc - 3 : sh->npos;
    if (optind > nargs) { var_set(sh, argv[2], "?"); return 1; }
    const char *a = args[optind - 1];
    if (a[0] != '-' || !a[1] || !strcmp(a, "--")) {
        if (!strcmp(a, "--")) { char b[16]; snprintf(b, sizeof b, "%d", optind + 1); var_set(sh, "OPTIND", b); }
        var_set(sh, argv[2], "?");
        return 1;
    }
    char c = a[subi];
    const char *o = strchr(opts, c);
    char nm[2] = {c, 0};
    int next_opt = 0;
    if (!o || c == ':') {
        errf(sh, "bash: illegal option -- %c\n", c);
        var_set(sh, argv[2], "?");
        next_opt = !a[subi + 1];
    } else if (o[1] == ':') {
        if (a[subi + 1]) var_set(sh, "OPTARG", a + subi + 1);
        else if (optind < nargs) { var_set(sh, "OPTARG", args[optind]); optind++; }
        else { errf(sh, "bash: option requires an argument -- %c\n", c); var_set(sh, argv[2], "?"); optind++; subi = 1; goto done; }
        var_set(sh, argv[2], nm);
        next_opt = 1;
    } else {
        var_set(sh, argv[2], nm);
        next_opt = !a[subi + 1];
    }
    if (next_opt) { optind++; subi = 1; } else subi++;
done:;
    char b[16];
    snprintf(b, sizeof b, "%d", optind);
    var_set(sh, "OPTIND", b);
    snprintf(b, sizeof b, "%d", subi);
    var_set(sh, "_GETOPTS_SUB", b);
    return 0;
}
