/*
 * test_decode.c — unit tests for decode.c, validate.c and module.c.
 *
 * Modules are written as byte strings, section by section; the helper adds
 * the header and section sizes.  Besides the case-by-case checks, every
 * prefix of a rich valid module must fail cleanly, and a few thousand
 * deterministic mutations of it must never crash (run under ASan/UBSan).
 *
 * bxe_compile_func/bxe_code_free are weak stubs so this links without
 * compile.c; linked with the real one, the real one wins.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "opcodes.h"

__attribute__((weak)) bx_status bxe_compile_func(struct bx_module *m, uint32_t i, bx_error *err)
{
    (void)m; (void)i; (void)err;
    return BX_OK;
}
__attribute__((weak)) void bxe_code_free(struct bx_code *c) { (void)c; }

#include "../check.h"


/* ---- module builder ---------------------------------------------------- */

typedef struct sec { int id; const char *b; size_t n; } sec;
#define S(id, lit) { id, lit, sizeof(lit) - 1 }

typedef struct buf { uint8_t b[8192]; size_t n; } buf;

static void put_u32(buf *o, uint32_t v)
{
    do {
        uint8_t c = v & 0x7F;
        v >>= 7;
        o->b[o->n++] = (uint8_t)(c | (v ? 0x80 : 0));
    } while (v);
}

static void build(buf *o, const sec *s, size_t ns)
{
    memcpy(o->b, "\0asm\1\0\0\0", 8);
    o->n = 8;
    for (size_t i = 0; i < ns; i++) {
        o->b[o->n++] = (uint8_t)s[i].id;
        put_u32(o, (uint32_t)s[i].n);
        memcpy(o->b + o->n, s[i].b, s[i].n);
        o->n += s[i].n;
    }
}
#define BUILD(o, ...) do { static const sec s_[] = { __VA_ARGS__ }; \
    build(o, s_, sizeof s_ / sizeof s_[0]); } while (0)

/* Decode + validate (+ stub compile); returns the status, keeps err. */
static bx_status load(const uint8_t *b, size_t n, bx_error *err)
{
    bx_module *m = bx_module_new(b, n, err);
    if (!m) return err->status;
    bx_module_free(m);
    return BX_OK;
}

static void expect(int line, const uint8_t *b, size_t n, bx_status want, const char *text)
{
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_status st = load(b, n, &err);
    bool ok = st == want && (!text || strstr(err.msg, text));
    if (ok) npass++;
    else {
        nfail++;
        printf("FAIL line %d: want status %d \"%s\", got %d \"%s\"\n", line, want,
               text ? text : "", st, st ? err.msg : "");
    }
}
#define EXPECT_RAW(lit, st, text) expect(__LINE__, (const uint8_t *)(lit), sizeof(lit) - 1, st, text)
#define EXPECT(st, text, ...) do { buf o_; BUILD(&o_, __VA_ARGS__); \
    expect(__LINE__, o_.b, o_.n, st, text); } while (0)
#define OK(...) EXPECT(BX_OK, NULL, __VA_ARGS__)
#define MAL(text, ...) EXPECT(BX_ERR_MALFORMED, text, __VA_ARGS__)
#define INV(text, ...) EXPECT(BX_ERR_INVALID, text, __VA_ARGS__)

/* common sections */
#define TYPE_V_V   S(1, "\x01\x60\x00\x00")           /* [] -> [] */
#define FUNC1      S(3, "\x01\x00")
#define CODE1      S(10, "\x01\x02\x00\x0b")

/* ---- tests ------------------------------------------------------------- */

static void test_header(void)
{
    EXPECT_RAW("\0asm\1\0\0\0", BX_OK, NULL);
    EXPECT_RAW("", BX_ERR_MALFORMED, "unexpected end");
    EXPECT_RAW("\0as", BX_ERR_MALFORMED, "unexpected end");
    EXPECT_RAW("\0asm", BX_ERR_MALFORMED, "unexpected end");
    EXPECT_RAW("\0asm\1\0\0", BX_ERR_MALFORMED, "unexpected end");
    EXPECT_RAW("\0ASM\1\0\0\0", BX_ERR_MALFORMED, "magic header not detected");
    EXPECT_RAW("\xef\xbb\xbf\0asm\1\0\0\0", BX_ERR_MALFORMED, "magic header not detected");
    EXPECT_RAW("\0asm\2\0\0\0", BX_ERR_MALFORMED, "unknown binary version");
    EXPECT_RAW("\0asm\0\0\0\1", BX_ERR_MALFORMED, "unknown binary version");
    EXPECT_RAW("\0asm\1\0\0\0\x0d\x00", BX_ERR_MALFORMED, "malformed section id");
    EXPECT_RAW("\0asm\1\0\0\0\x7f\x00", BX_ERR_MALFORMED, "malformed section id");
    /* section larger than the file */
    EXPECT_RAW("\0asm\1\0\0\0\x01\x07\x02\x60\x00\x00", BX_ERR_MALFORMED, "length out of bounds");
    /* section size given with too many bytes */
    EXPECT_RAW("\0asm\1\0\0\0\x01\x80\x80\x80\x80\x80\x00", BX_ERR_MALFORMED,
               "integer representation too long");
}

static void test_sections(void)
{
    OK(TYPE_V_V, FUNC1, CODE1);
    OK(S(0, "\x04name\x01\x02\x03"), TYPE_V_V, S(0, "\x00"), FUNC1, CODE1, S(0, "\x01x"));
    MAL("unexpected content after last section", TYPE_V_V, TYPE_V_V);
    MAL("unexpected content after last section", FUNC1, TYPE_V_V, CODE1);
    MAL("unexpected content after last section", S(12, "\x00"), S(9, "\x00"));
    OK(S(9, "\x00"), S(12, "\x00"), S(11, "\x00"));
    MAL("unexpected content after last section", S(11, "\x00"), S(12, "\x00"));
    /* one byte left over / one missing */
    MAL("section size mismatch", S(1, "\x01\x60\x00\x00\x00"));
    MAL("unexpected end of section or function", S(1, "\x01\x60\x00"));
    MAL("section size mismatch", S(8, "\x00\x00"));
    /* custom section name must fit and be UTF-8 */
    MAL("length out of bounds", S(0, "\x05""abc"));
    MAL("malformed UTF-8 encoding", S(0, "\x01\xff"));
    MAL("unexpected end", S(0, ""));
    /* function and code counts */
    MAL("function and code section have inconsistent lengths", TYPE_V_V, FUNC1);
    MAL("function and code section have inconsistent lengths", TYPE_V_V, CODE1);
    MAL("function and code section have inconsistent lengths", TYPE_V_V, S(3, "\x02\x00\x00"), CODE1);
    OK(S(3, "\x00"), S(10, "\x00"));
    /* data count */
    MAL("data count and data section have inconsistent lengths", S(12, "\x01"));
    MAL("data count and data section have inconsistent lengths", S(12, "\x01"), S(11, "\x00"));
    MAL("data count and data section have inconsistent lengths",
        S(5, "\x01\x00\x01"), S(12, "\x00"), S(11, "\x01\x01\x00"));
    OK(S(5, "\x01\x00\x01"), S(12, "\x01"), S(11, "\x01\x01\x00"));
    /* start section */
    OK(TYPE_V_V, FUNC1, S(8, "\x00"), CODE1);
    INV("unknown function", TYPE_V_V, FUNC1, S(8, "\x01"), CODE1);
    INV("start function", S(1, "\x01\x60\x01\x7f\x00"), FUNC1, S(8, "\x00"), S(10, "\x01\x02\x00\x0b"));
}

static void test_leb(void)
{
    /* memory min 2 in 5 bytes is fine; unused bits set are not */
    OK(S(5, "\x01\x00\x82\x80\x80\x80\x00"));
    MAL("integer too large", S(5, "\x01\x00\x82\x80\x80\x80\x70"));
    MAL("integer too large", S(5, "\x01\x00\x82\x80\x80\x80\x10"));
    MAL("integer representation too long", S(5, "\x01\x00\x82\x80\x80\x80\x80\x00"));
    /* i32.const: sign extension in the last byte */
    OK(S(6, "\x01\x7f\x00\x41\xff\xff\xff\xff\x7f\x0b"));         /* -1 */
    OK(S(6, "\x01\x7f\x00\x41\x80\x80\x80\x80\x78\x0b"));         /* INT32_MIN */
    MAL("integer too large", S(6, "\x01\x7f\x00\x41\x80\x80\x80\x80\x70\x0b"));
    MAL("integer too large", S(6, "\x01\x7f\x00\x41\xff\xff\xff\xff\x0f\x0b"));
    MAL("integer too large", S(6, "\x01\x7f\x00\x41\xff\xff\xff\xff\x4f\x0b"));
    MAL("integer representation too long", S(6, "\x01\x7f\x00\x41\xff\xff\xff\xff\xff\x7f\x0b"));
    /* i64.const */
    OK(S(6, "\x01\x7e\x00\x42\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f\x0b"));
    OK(S(6, "\x01\x7e\x00\x42\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00\x0b"));
    MAL("integer too large", S(6, "\x01\x7e\x00\x42\x80\x80\x80\x80\x80\x80\x80\x80\x80\x7e\x0b"));
    MAL("integer too large", S(6, "\x01\x7e\x00\x42\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01\x0b"));
    MAL("integer representation too long",
        S(6, "\x01\x7e\x00\x42\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00\x0b"));
    /* an over-long number that runs past its section is still "too long" */
    EXPECT_RAW("\0asm\1\0\0\0" "\x01\x04\x01\x60\x00\x00" "\x03\x03\x01\x80\x80" "\x80\x80\x80\x00",
               BX_ERR_MALFORMED, "integer representation too long");

    /* values decode right */
    buf o;
    BUILD(&o, S(6, "\x02\x7f\x00\x41\x80\x80\x80\x80\x78\x0b\x7e\x00\x42\x7f\x0b"));
    bx_error err;
    bx_module *m = bx_module_new(o.b, o.n, &err);
    CHECK(m, "globals module: %s", err.msg);
    if (m) {
        CHECK(m->globals[0].init.bits == 0x80000000u, "i32 min bits %llx",
              (unsigned long long)m->globals[0].init.bits);
        CHECK(m->globals[1].init.bits == UINT64_MAX, "i64 -1 bits");
        bx_module_free(m);
    }
}

static void test_utf8(void)
{
    OK(S(0, "\x02\xc2\x80"));
    OK(S(0, "\x03\xe2\x82\xac"));
    OK(S(0, "\x04\xf4\x8f\xbf\xbf"));                    /* U+10FFFF */
    OK(S(0, "\x03\xef\xbf\xbf"));
    MAL("malformed UTF-8 encoding", S(0, "\x02\xc0\x80"));       /* overlong */
    MAL("malformed UTF-8 encoding", S(0, "\x02\xc1\xbf"));
    MAL("malformed UTF-8 encoding", S(0, "\x03\xe0\x80\x80"));
    MAL("malformed UTF-8 encoding", S(0, "\x04\xf0\x80\x80\x80"));
    MAL("malformed UTF-8 encoding", S(0, "\x03\xed\xa0\x80"));   /* U+D800 */
    MAL("malformed UTF-8 encoding", S(0, "\x03\xed\xbf\xbf"));   /* U+DFFF */
    MAL("malformed UTF-8 encoding", S(0, "\x04\xf4\x90\x80\x80")); /* > 10FFFF */
    MAL("malformed UTF-8 encoding", S(0, "\x04\xf8\x88\x80\x80"));
    MAL("malformed UTF-8 encoding", S(0, "\x02\xe2\x82"));        /* truncated */
    MAL("malformed UTF-8 encoding", S(0, "\x01\x80"));
    MAL("malformed UTF-8 encoding", S(0, "\x02\xc2\x41"));
    MAL("malformed UTF-8 encoding", S(2, "\x01\x01\xff\x01m\x00\x00"));
    MAL("malformed UTF-8 encoding", S(2, "\x01\x01m\x01\xff\x00\x00"));
    MAL("malformed UTF-8 encoding", TYPE_V_V, FUNC1, S(7, "\x01\x01\xff\x00\x00"), CODE1);
}

static void test_types_imports(void)
{
    OK(S(1, "\x02\x60\x02\x7f\x7e\x01\x7d\x60\x00\x02\x7c\x6f"));
    MAL("malformed value type", S(1, "\x01\x60\x01\x7a\x00"));
    MAL("malformed value type", S(1, "\x01\x60\x01\x40\x00"));
    MAL("malformed function type", S(1, "\x01\x61\x00\x00"));
    MAL("integer representation too long", S(1, "\x01\xe0\x7f\x00\x00"));
    OK(S(1, "\x01\x60\x01\x7b\x00"));                  /* v128 param */
    /* imports of every kind */
    OK(TYPE_V_V, S(2, "\x04"
                      "\x01m\x01" "f\x00\x00"
                      "\x01m\x01" "t\x01\x70\x01\x01\x02"
                      "\x01m\x01" "M\x02\x00\x01"
                      "\x01m\x01" "g\x03\x7f\x00"));
    MAL("malformed import kind", S(2, "\x01\x01m\x01" "f\x04\x00"));
    MAL("malformed import kind", S(2, "\x01\x01m\x01" "f\x05\x00"));
    MAL("malformed mutability", S(2, "\x01\x01m\x01" "g\x03\x7f\x02"));
    MAL("malformed mutability", S(2, "\x01\x01m\x01" "g\x03\x7f\xff"));
    MAL("malformed reference type", S(2, "\x01\x01m\x01" "t\x01\x7f\x00\x00"));
    INV("unknown type", S(2, "\x01\x01m\x01" "f\x00\x00"));
    OK(S(2, "\x01\x01m\x01" "g\x03\x7b\x00"));       /* v128 global import */
    /* several memories are valid since multi-memory (WebAssembly 3.0) */
    OK(S(2, "\x02\x01m\x01" "a\x02\x00\x00\x01m\x01" "b\x02\x00\x00"));
    OK(S(2, "\x01\x01m\x01" "a\x02\x00\x00"), S(5, "\x01\x00\x00"));
    INV("must be at most 65536 pages", S(2, "\x01\x01m\x01" "a\x02\x00\x81\x80\x04"));
    INV("size minimum must not be greater than maximum", S(2, "\x01\x01m\x01" "t\x01\x70\x01\x02\x01"));
    /* a huge vector count in a tiny module fails without allocating it */
    MAL("unexpected end", S(1, "\xff\xff\xff\xff\x0f"));
    MAL("unexpected end", S(2, "\xff\xff\xff\xff\x0f"));
    MAL("unexpected end", S(3, "\xff\xff\xff\xff\x0f"));
    MAL("unexpected end", S(1, "\x01\x60\xff\xff\xff\xff\x0f"));
}

static void test_tables_memories_globals(void)
{
    OK(S(4, "\x02\x70\x00\x00\x6f\x01\x00\xff\xff\xff\xff\x0f"));
    MAL("integer too large", S(4, "\x01\x70\x02\x00"));
    MAL("integer representation too long", S(4, "\x01\x70\x81\x00\x00"));
    MAL("malformed reference type", S(4, "\x01\x7f\x00\x00"));
    INV("size minimum must not be greater than maximum", S(4, "\x01\x70\x01\x02\x01"));
    OK(S(5, "\x01\x01\x00\x80\x80\x04"));
    INV("memory size must be at most 65536 pages (4GiB)", S(5, "\x01\x00\x81\x80\x04"));
    INV("memory size must be at most 65536 pages (4GiB)", S(5, "\x01\x01\x00\x81\x80\x04"));
    INV("size minimum must not be greater than maximum", S(5, "\x01\x01\x02\x01"));
    OK(S(5, "\x02\x00\x00\x00\x00"));    /* multi-memory */
    MAL("integer too large", S(5, "\x01\x02\x00"));
    MAL("integer representation too long", S(5, "\x01\x81\x01\x00\x00"));
    MAL("unexpected end of section or function", S(5, "\x01"));
    /* globals and constant expressions */
    OK(S(6, "\x04\x7f\x00\x41\x00\x0b\x7d\x01\x43\x00\x00\x80\x3f\x0b"
            "\x7c\x00\x44\x00\x00\x00\x00\x00\x00\xf0\x3f\x0b\x6f\x00\xd0\x6f\x0b"));
    MAL("malformed mutability", S(6, "\x01\x7f\x02\x41\x00\x0b"));
    INV("type mismatch", S(6, "\x01\x7f\x00\x42\x00\x0b"));
    INV("type mismatch", S(6, "\x01\x7f\x00\x0b"));                   /* empty */
    INV("type mismatch", S(6, "\x01\x7f\x00\x41\x00\x41\x00\x0b"));   /* two values */
    INV("type mismatch", S(6, "\x01\x70\x00\xd0\x6f\x0b"));
    INV("constant expression required", S(6, "\x01\x7f\x00\x41\x00\x68\x0b"));   /* i32.ctz */
    INV("constant expression required", S(6, "\x01\x7f\x00\x01\x0b"));           /* nop */
    INV("constant expression required", S(6, "\x01\x7f\x00\x41\x00\x01\x0b"));
    INV("constant expression required", S(6, "\x01\x7f\x00\x20\x00\x0b"));       /* local.get */
    INV("constant expression required", S(6, "\x01\x7f\x00\x02\x7f\x41\x00\x0b\x0b"));
    INV("constant expression required", S(6, "\x01\x7f\x00\xfc\x0b\x00\x0b"));   /* memory.fill */
    MAL("illegal opcode", S(6, "\x01\x7f\x00\x06\x0b"));
    MAL("illegal opcode", S(6, "\x01\x7f\x00\xfc\x7f\x0b"));
    MAL("unexpected end of section or function", S(6, "\x01\x7f\x00\x41\x00"));
    MAL("malformed reference type", S(6, "\x01\x70\x00\xd0\x7f\x0b"));
    /* a malformation after an invalid constant expression wins */
    MAL("malformed section id", S(6, "\x01\x7f\x00\x01\x0b"), S(13, ""));
    /* global.get: only immutable imported globals */
    OK(S(2, "\x01\x01m\x01g\x03\x7f\x00"), S(6, "\x01\x7f\x00\x23\x00\x0b"));
    INV("unknown global", S(6, "\x02\x7f\x00\x41\x00\x0b\x7f\x00\x23\x00\x0b"));
    INV("unknown global", S(6, "\x01\x7f\x00\x23\x00\x0b"));
    INV("constant expression required", S(2, "\x01\x01m\x01g\x03\x7f\x01"), S(6, "\x01\x7f\x00\x23\x00\x0b"));
    INV("type mismatch", S(2, "\x01\x01m\x01g\x03\x7e\x00"), S(6, "\x01\x7f\x00\x23\x00\x0b"));
    OK(S(6, "\x01\x7b\x00\xfd\x0c\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x0b"));
    INV("type mismatch", S(6, "\x01\x7f\x00\xfd\x0c\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x0b"));
    INV("constant expression required", S(6, "\x01\x7b\x00\x41\x00\xfd\x0f\x0b")); /* i8x16.splat */
    MAL("unexpected end", S(6, "\x01\x7b\x00\xfd\x0c\0\0\0\x0b"));
    /* ref.func */
    OK(TYPE_V_V, FUNC1, S(6, "\x01\x70\x00\xd2\x00\x0b"), CODE1);
    INV("unknown function", TYPE_V_V, FUNC1, S(6, "\x01\x70\x00\xd2\x01\x0b"), CODE1);
}

static void test_exports(void)
{
    OK(TYPE_V_V, FUNC1, S(4, "\x01\x70\x00\x00"), S(5, "\x01\x00\x00"), S(6, "\x01\x7f\x00\x41\x00\x0b"),
       S(7, "\x05\x01" "f\x00\x00\x01" "t\x01\x00\x01" "m\x02\x00\x01" "g\x03\x00\x00\x00\x00"), CODE1);
    INV("duplicate export name", TYPE_V_V, FUNC1, S(7, "\x02\x01" "a\x00\x00\x01" "a\x00\x00"), CODE1);
    /* names differing only after a NUL are distinct */
    OK(TYPE_V_V, FUNC1, S(7, "\x02\x00\x00\x00\x01\x00\x00\x00"), CODE1);
    INV("unknown function", TYPE_V_V, FUNC1, S(7, "\x01\x01" "a\x00\x01"), CODE1);
    INV("unknown table", S(7, "\x01\x01" "a\x01\x00"));
    INV("unknown memory", S(7, "\x01\x01" "a\x02\x00"));
    INV("unknown global", S(7, "\x01\x01" "a\x03\x00"));
    MAL("malformed export kind", S(7, "\x01\x01" "a\x04\x00"));
}

static void test_elems_datas(void)
{
#define ELEM_PRE TYPE_V_V, FUNC1, S(4, "\x01\x70\x00\x01")
    OK(ELEM_PRE, S(9, "\x01\x00\x41\x00\x0b\x01\x00"), CODE1);                    /* 0 */
    OK(ELEM_PRE, S(9, "\x01\x01\x00\x01\x00"), CODE1);                            /* 1 */
    OK(ELEM_PRE, S(9, "\x01\x02\x00\x41\x00\x0b\x00\x01\x00"), CODE1);            /* 2 */
    OK(ELEM_PRE, S(9, "\x01\x03\x00\x01\x00"), CODE1);                            /* 3 */
    OK(ELEM_PRE, S(9, "\x01\x04\x41\x00\x0b\x02\xd2\x00\x0b\xd0\x70\x0b"), CODE1);/* 4 */
    OK(ELEM_PRE, S(9, "\x01\x05\x6f\x01\xd0\x6f\x0b"), CODE1);                    /* 5 */
    OK(ELEM_PRE, S(9, "\x01\x06\x00\x41\x00\x0b\x70\x01\xd2\x00\x0b"), CODE1);    /* 6 */
    OK(ELEM_PRE, S(9, "\x01\x07\x70\x01\xd2\x00\x0b"), CODE1);                    /* 7 */
    MAL("malformed elements segment kind", ELEM_PRE, S(9, "\x01\x08\x00"), CODE1);
    MAL("malformed elements segment kind", ELEM_PRE, S(9, "\x01\x01\x01\x01\x00"), CODE1);
    MAL("malformed reference type", ELEM_PRE, S(9, "\x01\x05\x7f\x01\xd2\x00\x0b"), CODE1);
    INV("unknown table", ELEM_PRE, S(9, "\x01\x02\x01\x41\x00\x0b\x00\x01\x00"), CODE1);
    INV("unknown function", ELEM_PRE, S(9, "\x01\x00\x41\x00\x0b\x01\x05"), CODE1);
    INV("type mismatch", ELEM_PRE, S(9, "\x01\x06\x00\x41\x00\x0b\x6f\x01\xd0\x6f\x0b"), CODE1);
    INV("type mismatch", ELEM_PRE, S(9, "\x01\x00\x42\x00\x0b\x01\x00"), CODE1);
    INV("type mismatch", ELEM_PRE, S(9, "\x01\x05\x70\x01\xd0\x6f\x0b"), CODE1);
    INV("constant expression required", ELEM_PRE, S(9, "\x01\x05\x70\x01\x01\x0b"), CODE1);
#undef ELEM_PRE
    OK(S(5, "\x01\x00\x01"), S(11, "\x03\x00\x41\x00\x0b\x02hi\x01\x00\x02\x00\x41\x01\x0b\x00"));
    MAL("malformed data segment kind", S(5, "\x01\x00\x01"), S(11, "\x01\x03\x00"));
    MAL("unexpected end of section or function", S(5, "\x01\x00\x01"), S(11, "\x01\x01\x05" "ab"));
    INV("unknown memory", S(11, "\x01\x00\x41\x00\x0b\x00"));
    INV("unknown memory", S(5, "\x01\x00\x01"), S(11, "\x01\x02\x01\x41\x00\x0b\x00"));
    INV("type mismatch", S(5, "\x01\x00\x01"), S(11, "\x01\x00\x42\x00\x0b\x00"));
    OK(S(11, "\x01\x01\x00"));                            /* passive needs no memory */
}

static void test_code(void)
{
    /* locals expand; the body starts after them */
    buf o;
    BUILD(&o, S(1, "\x01\x60\x01\x7f\x00"), FUNC1, S(10, "\x01\x07\x02\x02\x7e\x01\x7d\x01\x0b"));
    bx_error err;
    bx_module *m = bx_module_new(o.b, o.n, &err);
    CHECK(m, "locals module: %s", err.msg);
    if (m) {
        bx_func_decl *f = &m->funcs[0];
        CHECK(f->nlocals == 3 && f->locals[0] == BX_I64 && f->locals[1] == BX_I64 &&
              f->locals[2] == BX_F32, "locals expanded (%u)", f->nlocals);
        CHECK(f->body_len == 2 && f->body[0] == 0x01 && f->body[1] == 0x0b, "body_len %u", f->body_len);
        CHECK(f->body_offset == (size_t)(f->body - m->bytes) && m->bytes[f->body_offset] == 0x01,
              "body_offset");
        bx_module_free(m);
    }
    MAL("too many locals", TYPE_V_V, FUNC1, S(10, "\x01\x0a\x02\xff\xff\xff\xff\x0f\x7f\x02\x7e\x0b"));
    MAL("too many locals", TYPE_V_V, FUNC1,
        S(10, "\x01\x0e\x02\xff\xff\xff\xff\x0f\x7f\xff\xff\xff\xff\x0f\x7e\x0b"));
    MAL("too many locals", TYPE_V_V, FUNC1, S(10, "\x01\x06\x01\xd1\x86\x03\x7f\x0b")); /* 50001 */
    OK(TYPE_V_V, FUNC1, S(10, "\x01\x06\x01\xd0\x86\x03\x7f\x0b"));                     /* 50000 */
    /* params count against the cap too */
    MAL("too many locals", S(1, "\x01\x60\x01\x7f\x00"), FUNC1, S(10, "\x01\x06\x01\xd0\x86\x03\x7f\x0b"));
    MAL("malformed value type", TYPE_V_V, FUNC1, S(10, "\x01\x04\x01\x01\x40\x0b"));
    MAL("END opcode expected", TYPE_V_V, FUNC1, S(10, "\x01\x03\x00\x01\x01"));
    MAL("END opcode expected", TYPE_V_V, FUNC1, S(10, "\x01\x01\x00"));
    MAL("unexpected end of section or function", TYPE_V_V, FUNC1, S(10, "\x01\x05\x00\x0b"));
    MAL("section size mismatch", TYPE_V_V, FUNC1, S(10, "\x01\x02\x00\x0b\x0b"));
    MAL("unexpected end", TYPE_V_V, FUNC1, S(10, "\x01\x00"));
    OK(TYPE_V_V, FUNC1, S(10, "\x01\x04\x01\x01\x7b\x0b"));       /* a v128 local */
    INV("unknown type", S(3, "\x01\x00"), CODE1);
    /* many functions each declaring 50000 locals: bounded by module size */
    {
        static uint8_t big[1 << 16];
        size_t n = 0, nf = 1000;
        memcpy(big, "\0asm\1\0\0\0\x01\x04\x01\x60\x00\x00", 14);
        n = 14;
        big[n++] = 3;
        buf t = { .n = 0 };
        put_u32(&t, (uint32_t)(nf + (nf >= 128 ? 2 : 1)));
        memcpy(big + n, t.b, t.n); n += t.n;
        t.n = 0; put_u32(&t, (uint32_t)nf); memcpy(big + n, t.b, t.n); n += t.n;
        memset(big + n, 0, nf); n += nf;
        big[n++] = 10;
        t.n = 0; put_u32(&t, (uint32_t)(nf * 7 + 2)); memcpy(big + n, t.b, t.n); n += t.n;
        t.n = 0; put_u32(&t, (uint32_t)nf); memcpy(big + n, t.b, t.n); n += t.n;
        for (size_t i = 0; i < nf; i++) {
            memcpy(big + n, "\x06\x01\xd0\x86\x03\x7f\x0b", 7);
            n += 7;
        }
        expect(__LINE__, big, n, BX_ERR_MALFORMED, "too many locals (module total)");
    }
}

static void test_module_api(void)
{
    buf o;
    BUILD(&o, S(1, "\x02\x60\x01\x7f\x01\x7e\x60\x00\x00"),
          S(2, "\x02\x03" "env\x01" "f\x00\x00\x03" "env\x01" "g\x03\x7f\x00"),
          S(3, "\x02\x01\x00"),
          S(4, "\x01\x70\x00\x01"),
          S(6, "\x01\x70\x00\xd2\x02\x0b"),
          S(7, "\x02\x03" "run\x00\x01\x01" "g\x03\x00"),
          S(9, "\x01\x01\x00\x01\x01"),
          S(10, "\x02\x02\x00\x0b\x04\x00\x42\x00\x0b"));
    bx_error err;
    bx_module *m = bx_module_new(o.b, o.n, &err);
    CHECK(m, "api module: %s", err.msg);
    if (!m) return;
    CHECK(bx_module_import_count(m) == 2, "imports");
    const char *mod, *name;
    bx_externkind kind;
    bx_module_import(m, 1, &mod, &name, &kind);
    CHECK(!strcmp(mod, "env") && !strcmp(name, "g") && kind == BX_EXTERN_GLOBAL, "import 1");
    const bx_functype *ft = bx_module_import_functype(m, 0);
    CHECK(ft && ft->nparams == 1 && ft->params[0] == BX_I32 && ft->nresults == 1 &&
          ft->results[0] == BX_I64, "import functype");
    CHECK(bx_module_import_functype(m, 1) == NULL, "global import has no functype");
    CHECK(bx_module_export_count(m) == 2, "exports");
    bx_module_export(m, 0, &name, &kind);
    CHECK(!strcmp(name, "run") && kind == BX_EXTERN_FUNC, "export 0");
    ft = bx_module_export_functype(m, "run");
    CHECK(ft && ft->nparams == 0 && ft->nresults == 0, "export functype");
    CHECK(bx_module_export_functype(m, "g") == NULL, "global export");
    CHECK(bx_module_export_functype(m, "nope") == NULL, "missing export");
    CHECK(m->nfuncs_total == 3 && m->func_types[0] == 0 && m->func_types[1] == 1 &&
          m->func_types[2] == 0, "func_types");
    CHECK(m->nglobals_total == 2 && m->global_types[0].type == BX_I32 &&
          m->global_types[1].type == BX_FUNCREF, "global_types");
    CHECK(m->func_declared[0] == 0 && m->func_declared[1] == 1 && m->func_declared[2] == 1,
          "func_declared %d %d %d", m->func_declared[0], m->func_declared[1], m->func_declared[2]);
    CHECK(m->type_canon[0] == 0 && m->type_canon[1] == 1, "type_canon");
    bx_module_free(m);

    BUILD(&o, S(1, "\x04\x60\x00\x00\x60\x01\x7f\x00\x60\x00\x00\x60\x01\x7f\x00"));
    m = bx_module_new(o.b, o.n, &err);
    CHECK(m && m->type_canon[2] == 0 && m->type_canon[3] == 1 && m->type_canon[1] == 1,
          "type_canon duplicates");
    bx_module_free(m);
    bx_module_free(NULL);

    CHECK(!strcmp(bx_trap_message(BX_TRAP_MEMORY_OOB), "out of bounds memory access"), "trap msg");
    CHECK(!strcmp(bx_trap_message(BX_TRAP_STACK_EXHAUSTED), "call stack exhausted"), "trap msg");
    CHECK(!strcmp(bx_trap_message(BX_TRAP_EXIT), "exit"), "trap msg");
    CHECK(bx_trap_message((bx_trap)99) != NULL, "trap msg out of range");
    CHECK(bxe_fail(&err, BX_ERR_MALFORMED, 0x1f, "x %d", 5) == BX_ERR_MALFORMED &&
          !strcmp(err.msg, "at byte 0x1f: x 5") && err.offset == 0x1f, "bxe_fail: %s", err.msg);
    CHECK(bxe_fail(&err, BX_ERR_ARG, 0, "plain") == BX_ERR_ARG && !strcmp(err.msg, "plain"), "bxe_fail arg");
    CHECK(bx_module_new(NULL, 5, &err) == NULL && err.status == BX_ERR_ARG, "NULL bytes");
    bx_module *m2 = bx_module_new(o.b, o.n, NULL);
    bx_module_free(m2);
}

/* Every prefix of a rich module must fail as malformed; mutations must not
 * crash (the sanitizers judge). */
static void test_truncation_and_mutation(void)
{
    buf o;
    BUILD(&o, S(1, "\x02\x60\x01\x7f\x01\x7e\x60\x00\x00"),
          S(2, "\x03\x03" "env\x01" "f\x00\x00\x03" "env\x01" "g\x03\x7f\x00\x03" "env\x01" "t\x01\x70\x00\x01"),
          S(3, "\x02\x01\x00"),
          S(4, "\x01\x6f\x01\x00\x05"),
          S(5, "\x01\x01\x01\x02"),
          S(6, "\x02\x70\x00\xd2\x02\x0b\x7f\x00\x23\x00\x0b"),
          S(7, "\x02\x03" "run\x00\x01\x01" "m\x02\x00"),
          S(8, "\x01"),
          S(9, "\x03\x00\x41\x00\x0b\x01\x00\x05\x6f\x01\xd0\x6f\x0b\x03\x00\x01\x02"),
          S(12, "\x02"),
          S(10, "\x02\x02\x00\x0b\x06\x01\x02\x7f\x42\x00\x0b"),
          S(11, "\x02\x00\x23\x00\x0b\x03" "abc\x01\x02xy"),
          S(0, "\x04" "name\x00\x01"));
    bx_error err;
    CHECK(load(o.b, o.n, &err) == BX_OK, "rich module: %s", err.msg);
    int bad = 0;
    for (size_t n = 0; n < o.n; n++) {
        bx_status st = load(o.b, n, &err);
        /* a prefix ending exactly at a section boundary decodes; it may
         * then be invalid or inconsistent, but must not be accepted when
         * sections are missing that others rely on */
        if (st == BX_OK || st == BX_ERR_NOMEM) {
            bool boundary = n == 8;
            size_t p = 8;
            while (p < n) {
                uint64_t sz = 0;
                const uint8_t *q = o.b + p + 1;
                bxe_leb(&q, o.b + o.n, 32, false, &sz);
                p = (size_t)(q - o.b) + (size_t)sz;
                if (p == n) boundary = true;
            }
            if (!boundary || st == BX_ERR_NOMEM) { bad++; printf("  prefix %zu: status %d\n", n, st); }
        }
    }
    CHECK(bad == 0, "%d prefixes accepted", bad);

    uint32_t seed = 12345;
    for (int i = 0; i < 20000; i++) {
        buf t = o;
        int k = 1 + i % 4;
        while (k--) {
            seed = seed * 1103515245u + 12345u;
            size_t at = 8 + (seed >> 8) % (o.n - 8);
            seed = seed * 1103515245u + 12345u;
            t.b[at] = (uint8_t)(seed >> 16);
        }
        load(t.b, t.n, &err);
    }
    npass++;
}

int main(void)
{
    test_header();
    test_sections();
    test_leb();
    test_utf8();
    test_types_imports();
    test_tables_memories_globals();
    test_exports();
    test_elems_datas();
    test_code();
    test_module_api();
    test_truncation_and_mutation();
    return check_report();
}
