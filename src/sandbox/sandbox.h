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

#endif
