/*
 * runner.c — runs the WebAssembly 2.0 core spec testsuite against
 * libboxagnts, through the public API (include/boxagnts.h) only.
 *
 * For each X.wast of the suite directory, `wast2json --enable-all` turns it
 * into OUT/X.json plus OUT/X.N.wasm (skipped when the JSON is newer than
 * the .wast); then every command of the JSON is run against one bx_store
 * and one bx_linker per file (the spec expects state shared between the
 * modules of a file), with the "spectest" host module defined.
 *
 * Every command counts once: passed, failed or skipped.  Text-form modules
 * (assert_malformed/assert_invalid of (module quote ...)) are skipped: this
 * is a binary engine.  v128 arguments and results (the simd_*.wast files)
 * are compared lane by lane, NaN lanes by class (nan:canonical/arithmetic).
 * The files of SUITE/proposals/{extended-const,tail-call,multi-memory}/ run
 * too (named "proposals/NAME/X.wast"); the 2.0 "multiple memories"
 * assertions, which multi-memory lifts, are skipped.
 *
 * Each file runs in a forked child by default, so an engine crash is
 * reported as failures of that file instead of ending the whole run; a
 * watchdog thread interrupts any single invocation running longer than
 * --timeout seconds (a hang becomes a failure, not a stuck CI).
 *
 * Output: per file "X.wast: P passed, F failed, S skipped", preceded by up
 * to 20 failure lines (line number, command type, reason); last line
 * "N passed, N failed, N skipped".  Exit status 1 if anything failed,
 * 2 on a usage error.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "boxagnts.h"
#include "aot.h"
#include "aotbatch.h"
#include "spectest.h"

extern char **environ;

static const char *prog = "runner"; /* argv[0], for hints */

/* ---- options --------------------------------------------------------- */

static struct {
    const char *suite;
    const char *out;
    const char *wast2json;
    int verbose;
    int fork;
    double timeout;       /* seconds per invocation / instantiation */
    double file_timeout;  /* seconds per file (forked mode) */
    int max_details;
} opt = {
    .suite = NULL,
    .out = "build/spec",
    .wast2json = "wast2json",
    .verbose = 0,
    .fork = 1,
    .timeout = 20,
    .file_timeout = 600,
    .max_details = 20,
};

/* ---- counts, shared with the parent when forked ------------------------ */

typedef struct counts {
    uint64_t passed, failed, skipped;
    uint64_t done, total;   /* commands finished / in the file */
    int cur_line;           /* line of the command being run */
    int finished;           /* the file ran to its end */
    char cur_type[32];
    uint64_t aot_bound, aot_fallback;   /* instances compiled / left interpreted */
} counts;

/* ---- small helpers --------------------------------------------------- */

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) {
        fprintf(stderr, "runner: out of memory\n");
        exit(3);
    }
    return d;
}

static char *path_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (!p) {
        fprintf(stderr, "runner: out of memory\n");
        exit(3);
    }
    snprintf(p, n, "%s/%s", a, b);
    return p;
}

static int mkdir_p(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    }
    int rc = (mkdir(p, 0777) != 0 && errno != EEXIST) ? -1 : 0;
    free(p);
    return rc;
}

static uint8_t *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf)
        *len = n;
    return buf;
}

static const char *status_name(bx_status s)
{
    switch (s) {
    case BX_OK: return "ok";
    case BX_ERR_MALFORMED: return "malformed";
    case BX_ERR_INVALID: return "invalid";
    case BX_ERR_UNLINKABLE: return "unlinkable";
    case BX_ERR_LIMIT: return "limit";
    case BX_ERR_NOMEM: return "out of memory";
    case BX_ERR_ARG: return "bad argument";
    case BX_ERR_TRAP: return "trap";
    case BX_ERR_IO: return "I/O error";
    case BX_STATUS_COUNT: break;
    }
    return "unknown status";
}

static const char *trap_text(bx_trap t)
{
    const char *m = bx_trap_message(t);
    return m ? m : "(null)";
}

/* "status[/trap 'msg'] at offset N: msg" */
static void describe_error(const bx_error *e, char *buf, size_t n)
{
    char msg[300];
    snprintf(msg, sizeof msg, "%.*s", (int)sizeof e->msg, e->msg);
    if (e->status == BX_ERR_TRAP) {
        if (strcmp(msg, trap_text(e->trap)) == 0)
            msg[0] = 0; /* do not say it twice */
        snprintf(buf, n, "trap '%s'%s%s", trap_text(e->trap), msg[0] ? ": " : "", msg);
    }
    else if (e->status == BX_ERR_MALFORMED || e->status == BX_ERR_INVALID)
        snprintf(buf, n, "%s at offset %zu%s%s", status_name(e->status), e->offset,
                 msg[0] ? ": " : "", msg);
    else
        snprintf(buf, n, "%s%s%s", status_name(e->status), msg[0] ? ": " : "", msg);
}

static void clear_error(bx_error *e)
{
    memset(e, 0, sizeof *e);
}

/* ---- watchdog -------------------------------------------------------- */

static struct {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int started, quit, armed, fired;
    bx_store *store;
    struct timespec deadline;
} wd;

static void *watchdog_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&wd.mu);
    while (!wd.quit) {
        if (!wd.armed) {
            pthread_cond_wait(&wd.cv, &wd.mu);
            continue;
        }
        int rc = pthread_cond_timedwait(&wd.cv, &wd.mu, &wd.deadline);
        if (rc == ETIMEDOUT && wd.armed) {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            if (ts.tv_sec > wd.deadline.tv_sec ||
                (ts.tv_sec == wd.deadline.tv_sec && ts.tv_nsec >= wd.deadline.tv_nsec)) {
                bx_store_interrupt(wd.store);
                wd.fired = 1;
                wd.armed = 0;
            }
        }
    }
    pthread_mutex_unlock(&wd.mu);
    return NULL;
}

static void watchdog_start(void)
{
    pthread_condattr_t ca;
    pthread_mutex_init(&wd.mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&wd.cv, &ca);
    pthread_condattr_destroy(&ca);
    wd.quit = wd.armed = wd.fired = 0;
    wd.started = pthread_create(&wd.thread, NULL, watchdog_main, NULL) == 0;
    if (!wd.started)
        fprintf(stderr, "runner: warning: no watchdog thread; a hang will not be interrupted\n");
}

static void watchdog_stop(void)
{
    if (wd.started) {
        pthread_mutex_lock(&wd.mu);
        wd.quit = 1;
        pthread_cond_signal(&wd.cv);
        pthread_mutex_unlock(&wd.mu);
        pthread_join(wd.thread, NULL);
        wd.started = 0;
    }
    pthread_cond_destroy(&wd.cv);
    pthread_mutex_destroy(&wd.mu);
}

static void watchdog_arm(bx_store *s)
{
    if (!wd.started || opt.timeout <= 0)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double t = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 + opt.timeout;
    pthread_mutex_lock(&wd.mu);
    wd.store = s;
    wd.deadline.tv_sec = (time_t)t;
    wd.deadline.tv_nsec = (long)((t - (double)(time_t)t) * 1e9);
    wd.armed = 1;
    wd.fired = 0;
    pthread_cond_signal(&wd.cv);
    pthread_mutex_unlock(&wd.mu);
}

/* Returns 1 if the watchdog interrupted the store since watchdog_arm (the
 * interrupt flag is then cleared again). */
static int watchdog_disarm(bx_store *s)
{
    if (!wd.started || opt.timeout <= 0)
        return 0;
    pthread_mutex_lock(&wd.mu);
    int fired = wd.fired;
    wd.armed = 0;
    wd.fired = 0;
    wd.store = NULL;
    pthread_mutex_unlock(&wd.mu);
    if (fired)
        bx_store_clear_interrupt(s);
    return fired;
}

/* ---- one file -------------------------------------------------------- */

typedef struct named {
    char *name;
    bx_instance *inst;
} named;

typedef struct filectx {
    const char *wast;      /* "x.wast", for messages */
    const char *dir;       /* where the .wasm files are */
    bx_store *store;
    bx_linker *linker;
    bx_instance *current;
    int current_failed;    /* the last module command failed */
    named *names;
    size_t nnames, capnames;
    bx_module **mods;
    size_t nmods, capmods;
    bxa_run *aot;          /* BOXAGNTS_TIER=aot: one binding per instance */
    size_t naot, capaot;
    counts *c;
    uint64_t details;
    /* command being run */
    int line;
    const char *type;
} filectx;

static int detail_ok(filectx *x)
{
    return opt.verbose || x->details < (uint64_t)opt.max_details;
}

static void cmd_fail(filectx *x, const char *fmt, ...)
{
    x->c->failed++;
    if (detail_ok(x)) {
        char buf[1024];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
        printf("  %s:%d: %s: %s\n", x->wast, x->line, x->type, buf);
    }
    x->details++;
}

static void cmd_pass(filectx *x)
{
    x->c->passed++;
    if (opt.verbose > 1)
        printf("  %s:%d: %s: ok\n", x->wast, x->line, x->type);
}

static void cmd_skip(filectx *x, const char *why)
{
    x->c->skipped++;
    if (opt.verbose > 1)
        printf("  %s:%d: %s: skipped (%s)\n", x->wast, x->line, x->type, why);
}

/* A name with U+0000 (names.wast) would end early as a C string.  Replace
 * each "\u0000" escape of the raw JSON by the byte 0xFF, which never occurs
 * in UTF-8 text, and look such names up with bx_instance_export_n. */
#define NUL_MARK '\xff'

static void mark_nul_escapes(char *t, size_t *len)
{
    size_t r = 0, w = 0, n = *len;
    while (r < n) {
        if (t[r] == '\\' && r + 1 < n) {
            if (n - r >= 6 && memcmp(t + r, "\\u0000", 6) == 0) {
                t[w++] = NUL_MARK;
                r += 6;
            } else {
                t[w++] = t[r++];
                t[w++] = t[r++];
            }
        } else {
            t[w++] = t[r++];
        }
    }
    *len = w;
}

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void set_name(filectx *x, const char *name, bx_instance *inst)
{
    for (size_t i = 0; i < x->nnames; i++) {
        if (strcmp(x->names[i].name, name) == 0) {
            x->names[i].inst = inst;
            return;
        }
    }
    if (x->nnames == x->capnames) {
        size_t cap = x->capnames ? x->capnames * 2 : 8;
        named *n = realloc(x->names, cap * sizeof *n);
        if (!n)
            return;
        x->names = n;
        x->capnames = cap;
    }
    x->names[x->nnames].name = xstrdup(name);
    x->names[x->nnames].inst = inst;
    x->nnames++;
}

/* The instance an action or register refers to; NULL with why filled. */
static bx_instance *find_instance(filectx *x, const char *name, char *why, size_t n)
{
    if (name) {
        for (size_t i = 0; i < x->nnames; i++) {
            if (strcmp(x->names[i].name, name) == 0) {
                if (!x->names[i].inst)
                    snprintf(why, n, "module %s failed to load earlier", name);
                return x->names[i].inst;
            }
        }
        snprintf(why, n, "no module named %s", name);
        return NULL;
    }
    if (!x->current)
        snprintf(why, n, x->current_failed ? "the current module failed to load earlier"
                                           : "no current module");
    return x->current;
}

static void keep_module(filectx *x, bx_module *m)
{
    if (x->nmods == x->capmods) {
        size_t cap = x->capmods ? x->capmods * 2 : 64;
        bx_module **n = realloc(x->mods, cap * sizeof *n);
        if (!n) {
            /* Cannot track it: leak rather than free a module an instance uses. */
            return;
        }
        x->mods = n;
        x->capmods = cap;
    }
    x->mods[x->nmods++] = m;
}

/* Load and compile cmd's "filename".  Returns 1 with *out set, 0 when
 * bx_module_new failed (err filled), -1 when the file could not be read
 * (why filled).  Compiled modules are kept until the store is freed. */
static int load_module(filectx *x, const cJSON *cmd, bx_module **out, bx_error *err,
                       char *why, size_t n)
{
    const char *fn = jstr(cmd, "filename");
    *out = NULL;
    if (!fn) {
        snprintf(why, n, "command has no filename");
        return -1;
    }
    char *path = path_join(x->dir, fn);
    size_t len = 0;
    uint8_t *bytes = read_all(path, &len);
    if (!bytes) {
        snprintf(why, n, "cannot read %s: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    free(path);
    clear_error(err);
    bx_module *m = bx_module_new(bytes, len, err);
    free(bytes);
    if (!m) {
        if (err->status == BX_OK)
            err->status = BX_ERR_ARG; /* engine forgot to fill err */
        return 0;
    }
    keep_module(x, m);
    *out = m;
    return 1;
}

/* The compiled tier (BOXAGNTS_TIER=aot): bind every instance; a module the
 * tier cannot take stays interpreted and is counted (printed at exit). */
static void aot_attach(filectx *x, bx_module *m, bx_instance *inst)
{
    bxa_tier t = bxa_tier_env(BXA_TIER_INTERP);
    if (t == BXA_TIER_INTERP) return;
    if (x->naot == x->capaot) {
        size_t cap = x->capaot ? x->capaot * 2 : 16;
        bxa_run *n = realloc(x->aot, cap * sizeof *n);
        if (!n) return;
        x->aot = n;
        x->capaot = cap;
    }
    bxa_run *r = &x->aot[x->naot];
    const char *dir = getenv("BOXAGNTS_AOT_CACHE");
    bxa_module *batched = t == BXA_TIER_AOT ? aotb_find(m) : NULL;
    if (batched) {   /* compiled with others (aotbatch.c), bound the same way */
        memset(r, 0, sizeof *r);
        r->ran = BXA_TIER_INTERP;
        r->am = batched;
        r->borrowed = 1;
        bxa_bind_run(r, x->store, inst);
        /* guard-mode code on a memory 0 without a guard region: one by one */
        if (r->ran != BXA_TIER_AOT) bxa_attach(r, t, m, dir && *dir ? dir : NULL, x->store, inst);
    } else {
        bxa_attach(r, t, m, dir && *dir ? dir : NULL, x->store, inst);
    }
    if (r->ran == BXA_TIER_AOT) {
        x->naot++;
        x->c->aot_bound++;
    } else {
        x->c->aot_fallback++;
        if (opt.verbose) printf("  %s:%d: interpreted: %s\n", x->wast, x->line, r->why);
    }
}

/* Instantiate through the linker, under the watchdog. */
static bx_instance *instantiate(filectx *x, bx_module *m, bx_error *err, int *timed_out)
{
    clear_error(err);
    watchdog_arm(x->store);
    bx_instance *inst = bx_linker_instantiate(x->linker, x->store, m, err);
    *timed_out = watchdog_disarm(x->store);
    if (inst) aot_attach(x, m, inst);
    if (!inst && err->status == BX_OK)
        err->status = BX_ERR_ARG;
    return inst;
}

/* ---- values ---------------------------------------------------------- */

static int parse_type(const char *t, bx_valtype *out)
{
    static const struct {
        const char *name;
        bx_valtype t;
    } tab[] = {{"i32", BX_I32},         {"i64", BX_I64},   {"f32", BX_F32},
               {"f64", BX_F64},         {"v128", BX_V128}, {"funcref", BX_FUNCREF},
               {"externref", BX_EXTERNREF}};
    for (size_t i = 0; t && i < sizeof tab / sizeof tab[0]; i++) {
        if (strcmp(t, tab[i].name) == 0) {
            *out = tab[i].t;
            return 1;
        }
    }
    return 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || !isdigit((unsigned char)*s))
        return 0;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return 0;
    *out = v;
    return 1;
}

/* Does any value of this list use v128 (only the SIMD files do)? */
static int uses_v128(const cJSON *list)
{
    const cJSON *v;
    cJSON_ArrayForEach(v, list)
    {
        const char *t = jstr(v, "type");
        if (t && strcmp(t, "v128") == 0)
            return 1;
    }
    return 0;
}

/* A v128 of wast2json: {"type":"v128","lane_type":"i32","value":[...]},
 * each lane's bits in decimal (or a NaN class for float lanes in
 * expectations).  Lane width in bytes, or 0 if the lane type is unknown. */
static unsigned v128_lane_bytes(const char *lt)
{
    if (!lt) return 0;
    if (strcmp(lt, "i8") == 0) return 1;
    if (strcmp(lt, "i16") == 0) return 2;
    if (strcmp(lt, "i32") == 0 || strcmp(lt, "f32") == 0) return 4;
    if (strcmp(lt, "i64") == 0 || strcmp(lt, "f64") == 0) return 8;
    return 0;
}

static uint64_t lane_of(const uint64_t h[2], unsigned w, unsigned i)
{
    uint8_t b[16];
    uint64_t v = 0;
    memcpy(b, h, 16);
    memcpy(&v, b + (size_t)i * w, w);
    return v;
}

/* Parse an argument v128 into h[2] (low, high). */
static int parse_v128(const cJSON *j, uint64_t h[2], char *why, size_t n)
{
    const char *lt = jstr(j, "lane_type");
    unsigned w = v128_lane_bytes(lt);
    const cJSON *vals = cJSON_GetObjectItemCaseSensitive(j, "value");
    if (!w || cJSON_GetArraySize(vals) != (int)(16 / w)) {
        snprintf(why, n, "cannot parse v128 argument (lane type %s)", lt ? lt : "(none)");
        return 0;
    }
    uint8_t b[16];
    unsigned i = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, vals)
    {
        uint64_t u;
        if (!cJSON_IsString(v) || !parse_u64(v->valuestring, &u) ||
            (w < 8 && u >> (8 * w))) {
            snprintf(why, n, "cannot parse v128 lane %u", i);
            return 0;
        }
        memcpy(b + (size_t)i * w, &u, w);
        i++;
    }
    memcpy(h, b, 16);
    return 1;
}

/* Compare a v128 result h[2] with its expectation lane by lane; float
 * lanes may expect nan:canonical or nan:arithmetic. */
static int check_v128(const cJSON *exp, const uint64_t h[2], char *why, size_t n)
{
    const char *lt = jstr(exp, "lane_type");
    unsigned w = v128_lane_bytes(lt);
    const cJSON *vals = cJSON_GetObjectItemCaseSensitive(exp, "value");
    if (!w || cJSON_GetArraySize(vals) != (int)(16 / w)) {
        snprintf(why, n, "cannot parse expected v128 (lane type %s)", lt ? lt : "(none)");
        return 0;
    }
    int isf = lt[0] == 'f';
    unsigned i = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, vals)
    {
        const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
        uint64_t got = lane_of(h, w, i), u;
        uint64_t qmask = w == 4 ? 0x7fc00000u : 0x7ff8000000000000ull;
        int ok;
        if (isf && s && strcmp(s, "nan:canonical") == 0)
            ok = (got & ~(w == 4 ? 0x80000000u : 0x8000000000000000ull)) == qmask;
        else if (isf && s && strcmp(s, "nan:arithmetic") == 0)
            ok = (got & qmask) == qmask;
        else if (s && parse_u64(s, &u))
            ok = got == u;
        else {
            snprintf(why, n, "cannot parse expected v128 lane %u", i);
            return 0;
        }
        if (!ok) {
            snprintf(why, n, "v128 lane %u (%s): got 0x%" PRIx64 ", expected %s (v128 0x%016" PRIx64
                     "%016" PRIx64 ")", i, lt, got, s, h[1], h[0]);
            return 0;
        }
        i++;
    }
    return 1;
}

static int parse_arg(const cJSON *j, bx_val *v, char *why, size_t n)
{
    const char *ts = jstr(j, "type"), *vs = jstr(j, "value");
    bx_valtype t;
    uint64_t u = 0;
    if (!parse_type(ts, &t)) {
        snprintf(why, n, "unknown argument type %s", ts ? ts : "(none)");
        return 0;
    }
    v->type = t;
    v->bits = 0;
    if (t == BX_FUNCREF || t == BX_EXTERNREF) {
        if (!vs || strcmp(vs, "null") == 0)
            return 1;
        if (t == BX_EXTERNREF && parse_u64(vs, &u)) {
            v->bits = u + 1;
            return 1;
        }
        snprintf(why, n, "cannot pass %s %s", ts, vs);
        return 0;
    }
    if (t == BX_V128 || !parse_u64(vs, &u)) {
        snprintf(why, n, "cannot parse argument %s %s", ts, vs ? vs : "(none)");
        return 0;
    }
    if ((t == BX_I32 || t == BX_F32) && u > UINT32_MAX) {
        snprintf(why, n, "argument %s %s out of range", ts, vs);
        return 0;
    }
    v->bits = u;
    return 1;
}

static void fmt_bits(bx_valtype t, uint64_t bits, char *buf, size_t n)
{
    switch (t) {
    case BX_I32:
        snprintf(buf, n, "i32:0x%" PRIx64 " (%" PRId32 ")", bits, (int32_t)(uint32_t)bits);
        break;
    case BX_I64:
        snprintf(buf, n, "i64:0x%" PRIx64 " (%" PRId64 ")", bits, (int64_t)bits);
        break;
    case BX_F32: {
        float f;
        uint32_t b = (uint32_t)bits;
        memcpy(&f, &b, 4);
        snprintf(buf, n, "f32:0x%" PRIx64 " (%.9g)", bits, (double)f);
        break;
    }
    case BX_F64: {
        double d;
        memcpy(&d, &bits, 8);
        snprintf(buf, n, "f64:0x%" PRIx64 " (%.17g)", bits, d);
        break;
    }
    default:
        if (bits == 0)
            snprintf(buf, n, "%s:null", bx_valtype_name(t));
        else
            snprintf(buf, n, "%s:0x%" PRIx64, bx_valtype_name(t), bits);
    }
}

/* Compare one result with its expectation.  decl is the function's declared
 * result type (or the expectation's own type for a global get). */
static int check_result(const cJSON *exp, uint64_t got, bx_valtype decl, char *why, size_t n)
{
    const char *ts = jstr(exp, "type"), *vs = jstr(exp, "value");
    bx_valtype t;
    char gs[96];
    fmt_bits(decl, got, gs, sizeof gs);
    if (!parse_type(ts, &t)) {
        snprintf(why, n, "unknown expected type %s", ts ? ts : "(none)");
        return 0;
    }
    if (t != decl) {
        snprintf(why, n, "expected a %s, the function returns a %s", ts, bx_valtype_name(decl));
        return 0;
    }
    int ok;
    uint64_t u = 0;
    switch (t) {
    case BX_F32:
        if (vs && strcmp(vs, "nan:canonical") == 0)
            ok = got == 0x7fc00000u || got == 0xffc00000u;
        else if (vs && strcmp(vs, "nan:arithmetic") == 0)
            ok = got <= UINT32_MAX && (got & 0x7fc00000u) == 0x7fc00000u;
        else
            goto exact;
        break;
    case BX_F64:
        if (vs && strcmp(vs, "nan:canonical") == 0)
            ok = got == 0x7ff8000000000000ull || got == 0xfff8000000000000ull;
        else if (vs && strcmp(vs, "nan:arithmetic") == 0)
            ok = (got & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
        else
            goto exact;
        break;
    case BX_FUNCREF:
    case BX_EXTERNREF:
        if (vs && strcmp(vs, "null") == 0)
            ok = got == 0;
        else if (!vs || t == BX_FUNCREF)
            ok = got != 0; /* any non-null reference */
        else if (parse_u64(vs, &u))
            ok = got == u + 1;
        else {
            snprintf(why, n, "cannot parse expected %s %s", ts, vs);
            return 0;
        }
        break;
    default:
    exact:
        if (!parse_u64(vs, &u)) {
            snprintf(why, n, "cannot parse expected %s %s", ts, vs ? vs : "(none)");
            return 0;
        }
        ok = got == u;
        break;
    }
    if (!ok)
        snprintf(why, n, "got %s, expected %s %s", gs, ts, vs ? vs : "(non-null)");
    return ok;
}

/* ---- actions --------------------------------------------------------- */

enum { ACT_OK, ACT_TRAP, ACT_ERR };

typedef struct action_result {
    bx_val *vals;
    bx_valtype *types;  /* declared types */
    uint32_t n;
    bx_error err;       /* on ACT_TRAP */
} action_result;

static void action_result_free(action_result *r)
{
    free(r->vals);
    free(r->types);
    r->vals = NULL;
    r->types = NULL;
    r->n = 0;
}

static int run_action(filectx *x, const cJSON *act, action_result *r, char *why, size_t n)
{
    memset(r, 0, sizeof *r);
    if (!cJSON_IsObject(act)) {
        snprintf(why, n, "command has no action");
        return ACT_ERR;
    }
    const char *kind = jstr(act, "type"), *field = jstr(act, "field");
    bx_instance *inst = find_instance(x, jstr(act, "module"), why, n);
    if (!inst)
        return ACT_ERR;
    if (!field) {
        snprintf(why, n, "action has no field");
        return ACT_ERR;
    }
    bx_extern ext;
    memset(&ext, 0, sizeof ext);
    /* The JSON's U+0000 escapes were turned into NUL_MARK; turn them back
     * into real NUL bytes and look the name up with its length. */
    char nbuf[1024];
    size_t flen = strlen(field);
    if (flen >= sizeof nbuf) {
        snprintf(why, n, "export name too long");
        return ACT_ERR;
    }
    for (size_t i = 0; i <= flen; i++)
        nbuf[i] = field[i] == NUL_MARK ? 0 : field[i];
    if (!bx_instance_export_n(inst, nbuf, flen, &ext)) {
        snprintf(why, n, "no export \"%s\"", field);
        return ACT_ERR;
    }

    if (kind && strcmp(kind, "get") == 0) {
        if (ext.kind != BX_EXTERN_GLOBAL || !ext.of.global) {
            snprintf(why, n, "export \"%s\" is not a global", field);
            return ACT_ERR;
        }
        r->vals = calloc(1, sizeof *r->vals);
        r->types = calloc(1, sizeof *r->types);
        if (!r->vals || !r->types) {
            snprintf(why, n, "out of memory");
            return ACT_ERR;
        }
        r->vals[0] = bx_global_get(ext.of.global);
        r->types[0] = r->vals[0].type;
        r->n = 1;
        return ACT_OK;
    }
    if (!kind || strcmp(kind, "invoke") != 0) {
        snprintf(why, n, "unknown action type %s", kind ? kind : "(none)");
        return ACT_ERR;
    }
    if (ext.kind != BX_EXTERN_FUNC || !ext.of.func) {
        snprintf(why, n, "export \"%s\" is not a function", field);
        return ACT_ERR;
    }
    const bx_functype *ft = bx_func_type(ext.of.func);
    if (!ft) {
        snprintf(why, n, "bx_func_type(\"%s\") returned NULL", field);
        return ACT_ERR;
    }
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(act, "args");
    int nargs = cJSON_GetArraySize(args);
    /* a v128 is two entries (low half, high half) of the API's arrays */
    uint32_t nres = 0;
    for (uint32_t k = 0; k < ft->nresults; k++) nres += ft->results[k] == BX_V128 ? 2 : 1;
    bx_val *av = calloc(2 * (size_t)nargs + 1, sizeof *av);
    r->vals = calloc((size_t)nres + 1, sizeof *r->vals);
    r->types = calloc((size_t)nres + 1, sizeof *r->types);
    if (!av || !r->vals || !r->types) {
        free(av);
        snprintf(why, n, "out of memory");
        return ACT_ERR;
    }
    int i = 0;
    const cJSON *a;
    cJSON_ArrayForEach(a, args)
    {
        const char *at = jstr(a, "type");
        if (at && strcmp(at, "v128") == 0) {
            uint64_t h[2];
            if (!parse_v128(a, h, why, n)) {
                free(av);
                return ACT_ERR;
            }
            av[i].type = av[i + 1].type = BX_V128;
            av[i].bits = h[0];
            av[i + 1].bits = h[1];
            i += 2;
            continue;
        }
        if (!parse_arg(a, &av[i], why, n)) {
            free(av);
            return ACT_ERR;
        }
        i++;
    }
    r->n = nres;
    for (uint32_t k = 0, j = 0; k < ft->nresults; k++) {
        for (int h = ft->results[k] == BX_V128 ? 2 : 1; h; h--, j++) {
            r->types[j] = ft->results[k];
            r->vals[j].type = r->types[j];
        }
    }
    clear_error(&r->err);
    watchdog_arm(x->store);
    bx_status st = bx_func_call(x->store, ext.of.func, av, (uint32_t)i, r->vals, nres,
                                &r->err);
    int timed_out = watchdog_disarm(x->store);
    free(av);
    if (timed_out) {
        snprintf(why, n, "timed out: interrupted by the watchdog after %g s", opt.timeout);
        return ACT_ERR;
    }
    if (st == BX_ERR_TRAP)
        return ACT_TRAP;
    if (st != BX_OK) {
        char d[400];
        if (r->err.status == BX_OK)
            r->err.status = st;
        describe_error(&r->err, d, sizeof d);
        snprintf(why, n, "call failed: %s", d);
        return ACT_ERR;
    }
    return ACT_OK;
}

/* Our trap message matches the expected text, which may carry extra words
 * ("uninitialized element 2" matches "uninitialized element"). */
static int trap_matches(bx_trap t, const char *expected)
{
    const char *ours = bx_trap_message(t);
    if (!ours || !*ours || !expected)
        return 0;
    size_t n = strlen(ours);
    return strncmp(ours, expected, n) == 0 && (expected[n] == 0 || expected[n] == ' ');
}

static void results_text(const action_result *r, char *buf, size_t n)
{
    size_t off = 0;
    buf[0] = 0;
    if (r->n == 0)
        snprintf(buf, n, "no results");
    for (uint32_t i = 0; i < r->n && off < n; i++) {
        char v[96];
        fmt_bits(r->types[i], r->vals[i].bits, v, sizeof v);
        off += (size_t)snprintf(buf + off, n - off, "%s%s", i ? ", " : "", v);
    }
}

/* ---- commands -------------------------------------------------------- */

static void do_module(filectx *x, const cJSON *cmd)
{
    char why[512];
    bx_error err;
    bx_module *m;
    const char *name = jstr(cmd, "name");
    x->current = NULL;
    x->current_failed = 1;
    int r = load_module(x, cmd, &m, &err, why, sizeof why);
    if (r < 0) {
        cmd_fail(x, "%s", why);
    } else if (r == 0) {
        describe_error(&err, why, sizeof why);
        cmd_fail(x, "module does not compile: %s", why);
    } else {
        int timed_out;
        bx_instance *inst = instantiate(x, m, &err, &timed_out);
        if (timed_out) {
            cmd_fail(x, "instantiation timed out (watchdog, %g s)", opt.timeout);
        } else if (!inst) {
            describe_error(&err, why, sizeof why);
            cmd_fail(x, "module does not instantiate: %s", why);
        } else {
            x->current = inst;
            x->current_failed = 0;
            cmd_pass(x);
        }
    }
    if (name)
        set_name(x, name, x->current);
}

static void do_register(filectx *x, const cJSON *cmd)
{
    char why[512];
    const char *as = jstr(cmd, "as");
    bx_instance *inst = find_instance(x, jstr(cmd, "name"), why, sizeof why);
    if (!inst) {
        cmd_fail(x, "%s", why);
        return;
    }
    if (!as) {
        cmd_fail(x, "register without \"as\"");
        return;
    }
    bx_status st = bx_linker_define_instance(x->linker, as, inst);
    if (st != BX_OK)
        cmd_fail(x, "bx_linker_define_instance(\"%s\") failed: %s", as, status_name(st));
    else
        cmd_pass(x);
}

/* action and assert_return */
static void do_return(filectx *x, const cJSON *cmd, int check)
{
    char why[512], rs[512];
    const cJSON *act = cJSON_GetObjectItemCaseSensitive(cmd, "action");
    const cJSON *exp = cJSON_GetObjectItemCaseSensitive(cmd, "expected");
    action_result r;
    int a = run_action(x, act, &r, why, sizeof why);
    if (a == ACT_ERR) {
        cmd_fail(x, "%s", why);
    } else if (a == ACT_TRAP) {
        describe_error(&r.err, rs, sizeof rs);
        cmd_fail(x, "unexpected %s", rs);
    } else if (!check) {
        cmd_pass(x);
    } else if ((int)r.n != cJSON_GetArraySize(exp) + uses_v128(exp)) {
        results_text(&r, rs, sizeof rs);
        cmd_fail(x, "got %u results (%s), expected %d", r.n, rs, cJSON_GetArraySize(exp));
    } else {
        int ok = 1;
        uint32_t i = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, exp)
        {
            char w[400];
            const char *et = jstr(e, "type");
            if (et && strcmp(et, "v128") == 0) {
                /* a v128 result is two entries: low half, high half */
                uint64_t h[2] = {r.vals[i].bits, i + 1 < r.n ? r.vals[i + 1].bits : 0};
                if (r.types[i] != BX_V128 || i + 1 >= r.n || r.types[i + 1] != BX_V128) {
                    snprintf(why, sizeof why, "result %u: expected a v128, the function returns a %s",
                             i, bx_valtype_name(r.types[i]));
                    ok = 0;
                    break;
                }
                if (!check_v128(e, h, w, sizeof w)) {
                    snprintf(why, sizeof why, "result %u: %s", i, w);
                    ok = 0;
                    break;
                }
                i += 2;
                continue;
            }
            if (!check_result(e, r.vals[i].bits, r.types[i], w, sizeof w)) {
                snprintf(why, sizeof why, "result %u: %s", i, w);
                ok = 0;
                break;
            }
            i++;
        }
        if (ok)
            cmd_pass(x);
        else
            cmd_fail(x, "%s", why);
    }
    action_result_free(&r);
}

/* assert_uninstantiable, and assert_trap of a module */
static void do_uninstantiable(filectx *x, const cJSON *cmd)
{
    char why[512];
    bx_error err;
    bx_module *m;
    const char *text = jstr(cmd, "text");
    int r = load_module(x, cmd, &m, &err, why, sizeof why);
    if (r < 0) {
        cmd_fail(x, "%s", why);
        return;
    }
    if (r == 0) {
        describe_error(&err, why, sizeof why);
        cmd_fail(x, "module does not compile: %s", why);
        return;
    }
    int timed_out;
    bx_instance *inst = instantiate(x, m, &err, &timed_out);
    if (timed_out) {
        cmd_fail(x, "instantiation timed out (watchdog, %g s)", opt.timeout);
    } else if (inst) {
        cmd_fail(x, "module instantiated, expected trap '%s'", text ? text : "");
    } else if (err.status != BX_ERR_TRAP) {
        describe_error(&err, why, sizeof why);
        cmd_fail(x, "expected trap '%s', got %s", text ? text : "", why);
    } else if (!trap_matches(err.trap, text)) {
        cmd_fail(x, "expected trap '%s', got trap '%s'", text ? text : "", trap_text(err.trap));
    } else {
        cmd_pass(x);
    }
}

static void do_trap(filectx *x, const cJSON *cmd, int exhaustion)
{
    char why[512], rs[512];
    const char *text = jstr(cmd, "text");
    const cJSON *act = cJSON_GetObjectItemCaseSensitive(cmd, "action");
    if (!act && jstr(cmd, "filename")) {
        do_uninstantiable(x, cmd);
        return;
    }
    action_result r;
    int a = run_action(x, act, &r, why, sizeof why);
    if (a == ACT_ERR) {
        cmd_fail(x, "%s", why);
    } else if (a == ACT_OK) {
        results_text(&r, rs, sizeof rs);
        cmd_fail(x, "returned (%s), expected trap '%s'", rs, text ? text : "");
    } else if (exhaustion) {
        if (r.err.trap == BX_TRAP_STACK_EXHAUSTED)
            cmd_pass(x);
        else
            cmd_fail(x, "expected trap '%s', got trap '%s'", trap_text(BX_TRAP_STACK_EXHAUSTED),
                     trap_text(r.err.trap));
    } else if (trap_matches(r.err.trap, text)) {
        cmd_pass(x);
    } else {
        cmd_fail(x, "expected trap '%s', got trap '%s'", text ? text : "", trap_text(r.err.trap));
    }
    action_result_free(&r);
}

/* assert_invalid / assert_malformed: the module must not compile. */
static void do_reject(filectx *x, const cJSON *cmd, bx_status want)
{
    char why[512];
    bx_error err;
    bx_module *m;
    const char *text = jstr(cmd, "text");
    const char *mt = jstr(cmd, "module_type");
    if (mt && strcmp(mt, "binary") != 0) {
        cmd_skip(x, "text-form module");
        return;
    }
    if (text && strcmp(text, "multiple memories") == 0) {
        /* 2.0 rule that the multi-memory proposal (WebAssembly 3.0, run from
         * proposals/multi-memory) lifts: this engine implements 3.0 here */
        cmd_skip(x, "superseded by the multi-memory proposal");
        return;
    }
    int r = load_module(x, cmd, &m, &err, why, sizeof why);
    if (r < 0) {
        cmd_fail(x, "%s", why);
    } else if (r == 1) {
        cmd_fail(x, "module compiled, expected %s (\"%s\")", status_name(want), text ? text : "");
    } else if (err.status != want) {
        describe_error(&err, why, sizeof why);
        cmd_fail(x, "expected %s (\"%s\"), got %s", status_name(want), text ? text : "", why);
    } else {
        cmd_pass(x);
    }
}

static void do_unlinkable(filectx *x, const cJSON *cmd)
{
    char why[512];
    bx_error err;
    bx_module *m;
    const char *text = jstr(cmd, "text");
    int r = load_module(x, cmd, &m, &err, why, sizeof why);
    if (r < 0) {
        cmd_fail(x, "%s", why);
        return;
    }
    if (r == 0) {
        describe_error(&err, why, sizeof why);
        cmd_fail(x, "module does not compile: %s", why);
        return;
    }
    int timed_out;
    bx_instance *inst = instantiate(x, m, &err, &timed_out);
    if (timed_out) {
        cmd_fail(x, "instantiation timed out (watchdog, %g s)", opt.timeout);
    } else if (inst) {
        cmd_fail(x, "module instantiated, expected unlinkable (\"%s\")", text ? text : "");
    } else if (err.status != BX_ERR_UNLINKABLE) {
        describe_error(&err, why, sizeof why);
        cmd_fail(x, "expected unlinkable (\"%s\"), got %s", text ? text : "", why);
    } else {
        cmd_pass(x);
    }
}

static void run_command(filectx *x, const cJSON *cmd)
{
    const char *t = x->type;
    const char *mt = jstr(cmd, "module_type");
    if (strcmp(t, "assert_malformed") == 0) {
        do_reject(x, cmd, BX_ERR_MALFORMED);
    } else if (strcmp(t, "assert_invalid") == 0) {
        do_reject(x, cmd, BX_ERR_INVALID);
    } else if (mt && strcmp(mt, "binary") != 0) {
        cmd_skip(x, "text-form module");
        if (strcmp(t, "module") == 0) {
            x->current = NULL;
            x->current_failed = 1;
        }
    } else if (strcmp(t, "module") == 0) {
        do_module(x, cmd);
    } else if (strcmp(t, "register") == 0) {
        do_register(x, cmd);
    } else if (strcmp(t, "action") == 0) {
        do_return(x, cmd, 0);
    } else if (strcmp(t, "assert_return") == 0) {
        do_return(x, cmd, 1);
    } else if (strcmp(t, "assert_trap") == 0) {
        do_trap(x, cmd, 0);
    } else if (strcmp(t, "assert_exhaustion") == 0) {
        do_trap(x, cmd, 1);
    } else if (strcmp(t, "assert_unlinkable") == 0) {
        do_unlinkable(x, cmd);
    } else if (strcmp(t, "assert_uninstantiable") == 0) {
        do_uninstantiable(x, cmd);
    } else {
        cmd_fail(x, "unknown command type");
    }
}

static cJSON *load_json(const char *path, char *why, size_t n)
{
    size_t len = 0;
    uint8_t *text = read_all(path, &len);
    if (!text) {
        snprintf(why, n, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    mark_nul_escapes((char *)text, &len);
    cJSON *root = cJSON_ParseWithLength((const char *)text, len);
    free(text);
    const cJSON *cmds = cJSON_GetObjectItemCaseSensitive(root, "commands");
    if (!root || !cJSON_IsArray(cmds)) {
        snprintf(why, n, "%s: not a wast2json output (JSON parse error)", path);
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

/* Runs one converted file; fills c (which may be shared with a parent). */
static void run_file(const char *wast, const char *json, counts *c)
{
    char why[512];
    filectx x;
    memset(&x, 0, sizeof x);
    x.wast = wast;
    x.c = c;
    x.line = 0;
    x.type = "file";

    cJSON *root = load_json(json, why, sizeof why);
    if (!root) {
        c->total = 1;
        cmd_fail(&x, "%s", why);
        c->done = 1;
        c->finished = 1;
        return;
    }
    const cJSON *cmds = cJSON_GetObjectItemCaseSensitive(root, "commands");
    c->total = (uint64_t)cJSON_GetArraySize(cmds);

    char *dir = xstrdup(json);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        strcpy(dir, ".");
    x.dir = dir;

    bx_limits lim;
    memset(&lim, 0, sizeof lim); /* defaults: 4 GiB memories, 1 MiB stack, no fuel */
    x.store = bx_store_new(&lim);
    x.linker = bx_linker_new();
    int setup_ok = x.store && x.linker;
    if (!setup_ok) {
        x.type = "setup";
        cmd_fail(&x, "%s returned NULL; every command of the file fails",
                 x.store ? "bx_linker_new" : "bx_store_new");
    } else if (spectest_define(x.store, x.linker, why, sizeof why) != 0) {
        x.type = "setup";
        cmd_fail(&x, "spectest module incomplete: %s", why);
    }

    watchdog_start();
    const cJSON *cmd;
    cJSON_ArrayForEach(cmd, cmds)
    {
        const cJSON *ln = cJSON_GetObjectItemCaseSensitive(cmd, "line");
        x.line = cJSON_IsNumber(ln) ? ln->valueint : 0;
        x.type = jstr(cmd, "type");
        if (!x.type)
            x.type = "(no type)";
        c->cur_line = x.line;
        snprintf(c->cur_type, sizeof c->cur_type, "%s", x.type);
        if (!setup_ok)
            c->failed++;
        else
            run_command(&x, cmd);
        c->done++;
        fflush(stdout);
    }
    watchdog_stop();
    if (x.details > (uint64_t)opt.max_details && !opt.verbose)
        printf("  %s: ... %" PRIu64 " more failures (`%s -v %s` shows all)\n", wast,
               x.details - (uint64_t)opt.max_details, prog, wast);

    bx_linker_free(x.linker);
    bx_store_free(x.store);
    for (size_t i = 0; i < x.naot; i++)
        bxa_detach(&x.aot[i]);
    free(x.aot);
    for (size_t i = 0; i < x.nmods; i++)
        bx_module_free(x.mods[i]);
    free(x.mods);
    for (size_t i = 0; i < x.nnames; i++)
        free(x.names[i].name);
    free(x.names);
    free(dir);
    cJSON_Delete(root);
    c->finished = 1;
}

static void print_counts(const char *wast, const counts *c, const char *note)
{
    printf("%s: %" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped%s\n", wast, c->passed,
           c->failed, c->skipped, note ? note : "");
    fflush(stdout);
}

/* Runs a file in a child process; a crash, sanitizer report or timeout
 * fails the file's remaining commands. */
static void run_file_forked(const char *wast, const char *json, counts *out)
{
    counts *c = mmap(NULL, sizeof *c, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (c == MAP_FAILED) {
        memset(out, 0, sizeof *out);
        run_file(wast, json, out);
        print_counts(wast, out, NULL);
        return;
    }
    memset(c, 0, sizeof *c);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        munmap(c, sizeof *c);
        memset(out, 0, sizeof *out);
        run_file(wast, json, out);
        print_counts(wast, out, NULL);
        return;
    }
    if (pid == 0) {
        run_file(wast, json, c);
        print_counts(wast, c, NULL);
        exit(0); /* exit(), not _exit(): let LeakSanitizer check the child */
    }
    int status = 0, timed_out = 0;
    double start = now_sec();
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            status = -1;
            break;
        }
        if (opt.file_timeout > 0 && now_sec() - start > opt.file_timeout) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            timed_out = 1;
            break;
        }
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    *out = *c;
    munmap(c, sizeof *c);
    if (!timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0 && out->finished)
        return;

    char what[200];
    if (timed_out)
        snprintf(what, sizeof what, "killed after %g s (file timeout)", opt.file_timeout);
    else if (status != -1 && WIFSIGNALED(status))
        snprintf(what, sizeof what, "CRASHED with signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else if (status != -1 && WIFEXITED(status))
        snprintf(what, sizeof what, "child exited with status %d (sanitizer or leak report above?)",
                 WEXITSTATUS(status));
    else
        snprintf(what, sizeof what, "lost the child process");
    if (out->finished) {
        printf("  %s: %s after its last command\n", wast, what);
        out->failed++;
    } else {
        uint64_t rest = out->total > out->done ? out->total - out->done : 1;
        printf("  %s:%d: %s: %s; the remaining %" PRIu64 " command(s) count as failed\n", wast,
               out->cur_line, out->cur_type[0] ? out->cur_type : "?", what, rest);
        out->failed += rest;
    }
    print_counts(wast, out, NULL);
}

/* ---- conversion ------------------------------------------------------ */

static int newer(const struct stat *a, const struct stat *b)
{
    return a->st_mtim.tv_sec > b->st_mtim.tv_sec ||
           (a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec > b->st_mtim.tv_nsec);
}

/* Runs wast2json unless the JSON is newer than the .wast.  Returns 0 on
 * success, else fills why. */
static int convert(const char *wast_path, const char *json_path, const char *log_path, char *why,
                   size_t n)
{
    struct stat sw, sj;
    if (stat(wast_path, &sw) != 0) {
        snprintf(why, n, "cannot stat %s: %s", wast_path, strerror(errno));
        return -1;
    }
    if (stat(json_path, &sj) == 0 && newer(&sj, &sw))
        return 0;

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    char *argv[] = {(char *)opt.wast2json, "--enable-all", (char *)wast_path, "-o",
                    (char *)json_path, NULL};
    fflush(stdout);
    pid_t pid;
    int rc = posix_spawnp(&pid, opt.wast2json, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        snprintf(why, n, "cannot run %s: %s (install wabt: scripts/setup.sh)", opt.wast2json,
                 strerror(rc));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            snprintf(why, n, "waitpid: %s", strerror(errno));
            return -1;
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        unlink(json_path);
        snprintf(why, n, "%s failed on %s (see %s)", opt.wast2json, wast_path, log_path);
        return -1;
    }
    return 0;
}

/* ---- main ------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: runner [options] [NAME|FILE.wast ...]\n"
            "Runs the WebAssembly spec testsuite (all .wast files of --suite, or only those\n"
            "named: \"i32\", \"i32.wast\" or a path to a .wast file).\n"
            "  --suite DIR        testsuite directory (default $BX_SPEC_SUITE or\n"
            "                     ../shared/spec-testsuite)\n"
            "  --out DIR          where wast2json output goes (default build/spec)\n"
            "  --wast2json PATH   the converter (default wast2json)\n"
            "  --timeout SEC      watchdog per invocation/instantiation (default 20, 0 = off)\n"
            "  --file-timeout SEC per file, forked mode (default 600, 0 = off)\n"
            "  --no-fork          run files in this process (for gdb); a crash ends the run\n"
            "  -v                 show every failure (no limit of 20 per file); -vv every command\n"
            "  -h, --help\n"
            "Last line: \"N passed, N failed, N skipped\"; exit status 1 if any failed.\n");
}

/* The WebAssembly 3.0 proposals the engine implements: their testsuites
 * live in SUITE/proposals/NAME/ and run with the rest; a file is named
 * "proposals/NAME/X.wast" in the output and its JSON is
 * "proposals.NAME.X.json" (the proposals repeat core file names). */
static const char *const proposal_dirs[] = {"extended-const", "tail-call", "multi-memory"};

static void add_proposals(char ***files, size_t *nfiles)
{
    for (size_t k = 0; k < sizeof proposal_dirs / sizeof *proposal_dirs; k++) {
        char sub[512];
        snprintf(sub, sizeof sub, "proposals/%s", proposal_dirs[k]);
        char *dir = path_join(opt.suite, sub);
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            size_t l = strlen(e->d_name);
            if (l <= 5 || strcmp(e->d_name + l - 5, ".wast") != 0) continue;
            char **nf = realloc(*files, (*nfiles + 1) * sizeof *nf);
            if (!nf) break;
            *files = nf;
            (*files)[(*nfiles)++] = path_join(dir, e->d_name);
        }
        if (d) closedir(d);
        free(dir);
    }
}

/* The name a file is reported under (see add_proposals). */
static const char *display_name(const char *path)
{
    const char *p = strstr(path, "proposals/");
    if (p && (p == path || p[-1] == '/')) return p;
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    prog = argv[0];
    const char **only = calloc((size_t)argc + 1, sizeof *only);
    int nonly = 0;
    if (!only)
        return 3;
    opt.suite = getenv("BX_SPEC_SUITE");
    if (!opt.suite || !*opt.suite)
        opt.suite = "../shared/spec-testsuite";

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = (i + 1 < argc) ? argv[i + 1] : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            free(only);
            return 0;
        } else if (strcmp(a, "-v") == 0) {
            opt.verbose++;
        } else if (strcmp(a, "-vv") == 0) {
            opt.verbose += 2;
        } else if (strcmp(a, "--no-fork") == 0) {
            opt.fork = 0;
        } else if ((strcmp(a, "--suite") == 0 || strcmp(a, "--out") == 0 ||
                    strcmp(a, "--wast2json") == 0 || strcmp(a, "--timeout") == 0 ||
                    strcmp(a, "--file-timeout") == 0)) {
            if (!val) {
                fprintf(stderr, "runner: %s needs a value\n", a);
                usage(stderr);
                free(only);
                return 2;
            }
            i++;
            if (strcmp(a, "--suite") == 0)
                opt.suite = val;
            else if (strcmp(a, "--out") == 0)
                opt.out = val;
            else if (strcmp(a, "--wast2json") == 0)
                opt.wast2json = val;
            else {
                char *end;
                double d = strtod(val, &end);
                if (*end || d < 0) {
                    fprintf(stderr, "runner: bad number for %s: %s\n", a, val);
                    free(only);
                    return 2;
                }
                if (strcmp(a, "--timeout") == 0)
                    opt.timeout = d;
                else
                    opt.file_timeout = d;
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "runner: unknown option %s\n", a);
            usage(stderr);
            free(only);
            return 2;
        } else {
            only[nonly++] = a;
        }
    }

    counts total;
    memset(&total, 0, sizeof total);
    if (mkdir_p(opt.out) != 0) {
        printf("runner: cannot create %s: %s\n", opt.out, strerror(errno));
        printf("0 passed, 1 failed, 0 skipped\n");
        free(only);
        return 1;
    }

    /* The list of .wast paths to run. */
    char **files = NULL;
    size_t nfiles = 0;
    int missing = 0;
    if (nonly == 0) {
        DIR *d = opendir(opt.suite);
        if (!d) {
            printf("runner: cannot open the spec testsuite at %s: %s\n"
                   "  (clone it there, or pass --suite DIR / SPEC_SUITE=DIR to make)\n",
                   opt.suite, strerror(errno));
            printf("0 passed, 1 failed, 0 skipped\n");
            free(only);
            return 1;
        }
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t l = strlen(e->d_name);
            if (l > 5 && strcmp(e->d_name + l - 5, ".wast") == 0) {
                char **nf = realloc(files, (nfiles + 1) * sizeof *nf);
                if (!nf)
                    break;
                files = nf;
                files[nfiles++] = path_join(opt.suite, e->d_name);
            }
        }
        closedir(d);
        add_proposals(&files, &nfiles);
        if (nfiles == 0) {
            printf("runner: no .wast files in %s\n", opt.suite);
            missing++;
        }
    } else {
        for (int i = 0; i < nonly; i++) {
            char *p;
            size_t l = strlen(only[i]);
            if (strchr(only[i], '/'))
                p = xstrdup(only[i]);
            else if (l > 5 && strcmp(only[i] + l - 5, ".wast") == 0)
                p = path_join(opt.suite, only[i]);
            else {
                char nm[1024];
                snprintf(nm, sizeof nm, "%s.wast", only[i]);
                p = path_join(opt.suite, nm);
            }
            if (access(p, R_OK) != 0) {
                printf("runner: %s: %s\n", p, strerror(errno));
                missing++;
                free(p);
                continue;
            }
            char **nf = realloc(files, (nfiles + 1) * sizeof *nf);
            if (!nf) {
                free(p);
                break;
            }
            files = nf;
            files[nfiles++] = p;
        }
    }
    if (nfiles > 1)
        qsort(files, nfiles, sizeof *files, cmp_str);
    total.failed += (uint64_t)missing;

    /* The compiled tier with a cache: every module compiled first, in
     * batches (aotbatch.c), after converting every file (the loop below
     * then finds them converted). */
    const char *aot_cache = getenv("BOXAGNTS_AOT_CACHE");
    if (bxa_tier_env(BXA_TIER_INTERP) == BXA_TIER_AOT && aot_cache && *aot_cache && !getenv("SPEC_AOT_NO_BATCH")) {
        char **jsons = calloc(nfiles ? nfiles : 1, sizeof *jsons);
        size_t nj = 0;
        for (size_t i = 0; jsons && i < nfiles; i++) {
            const char *wast = display_name(files[i]);
            char stem[512], jn[600], ln[600], why[1024];
            snprintf(stem, sizeof stem, "%.*s", (int)(strlen(wast) - 5), wast);
            for (char *q = stem; *q; q++)
                if (*q == '/') *q = '.';
            snprintf(jn, sizeof jn, "%s.json", stem);
            snprintf(ln, sizeof ln, "%s.wast2json.log", stem);
            char *json = path_join(opt.out, jn), *log = path_join(opt.out, ln);
            if (convert(files[i], json, log, why, sizeof why) == 0)
                jsons[nj++] = json;
            else
                free(json);
            free(log);
        }
        const char *j = getenv("SPEC_AOT_JOBS");
        aotb_prepare(jsons, nj, aot_cache, j && atoi(j) > 0 ? atoi(j) : 2);
        for (size_t i = 0; i < nj; i++) free(jsons[i]);
        free(jsons);
    }

    uint64_t nfailed_files = 0, prop_files = 0, prop_passed = 0;
    double t0 = now_sec();
    for (size_t i = 0; i < nfiles; i++) {
        const char *wast = display_name(files[i]);
        char stem[512];
        snprintf(stem, sizeof stem, "%.*s", (int)(strlen(wast) - 5), wast);
        for (char *q = stem; *q; q++)
            if (*q == '/') *q = '.';
        char jn[600], ln[600], why[1024];
        snprintf(jn, sizeof jn, "%s.json", stem);
        snprintf(ln, sizeof ln, "%s.wast2json.log", stem);
        char *json = path_join(opt.out, jn), *log = path_join(opt.out, ln);
        counts c;
        memset(&c, 0, sizeof c);

        if (convert(files[i], json, log, why, sizeof why) != 0) {
            printf("  %s: %s\n", wast, why);
            c.failed = 1;
            print_counts(wast, &c, NULL);
        } else if (opt.fork) {
            run_file_forked(wast, json, &c);
        } else {
            run_file(wast, json, &c);
            print_counts(wast, &c, NULL);
        }
        if (c.failed)
            nfailed_files++;
        if (strncmp(wast, "proposals/", 10) == 0) {
            prop_files++;
            prop_passed += c.passed;
        }
        total.passed += c.passed;
        total.failed += c.failed;
        total.skipped += c.skipped;
        total.aot_bound += c.aot_bound;
        total.aot_fallback += c.aot_fallback;
        free(json);
        free(log);
        free(files[i]);
    }
    free(files);
    free(only);

    printf("spec: %zu files (%" PRIu64 " with failures) in %.1f s; %" PRIu64
           " proposal files (%" PRIu64 " passed)\n",
           nfiles, nfailed_files, now_sec() - t0, prop_files, prop_passed);
    if (bxa_tier_env(BXA_TIER_INTERP) != BXA_TIER_INTERP)
        printf("tier %s: %" PRIu64 " instances compiled, %" PRIu64 " interpreted (-v says why)\n",
               bxa_tier_name(bxa_tier_env(BXA_TIER_INTERP)), total.aot_bound, total.aot_fallback);
    printf("%" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", total.passed,
           total.failed, total.skipped);
    return total.failed ? 1 : 0;
}
