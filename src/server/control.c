/*
 * control.c — requests to a running server from outside the protocol:
 * stop (SIGTERM) and rescan the tool dirs (SIGHUP), made by the operator's
 * signals through the CLI's handlers, never by a client's messages.
 *
 * bx_server_request runs inside a signal handler, so it only sets a bit
 * and writes one byte to a pipe the session's reader polls next to its
 * input (async-signal-safe: atomics on an int and write(2)).  The pipe
 * lives as long as the server: closing it at the end of a session would
 * let a handler running on another thread write to a closed, or reused, fd.
 *
 * A rescan is the operator's act, so it must not be the model's either: a
 * tool dir that any executor's sandbox can write (inside, above or through
 * a link in a writable grant, the workspace included: the rule the module
 * cache follows) is not scanned again, since a tool could have planted a
 * manifest there for the next SIGHUP to load.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server_impl.h"

bx_status srv_control_open(bx_server *s, bx_error *err)
{
    if (__atomic_load_n(&s->ctl_open, __ATOMIC_ACQUIRE))
        return BX_OK;
    if (pipe2(s->ctl_fd, O_CLOEXEC | O_NONBLOCK) != 0) {
        bx_error_setf(err, BX_ERR_ARG, "cannot make the server's control pipe: %s", strerror(errno));
        return BX_ERR_ARG;
    }
    __atomic_store_n(&s->ctl_open, 1, __ATOMIC_RELEASE);
    return BX_OK;
}

void srv_control_close(bx_server *s)
{
    if (!__atomic_exchange_n(&s->ctl_open, 0, __ATOMIC_ACQ_REL))
        return;
    close(s->ctl_fd[0]);
    close(s->ctl_fd[1]);
}

void bx_server_request(bx_server *s, unsigned what)
{
    if (!s)
        return;
    int saved = errno;          /* a handler must leave errno as it found it */
    /* The bit first, then the byte: a reader woken by the byte finds the
     * bit; one that starts after it finds the bit at its start. */
    __atomic_fetch_or(&s->ctl_pending, what & (BX_SERVER_STOP | BX_SERVER_RESCAN), __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&s->ctl_open, __ATOMIC_SEQ_CST)) {
        ssize_t w = write(s->ctl_fd[1], "!", 1);   /* full pipe: a wake is pending anyway */
        (void)w;
    }
    errno = saved;
}

unsigned srv_control_take(bx_server *s)
{
    if (__atomic_load_n(&s->ctl_open, __ATOMIC_ACQUIRE)) {
        char buf[64];
        while (read(s->ctl_fd[0], buf, sizeof buf) > 0)
            ;
    }
    return __atomic_exchange_n(&s->ctl_pending, 0, __ATOMIC_SEQ_CST);
}

void bx_server_set_drain(bx_server *s, uint64_t ns)
{
    s->drain_set = 1;
    s->drain_ns = ns;
}

void bx_server_set_warn(bx_server *s, bx_server_warn_fn fn, void *user)
{
    s->warn = fn;
    s->warn_user = user;
}

/* bx_registry_dir_ok for the server's executors: 0 when a call of any of
 * them could write into dir. */
int srv_tool_dir_ok(void *user, const char *dir, char *why, size_t cap)
{
    bx_server *s = user;
    for (size_t i = 0; i < s->nex; i++) {
        const bx_executor_config *c = &s->ex[i].cfg;
        bx_run_options o;
        bx_error err;
        bx_run_options_init(&o);
        memset(&err, 0, sizeof err);
        /* What a tool of the highest level may be given: the workspace
         * writable (needs.workspace "write"), and every grant as written. */
        if (c->g.workspace && bx_run_options_set_workspace(&o, c->g.workspace, &err) == BX_OK)
            bx_run_options_add_cap(&o, "write:/workspace", &err);
        for (size_t k = 0; k < c->g.ncaps; k++)
            bx_run_options_add_cap(&o, c->g.caps[k], &err);
        char w[2 * PATH_MAX + 512] = "";
        bx_cache_verdict v = bx_run_options_cache_verdict(&o, dir, w, sizeof w);
        bx_run_options_free(&o);
        if (v == BX_CACHE_REFUSED) {
            /* The verdict speaks of a cache; say which grant reaches the folder. */
            static const char of[] = " overlaps the writable grant of ";
            const char *h = strstr(w, of), *e = h ? strstr(h, ": a guest") : NULL;
            if (h)
                snprintf(why, cap, "executor %.60s can write there (its writable grant of %.*s reaches it); "
                         "move the tool directory out of every writable grant", c->name,
                         (int)(e ? (size_t)(e - h) - (sizeof of - 1) : strlen(h + sizeof of - 1)), h + sizeof of - 1);
            else
                snprintf(why, cap, "executor %.60s might write there (%s); move the tool directory out of "
                         "every writable grant", c->name, w);
            return 0;
        }
    }
    return 1;
}
