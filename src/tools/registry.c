/*
 * registry.c — the set of tools a caller can use (built-ins plus every
 * manifest in the tool directories) and bx_tool_call, the one path by which
 * a tool runs: lookup, permission check, input parse and schema check,
 * execute.  Tools are added (at start, and by bx_registry_rescan while a
 * server runs) but never removed or replaced before bx_registry_free, so a
 * tool found stays valid while it is called; the lists themselves grow
 * under a read-write lock, so lookups on worker threads and a rescan on
 * the server's reader thread can meet.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tools_impl.h"

#define MAX_TOOLS    4096
#define MAX_PROBLEMS 4096

#define MAX_DIRS     256

/* A manifest seen by a load or a rescan, loaded or not: a rescan retries
 * it only once its directory changes (dir_signature), so an unchanged
 * broken one is reported once, not at every rescan. */
typedef struct seen_manifest {
    char *path;
    int64_t mtime_ns;
    int64_t size;
    int loaded;
} seen_manifest;

struct bx_registry {
    pthread_rwlock_t lock;                     /* the three lists below */
    bx_tool **tools; size_t ntools, cap;       /* sorted by name */
    char **problems; size_t nproblems, pcap;
    char **dirs; size_t ndirs;                 /* loaded by bx_registry_load_dir, for rescans */
    seen_manifest *seen; size_t nseen, scap;   /* only the loading thread reads these */
};

bx_registry *bx_registry_new(void)
{
    bx_registry *r = calloc(1, sizeof(bx_registry));
    if (r && pthread_rwlock_init(&r->lock, NULL) != 0) {
        free(r);
        return NULL;
    }
    return r;
}

void bx_registry_free(bx_registry *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->ntools; i++) bx_tool_free(r->tools[i]);
    for (size_t i = 0; i < r->nproblems; i++) free(r->problems[i]);
    for (size_t i = 0; i < r->ndirs; i++) free(r->dirs[i]);
    for (size_t i = 0; i < r->nseen; i++) free(r->seen[i].path);
    free(r->tools);
    free(r->problems);
    free(r->dirs);
    free(r->seen);
    pthread_rwlock_destroy(&r->lock);
    free(r);
}

static size_t lower_bound(const bx_registry *r, const char *name)
{
    size_t lo = 0, hi = r->ntools;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(r->tools[mid]->name, name) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static bx_status add_locked(bx_registry *r, bx_tool *t, bx_error *err)
{
    if (!t || !t->name || !t->execute || !t->input_schema)
        return bx_error_setf(err, BX_ERR_ARG, "a tool needs a name, an input schema and an execute function");
    size_t i = lower_bound(r, t->name);
    if (i < r->ntools && strcmp(r->tools[i]->name, t->name) == 0)
        return bx_error_setf(err, BX_ERR_ARG, "a tool named \"%s\" is already registered", t->name);
    if (r->ntools >= MAX_TOOLS) return bx_error_setf(err, BX_ERR_LIMIT, "more than %d tools", MAX_TOOLS);
    if (r->ntools == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        bx_tool **nt = realloc(r->tools, cap * sizeof *nt);
        if (!nt) return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        r->tools = nt, r->cap = cap;
    }
    memmove(r->tools + i + 1, r->tools + i, (r->ntools - i) * sizeof *r->tools);
    r->tools[i] = t;
    r->ntools++;
    return BX_OK;
}

bx_status bx_registry_add(bx_registry *r, bx_tool *t, bx_error *err)
{
    if (!t || !t->name || !t->execute || !t->input_schema)
        return bx_error_setf(err, BX_ERR_ARG, "a tool needs a name, an input schema and an execute function");
    pthread_rwlock_wrlock(&r->lock);
    bx_status st = add_locked(r, t, err);
    pthread_rwlock_unlock(&r->lock);
    return st;
}

static void add_problem(bx_registry *r, const char *msg)
{
    pthread_rwlock_wrlock(&r->lock);
    if (r->nproblems >= MAX_PROBLEMS) {
        pthread_rwlock_unlock(&r->lock);
        return;
    }
    if (r->nproblems == r->pcap) {
        size_t cap = r->pcap ? r->pcap * 2 : 8;
        char **np = realloc(r->problems, cap * sizeof *np);
        if (!np) {
            pthread_rwlock_unlock(&r->lock);
            return;
        }
        r->problems = np, r->pcap = cap;
    }
    char *c = strdup(msg);
    if (c) r->problems[r->nproblems++] = c;
    pthread_rwlock_unlock(&r->lock);
}

/* What a tool directory looks like now: the latest mtime and the total size
 * of the files directly in it (the manifest and its module), so a module
 * still being copied when a rescan looked is retried once it is complete. */
static void dir_signature(const char *tdir, int64_t *mt, int64_t *size)
{
    *mt = 0, *size = 0;
    DIR *d = opendir(tdir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (e->d_name[0] == '.' || fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        int64_t t = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        if (t > *mt) *mt = t;
        *size += (int64_t)st.st_size;
    }
    closedir(d);
}

/* Whether mpath (its directory's signature mt, size) needs loading,
 * recording it as seen.  A loaded tool whose directory changed is reported
 * (a tool is never replaced under calls that may be running it) and not
 * loaded again. */
static int need_load(bx_registry *r, const char *mpath, int64_t mt, int64_t size, size_t *at)
{
    for (size_t i = 0; i < r->nseen; i++) {
        seen_manifest *s = &r->seen[i];
        if (strcmp(s->path, mpath) != 0)
            continue;
        if (s->mtime_ns == mt && s->size == size)
            return 0;
        s->mtime_ns = mt, s->size = size;
        if (s->loaded) {
            char msg[PATH_MAX + 96];
            snprintf(msg, sizeof msg, "%s: changed since it was loaded; restart the server to use the new version", mpath);
            add_problem(r, msg);
            return 0;
        }
        *at = i;
        return 1;
    }
    if (r->nseen == r->scap) {
        size_t cap = r->scap ? r->scap * 2 : 16;
        seen_manifest *ns = realloc(r->seen, cap * sizeof *ns);
        if (!ns) return 1;               /* loaded, not remembered: a rescan reports it once more */
        r->seen = ns, r->scap = cap;
    }
    char *p = strdup(mpath);
    if (!p) return 1;
    r->seen[r->nseen] = (seen_manifest){p, mt, size, 0};
    *at = r->nseen++;
    return 1;
}

static void remember_dir(bx_registry *r, const char *dir)
{
    for (size_t i = 0; i < r->ndirs; i++)
        if (!strcmp(r->dirs[i], dir)) return;
    if (r->ndirs >= MAX_DIRS) return;
    char **nd = realloc(r->dirs, (r->ndirs + 1) * sizeof *nd);
    if (!nd) return;
    r->dirs = nd;
    if ((r->dirs[r->ndirs] = strdup(dir)) != NULL) r->ndirs++;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every new manifest of dir; *added counts the tools added.  check_module:
 * the module is decoded and validated before the tool is added (a rescan:
 * a tool that could never run is reported then, not at its first call). */
static bx_status load_dir(bx_registry *r, const char *dir, int check_module, size_t *added, bx_error *err)
{
    DIR *d = opendir(dir);
    if (!d) return bx_error_setf(err, BX_ERR_IO, "cannot read the tool directory %s: %s", dir, strerror(errno));
    /* Sorted, so which of two same-named tools wins does not depend on
     * the filesystem's order. */
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) break;
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name))) break;
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        char mpath[PATH_MAX];
        struct stat st;
        if (snprintf(mpath, sizeof mpath, "%s/%s/tool.json", dir, names[i]) >= (int)sizeof mpath) continue;
        if (stat(mpath, &st) != 0) continue;   /* not a tool directory */
        size_t at = SIZE_MAX;
        int64_t mt, size;
        char tdir[PATH_MAX];
        snprintf(tdir, sizeof tdir, "%s/%s", dir, names[i]);
        dir_signature(tdir, &mt, &size);
        if (!need_load(r, mpath, mt, size, &at)) continue;
        bx_error lerr;
        memset(&lerr, 0, sizeof lerr);
        bx_tool *t = bx_wasm_tool_load(mpath, &lerr);
        if (!t) {
            add_problem(r, lerr.msg);
            continue;
        }
        if (check_module && bx_tool_prepare(t, NULL, &lerr) != BX_OK) {
            char msg[sizeof lerr.msg + PATH_MAX + 48];
            snprintf(msg, sizeof msg, "%s: its module does not load: %s; skipped", mpath, lerr.msg);
            add_problem(r, msg);
            bx_tool_free(t);
            continue;
        }
        if (bx_registry_add(r, t, &lerr) != BX_OK) {
            char msg[sizeof lerr.msg + PATH_MAX + 16];
            snprintf(msg, sizeof msg, "%s: %s; skipped", mpath, lerr.msg);
            add_problem(r, msg);
            bx_tool_free(t);
            continue;
        }
        if (at != SIZE_MAX) r->seen[at].loaded = 1;
        (*added)++;
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return BX_OK;
}

bx_status bx_registry_load_dir(bx_registry *r, const char *dir, bx_error *err)
{
    size_t added = 0;
    bx_status st = load_dir(r, dir, 0, &added, err);
    if (st == BX_OK) remember_dir(r, dir);
    return st;
}

bx_status bx_registry_rescan(bx_registry *r, bx_registry_dir_ok dir_ok, void *user, size_t *added,
                             bx_error *err)
{
    *added = 0;
    for (size_t i = 0; i < r->ndirs; i++) {
        char why[PATH_MAX + 400] = "";
        if (dir_ok && !dir_ok(user, r->dirs[i], why, sizeof why)) {
            char msg[2 * PATH_MAX + 480];
            snprintf(msg, sizeof msg, "tool directory %s not scanned again: %s", r->dirs[i], why);
            add_problem(r, msg);
            continue;
        }
        bx_error derr;
        memset(&derr, 0, sizeof derr);
        if (load_dir(r, r->dirs[i], 1, added, &derr) != BX_OK)
            add_problem(r, derr.msg);     /* a dir gone since: the others still count */
    }
    (void)err;
    return BX_OK;
}

/* The lock is taken by const readers too: it guards the lists, not the
 * registry's meaning, so casting it out of const is what a mutable
 * member would say. */
#define RDLOCK(r) pthread_rwlock_rdlock(&((bx_registry *)(r))->lock)
#define UNLOCK(r) pthread_rwlock_unlock(&((bx_registry *)(r))->lock)

size_t bx_registry_count(const bx_registry *r)
{
    RDLOCK(r);
    size_t n = r->ntools;
    UNLOCK(r);
    return n;
}

const bx_tool *bx_registry_at(const bx_registry *r, size_t i)
{
    RDLOCK(r);
    const bx_tool *t = i < r->ntools ? r->tools[i] : NULL;
    UNLOCK(r);
    return t;
}

size_t bx_registry_problem_count(const bx_registry *r)
{
    RDLOCK(r);
    size_t n = r->nproblems;
    UNLOCK(r);
    return n;
}

const char *bx_registry_problem(const bx_registry *r, size_t i)
{
    RDLOCK(r);
    const char *p = i < r->nproblems ? r->problems[i] : NULL;
    UNLOCK(r);
    return p;
}

const bx_tool *bx_registry_find(const bx_registry *r, const char *name)
{
    RDLOCK(r);
    size_t i = lower_bound(r, name);
    const bx_tool *t = i < r->ntools && strcmp(r->tools[i]->name, name) == 0 ? r->tools[i] : NULL;
    UNLOCK(r);
    return t;
}

#define INPUT_MAX (64u << 20)

bx_status bx_tool_call(const bx_registry *r, const char *name, const bx_tool_context *ctx,
                       const char *input_json, bx_tool_result *out, bx_error *err)
{
    memset(out, 0, sizeof *out);
    const bx_tool *t = bx_registry_find(r, name);
    if (!t) {
        char list[512] = "";
        size_t k = 0;
        RDLOCK(r);
        for (size_t i = 0; i < r->ntools && k < sizeof list - 80; i++)
            k += (size_t)snprintf(list + k, sizeof list - k, "%s%s", i ? ", " : "", r->tools[i]->name);
        UNLOCK(r);
        return bx_error_setf(err, BX_ERR_ARG, "no tool named \"%s\" (available: %s)", name, list[0] ? list : "none");
    }
    if (t->level == BX_PERM_FORBIDDEN)
        return bxt_tool_result_errorf(out, "The tool %s is forbidden: it never runs.", t->name);
    if (t->level > ctx->max_level)
        return bxt_tool_result_errorf(out,
            "Permission denied: the tool %s needs permission level '%s', and this caller's profile allows "
            "up to '%s' (raise the profile, e.g. --profile %s, to allow it).",
            t->name, bx_perm_name(t->level), bx_perm_name(ctx->max_level), bx_perm_name(t->level));
    size_t len = input_json ? strlen(input_json) : 0;
    if (len > INPUT_MAX)
        return bxt_tool_result_errorf(out, "Invalid input: %zu bytes is more than the %u-byte input limit.", len, INPUT_MAX);
    const char *end = NULL;
    cJSON *in = cJSON_ParseWithOpts(input_json ? input_json : "", &end, 1);
    if (!in) {
        size_t off = end ? (size_t)(end - input_json) : 0;
        return bxt_tool_result_errorf(out, "Invalid input: not valid JSON (error near byte %zu).", off);
    }
    cJSON *schema = cJSON_Parse(t->input_schema);
    char msg[600];
    int bad = !cJSON_IsObject(in) ? (snprintf(msg, sizeof msg, "the input must be a JSON object"), 1)
                                  : bxt_schema_check(schema, in, msg, sizeof msg) != 0;
    cJSON_Delete(schema);
    if (bad) {
        cJSON_Delete(in);
        return bxt_tool_result_errorf(out, "Invalid input for %s: %s.", t->name, msg);
    }
    /* Tools get the input as it came (validated above): re-printing it
     * through cJSON would cut every string at a \u0000. */
    cJSON_Delete(in);
    return t->execute(t, ctx, input_json, out, err);
}
