/*
 * deny.c — the deny rules, on every name a denied object may have: the
 * lexical guest path (normalized, matched component-wise), the guest path
 * of its real location under any grant that reaches it, and the other
 * names (hard links) of a denied file.
 *
 * Below both path.c (the resolver asks these questions on every hop) and
 * links.c (renames and links walk the same patterns as an NFA): it calls
 * neither, so the dependency runs one way, links.c -> path.c -> deny.c.
 */
#include "wasi_impl.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- lexical: normalizing, matching the deny rules ---------------------- */

const char *bxw_next_name(const char **p, size_t *n)
{
    const char *s = *p, *e;
    while (*s == '/')
        s++;
    if (!*s) {
        *p = s;
        return NULL;
    }
    for (e = s; *e && *e != '/'; e++)
        ;
    *p = e;
    *n = (size_t)(e - s);
    return s;
}

int bxw_normalize(const char *in, char *out, size_t outsz)
{
    size_t n = 0;
    int climbed = 0;
    const char *p = in;
    if (outsz < 2)
        return -1;
    out[n++] = '/';
    const char *s;
    size_t len;
    while ((s = bxw_next_name(&p, &len)) != NULL) {
        if (len == 1 && s[0] == '.')
            continue;
        if (len == 2 && s[0] == '.' && s[1] == '.') {
            if (n == 1) {
                climbed = 1;            /* above "/": clamp, but tell */
                continue;
            }
            while (n > 1 && out[n - 1] != '/')
                n--;
            if (n > 1)
                n--;
            continue;
        }
        if (n + (n > 1) + len + 1 > outsz)
            return -1;
        if (n > 1)
            out[n++] = '/';
        memmove(out + n, s, len);       /* never UB, even if a caller overlaps in and out */
        n += len;
    }
    out[n] = 0;
    return climbed ? -2 : 0;
}

/*
 * Does the pattern match the path or one of its ancestors?  A dynamic
 * programme over components (two rows), so "**" costs O(pattern x path),
 * never exponential backtracking a guest could exploit.
 */
int bxw_glob_match(char *const *pc, uint32_t np, const char *path)
{
    size_t plen = strlen(path), ns = 0, j;
    char *copy = malloc(plen + 1);
    char **sc = malloc(sizeof(char *) * (plen / 2 + 2));
    unsigned char *prev = malloc(plen / 2 + 3), *cur = malloc(plen / 2 + 3);
    int hit = 0;
    uint32_t i;
    if (!copy || !sc || !prev || !cur) {
        hit = 1;                        /* fail closed */
        goto out;
    }
    memcpy(copy, path, plen + 1);
    for (char *q = copy; *q;) {
        while (*q == '/')
            *q++ = 0;
        if (!*q)
            break;
        sc[ns++] = q;
        while (*q && *q != '/')
            q++;
    }
    memset(prev, 0, ns + 1);
    prev[0] = 1;
    for (i = 0; i < np; i++) {
        if (strcmp(pc[i], "**") == 0) {
            unsigned char any = 0;
            for (j = 0; j <= ns; j++) {
                any |= prev[j];
                cur[j] = any;
            }
        } else {
            cur[0] = 0;
            for (j = 1; j <= ns; j++)
                cur[j] = prev[j - 1] && fnmatch(pc[i], sc[j - 1], 0) == 0;
        }
        memcpy(prev, cur, ns + 1);
    }
    for (j = 0; j <= ns && !hit; j++)
        hit = prev[j];
out:
    free(copy);
    free(sc);
    free(prev);
    free(cur);
    return hit;
}

const char *bxw_denied(const bx_wasi *w, const char *gpath)
{
    for (uint32_t i = 0; i < w->ndeny; i++)
        if (bxw_glob_match(w->deny[i].comp, w->deny[i].ncomp, gpath))
            return w->deny[i].rule;
    return NULL;
}

/* ---- the patterns as an NFA over components ---------------------------- */

/* "**" may match zero components: close the state set over it. */
void bxw_nfa_closure(char *const *pc, uint32_t np, unsigned char *st)
{
    for (uint32_t i = 0; i < np; i++)
        if (st[i] && !strcmp(pc[i], "**"))
            st[i + 1] = 1;
}

/* One component: st -> nx (both np + 1 long, closed).  1 when the
 * pattern is then matched (by this path, so also by all below it). */
int bxw_nfa_step(char *const *pc, uint32_t np, const unsigned char *st, const char *name,
                 unsigned char *nx)
{
    memset(nx, 0, np + 1);
    for (uint32_t i = 0; i < np; i++) {
        if (!st[i])
            continue;
        if (!strcmp(pc[i], "**"))
            nx[i] = nx[i + 1] = 1;
        else if (fnmatch(pc[i], name, 0) == 0)
            nx[i + 1] = 1;
    }
    bxw_nfa_closure(pc, np, nx);
    return nx[np];
}

/* ---- other guest paths of one host object ------------------------------- */

/* The host path of the object a resolution names. */
int bxw_obj_real(const bxw_res *r, char *out, size_t outsz)
{
    char link[64];
    ssize_t n;
    snprintf(link, sizeof link, "/proc/self/fd/%d", r->parent);
    n = readlink(link, out, outsz - 1);
    if (n <= 0 || (size_t)n >= outsz - 1)
        return -1;
    out[n] = 0;
    if (strcmp(r->last, ".") != 0) {
        size_t l = (size_t)n, k = strlen(r->last);
        if (l + k + 2 > outsz)
            return -1;
        if (l > 1)
            out[l++] = '/';
        memcpy(out + l, r->last, k + 1);
    }
    return 0;
}

int bxw_under(const char *path, const char *dir, int strict)
{
    size_t dl = strlen(dir);
    if (!strcmp(dir, "/"))
        return !strict || path[1];
    if (strncmp(path, dir, dl) != 0)
        return 0;
    return path[dl] == '/' || (!strict && path[dl] == 0);
}

const char *bxw_denied_alias(bx_wasi *w, const bxw_res *r)
{
    char real[BXW_GPATH_MAX], alias[BXW_GPATH_MAX], norm[BXW_GPATH_MAX];
    if (!w->ndeny || w->ngrants < 2 || !w->have_proc || bxw_obj_real(r, real, sizeof real) != 0)
        return NULL;
    for (uint32_t i = 0; i < w->ngrants; i++) {
        const bxw_grant *g = &w->grants[i];
        const char *rule;
        size_t hl = strcmp(g->host_real, "/") ? strlen(g->host_real) : 0;
        if (!bxw_under(real, g->host_real, 0))
            continue;
        if ((size_t)snprintf(alias, sizeof alias, "%s/%s", g->guest, real + hl) >= sizeof alias ||
            bxw_normalize(alias, norm, sizeof norm) != 0)
            return "deny rules (a path too long to check)";
        if ((rule = bxw_denied(w, norm)) != NULL)
            return rule;
    }
    return NULL;
}

/* ---- denied inodes ------------------------------------------------------
 * A denied file may have other names made before the call (hard links).
 * The first time a file with more than one name is reached, every file the
 * deny rules cover is found beneath each grant (the rules' own glob, walked
 * as an NFA, so "/workspace/config/prod.key" reads two directories) and
 * those with more than one name are remembered; any name of them is then
 * as absent as the denied one.  Renames and new links of denied entries
 * are refused (above), so the set cannot go stale during the call.
 */

#define INO_MAX_ENTRIES 200000

typedef struct inost {
    bx_wasi *w;
    size_t total;               /* sum of (ncomp + 1) over the rules */
    unsigned long entries;
    int over;
} inost;

static void add_ino(inost *is, const struct stat *st, const char *rule)
{
    bx_wasi *w = is->w;
    if (!S_ISREG(st->st_mode) || st->st_nlink < 2)
        return;
    if (w->ndenyino == w->denyino_cap) {
        uint32_t nc = w->denyino_cap ? 2 * w->denyino_cap : 16;
        bxw_ino *n = realloc(w->denyino, nc * sizeof *n);
        if (!n) {
            is->over = 1;               /* fail closed */
            return;
        }
        w->denyino = n;
        w->denyino_cap = nc;
    }
    w->denyino[w->ndenyino].dev = st->st_dev;
    w->denyino[w->ndenyino].ino = st->st_ino;
    w->denyino[w->ndenyino++].rule = rule;
}

/* Everything at and below (dfd, name) is denied by `rule`. */
static void ino_all(inost *is, int dfd, const char *name, const char *rule, unsigned level)
{
    struct stat st;
    if (is->over || ++is->entries > INO_MAX_ENTRIES || level > BXW_WALK_MAX_DEPTH) {
        is->over = 1;
        return;
    }
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return;
    add_ino(is, &st, rule);
    if (S_ISDIR(st.st_mode)) {
        int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        struct dirent *de;
        if (!d) {
            if (fd >= 0)
                close(fd);
            return;
        }
        while (!is->over && (de = readdir(d)) != NULL)
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
                ino_all(is, dirfd(d), de->d_name, rule, level + 1);
        closedir(d);
    }
}

/* Directory fd with the rules' NFA states `st` (closed): its entries. */
static void ino_dir(inost *is, int fd, const unsigned char *st, unsigned level)
{
    bx_wasi *w = is->w;
    int dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    unsigned char *nx = malloc(is->total);
    struct dirent *de;
    if (!d || !nx) {
        if (!d && dfd >= 0)
            close(dfd);
        if (d)
            closedir(d);
        free(nx);
        is->over = 1;
        return;
    }
    while (!is->over && (de = readdir(d)) != NULL) {
        size_t off = 0;
        int live = 0;
        const char *hit = NULL;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (++is->entries > INO_MAX_ENTRIES || level > BXW_WALK_MAX_DEPTH) {
            is->over = 1;
            break;
        }
        for (uint32_t k = 0; k < w->ndeny; k++) {
            uint32_t np = w->deny[k].ncomp;
            if (bxw_nfa_step(w->deny[k].comp, np, st + off, de->d_name, nx + off) && !hit)
                hit = w->deny[k].rule;
            for (uint32_t i = 0; i < np; i++)
                live |= nx[off + i];
            off += np + 1;
        }
        if (hit) {
            ino_all(is, dirfd(d), de->d_name, hit, level + 1);
        } else if (live && (de->d_type == DT_DIR || de->d_type == DT_UNKNOWN)) {
            int sub = openat(dirfd(d), de->d_name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) {
                ino_dir(is, sub, nx, level + 1);
                close(sub);
            }
        }
    }
    closedir(d);
    free(nx);
}

static void collect_inodes(bx_wasi *w)
{
    inost is;
    unsigned char *st, *tmp;
    memset(&is, 0, sizeof is);
    is.w = w;
    for (uint32_t k = 0; k < w->ndeny; k++)
        is.total += w->deny[k].ncomp + 1;
    st = malloc(is.total);
    tmp = malloc(is.total);
    if (!st || !tmp) {
        free(st);
        free(tmp);
        w->denyino_state = -1;
        return;
    }
    for (uint32_t g = 0; g < w->ngrants && !is.over; g++) {
        /* feed the grant's guest path to every rule's NFA */
        size_t off = 0;
        const char *hit = NULL;
        int live = 0;
        for (uint32_t k = 0; k < w->ndeny; k++) {
            uint32_t np = w->deny[k].ncomp;
            const char *p = w->grants[g].guest;
            memset(st + off, 0, np + 1);
            st[off] = 1;
            bxw_nfa_closure(w->deny[k].comp, np, st + off);
            const char *s;
            size_t n;
            while ((s = bxw_next_name(&p, &n)) != NULL) {
                char name[256];
                if (n >= sizeof name)
                    n = sizeof name - 1;
                memcpy(name, s, n);
                name[n] = 0;
                bxw_nfa_step(w->deny[k].comp, np, st + off, name, tmp);
                memcpy(st + off, tmp, np + 1);
            }
            if (st[off + np] && !hit)
                hit = w->deny[k].rule;
            for (uint32_t i = 0; i < np; i++)
                live |= st[off + i];
            off += np + 1;
        }
        if (hit)
            ino_all(&is, w->grants[g].dirfd, ".", hit, 0);
        else if (live)
            ino_dir(&is, w->grants[g].dirfd, st, 0);
    }
    free(st);
    free(tmp);
    w->denyino_state = is.over ? -1 : 1;
}

const char *bxw_denied_inode(bx_wasi *w, dev_t dev, ino_t ino)
{
    if (!w->ndeny)
        return NULL;
    if (!w->denyino_state)
        collect_inodes(w);
    if (w->denyino_state < 0)
        return "deny rules (too many entries to find other names of denied files)";
    for (uint32_t i = 0; i < w->ndenyino; i++)
        if (w->denyino[i].dev == dev && w->denyino[i].ino == ino)
            return w->denyino[i].rule;
    return NULL;
}
