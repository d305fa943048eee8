/*
 * util.c — shared by the subcommands: reading files, reporting engine
 * errors, parsing and printing wasm values.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

uint8_t *cli_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "boxagnts: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "boxagnts: %s: out of memory\n", path);
            fclose(f);
            return NULL;
        }
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb)
                free(buf);
            buf = nb;
            cap *= 2;
            continue;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "boxagnts: %s: read error\n", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

const char *cli_status_text(bx_status s)
{
    switch (s) {
    case BX_OK: return "ok";
    case BX_ERR_MALFORMED: return "malformed module";
    case BX_ERR_INVALID: return "invalid module";
    case BX_ERR_UNLINKABLE: return "unlinkable module";
    case BX_ERR_LIMIT: return "limit exceeded";
    case BX_ERR_NOMEM: return "out of memory";
    case BX_ERR_ARG: return "bad argument";
    case BX_ERR_TRAP: return "trap";
    case BX_ERR_IO: return "I/O error";
    case BX_STATUS_COUNT: break;
    }
    return "error";
}

int cli_setup_exit(bx_status st)
{
    return st == BX_ERR_ARG || st == BX_ERR_IO ? EXIT_USAGE : EXIT_ERROR;
}

int cli_report(const char *what, const bx_error *err)
{
    if (err->status == BX_ERR_TRAP) {
        const char *m = bx_trap_message(err->trap);
        fprintf(stderr, "%s: trap: %s", what, m ? m : "?");
        if (err->msg[0] && (!m || strcmp(err->msg, m) != 0))
            fprintf(stderr, " (%s)", err->msg);
        fputc('\n', stderr);
        return EXIT_TRAP;
    }
    if ((err->status == BX_ERR_MALFORMED || err->status == BX_ERR_INVALID) &&
        !strstr(err->msg, "offset") && !strstr(err->msg, "byte"))
        fprintf(stderr, "%s: %s at offset %zu (0x%zx): %s\n", what, cli_status_text(err->status),
                err->offset, err->offset, err->msg);
    else
        fprintf(stderr, "%s: %s%s%s\n", what, cli_status_text(err->status), err->msg[0] ? ": " : "",
                err->msg);
    return EXIT_ERROR;
}

bx_module *cli_load(const char *path, int *rc)
{
    size_t len = 0;
    uint8_t *bytes = cli_read_file(path, &len);
    if (!bytes) {
        *rc = EXIT_ERROR;
        return NULL;
    }
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_module *m = bx_module_new(bytes, len, &err);
    free(bytes);
    if (!m) {
        if (err.status == BX_OK)
            err.status = BX_ERR_INVALID;
        *rc = cli_report(path, &err);
    }
    return m;
}

int cli_parse_int(const char *s, int64_t min, uint64_t max, uint64_t *bits)
{
    int neg = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!*s || *s == '-' || *s == '+')
        return 0;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, base);
    if (errno || *end)
        return 0;
    if (neg) {
        if (v > (uint64_t)(-(min + 1)) + 1)
            return 0;
        *bits = (uint64_t)0 - v;
    } else {
        if (v > max)
            return 0;
        *bits = v;
    }
    return 1;
}

int cli_parse_arg(bx_valtype t, const char *s, bx_val *v)
{
    v->type = t;
    v->bits = 0;
    char *end;
    switch (t) {
    case BX_I32:
        if (!cli_parse_int(s, INT32_MIN, UINT32_MAX, &v->bits))
            return 0;
        v->bits &= 0xffffffffu;
        return 1;
    case BX_I64:
        return cli_parse_int(s, INT64_MIN, UINT64_MAX, &v->bits);
    case BX_F32: {
        errno = 0;
        float f = strtof(s, &end);
        if (end == s || *end)
            return 0;
        uint32_t b;
        memcpy(&b, &f, 4);
        v->bits = b;
        return 1;
    }
    case BX_F64: {
        errno = 0;
        double d = strtod(s, &end);
        if (end == s || *end)
            return 0;
        memcpy(&v->bits, &d, 8);
        return 1;
    }
    case BX_EXTERNREF:
        if (strcmp(s, "null") == 0)
            return 1;
        if (!cli_parse_int(s, 0, UINT64_MAX - 1, &v->bits))
            return 0;
        v->bits += 1; /* externref N is passed as N+1; 0 is null */
        return 1;
    case BX_FUNCREF:
        return strcmp(s, "null") == 0;
    default:
        return 0;
    }
}

/* A v128 argument or result, as wasmtime spells it: 0x and 32 hex digits,
 * the vector as one little-endian 128-bit integer (lane 0 lowest).  The
 * API passes it as two entries, low half first. */
int cli_parse_v128(const char *s, bx_val *lo, bx_val *hi)
{
    if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || strlen(s + 2) != 32)
        return 0;
    uint64_t h[2] = {0, 0};
    for (int i = 0; i < 32; i++) {
        char c = s[2 + i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return 0;
        h[i < 16] = h[i < 16] << 4 | (uint64_t)d;
    }
    lo->type = hi->type = BX_V128;
    lo->bits = h[0];
    hi->bits = h[1];
    return 1;
}

void cli_print_v128(uint64_t lo, uint64_t hi)
{
    printf("0x%016" PRIx64 "%016" PRIx64 "\n", hi, lo);
}

void cli_print_val(bx_valtype t, uint64_t bits)
{
    switch (t) {
    case BX_I32:
        printf("%" PRId32 "\n", (int32_t)(uint32_t)bits);
        break;
    case BX_I64:
        printf("%" PRId64 "\n", (int64_t)bits);
        break;
    case BX_F32: {
        float f;
        uint32_t b = (uint32_t)bits;
        memcpy(&f, &b, 4);
        if (isnan(f))
            printf("%snan:0x%" PRIx32 "\n", (b >> 31) ? "-" : "", b & 0x7fffffu);
        else
            printf("%.9g\n", (double)f);
        break;
    }
    case BX_F64: {
        double d;
        memcpy(&d, &bits, 8);
        if (isnan(d))
            printf("%snan:0x%" PRIx64 "\n", (bits >> 63) ? "-" : "",
                   (uint64_t)(bits & 0xfffffffffffffull));
        else
            printf("%.17g\n", d);
        break;
    }
    case BX_EXTERNREF:
        if (bits == 0)
            printf("null\n");
        else
            printf("externref:%" PRIu64 "\n", bits - 1);
        break;
    case BX_FUNCREF:
        printf(bits ? "funcref\n" : "null\n");
        break;
    default:
        printf("%s:0x%" PRIx64 "\n", bx_valtype_name(t), bits);
    }
}


/* An address, a CIDR, or the keyword "private". */


void cli_arity_error(const char *cmd, const char *fname, const bx_functype *ft, int given)
{
    fprintf(stderr, "boxagnts %s: %s takes %" PRIu32 " argument(s) (", cmd, fname, ft->nparams);
    for (uint32_t p = 0; p < ft->nparams; p++)
        fprintf(stderr, "%s%s", p ? " " : "", bx_valtype_name(ft->params[p]));
    fprintf(stderr, "), %d given\n", given);
}
