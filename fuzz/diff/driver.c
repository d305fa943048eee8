/*
 * fuzz/diff/driver.c — our engine's side of the differential harness.
 *
 *   diffrun BATCH        (BATCH from `node fuzz/diff/diff.mjs gen`)
 *
 * For each module of the batch ("M file", "T global type", "C export
 * results args..."): compile, instantiate without imports, call the exports
 * in order with the given arguments (raw bits), then print, in the format
 * diff.mjs prints for V8:
 *
 *   M file
 *   X invalid | I <trap class>                (compile / instantiation failed)
 *   C name ok type:hexbits ...  | C name trap <class> | C name fuel
 *   G gN type:hexbits            (NaN printed as type:nan: NaN bits are free)
 *   H pages fnv1a32              (the whole memory)
 *
 * Each call gets a fresh fuel budget (DIFF_FUEL, default 200M): V8 has no
 * fuel, the generator bounds the work, and a run out of fuel is reported
 * so the comparer skips that module rather than calling it a difference.
 * The engine reads BOXAGNTS_NO_FUSION itself when a module is compiled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>

#include "boxagnts.h"
#include "aot.h"

#define MAXLINE 4096

static const char *trap_class(bx_trap t)
{
    switch (t) {
    case BX_TRAP_UNREACHABLE: return "unreachable";
    case BX_TRAP_MEMORY_OOB: return "mem";
    case BX_TRAP_TABLE_OOB: return "table";
    case BX_TRAP_UNDEFINED_ELEMENT: return "table";   /* V8: "table index is out of bounds" */
    case BX_TRAP_UNINITIALIZED: return "sig";         /* V8: "null function or signature mismatch" */
    case BX_TRAP_INDIRECT_TYPE: return "sig";
    case BX_TRAP_DIV_ZERO: return "div0";
    case BX_TRAP_INT_OVERFLOW: return "ovf";
    case BX_TRAP_INVALID_CONV: return "conv";
    case BX_TRAP_STACK_EXHAUSTED: return "stack";
    default: return bx_trap_message(t);
    }
}

static bx_valtype parse_type(const char *s)
{
    if (!strncmp(s, "i32", 3)) return BX_I32;
    if (!strncmp(s, "i64", 3)) return BX_I64;
    if (!strncmp(s, "f32", 3)) return BX_F32;
    return BX_F64;
}

static void print_val(bx_val v)
{
    switch (v.type) {
    case BX_I32: printf("i32:%08" PRIx32, (uint32_t)v.bits); break;
    case BX_I64: printf("i64:%016" PRIx64, v.bits); break;
    case BX_F32:
        if ((v.bits & 0x7f800000u) == 0x7f800000u && (v.bits & 0x7fffffu)) printf("f32:nan");
        else printf("f32:%08" PRIx32, (uint32_t)v.bits);
        break;
    case BX_F64:
        if ((v.bits & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (v.bits & 0xfffffffffffffull))
            printf("f64:nan");
        else printf("f64:%016" PRIx64, v.bits);
        break;
    default: printf("?:%" PRIx64, v.bits);
    }
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *b = malloc(cap);
    size_t k;
    while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            uint8_t *nb = cap < (64u << 20) ? realloc(b, cap * 2) : NULL;
            if (!nb) { free(b); b = NULL; break; }
            b = nb; cap *= 2;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

typedef struct run {
    bx_module *mod;
    bx_store *store;
    bx_instance *inst;
    bxa_run aot;            /* BOXAGNTS_TIER=aot: the compiled tier (src/aot) */
    int dead;                   /* compile or instantiation failed: ignore C lines */
    char gnames[64][16];
    int ng;
    uint64_t fuel;
} run;

static void finish(run *r)
{
    if (r->inst) {
        for (int i = 0; i < r->ng; i++) {
            bx_extern e;
            if (!bx_instance_export(r->inst, r->gnames[i], &e) || e.kind != BX_EXTERN_GLOBAL) continue;
            printf("G %s ", r->gnames[i]);
            print_val(bx_global_get(e.of.global));
            printf("\n");
        }
        bx_extern m;
        if (bx_instance_export(r->inst, "mem", &m) && m.kind == BX_EXTERN_MEMORY) {
            const uint8_t *d = bx_memory_data(m.of.memory);
            uint64_t n = bx_memory_size(m.of.memory);
            uint32_t h = 0x811c9dc5u;
            for (uint64_t i = 0; i < n; i++) h = (h ^ d[i]) * 0x01000193u;
            printf("H %" PRIu64 " %08" PRIx32 "\n", n / 65536, h);
        }
    }
    if (r->store) bx_store_free(r->store);
    bxa_detach(&r->aot);
    if (r->mod) bx_module_free(r->mod);
    memset(r, 0, sizeof *r);
}

static void call(run *r, char *line)
{
    char *save = NULL;
    char *name = strtok_r(line, " \n", &save);
    char *res = strtok_r(NULL, " \n", &save);
    (void)res;
    bx_extern e;
    if (!name || !bx_instance_export(r->inst, name, &e) || e.kind != BX_EXTERN_FUNC) {
        printf("C %s missing\n", name ? name : "?");
        return;
    }
    const bx_functype *ft = bx_func_type(e.of.func);
    bx_val args[16], results[16];
    uint32_t na = 0;
    char *a;
    while ((a = strtok_r(NULL, " \n", &save)) && na < 16) {
        args[na].type = parse_type(a);
        args[na].bits = strtoull(a + 4, NULL, 16);
        na++;
    }
    bx_error err;
    bx_store_set_fuel(r->store, r->fuel);
    bx_status st = bx_func_call(r->store, e.of.func, args, na, results,
                                ft->nresults < 16 ? ft->nresults : 16, &err);
    printf("C %s ", name);
    if (st == BX_OK) {
        printf("ok");
        for (uint32_t i = 0; i < ft->nresults && i < 16; i++) { printf(" "); print_val(results[i]); }
    } else if (st == BX_ERR_TRAP && err.trap == BX_TRAP_FUEL_EXHAUSTED) {
        printf("fuel");
    } else if (st == BX_ERR_TRAP) {
        printf("trap %s", trap_class(err.trap));
    } else {
        printf("error %d %s", (int)st, err.msg);
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s BATCH\n", argv[0]);
        return 2;
    }
    FILE *bf = fopen(argv[1], "r");
    if (!bf) { perror(argv[1]); return 1; }
    char dir[2048];
    snprintf(dir, sizeof dir, "%s", argv[1]);
    char *slash = strrchr(dir, '/');
    if (slash) slash[1] = 0; else dir[0] = 0;
    const char *fe = getenv("DIFF_FUEL");
    uint64_t fuel = fe ? strtoull(fe, NULL, 10) : 200000000ull;

    run r;
    memset(&r, 0, sizeof r);
    char line[MAXLINE];
    int open = 0;
    while (fgets(line, sizeof line, bf)) {
        if (line[0] == 'M' && line[1] == ' ') {
            if (open) finish(&r);
            open = 1;
            r.fuel = fuel;
            line[strcspn(line, "\n")] = 0;
            printf("M %s\n", line + 2);
            char path[4096];
            snprintf(path, sizeof path, "%s%s", dir, line + 2);
            size_t len;
            uint8_t *bytes = read_file(path, &len);
            bx_error err;
            if (!bytes) { printf("X unreadable\n"); r.dead = 1; continue; }
            r.mod = bx_module_new(bytes, len, &err);
            free(bytes);
            if (!r.mod) { printf("X invalid\n"); r.dead = 1; fprintf(stderr, "%s: %s\n", path, err.msg); continue; }
            bx_limits lim = { .max_stack_bytes = 8u << 20 };
            r.store = bx_store_new(&lim);
            if (!r.store) { printf("X nomem\n"); r.dead = 1; continue; }
            bx_store_set_fuel(r.store, fuel);
            r.inst = bx_instance_new(r.store, r.mod, NULL, 0, &err);
            if (!r.inst) {
                if (err.status == BX_ERR_TRAP) printf("I %s\n", trap_class(err.trap));
                else printf("I error %s\n", err.msg);
                r.dead = 1;
            } else {
                bxa_tier tier = bxa_tier_env(BXA_TIER_INTERP);
                bxa_attach(&r.aot, tier, r.mod, getenv("BOXAGNTS_AOT_CACHE"), r.store, r.inst);
                if (tier == BXA_TIER_AOT && r.aot.ran != BXA_TIER_AOT)
                    fprintf(stderr, "%s: interpreted: %s\n", path, r.aot.why);
            }
        } else if (line[0] == 'T' && line[1] == ' ' && !r.dead) {
            char g[16], t[8];
            if (r.ng < 64 && sscanf(line + 2, "%15s %7s", g, t) == 2) snprintf(r.gnames[r.ng++], 16, "%s", g);
        } else if (line[0] == 'C' && line[1] == ' ' && !r.dead) {
            call(&r, line + 2);
        }

    }
    if (open) finish(&r);
    fclose(bf);
    return 0;
}
