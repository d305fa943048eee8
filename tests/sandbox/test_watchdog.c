/*
 * test_watchdog.c — the sandbox's process-wide watchdog (src/sandbox/
 * sandbox.c): one thread serves every run's deadline and cancel flag.
 * Many runs at once, each with its own deadline, must each stop at their
 * own time (not before, and within 1 s after); runs that finish early
 * must not be stopped or disturb the others; a cancel flag stops its run
 * only; the watchdog still works after all that, and in a forked child.
 *
 *   test_watchdog CLI_GUEST_DIR     (holds spin.wasm and hello.wasm)
 *
 * Prints "N passed, N failed" last; exits non-zero on failure.
 */
#include "boxagnts.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

static bx_module *spin, *hello;

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static bx_module *load(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("cannot open %s\n", path);
        exit(2);
    }
    static uint8_t buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    bx_error err;
    bx_module *m = bx_module_new(buf, n, &err);
    if (!m) {
        printf("%s: %s\n", path, err.msg);
        exit(2);
    }
    return m;
}

typedef struct job {
    const bx_module *m;
    uint64_t timeout_ms;
    volatile int cancel;
    int use_cancel, repeat;
    /* results */
    int bad;              /* hello runs that did not print hello and exit 0 */
    bx_run_result r;
    bx_status st;
    uint64_t wall_ms, end_ms;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    for (int i = 0; i < (j->repeat ? j->repeat : 1); i++) {
        bx_run_options o;
        bx_run_io io;
        bx_error err;
        const char *argv[] = { "guest" };
        bx_run_options_init(&o);
        o.g.timeout_ns = j->timeout_ms * 1000000ull;
        memset(&io, 0, sizeof io);
        io.argv = argv;
        io.argc = 1;
        io.capture = 1;
        io.cancel = j->use_cancel ? &j->cancel : NULL;
        uint64_t t0 = now_ms();
        if (i)
            bx_run_result_free(&j->r);
        j->st = bx_sandbox_run_module(&o, j->m, &io, &j->r, &err);
        j->end_ms = now_ms();
        j->wall_ms = j->end_ms - t0;
        if (j->repeat && (j->st != BX_OK || j->r.outcome != BX_RUN_EXITED || j->r.exit_code != 0 ||
                          j->r.timed_out || j->r.out_len != 6 || memcmp(j->r.out, "hello\n", 6)))
            j->bad++;
        bx_run_options_free(&o);
    }
    return NULL;
}

static int stopped_by_deadline(const job *j)
{
    return j->st == BX_OK && j->r.outcome == BX_RUN_TRAPPED && j->r.trap == BX_TRAP_INTERRUPTED &&
           j->r.timed_out && !j->r.cancelled;
}

static void test_many_at_once(void)
{
    enum { NSPIN = 8, NHELLO = 2 };
    job spins[NSPIN], hellos[NHELLO], canc;
    pthread_t ts[NSPIN], th[NHELLO], tc;
    memset(spins, 0, sizeof spins);
    memset(hellos, 0, sizeof hellos);
    memset(&canc, 0, sizeof canc);
    for (int k = 0; k < NSPIN; k++) {
        /* out of order, so the earliest deadline is not the first registered */
        spins[k].m = spin;
        spins[k].timeout_ms = 100 + 60 * (uint64_t)((k * 5) % NSPIN);
        pthread_create(&ts[k], NULL, run_job, &spins[k]);
    }
    for (int k = 0; k < NHELLO; k++) {
        hellos[k].m = hello;
        hellos[k].timeout_ms = 30000;
        hellos[k].repeat = 200;
        pthread_create(&th[k], NULL, run_job, &hellos[k]);
    }
    canc.m = spin;
    canc.timeout_ms = 60000;
    canc.use_cancel = 1;
    pthread_create(&tc, NULL, run_job, &canc);
    usleep(150 * 1000);
    uint64_t cancel_at = now_ms();
    canc.cancel = 1;
    for (int k = 0; k < NSPIN; k++) {
        pthread_join(ts[k], NULL);
        CHECK(stopped_by_deadline(&spins[k]), "spin %d (timeout %llu ms): outcome %s, timed_out %d", k,
              (unsigned long long)spins[k].timeout_ms, bx_run_outcome(&spins[k].r), spins[k].r.timed_out);
        CHECK(spins[k].wall_ms >= spins[k].timeout_ms && spins[k].wall_ms < spins[k].timeout_ms + 1000,
              "spin %d: stopped after %llu ms, deadline %llu ms", k, (unsigned long long)spins[k].wall_ms,
              (unsigned long long)spins[k].timeout_ms);
        bx_run_result_free(&spins[k].r);
    }
    for (int k = 0; k < NHELLO; k++) {
        pthread_join(th[k], NULL);
        CHECK(hellos[k].bad == 0, "hello thread %d: %d of 200 runs went wrong (last: %s)", k, hellos[k].bad,
              bx_run_outcome(&hellos[k].r));
        bx_run_result_free(&hellos[k].r);
    }
    pthread_join(tc, NULL);
    CHECK(canc.st == BX_OK && canc.r.outcome == BX_RUN_TRAPPED && canc.r.cancelled && !canc.r.timed_out,
          "cancelled run: outcome %s cancelled %d timed_out %d", bx_run_outcome(&canc.r), canc.r.cancelled,
          canc.r.timed_out);
    CHECK(canc.end_ms >= cancel_at && canc.end_ms < cancel_at + 1000, "cancelled run ended %lld ms after the flag",
          (long long)(canc.end_ms - cancel_at));
    bx_run_result_free(&canc.r);
}

/* A short deadline registered while a long one is being waited for must
 * wake the watchdog early. */
static void test_short_after_long(void)
{
    job lng, shrt;
    pthread_t tl;
    memset(&lng, 0, sizeof lng);
    memset(&shrt, 0, sizeof shrt);
    lng.m = spin;
    lng.timeout_ms = 1500;
    pthread_create(&tl, NULL, run_job, &lng);
    usleep(50 * 1000);
    shrt.m = spin;
    shrt.timeout_ms = 100;
    run_job(&shrt);
    CHECK(stopped_by_deadline(&shrt) && shrt.wall_ms >= 100 && shrt.wall_ms < 1000,
          "short deadline under a long one: %s after %llu ms", bx_run_outcome(&shrt.r),
          (unsigned long long)shrt.wall_ms);
    pthread_join(tl, NULL);
    CHECK(stopped_by_deadline(&lng) && lng.wall_ms >= 1500 && lng.wall_ms < 2500,
          "long deadline: %s after %llu ms", bx_run_outcome(&lng.r), (unsigned long long)lng.wall_ms);
    bx_run_result_free(&shrt.r);
    bx_run_result_free(&lng.r);
}

static void test_fork(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        job j;
        memset(&j, 0, sizeof j);
        j.m = spin;
        j.timeout_ms = 100;
        run_job(&j);
        _exit(stopped_by_deadline(&j) && j.wall_ms < 1100 ? 0 : 1);
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "a forked child's run did not stop at its deadline (status %d)", status);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "build/tests/cli";
    spin = load(dir, "spin.wasm");
    hello = load(dir, "hello.wasm");
    test_many_at_once();
    test_short_after_long();
    test_fork();
    bx_module_free(spin);
    bx_module_free(hello);
    return check_report();
}
