/*
 * test_wave.c — src/component/wave.c alone: WAVE text accepted (and how it
 * prints back, written by hand here from the wasm-wave README and grammar),
 * text refused (and the reason the message names), and a round trip of
 * random values of random types (print, parse, equal, print the same
 * text again) from a fixed seed.  Prints "N passed, N failed".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "wave.h"

static int pass, fails;

/* ---- types built by hand; every node kept for freeing ---------------- */
static void *keep[1 << 16];
static size_t nkeep;
static void *K(void *p)
{
    if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
    if (nkeep < sizeof keep / sizeof *keep) keep[nkeep++] = p;
    return p;
}
static bxcm_type *T(bxcm_tk k)
{
    bxcm_type *t = K(calloc(1, sizeof *t));
    t->k = k;
    return t;
}
static bxcm_type *T1(bxcm_tk k, bxcm_type *a) { bxcm_type *t = T(k); t->t0 = a; return t; }
static bxcm_type *Res(bxcm_type *ok, bxcm_type *er) { bxcm_type *t = T(TK_RESULT); t->t0 = ok; t->t1 = er; return t; }
/* names "a,b,c"; ts may be NULL (enum, flags) or hold n types */
static bxcm_type *Named(bxcm_tk k, const char *names, bxcm_type **ts)
{
    bxcm_type *t = T(k);
    char *s = K(strdup(names));
    uint32_t n = 1;
    for (char *q = s; *q; q++) n += *q == ',';
    t->n = n;
    t->names = K(calloc(n, sizeof *t->names));
    t->ts = K(calloc(n, sizeof *t->ts));
    char *save = NULL;
    uint32_t i = 0;
    for (char *w = strtok_r(s, ",", &save); w; w = strtok_r(NULL, ",", &save), i++) {
        t->names[i] = w;
        if (ts) t->ts[i] = ts[i];
    }
    return t;
}
static bxcm_type *Tup(uint32_t n, bxcm_type **ts)
{
    bxcm_type *t = T(TK_TUPLE);
    t->n = n;
    t->ts = K(calloc(n, sizeof *t->ts));
    memcpy(t->ts, ts, n * sizeof *ts);
    return t;
}

static bxcm_arena arena = { NULL, 0, 64u << 20 };

static char *print_val(const bxcm_type *t, const bxcm_val *v)
{
    bxcm_wbuf b = { 0 };
    bxcm_wave_print(&b, t, v);
    if (!b.p) b.p = strdup("");
    return b.p;
}

static void accept(const char *what, const bxcm_type *t, const char *in, const char *want)
{
    bxcm_val v;
    char why[300];
    size_t pos = 0;
    if (bxcm_wave_parse(&arena, t, in, strlen(in), &pos, &v, why, sizeof why) || pos != strlen(in)) {
        fails++;
        printf("FAIL accept %s: %s (pos %zu of %zu)\n", what, why, pos, strlen(in));
        return;
    }
    char *got = print_val(t, &v);
    if (strcmp(got, want)) { fails++; printf("FAIL accept %s: printed %s, want %s\n", what, got, want); }
    else pass++;
    free(got);
}

static void reject(const char *what, const bxcm_type *t, const char *in, const char *because)
{
    bxcm_val v;
    char why[300];
    size_t pos = 0;
    int rc = bxcm_wave_parse(&arena, t, in, strlen(in), &pos, &v, why, sizeof why);
    if (rc == 0 && pos != strlen(in)) { pass++; return; }   /* text left over: the caller refuses it */
    if (rc == 0) { fails++; printf("FAIL reject %s: accepted\n", what); return; }
    if (!strstr(why, because) || !strstr(why, "at column ")) { fails++; printf("FAIL reject %s: message \"%s\" lacks \"%s\"\n", what, why, because); return; }
    pass++;
}

/* ---- random types and values ------------------------------------------ */
static uint64_t rs = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) { rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17; return rs; }
static uint32_t rn(uint32_t n) { return (uint32_t)(rnd() % n); }

static const char *const labels[] = { "a", "b-c", "ok", "none", "err", "some", "HTTP3", "method-GET", "x1", "true",
                                      "long-label-name", "nan" };
#define NLABELS (sizeof labels / sizeof *labels)

static bxcm_type *rtype(int depth)
{
    static const bxcm_tk prims[] = { TK_BOOL, TK_S8, TK_U8, TK_S16, TK_U16, TK_S32, TK_U32, TK_S64, TK_U64,
                                     TK_F32, TK_F64, TK_CHAR, TK_STRING };
    uint32_t pick = depth >= 4 ? 0 : rn(3);
    if (pick == 0) return T(prims[rn(sizeof prims / sizeof *prims)]);
    switch (rn(9)) {
    case 0: return T1(TK_LIST, rtype(depth + 1));
    case 1: return T1(TK_OPTION, rtype(depth + 1));
    case 2: return Res(rn(3) ? rtype(depth + 1) : NULL, rn(3) ? rtype(depth + 1) : NULL);
    case 3: { bxcm_type *ts[4]; uint32_t n = 1 + rn(4); for (uint32_t i = 0; i < n; i++) ts[i] = rtype(depth + 1); return Tup(n, ts); }
    default: {
        bxcm_tk k = (bxcm_tk[]){ TK_RECORD, TK_VARIANT, TK_ENUM, TK_FLAGS, TK_RECORD }[rn(5)];
        uint32_t n = 1 + rn(5), start = rn(NLABELS);
        char names[200] = "";
        bxcm_type *ts[8];
        for (uint32_t i = 0; i < n; i++) {
            strcat(names, i ? "," : "");
            strcat(names, labels[(start + i) % NLABELS]);
            ts[i] = k == TK_RECORD ? rtype(depth + 1) : k == TK_VARIANT && rn(2) ? rtype(depth + 1) : NULL;
        }
        return Named(k, names, k == TK_RECORD || k == TK_VARIANT ? ts : NULL);
    }
    }
}

static uint32_t rchar(void)
{
    switch (rn(6)) {
    case 0: return 0x20 + rn(0x5f);
    case 1: return (uint32_t[]){ '\\', '"', '\'', '\n', '\t', '\r', 0, 0x7f, 0x85, '/' }[rn(10)];
    case 2: return rn(0x20);
    case 3: return 0xa0 + rn(0x700);
    case 4: { uint32_t c = 0x800 + rn(0xf800); return c >= 0xd800 && c < 0xe000 ? 0x2603 : c; }
    default: return 0x10000 + rn(0x100000);
    }
}

static size_t enc8(char *d, uint32_t c)
{
    if (c < 0x80) { d[0] = (char)c; return 1; }
    if (c < 0x800) { d[0] = (char)(0xc0 | c >> 6); d[1] = (char)(0x80 | (c & 0x3f)); return 2; }
    if (c < 0x10000) { d[0] = (char)(0xe0 | c >> 12); d[1] = (char)(0x80 | (c >> 6 & 0x3f)); d[2] = (char)(0x80 | (c & 0x3f)); return 3; }
    d[0] = (char)(0xf0 | c >> 18); d[1] = (char)(0x80 | (c >> 12 & 0x3f)); d[2] = (char)(0x80 | (c >> 6 & 0x3f)); d[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

static void rval(const bxcm_type *t, bxcm_val *v)
{
    memset(v, 0, sizeof *v);
    switch (t->k) {
    case TK_BOOL: v->u = rn(2); return;
    case TK_U8: v->u = rnd() & 0xff; return;
    case TK_U16: v->u = rnd() & 0xffff; return;
    case TK_U32: v->u = rnd() & 0xffffffffu; return;
    case TK_U64: v->u = rn(4) ? rnd() : (uint64_t[]){ 0, UINT64_MAX, 1 }[rn(3)]; return;
    case TK_S8: v->s = (int8_t)rnd(); return;
    case TK_S16: v->s = (int16_t)rnd(); return;
    case TK_S32: v->s = (int32_t)rnd(); return;
    case TK_S64: v->s = rn(4) ? (int64_t)rnd() : (int64_t[]){ INT64_MIN, INT64_MAX, -1 }[rn(3)]; return;
    case TK_F32: { uint32_t b = (uint32_t)rnd(); if (!rn(4)) b = (uint32_t[]){ 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 1, 0x3f800000u }[rn(6)]; memcpy(&v->f32, &b, 4); return; }
    case TK_F64: { uint64_t b = rnd(); if (!rn(4)) b = (uint64_t[]){ 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull, 1, 0x3fb999999999999aull }[rn(5)]; memcpy(&v->f64, &b, 8); return; }
    case TK_CHAR: v->c = rchar(); return;
    case TK_STRING: {
        uint32_t n = rn(12);
        char *s = bxcm_arena_alloc(&arena, (size_t)n * 4 + 1);
        size_t l = 0;
        for (uint32_t i = 0; i < n; i++) l += enc8(s + l, rchar());
        v->str.p = (uint8_t *)s; v->str.len = (uint32_t)l; v->str.enc = ENC_UTF8; v->str.units = (uint32_t)l;
        return;
    }
    case TK_LIST: {
        uint32_t n = rn(5);
        v->agg.n = n;
        if (t->t0->k == TK_U8 || t->t0->k == TK_S8) {
            v->agg.bytes = bxcm_arena_alloc(&arena, n + 1);
            for (uint32_t i = 0; i < n; i++) v->agg.bytes[i] = (uint8_t)rnd();
            return;
        }
        v->agg.v = bxcm_arena_alloc(&arena, (n + 1) * sizeof *v);
        for (uint32_t i = 0; i < n; i++) rval(t->t0, &v->agg.v[i]);
        return;
    }
    case TK_RECORD: case TK_TUPLE:
        v->agg.n = t->n;
        v->agg.v = bxcm_arena_alloc(&arena, t->n * sizeof *v);
        for (uint32_t i = 0; i < t->n; i++) rval(t->ts[i], &v->agg.v[i]);
        return;
    case TK_FLAGS: v->flags = (uint32_t)rnd() & ((1u << t->n) - 1); return;
    case TK_ENUM: v->var.tag = rn(t->n); return;
    case TK_VARIANT: case TK_OPTION: case TK_RESULT: {
        uint32_t tag = t->k == TK_VARIANT ? rn(t->n) : rn(2);
        v->var.tag = tag;
        const bxcm_type *pt = t->k == TK_VARIANT ? t->ts[tag] : t->k == TK_OPTION ? (tag ? t->t0 : NULL) : (tag ? t->t1 : t->t0);
        if (pt) { v->var.v = bxcm_arena_alloc(&arena, sizeof *v); rval(pt, v->var.v); }
        return;
    }
    default: return;
    }
}

int main(void)
{
    bxcm_type *u8 = T(TK_U8), *s8 = T(TK_S8), *u32 = T(TK_U32), *u64 = T(TK_U64), *s64 = T(TK_S64);
    bxcm_type *f32 = T(TK_F32), *f64 = T(TK_F64), *ch = T(TK_CHAR), *str = T(TK_STRING), *bo = T(TK_BOOL);
    bxcm_type *rec = Named(TK_RECORD, "name,size", (bxcm_type *[]){ str, u32 });
    bxcm_type *allopt = Named(TK_RECORD, "a,b", (bxcm_type *[]){ T1(TK_OPTION, u8), T1(TK_OPTION, str) });
    bxcm_type *perms = Named(TK_FLAGS, "read,write,exec", NULL);
    bxcm_type *dir = Named(TK_ENUM, "north,ok,far-west", NULL);
    bxcm_type *var = Named(TK_VARIANT, "empty,num,none", (bxcm_type *[]){ NULL, u32, NULL });
    bxcm_type *opt = T1(TK_OPTION, u32), *optopt = T1(TK_OPTION, T1(TK_OPTION, u32));
    bxcm_type *res = Res(str, u32), *resu = Res(NULL, NULL), *rese = Res(NULL, str);
    bxcm_type *lu32 = T1(TK_LIST, u32), *bytes = T1(TK_LIST, u8), *lst = T1(TK_LIST, str);
    bxcm_type *tup = Tup(3, (bxcm_type *[]){ u8, str, f64 });

    /* accepted, and printed as the crate's writer prints */
    accept("u64 max", u64, "18446744073709551615", "18446744073709551615");
    accept("s64 min", s64, "-9223372036854775808", "-9223372036854775808");
    accept("s8 min", s8, "-128", "-128");
    accept("u8 zero", u8, "0", "0");
    accept("bool", bo, "true", "true");
    accept("f64 exponent", f64, "6.022e+23", "6.022e23");
    accept("f64 small", f64, "1e-5", "0.00001");
    accept("f64 tiny", f64, "1.5e-300", "1.5e-300");
    accept("f64 huge", f64, "1e21", "1e21");
    accept("f64 large", f64, "123456789012345678000", "123456789012345680000");
    accept("f64 tenth", f64, "0.1", "0.1");
    accept("f64 integer", f64, "100", "100");
    accept("f64 negative zero", f64, "-0", "-0");
    accept("f64 nan", f64, "nan", "nan");
    accept("f64 -inf", f64, "-inf", "-inf");
    accept("f64 inf", f64, "inf", "inf");
    accept("f32", f32, "3.14", "3.14");
    accept("f32 max", f32, "3.4028235e38", "3.4028235e38");
    accept("char", ch, "'x'", "'x'");
    accept("char snowman", ch, "'\xe2\x98\x83'", "'\xe2\x98\x83'");
    accept("char nul", ch, "'\\u{0}'", "'\\u{0}'");
    accept("char quote", ch, "'\\''", "'\\''");
    accept("char dquote bare", ch, "'\"'", "'\\\"'");
    accept("char astral", ch, "'\\u{1F600}'", "'\xf0\x9f\x98\x80'");
    accept("string escapes", str, "\"a\\tb\\\\c\\\"d\\ne\\rf\"", "\"a\\tb\\\\c\\\"d\\ne\\rf\"");
    accept("string squote bare", str, "\"it's\"", "\"it\\'s\"");
    accept("string control", str, "\"\\u{7}\"", "\"\\u{7}\"");
    accept("string empty", str, "\"\"", "\"\"");
    accept("multiline", str, "\"\"\"\n  a\n    b\n  \"\"\"", "\"a\\n  b\"");
    accept("multiline quotes", str, "\"\"\"\n x \"q\" \\\"\"\"\n \"\"\"", "\"x \\\"q\\\" \\\"\\\"\\\"\"");
    accept("comment", lu32, "[1, // one\n 2]", "[1, 2]");
    accept("trailing comma", lu32, "[1, 2,]", "[1, 2]");
    accept("empty list", lu32, "[ ]", "[]");
    accept("bytes", bytes, "[0, 255, 7]", "[0, 255, 7]");
    accept("strings", lst, "[\"a\", \"b\"]", "[\"a\", \"b\"]");
    accept("tuple spaces", tup, "  ( 1 , \"a\" , 2.5 , )  ", "(1, \"a\", 2.5)");
    accept("record", rec, "{name: \"a\", size: 3}", "{name: \"a\", size: 3}");
    accept("record any order", rec, "{size: 3, name: \"a\",}", "{name: \"a\", size: 3}");
    accept("record % label", rec, "{%name: \"a\", size: 3}", "{name: \"a\", size: 3}");
    accept("record all none", allopt, "{:}", "{:}");
    accept("record none omitted", allopt, "{a: 1}", "{a: some(1)}");
    accept("record none written", allopt, "{a: none, b: some(\"x\")}", "{b: some(\"x\")}");
    accept("flags", perms, "{write, read,}", "{read, write}");
    accept("flags empty", perms, "{}", "{}");
    accept("enum", dir, "far-west", "far-west");
    accept("enum keyword", dir, "%ok", "%ok");
    accept("variant payload", var, "num(3)", "num(3)");
    accept("variant payload spaces", var, "num ( 3 )", "num(3)");
    accept("variant keyword", var, "%none", "%none");
    accept("variant bare", var, "empty", "empty");
    accept("option flat", opt, "5", "some(5)");
    accept("option some", opt, "some(5)", "some(5)");
    accept("option none", opt, "none", "none");
    accept("option option", optopt, "some(none)", "some(none)");
    accept("option option some", optopt, "some(some(1))", "some(some(1))");
    accept("result flat", res, "\"x\"", "ok(\"x\")");
    accept("result ok", res, "ok(\"x\")", "ok(\"x\")");
    accept("result err", res, "err(3)", "err(3)");
    accept("result unit ok", resu, "ok", "ok");
    accept("result unit err", resu, "err", "err");
    accept("result err only", rese, "err(\"e\")", "err(\"e\")");
    accept("result err only ok", rese, "ok", "ok");

    /* refused, with the reason and the column */
    reject("u8 too big", u8, "256", "out of range for u8");
    reject("u8 negative", u8, "-1", "out of range for u8");
    reject("s8 too small", s8, "-129", "out of range for s8");
    reject("u64 overflow", u64, "18446744073709551616", "out of range for u64");
    reject("leading zero", u8, "01", "leading zeros");
    reject("int fraction", u32, "1.5", "fraction or exponent");
    reject("int label", u32, "abc", "expected an integer (u32); found `abc`");
    reject("float dot", f64, "1.", "digits after the decimal point");
    reject("float exponent", f64, "1e", "digits in the exponent");
    reject("float -nan", f64, "-nan", "expected a number");
    reject("float f32 range", f32, "1e39", "out of range for f32");
    reject("string unterminated", str, "\"abc", "unterminated string");
    reject("string escape", str, "\"a\\qb\"", "unknown escape");
    reject("string surrogate", str, "\"\\u{d800}\"", "not a Unicode scalar value");
    reject("string big escape", str, "\"\\u{110000}\"", "not a Unicode scalar value");
    reject("string newline", str, "\"a\nb\"", "newline");
    reject("string bad utf8", str, "\"\xff\"", "invalid UTF-8");
    reject("string is list", str, "[1]", "expected a string (\"...\"); found a list");
    reject("char two", ch, "'ab'", "exactly one character");
    reject("char empty", ch, "''", "empty char");
    reject("char unescaped quote", ch, "'''", "empty char");
    reject("record missing", rec, "{name: \"a\"}", "lacks field `size`");
    reject("record unknown", rec, "{name: \"a\", size: 1, bogus: 2}", "no field `bogus`");
    reject("record twice", rec, "{name: \"a\", name: \"b\", size: 1}", "given twice");
    reject("record empty braces", rec, "{}", "empty flags");
    reject("record is list", rec, "[1]", "expected a record with fields name, size; found a list");
    reject("record no colon", rec, "{name \"a\"}", "expected : after a field name");
    reject("flags unknown", perms, "{read, nope}", "no flag `nope`");
    reject("enum keyword bare", dir, "ok", "write it %ok");
    reject("enum unknown", dir, "west", "expected an enum case of north, ok, far-west");
    reject("variant missing payload", var, "num", "needs a payload");
    reject("variant extra payload", var, "empty(1)", "has no payload");
    reject("option of option flat", optopt, "5", "expected an option");
    reject("result needs payload", res, "ok", "needs a payload");
    reject("result unit payload", resu, "ok(1)", "has no payload");
    reject("list unterminated", lu32, "[1, 2", "expected , or ]");
    reject("list double comma", lu32, "[1,,2]", "expected an integer");
    reject("tuple short", tup, "(1, \"a\")", "expected a tuple of 3");
    reject("tuple long", tup, "(1, \"a\", 2, 3)", "too many elements");
    reject("bool case", bo, "True", "not a valid label");
    reject("bool number", bo, "1", "expected a bool");
    reject("label mixed case", dir, "faR-west", "not a valid label");
    reject("label trailing hyphen", dir, "north-", "not a valid label");
    reject("empty input", u32, "", "found the end of the input");
    reject("unterminated multiline", str, "\"\"\"\nabc", "unterminated multiline");
    reject("multiline indent", str, "\"\"\"\na\n  \"\"\"", "indented less");

    /* a long list and deep input: bounded, no recursion beyond the type */
    {
        size_t n = 2000000;
        char *big = malloc(n * 2 + 3);
        size_t l = 0;
        big[l++] = '[';
        for (size_t i = 0; i < n; i++) { big[l++] = '7'; big[l++] = ','; }
        big[l++] = ']';
        big[l] = 0;
        bxcm_val v;
        char why[300];
        size_t pos = 0;
        if (bxcm_wave_parse(&arena, bytes, big, l, &pos, &v, why, sizeof why) == 0 && v.agg.n == n && v.agg.bytes[n - 1] == 7) pass++;
        else { fails++; printf("FAIL long list: %s\n", why); }
        /* the same against a small arena: refused, not a crash */
        bxcm_arena small = { NULL, 0, 1u << 20 };
        pos = 0;
        if (bxcm_wave_parse(&small, lu32, big, l, &pos, &v, why, sizeof why) != 0 && strstr(why, "bound")) pass++;
        else { fails++; printf("FAIL long list over the arena bound: %s\n", why); }
        bxcm_arena_free(&small);
        memset(big, '[', n);
        big[n] = 0;
        pos = 0;
        if (bxcm_wave_parse(&arena, T1(TK_LIST, T1(TK_LIST, u8)), big, n, &pos, &v, why, sizeof why) != 0 && strstr(why, "expected an integer")) pass++;
        else { fails++; printf("FAIL deep input: %s\n", why); }
        free(big);
    }

    /* printing is bounded: a cap cuts the text and says so */
    {
        bxcm_val v;
        char why[300];
        size_t pos = 0;
        const char *in = "[\"aaaaaaaaaa\", \"bbbbbbbbbb\", \"cccccccccc\"]";
        bxcm_wave_parse(&arena, lst, in, strlen(in), &pos, &v, why, sizeof why);
        bxcm_wbuf b = { .max = 20 };
        bxcm_wave_print(&b, lst, &v);
        if (b.over && b.len == 20 && !strncmp(b.p, in, 20)) pass++;
        else { fails++; printf("FAIL capped print: over=%d len=%zu\n", b.over, b.len); }
        bxcm_wbuf_free(&b);
    }

    /* round trip of random values of random types (seeded: deterministic) */
    int rt_fail = 0;
    for (int i = 0; i < 3000; i++) {
        bxcm_type *t = rtype(0);
        bxcm_val v, w;
        rval(t, &v);
        char *text = print_val(t, &v);
        char why[300];
        size_t pos = 0;
        int ok = bxcm_wave_parse(&arena, t, text, strlen(text), &pos, &w, why, sizeof why) == 0 && pos == strlen(text);
        char *again = ok ? print_val(t, &w) : NULL;
        /* mutated text: refused or accepted, never a crash (ASan build) */
        for (int m = 0; m < 8 && text[0]; m++) {
            size_t L = strlen(text), at = rn((uint32_t)L);
            char *mut = malloc(L + 2);
            memcpy(mut, text, L + 1);
            static const char alpha[] = "[](){},:\"'\\%-.e0123456789azAZ/ \n\xc3\xff";
            char c = alpha[rn(sizeof alpha - 1)];
            switch (rn(3)) {
            case 0: mut[at] = c; break;
            case 1: memmove(mut + at + 1, mut + at, L - at + 1); mut[at] = c; break;
            default: memmove(mut + at, mut + at + 1, L - at); break;
            }
            bxcm_val z;
            size_t zp = 0;
            if (bxcm_wave_parse(&arena, t, mut, strlen(mut), &zp, &z, why, sizeof why) == 0) free(print_val(t, &z));
            else if (!strstr(why, " at column ")) { rt_fail++; printf("FAIL mutated %s: message without a column: %s\n", mut, why); }
            free(mut);
        }
        if (!ok || !bxcm_wave_equal(t, &v, &w) || strcmp(text, again)) {
            if (rt_fail++ < 5) printf("FAIL round trip %d: %s -> %s (%s)\n", i, text, again ? again : "-", ok ? "differs" : why);
        }
        free(text);
        free(again);
        if (arena.used > (48u << 20)) { bxcm_arena_free(&arena); arena = (bxcm_arena){ NULL, 0, 64u << 20 }; }
    }
    if (rt_fail) fails++; else pass++;
    printf("round trip: 3000 random values, %d differ\n", rt_fail);

    bxcm_arena_free(&arena);
    for (size_t i = 0; i < nkeep; i++) free(keep[i]);
    printf("%d passed, %d failed\n", pass, fails);
    return fails != 0;
}
