/*
 * aotbatch.h — the spec suite in the compiled tier, compiled in batches
 * (aotbatch.c): many modules per C file and per compiler run.
 */
#ifndef SPEC_AOTBATCH_H
#define SPEC_AOTBATCH_H

#include <stddef.h>

#include "boxagnts.h"
#include "aot.h"

/* Before any file runs: every module the converted files (json[0..n))
 * name is compiled in batches into cache_dir, jobs compiler runs at a
 * time, then loaded.  Prints one "spec: aot batches: ..." line. */
void aotb_prepare(char *const *json, size_t n, const char *cache_dir, int jobs);
/* The batch's compiled form of m (same bytes), or NULL (not batched: the
 * caller compiles it alone, as without batches).  Owned by this file. */
bxa_module *aotb_find(const bx_module *m);

#endif
