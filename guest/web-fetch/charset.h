/*
 * charset.h — which encoding a fetched page is in, and its conversion to
 * UTF-8 (charset.c), for web-fetch.
 */
#ifndef WEB_FETCH_CHARSET_H
#define WEB_FETCH_CHARSET_H
#include <stddef.h>
#include <stdint.h>
#include "tool.h"

/* The page's encoding, decided as browsers do: a byte order mark, then the
 * charset parameter of Content-Type (ctype), then, for HTML (html != 0), a
 * <meta charset> / <meta http-equiv> / <?xml encoding?> declaration near the
 * top; else UTF-8, or windows-1252 when the bytes are not valid UTF-8.
 * Returns an encoding id for cs_to_utf8; *name is its canonical name;
 * note (cap bytes) gets a sentence when a declared label names no encoding
 * ("" otherwise). */
int cs_detect(const uint8_t *b, size_t n, const char *ctype, int html, const char **name, char *note, size_t cap);

/* Convert n bytes in encoding enc to UTF-8 into out: a BOM is dropped,
 * NUL and undecodable bytes become U+FFFD. */
void cs_to_utf8(int enc, const uint8_t *s, size_t n, tbuf *out);

/* Code point c to out as UTF-8 (NUL, surrogates and values past U+10FFFF
 * as U+FFFD); html.c's entities use it too. */
void cs_put_cp(tbuf *out, uint32_t c);

#endif
