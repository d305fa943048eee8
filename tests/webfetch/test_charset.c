/*
 * test_charset.c — web-fetch's charset.c compiled for the host, as a
 * filter that tests/webfetch/t_charset.sh (charset_ref.py) feeds bytes
 * encoded by Python and hand-written invalid sequences.
 *
 *   test_charset LABEL < BYTES > UTF8
 *       decodes stdin as the encoding the label names (the label given as
 *       a Content-Type charset, as web-fetch reads it); prints the UTF-8 on
 *       stdout and the encoding's canonical name on stderr; exit 2 when
 *       the label is not known (the decoder then never ran).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"

int main(int argc, char **argv)
{
    if (argc != 2) { fputs("usage: test_charset LABEL < BYTES\n", stderr); return 2; }
    tbuf in = {0}, out = {0};
    char chunk[65536], ctype[256], note[160];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) tbuf_put(&in, chunk, n);
    snprintf(ctype, sizeof ctype, "text/plain; charset=%s", argv[1]);
    const char *name = NULL;
    /* A BOM would win over the label: the callers' inputs never start with one. */
    int enc = cs_detect((const uint8_t *)(in.p ? in.p : ""), in.len, ctype, 0, &name, note, sizeof note);
    if (note[0]) { fprintf(stderr, "%s\n", note); tbuf_free(&in); return 2; }
    cs_to_utf8(enc, (const uint8_t *)(in.p ? in.p : ""), in.len, &out);
    fwrite(out.p, 1, out.len, stdout);
    fprintf(stderr, "%s\n", name);
    tbuf_free(&in);
    tbuf_free(&out);
    return 0;
}
