/*
 * links.c — the rules that keep names honest after they are made:
 * where a symbolic link may point, what a rename may carry, and which
 * grant decides a mutation.
 *
 * The link rule.  A guest may create (or move, or hard-link) a symbolic
 * link only when its target is relative, written as zero or more ".."
 * followed only by names ("../../lib/x", "x/y", "."; never "a/../b" nor an
 * absolute path), and its leading ".." count is at most the depth of the
 * link's directory below the root of the grant it is reached through.
 * Why that is enough, for chains too: if every link below a root R obeys
 * it, resolving any path from inside R stays inside R.  By induction on
 * the links followed: a link sits in a real directory at depth d below
 * R; its k <= d leading ".." pop k real directories (still inside R);
 * the names after them only descend, and each link met on the way is
 * again a link inside R obeying the rule.  A ".." after a name is refused
 * because that name may itself be a link ("s -> .", then "s/.." climbs).
 * The rule depends only on the link's own target and its depth, so it is
 * re-checked exactly where those can change: creating a link, renaming a
 * link, hard-linking a link, and renaming a directory to a shallower
 * depth or into another grant (every link it carries is checked at its
 * new depth; nothing else can lower a link's depth).
 *
 * Deny rules on renames.  A denied entry must keep its denied name for
 * the whole call: a rename whose source carries (is, or contains) an
 * entry a deny rule matches under its old name, or whose result would
 * contain an entry a deny rule matches under its new name, is refused;
 * the walk happens only when some rule could match below the directory.
 * Removing a denied name, or linking it, is already refused because the
 * name itself resolves as absent.
 *
 * The most specific grant.  Grants may nest (write:/workspace with
 * read:/workspace/docs); a mutation is allowed only when the grant whose
 * host directory (or file) most specifically contains the object is
 * writable, whichever preopen the path came through.
 */
#include "wasi_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define WALK_MAX_ENTRIES 200000     /* entries checked per rename */

/*
 * Depth of the directory `fd` below grant g's root, counted physically by
 * climbing "..": guest paths may be lexical (no /proc) and may pass
 * through links ("s -> ." makes "s/s/s" depth 0).  fd is beneath the
 * root (the resolver guarantees it), so the climb ends there; should it
 * not, depth 0 is the safe answer (fewest ".." allowed).
 */
unsigned bxw_dir_depth(const bxw_grant *g, int fd)
{
    struct stat root, st;
    unsigned n = 0;
    int cur;
    if (fstat(g->dirfd, &root) != 0 || (cur = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0)
        return 0;
    for (;;) {
        int up;
        if (fstat(cur, &st) != 0 || n > BXW_GPATH_MAX) {
            n = 0;
            break;
        }
        if (st.st_dev == root.st_dev && st.st_ino == root.st_ino)
            break;
        up = openat(cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
        close(cur);
        if (up < 0)
            return 0;
        cur = up;
        n++;
    }
    close(cur);
    return n;
}

const char *bxw_target_bad(const char *t, unsigned depth)
{
    unsigned up = 0;
    int named = 0;
    if (!t[0])
        return "is empty";
    if (t[0] == '/')
        return "is absolute";
    const char *p = t, *s;
    size_t n;
    while ((s = bxw_next_name(&p, &n)) != NULL) {
        if (n == 1 && s[0] == '.')
            continue;
        if (n == 2 && s[0] == '.' && s[1] == '.') {
            if (named)
                return "has '..' after a name (that name may be a link)";
            if (++up > depth)
                return "climbs above the root of its grant";
            continue;
        }
        named = 1;
    }
    return NULL;
}

/* Could a deny pattern match a strict descendant of gpath?  An NFA over
 * the pattern's components, fed gpath's components. */
static int pattern_below(char *const *pc, uint32_t np, const char *gpath)
{
    unsigned char st[256], nx[256];
    const char *p = gpath, *s;
    size_t n;
    if (np + 1 > sizeof st)
        return 1;                       /* fail closed: walk */
    memset(st, 0, np + 1);
    st[0] = 1;
    bxw_nfa_closure(pc, np, st);
    while ((s = bxw_next_name(&p, &n)) != NULL) {
        char name[256];
        if (n >= sizeof name)
            return 1;
        memcpy(name, s, n);
        name[n] = 0;
        bxw_nfa_step(pc, np, st, name, nx);
        memcpy(st, nx, np + 1);
    }
    for (uint32_t i = 0; i < np; i++)
        if (st[i])
            return 1;
    return 0;
}

static int deny_below(const bx_wasi *w, const char *gpath)
{
    for (uint32_t i = 0; i < w->ndeny; i++)
        if (pattern_below(w->deny[i].comp, w->deny[i].ncomp, gpath))
            return 1;
    return 0;
}

typedef struct walkst {
    bx_wasi *w;
    unsigned base;              /* physical depth of the moved entry at its new place */
    int links;                  /* check links at their new depth */
    int deny;                   /* check deny rules on old and new names */
    int has_old, has_new;       /* which of the names exist (aliases through other grants) */
    int repair;                 /* after the rename: remove what breaks a rule instead of refusing */
    unsigned removed;
    const bxw_grant *ng;        /* grant of the destination */
    char old[BXW_GPATH_MAX], neu[BXW_GPATH_MAX];
    unsigned long entries;
    const char *why;            /* refusal: what was found */
    char at[BXW_GPATH_MAX];     /* refusal: where (new name) */
} walkst;

static int put_name(char *buf, size_t *len, const char *name)
{
    size_t l = strlen(name);
    if (*len + l + 2 > BXW_GPATH_MAX)
        return -1;
    if (*len > 1)
        buf[(*len)++] = '/';
    memcpy(buf + *len, name, l + 1);
    *len += l;
    return 0;
}

static int refuse_at(walkst *ws, const char *why, const char *where)
{
    ws->why = why;
    snprintf(ws->at, sizeof ws->at, "%s", where);
    return -1;
}

/* Remove (dfd, name) and, for a directory, everything in it (bounded). */
static void rm_tree(int dfd, const char *name, int isdir, unsigned level)
{
    if (isdir && level < BXW_WALK_MAX_DEPTH) {
        int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        struct dirent *de;
        if (!d && fd >= 0)
            close(fd);
        while (d && (de = readdir(d)) != NULL)
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
                rm_tree(dirfd(d), de->d_name, de->d_type == DT_DIR, level + 1);
        if (d)
            closedir(d);
    }
    (void)unlinkat(dfd, name, isdir ? AT_REMOVEDIR : 0);
}

/* A rule broken by a race with another call sharing the tree: the entry
 * the rename brought where it may not be is removed, and audited. */
static void repair_remove(walkst *ws, int dfd, const char *name, int isdir, const char *rule)
{
    rm_tree(dfd, name, isdir, 0);
    ws->removed++;
    bxw_audit(ws->w, "repair", ws->neu, 0, rule, W_NOTCAPABLE,
              "removed: a concurrent change made this rename carry it where a rule forbids it");
}

/* Check one entry (name in dirfd) under its old and new guest names, then
 * its subtree.  -1: refused (ws->why set). */
static int check_entry(walkst *ws, int dfd, const char *name, unsigned level)
{
    size_t ol0 = strlen(ws->old), nl0 = strlen(ws->neu), ol = ol0, nl = nl0;
    struct stat st;
    int ret = 0;
    if (++ws->entries > WALK_MAX_ENTRIES)
        return refuse_at(ws, "too many entries to check", ws->neu);
    if (put_name(ws->old, &ol, name) || put_name(ws->neu, &nl, name)) {
        ret = refuse_at(ws, "a path too long to check", ws->neu);
        goto out;
    }
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        ret = 0;                        /* gone meanwhile: nothing to carry */
        goto out;
    }
    if (ws->deny) {
        const char *rule = ws->has_old ? bxw_denied(ws->w, ws->old) : NULL;
        if (!rule && ws->has_new)
            rule = bxw_denied(ws->w, ws->neu);
        if (rule && ws->repair) {
            repair_remove(ws, dfd, name, S_ISDIR(st.st_mode), rule);
            goto out;
        }
        if (rule) {
            ret = refuse_at(ws, rule, ws->neu);
            goto out;
        }
    }
    if (S_ISLNK(st.st_mode) && ws->links) {
        char t[BXW_GPATH_MAX];
        ssize_t n = readlinkat(dfd, name, t, sizeof t - 1);
        if (n < 0)
            goto out;
        t[n] = 0;
        /* the link sits `level` below the moved entry, its directory one up */
        if (bxw_target_bad(t, ws->base + level - 1)) {
            if (ws->repair)
                repair_remove(ws, dfd, name, 0, "link rule");
            else
                ret = refuse_at(ws, "a symbolic link that would point outside its grant", ws->neu);
            goto out;
        }
    } else if (S_ISDIR(st.st_mode)) {
        int fd;
        DIR *dir;
        struct dirent *de;
        if (level >= BXW_WALK_MAX_DEPTH) {
            ret = refuse_at(ws, "a directory tree too deep to check", ws->neu);
            goto out;
        }
        fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            ret = refuse_at(ws, "a directory that cannot be read to check it", ws->neu);
            goto out;
        }
        dir = fdopendir(fd);
        if (!dir) {
            close(fd);
            ret = refuse_at(ws, "a directory that cannot be read to check it", ws->neu);
            goto out;
        }
        while (ret == 0 && (de = readdir(dir)) != NULL) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                continue;
            /* Only links and directories can matter to the link rule. */
            if (!ws->deny && de->d_type != DT_DIR && de->d_type != DT_LNK && de->d_type != DT_UNKNOWN)
                continue;
            ret = check_entry(ws, dirfd(dir), de->d_name, level + 1);
        }
        closedir(dir);
    }
out:
    ws->old[ol0] = 0;               /* back to the parent's names */
    ws->neu[nl0] = 0;
    return ret;
}

/* Walk the children of the source (its own name was checked by resolve)
 * under ws's settings.  0, or -1 with ws->why / ws->at. */
static int walk_children(walkst *ws, const bxw_res *ro)
{
    int fd = openat(ro->parent, ro->last, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *de;
    int ret = 0;
    if (!dir) {
        if (fd >= 0)
            close(fd);
        return refuse_at(ws, "a directory that cannot be read to check it", ws->neu);
    }
    while (ret == 0 && (de = readdir(dir)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (!ws->deny && de->d_type != DT_DIR && de->d_type != DT_LNK && de->d_type != DT_UNKNOWN)
            continue;
        ret = check_entry(ws, dirfd(dir), de->d_name, 1);
    }
    closedir(dir);
    return ret;
}

/* The guest path of host path `real` through grant g, or -1. */
static int alias_of(const bxw_grant *g, const char *real, char *out, size_t outsz)
{
    char tmp[BXW_GPATH_MAX];
    size_t hl = strcmp(g->host_real, "/") ? strlen(g->host_real) : 0;
    if (!bxw_under(real, g->host_real, 0) ||
        (size_t)snprintf(tmp, sizeof tmp, "%s/%s", g->guest, real + hl) >= sizeof tmp)
        return -1;
    return bxw_normalize(tmp, out, outsz) == 0 ? 0 : -1;
}

uint16_t bxw_carry_check(bx_wasi *w, const bxw_fd *od, const bxw_res *ro, const bxw_fd *nd,
                         const bxw_res *rn, const char **why, int *recheck)
{
    const bxw_grant *og = &w->grants[od->grant], *ng = &w->grants[nd->grant];
    struct stat st;
    walkst *ws;
    int same_root = strcmp(og->host_real, ng->host_real) == 0 && strcmp(og->guest, ng->guest) == 0;
    int ret = 0;
    uint16_t e = 0;
    if (fstatat(ro->parent, ro->last, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return 0;                       /* the rename reports it */
    if (S_ISLNK(st.st_mode)) {
        char t[BXW_GPATH_MAX];
        ssize_t n = readlinkat(ro->parent, ro->last, t, sizeof t - 1);
        if (n < 0)
            return bxw_errno(errno);
        t[n] = 0;
        if (bxw_target_bad(t, bxw_dir_depth(ng, rn->parent)) != NULL) {
            *why = "a symbolic link that would point outside its grant";
            return W_NOTCAPABLE;
        }
        *recheck = 1;
        return 0;
    }
    if (!S_ISDIR(st.st_mode))
        return 0;
    ws = malloc(sizeof *ws);
    if (!ws)
        return W_NOMEM;
    memset(ws, 0, sizeof *ws);
    ws->w = w;
    ws->ng = ng;
    ws->has_old = ws->has_new = 1;
    ws->base = bxw_dir_depth(ng, rn->parent) + 1;
    ws->links = !same_root || ws->base < bxw_dir_depth(og, ro->parent) + 1;
    ws->deny = deny_below(w, ro->guest) || deny_below(w, rn->guest);
    snprintf(ws->old, sizeof ws->old, "%s", ro->guest);
    snprintf(ws->neu, sizeof ws->neu, "%s", rn->guest);
    if (ws->links || ws->deny) {
        ret = walk_children(ws, ro);
        *recheck = 1;
    }
    /* Deny rules again under every other grant showing the same host
     * directories (one directory granted at two guest paths). */
    if (!ret && w->ndeny && w->ngrants > 1 && w->have_proc) {
        char ro_real[BXW_GPATH_MAX], rn_real[BXW_GPATH_MAX];
        if (bxw_obj_real(ro, ro_real, sizeof ro_real) != 0 || bxw_obj_real(rn, rn_real, sizeof rn_real) != 0) {
            ret = refuse_at(ws, "a path too long to check", rn->guest);
        }
        for (uint32_t i = 0; !ret && i < w->ngrants; i++) {
            const bxw_grant *g = &w->grants[i];
            ws->has_old = alias_of(g, ro_real, ws->old, sizeof ws->old) == 0;
            ws->has_new = alias_of(g, rn_real, ws->neu, sizeof ws->neu) == 0;
            if ((!ws->has_old && !ws->has_new) ||
                (ws->has_old && ws->has_new && !strcmp(ws->old, ro->guest) && !strcmp(ws->neu, rn->guest)))
                continue;               /* not reached, or the walk above */
            if (!ws->has_new)
                snprintf(ws->neu, sizeof ws->neu, "%s", rn->guest);
            if ((ws->has_old && deny_below(w, ws->old)) || (ws->has_new && deny_below(w, ws->neu))) {
                ws->links = 0;
                ws->deny = 1;
                ws->entries = 0;
                ret = walk_children(ws, ro);
            }
        }
    }
    if (ret) {
        *why = ws->why;
        e = strstr(ws->why, "symbolic link") ? W_NOTCAPABLE : W_ACCES;
        snprintf(((bxw_res *)rn)->lex, sizeof rn->lex, "%s", ws->at);
    }
    free(ws);
    return e;
}

/*
 * After a rename (or the creation of a name) committed, check again where
 * the entry now is: another call sharing the tree may have moved an
 * ancestor, or added a link below, between the check and the act.  Each
 * side checks after its own act, so one of the two always sees the
 * other's.  What breaks a rule is removed (and audited).  Returns 1 when
 * the entry itself was removed.
 */
int bxw_after_commit(bx_wasi *w, const bxw_fd *nd, const bxw_res *rn, int walk)
{
    const bxw_grant *ng = &w->grants[nd->grant];
    char gp[BXW_GPATH_MAX] = "";
    struct stat st;
    walkst *ws;
    const char *rule = NULL;
    if (!strcmp(rn->last, ".") || fstatat(rn->parent, rn->last, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return 0;                       /* nothing was made ("." is the parent itself) */
    /* the entry's own name, as it is now */
    if (w->ndeny && w->have_proc && bxw_guest_of(w, ng, rn->parent, gp, sizeof gp) == 0) {
        size_t l = strlen(gp);
        if (l + strlen(rn->last) + 2 < sizeof gp) {
            if (l > 1)
                gp[l++] = '/';
            strcpy(gp + l, rn->last);
            rule = bxw_denied(w, gp);
            if (!rule)
                rule = bxw_denied_alias(w, rn);
        }
    }
    if (S_ISLNK(st.st_mode) && !rule) {
        char t[BXW_GPATH_MAX];
        ssize_t n = readlinkat(rn->parent, rn->last, t, sizeof t - 1);
        if (n >= 0) {
            t[n] = 0;
            if (bxw_target_bad(t, bxw_dir_depth(ng, rn->parent)))
                rule = "link rule";
        }
    }
    if (rule) {
        rm_tree(rn->parent, rn->last, S_ISDIR(st.st_mode), 0);
        bxw_audit(w, "repair", rn->guest, 0, rule, W_NOTCAPABLE,
                  "removed: a concurrent change put this new name where a rule forbids it");
        return 1;
    }
    if (!walk || !S_ISDIR(st.st_mode) || !(ws = malloc(sizeof *ws)))
        return 0;
    memset(ws, 0, sizeof *ws);
    ws->w = w;
    ws->ng = ng;
    ws->repair = 1;
    ws->links = 1;
    ws->has_new = 1;
    ws->base = bxw_dir_depth(ng, rn->parent) + 1;
    snprintf(ws->neu, sizeof ws->neu, "%s", gp[0] == '/' ? gp : rn->guest);
    ws->deny = w->ndeny && deny_below(w, ws->neu);
    (void)walk_children(ws, rn);
    free(ws);
    return 0;
}

int bxw_effective(bx_wasi *w, const bxw_fd *d, const bxw_res *r)
{
    char real[BXW_GPATH_MAX], fp[BXW_GPATH_MAX];
    const char *obj = real;
    int best = d->grant;
    size_t blen = 0;
    if (w->ngrants < 2)
        return d->grant;
    if (!w->have_proc || bxw_obj_real(r, real, sizeof real) != 0)
        obj = NULL;
    for (uint32_t i = 0; i < w->ngrants; i++) {
        const bxw_grant *g = &w->grants[i];
        const char *base = obj ? g->host_real : g->guest;
        const char *path = obj ? obj : r->guest;
        size_t len;
        int hit = 0;
        if (!g->nfiles) {
            hit = bxw_under(path, base, 0);
            len = strlen(base);
        } else {
            for (uint32_t k = 0; k < g->nfiles && !hit; k++) {
                int n = snprintf(fp, sizeof fp, "%s%s%s", base, strcmp(base, "/") ? "/" : "", g->files[k]);
                hit = n > 0 && (size_t)n < sizeof fp && !strcmp(path, fp);
            }
            len = strlen(base) + 1;     /* a file is more specific than its directory */
        }
        /* The longest wins; on a tie (one host directory granted twice)
         * the read-only one. */
        if (hit && (len > blen || (len == blen && g->ro && !w->grants[best].ro))) {
            best = (int)i;
            blen = len;
        }
    }
    return best;
}

uint16_t bxw_grant_inside(bx_wasi *w, const bxw_res *r, const char **rule)
{
    char real[BXW_GPATH_MAX];
    /* "." (the directory itself) is never removed or moved by the kernel */
    if (w->ngrants < 2 || !w->have_proc || !strcmp(r->last, ".") || bxw_obj_real(r, real, sizeof real) != 0)
        return 0;
    for (uint32_t i = 0; i < w->ngrants; i++)
        if (bxw_under(w->grants[i].host_real, real, 0)) {
            *rule = w->grants[i].rule;
            return W_ACCES;
        }
    return 0;
}

void bxw_note_link(bx_wasi *w, const char *path, const char *target)
{
    size_t pl = strlen(path), tl = strlen(target);
    char *e, **nl;
    w->links_made++;
    if (w->nlinks >= BXW_LINKS_KEPT)
        return;
    e = malloc(pl + tl + 2);
    nl = e ? realloc(w->links, (w->nlinks + 1) * sizeof *nl) : NULL;
    if (!nl) {
        free(e);
        return;
    }
    memcpy(e, path, pl + 1);
    memcpy(e + pl + 1, target, tl + 1);
    w->links = nl;
    w->links[w->nlinks++] = e;
}

uint64_t bx_wasi_link(const bx_wasi *w, uint32_t i, const char **path, const char **target)
{
    if (!w)
        return 0;
    if (i < w->nlinks) {
        *path = w->links[i];
        *target = w->links[i] + strlen(w->links[i]) + 1;
    } else {
        *path = *target = NULL;
    }
    return w->links_made;
}
