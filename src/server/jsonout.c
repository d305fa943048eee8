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

/* extra bytes the escape of c takes (0: printed as is) */
static size_t esc_extra(unsigned char c)
{
    switch (c) {
    case '"': case '\\': case '\b': case '\f': case '\n': case '\r': case '\t':
        return 1;
    default:
        return c < 0x20 ? 5 : 0;
    }
}

char *srv_json_quote(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t out = n + 2, i = 0;
    while (i < n) {
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!word_special(w)) {
                i += 8;
                continue;
            }
        }
        out += esc_extra(p[i++]);
    }
    if (out < n) return NULL;   /* overflow */
    char *r = cJSON_malloc(out + 1), *o = r;   /* freed by cJSON_Delete */
    if (!r) return NULL;
    *o++ = '"';
    i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n) {       /* the plain run from i */
            if (n - run >= 8) {
                uint64_t w;
                memcpy(&w, p + run, 8);
                if (!word_special(w)) {
                    run += 8;
                    continue;
                }
            }
            if (esc_extra(p[run])) break;
            run++;
        }
        memcpy(o, p + i, run - i);
        o += run - i;
        i = run;
        if (i == n) break;
        unsigned char c = p[i++];
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = "0123456789abcdef"[c >> 4];
            *o++ = "0123456789abcdef"[c & 15];
        }
    }
    *o++ = '"';
    *o = 0;
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
