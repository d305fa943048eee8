/*
 * tier.c — a server's side of the compiled tier (src/aot through
 * bx_tool_prepare_tier).  The code must be mapped before a confined worker
 * exists (it can neither run the C compiler nor map code), so it is loaded
 * by the process the workers are forked from: the zygote (zprefork), or
 * the server itself when calls run in its threads.  Under aot the server
 * compiles into the cache in the calling thread before it asks the zygote
 * for a worker (the call's deadline has not started; other calls go on),
 * and the zygote only loads it.  Each "executor:tool"
 * is looked at once (once per refresh in the zygote): a failing compiler
 * is not run again for every call.
 *
 * auto: a cached compiled form is used when there is one; otherwise the
 * tool is interpreted and, at its second interpreted call, a thread of the
 * server (never a worker, never the zygote) compiles it into the cache and
 * asks the zygote to refresh, so the next worker forked maps it.  Without a
 * usable cache a zygote cannot receive it, and auto stays interpreted.
 *
 * No tier asked for (no flag, policy key or $BOXAGNTS_TIER): a server
 * takes a compiled form the cache already holds (`boxagnts tool
 * precompile`), as auto does, but never compiles one and says nothing
 * when there is none (srv_tier_call).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server_impl.h"

#define TIER_MAX_ENTRIES 1024   /* bounds the table: executors x tools */

typedef struct srv_tier_entry {
    char key[256];              /* "index:tool" */
    int looked;                 /* 1: being looked for, 2: looked for (this refresh) */
    unsigned calls;             /* interpreted calls seen under auto */
    int started;                /* the background compilation (th) was started */
    int have;                   /* looked for: this process has the compiled form */
    pthread_t th;
    bx_server *s;
    const bx_tool *t;           /* the registry never frees a tool while s lives */
    char *cache_dir;
    char why[160];              /* why this process has no compiled form */
} srv_tier_entry;

void srv_tier_init(bx_server *s)
{
    pthread_mutex_init(&s->tier_mu, NULL);
    pthread_cond_init(&s->tier_cv, NULL);
    s->tier = NULL;
    s->ntier = 0;
    s->tier_stop = 0;
}

void srv_tier_free(bx_server *s)
{
    /* a compilation running now is stopped, not waited for (its C
     * compiler killed): the server is ending */
    __atomic_store_n(&s->tier_stop, 1, __ATOMIC_SEQ_CST);
    /* join outside the lock: a finishing thread takes nothing of it, but
     * the table must not change while we walk it (no call runs any more) */
    for (size_t i = 0; i < s->ntier; i++) {
        if (s->tier[i]->started) pthread_join(s->tier[i]->th, NULL);
        free(s->tier[i]->cache_dir);
        free(s->tier[i]);
    }
    free(s->tier);
    s->tier = NULL;
    s->ntier = 0;
    pthread_mutex_destroy(&s->tier_mu);
    pthread_cond_destroy(&s->tier_cv);
}

/* The entry for key, made when missing; NULL when the table is full or out
 * of memory (the call is then simply interpreted).  Under tier_mu. */
static srv_tier_entry *entry(bx_server *s, const char *key)
{
    for (size_t i = 0; i < s->ntier; i++)
        if (!strcmp(s->tier[i]->key, key)) return s->tier[i];
    if (s->ntier >= TIER_MAX_ENTRIES || strlen(key) >= sizeof s->tier[0]->key) return NULL;
    srv_tier_entry **nt = realloc(s->tier, (s->ntier + 1) * sizeof *nt);
    if (!nt) return NULL;
    s->tier = nt;
    srv_tier_entry *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    snprintf(t->key, sizeof t->key, "%s", key);
    s->tier[s->ntier++] = t;
    return t;
}

static const char *cache_of(const srv_executor *e)
{
    return e->cpol.cache_use ? e->cfg.g.cache_dir : NULL;
}

void srv_tier_prepare(bx_server *s, srv_executor *e, const bx_tool *t, const char *hint, int in_zygote,
                      const volatile int *cancel)
{
    int tier = e->cfg.g.tier;
    if (tier == BX_TIER_UNSET) tier = BX_TIER_AUTO;   /* the cache's, never compiled */
    if (tier != BX_TIER_AOT && tier != BX_TIER_AUTO) return;
    /* The zygote compiles only when no cache can bring it the server's
     * compilation: it is one thread, and a call's deadline runs while it
     * prepares the worker. */
    int compile = tier == BX_TIER_AOT && (!in_zygote || !cache_of(e));
    pthread_mutex_lock(&s->tier_mu);
    srv_tier_entry *en = entry(s, hint);
    /* a call that comes while another prepares the tool waits for it:
     * the tier asked for is the tier that runs */
    while (en && en->looked == 1 && !(cancel && *cancel)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 50000000;   /* the call's cancel flag checked this often */
        if (ts.tv_nsec >= 1000000000) ts.tv_sec++, ts.tv_nsec -= 1000000000;
        pthread_cond_timedwait(&s->tier_cv, &s->tier_mu, &ts);
    }
    int look = en && !en->looked && !(cancel && *cancel);
    if (look) en->looked = 1;
    pthread_mutex_unlock(&s->tier_mu);
    if (!look) return;
    /* aot compiles now (once); auto takes only what the cache holds */
    char why[160];
    int have = bx_tool_prepare_tier_cancel(t, cache_of(e), tier, compile, cancel, why, sizeof why);
    pthread_mutex_lock(&s->tier_mu);
    snprintf(en->why, sizeof en->why, "%s", why);
    en->have = have;
    en->looked = !have && cancel && *cancel ? 0 : 2;   /* cancelled: the next call tries again */
    pthread_cond_broadcast(&s->tier_cv);
    pthread_mutex_unlock(&s->tier_mu);
}

void srv_tier_why(bx_server *s, const char *hint, char *out, size_t cap)
{
    pthread_mutex_lock(&s->tier_mu);
    for (size_t i = 0; i < s->ntier; i++)
        if (!strcmp(s->tier[i]->key, hint) && s->tier[i]->looked == 2 && s->tier[i]->why[0])
            snprintf(out, cap, "%s", s->tier[i]->why);
    pthread_mutex_unlock(&s->tier_mu);
}

int srv_tier_call(bx_server *s, const srv_executor *e, const char *hint)
{
    int tier = e->cfg.g.tier;
    if (tier != BX_TIER_UNSET) return tier;
    int have = 0;
    pthread_mutex_lock(&s->tier_mu);
    for (size_t i = 0; i < s->ntier; i++)
        if (!strcmp(s->tier[i]->key, hint)) have = s->tier[i]->looked == 2 && s->tier[i]->have;
    pthread_mutex_unlock(&s->tier_mu);
    return have ? BX_TIER_AUTO : BX_TIER_UNSET;
}

void srv_tier_forget(bx_server *s)
{
    pthread_mutex_lock(&s->tier_mu);
    for (size_t i = 0; i < s->ntier; i++)
        if (s->tier[i]->looked == 2) s->tier[i]->looked = 0;
    pthread_mutex_unlock(&s->tier_mu);
}

static void *compile_bg(void *arg)
{
    srv_tier_entry *en = arg;
    char why[160];
    if (bx_tool_prepare_tier_cancel(en->t, en->cache_dir, BX_TIER_AUTO, 1, &en->s->tier_stop, why, sizeof why) &&
        en->s->zyg)
        (void)srv_zygote_refresh(en->s);   /* the zygote finds it in the cache */
    return NULL;
}

void srv_tier_note_call(bx_server *s, srv_executor *e, const bx_tool *t, const bx_tool_result *r)
{
    if (e->cfg.g.tier != BX_TIER_AUTO || !t || strcmp(r->tier, "interp")) return;
    /* a zygote receives compiled code only through the cache */
    if (s->zyg && !cache_of(e)) return;
    char key[256];
    snprintf(key, sizeof key, "%zu:%s", e->index, t->name);
    pthread_mutex_lock(&s->tier_mu);
    srv_tier_entry *en = entry(s, key);
    if (en && !en->started && ++en->calls >= 2) {
        en->s = s;
        en->t = t;
        free(en->cache_dir);
        en->cache_dir = cache_of(e) ? strdup(cache_of(e)) : NULL;
        if ((!cache_of(e) || en->cache_dir) && pthread_create(&en->th, NULL, compile_bg, en) == 0)
            en->started = 1;
        else
            en->calls = 0;   /* tried again at a later call */
    }
    pthread_mutex_unlock(&s->tier_mu);
}
