/*
 * test_filter.c — the worker's seccomp program, run through a small
 * classic-BPF interpreter for every system call number: what must stop
 * the worker (execve, ptrace, mount, namespaces, ...), what must be
 * refused with an errno, what must be allowed, including the calls that
 * depend on their arguments (clone flags, signals to others, PROT_EXEC,
 * socket families).  The expectations are written here, not derived
 * from the allowlist in src/confine/seccomp.c.  Then an executor
 * zygote's program and a worker's tail (zygote.c): together they must
 * decide every number, with arguments that matter, as the worker's own.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <termios.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "../check.h"
#include "confine_impl.h"

#define SELF 4242
#define ALLOW SECCOMP_RET_ALLOW
#define TRAP SECCOMP_RET_TRAP
#define ERR(e) (SECCOMP_RET_ERRNO | (e))

/* Returns the action, or 0xdead on a malformed program (pc out of range,
 * unknown instruction). */
static uint32_t run(const struct sock_filter *f, size_t n, uint32_t arch, int nr,
                    uint64_t a0, uint64_t a1, uint64_t a2)
{
    struct seccomp_data d;
    memset(&d, 0, sizeof d);
    d.arch = arch;
    d.nr = nr;
    d.args[0] = a0, d.args[1] = a1, d.args[2] = a2;
    uint32_t A = 0;
    for (size_t pc = 0; pc < n; pc++) {
        const struct sock_filter *i = &f[pc];
        switch (i->code) {
        case BPF_LD | BPF_W | BPF_ABS:
            if (i->k + 4 > sizeof d) return 0xdead;
            memcpy(&A, (const uint8_t *)&d + i->k, 4);
            break;
        case BPF_RET | BPF_K: return i->k;
        case BPF_JMP | BPF_JEQ | BPF_K: pc += A == i->k ? i->jt : i->jf; break;
        case BPF_JMP | BPF_JGE | BPF_K: pc += A >= i->k ? i->jt : i->jf; break;
        case BPF_JMP | BPF_JGT | BPF_K: pc += A > i->k ? i->jt : i->jf; break;
        case BPF_JMP | BPF_JSET | BPF_K: pc += (A & i->k) ? i->jt : i->jf; break;
        case BPF_ALU | BPF_AND | BPF_K: A &= i->k; break;
        default: return 0xdead;
        }
    }
    return 0xdead;   /* fell off the end */
}

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#endif

int main(void)
{
#ifndef ARCH
    printf("0 passed, 0 failed, 1 skipped\n");
    return 0;
#else
    for (int variant = 0; variant < 4; variant++) {
        int net = variant & 1, nt = variant >> 1;   /* nt: Landlock without TRUNCATE */
        struct sock_filter *f;
        size_t n;
        CHECK(bxc_seccomp_program(net, nt, SELF, &f, &n) == 0 && n <= BPF_MAXINSNS, "program built");
#define EXPECT(want, nr, a0, a1, a2)                                                         \
        do {                                                                                 \
            uint32_t got = run(f, n, ARCH, nr, a0, a1, a2);                                  \
            CHECK(got == (uint32_t)(want), "net=%d %s(%#llx,%#llx,%#llx): got %#x want %#x", \
                  net, #nr, (unsigned long long)(a0), (unsigned long long)(a1),              \
                  (unsigned long long)(a2), got, (uint32_t)(want));                         \
        } while (0)
        /* stopped whatever the arguments */
        const int stop[] = { SYS_execve, SYS_execveat, SYS_ptrace, SYS_process_vm_readv,
                             SYS_process_vm_writev, SYS_mount, SYS_umount2, SYS_unshare, SYS_setns,
                             SYS_bpf, SYS_perf_event_open, SYS_userfaultfd, SYS_io_uring_setup,
                             SYS_io_uring_enter, SYS_io_uring_register, SYS_keyctl, SYS_add_key,
                             SYS_request_key, SYS_chmod, SYS_fchmodat, SYS_chown, SYS_fchownat,
                             SYS_fork, SYS_vfork, SYS_kexec_load, SYS_init_module,
                             SYS_finit_module, SYS_pivot_root, SYS_chroot, SYS_setuid,
                             SYS_personality, SYS_memfd_create, SYS_listen, SYS_accept4,
                             SYS_pidfd_open, SYS_pidfd_getfd, SYS_open_by_handle_at, SYS_tkill,
                             SYS_seccomp, SYS_mknodat, SYS_pkey_mprotect };
        for (size_t i = 0; i < sizeof stop / sizeof *stop; i++) {
            uint32_t got = run(f, n, ARCH, stop[i], 0, 0, 0);
            CHECK(got == TRAP, "net=%d syscall %d: got %#x, want TRAP", net, stop[i], got);
        }
        /* allowed */
        const int allow[] = { SYS_read, SYS_write, SYS_openat, SYS_close, SYS_futex,
                              SYS_exit_group, SYS_getrandom, SYS_clock_gettime, SYS_newfstatat,
                              SYS_renameat2, SYS_unlinkat, SYS_mkdirat, SYS_getdents64,
                              SYS_fchmod, SYS_rt_sigreturn, SYS_rt_sigaction, SYS_munmap,
                              SYS_brk, SYS_lseek, SYS_ftruncate, SYS_fsync, SYS_ppoll,
                              SYS_rt_sigpending, SYS_rt_sigtimedwait };
        for (size_t i = 0; i < sizeof allow / sizeof *allow; i++) {
            uint32_t got = run(f, n, ARCH, allow[i], 0, 0, 0);
            CHECK(got == ALLOW, "net=%d syscall %d: got %#x, want ALLOW", net, allow[i], got);
        }
        /* by argument */
        const uint64_t thread = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                                CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
                                CLONE_CHILD_CLEARTID;
        EXPECT(ALLOW, SYS_clone, thread, 0, 0);
        EXPECT(TRAP, SYS_clone, thread | CLONE_NEWUSER, 0, 0);
        EXPECT(TRAP, SYS_clone, CLONE_NEWNS, 0, 0);
        EXPECT(TRAP, SYS_clone, CLONE_NEWNET | SIGCHLD, 0, 0);
        EXPECT(TRAP, SYS_clone, SIGCHLD, 0, 0);                     /* fork */
        EXPECT(TRAP, SYS_clone, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0);   /* vfork, posix_spawn */
        EXPECT(ERR(ENOSYS), SYS_clone3, 0, 0, 0);
        EXPECT(ALLOW, SYS_kill, SELF, SIGSEGV, 0);
        EXPECT(TRAP, SYS_kill, 1, SIGKILL, 0);
        EXPECT(TRAP, SYS_kill, 0, SIGKILL, 0);              /* the process group */
        EXPECT(TRAP, SYS_kill, (uint64_t)-1, SIGKILL, 0);   /* everyone */
        EXPECT(ALLOW, SYS_tgkill, SELF, SELF + 1, SIGUSR1);
        EXPECT(TRAP, SYS_tgkill, SELF + 1, SELF + 1, SIGUSR1);
        EXPECT(ALLOW, SYS_prlimit64, 0, RLIMIT_NOFILE, 0);
        EXPECT(ERR(EPERM), SYS_prlimit64, 1, RLIMIT_NOFILE, 0);
        EXPECT(ALLOW, SYS_ioctl, 1, TCGETS, 0);
        EXPECT(ERR(ENOTTY), SYS_ioctl, 0, TIOCSTI, 0);      /* typing into the terminal */
        EXPECT(ALLOW, SYS_prctl, PR_SET_NAME, 0, 0);
        EXPECT(ERR(EPERM), SYS_prctl, PR_SET_DUMPABLE, 1, 0);
        EXPECT(ALLOW, SYS_socketpair, AF_UNIX, SOCK_STREAM, 0);
        EXPECT(ERR(EACCES), SYS_socketpair, AF_INET, SOCK_STREAM, 0);
        EXPECT(ERR(EACCES), SYS_socket, AF_UNIX, SOCK_STREAM, 0);
        EXPECT(ERR(EACCES), SYS_socket, AF_NETLINK, SOCK_RAW, 0);
        EXPECT(ALLOW, SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE);
        if (net) {
            EXPECT(ALLOW, SYS_socket, AF_INET, SOCK_STREAM, 0);
            EXPECT(ALLOW, SYS_socket, AF_INET6, SOCK_DGRAM, 0);
            EXPECT(ALLOW, SYS_mmap, 0, 4096, PROT_READ | PROT_EXEC);   /* the resolver's dlopen */
        } else {
            EXPECT(ERR(EACCES), SYS_socket, AF_INET, SOCK_STREAM, 0);
            EXPECT(TRAP, SYS_mmap, 0, 4096, PROT_READ | PROT_EXEC);
            EXPECT(TRAP, SYS_mprotect, 0, 4096, PROT_READ | PROT_EXEC);
        }
        /* truncation of a read-only grant: Landlock's on ABI >= 3, the filter's below */
        EXPECT(nt ? ERR(EPERM) : ALLOW, SYS_truncate, 0, 0, 0);
        EXPECT(nt ? ERR(EPERM) : ALLOW, SYS_openat, AT_FDCWD, 0, O_RDONLY | O_TRUNC);
        EXPECT(nt ? ERR(EPERM) : ALLOW, SYS_openat, 3, 0, O_RDONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
        EXPECT(nt ? ERR(EPERM) : ALLOW, SYS_open, 0, O_RDONLY | O_TRUNC, 0);
        EXPECT(nt ? ERR(ENOSYS) : ALLOW, SYS_openat2, AT_FDCWD, 0, 0);
        EXPECT(ALLOW, SYS_openat, AT_FDCWD, 0, O_WRONLY | O_TRUNC);   /* Landlock's write check */
        EXPECT(ALLOW, SYS_openat, AT_FDCWD, 0, O_RDWR | O_TRUNC | O_CREAT);
        EXPECT(ALLOW, SYS_openat, AT_FDCWD, 0, O_RDONLY | O_CLOEXEC);
        EXPECT(ALLOW, SYS_open, 0, O_RDONLY, 0);
        EXPECT(ALLOW, SYS_ftruncate, 3, 0, 0);
        EXPECT(TRAP, SYS_read | 0x40000000, 0, 0, 0);                    /* the x32 ABI */
        uint32_t got = run(f, n, AUDIT_ARCH_I386, SYS_read, 0, 0, 0);
        CHECK(got == SECCOMP_RET_KILL_PROCESS, "another architecture: got %#x", got);
        /* every number ends in a verdict, and most are stopped */
        int allowed = 0, broken = 0;
        for (int nr = 0; nr < 1024; nr++) {
            uint32_t a = run(f, n, ARCH, nr, 0, 0, 0);
            broken += a == 0xdead;
            allowed += a == ALLOW;
        }
        CHECK(!broken, "net=%d: %d numbers fell off the program", net, broken);
        CHECK(allowed > 50 && allowed < 200, "net=%d: %d numbers allowed", net, allowed);

        /* An executor zygote's program plus a worker's tail (zygote.c):
         * the zygote itself may fork and reap, never more; the two
         * together decide every number and argument below exactly as the
         * worker's own program does (the kernel takes the strictest). */
        struct sock_filter *zf, tf[64];
        size_t zn, tn;
        CHECK(bxc_seccomp_zygote(net, nt, &zf, &zn) == 0 && zn <= BPF_MAXINSNS, "zygote program built");
        CHECK(bxc_seccomp_tail(SELF, tf, 64, &tn) == 0, "tail built");
        CHECK(bxc_seccomp_tail(SELF, tf, 4, &tn) != 0, "a tail larger than its room is refused");
        CHECK(bxc_seccomp_tail(SELF, tf, 64, &tn) == 0, "tail rebuilt");
#define ZEXPECT(want, nr, a0)                                                                 \
        do {                                                                                  \
            uint32_t g = run(zf, zn, ARCH, nr, a0, 0, 0);                                     \
            CHECK(g == (uint32_t)(want), "zygote %s(%#llx): got %#x want %#x", #nr,           \
                  (unsigned long long)(a0), g, (uint32_t)(want));                            \
        } while (0)
        ZEXPECT(ALLOW, SYS_clone, SIGCHLD);                           /* fork its workers */
        ZEXPECT(TRAP, SYS_clone, CLONE_NEWUSER | SIGCHLD);
        ZEXPECT(TRAP, SYS_clone, CLONE_NEWPID | CLONE_THREAD);
        ZEXPECT(ALLOW, SYS_wait4, (uint64_t)-1);
        ZEXPECT(TRAP, SYS_execve, 0);
        ZEXPECT(TRAP, SYS_ptrace, 0);
        ZEXPECT(TRAP, SYS_unshare, 0);
        ZEXPECT(TRAP, SYS_fork, 0);
        ZEXPECT(ALLOW, SYS_prctl, PR_SET_PDEATHSIG);
        ZEXPECT(ERR(EPERM), SYS_prctl, PR_SET_DUMPABLE);
        uint32_t tg = run(tf, tn, ARCH, SYS_clone, SIGCHLD, 0, 0);
        CHECK(tg == TRAP, "tail: fork stopped: %#x", tg);
        tg = run(tf, tn, ARCH, SYS_kill, SELF + 1, 0, 0);
        CHECK(tg == TRAP, "tail: a signal to another process stopped: %#x", tg);
        tg = run(tf, tn, AUDIT_ARCH_I386, SYS_read, 0, 0, 0);
        CHECK(tg == SECCOMP_RET_KILL_PROCESS, "tail: another architecture: %#x", tg);
        const uint64_t av[] = { 0, 1, 2, 3, SELF, SELF + 1, (uint64_t)-1, SIGCHLD,
                                thread, thread | CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWNET | SIGCHLD,
                                CLONE_VM | CLONE_VFORK | SIGCHLD, CLONE_PARENT | SIGCHLD,
                                PR_SET_NAME, PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_SECCOMP,
                                AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, TCGETS, TIOCSTI, FIONREAD,
                                PROT_READ | PROT_EXEC, PROT_READ | PROT_WRITE, O_RDONLY | O_TRUNC,
                                O_WRONLY | O_TRUNC, RLIMIT_NOFILE };
        const size_t nav = sizeof av / sizeof *av;
        long same = 0, differ = 0;
        for (int nr = 0; nr < 1024; nr++)
            for (size_t i = 0; i < nav; i++)
                for (size_t j = 0; j < nav; j++) {
                    uint64_t a2 = av[(i + j) % nav];
                    uint32_t w = run(f, n, ARCH, nr, av[i], av[j], a2);
                    uint32_t z1 = run(zf, zn, ARCH, nr, av[i], av[j], a2);
                    uint32_t t1 = run(tf, tn, ARCH, nr, av[i], av[j], a2);
                    /* the kernel: the newest filter's verdict unless an older
                     * one's action is stricter (lower as a signed value) */
                    uint32_t both = (int32_t)(z1 & SECCOMP_RET_ACTION_FULL) <
                                    (int32_t)(t1 & SECCOMP_RET_ACTION_FULL) ? z1 : t1;
                    if (both == w && w != 0xdead && z1 != 0xdead && t1 != 0xdead) {
                        same++;
                    } else if (differ++ < 5) {
                        CHECK(0, "net=%d nt=%d nr %d (%#llx,%#llx,%#llx): worker %#x, zygote+tail %#x",
                              net, nt, nr, (unsigned long long)av[i], (unsigned long long)av[j],
                              (unsigned long long)a2, w, both);
                    }
                }
        CHECK(differ == 0 && same == 1024L * (long)nav * (long)nav,
              "net=%d nt=%d: zygote+tail decide as the worker's program: %ld same, %ld differ",
              net, nt, same, differ);
        free(zf);
        free(f);
    }
    return check_report();
#endif
}
