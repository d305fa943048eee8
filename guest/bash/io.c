/*
 * guest/bash/io.c — virtual streams: in-memory buffers (pipes, captures,
 * the final stdout/stderr), files behind a host fd, and /dev/null; plus the
 * small allocation and formatting helpers everything uses.
 */
#include "sh.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) tool_fail("The bash tool ran out of memory (raise max_memory)");
    return p;
}
void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) tool_fail("The bash tool ran out of memory (raise max_memory)");
    return p;
}
char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}
char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }
char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

static Stream *st_new(int kind)
{
    Stream *s = xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->fd = -1;
    return s;
}
Stream *st_buf(void) { return st_new(S_BUF); }
Stream *st_null(void) { return st_new(S_NULL); }
Stream *st_file(int fd) { Stream *s = st_new(S_FILE); s->fd = fd; return s; }
Stream *st_in(const char *data, size_t len)
{
    Stream *s = st_new(S_BUF);
    tbuf_put(&s->b, data, len);
    return s;
}

void st_flush(Stream *s)
{
    if (s->kind != S_FILE || !s->w.len) return;
    size_t off = 0;
    while (off < s->w.len) {
        ssize_t k = write(s->fd, s->w.p + off, s->w.len - off);
        if (k <= 0) {
            if (k < 0 && errno == EINTR) continue;
            if (!s->werr) s->werr = k < 0 ? errno : EIO;
            break;
        }
        off += (size_t)k;
    }
    s->w.len = 0;
}

void st_write(Stream *s, const void *p, size_t n)
{
    if (!n) return;
    switch (s->kind) {
    case S_NULL: return;
    case S_BUF:
        if (s->b.len + n > SH_BUF_CAP) {
            size_t room = SH_BUF_CAP - s->b.len;
            if (room) tbuf_put(&s->b, p, room);
            s->dropped = 1;
            return;
        }
        tbuf_put(&s->b, p, n);
        return;
    case S_FILE:
        tbuf_put(&s->w, p, n);
        if (s->w.len >= 65536) st_flush(s);
        return;
    }
}

int st_close(Stream *s)
{
    if (!s) return 0;
    st_flush(s);
    int e = s->werr;
    if (s->fd >= 0) close(s->fd);
    tbuf_free(&s->b);
    tbuf_free(&s->w);
    free(s);
    return e;
}

int st_getline(Stream *s, tbuf *line)
{
    line->len = 0;
    if (s->kind != S_BUF || s->pos >= s->b.len) { if (line->p) line->p[0] = 0; return 0; }
    const char *st = s->b.p + s->pos, *e = memchr(st, '\n', s->b.len - s->pos);
    size_t n = e ? (size_t)(e - st) + 1 : s->b.len - s->pos;
    tbuf_put(line, st, n);
    s->pos += n;
    return 1;
}

size_t st_rest(Stream *s, const char **p)
{
    if (s->kind != S_BUF || s->pos >= s->b.len) { *p = ""; return 0; }
    *p = s->b.p + s->pos;
    size_t n = s->b.len - s->pos;
    s->pos = s->b.len;
    return n;
}

void sh_out(Sh *sh, int fd, const void *p, size_t n)
{
    if (fd < 0 || fd >= SH_NFD || !sh->fd[fd]) return;
    st_write(sh->fd[fd], p, n);
}
void outs(Sh *sh, const char *s) { sh_out(sh, 1, s, strlen(s)); }

static void vfd(Sh *sh, int fd, const char *fmt, va_list ap)
{
    char small[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) { va_end(ap2); return; }
    if ((size_t)n < sizeof small) sh_out(sh, fd, small, (size_t)n);
    else {
        char *big = xmalloc((size_t)n + 1);
        vsnprintf(big, (size_t)n + 1, fmt, ap2);
        sh_out(sh, fd, big, (size_t)n);
        free(big);
    }
    va_end(ap2);
}
void outf(Sh *sh, const char *fmt, ...) { va_list ap; va_start(ap, fmt); vfd(sh, 1, fmt, ap); va_end(ap); }
void errf(Sh *sh, const char *fmt, ...) { va_list ap; va_start(ap, fmt); vfd(sh, 2, fmt, ap); va_end(ap); }

int read_input(Sh *sh, const char *cmd, const char *path, tbuf *b)
{
    if (!strcmp(path, "-")) {
        const char *p = NULL;
        size_t n = sh->fd[0] ? st_rest(sh->fd[0], &p) : 0;
        tbuf_put(b, p ? p : "", n);
        return 0;
    }
    const char *ap = P(sh, path);
    int fd = open(ap, O_RDONLY);
    if (fd < 0) { errf(sh, "%s: %s: %s\n", cmd, path, strerror(errno)); return -1; }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        errf(sh, "%s: %s: Is a directory\n", cmd, path);
        return -1;
    }
    char chunk[65536];
    for (;;) {
        ssize_t k = read(fd, chunk, sizeof chunk);
        if (k < 0) {
            if (errno == EINTR) continue;
            errf(sh, "%s: %s: %s\n", cmd, path, strerror(errno));
            close(fd);
            return -1;
        }
        if (k == 0) break;
        if (b->len + (size_t)k > (256u << 20)) {
            errf(sh, "%s: %s: file larger than 256 MiB\n", cmd, path);
            close(fd);
            return -1;
        }
        tbuf_put(b, chunk, (size_t)k);
    }
    close(fd);
    if (!b->p) tbuf_put(b, "", 0);
    return 0;
}

/* ---- option scanning ------------------------------------------------------ */
void go_init(GO *g, int argc, char **argv)
{
    memset(g, 0, sizeof *g);
    g->argc = argc;
    g->argv = argv;
    g->i = 1;
    g->ops = xmalloc(sizeof(char *) * (size_t)(argc + 1));
}
void go_free(GO *g) { free(g->ops); g->ops = NULL; }

int go_next(GO *g, const char *spec)
{
    for (;;) {
        if (g->p && *g->p) {
            char c = *g->p++;
            const char *s = strchr(spec, c);
            g->lname = NULL;   /* a short 'L' (cp -L) is not a long option */
            if (!s || c == ':' || c == '#') { g->bad = c; return '?'; }
            if (s[1] == ':') {
                if (*g->p) { g->arg = g->p; g->p = NULL; }
                else if (g->i < g->argc) g->arg = g->argv[g->i++];
                else { g->bad = c; g->arg = NULL; return ':'; }
                g->p = NULL;
            }
            return c;
        }
        g->p = NULL;
        if (g->i >= g->argc) { g->ops[g->nops] = NULL; return -1; }
        char *a = g->argv[g->i++];
        if (g->done || a[0] != '-' || !a[1]) { g->ops[g->nops++] = a; continue; }
        if (!strcmp(a, "--")) { g->done = 1; continue; }
        if (a[1] == '-') {
            char *eq = strchr(a + 2, '=');
            static char name[128];
            size_t l = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            if (l >= sizeof name) l = sizeof name - 1;
            memcpy(name, a + 2, l);
            name[l] = 0;
            g->lname = name;
            g->arg = eq ? eq + 1 : NULL;
            return 'L';
        }
        if (strchr(spec, '#') && a[1] >= '0' && a[1] <= '9') {
            g->arg = a + 1;
            return '#';
        }
        g->p = a + 1;
    }
}

int go_long_arg(GO *g, const char *const *with_value)
{
    for (int k = 0; with_value[k]; k++)
        if (!strcmp(g->lname, with_value[k])) {
            if (!g->arg && g->i < g->argc) g->arg = g->argv[g->i++];
            return 1;
        }
    return 0;
}
