/*
 * progress.c — MCP progress notifications for tools/call requests that
 * carry params._meta.progressToken: one at the start (progress 0), then a
 * heartbeat every second with the elapsed time while the call runs, so a
 * client (and the person watching it) can tell a long call from a hung one;
 * and the output so far of tools that report it (the bash tool), as its
 * message, at most every 250 ms (the last 4 KiB of what is new, cut at
 * UTF-8 boundaries, invalid bytes as U+FFFD).  Progress values increase
 * strictly, as MCP requires: seconds elapsed, nudged past the last one.
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

#define OUT_KEEP 4096                  /* bytes of new output kept between sends */
#define OUT_EVERY 250000000ull         /* ns between output notifications */

typedef struct prog_entry {
    struct prog_entry *next;
    char *idkey, *tool;
    cJSON *token;
    uint64_t t0, out_sent;
    double last;                       /* the last progress value sent */
    size_t nout;
    int out_cut;                       /* output before out[] was dropped */
    char out[OUT_KEEP];
} prog_entry;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Caller holds p->mu.  text: the message; output: it is the tool's
 * output (marked in _meta) rather than a start or heartbeat line. */
static void send_note(srv_progress *p, prog_entry *e, uint64_t t, const char *text, int output)
{
    double v = t == e->t0 ? 0 : (double)((t - e->t0) / 1000000) / 1e3;
    if (t != e->t0 && v <= e->last)
        v = e->last + 0.001;
    e->last = v;
    cJSON *n = cJSON_CreateObject(), *pa = cJSON_CreateObject();
    cJSON_AddStringToObject(n, "jsonrpc", "2.0");
    cJSON_AddStringToObject(n, "method", "notifications/progress");
    cJSON_AddItemToObject(pa, "progressToken", cJSON_Duplicate(e->token, 1));
    cJSON_AddNumberToObject(pa, "progress", v);
    cJSON_AddStringToObject(pa, "message", text);
    if (output) {
        cJSON *meta = cJSON_CreateObject();
        cJSON_AddStringToObject(meta, "boxagnts/output", "stdout");
        cJSON_AddItemToObject(pa, "_meta", meta);
    }
    cJSON_AddItemToObject(n, "params", pa);
    srv_session_send(p->ss, NULL, n);
}

static void send_progress(srv_progress *p, prog_entry *e, uint64_t t)
{
    char msg[200];
    if (t == e->t0)
        snprintf(msg, sizeof msg, "%.100s started", e->tool);
    else
        snprintf(msg, sizeof msg, "%.100s running, %.0f s elapsed", e->tool, (double)(t - e->t0) / 1e9);
    send_note(p, e, t, msg, 0);
}

/* Length of the UTF-8 sequence starting with byte c (0: not a lead byte). */
static size_t u8_len(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
}

/* Caller holds p->mu: send e's pending output, keeping back an unfinished
 * UTF-8 sequence at its end for the next time. */
static void send_output(srv_progress *p, prog_entry *e, uint64_t t)
{
    size_t n = e->nout, keep = 0;
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        size_t l = u8_len((unsigned char)e->out[n - back]);
        if (l)
            keep = l > back ? back : 0;
        if (l || (unsigned char)e->out[n - back] < 0x80)
            break;
    }
    n -= keep;
    if (!n)
        return;
    char *msg = malloc(3 * n + 32), *w = msg;
    if (!msg)
        return;
    if (e->out_cut)
        w += sprintf(w, "[...] ");
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)e->out[i];
        size_t l = u8_len(c), k = 1;
        while (l > 1 && k < l && i + k < n && ((unsigned char)e->out[i + k] & 0xc0) == 0x80)
            k++;
        if (l && k == l && c) {
            memcpy(w, e->out + i, l);
            w += l;
            i += l;
        } else {
            memcpy(w, "\xef\xbf\xbd", 3);   /* U+FFFD for a byte that is not UTF-8 (or NUL) */
            w += 3;
            i += 1;
        }
    }
    *w = 0;
    send_note(p, e, t, msg, 1);
    free(msg);
    memmove(e->out, e->out + n, keep);
    e->nout = keep;
    e->out_cut = 0;
    e->out_sent = t;
}

void srv_progress_output(srv_progress *p, const char *idkey, const char *text, size_t len)
{
    pthread_mutex_lock(&p->mu);
    prog_entry *e = p->head;
    while (e && strcmp(e->idkey, idkey))
        e = e->next;
    if (e) {
        if (len >= OUT_KEEP) {          /* only the tail of a long burst */
            text += len - OUT_KEEP;
            len = OUT_KEEP;
            e->nout = 0;
            e->out_cut = 1;
        } else if (e->nout + len > OUT_KEEP) {
            size_t drop = e->nout + len - OUT_KEEP;
            memmove(e->out, e->out + drop, e->nout - drop);
            e->nout -= drop;
            e->out_cut = 1;
        }
        memcpy(e->out + e->nout, text, len);
        e->nout += len;
        uint64_t t = now_ns();
        if (t - e->out_sent >= OUT_EVERY)
            send_output(p, e, t);
    }
    pthread_mutex_unlock(&p->mu);
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
        for (prog_entry *e = p->head; e; e = e->next) {
            if (e->nout)
                send_output(p, e, t);   /* what came since the last send */
            if (t - e->t0 >= 1000000000ull)
                send_progress(p, e, t);
        }
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
