/*
 * sandbox.c — bx_run_options -> one sandboxed run of a module.
 *
 * Builds the store with the limits, the WASI context with the grants,
 * links, instantiates, runs `_start` (or one export), and fills a result
 * record.  The timeout is a watchdog thread (one per process) that sets
 * the store's interrupt flag; WASI's blocking calls poll the same flag, so the
 * deadline also covers time spent in the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "boxagnts.h"
#include "aot.h"
#include "sandbox_impl.h"
#include "component.h"
#include "wave.h"

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* ---- watchdog ---------------------------------------------------------- */

/*
 * One thread per process serves every run that has a deadline or a
 * cancel flag: a thread started and joined per run cost about 100 us,
 * more than the whole rest of a small run.  Each run links an entry (on
 * its own stack) into a list under wd_mu; the thread sleeps until the
 * earliest deadline or the next cancel poll, interrupts the stores whose
 * time has come, and sleeps again.  A run unlinks its entry before it
 * frees its store, and the thread only touches a store under wd_mu, so
 * an interrupt never reaches a freed store.  Started on first use, never
 * stopped; a forked child starts its own.
 */
typedef struct watchdog {
    struct watchdog *next;
    uint64_t deadline;          /* CLOCK_MONOTONIC ns; valid when has_deadline */
    int has_deadline;
    const volatile int *cancel; /* the caller's flag, polled every CANCEL_POLL_NS */
    bx_store *store;
    int fired, cancelled;
} watchdog;

/* A cancelled call stops within this much of the caller setting its flag;
 * polling keeps the caller's side a plain int store (no callback, no lock). */
#define CANCEL_POLL_NS 5000000ull

static pthread_mutex_t wd_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wd_cv;
static watchdog *wd_list;
static int wd_running, wd_atfork;
static uint64_t wd_wake = UINT64_MAX;   /* when the thread will look next */

static struct timespec ts_of(uint64_t t)
{
    struct timespec ts = { (time_t)(t / 1000000000ull), (long)(t % 1000000000ull) };
    return ts;
}

static void *watchdog_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&wd_mu);
    for (;;) {
        uint64_t now = now_ns(), next = UINT64_MAX;
        for (watchdog *w = wd_list; w; w = w->next) {
            if (w->fired || w->cancelled)
                continue;
            if (w->cancel && *w->cancel) {
                w->cancelled = 1;
                bx_store_interrupt(w->store);
                continue;
            }
            if (w->has_deadline && now >= w->deadline) {
                w->fired = 1;
                bx_store_interrupt(w->store);
                continue;
            }
            if (w->has_deadline && w->deadline < next)
                next = w->deadline;
            if (w->cancel && now + CANCEL_POLL_NS < next)
                next = now + CANCEL_POLL_NS;
        }
        wd_wake = next;
        if (next == UINT64_MAX) {
            pthread_cond_wait(&wd_cv, &wd_mu);
        } else {
            struct timespec until = ts_of(next);
            pthread_cond_timedwait(&wd_cv, &wd_mu, &until);
        }
    }
    return NULL;
}

/* The child of a fork has no watchdog thread and no runs of its own. */
static void watchdog_atfork_child(void)
{
    pthread_mutex_init(&wd_mu, NULL);
    wd_list = NULL;
    wd_running = 0;
    wd_wake = UINT64_MAX;
}

/* Under wd_mu: start the thread unless it runs.  0, or -1. */
static int watchdog_thread(void)
{
    pthread_condattr_t ca;
    pthread_attr_t at;
    pthread_t th;
    int rc;
    if (wd_running)
        return 0;
    if (!wd_atfork) {
        if (pthread_atfork(NULL, NULL, watchdog_atfork_child) != 0)
            return -1;
        wd_atfork = 1;
    }
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    rc = pthread_cond_init(&wd_cv, &ca);
    pthread_condattr_destroy(&ca);
    if (rc != 0)
        return -1;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&at, 64 * 1024);   /* it only walks a list */
    rc = pthread_create(&th, &at, watchdog_main, NULL);
    pthread_attr_destroy(&at);
    if (rc != 0) {
        pthread_cond_destroy(&wd_cv);
        return -1;
    }
    wd_running = 1;
    return 0;
}

static int watchdog_start(watchdog *w, bx_store *s, uint64_t timeout_ns, const volatile int *cancel)
{
    memset(w, 0, sizeof *w);
    w->store = s;
    w->cancel = cancel;
    w->has_deadline = timeout_ns != 0;
    w->deadline = now_ns() + timeout_ns;
    uint64_t need = w->has_deadline ? w->deadline : UINT64_MAX;
    if (cancel && now_ns() + CANCEL_POLL_NS < need)
        need = now_ns() + CANCEL_POLL_NS;
    pthread_mutex_lock(&wd_mu);
    if (watchdog_thread() != 0) {
        pthread_mutex_unlock(&wd_mu);
        return -1;
    }
    w->next = wd_list;
    wd_list = w;
    if (need < wd_wake)                 /* else the thread looks in time anyway */
        pthread_cond_signal(&wd_cv);
    pthread_mutex_unlock(&wd_mu);
    return 0;
}

/* Returns 1 when the deadline fired, 2 when the caller cancelled. */
static int watchdog_stop(watchdog *w)
{
    pthread_mutex_lock(&wd_mu);
    for (watchdog **p = &wd_list; *p; p = &(*p)->next) {
        if (*p == w) {
            *p = w->next;
            break;
        }
    }
    pthread_mutex_unlock(&wd_mu);
    return w->cancelled ? 2 : w->fired;
}

/* ---- environment ------------------------------------------------------- */

/* Resolve env grants: "NAME=VALUE" as given, "NAME" from the host (absent
 * on the host -> not set, and said in the audit).  Returns a vector of
 * owned strings. */
static char **resolve_env(const bx_run_options *o, uint32_t *n, bx_error *err)
{
    char **env = calloc(o->nenv_vars + 1, sizeof *env);
    *n = 0;
    if (!env) { bx_error_setf(err, BX_ERR_NOMEM, "out of memory"); return NULL; }
    for (size_t i = 0; i < o->nenv_vars; i++) {
        const char *e = o->env_vars[i];
        char *v;
        if (strchr(e, '=')) {
            v = strdup(e);
        } else {
            const char *hv = getenv(e);
            if (!hv) continue;
            size_t l = strlen(e) + strlen(hv) + 2;
            v = malloc(l);
            if (v) snprintf(v, l, "%s=%s", e, hv);
        }
        if (!v) {
            for (uint32_t j = 0; j < *n; j++) free(env[j]);
            free(env);
            bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
            return NULL;
        }
        env[(*n)++] = v;
    }
    return env;
}

/* ---- the run ----------------------------------------------------------- */

static const char *trap_outcome(bx_trap t)
{
    switch (t) {
    case BX_TRAP_INTERRUPTED: return "timeout";
    case BX_TRAP_FUEL_EXHAUSTED: return "fuel exhausted";
    case BX_TRAP_STACK_EXHAUSTED: return "stack exhausted";
    default: return "trap";
    }
}

const char *bx_run_outcome(const bx_run_result *r)
{
    switch (r->outcome) {
    case BX_RUN_EXITED: return "exited";
    case BX_RUN_RETURNED: return "returned";
    case BX_RUN_LOAD_ERROR: return "load error";
    case BX_RUN_OUT_OF_MEMORY: return "out of memory";
    case BX_RUN_TRAPPED: return r->cancelled ? "cancelled" : trap_outcome(r->trap);
    case BX_RUN_CONFINEMENT_VIOLATION: return "confinement_violation";
    case BX_RUN_CRASHED: return "crashed";
    }
    return "?";
}

static void copy_output(bx_wasi *w, int err_stream, uint8_t **buf, size_t *len, int *trunc)
{
    size_t n = 0;
    const uint8_t *p = err_stream ? bx_wasi_stderr(w, &n, trunc) : bx_wasi_stdout(w, &n, trunc);
    *buf = NULL;
    *len = 0;
    if (!p || !n) return;
    *buf = malloc(n);
    if (*buf) { memcpy(*buf, p, n); *len = n; }
}

/* The links the guest made, for the result record (kept even when the
 * run failed: they are on disk either way). */
static void copy_links(bx_wasi *w, bx_run_result *r)
{
    const char *p, *t;
    uint64_t made = bx_wasi_link(w, 0, &p, &t);
    uint32_t n = 0;
    r->links_made = made;
    while (n < made && (bx_wasi_link(w, n, &p, &t), p)) n++;
    if (!n || !(r->links = calloc(n, sizeof *r->links))) return;
    for (uint32_t i = 0; i < n; i++) {
        bx_wasi_link(w, i, &p, &t);
        r->links[i].path = strdup(p);
        r->links[i].target = strdup(t);
        if (!r->links[i].path || !r->links[i].target) {
            free(r->links[i].path);
            free(r->links[i].target);
            break;
        }
        r->nlinks = i + 1;
    }
}

/* Explain a limit in terms of the flag that changes it. */
static void describe_trap(const bx_run_options *o, bx_run_result *r, const char *detail)
{
    switch (r->trap) {
    case BX_TRAP_INTERRUPTED:
        snprintf(r->message, sizeof r->message,
                 "timeout: the module ran longer than %.3gs; raise --timeout to allow more",
                 (double)o->g.timeout_ns / 1e9);
        break;
    case BX_TRAP_FUEL_EXHAUSTED:
        snprintf(r->message, sizeof r->message,
                 "fuel exhausted: the module executed more than %llu instructions; raise --fuel to allow more",
                 (unsigned long long)o->g.fuel);
        break;
    case BX_TRAP_STACK_EXHAUSTED:
        snprintf(r->message, sizeof r->message,
                 "stack exhausted: the wasm stack outgrew its %llu bytes; raise --max-stack to allow deeper recursion",
                 (unsigned long long)(o->g.max_stack ? o->g.max_stack : 1024 * 1024));
        break;
    default:
        snprintf(r->message, sizeof r->message, "trap: %s", detail);
    }
}

bx_cache_verdict bx_run_options_cache_verdict(const bx_run_options *o, const char *cache_dir, char *why,
                                              size_t cap)
{
    if (!cache_dir || !*cache_dir) return BX_CACHE_USE;
    size_t n = o->nmap_dirs;
    const char **hosts = calloc(n ? n : 1, sizeof *hosts);
    int *wr = calloc(n ? n : 1, sizeof *wr);
    bx_cache_verdict v = BX_CACHE_SKIP;
    if (hosts && wr) {
        for (size_t i = 0; i < n; i++) {
            hosts[i] = o->map_dirs[i].host;
            wr[i] = !o->map_dirs[i].read_only;
        }
        v = bx_cache_check_grants(cache_dir, hosts, wr, n, why, cap);
    } else if (why && cap) {
        snprintf(why, cap, "not using the compiled-module cache: out of memory");
    }
    free(hosts);
    free(wr);
    return v;
}

/* A component (src/component) runs through the same setup as a module:
 * the same store limits, grants, audit, watchdog and result record. */
static bx_status run_any(const bx_run_options *o, const bx_module *m, const bxcm_comp *comp,
                         const bx_run_io *io, bx_run_result *r, bx_error *err);

bx_status bx_sandbox_run(const bx_run_options *o, const uint8_t *wasm, size_t len,
                         const bx_run_io *io, bx_run_result *r, bx_error *err)
{
    uint64_t t0 = now_ns();
    memset(r, 0, sizeof *r);
    /* the compiled-module cache when the operator named one (best effort),
     * never one a guest of this run could write or whose key it can reach */
    char why[sizeof r->message];
    bx_cache_verdict cv = bx_run_options_cache_verdict(o, o->g.cache_dir, why, sizeof why);
    if (cv == BX_CACHE_REFUSED) {
        r->outcome = BX_RUN_LOAD_ERROR;
        snprintf(r->message, sizeof r->message, "%s", why);
        r->wall_ns = now_ns() - t0;
        return bx_error_setf(err, BX_ERR_ARG, "%s", why);
    }
    if (bxcm_is_component(wasm, len)) {
        bxcm_comp *c = bxcm_decode_cached(wasm, len, cv == BX_CACHE_USE ? o->g.cache_dir : NULL, err);
        if (!c) {
            r->outcome = BX_RUN_LOAD_ERROR;
            snprintf(r->message, sizeof r->message, "cannot load component: %s", err->msg);
            r->wall_ns = now_ns() - t0;
            return err->status;
        }
        bx_status cst = run_any(o, NULL, c, io, r, err);
        bxcm_free(c);
        r->wall_ns = now_ns() - t0;
        return cst;
    }
    bx_module *m = bx_module_new_cached(wasm, len, cv == BX_CACHE_USE ? o->g.cache_dir : NULL, err);
    if (!m) {
        r->outcome = BX_RUN_LOAD_ERROR;
        snprintf(r->message, sizeof r->message, "cannot load module: %s", err->msg);
        r->wall_ns = now_ns() - t0;
        return err->status;
    }
    bx_status st = bx_sandbox_run_module(o, m, io, r, err);
    bx_module_free(m);
    r->wall_ns = now_ns() - t0;
    return st;
}

/* ---- network (src/net) ------------------------------------------------ */

static void net_audit(void *w, const char *event, const char *subject, int allow,
                      const char *rule, const char *hint)
{
    bx_wasi_audit(w, event, subject, allow, rule, hint);
}

static int net_new(const bx_run_options *o, bx_wasi *w, uint64_t t0, bx_net **out, bx_error *err);

/* The HTTP capability, only for modules that import it: requests end by
 * the run's deadline, and the watchdog's interrupt stops one in flight. */
static bx_status net_define(const bx_run_options *o, const bx_module *m, bx_wasi *w,
                            bx_store *s, bx_linker *l, uint64_t t0, bx_net **out, bx_error *err)
{
    int uses = 0;
    for (uint32_t i = 0; i < bx_module_import_count(m) && !uses; i++) {
        const char *mod, *name;
        bx_externkind k;
        bx_module_import(m, i, &mod, &name, &k);
        uses = !strcmp(mod, BX_NET_MODULE);
    }
    if (!uses) return BX_OK;
    return net_new(o, w, t0, out, err) ? err->status : bx_net_define(*out, s, l, err);
}

/* The same capability for a component importing wasi:http (served by
 * src/component/http.c on this bx_net). */
static bx_status comp_net(const bx_run_options *o, const bxcm_comp *c, bx_wasi *w, uint64_t t0,
                          bx_net **out, bx_error *err)
{
    for (uint32_t i = 0; i < bxcm_import_count(c); i++)
        if (!strncmp(bxcm_import(c, i)->name, "wasi:http/", 10)) return net_new(o, w, t0, out, err) ? err->status : BX_OK;
    return BX_OK;
}

static int net_new(const bx_run_options *o, bx_wasi *w, uint64_t t0, bx_net **out, bx_error *err)
{
    bx_net_config nc;
    memset(&nc, 0, sizeof nc);
    nc.allow = (const char *const *)o->allowed_outbound_hosts;
    nc.nallow = o->nallowed_outbound_hosts;
    nc.g = o->g;        /* borrowed: the network lists */
    nc.block_private = o->block_private;
    nc.deadline_ns = o->g.timeout_ns ? t0 + o->g.timeout_ns : 0;
    nc.audit = net_audit;
    nc.audit_user = w;
    return (*out = bx_net_new(&nc, err)) ? 0 : -1;
}

/* The audit log: a file, a terminal or /dev/null.  Opened without
 * blocking (a FIFO with no reader would hang the open) and never a pipe
 * or socket, whose stalled reader would block every audited decision of
 * the guest beyond its timeout. */
int bx_audit_open_fd(const char *path, bx_error *err)
{
    struct stat st;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0666);
    if (fd < 0) {
        bx_error_setf(err, errno == ENXIO ? BX_ERR_ARG : BX_ERR_IO, "cannot open audit log %s: %s", path,
                   errno == ENXIO ? "a FIFO nobody reads; give a regular file" : strerror(errno));
        return -1;
    }
    if (fstat(fd, &st) != 0 || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
        close(fd);
        bx_error_setf(err, BX_ERR_ARG, "audit log %s is a pipe or socket; give a regular file "
                   "(a reader that stalls would block the sandbox)", path);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

static bx_status open_audit(const char *path, FILE **out, bx_error *err)
{
    int fd = bx_audit_open_fd(path, err);
    if (fd < 0)
        return err->status;
    if (!(*out = fdopen(fd, "a"))) {
        close(fd);
        return bx_error_setf(err, BX_ERR_NOMEM, "cannot open audit log %s: %s", path, strerror(errno));
    }
    return BX_OK;
}

/* The compiled-module cache key is no guest's to read, whatever its grants
 * (a guest that could read it and write some cache directory could sign
 * entries for every later run that uses that cache): deny rules for the
 * key's guest path under every grant that contains it, after o's own.
 * Returns the rules (o's borrowed, ours owned from index o->ndeny) or NULL
 * when out of memory. */
static char **deny_with_key(const bx_run_options *o, size_t *n)
{
    char **d = calloc(o->ndeny + o->nmap_dirs + 1, sizeof *d);
    if (!d) return NULL;
    for (size_t i = 0; i < o->ndeny; i++) d[i] = o->deny[i];
    *n = o->ndeny;
    char key[PATH_MAX], dir[PATH_MAX], real[PATH_MAX];
    if (!bx_cache_key_location(key, sizeof key)) return d;
    char *slash = strrchr(key, '/');
    if (!slash || slash == key) return d;
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - key), key);
    if (!realpath(dir, real)) return d;     /* no directory, no key to read */
    size_t rl = strlen(real);
    if (rl + strlen(slash) >= sizeof real) return d;
    strcpy(real + rl, rl == 1 ? slash + 1 : slash);
    for (size_t i = 0; i < o->nmap_dirs; i++) {
        const char *h = o->map_dirs[i].host, *g = o->map_dirs[i].guest;
        size_t hl = strlen(h);
        const char *rest;
        if (hl == 1 && h[0] == '/')
            rest = real;
        else if (!strncmp(real, h, hl) && (real[hl] == '/' || real[hl] == 0))
            rest = real + hl;
        else
            continue;
        size_t gl = strlen(g);
        if (gl == 1 && g[0] == '/' && rest[0] == '/') gl = 0;
        char *pat = malloc(gl + strlen(rest) + 2);
        if (!pat) {
            for (size_t k = o->ndeny; k < *n; k++) free(d[k]);
            free(d);
            return NULL;
        }
        sprintf(pat, "%.*s%s", (int)gl, g, rest[0] ? rest : "");
        if (!pat[0] || strpbrk(pat, "*?[\\")) {  /* a glob character: not a literal rule */
            free(pat);
            continue;
        }
        d[(*n)++] = pat;
    }
    return d;
}

bx_status bx_sandbox_run_module(const bx_run_options *o, const bx_module *m,
                                const bx_run_io *io, bx_run_result *r, bx_error *err)
{
    return run_any(o, m, NULL, io, r, err);
}

bx_status bxs_run_component(const bx_run_options *o, const bxcm_comp *c, const bx_run_io *io,
                                   bx_run_result *r, bx_error *err)
{
    return run_any(o, NULL, c, io, r, err);
}

static bx_status run_any(const bx_run_options *o, const bx_module *m, const bxcm_comp *comp,
                         const bx_run_io *io, bx_run_result *r, bx_error *err)
{
    bx_status st = BX_OK;
    bx_store *s = NULL;
    bx_linker *l = NULL;
    bx_wasi *w = NULL;
    char **env = NULL;
    uint32_t nenv = 0;
    bx_wasi_preopen *pre = NULL;
    FILE *audit = NULL;
    bx_net *net = NULL;
    char **deny = NULL;
    bxa_run aot;                   /* the compiled tier (src/aot), if chosen */
    memset(&aot, 0, sizeof aot);
    size_t ndeny = 0;
    uint64_t t0 = now_ns();

    memset(r, 0, sizeof *r);

    bx_limits lim = {0};
    lim.max_memory_bytes = o->g.max_memory;
    lim.max_stack_bytes = o->g.max_stack;
    lim.fuel = o->g.fuel;
    s = bx_store_new(&lim);
    l = bx_linker_new();
    env = resolve_env(o, &nenv, err);
    pre = calloc(o->nmap_dirs + 1, sizeof *pre);
    deny = deny_with_key(o, &ndeny);
    if (!s || !l || !env || !pre || !deny) { st = bx_error_setf(err, BX_ERR_NOMEM, "out of memory"); goto out; }
    for (size_t i = 0; i < o->nmap_dirs; i++) {
        pre[i].host_path = o->map_dirs[i].host;
        pre[i].guest_path = o->map_dirs[i].guest;
        pre[i].read_only = o->map_dirs[i].read_only;
    }
    if (o->g.audit_path && !io->audit_file && (st = open_audit(o->g.audit_path, &audit, err)) != BX_OK)
        goto out;

    bx_wasi_config wc;
    memset(&wc, 0, sizeof wc);
    wc.argv = io->argv;
    wc.argc = io->argc;
    wc.env = (const char *const *)env;
    wc.envc = nenv;
    wc.preopens = pre;
    wc.npreopens = (uint32_t)o->nmap_dirs;
    wc.deny = (const char *const *)deny;
    wc.ndeny = (uint32_t)ndeny;
    wc.stdin_kind = io->stdin_kind;
    wc.stdin_buf = io->stdin_buf;
    wc.stdin_len = io->stdin_len;
    wc.stdout_kind = io->capture ? BX_WASI_OUT_CAPTURE : BX_WASI_OUT_HOST;
    wc.stderr_kind = wc.stdout_kind;
    wc.stdout_cap = wc.stderr_cap = o->g.max_output ? o->g.max_output : 1024 * 1024;
    wc.max_fds = o->max_fds;
    wc.max_write = o->g.max_write;
    wc.audit_file = io->audit_file ? io->audit_file : audit;
    wc.sandbox_id = io->sandbox_id ? io->sandbox_id : "run";
    if (io->capture && io->stop_on_output_cap) wc.flags |= BX_WASI_STOP_ON_OUTPUT_CAP;
    wc.flags |= BX_WASI_GRANTS_NO_LINKS;   /* options.c stores canonical paths */
    w = bx_wasi_new(&wc, err);
    if (!w) {
        r->outcome = BX_RUN_LOAD_ERROR;
        snprintf(r->message, sizeof r->message, "%s", err->msg);
        st = err->status;
        goto out;
    }
    for (size_t i = 0; i < o->nenv_vars; i++) {
        const char *e = o->env_vars[i];
        if (!strchr(e, '='))
            bx_wasi_audit(w, "env", e, getenv(e) != NULL, "env grant",
                          getenv(e) ? NULL : "not set on the host, so not passed");
    }
    if (!comp && (st = bx_wasi_define_for(w, s, l, m, err)) != BX_OK) goto out;
    if (!comp && (st = net_define(o, m, w, s, l, t0, &net, err)) != BX_OK) goto out;
    if (comp && (st = comp_net(o, comp, w, t0, &net, err)) != BX_OK) goto out;
    if (io->define_imports && (st = io->define_imports(io->define_user, s, l, err)) != BX_OK) goto out;

    watchdog wd;
    int have_wd = 0;
    if (o->g.timeout_ns || io->cancel) {
        if (watchdog_start(&wd, s, o->g.timeout_ns, io->cancel) != 0) {
            st = bx_error_setf(err, BX_ERR_NOMEM, "cannot start the timeout watchdog thread");
            goto out;
        }
        have_wd = 1;
    }
    if (o->g.fuel) bx_store_set_fuel(s, o->g.fuel);

    bx_instance *inst = NULL;
    if (comp) {
        /* wasi:cli/run: an exit (or run's result) ends it as proc_exit does */
        if (io->invoke) {
            /* the result as WAVE text, bounded like the output streams */
            memset(err, 0, sizeof *err);
            st = bxcm_wasi_invoke(w, net, s, comp, io->invoke, io->wave_args, io->nwave_args, wc.stdout_cap,
                                  &r->wave, &r->wave_len, &r->wave_truncated, err);
            if (st == BX_OK) r->outcome = BX_RUN_RETURNED;
            else if (st == BX_ERR_ARG) {
                r->outcome = BX_RUN_LOAD_ERROR;
                snprintf(r->message, sizeof r->message, "%s", err->msg);
            }
        } else {
            memset(err, 0, sizeof *err);
            st = bxcm_wasi_run_net(w, net, s, comp, err);
            if (st == BX_OK) st = err->status = BX_ERR_TRAP, err->trap = BX_TRAP_EXIT;
        }
    } else {
        inst = bx_linker_instantiate(l, s, m, err);
        if (inst && o->aot_module) {
            aot.am = o->aot_module;    /* the caller's: bxa_detach leaves it alone */
            aot.borrowed = 1;
            bxa_bind_run(&aot, s, inst);
        }
    }
    r->tier_aot = aot.ran == BXA_TIER_AOT;
    if (inst) {
        const char *entry = io->invoke ? io->invoke : "_start";
        bx_extern ex;
        if (!bx_instance_export(inst, entry, &ex) || ex.kind != BX_EXTERN_FUNC) {
            r->outcome = BX_RUN_LOAD_ERROR;
            snprintf(r->message, sizeof r->message,
                     "the module exports no function \"%s\"%s", entry,
                     io->invoke ? "" : "; use --invoke NAME to call another export");
            st = bx_error_setf(err, BX_ERR_ARG, "%s", r->message);
        } else {
            const bx_functype *ft = bx_func_type(ex.of.func);
            uint32_t nargs = io->invoke ? io->nargs : 0;
            /* the API's arrays hold a v128 as two entries */
            uint32_t slots = ft->nparams, rslots = ft->nresults;
            for (uint32_t i = 0; i < ft->nparams; i++) slots += ft->params[i] == BX_V128;
            for (uint32_t i = 0; i < ft->nresults; i++) rslots += ft->results[i] == BX_V128;
            if (nargs != slots || slots > BX_RUN_MAX_RESULTS || rslots > BX_RUN_MAX_RESULTS) {
                r->outcome = BX_RUN_LOAD_ERROR;
                snprintf(r->message, sizeof r->message,
                         "\"%s\" takes %u argument(s), %u given", entry, ft->nparams, nargs);
                st = bx_error_setf(err, BX_ERR_ARG, "%s", r->message);
            } else {
                bx_error cerr = {0};
                bx_val args[BX_RUN_MAX_RESULTS];
                for (uint32_t i = 0; i < nargs && i < BX_RUN_MAX_RESULTS; i++) args[i] = io->args[i];
                st = bx_func_call(s, ex.of.func, args, nargs, r->results, rslots, &cerr);
                r->nresults = rslots;
                if (st == BX_OK) {
                    r->outcome = io->invoke ? BX_RUN_RETURNED : BX_RUN_EXITED;
                    r->exit_code = 0;
                } else if (cerr.trap == BX_TRAP_EXIT) {
                    r->outcome = BX_RUN_EXITED;
                    r->exit_code = bx_store_exit_code(s);
                    st = BX_OK;
                } else {
                    r->outcome = BX_RUN_TRAPPED;
                    r->trap = cerr.trap;
                    describe_trap(o, r, cerr.msg);
                    st = BX_OK;   /* the run happened; the record says how it ended */
                }
            }
        }
    } else if (comp && io->invoke && (st == BX_OK || st == BX_ERR_ARG)) {
        /* a component's --invoke returned (r->wave), or could not be made */
    } else if (err->status == BX_ERR_TRAP && err->trap == BX_TRAP_EXIT) {
        /* proc_exit from a start function */
        r->outcome = BX_RUN_EXITED;
        r->exit_code = bx_store_exit_code(s);
        st = BX_OK;
    } else if (err->status == BX_ERR_TRAP) {
        r->outcome = BX_RUN_TRAPPED;
        r->trap = err->trap;
        describe_trap(o, r, err->msg);
        st = BX_OK;
    } else {
        r->outcome = err->status == BX_ERR_LIMIT ? BX_RUN_OUT_OF_MEMORY : BX_RUN_LOAD_ERROR;
        snprintf(r->message, sizeof r->message, "cannot instantiate: %s", err->msg);
        st = err->status;
    }
    int wd_end = have_wd ? watchdog_stop(&wd) : 0;
    if (wd_end && r->outcome == BX_RUN_TRAPPED && r->trap == BX_TRAP_INTERRUPTED) {
        if (wd_end == 2) {
            r->cancelled = 1;
            snprintf(r->message, sizeof r->message, "cancelled by the caller");
        } else {
            r->timed_out = 1;
        }
    }
    if (r->outcome == BX_RUN_TRAPPED && r->trap != BX_TRAP_NONE && r->trap != BX_TRAP_EXIT)
        bx_wasi_audit(w, "limit", NULL, 0, bx_run_outcome(r), r->message);

    r->bytes_written = bx_wasi_bytes_written(w, &r->write_limit_hit);
    if (r->write_limit_hit && !r->message[0])
        snprintf(r->message, sizeof r->message,
                 "writes past the cap of %llu bytes failed with EDQUOT; raise --max-write to allow more",
                 (unsigned long long)o->g.max_write);
    r->fuel_used = bx_store_fuel_used(s);
    r->peak_memory = bx_store_peak_memory(s);
    if (io->capture) {
        copy_output(w, 0, &r->out, &r->out_len, &r->out_truncated);
        copy_output(w, 1, &r->err, &r->err_len, &r->err_truncated);
    }

out:
    r->wall_ns = now_ns() - t0;
    if (w) copy_links(w, r);
    if (w) bx_wasi_free(w);
    if (l) bx_linker_free(l);
    if (s) bx_store_free(s);
    bxa_detach(&aot);
    bx_net_free(net);
    if (env) {
        for (uint32_t i = 0; i < nenv; i++) free(env[i]);
        free(env);
    }
    free(pre);
    if (deny)
        for (size_t i = o->ndeny; i < ndeny; i++) free(deny[i]);
    free(deny);
    if (audit) fclose(audit);
    return st;
}

void bx_run_result_free(bx_run_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
    free(r->wave);
    r->wave = NULL;
    r->wave_len = 0;
    for (uint32_t i = 0; i < r->nlinks; i++) {
        free(r->links[i].path);
        free(r->links[i].target);
    }
    free(r->links);
    r->links = NULL;
    r->nlinks = 0;
}
