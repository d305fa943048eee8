/*
 * main.c — the web-fetch tool: one HTTP request through the host's
 * "boxagnts:http" capability, the response turned into readable text.
 *
 * The host does everything that needs trust (which origins, which
 * addresses, redirects, secrets, caps); this module only builds the
 * request and makes the answer readable.  The ABI, as the host defines it
 * (src/net/host.c), every function returning 0 or a bx_net_code:
 *
 *   request(req_json_ptr, len, &handle)      JSON {url, method, headers,
 *                                            body, max_response_bytes,
 *                                            timeout_ms, max_redirects}
 *   response_meta(handle, buf, cap, &len)    JSON {status, final_url,
 *                                            headers [[n,v]], body_bytes,
 *                                            truncated, redirects}; 12 and
 *                                            the needed len when cap is short
 *   response_body(handle, off, buf, cap, &n) body bytes from off
 *   close(handle)
 *   last_error(buf, cap, &len)               the last failure, a sentence
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charset.h"
#include "html.h"
#include "tool.h"

#define HTTP(name) __attribute__((import_module("boxagnts:http"), import_name(name)))
HTTP("request") int32_t http_request(const char *req, uint32_t len, uint32_t *handle);
HTTP("response_meta") int32_t http_meta(uint32_t h, char *buf, uint32_t cap, uint32_t *len);
HTTP("response_body") int32_t http_body(uint32_t h, uint32_t off, char *buf, uint32_t cap, uint32_t *n);
HTTP("close") int32_t http_close(uint32_t h);
HTTP("last_error") int32_t http_last_error(char *buf, uint32_t cap, uint32_t *len);

static const char *const code_names[] = {"ok", "invalid", "denied", "dns", "connect", "tls", "timeout",
                                         "redirects", "io", "interrupted", "nomem", "badf", "range", "toobig"};

static _Noreturn void fail_code(int code, const char *url)
{
    char msg[1024];
    uint32_t len = 0;
    if (http_last_error(msg, sizeof msg - 1, &len) != 0) len = 0;
    msg[len < sizeof msg - 1 ? len : sizeof msg - 1] = 0;
    const char *what = code == 2 ? "Request refused by the sandbox" : "Request failed";
    tbuf t = {0};
    tbuf_printf(&t, "%s: %s", what, msg[0] ? msg : "unknown error");
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "url", url);
    cJSON_AddStringToObject(m, "error", code >= 0 && code < 14 ? code_names[code] : "unknown");
    tool_result(t.p, t.len, 1, m);
}

/* Byte offset of the first max_chars code points, or len. */
static size_t cut_chars(const char *s, size_t len, size_t max_chars, size_t *total)
{
    size_t chars = 0, cut = len;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == max_chars) cut = i < cut ? i : cut;
            chars++;
        }
    }
    *total = chars;
    return cut;
}

static int is_binary(const char *ct, const uint8_t *b, size_t n)
{
    if (!strncasecmp(ct, "text/", 5) || strstr(ct, "json") || strstr(ct, "xml") || strstr(ct, "javascript") ||
        strstr(ct, "x-www-form-urlencoded") || strstr(ct, "yaml") || strstr(ct, "toml"))
        return 0;
    if (!strncasecmp(ct, "image/", 6) || !strncasecmp(ct, "audio/", 6) || !strncasecmp(ct, "video/", 6) ||
        !strncasecmp(ct, "font/", 5) || strstr(ct, "octet-stream") || strstr(ct, "pdf") || strstr(ct, "zip") ||
        strstr(ct, "gzip") || strstr(ct, "wasm"))
        return 1;
    return memchr(b, 0, n < 8192 ? n : 8192) != NULL;
}

int main(void)
{
    cJSON *in = tool_input();
    const char *url = tool_str(in, "url", NULL);
    if (!url || !*url) tool_fail("url is required: an http:// or https:// URL");
    const char *mode = tool_str(in, "extract_mode", "markdown");
    if (strcmp(mode, "markdown") && strcmp(mode, "text") && strcmp(mode, "raw"))
        tool_fail("extract_mode must be markdown, text or raw");
    double max_chars_d = tool_num(in, "max_chars", 20000);
    if (max_chars_d < 1) tool_fail("max_chars must be at least 1");
    size_t max_chars = max_chars_d > 1e6 ? 1000000 : (size_t)max_chars_d;

    /* The request JSON the host reads. */
    cJSON *rq = cJSON_CreateObject();
    cJSON_AddStringToObject(rq, "url", url);
    const char *method = tool_str(in, "method", "GET");
    cJSON_AddStringToObject(rq, "method", method);
    const cJSON *hs = cJSON_GetObjectItemCaseSensitive(in, "headers");
    if (hs && !cJSON_IsNull(hs)) {
        if (!cJSON_IsObject(hs)) tool_fail("headers must be an object of strings");
        cJSON *h = cJSON_AddObjectToObject(rq, "headers");
        for (const cJSON *e = hs->child; e; e = e->next) {
            if (!cJSON_IsString(e)) tool_fail("header %s: the value must be a string", e->string);
            cJSON_AddStringToObject(h, e->string, e->valuestring);
        }
    }
    const char *body = tool_str(in, "body", NULL);
    if (body) cJSON_AddStringToObject(rq, "body", body);
    cJSON_AddNumberToObject(rq, "max_response_bytes", tool_num(in, "max_response_bytes", 5 << 20));
    double tmo = tool_num(in, "timeout_seconds", 30);
    if (tmo <= 0) tool_fail("timeout_seconds must be above 0");
    cJSON_AddNumberToObject(rq, "timeout_ms", tmo * 1000);
    double mr = tool_num(in, "max_redirects", 5);
    if (mr < 0) tool_fail("max_redirects must be 0 or more");
    cJSON_AddNumberToObject(rq, "max_redirects", mr);
    char *req = cJSON_PrintUnformatted(rq);
    if (!req) tool_fail("out of memory");

    uint32_t h = 0;
    int32_t rc = http_request(req, (uint32_t)strlen(req), &h);
    if (rc != 0) fail_code(rc, url);

    /* Metadata, then the body. */
    uint32_t need = 0;
    char small[4096];
    char *meta_s = small;
    rc = http_meta(h, small, sizeof small, &need);
    if (rc == 12) {
        meta_s = malloc((size_t)need + 1);
        if (!meta_s) tool_fail("out of memory");
        rc = http_meta(h, meta_s, need, &need);
    }
    if (rc != 0) fail_code(rc, url);
    cJSON *meta = cJSON_ParseWithLength(meta_s, need);
    if (!meta) tool_fail("the host sent unreadable response metadata");
    long status = (long)tool_num(meta, "status", 0);
    const char *final_url = tool_str(meta, "final_url", url);
    size_t body_bytes = (size_t)tool_num(meta, "body_bytes", 0);
    int body_trunc = tool_bool(meta, "truncated", 0);
    int redirects = (int)tool_num(meta, "redirects", 0);
    const char *ctype = "";
    const cJSON *mh = cJSON_GetObjectItemCaseSensitive(meta, "headers");
    for (const cJSON *e = mh ? mh->child : NULL; e; e = e->next) {
        const cJSON *n = cJSON_GetArrayItem(e, 0), *v = cJSON_GetArrayItem(e, 1);
        if (cJSON_IsString(n) && cJSON_IsString(v) && !strcmp(n->valuestring, "content-type"))
            ctype = v->valuestring;
    }
    static char ct_clean[256];   /* the server's bytes: keep printable ASCII only */
    size_t cl = 0;
    for (const char *p = ctype; *p && cl < sizeof ct_clean - 1; p++)
        if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f) ct_clean[cl++] = *p;
    ct_clean[cl] = 0;
    ctype = ct_clean;
    uint8_t *b = malloc(body_bytes + 1);
    if (!b) tool_fail("out of memory for a %zu-byte response (lower max_response_bytes)", body_bytes);
    size_t got = 0;
    while (got < body_bytes) {
        uint32_t k = 0;
        rc = http_body(h, (uint32_t)got, (char *)b + got, (uint32_t)(body_bytes - got), &k);
        if (rc != 0) fail_code(rc, url);
        if (!k) break;
        got += k;
    }
    b[got] = 0;
    http_close(h);

    /* Content: HTML made readable, other text as it is, binary described. */
    char ctl[128];
    snprintf(ctl, sizeof ctl, "%s", ctype);
    for (char *p = ctl; *p; p++) *p = (char)tolower((unsigned char)*p);
    int html = strstr(ctl, "text/html") || strstr(ctl, "application/xhtml");
    if (!ctl[0] && got) {   /* no type: sniff */
        const char *p = (const char *)b;
        while (*p && isspace((unsigned char)*p)) p++;
        html = !strncasecmp(p, "<!doctype html", 14) || !strncasecmp(p, "<html", 5);
    }
    tbuf text = {0}, title = {0};
    int binary = !html && got && is_binary(ctl, b, got);
    const char *charset = NULL;
    char cs_note[128] = "";
    int conv_cut = 0;
    /* The converter's output is cut a little past what max_chars can show
     * (4 bytes a character at most), so a huge page costs no more. */
    size_t max_out = max_chars * 4 + 4096;
    if (binary) {
        tbuf_printf(&text, "[binary content: %zu bytes of %s; not shown]", got, ctype[0] ? ctype : "unknown type");
    } else {
        tbuf u = {0};
        int enc = cs_detect(b, got, ctype, html, &charset, cs_note, sizeof cs_note);
        cs_to_utf8(enc, b, got, &u);
        if (html && strcmp(mode, "raw")) {
            conv_cut = html_convert(u.p, u.len, !strcmp(mode, "markdown"), final_url, max_out, &text, &title);
            if (title.len) {
                tbuf t2 = {0};
                int md = !strcmp(mode, "markdown");
                tbuf_printf(&t2, md ? "# %s" : "%s", title.p);
                if (!(text.len >= t2.len && !strncmp(text.p, t2.p, t2.len) &&
                      (text.len == t2.len || text.p[t2.len] == '\n'))) {
                    tbuf_puts(&t2, "\n\n");
                    tbuf_put(&t2, text.p ? text.p : "", text.len);
                    tbuf_free(&text);
                    text = t2;
                } else {
                    tbuf_free(&t2);
                }
            }
        } else {
            tbuf_put(&text, u.p, u.len);
        }
        tbuf_free(&u);
        if (html && !strcmp(mode, "raw"))   /* still report the title */
            html_convert(text.p, text.len, 0, final_url, 0, NULL, &title);
    }
    if (!text.p) tbuf_puts(&text, "");

    /* HTTP errors are errors, with a short excerpt of what the server said. */
    int is_error = status >= 400;
    size_t limit = is_error && max_chars > 2000 ? 2000 : max_chars;
    size_t total = 0, cut = cut_chars(text.p, text.len, limit, &total);
    int char_trunc = cut < text.len || conv_cut;
    tbuf content = {0};
    if (is_error) tbuf_printf(&content, "HTTP %ld error from %s\n\n", status, final_url);
    tbuf_put(&content, text.p, cut);
    if (char_trunc && conv_cut)
        tbuf_printf(&content, "\n\n[truncated: showing the first %zu characters of a longer page; raise max_chars to see more]",
                    limit < total ? limit : total);
    else if (char_trunc)
        tbuf_printf(&content, "\n\n[truncated: showing the first %zu of %zu characters; raise max_chars to see more]",
                    limit, total);
    if (body_trunc)
        tbuf_printf(&content, "\n\n[the response was cut at %zu bytes (max_response_bytes)]", got);
    if (!content.p) tbuf_puts(&content, "");
    if (!is_error && content.len == 0)
        tbuf_printf(&content, "[empty response: HTTP %ld, %s]", status, ctype[0] ? ctype : "no content type");

    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "url", url);
    cJSON_AddStringToObject(m, "final_url", final_url);
    cJSON_AddNumberToObject(m, "status", (double)status);
    cJSON_AddStringToObject(m, "content_type", ctype);
    if (title.len) cJSON_AddStringToObject(m, "title", title.p);
    else cJSON_AddNullToObject(m, "title");
    cJSON_AddNumberToObject(m, "bytes", (double)got);
    cJSON_AddBoolToObject(m, "truncated", char_trunc || body_trunc);
    cJSON_AddBoolToObject(m, "body_truncated", body_trunc);
    cJSON_AddNumberToObject(m, "chars", (double)total);
    cJSON_AddNumberToObject(m, "redirects", redirects);
    cJSON_AddStringToObject(m, "extract_mode", binary ? "binary" : html ? mode : "raw");
    if (charset) cJSON_AddStringToObject(m, "charset", charset);
    if (cs_note[0]) cJSON_AddStringToObject(m, "charset_note", cs_note);
    tool_result(content.p, content.len, is_error, m);
}
