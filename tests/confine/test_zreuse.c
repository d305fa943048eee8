/*
 * test_zreuse.c — opt-in worker reuse (policy reuse_calls, src/confine/
 * zygote.c) through the zygote's API, with bodies that act as a
 * compromised worker would: each call looks for a marker an earlier call
 * left in its process (a static holding that call's executor, a high
 * descriptor) and leaves its own.
 *
 * - reuse off (1): no call ever finds a marker;
 * - reuse on (5): later calls of an executor find the marker of an earlier
 *   call of the same executor (what the README's trade-off says), never
 *   one of another executor, also under four threads interleaving A and B;
 *   no worker serves more than 5 calls; Landlock still keeps A from B's
 *   file in a reused worker;
 * - a worker is discarded (the next call finds no marker, another pid)
 *   after a call whose body says it did not end cleanly, after a crash, a
 *   seccomp violation, a timeout, and a call that grew its memory past
 *   BXC_REUSE_MAX_GROWTH_KB;
 * - a request naming another owner than the worker was confined for is
 *   refused even when both owners' grants are the same.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "confine.h"

/* executors a, b (own folders) and c (a's grants, another owner) */
typedef struct zctx {
    bxc_policy pol[3];
    bxc_prepared *pre[3];
    char file[2][320];
} zctx;

static zctx zc;
static uint32_t reuse_n = 1;     /* read in the zygote, which is forked after it is set */

static int which(const char *h) { return !strcmp(h, "a") ? 0 : !strcmp(h, "b") ? 1 : !strcmp(h, "c") ? 2 : -1; }

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
    pol->owner = (uint32_t)k + 1;
    pol->reuse_calls = reuse_n;
    return 0;
}

typedef struct job { char exec; char op[31]; } job;

static int prepare(void *c, int fd, bxc_policy *pol, void **jp)
{
    job *j = calloc(1, sizeof *j);
    if (!j) return -1;
    for (size_t got = 0; got < sizeof *j;) {
        ssize_t k = read(fd, (char *)j + got, sizeof *j - got);
        if (k <= 0) { free(j); return -1; }
        got += (size_t)k;
    }
    j->op[sizeof j->op - 1] = 0;
    int k = which((char[2]){ j->exec, 0 });
    if (k < 0) { free(j); return -1; }
    *pol = ((zctx *)c)->pol[k];
    pol->owner = (uint32_t)k + 1;
    *jp = j;
    return 0;
}

static char marker;          /* the executor of the last call this process ran */
static int served;           /* calls this process ran */
#define MARK_FD 300

static int body(void *c, void *jv, int fd)
{
    zctx *z = c;
    job *j = jv;
    char buf[200], op[32];
    snprintf(op, sizeof op, "%s", j->op);
    char exec = j->exec;
    free(j);
    int ra = open(z->file[0], O_RDONLY), ea = errno;
    int rb = open(z->file[1], O_RDONLY), eb = errno;
    if (ra >= 0) close(ra);
    if (rb >= 0) close(rb);
    char seen = marker;
    int fdseen = fcntl(MARK_FD, F_GETFD) >= 0;
    marker = exec;
    served++;
    if (!fdseen) dup2(fd, MARK_FD);
    if (!strcmp(op, "segv")) raise(SIGSEGV);
    if (!strcmp(op, "fork")) {
        pid_t p = fork();
        if (p == 0) _exit(0);
    }
    if (!strcmp(op, "sleep")) sleep(30);
    if (!strcmp(op, "grow")) {   /* touched, then freed: the peak stays */
        size_t n = ((size_t)BXC_REUSE_MAX_GROWTH_KB + 16384) * 1024;
        volatile char *p = malloc(n);   /* volatile: the stores are not optimised away */
        for (size_t i = 0; p && i < n; i += 4096) p[i] = 1;
        free((void *)p);
    }
    /* liar: a worker that says its call ended cleanly while its reply says
     * otherwise (the parent's reply_clean must catch it) */
    int n = snprintf(buf, sizeof buf, "pid=%ld a=%d b=%d mark=%c fd=%d served=%d%s", (long)getpid(),
                     ra >= 0 ? 0 : ea, rb >= 0 ? 0 : eb, seen ? seen : '-', fdseen, served,
                     !strcmp(op, "liar") ? " error" : "");
    int rc = bxc_reply(fd, buf, (size_t)n);
    if (rc) return -1;
    return !strcmp(op, "dirty") ? 1 : 0;    /* dirty: replied, but not clean */
}

typedef struct probe { long pid; int a, b; char mark; int fd, served; } probe;

/* the parent's judgement of a reply, as the server's zrep_clean judges its
 * records: here, a reply that names an error is not clean */
static int reply_clean(const uint8_t *r, size_t n)
{
    return r && !memmem(r, n, " error", 6);
}

static int call(bxc_zygote *z, char exec, const char *hint, const char *op, uint64_t timeout_ns,
                bxc_status *cs, probe *pr)
{
    job j;
    memset(&j, 0, sizeof j);
    j.exec = exec;
    snprintf(j.op, sizeof j.op, "%s", op);
    bxc_policy pv = zc.pol[which(hint)];
    pv.timeout_ns = timeout_ns ? timeout_ns : 20000000000ull;
    pv.sandbox_id = "t#1";
    pv.reply_clean = reply_clean;
    pv.reuse_calls = reuse_n;
    uint8_t *rep = NULL;
    size_t rl = 0;
    bx_error err;
    memset(pr, 0, sizeof *pr);
    if (bxc_zygote_call(z, &pv, hint, &j, sizeof j, NULL, 4096, &rep, &rl, cs, &err) != BX_OK) return -1;
    int ok = -1;
    if (cs->end == BX_CONFINE_ENDED && rep) {
        char s[256];
        snprintf(s, sizeof s, "%.*s", (int)rl, (char *)rep);
        ok = sscanf(s, "pid=%ld a=%d b=%d mark=%c fd=%d served=%d", &pr->pid, &pr->a, &pr->b, &pr->mark,
                    &pr->fd, &pr->served) == 6 ? 0 : -1;
    }
    free(rep);
    return ok;
}

static int cmp_long(const void *x, const void *y)
{
    long a = *(const long *)x, b = *(const long *)y;
    return (a > b) - (a < b);
}

/* ---- load: threads calling A and B ----------------------------------- */
#define THREADS 4
#define PER_THREAD 40
typedef struct tres { int idx; probe p[PER_THREAD]; char exec[PER_THREAD]; int ok[PER_THREAD]; } tres;
static bxc_zygote *gz;

static void *loader(void *arg)
{
    tres *t = arg;
    for (int i = 0; i < PER_THREAD; i++) {
        bxc_status cs;
        t->exec[i] = ((i + t->idx) % 3) ? 'a' : 'b';
        char h[2] = { t->exec[i], 0 };
        t->ok[i] = call(gz, t->exec[i], h, "probe", 0, &cs, &t->p[i]) == 0;
    }
    return NULL;
}

typedef struct tally { int answered, marks, foreign, cross, own_refused, maxserved, overpid; } tally;

static tally load(uint32_t limit)
{
    tally t;
    memset(&t, 0, sizeof t);
    tres *res = calloc(THREADS, sizeof *res);
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        res[i].idx = i;
        pthread_create(&th[i], NULL, loader, &res[i]);
    }
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    long pids[THREADS * PER_THREAD];
    int np = 0;
    for (int i = 0; i < THREADS; i++)
        for (int k = 0; k < PER_THREAD; k++) {
            if (!res[i].ok[k]) continue;
            const probe *p = &res[i].p[k];
            char me = res[i].exec[k];
            t.answered++;
            t.marks += p->mark != '-' || p->fd;
            t.foreign += p->mark != '-' && p->mark != me;
            int mine = me == 'a' ? p->a : p->b, other = me == 'a' ? p->b : p->a;
            t.own_refused += mine != 0;
            t.cross += other == 0;
            if (p->served > t.maxserved) t.maxserved = p->served;
            pids[np++] = p->pid;
        }
    qsort(pids, (size_t)np, sizeof *pids, cmp_long);
    for (int i = 0, run = 1; i < np; i++) {
        run = i && pids[i] == pids[i - 1] ? run + 1 : 1;
        if ((uint32_t)run > limit) t.overpid++;
    }
    free(res);
    return t;
}

int main(void)
{
    char tmp[] = "/tmp/bx-zreuse-XXXXXX";
    if (!mkdtemp(tmp)) return 2;
    for (int k = 0; k < 3; k++) bxc_policy_init(&zc.pol[k]);
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
        if (k == 0) bxc_policy_add_path(&zc.pol[2], dir, 0, NULL);   /* c: a's grants */
    }
    int ll = bxc_landlock_abi();
    bx_error err;
    bxc_status cs;
    probe p0, p1, p2;

    /* ---- reuse off: nothing of a call is left to the next ---- */
    reuse_n = 1;
    gz = bxc_zygote_start_pool(&zc, prefork, preconfine, prepare, body, NULL, &err);
    CHECK(gz != NULL, "zygote: %s", gz ? "" : err.msg);
    if (!gz) return check_report();
    tally t = load(1);
    CHECK(t.answered == THREADS * PER_THREAD, "reuse off: %d of %d calls answered", t.answered,
          THREADS * PER_THREAD);
    CHECK(t.marks == 0 && t.overpid == 0, "reuse off: %d calls found a marker, %d pids served twice", t.marks,
          t.overpid);
    bxc_zygote_stop(gz);

    /* ---- reuse on ---- */
    reuse_n = 5;
    gz = bxc_zygote_start_pool(&zc, prefork, preconfine, prepare, body, NULL, &err);
    CHECK(gz != NULL, "zygote: %s", gz ? "" : err.msg);
    if (!gz) return check_report();
    int seq_marks = 0, seq_ok = 0, maxs = 0;
    for (int i = 0; i < 16; i++) {
        if (call(gz, 'a', "a", "probe", 0, &cs, &p0) != 0) continue;
        seq_ok++;
        seq_marks += p0.mark == 'a' && p0.fd;
        if (p0.served > maxs) maxs = p0.served;
    }
    CHECK(seq_ok == 16 && seq_marks >= 8, "reuse on: 16 calls of A in a row, %d answered, %d found the marker "
          "an earlier call of A left (the marker check can fail)", seq_ok, seq_marks);
    CHECK(maxs == 5, "no worker serves more than its 5 calls, and one served them all (most: %d)", maxs);
    t = load(5);
    CHECK(t.answered == THREADS * PER_THREAD, "reuse on, load: %d of %d calls answered", t.answered,
          THREADS * PER_THREAD);
    CHECK(t.marks > 0, "reuse on, load: %d calls found an earlier call's marker", t.marks);
    CHECK(t.foreign == 0, "reuse on, load: %d calls found the marker of another executor's call", t.foreign);
    CHECK(t.overpid == 0 && t.maxserved <= 5, "reuse on, load: %d calls past a worker's 5 (most served %d)",
          t.overpid, t.maxserved);
    CHECK(t.own_refused == 0, "reuse on, load: %d calls could not read their own file", t.own_refused);
    if (ll > 0)
        CHECK(t.cross == 0, "reuse on, load: %d calls read the other executor's file", t.cross);
    else
        printf("skip reuse-cross-executor-read: no Landlock on this kernel\n");

    /* ---- discarded after anything but a clean end ---- */
    /* the worker that ran the call (the newest pooled: the warm one) is
     * never seen again; "probe" is the control: after a clean call it is */
    static const char *const ends[] = { "probe", "dirty", "segv", "fork", "grow", "liar" };
    static const bxc_end want[] = { BX_CONFINE_ENDED, BX_CONFINE_ENDED, BX_CONFINE_CRASHED,
                                    BX_CONFINE_VIOLATION, BX_CONFINE_ENDED, BX_CONFINE_ENDED };
    for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
        int warm = 0;
        for (int i = 0; i < 6 && !warm; i++)   /* a worker with calls left */
            warm = call(gz, 'b', "b", "probe", 0, &cs, &p0) == 0 && p0.mark == 'b' && p0.served <= 3;
        int r = call(gz, 'b', "b", ends[e], 0, &cs, &p1);
        bxc_end got = cs.end;
        int same = r != 0 || p1.pid == p0.pid, again = 0, answered = 0;
        for (int i = 0; i < 8; i++)
            if (call(gz, 'b', "b", "probe", 0, &cs, &p2) == 0) answered++, again += p2.pid == p0.pid;
        int control = e == 0;
        CHECK(warm && same && got == want[e] && answered == 8 && (control ? again > 0 : again == 0),
              "after a %s call (end %d) its worker %s again (warm %d, same worker %d, %d of 8 later calls "
              "answered, %d by it)", ends[e], got, control ? "serves" : "never serves", warm, same, answered,
              again);
    }
    /* a timeout: the worker is killed, the next call gets a fresh one */
    for (int i = 0; i < 3; i++) (void)call(gz, 'a', "a", "probe", 0, &cs, &p0);
    int warm = call(gz, 'a', "a", "probe", 0, &cs, &p0) == 0 && p0.mark == 'a';
    time_t t0 = time(NULL);
    int sr = call(gz, 'a', "a", "sleep", 100000000ull, &cs, &p1);
    bxc_end send = cs.end;
    char sdetail[sizeof cs.detail];
    snprintf(sdetail, sizeof sdetail, "%s", cs.detail);
    int timed_out = sr != 0 && send == BX_CONFINE_CRASHED;
    int again = 0, answered = 0;
    for (int i = 0; i < 8; i++)
        if (call(gz, 'a', "a", "probe", 0, &cs, &p2) == 0) answered++, again += p2.pid == p0.pid;
    CHECK(warm && timed_out && answered == 8 && again == 0,
          "after a timed-out call its worker never serves again (warm %d, call %d end %d '%s' after %lds; "
          "%d of 8 later calls answered, %d by it)", warm, sr, send, sdetail, (long)(time(NULL) - t0),
          answered, again);

    /* ---- never another owner, even with the same grants ---- */
    for (int i = 0; i < 3; i++) (void)call(gz, 'a', "a", "probe", 0, &cs, &p0);
    int forged = call(gz, 'c', "a", "probe", 0, &cs, &p1);
    CHECK(forged != 0 && cs.end != BX_CONFINE_ENDED,
          "a request of owner c to a worker confined for a (same grants) is refused (end %d)", cs.end);
    int cok = call(gz, 'c', "c", "probe", 0, &cs, &p1) == 0 && call(gz, 'c', "c", "probe", 0, &cs, &p1) == 0 &&
              call(gz, 'c', "c", "probe", 0, &cs, &p1) == 0 && call(gz, 'c', "c", "probe", 0, &cs, &p1) == 0;
    CHECK(cok && p1.mark != 'a', "c's own workers never carry a's marker (c: %d, mark %c)", cok, p1.mark);
    bxc_zygote_stop(gz);

    for (int k = 0; k < 2; k++) {
        unlink(zc.file[k]);
        char dir[300];
        snprintf(dir, sizeof dir, "%s/%c", tmp, "ab"[k]);
        rmdir(dir);
    }
    rmdir(tmp);
    return check_report();
}
