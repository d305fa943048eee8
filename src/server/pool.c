/*
 * pool.c — the worker pool.  Jobs wait in one FIFO per fairness group (an
 * executor); a free worker serves the group with the fewest running jobs,
 * ties in round-robin order, so an executor that floods the queue with slow
 * calls gets its share of workers and no more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server_impl.h"

typedef struct pool_group {
    srv_job *head, *tail;
    size_t running;
} pool_group;

struct srv_pool {
    pthread_mutex_t mu;
    pthread_cond_t work, space, idle;
    pool_group *groups;
    size_t ngroups, rr;
    size_t queued, running, max_queued;
    int stopping;
    pthread_t *threads;
    uint32_t nthreads;
};

uint32_t srv_default_workers(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > (long)SRV_MAX_WORKERS)
        n = SRV_MAX_WORKERS;
    return (uint32_t)n;
}

/* Under mu: the next job by the fairness rule, or NULL. */
static srv_job *pick(srv_pool *p, size_t *group)
{
    size_t best = p->ngroups;
    for (size_t k = 0; k < p->ngroups; k++) {
        size_t g = (p->rr + k) % p->ngroups;
        if (p->groups[g].head && (best == p->ngroups || p->groups[g].running < p->groups[best].running))
            best = g;
    }
    if (best == p->ngroups)
        return NULL;
    pool_group *pg = &p->groups[best];
    srv_job *j = pg->head;
    pg->head = j->next;
    if (!pg->head)
        pg->tail = NULL;
    j->next = NULL;
    p->rr = (best + 1) % p->ngroups;
    *group = best;
    return j;
}

static void *worker(void *arg)
{
    srv_pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        size_t g;
        srv_job *j = pick(p, &g);
        if (!j) {
            if (p->stopping)
                break;
            pthread_cond_wait(&p->work, &p->mu);
            continue;
        }
        j->started = 1;
        p->queued--;
        p->running++;
        p->groups[g].running++;
        pthread_cond_signal(&p->space);
        pthread_mutex_unlock(&p->mu);
        j->run(j);              /* frees j */
        pthread_mutex_lock(&p->mu);
        p->running--;
        p->groups[g].running--;
        if (!p->running && !p->queued)
            pthread_cond_broadcast(&p->idle);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

srv_pool *srv_pool_new(uint32_t workers, size_t ngroups, size_t max_queued, bx_error *err)
{
    if (!workers)
        workers = srv_default_workers();
    if (workers > SRV_MAX_WORKERS)
        workers = SRV_MAX_WORKERS;
    if (!ngroups)
        ngroups = 1;
    srv_pool *p = calloc(1, sizeof *p);
    if (!p || !(p->groups = calloc(ngroups, sizeof *p->groups)) ||
        !(p->threads = calloc(workers, sizeof *p->threads))) {
        if (p)
            free(p->groups);
        free(p);
        bx_error_setf(err, BX_ERR_NOMEM, "out of memory for a pool of %u workers", workers);
        return NULL;
    }
    p->ngroups = ngroups;
    p->max_queued = max_queued ? max_queued : 1;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->space, NULL);
    pthread_cond_init(&p->idle, NULL);
    for (uint32_t i = 0; i < workers; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
            break;
        p->nthreads++;
    }
    if (!p->nthreads) {
        srv_pool_finish(p);
        bx_error_setf(err, BX_ERR_NOMEM, "cannot start a worker thread (lower --workers?)");
        return NULL;
    }
    return p;
}

void srv_pool_submit(srv_pool *p, srv_job *j)
{
    pthread_mutex_lock(&p->mu);
    while (p->queued >= p->max_queued)
        pthread_cond_wait(&p->space, &p->mu);
    size_t g = j->group < p->ngroups ? j->group : 0;
    j->group = g;
    j->next = NULL;
    j->started = 0;
    pool_group *pg = &p->groups[g];
    if (pg->tail)
        pg->tail->next = j;
    else
        pg->head = j;
    pg->tail = j;
    p->queued++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
}

int srv_pool_unqueue(srv_pool *p, srv_job *j)
{
    int found = 0;
    pthread_mutex_lock(&p->mu);
    if (!j->started) {
        pool_group *pg = &p->groups[j->group];
        srv_job *prev = NULL;
        for (srv_job *q = pg->head; q; prev = q, q = q->next) {
            if (q != j)
                continue;
            if (prev)
                prev->next = q->next;
            else
                pg->head = q->next;
            if (pg->tail == q)
                pg->tail = prev;
            p->queued--;
            found = 1;
            pthread_cond_signal(&p->space);
            if (!p->running && !p->queued)
                pthread_cond_broadcast(&p->idle);
            break;
        }
    }
    pthread_mutex_unlock(&p->mu);
    return found;
}

void srv_pool_finish(srv_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    while (p->nthreads && (p->running || p->queued))
        pthread_cond_wait(&p->idle, &p->mu);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (uint32_t i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->space);
    pthread_cond_destroy(&p->idle);
    free(p->groups);
    free(p->threads);
    free(p);
}
