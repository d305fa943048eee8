/*
 * guest/common/hint.c — what to tell the operator when the sandbox refuses
 * a path.  The advice must be a grant that would work, or say what the
 * operator must change when no grant can (the issue-18 rule), so it is
 * built from what the guest can see for itself:
 *
 *   - the path in the guest's view, ".." resolved lexically (the sandbox
 *     never follows ".." out of a grant, so /workspace/../x is /x, and a
 *     grant naming "/workspace/../x" is rejected as malformed);
 *   - the preopened directories (fd_prestat): which grants this call has.
 *
 * Then: under /workspace with some grant at or below /workspace, the
 * workspace exists and `read:PATH` works; under /workspace with none, no
 * workspace may be mounted at all, so the operator must pass --workspace
 * (or, if one is given, add the grant); outside /workspace, only a grant
 * with an explicit host path works (read:GUEST=HOST), and a --cap replaces
 * the default workspace grant, which the advice says too.
 */
#include "tool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __wasi__
#include <wasi/api.h>
#endif

#define WS "/workspace"

/* Lexical normalisation: "." and empty components dropped, ".." removes
 * the previous component (at the root it stays at the root); relative
 * paths are taken under /workspace, as the tools take them. */
static void lex_norm(const char *in, char *out, size_t cap)
{
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s%s", in[0] == '/' ? "" : WS "/", in);
    size_t n = 0;
    out[0] = 0;
    for (char *save = NULL, *c = strtok_r(tmp, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        if (!strcmp(c, ".")) continue;
        if (!strcmp(c, "..")) {
            while (n > 0 && out[n - 1] != '/') n--;
            if (n > 0) n--;
            out[n] = 0;
            continue;
        }
        size_t l = strlen(c);
        if (n + 1 + l + 1 > cap) break;
        out[n++] = '/';
        memcpy(out + n, c, l);
        n += l;
        out[n] = 0;
    }
    if (!n) snprintf(out, cap, "/");
}

static int has_dotdot(const char *p)
{
    for (const char *s = p; (s = strstr(s, "..")); s += 2)
        if ((s == p || s[-1] == '/') && (s[2] == 0 || s[2] == '/')) return 1;
    return 0;
}

/* p at or below dir (component-wise). */
static int under(const char *p, const char *dir)
{
    size_t l = strlen(dir);
    if (!strcmp(dir, "/")) return 1;
    return !strncmp(p, dir, l) && (p[l] == 0 || p[l] == '/');
}

/* Bit 0: some grant covers p.  Bit 1: some grant is at or below /workspace. */
static int grants_seen(const char *p)
{
    int r = 0;
#ifdef __wasi__
    for (__wasi_fd_t fd = 3; fd < 256; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        char nm[1024];
        size_t l = ps.u.dir.pr_name_len;
        if (l >= sizeof nm || __wasi_fd_prestat_dir_name(fd, (uint8_t *)nm, l) != 0) continue;
        nm[l] = 0;
        while (l > 1 && nm[l - 1] == '/') nm[--l] = 0;
        if (under(p, nm)) r |= 1;
        if (under(nm, WS)) r |= 2;
    }
#else
    (void)p;
#endif
    return r;
}

void tool_denied_hint(const char *path, const char *mode, char *out, size_t cap)
{
    char lex[1024], dir[1024], also[1200] = "";
    lex_norm(path, lex, sizeof lex);
    if (has_dotdot(path) && strcmp(lex, path))
        snprintf(also, sizeof also, "%s is %s in the sandbox (.. is resolved there and never leaves a grant); ",
                 path, lex);
    /* A write replaces the file through a temporary file beside it (and
     * may create it), so it needs its directory granted, not the file. */
    int write = !strcmp(mode, "write");
    snprintf(dir, sizeof dir, "%s", lex);
    char *slash = strrchr(dir, '/');
    if (write && slash && strcmp(lex, WS) && strcmp(lex, "/")) {
        if (slash == dir) slash[1] = 0;
        else *slash = 0;
    }
    const char *g = write ? dir : lex;
    const char *base = strrchr(g, '/') ? strrchr(g, '/') + 1 : g;
    int seen = grants_seen(lex);
    if (under(lex, WS)) {
        if (seen & 2)
            snprintf(out, cap, "%sgrant %s:%s to allow it", also, mode, g);
        else
            snprintf(out, cap,
                     "%sno workspace is granted to this call: the operator must pass --workspace DIR "
                     "(\"workspace\" in a policy), or add --cap %s:%s if a workspace is already given",
                     also, mode, g);
    } else if (seen & 1 && !write) {
        /* Inside a grant yet refused: the host file's own permissions, or a
         * rule no grant can lift. */
        snprintf(out, cap, "%sit is inside a grant, so the host refuses it (file permissions or a deny: rule): "
                 "the operator must change that", also);
    } else {
        char keep[160] = "";
        if (seen & 2)
            snprintf(keep, sizeof keep, ", plus --cap %s:/workspace to keep the workspace (an explicit grant "
                     "replaces the default workspace grant)", mode);
        if (write && !strcmp(g, "/"))
            /* The root cannot be granted: name a directory to write in. */
            snprintf(out, cap,
                     "%s%s is outside /workspace, at the sandbox root, where nothing can be granted for "
                     "writing: the operator must grant a directory, --cap write:/out=/host/dir%s, and the "
                     "path to ask for is then /out%s",
                     also, lex, keep, lex);
        else if (write)
            snprintf(out, cap,
                     "%s%s is outside /workspace: the operator must grant its directory with a host path, "
                     "--cap write:%s=/host/dir%s%s%s",
                     also, lex, g, keep, *also ? ", then ask for " : "", *also ? lex : "");
        else
            snprintf(out, cap,
                     "%s%s is outside /workspace: the operator must grant it with a host path, "
                     "--cap read:%s=/host/path/%s (a file grant keeps the file's name; or a directory, "
                     "read:/dir=/host/dir)%s%s%s",
                     also, lex, g, base, keep, *also ? ", then ask for " : "", *also ? lex : "");
    }
}
