/*
 * test_zpool.c — the zygote's pool and its executor zygotes
 * (src/confine/zygote.c) through the zygote's API, with bodies written
 * here that act as a compromised worker would (raw system calls):
 *
 * - executors A and B, each granted its own folder: under load (four
 *   threads, calls of A and B interleaved, most served by pooled workers)
 *   every call of A reads A's file and is refused B's, and vice versa;
 * - a worker never serves two calls: each call looks for a marker the
 *   previous calls left in their process (a static variable, a high
 *   descriptor), finds none, and leaves its own; no pid serves twice;
 * - a pooled worker is walled in as one the zygote confined itself: it
 *   cannot fork (seccomp tail), cannot signal its executor zygote, and
 *   both end as confinement violations while the executor zygote lives on;
 * - the pool refills: after workers crash, after the idle pooled workers
 *   are killed from outside, after the executor zygote itself is killed,
 *   the next calls are answered, and later ones come from pooled workers
 *   again (their parent an executor zygote, /proc/PID/comm bx-exzygote);
 *   a call that comes as its pooled worker is killed is answered.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "confine.h"

typedef struct zctx {
    bxc_policy pol[2];          /* A, B */
    bxc_prepared *pre[2];
    char file[2][320];          /* A's file, B's file */
} zctx;

static zctx zc;

static int which(const char *hint) { return !strcmp(hint, "a") ? 0 : !strcmp(hint, "b") ? 1 : -1; }

static const bxc_prepared *prefork(void *c, const char *hint)
{
    zctx *z = c;
    int k = hint ? which(hint) : -1;
    if (k < 0) return NULL;
    if (!z->pre[k]) z->pre[k] = bxc_prepare(&z->pol[k]);
    return z->pre[k];
}

static int preconfine(void *c, const char *hint, bxc_policy *pol)
{
    int k = which(hint);
    if (k < 0) return -1;
    *pol = ((zctx *)c)->pol[k];
    return 0;
}

typedef struct job { char exec; char op[31]; } job;

static int prepare(void *c, int fd, bxc_policy *pol, void **jp)
{
    job *j = calloc(1, sizeof *j);
    if (!j) return -1;
    for (size_t got = 0; got < sizeof *j;) {
        ssize_t k = read(fd, (char *)j + got, sizeof *j - got);
        if (k <= 0) return -1;
        got += (size_t)k;
    }
    j->op[sizeof j->op - 1] = 0;
    if (j->exec != 'a' && j->exec != 'b') return -1;
    *pol = ((zctx *)c)->pol[j->exec == 'b'];
    *jp = j;
    return 0;
}

static int marker;          /* set by the call that ran in this process */
#define MARK_FD 300         /* below the worker's RLIMIT_NOFILE (256 + 64) */

static int body(void *c, void *jv, int fd)
{
    zctx *z = c;
    job *j = jv;
    char buf[200];
    if (!strcmp(j->op, "probe")) {
        int ra = open(z->file[0], O_RDONLY), ea = errno;
        int rb = open(z->file[1], O_RDONLY), eb = errno;
        int seen = marker, fdseen = fcntl(MARK_FD, F_GETFD) >= 0;
        marker = 1;
        int d = dup2(fd, MARK_FD);
        int n = snprintf(buf, sizeof buf, "pid=%ld ppid=%ld a=%d b=%d mark=%d fd=%d dup=%d",
                         (long)getpid(), (long)getppid(), ra >= 0 ? 0 : ea, rb >= 0 ? 0 : eb, seen,
                         fdseen, d == MARK_FD);
        return bxc_reply(fd, buf, (size_t)n);
    }
    if (!strcmp(j->op, "segv")) raise(SIGSEGV);
    if (!strcmp(j->op, "fork")) {
        pid_t p = fork();
        if (p == 0) _exit(0);
        return bxc_reply(fd, "forked", 6);
    }
    if (!strcmp(j->op, "killparent")) {
        kill(getppid(), SIGKILL);
        return bxc_reply(fd, "signalled", 9);
    }
    return -1;
}

typedef struct probe { long pid, ppid; int a, b, mark, fd, dup; } probe;

/* One call; 0 and *pr filled for a probe that ended normally, else -1. */
static int call(bxc_zygote *z, char exec, const char *op, bxc_status *cs, probe *pr, char *out, size_t cap)
{
    job j;
    memset(&j, 0, sizeof j);
    j.exec = exec;
    snprintf(j.op, sizeof j.op, "%s", op);
    bxc_policy pv = zc.pol[exec == 'b'];
    pv.timeout_ns = 20000000000ull;
    pv.sandbox_id = exec == 'a' ? "a/t#1" : "b/t#1";
    char hint[2] = { exec, 0 };
    uint8_t *rep = NULL;
    size_t rl = 0;
    bx_error err;
    if (bxc_zygote_call(z, &pv, hint, &j, sizeof j, NULL, 4096, &rep, &rl, cs, &err) != BX_OK) return -1;
    if (out) snprintf(out, cap, "%.*s", (int)rl, rep ? (char *)rep : "");
    int ok = -1;
    if (pr && cs->end == BX_CONFINE_ENDED && rep) {
        char s[256];
        snprintf(s, sizeof s, "%.*s", (int)rl, (char *)rep);
        ok = sscanf(s, "pid=%ld ppid=%ld a=%d b=%d mark=%d fd=%d dup=%d", &pr->pid, &pr->ppid, &pr->a,
                    &pr->b, &pr->mark, &pr->fd, &pr->dup) == 7 ? 0 : -1;
    }
    free(rep);
    return pr ? ok : 0;
}

static int is_exzygote(long pid)
{
    char p[64], name[32] = "";
    snprintf(p, sizeof p, "/proc/%ld/comm", pid);
    FILE *f = fopen(p, "r");
    if (!f) return 0;
    int ok = fgets(name, sizeof name, f) && !strcmp(name, "bx-exzygote\n");
    fclose(f);
    return ok;
}

/* ---- load: threads calling A and B ----------------------------------- */
#define THREADS 4
#define PER_THREAD 60

typedef struct tres { int idx; probe p[PER_THREAD]; char exec[PER_THREAD]; int ok[PER_THREAD]; } tres;
static bxc_zygote *gz;

static void *loader(void *arg)
{
    tres *t = arg;
    for (int i = 0; i < PER_THREAD; i++) {
        bxc_status cs;
        t->exec[i] = ((i + t->idx) % 3) ? 'a' : 'b';
        t->ok[i] = call(gz, t->exec[i], "probe", &cs, &t->p[i], NULL, 0) == 0;
    }
    return NULL;
}

static int cmp_long(const void *x, const void *y)
{
    long a = *(const long *)x, b = *(const long *)y;
    return (a > b) - (a < b);
}

int main(void)
{
    char tmp[] = "/tmp/bx-zpool-XXXXXX";
    if (!mkdtemp(tmp)) return 2;
    bxc_policy_init(&zc.pol[0]);
    bxc_policy_init(&zc.pol[1]);
    for (int k = 0; k < 2; k++) {
        char dir[300];
        snprintf(dir, sizeof dir, "%s/%c", tmp, "ab"[k]);
        mkdir(dir, 0700);
        snprintf(zc.file[k], sizeof zc.file[k], "%s/secret", dir);
        FILE *f = fopen(zc.file[k], "w");
        if (!f) return 2;
        fprintf(f, "only %c may read this\n", "AB"[k]);
        fclose(f);
        bxc_policy_add_path(&zc.pol[k], dir, 0, NULL);
    }
    int ll = bxc_landlock_abi();
    bx_error err;
    gz = bxc_zygote_start_pool(&zc, prefork, preconfine, prepare, body, NULL, &err);
    CHECK(gz != NULL, "zygote: %s", gz ? "" : err.msg);
    if (!gz) return check_report();
    pid_t zpid = bxc_zygote_pid(gz);

    /* ---- A and B under load ---- */
    tres *res = calloc(THREADS, sizeof *res);
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        res[i].idx = i;
        pthread_create(&th[i], NULL, loader, &res[i]);
    }
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    int answered = 0, a_ok = 0, b_ok = 0, cross = 0, own_refused = 0, marks = 0, pooled = 0, dups = 0;
    long pids[THREADS * PER_THREAD];
    int np = 0;
    for (int i = 0; i < THREADS; i++)
        for (int k = 0; k < PER_THREAD; k++) {
            if (!res[i].ok[k]) continue;
            const probe *p = &res[i].p[k];
            answered++;
            int mine = res[i].exec[k] == 'a' ? p->a : p->b, other = res[i].exec[k] == 'a' ? p->b : p->a;
            own_refused += mine != 0;
            cross += other == 0;
            if (res[i].exec[k] == 'a') a_ok++; else b_ok++;
            marks += p->mark || p->fd;
            dups += p->dup;
            pooled += p->ppid != (long)zpid && is_exzygote(p->ppid);
            pids[np++] = p->pid;
        }
    CHECK(answered == THREADS * PER_THREAD, "%d of %d calls answered", answered, THREADS * PER_THREAD);
    CHECK(a_ok > 0 && b_ok > 0, "calls of both executors ran: a %d b %d", a_ok, b_ok);
    CHECK(own_refused == 0, "%d calls could not read their own executor's file", own_refused);
    if (ll > 0)
        CHECK(cross == 0, "%d calls read the other executor's file", cross);
    else
        printf("skip cross-executor-read: no Landlock on this kernel\n");
    CHECK(dups == answered, "each call left its descriptor marker (%d of %d): the check can fail", dups,
          answered);
    CHECK(marks == 0, "%d calls found a marker an earlier call left in their process", marks);
    qsort(pids, (size_t)np, sizeof *pids, cmp_long);
    int same = 0;
    for (int i = 1; i < np; i++) same += pids[i] == pids[i - 1];
    CHECK(same == 0, "%d pids served two calls", same);
    CHECK(pooled > answered / 2, "most calls served by pooled workers of executor zygotes: %d of %d", pooled,
          answered);
    free(res);

    /* ---- a pooled worker is walled in: no fork, no signal to its parent ---- */
    bxc_status cs;
    probe p0, p1;
    char out[256];
    CHECK(call(gz, 'a', "probe", &cs, &p0, NULL, 0) == 0 && call(gz, 'a', "probe", &cs, &p0, NULL, 0) == 0 &&
          is_exzygote(p0.ppid), "a pooled call (parent %ld)", p0.ppid);
    CHECK(call(gz, 'a', "fork", &cs, NULL, out, sizeof out) == 0 && cs.end == BX_CONFINE_VIOLATION &&
          !strcmp(cs.syscall, "clone"), "fork in a pooled worker: end %d syscall '%s' reply '%s'", cs.end,
          cs.syscall, out);
    CHECK(call(gz, 'a', "killparent", &cs, NULL, out, sizeof out) == 0 && cs.end == BX_CONFINE_VIOLATION &&
          !strcmp(cs.syscall, "kill"), "kill(parent) in a pooled worker: end %d syscall '%s' reply '%s'",
          cs.end, cs.syscall, out);
    CHECK(kill((pid_t)p0.ppid, 0) == 0 && is_exzygote(p0.ppid), "the executor zygote %ld lives on", p0.ppid);
    CHECK(call(gz, 'a', "probe", &cs, &p1, NULL, 0) == 0 && p1.ppid == p0.ppid,
          "later calls from the same executor zygote (%ld, then %ld)", p0.ppid, p1.ppid);

    /* ---- the pool refills after crashes ---- */
    int crashed = 0;
    for (int i = 0; i < 5; i++)
        crashed += call(gz, 'b', "segv", &cs, NULL, NULL, 0) == 0 && cs.end == BX_CONFINE_CRASHED &&
                   cs.signal == SIGSEGV;
    CHECK(crashed == 5, "5 crashing calls: %d crashed", crashed);
    CHECK(call(gz, 'b', "probe", &cs, &p0, NULL, 0) == 0 && call(gz, 'b', "probe", &cs, &p1, NULL, 0) == 0 &&
          is_exzygote(p1.ppid) && p1.b == 0, "after crashes: answered by a pooled worker (parent %ld)", p1.ppid);

    /* ---- ... after its idle pooled workers are killed from outside ---- */
    char path[96], kids[512] = "";
    snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", p1.ppid, p1.ppid);
    /* the pool is refilled without waiting: give the fork its time */
    struct timespec wait = { 0, 20000000 };
    for (int k = 0; k < 250 && !kids[0]; k++) {
        FILE *f = fopen(path, "r");
        if (f) { if (!fgets(kids, sizeof kids, f)) kids[0] = 0; fclose(f); }
        if (!kids[0]) nanosleep(&wait, NULL);
    }
    int killed = 0;
    pid_t gone[16];
    for (char *s = strtok(kids, " \n"); s && killed < 16; s = strtok(NULL, " \n"))
        if (kill((pid_t)atol(s), SIGKILL) == 0) gone[killed++] = (pid_t)atol(s);
    CHECK(killed >= 1, "idle pooled workers killed: %d (children of %ld)", killed, p1.ppid);
    /* ended, and seen ended by the zygote: a call handed to a pooled worker
     * in the instant it is killed ends as crashed, not what this tests */
    struct timespec ts = { 0, 300000000 }, tick = { 0, 20000000 };
    for (int i = 0; i < killed; i++)
        for (int k = 0; k < 250 && kill(gone[i], 0) == 0; k++) nanosleep(&tick, NULL);
    nanosleep(&ts, NULL);
    int after = 0, again = 0;
    for (int i = 0; i < 6; i++)
        if (call(gz, 'b', "probe", &cs, &p0, NULL, 0) == 0 && p0.b == 0 && p0.a != 0) {
            after++;
            again += is_exzygote(p0.ppid);
        }
    CHECK(after == 6 && again >= 3, "after the kill: %d of 6 answered, %d pooled again", after, again);

    /* ---- a call that comes in the instant its pooled worker is killed is
     * answered all the same (no guest code ran: the zygote tries again) ---- */
    int raced = 0;
    for (int round = 0; round < 5; round++) {
        probe q;
        if (call(gz, 'b', "probe", &cs, &q, NULL, 0) != 0 || !is_exzygote(q.ppid)) continue;
        char kp[96], kl[512] = "";
        snprintf(kp, sizeof kp, "/proc/%ld/task/%ld/children", q.ppid, q.ppid);
        FILE *kf = fopen(kp, "r");
        if (kf) { if (!fgets(kl, sizeof kl, kf)) kl[0] = 0; fclose(kf); }
        for (char *s = strtok(kl, " \n"); s; s = strtok(NULL, " \n")) kill((pid_t)atol(s), SIGKILL);
        raced += call(gz, 'b', "probe", &cs, &q, NULL, 0) == 0 && q.b == 0;
    }
    CHECK(raced == 5, "calls right after their pooled workers were killed: %d of 5 answered", raced);

    /* ---- ... after the executor zygote itself is killed ---- */
    long old = p0.ppid;
    CHECK(is_exzygote(old) && kill((pid_t)old, SIGKILL) == 0, "executor zygote %ld killed", old);
    for (int k = 0; k < 250 && kill((pid_t)old, 0) == 0; k++) nanosleep(&tick, NULL);
    nanosleep(&ts, NULL);
    after = again = 0;
    long newparent = 0;
    for (int i = 0; i < 6; i++)
        if (call(gz, 'b', "probe", &cs, &p0, NULL, 0) == 0 && p0.b == 0 && p0.a != 0) {
            after++;
            if (is_exzygote(p0.ppid) && p0.ppid != old) again++, newparent = p0.ppid;
        }
    CHECK(after == 6 && again >= 3, "after the executor zygote's death: %d of 6 answered, %d pooled by a new "
          "one (%ld)", after, again, newparent);

    bxc_zygote_stop(gz);
    CHECK(kill(zpid, 0) != 0 && (newparent == 0 || kill((pid_t)newparent, 0) != 0),
          "zygote and executor zygotes gone after stop");
    for (int k = 0; k < 2; k++) {
        unlink(zc.file[k]);
        char dir[300];
        snprintf(dir, sizeof dir, "%s/%c", tmp, "ab"[k]);
        rmdir(dir);
    }
    rmdir(tmp);
    return check_report();
}
