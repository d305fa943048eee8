/*
 * poll.c — poll_oneoff: clock and fd read/write subscriptions.
 *
 * Files, directories, buffers and captures are always ready (as on
 * Linux).  Only pipes, terminals and the host's stdin can make a guest
 * wait; waiting happens in slices of at most 10 ms, each followed by a
 * check of the store's interrupt flag, so a timeout also ends a guest
 * sleeping here.
 */
#include "wasi_impl.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EV_CLOCK = 0, EV_FD_READ = 1, EV_FD_WRITE = 2 };
#define SLICE_NS 10000000ull
#define HANGUP 1

typedef struct sub {
    uint64_t userdata;
    uint8_t type;
    uint16_t err;        /* set when the subscription itself is invalid */
    uint64_t deadline;   /* clock: monotonic ns */
    uint32_t fd;
} sub;

static void put_event(uint8_t *p, const sub *s, uint16_t err, uint64_t nbytes, uint16_t flags)
{
    memset(p, 0, 32);
    bxw_st64(p, s->userdata);
    bxw_st16(p + 8, err);
    p[10] = s->type;
    bxw_st64(p + 16, nbytes);
    bxw_st16(p + 24, flags);
}

/* Is fd subscription s ready?  1 yes (event filled in), 0 no (*pfd set to
 * poll on, or -1 when nothing can make it ready). */
static int fd_ready(bx_wasi *w, const sub *s, uint16_t *err, uint64_t *nbytes, uint16_t *flags, int *pfd)
{
    bxw_fd *e = bxw_fd_get(w, s->fd);
    int rd = s->type == EV_FD_READ;
    *err = 0;
    *nbytes = 0;
    *flags = 0;
    *pfd = -1;
    if (!e) {
        *err = W_BADF;
        return 1;
    }
    if (!(e->base & (R_POLL_FD_READWRITE | (rd ? R_FD_READ : R_FD_WRITE)))) {
        *err = W_NOTCAPABLE;
        return 1;
    }
    if ((rd && e->kind == FK_OUT) || (!rd && e->kind == FK_STDIN)) {
        *err = W_BADF;
        return 1;
    }
    if (e->kind == FK_STDIN && w->stdin_kind != BX_WASI_STDIN_HOST) {
        *nbytes = w->stdin_len - w->stdin_pos;
        if (!*nbytes)
            *flags = HANGUP;
        return 1;
    }
    if (e->kind == FK_OUT && e->host < 0)
        return 1;
    if (e->host < 0 || e->opath) {
        *err = W_BADF;
        return 1;
    }
    {
        struct stat st;
        if (fstat(e->host, &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
            if (rd && S_ISREG(st.st_mode)) {
                off_t pos = lseek(e->host, 0, SEEK_CUR);
                if (pos >= 0 && st.st_size > pos)
                    *nbytes = (uint64_t)(st.st_size - pos);
            }
            return 1;
        }
    }
    {
        struct pollfd p = { e->host, (short)(rd ? POLLIN : POLLOUT), 0 };
        if (poll(&p, 1, 0) > 0) {
            if (p.revents & (POLLHUP | POLLERR))
                *flags = HANGUP;
            return 1;
        }
    }
    *pfd = e->host;
    return 0;
}

BXW_FN(poll_oneoff)
{
    bx_wasi *w = BXW_CTX;
    uint32_t in = A32(0), out = A32(1), n = A32(2), neventsp = A32(3), i;
    sub *subs;
    struct pollfd *pfds;
    uint64_t now;
    if (n == 0)
        BXW_RET(W_INVAL);
    if (n > BXW_SUBS_MAX)
        BXW_RET(W_NOTSUP);
    if (!bxw_mem_ok(hc, in, (uint64_t)n * 48) || !bxw_mem_ok(hc, out, (uint64_t)n * 32) ||
        !bxw_mem_ok(hc, neventsp, 4))
        BXW_RET(W_FAULT);
    {
        /* one unit per subscription (each is scanned every slice) */
        bx_trap t = bx_hostcall_charge(hc, n);
        if (t != BX_TRAP_NONE)
            return t;
    }
    subs = calloc(n, sizeof *subs);
    pfds = calloc(n, sizeof *pfds);
    if (!subs || !pfds) {
        free(subs);
        free(pfds);
        BXW_RET(W_NOMEM);
    }
    now = bxw_now_ns(CLOCK_MONOTONIC);
    for (i = 0; i < n; i++) {
        const uint8_t *p = bxw_mem(hc, in + (uint64_t)i * 48);
        sub *s = &subs[i];
        s->userdata = bxw_ld64(p);
        s->type = p[8];
        if (s->type == EV_CLOCK) {
            uint32_t id = bxw_ld32(p + 16);
            uint64_t t = bxw_ld64(p + 24);
            uint16_t fl = bxw_ld16(p + 40);
            static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC,
                                             CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID };
            if (id > 3) {
                s->err = W_INVAL;
                continue;
            }
            if (fl & 1) {               /* absolute, on clock id */
                uint64_t c = bxw_now_ns(ids[id]);
                t = t > c ? t - c : 0;
            }
            s->deadline = t > UINT64_MAX - now ? UINT64_MAX : now + t;
        } else if (s->type == EV_FD_READ || s->type == EV_FD_WRITE) {
            s->fd = bxw_ld32(p + 16);
        } else {
            s->err = W_INVAL;
        }
    }
    for (;;) {
        uint32_t nev = 0, np = 0;
        uint64_t next = UINT64_MAX;
        now = bxw_now_ns(CLOCK_MONOTONIC);
        for (i = 0; i < n; i++) {
            sub *s = &subs[i];
            uint8_t *ev = bxw_mem(hc, out + (uint64_t)nev * 32);
            if (s->err) {
                put_event(ev, s, s->err, 0, 0);
                nev++;
            } else if (s->type == EV_CLOCK) {
                if (s->deadline <= now) {
                    put_event(ev, s, 0, 0, 0);
                    nev++;
                } else if (s->deadline < next) {
                    next = s->deadline;
                }
            } else {
                uint16_t err, flags;
                uint64_t nbytes;
                int pfd;
                if (fd_ready(w, s, &err, &nbytes, &flags, &pfd)) {
                    put_event(ev, s, err, nbytes, flags);
                    nev++;
                } else if (pfd >= 0) {
                    pfds[np].fd = pfd;
                    pfds[np].events = (short)(s->type == EV_FD_READ ? POLLIN : POLLOUT);
                    pfds[np].revents = 0;
                    np++;
                }
            }
        }
        if (nev) {
            bxw_st32(bxw_mem(hc, neventsp), nev);
            free(subs);
            free(pfds);
            BXW_RET(0);
        }
        if (bx_store_is_interrupted(hc->store)) {
            free(subs);
            free(pfds);
            return BX_TRAP_INTERRUPTED;
        }
        {
            uint64_t wait = next == UINT64_MAX ? SLICE_NS : next - now;
            struct timespec ts;
            if (wait > SLICE_NS)
                wait = SLICE_NS;
            ts.tv_sec = 0;
            ts.tv_nsec = (long)wait;
            if (np)
                ppoll(pfds, np, &ts, NULL);
            else
                nanosleep(&ts, NULL);
        }
    }
}
