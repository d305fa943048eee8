/*
 * build.c — compile the C text of a module with the system C compiler and
 * load the result; keep it in the module cache.
 *
 * The compiler: $BOXAGNTS_AOT_CC if set (tests point it at a missing or
 * failing program), else the first of cc, gcc, clang on PATH.  Flags are
 * fixed (BXA_CFLAGS): no -ffast-math, no FP contraction, so float results
 * are those of the interpreter.  It runs in a private temporary directory
 * (mkdtemp, 0700), as a child with RLIMIT_AS (BXA_CC_MEM) and a wall-clock
 * timeout (BXA_CC_TIMEOUT_S + BXA_CC_TIMEOUT_PER_MIB per MiB of C text, or
 * $BOXAGNTS_AOT_TIMEOUT seconds; also each process's RLIMIT_CPU) after which
 * its process group is killed; stdin/stdout are /dev/null.
 *
 * The cache: <cache_dir>/aot/<key>.so-entry, key = SHA-256 of the module
 * bytes, the translator and ABI versions, the entry layout, the engine
 * build id (which hashes the opcode table), the fusion switch, the
 * compiler's identity (resolved path, size, mtime, inode) and the flags.
 * An entry is the shared object followed by the cache's 128-byte
 * authenticated header (bxe_cache_make_header: HMAC-SHA-256 under the
 * per-user key): a trailer, so the entry itself is a loadable ELF file.
 * Entries are written 0600 through a temporary file and rename.  The cache
 * directory is trusted as the module cache is (callers check it against
 * the grants).
 *
 * Loading (cache_load).  The entry is opened once (O_NOFOLLOW) and
 * everything after is done on that fd, never on the name again, so the
 * file cannot be swapped between check and use:
 *   - a full check reads it, makes the header again from the payload and
 *     compares; when the file is settled (cache_stamp.c: ctime old enough,
 *     unchanged while read) an authenticated stamp of it is written beside
 *     it (<key>.so-entry.stamp);
 *   - with a stamp naming exactly the fd's (st_dev, st_ino, size, mtime,
 *     ctime), the file is the one verified before and is not read again;
 *   - the verified file is mapped by dlopen("/proc/self/fd/N"), which
 *     opens the same inode whatever happened to the name since.  Without
 *     /proc (or when the loader already holds an object of that name or
 *     inode, below) the verified bytes are copied into a private directory
 *     and mapped from there, as before.
 * A loaded object is found by the loader by name and by inode: a name
 * /proc/self/fd/N left on an object still loaded (its fd closed and N
 * reused) would make dlopen return that object, so a probe with
 * RTLD_NOLOAD comes first and any answer sends the load to the copy.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "abi.h"
#include "aot.h"
#include "module.h"
#include "runtime.h"
#include "sha256.h"
#include "stamp.h"

#define BXA_TRANSLATOR "bxa-translator-1"
/* the entry's layout (2: the header is a trailer): in the key, so a build
 * with another layout neither loads nor overwrites these entries */
#define BXA_ENTRY_LAYOUT 2u
/* no unwind tables: nothing unwinds through generated code (traps leave by
 * longjmp), and every byte of the object is hashed at each load */
#define BXA_CFLAGS "-O2", "-fPIC", "-shared", "-fno-strict-aliasing", "-fwrapv", "-ffp-contract=off", \
                   "-fno-fast-math", "-fsignaling-nans", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables", \
                   "-std=gnu11", "-w"
#define BXA_CFLAGS_TEXT "-O2 -fPIC -shared -fno-strict-aliasing -fwrapv -ffp-contract=off -fno-fast-math -fsignaling-nans -fno-asynchronous-unwind-tables -fno-unwind-tables -std=gnu11 -w"
/* The compiler's budget, wall clock and CPU seconds per process: 300 s plus
 * 120 s per MiB of C text.  gcc -O2 needs ~25 s of CPU per MiB of our C
 * (js-execute: 6.6 MiB, 155 s), and a loaded machine stretches the wall
 * time: a fixed 300 s made the big tools fail to compile (and run
 * interpreted) whenever the cores were shared. */
#define BXA_CC_TIMEOUT_S 300
#define BXA_CC_TIMEOUT_PER_MIB 120
#define BXA_CC_MEM ((rlim_t)4 << 30)
#define BXA_MAX_SO ((size_t)1 << 30)
#define HDR 128u
#define PBUF (PATH_MAX + 64)  /* a path under a PATH_MAX directory */

struct bxa_module {
    void *dl;
    const bxa_wrap_fn *funcs;
    uint32_t nfuncs;
    int cached;
    int guard;                  /* compiled without bounds checks (guard regions) */
    const bx_module *src;       /* the module it was made for */
    uint8_t mhash[32];          /* SHA-256 of its bytes */
};

/* The table of am for module m: NULL unless m has the bytes am was made
 * from (a caller may hand over a bxa_module made for another decoding of
 * the same bytes, e.g. before forking a worker). */
const bxa_wrap_fn *bxa_module_funcs(const bxa_module *am, const bx_module *m, uint32_t *n)
{
    *n = 0;
    if (!am || am->nfuncs != m->nfuncs) return NULL;
    if (m != am->src) {
        uint8_t h[32];
        if (m->has_digest)
            memcpy(h, m->digest, 32);
        else
            bxe_sha256(m->bytes, m->len, h);
        if (!bxe_ct_equal(h, am->mhash, 32)) return NULL;
    }
    *n = am->nfuncs;
    return am->funcs;
}

int bxa_module_cached(const bxa_module *am) { return am && am->cached; }
int bxa_module_guarded(const bxa_module *am) { return am && am->guard; }

void bxa_module_free(bxa_module *am)
{
    if (!am) return;
    if (am->dl) dlclose(am->dl);
    free(am);
}

/* ---- the compiler ---------------------------------------------------------- */

static int find_cc(char *out, size_t cap)
{
    const char *env = getenv("BOXAGNTS_AOT_CC");
    if (env && *env) {
        if (strchr(env, '/')) return realpath(env, out) && access(out, X_OK) == 0 ? 0 : -1;
    }
    const char *names[] = {env && *env ? env : "cc", "gcc", "clang"};
    const char *path = getenv("PATH");
    if (!path || !*path) path = "/usr/bin:/bin";
    for (size_t k = 0; k < (env && *env ? 1u : 3u); k++) {
        for (const char *p = path; *p;) {
            const char *e = strchr(p, ':');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            char cand[PATH_MAX];
            if (n && n + strlen(names[k]) + 2 < sizeof cand) {
                snprintf(cand, sizeof cand, "%.*s/%s", (int)n, p, names[k]);
                if (access(cand, X_OK) == 0 && realpath(cand, out) && strlen(out) < cap) return 0;
            }
            p = e ? e + 1 : p + n;
        }
    }
    return -1;
}

/* identity of the compiler binary: its resolved path and file attributes */
static void cc_identity(const char *cc, char *out, size_t cap)
{
    struct stat st;
    if (stat(cc, &st) != 0) memset(&st, 0, sizeof st);
    snprintf(out, cap, "%s:%lld:%lld:%llu", cc, (long long)st.st_size, (long long)st.st_mtime,
             (unsigned long long)st.st_ino);
}

static int write_file(const char *path, const void *p, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    const uint8_t *b = p;
    while (n) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            close(fd);
            return -1;
        }
        b += w;
        n -= (size_t)w;
    }
    return close(fd);
}

static uint8_t *read_fd_all(int fd, size_t max, size_t *n)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || (uint64_t)st.st_size > max)
        return NULL;
    size_t len = (size_t)st.st_size;
    uint8_t *p = malloc(len);
    if (!p) return NULL;
    size_t got = 0;
    while (got < len) {
        ssize_t r = read(fd, p + got, len - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    if (got != len) {
        free(p);
        return NULL;
    }
    *n = len;
    return p;
}

/* Run cc on dir/m.c -> dir/m.so.  0 on success; why says what failed. */
static int run_cc(const char *cc, const char *dir, size_t clen, const volatile int *cancel, char *why,
                  size_t cap)
{
    char src[PBUF], out[PBUF], err[PBUF];
    snprintf(src, sizeof src, "%s/m.c", dir);
    snprintf(out, sizeof out, "%s/m.so", dir);
    snprintf(err, sizeof err, "%s/cc.err", dir);
    size_t mib = clen >> 20;
    int timeout = BXA_CC_TIMEOUT_S + (int)(mib < 600 ? mib : 600) * BXA_CC_TIMEOUT_PER_MIB;   /* <= 20 h */
    const char *t = getenv("BOXAGNTS_AOT_TIMEOUT");
    if (t && atoi(t) > 0) timeout = atoi(t);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, cap, "cannot start the C compiler: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        /* the limits last, right before exec: this image may not map more
         * once RLIMIT_AS is below its size (an ASan build's shadow is) */
        setpgid(0, 0);
        int nul = open("/dev/null", O_RDWR);
        int ef = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (nul >= 0) {
            dup2(nul, 0);
            dup2(nul, 1);
        }
        if (ef >= 0) dup2(ef, 2);
        setenv("TMPDIR", dir, 1);
        if (chdir(dir) != 0) _exit(126);
        char *argv[] = {(char *)cc, BXA_CFLAGS, "-o", out, src, "-lm", NULL};
        struct rlimit rl = {BXA_CC_MEM, BXA_CC_MEM};
        struct rlimit cpu = {(rlim_t)timeout, (rlim_t)timeout + 5};
        setrlimit(RLIMIT_CPU, &cpu);
        setrlimit(RLIMIT_AS, &rl);
        execv(cc, argv);
        _exit(127);
    }
    setpgid(pid, pid);
    int status = 0;
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0 && errno != EINTR) {
            snprintf(why, cap, "lost the C compiler: %s", strerror(errno));
            return -1;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        int stop = cancel && *cancel;
        if (stop || now.tv_sec - t0.tv_sec >= timeout) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            if (stop)
                snprintf(why, cap, "the compilation was cancelled");
            else
                snprintf(why, cap, "the C compiler took more than %d s", timeout);
            return -1;
        }
        struct timespec nap = {0, 5 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char msg[120] = "";
        int ef = open(err, O_RDONLY | O_CLOEXEC);
        if (ef >= 0) {
            ssize_t n = read(ef, msg, sizeof msg - 1);
            msg[n > 0 ? n : 0] = '\0';
            close(ef);
            for (char *p = msg; *p; p++)
                if (*p == '\n') *p = ' ';
        }
        snprintf(why, cap, "the C compiler failed (%s %d)%s%s",
                 WIFEXITED(status) ? "status" : "signal",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), msg[0] ? ": " : "", msg);
        return -1;
    }
    return 0;
}

static void rm_dir(const char *dir)
{
    const char *f[] = {"m.c", "m.so", "cc.err"};
    char p[PBUF];
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, f[i]);
        unlink(p);
    }
    rmdir(dir);   /* fails if cc left anything else: harmless */
}

/* ---- loading --------------------------------------------------------------- */

/* m's table in dl, its symbols prefixed by px ("" for a module alone). */
static bxa_module *load_dl_px(void *dl, const bx_module *m, const char *px, char *why, size_t cap)
{
    char fs[64], is[64];
    snprintf(fs, sizeof fs, "%s" BXA_SYM_FUNCS, px);
    snprintf(is, sizeof is, "%s" BXA_SYM_INFO, px);
    const bxa_wrap_fn *funcs = dlsym(dl, fs);
    const uint64_t *info = dlsym(dl, is);
    if (!funcs || !info || info[0] != BXA_ABI_VERSION || info[1] != m->nfuncs) {
        snprintf(why, cap, "the compiled module does not match this engine");
        dlclose(dl);
        return NULL;
    }
    bxa_module *am = calloc(1, sizeof *am);
    if (!am) {
        dlclose(dl);
        snprintf(why, cap, "out of memory");
        return NULL;
    }
    am->dl = dl;
    am->funcs = funcs;
    am->nfuncs = m->nfuncs;
    return am;
}

static bxa_module *load_dl(void *dl, const bx_module *m, char *why, size_t cap)
{
    return load_dl_px(dl, m, "", why, cap);
}

/* dlopen from bytes already verified: copied into a fresh private directory
 * (mkdtemp, 0700) under a name no other loaded object has, so the loader
 * neither reuses an earlier object of the same name nor reads a file anyone
 * else can change; the file is removed once mapped.  refs more references
 * to the same object (a batch: one per module) go to more[]. */
static void *dl_bytes(const uint8_t *so, size_t n, void **more, size_t refs, char *why, size_t cap)
{
    const char *tmpd = getenv("TMPDIR");
    char dir[PATH_MAX], path[PBUF];
    snprintf(dir, sizeof dir, "%s/boxagnts-aotl-XXXXXX", tmpd && *tmpd ? tmpd : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(why, cap, "cannot make a private temporary directory: %s", strerror(errno));
        return NULL;
    }
    snprintf(path, sizeof path, "%s/m.so", dir);
    void *dl = NULL;
    if (write_file(path, so, n) != 0) {
        snprintf(why, cap, "cannot stage the compiled module: %s", strerror(errno));
    } else if (!(dl = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
        const char *e = dlerror();
        snprintf(why, cap, "dlopen failed: %s", e ? e : "?");
    }
    for (size_t i = 0; dl && i < refs; i++) {
        if (!(more[i] = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD))) {
            snprintf(why, cap, "dlopen failed for a second reference");
            while (i--) dlclose(more[i]);
            dlclose(dl);
            dl = NULL;
        }
    }
    unlink(path);
    rmdir(dir);
    return dl;
}

static bxa_module *load_bytes(const uint8_t *so, size_t n, const bx_module *m, char *why, size_t cap)
{
    void *dl = dl_bytes(so, n, NULL, 0, why, cap);
    return dl ? load_dl(dl, m, why, cap) : NULL;
}

/* The engine's and the translator's ids hash the opcode table and the
 * pasted texts (~0.5 ms): made once per process, constant after. */
static pthread_once_t ids_once = PTHREAD_ONCE_INIT;
static uint64_t build_id, translator_id;

static void ids_make(void)
{
    build_id = bxe_cache_build_id();
    translator_id = bxa_translator_id();
}

static void cache_key(const char *ccid, const uint8_t mh[32], int guard, uint8_t key[32])
{
    pthread_once(&ids_once, ids_make);
    bx_sha256_ctx x;
    bxe_sha256_init(&x);
    bxe_sha256_update(&x, BXA_TRANSLATOR, sizeof BXA_TRANSLATOR);
    uint64_t v[6] = {BXA_ABI_VERSION, build_id, bxe_nofusion_env() ? 1u : 0u, translator_id,
                     guard ? 1u : 0u, BXA_ENTRY_LAYOUT};
    bxe_sha256_update(&x, v, sizeof v);
    bxe_sha256_update(&x, mh, 32);
    bxe_sha256_update(&x, ccid, strlen(ccid) + 1);
    bxe_sha256_update(&x, BXA_CFLAGS_TEXT, sizeof BXA_CFLAGS_TEXT);
    bxe_sha256_final(&x, key);
}

#define BXA_ENTRY_ID 0x4258414f54534f31ull   /* "BXAOTSO1": the header's build id field */

static void entry_path(char *out, size_t cap, const char *dir, const uint8_t key[32])
{
    char hex[65];
    for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", key[i]);
    if (snprintf(out, cap, "%s/aot/%s.so-entry", dir, hex) >= (int)cap) out[0] = '\0';
}

/* The entry read through fd and verified, or NULL: the returned buffer
 * (to free) starts with the payload (the shared object, *on bytes), the
 * header after it. */
static uint8_t *read_verified(int fd, const uint8_t mk[32], const uint8_t key[32], size_t len, size_t *on)
{
    struct stat st;
    size_t n = 0;
    uint8_t *p = NULL;
    if (fstat(fd, &st) == 0 && st.st_uid == geteuid() && (st.st_mode & 022) == 0)
        p = read_fd_all(fd, BXA_MAX_SO + HDR, &n);
    uint8_t h[HDR];
    if (p && n > HDR) bxe_cache_make_header(h, mk, key, BXA_ENTRY_ID, len, p, n - HDR);
    if (!p || n <= HDR || !bxe_ct_equal(h, p + n - HDR, HDR)) {
        free(p);
        return NULL;
    }
    *on = n - HDR;
    return p;
}

static int open_entry(const char *dir, const uint8_t key[32], char *path, size_t cap)
{
    entry_path(path, cap, dir, key);
    return path[0] ? open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK) : -1;
}

/* A verified entry, or NULL (see read_verified). */
static uint8_t *cache_read(const char *dir, const uint8_t mk[32], const uint8_t key[32], size_t len,
                           const uint8_t **pl, size_t *on)
{
    char path[PBUF];
    int fd = open_entry(dir, key, path, sizeof path);
    if (fd < 0) return NULL;
    uint8_t *p = read_verified(fd, mk, key, len, on);
    close(fd);
    if (p) *pl = p;
    return p;
}

/* dlopen of the file open on fd, through /proc/self/fd: NULL when /proc
 * is not there, when the loader already holds an object of that name or
 * inode (the probe: see the header comment), or when the file is no
 * longer in the state *want (a change between check and map). */
static void *dl_fd(int fd, const bxe_stamp *want)
{
    char name[40];
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    void *dl = dlopen(name, RTLD_LAZY | RTLD_LOCAL | RTLD_NOLOAD);
    if (dl) {
        dlclose(dl);
        return NULL;
    }
    dlerror();
    if (!(dl = dlopen(name, RTLD_NOW | RTLD_LOCAL))) {
        dlerror();
        return NULL;
    }
    struct stat st;
    bxe_stamp now;
    if (fstat(fd, &st) != 0 || (bxe_stamp_of(&st, &now), !bxe_stamp_eq(&now, want))) {
        dlclose(dl);
        return NULL;
    }
    return dl;
}

static bxa_module *cache_load(const char *dir, const uint8_t mk[32], const uint8_t key[32],
                              const bx_module *m, char *why, size_t cap)
{
    char path[PBUF], spath[PBUF + 8];
    int fd = open_entry(dir, key, path, sizeof path);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022) ||
        st.st_size <= (off_t)HDR) {
        close(fd);
        return NULL;
    }
    bxe_stamp s0;
    bxe_stamp_of(&st, &s0);
    uint8_t val[32];
    bool stamps = bxe_stamps_on() && snprintf(spath, sizeof spath, "%s.stamp", path) < (int)sizeof spath;
    /* the stamp's value: the MAC in the entry's header (bound, not read) */
    bool hit = stamps && bxe_stamp_check(spath, mk, "AOT-ENTR", key, &s0, val);
    void *dl = hit ? dl_fd(fd, &s0) : NULL;
    bool stamped = hit;
    if (!dl) {
        /* a full check of what fd holds now */
        hit = false;
        size_t n = 0;
        uint8_t *p = read_verified(fd, mk, key, m->len, &n);
        if (p) {
            struct stat st2;
            bxe_stamp s1;
            bool settled = fstat(fd, &st2) == 0 && (bxe_stamp_of(&st2, &s1), bxe_stamp_eq(&s0, &s1)) &&
                           bxe_stamp_settled(&st);
            if (settled && stamps && !stamped) bxe_stamp_write(spath, mk, "AOT-ENTR", key, &s0, p + n + 88);
            /* settled: the file is what was verified (a change would give a
             * new ctime, which dl_fd's fstat after mapping would see) */
            if (settled) dl = dl_fd(fd, &s0);
            if (!dl) dl = dl_bytes(p, n, NULL, 0, why, cap);
            free(p);
        }
    }
    close(fd);
    if (!dl) return NULL;
    bxe_stamp_trace("compiled", path, hit);
    bxa_module *am = load_dl(dl, m, why, cap);
    if (am) am->cached = 1;
    return am;
}

static void cache_store(const char *dir, const uint8_t mk[32], const uint8_t key[32], size_t len,
                        const uint8_t *so, size_t n)
{
    char sub[PATH_MAX], path[PBUF], tmp[PBUF];
    snprintf(sub, sizeof sub, "%s/aot", dir);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return;   /* as the module cache makes it */
    if (mkdir(sub, 0700) != 0 && errno != EEXIST) return;
    entry_path(path, sizeof path, dir, key);
    snprintf(tmp, sizeof tmp, "%s/.tmp-XXXXXX", sub);
    int fd = mkstemp(tmp);
    if (fd < 0) return;
    uint8_t h[HDR];
    bxe_cache_make_header(h, mk, key, BXA_ENTRY_ID, len, so, n);
    bool ok = fchmod(fd, 0600) == 0;
    const uint8_t *parts[2] = {so, h};
    size_t lens[2] = {n, HDR};
    for (int i = 0; i < 2 && ok; i++) {
        size_t off = 0;
        while (off < lens[i]) {
            ssize_t w = write(fd, parts[i] + off, lens[i] - off);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) {
                ok = false;
                break;
            }
            off += (size_t)w;
        }
    }
    if (close(fd) != 0) ok = false;
    if (!ok || rename(tmp, path) != 0) unlink(tmp);
}

bxa_module *bxa_module_get(const bx_module *m, const char *cache_dir, int allow_compile, char *why,
                           size_t cap)
{
    return bxa_module_get_mode(m, cache_dir, allow_compile, bxa_guard_available(), why, cap);
}

static bxa_module *module_get(const bx_module *m, const char *cache_dir, int allow_compile, int guard,
                              const volatile int *cancel, char *why, size_t cap);

bxa_module *bxa_module_get_mode(const bx_module *m, const char *cache_dir, int allow_compile, int guard,
                                char *why, size_t cap)
{
    return module_get(m, cache_dir, allow_compile, guard, NULL, why, cap);
}

bxa_module *bxa_module_get_cancel(const bx_module *m, const char *cache_dir, int allow_compile,
                                  const volatile int *cancel, char *why, size_t cap)
{
    return module_get(m, cache_dir, allow_compile, bxa_guard_available(), cancel, why, cap);
}

static bxa_module *module_get(const bx_module *m, const char *cache_dir, int allow_compile, int guard,
                              const volatile int *cancel, char *why, size_t cap)
{
    char cc[PATH_MAX], ccid[PATH_MAX + 64];
    if (find_cc(cc, sizeof cc) != 0) {
        snprintf(why, cap, "no C compiler (cc, gcc or clang) on PATH");
        return NULL;
    }
    cc_identity(cc, ccid, sizeof ccid);
    uint8_t key[32], mk[32], mh[32];
    if (m->has_digest)
        memcpy(mh, m->digest, 32);
    else
        bxe_sha256(m->bytes, m->len, mh);
    cache_key(ccid, mh, guard, key);
    bool have_mk = false;
    if (cache_dir) {
        char kw[160];
        have_mk = bxe_cache_load_key(mk, kw, sizeof kw) == 0;
        if (have_mk) {
            bxa_module *am = cache_load(cache_dir, mk, key, m, why, cap);
            if (am) {
                am->src = m;
                am->guard = guard;
                memcpy(am->mhash, mh, 32);
                return am;
            }
        }
    }
    if (!allow_compile) {
        snprintf(why, cap, "no compiled form in the cache");
        return NULL;
    }
    size_t clen = 0;
    char *text = bxa_emit_mode(m, guard, &clen, why, cap);
    if (!text) return NULL;
    const char *tmpd = getenv("TMPDIR");
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/boxagnts-aot-XXXXXX", tmpd && *tmpd ? tmpd : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(why, cap, "cannot make a private temporary directory: %s", strerror(errno));
        free(text);
        return NULL;
    }
    char src[PBUF];
    snprintf(src, sizeof src, "%s/m.c", dir);
    bxa_module *am = NULL;
    const char *keep = getenv("BOXAGNTS_AOT_KEEP");   /* debugging: a copy of the C text */
    if (keep && *keep) {
        unlink(keep);
        write_file(keep, text, clen);
    }
    if (write_file(src, text, clen) != 0) {
        snprintf(why, cap, "cannot write the C text: %s", strerror(errno));
    } else if (run_cc(cc, dir, clen, cancel, why, cap) == 0) {
        char so[PBUF];
        snprintf(so, sizeof so, "%s/m.so", dir);
        int fd = open(so, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        size_t n = 0;
        uint8_t *bytes = fd >= 0 ? read_fd_all(fd, BXA_MAX_SO, &n) : NULL;
        if (fd >= 0) close(fd);
        if (!bytes) {
            snprintf(why, cap, "the C compiler made no shared object");
        } else {
            am = load_bytes(bytes, n, m, why, cap);
            if (am && cache_dir && have_mk) cache_store(cache_dir, mk, key, m->len, bytes, n);
            free(bytes);
        }
    }
    free(text);
    rm_dir(dir);
    if (am) {
        am->src = m;
        am->guard = guard;
        memcpy(am->mhash, mh, 32);
    }
    return am;
}

/* ---- batches ------------------------------------------------------------------ */

/* One cache key for the batch: every module's hash, in order. */
static int batch_key(const bx_module *const *ms, size_t n, int guard, uint8_t key[32], uint8_t mk[32],
                     char *cc, char *why, size_t cap)
{
    char ccid[PATH_MAX + 64];
    if (find_cc(cc, PATH_MAX) != 0) {
        snprintf(why, cap, "no C compiler (cc, gcc or clang) on PATH");
        return -1;
    }
    cc_identity(cc, ccid, sizeof ccid);
    bx_sha256_ctx x;
    bxe_sha256_init(&x);
    bxe_sha256_update(&x, "bxa-batch-1", sizeof "bxa-batch-1");
    uint64_t nn = n;
    bxe_sha256_update(&x, &nn, sizeof nn);
    for (size_t i = 0; i < n; i++) {
        uint8_t mh[32];
        bxe_sha256(ms[i]->bytes, ms[i]->len, mh);
        bxe_sha256_update(&x, mh, 32);
    }
    uint8_t bh[32];
    bxe_sha256_final(&x, bh);
    cache_key(ccid, bh, guard, key);
    char kw[160];
    if (bxe_cache_load_key(mk, kw, sizeof kw) != 0) {
        snprintf(why, cap, "%s", kw);
        return -1;
    }
    return 0;
}

int bxa_batch_build(const bx_module *const *ms, size_t n, const char *cache_dir, char *why, size_t cap)
{
    char cc[PATH_MAX];
    uint8_t key[32], mk[32];
    if (!cache_dir || !n) {
        snprintf(why, cap, "a batch needs a cache");
        return -1;
    }
    int guard = bxa_guard_available();
    if (batch_key(ms, n, guard, key, mk, cc, why, cap)) return -1;
    size_t have = 0;
    const uint8_t *pl = NULL;
    uint8_t *p = cache_read(cache_dir, mk, key, n, &pl, &have);
    if (p) {
        free(p);
        return 0;
    }
    size_t clen = 0;
    char *text = bxa_emit_batch(ms, n, guard, &clen, why, cap);
    if (!text) return -1;
    const char *tmpd = getenv("TMPDIR");
    char dir[PATH_MAX], src[PBUF], so[PBUF];
    snprintf(dir, sizeof dir, "%s/boxagnts-aot-XXXXXX", tmpd && *tmpd ? tmpd : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(why, cap, "cannot make a private temporary directory: %s", strerror(errno));
        free(text);
        return -1;
    }
    snprintf(src, sizeof src, "%s/m.c", dir);
    snprintf(so, sizeof so, "%s/m.so", dir);
    int rc = -1;
    if (write_file(src, text, clen) != 0) {
        snprintf(why, cap, "cannot write the C text: %s", strerror(errno));
    } else if (run_cc(cc, dir, clen, NULL, why, cap) == 0) {
        int fd = open(so, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        size_t sn = 0;
        uint8_t *bytes = fd >= 0 ? read_fd_all(fd, BXA_MAX_SO, &sn) : NULL;
        if (fd >= 0) close(fd);
        if (!bytes) {
            snprintf(why, cap, "the C compiler made no shared object");
        } else {
            cache_store(cache_dir, mk, key, n, bytes, sn);
            free(bytes);
            rc = 0;
        }
    }
    free(text);
    rm_dir(dir);
    memset(mk, 0, sizeof mk);
    return rc;
}

int bxa_batch_load(const bx_module *const *ms, size_t n, const char *cache_dir, bxa_module **out, char *why,
                   size_t cap)
{
    char cc[PATH_MAX];
    uint8_t key[32], mk[32];
    for (size_t i = 0; i < n; i++) out[i] = NULL;
    if (!cache_dir || !n) {
        snprintf(why, cap, "a batch needs a cache");
        return -1;
    }
    int guard = bxa_guard_available();
    if (batch_key(ms, n, guard, key, mk, cc, why, cap)) return -1;
    size_t sn = 0;
    const uint8_t *so = NULL;
    uint8_t *buf = cache_read(cache_dir, mk, key, n, &so, &sn);
    memset(mk, 0, sizeof mk);
    if (!buf) {
        snprintf(why, cap, "the batch is not in the cache");
        return -1;
    }
    void **dls = calloc(n, sizeof *dls);
    void *dl = dls ? dl_bytes(so, sn, dls + 1, n - 1, why, cap) : NULL;
    free(buf);
    if (!dl) {
        free(dls);
        return -1;
    }
    dls[0] = dl;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char px[32];
        snprintf(px, sizeof px, BXA_BATCH_PREFIX, i);
        if (rc || !(out[i] = load_dl_px(dls[i], ms[i], px, why, cap))) {
            if (!rc) rc = -1;
            else dlclose(dls[i]);   /* load_dl_px closes its own on failure */
            continue;
        }
        out[i]->cached = 1;
        out[i]->guard = guard;
        out[i]->src = NULL;        /* tables are matched by the bytes' hash */
        bxe_sha256(ms[i]->bytes, ms[i]->len, out[i]->mhash);
    }
    if (rc)
        for (size_t i = 0; i < n; i++) {
            bxa_module_free(out[i]);
            out[i] = NULL;
        }
    free(dls);
    return rc;
}

/* ---- tiers ------------------------------------------------------------------- */

int bxa_tier_parse(const char *s)
{
    if (!s) return -1;
    if (!strcmp(s, "interp")) return BXA_TIER_INTERP;
    if (!strcmp(s, "aot")) return BXA_TIER_AOT;
    if (!strcmp(s, "auto")) return BXA_TIER_AUTO;
    return -1;
}

bxa_tier bxa_tier_env(bxa_tier dflt)
{
    int t = bxa_tier_parse(getenv("BOXAGNTS_TIER"));
    return t < 0 ? dflt : (bxa_tier)t;
}

const char *bxa_tier_name(bxa_tier t)
{
    return t == BXA_TIER_AOT ? "aot" : t == BXA_TIER_AUTO ? "auto" : "interp";
}

/* auto: use a cached artifact only (compiling in the background is left to
 * a later change); aot: compile now if need be. */
void bxa_prepare(bxa_run *r, bxa_tier t, const bx_module *m, const char *cache_dir)
{
    memset(r, 0, sizeof *r);
    r->ran = BXA_TIER_INTERP;
    if (t == BXA_TIER_INTERP) {
        snprintf(r->why, sizeof r->why, "interpreter requested");
        return;
    }
    r->am = bxa_module_get(m, cache_dir, t == BXA_TIER_AOT, r->why, sizeof r->why);
}

void bxa_bind_run(bxa_run *r, bx_store *s, bx_instance *inst)
{
    if (!r->am || !inst) return;
    r->ai = bxa_bind(r->am, s, inst);
    if (!r->ai) {
        if (bxa_module_guarded(r->am) && inst->module->nmems_total && !inst->mems[0]->guarded)
            snprintf(r->why, sizeof r->why, "memory 0 has no guard region (address space limit) and "
                                            "the compiled form has no bounds checks");
        else
            snprintf(r->why, sizeof r->why, "the compiled module does not fit this instance");
        return;
    }
    r->ran = BXA_TIER_AOT;
    r->from_cache = bxa_module_cached(r->am);
    r->why[0] = '\0';
}

void bxa_attach(bxa_run *r, bxa_tier t, const bx_module *m, const char *cache_dir, bx_store *s,
                bx_instance *inst)
{
    memset(r, 0, sizeof *r);
    r->ran = BXA_TIER_INTERP;
    if (t == BXA_TIER_INTERP) {
        snprintf(r->why, sizeof r->why, "interpreter requested");
        return;
    }
    /* the instance exists: the variant its memory 0 can run */
    int guard = bxa_guard_available();
    if (inst && m->nmems_total && !inst->mems[0]->guarded) guard = 0;
    r->am = bxa_module_get_mode(m, cache_dir, t == BXA_TIER_AOT, guard, r->why, sizeof r->why);
    bxa_bind_run(r, s, inst);
}

void bxa_detach(bxa_run *r)
{
    bxa_inst_free(r->ai);
    if (!r->borrowed) bxa_module_free(r->am);
    r->ai = NULL;
    r->am = NULL;
}
