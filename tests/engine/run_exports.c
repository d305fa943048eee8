/*
 * run_exports.c — test driver for the engine's differential tests
 * (tests/engine/t_*.sh): instantiates each module given (no imports) and
 * calls every exported function of type [] -> [T] in export order,
 * printing one line per call in the format tests/engine/judge.mjs prints
 * for V8:
 *
 *     NAME i32:HEX | i64:HEX | f32:HEX | f64:HEX | f32:nan | f64:nan | trap
 *
 * (floats as bit patterns; any NaN as "nan", since the spec lets NaN bits
 * vary).  Options: --fuel N (budget per call), --max-stack BYTES.
 * Exit status 0, or 2 if a module does not load or instantiate (printed).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "aot.h"

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    for (size_t k; b && (k = fread(b + n, 1, cap - n, f)) > 0;) {
        n += k;
        if (n == cap) {
            uint8_t *nb = realloc(b, cap *= 2);
            if (!nb) { free(b); b = NULL; }
            else b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

static void show(const bx_val *v)
{
    switch (v->type) {
    case BX_I32: printf("i32:%" PRIx32 "\n", (uint32_t)v->bits); break;
    case BX_I64: printf("i64:%" PRIx64 "\n", v->bits); break;
    case BX_F32:
        if ((v->bits & 0x7F800000u) == 0x7F800000u && (v->bits & 0x7FFFFFu)) printf("f32:nan\n");
        else printf("f32:%" PRIx32 "\n", (uint32_t)v->bits);
        break;
    case BX_F64:
        if ((v->bits & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (v->bits & 0xFFFFFFFFFFFFFull))
            printf("f64:nan\n");
        else printf("f64:%" PRIx64 "\n", v->bits);
        break;
    default: printf("ref:%s\n", v->bits ? "nonnull" : "null"); break;
    }
}

int main(int argc, char **argv)
{
    bx_limits lim;
    memset(&lim, 0, sizeof lim);
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--fuel") == 0 && i + 1 < argc) {
            lim.fuel = strtoull(argv[++i], NULL, 0);
            continue;
        }
        if (strcmp(argv[i], "--max-stack") == 0 && i + 1 < argc) {
            lim.max_stack_bytes = strtoull(argv[++i], NULL, 0);
            continue;
        }
        size_t len;
        uint8_t *bytes = slurp(argv[i], &len);
        bx_error err;
        bx_module *m = bytes ? bx_module_new(bytes, len, &err) : NULL;
        if (!m) {
            printf("%s: cannot load: %s\n", argv[i], bytes ? err.msg : "unreadable");
            free(bytes);
            rc = 2;
            continue;
        }
        bx_store *s = bx_store_new(&lim);
        bx_instance *inst = s ? bx_instance_new(s, m, NULL, 0, &err) : NULL;
        if (!inst) {
            printf("%s: cannot instantiate: %s\n", argv[i], s ? err.msg : "no store");
            rc = 2;
        }
        /* BOXAGNTS_TIER=aot: the compiled tier (src/aot); a module it does
         * not take is reported and fails the run (exit 3), so a test of the
         * tier never silently tests the interpreter */
        bxa_run ar;
        bxa_attach(&ar, bxa_tier_env(BXA_TIER_INTERP), m, getenv("BOXAGNTS_AOT_CACHE"), s, inst);
        if (inst && bxa_tier_env(BXA_TIER_INTERP) == BXA_TIER_AOT && ar.ran != BXA_TIER_AOT) {
            fprintf(stderr, "%s: interpreted: %s\n", argv[i], ar.why);
            rc = 3;
        }
        for (uint32_t k = 0; inst && k < bx_module_export_count(m); k++) {
            const char *name;
            bx_extern ex;
            bx_instance_export_at(inst, k, &name, &ex);
            if (ex.kind != BX_EXTERN_FUNC) continue;
            const bx_functype *ft = bx_func_type(ex.of.func);
            if (ft->nparams != 0 || ft->nresults != 1) continue;
            bx_val r;
            if (lim.fuel) bx_store_set_fuel(s, lim.fuel);
            printf("%s ", name);
            if (bx_func_call(s, ex.of.func, NULL, 0, &r, 1, &err) != BX_OK) printf("trap\n");
            else show(&r);
        }
        bx_store_free(s);
        bxa_detach(&ar);
        bx_module_free(m);
        free(bytes);
    }
    return rc;
}
