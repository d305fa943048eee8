/*
 * test_jsonout.c — the server's string printer (src/server/jsonout.c)
 * against libcjson's own, byte for byte: every single byte 1-255, runs of
 * each special byte at every offset of an 8-byte word, and generated
 * strings (random lengths up to 4 KiB, random bytes biased towards the
 * escaped ones, UTF-8, long plain runs); and whole objects printed with
 * srv_json_add_str against the same objects printed by cJSON alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "server_impl.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static int mismatches;

/* s (NUL-terminated) through both printers; 1 when the same */
static int same(const char *s)
{
    cJSON *c = cJSON_CreateString(s);
    char *want = c ? cJSON_PrintUnformatted(c) : NULL;
    char *got = srv_json_quote(s, strlen(s));
    int ok = want && got && !strcmp(want, got);
    if (!ok && mismatches++ < 5) {
        printf("# mismatch for %zu bytes:\n#  cJSON: %.200s\n#  ours:  %.200s\n", strlen(s), want ? want : "(null)",
               got ? got : "(null)");
    }
    cJSON_free(want);
    cJSON_free(got);
    cJSON_Delete(c);
    return ok;
}

int main(void)
{
    char buf[4200];
    int all = 1;
    for (int c = 1; c < 256; c++) {   /* each byte alone, and inside plain text */
        buf[0] = (char)c;
        buf[1] = 0;
        all &= same(buf);
        memset(buf, 'a', 40);
        for (int at = 0; at < 40; at += 3) {
            memset(buf, 'a', 40);
            buf[at] = (char)c;
            buf[40] = 0;
            all &= same(buf);
        }
    }
    CHECK(all, "every byte 1-255, alone and at every third offset of 40 plain bytes");

    static const char special[] = "\"\\\b\f\n\r\t\x01\x1f\x7f/";
    all = 1;
    for (size_t k = 0; k < sizeof special - 1; k++)
        for (int len = 0; len < 24; len++)
            for (int at = 0; at <= len; at++) {   /* a run of one special byte, every offset */
                memset(buf, 'x', 48);
                for (int i = at; i < len; i++) buf[i] = special[k];
                buf[len + 8] = 0;
                all &= same(buf);
            }
    CHECK(all, "runs of each escaped byte at every offset and length");

    int bad = 0, n = 0;
    for (int t = 0; t < 3000; t++) {
        size_t len = t < 100 ? (size_t)t : rnd() % (t % 10 ? 300 : 4096);
        int mode = rnd() % 4;
        for (size_t i = 0; i < len; i++) {
            uint32_t r = rnd();
            unsigned char c;
            if (mode == 0) c = (unsigned char)(r % 255 + 1);                 /* any byte */
            else if (mode == 1) c = r % 8 ? (unsigned char)(' ' + r % 95) :  /* text with escapes */
                                    (unsigned char)special[(r >> 8) % (sizeof special - 1)];
            else if (mode == 2) c = r % 64 ? 'p' : (unsigned char)(r % 32 + 1);   /* long plain runs */
            else c = (unsigned char)(0x80 + r % 0x7f);                       /* UTF-8-ish high bytes */
            buf[i] = (char)c;
        }
        buf[len] = 0;
        n++;
        bad += !same(buf);
    }
    CHECK(bad == 0, "%d of %d generated strings differ from cJSON's printing", bad, n);

    /* whole objects: the content added by srv_json_add_str */
    bad = 0;
    for (int t = 0; t < 200; t++) {
        size_t len = rnd() % 20000;
        char *s = malloc(len + 1);
        for (size_t i = 0; i < len; i++) s[i] = (char)(rnd() % 9 ? ' ' + rnd() % 95 : rnd() % 31 + 1);
        s[len] = 0;
        cJSON *a = cJSON_CreateObject(), *b = cJSON_CreateObject();
        cJSON_AddNumberToObject(a, "id", t);
        cJSON_AddNumberToObject(b, "id", t);
        cJSON_AddStringToObject(a, "content", s);
        int rc = srv_json_add_str(b, "content", s);
        cJSON_AddBoolToObject(a, "is_error", 0);
        cJSON_AddBoolToObject(b, "is_error", 0);
        char *pa = cJSON_PrintUnformatted(a), *pb = cJSON_PrintUnformatted(b);
        bad += rc != 0 || !pa || !pb || strcmp(pa, pb);
        cJSON_free(pa);
        cJSON_free(pb);
        cJSON_Delete(a);
        cJSON_Delete(b);
        free(s);
    }
    CHECK(bad == 0, "%d of 200 objects printed differently with srv_json_add_str", bad);
    return check_report();
}
