/*
 * server_impl.h — what the files of src/server share: the bounded line
 * reader, the whole-line writer, the fair worker pool, executors with their
 * quota ledgers, and a protocol session (in-flight calls, cancellation).
 * Layer-private.
 */
#ifndef BX_SERVER_IMPL_H
#define BX_SERVER_IMPL_H
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "boxagnts.h"
#include "confine.h"

#define SRV_DEFAULT_MAX_MESSAGE (16u << 20)
#define SRV_MAX_WORKERS 1024u
#define SRV_NAME "boxagnts"
#define SRV_VERSION "0.1.0"

/* ---- reading lines (jsonrpc.c) ----------------------------------------- */
typedef enum srv_read_kind {
    SRV_LINE,        /* line, len: one line without its newline, NUL-terminated */
    SRV_TOO_LONG,    /* a line longer than max was skipped whole */
    SRV_EOF,
    SRV_IOERR,
    SRV_WAKE         /* wake_fd became readable first (a request: bx_server_request) */
} srv_read_kind;

typedef struct srv_reader {
    int fd;
    int wake_fd;                /* polled with fd; -1 (the default): none */
    size_t max;                 /* longest line kept */
    char *buf;
    size_t cap, pos, end, scanned;
    int discarding, eof;
} srv_reader;

void srv_reader_init(srv_reader *r, int fd, size_t max);
void srv_reader_free(srv_reader *r);
/* The line stays valid until the next call. */
srv_read_kind srv_read_line(srv_reader *r, char **line, size_t *len);

/* ---- writing messages (jsonrpc.c) -------------------------------------- */
typedef struct srv_out {
    int fd;
    pthread_mutex_t mu;
    int broken;                 /* a write failed: the peer is gone */
    uint64_t deadline_ns;       /* atomics; 0: none.  Past it (a reader that
                                   stopped reading at shutdown), writes are
                                   dropped and the output counts as broken */
} srv_out;
void srv_out_init(srv_out *o, int fd);
void srv_out_free(srv_out *o);
/* One line, written whole under the mutex (responses of concurrent calls
 * never interleave).  Consumes msg.  -1 once the output is broken. */
int srv_out_send(srv_out *o, cJSON *msg);
/* From now on every write ends within ms milliseconds (srv_out_send waits
 * for room at most that long, then drops): the server is shutting down. */
void srv_out_bound(srv_out *o, unsigned ms);

/* ---- JSON-RPC 2.0 (jsonrpc.c) ------------------------------------------ */
enum {
    RPC_PARSE_ERROR = -32700,
    RPC_INVALID_REQUEST = -32600,
    RPC_METHOD_NOT_FOUND = -32601,
    RPC_INVALID_PARAMS = -32602,
    RPC_INTERNAL_ERROR = -32603,
    /* the server's own, in JSON-RPC's implementation-defined range */
    SRV_ERR_TOO_LARGE = -32001,
    SRV_ERR_UNKNOWN_EXECUTOR = -32002,
    SRV_ERR_UNKNOWN_TOOL = -32003,
    SRV_ERR_QUOTA = -32004,
    SRV_ERR_CANCELLED = -32005,
    SRV_ERR_CALL_FAILED = -32006
};
/* How a protocol spells an error reply: JSON-RPC 2.0 ({"jsonrpc":"2.0",
 * "id", "error":{"code":NUMBER,"message"}}) or JSONL ({"id", "error":
 * {"code":"name","message"}}, the names in jsonrpc.c's table). */
typedef enum srv_wire { SRV_WIRE_JSONRPC, SRV_WIRE_JSONL } srv_wire;
/* The one error-reply builder of both protocols; id NULL -> null. */
cJSON *srv_error(srv_wire wire, const cJSON *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define rpc_error(id, ...) srv_error(SRV_WIRE_JSONRPC, (id), __VA_ARGS__)
cJSON *rpc_result(const cJSON *id, cJSON *result);

typedef enum rpc_kind {
    RPC_REQUEST,        /* method + valid id */
    RPC_NOTIFICATION,   /* method, no id */
    RPC_RESPONSE,       /* result or error: from the client, ignored */
    RPC_INVALID         /* *why says what is wrong; *id usable when non-NULL */
} rpc_kind;
/* Classify one parsed message (never an array: batches are split first). */
rpc_kind rpc_classify(const cJSON *msg, const char **why);
/* A usable id of a message for an error reply: string or number, else NULL. */
const cJSON *rpc_id(const cJSON *msg);
/* A string, a number, or a string holding U+0000 kept exactly. */
int rpc_id_ok(const cJSON *id);
/* After parsing line into msg: strings holding U+0000 where the server
 * reads (message and params members) kept exactly, not cut (jsonrpc.c). */
void rpc_exact_strings(cJSON *msg, const char *line, size_t len);
/* A key for an id ("s:abc", "n:12"), for matching cancellations; malloc'd. */
char *rpc_id_key(const cJSON *id);

/* ---- the worker pool (pool.c) ------------------------------------------ */
typedef struct srv_job srv_job;
typedef struct srv_pool srv_pool;
struct srv_job {
    srv_job *next;              /* pool queue */
    size_t group;               /* fairness: the executor's index */
    int started;                /* set by the pool when a worker takes it */
    void (*run)(srv_job *j);    /* runs on a worker; frees the job */
};
/* workers threads; ngroups fairness groups; submit blocks while max_queued
 * jobs wait (back-pressure on the reader, so memory stays bounded). */
srv_pool *srv_pool_new(uint32_t workers, size_t ngroups, size_t max_queued, bx_error *err);
void srv_pool_submit(srv_pool *p, srv_job *j);
/* 1 when j was still queued and is now removed (the caller owns it again). */
int srv_pool_unqueue(srv_pool *p, srv_job *j);
/* Wait until every job has run, stop the workers, free the pool. */
void srv_pool_finish(srv_pool *p);
uint32_t srv_default_workers(void);

/* ---- executors (executor.c) -------------------------------------------- */
typedef struct srv_executor {
    bx_executor_config cfg;
    size_t index;
    pthread_mutex_t mu;         /* the ledger below */
    pthread_cond_t released;    /* signalled when a call settles its hold */
    uint64_t used_calls, used_fuel, used_wall;
    uint64_t held_calls, held_fuel, held_wall;
    bxc_policy cpol;     /* what its calls' workers may reach (executor.c) */
    bxc_prepared *cprep; /* in the zygote only: cpol built once (executor.c) */
    uint64_t seq;               /* calls made: the audit tag "NAME#seq" (atomic) */
} srv_executor;

struct bx_server {
    bx_registry *reg;
    srv_executor *ex; size_t nex;
    uint32_t workers;
    uint64_t max_message;
    /* control.c: requests (bx_server_request, from signal handlers) as
     * bits in ctl_pending, and a pipe that wakes the session's reader.
     * The pipe is made by the first session and closed by bx_server_free
     * (srv_control_close), so a handler never writes to a closed fd. */
    int ctl_fd[2];
    int ctl_open;               /* atomics: ctl_fd is valid */
    unsigned ctl_pending;       /* atomics: BX_SERVER_* bits not yet handled */
    int drain_set;              /* bx_server_set_drain or the policy's "drain" */
    uint64_t drain_ns;          /* BX_DRAIN_WAIT: wait for every call */
    bx_server_warn_fn warn;     /* bx_server_set_warn: the operator's stderr */
    void *warn_user;
    bxc_zygote *zyg;             /* NULL: calls run in the server's threads */
    int require_confine;
    uint32_t worker_reuse;     /* calls one pooled worker may serve (>= 1) */
    bx_mem_keep *mkeep;         /* in a reused worker: its calls' linear memory kept (zbody) */
    char confine_why[256];      /* why calls are not confined (zyg NULL) */
    /* The compiled tier (tier.c): per "executor:tool", the calls seen, the
     * compiled form looked for (in the zygote, once per refresh) and the
     * background compilation of a tool called repeatedly under auto. */
    pthread_mutex_t tier_mu;
    pthread_cond_t tier_cv;     /* a tool's compiled form is ready (looked: 2) */
    volatile int tier_stop;     /* srv_tier_free: background compilations stop */
    struct srv_tier_entry **tier; size_t ntier;
};
/* tier.c */
void srv_tier_init(bx_server *s);
void srv_tier_free(bx_server *s);     /* joins the background compilations */
/* Before a call runs in this process or a worker is forked for it (hint
 * "index:tool"): the compiled form as the executor's tier says; in_zygote:
 * compile only when there is no cache (the server compiled into it).
 * cancel (may be NULL): the call's flag; a compilation stops with it. */
void srv_tier_prepare(bx_server *s, srv_executor *e, const bx_tool *t, const char *hint, int in_zygote,
                      const volatile int *cancel);
/* Why the server's own compilation for hint failed (out unchanged when it
 * did not, or was not tried): a worker's reason only says the cache had
 * nothing. */
void srv_tier_why(bx_server *s, const char *hint, char *out, size_t cap);
/* The tier a call of hint ("index:tool") runs with: the executor's, or
 * when none was asked for, auto if this process has the compiled form the
 * cache held (srv_tier_prepare), else unset (interpreted, nothing said). */
int srv_tier_call(bx_server *s, const srv_executor *e, const char *hint);
/* In the zygote, on a refresh: every tool is looked for again. */
void srv_tier_forget(bx_server *s);
/* After a call settled in the server (never in a worker): under auto, the
 * second interpreted call of a tool starts its compilation in the background. */
void srv_tier_note_call(bx_server *s, srv_executor *e, const bx_tool *t, const bx_tool_result *r);
/* control.c */
bx_status srv_control_open(bx_server *s, bx_error *err);
void srv_control_close(bx_server *s);
/* The requests made since the last call (and empties the pipe). */
unsigned srv_control_take(bx_server *s);
/* bx_registry_dir_ok (user: the server): no executor can write into dir. */
int srv_tool_dir_ok(void *user, const char *dir, char *why, size_t cap);
/* After tools were added to s->reg (a rescan): the zygote loads them too
 * before it forks the next worker.  0, or -1 when the zygote is gone. */
int srv_zygote_refresh(bx_server *s);
srv_executor *srv_find_executor(bx_server *s, const char *name);
int srv_tool_allowed(const srv_executor *e, const char *tool);
int srv_tool_network(const bx_server *s, const char *tool);
/* A call through e; `refused` (may be NULL) says when the call never ran:
 * out then holds the reason as an is_error result. */
enum { SRV_RAN = 0, SRV_REFUSED_TOOL = 1, SRV_REFUSED_QUOTA = 2 };
/* What the call's context gets besides limits (bx_tool_context.progress). */
typedef struct srv_call_hooks {
    void (*progress)(void *user, const char *text, size_t len);
    void *user;
} srv_call_hooks;
bx_status srv_call(bx_server *s, srv_executor *e, const char *tool, const char *input_json,
                   const volatile int *cancel, const srv_call_hooks *hooks, bx_tool_result *out,
                   int *refused, bx_error *err);

/* ---- policy (policy.c) ------------------------------------------------- */
void srv_exec_config_init(bx_executor_config *e);
void srv_exec_config_free(bx_executor_config *e);
bx_status srv_exec_config_copy(bx_executor_config *dst, const bx_executor_config *src,
                               bx_error *err);
/* Apply one policy object (top-level or an executor's) over e.  base_dir
 * resolves relative paths (NULL: as given); top: the server-wide keys
 * (tool_dirs, workers, max_message, executors) are allowed and skipped;
 * where: "executors.NAME" or "policy", for messages. */
bx_status srv_exec_config_apply(bx_executor_config *e, const cJSON *obj, const char *base_dir,
                                int top, const char *where, bx_error *err);
char *srv_join_path(const char *base_dir, const char *path);

/* ---- a protocol session (session.c) ------------------------------------ */
typedef struct srv_session srv_session;
typedef struct srv_batch srv_batch;

/* Why a call was stopped: its cancel flag (non-zero stops the sandbox). */
enum { SRV_CANCEL_NONE = 0, SRV_CANCEL_CLIENT = 1, SRV_CANCEL_SHUTDOWN = 2 };

typedef struct srv_call_job {
    srv_job job;                /* first: the pool sees this */
    struct srv_call_job *inext, *iprev;
    srv_session *ss;
    cJSON *id;
    char *idkey;
    srv_executor *ex;
    char *tool, *input;
    srv_batch *batch;
    volatile int cancel;        /* SRV_CANCEL_* */
} srv_call_job;

/* What a protocol gives the session it runs on: the session calls these
 * and nothing else of the protocol's, so data flows one way (mcp.c and
 * jsonl.c call into session.c, never the reverse). */
typedef struct srv_proto {
    srv_wire wire;
    /* The grace at end of input when the operator set none (BX_DRAIN_*). */
    uint64_t default_drain_ns;
    /* One input line: msg NULL when not valid JSON; too_large: the line
     * was longer than the server's max_message and skipped unread. */
    void (*on_msg)(srv_session *ss, cJSON *msg, int too_large);
    /* The reply to a call that ended, or NULL for none.  j->cancel says
     * whether and why it was stopped; r is NULL when it never started. */
    cJSON *(*call_reply)(srv_call_job *j, bx_status st, const bx_tool_result *r, int refused,
                         const bx_error *err);
    /* The registry changed (bx_registry_rescan): added tools, and the
     * problems from index problems_from on.  May be NULL. */
    void (*tools_changed)(srv_session *ss, size_t added, size_t problems_from);
    /* A running call's output so far (bx_tool_context.progress), on the
     * call's worker thread.  May be NULL. */
    void (*call_output)(srv_call_job *j, const char *text, size_t len);
} srv_proto;

struct srv_session {
    bx_server *s;
    const srv_proto *proto;
    srv_out out;
    srv_pool *pool;
    pthread_mutex_t mu;         /* in-flight list and batches */
    srv_call_job *inflight;
    int stopping;               /* a stop was requested: no new calls */
};

struct srv_batch {              /* a JSON-RPC batch being answered (MCP 2025-03-26) */
    cJSON *arr;
    int pending;
};

bx_status srv_session_init(srv_session *ss, bx_server *s, int out_fd, const srv_proto *proto,
                           bx_error *err);
/* Finish every call, then free. */
void srv_session_finish(srv_session *ss);
/* Queue a call; takes ownership of id, tool, input. */
void srv_session_submit(srv_session *ss, srv_executor *ex, cJSON *id, char *tool, char *input,
                        srv_batch *batch);
/* Stop the in-flight call with this id (SRV_CANCEL_CLIENT); returns 1
 * when one was found.  A still-queued call never runs and is answered as
 * the protocol's call_reply says. */
int srv_session_cancel(srv_session *ss, const cJSON *id);
/* Stop every in-flight call for `why` (SRV_CANCEL_*): running ones
 * through their sandbox's interrupt, queued ones dropped and answered. */
void srv_session_cancel_all(srv_session *ss, int why);
/* The loop both protocols share: read lines from in_fd (each capped at the
 * server's max_message), hand each non-blank one to proto->on_msg, serve
 * bx_server_request's requests (stop, rescan), stop when the input ends or
 * the output's reader is gone, then answer (or cancel) what runs and
 * finish the session.  what names the input in the read-error message. */
bx_status srv_session_serve(srv_session *ss, int in_fd, const char *what, bx_error *err);
/* Send a message, or add it to its batch. Consumes msg. */
void srv_session_send(srv_session *ss, srv_batch *b, cJSON *msg);

/* progress.c: MCP notifications/progress for calls given a progressToken
 * (start, then a heartbeat a second); end before the response or on
 * cancel, so nothing follows the response. */
typedef struct srv_progress {
    srv_session *ss;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t th;
    int started, stop;
    struct prog_entry *head;
} srv_progress;
void srv_progress_init(srv_progress *p, srv_session *ss);
void srv_progress_begin(srv_progress *p, const cJSON *id, const cJSON *token, const char *tool);
void srv_progress_end(srv_progress *p, const char *idkey);
/* New output of the call idkey: sent as a progress notification (its tail
 * when long), at most every 250 ms, the rest with the next heartbeat. */
void srv_progress_output(srv_progress *p, const char *idkey, const char *text, size_t len);
void srv_progress_finish(srv_progress *p);
srv_batch *srv_batch_new(void);
/* Drop one hold on the batch; the last one writes it. */
void srv_batch_release(srv_session *ss, srv_batch *b);
/* jsonrpc.c: os_confinement and tier of r into o, names after prefix. */
void srv_add_run_facts(cJSON *o, const char *prefix, const bx_tool_result *r);
/* jsonout.c: s[0..n) as a JSON string, quotes included, byte for byte as
 * cJSON prints it (NULL: out of memory); free with cJSON_free.  And s
 * added to obj as name, printed so when long. 0, or -1. */
char *srv_json_quote(const char *s, size_t n);
int srv_json_add_str(cJSON *obj, const char *name, const char *s);
#endif
