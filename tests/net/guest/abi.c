/*
 * tests/net/guest/abi.c — a hostile caller of the boxagnts:http ABI
 * (wasm32-wasi): pointers outside memory, bad handles, short buffers,
 * too many open responses, smuggling through the request JSON.  Prints one
 * "name value" line per probe; tests/net/t_abi.sh checks them.
 *
 *   abi.wasm BASE_URL      (a tests/net/server.py origin the run grants)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define HTTP(name) __attribute__((import_module("boxagnts:http"), import_name(name)))
HTTP("request") int32_t http_request(const char *req, uint32_t len, uint32_t *handle);
HTTP("response_meta") int32_t http_meta(uint32_t h, char *buf, uint32_t cap, uint32_t *len);
HTTP("response_body") int32_t http_body(uint32_t h, uint32_t off, char *buf, uint32_t cap, uint32_t *n);
HTTP("close") int32_t http_close(uint32_t h);
HTTP("last_error") int32_t http_last_error(char *buf, uint32_t cap, uint32_t *len);

static char req[512], buf[65536];

static int get(const char *base, const char *path, uint32_t *h)
{
    snprintf(req, sizeof req, "{\"url\":\"%s%s\"}", base, path);
    return http_request(req, (uint32_t)strlen(req), h);
}

int main(int argc, char **argv)
{
    if (argc < 2) return 2;
    const char *base = argv[1];
    uint32_t h = 0, n = 0, len = 0;
    char *far = (char *)(uintptr_t)0xFFFFFF00u;

    snprintf(req, sizeof req, "{\"url\":\"%s/json\"}", base);
    printf("oob_request %d\n", http_request(far, 4096, &h));
    printf("oob_request_len %d\n", http_request(req, 0xFFFFFFF0u, &h));
    printf("oob_handle_out %d\n", http_request(req, (uint32_t)strlen(req), (uint32_t *)(uintptr_t)0xFFFFFFFEu));
    printf("bad_json %d\n", http_request("{nope", 5, &h));
    printf("url_not_string %d\n", http_request("{\"url\":5}", 9, &h));
    static const char bad_h[] = "{\"url\":\"http://x/\",\"headers\":[[\"a\"]]}";
    printf("bad_headers %d\n", http_request(bad_h, (uint32_t)strlen(bad_h), &h));
    len = 0;
    http_last_error(buf, sizeof buf, &len);
    buf[len < sizeof buf ? len : sizeof buf - 1] = 0;
    printf("bad_headers_msg %d\n", strstr(buf, "[name, value]") != NULL);
    len = 0;
    http_last_error(buf, 4, &len);
    printf("last_error_cut %d\n", len > 4 && memcmp(buf, "requ", 4) == 0);
    printf("last_error_oob %d\n", http_last_error(far, 100, &len));

    snprintf(req, sizeof req, "{\"url\":\"%s/echo\",\"headers\":[[\"X-A\",\"1\\r\\nX-B: 2\"]]}", base);
    printf("crlf_array_header %d\n", http_request(req, (uint32_t)strlen(req), &h));
    snprintf(req, sizeof req, "{\"url\":\"%s/echo\",\"headers\":{\"Host\":\"evil.test\"}}", base);
    printf("host_header %d\n", http_request(req, (uint32_t)strlen(req), &h));

    printf("meta_bad_handle %d\n", http_meta(0, buf, sizeof buf, &len));
    printf("meta_bad_handle2 %d\n", http_meta(9, buf, sizeof buf, &len));
    printf("body_bad_handle %d\n", http_body(77, 0, buf, sizeof buf, &n));
    printf("close_bad_handle %d\n", http_close(3));

    printf("get %d\n", get(base, "/json", &h));
    len = 0;
    printf("meta_short %d\n", http_meta(h, buf, 8, &len));
    printf("meta_needed_gt_8 %d\n", len > 8);
    printf("meta_oob %d\n", http_meta(h, far, 1000, &len));
    printf("meta_len_oob %d\n", http_meta(h, buf, sizeof buf, (uint32_t *)(uintptr_t)0xFFFFFFFEu));
    printf("meta_ok %d\n", http_meta(h, buf, sizeof buf, &len));
    printf("body_oob %d\n", http_body(h, 0, far, 1000, &n));
    n = 99;
    printf("body_past_end %d %u\n", http_body(h, 1u << 30, buf, sizeof buf, &n), n);
    n = 0;
    printf("body_ok %d %d\n", http_body(h, 0, buf, sizeof buf, &n), n > 0 && memcmp(buf, "{\"name\"", 7) == 0);
    printf("close %d\n", http_close(h));
    printf("close_again %d\n", http_close(h));
    printf("meta_after_close %d\n", http_meta(h, buf, sizeof buf, &len));

    uint32_t hs[9];
    int opened = 0;
    for (int i = 0; i < 8; i++) opened += get(base, "/json", &hs[i]) == 0;
    printf("opened %d\n", opened);
    printf("ninth %d\n", get(base, "/json", &hs[8]));
    http_close(hs[3]);
    printf("after_close_one %d\n", get(base, "/json", &hs[8]));
    return 0;
}
