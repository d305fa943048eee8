/*
 * guest/bash/glob.c — pathname expansion against the sandboxed filesystem:
 * one directory level per pattern component, hidden names only for patterns
 * starting with a dot, results sorted in C order as bash does under LC_ALL=C.
 */
#include "sh.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int has_glob(const char *p)
{
    for (; *p; p++) {
        if (*p == '\\' && p[1]) { p++; continue; }
        if (*p == '*' || *p == '?') return 1;
        if (*p == '[' && strchr(p + 1, ']')) return 1;
    }
    return 0;
}

int sh_fnmatch(const char *pat, const char *s, int flags)
{
    return fnmatch(pat, s, flags);
}

static char *unescape(const char *s, size_t n)
{
    char *o = xmalloc(n + 1), *q = o;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) i++;
        *q++ = s[i];
    }
    *q = 0;
    return o;
}

typedef struct { char **v; int n, cap; } List;
static void lpush(List *l, char *s)
{
    if (l->n == l->cap) { l->cap = l->cap ? l->cap * 2 : 16; l->v = xrealloc(l->v, sizeof(char *) * (size_t)l->cap); }
    l->v[l->n++] = s;
}

char **sh_glob(Sh *sh, const char *pat, int *outn)
{
    List cur = {0};
    int abs = pat[0] == '/';
    lpush(&cur, xstrdup(abs ? "/" : ""));
    const char *p = pat;
    int dir_only = 0;
    size_t pl = strlen(pat);
    if (pl && pat[pl - 1] == '/') dir_only = 1;
    int literal_tail = 0;
    while (*p) {
        while (*p == '/') p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != '/') { if (*e == '\\' && e[1]) e++; e++; }
        size_t cl = (size_t)(e - p);
        char *comp = xstrndup(p, cl);
        List nx = {0};
        int g = has_glob(comp);
        for (int i = 0; i < cur.n; i++) {
            const char *base = cur.v[i];
            if (!g) {
                char *lit = unescape(comp, cl);
                lpush(&nx, *base ? path_join(base, lit) : xstrdup(lit));
                free(lit);
                continue;
            }
            char **names;
            int nn;
            if (list_dir(sh, *base ? base : ".", &names, &nn) < 0) continue;
            if (nn) qsort(names, (size_t)nn, sizeof(char *), cmp_str);
            for (int k = 0; k < nn; k++) {
                if (names[k][0] == '.' && comp[0] != '.') { free(names[k]); continue; }
                if (fnmatch(comp, names[k], FNM_PERIOD) == 0)
                    lpush(&nx, *base ? path_join(base, names[k]) : xstrdup(names[k]));
                free(names[k]);
            }
            free(names);
        }
        literal_tail = !g;
        for (int i = 0; i < cur.n; i++) free(cur.v[i]);
        free(cur.v);
        cur = nx;
        free(comp);
        p = e;
        if (*p) {  /* more components follow: keep only directories */
            List d = {0};
            for (int i = 0; i < cur.n; i++) {
                struct stat st;
                if (stat(P(sh, cur.v[i]), &st) == 0 && S_ISDIR(st.st_mode)) lpush(&d, cur.v[i]);
                else free(cur.v[i]);
            }
            free(cur.v);
            cur = d;
        }
    }
    List res = {0};
    for (int i = 0; i < cur.n; i++) {
        struct stat st;
        int ok = 1;
        if (literal_tail || dir_only) ok = lstat(P(sh, cur.v[i]), &st) == 0;
        if (ok && dir_only) ok = stat(P(sh, cur.v[i]), &st) == 0 && S_ISDIR(st.st_mode);
        if (ok) lpush(&res, dir_only ? xasprintf("%s/", cur.v[i]) : xstrdup(cur.v[i]));
        free(cur.v[i]);
    }
    free(cur.v);
    *outn = res.n;
    if (!res.n) { free(res.v); return NULL; }
    return res.v;
}
