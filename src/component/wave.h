/*
 * wave.h — WAVE, the value syntax of wasm-tools' `wasm-wave` crate, read
 * and written against a component's types (wave.c), and the `--invoke`
 * driver that parses a call, lowers it, calls the export and prints its
 * result.  Private to src/component plus the sandbox that runs it.
 */
#ifndef BX_WAVE_H
#define BX_WAVE_H

#include "comp_impl.h"

/* A growable text buffer with a hard bound (max bytes; over is set, and
 * the text kept to max, once more was written). */
typedef struct bxcm_wbuf { char *p; size_t len, cap, max; int over, oom; } bxcm_wbuf;
void bxcm_wbuf_free(bxcm_wbuf *b);

/* One value of type t from s[*pos..n) (whitespace and // comments around
 * it skipped), allocated in a (bounded).  0 with *pos after it, or -1 with
 * why: "expected ...; found ... at column C" (column of s, 1-based, in
 * characters).  Nesting follows the type, whose depth the decoder bounds. */
int bxcm_wave_parse(bxcm_arena *a, const bxcm_type *t, const char *s, size_t n, size_t *pos,
                    bxcm_val *out, char *why, size_t whycap);
/* Write v of type t as WAVE (the crate's writer's spelling). */
void bxcm_wave_print(bxcm_wbuf *b, const bxcm_type *t, const bxcm_val *v);
/* Structural equality (floats by bits, any NaN equal to any NaN). */
int bxcm_wave_equal(const bxcm_type *t, const bxcm_val *a, const bxcm_val *b);
/* "a record with fields name, size", "a list", "a u8", ... */
void bxcm_wave_describe(const bxcm_type *t, char *out, size_t cap);

/* --invoke on an instantiated component.  call is "NAME(ARGS)" (WAVE
 * arguments) or, with args != NULL, a bare NAME whose arguments are
 * args[0..nargs), one WAVE value each.  NAME is an export's name, or
 * INTERFACE#NAME for a function inside an exported instance (any 0.2.x of
 * a versioned interface); a bare name is also looked for inside the
 * exported instances and must then be unique.  On BX_OK *text (malloc'ed,
 * NUL-terminated, at most max_text bytes plus a newline; *cut when
 * longer) holds the result.  BX_ERR_ARG: the call could not be made
 * (unknown name, bad argument, resource handles) and err->msg says why;
 * BX_ERR_TRAP: the call trapped. */
bx_status bxcm_invoke(bxcm_ctx *cx, const char *call, const char *const *args, uint32_t nargs,
                      size_t max_text, char **text, size_t *len, int *cut, bx_error *err);
/* The same on a component instantiated with the WASI 0.2 host (wasi2.c). */
bx_status bxcm_wasi_invoke(bx_wasi *w, bx_net *net, bx_store *s, const bxcm_comp *c, const char *call,
                           const char *const *args, uint32_t nargs, size_t max_text, char **text,
                           size_t *len, int *cut, bx_error *err);

#endif
