/*
 * guest/bash/path.c — the shell's working directory is interpreter state:
 * every path is made absolute against sh->cwd and normalised here before any
 * system call, and `/` lists only the granted directories (the preopens).
 */
#include "sh.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __wasi__
#include <wasi/api.h>
#endif

char *path_join(const char *a, const char *b)
{
    size_t la = strlen(a);
    if (la && a[la - 1] == '/') return xasprintf("%s%s", a, b);
    return xasprintf("%s/%s", a, b);
}

char *sh_abs(Sh *sh, const char *p)
{
    char *full = p[0] == '/' ? xstrdup(p) : path_join(sh->cwd, p);
    /* Lexical normalisation: drop "." and empty parts, ".." pops. */
    size_t n = strlen(full);
    char *out = xmalloc(n + 2);
    size_t o = 0;
    const char *s = full;
    while (*s) {
        while (*s == '/') s++;
        if (!*s) break;
        const char *e = strchr(s, '/');
        size_t l = e ? (size_t)(e - s) : strlen(s);
        if (l == 1 && s[0] == '.') {
        } else if (l == 2 && s[0] == '.' && s[1] == '.') {
            while (o > 0 && out[o - 1] != '/') o--;
            if (o > 0) o--;
        } else {
            out[o++] = '/';
            memcpy(out + o, s, l);
            o += l;
        }
        s += l;
    }
    if (!o) out[o++] = '/';
    out[o] = 0;
    free(full);
    return out;
}

const char *P(Sh *sh, const char *p)
{
    static char *ring[8];
    static int k;
    k = (k + 1) & 7;
    free(ring[k]);
    ring[k] = sh_abs(sh, p);
    return ring[k];
}

int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int sh_list_root(char ***names, int *n)
{
    *names = NULL;
    *n = 0;
#ifdef __wasi__
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        size_t l = ps.u.dir.pr_name_len;
        char *nm = xmalloc(l + 1);
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)nm, l) != 0) { free(nm); continue; }
        nm[l] = 0;
        /* The first component of each preopen, once. */
        char *s = nm;
        while (*s == '/') s++;
        char *e = strchr(s, '/');
        if (e) *e = 0;
        int dup = !*s;
        for (int i = 0; i < *n && !dup; i++) dup = !strcmp((*names)[i], s);
        if (!dup) {
            *names = xrealloc(*names, sizeof(char *) * (size_t)(*n + 1));
            (*names)[(*n)++] = xstrdup(s);
        }
        free(nm);
    }
    return 0;
#else
    return -1;
#endif
}

int walk_enter(Walk *w, const struct stat *st)
{
    for (int i = 0; i < w->n; i++)
        if (w->dev[i] == (unsigned long long)st->st_dev && w->ino[i] == (unsigned long long)st->st_ino) return WALK_CYCLE;
    if (w->n >= SH_WALK_DEPTH) return WALK_DEEP;
    w->dev[w->n] = (unsigned long long)st->st_dev;
    w->ino[w->n] = (unsigned long long)st->st_ino;
    w->n++;
    return WALK_OK;
}
void walk_leave(Walk *w) { if (w->n > 0) w->n--; }

int list_dir(Sh *sh, const char *path, char ***names, int *n) { return list_dir_t(sh, path, names, NULL, n); }

int list_dir_t(Sh *sh, const char *path, char ***names, unsigned char **types, int *n)
{
    if (types) *types = NULL;
    const char *ap = P(sh, path);
#ifdef __wasi__
    if (!strcmp(ap, "/")) {
        int r = sh_list_root(names, n);
        if (types) { *types = xmalloc((size_t)*n + 1); memset(*types, DT_DIR, (size_t)*n + 1); }
        return r;
    }
#endif
    DIR *d = opendir(ap);
    *names = NULL;
    *n = 0;
    if (!d) return -1;
    struct dirent *e;
    int cap = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *names = xrealloc(*names, sizeof(char *) * (size_t)cap);
            if (types) *types = xrealloc(*types, (size_t)cap);
        }
        if (types) (*types)[*n] = e->d_type;   /* saves a stat per entry */
        (*names)[(*n)++] = xstrdup(e->d_name);
    }
    closedir(d);
    return 0;
}
