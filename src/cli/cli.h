/*
 * cli.h — what the subcommand files of src/cli share: exit codes, file
 * reading, error reporting, value parsing and printing.  CLI-private.
 */
#ifndef BX_CLI_H
#define BX_CLI_H
#include <stdint.h>
#include <stdio.h>
#include "boxagnts.h"

#define BOXAGNTS_VERSION "0.1.0"

/* Exit codes of validate/invoke (documented in --help); run and call
 * document their own. */
enum {
    EXIT_OK = 0,
    EXIT_ERROR = 1,  /* cannot read, malformed, invalid, unlinkable, limit, ... */
    EXIT_USAGE = 2,  /* bad command line */
    EXIT_TRAP = 3    /* the guest trapped (incl. fuel / stack exhausted) */
};

/* Exit codes of `run` besides the guest's own (documented in --help and
 * the README). */
enum {
    RUN_EXIT_LOAD = 120,    /* module unreadable, malformed, invalid, unlinkable, no entry */
    RUN_EXIT_TRAP = 121,    /* any other trap (unreachable, out of bounds, ...) */
    RUN_EXIT_STACK = 122,   /* stack exhausted (--max-stack) */
    RUN_EXIT_FUEL = 123,    /* fuel exhausted (--fuel) */
    RUN_EXIT_TIMEOUT = 124, /* timeout (--timeout) */
    RUN_EXIT_OOM = 125,     /* memory minimum above --max-memory at instantiation */
    RUN_EXIT_VIOLATION = 126, /* the worker made a system call confinement forbids */
    RUN_EXIT_CRASHED = 118  /* the worker died of a signal or sent no valid result */
};

/* Whole file into a malloc'd buffer (caller frees); NULL after printing why. */
uint8_t *cli_read_file(const char *path, size_t *len);
const char *cli_status_text(bx_status s);
/* Print err for `what` on stderr; returns the exit code to use. */
int cli_report(const char *what, const bx_error *err);
/* The exit status when a run, call or server could not be set up: a bad
 * argument, or a file the user named that cannot be used (BX_ERR_IO), is
 * the user's to fix (EXIT_USAGE); anything else is EXIT_ERROR. */
int cli_setup_exit(bx_status st);
bx_module *cli_load(const char *path, int *rc);
int cli_parse_int(const char *s, int64_t min, uint64_t max, uint64_t *bits);
int cli_parse_arg(bx_valtype t, const char *s, bx_val *v);
void cli_print_val(bx_valtype t, uint64_t bits);
/* A v128 as 0x and 32 hex digits (lane 0 lowest); the API passes it as
 * two entries, low half first. */
int cli_parse_v128(const char *s, bx_val *lo, bx_val *hi);
/* "boxagnts CMD: F takes N argument(s) (types), G given" on stderr. */
void cli_arity_error(const char *cmd, const char *fname, const bx_functype *ft, int given);
void cli_print_v128(uint64_t lo, uint64_t hi);

/* tooldirs.c: the built-in tools' directory, relative to the binary (empty
 * when none); `looked` (may be NULL) gets the places tried.  cli_no_tools
 * says on stderr where tools were looked for and how to provide them. */
void cli_builtin_tools_dir(char *out, size_t cap, char *looked, size_t lcap);
void cli_no_tools(const char *cmd, const char *looked, size_t ndirs);
/* The built-in tools' dir, then $BOXAGNTS_TOOLS_PATH, appended to c's tool
 * dirs (before a policy's and the flags'); -1 after saying why. */
int cli_default_tool_dirs(bx_server_config *c);
/* precompile.c: `boxagnts tool precompile [NAME...]` (argv after it). */
int cli_tool_precompile(int argc, char **argv);
/* flags.c: append a copy of s to a string vector; EXIT_ERROR after saying why. */
int cli_push(char ***v, size_t *n, const char *s);

/* grants.c: every grant checked as a call would, before anything runs;
 * 0, or EXIT_USAGE after saying which grant and why on stderr.  With a
 * cache dir (may be NULL; `from` names where it came from), also a note
 * when the grants reach it (cachedir.c). */
int cli_check_grants(const char *cmd, const char *workspace, const char *const *grants, size_t n,
                     const char *cache_dir, const char *cache_from);
int cli_check_server_grants(const char *cmd, const bx_server_config *c, const char *cache_from);

/* cachedir.c: the cache location rule (--cache-dir, $BOXAGNTS_CACHE_DIR,
 * $XDG_CACHE_HOME/boxagnts, ~/.cache/boxagnts; "none": off).  `given` is
 * the flag's value or NULL; returns NULL for no cache; *from names the
 * source.  cli_cache_overlap: 1 when a grant of o reaches dir (why says
 * which); cli_cache_note prints it. */
const char *cli_cache_dir(const char *given, char *buf, size_t cap, const char **from);
int cli_cache_overlap(const char *dir, const bx_run_options *o, char *why, size_t cap);
void cli_cache_note(const char *cmd, const char *who, const char *dir, const char *from, const bx_run_options *o);

/* Subcommands: argv[0] is the first argument after the command name. */
int cmd_validate(int argc, char **argv);
int cmd_invoke(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_tools(int argc, char **argv);
int cmd_call(int argc, char **argv);
int cmd_mcp(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_tool(int argc, char **argv);
int cmd_policy(int argc, char **argv);   /* policycmd.c: policy check */     /* toolcmd.c: tool new, tool check */
#endif
