/*
 * guest/file-glob/glob.c — file-glob: files whose path matches a pattern
 * (`*`, `?`, `[...]` within a name, `**` across directories, `{a,b}`
 * alternatives), newest first, at most MAX_SHOWN listed.
 *
 * Braces are expanded first; each expanded pattern is split at '/' and
 * walked from its literal prefix, reading only the directories a component
 * can match.  Names starting with '.' are matched only by a component that
 * starts with '.', and `**` does not enter hidden directories nor follow
 * symbolic links to directories (no loops, no .git floods).
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tool.h"
#include "toolfs.h"

#define MAX_SHOWN     1000
#define MAX_FOUND     100000      /* matches collected before the walk stops */
#define MAX_DIRS      100000      /* directories read before the walk stops */
#define MAX_PATTERNS  1024        /* brace expansions */
#define MAX_DEPTH     100         /* directory levels below the start: the
                                     walk recurses on a 64 KiB wasm stack */

typedef struct match { char *path; int64_t mtime; } match;

static match *found;
static size_t nfound, capfound, ndirs, nskipped, ntoodeep;
static int stopped;

typedef struct strv { char **v; size_t n, cap; } strv;

static void strv_push(strv *s, char *p)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) tool_fail("out of memory");
    }
    s->v[s->n++] = p;
}

/* The first top-level {...} holding a ',' (escapes honoured); 0 if none. */
static int find_brace(const char *p, size_t *open, size_t *close)
{
    for (size_t i = 0; p[i]; i++) {
        if (p[i] == '\\' && p[i + 1]) { i++; continue; }
        if (p[i] != '{') continue;
        int depth = 0, comma = 0;
        for (size_t j = i; p[j]; j++) {
            if (p[j] == '\\' && p[j + 1]) { j++; continue; }
            if (p[j] == '{') depth++;
            else if (p[j] == '}' && --depth == 0) {
                if (!comma) break;
                *open = i, *close = j;
                return 1;
            } else if (p[j] == ',' && depth == 1) comma = 1;
        }
    }
    return 0;
}

static void expand(const char *p, strv *out)
{
    size_t o, c;
    if (out->n >= MAX_PATTERNS)
        tool_fail("the pattern expands to more than %d alternatives; use fewer {a,b} groups", MAX_PATTERNS);
    if (!find_brace(p, &o, &c)) { strv_push(out, strdup(p)); return; }
    size_t start = o + 1;
    int depth = 0;
    for (size_t j = o + 1; j <= c; j++) {
        if (p[j] == '\\' && j < c) { j++; continue; }
        if (p[j] == '{') depth++;
        else if (p[j] == '}' && depth) { depth--; continue; }
        if ((p[j] == ',' && depth == 0) || j == c) {
            tbuf b = {0};
            tbuf_put(&b, p, o);
            tbuf_put(&b, p + start, j - start);
            tbuf_puts(&b, p + c + 1);
            expand(b.p, out);
            tbuf_free(&b);
            start = j + 1;
        }
    }
}

static int has_magic(const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' && s[1]) { s++; continue; }
        if (*s == '*' || *s == '?' || *s == '[') return 1;
    }
    return 0;
}

/* A literal component with its backslash escapes removed. */
static char *unescape(const char *s)
{
    char *r = strdup(s), *w = r;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) s++;
        *w++ = *s;
    }
    *w = 0;
    return r;
}

static char *join(const char *dir, const char *name)
{
    tbuf b = {0};
    tbuf_puts(&b, dir);
    if (!b.len || b.p[b.len - 1] != '/') tbuf_put(&b, "/", 1);
    tbuf_puts(&b, name);
    return b.p;
}

static void add(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return;   /* directories, dangling or refused links */
    if (nfound == MAX_FOUND) { stopped = 1; return; }
    if (nfound == capfound) {
        capfound = capfound ? capfound * 2 : 256;
        found = realloc(found, capfound * sizeof *found);
        if (!found) tool_fail("out of memory");
    }
    found[nfound].path = strdup(path);
    found[nfound].mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    nfound++;
}

static void walk(const char *dir, char **comp, size_t i, size_t n, unsigned depth)
{
    if (stopped) return;
    if (depth > MAX_DEPTH) { ntoodeep++; return; }
    const char *c = comp[i];
    int last = i + 1 == n;
    if (strcmp(c, "**") == 0) {
        walk(dir, comp, i + 1, n, depth);   /* zero directories */
        if (stopped) return;
    } else if (!has_magic(c)) {
        char *name = unescape(c);
        char *p = join(dir, name);
        struct stat st;
        if (last) add(p);
        else if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) walk(p, comp, i + 1, n, depth + 1);
        free(name), free(p);
        return;
    }
    if (++ndirs > MAX_DIRS) { stopped = 1; return; }
    DIR *d = opendir(dir);
    if (!d) { nskipped++; return; }
    struct dirent *e;
    strv names = {0};
    unsigned char *types = NULL;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        strv_push(&names, strdup(e->d_name));
        types = realloc(types, names.n);
        if (!types) tool_fail("out of memory");
        types[names.n - 1] = e->d_type;
    }
    closedir(d);
    for (size_t k = 0; k < names.n && !stopped; k++) {
        const char *name = names.v[k];
        char *p = join(dir, name);
        if (strcmp(c, "**") == 0) {
            /* Descend into real, visible directories only. */
            if (types[k] == DT_DIR && name[0] != '.') walk(p, comp, i, n, depth + 1);
        } else if (fnmatch(c, name, FNM_PERIOD) == 0) {
            struct stat st;
            if (last) add(p);
            else if (types[k] == DT_DIR || (types[k] == DT_LNK && stat(p, &st) == 0 && S_ISDIR(st.st_mode)))
                walk(p, comp, i + 1, n, depth + 1);
        }
        free(p);
        free(names.v[k]);
    }
    free(names.v);
    free(types);
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const match *)a)->path, ((const match *)b)->path);
}

static int by_time(const void *a, const void *b)
{
    const match *x = a, *y = b;
    if (x->mtime != y->mtime) return x->mtime > y->mtime ? -1 : 1;
    return strcmp(x->path, y->path);
}

int main(void)
{
    cJSON *in = tool_input();
    const char *pattern = tool_str(in, "pattern", NULL);
    const char *parg = tool_str(in, "path", NULL);
    if (!pattern || !*pattern) tool_fail("pattern is required, e.g. \"**/*.c\" or \"src/*.{h,c}\"");
    char *base = tfs_guest_path(parg && *parg ? parg : TFS_WORKSPACE);

    /* The base directory must exist: a typo there is an error, not "no match". */
    struct stat st;
    if (pattern[0] != '/') {
        if (stat(base, &st) != 0) {
            int e = errno;
            if (e == ENOENT) tool_fail("Directory not found: %s (path must be an existing directory)", base);
            tool_fail("%s", tool_errno_text(e, base, "read"));
        }
        if (!S_ISDIR(st.st_mode)) tool_fail("%s is not a directory (path must be a directory to search in)", base);
    }

    strv pats = {0};
    expand(pattern, &pats);
    int refused = 0;
    for (size_t k = 0; k < pats.n; k++) {
        /* Components, dropping empty and "." ones; a trailing "**" means
         * every file below. */
        strv comp = {0};
        char *copy = strdup(pats.v[k]);
        for (char *s = strtok(copy, "/"); s; s = strtok(NULL, "/"))
            if (strcmp(s, ".") != 0) strv_push(&comp, s);
        if (comp.n && strcmp(comp.v[comp.n - 1], "**") == 0) strv_push(&comp, "*");
        if (!comp.n) { free(copy), free(comp.v); continue; }
        /* Start from the literal prefix. */
        char *start = strdup(pats.v[k][0] == '/' ? "/" : base);
        size_t i = 0;
        while (i + 1 < comp.n && !has_magic(comp.v[i]) && strcmp(comp.v[i], "**") != 0) {
            char *name = unescape(comp.v[i]);
            char *next = join(start, name);
            free(start), free(name);
            start = next;
            i++;
        }
        if (stat(start, &st) != 0 && (errno == ENOTCAPABLE || errno == EACCES || errno == EPERM)) {
            if (pats.n == 1)
                tool_fail("%s", tool_errno_text(errno, start, "read"));
            refused++;
        } else {
            walk(start, comp.v, i, comp.n, 0);
        }
        free(start), free(copy), free(comp.v);
    }

    /* Several alternatives (or "**" routes) can reach one file. */
    qsort(found, nfound, sizeof *found, by_path);
    size_t u = 0;
    for (size_t k = 0; k < nfound; k++) {
        if (u && strcmp(found[u - 1].path, found[k].path) == 0) { free(found[k].path); continue; }
        found[u++] = found[k];
    }
    nfound = u;
    qsort(found, nfound, sizeof *found, by_time);

    size_t shown = nfound < MAX_SHOWN ? nfound : MAX_SHOWN;
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "pattern", pattern);
    cJSON_AddStringToObject(m, "path", base);
    cJSON_AddNumberToObject(m, "count", (double)nfound);
    cJSON_AddNumberToObject(m, "returned", (double)shown);
    cJSON_AddBoolToObject(m, "truncated", nfound > shown || stopped);
    if (nskipped) cJSON_AddNumberToObject(m, "unreadable_dirs", (double)nskipped);
    if (ntoodeep) cJSON_AddNumberToObject(m, "too_deep_dirs", (double)ntoodeep);

    tbuf out = {0};
    if (!nfound) {
        tbuf_printf(&out, "No files match \"%s\" under %s.", pattern, pattern[0] == '/' ? "/" : base);
        if (refused) tbuf_printf(&out, " (%d of the alternatives lie outside the granted directories.)", refused);
        if (ntoodeep) tbuf_printf(&out, " (Directories more than %d levels deep were not searched.)", MAX_DEPTH);
        tool_result(out.p, out.len, 0, m);
    }
    for (size_t k = 0; k < shown; k++) tbuf_printf(&out, "%s\n", found[k].path);
    if (nfound > shown)
        tbuf_printf(&out, "[Showing the %zu most recently modified of %zu matching files; use a narrower pattern "
                    "or path to see the others.]\n", shown, nfound);
    if (stopped)
        tbuf_printf(&out, "[The search stopped early (more than %d matches or %d directories); the list is "
                    "incomplete. Use a narrower pattern or path.]\n", MAX_FOUND, MAX_DIRS);
    if (nskipped)
        tbuf_printf(&out, "[%zu director%s could not be read and %s skipped.]\n", nskipped,
                    nskipped == 1 ? "y" : "ies", nskipped == 1 ? "was" : "were");
    if (ntoodeep)
        tbuf_printf(&out, "[Directories more than %d levels below the start were not searched; give a deeper "
                    "path to search there.]\n", MAX_DEPTH);
    tool_result(out.p, out.len, 0, m);
}
