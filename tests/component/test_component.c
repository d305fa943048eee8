/*
 * test_component.c — a driver for src/component:
 *   test_component run FILE [ARGS]   a component's wasi:cli/run, stdio passed
 *                                    through, the current directory as /work
 *   test_component decode FILE       the decoder's verdict (ok, or the error)
 *   test_component script            commands on stdin, one result line each:
 *       decode PATH | load PATH | invoke NAME TOKENS...
 * Values are tokens read and printed by their type (the reference-test
 * runner, wast.py, converts the .wast values to them): integers in decimal,
 * floats as their bits in hex, chars as code points, strings as hex UTF-8
 * ("-" when empty), lists as a count then the elements, records and tuples
 * as their fields, variants and enums by case label, options as none/some,
 * results as ok/err, flags as a count then labels, handles as their rep.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "comp_impl.h"

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

/* ---- tokens <-> values ---------------------------------------------- */
typedef struct toks { char **t; int n, i; bxcm_ctx *cx; } toks;

static const char *next(toks *k) { return k->i < k->n ? k->t[k->i++] : NULL; }

static int label_index(const bxcm_type *t, const char *l, uint32_t *out)
{
    static const char *const opt[] = { "none", "some" }, *const res[] = { "ok", "err" };
    for (uint32_t i = 0; i < (t->k == TK_OPTION || t->k == TK_RESULT ? 2u : t->n); i++) {
        const char *nm = t->k == TK_OPTION ? opt[i] : t->k == TK_RESULT ? res[i] : t->names[i];
        if (!strcmp(nm, l)) { *out = i; return 0; }
    }
    return -1;
}

static const bxcm_type *case_of(const bxcm_type *t, uint32_t i)
{
    if (t->k == TK_OPTION) return i ? t->t0 : NULL;
    if (t->k == TK_RESULT) return i ? t->t1 : t->t0;
    if (t->k == TK_ENUM) return NULL;
    return t->ts[i];
}

static int hexval(int c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; }

static int parse_val(toks *k, const bxcm_type *t, bxcm_val *v)
{
    const char *s = next(k);
    if (!s) return -1;
    memset(v, 0, sizeof *v);
    switch (t->k) {
    case TK_BOOL: v->u = !strcmp(s, "true"); return 0;
    case TK_S8: case TK_S16: case TK_S32: case TK_S64: v->s = strtoll(s, NULL, 0); return 0;
    case TK_U8: case TK_U16: case TK_U32: case TK_U64: case TK_CHAR: v->u = strtoull(s, NULL, 0); return 0;
    case TK_F32: { uint32_t b = (uint32_t)strtoul(s, NULL, 16); memcpy(&v->f32, &b, 4); return 0; }
    case TK_F64: { uint64_t b = strtoull(s, NULL, 16); memcpy(&v->f64, &b, 8); return 0; }
    case TK_STRING: {
        size_t n = strcmp(s, "-") ? strlen(s) / 2 : 0;
        uint8_t *p = bxcm_alloc(k->cx, n + 1);
        if (!p) return -1;
        for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(hexval(s[2 * i]) << 4 | hexval(s[2 * i + 1]));
        v->str.p = p; v->str.len = (uint32_t)n; v->str.enc = ENC_UTF8; v->str.units = (uint32_t)n;
        return 0;
    }
    case TK_LIST: {
        uint32_t n = (uint32_t)strtoul(s, NULL, 10);
        v->agg.n = n;
        int bytes = !t->len && (t->t0->k == TK_U8 || t->t0->k == TK_S8);
        if (bytes) v->agg.bytes = bxcm_alloc(k->cx, n + 1);
        else v->agg.v = bxcm_alloc(k->cx, (n + 1) * sizeof(bxcm_val));
        for (uint32_t i = 0; i < n; i++) {
            bxcm_val e;
            if (parse_val(k, t->t0, &e)) return -1;
            if (bytes) v->agg.bytes[i] = (uint8_t)e.u; else v->agg.v[i] = e;
        }
        return 0;
    }
    case TK_RECORD: case TK_TUPLE:
        k->i--;
        v->agg.n = t->n;
        v->agg.v = bxcm_alloc(k->cx, t->n * sizeof(bxcm_val));
        for (uint32_t i = 0; i < t->n; i++) if (parse_val(k, t->ts[i], &v->agg.v[i])) return -1;
        return 0;
    case TK_VARIANT: case TK_ENUM: case TK_OPTION: case TK_RESULT: {
        if (label_index(t, s, &v->var.tag)) return -1;
        const bxcm_type *c = case_of(t, v->var.tag);
        if (c) { v->var.v = bxcm_alloc(k->cx, sizeof(bxcm_val)); return parse_val(k, c, v->var.v); }
        return 0;
    }
    case TK_FLAGS: {
        uint32_t n = (uint32_t)strtoul(s, NULL, 10);
        for (uint32_t i = 0; i < n; i++) {
            const char *l = next(k);
            for (uint32_t j = 0; l && j < t->n; j++) if (!strcmp(t->names[j], l)) v->flags |= 1u << j;
        }
        return 0;
    }
    default: v->rep = (uint32_t)strtoul(s, NULL, 0); return 0;
    }
}

static void print_val(const bxcm_type *t, const bxcm_val *v)
{
    switch (t->k) {
    case TK_BOOL: printf(" %s", v->u ? "true" : "false"); break;
    case TK_S8: case TK_S16: case TK_S32: case TK_S64: printf(" %lld", (long long)v->s); break;
    case TK_U8: case TK_U16: case TK_U32: case TK_U64: printf(" %llu", (unsigned long long)v->u); break;
    case TK_CHAR: printf(" %u", v->c); break;
    case TK_F32: { uint32_t b; memcpy(&b, &v->f32, 4); printf(" %08x", b); break; }
    case TK_F64: { uint64_t b; memcpy(&b, &v->f64, 8); printf(" %016llx", (unsigned long long)b); break; }
    case TK_STRING: {
        /* host side: show UTF-8 whatever the guest's encoding */
        printf(" ");
        int u16 = v->str.enc == ENC_UTF16 || (v->str.enc == ENC_LATIN1_UTF16 && (v->str.units >> 31));
        int l1 = v->str.enc == ENC_LATIN1_UTF16 && !u16;
        if (!v->str.len) printf("-");
        for (uint32_t i = 0; i < v->str.len;) {
            uint32_t c;
            if (u16) {
                c = v->str.p[i] | v->str.p[i + 1] << 8; i += 2;
                if (c >= 0xd800 && c < 0xdc00 && i + 1 < v->str.len) { c = 0x10000 + ((c - 0xd800) << 10) + ((v->str.p[i] | v->str.p[i + 1] << 8) - 0xdc00); i += 2; }
            } else if (l1) c = v->str.p[i++];
            else { printf("%02x", v->str.p[i++]); continue; }
            if (c < 0x80) printf("%02x", c);
            else if (c < 0x800) printf("%02x%02x", 0xc0 | c >> 6, 0x80 | (c & 0x3f));
            else if (c < 0x10000) printf("%02x%02x%02x", 0xe0 | c >> 12, 0x80 | (c >> 6 & 0x3f), 0x80 | (c & 0x3f));
            else printf("%02x%02x%02x%02x", 0xf0 | c >> 18, 0x80 | (c >> 12 & 0x3f), 0x80 | (c >> 6 & 0x3f), 0x80 | (c & 0x3f));
        }
        break;
    }
    case TK_LIST:
        printf(" %u", v->agg.n);
        for (uint32_t i = 0; i < v->agg.n; i++) {
            if (!t->len && (t->t0->k == TK_U8 || t->t0->k == TK_S8)) {
                bxcm_val e; e.u = v->agg.bytes[i]; e.s = t->t0->k == TK_S8 ? (int8_t)v->agg.bytes[i] : e.s;
                print_val(t->t0, &e);
            } else print_val(t->t0, &v->agg.v[i]);
        }
        break;
    case TK_RECORD: case TK_TUPLE:
        for (uint32_t i = 0; i < t->n; i++) print_val(t->ts[i], &v->agg.v[i]);
        break;
    case TK_VARIANT: case TK_ENUM: case TK_OPTION: case TK_RESULT: {
        static const char *const opt[] = { "none", "some" }, *const res[] = { "ok", "err" };
        printf(" %s", t->k == TK_OPTION ? opt[v->var.tag] : t->k == TK_RESULT ? res[v->var.tag] : t->names[v->var.tag]);
        const bxcm_type *c = case_of(t, v->var.tag);
        if (c) print_val(c, v->var.v);
        break;
    }
    case TK_FLAGS: {
        uint32_t n = 0;
        for (uint32_t i = 0; i < t->n; i++) if (v->flags >> i & 1) n++;
        printf(" %u", n);
        for (uint32_t i = 0; i < t->n; i++) if (v->flags >> i & 1) printf(" %s", t->names[i]);
        break;
    }
    default: printf(" %u", v->rep); break;
    }
}

/* ---- types from tokens (abi_diff.py): prefix form ------------------- */
static bxcm_type *parse_type(toks *k, bxcm_arena *a)
{
    static const struct { const char *n; bxcm_tk k; } prims[] = {
        {"bool", TK_BOOL}, {"s8", TK_S8}, {"u8", TK_U8}, {"s16", TK_S16}, {"u16", TK_U16}, {"s32", TK_S32},
        {"u32", TK_U32}, {"s64", TK_S64}, {"u64", TK_U64}, {"f32", TK_F32}, {"f64", TK_F64}, {"char", TK_CHAR},
        {"string", TK_STRING} };
    const char *s = next(k);
    if (!s) return NULL;
    bxcm_type *t = bxcm_arena_alloc(a, sizeof *t);
    if (!t) return NULL;
    for (size_t i = 0; i < sizeof prims / sizeof prims[0]; i++) if (!strcmp(s, prims[i].n)) { t->k = prims[i].k; return t; }
    static char labels[64][8];
    static const char *lp[64];
    for (int i = 0; i < 64; i++) { snprintf(labels[i], sizeof labels[i], "c%d", i); lp[i] = labels[i]; }
    if (!strcmp(s, "list")) { t->k = TK_LIST; t->t0 = parse_type(k, a); return t->t0 ? t : NULL; }
    if (!strcmp(s, "option")) { t->k = TK_OPTION; t->t0 = parse_type(k, a); return t->t0 ? t : NULL; }
    if (!strcmp(s, "result")) {
        t->k = TK_RESULT;
        for (int j = 0; j < 2; j++) {
            const char *h = next(k);
            if (!h) return NULL;
            bxcm_type *x = strcmp(h, "1") ? NULL : parse_type(k, a);
            if (j) t->t1 = x; else t->t0 = x;
        }
        return t;
    }
    const char *n = next(k);
    if (!n) return NULL;
    t->n = (uint32_t)atoi(n);
    if (t->n == 0 || t->n > 64) return NULL;
    t->names = lp;
    t->ts = bxcm_arena_alloc(a, t->n * sizeof *t->ts);
    if (!strcmp(s, "record") || !strcmp(s, "tuple")) {
        t->k = s[0] == 'r' ? TK_RECORD : TK_TUPLE;
        for (uint32_t i = 0; i < t->n; i++) if (!(t->ts[i] = parse_type(k, a))) return NULL;
        return t;
    }
    if (!strcmp(s, "variant")) {
        t->k = TK_VARIANT;
        for (uint32_t i = 0; i < t->n; i++) {
            const char *h = next(k);
            if (!h) return NULL;
            t->ts[i] = strcmp(h, "1") ? NULL : parse_type(k, a);
        }
        return t;
    }
    if (!strcmp(s, "enum")) { t->k = TK_ENUM; return t; }
    if (!strcmp(s, "flags")) { t->k = TK_FLAGS; return t; }
    return NULL;
}

typedef struct bump { uint32_t next; } bump;
static bx_trap bump_realloc(bx_hostcall *hc, uint64_t *a)
{
    bump *b = hc->user;
    uint32_t optr = (uint32_t)a[0], osz = (uint32_t)a[1], al = (uint32_t)a[2], nsz = (uint32_t)a[3];
    if (optr && nsz <= osz) { a[0] = optr; return BX_TRAP_NONE; }
    uint32_t p = (b->next + al - 1) / al * al;
    if ((uint64_t)p + nsz > hc->mem_size && 0) return bx_hostcall_fail(hc, "out of memory");
    if (optr && hc->mem && (uint64_t)p + osz <= hc->mem_size) memmove(hc->mem + p, hc->mem + optr, osz);
    b->next = p + nsz;
    a[0] = p;
    return BX_TRAP_NONE;
}

/* layout TYPE / lift HEXMEM PTR TYPE / lower TYPE VALUE: the canonical ABI
 * on its own, against definitions.py (abi_diff.py). */
static int abi_cmd(char **t, int n)
{
    bxcm_arena a = {0};
    toks k = { t + 1, n - 1, 0, NULL };
    int rc = 0;
    if (!strcmp(t[0], "layout")) {
        bxcm_type *ty = parse_type(&k, &a);
        if (!ty) { printf("error: bad type\n"); bxcm_arena_free(&a); return 0; }
        bx_valtype fl[256];
        uint32_t nf = 0;
        bxcm_flatten(ty, fl, 256, &nf);
        printf("ok %u %u %u", bxcm_size(ty), bxcm_align(ty), nf);
        for (uint32_t i = 0; i < nf && i < 256; i++)
            printf(" %s", fl[i] == BX_I32 ? "i32" : fl[i] == BX_I64 ? "i64" : fl[i] == BX_F32 ? "f32" : "f64");
        printf("\n");
        bxcm_arena_free(&a);
        return 0;
    }
    bx_limits lim = {0};
    bx_store *s = bx_store_new(&lim);
    bx_error err;
    bx_memory *m = bx_memory_new(s, 2, 2, 1, &err);
    bump b = { 8 };
    static const bx_valtype i4[4] = { BX_I32, BX_I32, BX_I32, BX_I32 };
    bx_functype rt = { 4, 1, i4, i4 };
    bxcm_ctx *cx = bxcm_ctx_new(s, NULL);
    bxcm_ci ci;
    memset(&ci, 0, sizeof ci);
    ci.may_leave = ci.may_enter = true;
    bxcm_opts o = {0};
    bxcm_cx c = { .ctx = cx, .ci = &ci, .opts = &o, .mem = m };
    k.cx = cx;
    if (!strcmp(t[0], "lift") && n > 3) {
        const char *hex = t[1];
        size_t hl = strlen(hex) / 2;
        uint8_t *d = bx_memory_data(m);
        for (size_t i = 0; i < hl && i < bx_memory_size(m); i++) d[i] = (uint8_t)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
        uint32_t ptr = (uint32_t)strtoul(t[2], NULL, 0);
        k.t = t + 3; k.n = n - 3;
        bxcm_type *ty = parse_type(&k, &a);
        bxcm_val v;
        if (!ty) printf("error: bad type\n");
        else if (bxcm_load(&c, ty, ptr, &v)) printf("trap: %s\n", cx->msg);
        else { printf("ok"); print_val(ty, &v); printf("\n"); }
    } else if (!strcmp(t[0], "lower")) {
        bxcm_type *ty = parse_type(&k, &a);
        c.realloc = bx_func_new_host(s, &rt, bump_realloc, &b);
        bxcm_val v;
        uint32_t ptr = 0;
        if (!ty || parse_val(&k, ty, &v)) printf("error: bad type or value\n");
        else if (bxcm_realloc_call(&c, 0, 0, bxcm_align(ty), bxcm_size(ty), &ptr) || bxcm_store(&c, ty, &v, ptr))
            printf("trap: %s\n", cx->msg);
        else {
            printf("ok %u ", ptr);
            const uint8_t *d = bx_memory_data(m);
            for (uint32_t i = 0; i < b.next; i++) printf("%02x", d[i]);
            printf("\n");
        }
    } else rc = -1;
    free(ci.h);
    bxcm_ctx_free(cx);
    bx_store_free(s);
    bxcm_arena_free(&a);
    return rc;
}

static int script(void)
{
    static char line[1 << 20];
    bxcm_comp *c = NULL;
    bxcm_ctx *cx = NULL;
    bx_store *s = NULL;
    uint8_t *bytes = NULL;
    int poisoned = 0;
    while (fgets(line, sizeof line, stdin)) {
        static char *t[65536];
        int n = 0;
        for (char *p = strtok(line, " \t\n"); p && n < 65536; p = strtok(NULL, " \t\n")) t[n++] = p;
        if (n == 0) continue;
        if (!strcmp(t[0], "decode") || !strcmp(t[0], "load")) {
            size_t len;
            bx_error err;
            if (!strcmp(t[0], "load")) {
                bxcm_ctx_free(cx); cx = NULL;
                bx_store_free(s); s = NULL;
                bxcm_free(c); c = NULL;
                free(bytes); bytes = NULL;
                poisoned = 0;
            }
            uint8_t *b = n > 1 ? slurp(t[1], &len) : NULL;
            if (!b) { printf("error: cannot read\n"); fflush(stdout); continue; }
            bxcm_comp *k = bxcm_decode(b, len, &err);
            if (!k) { printf("error: %s\n", err.msg); free(b); fflush(stdout); continue; }
            if (!strcmp(t[0], "decode")) { printf("ok\n"); bxcm_free(k); free(b); fflush(stdout); continue; }
            c = k; bytes = b;
            bx_limits lim = {0};
            lim.max_memory_bytes = 256u << 20;
            lim.fuel = 1000000000;
            s = bx_store_new(&lim);
            cx = bxcm_ctx_new(s, NULL);
            if (!s || !cx || bxcm_instantiate(cx, c, &err) != BX_OK) { printf("link: %s\n", err.msg); poisoned = 1; }
            else printf("ok\n");
            fflush(stdout);
            continue;
        }
        if (!strcmp(t[0], "invoke") && n > 1) {
            bxcm_func *f = cx && !poisoned ? bxcm_export_func(cx, t[1]) : NULL;
            if (!cx || poisoned) { printf("trap: no instance\n"); fflush(stdout); continue; }
            if (!f) { printf("error: no export %s\n", t[1]); fflush(stdout); continue; }
            const bxcm_type *ft = bxcm_func_type(f);
            toks k = { t + 2, n - 2, 0, cx };
            bxcm_val args[32], res;
            memset(&res, 0, sizeof res);
            int bad = ft->n > 32;
            for (uint32_t i = 0; !bad && i < ft->n; i++) if (parse_val(&k, ft->ts[i], &args[i])) bad = 1;
            if (bad) { printf("error: bad arguments\n"); fflush(stdout); continue; }
            bx_error err;
            if (bxcm_call(cx, f, args, &res, &err) != BX_OK) { printf("trap: %s\n", err.msg); poisoned = 1; }
            else { printf("ok"); if (ft->t0) print_val(ft->t0, &res); printf("\n"); }
            fflush(stdout);
            continue;
        }
        if (!abi_cmd(t, n)) { fflush(stdout); continue; }
        printf("error: unknown command\n");
        fflush(stdout);
    }
    bxcm_ctx_free(cx);
    bx_store_free(s);
    bxcm_free(c);
    free(bytes);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "script")) return script();
    if (argc < 3) { fprintf(stderr, "usage: test_component decode|run FILE [ARGS]\n"); return 2; }
    size_t n;
    uint8_t *b = slurp(argv[2], &n);
    if (!b) { perror(argv[2]); return 2; }
    bx_error err;
    bxcm_comp *c = bxcm_decode(b, n, &err);
    if (!strcmp(argv[1], "decode")) {
        if (c) printf("ok\n"); else printf("error: %s\n", err.msg);
        bxcm_free(c);
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
    bx_status st = bxcm_wasi_run(w, s, c, &err);
    int rc;
    if (st == BX_ERR_TRAP && err.trap == BX_TRAP_EXIT) rc = bx_store_exit_code(s);
    else { fprintf(stderr, "trap: %s\n", err.msg); rc = 125; }
    bx_wasi_free(w);
    bx_store_free(s);
    bxcm_free(c);
    free(b);
    return rc;
}
