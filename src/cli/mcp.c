/*
 * mcp.c — `boxagnts mcp` (an MCP server on stdio) and `boxagnts serve
 * --jsonl` (line-delimited JSON): flags and the policy file into a
 * bx_server_config, then src/server does the rest.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "flags.h"

static void usage(FILE *f, const char *cmd)
{
    fprintf(f,
            "usage: boxagnts %s [options]\n"
            "\n"
            "%s"
            "Every call runs in its own WebAssembly sandbox, on a pool of worker threads.\n"
            "\n"
            "Options (after --policy FILE, whose settings they override):\n"
            "  --policy FILE          JSON policy: workspace, grants, limits, profile, quotas,\n"
            "                         tool dirs, executors (see docs/policy.md)\n"
            "  --workspace DIR        shown to tools at /workspace\n"
            "  --cap GRANT            read:GUEST[=HOST]  write:GUEST[=HOST]  fetch:PATTERN\n"
            "                         env:NAME[=VALUE]  deny:GLOB   (repeatable)\n"
            "  --allow-host PATTERN   same as --cap fetch:PATTERN\n"
            "  --block-network CIDR|private   --block-url PREFIX\n"
            "  --allow-network CIDR   lift the private-network block for these addresses\n"
            "  --secret-header ORIGIN:NAME=env:VAR   a header the host adds for one origin\n"
            "  --profile LEVEL        highest permission level allowed: none, read_only, write,\n"
            "                         execute (default), dangerous\n"
            "  --tool NAME            offer only these tools (repeatable; default: all)\n"
            "  --timeout DURATION  --max-memory SIZE  --max-stack SIZE  --fuel N  --max-output SIZE\n"
            "  --max-write SIZE       per-call limits (default: each tool's manifest)\n"
            "  --quota-fuel N  --quota-wall DURATION  --quota-calls N\n"
            "                         totals per executor (default: unlimited)\n"
            "  --tools-dir DIR        also load the tools in DIR/<name>/tool.json (repeatable)\n"
            "  --workers N            worker threads (default: online cores)\n"
            "  --require-os-confinement   refuse calls whose worker is not fully confined\n"
            "  --no-os-confinement    run calls in the server's threads (debugging)\n"
            "  --tier interp|aot|auto tools' modules interpreted, compiled to native code by\n"
            "                         the system's C compiler before workers fork, or auto:\n"
            "                         a cached compiled form, else interpreted while a tool\n"
            "                         called repeatedly is compiled in the background (default\n"
            "                         the policy's \"tier\", $BOXAGNTS_TIER, else a compiled\n"
            "                         form the cache already holds, never compiling one)\n"
            "  --max-message SIZE     longest accepted message line (default 16MiB)\n"
            "  --drain DURATION|wait  at end of input, cancel calls still running after this\n"
            "                         long; wait: let every call finish (default: %s;\n"
            "                         0: at once; the policy's \"drain\")\n"
            "  --worker-reuse N       each confined worker may serve up to N calls of one\n"
            "                         executor and tool (default 1000; 1: a fresh worker per\n"
            "                         call; the policy's \"worker_reuse\"; README: security)\n"
            "  --audit FILE  --cache-dir DIR   (cache default: $BOXAGNTS_CACHE_DIR, else\n"
            "                         $XDG_CACHE_HOME/boxagnts, else ~/.cache/boxagnts; none: off)\n"
            "%s"
            "\n"
            "Reads until end of input, gives the running calls the drain time (queued ones are\n"
            "answered as cancelled), then exits 0; at once if the reader of its output is gone.\n"
            "SIGTERM or SIGINT: the running calls are cancelled (their sandboxes stopped, each\n"
            "answered as cancelled), then exit 0; a second one kills.  SIGHUP: look for new\n"
            "tools in the tool dirs and tell MCP clients (notifications/tools/list_changed).\n"
            "Exit 1 when the tools cannot be loaded or output cannot be written, 2 on usage\n"
            "errors.\n",
            cmd,
            !strcmp(cmd, "mcp")
                ? "A Model Context Protocol server over stdio (JSON-RPC 2.0, one message per\n"
                  "line; protocol 2025-06-18, also 2025-03-26 and 2024-11-05).\n"
                : "Line-delimited JSON on stdio.  Request, one per line:\n"
                  "  {\"id\": 1, \"executor\": \"default\", \"tool\": \"file-read\", \"input\": {...}}\n"
                  "Response, in completion order:\n"
                  "  {\"id\": 1, \"result\": {\"content\", \"is_error\", \"metadata\"},\n"
                  "   \"usage\": {\"fuel\", \"wall_ms\", \"peak_memory\"}}  or  {\"id\": 1, \"error\":\n"
                  "  {\"code\", \"message\"}};  {\"cancel\": 1} stops call 1.\n",
            !strcmp(cmd, "mcp") ? "500ms" : "wait",
            !strcmp(cmd, "mcp") ? "  --executor NAME        make calls as this executor of the policy (default: default)\n"
                                : "  --jsonl                the protocol (required; the only one so far)\n");
}

/* The server the signal handlers talk to (the one process-wide thing a
 * handler can reach).  SIGTERM and SIGINT stop it once; SA_RESETHAND makes
 * a second one kill, for a sandbox that does not stop. */
static bx_server *volatile signal_server;

static void on_signal(int sig)
{
    bx_server_request(signal_server, sig == SIGHUP ? BX_SERVER_RESCAN : BX_SERVER_STOP);
}

static void on_signals(bx_server *s)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = s ? on_signal : SIG_DFL;
    signal_server = s;
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_flags = s ? SA_RESETHAND : 0;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

/* What the server tells the operator while it runs (a tool a rescan could
 * not add), worded as the start-up warnings. */
static void warn(void *user, const char *line)
{
    fprintf(stderr, "boxagnts %s: warning: tool skipped: %s\n", (const char *)user, line);
}

static void mcp_usage(FILE *f) { usage(f, "mcp"); }
static void serve_usage(FILE *f) { usage(f, "serve"); }

/* Parses argv into c: the policy file first, then the flags over its
 * defaults (bx_grants_merge: flags add to its lists, replace its limits).
 * Returns -1 when all is well, else the exit code. */
static int parse(const char *cmd, int argc, char **argv, bx_server_config *c, cli_opts *fl)
{
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_executor_config *d = &c->defaults;
    int rc = cli_parse(fl, argc, argv, 0);
    if (rc >= 0)
        return rc;
    if (fl->npos) {
        fprintf(stderr, "boxagnts %s: unknown argument %s (see boxagnts %s --help)\n", cmd, fl->pos[0], cmd);
        return EXIT_USAGE;
    }
    if ((rc = cli_workspace(fl)) != 0)
        return rc;
    if (cli_default_tool_dirs(c))
        return EXIT_ERROR;
    if (fl->policy && bx_server_config_load_policy(c, fl->policy, &err) != BX_OK) {
        fprintf(stderr, "boxagnts %s: %s\n", cmd, err.msg);
        return EXIT_USAGE;
    }
    if (bx_grants_merge(&d->g, &fl->g, &err) != BX_OK) {
        fprintf(stderr, "boxagnts %s: %s\n", cmd, err.msg);
        return EXIT_ERROR;
    }
    for (size_t i = 0; i < fl->ntools; i++)
        if (cli_push(&d->tools, &d->ntools, fl->tools[i]))
            return EXIT_ERROR;
    for (size_t i = 0; i < fl->ntool_dirs; i++)
        if (cli_push(&c->tool_dirs, &c->ntool_dirs, fl->tool_dirs[i]))
            return EXIT_ERROR;
    if (fl->profile_set)
        d->max_level = fl->max_level;
    if (fl->quota_fuel) d->quota_fuel = fl->quota_fuel;
    if (fl->quota_calls) d->quota_calls = fl->quota_calls;
    if (fl->quota_wall_ns) d->quota_wall_ns = fl->quota_wall_ns;
    if (fl->workers) c->workers = fl->workers;
    if (fl->max_message) c->max_message = fl->max_message;
    if (fl->drain_set) c->drain_set = 1, c->drain_ns = fl->drain_ns;   /* over the policy's */
    if (fl->worker_reuse) c->worker_reuse = fl->worker_reuse;
    if (fl->no_confine && d->g.require_os_confinement) {
        fprintf(stderr, "boxagnts %s: --no-os-confinement contradicts --require-os-confinement "
                        "(or the policy's require_os_confinement)\n", cmd);
        return EXIT_USAGE;
    }
    if (!d->g.tier) d->g.tier = bx_tier_env();   /* under the policy's and the flag's */
    c->no_os_confinement = fl->no_confine;
    c->require_os_confinement = d->g.require_os_confinement;
    return -1;
}

static int serve(const char *cmd, int argc, char **argv)
{
    bx_server_config c;
    bx_server_config_init(&c);
    cli_opts fl;
    int mcp = !strcmp(cmd, "mcp");
    cli_opts_init(&fl, mcp ? CLI_MCP : CLI_SERVE, cmd, mcp ? mcp_usage : serve_usage);
    int rc = parse(cmd, argc, argv, &c, &fl);
    const char *executor = fl.executor;   /* borrowed from argv */
    int jsonl = fl.jsonl;
    cli_opts_free(&fl);
    if (rc >= 0) {
        bx_server_config_free(&c);
        return rc;
    }
    if (!strcmp(cmd, "serve") && !jsonl) {
        bx_server_config_free(&c);
        fprintf(stderr, "boxagnts serve: say which protocol: --jsonl (see boxagnts serve --help)\n");
        return EXIT_USAGE;
    }
    /* The cache location rule (cachedir.c), for the defaults the
     * executors inherit. */
    const char *cache_from = "--cache-dir or the policy";
    if (c.defaults.g.cache_dir && (!*c.defaults.g.cache_dir || !strcmp(c.defaults.g.cache_dir, "none"))) {
        free(c.defaults.g.cache_dir);
        c.defaults.g.cache_dir = NULL;
    } else if (!c.defaults.g.cache_dir) {
        char cbuf[PATH_MAX];
        const char *cd = cli_cache_dir(NULL, cbuf, sizeof cbuf, &cache_from);
        if (cd && !(c.defaults.g.cache_dir = strdup(cd))) {
            bx_server_config_free(&c);
            return EXIT_ERROR;
        }
    }
    if ((rc = cli_check_server_grants(cmd, &c, cache_from)) != 0) {
        bx_server_config_free(&c);
        return rc;
    }
    bx_error err;
    memset(&err, 0, sizeof err);
    bx_server *s = bx_server_new(&c, &err);
    size_t searched = c.ntool_dirs;
    bx_server_config_free(&c);
    if (!s) {
        fprintf(stderr, "boxagnts %s: %s\n", cmd, err.msg);
        return cli_setup_exit(err.status);
    }
    const bx_registry *r = bx_server_registry(s);
    for (size_t i = 0; i < bx_registry_problem_count(r); i++)
        fprintf(stderr, "boxagnts %s: warning: tool skipped: %s\n", cmd, bx_registry_problem(r, i));
    if (bx_registry_count(r) == 0) {
        char dir[PATH_MAX], looked[3 * PATH_MAX];
        cli_builtin_tools_dir(dir, sizeof dir, looked, sizeof looked);
        cli_no_tools(cmd, looked, searched);
        bx_server_free(s);
        return EXIT_ERROR;
    }
    /* A client that goes away must not kill us mid-write: writes fail
     * instead, and the server stops cleanly. */
    signal(SIGPIPE, SIG_IGN);
    bx_server_set_warn(s, warn, (void *)cmd);
    on_signals(s);
    bx_status st = jsonl ? bx_server_run_jsonl(s, 0, 1, &err)
                         : bx_server_run_mcp(s, 0, 1, executor, &err);
    on_signals(NULL);
    bx_server_free(s);
    if (st != BX_OK) {
        fprintf(stderr, "boxagnts %s: %s\n", cmd, err.msg);
        return st == BX_ERR_ARG && executor ? EXIT_USAGE : EXIT_ERROR;
    }
    return EXIT_OK;
}

int cmd_mcp(int argc, char **argv) { return serve("mcp", argc, argv); }
int cmd_serve(int argc, char **argv) { return serve("serve", argc, argv); }
