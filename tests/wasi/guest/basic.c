/*
 * basic.c — WASI guest: args, environ, clocks, random, stdio, poll,
 * sched, proc, sock.  Modes (argv[1]): basic, exit7, flood, sleep, stdin;
 * basicnode = basic without the calls Node's node:wasi cannot survive
 * (tests/nodediff/t_node_diff.sh runs it under both).
 * Expects (from the driver): argv = basic "hello world", env FOO=bar EMPTY=,
 * stdin "line1\nline2\n", no preopens.
 */
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
int32_t raw_proc_raise(int32_t sig);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t n, int32_t nw);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("args_get")))
int32_t raw_args_get(int32_t argv, int32_t buf);

extern char **environ;

static __wasi_timestamp_t now(__wasi_clockid_t id)
{
    __wasi_timestamp_t t = 0;
    if (__wasi_clock_time_get(id, 1, &t))
        return 0;
    return t;
}

static int basic(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "basic";
    /* args */
    CHECK(argc == 3, "argc %d", argc);
    CHECK(argc == 3 && !strcmp(argv[2], "hello world"), "argv[2]");
    {
        __wasi_size_t n = 0, sz = 0;
        EXPECT(__wasi_args_sizes_get(&n, &sz), 0);
        CHECK(n == 3 && sz == strlen(argv[0]) + 1 + strlen(argv[1]) + 1 + 12, "args sizes %u %u", (unsigned)n, (unsigned)sz);
    }
    /* environ */
    {
        int n = 0;
        __wasi_size_t c = 0, sz = 0;
        for (char **e = environ; e && *e; e++)
            n++;
        CHECK(n == 2, "environ count %d", n);
        CHECK(getenv("FOO") && !strcmp(getenv("FOO"), "bar"), "FOO");
        CHECK(getenv("EMPTY") && !strcmp(getenv("EMPTY"), ""), "EMPTY");
        CHECK(getenv("HOME") == NULL, "HOME leaked from the host");
        EXPECT(__wasi_environ_sizes_get(&c, &sz), 0);
        CHECK(c == 2 && sz == 8 + 7, "environ sizes %u %u", (unsigned)c, (unsigned)sz);
    }
    /* clocks */
    {
        __wasi_timestamp_t r, m1, m2;
        CHECK(now(__WASI_CLOCKID_REALTIME) > 1600000000ull * 1000000000ull, "realtime");
        m1 = now(__WASI_CLOCKID_MONOTONIC);
        m2 = now(__WASI_CLOCKID_MONOTONIC);
        CHECK(m1 > 0 && m2 >= m1, "monotonic");
        CHECK(now(__WASI_CLOCKID_PROCESS_CPUTIME_ID) > 0, "process cputime");
        EXPECT(__wasi_clock_time_get(__WASI_CLOCKID_THREAD_CPUTIME_ID, 1, &r), 0);
        EXPECT(__wasi_clock_time_get(9, 1, &r), __WASI_ERRNO_INVAL);
        for (int i = 0; i < 4; i++) {
            r = 0;
            EXPECT(__wasi_clock_res_get((__wasi_clockid_t)i, &r), 0);
            CHECK(r > 0 && r <= 1000000000ull, "clock_res %d = %llu", i, (unsigned long long)r);
        }
        EXPECT(__wasi_clock_res_get(7, &r), __WASI_ERRNO_INVAL);
        CHECK(time(NULL) > 1600000000, "time()");
    }
    /* random */
    {
        uint8_t a[32], b[32];
        memset(a, 0, sizeof a);
        memset(b, 0, sizeof b);
        EXPECT(__wasi_random_get(a, sizeof a), 0);
        EXPECT(__wasi_random_get(b, sizeof b), 0);
        CHECK(memcmp(a, b, sizeof a) != 0, "random twice equal");
        EXPECT(__wasi_random_get(a, 0), 0);
    }
    /* sched, proc_raise, sock */
    EXPECT(__wasi_sched_yield(), 0);
    if (strcmp(mode, "basicnode"))      /* node really raises the signal */
        EXPECT(raw_proc_raise(2), __WASI_ERRNO_NOTSUP);
    {
        __wasi_fd_t fd;
        __wasi_size_t n;
        __wasi_roflags_t rf;
        __wasi_iovec_t iov = { (uint8_t *)&n, 1 };
        __wasi_ciovec_t ciov = { (const uint8_t *)&n, 1 };
        EXPECT(__wasi_sock_accept(99, 0, &fd), __WASI_ERRNO_BADF);
        EXPECT2(__wasi_sock_recv(0, &iov, 1, 0, &n, &rf), __WASI_ERRNO_NOTSOCK, __WASI_ERRNO_NOTSUP);
        if (strcmp(mode, "basicnode")) {   /* node 20 crashes (SIGSEGV) when fd 1 is a pipe */
            EXPECT2(__wasi_sock_accept(1, 0, &fd), __WASI_ERRNO_NOTSOCK, __WASI_ERRNO_NOTSUP);
            EXPECT2(__wasi_sock_send(1, &ciov, 1, 0, &n), __WASI_ERRNO_NOTSOCK, __WASI_ERRNO_NOTSUP);
        }
        EXPECT2(__wasi_sock_shutdown(1, __WASI_SDFLAGS_RD), __WASI_ERRNO_NOTSOCK, __WASI_ERRNO_NOTSUP);
    }
    /* stdio fds */
    {
        __wasi_fdstat_t st;
        __wasi_filestat_t fs;
        __wasi_filesize_t off;
        __wasi_prestat_t ps;
        EXPECT(__wasi_fd_fdstat_get(1, &st), 0);
        CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE, "stdout write right");
        EXPECT(__wasi_fd_fdstat_get(0, &st), 0);
        CHECK(st.fs_rights_base & __WASI_RIGHTS_FD_READ, "stdin read right");
        EXPECT(__wasi_fd_filestat_get(1, &fs), 0);
        EXPECT2(__wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &off), __WASI_ERRNO_SPIPE, __WASI_ERRNO_NOTCAPABLE);
        EXPECT(__wasi_fd_fdstat_set_flags(1, 0), 0);
        EXPECT(__wasi_fd_prestat_get(3, &ps), __WASI_ERRNO_BADF);
        EXPECT(__wasi_fd_close(77), __WASI_ERRNO_BADF);
        EXPECT(__wasi_fd_fdstat_get(77, &st), __WASI_ERRNO_BADF);
        EXPECT(__wasi_fd_sync(1), 0);
    }
    /* stdin from a buffer */
    {
        char line[64];
        CHECK(fgets(line, sizeof line, stdin) && !strcmp(line, "line1\n"), "stdin line1");
        CHECK(fgets(line, sizeof line, stdin) && !strcmp(line, "line2\n"), "stdin line2");
        CHECK(fgets(line, sizeof line, stdin) == NULL, "stdin EOF");
    }
    /* poll_oneoff: a 20 ms relative clock; a ready fd wins over a clock */
    {
        __wasi_subscription_t s[2];
        __wasi_event_t ev[2];
        __wasi_size_t n = 0;
        __wasi_timestamp_t t0 = now(__WASI_CLOCKID_MONOTONIC), t1;
        memset(s, 0, sizeof s);
        s[0].userdata = 42;
        s[0].u.tag = __WASI_EVENTTYPE_CLOCK;
        s[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
        s[0].u.u.clock.timeout = 20000000;
        EXPECT(__wasi_poll_oneoff(s, ev, 1, &n), 0);
        t1 = now(__WASI_CLOCKID_MONOTONIC);
        CHECK(n == 1 && ev[0].userdata == 42 && ev[0].type == __WASI_EVENTTYPE_CLOCK, "clock event");
        CHECK(t1 - t0 >= 20000000, "slept %llu ns", (unsigned long long)(t1 - t0));
        /* absolute realtime deadline in the past fires at once (node
         * sleeps forever on it: tests/nodediff/t_node_diff.sh) */
        if (strcmp(mode, "basicnode")) {
            s[0].u.u.clock.id = __WASI_CLOCKID_REALTIME;
            s[0].u.u.clock.timeout = 1;
            s[0].u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
            EXPECT(__wasi_poll_oneoff(s, ev, 1, &n), 0);
            CHECK(n == 1, "abstime event");
            s[0].u.u.clock.flags = 0;
        }
        s[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
        s[0].u.u.clock.timeout = 5000000000ull;
        s[1].userdata = 7;
        s[1].u.tag = __WASI_EVENTTYPE_FD_WRITE;
        s[1].u.u.fd_write.file_descriptor = 1;
        EXPECT(__wasi_poll_oneoff(s, ev, 2, &n), 0);
        CHECK(n == 1 && ev[0].userdata == 7 && ev[0].error == 0 &&
              ev[0].type == __WASI_EVENTTYPE_FD_WRITE, "stdout writable");
        s[1].u.u.fd_write.file_descriptor = 55;
        EXPECT(__wasi_poll_oneoff(s, ev, 2, &n), 0);
        CHECK(n == 1 && ev[0].error == __WASI_ERRNO_BADF, "poll bad fd -> event error");
        EXPECT(__wasi_poll_oneoff(s, ev, 0, &n), __WASI_ERRNO_INVAL);
    }
    /* raw pointer abuse: out of bounds must be EFAULT, not a host crash */
    EXPECT(raw_fd_write(1, (int32_t)0xFFFFFFF0, 4, 0), __WASI_ERRNO_FAULT);
    EXPECT(raw_args_get((int32_t)0xFFFFFFFC, 0), __WASI_ERRNO_FAULT);
    {
        static __wasi_ciovec_t bad = { (const uint8_t *)0xFFFFFF00, 0x1000 };
        __wasi_size_t n;
        EXPECT(__wasi_fd_write(1, &bad, 1, &n), __WASI_ERRNO_FAULT);
    }
    fprintf(stderr, "to-stderr\n");
    return report();
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "basic";
    if (!strcmp(mode, "exit7")) {
        printf("bye\n");
        fflush(stdout);
        __wasi_proc_exit(7);
    }
    if (!strcmp(mode, "flood")) {
        static char blk[1000];
        memset(blk, 'x', sizeof blk);
        for (int i = 0; i < 100; i++)
            fwrite(blk, 1, sizeof blk, stdout);
        fflush(stdout);
        fputs("err-small\n", stderr);
        return 0;
    }
    if (!strcmp(mode, "sleep")) {
        __wasi_subscription_t s;
        __wasi_event_t ev;
        __wasi_size_t n;
        memset(&s, 0, sizeof s);
        s.u.tag = __WASI_EVENTTYPE_CLOCK;
        s.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
        s.u.u.clock.timeout = 30ull * 1000000000ull;
        (void)__wasi_poll_oneoff(&s, &ev, 1, &n);
        printf("woke up\n");
        return 0;
    }
    if (!strcmp(mode, "stdin")) {
        char buf[256];
        size_t n = fread(buf, 1, sizeof buf, stdin);
        printf("read %zu: %.*s", n, (int)n, buf);
        return 0;
    }
    return basic(argc, argv);
}
