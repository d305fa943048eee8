/*
 * http.h — private to src/component: wasi:http (http.c) as seen by the
 * WASI 0.2 host (wasi2.c).  http.c keeps its own resources (fields,
 * requests, bodies, futures, and the wasi:io streams, pollables and errors
 * that stand for them) in a table whose reps start at BXCM_HTTP_REP0, so
 * one rep names one object across both tables: wasi2.c hands every wasi:io
 * call on such a rep to the functions below, and never the other way round.
 */
#ifndef BX_COMPONENT_HTTP_H
#define BX_COMPONENT_HTTP_H

#include "comp_impl.h"

#define BXCM_HTTP_REP0 0x40000000u
#define BXCM_IS_HTTP(rep) ((rep) >= BXCM_HTTP_REP0)

typedef struct bxcm_http bxcm_http;

/* net may be NULL (the run has no network capability: every request is
 * answered HTTP-request-denied). */
bxcm_http *bxcm_http_new(bxcm_ctx *cx, bx_net *net);
void bxcm_http_free(bxcm_http *h);
/* A wasi:http function (iface without version), NULL when the host has none
 * of that name and type; its user is the bxcm_http. */
bxcm_host_fn bxcm_http_lookup(const char *iface, const char *name, const bxcm_type *ft);
/* The guest dropped an own handle of one of ours: 0, or -1 trapped (a parent
 * dropped before its children). */
int bxcm_http_drop(bxcm_http *h, uint32_t rep);

/* wasi:io on our objects; each builds the WIT result in res (stream-error
 * cases included) and returns 0, or -1 trapped. */
int bxcm_http_read(bxcm_http *h, uint32_t rep, uint64_t len, int skip, bxcm_val *res);
int bxcm_http_check_write(bxcm_http *h, uint32_t rep, bxcm_val *res);
int bxcm_http_write(bxcm_http *h, uint32_t rep, const uint8_t *p, uint64_t n, int zeroes, bxcm_val *res);
int bxcm_http_flush(bxcm_http *h, uint32_t rep, bxcm_val *res);
int bxcm_http_subscribe(bxcm_http *h, uint32_t rep, bxcm_val *res);
int bxcm_http_error_debug(bxcm_http *h, uint32_t rep, bxcm_val *res);
/* A pollable of ours: 1 ready, 0 it can never become ready by itself (its
 * request body is still open), -1 trapped.  A request that can be sent is
 * sent now when send is 1 (waiting on it is what performs it); with send 0
 * it answers 2 instead, so a poll sends only when nothing else is ready. */
int bxcm_http_poll(bxcm_http *h, uint32_t rep, int send);

#endif
