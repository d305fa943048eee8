/*
 * cache_stamp.c — stamps: a load of a cache entry (or a module file) that
 * was verified in full before, and has not changed since, skips reading and
 * hashing it again.
 *
 * A stamp record says "the file whose fstat gives (st_dev, st_ino, size,
 * mtime ns, ctime ns) = S has the verified value V" (for a module file V
 * is its SHA-256; for a cache entry, that its MAC was checked).  It is
 * written only after a full verification, as a small file beside the
 * entry, and carries an HMAC-SHA-256 under the per-user cache key, so it
 * is as hard to forge as an entry.  A load opens the file, fstats the
 * *opened* fd, and if the record is authentic and names exactly that S,
 * takes V without reading the file; the caller then uses that same fd (the
 * compiled tier maps it through /proc/self/fd), never the name again.
 *
 * Why equal S means equal content.  Every change of a file's content goes
 * through the kernel, which sets ctime to the current time: write,
 * truncate, fallocate, a write through a shared mapping (at its first
 * write fault); a rename or link of another file into the name gives
 * another inode (or, for a link of the same inode, a new ctime).  ctime
 * cannot be set by an unprivileged process (utimensat sets atime and mtime
 * only, and touching them sets ctime to now).  Timestamps are taken from a
 * coarse clock, so a change within the same tick as the last one could
 * leave ctime as it was: a stamp is therefore recorded only when the
 * file's ctime is at least BXE_STAMP_AGE_S seconds before the time of the
 * check, and S is taken before the file is read and must be the same
 * after (nothing changed during the read).  Any later change then sets a
 * ctime at least that much newer than the recorded one (git's "racy
 * clean" rule).  A freshly written entry is therefore verified in full
 * until it is that old.
 *
 * What it does not cover, as the MAC alone does not: root (who can set the
 * clock or write the block device), and processes of the same user (who
 * could equally read the key; entries are 0600 in a 0700 directory, so no
 * one else can write them).  Stamps are taken only of files that only the
 * user or root can write (owner us or root, no group or other write bit).
 * Filesystems that do not keep ctime (some FUSE or network filesystems)
 * would defeat it: set BOXAGNTS_CACHE_STAMPS=0 for a cache on one.
 *
 * Record (168 bytes): "BXSTAMP1", tag (8: what kind of file), name (32:
 * which entry or file it is for), S (7 x 8), V (32), HMAC-SHA-256 of the
 * 136 bytes before it under the cache key.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sha256.h"
#include "stamp.h"

#define BXE_STAMP_AGE_S 2
#define REC_MAC 136u
static const char SMAGIC[8] = {'B', 'X', 'S', 'T', 'A', 'M', 'P', '1'};

void bxe_stamp_of(const struct stat *st, bxe_stamp *s)
{
    memset(s, 0, sizeof *s);
    s->dev = (uint64_t)st->st_dev;
    s->ino = (uint64_t)st->st_ino;
    s->size = (uint64_t)st->st_size;
    s->mtime_s = (int64_t)st->st_mtim.tv_sec;
    s->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
    s->ctime_s = (int64_t)st->st_ctim.tv_sec;
    s->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
}

bool bxe_stamp_eq(const bxe_stamp *a, const bxe_stamp *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_s == b->mtime_s &&
           a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

bool bxe_stamp_settled(const struct stat *st)
{
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0) return false;
    if ((st->st_mode & 022) || (st->st_uid != geteuid() && st->st_uid != 0)) return false;
    /* ctime + AGE <= now, in whole nanoseconds */
    int64_t ds = (int64_t)now.tv_sec - (int64_t)st->st_ctim.tv_sec - BXE_STAMP_AGE_S;
    return ds > 0 || (ds == 0 && now.tv_nsec >= st->st_ctim.tv_nsec);
}

bool bxe_stamps_on(void)
{
    const char *e = getenv("BOXAGNTS_CACHE_STAMPS");
    return !(e && !strcmp(e, "0"));
}

void bxe_stamp_trace(const char *what, const char *path, int hit)
{
    const char *e = getenv("BOXAGNTS_CACHE_TRACE");
    if (e && *e) {
        const char *slash = strrchr(path, '/');
        fprintf(stderr, "boxagnts: cache %s %s: %s\n", what, hit ? "stamp hit" : "full check",
                slash ? slash + 1 : path);
    }
}

static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static void rec_make(uint8_t r[BXE_STAMP_REC], const uint8_t mk[32], const char tag[8], const uint8_t name[32],
                     const bxe_stamp *s, const uint8_t val[32])
{
    memset(r, 0, BXE_STAMP_REC);
    memcpy(r, SMAGIC, 8);
    memcpy(r + 8, tag, 8);
    memcpy(r + 16, name, 32);
    put64(r + 48, s->dev);
    put64(r + 56, s->ino);
    put64(r + 64, s->size);
    put64(r + 72, (uint64_t)s->mtime_s);
    put64(r + 80, (uint64_t)s->mtime_ns);
    put64(r + 88, (uint64_t)s->ctime_s);
    put64(r + 96, (uint64_t)s->ctime_ns);
    memcpy(r + 104, val, 32);
    bxe_hmac_sha256(mk, 32, r, REC_MAC, r + REC_MAC);
}

int bxe_stamp_check(const char *path, const uint8_t mk[32], const char tag[8], const uint8_t name[32],
                    const bxe_stamp *want, uint8_t val[32])
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return 0;
    uint8_t got[BXE_STAMP_REC + 1];
    struct stat st;
    ssize_t n = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() && st.st_size == BXE_STAMP_REC)
        n = read(fd, got, sizeof got);
    close(fd);
    if (n != (ssize_t)BXE_STAMP_REC) return 0;
    /* the record this load would have written: equal bytes, equal claim */
    uint8_t r[BXE_STAMP_REC];
    rec_make(r, mk, tag, name, want, got + 104);
    int ok = bxe_ct_equal(r, got, BXE_STAMP_REC);
    if (ok) memcpy(val, got + 104, 32);
    memset(r, 0, sizeof r);
    return ok;
}

bool bxe_stamp_write(const char *path, const uint8_t mk[32], const char tag[8], const uint8_t name[32],
                     const bxe_stamp *s, const uint8_t val[32])
{
    uint8_t r[BXE_STAMP_REC];
    rec_make(r, mk, tag, name, s, val);
    char tmp[PATH_MAX + 32];
    const char *slash = strrchr(path, '/');
    if (!slash || snprintf(tmp, sizeof tmp, "%.*s/.tmp-st-XXXXXX", (int)(slash - path), path) >= (int)sizeof tmp)
        return false;
    int fd = mkostemp(tmp, O_CLOEXEC);     /* 0600 */
    if (fd < 0) return false;
    bool ok = write(fd, r, sizeof r) == (ssize_t)sizeof r;
    ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) unlink(tmp);
    return ok;
}
