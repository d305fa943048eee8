/*
 * test_html.c — web-fetch's page reading (guest/web-fetch/charset.c and
 * html.c) compiled for the host, so the sanitizers watch it on hostile and
 * real pages (wasm's bounds checks stop at the linear memory, not at an
 * object).  For each file: the encoding detected and converted, then the
 * markdown and text conversions, each under a small and a large output cap.
 * Checked: the output is valid UTF-8 without NUL, within the cap (plus the
 * converter's one closing note), and a cut is reported.
 *
 *   test_html FILE...      prints ok/FAIL lines and "N passed, N failed"
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "html.h"

static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c == 0) return 0;
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!k || i + k > n) return 0;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80) return 0;
        i += k;
    }
    return 1;
}

int main(int argc, char **argv)
{
    int pass = 0, fail = 0;
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (!f) { printf("FAIL %s: cannot open\n", argv[a]); fail++; continue; }
        tbuf raw = {0};
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) tbuf_put(&raw, chunk, n);
        fclose(f);
        const char *name = NULL;
        char note[128];
        tbuf u = {0};
        int enc = cs_detect((const uint8_t *)raw.p, raw.len, "text/html", 1, &name, note, sizeof note);
        cs_to_utf8(enc, (const uint8_t *)raw.p, raw.len, &u);
        int ok = valid_utf8((const unsigned char *)u.p, u.len);
        if (!ok) printf("FAIL %s: the %s conversion is not valid UTF-8\n", argv[a], name);
        static const size_t caps[] = {4096, 1u << 20};
        for (int md = 0; md < 2; md++) {
            for (int c = 0; c < 2; c++) {
                tbuf out = {0}, title = {0};
                int cut = html_convert(u.p, u.len, md, "http://example.test/dir/page.html", caps[c], &out, &title);
                size_t slack = 200;   /* the note about the element cap */
                if (out.len > caps[c] + slack) {
                    printf("FAIL %s: %zu bytes for a cap of %zu\n", argv[a], out.len, caps[c]);
                    ok = 0;
                }
                if (!valid_utf8((const unsigned char *)out.p, out.len) ||
                    !valid_utf8((const unsigned char *)title.p, title.len)) {
                    printf("FAIL %s: output not valid UTF-8 (md=%d cap=%zu)\n", argv[a], md, caps[c]);
                    ok = 0;
                }
                if (out.len + 64 >= caps[c] && !cut) {
                    printf("FAIL %s: output at the cap but no cut reported\n", argv[a]);
                    ok = 0;
                }
                tbuf_free(&out);
                tbuf_free(&title);
            }
        }
        tbuf title = {0};   /* the title-only scan (raw mode) */
        html_convert(u.p, u.len, 0, "", 0, NULL, &title);
        tbuf_free(&title);
        if (ok) { pass++; printf("ok %s (%s, %zu bytes)\n", argv[a], name, raw.len); }
        else fail++;
        tbuf_free(&u);
        tbuf_free(&raw);
    }
    printf("%d passed, %d failed\n", pass, fail);
    return fail != 0;
}
