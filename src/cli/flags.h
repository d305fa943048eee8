/*
 * flags.h — the one flag parser of every subcommand (flags.c).  A flag is
 * one row of the table in flags.c: its name, the subcommands that take it,
 * and either the bx_grants key it sets (src/sandbox/grants.c checks the
 * value) or a setter of cli_opts.  Every flag takes --name VALUE and
 * --name=VALUE; every subcommand answers --help with its own help.
 */
#ifndef BX_CLI_FLAGS_H
#define BX_CLI_FLAGS_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "boxagnts.h"

/* The subcommands, as a set (a flag row says which take it). */
typedef enum cli_cmd {
    CLI_RUN = 1, CLI_CALL = 2, CLI_MCP = 4, CLI_SERVE = 8, CLI_TOOLS = 16, CLI_INVOKE = 32,
    CLI_VALIDATE = 64
} cli_cmd;
#define CLI_SERVERS (CLI_MCP | CLI_SERVE)
#define CLI_SANDBOXED (CLI_RUN | CLI_CALL | CLI_SERVERS)

/* run's grants in the order written: --cap (and --env, --allow-host, stored
 * as grants) resolve in order with --dir (wasmtime's spelling). */
typedef enum cli_grant_kind { CLI_GRANT_CAP, CLI_GRANT_DIR } cli_grant_kind;
typedef struct cli_grant {
    cli_grant_kind kind;
    const char *spec;       /* CAP: a string of opts.g.caps; DIR: the argument */
} cli_grant;

/* Everything a command line can say; what a subcommand does not take
 * stays at its initial value. */
typedef struct cli_opts {
    cli_cmd cmd;
    const char *name;                /* "run", for messages */
    bx_grants g;                     /* grants and limits (owned) */
    cli_grant *grants; size_t ngrants;
    int help, json, jsonl, no_confine;
    int max_output_set;              /* run: capture output */
    uint32_t max_fds;                /* run: 0 = the default */
    const char *invoke, *stdin_file, *json_file;   /* run */
    const char *agent_id;            /* call */
    const char *policy, *executor;   /* mcp, serve */
    int profile_set;
    bx_perm max_level;               /* call, mcp, serve: --profile */
    char **tools; size_t ntools;     /* mcp, serve: --tool */
    char **tool_dirs; size_t ntool_dirs;   /* call, tools, mcp, serve: --tools-dir */
    uint64_t quota_fuel, quota_wall_ns, quota_calls;   /* mcp, serve */
    uint32_t workers;
    uint64_t max_message;
    int drain_set;                   /* mcp, serve: --drain given */
    uint32_t worker_reuse;           /* mcp, serve: --worker-reuse (0: not given) */
    uint64_t drain_ns;               /* its value (BX_DRAIN_WAIT: wait) */
    char **pos; size_t npos;         /* positional arguments (borrowed from argv) */
    void (*usage)(FILE *f);          /* the subcommand's help (--help prints it) */
} cli_opts;

void cli_opts_init(cli_opts *o, cli_cmd cmd, const char *name, void (*usage)(FILE *f));
void cli_opts_free(cli_opts *o);
/* Parse argv (after the subcommand name).  stop_at_pos: the first
 * positional argument and everything after it are positional (run: the
 * module and the guest's arguments); "--" ends the flags anywhere.
 * Returns -1 when all is well, else the exit code: EXIT_OK after --help
 * printed the usage on stdout, another after saying why on stderr. */
int cli_parse(cli_opts *o, int argc, char **argv, int stop_at_pos);
/* The workspace made canonical (realpath) and checked to be a directory;
 * 0, or EXIT_USAGE after saying why. */
int cli_workspace(cli_opts *o);
#endif
