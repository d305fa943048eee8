/*
 * seccomp.c — the worker's system-call allowlist as a classic BPF program,
 * and the names of system calls for the reports.
 *
 * Allowed: what the engine, the WASI layer (files under Landlock), the
 * watchdog thread, glibc and libcurl use.  A few calls are allowed only
 * with safe arguments: clone of a thread (no namespace flags, no new process), kill/tgkill on the
 * worker itself, prlimit64 on itself, sockets only with a fetch: grant
 * (IPv4/IPv6; unnamed unix socketpairs always), ioctl for terminal and
 * FIONREAD/FIONBIO queries, prctl for thread names, fchmod (on a
 * descriptor, so on a file Landlock let the worker open; chmod and
 * fchmodat take paths Landlock does not check for metadata changes), mmap/mprotect without
 * PROT_EXEC unless libcurl's resolver may dlopen.  clone3 answers ENOSYS
 * (its flags live in memory the filter cannot read; glibc falls back to
 * clone).  Everything else (execve, ptrace, mount, unshare, bpf, io_uring,
 * ...) traps: the worker's SIGSYS handler reports the number and exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "confine.h"
#include "confine_impl.h"

#if defined(__x86_64__)
#define BXC_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define BXC_ARCH AUDIT_ARCH_AARCH64
#endif

#ifndef SYS_landlock_restrict_self
#define SYS_landlock_restrict_self 446
#endif

#define CLONE_NS_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
                        CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP | 0x00000080 /* NEWTIME */)
#ifndef PR_SET_VMA
#define PR_SET_VMA 0x53564d41
#endif

/* Plain allowlist: no argument checks (Landlock bounds the file ones). */
static const int allowed[] = {
    SYS_read, SYS_write, SYS_readv, SYS_writev, SYS_pread64, SYS_pwrite64, SYS_preadv,
    SYS_pwritev, SYS_preadv2, SYS_pwritev2, SYS_close, SYS_close_range, SYS_fstat,
    SYS_newfstatat, SYS_statx, SYS_lseek, SYS_brk, SYS_munmap, SYS_mremap, SYS_madvise,
    SYS_msync, SYS_mincore, SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_rt_sigreturn,
    SYS_rt_sigpending, SYS_rt_sigtimedwait /* io.c: a SIGPIPE of its own write, consumed */,
    SYS_sigaltstack, SYS_restart_syscall, SYS_futex, SYS_set_robust_list, SYS_get_robust_list,
    SYS_rseq, SYS_set_tid_address, SYS_sched_yield, SYS_sched_getaffinity, SYS_getpid,
    SYS_gettid, SYS_getppid, SYS_getuid, SYS_geteuid, SYS_getgid, SYS_getegid,
    SYS_getresuid, SYS_getresgid, SYS_uname, SYS_sysinfo, SYS_getrusage, SYS_times,
    SYS_clock_gettime, SYS_clock_getres, SYS_clock_nanosleep, SYS_nanosleep,
    SYS_gettimeofday, SYS_getrandom, SYS_exit, SYS_exit_group, SYS_openat, SYS_openat2,
    SYS_fcntl, SYS_flock, SYS_dup, SYS_dup3, SYS_pipe2, SYS_eventfd2, SYS_ppoll,
    SYS_pselect6, SYS_epoll_create1, SYS_epoll_ctl, SYS_epoll_pwait, SYS_epoll_pwait2,
    SYS_getdents64, SYS_getcwd, SYS_mkdirat, SYS_unlinkat, SYS_renameat, SYS_renameat2,
    SYS_linkat, SYS_symlinkat, SYS_readlinkat, SYS_utimensat, SYS_ftruncate, SYS_truncate,
    SYS_fsync, SYS_fdatasync, SYS_fallocate, SYS_fadvise64, SYS_statfs, SYS_fstatfs,
    SYS_faccessat, SYS_faccessat2, SYS_connect, SYS_sendto, SYS_recvfrom, SYS_sendmsg,
    SYS_recvmsg, SYS_sendmmsg, SYS_recvmmsg, SYS_shutdown, SYS_bind, SYS_getsockname,
    SYS_getpeername, SYS_setsockopt, SYS_getsockopt, SYS_copy_file_range, SYS_sendfile,
    SYS_membarrier, SYS_fchmod /* on a descriptor Landlock let it open */,
#if defined(__x86_64__)
    SYS_open, SYS_stat, SYS_lstat, SYS_access, SYS_pipe, SYS_dup2, SYS_poll, SYS_select,
    SYS_epoll_wait, SYS_mkdir, SYS_rmdir, SYS_unlink, SYS_rename, SYS_link, SYS_symlink,
    SYS_readlink, SYS_time, SYS_arch_prctl,
#endif
};

static const unsigned long ioctls[] = { TCGETS, TIOCGWINSZ, FIONREAD, FIONBIO, FIOCLEX, FIONCLEX };
static const unsigned long prctls[] = { PR_SET_NAME, PR_GET_NAME, PR_SET_VMA, PR_GET_DUMPABLE };

typedef struct prog {
    struct sock_filter *f;
    size_t n, cap;
    int oom;
} prog;

static void emit(prog *p, uint16_t code, uint32_t k, uint8_t jt, uint8_t jf)
{
    if (p->n == p->cap) {
        size_t c = p->cap ? p->cap * 2 : 256;
        struct sock_filter *q = realloc(p->f, c * sizeof *q);
        if (!q) { p->oom = 1; return; }
        p->f = q;
        p->cap = c;
    }
    p->f[p->n++] = (struct sock_filter){ code, jt, jf, k };
}

#define LD(p, off) emit(p, BPF_LD | BPF_W | BPF_ABS, (uint32_t)(off), 0, 0)
#define RET(p, v) emit(p, BPF_RET | BPF_K, (uint32_t)(v), 0, 0)
#define JEQ(p, k, t, f) emit(p, BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)(k), t, f)
#define ALLOW SECCOMP_RET_ALLOW
#define TRAP SECCOMP_RET_TRAP
#define ERRNO(e) (SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))
#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))

typedef struct range { uint32_t lo, hi; } range;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Allow A in one of r[a..b), else TRAP.  A node tests the middle range's
 * low end and jumps over the left half's code; a leaf tests up to four
 * ranges in a row.  Jumps are at most 255 forward: emit() marks the
 * program broken (oom) if one would be longer. */
static void tree(prog *p, const range *r, int a, int b)
{
    if (b - a <= 4) {
        for (int i = a; i < b; i++) {
            if (r[i].lo == r[i].hi) {
                JEQ(p, r[i].lo, 0, 1);
            } else {   /* lo <= nr <= hi */
                emit(p, BPF_JMP | BPF_JGE | BPF_K, r[i].lo, 0, 2);
                emit(p, BPF_JMP | BPF_JGT | BPF_K, r[i].hi, 1, 0);
            }
            RET(p, ALLOW);
        }
        RET(p, TRAP);
        return;
    }
    int m = (a + b) / 2;
    prog left = { NULL, 0, 0, 0 };
    tree(&left, r, a, m);
    if (left.oom || left.n > 255) {
        p->oom = 1;
    } else {
        emit(p, BPF_JMP | BPF_JGE | BPF_K, r[m].lo, (uint8_t)left.n, 0);
        for (size_t i = 0; i < left.n; i++)
            emit(p, left.f[i].code, left.f[i].k, left.f[i].jt, left.f[i].jf);
        tree(p, r, m, b);
    }
    free(left.f);
}

/* if nr == n: A = arg i; allow when A is one of v[], else ret other. */
static void one_of(prog *p, int nr, int arg, const unsigned long *v, size_t nv, uint32_t other)
{
    JEQ(p, nr, 0, (uint8_t)(2 + 2 * nv));
    LD(p, ARG_LO(arg));
    for (size_t i = 0; i < nv; i++) {
        JEQ(p, v[i], 0, 1);
        RET(p, ALLOW);
    }
    RET(p, other);
}

/* if nr == n: a read-only open (flags in arg) with O_TRUNC fails with
 * EPERM (Linux truncates such a file although it was opened for reading,
 * and Landlock below ABI 3 only checks the read); any other allowed. */
static void no_rdonly_trunc(prog *p, int nr, int arg)
{
    JEQ(p, nr, 0, 6);
    LD(p, ARG_LO(arg));
    emit(p, BPF_JMP | BPF_JSET | BPF_K, O_TRUNC, 0, 3);
    emit(p, BPF_ALU | BPF_AND | BPF_K, O_ACCMODE, 0, 0);
    JEQ(p, O_RDONLY, 0, 1);
    RET(p, ERRNO(EPERM));
    RET(p, ALLOW);
}

/* zyg: the program of a zygote confined for one executor (zygote.c),
 * whose workers each add bxc_seccomp_tail: the same as the worker's but
 * fork (clone without namespace flags), wait4, signals and prlimit64 to
 * any process, PR_SET_PDEATHSIG, landlock_restrict_self, seccomp (the
 * tail's own attach) and pidfd_open (of a worker it forked, for the
 * zygote) are allowed
 * here and left to the tail, which refuses them as the worker's program
 * does.  The two together decide every call as the worker's alone. */
static int program(int net, int no_truncate, pid_t self, int zyg, struct sock_filter **out, size_t *n)
{
#ifndef BXC_ARCH
    (void)net; (void)no_truncate; (void)self; (void)zyg; (void)out; (void)n;
    return -1;
#else
    prog p = { NULL, 0, 0, 0 };
    LD(&p, offsetof(struct seccomp_data, arch));
    JEQ(&p, BXC_ARCH, 1, 0);
    RET(&p, SECCOMP_RET_KILL_PROCESS);
    LD(&p, offsetof(struct seccomp_data, nr));
#if defined(__x86_64__)
    emit(&p, BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1);   /* the x32 ABI */
    RET(&p, TRAP);
#endif
    /* clone: threads yes; namespaces and new processes (a lingering
     * grandchild would outlive the worker the parent waits for) no */
    if (zyg) {
        JEQ(&p, SYS_clone, 0, 4);
        LD(&p, ARG_LO(0));
        emit(&p, BPF_JMP | BPF_JSET | BPF_K, CLONE_NS_FLAGS, 0, 1);
        RET(&p, TRAP);
        RET(&p, ALLOW);
        const int later[] = { SYS_kill, SYS_tgkill, SYS_prlimit64, SYS_wait4, SYS_landlock_restrict_self,
                              SYS_seccomp, SYS_pidfd_open };
        for (size_t i = 0; i < sizeof later / sizeof *later; i++) {
            JEQ(&p, later[i], 0, 1);
            RET(&p, ALLOW);
        }
    } else {
        JEQ(&p, SYS_clone, 0, 5);
        LD(&p, ARG_LO(0));
        emit(&p, BPF_JMP | BPF_JSET | BPF_K, CLONE_NS_FLAGS, 1, 0);
        emit(&p, BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 1, 0);
        RET(&p, TRAP);
        RET(&p, ALLOW);
    }
    JEQ(&p, SYS_clone3, 0, 1);
    RET(&p, ERRNO(ENOSYS));
    if (no_truncate) {
        /* Landlock without LANDLOCK_ACCESS_FS_TRUNCATE (ABI < 3) does not
         * stop truncation of a file granted read-only: truncate(2) by path
         * and open(O_RDONLY|O_TRUNC).  Writable opens and ftruncate (on a
         * descriptor open for writing) stay under Landlock's write check. */
        JEQ(&p, SYS_truncate, 0, 1);
        RET(&p, ERRNO(EPERM));
        JEQ(&p, SYS_openat2, 0, 1);
        RET(&p, ERRNO(ENOSYS));
        no_rdonly_trunc(&p, SYS_openat, 2);
#if defined(__x86_64__)
        no_rdonly_trunc(&p, SYS_open, 1);
#endif
    }
    /* signals: only to itself (Landlock's scoping says the same on ABI 6) */
    unsigned long me[] = { (unsigned long)self };
    one_of(&p, SYS_kill, 0, me, 1, TRAP);
    one_of(&p, SYS_tgkill, 0, me, 1, TRAP);
    unsigned long me0[] = { 0, (unsigned long)self };
    one_of(&p, SYS_prlimit64, 0, me0, 2, ERRNO(EPERM));
    one_of(&p, SYS_ioctl, 1, ioctls, sizeof ioctls / sizeof *ioctls, ERRNO(ENOTTY));
    if (zyg) {
        unsigned long zp[sizeof prctls / sizeof *prctls + 1];
        memcpy(zp, prctls, sizeof prctls);
        zp[sizeof prctls / sizeof *prctls] = PR_SET_PDEATHSIG;
        one_of(&p, SYS_prctl, 0, zp, sizeof zp / sizeof *zp, ERRNO(EPERM));
    } else {
        one_of(&p, SYS_prctl, 0, prctls, sizeof prctls / sizeof *prctls, ERRNO(EPERM));
    }
    unsigned long unixonly[] = { AF_UNIX };
    one_of(&p, SYS_socketpair, 0, unixonly, 1, ERRNO(EACCES));
    if (net) {
        unsigned long inet[] = { AF_INET, AF_INET6 };
        one_of(&p, SYS_socket, 0, inet, 2, ERRNO(EACCES));
        JEQ(&p, SYS_mmap, 0, 1);
        RET(&p, ALLOW);
        JEQ(&p, SYS_mprotect, 0, 1);
        RET(&p, ALLOW);
    } else {
        JEQ(&p, SYS_socket, 0, 1);
        RET(&p, ERRNO(EACCES));
        /* no new executable memory: there is no JIT, and nothing to dlopen */
        int nx[] = { SYS_mmap, SYS_mprotect };
        for (int i = 0; i < 2; i++) {
            JEQ(&p, nx[i], 0, 4);
            LD(&p, ARG_LO(2));
            emit(&p, BPF_JMP | BPF_JSET | BPF_K, PROT_EXEC, 0, 1);
            RET(&p, TRAP);
            RET(&p, ALLOW);
        }
    }
    /* The plain allowlist, sorted, folded into runs of consecutive
     * numbers, searched as a balanced tree: the kernel evaluates the
     * filter once per system call number when it installs it (its action
     * cache), so a short path is what makes a worker cheap to start. */
    enum { NA = sizeof allowed / sizeof *allowed };
    int v[NA];
    range rg[NA];
    int nr = 0;
    memcpy(v, allowed, sizeof v);
    qsort(v, NA, sizeof *v, cmp_int);
    for (int i = 0; i < NA;) {
        int j = i;
        while (j + 1 < NA && v[j + 1] <= v[j] + 1) j++;
        rg[nr].lo = (uint32_t)v[i];
        rg[nr++].hi = (uint32_t)v[j];
        i = j + 1;
    }
    tree(&p, rg, 0, nr);
    if (p.oom || p.n > BPF_MAXINSNS) {
        free(p.f);
        return -1;
    }
    *out = p.f;
    *n = p.n;
    return 0;
#endif
}

int bxc_seccomp_program(int net, int no_truncate, pid_t self, struct sock_filter **out, size_t *n)
{
    return program(net, no_truncate, self, 0, out, n);
}

int bxc_seccomp_zygote(int net, int no_truncate, struct sock_filter **out, size_t *n)
{
    return program(net, no_truncate, 0, 1, out, n);
}

int bxc_seccomp_tail(pid_t self, struct sock_filter *f, size_t cap, size_t *n)
{
#ifndef BXC_ARCH
    (void)self; (void)f; (void)cap; (void)n;
    return -1;
#else
    prog p = { NULL, 0, 0, 0 };
    LD(&p, offsetof(struct seccomp_data, arch));
    JEQ(&p, BXC_ARCH, 1, 0);
    RET(&p, SECCOMP_RET_KILL_PROCESS);
    LD(&p, offsetof(struct seccomp_data, nr));
    unsigned long me[] = { (unsigned long)self };
    one_of(&p, SYS_kill, 0, me, 1, TRAP);
    one_of(&p, SYS_tgkill, 0, me, 1, TRAP);
    unsigned long me0[] = { 0, (unsigned long)self };
    one_of(&p, SYS_prlimit64, 0, me0, 2, ERRNO(EPERM));
    /* threads only: no process of its own */
    JEQ(&p, SYS_clone, 0, 4);
    LD(&p, ARG_LO(0));
    emit(&p, BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 1, 0);
    RET(&p, TRAP);
    RET(&p, ALLOW);
    JEQ(&p, SYS_wait4, 0, 1);
    RET(&p, TRAP);
    JEQ(&p, SYS_landlock_restrict_self, 0, 1);
    RET(&p, TRAP);
    JEQ(&p, SYS_seccomp, 0, 1);
    RET(&p, TRAP);
    JEQ(&p, SYS_pidfd_open, 0, 1);
    RET(&p, TRAP);
    unsigned long pd[] = { PR_SET_PDEATHSIG };
    JEQ(&p, SYS_prctl, 0, 4);
    LD(&p, ARG_LO(0));
    JEQ(&p, pd[0], 0, 1);
    RET(&p, ERRNO(EPERM));
    RET(&p, ALLOW);
    RET(&p, ALLOW);
    int ok = !p.oom && p.n <= cap;
    if (ok) memcpy(f, p.f, p.n * sizeof *f), *n = p.n;
    free(p.f);
    return ok ? 0 : -1;
#endif
}

/* ---- names ------------------------------------------------------------- */

#define N(x) { SYS_##x, #x }
static const struct { int nr; const char *name; } names[] = {
    N(execve), N(execveat), N(ptrace), N(process_vm_readv), N(process_vm_writev), N(mount),
    N(umount2), N(unshare), N(setns), N(bpf), N(perf_event_open), N(userfaultfd),
    N(io_uring_setup), N(io_uring_enter), N(io_uring_register), N(keyctl), N(add_key),
    N(request_key), N(clone), N(clone3), N(kill), N(tgkill), N(tkill), N(chroot),
    N(pivot_root), N(init_module), N(finit_module), N(delete_module), N(kexec_load),
    N(reboot), N(swapon), N(swapoff), N(setuid), N(setgid), N(setreuid), N(setregid),
    N(setresuid), N(setresgid), N(setgroups), N(mknodat), N(fchmodat),
    N(fchown), N(fchownat), N(listen), N(accept), N(accept4), N(memfd_create),
    N(personality), N(seccomp), N(mmap), N(mprotect), N(pkey_mprotect), N(open_by_handle_at),
    N(name_to_handle_at), N(fanotify_init), N(inotify_init1), N(move_mount), N(fsopen),
    N(fsmount), N(fspick), N(open_tree), N(pidfd_open), N(pidfd_getfd),
    N(pidfd_send_signal), N(process_madvise), N(socket), N(socketpair), N(ioctl), N(prctl),
    N(prlimit64), N(landlock_create_ruleset), N(landlock_add_rule), N(landlock_restrict_self),
    N(wait4), N(waitid), N(setpriority), N(sched_setaffinity), N(sched_setscheduler),
    N(setrlimit), N(mlock), N(mbind), N(move_pages), N(migrate_pages), N(kcmp), N(acct),
    N(quotactl), N(syslog), N(vhangup), N(settimeofday), N(clock_settime), N(adjtimex),
    N(timer_create), N(timerfd_create), N(signalfd4), N(inotify_add_watch), N(chdir),
    N(fchdir), N(umask), N(setsid), N(setpgid), N(capset), N(capget), N(getpriority),
    N(rt_sigqueueinfo), N(rt_tgsigqueueinfo), N(mq_open), N(shmget), N(shmat), N(semget),
    N(msgget), N(lookup_dcookie), N(fsconfig), N(mount_setattr), N(set_mempolicy),
    N(get_mempolicy), N(futex_waitv),
#if defined(__x86_64__)
    N(fork), N(vfork), N(mknod), N(chmod), N(chown), N(lchown), N(iopl), N(ioperm),
    N(uselib), N(modify_ldt), N(inotify_init), N(signalfd), N(epoll_create), N(creat),
    N(alarm), N(getitimer), N(setitimer), N(pause), N(ustat), N(sysfs), N(_sysctl),
#endif
};

void bxc_syscall_name(long nr, char *buf, size_t n)
{
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].nr == nr) {
            snprintf(buf, n, "%s", names[i].name);
            return;
        }
    snprintf(buf, n, "syscall %ld", nr);
}
