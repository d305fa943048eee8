/*
 * jsonout.c — the server's printer for a reply's big strings (a tool's
 * content, often kilobytes).  cJSON escapes a string a byte at a time,
 * twice (once to count, once to write); here plain runs are skipped and
 * copied 8 bytes at a time, and the string joins the reply as a raw item
 * already quoted.  The bytes are cJSON's own (print_string_ptr): '"' and
 * '\\' and \b \f \n \r \t escaped by name, any other byte below 0x20 as
 * \u00xx in lower case, every other byte (0x7f and UTF-8 included) as
 * is; tests/server/test_jsonout.c checks it against libcjson's printer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server_impl.h"

/* Strings shorter than this go through cJSON as they did: the tree's
 * own item is as cheap for them. */
#define JSONOUT_MIN 256

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Whether any byte of w is below 0x20, '"' or '\\' (exact: only the
 * answer for the whole word is used). */
static int word_special(uint64_t w)
{
    uint64_t lt = (w - ONES * 0x20) & ~w;
    uint64_t q = w ^ (ONES * '"'), b = w ^ (ONES * '\\');
    uint64_t zq = (q - ONES) & ~q, zb = (b - ONES) & ~b;
    return ((lt | zq | zb) & HIGHS) != 0;
}

/* per byte: 0 printed as is, else the letter after '\\' ('u': \u00xx) */
static const char esc_of[256] = {
    ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't', ['"'] = '"', ['\\'] = '\\',
    [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u', [0x05] = 'u', [0x06] = 'u',
    [0x07] = 'u', [0x0b] = 'u', [0x0e] = 'u', [0x0f] = 'u', [0x10] = 'u', [0x11] = 'u', [0x12] = 'u',
    [0x13] = 'u', [0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u', [0x18] = 'u', [0x19] = 'u',
    [0x1a] = 'u', [0x1b] = 'u', [0x1c] = 'u', [0x1d] = 'u', [0x1e] = 'u', [0x1f] = 'u',
};

/* One pass: the output grows (rarely: room for one escape in 8 bytes is
 * made at first) with the worst case of what is left in view. */
char *srv_json_quote(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (n > (SIZE_MAX - 16) / 6) return NULL;
    size_t cap = n + n / 8 + 16, at = 0, i = 0;
    char *r = cJSON_malloc(cap);   /* freed by cJSON_Delete */
    if (!r) return NULL;
    r[at++] = '"';
    while (i < n) {
        size_t run = i;         /* the plain run from i: whole words, then bytes */
        while (n - run >= 8) {
            uint64_t w;
            memcpy(&w, p + run, 8);
            if (word_special(w)) break;
            run += 8;
        }
        while (run < n && !esc_of[p[run]]) run++;
        /* room for the run, one escape and the closing quote */
        if (cap - at < run - i + 6 + 2) {
            size_t c2 = at + (run - i) + 6 * (n - run) + 8;
            char *q = cJSON_malloc(c2);
            if (!q) {
                cJSON_free(r);
                return NULL;
            }
            memcpy(q, r, at);
            cJSON_free(r);
            r = q;
            cap = c2;
        }
        memcpy(r + at, p + i, run - i);
        at += run - i;
        i = run;
        if (i == n) break;
        unsigned char c = p[i++];
        char e = esc_of[c];
        r[at++] = '\\';
        r[at++] = e;
        if (e == 'u') {
            r[at++] = '0';
            r[at++] = '0';
            r[at++] = "0123456789abcdef"[c >> 4];
            r[at++] = "0123456789abcdef"[c & 15];
        }
    }
    r[at++] = '"';
    r[at] = 0;
    return r;
}

int srv_json_add_str(cJSON *obj, const char *name, const char *s)
{
    size_t n = strlen(s);
    if (n < JSONOUT_MIN) return cJSON_AddStringToObject(obj, name, s) ? 0 : -1;
    char *q = srv_json_quote(s, n);
    if (!q) return -1;
    /* cJSON copies a raw item's text: the quoted string is handed over
     * instead (cJSON_CreateRaw + swap), so it is not copied twice */
    cJSON *it = cJSON_CreateRaw("");
    if (!it) {
        cJSON_free(q);
        return -1;
    }
    cJSON_free(it->valuestring);
    it->valuestring = q;
    cJSON_AddItemToObject(obj, name, it);
    return 0;
}
