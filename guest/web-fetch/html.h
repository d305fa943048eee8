/*
 * html.h — HTML to markdown or text for web-fetch (html.c).
 */
#ifndef WEB_FETCH_HTML_H
#define WEB_FETCH_HTML_H
#include <stddef.h>
#include "tool.h"

/* Convert n bytes of HTML (UTF-8) into out; links are resolved against base
 * (the final URL).  The first <title> goes to title (may be NULL); with out
 * NULL only the title is looked for.  The output stops near max_out bytes;
 * returns 1 when something was left out (output or element caps), else 0. */
int html_convert(const char *s, size_t n, int markdown, const char *base, size_t max_out, tbuf *out, tbuf *title);
/* Decode character references (&amp; &#39; &#x27; ...) into out. */
void html_decode(const char *s, size_t n, tbuf *out);

#endif
