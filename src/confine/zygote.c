/*
 * zygote.c — confined workers for a long-lived server (mcp, serve).
 *
 * The server forks the zygote once, before it reads any request: the
 * zygote's memory holds the tools and the executors' settings, never a
 * client's bytes.  Per call the server hands the zygote two descriptors
 * (the call's socket and violation pipe) and a hint (the tool to have
 * loaded); the zygote forks a worker and reports its pid and, when it
 * ends, its wait status.  The worker reads its request from the socket,
 * confines itself (bxc_confine_self: limits, Landlock to the call's
 * grants, seccomp) and only then runs the call; its reply and audit lines
 * come back on the socket to the server thread that asked, parsed and
 * bounded as bxc_exec does.  The server never runs guest code, and
 * a worker that crashes ends its own call only.
 *
 * Control messages: SOCK_SEQPACKET, one fixed-size zmsg each way.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "confine.h"
#include "confine_impl.h"

typedef struct zmsg {
    uint8_t op;          /* server->zygote: 'F' fork, 'K' kill, 'R' refresh,
                            'D' direct (the server keeps the worker's
                            socket and serves it the next calls itself),
                            'O' answered (the reply is whole; val N >= 1:
                            the worker said it may serve again and the
                            server judged its reply clean: pool it if it
                            has served fewer than N calls, else end it);
                            zygote->server: 'X' ended, 'E' fork failed */
    uint8_t pad[3];
    int32_t val;         /* P: pid; X: wait status; E: errno */
    uint64_t id;
    char hint[256];
} zmsg;

typedef struct zslot {
    struct zslot *next;
    uint64_t id;
    pid_t pid;
    int done, ws, ferr;
} zslot;

/* A reused worker the server talks to directly (after its first call
 * through the zygote was clean and it said it may serve again): its
 * socket and violation pipe, and the slot its end ('X', from the zygote,
 * which still reaps it) lands in.  Only for calls of its hint and owner;
 * calls: served so far, counted here (the worker counts too). */
typedef struct zdirect {
    char hint[256];
    uint32_t owner, calls;
    int sock, vfd;
    zslot *slot;
    uint64_t gen, used;
} zdirect;
#define ZDIRECT_MAX 16

struct bxc_zygote {
    pid_t pid;
    int ctl;
    void *ctx;
    bxc_zygote_prefork prefork;
    bxc_zygote_prepare prepare;
    bxc_zygote_preconfine preconfine;   /* NULL: no pool */
    bxc_zygote_body body;
    void (*refresh)(void *ctx);
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t reader;
    uint64_t next_id;
    zslot *slots;
    int dead;
    zdirect direct[ZDIRECT_MAX];   /* idle direct workers, under mu */
    size_t ndirect;
    uint64_t gen, tick;            /* gen: bumped by a refresh */
};

/* ---- the zygote process ------------------------------------------------- */

/* sub: its executor zygote (0: ours); pfd: a pidfd of it from that
 * executor zygote (-1: none), so that it is killed without a relay; w: a
 * pooled worker's socket (-1: none), kept to pool it again, for the calls
 * of hint */
typedef struct zlive { uint64_t id; pid_t pid, sub; int pfd, w; char hint[256]; uint32_t calls; } zlive;

/* A pooled worker: forked and confined for one hint before its call
 * exists, waiting on w for the call's descriptors (at most ZPOOL_MAX,
 * the oldest evicted first). */
/* calls: how many it has served (counted here, not by the worker: a
 * compromised worker cannot extend its own life) */
/* since: when a pending one (pend) was asked for */
typedef struct zpooled { char hint[256]; pid_t pid; int w; pid_t sub; int pfd; uint64_t pend, since; uint32_t calls; } zpooled;
#define ZPOOL_MAX 8

/* One message from fd into *m and the one or two descriptors sent with it
 * into fds (-1 when none came); recvmsg's result (EINTR left to the caller). */
static ssize_t zrecv(int fd, zmsg *m, int fds[2])
{
    union { struct cmsghdr h; char b[CMSG_SPACE(2 * sizeof(int))]; } cb;
    struct iovec iov = { m, sizeof *m };
    struct msghdr mh;
    memset(&mh, 0, sizeof mh);
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = cb.b;
    mh.msg_controllen = sizeof cb.b;
    fds[0] = fds[1] = -1;
    ssize_t n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
    for (struct cmsghdr *c = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL; c; c = CMSG_NXTHDR(&mh, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            if (c->cmsg_len == CMSG_LEN(2 * sizeof(int)))
                memcpy(fds, CMSG_DATA(c), 2 * sizeof(int));
            else if (c->cmsg_len == CMSG_LEN(sizeof(int)))
                memcpy(fds, CMSG_DATA(c), sizeof(int));
        }
    return n;
}

static int zsendmsg_n(int fd, const zmsg *m, const int *fds, int nfds);

/* *m to fd, with fds (two descriptors, or NULL) passed along; 0, or -1. */
static int zsendmsg(int fd, const zmsg *m, const int *fds)
{
    return zsendmsg_n(fd, m, fds, fds ? 2 : 0);
}

static int zsendmsg_n(int fd, const zmsg *m, const int *fds, int nfds)
{
    union { struct cmsghdr h; char b[CMSG_SPACE(2 * sizeof(int))]; } cb;
    struct iovec iov = { (void *)m, sizeof *m };
    struct msghdr mh;
    memset(&mh, 0, sizeof mh);
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    if (nfds) {
        memset(&cb, 0, sizeof cb);
        mh.msg_control = cb.b;
        mh.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
        struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
        memcpy(CMSG_DATA(c), fds, (size_t)nfds * sizeof(int));
    }
    ssize_t n;
    while ((n = sendmsg(fd, &mh, MSG_NOSIGNAL)) < 0 && errno == EINTR) {}
    return n == (ssize_t)sizeof *m ? 0 : -1;
}

static void zsend(int ctl, uint8_t op, uint64_t id, int32_t val)
{
    zmsg m;
    memset(&m, 0, sizeof m);
    m.op = op;
    m.id = id;
    m.val = val;
    while (send(ctl, &m, sizeof m, MSG_NOSIGNAL) < 0 && errno == EINTR) {}
}

static void zworker(bxc_zygote *z, const bxc_prepared *pre, pid_t zpid, int fd, int vfd)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != zpid) _exit(BXC_WORKER_BODY_FAILED);
    bxc_policy pol;
    void *job = NULL;
    if (z->prepare(z->ctx, fd, &pol, &job) != 0) _exit(BXC_WORKER_BODY_FAILED);
    bxc_confine_self(&pol, pre, fd, vfd);
    int rc = z->body(z->ctx, job, fd);
    fflush(NULL);
    if (rc >= 0) bxc_reply_done(fd);
    _exit(rc >= 0 ? BXC_WORKER_OK : BXC_WORKER_BODY_FAILED);
}

/* The call's policy as prepare read it from the request must be the one
 * the pooled worker confined itself to (the hint names the executor, the
 * request too: both come from the server, checked all the same). */
static int same_policy(const bxc_policy *a, const bxc_policy *b)
{
    return a->paths == b->paths && a->npaths == b->npaths && a->net == b->net &&
           a->connect_any == b->connect_any && a->nports == b->nports &&
           !memcmp(a->ports, b->ports, sizeof a->ports) && a->max_fds == b->max_fds &&
           a->max_memory == b->max_memory && a->max_stack == b->max_stack && a->require_full == b->require_full &&
           a->owner == b->owner && (a->preload_curl || !b->preload_curl);
}

/* Close every descriptor above stdio but keep[] (-1 entries ignored). */
static void zkeep(const int *keep, int n)
{
    int k[4], m = 0;
    for (int i = 0; i < n && m < 4; i++)
        if (keep[i] > 2) k[m++] = keep[i];
    for (int i = 1; i < m; i++)
        for (int j = i; j > 0 && k[j - 1] > k[j]; j--) { int t = k[j]; k[j] = k[j - 1]; k[j - 1] = t; }
    unsigned lo = 3;
    for (int i = 0; i < m; i++) {
        if ((unsigned)k[i] > lo) syscall(SYS_close_range, lo, (unsigned)k[i] - 1, 0);
        lo = (unsigned)k[i] + 1;
    }
    syscall(SYS_close_range, lo, ~0u, 0);
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

/* A pooled worker, confined: waits on w for its call's descriptors (EOF:
 * it was evicted), then serves that call.  It ends after it, unless its
 * policy allows more calls (reuse_calls), the body says the call ended
 * cleanly and its memory has not grown past the bound: then its reply
 * ends with 'Z' + 'R' and it keeps the call's socket and violation pipe.
 * The server either keeps talking to it there (direct: the zygote closes
 * w on the server's 'D', and the next request of the same hint comes on
 * the socket) or closes the socket and has the zygote pool it again ('O'
 * N: the next call's descriptors come on w).  It ends once both are
 * closed. */
static void zpool_serve(bxc_zygote *z, int w, const bxc_policy *pol, bxc_level lv, const char *why,
                        const char *hint)
{
    uint32_t left = pol->reuse_calls > 1 ? pol->reuse_calls : 1;
    if (left > BXC_REUSE_MAX) left = BXC_REUSE_MAX;
    long rss0 = left > 1 ? peak_rss_kb() : -1;
    int cs = -1, cv = -1;      /* the last call's socket and violation pipe */
    for (;;) {
        /* the next call: a request on cs (direct), or new descriptors on w */
        while (cs >= 0 || w >= 0) {
            struct pollfd pf[2] = { { cs, POLLIN, 0 }, { w, POLLIN, 0 } };
            if (poll(pf, 2, -1) < 0) {
                if (errno == EINTR) continue;
                _exit(0);
            }
            if (cs >= 0 && pf[0].revents) {
                char c;
                ssize_t k = recv(cs, &c, 1, MSG_PEEK | MSG_DONTWAIT);
                if (k == 1) break;                /* a request: served on cs */
                if (k < 0 && (errno == EAGAIN || errno == EINTR)) continue;
                close(cs);                        /* the server let it go */
                close(cv);
                cs = cv = -1;
                bxc_set_violation_fd(-1);
                continue;
            }
            if (w < 0 || !pf[1].revents) continue;
            zmsg m;
            int fds[2];
            ssize_t n = zrecv(w, &m, fds);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {                         /* evicted, direct, or the zygote is gone */
                close(w);
                w = -1;
                continue;
            }
            m.hint[sizeof m.hint - 1] = 0;
            if (n != (ssize_t)sizeof m || m.op != 'F' || fds[0] < 0 || fds[1] < 0 || strcmp(m.hint, hint))
                _exit(0);
            if (cs >= 0) close(cs), close(cv);
            cs = fds[0];
            cv = fds[1];
            break;
        }
        if (cs < 0) _exit(0);
        if (left == 1 && w >= 0) close(w), w = -1;
        bxc_set_violation_fd(cv);
        bxc_confine_report(pol, cs, lv, why);
        bxc_policy got;
        void *job = NULL;
        if (z->prepare(z->ctx, cs, &got, &job) != 0 || !same_policy(pol, &got))
            _exit(BXC_WORKER_BODY_FAILED);
        int rc = z->body(z->ctx, job, cs);
        fflush(NULL);
        long rss = left > 1 ? peak_rss_kb() : -1;
        int again = rc == 0 && --left > 0 && rss0 >= 0 && rss >= 0 &&
                    rss - rss0 <= (long)BXC_REUSE_MAX_GROWTH_KB;
        if (rc >= 0 && (again ? bxc_reply_done_again(cs) : bxc_reply_done(cs)) != 0) again = 0;
        if (!again) _exit(rc >= 0 ? BXC_WORKER_OK : BXC_WORKER_BODY_FAILED);
    }
}

/* A pooled worker forked by the zygote itself (no executor zygote could
 * be had): confined now, for the executor its hint names; then one call,
 * whose descriptors the zygote sends when the call comes. */
static void zpool_worker(bxc_zygote *z, const bxc_prepared *pre, pid_t zpid, int w,
                         const char *hint)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != zpid) _exit(BXC_WORKER_BODY_FAILED);
    /* nothing of the zygote's but w and the ruleset */
    int keep[2] = { w, bxc_prepared_rs(pre) };
    zkeep(keep, 2);
    bxc_policy pol;
    if (z->preconfine(z->ctx, hint, &pol) != 0) _exit(BXC_WORKER_BODY_FAILED);
    char why[256];
    bxc_level lv = bxc_confine_apply(&pol, pre, -1, why);
    zpool_serve(z, w, &pol, lv, why, hint);
}

/* ---- executor zygotes --------------------------------------------------- *
 * Attaching the seccomp program is the largest part of confining a worker
 * (the kernel checks it, compiles it and runs it once per system call
 * number).  For a hint that repeats, the zygote forks an executor zygote:
 * a process confined once, as that executor's workers are (rlimits,
 * no_new_privs, Landlock, the seccomp program of bxc_seccomp_zygote), that
 * never runs guest code nor reads a client's bytes: it only forks pooled
 * workers when the zygote asks.  Each inherits its walls and adds a tail
 * (bxc_confine_tail: a nested Landlock domain that scopes signals and
 * abstract sockets to itself, and a seccomp tail with its pid that
 * refuses fork, wait4, signals to others), so a worker is walled in as
 * one the zygote confined itself, for a fraction of the cost.  Its wait
 * status comes back to the zygote as an 'X' message from its executor
 * zygote, which alone can wait for it. */
typedef struct zsub {
    char hint[256];
    pid_t pid;
    int ctl;             /* SOCK_SEQPACKET to it */
    int quit;            /* told to end once its workers have ended ('Q') */
    int dead;            /* its socket ended: removed at the next sweep */
    uint64_t used;       /* last use (least recently used quits first) */
} zsub;
#define ZSUB_MAX 8       /* serving at once */
#define ZSUB_SLOTS 32    /* with those still ending */

static void zsub_chld(int sig) { (void)sig; }

/* An executor zygote's name (ps, /proc/PID/comm), so that it is told from
 * its workers, which take back the name they had. */
#define ZSUB_NAME "bx-exzygote"

static void zsub_worker(bxc_zygote *z, const bxc_prepared *pre, pid_t sub, int w,
                        const bxc_policy *pol, bxc_level lv, const char *why0, const char *name,
                        const char *hint)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != sub) _exit(0);
    prctl(PR_SET_NAME, name, 0, 0, 0);
    int keep[2] = { w, bxc_prepared_srs(pre) };
    zkeep(keep, 2);
    char why[256];
    snprintf(why, sizeof why, "%s", why0);
    bxc_level got = bxc_confine_tail(pre, lv, why);
    /* walled in less than the executor's zygote said: it never serves */
    if (got == BX_CONFINE_NONE && lv != BX_CONFINE_NONE) _exit(0);
    zpool_serve(z, w, pol, got, why, hint);
}

static void zsub_main(bxc_zygote *z, const bxc_prepared *pre, pid_t zpid, int ctl, const char *hint)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != zpid) _exit(0);
    int keep[3] = { ctl, bxc_prepared_rs(pre), bxc_prepared_srs(pre) };
    zkeep(keep, 3);
    bxc_policy pol;
    if (z->preconfine(z->ctx, hint, &pol) != 0) _exit(0);
    char why[256], name[17] = "";
    prctl(PR_GET_NAME, name, 0, 0, 0);
    prctl(PR_SET_NAME, ZSUB_NAME, 0, 0, 0);
    bxc_level lv = bxc_confine_apply_zygote(&pol, pre, why);
    /* SIGCHLD only while waiting in ppoll, so no end is missed */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = zsub_chld;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t chld, none;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    pid_t self = getpid(), *kids = NULL;
    size_t nk = 0, kcap = 0;
    int quit = 0;
    for (;;) {
        int ws;
        pid_t p;
        while ((p = waitpid(-1, &ws, WNOHANG)) > 0) {
            for (size_t i = 0; i < nk; i++)
                if (kids[i] == p) { kids[i] = kids[--nk]; break; }
            zsend(ctl, 'X', (uint64_t)p, ws);
        }
        if (quit && !nk) _exit(0);
        struct pollfd pf = { ctl, POLLIN, 0 };
        if (ppoll(&pf, 1, NULL, &none) < 0) continue;   /* a worker ended */
        zmsg m;
        int fds[2];
        ssize_t n = zrecv(ctl, &m, fds);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {                  /* the zygote ends: so do its workers */
            for (size_t i = 0; i < nk; i++) kill(kids[i], SIGKILL);
            for (size_t i = 0; i < nk; i++)
                while (waitpid(kids[i], NULL, 0) < 0 && errno == EINTR) {}
            _exit(0);
        }
        if (fds[1] >= 0) close(fds[1]);
        if (n != (ssize_t)sizeof m || m.op != 'F' || fds[0] < 0) {
            if (fds[0] >= 0) close(fds[0]);
            if (n == (ssize_t)sizeof m && m.op == 'Q') quit = 1;
            if (n == (ssize_t)sizeof m && m.op == 'K')
                for (size_t i = 0; i < nk; i++)   /* only its own, not yet reaped */
                    if (kids[i] == (pid_t)m.val) kill(kids[i], SIGKILL);
            continue;
        }
        if (nk == kcap) {
            size_t c2 = kcap ? kcap * 2 : 16;
            pid_t *q = realloc(kids, c2 * sizeof *q);
            if (!q) {
                close(fds[0]);
                zsend(ctl, 'E', m.id, ENOMEM);
                continue;
            }
            kids = q;
            kcap = c2;
        }
        pid_t pid = fork();
        if (pid == 0) {
            sigprocmask(SIG_UNBLOCK, &chld, NULL);
            signal(SIGCHLD, SIG_DFL);
            zsub_worker(z, pre, self, fds[0], &pol, lv, why, name, hint);
            _exit(0);
        }
        int e = errno;
        close(fds[0]);
        if (pid < 0) {
            zsend(ctl, 'E', m.id, e);
            continue;
        }
        kids[nk++] = pid;
        /* a pidfd of it (not reaped yet: it is this one's), for the zygote */
        int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
        zmsg r;
        memset(&r, 0, sizeof r);
        r.op = 'P';
        r.id = m.id;
        r.val = pid;
        if (pfd < 0 || zsendmsg_n(ctl, &r, &pfd, 1) != 0) zsend(ctl, 'P', m.id, pid);
        if (pfd >= 0) close(pfd);
    }
}

/* ---- the zygote process: its state -------------------------------------- */

typedef struct zstate {
    bxc_zygote *z;
    int ctl, sfd;
    sigset_t old;
    pid_t self;
    zlive *live;
    size_t nlive, cap;
    zpooled pool[ZPOOL_MAX];
    size_t npool;
    zsub subs[ZSUB_SLOTS];
    size_t nsubs;
    uint64_t tick, sub_id;
} zstate;

static zsub *sub_of(zstate *st, pid_t pid)
{
    for (size_t i = 0; i < st->nsubs; i++)
        if (st->subs[i].pid == pid && !st->subs[i].dead) return &st->subs[i];
    return NULL;
}

static void pool_drop(zstate *st, size_t i, int kill_it)
{
    zpooled *pool = st->pool;
    /* one of an executor zygote's ends when w closes (only its parent may
     * signal it, and only its parent knows whether the pid is still its) */
    if (kill_it && !pool[i].sub) kill(pool[i].pid, SIGKILL);
    close(pool[i].w);
    if (pool[i].pfd >= 0) close(pool[i].pfd);
    memmove(pool + i, pool + i + 1, (st->npool - i - 1) * sizeof *pool);
    st->npool--;
}

static void live_drop(zstate *st, size_t i)
{
    if (st->live[i].pfd >= 0) close(st->live[i].pfd);
    if (st->live[i].w >= 0) close(st->live[i].w);
    st->live[i] = st->live[--st->nlive];
}

/* A worker ended: its call's 'X' to the server, or a pooled one dropped. */
static void worker_ended(zstate *st, pid_t pid, pid_t sub, int ws)
{
    for (size_t i = 0; i < st->nlive; i++)
        if (st->live[i].pid == pid && st->live[i].sub == sub) {
            zsend(st->ctl, 'X', st->live[i].id, ws);
            live_drop(st, i);
            return;
        }
    for (size_t i = 0; i < st->npool; i++)
        if (st->pool[i].pid == pid && st->pool[i].sub == sub) {   /* died waiting */
            pool_drop(st, i, 0);
            return;
        }
}

/* An executor zygote's socket ended (it crashed, or quit): the calls its
 * workers ran end as killed (its workers die with it), its pool goes. */
static void sub_gone(zstate *st, zsub *s)
{
    s->dead = 1;
    for (size_t i = 0; i < st->nlive;)
        if (st->live[i].sub == s->pid) {
            zsend(st->ctl, 'X', st->live[i].id, SIGKILL);
            live_drop(st, i);
        } else {
            i++;
        }
    for (size_t i = 0; i < st->npool;)
        if (st->pool[i].sub == s->pid) pool_drop(st, i, 0);
        else i++;
}

/* One message from executor zygote s; 0, or -1 when it is gone.  A reply
 * to request want ('P' or 'E') lands in *reply. */
static int sub_read(zstate *st, zsub *s, uint64_t want, zmsg *reply, int *pfd)
{
    zmsg m;
    int fds[2];
    ssize_t n = zrecv(s->ctl, &m, fds);
    if (n == (ssize_t)sizeof m && m.op == 'P' && m.id == want && reply && pfd) {
        *pfd = fds[0];          /* the worker's pidfd, or -1 */
        fds[0] = -1;
    }
    if (fds[1] >= 0) close(fds[1]);
    if (n != (ssize_t)sizeof m && fds[0] >= 0) close(fds[0]);
    if (n < 0 && errno == EINTR) return 0;
    if (n != (ssize_t)sizeof m) {
        sub_gone(st, s);
        return -1;
    }
    if (m.op == 'X') worker_ended(st, (pid_t)m.id, s->pid, m.val);
    else if ((m.op == 'P' || m.op == 'E') && m.id == want && reply) *reply = m;
    else if (m.op == 'P' || m.op == 'E')
        for (size_t i = 0; i < st->npool; i++) {   /* a refill asked for without waiting */
            zpooled *q = &st->pool[i];
            if (!q->pend || q->pend != m.id || q->sub != s->pid) continue;
            if (m.op == 'E' || m.val <= 0) {
                pool_drop(st, i, 0);
                break;
            }
            q->pid = m.val;
            q->pend = 0;
            q->pfd = fds[0];
            fds[0] = -1;
            break;
        }
    if (fds[0] >= 0) close(fds[0]);
    return 0;
}

static void sub_quit(zstate *st, zsub *s)
{
    zsend(s->ctl, 'Q', 0, 0);
    s->quit = 1;
    for (size_t i = 0; i < st->npool;)
        if (st->pool[i].sub == s->pid) pool_drop(st, i, 0);
        else i++;
}

static void sub_sweep(zstate *st)
{
    for (size_t i = 0; i < st->nsubs;)
        if (st->subs[i].dead) {
            close(st->subs[i].ctl);
            st->subs[i] = st->subs[--st->nsubs];
        } else {
            i++;
        }
}

/* The executor zygote serving hint, started when there is none; NULL when
 * none can be had (the caller forks from the zygote itself). */
static zsub *sub_for(zstate *st, const char *hint, const bxc_prepared *pre)
{
    zsub *lru = NULL;
    size_t active = 0;
    for (size_t i = 0; i < st->nsubs; i++) {
        zsub *s = &st->subs[i];
        if (s->quit || s->dead) continue;
        if (!strcmp(s->hint, hint)) return s;
        active++;
        if (!lru || s->used < lru->used) lru = s;
    }
    if (!pre) return NULL;
    if (active >= ZSUB_MAX && lru) sub_quit(st, lru);
    if (st->nsubs == ZSUB_SLOTS) return NULL;
    int sp[2];
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) != 0) return NULL;
    pid_t pid = fork();
    if (pid == 0) {
        close(sp[0]);
        sigprocmask(SIG_SETMASK, &st->old, NULL);
        zsub_main(st->z, pre, st->self, sp[1], hint);
        _exit(0);
    }
    close(sp[1]);
    if (pid < 0) {
        close(sp[0]);
        return NULL;
    }
    zsub *s = &st->subs[st->nsubs++];
    memset(s, 0, sizeof *s);
    snprintf(s->hint, sizeof s->hint, "%s", hint);
    s->pid = pid;
    s->ctl = sp[0];
    return s;
}

/* Fork a pooled worker for hint (after the call that asked for it has
 * its own worker: this work is off that call's path), from the hint's
 * executor zygote when one can be had. */
static void pool_add(zstate *st, const char *hint, const bxc_prepared *pre, int wait)
{
    int sp[2];
    if (st->npool == ZPOOL_MAX) pool_drop(st, 0, 1);
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) != 0) return;
    zsub *s = sub_for(st, hint, pre);
    if (s) {
        s->used = ++st->tick;
        zmsg m, r;
        memset(&m, 0, sizeof m);
        memset(&r, 0, sizeof r);
        m.op = 'F';
        m.id = ++st->sub_id;
        int ok = zsendmsg_n(s->ctl, &m, &sp[1], 1) == 0;
        close(sp[1]);
        if (ok && !wait) {
            /* pooled now, usable once its 'P' names it (sub_read): the
             * zygote serves the next call meanwhile */
            zpooled *q = &st->pool[st->npool++];
            q->calls = 0;
            snprintf(q->hint, sizeof q->hint, "%s", hint);
            q->pid = 0;
            q->w = sp[0];
            q->sub = s->pid;
            q->pfd = -1;
            q->pend = m.id;
            q->since = bxc_mono_ns();
            return;
        }
        /* its answer comes at once (it only forks); other workers' ends
         * may come first */
        int pfd = -1;
        while (ok && !r.op) {
            struct pollfd pf = { s->ctl, POLLIN, 0 };
            int pr = poll(&pf, 1, 5000);
            if (pr < 0 && errno == EINTR) continue;
            ok = pr > 0 && sub_read(st, s, m.id, &r, &pfd) == 0;
        }
        if (!ok || r.op != 'P' || r.val <= 0) {
            if (pfd >= 0) close(pfd);
            close(sp[0]);
            if (!ok && !s->dead) {   /* stuck: no longer used */
                kill(s->pid, SIGKILL);
                sub_gone(st, s);
            }
            return;
        }
        zpooled *q = &st->pool[st->npool++];
        q->calls = 0;
        snprintf(q->hint, sizeof q->hint, "%s", hint);
        q->pid = r.val;
        q->w = sp[0];
        q->sub = s->pid;
        q->pfd = pfd;
        q->pend = 0;
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(sp[0]);
        sigprocmask(SIG_SETMASK, &st->old, NULL);
        zpool_worker(st->z, pre, st->self, sp[1], hint);
        _exit(BXC_WORKER_BODY_FAILED);
    }
    close(sp[1]);
    if (pid < 0) {
        close(sp[0]);
        return;
    }
    zpooled *q = &st->pool[st->npool++];
    q->calls = 0;
    snprintf(q->hint, sizeof q->hint, "%s", hint);
    q->pid = pid;
    q->w = sp[0];
    q->sub = 0;
    q->pfd = -1;
    q->pend = 0;
}

/* The call's descriptors to the pooled worker for hint: 0 and its pid and
 * executor zygote, or -1 (none, or it is gone: the caller forks a fresh one). */
static int pool_take(zstate *st, const char *hint, uint64_t id, const int *fds, pid_t *pid, pid_t *sub,
                     int *pfd, int *w, uint32_t *calls)
{
    /* the newest first: a worker back from a call is warm */
    for (size_t i = st->npool; i-- > 0;) {
        if (strcmp(st->pool[i].hint, hint) || st->pool[i].pend) continue;
        zmsg m;
        memset(&m, 0, sizeof m);
        m.op = 'F';
        m.id = id;
        snprintf(m.hint, sizeof m.hint, "%s", hint);
        int ok = zsendmsg(st->pool[i].w, &m, fds) == 0;
        *pid = st->pool[i].pid;
        *sub = st->pool[i].sub;
        *calls = st->pool[i].calls;
        *pfd = *w = -1;
        if (ok) {               /* the call's now: closed when it ends */
            *pfd = st->pool[i].pfd;
            st->pool[i].pfd = -1;
            *w = st->pool[i].w;
            st->pool[i].w = -1;
        }
        pool_drop(st, i, !ok);
        return ok ? 0 : -1;
    }
    return -1;
}

/* None ready for hint, one on its way (asked of an executor zygote that
 * has not answered yet): wait for its answer (it only forks), which costs
 * less than forking and confining another, but at most ZPOOL_WAIT_NS:
 * the zygote serves every call and kill, and a slow executor zygote must
 * not hold them (the call then gets a worker of its own).  One that has
 * not answered for ZSUB_STUCK_NS is stuck: no longer used.  1 when one
 * is ready now. */
#define ZPOOL_WAIT_NS 20000000ull
#define ZSUB_STUCK_NS 5000000000ull
static int pool_wait(zstate *st, const char *hint)
{
    uint64_t id = 0, since = 0, t0 = bxc_mono_ns();
    pid_t sub = 0;
    for (size_t i = 0; i < st->npool && !id; i++)
        if (!strcmp(st->pool[i].hint, hint) && st->pool[i].pend)
            id = st->pool[i].pend, sub = st->pool[i].sub, since = st->pool[i].since;
    zsub *s = id ? sub_of(st, sub) : NULL;
    while (s && !s->dead) {
        int pending = 0;
        for (size_t i = 0; i < st->npool; i++)
            if (st->pool[i].pend == id && st->pool[i].sub == sub) pending = 1;
        if (!pending) break;
        uint64_t now = bxc_mono_ns();
        if (now - since >= ZSUB_STUCK_NS) {   /* stuck: no longer used */
            kill(s->pid, SIGKILL);
            sub_gone(st, s);
            return 0;
        }
        if (now - t0 >= ZPOOL_WAIT_NS) return 0;
        struct pollfd pf = { s->ctl, POLLIN, 0 };
        int pr = poll(&pf, 1, (int)((ZPOOL_WAIT_NS - (now - t0)) / 1000000 + 1));
        if (pr < 0 && errno == EINTR) continue;
        if (pr <= 0) continue;
        if (sub_read(st, s, 0, NULL, NULL) != 0) return 0;
    }
    for (size_t i = 0; i < st->npool; i++)
        if (!strcmp(st->pool[i].hint, hint) && !st->pool[i].pend) return 1;
    return 0;
}

static int pool_has(const zstate *st, const char *hint)
{
    for (size_t i = 0; i < st->npool; i++)
        if (!strcmp(st->pool[i].hint, hint)) return 1;
    return 0;
}

/* The server's 'O' for live call i (its reply is whole): a pooled worker
 * whose reply said it may serve again and that the server found clean
 * (limit >= 1: the policy's calls per worker) goes back to the pool for
 * its hint while it has served fewer than limit calls; any other is
 * killed. */
static void live_answered(zstate *st, size_t i, int32_t limit)
{
    zlive *l = &st->live[i];
    int again = limit >= 1 && l->calls < (uint32_t)limit && l->calls < BXC_REUSE_MAX;
    zsub *s = l->sub ? sub_of(st, l->sub) : NULL;
    /* never from an executor zygote told to quit (evicted, or its registry
     * is the old one: see 'R') */
    if (l->sub && (!s || s->quit)) again = 0;
    if (!again || l->w < 0) {
        if (l->pfd >= 0 && syscall(SYS_pidfd_send_signal, l->pfd, SIGKILL, NULL, 0) == 0) return;
        if (s) zsend(s->ctl, 'K', 0, l->pid);
        else if (!l->sub) kill(l->pid, SIGKILL);
        return;
    }
    if (st->npool == ZPOOL_MAX) pool_drop(st, 0, 1);
    zpooled *q = &st->pool[st->npool++];
    snprintf(q->hint, sizeof q->hint, "%s", l->hint);
    q->pid = l->pid;
    q->w = l->w;
    q->sub = l->sub;
    q->pfd = l->pfd;
    q->pend = 0;
    q->calls = l->calls;
    /* no 'X': the server waits for none once the reply is whole */
    st->live[i] = st->live[--st->nlive];
}

/* The server's 'D' for live call i (its reply is whole and clean, the
 * worker said it may serve again): the server keeps its socket and sends
 * the next calls of the same hint there itself.  Its w is closed (it is
 * never pooled here again); it stays live, so that its end is still
 * reaped here and reported ('X' with the call's id), and 'K' or 'O' with
 * that id still kill it.  Not from an executor zygote told to quit, nor
 * once 'R' closed its w (its registry is the old one): killed. */
static void live_direct(zstate *st, size_t i)
{
    zlive *l = &st->live[i];
    zsub *s = l->sub ? sub_of(st, l->sub) : NULL;
    if (l->w < 0 || (l->sub && (!s || s->quit))) {
        live_answered(st, i, 0);
        return;
    }
    close(l->w);
    l->w = -1;
}

static void zygote_main(bxc_zygote *z, pid_t server)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != server) _exit(0);
    int ctl = z->ctl;
    /* No client's streams: stdin/stdout are the protocol's pipes. */
    int dn = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (dn >= 0) { dup2(dn, 0); dup2(dn, 1); close(dn); }
    if (ctl > 3) syscall(SYS_close_range, 3u, (unsigned)ctl - 1, 0);
    syscall(SYS_close_range, (unsigned)ctl + 1, ~0u, 0);
    /* the server's handlers (SIGTERM, SIGHUP, ...) act on the server's
     * state: here and in workers a signal does what it does by default */
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
    static zstate st0;   /* the zygote's own process: one of it */
    zstate *st = &st0;
    memset(st, 0, sizeof *st);
    st->z = z;
    st->ctl = ctl;
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &st->old);
    st->sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    if (st->sfd < 0) _exit(1);
    st->self = getpid();
    if (z->prefork) z->prefork(z->ctx, NULL);   /* once, before serving */
    /* the last hints asked for: a worker is pooled for a hint only once
     * it comes again, so calls that do not repeat cost one fork, not two */
    char seen[ZPOOL_MAX * 2][256];
    size_t nseen = 0, seen_at = 0;
    for (;;) {
        sub_sweep(st);
        struct pollfd pf[2 + ZSUB_SLOTS];
        pf[0] = (struct pollfd){ ctl, POLLIN, 0 };
        pf[1] = (struct pollfd){ st->sfd, POLLIN, 0 };
        for (size_t i = 0; i < st->nsubs; i++) pf[2 + i] = (struct pollfd){ st->subs[i].ctl, POLLIN, 0 };
        size_t nsubs = st->nsubs;
        if (poll(pf, 2 + nsubs, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (pf[1].revents) {
            struct signalfd_siginfo si;
            while (read(st->sfd, &si, sizeof si) > 0) {}
            int ws;
            pid_t p;
            while ((p = waitpid(-1, &ws, WNOHANG)) > 0) {
                zsub *s = sub_of(st, p);
                if (s) sub_gone(st, s);
                else worker_ended(st, p, 0, ws);
            }
        }
        for (size_t i = 0; i < nsubs; i++)
            if (pf[2 + i].revents && !st->subs[i].dead) (void)sub_read(st, &st->subs[i], 0, NULL, NULL);
        if (!pf[0].revents) continue;
        zmsg m;
        int fds[2];
        ssize_t n = zrecv(ctl, &m, fds);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;                       /* the server is gone */
        if (n != (ssize_t)sizeof m) {
            for (int i = 0; i < 2; i++) if (fds[i] >= 0) close(fds[i]);
            continue;
        }
        if (m.op == 'R') {
            for (int i = 0; i < 2; i++) if (fds[i] >= 0) close(fds[i]);
            if (z->refresh) z->refresh(z->ctx);
            /* their registry is the old one: running workers are not
             * pooled again either */
            for (size_t i = 0; i < st->nlive; i++)
                if (st->live[i].w >= 0) close(st->live[i].w), st->live[i].w = -1;
            for (size_t i = 0; i < st->nsubs; i++)
                if (!st->subs[i].quit && !st->subs[i].dead) sub_quit(st, &st->subs[i]);
            while (st->npool) pool_drop(st, 0, 1);
            continue;
        }
        if (m.op == 'O') {
            for (int i = 0; i < 2; i++) if (fds[i] >= 0) close(fds[i]);
            for (size_t i = 0; i < st->nlive; i++)
                if (st->live[i].id == m.id) {
                    live_answered(st, i, m.val);
                    break;
                }
            continue;
        }
        if (m.op == 'D') {
            for (int i = 0; i < 2; i++) if (fds[i] >= 0) close(fds[i]);
            for (size_t i = 0; i < st->nlive; i++)
                if (st->live[i].id == m.id) {
                    live_direct(st, i);
                    break;
                }
            continue;
        }
        if (m.op == 'K') {
            for (size_t i = 0; i < st->nlive; i++) {
                if (st->live[i].id != m.id) continue;
                zsub *s = st->live[i].sub ? sub_of(st, st->live[i].sub) : NULL;
                if (st->live[i].pfd >= 0 &&
                    syscall(SYS_pidfd_send_signal, st->live[i].pfd, SIGKILL, NULL, 0) == 0)
                    continue;
                if (s) zsend(s->ctl, 'K', 0, st->live[i].pid);
                else if (!st->live[i].sub) kill(st->live[i].pid, SIGKILL);
            }
            continue;
        }
        if (m.op != 'F' || fds[0] < 0 || fds[1] < 0) {
            for (int i = 0; i < 2; i++) if (fds[i] >= 0) close(fds[i]);
            zsend(ctl, 'E', m.id, EINVAL);
            continue;
        }
        if (st->nlive == st->cap) {
            size_t c2 = st->cap ? st->cap * 2 : 64;
            zlive *q = realloc(st->live, c2 * sizeof *q);
            if (!q) {
                close(fds[0]); close(fds[1]);
                zsend(ctl, 'E', m.id, ENOMEM);
                continue;
            }
            st->live = q;
            st->cap = c2;
        }
        m.hint[sizeof m.hint - 1] = 0;
        const bxc_prepared *pre = z->prefork ? z->prefork(z->ctx, m.hint) : NULL;
        pid_t pid = -1, sub = 0;
        int pfd = -1, w = -1;
        uint32_t served = 0;
        if (z->preconfine && (pool_take(st, m.hint, m.id, fds, &pid, &sub, &pfd, &w, &served) == 0 ||
                              (pool_wait(st, m.hint) &&
                               pool_take(st, m.hint, m.id, fds, &pid, &sub, &pfd, &w, &served) == 0))) {
            close(fds[0]);
            close(fds[1]);
            zlive *l = &st->live[st->nlive++];
            *l = (zlive){ m.id, pid, sub, pfd, w, "", served + 1 };
            snprintf(l->hint, sizeof l->hint, "%s", m.hint);
            /* one ready for the next call, unless one is (workers that
             * serve again come back to the pool) */
            if (!pool_has(st, m.hint)) pool_add(st, m.hint, pre, 0);
            continue;
        }
        pid = fork();
        if (pid == 0) {
            for (size_t i = 0; i < st->npool; i++) close(st->pool[i].w);
            for (size_t i = 0; i < st->nlive; i++) {
                if (st->live[i].w >= 0) close(st->live[i].w);
                if (st->live[i].pfd >= 0) close(st->live[i].pfd);
            }
            for (size_t i = 0; i < st->nsubs; i++) close(st->subs[i].ctl);
            close(ctl);
            close(st->sfd);
            sigprocmask(SIG_SETMASK, &st->old, NULL);
            zworker(z, pre, st->self, fds[0], fds[1]);
            _exit(BXC_WORKER_BODY_FAILED);
        }
        int e = errno;
        close(fds[0]);
        close(fds[1]);
        if (pid < 0) {
            zsend(ctl, 'E', m.id, e);
            continue;
        }
        st->live[st->nlive++] = (zlive){ m.id, pid, 0, -1, -1, "", 1 };
        if (!z->preconfine) continue;
        int again = 0;
        for (size_t i = 0; i < nseen && !again; i++) again = !strcmp(seen[i], m.hint);
        if (again) {
            pool_add(st, m.hint, pre, 0);
        } else {
            snprintf(seen[seen_at], sizeof seen[seen_at], "%s", m.hint);
            seen_at = (seen_at + 1) % (ZPOOL_MAX * 2);
            if (nseen < ZPOOL_MAX * 2) nseen++;
        }
    }
    /* Reaped before the zygote goes, so no worker outlives the server
     * (an orphan is left to whatever reaps for pid 1 in a container); an
     * executor zygote kills and reaps its own when its socket ends. */
    for (size_t i = 0; i < st->nlive; i++)
        if (!st->live[i].sub) kill(st->live[i].pid, SIGKILL);
    for (size_t i = 0; i < st->nlive; i++)
        if (!st->live[i].sub)
            while (waitpid(st->live[i].pid, NULL, 0) < 0 && errno == EINTR) {}
    for (size_t i = 0; i < st->npool; i++)
        if (!st->pool[i].sub) kill(st->pool[i].pid, SIGKILL);
    for (size_t i = 0; i < st->npool; i++) {
        close(st->pool[i].w);
        if (!st->pool[i].sub)
            while (waitpid(st->pool[i].pid, NULL, 0) < 0 && errno == EINTR) {}
    }
    for (size_t i = 0; i < st->nlive; i++)
        if (st->live[i].w >= 0) close(st->live[i].w);
    for (size_t i = 0; i < st->nsubs; i++) close(st->subs[i].ctl);
    for (size_t i = 0; i < st->nsubs; i++)
        while (waitpid(st->subs[i].pid, NULL, 0) < 0 && errno == EINTR) {}
    _exit(0);
}

/* ---- the server's side -------------------------------------------------- */

static void *zreader(void *arg)
{
    bxc_zygote *z = arg;
    for (;;) {
        zmsg m;
        ssize_t n = recv(z->ctl, &m, sizeof m, 0);
        if (n < 0 && errno == EINTR) continue;
        pthread_mutex_lock(&z->mu);
        if (n != (ssize_t)sizeof m) {
            z->dead = 1;
            pthread_cond_broadcast(&z->cv);
            pthread_mutex_unlock(&z->mu);
            break;
        }
        for (zslot *s = z->slots; s; s = s->next) {
            if (s->id != m.id) continue;
            if (m.op == 'P') s->pid = m.val;
            else if (m.op == 'X') s->done = 1, s->ws = m.val;
            else if (m.op == 'E') s->done = 1, s->ferr = m.val ? m.val : EIO;
            break;
        }
        pthread_cond_broadcast(&z->cv);
        pthread_mutex_unlock(&z->mu);
    }
    return NULL;
}

bxc_zygote *bxc_zygote_start(void *ctx, bxc_zygote_prefork prefork, bxc_zygote_prepare prepare,
                           bxc_zygote_body body, void (*refresh)(void *ctx), bx_error *err)
{
    return bxc_zygote_start_pool(ctx, prefork, NULL, prepare, body, refresh, err);
}

bxc_zygote *bxc_zygote_start_pool(void *ctx, bxc_zygote_prefork prefork,
                                bxc_zygote_preconfine preconfine, bxc_zygote_prepare prepare,
                                bxc_zygote_body body, void (*refresh)(void *ctx), bx_error *err)
{
    bxc_zygote *z = calloc(1, sizeof *z);
    int sv[2];
    if (!z) {
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
        bx_error_setf(err, BX_ERR_NOMEM, "cannot create the zygote's socket: %s", strerror(errno));
        free(z);
        return NULL;
    }
    z->ctx = ctx;
    z->prefork = prefork;
    z->prepare = prepare;
    z->preconfine = preconfine;
    z->body = body;
    z->refresh = refresh;
    pthread_mutex_init(&z->mu, NULL);
    pthread_cond_init(&z->cv, NULL);
    fflush(NULL);
    pid_t server = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        bx_error_setf(err, BX_ERR_NOMEM, "cannot fork the zygote: %s", strerror(errno));
        close(sv[0]); close(sv[1]);
        pthread_mutex_destroy(&z->mu);
        pthread_cond_destroy(&z->cv);
        free(z);
        return NULL;
    }
    if (pid == 0) {
        close(sv[0]);
        z->ctl = sv[1];
        zygote_main(z, server);
        _exit(0);
    }
    close(sv[1]);
    z->ctl = sv[0];
    z->pid = pid;
    if (pthread_create(&z->reader, NULL, zreader, z) != 0) {
        bx_error_setf(err, BX_ERR_NOMEM, "cannot start the zygote's reader thread");
        close(z->ctl);
        waitpid(pid, NULL, 0);
        pthread_mutex_destroy(&z->mu);
        pthread_cond_destroy(&z->cv);
        free(z);
        return NULL;
    }
    return z;
}

pid_t bxc_zygote_pid(const bxc_zygote *z) { return z ? z->pid : -1; }

static int zctl_val(bxc_zygote *z, uint8_t op, uint64_t id, int32_t val, const char *hint, const int *fds)
{
    zmsg m;
    memset(&m, 0, sizeof m);
    m.op = op;
    m.id = id;
    m.val = val;
    if (hint) snprintf(m.hint, sizeof m.hint, "%s", hint);
    return zsendmsg(z->ctl, &m, fds);
}

static int zctl(bxc_zygote *z, uint8_t op, uint64_t id, const char *hint, const int *fds)
{
    return zctl_val(z, op, id, 0, hint, fds);
}

/* ---- direct workers (the server's side) ---------------------------------- *
 * After a pooled worker's call through the zygote ended cleanly (the
 * worker said it may serve again, reply_clean agreed, it has calls left),
 * the server keeps the call's socket and violation pipe and sends the next
 * call of the same hint and owner there itself: no 'F' to the zygote, no
 * descriptors relayed, no socketpair or pipe per call.  The zygote still
 * holds it as live (told by 'D'): it reaps it and reports its end ('X')
 * under the first call's id, which the entry's slot keeps receiving, and
 * kills it on 'K' or 'O' 0 with that id.  A worker is let go (killed)
 * after any call that was not clean, at its calls limit, on a refresh,
 * when evicted (the oldest idle first), or when bytes came on its socket
 * between calls. */

/* Under mu: sl out of the list of slots the reader fills. */
static void slot_unlink(bxc_zygote *z, zslot *sl)
{
    for (zslot **q = &z->slots; *q; q = &(*q)->next)
        if (*q == sl) { *q = sl->next; break; }
}

/* A direct worker let go: killed by the zygote unless it has ended. */
static void direct_drop(bxc_zygote *z, zdirect *d, int tell)
{
    pthread_mutex_lock(&z->mu);
    int ended = d->slot->done;
    slot_unlink(z, d->slot);
    pthread_mutex_unlock(&z->mu);
    if (tell && !ended) (void)zctl_val(z, 'O', d->slot->id, 0, NULL, NULL);
    close(d->sock);
    close(d->vfd);
    free(d->slot);
}

/* An idle direct worker for hint and owner, out of the cache (the newest
 * first: warm), with nothing pending on its socket; 0, or -1 (none). */
static int direct_take(bxc_zygote *z, const char *hint, uint32_t owner, zdirect *out)
{
    for (;;) {
        zdirect gone[ZDIRECT_MAX];
        size_t ng = 0;
        int found = 0;
        pthread_mutex_lock(&z->mu);
        for (size_t i = z->ndirect; i-- > 0;) {
            zdirect *d = &z->direct[i];
            int dead = d->slot->done || d->gen != z->gen || z->dead;
            if (!dead && (found || d->owner != owner || strcmp(d->hint, hint))) continue;
            if (dead) gone[ng++] = *d;
            else *out = *d, found = 1;
            memmove(d, d + 1, (z->ndirect - i - 1) * sizeof *d);
            z->ndirect--;
        }
        pthread_mutex_unlock(&z->mu);
        for (size_t i = 0; i < ng; i++) direct_drop(z, &gone[i], 1);
        if (!found) return -1;
        /* between calls a worker writes nothing: bytes there (or its end)
         * and it is not trusted with a call again */
        char c;
        ssize_t k = recv(out->sock, &c, 1, MSG_PEEK | MSG_DONTWAIT);
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
        direct_drop(z, out, 1);
    }
}

/* d into the cache (the oldest idle one evicted when full); let go
 * instead when a refresh came since its call began. */
static void direct_put(bxc_zygote *z, zdirect *d)
{
    zdirect old;
    int keep = 0, evict = 0;
    pthread_mutex_lock(&z->mu);
    if (d->gen == z->gen && !z->dead) {
        if (z->ndirect == ZDIRECT_MAX) {
            old = z->direct[0];
            memmove(z->direct, z->direct + 1, (ZDIRECT_MAX - 1) * sizeof *z->direct);
            z->ndirect--;
            evict = 1;
        }
        z->direct[z->ndirect++] = *d;
        keep = 1;
    }
    pthread_mutex_unlock(&z->mu);
    if (!keep) direct_drop(z, d, 1);
    if (evict) direct_drop(z, &old, 1);
}

/* Every idle direct worker let go (tell: have the zygote kill them). */
static void direct_flush(bxc_zygote *z, int tell)
{
    zdirect all[ZDIRECT_MAX];
    pthread_mutex_lock(&z->mu);
    size_t n = z->ndirect;
    memcpy(all, z->direct, n * sizeof *all);
    z->ndirect = 0;
    z->gen++;
    pthread_mutex_unlock(&z->mu);
    for (size_t i = 0; i < n; i++) direct_drop(z, &all[i], tell);
}

void bxc_zygote_stop(bxc_zygote *z)
{
    if (!z) return;
    direct_flush(z, 0);             /* their sockets end: the zygote kills them anyway */
    shutdown(z->ctl, SHUT_WR);      /* the zygote sees the end, kills what runs, exits */
    pthread_join(z->reader, NULL);
    close(z->ctl);
    while (waitpid(z->pid, NULL, 0) < 0 && errno == EINTR) {}
    pthread_mutex_destroy(&z->mu);
    pthread_cond_destroy(&z->cv);
    free(z);
}

int bxc_zygote_refresh(bxc_zygote *z)
{
    if (!z) return 0;
    /* their registry is the old one: let go, and those running now are
     * not kept after their call (gen) */
    direct_flush(z, 1);
    return zctl(z, 'R', 0, NULL, NULL);
}

/* One attempt; *again set when the worker died of a signal nobody here
 * sent before it said a word (not even its confinement, which precedes
 * any guest code): a pooled worker killed in the instant its call came. */
static bx_status zcall_once(bxc_zygote *z, const bxc_policy *p, const char *hint,
                            const void *req, size_t req_len, const volatile int *cancel,
                            size_t max_reply, uint8_t **reply, size_t *reply_len,
                            bxc_status *cs, bx_error *err, int *again)
{
    memset(cs, 0, sizeof *cs);
    *reply = NULL;
    *reply_len = 0;
    bxc_rx x;
    if (bxc_rx_init(&x, cs, max_reply, p->audit_fd, p->sandbox_id, 0) != 0)
        return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    x.need_done = 1;
    x.on_progress = p->on_progress;
    x.progress_user = p->progress_user;
    zdirect d;
    int direct = p->reuse_calls > 1 && direct_take(z, hint, p->owner, &d) == 0;
    int s0, v0, sent;
    zslot *sl;
    uint64_t gen;
    if (direct) {
        s0 = d.sock;
        v0 = d.vfd;
        sl = d.slot;
        gen = d.gen;
        sent = 1;
    } else {
        int sv[2], vp[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
            bxc_rx_free(&x);
            return bx_error_setf(err, BX_ERR_NOMEM, "cannot create the worker's socket: %s", strerror(errno));
        }
        if (pipe2(vp, O_CLOEXEC | O_NONBLOCK) != 0) {
            close(sv[0]); close(sv[1]);
            bxc_rx_free(&x);
            return bx_error_setf(err, BX_ERR_NOMEM, "cannot create the worker's pipe: %s", strerror(errno));
        }
        if (!(sl = calloc(1, sizeof *sl))) {
            close(sv[0]); close(sv[1]); close(vp[0]); close(vp[1]);
            bxc_rx_free(&x);
            return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
        }
        pthread_mutex_lock(&z->mu);
        sl->id = ++z->next_id;
        sl->next = z->slots;
        z->slots = sl;
        int dead = z->dead;
        gen = z->gen;
        pthread_mutex_unlock(&z->mu);
        int fds[2] = { sv[1], vp[1] };
        sent = !dead && zctl(z, 'F', sl->id, hint, fds) == 0;
        close(sv[1]);
        close(vp[1]);
        s0 = sv[0];
        v0 = vp[0];
    }

    uint64_t deadline = p->timeout_ns ? bxc_mono_ns() + p->timeout_ns + 2000000000ull : 0;
    int killed_late = 0, killed = 0, killed_bad = 0, eof = !sent, keep = 0;
    uint32_t served = (direct ? d.calls : 0) + 1;
    const uint8_t *rq = req;
    size_t rq_left = sent ? req_len : 0;
    /* the request goes out while the reply comes in: the worker reads all
     * of it before it writes, so neither side blocks the other for good */
    while (!eof) {
        int ms = 50;      /* how often the cancel flag is looked at */
        if (deadline) {
            uint64_t now = bxc_mono_ns();
            if (now >= deadline) ms = 0;
            else if ((deadline - now) / 1000000 + 1 < (uint64_t)ms) ms = (int)((deadline - now) / 1000000 + 1);
        }
        struct pollfd pf = { s0, (short)(POLLIN | (rq_left ? POLLOUT : 0)), 0 };
        int pr = poll(&pf, 1, ms);
        if (pr < 0 && errno == EINTR) continue;
        if (!killed && ((cancel && *cancel) || (deadline && bxc_mono_ns() >= deadline))) {
            killed = 1;
            killed_late = !(cancel && *cancel);
            if (zctl(z, 'K', sl->id, NULL, NULL) != 0) break;
        }
        if (pr <= 0) continue;
        if (rq_left && (pf.revents & POLLOUT)) {
            ssize_t k = send(s0, rq, rq_left, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (k > 0) rq += k, rq_left -= (size_t)k;
            else if (k < 0 && errno != EAGAIN && errno != EINTR) rq_left = 0;
        }
        if (pf.revents & (POLLIN | POLLHUP | POLLERR)) {
            uint8_t *room;
            size_t n = bxc_rx_room(&x, &room);
            ssize_t k = recv(s0, room, n, MSG_DONTWAIT);
            if (k < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            if (k <= 0) { eof = 1; break; }
            bxc_rx_feed(&x, (size_t)k);
            if (x.done && !x.bad && !x.out.over) {
                /* the reply is whole: the call is answered now, without
                 * waiting for the worker's teardown; nothing may outlive
                 * its reply, so the zygote still kills it */
                /* kept (direct) only if the worker asked, and the parent
                 * finds the reply clean (reply_clean) and counts the
                 * calls: both outside the worker, which may be lying */
                uint32_t limit = p->reuse_calls < BXC_REUSE_MAX ? p->reuse_calls : BXC_REUSE_MAX;
                keep = !killed && !rq_left && x.again && p->reuse_calls > 1 &&
                       (!p->reply_clean || p->reply_clean(x.out.p, x.out.n)) && served < limit;
                if (keep && !direct) keep = zctl(z, 'D', sl->id, NULL, NULL) == 0;
                if (!keep && !killed) zctl_val(z, 'O', sl->id, 0, NULL, NULL);
                break;
            }
            if ((x.bad || x.out.over) && !killed) {
                killed = killed_bad = 1;   /* not a valid reply, or more than any */
                zctl(z, 'K', sl->id, NULL, NULL);
            }
        }
    }
    bxc_rx_end(&x);
    if (keep) {
        if (!direct) {
            memset(&d, 0, sizeof d);
            snprintf(d.hint, sizeof d.hint, "%s", hint);
            d.owner = p->owner;
            d.sock = s0;
            d.vfd = v0;
            d.slot = sl;
            d.gen = gen;
        }
        d.calls = served;
        direct_put(z, &d);
        /* as an exit 0: the body returned and said so */
        bxc_judge(p, 0, 0, 0, 0, &x, cs);
        *reply = x.out.p;
        *reply_len = x.out.n;
        x.out.p = NULL;
        bxc_rx_free(&x);
        return BX_OK;
    }
    close(s0);
    /* its end as the zygote saw it (a worker that closed its socket and
     * lives on is killed at the deadline, or when the call is cancelled) */
    /* (a reply over the bound may have ended too: its worker is killed
     * all the same, and its end waited for) */
    int whole = x.done && !x.bad && !x.out.over;
    pthread_mutex_lock(&z->mu);
    while (sent && !sl->done && !z->dead && !whole) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 50000000;
        if (ts.tv_nsec >= 1000000000) ts.tv_sec++, ts.tv_nsec -= 1000000000;
        pthread_cond_timedwait(&z->cv, &z->mu, &ts);
        if (!killed && ((cancel && *cancel) || (deadline && bxc_mono_ns() >= deadline))) {
            killed = 1;
            killed_late = !(cancel && *cancel);
            pthread_mutex_unlock(&z->mu);
            zctl(z, 'K', sl->id, NULL, NULL);
            pthread_mutex_lock(&z->mu);
        }
    }
    slot_unlink(z, sl);
    pthread_mutex_unlock(&z->mu);
    zslot slot = *sl;
    free(sl);
    uint32_t nr = 0;
    int have_nr = read(v0, &nr, sizeof nr) == (ssize_t)sizeof nr;
    close(v0);
    if (whole && !slot.ferr) {
        slot.done = 1;
        slot.ws = 0;          /* as an exit 0: the body returned and said so */
        have_nr = 0;
    }
    if (!sent || !slot.done || slot.ferr) {
        bxc_rx_free(&x);
        if (!sent || !slot.done)
            return bx_error_setf(err, BX_ERR_NOMEM, "the worker zygote is gone; restart the server");
        return bx_error_setf(err, BX_ERR_NOMEM, "cannot fork the worker: %s", strerror(slot.ferr));
    }
    *again = !killed && !have_nr && !x.have_c && !x.bad && !x.out.n && !x.npend &&
             WIFSIGNALED(slot.ws);
    bxc_judge(p, slot.ws, have_nr, nr, killed_late, &x, cs);
    if (killed_bad && cs->end == BX_CONFINE_CRASHED)
        snprintf(cs->detail, sizeof cs->detail, "crashed: the worker's reply was %s and it was stopped",
                 x.out.over ? "over the bound" : "not a valid record");
    else if (killed && !killed_late && cs->end == BX_CONFINE_CRASHED)
        snprintf(cs->detail, sizeof cs->detail, "cancelled: the call's worker was stopped");
    if (cs->end == BX_CONFINE_ENDED) {
        *reply = x.out.p;
        *reply_len = x.out.n;
        x.out.p = NULL;
    }
    bxc_rx_free(&x);
    return BX_OK;
}

bx_status bxc_zygote_call(bxc_zygote *z, const bxc_policy *p, const char *hint,
                         const void *req, size_t req_len, const volatile int *cancel,
                         size_t max_reply, uint8_t **reply, size_t *reply_len,
                         bxc_status *cs, bx_error *err)
{
    int again = 0;
    bx_status st = zcall_once(z, p, hint, req, req_len, cancel, max_reply, reply, reply_len, cs, err,
                              &again);
    if (st == BX_OK && again && !(cancel && *cancel)) {   /* once: no guest code ran */
        free(*reply);
        st = zcall_once(z, p, hint, req, req_len, cancel, max_reply, reply, reply_len, cs, err, &again);
    }
    return st;
}
