/*
 * cache_store.c — the compiled-module cache on disk: entries named by the
 * SHA-256 of the module bytes and the engine's build id, so a warm start
 * skips decode, validation and compilation.  What an entry's payload holds
 * and how it is checked is cache_serial.c.
 *
 * Trust.  Cached code runs without being compiled again, so three walls
 * stand between a file in the cache directory and the interpreter:
 *   1. No guest can write there: callers ask bx_cache_check_grants before
 *      using a directory, which refuses one inside, above or reached
 *      through a component of any writable grant.
 *   2. Entries are authenticated: HMAC-SHA-256 of the header and payload
 *      under a per-user key file (see "the key"), which callers keep out
 *      of every grant of a run that uses the cache.  Anyone can recompute
 *      the checksums; without the key no entry verifies.  Entries are 0600,
 *      regular files owned by the user, opened without following links.
 *   3. Loaded code is verified as if it came from an attacker who holds
 *      the key (cache_serial.c), so even a signed but malformed entry
 *      cannot make the interpreter read or write outside its tables.
 *   header: magic, format version, header size, build id, key (SHA-256 of
 *           the module bytes), module length, payload length = file size,
 *           header checksum, MAC, zero padding.
 *
 * The cache is best effort: any failure to read or write it just means the
 * module is compiled as bx_module_new would.  Writes are atomic (a private
 * temporary file in the directory, then rename), so concurrent writers and
 * readers of the same entry see either nothing or a complete file.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "code.h"
#include "module.h"
#include "opcodes.h"
#include "sha256.h"
#include "simd.h"
#include "stamp.h"

#define HDR_SIZE 128u
#define HDR_CHECKED 88u     /* bytes covered by the header checksum */
#define HDR_MAC HDR_CHECKED /* HMAC-SHA-256 of header[0..88) || payload */
#define MAX_PAYLOAD ((uint64_t)1 << 30)
static const char MAGIC[8] = {'B', 'X', 'W', 'M', 'C', 'A', 'C', 'H'};

/* ---- the key ------------------------------------------------------------------------
 *
 * Entries are authenticated with HMAC-SHA-256 under a per-user key, a
 * 32-byte file made from getrandom on first use.  It must be a regular
 * file (not a link) owned by the user with no group/other bits, in a
 * directory owned by the user and writable by nobody else; anything else
 * means no cache (and a reason), never a failed run.  The callers keep it
 * away from guests: bx_cache_check_grants refuses the cache for a run any
 * of whose grants reaches the key. */

#define KEY_LEN 32

static int failf(char *why, size_t cap, const char *fmt, const char *a, const char *b)
{
    if (why && cap) snprintf(why, cap, fmt, a, b);
    return -1;
}

static bool key_path(char *out, size_t cap)
{
    const char *e = getenv("BOXAGNTS_CACHE_KEY");
    int k;
    if (e && *e)
        k = e[0] == '/' ? snprintf(out, cap, "%s", e) : -1;
    else if ((e = getenv("XDG_CONFIG_HOME")) && e[0] == '/')
        k = snprintf(out, cap, "%s/boxagnts/cache.key", e);
    else if ((e = getenv("HOME")) && e[0] == '/')
        k = snprintf(out, cap, "%s/.config/boxagnts/cache.key", e);
    else
        k = -1;
    return k > 0 && (size_t)k < cap;
}

int bx_cache_key_location(char *out, size_t cap) { return key_path(out, cap); }

int bx_cache_key_ensure(void)
{
    uint8_t mk[32];
    int rc = bxe_cache_load_key(mk, NULL, 0);
    memset(mk, 0, sizeof mk);
    return rc;
}

/* 1 read, 0 absent, -1 present but not usable (why says so). */
static int read_key(const char *path, uint8_t mk[KEY_LEN], char *why, size_t cap)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    size_t dl = slash && slash > path ? (size_t)(slash - path) : 1;
    if (!slash || dl >= sizeof dir || !slash[1]) return failf(why, cap, "the cache key path %s%s is not a file path", path, "");
    memcpy(dir, path, dl);
    dir[dl] = 0;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return errno == ENOENT ? 0 : failf(why, cap, "cannot open the cache key's directory %s: %s", dir, strerror(errno));
    struct stat st;
    if (fstat(dfd, &st) != 0 || st.st_uid != geteuid() || (st.st_mode & 022)) {
        close(dfd);
        return failf(why, cap, "the cache key's directory %s is not yours or others can write it%s; "
                     "chmod go-w it, or set BOXAGNTS_CACHE_KEY to a file in a private directory", dir, "");
    }
    int fd = openat(dfd, slash + 1, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    close(dfd);
    if (fd < 0) {
        if (errno == ENOENT) return 0;
        return failf(why, cap, "cannot open the cache key %s: %s", path,
                     errno == ELOOP ? "it is a symbolic link (remove it: a new key is made)" : strerror(errno));
    }
    int rc = -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        failf(why, cap, "the cache key %s is not a regular file%s; remove it (a new key is made)", path, "");
    else if (st.st_uid != geteuid())
        failf(why, cap, "the cache key %s is not owned by you%s; remove it (a new key is made)", path, "");
    else if (st.st_mode & 077)
        failf(why, cap, "the cache key %s is open to group or others%s; chmod 600 it, or remove it "
              "(a new key is made, the cache is rebuilt)", path, "");
    else if (st.st_size != KEY_LEN)
        failf(why, cap, "the cache key %s is damaged (not 32 bytes)%s; remove it (a new key is made)", path, "");
    else {
        size_t got = 0;
        while (got < KEY_LEN) {
            ssize_t k = read(fd, mk + got, KEY_LEN - got);
            if (k < 0 && errno == EINTR) continue;
            if (k <= 0) break;
            got += (size_t)k;
        }
        if (got == KEY_LEN)
            rc = 1;
        else
            failf(why, cap, "cannot read the cache key %s%s", path, "");
    }
    close(fd);
    return rc;
}

static bool ensure_dir(const char *dir);
static bool write_all(int fd, const uint8_t *p, size_t n);

int bxe_cache_load_key(uint8_t mk[KEY_LEN], char *why, size_t cap)
{
    char path[PATH_MAX];
    if (!key_path(path, sizeof path))
        return failf(why, cap, "no place for the cache key: set HOME, XDG_CONFIG_HOME or "
                     "BOXAGNTS_CACHE_KEY (an absolute path)%s%s", "", "");
    int r = read_key(path, mk, why, cap);
    if (r != 0) return r > 0 ? 0 : -1;
    /* First use: a complete key under a private name, then link(2), which
     * never follows or replaces what is there: of two racing creators one
     * wins and both read its key. */
    char dir[PATH_MAX], tmp[PATH_MAX + 32];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash) return -1;
    *slash = 0;
    if (!ensure_dir(dir[0] ? dir : "/")) return failf(why, cap, "cannot create %s for the cache key: %s", dir, strerror(errno));
    snprintf(tmp, sizeof tmp, "%s/.cache.key-XXXXXX", dir);
    int fd = mkostemp(tmp, O_CLOEXEC);      /* O_EXCL, 0600 */
    if (fd < 0) return failf(why, cap, "cannot create the cache key in %s: %s", dir, strerror(errno));
    uint8_t k[KEY_LEN];
    size_t got = 0;
    while (got < KEY_LEN) {
        ssize_t n = getrandom(k + got, KEY_LEN - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
    }
    bool ok = got == KEY_LEN && fchmod(fd, 0600) == 0 && write_all(fd, k, KEY_LEN) && fsync(fd) == 0;
    memset(k, 0, sizeof k);
    ok = close(fd) == 0 && ok;
    if (ok && link(tmp, path) != 0 && errno != EEXIST) ok = false;
    unlink(tmp);
    if (!ok) return failf(why, cap, "cannot create the cache key %s: %s", path, strerror(errno));
    r = read_key(path, mk, why, cap);
    if (r == 0) failf(why, cap, "the cache key %s vanished as it was made%s", path, "");
    return r > 0 ? 0 : -1;
}

/* ---- who may reach the cache ---------------------------------------------------------- */

/* a is b or beneath it (both canonical, absolute) */
static bool in_or_eq(const char *a, const char *b)
{
    size_t n = strlen(b);
    if (n == 1 && b[0] == '/') return true;
    return !strncmp(a, b, n) && (a[n] == '/' || a[n] == 0);
}

/* Whether a grant reaches path: every existing prefix of path (made
 * absolute) is resolved with realpath, and a writable grant over any of
 * them is a hit (the guest could swap a component); then the whole path
 * (the components still missing appended lexically) against writable
 * grants either way round (inside or above), and with any_grant_reads
 * against every grant containing it.  Sets *hit to the grant's host
 * path or NULL; false when the path cannot be judged (too long, or a ".."
 * after a missing component). */

static bool judge_path(const char *path, const char *const *hosts, const int *writable, size_t n,
                       bool any_grant_reads, const char **hit)
{
    char abs[PATH_MAX], real[PATH_MAX], full[PATH_MAX];
    if (path[0] == '/') {
        if (snprintf(abs, sizeof abs, "%s", path) >= (int)sizeof abs) return false;
    } else {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd) || snprintf(abs, sizeof abs, "%s/%s", cwd, path) >= (int)sizeof abs)
            return false;
    }
    size_t len = strlen(abs);
    for (size_t g = 0; g < n; g++)     /* the root itself */
        if (writable[g] && !strcmp(hosts[g], "/")) {
            *hit = hosts[g];
            return true;
        }
    strcpy(full, "/");
    size_t rest = 0;        /* abs[rest..] has not been resolved */
    for (size_t i = 1; i <= len; i++) {
        if (abs[i] != '/' && abs[i] != 0) continue;
        char c = abs[i];
        abs[i] = 0;
        bool found = realpath(abs, real) != NULL;
        abs[i] = c;
        if (!found) break;
        /* a writable grant over any component lets a guest swap what
         * the rest of the path means */
        for (size_t g = 0; g < n; g++)
            if (writable[g] && in_or_eq(real, hosts[g])) {
                *hit = hosts[g];
                return true;
            }
        snprintf(full, sizeof full, "%s", real);
        rest = i;
    }
    /* the components still to be created, lexically */
    for (const char *p = abs + rest; *p;) {
        while (*p == '/') p++;
        const char *e = strchr(p, '/');
        size_t cl = e ? (size_t)(e - p) : strlen(p);
        if (cl == 2 && p[0] == '.' && p[1] == '.') return false;
        if (cl && !(cl == 1 && p[0] == '.')) {
            size_t fl = strlen(full);
            if (fl + 1 + cl >= sizeof full) return false;
            if (fl > 1) full[fl++] = '/';
            memcpy(full + fl, p, cl);
            full[fl + cl] = 0;
        }
        p += cl;
    }
    for (size_t g = 0; g < n; g++) {
        if (writable[g] && (in_or_eq(full, hosts[g]) || in_or_eq(hosts[g], full))) {
            *hit = hosts[g];
            return true;
        }
        if (any_grant_reads && in_or_eq(full, hosts[g])) {
            *hit = hosts[g];
            return true;
        }
    }
    *hit = NULL;
    return true;
}

bx_cache_verdict bx_cache_check_grants(const char *cache_dir, const char *const *hosts, const int *writable,
                                       size_t n, char *why, size_t cap)
{
    if (why && cap) why[0] = 0;
    if (!cache_dir || !*cache_dir) return BX_CACHE_USE;
    const char *hit = NULL;
    if (!judge_path(cache_dir, hosts, writable, n, false, &hit)) {
        failf(why, cap, "the compiled-module cache %s cannot be resolved (a \"..\" after a missing "
              "directory, or too long)%s; name an existing directory's path", cache_dir, "");
        return BX_CACHE_REFUSED;
    }
    if (hit) {
        if (why && cap)
            snprintf(why, cap, "the compiled-module cache %s overlaps the writable grant of %s: a guest "
                     "could plant forged compiled code there. Use a --cache-dir outside the workspace "
                     "and every writable grant (for example ~/.cache/boxagnts)", cache_dir, hit);
        return BX_CACHE_REFUSED;
    }
    /* Under a read-only grant no guest can plant an entry, but the call
     * would show the operator's cache to the guest and fill the workspace
     * with entries: not used, said so (the CLI's note). */
    if (judge_path(cache_dir, hosts, writable, n, true, &hit) && hit) {
        if (why && cap)
            snprintf(why, cap, "not using the compiled-module cache %s: the grant of %s reaches it; keep the "
                     "cache outside every grant (for example ~/.cache/boxagnts)", cache_dir, hit);
        return BX_CACHE_SKIP;
    }
    char key[PATH_MAX];
    if (!key_path(key, sizeof key)) {
        failf(why, cap, "not using the compiled-module cache: no place for its key (set HOME, "
              "XDG_CONFIG_HOME or BOXAGNTS_CACHE_KEY to an absolute path)%s%s", "", "");
        return BX_CACHE_SKIP;
    }
    if (!judge_path(key, hosts, writable, n, true, &hit) || hit) {
        if (why && cap)
            snprintf(why, cap, "not using the compiled-module cache: its key %s is reachable through the "
                     "grant of %s, so a guest could read it and forge entries. Drop that grant, or keep "
                     "the key elsewhere (BOXAGNTS_CACHE_KEY=/a/private/path)", key, hit ? hit : "?");
        return BX_CACHE_SKIP;
    }
    uint8_t mk[KEY_LEN];
    char kw[512];
    if (bxe_cache_load_key(mk, kw, sizeof kw) != 0) {
        if (why && cap) snprintf(why, cap, "not using the compiled-module cache: %s", kw);
        return BX_CACHE_SKIP;
    }
    memset(mk, 0, sizeof mk);
    return BX_CACHE_USE;
}

/* ---- files ---------------------------------------------------------------------------- */

static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static void entry_mac(const uint8_t mk[32], const uint8_t *h, const uint8_t *payload, size_t n,
                      uint8_t out[32])
{
    bx_hmac_sha256_ctx x;
    bxe_hmac_sha256_init(&x, mk, 32);
    bxe_hmac_sha256_update(&x, h, HDR_CHECKED);
    bxe_hmac_sha256_update(&x, payload, n);
    bxe_hmac_sha256_final(&x, out);
}

void bxe_cache_make_header(uint8_t h[HDR_SIZE], const uint8_t mk[32], const uint8_t key[32], uint64_t id,
                          size_t len, const uint8_t *payload, size_t n)
{
    memset(h, 0, HDR_SIZE);
    memcpy(h, MAGIC, 8);
    uint32_t v = BXE_CACHE_FORMAT, hs = HDR_SIZE;
    memcpy(h + 8, &v, 4);
    memcpy(h + 12, &hs, 4);
    put64(h + 16, id);
    memcpy(h + 24, key, 32);
    put64(h + 56, (uint64_t)len);
    put64(h + 64, (uint64_t)n);
    put64(h + 72, bxe_hash64(payload, n, id));
    put64(h + HDR_CHECKED - 8, 0);
    put64(h + HDR_CHECKED - 8, bxe_hash64(h, HDR_CHECKED - 8, id));
    entry_mac(mk, h, payload, n, h + HDR_MAC);
}

static bool header_ok(const uint8_t *h, size_t fsize, const uint8_t key[32], uint64_t id, size_t len)
{
    uint32_t v, hs;
    memcpy(&v, h + 8, 4);
    memcpy(&hs, h + 12, 4);
    if (memcmp(h, MAGIC, 8) || v != BXE_CACHE_FORMAT || hs != HDR_SIZE) return false;
    if (get64(h + HDR_CHECKED - 8) != bxe_hash64(h, HDR_CHECKED - 8, id)) return false;
    if (get64(h + 16) != id || memcmp(h + 24, key, 32) || get64(h + 56) != (uint64_t)len)
        return false;
    if (get64(h + 64) != fsize - HDR_SIZE) return false;
    for (size_t i = HDR_MAC + 32; i < HDR_SIZE; i++)
        if (h[i]) return false;
    return true;
}

static bool entry_path(char *out, size_t outsz, const char *dir, const uint8_t key[32], uint64_t id)
{
    char hex[65];
    for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", key[i]);
    int k = snprintf(out, outsz, "%s/%s-%016llx.bxm", dir, hex, (unsigned long long)id);
    return k > 0 && (size_t)k < outsz;
}

/* mkdir -p with 0700 for the components it creates. */
static bool ensure_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) return S_ISDIR(st.st_mode);
    char buf[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof buf) return false;
    memcpy(buf, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != 0) continue;
        char c = buf[i];
        buf[i] = 0;
        if (mkdir(buf, 0700) != 0 && errno != EEXIST) return false;
        buf[i] = c;
    }
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Reads the entry; returns 1 loaded, 0 absent, -1 present but rejected.
 * Mapped rather than read: the payload is copied once, into the module.
 * With a stamp of this very file (cache_stamp.c: written after a full
 * check, under the key) the MAC is not computed again; the payload is
 * still verified in full by bxe_module_deserialize (the third wall holds
 * even against a holder of the key). */
static int load_entry(const char *path, const uint8_t mk[32], const uint8_t key[32], uint64_t id,
                      const uint8_t *bytes, size_t len, struct bx_module **out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return errno == ENOENT ? 0 : -1;
    struct stat st, st2;
    int rc = -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
        st.st_size < (off_t)HDR_SIZE || (uint64_t)st.st_size > MAX_PAYLOAD + HDR_SIZE) {
        close(fd);
        return -1;
    }
    size_t fsize = (size_t)st.st_size;
    char spath[4200];
    bxe_stamp s0;
    bxe_stamp_of(&st, &s0);
    uint8_t sval[32];
    bool stamps = bxe_stamps_on() && snprintf(spath, sizeof spath, "%s.stamp", path) < (int)sizeof spath;
    bool hit = stamps && bxe_stamp_check(spath, mk, "BXM-ENTR", key, &s0, sval);
    /* A file shrunk under the mapping would fault (SIGBUS); entries are
     * only ever replaced by rename, never truncated in place, and a
     * private mapping keeps the pages it already has. */
    uint8_t *buf = mmap(NULL, fsize, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (buf == MAP_FAILED) {
        close(fd);
        return -1;
    }
    if (header_ok(buf, fsize, key, id, len)) {
        const uint8_t *payload = buf + HDR_SIZE;
        size_t n = fsize - HDR_SIZE;
        uint8_t mac[32];
        /* the MAC proves the entry was written by a holder of the key, and
         * catches plain damage too: the payload checksum (still written,
         * for tools that inspect entries) would be a second pass for nothing */
        if (hit) hit = bxe_ct_equal(sval, buf + HDR_MAC, 32);
        if (!hit) entry_mac(mk, buf, payload, n, mac);
        if ((hit || bxe_ct_equal(mac, buf + HDR_MAC, 32)) && (*out = bxe_module_deserialize(payload, n, bytes, len)))
            rc = 1;
        /* verified in full, unchanged while read, and old enough: stamp it */
        if (rc == 1 && !hit && stamps && bxe_stamp_settled(&st) && fstat(fd, &st2) == 0) {
            bxe_stamp s1;
            bxe_stamp_of(&st2, &s1);
            if (bxe_stamp_eq(&s0, &s1)) bxe_stamp_write(spath, mk, "BXM-ENTR", key, &s0, buf + HDR_MAC);
        }
        if (rc == 1) bxe_stamp_trace("module", path, hit);
    }
    close(fd);
    munmap(buf, fsize);
    return rc;
}

static bool write_all(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return false;
        p += k;
        n -= (size_t)k;
    }
    return true;
}

static bool store_entry(const char *dir, const char *path, const uint8_t mk[32], const uint8_t key[32],
                        uint64_t id, size_t len, const struct bx_module *m)
{
    uint8_t *payload = NULL;
    size_t n = 0;
    if (bxe_module_serialize(m, &payload, &n) != BX_OK) return false;
    if (n > MAX_PAYLOAD) {
        free(payload);
        return false;
    }
    uint8_t h[HDR_SIZE];
    bxe_cache_make_header(h, mk, key, id, len, payload, n);
    char tmp[4200];
    bool ok = false;
    int k = snprintf(tmp, sizeof tmp, "%s/.tmp-bxm-XXXXXX", dir);
    if (k > 0 && (size_t)k < sizeof tmp) {
        int fd = mkstemp(tmp);      /* 0600, private name: no collision between writers */
        if (fd >= 0) {
            ok = write_all(fd, h, HDR_SIZE) && write_all(fd, payload, n);
            ok = close(fd) == 0 && ok;
            ok = ok && rename(tmp, path) == 0;
            if (!ok) unlink(tmp);
        }
    }
    free(payload);
    return ok;
}

bx_module *bx_module_new_cached(const uint8_t *bytes, size_t len, const char *cache_dir,
                                bx_error *err)
{
    return bx_module_new_cached_event(bytes, len, cache_dir, NULL, err);
}

/* bx_module_new, with the module's SHA-256 kept in it (the compiled tier
 * names its artifact by it: one hash per load, not one per layer). */
static bx_module *new_digest(const uint8_t *bytes, size_t len, const uint8_t digest[32], bx_error *err)
{
    bx_module *m = bx_module_new(bytes, len, err);
    if (m) {
        memcpy(m->digest, digest, 32);
        m->has_digest = true;
    }
    return m;
}

static bx_module *new_cached(const uint8_t *bytes, size_t len, const uint8_t *digest, const char *cache_dir,
                             bx_cache_event *event, bx_error *err);

bx_module *bx_module_new_cached_event(const uint8_t *bytes, size_t len, const char *cache_dir,
                                      bx_cache_event *event, bx_error *err)
{
    return new_cached(bytes, len, NULL, cache_dir, event, err);
}

bx_module *bx_module_new_cached_digest(const uint8_t *bytes, size_t len, const uint8_t digest[32],
                                       const char *cache_dir, bx_cache_event *event, bx_error *err)
{
    return new_cached(bytes, len, digest, cache_dir, event, err);
}

static bx_module *new_cached(const uint8_t *bytes, size_t len, const uint8_t *digest, const char *cache_dir,
                             bx_cache_event *event, bx_error *err)
{
    bx_cache_event local_ev;
    if (!event) event = &local_ev;
    *event = BX_CACHE_NONE;
    uint8_t key[32];
    if (!cache_dir || !*cache_dir || (!bytes && len) || bxe_nofusion_env())
        return bx_module_new(bytes, len, err);
    if (digest)
        memcpy(key, digest, 32);
    else
        bxe_sha256(bytes, len, key);
    uint8_t mk[32];
    if (bxe_cache_load_key(mk, NULL, 0) != 0) {    /* no key, no cache: never an error */
        *event = BX_CACHE_NO_KEY;
        return new_digest(bytes, len, key, err);
    }
    uint64_t id = bxe_cache_build_id();
    char path[4200];
    bool usable = ensure_dir(cache_dir) && entry_path(path, sizeof path, cache_dir, key, id);
    int got = 0;
    bx_module *m = NULL;
    if (usable) {
        got = load_entry(path, mk, key, id, bytes, len, &m);
        if (got == 1) {
            memcpy(m->digest, key, 32);
            m->has_digest = true;
            memset(mk, 0, sizeof mk);
            if (err) memset(err, 0, sizeof *err);
            *event = BX_CACHE_HIT;
            return m;
        }
    }
    m = new_digest(bytes, len, key, err);
    if (!m) {   /* invalid modules are not cached: the error is the same each time */
        memset(mk, 0, sizeof mk);
        return NULL;
    }
    if (usable && store_entry(cache_dir, path, mk, key, id, len, m))
        *event = got < 0 ? BX_CACHE_REPLACED : BX_CACHE_STORED;
    else
        *event = BX_CACHE_UNWRITABLE;
    memset(mk, 0, sizeof mk);
    return m;
}

/* ---- the cache through a parent (a confined worker compiles) -----------------
 *
 * A confined `run` worker reaches neither the cache nor its key: its parent
 * looks the module up before forking it (bx_module_from_cache: an entry or
 * nothing, never a compilation), and on a miss the worker compiles, sends
 * the payload, and the parent stores it (bx_cache_store_payload) only if it
 * reads back through the same verifier as every load, against the parent's
 * own bytes; what is written is the parent's own serialization of what it
 * verified, signed with the key only the parent holds. */

bx_module *bx_module_from_cache(const uint8_t *bytes, size_t len, const char *cache_dir,
                                bx_cache_event *event)
{
    bx_cache_event local_ev;
    if (!event) event = &local_ev;
    *event = BX_CACHE_NONE;
    if (!cache_dir || !*cache_dir || (!bytes && len) || bxe_nofusion_env()) return NULL;
    uint8_t mk[32];
    if (bxe_cache_load_key(mk, NULL, 0) != 0) {
        *event = BX_CACHE_NO_KEY;
        return NULL;
    }
    uint8_t key[32];
    bxe_sha256(bytes, len, key);
    uint64_t id = bxe_cache_build_id();
    char path[4200];
    bx_module *m = NULL;
    if (entry_path(path, sizeof path, cache_dir, key, id) && load_entry(path, mk, key, id, bytes, len, &m) == 1) {
        memcpy(m->digest, key, 32);
        m->has_digest = true;
        *event = BX_CACHE_HIT;
    }
    memset(mk, 0, sizeof mk);
    return m;
}

bx_status bx_module_payload(const bx_module *m, uint8_t **out, size_t *n)
{
    return bxe_module_serialize(m, out, n);
}

void bx_module_digest(const uint8_t *bytes, size_t len, uint8_t out[32])
{
    bxe_sha256(bytes, len, out);
}

int bx_cache_store_payload(const uint8_t *bytes, size_t len, const char *cache_dir,
                           const uint8_t *payload, size_t n, char *why, size_t cap)
{
    if (!cache_dir || !*cache_dir || (!bytes && len) || bxe_nofusion_env())
        return failf(why, cap, "no cache%s%s", "", ""), -2;
    if (n == 0 || n > MAX_PAYLOAD)
        return failf(why, cap, "the compiled module's size is out of bounds%s%s", "", "");
    struct bx_module *m = bxe_module_deserialize(payload, n, bytes, len);
    if (!m) return failf(why, cap, "the compiled module does not verify against the module's bytes%s%s", "", "");
    uint8_t mk[32];
    char kw[160];
    if (bxe_cache_load_key(mk, kw, sizeof kw) != 0) {
        bx_module_free(m);
        return failf(why, cap, "%s%s", kw, ""), -2;
    }
    uint8_t key[32];
    bxe_sha256(bytes, len, key);
    uint64_t id = bxe_cache_build_id();
    char path[4200];
    int rc = ensure_dir(cache_dir) && entry_path(path, sizeof path, cache_dir, key, id) &&
                     store_entry(cache_dir, path, mk, key, id, len, m)
                 ? 0
                 : (failf(why, cap, "cannot write the cache entry in %s%s", cache_dir, ""), -2);
    memset(mk, 0, sizeof mk);
    bx_module_free(m);
    return rc;
}

/* ---- module files: their SHA-256 from a stamp ---------------------------------
 *
 * A module file read through one fd; its SHA-256 is taken from a stamp of
 * that very file (cache_stamp.c: same key, same rule as for entries) when
 * the cache has one, else computed and, when the file is settled, stamped
 * for the next process.  Stamps live in <cache>/stamps/, named by the
 * file's (st_dev, st_ino); only files that only the user or root can write
 * are stamped (another user who can write the module could change it with a
 * writable shared mapping held open, which dirties pages without a new
 * ctime). */

static bool writable_by_us_only(const struct stat *st)
{
    return !(st->st_mode & 022) && (st->st_uid == geteuid() || st->st_uid == 0);
}

uint8_t *bx_module_file_read(const char *path, size_t max, const char *cache_dir, size_t *len,
                             uint8_t digest[32], bx_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        bxe_fail(err, BX_ERR_IO, 0, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st, st2;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        bxe_fail(err, BX_ERR_ARG, 0, "%s is not a regular file", path);
        return NULL;
    }
    if ((uint64_t)st.st_size > max) {
        close(fd);
        bxe_fail(err, BX_ERR_LIMIT, 0, "%s is larger than %zu bytes", path, max);
        return NULL;
    }
    size_t n = (size_t)st.st_size, got = 0;
    uint8_t *buf = malloc(n + 1);
    if (!buf) {
        close(fd);
        bxe_fail(err, BX_ERR_NOMEM, 0, "out of memory reading %s", path);
        return NULL;
    }
    while (got < n) {
        ssize_t k = read(fd, buf + got, n - got);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        got += (size_t)k;
    }
    if (got != n) {
        close(fd);
        free(buf);
        bxe_fail(err, BX_ERR_IO, 0, "cannot read %s", path);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    bxe_stamp s0, s1;
    bxe_stamp_of(&st, &s0);
    /* the bytes are the stamped state only if nothing changed while read */
    bool steady = fstat(fd, &st2) == 0 && (bxe_stamp_of(&st2, &s1), bxe_stamp_eq(&s0, &s1));
    close(fd);
    uint8_t mk[32], name[32], val[32];
    char spath[4200];
    bool stamps = steady && cache_dir && *cache_dir && bxe_stamps_on() && writable_by_us_only(&st) &&
                  !bxe_nofusion_env() && bxe_cache_load_key(mk, NULL, 0) == 0;
    if (stamps) {
        uint64_t id[3] = {0x424d4f4446494c45ull /* "BMODFILE" */, s0.dev, s0.ino};
        bxe_sha256(id, sizeof id, name);
        char hex[65];
        for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", name[i]);
        stamps = snprintf(spath, sizeof spath, "%s/stamps/%s", cache_dir, hex) < (int)sizeof spath;
    }
    if (!cache_dir || !*cache_dir) {
        memset(digest, 0, 32);   /* unused without a cache: not worth ~1 ms per MiB */
    } else if (stamps && bxe_stamp_check(spath, mk, "MODFILE1", name, &s0, val)) {
        memcpy(digest, val, 32);
        bxe_stamp_trace("module file", path, 1);
    } else {
        bxe_sha256(buf, n, digest);
        if (stamps) {
            bxe_stamp_trace("module file", path, 0);
            char sdir[4200];
            snprintf(sdir, sizeof sdir, "%s/stamps", cache_dir);
            if (bxe_stamp_settled(&st) && ensure_dir(sdir)) bxe_stamp_write(spath, mk, "MODFILE1", name, &s0, digest);
        }
    }
    if (stamps) memset(mk, 0, sizeof mk);
    return buf;
}
