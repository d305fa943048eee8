/*
 * session.c — what MCP and JSONL sessions share: the in-flight calls (so a
 * cancellation can find its call), running a call on a worker and sending
 * its response, batches (one reply array once every member is done), and
 * the end of a session: end of input, a stop request (SIGTERM), or the
 * client gone.  A protocol plugs in through its srv_proto table; nothing
 * here calls mcp.c or jsonl.c by name.
 */
#include <poll.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_impl.h"

/* Queued jobs waiting at most; beyond this the reader blocks, so a client
 * that writes faster than calls run is slowed down instead of growing us. */
#define SESSION_MAX_QUEUED 1024

bx_status srv_session_init(srv_session *ss, bx_server *s, int out_fd, const srv_proto *proto,
                           bx_error *err)
{
    memset(ss, 0, sizeof *ss);
    ss->s = s;
    ss->proto = proto;
    if (srv_control_open(s, err) != BX_OK)
        return err->status;
    ss->pool = srv_pool_new(s->workers, s->nex, SESSION_MAX_QUEUED, err);
    if (!ss->pool)
        return err->status;
    srv_out_init(&ss->out, out_fd);
    pthread_mutex_init(&ss->mu, NULL);
    return BX_OK;
}

void srv_session_finish(srv_session *ss)
{
    srv_pool_finish(ss->pool);
    ss->pool = NULL;
    srv_out_free(&ss->out);
    pthread_mutex_destroy(&ss->mu);
}

static void unlink_job(srv_session *ss, srv_call_job *j)
{
    if (j->iprev)
        j->iprev->inext = j->inext;
    else
        ss->inflight = j->inext;
    if (j->inext)
        j->inext->iprev = j->iprev;
    j->inext = j->iprev = NULL;
}

static void free_job(srv_call_job *j)
{
    cJSON_Delete(j->id);
    free(j->idkey);
    free(j->tool);
    free(j->input);
    free(j);
}

srv_batch *srv_batch_new(void)
{
    srv_batch *b = calloc(1, sizeof *b);
    if (b && !(b->arr = cJSON_CreateArray())) {
        free(b);
        return NULL;
    }
    if (b)
        b->pending = 1;     /* the reader's hold until every member is dispatched */
    return b;
}

void srv_session_send(srv_session *ss, srv_batch *b, cJSON *msg)
{
    if (!msg)
        return;
    if (!b) {
        srv_out_send(&ss->out, msg);
        return;
    }
    pthread_mutex_lock(&ss->mu);
    cJSON_AddItemToArray(b->arr, msg);
    pthread_mutex_unlock(&ss->mu);
}

void srv_batch_release(srv_session *ss, srv_batch *b)
{
    if (!b)
        return;
    pthread_mutex_lock(&ss->mu);
    int last = --b->pending == 0;
    pthread_mutex_unlock(&ss->mu);
    if (!last)
        return;
    if (cJSON_GetArraySize(b->arr) > 0)
        srv_out_send(&ss->out, b->arr);     /* consumes */
    else
        cJSON_Delete(b->arr);
    free(b);
}

static void call_output(void *user, const char *text, size_t len)
{
    srv_call_job *j = user;
    j->ss->proto->call_output(j, text, len);
}

static void run_call(srv_job *job)
{
    srv_call_job *j = (srv_call_job *)job;
    srv_session *ss = j->ss;
    bx_tool_result r;
    bx_error err;
    memset(&r, 0, sizeof r);
    memset(&err, 0, sizeof err);
    int refused = SRV_RAN;
    srv_call_hooks hooks = {ss->proto->call_output ? call_output : NULL, j};
    bx_status st = srv_call(ss->s, j->ex, j->tool, j->input, &j->cancel, &hooks, &r, &refused, &err);

    pthread_mutex_lock(&ss->mu);
    unlink_job(ss, j);
    pthread_mutex_unlock(&ss->mu);
    cJSON *msg = ss->proto->call_reply(j, st, &r, refused, &err);
    bx_tool_result_free(&r);
    srv_session_send(ss, j->batch, msg);
    srv_batch_release(ss, j->batch);
    free_job(j);
}

void srv_session_submit(srv_session *ss, srv_executor *ex, cJSON *id, char *tool, char *input,
                        srv_batch *batch)
{
    srv_call_job *j = calloc(1, sizeof *j);
    char *key = rpc_id_key(id);
    if (!j || !key) {
        srv_session_send(ss, batch, srv_error(ss->proto->wire, id, RPC_INTERNAL_ERROR, "out of memory"));
        free(j);
        free(key);
        cJSON_Delete(id);
        free(tool);
        free(input);
        return;
    }
    j->job.group = ex->index;
    j->job.run = run_call;
    j->ss = ss;
    j->id = id;
    j->idkey = key;
    j->ex = ex;
    j->tool = tool;
    j->input = input;
    j->batch = batch;
    pthread_mutex_lock(&ss->mu);
    if (batch)
        batch->pending++;
    j->inext = ss->inflight;
    if (ss->inflight)
        ss->inflight->iprev = j;
    ss->inflight = j;
    pthread_mutex_unlock(&ss->mu);
    srv_pool_submit(ss->pool, &j->job);
}

/* Answer calls that were dropped from the queue (they never ran). */
static void answer_dropped(srv_session *ss, srv_call_job *list)
{
    while (list) {
        srv_call_job *j = list;
        list = j->inext;
        bx_error err;
        memset(&err, 0, sizeof err);
        srv_session_send(ss, j->batch, ss->proto->call_reply(j, BX_OK, NULL, SRV_RAN, &err));
        srv_batch_release(ss, j->batch);
        free_job(j);
    }
}

/* Under ss->mu: flag j; a still-queued j is taken out of the in-flight
 * list (lock order: session, then pool) and returned, for answering. */
static srv_call_job *stop_job(srv_session *ss, srv_call_job *j, int why)
{
    int none = SRV_CANCEL_NONE;
    __atomic_compare_exchange_n(&j->cancel, &none, why, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    if (!srv_pool_unqueue(ss->pool, &j->job))
        return NULL;
    unlink_job(ss, j);
    return j;
}

int srv_session_cancel(srv_session *ss, const cJSON *id)
{
    char *key = rpc_id_key(id);
    if (!key)
        return 0;
    srv_call_job *dropped = NULL;
    int found = 0;
    pthread_mutex_lock(&ss->mu);
    for (srv_call_job *j = ss->inflight; j; j = j->inext) {
        if (strcmp(j->idkey, key) != 0)
            continue;
        found = 1;
        dropped = stop_job(ss, j, SRV_CANCEL_CLIENT);
        break;
    }
    pthread_mutex_unlock(&ss->mu);
    free(key);
    answer_dropped(ss, dropped);
    return found;
}

void srv_session_cancel_all(srv_session *ss, int why)
{
    srv_call_job *dropped = NULL;
    pthread_mutex_lock(&ss->mu);
    for (srv_call_job *j = ss->inflight, *next; j; j = next) {
        next = j->inext;
        srv_call_job *d = stop_job(ss, j, why);
        if (d) {
            d->inext = dropped;
            dropped = d;
        }
    }
    pthread_mutex_unlock(&ss->mu);
    answer_dropped(ss, dropped);
}

/* What a rescan could not add, to the operator (bx_server_set_warn), one
 * line each: the registry's problems name the path and say why. */
static void warn_problems(bx_server *s, size_t from)
{
    for (size_t i = from; s->warn && i < bx_registry_problem_count(s->reg); i++) {
        const char *p = bx_registry_problem(s->reg, i);
        char *line = p ? strdup(p) : NULL;
        if (!line)
            continue;
        for (char *c = line; *c; c++)
            if (*c == '\n' || *c == '\r')
                *c = ' ';
        s->warn(s->warn_user, line);
        free(line);
    }
}

/* The operator's requests (bx_server_request).  Returns 1 on stop. */
static int serve_requests(srv_session *ss)
{
    unsigned req = srv_control_take(ss->s);
    if (req & BX_SERVER_RESCAN) {
        bx_registry *reg = ss->s->reg;
        size_t p0 = bx_registry_problem_count(reg), added = 0;
        bx_error err;
        memset(&err, 0, sizeof err);
        bx_registry_rescan(reg, srv_tool_dir_ok, ss->s, &added, &err);
        if (added)
            (void)srv_zygote_refresh(ss->s);   /* workers fork from it: it loads them too */
        warn_problems(ss->s, p0);
        if ((added || bx_registry_problem_count(reg) > p0) && ss->proto->tools_changed)
            ss->proto->tools_changed(ss, added, p0);
    }
    if (req & BX_SERVER_STOP)
        ss->stopping = 1;
    return ss->stopping;
}

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* How long the answers of cancelled calls may take to write at shutdown: a
 * client that still reads takes them at once; one that stopped reading
 * (its pipe full) must not keep us alive. */
#define SHUTDOWN_WRITE_MS 300

/* Stop every call now: running ones through their sandbox (a confined
 * worker is killed), queued ones answered without running. */
static void shut_down(srv_session *ss)
{
    srv_out_bound(&ss->out, SHUTDOWN_WRITE_MS);
    srv_session_cancel_all(ss, SRV_CANCEL_SHUTDOWN);
}

/* At end of input: give the calls still running the drain time
 * (bx_server_set_drain, else the protocol's default: MCP's client has left
 * when it closes our input, a JSONL batch script waits for its answers),
 * then stop them.  At once when a stop is requested or the reader of our
 * output is gone (a pipe's write end then polls POLLERR, a socket's
 * POLLHUP): nobody waits for the answers. */
static void drain(srv_session *ss)
{
    uint64_t grace = ss->s->drain_set ? ss->s->drain_ns : ss->proto->default_drain_ns;
    uint64_t start = mono_ns();
    uint64_t deadline = grace == BX_DRAIN_WAIT || grace > UINT64_MAX - start ? UINT64_MAX : start + grace;
    for (;;) {
        pthread_mutex_lock(&ss->mu);
        int busy = ss->inflight != NULL;
        pthread_mutex_unlock(&ss->mu);
        if (!busy)
            return;
        uint64_t now = mono_ns();
        int wait_ms = 20;
        if (deadline != UINT64_MAX && (deadline - now) / 1000000u < 20)
            wait_ms = now >= deadline ? 0 : (int)((deadline - now) / 1000000u) + 1;
        struct pollfd pfd[2] = {{.fd = ss->out.fd, .events = 0, .revents = 0},
                                {.fd = ss->s->ctl_fd[0], .events = POLLIN, .revents = 0}};
        int n = poll(pfd, 2, wait_ms);
        int gone = ss->out.broken || (n > 0 && (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL)));
        if ((n > 0 && (pfd[1].revents & POLLIN) && serve_requests(ss)) || gone || mono_ns() >= deadline) {
            shut_down(ss);
            return;             /* srv_session_finish waits for the stopped sandboxes */
        }
    }
}

bx_status srv_session_serve(srv_session *ss, int in_fd, const char *what, bx_error *err)
{
    bx_status st = BX_OK;
    srv_reader rd;
    srv_reader_init(&rd, in_fd, ss->s->max_message);
    rd.wake_fd = ss->s->ctl_fd[0];
    /* A request made before we started (a signal during start-up). */
    int stop = __atomic_load_n(&ss->s->ctl_pending, __ATOMIC_SEQ_CST) && serve_requests(ss);
    while (!stop) {
        char *line;
        size_t len;
        srv_read_kind rk = srv_read_line(&rd, &line, &len);
        if (rk == SRV_EOF)
            break;
        if (rk == SRV_WAKE) {
            stop = serve_requests(ss);
            continue;
        }
        if (rk == SRV_IOERR) {
            st = bx_error_setf(err, BX_ERR_ARG, "cannot read %s (stdin)", what);
            break;
        }
        if (rk == SRV_TOO_LONG) {
            ss->proto->on_msg(ss, NULL, 1);
        } else if (strspn(line, " \t\r") < len) {
            cJSON *msg = memchr(line, 0, len) ? NULL : cJSON_ParseWithLengthOpts(line, len + 1, NULL, 1);
            if (msg)
                rpc_exact_strings(msg, line, len);
            ss->proto->on_msg(ss, msg, 0);
            cJSON_Delete(msg);
        }
        if (ss->out.broken)
            break;              /* the client is gone */
    }
    srv_reader_free(&rd);
    /* End of input is how a client asks us to exit: what runs gets the
     * drain time (a script piping quick calls still reads their answers),
     * unless the client has stopped reading.  A stop request (SIGTERM)
     * cancels at once; the cancelled calls are answered as such while the
     * client reads. */
    if (stop || ss->out.broken)
        shut_down(ss);
    else
        drain(ss);
    srv_session_finish(ss);
    return st;
}
