/*
 * fuzz/fuzz_component.c — libFuzzer target for the component decoder,
 * validator and runtime (src/component).
 *
 * For each input: decode + validate (bxcm_decode); if it decodes,
 * instantiate it with no host imports under small limits (fuel, 16 MiB of
 * memory, 256 KiB of wasm stack) and call every exported function whose
 * parameters are all integers with zeros, lifting whatever it returns.
 * Besides the sanitizers, a trap status without a trap kind aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boxagnts.h"
#include "comp_impl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bx_error err;
    bxcm_comp *c = bxcm_decode(data, size, &err);
    if (!c) return 0;
    bx_limits lim = {0};
    lim.max_memory_bytes = 16u << 20;
    lim.max_stack_bytes = 256u << 10;
    lim.fuel = 100000;
    bx_store *s = bx_store_new(&lim);
    bxcm_ctx *cx = s ? bxcm_ctx_new(s, NULL) : NULL;
    if (cx && bxcm_instantiate(cx, c, &err) == BX_OK && cx->root) {
        for (uint32_t i = 0; i < cx->root->nex && i < 100; i++) {
            if (cx->root->ex[i].sort != S_FUNC) continue;
            bxcm_func *f = cx->root->ex[i].p;
            const bxcm_type *ft = bxcm_func_type(f);
            bxcm_val args[16];
            int ok = ft->n <= 16;
            for (uint32_t k = 0; ok && k < ft->n; k++) {
                memset(&args[k], 0, sizeof args[k]);
                if (ft->ts[k]->k > TK_F64) ok = 0;
            }
            if (!ok) continue;
            bxcm_val res;
            memset(&res, 0, sizeof res);
            bx_store_set_fuel(s, 100000);
            if (bxcm_call(cx, f, args, &res, &err) == BX_ERR_TRAP && err.trap == BX_TRAP_NONE) abort();
        }
    }
    bxcm_ctx_free(cx);
    bx_store_free(s);
    bxcm_free(c);
    return 0;
}
