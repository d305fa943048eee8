/*
 * run.c — bx_sandbox_run inside a confined worker: the result record
 * crosses the socketpair as a fixed header plus the captured output, and
 * the parent checks every field before it believes it (the worker may be
 * the one an exploit took over).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "confine.h"
#include "confine_impl.h"

#define WIRE_MAGIC 0x42585231u   /* "BXR1" */

typedef struct wire {
    uint32_t magic;
    int32_t st;
    int32_t err_status, err_trap;
    char err_msg[256];
    uint32_t outcome;
    int32_t exit_code;
    uint32_t trap;
    int32_t timed_out, cancelled;
    char message[320];
    uint32_t nresults;
    uint32_t rtype[BX_RUN_MAX_RESULTS];
    uint64_t rbits[BX_RUN_MAX_RESULTS];
    uint64_t fuel_used, wall_ns, peak_memory;
    uint64_t out_len, err_len;
    int32_t out_trunc, err_trunc;
    uint64_t bytes_written, links_made;
    int32_t write_limit_hit;
    int32_t tier_aot;
    uint32_t nlinks;
    uint64_t links_len;     /* after out and err: per link, u32 length + path, u32 length + target */
    uint64_t wave_len;      /* after the links: a component --invoke's result text */
    int32_t wave_trunc;
} wire;

/* The links a guest made travel as strings: bounded like the sandbox's own
 * record (256 kept), each string at most a guest path. */
#define WIRE_MAX_LINKS 256u
#define WIRE_MAX_STR 8192u

typedef struct run_job {
    const bx_run_options *o;
    const uint8_t *wasm;
    size_t len;
    const bx_run_io *io;
    int audit_fd;
    int cache_in_parent;      /* the worker reaches no cache: o's is not used */
    const bx_module *pre;     /* loaded by the parent: run it */
    size_t art_max;           /* > 0: compile, send the artifact first */
    int (*forge)(int fd, const uint8_t *wasm, size_t len);
} run_job;

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* The worker's part of the cache (see bxc_run_cached): compile, send the
 * artifact before anything else (the parent accepts it only there), then
 * run the module compiled.  A module that does not compile sends none and
 * fails as bx_sandbox_run fails; so does a component (its core modules are
 * not cached in a confined run). */
static bx_status run_sending(const run_job *j, int fd, const bx_run_options *o, const bx_run_io *io,
                             bx_run_result *r, bx_error *err)
{
    uint8_t hash[32];
    bx_module_digest(j->wasm, j->len, hash);
    if (j->forge) {
        if (j->forge(fd, j->wasm, j->len)) return bx_error_setf(err, BX_ERR_IO, "cannot send the artifact");
        return bx_sandbox_run(o, j->wasm, j->len, io, r, err);
    }
    uint64_t t0 = mono_ns();
    bx_error cerr;
    memset(&cerr, 0, sizeof cerr);
    bx_module *m = bx_module_new(j->wasm, j->len, &cerr);
    uint8_t *pl = NULL;
    size_t pn = 0;
    if (m && (bx_module_payload(m, &pl, &pn) != BX_OK || pn > j->art_max)) {
        free(pl);
        pl = NULL;
        pn = 0;
    }
    int sent = bxc_send_artifact(fd, hash, pl, pn);
    free(pl);
    if (sent) {
        bx_module_free(m);
        return bx_error_setf(err, BX_ERR_IO, "cannot send the artifact");
    }
    if (!m) return bx_sandbox_run(o, j->wasm, j->len, io, r, err);   /* its own error */
    bx_status st = bx_sandbox_run_module(o, m, io, r, err);
    bx_module_free(m);
    r->wall_ns = mono_ns() - t0;
    return st;
}

static int run_body(void *arg, int fd)
{
    run_job *j = arg;
    bx_run_io io = *j->io;
    bx_run_options o = *j->o;
    bx_run_result r;
    bx_error err;
    memset(&r, 0, sizeof r);
    memset(&err, 0, sizeof err);
    FILE *audit = NULL;
    if (j->audit_fd >= 0) {
        /* the log is the parent's: lines go over the socket (confine.c) */
        if (!(audit = bxc_audit_stream(fd))) return -1;
        io.audit_file = audit;
        o.g.audit_path = NULL;
    }
    if (j->cache_in_parent) {
        o.g.cache_dir = NULL;   /* neither granted nor needed: the parent's */
    }
    bx_status st;
    if (j->pre) {
        uint64_t t0 = mono_ns();
        st = bx_sandbox_run_module(&o, j->pre, &io, &r, &err);
        r.wall_ns = mono_ns() - t0;
    } else if (j->art_max) {
        st = run_sending(j, fd, &o, &io, &r, &err);
    } else {
        st = bx_sandbox_run(&o, j->wasm, j->len, &io, &r, &err);
    }
    if (audit) fclose(audit);
    wire w;
    memset(&w, 0, sizeof w);
    w.magic = WIRE_MAGIC;
    w.st = (int32_t)st;
    w.err_status = (int32_t)err.status;
    w.err_trap = (int32_t)err.trap;
    memcpy(w.err_msg, err.msg, sizeof w.err_msg);
    w.outcome = (uint32_t)r.outcome;
    w.exit_code = r.exit_code;
    w.trap = (uint32_t)r.trap;
    w.timed_out = r.timed_out;
    w.cancelled = r.cancelled;
    memcpy(w.message, r.message, sizeof w.message);
    w.nresults = r.nresults;
    for (uint32_t i = 0; i < r.nresults && i < BX_RUN_MAX_RESULTS; i++) {
        w.rtype[i] = (uint32_t)r.results[i].type;
        w.rbits[i] = r.results[i].bits;
    }
    w.fuel_used = r.fuel_used;
    w.tier_aot = r.tier_aot;
    w.wall_ns = r.wall_ns;
    w.peak_memory = r.peak_memory;
    w.out_len = r.out_len;
    w.err_len = r.err_len;
    w.out_trunc = r.out_truncated;
    w.err_trunc = r.err_truncated;
    w.bytes_written = r.bytes_written;
    w.write_limit_hit = r.write_limit_hit;
    w.links_made = r.links_made;
    w.nlinks = r.nlinks < WIRE_MAX_LINKS ? r.nlinks : WIRE_MAX_LINKS;
    for (uint32_t i = 0; i < w.nlinks; i++)
        w.links_len += 8 + strnlen(r.links[i].path ? r.links[i].path : "", WIRE_MAX_STR) +
                       strnlen(r.links[i].target ? r.links[i].target : "", WIRE_MAX_STR);
    w.wave_len = r.wave ? r.wave_len : 0;
    w.wave_trunc = r.wave_truncated;
    int rc = bxc_reply(fd, &w, sizeof w);
    if (!rc && r.out_len) rc = bxc_reply(fd, r.out, r.out_len);
    if (!rc && r.err_len) rc = bxc_reply(fd, r.err, r.err_len);
    for (uint32_t i = 0; i < w.nlinks && !rc; i++) {
        const char *sv[2] = { r.links[i].path ? r.links[i].path : "", r.links[i].target ? r.links[i].target : "" };
        for (int k = 0; k < 2 && !rc; k++) {
            uint32_t l = (uint32_t)strnlen(sv[k], WIRE_MAX_STR);
            rc = bxc_reply(fd, &l, sizeof l);
            if (!rc && l) rc = bxc_reply(fd, sv[k], l);
        }
    }
    if (!rc && w.wave_len) rc = bxc_reply(fd, r.wave, w.wave_len);
    bx_run_result_free(&r);
    return rc;
}

static int valtype_ok(uint32_t t)
{
    return t == 0 /* not set: a call that trapped */ || t == BX_I32 || t == BX_I64 || t == BX_F32 || t == BX_F64 || t == BX_V128 ||
           t == BX_FUNCREF || t == BX_EXTERNREF;
}

/* The reply -> r and the status.  0, or -1 when it is not a valid record. */
static int decode(const uint8_t *b, size_t n, size_t cap, bx_run_result *r, bx_status *st,
                  bx_error *err)
{
    wire w;
    if (n < sizeof w) return -1;
    memcpy(&w, b, sizeof w);
    w.err_msg[sizeof w.err_msg - 1] = 0;
    w.message[sizeof w.message - 1] = 0;
    if (w.magic != WIRE_MAGIC || w.st < 0 || w.st >= BX_STATUS_COUNT || w.err_status < 0 ||
        w.err_status >= BX_STATUS_COUNT || w.err_trap < 0 || w.err_trap >= BX_TRAP_COUNT ||
        w.outcome > BX_RUN_OUT_OF_MEMORY || w.trap >= BX_TRAP_COUNT ||
        w.nresults > BX_RUN_MAX_RESULTS || w.out_len > cap || w.err_len > cap ||
        w.nlinks > WIRE_MAX_LINKS || w.links_len > (uint64_t)w.nlinks * (8 + 2 * WIRE_MAX_STR) ||
        w.wave_len > cap ||
        n - sizeof w != w.out_len + w.err_len + w.links_len + w.wave_len)
        return -1;
    for (uint32_t i = 0; i < w.nresults; i++)
        if (!valtype_ok(w.rtype[i])) return -1;
    memset(r, 0, sizeof *r);
    r->outcome = (bx_run_outcome_kind)w.outcome;
    r->exit_code = w.exit_code;
    r->trap = (bx_trap)w.trap;
    r->timed_out = w.timed_out != 0;
    r->cancelled = w.cancelled != 0;
    memcpy(r->message, w.message, sizeof r->message);
    r->nresults = w.nresults;
    for (uint32_t i = 0; i < w.nresults; i++) {
        r->results[i].type = (bx_valtype)w.rtype[i];
        r->results[i].bits = w.rbits[i];
    }
    r->fuel_used = w.fuel_used;
    r->tier_aot = w.tier_aot != 0;
    r->wall_ns = w.wall_ns;
    r->peak_memory = w.peak_memory;
    r->out_truncated = w.out_trunc != 0;
    r->err_truncated = w.err_trunc != 0;
    r->bytes_written = w.bytes_written;
    r->write_limit_hit = w.write_limit_hit != 0;
    r->links_made = w.links_made;
    if (w.nlinks) {   /* each string's length checked against what is left */
        const uint8_t *q = b + sizeof w + w.out_len + w.err_len, *end = q + w.links_len;
        if (!(r->links = calloc(w.nlinks, sizeof *r->links))) return -1;
        for (uint32_t i = 0; i < w.nlinks; i++) {
            char *sv[2] = { NULL, NULL };
            for (int k = 0; k < 2; k++) {
                uint32_t l;
                if ((size_t)(end - q) < sizeof l) goto bad_links;
                memcpy(&l, q, sizeof l);
                q += sizeof l;
                if (l > WIRE_MAX_STR || (size_t)(end - q) < l || memchr(q, 0, l)) goto bad_links;
                if (!(sv[k] = strndup((const char *)q, l))) goto bad_links;
                q += l;
            }
            r->links[i].path = sv[0];
            r->links[i].target = sv[1];
            r->nlinks = i + 1;
            continue;
        bad_links:
            free(sv[0]);
            free(sv[1]);
            return -1;   /* the caller frees what was kept (bx_run_result_free) */
        }
        if (q != end) return -1;
    }
    if (w.wave_len) {   /* text: NUL-terminated here, and no NUL inside */
        const uint8_t *q = b + sizeof w + w.out_len + w.err_len + w.links_len;
        if (memchr(q, 0, w.wave_len) || !(r->wave = malloc(w.wave_len + 1))) return -1;
        memcpy(r->wave, q, w.wave_len);
        r->wave[w.wave_len] = 0;
        r->wave_len = w.wave_len;
        r->wave_truncated = w.wave_trunc != 0;
    }
    if (w.out_len) {
        if (!(r->out = malloc(w.out_len))) return -1;
        memcpy(r->out, b + sizeof w, w.out_len);
        r->out_len = w.out_len;
    }
    if (w.err_len) {
        if (!(r->err = malloc(w.err_len))) return -1;
        memcpy(r->err, b + sizeof w + w.out_len, w.err_len);
        r->err_len = w.err_len;
    }
    *st = (bx_status)w.st;
    if (w.st != BX_OK) {
        err->status = (bx_status)w.err_status;
        err->trap = (bx_trap)w.err_trap;
        memcpy(err->msg, w.err_msg, sizeof err->msg);
    }
    return 0;
}

size_t bxc_art_max(size_t len)
{
    /* payloads measured: 2.1x the bytes for QuickJS (js-execute), 1.4x
     * for bash, 0.06x for a module of mostly data; the cache's own cap is
     * 1 GiB.  An honest artifact over the bound is not sent (not cached). */
    uint64_t m = (uint64_t)len * 32 + ((uint64_t)16 << 20);
    return m > ((uint64_t)1 << 30) ? (size_t)1 << 30 : (size_t)m;
}

const char *bxc_cache_event_name(bx_cache_event e)
{
    switch (e) {
    case BX_CACHE_HIT: return "hit";
    case BX_CACHE_STORED: return "stored";
    case BX_CACHE_REPLACED: return "replaced";
    case BX_CACHE_UNWRITABLE: return "unwritable";
    case BX_CACHE_NO_KEY: return "no_key";
    default: return "off";
    }
}

bx_status bxc_run(const bxc_policy *p, const bx_run_options *o,
                          const uint8_t *wasm, size_t len, const bx_run_io *io,
                          bx_run_result *r, bxc_status *cs, bx_error *err)
{
    return bxc_run_cached(p, o, wasm, len, io, NULL, r, cs, err);
}

bx_status bxc_run_cached(const bxc_policy *p, const bx_run_options *o, const uint8_t *wasm, size_t len,
                         const bx_run_io *io, bxc_run_cache *c, bx_run_result *r, bxc_status *cs,
                         bx_error *err)
{
    memset(r, 0, sizeof *r);
    run_job j = { o, wasm, len, io, -1, 0, NULL, 0, NULL };
    bxc_run_cache local;
    if (!c) {
        memset(&local, 0, sizeof local);
        c = &local;
    }
    c->event = BX_CACHE_NONE;
    c->refused = 0;
    c->why[0] = 0;
    bx_module *found = NULL;
    bxc_art art;
    memset(&art, 0, sizeof art);
    if (p->cache_in_parent && !p->disabled) {
        j.cache_in_parent = 1;
        j.pre = c->module;
        if (!j.pre && p->cache_use && o->g.cache_dir) {
            /* a hit: the worker inherits the module, verified here */
            found = bx_module_from_cache(wasm, len, o->g.cache_dir, &c->event);
            j.pre = found;
            if (!found && c->event != BX_CACHE_NO_KEY) {
                j.art_max = art.max = bxc_art_max(len);
                j.forge = c->forge;
            }
        }
    }
    bxc_policy pol = *p;
    /* the import's module name in the bytes (a component's wasi:http
     * interface names): a cheap over-approximation */
    if (memmem(wasm, len, BX_NET_MODULE, strlen(BX_NET_MODULE)) || memmem(wasm, len, "wasi:http/", 10))
        pol.preload_curl = 1;
    if (o->g.audit_path) {
        /* as the sandbox opens it: never blocking on a FIFO, never a pipe */
        j.audit_fd = bx_audit_open_fd(o->g.audit_path, err);
        if (j.audit_fd < 0) {
            bx_module_free(found);
            return err->status;
        }
        pol.audit_fd = j.audit_fd;
    }
    /* the capture cap plus the truncation marker src/wasi appends */
    size_t cap = (o->g.max_output ? o->g.max_output : 1024 * 1024) + 4096;
    uint8_t *reply = NULL;
    size_t rlen = 0;
    bx_status st = bxc_exec_art(&pol, run_body, &j, sizeof(wire) + 3 * cap + (size_t)WIRE_MAX_LINKS * (8 + 2 * WIRE_MAX_STR),
                                &reply, &rlen, cs, err, j.art_max ? &art : NULL);
    if (j.audit_fd >= 0) close(j.audit_fd);
    bx_module_free(found);
    if (art.got) {
        /* the worker's word on its module: checked, then stored by us */
        uint8_t own[32];
        int k;
        bx_module_digest(wasm, len, own);
        if (memcmp(own, art.hash, 32)) {
            c->refused = 1;
            snprintf(c->why, sizeof c->why, "the worker's compiled module names another module (hash)");
        } else if ((k = bx_cache_store_payload(wasm, len, o->g.cache_dir, art.p, art.n, c->why, sizeof c->why))) {
            c->refused = k == -1;
            c->event = BX_CACHE_UNWRITABLE;
        } else {
            c->event = BX_CACHE_STORED;
        }
        free(art.p);
    }
    if (st != BX_OK) return st;
    if (cs->end == BX_CONFINE_ENDED) {
        bx_status rst = BX_OK;
        if (decode(reply, rlen, cap, r, &rst, err) == 0) {
            free(reply);
            return rst;
        }
        bx_run_result_free(r);
        memset(r, 0, sizeof *r);
        cs->end = BX_CONFINE_CRASHED;
        snprintf(cs->detail, sizeof cs->detail, "crashed: the worker sent a malformed result record");
    }
    free(reply);
    r->outcome = cs->end == BX_CONFINE_VIOLATION ? BX_RUN_CONFINEMENT_VIOLATION
                 : cs->end == BX_CONFINE_REFUSED ? BX_RUN_LOAD_ERROR : BX_RUN_CRASHED;
    snprintf(r->message, sizeof r->message, "%s", cs->detail);
    return BX_OK;
}

bx_status bxc_policy_from_tool_context(bxc_policy *p, const bx_tool_context *ctx,
                                              bx_error *err)
{
    bx_run_options o;
    bx_error ignored;
    bx_status st = BX_OK;
    int fs_grant = 0;
    bx_run_options_init(&o);
    if (ctx->g.workspace && bx_run_options_set_workspace(&o, ctx->g.workspace, &ignored) != BX_OK) {
        bx_run_options_free(&o);
        return BX_OK;   /* the call itself will refuse the workspace */
    }
    for (size_t i = 0; i < ctx->g.ncaps; i++) {
        const char *g = ctx->g.caps[i];
        fs_grant |= !strncmp(g, "read:", 5) || !strncmp(g, "write:", 6);
        /* a grant the tool layer will refuse grants nothing here either */
        bx_run_options_add_cap(&o, g, &ignored);
    }
    /* the workspace grant a tool gets by default, as a grant of o: the
     * cache verdict below must see it as the tool layer will */
    if (ctx->g.workspace && !fs_grant && ctx->max_level > BX_PERM_NONE)
        bx_run_options_add_cap(&o, ctx->max_level >= BX_PERM_WRITE ? "write:/workspace" : "read:/workspace",
                               &ignored);
    free(o.g.cache_dir);
    o.g.cache_dir = ctx->g.cache_dir ? strdup(ctx->g.cache_dir) : NULL;
    if (!st) st = bxc_policy_from_options(p, &o, err);
    p->max_memory = ctx->g.max_memory;
    p->max_stack = ctx->g.max_stack;
    p->timeout_ns = ctx->g.timeout_ns;
    p->max_fds = 0;
    p->sandbox_id = ctx->agent_id;
    bx_run_options_free(&o);
    return st;
}
