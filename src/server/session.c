/*
 * session.c — what MCP and JSONL sessions share: the in-flight calls (so a
 * cancellation can find its call), running a call on a worker and sending
 * its response, and batches (one reply array once every member is done).
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_impl.h"

/* Queued jobs waiting at most; beyond this the reader blocks, so a client
 * that writes faster than calls run is slowed down instead of growing us. */
#define SESSION_MAX_QUEUED 1024

bx_status srv_session_init(srv_session *ss, bx_server *s, int out_fd, int mcp, bx_error *err)
{
    memset(ss, 0, sizeof *ss);
    ss->s = s;
    ss->mcp = mcp;
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

static void run_call(srv_job *job)
{
    srv_call_job *j = (srv_call_job *)job;
    srv_session *ss = j->ss;
    bx_tool_result r;
    bx_error err;
    memset(&r, 0, sizeof r);
    memset(&err, 0, sizeof err);
    int refused = SRV_RAN;
    bx_status st = srv_call(ss->s, j->ex, j->tool, j->input, &j->cancel, &r, &refused, &err);

    pthread_mutex_lock(&ss->mu);
    unlink_job(ss, j);
    pthread_mutex_unlock(&ss->mu);
    int cancelled = __atomic_load_n(&j->cancel, __ATOMIC_SEQ_CST);
    cJSON *msg = NULL;
    if (!(ss->mcp && cancelled))        /* MCP: a cancelled request gets no response */
        msg = ss->mcp ? srv_mcp_call_response(j, st, &r, refused, &err)
                      : srv_jsonl_call_response(j, st, &r, refused, &err);
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
        srv_session_send(ss, batch, ss->mcp ? rpc_error(id, RPC_INTERNAL_ERROR, "out of memory")
                                            : NULL);
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
    if (batch) {
        pthread_mutex_lock(&ss->mu);
        batch->pending++;
        pthread_mutex_unlock(&ss->mu);
    }
    pthread_mutex_lock(&ss->mu);
    j->inext = ss->inflight;
    if (ss->inflight)
        ss->inflight->iprev = j;
    ss->inflight = j;
    pthread_mutex_unlock(&ss->mu);
    srv_pool_submit(ss->pool, &j->job);
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
        __atomic_store_n(&j->cancel, 1, __ATOMIC_SEQ_CST);
        /* Still queued: it never runs (lock order: session, then pool). */
        if (srv_pool_unqueue(ss->pool, &j->job)) {
            unlink_job(ss, j);
            dropped = j;
        }
        break;
    }
    pthread_mutex_unlock(&ss->mu);
    free(key);
    if (dropped) {
        if (!ss->mcp) {
            bx_error err = {0};
            err.status = BX_ERR_TRAP;
            srv_session_send(ss, dropped->batch,
                             srv_jsonl_call_response(dropped, BX_ERR_TRAP, NULL, SRV_RAN, &err));
        }
        srv_batch_release(ss, dropped->batch);
        free_job(dropped);
    }
    return found;
}

void srv_session_cancel_all(srv_session *ss)
{
    pthread_mutex_lock(&ss->mu);
    for (srv_call_job *j = ss->inflight; j; j = j->inext)
        __atomic_store_n(&j->cancel, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&ss->mu);
}

void srv_session_drain(srv_session *ss)
{
    /* Answer every call still running, unless the reader of our output is
     * gone (a pipe's write end then polls POLLERR, a socket's POLLHUP):
     * then nobody waits for the answers, so stop the calls now instead of
     * waiting out their timeouts. */
    for (;;) {
        pthread_mutex_lock(&ss->mu);
        int busy = ss->inflight != NULL;
        pthread_mutex_unlock(&ss->mu);
        if (!busy)
            return;
        struct pollfd pfd = {.fd = ss->out.fd, .events = 0, .revents = 0};
        int n = poll(&pfd, 1, 50);
        if (ss->out.broken || (n > 0 && (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)))) {
            srv_session_cancel_all(ss);
            return;
        }
    }
}

bx_status srv_session_serve(srv_session *ss, int in_fd, srv_on_msg on_msg, void *user,
                            const char *what, bx_error *err)
{
    bx_status st = BX_OK;
    srv_reader rd;
    srv_reader_init(&rd, in_fd, ss->s->max_message);
    for (;;) {
        char *line;
        size_t len;
        srv_read_kind rk = srv_read_line(&rd, &line, &len);
        if (rk == SRV_EOF)
            break;
        if (rk == SRV_IOERR) {
            err->status = st = BX_ERR_ARG;
            snprintf(err->msg, sizeof err->msg, "cannot read %s (stdin)", what);
            break;
        }
        if (rk == SRV_TOO_LONG) {
            on_msg(user, NULL, 1);
        } else if (strspn(line, " \t\r") < len) {
            cJSON *msg = memchr(line, 0, len) ? NULL : cJSON_ParseWithLengthOpts(line, len + 1, NULL, 1);
            if (msg)
                rpc_exact_strings(msg, line, len);
            on_msg(user, msg, 0);
            cJSON_Delete(msg);
        }
        if (ss->out.broken)
            break;              /* the client is gone */
    }
    srv_reader_free(&rd);
    /* End of input is how a client asks us to exit: answer what runs (it
     * may still be reading, as a script piping requests is), unless it has
     * stopped reading. */
    if (ss->out.broken)
        srv_session_cancel_all(ss);
    else
        srv_session_drain(ss);
    srv_session_finish(ss);
    return st;
}
