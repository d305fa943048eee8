/*
 * confine.c — fork a worker and wall it in with the kernel's mechanisms:
 * no_new_privs, Landlock (files, TCP, scoping), a seccomp-bpf allowlist,
 * resource limits.  Then run the caller's body and carry its reply back.
 *
 * Why a process and not a thread: Landlock and seccomp bind a process's
 * threads, and a bug in our engine must meet the kernel's wall, not ours.
 *
 * Protocol (worker -> parent, one SOCK_STREAM socketpair):
 *   'C' u8 level, u16 n, reason[n]      written before any guest code runs
 *   'M' u32 n, bytes[n]                 `run`: the compiled module, asked for by the
 *                                       parent, only right after 'C' (confine_impl.h)
 *   'D' u32 n, bytes[n]                 the body's reply, repeated
 * plus a pipe on which the SIGSYS handler writes one u32: the number of
 * the forbidden system call.  The parent trusts the 'C' frame only
 * because it precedes guest code in a FIFO stream; everything after it
 * may come from a compromised worker and is bounded and validated (by
 * this file: frame shape and total size; by the caller: the contents).
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <termios.h>
#include <sys/ioctl.h>

#include "confine.h"
#include "confine_impl.h"

/* ---- Landlock UAPI beyond Debian's header (ABI 3..6) ----------------- */

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif
#define BXC_NET_BIND_TCP (1ULL << 0)
#define BXC_NET_CONNECT_TCP (1ULL << 1)
#define BXC_SCOPE_ABSTRACT_UNIX (1ULL << 0)
#define BXC_SCOPE_SIGNAL (1ULL << 1)
#define BXC_RULE_PATH_BENEATH 1
#define BXC_RULE_NET_PORT 2

struct bxc_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;   /* ABI 4 */
    uint64_t scoped;               /* ABI 6 */
};
struct bxc_path_beneath {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));
struct bxc_net_port {
    uint64_t allowed_access;
    uint64_t port;
};

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

#define FS_READ (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_WRITE (LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR | \
                  LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_DIR |   \
                  LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SYM |     \
                  LANDLOCK_ACCESS_FS_REFER | LANDLOCK_ACCESS_FS_TRUNCATE)
/* The rights Landlock accepts on a file (not a directory). */
#define FS_FILE_RIGHTS (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
                        LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE |  \
                        LANDLOCK_ACCESS_FS_IOCTL_DEV)

/* Worker exit codes the parent interprets (anything else: crashed). */
#define WORKER_OK BXC_WORKER_OK
#define WORKER_BODY_FAILED BXC_WORKER_BODY_FAILED
#define WORKER_REFUSED 157
#define WORKER_VIOLATION 159

int bxc_landlock_abi(void)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return abi < 0 ? 0 : (int)abi;
}

const char *bxc_level_name(bxc_level l)
{
    return l == BX_CONFINE_FULL ? "full" : l == BX_CONFINE_PARTIAL ? "partial" : "none";
}

/* ---- policy ----------------------------------------------------------- */

void bxc_policy_init(bxc_policy *p)
{
    memset(p, 0, sizeof *p);
    p->audit_fd = -1;
}

void bxc_policy_free(bxc_policy *p)
{
    for (size_t i = 0; i < p->npaths; i++)
        free(p->paths[i].path);
    free(p->paths);
    p->paths = NULL;
    p->npaths = 0;
}

bx_status bxc_policy_add_path(bxc_policy *p, const char *path, int writable,
                                     bx_error *err)
{
    if (p->npaths >= 4096)
        return bx_error_setf(err, BX_ERR_LIMIT, "too many paths to confine (over 4096)");
    bxc_path *v = realloc(p->paths, (p->npaths + 1) * sizeof *v);
    if (!v)
        return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    p->paths = v;
    if (!(v[p->npaths].path = strdup(path)))
        return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    v[p->npaths++].writable = writable;
    return BX_OK;
}

/* scheme://host[:port][/...]: the port, its scheme's default, or 0 when
 * it cannot be known (a wildcard, an unknown scheme). */
static unsigned pattern_port(const char *pat)
{
    const char *s = strstr(pat, "://");
    unsigned def = 0;
    if (!s) /* a bare host: the net layer takes it as https */
        s = pat, def = 443;
    else if (!strncmp(pat, "https", 5) && s - pat == 5)
        def = 443, s += 3;
    else if (!strncmp(pat, "http", 4) && s - pat == 4)
        def = 80, s += 3;
    else
        return 0;
    const char *end = s + strcspn(s, "/?#");
    const char *h = s;
    if (*h == '[') {                    /* [v6]:port */
        const char *rb = memchr(h, ']', (size_t)(end - h));
        if (!rb) return 0;
        h = rb + 1;
    }
    const char *colon = memchr(h, ':', (size_t)(end - h));
    if (!colon) return def;
    unsigned v = 0;
    const char *q = colon + 1;
    if (q == end) return def;
    for (; q < end; q++) {
        if (*q < '0' || *q > '9') return 0;     /* "*" or junk: unknown */
        v = v * 10 + (unsigned)(*q - '0');
        if (v > 65535) return 0;
    }
    return v;
}

bx_status bxc_policy_add_fetch(bxc_policy *p, const char *pattern, bx_error *err)
{
    (void)err;
    p->net = 1;
    unsigned port = pattern_port(pattern);
    if (!port || p->nports >= sizeof p->ports / sizeof *p->ports) {
        p->connect_any = 1;
        return BX_OK;
    }
    for (size_t i = 0; i < p->nports; i++)
        if (p->ports[i] == port) return BX_OK;
    p->ports[p->nports++] = (uint16_t)port;
    return BX_OK;
}

bx_status bxc_policy_from_options(bxc_policy *p, const bx_run_options *o,
                                         bx_error *err)
{
    bx_status st;
    for (size_t i = 0; i < o->nmap_dirs; i++)
        if ((st = bxc_policy_add_path(p, o->map_dirs[i].host, !o->map_dirs[i].read_only, err)))
            return st;
    /* The cache is written by the worker (best effort; see README): the
     * parent never deserialises an entry the worker could have planted
     * without the cache's own checks, which are the same either way. */
    char cwhy[512];
    p->cache_use = o->g.cache_dir && *o->g.cache_dir &&
                   bx_run_options_cache_verdict(o, o->g.cache_dir, cwhy, sizeof cwhy) == BX_CACHE_USE;
    if (p->cache_use && !p->cache_in_parent) {
        /* (a cache the run will not use is neither made nor opened to the
         * worker: a refused cache inside a grant must leave no trace)
         * created here as src/wasm/cache.c would (mkdir -p, 0700): a path
         * that does not exist yet cannot be granted */
        char buf[4096];
        size_t n = strlen(o->g.cache_dir);
        if (n < sizeof buf) {
            memcpy(buf, o->g.cache_dir, n + 1);
            for (size_t i = 1; i <= n; i++) {
                if (buf[i] != '/' && buf[i] != 0) continue;
                char c = buf[i];
                buf[i] = 0;
                (void)mkdir(buf, 0700);   /* best effort, like the cache */
                buf[i] = c;
            }
        }
        if ((st = bxc_policy_add_path(p, o->g.cache_dir, 1, err)))
            return st;
        /* Entries are authenticated: the worker reads the key (made here
         * first, since it may not create it).  A worker taken over by an
         * engine bug could then sign entries, but not make them pass the
         * loader's full verification (README, the cache's trust rule). */
        char key[4096];
        if (bx_cache_key_ensure() == 0 && bx_cache_key_location(key, sizeof key) &&
            (st = bxc_policy_add_path(p, key, 0, err)))
            return st;
    }
    for (size_t i = 0; i < o->nallowed_outbound_hosts; i++)
        if ((st = bxc_policy_add_fetch(p, o->allowed_outbound_hosts[i], err)))
            return st;
    p->max_fds = o->max_fds;
    p->max_memory = o->g.max_memory;
    p->max_stack = o->g.max_stack;
    p->timeout_ns = o->g.timeout_ns;
    return BX_OK;
}

/* ---- in the worker: Landlock ------------------------------------------ */

static int ll_add_path(int rs, const char *path, uint64_t access, uint64_t handled)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;   /* a path that is not there grants nothing */
    struct stat sb;
    if (fstat(fd, &sb) != 0) { close(fd); return -1; }
    if (!S_ISDIR(sb.st_mode)) {
        /* A single-file grant: src/wasi opens its directory to show the
         * granted names (and several files of one directory share it), so
         * the directory gets READ_DIR, and a writable file also the right
         * to replace entries there (rename onto it).  Landlock's rights
         * on directory entries are per directory: that is the coarsening
         * README names.  Contents stay per file. */
        char *dir = strdup(path), *slash = dir ? strrchr(dir, '/') : NULL;
        if (slash) {
            *(slash == dir ? slash + 1 : slash) = 0;
            uint64_t da = LANDLOCK_ACCESS_FS_READ_DIR;
            if (access & LANDLOCK_ACCESS_FS_WRITE_FILE)
                da |= LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_REG;
            int dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
            struct bxc_path_beneath dp = { da & handled, dfd };
            long drc = dfd >= 0 ? syscall(SYS_landlock_add_rule, rs, BXC_RULE_PATH_BENEATH, &dp, 0) : 0;
            if (dfd >= 0) close(dfd);
            if (drc != 0) { free(dir); close(fd); return -1; }
        }
        free(dir);
        access &= FS_FILE_RIGHTS;
    }
    struct bxc_path_beneath pb = { access & handled, fd };
    long rc = pb.allowed_access ? syscall(SYS_landlock_add_rule, rs, BXC_RULE_PATH_BENEATH, &pb, 0) : 0;
    close(fd);
    return rc == 0 ? 0 : -1;
}

/* What a fetch needs to read after confinement: resolver configuration,
 * TLS trust and configuration, and libraries dlopen'd by the resolver or
 * the TLS library.  Read-only and none of it secret. */
static const char *const net_paths[] = {
    "/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf",
    "/etc/services", "/etc/ssl", "/usr/lib/ssl", "/usr/share/ca-certificates",
    "/etc/ca-certificates", "/usr/lib", "/lib", "/lib64", "/etc/ld.so.cache", NULL};

/* Build the ruleset (no process is restricted yet: the parent or zygote
 * does this once, the worker only calls landlock_restrict_self).  Appends
 * what did not hold to why.  Returns the ABI (0: no Landlock), *rs_out
 * the ruleset (-1: none). */
static int build_landlock(const bxc_policy *p, int *rs_out, char *why, size_t nwhy)
{
    *rs_out = -1;
    int abi = bxc_landlock_abi();
    if (p->landlock_abi_max && abi > p->landlock_abi_max)
        abi = p->landlock_abi_max;    /* tests: an older kernel's Landlock */
    if (abi <= 0) {
        snprintf(why + strlen(why), nwhy - strlen(why), "%sLandlock unavailable (%s)",
                 *why ? "; " : "",
                 errno == ENOSYS ? "kernel without CONFIG_SECURITY_LANDLOCK"
                 : errno == EOPNOTSUPP ? "Landlock disabled at boot" : strerror(errno));
        return 0;
    }
    struct bxc_ruleset_attr ra;
    memset(&ra, 0, sizeof ra);
    ra.handled_access_fs = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1;     /* ABI 1 */
    if (abi >= 2) ra.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3) ra.handled_access_fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
    if (abi >= 5) ra.handled_access_fs |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
    size_t sz = offsetof(struct bxc_ruleset_attr, handled_access_net);
    if (abi >= 4) {
        ra.handled_access_net = BXC_NET_BIND_TCP;
        if (!p->connect_any) ra.handled_access_net |= BXC_NET_CONNECT_TCP;
        sz = offsetof(struct bxc_ruleset_attr, scoped);
    }
    if (abi >= 6) {
        ra.scoped = BXC_SCOPE_ABSTRACT_UNIX | BXC_SCOPE_SIGNAL;
        sz = sizeof ra;
    }
    int rs = (int)syscall(SYS_landlock_create_ruleset, &ra, sz, 0);
    if (rs < 0) {
        snprintf(why + strlen(why), nwhy - strlen(why), "%sLandlock ruleset refused: %s",
                 *why ? "; " : "", strerror(errno));
        return 0;
    }
    int ok = 1;
    for (size_t i = 0; i < p->npaths && ok; i++)
        ok = ll_add_path(rs, p->paths[i].path, p->paths[i].writable ? FS_READ | FS_WRITE : FS_READ,
                         ra.handled_access_fs) == 0;
    if (p->net)
        for (size_t i = 0; net_paths[i] && ok; i++)
            ok = ll_add_path(rs, net_paths[i], FS_READ, ra.handled_access_fs) == 0;
    if (abi >= 4 && p->net && !p->connect_any) {
        /* DNS over TCP (truncated answers) besides the granted ports */
        struct bxc_net_port np = { BXC_NET_CONNECT_TCP, 53 };
        ok = ok && syscall(SYS_landlock_add_rule, rs, BXC_RULE_NET_PORT, &np, 0) == 0;
        for (size_t i = 0; i < p->nports && ok; i++) {
            np.port = p->ports[i];
            ok = syscall(SYS_landlock_add_rule, rs, BXC_RULE_NET_PORT, &np, 0) == 0;
        }
    }
    if (!ok) {
        snprintf(why + strlen(why), nwhy - strlen(why), "%sLandlock rule refused: %s",
                 *why ? "; " : "", strerror(errno));
        close(rs);
        return 0;
    }
    *rs_out = rs;
    if (abi < 4)
        snprintf(why + strlen(why), nwhy - strlen(why),
                 "%sLandlock ABI %d: no TCP bind/connect rules (needs ABI 4, Linux 6.7)",
                 *why ? "; " : "", abi);
    else if (abi < 6)
        snprintf(why + strlen(why), nwhy - strlen(why),
                 "%sLandlock ABI %d: signals and abstract unix sockets not scoped (needs ABI 6, Linux 6.12)",
                 *why ? "; " : "", abi);
    return abi;
}

/* ---- in the worker: seccomp ------------------------------------------- */

/* Set once in the worker, after the fork and before the filter: the
 * handler has no other way to find its pipe.  Never used in the parent. */
static int violation_fd = -1;

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    uint32_t nr = (uint32_t)si->si_syscall;
    ssize_t w = write(violation_fd, &nr, sizeof nr);
    (void)w;
    syscall(SYS_exit_group, WORKER_VIOLATION);
}

/* The program is built before the fork with a mark where the worker's
 * pid goes (a pid is below 2^22): the worker only patches it in, so it
 * neither allocates nor sorts after the fork. */
#define PID_MARK 0x7ffffffeu

static int apply_seccomp(const struct sock_filter *pf, size_t n, char *why, size_t nwhy)
{
    if (!pf) {
        snprintf(why + strlen(why), nwhy - strlen(why), "%sseccomp filter not built: out of memory",
                 *why ? "; " : "");
        return -1;
    }
    struct sock_filter f[BPF_MAXINSNS];
    memcpy(f, pf, n * sizeof *f);
    uint32_t self = (uint32_t)getpid();
    for (size_t i = 0; i < n; i++)
        if (f[i].code == (BPF_JMP | BPF_JEQ | BPF_K) && f[i].k == PID_MARK) f[i].k = self;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigsys;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSYS, &sa, NULL);
    struct sock_fprog prog = { (unsigned short)n, f };
    long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
    int e = errno;
    if (rc != 0) {
        snprintf(why + strlen(why), nwhy - strlen(why), "%sseccomp unavailable: %s",
                 *why ? "; " : "", e == EINVAL ? "kernel without CONFIG_SECCOMP_FILTER" : strerror(e));
        return -1;
    }
    return 0;
}

/* ---- in the worker: the whole setup ------------------------------------ */

static int send_all(int fd, const void *buf, size_t len)
{
    const uint8_t *b = buf;
    while (len) {
        ssize_t k = write(fd, b, len);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        b += k;
        len -= (size_t)k;
    }
    return 0;
}

/* A frame's head and body in one system call when the socket takes them
 * (the parent wakes once per frame, not twice). */
static int send_frame(int fd, const uint8_t *h, size_t hl, const void *buf, size_t len)
{
    struct iovec iov[2] = { { (void *)h, hl }, { (void *)buf, len } };
    ssize_t k;
    while ((k = writev(fd, iov, 2)) < 0 && errno == EINTR) {}
    if (k < 0) return -1;
    if ((size_t)k < hl) return send_all(fd, h + k, hl - (size_t)k) || send_all(fd, buf, len);
    return send_all(fd, (const uint8_t *)buf + (k - (ssize_t)hl), len - (size_t)(k - (ssize_t)hl));
}

int bxc_reply(int reply_fd, const void *buf, size_t len)
{
    while (len) {
        uint32_t chunk = len > BXC_FRAME_MAX ? BXC_FRAME_MAX : (uint32_t)len;
        uint8_t h[5] = { 'D' };
        memcpy(h + 1, &chunk, 4);
        if (send_frame(reply_fd, h, 5, buf, chunk)) return -1;
        buf = (const uint8_t *)buf + chunk;
        len -= chunk;
    }
    return 0;
}

int bxc_progress(int reply_fd, const char *text, size_t len)
{
    uint8_t h[5] = { 'P' };
    uint32_t n = len > 65536 ? 65536 : (uint32_t)len;
    memcpy(h + 1, &n, 4);
    return send_frame(reply_fd, h, 5, text, n);
}

int bxc_send_artifact(int fd, const uint8_t hash[32], const uint8_t *payload, uint64_t n)
{
    uint8_t h[5 + BXC_ART_HEAD] = { 'M' };
    uint32_t hl = BXC_ART_HEAD;
    memcpy(h + 1, &hl, 4);
    memcpy(h + 5, hash, 32);
    memcpy(h + 37, &n, 8);
    if (send_all(fd, h, sizeof h)) return -1;
    while (n) {
        uint32_t chunk = n > BXC_FRAME_MAX ? BXC_FRAME_MAX : (uint32_t)n;
        uint8_t fh[5] = { 'M' };
        memcpy(fh + 1, &chunk, 4);
        if (send_all(fd, fh, 5) || send_all(fd, payload, chunk)) return -1;
        payload += chunk;
        n -= chunk;
    }
    return 0;
}

int bxc_reply_done(int fd)
{
    uint8_t z[5] = { 'Z', 0, 0, 0, 0 };
    return send_all(fd, z, sizeof z);
}

int bxc_reply_done_again(int fd)
{
    uint8_t z[6] = { 'Z', 1, 0, 0, 0, 'R' };
    return send_all(fd, z, sizeof z);
}

/* The audit stream of a worker: each write becomes one 'A' frame (one
 * write(2), so the watchdog thread's lines never split a frame of the
 * main thread's); the parent cuts the stream into lines, checks each and
 * appends it, tagged with the call, to the log only it holds open. */
static ssize_t audit_write(void *c, const char *buf, size_t n)
{
    int fd = (int)(intptr_t)c;
    size_t done = 0;
    while (done < n) {
        uint8_t fr[5 + 4096];
        uint32_t k = n - done > 4096 ? 4096 : (uint32_t)(n - done);
        fr[0] = 'A';
        memcpy(fr + 1, &k, 4);
        memcpy(fr + 5, buf + done, k);
        if (send_all(fd, fr, 5 + (size_t)k)) return done ? (ssize_t)done : -1;
        done += k;
    }
    return (ssize_t)n;
}

FILE *bxc_audit_stream(int reply_fd)
{
    cookie_io_functions_t io = { NULL, audit_write, NULL, NULL };
    return fopencookie((void *)(intptr_t)reply_fd, "w", io);
}

/* Close every descriptor but stdio and keep[]: a descriptor open before
 * confinement stays usable after it, so the worker keeps only its own. */
static void close_others(const int *keep, int n)
{
    int k[3], m = 0;
    for (int i = 0; i < n && m < 3; i++)
        if (keep[i] > 2) k[m++] = keep[i];
    for (int i = 1; i < m; i++)          /* sort (at most 3) */
        for (int j = i; j > 0 && k[j - 1] > k[j]; j--) { int t = k[j]; k[j] = k[j - 1]; k[j - 1] = t; }
    unsigned lo = 3;
    for (int i = 0; i < m; i++) {
        if ((unsigned)k[i] > lo) syscall(SYS_close_range, lo, (unsigned)k[i] - 1, 0);
        lo = (unsigned)k[i] + 1;
    }
    syscall(SYS_close_range, lo, ~0u, 0);
}

struct bxc_prepared {
    int rs;                     /* the Landlock ruleset, -1: none */
    int srs;                    /* ABI >= 6: a ruleset that only scopes (a zygote's workers), -1 */
    int abi;                    /* its ABI, 0: no Landlock */
    char why[256];              /* what did not hold in building it */
    struct sock_filter *f;      /* the seccomp program (PID_MARK for the pid), NULL: none */
    size_t n;
    struct sock_filter *zf;     /* an executor zygote's program (bxc_seccomp_zygote), NULL: none */
    size_t zn;
};

bxc_prepared *bxc_prepare(const bxc_policy *p)
{
    bxc_prepared *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->srs = -1;
    c->abi = build_landlock(p, &c->rs, c->why, sizeof c->why);
    if (bxc_seccomp_program(p->net, c->abi < 3, (pid_t)PID_MARK, &c->f, &c->n) != 0 ||
        c->n > BPF_MAXINSNS) {
        free(c->f);
        c->f = NULL;
    }
    if (bxc_seccomp_zygote(p->net, c->abi < 3, &c->zf, &c->zn) != 0 || c->zn > BPF_MAXINSNS) {
        free(c->zf);
        c->zf = NULL;
    }
    if (c->abi >= 6 && c->rs >= 0) {
        struct bxc_ruleset_attr ra;
        memset(&ra, 0, sizeof ra);
        ra.scoped = BXC_SCOPE_ABSTRACT_UNIX | BXC_SCOPE_SIGNAL;
        c->srs = (int)syscall(SYS_landlock_create_ruleset, &ra, sizeof ra, 0);
    }
    return c;
}

void bxc_prepared_free(bxc_prepared *c)
{
    if (!c) return;
    if (c->rs >= 0) close(c->rs);
    if (c->srs >= 0) close(c->srs);
    free(c->f);
    free(c->zf);
    free(c);
}

void bxc_confine_self(const bxc_policy *p, const bxc_prepared *pre, int fd, int vfd)
{
    char why[256];
    int keep[3] = { fd, vfd, pre ? pre->rs : -1 };
    close_others(keep, 3);
    bxc_level lv = bxc_confine_apply(p, pre, vfd, why);
    bxc_confine_report(p, fd, lv, why);
}

uint64_t bxc_as_limit(const bxc_policy *p)
{
    if (!p->max_memory) return RLIM_INFINITY;
    uint64_t ms = p->max_stack ? p->max_stack : (uint64_t)1 << 20;
    uint64_t cstack = ms > (BX_CONFINE_CSTACK_MAX - BX_CONFINE_CSTACK_RESERVE) / BX_CONFINE_CSTACK_MULT
                          ? BX_CONFINE_CSTACK_MAX
                          : ms * BX_CONFINE_CSTACK_MULT + BX_CONFINE_CSTACK_RESERVE;
    const uint64_t extra = BX_CONFINE_AS_HEADROOM + BX_CONFINE_AS_GUARDS * BX_CONFINE_GUARD_SPAN + cstack;
    return p->max_memory > (RLIM_INFINITY - extra) / BX_CONFINE_AS_MEMORIES
               ? RLIM_INFINITY
               : p->max_memory * BX_CONFINE_AS_MEMORIES + extra;
}

static bxc_level confine_apply(const bxc_policy *p, const bxc_prepared *pre, int vfd, char why[256],
                               int zyg);

bxc_level bxc_confine_apply(const bxc_policy *p, const bxc_prepared *pre,
                                   int vfd, char why[256])
{
    return confine_apply(p, pre, vfd, why, 0);
}

bxc_level bxc_confine_apply_zygote(const bxc_policy *p, const bxc_prepared *pre, char why[256])
{
    return confine_apply(p, pre, -1, why, 1);
}

bxc_level bxc_confine_tail(const bxc_prepared *pre, bxc_level lv, char why[256])
{
    int ok = 1;
    if (pre && pre->srs >= 0) {
        /* a domain of its own inside the executor's: signals and abstract
         * sockets stop at this worker, not at the executor's zygote */
        if (syscall(SYS_landlock_restrict_self, pre->srs, 0) != 0) {
            ok = 0;
            snprintf(why + strlen(why), 256 - strlen(why), "%sLandlock scope refused: %s",
                     *why ? "; " : "", strerror(errno));
        }
        close(pre->srs);   /* the worker's copy */
    }
    struct sock_filter f[64];
    size_t n = 0;
    if (lv != BX_CONFINE_NONE) {
        struct sock_fprog prog = { 0, f };
        if (bxc_seccomp_tail(getpid(), f, sizeof f / sizeof *f, &n) != 0 ||
            (prog.len = (unsigned short)n, syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog)) != 0) {
            /* without it the worker could fork or signal its siblings: refused */
            snprintf(why + strlen(why), 256 - strlen(why), "%sthe worker's seccomp filter refused: %s",
                     *why ? "; " : "", strerror(errno));
            return BX_CONFINE_NONE;
        }
    }
    return ok || lv != BX_CONFINE_FULL ? lv : BX_CONFINE_PARTIAL;
}

static bxc_level confine_apply(const bxc_policy *p, const bxc_prepared *pre, int vfd, char why[256],
                               int zyg)
{
    int lim_ok = 1, nnp, ll, sc;
    *why = 0;

    struct rlimit rl = { 0, 0 };
    lim_ok &= setrlimit(RLIMIT_CORE, &rl) == 0;
    rl.rlim_cur = rl.rlim_max = (p->max_fds ? p->max_fds : 256) + 64;  /* + stdio, sockets, libs */
    lim_ok &= setrlimit(RLIMIT_NOFILE, &rl) == 0;
    if (!lim_ok)
        snprintf(why, 256, "resource limits not set: %s", strerror(errno));
    if (p->max_memory) {
#if defined(__SANITIZE_ADDRESS__)
        /* AddressSanitizer's shadow already spans terabytes of address space */
        lim_ok = 0;
        snprintf(why, 256, "RLIMIT_AS not set: an AddressSanitizer build");
#else
        rl.rlim_cur = rl.rlim_max = bxc_as_limit(p);
        if (setrlimit(RLIMIT_AS, &rl) != 0) {
            lim_ok = 0;
            snprintf(why, 256, "RLIMIT_AS not set: %s", strerror(errno));
        }
#endif
    }
    if (p->net || p->preload_curl) {
        /* Loaded now, while its files and dependencies are still reachable
         * (src/net's dlopen later finds it already loaded). */
        void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
        (void)h;
    }

    nnp = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0;
    if (!nnp)
        snprintf(why + strlen(why), 256 - strlen(why), "%sno_new_privs refused: %s",
                 *why ? "; " : "", strerror(errno));
    ll = 0;
    if (!pre) {
        snprintf(why + strlen(why), 256 - strlen(why), "%sout of memory", *why ? "; " : "");
    } else {
        if (*pre->why)
            snprintf(why + strlen(why), 256 - strlen(why), "%s%.200s", *why ? "; " : "", pre->why);
        if (nnp && pre->rs >= 0) {
            if (syscall(SYS_landlock_restrict_self, pre->rs, 0) == 0)
                ll = pre->abi;
            else
                snprintf(why + strlen(why), 256 - strlen(why), "%sLandlock refused: %s",
                         *why ? "; " : "", strerror(errno));
        }
        if (pre->rs >= 0) close(pre->rs);   /* the worker's copy */
    }
    violation_fd = vfd;
    sc = nnp && pre ? apply_seccomp(zyg ? pre->zf : pre->f, zyg ? pre->zn : pre->n, why, 256) == 0 : 0;

    bxc_level lv = (!ll && !sc) ? BX_CONFINE_NONE
                          : (nnp && ll >= 6 && sc && lim_ok) ? BX_CONFINE_FULL : BX_CONFINE_PARTIAL;
    if (lv == BX_CONFINE_NONE && !*why)
        snprintf(why, 256, "neither Landlock nor seccomp could be applied");
    return lv;
}

void bxc_set_violation_fd(int vfd)
{
    violation_fd = vfd;
}

void bxc_confine_report(const bxc_policy *p, int fd, bxc_level lv, const char *why)
{
    uint16_t wl = (uint16_t)strlen(why);
    uint8_t h[4] = { 'C', (uint8_t)lv };
    memcpy(h + 2, &wl, 2);
    if (send_frame(fd, h, 4, why, wl)) _exit(WORKER_BODY_FAILED);
    if (p->require_full && lv != BX_CONFINE_FULL) _exit(WORKER_REFUSED);
}

static void worker_main(const bxc_policy *p, const bxc_prepared *pre, pid_t parent,
                        int fd, int vfd, bxc_body body, void *arg)
{
    /* The worker must not outlive the run's owner. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(WORKER_BODY_FAILED);
    bxc_confine_self(p, pre, fd, vfd);
    int rc = body(arg, fd);
    fflush(NULL);
    _exit(rc == 0 ? WORKER_OK : WORKER_BODY_FAILED);
}

/* ---- in the parent ----------------------------------------------------- */

uint64_t bxc_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int rb_put(bxc_rbuf *b, const uint8_t *s, size_t n)
{
    if (b->n + n > b->max) { b->over = 1; return -1; }
    if (b->n + n > b->cap) {
        size_t c = b->cap ? b->cap : 4096;
        while (c < b->n + n) c *= 2;
        uint8_t *q = realloc(b->p, c);
        if (!q) { b->over = 1; return -1; }
        b->p = q;
        b->cap = c;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    return 0;
}

int bxc_rx_init(bxc_rx *x, bxc_status *cs, size_t max_reply, int audit_fd, const char *tag,
                int have_c)
{
    memset(x, 0, sizeof *x);
    x->cs = cs;
    x->have_c = have_c;
    x->out.max = max_reply;
    x->audit_fd = audit_fd;
    /* the tag goes into JSON as written: anything that would need escaping
     * is replaced, so a tag can never end the string early */
    snprintf(x->tag, sizeof x->tag, "%s", tag && *tag ? tag : "run");
    for (char *c = x->tag; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == '"' || *c == '\\') *c = '_';
    x->pend = malloc(BXC_FRAME_MAX + 16);
    return x->pend ? 0 : -1;
}

void bxc_rx_free(bxc_rx *x)
{
    free(x->pend);
    free(x->out.p);
    free(x->art.p);
    x->pend = NULL;
    x->out.p = NULL;
    x->art.p = NULL;
}

static void audit_note(bxc_rx *x, const char *event, size_t bytes)
{
    char line[256];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int n = snprintf(line, sizeof line,
                     "{\"call\":\"%s\",\"ts\":%lld.%03ld,\"event\":\"%s\",\"bytes\":%zu}\n", x->tag,
                     (long long)ts.tv_sec, ts.tv_nsec / 1000000, event, bytes);
    if (n > 0 && (size_t)n < sizeof line) send_all(x->audit_fd, line, (size_t)n);
}

/* One complete line from the worker: a JSON object on one line of
 * printable bytes is appended, tagged as the first member; anything else
 * is replaced by a note.  (The worker may lie inside its own lines; it
 * cannot remove, reorder or truncate other lines, nor speak for another
 * call: the tag is the parent's.) */
static void audit_line(bxc_rx *x)
{
    size_t n = x->nline;
    int ok = !x->line_over && n >= 2 && x->line[0] == '{' && x->line[n - 1] == '}';
    for (size_t i = 0; ok && i < n; i++)
        ok = (unsigned char)x->line[i] >= 0x20 && x->line[i] != 0x7f;
    if (x->audit_fd >= 0) {
        /* the cap counts what reaches the log, tags included, and keeps
         * room for the one record that says the rest was dropped */
        if (x->audit_cut || x->audit_bytes + n + 128 > BXC_AUDIT_CALL_MAX - 512) {
            if (!x->audit_cut) {
                char line[512];
                struct timespec ts;
                clock_gettime(CLOCK_REALTIME, &ts);
                int k = snprintf(line, sizeof line,
                                 "{\"call\":\"%s\",\"ts\":%lld.%03ld,\"event\":\"audit_truncated\","
                                 "\"limit_bytes\":%u,\"hint\":\"the audit log of this call reached its "
                                 "size cap; later records were dropped\"}\n",
                                 x->tag, (long long)ts.tv_sec, ts.tv_nsec / 1000000, BXC_AUDIT_CALL_MAX);
                if (k > 0 && (size_t)k < sizeof line) send_all(x->audit_fd, line, (size_t)k);
            }
            x->audit_cut = 1;
        } else if (!ok) {
            audit_note(x, "audit_line_rejected", x->line_over ? BXC_AUDIT_LINE_MAX : n);
            x->audit_bytes += 160;   /* the note's size, bounded by the cap too */
        } else {
            char head[128];
            int k = snprintf(head, sizeof head, "{\"call\":\"%s\"%s", x->tag, n > 2 ? "," : "");
            /* one write: O_APPEND keeps whole lines whole between writers */
            memmove(x->line + k, x->line + 1, n - 1);
            memcpy(x->line, head, (size_t)k);
            x->line[k + n - 1] = '\n';
            send_all(x->audit_fd, x->line, (size_t)k + n);
            x->audit_bytes += (size_t)k;
        }
    }
    x->audit_bytes += n + 1;
    x->nline = 0;
    x->line_over = 0;
}

static void audit_put(bxc_rx *x, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b[i] == '\n') {
            audit_line(x);
        } else if (x->nline < BXC_AUDIT_LINE_MAX) {
            x->line[x->nline++] = (char)b[i];
        } else {
            x->line_over = 1;
        }
    }
}

size_t bxc_rx_room(bxc_rx *x, uint8_t **at)
{
    *at = x->pend + x->npend;
    return BXC_FRAME_MAX + 16 - x->npend;
}

/* One 'M' frame (see confine_impl.h): 0, or -1 when it breaks the rule. */
static int art_frame(bxc_rx *x, const uint8_t *b, uint32_t len)
{
    if (!x->art_max || x->art_state == 2) return -1;   /* not asked for, or too late */
    if (x->art_state == 0) {
        if (len != BXC_ART_HEAD) return -1;
        memcpy(x->art_hash, b, 32);
        memcpy(&x->art_total, b + 32, 8);
        if (x->art_total > x->art_max) return -1;
        x->art.max = (size_t)x->art_total;
        x->art_state = x->art_total ? 1 : 2;
        return 0;
    }
    if (!len || rb_put(&x->art, b, len)) return -1;    /* more than declared */
    if (x->art.n == x->art_total) x->art_state = 2;
    return 0;
}

void bxc_rx_feed(bxc_rx *x, size_t got)
{
    x->npend += got;
    size_t i = 0;
    while (!x->bad && i < x->npend) {
        const uint8_t *f = x->pend + i;
        size_t avail = x->npend - i;
        if (!x->have_c) {
            uint16_t wl;
            if (f[0] != 'C') { x->bad = 1; break; }
            if (avail < 4) break;
            memcpy(&wl, f + 2, 2);
            if (f[1] > BX_CONFINE_NONE || wl >= sizeof x->cs->reason) { x->bad = 1; break; }
            if (avail < 4u + wl) break;
            x->cs->level = (bxc_level)f[1];
            memcpy(x->cs->reason, f + 4, wl);
            x->cs->reason[wl] = 0;
            for (char *c = x->cs->reason; *c; c++)   /* one printable line */
                if ((unsigned char)*c < 0x20) *c = ' ';
            x->have_c = 1;
            i += 4u + wl;
            continue;
        }
        uint32_t len;
        if (x->done || (f[0] != 'D' && f[0] != 'A' && f[0] != 'Z' && f[0] != 'P' && f[0] != 'M')) { x->bad = 1; break; }
        if (avail < 5) break;
        memcpy(&len, f + 1, 4);
        if (len > BXC_FRAME_MAX) { x->bad = 1; break; }
        if (avail - 5 < len) break;
        if (f[0] == 'M') {
            if (art_frame(x, f + 5, len)) { x->bad = 1; break; }
            i += 5u + len;
            continue;
        }
        /* the artifact comes first or never; one cut short is no artifact */
        if (x->art_state == 1) { x->bad = 1; break; }
        x->art_state = 2;
        if (f[0] == 'Z' && len == 1 && f[5] == 'R')
            x->done = x->again = 1;       /* a pooled worker that may serve again */
        else if (f[0] == 'Z')
            x->done = len == 0 ? 1 : (x->bad = 1, 0);
        else if (f[0] == 'P') {
            if (len > 65536) { x->bad = 1; break; }
            if (x->on_progress) x->on_progress(x->progress_user, (const char *)f + 5, len);
        }
        else if (f[0] == 'D')
            rb_put(&x->out, f + 5, len);
        else
            audit_put(x, f + 5, len);
        i += 5u + len;
    }
    if (x->bad || x->out.over) {
        x->npend = 0;
        return;
    }
    memmove(x->pend, x->pend + i, x->npend - i);
    x->npend -= i;
}

void bxc_rx_end(bxc_rx *x)
{
    if (x->nline || x->line_over) {   /* a last line without its newline */
        if (x->audit_fd >= 0) audit_note(x, "audit_line_rejected", x->nline);
        x->nline = 0;
    }
    if (x->npend) x->bad = 1;         /* a frame cut short */
    if (x->art_state == 1) x->bad = 1; /* an artifact cut short */
}

void bxc_judge(const bxc_policy *p, int ws, int have_nr, uint32_t nr, int killed_late,
               bxc_rx *x, bxc_status *cs)
{
    if (!x->have_c) {
        cs->level = BX_CONFINE_NONE;
        snprintf(cs->reason, sizeof cs->reason, "the worker ended before reporting its confinement");
    }
    if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGSYS) {
        cs->end = BX_CONFINE_VIOLATION;
        snprintf(cs->syscall, sizeof cs->syscall, "unknown");
    } else if (WIFEXITED(ws) && WEXITSTATUS(ws) == WORKER_VIOLATION && have_nr) {
        cs->end = BX_CONFINE_VIOLATION;
        bxc_syscall_name((long)nr, cs->syscall, sizeof cs->syscall);
    } else if (WIFEXITED(ws) && WEXITSTATUS(ws) == WORKER_REFUSED && x->have_c && p->require_full) {
        cs->end = BX_CONFINE_REFUSED;
    } else if (killed_late) {
        cs->end = BX_CONFINE_CRASHED;
        cs->signal = SIGKILL;
        snprintf(cs->detail, sizeof cs->detail,
                 "crashed: the worker did not end within its timeout plus 2s and was killed");
    } else if (WIFSIGNALED(ws)) {
        cs->end = BX_CONFINE_CRASHED;
        cs->signal = WTERMSIG(ws);
        snprintf(cs->detail, sizeof cs->detail, "crashed: the worker died of signal %d (%s)",
                 cs->signal, strsignal(cs->signal));
    } else if (!WIFEXITED(ws) || WEXITSTATUS(ws) != WORKER_OK || !x->have_c || x->out.over || x->bad ||
               (x->need_done && !x->done)) {
        cs->end = BX_CONFINE_CRASHED;
        snprintf(cs->detail, sizeof cs->detail,
                 "crashed: the worker exited (status %d) without a valid result",
                 WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
    }
    if (cs->end == BX_CONFINE_VIOLATION)
        snprintf(cs->detail, sizeof cs->detail,
                 "confinement violation: the worker made the forbidden system call %s and was "
                 "stopped (a module exploiting the engine, or a call missing from the allowlist)",
                 cs->syscall);
    else if (cs->end == BX_CONFINE_REFUSED)
        snprintf(cs->detail, sizeof cs->detail,
                 "refused by --require-os-confinement: confinement is %s (%s)",
                 bxc_level_name(cs->level), cs->reason);
    if (cs->end != BX_CONFINE_ENDED && p->audit_fd >= 0)
        bxc_audit(p->audit_fd, x->tag, cs);
}

bx_status bxc_exec(const bxc_policy *p, bxc_body body, void *arg,
                          size_t max_reply, uint8_t **reply, size_t *reply_len,
                          bxc_status *cs, bx_error *err)
{
    return bxc_exec_art(p, body, arg, max_reply, reply, reply_len, cs, err, NULL);
}

/* The artifact, when whole and the worker ended normally, moves to a. */
static void art_take(bxc_rx *x, const bxc_status *cs, bxc_art *a)
{
    if (!a || cs->end != BX_CONFINE_ENDED || x->art_state != 2 || !x->art_total ||
        x->art.n != x->art_total)
        return;
    a->got = 1;
    memcpy(a->hash, x->art_hash, 32);
    a->p = x->art.p;
    a->n = x->art.n;
    x->art.p = NULL;
}

bx_status bxc_exec_art(const bxc_policy *p, bxc_body body, void *arg, size_t max_reply,
                       uint8_t **reply, size_t *reply_len, bxc_status *cs, bx_error *err, bxc_art *a)
{
    memset(cs, 0, sizeof *cs);
    if (a) {
        a->got = 0;
        a->p = NULL;
        a->n = 0;
    }
    *reply = NULL;
    *reply_len = 0;
    bxc_rx x;

    if (p->disabled) {
        cs->level = BX_CONFINE_NONE;
        snprintf(cs->reason, sizeof cs->reason, "disabled by --no-os-confinement");
        if (p->require_full) {
            cs->end = BX_CONFINE_REFUSED;
            snprintf(cs->detail, sizeof cs->detail,
                     "--require-os-confinement and --no-os-confinement contradict each other");
            return BX_OK;
        }
        /* In-process: the body writes frames into a memory file. */
        int mfd = memfd_create("bx-reply", MFD_CLOEXEC);
        if (mfd < 0 || bxc_rx_init(&x, cs, max_reply, p->audit_fd, p->sandbox_id, 1) != 0) {
            if (mfd >= 0) close(mfd);
            return bx_error_setf(err, BX_ERR_NOMEM, "cannot create a reply buffer: %s", strerror(errno));
        }
        x.on_progress = p->on_progress;   /* (after the body: in-process, no live progress) */
        x.progress_user = p->progress_user;
        x.art_max = a ? a->max : 0;
        int rc = body(arg, mfd);
        off_t at = 0;
        for (;;) {
            uint8_t *room;
            size_t n = bxc_rx_room(&x, &room);
            ssize_t k = pread(mfd, room, n, at);
            if (k <= 0) break;
            at += k;
            bxc_rx_feed(&x, (size_t)k);
            if (x.bad || x.out.over) break;
        }
        bxc_rx_end(&x);
        close(mfd);
        if (rc != 0 || x.out.over || x.bad) {
            bxc_rx_free(&x);
            return bx_error_setf(err, BX_ERR_NOMEM, "the run failed to produce its result");
        }
        *reply = x.out.p;
        *reply_len = x.out.n;
        x.out.p = NULL;
        art_take(&x, cs, a);
        bxc_rx_free(&x);
        return BX_OK;
    }

    if (bxc_rx_init(&x, cs, max_reply, p->audit_fd, p->sandbox_id, 0) != 0)
        return bx_error_setf(err, BX_ERR_NOMEM, "out of memory");
    x.on_progress = p->on_progress;
    x.progress_user = p->progress_user;
    x.art_max = a ? a->max : 0;
    int sv[2], vp[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        bxc_rx_free(&x);
        return bx_error_setf(err, BX_ERR_NOMEM, "cannot create the worker's socket: %s", strerror(errno));
    }
    if (pipe2(vp, O_CLOEXEC) != 0) {
        close(sv[0]);
        close(sv[1]);
        bxc_rx_free(&x);
        return bx_error_setf(err, BX_ERR_NOMEM, "cannot create the worker's pipe: %s", strerror(errno));
    }
    bxc_prepared *pre = bxc_prepare(p);
    fflush(NULL);   /* else the worker would write our buffered output again */
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(sv[0]); close(sv[1]); close(vp[0]); close(vp[1]);
        bxc_prepared_free(pre);
        bxc_rx_free(&x);
        return bx_error_setf(err, BX_ERR_NOMEM, "cannot fork the worker: %s", strerror(e));
    }
    if (pid == 0) {
        close(sv[0]);
        close(vp[0]);
        worker_main(p, pre, parent, sv[1], vp[1], body, arg);
        _exit(WORKER_BODY_FAILED);
    }
    bxc_prepared_free(pre);
    close(sv[1]);
    close(vp[1]);

    /* Read everything until EOF; bounded; a parent-side deadline (the
     * run's timeout plus a grace) for a worker that stops listening to
     * its own watchdog. */
    uint64_t deadline = p->timeout_ns ? bxc_mono_ns() + p->timeout_ns + 2000000000ull : 0;
    int killed_late = 0;
    for (;;) {
        int ms = -1;
        if (deadline) {
            uint64_t now = bxc_mono_ns();
            ms = now >= deadline ? 0 : (int)((deadline - now) / 1000000 + 1);
        }
        struct pollfd pf = { sv[0], POLLIN, 0 };
        int pr = poll(&pf, 1, ms);
        if (pr < 0 && errno == EINTR) continue;
        if (pr == 0) {
            kill(pid, SIGKILL);
            killed_late = 1;
            break;
        }
        uint8_t *room;
        size_t n = bxc_rx_room(&x, &room);
        ssize_t k = read(sv[0], room, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        bxc_rx_feed(&x, (size_t)k);
        if (x.bad || x.out.over) {
            kill(pid, SIGKILL);    /* not a valid reply, or more than any */
            break;
        }
    }
    bxc_rx_end(&x);
    close(sv[0]);
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {}
    uint32_t nr = 0;
    int have_nr;
    {
        int fl = fcntl(vp[0], F_GETFL);
        fcntl(vp[0], F_SETFL, fl | O_NONBLOCK);
        have_nr = read(vp[0], &nr, sizeof nr) == (ssize_t)sizeof nr;
        close(vp[0]);
    }
    bxc_judge(p, ws, have_nr, nr, killed_late, &x, cs);
    if (cs->end == BX_CONFINE_ENDED) {
        *reply = x.out.p;
        *reply_len = x.out.n;
        x.out.p = NULL;
    }
    art_take(&x, cs, a);
    bxc_rx_free(&x);
    return BX_OK;
}

/* {"call":..,"ts":..,"sandbox":..,"event":"confinement","path":SYSCALL,"decision":"deny",...} */
void bxc_audit(int fd, const char *tag, const bxc_status *cs)
{
    char line[1200], esc[600];
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    const char *d = cs->detail;
    size_t k = 0;
    for (; *d && k + 7 < sizeof esc; d++) {
        if (*d == '"' || *d == '\\') esc[k++] = '\\';
        esc[k++] = (unsigned char)*d < 0x20 ? ' ' : *d;
    }
    esc[k] = 0;
    const char *id = tag && *tag && !strpbrk(tag, "\"\\") ? tag : "run";
    const char *rule = cs->end == BX_CONFINE_VIOLATION ? "seccomp"
                       : cs->end == BX_CONFINE_REFUSED ? "require_os_confinement" : "worker";
    int n = snprintf(line, sizeof line,
                     "{\"call\":\"%s\",\"ts\":%lld.%03ld,\"sandbox\":\"%s\",\"event\":\"confinement\","
                     "\"path\":\"%s\",\"decision\":\"deny\",\"rule\":\"%s\",\"errno\":0,\"hint\":\"%s\"}\n",
                     id, (long long)ts.tv_sec, ts.tv_nsec / 1000000, id,
                     cs->end == BX_CONFINE_VIOLATION ? cs->syscall : "", rule, esc);
    if (n > 0 && (size_t)n < sizeof line)
        send_all(fd, line, (size_t)n);
}

int bxc_prepared_rs(const bxc_prepared *pre)
{
    return pre ? pre->rs : -1;
}

int bxc_prepared_srs(const bxc_prepared *pre)
{
    return pre ? pre->srs : -1;
}
