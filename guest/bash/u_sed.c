/*
 * guest/bash/u_sed.c — sed: s///[gpNiI] with groups and & (and \U \L \E),
 * d p q Q a i c y = n N h H g G x b t : { }, line/$//re/ addresses, ranges,
 * first~step, addr,+N, `!`, -n -e -f -i[SUF] -E/-r -s.
 */
#include "cmds.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { A_NONE, A_LINE, A_LAST, A_RE, A_STEP, A_PLUS };
typedef struct Addr { int t; long long n, step; regex_t *re; } Addr;
typedef struct Cmd {
    Addr a1, a2;
    int neg;
    char c;
    /* s */
    regex_t *re; char *rep; int global, nth, print; char *wfile;
    char *text;        /* a i c, labels for b t : */
    unsigned char ymap[256];
    int jump;          /* resolved index for b/t/{ (to matching }) */
    /* range state */
    int active; long long endline;
} Cmd;

typedef struct Sed {
    Sh *sh;
    Cmd *c; int n, cap;
    int ere, quiet, sep;
    regex_t *last_re;
    char *err;
} Sed;

static Cmd *newcmd(Sed *s)
{
    if (s->n == s->cap) { s->cap = s->cap ? s->cap * 2 : 16; s->c = xrealloc(s->c, sizeof(Cmd) * (size_t)s->cap); }
    Cmd *c = &s->c[s->n++];
    memset(c, 0, sizeof *c);
    return c;
}

static char *read_delim(Sed *s, const char **pp, char d, int is_re)
{
    /* up to an unescaped d; \d becomes d; \n becomes newline (in regexes) */
    const char *p = *pp;
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    int inbr = 0;
    while (*p && (*p != d || inbr)) {
        if (is_re && *p == '[' && !inbr) {
            inbr = 1;
            tbuf_put(&b, p, 1);
            p++;
            if (*p == '^') { tbuf_put(&b, p, 1); p++; }
            if (*p == ']') { tbuf_put(&b, p, 1); p++; }
            continue;
        }
        if (inbr && *p == ']') { inbr = 0; tbuf_put(&b, p, 1); p++; continue; }
        if (inbr && p[0] == '\\' && (p[1] == 't' || p[1] == 'n')) { tbuf_put(&b, p[1] == 't' ? "\t" : "\n", 1); p += 2; continue; }
        if (*p == '\\' && p[1] && !inbr) {
            if (p[1] == d) { tbuf_put(&b, &d, 1); p += 2; continue; }
            if (p[1] == 'n' && is_re) { tbuf_put(&b, "\n", 1); p += 2; continue; }
            tbuf_put(&b, p, 2);
            p += 2;
            continue;
        }
        tbuf_put(&b, p, 1);
        p++;
    }
    if (*p != d) { if (!s->err) s->err = xstrdup("unterminated `s' command"); tbuf_free(&b); return NULL; }
    *pp = p + 1;
    return b.p;
}

static regex_t *compile(Sed *s, const char *pat, int icase)
{
    if (!*pat) {
        if (!s->last_re && !s->err) s->err = xstrdup("no previous regular expression");
        return s->last_re;
    }
    regex_t *re = xmalloc(sizeof *re);
    int r = sh_regcomp(re, pat, s->ere, icase);
    if (r) {
        char msg[128];
        regerror(r, re, msg, sizeof msg);
        if (!s->err) s->err = xasprintf("-e expression #1, char 0: %s", msg);
        free(re);
        return NULL;
    }
    s->last_re = re;
    return re;
}

static int parse_addr(Sed *s, const char **pp, Addr *a)
{
    const char *p = *pp;
    if (isdigit((unsigned char)*p)) {
        a->n = strtoll(p, (char **)&p, 10);
        a->t = A_LINE;
        if (*p == '~') { a->step = strtoll(p + 1, (char **)&p, 10); a->t = A_STEP; }
    } else if (*p == '$') { a->t = A_LAST; p++; }
    else if (*p == '/' || (*p == '\\' && p[1])) {
        char d = *p == '/' ? '/' : p[1];
        p += *p == '/' ? 1 : 2;
        char *pat = read_delim(s, &p, d, 1);
        if (!pat) return -1;
        int icase = 0;
        while (*p == 'I' || *p == 'M') { if (*p == 'I') icase = 1; p++; }
        a->re = compile(s, pat, icase);
        free(pat);
        if (!a->re) return -1;
        a->t = A_RE;
    } else if (*p == '+' && isdigit((unsigned char)p[1])) {
        a->n = strtoll(p + 1, (char **)&p, 10);
        a->t = A_PLUS;
    }
    *pp = p;
    return 0;
}

static char *read_text(const char **pp)
{
    /* a/i/c text: GNU one-liner form "a text" or "a\" newline text */
    const char *p = *pp;
    if (*p == '\\') { p++; if (*p == '\n') p++; }
    while (*p == ' ' || *p == '\t') p++;
    tbuf b = {0};
    tbuf_put(&b, "", 0);
    while (*p && *p != '\n') {
        if (*p == '\\' && p[1]) {
            p++;
            if (*p == 'n') tbuf_put(&b, "\n", 1);
            else if (*p == 't') tbuf_put(&b, "\t", 1);
            else tbuf_put(&b, p, 1);
            p++;
            continue;
        }
        tbuf_put(&b, p, 1);
        p++;
    }
    *pp = p;
    return b.p;
}

static int parse_script(Sed *s, const char *p)
{
    int depth = 0;
    int stack[64];
    while (*p) {
        while (*p && (isspace((unsigned char)*p) || *p == ';')) p++;
        if (!*p) break;
        if (*p == '#') { while (*p && *p != '\n') p++; continue; }
        Cmd *c = newcmd(s);
        if (parse_addr(s, &p, &c->a1) < 0) return -1;
        if (c->a1.t && *p == ',') {
            p++;
            if (parse_addr(s, &p, &c->a2) < 0) return -1;
            if (!c->a2.t) { s->err = xstrdup("unexpected `,'"); return -1; }
        }
        while (*p == ' ' || *p == '\t') p++;
        while (*p == '!') { c->neg = 1; p++; while (*p == ' ') p++; }
        if (!*p) { s->err = xstrdup("missing command"); return -1; }
        c->c = *p++;
        switch (c->c) {
        case '{':
            if (depth >= 64) { s->err = xstrdup("too many {"); return -1; }
            stack[depth++] = s->n - 1;
            break;
        case '}':
            if (!depth) { s->err = xstrdup("unexpected `}'"); return -1; }
            s->c[stack[--depth]].jump = s->n - 1;
            break;
        case 's': {
            char d = *p++;
            if (!d || d == '\n' || d == '\\') { s->err = xstrdup("unterminated `s' command"); return -1; }
            char *pat = read_delim(s, &p, d, 1);
            if (!pat) return -1;
            char *rep = read_delim(s, &p, d, 0);
            if (!rep) { free(pat); return -1; }
            int icase = 0;
            for (;;) {
                if (*p == 'g') c->global = 1;
                else if (*p == 'p') c->print = 1;
                else if (*p == 'i' || *p == 'I') icase = 1;
                else if (*p == 'm' || *p == 'M' || *p == 'e') ;
                else if (isdigit((unsigned char)*p)) { c->nth = (int)strtol(p, (char **)&p, 10); continue; }
                else if (*p == 'w') { p++; while (*p == ' ') p++; const char *st = p; while (*p && *p != '\n') p++; c->wfile = xstrndup(st, (size_t)(p - st)); break; }
                else break;
                p++;
            }
            c->re = compile(s, pat, icase);
            free(pat);
            if (!c->re) return -1;
            c->rep = rep;
            break;
        }
        case 'y': {
            char d = *p++;
            char *a = read_delim(s, &p, d, 0), *b = a ? read_delim(s, &p, d, 0) : NULL;
            if (!a || !b || strlen(a) != strlen(b)) { free(a); free(b); if (!s->err) s->err = xstrdup("strings for `y' command are different lengths"); return -1; }
            for (int i = 0; i < 256; i++) c->ymap[i] = (unsigned char)i;
            for (size_t i = 0; a[i]; i++) c->ymap[(unsigned char)a[i]] = (unsigned char)b[i];
            free(a); free(b);
            break;
        }
        case 'a': case 'i': case 'c':
            c->text = read_text(&p);
            break;
        case ':': {
            while (*p == ' ') p++;
            const char *st = p;
            while (*p && *p != '\n' && *p != ';') p++;
            c->text = xstrndup(st, (size_t)(p - st));
            break;
        }
        case 'b': case 't': case 'T': {
            while (*p == ' ') p++;
            const char *st = p;
            while (*p && *p != '\n' && *p != ';' && *p != '}') p++;
            c->text = xstrndup(st, (size_t)(p - st));
            break;
        }
        case 'q': case 'Q': case 'l': case 'L':
            while (*p == ' ') p++;
            if (isdigit((unsigned char)*p)) c->nth = (int)strtol(p, (char **)&p, 10);
            break;
        case 'w': case 'r': case 'R': case 'W': {
            while (*p == ' ') p++;
            const char *st = p;
            while (*p && *p != '\n') p++;
            c->text = xstrndup(st, (size_t)(p - st));
            break;
        }
        case 'd': case 'D': case 'p': case 'P': case 'n': case 'N': case 'g': case 'G': case 'h': case 'H':
        case 'x': case '=': case 'z': case 'F':
            break;
        default:
            s->err = xasprintf("-e expression #1, char %d: unknown command: `%c'", 1, c->c);
            return -1;
        }
    }
    if (depth) { s->err = xstrdup("-e expression #1, char 0: unmatched `{'"); return -1; }
    /* resolve labels */
    for (int i = 0; i < s->n; i++) {
        Cmd *c = &s->c[i];
        if (c->c != 'b' && c->c != 't' && c->c != 'T') continue;
        c->jump = s->n;   /* empty label: end of script */
        if (!*c->text) continue;
        int found = 0;
        for (int k = 0; k < s->n; k++)
            if (s->c[k].c == ':' && !strcmp(s->c[k].text, c->text)) { c->jump = k; found = 1; break; }
        if (!found) { s->err = xasprintf("-e expression #1, char 0: can't find label for jump to `%s'", c->text); return -1; }
    }
    return 0;
}

typedef struct Run {
    Sed *s;

    const char *buf; size_t len;
    size_t pos;            /* next unread byte */
    long long lineno;
    int last_had_nl;
    tbuf ps, hs, append, out;
    int quit, tflag;
} Run;

static int next_line(Run *r, tbuf *into, int appendnl)
{
    if (r->pos >= r->len) return 0;
    const char *nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
    size_t e = nl ? (size_t)(nl - r->buf) : r->len;
    if (appendnl) tbuf_put(into, "\n", 1);
    tbuf_put(into, r->buf + r->pos, e - r->pos);
    r->last_had_nl = nl != NULL;
    r->pos = nl ? e + 1 : r->len;
    r->lineno++;
    return 1;
}
static int is_last(Run *r) { return r->pos >= r->len; }

static int sed_rematch(regex_t *re, const char *s)
{
    return regexec(re, s, 0, NULL, 0) == 0;
}

static int addr_match(Run *r, Addr *a)
{
    switch (a->t) {
    case A_LINE: return r->lineno == a->n;
    case A_LAST: return is_last(r);
    case A_RE: return sed_rematch(a->re, r->ps.p ? r->ps.p : "");
    case A_STEP: return a->step > 0 ? (r->lineno >= a->n && (r->lineno - a->n) % a->step == 0) : r->lineno == a->n;
    }
    return 0;
}

static int selected(Run *r, Cmd *c)
{
    int m;
    if (!c->a1.t) m = 1;
    else if (!c->a2.t) m = addr_match(r, &c->a1);
    else if (c->active) {
        m = 1;
        if (c->a2.t == A_LINE || c->a2.t == A_PLUS) { if (r->lineno >= c->endline) c->active = 0; }
        else if (addr_match(r, &c->a2)) c->active = 0;
    } else if (addr_match(r, &c->a1)) {
        m = 1;
        c->active = 1;
        if (c->a2.t == A_LINE) { c->endline = c->a2.n; if (c->a2.n <= r->lineno) c->active = 0; }
        else if (c->a2.t == A_PLUS) { c->endline = r->lineno + c->a2.n; if (!c->a2.n) c->active = 0; }
        else if (c->a2.t == A_LAST && is_last(r)) c->active = 0;
    } else m = 0;
    return m != c->neg;
}

static void emit(Run *r, const char *p, size_t n, int nl)
{
    tbuf_put(&r->out, p, n);
    if (nl) tbuf_put(&r->out, "\n", 1);
}

static int substitute(Run *r, Cmd *c)
{
    const char *s = r->ps.p ? r->ps.p : "";
    size_t n = r->ps.len;
    tbuf o = {0};
    tbuf_put(&o, "", 0);
    size_t pos = 0;
    int count = 0, did = 0;
    regmatch_t m[10];
    while (pos <= n) {
        if (regexec(c->re, s + pos, 10, m, pos ? REG_NOTBOL : 0) != 0) break;
        size_t ms = pos + (size_t)m[0].rm_so, me = pos + (size_t)m[0].rm_eo;
        count++;
        if (c->nth && count < c->nth) {
            size_t adv = me > ms ? me : ms + 1;
            tbuf_put(&o, s + pos, (adv <= n ? adv : n) - pos);
            pos = adv;
            continue;
        }
        tbuf_put(&o, s + pos, ms - pos);
        /* replacement */
        int cas = 0, one = 0;   /* \U=1 \L=2; \u=1 \l=2 for the next char */
        for (const char *p = c->rep; *p; p++) {
            const char *add = NULL;
            size_t al = 0;
            char ch;
            if (*p == '\\' && p[1]) {
                p++;
                if (isdigit((unsigned char)*p)) {
                    int k = *p - '0';
                    if (m[k].rm_so >= 0) { add = s + pos + m[k].rm_so; al = (size_t)(m[k].rm_eo - m[k].rm_so); }
                    else { add = ""; al = 0; }
                } else if (*p == 'n') { ch = '\n'; add = &ch; al = 1; }
                else if (*p == 't') { ch = '\t'; add = &ch; al = 1; }
                else if (*p == 'U') { cas = 1; continue; }
                else if (*p == 'L') { cas = 2; continue; }
                else if (*p == 'E') { cas = 0; continue; }
                else if (*p == 'u') { one = 1; continue; }
                else if (*p == 'l') { one = 2; continue; }
                else { ch = *p; add = &ch; al = 1; }
            } else if (*p == '&') { add = s + ms; al = me - ms; }
            else { ch = *p; add = &ch; al = 1; }
            for (size_t q = 0; q < al; q++) {
                char x = add[q];
                if (one) { x = (char)(one == 1 ? toupper((unsigned char)x) : tolower((unsigned char)x)); one = 0; }
                else if (cas) x = (char)(cas == 1 ? toupper((unsigned char)x) : tolower((unsigned char)x));
                tbuf_put(&o, &x, 1);
            }
        }
        did = 1;
        if (me == ms) {
            if (ms < n) tbuf_put(&o, s + ms, 1);
            pos = ms + 1;
        } else pos = me;
        if (!c->global) break;
    }
    if (!did) { tbuf_free(&o); return 0; }
    if (pos < n) tbuf_put(&o, s + pos, n - pos);
    tbuf_free(&r->ps);
    r->ps = o;
    return 1;
}

static void run_cycle_end(Run *r, int autoprint)
{
    if (autoprint && !r->s->quiet) emit(r, r->ps.p ? r->ps.p : "", r->ps.len, r->last_had_nl || !is_last(r));
    if (r->append.len) { tbuf_put(&r->out, r->append.p, r->append.len); r->append.len = 0; }
}

static void sed_stream(Sed *s, Run *r)
{
    Sh *sh = s->sh;
    while (!r->quit) {
        r->ps.len = 0;
        tbuf_put(&r->ps, "", 0);
        if (!next_line(r, &r->ps, 0)) break;
        r->tflag = 0;
        int pc = 0, autoprint = 1;
    restart:
        while (pc < s->n) {
            Cmd *c = &s->c[pc];
            if (c->c == ':' ) { pc++; continue; }
            if (c->c == '}') { pc++; continue; }
            if (!selected(r, c)) { pc = c->c == '{' ? c->jump + 1 : pc + 1; continue; }
            switch (c->c) {
            case '{': break;
            case 's': {
                if (substitute(r, c)) {
                    r->tflag = 1;
                    if (c->print) emit(r, r->ps.p, r->ps.len, 1);
                    if (c->wfile) {
                        int fd = open(P(sh, c->wfile), O_WRONLY | O_CREAT | O_APPEND, 0644);
                        if (fd >= 0) { Stream *w = st_file(fd); st_write(w, r->ps.p, r->ps.len); st_write(w, "\n", 1); st_close(w); }
                    }
                }
                break;
            }
            case 'd': autoprint = 0; goto endcycle;
            case 'D': {
                char *nl = memchr(r->ps.p, '\n', r->ps.len);
                if (!nl) { autoprint = 0; goto endcycle; }
                size_t k = (size_t)(nl - r->ps.p) + 1;
                memmove(r->ps.p, r->ps.p + k, r->ps.len - k);
                r->ps.len -= k;
                r->ps.p[r->ps.len] = 0;
                if (r->append.len) { tbuf_put(&r->out, r->append.p, r->append.len); r->append.len = 0; }
                pc = 0;
                goto restart;
            }
            case 'p': emit(r, r->ps.p, r->ps.len, 1); break;
            case 'P': { char *nl = memchr(r->ps.p, '\n', r->ps.len); emit(r, r->ps.p, nl ? (size_t)(nl - r->ps.p) : r->ps.len, 1); break; }
            case 'q': r->quit = 1; goto endcycle;
            case 'Q': r->quit = 1; autoprint = 0; goto endcycle;
            case '=': { char b[32]; snprintf(b, sizeof b, "%lld\n", r->lineno); tbuf_puts(&r->out, b); break; }
            case 'a': tbuf_puts(&r->append, c->text); tbuf_put(&r->append, "\n", 1); break;
            case 'i': tbuf_puts(&r->out, c->text); tbuf_put(&r->out, "\n", 1); break;
            case 'c':
                if (!c->a2.t || !c->active) { tbuf_puts(&r->out, c->text); tbuf_put(&r->out, "\n", 1); }
                autoprint = 0;
                goto endcycle;
            case 'y': for (size_t k = 0; k < r->ps.len; k++) r->ps.p[k] = (char)c->ymap[(unsigned char)r->ps.p[k]]; break;
            case 'n':
                if (is_last(r)) { goto endcycle; }
                if (!s->quiet) emit(r, r->ps.p, r->ps.len, 1);
                if (r->append.len) { tbuf_put(&r->out, r->append.p, r->append.len); r->append.len = 0; }
                r->ps.len = 0;
                next_line(r, &r->ps, 0);
                break;
            case 'N':
                if (is_last(r)) { goto endcycle; }
                next_line(r, &r->ps, 1);
                break;
            case 'h': r->hs.len = 0; tbuf_put(&r->hs, r->ps.p, r->ps.len); break;
            case 'H': tbuf_put(&r->hs, "\n", 1); tbuf_put(&r->hs, r->ps.p, r->ps.len); break;
            case 'g': r->ps.len = 0; tbuf_put(&r->ps, r->hs.p ? r->hs.p : "", r->hs.len); break;
            case 'G': tbuf_put(&r->ps, "\n", 1); tbuf_put(&r->ps, r->hs.p ? r->hs.p : "", r->hs.len); break;
            case 'x': { tbuf t = r->ps; r->ps = r->hs; r->hs = t; if (!r->ps.p) tbuf_put(&r->ps, "", 0); break; }
            case 'z': r->ps.len = 0; r->ps.p[0] = 0; break;
            case 'b': pc = c->jump; continue;
            case 't': if (r->tflag) { r->tflag = 0; pc = c->jump; continue; } break;
            case 'T': if (!r->tflag) { pc = c->jump; continue; } r->tflag = 0; break;
            case 'l': case 'L': case 'F': break;
            case 'r': {
                tbuf f = {0};
                Stream *save = sh->fd[2];
                sh->fd[2] = NULL;
                if (read_input(sh, "sed", c->text, &f) == 0) tbuf_put(&r->append, f.p ? f.p : "", f.len);
                sh->fd[2] = save;
                tbuf_free(&f);
                break;
            }
            case 'w': case 'W': {
                int fd = open(P(sh, c->text), O_WRONLY | O_CREAT | O_APPEND, 0644);
                if (fd >= 0) { Stream *w = st_file(fd); st_write(w, r->ps.p, r->ps.len); st_write(w, "\n", 1); st_close(w); }
                break;
            }
            }
            pc++;
        }
    endcycle:
        run_cycle_end(r, autoprint);
        if (r->out.len > (1u << 20)) { if (sh_tick(sh)) break; }
    }
}

int u_sed(Sh *sh, int argc, char **argv)
{
    GO g;
    go_init(&g, argc, argv);
    int c, inplace = 0, sep = 0;
    const char *suffix = NULL;
    char *sfx = NULL;
    Sed s;
    memset(&s, 0, sizeof s);
    s.sh = sh;
    tbuf script = {0};
    int have_script = 0;
    /* -i takes an optional attached suffix: handle it before go_next */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--")) break;
        /* argv strings belong to the caller's (heap) array: replace, don't alias */
        if (!strncmp(argv[i], "-i", 2)) { inplace = 1; if (argv[i][2]) suffix = sfx = xstrdup(argv[i] + 2); free(argv[i]); argv[i] = xstrdup("-s"); }
        else if (!strncmp(argv[i], "--in-place", 10)) { inplace = 1; if (argv[i][10] == '=') suffix = sfx = xstrdup(argv[i] + 11); free(argv[i]); argv[i] = xstrdup("-s"); }
    }
    while ((c = go_next(&g, "ne:f:Ersuzl:")) != -1) {
        switch (c) {
        case 'n': s.quiet = 1; break;
        case 'e': if (have_script) tbuf_puts(&script, "\n"); tbuf_puts(&script, g.arg); have_script = 1; break;
        case 'f': {
            tbuf f = {0};
            if (read_input(sh, "sed", g.arg, &f) < 0) { go_free(&g); return 1; }
            if (have_script) tbuf_puts(&script, "\n");
            tbuf_put(&script, f.p ? f.p : "", f.len);
            tbuf_free(&f);
            have_script = 1;
            break;
        }
        case 'E': case 'r': s.ere = 1; break;
        case 's': sep = 1; break;
        case 'u': case 'z': case 'l': break;
        case 'L':
            if (!strcmp(g.lname, "quiet") || !strcmp(g.lname, "silent")) { s.quiet = 1; break; }
            if (!strcmp(g.lname, "regexp-extended")) { s.ere = 1; break; }
            if (!strcmp(g.lname, "expression")) {
                static const char *const wv[] = {"expression", NULL};
                go_long_arg(&g, wv);
                if (have_script) tbuf_puts(&script, "\n");
                tbuf_puts(&script, g.arg ? g.arg : "");
                have_script = 1;
                break;
            }
            if (!strcmp(g.lname, "posix") || !strcmp(g.lname, "separate") || !strcmp(g.lname, "debug")) break;
            errf(sh, "sed: unknown option -- '%s'\n", g.lname);
            go_free(&g);
            return 1;
        default:
            errf(sh, "sed: invalid option -- '%c'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n", g.bad);
            go_free(&g);
            return 1;
        }
    }
    int opi = 0;
    if (!have_script) {
        if (g.nops < 1) { errf(sh, "Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n"); go_free(&g); return 1; }
        tbuf_puts(&script, g.ops[opi++]);
    }
    if (parse_script(&s, script.p ? script.p : "") < 0) {
        errf(sh, "sed: %s\n", s.err ? s.err : "bad script");
        free(s.err);
        tbuf_free(&script);
        go_free(&g);
        return 1;
    }
    tbuf_free(&script);
    int nf = g.nops - opi;
    char **files = g.ops + opi;
    int st = 0;
    Run r;
    memset(&r, 0, sizeof r);
    r.s = &s;
    if (inplace || sep) {
        if (!nf && inplace) { errf(sh, "sed: no input files\n"); go_free(&g); return 1; }
        for (int i = 0; i < nf && !r.quit; i++) {
            tbuf b = {0};
            if (read_input(sh, "sed", files[i], &b) < 0) { st = 2; continue; }
            r.buf = b.p ? b.p : "";
            r.len = b.len;
            r.pos = 0;
            r.lineno = inplace ? 0 : r.lineno;
            if (inplace) for (int k = 0; k < s.n; k++) s.c[k].active = 0;
            r.out.len = 0;
            sed_stream(&s, &r);
            if (inplace) {
                if (suffix) {
                    char *bak = strchr(suffix, '*') ? NULL : xasprintf("%s%s", files[i], suffix);
                    if (bak) { rename(P(sh, files[i]), P(sh, bak)); free(bak); }
                }
                int fd = open(P(sh, files[i]), O_WRONLY | O_CREAT | O_TRUNC, 0644);
                if (fd < 0) { errf(sh, "sed: couldn't open file %s: %s\n", files[i], strerror(errno)); st = 4; }
                else { Stream *w = st_file(fd); st_write(w, r.out.p ? r.out.p : "", r.out.len); st_close(w); }
                r.quit = r.quit && 1;
            } else sh_out(sh, 1, r.out.p, r.out.len);
            tbuf_free(&b);
        }
    } else {
        /* all inputs as one stream */
        tbuf all = {0};
        tbuf_put(&all, "", 0);
        if (!nf) { const char *p; size_t n = sh->fd[0] ? st_rest(sh->fd[0], &p) : 0; tbuf_put(&all, p, n); }
        for (int i = 0; i < nf; i++) {
            size_t before = all.len;
            if (read_input(sh, "sed", files[i], &all) < 0) { st = 2; continue; }
            if (i < nf - 1 && all.len > before && all.p[all.len - 1] != '\n') tbuf_put(&all, "\n", 1);
        }
        r.buf = all.p;
        r.len = all.len;
        sed_stream(&s, &r);
        sh_out(sh, 1, r.out.p, r.out.len);
        tbuf_free(&all);
    }
    for (int k = 0; k < s.n; k++) { Cmd *cm = &s.c[k]; if (cm->c == 'q' && r.quit && cm->nth) st = cm->nth; }
    tbuf_free(&r.ps); tbuf_free(&r.hs); tbuf_free(&r.append); tbuf_free(&r.out);
    free(sfx);
    go_free(&g);
    return st;
}
