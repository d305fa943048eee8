/*
 * test_zygote.c — the zygote of src/confine/zygote.c through its own API,
 * with bodies written here: a reply comes back whole; the request reaches
 * the worker (and a large one does not deadlock); a worker that crashes,
 * is killed or exits without replying ends its own call as "crashed" and
 * the next call works; a cancelled call is stopped; the refresh callback
 * runs in the zygote before the next fork (its effect is seen by the next
 * worker, not by this process); audit lines come back tagged; the worker
 * is confined (it cannot open a file outside its policy; execve stops it
 * as a confinement violation naming the call); progress frames arrive in
 * order, before the reply.  All of it twice: without and with the pool
 * of pre-forked, pre-confined workers (bxc_zygote_start_pool); with the
 * pool also: each call has a worker of its own, and a pooled worker whose
 * call's policy is not the one it was confined to ends without running it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"
#include "confine.h"

typedef struct zctx {
    bxc_policy pol;
    bxc_prepared *pre;
    int refreshed;            /* changed in the zygote only */
} zctx;

typedef struct job { char op[32]; size_t n; char *data; } job;

static const bxc_prepared *prefork(void *c, const char *hint)
{
    zctx *z = c;
    (void)hint;
    if (!z->pre) z->pre = bxc_prepare(&z->pol);
    return z->pre;
}

static void refresh(void *c) { ((zctx *)c)->refreshed++; }

static bxc_policy other_pol;   /* "otherpol": a policy no worker was confined to */

static int preconfine(void *c, const char *hint, bxc_policy *pol)
{
    zctx *z = c;
    if (strcmp(hint, "x")) return -1;
    *pol = z->pol;
    return 0;
}

static int rd(int fd, void *b, size_t n)
{
    for (uint8_t *p = b; n;) {
        ssize_t k = read(fd, p, n);
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* request: op[32] + u64 n + n bytes */
static int prepare(void *c, int fd, bxc_policy *pol, void **jp)
{
    zctx *z = c;
    job *j = calloc(1, sizeof *j);
    uint64_t n;
    if (!j || rd(fd, j->op, sizeof j->op) || rd(fd, &n, 8) || n > (64u << 20) ||
        !(j->data = malloc(n ? n : 1)) || rd(fd, j->data, n))
        return -1;
    j->n = n;
    *pol = strcmp(j->op, "otherpol") ? z->pol : other_pol;
    *jp = j;
    return 0;
}

static int body(void *c, void *jv, int fd)
{
    zctx *z = c;
    job *j = jv;
    char buf[128];
    if (!strcmp(j->op, "echo")) {
        int n = snprintf(buf, sizeof buf, "got %zu bytes, last %c", j->n, j->n ? j->data[j->n - 1] : '-');
        return bxc_reply(fd, buf, (size_t)n);
    }
    if (!strcmp(j->op, "pid") || !strcmp(j->op, "otherpol")) {
        int n = snprintf(buf, sizeof buf, "%ld", (long)getpid());
        return bxc_reply(fd, buf, (size_t)n);
    }
    if (!strcmp(j->op, "segv")) raise(SIGSEGV);
    if (!strcmp(j->op, "noreply")) _exit(0);
    if (!strcmp(j->op, "exec")) {
        char *const av[] = { "sh", "-c", "true", NULL };
        execve("/bin/sh", av, NULL);
        return bxc_reply(fd, "exec returned", 13);
    }
    if (!strcmp(j->op, "spin")) for (volatile unsigned i = 0;; i++) {}
    if (!strcmp(j->op, "refreshed")) {
        int n = snprintf(buf, sizeof buf, "refreshed=%d", z->refreshed);
        return bxc_reply(fd, buf, (size_t)n);
    }
    if (!strcmp(j->op, "open")) {
        int f = open(j->data, O_RDONLY);
        int n = snprintf(buf, sizeof buf, "open errno %d", f < 0 ? errno : 0);
        return bxc_reply(fd, buf, (size_t)n);
    }
    if (!strcmp(j->op, "progress")) {
        if (bxc_progress(fd, "one", 3) || bxc_progress(fd, "two", 3)) return -1;
        return bxc_reply(fd, "done", 4);
    }
    if (!strcmp(j->op, "audit")) {
        FILE *a = bxc_audit_stream(fd);
        if (!a) return -1;
        fputs("{\"event\":\"one\"}\nnot json\n{\"event\":\"two\"}\n", a);
        fclose(a);
        return bxc_reply(fd, "ok", 2);
    }
    return -1;
}

static void on_progress(void *user, const char *text, size_t len)
{
    char *acc = user;
    size_t k = strlen(acc);
    if (k + len + 2 < 64) {
        memcpy(acc + k, text, len);
        acc[k + len] = '|';
        acc[k + len + 1] = 0;
    }
}

static bx_status call(bxc_zygote *z, const bxc_policy *p, const char *op, const char *data,
                      size_t n, const volatile int *cancel, char *out, size_t cap,
                      bxc_status *cs)
{
    size_t len = 32 + 8 + n;
    uint8_t *req = calloc(1, len);
    snprintf((char *)req, 32, "%s", op);
    uint64_t nn = n;
    memcpy(req + 32, &nn, 8);
    if (n) memcpy(req + 40, data, n);
    uint8_t *rep = NULL;
    size_t rl = 0;
    bx_error err;
    bx_status st = bxc_zygote_call(z, p, "x", req, len, cancel, 4096, &rep, &rl, cs, &err);
    free(req);
    snprintf(out, cap, "%.*s", (int)(rl < cap ? rl : cap - 1), rep ? (char *)rep : "");
    free(rep);
    return st;
}

static void suite(int pooled)
{
    char tmp[] = "/tmp/bx-zyg-XXXXXX";
    if (!mkdtemp(tmp)) return;
    char dir[300], outside[300], audit[300];
    snprintf(dir, sizeof dir, "%s/granted", tmp);
    snprintf(outside, sizeof outside, "%s/secret", tmp);
    snprintf(audit, sizeof audit, "%s/audit", tmp);
    mkdir(dir, 0700);
    FILE *f = fopen(outside, "w");
    fputs("secret\n", f);
    fclose(f);

    zctx zc;
    memset(&zc, 0, sizeof zc);
    bxc_policy_init(&zc.pol);
    bxc_policy_add_path(&zc.pol, dir, 1, NULL);
    bx_error err;
    bxc_zygote *z = pooled ? bxc_zygote_start_pool(&zc, prefork, preconfine, prepare, body, refresh, &err)
                          : bxc_zygote_start(&zc, prefork, prepare, body, refresh, &err);
    CHECK(z != NULL, "zygote started (pool %d): %s", pooled, z ? "" : err.msg);
    if (!z) return;
    bxc_policy pv = zc.pol;
    pv.timeout_ns = 20000000000ull;
    pv.sandbox_id = "agent/tool#7";
    char out[256];
    bxc_status cs;

    CHECK(call(z, &pv, "echo", "abc", 3, NULL, out, sizeof out, &cs) == BX_OK &&
          cs.end == BX_CONFINE_ENDED && !strcmp(out, "got 3 bytes, last c"),
          "echo: end %d reply '%s'", cs.end, out);
    CHECK(cs.level == BX_CONFINE_FULL || bxc_landlock_abi() < 6, "level %s (%s)",
          bxc_level_name(cs.level), cs.reason);
    size_t big = 8u << 20;     /* larger than any socket buffer */
    char *b = malloc(big);
    memset(b, 'x', big);
    b[big - 1] = 'z';
    CHECK(call(z, &pv, "echo", b, big, NULL, out, sizeof out, &cs) == BX_OK &&
          cs.end == BX_CONFINE_ENDED && !strcmp(out, "got 8388608 bytes, last z"),
          "large request: end %d reply '%s'", cs.end, out);
    free(b);

    CHECK(call(z, &pv, "segv", "", 0, NULL, out, sizeof out, &cs) == BX_OK &&
          cs.end == BX_CONFINE_CRASHED && cs.signal == SIGSEGV && !*out,
          "segv: end %d signal %d", cs.end, cs.signal);
    CHECK(call(z, &pv, "noreply", "", 0, NULL, out, sizeof out, &cs) == BX_OK &&
          cs.end == BX_CONFINE_CRASHED, "exit without reply: end %d", cs.end);
    CHECK(call(z, &pv, "exec", "", 0, NULL, out, sizeof out, &cs) == BX_OK &&
          cs.end == BX_CONFINE_VIOLATION && !strcmp(cs.syscall, "execve") && !*out,
          "execve: end %d syscall '%s' reply '%s'", cs.end, cs.syscall, out);
    CHECK(call(z, &pv, "echo", "q", 1, NULL, out, sizeof out, &cs) == BX_OK &&
          cs.end == BX_CONFINE_ENDED && !strcmp(out, "got 1 bytes, last q"),
          "a call after crashes: '%s'", out);

    volatile int cancel = 1;
    CHECK(call(z, &pv, "spin", "", 0, &cancel, out, sizeof out, &cs) == BX_OK &&
          cs.end == BX_CONFINE_CRASHED && strstr(cs.detail, "cancelled"),
          "cancelled: end %d '%s'", cs.end, cs.detail);
    bxc_policy ps = pv;
    ps.timeout_ns = 1;   /* the parent's deadline: 2 s after */
    CHECK(call(z, &ps, "spin", "", 0, NULL, out, sizeof out, &cs) == BX_OK &&
          cs.end == BX_CONFINE_CRASHED && cs.signal == SIGKILL,
          "deadline: end %d signal %d", cs.end, cs.signal);

    CHECK(call(z, &pv, "refreshed", "", 0, NULL, out, sizeof out, &cs) == BX_OK &&
          !strcmp(out, "refreshed=0"), "before refresh: '%s'", out);
    CHECK(bxc_zygote_refresh(z) == 0, "refresh sent");
    CHECK(call(z, &pv, "refreshed", "", 0, NULL, out, sizeof out, &cs) == BX_OK &&
          !strcmp(out, "refreshed=1"), "after refresh: '%s'", out);
    CHECK(zc.refreshed == 0, "the refresh ran in the zygote, not here");

    CHECK(call(z, &pv, "open", outside, strlen(outside) + 1, NULL, out, sizeof out, &cs) == BX_OK &&
          (!strcmp(out, "open errno 13") || bxc_landlock_abi() == 0),
          "open outside the policy: '%s'", out);

    char acc[64] = "";
    bxc_policy pp = pv;
    pp.on_progress = on_progress;
    pp.progress_user = acc;
    CHECK(call(z, &pp, "progress", "", 0, NULL, out, sizeof out, &cs) == BX_OK &&
          cs.end == BX_CONFINE_ENDED && !strcmp(out, "done") && !strcmp(acc, "one|two|"),
          "progress frames: '%s' then '%s'", acc, out);

    pv.audit_fd = open(audit, O_WRONLY | O_CREAT | O_APPEND, 0600);
    CHECK(call(z, &pv, "audit", "", 0, NULL, out, sizeof out, &cs) == BX_OK && !strcmp(out, "ok"),
          "audit call: '%s'", out);
    close(pv.audit_fd);
    char lines[1024] = "";
    f = fopen(audit, "r");
    size_t got = f ? fread(lines, 1, sizeof lines - 1, f) : 0;
    if (f) fclose(f);
    lines[got] = 0;
    CHECK(strstr(lines, "{\"call\":\"agent/tool#7\",\"event\":\"one\"}\n") &&
          strstr(lines, "{\"call\":\"agent/tool#7\",\"event\":\"two\"}\n") &&
          strstr(lines, "\"event\":\"audit_line_rejected\"") && !strstr(lines, "not json"),
          "audit lines: %s", lines);

    char p1[64], p2[64];
    CHECK(call(z, &pv, "pid", "", 0, NULL, p1, sizeof p1, &cs) == BX_OK &&
          call(z, &pv, "pid", "", 0, NULL, p2, sizeof p2, &cs) == BX_OK && atol(p1) > 0 &&
          atol(p2) > 0 && strcmp(p1, p2), "one worker per call (pool %d): %s then %s", pooled, p1, p2);
    if (pooled) {
        /* the pooled worker ready for "x" gets a call whose policy differs */
        CHECK(call(z, &pv, "otherpol", "", 0, NULL, out, sizeof out, &cs) == BX_OK &&
              cs.end == BX_CONFINE_CRASHED && !*out,
              "a call with another policy on a pooled worker: end %d reply '%s'", cs.end, out);
        CHECK(call(z, &pv, "echo", "w", 1, NULL, out, sizeof out, &cs) == BX_OK &&
              cs.end == BX_CONFINE_ENDED && !strcmp(out, "got 1 bytes, last w"),
              "a call after the refused one: '%s'", out);
    }

    pid_t zp = bxc_zygote_pid(z);
    bxc_zygote_stop(z);
    CHECK(kill(zp, 0) != 0, "zygote gone after stop");
    bxc_prepared_free(zc.pre);
    bxc_policy_free(&zc.pol);
    unlink(outside);
    unlink(audit);
    rmdir(dir);
    rmdir(tmp);
}

int main(void)
{
    char od[] = "/tmp/bx-zyg-other-XXXXXX";
    if (!mkdtemp(od)) return 1;
    bxc_policy_init(&other_pol);
    bxc_policy_add_path(&other_pol, od, 1, NULL);
    suite(0);
    suite(1);
    bxc_policy_free(&other_pol);
    rmdir(od);
    return check_report();
}
