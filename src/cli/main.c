/*
 * main.c — the boxagnts command line (argument parsing only; every
 * subcommand is a thin call into libboxagnts).
 *
 * For now: --version, --help, `validate FILE.wasm` and
 * `invoke [limits] FILE.wasm FUNC [ARGS...]`.  `run`, `tools`, `call` and
 * `mcp` come with the later layers.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"

#define BOXAGNTS_VERSION "0.1.0"

/* Exit codes (documented in --help). */
enum {
    EXIT_OK = 0,
    EXIT_ERROR = 1,  /* cannot read, malformed, invalid, unlinkable, limit, ... */
    EXIT_USAGE = 2,  /* bad command line */
    EXIT_TRAP = 3    /* the guest trapped (incl. fuel / stack exhausted) */
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: boxagnts COMMAND [ARGS]\n"
            "\n"
            "BoxAgnts runs WebAssembly modules in a default-deny sandbox.\n"
            "\n"
            "commands:\n"
            "  validate FILE.wasm\n"
            "      decode and validate a module; prints \"ok\", or the error and its byte offset\n"
            "  invoke [options] FILE.wasm FUNC [ARGS...]\n"
            "      instantiate a module that has no imports and call its export FUNC; ARGS are\n"
            "      parsed by FUNC's parameter types (i32/i64: decimal or 0x hex, may be\n"
            "      negative; f32/f64: decimal, inf, nan; externref: null or an integer;\n"
            "      funcref: null); results are printed one per line\n"
            "      --fuel N           stop after N instructions (trap \"fuel exhausted\")\n"
            "      --max-memory SIZE  cap each linear memory (e.g. 64MiB; default 4GiB)\n"
            "      --max-stack SIZE   cap the wasm stack (e.g. 512KiB; default 1MiB)\n"
            "      SIZE: bytes, or with a suffix K/KiB, M/MiB, G/GiB (powers of 1024)\n"
            "  --version, --help\n"
            "\n"
            "exit status:\n"
            "  0  success\n"
            "  1  error: unreadable, malformed, invalid or unlinkable module, limit exceeded,\n"
            "     no such export\n"
            "  2  usage error (bad option, wrong number or form of arguments)\n"
            "  3  the module trapped (unreachable, out of bounds, fuel exhausted, call stack\n"
            "     exhausted, ...); the trap is printed on stderr\n");
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "boxagnts: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fprintf(stderr, "boxagnts: %s: out of memory\n", path);
            fclose(f);
            return NULL;
        }
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (!nb)
                free(buf);
            buf = nb;
            cap *= 2;
            continue;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "boxagnts: %s: read error\n", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

static const char *status_text(bx_status s)
{
    switch (s) {
    case BX_OK: return "ok";
    case BX_ERR_MALFORMED: return "malformed module";
    case BX_ERR_INVALID: return "invalid module";
    case BX_ERR_UNLINKABLE: return "unlinkable module";
    case BX_ERR_LIMIT: return "limit exceeded";
    case BX_ERR_NOMEM: return "out of memory";
    case BX_ERR_ARG: return "bad argument";
    case BX_ERR_TRAP: return "trap";
    }
    return "error";
}

static int report(const char *what, const bx_error *err)
{
    if (err->status == BX_ERR_TRAP) {
        const char *m = bx_trap_message(err->trap);
        fprintf(stderr, "%s: trap: %s", what, m ? m : "?");
        if (err->msg[0] && (!m || strcmp(err->msg, m) != 0))
            fprintf(stderr, " (%s)", err->msg);
        fputc('\n', stderr);
        return EXIT_TRAP;
    }
    if ((err->status == BX_ERR_MALFORMED || err->status == BX_ERR_INVALID) &&
        !strstr(err->msg, "offset") && !strstr(err->msg, "byte"))
        fprintf(stderr, "%s: %s at offset %zu (0x%zx): %s\n", what, status_text(err->status),
                err->offset, err->offset, err->msg);
    else
        fprintf(stderr, "%s: %s%s%s\n", what, status_text(err->status), err->msg[0] ? ": " : "",
                err->msg);
    return EXIT_ERROR;
}

static bx_module *load(const char *path, int *rc)
{
    size_t len = 0;
    uint8_t *bytes = read_file(path, &len);
    if (!bytes) {
        *rc = EXIT_ERROR;
        return NULL;
    }
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_module *m = bx_module_new(bytes, len, &err);
    free(bytes);
    if (!m) {
        if (err.status == BX_OK)
            err.status = BX_ERR_INVALID;
        *rc = report(path, &err);
    }
    return m;
}

static int cmd_validate(int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "usage: boxagnts validate FILE.wasm\n");
        return EXIT_USAGE;
    }
    int rc = EXIT_OK;
    bx_module *m = load(argv[0], &rc);
    if (!m)
        return rc == EXIT_TRAP ? EXIT_ERROR : rc;
    bx_module_free(m);
    printf("ok\n");
    return EXIT_OK;
}

/* SIZE: bytes with an optional K/KiB/M/MiB/G/GiB suffix (powers of 1024). */
static int parse_size(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-')
        return 0;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return 0;
    uint64_t mul = 1;
    if (*end) {
        static const struct {
            const char *suf;
            uint64_t mul;
        } tab[] = {{"B", 1},           {"K", 1ull << 10},  {"k", 1ull << 10}, {"KiB", 1ull << 10},
                   {"KB", 1ull << 10}, {"M", 1ull << 20},  {"MiB", 1ull << 20}, {"MB", 1ull << 20},
                   {"G", 1ull << 30},  {"GiB", 1ull << 30}, {"GB", 1ull << 30}};
        size_t i;
        for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
            if (strcmp(end, tab[i].suf) == 0)
                break;
        if (i == sizeof tab / sizeof tab[0])
            return 0;
        mul = tab[i].mul;
    }
    if (v > UINT64_MAX / mul)
        return 0;
    *out = v * mul;
    return 1;
}

/* An integer in [min, max]: decimal or 0x hex, optionally negative. */
static int parse_int(const char *s, int64_t min, uint64_t max, uint64_t *bits)
{
    int neg = 0;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!*s || *s == '-' || *s == '+')
        return 0;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, base);
    if (errno || *end)
        return 0;
    if (neg) {
        if (v > (uint64_t)(-(min + 1)) + 1)
            return 0;
        *bits = (uint64_t)0 - v;
    } else {
        if (v > max)
            return 0;
        *bits = v;
    }
    return 1;
}

static int parse_arg(bx_valtype t, const char *s, bx_val *v)
{
    v->type = t;
    v->bits = 0;
    char *end;
    switch (t) {
    case BX_I32:
        if (!parse_int(s, INT32_MIN, UINT32_MAX, &v->bits))
            return 0;
        v->bits &= 0xffffffffu;
        return 1;
    case BX_I64:
        return parse_int(s, INT64_MIN, UINT64_MAX, &v->bits);
    case BX_F32: {
        errno = 0;
        float f = strtof(s, &end);
        if (end == s || *end)
            return 0;
        uint32_t b;
        memcpy(&b, &f, 4);
        v->bits = b;
        return 1;
    }
    case BX_F64: {
        errno = 0;
        double d = strtod(s, &end);
        if (end == s || *end)
            return 0;
        memcpy(&v->bits, &d, 8);
        return 1;
    }
    case BX_EXTERNREF:
        if (strcmp(s, "null") == 0)
            return 1;
        if (!parse_int(s, 0, UINT64_MAX - 1, &v->bits))
            return 0;
        v->bits += 1; /* externref N is passed as N+1; 0 is null */
        return 1;
    case BX_FUNCREF:
        return strcmp(s, "null") == 0;
    default:
        return 0;
    }
}

static const char *type_name(bx_valtype t)
{
    switch (t) {
    case BX_I32: return "i32";
    case BX_I64: return "i64";
    case BX_F32: return "f32";
    case BX_F64: return "f64";
    case BX_V128: return "v128";
    case BX_FUNCREF: return "funcref";
    case BX_EXTERNREF: return "externref";
    }
    return "?";
}

static void print_val(bx_valtype t, uint64_t bits)
{
    switch (t) {
    case BX_I32:
        printf("%" PRId32 "\n", (int32_t)(uint32_t)bits);
        break;
    case BX_I64:
        printf("%" PRId64 "\n", (int64_t)bits);
        break;
    case BX_F32: {
        float f;
        uint32_t b = (uint32_t)bits;
        memcpy(&f, &b, 4);
        if (isnan(f))
            printf("%snan:0x%" PRIx32 "\n", (b >> 31) ? "-" : "", b & 0x7fffffu);
        else
            printf("%.9g\n", (double)f);
        break;
    }
    case BX_F64: {
        double d;
        memcpy(&d, &bits, 8);
        if (isnan(d))
            printf("%snan:0x%" PRIx64 "\n", (bits >> 63) ? "-" : "",
                   (uint64_t)(bits & 0xfffffffffffffull));
        else
            printf("%.17g\n", d);
        break;
    }
    case BX_EXTERNREF:
        if (bits == 0)
            printf("null\n");
        else
            printf("externref:%" PRIu64 "\n", bits - 1);
        break;
    case BX_FUNCREF:
        printf(bits ? "funcref\n" : "null\n");
        break;
    default:
        printf("%s:0x%" PRIx64 "\n", type_name(t), bits);
    }
}

static int cmd_invoke(int argc, char **argv)
{
    bx_limits lim;
    memset(&lim, 0, sizeof lim);
    int fuel_set = 0;
    int i = 0;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strncmp(a, "--", 2) != 0)
            break;
        const char *val = NULL;
        const char *eq = strchr(a, '=');
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        if (eq)
            val = eq + 1;
        else if (i + 1 < argc)
            val = argv[i + 1];
        int consumed = !eq;
        uint64_t *dst = NULL;
        int is_size = 1;
        if (nlen == 6 && strncmp(a, "--fuel", 6) == 0) {
            dst = &lim.fuel;
            is_size = 0;
        } else if (nlen == 12 && strncmp(a, "--max-memory", 12) == 0) {
            dst = &lim.max_memory_bytes;
        } else if (nlen == 11 && strncmp(a, "--max-stack", 11) == 0) {
            dst = &lim.max_stack_bytes;
        } else {
            fprintf(stderr, "boxagnts invoke: unknown option %s (see boxagnts --help)\n", a);
            return EXIT_USAGE;
        }
        if (!val) {
            fprintf(stderr, "boxagnts invoke: %.*s needs a value\n", (int)nlen, a);
            return EXIT_USAGE;
        }
        uint64_t v = 0;
        int ok = is_size ? parse_size(val, &v) : parse_int(val, 0, UINT64_MAX, &v);
        if (!ok || v == 0) {
            fprintf(stderr, "boxagnts invoke: bad value for %.*s: %s\n", (int)nlen, a, val);
            return EXIT_USAGE;
        }
        *dst = v;
        if (dst == &lim.fuel)
            fuel_set = 1;
        i += consumed;
    }
    if (argc - i < 2) {
        fprintf(stderr, "usage: boxagnts invoke [--fuel N] [--max-memory SIZE] [--max-stack SIZE] "
                        "FILE.wasm FUNC [ARGS...]\n");
        return EXIT_USAGE;
    }
    const char *path = argv[i], *fname = argv[i + 1];
    char **args = argv + i + 2;
    int nargs = argc - i - 2;

    int rc = EXIT_OK;
    bx_module *m = load(path, &rc);
    if (!m)
        return rc == EXIT_TRAP ? EXIT_ERROR : rc;

    uint32_t nimp = bx_module_import_count(m);
    if (nimp > 0) {
        const char *mod = "?", *name = "?";
        bx_externkind k;
        bx_module_import(m, 0, &mod, &name, &k);
        fprintf(stderr,
                "boxagnts invoke: %s has %" PRIu32 " import(s) (the first is %s.%s); invoke only "
                "runs modules without imports\n",
                path, nimp, mod ? mod : "?", name ? name : "?");
        bx_module_free(m);
        return EXIT_ERROR;
    }
    const bx_functype *ft = bx_module_export_functype(m, fname);
    if (!ft) {
        fprintf(stderr, "boxagnts invoke: %s has no exported function \"%s\"; its exports:", path,
                fname);
        uint32_t ne = bx_module_export_count(m);
        for (uint32_t e = 0; e < ne; e++) {
            const char *en = NULL;
            bx_externkind k;
            bx_module_export(m, e, &en, &k);
            if (k == BX_EXTERN_FUNC && en)
                fprintf(stderr, " %s", en);
        }
        fputc('\n', stderr);
        bx_module_free(m);
        return EXIT_ERROR;
    }
    if ((uint32_t)nargs != ft->nparams) {
        fprintf(stderr, "boxagnts invoke: %s takes %" PRIu32 " argument(s) (", fname, ft->nparams);
        for (uint32_t p = 0; p < ft->nparams; p++)
            fprintf(stderr, "%s%s", p ? " " : "", type_name(ft->params[p]));
        fprintf(stderr, "), %d given\n", nargs);
        bx_module_free(m);
        return EXIT_USAGE;
    }
    bx_val *av = calloc((size_t)nargs + 1, sizeof *av);
    bx_val *rv = calloc((size_t)ft->nresults + 1, sizeof *rv);
    if (!av || !rv) {
        fprintf(stderr, "boxagnts: out of memory\n");
        free(av);
        free(rv);
        bx_module_free(m);
        return EXIT_ERROR;
    }
    for (int p = 0; p < nargs; p++) {
        if (!parse_arg(ft->params[p], args[p], &av[p])) {
            fprintf(stderr, "boxagnts invoke: argument %d: \"%s\" is not a valid %s\n", p + 1,
                    args[p], type_name(ft->params[p]));
            free(av);
            free(rv);
            bx_module_free(m);
            return EXIT_USAGE;
        }
    }

    bx_store *s = bx_store_new(&lim);
    if (!s) {
        fprintf(stderr, "boxagnts: cannot create a store\n");
        free(av);
        free(rv);
        bx_module_free(m);
        return EXIT_ERROR;
    }
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_instance *inst = bx_instance_new(s, m, NULL, 0, &err);
    bx_extern ext;
    memset(&ext, 0, sizeof ext);
    if (!inst) {
        if (err.status == BX_OK)
            err.status = BX_ERR_ARG;
        rc = report(path, &err);
    } else if (!bx_instance_export(inst, fname, &ext) || ext.kind != BX_EXTERN_FUNC) {
        fprintf(stderr, "boxagnts invoke: export \"%s\" not found in the instance\n", fname);
        rc = EXIT_ERROR;
    } else {
        for (uint32_t r = 0; r < ft->nresults; r++)
            rv[r].type = ft->results[r];
        bx_status st = bx_func_call(s, ext.of.func, av, (uint32_t)nargs, rv, ft->nresults, &err);
        if (st != BX_OK) {
            if (err.status == BX_OK)
                err.status = st;
            rc = report(fname, &err);
        } else {
            for (uint32_t r = 0; r < ft->nresults; r++)
                print_val(ft->results[r], rv[r].bits);
        }
    }
    if (fuel_set)
        fprintf(stderr, "fuel used: %" PRIu64 "\n", bx_store_fuel_used(s));
    bx_store_free(s);
    bx_module_free(m);
    free(av);
    free(rv);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0 || strcmp(cmd, "version") == 0) {
        printf("boxagnts %s (WebAssembly 2.0 core, no SIMD)\n", BOXAGNTS_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "validate") == 0)
        return cmd_validate(argc - 2, argv + 2);
    if (strcmp(cmd, "invoke") == 0)
        return cmd_invoke(argc - 2, argv + 2);
    fprintf(stderr, "boxagnts: unknown command \"%s\" (see boxagnts --help)\n", cmd);
    return EXIT_USAGE;
}
