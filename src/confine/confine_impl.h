/*
 * confine_impl.h — private to src/confine.
 */
#ifndef BX_CONFINE_IMPL_H
#define BX_CONFINE_IMPL_H

#include <linux/filter.h>
#include <stdint.h>
#include <sys/types.h>

#include "confine.h"

#include "boxagnts.h"

/* The worker's seccomp program (malloc'd): the allowlist; sockets only
 * with net; signals only to the worker itself (pid).  no_truncate (a
 * Landlock without LANDLOCK_ACCESS_FS_TRUNCATE, ABI < 3): truncate(2)
 * and a read-only open with O_TRUNC fail with EPERM, openat2 (whose flags
 * the filter cannot read) with ENOSYS; ftruncate needs a descriptor open
 * for writing, which Landlock checks on every ABI. */
int bxc_seccomp_program(int net, int no_truncate, pid_t self, struct sock_filter **out, size_t *n);
/* The same split in two for a zygote confined for one executor, which
 * forks that executor's workers (zygote.c): _zygote is applied once in it,
 * and each worker then adds _tail (its pid in it, at most cap
 * instructions into f).  A call both allow is one the worker's program
 * allows; any other ends as it would (the strictest action wins). */
int bxc_seccomp_zygote(int net, int no_truncate, struct sock_filter **out, size_t *n);
int bxc_seccomp_tail(pid_t self, struct sock_filter *f, size_t cap, size_t *n);

/* ---- the worker's stream, parsed by its parent as it arrives ---------- */
#define BXC_FRAME_MAX (1u << 20)          /* one 'D' or 'A' frame */
#define BXC_AUDIT_LINE_MAX 16384u         /* one audit line */
#define BXC_AUDIT_CALL_MAX (16u << 20)    /* audit bytes one call writes, tags included
                                             (the sandbox's own cap, src/wasi) */

typedef struct bxc_rbuf {
    uint8_t *p;
    size_t n, cap, max;
    int over;
} bxc_rbuf;

typedef struct bxc_rx {
    bxc_status *cs;       /* the 'C' frame lands here */
    int have_c, bad;
    int done;                    /* the 'Z' frame: the body returned, its reply whole */
    int need_done;               /* without 'Z' the worker did not finish (zygote.c) */
    int again;                   /* 'Z' + 'R': it may serve another call (zygote.c) */
    uint8_t *pend; size_t npend; /* an incomplete frame */
    bxc_rbuf out;                /* the 'D' payloads */
    int audit_fd;                /* -1: audit lines dropped */
    char tag[96];                /* "call" member of each line */
    char line[BXC_AUDIT_LINE_MAX + 160]; size_t nline; int line_over;
    uint64_t audit_bytes; int audit_cut;
    void (*on_progress)(void *user, const char *text, size_t len);
    void *progress_user;
    /* 'M' frames: a compiled module the parent asked for (art_max > 0),
     * only as the first frames after 'C', i.e. before any guest code: a
     * 40-byte head (SHA-256 of the module bytes, u64 length, 0 = none),
     * then exactly that many bytes; anything else is a malformed stream */
    size_t art_max;
    int art_state;               /* 0: may come, 1: receiving, 2: over */
    uint8_t art_hash[32];
    uint64_t art_total;
    bxc_rbuf art;
} bxc_rx;

/* A compiled module sent by the worker ('M' frames): max in; the rest out
 * (p malloc'd, n == the declared length, hash as the worker declared it). */
typedef struct bxc_art {
    size_t max;
    int got;
    uint8_t hash[32];
    uint8_t *p;
    size_t n;
} bxc_art;
#define BXC_ART_HEAD 40u
/* bxc_exec, also collecting the worker's 'M' frames into a (may be NULL:
 * an 'M' frame is then malformed) when the worker ended normally. */
bx_status bxc_exec_art(const bxc_policy *p, bxc_body body, void *arg, size_t max_reply,
                       uint8_t **reply, size_t *reply_len, bxc_status *cs, bx_error *err, bxc_art *a);

int bxc_rx_init(bxc_rx *x, bxc_status *cs, size_t max_reply, int audit_fd, const char *tag,
                int have_c);
/* Where to read next (at most the returned size); then feed what was read. */
size_t bxc_rx_room(bxc_rx *x, uint8_t **at);
void bxc_rx_feed(bxc_rx *x, size_t got);
void bxc_rx_end(bxc_rx *x);
void bxc_rx_free(bxc_rx *x);
/* The worker's end from its wait status and the violation pipe -> cs;
 * audits what is not a normal end. */
void bxc_judge(const bxc_policy *p, int ws, int have_nr, uint32_t nr, int killed_late,
               bxc_rx *x, bxc_status *cs);
/* In a forked worker: limits, no_new_privs, Landlock, seccomp, then the
 * 'C' frame on fd; exits the process when confinement is required and
 * less held.  Closes every descriptor but stdio, fd and vfd.  pre: from
 * bxc_prepare(p) before the fork (NULL: out of memory, reported). */
void bxc_confine_self(const bxc_policy *p, const bxc_prepared *pre, int fd, int vfd);
/* The two halves of bxc_confine_self, for a worker confined before its
 * call's descriptors exist (the zygote's pool): apply closes nothing and
 * fills why (256 bytes); report sends the 'C' frame and exits the process
 * when confinement is required and less held.  vfd may be -1 until
 * bxc_set_violation_fd names the call's pipe. */
bxc_level bxc_confine_apply(const bxc_policy *p, const bxc_prepared *pre,
                                   int vfd, char why[256]);
void bxc_confine_report(const bxc_policy *p, int fd, bxc_level lv, const char *why);
void bxc_set_violation_fd(int vfd);
/* A zygote confined for one executor (zygote.c): bxc_confine_apply with
 * the program of bxc_seccomp_zygote, so that it can fork; each worker it
 * forks then calls bxc_confine_tail, which nests a Landlock domain that
 * only scopes signals and abstract sockets (ABI >= 6) and adds the
 * seccomp tail with its pid: lv as the zygote got it, lowered when one of
 * them did not hold (NONE when the tail could not be applied: such a
 * worker could fork, so the caller must not run a call in it). */
bxc_level bxc_confine_apply_zygote(const bxc_policy *p, const bxc_prepared *pre, char why[256]);
bxc_level bxc_confine_tail(const bxc_prepared *pre, bxc_level lv, char why[256]);
int bxc_prepared_srs(const bxc_prepared *pre);
/* The Landlock ruleset descriptor of pre (-1: none), kept open until apply. */
int bxc_prepared_rs(const bxc_prepared *pre);
uint64_t bxc_mono_ns(void);

/* In the worker: the body returned 0 and everything it wrote precedes
 * this frame; the parent need not wait for the process to be torn down. */
int bxc_reply_done(int fd);
/* The same, from a pooled worker whose policy and last call let it serve
 * another call of its hint: the server then has the zygote pool it again. */
int bxc_reply_done_again(int fd);

#define BXC_WORKER_OK 0
#define BXC_WORKER_BODY_FAILED 1

#endif
