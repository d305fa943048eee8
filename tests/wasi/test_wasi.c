/*
 * test_wasi.c — host driver for the WASI layer: runs the guest programs
 * (built to wasm32-wasi) on libboxagnts with src/wasi, checks exit codes,
 * captured output, the audit log, and — for the escape suite — that the
 * host files outside every grant are untouched.
 *
 *   test_wasi GUEST_DIR      (GUEST_DIR holds basic.wasm, fs.wasm, escape.wasm)
 *
 * Prints "N passed, N failed" last; exits non-zero on failure.
 */
#include "boxagnts.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "../check.h"

static const char *guest_dir;

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *b;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b)
        b[n] = 0;
    *len = (size_t)n;
    return b;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- running a guest ---------------------------------------------------- */

typedef struct result {
    int ok;              /* ran to completion or proc_exit */
    int code;            /* exit code */
    bx_trap trap;
    char msg[4400];
    char *out, *err;     /* captured, NUL-terminated */
    size_t outlen, errlen;
    int out_trunc;
    double secs;
} result;

typedef struct interrupter {
    bx_store *store;
    int ms;
} interrupter;

static void *interrupt_later(void *p)
{
    interrupter *it = p;
    struct timespec ts = { it->ms / 1000, (long)(it->ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
    bx_store_interrupt(it->store);
    return NULL;
}

static void run(const char *name, bx_wasi_config *cfg, int interrupt_ms, result *r)
{
    char path[4096];
    size_t len;
    uint8_t *bytes;
    bx_error err;
    bx_module *m = NULL;
    bx_store *s = NULL;
    bx_linker *l = NULL;
    bx_wasi *w = NULL;
    bx_instance *inst;
    bx_extern ex;
    pthread_t th;
    interrupter it;
    double t0;

    memset(r, 0, sizeof *r);
    memset(&err, 0, sizeof err);
    snprintf(path, sizeof path, "%s/%s", guest_dir, name);
    bytes = slurp(path, &len);
    if (!bytes) {
        snprintf(r->msg, sizeof r->msg, "cannot read %s", path);
        return;
    }
    m = bx_module_new(bytes, len, &err);
    free(bytes);
    if (!m) {
        snprintf(r->msg, sizeof r->msg, "module: %s", err.msg);
        return;
    }
    s = bx_store_new(NULL);
    l = bx_linker_new();
    w = bx_wasi_new(cfg, &err);
    if (!w) {
        snprintf(r->msg, sizeof r->msg, "wasi: %s", err.msg);
        goto out;
    }
    if (bx_wasi_define(w, s, l, &err) != BX_OK) {
        snprintf(r->msg, sizeof r->msg, "define: %s", err.msg);
        goto out;
    }
    inst = bx_linker_instantiate(l, s, m, &err);
    if (!inst || !bx_instance_export(inst, "_start", &ex)) {
        snprintf(r->msg, sizeof r->msg, "instantiate: %s", err.msg);
        goto out;
    }
    it.store = s;
    it.ms = interrupt_ms;
    if (interrupt_ms)
        pthread_create(&th, NULL, interrupt_later, &it);
    t0 = now_s();
    if (bx_func_call(s, ex.of.func, NULL, 0, NULL, 0, &err) == BX_OK) {
        r->ok = 1;
        r->code = 0;
    } else if (err.trap == BX_TRAP_EXIT) {
        r->ok = 1;
        r->code = bx_store_exit_code(s);
    } else {
        r->trap = err.trap;
        snprintf(r->msg, sizeof r->msg, "%s", err.msg);
    }
    r->secs = now_s() - t0;
    if (interrupt_ms)
        pthread_join(th, NULL);
    {
        size_t n;
        const uint8_t *p = bx_wasi_stdout(w, &n, &r->out_trunc);
        r->out = malloc(n + 1);
        memcpy(r->out, p, n);
        r->out[n] = 0;
        r->outlen = n;
        p = bx_wasi_stderr(w, &n, NULL);
        r->err = malloc(n + 1);
        memcpy(r->err, p, n);
        r->err[n] = 0;
        r->errlen = n;
    }
out:
    bx_wasi_free(w);
    bx_linker_free(l);
    bx_store_free(s);
    bx_module_free(m);
}

static void result_free(result *r)
{
    free(r->out);
    free(r->err);
}

/* The guest's own verdict: last line "N passed, 0 failed", exit 0. */
static void check_guest(const char *what, const result *r)
{
    const char *last = r->out ? strstr(r->out, " passed, ") : NULL;
    CHECK(r->ok && r->code == 0, "%s: exit %d trap %d %s", what, r->code, r->trap, r->msg);
    CHECK(last && strstr(last, " passed, 0 failed\n"), "%s: guest said:\n%s", what, r->out ? r->out : "");
    if (last) {
        const char *bol = last;
        while (bol > r->out && bol[-1] != '\n')
            bol--;
        printf("  %s: guest says %.*s", what, (int)(strcspn(bol, "\n") + 1), bol);
    }
}

static bx_wasi_config base_config(void)
{
    bx_wasi_config c;
    memset(&c, 0, sizeof c);
    c.stdout_kind = BX_WASI_OUT_CAPTURE;
    c.stderr_kind = BX_WASI_OUT_CAPTURE;
    c.sandbox_id = "test";
    return c;
}

/* ---- fixture helpers ---------------------------------------------------- */

static void sub(char *out, size_t n, const char *a, const char *b)
{
    if ((size_t)snprintf(out, n, "%s/%s", a, b) >= n)
        out[0] = 0;                     /* never happens under /tmp */
}

static void put(const char *dir, const char *name, const char *data)
{
    char p[4096];
    FILE *f;
    sub(p, sizeof p, dir, name);
    f = fopen(p, "w");
    if (f) {
        fputs(data, f);
        fclose(f);
    }
}

static char *get(const char *dir, const char *name)
{
    char p[4096];
    size_t n;
    sub(p, sizeof p, dir, name);
    return (char *)slurp(p, &n);
}


static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;
    if (!d)
        return -1;
    while ((de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void rm_rf(const char *p)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", p);
    if (system(cmd) != 0)
        fprintf(stderr, "warning: could not remove %s\n", p);
}

/* ---- the tests ---------------------------------------------------------- */

static void test_basic(void)
{
    const char *argv[] = { "basic", "basic", "hello world" };
    const char *env[] = { "FOO=bar", "EMPTY=" };
    const char *in = "line1\nline2\n";
    bx_wasi_config c = base_config();
    result r;
    c.argv = argv;
    c.argc = 3;
    c.env = env;
    c.envc = 2;
    c.stdin_kind = BX_WASI_STDIN_BUFFER;
    c.stdin_buf = (const uint8_t *)in;
    c.stdin_len = strlen(in);
    run("basic.wasm", &c, 0, &r);
    check_guest("basic", &r);
    CHECK(r.err && !strcmp(r.err, "to-stderr\n"), "stderr capture: '%s'", r.err ? r.err : "");
    result_free(&r);
}

static void test_exit_and_output(void)
{
    const char *a_exit[] = { "basic", "exit7" }, *a_flood[] = { "basic", "flood" },
               *a_sleep[] = { "basic", "sleep" }, *a_stdin[] = { "basic", "stdin" };
    bx_wasi_config c = base_config();
    result r;
    c.argv = a_exit;
    c.argc = 2;
    run("basic.wasm", &c, 0, &r);
    CHECK(r.ok && r.code == 7, "proc_exit(7): ok %d code %d %s", r.ok, r.code, r.msg);
    CHECK(r.out && !strcmp(r.out, "bye\n"), "exit7 stdout '%s'", r.out ? r.out : "");
    result_free(&r);

    c.argv = a_flood;
    c.stdout_cap = 1000;
    run("basic.wasm", &c, 0, &r);
    {
        const char *marker = "\n[output truncated: 99000 bytes dropped]\n";
        CHECK(r.ok && r.code == 0, "flood exit");
        CHECK(r.out_trunc, "flood: truncated flag");
        CHECK(r.outlen == 1000 + strlen(marker) && !strcmp(r.out + 1000, marker), "flood: marker '%s'",
              r.out && r.outlen >= 1000 ? r.out + 1000 : "");
        CHECK(r.err && !strcmp(r.err, "err-small\n"), "flood: stderr '%s'", r.err ? r.err : "");
    }
    result_free(&r);
    c.stdout_cap = 0;

    c.argv = a_sleep;
    run("basic.wasm", &c, 100, &r);
    CHECK(!r.ok && r.trap == BX_TRAP_INTERRUPTED, "sleep: trap %d ok %d", r.trap, r.ok);
    CHECK(r.secs < 1.0, "sleep interrupted after %.3f s", r.secs);
    CHECK(r.out && !strstr(r.out, "woke up"), "sleep: woke up");
    result_free(&r);

    c.argv = a_stdin;
    run("basic.wasm", &c, 0, &r);
    CHECK(r.ok && r.out && !strcmp(r.out, "read 0: "), "empty stdin: '%s'", r.out ? r.out : "");
    result_free(&r);

    c.stdout_kind = BX_WASI_OUT_DISCARD;
    c.argv = a_exit;
    run("basic.wasm", &c, 0, &r);
    CHECK(r.ok && r.code == 7 && r.outlen == 0, "discard");
    result_free(&r);
}

static void test_fs(const char *root, int flags)
{
    char ws[4096], ro[4096], rsub[4096];
    bx_wasi_preopen po[2];
    bx_wasi_config c = base_config();
    result r;
    char *t;
    sub(ws, sizeof ws, root, "fsws");
    sub(ro, sizeof ro, root, "fsro");
    sub(rsub, sizeof rsub, ro, "rsub");
    rm_rf(ws);
    rm_rf(ro);
    mkdir(ws, 0755);
    mkdir(ro, 0755);
    mkdir(rsub, 0755);
    put(ro, "r.txt", "readonly\n");
    po[0] = (bx_wasi_preopen){ ws, "/workspace", 0, NULL };
    po[1] = (bx_wasi_preopen){ ro, "/ro", 1, NULL };
    c.preopens = po;
    c.npreopens = 2;
    c.max_fds = 64;
    c.flags = flags;
    run("fs.wasm", &c, 0, &r);
    check_guest(flags ? "fs (walk)" : "fs (openat2)", &r);
    result_free(&r);
    t = get(ro, "r.txt");
    CHECK(t && !strcmp(t, "readonly\n"), "ro file changed: %s", t ? t : "(gone)");
    free(t);
    CHECK(count_entries(ro) == 2, "ro dir has %d entries", count_entries(ro));
    CHECK(count_entries(ws) == 1, "ws left %d entries (want f2)", count_entries(ws));
}

/* The escape fixture, and the host-side swap the guest triggers. */
typedef struct esc {
    char root[4096], ws[4096], out[4096];
    pthread_t racer;
    volatile int racing;
    int swapped;
    int audit_lines, audit_deny_rules, audit_outside, audit_bad, race_refused;
} esc;

/* Flip race/ between a real directory and a symlink out, atomically. */
static void *race_thread(void *p)
{
    esc *e = p;
    char race[4096], other[4096];
    sub(race, sizeof race, e->ws, "race");
    sub(other, sizeof other, e->ws, "race_x");
    while (e->racing)
        (void)renameat2(AT_FDCWD, race, AT_FDCWD, other, RENAME_EXCHANGE);
    return NULL;
}

static void esc_audit(void *user, const char *line)
{
    esc *e = user;
    e->audit_lines++;
    if (strncmp(line, "{\"ts\":", 6) || !strstr(line, "\"sandbox\":\"esc\"") || line[strlen(line) - 1] != '}')
        e->audit_bad++;
    if (strstr(line, "\"decision\":\"deny\",\"rule\":\"deny:/workspace/**/.env\""))
        e->audit_deny_rules++;
    if (strstr(line, "\"rule\":\"outside every grant\"")) {
        e->audit_outside++;
        if (e->racing && strstr(line, "/race"))
            e->race_refused++;
    }
    if (getenv("BXW_SHOW_AUDIT") && e->audit_lines < 4)
        printf("  audit sample: %s\n", line);
    if (strstr(line, "/SWAP_NOW\"") && !e->swapped) {
        char a[4096], b[4096];
        sub(a, sizeof a, e->ws, "swapdir");
        sub(b, sizeof b, e->ws, "swapdir_real");
        if (rename(a, b) == 0 && symlink("../outside", a) == 0)
            e->swapped = 1;
    }
    if (strstr(line, "/RACE_START\"") && !e->racing) {
        e->racing = 1;
        pthread_create(&e->racer, NULL, race_thread, e);
    }
    if (strstr(line, "/RACE_STOP\"") && e->racing) {
        e->racing = 0;
        pthread_join(e->racer, NULL);
    }
}

static void make_fixture(esc *e, const char *root)
{
    char p[4096], q[4096];
    snprintf(e->root, sizeof e->root, "%s/esc", root);
    rm_rf(e->root);
    mkdir(e->root, 0755);
    sub(e->ws, sizeof e->ws, e->root, "ws");
    sub(e->out, sizeof e->out, e->root, "outside");
    mkdir(e->ws, 0755);
    mkdir(e->out, 0755);
    put(e->out, "secret.txt", "TOPSECRET\n");
    put(e->ws, "a.txt", "A\n");
    put(e->ws, ".env", "ENVSECRET\n");
    sub(p, sizeof p, e->ws, "sub"); mkdir(p, 0755);
    put(p, ".env", "SUBENV\n");
    put(p, "s.txt", "S\n");
    sub(q, sizeof q, p, "link_parent_env"); (void)symlink("../.env", q);
    sub(q, sizeof q, p, "uplink"); (void)symlink("../a.txt", q);
    sub(p, sizeof p, e->ws, "sub2"); mkdir(p, 0755);
    sub(p, sizeof p, e->ws, ".git"); mkdir(p, 0755);
    put(p, "config", "gitcfg\n");
    sub(q, sizeof q, p, "hooks"); mkdir(q, 0755);
    sub(p, sizeof p, e->ws, "swapdir"); mkdir(p, 0755);
    put(p, "inner.txt", "INSIDE\n");
    sub(p, sizeof p, e->ws, "race"); mkdir(p, 0755);
    put(p, "secret.txt", "INSIDE\n");
    sub(p, sizeof p, e->ws, "race_x"); (void)symlink("../outside", p);
#define LINK(target, name) do { sub(p, sizeof p, e->ws, name); (void)symlink(target, p); } while (0)
    LINK("/etc", "link_etc");
    LINK("../..", "link_up");
    LINK("../outside/secret.txt", "link_outside");
    LINK("chain2", "chain1");
    LINK("chain3", "chain2");
    LINK("../outside", "chain3");
    LINK("../outside/newfile", "dangling");
    LINK("loop2", "loop1");
    LINK("loop1", "loop2");
    LINK(".env", "link_env");
    LINK("sub/s.txt", "inlink");
#undef LINK
    sub(p, sizeof p, e->root, "ro"); mkdir(p, 0755);
    put(p, "r.txt", "readonly\n");
    sub(p, sizeof p, e->root, "single"); mkdir(p, 0755);
    put(p, "one.txt", "ONE\n");
    put(p, "other.txt", "OTHER\n");
}

static void check_untouched(esc *e, const char *what)
{
    char p[4096], *t;
    struct stat st;
    t = get(e->out, "secret.txt");
    CHECK(t && !strcmp(t, "TOPSECRET\n"), "%s: outside/secret.txt changed", what);
    free(t);
    CHECK(count_entries(e->out) == 1, "%s: outside/ has %d entries", what, count_entries(e->out));
    CHECK(count_entries(e->root) == 4, "%s: escape root has %d entries", what, count_entries(e->root));
    t = get(e->ws, ".env");
    CHECK(t && !strcmp(t, "ENVSECRET\n"), "%s: .env changed", what);
    free(t);
    sub(p, sizeof p, e->ws, "sub");
    t = get(p, ".env");
    CHECK(t && !strcmp(t, "SUBENV\n"), "%s: sub/.env changed", what);
    free(t);
    sub(p, sizeof p, e->ws, ".git");
    CHECK(count_entries(p) == 2, "%s: .git has %d entries", what, count_entries(p));
    sub(p, sizeof p, e->root, "ro");
    t = get(p, "r.txt");
    CHECK(t && !strcmp(t, "readonly\n") && count_entries(p) == 1, "%s: ro changed", what);
    free(t);
    sub(p, sizeof p, e->root, "single");
    t = get(p, "other.txt");
    CHECK(t && !strcmp(t, "OTHER\n") && count_entries(p) == 2, "%s: single changed", what);
    free(t);
    t = get(e->ws, "a.txt");
    CHECK(t && !strcmp(t, "A\n"), "%s: a.txt changed", what);
    free(t);
    CHECK(stat("/etc/passwd", &st) == 0, "%s: /etc/passwd", what);
    {
        const char *gone[] = { "planted1", "planted2", "planted4", "hard", "hard2", "stolen", "stolen_env",
                               "envcopy", "envcopy2", "envlink", "rlink" };
        for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
            sub(p, sizeof p, e->ws, gone[i]);
            CHECK(lstat(p, &st) != 0, "%s: %s was created", what, gone[i]);
        }
    }
}

static void test_escape(const char *root, int flags)
{
    esc e;
    char ro[4096], single[4096];
    const char *deny[] = { "/workspace/**/.env", "/workspace/.git/**" };
    bx_wasi_preopen po[3];
    bx_wasi_config c = base_config();
    result r;
    const char *what = flags ? "escape (walk)" : "escape (openat2)";
    memset(&e, 0, sizeof e);
    make_fixture(&e, root);
    sub(ro, sizeof ro, e.root, "ro");
    sub(single, sizeof single, e.root, "single/one.txt");
    po[0] = (bx_wasi_preopen){ e.ws, "/workspace", 0, NULL };
    po[1] = (bx_wasi_preopen){ ro, "/ro", 1, NULL };
    po[2] = (bx_wasi_preopen){ single, "/single/one.txt", 0, NULL };
    c.preopens = po;
    c.npreopens = 3;
    c.deny = deny;
    c.ndeny = 2;
    c.audit_fn = esc_audit;
    c.audit_user = &e;
    c.sandbox_id = "esc";
    c.flags = flags;
    run("escape.wasm", &c, 0, &r);
    if (e.racing) {
        e.racing = 0;
        pthread_join(e.racer, NULL);
    }
    check_guest(what, &r);
    result_free(&r);
    CHECK(e.swapped, "%s: swap did not happen", what);
    printf("  %s: race flips refused %d times, never leaked\n", what, e.race_refused);
    CHECK(e.audit_lines > 100 && e.audit_bad == 0, "%s: audit lines %d bad %d", what, e.audit_lines, e.audit_bad);
    CHECK(e.audit_deny_rules > 5, "%s: deny rule audited %d times", what, e.audit_deny_rules);
    CHECK(e.audit_outside > 20, "%s: outside audited %d times", what, e.audit_outside);
    check_untouched(&e, what);
}

static void test_config_errors(const char *root)
{
    bx_error err;
    bx_wasi_config c = base_config();
    bx_wasi_preopen po = { "/nonexistent/dir", "/x", 0, NULL };
    const char *bad_deny[] = { "relative/**" };
    char file[4096];
    c.preopens = &po;
    c.npreopens = 1;
    CHECK(bx_wasi_new(&c, &err) == NULL && strstr(err.msg, "/nonexistent/dir"), "missing dir: %s", err.msg);
    po.host_path = root;
    po.guest_path = "relative";
    CHECK(bx_wasi_new(&c, &err) == NULL, "relative guest path accepted");
    po.guest_path = "/x";
    c.deny = bad_deny;
    c.ndeny = 1;
    CHECK(bx_wasi_new(&c, &err) == NULL && strstr(err.msg, "relative/**"), "bad deny: %s", err.msg);
    c.ndeny = 0;
    snprintf(file, sizeof file, "%s/esc/single/one.txt", root);
    po.host_path = file;
    po.guest_path = "/data/renamed.txt";
    CHECK(bx_wasi_new(&c, &err) == NULL && strstr(err.msg, "name"), "file grant rename: %s", err.msg);
    c.max_fds = 2;
    po.host_path = root;
    CHECK(bx_wasi_new(&c, &err) == NULL && strstr(err.msg, "max_fds"), "max_fds: %s", err.msg);
    c.max_fds = 0;
    {
        /* File grants of one guest directory merge into one preopen; what
         * one directory capability cannot say is refused. */
        char f1[4096], f2[4096], f3[4096];
        bx_wasi_preopen two[2];
        bx_wasi *w;
        snprintf(f1, sizeof f1, "%s/esc/single/one.txt", root);
        snprintf(f2, sizeof f2, "%s/esc/single/other.txt", root);
        snprintf(f3, sizeof f3, "%s/esc/ro/r.txt", root);
        c.preopens = two;
        c.npreopens = 2;
        two[0] = (bx_wasi_preopen){ f1, "/data/one.txt", 1, NULL };
        two[1] = (bx_wasi_preopen){ f2, "/data/other.txt", 0, NULL };
        CHECK(bx_wasi_new(&c, &err) == NULL && strstr(err.msg, "both read or both write"),
              "file grants differing in access: %s", err.msg);
        two[1] = (bx_wasi_preopen){ f3, "/data/r.txt", 1, NULL };
        CHECK(bx_wasi_new(&c, &err) == NULL && strstr(err.msg, "share one host directory"),
              "file grants from two host directories: %s", err.msg);
        two[1] = (bx_wasi_preopen){ f2, "/data/other.txt", 1, NULL };
        w = bx_wasi_new(&c, &err);
        CHECK(w != NULL, "two file grants of one directory: %s", err.msg);
        bx_wasi_free(w);
    }
}

int main(int argc, char **argv)
{
    char root[] = "/tmp/bxwasi.XXXXXX";
    guest_dir = argc > 1 ? argv[1] : "build/tests/wasi";
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 2;
    }
    test_basic();
    test_exit_and_output();
    test_fs(root, 0);
    test_fs(root, BX_WASI_NO_OPENAT2);
    test_escape(root, 0);
    test_escape(root, BX_WASI_NO_OPENAT2);
    test_config_errors(root);
    rm_rf(root);
    return check_report();
}
