/*
 * host_tbuf.c — the guest runtime's buffer (guest/common/tool.c, which
 * needs WASI) for the host builds of web-fetch's page reading (test_html,
 * test_charset), with the same contract: allocation failure ends the
 * program.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

void tbuf_put(tbuf *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) { fputs("out of memory\n", stderr); exit(2); }
        b->p = p, b->cap = cap;
    }
    if (n) memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}
void tbuf_puts(tbuf *b, const char *s) { tbuf_put(b, s, strlen(s)); }
void tbuf_printf(tbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    char *t = malloc((size_t)n + 1);
    if (!t) { fputs("out of memory\n", stderr); exit(2); }
    va_start(ap, fmt);
    vsnprintf(t, (size_t)n + 1, fmt, ap);
    va_end(ap);
    tbuf_put(b, t, (size_t)n);
    free(t);
}
void tbuf_free(tbuf *b) { free(b->p); b->p = NULL; b->len = b->cap = 0; }
