/*
 * wasi_impl.h — private to src/wasi: the WASI context, fd table, the
 * confined resolver and the helpers every host function shares.
 *
 * Nothing here is global or mutable: every sandbox owns its bx_wasi, so
 * any number of them run in parallel threads.  Constants mirror
 * wasi-libc's <wasi/api.h>, which cannot be included on the host (it
 * asserts a 32-bit data layout).
 */
#ifndef BX_WASI_IMPL_H
#define BX_WASI_IMPL_H

#include "boxagnts.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

/* ---- wasi_snapshot_preview1 constants (api.h) --------------------------- */

enum {
    W_SUCCESS = 0, W_2BIG = 1, W_ACCES = 2, W_AGAIN = 6, W_BADF = 8,
    W_EXIST = 20, W_FAULT = 21, W_FBIG = 22, W_ILSEQ = 25, W_INTR = 27,
    W_INVAL = 28, W_IO = 29, W_ISDIR = 31, W_LOOP = 32, W_MFILE = 33,
    W_NAMETOOLONG = 37, W_NOENT = 44, W_NOMEM = 48, W_NOSYS = 52,
    W_NOTDIR = 54, W_NOTEMPTY = 55, W_NOTSOCK = 57, W_NOTSUP = 58,
    W_OVERFLOW = 61, W_PERM = 63, W_ROFS = 69, W_SPIPE = 70, W_XDEV = 75,
    W_NOTCAPABLE = 76
};

enum {
    WFT_UNKNOWN = 0, WFT_BLOCK = 1, WFT_CHAR = 2, WFT_DIR = 3, WFT_REG = 4,
    WFT_SOCK_DGRAM = 5, WFT_SOCK_STREAM = 6, WFT_SYMLINK = 7
};

#define R(n) ((uint64_t)1 << (n))
#define R_FD_DATASYNC            R(0)
#define R_FD_READ                R(1)
#define R_FD_SEEK                R(2)
#define R_FD_FDSTAT_SET_FLAGS    R(3)
#define R_FD_SYNC                R(4)
#define R_FD_TELL                R(5)
#define R_FD_WRITE               R(6)
#define R_FD_ADVISE              R(7)
#define R_FD_ALLOCATE            R(8)
#define R_PATH_CREATE_DIRECTORY  R(9)
#define R_PATH_CREATE_FILE       R(10)
#define R_PATH_LINK_SOURCE       R(11)
#define R_PATH_LINK_TARGET       R(12)
#define R_PATH_OPEN              R(13)
#define R_FD_READDIR             R(14)
#define R_PATH_READLINK          R(15)
#define R_PATH_RENAME_SOURCE     R(16)
#define R_PATH_RENAME_TARGET     R(17)
#define R_PATH_FILESTAT_GET      R(18)
#define R_PATH_FILESTAT_SET_SIZE R(19)
#define R_PATH_FILESTAT_SET_TIMES R(20)
#define R_FD_FILESTAT_GET        R(21)
#define R_FD_FILESTAT_SET_SIZE   R(22)
#define R_FD_FILESTAT_SET_TIMES  R(23)
#define R_PATH_SYMLINK           R(24)
#define R_PATH_REMOVE_DIRECTORY  R(25)
#define R_PATH_UNLINK_FILE       R(26)
#define R_POLL_FD_READWRITE      R(27)
#define R_SOCK_SHUTDOWN          R(28)
#define R_SOCK_ACCEPT            R(29)
#define R_ALL                    (R(30) - 1)

/* What a regular file / a directory can ever do (wasmtime's sets). */
#define R_FILE_BASE (R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS | \
    R_FD_SYNC | R_FD_TELL | R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE |             \
    R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_SIZE | R_FD_FILESTAT_SET_TIMES |          \
    R_POLL_FD_READWRITE)
#define R_DIR_BASE (R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_ADVISE |              \
    R_PATH_CREATE_DIRECTORY | R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE |            \
    R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR | R_PATH_READLINK |            \
    R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET |            \
    R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_GET |     \
    R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY |           \
    R_PATH_UNLINK_FILE | R_POLL_FD_READWRITE)
#define R_DIR_INHERIT (R_DIR_BASE | R_FILE_BASE)
/* Everything that mutates: stripped from fds under a read-only grant. */
#define R_MUTATE (R_FD_DATASYNC | R_FD_WRITE | R_FD_ALLOCATE |                     \
    R_FD_FILESTAT_SET_SIZE | R_FD_FILESTAT_SET_TIMES | R_PATH_CREATE_DIRECTORY |   \
    R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET |                 \
    R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_SET_SIZE |       \
    R_PATH_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY |         \
    R_PATH_UNLINK_FILE)

enum { WO_CREAT = 1, WO_DIRECTORY = 2, WO_EXCL = 4, WO_TRUNC = 8 };
enum { WF_APPEND = 1, WF_DSYNC = 2, WF_NONBLOCK = 4, WF_RSYNC = 8, WF_SYNC = 16 };
enum { WST_ATIM = 1, WST_ATIM_NOW = 2, WST_MTIM = 4, WST_MTIM_NOW = 8 };
#define W_LOOKUP_FOLLOW 1u

/* Host-side bounds on what a guest can make the host allocate or walk. */
#define BXW_PATH_MAX   4096u      /* guest path argument, bytes */
#define BXW_IOV_MAX    1024u      /* iovecs per call */
#define BXW_SUBS_MAX   4096u      /* poll_oneoff subscriptions */
#define BXW_SYMLINK_MAX  40       /* symlink hops, as Linux */
#define BXW_GPATH_MAX  (2 * BXW_PATH_MAX + 64) /* guest-side absolute paths */

/* ---- the context ------------------------------------------------------- */

typedef struct bxw_out {
    bx_wasi_output_kind kind;
    int hostfd;          /* BX_WASI_OUT_HOST */
    size_t cap;          /* bytes kept */
    uint8_t *buf;        /* capture buffer (cap + room for the marker) */
    size_t len, alloc;
    uint64_t dropped;    /* bytes beyond cap */
    /* BX_WASI_OUT_HOST, set up at the first write (io.c) */
    int wready, wfd, wown, wmode;
} bxw_out;

typedef struct bxw_grant {
    char *guest;         /* normalized absolute guest path of the preopen */
    char *host;          /* host directory as configured */
    char *host_real;     /* what /proc/self/fd says for dirfd (resolved fds map back through it) */
    char **files;        /* single-file grants: the only visible names (no '/') */
    uint32_t nfiles;     /* 0: the whole directory is visible */
    char *rule;          /* "read:/workspace" or "write:/workspace/tmp" for the audit */
    int dirfd;           /* O_PATH|O_DIRECTORY */
    int ro;
} bxw_grant;

typedef struct bxw_ino {
    dev_t dev;
    ino_t ino;
    const char *rule;    /* the deny rule's string (owned by bxw_deny) */
} bxw_ino;

typedef struct bxw_deny {
    char *rule;          /* "deny:" + the pattern, for the audit */
    char **comp;         /* pattern split on '/' */
    uint32_t ncomp;
} bxw_deny;

enum { FK_FREE = 0, FK_STDIN, FK_OUT, FK_HOST };

typedef struct bxw_fd {
    uint8_t kind;        /* FK_* */
    uint8_t filetype;    /* WFT_* */
    uint16_t fdflags;    /* WF_* as the guest set them */
    int host;            /* host fd, -1 if none */
    int own;             /* whether closing the entry closes host */
    int opath;           /* host is O_PATH: no I/O, only *at calls */
    int grant;           /* index in grants, -1 for stdio */
    int preopen;         /* this is the grant's preopen (fd_prestat_*) */
    uint64_t base, inh;  /* rights */
    bxw_out *out;        /* FK_OUT */
    char *guest;         /* guest path for directories/files opened by path */
} bxw_fd;

struct bx_wasi {
    char **argv; uint32_t argc; size_t argv_bytes;
    char **env; uint32_t envc; size_t env_bytes;
    bxw_grant *grants; uint32_t ngrants;
    bxw_deny *deny; uint32_t ndeny;
    bxw_fd *fds; uint32_t nfds, max_fds;

    int stdin_kind;
    uint8_t *stdin_buf; size_t stdin_len, stdin_pos;
    bxw_out out[2];      /* stdout, stderr */
    uint8_t *readout;    /* marker-appended copy for the accessors */

    void (*audit_fn)(void *user, const char *line);
    void *audit_user;
    FILE *audit_file;
    char *sandbox_id;
    uint64_t audit_max;  /* bytes per sandbox; 0 = BXW_AUDIT_MAX_DEFAULT */
    struct bxw_audit_state *audit_st;   /* audit.c: repeats and bytes */
    uint64_t max_write, written;        /* quota.c: 0 = no cap */
    int write_hit;

    int no_openat2;      /* kernel lacks openat2 (or forced, to test the walk) */
    int stop_on_cap;     /* BX_WASI_STOP_ON_OUTPUT_CAP */
    int have_proc;       /* /proc/self/fd readable: post-resolution checks */

    struct bxw_ino *denyino; /* (dev, inode) of denied files with other names (deny.c) */
    uint32_t ndenyino, denyino_cap;
    int denyino_state;   /* 0 not yet collected, 1 collected, -1 too many entries: fail closed */

    char **links;        /* links the guest made: "path\0target", at most BXW_LINKS_KEPT */
    uint32_t nlinks;
    uint64_t links_made; /* all of them, kept or not */
};
#define BXW_LINKS_KEPT 256u

/* ---- guest memory ------------------------------------------------------ */

/* ptr and len are guest values; computed in 64 bits, so never wrap. */
static inline int bxw_mem_ok(const bx_hostcall *hc, uint64_t ptr, uint64_t len)
{
    return ptr <= hc->mem_size && len <= hc->mem_size - ptr &&
           (len == 0 || hc->mem != NULL);
}
static inline uint8_t *bxw_mem(const bx_hostcall *hc, uint64_t ptr) { return hc->mem + ptr; }

static inline uint16_t bxw_ld16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static inline uint32_t bxw_ld32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t bxw_ld64(const uint8_t *p)
{
    return (uint64_t)bxw_ld32(p) | (uint64_t)bxw_ld32(p + 4) << 32;
}
static inline void bxw_st16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void bxw_st32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void bxw_st64(uint8_t *p, uint64_t v) { bxw_st32(p, (uint32_t)v); bxw_st32(p + 4, (uint32_t)(v >> 32)); }

/* Results go in a[0]; every preview1 function but proc_exit returns an errno. */
#define BXW_RET(e) do { a[0] = (uint64_t)(uint16_t)(e); return BX_TRAP_NONE; } while (0)
#define BXW_CTX ((bx_wasi *)hc->user)
#define A32(i) ((uint32_t)a[i])

/* ---- wasi.c ------------------------------------------------------------ */
uint16_t bxw_errno(int host_errno);
uint64_t bxw_now_ns(int clock);   /* CLOCK_* id */

/* ---- audit.c ----------------------------------------------------------- */
/* One JSON line per capability decision.  errno is a WASI errno (0 = ok). */
void bxw_audit(bx_wasi *w, const char *event, const char *path, int allow,
               const char *rule, unsigned wasi_errno, const char *hint);
/* Writes the pending "repeated" summaries and frees the repeat table. */
void bxw_audit_end(bx_wasi *w);
#define BXW_AUDIT_REPEAT 5             /* identical records written per call */
#define BXW_AUDIT_KEYS 64              /* distinct records remembered */
#define BXW_AUDIT_MAX_DEFAULT (16ull << 20)

/* ---- quota.c: --max-write (0 or W_DQUOT-like errno to return) ----------- */
struct iovec;
uint16_t bxw_quota_write(bx_wasi *w, const bxw_fd *e, struct iovec *iov, uint32_t n);
uint16_t bxw_quota_allocate(bx_wasi *w, const bxw_fd *e, uint64_t off, uint64_t len);
uint16_t bxw_quota_charge(bx_wasi *w, const char *what, const char *path, uint64_t n);
void bxw_quota_refund(bx_wasi *w, uint64_t n);   /* a charged mkdir that failed */

/* ---- fd.c -------------------------------------------------------------- */
bxw_fd *bxw_fd_get(bx_wasi *w, uint32_t fd);     /* NULL if not open */
int bxw_fd_alloc(bx_wasi *w, uint32_t *out);      /* 0 or W_MFILE/W_NOMEM */
void bxw_fd_release(bxw_fd *e);
uint8_t bxw_filetype(unsigned st_mode);
size_t bxw_out_write(bxw_out *o, const uint8_t *p, size_t n, int *err);
uint16_t bxw_iovecs(const bx_hostcall *hc, uint32_t iovs, uint32_t n, void *host_iov);

/* ---- io.c: chunked, charged, interruptible I/O -------------------------- */
#define BXW_IO_WRITE      1     /* else read */
#define BXW_IO_POSITIONAL 2     /* at off (pread/pwrite) */
#define BXW_IO_WAIT       4     /* EAGAIN before any byte: wait in slices (blocking semantics) */
#define BXW_IO_POLL_FIRST 8     /* a blocking host fd: poll before each chunk */
#define BXW_IO_NOSIG      16    /* may be a pipe: EPIPE, never SIGPIPE */
struct iovec;
/* Transfer iov[0..n) on host fd in charged chunks.  *done = bytes moved,
 * *err = errno when nothing moved; returns a trap (fuel, interrupt) or NONE. */
bx_trap bxw_rw(bx_hostcall *hc, int fd, const struct iovec *iov, uint32_t n, int flags,
               uint64_t off, size_t *done, int *err);
/* stdout/stderr: capture, discard, or the host's fd without blocking. */
bx_trap bxw_out_put(bx_hostcall *hc, bxw_out *o, const struct iovec *iov, uint32_t n,
                    size_t *total, int *err);
void bxw_out_close(bxw_out *o);
/* fd_allocate: fallocate(2) in charged, interruptible pieces; *err = errno. */
bx_trap bxw_allocate(bx_hostcall *hc, int fd, uint64_t off, uint64_t len, int *err);

/* ---- deny.c: lexical ---------------------------------------------------- */
/* The next name of a '/'-separated path at *p: its start (length in *n),
 * *p moved past it; NULL (and *p at the end) when only '/'s are left. */
const char *bxw_next_name(const char **p, size_t *n);
/* Normalize an absolute guest path: collapse "//", ".", "..": never climbs
 * above "/".  Returns 0, or -1 if it does not fit. */
int bxw_normalize(const char *in, char *out, size_t outsz);
/* Component-wise glob: "**" any number of components, '*' '?' '[..]' within one. */
int bxw_glob_match(char *const *pc, uint32_t np, const char *path);
/* The deny rule matching guest path or one of its ancestors, else NULL. */
const char *bxw_denied(const bx_wasi *w, const char *gpath);

/* ---- path.c: single-file grants ---------------------------------------- */
/* NULL if the path is visible in the grant (single-file grants), else the rule. */
const char *bxw_hidden(const bx_wasi *w, const bxw_grant *g, const char *gpath);

/* ---- path.c: kernel ----------------------------------------------------- */
/* openat beneath dirfd: openat2(RESOLVE_BENEATH|RESOLVE_NO_MAGICLINKS), or a
 * component walk with O_NOFOLLOW when *no_openat2 (set here on ENOSYS).
 * Returns an fd, or -errno (-EXDEV for every escape attempt). */
int bxw_openat_beneath(int dirfd, const char *path, int flags, unsigned mode, int *no_openat2);
/* Host real path of an fd (via /proc/self/fd) mapped to the grant's guest
 * side.  0, or W_NOTCAPABLE when it is outside the grant (never expected). */
uint16_t bxw_guest_of(const bx_wasi *w, const bxw_grant *g, int fd, char *out, size_t outsz);

/* The result of resolving a guest path down to (parent dir, last name). */
typedef struct bxw_res {
    int parent;               /* O_PATH dir fd, caller closes; -1 on failure */
    char last[256];           /* final component, never "..", no '/'; "." = parent itself */
    int slash;                /* the guest wrote a trailing slash */
    const char *rule;         /* the grant or deny rule that decided */
    int denied;               /* decision was a capability refusal */
    char lex[BXW_GPATH_MAX];  /* lexical guest path (audit when nothing better) */
    char guest[BXW_GPATH_MAX];/* guest path of the object, by its real location */
} bxw_res;

/* Copy and check a guest path argument. */
uint16_t bxw_path_arg(const bx_hostcall *hc, uint32_t ptr, uint32_t len, char *out);
/* Resolve path beneath dir fd `d`.  follow: a final symlink is followed
 * (beneath d), so res names a non-symlink or a missing name.  Checks deny
 * rules and single-file grants on the real guest path of every hop. */
uint16_t bxw_resolve(bx_wasi *w, bxw_fd *d, const char *path, int follow, bxw_res *r);
void bxw_res_done(bxw_res *r);
/* Re-check one (parent, name) pair after a hop: deny + single-file. */
uint16_t bxw_check_name(bx_wasi *w, const bxw_grant *g, bxw_res *r);
/* A resolved path the guest wrote with a trailing '/' must name a
 * directory: 0 or the errno for the role (path.c).  src: a rename's source. */
enum { BXW_SLASH_EXISTING, BXW_SLASH_CREATE, BXW_SLASH_NEW, BXW_SLASH_RENAME_TO };
uint16_t bxw_slash_check(const bxw_res *r, int role, const bxw_res *src);

/* ---- deny.c: other names of a denied object ----------------------------- */
#define BXW_WALK_MAX_DEPTH 128   /* directory levels a rename (or the inode search) walks */
/* The deny rule covering inode (dev, ino) under another name (a hard
 * link made before the call), or NULL.  Collected once, on first need. */
const char *bxw_denied_inode(bx_wasi *w, dev_t dev, ino_t ino);
/* The deny rule matching the resolved object under the guest path of any
 * grant that reaches it (two grants may show one host directory), or NULL. */
const char *bxw_denied_alias(bx_wasi *w, const bxw_res *r);
/* The deny patterns as an NFA over path components (one state per
 * pattern component, plus "matched"; "**" may match zero components):
 * close st over "**"; one step st -> nx, both np + 1 long, closed, 1 when
 * nx is matched.  Used by the inode search and links.c's rename walk. */
void bxw_nfa_closure(char *const *pc, uint32_t np, unsigned char *st);
int bxw_nfa_step(char *const *pc, uint32_t np, const unsigned char *st, const char *name,
                 unsigned char *nx);
/* The host path of the object a resolution names (via /proc/self/fd): 0 or -1. */
int bxw_obj_real(const bxw_res *r, char *out, size_t outsz);
/* path is dir or below it (strict: below only). */
int bxw_under(const char *path, const char *dir, int strict);

/* ---- links.c: link rule, rename carry checks, most specific grant ---- */
/* Depth of directory fd below g's root, physically (climbing ".."). */
unsigned bxw_dir_depth(const bxw_grant *g, int fd);
/* NULL when a link with target t may sit in a directory `depth` levels
 * below its grant's root, else why not. */
const char *bxw_target_bad(const char *t, unsigned depth);
/* A rename from (od, ro) to (nd, rn): the links it carries stay inside
 * the destination grant, and no denied entry is moved or made.  0, or an
 * errno with *why. */
uint16_t bxw_carry_check(bx_wasi *w, const bxw_fd *od, const bxw_res *ro, const bxw_fd *nd,
                         const bxw_res *rn, const char **why, int *recheck);
/* After the act: check the new name (and, with walk, what it carries)
 * again where it is now, removing what a concurrent change made break a
 * rule.  1 when the new entry itself was removed. */
int bxw_after_commit(bx_wasi *w, const bxw_fd *nd, const bxw_res *rn, int walk);
/* Index of the grant that most specifically contains the resolved object. */
int bxw_effective(bx_wasi *w, const bxw_fd *d, const bxw_res *r);
/* W_ACCES (and the rule) when the resolved object is, or contains, the
 * root of a grant: moving it would move the grant. */
uint16_t bxw_grant_inside(bx_wasi *w, const bxw_res *r, const char **rule);
/* Record a link the guest made, for the result (bx_wasi_link). */
void bxw_note_link(bx_wasi *w, const char *path, const char *target);

/* ---- host functions, one per preview1 import ---------------------------- */
#define BXW_FN(name) bx_trap bxw_##name(bx_hostcall *hc, uint64_t *a)
BXW_FN(args_get); BXW_FN(args_sizes_get); BXW_FN(environ_get); BXW_FN(environ_sizes_get);
BXW_FN(clock_res_get); BXW_FN(clock_time_get); BXW_FN(random_get);
BXW_FN(proc_exit); BXW_FN(proc_raise); BXW_FN(sched_yield);
BXW_FN(sock_accept); BXW_FN(sock_recv); BXW_FN(sock_send); BXW_FN(sock_shutdown);
BXW_FN(fd_advise); BXW_FN(fd_allocate); BXW_FN(fd_close); BXW_FN(fd_datasync);
BXW_FN(fd_fdstat_get); BXW_FN(fd_fdstat_set_flags); BXW_FN(fd_fdstat_set_rights);
BXW_FN(fd_filestat_get); BXW_FN(fd_filestat_set_size); BXW_FN(fd_filestat_set_times);
BXW_FN(fd_pread); BXW_FN(fd_prestat_get); BXW_FN(fd_prestat_dir_name); BXW_FN(fd_pwrite);
BXW_FN(fd_read); BXW_FN(fd_readdir); BXW_FN(fd_renumber); BXW_FN(fd_seek); BXW_FN(fd_sync);
BXW_FN(fd_tell); BXW_FN(fd_write);
BXW_FN(path_create_directory); BXW_FN(path_filestat_get); BXW_FN(path_filestat_set_times);
BXW_FN(path_link); BXW_FN(path_open); BXW_FN(path_readlink); BXW_FN(path_remove_directory);
BXW_FN(path_rename); BXW_FN(path_symlink); BXW_FN(path_unlink_file);
BXW_FN(poll_oneoff);

/* Shared by fd_filestat_get and path_filestat_get. */
struct stat;
void bxw_put_filestat(uint8_t *p, const struct stat *st);
/* Shared by fd_ and path_filestat_set_times: fstflags -> timespec[2]. */
struct timespec;
uint16_t bxw_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2]);

#endif
