/*
 * progress.c — MCP progress notifications for tools/call requests that
 * carry params._meta.progressToken: one at the start (progress 0), then a
 * heartbeat every second with the elapsed time while the call runs, so a
 * client (and the person watching it) can tell a long call from a hung one.
 *
 * Ordering is the point: a call's entry is removed (srv_progress_end)
 * before its response is sent or when it is cancelled, and heartbeats are
 * sent with the list locked, so no progress notification ever follows the
 * response.  One thread per session, started by the first token.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server_impl.h"

typedef struct prog_entry {
    struct prog_entry *next;
    char *idkey, *tool;
    cJSON *token;
    uint64_t t0;
} prog_entry;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Caller holds p->mu. */
static void send_progress(srv_progress *p, const prog_entry *e, uint64_t t)
{
    double secs = (double)(t - e->t0) / 1e9;
    char msg[200];
    if (t == e->t0)
        snprintf(msg, sizeof msg, "%.100s started", e->tool);
    else
        snprintf(msg, sizeof msg, "%.100s running, %.0f s elapsed", e->tool, secs);
    cJSON *n = cJSON_CreateObject(), *pa = cJSON_CreateObject();
    cJSON_AddStringToObject(n, "jsonrpc", "2.0");
    cJSON_AddStringToObject(n, "method", "notifications/progress");
    cJSON_AddItemToObject(pa, "progressToken", cJSON_Duplicate(e->token, 1));
    cJSON_AddNumberToObject(pa, "progress", t == e->t0 ? 0 : (double)(long long)secs);
    cJSON_AddStringToObject(pa, "message", msg);
    cJSON_AddItemToObject(n, "params", pa);
    srv_session_send(p->ss, NULL, n);
}

static void *beat(void *arg)
{
    srv_progress *p = arg;
    pthread_mutex_lock(&p->mu);
    while (!p->stop) {
        if (!p->head) {
            pthread_cond_wait(&p->cv, &p->mu);
            continue;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        int rc = pthread_cond_timedwait(&p->cv, &p->mu, &until);
        if (rc != ETIMEDOUT || p->stop)
            continue;
        uint64_t t = now_ns();
        for (prog_entry *e = p->head; e; e = e->next)
            if (t - e->t0 >= 1000000000ull)
                send_progress(p, e, t);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

void srv_progress_init(srv_progress *p, srv_session *ss)
{
    memset(p, 0, sizeof *p);
    p->ss = ss;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
}

void srv_progress_begin(srv_progress *p, const cJSON *id, const cJSON *token, const char *tool)
{
    prog_entry *e = calloc(1, sizeof *e);
    if (!e || !(e->idkey = rpc_id_key(id)) || !(e->tool = strdup(tool)) || !(e->token = cJSON_Duplicate(token, 1))) {
        if (e) { free(e->idkey); free(e->tool); }
        free(e);
        return;                 /* out of memory: the call runs without progress */
    }
    pthread_mutex_lock(&p->mu);
    if (!p->started && !p->stop)
        p->started = pthread_create(&p->th, NULL, beat, p) == 0;
    e->t0 = now_ns();
    send_progress(p, e, e->t0);
    e->next = p->head;
    p->head = e;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

void srv_progress_end(srv_progress *p, const char *idkey)
{
    pthread_mutex_lock(&p->mu);
    for (prog_entry **pe = &p->head; *pe; pe = &(*pe)->next) {
        prog_entry *e = *pe;
        if (strcmp(e->idkey, idkey))
            continue;
        *pe = e->next;
        free(e->idkey);
        free(e->tool);
        cJSON_Delete(e->token);
        free(e);
        break;
    }
    pthread_mutex_unlock(&p->mu);
}

void srv_progress_finish(srv_progress *p)
{
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    if (p->started)
        pthread_join(p->th, NULL);
    while (p->head) {
        prog_entry *e = p->head;
        p->head = e->next;
        free(e->idkey);
        free(e->tool);
        cJSON_Delete(e->token);
        free(e);
    }
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
}
