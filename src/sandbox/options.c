/*
 * options.c — bx_run_options: building it from the strings users write.
 *
 * Grants (`read:/workspace/docs`, `write:/tmp=/srv/tmp`, `env:NAME=V`,
 * `fetch:https://api.example.com`, `deny:/workspace/.git/...`), wasmtime-style
 * flags (`--dir HOST::GUEST:ro`, `--env NAME[=VALUE]`), sizes ("64MiB") and
 * durations ("5s", "200ms").  Parsing only: nothing here touches the file
 * system beyond resolving granted host paths, so a bad grant is refused
 * before anything runs.
 *
 * Links: a guest can plant symbolic links anywhere it may write, so a
 * grant of a path inside the workspace is resolved beneath the workspace
 * one component at a time without following any link (grant_beneath), and
 * a grant whose path is or passes through a link is refused.  An explicit
 * host path (`read:/data=/srv/data`, `--dir HOST::GUEST`) is the
 * operator's own and is resolved with realpath(), except when it is written
 * inside the workspace: then it is a workspace path like any other.  Either
 * way the canonical result is stored and src/wasi opens it again refusing
 * any link found there by then (BX_WASI_GRANTS_NO_LINKS).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boxagnts.h"
#include "sandbox_impl.h"

static void vec_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

void bx_run_options_init(bx_run_options *o)
{
    memset(o, 0, sizeof *o);
    o->block_private = 1;
    o->max_fds = 256;               /* as many as a tool needs, bounded host fds */
}

void bx_run_options_free(bx_run_options *o)
{
    bx_grants_free(&o->g);
    for (size_t i = 0; i < o->nmap_dirs; i++) {
        free(o->map_dirs[i].host);
        free(o->map_dirs[i].guest);
    }
    free(o->map_dirs);
    vec_free(o->env_vars, o->nenv_vars);
    vec_free(o->deny, o->ndeny);
    vec_free(o->allowed_outbound_hosts, o->nallowed_outbound_hosts);
    memset(o, 0, sizeof *o);
}

/* A guest path must be absolute and already normal: no "." or ".."
 * components, no empty ones, so the mapping a user reads is the mapping
 * that applies. */
static int guest_path_ok(const char *g)
{
    if (g[0] != '/') return 0;
    if (strlen(g) >= PATH_MAX) return 0;
    for (const char *p = g; *p;) {
        while (*p == '/') p++;
        const char *q = p;
        while (*q && *q != '/') q++;
        size_t n = (size_t)(q - p);
        if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) return 0;
        p = q;
    }
    return 1;
}

/* "/workspace/docs/" -> "/workspace/docs"; "/" stays. */
static void trim_slashes(char *g)
{
    size_t n = strlen(g);
    while (n > 1 && g[n - 1] == '/') g[--n] = 0;
}

static bx_status add_real(bx_run_options *o, const char *real, const struct stat *stp,
                          const char *guest, int read_only, bx_error *err);

static bx_status add_map(bx_run_options *o, const char *host, const char *guest,
                         int read_only, bx_error *err)
{
    char real[PATH_MAX];
    struct stat st;
    if (!realpath(host, real))
        return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: host path %s: %s", guest, host, strerror(errno));
    if (stat(real, &st) != 0)
        return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: %s: %s", guest, real, strerror(errno));
    return add_real(o, real, &st, guest, read_only, err);
}

/*
 * The grant of `rel` (components without "." or "..") beneath the
 * workspace: each component is opened with O_NOFOLLOW relative to the fd
 * of the one before, so a link anywhere on the way (planted by an earlier
 * guest) is seen and refused, never followed.  `what` names the grant in
 * messages.
 */
static bx_status grant_beneath(bx_run_options *o, const char *rel, const char *guest, int read_only,
                               const char *what, bx_error *err)
{
    char host[PATH_MAX], sofar[PATH_MAX];
    const char *p = rel;
    struct stat st;
    int fd = open(o->g.workspace, O_PATH | O_DIRECTORY | O_CLOEXEC);
    size_t sl = 0;
    if (fd < 0)
        return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: workspace %s: %s", what, o->g.workspace, strerror(errno));
    sofar[0] = 0;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: %s", what, strerror(errno));
    }
    for (;;) {
        char name[256];
        const char *s;
        size_t n;
        int nfd;
        while (*p == '/') p++;
        if (!*p) break;
        s = p;
        while (*p && *p != '/') p++;
        n = (size_t)(p - s);
        if (n >= sizeof name || sl + n + 2 >= sizeof sofar) {
            close(fd);
            return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: path too long", what);
        }
        memcpy(name, s, n);
        name[n] = 0;
        if (!S_ISDIR(st.st_mode)) {
            close(fd);
            return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: /workspace/%s is not a directory", what, sofar);
        }
        memcpy(sofar + sl, s, n);
        sl += n;
        sofar[sl] = 0;
        nfd = openat(fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
        close(fd);
        if (nfd < 0)
            return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: /workspace/%s: %s", what, sofar, strerror(errno));
        fd = nfd;
        if (fstat(fd, &st) != 0) {
            close(fd);
            return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: %s", what, strerror(errno));
        }
        if (S_ISLNK(st.st_mode)) {
            char t[PATH_MAX];
            ssize_t tl = readlinkat(fd, "", t, sizeof t - 1);
            close(fd);
            t[tl > 0 ? tl : 0] = 0;
            return bx_error_setf(err, BX_ERR_ARG,
                              "cannot grant %s: /workspace/%s is a symbolic link (to '%s'); grants inside the "
                              "workspace never follow links: grant the directory the link points to, or "
                              "remove the link", what, sofar, t);
        }
        sofar[sl++] = '/';
        sofar[sl] = 0;
    }
    close(fd);
    if (sl) sofar[--sl] = 0;
    if ((size_t)snprintf(host, sizeof host, "%s%s%s", o->g.workspace,
                         sl && strcmp(o->g.workspace, "/") ? "/" : "", sofar) >= sizeof host)
        return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: path too long", what);
    /* The workspace is canonical and nothing below it was a link, so host
     * is canonical too; src/wasi re-opens it refusing links. */
    return add_real(o, host, &st, guest, read_only, err);
}

static int below(const char *path, const char *dir)
{
    size_t dl = strlen(dir);
    if (!strcmp(dir, "/")) return path[1] != 0;
    return !strncmp(path, dir, dl) && path[dl] == '/';
}

/* Lexically normalize an absolute or cwd-relative host path.  -1 when it
 * does not fit; -2 when a ".." would climb out of a directory below ws
 * (where a guest may have made that directory a link). */
static int host_lexical(const char *in, const char *ws, char *out, size_t cap)
{
    char buf[2 * PATH_MAX];
    size_t n = 0;
    if (in[0] != '/') {
        if (!getcwd(buf, PATH_MAX)) return -1;
        n = strlen(buf);
        buf[n++] = '/';
    }
    if (n + strlen(in) + 1 > sizeof buf) return -1;
    strcpy(buf + n, in);
    n = 0;
    out[0] = '/';
    out[1] = 0;
    for (const char *p = buf; *p;) {
        while (*p == '/') p++;
        if (!*p) break;
        const char *s = p;
        while (*p && *p != '/') p++;
        size_t l = (size_t)(p - s);
        if (l == 1 && s[0] == '.') continue;
        if (l == 2 && s[0] == '.' && s[1] == '.') {
            if (below(out, ws)) return -2;
            while (n > 0 && out[n - 1] != '/') n--;
            if (n > 0) n--;
            out[n ? n : 1] = 0;
            if (!n) out[0] = '/';
            continue;
        }
        if (n + l + 2 > cap) return -1;
        out[n++] = '/';
        memcpy(out + n, s, l);
        n += l;
        out[n] = 0;
    }
    if (n == 0) { out[0] = '/'; out[1] = 0; }
    return 0;
}

static bx_status add_real(bx_run_options *o, const char *real, const struct stat *stp,
                          const char *guest, int read_only, bx_error *err)
{
    struct stat st = *stp;
    char *g = strdup(guest);
    char *h = strdup(real);
    bx_dir_map *nm = realloc(o->map_dirs, (o->nmap_dirs + 1) * sizeof *nm);
    if (!g || !h || !nm) {
        free(g); free(h);
        if (nm) o->map_dirs = nm;
        return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    }
    trim_slashes(g);
    o->map_dirs = nm;
    /* A later grant of the same guest path replaces the earlier one, so
     * `read:/w` then `write:/w` means read-write, as users expect. */
    for (size_t i = 0; i < o->nmap_dirs; i++) {
        if (strcmp(nm[i].guest, g) == 0) {
            free(nm[i].host); free(nm[i].guest);
            nm[i] = (bx_dir_map){h, g, read_only, S_ISREG(st.st_mode)};
            return BX_OK;
        }
    }
    /* File grants in one guest directory become one preopen of one host
     * directory with one access mode (src/wasi): refuse what it cannot say. */
    if (S_ISREG(st.st_mode)) {
        const char *gs = strrchr(g, '/'), *hs = strrchr(h, '/');
        size_t gl = (size_t)(gs - g), hl = (size_t)(hs - h);
        for (size_t i = 0; i < o->nmap_dirs; i++) {
            const char *ogs = strrchr(nm[i].guest, '/'), *ohs = strrchr(nm[i].host, '/');
            if (!nm[i].is_file || (size_t)(ogs - nm[i].guest) != gl || strncmp(nm[i].guest, g, gl))
                continue;
            if ((size_t)(ohs - nm[i].host) != hl || strncmp(nm[i].host, h, hl)) {
                bx_status st2 = bx_error_setf(err, BX_ERR_ARG,
                    "cannot grant %s: %s is in another host directory than %s (granted as %s); "
                    "files shown in one guest directory must share one host directory", g, h, nm[i].host, nm[i].guest);
                free(g); free(h);
                return st2;
            }
            if (nm[i].read_only != read_only) {
                bx_status st2 = bx_error_setf(err, BX_ERR_ARG,
                    "cannot grant %s %s: %s in the same directory is granted %s; grant both read or both write",
                    read_only ? "read" : "write", g, nm[i].guest, nm[i].read_only ? "read" : "write");
                free(g); free(h);
                return st2;
            }
        }
    }
    nm[o->nmap_dirs++] = (bx_dir_map){h, g, read_only, S_ISREG(st.st_mode)};
    return BX_OK;
}

bx_status bx_run_options_set_workspace(bx_run_options *o, const char *dir, bx_error *err)
{
    char real[PATH_MAX];
    struct stat st;
    if (!realpath(dir, real) || stat(real, &st) != 0 || !S_ISDIR(st.st_mode))
        return bx_error_setf(err, BX_ERR_ARG, "workspace %s is not a directory", dir);
    char *w = strdup(real);
    if (!w) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    free(o->g.workspace);
    o->g.workspace = w;
    return BX_OK;
}

/* Host path behind a guest path under /workspace when no explicit host
 * path was given. */
static bx_status workspace_host(const bx_run_options *o, const char *guest,
                                char *out, size_t cap, bx_error *err)
{
    static const char ws[] = "/workspace";
    size_t n = sizeof ws - 1;
    if (strncmp(guest, ws, n) != 0 || (guest[n] != 0 && guest[n] != '/'))
        return bx_error_setf(err, BX_ERR_ARG,
                    "grant %s: a guest path outside /workspace needs a host path, e.g. read:%s=/host/dir", guest, guest);
    if (!o->g.workspace)
        return bx_error_setf(err, BX_ERR_ARG, "grant %s needs a workspace: pass --workspace DIR", guest);
    if ((size_t)snprintf(out, cap, "%s%s", o->g.workspace, guest + n) >= cap)
        return bx_error_setf(err, BX_ERR_ARG, "grant %s: path too long", guest);
    return BX_OK;
}

/* An explicit host path: the operator's, links followed as written,
 * unless it is written inside the workspace (a guest may have planted a
 * link there): then it is resolved beneath the workspace like a grant of
 * /workspace/... (no link followed). */
static bx_status add_host(bx_run_options *o, const char *host, const char *guest, int read_only,
                          const char *what, bx_error *err)
{
    char lex[PATH_MAX];
    int lr;
    if (o->g.workspace && (lr = host_lexical(host, o->g.workspace, lex, sizeof lex)) != -1) {
        size_t wl = strlen(o->g.workspace);
        if (lr == -2)
            return bx_error_setf(err, BX_ERR_ARG, "cannot grant %s: host path %s climbs with '..' out of a directory "
                              "inside the workspace, which may be a link: write it without '..'", what, host);
        if (!strcmp(lex, o->g.workspace) || below(lex, o->g.workspace))
            return grant_beneath(o, strcmp(o->g.workspace, "/") ? lex + wl : lex, guest, read_only, what, err);
    }
    return add_map(o, host, guest, read_only, err);
}

static bx_status add_cap(bx_run_options *o, const char *cap, bx_error *err);

bx_status bx_run_options_add_cap(bx_run_options *o, const char *cap, bx_error *err)
{
    bx_status st = add_cap(o, cap, err);
    return st ? st : bxs_list_push(&o->g.caps, &o->g.ncaps, cap, err);
}

static bx_status add_cap(bx_run_options *o, const char *cap, bx_error *err)
{
    const char *colon = strchr(cap, ':');
    if (!colon)
        return bx_error_setf(err, BX_ERR_ARG, "bad grant '%s': expected read:PATH, write:PATH, env:NAME, fetch:ORIGIN or deny:PATTERN", cap);
    size_t kl = (size_t)(colon - cap);
    const char *arg = colon + 1;
    if (!*arg) return bx_error_setf(err, BX_ERR_ARG, "bad grant '%s': nothing after the colon", cap);

    if ((kl == 4 && !strncmp(cap, "read", 4)) || (kl == 5 && !strncmp(cap, "write", 5))) {
        char guest[PATH_MAX], host[PATH_MAX];
        const char *eq = strchr(arg, '=');
        size_t gl = eq ? (size_t)(eq - arg) : strlen(arg);
        if (gl == 0 || gl >= sizeof guest) return bx_error_setf(err, BX_ERR_ARG, "bad grant '%s': empty or too long guest path", cap);
        memcpy(guest, arg, gl);
        guest[gl] = 0;
        if (!guest_path_ok(guest))
            return bx_error_setf(err, BX_ERR_ARG, "bad grant '%s': the guest path must be absolute, without . or .. components", cap);
        trim_slashes(guest);
        if (eq) {
            if (snprintf(host, sizeof host, "%s", eq + 1) >= (int)sizeof host)
                return bx_error_setf(err, BX_ERR_ARG, "grant %s: host path too long", cap);
            return add_host(o, host, guest, kl == 4, cap, err);
        }
        bx_status st = workspace_host(o, guest, host, sizeof host, err);
        if (st) return st;
        return grant_beneath(o, guest + strlen("/workspace"), guest, kl == 4, cap, err);
    }
    if (kl == 3 && !strncmp(cap, "env", 3)) {
        size_t nl = strcspn(arg, "=");
        if (nl == 0) return bx_error_setf(err, BX_ERR_ARG, "bad grant '%s': empty variable name", cap);
        return bxs_list_push(&o->env_vars, &o->nenv_vars, arg, err);
    }
    if (kl == 4 && !strncmp(cap, "deny", 4)) {
        if (arg[0] != '/') return bx_error_setf(err, BX_ERR_ARG, "bad grant '%s': a deny pattern is an absolute guest path pattern", cap);
        return bxs_list_push(&o->deny, &o->ndeny, arg, err);
    }
    if (kl == 5 && !strncmp(cap, "fetch", 5)) {
        if (!strstr(arg, "://"))
            return bx_error_setf(err, BX_ERR_ARG, "bad grant '%s': expected fetch:SCHEME://HOST[:PORT], e.g. fetch:https://api.example.com", cap);
        return bxs_list_push(&o->allowed_outbound_hosts, &o->nallowed_outbound_hosts, arg, err);
    }
    return bx_error_setf(err, BX_ERR_ARG, "unknown grant kind in '%s': use read, write, env, fetch or deny", cap);
}

bx_status bx_run_options_add_dir(bx_run_options *o, const char *spec, bx_error *err)
{
    /* HOST[::GUEST][:ro] — wasmtime's spelling. */
    char buf[2 * PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", spec) >= (int)sizeof buf)
        return bx_error_setf(err, BX_ERR_ARG, "--dir %s: too long", spec);
    int ro = 0;
    size_t n = strlen(buf);
    if (n > 3 && !strcmp(buf + n - 3, ":ro")) { ro = 1; buf[n - 3] = 0; }
    char *sep = strstr(buf, "::");
    const char *host = buf, *guest;
    if (sep) { *sep = 0; guest = sep + 2; }
    else guest = buf;
    if (!*host || !*guest) return bx_error_setf(err, BX_ERR_ARG, "--dir %s: expected HOST[::GUEST][:ro]", spec);
    char g[PATH_MAX];
    if (guest[0] != '/') {
        /* `--dir .` or `--dir data::data`: a relative guest name is
         * placed at the root, as wasmtime preopens it. */
        if (snprintf(g, sizeof g, "/%s", strcmp(guest, ".") ? guest : "") >= (int)sizeof g)
            return bx_error_setf(err, BX_ERR_ARG, "--dir %s: too long", spec);
        if (!strcmp(guest, ".")) snprintf(g, sizeof g, "/");
    } else {
        snprintf(g, sizeof g, "%s", guest);
    }
    if (!guest_path_ok(g))
        return bx_error_setf(err, BX_ERR_ARG, "--dir %s: the guest path must not contain . or .. components", spec);
    return add_host(o, host, g, ro, spec, err);
}

bx_status bx_run_options_add_env(bx_run_options *o, const char *spec, bx_error *err)
{
    if (!*spec || *spec == '=') return bx_error_setf(err, BX_ERR_ARG, "--env '%s': empty variable name", spec);
    return bxs_list_push(&o->env_vars, &o->nenv_vars, spec, err);
}

/* Grants as given, resolved in order; lists and limits as bx_grants_merge.
 * The workspace comes first: grants may refer to it. */
bx_status bx_run_options_apply(bx_run_options *o, const bx_grants *g, bx_error *err)
{
    bx_status st = BX_OK;
    if (g->workspace && (st = bx_run_options_set_workspace(o, g->workspace, err))) return st;
    for (size_t i = 0; i < g->ncaps; i++)
        if ((st = bx_run_options_add_cap(o, g->caps[i], err))) return st;
    bx_grants rest = *g;     /* borrowed: merge only reads it */
    rest.workspace = NULL;
    rest.caps = NULL;
    rest.ncaps = 0;
    return bx_grants_merge(&o->g, &rest, err);
}
