/*
 * confine.h — the kernel's wall around a sandbox (src/confine).
 *
 * A worker process is forked per run; before any guest code runs it sets
 * no_new_privs, applies a Landlock ruleset derived from the grants (files,
 * TCP, scoping), installs a seccomp-bpf allowlist and resource limits, and
 * then runs a body given by the caller.  The body sends its reply to the
 * parent over a socketpair in frames the parent bounds and validates.
 * The parent reports how much of that held ("full", "partial", "none")
 * and how the worker ended (a forbidden system call, a crash).
 *
 * Layering: src/confine sits between src/sandbox and the tools/server/CLI
 * above: bxc_run (run.c of this folder) calls down into
 * bx_sandbox_run; callers above hand their own body to bxc_exec.
 */
#ifndef BX_CONFINE_H
#define BX_CONFINE_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>

#include "boxagnts.h"

typedef enum bxc_level {
    BX_CONFINE_FULL = 0,      /* nnp + Landlock fs/net/scope + seccomp + rlimits */
    BX_CONFINE_PARTIAL,       /* some of them: see reason */
    BX_CONFINE_NONE           /* none (disabled, or nothing available) */
} bxc_level;

/* How the worker ended, as the parent saw it. */
typedef enum bxc_end {
    BX_CONFINE_ENDED = 0,     /* exited with a reply */
    BX_CONFINE_VIOLATION,     /* a forbidden system call: syscall[] */
    BX_CONFINE_CRASHED,       /* a signal or an exit without a valid reply */
    BX_CONFINE_REFUSED        /* require_full and less than full held */
} bxc_end;

typedef struct bxc_path {
    char *path;               /* host path (owned) */
    int writable;             /* 0: read-only */
} bxc_path;

/* What the worker may reach.  Build with bxc_policy_init/_add_*,
 * free with bxc_policy_free. */
typedef struct bxc_policy {
    int disabled;             /* --no-os-confinement: run in-process, report "none" */
    int require_full;         /* --require-os-confinement */
    bxc_path *paths; size_t npaths;
    int net;                  /* a fetch: grant exists: sockets, resolver and TLS files */
    int preload_curl;         /* the module may use the HTTP capability: load libcurl
                                 before confinement even without a grant, so that
                                 src/net can refuse the request by its own policy */
    int connect_any;          /* a grant with an unknown port: TCP connect unrestricted */
    uint16_t ports[32]; size_t nports;   /* TCP connect allowed to these */
    uint32_t max_fds;         /* the guest's fd cap (0 = 256) */
    uint64_t max_memory;      /* the memory cap (0: no RLIMIT_AS) */
    uint64_t max_stack;       /* the wasm stack cap (0: 1 MiB): the compiled tier's private C
                                 stack grows with it, and RLIMIT_AS makes room (bxc_as_limit) */
    uint64_t timeout_ns;      /* the run's timeout: the parent kills the worker 2s after */
    int audit_fd;             /* -1, or an audit log open for appending: the parent's
                                 only; the worker sends its lines (bxc_audit_stream) */
    const char *sandbox_id;   /* tags the call's audit lines ("call") */
    int landlock_abi_max;     /* 0; tests: use at most this Landlock ABI */
    /* parent side: each progress frame the worker sends (bxc_progress),
     * as it arrives, on the thread that waits for the worker (may be NULL) */
    void (*on_progress)(void *user, const char *text, size_t len);
    void *progress_user;
    int cache_in_parent;      /* set before _from_*: the parent loads modules through the
                                 cache (the worker is granted neither cache nor key) */
    int cache_use;            /* set by _from_*: the cache may serve this run */
    /* pooled workers (zygote.c): who the policy is for (a server's executor
     * index + 1; 0: anyone), compared with the call's, so a pooled worker
     * never serves another owner even when their grants are the same; and
     * how many calls one such worker may serve (0 or 1: one, a fresh worker
     * per call; see bxc_zygote_body): set in the worker's policy and in the
     * call's, whose value the zygote enforces by its own count */
    uint32_t owner, reuse_calls;
    /* parent side, with reuse_calls > 1: whether a whole reply shows a
     * clean end (the worker's own 'again' is not believed alone); NULL:
     * the worker's word is taken */
    int (*reply_clean)(const uint8_t *reply, size_t len);
} bxc_policy;

void bxc_policy_init(bxc_policy *p);
void bxc_policy_free(bxc_policy *p);
bx_status bxc_policy_add_path(bxc_policy *p, const char *path, int writable,
                                     bx_error *err);
/* A fetch: pattern (scheme://host[:port]): the worker may use the network,
 * TCP connect to that port (443/80 by scheme). */
bx_status bxc_policy_add_fetch(bxc_policy *p, const char *pattern, bx_error *err);
/* The grants of run options: map_dirs, cache dir, fetch patterns, limits. */
bx_status bxc_policy_from_options(bxc_policy *p, const bx_run_options *o,
                                         bx_error *err);

/* RLIMIT_AS = max_memory x BX_CONFINE_AS_MEMORIES + this: code, compiled functions, heap, thread
 * stacks, libcurl and its TLS library. */
#define BX_CONFINE_AS_HEADROOM ((uint64_t)1 << 30)
/* Each linear memory reserves address space up to the cap (memories share
 * the cap's budget, but each may grow into all of it), so RLIMIT_AS allows
 * that many reservations at the cap: multi-memory modules of up to four
 * memories keep their full growth room; more fall back to reserving their
 * minimum (store.c), and memory.grow may then return -1. */
#define BX_CONFINE_AS_MEMORIES 4u
/* Guard regions (src/wasm store.c, src/aot rt.c): memory 0 of an instance
 * reserves BXE_GUARD_SPAN (8 GiB + 64 KiB) of address space so compiled code
 * needs no bounds checks.  The reservation is PROT_NONE and uncommitted:
 * the engine still commits only what memory.grow allows under the cap, so
 * the cap is enforced by the engine as before, and RLIMIT_AS adds room for
 * this many guard reservations.  A memory past them gets the plain
 * reservation, and compiled code with explicit checks (or the interpreter)
 * runs it. */
#define BX_CONFINE_AS_GUARDS 2u
#define BX_CONFINE_GUARD_SPAN (((uint64_t)8 << 30) + ((uint64_t)64 << 10))
/* The compiled tier's private C stack (src/aot rt.c: 2 x max_stack + 256
 * KiB, at most 1 GiB): room for it is added to RLIMIT_AS, so a large
 * max_stack does not eat the headroom meant for code and heap. */
#define BX_CONFINE_CSTACK_MULT 2u
#define BX_CONFINE_CSTACK_RESERVE ((uint64_t)256 << 10)
#define BX_CONFINE_CSTACK_MAX ((uint64_t)1 << 30)
/* The RLIMIT_AS a worker of p gets (RLIM_INFINITY when max_memory is 0). */
uint64_t bxc_as_limit(const bxc_policy *p);

typedef struct bxc_status {
    bxc_level level;
    char reason[256];         /* what did not hold, and why ("" when full) */
    bxc_end end;
    char syscall[32];         /* BX_CONFINE_VIOLATION: the call's name */
    int signal;               /* BX_CONFINE_CRASHED by a signal, else 0 */
    char detail[320];         /* one line for the user */
} bxc_status;

const char *bxc_level_name(bxc_level l);

/* In the worker: the body writes its reply with bxc_reply (once or
 * several times; the parent concatenates).  Returns 0, or -1. */
typedef int (*bxc_body)(void *arg, int reply_fd);
int bxc_reply(int reply_fd, const void *buf, size_t len);
/* In the worker: a stream for the sandbox's audit lines (bx_run_io /
 * bx_tool_context audit_file) that carries them to the parent, which
 * checks each line, tags it with the call and appends it to the log the
 * worker never holds.  NULL when out of memory. */
FILE *bxc_audit_stream(int reply_fd);
/* In the worker: a progress text for the parent's on_progress (the output
 * so far of a running call), at most 64 KiB a frame.  0, or -1. */
int bxc_progress(int reply_fd, const char *text, size_t len);

/* Fork a confined worker, run body(arg) in it, collect its reply (at most
 * max_reply bytes; more ends the worker as crashed).  With p->disabled the
 * body runs in this process (reply through a pipe-less buffer).  BX_OK
 * when the worker was run, whatever its end (see cs); *reply is malloc'd. */
bx_status bxc_exec(const bxc_policy *p, bxc_body body, void *arg,
                          size_t max_reply, uint8_t **reply, size_t *reply_len,
                          bxc_status *cs, bx_error *err);

/* What this kernel offers, probed without confining anything:
 * the Landlock ABI (0 = none) and whether seccomp filters are available. */
int bxc_landlock_abi(void);

/* Name of a system call on this architecture ("syscall 123" if unknown). */
void bxc_syscall_name(long nr, char *buf, size_t n);

/* One audit line for a confinement event, in src/wasi/audit.c's format,
 * tagged with the call. */
void bxc_audit(int fd, const char *tag, const bxc_status *cs);

/* `run`: bx_sandbox_run inside a confined worker.  The result record gets
 * the confinement level/reason; a violation or crash becomes its outcome.
 * With p->disabled, bx_sandbox_run in-process. */
bx_status bxc_run(const bxc_policy *p, const bx_run_options *o,
                          const uint8_t *wasm, size_t len, const bx_run_io *io,
                          bx_run_result *r, bxc_status *cs, bx_error *err);

/* `run` with the module cache through the parent: a worker confined with
 * p->cache_in_parent reaches neither the cache nor its key.  module (may
 * be NULL): loaded by the caller before the fork (for --invoke or the
 * compiled tier), run as it is.  Otherwise, when p->cache_use, this
 * process looks the module up in o's cache (bx_module_from_cache) and the
 * worker inherits it; on a miss the worker compiles it and, before any
 * guest code runs, sends it ('M' frames: bxc_send_artifact), and this
 * process stores it only if its hash is the module's, its size within the
 * bound, it verifies as a load would (bx_cache_store_payload), and the
 * worker ended normally.  An artifact at any other time, not asked for, or
 * of another size than declared ends the worker as crashed. */
typedef struct bxc_run_cache {
    const bx_module *module;  /* in */
    bx_cache_event event;     /* out: HIT, STORED, ...; NONE: no cache */
    int refused;              /* out: the worker's artifact was refused (why) */
    char why[160];
    /* TEST ONLY (tests/confine/rawrun.c): in the worker, sends the 'M'
     * frames instead of the honest artifact (a worker taken over while
     * compiling); production callers leave it NULL */
    int (*forge)(int fd, const uint8_t *wasm, size_t len);
} bxc_run_cache;
/* The bound on an artifact for a module of len bytes. */
size_t bxc_art_max(size_t len);
bx_status bxc_run_cached(const bxc_policy *p, const bx_run_options *o, const uint8_t *wasm, size_t len,
                         const bx_run_io *io, bxc_run_cache *c, bx_run_result *r, bxc_status *cs,
                         bx_error *err);
/* In the worker: the compiled module's 'M' frames (n = 0: none). */
int bxc_send_artifact(int fd, const uint8_t hash[32], const uint8_t *payload, uint64_t n);
/* "hit", "stored", ... for the result record ("off" for NONE). */
const char *bxc_cache_event_name(bx_cache_event e);

/* `call`: the grants of a tool call (workspace at the profile's level when
 * no read:/write: grant names paths; grants; fetch patterns; cache dir). */
bx_status bxc_policy_from_tool_context(bxc_policy *p, const bx_tool_context *ctx,
                                              bx_error *err);

/* What a worker applies, built before the fork (Landlock ruleset, seccomp
 * program), so that the worker only restricts itself: cheaper per worker,
 * and the same for every worker of one policy.  NULL: out of memory. */
typedef struct bxc_prepared bxc_prepared;
bxc_prepared *bxc_prepare(const bxc_policy *p);
void bxc_prepared_free(bxc_prepared *c);

/* ---- a zygote for long-lived servers (zygote.c) ----------------------- */
typedef struct bxc_zygote bxc_zygote;
/* In the zygote, before it forks a call's worker: make ready what workers
 * share (a tool's module); hint is the server's (never a client's bytes).
 * Returns the prepared confinement of the call's policy (kept by ctx), or
 * NULL (the worker then reports it).  Also called once with hint NULL when
 * the zygote starts (to clean its copy of the server's memory). */
typedef const bxc_prepared *(*bxc_zygote_prefork)(void *ctx, const char *hint);
/* In the worker, before confinement: read the request from fd, fill *pol
 * (what to confine to) and *job.  0, or -1 to end the worker. */
typedef int (*bxc_zygote_prepare)(void *ctx, int fd, bxc_policy *pol, void **job);
/* In the worker, confined: run the job (and free it), reply on fd
 * (bxc_reply).  0: replied, and the call ended cleanly (a pooled worker
 * whose policy allows reuse_calls > 1 may then serve the next call of the
 * same hint); 1: replied, but the worker must not serve again (a trap, a
 * timeout, an error result: anything but a clean end); -1: failed. */
typedef int (*bxc_zygote_body)(void *ctx, void *job, int fd);
/* A reused worker is discarded once its peak RSS has grown by more than
 * this since it was confined (a call that grew its heap does not leave
 * that memory to the next). */
#define BXC_REUSE_MAX_GROWTH_KB (32u << 10)
/* The most calls one worker may serve (policy worker_reuse). */
#define BXC_REUSE_MAX 10000u

/* Fork the zygote now (before any request is read: it keeps a copy of
 * this process's memory).  ctx is used in the zygote and its workers;
 * refresh (may be NULL) runs in the zygote on bxc_zygote_refresh. */
bxc_zygote *bxc_zygote_start(void *ctx, bxc_zygote_prefork prefork, bxc_zygote_prepare prepare,
                           bxc_zygote_body body, void (*refresh)(void *ctx), bx_error *err);
/* In a pooled worker, before confinement and before its call exists: the
 * policy of the executor hint names (and what the worker must drop of the
 * others', as prepare does).  0, or -1 to end the worker. */
typedef int (*bxc_zygote_preconfine)(void *ctx, const char *hint, bxc_policy *pol);
/* As bxc_zygote_start, with a pool: after each call the zygote forks the
 * next worker for the same hint and confines it (preconfine's policy)
 * while no call waits; a call with that hint takes it (its prepare's
 * policy must be the same, or the worker ends), others fork as without a
 * pool.  Each worker still serves one call. */
bxc_zygote *bxc_zygote_start_pool(void *ctx, bxc_zygote_prefork prefork,
                                bxc_zygote_preconfine preconfine, bxc_zygote_prepare prepare,
                                bxc_zygote_body body, void (*refresh)(void *ctx), bx_error *err);
/* Stop it (workers still running are killed) and free. */
void bxc_zygote_stop(bxc_zygote *z);
/* Have the zygote run its refresh(ctx) before it forks the next worker
 * (e.g. after the server added tools: the zygote's registry is its own
 * copy).  0, or -1 when the zygote is gone. */
int bxc_zygote_refresh(bxc_zygote *z);
pid_t bxc_zygote_pid(const bxc_zygote *z);
/* One call on a fresh worker: req goes to the worker's prepare; p gives
 * the parent's side (audit_fd, sandbox_id as the audit tag, timeout_ns,
 * require_full); cancel (may be NULL) stops the worker.  As bxc_exec. */
bx_status bxc_zygote_call(bxc_zygote *z, const bxc_policy *p, const char *hint,
                         const void *req, size_t req_len, const volatile int *cancel,
                         size_t max_reply, uint8_t **reply, size_t *reply_len,
                         bxc_status *cs, bx_error *err);

#endif
