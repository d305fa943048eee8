/*
 * rawrun.c — TEST ONLY, never installed, never linked into boxagnts.
 *
 * `run`'s library path (grants -> bx_run_options -> confinement policy ->
 * bxc_run) with one extra import, test:raw.go, that performs a
 * raw host operation inside the worker, as code that took over the engine
 * would: the compromise tests (t_confine.sh) check that the kernel's wall
 * stops it when confinement is on, and that it happens when it is off.
 *
 *   rawrun --probe                (prints the kernel's Landlock ABI)
 *   rawrun --bench N              (mean cost of one confined worker, empty body)
 *   rawrun [--no-os-confinement] [--cap GRANT]... [--max-memory SIZE] [--audit FILE]
 *          [--cache-dir DIR [--forge MODE [--forge-other OTHER.wasm]]]
 *          --op OP [--arg ARG] RAW.wasm
 *   OP: read PATH | write PATH | exec CMD | connect PORT | kill-parent |
 *       ptrace-parent | userns | fork | mount DIR | readfd PATH (opened by the host
 *       before the run) | truncate PATH | open-trunc PATH | clobber-fds | segv |
 *       plant (a compiled module for the cache, sent late) | none
 *   --forge MODE: the worker sends a forged compiled module for the cache
 *       (hash | short | long | huge | garbage | trunc | twice | other)
 *   --landlock-abi N: use at most Landlock ABI N (an older kernel's)
 * Prints one line on stdout: outcome=... syscall=... os_confinement=...
 * and the operation's own result on stderr ("raw: OP ok" / "raw: OP errno N").
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "boxagnts.h"
#include "confine.h"

typedef struct raw_cfg {
    const char *op, *arg;
    pid_t host;     /* the boxagnts-like process: the worker's parent when confined */
    int leaked;     /* readfd: a descriptor the host opened before the run */
} raw_cfg;

static void say(const char *op, int rc)
{
    char line[128];
    int n = rc == 0 ? snprintf(line, sizeof line, "raw: %s ok\n", op)
                    : snprintf(line, sizeof line, "raw: %s errno %d\n", op, rc);
    if (write(2, line, (size_t)n) < 0) {}
}

static bx_trap raw_go(bx_hostcall *hc, uint64_t *ar)
{
    const raw_cfg *c = hc->user;
    const char *op = c->op, *arg = c->arg ? c->arg : "";
    int rc = 0;
    if (!strcmp(op, "read")) {
        char buf[64];
        int fd = open(arg, O_RDONLY);
        if (fd < 0 || read(fd, buf, sizeof buf) < 0) rc = errno;
        if (fd >= 0) close(fd);
    } else if (!strcmp(op, "write")) {
        int fd = open(arg, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write(fd, "pwned\n", 6) != 6) rc = errno;
        if (fd >= 0) close(fd);
    } else if (!strcmp(op, "exec")) {
        char *const av[] = { "sh", "-c", (char *)arg, NULL };
        execve("/bin/sh", av, NULL);
        rc = errno;
    } else if (!strcmp(op, "connect")) {
        struct sockaddr_in sa;
        memset(&sa, 0, sizeof sa);
        sa.sin_family = AF_INET;
        sa.sin_port = htons((uint16_t)atoi(arg));
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) rc = errno;
        if (fd >= 0) close(fd);
    } else if (!strcmp(op, "kill-parent")) {
        if (kill(c->host, SIGUSR1) != 0) rc = errno;
    } else if (!strcmp(op, "ptrace-parent")) {
        if (ptrace(PTRACE_ATTACH, c->host, NULL, NULL) != 0) rc = errno;
        else ptrace(PTRACE_DETACH, c->host, NULL, NULL);
    } else if (!strcmp(op, "userns")) {
        if (unshare(CLONE_NEWUSER) != 0) rc = errno;
    } else if (!strcmp(op, "mount")) {
        if (mount("none", arg, "tmpfs", 0, NULL) != 0) rc = errno;
        else umount(arg);
    } else if (!strcmp(op, "readfd")) {
        char buf[64];
        if (read(c->leaked, buf, sizeof buf) < 0) rc = errno;
    } else if (!strcmp(op, "fork")) {
        pid_t pid = fork();
        if (pid == 0) _exit(0);
        if (pid < 0) rc = errno;
        else waitpid(pid, NULL, 0);
    } else if (!strcmp(op, "truncate")) {
        if (truncate(arg, 0) != 0) rc = errno;
    } else if (!strcmp(op, "open-trunc")) {
        /* Linux truncates on O_RDONLY|O_TRUNC: only a read is checked
         * by Landlock below ABI 3 */
        int fd = open(arg, O_RDONLY | O_TRUNC);
        if (fd < 0) rc = errno;
        else close(fd);
    } else if (!strcmp(op, "clobber-fds")) {
        /* every descriptor past stdio: truncate it and write a forged
         * audit line (an exploit after the audit log's descriptor) */
        int hit = 0;
        for (int fd = 3; fd < 1024; fd++) {
            if (ftruncate(fd, 0) == 0) hit++;
            if (write(fd, "{\"forged\":1}\n", 13) == 13) hit++;
        }
        rc = hit ? 0 : ENOENT;
    } else if (!strcmp(op, "plant")) {
        /* a compiled module for the cache, sent by guest code (too late:
         * the parent takes one only before any guest code runs) */
        uint8_t fr[5 + 40];
        uint32_t hl = 40;
        uint64_t n = 0;
        memset(fr, 0, sizeof fr);
        fr[0] = 'M';
        memcpy(fr + 1, &hl, 4);
        memcpy(fr + 37, &n, 8);
        int hit = 0;
        for (int fd = 3; fd < 1024; fd++) {
            struct stat sb;
            if (fstat(fd, &sb) == 0 && S_ISSOCK(sb.st_mode) && write(fd, fr, sizeof fr) == (ssize_t)sizeof fr) hit++;
        }
        rc = hit ? 0 : ENOENT;
    } else if (!strcmp(op, "segv")) {
        volatile int *p = NULL;
        *p = 1;
    }
    say(op, rc);
    ar[0] = (uint32_t)rc;
    return BX_TRAP_NONE;
}

static bx_status define_raw(void *user, bx_store *s, bx_linker *l, bx_error *err)
{
    bx_valtype res = BX_I32;
    bx_functype ft;
    memset(&ft, 0, sizeof ft);
    ft.nresults = 1;
    ft.results = &res;
    bx_func *f = bx_func_new_host(s, &ft, raw_go, user);
    bx_extern ex;
    memset(&ex, 0, sizeof ex);
    ex.kind = BX_EXTERN_FUNC;
    ex.of.func = f;
    if (!f) { snprintf(err->msg, sizeof err->msg, "out of memory"); return err->status = BX_ERR_NOMEM; }
    return bx_linker_define(l, "test:raw", "go", ex);
}

static int empty_body(void *arg, int fd)
{
    (void)arg;
    return bxc_reply(fd, "ok", 2);
}

/* --bench N: mean cost of one confined worker with an empty body (fork,
 * no_new_privs, Landlock, seccomp, rlimits, reply, wait), on and off. */
static int bench(int n)
{
    for (int off = 0; off < 2; off++) {
        bxc_policy p;
        bxc_policy_init(&p);
        p.disabled = off;
        bxc_policy_add_path(&p, "/tmp", 1, NULL);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int i = 0; i < n; i++) {
            uint8_t *rep; size_t rl; bxc_status cs; bx_error e;
            if (bxc_exec(&p, empty_body, NULL, 64, &rep, &rl, &cs, &e) != BX_OK || rl != 2) return 1;
            free(rep);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        printf("%s: %.1f us per worker (%d runs)\n", off ? "in-process (off)" : "confined worker",
               ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / 1e3 / n, n);
        bxc_policy_free(&p);
    }
    return 0;
}

/* --forge MODE: what a worker taken over while compiling could send as
 * its compiled module ('M' frames, see src/confine/confine_impl.h), in
 * place of the honest one.  The parent must store none of them. */
static const char *forge_mode;
static const char *forge_other;   /* --forge other: a different module's file */
static uint8_t other_wasm[1 << 16];   /* read before the worker is confined */
static size_t other_len;

static int put_frame(int fd, const void *b, uint32_t n)
{
    uint8_t h[5] = { 'M' };
    memcpy(h + 1, &n, 4);
    return write(fd, h, 5) == 5 && (!n || write(fd, b, n) == (ssize_t)n) ? 0 : -1;
}

static int put_head(int fd, const uint8_t hash[32], uint64_t n)
{
    uint8_t h[40];
    memcpy(h, hash, 32);
    memcpy(h + 32, &n, 8);
    return put_frame(fd, h, 40);
}

static int forge(int fd, const uint8_t *wasm, size_t len)
{
    uint8_t hash[32], *pl = NULL;
    size_t pn = 0;
    bx_error e;
    bx_module_digest(wasm, len, hash);
    const uint8_t *src = wasm;
    size_t slen = len;
    if (!strcmp(forge_mode, "other")) {   /* another module's valid payload */
        src = other_wasm;
        slen = other_len;
    }
    bx_module *m = bx_module_new(src, slen, &e);
    if (!m || bx_module_payload(m, &pl, &pn) != BX_OK) return -1;
    bx_module_free(m);
    int rc;
    if (!strcmp(forge_mode, "hash")) {            /* the payload is valid: only the hash is wrong */
        hash[0] ^= 1;
        rc = put_head(fd, hash, pn) || put_frame(fd, pl, (uint32_t)pn);
    } else if (!strcmp(forge_mode, "short")) {    /* fewer bytes than declared */
        rc = put_head(fd, hash, pn + 1) || put_frame(fd, pl, (uint32_t)pn);
    } else if (!strcmp(forge_mode, "long")) {     /* more bytes than declared */
        rc = put_head(fd, hash, pn - 1) || put_frame(fd, pl, (uint32_t)pn);
    } else if (!strcmp(forge_mode, "huge")) {     /* over the parent's bound */
        rc = put_head(fd, hash, (uint64_t)bxc_art_max(len) + 1);
    } else if (!strcmp(forge_mode, "garbage")) {  /* right hash and size, bytes that do not verify */
        for (size_t i = 0; i < pn; i++) pl[i] = (uint8_t)(i * 131 + 7);
        rc = put_head(fd, hash, pn) || put_frame(fd, pl, (uint32_t)pn);
    } else if (!strcmp(forge_mode, "trunc")) {    /* the honest payload less its last byte, declared so */
        rc = put_head(fd, hash, pn - 1) || put_frame(fd, pl, (uint32_t)pn - 1);
    } else if (!strcmp(forge_mode, "twice")) {    /* an honest artifact, then a second one */
        rc = put_head(fd, hash, pn) || put_frame(fd, pl, (uint32_t)pn) || put_head(fd, hash, pn);
    } else {                                      /* other: correct head, another module's code */
        rc = put_head(fd, hash, pn) || put_frame(fd, pl, (uint32_t)pn);
    }
    free(pl);
    return rc;
}

static volatile sig_atomic_t got_usr1;
static void on_usr1(int sig) { (void)sig; got_usr1 = 1; }

int main(int argc, char **argv)
{
    bx_run_options o;
    bx_run_options_init(&o);
    bx_error err;
    memset(&err, 0, sizeof err);
    raw_cfg cfg = { "none", NULL, getpid(), -1 };
    int disabled = 0, i = 1, abi_max = 0;
    for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--no-os-confinement")) { disabled = 1; continue; }
        if (!strcmp(a, "--bench") && v) return bench(atoi(v));
        if (!strcmp(a, "--probe")) { printf("landlock_abi=%d\n", bxc_landlock_abi()); return 0; }
        if (!v) { fprintf(stderr, "rawrun: %s needs a value\n", a); return 2; }
        i++;
        bx_status st = BX_OK;
        if (!strcmp(a, "--cap")) st = bx_run_options_add_cap(&o, v, &err);
        else if (!strcmp(a, "--workspace")) st = bx_run_options_set_workspace(&o, v, &err);
        else if (!strcmp(a, "--max-memory")) st = bx_parse_size(v, &o.g.max_memory, &err);
        else if (!strcmp(a, "--op")) cfg.op = v;
        else if (!strcmp(a, "--arg")) cfg.arg = v;
        else if (!strcmp(a, "--landlock-abi")) abi_max = atoi(v);
        else if (!strcmp(a, "--audit")) o.g.audit_path = strdup(v);
        else if (!strcmp(a, "--cache-dir")) o.g.cache_dir = strdup(v);
        else if (!strcmp(a, "--forge")) forge_mode = v;
        else if (!strcmp(a, "--forge-other")) forge_other = v;
        else { fprintf(stderr, "rawrun: unknown option %s\n", a); return 2; }
        if (st) { fprintf(stderr, "rawrun: %s: %s\n", a, err.msg); return 2; }
    }
    if (i != argc - 1) { fprintf(stderr, "usage: rawrun [options] --op OP [--arg ARG] RAW.wasm\n"); return 2; }
    /* clobber-fds attacks every descriptor: only this process's own, never
     * one inherited from whatever started the test */
    if (!strcmp(cfg.op, "clobber-fds")) syscall(SYS_close_range, 3u, ~0u, 0);
    FILE *f = fopen(argv[i], "rb");
    static uint8_t wasm[1 << 16];
    size_t len = f ? fread(wasm, 1, sizeof wasm, f) : 0;
    if (f) fclose(f);
    if (!len) { fprintf(stderr, "rawrun: cannot read %s\n", argv[i]); return 2; }
    if (forge_other) {
        FILE *of = fopen(forge_other, "rb");
        other_len = of ? fread(other_wasm, 1, sizeof other_wasm, of) : 0;
        if (of) fclose(of);
    }
    signal(SIGUSR1, on_usr1);
    if (!strcmp(cfg.op, "readfd") && (cfg.leaked = open(cfg.arg, O_RDONLY)) < 0) {
        fprintf(stderr, "rawrun: cannot open %s\n", cfg.arg);
        return 2;
    }

    bxc_policy pol;
    bxc_policy_init(&pol);
    pol.cache_in_parent = o.g.cache_dir != NULL && !disabled;   /* as `run` */
    if (bxc_policy_from_options(&pol, &o, &err) != BX_OK) { fprintf(stderr, "rawrun: %s\n", err.msg); return 2; }
    pol.disabled = disabled;
    pol.landlock_abi_max = abi_max;
    const char *av[] = { "raw" };
    bx_run_io io;
    memset(&io, 0, sizeof io);
    io.argv = av;
    io.argc = 1;
    io.stdin_kind = BX_WASI_STDIN_EMPTY;
    io.define_imports = define_raw;
    io.define_user = &cfg;
    bx_run_result r;
    bxc_status cs;
    bxc_run_cache rc;
    memset(&rc, 0, sizeof rc);
    if (forge_mode) rc.forge = forge;
    bx_status st = bxc_run_cached(&pol, &o, wasm, len, &io, &rc, &r, &cs, &err);
    if (st != BX_OK) { fprintf(stderr, "rawrun: %s\n", err.msg); return 1; }
    printf("outcome=%s syscall=%s os_confinement=%s parent_signalled=%d module_cache=%s\n", bx_run_outcome(&r),
           cs.end == BX_CONFINE_VIOLATION ? cs.syscall : "-", bxc_level_name(cs.level), (int)got_usr1,
           rc.refused ? "refused" : bxc_cache_event_name(rc.event));
    if (rc.refused) fprintf(stderr, "rawrun: cache: %s\n", rc.why);
    if (r.outcome != BX_RUN_EXITED) fprintf(stderr, "rawrun: %s\n", r.message);
    bx_run_result_free(&r);
    bxc_policy_free(&pol);
    bx_run_options_free(&o);
    return 0;
}
