/*
 * engine.c — `boxagnts validate` and `boxagnts invoke`: the engine alone,
 * no WASI, no grants.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flags.h"

static void validate_usage(FILE *f)
{
    fprintf(f,
            "usage: boxagnts validate FILE.wasm\n"
            "\n"
            "Decodes and validates a module (WebAssembly 2.0 core); prints \"ok\", or the error\n"
            "and its byte offset.  Exit status: 0 valid, 1 unreadable, malformed or invalid,\n"
            "2 usage error.\n");
}

static void invoke_usage(FILE *f)
{
    fprintf(f,
            "usage: boxagnts invoke [options] FILE.wasm FUNC [ARGS...]\n"
            "\n"
            "Instantiates a module that has no imports and calls its export FUNC; ARGS are\n"
            "parsed by FUNC's parameter types (i32/i64: decimal or 0x hex, may be negative;\n"
            "f32/f64: decimal, inf, nan; v128: 0x and 32 hex digits; externref: null or an\n"
            "integer; funcref: null); results are printed one per line.\n"
            "  --fuel N           stop after N instructions (trap \"fuel exhausted\")\n"
            "  --max-memory SIZE  cap linear memories and tables together (e.g. 64MiB; default 4GiB)\n"
            "  --max-stack SIZE   cap the wasm stack (e.g. 512KiB; default 1MiB)\n"
            "  SIZE: bytes or with B/K/KiB/M/MiB/G/GiB (KB/MB/GB: powers of 1000)\n"
            "Exit status: 0 success, 1 error (unreadable, malformed, invalid, has imports,\n"
            "no such export), 2 usage error, 3 the module trapped.\n");
}

int cmd_validate(int argc, char **argv)
{
    cli_opts fl;
    cli_opts_init(&fl, CLI_VALIDATE, "validate", validate_usage);
    int rc = cli_parse(&fl, argc, argv, 1);
    if (rc < 0 && fl.npos != 1) {
        validate_usage(stderr);
        rc = EXIT_USAGE;
    }
    const char *path = fl.npos ? fl.pos[0] : NULL;
    cli_opts_free(&fl);
    if (rc >= 0)
        return rc;
    rc = EXIT_OK;
    bx_module *m = cli_load(path, &rc);
    if (!m)
        return rc == EXIT_TRAP ? EXIT_ERROR : rc;
    bx_module_free(m);
    printf("ok\n");
    return EXIT_OK;
}

/* An integer in [min, max]: decimal or 0x hex, optionally negative. */
static int invoke_module(int argc, char **argv, const bx_limits *limp, int fuel_set);

int cmd_invoke(int argc, char **argv)
{
    bx_limits lim;
    memset(&lim, 0, sizeof lim);
    cli_opts fl;
    cli_opts_init(&fl, CLI_INVOKE, "invoke", invoke_usage);
    int prc = cli_parse(&fl, argc, argv, 1);
    if (prc < 0 && fl.npos < 2) {
        fprintf(stderr, "usage: boxagnts invoke [--fuel N] [--max-memory SIZE] [--max-stack SIZE] "
                        "FILE.wasm FUNC [ARGS...] (see boxagnts invoke --help)\n");
        prc = EXIT_USAGE;
    }
    lim.fuel = fl.g.fuel;
    lim.max_memory_bytes = fl.g.max_memory;
    lim.max_stack_bytes = fl.g.max_stack;
    int fuel_set = lim.fuel != 0;
    /* the positional arguments point into argv: they outlive fl */
    char **pos = fl.pos;
    int npos = (int)fl.npos;
    fl.pos = NULL;
    cli_opts_free(&fl);
    if (prc >= 0) {
        free(pos);
        return prc;
    }
    prc = invoke_module(npos, pos, &lim, fuel_set);
    free(pos);
    return prc;
}

/* FILE FUNC ARGS... under lim. */
static int invoke_module(int argc, char **argv, const bx_limits *limp, int fuel_set)
{
    bx_limits lim = *limp;
    int i = 0;
    const char *path = argv[i], *fname = argv[i + 1];
    char **args = argv + i + 2;
    int nargs = argc - i - 2;

    int rc = EXIT_OK;
    bx_module *m = cli_load(path, &rc);
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
        cli_arity_error("invoke", fname, ft, nargs);
        bx_module_free(m);
        return EXIT_USAGE;
    }
    /* a v128 takes two entries of the API's arrays */
    bx_val *av = calloc(2 * (size_t)nargs + 1, sizeof *av);
    bx_val *rv = calloc(2 * (size_t)ft->nresults + 1, sizeof *rv);
    uint32_t na = 0, nr = 0;
    if (!av || !rv) {
        fprintf(stderr, "boxagnts: out of memory\n");
        free(av);
        free(rv);
        bx_module_free(m);
        return EXIT_ERROR;
    }
    for (int p = 0; p < nargs; p++) {
        int ok = ft->params[p] == BX_V128 ? cli_parse_v128(args[p], &av[na], &av[na + 1])
                                          : cli_parse_arg(ft->params[p], args[p], &av[na]);
        na += ft->params[p] == BX_V128 ? 2 : 1;
        if (!ok) {
            fprintf(stderr, "boxagnts invoke: argument %d: \"%s\" is not a valid %s\n", p + 1,
                    args[p], bx_valtype_name(ft->params[p]));
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
        rc = cli_report(path, &err);
    } else if (!bx_instance_export(inst, fname, &ext) || ext.kind != BX_EXTERN_FUNC) {
        fprintf(stderr, "boxagnts invoke: export \"%s\" not found in the instance\n", fname);
        rc = EXIT_ERROR;
    } else {
        for (uint32_t r = 0; r < ft->nresults; r++)
            nr += ft->results[r] == BX_V128 ? 2 : 1;
        bx_status st = bx_func_call(s, ext.of.func, av, na, rv, nr, &err);
        if (st != BX_OK) {
            if (err.status == BX_OK)
                err.status = st;
            rc = cli_report(fname, &err);
        } else {
            for (uint32_t r = 0, k = 0; r < ft->nresults; r++, k++) {
                if (ft->results[r] == BX_V128) {
                    cli_print_v128(rv[k].bits, rv[k + 1].bits);
                    k++;
                } else {
                    cli_print_val(ft->results[r], rv[k].bits);
                }
            }
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

/* ---- run --------------------------------------------------------------- */


