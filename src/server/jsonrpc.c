/*
 * jsonrpc.c — the wire: a line reader with a hard cap on line length (a
 * longer line is skipped whole, never buffered), a writer that sends each
 * message as one whole line, and JSON-RPC 2.0 message checks and replies.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server_impl.h"

#define READ_CHUNK (64u << 10)

void srv_reader_init(srv_reader *r, int fd, size_t max)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->max = max ? max : SRV_DEFAULT_MAX_MESSAGE;
}

void srv_reader_free(srv_reader *r)
{
    free(r->buf);
    r->buf = NULL;
}

srv_read_kind srv_read_line(srv_reader *r, char **line, size_t *len)
{
    for (;;) {
        /* A newline in what is buffered? (scanned: no rescans, so a 16 MiB
         * line read in 64 KiB pieces costs linear time.) */
        if (r->scanned < r->end) {
            char *nl = memchr(r->buf + r->scanned, '\n', r->end - r->scanned);
            if (nl) {
                size_t start = r->pos, n = (size_t)(nl - (r->buf + start));
                r->pos = r->scanned = (size_t)(nl - r->buf) + 1;
                if (r->discarding || n > r->max) {
                    r->discarding = 0;
                    return SRV_TOO_LONG;
                }
                if (n && r->buf[start + n - 1] == '\r')
                    n--;
                r->buf[start + n] = '\0';
                *line = r->buf + start;
                *len = n;
                return SRV_LINE;
            }
            r->scanned = r->end;
        }
        if (r->discarding || r->end - r->pos > r->max) {
            /* Over the cap: drop what we have, keep looking for its end. */
            r->discarding = 1;
            r->pos = r->scanned = r->end = 0;
        }
        if (r->eof) {
            if (r->discarding) {
                r->discarding = 0;
                return SRV_TOO_LONG;
            }
            if (r->end > r->pos) {          /* a last line without a newline */
                size_t start = r->pos, n = r->end - r->pos;
                if (r->end == r->cap) {
                    char *nb = realloc(r->buf, r->cap + 1);
                    if (!nb)
                        return SRV_IOERR;
                    r->buf = nb;
                    r->cap++;
                }
                r->pos = r->scanned = r->end;
                if (n && r->buf[start + n - 1] == '\r')
                    n--;
                r->buf[start + n] = '\0';
                *line = r->buf + start;
                *len = n;
                return SRV_LINE;
            }
            return SRV_EOF;
        }
        /* Make room: slide the partial line to the front, grow within the cap. */
        if (r->pos > 0) {
            memmove(r->buf, r->buf + r->pos, r->end - r->pos);
            r->end -= r->pos;
            r->scanned -= r->pos;
            r->pos = 0;
        }
        if (r->cap - r->end < READ_CHUNK) {
            size_t ncap = r->cap ? r->cap * 2 : READ_CHUNK * 2;
            if (ncap < r->end + READ_CHUNK + 1)
                ncap = r->end + READ_CHUNK + 1;
            if (ncap > r->max + 2 * READ_CHUNK + 1)
                ncap = r->max + 2 * READ_CHUNK + 1;
            if (ncap > r->cap) {
                char *nb = realloc(r->buf, ncap);
                if (!nb)
                    return SRV_IOERR;
                r->buf = nb;
                r->cap = ncap;
            }
        }
        size_t want = r->cap - r->end - 1;
        if (want > READ_CHUNK)
            want = READ_CHUNK;
        ssize_t got = read(r->fd, r->buf + r->end, want);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return SRV_IOERR;
        }
        if (got == 0)
            r->eof = 1;
        r->end += (size_t)got;
    }
}

void srv_out_init(srv_out *o, int fd)
{
    o->fd = fd;
    o->broken = 0;
    pthread_mutex_init(&o->mu, NULL);
}

void srv_out_free(srv_out *o)
{
    pthread_mutex_destroy(&o->mu);
}

int srv_out_send(srv_out *o, cJSON *msg)
{
    char *text = msg ? cJSON_PrintUnformatted(msg) : NULL;
    cJSON_Delete(msg);
    pthread_mutex_lock(&o->mu);
    int rc = -1;
    if (text && !o->broken) {
        size_t n = strlen(text);
        text[n] = '\n';     /* cJSON_Print's buffer holds the NUL: room for the newline */
        size_t off = 0;
        n++;
        while (off < n) {
            ssize_t w = write(o->fd, text + off, n - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                o->broken = 1;
                break;
            }
            off += (size_t)w;
        }
        rc = o->broken ? -1 : 0;
    }
    pthread_mutex_unlock(&o->mu);
    free(text);
    return rc;
}

cJSON *rpc_error(const cJSON *id, int code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cJSON *m = cJSON_CreateObject(), *e = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", msg);
    cJSON_AddItemToObject(m, "error", e);
    return m;
}

cJSON *rpc_result(const cJSON *id, cJSON *result)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    cJSON_AddItemToObject(m, "id", cJSON_Duplicate(id, 1));
    cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateObject());
    return m;
}

const cJSON *rpc_id(const cJSON *msg)
{
    const cJSON *id = cJSON_IsObject(msg) ? cJSON_GetObjectItemCaseSensitive(msg, "id") : NULL;
    return (cJSON_IsString(id) || cJSON_IsNumber(id)) ? id : NULL;
}

rpc_kind rpc_classify(const cJSON *msg, const char **why)
{
    *why = NULL;
    if (!cJSON_IsObject(msg)) {
        *why = "a JSON-RPC message is a JSON object";
        return RPC_INVALID;
    }
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(msg, "jsonrpc");
    if (!cJSON_IsString(v) || strcmp(v->valuestring, "2.0") != 0) {
        *why = "\"jsonrpc\" must be \"2.0\"";
        return RPC_INVALID;
    }
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(msg, "method");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(msg, "id");
    if (!method) {
        if (id && (cJSON_GetObjectItemCaseSensitive(msg, "result") ||
                   cJSON_GetObjectItemCaseSensitive(msg, "error")))
            return RPC_RESPONSE;
        *why = "no \"method\"";
        return RPC_INVALID;
    }
    if (!cJSON_IsString(method)) {
        *why = "\"method\" must be a string";
        return RPC_INVALID;
    }
    if (!id)
        return RPC_NOTIFICATION;
    if (!cJSON_IsString(id) && !cJSON_IsNumber(id)) {
        *why = "\"id\" must be a string or a number";   /* MCP: never null */
        return RPC_INVALID;
    }
    return RPC_REQUEST;
}

char *rpc_id_key(const cJSON *id)
{
    char num[64];
    const char *body;
    char tag;
    if (cJSON_IsString(id)) {
        tag = 's';
        body = id->valuestring;
    } else if (cJSON_IsNumber(id)) {
        tag = 'n';
        snprintf(num, sizeof num, "%.17g", id->valuedouble);
        body = num;
    } else {
        return NULL;
    }
    size_t n = strlen(body);
    char *k = malloc(n + 3);
    if (!k)
        return NULL;
    k[0] = tag;
    k[1] = ':';
    memcpy(k + 2, body, n + 1);
    return k;
}
