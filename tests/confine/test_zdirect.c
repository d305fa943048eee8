/*
 * test_zdirect.c — the direct channel to reused workers (src/confine/
 * zygote.c): after a clean call the server keeps talking to the worker
 * on that call's socket.  Bodies act as a compromised worker would.
 *
 * - executors a and b under 6 threads, reuse on: a worker confined for
 *   one executor never receives the other's request (each reply names the
 *   executor its process was confined for and the one its request named),
 *   while workers do serve many calls each (the direct channel is used);
 * - a reused worker killed while idle: the next call is answered, by
 *   another worker; one that crashes mid-call (SIGSEGV) ends that call as
 *   crashed, one that makes a forbidden system call ends it as a
 *   violation naming the call (the violation pipe is kept with the
 *   socket), and the next call gets a fresh worker;
 * - a worker that writes bytes on its socket between calls, replies
 *   garbage, or a record longer than any frame, or a reply over the
 *   call's bound: that call ends with a clean outcome (or, for bytes
 *   between calls, the next call goes to another worker) and later calls
 *   are answered;
 * - after a refresh no worker of before serves again;
 * - after 1,000 calls (with crashes among them) the caller's descriptors
 *   are back to what they were plus at most the idle direct workers', and
 *   no child of the zygote (or of its executor zygotes) is a zombie.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"
#include "confine.h"

static bxc_policy pol[2];
static bxc_prepared *pre[2];
static char confined_for = '-';   /* set by preconfine: the executor this process is walled in for */

static int which(const char *h) { return !strcmp(h, "a") ? 0 : !strcmp(h, "b") ? 1 : -1; }

static const bxc_prepared *prefork(void *c, const char *hint)
{
    (void)c;
    int k = hint ? which(hint) : -1;
    if (k < 0) return NULL;
    if (!pre[k]) pre[k] = bxc_prepare(&pol[k]);
    return pre[k];
}

static int preconfine(void *c, const char *hint, bxc_policy *p)
{
    (void)c;
    int k = which(hint);
    if (k < 0) return -1;
    *p = pol[k];
    p->owner = (uint32_t)k + 1;
    p->reuse_calls = 1000;
    confined_for = "ab"[k];
    return 0;
}

typedef struct job { char exec; char op[31]; } job;

static int prepare(void *c, int fd, bxc_policy *p, void **jp)
{
    (void)c;
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
    *p = pol[k];
    p->owner = (uint32_t)k + 1;
    *jp = j;
    return 0;
}

static int served;

static void *late_write(void *arg)
{
    int fd = (int)(intptr_t)arg;
    struct timespec ts = { 0, 100000000 };
    nanosleep(&ts, NULL);
    (void)!write(fd, "garbage between calls", 21);
    return NULL;
}

static int body(void *c, void *jv, int fd)
{
    (void)c;
    job *j = jv;
    char op[32], buf[200];
    snprintf(op, sizeof op, "%s", j->op);
    char exec = j->exec;
    free(j);
    served++;
    if (!strcmp(op, "segv")) raise(SIGSEGV);
    if (!strcmp(op, "fork")) {
        pid_t p = fork();
        if (p == 0) _exit(0);
    }
    if (!strcmp(op, "junk")) {   /* no frame at all */
        (void)!write(fd, "\x01\x02\x03junk", 7);
        return 0;
    }
    if (!strcmp(op, "huge")) {   /* a 'D' record declaring more than any frame */
        uint8_t h[5] = { 'D', 0xff, 0xff, 0xff, 0x7f };
        (void)!write(fd, h, sizeof h);
        return 0;
    }
    if (!strcmp(op, "over")) {   /* a valid reply over the call's bound */
        static char big[65536];
        memset(big, 'x', sizeof big);
        return bxc_reply(fd, big, sizeof big) ? -1 : 0;
    }
    if (!strcmp(op, "late")) {   /* clean now, bytes on the socket after */
        pthread_t t;
        if (pthread_create(&t, NULL, late_write, (void *)(intptr_t)fd) == 0) pthread_detach(t);
    }
    int n = snprintf(buf, sizeof buf, "pid=%ld conf=%c exec=%c served=%d", (long)getpid(), confined_for, exec,
                     served);
    return bxc_reply(fd, buf, (size_t)n) ? -1 : 0;
}

typedef struct probe { long pid; char conf, exec; int served; } probe;

static bxc_zygote *gz;

static int call(char exec, const char *op, bxc_status *cs, probe *pr)
{
    job j;
    memset(&j, 0, sizeof j);
    j.exec = exec;
    snprintf(j.op, sizeof j.op, "%s", op);
    char hint[2] = { exec, 0 };
    bxc_policy pv = pol[which(hint)];
    pv.timeout_ns = 20000000000ull;
    pv.sandbox_id = "t#1";
    pv.reuse_calls = 1000;
    pv.owner = (uint32_t)which(hint) + 1;
    uint8_t *rep = NULL;
    size_t rl = 0;
    bx_error err;
    memset(pr, 0, sizeof *pr);
    memset(cs, 0, sizeof *cs);
    if (bxc_zygote_call(gz, &pv, hint, &j, sizeof j, NULL, 4096, &rep, &rl, cs, &err) != BX_OK) return -1;
    int ok = -1;
    if (cs->end == BX_CONFINE_ENDED && rep) {
        char s[256];
        snprintf(s, sizeof s, "%.*s", (int)rl, (char *)rep);
        ok = sscanf(s, "pid=%ld conf=%c exec=%c served=%d", &pr->pid, &pr->conf, &pr->exec, &pr->served) == 4
                 ? 0 : -1;
    }
    free(rep);
    return ok;
}

/* ---- 6 threads, a and b interleaved ---- */
#define THREADS 6
#define PER_THREAD 60
typedef struct tres { int idx, answered, wrong, most; } tres;

static void *loader(void *arg)
{
    tres *t = arg;
    for (int i = 0; i < PER_THREAD; i++) {
        bxc_status cs;
        probe p;
        char e = ((i + t->idx) % 2) ? 'a' : 'b';
        if (call(e, "probe", &cs, &p) != 0) continue;
        t->answered++;
        /* '-': a worker forked for this call alone (not pooled yet) */
        t->wrong += (p.conf != e && !(p.conf == '-' && p.served == 1)) || p.exec != e;
        if (p.served > t->most) t->most = p.served;
    }
    return NULL;
}

static int count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d) return -1;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n - 1;   /* the directory's own */
}

/* state and parent of pid from /proc; 0, or -1 */
static int stat_of(long pid, char *state, long *ppid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *r = strrchr(buf, ')');
    return r && sscanf(r + 2, "%c %ld", state, ppid) == 2 ? 0 : -1;
}

/* zombies among the children of the zygote and of its children */
static int zombies(pid_t zyg)
{
    int nz = 0;
    long kids[256];
    int nk = 0;
    DIR *d = opendir("/proc");
    if (!d) return -1;
    for (struct dirent *e; (e = readdir(d));) {
        char st;
        long pid = atol(e->d_name), pp;
        if (pid > 0 && stat_of(pid, &st, &pp) == 0 && pp == zyg && nk < 256) kids[nk++] = pid;
    }
    rewinddir(d);
    for (struct dirent *e; (e = readdir(d));) {
        char st;
        long pid = atol(e->d_name), pp;
        if (pid <= 0 || stat_of(pid, &st, &pp) != 0 || st != 'Z') continue;
        int ours = pp == zyg;
        for (int i = 0; i < nk && !ours; i++) ours = pp == kids[i];
        nz += ours;
    }
    closedir(d);
    return nz;
}

static void pause_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

/* a call of exec that lands on a worker that has served before (direct) */
static int warm(char exec, probe *p)
{
    bxc_status cs;
    for (int i = 0; i < 6; i++)
        if (call(exec, "probe", &cs, p) == 0 && p->served >= 2) return 1;
    return 0;
}

int main(void)
{
    char tmp[] = "/tmp/bx-zdirect-XXXXXX";
    if (!mkdtemp(tmp)) return 2;
    for (int k = 0; k < 2; k++) {
        bxc_policy_init(&pol[k]);
        bxc_policy_add_path(&pol[k], tmp, 0, NULL);
    }
    signal(SIGPIPE, SIG_IGN);
    int fd0 = count_fds();
    bx_error err;
    gz = bxc_zygote_start_pool(NULL, prefork, preconfine, prepare, body, NULL, &err);
    CHECK(gz != NULL, "zygote: %s", gz ? "" : err.msg);
    if (!gz) return check_report();
    bxc_status cs;
    probe p0, p1, p2;

    /* ---- a's workers never see b's requests ---- */
    tres res[THREADS];
    pthread_t th[THREADS];
    memset(res, 0, sizeof res);
    for (int i = 0; i < THREADS; i++) {
        res[i].idx = i;
        pthread_create(&th[i], NULL, loader, &res[i]);
    }
    int answered = 0, wrong = 0, most = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        answered += res[i].answered;
        wrong += res[i].wrong;
        if (res[i].most > most) most = res[i].most;
    }
    CHECK(answered == THREADS * PER_THREAD, "6 threads: %d of %d calls answered", answered, THREADS * PER_THREAD);
    CHECK(wrong == 0, "6 threads: %d calls reached a worker confined for the other executor", wrong);
    CHECK(most >= 10, "6 threads: workers are reused (one served %d calls)", most);

    /* ---- a reused worker killed while idle ---- */
    int w = warm('a', &p0);
    kill((pid_t)p0.pid, SIGKILL);
    pause_ms(50);
    int r = call('a', "probe", &cs, &p1);
    CHECK(w && r == 0 && p1.pid != p0.pid, "a direct worker killed idle: the next call is answered (%d) by "
          "another worker (%ld, was %ld)", r, p1.pid, p0.pid);

    /* ---- crash and violation mid-call on a direct worker ---- */
    w = warm('b', &p0);
    r = call('b', "segv", &cs, &p1);
    bxc_end e1 = cs.end;
    int sig = cs.signal;
    int r2 = call('b', "probe", &cs, &p2);
    CHECK(w && r != 0 && e1 == BX_CONFINE_CRASHED && sig == SIGSEGV && r2 == 0 && p2.pid != p0.pid,
          "a direct worker's SIGSEGV: crashed with signal %d (end %d), the next call answered (%d) by a fresh "
          "worker", sig, e1, r2);
    w = warm('b', &p0);
    r = call('b', "fork", &cs, &p1);
    char sys[sizeof cs.syscall];
    snprintf(sys, sizeof sys, "%s", cs.syscall);
    e1 = cs.end;
    r2 = call('b', "probe", &cs, &p2);
    CHECK(w && r != 0 && e1 == BX_CONFINE_VIOLATION && (!strcmp(sys, "clone") || !strcmp(sys, "fork") ||
          !strcmp(sys, "clone3")) && r2 == 0 && p2.pid != p0.pid,
          "a direct worker's forbidden fork: violation (end %d) naming '%s', the next call answered (%d) by a "
          "fresh worker", e1, sys, r2);

    /* ---- garbage, a frame over any bound, a reply over the call's ---- */
    static const char *const bad[] = { "junk", "huge", "over" };
    for (size_t i = 0; i < 3; i++) {
        w = warm('a', &p0);
        r = call('a', bad[i], &cs, &p1);
        char det[sizeof cs.detail];
        snprintf(det, sizeof det, "%s", cs.detail);
        e1 = cs.end;
        int later = 0, fresh = 1;
        for (int k = 0; k < 4; k++)
            if (call('a', "probe", &cs, &p2) == 0) later++, fresh &= p2.pid != p0.pid;
        CHECK(w && r != 0 && e1 == BX_CONFINE_CRASHED && strstr(det, "reply was") && later == 4 && fresh,
              "a direct worker replying %s: the call ends crashed (end %d, '%s'), %d of 4 later calls answered, "
              "none by it", bad[i], e1, det, later);
    }
    /* bytes between calls: the worker is not given the next call */
    w = warm('a', &p0);
    r = call('a', "late", &cs, &p1);
    pause_ms(300);
    r2 = call('a', "probe", &cs, &p2);
    CHECK(w && r == 0 && p1.pid == p0.pid && r2 == 0 && p2.pid != p0.pid,
          "bytes on a direct worker's socket between calls: the next call (%d) goes to another worker", r2);

    /* ---- a refresh: no worker of before serves again ---- */
    w = warm('b', &p0);
    bxc_zygote_refresh(gz);
    int again = 0;
    answered = 0;
    for (int k = 0; k < 6; k++)
        if (call('b', "probe", &cs, &p2) == 0) answered++, again += p2.pid == p0.pid;
    CHECK(w && answered == 6 && again == 0, "after a refresh: %d of 6 calls answered, %d by a worker of before",
          answered, again);

    /* ---- 1,000 calls: no descriptor kept, no zombie ---- */
    int ok = 0, crashed = 0;
    for (int i = 0; i < 1000; i++) {
        const char *op = i % 97 == 13 ? "segv" : i % 89 == 7 ? "junk" : "probe";
        if (call(i % 3 ? 'a' : 'b', op, &cs, &p1) == 0) ok++;
        else crashed += cs.end == BX_CONFINE_CRASHED;
    }
    pause_ms(300);
    int fd1 = count_fds(), nz = zombies(bxc_zygote_pid(gz));
    CHECK(ok + crashed == 1000 && crashed >= 10, "1,000 calls: %d answered, %d crashed as asked", ok, crashed);
    CHECK(fd1 >= fd0 && fd1 <= fd0 + 2 + 2 * 16, "descriptors: %d before, %d after 1,000 calls (the zygote's "
          "socket and at most 16 idle direct workers' two each)", fd0, fd1);
    CHECK(nz == 0, "%d zombies among the zygote's children and grandchildren", nz);
    bxc_zygote_stop(gz);
    int fd2 = count_fds();
    CHECK(fd2 == fd0, "descriptors: %d before, %d after the zygote stopped", fd0, fd2);
    rmdir(tmp);
    return check_report();
}
