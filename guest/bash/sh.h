/*
 * guest/bash/sh.h — the bash tool's shared types: virtual streams (the
 * shell's file descriptors), shell state, the syntax tree, and the entry
 * points of each part (parse.c, expand.c, arith.c, exec.c, io.c, path.c,
 * the builtin families b_*.c and the utilities u_*.c).
 *
 * There is no fork/exec/pipe in wasm32-wasi: every command runs inside this
 * one process.  A pipeline runs its stages in order through bounded
 * in-memory buffers, redirections swap entries of sh->fd[], and a subshell
 * is a snapshot of the state restored afterwards.
 */
#ifndef BX_BASH_SH_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1   /* memmem, strcasecmp, REG_* in wasi-libc and glibc */
#endif
#define BX_BASH_SH_H
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include "tool.h"

#define SH_BUF_CAP   (16u << 20)   /* any one pipe / capture / final output */
#define SH_NFD       10
#define SH_PATH_MAX  4096

/* ---- streams ------------------------------------------------------------ */
enum { S_BUF, S_FILE, S_NULL };
typedef struct Stream {
    int kind;
    tbuf b;          /* S_BUF: the data (output appended, input read from pos) */
    size_t pos;      /* input read position */
    int fd;          /* S_FILE: host fd, written through wbuf */
    tbuf w;          /* S_FILE write buffer */
    int dropped;     /* output beyond SH_BUF_CAP was dropped */
    int werr;        /* S_FILE: errno of the first failed write (EDQUOT at --max-write) */
    int regular;     /* input came from a regular file (wc's width rule) */
    long long size;  /* its size */
} Stream;

Stream *st_buf(void);
Stream *st_in(const char *data, size_t len);   /* copies */
Stream *st_null(void);
Stream *st_file(int fd);
void st_write(Stream *s, const void *p, size_t n);
void st_flush(Stream *s);
int st_close(Stream *s);   /* flush, close the fd, free; the errno of a failed write, else 0 */
/* Reading: the rest of the input / one line (with its \n; 0 at EOF). */
int st_getline(Stream *s, tbuf *line);
size_t st_rest(Stream *s, const char **p);   /* and consumes it */

/* ---- syntax tree ---------------------------------------------------------- */
enum { R_IN, R_OUT, R_APP, R_DUPOUT, R_DUPIN, R_HERE, R_HERESTR, R_ALL, R_ALLAPP, R_RW };
typedef struct Redir {
    int fd, op;
    char *word;        /* target (raw) or here-doc delimiter */
    char *here;        /* here-document body */
    int hquoted, strip;
    struct Redir *next;
} Redir;

enum { N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_GROUP, N_SUB, N_IF, N_WHILE, N_UNTIL,
       N_FOR, N_CASE, N_FUNC, N_ARITH, N_COND, N_NOT, N_BG };
typedef struct CaseItem { char **pats; int npats; struct Node *body; int fall; } CaseItem;
typedef struct Node {
    int type, lineno;
    char **words; int nwords;      /* CMD argv, FOR list, CASE word, COND tokens */
    char **assigns; int nassigns;
    Redir *redirs;
    struct Node *a, *b, *c;
    struct Node **kids; int nkids;
    char *name;                    /* FOR variable, FUNC name, ARITH text */
    int has_in;                    /* FOR: an `in` list was given */
    CaseItem *items; int nitems;
} Node;

typedef struct Parser Parser;
Parser *sh_parser_new(const char *src, int line0);
Node *sh_parse_next(Parser *p, char **err);
void sh_parser_free(Parser *p);
/* Parses a whole script; NULL with *err set (malloc'd message) on error. */
Node *sh_parse(const char *src, int line0, char **err);
/* Scans from s[i] (just after "$(" / "${" / "`" / "$((") to the position
 * after the closing delimiter; n if unterminated. */
size_t sh_skip_subst(const char *s, size_t i, size_t n, char open);
/* The raw words of s (an array literal's inside), NULL-terminated. */
char **sh_split_raw(const char *s, int *n);

/* ---- shell state ---------------------------------------------------------- */
typedef struct Var { char *name, *val; int exp, ro; char **arr; int narr; } Var;
typedef struct Func { char *name; Node *body; } Func;
typedef struct LocalSave { char *name; Var old; int existed; } LocalSave;

enum { CTL_NONE, CTL_BREAK, CTL_CONT, CTL_RETURN, CTL_EXIT };

typedef struct Sh {
    Var *vars; int nvars, capvars;
    Func *funcs; int nfuncs;
    char **pos; int npos;
    char *arg0, *cwd;
    int status, lastbg;
    int ctl, ctl_n;
    int errexit, nounset, pipefail, xtrace, noglob;
    int in_cond, loops, funcs_depth;
    LocalSave *locals; int nlocals, caplocals;
    Stream *fd[SH_NFD];
    int timed_out, experr, last_subst;
    int nsubst;    /* captures nested right now (bounded) */
    char *exit_trap;
    Stream **kept; int nkept;   /* streams opened by `exec >file` */
    double deadline, timeout;
    int lineno;
    unsigned long ticks;
    /* progress.c: the script's output so far, reported to the host while
     * it runs (NULL: not reported) */
    Stream *report;
    size_t reported;
    double report_at;
} Sh;

/* exec.c */
int sh_run_script(Sh *sh, const char *src, int line0);  /* parse + run */
int sh_exec(Sh *sh, Node *n);
int sh_run_argv(Sh *sh, int argc, char **argv);         /* xargs, find -exec */
int sh_tick(Sh *sh);                 /* timeout check; 1 when time is up */
double sh_now(void);
/* progress.c: report sh->report's new bytes when the time has come */
void sh_report(Sh *sh, double now);
typedef struct SubState SubState;
SubState *sh_sub_enter(Sh *sh);
void sh_run_exit_trap(Sh *sh);
void sh_keep_stream(Sh *sh, Stream *s);
void sh_sub_leave(Sh *sh, SubState *s);
int sh_capture(Sh *sh, const char *src, tbuf *out);   /* $(...) */

/* variables (vars.c) */
const char *var_get(Sh *sh, const char *name);
Var *var_find(Sh *sh, const char *name);
int var_set(Sh *sh, const char *name, const char *val);   /* -1: readonly */
void var_unset(Sh *sh, const char *name);
void var_set_arr(Sh *sh, const char *name, char **items, int n);
int valid_name(const char *s, size_t n);
Func *func_find(Sh *sh, const char *name);
void var_copy_all(Var *src, int n, Var **dst, int *dn, int *dcap);
void var_free_all(Var *v, int n);

/* expand.c */
char **sh_expand_words(Sh *sh, char **words, int n, int *outn);
char *sh_expand_str(Sh *sh, const char *raw);        /* no split, no glob */
char *sh_expand_pat(Sh *sh, const char *raw);        /* quoted chars escaped */
char *sh_expand_heredoc(Sh *sh, const char *body);
void argv_free(char **v, int n);

/* arith.c */
long long sh_arith(Sh *sh, const char *expr, int *err);

/* glob (glob.c) */
int has_glob(const char *pat);
char **sh_glob(Sh *sh, const char *pat, int *n);   /* NULL: no match */
int sh_fnmatch(const char *pat, const char *s, int flags);

/* output helpers (io.c) */
void sh_out(Sh *sh, int fd, const void *p, size_t n);
void outs(Sh *sh, const char *s);
void outf(Sh *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void errf(Sh *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reads file `path` ("-" = stdin) into *b; 0 or -1 with a message "CMD: path: why". */
int read_input(Sh *sh, const char *cmd, const char *path, tbuf *b);

/* GNU-style option scanning (io.c): options anywhere, bundled short flags,
 * "-n5" / "-n 5", "--long[=value]" (returned as 'L' with lname/arg), "-5"
 * (returned as '#' when spec has '#'), "--" ends options.  Operands collect
 * in ops. */
typedef struct GO {
    int argc, i; char **argv; const char *p;
    const char *arg, *lname; char bad;
    char **ops; int nops;
    int done;
} GO;
void go_init(GO *g, int argc, char **argv);
int go_next(GO *g, const char *spec);    /* -1 at the end, '?' unknown */
void go_free(GO *g);
/* Long options that take a separate value, e.g. "include" for --include X */
int go_long_arg(GO *g, const char *const *with_value);

/* paths (path.c) */
char *sh_abs(Sh *sh, const char *p);       /* malloc'd, normalised absolute path */
const char *P(Sh *sh, const char *p);      /* rotating static copy of sh_abs */
int sh_list_root(char ***names, int *n);   /* the granted top-level names under / */
int list_dir(Sh *sh, const char *path, char ***names, int *n);  /* readdir order */
/* the same with each entry's DT_* type (DT_UNKNOWN when the fs doesn't say) */
int list_dir_t(Sh *sh, const char *path, char ***names, unsigned char **types, int *n);
int cmp_str(const void *a, const void *b); /* qsort of char* in C order */
char *path_join(const char *a, const char *b);

/* Recursive walks (cp -r, rm -r, find, du, ls -R, grep -r): the directories
 * on the current path, so that a walk that follows links (cp -L, find -L,
 * du -L, grep -R) can never loop, and a depth cap for every walk (bounded
 * guest stack, and a tree cannot grow without end under a copy). */
#define SH_WALK_DEPTH 256
typedef struct Walk { int n; unsigned long long dev[SH_WALK_DEPTH], ino[SH_WALK_DEPTH]; } Walk;
enum { WALK_OK = 0, WALK_CYCLE, WALK_DEEP };
/* Enter directory st: WALK_OK (leave it with walk_leave), WALK_CYCLE when
 * it is one of its own ancestors, WALK_DEEP past SH_WALK_DEPTH levels. */
int walk_enter(Walk *w, const struct stat *st);
void walk_leave(Walk *w);

int link_at(Sh *sh, const char *a, const char *b);
int sh_is_exec(Sh *sh, const char *path, const struct stat *st);
#include <time.h>
int sh_parse_date(const char *s, time_t *t);

/* [ / test / [[ (b_test.c): 0 true, 1 false, 2 error */
int test_eval(Sh *sh, char **w, int n, int cond);

/* builtins: one table (exec.c) */
typedef int (*builtin_fn)(Sh *sh, int argc, char **argv);
builtin_fn find_builtin(const char *name, int *special);
int builtin_kind(const char *name);
int run_bash(Sh *sh, int argc, char **argv);

/* helpers */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* regex wrapper (u_grep.c) shared with sed */
#include <regex.h>
int sh_regcomp(regex_t *re, const char *pat, int ere, int icase);

#endif
