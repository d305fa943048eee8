/*
 * test_component.c — a driver for src/component: `test_component run
 * FILE [ARGS]` runs a component's wasi:cli/run with stdio passed through
 * and the current directory granted as /work (for the scripts); `decode
 * FILE` prints the decoder's verdict (ok or the error with its offset).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "component.h"

static uint8_t *slurp(const char *p, size_t *n)
{
    FILE *f = fopen(p, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long l = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(l > 0 ? (size_t)l : 1);
    if (b && fread(b, 1, (size_t)l, f) != (size_t)l) { free(b); b = NULL; }
    fclose(f);
    *n = (size_t)l;
    return b;
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: test_component decode|run FILE [ARGS]\n"); return 2; }
    size_t n;
    uint8_t *b = slurp(argv[2], &n);
    if (!b) { perror(argv[2]); return 2; }
    bx_error err;
    bxc_comp *c = bxc_decode(b, n, &err);
    if (!strcmp(argv[1], "decode")) {
        if (c) printf("ok\n"); else printf("error: %s\n", err.msg);
        bxc_free(c);
        free(b);
        return c ? 0 : 1;
    }
    if (!c) { fprintf(stderr, "decode: %s\n", err.msg); free(b); return 2; }
    bx_limits lim = {0};
    bx_store *s = bx_store_new(&lim);
    bx_wasi_preopen pre = { .host_path = ".", .guest_path = "/work" };
    bx_wasi_config wc;
    memset(&wc, 0, sizeof wc);
    wc.argv = (const char *const *)argv + 2;
    wc.argc = (uint32_t)argc - 2;
    wc.preopens = &pre;
    wc.npreopens = 1;
    wc.stdin_kind = BX_WASI_STDIN_HOST;
    wc.stdout_kind = wc.stderr_kind = BX_WASI_OUT_HOST;
    bx_wasi *w = bx_wasi_new(&wc, &err);
    if (!w) { fprintf(stderr, "wasi: %s\n", err.msg); return 2; }
    bx_status st = bxc_wasi_run(w, s, c, &err);
    int rc;
    if (st == BX_ERR_TRAP && err.trap == BX_TRAP_EXIT) rc = bx_store_exit_code(s);
    else { fprintf(stderr, "trap: %s\n", err.msg); rc = 125; }
    bx_wasi_free(w);
    bx_store_free(s);
    bxc_free(c);
    free(b);
    return rc;
}
