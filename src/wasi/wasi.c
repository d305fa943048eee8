/*
 * wasi.c — the WASI context: configuration, lifetime, and the functions
 * that touch no file: args, environ, clocks, random, proc, sched, sock;
 * plus bx_wasi_define, which puts every wasi_snapshot_preview1 import in a
 * linker.
 *
 * The context copies everything from the config, so the embedder's
 * strings may die right after bx_wasi_new.
 */
#include "wasi_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MODULE "wasi_snapshot_preview1"
#define DEFAULT_CAP ((size_t)1 << 20)
#define DEFAULT_FDS 256u
#define MAX_FDS 65536u

/* ---- lifetime ----------------------------------------------------------- */

static char **copy_strv(const char *const *v, uint32_t n, size_t *bytes)
{
    char **out = calloc(n ? n : 1, sizeof *out);
    *bytes = 0;
    if (!out)
        return NULL;
    for (uint32_t i = 0; i < n; i++) {
        out[i] = strdup(v[i] ? v[i] : "");
        if (!out[i]) {
            while (i--)
                free(out[i]);
            free(out);
            return NULL;
        }
        *bytes += strlen(out[i]) + 1;
    }
    return out;
}

static void free_strv(char **v, uint32_t n)
{
    if (!v)
        return;
    for (uint32_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static int init_out(bxw_out *o, bx_wasi_output_kind kind, size_t cap, int hostfd)
{
    o->kind = kind;
    o->hostfd = hostfd;
    o->cap = cap ? cap : DEFAULT_CAP;
    return 0;
}

/* Set up grant g from preopen i of the config: guest and host directory,
 * its single visible file (if any), the directory fd and its real path.
 * The rule string and the preopen fd come later (finish_grant), once
 * file grants sharing a directory have been merged. */
static int init_grant(bx_wasi *w, bxw_grant *g, uint32_t i, const bx_wasi_preopen *p, int no_links,
                      bx_error *err)
{
    char gbuf[BXW_GPATH_MAX], host[BXW_GPATH_MAX], link[64], real[BXW_GPATH_MAX];
    const char *file = p->file;
    struct stat st;
    ssize_t n;

    g->dirfd = -1;
    if (!p->host_path || !p->guest_path || p->guest_path[0] != '/') {
        bx_error_setf(err, BX_ERR_ARG, "preopen %u: host_path and an absolute guest_path are required", i);
        return -1;
    }
    if (bxw_normalize(p->guest_path, gbuf, sizeof gbuf) != 0 ||
        strlen(p->host_path) >= sizeof host) {
        bx_error_setf(err, BX_ERR_ARG, "preopen %u: guest path '%s' is not a clean absolute path", i, p->guest_path);
        return -1;
    }
    strcpy(host, p->host_path);
    g->files = calloc(1, sizeof *g->files);
    if (!g->files) {
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        return -1;
    }
    if (no_links && lstat(host, &st) == 0 && S_ISLNK(st.st_mode)) {
        bx_error_setf(err, BX_ERR_ARG, "grant %s: %s is a symbolic link now (it was not when granted); "
               "grants never follow links: remove the link", p->guest_path, host);
        return -1;
    }
    if (!file && stat(host, &st) == 0 && !S_ISDIR(st.st_mode)) {
        /* A file grant: preopen the parent, show only this name. */
        char *hs = strrchr(host, '/'), *gs = strrchr(gbuf, '/');
        const char *hname = hs ? hs + 1 : host;
        if (!gs || strcmp(gs + 1, hname) != 0) {
            bx_error_setf(err, BX_ERR_ARG, "file grant %s -> %s: the guest name must equal the host file name",
                   p->host_path, p->guest_path);
            return -1;
        }
        if (!(g->files[0] = strdup(hname))) {
            bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
            return -1;
        }
        g->nfiles = 1;
        if (hs == host)
            strcpy(host, "/");
        else if (hs)
            *hs = 0;
        else
            strcpy(host, ".");
        if (gs == gbuf)
            gbuf[1] = 0;
        else
            *gs = 0;
    } else if (file) {
        if (!*file || strchr(file, '/') || !strcmp(file, ".") || !strcmp(file, "..")) {
            bx_error_setf(err, BX_ERR_ARG, "preopen %s: file '%s' must be one name inside the directory",
                   p->guest_path, file);
            return -1;
        }
        if (!(g->files[0] = strdup(file))) {
            bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
            return -1;
        }
        g->nfiles = 1;
    }
    g->guest = strdup(gbuf);
    g->host = strdup(host);
    g->ro = p->read_only != 0;
    if (!g->guest || !g->host) {
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        return -1;
    }
    g->dirfd = open(host, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (g->dirfd < 0) {
        bx_error_setf(err, BX_ERR_ARG, "grant %s: cannot open host directory '%s': %s", p->guest_path, host,
               strerror(errno));
        return -1;
    }
    snprintf(link, sizeof link, "/proc/self/fd/%d", g->dirfd);
    n = readlink(link, real, sizeof real - 1);
    if (n > 0) {
        real[n] = 0;
        /* (have_proc starts at 1 and only a failure clears it: one grant
         * without /proc is enough to lose the post-resolution checks) */
        /* Canonical host path, yet the kernel opened something else: a
         * link was planted on the way since the grant was resolved. */
        if (no_links && strcmp(real, host) != 0) {
            bx_error_setf(err, BX_ERR_ARG, "grant %s: %s passes through a symbolic link now (it did not when "
                   "granted; it leads to %s); grants never follow links: remove the link",
                   p->guest_path, host, real);
            return -1;
        }
    } else {
        char *rp = realpath(host, NULL);
        if (!rp || strlen(rp) >= sizeof real) {
            free(rp);
            bx_error_setf(err, BX_ERR_ARG, "grant %s: cannot resolve '%s'", p->guest_path, host);
            return -1;
        }
        strcpy(real, rp);
        free(rp);
        w->have_proc = 0;
    }
    g->host_real = strdup(real);
    if (!g->host_real) {
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        return -1;
    }
    return 0;
}

static void free_grant(bxw_grant *g)
{
    if (g->dirfd >= 0)
        close(g->dirfd);
    free(g->guest);
    free(g->host);
    free(g->host_real);
    for (uint32_t k = 0; g->files && k < g->nfiles; k++)
        free(g->files[k]);
    free(g->files);
    free(g->rule);
    memset(g, 0, sizeof *g);
    g->dirfd = -1;
}

/*
 * Single-file grants naming files of one guest directory become one
 * preopen showing exactly those names: two preopens of the same guest
 * path would each hide the other's file (the guest's libc picks one).
 * Merge g (the last grant) into an earlier file grant of the same guest
 * directory.  Returns 1 when merged (g is then freed), 0 when g stays a
 * grant of its own, -1 on error: the two grants disagree on the host
 * directory or on read-only, which one directory capability cannot say.
 */
static int merge_file_grant(bx_wasi *w, bxw_grant *g, bx_error *err)
{
    struct stat a, b;
    if (!g->nfiles)
        return 0;
    for (uint32_t j = 0; j + 1 < w->ngrants; j++) {
        bxw_grant *o = &w->grants[j];
        char **nf;
        if (!o->nfiles || strcmp(o->guest, g->guest) != 0)
            continue;
        if (fstat(o->dirfd, &a) != 0 || fstat(g->dirfd, &b) != 0 || a.st_dev != b.st_dev ||
            a.st_ino != b.st_ino) {
            bx_error_setf(err, BX_ERR_ARG, "file grants %s/%s and %s/%s come from different host directories "
                   "(%s, %s): files shown in one guest directory must share one host directory",
                   strcmp(o->guest, "/") ? o->guest : "", o->files[0],
                   strcmp(g->guest, "/") ? g->guest : "", g->files[0], o->host, g->host);
            return -1;
        }
        if (o->ro != g->ro) {
            bx_error_setf(err, BX_ERR_ARG, "file grants %s/%s (%s) and %s/%s (%s) in one guest directory differ "
                   "in access: grant both read or both write",
                   strcmp(o->guest, "/") ? o->guest : "", o->files[0], o->ro ? "read" : "write",
                   strcmp(g->guest, "/") ? g->guest : "", g->files[0], g->ro ? "read" : "write");
            return -1;
        }
        for (uint32_t k = 0; k < o->nfiles; k++) {
            if (strcmp(o->files[k], g->files[0]) == 0) {   /* the same file twice */
                free_grant(g);
                return 1;
            }
        }
        nf = realloc(o->files, (o->nfiles + 1) * sizeof *nf);
        if (!nf) {
            bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
            return -1;
        }
        o->files = nf;
        o->files[o->nfiles++] = g->files[0];
        g->files[0] = NULL;
        free_grant(g);
        return 1;
    }
    return 0;
}

/* The audit rule of grant i ("read:/ws", or one "write:/d/f" per file)
 * and its preopen, fds[3 + i]. */
static int finish_grant(bx_wasi *w, uint32_t i, bx_error *err)
{
    bxw_grant *g = &w->grants[i];
    const char *kind = g->ro ? "read" : "write";
    const char *sep = strcmp(g->guest, "/") ? "/" : "";
    size_t rl = strlen(g->guest) + 8, pos = 0;
    bxw_fd *e = &w->fds[3 + i];
    for (uint32_t k = 0; k < g->nfiles; k++)
        rl += strlen(g->guest) + strlen(g->files[k]) + 9;
    g->rule = malloc(rl);
    if (!g->rule) {
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        return -1;
    }
    if (!g->nfiles)
        snprintf(g->rule, rl, "%s:%s", kind, g->guest);
    for (uint32_t k = 0; k < g->nfiles; k++)
        pos += (size_t)snprintf(g->rule + pos, rl - pos, "%s%s:%s%s%s", k ? " " : "", kind,
                                g->guest, sep, g->files[k]);
    e->kind = FK_HOST;
    e->filetype = WFT_DIR;
    e->host = g->dirfd;
    e->own = 0;                         /* the grant owns dirfd */
    e->opath = 1;
    e->grant = (int)i;
    e->preopen = 1;
    e->base = R_DIR_BASE;
    e->inh = R_DIR_INHERIT;
    if (g->ro) {
        e->base &= ~R_MUTATE;
        e->inh &= ~R_MUTATE;
    }
    e->guest = strdup(g->guest);
    if (!e->guest) {
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        return -1;
    }
    return 0;
}

bx_wasi *bx_wasi_new(const bx_wasi_config *cfg, bx_error *err)
{
    bx_wasi *w;
    uint32_t i;
    if (!cfg) {
        bx_error_setf(err, BX_ERR_ARG, "bx_wasi_new: config is NULL");
        return NULL;
    }
    w = calloc(1, sizeof *w);
    if (!w)
        goto nomem;
    w->argv = copy_strv(cfg->argv, cfg->argc, &w->argv_bytes);
    w->argc = cfg->argc;
    w->env = copy_strv(cfg->env, cfg->envc, &w->env_bytes);
    w->envc = cfg->envc;
    w->sandbox_id = strdup(cfg->sandbox_id ? cfg->sandbox_id : "");
    if (!w->argv || !w->env || !w->sandbox_id)
        goto nomem;
    w->max_fds = cfg->max_fds ? cfg->max_fds : DEFAULT_FDS;
    if (w->max_fds > MAX_FDS)
        w->max_fds = MAX_FDS;
    if (w->max_fds < 3 + cfg->npreopens) {
        bx_error_setf(err, BX_ERR_ARG, "max_fds %u is below stdio + %u preopens; raise max_fds",
               w->max_fds, cfg->npreopens);
        bx_wasi_free(w);
        return NULL;
    }
    /* The whole table up front: entries never move while a host call
     * holds a pointer to one. */
    w->fds = calloc(w->max_fds, sizeof *w->fds);
    if (!w->fds)
        goto nomem;
    w->nfds = w->max_fds;
    for (i = 0; i < w->nfds; i++) {
        w->fds[i].host = -1;
        w->fds[i].grant = -1;
    }
    w->audit_fn = cfg->audit_fn;
    w->audit_user = cfg->audit_user;
    w->audit_file = cfg->audit_file;
    w->audit_max = cfg->audit_max;
    w->max_write = cfg->max_write;
    w->no_openat2 = (cfg->flags & BX_WASI_NO_OPENAT2) != 0;
    w->stop_on_cap = (cfg->flags & BX_WASI_STOP_ON_OUTPUT_CAP) != 0;
    w->have_proc = 1;

    /* stdio */
    w->stdin_kind = cfg->stdin_kind;
    if (cfg->stdin_kind == BX_WASI_STDIN_BUFFER && cfg->stdin_len) {
        w->stdin_buf = malloc(cfg->stdin_len);
        if (!w->stdin_buf)
            goto nomem;
        memcpy(w->stdin_buf, cfg->stdin_buf, cfg->stdin_len);
        w->stdin_len = cfg->stdin_len;
    }
    init_out(&w->out[0], cfg->stdout_kind, cfg->stdout_cap, 1);
    init_out(&w->out[1], cfg->stderr_kind, cfg->stderr_cap, 2);
    for (i = 0; i < 3; i++) {
        bxw_fd *e = &w->fds[i];
        e->kind = i == 0 ? FK_STDIN : FK_OUT;
        e->out = i == 0 ? NULL : &w->out[i - 1];
        e->host = i == 0 ? (cfg->stdin_kind == BX_WASI_STDIN_HOST ? 0 : -1)
                         : (w->out[i - 1].kind == BX_WASI_OUT_HOST ? (int)i : -1);
        e->filetype = WFT_UNKNOWN;
        if (e->host >= 0) {
            struct stat st;
            if (fstat(e->host, &st) == 0)
                e->filetype = bxw_filetype(st.st_mode);
        }
        /* No seek/tell: wasi-libc's isatty() needs them absent. */
        e->base = (i == 0 ? R_FD_READ : R_FD_WRITE | R_FD_DATASYNC | R_FD_SYNC) |
                  R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE;
    }

    /* grants */
    w->grants = calloc(cfg->npreopens ? cfg->npreopens : 1, sizeof *w->grants);
    if (!w->grants)
        goto nomem;
    for (i = 0; i < cfg->npreopens; i++) {
        bxw_grant *g = &w->grants[w->ngrants++];
        g->dirfd = -1;
        if (init_grant(w, g, i, &cfg->preopens[i], (cfg->flags & BX_WASI_GRANTS_NO_LINKS) != 0, err) != 0) {
            bx_wasi_free(w);
            return NULL;
        }
        switch (merge_file_grant(w, g, err)) {
        case 1:
            w->ngrants--;
            break;
        case -1:
            bx_wasi_free(w);
            return NULL;
        }
    }
    for (i = 0; i < w->ngrants; i++) {
        if (finish_grant(w, i, err) != 0) {
            bx_wasi_free(w);
            return NULL;
        }
    }

    /* deny rules */
    w->deny = calloc(cfg->ndeny ? cfg->ndeny : 1, sizeof *w->deny);
    if (!w->deny)
        goto nomem;
    for (i = 0; i < cfg->ndeny; i++) {
        const char *pat = cfg->deny[i];
        bxw_deny *d = &w->deny[i];
        size_t pl;
        char *copy, *q;
        w->ndeny = i + 1;
        if (!pat || pat[0] != '/' || strlen(pat) >= BXW_GPATH_MAX) {
            bx_error_setf(err, BX_ERR_ARG, "deny pattern '%s' must be an absolute guest path glob", pat ? pat : "");
            bx_wasi_free(w);
            return NULL;
        }
        pl = strlen(pat);
        d->rule = malloc(pl + 6);
        d->comp = calloc(pl / 2 + 2, sizeof *d->comp);
        copy = strdup(pat);
        if (!d->rule || !d->comp || !copy) {
            free(copy);
            goto nomem;
        }
        snprintf(d->rule, pl + 6, "deny:%s", pat);
        for (q = strtok(copy, "/"); q; q = strtok(NULL, "/")) {
            if (!strcmp(q, "."))
                continue;
            if (!strcmp(q, "..")) {
                free(copy);
                bx_error_setf(err, BX_ERR_ARG, "deny pattern '%s' must not contain '..'", pat);
                bx_wasi_free(w);
                return NULL;
            }
            if (!(d->comp[d->ncomp++] = strdup(q))) {
                free(copy);
                goto nomem;
            }
        }
        free(copy);
    }
    if (!w->have_proc) {
        int needs = cfg->ndeny > 0;
        for (i = 0; i < w->ngrants; i++) {
            needs |= w->grants[i].nfiles > 0;
            /* nested grants of different modes: the most specific one can
             * only be found on the real path (a link could reach a
             * read-only grant's files by another name) */
            for (uint32_t j = 0; j < w->ngrants; j++) {
                const char *a = w->grants[i].host_real, *b = w->grants[j].host_real;
                size_t la = a ? strlen(a) : 0;
                if (i != j && a && b && w->grants[i].ro != w->grants[j].ro && !strncmp(a, b, la) &&
                    (b[la] == '/' || b[la] == 0 || (la == 1 && a[0] == '/')))
                    needs = 1;
            }
        }
        if (needs) {
            /* Without /proc we cannot see where a path really landed, so
             * symlinks could route around a deny rule: refuse to pretend. */
            bx_error_setf(err, BX_ERR_ARG, "deny patterns, single-file grants and nested grants of different "
                   "modes need /proc mounted");
            bx_wasi_free(w);
            return NULL;
        }
    }
    return w;
nomem:
    bx_error_setf(err, BX_ERR_NOMEM, "out of memory creating the WASI context");
    bx_wasi_free(w);
    return NULL;
}

void bx_wasi_free(bx_wasi *w)
{
    uint32_t i, j;
    if (!w)
        return;
    bxw_audit_end(w);
    for (i = 0; w->fds && i < w->nfds; i++)
        if (w->fds[i].kind != FK_FREE)
            bxw_fd_release(&w->fds[i]);
    free(w->fds);
    for (i = 0; i < w->ngrants; i++)
        free_grant(&w->grants[i]);
    free(w->grants);
    for (i = 0; i < w->ndeny; i++) {
        for (j = 0; j < w->deny[i].ncomp; j++)
            free(w->deny[i].comp[j]);
        free(w->deny[i].comp);
        free(w->deny[i].rule);
    }
    free(w->deny);
    free(w->denyino);
    for (i = 0; i < w->nlinks; i++)
        free(w->links[i]);
    free(w->links);
    free_strv(w->argv, w->argc);
    free_strv(w->env, w->envc);
    free(w->sandbox_id);
    free(w->stdin_buf);
    bxw_out_close(&w->out[0]);
    bxw_out_close(&w->out[1]);
    free(w->out[0].buf);
    free(w->out[1].buf);
    free(w->readout);
    free(w);
}

static const uint8_t *readout(bx_wasi *w, bxw_out *o, size_t *len, int *truncated)
{
    char marker[80];
    int m;
    uint8_t *r;
    if (truncated)
        *truncated = o->dropped != 0;
    if (!o->dropped) {
        *len = o->len;
        return o->buf ? o->buf : (const uint8_t *)"";
    }
    m = snprintf(marker, sizeof marker, "\n[output truncated: %llu bytes dropped]\n",
                 (unsigned long long)o->dropped);
    r = realloc(w->readout, o->len + (size_t)m + 1);
    if (!r) {
        *len = o->len;
        return o->buf;
    }
    w->readout = r;
    if (o->len)
        memcpy(r, o->buf, o->len);
    memcpy(r + o->len, marker, (size_t)m + 1);
    *len = o->len + (size_t)m;
    return r;
}

const uint8_t *bx_wasi_stdout(bx_wasi *w, size_t *len, int *truncated)
{
    return readout(w, &w->out[0], len, truncated);
}

const uint8_t *bx_wasi_stderr(bx_wasi *w, size_t *len, int *truncated)
{
    return readout(w, &w->out[1], len, truncated);
}

/* ---- args, environ ------------------------------------------------------ */

/* Write a string vector the way args_get/environ_get lay it out. */
static uint16_t put_strv(const bx_hostcall *hc, char **v, uint32_t n, size_t bytes,
                         uint32_t ptrs, uint32_t buf)
{
    if (!bxw_mem_ok(hc, ptrs, (uint64_t)n * 4) || !bxw_mem_ok(hc, buf, bytes))
        return W_FAULT;
    /* charged as bulk work (boxagnts.h); running out traps at the guest's
     * next block, one block late, since this returns an errno */
    (void)bx_hostcall_charge(hc, bx_fuel_for_bytes((uint64_t)n * 4 + bytes));
    for (uint32_t i = 0; i < n; i++) {
        size_t l = strlen(v[i]) + 1;
        bxw_st32(bxw_mem(hc, ptrs + (uint64_t)i * 4), buf);
        memcpy(bxw_mem(hc, buf), v[i], l);
        buf += (uint32_t)l;
    }
    return 0;
}

static uint16_t put_sizes(const bx_hostcall *hc, uint32_t n, size_t bytes, uint32_t pn, uint32_t pb)
{
    if (!bxw_mem_ok(hc, pn, 4) || !bxw_mem_ok(hc, pb, 4))
        return W_FAULT;
    if (bytes > UINT32_MAX)
        return W_OVERFLOW;
    bxw_st32(bxw_mem(hc, pn), n);
    bxw_st32(bxw_mem(hc, pb), (uint32_t)bytes);
    return 0;
}

BXW_FN(args_get)
{
    bx_wasi *w = BXW_CTX;
    BXW_RET(put_strv(hc, w->argv, w->argc, w->argv_bytes, A32(0), A32(1)));
}
BXW_FN(args_sizes_get)
{
    bx_wasi *w = BXW_CTX;
    BXW_RET(put_sizes(hc, w->argc, w->argv_bytes, A32(0), A32(1)));
}
BXW_FN(environ_get)
{
    bx_wasi *w = BXW_CTX;
    BXW_RET(put_strv(hc, w->env, w->envc, w->env_bytes, A32(0), A32(1)));
}
BXW_FN(environ_sizes_get)
{
    bx_wasi *w = BXW_CTX;
    BXW_RET(put_sizes(hc, w->envc, w->env_bytes, A32(0), A32(1)));
}

/* ---- clocks, random ----------------------------------------------------- */

static int host_clock(uint32_t id, clockid_t *out)
{
    static const clockid_t map[] = { CLOCK_REALTIME, CLOCK_MONOTONIC,
                                     CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID };
    if (id >= 4)
        return -1;
    *out = map[id];
    return 0;
}

BXW_FN(clock_res_get)
{
    clockid_t c;
    struct timespec ts;
    if (host_clock(A32(0), &c) != 0)
        BXW_RET(W_INVAL);
    if (!bxw_mem_ok(hc, A32(1), 8))
        BXW_RET(W_FAULT);
    if (clock_getres(c, &ts) != 0)
        BXW_RET(bxw_errno(errno));
    bxw_st64(bxw_mem(hc, A32(1)), (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
    BXW_RET(0);
}

BXW_FN(clock_time_get)
{
    clockid_t c;
    struct timespec ts;
    if (host_clock(A32(0), &c) != 0)
        BXW_RET(W_INVAL);
    if (!bxw_mem_ok(hc, A32(2), 8))
        BXW_RET(W_FAULT);
    if (clock_gettime(c, &ts) != 0)
        BXW_RET(bxw_errno(errno));
    bxw_st64(bxw_mem(hc, A32(2)), (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
    BXW_RET(0);
}

BXW_FN(random_get)
{
    uint32_t p = A32(0), n = A32(1), done = 0;
    bx_trap t;
    if (!bxw_mem_ok(hc, p, n))
        BXW_RET(W_FAULT);
    /* charged up front, filled in chunks with the interrupt checked */
    if ((t = bx_hostcall_charge(hc, bx_fuel_for_bytes(n))) != BX_TRAP_NONE)
        return t;
    while (done < n) {
        uint32_t want = n - done < BX_WORK_CHUNK ? n - done : BX_WORK_CHUNK;
        ssize_t k;
        if (done && (t = bx_hostcall_charge(hc, 0)) != BX_TRAP_NONE)
            return t;
        k = getrandom(bxw_mem(hc, p + (uint64_t)done), want, 0);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            BXW_RET(bxw_errno(errno));
        }
        done += (uint32_t)k;
    }
    BXW_RET(0);
}

/* ---- proc, sched, sock -------------------------------------------------- */

BXW_FN(proc_exit)
{
    return bx_hostcall_exit(hc, (int32_t)A32(0));
}

BXW_FN(proc_raise)
{
    (void)hc;
    BXW_RET(W_NOTSUP);                  /* no signals inside the sandbox */
}

BXW_FN(sched_yield)
{
    (void)hc;
    sched_yield();
    BXW_RET(0);
}

/* The sandbox never hands out sockets: a valid fd is not one. */
static uint16_t not_sock(bx_hostcall *hc, uint32_t fd)
{
    return bxw_fd_get(BXW_CTX, fd) ? W_NOTSOCK : W_BADF;
}
BXW_FN(sock_accept) { BXW_RET(not_sock(hc, A32(0))); }
BXW_FN(sock_recv) { BXW_RET(not_sock(hc, A32(0))); }
BXW_FN(sock_send) { BXW_RET(not_sock(hc, A32(0))); }
BXW_FN(sock_shutdown) { BXW_RET(not_sock(hc, A32(0))); }

/* ---- the import table --------------------------------------------------- */

typedef struct fn_def {
    const char *name;
    const char *params;                 /* 'i' = i32, 'I' = i64 */
    int returns;                        /* 1: one i32 errno */
    bx_host_fn fn;
} fn_def;

static const fn_def fns[] = {
    { "args_get", "ii", 1, bxw_args_get },
    { "args_sizes_get", "ii", 1, bxw_args_sizes_get },
    { "environ_get", "ii", 1, bxw_environ_get },
    { "environ_sizes_get", "ii", 1, bxw_environ_sizes_get },
    { "clock_res_get", "ii", 1, bxw_clock_res_get },
    { "clock_time_get", "iIi", 1, bxw_clock_time_get },
    { "fd_advise", "iIIi", 1, bxw_fd_advise },
    { "fd_allocate", "iII", 1, bxw_fd_allocate },
    { "fd_close", "i", 1, bxw_fd_close },
    { "fd_datasync", "i", 1, bxw_fd_datasync },
    { "fd_fdstat_get", "ii", 1, bxw_fd_fdstat_get },
    { "fd_fdstat_set_flags", "ii", 1, bxw_fd_fdstat_set_flags },
    { "fd_fdstat_set_rights", "iII", 1, bxw_fd_fdstat_set_rights },
    { "fd_filestat_get", "ii", 1, bxw_fd_filestat_get },
    { "fd_filestat_set_size", "iI", 1, bxw_fd_filestat_set_size },
    { "fd_filestat_set_times", "iIIi", 1, bxw_fd_filestat_set_times },
    { "fd_pread", "iiiIi", 1, bxw_fd_pread },
    { "fd_prestat_get", "ii", 1, bxw_fd_prestat_get },
    { "fd_prestat_dir_name", "iii", 1, bxw_fd_prestat_dir_name },
    { "fd_pwrite", "iiiIi", 1, bxw_fd_pwrite },
    { "fd_read", "iiii", 1, bxw_fd_read },
    { "fd_readdir", "iiiIi", 1, bxw_fd_readdir },
    { "fd_renumber", "ii", 1, bxw_fd_renumber },
    { "fd_seek", "iIii", 1, bxw_fd_seek },
    { "fd_sync", "i", 1, bxw_fd_sync },
    { "fd_tell", "ii", 1, bxw_fd_tell },
    { "fd_write", "iiii", 1, bxw_fd_write },
    { "path_create_directory", "iii", 1, bxw_path_create_directory },
    { "path_filestat_get", "iiiii", 1, bxw_path_filestat_get },
    { "path_filestat_set_times", "iiiiIIi", 1, bxw_path_filestat_set_times },
    { "path_link", "iiiiiii", 1, bxw_path_link },
    { "path_open", "iiiiiIIii", 1, bxw_path_open },
    { "path_readlink", "iiiiii", 1, bxw_path_readlink },
    { "path_remove_directory", "iii", 1, bxw_path_remove_directory },
    { "path_rename", "iiiiii", 1, bxw_path_rename },
    { "path_symlink", "iiiii", 1, bxw_path_symlink },
    { "path_unlink_file", "iii", 1, bxw_path_unlink_file },
    { "poll_oneoff", "iiii", 1, bxw_poll_oneoff },
    { "proc_exit", "i", 0, bxw_proc_exit },
    { "proc_raise", "i", 1, bxw_proc_raise },
    { "sched_yield", "", 1, bxw_sched_yield },
    { "random_get", "ii", 1, bxw_random_get },
    { "sock_accept", "iii", 1, bxw_sock_accept },
    { "sock_recv", "iiiiii", 1, bxw_sock_recv },
    { "sock_send", "iiiii", 1, bxw_sock_send },
    { "sock_shutdown", "ii", 1, bxw_sock_shutdown },
};

/* Define fns[i] in the linker as a host function of store s. */
static bx_status define_one(bx_wasi *w, bx_store *s, bx_linker *l, size_t i, bx_error *err)
{
    static const bx_valtype r_i32[1] = { BX_I32 };
    bx_valtype params[16];
    bx_functype ft;
    bx_extern ext;
    bx_status st;
    uint32_t np = (uint32_t)strlen(fns[i].params);
    for (uint32_t k = 0; k < np; k++)
        params[k] = fns[i].params[k] == 'I' ? BX_I64 : BX_I32;
    ft.nparams = np;
    ft.params = params;
    ft.nresults = fns[i].returns ? 1 : 0;
    ft.results = r_i32;
    ext.kind = BX_EXTERN_FUNC;
    ext.of.func = bx_func_new_host(s, &ft, fns[i].fn, w);
    if (!ext.of.func) {
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory defining %s.%s", MODULE, fns[i].name);
        return BX_ERR_NOMEM;
    }
    st = bx_linker_define(l, MODULE, fns[i].name, ext);
    if (st != BX_OK)
        bx_error_setf(err, st, "cannot define %s.%s in the linker", MODULE, fns[i].name);
    return st;
}

bx_status bx_wasi_define(bx_wasi *w, bx_store *s, bx_linker *l, bx_error *err)
{
    if (!w || !s || !l) {
        bx_error_setf(err, BX_ERR_ARG, "bx_wasi_define: wasi, store and linker are required");
        return BX_ERR_ARG;
    }
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        bx_status st = define_one(w, s, l, i, err);
        if (st != BX_OK)
            return st;
    }
    return BX_OK;
}

/* Only what m imports: a small tool imports a handful of the 46, and
 * defining each costs a host function and a linker entry per run. */
bx_status bx_wasi_define_for(bx_wasi *w, bx_store *s, bx_linker *l, const bx_module *m, bx_error *err)
{
    if (!w || !s || !l || !m) {
        bx_error_setf(err, BX_ERR_ARG, "bx_wasi_define_for: wasi, store, linker and module are required");
        return BX_ERR_ARG;
    }
    for (uint32_t k = 0, n = bx_module_import_count(m); k < n; k++) {
        const char *mod, *name;
        bx_externkind kind;
        bx_module_import(m, k, &mod, &name, &kind);
        if (kind != BX_EXTERN_FUNC || !mod || !name || strcmp(mod, MODULE) != 0)
            continue;                   /* not ours: instantiation names it */
        for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
            if (strcmp(fns[i].name, name) == 0) {
                bx_status st = define_one(w, s, l, i, err);
                if (st != BX_OK)
                    return st;
                break;
            }
        }
    }
    return BX_OK;
}
