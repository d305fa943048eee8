/*
 * fs.c — the path_* functions.  Each one: check the directory fd and its
 * rights, refuse mutations under a read-only grant (EROFS, audited with
 * the grant that would allow it), resolve the guest path beneath the fd
 * (path.c) down to (parent fd, last name), then act with one *at call on
 * that name without following it.  Every decision is audited.
 */
#include "wasi_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory fd a path_* call starts from. */
static uint16_t dir_arg(bx_wasi *w, uint32_t fd, bxw_fd **out)
{
    bxw_fd *d = bxw_fd_get(w, fd);
    if (!d)
        return W_BADF;
    if (d->kind != FK_HOST || d->filetype != WFT_DIR || d->grant < 0)
        return W_NOTDIR;
    *out = d;
    return 0;
}

static void lexical(const bx_wasi *w, const bxw_fd *d, const char *path, char *out, size_t n)
{
    char tmp[BXW_GPATH_MAX];
    const char *base = d->guest ? d->guest : w->grants[d->grant].guest;
    snprintf(tmp, sizeof tmp, "%s/%s", base, path);
    if (bxw_normalize(path[0] == '/' ? path : tmp, out, n) == -1)
        snprintf(out, n, "%s", base);
}

/* Refuse a mutation under a read-only grant, with the grant to change. */
static uint16_t ro_check(bx_wasi *w, const bxw_fd *d, const char *event, const char *path)
{
    const bxw_grant *g = &w->grants[d->grant];
    char lex[BXW_GPATH_MAX], hint[BXW_GPATH_MAX + 64];
    if (!g->ro)
        return 0;
    lexical(w, d, path, lex, sizeof lex);
    snprintf(hint, sizeof hint, "grant write:%s to allow this", g->guest);
    bxw_audit(w, event, lex, 0, g->rule, W_ROFS, hint);
    return W_ROFS;
}

/* Audit the outcome of a resolution-based operation. */
static void audit_res(bx_wasi *w, const char *event, const bxw_res *r, uint16_t e)
{
    const char *path = r->guest[0] ? r->guest : r->lex;
    char hint[BXW_GPATH_MAX + 64];
    const char *h = NULL;
    if (r->denied) {
        if (!strncmp(r->rule, "deny:", 5)) {
            snprintf(hint, sizeof hint, "remove %s to allow this", r->rule);
            h = hint;
        } else if (!strcmp(r->rule, "outside every grant")) {
            path = r->lex;
            snprintf(hint, sizeof hint, "grant read:%s (or write:) to allow this", r->lex);
            h = hint;
        } else {
            snprintf(hint, sizeof hint, "grant read:%s (or write:) to allow this", r->guest);
            h = hint;
        }
    }
    bxw_audit(w, event, path, !r->denied, r->rule, e, h);
}

/*
 * After resolution: the grant that most specifically contains the object
 * decides a mutation, whichever preopen the path came through (links.c).
 * Audited here; the caller returns the errno.
 */
static uint16_t eff_check(bx_wasi *w, const bxw_fd *d, bxw_res *r, const char *event)
{
    int i = bxw_effective(w, d, r);
    const bxw_grant *g = &w->grants[i];
    char hint[BXW_GPATH_MAX + 64];
    if (i == d->grant || !g->ro)
        return 0;
    snprintf(hint, sizeof hint, "grant write:%s to allow this", g->guest);
    bxw_audit(w, event, r->guest, 0, g->rule, W_ROFS, hint);
    return W_ROFS;
}

/* Mutations: resolve, then the most specific grant must be writable. */
#define RESOLVE_MUT(event, follow)                                             \
    do {                                                                       \
        e = bxw_resolve(w, d, path, (follow), &r);                             \
        if (!e && (e = eff_check(w, d, &r, event)) != 0) {                     \
            bxw_res_done(&r);                                                  \
            BXW_RET(e);                                                        \
        }                                                                      \
    } while (0)

/* Common prologue: dir fd, rights, optional read-only refusal, path copy. */
#define PROLOGUE(fdarg, ptrarg, lenarg, right, mutates, event)                 \
    bx_wasi *w = BXW_CTX;                                                      \
    bxw_fd *d;                                                                 \
    char path[BXW_PATH_MAX + 1];                                               \
    uint16_t e;                                                                \
    if ((e = dir_arg(w, fdarg, &d)) != 0)                                      \
        BXW_RET(e);                                                            \
    if ((e = bxw_path_arg(hc, ptrarg, lenarg, path)) != 0)                     \
        BXW_RET(e);                                                            \
    if ((mutates) && (e = ro_check(w, d, event, path)) != 0)                   \
        BXW_RET(e);                                                            \
    if ((d->base & (right)) != (right))                                        \
        BXW_RET(W_NOTCAPABLE)

BXW_FN(path_create_directory)
{
    bxw_res r;
    PROLOGUE(A32(0), A32(1), A32(2), R_PATH_CREATE_DIRECTORY, 1, "mkdir");
    RESOLVE_MUT("mkdir", 0);
    if (!e)
        e = bxw_quota_charge(w, "mkdir", path, 4096);
    if (!e && mkdirat(r.parent, r.last, 0777) != 0) {
        e = bxw_errno(errno);
        bxw_quota_refund(w, 4096);      /* nothing was created */
    } else if (!e && w->ndeny && bxw_after_commit(w, d, &r, 0)) {
        e = W_NOENT;                    /* a concurrent rename made the name denied */
    }
    audit_res(w, "mkdir", &r, e);
    bxw_res_done(&r);
    BXW_RET(e);
}

BXW_FN(path_remove_directory)
{
    bxw_res r;
    PROLOGUE(A32(0), A32(1), A32(2), R_PATH_REMOVE_DIRECTORY, 1, "rmdir");
    RESOLVE_MUT("rmdir", 0);
    if (!e) {
        const char *rule;
        if (bxw_grant_inside(w, &r, &rule)) {
            bxw_audit(w, "rmdir", r.guest, 0, rule, W_ACCES, "the root of a grant cannot be removed");
            bxw_res_done(&r);
            BXW_RET(W_ACCES);
        }
    }
    if (!e && unlinkat(r.parent, r.last, AT_REMOVEDIR) != 0)
        e = bxw_errno(errno);
    audit_res(w, "rmdir", &r, e);
    bxw_res_done(&r);
    BXW_RET(e);
}

BXW_FN(path_unlink_file)
{
    bxw_res r;
    PROLOGUE(A32(0), A32(1), A32(2), R_PATH_UNLINK_FILE, 1, "unlink");
    RESOLVE_MUT("unlink", 0);
    if (!e) {
        struct stat st;
        if (r.slash && fstatat(r.parent, r.last, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
            e = W_NOTDIR;
        else if (unlinkat(r.parent, r.last, 0) != 0)
            e = bxw_errno(errno);
    }
    audit_res(w, "unlink", &r, e);
    bxw_res_done(&r);
    BXW_RET(e);
}

BXW_FN(path_filestat_get)
{
    bxw_res r;
    struct stat st;
    uint32_t buf = A32(4);
    PROLOGUE(A32(0), A32(2), A32(3), R_PATH_FILESTAT_GET, 0, "stat");
    if (!bxw_mem_ok(hc, buf, 64))
        BXW_RET(W_FAULT);
    e = bxw_resolve(w, d, path, A32(1) & W_LOOKUP_FOLLOW, &r);
    /* Never follow here: resolve already followed what was asked for, and
     * a symlink swapped in since is stat'ed, not followed. */
    if (!e && fstatat(r.parent, r.last, &st, AT_SYMLINK_NOFOLLOW) != 0)
        e = bxw_errno(errno);
    if (!e)
        bxw_put_filestat(bxw_mem(hc, buf), &st);
    audit_res(w, "stat", &r, e);
    bxw_res_done(&r);
    BXW_RET(e);
}

BXW_FN(path_filestat_set_times)
{
    bxw_res r;
    struct timespec ts[2];
    PROLOGUE(A32(0), A32(2), A32(3), R_PATH_FILESTAT_SET_TIMES, 1, "utimes");
    if ((e = bxw_times(a[4], a[5], A32(6), ts)) != 0)
        BXW_RET(e);
    RESOLVE_MUT("utimes", A32(1) & W_LOOKUP_FOLLOW);
    if (!e && utimensat(r.parent, r.last, ts, AT_SYMLINK_NOFOLLOW) != 0)
        e = bxw_errno(errno);
    audit_res(w, "utimes", &r, e);
    bxw_res_done(&r);
    BXW_RET(e);
}

BXW_FN(path_readlink)
{
    bxw_res r;
    char tmp[BXW_GPATH_MAX];
    ssize_t n = 0;
    uint32_t buf = A32(3), blen = A32(4), usedp = A32(5);
    PROLOGUE(A32(0), A32(1), A32(2), R_PATH_READLINK, 0, "readlink");
    if (!bxw_mem_ok(hc, buf, blen) || !bxw_mem_ok(hc, usedp, 4))
        BXW_RET(W_FAULT);
    e = bxw_resolve(w, d, path, 0, &r);
    if (!e && (n = readlinkat(r.parent, r.last, tmp, sizeof tmp)) < 0)
        e = bxw_errno(errno);
    if (!e) {
        size_t k = (size_t)n < blen ? (size_t)n : blen;   /* truncates, as POSIX */
        if (k)
            memcpy(bxw_mem(hc, buf), tmp, k);
        bxw_st32(bxw_mem(hc, usedp), (uint32_t)k);
    }
    audit_res(w, "readlink", &r, e);
    bxw_res_done(&r);
    BXW_RET(e);
}

/*
 * A symlink's target is only a string, but a host process walking the
 * workspace later (and a later grant) would follow it: the link rule of
 * links.c decides (relative, ".." only at the start, never above the
 * root of the grant from the link's own depth), and a target naming a
 * denied or hidden path is refused.  Every link made is recorded for the
 * result and audited with its target.
 */
BXW_FN(path_symlink)
{
    bxw_res r;
    char target[BXW_PATH_MAX + 1], full[BXW_GPATH_MAX], where[BXW_GPATH_MAX];
    const bxw_grant *g;
    uint16_t te;
    if ((te = bxw_path_arg(hc, A32(0), A32(1), target)) != 0)
        BXW_RET(te);
    {
        PROLOGUE(A32(2), A32(3), A32(4), R_PATH_SYMLINK, 1, "symlink");
        g = &w->grants[d->grant];
        RESOLVE_MUT("symlink", 0);
        if (!e)
            e = bxw_slash_check(&r, BXW_SLASH_NEW, NULL);
        if (!e) {
            const char *bad = bxw_target_bad(target, bxw_dir_depth(g, r.parent));
            /* r.guest is the new link; its target is relative to its directory */
            snprintf(where, sizeof where, "%s", r.guest);
            {
                char *s = strrchr(where, '/');
                if (s == where)
                    where[1] = 0;
                else if (s)
                    *s = 0;
            }
            if (!bad) {
                char raw[BXW_GPATH_MAX];
                if ((size_t)snprintf(raw, sizeof raw, "%s/%s", where, target) >= sizeof raw ||
                    bxw_normalize(raw, full, sizeof full) != 0)
                    bad = "is too long to check";
            }
            if (!target[0]) {
                e = W_NOENT;
            } else if (bad) {
                char hint[BXW_GPATH_MAX + 256];
                snprintf(hint, sizeof hint, "target '%s' %s: a link's target must be relative, with '..' "
                         "only at its start, and stay inside %s from where the link is", target, bad, g->guest);
                bxw_audit(w, "symlink", r.guest, 0, "link rule", W_NOTCAPABLE, hint);
                bxw_res_done(&r);
                BXW_RET(W_NOTCAPABLE);
            } else {
                const char *rule = bxw_denied(w, full);
                if (!rule)
                    rule = bxw_hidden(w, g, full);
                if (rule) {
                    r.denied = 1;
                    r.rule = rule;
                    e = W_NOENT;
                } else if (symlinkat(target, r.parent, r.last) != 0) {
                    e = bxw_errno(errno);
                } else if (bxw_after_commit(w, d, &r, 0)) {
                    e = W_NOTCAPABLE;   /* a concurrent rename moved its directory */
                } else {
                    char hint[BXW_PATH_MAX + 16];
                    snprintf(hint, sizeof hint, "target: %s", target);
                    bxw_note_link(w, r.guest, target);
                    bxw_audit(w, "symlink", r.guest, 1, r.rule, 0, hint);
                    bxw_res_done(&r);
                    BXW_RET(0);
                }
            }
        }
        audit_res(w, "symlink", &r, e);
        bxw_res_done(&r);
        BXW_RET(e);
    }
}

/* A rename or link refused by the carry rules (links.c), audited. */
static uint16_t carry_refused(bx_wasi *w, const char *event, const bxw_res *rn, uint16_t e, const char *why)
{
    char hint[BXW_GPATH_MAX + 128];
    const char *rule = strncmp(why, "deny:", 5) == 0 ? why : "link rule";
    if (rule == why)
        snprintf(hint, sizeof hint, "%s would move or make a denied entry (%s)", event, rn->lex);
    else
        snprintf(hint, sizeof hint, "%s would carry %s (%s)", event, why, rn->lex);
    bxw_audit(w, event, rn->guest, 0, rule, e, hint);
    return e;
}

BXW_FN(path_link)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *od, *nd;
    char op[BXW_PATH_MAX + 1], np[BXW_PATH_MAX + 1];
    bxw_res ro, rn;
    uint16_t e;
    if ((e = dir_arg(w, A32(0), &od)) != 0 || (e = dir_arg(w, A32(4), &nd)) != 0)
        BXW_RET(e);
    if ((e = bxw_path_arg(hc, A32(2), A32(3), op)) != 0 || (e = bxw_path_arg(hc, A32(5), A32(6), np)) != 0)
        BXW_RET(e);
    /* A link from a read-only grant into a writable one would make the
     * read-only file writable: both sides must be writable. */
    if ((e = ro_check(w, od, "link", op)) != 0 || (e = ro_check(w, nd, "link", np)) != 0)
        BXW_RET(e);
    if (!(od->base & R_PATH_LINK_SOURCE) || !(nd->base & R_PATH_LINK_TARGET))
        BXW_RET(W_NOTCAPABLE);
    e = bxw_resolve(w, od, op, A32(1) & W_LOOKUP_FOLLOW, &ro);
    if (!e && (e = bxw_slash_check(&ro, BXW_SLASH_EXISTING, NULL)) != 0)
        bxw_res_done(&ro);
    audit_res(w, "link-source", &ro, e);
    if (e)
        BXW_RET(e);
    if ((e = eff_check(w, od, &ro, "link")) != 0) {
        bxw_res_done(&ro);
        BXW_RET(e);
    }
    e = bxw_resolve(w, nd, np, 0, &rn);
    if (!e)
        e = bxw_slash_check(&rn, BXW_SLASH_NEW, NULL);
    if (!e && (e = eff_check(w, nd, &rn, "link")) != 0) {
        bxw_res_done(&ro);
        bxw_res_done(&rn);
        BXW_RET(e);
    }
    int recheck = 0;
    if (!e) {   /* a hard link to a symlink is a new link at a new depth */
        const char *why = NULL;
        snprintf(rn.lex, sizeof rn.lex, "%s", rn.guest);
        if ((e = bxw_carry_check(w, od, &ro, nd, &rn, &why, &recheck)) != 0) {
            carry_refused(w, "link", &rn, e, why ? why : "?");
            bxw_res_done(&ro);
            bxw_res_done(&rn);
            BXW_RET(e);
        }
    }
    /* flags 0: never let linkat follow; resolve already did, beneath. */
    if (!e && linkat(ro.parent, ro.last, rn.parent, rn.last, 0) != 0) {
        e = bxw_errno(errno);
    } else if (!e && (recheck || w->ndeny) && bxw_after_commit(w, nd, &rn, 0)) {
        e = W_NOTCAPABLE;               /* a concurrent rename moved its directory */
    } else if (!e) {
        char t[BXW_PATH_MAX + 1];
        ssize_t n = readlinkat(rn.parent, rn.last, t, sizeof t - 1);
        if (n >= 0) {   /* a new name for a symlink: a link made */
            t[n] = 0;
            bxw_note_link(w, rn.guest, t);
        }
    }
    audit_res(w, "link", &rn, e);
    bxw_res_done(&ro);
    bxw_res_done(&rn);
    BXW_RET(e);
}

BXW_FN(path_rename)
{
    bx_wasi *w = BXW_CTX;
    bxw_fd *od, *nd;
    char op[BXW_PATH_MAX + 1], np[BXW_PATH_MAX + 1];
    bxw_res ro, rn;
    uint16_t e;
    if ((e = dir_arg(w, A32(0), &od)) != 0 || (e = dir_arg(w, A32(3), &nd)) != 0)
        BXW_RET(e);
    if ((e = bxw_path_arg(hc, A32(1), A32(2), op)) != 0 || (e = bxw_path_arg(hc, A32(4), A32(5), np)) != 0)
        BXW_RET(e);
    if ((e = ro_check(w, od, "rename", op)) != 0 || (e = ro_check(w, nd, "rename", np)) != 0)
        BXW_RET(e);
    if (!(od->base & R_PATH_RENAME_SOURCE) || !(nd->base & R_PATH_RENAME_TARGET))
        BXW_RET(W_NOTCAPABLE);
    e = bxw_resolve(w, od, op, 0, &ro);
    if (!e && (e = bxw_slash_check(&ro, BXW_SLASH_EXISTING, NULL)) != 0)
        bxw_res_done(&ro);
    audit_res(w, "rename-source", &ro, e);
    if (e)
        BXW_RET(e);
    if ((e = eff_check(w, od, &ro, "rename")) != 0) {
        bxw_res_done(&ro);
        BXW_RET(e);
    }
    {
        const char *rule;
        if (bxw_grant_inside(w, &ro, &rule)) {
            bxw_audit(w, "rename", ro.guest, 0, rule, W_ACCES, "the root of a grant (or a directory holding one) "
                      "cannot be moved");
            bxw_res_done(&ro);
            BXW_RET(W_ACCES);
        }
    }
    e = bxw_resolve(w, nd, np, 0, &rn);
    if (!e)
        e = bxw_slash_check(&rn, BXW_SLASH_RENAME_TO, &ro);
    if (!e && (e = eff_check(w, nd, &rn, "rename")) != 0) {
        bxw_res_done(&ro);
        bxw_res_done(&rn);
        BXW_RET(e);
    }
    int recheck = 0;
    if (!e) {   /* what the rename carries: links at new depths, denied entries */
        const char *why = NULL;
        snprintf(rn.lex, sizeof rn.lex, "%s", rn.guest);
        if ((e = bxw_carry_check(w, od, &ro, nd, &rn, &why, &recheck)) != 0) {
            carry_refused(w, "rename", &rn, e, why ? why : "?");
            bxw_res_done(&ro);
            bxw_res_done(&rn);
            BXW_RET(e);
        }
    }
    int fix_mode = 0;
    mode_t want = 0;
    if (!e) {
        /* WASI has no chmod: a file renamed over a regular file takes the
         * replaced file's permission bits, so a guest's atomic replace
         * (temp file + rename) keeps a script executable.  Both ends are
         * resolved beneath writable grants (ro_check above). */
        struct stat so, sn;
        if (fstatat(rn.parent, rn.last, &sn, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sn.st_mode) &&
            fstatat(ro.parent, ro.last, &so, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(so.st_mode) &&
            (so.st_mode & 0777) != (sn.st_mode & 0777))
            fix_mode = 1, want = sn.st_mode & 0777;
    }
    if (!e && renameat(ro.parent, ro.last, rn.parent, rn.last) != 0)
        e = bxw_errno(errno);
    else if (!e && (recheck || w->ndeny) && bxw_after_commit(w, nd, &rn, recheck))
        e = W_NOTCAPABLE;               /* a concurrent change: what broke a rule was removed */
    else if (!e && fix_mode) { /* only once the rename happened: a failed one changes nothing */
        /* By descriptor: glibc's fchmodat(AT_SYMLINK_NOFOLLOW) is chmod() on
         * a /proc path, which the confined worker may not do (src/confine). */
        int fd = openat(rn.parent, rn.last, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        struct stat sf;
        if (fd >= 0 && fstat(fd, &sf) == 0 && S_ISREG(sf.st_mode))
            (void)fchmod(fd, want);
        if (fd >= 0) close(fd);
    }
    audit_res(w, "rename", &rn, e);
    bxw_res_done(&ro);
    bxw_res_done(&rn);
    BXW_RET(e);
}

BXW_FN(path_open)
{
    bxw_res r;
    uint32_t lookup = A32(1), oflags = A32(4), fdflags = A32(7), outp = A32(8), slot;
    uint64_t rbase = a[5], rinh = a[6];
    int hflags, fd = -1, hops, eff = -1;
    struct stat st;
    bxw_fd *ne;
    /* Asking to write a file under a read-only grant is refused at open
     * (EROFS) rather than handing out a descriptor that fails later; a
     * directory open asking for everything just gets what it may have. */
    int mutates = (oflags & (WO_CREAT | WO_TRUNC)) || (fdflags & WF_APPEND) ||
                  (!(oflags & WO_DIRECTORY) && (rbase & (R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE)));
    PROLOGUE(A32(0), A32(2), A32(3), R_PATH_OPEN, mutates, "open");
    if (!bxw_mem_ok(hc, outp, 4))
        BXW_RET(W_FAULT);
    if (oflags & ~0xFu || fdflags & ~0x1Fu)
        BXW_RET(W_INVAL);
    if (((oflags & WO_CREAT) && !(d->base & R_PATH_CREATE_FILE)) ||
        ((oflags & WO_TRUNC) && !(d->base & R_PATH_FILESTAT_SET_SIZE)))
        BXW_RET(W_NOTCAPABLE);
    if ((e = (uint16_t)bxw_fd_alloc(w, &slot)) != 0)
        BXW_RET(e);
    /* Rights: what was asked, within what the directory may hand down. */
    rbase &= d->inh;
    rinh &= d->inh;

    hflags = O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW;
    if (oflags & WO_DIRECTORY) {
        hflags |= O_RDONLY | O_DIRECTORY;
    } else {
        int rd = (rbase & (R_FD_READ | R_FD_READDIR)) != 0;
        int wr = (rbase & (R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE)) != 0 ||
                 (oflags & WO_TRUNC);
        hflags |= wr ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY;
    }
    if (oflags & WO_CREAT) hflags |= O_CREAT;
    if (oflags & WO_EXCL) hflags |= O_EXCL;
    if (oflags & WO_TRUNC) hflags |= O_TRUNC;
    if (fdflags & WF_APPEND) hflags |= O_APPEND;
    if (fdflags & WF_DSYNC) hflags |= O_DSYNC;
    if (fdflags & (WF_SYNC | WF_RSYNC)) hflags |= O_SYNC;

    /* resolve() follows a final symlink when asked; the open below never
     * does (O_NOFOLLOW), so a symlink swapped in meanwhile gives ELOOP and
     * we resolve once more rather than follow it unchecked. */
    for (hops = 0;; hops++) {
        e = bxw_resolve(w, d, path, lookup & W_LOOKUP_FOLLOW, &r);
        if (!e)
            e = bxw_slash_check(&r, (oflags & WO_CREAT) ? BXW_SLASH_CREATE : BXW_SLASH_EXISTING, NULL);
        if (e)
            break;
        eff = bxw_effective(w, d, &r);
        if (mutates && (e = eff_check(w, d, &r, "open")) != 0) {
            bxw_res_done(&r);
            BXW_RET(e);
        }
        fd = openat(r.parent, r.last, hflags, 0666);
        if (fd >= 0) {
            e = 0;
            break;
        }
        e = bxw_errno(errno);
        if (errno == ELOOP && (lookup & W_LOOKUP_FOLLOW) && hops < 4 &&
            fstatat(r.parent, r.last, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
            bxw_res_done(&r);
            continue;
        }
        break;
    }
    if (!e && fstat(fd, &st) != 0)
        e = bxw_errno(errno);
    if (!e && (oflags & WO_CREAT) && w->ndeny && bxw_after_commit(w, d, &r, 0))
        e = W_NOENT;                    /* a concurrent rename made the name denied */
    if (!e && (oflags & WO_DIRECTORY) && !S_ISDIR(st.st_mode))
        e = W_NOTDIR;
    if (e) {
        if (fd >= 0)
            close(fd);
        audit_res(w, "open", &r, e);
        bxw_res_done(&r);
        BXW_RET(e);
    }
    /* O_NONBLOCK stays set on the host fd: a FIFO or device read polls
     * with interrupt checks instead of hanging (fd.c); files ignore it. */
    ne = &w->fds[slot];
    memset(ne, 0, sizeof *ne);
    ne->kind = FK_HOST;
    ne->host = fd;
    ne->own = 1;
    ne->grant = d->grant;
    ne->filetype = bxw_filetype(st.st_mode);
    ne->fdflags = (uint16_t)fdflags;
    if (S_ISDIR(st.st_mode)) {
        ne->base = rbase & R_DIR_BASE;
        ne->inh = rinh;
    } else {
        int acc = fcntl(fd, F_GETFL) & O_ACCMODE;
        ne->base = rbase & R_FILE_BASE;
        ne->inh = 0;
        if (acc == O_RDONLY)
            ne->base &= ~(uint64_t)(R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE | R_FD_DATASYNC);
        if (acc == O_WRONLY)
            ne->base &= ~(uint64_t)R_FD_READ;
    }
    if (w->grants[d->grant].ro || (eff >= 0 && w->grants[eff].ro)) {
        ne->base &= ~R_MUTATE;
        ne->inh &= ~R_MUTATE;
    }
    ne->guest = strdup(r.guest);
    if (!ne->guest) {
        bxw_fd_release(ne);
        bxw_res_done(&r);
        BXW_RET(W_NOMEM);
    }
    bxw_st32(bxw_mem(hc, outp), slot);
    audit_res(w, "open", &r, 0);
    bxw_res_done(&r);
    BXW_RET(0);
}
