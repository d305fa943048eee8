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

int cmd_validate(int argc, char **argv)
{
    if (argc != 1) {
        fprintf(stderr, "usage: boxagnts validate FILE.wasm\n");
        return EXIT_USAGE;
    }
    int rc = EXIT_OK;
    bx_module *m = cli_load(argv[0], &rc);
    if (!m)
        return rc == EXIT_TRAP ? EXIT_ERROR : rc;
    bx_module_free(m);
    printf("ok\n");
    return EXIT_OK;
}

/* An integer in [min, max]: decimal or 0x hex, optionally negative. */
int cmd_invoke(int argc, char **argv)
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
        bx_error perr;
        int ok = is_size ? bx_parse_size(val, &v, &perr) == BX_OK
                         : cli_parse_int(val, 0, UINT64_MAX, &v);
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
        fprintf(stderr, "boxagnts invoke: %s takes %" PRIu32 " argument(s) (", fname, ft->nparams);
        for (uint32_t p = 0; p < ft->nparams; p++)
            fprintf(stderr, "%s%s", p ? " " : "", bx_valtype_name(ft->params[p]));
        fprintf(stderr, "), %d given\n", nargs);
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


