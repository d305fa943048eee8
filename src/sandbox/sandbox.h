/*
 * sandbox.h — RunOption as one C struct, and the calls that build it
 * (to move into include/boxagnts.h once the WASI section there settles).
 */
#ifndef BX_SANDBOX_H
#define BX_SANDBOX_H

#include <stddef.h>
#include <stdint.h>

#include "boxagnts.h"

typedef struct bx_dir_map {
    char *host;        /* canonical host path (realpath) */
    char *guest;       /* absolute guest path, normalised */
    int read_only;
    int is_file;       /* a single-file grant */
} bx_dir_map;

/* The seed's RunOption.  Every string is owned (bx_run_options_free). */
typedef struct bx_run_options {
    char *work_dir;                 /* host dir behind /workspace in grants */
    bx_dir_map *map_dirs; size_t nmap_dirs;
    char **env_vars; size_t nenv_vars;       /* NAME=VALUE, or NAME = pass the host's */
    char **deny; size_t ndeny;               /* guest path globs made absent */
    char **allowed_outbound_hosts; size_t nallowed_outbound_hosts;
    char **block_url; size_t nblock_url;
    char **block_networks; size_t nblock_networks;
    int block_private;              /* default 1: `private` is always blocked unless lifted */
    uint64_t timeout_ns;            /* 0 = none */
    uint64_t max_memory;            /* bytes, 0 = engine default */
    uint64_t max_stack;             /* bytes, 0 = engine default */
    uint64_t fuel;                  /* 0 = unlimited */
    uint64_t max_output;            /* bytes per stream, 0 = 1 MiB */
    char *cache_dir;
    char *audit_path;
} bx_run_options;

void bx_run_options_init(bx_run_options *o);
void bx_run_options_free(bx_run_options *o);
bx_status bx_run_options_set_workspace(bx_run_options *o, const char *dir, bx_error *err);
bx_status bx_run_options_add_cap(bx_run_options *o, const char *cap, bx_error *err);
bx_status bx_run_options_add_dir(bx_run_options *o, const char *spec, bx_error *err);
bx_status bx_run_options_add_env(bx_run_options *o, const char *spec, bx_error *err);
bx_status bx_run_options_add_list(char ***v, size_t *n, const char *s, bx_error *err);
bx_status bx_parse_size(const char *s, uint64_t *out, bx_error *err);
bx_status bx_parse_duration(const char *s, uint64_t *out_ns, bx_error *err);

/* What the caller supplies besides the options: argv, stdin, how output
 * is handled, and optionally one export to call instead of _start. */
#define BX_RUN_MAX_RESULTS 16
typedef struct bx_run_io {
    const char *const *argv; uint32_t argc;   /* argv[0] = program name */
    bx_wasi_stdin_kind stdin_kind;
    const uint8_t *stdin_buf; size_t stdin_len;
    int capture;              /* 1: stdout/stderr into the result (capped); 0: host's */
    const char *invoke;       /* NULL: run _start */
    const bx_val *args; uint32_t nargs;
    const char *sandbox_id;   /* for the audit log */
} bx_run_io;

typedef enum bx_run_outcome_kind {
    BX_RUN_EXITED,            /* _start returned or proc_exit: exit_code */
    BX_RUN_RETURNED,          /* --invoke returned: results */
    BX_RUN_TRAPPED,           /* trap (timeout, fuel, stack, or other): trap, message */
    BX_RUN_LOAD_ERROR,        /* malformed, invalid, unlinkable, no entry: message */
    BX_RUN_OUT_OF_MEMORY      /* memory minimum above --max-memory: message */
} bx_run_outcome_kind;

/* The result record.  out/err are owned (bx_run_result_free). */
typedef struct bx_run_result {
    bx_run_outcome_kind outcome;
    int32_t exit_code;
    bx_trap trap;
    int timed_out;
    char message[320];        /* one line: what stopped it and how to change that */
    bx_val results[BX_RUN_MAX_RESULTS];
    uint32_t nresults;
    uint64_t fuel_used, wall_ns, peak_memory;
    uint8_t *out, *err;
    size_t out_len, err_len;
    int out_truncated, err_truncated;
} bx_run_result;

/* Run one module under the options.  Returns BX_OK when the module ran
 * (however it ended: see r->outcome), else an error with err->msg. */
bx_status bx_sandbox_run(const bx_run_options *o, const uint8_t *wasm, size_t len,
                         const bx_run_io *io, bx_run_result *r, bx_error *err);
void bx_run_result_free(bx_run_result *r);
/* "exited", "timeout", "fuel exhausted", "stack exhausted", "trap", ... */
const char *bx_run_outcome(const bx_run_result *r);

#endif
